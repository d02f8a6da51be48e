/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drm.h - the plain-C face of a GPU driver's MMU code on io-pgtable
 * (panthor's and panfrost's VMs), beside its struct ptf_twin_ops (create,
 * destroy, info and the io-pgtable lookups the driver itself makes).  Like
 * twin.h, only plain C types cross this header.
 */
#ifndef PTF_DRM_H
#define PTF_DRM_H

#include "twin.h"

/*
 * A BO's pages as the GEM/shmem layer hands them over: @size bytes from
 * @pa, in physically contiguous runs of @run bytes, @stride bytes apart
 * (run == stride: one contiguous range).  One scatterlist entry per run.
 */
struct ptf_drm_bo {
	ptf_u64 pa, size, run, stride;
};

/* The VM's state after an op, for the oracles. */
struct ptf_drm_state {
	int unusable;			/* vm->unusable */
	int locked;			/* vm->locked_region.size != 0 */
};

struct ptf_drm_ops {
	/*
	 * VM_BIND map, as the bind job runs it: the op context preallocates
	 * the page tables (panthor_vm_op_ctx_prealloc_pts()), the region is
	 * locked, the BO's pages from @bo_offset are mapped at [iova, iova +
	 * size) (panthor_vm_map_pages()), the region unlocked and the unused
	 * tables returned.  DRM_PANTHOR_VM_BIND_OP_MAP_* @flags.
	 */
	int (*bind)(void *dom, ptf_u64 iova, ptf_u64 size,
		    const struct ptf_drm_bo *bo, ptf_u64 bo_offset,
		    unsigned int flags);
	/* VM_BIND unmap of [iova, iova + size): panthor_vm_unmap_pages(). */
	void (*unbind)(void *dom, ptf_u64 iova, ptf_u64 size);
	/*
	 * What the VM's page table lost without the VM knowing (the
	 * drm_gpuvm and the page table out of sync, the case
	 * panthor_vm_unmap_pages()'s recovery loop is for): io-pgtable's
	 * unmap_pages(iova, pgsize, pgcount).  Bytes unmapped.
	 */
	ptf_u64 (*desync)(void *dom, ptf_u64 iova, ptf_u64 pgsize,
			  ptf_u64 pgcount);
	/*
	 * A GPU translation fault at @addr, handled as the MMU's IRQ thread
	 * does (panfrost grows its heap BOs so): 0 or -errno.  NULL: the
	 * driver maps nothing on a fault.
	 */
	int (*fault)(void *dom, ptf_u64 addr);
	void (*state)(void *dom, struct ptf_drm_state *st);
};

#endif /* PTF_DRM_H */
