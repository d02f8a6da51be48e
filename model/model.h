/* SPDX-License-Identifier: GPL-2.0 */
/*
 * model.h - an independent reference model of an IOMMU domain.
 *
 * Two parts, kept apart:
 *
 *  - the iommu core's contract, here (model.c): what iommu_map() and
 *    iommu_unmap() do around the driver - the iommu_pgsize() chunks and
 *    their counts, the rollback of a map that failed, the stop at an
 *    unmap that came back short - or, for a domain with range ops
 *    (generic_pt), one call for the whole range and the same rollback;
 *
 *  - one page-table implementation's semantics, supplied by the target
 *    (struct model_impl): what ONE call of its map_pages()/unmap_pages()
 *    (or map_range()/unmap_range()) of a given size and count does to
 *    the table - which leaves it makes, what it returns over live leaves,
 *    over holes, over part of a block, which tables it allocates and
 *    frees, where it WARNs.
 *
 * The state is what a device could see: the leaves (IOVA range, physical
 * address, protection, dirty) and the table shape (which IOVA ranges have
 * a table of their own below the top), plus the allocations an op makes,
 * so that an injected allocation failure is predicted as exactly as
 * anything else.  Plain C on purpose: no kernel header, no code shared
 * with the kernel.
 */
#ifndef PTF_MODEL_H
#define PTF_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* iommu prot bits the model interprets (same values as IOMMU_READ/WRITE). */
#define MODEL_PROT_READ		(1 << 0)
#define MODEL_PROT_WRITE	(1 << 1)

/*
 * A leaf: naturally aligned, a power of two, unless the implementation
 * has a length() hook (struct model_impl): then any range aligned to the
 * smallest page size, at any PA so aligned (virtio-iommu's mappings).
 */
struct pt_leaf {
	uint64_t iova;
	uint64_t size;
	uint64_t phys;
	int prot;		/* IOMMU_* prot bits */
	bool dirty;
};

/* A table below the top: the IOVA range [iova, iova + 2^span_lg2) it translates. */
struct model_table {
	uint64_t iova;
	unsigned int span_lg2;
};

#define MODEL_MAX_LEVELS	8

/* What the core and every implementation need to know of the domain. */
struct model_rules {
	/* domain->pgsize_bitmap: the sizes iommu_pgsize() picks from. */
	uint64_t pgsize_bitmap;
	/* The domain's IOVA window [va_first, va_last] (its geometry). */
	uint64_t va_first, va_last;
	/* Sign extension (generic_pt PT_FEAT_SIGN_EXTEND): [upper_first, ~0] too. */
	uint64_t upper_first;
	/* PAs the format can hold are below pa_limit. */
	uint64_t pa_limit;
	/*
	 * generic_pt PT_FEAT_DYNAMIC_TOP: the table starts topped at
	 * top_level and grows (increase_top()) until [0, 2^top_span_lg2[top])
	 * holds a map's range and its first leaf is smaller than that span;
	 * no further than max_top_level, nor to a level whose items already
	 * span max_vasz_lg2 bits (-ERANGE).
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
	 * (arm_lpae_split_blk_unmap(), arm_v7s_split_blk_unmap(), before
	 * 6.2): their implementations model the split.  The twin says so
	 * (struct ptf_pt_info): a tree's design, probed from its sources.
	 */
	bool unmap_splits_blocks;
};

struct model;

/*
 * One page-table implementation, as the target describes it.  Each op
 * changes the model's state through the helpers below, exactly as the
 * code does to its table, and returns what the code returns.
 *
 * Domains driven through iommu_pgsize() chunks (io-pgtable, the drivers
 * with their own tables) set map_pages and unmap_pages; domains with
 * range ops (generic_pt) set map_range and unmap_range instead, and the
 * core then calls those once per iommu_map()/iommu_unmap().
 */
struct model_impl {
	/*
	 * One map_pages(iova, pa, pgsize, count, prot) call: 0 or -errno;
	 * *mapped grows by the bytes it mapped (also when it fails).
	 */
	int (*map_pages)(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t pgsize, uint64_t count, int prot,
			 uint64_t *mapped);
	/* One unmap_pages(iova, pgsize, count) call: the bytes it unmapped. */
	uint64_t (*unmap_pages)(struct model *m, uint64_t iova, uint64_t pgsize,
				uint64_t count);
	/* pt_iommu_ops.map_range() and unmap_range(), as above. */
	int (*map_range)(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t len, int prot, uint64_t *mapped);
	uint64_t (*unmap_range)(struct model *m, uint64_t iova, uint64_t len);
	/*
	 * The IOVA the tables translate @iova as (a walk masks the IOVA into
	 * its indexes: past the IAS it wraps or aliases); false if nothing
	 * can translate it.  NULL: IOVAs are taken as they are.
	 */
	bool (*alias)(const struct model *m, uint64_t iova, uint64_t *canon);
	/*
	 * The site one iova_to_phys() at @iova WARNs at (a driver's lookup
	 * past the range its table covers), or NULL.  NULL: lookups never
	 * WARN.
	 */
	const char *(*lookup_warn)(const struct model *m, uint64_t iova);
	/*
	 * The length iova_to_phys_length() reports at @iova inside leaf @l,
	 * where that is the driver's rule rather than the leaf's size (a
	 * leaf that is not a power of two: virtio-iommu reports a block of
	 * its mapping).  NULL: the leaf's size.
	 */
	uint64_t (*length)(const struct model *m, const struct pt_leaf *l,
			   uint64_t iova);
	/*
	 * An op starts on @m: forget the state the implementation keeps for
	 * one op.  NULL: it keeps none.
	 */
	void (*begin_op)(struct model *m);
};

/* What the kernel would do cannot be known: undefined behaviour. */
#define MODEL_RET_UNDEFINED	(-100000)

#define MODEL_MAX_WARNS		8

struct model_warn {
	const char *site;	/* a target's warn_site id */
	unsigned int count;
};

/*
 * A documented kernel bug an implementation model can reproduce, for a
 * known finding's prediction (fuzzers/engine/known.c): the model proper
 * holds the code to its contract.
 */
#define MODEL_QUIRK_INT_PGCOUNT	(1u << 0)	/* min_t(int, pgcount, ...) */

struct model {
	struct model_rules rules;
	const struct model_impl *impl;
	const void *impl_ctx;		/* the target's parameters */
	unsigned int quirks;		/* MODEL_QUIRK_*: bugs to reproduce */
	struct pt_leaf *leaves;		/* sorted by iova, never overlapping */
	size_t nr, cap;			/* cap: room from leaves on */
	size_t head;			/* free room before leaves (model.c) */
	struct model_table *tables;	/* sorted by (iova, span_lg2) */
	size_t nr_tables, cap_tables;
	unsigned int top_level;		/* generic_pt: the table's top now */
	/* The op in progress. */
	unsigned int fail_at;		/* allocation to fail (1-based), 0: none */
	unsigned int allocs;		/* allocations the op made */
	bool fail_hit;
	struct model_warn warns[MODEL_MAX_WARNS];
	unsigned int nr_warns;
	uint64_t touch_lo, touch_hi;	/* IOVA the op changed, if lo <= hi */
	/* IOVA where the op replaced live leaves (model_overwrite()). */
	uint64_t over_lo, over_hi;
};

#define MODEL_LEAF_BUDGET	4096	/* leaves one op may create */
#define MODEL_TOTAL_BUDGET	16384	/* leaves a domain may hold */

void model_init(struct model *m, const struct model_rules *rules,
		const struct model_impl *impl, const void *impl_ctx);
void model_free(struct model *m);
/* @dst becomes a copy of @src (its arrays reused). */
void model_copy(struct model *dst, const struct model *src);

/*
 * Start an op: forget the previous op's allocations and WARNs, and fail
 * its @fail_at-th allocation (0: none), as the runtime will.
 */
void model_begin_op(struct model *m, unsigned int fail_at);

/* Whether ptfuzz runs a map at all. */
enum model_verdict {
	MODEL_RUN,
	MODEL_OVER_BUDGET,	/* would exceed the leaf budget */
	MODEL_UNCHECKED,	/* the kernel checks only part of it */
};

enum model_verdict model_map_verdict(const struct model *m, uint64_t iova,
				     uint64_t pa, uint64_t size);

/* iommu_map(iova, pa, size, prot): the return code; the state follows. */
int model_map(struct model *m, uint64_t iova, uint64_t pa, uint64_t size,
	      int prot);

/* iommu_unmap(iova, size) (and iommu_unmap_fast()): bytes unmapped. */
uint64_t model_unmap(struct model *m, uint64_t iova, uint64_t size);

/* The leaf translating @iova as the tables are indexed (alias()), if any. */
const struct pt_leaf *model_translate(const struct model *m, uint64_t iova);

/* A lookup at @iova (an op of its own, as a map): the WARN it makes, if any. */
void model_lookup_op(struct model *m, uint64_t iova);

/* The leaf containing @iova, taken as it is, if any. */
const struct pt_leaf *model_lookup(const struct model *m, uint64_t iova);

/* The length iova_to_phys_length() reports for @iova inside leaf @l. */
uint64_t model_length(const struct model *m, const struct pt_leaf *l,
		      uint64_t iova);

/* The PA leaf @l translates @iova to (@iova as the walk reached it). */
static inline uint64_t model_leaf_pa(const struct pt_leaf *l, uint64_t iova)
{
	/* Not naturally aligned (a length() implementation's): no aliasing. */
	if ((l->size & (l->size - 1)) || (l->iova & (l->size - 1)))
		return l->phys + (iova - l->iova);
	return l->phys + (iova & (l->size - 1));
}

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

/*
 * The leaves iommu_map() would make for [iova, iova + size) -> pa: the
 * largest page size the IOVA and PA alignment, the remaining length and
 * the bitmap allow, leaf after leaf.  At most @max are planned (and stored
 * if @out is set); the count is returned, max + 1 meaning "more than @max",
 * SIZE_MAX "no page size fits the rest".
 */
size_t model_plan(uint64_t pgsize_bitmap, uint64_t iova, uint64_t pa,
		  uint64_t size, struct pt_leaf *out, size_t max);

/* iommu_pgsize(): the page size for the next chunk and its count. */
uint64_t model_pgsize(uint64_t pgsize_bitmap, uint64_t iova, uint64_t pa,
		      uint64_t size, uint64_t *count);

/* True if [iova, iova + size) is IOVA the domain can translate now. */
bool model_in_aperture(const struct model *m, uint64_t iova, uint64_t size);

/* A device wrote at @iova: mark its leaf dirty if it is writable. */
bool model_device_write(struct model *m, uint64_t iova);

/* Dirty leaves intersecting [iova, iova + size); cleared unless @no_clear. */
size_t model_read_dirty(struct model *m, uint64_t iova, uint64_t size,
			bool no_clear, struct pt_leaf *out, size_t max);

/* Bytes of IOVA mapped in total. */
uint64_t model_mapped_bytes(const struct model *m);

/* Helpers for implementations ---------------------------------------------- */

/* A leaf as a map with @prot makes it (dirty as the rules say). */
struct pt_leaf model_new_leaf(const struct model *m, uint64_t iova,
			      uint64_t size, uint64_t pa, int prot);
/* Add a leaf; it must not overlap any. */
void model_add_leaf(struct model *m, const struct pt_leaf *leaf);
/* Add @n leaves in IOVA order, overlapping none (one insertion). */
void model_add_leaves(struct model *m, const struct pt_leaf *leaves, size_t n);
/* Remove every leaf intersecting [lo, hi]; returns how many. */
size_t model_remove_leaves(struct model *m, uint64_t lo, uint64_t hi);

bool model_has_table(const struct model *m, uint64_t iova,
		     unsigned int span_lg2);
void model_add_table(struct model *m, uint64_t iova, unsigned int span_lg2);
/*
 * Remove every table whose range lies inside [lo, hi] and spans at most
 * 2^@max_span_lg2 (those below the entries of that size); returns how many.
 */
size_t model_remove_tables(struct model *m, uint64_t lo, uint64_t hi,
			   unsigned int max_span_lg2);

/* The op allocates once (a table, an object); false if that one fails. */
bool model_alloc(struct model *m);
/* The code WARNs at the target's site @site. */
void model_warn(struct model *m, const char *site);
/* How many WARNs the op makes at @site. */
unsigned int model_warned(const struct model *m, const char *site);
/* The op changed [lo, hi] (for the oracles' window). */
void model_touch(struct model *m, uint64_t lo, uint64_t hi);
/*
 * The op replaced the live leaves of [lo, hi] instead of refusing them (a
 * driver that overwrites: s390).  Mapping over live leaves is the caller's
 * bug, and the device may keep the old translations cached until the next
 * invalidation: the flush oracle does not ask for one of them.
 */
void model_overwrite(struct model *m, uint64_t lo, uint64_t hi);
/* True if the op replaced the live leaf @l (model_overwrite()). */
bool model_overwrote(const struct model *m, const struct pt_leaf *l);
/* A pgcount as the implementation takes it (MODEL_QUIRK_INT_PGCOUNT). */
uint64_t model_pgcount(const struct model *m, uint64_t count);

/* Bits 0..@bit set. */
static inline uint64_t model_up_to(unsigned int bit)
{
	return bit >= 63 ? UINT64_MAX : (2ULL << bit) - 1;
}

#endif /* PTF_MODEL_H */
