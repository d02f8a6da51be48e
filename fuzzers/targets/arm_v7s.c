// SPDX-License-Identifier: GPL-2.0
/*
 * arm_v7s: io-pgtable-arm-v7s, the ARMv7 short-descriptor format, with and
 * without the MediaTek extensions (MTK_EXT: 34-bit IOVA and 35-bit PA in
 * PTE bits 9/4/5; MTK_TTBR_EXT: tables above 4 GiB).
 *
 * The hardware walker follows the short-descriptor format: first level
 * entries cover 1 MiB (section, bit 18 = supersection of 16 identical
 * entries) or point to a 256-entry second-level table; second level entries
 * are 4K small pages (bit 1) or 64K large pages (type 0b01, 16 identical
 * entries).  AP[2] is bit 15 (L1) / bit 9 (L2), AF is AP[0].
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "target.h"
#include "v7s_model.h"
#include "v7s_walk.h"

enum { F_QUIRKS, F_PGSIZES, F_IAS, F_OAS, F_COHERENT, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS };

static const char *const quirk_names[] = {
	"NS", "NO_PERMS", "MTK_EXT", "MTK_TTBR_EXT",
};
static const uint64_t quirk_values[] = {
	PTF_QUIRK_ARM_NS, PTF_QUIRK_NO_PERMS, PTF_QUIRK_ARM_MTK_EXT,
	PTF_QUIRK_ARM_MTK_TTBR_EXT,
};
static const char *const pgsize_names[] = { "4K", "64K", "1M", "16M" };
static const uint64_t pgsize_values[] = { 1 << 12, 1 << 16, 1 << 20, 1 << 24 };
static const char *const ias_names[] = { "32", "33", "34" };
static const uint64_t ias_values[] = { 32, 33, 34 };
static const char *const oas_names[] = { "32", "33", "34", "35" };
static const uint64_t oas_values[] = { 32, 33, 34, 35 };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };
/* Tables below 4 GiB, or above it (only MTK_TTBR_EXT can point there). */
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 0, 1 };
static const char *const fail_names[] = { "none", "1", "2", "3" };
static const uint64_t fail_values[] = { 0, 1, 2, 3 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_QUIRKS]	= { "quirks", FIELD(quirk_names, quirk_values), .flags = true },
	[F_PGSIZES]	= { "pgsizes", FIELD(pgsize_names, pgsize_values), .flags = true },
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	[F_CREATE_FAIL]	= { "create_fail", FIELD(fail_names, fail_values) },
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	/* Short descriptors translate 32 bits (34 with MediaTek's extension). */
	if (cfg->v[F_IAS] < 21 || cfg->v[F_IAS] > 40 || cfg->v[F_OAS] > 40)
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_ARM_V7S,
		.quirks = (unsigned int)cfg->v[F_QUIRKS],
		.pgsize_bitmap = cfg->v[F_PGSIZES] | (1 << 12),
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
		.coherent_walk = (int)cfg->v[F_COHERENT],
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES] ? 1ULL << 33 : 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* io-pgtable-arm-v7s's tables: v7s_model.c ------------------------------ */

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	*d = (struct target_domain){ .create_allocs = 1 };	/* the glue's domain */
	v7s_model_predict(&ts->pt, ts->table_base[PTF_TWIN_CAND], d);
	d->dirty_ops = true;	/* the glue's, always */
	d->incoherent = !ts->pt.coherent_walk;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return v7s_access_of(ts->pt.quirks, prot);
}

/* Hardware walker: v7s_walk.c, from the short-descriptor format -------- */

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct v7s_regime r = {
		.quirks = hw->pt->quirks, .ttbr = hw->info->regs[0],
		.prrr = (uint32_t)hw->info->regs[1],
		.nmrr = (uint32_t)hw->info->regs[2], .ias = hw->pt->ias,
	};

	v7s_walk(hw, &r, lo, hi);
}

static int dirty_unsupported_ret(const struct target_setup *ts,
				 const char **warn)
{
	return -EOPNOTSUPP;	/* no read_and_clear_dirty in io_pgtable_ops */
}

/* Coverage: the quirks, IAS, OAS, and where the tables are. */
static const unsigned int class_fields[] = { F_QUIRKS, F_IAS, F_OAS, F_TABLES };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	unsigned int q = ts->pt.quirks;

	snprintf(buf, len, "%s%s%s%s/ias%u/oas%u/tables%s",
		 q & PTF_QUIRK_ARM_MTK_EXT ? "MTK_EXT" : "",
		 q & PTF_QUIRK_ARM_MTK_TTBR_EXT ? "+TTBR_EXT" : "",
		 q & PTF_QUIRK_NO_PERMS ? "+NO_PERMS" : "",
		 q & PTF_QUIRK_ARM_NS ? "+NS" : "", ts->pt.ias, ts->pt.oas,
		 ts->table_base[PTF_TWIN_CAND] >> 32 ? "-high" : "-low");
}

extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;

static const struct target arm_v7s = {
	.name		= "arm_v7s",
	.summary	= "io-pgtable-arm-v7s: ARMv7 short descriptors, MediaTek extensions",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = dirty_unsupported_ret,
	.warn_sites	= v7s_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &arm_v7s;
