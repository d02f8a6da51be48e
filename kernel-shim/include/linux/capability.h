/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/capability.h>: only CAP_IPC_LOCK, as the input set it. */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/sched.h>
#include <uapi/linux/capability.h>

static inline bool capable(int cap)
{
	return cap == CAP_IPC_LOCK && current->ptf_ipc_lock;
}

#endif /* _LINUX_CAPABILITY_H */
