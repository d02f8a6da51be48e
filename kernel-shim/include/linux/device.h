/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/device.h>: a struct device carrying what IOMMU code
 * reads from it, and dev_*() logging into the ptfuzz runtime.
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

struct dev_iommu;
struct device_driver;
struct fwnode_handle;
struct attribute_group;
struct pci_dev;

struct device {
	const char		*init_name;
	struct device		*parent;
	void			*driver_data;
	struct dev_iommu	*iommu;
	struct iommu_group	*iommu_group;
	int			numa_node;
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

/* Device model calls that headers' inline helpers name. */
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);

#define dev_printk(level, dev, fmt, ...) \
	ptf_rt_log("%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)	dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)	dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		dev_printk(0, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)		no_printk(fmt, ##__VA_ARGS__)
#define dev_err_ratelimited		dev_err
#define dev_warn_ratelimited		dev_warn
#define dev_err_once			dev_err
#define dev_warn_once			dev_warn

#endif /* _LINUX_DEVICE_H */
