// SPDX-License-Identifier: GPL-2.0
/*
 * A generic_pt backed iommu_domain: the smallest IOMMU driver that lets the
 * tree's own core code (iommu_map -> pt_iommu_ops.map_range, iommu_unmap ->
 * unmap_range, iommu_iova_to_phys[_length] -> the domain ops) drive the
 * tree's iommupt formats, set up the way the AMD, Intel, RISC-V drivers and
 * the iommufd selftest do: the format struct overlays the iommu_domain, the
 * domain ops come from IOMMU_PT_DOMAIN_OPS() and IOMMU_PT_DIRTY_OPS(), and
 * iotlb_sync() invalidates the gathered range, then frees the gathered
 * table pages.
 *
 * Built once per twin against that twin's headers, with PTF_GENPT_<fmt>
 * for each format both trees have.  Lookups and range ops are counted by
 * wrapping the ops the tree installed, so the tree still decides which of
 * iova_to_phys and iova_to_phys_length exist.
 */
#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <generated/utsrelease.h>

#include "iommu-pages.h"
#include "iommufd-dirty.h"
#include "twin.h"

struct ptf_pt_domain {
	union {
		struct iommu_domain domain;
		struct pt_iommu iommu;
#ifdef PTF_GENPT_amdv1
		struct pt_iommu_amdv1 amdv1;
#endif
#ifdef PTF_GENPT_vtdss
		struct pt_iommu_vtdss vtdss;
#endif
#ifdef PTF_GENPT_x86_64
		struct pt_iommu_x86_64 x86_64;
#endif
#ifdef PTF_GENPT_riscv64
		struct pt_iommu_riscv_64 riscv64;
#endif
	};
	enum ptf_fmt fmt;
	const struct pt_common *common;
	/* The ops the tree installed, and ours that count and forward. */
	const struct iommu_domain_ops *tree_ops;
	const struct pt_iommu_ops *tree_pt_ops;
	struct iommu_domain_ops ops;
	struct pt_iommu_ops pt_ops;
	spinlock_t top_lock;
	/* What the device is programmed with: root table and format mode. */
	u64 root, mode;
	struct iommu_iotlb_gather pending;	/* for unmap_fast + sync */
	struct ptf_twin_stats stats;
	struct device dev;
};
PT_IOMMU_CHECK_DOMAIN(struct ptf_pt_domain, iommu, domain);

#define PTF_TWIN_DOMAIN ptf_pt_domain
#include "core-ops.h"

/*
 * Per format: the tree's domain ops, and the init and hardware registers a
 * driver would use.  regs: root table, and the format's mode field (AMD
 * DTE.Mode, Intel AW, x86 levels, RISC-V iosatp.MODE) as hw_info gives it;
 * mode_of_level turns a table top level into that field (change_top).
 */
struct ptf_pt_format {
	const struct iommu_domain_ops *ops;
	const struct iommu_dirty_ops *dirty_ops;
	int (*init)(struct ptf_pt_domain *pd, const struct pt_iommu_cfg *common,
		    unsigned int level);
	void (*hw_info)(struct ptf_pt_domain *pd);
	int mode_of_level;
};

static const struct ptf_pt_format formats[PTF_NR_FMTS];

static struct ptf_pt_domain *to_ptf(struct iommu_domain *domain)
{
	return container_of(domain, struct ptf_pt_domain, domain);
}

/* Counting wrappers ---------------------------------------------------------- */

#if PTF_DOMAIN_HAS_LENGTH
static phys_addr_t ptf_iova_to_phys_length(struct iommu_domain *domain,
					   dma_addr_t iova, size_t *length)
{
	struct ptf_pt_domain *pd = to_ptf(domain);

	pd->stats.walks++;
	return pd->tree_ops->iova_to_phys_length(domain, iova, length);
}
#endif

#if PTF_DOMAIN_HAS_LEGACY
static phys_addr_t ptf_iova_to_phys(struct iommu_domain *domain,
				    dma_addr_t iova)
{
	struct ptf_pt_domain *pd = to_ptf(domain);

	pd->stats.walks++;
	return pd->tree_ops->iova_to_phys(domain, iova);
}
#endif

static int ptf_map_range(struct pt_iommu *iommu_table, dma_addr_t iova,
			 phys_addr_t paddr, dma_addr_t len, unsigned int prot,
			 gfp_t gfp, size_t *mapped)
{
	struct ptf_pt_domain *pd = to_ptf(&iommu_table->domain);

	pd->stats.map_calls++;
	return pd->tree_pt_ops->map_range(iommu_table, iova, paddr, len, prot,
					  gfp, mapped);
}

static size_t ptf_unmap_range(struct pt_iommu *iommu_table, dma_addr_t iova,
			      dma_addr_t len,
			      struct iommu_iotlb_gather *iotlb_gather)
{
	struct ptf_pt_domain *pd = to_ptf(&iommu_table->domain);

	pd->stats.unmap_calls++;
	return pd->tree_pt_ops->unmap_range(iommu_table, iova, len,
					    iotlb_gather);
}

/* The driver's side: IOTLB and the table top ----------------------------------- */

/*
 * With table pages to free, the walk caches go too, as the drivers do
 * (Intel: no invalidation hint; AMD: the PDE bit); then the pages.
 */
static void ptf_iotlb_sync(struct iommu_domain *domain,
			   struct iommu_iotlb_gather *gather)
{
	bool tables = !iommu_pages_list_empty(&gather->freelist);

	if (gather->start <= gather->end)
		ptf_rt_iotlb_inval(tables ? PTF_INVAL_WALK : PTF_INVAL_LEAF,
				   gather->start,
				   gather->end - gather->start + 1);
	/* Only now may the walker's cached tables go. */
	iommu_put_pages_list(&gather->freelist);
}

static void ptf_flush_iotlb_all(struct iommu_domain *domain)
{
	ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
}

/*
 * PT_FEAT_DYNAMIC_TOP: reprogram the device with the new root, as
 * amd_iommu's change_top does with the DTE (mode = levels).
 */
static void ptf_change_top(struct pt_iommu *iommu_table, phys_addr_t top_paddr,
			   unsigned int top_level)
{
	struct ptf_pt_domain *pd = to_ptf(&iommu_table->domain);

	pd->root = top_paddr;
	pd->mode = top_level + formats[pd->fmt].mode_of_level;
}

static spinlock_t *ptf_get_top_lock(struct pt_iommu *iommu_table)
{
	return &to_ptf(&iommu_table->domain)->top_lock;
}

static const struct pt_iommu_driver_ops ptf_driver_ops = {
	.change_top	= ptf_change_top,
	.get_top_lock	= ptf_get_top_lock,
};


#ifdef PTF_GENPT_amdv1
static const struct iommu_domain_ops amdv1_ops = {
	IOMMU_PT_DOMAIN_OPS(amdv1),
};

static const struct iommu_dirty_ops amdv1_dirty_ops = {
	IOMMU_PT_DIRTY_OPS(amdv1),
};

static int amdv1_init(struct ptf_pt_domain *pd,
		      const struct pt_iommu_cfg *common, unsigned int level)
{
	struct pt_iommu_amdv1_cfg cfg = {
		.common = *common,
		.starting_level = level,
	};

	pd->common = &pd->amdv1.amdpt.common;
	return pt_iommu_amdv1_init(&pd->amdv1, &cfg, GFP_KERNEL);
}

static void amdv1_hw_info(struct ptf_pt_domain *pd)
{
	struct pt_iommu_amdv1_hw_info info;

	pt_iommu_amdv1_hw_info(&pd->amdv1, &info);
	pd->root = info.host_pt_root;
	pd->mode = info.mode;
}
#endif

#ifdef PTF_GENPT_mock
static const struct iommu_domain_ops mock_ops = {
	IOMMU_PT_DOMAIN_OPS(amdv1_mock),
};

static const struct iommu_dirty_ops mock_dirty_ops = {
	IOMMU_PT_DIRTY_OPS(amdv1_mock),
};

static int mock_init(struct ptf_pt_domain *pd,
		     const struct pt_iommu_cfg *common, unsigned int level)
{
	struct pt_iommu_amdv1_mock_cfg cfg = {
		.common = *common,
		.starting_level = level,
	};

	pd->common = &pd->amdv1.amdpt.common;
	return pt_iommu_amdv1_mock_init(&pd->amdv1, &cfg, GFP_KERNEL);
}

/*
 * The mock has no hardware and no hw_info: its "device" reads the top the
 * way the table stores it, pointer and level in one word.
 */
static void mock_hw_info(struct ptf_pt_domain *pd)
{
	uintptr_t top = READ_ONCE(pd->common->top_of_table);

	pd->root = virt_to_phys((void *)(top & ~(uintptr_t)PT_TOP_LEVEL_MASK));
	pd->mode = (top & PT_TOP_LEVEL_MASK) + 1;
}
#endif

#ifdef PTF_GENPT_vtdss
static const struct iommu_domain_ops vtdss_ops = {
	IOMMU_PT_DOMAIN_OPS(vtdss),
};

static const struct iommu_dirty_ops vtdss_dirty_ops = {
	IOMMU_PT_DIRTY_OPS(vtdss),
};

static int vtdss_init(struct ptf_pt_domain *pd,
		      const struct pt_iommu_cfg *common, unsigned int level)
{
	struct pt_iommu_vtdss_cfg cfg = {
		.common = *common,
		.top_level = level,
	};

	pd->common = &pd->vtdss.vtdss_pt.common;
	return pt_iommu_vtdss_init(&pd->vtdss, &cfg, GFP_KERNEL);
}

static void vtdss_hw_info(struct ptf_pt_domain *pd)
{
	struct pt_iommu_vtdss_hw_info info;

	pt_iommu_vtdss_hw_info(&pd->vtdss, &info);
	pd->root = info.ssptptr;
	pd->mode = info.aw;
}
#endif

#ifdef PTF_GENPT_x86_64
static const struct iommu_domain_ops x86_64_ops = {
	IOMMU_PT_DOMAIN_OPS(x86_64),
};

static int x86_64_init(struct ptf_pt_domain *pd,
		       const struct pt_iommu_cfg *common, unsigned int level)
{
	struct pt_iommu_x86_64_cfg cfg = {
		.common = *common,
		.top_level = level,
	};

	pd->common = &pd->x86_64.x86_64_pt.common;
	return pt_iommu_x86_64_init(&pd->x86_64, &cfg, GFP_KERNEL);
}

static void x86_64_hw_info(struct ptf_pt_domain *pd)
{
	struct pt_iommu_x86_64_hw_info info;

	pt_iommu_x86_64_hw_info(&pd->x86_64, &info);
	pd->root = info.gcr3_pt;
	pd->mode = info.levels;
}
#endif

#ifdef PTF_GENPT_riscv64
static const struct iommu_domain_ops riscv64_ops = {
	IOMMU_PT_DOMAIN_OPS(riscv_64),
};

static int riscv64_init(struct ptf_pt_domain *pd,
			const struct pt_iommu_cfg *common, unsigned int level)
{
	struct pt_iommu_riscv_64_cfg cfg = { .common = *common };

	pd->common = &pd->riscv64.riscv_64pt.common;
	return pt_iommu_riscv_64_init(&pd->riscv64, &cfg, GFP_KERNEL);
}

static void riscv64_hw_info(struct ptf_pt_domain *pd)
{
	struct pt_iommu_riscv_64_hw_info info;

	pt_iommu_riscv_64_hw_info(&pd->riscv64, &info);
	pd->root = info.ppn << PAGE_SHIFT;
	pd->mode = info.fsc_iosatp_mode;
}
#endif

static const struct ptf_pt_format formats[PTF_NR_FMTS] = {
#ifdef PTF_GENPT_amdv1
	[PTF_FMT_PT_AMDV1] = { &amdv1_ops, &amdv1_dirty_ops, amdv1_init,
			       amdv1_hw_info, 1 },
#endif
#ifdef PTF_GENPT_mock
	[PTF_FMT_PT_AMDV1_MOCK] = { &mock_ops, &mock_dirty_ops, mock_init,
				    mock_hw_info, 1 },
#endif
#ifdef PTF_GENPT_vtdss
	[PTF_FMT_PT_VTDSS] = { &vtdss_ops, &vtdss_dirty_ops, vtdss_init,
			       vtdss_hw_info, -1 },
#endif
#ifdef PTF_GENPT_x86_64
	[PTF_FMT_PT_X86_64] = { &x86_64_ops, NULL, x86_64_init,
				x86_64_hw_info, 1 },
#endif
#ifdef PTF_GENPT_riscv64
	[PTF_FMT_PT_RISCV64] = { &riscv64_ops, NULL, riscv64_init,
				 riscv64_hw_info, 6 },
#endif
};

/* Plain-C entry points ----------------------------------------------------- */

static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_pt_domain *pd = dom;
	const struct iommu_domain_geometry *g = &pd->domain.geometry;
	const struct pt_common *common = pd->common;
	unsigned int vasz = common->max_vasz_lg2;
	struct pt_iommu_info pt_info;

	pd->iommu.ops->get_info(&pd->iommu, &pt_info);
	*info = (struct ptf_pt_info) {
		.pgsize_bitmap	= pd->domain.pgsize_bitmap,
		.ias		= vasz,
		.oas		= common->max_oasz_lg2,
		.va_first	= g->aperture_start,
		.va_last	= g->aperture_end,
		.top_level	= READ_ONCE(common->top_of_table) & PT_TOP_LEVEL_MASK,
		.regs		= { pd->root, pd->mode, pt_info.pgsize_bitmap },
		.dirty_from_walk = PTF_GENPT_DIRTY_FROM_WALK,
	};
	/* PT_FEAT_SIGN_EXTEND: the upper half is valid too (geometry: lower). */
	if (common->features & BIT(PT_FEAT_SIGN_EXTEND))
		info->va_upper_first = -BIT_ULL(vasz - 1);
}

static unsigned int features_of(unsigned int ptf_features)
{
	static const unsigned int bit_of[] = {
		PT_FEAT_DMA_INCOHERENT, PT_FEAT_FULL_VA, PT_FEAT_DYNAMIC_TOP,
		PT_FEAT_SIGN_EXTEND, PT_FEAT_FLUSH_RANGE,
		PT_FEAT_FLUSH_RANGE_NO_GAPS, PT_FEAT_DETAILED_GATHER,
	};
	unsigned int features = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(bit_of); i++)
		if (ptf_features & (1u << i))
			features |= BIT(bit_of[i]);
	/* The format's own features follow PT_FEAT_FMT_START in order. */
	for (unsigned int i = 0; i < 8; i++)
		if (ptf_features & PTF_PT_FMT(i))
			features |= BIT(PT_FEAT_FMT_START + i);
	return features;
}

static void install_ops(struct ptf_pt_domain *pd)
{
	pd->tree_ops = formats[pd->fmt].ops;
	pd->ops = *pd->tree_ops;
#if PTF_DOMAIN_HAS_LENGTH
	if (pd->tree_ops->iova_to_phys_length)
		pd->ops.iova_to_phys_length = ptf_iova_to_phys_length;
#endif
#if PTF_DOMAIN_HAS_LEGACY
	if (pd->tree_ops->iova_to_phys)
		pd->ops.iova_to_phys = ptf_iova_to_phys;
#endif
	pd->ops.iotlb_sync = ptf_iotlb_sync;
	pd->ops.flush_iotlb_all = ptf_flush_iotlb_all;
	pd->domain.ops = &pd->ops;
	pd->domain.dirty_ops = formats[pd->fmt].dirty_ops;

	pd->tree_pt_ops = pd->iommu.ops;
	pd->pt_ops = *pd->tree_pt_ops;
	pd->pt_ops.map_range = ptf_map_range;
	pd->pt_ops.unmap_range = ptf_unmap_range;
	pd->iommu.ops = &pd->pt_ops;
}

static void *ptf_create(const struct ptf_pt_config *pc,
			struct ptf_pt_info *info)
{
	struct pt_iommu_cfg common = {
		.features = features_of(pc->features),
		.hw_max_vasz_lg2 = pc->ias,
		.hw_max_oasz_lg2 = pc->oas,
	};
	struct ptf_pt_domain *pd;

	if (pc->fmt >= PTF_NR_FMTS || !formats[pc->fmt].init)
		return NULL;
	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return NULL;
	pd->fmt = pc->fmt;
	spin_lock_init(&pd->top_lock);
	pd->iommu.driver_ops = &ptf_driver_ops;
	pd->iommu.iommu_device = &pd->dev;
	pd->iommu.nid = NUMA_NO_NODE;
	if (formats[pc->fmt].init(pd, &common, pc->level)) {
		pt_iommu_deinit(&pd->iommu);
		kfree(pd);
		return NULL;
	}
	/* What a driver may narrow, as AMD's and the selftest's do. */
	if (pc->pgsize_bitmap)
		pd->domain.pgsize_bitmap &= pc->pgsize_bitmap;
	install_ops(pd);
	formats[pc->fmt].hw_info(pd);
	iommu_iotlb_gather_init(&pd->pending);
	ptf_info(pd, info);
	return pd;
}

static void ptf_destroy(void *dom)
{
	struct ptf_pt_domain *pd = dom;

	pd->iommu.ops = pd->tree_pt_ops;
	pt_iommu_deinit(&pd->iommu);
	kfree(pd);
}

const struct ptf_twin_ops ptf_twin_genpt = {
	PTF_TWIN_CORE_OPS,
	.debug_checks		= PTF_PT_DEBUG,
	.create			= ptf_create,
	.destroy		= ptf_destroy,
	.info			= ptf_info,
};
