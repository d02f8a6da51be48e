/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/compat.h>: a 64-bit kernel with no compat tasks. */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#include <linux/types.h>

#define in_compat_syscall()	false
#define compat_ptr(p)		((void __user *)(unsigned long)(p))

#endif /* _LINUX_COMPAT_H */
