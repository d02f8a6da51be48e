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

#include "dart_model.h"
#include "dart_walk.h"

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

/*
 * io-pgtable-dart's domain (dart_model.c), behind the glue's allocation
 * of its own domain; the glue always has dirty ops.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	d->create_allocs = 1;
	dart_model_predict(&ts->pt, d);
	d->dirty_ops = true;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return dart_access_of(ts->pt.fmt, prot);
}

/* Hardware walker ---------------------------------------------------------- */

/*
 * The DART's regime, from its page size and input size: each level
 * indexes page-shift - 3 bits; with 4K pages the top two bits of the
 * input range select one of four TTBRs, and the rest takes at least two
 * levels.  A TTBR the driver did not program (0) translates nothing.
 */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	unsigned int shift = __builtin_ctzll(hw->pt->pgsize_bitmap);
	unsigned int select = shift == 12 ? 2 : 0, bpl = shift - 3;
	unsigned int bits = hw->pt->ias - shift;
	struct dart_regime r = {
		.dart2 = hw->pt->fmt == PTF_FMT_APPLE_DART2,
		.shift = shift,
		.levels = (bits - select + bpl - 1) / bpl,
	};

	if (r.levels < 2)
		r.levels = 2;
	for (unsigned int t = 0; t < DART_WALK_TTBRS; t++)
		r.ttbr[t] = hw->info->regs[t];
	dart_walk(hw, &r, lo, hi);
}

static int dirty_unsupported_ret(const struct target_setup *ts,
				 const char **warn)
{
	return -EOPNOTSUPP;
}

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
	.warn_sites	= dart_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &dart;
