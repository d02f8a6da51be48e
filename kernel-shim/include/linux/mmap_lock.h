/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/mmap_lock.h>: mm->mmap_lock, a checked rwsem. */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H

#include <linux/mm_types.h>

#define mmap_read_lock(mm)		__ptf_down_read(&(mm)->mmap_lock, "mmap_lock")
#define mmap_read_unlock(mm)		__ptf_up(&(mm)->mmap_lock, false, "mmap_lock")
#define mmap_write_lock(mm)		__ptf_down_write(&(mm)->mmap_lock, "mmap_lock")
#define mmap_write_unlock(mm)		__ptf_up(&(mm)->mmap_lock, true, "mmap_lock")
#define mmap_read_lock_killable(mm)	(mmap_read_lock(mm), 0)
#define mmap_write_lock_killable(mm)	(mmap_write_lock(mm), 0)
#define mmap_assert_locked(mm)		WARN_ON(!(mm)->mmap_lock.locked)
#define mmap_assert_write_locked(mm)	WARN_ON(!(mm)->mmap_lock.writer)

#endif /* _LINUX_MMAP_LOCK_H */
