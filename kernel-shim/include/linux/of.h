/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/of.h>.  The device tree is the one the harness
 * describes for a driver (kernel-shim/kernel/ptf-devices.h): nodes with a
 * compatible string, boolean and u32 properties and the platform device created
 * for them.  Node references are counted: of_node_put() more often than
 * the node was got WARNs, as the kernel's kobject refcount would.
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/fwnode.h>
#include <linux/mod_devicetable.h>

struct platform_device;

#define PTF_OF_MAX_PROPS	8

struct device_node {
	const char *name;
	const char *full_name;
	const char *compatible;
	/* properties: "name" (boolean) or "name=value" (one u32) */
	const char *props[PTF_OF_MAX_PROPS];
	struct fwnode_handle fwnode;
	struct platform_device *pdev;	/* the device created for it */
	int refs;			/* of_node_get() - of_node_put() */
};

#define MAX_PHANDLE_ARGS 16
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	uint32_t args[MAX_PHANDLE_ARGS];
};

struct device_node *of_node_get(struct device_node *node);
void of_node_put(struct device_node *node);
struct device_node *of_find_matching_node(struct device_node *from,
					  const struct of_device_id *matches);
const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node);
bool of_device_is_compatible(const struct device_node *node,
			     const char *compat);
bool of_device_is_available(const struct device_node *node);
bool of_property_read_bool(const struct device_node *np, const char *name);
int of_property_read_u32(const struct device_node *np, const char *name,
			 u32 *out);
#define of_property_present of_property_read_bool

static inline struct fwnode_handle *of_fwnode_handle(struct device_node *np)
{
	return np ? &np->fwnode : NULL;
}

#endif /* _LINUX_OF_H */
