/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/kthread.h>: a kernel thread borrowing a fake mm. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/sched.h>

void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

#endif /* _LINUX_KTHREAD_H */
