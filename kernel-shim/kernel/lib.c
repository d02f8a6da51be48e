// SPDX-License-Identifier: GPL-2.0
/*
 * The few lib/ helpers the compiled kernel code calls, written for the
 * harness against the tree's prototypes (lib/string.c, lib/bitmap.c are not
 * built).
 */
#include <linux/bitmap.h>
#include <linux/string.h>

void *memset64(uint64_t *s, uint64_t v, __kernel_size_t count)
{
	for (__kernel_size_t i = 0; i < count; i++)
		s[i] = v;
	return s;
}

void __bitmap_set(unsigned long *map, unsigned int start, int len)
{
	for (unsigned int bit = start; bit < start + len; bit++)
		map[bit / BITS_PER_LONG] |= 1UL << (bit % BITS_PER_LONG);
}
