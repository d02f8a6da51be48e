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
#include <string.h>

#include "lpae_model.h"
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

/* io-pgtable-arm's tables: lpae_model.c ---------------------------------- */

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	*d = (struct target_domain){ .create_allocs = 1 };	/* the glue's domain */
	lpae_model_predict(&ts->pt, d);
	d->dirty_ops = true;	/* the glue's, always */
	d->incoherent = !ts->pt.coherent_walk;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(ts->pt.fmt, prot);
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
	.warn_sites	= lpae_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &arm_lpae;
