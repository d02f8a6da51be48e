// SPDX-License-Identifier: GPL-2.0
/*
 * "User" memory for the kernel code that pins it (iommufd's iova_bitmap):
 * the engine's buffers live in this process, so pinning a user address just
 * hands out struct pages that remember it (kmap_local_page() in the
 * <linux/highmem.h> stand-in reads it back).  At most one page's worth of
 * struct page pointers is pinned at a time, as iova_bitmap asks.
 */
#include <linux/highmem.h>
#include <linux/mm.h>

static struct page user_pages[PAGE_SIZE / sizeof(struct page *)];

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages)
{
	if (WARN_ON(nr_pages > (int)ARRAY_SIZE(user_pages)))
		return -EINVAL;
	start &= PAGE_MASK;	/* like GUP: the pages holding the range */
	for (int i = 0; i < nr_pages; i++) {
		user_pages[i].private = start + i * PAGE_SIZE;
		pages[i] = &user_pages[i];
	}
	return nr_pages;
}

void unpin_user_pages(struct page **pages, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++)
		pages[i]->private = 0;
}
