/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/regmap.h> (which drags in ktime.h, rbtree.h and
 * lockdep): the register map type and its basic accessors' prototypes.
 * No regmap is ever created here (no syscon is described), so nothing
 * implements them: a driver that calls them fails to link, and must
 * bring a regmap of its device model with it.
 */
#ifndef _LINUX_REGMAP_H
#define _LINUX_REGMAP_H

#include <linux/types.h>

struct regmap;

int regmap_read(struct regmap *map, unsigned int reg, unsigned int *val);
int regmap_write(struct regmap *map, unsigned int reg, unsigned int val);
int regmap_update_bits(struct regmap *map, unsigned int reg,
		       unsigned int mask, unsigned int val);

#endif /* _LINUX_REGMAP_H */
