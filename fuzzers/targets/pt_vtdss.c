// SPDX-License-Identifier: GPL-2.0
/*
 * pt_vtdss: generic_pt's Intel VT-d second-stage format (VT-d spec 3.7
 * "Second-Stage Translation", 9.8 "Second-Stage Paging Entries").
 * Configurations as intel_iommu_domain_alloc_second_stage() makes them: a
 * 3-, 4- or 5-level walk with the VA compute_vasz_lg2_ss() picks from
 * MGAW (min(39/48/57, MGAW), also a deeper walk than the VA needs when
 * SAGAW offers nothing narrower), 52-bit output, FLUSH_RANGE,
 * FORCE_WRITEABLE for nest parents, DMA_INCOHERENT without coherent
 * paging structures, FORCE_COHERENCE (SNP) once enforced, and the page
 * sizes SLLPS leaves (4K; 4K|2M; 4K|2M|1G).  CONFIG_DEBUG_GENERIC_PT also
 * lets a caller ask for the generic features (DYNAMIC_TOP, FULL_VA, ...),
 * other output sizes and page sizes without 4K: those are fields too.
 *
 * The hardware walker, as a VT-d IOMMU with SSADS does it:
 *  - AW in the PASID/context entry picks the walk: 1 = 3-level (39-bit),
 *    2 = 4-level (48-bit), 3 = 5-level (57-bit); SSPTPTR is 4K aligned.
 *    An IOVA at or above 2^min(AGAW, MGAW) is blocked, so only the top
 *    table entries below it are read.
 *  - 512 entries per table.  No present bit: an entry is present when R
 *    (bit 0) or W (bit 1) is set; otherwise it is ignored whole.
 *  - Reads need R, writes need W, in every entry of the walk.
 *  - PS (bit 7) makes an SS-PDPE a 1G page and an SS-PDE a 2M page, and
 *    only if SLLPS reports that size; it is reserved in SS-PML5E and
 *    SS-PML4E.  Bits between 12 and a large page's size are reserved.
 *  - Address bits 51:HAW are reserved (HAW = the output size), and so is
 *    bit 62 (TM, without device-TLB support), and bit 11 of a non-leaf
 *    entry.  In a leaf, bit 11 is SNP; the domain promises it exactly
 *    when it forces coherence (an IOMMU without snoop control treats it
 *    as reserved).  Bits 10, 61:52, 63 are ignored (software's); X, EMT,
 *    IPAT (2, 5:3, 6) are ignored without SSEE/EMTE.
 *  - With SSADS, a translation sets A (bit 8) in every entry it used and
 *    a write sets D (bit 9) in the leaf.  D is what read_and_clear_dirty
 *    reports; a new leaf starts clean.
 */
#include <errno.h>
#include <string.h>

#include "pt_common.h"

enum { F_LEVELS, F_VASZ, F_OAS, F_FEATURES, F_PGSIZES, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS };

#define FEAT_FORCE_COHERENCE	PTF_PT_FMT(0)
#define FEAT_FORCE_WRITEABLE	PTF_PT_FMT(1)

#define SZ_4K	(1ULL << 12)
#define SZ_2M	(1ULL << 21)
#define SZ_1G	(1ULL << 30)

static const char *const levels_names[] = { "4", "5", "3" };
static const uint64_t levels_values[] = { 4, 5, 3 };
/* min(39/48/57, MGAW) and MGAWs real parts report. */
static const char *const vasz_names[] = { "48", "57", "39", "46", "52", "42" };
static const uint64_t vasz_values[] = { 48, 57, 39, 46, 52, 42 };
/* The driver always asks for 52; generic_pt takes less. */
static const char *const oas_names[] = { "52", "46", "39", "48" };
static const uint64_t oas_values[] = { 52, 46, 39, 48 };
static const char *const feature_names[] = {
	"DMA_INCOHERENT", "FLUSH_RANGE", "FORCE_COHERENCE", "FORCE_WRITEABLE",
	"FULL_VA", "DYNAMIC_TOP", "FLUSH_RANGE_NO_GAPS", "DETAILED_GATHER",
};
static const uint64_t feature_values[] = {
	PTF_PT_DMA_INCOHERENT, PTF_PT_FLUSH_RANGE, FEAT_FORCE_COHERENCE,
	FEAT_FORCE_WRITEABLE, PTF_PT_FULL_VA, PTF_PT_DYNAMIC_TOP,
	PTF_PT_FLUSH_RANGE_NO_GAPS, PTF_PT_DETAILED_GATHER,
};
/*
 * What SLLPS (and intel_iommu=sp_off) leave of 4K|2M|1G; the last three
 * only a debug build's caller asks for.  The hardware has what is listed.
 */
static const char *const pgsizes_names[] = {
	"4K|2M|1G", "4K|2M", "4K", "4K|1G", "2M|1G", "2M", "1G",
};
static const uint64_t pgsizes_values[] = {
	SZ_4K | SZ_2M | SZ_1G, SZ_4K | SZ_2M, SZ_4K, SZ_4K | SZ_1G,
	SZ_2M | SZ_1G, SZ_2M, SZ_1G,
};

static const struct cfg_field fields[NR_FIELDS] = {
	[F_LEVELS]	= { "levels", FIELD(levels_names, levels_values) },
	[F_VASZ]	= { "vasz", FIELD(vasz_names, vasz_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_FEATURES]	= { "features", FIELD(feature_names, feature_values),
			    .flags = true },
	[F_PGSIZES]	= { "pgsizes", FIELD(pgsizes_names, pgsizes_values) },
	PT_COMMON_FIELDS(F_TABLES, F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	/*
	 * compute_vasz_lg2_ss() needs MGAW above 30 (else no domain); a
	 * host address width below 32 bits does not exist.
	 */
	if (cfg->v[F_VASZ] < 31 || cfg->v[F_VASZ] > 64 || cfg->v[F_OAS] < 32 ||
	    cfg->v[F_OAS] > 64 || !cfg->v[F_LEVELS])
		return false;
	/* Page-table memory (a 1 GiB arena) is host memory: below the HAW. */
	if (cfg->v[F_OAS] < 64 &&
	    pt_table_base(cfg->v[F_TABLES]) + (1ULL << 30) > 1ULL << cfg->v[F_OAS])
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_PT_VTDSS,
		.features = (unsigned int)cfg->v[F_FEATURES],
		.level = (unsigned int)cfg->v[F_LEVELS] - 1,	/* top level */
		.pgsize_bitmap = cfg->v[F_PGSIZES],
		.ias = (unsigned int)cfg->v[F_VASZ],
		.oas = (unsigned int)cfg->v[F_OAS],
	};
	pt_setup_common(ts, cfg->v[F_TABLES], cfg->v[F_CREATE_FAIL]);
	return true;
}

/* VA bits a table topped at @level translates. */
static unsigned int level_span_lg2(unsigned int level)
{
	return 12 + 9 * (level + 1);
}

/* vtdss_pt_iommu_fmt_init(): a top level of 2..4; the VA is the driver's. */
static bool vtdss_init(const struct ptf_pt_config *pc, struct pt_geom *g)
{
	if (pc->level < 2 || pc->level > 4)
		return false;
	g->top_level = pc->level;
	return true;
}

/* 4K, 2M and 1G leaves, one entry each. */
static uint64_t vtdss_sizes(const struct pt_geom *g, unsigned int level)
{
	return level <= 2 ? 1ULL << pt_item_lg2(g->fmt, level) : 0;
}

/* The nest-parent erratum workaround refuses read-only maps. */
static int vtdss_set_prot(const struct pt_geom *g, int prot)
{
	if ((g->features & FEAT_FORCE_WRITEABLE) && !(prot & MODEL_PROT_WRITE))
		return -EINVAL;
	return 0;
}

/* fmt/vtdss.h and iommu_vtdss.c */
static const struct pt_fmt vtdss_pt = {
	.granule_lg2 = 12, .max_top_level = 4, .max_va_lg2 = 57,
	.max_oa_lg2 = 52,
	.supported = PTF_PT_FLUSH_RANGE | FEAT_FORCE_COHERENCE |
		     FEAT_FORCE_WRITEABLE | PTF_PT_DMA_INCOHERENT,
	.init = vtdss_init, .sizes = vtdss_sizes, .set_prot = vtdss_set_prot,
	.dirty = true,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	pt_predict(ts, &vtdss_pt, d);
}

/*
 * intel_iommu_domain_alloc_second_stage(): the walk and VA of
 * compute_vasz_lg2_ss() (a top level whose span holds the VA, MGAW above
 * 30), a 52-bit HAW, FLUSH_RANGE, FORCE_WRITEABLE for nest parents,
 * DMA_INCOHERENT without coherent paging structures, sizes per SLLPS.
 */
static bool driver_config(const struct target_setup *ts)
{
	const struct ptf_pt_config *pt = &ts->pt;
	unsigned int f = pt->features & ~(FEAT_FORCE_WRITEABLE |
					  PTF_PT_DMA_INCOHERENT);

	return f == PTF_PT_FLUSH_RANGE && pt->oas == 52 && pt->level >= 2 &&
	       pt->level <= 4 && pt->ias > 30 &&
	       pt->ias <= level_span_lg2(pt->level) &&
	       (pt->pgsize_bitmap == pgsizes_values[0] ||
		pt->pgsize_bitmap == pgsizes_values[1] ||
		pt->pgsize_bitmap == pgsizes_values[2]);
}

/* R and W are separate permissions: write-only exists. */
static int access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/* Hardware walker ---------------------------------------------------------- */

#define SS_R		(1ULL << 0)
#define SS_W		(1ULL << 1)
#define SS_PS		(1ULL << 7)
#define SS_A		(1ULL << 8)
#define SS_D		(1ULL << 9)
#define SS_SNP		(1ULL << 11)
#define SS_TM		(1ULL << 62)
#define SS_ADDR(e)	((e) & 0x000ffffffffff000ULL)	/* bits 51:12 */

struct ss_walk {
	const struct hw_ctx *hw;
	unsigned int top;	/* level of the SSPTPTR table: AW + 1 */
	unsigned int reach;	/* IOVA bits the device may use */
	uint64_t addr_rsvd;	/* address bits 51:HAW */
	uint64_t pgsizes;	/* page sizes SLLPS reports, with 4K */
	bool snoop;		/* every leaf carries SNP */
};

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * level;
}

static const char *level_name(unsigned int level)
{
	static const char *const names[] = {
		"SS-PTE", "SS-PDE", "SS-PDPE", "SS-PML4E", "SS-PML5E",
	};

	return level < 5 ? names[level] : "entry";
}

static bool ss_walk_init(struct ss_walk *w, const struct hw_ctx *hw)
{
	uint64_t aw = hw->info->regs[1], root = hw->info->regs[0];
	unsigned int haw = hw->pt->oas < 52 ? hw->pt->oas : 52;
	unsigned int mgaw = hw->pt->ias;

	*w = (struct ss_walk){
		.hw = hw,
		.addr_rsvd = SS_ADDR(~0ULL << haw),
		.pgsizes = SZ_4K | hw->pt->pgsize_bitmap,
		.snoop = hw->pt->features & FEAT_FORCE_COHERENCE,
	};
	if (aw < 1 || aw > 3) {
		hw->error(hw, "AW %llu selects no second-stage walk",
			  (unsigned long long)aw);
		return false;
	}
	if (root & (0xfffULL | w->addr_rsvd)) {
		hw->error(hw, "SSPTPTR 0x%llx is not a 4K aligned address below the HAW",
			  (unsigned long long)root);
		return false;
	}
	w->top = (unsigned int)aw + 1;
	w->reach = level_span_lg2(w->top);
	if (mgaw < w->reach)
		w->reach = mgaw;
	return true;
}

/* The page size a present entry maps at @level, or 0 for a table. */
static uint64_t leaf_size(const struct ss_walk *w, uint64_t e,
			  unsigned int level)
{
	if (level == 0)
		return SZ_4K;
	if (!(e & SS_PS) || level > 2)
		return 0;
	return 1ULL << level_shift(level);
}

/* False (after reporting it) if the hardware would fault on @e. */
static bool entry_ok(const struct ss_walk *w, uint64_t e, unsigned int level,
		     uint64_t va)
{
	const struct hw_ctx *hw = w->hw;
	uint64_t size = leaf_size(w, e, level);
	const char *what = level_name(level);
	unsigned long long v = va, ent = e;

	if (e & (w->addr_rsvd | SS_TM)) {
		hw->error(hw, "%s for 0x%llx has reserved bits 62 or 51:HAW set: 0x%llx",
			  what, v, ent);
		return false;
	}
	if ((e & SS_PS) && level >= 3) {
		hw->error(hw, "%s for 0x%llx has PS set: reserved", what, v);
		return false;
	}
	if ((e & SS_PS) && level && !(w->pgsizes & (1ULL << level_shift(level)))) {
		hw->error(hw, "%s for 0x%llx is a %s page, which SLLPS does not offer",
			  what, v, level == 1 ? "2M" : "1G");
		return false;
	}
	if (!size) {
		if (e & SS_SNP) {
			hw->error(hw, "%s for 0x%llx has reserved bit 11 set: 0x%llx",
				  what, v, ent);
			return false;
		}
		return true;
	}
	if (level && pt_bits(e, level_shift(level) - 1, 12)) {
		hw->error(hw, "%s page at 0x%llx has reserved address bits below its size set: 0x%llx",
			  what, v, ent);
		return false;
	}
	if (!(e & SS_SNP) != !w->snoop) {
		hw->error(hw, "%s page at 0x%llx %s SNP, but the domain %s coherence",
			  what, v, w->snoop ? "lacks" : "has",
			  w->snoop ? "forces" : "does not force");
		return false;
	}
	return true;
}

static void walk(const struct ss_walk *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi, int access);

static void visit(const struct ss_walk *w, uint64_t e, unsigned int level,
		  uint64_t va, uint64_t lo, uint64_t hi, int access)
{
	uint64_t size;

	if (!(e & (SS_R | SS_W))) {
		/* Not present to the device, but generic_pt sees a non-zero entry. */
		if (e)
			w->hw->error(w->hw, "%s for 0x%llx has neither R nor W but is not clear: 0x%llx",
				     level_name(level), (unsigned long long)va,
				     (unsigned long long)e);
		return;
	}
	if (!entry_ok(w, e, level, va))
		return;
	access &= (e & SS_R ? MODEL_PROT_READ : 0) |
		  (e & SS_W ? MODEL_PROT_WRITE : 0);
	size = leaf_size(w, e, level);
	if (size) {
		struct hw_leaf l = {
			.iova = va, .size = size, .phys = SS_ADDR(e),
			.access = access, .dirty = e & SS_D,
		};

		w->hw->leaf(w->hw, &l);
		return;
	}
	w->hw->table(w->hw, SS_ADDR(e), va, level_shift(level));
	walk(w, SS_ADDR(e), level - 1, va, lo, hi, access);
}

static void walk(const struct ss_walk *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi, int access)
{
	unsigned int shift = level_shift(level);
	const uint64_t *ptes = w->hw->map(w->hw, table, 4096);
	uint64_t entries = 512;

	if (!ptes) {
		w->hw->error(w->hw, "%s table at 0x%llx is not live page-table memory",
			     level_name(level), (unsigned long long)table);
		return;
	}
	/* Above MGAW the IOMMU blocks the request before reading the table. */
	if (level == w->top && w->reach < shift + 9)
		entries = w->reach > shift ? 1ULL << (w->reach - shift) : 1;
	for (uint64_t i = 0; i < entries; i++) {
		uint64_t at = va + (i << shift);

		if (at + ((1ULL << shift) - 1) < lo || at > hi)
			continue;
		visit(w, ptes[i], level, at, lo, hi, access);
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct ss_walk w;

	if (ss_walk_init(&w, hw))
		walk(&w, hw->info->regs[0], w.top, 0, lo, hi,
		     MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/*
 * A DMA write at @iova: every entry on the way needs W; then A is set in
 * each of them and D in the leaf, as SSADS does.
 */
static enum hw_write_result hw_write(const struct hw_ctx *hw, uint64_t iova)
{
	uint64_t *path[5], table = hw->info->regs[0];
	unsigned int n = 0;
	struct ss_walk w;

	if (!ss_walk_init(&w, hw) || (w.reach < 64 && iova >> w.reach))
		return HW_WRITE_FAULT;
	for (int level = (int)w.top; level >= 0; level--) {
		uint64_t idx = iova >> level_shift(level) & 511;
		uint64_t *e = hw->map(hw, table + 8 * idx, 8);

		if (!e || !(*e & SS_W) || !entry_ok(&w, *e, level, iova))
			return HW_WRITE_FAULT;
		path[n++] = e;
		if (leaf_size(&w, *e, level)) {
			for (unsigned int i = 0; i < n; i++)
				*path[i] |= SS_A;
			*e |= SS_D;
			return HW_WRITE_DONE;
		}
		table = SS_ADDR(*e);
	}
	return HW_WRITE_FAULT;
}

/* Coverage classes: see pt_class_name(). */
static const unsigned int class_fields[] = { F_LEVELS, F_VASZ, F_FEATURES };

static const struct target pt_vtdss = {
	.name		= "pt_vtdss",
	.summary	= "generic_pt vtdss: Intel VT-d second stage",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.hw_write	= hw_write,
	.driver_config	= driver_config,
	.warn_sites	= pt_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= pt_class_name,
	.twin		= PT_TWINS,
};

const struct target *const ptf_target = &pt_vtdss;
