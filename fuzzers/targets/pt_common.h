/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pt_common.h - what every generic_pt target shares: the configuration
 * fields generic_pt has for all formats, the model rules its range ops
 * follow, and the WARN sites of iommu_pt.h.  Format knowledge (levels,
 * descriptors, the hardware walker) stays in each pt_<format>.c.
 */
#ifndef PTF_PT_COMMON_H
#define PTF_PT_COMMON_H

#include "target.h"

#define PT_NR_TABLES	2
#define PT_NR_FAILS	6
extern const char *const pt_tables_names[PT_NR_TABLES];
extern const uint64_t pt_tables_values[PT_NR_TABLES];
extern const char *const pt_fail_names[PT_NR_FAILS];
extern const uint64_t pt_fail_values[PT_NR_FAILS];

/* The two fields every generic_pt target ends its list with. */
#define PT_COMMON_FIELDS(tables, create_fail)				\
	[tables]	= { "tables", FIELD(pt_tables_names, pt_tables_values) }, \
	[create_fail]	= { "create_fail", FIELD(pt_fail_names, pt_fail_values) }

/* Page-table memory: "low" below 4 GiB, "high" at 1 TiB. */
uint64_t pt_table_base(uint64_t tables);

/* What those two fields set: both twins' table arena, the failing allocation. */
void pt_setup_common(struct target_setup *ts, uint64_t tables,
		     uint64_t create_fail);

/*
 * The model rules of generic_pt's range ops over the domain @info
 * describes (a target's rules op); formats add dirty tracking and a
 * dynamic top.
 */
void pt_rules(const struct target_setup *ts, const struct ptf_pt_info *info,
	      struct model_rules *r);

/* A format without read_and_clear_dirty: iommufd gets -EOPNOTSUPP. */
int pt_no_dirty_ret(const struct target_setup *ts, bool *in_contract);

/* WARNs in iommu_pt.h that document a caller's contract violation. */
extern const struct warn_site pt_warn_sites[];

/* The generic_pt twins, as renamed at link time. */
extern const struct ptf_twin_ops ptf_base__ptf_twin_genpt;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_genpt;
#define PT_TWINS { &ptf_base__ptf_twin_genpt, &ptf_cand__ptf_twin_genpt }

/* Bits [hi:lo] of @v. */
static inline uint64_t pt_bits(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & (hi - lo == 63 ? ~0ULL : (2ULL << (hi - lo)) - 1);
}

/* @va with bits above @bits copies of bit @bits - 1 (canonical form). */
static inline uint64_t pt_sign_extend(uint64_t va, unsigned int bits)
{
	if (bits >= 64 || !(va >> (bits - 1) & 1))
		return va;
	return va | ~0ULL << bits;
}

#endif /* PTF_PT_COMMON_H */
