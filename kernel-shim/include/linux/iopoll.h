/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/iopoll.h>.  Time does not pass here: a poll reads
 * the register as often as the real one could within @timeout_us at one
 * read per @sleep_us (at least once after the timeout, as the real one
 * does), and returns -ETIMEDOUT if the condition never held.  A device
 * model that never completes an operation thus times out, deterministically.
 */
#ifndef _LINUX_IOPOLL_H
#define _LINUX_IOPOLL_H

#include <linux/errno.h>
#include <linux/io.h>

#define __ptf_poll_reads(sleep_us, timeout_us)				\
	((timeout_us) / ((sleep_us) ? (sleep_us) : 1) + 2)

#define read_poll_timeout(op, val, cond, sleep_us, timeout_us,		\
			  sleep_before_read, args...)			\
({									\
	unsigned long __reads = __ptf_poll_reads(sleep_us, timeout_us);	\
	int __ret = -ETIMEDOUT;						\
	while (__reads--) {						\
		(val) = op(args);					\
		if (cond) {						\
			__ret = 0;					\
			break;						\
		}							\
	}								\
	__ret;								\
})

#define read_poll_timeout_atomic(op, val, cond, delay_us, timeout_us,	\
				 delay_before_read, args...)		\
	read_poll_timeout(op, val, cond, delay_us, timeout_us,		\
			  delay_before_read, args)

#define readx_poll_timeout(op, addr, val, cond, sleep_us, timeout_us)	\
	read_poll_timeout(op, val, cond, sleep_us, timeout_us, false, addr)
#define readx_poll_timeout_atomic(op, addr, val, cond, delay_us, timeout_us) \
	readx_poll_timeout(op, addr, val, cond, delay_us, timeout_us)
#define readl_poll_timeout(addr, val, cond, sleep_us, timeout_us)	\
	readx_poll_timeout(readl, addr, val, cond, sleep_us, timeout_us)
#define readl_poll_timeout_atomic(addr, val, cond, delay_us, timeout_us) \
	readx_poll_timeout(readl, addr, val, cond, delay_us, timeout_us)
#define readl_relaxed_poll_timeout readl_poll_timeout
#define readl_relaxed_poll_timeout_atomic readl_poll_timeout_atomic

#endif /* _LINUX_IOPOLL_H */
