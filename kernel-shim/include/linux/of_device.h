/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/of_device.h>: see <linux/of.h>. */
#ifndef _LINUX_OF_DEVICE_H
#define _LINUX_OF_DEVICE_H

#include <linux/device.h>
#include <linux/of.h>

/* The .data of the driver's of_match_table entry matching the device. */
const void *of_device_get_match_data(const struct device *dev);
#define device_get_match_data of_device_get_match_data

#endif /* _LINUX_OF_DEVICE_H */
