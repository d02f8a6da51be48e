/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/sched/mm.h>: mm reference counts, checked by
 * kernel-shim/kernel/user-mm.c (a put below zero is fatal, a reference
 * left after the op that should have dropped it is a finding).
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/cred.h>
#include <linux/gfp.h>

void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
void mmget(struct mm_struct *mm);
bool mmget_not_zero(struct mm_struct *mm);
void mmput(struct mm_struct *mm);

static inline void might_alloc(gfp_t gfp)
{
}

static inline unsigned int memalloc_nofs_save(void)
{
	return 0;
}

static inline void memalloc_nofs_restore(unsigned int flags)
{
}

static inline unsigned int memalloc_noio_save(void)
{
	return 0;
}

static inline void memalloc_noio_restore(unsigned int flags)
{
}

#endif /* _LINUX_SCHED_MM_H */
