// SPDX-License-Identifier: GPL-2.0
/*
 * pt_amdv1_mock: generic_pt's AMD IOMMU v1 format as the iommufd selftest
 * builds it (fmt/iommu_mock.c, AMDV1_IOMMUFD_SELFTEST): a 2K granule, so
 * that the IOMMU page is smaller than the CPU's, at most five levels
 * (56 VA bits, leaves below the top-most table) and a 51-bit OA.  The
 * entries are amdv1's, with addresses and the NextLevel 7 size code in 2K
 * units; the "device" is the selftest's, which walks the tables the way
 * the AMD IOMMU does and sets D as it does.
 *
 * Configurations: what mock_domain_alloc_pgtable() makes (starting level
 * 2, no features, 56-bit VA, 51-bit OA, MOCK_IOMMUPT_HUGE narrowing the
 * sizes to MOCK_HUGE_PAGE_SIZE | PAGE_SIZE, dirty ops), and what
 * CONFIG_DEBUG_GENERIC_PT lets through besides: any feature subset amdv1
 * has, fixed tops at levels 1..4, other VA and OA widths, page sizes
 * without the 2K granule.
 *
 * The hardware walker is in pt_amdv1.h.
 */
#include "pt_amdv1.h"

enum { F_LEVEL, F_IAS, F_OAS, F_FEATURES, F_PGSIZES, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS };

static const struct amdv1_fmt mock = {
	.granule_lg2 = 11, .max_top_level = 4,
};

static const char *const level_names[] = { "2", "3", "4", "1" };
static const uint64_t level_values[] = { 2, 3, 4, 1 };
static const char *const ias_names[] = { "56", "38", "48", "47", "32" };
static const uint64_t ias_values[] = { 56, 38, 48, 47, 32 };
static const char *const oas_names[] = { "51", "48", "40" };
static const uint64_t oas_values[] = { 51, 48, 40 };
static const char *const feature_names[] = {
	"DYNAMIC_TOP", "FLUSH_RANGE", "FLUSH_RANGE_NO_GAPS",
	"ENCRYPT_TABLES", "FORCE_COHERENCE", "FULL_VA", "DETAILED_GATHER",
};
static const uint64_t feature_values[] = {
	PTF_PT_DYNAMIC_TOP, PTF_PT_FLUSH_RANGE, PTF_PT_FLUSH_RANGE_NO_GAPS,
	PTF_PT_FMT(0), PTF_PT_FMT(1), PTF_PT_FULL_VA, PTF_PT_DETAILED_GATHER,
};

#define SZ(lg2)		(1ULL << (lg2))
#define MOCK_PAGE	SZ(11)
#define MOCK_HUGE_PAGE	SZ(20)		/* MOCK_HUGE_PAGE_SIZE: 512 pages */
#define CPU_PAGE	SZ(12)

/*
 * What the selftest leaves of the format's sizes: nothing taken
 * (MOCK_IOMMUPT_DEFAULT) or MOCK_IOMMUPT_HUGE's set; for the debug build,
 * the granule with the huge page, the granule alone, a spread of
 * contiguous and default sizes at every level (2^39 included, which the
 * format drops), and sets without the granule.
 */
static const char *const pgsizes_names[] = {
	"none", "huge", "2K|1M", "spread", "2K", "4K|1M|512M", "8K|64K",
};
static const uint64_t pgsizes_values[] = {
	0, MOCK_HUGE_PAGE | CPU_PAGE, MOCK_PAGE | MOCK_HUGE_PAGE,
	SZ(11) | SZ(14) | SZ(20) | SZ(23) | SZ(29) | SZ(32) | SZ(38) |
		SZ(39) | SZ(41) | SZ(46),
	MOCK_PAGE, CPU_PAGE | SZ(20) | SZ(29), SZ(13) | SZ(16),
};

static const struct cfg_field fields[NR_FIELDS] = {
	[F_LEVEL]	= { "level", FIELD(level_names, level_values) },
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_FEATURES]	= { "features", FIELD(feature_names, feature_values),
			    .flags = true },
	[F_PGSIZES]	= { "pgsizes", FIELD(pgsizes_names, pgsizes_values) },
	PT_COMMON_FIELDS(F_TABLES, F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	unsigned int level = (unsigned int)cfg->v[F_LEVEL];

	if (cfg->v[F_IAS] < 32 || cfg->v[F_IAS] > 64 || cfg->v[F_OAS] < 32 ||
	    cfg->v[F_OAS] > 64)
		return false;
	/* As in pt_amdv1.c: a dynamic top at the top-most level wraps. */
	if ((cfg->v[F_FEATURES] & PTF_PT_DYNAMIC_TOP) &&
	    level == mock.max_top_level &&
	    cfg->v[F_IAS] < amdv1_item_lg2(&mock, level))
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_PT_AMDV1_MOCK,
		.features = (unsigned int)cfg->v[F_FEATURES],
		.level = level,
		.pgsize_bitmap = cfg->v[F_PGSIZES],
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
	};
	pt_setup_common(ts, cfg->v[F_TABLES], cfg->v[F_CREATE_FAIL]);
	return true;
}

/* mock_domain_alloc_pgtable(), MOCK_IOMMUPT_DEFAULT or MOCK_IOMMUPT_HUGE. */
static bool driver_config(const struct target_setup *ts)
{
	const struct ptf_pt_config *pt = &ts->pt;

	return pt->level == 2 && !pt->features && pt->ias == 56 &&
	       pt->oas == 51 && (pt->pgsize_bitmap == pgsizes_values[0] ||
				 pt->pgsize_bitmap == pgsizes_values[1]);
}

/* fmt/amdv1.h as AMDV1_IOMMUFD_SELFTEST and iommu_mock.c */
static const struct pt_fmt mock_pt = {
	.granule_lg2 = 11, .max_top_level = 4, .max_va_lg2 = 56,
	.max_oa_lg2 = 51,
	.init = amdv1_pt_init, .sizes = amdv1_pt_sizes,
	.set_prot = amdv1_pt_set_prot, .dirty = true,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	pt_predict(ts, &mock_pt, d);
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	amdv1_hw_walk(hw, &mock, lo, hi);
}

static enum hw_write_result hw_write(const struct hw_ctx *hw, uint64_t iova)
{
	return amdv1_hw_write(hw, &mock, iova);
}

/* Coverage classes: see pt_class_name(). */
static const unsigned int class_fields[] = { F_LEVEL, F_IAS, F_FEATURES };

static const struct target pt_amdv1_mock = {
	.name		= "pt_amdv1_mock",
	.summary	= "generic_pt amdv1_mock: the iommufd selftest's 2K-granule amdv1",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= amdv1_access_of,
	.hw_walk	= hw_walk,
	.hw_write	= hw_write,
	.dirty_unsupported_ret = pt_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= pt_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= pt_class_name,
	.twin		= PT_TWINS,
};

const struct target *const ptf_target = &pt_amdv1_mock;
