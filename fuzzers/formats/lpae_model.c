// SPDX-License-Identifier: GPL-2.0
/*
 * io-pgtable-arm's tables as the model keeps them (lpae_model.h): what
 * alloc_io_pgtable_ops() makes of a configuration, what one map_pages() or
 * unmap_pages() call does, the access a leaf grants and the WARN sites.
 * Shared by the arm_lpae target and the drivers' targets on LPAE tables.
 */
#include <errno.h>
#include <stdlib.h>

#include "lpae_model.h"

static bool is_s1(enum ptf_fmt fmt)
{
	return fmt == PTF_FMT_ARM_64_LPAE_S1 || fmt == PTF_FMT_ARM_32_LPAE_S1;
}

static bool is_s2(enum ptf_fmt fmt)
{
	return fmt == PTF_FMT_ARM_64_LPAE_S2 || fmt == PTF_FMT_ARM_32_LPAE_S2;
}

/* What io-pgtable-arm makes of a config: its levels and limits. */
struct lpae_geom {
	unsigned int granule_lg2, bpl;	/* page shift, index bits per level */
	int start_level;
	uint64_t pgsize_bitmap;
	unsigned int ias, oas;
	unsigned int span_lg2;		/* IOVA bits the PGD's indexes cover */
	uint64_t va_base;		/* IOVA of PGD entry 0 (TTBR1: -2^ias) */
	bool ttbr1, no_warn;
};

static struct lpae_geom geom;

#define SZ_4K	(1ULL << 12)
#define SZ_16K	(1ULL << 14)
#define SZ_64K	(1ULL << 16)
#define SZ_2M	(1ULL << 21)
#define SZ_32M	(1ULL << 25)
#define SZ_512M	(1ULL << 29)
#define SZ_1G	(1ULL << 30)

static unsigned int lvl_shift_of(const struct lpae_geom *g, int lvl)
{
	return g->granule_lg2 + (3 - lvl) * g->bpl;
}

/*
 * arm_lpae_restrict_pgsizes(): the granule is the CPU's page if the
 * bitmap has it (4K here), else the largest size below it, else the
 * smallest above; the bitmap keeps the granule's block sizes, and IAS/OAS
 * are capped at 48 bits (52 with 64K).
 */
static void restrict_pgsizes(uint64_t *bitmap, unsigned int *ias,
			     unsigned int *oas)
{
	uint64_t b = *bitmap, granule = 0, sizes = 0;
	unsigned int max_bits = 48;

	if (b & SZ_4K)
		granule = SZ_4K;
	else if (b & (SZ_4K - 1))
		granule = 1ULL << (63 - __builtin_clzll(b & (SZ_4K - 1)));
	else if (b)
		granule = b & -b;
	if (granule == SZ_4K)
		sizes = SZ_4K | SZ_2M | SZ_1G;
	else if (granule == SZ_16K)
		sizes = SZ_16K | SZ_32M;
	else if (granule == SZ_64K) {
		max_bits = 52;
		sizes = SZ_64K | SZ_512M | (*oas > 48 ? 1ULL << 42 : 0);
	}
	*bitmap = b & sizes;
	*ias = *ias < max_bits ? *ias : max_bits;
	*oas = *oas < max_bits ? *oas : max_bits;
}

static bool oas_has_ips(unsigned int oas)
{
	return oas == 32 || oas == 36 || oas == 40 || oas == 42 || oas == 44 ||
	       oas == 48 || oas == 52;
}

/* Arm DDI0487 R_DXBSH / R_SRKBC, as arm_lpae_concat_mandatory() reads them. */
static bool concat_mandatory(const struct lpae_geom *g)
{
	if (g->granule_lg2 == 14 && g->start_level == 0)
		return g->oas == 48 || g->ias == 48;
	if (g->granule_lg2 == 12 && g->start_level == 0)
		return g->oas == 40 || g->oas == 42;
	return g->granule_lg2 == 14 && g->start_level == 1 && g->oas == 40;
}

/*
 * alloc_io_pgtable_ops() for each format: which configs it takes and the
 * regime it sets up.  Allocations: the format's data, the PGD.  Returns
 * false if the config is refused.
 */
static bool lpae_geometry(const struct ptf_pt_config *pc, struct lpae_geom *g,
			  struct target_domain *d)
{
	unsigned int q = pc->quirks, ias = pc->ias, oas = pc->oas;
	uint64_t bitmap = pc->pgsize_bitmap;
	int levels, va_bits, pgd_bits;
	bool mali = pc->fmt == PTF_FMT_ARM_MALI_LPAE;

	if (pc->fmt == PTF_FMT_ARM_32_LPAE_S1 && (ias > 32 || oas > 40))
		return false;
	if (pc->fmt == PTF_FMT_ARM_32_LPAE_S2 && (ias > 40 || oas > 40))
		return false;
	if (mali && (q || ias > 48 || oas > 40))
		return false;
	if (is_s1(pc->fmt) && (q & ~(PTF_QUIRK_ARM_NS | PTF_QUIRK_ARM_TTBR1 |
				     PTF_QUIRK_ARM_OUTER_WBWA |
				     PTF_QUIRK_ARM_HD | PTF_QUIRK_NO_WARN)))
		return false;
	if (is_s2(pc->fmt) && (q & ~(PTF_QUIRK_ARM_S2FWB | PTF_QUIRK_NO_WARN)))
		return false;
	if (pc->fmt != PTF_FMT_ARM_64_LPAE_S1 && pc->fmt != PTF_FMT_ARM_64_LPAE_S2)
		bitmap &= SZ_4K | SZ_2M | SZ_1G;
	restrict_pgsizes(&bitmap, &ias, &oas);
	if (!(bitmap & (SZ_4K | SZ_16K | SZ_64K)))
		return false;
	d->create_allocs++;		/* struct arm_lpae_io_pgtable */
	*g = (struct lpae_geom){
		.granule_lg2 = __builtin_ctzll(bitmap),
		.pgsize_bitmap = bitmap, .ias = ias, .oas = oas,
		.ttbr1 = q & PTF_QUIRK_ARM_TTBR1, .no_warn = q & PTF_QUIRK_NO_WARN,
	};
	g->bpl = g->granule_lg2 - 3;
	va_bits = (int)ias - (int)g->granule_lg2;
	levels = (va_bits + (int)g->bpl - 1) / (int)g->bpl;
	g->start_level = 4 - levels;
	pgd_bits = va_bits - (int)g->bpl * (levels - 1);
	if (is_s1(pc->fmt) && pc->coherent_walk && (q & PTF_QUIRK_ARM_OUTER_WBWA))
		return false;
	if (is_s2(pc->fmt) && concat_mandatory(g)) {
		if (pgd_bits > 4) {
			d->create_warn = "lpae-s2-concat";
			return false;
		}
		pgd_bits += (int)g->bpl;
		g->start_level++;
	}
	if (!mali && !oas_has_ips(oas))
		return false;
	if (mali && g->start_level > 0) {
		g->start_level = 0;	/* "a full 4-level table regardless of IAS" */
		pgd_bits = 0;
	}
	d->create_allocs++;		/* the PGD */
	g->span_lg2 = lvl_shift_of(g, g->start_level) + (unsigned int)pgd_bits;
	g->va_base = g->ttbr1 ? -(1ULL << ias) : 0;
	return true;
}

/* The entry at level @lvl for @iova: a leaf, a table or nothing. */
enum lpae_entry { LPAE_EMPTY, LPAE_TABLE, LPAE_LEAF };

static enum lpae_entry entry_at(const struct model *m, int lvl, uint64_t iova)
{
	unsigned int sh = lvl_shift_of(&geom, lvl);
	const struct pt_leaf *l = model_lookup(m, iova);

	if (l && l->size == 1ULL << sh)
		return LPAE_LEAF;
	if (lvl < 3 && model_has_table(m, iova & ~((1ULL << sh) - 1), sh))
		return LPAE_TABLE;
	return LPAE_EMPTY;
}

/* Everything below the table entry of level @lvl at @iova goes. */
static void drop_table(struct model *m, int lvl, uint64_t iova)
{
	uint64_t last = iova + ((1ULL << lvl_shift_of(&geom, lvl)) - 1);

	model_remove_leaves(m, iova, last);
	model_remove_tables(m, iova, last, lvl_shift_of(&geom, lvl));
}

/* The level whose blocks are @pgsize bytes. */
static int level_of(uint64_t pgsize)
{
	for (int lvl = geom.start_level; lvl <= 3; lvl++)
		if (1ULL << lvl_shift_of(&geom, lvl) == pgsize)
			return lvl;
	return -1;
}

/* Entries from @iova to the end of its (4K-chunk of the) table at @lvl. */
static uint64_t entries_left(int lvl, uint64_t iova)
{
	unsigned int sh = lvl_shift_of(&geom, lvl);

	return (1ULL << geom.bpl) - ((iova >> sh) & ((1ULL << geom.bpl) - 1));
}

/* (s64)iova >> ias is the sign extension: 0, or all ones with TTBR1. */
static bool iova_outside(uint64_t iova)
{
	int64_t ext = geom.ias < 64 ? (int64_t)iova >> geom.ias : 0;

	return geom.ttbr1 ? ext != -1 : ext != 0;
}

/* Room for @n leaves, kept between calls: a run is built, then inserted. */
static struct pt_leaf *run_buffer(uint64_t n)
{
	static struct pt_leaf *run;
	static uint64_t cap;

	if (n > cap) {
		free(run);
		run = malloc(n * sizeof(*run));
		if (!run)
			abort();
		cap = n;
	}
	return run;
}

/* @n leaves of @pgsize from @iova -> @pa, in one insertion. */
static void add_run(struct model *m, uint64_t iova, uint64_t pa,
		    uint64_t pgsize, uint64_t n, int prot)
{
	struct pt_leaf *run = run_buffer(n);

	for (uint64_t i = 0; i < n; i++)
		run[i] = model_new_leaf(m, iova + i * pgsize, pgsize,
					pa + i * pgsize, prot);
	model_add_leaves(m, run, n);
}

/*
 * arm_lpae_map_pages(): down to the level of @pgsize, allocating tables
 * where there are none and refusing to go below a block; there, up to the
 * end of the table, replace each table by the leaf (freeing what is below)
 * and refuse a live leaf (-EEXIST, after the tables before it are gone).
 */
static int lpae_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			  uint64_t pgsize, uint64_t count, int prot,
			  uint64_t *mapped)
{
	int lvl, target = level_of(pgsize);
	uint64_t n;

	if (target < 0 || !(pgsize & geom.pgsize_bitmap))
		abort();	/* the core picks from the bitmap */
	if (iova_outside(iova) || (geom.oas < 64 && pa >> geom.oas)) {
		model_warn(m, "lpae-map-range");
		return -ERANGE;
	}
	if (!(prot & (MODEL_PROT_READ | MODEL_PROT_WRITE)))
		return -EINVAL;
	for (lvl = geom.start_level; lvl < target; lvl++) {
		unsigned int sh = lvl_shift_of(&geom, lvl);
		enum lpae_entry e = entry_at(m, lvl, iova);

		if (e == LPAE_LEAF) {
			if (!geom.no_warn)
				model_warn(m, "lpae-map-under-block");
			return -EEXIST;
		}
		if (e == LPAE_EMPTY) {
			if (!model_alloc(m))
				return -ENOMEM;
			model_add_table(m, iova & ~((1ULL << sh) - 1), sh);
		}
	}
	count = model_pgcount(m, count);
	n = count < entries_left(target, iova) ? count : entries_left(target, iova);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t at = iova + i * pgsize;
		enum lpae_entry e = entry_at(m, target, at);

		if (e == LPAE_LEAF) {
			if (!geom.no_warn)
				model_warn(m, "lpae-map-live");
			return -EEXIST;
		}
		if (e == LPAE_TABLE)
			drop_table(m, target, at);
	}
	add_run(m, iova, pa, pgsize, n, prot);
	*mapped += n * pgsize;
	return 0;
}

/*
 * Linux before 6.2, arm_lpae_split_blk_unmap(): the block at @lvl becomes
 * a new table (one allocation; 0 if it fails) of the next level's blocks,
 * with its attributes, but for what the call unmaps if that is their size
 * (up to @count of them, to the table's end); otherwise the split goes on
 * a level down.
 */
static uint64_t split_unmap(struct model *m, int lvl, uint64_t iova,
			    uint64_t pgsize, uint64_t count)
{
	struct pt_leaf blk = *model_lookup(m, iova);
	uint64_t split = 1ULL << lvl_shift_of(&geom, lvl + 1), n;
	struct pt_leaf *run;

	if (!model_alloc(m))
		return 0;
	n = blk.size / split;
	run = run_buffer(n);
	for (uint64_t i = 0; i < n; i++) {
		run[i] = blk;
		run[i].iova = blk.iova + i * split;
		run[i].phys = blk.phys + i * split;
		run[i].size = split;
	}
	model_remove_leaves(m, blk.iova, blk.iova + (blk.size - 1));
	model_add_leaves(m, run, n);
	model_add_table(m, blk.iova, lvl_shift_of(&geom, lvl));
	if (pgsize != split)
		return split_unmap(m, lvl + 1, iova, pgsize, count);
	n = count < entries_left(lvl + 1, iova) ? count : entries_left(lvl + 1, iova);
	model_remove_leaves(m, iova, iova + (n * pgsize - 1));
	return n * pgsize;
}

/*
 * arm_lpae_unmap_pages(): down to the level of @pgsize (nothing at an
 * empty entry, nothing and a WARN at a block above it); there, up to the
 * end of the table or the first empty entry, clear leaves and drop tables
 * with everything below them.
 */
static uint64_t lpae_unmap_pages(struct model *m, uint64_t iova,
				 uint64_t pgsize, uint64_t count)
{
	int lvl, target = level_of(pgsize);
	uint64_t n, i;

	if (target < 0 || !(pgsize & geom.pgsize_bitmap) || !count)
		abort();	/* the core picks from the bitmap */
	if (iova_outside(iova)) {
		model_warn(m, "lpae-unmap-range");
		return 0;
	}
	for (lvl = geom.start_level; lvl <= target; lvl++) {
		enum lpae_entry e = entry_at(m, lvl, iova);

		if (e == LPAE_EMPTY) {
			if (!geom.no_warn)
				model_warn(m, "lpae-unmap-empty");
			return 0;
		}
		if (lvl < target && e == LPAE_LEAF) {
			if (m->rules.unmap_splits_blocks)
				return split_unmap(m, lvl, iova, pgsize, count);
			model_warn(m, "lpae-unmap-partial");
			return 0;
		}
	}
	count = model_pgcount(m, count);
	n = count < entries_left(target, iova) ? count : entries_left(target, iova);
	for (i = 0; i < n; i++) {
		if (entry_at(m, target, iova + i * pgsize) == LPAE_EMPTY) {
			if (!geom.no_warn)
				model_warn(m, "lpae-unmap-empty");
			break;
		}
	}
	/* The leaves go, and the tables with everything below them. */
	if (i) {
		model_remove_leaves(m, iova, iova + (i * pgsize - 1));
		model_remove_tables(m, iova, iova + (i * pgsize - 1),
				    lvl_shift_of(&geom, target));
	}
	return i * pgsize;
}

/* A walk indexes the IOVA bits below the PGD's reach and ignores the rest. */
static bool lpae_alias(const struct model *m, uint64_t iova, uint64_t *canon)
{
	*canon = geom.va_base | (iova & model_up_to(geom.span_lg2 - 1));
	return true;
}

static const struct model_impl lpae_impl = {
	.map_pages	= lpae_map_pages,
	.unmap_pages	= lpae_unmap_pages,
	.alias		= lpae_alias,
};

void lpae_model_predict(const struct ptf_pt_config *pc,
			struct target_domain *d)
{
	uint64_t span;
	bool hd = pc->quirks & PTF_QUIRK_ARM_HD;

	d->accepted = lpae_geometry(pc, &geom, d);
	if (!d->accepted)
		return;
	span = 1ULL << geom.ias;
	d->info = (struct ptf_pt_info){
		.pgsize_bitmap = geom.pgsize_bitmap,
		.ias = geom.ias, .oas = geom.oas,
		.va_first = geom.ttbr1 ? -span : 0,
		.va_last = geom.ttbr1 ? UINT64_MAX : span - 1,
	};
	d->rules = (struct model_rules){
		.pgsize_bitmap = geom.pgsize_bitmap,
		.va_first = d->info.va_first,
		.va_last = d->info.va_last,
		.pa_limit = 1ULL << geom.oas,
		.dirty_on_map = hd && is_s1(pc->fmt),
		.tracks_dirty = hd && pc->fmt == PTF_FMT_ARM_64_LPAE_S1 &&
				!geom.ttbr1,
	};
	d->impl = &lpae_impl;
	d->impl_ctx = &geom;
}

/*
 * Stage 1 can only take writes away; stage 2 and Mali grant R and W apart.
 * IOMMU_NOEXEC is XN; stage 1 grants unprivileged access unless
 * IOMMU_PRIV; IOMMU_MMIO is device memory, IOMMU_CACHE write-back (Mali
 * has no device type: its "device" index has the non-cacheable policy).
 */
int lpae_access_of(enum ptf_fmt fmt, int prot)
{
	int rw = prot & (MODEL_PROT_READ | MODEL_PROT_WRITE), acc = rw;
	bool mali = fmt == PTF_FMT_ARM_MALI_LPAE;

	if (is_s1(fmt)) {
		acc = rw == MODEL_PROT_READ ? MODEL_PROT_READ :
					      MODEL_PROT_READ | MODEL_PROT_WRITE;
		if (!(prot & PTF_PROT_PRIV))
			acc |= HW_ACC_UNPRIV;
	}
	if (!(prot & PTF_PROT_NOEXEC))
		acc |= HW_ACC_EXEC;
	if (prot & PTF_PROT_MMIO)
		acc |= mali ? 0 : HW_MEM_DEVICE;
	else if (prot & PTF_PROT_CACHE)
		acc |= HW_MEM_CACHED;
	return acc;
}

#define NO_WARN_COND	"!(data->iop.cfg.quirks & IO_PGTABLE_QUIRK_NO_WARN)"

const struct warn_site lpae_warn_sites[] = {
	{ "lpae-map-live", "io-pgtable-arm.c", "arm_lpae_init_pte", NO_WARN_COND,
	  "map over a live leaf: -EEXIST (silent with IO_PGTABLE_QUIRK_NO_WARN)" },
	{ "lpae-map-under-block", "io-pgtable-arm.c", "__arm_lpae_map",
	  "!(cfg->quirks & IO_PGTABLE_QUIRK_NO_WARN)",
	  "map below a live block: -EEXIST" },
	{ "lpae-unmap-empty", "io-pgtable-arm.c", "__arm_lpae_unmap",
	  NO_WARN_COND, "unmap of an empty entry" },
	{ "lpae-unmap-partial", "io-pgtable-arm.c", "__arm_lpae_unmap",
	  "Unmap of a partial large IOPTE is not allowed",
	  "unmap of part of a block" },
	{ "lpae-map-range", "io-pgtable-arm.c", "arm_lpae_map_pages",
	  "iaext || paddr >> cfg->oas",
	  "IOVA beyond the IAS or PA beyond the OAS: -ERANGE" },
	{ "lpae-unmap-range", "io-pgtable-arm.c", "arm_lpae_unmap_pages",
	  "iaext", "IOVA beyond the IAS" },
	{ "lpae-dirty-empty", "io-pgtable-arm.c",
	  "arm_lpae_read_and_clear_dirty", "!size", "empty window" },
	{ "lpae-dirty-range", "io-pgtable-arm.c",
	  "arm_lpae_read_and_clear_dirty",
	  "(iova + size - 1) & ~(BIT(cfg->ias) - 1)",
	  "window beyond the IAS (always with TTBR1)" },
	{ "lpae-s2-concat", "io-pgtable-arm.c", "arm_64_lpae_alloc_pgtable_s2",
	  "(ARM_LPAE_PGD_SIZE(data) / sizeof(arm_lpae_iopte)) > ARM_LPAE_S2_MAX_CONCAT_PAGES",
	  "more than 16 concatenated stage-2 tables: config refused" },
	{ NULL },
};
