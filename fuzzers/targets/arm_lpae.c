// SPDX-License-Identifier: GPL-2.0
/*
 * arm_lpae: io-pgtable-arm's VMSAv8 long-descriptor formats
 * (ARM_64_LPAE_S1/S2, ARM_32_LPAE_S1/S2, ARM_MALI_LPAE), 4K/16K/64K granules,
 * the IAS/OAS range including stage-2 concatenated PGDs, TTBR1, and HD
 * dirty tracking.
 *
 * The hardware walker follows the Arm ARM: start level from T0SZ (stage 1)
 * or SL0 (stage 2) and the granule from TG, descriptor type in bits [1:0],
 * output address in [47:granule] plus [51:48] in bits [15:12] for 64K,
 * AP[2] = bit 7, DBM = bit 51, stage-2 S2AP = bits [7:6].
 */
#include <errno.h>
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

static void rules(const struct target_setup *ts, const struct ptf_pt_info *info,
		  struct model_rules *r)
{
	uint64_t span = 1ULL << info->ias;
	bool hd = ts->pt.quirks & PTF_QUIRK_ARM_HD;

	*r = (struct model_rules){
		.pgsize_bitmap = info->pgsize_bitmap,
		.va_first = 0,
		.va_last = span - 1,
		.pa_limit = 1ULL << info->oas,
		.map_needs_rw = true,
		.dirty_on_map = hd && is_s1(ts->pt.fmt),
		.tracks_dirty = hd && ts->pt.fmt == PTF_FMT_ARM_64_LPAE_S1 &&
				!(ts->pt.quirks & PTF_QUIRK_ARM_TTBR1),
	};
	if (ts->pt.quirks & PTF_QUIRK_ARM_TTBR1) {
		r->va_first = -span;
		r->va_last = UINT64_MAX;
	}
}

/* Stage 1 can only take writes away; stage 2 and Mali grant R and W apart. */
static int access_of(const struct target_setup *ts, int prot)
{
	int rw = prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);

	if (!is_s1(ts->pt.fmt))
		return rw;
	return rw == MODEL_PROT_READ ? MODEL_PROT_READ :
				       MODEL_PROT_READ | MODEL_PROT_WRITE;
}

/* Hardware walker: lpae_walk.c, from the Arm ARM ------------------------- */

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	lpae_walk(hw, hw->pt->fmt, hw->pt->quirks & PTF_QUIRK_ARM_TTBR1,
		  hw->info->regs, lo, hi);
}

static enum hw_write_result hw_write(const struct hw_ctx *hw, uint64_t iova)
{
	return lpae_write(hw, hw->pt->fmt, hw->pt->quirks & PTF_QUIRK_ARM_TTBR1,
			  hw->info->regs, iova);
}

static int dirty_unsupported_ret(const struct target_setup *ts,
				 bool *in_contract)
{
	/* Only ARM_64_LPAE_S1 walks for dirty bits, and not for TTBR1. */
	*in_contract = !(ts->pt.quirks & PTF_QUIRK_ARM_TTBR1);
	return ts->pt.fmt == PTF_FMT_ARM_64_LPAE_S1 ? 0 : -EINVAL;
}

static const struct warn_site warn_sites[] = {
	{ "io-pgtable-arm.c", "arm_lpae_init_pte",
	  "map over a live leaf: -EEXIST (silent with IO_PGTABLE_QUIRK_NO_WARN)" },
	{ "io-pgtable-arm.c", "__arm_lpae_map",
	  "map below a live block: -EEXIST" },
	{ "io-pgtable-arm.c", "__arm_lpae_unmap",
	  "unmap of an empty entry, or of part of a large IOPTE" },
	{ "io-pgtable-arm.c", "arm_lpae_map_pages",
	  "IOVA beyond the IAS or PA beyond the OAS: -ERANGE" },
	{ "io-pgtable-arm.c", "arm_lpae_unmap_pages", "IOVA beyond the IAS" },
	{ "io-pgtable-arm.c", "arm_lpae_read_and_clear_dirty",
	  "empty window, or one beyond the IAS (always with TTBR1)" },
	{ "io-pgtable-arm.c", "arm_64_lpae_alloc_pgtable_s2",
	  "more than 16 concatenated stage-2 tables: config refused" },
	{ NULL },
};

extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;

static const struct target arm_lpae = {
	.name		= "arm_lpae",
	.summary	= "io-pgtable-arm: ARM LPAE stage 1/2, 32/64-bit, Mali",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.rules		= rules,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.hw_write	= hw_write,
	.dirty_unsupported_ret = dirty_unsupported_ret,
	.warn_sites	= warn_sites,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &arm_lpae;
