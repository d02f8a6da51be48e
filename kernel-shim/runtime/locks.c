// SPDX-License-Identifier: GPL-2.0
/*
 * The locks kernel code holds, per twin.  The lock stand-ins (spinlock,
 * mutex, rwsem, mmap_lock, RCU read side) report each acquire and release;
 * between ops none may be held (an op that returns holding a lock leaves
 * it for the next to deadlock on).  The last one taken is kept for the
 * report.
 */
#include "runtime.h"

struct held {
	unsigned int nr;
	const char *last;
};

static struct held held[PTF_NR_TWINS];

void ptf_rt_lock_acquire(const char *what)
{
	struct held *h = &held[ptf_rt_twin()];

	h->nr++;
	h->last = what;
}

/* A release without an acquire WARNs at the lock; the count stays at 0. */
void ptf_rt_lock_release(const char *what)
{
	struct held *h = &held[ptf_rt_twin()];

	if (h->nr)
		h->nr--;
}

unsigned int rt_locks_held(int twin, const char **last)
{
	*last = held[twin].last;
	return held[twin].nr;
}

void rt_reset_locks(void)
{
	for (int t = 0; t < PTF_NR_TWINS; t++)
		held[t] = (struct held){ 0 };
}
