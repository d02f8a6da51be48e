/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/wait.h>.  One thread: nobody else can make a
 * condition true while we wait, so a wait ends at once with the condition
 * as it is (a timed wait times out when it is false).
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, int flags, void *key);

typedef struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
} wait_queue_entry_t;

typedef struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
} wait_queue_head_t;

#define init_waitqueue_head(wq)	do {				\
	spin_lock_init(&(wq)->lock);					\
	INIT_LIST_HEAD(&(wq)->head);					\
} while (0)
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = { .head = LIST_HEAD_INIT(name.head) }
#define wake_up(wq)		do { } while (0)
#define wake_up_all(wq)		do { } while (0)
#define wake_up_interruptible(wq) do { } while (0)
#define wake_up_interruptible_all(wq) do { } while (0)
#define wait_event(wq, cond)	WARN_ON(!(cond))
#define wait_event_timeout(wq, cond, timeout)	((cond) ? 1 : 0)
#define wait_event_interruptible(wq, cond)	((cond) ? 0 : -ERESTARTSYS)

#endif /* _LINUX_WAIT_H */
