/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/interconnect.h>: no node has "interconnects", so
 * every path a driver holds is NULL, which the kernel's icc_set_bw()
 * accepts as a no-op.  A path that is not NULL came from nowhere: WARNs.
 */
#ifndef _LINUX_INTERCONNECT_H
#define _LINUX_INTERCONNECT_H

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/types.h>

struct icc_path;

static inline int icc_set_bw(struct icc_path *path, u32 avg_bw, u32 peak_bw)
{
	if (WARN(path, "icc_set_bw(): an interconnect path no node has"))
		return -EINVAL;
	return 0;
}

#endif /* _LINUX_INTERCONNECT_H */
