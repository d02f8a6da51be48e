/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/rcupdate.h>.  ptfuzz runs one op at a time on one
 * thread: a grace period has always elapsed, so call_rcu() runs its
 * callback at once and the dereference helpers are plain loads.  Read-side
 * sections still have to balance: the count is the runtime's, checked
 * after every op.
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/cleanup.h>
#include <linux/slab.h>
#include <asm/rwonce.h>
#include <ptf_rt.h>

#define rcu_read_lock()		ptf_rt_lock_acquire("rcu_read_lock")
#define rcu_read_unlock()	ptf_rt_lock_release("rcu_read_lock")
#define rcu_read_lock_held()	1
#define rcu_read_lock_bh_held()	1
#define rcu_read_lock_sched_held() 1
#define rcu_read_lock_any_held() 1

#define rcu_dereference_raw(p)		READ_ONCE(p)
#define rcu_dereference_check(p, c)	READ_ONCE(p)
#define rcu_dereference_protected(p, c)	(p)
#define rcu_dereference(p)		READ_ONCE(p)
#define rcu_dereference_raw_check(p)	READ_ONCE(p)
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_pointer_handoff(p)		(p)
#define rcu_assign_pointer(p, v)	WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, v)
#define RCU_POINTER_INITIALIZER(p, v)	.p = (v)
#define rcu_replace_pointer(p, v, c) ({					\
	typeof(p) __old = (p);						\
	(p) = (v);							\
	__old;								\
})

static inline void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	func(head);
}

static inline void synchronize_rcu(void)
{
}

static inline void rcu_barrier(void)
{
}

#define kfree_rcu(ptr, rhf)		kfree(ptr)
#define kfree_rcu_mightsleep(ptr)	kfree(ptr)
#define kvfree_rcu(ptr, ...)		kvfree(ptr)

DEFINE_LOCK_GUARD_0(rcu, rcu_read_lock(), rcu_read_unlock())

#endif /* __LINUX_RCUPDATE_H */
