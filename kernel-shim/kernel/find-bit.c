// SPDX-License-Identifier: GPL-2.0
/*
 * lib/find_bit.c's searches for the driver twins, written for the harness
 * against the tree's <linux/find.h> prototypes (through <linux/bitmap.h>): tegra-smmu's ASID bitmap
 * and the io-pgtable drivers' context and ID maps search them.  The caller
 * twins take lib/find_bit.c itself (EXTRACTS_callers).
 */
#include <linux/bitmap.h>

static bool bit_clear(const unsigned long *addr, unsigned long bit)
{
	return !(addr[bit / BITS_PER_LONG] & (1UL << (bit % BITS_PER_LONG)));
}

/* The first clear bit of @addr from @start, or @nbits. */
unsigned long _find_next_zero_bit(const unsigned long *addr,
				  unsigned long nbits, unsigned long start)
{
	for (unsigned long bit = start; bit < nbits; bit++)
		if (bit_clear(addr, bit))
			return bit;
	return nbits;
}

unsigned long _find_first_zero_bit(const unsigned long *addr,
				   unsigned long size)
{
	return _find_next_zero_bit(addr, size, 0);
}
