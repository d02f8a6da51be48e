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
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)		((phys_addr_t)(x) << PAGE_SHIFT)

#endif /* _LINUX_MM_H */
