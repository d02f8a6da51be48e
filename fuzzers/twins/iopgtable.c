// SPDX-License-Identifier: GPL-2.0
/*
 * An io-pgtable backed iommu_domain: the smallest IOMMU driver that lets the
 * tree's own core code (iommu_map, iommu_unmap, iommu_iova_to_phys, ...)
 * drive the tree's io-pgtable formats, the way arm-smmu-v3 or apple-dart do:
 * domain ops forward to io_pgtable_ops, and leaf invalidations are gathered
 * with iommu_iotlb_gather_add_page() and flushed in iotlb_sync().
 *
 * Built once per twin against that twin's headers.  The build tells us which
 * lookup ops the tree has:
 *   PTF_DOMAIN_HAS_LENGTH / PTF_DOMAIN_HAS_LEGACY     iommu_domain_ops
 *   PTF_IOPGTABLE_HAS_LENGTH / PTF_IOPGTABLE_HAS_LEGACY io_pgtable_ops
 * and whether it has dirty tracking (iommu_dirty_ops, 6.7 on; the
 * io_pgtable_ops' read_and_clear_dirty, later):
 *   PTF_HAVE_DIRTY_OPS / PTF_IOPGTABLE_HAS_DIRTY
 */
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/slab.h>
#include <generated/utsrelease.h>

#include "iommufd-dirty.h"
#include "twin.h"

struct ptf_domain {
	struct iommu_domain domain;
	struct io_pgtable_ops *pgtbl;
	struct io_pgtable_cfg cfg;
	enum ptf_fmt fmt;
	struct iommu_iotlb_gather pending;	/* for unmap_fast + sync */
	struct ptf_twin_stats stats;
	unsigned int map_stalls;		/* map_pages() in a row without progress */
	struct device dev;
};

#define PTF_TWIN_DOMAIN ptf_domain
#include "core-ops.h"

static struct ptf_domain *to_ptf(struct iommu_domain *domain)
{
	return container_of(domain, struct ptf_domain, domain);
}

/* io-pgtable -> IOTLB, as arm-smmu-v3 wires it ------------------------------ */

static void ptf_tlb_flush_all(void *cookie)
{
	ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
}

static void ptf_tlb_flush_walk(unsigned long iova, size_t size,
			       size_t granule, void *cookie)
{
	ptf_rt_iotlb_inval(PTF_INVAL_WALK, iova, size);
}

static void ptf_tlb_add_page(struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t granule, void *cookie)
{
	struct ptf_domain *pd = cookie;

	iommu_iotlb_gather_add_page(&pd->domain, gather, iova, granule);
}

static const struct iommu_flush_ops ptf_flush_ops = {
	.tlb_flush_all	= ptf_tlb_flush_all,
	.tlb_flush_walk	= ptf_tlb_flush_walk,
	.tlb_add_page	= ptf_tlb_add_page,
};

/* iommu_domain_ops ----------------------------------------------------------- */

static int ptf_map_pages(struct iommu_domain *domain, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct ptf_domain *pd = to_ptf(domain);
	size_t before = *mapped;
	int ret;

	pd->stats.map_calls++;
	ret = pd->pgtbl->map_pages(pd->pgtbl, iova, paddr, pgsize, pgcount,
				   prot, gfp, mapped);
	ptf_check_map_progress(&pd->map_stalls, ret, before, *mapped, iova,
			       pgsize, pgcount);
	return ret;
}

static size_t ptf_unmap_pages(struct iommu_domain *domain, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct ptf_domain *pd = to_ptf(domain);

	pd->stats.unmap_calls++;
	return pd->pgtbl->unmap_pages(pd->pgtbl, iova, pgsize, pgcount,
				      gather);
}

static void ptf_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	ptf_rt_iotlb_inval(PTF_INVAL_LEAF, gather->start,
			   gather->end - gather->start + 1);
}

static void ptf_flush_iotlb_all(struct iommu_domain *domain)
{
	ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
}

#if PTF_DOMAIN_HAS_LENGTH && PTF_IOPGTABLE_HAS_LENGTH
static phys_addr_t pgtbl_lookup(struct ptf_domain *pd, dma_addr_t iova,
				size_t *length)
{
	return pd->pgtbl->iova_to_phys_length(pd->pgtbl, iova, length);
}
#elif PTF_DOMAIN_HAS_LENGTH
/* A core with the series over io-pgtable without it: no length to report. */
static phys_addr_t pgtbl_lookup(struct ptf_domain *pd, dma_addr_t iova,
				size_t *length)
{
	phys_addr_t phys = pd->pgtbl->iova_to_phys(pd->pgtbl, iova);

	*length = 0;
	return phys ? phys : PHYS_ADDR_MAX;
}
#endif

#if PTF_DOMAIN_HAS_LENGTH
static phys_addr_t ptf_iova_to_phys_length(struct iommu_domain *domain,
					   dma_addr_t iova, size_t *length)
{
	struct ptf_domain *pd = to_ptf(domain);

	pd->stats.walks++;
	return pgtbl_lookup(pd, iova, length);
}
#endif

#if !PTF_DOMAIN_HAS_LENGTH
static phys_addr_t ptf_iova_to_phys(struct iommu_domain *domain,
				    dma_addr_t iova)
{
	struct ptf_domain *pd = to_ptf(domain);

	pd->stats.walks++;
	return pd->pgtbl->iova_to_phys(pd->pgtbl, iova);
}
#endif

#if PTF_HAVE_DIRTY_OPS
static int ptf_read_and_clear_dirty(struct iommu_domain *domain,
				    unsigned long iova, size_t size,
				    unsigned long flags,
				    struct iommu_dirty_bitmap *dirty)
{
#if PTF_IOPGTABLE_HAS_DIRTY
	struct ptf_domain *pd = to_ptf(domain);

	if (pd->pgtbl->read_and_clear_dirty)
		return pd->pgtbl->read_and_clear_dirty(pd->pgtbl, iova, size,
						       flags, dirty);
#endif
	return -EOPNOTSUPP;
}
#endif

static const struct iommu_domain_ops ptf_domain_ops = {
	.map_pages		= ptf_map_pages,
	.unmap_pages		= ptf_unmap_pages,
	.iotlb_sync		= ptf_iotlb_sync,
	.flush_iotlb_all	= ptf_flush_iotlb_all,
#if PTF_DOMAIN_HAS_LENGTH
	.iova_to_phys_length	= ptf_iova_to_phys_length,
#else
	.iova_to_phys		= ptf_iova_to_phys,
#endif
};

#if PTF_HAVE_DIRTY_OPS
static const struct iommu_dirty_ops ptf_dirty_ops = {
	.read_and_clear_dirty	= ptf_read_and_clear_dirty,
};
#endif

/* Plain-C entry points ----------------------------------------------------- */

static const enum io_pgtable_fmt fmt_of[PTF_NR_IOPGTABLE_FMTS] = {
	[PTF_FMT_ARM_32_LPAE_S1]	= ARM_32_LPAE_S1,
	[PTF_FMT_ARM_32_LPAE_S2]	= ARM_32_LPAE_S2,
	[PTF_FMT_ARM_64_LPAE_S1]	= ARM_64_LPAE_S1,
	[PTF_FMT_ARM_64_LPAE_S2]	= ARM_64_LPAE_S2,
	[PTF_FMT_ARM_V7S]		= ARM_V7S,
	[PTF_FMT_ARM_MALI_LPAE]		= ARM_MALI_LPAE,
	[PTF_FMT_APPLE_DART]		= APPLE_DART,
	[PTF_FMT_APPLE_DART2]		= APPLE_DART2,
};

/* Quirks an older tree does not define are 0 here: no driver can ask. */
#ifndef IO_PGTABLE_QUIRK_ARM_MTK_TTBR_EXT
#define IO_PGTABLE_QUIRK_ARM_MTK_TTBR_EXT	0
#endif
#ifndef IO_PGTABLE_QUIRK_ARM_HD
#define IO_PGTABLE_QUIRK_ARM_HD			0
#endif
#ifndef IO_PGTABLE_QUIRK_ARM_S2FWB
#define IO_PGTABLE_QUIRK_ARM_S2FWB		0
#endif
#ifndef IO_PGTABLE_QUIRK_NO_WARN
#define IO_PGTABLE_QUIRK_NO_WARN		0
#endif

static const unsigned long quirk_of[] = {
	IO_PGTABLE_QUIRK_ARM_NS,		/* PTF_QUIRK_ARM_NS */
	IO_PGTABLE_QUIRK_NO_PERMS,		/* PTF_QUIRK_NO_PERMS */
	IO_PGTABLE_QUIRK_ARM_MTK_EXT,		/* PTF_QUIRK_ARM_MTK_EXT */
	IO_PGTABLE_QUIRK_ARM_MTK_TTBR_EXT,	/* PTF_QUIRK_ARM_MTK_TTBR_EXT */
	IO_PGTABLE_QUIRK_ARM_TTBR1,		/* PTF_QUIRK_ARM_TTBR1 */
	IO_PGTABLE_QUIRK_ARM_OUTER_WBWA,	/* PTF_QUIRK_ARM_OUTER_WBWA */
	IO_PGTABLE_QUIRK_ARM_HD,		/* PTF_QUIRK_ARM_HD */
	IO_PGTABLE_QUIRK_ARM_S2FWB,		/* PTF_QUIRK_ARM_S2FWB */
	IO_PGTABLE_QUIRK_NO_WARN,		/* PTF_QUIRK_NO_WARN */
};

/*
 * The tree's quirk bits; false if it lacks one asked for: the config is
 * refused, as the format would refuse a bit it does not know.
 */
static bool quirks_of(unsigned int ptf_quirks, unsigned long *quirks)
{
	*quirks = 0;
	for (unsigned int i = 0; i < ARRAY_SIZE(quirk_of); i++) {
		if (!(ptf_quirks & (1u << i)))
			continue;
		if (!quirk_of[i])
			return false;
		*quirks |= quirk_of[i];
	}
	return true;
}

/* The registers a driver would program, for the engine's hardware walker. */
static void export_regs(const struct io_pgtable_cfg *cfg, enum ptf_fmt fmt,
			ptf_u64 *regs)
{
	switch (fmt) {
	case PTF_FMT_ARM_32_LPAE_S1:
	case PTF_FMT_ARM_64_LPAE_S1:
		regs[0] = cfg->arm_lpae_s1_cfg.ttbr;
		regs[1] = cfg->arm_lpae_s1_cfg.tcr.tsz;
		regs[2] = cfg->arm_lpae_s1_cfg.tcr.tg;
		regs[3] = cfg->arm_lpae_s1_cfg.mair;
		break;
	case PTF_FMT_ARM_32_LPAE_S2:
	case PTF_FMT_ARM_64_LPAE_S2:
		regs[0] = cfg->arm_lpae_s2_cfg.vttbr;
		regs[1] = cfg->arm_lpae_s2_cfg.vtcr.tsz;
		regs[2] = cfg->arm_lpae_s2_cfg.vtcr.tg;
		regs[3] = cfg->arm_lpae_s2_cfg.vtcr.sl;
		break;
	case PTF_FMT_ARM_V7S:
		regs[0] = cfg->arm_v7s_cfg.ttbr;
		regs[1] = cfg->arm_v7s_cfg.prrr;
		regs[2] = cfg->arm_v7s_cfg.nmrr;
		break;
	case PTF_FMT_ARM_MALI_LPAE:
		regs[0] = cfg->arm_mali_lpae_cfg.transtab;
		regs[1] = cfg->arm_mali_lpae_cfg.memattr;
		break;
	case PTF_FMT_APPLE_DART:
	case PTF_FMT_APPLE_DART2:
		/* All four TTBR registers; those not in use stay 0. */
		for (int i = 0; i < 4; i++)
			regs[i] = cfg->apple_dart_cfg.ttbr[i];
		break;
	default:
		break;
	}
}

/* The IOVA window a driver would publish, from the IAS the format kept. */
static void set_geometry(struct ptf_domain *pd)
{
	u64 span = pd->cfg.ias < 64 ? BIT_ULL(pd->cfg.ias) : 0;

	if (pd->cfg.quirks & IO_PGTABLE_QUIRK_ARM_TTBR1) {
		pd->domain.geometry.aperture_start = -span;
		pd->domain.geometry.aperture_end = ULONG_MAX;
	} else {
		pd->domain.geometry.aperture_start = 0;
		pd->domain.geometry.aperture_end = span - 1;
	}
	pd->domain.geometry.force_aperture = true;
}

/* Older LPAE and v7s (6.1) split a block to unmap part of it. */
static int splits_blocks(enum ptf_fmt fmt)
{
	if (fmt == PTF_FMT_ARM_V7S)
		return PTF_V7S_SPLITS_BLOCKS;
	return fmt != PTF_FMT_APPLE_DART && fmt != PTF_FMT_APPLE_DART2 &&
	       PTF_LPAE_SPLITS_BLOCKS;
}

static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_domain *pd = dom;

	*info = (struct ptf_pt_info) {
		.pgsize_bitmap	= pd->cfg.pgsize_bitmap,
		.ias		= pd->cfg.ias,
		.oas		= pd->cfg.oas,
		.va_first	= pd->domain.geometry.aperture_start,
		.va_last	= pd->domain.geometry.aperture_end,
		.unmap_splits_blocks = splits_blocks(pd->fmt),
	};
	export_regs(&pd->cfg, pd->fmt, info->regs);
}

static void *ptf_create(const struct ptf_pt_config *pc,
			struct ptf_pt_info *info)
{
	struct ptf_domain *pd;
	unsigned long quirks;

	if (pc->fmt >= PTF_NR_IOPGTABLE_FMTS || !quirks_of(pc->quirks, &quirks))
		return NULL;
	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return NULL;

	pd->cfg = (struct io_pgtable_cfg) {
		.quirks		= quirks,
		.pgsize_bitmap	= pc->pgsize_bitmap,
		.ias		= pc->ias,
		.oas		= pc->oas,
		.coherent_walk	= pc->coherent_walk,
		.tlb		= &ptf_flush_ops,
		.iommu_dev	= &pd->dev,
	};
	pd->pgtbl = alloc_io_pgtable_ops(fmt_of[pc->fmt], &pd->cfg, pd);
	if (!pd->pgtbl) {
		kfree(pd);
		return NULL;
	}

	pd->fmt = pc->fmt;
	pd->domain.type = IOMMU_DOMAIN_UNMANAGED;
	pd->domain.ops = &ptf_domain_ops;
#if PTF_HAVE_DIRTY_OPS
	pd->domain.dirty_ops = &ptf_dirty_ops;
#endif
	pd->domain.pgsize_bitmap = pd->cfg.pgsize_bitmap;
	set_geometry(pd);
	iommu_iotlb_gather_init(&pd->pending);
	ptf_info(pd, info);
	return pd;
}

static void ptf_destroy(void *dom)
{
	struct ptf_domain *pd = dom;

	free_io_pgtable_ops(pd->pgtbl);
	kfree(pd);
}

const struct ptf_twin_ops ptf_twin_iopgtable = {
	PTF_TWIN_CORE_OPS,
	.create			= ptf_create,
	.destroy		= ptf_destroy,
	.info			= ptf_info,
};
