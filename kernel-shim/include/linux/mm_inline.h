/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/mm_inline.h>: no LRU here. */
#ifndef LINUX_MM_INLINE_H
#define LINUX_MM_INLINE_H

#include <linux/mm.h>

/*
 * How many of @pages, from the first, are struct pages in a row: the fake
 * address space's memmap is one array, so that is how many pfns follow on.
 */
static inline size_t num_pages_contiguous(struct page **pages, size_t nr_pages)
{
	size_t i;

	for (i = 1; i < nr_pages; i++)
		if (pages[i] != pages[0] + i)
			break;
	return i;
}

#endif /* LINUX_MM_INLINE_H */
