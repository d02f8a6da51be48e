/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/dma-mapping.h>.  The IOMMU walks its tables through
 * physical addresses, identity-mapped for DMA here.  Syncs toward the
 * device are recorded: they are how a non-coherent walker gets to see PTE
 * updates.
 */
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <asm/page.h>
#include <ptf_rt.h>

#define DMA_MAPPING_ERROR	(~(dma_addr_t)0)

static inline dma_addr_t dma_map_single(struct device *dev, void *ptr,
					size_t size,
					enum dma_data_direction dir)
{
	dma_addr_t dma = virt_to_phys(ptr);

	ptf_rt_dma_sync(dma, size);
	return dma;
}

static inline void dma_unmap_single(struct device *dev, dma_addr_t addr,
				    size_t size, enum dma_data_direction dir)
{
}

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	return addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}

static inline void dma_sync_single_for_device(struct device *dev,
					      dma_addr_t addr, size_t size,
					      enum dma_data_direction dir)
{
	ptf_rt_dma_sync(addr, size);
}

static inline void dma_sync_single_for_cpu(struct device *dev,
					   dma_addr_t addr, size_t size,
					   enum dma_data_direction dir)
{
}

#endif /* _LINUX_DMA_MAPPING_H */
