/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/spinlock.h>.  ptfuzz runs one op at a time on one
 * thread, so a lock is only a count, but it must balance: taking a lock
 * that is held (a deadlock on a real kernel), releasing one that is not,
 * or asserting one that is not held WARNs.  The runtime also counts the
 * locks each twin holds: none may be held between ops.
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/cleanup.h>
#include <linux/lockdep.h>
#include <ptf_rt.h>

typedef struct spinlock {
	int locked;
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __ptf_lock(l) ({						\
	(void)WARN((l)->locked++, "lock taken twice (deadlock)");	\
	ptf_rt_lock_acquire("lock");					\
})
#define __ptf_unlock(l) ({						\
	(void)WARN(--(l)->locked < 0, "lock released but not held");	\
	ptf_rt_lock_release("lock");					\
})
#define __ptf_trylock(l)	((l)->locked ? 0 : (__ptf_lock(l), 1))

#define __SPIN_LOCK_UNLOCKED(name)	{ 0 }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)
#define spin_lock_init(l)		((l)->locked = 0)
#define spin_lock(l)			__ptf_lock(l)
#define spin_unlock(l)			__ptf_unlock(l)
#define spin_trylock(l)			__ptf_trylock(l)
#define spin_lock_irqsave(l, f)		((f) = 0, __ptf_lock(l))
#define spin_unlock_irqrestore(l, f)	((void)(f), __ptf_unlock(l))
#define spin_lock_irq(l)		spin_lock(l)
#define spin_lock_bh(l)			spin_lock(l)
#define spin_unlock_bh(l)		spin_unlock(l)
#define spin_unlock_irq(l)		spin_unlock(l)
#define spin_lock_bh(l)			spin_lock(l)
#define spin_unlock_bh(l)		spin_unlock(l)
#define spin_is_locked(l)		((l)->locked != 0)
#define assert_spin_locked(l)		((void)WARN(!(l)->locked, "lock not held"))
#define raw_spin_lock_init		spin_lock_init
#define raw_spin_lock			spin_lock
#define raw_spin_unlock			spin_unlock
#define raw_spin_lock_irqsave		spin_lock_irqsave
#define raw_spin_unlock_irqrestore	spin_unlock_irqrestore

DEFINE_LOCK_GUARD_1(spinlock, spinlock_t, spin_lock(_T->lock),
		    spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irqsave, spinlock_t,
		    spin_lock_irqsave(_T->lock, _T->flags),
		    spin_unlock_irqrestore(_T->lock, _T->flags),
		    unsigned long flags)

/* rwlock_t: readers and the writer counted alike; a writer excludes all. */
typedef struct {
	int locked;
	bool writer;
} rwlock_t;

#define __ptf_read_lock(l)	((void)WARN((l)->writer, "rwlock read-locked while write-locked (deadlock)"), (l)->locked++)
#define __ptf_write_lock(l)	((void)WARN((l)->locked, "rwlock write-locked while held (deadlock)"), (l)->locked = 1, (l)->writer = true)
#define __ptf_rw_unlock(l, w)	((void)WARN(!(l)->locked || (l)->writer != (w), "rwlock released but not so held"), (l)->locked--, (l)->writer = false)
#define rwlock_init(l)			(*(l) = (rwlock_t){ 0 })
#define read_lock(l)			__ptf_read_lock(l)
#define read_unlock(l)			__ptf_rw_unlock(l, false)
#define write_lock(l)			__ptf_write_lock(l)
#define write_unlock(l)			__ptf_rw_unlock(l, true)
#define read_lock_irqsave(l, f)		((void)(f), __ptf_read_lock(l))
#define read_unlock_irqrestore(l, f)	((void)(f), __ptf_rw_unlock(l, false))
#define write_lock_irqsave(l, f)	((void)(f), __ptf_write_lock(l))
#define write_unlock_irqrestore(l, f)	((void)(f), __ptf_rw_unlock(l, true))

#endif /* __LINUX_SPINLOCK_H */
