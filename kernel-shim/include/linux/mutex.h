/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/mutex.h>: a count that must balance, see <linux/spinlock.h>. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/spinlock.h>

struct mutex {
	int locked;
};

#define DEFINE_MUTEX(name)	struct mutex name = { 0 }
#define mutex_init(m)		((m)->locked = 0)
#define mutex_destroy(m)	((void)WARN((m)->locked, "mutex destroyed while held"))
#define mutex_lock(m)		__ptf_lock(m)
#define mutex_lock_nested(m, s)	__ptf_lock(m)
#define mutex_unlock(m)		__ptf_unlock(m)
#define mutex_trylock(m)	__ptf_trylock(m)
#define mutex_lock_interruptible(m) (__ptf_lock(m), 0)
#define mutex_lock_killable(m)	(__ptf_lock(m), 0)
#define mutex_is_locked(m)	((m)->locked != 0)

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))

#endif /* __LINUX_MUTEX_H */
