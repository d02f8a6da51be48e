// SPDX-License-Identifier: GPL-2.0
/*
 * Reading dirty bits the way iommufd does (iommu_read_and_clear_dirty() in
 * drivers/iommu/iommufd/io_pagetable.c): the tree's own iova_bitmap code
 * over a user bitmap, the domain's read_and_clear_dirty() for each chunk
 * it maps, then one IOTLB sync for the bits cleared.  The window is one
 * mapped area (iopt_for_each_contig_area() is iommufd's part).  Unlike
 * iommufd, which drops it, the driver's error is returned.
 */
#include <linux/iommu.h>

#include "iommufd-dirty.h"

#if !PTF_HAVE_DIRTY_OPS
/* Before 6.7 no domain tracks dirty bits (and iommufd has no bitmap). */
int ptf_iommufd_read_dirty(struct iommu_domain *domain, unsigned long iova,
			   size_t length, unsigned long flags,
			   unsigned long page_size, u64 *bitmap_data)
{
	return -EOPNOTSUPP;
}
#else
#include <linux/iova_bitmap.h>

struct dirty_walk {
	struct iommu_domain *domain;
	struct iommu_dirty_bitmap *dirty;
	unsigned long flags;
};

static int read_chunk(struct iova_bitmap *bitmap, unsigned long iova,
		      size_t length, void *opaque)
{
	struct dirty_walk *walk = opaque;

	return walk->domain->dirty_ops->read_and_clear_dirty(walk->domain, iova,
							      length, walk->flags,
							      walk->dirty);
}

int ptf_iommufd_read_dirty(struct iommu_domain *domain, unsigned long iova,
			   size_t length, unsigned long flags,
			   unsigned long page_size, u64 *bitmap_data)
{
	struct iommu_iotlb_gather gather;
	struct iommu_dirty_bitmap dirty;
	struct dirty_walk walk = { domain, &dirty, flags };
	struct iova_bitmap *iter;
	int ret;

	if (!domain->dirty_ops || !domain->dirty_ops->read_and_clear_dirty)
		return -EOPNOTSUPP;
	iter = iova_bitmap_alloc(iova, length, page_size,
				 (u64 __user *)bitmap_data);
	if (IS_ERR(iter))
		return -ENOMEM;
	iommu_dirty_bitmap_init(&dirty, iter, &gather);
	ret = iova_bitmap_for_each(iter, &walk, read_chunk);
	if (!(flags & IOMMU_DIRTY_NO_CLEAR))
		iommu_iotlb_sync(domain, &gather);
	iova_bitmap_free(iter);
	return ret;
}
#endif
