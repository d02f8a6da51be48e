/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/spinlock.h>.  ptfuzz runs one op at a time on one
 * thread; the locks only need to compile and to balance.
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>

typedef struct spinlock {
	int locked;
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ 0 }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)
#define spin_lock_init(l)		((l)->locked = 0)
#define spin_lock(l)			((l)->locked++)
#define spin_unlock(l)			((l)->locked--)
#define spin_lock_irqsave(l, f)		((void)(f), (l)->locked++)
#define spin_unlock_irqrestore(l, f)	((void)(f), (l)->locked--)
#define spin_lock_irq(l)		spin_lock(l)
#define spin_unlock_irq(l)		spin_unlock(l)
#define raw_spin_lock_init		spin_lock_init
#define raw_spin_lock			spin_lock
#define raw_spin_unlock			spin_unlock
#define raw_spin_lock_irqsave		spin_lock_irqsave
#define raw_spin_unlock_irqrestore	spin_unlock_irqrestore
#define lockdep_assert_held(l)		((void)(l))

#endif /* __LINUX_SPINLOCK_H */
