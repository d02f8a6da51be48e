/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/mm.h>: the page <-> virtual address helpers page-table
 * code uses.  A page-table allocation is one folio; its struct page lives in
 * the runtime's side table.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/export.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/mmap_lock.h>
#include <linux/container_of.h>
#include <linux/mmdebug.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <asm/page.h>

static inline struct folio *virt_to_folio(const void *virt)
{
	return ptf_rt_page_meta(virt, sizeof(struct folio));
}

static inline struct page *virt_to_page(const void *virt)
{
	return &virt_to_folio(virt)->page;
}

static inline void *folio_address(const struct folio *folio)
{
	return ptf_rt_meta_virt(folio);
}

static inline void *page_address(const struct page *page)
{
	return ptf_rt_meta_virt(page);
}

#define page_to_virt(page)	page_address(page)

/*
 * User memory: the fake user address space of kernel-shim/kernel/user-mm.c
 * (VFIO's and iommufd's pinning), or for the page-table twins the harness's
 * own buffers (kernel-shim/kernel/user-pages.c, iommufd's dirty bitmap).
 * Pages are pinned and unpinned one by one, and each user page counts its
 * pins: an unpin of a page that holds none is fatal at once.
 */
#define VM_NONE		0x00000000
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_PFNMAP	0x00000400
#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000
#define VM_DONTEXPAND	0x00040000
#define VM_DONTDUMP	0x04000000

enum {
	FOLL_WRITE	= 1 << 0,
	FOLL_GET	= 1 << 1,
	FOLL_FORCE	= 1 << 3,
	FOLL_NOWAIT	= 1 << 4,
	FOLL_NOFAULT	= 1 << 5,
	FOLL_LONGTERM	= 1 << 8,
	FOLL_PCI_P2PDMA	= 1 << 10,
};

#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_REMOTE	0x80

struct follow_pfnmap_args {
	struct vm_area_struct *vma;
	unsigned long address;
	unsigned long pfn;
	unsigned long addr_mask;
	pgprot_t pgprot;
	bool writable;
	bool special;
};

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
int follow_pfnmap_start(struct follow_pfnmap_args *args);
void follow_pfnmap_end(struct follow_pfnmap_args *args);
int fixup_user_fault(struct mm_struct *mm, unsigned long address,
		     unsigned int fault_flags, bool *unlocked);

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked);
long pin_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages);
int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages,
				 bool make_dirty);
void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages,
				      bool make_dirty);

int __account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc,
			struct task_struct *task, bool bypass_rlim);
int account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc);

/* User pages have pfns; page-table memory is reached by address only. */
struct page *pfn_to_page(unsigned long pfn);
unsigned long page_to_pfn(const struct page *page);
bool pfn_valid(unsigned long pfn);
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define PageReserved(page)	false

static inline struct folio *page_folio(struct page *page)
{
	return container_of(page, struct folio, page);
}

static inline struct page *folio_page(struct folio *folio, unsigned long n)
{
	return &folio->page + n;
}

/* Every folio of the fake address space is one page. */
static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1;
}

/* The page was written: its dirty bit, for the dirty-tracking oracles. */
void set_page_dirty_lock(struct page *page);

int folio_add_pins(struct folio *folio, unsigned int pins);
void unpin_folios(struct folio **folios, unsigned long nfolios);
long memfd_pin_folios(struct file *memfd, loff_t start, loff_t end,
		      struct folio **folios, unsigned int max_folios,
		      pgoff_t *offset);

#define untagged_addr(addr)		(addr)
#define untagged_addr_remote(mm, addr)	(addr)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)		((phys_addr_t)(x) << PAGE_SHIFT)

#endif /* _LINUX_MM_H */
