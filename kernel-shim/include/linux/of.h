/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/of.h>: no device tree in a userspace harness. */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>

struct device_node;
struct of_phandle_args;

#endif /* _LINUX_OF_H */
