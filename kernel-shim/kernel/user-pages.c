// SPDX-License-Identifier: GPL-2.0
/*
 * "User" memory for the kernel code that pins it (iommufd's iova_bitmap)
 * in the page-table twins (the callers have kernel-shim/kernel/user-mm.c):
 * the engine's buffers live in this process, so pinning a user address just
 * hands out struct pages that remember it (kmap_local_page() in the
 * <linux/highmem.h> stand-in reads it back).  At most one page's worth of
 * struct page pointers is pinned at a time, as iova_bitmap asks.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/uaccess.h>

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

/* No user address space here: every copy faults. */
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	memset(to, 0, n);
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return n;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	return n;
}

bool access_ok(const void __user *addr, unsigned long size)
{
	return false;
}

int copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
			  size_t usize)
{
	return -EFAULT;
}

int copy_struct_to_user(void __user *dst, size_t usize, const void *src,
			size_t ksize, bool *ignored_trailing)
{
	return -EFAULT;
}
