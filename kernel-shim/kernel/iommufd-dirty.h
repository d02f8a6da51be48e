/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PTF_IOMMUFD_DIRTY_H
#define PTF_IOMMUFD_DIRTY_H

#include <linux/types.h>

struct iommu_domain;

/* iommufd's dirty bitmap read over [iova, iova + length); see the .c file. */
int ptf_iommufd_read_dirty(struct iommu_domain *domain, unsigned long iova,
			   size_t length, unsigned long flags,
			   unsigned long page_size, u64 *bitmap_data);

#endif /* PTF_IOMMUFD_DIRTY_H */
