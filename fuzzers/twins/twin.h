/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twin.h - the plain-C face of one kernel page-table instance.
 *
 * A "twin" is the IOMMU core path of one kernel tree (iommu_map, iommu_unmap,
 * iommu_iova_to_phys, ...) over one page-table family, compiled against that
 * tree's headers.  The baseline twin comes from the tree without the series,
 * the candidate twin from the tree with it; both link into one binary with
 * their kernel symbols renamed apart, so this header is all they share with
 * the engine.  Only plain C types cross it.
 */
#ifndef PTF_TWIN_H
#define PTF_TWIN_H

/* LP64 hosts only: the same type as the engine's uint64_t and size_t. */
typedef unsigned long ptf_u64;
_Static_assert(sizeof(ptf_u64) == 8, "ptfuzz needs a 64-bit host");

/* Page-table formats, independent of any tree's enum values. */
enum ptf_fmt {
	PTF_FMT_ARM_32_LPAE_S1,
	PTF_FMT_ARM_32_LPAE_S2,
	PTF_FMT_ARM_64_LPAE_S1,
	PTF_FMT_ARM_64_LPAE_S2,
	PTF_FMT_ARM_V7S,
	PTF_FMT_ARM_MALI_LPAE,
	PTF_FMT_APPLE_DART,
	PTF_FMT_APPLE_DART2,
	PTF_NR_IOPGTABLE_FMTS,
	/* generic_pt (drivers/iommu/generic_pt/fmt/) */
	PTF_FMT_PT_AMDV1 = PTF_NR_IOPGTABLE_FMTS,
	PTF_FMT_PT_AMDV1_MOCK,
	PTF_FMT_PT_VTDSS,
	PTF_FMT_PT_X86_64,
	PTF_FMT_PT_RISCV64,
	/* A driver's own page table: the driver twin knows which. */
	PTF_FMT_DRIVER,
	PTF_NR_FMTS,
};

/* io-pgtable quirks, as ptfuzz names them; mapped to IO_PGTABLE_QUIRK_*. */
#define PTF_QUIRK_ARM_NS		(1u << 0)
#define PTF_QUIRK_NO_PERMS		(1u << 1)
#define PTF_QUIRK_ARM_MTK_EXT		(1u << 2)
#define PTF_QUIRK_ARM_MTK_TTBR_EXT	(1u << 3)
#define PTF_QUIRK_ARM_TTBR1		(1u << 4)
#define PTF_QUIRK_ARM_OUTER_WBWA	(1u << 5)
#define PTF_QUIRK_ARM_HD		(1u << 6)
#define PTF_QUIRK_ARM_S2FWB		(1u << 7)
#define PTF_QUIRK_NO_WARN		(1u << 8)

/* generic_pt features (enum pt_features), as ptfuzz names them. */
#define PTF_PT_DMA_INCOHERENT		(1u << 0)
#define PTF_PT_FULL_VA			(1u << 1)
#define PTF_PT_DYNAMIC_TOP		(1u << 2)
#define PTF_PT_SIGN_EXTEND		(1u << 3)
#define PTF_PT_FLUSH_RANGE		(1u << 4)
#define PTF_PT_FLUSH_RANGE_NO_GAPS	(1u << 5)
#define PTF_PT_DETAILED_GATHER		(1u << 6)
/* The format's own: AMDV1_ENCRYPT_TABLES, VTDSS_FORCE_COHERENCE, ... */
#define PTF_PT_FMT(n)			(1u << (7 + (n)))

/* iommu prot bits (IOMMU_READ, ...) have stable values: used as is. */
#define PTF_PROT_READ	(1 << 0)
#define PTF_PROT_WRITE	(1 << 1)
#define PTF_PROT_CACHE	(1 << 2)
#define PTF_PROT_NOEXEC	(1 << 3)
#define PTF_PROT_MMIO	(1 << 4)
#define PTF_PROT_PRIV	(1 << 5)

#define PTF_DIRTY_NO_CLEAR	(1 << 0)	/* IOMMU_DIRTY_NO_CLEAR */

struct ptf_pt_config {
	enum ptf_fmt fmt;
	unsigned int quirks;		/* io-pgtable: PTF_QUIRK_* */
	unsigned int features;		/* generic_pt: PTF_PT_* */
	unsigned int level;		/* generic_pt: starting/top level */
	ptf_u64 pgsize_bitmap;		/* as the driver asks (0: all) */
	unsigned int ias, oas;		/* generic_pt: hw_max_vasz/oasz_lg2 */
	int coherent_walk;
	/* Drivers: the hardware (per-SoC data, version register), per driver. */
	unsigned int variant;
	unsigned int instances;		/* IOMMU instances behind the master */
};

/* What the kernel made of a config: the values a driver would program. */
struct ptf_pt_info {
	ptf_u64 pgsize_bitmap;		/* domain->pgsize_bitmap */
	unsigned int ias, oas;		/* as restricted by the format */
	/* IOVAs a caller may use: domain->geometry, and a sign-extended upper half */
	ptf_u64 va_first, va_last, va_upper_first;
	unsigned int top_level;		/* generic_pt: the table's top now */
	int unmap_splits_blocks;	/* a partial unmap splits a block (6.1) */
	/*
	 * generic_pt before 7.3: record_dirty() reports a leaf from the
	 * walk's position (a window's start), not from the leaf's.
	 */
	int dirty_from_walk;
	ptf_u64 regs[6];		/* TTBR/TCR-like registers, per format */
};

#define PTF_NO_RECORDS	(~0UL)

/* One mapping as a driver records it apart from the device (see records). */
struct ptf_record {
	ptf_u64 iova, size, phys;
	int prot;			/* IOMMU_READ, IOMMU_WRITE, IOMMU_MMIO */
};

struct ptf_twin_stats {
	unsigned long walks;		/* calls into the lookup op */
	unsigned long map_calls;	/* calls into map_pages */
	unsigned long unmap_calls;	/* calls into unmap_pages */
	/*
	 * Calls a driver's own lookup makes into its io-pgtable's (software
	 * walks: arm-smmu and msm, which translate in hardware; soft-walks.h).
	 */
	unsigned long soft_walks;
};

/* What a driver's IOMMU fault handler did (see context_fault). */
struct ptf_fault_run {
	int irqret;			/* irqreturn_t: IRQ_NONE 0, IRQ_HANDLED 1 */
	int reports;			/* report_iommu_fault()s the core got */
	ptf_u64 iova;			/* ... the last one's IOVA */
	int flags;			/* ... and flags (IOMMU_FAULT_WRITE 1) */
};

struct ptf_twin_ops {
	const char *tree;		/* kernel release it was built from */
	int has_length;			/* iommu_iova_to_phys_length() exists */
	int debug_checks;		/* built with CONFIG_DEBUG_GENERIC_PT */

	/* NULL if the format refuses the config (or an allocation failed). */
	void *(*create)(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info);
	void (*destroy)(void *dom);

	/* iommu_map(): 0 or -errno.  @atomic selects GFP_ATOMIC. */
	int (*map)(void *dom, ptf_u64 iova, ptf_u64 pa, ptf_u64 size, int prot,
		   int atomic);
	/* iommu_unmap(): bytes unmapped. */
	ptf_u64 (*unmap)(void *dom, ptf_u64 iova, ptf_u64 size);
	/* iommu_unmap_fast() into the domain's pending gather ... */
	ptf_u64 (*unmap_fast)(void *dom, ptf_u64 iova, ptf_u64 size);
	/* ... which iommu_iotlb_sync() flushes. */
	void (*iotlb_sync)(void *dom);
	/* iommu_iova_to_phys(): 0 if there is no translation. */
	ptf_u64 (*iova_to_phys)(void *dom, ptf_u64 iova);
	/* iommu_iova_to_phys_length(); NULL when !has_length. */
	ptf_u64 (*iova_to_phys_length)(void *dom, ptf_u64 iova,
				       ptf_u64 *length);
	/*
	 * The same lookups through the master's identity domain (its
	 * driver's, or the one the core allocated as its default domain):
	 * iommu_iova_to_phys() into @legacy and, when has_length,
	 * iommu_iova_to_phys_length() into @phys and @length.  0 if the
	 * master has no identity domain; NULL if the family has no master.
	 */
	int (*identity_lookup)(void *dom, ptf_u64 iova, ptf_u64 *phys,
			       ptf_u64 *length, ptf_u64 *legacy);
	/*
	 * Dirty bits of [iova, iova + size) as iommufd reads them: one bit per
	 * @page_size in @bitmap, through the tree's iova_bitmap and the
	 * domain's read_and_clear_dirty; -EOPNOTSUPP without dirty tracking.
	 * NULL when the tree has no dirty tracking at all (before 6.7).
	 */
	int (*read_and_clear_dirty)(void *dom, ptf_u64 iova, ptf_u64 size,
				    unsigned long flags, ptf_u64 page_size,
				    ptf_u64 *bitmap);
	/* The registers as they are now (a table's top may grow). */
	void (*info)(void *dom, struct ptf_pt_info *info);
	void (*stats)(void *dom, struct ptf_twin_stats *stats);
	/*
	 * The struct iommu_domain of @dom, for the callers' glue in the same
	 * twin (fuzzers/twins/caller.h): kernel code gets the domain itself.
	 */
	void *(*kernel_domain)(void *dom);
	/*
	 * A driver that keeps its own record of the mappings, apart from
	 * what the device translates (virtio-iommu: an interval tree of its
	 * MAP requests): the records intersecting [lo, hi], in IOVA order,
	 * at most @max into @out; returns how many there are, or
	 * PTF_NO_RECORDS (as when NULL) if the driver keeps none.
	 */
	ptf_u64 (*records)(void *dom, ptf_u64 lo, ptf_u64 hi,
			   struct ptf_record *out, ptf_u64 max);
	/*
	 * The context fault interrupt of the domain's context bank, as the
	 * IRQ runs the driver's handler (the device model raised it); the
	 * domain's fault handler, the core's report_iommu_fault() reaches,
	 * returns -ENOSYS (no client handles it).  NULL: no handler taken.
	 */
	void (*context_fault)(void *dom, struct ptf_fault_run *run);
};

#endif /* PTF_TWIN_H */
