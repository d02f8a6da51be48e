/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/ratelimit.h>: every __ratelimit() lets the message
 * through.  What a handler prints then depends on the input alone, not on
 * the time since an earlier input's messages (the kernel's allows a burst
 * of 10 per 5 s: a fuzzer's inputs come faster than that).
 */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#define DEFAULT_RATELIMIT_INTERVAL	(5 * HZ)
#define DEFAULT_RATELIMIT_BURST		10

struct ratelimit_state {
	int printed;		/* messages let through */
};

#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)	\
	struct ratelimit_state name = { 0 }

static inline int __ratelimit(struct ratelimit_state *rs)
{
	rs->printed++;
	return 1;
}

#endif /* _LINUX_RATELIMIT_H */
