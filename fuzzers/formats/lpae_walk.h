/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lpae_walk.h - the VMSAv8 long-descriptor walker (lpae_walk.c), for every
 * target whose device walks LPAE tables: io-pgtable-arm's and the SMMU
 * drivers'.
 */
#ifndef PTF_LPAE_WALK_H
#define PTF_LPAE_WALK_H

#include "target.h"

/* What the device was programmed with, as its walk reads it. */
struct lpae_regime {
	enum ptf_fmt fmt;
	bool ttbr1;		/* the upper range, TTBR1 and T1SZ/TG1 */
	bool s2fwb;		/* stage 2 MemAttr with FWB */
	unsigned int oas;	/* FEAT_LPA's 4T blocks above 48 bits */
	/*
	 * A non-secure walker that faults on a table descriptor without
	 * NSTable or a leaf without NS, whatever the levels above say (the
	 * Renesas IPMMU does, against the VMSA's hierarchical rule).
	 */
	bool ns_each_level;
	/*
	 * The registers, as struct ptf_pt_info has them for @fmt: TTBR, TSZ,
	 * TG, MAIR; VTTBR, TSZ, TG, SL0 for stage 2; TRANSTAB, MEMATTR for
	 * Mali.
	 */
	const ptf_u64 *regs;
};

/* Report every leaf intersecting [lo, hi], and the tables on the way. */
void lpae_walk(const struct hw_ctx *hw, const struct lpae_regime *r,
	       uint64_t lo, uint64_t hi);
/* A device write at @iova: HTTU's dirty update with DBM. */
enum hw_write_result lpae_write(const struct hw_ctx *hw,
				const struct lpae_regime *r, uint64_t iova);

#endif /* PTF_LPAE_WALK_H */
