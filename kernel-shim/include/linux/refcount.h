/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/refcount.h>: the type and the few helpers in use. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/mutex.h>
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

/* The rest of the API; an underflow WARNs, as the kernel's does. */
#define refcount_inc_not_zero(r) atomic_inc_not_zero(&(r)->refs)
#define refcount_add(n, r)	atomic_add(n, &(r)->refs)
#define refcount_dec(r)							\
	((void)WARN(atomic_dec_return(&(r)->refs) < 0,			\
		    "refcount_t: underflow; use-after-free"))
#define refcount_dec_if_one(r)	(atomic_cmpxchg(&(r)->refs, 1, 0) == 1)
#define refcount_dec_and_lock(r, l)					\
	(refcount_dec_and_test(r) ? (spin_lock(l), true) : false)
#define refcount_dec_and_mutex_lock(r, l)				\
	(refcount_dec_and_test(r) ? (mutex_lock(l), true) : false)

#endif /* _LINUX_REFCOUNT_H */
