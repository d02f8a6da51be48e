/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/pci.h>: the harness has no PCI bus, so no device is
 * a PCI device, and PCI groups, like every iommu group, are never asked
 * for (kernel-shim/kernel/iommu-driver.c).
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/device.h>

struct iommu_group;

static inline bool dev_is_pci(const struct device *dev)
{
	return false;
}

struct iommu_group *pci_device_group(struct device *dev);

#endif /* _LINUX_PCI_H */
