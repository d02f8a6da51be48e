// SPDX-License-Identifier: GPL-2.0
/*
 * dart: io-pgtable-dart, Apple's DART (APPLE_DART: 36-bit PA in bits
 * [35:12]; APPLE_DART2: 42-bit PA, bits [37:10] << 4).  One page size per
 * table, 4K or 16K; up to four top-level tables selected by the IOVA's top
 * bits (4K only); every valid entry has bit 0 set, and leaves carry per-page
 * read/write denial bits and a subpage window that must span the page.
 */
#include <errno.h>
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

static void rules(const struct target_setup *ts, const struct ptf_pt_info *info,
		  struct model_rules *r)
{
	*r = (struct model_rules){
		.pgsize_bitmap = info->pgsize_bitmap,
		.va_first = 0,
		.va_last = (1ULL << info->ias) - 1,
		.pa_limit = 1ULL << info->oas,
		.map_needs_rw = true,
	};
}

static int access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
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
	       (pte & no_write ? 0 : MODEL_PROT_WRITE);
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
		if (level == 1)
			report_leaf(w, at, pte);
		else
			walk(w, pte_pa(w, pte), level - 1, at, lo, hi);
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const ptf_u64 *regs = hw->info->regs;
	struct dart w = {
		.hw = hw,
		.dart2 = hw->pt->fmt == PTF_FMT_APPLE_DART2,
		.shift = __builtin_ctzll(hw->info->pgsize_bitmap),
		.levels = (unsigned int)regs[5] - 1,
	};
	unsigned int top;

	w.bpl = w.shift - 3;
	top = w.shift + w.levels * w.bpl;	/* IOVA bits per TTBR */
	for (uint64_t t = 0; t < regs[4] && t < 4; t++) {
		uint64_t base = t << top;

		if (base > hi || (top < 64 && base + ((1ULL << top) - 1) < lo))
			continue;
		walk(&w, regs[t], w.levels, base, lo, hi);
	}
}

static int dirty_unsupported_ret(const struct target_setup *ts,
				 bool *in_contract)
{
	*in_contract = true;
	return -EOPNOTSUPP;
}

static const struct warn_site warn_sites[] = {
	{ "io-pgtable-dart.c", "dart_init_pte", "map over a live entry: -EEXIST" },
	{ "io-pgtable-dart.c", "dart_map_pages", "PA beyond the OAS: -ERANGE" },
	{ "io-pgtable-dart.c", "dart_unmap_pages",
	  "unmap of an empty entry or of a range without a table" },
	{ NULL },
};

extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;

static const struct target dart = {
	.name		= "dart",
	.summary	= "io-pgtable-dart: Apple DART and DART2",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.rules		= rules,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = dirty_unsupported_ret,
	.warn_sites	= warn_sites,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &dart;
