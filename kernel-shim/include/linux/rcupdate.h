/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/rcupdate.h> (the real one needs the scheduler and
 * per-CPU state).  ptfuzz runs one op at a time on one thread: there is
 * no concurrent reader, so publishing a pointer is a store and reading
 * one a load.  What lib/rbtree.c and its users need, no more: a grace
 * period or a deferred free would have to say what it defers to.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>

#define rcu_assign_pointer(p, v)	WRITE_ONCE((p), (v))
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE((p), (v))
#define rcu_dereference_raw(p)		READ_ONCE(p)
#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_dereference_protected(p, c)	(p)
#define rcu_access_pointer(p)		READ_ONCE(p)

static inline void rcu_read_lock(void)
{
}

static inline void rcu_read_unlock(void)
{
}

/* No reader runs concurrently: every grace period has already ended. */
static inline void synchronize_rcu(void)
{
}

#endif /* _LINUX_RCUPDATE_H */
