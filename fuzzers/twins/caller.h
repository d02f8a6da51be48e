/* SPDX-License-Identifier: GPL-2.0 */
/*
 * caller.h - the plain-C face of one tree's callers: VFIO type1 and iommufd,
 * with the fake processes whose memory they pin and the IOMMU groups whose
 * domains they fill.
 *
 * A caller twin links the tree's vfio_iommu_type1.c and iommufd (pages.c,
 * io_pagetable.c, ioas.c, and the helpers extracted from main.c, device.c
 * and hw_pagetable.c) with both page-table families (fuzzers/twins/
 * iopgtable.c, genpt.c) and the iommu core of the same tree.  Like twin.h,
 * only plain C types cross this header.
 */
#ifndef PTF_CALLER_H
#define PTF_CALLER_H

#include "twin.h"

/*
 * User RAM: the physical pages the fake processes' memory is made of, a
 * range of pfns with struct pages (pfn_valid()).  Page tables live in the
 * runtime's arena, elsewhere.  PFNMAP memory (an MMIO BAR) is at
 * PTF_USER_MMIO_PFN and up: no struct pages there.
 */
#define PTF_USER_RAM_PFN	0x100000UL	/* 4 GiB */
#define PTF_USER_RAM_PAGES	0x100000UL	/* 4 GiB of RAM */
#define PTF_USER_MMIO_PFN	0x4000000UL	/* 256 GiB */
#define PTF_USER_MMIO_PAGES	0x100000UL

#define PTF_NR_PROCS		2
#define PTF_NR_GROUPS		4
#define PTF_MAX_VMAS		16

/* A VMA of a fake process: its pages and the pfns behind them. */
#define PTF_VMA_READ		(1u << 0)
#define PTF_VMA_WRITE		(1u << 1)
#define PTF_VMA_PFNMAP		(1u << 2)	/* VM_IO | VM_PFNMAP, no struct pages */

struct ptf_user_vma {
	ptf_u64 start, size;		/* page aligned */
	ptf_u64 pfn;			/* of the first page */
	/*
	 * Page i is pfn + (i / run) * stride + i % run: runs of @run
	 * physically contiguous pages, @stride pfns apart (run == stride:
	 * all contiguous).
	 */
	ptf_u64 run, stride;
	unsigned int flags;		/* PTF_VMA_* */
};

/* A fake process: its limits, as the input chose them. */
struct ptf_user_proc {
	ptf_u64 memlock;		/* RLIMIT_MEMLOCK, bytes */
	int ipc_lock;			/* CAP_IPC_LOCK */
	int rawio;			/* CAP_SYS_RAWIO */
};

/* What a process holds, for the oracles (counts above its own). */
struct ptf_user_state {
	long mm_users, mm_count;	/* mmget, mmgrab beyond the process's */
	long task_refs, user_refs;	/* get_task_struct, get_uid */
	ptf_u64 locked_vm;		/* mm->locked_vm, pages */
	ptf_u64 pinned_vm;		/* mm->pinned_vm, pages */
	ptf_u64 user_locked_vm;		/* user->locked_vm, pages */
	int files;			/* open files of the process */
	long total_pins;		/* of all user pages (not per process) */
};

/* An IOMMU group: one device behind an IOMMU with this page-table config. */
struct ptf_group_config {
	const struct ptf_twin_ops *family;	/* this twin's iopgtable or genpt */
	struct ptf_pt_config pt;
	int isolated_msi;		/* iommu_group_has_isolated_msi() */
	ptf_u64 resv_start, resv_size;	/* a reserved region, or size 0 */
	int resv_type;			/* PTF_RESV_* */
	int dirty_tracking;		/* the IOMMU can track dirty pages */
};

#define PTF_RESV_DIRECT		0
#define PTF_RESV_RESERVED	1
#define PTF_RESV_MSI		2
#define PTF_RESV_SW_MSI		3

/* A VFIO emulated (mdev) device's pin: what it was given. */
#define PTF_PIN_MAX		64

struct ptf_caller_ops {
	const char *tree;
	int has_length;
	/*
	 * vfio_unmap_unpin() starts a run from the lookup that ended the
	 * one before (patches/followups/): one lookup per IOPTE.
	 */
	int vfio_keeps_probe;

	/* Processes, memory, files ------------------------------------------- */

	/* Forget everything of the previous input; the memory is zeroed. */
	void (*reset)(void);
	void (*set_proc)(int proc, const struct ptf_user_proc *p);
	/* Make @proc the current process. */
	void (*switch_proc)(int proc);
	/* 0, or -EINVAL for a VMA the fake address space cannot hold. */
	int (*mmap)(int proc, const struct ptf_user_vma *vma);
	/*
	 * The harness's own access to a process's memory (the uAPI structs it
	 * hands to an ioctl, the results it reads back): bytes not copied.
	 */
	ptf_u64 (*user_write)(int proc, ptf_u64 uva, const void *buf,
			      ptf_u64 len);
	ptf_u64 (*user_read)(int proc, ptf_u64 uva, void *buf, ptf_u64 len);
	/* The pin count of a user pfn; -1 for a pfn with no struct page. */
	long (*pins)(ptf_u64 pfn);
	long (*pins_sum)(ptf_u64 pfn, ptf_u64 n);
	/* Whether the page at @pfn was marked dirty, and forget it. */
	int (*page_dirty)(ptf_u64 pfn, int clear);
	void (*state)(int proc, struct ptf_user_state *st);

	/* IOMMU groups ---------------------------------------------------------- */

	void (*group_config)(int group, const struct ptf_group_config *cfg);
	/*
	 * The family domain (a fuzzers/twins/ handle for the family's ops)
	 * the group is attached to now, or NULL.
	 */
	void *(*group_domain)(int group);
	/* Domains allocated and not freed; groups attached. */
	int (*live_domains)(void);
	int (*attached_groups)(void);

	/* VFIO type1 ----------------------------------------------------------- */

	/* vfio_iommu_type1_open(): the container, or NULL with *err. */
	void *(*vfio_open)(unsigned long type, long *err);
	void (*vfio_release)(void *container);
	long (*vfio_ioctl)(void *container, unsigned int cmd, ptf_u64 arg);
	int (*vfio_attach)(void *container, int group, int emulated);
	void (*vfio_detach)(void *container, int group);
	/*
	 * The emulated device of @group (registered for dma_unmap at attach):
	 * vfio_pin_pages() of npage pages at iova, their pfns in @pfns; 0 or
	 * -errno.  On dma_unmap it unpins what it holds in the range.
	 */
	int (*vfio_pin)(void *container, int group, ptf_u64 iova, int npage,
			int prot, ptf_u64 *pfns);
	void (*vfio_unpin)(void *container, int group, ptf_u64 iova,
			   int npage);
	int (*vfio_dma_rw)(void *container, ptf_u64 iova, void *data,
			   ptf_u64 len, int write);

	/* iommufd ------------------------------------------------------------- */

	/*
	 * Open /dev/iommu in the current process: its fd, or -errno.  The
	 * other process has the file at the same number (passed to it).
	 */
	int (*iommufd_open)(void);
	long (*iommufd_ioctl)(int fd, unsigned int cmd, ptf_u64 arg);
	/* close() in every process: the last reference releases the context. */
	void (*iommufd_close)(int fd);
	/*
	 * A paging domain for @group's device, added to IOAS @ioas_id as a
	 * hwpt_paging object: its id in *hwpt_id; 0 or -errno.
	 */
	int (*iommufd_attach)(int fd, int group, unsigned int ioas_id,
			      int dirty, unsigned int *hwpt_id);
	/* IOMMU_DESTROY of the hwpt, and the group's device detached. */
	int (*iommufd_detach)(int fd, int group, unsigned int hwpt_id);
	/* An access (an emulated device) on IOAS @ioas_id: index, or -errno. */
	int (*access_create)(int fd, unsigned int ioas_id);
	void (*access_destroy)(int access);
	int (*access_pin)(int access, ptf_u64 iova, ptf_u64 len, int write,
			  ptf_u64 *pfns);
	void (*access_unpin)(int access, ptf_u64 iova, ptf_u64 len);
	int (*access_rw)(int access, ptf_u64 iova, void *data, ptf_u64 len,
			 unsigned int flags);
	/* iommufd_should_fail(): fail its @nth call from now (0: none). */
	void (*should_fail_nth)(unsigned int nth);
	int (*should_fail_delivered)(void);
};

#endif /* PTF_CALLER_H */
