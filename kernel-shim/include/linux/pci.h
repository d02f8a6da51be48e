/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/pci.h> (the real one needs kobjects, sysfs and the
 * scheduler).  The machines ptfuzz boots have no PCI bus: every master is
 * a platform device, so dev_is_pci() is false, and the PCI helpers IOMMU
 * drivers call only for PCI masters are never reached; if one were, it
 * would say so rather than pretend.
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/device.h>
#include <linux/err.h>
/* What drivers get through the real header's kobject.h. */
#include <linux/idr.h>

struct pci_dev;
struct iommu_group;

#define dev_is_pci(d)	((void)(d), false)

/* pci_device_group() is declared by <linux/iommu.h>: iommu-driver.c. */

#endif /* _LINUX_PCI_H */
