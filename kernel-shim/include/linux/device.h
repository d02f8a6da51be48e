/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/device.h>: a struct device carrying what IOMMU code
 * reads from it, dev_*() logging into the ptfuzz runtime, and, for IOMMU
 * drivers, the driver core's side of a device: its driver, device-tree
 * node, runtime PM state, managed resources (devm_*) and device links.
 * What these do is in kernel-shim/kernel/devices.c, which checks their
 * contracts (references, link and devres lifetimes) instead of assuming
 * them.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/numa.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/workqueue.h>
#include <linux/uaccess.h>
#include <linux/gfp.h>
#include <linux/pm.h>

struct dev_iommu;
struct fwnode_handle;
struct attribute_group;
struct pci_dev;
struct device_node;
struct module;
struct of_device_id;
struct dev_pm_domain;
struct cpumask;
struct bus_type;

struct device_driver {
	const char		*name;
	const struct of_device_id *of_match_table;
	const struct dev_pm_ops	*pm;
	bool			suppress_bind_attrs;
	struct module		*owner;
};

struct device {
	const char		*init_name;
	struct device		*parent;
	const struct bus_type	*bus;		/* NULL: a device of the harness */
	void			*driver_data;
	struct dev_iommu	*iommu;
	struct iommu_group	*iommu_group;
	int			numa_node;
	/* The driver core's side; zero for the harness's own devices. */
	struct device_driver	*driver;
	struct device_node	*of_node;
	struct fwnode_handle	*fwnode;
	struct dev_pm_domain	*pm_domain;
	void			*platform_data;	/* board code's, for the driver */
	struct dev_pm_info	power;
	u64			*dma_mask;
	u64			coherent_dma_mask;
	struct list_head	devres;		/* devm_* resources, newest first */
	struct list_head	links_supplier;	/* links where this is the consumer */
	struct list_head	links_consumer;	/* links where this is the supplier */
	int			refs;		/* get_device() - put_device() */
};

static inline const char *dev_name(const struct device *dev)
{
	return dev && dev->init_name ? dev->init_name : "ptfuzz-iommu";
}

static inline int dev_to_node(struct device *dev)
{
	return dev ? dev->numa_node : NUMA_NO_NODE;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline void *dev_get_platdata(const struct device *dev)
{
	return dev->platform_data;
}

static inline struct device_node *dev_of_node(struct device *dev)
{
	return dev->of_node;
}

/* <linux/property.h>'s: the node's fwnode (the devices.c set them so). */
static inline struct fwnode_handle *dev_fwnode(const struct device *dev)
{
	return dev->fwnode;
}

/* Device model calls (the drivers' and the callers' stand-ins). */
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);

/*
 * A bus and its devices: the platform bus, PCI functions, or a bus a
 * stand-in adds (the virtio bus), which lists its devices with
 * ptf_next(NULL), ptf_next(dev).  A device found has a reference.
 */
struct bus_type {
	const char *name;
	struct device *(*ptf_next)(struct device *prev);
};
struct device *bus_find_device(const struct bus_type *bus,
			       struct device *start, const void *data,
			       int (*match)(struct device *dev, const void *data));
struct device *bus_find_device_by_fwnode(const struct bus_type *bus,
					 const struct fwnode_handle *fwnode);
/*
 * @fn on each device bound to @drv (probed successfully), in probe order,
 * until it returns non-zero (returned); @start is not supported.
 */
int driver_for_each_device(struct device_driver *drv, struct device *start,
			   void *data, int (*fn)(struct device *dev, void *data));

static inline bool device_match_fwnode(struct device *dev, const void *fwnode)
{
	return dev && dev->fwnode == fwnode;
}

/*
 * A driver whose module init only registers it (module_virtio_driver(),
 * ...): the harness boots it by calling ptf_module_driver_init().
 */
#define module_driver(__driver, __register, __unregister, ...)		\
	static int __maybe_unused ptf_module_driver_init(void)		\
	{								\
		return __register(&(__driver), ##__VA_ARGS__);		\
	}

/* Managed resources: released, newest first, when the driver unbinds. */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
int devm_add_action_or_reset(struct device *dev, void (*action)(void *),
			     void *data);

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size,
				 gfp_t gfp)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return devm_kzalloc(dev, bytes, gfp);
}

#define devm_kmalloc_array(dev, n, size, gfp) \
	devm_kcalloc(dev, n, size, gfp)

/* Device links (drivers/base/core.c): the consumer depends on the supplier. */
#define DL_FLAG_STATELESS		BIT(0)
#define DL_FLAG_AUTOREMOVE_CONSUMER	BIT(1)
#define DL_FLAG_PM_RUNTIME		BIT(2)
#define DL_FLAG_RPM_ACTIVE		BIT(3)
#define DL_FLAG_AUTOREMOVE_SUPPLIER	BIT(4)

struct device_link {
	struct device		*supplier;
	struct list_head	s_node;		/* on supplier->links_consumer */
	struct device		*consumer;
	struct list_head	c_node;		/* on consumer->links_supplier */
	u32			flags;
	bool			rpm_active;	/* holds a runtime PM reference */
};

struct device_link *device_link_add(struct device *consumer,
				    struct device *supplier, u32 flags);
void device_link_del(struct device_link *link);
void device_link_remove(void *consumer, struct device *supplier);

bool device_property_read_bool(const struct device *dev, const char *propname);
#define device_property_present device_property_read_bool

#define dev_printk(level, dev, fmt, ...) \
	ptf_rt_log("%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)	dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)	dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
/* As dev_no_printk(): the arguments are checked (and used), never printed. */
#define dev_dbg(dev, fmt, ...) \
	({ if (0) dev_printk(0, dev, fmt, ##__VA_ARGS__); })
#define dev_vdbg			dev_dbg
#define dev_err_ratelimited		dev_err
#define dev_warn_ratelimited		dev_warn
#define dev_err_once			dev_err
#define dev_warn_once			dev_warn
#define dev_info_once			dev_info
#define dev_err_probe(dev, err, fmt, ...) \
	({ dev_err(dev, fmt, ##__VA_ARGS__); (err); })

#endif /* _LINUX_DEVICE_H */
