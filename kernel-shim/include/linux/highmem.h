/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/highmem.h>: no highmem.  kmap() of a user page pinned
 * by the shim's GUP (kernel-shim/kernel/user-mm.c or user-pages.c) gives
 * its address in this process, kept in page->private.
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

#define kmap(page)		kmap_local_page(page)
#define kunmap(page)		do { } while (0)

#endif /* _LINUX_HIGHMEM_H */
