/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/mm_types.h>.  struct page only has to be as large as
 * the descriptors that overlay it (struct ioptdesc in iommu-pages.h); the
 * runtime hands out one zeroed struct page per page-table allocation.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>

struct address_space;
struct mm_struct;

struct page {
	unsigned long flags;
	struct list_head lru;
	struct address_space *mapping;
	union {
		pgoff_t index;
		unsigned long share;
	};
	unsigned long private;
	unsigned int page_type;
	atomic_t _refcount;
	unsigned long memcg_data;
};

struct folio {
	struct page page;
};

#endif /* _LINUX_MM_TYPES_H */
