/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/pci.h>: a PCI function as IOMMU drivers see it
 * (its struct device, bus, devfn and the architecture's sysdata), and
 * dev_is_pci().  No config space, resources or enumeration: the glue of a
 * driver whose masters are PCI functions makes the one it needs.  Like the
 * real header it ends with the architecture's <asm/pci.h>.
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/device.h>
#include <linux/slab.h>		/* the real one has it from <linux/resource_ext.h> */
#include <linux/err.h>
/* What drivers get through the real header's kobject.h. */
#include <linux/idr.h>

extern const struct bus_type pci_bus_type;

struct pci_bus {
	struct pci_bus	*parent;
	void		*sysdata;	/* the architecture's: host bridge */
	unsigned char	number;
};

struct pci_dev {
	struct pci_bus	*bus;
	unsigned int	devfn;
	unsigned short	vendor;
	unsigned short	device;
	struct device	dev;
	void		*sysdata;	/* the architecture's: zPCI bus */
};

#define to_pci_dev(n)	container_of(n, struct pci_dev, dev)
#define dev_is_pci(d)	((d)->bus == &pci_bus_type)

/* One group per function: no DMA aliases, no ACS isolation to follow. */
struct iommu_group *pci_device_group(struct device *dev);

#include <asm/pci.h>

#endif /* _LINUX_PCI_H */
