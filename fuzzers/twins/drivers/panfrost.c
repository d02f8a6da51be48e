// SPDX-License-Identifier: GPL-2.0
/*
 * panfrost's GPU VM as the tree has it, on io-pgtable: the MMU half of
 * panfrost_mmu.c and the feature probe of panfrost_gpu.c, taken by name
 * (the files need DRM, the scheduler, devfreq and shmem, none of which the
 * series touches).  The driver's structs live in its headers, which pull
 * in all of DRM: they are taken by name too ("ptf-extract-from:").
 *
 * What runs is the driver's: panfrost_gpu_init_features() reads the GPU's
 * ID registers (GPU_ID picks the model and so HW_FEATURE_AARCH64_MMU,
 * MMU_FEATURES the VA and PA bits, AS_PRESENT the address spaces) from
 * the device model; panfrost_mmu_ctx_create() picks the format
 * (ARM_MALI_LPAE, or ARM_64_LPAE_S1 with the SoC's
 * GPU_QUIRK_FORCE_AARCH64_PGTABLE) and builds the io_pgtable_cfg;
 * panfrost_mmu_as_get() gives the context an address space and programs
 * AS_TRANSTAB, AS_MEMATTR and AS_TRANSCFG, which the device model's walk
 * starts from.  A BO's GEM open is panfrost_mmu_map() (a heap BO is not
 * mapped there), its close panfrost_mmu_unmap(), whose heap loop patch 0027
 * converts to iova_to_phys_length(); a GPU page fault in a heap BO is
 * panfrost_mmu_map_fault_addr(), which reads the 2M chunk's pages from
 * shmem and maps them.  Every map and unmap ends with the AS's LOCK and
 * FLUSH_PT commands, which the device model turns into invalidations.
 *
 * What is ours: the DRM objects the driver's structs embed (drm_device,
 * drm_mm and its nodes, the shmem GEM object), the shmem pages of a BO
 * (struct pages at the physical addresses the input lays out), its
 * scatterlists, and the GEM open/close around the MMU calls: the node's
 * placement follows panfrost_gem_open()'s alignment and the driver's own
 * color_adjust, as drm_mm_insert_node_generic() would honour them.
 *
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_job.h NUM_JOB_SLOTS
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h MAX_PM_DOMAINS
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_drv_comp_bits
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_gpu_quirks
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_features
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_compatible
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_device_debugfs
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_device panfrost_mmu
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h to_panfrost_device
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_device.h panfrost_model_cmp panfrost_model_eq
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_gem.h panfrost_gem_object panfrost_gem_mapping
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_gem.h to_panfrost_bo drm_mm_node_to_panfrost_mapping
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_features.h
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_issues.h
 * ptf-extract-from: drivers/gpu/drm/panfrost/panfrost_gpu.c panfrost_model panfrost_gpu_init_features
 * ptf-extract: panfrost_mmu_reset panfrost_mmu_as_get panfrost_mmu_as_put
 * ptf-extract: panfrost_mmu_ctx_create panfrost_mmu_ctx_put panfrost_mmu_ctx_get
 * ptf-extract: panfrost_mmu_map panfrost_mmu_unmap panfrost_mmu_map_fault_addr
 * ptf-extract: mmu_tlb_ops NUM_FAULT_PAGES
 */
#include <linux/atomic.h>
#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pm_runtime.h>
#include <linux/refcount.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <generated/utsrelease.h>
#include <uapi/drm/panfrost_drm.h>

#include "../gpu/drm/panfrost/panfrost_regs.h"
#include "drm.h"
#include "ptf-devices.h"
#include "twin.h"

/* Where the glue puts the GPU's registers (RK3399's GPU). */
#define PTF_PANFROST_BASE	0xff9a0000ULL
#define PTF_PANFROST_SIZE	0x4000

/* The DRM objects the driver's structs embed -------------------------------- */

struct drm_device {
	struct device *dev;
};

struct drm_mm_node {
	u64 start, size;
	unsigned long color;
	struct list_head node_list;
};

struct drm_mm {
	struct list_head node_list;
	u64 start, size;
	void (*color_adjust)(const struct drm_mm_node *node,
			     unsigned long color, u64 *start, u64 *end);
	bool ptf_ready;
};

#define drm_mm_for_each_node(entry, mm) \
	list_for_each_entry(entry, &(mm)->node_list, node_list)

static void drm_mm_init(struct drm_mm *mm, u64 start, u64 size)
{
	*mm = (struct drm_mm){ .start = start, .size = size, .ptf_ready = true };
	INIT_LIST_HEAD(&mm->node_list);
}

/* drm_mm_takedown() WARNs about nodes left: "Memory manager not clean". */
static void drm_mm_takedown(struct drm_mm *mm)
{
	WARN(!mm->ptf_ready || !list_empty(&mm->node_list),
	     "Memory manager not clean during takedown.");
	mm->ptf_ready = false;
}

/* shmem's file of a BO: the pages it hands out, at the input's PAs. */
struct address_space {
	struct folio *folios;
	pgoff_t nr;
	bool unevictable;
};

struct ptf_shmem_file {
	struct address_space *f_mapping;
};

struct drm_gem_object {
	struct drm_device *dev;
	size_t size;
	struct ptf_shmem_file *filp;
	struct dma_resv *resv;
	struct dma_resv _resv;
};

struct drm_gem_shmem_object {
	struct drm_gem_object base;
	struct page **pages;
	refcount_t pages_use_count;
	struct sg_table *sgt;
};

#define to_drm_gem_shmem_obj(obj) \
	container_of(obj, struct drm_gem_shmem_object, base)

/* Only pointed at by the device struct: devfreq never runs here. */
struct panfrost_devfreq {
	int ptf_unused;
};

struct panfrost_device;
struct panfrost_job_slot;
struct panfrost_job;
struct panfrost_perfcnt;
struct regulator_bulk_data;
struct reset_control;
struct shrinker;

#define drm_WARN(drm, cond, fmt...)	({ (void)(drm); WARN(cond, fmt); })
#define drm_WARN_ON(drm, x)		({ (void)(drm); WARN_ON(x); })
#define dev_WARN(dev, fmt...)		({ (void)(dev); WARN(1, fmt); })

/* The device model never leaves AS_ACTIVE set: a reset is the driver's bug. */
static void panfrost_device_schedule_reset(struct panfrost_device *pfdev)
{
	WARN(1, "panfrost: the MMU never went idle, GPU reset scheduled");
}

/*
 * What the stand-ins hold, counted so that the twin's teardown finds every
 * reference and mapping given back (or WARNs).
 */
static struct {
	long folio_refs;	/* shmem folio references */
	long dma_maps;		/* dma_map_sgtable() without its unmap */
	long sg_tables;		/* sg tables allocated and not freed */
} live;

/* A shmem page: its physical address is in page->private. */
static phys_addr_t ptf_page_phys(const struct page *page)
{
	return page->private;
}

static struct folio *shmem_read_folio(struct address_space *mapping,
				      pgoff_t index)
{
	struct folio *folio;

	if (WARN(index >= mapping->nr, "shmem_read_folio(%lu) past the object's %lu pages",
		 (unsigned long)index, (unsigned long)mapping->nr))
		return ERR_PTR(-EIO);
	folio = &mapping->folios[index];
	atomic_inc(&folio->page._refcount);
	live.folio_refs++;
	return folio;
}

static void folio_put(struct folio *folio)
{
	WARN(atomic_dec_return(&folio->page._refcount) < 0,
	     "folio_put() of a folio with no reference");
	live.folio_refs--;
}

static void mapping_set_unevictable(struct address_space *mapping)
{
	mapping->unevictable = true;
}

/*
 * As lib/scatterlist.c builds it: one entry per run of physically
 * contiguous pages (no segment limit below 2M), one allocation.  An entry
 * keeps its first page in ptf_buf.
 */
static int sg_alloc_table_from_pages(struct sg_table *sgt, struct page **pages,
				     unsigned int n_pages, unsigned int offset,
				     unsigned long size, gfp_t gfp_mask)
{
	unsigned int n = 0, i, k;

	if (WARN_ON(offset || size != (unsigned long)n_pages * PAGE_SIZE))
		return -EINVAL;
	for (i = 0; i < n_pages; i++)
		if (!i || ptf_page_phys(pages[i]) != ptf_page_phys(pages[i - 1]) + PAGE_SIZE)
			n++;
	sgt->sgl = kmalloc_array(n, sizeof(*sgt->sgl), gfp_mask);
	if (!sgt->sgl)
		return -ENOMEM;
	sg_init_table(sgt->sgl, n);
	for (i = 0, k = 0; i < n_pages; i++) {
		if (i && ptf_page_phys(pages[i]) == ptf_page_phys(pages[i - 1]) + PAGE_SIZE) {
			sgt->sgl[k - 1].length += PAGE_SIZE;
			continue;
		}
		sgt->sgl[k].ptf_buf = pages[i];
		sgt->sgl[k++].length = PAGE_SIZE;
	}
	sgt->nents = sgt->orig_nents = n;
	live.sg_tables++;
	return 0;
}

static void sg_free_table(struct sg_table *sgt)
{
	if (!sgt->sgl)
		return;
	kfree(sgt->sgl);
	sgt->sgl = NULL;
	live.sg_tables--;
}

/* The GPU sits behind no IOMMU: its DMA addresses are physical. */
static int dma_map_sgtable(struct device *dev, struct sg_table *sgt,
			   enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *sg;
	unsigned int i;

	WARN(sgt->nents && !sgt->sgl[0].ptf_buf, "dma_map_sgtable() of a table of no pages");
	for_each_sg(sgt->sgl, sg, sgt->orig_nents, i) {
		sg->dma_address = ptf_page_phys(sg->ptf_buf);
		sg->dma_length = sg->length;
	}
	live.dma_maps++;
	return 0;
}

static void dma_unmap_sgtable(struct device *dev, struct sg_table *sgt,
			      enum dma_data_direction dir, unsigned long attrs)
{
	WARN(live.dma_maps-- <= 0, "dma_unmap_sgtable() of a table never mapped");
}

struct panfrost_gem_mapping;
static void panfrost_gem_mapping_put(struct panfrost_gem_mapping *mapping);
static struct sg_table *drm_gem_shmem_get_pages_sgt(struct drm_gem_shmem_object *shmem);
static void drm_gem_shmem_put_pages_locked(struct drm_gem_shmem_object *shmem);

/*
 * panfrost_device.h's types come extracted, below; its guard keeps the
 * headers that include it (panfrost_features.h, panfrost_issues.h) from
 * pulling in the rest of DRM.
 */
#define __PANFROST_DEVICE_H__
#include PTF_DRIVER_EXTRACT

/* The BOs ------------------------------------------------------------------ */

#define PTF_PANFROST_MAX_BOS	8
#define PTF_PANFROST_MAX_PAGES	(SZ_16M / PAGE_SIZE)

/* A BO opened in the VM: its GEM object, its one mapping, its shmem file. */
struct ptf_bo {
	struct panfrost_gem_object bo;
	struct panfrost_gem_mapping mapping;
	struct address_space shmem;
	struct ptf_shmem_file file;
	struct folio folios[PTF_PANFROST_MAX_PAGES];
	struct sg_table sgt;		/* drm_gem_shmem_get_pages_sgt()'s */
	bool open;
};

struct ptf_panfrost {
	struct panfrost_device pfdev;
	struct panfrost_compatible comp;
	struct panfrost_mmu *mmu;
	struct device *dev;
	struct ptf_bo bos[PTF_PANFROST_MAX_BOS];
	struct ptf_twin_stats stats;
	phys_addr_t (*tree_length)(struct io_pgtable_ops *ops, unsigned long iova,
				   size_t *length);
};

/* One VM per twin at a time. */
static struct ptf_panfrost the;

void ptf_devices_reset(void);

static struct ptf_bo *bo_of_shmem(struct drm_gem_shmem_object *shmem)
{
	return container_of(shmem, struct ptf_bo, bo.base);
}

/* The shmem object's pages, as drm_gem_shmem_get_pages() takes them. */
static int shmem_get_pages(struct drm_gem_shmem_object *shmem)
{
	struct address_space *mapping = shmem->base.filp->f_mapping;
	pgoff_t n = shmem->base.size >> PAGE_SHIFT;

	shmem->pages = kvmalloc_objs(struct page *, n, GFP_KERNEL);
	if (!shmem->pages)
		return -ENOMEM;
	for (pgoff_t i = 0; i < n; i++)
		shmem->pages[i] = &shmem_read_folio(mapping, i)->page;
	refcount_set(&shmem->pages_use_count, 1);
	return 0;
}

static void shmem_put_pages(struct drm_gem_shmem_object *shmem)
{
	pgoff_t n = shmem->base.size >> PAGE_SHIFT;

	if (!shmem->pages)
		return;
	for (pgoff_t i = 0; i < n; i++)
		if (shmem->pages[i])
			folio_put(page_folio(shmem->pages[i]));
	kvfree(shmem->pages);
	shmem->pages = NULL;
}

/*
 * drm_gem_shmem_get_pages_sgt(): the object's pages, their scatterlist
 * (contiguous pages merged) and its DMA mapping, kept until the object is
 * freed (or drm_gem_shmem_put_pages_locked() on the error path).
 */
static struct sg_table *drm_gem_shmem_get_pages_sgt(struct drm_gem_shmem_object *shmem)
{
	struct ptf_bo *b = bo_of_shmem(shmem);
	int ret;

	if (shmem->sgt)
		return shmem->sgt;
	ret = shmem_get_pages(shmem);
	if (ret)
		return ERR_PTR(ret);
	ret = sg_alloc_table_from_pages(&b->sgt, shmem->pages,
					shmem->base.size >> PAGE_SHIFT, 0,
					shmem->base.size, GFP_KERNEL);
	if (ret) {
		shmem_put_pages(shmem);
		return ERR_PTR(ret);
	}
	dma_map_sgtable(b->bo.base.base.dev->dev, &b->sgt, DMA_BIDIRECTIONAL, 0);
	shmem->sgt = &b->sgt;
	return shmem->sgt;
}

static void drm_gem_shmem_put_pages_locked(struct drm_gem_shmem_object *shmem)
{
	if (shmem->sgt) {
		dma_unmap_sgtable(shmem->base.dev->dev, shmem->sgt, DMA_BIDIRECTIONAL, 0);
		sg_free_table(shmem->sgt);
		shmem->sgt = NULL;
	}
	shmem_put_pages(shmem);
}

/* The harness holds each mapping's first reference until the BO's close. */
static void panfrost_gem_mapping_put(struct panfrost_gem_mapping *mapping)
{
	WARN(refcount_dec_and_test(&mapping->refcount.refcount),
	     "panfrost: a mapping's last reference dropped by the MMU code");
}

/* panfrost_gem_free_object(): the heap's chunks, then the shmem object. */
static void bo_free(struct ptf_bo *b)
{
	struct panfrost_gem_object *bo = &b->bo;

	if (bo->sgts) {
		for (size_t i = 0; i < bo->base.base.size / SZ_2M; i++) {
			if (!bo->sgts[i].sgl)
				continue;
			dma_unmap_sgtable(the.dev, &bo->sgts[i], DMA_BIDIRECTIONAL, 0);
			sg_free_table(&bo->sgts[i]);
		}
		kvfree(bo->sgts);
		bo->sgts = NULL;
	}
	drm_gem_shmem_put_pages_locked(&bo->base);
}

/* The twin ---------------------------------------------------------------- */

static struct io_pgtable_ops *vm_ops(struct ptf_panfrost *pp)
{
	return pp->mmu->pgtbl_ops;
}

/*
 * What the walk starts from is the device model's (the AS registers the
 * driver programmed); the info says what the io_pgtable_cfg holds, for
 * the walker's attribute decoding (the MAIR that AS_MEMATTR translates).
 */
static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_panfrost *pp = dom;
	const struct io_pgtable_cfg *cfg = &pp->mmu->pgtbl_cfg;

	*info = (struct ptf_pt_info){
		.pgsize_bitmap	= cfg->pgsize_bitmap,
		.ias		= cfg->ias,
		.oas		= cfg->oas,
		.va_first	= pp->mmu->mm.start << PAGE_SHIFT,
		.va_last	= ((pp->mmu->mm.start + pp->mmu->mm.size) << PAGE_SHIFT) - 1,
		.unmap_splits_blocks = PTF_LPAE_SPLITS_BLOCKS,
	};
	info->regs[0] = pp->mmu->cfg.transtab;
	info->regs[1] = pp->mmu->cfg.memattr;
	info->regs[2] = pp->mmu->cfg.transcfg;
	info->regs[3] = cfg->arm_lpae_s1_cfg.mair;
	info->regs[4] = pp->mmu->as;
}

/*
 * The GPU as panfrost_device_init() brings it up, as far as the MMU
 * needs: the SoC's match data (its GPU quirks), dma-coherent or not, the
 * registers, panfrost_gpu_init_features() and the DMA mask it derives,
 * panfrost_mmu_reset(); then a file's context (panfrost_open():
 * panfrost_mmu_ctx_create()), which a first job binds to an address space
 * (panfrost_mmu_as_get()) and releases (panfrost_mmu_as_put()).  The GPU
 * stays powered (a runtime-PM reference) so that flushes reach it.
 */
static void *ptf_create(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info)
{
	struct ptf_panfrost *pp = &the;
	struct panfrost_device *pfdev = &pp->pfdev;
	struct panfrost_mmu *mmu;

	memset(pp, 0, sizeof(*pp));
	memset(&live, 0, sizeof(live));
	ptf_devices_reset();
	if (cfg->fmt != PTF_FMT_DRIVER)
		return NULL;
	pp->dev = ptf_master_add("gpu");
	pfdev->base.dev = pp->dev;
	pp->comp.gpu_quirks = cfg->quirks & 1 ? BIT(GPU_QUIRK_FORCE_AARCH64_PGTABLE) : 0;
	pfdev->comp = &pp->comp;
	pfdev->coherent = cfg->coherent_walk;
	spin_lock_init(&pfdev->as_lock);
	INIT_LIST_HEAD(&pfdev->as_lru_list);
	pfdev->iomem = ioremap(PTF_PANFROST_BASE, PTF_PANFROST_SIZE);
	pm_runtime_resume_and_get(pp->dev);
	if (panfrost_gpu_init_features(pfdev) ||
	    dma_set_mask_and_coherent(pp->dev, DMA_BIT_MASK(FIELD_GET(0xff00,
							pfdev->features.mmu_features))))
		goto err;
	panfrost_mmu_reset(pfdev);
	mmu = panfrost_mmu_ctx_create(pfdev);
	if (IS_ERR(mmu))
		goto err;
	pp->mmu = mmu;
	if (panfrost_mmu_as_get(pfdev, mmu) < 0) {
		panfrost_mmu_ctx_put(mmu);
		goto err;
	}
	panfrost_mmu_as_put(pfdev, mmu);
	ptf_info(pp, info);
	return pp;
err:
	pm_runtime_put_sync(pp->dev);
	iounmap(pfdev->iomem);
	ptf_devices_remove_all();
	return NULL;
}

static void bo_close(struct ptf_panfrost *pp, struct ptf_bo *b);

/* The file's close: its BOs, then the context's last reference. */
static void ptf_destroy(void *dom)
{
	struct ptf_panfrost *pp = dom;

	for (int i = 0; i < PTF_PANFROST_MAX_BOS; i++)
		if (pp->bos[i].open)
			bo_close(pp, &pp->bos[i]);
	panfrost_mmu_ctx_put(pp->mmu);
	pm_runtime_put_sync(pp->dev);
	iounmap(pp->pfdev.iomem);
	ptf_devices_remove_all();
	WARN(live.folio_refs || live.dma_maps || live.sg_tables,
	     "panfrost: VM torn down with references left: folios %ld dma maps %ld sg tables %ld",
	     live.folio_refs, live.dma_maps, live.sg_tables);
}

#define PTF_DRM_VM ptf_panfrost
#include "drm-lookups.h"

/* The DRM ops -------------------------------------------------------------- */

/* The BO's pages: @size bytes from @pa, in runs of @run, @stride apart. */
static void bo_pages(struct ptf_bo *b, const struct ptf_drm_bo *layout)
{
	pgoff_t n = layout->size >> PAGE_SHIFT;

	for (pgoff_t i = 0; i < n; i++) {
		u64 off = i << PAGE_SHIFT;
		struct page *page = &b->folios[i].page;

		memset(page, 0, sizeof(*page));
		page->private = layout->pa + off / layout->run * layout->stride +
				off % layout->run;
	}
	b->shmem = (struct address_space){ .folios = b->folios, .nr = n };
	b->file.f_mapping = &b->shmem;
}

static struct ptf_bo *bo_at(struct ptf_panfrost *pp, u64 iova)
{
	for (int i = 0; i < PTF_PANFROST_MAX_BOS; i++)
		if (pp->bos[i].open &&
		    pp->bos[i].mapping.mmnode.start == iova >> PAGE_SHIFT)
			return &pp->bos[i];
	return NULL;
}

/*
 * panfrost_gem_open() of a BO created with PANFROST_BO_* @flags, its node
 * at [iova, iova + size) (the target gives a placement drm_mm would):
 * panfrost_mmu_map() unless it is a heap.  0 or -errno.
 */
static int ptf_bind(void *dom, ptf_u64 iova, ptf_u64 size,
		    const struct ptf_drm_bo *layout, ptf_u64 bo_offset,
		    unsigned int flags)
{
	struct ptf_panfrost *pp = dom;
	struct ptf_bo *b = NULL;
	struct panfrost_gem_object *bo;
	int ret = 0;

	for (int i = 0; i < PTF_PANFROST_MAX_BOS && !b; i++)
		if (!pp->bos[i].open)
			b = &pp->bos[i];
	if (!b || size > SZ_16M || bo_offset || !layout->run)
		return -EINVAL;
	memset(b, 0, sizeof(*b));
	bo_pages(b, layout);
	bo = &b->bo;
	bo->base.base = (struct drm_gem_object){
		.dev = &pp->pfdev.base, .size = size, .filp = &b->file,
	};
	bo->base.base.resv = &bo->base.base._resv;
	mutex_init(&bo->base.base._resv.lock);
	bo->noexec = !!(flags & PANFROST_BO_NOEXEC);
	bo->is_heap = !!(flags & PANFROST_BO_HEAP);
	INIT_LIST_HEAD(&b->mapping.node);
	kref_init(&b->mapping.refcount);
	b->mapping.obj = bo;
	b->mapping.mmu = panfrost_mmu_ctx_get(pp->mmu);
	b->mapping.mmnode = (struct drm_mm_node){
		.start = iova >> PAGE_SHIFT, .size = size >> PAGE_SHIFT,
		.color = bo->noexec ? PANFROST_BO_NOEXEC : 0,
	};
	spin_lock(&pp->mmu->mm_lock);
	list_add_tail(&b->mapping.mmnode.node_list, &pp->mmu->mm.node_list);
	spin_unlock(&pp->mmu->mm_lock);
	b->open = true;
	if (!bo->is_heap)
		ret = panfrost_mmu_map(&b->mapping);
	if (ret)
		bo_close(pp, b);
	return ret;
}

/*
 * panfrost_gem_close() of the BO's last handle: its mapping's release
 * (panfrost_gem_teardown_mapping(): panfrost_mmu_unmap() if it is active,
 * the node removed, the context put), then the object's.
 */
static void bo_close(struct ptf_panfrost *pp, struct ptf_bo *b)
{
	if (b->mapping.active)
		panfrost_mmu_unmap(&b->mapping);
	spin_lock(&pp->mmu->mm_lock);
	list_del(&b->mapping.mmnode.node_list);
	spin_unlock(&pp->mmu->mm_lock);
	panfrost_mmu_ctx_put(b->mapping.mmu);
	WARN(!refcount_dec_and_test(&b->mapping.refcount.refcount),
	     "panfrost: a mapping released with references left");
	bo_free(b);
	b->open = false;
}

static void ptf_unbind(void *dom, ptf_u64 iova, ptf_u64 size)
{
	struct ptf_panfrost *pp = dom;
	struct ptf_bo *b = bo_at(pp, iova);

	if (b)
		bo_close(pp, b);
}

/* What the page table lost without the driver knowing: unmap_pages(). */
static ptf_u64 ptf_desync(void *dom, ptf_u64 iova, ptf_u64 pgsize,
			  ptf_u64 pgcount)
{
	struct io_pgtable_ops *ops = vm_ops(dom);

	return ops->unmap_pages(ops, iova, pgsize, pgcount, NULL);
}

/*
 * A translation fault at @addr in the context's address space, as the MMU
 * IRQ thread hands it over: panfrost_mmu_map_fault_addr(), while a job
 * holds the AS (panfrost_mmu_as_get()/_put()).
 */
static int ptf_fault(void *dom, ptf_u64 addr)
{
	struct ptf_panfrost *pp = dom;
	int as = panfrost_mmu_as_get(&pp->pfdev, pp->mmu), ret;

	ret = panfrost_mmu_map_fault_addr(&pp->pfdev, as, addr);
	panfrost_mmu_as_put(&pp->pfdev, pp->mmu);
	return ret;
}

static void ptf_state(void *dom, struct ptf_drm_state *st)
{
	*st = (struct ptf_drm_state){ 0 };
}

const struct ptf_drm_ops ptf_drm_driver = {
	.bind	= ptf_bind,
	.unbind	= ptf_unbind,
	.desync	= ptf_desync,
	.fault	= ptf_fault,
	.state	= ptf_state,
};
