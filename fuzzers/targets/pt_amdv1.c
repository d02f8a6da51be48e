// SPDX-License-Identifier: GPL-2.0
/*
 * pt_amdv1: generic_pt's AMD IOMMU v1 format, the host page table of AMD
 * IOMMUs (AMD IOMMU spec, "I/O Page Tables for Host Translations"): one to
 * six levels of 512 entries, 4K granule, any power-of-two page from 4K to
 * 2^51 bytes but 512G (default sizes with NextLevel 0, the others with
 * NextLevel 7 and the entry copied across the page), IR/IW permissions and
 * a dirty bit the IOMMU sets (DTE.HAD).
 *
 * Configurations: what amd_iommu_domain_alloc_paging_v1() makes (starting
 * level 2, DYNAMIC_TOP | ENCRYPT_TABLES | FORCE_COHERENCE and FLUSH_RANGE
 * or FLUSH_RANGE_NO_GAPS, hw_max_vasz from EFR.HATS and IVINFO.VASize: 48,
 * 57 or 64 bits, oas 52, pgsize_bitmap narrowed to AMD_IOMMU_PGSIZES or to
 * the amd_iommu=nohugepages / v2_pgsizes_only sets), what iommufd's
 * noiommu hwpt makes (the same, 64 bits, no narrowing), and what
 * CONFIG_DEBUG_GENERIC_PT lets through besides: the other generic
 * features, starting levels 1..5, other VA and OA widths, page sizes
 * without 4K.  iommu_amdv1.c's PT_FORCE_ENABLED_FEATURES are compiled in
 * (pt_feature() is true for them whatever the config says; the debug
 * build only stops refusing a config without them), so they are no
 * config choice: the top is always dynamic, PTEs always have FC.
 *
 * The hardware walker is in pt_amdv1.h.
 */
#include "pt_amdv1.h"

enum { F_LEVEL, F_IAS, F_OAS, F_FEATURES, F_PGSIZES, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS };

static const struct amdv1_fmt amdv1 = {
	.granule_lg2 = 12, .max_top_level = 5, .no_512g = true,
};

/* The starting level (generic_pt numbering: DTE.Mode - 1). */
static const char *const level_names[] = { "2", "3", "4", "1", "5" };
static const uint64_t level_values[] = { 2, 3, 4, 1, 5 };
/* amd_iommu_hpt_vasize: min(IVINFO.VASize, 48 / 57 / 66 from EFR.HATS). */
static const char *const ias_names[] = { "48", "57", "64", "52", "39", "32" };
static const uint64_t ias_values[] = { 48, 57, 64, 52, 39, 32 };
static const char *const oas_names[] = { "52", "48", "40" };
static const uint64_t oas_values[] = { 52, 48, 40 };
/* Those not forced on (see above). */
static const char *const feature_names[] = {
	"FLUSH_RANGE", "FLUSH_RANGE_NO_GAPS", "FULL_VA", "DETAILED_GATHER",
};
static const uint64_t feature_values[] = {
	PTF_PT_FLUSH_RANGE, PTF_PT_FLUSH_RANGE_NO_GAPS, PTF_PT_FULL_VA,
	PTF_PT_DETAILED_GATHER,
};

/* PT_FORCE_ENABLED_FEATURES, said as the driver says them. */
#define AMDV1_FORCED	(PTF_PT_DYNAMIC_TOP | PTF_PT_FMT(0) | PTF_PT_FMT(1))

#define SZ(lg2)		(1ULL << (lg2))
/* AMD_IOMMU_PGSIZES: every size from 4K to 2^51 but 512G. */
#define AMD_PGSIZES	((SZ(52) - SZ(12)) & ~SZ(39))

/*
 * What the driver leaves of the format's sizes: the AMD driver's default
 * and its two command line sets, noiommu's "none" (nothing taken), and for
 * the debug build a spread of contiguous and default sizes at every level
 * (512G included: the format must drop it) and sets without 4K.
 */
static const char *const pgsizes_names[] = {
	"amd", "none", "4K", "4K|2M|1G", "spread", "2M|1G", "8K|1M|4M",
};
static const uint64_t pgsizes_values[] = {
	AMD_PGSIZES, 0, SZ(12), SZ(12) | SZ(21) | SZ(30),
	SZ(12) | SZ(16) | SZ(21) | SZ(25) | SZ(30) | SZ(32) | SZ(39) |
		SZ(40) | SZ(48) | SZ(51),
	SZ(21) | SZ(30), SZ(13) | SZ(20) | SZ(22),
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

	/* IOMMUs address at least 4 GiB, and drivers say so. */
	if (cfg->v[F_IAS] < 32 || cfg->v[F_IAS] > 64 || cfg->v[F_OAS] < 32 ||
	    cfg->v[F_OAS] > 64)
		return false;
	/*
	 * pt_top_memsize_lg2() sizes a top table at PT_MAX_TOP_LEVEL as
	 * 2^(VA bits - 57) entries, dynamic top or not, and that wraps below
	 * 57 bits: the genpt-top-narrower-than-item finding, which known.c
	 * does not expect with a dynamic top.  No driver starts a table at
	 * the top-most level.
	 */
	if (level == amdv1.max_top_level &&
	    cfg->v[F_IAS] < amdv1_item_lg2(&amdv1, level))
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_PT_AMDV1,
		.features = (unsigned int)cfg->v[F_FEATURES] | AMDV1_FORCED,
		.level = level,
		.pgsize_bitmap = cfg->v[F_PGSIZES],
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
	};
	pt_setup_common(ts, cfg->v[F_TABLES], cfg->v[F_CREATE_FAIL]);
	return true;
}

/*
 * amd_iommu_domain_alloc_paging_v1(): level 2, 52-bit OA, one of the two
 * flush modes, a HATS-limited VA and one of the command line's sets; or
 * iommufd's noiommu domain: no flush feature, 64 bits, nothing narrowed.
 */
static bool driver_config(const struct target_setup *ts)
{
	const struct ptf_pt_config *pt = &ts->pt;
	unsigned int extra = pt->features & ~AMDV1_FORCED;
	bool amd = (extra == PTF_PT_FLUSH_RANGE ||
		    extra == PTF_PT_FLUSH_RANGE_NO_GAPS) &&
		   (pt->ias == 48 || pt->ias == 57 || pt->ias == 64) &&
		   (pt->pgsize_bitmap == pgsizes_values[0] ||
		    pt->pgsize_bitmap == pgsizes_values[2] ||
		    pt->pgsize_bitmap == pgsizes_values[3]);
	bool noiommu = !extra && pt->ias == 64 && !pt->pgsize_bitmap;

	return pt->level == 2 && pt->oas == 52 && (amd || noiommu);
}

/* fmt/amdv1.h and iommu_amdv1.c */
static const struct pt_fmt amdv1_pt = {
	.granule_lg2 = 12, .max_top_level = 5, .max_va_lg2 = 64,
	.max_oa_lg2 = 52,
	.supported = PTF_PT_FULL_VA | PTF_PT_DYNAMIC_TOP | PTF_PT_FLUSH_RANGE |
		     PTF_PT_FLUSH_RANGE_NO_GAPS | PTF_PT_FMT(0) | PTF_PT_FMT(1),
	.forced = AMDV1_FORCED,
	.init = amdv1_pt_init, .sizes = amdv1_pt_sizes,
	.set_prot = amdv1_pt_set_prot, .dirty = true,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	pt_predict(ts, &amdv1_pt, d);
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	amdv1_hw_walk(hw, &amdv1, lo, hi);
}

static enum hw_write_result hw_write(const struct hw_ctx *hw, uint64_t iova)
{
	return amdv1_hw_write(hw, &amdv1, iova);
}

/* Coverage classes: see pt_class_name(). */
static const unsigned int class_fields[] = { F_LEVEL, F_IAS };

static const struct target pt_amdv1 = {
	.name		= "pt_amdv1",
	.summary	= "generic_pt amdv1: AMD IOMMU v1 host page table",
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

const struct target *const ptf_target = &pt_amdv1;
