// SPDX-License-Identifier: GPL-2.0
/*
 * The iommu core's map/unmap/lookup path, taken verbatim from the tree under
 * test: the build extracts the named functions from drivers/iommu/iommu.c
 * (scripts/extract-functions.awk) into PTF_CORE_EXTRACT, and this file gives
 * them the few definitions the rest of iommu.c would have provided.
 */
#define pr_fmt(fmt) "iommu: " fmt

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/iommu.h>
#if PTF_HAVE_GENERIC_PT
#include <linux/generic_pt/iommu.h>
#endif

#include <linux/slab.h>

#include "dma-iommu.h"

/* Tracepoints and the debug-pagealloc hooks observe; they change nothing. */
#define trace_map(iova, paddr, size)			do { } while (0)
#define trace_unmap(iova, size, unmapped_size)		do { } while (0)
#define trace_io_page_fault(dev, iova, flags)		do { } while (0)
#define trace_attach_device_to_domain(dev)		do { } while (0)
#define iommu_debug_map(domain, phys, size)		do { } while (0)
#define iommu_debug_unmap_begin(domain, iova, size)	do { } while (0)
#define iommu_debug_unmap_end(domain, iova, size, unmapped) do { } while (0)
/* iommu_domain_free() of an SVA domain; ptfuzz makes none. */
#define mmdrop(mm)					BUG()

#if !PTF_HAVE_GENERIC_PT
/* Trees before generic_pt have no range ops: every domain takes the pgtbl path. */
struct pt_iommu;
#define iommupt_from_domain(domain) ((struct pt_iommu *)NULL)
#endif

#ifdef PTF_DRIVER_TWIN
/*
 * iommu-priv.h's accessor (that header needs <linux/msi.h>): a probed
 * device's IOMMU instance has the driver's ops.
 */
static const struct iommu_ops *dev_iommu_ops(struct device *dev)
{
	return dev->iommu->iommu_dev->ops;
}

/* Held while a device is configured and probed (of_xlate, probe_device). */
DEFINE_MUTEX(iommu_probe_device_lock);
#endif

#include PTF_CORE_EXTRACT

#ifdef PTF_DRIVER_TWIN
/* __iommu_attach_device() is static in iommu.c; the driver twin attaches. */
int ptf_iommu_attach_device(struct iommu_domain *domain, struct device *dev,
			    struct iommu_domain *old)
{
	return __iommu_attach_device(domain, dev, old);
}

#if PTF_CORE_ALLOC_IDENTITY
/* The default identity domain the core gives a master (iommu.c, static). */
struct iommu_domain *ptf_iommu_alloc_identity_domain(struct device *dev)
{
	return __iommu_alloc_identity_domain(dev);
}
#endif

/* A new input: an abandoned one may have left the lock held. */
void ptf_iommu_core_reset(void)
{
	mutex_init(&iommu_probe_device_lock);
}

void ptf_iommu_probe_lock(bool lock)
{
	if (lock)
		mutex_lock(&iommu_probe_device_lock);
	else
		mutex_unlock(&iommu_probe_device_lock);
}
#endif
