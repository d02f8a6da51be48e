/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/dma-mapping.h>.  The IOMMU walks its tables through
 * physical addresses, identity-mapped for DMA here.  Syncs toward the
 * device are recorded: they are how a non-coherent walker gets to see PTE
 * updates (with the runtime's device view on, it sees nothing else).  For
 * twins that turn on the DMA API's debug bookkeeping (the drivers do),
 * unmaps and syncs must match a live mapping, as CONFIG_DMA_API_DEBUG
 * checks, and a device's DMA mask is honoured as dma-direct without a
 * bounce buffer would: memory above it cannot be mapped.
 */
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/mm_types.h>
#include <asm/page.h>
#include <ptf_rt.h>

#define DMA_MAPPING_ERROR	(~(dma_addr_t)0)
#define DMA_BIT_MASK(n)		(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

static inline bool ptf_dma_capable(struct device *dev, phys_addr_t phys,
				   size_t size)
{
	return !dev || !dev->dma_mask || phys + size - 1 <= *dev->dma_mask;
}

static inline dma_addr_t dma_map_single(struct device *dev, void *ptr,
					size_t size,
					enum dma_data_direction dir)
{
	dma_addr_t dma = virt_to_phys(ptr);
	const char *err;

	if (!ptf_dma_capable(dev, dma, size))
		return DMA_MAPPING_ERROR;
	err = ptf_rt_dma_map(dev, dma, size);
	WARN(err, "%s", err);
	return dma;
}

static inline void dma_unmap_single(struct device *dev, dma_addr_t addr,
				    size_t size, enum dma_data_direction dir)
{
	const char *err = ptf_rt_dma_unmap(dev, addr, size);

	WARN(err, "%s", err);
}

static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	return addr == DMA_MAPPING_ERROR ? -ENOMEM : 0;
}

static inline void dma_sync_single_for_device(struct device *dev,
					      dma_addr_t addr, size_t size,
					      enum dma_data_direction dir)
{
	const char *err = ptf_rt_dma_sync_for_device(dev, addr, size);

	WARN(err, "%s", err);
}

static inline void dma_sync_single_range_for_device(struct device *dev,
						    dma_addr_t addr,
						    unsigned long offset,
						    size_t size,
						    enum dma_data_direction dir)
{
	dma_sync_single_for_device(dev, addr + offset, size, dir);
}

/*
 * Coherent memory comes from the table arena (the device is given its
 * physical address), below the device's coherent DMA mask as dma-direct
 * would place it, and is bookkept as a mapping the device holds until it
 * is freed (zeroed, as dma_alloc_coherent() always is).  CPU writes
 * reach the device without a sync: a target whose walker reads only
 * coherent tables predicts a coherent walk (target_domain.incoherent
 * false), and must, since the device's copy does not track this memory.
 */
static inline void *dma_alloc_coherent(struct device *dev, size_t size,
				       dma_addr_t *dma_handle, gfp_t gfp)
{
	void *virt = ptf_rt_table_alloc(size);
	const char *err;

	if (!virt)
		return NULL;
	*dma_handle = virt_to_phys(virt);
	if (dev && *dma_handle + size - 1 > dev->coherent_dma_mask) {
		ptf_rt_table_free(virt);
		return NULL;
	}
	err = ptf_rt_dma_map(dev, *dma_handle, size);
	WARN(err, "%s", err);
	return virt;
}

static inline void dma_free_coherent(struct device *dev, size_t size,
				     void *cpu_addr, dma_addr_t dma_handle)
{
	const char *err;

	if (!cpu_addr)
		return;
	err = ptf_rt_dma_unmap(dev, dma_handle, size);
	WARN(err, "%s", err);
	WARN(virt_to_phys(cpu_addr) != dma_handle,
	     "DMA-API: free of coherent memory with another address");
	ptf_rt_table_free(cpu_addr);
}

static inline void dma_sync_single_for_cpu(struct device *dev,
					   dma_addr_t addr, size_t size,
					   enum dma_data_direction dir)
{
}

static inline int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev->dma_mask)
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}

static inline int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	dev->coherent_dma_mask = mask;
	return 0;
}

static inline int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int ret = dma_set_mask(dev, mask);

	if (!ret)
		dma_set_coherent_mask(dev, mask);
	return ret;
}

#endif /* _LINUX_DMA_MAPPING_H */
