/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine an IOMMU driver boots on, as glue code describes it: the
 * device-tree nodes of its IOMMU instances (compatible string, register
 * windows, interrupts, clocks, resets, boolean properties) and the master
 * devices behind them.  kernel-shim/kernel/devices.c creates a platform
 * device for each node; registering the driver then probes them, as the
 * driver core does at boot.  Everything is torn down, and its contracts
 * checked, by ptf_devices_remove_all().
 */
#ifndef PTF_DEVICES_H
#define PTF_DEVICES_H

#include <linux/pci.h>
#include <linux/platform_device.h>

#define PTF_DEV_MAX_MMIO	4
#define PTF_DEV_MAX_CLKS	6
#define PTF_DEV_MAX_RESETS	2

struct ptf_dev_desc {
	const char *name;		/* device and node name */
	const char *compatible;
	u64 mmio[PTF_DEV_MAX_MMIO];	/* register windows, mmio_size each */
	unsigned int nr_mmio;
	u64 mmio_size;
	unsigned int nr_irqs;
	const char *clocks[PTF_DEV_MAX_CLKS];	/* clock-names, NULL-terminated */
	/* The boot loader left them running, until clk_disable_unused(). */
	bool clocks_on_at_boot;
	const char *resets[PTF_DEV_MAX_RESETS];	/* reset-names */
	const char *props[PTF_OF_MAX_PROPS];	/* boolean properties */
	struct ptf_of_u32 u32s[PTF_OF_MAX_PROPS];	/* u32 properties */
};

/*
 * Interrupt @irq of @dev, raised: the handlers @dev requested for it
 * (devm_request_irq()) run; their irqreturn_t ORed, or -ENOENT if none.
 */
int ptf_irq_raise(struct device *dev, unsigned int irq);

/* A platform device and its node, unbound until its driver registers. */
struct platform_device *ptf_device_add(const struct ptf_dev_desc *desc);

/*
 * A DMA master (a device behind the IOMMU), runtime PM enabled, with a
 * device-tree node for its "iommus" (ptf_of_add_ref()).
 */
struct device *ptf_master_add(const char *name);

/* The same as a PCI function @devfn on @bus, with the architecture's @sysdata. */
struct pci_dev *ptf_pci_master_add(const char *name, struct pci_bus *bus,
				   unsigned int devfn, void *sysdata);

/*
 * Unbind every driver (remove, then managed resources), and check what a
 * device must be left as: no DMA mappings, no device links, no references
 * but the bus's own, runtime PM usage back to zero, clocks stopped.
 */
void ptf_devices_remove_all(void);

/*
 * For the stand-ins of other buses (virtio.c): a device as the driver
 * core initialises it (32-bit DMA mask in @dma_mask), its managed
 * resources released as when its driver unbinds, and the checks of what
 * it is left with when it goes.
 */
void ptf_device_init(struct device *dev, const char *name, u64 *dma_mask);
void ptf_devres_release_all(struct device *dev);
void ptf_device_check_released(struct device *dev);

#endif /* PTF_DEVICES_H */
