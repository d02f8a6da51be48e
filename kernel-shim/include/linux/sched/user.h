/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/sched/user.h>: the fake users, counted. */
#ifndef _LINUX_SCHED_USER_H
#define _LINUX_SCHED_USER_H

#include <linux/sched.h>

struct user_struct *get_uid(struct user_struct *u);
void free_uid(struct user_struct *u);

#endif /* _LINUX_SCHED_USER_H */
