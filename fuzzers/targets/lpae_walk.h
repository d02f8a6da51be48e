/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lpae_walk.h - the VMSAv8 long-descriptor walker (lpae_walk.c), for every
 * target whose device walks LPAE tables: io-pgtable-arm's and the SMMU
 * drivers'.  @regs are the registers the table was programmed with, as
 * struct ptf_pt_info has them for @fmt (TTBR, TSZ, TG; VTTBR, TSZ, TG, SL0
 * for stage 2; TRANSTAB for Mali).
 */
#ifndef PTF_LPAE_WALK_H
#define PTF_LPAE_WALK_H

#include "target.h"

/* Report every leaf intersecting [lo, hi]. */
void lpae_walk(const struct hw_ctx *hw, enum ptf_fmt fmt, bool ttbr1,
	       const ptf_u64 *regs, uint64_t lo, uint64_t hi);
/* A device write at @iova: HTTU's dirty update with DBM. */
enum hw_write_result lpae_write(const struct hw_ctx *hw, enum ptf_fmt fmt,
				bool ttbr1, const ptf_u64 *regs, uint64_t iova);

#endif /* PTF_LPAE_WALK_H */
