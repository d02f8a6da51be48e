/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/mfd/syscon.h>: a system controller's registers as a
 * regmap (<linux/regmap.h>), looked up by node, by a phandle property of a
 * node or by compatible string, as drivers/mfd/syscon.c does.  The regmap
 * covers the node's first register window and lives as long as the
 * machine (the kernel never frees a syscon); its accesses reach the
 * device model behind the window.  The harness's nodes have one
 * compatible string, so the "syscon" entry the kernel also requires is
 * not checked.
 */
#ifndef _LINUX_MFD_SYSCON_H
#define _LINUX_MFD_SYSCON_H

#include <linux/err.h>
#include <linux/of.h>
#include <linux/regmap.h>

struct regmap *syscon_node_to_regmap(struct device_node *np);
struct regmap *syscon_regmap_lookup_by_compatible(const char *s);
struct regmap *syscon_regmap_lookup_by_phandle(struct device_node *np,
					       const char *property);
/* The phandle of @property and its @arg_count cells, into @out_args. */
struct regmap *syscon_regmap_lookup_by_phandle_args(struct device_node *np,
						    const char *property,
						    int arg_count,
						    unsigned int *out_args);

#endif /* _LINUX_MFD_SYSCON_H */
