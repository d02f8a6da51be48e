/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/capability.h>: CAP_IPC_LOCK as the input set it,
 * CAP_SYS_RAWIO (iommufd's no-IOMMU mode) as well; nothing else.
 */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/sched.h>
#include <uapi/linux/capability.h>

static inline bool capable(int cap)
{
	if (cap == CAP_SYS_RAWIO)
		return current->ptf_rawio;
	return cap == CAP_IPC_LOCK && current->ptf_ipc_lock;
}

#endif /* _LINUX_CAPABILITY_H */
