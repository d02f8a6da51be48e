/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/sched/signal.h>: RLIMIT_MEMLOCK of the fake tasks. */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>
#include <uapi/asm-generic/resource.h>

static inline unsigned long task_rlimit(const struct task_struct *t,
					unsigned int limit)
{
	return limit == RLIMIT_MEMLOCK ? t->ptf_memlock : RLIM_INFINITY;
}

#define rlimit(limit)	task_rlimit(current, limit)

#endif /* _LINUX_SCHED_SIGNAL_H */
