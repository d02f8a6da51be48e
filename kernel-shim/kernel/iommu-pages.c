// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-in for drivers/iommu/iommu-pages.c, against the tree's own
 * iommu-pages.h: page-table pages come from the runtime arena (zeroed,
 * naturally aligned, counted per twin), and the incoherent-page protocol
 * keeps its checks: a page must not start incoherent twice, and must not be
 * freed while still mapped for DMA.
 */
#if __has_include("iommu-pages.h")	/* 6.11 on; before, the page allocator */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include "iommu-pages.h"

void *iommu_alloc_pages_node_sz(int nid, gfp_t gfp, size_t size)
{
	if (WARN_ON(gfp & __GFP_HIGHMEM))
		return NULL;
	/* Sub-page requests get a whole page, as from the buddy allocator. */
	return ptf_rt_table_alloc(max_t(size_t, size, PAGE_SIZE));
}

static void free_desc(struct ioptdesc *iopt)
{
	if (IOMMU_PAGES_USE_DMA_API)
		WARN_ON_ONCE(iopt->incoherent);
	ptf_rt_table_free(folio_address(ioptdesc_folio(iopt)));
}

void iommu_free_pages(void *virt)
{
	if (virt)
		free_desc(virt_to_ioptdesc(virt));
}

void iommu_put_pages_list(struct iommu_pages_list *list)
{
	struct ioptdesc *iopt, *next;

	list_for_each_entry_safe(iopt, next, &list->pages, iopt_freelist_elm)
		free_desc(iopt);
}

int iommu_pages_start_incoherent(void *virt, struct device *dma_dev)
{
	struct ioptdesc *iopt = virt_to_ioptdesc(virt);

	if (WARN_ON(iopt->incoherent))
		return -EINVAL;
	/* Maps the whole allocation toward the device, like the real one. */
	dma_map_single(dma_dev, virt, ptf_rt_table_size(virt), DMA_TO_DEVICE);
	iopt->incoherent = 1;
	return 0;
}

int iommu_pages_start_incoherent_list(struct iommu_pages_list *list,
				      struct device *dma_dev)
{
	struct ioptdesc *iopt;
	int ret;

	list_for_each_entry(iopt, &list->pages, iopt_freelist_elm) {
		if (WARN_ON(iopt->incoherent))
			continue;
		ret = iommu_pages_start_incoherent(
			folio_address(ioptdesc_folio(iopt)), dma_dev);
		if (ret)
			return ret;
	}
	return 0;
}

#if IOMMU_PAGES_USE_DMA_API
void iommu_pages_stop_incoherent_list(struct iommu_pages_list *list,
				      struct device *dma_dev)
{
	struct ioptdesc *iopt;

	list_for_each_entry(iopt, &list->pages, iopt_freelist_elm) {
		void *virt = folio_address(ioptdesc_folio(iopt));

		if (!iopt->incoherent)
			continue;
		dma_unmap_single(dma_dev, virt_to_phys(virt),
				 ptf_rt_table_size(virt), DMA_TO_DEVICE);
		iopt->incoherent = 0;
	}
}

void iommu_pages_free_incoherent(void *virt, struct device *dma_dev)
{
	struct ioptdesc *iopt = virt_to_ioptdesc(virt);

	/* As the kernel's: the mapping start_incoherent() made goes first. */
	if (iopt->incoherent) {
		dma_unmap_single(dma_dev, virt_to_phys(virt),
				 ptf_rt_table_size(virt), DMA_TO_DEVICE);
		iopt->incoherent = 0;
	}
	free_desc(iopt);
}
#endif
#endif /* __has_include("iommu-pages.h") */
