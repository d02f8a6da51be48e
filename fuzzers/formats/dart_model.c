// SPDX-License-Identifier: GPL-2.0
/*
 * io-pgtable-dart's tables as the model keeps them (dart_model.h): what
 * apple_dart_alloc_pgtable() makes of a configuration, what one
 * map_pages() or unmap_pages() call does, the access a leaf grants and
 * the WARN sites.  Shared by the dart target and apple-dart's.
 */
#include <errno.h>
#include <string.h>

#include "dart_model.h"

/*
 * Levels are numbered as dart_get_index() does: level 1 holds the leaves,
 * level k's index is IOVA bits [shift + (k - 1) * bpl, shift + k * bpl),
 * and the top level (levels) picks the TTBR.
 */
struct dart_geom {
	unsigned int shift, bpl, levels, n_ttbrs, oas;
	uint64_t pgsize;
};

static struct dart_geom geom;

/*
 * apple_dart_alloc_pgtable(): coherent walks only, a 36- or 42-bit OAS no
 * smaller than the IAS, exactly one page size of 4K or 16K; enough levels
 * (at most three below the TTBRs) for the IAS, up to four TTBRs with 4K.
 * Allocations: the data, one table per TTBR.
 */
static bool dart_geometry(const struct ptf_pt_config *pc, struct target_domain *d)
{
	int shift, bpl, va_bits, levels, max_tbl, tbl_bits;

	if (!pc->coherent_walk || (pc->oas != 36 && pc->oas != 42) ||
	    pc->ias > pc->oas ||
	    (pc->pgsize_bitmap != 1 << 12 && pc->pgsize_bitmap != 1 << 14))
		return false;
	max_tbl = pc->pgsize_bitmap == 1 << 12 ? 2 : 0;
	shift = __builtin_ctzll(pc->pgsize_bitmap);
	bpl = shift - 3;
	va_bits = (int)pc->ias - shift;
	levels = (va_bits - max_tbl + bpl - 1) / bpl;
	if (levels < 2)
		levels = 2;
	tbl_bits = va_bits - bpl * levels;
	if (tbl_bits < 0)
		tbl_bits = 0;
	if (levels > 3 || tbl_bits > max_tbl)
		return false;
	geom = (struct dart_geom){
		.shift = (unsigned int)shift, .bpl = (unsigned int)bpl,
		.levels = (unsigned int)levels + 1,
		.n_ttbrs = 1u << tbl_bits, .oas = pc->oas,
		.pgsize = pc->pgsize_bitmap,
	};
	d->create_allocs += 1 + geom.n_ttbrs;
	return true;
}

/* First IOVA bit the index of @level takes. */
static unsigned int index_shift(unsigned int level)
{
	return geom.shift + (level - 1) * geom.bpl;
}

/*
 * The IOVA the tables translate @iova as: every index is masked to its
 * bits, so bits above the TTBR index are ignored; a TTBR index past the
 * tables is no translation.
 */
static bool dart_alias(const struct model *m, uint64_t iova, uint64_t *out)
{
	unsigned int top = index_shift(geom.levels);

	*out = iova & model_up_to(top + geom.bpl - 1);
	return (*out >> top) < geom.n_ttbrs;
}

static bool has_table(const struct model *m, unsigned int level, uint64_t iova)
{
	unsigned int span = index_shift(level);

	return model_has_table(m, iova & ~model_up_to(span - 1), span);
}

/* Leaf entries from @iova to the end of its table. */
static uint64_t entries_left(uint64_t iova)
{
	return (1ULL << geom.bpl) - ((iova >> geom.shift) & ((1ULL << geom.bpl) - 1));
}

/*
 * dart_map_pages(): a TTBR index past the tables is -ENOMEM (not
 * -ERANGE); tables are allocated down to the leaves; up to the end of the
 * leaf table, a live entry is -EEXIST (nothing mapped).
 */
static int dart_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			  uint64_t pgsize, uint64_t count, int prot,
			  uint64_t *mapped)
{
	static struct pt_leaf run[1 << 11];	/* a leaf table's entries */
	const struct pt_leaf *in;
	uint64_t at, n;

	if (pa >> geom.oas) {
		model_warn(m, "dart-map-range");
		return -ERANGE;
	}
	if (!(prot & (MODEL_PROT_READ | MODEL_PROT_WRITE)))
		return -EINVAL;
	if (!dart_alias(m, iova, &at))
		return -ENOMEM;
	for (unsigned int level = geom.levels - 1; level > 1; level--) {
		unsigned int span = index_shift(level);

		if (has_table(m, level, at))
			continue;
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, at & ~model_up_to(span - 1), span);
	}
	count = model_pgcount(m, count);
	n = count < entries_left(at) ? count : entries_left(at);
	if (model_leaves_in(m, at, at + (n * pgsize - 1), &in)) {
		model_warn(m, "dart-map-live");
		return -EEXIST;
	}
	for (uint64_t i = 0; i < n; i++)
		run[i] = model_new_leaf(m, at + i * pgsize, pgsize,
					pa + i * pgsize, prot);
	model_add_leaves(m, run, n);
	*mapped += n * pgsize;
	return 0;
}

/*
 * dart_unmap_pages(): nothing (and a WARN) without a leaf table; then
 * entries up to the first empty one or the end of the table.
 */
static uint64_t dart_unmap_pages(struct model *m, uint64_t iova,
				 uint64_t pgsize, uint64_t count)
{
	uint64_t at, n, i;

	if (!dart_alias(m, iova, &at)) {
		model_warn(m, "dart-unmap-no-table");
		return 0;
	}
	for (unsigned int level = geom.levels - 1; level > 1; level--)
		if (!has_table(m, level, at)) {
			model_warn(m, "dart-unmap-no-table");
			return 0;
		}
	count = model_pgcount(m, count);
	n = count < entries_left(at) ? count : entries_left(at);
	for (i = 0; i < n; i++) {
		if (!model_lookup(m, at + i * pgsize)) {
			model_warn(m, "dart-unmap-empty");
			break;
		}
	}
	if (i)
		model_remove_leaves(m, at, at + (i * pgsize - 1));
	return i * pgsize;
}

static const struct model_impl dart_impl = {
	.map_pages	= dart_map_pages,
	.unmap_pages	= dart_unmap_pages,
	.alias		= dart_alias,
};

void dart_model_predict(const struct ptf_pt_config *pc,
			struct target_domain *d)
{
	d->accepted = dart_geometry(pc, d);
	if (!d->accepted)
		return;
	d->info = (struct ptf_pt_info){
		.pgsize_bitmap = geom.pgsize,
		.ias = pc->ias, .oas = geom.oas,
		.va_first = 0, .va_last = (1ULL << pc->ias) - 1,
	};
	d->rules = (struct model_rules){
		.pgsize_bitmap = geom.pgsize,
		.va_first = 0, .va_last = d->info.va_last,
		.pa_limit = 1ULL << geom.oas,
	};
	d->impl = &dart_impl;
	d->impl_ctx = &geom;
}

/* R and W apart; DART2 also has a no-cache bit: IOMMU_CACHE clears it. */
int dart_access_of(enum ptf_fmt fmt, int prot)
{
	int acc = prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);

	if (fmt == PTF_FMT_APPLE_DART2 && (prot & PTF_PROT_CACHE))
		acc |= HW_MEM_CACHED;
	return acc;
}

const struct warn_site dart_warn_sites[] = {
	{ "dart-map-live", "io-pgtable-dart.c", "dart_init_pte",
	  "ptep[i] & APPLE_DART_PTE_VALID", "map over a live entry: -EEXIST" },
	{ "dart-map-range", "io-pgtable-dart.c", "dart_map_pages",
	  "paddr >> cfg->oas", "PA beyond the OAS: -ERANGE" },
	{ "dart-unmap-no-table", "io-pgtable-dart.c", "dart_unmap_pages",
	  "!ptep", "unmap of a range without a table" },
	{ "dart-unmap-empty", "io-pgtable-dart.c", "dart_unmap_pages",
	  "!pte", "unmap of an empty entry" },
	{ NULL },
};
