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

/* Tracepoints and the debug-pagealloc hooks observe; they change nothing. */
#define trace_map(iova, paddr, size)			do { } while (0)
#define trace_unmap(iova, size, unmapped_size)		do { } while (0)
#define iommu_debug_map(domain, phys, size)		do { } while (0)
#define iommu_debug_unmap_begin(domain, iova, size)	do { } while (0)
#define iommu_debug_unmap_end(domain, iova, size, unmapped) do { } while (0)

#if !PTF_HAVE_GENERIC_PT
/* Trees before generic_pt have no range ops: every domain takes the pgtbl path. */
struct pt_iommu;
#define iommupt_from_domain(domain) ((struct pt_iommu *)NULL)
#endif

#include PTF_CORE_EXTRACT
