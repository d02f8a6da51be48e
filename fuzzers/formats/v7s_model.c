// SPDX-License-Identifier: GPL-2.0
/*
 * io-pgtable-arm-v7s's tables as the model keeps them (v7s_model.h): what
 * arm_v7s_alloc_pgtable() makes of a configuration, what one map_pages()
 * or unmap_pages() call does, the access a leaf grants and the WARN sites.
 * Shared by the arm_v7s target and the drivers' targets on v7s tables.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "v7s_model.h"

#define SZ_4K	(1ULL << 12)
#define SZ_64K	(1ULL << 16)
#define SZ_1M	(1ULL << 20)
#define SZ_16M	(1ULL << 24)

struct v7s_geom {
	unsigned int ias, oas;
	uint64_t pgsize_bitmap;
};

static struct v7s_geom geom;

/*
 * arm_v7s_alloc_pgtable(): 32 bits of IOVA and PA (34 and 35 with
 * MTK_EXT, which needs NO_PERMS; MTK_TTBR_EXT needs MTK_EXT); the L1
 * table must be addressable by the TTBR (below 4 GiB, or below the OAS
 * with MTK_TTBR_EXT).  Allocations: the data, the L2 kmem_cache, the L1
 * table.
 */
static bool v7s_geometry(const struct ptf_pt_config *pc, uint64_t l1,
			 struct target_domain *d)
{
	bool mtk = pc->quirks & PTF_QUIRK_ARM_MTK_EXT;

	if (pc->ias > (mtk ? 34u : 32u) || pc->oas > (mtk ? 35u : 32u))
		return false;
	if (mtk && !(pc->quirks & PTF_QUIRK_NO_PERMS))
		return false;
	if ((pc->quirks & PTF_QUIRK_ARM_MTK_TTBR_EXT) && !mtk)
		return false;
	d->create_allocs += 3;
	if ((pc->quirks & PTF_QUIRK_ARM_MTK_TTBR_EXT) ? l1 >> pc->oas : l1 >> 32)
		return false;	/* "Page table does not fit in PTE" */
	geom = (struct v7s_geom){
		.ias = pc->ias, .oas = pc->oas,
		.pgsize_bitmap = pc->pgsize_bitmap & (SZ_4K | SZ_64K | SZ_1M | SZ_16M),
	};
	return true;
}

/* The table indexes IOVA bits below the IAS and nothing above. */
static uint64_t canon(uint64_t iova)
{
	return iova & ((1ULL << geom.ias) - 1);
}

static bool v7s_alias(const struct model *m, uint64_t iova, uint64_t *out)
{
	*out = canon(iova);
	return true;
}

static bool l1_table(const struct model *m, uint64_t iova)
{
	return model_has_table(m, iova & ~(SZ_1M - 1), 20);
}

/* The section or supersection the L1 entry of @iova holds, if any. */
static const struct pt_leaf *l1_leaf(const struct model *m, uint64_t iova)
{
	const struct pt_leaf *l = model_lookup(m, iova);

	return l && l->size >= SZ_1M ? l : NULL;
}

static void drop_l2(struct model *m, uint64_t iova)
{
	model_remove_leaves(m, iova, iova + (SZ_1M - 1));
	model_remove_tables(m, iova, iova + (SZ_1M - 1), 20);
}

/*
 * The leaves of one call, inserted at once (a run of consecutive IOVAs):
 * a page's checks never look at the pages before it.
 */
struct batch {
	struct pt_leaf v[MODEL_LEAF_BUDGET];
	size_t n;
};

static struct batch batch;

static void batch_flush(struct model *m)
{
	model_add_leaves(m, batch.v, batch.n);
	batch.n = 0;
}

static void batch_add(struct model *m, const struct pt_leaf *l)
{
	const struct pt_leaf *prev = batch.n ? &batch.v[batch.n - 1] : NULL;

	if (batch.n == MODEL_LEAF_BUDGET ||
	    (prev && prev->iova + prev->size != l->iova))
		batch_flush(m);
	batch.v[batch.n++] = *l;
}

/*
 * __arm_v7s_map() of one page: a section or supersection replaces the L2
 * tables below it and refuses a live entry; a small or large page needs
 * an L2 table (allocated if there is none, refused below a section).
 */
static int map_one(struct model *m, uint64_t iova, uint64_t pa,
		   uint64_t size, int prot)
{
	struct pt_leaf l = model_new_leaf(m, iova, size, pa, prot);
	const struct pt_leaf *in;

	if (size >= SZ_1M) {
		for (uint64_t at = iova; at < iova + size; at += SZ_1M) {
			if (l1_table(m, at))
				drop_l2(m, at);
			else if (l1_leaf(m, at)) {
				model_warn(m, "v7s-map-live");
				return -EEXIST;
			}
		}
	} else {
		if (l1_leaf(m, iova)) {
			model_warn(m, "v7s-map-under-section");
			return -EEXIST;
		}
		if (!l1_table(m, iova)) {
			if (!model_alloc(m))
				return -ENOMEM;
			model_add_table(m, iova & ~(SZ_1M - 1), 20);
		}
		if (model_leaves_in(m, iova, iova + (size - 1), &in)) {
			model_warn(m, "v7s-map-live");
			return -EEXIST;
		}
	}
	batch_add(m, &l);
	return 0;
}

/* arm_v7s_map_pages(): the first page checked against IAS and OAS, then page by page. */
static int v7s_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t pgsize, uint64_t count, int prot,
			 uint64_t *mapped)
{
	int ret = 0;

	if (iova >> geom.ias || pa >> geom.oas) {
		model_warn(m, "v7s-map-range");
		return -ERANGE;
	}
	if (!(prot & (MODEL_PROT_READ | MODEL_PROT_WRITE)))
		return -EINVAL;
	for (uint64_t i = 0; i < count; i++) {
		ret = map_one(m, canon(iova + i * pgsize), pa + i * pgsize,
			      pgsize, prot);
		if (ret)
			break;
		*mapped += pgsize;
	}
	batch_flush(m);
	return ret;
}

/* The @n entries of the level of @step from @iova are all valid. */
static bool all_valid(const struct model *m, uint64_t iova, uint64_t step,
		      uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t at = iova + i * step;

		if (!model_lookup(m, at) && !(step == SZ_1M && l1_table(m, at)))
			return false;
	}
	return true;
}

/*
 * __arm_v7s_unmap() of one page: every entry it covers must be valid; one
 * entry of a large page or supersection, or a page below a section, is a
 * partial unmap (refused with a WARN); whole entries go, and tables with
 * everything below them.
 */
static uint64_t unmap_one(struct model *m, uint64_t iova, uint64_t size);

/*
 * The leaf @l as leaves of @size, but for [skip, skip + size) if @skip
 * lies inside it (an older tree's split of a block).
 */
static void split_leaf(struct model *m, const struct pt_leaf *l, uint64_t size,
		       uint64_t skip)
{
	struct pt_leaf blk = *l;

	model_remove_leaves(m, blk.iova, blk.iova + (blk.size - 1));
	for (uint64_t off = 0; off < blk.size; off += size) {
		struct pt_leaf part = blk;

		if (blk.iova + off == skip)
			continue;
		part.iova = blk.iova + off;
		part.phys = blk.phys + off;
		part.size = size;
		model_add_leaf(m, &part);
	}
}

/*
 * Linux before 6.2 splits what a partial unmap cuts through
 * (arm_v7s_split_cont(), arm_v7s_split_blk_unmap()): a supersection into
 * 16 sections, a large page into 16 small pages, both in place; a section
 * into a new level-2 table (one allocation; 0 if it fails) of entries of
 * the unmapped size but for the one unmapped.
 */
static uint64_t unmap_split(struct model *m, uint64_t iova, uint64_t size,
			    const struct pt_leaf *l)
{
	if (l->size == SZ_16M || l->size == SZ_64K) {
		split_leaf(m, l, l->size >> 4, UINT64_MAX);
		return unmap_one(m, iova, size);
	}
	if (!model_alloc(m))
		return 0;
	split_leaf(m, l, size, iova);
	model_add_table(m, iova & ~(SZ_1M - 1), 20);
	return size;
}

static uint64_t unmap_one(struct model *m, uint64_t iova, uint64_t size)
{
	uint64_t n1 = size >> 20, n2 = size >> 12;
	const struct pt_leaf *l = l1_leaf(m, iova);
	bool splits = m->rules.unmap_splits_blocks;

	if (!all_valid(m, iova, SZ_1M, n1 ? n1 : 1)) {
		model_warn(m, "v7s-unmap-empty");
		return 0;
	}
	if (n1 <= 1 && l && l->size == SZ_16M) {
		if (splits)
			return unmap_split(m, iova, size, l);
		model_warn(m, "v7s-unmap-partial");
		return 0;
	}
	if (n1)
		return size;	/* the caller drops the entries */
	if (l) {
		if (splits)
			return unmap_split(m, iova, size, l);
		model_warn(m, "v7s-unmap-partial");
		return 0;
	}
	if (!all_valid(m, iova, SZ_4K, n2)) {
		model_warn(m, "v7s-unmap-empty");
		return 0;
	}
	if (n2 <= 1 && model_lookup(m, iova)->size == SZ_64K) {
		if (splits)
			return unmap_split(m, iova, size, model_lookup(m, iova));
		model_warn(m, "v7s-unmap-partial");
		return 0;
	}
	return size;		/* the caller clears the entries */
}

/*
 * Clear what unmap_one() let go of [lo, hi]: L1 entries with the L2
 * tables below them, or L2 entries only.
 */
static void unmap_run(struct model *m, uint64_t lo, uint64_t hi, bool l1)
{
	model_remove_leaves(m, lo, hi);
	if (l1)
		model_remove_tables(m, lo, hi, 20);
}

static uint64_t v7s_unmap_pages(struct model *m, uint64_t iova,
				uint64_t pgsize, uint64_t count)
{
	uint64_t done = 0, lo = 0, hi = 0;
	bool run = false;

	if (iova >> geom.ias) {
		model_warn(m, "v7s-unmap-range");
		return 0;
	}
	for (uint64_t i = 0; i < count; i++) {
		uint64_t at = canon(iova + i * pgsize);

		/* Pages after the IAS wrap to 0: a new run. */
		if (run && at != hi + 1) {
			unmap_run(m, lo, hi, pgsize >= SZ_1M);
			run = false;
		}
		if (!unmap_one(m, at, pgsize))
			break;
		if (!run)
			lo = at;
		hi = at + (pgsize - 1);
		run = true;
		done += pgsize;
	}
	if (run)
		unmap_run(m, lo, hi, pgsize >= SZ_1M);
	return done;
}

static const struct model_impl v7s_impl = {
	.map_pages	= v7s_map_pages,
	.unmap_pages	= v7s_unmap_pages,
	.alias		= v7s_alias,
};

void v7s_model_predict(const struct ptf_pt_config *pc, uint64_t l1,
		       struct target_domain *d)
{
	d->accepted = v7s_geometry(pc, l1, d);
	if (!d->accepted)
		return;
	d->info = (struct ptf_pt_info){
		.pgsize_bitmap = geom.pgsize_bitmap,
		.ias = geom.ias, .oas = geom.oas,
		.va_first = 0, .va_last = (1ULL << geom.ias) - 1,
	};
	d->rules = (struct model_rules){
		.pgsize_bitmap = geom.pgsize_bitmap,
		.va_first = 0, .va_last = d->info.va_last,
		.pa_limit = 1ULL << geom.oas,
	};
	d->impl = &v7s_impl;
	d->impl_ctx = &geom;
}

/*
 * Read always; write unless read-only; execute unless IOMMU_NOEXEC and
 * unprivileged access unless IOMMU_PRIV; without permissions (NO_PERMS:
 * the IOMMU checks none) everything.  IOMMU_MMIO is device memory,
 * IOMMU_CACHE write-back.
 */
int v7s_access_of(unsigned int quirks, int prot)
{
	int acc = MODEL_PROT_READ | MODEL_PROT_WRITE | HW_ACC_EXEC |
		  HW_ACC_UNPRIV;

	if (!(quirks & PTF_QUIRK_NO_PERMS)) {
		if (!(prot & MODEL_PROT_WRITE))
			acc &= ~MODEL_PROT_WRITE;
		if (prot & PTF_PROT_NOEXEC)
			acc &= ~HW_ACC_EXEC;
		if (prot & PTF_PROT_PRIV)
			acc &= ~HW_ACC_UNPRIV;
	}
	if (prot & PTF_PROT_MMIO)
		acc |= HW_MEM_DEVICE;
	else if (prot & PTF_PROT_CACHE)
		acc |= HW_MEM_CACHED;
	return acc;
}

const struct warn_site v7s_warn_sites[] = {
	{ "v7s-map-live", "io-pgtable-arm-v7s.c", "arm_v7s_init_pte",
	  "!selftest_running", "map over a live entry: -EEXIST" },
	{ "v7s-map-under-section", "io-pgtable-arm-v7s.c", "__arm_v7s_map",
	  "!selftest_running", "map below a live section: -EEXIST" },
	{ "v7s-unmap-empty", "io-pgtable-arm-v7s.c", "__arm_v7s_unmap",
	  "!ARM_V7S_PTE_IS_VALID(pte[i])", "unmap of an empty entry" },
	{ "v7s-unmap-partial", "io-pgtable-arm-v7s.c", "__arm_v7s_unmap",
	  "Unmap of a partial large IOPTE is not allowed",
	  "unmap of part of a large page or supersection" },
	{ "v7s-map-range", "io-pgtable-arm-v7s.c", "arm_v7s_map_pages",
	  "iova >= (1ULL << data->iop.cfg.ias) || paddr >= (1ULL << data->iop.cfg.oas)",
	  "IOVA beyond the IAS or PA beyond the OAS: -ERANGE" },
	{ "v7s-unmap-range", "io-pgtable-arm-v7s.c", "arm_v7s_unmap_pages",
	  "iova >= (1ULL << data->iop.cfg.ias)", "IOVA beyond the IAS" },
	{ NULL },
};
