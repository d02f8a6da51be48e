// SPDX-License-Identifier: GPL-2.0
/*
 * pt_x86_64: generic_pt's x86_64 format, the 4- and 5-level x86 paging
 * structures that Intel VT-d first-stage and AMD IOMMU v2 tables use
 * (Intel SDM vol. 3 "4-Level Paging and 5-Level Paging", VT-d spec 9.7,
 * AMD IOMMU spec 2.2.6).  Configurations as the drivers make them: Intel's
 * sign-extended 48/57-bit, AMD's 47/56-bit without sign extension, and the
 * page sizes a driver narrows to (no 1G without FL1GP).
 *
 * The hardware walker: 512 entries per level; P (bit 0) present; PS (bit
 * 7) makes a PDPTE a 1G page and a PDE a 2M page (bit 12 is then PAT, the
 * bits between it and the page's address reserved); writes need R/W
 * (bit 1) at every level.  No dirty tracking in this format.
 */
#include <string.h>

#include "pt_common.h"

enum { F_LEVELS, F_IAS, F_OAS, F_FEATURES, F_PGSIZES, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS };

static const char *const levels_names[] = { "4", "5", "3" };
static const uint64_t levels_values[] = { 4, 5, 3 };
static const char *const ias_names[] = { "48", "57", "47", "56", "39" };
static const uint64_t ias_values[] = { 48, 57, 47, 56, 39 };
static const char *const oas_names[] = { "52", "46", "40" };
static const uint64_t oas_values[] = { 52, 46, 40 };
static const char *const feature_names[] = {
	"DMA_INCOHERENT", "FULL_VA", "DYNAMIC_TOP", "SIGN_EXTEND",
	"FLUSH_RANGE", "FLUSH_RANGE_NO_GAPS", "DETAILED_GATHER",
	"AMD_ENCRYPT_TABLES",
};
static const uint64_t feature_values[] = {
	PTF_PT_DMA_INCOHERENT, PTF_PT_FULL_VA, PTF_PT_DYNAMIC_TOP,
	PTF_PT_SIGN_EXTEND, PTF_PT_FLUSH_RANGE, PTF_PT_FLUSH_RANGE_NO_GAPS,
	PTF_PT_DETAILED_GATHER, PTF_PT_FMT(0),
};
/*
 * What the driver leaves of the format's page sizes ("all": 4K|2M|1G, named
 * so that the program decoder aims at every size).
 */
static const char *const pgsizes_names[] = {
	"all", "4K|2M", "4K", "2M|1G", "4K|1G", "2M",
};
static const uint64_t pgsizes_values[] = {
	(1 << 12) | (1 << 21) | (1 << 30), (1 << 12) | (1 << 21), 1 << 12,
	(1 << 21) | (1 << 30), (1 << 12) | (1 << 30), 1 << 21,
};

static const struct cfg_field fields[NR_FIELDS] = {
	[F_LEVELS]	= { "levels", FIELD(levels_names, levels_values) },
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_FEATURES]	= { "features", FIELD(feature_names, feature_values),
			    .flags = true },
	[F_PGSIZES]	= { "pgsizes", FIELD(pgsizes_names, pgsizes_values) },
	PT_COMMON_FIELDS(F_TABLES, F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	/* IOMMUs address at least 4 GiB, and drivers say so. */
	if (cfg->v[F_IAS] < 32 || cfg->v[F_IAS] > 64 || cfg->v[F_OAS] < 32 ||
	    cfg->v[F_OAS] > 64 || !cfg->v[F_LEVELS])
		return false;
	/*
	 * x86 sign-extends from the top of its paging structure (bit 47 or
	 * 56).  generic_pt also accepts a narrower sign-extended VA, and then
	 * files the upper half under top-level entry 0, where no x86 walker
	 * looks for it: no driver asks for that.
	 */
	if ((cfg->v[F_FEATURES] & PTF_PT_SIGN_EXTEND) &&
	    cfg->v[F_IAS] != 12 + 9 * cfg->v[F_LEVELS])
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_PT_X86_64,
		.features = (unsigned int)cfg->v[F_FEATURES],
		.level = (unsigned int)cfg->v[F_LEVELS] - 1,	/* top level */
		.pgsize_bitmap = cfg->v[F_PGSIZES],
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
	};
	pt_setup_common(ts, cfg->v[F_TABLES], cfg->v[F_CREATE_FAIL]);
	return true;
}

/*
 * intel-iommu's first stage: sign-extended 48 bits on 4 levels or 57 on
 * 5, FLUSH_RANGE, DMA_INCOHERENT without coherent page walks.  amd-iommu
 * v2: 47 bits on 4 levels or 56 on 5 without sign extension, encrypted
 * tables, FLUSH_RANGE or FLUSH_RANGE_NO_GAPS.  A 52-bit OA; Intel drops
 * 1G pages without FL1GP.
 */
static bool driver_config(const struct target_setup *ts)
{
	const struct ptf_pt_config *pt = &ts->pt;
	unsigned int f = pt->features, flush = f & (PTF_PT_FLUSH_RANGE |
						    PTF_PT_FLUSH_RANGE_NO_GAPS);
	bool intel = (f & ~PTF_PT_DMA_INCOHERENT) ==
		     (PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE) &&
		     pt->ias == 48 + 9 * (pt->level - 3) &&
		     (pt->pgsize_bitmap == pgsizes_values[0] ||
		      pt->pgsize_bitmap == pgsizes_values[1]);
	bool amd = (f & ~flush) == PTF_PT_FMT(0) &&
		   (flush == PTF_PT_FLUSH_RANGE ||
		    flush == PTF_PT_FLUSH_RANGE_NO_GAPS) &&
		   pt->ias == 47 + 9 * (pt->level - 3) &&
		   pt->pgsize_bitmap == pgsizes_values[0];

	return (pt->level == 3 || pt->level == 4) && pt->oas == 52 &&
	       (intel || amd);
}

/* x86_64_pt_iommu_fmt_init(): 4 or 5 levels (top level 3 or 4). */
static bool x86_init(const struct ptf_pt_config *pc, struct pt_geom *g)
{
	if (pc->level < 3 || pc->level > 4)
		return false;
	g->top_level = pc->level;
	g->oasz = pc->oas < 52 ? pc->oas : 52;
	return true;
}

/* 4K, 2M and 1G leaves, one entry each. */
static uint64_t x86_sizes(const struct pt_geom *g, unsigned int level)
{
	return level <= 2 ? 1ULL << pt_item_lg2(g->fmt, level) : 0;
}

/* Every prot is a valid entry (R is implied). */
static int x86_set_prot(const struct pt_geom *g, int prot)
{
	return 0;
}

/* fmt/x86_64.h and iommu_x86_64.c */
static const struct pt_fmt x86_pt = {
	.granule_lg2 = 12, .max_top_level = 4, .max_va_lg2 = 57,
	.max_oa_lg2 = 52,
	.supported = PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE |
		     PTF_PT_FLUSH_RANGE_NO_GAPS | PTF_PT_FMT(0) |
		     PTF_PT_DMA_INCOHERENT,
	.init = x86_init, .sizes = x86_sizes, .set_prot = x86_set_prot,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	pt_predict(ts, &x86_pt, d);
}

/* x86 cannot express write-only: a present entry is readable. */
static int access_of(const struct target_setup *ts, int prot)
{
	return MODEL_PROT_READ | (prot & MODEL_PROT_WRITE);
}

/* Hardware walker ---------------------------------------------------------- */

#define X86_P		(1ULL << 0)
#define X86_RW		(1ULL << 1)
#define X86_PS		(1ULL << 7)
#define X86_ADDR(e)	((e) & 0x000ffffffffff000ULL)	/* bits 51:12 */

struct x86_walk {
	const struct hw_ctx *hw;
	unsigned int levels;	/* 4 or 5 */
	bool sign_extend;
};

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * level;
}

/* A PS leaf: bits 51:shift are the address, bit 12 is PAT, between reserved. */
static void report_leaf(const struct x86_walk *w, uint64_t va,
			unsigned int level, uint64_t e, bool writable)
{
	unsigned int shift = level_shift(level);
	struct hw_leaf l = {
		.iova = va, .size = 1ULL << shift,
		.phys = e & 0x000fffffffffffffULL & ~((1ULL << shift) - 1),
		.access = MODEL_PROT_READ |
			  (writable && (e & X86_RW) ? MODEL_PROT_WRITE : 0),
	};

	if (level && pt_bits(e, shift - 1, 13))
		w->hw->error(w->hw, "%s page at 0x%llx has reserved address bits set: 0x%llx",
			     level == 1 ? "2M" : "1G", (unsigned long long)va,
			     (unsigned long long)e);
	w->hw->leaf(w->hw, &l);
}

static void walk(const struct x86_walk *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi, bool writable);

static void visit(const struct x86_walk *w, uint64_t e, unsigned int level,
		  uint64_t va, uint64_t lo, uint64_t hi, bool writable)
{
	if (!(e & X86_P))
		return;
	if (level == 0 || ((e & X86_PS) && level <= 2)) {
		report_leaf(w, va, level, e, writable);
		return;
	}
	if (e & X86_PS)
		w->hw->error(w->hw, "PS set in a level-%u entry for 0x%llx: reserved",
			     level, (unsigned long long)va);
	w->hw->table(w->hw, X86_ADDR(e), va, level_shift(level));
	walk(w, X86_ADDR(e), level - 1, va, lo, hi, writable && (e & X86_RW));
}

static void walk(const struct x86_walk *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi, bool writable)
{
	unsigned int shift = level_shift(level);
	const uint64_t *ptes = w->hw->map(w->hw, table, 4096);

	if (!ptes)
		w->hw->error(w->hw, "table at 0x%llx is not live page-table memory",
			     (unsigned long long)table);
	for (uint64_t i = 0; i < 512; i++) {
		uint64_t at = va + (i << shift);

		/* Above the top level's bits, a canonical VA repeats its sign. */
		if (level == w->levels - 1 && w->sign_extend)
			at = pt_sign_extend(at, shift + 9);
		if (at + ((1ULL << shift) - 1) < lo || at > hi)
			continue;
		visit(w, ptes[i], level, at, lo, hi, writable);
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct x86_walk w = {
		.hw = hw,
		.levels = (unsigned int)hw->info->regs[1],
		.sign_extend = hw->pt->features & PTF_PT_SIGN_EXTEND,
	};

	if (w.levels != 4 && w.levels != 5)
		hw->error(hw, "%u-level paging is not x86-64 paging", w.levels);
	walk(&w, hw->info->regs[0], w.levels - 1, 0, lo, hi, true);
}

/* Coverage classes: see pt_class_name(). */
static const unsigned int class_fields[] = { F_LEVELS, F_IAS, F_FEATURES };

static const struct target pt_x86_64 = {
	.name		= "pt_x86_64",
	.summary	= "generic_pt x86_64: Intel VT-d first stage, AMD IOMMU v2",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = pt_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= pt_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= pt_class_name,
	.twin		= PT_TWINS,
};

const struct target *const ptf_target = &pt_x86_64;
