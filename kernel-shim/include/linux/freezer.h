/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/freezer.h> (the real one needs <linux/sched.h>):
 * the harness never freezes tasks, since it never suspends the system.
 */
#ifndef _LINUX_FREEZER_H
#define _LINUX_FREEZER_H

#include <linux/types.h>

static inline bool try_to_freeze(void)
{
	return false;
}

#endif /* _LINUX_FREEZER_H */
