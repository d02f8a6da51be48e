// SPDX-License-Identifier: GPL-2.0
/*
 * virtio-iommu, as the tree has it: a virtio-iommu device behind a
 * virtio-mmio transport, described as QEMU's "virt" machine does for a
 * device tree ("virtio,mmio" node, #iommu-cells = <1>); the master's
 * "iommus" specifiers are its endpoint IDs.  The device itself is the
 * target's model, reached through the virtio stand-ins
 * (kernel-shim/kernel/virtio.c).
 */
#define KBUILD_MODNAME "virtio_iommu"
#include "virtio-iommu.c"

#include "driver.h"

#define VIRTIO_MMIO_BASE	0x0a003e00ULL
#define VIRTIO_MMIO_SIZE	0x200
/* The endpoint IDs the master's specifiers carry (a PCI RID, say). */
#define VIRTIO_FIRST_ENDPOINT	8

int ptf_virtio_mmio_init(void);

static int viommu_describe(const struct ptf_pt_config *cfg,
			   struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "virtio_mmio@a003e00",
		.compatible = "virtio,mmio",
		.mmio = { VIRTIO_MMIO_BASE },
		.nr_mmio = 1,
		.mmio_size = VIRTIO_MMIO_SIZE,
		.nr_irqs = 1,
	};
	struct platform_device *pdev;

	if (!cfg->instances || cfg->instances > PTF_MAX_IOMMUS_PER_MASTER)
		return -EINVAL;
	pdev = ptf_device_add(&d);
	for (u32 i = 0; i < cfg->instances; i++) {
		u32 endpoint = VIRTIO_FIRST_ENDPOINT + i;

		ptf_machine_add(m, pdev, 1, &endpoint);
	}
	return 0;
}

/* Boot: the transport's initcall, then module_virtio_driver()'s. */
static int viommu_init(void)
{
	int ret = ptf_virtio_mmio_init();

	return ret ? ret : ptf_module_driver_init();
}

static unsigned int viommu_oas(const struct ptf_pt_config *cfg)
{
	return 64;	/* MAP takes a 64-bit phys_start */
}

static int viommu_prot_of(u32 flags)
{
	return (flags & VIRTIO_IOMMU_MAP_F_READ ? IOMMU_READ : 0) |
	       (flags & VIRTIO_IOMMU_MAP_F_WRITE ? IOMMU_WRITE : 0) |
	       (flags & VIRTIO_IOMMU_MAP_F_MMIO ? IOMMU_MMIO : 0);
}

/* The driver's interval tree: one node per MAP request it made. */
static size_t viommu_records(struct iommu_domain *domain, u64 lo, u64 hi,
			     struct ptf_record *out, size_t max)
{
	struct viommu_domain *vdomain = to_viommu_domain(domain);
	struct interval_tree_node *node;
	unsigned long flags;
	size_t n = 0;

	spin_lock_irqsave(&vdomain->mappings_lock, flags);
	for (node = interval_tree_iter_first(&vdomain->mappings, lo, hi); node;
	     node = interval_tree_iter_next(node, lo, hi), n++) {
		struct viommu_mapping *mapping =
			container_of(node, struct viommu_mapping, iova);

		if (n < max)
			out[n] = (struct ptf_record){
				.iova = node->start,
				.size = node->last - node->start + 1,
				.phys = mapping->paddr,
				.prot = viommu_prot_of(mapping->flags),
			};
	}
	spin_unlock_irqrestore(&vdomain->mappings_lock, flags);
	return n;
}

const struct ptf_driver ptf_driver = {
	.ops		= &viommu_ops,
	.describe	= viommu_describe,
	.init		= viommu_init,
	.oas		= viommu_oas,
	.records	= viommu_records,
};
