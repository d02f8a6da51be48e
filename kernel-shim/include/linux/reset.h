/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/reset.h>: a device's reset lines, asserted out of
 * power-on; register access to a device held in reset is a finding
 * (kernel-shim/kernel/devices.c).
 */
#ifndef _LINUX_RESET_H
#define _LINUX_RESET_H

#include <linux/err.h>
#include <linux/types.h>

struct device;

struct reset_control {
	const char *name;
	struct device *dev;
	bool asserted;
};

struct reset_control *devm_reset_control_get(struct device *dev,
					     const char *id);
struct reset_control *devm_reset_control_get_optional(struct device *dev,
						      const char *id);
int reset_control_assert(struct reset_control *rstc);
int reset_control_deassert(struct reset_control *rstc);
int reset_control_reset(struct reset_control *rstc);

#define devm_reset_control_get_exclusive	devm_reset_control_get
#define devm_reset_control_get_optional_exclusive devm_reset_control_get_optional

#endif /* _LINUX_RESET_H */
