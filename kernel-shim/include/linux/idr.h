/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/idr.h> (the real one needs the radix tree and
 * lockdep): the IDA, an allocator of small integer IDs, as lib/idr.c
 * defines its contract.  Each allocated ID holds one heap object, so an
 * allocation can fail (-ENOMEM) as the real one can when it needs a new
 * bitmap, and an ID never freed is a leak the harness finds.  Freeing an
 * ID that is not allocated WARNs, as ida_free() does.  No IDR: no driver
 * ptfuzz builds uses one.
 */
#ifndef __IDR_H__
#define __IDR_H__

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/limits.h>
#include <linux/slab.h>

struct ptf_ida_id {
	struct ptf_ida_id *next;	/* in ascending order */
	unsigned int id;
};

struct ida {
	struct ptf_ida_id *ids;
};

#define IDA_INIT(name)	{ .ids = NULL }
#define DEFINE_IDA(name)	struct ida name = IDA_INIT(name)

static inline void ida_init(struct ida *ida)
{
	ida->ids = NULL;
}

/* The lowest free ID in [min, max], or -ENOSPC; -ENOMEM if none can be held. */
static inline int ida_alloc_range(struct ida *ida, unsigned int min,
				  unsigned int max, gfp_t gfp)
{
	struct ptf_ida_id **pos = &ida->ids, *new;
	unsigned int id = min;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;
	while (*pos && (*pos)->id < id)
		pos = &(*pos)->next;
	while (*pos && (*pos)->id == id) {
		pos = &(*pos)->next;
		id++;
	}
	if (id > max || id < min)
		return -ENOSPC;
	new = kmalloc(sizeof(*new), gfp);
	if (!new)
		return -ENOMEM;
	*new = (struct ptf_ida_id){ .next = *pos, .id = id };
	*pos = new;
	return id;
}

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0, gfp);
}

static inline void ida_free(struct ida *ida, unsigned int id)
{
	struct ptf_ida_id **pos = &ida->ids, *old;

	while (*pos && (*pos)->id < id)
		pos = &(*pos)->next;
	if (WARN(!*pos || (*pos)->id != id,
		 "ida_free called for id=%u which is not allocated", id))
		return;
	old = *pos;
	*pos = old->next;
	kfree(old);
}

static inline void ida_destroy(struct ida *ida)
{
	while (ida->ids) {
		struct ptf_ida_id *old = ida->ids;

		ida->ids = old->next;
		kfree(old);
	}
}

static inline bool ida_is_empty(const struct ida *ida)
{
	return !ida->ids;
}

#endif /* __IDR_H__ */
