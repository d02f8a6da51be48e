/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/of.h>.  The device tree is the one the harness
 * describes for a driver (kernel-shim/kernel/ptf-devices.h): nodes with a
 * compatible string, boolean and u32 properties, phandle lists (each entry
 * a node and the cells after its phandle, as "iommus" or "mediatek,larbs"
 * hold them), and the platform device created for them.  Node references
 * are counted: of_node_put() more often than the node was got WARNs, as
 * the kernel's kobject refcount would.
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/fwnode.h>
#include <linux/mod_devicetable.h>

struct platform_device;

#define PTF_OF_MAX_PROPS	8
#define PTF_OF_MAX_REFS		8

#define OF_BAD_ADDR	((u64)-1)
#define of_match_ptr(ptr)	(ptr)

typedef u32 phandle;

#define MAX_PHANDLE_ARGS 16
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	uint32_t args[MAX_PHANDLE_ARGS];
};

struct ptf_of_u32 {
	const char *name;
	u32 value;
};

/* One entry of a phandle list: @prop = <... &spec.np spec.args ...>. */
struct ptf_of_ref {
	const char *prop;
	struct of_phandle_args spec;
};

struct device_node {
	const char *name;
	const char *full_name;
	const char *compatible;
	const char *props[PTF_OF_MAX_PROPS];	/* boolean properties */
	struct ptf_of_u32 u32s[PTF_OF_MAX_PROPS];	/* u32 properties */
	struct ptf_of_ref phandles[PTF_OF_MAX_REFS];	/* lists, in order */
	struct fwnode_handle fwnode;
	struct platform_device *pdev;	/* the device created for it */
	int refs;			/* of_node_get() - of_node_put() */
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
#define of_property_present of_property_read_bool
/* 0, or -EINVAL when @np has no such property, as the kernel's. */
int of_property_read_u32(const struct device_node *np, const char *name,
			 u32 *value);
/* The property's length in @elem_size units (phandles and cells: u32s). */
int of_property_count_elems_of_size(const struct device_node *np,
				    const char *name, int elem_size);
/*
 * The phandle lists: entries sized by the "#...-cells" property
 * (@cells_name) of the node each phandle points to, as
 * of_parse_phandle_with_args() reads them; of_parse_phandle() reads every
 * cell as a phandle.  A node returned has a reference the caller puts.
 */
int of_parse_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name,
			       int index, struct of_phandle_args *out_args);
int of_parse_phandle_with_fixed_args(const struct device_node *np,
				     const char *list_name, int cell_count,
				     int index, struct of_phandle_args *out_args);
int of_count_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name);
struct device_node *of_parse_phandle(const struct device_node *np,
				     const char *phandle_name, int index);
/* Harness: append @spec to @np's phandle list @prop. */
void ptf_of_add_ref(struct device_node *np, const char *prop,
		    const struct of_phandle_args *spec);

static inline struct fwnode_handle *of_fwnode_handle(struct device_node *np)
{
	return np ? &np->fwnode : NULL;
}

#endif /* _LINUX_OF_H */
