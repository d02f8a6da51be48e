// SPDX-License-Identifier: GPL-2.0
/*
 * panthor's VM as the tree has it, on io-pgtable: the page-table half of
 * panthor_mmu.c, taken by name (the file needs drm_gpuvm, drm_sched, the
 * GEM/shmem layer, the firmware and the job scheduler, none of which the
 * series touches).
 *
 * What runs is the driver's: panthor_mmu_info_init() gives the page sizes,
 * panthor_vm_create() builds the io_pgtable_cfg (ARM_64_LPAE_S1, IAS/OAS
 * from the GPU's MMU_FEATURES, coherency, the driver's own table allocator
 * alloc_pt()/free_pt() over the pt_cache of panthor_mmu_pt_cache_init())
 * and allocates the tables; a VM_BIND map goes through
 * panthor_vm_op_ctx_prealloc_pts() (the driver's worst-case count of page
 * tables), panthor_vm_lock_region(), panthor_vm_map_pages() (get_pgsize()
 * and io-pgtable's map_pages()), panthor_vm_unlock_region() and
 * panthor_vm_cleanup_op_ctx(); an unmap is panthor_vm_unmap_pages(), whose
 * recovery loop patch 0028 converts to iova_to_phys_length();
 * panthor_vm_free() tears the VM down.
 *
 * What is ours: the DRM objects around the VM (the drm_device, the
 * scheduler, the gpuvm, the VM's dummy GEM), which the extracted code only
 * initialises and releases, and which check that it does so in pairs; the
 * BO's scatterlist.  The VM never gets an address space (no job runs on
 * it), so the AS registers are never written: the functions behind them
 * are the stop list, and reaching one is a harness error.
 *
 * ptf-extract: MAX_AS_SLOTS pt_cache panthor_vm panthor_vm_op_ctx
 * ptf-extract: panthor_mmu panthor_as_slot
 * ptf-extract: panthor_mmu_info_init panthor_mmu_pt_cache_init
 * ptf-extract: panthor_mmu_pt_cache_fini panthor_vm_create panthor_vm_free
 * ptf-extract: panthor_vm_op_ctx_prealloc_pts panthor_vm_cleanup_op_ctx
 * ptf-extract: panthor_vm_lock_region panthor_vm_unlock_region
 * ptf-extract: panthor_vm_map_pages panthor_vm_unmap_pages flags_to_prot
 * ptf-extract-stop: panthor_vm_bind_ops panthor_gpuvm_ops
 * ptf-extract-stop: panthor_mmu_as_disable as_send_cmd_and_wait
 * ptf-extract-stop: panthor_gpu_flush_caches panthor_device_schedule_reset
 * ptf-extract-stop: pack_region_range
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/kmemleak.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <generated/utsrelease.h>
#include <uapi/drm/panthor_drm.h>

#include "../gpu/drm/panthor/panthor_gpu_regs.h"
#include "../gpu/drm/panthor/panthor_mmu_regs.h"
#include "drm.h"
#include "ptf-devices.h"
#include "twin.h"

/* The DRM objects the VM embeds or points at ------------------------------- */

/*
 * Each stand-in below counts what was initialised and not yet released:
 * the twin's teardown finds them all back at 0, or WARNs.
 */
static struct {
	int sched, entity, gpuvm, mm, gems;
} live;

struct drm_device {
	struct device *dev;
	struct mutex gem_lru_mutex;
};

struct drm_gem_object {
	refcount_t refcount;
};

struct panthor_gem_object {
	struct drm_gem_object base;
};

struct drm_gpuvm_bo;

/* The bind jobs and the gpuvm's callbacks are never run (see below). */
struct drm_sched_backend_ops {
	int ptf_unused;
};

struct drm_gpuvm_ops {
	int ptf_unused;
};

struct panthor_heap_pool;
struct workqueue_struct;

struct drm_gpuvm {
	const char *name;
	u64 mm_start, mm_range;
	struct drm_gem_object *r_obj;
};

struct drm_gpu_scheduler {
	bool ready;
};

struct drm_sched_entity {
	bool ready;
};

struct drm_mm {
	u64 start, size;
};

struct drm_gem_lru {
	struct list_head list;
};

struct panthor_irq {
	u32 mask;
};

struct drm_sched_init_args {
	const struct drm_sched_backend_ops *ops;
	struct workqueue_struct *submit_wq;
	u32 num_rqs;
	u32 credit_limit;
	long timeout;
	const char *name;
	struct device *dev;
};

struct panthor_device {
	struct drm_device base;
	struct panthor_mmu *mmu;
	bool coherent;
	struct drm_panthor_gpu_info gpu_info;
	struct drm_panthor_mmu_info mmu_info;
};

#define MAX_SCHEDULE_TIMEOUT		LONG_MAX
#define DRM_GPUVM_RESV_PROTECTED	(1u << 0)
#define DRM_GPUVM_IMMEDIATE_MODE	(1u << 1)

#define drm_WARN_ON(drm, x)		({ (void)(drm); WARN_ON(x); })
#define drm_WARN_ON_ONCE(drm, x)	({ (void)(drm); WARN_ON_ONCE(x); })
#define drm_dbg(drm, fmt, ...)		({ (void)(drm); no_printk(fmt, ##__VA_ARGS__); })
#define drm_err(drm, fmt, ...)		pr_err(fmt, ##__VA_ARGS__)

static struct drm_gem_object *drm_gpuvm_resv_object_alloc(struct drm_device *drm)
{
	struct drm_gem_object *obj = kzalloc_obj(*obj);

	if (obj) {
		refcount_set(&obj->refcount, 1);
		live.gems++;
	}
	return obj;
}

static void drm_gem_object_put(struct drm_gem_object *obj)
{
	if (obj && refcount_dec_and_test(&obj->refcount)) {
		live.gems--;
		kfree(obj);
	}
}

static void drm_mm_init(struct drm_mm *mm, u64 start, u64 size)
{
	*mm = (struct drm_mm){ .start = start, .size = size };
	live.mm++;
}

static void drm_mm_takedown(struct drm_mm *mm)
{
	WARN(!live.mm--, "drm_mm_takedown() of a drm_mm never initialised");
}

static void drm_gem_lru_init(struct drm_gem_lru *lru)
{
	INIT_LIST_HEAD(&lru->list);
}

static int drm_sched_init(struct drm_gpu_scheduler *sched,
			  const struct drm_sched_init_args *args)
{
	WARN(sched->ready, "drm_sched_init() twice");
	sched->ready = true;
	live.sched++;
	return 0;
}

static void drm_sched_fini(struct drm_gpu_scheduler *sched)
{
	WARN(!sched->ready, "drm_sched_fini() of a scheduler never initialised");
	sched->ready = false;
	live.sched--;
}

static int drm_sched_entity_init(struct drm_sched_entity *entity, int prio,
				 struct drm_gpu_scheduler **list,
				 unsigned int n, atomic_t *guilty)
{
	WARN(!n || !list[0]->ready, "an entity on no initialised scheduler");
	entity->ready = true;
	live.entity++;
	return 0;
}

static void drm_sched_entity_destroy(struct drm_sched_entity *entity)
{
	WARN(!entity->ready, "drm_sched_entity_destroy() of an entity never initialised");
	entity->ready = false;
	live.entity--;
}

/* No GPU reset is ever in progress here: the scheduler is never stopped. */
static void drm_sched_stop(struct drm_gpu_scheduler *sched, void *bad)
{
	WARN(1, "drm_sched_stop(): no reset is in progress");
}

static void drm_sched_start(struct drm_gpu_scheduler *sched, int errno)
{
	WARN(1, "drm_sched_start(): no reset is in progress");
}

static void drm_gpuvm_init(struct drm_gpuvm *gpuvm, const char *name,
			   u32 flags, struct drm_device *drm,
			   struct drm_gem_object *r_obj, u64 start, u64 range,
			   u64 reserve_offset, u64 reserve_range,
			   const struct drm_gpuvm_ops *ops)
{
	*gpuvm = (struct drm_gpuvm){ .name = name, .mm_start = start,
				     .mm_range = range, .r_obj = r_obj };
	/* The gpuvm holds the dummy GEM from here on. */
	refcount_inc(&r_obj->refcount);
	live.gpuvm++;
}

static bool drm_dev_enter(struct drm_device *drm, int *idx)
{
	*idx = 0;
	return true;
}

static void drm_dev_exit(int idx)
{
}

/* No BO or vm_bo is ever attached to an op context here. */
static void drm_gpuvm_bo_put_deferred(struct drm_gpuvm_bo *vm_bo)
{
	WARN(1, "drm_gpuvm_bo_put_deferred(): no vm_bo was attached");
}

static void drm_gpuvm_bo_deferred_cleanup(struct drm_gpuvm *gpuvm)
{
}

static void panthor_gem_unpin(struct panthor_gem_object *bo)
{
	WARN(1, "panthor_gem_unpin(): no BO was attached");
}

static void panthor_heap_pool_destroy(struct panthor_heap_pool *pool)
{
	WARN(1, "panthor_heap_pool_destroy(): no heap pool was created");
}

/*
 * The stop list.  The bind jobs and the gpuvm's callbacks are never run
 * (the ops call the page-table functions themselves); behind the rest is
 * an AS the VM never gets.
 */
static const struct drm_sched_backend_ops panthor_vm_bind_ops;
static const struct drm_gpuvm_ops panthor_gpuvm_ops;

static int panthor_mmu_as_disable(struct panthor_device *ptdev, u32 as_nr,
				  bool recycle_slot)
{
	ptf_rt_fatal("harness", "panthor: AS%u disabled, but no AS is ever assigned", as_nr);
	return 0;
}

static int as_send_cmd_and_wait(struct panthor_device *ptdev, u32 as_nr, u32 cmd)
{
	ptf_rt_fatal("harness", "panthor: AS command %u, but no AS is ever assigned", cmd);
	return 0;
}

static u64 pack_region_range(struct panthor_device *ptdev, u64 *region_start,
			     u64 *size)
{
	ptf_rt_fatal("harness", "panthor: AS region lock, but no AS is ever assigned");
	return 0;
}

static int panthor_gpu_flush_caches(struct panthor_device *ptdev, u32 l2,
				    u32 lsc, u32 other)
{
	ptf_rt_fatal("harness", "panthor: cache flush, but no AS is ever assigned");
	return 0;
}

static void panthor_device_schedule_reset(struct panthor_device *ptdev)
{
	ptf_rt_fatal("harness", "panthor: GPU reset, but no AS is ever assigned");
}

#define gpu_write64(iomem, reg, val)	\
	ptf_rt_fatal("harness", "panthor: AS register write, but no AS is ever assigned")

#include PTF_DRIVER_EXTRACT

/* The twin ---------------------------------------------------------------- */

#define PANTHOR_GPU_SIZE	0x4000

struct ptf_panthor {
	struct panthor_device ptdev;
	struct panthor_mmu mmu;
	struct device *dev;
	struct panthor_vm *vm;
	struct ptf_twin_stats stats;
	phys_addr_t (*tree_length)(struct io_pgtable_ops *ops, unsigned long iova,
				   size_t *length);
};

/* One VM per twin at a time. */
static struct ptf_panthor the;

void ptf_devices_reset(void);

static struct io_pgtable_ops *vm_ops(struct ptf_panthor *pp)
{
	return pp->vm->pgtbl_ops;
}

/*
 * The registers the GPU walks with: AS_TRANSTAB and AS_MEMATTR as
 * panthor_vm_active() programs them, from the io_pgtable_cfg (TTBR, and
 * the MAIR whose attributes mair_to_memattr() translates).
 */
static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_panthor *pp = dom;
	struct io_pgtable *iop = io_pgtable_ops_to_pgtable(vm_ops(pp));
	const struct io_pgtable_cfg *cfg = &iop->cfg;

	*info = (struct ptf_pt_info){
		.pgsize_bitmap	= cfg->pgsize_bitmap,
		.ias		= cfg->ias,
		.oas		= cfg->oas,
		.va_first	= 0,
		.va_last	= pp->vm->base.mm_range - 1,
		.unmap_splits_blocks = PTF_LPAE_SPLITS_BLOCKS,
	};
	info->regs[0] = cfg->arm_lpae_s1_cfg.ttbr;
	info->regs[1] = cfg->arm_lpae_s1_cfg.tcr.tsz;
	info->regs[2] = cfg->arm_lpae_s1_cfg.tcr.tg;
	info->regs[3] = cfg->arm_lpae_s1_cfg.mair;
	info->regs[4] = pp->vm->memattr;
}

/*
 * The GPU's MMU_FEATURES (VA and PA bits) and its coherency, as
 * panthor_gpu_init() reads them; the driver's init order: the pt_cache
 * (module init), the MMU info, then a VM as panthor_vm_pool_create_vm()
 * makes one (the kernel VA range in the upper half, as Mesa asks).
 */
static void *ptf_create(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info)
{
	struct ptf_panthor *pp = &the;
	u64 full, kernel_start;
	struct panthor_vm *vm;

	memset(pp, 0, sizeof(*pp));
	memset(&live, 0, sizeof(live));
	ptf_devices_reset();
	/* The GPU, a DMA master of pa_bits, as panthor_gpu_init() sets it. */
	pp->dev = ptf_master_add("gpu");
	dma_set_mask_and_coherent(pp->dev, DMA_BIT_MASK(cfg->oas));
	pp->ptdev.base.dev = pp->dev;
	mutex_init(&pp->ptdev.base.gem_lru_mutex);
	pp->ptdev.mmu = &pp->mmu;
	mutex_init(&pp->mmu.as.slots_lock);
	mutex_init(&pp->mmu.vm.lock);
	INIT_LIST_HEAD(&pp->mmu.as.lru_list);
	INIT_LIST_HEAD(&pp->mmu.vm.list);
	pp->ptdev.gpu_info.mmu_features = cfg->ias | cfg->oas << 8;
	pp->ptdev.coherent = cfg->coherent_walk;
	if (cfg->fmt != PTF_FMT_DRIVER || panthor_mmu_pt_cache_init()) {
		ptf_devices_remove_all();
		return NULL;
	}
	panthor_mmu_info_init(&pp->ptdev);
	full = 1ULL << (cfg->ias & 0xff);
	kernel_start = full / 2;
	vm = panthor_vm_create(&pp->ptdev, cfg->variant & 1, kernel_start,
			       full - kernel_start, kernel_start,
			       full - kernel_start);
	if (IS_ERR(vm)) {
		panthor_mmu_pt_cache_fini();
		ptf_devices_remove_all();
		return NULL;
	}
	pp->vm = vm;
	ptf_info(pp, info);
	return pp;
}

static void ptf_destroy(void *dom)
{
	struct ptf_panthor *pp = dom;

	/*
	 * drm_gpuvm_put()'s last reference: drm_gpuvm_fini() drops the
	 * resv object, then the gpuvm's vm_free op.
	 */
	live.gpuvm--;
	drm_gem_object_put(pp->vm->base.r_obj);
	panthor_vm_free(&pp->vm->base);
	panthor_mmu_pt_cache_fini();
	ptf_devices_remove_all();
	WARN(live.sched || live.entity || live.gpuvm || live.mm || live.gems,
	     "panthor: VM torn down with DRM objects left: sched %d entity %d gpuvm %d mm %d gems %d",
	     live.sched, live.entity, live.gpuvm, live.mm, live.gems);
}

#define PTF_DRM_VM ptf_panthor
#include "drm-lookups.h"

/* The DRM ops -------------------------------------------------------------- */

/* A BO's pages as dma-mapped runs: one scatterlist entry per run. */
static int bo_sgt(const struct ptf_drm_bo *bo, struct sg_table *sgt)
{
	ptf_u64 n = bo->run ? DIV_ROUND_UP(bo->size, bo->run) : 0;

	if (!n || n > UINT_MAX)
		return -EINVAL;
	sgt->sgl = kzalloc_objs(*sgt->sgl, n);
	if (!sgt->sgl)
		return -ENOMEM;
	sg_init_table(sgt->sgl, n);
	for (ptf_u64 i = 0; i < n; i++) {
		sgt->sgl[i].dma_address = bo->pa + i * bo->stride;
		sgt->sgl[i].dma_length = min(bo->run, bo->size - i * bo->run);
	}
	sgt->nents = sgt->orig_nents = n;
	return 0;
}

static void bo_sgt_free(struct sg_table *sgt)
{
	kfree(sgt->sgl);
}

static int ptf_bind(void *dom, ptf_u64 iova, ptf_u64 size,
		    const struct ptf_drm_bo *bo, ptf_u64 bo_offset,
		    unsigned int flags)
{
	struct ptf_panthor *pp = dom;
	struct panthor_vm *vm = pp->vm;
	struct panthor_vm_op_ctx op_ctx = {
		.flags = DRM_PANTHOR_VM_BIND_OP_TYPE_MAP | flags,
		.va = { .addr = iova, .range = size },
	};
	struct sg_table sgt = { 0 };
	int ret;

	ret = bo_sgt(bo, &sgt);
	if (ret)
		return ret;
	ret = panthor_vm_op_ctx_prealloc_pts(&op_ctx);
	if (ret)
		goto out;
	mutex_lock(&vm->op_lock);
	vm->op_ctx = &op_ctx;
	ret = panthor_vm_lock_region(vm, iova, size);
	if (!ret) {
		ret = panthor_vm_map_pages(vm, iova, flags_to_prot(flags), &sgt,
					   bo_offset, size);
		panthor_vm_unlock_region(vm);
	}
	vm->op_ctx = NULL;
	mutex_unlock(&vm->op_lock);
out:
	panthor_vm_cleanup_op_ctx(&op_ctx, vm);
	bo_sgt_free(&sgt);
	return ret;
}

static void ptf_unbind(void *dom, ptf_u64 iova, ptf_u64 size)
{
	struct ptf_panthor *pp = dom;
	struct panthor_vm *vm = pp->vm;

	mutex_lock(&vm->op_lock);
	if (!panthor_vm_lock_region(vm, iova, size)) {
		panthor_vm_unmap_pages(vm, iova, size);
		panthor_vm_unlock_region(vm);
	}
	mutex_unlock(&vm->op_lock);
}

static ptf_u64 ptf_desync(void *dom, ptf_u64 iova, ptf_u64 pgsize,
			  ptf_u64 pgcount)
{
	struct io_pgtable_ops *ops = vm_ops(dom);

	return ops->unmap_pages(ops, iova, pgsize, pgcount, NULL);
}

static void ptf_state(void *dom, struct ptf_drm_state *st)
{
	struct ptf_panthor *pp = dom;

	st->unusable = pp->vm->unusable;
	st->locked = pp->vm->locked_region.size != 0;
}

const struct ptf_drm_ops ptf_drm_driver = {
	.bind	= ptf_bind,
	.unbind	= ptf_unbind,
	.desync	= ptf_desync,
	.state	= ptf_state,
};
