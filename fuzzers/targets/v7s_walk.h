/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v7s_walk.h - the ARMv7 short-descriptor walker (v7s_walk.c), for every
 * target whose device walks io-pgtable-arm-v7s tables.
 */
#ifndef PTF_V7S_WALK_H
#define PTF_V7S_WALK_H

#include "target.h"

/*
 * Report every leaf intersecting [lo, hi] of the table @ttbr points to
 * (PA[34:32] in its bits 2:0 with MTK_EXT), for @ias input bits and the
 * PTF_QUIRK_* @quirks the table was made with.
 */
void v7s_walk(const struct hw_ctx *hw, unsigned int quirks, uint64_t ttbr,
	      unsigned int ias, uint64_t lo, uint64_t hi);

#endif /* PTF_V7S_WALK_H */
