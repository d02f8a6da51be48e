/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dart_walk.h - Apple DART's table walker (dart_walk.c), for every target
 * whose device walks DART tables: dart's and apple-dart's.
 */
#ifndef PTF_DART_WALK_H
#define PTF_DART_WALK_H

#include "target.h"

#define DART_WALK_TTBRS	4

/* What the DART walks a stream with. */
struct dart_regime {
	bool dart2;		/* the t6000/t8110 PTE layout */
	unsigned int shift;	/* the page size, 2^shift: 4K or 16K */
	unsigned int levels;	/* table levels below the TTBR: 2 or 3 */
	/* Each TTBR's table, 0 where the TTBR is not valid. */
	uint64_t ttbr[DART_WALK_TTBRS];
};

/*
 * Report every leaf intersecting [lo, hi], and the tables on the way.
 * Each level indexes shift - 3 bits of the IOVA; the bits above the
 * levels select the TTBR.
 */
void dart_walk(const struct hw_ctx *hw, const struct dart_regime *r,
	       uint64_t lo, uint64_t hi);

#endif /* PTF_DART_WALK_H */
