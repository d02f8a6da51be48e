/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/rcupdate.h>.  One op runs at a time, so a grace
 * period is over as soon as no read-side critical section is open:
 * call_rcu() and kfree_rcu() run their callback then (at once, or at the
 * outermost rcu_read_unlock()).  The read-side nesting is counted:
 * unlocking more often than locking, synchronize_rcu() inside a
 * read-side section, or a pointer read with rcu_dereference() outside one
 * WARN (kernel-shim/kernel/lib.c), and the runtime counts a section as a
 * held lock: one still open when an op returns is a finding.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/bug.h>
#include <asm/rwonce.h>
#include <linux/cleanup.h>
#include <linux/slab.h>

void ptf_rcu_read_lock(void);
void ptf_rcu_read_unlock(void);
bool ptf_rcu_read_lock_held(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
/* kfree() of the object @head is in, after the grace period. */
void ptf_kvfree_call_rcu(struct rcu_head *head, void *ptr);

#define rcu_read_lock()			ptf_rcu_read_lock()
#define rcu_read_unlock()		ptf_rcu_read_unlock()
#define rcu_read_lock_held()		ptf_rcu_read_lock_held()
#define rcu_read_lock_any_held()	ptf_rcu_read_lock_held()
#define rcu_read_lock_bh_held()		ptf_rcu_read_lock_held()
#define rcu_read_lock_sched_held()	ptf_rcu_read_lock_held()
#define synchronize_rcu_expedited()	synchronize_rcu()

#define RCU_LOCKDEP_WARN(c, s)		do { } while (0)
#define rcu_lockdep_assert(c, s)	do { } while (0)

#define rcu_dereference_raw(p)		READ_ONCE(p)
#define rcu_dereference_raw_check(p)	READ_ONCE(p)
#define rcu_dereference_check(p, c)	READ_ONCE(p)
#define rcu_dereference_protected(p, c)	(p)
#define rcu_access_pointer(p)		READ_ONCE(p)
#define unrcu_pointer(p)		(p)
#define rcu_dereference(p)						\
	({								\
		WARN(!ptf_rcu_read_lock_held(),				\
		     "rcu_dereference() outside a read-side critical section"); \
		READ_ONCE(p);						\
	})
#define rcu_dereference_bh(p)		rcu_dereference(p)
#define rcu_dereference_sched(p)	rcu_dereference(p)
#define rcu_assign_pointer(p, v)	WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, v)
#define rcu_pointer_handoff(p)		(p)
#define rcu_replace_pointer(p, v, c) ({					\
	typeof(p) __old = (p);						\
	(p) = (v);							\
	__old;								\
})
#define RCU_POINTER_INITIALIZER(p, v)	.p = (v)

#define kfree_rcu(ptr, rhf)	ptf_kvfree_call_rcu(&(ptr)->rhf, (ptr))
#define kvfree_rcu(ptr, rhf)	kfree_rcu(ptr, rhf)
/* The headless form waits for the grace period, so it may not be inside one. */
#define kfree_rcu_mightsleep(ptr)	do { synchronize_rcu(); kfree(ptr); } while (0)

/* Every callback queued ran at the outermost rcu_read_unlock(). */
static inline void rcu_barrier(void)
{
	WARN(ptf_rcu_read_lock_held(), "rcu_barrier() inside a read-side critical section");
}

DEFINE_LOCK_GUARD_0(rcu, rcu_read_lock(), rcu_read_unlock())

#endif /* _LINUX_RCUPDATE_H */
