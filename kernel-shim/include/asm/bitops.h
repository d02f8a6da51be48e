/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <asm/bitops.h>: the kernel's own generic C bitops, with the
 * "atomic" ones mapped onto the non-atomic versions (one thread) and the
 * search helpers onto compiler builtins.
 */
#ifndef _ASM_BITOPS_H
#define _ASM_BITOPS_H

#ifndef _LINUX_BITOPS_H
#error only <linux/bitops.h> can be included directly
#endif

#include <asm-generic/bitops/builtin-__ffs.h>
#include <asm-generic/bitops/builtin-ffs.h>
#include <asm-generic/bitops/builtin-__fls.h>
#include <asm-generic/bitops/builtin-fls.h>
#include <asm-generic/bitops/ffz.h>
#include <asm-generic/bitops/fls64.h>
#include <asm-generic/bitops/sched.h>

static inline unsigned int __arch_hweight32(unsigned int w)
{
	return __builtin_popcount(w);
}

static inline unsigned int __arch_hweight16(unsigned int w)
{
	return __builtin_popcount(w & 0xffff);
}

static inline unsigned int __arch_hweight8(unsigned int w)
{
	return __builtin_popcount(w & 0xff);
}

static inline unsigned long __arch_hweight64(__u64 w)
{
	return __builtin_popcountll(w);
}
#include <asm-generic/bitops/const_hweight.h>

#define arch___set_bit			generic___set_bit
#define arch___clear_bit		generic___clear_bit
#define arch___change_bit		generic___change_bit
#define arch___test_and_set_bit		generic___test_and_set_bit
#define arch___test_and_clear_bit	generic___test_and_clear_bit
#define arch___test_and_change_bit	generic___test_and_change_bit
#define arch_test_bit			generic_test_bit
#define arch_test_bit_acquire		generic_test_bit_acquire
#include <asm-generic/bitops/non-instrumented-non-atomic.h>

#define set_bit(nr, addr)		generic___set_bit(nr, addr)
#define clear_bit(nr, addr)		generic___clear_bit(nr, addr)
#define change_bit(nr, addr)		generic___change_bit(nr, addr)
#define test_and_set_bit(nr, addr)	generic___test_and_set_bit(nr, addr)
#define test_and_clear_bit(nr, addr)	generic___test_and_clear_bit(nr, addr)
#define test_and_change_bit(nr, addr)	generic___test_and_change_bit(nr, addr)
#define clear_bit_unlock(nr, addr)	generic___clear_bit(nr, addr)
#define test_and_set_bit_lock(nr, addr)	generic___test_and_set_bit(nr, addr)

#include <asm-generic/bitops/le.h>

#endif /* _ASM_BITOPS_H */
