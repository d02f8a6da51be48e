// SPDX-License-Identifier: GPL-2.0
/*
 * What the rest of the iommu core (iommu.c, iommu-sysfs.c, of_iommu.c)
 * gives an IOMMU driver and is not extracted from the tree: registering an
 * IOMMU instance, the fwspec of a master, groups.  Written for the
 * harness against the tree's <linux/iommu.h>.  ptfuzz has no groups and no
 * sysfs: the harness attaches a domain to one master directly, as
 * __iommu_attach_device() does for the group's only device.
 */
#include <linux/iommu.h>
#include <linux/slab.h>

#define MAX_IOMMUS	8

static struct iommu_device *registered[MAX_IOMMUS];
/* Added to sysfs: the kernel gives each its own struct device. */
static struct iommu_device *in_sysfs[MAX_IOMMUS];

void ptf_iommu_devices_reset(void)
{
	memset(registered, 0, sizeof(registered));
	memset(in_sysfs, 0, sizeof(in_sysfs));
}

int iommu_device_register(struct iommu_device *iommu,
			  const struct iommu_ops *ops, struct device *hwdev)
{
	for (int i = 0; i < MAX_IOMMUS; i++) {
		if (!registered[i]) {
			iommu->ops = ops;
			iommu->fwnode = hwdev ? hwdev->fwnode : NULL;
			iommu->ready = true;
			registered[i] = iommu;
			return 0;
		}
	}
	return -ENOSPC;
}

void iommu_device_unregister(struct iommu_device *iommu)
{
	for (int i = 0; i < MAX_IOMMUS; i++)
		if (registered[i] == iommu)
			registered[i] = NULL;
}

/* The instance registered for @fwnode (iommu_from_fwnode()). */
struct iommu_device *ptf_iommu_from_fwnode(struct fwnode_handle *fwnode)
{
	for (int i = 0; i < MAX_IOMMUS; i++)
		if (registered[i] && registered[i]->fwnode == fwnode)
			return registered[i];
	return NULL;
}

int iommu_device_sysfs_add(struct iommu_device *iommu, struct device *parent,
			   const struct attribute_group **groups,
			   const char *fmt, ...)
{
	iommu->dev = parent;
	for (int i = 0; i < MAX_IOMMUS; i++) {
		if (!in_sysfs[i]) {
			in_sysfs[i] = iommu;
			return 0;
		}
	}
	return -ENOSPC;
}

/*
 * The kernel's removes the device iommu_device_sysfs_add() made, through
 * iommu->dev: for an IOMMU never added, a NULL dereference.
 */
void iommu_device_sysfs_remove(struct iommu_device *iommu)
{
	for (int i = 0; i < MAX_IOMMUS; i++) {
		if (in_sysfs[i] == iommu) {
			in_sysfs[i] = NULL;
			return;
		}
	}
	WARN(1, "iommu_device_sysfs_remove() of an IOMMU never added to sysfs");
}

/* dev_iommu_get(): the master's struct dev_iommu, made on first use. */
int ptf_dev_iommu_get(struct device *dev)
{
	if (!dev->iommu) {
		dev->iommu = kzalloc(sizeof(*dev->iommu), GFP_KERNEL);
		if (!dev->iommu)
			return -ENOMEM;
		mutex_init(&dev->iommu->lock);
	}
	return 0;
}

/* iommu_fwspec_init() without the deferred-probe dance: the IOMMU is there. */
int iommu_fwspec_init(struct device *dev, struct fwnode_handle *iommu_fwnode)
{
	struct iommu_device *iommu = ptf_iommu_from_fwnode(iommu_fwnode);
	struct iommu_fwspec *fwspec;

	if (!iommu)
		return -EPROBE_DEFER;
	if (dev_iommu_fwspec_get(dev))
		return 0;
	if (ptf_dev_iommu_get(dev))
		return -ENOMEM;
	fwspec = kzalloc(struct_size(fwspec, ids, 1), GFP_KERNEL);
	if (!fwspec)
		return -ENOMEM;
	fwspec->iommu_fwnode = iommu_fwnode;
	dev_iommu_fwspec_set(dev, fwspec);
	return 0;
}

/* iommu_fwspec_free() and dev_iommu_free(), in one. */
void ptf_dev_iommu_free(struct device *dev)
{
	if (!dev->iommu)
		return;
	kfree(dev_iommu_fwspec_get(dev));
	kfree(dev->iommu);
	dev->iommu = NULL;
}

/* The harness attaches domains itself: groups are never asked for. */
struct iommu_group *generic_device_group(struct device *dev)
{
	WARN(1, "iommu groups are not modelled");
	return ERR_PTR(-ENODEV);
}

struct iommu_group *generic_single_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

struct iommu_group *pci_device_group(struct device *dev)
{
	return generic_device_group(dev);
}

struct iommu_group *iommu_group_alloc(void)
{
	WARN(1, "iommu groups are not modelled");
	return ERR_PTR(-ENODEV);
}

struct iommu_group *iommu_group_ref_get(struct iommu_group *group)
{
	WARN(1, "iommu groups are not modelled");
	return group;
}

void iommu_group_set_iommudata(struct iommu_group *group, void *iommu_data,
			       void (*release)(void *iommu_data))
{
	WARN(1, "iommu groups are not modelled");
}

void *iommu_group_get_iommudata(struct iommu_group *group)
{
	WARN(1, "iommu groups are not modelled");
	return NULL;
}

void iommu_group_put(struct iommu_group *group)
{
	WARN(1, "iommu groups are not modelled");
}

int iommu_group_set_name(struct iommu_group *group, const char *name)
{
	WARN(1, "iommu groups are not modelled");
	return -ENODEV;
}
