/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/uaccess.h>.  User memory is the fake user address
 * space of kernel-shim/kernel/user-mm.c (the callers' twins); the
 * page-table twins have none, and every copy faults there
 * (kernel-shim/kernel/user-pages.c).  A copy returns the bytes it could
 * not copy, as in the kernel.
 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/compiler.h>
#include <linux/util_macros.h>

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
bool access_ok(const void __user *addr, unsigned long size);
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
			  size_t usize);
int copy_struct_to_user(void __user *dst, size_t usize, const void *src,
			size_t ksize, bool *ignored_trailing);

#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr),			\
				      sizeof(__gu_val)) ? -EFAULT : 0;	\
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;		\
	__gu_err;							\
})

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})


#endif /* __LINUX_UACCESS_H__ */
