/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/completion.h> (the real one needs the scheduler).
 * One thread, no time: waiting for a completion nobody has completed
 * would sleep for ever, which is a finding, not a wait.
 */
#ifndef __LINUX_COMPLETION_H
#define __LINUX_COMPLETION_H

#include <linux/bug.h>
#include <linux/wait.h>

struct completion {
	unsigned int done;
};

static inline void init_completion(struct completion *x)
{
	x->done = 0;
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

static inline void complete(struct completion *x)
{
	x->done++;
}

/* Every waiter, now and later, goes through: done never drains. */
static inline void complete_all(struct completion *x)
{
	x->done = UINT_MAX / 2;
}

static inline void wait_for_completion(struct completion *x)
{
	if (!x->done)
		ptf_rt_fatal("hang", "wait_for_completion() that nothing completes");
	x->done--;
}

#endif /* __LINUX_COMPLETION_H */
