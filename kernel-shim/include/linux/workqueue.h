/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/workqueue.h>: types only; nothing is ever queued. */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/atomic.h>
#include <linux/list.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};

#endif /* _LINUX_WORKQUEUE_H */
