/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The counting wrappers of a driver's domain ops: install_ops() puts them
 * in front of the ops the driver gave its paging domain, so the twin's
 * stats count the map_pages(), unmap_pages() and lookups the core makes,
 * and a map_pages() that makes no progress is caught
 * (ptf_check_map_progress()).
 *
 * Included by a driver's glue after core-ops.h and after it declares
 * `the', its one PTF_TWIN_DOMAIN of a twin, with members @tree_ops (the
 * driver's ops), @ops (the wrappers') and @map_stalls besides core-ops.h's.
 */
#ifndef PTF_TWIN_COUNT_OPS_H
#define PTF_TWIN_COUNT_OPS_H

#ifndef PTF_TWIN_CORE_OPS_H
#error "include core-ops.h before count-ops.h"
#endif

static int ptf_map_pages(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	size_t before = *mapped;
	int ret;

	the.stats.map_calls++;
	ret = the.tree_ops->map_pages(domain, iova, paddr, pgsize, pgcount,
				      prot, gfp, mapped);
	ptf_check_map_progress(&the.map_stalls, ret, before, *mapped, iova,
			       pgsize, pgcount);
	return ret;
}

static size_t ptf_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	the.stats.unmap_calls++;
	return the.tree_ops->unmap_pages(domain, iova, pgsize, pgcount,
					 gather);
}

#if PTF_DOMAIN_HAS_LENGTH
static phys_addr_t ptf_iova_to_phys_length(struct iommu_domain *domain,
					   dma_addr_t iova, size_t *length)
{
	the.stats.walks++;
	return the.tree_ops->iova_to_phys_length(domain, iova, length);
}
#endif

#if PTF_DOMAIN_HAS_LEGACY
static phys_addr_t ptf_iova_to_phys(struct iommu_domain *domain,
				    dma_addr_t iova)
{
	the.stats.walks++;
	return the.tree_ops->iova_to_phys(domain, iova);
}
#endif

/* Wrap the ops of @pd's domain; the lookups only where the driver has them. */
static void install_ops(struct PTF_TWIN_DOMAIN *pd)
{
	struct iommu_domain *domain = PTF_TWIN_IOMMU_DOMAIN(pd);

	pd->tree_ops = domain->ops;
	pd->ops = *pd->tree_ops;
	pd->ops.map_pages = ptf_map_pages;
	pd->ops.unmap_pages = ptf_unmap_pages;
#if PTF_DOMAIN_HAS_LENGTH
	if (pd->tree_ops->iova_to_phys_length)
		pd->ops.iova_to_phys_length = ptf_iova_to_phys_length;
#endif
#if PTF_DOMAIN_HAS_LEGACY
	if (pd->tree_ops->iova_to_phys)
		pd->ops.iova_to_phys = ptf_iova_to_phys;
#endif
	domain->ops = &pd->ops;
}

#endif /* PTF_TWIN_COUNT_OPS_H */
