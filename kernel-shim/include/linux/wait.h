/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/wait.h> (the real one needs the scheduler).  Time
 * does not pass and nothing runs concurrently in ptfuzz, so nobody can
 * wake a sleeper: a wait queue is a type and an initialiser, and waking
 * one does nothing.  There is no wait_event(): code that would sleep
 * fails to compile here instead of hanging or returning early.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = { .head = LIST_HEAD_INIT(name.head) }

static inline void wake_up(struct wait_queue_head *wq)
{
}

#define wake_up_all(wq)			wake_up(wq)
#define wake_up_interruptible(wq)	wake_up(wq)

#endif /* _LINUX_WAIT_H */
