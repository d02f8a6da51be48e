/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/dma-map-ops.h>, the header for implementations of
 * the DMA API (the real one needs <asm/pgtable.h>).  IOMMU drivers include
 * it out of habit; the ones ptfuzz builds call nothing it declares, so a
 * use of anything from it fails to compile here instead of being faked.
 */
#ifndef _LINUX_DMA_MAP_OPS_H
#define _LINUX_DMA_MAP_OPS_H

#include <linux/dma-mapping.h>
#include <linux/slab.h>

#endif /* _LINUX_DMA_MAP_OPS_H */
