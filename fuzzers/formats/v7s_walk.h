/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v7s_walk.h - the ARMv7 short-descriptor walker (v7s_walk.c), for every
 * target whose device walks io-pgtable-arm-v7s tables.
 */
#ifndef PTF_V7S_WALK_H
#define PTF_V7S_WALK_H

#include "target.h"

/* What the device was programmed with, as its walk reads it. */
struct v7s_regime {
	/* PTF_QUIRK_ARM_MTK_EXT, PTF_QUIRK_ARM_MTK_TTBR_EXT, PTF_QUIRK_NO_PERMS */
	unsigned int quirks;
	uint64_t ttbr;		/* PA[34:32] in its bits 2:0 with MTK_EXT */
	uint32_t prrr, nmrr;	/* TEX remap */
	unsigned int ias;	/* TTBCR.N = 0 over 2^ias bytes */
};

/* Report every leaf intersecting [lo, hi], and the tables on the way. */
void v7s_walk(const struct hw_ctx *hw, const struct v7s_regime *r,
	      uint64_t lo, uint64_t hi);

#endif /* PTF_V7S_WALK_H */
