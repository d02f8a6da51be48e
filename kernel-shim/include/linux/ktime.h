/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/ktime.h>: as in <linux/iopoll.h>, time passes only
 * by being read.  Each ktime_get() is one microsecond after the previous
 * one, so that a loop polling a device until a deadline ends after as
 * many reads as the real one could make at one read per microsecond,
 * whatever the host's speed.
 */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>

typedef s64 ktime_t;

#define NSEC_PER_USEC	1000L

static inline ktime_t ktime_get(void)
{
	static ktime_t now;

	return now += NSEC_PER_USEC;
}

static inline ktime_t ktime_add_us(ktime_t kt, u64 usec)
{
	return kt + (ktime_t)usec * NSEC_PER_USEC;
}

static inline int ktime_compare(ktime_t cmp1, ktime_t cmp2)
{
	return cmp1 < cmp2 ? -1 : cmp1 > cmp2;
}

#endif /* _LINUX_KTIME_H */
