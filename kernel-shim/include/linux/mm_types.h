/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/mm_types.h>.  struct page only has to be as large as
 * the descriptors that overlay it (struct ioptdesc in iommu-pages.h); the
 * runtime hands out one zeroed struct page per page-table allocation.
 * User pages (the fake user address space of kernel-shim/kernel/user-mm.c)
 * have struct pages of their own, with a pin count.
 *
 * mm_struct and vm_area_struct carry what VFIO and iommufd read: the
 * locked and pinned page counts, the reference counts (mmget/mmgrab) and
 * mmap_lock, which user-mm.c checks, and the VMAs of the fake address
 * space.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/rwsem.h>

struct address_space;
struct mm_struct;
struct file;

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
	int ptf_pins;			/* user pages: pin_user_pages() count */
};

struct folio {
	struct page page;
};

typedef unsigned long vm_flags_t;

typedef struct {
	unsigned long pgprot;
} pgprot_t;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	vm_flags_t vm_flags;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	const struct vm_operations_struct *vm_ops;
	/* The fake address space: page i is pfn ptf_pfn(vma, i). */
	unsigned long ptf_pfn;		/* of the first page */
	unsigned long ptf_run;		/* pages per physically contiguous run */
	unsigned long ptf_stride;	/* pfns from one run to the next */
	struct list_head ptf_list;	/* in the mm, by address */
};

struct mm_struct {
	atomic_t mm_users;		/* mmget/mmput */
	atomic_t mm_count;		/* mmgrab/mmdrop */
	unsigned long locked_vm;	/* pages, RLIMIT_MEMLOCK */
	atomic64_t pinned_vm;
	struct rw_semaphore mmap_lock;
	struct list_head ptf_vmas;
	int ptf_id;			/* which fake process */
};

#endif /* _LINUX_MM_TYPES_H */
