/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/cred.h>: the current task's user. */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/capability.h>
#include <linux/sched/user.h>

#define current_user()	(current->ptf_user)

#endif /* _LINUX_CRED_H */
