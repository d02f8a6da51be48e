/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/rcupdate.h>.  ptfuzz runs one op at a time on one
 * thread: a grace period has always elapsed, so call_rcu() runs its
 * callback at once and the dereference helpers are plain loads.
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/cleanup.h>
#include <asm/rwonce.h>

#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)
#define rcu_read_lock_held()	1

#define rcu_dereference_raw(p)		READ_ONCE(p)
#define rcu_dereference_check(p, c)	READ_ONCE(p)
#define rcu_dereference_protected(p, c)	(p)
#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_assign_pointer(p, v)	WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, v)

static inline void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	func(head);
}

static inline void synchronize_rcu(void)
{
}

#define kfree_rcu(ptr, rhf)		kfree(ptr)

#endif /* __LINUX_RCUPDATE_H */
