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

static inline void __ptf_down_read(struct rw_semaphore *s, const char *what)
{
	WARN(s->writer, "%s read-locked while write-locked (deadlock)", what);
	s->locked++;
	ptf_rt_lock_acquire(what);
}

static inline void __ptf_down_write(struct rw_semaphore *s, const char *what)
{
	WARN(s->locked, "%s write-locked while held (deadlock)", what);
	s->locked = 1;
	s->writer = true;
	ptf_rt_lock_acquire(what);
}

static inline void __ptf_up(struct rw_semaphore *s, bool write,
			    const char *what)
{
	WARN(!s->locked || s->writer != write, "%s %s-unlocked but not so held",
	     what, write ? "write" : "read");
	s->locked--;
	s->writer = false;
	ptf_rt_lock_release(what);
}

#define init_rwsem(s)		(*(s) = (struct rw_semaphore){ 0 })
#define down_read(s)		__ptf_down_read(s, "rw_semaphore")
#define up_read(s)		__ptf_up(s, false, "rw_semaphore")
#define down_write(s)		__ptf_down_write(s, "rw_semaphore")
#define up_write(s)		__ptf_up(s, true, "rw_semaphore")
#define down_read_killable(s)	(down_read(s), 0)
#define down_write_killable(s)	(down_write(s), 0)
#define down_write_nest_lock(s, n)	down_write(s)
#define downgrade_write(s)	((s)->writer = false)
#define rwsem_is_locked(s)	((s)->locked != 0)
#define rwsem_assert_held(s)	WARN_ON(!(s)->locked)

DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))

#endif /* _LINUX_RWSEM_H */
