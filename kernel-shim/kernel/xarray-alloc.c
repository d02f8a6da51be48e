// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-ins for the xarray functions of lib/xarray.c that allocating
 * xarrays use (xa_alloc(), xa_load(), xa_erase(), xa_destroy()): what the
 * io-pgtable drivers allocate ASIDs, VMIDs and context banks with (the IDA
 * is <linux/idr.h>'s).
 * The entries live in one counted heap array hung from xa_head, grown to
 * the highest index handed out and freed when the last entry goes, so an
 * ID a driver never frees is a leak finding.
 * The contracts are lib/xarray.c's: an ID is the lowest free one in the
 * limit, -EBUSY when there is none, and an allocating xarray never hands
 * out an index below its base (XA_FLAGS_ALLOC1: 1).
 */
#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/xarray.h>

/* At most 16-bit IDs: SMMU ASIDs and VMIDs, and the drivers' contexts. */
#define PTF_XA_IDS	65536

/* The entries of indices 0 .. cap - 1, grown as IDs are handed out. */
struct ptf_xa {
	unsigned long cap;
	void *slot[];
};

static bool xa_grow(struct xarray *xa, unsigned long index)
{
	struct ptf_xa *old = xa->xa_head, *new;
	unsigned long cap = old ? old->cap : 0;

	if (index < cap)
		return true;
	while (cap <= index)
		cap = cap ? 2 * cap : 64;
	new = kzalloc(struct_size(new, slot, cap), GFP_KERNEL);
	if (!new)
		return false;
	new->cap = cap;
	if (old)
		memcpy(new->slot, old->slot, old->cap * sizeof(void *));
	kfree(old);
	xa->xa_head = new;
	return true;
}

static void xa_release_if_empty(struct xarray *xa)
{
	struct ptf_xa *x = xa->xa_head;

	for (unsigned long i = 0; x && i < x->cap; i++)
		if (x->slot[i])
			return;
	kfree(x);
	xa->xa_head = NULL;
}

int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
	       gfp_t gfp)
{
	u32 base = (xa->xa_flags & XA_FLAGS_ZERO_BUSY) ? 1 : 0;

	if (WARN_ON_ONCE(!(xa->xa_flags & XA_FLAGS_TRACK_FREE)))
		return -EINVAL;
	for (u64 i = max(limit.min, base); i <= limit.max && i < PTF_XA_IDS; i++) {
		struct ptf_xa *x;

		if (!xa_grow(xa, i))
			return -ENOMEM;
		x = xa->xa_head;
		if (x->slot[i])
			continue;
		x->slot[i] = entry ? entry : XA_ZERO_ENTRY;
		*id = i;
		return 0;
	}
	xa_release_if_empty(xa);
	return -EBUSY;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct ptf_xa *x = xa->xa_head;
	void *entry = x && index < x->cap ? x->slot[index] : NULL;

	return entry == XA_ZERO_ENTRY ? NULL : entry;
}

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	struct ptf_xa *x = xa->xa_head;
	void *entry;

	if (!x || index >= x->cap)
		return NULL;
	entry = x->slot[index];
	x->slot[index] = NULL;
	xa_release_if_empty(xa);
	return entry == XA_ZERO_ENTRY ? NULL : entry;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock(xa);
	entry = __xa_erase(xa, index);
	xa_unlock(xa);
	return entry;
}

void xa_destroy(struct xarray *xa)
{
	kfree(xa->xa_head);
	xa->xa_head = NULL;
}
