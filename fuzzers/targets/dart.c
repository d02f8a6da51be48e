// SPDX-License-Identifier: GPL-2.0
/*
 * dart: io-pgtable-dart, Apple's DART (APPLE_DART: 36-bit PA in bits
 * [35:12]; APPLE_DART2: 42-bit PA, bits [37:10] << 4).  One page size per
 * table, 4K or 16K; up to four top-level tables selected by the IOVA's top
 * bits (4K only); every valid entry has bit 0 set, and leaves carry per-page
 * read/write denial bits and a subpage window that must span the page.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "target.h"

enum { F_FMT, F_PGSIZE, F_IAS, F_OAS, F_COHERENT, F_TABLES, F_CREATE_FAIL,
	NR_FIELDS };

static const char *const fmt_names[] = { "APPLE_DART", "APPLE_DART2" };
static const uint64_t fmt_values[] = { PTF_FMT_APPLE_DART, PTF_FMT_APPLE_DART2 };
/* The format takes exactly one page size; the others must be refused. */
static const char *const pgsize_names[] = { "4K", "16K", "4K|16K", "64K" };
static const uint64_t pgsize_values[] = {
	1 << 12, 1 << 14, (1 << 12) | (1 << 14), 1 << 16,
};
static const char *const ias_names[] = { "32", "36", "39", "40", "42" };
static const uint64_t ias_values[] = { 32, 36, 39, 40, 42 };
static const char *const oas_names[] = { "36", "42", "40" };
static const uint64_t oas_values[] = { 36, 42, 40 };
static const char *const bool_names[] = { "yes", "no" };
static const uint64_t bool_values[] = { 1, 0 };
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 0, 1 };
static const char *const fail_names[] = { "none", "1", "2", "3", "4", "5" };
static const uint64_t fail_values[] = { 0, 1, 2, 3, 4, 5 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_FMT]		= { "fmt", FIELD(fmt_names, fmt_values) },
	[F_PGSIZE]	= { "pgsize", FIELD(pgsize_names, pgsize_values) },
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	[F_CREATE_FAIL]	= { "create_fail", FIELD(fail_names, fail_values) },
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	/* DART drivers pass the IAS/OAS of the hardware generation. */
	if (cfg->v[F_IAS] < 32 || cfg->v[F_IAS] > 48 || cfg->v[F_OAS] > 48)
		return false;
	/*
	 * DART2 entries hold PA[41:14]: the hardware (t8110) only has 16K
	 * pages.  io-pgtable-dart accepts DART2 with 4K and then drops PA
	 * bits 13:12, but no driver can ask for it.
	 */
	if (cfg->v[F_FMT] == PTF_FMT_APPLE_DART2 && cfg->v[F_PGSIZE] == 1 << 12)
		return false;
	/*
	 * Likewise DART1 entries hold PA[35:12] and every DART1 (t8020,
	 * t6000) has a 36-bit OAS; io-pgtable-dart would accept oas = 42 and
	 * drop the PA bits above 35.
	 */
	if (cfg->v[F_FMT] == PTF_FMT_APPLE_DART && cfg->v[F_OAS] != 36)
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = (enum ptf_fmt)cfg->v[F_FMT],
		.pgsize_bitmap = cfg->v[F_PGSIZE],
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
		.coherent_walk = (int)cfg->v[F_COHERENT],
	};
	/* "high" tables sit above 4 GiB, still inside DART1's 36 bits. */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES] ? 1ULL << 34 : 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* io-pgtable-dart's table, as the model keeps it ---------------------------- */

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
 * Allocations: the glue's domain, the data, one table per TTBR.
 */
static bool dart_geometry(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config *pc = &ts->pt;
	int shift, bpl, va_bits, levels, max_tbl, tbl_bits;

	d->create_allocs = 1;
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

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	d->accepted = dart_geometry(ts, d);
	if (!d->accepted)
		return;
	d->info = (struct ptf_pt_info){
		.pgsize_bitmap = geom.pgsize,
		.ias = ts->pt.ias, .oas = geom.oas,
		.va_first = 0, .va_last = (1ULL << ts->pt.ias) - 1,
	};
	d->rules = (struct model_rules){
		.pgsize_bitmap = geom.pgsize,
		.va_first = 0, .va_last = d->info.va_last,
		.pa_limit = 1ULL << geom.oas,
	};
	d->impl = &dart_impl;
	d->impl_ctx = &geom;
	d->dirty_ops = true;	/* the glue's, always */
}

/* R and W apart; DART2 also has a no-cache bit: IOMMU_CACHE clears it. */
static int access_of(const struct target_setup *ts, int prot)
{
	int acc = prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);

	if (ts->pt.fmt == PTF_FMT_APPLE_DART2 && (prot & PTF_PROT_CACHE))
		acc |= HW_MEM_CACHED;
	return acc;
}

/* Hardware walker ---------------------------------------------------------- */

#define PTE_VALID		1ULL
#define SUBPAGE_START(pte)	((pte) >> 52 & 0xfff)
#define SUBPAGE_END(pte)	((pte) >> 40 & 0xfff)

struct dart {
	const struct hw_ctx *hw;
	bool dart2;
	unsigned int shift, bpl, levels;	/* levels below the TTBR select */
};

static uint64_t pte_pa(const struct dart *w, uint64_t pte)
{
	if (!w->dart2)
		return pte & 0x0000000ffffff000ULL;		/* [35:12] */
	return (pte & 0x0000003ffffffc00ULL) << 4;		/* [37:10] << 4 */
}

static int pte_access(const struct dart *w, uint64_t pte)
{
	uint64_t no_read = w->dart2 ? 1 << 3 : 1 << 8;
	uint64_t no_write = w->dart2 ? 1 << 2 : 1 << 7;

	return (pte & no_read ? 0 : MODEL_PROT_READ) |
	       (pte & no_write ? 0 : MODEL_PROT_WRITE) |
	       (w->dart2 && !(pte & 1 << 1) ? HW_MEM_CACHED : 0);
}

static void report_leaf(const struct dart *w, uint64_t va, uint64_t pte)
{
	struct hw_leaf l = {
		.iova = va, .size = 1ULL << w->shift, .phys = pte_pa(w, pte),
		.access = pte_access(w, pte),
	};

	if (SUBPAGE_START(pte) != 0 || SUBPAGE_END(pte) != 0xfff)
		w->hw->error(w->hw, "leaf at 0x%llx only allows the subpage window 0x%llx-0x%llx",
			     (unsigned long long)va,
			     (unsigned long long)SUBPAGE_START(pte),
			     (unsigned long long)SUBPAGE_END(pte));
	w->hw->leaf(w->hw, &l);
}

/* @level 1 holds leaves; each level above holds tables. */
static void walk(const struct dart *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi)
{
	unsigned int sh = w->shift + (level - 1) * w->bpl;
	uint64_t entries = 1ULL << w->bpl;
	uint64_t first = lo > va ? (lo - va) >> sh : 0;
	uint64_t last = (hi - va) >> sh;
	const uint64_t *ptes = w->hw->map(w->hw, table, 8 * entries);

	if (!ptes)
		w->hw->error(w->hw, "table at 0x%llx is not live page-table memory",
			     (unsigned long long)table);
	if (last >= entries)
		last = entries - 1;
	for (uint64_t i = first; i <= last; i++) {
		uint64_t pte = ptes[i], at = va + (i << sh);


		if (!(pte & PTE_VALID))
			continue;
		if (level == 1) {
			report_leaf(w, at, pte);
			continue;
		}
		w->hw->table(w->hw, pte_pa(w, pte), at, sh);
		walk(w, pte_pa(w, pte), level - 1, at, lo, hi);
	}
}

/*
 * The DART's regime, from its page size and input size: each level
 * indexes page-shift - 3 bits; with 4K pages the top two bits of the
 * input range select one of four TTBRs, and the rest takes at least two
 * levels.  A TTBR the driver did not program (0) translates nothing.
 */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const ptf_u64 *regs = hw->info->regs;
	unsigned int shift = __builtin_ctzll(hw->pt->pgsize_bitmap);
	unsigned int select = shift == 12 ? 2 : 0, bits;
	struct dart w = {
		.hw = hw,
		.dart2 = hw->pt->fmt == PTF_FMT_APPLE_DART2,
		.shift = shift, .bpl = shift - 3,
	};
	unsigned int top;

	bits = hw->pt->ias - shift;
	w.levels = (bits - select + w.bpl - 1) / w.bpl;
	if (w.levels < 2)
		w.levels = 2;
	top = w.shift + w.levels * w.bpl;	/* IOVA bits per TTBR */
	for (uint64_t t = 0; t < 4; t++) {
		uint64_t base = t << top;

		if (!regs[t] || base > hi ||
		    (top < 64 && base + ((1ULL << top) - 1) < lo))
			continue;
		walk(&w, regs[t], w.levels, base, lo, hi);
	}
}

static int dirty_unsupported_ret(const struct target_setup *ts,
				 const char **warn)
{
	return -EOPNOTSUPP;
}

static const struct warn_site warn_sites[] = {
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

/* Coverage: the generation, page size, IAS and OAS. */
static const unsigned int class_fields[] = { F_FMT, F_PGSIZE, F_IAS, F_OAS };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%uK/ias%u/oas%u",
		 ts->pt.fmt == PTF_FMT_APPLE_DART2 ? "DART2" : "DART",
		 (unsigned int)ts->pt.pgsize_bitmap >> 10, ts->pt.ias, ts->pt.oas);
}

extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;

static const struct target dart = {
	.name		= "dart",
	.summary	= "io-pgtable-dart: Apple DART and DART2",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = dirty_unsupported_ret,
	.warn_sites	= warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &dart;
