/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/idr.h>: the IDA, as a map of the first 64K IDs
 * (SMMU VMIDs are 16 bits at most; kernel-shim/kernel/xarray-alloc.c).  Its contract is checked: freeing an
 * ID that is not allocated WARNs, as ida_free() does.
 */
#ifndef __IDR_H__
#define __IDR_H__

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>

#define PTF_IDA_MAX	65536

struct ida {
	void *bits;		/* one byte per ID: in use */
};

#define DEFINE_IDA(name)	struct ida name = { NULL }

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp);
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);

static inline void ida_init(struct ida *ida)
{
	ida->bits = NULL;
}

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0u, gfp);
}

#endif /* __IDR_H__ */
