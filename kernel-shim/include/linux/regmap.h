/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/regmap.h> (which drags in ktime and the whole
 * regmap core): a regmap is a register window of a device, 32-bit
 * registers at byte offsets, as regmap-mmio and syscon make them.  Its
 * accesses go through readl()/writel(), so the device model behind the
 * window serves them and the device core checks that the device can
 * answer.
 */
#ifndef _LINUX_REGMAP_H
#define _LINUX_REGMAP_H

#include <linux/types.h>
#include <linux/io.h>

struct regmap {
	void __iomem *base;
};

static inline int regmap_read(struct regmap *map, unsigned int reg,
			      unsigned int *val)
{
	*val = readl((u8 __iomem *)map->base + reg);
	return 0;
}

static inline int regmap_write(struct regmap *map, unsigned int reg,
			       unsigned int val)
{
	writel(val, (u8 __iomem *)map->base + reg);
	return 0;
}

static inline int regmap_update_bits(struct regmap *map, unsigned int reg,
				     unsigned int mask, unsigned int val)
{
	unsigned int old;

	regmap_read(map, reg, &old);
	return regmap_write(map, reg, (old & ~mask) | (val & mask));
}

#endif /* _LINUX_REGMAP_H */
