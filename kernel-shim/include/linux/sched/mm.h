/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/sched/mm.h>: allocation scopes have no effect here. */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/gfp.h>

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

#endif /* _LINUX_SCHED_MM_H */
