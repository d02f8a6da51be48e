/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for arch/arm's <asm/dma-iommu.h>: the 32-bit ARM DMA API's
 * IOMMU mapping, which an ARM-only driver (mtk_iommu_v1) creates for its
 * masters and attaches in probe_finalize().  The mapping's IOVA allocator
 * is not modelled: ptfuzz maps and unmaps through the iommu API itself.
 * The mapping lives for good (the driver never releases it).
 *
 * One departure, on purpose: arch/arm allocates the mapping's paging
 * domain in arm_iommu_create_mapping(), with iommu_paging_domain_alloc(),
 * and mtk_iommu_v1 creates its mapping in probe_device(), before the core
 * has set the device's IOMMU (dev->iommu->iommu_dev), so the core would
 * refuse the allocation (README.md, observations).  Here the domain is
 * allocated, with the same call, when the mapping is first attached: the
 * first moment the core allows it.
 */
#ifndef _ASM_DMA_IOMMU_H
#define _ASM_DMA_IOMMU_H

#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/slab.h>

struct dma_iommu_mapping {
	struct iommu_domain *domain;
	dma_addr_t base;
	u64 size;
};

int ptf_iommu_attach_device(struct iommu_domain *domain, struct device *dev,
			    struct iommu_domain *old);

static inline struct dma_iommu_mapping *
arm_iommu_create_mapping(struct device *dev, dma_addr_t base, u64 size)
{
	struct dma_iommu_mapping *mapping;

	/* currently only 32-bit DMA address space is supported */
	if (size > DMA_BIT_MASK(32) + 1)
		return ERR_PTR(-ERANGE);
	if (!(size >> PAGE_SHIFT))
		return ERR_PTR(-EINVAL);
	mapping = kzalloc(sizeof(*mapping), GFP_KERNEL);
	if (!mapping)
		return ERR_PTR(-ENOMEM);
	mapping->base = base;
	mapping->size = size;
	return mapping;
}

/*
 * Attached from the identity domain the core gave the device at probe.
 * As in arch/arm, a failed attach leaves the domain with the mapping.
 */
static inline int arm_iommu_attach_device(struct device *dev,
					  struct dma_iommu_mapping *mapping)
{
	const struct iommu_ops *ops = dev->iommu->iommu_dev->ops;

	if (!mapping->domain) {
		struct iommu_domain *domain = iommu_paging_domain_alloc(dev);

		if (IS_ERR(domain))
			return PTR_ERR(domain);
		mapping->domain = domain;
	}
	return ptf_iommu_attach_device(mapping->domain, dev,
				       ops->identity_domain);
}

#endif /* _ASM_DMA_IOMMU_H */
