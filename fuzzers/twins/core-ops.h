/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The twin ops that go through the iommu core, the same for every family:
 * map, unmap, lookups, the IOTLB sync and iommufd's dirty read, on the
 * domain the family's glue set up.
 *
 * Included by a family's glue (fuzzers/twins/<family>.c) after it defines
 * PTF_TWIN_DOMAIN, its domain struct, with members @domain (the
 * struct iommu_domain), @pending (the gather of unmap_fast) and @stats.
 * A glue whose iommu_domain lives elsewhere (a driver allocates its own)
 * defines PTF_TWIN_IOMMU_DOMAIN(pd) to find it, and one whose master may
 * have an identity domain PTF_TWIN_IDENTITY_DOMAIN(pd).
 */
#ifndef PTF_TWIN_CORE_OPS_H
#define PTF_TWIN_CORE_OPS_H

#ifndef PTF_TWIN_DOMAIN
#error "define PTF_TWIN_DOMAIN before including core-ops.h"
#endif

#ifndef PTF_TWIN_IOMMU_DOMAIN
#define PTF_TWIN_IOMMU_DOMAIN(pd)	(&(pd)->domain)
#endif

static struct PTF_TWIN_DOMAIN *twin_domain(void *dom)
{
	return dom;
}

/*
 * __iommu_map_domain_pgtbl() calls map_pages() again with what is left:
 * one that returns 0 and maps nothing is called again with the same
 * arguments, and if that one maps nothing either (nothing changed, as a
 * transient allocation failure would), the loop never ends.  A driver
 * glue calls this after each map_pages(), with a counter of its domain.
 */
static inline void ptf_check_map_progress(unsigned int *stalls, int ret,
					  size_t mapped_before,
					  size_t mapped_after,
					  unsigned long iova, size_t pgsize,
					  size_t pgcount)
{
	if (ret || mapped_after != mapped_before) {
		*stalls = 0;
		return;
	}
	if (++*stalls >= 2)
		ptf_rt_no_progress("map_pages(0x%lx, pgsize 0x%zx, pgcount %zu) returned 0 and mapped nothing, twice: iommu_map() calls it again forever",
				   iova, pgsize, pgcount);
}

static struct iommu_domain *twin_iommu_domain(void *dom)
{
	return PTF_TWIN_IOMMU_DOMAIN(twin_domain(dom));
}

static int ptf_map(void *dom, ptf_u64 iova, ptf_u64 pa, ptf_u64 size,
		   int prot, int atomic)
{
#if PTF_MAP_HAS_GFP
	return iommu_map(twin_iommu_domain(dom), iova, pa, size, prot,
			 atomic ? GFP_ATOMIC : GFP_KERNEL);
#else
	/* Before 6.3: the caller's context picks the function, not a gfp. */
	if (atomic)
		return iommu_map_atomic(twin_iommu_domain(dom), iova, pa,
					size, prot);
	return iommu_map(twin_iommu_domain(dom), iova, pa, size, prot);
#endif
}

static ptf_u64 ptf_unmap(void *dom, ptf_u64 iova, ptf_u64 size)
{
	return iommu_unmap(twin_iommu_domain(dom), iova, size);
}

static ptf_u64 ptf_unmap_fast(void *dom, ptf_u64 iova, ptf_u64 size)
{
	struct PTF_TWIN_DOMAIN *pd = twin_domain(dom);

	return iommu_unmap_fast(twin_iommu_domain(dom), iova, size,
				&pd->pending);
}

static void ptf_sync(void *dom)
{
	struct PTF_TWIN_DOMAIN *pd = twin_domain(dom);

	iommu_iotlb_sync(twin_iommu_domain(dom), &pd->pending);
}

static ptf_u64 ptf_iova_to_phys_core(void *dom, ptf_u64 iova)
{
	return iommu_iova_to_phys(twin_iommu_domain(dom), iova);
}

#if PTF_DOMAIN_HAS_LENGTH
static ptf_u64 ptf_iova_to_phys_length_core(void *dom, ptf_u64 iova,
					    ptf_u64 *length)
{
	size_t len = 0;
	phys_addr_t phys;

	phys = iommu_iova_to_phys_length(twin_iommu_domain(dom), iova, &len);
	*length = len;
	return phys;
}
#endif

#ifdef PTF_TWIN_IDENTITY_DOMAIN
/*
 * The lookups through the master's identity domain, which the family
 * finds with PTF_TWIN_IDENTITY_DOMAIN(pd) (NULL: the master has none).
 */
static int ptf_identity_lookup(void *dom, ptf_u64 iova, ptf_u64 *phys,
			       ptf_u64 *length, ptf_u64 *legacy)
{
	struct PTF_TWIN_DOMAIN *pd = twin_domain(dom);
	struct iommu_domain *identity = PTF_TWIN_IDENTITY_DOMAIN(pd);
#if PTF_DOMAIN_HAS_LENGTH
	size_t len = 0;
#endif

	if (!identity)
		return 0;
#if PTF_DOMAIN_HAS_LENGTH
	*phys = iommu_iova_to_phys_length(identity, iova, &len);
	*length = len;
#endif
	*legacy = iommu_iova_to_phys(identity, iova);
	return 1;
}
#define PTF_TWIN_IDENTITY_OP .identity_lookup = ptf_identity_lookup,
#else
#define PTF_TWIN_IDENTITY_OP
#endif

#if PTF_HAVE_DIRTY_OPS
static int ptf_read_dirty(void *dom, ptf_u64 iova, ptf_u64 size,
			  unsigned long flags, ptf_u64 page_size,
			  ptf_u64 *bitmap)
{
	return ptf_iommufd_read_dirty(twin_iommu_domain(dom), iova, size,
				      flags, page_size, (u64 *)bitmap);
}
#define PTF_TWIN_DIRTY_OP .read_and_clear_dirty = ptf_read_dirty,
#else
/* Before 6.7 the tree has no dirty tracking at all: no op. */
#define PTF_TWIN_DIRTY_OP
#endif

static void ptf_stats(void *dom, struct ptf_twin_stats *stats)
{
	*stats = twin_domain(dom)->stats;
}

static void *ptf_kernel_domain(void *dom)
{
	return &twin_domain(dom)->domain;
}

/*
 * Dirty tracking is always on in the walkers' hardware (HTTU, AMD's and
 * VT-d's D bits): like arm-smmu-v3's, the switch has nothing to do.
 */
static int __maybe_unused ptf_set_dirty_tracking(struct iommu_domain *domain,
						 bool enabled)
{
	return 0;
}

#if PTF_DOMAIN_HAS_LENGTH
#define PTF_TWIN_LENGTH_OP .iova_to_phys_length = ptf_iova_to_phys_length_core,
#else
#define PTF_TWIN_LENGTH_OP
#endif

/* The ops above, for the family's struct ptf_twin_ops. */
#define PTF_TWIN_CORE_OPS						\
	.tree			= UTS_RELEASE,				\
	.has_length		= PTF_DOMAIN_HAS_LENGTH,		\
	.map			= ptf_map,				\
	.unmap			= ptf_unmap,				\
	.unmap_fast		= ptf_unmap_fast,			\
	.iotlb_sync		= ptf_sync,				\
	.iova_to_phys		= ptf_iova_to_phys_core,		\
	PTF_TWIN_LENGTH_OP						\
	PTF_TWIN_IDENTITY_OP						\
	PTF_TWIN_DIRTY_OP						\
	.stats			= ptf_stats,				\
	.kernel_domain		= ptf_kernel_domain

#endif /* PTF_TWIN_CORE_OPS_H */
