/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/highmem.h>: no highmem.  kmap() of a user page pinned
 * by the shim's pin_user_pages_fast() (kernel-shim/kernel/user-pages.c)
 * gives its address, kept in page->private.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>

static inline void *kmap_local_page(struct page *page)
{
	return (void *)page->private;
}

static inline void kunmap_local(const void *addr)
{
}

#define FOLL_WRITE	0x01

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_pages(struct page **pages, unsigned long npages);

#endif /* _LINUX_HIGHMEM_H */
