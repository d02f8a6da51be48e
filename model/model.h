/* SPDX-License-Identifier: GPL-2.0 */
/*
 * model.h - an independent reference model of an IOMMU domain.
 *
 * The model knows nothing of page-table layouts: it holds the leaves a
 * domain must contain (IOVA range, physical address, protection, dirty) and
 * the contract of the iommu API - which leaves iommu_map() makes, what
 * iommu_unmap() removes and returns, what a lookup must see.  For an op
 * inside the contract it predicts the result exactly; for one outside it
 * says so, and the engine then only requires both kernels to agree and
 * adopts what they did.
 *
 * Plain C on purpose: no kernel header, no code shared with the kernel.
 */
#ifndef PTF_MODEL_H
#define PTF_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* iommu prot bits the model interprets (same values as IOMMU_READ/WRITE). */
#define MODEL_PROT_READ		(1 << 0)
#define MODEL_PROT_WRITE	(1 << 1)

struct pt_leaf {
	uint64_t iova;		/* naturally aligned to size */
	uint64_t size;		/* a power of two */
	uint64_t phys;		/* aligned to size */
	int prot;		/* IOMMU_* prot bits */
	bool dirty;
};

/* Whose implementation of the iommu API the domain has. */
enum model_family {
	/*
	 * io-pgtable behind the core: iommu_pgsize() chunks, map_pages and
	 * unmap_pages, leaves never split (a chunk inside one unmaps nothing).
	 */
	MODEL_IO_PGTABLE,
	/*
	 * generic_pt's range ops (pt_iommu_ops.map_range/unmap_range): the
	 * table picks the leaves; unmap removes whole leaves from a leaf
	 * start up to the first hole, never splitting; -EADDRINUSE over live
	 * leaves; a PT_FEAT_DYNAMIC_TOP table grows its top to fit a map.
	 */
	MODEL_GENERIC_PT,
};

#define MODEL_MAX_LEVELS	8

/* How a family of page tables implements the parts the API leaves open. */
struct model_rules {
	enum model_family family;
	/*
	 * Leaf sizes: the core picks them (iommu_pgsize(): the largest size
	 * the alignment of iova and pa and the remaining length allow), or the
	 * page table does (generic_pt), with the same rule over its sizes.
	 */
	uint64_t pgsize_bitmap;
	/* Valid IOVAs are [va_first, va_last]; PAs are below pa_limit. */
	uint64_t va_first, va_last;
	uint64_t pa_limit;
	/*
	 * Sign extension (generic_pt PT_FEAT_SIGN_EXTEND): [upper_first, ~0]
	 * is valid too, and no range may span both halves.  0: none.
	 */
	uint64_t upper_first;
	/* A map whose prot has neither READ nor WRITE fails with -EINVAL. */
	bool map_needs_rw;
	/* generic_pt: prot bits the format insists on (else -EINVAL). */
	int map_prot_required;
	/*
	 * generic_pt PT_FEAT_DYNAMIC_TOP: the table starts topped at
	 * top_level and each map grows it until [0, 2^top_span_lg2[top])
	 * holds the range and the first leaf is smaller than that span; no
	 * further than max_top_level, nor to a level whose items already span
	 * max_vasz_lg2 bits (-ERANGE).
	 */
	bool dynamic_top;
	unsigned int top_level, max_top_level, max_vasz_lg2;
	uint8_t top_span_lg2[MODEL_MAX_LEVELS];
	/* A new writable leaf starts dirty (ARM HD: DBM set, AP[2] clear). */
	bool dirty_on_map;
	/* Leaves record dirty state at all. */
	bool tracks_dirty;
	/*
	 * io-pgtable-arm and -v7s once split a block to unmap part of it
	 * (arm_lpae_split_blk_unmap(), arm_v7s_split_blk_unmap()): such an
	 * unmap is not predicted, only agreed on by the twins.
	 */
	bool unmap_splits_blocks;
	/*
	 * The driver unmaps a hole page by page, making the tables for it,
	 * and returns the whole size (s390-iommu, whose leaves are all one
	 * page): an unmap inside the window is exact, holes or not.  One
	 * over holes of more than MODEL_LEAF_BUDGET pages is work without
	 * bound, and not run.
	 */
	bool unmap_fills_holes;
};

enum model_verdict {
	MODEL_EXACT,		/* in contract: result and state predicted */
	MODEL_UNKNOWN,		/* outside the contract: no prediction */
	MODEL_OVER_BUDGET,	/* would exceed the leaf budget: not run */
	MODEL_UNCHECKED,	/* the kernel checks only part of it: not run */
};

struct model {
	struct model_rules rules;
	struct pt_leaf *leaves;	/* sorted by iova, never overlapping */
	size_t nr, cap;
	unsigned int top_level;	/* generic_pt: the table's top now */
};

#define MODEL_LEAF_BUDGET	4096	/* leaves one op may create */
#define MODEL_TOTAL_BUDGET	16384	/* leaves a domain may hold */

void model_init(struct model *m, const struct model_rules *rules);
void model_free(struct model *m);

/*
 * iommu_map(iova, pa, size, prot).  On MODEL_EXACT, *ret is what the call
 * must return, and with @apply the model then holds the result.  Nothing
 * changes otherwise.
 */
enum model_verdict model_map(struct model *m, uint64_t iova, uint64_t pa,
			     uint64_t size, int prot, int *ret, bool apply);

/*
 * iommu_unmap(iova, size).  On MODEL_EXACT, *ret is the byte count the call
 * must return (less than @size if it stops at a leaf it would split), and
 * with @apply the model then holds the result.  MODEL_OVER_BUDGET: not to
 * be run (rules.unmap_fills_holes).
 */
enum model_verdict model_unmap(struct model *m, uint64_t iova, uint64_t size,
			       uint64_t *ret, bool apply);

/* The leaf translating @iova, if any. */
const struct pt_leaf *model_lookup(const struct model *m, uint64_t iova);

/* Leaves intersecting [lo, hi] (inclusive), in order. */
size_t model_leaves_in(const struct model *m, uint64_t lo, uint64_t hi,
		       const struct pt_leaf **first);

/* True if leaves cover every IOVA of [lo, hi] (edges may cut through leaves). */
bool model_covers(const struct model *m, uint64_t lo, uint64_t hi);

/*
 * Smallest window containing [lo, hi] and every leaf intersecting it: the
 * part of the domain an op on [lo, hi] can have touched.
 */
void model_widen(const struct model *m, uint64_t *lo, uint64_t *hi);

/* Replace the state in [lo, hi] by @leaves (all inside it). */
void model_adopt(struct model *m, uint64_t lo, uint64_t hi,
		 const struct pt_leaf *leaves, size_t nr);

/*
 * The leaves iommu_map() would make for [iova, iova + size) -> pa, by the
 * rule in struct model_rules.  At most @max are planned (and stored if @out
 * is set); the count is returned, and max + 1 means "more than @max".
 */
size_t model_plan(const struct model_rules *rules, uint64_t iova,
		  uint64_t pa, uint64_t size, int prot, struct pt_leaf *out,
		  size_t max);

/* True if [iova, iova + size) is IOVA the domain can translate now. */
bool model_in_aperture(const struct model *m, uint64_t iova, uint64_t size);

/* An op the model could not predict grew the table's top to @level. */
void model_set_top(struct model *m, unsigned int level);

/* A device wrote at @iova: mark its leaf dirty if it is writable. */
bool model_device_write(struct model *m, uint64_t iova);

/* Dirty leaves intersecting [iova, iova + size); cleared unless @no_clear. */
size_t model_read_dirty(struct model *m, uint64_t iova, uint64_t size,
			bool no_clear, struct pt_leaf *out, size_t max);

/* Bytes of IOVA mapped in total. */
uint64_t model_mapped_bytes(const struct model *m);

#endif /* PTF_MODEL_H */
