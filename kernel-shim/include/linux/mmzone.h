/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/mmzone.h>: memory zones and nodes, which no code
 * ptfuzz builds uses.  The real header drags in the scheduler; what IOMMU
 * headers get through it (arm-smmu-v3.h's locks, IDA, rbtree and MMU
 * notifier types, SMP_CACHE_BYTES) is included here instead.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/cache.h>
#include <linux/idr.h>
#include <linux/mmu_notifier.h>
#include <linux/numa.h>
#include <linux/rbtree_types.h>
#include <linux/rwsem.h>

/* The largest buddy allocation (arm64's default CONFIG_ARCH_FORCE_MAX_ORDER). */
#define MAX_PAGE_ORDER	10

#endif /* _LINUX_MMZONE_H */
