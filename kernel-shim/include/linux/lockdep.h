/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/lockdep.h>.  No lock classes; but an assertion that a
 * lock is held is checked: every lock stand-in (spinlock, mutex, rwsem)
 * counts its holders in ->locked.
 */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/types.h>
#include <linux/bug.h>

struct lock_class_key {
	int unused;
};

struct lockdep_map {
	int unused;
};

#define lockdep_set_class(lock, key)		((void)(key))
#define lockdep_set_class_and_name(l, k, n)	((void)(k))
#define lockdep_set_subclass(lock, sub)		do { } while (0)
#define lockdep_is_held(l)			((l)->locked != 0)
#define lockdep_assert_held(l)		((void)WARN(!(l)->locked, "lock not held"))
#define lockdep_assert_held_write(l)		lockdep_assert_held(l)
#define lockdep_assert_held_read(l)		lockdep_assert_held(l)
#define lockdep_assert_held_once(l)		lockdep_assert_held(l)
#define lockdep_assert_not_held(l)		do { } while (0)
#define lockdep_assert(c)			WARN_ON(!(c))
#define lockdep_assert_irqs_disabled()		do { } while (0)
#define lockdep_assert_irqs_enabled()		do { } while (0)
#define might_lock(l)				do { } while (0)
#define might_lock_read(l)			do { } while (0)
#define lockdep_init_map(m, n, k, s)		do { } while (0)
#define lock_acquire(...)			do { } while (0)
#define lock_release(...)			do { } while (0)

#endif /* __LINUX_LOCKDEP_H */
