/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pt_amdv1.h - the AMD IOMMU v1 ("host") page table as the IOMMU walks it
 * (AMD I/O Virtualization Technology spec, "I/O Page Tables for Host
 * Translations"), shared by pt_amdv1 and pt_amdv1_mock, which differ only
 * in the granule and the deepest table.
 *
 * The walk: DTE.Mode (1..6) is the number of levels; AMD level n is
 * generic_pt level n - 1, and this file uses the generic_pt numbering.
 * Every table is 4 KiB of 512 entries, except that the level-6 table
 * (generic_pt level 5) indexes only IOVA bits 63:57 (128 entries).  An
 * IOVA with bits set above the top table's reach faults.
 *
 *   bit 0        PR, present
 *   bit 5        A, accessed (set by the IOMMU when DTE.HAD says so)
 *   bit 6        D, dirty (PTEs; set on a write when DTE.HAD = 11b)
 *   bits 11:9    NextLevel: in a PDE the AMD level of the table it points
 *                to; 0 in a PTE of the level's own page size; 7 in a PTE
 *                whose size the address field encodes
 *   bits 51:12   address, in granules
 *   bits 58:52   reserved in a PTE (60:52 in a PDE)
 *   bit 60       FC, force coherent (PTEs)
 *   bits 61, 62  IR, IW: ANDed over every entry of the walk
 *
 * NextLevel 7: a run of n ones from the address field's lowest bit, then a
 * zero, makes a page of 2^(n + 1) granules, based at the address with
 * those bits cleared.  It must be larger than one entry of its table and
 * smaller than the whole table, and is written into every entry it spans.
 * The IOMMU reads whichever of those entries the IOVA indexes and sets A
 * and D in that one only, so the copies may differ in A and D alone.
 *
 * The walker reports as malformed what the IOMMU faults on (a reserved
 * NextLevel, a leaf in the top-most table, a reserved bit) and what
 * generic_pt must never write: a PDE that skips levels (legal for the
 * IOMMU, which then takes the skipped IOVA bits as zero, but generic_pt
 * always links a table to the one right below and reads its own tables
 * that way), NextLevel 7 encoding the level's own page size (an erratum:
 * IOMMUs mistranslate it; 0 is the encoding), address bits below a page's
 * size, and copies of a large page that disagree.  512 GiB pages are
 * avoided because of a hardware bug, so one is reported too.
 */
#ifndef PTF_PT_AMDV1_H
#define PTF_PT_AMDV1_H

#include "pt_common.h"

struct amdv1_fmt {
	unsigned int granule_lg2;	/* 12; the mock's 2 KiB: 11 */
	unsigned int max_top_level;	/* generic_pt level of DTE.Mode 6 (5) */
	bool no_512g;			/* the hardware's 512 GiB page bug */
};

#define AMD_PR		(1ULL << 0)
#define AMD_A		(1ULL << 5)
#define AMD_D		(1ULL << 6)
#define AMD_IR		(1ULL << 61)
#define AMD_IW		(1ULL << 62)
#define AMD_NL(e)	((unsigned int)pt_bits(e, 11, 9))
#define AMD_FIELD(e)	pt_bits(e, 51, 12)	/* the address, in granules */
#define AMD_NL_PAGE	0
#define AMD_NL_SIZE	7
#define AMD_MAX_LEVELS	6

/* First IOVA bit an entry of @level translates. */
static inline unsigned int amdv1_item_lg2(const struct amdv1_fmt *f,
					  unsigned int level)
{
	return f->granule_lg2 + 9 * level;
}

/* IOVA bits a table of @level reaches (64 for the level-6 table). */
static inline unsigned int amdv1_span_lg2(const struct amdv1_fmt *f,
					  unsigned int level)
{
	unsigned int span = amdv1_item_lg2(f, level) + 9;

	return span < 64 ? span : 64;
}

/* Where the table of @level that translates @iova starts. */
static inline uint64_t amdv1_table_base(const struct amdv1_fmt *f,
					unsigned int level, uint64_t iova)
{
	unsigned int span = amdv1_span_lg2(f, level);

	return span < 64 ? iova & ~((1ULL << span) - 1) : 0;
}

static inline unsigned int amdv1_nr_entries(const struct amdv1_fmt *f,
					    unsigned int level)
{
	return 1u << (amdv1_span_lg2(f, level) - amdv1_item_lg2(f, level));
}

/*
 * amdv1pt_possible_sizes(): every power of two from an entry's size to half
 * its table's span (51 bits at most) below the top-most level, but 512G.
 */
static inline uint64_t amdv1_pt_sizes(const struct pt_geom *g,
				      unsigned int level)
{
	unsigned int item = pt_item_lg2(g->fmt, level), top = item + 8;

	if (level >= g->fmt->max_top_level)
		return 0;
	if (top > 51)
		top = 51;
	return (model_up_to(top) & ~model_up_to(item - 1)) & ~(1ULL << 39);
}

/*
 * amdv1pt_iommu_fmt_init(): a starting level 1..PT_MAX_TOP_LEVEL; without
 * a dynamic top the VA is what that level spans (except at the top-most).
 */
static inline bool amdv1_pt_init(const struct ptf_pt_config *pc,
				 struct pt_geom *g)
{
	const struct pt_fmt *f = g->fmt;
	unsigned int max = f->max_va_lg2;

	if (!pc->level || pc->level > f->max_top_level)
		return false;
	if (!(g->features & PTF_PT_DYNAMIC_TOP) && pc->level != f->max_top_level)
		max = pt_span_lg2(f, pc->level);
	g->vasz = max < pc->ias ? max : pc->ias;
	g->oasz = f->max_oa_lg2 < pc->oas ? f->max_oa_lg2 : pc->oas;
	g->top_level = pc->level;
	return true;
}

/* IR and IW as asked; nothing is refused. */
static inline int amdv1_pt_set_prot(const struct pt_geom *g, int prot)
{
	return 0;
}

/* The IOMMU enforces IR and IW, either alone. */
static inline int amdv1_access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
}

static inline int amdv1_entry_access(uint64_t e)
{
	return (e & AMD_IR ? MODEL_PROT_READ : 0) |
	       (e & AMD_IW ? MODEL_PROT_WRITE : 0);
}

struct amdv1_walk {
	const struct hw_ctx *hw;
	const struct amdv1_fmt *fmt;
	uint64_t lo, hi;
};

enum amdv1_entry_kind { AMD_EMPTY, AMD_TABLE, AMD_LEAF, AMD_BAD };

/* What the IOMMU makes of @e in a table of @level at @va. */
static enum amdv1_entry_kind amdv1_classify(const struct amdv1_walk *w,
					    uint64_t e, unsigned int level,
					    uint64_t va)
{
	unsigned int nl = AMD_NL(e);
	unsigned long long at = va;

	if (!(e & AMD_PR))
		return AMD_EMPTY;
	if (nl == AMD_NL_PAGE || nl == AMD_NL_SIZE) {
		if (level < w->fmt->max_top_level)
			return AMD_LEAF;
		w->hw->error(w->hw, "PTE at 0x%llx in a level-%u table, where the IOMMU takes none: 0x%llx",
			     at, level + 1, (unsigned long long)e);
		return AMD_BAD;
	}
	if (nl > level) {
		w->hw->error(w->hw, "NextLevel %u in a level-%u entry at 0x%llx is reserved: 0x%llx",
			     nl, level + 1, at, (unsigned long long)e);
		return AMD_BAD;
	}
	if (nl < level) {
		w->hw->error(w->hw, "level-%u PDE at 0x%llx skips to level %u; generic_pt never skips: 0x%llx",
			     level + 1, at, nl, (unsigned long long)e);
		return AMD_BAD;
	}
	if (pt_bits(e, 60, 52)) {
		w->hw->error(w->hw, "PDE at 0x%llx has reserved bits 60:52 set: 0x%llx",
			     at, (unsigned long long)e);
		return AMD_BAD;
	}
	return AMD_TABLE;
}

static uint64_t amdv1_table_phys(const struct amdv1_walk *w, uint64_t pde)
{
	return AMD_FIELD(pde) << w->fmt->granule_lg2;
}

struct amdv1_page {
	unsigned int first, nr;		/* the entries it is written into */
	unsigned int size_lg2;
	uint64_t phys;
	bool dirty;			/* D in any of them */
};

/* Size and base of the NextLevel 7 page in @e: false if malformed. */
static bool amdv1_decode_size(const struct amdv1_walk *w, uint64_t e,
			      unsigned int level, uint64_t va,
			      struct amdv1_page *pg)
{
	unsigned int item = amdv1_item_lg2(w->fmt, level);
	uint64_t field = AMD_FIELD(e);
	unsigned int ones = __builtin_ctzll(~field);

	pg->size_lg2 = w->fmt->granule_lg2 + ones + 1;
	if (pg->size_lg2 <= item || pg->size_lg2 >= amdv1_span_lg2(w->fmt, level)) {
		w->hw->error(w->hw, "NextLevel 7 PTE at 0x%llx encodes a 2^%u page in a level-%u table (entries of 2^%u): 0x%llx",
			     (unsigned long long)va, pg->size_lg2, level + 1,
			     item, (unsigned long long)e);
		return false;
	}
	pg->phys = (field & ~((2ULL << ones) - 1)) << w->fmt->granule_lg2;
	return true;
}

/*
 * The page entry @i of @ptes (a table of @level based at @base) belongs
 * to, with its copies checked: false if malformed.
 */
static bool amdv1_decode_page(const struct amdv1_walk *w, const uint64_t *ptes,
			      unsigned int i, unsigned int level, uint64_t base,
			      struct amdv1_page *pg)
{
	unsigned int item = amdv1_item_lg2(w->fmt, level);
	uint64_t e = ptes[i], va = base + ((uint64_t)i << item);
	uint64_t low;

	if (pt_bits(e, 58, 52)) {
		w->hw->error(w->hw, "PTE at 0x%llx has reserved bits 58:52 set: 0x%llx",
			     (unsigned long long)va, (unsigned long long)e);
		return false;
	}
	if (AMD_NL(e) == AMD_NL_PAGE) {
		low = AMD_FIELD(e) & ((1ULL << (item - w->fmt->granule_lg2)) - 1);
		if (low) {
			w->hw->error(w->hw, "PTE of a 2^%u page at 0x%llx has address bits below its size: 0x%llx",
				     item, (unsigned long long)va,
				     (unsigned long long)e);
			return false;
		}
		*pg = (struct amdv1_page){
			.first = i, .nr = 1, .size_lg2 = item,
			.phys = AMD_FIELD(e) << w->fmt->granule_lg2,
			.dirty = e & AMD_D,
		};
	} else {
		if (!amdv1_decode_size(w, e, level, va, pg))
			return false;
		pg->nr = 1u << (pg->size_lg2 - item);
		pg->first = i & ~(pg->nr - 1);
		pg->dirty = false;
		for (unsigned int j = pg->first; j < pg->first + pg->nr; j++) {
			if ((ptes[j] ^ e) & ~(AMD_A | AMD_D)) {
				w->hw->error(w->hw, "2^%u page at 0x%llx: entry %u is 0x%llx, entry %u 0x%llx",
					     pg->size_lg2,
					     (unsigned long long)(base + ((uint64_t)pg->first << item)),
					     i, (unsigned long long)e, j,
					     (unsigned long long)ptes[j]);
				return false;
			}
			pg->dirty |= ptes[j] & AMD_D;
		}
	}
	if (w->fmt->no_512g && pg->size_lg2 == 39) {
		w->hw->error(w->hw, "512G page at 0x%llx: broken in AMD IOMMUs",
			     (unsigned long long)va);
		return false;
	}
	return true;
}

static const uint64_t *amdv1_table(const struct amdv1_walk *w, uint64_t phys)
{
	const uint64_t *ptes = NULL;

	/* Tables are 4K pages, also with the mock's 2K granule. */
	if (!(phys & 4095))
		ptes = w->hw->map(w->hw, phys, 4096);
	if (!ptes)
		w->hw->error(w->hw, "table at 0x%llx is not a live page-table page",
			     (unsigned long long)phys);
	return ptes;
}

static void amdv1_walk_table(const struct amdv1_walk *w, uint64_t phys,
			     unsigned int level, uint64_t base, int access)
{
	unsigned int item = amdv1_item_lg2(w->fmt, level);
	const uint64_t *ptes = amdv1_table(w, phys);
	struct amdv1_page pg;

	if (!ptes)
		return;
	for (unsigned int i = 0; i < amdv1_nr_entries(w->fmt, level); i++) {
		uint64_t va = base + ((uint64_t)i << item);
		struct hw_leaf leaf;

		if (va + ((1ULL << item) - 1) < w->lo || va > w->hi)
			continue;
		switch (amdv1_classify(w, ptes[i], level, va)) {
		case AMD_TABLE:
			w->hw->table(w->hw, amdv1_table_phys(w, ptes[i]), va,
				     item);
			amdv1_walk_table(w, amdv1_table_phys(w, ptes[i]),
					 level - 1, va,
					 access & amdv1_entry_access(ptes[i]));
			break;
		case AMD_LEAF:
			if (!amdv1_decode_page(w, ptes, i, level, base, &pg))
				break;
			leaf = (struct hw_leaf){
				.iova = base + ((uint64_t)pg.first << item),
				.size = 1ULL << pg.size_lg2,
				.phys = pg.phys,
				.access = access & amdv1_entry_access(ptes[i]),
				.dirty = pg.dirty,
			};
			w->hw->leaf(w->hw, &leaf);
			i = pg.first + pg.nr - 1;
			break;
		default:
			break;
		}
	}
}

/* The top level DTE.Mode selects, and the root, checked: false if bad. */
static bool amdv1_top(const struct hw_ctx *hw, const struct amdv1_fmt *fmt,
		      unsigned int *top)
{
	uint64_t mode = hw->info->regs[1], root = hw->info->regs[0];

	if (mode < 1 || mode > fmt->max_top_level + 1) {
		hw->error(hw, "DTE.Mode %llu is not a %u-level page table",
			  (unsigned long long)mode, fmt->max_top_level + 1);
		return false;
	}
	if (root & ~(0xffffffffffULL << 12)) {
		hw->error(hw, "root table 0x%llx does not fit DTE bits 51:12",
			  (unsigned long long)root);
		return false;
	}
	*top = (unsigned int)mode - 1;
	return true;
}

static void amdv1_hw_walk(const struct hw_ctx *hw, const struct amdv1_fmt *fmt,
			  uint64_t lo, uint64_t hi)
{
	struct amdv1_walk w = { .hw = hw, .fmt = fmt, .lo = lo, .hi = hi };
	unsigned int top;

	if (amdv1_top(hw, fmt, &top))
		amdv1_walk_table(&w, hw->info->regs[0], top, 0,
				 MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/*
 * A DMA write with DTE.HAD = 11b: IW needed at every level; A set in each
 * entry used, D in the PTE.
 */
static enum hw_write_result amdv1_hw_write(const struct hw_ctx *hw,
					   const struct amdv1_fmt *fmt,
					   uint64_t iova)
{
	struct amdv1_walk w = { .hw = hw, .fmt = fmt, .lo = iova, .hi = iova };
	uint64_t *path[AMD_MAX_LEVELS], *ptes, phys = hw->info->regs[0];
	enum amdv1_entry_kind kind;
	unsigned int top, level, i, depth = 0;
	bool writable = true;
	struct amdv1_page pg;

	if (!amdv1_top(hw, fmt, &top))
		return HW_WRITE_FAULT;
	if (amdv1_span_lg2(fmt, top) < 64 && iova >> amdv1_span_lg2(fmt, top))
		return HW_WRITE_FAULT;
	for (level = top;; level--) {
		unsigned int item = amdv1_item_lg2(fmt, level);

		ptes = (uint64_t *)amdv1_table(&w, phys);
		if (!ptes)
			return HW_WRITE_FAULT;
		i = (iova >> item) & (amdv1_nr_entries(fmt, level) - 1);
		kind = amdv1_classify(&w, ptes[i], level,
				      iova & ~((1ULL << item) - 1));
		if (kind != AMD_TABLE)
			break;
		writable &= !!(ptes[i] & AMD_IW);
		path[depth++] = &ptes[i];
		phys = amdv1_table_phys(&w, ptes[i]);
	}
	if (kind != AMD_LEAF ||
	    !amdv1_decode_page(&w, ptes, i, level,
			       amdv1_table_base(fmt, level, iova), &pg) ||
	    !writable || !(ptes[i] & AMD_IW))
		return HW_WRITE_FAULT;
	while (depth)
		*path[--depth] |= AMD_A;
	ptes[i] |= AMD_A | AMD_D;
	return HW_WRITE_DONE;
}

#endif /* PTF_PT_AMDV1_H */
