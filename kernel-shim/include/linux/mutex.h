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
#define mutex_destroy(m)	((void)(m))
#define mutex_lock(m)		__ptf_lock(m)
#define mutex_unlock(m)		__ptf_unlock(m)
#define mutex_is_locked(m)	((m)->locked != 0)

#endif /* __LINUX_MUTEX_H */
