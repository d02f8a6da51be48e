/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/gfp.h>: the real GFP flag values, and page
 * allocation routed to the runtime's page-table arena.
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/types.h>
#include <linux/numa.h>
#include <linux/string.h>
#include <asm/page.h>

static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

static inline unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	/* Garbage (a poison pattern) unless the caller asked for zeroes. */
	if (gfp & __GFP_ZERO)
		return (unsigned long)ptf_rt_table_alloc(PAGE_SIZE << order);
	return (unsigned long)ptf_rt_table_alloc_raw(PAGE_SIZE << order);
}

#define __get_free_page(gfp) __get_free_pages((gfp), 0)

static inline unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

static inline void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		ptf_rt_table_free((void *)addr);
}

#define free_page(addr) free_pages((addr), 0)

/*
 * The struct page interface, as io-pgtable used it before iommu-pages.h
 * (6.11): macros, so that mm.h's virt_to_page() is seen where they are used.
 */
#define alloc_pages(gfp, order) ({					\
	void *__p = (void *)__get_free_pages((gfp), (order));		\
	__p ? virt_to_page(__p) : NULL;					\
})
#define alloc_pages_node(nid, gfp, order)	alloc_pages((gfp), (order))
#define __free_pages(page, order)					\
	free_pages((unsigned long)page_address(page), (order))

#endif /* __LINUX_GFP_H */
