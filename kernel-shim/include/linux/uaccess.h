/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/uaccess.h>.  iommu.h's inline uAPI helpers must
 * compile; no user memory exists here, so every copy faults.
 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/types.h>
#include <linux/errno.h>

static inline unsigned long copy_from_user(void *to, const void __user *from,
					   unsigned long n)
{
	return n;
}

static inline unsigned long copy_to_user(void __user *to, const void *from,
					 unsigned long n)
{
	return n;
}

static inline int copy_struct_from_user(void *dst, size_t ksize,
					const void __user *src, size_t usize)
{
	return -EFAULT;
}

static inline int copy_struct_to_user(void __user *dst, size_t usize,
				      const void *src, size_t ksize,
				      bool *ignored_trailing)
{
	return -EFAULT;
}

#endif /* __LINUX_UACCESS_H__ */
