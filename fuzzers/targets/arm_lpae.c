// SPDX-License-Identifier: GPL-2.0
/*
 * arm_lpae: io-pgtable-arm's VMSAv8 long-descriptor formats
 * (ARM_64_LPAE_S1/S2, ARM_32_LPAE_S1/S2, ARM_MALI_LPAE), 4K/16K/64K granules,
 * the IAS/OAS range including stage-2 concatenated PGDs, TTBR1, and HD
 * dirty tracking.
 *
 * The hardware walker (lpae_walk.c) follows the Arm ARM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lpae_walk.h"
#include "target.h"

enum { F_FMT, F_GRANULE, F_BLOCKS, F_EXTRA, F_IAS, F_OAS, F_QUIRKS,
	F_COHERENT, F_TABLES, F_CREATE_FAIL, NR_FIELDS };

static const char *const fmt_names[] = {
	"ARM_64_LPAE_S1", "ARM_64_LPAE_S2", "ARM_32_LPAE_S1", "ARM_32_LPAE_S2",
	"ARM_MALI_LPAE",
};
static const uint64_t fmt_values[] = {
	PTF_FMT_ARM_64_LPAE_S1, PTF_FMT_ARM_64_LPAE_S2, PTF_FMT_ARM_32_LPAE_S1,
	PTF_FMT_ARM_32_LPAE_S2, PTF_FMT_ARM_MALI_LPAE,
};
static const char *const granule_names[] = { "4K", "16K", "64K" };
static const uint64_t granule_values[] = { 1 << 12, 1 << 14, 1 << 16 };
/* Block sizes one and two levels above the page, per granule. */
static const char *const block_names[] = { "L2", "L1" };
static const uint64_t block_values[] = { 1, 2 };
/* Sizes a driver might add to its request by mistake or by design. */
static const char *const extra_names[] = { "4K", "16K", "64K", "2M", "1G" };
static const uint64_t extra_values[] = {
	1ULL << 12, 1ULL << 14, 1ULL << 16, 1ULL << 21, 1ULL << 30,
};
static const char *const ias_names[] = {
	"32", "36", "39", "40", "42", "44", "47", "48", "52",
};
static const uint64_t ias_values[] = { 32, 36, 39, 40, 42, 44, 47, 48, 52 };
static const char *const oas_names[] = { "32", "36", "40", "42", "44", "48", "52" };
static const uint64_t oas_values[] = { 32, 36, 40, 42, 44, 48, 52 };
static const char *const quirk_names[] = {
	"NS", "TTBR1", "OUTER_WBWA", "HD", "S2FWB", "NO_WARN", "NO_PERMS",
};
static const uint64_t quirk_values[] = {
	PTF_QUIRK_ARM_NS, PTF_QUIRK_ARM_TTBR1, PTF_QUIRK_ARM_OUTER_WBWA,
	PTF_QUIRK_ARM_HD, PTF_QUIRK_ARM_S2FWB, PTF_QUIRK_NO_WARN,
	PTF_QUIRK_NO_PERMS,
};
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };
/* Where the tables live: low memory, above 4 GiB, just below the OAS. */
static const char *const tables_names[] = { "low", "high", "top" };
static const uint64_t tables_values[] = { 0, 1, 2 };
static const char *const fail_names[] = { "none", "1", "2", "3" };
static const uint64_t fail_values[] = { 0, 1, 2, 3 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_FMT]		= { "fmt", FIELD(fmt_names, fmt_values) },
	[F_GRANULE]	= { "granule", FIELD(granule_names, granule_values) },
	[F_BLOCKS]	= { "blocks", FIELD(block_names, block_values), .flags = true },
	[F_EXTRA]	= { "extra", FIELD(extra_names, extra_values), .flags = true },
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_QUIRKS]	= { "quirks", FIELD(quirk_names, quirk_values), .flags = true },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	[F_CREATE_FAIL]	= { "create_fail", FIELD(fail_names, fail_values) },
};

static bool is_s1(enum ptf_fmt fmt)
{
	return fmt == PTF_FMT_ARM_64_LPAE_S1 || fmt == PTF_FMT_ARM_32_LPAE_S1;
}

static bool is_s2(enum ptf_fmt fmt)
{
	return fmt == PTF_FMT_ARM_64_LPAE_S2 || fmt == PTF_FMT_ARM_32_LPAE_S2;
}

static uint64_t table_base(uint64_t choice, unsigned int oas)
{
	/* Table addresses need 48 bits at most (52 only for some 64K tables). */
	if (oas > 48)
		oas = 48;
	if (choice == 1 && oas > 34)
		return 1ULL << 33;
	if (choice == 2 && oas > 33 && oas < 64)
		return (1ULL << oas) - (2ULL << 30);
	return 1ULL << 30;
}

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	uint64_t granule = cfg->v[F_GRANULE];
	unsigned int shift = __builtin_ctzll(granule), bpl = shift - 3;
	uint64_t bitmap = granule | cfg->v[F_EXTRA];

	/*
	 * SMMU drivers read IAS/OAS from ID registers: 32 to 64 bits.  Below
	 * the granule shift io-pgtable-arm computes negative table sizes
	 * (undefined shifts): not a configuration any driver can make.
	 */
	if (cfg->v[F_IAS] < 32 || cfg->v[F_IAS] > 64 ||
	    cfg->v[F_OAS] < 32 || cfg->v[F_OAS] > 64)
		return false;
	if (cfg->v[F_BLOCKS] & 1)
		bitmap |= granule << bpl;
	if ((cfg->v[F_BLOCKS] & 2) && shift + 2 * bpl < 64)
		bitmap |= granule << (2 * bpl);
	ts->pt = (struct ptf_pt_config){
		.fmt = (enum ptf_fmt)cfg->v[F_FMT],
		.quirks = (unsigned int)cfg->v[F_QUIRKS],
		.pgsize_bitmap = bitmap,
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
		.coherent_walk = (int)cfg->v[F_COHERENT],
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		table_base(cfg->v[F_TABLES], ts->pt.oas);
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* io-pgtable-arm's table, as the model keeps it ---------------------------- */

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
 * regime it sets up.  Allocations: the glue's domain, the format's data,
 * the PGD.  Returns false if the config is refused.
 */
static bool lpae_geometry(const struct target_setup *ts, struct lpae_geom *g,
			  struct target_domain *d)
{
	const struct ptf_pt_config *pc = &ts->pt;
	unsigned int q = pc->quirks, ias = pc->ias, oas = pc->oas;
	uint64_t bitmap = pc->pgsize_bitmap;
	int levels, va_bits, pgd_bits;
	bool mali = pc->fmt == PTF_FMT_ARM_MALI_LPAE;

	d->create_allocs = 1;
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

/* @n leaves of @pgsize from @iova -> @pa, in one insertion. */
static void add_run(struct model *m, uint64_t iova, uint64_t pa,
		    uint64_t pgsize, uint64_t n, int prot)
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
	static struct pt_leaf *run;
	static uint64_t cap;

	if (!model_alloc(m))
		return 0;
	n = blk.size / split;
	if (n > cap) {
		free(run);
		run = malloc(n * sizeof(*run));
		if (!run)
			abort();
		cap = n;
	}
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

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	uint64_t span;
	bool hd = ts->pt.quirks & PTF_QUIRK_ARM_HD;

	d->accepted = lpae_geometry(ts, &geom, d);
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
		.dirty_on_map = hd && is_s1(ts->pt.fmt),
		.tracks_dirty = hd && ts->pt.fmt == PTF_FMT_ARM_64_LPAE_S1 &&
				!geom.ttbr1,
	};
	d->impl = &lpae_impl;
	d->impl_ctx = &geom;
	d->dirty_ops = true;	/* the glue's, always */
	d->incoherent = !ts->pt.coherent_walk;
}

/*
 * Stage 1 can only take writes away; stage 2 and Mali grant R and W apart.
 * IOMMU_NOEXEC is XN; stage 1 grants unprivileged access unless
 * IOMMU_PRIV; IOMMU_MMIO is device memory, IOMMU_CACHE write-back (Mali
 * has no device type: its "device" index has the non-cacheable policy).
 */
static int access_of(const struct target_setup *ts, int prot)
{
	int rw = prot & (MODEL_PROT_READ | MODEL_PROT_WRITE), acc = rw;
	bool mali = ts->pt.fmt == PTF_FMT_ARM_MALI_LPAE;

	if (is_s1(ts->pt.fmt)) {
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

/* Hardware walker: lpae_walk.c, from the Arm ARM ------------------------- */

/* The regime as io-pgtable-arm's configuration programs it. */
static struct lpae_regime regime_of(const struct hw_ctx *hw)
{
	return (struct lpae_regime){
		.fmt = hw->pt->fmt,
		.ttbr1 = hw->pt->quirks & PTF_QUIRK_ARM_TTBR1,
		.s2fwb = hw->pt->quirks & PTF_QUIRK_ARM_S2FWB,
		.oas = hw->pt->oas,
		.regs = hw->info->regs,
	};
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct lpae_regime r = regime_of(hw);

	lpae_walk(hw, &r, lo, hi);
}

static enum hw_write_result hw_write(const struct hw_ctx *hw, uint64_t iova)
{
	struct lpae_regime r = regime_of(hw);

	return lpae_write(hw, &r, iova);
}

static int dirty_unsupported_ret(const struct target_setup *ts,
				 const char **warn)
{
	/*
	 * A TTBR1 window is "beyond the IAS" to read_and_clear_dirty(); and
	 * only ARM_64_LPAE_S1 walks for dirty bits (none set without HD).
	 */
	if (ts->pt.quirks & PTF_QUIRK_ARM_TTBR1) {
		*warn = "lpae-dirty-range";
		return -EINVAL;
	}
	return ts->pt.fmt == PTF_FMT_ARM_64_LPAE_S1 ? 0 : -EINVAL;
}

#define NO_WARN_COND	"!(data->iop.cfg.quirks & IO_PGTABLE_QUIRK_NO_WARN)"

static const struct warn_site warn_sites[] = {
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

/* Coverage: format, granule, IAS and OAS band, and TTBR1, HD or S2FWB. */
static const unsigned int class_fields[] = {
	F_FMT, F_GRANULE, F_IAS, F_OAS, F_QUIRKS,
};

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	static const char *const fmts[] = {
		[PTF_FMT_ARM_32_LPAE_S1] = "S1-32", [PTF_FMT_ARM_32_LPAE_S2] = "S2-32",
		[PTF_FMT_ARM_64_LPAE_S1] = "S1", [PTF_FMT_ARM_64_LPAE_S2] = "S2",
		[PTF_FMT_ARM_MALI_LPAE] = "Mali",
	};
	unsigned int q = ts->pt.quirks;

	snprintf(buf, len, "%s/%uK/ias%s/oas%s/%s", fmts[ts->pt.fmt],
		 (unsigned int)(ts->pt.pgsize_bitmap & -ts->pt.pgsize_bitmap) >> 10,
		 target_band(ts->pt.ias), target_band(ts->pt.oas),
		 q & PTF_QUIRK_ARM_TTBR1 ? "TTBR1" : q & PTF_QUIRK_ARM_HD ? "HD" :
		 q & PTF_QUIRK_ARM_S2FWB ? "S2FWB" : "-");
}

extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;

static const struct target arm_lpae = {
	.name		= "arm_lpae",
	.summary	= "io-pgtable-arm: ARM LPAE stage 1/2, 32/64-bit, Mali",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.hw_write	= hw_write,
	.dirty_unsupported_ret = dirty_unsupported_ret,
	.warn_sites	= warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &arm_lpae;
