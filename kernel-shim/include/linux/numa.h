/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/numa.h>: a single node. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NUMA_NO_NODE	(-1)
#define MAX_NUMNODES	1
#define numa_node_id()	0

#endif /* _LINUX_NUMA_H */
