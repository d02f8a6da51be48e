/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/clk.h>.  A device's clocks are the ones its
 * device-tree node names (the harness describes them, see
 * kernel-shim/kernel/ptf-devices.h); each counts prepares and enables, and
 * misuse WARNs as the common clock framework does: enable before prepare,
 * disable or unprepare more often than the reverse, unprepare while
 * enabled.  Register access to a device whose clocks are off is a finding
 * (devices.c): on real hardware it hangs the bus.
 */
#ifndef __LINUX_CLK_H
#define __LINUX_CLK_H

#include <linux/err.h>
#include <linux/types.h>

struct device;

struct clk {
	const char *name;
	struct device *dev;	/* the consumer it was handed to */
	int prepare_count;
	int enable_count;
	int fail_enable;	/* -errno clk_enable() returns (ptf_clk_fail()) */
	bool boot_on;		/* left running by the boot loader */
};

struct clk_bulk_data {
	const char *id;
	struct clk *clk;
};

struct clk *devm_clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get_optional(struct device *dev, const char *id);
struct clk *clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get_prepared(struct device *dev, const char *id);
/* From now on @dev's clock @id fails to enable with @err (0: it works). */
void ptf_clk_fail(struct device *dev, const char *id, int err);
/* The late initcall: boot-on clocks nobody enabled stop. */
void ptf_clk_disable_unused(void);
void clk_put(struct clk *clk);
int devm_clk_bulk_get_all(struct device *dev, struct clk_bulk_data **clks);
int devm_clk_bulk_get(struct device *dev, int num_clks,
		      struct clk_bulk_data *clks);

int clk_prepare(struct clk *clk);
void clk_unprepare(struct clk *clk);
int clk_enable(struct clk *clk);
void clk_disable(struct clk *clk);
unsigned long clk_get_rate(struct clk *clk);

static inline int clk_prepare_enable(struct clk *clk)
{
	int ret = clk_prepare(clk);

	if (ret)
		return ret;
	ret = clk_enable(clk);
	if (ret)
		clk_unprepare(clk);
	return ret;
}

static inline void clk_disable_unprepare(struct clk *clk)
{
	clk_disable(clk);
	clk_unprepare(clk);
}

int clk_bulk_prepare(int num_clks, const struct clk_bulk_data *clks);
void clk_bulk_unprepare(int num_clks, const struct clk_bulk_data *clks);
int clk_bulk_enable(int num_clks, const struct clk_bulk_data *clks);
void clk_bulk_disable(int num_clks, const struct clk_bulk_data *clks);

static inline int clk_bulk_prepare_enable(int num_clks,
					  const struct clk_bulk_data *clks)
{
	int ret = clk_bulk_prepare(num_clks, clks);

	if (ret)
		return ret;
	ret = clk_bulk_enable(num_clks, clks);
	if (ret)
		clk_bulk_unprepare(num_clks, clks);
	return ret;
}

static inline void clk_bulk_disable_unprepare(int num_clks,
					      const struct clk_bulk_data *clks)
{
	clk_bulk_disable(num_clks, clks);
	clk_bulk_unprepare(num_clks, clks);
}

#endif /* __LINUX_CLK_H */
