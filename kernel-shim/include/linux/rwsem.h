/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/rwsem.h>: ->locked counts the holders (readers, or
 * the writer), with the checks of <linux/spinlock.h>.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/spinlock.h>

struct rw_semaphore {
	int locked;
	bool writer;
};

#define init_rwsem(s)	(*(s) = (struct rw_semaphore){ 0 })
#define down_read(s)	((void)WARN((s)->writer, "rw_semaphore read-locked while write-locked (deadlock)"), (s)->locked++)
#define down_write(s)	((void)WARN((s)->locked, "rw_semaphore write-locked while held (deadlock)"), (s)->locked = 1, (s)->writer = true)
#define up_read(s)	((void)WARN(!(s)->locked || (s)->writer, "rw_semaphore read-unlocked but not so held"), (s)->locked--)
#define up_write(s)	((void)WARN(!(s)->writer, "rw_semaphore write-unlocked but not so held"), (s)->locked = 0, (s)->writer = false)

#endif /* _LINUX_RWSEM_H */
