/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/refcount.h>: the type and the few helpers in use. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#if __has_include(<linux/refcount_types.h>)
#include <linux/refcount_types.h>
#else
typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;
#endif

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n) }
#define refcount_set(r, n)	atomic_set(&(r)->refs, n)
#define refcount_read(r)	atomic_read(&(r)->refs)
#define refcount_inc(r)		atomic_inc(&(r)->refs)
#define refcount_dec_and_test(r) atomic_dec_and_test(&(r)->refs)

#endif /* _LINUX_REFCOUNT_H */
