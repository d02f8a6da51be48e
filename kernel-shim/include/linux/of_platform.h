/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/of_platform.h>: see <linux/of.h>. */
#ifndef _LINUX_OF_PLATFORM_H
#define _LINUX_OF_PLATFORM_H

#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

/* The platform device of @np, with a reference the caller must put. */
struct platform_device *of_find_device_by_node(struct device_node *np);

#endif /* _LINUX_OF_PLATFORM_H */
