// SPDX-License-Identifier: GPL-2.0
/*
 * Findings in the unmodified kernel that ptfuzz has investigated and
 * documented (README.md, "Findings in the kernel").  While one is open,
 * fuzzing must be able to go past it, so by default a matching finding
 * ends the input quietly with a note; PTF_STRICT=1 (run-fuzz.sh --strict,
 * <target>-run -s) reports it like any other.  Each has a regression input
 * in corpus/regressions/ that `make check` runs both ways: clean by
 * default, failing with its signature under strict (an expected failure,
 * so a kernel that fixes it is noticed).
 *
 * A known finding matches only what its bug produces: its predicate
 * computes what the buggy code does (on a copy of the model, with the
 * bug) and compares that with what the twins did.  Anything else still
 * fails.  The twins are compared with each other before that
 * (report.c): a known symptom the candidate alone shows is a regression.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "runtime.h"

struct known_finding {
	const char *id;
	const char *target;
	const char *oracle;
	const char *signature;		/* NULL: any of the oracle's */
	/* The circumstances that identify it. */
	bool (*applies)(struct engine *e);
	/*
	 * Running into it is a hazard: undefined behaviour (a sanitizer may
	 * fire before any oracle looks) or work without bound.  Outside
	 * strict mode such an op (or domain) is not run at all.
	 */
	bool hazard;
};

static const struct op *current_op(const struct engine *e, enum op_kind kind)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	return op && op->kind == kind ? op : NULL;
}

/*
 * io-pgtable-arm: arm_64_lpae_alloc_pgtable_s2() WARNs and returns NULL
 * without freeing its struct arm_lpae_io_pgtable when the concatenated
 * stage-2 PGD would need more than 16 tables: exactly that one object
 * stays, on each twin.
 */
static bool s2_concat_refused(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct rt_usage u;

		rt_usage(tw, &u);
		if (u.heap_allocs != 1 || u.table_allocs)
			return false;
	}
	return e->pred.create_warn && !strcmp(e->pred.create_warn, "lpae-s2-concat");
}

/*
 * io-pgtable-arm: iova_to_phys() walks [iova, iova + 1), which is empty
 * for the last IOVA, ULONG_MAX, whatever the table: nothing is visited and
 * the translation is read from an uninitialised stack variable.  (Only a
 * TTBR1 table maps it; any table can be asked.)
 */
static bool lookup_of_last_iova(struct engine *e)
{
	const struct op *op = current_op(e, OP_LOOKUP);

	return op && op->iova == UINT64_MAX;
}

/*
 * generic_pt: pt_top_memsize_lg2() sizes a top table that cannot grow as
 * 2^(max_vasz_lg2 - item size of the top level + ilog2(PT_ITEM_WORD_SIZE))
 * bytes, an unsigned sum that wraps when the VA is narrower than one
 * top-level item by more than the 3 bits of an 8-byte entry; the
 * allocation size is then 1 << (about 2^32): undefined.  A deficit of 1 to
 * 3 bits wraps back to a top of less than one entry, which works.  VT-d's
 * compute_vasz_lg2_ss() asks for a top level of 4 whenever SAGAW has the
 * 5-level bit, so an MGAW of 39..44 bits gets there.  The prediction
 * (pt_predict()) says when pt_iommu_init() gets that far.
 */
static bool top_narrower_than_item(struct engine *e)
{
	return e->op == SIZE_MAX && e->pred.create_undefined;
}

/*
 * generic_pt: map_range() trusts the length to be a multiple of the
 * smallest page size.  With one that is not, it maps the pages that fit,
 * then finds no page size for the tail (pt_compute_best_pgsize() returns
 * 0), turns that into a leaf level below 0 and walks on: PT_WARN_ON()s with
 * CONFIG_DEBUG_GENERIC_PT, out-of-range shifts and table writes below the
 * last level without.  The core checks the alignment only on the
 * io-pgtable path (__iommu_map_domain_pgtbl()), so iommu_map() hands such a
 * length to generic_pt unchecked.  The model says when a map gets to its
 * tail (MODEL_RET_UNDEFINED): a live leaf or a range error stops it first.
 */
static bool map_with_unmappable_tail(struct engine *e)
{
	const struct op *op = current_op(e, OP_MAP);
	static struct model scratch;

	if (!op || !e->pred.impl->map_range ||
	    model_map_verdict(&e->prev[CAND], op->iova, op->pa, op->size) !=
	    MODEL_RUN)
		return false;
	model_copy(&scratch, &e->prev[CAND]);
	model_begin_op(&scratch, 0);
	return model_map(&scratch, op->iova, op->pa, op->size, op->prot) ==
	       MODEL_RET_UNDEFINED;
}

/*
 * generic_pt with PT_FEAT_SIGN_EXTEND: pt_check_range() takes the prefix
 * from the first VA (all ones if any bit from the sign bit up is set) and
 * then compares only the bits above max_vasz_lg2 - the sign bit itself is
 * never checked.  A range that starts in the lower half and runs into the
 * non-canonical hole passes, and so does one in the hole just below the
 * upper half (top bits all ones, sign bit clear).  Both land where the
 * table index puts them: the first in the upper half's top-level entries,
 * the second in the lower half's, so map_range() maps, unmap_range()
 * unmaps and lookups translate IOVAs the device never uses, aliasing real
 * ones.  With a large length the map runs on without bound.
 */
static bool range_into_noncanonical(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct model_rules *r = &e->rules;
	uint64_t last, prefix, half = -r->upper_first;
	unsigned int vasz;
	bool accepted, canonical;

	if (!op || !e->pred.impl->map_range || !r->upper_first ||
	    op->kind == OP_FAIL_ALLOC)
		return false;
	last = op->iova + (op->size ? op->size - 1 : 0);
	if (last < op->iova)
		return false;
	vasz = __builtin_ctzll(half) + 1;
	prefix = op->iova >= half ? UINT64_MAX : 0;
	accepted = op->iova >> vasz == prefix >> vasz &&
		   last >> vasz == prefix >> vasz;
	canonical = last < half || op->iova >= r->upper_first;
	return accepted && !canonical;
}

/*
 * generic_pt riscv64: the RISC-V driver asks for PT_FEAT_RISCV_SVPBMT when
 * the IOMMU has Svpbmt, but iommu_riscv64.c leaves it out of
 * PT_SUPPORTED_FEATURES: without CONFIG_DEBUG_GENERIC_PT (which supports
 * every feature) pt_init_common() refuses the domain.
 */
static bool riscv_svpbmt_domain(struct engine *e)
{
	return e->ts.pt.fmt == PTF_FMT_PT_RISCV64 && !e->ts.pt_debug &&
	       (e->ts.pt.features & PTF_PT_FMT(1));
}

/*
 * io-pgtable-arm and -dart take the page count of one map_pages() or
 * unmap_pages() call as an int (min_t(int, pgcount, max_entries)): a count
 * of 2^31 or more truncates, to nothing when its low 32 bits read as a
 * non-positive int.  iommu_unmap() of such a chunk (4K pages over 8 TiB
 * or more, 1G pages over 2 EiB) then unmaps nothing and returns 0.  The
 * prediction: the model with the same truncation.
 */
static bool pgcount_truncated(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);
	static struct model scratch;
	uint64_t bytes;

	if (!op)
		return false;
	model_copy(&scratch, &e->prev[CAND]);
	scratch.quirks |= MODEL_QUIRK_INT_PGCOUNT;
	model_begin_op(&scratch, 0);
	bytes = model_unmap(&scratch, op->iova, op->size);
	return bytes != e->expect_bytes[CAND] && bytes == e->res[CAND].bytes &&
	       bytes == e->res[BASE].bytes;
}

/* Dirty reads as the buggy code does them ------------------------------------ */

/* How the driver hands dirty leaves to iommu_dirty_bitmap_record(). */
enum dirty_walk {
	/*
	 * io-pgtable-arm's walk: from the window's first IOVA, a leaf at a
	 * time, each recorded from the walk's position with the leaf's full
	 * size (lpae-dirty-unaligned-window when the window starts inside a
	 * block).
	 */
	WALK_FROM_POSITION,
	/* generic_pt's record_dirty(): each leaf from its first IOVA. */
	WALK_FROM_LEAF,
	/*
	 * generic_pt before 7.3 (dirty_from_walk): each leaf from the walk's
	 * position, the window's start for the first, with its full size
	 * (genpt-dirty-window-shifted).
	 */
	WALK_FROM_WINDOW,
};

struct dirty_sim {
	uint64_t *bits;			/* as the user's bitmap ends up */
	size_t words;
	struct model after;		/* dirty state the read leaves */
	uint64_t gather_lo, gather_hi;	/* one merged gather */
	bool gathered;
};

/*
 * iova_bitmap_set() of 7.3.4: a range from before the bitmap's first IOVA
 * is dropped (iova_bitmap_advance_to() fails: genpt-dirty-window-inside-
 * leaf); the end is clamped only to the pinned pages, not to the bitmap
 * (iova-bitmap-write-past-end).
 */
static void sim_set(const struct dirty_bitmap *db, struct dirty_sim *s,
		    uint64_t iova, uint64_t len)
{
	uint64_t first, last;

	if (iova < db->iova)
		return;
	first = (iova - db->iova) / db->page;
	last = (iova + (len - 1) - db->iova) / db->page;
	for (uint64_t bit = first; bit <= last && bit < s->words * 64; bit++)
		s->bits[bit / 64] |= 1ULL << (bit % 64);
}

static void sim_record(const struct dirty_bitmap *db, struct dirty_sim *s,
		       struct pt_leaf *l, uint64_t at, bool no_clear)
{
	sim_set(db, s, at, l->size);
	if (no_clear)
		return;
	l->dirty = false;
	if (!s->gathered || at < s->gather_lo)
		s->gather_lo = at;
	if (!s->gathered || at + (l->size - 1) > s->gather_hi)
		s->gather_hi = at + (l->size - 1);
	s->gathered = true;
}

static void simulate_read(struct engine *e, enum dirty_walk how,
			  struct dirty_sim *s)
{
	const struct op *op = &e->prog->ops[e->op];
	const struct dirty_bitmap *db = &e->dirty;
	bool no_clear = op->arg & OP_DIRTY_NO_CLEAR;
	uint64_t pos = op->iova, last = op->iova + (op->size - 1);
	struct pt_leaf *l;

	if (s->words < db->words) {
		free(s->bits);
		s->bits = malloc(db->words * 8);
		if (!s->bits)
			abort();
	}
	s->words = db->words;
	memset(s->bits, 0, s->words * 8);
	s->gathered = false;
	model_copy(&s->after, &e->prev[CAND]);
	while (how == WALK_FROM_POSITION && pos <= last) {
		l = (struct pt_leaf *)model_lookup(&s->after, pos);
		if (!l)
			break;		/* the walk stops at a hole */
		if (l->dirty)
			sim_record(db, s, l, pos, no_clear);
		if (pos + l->size < pos)
			break;
		pos += l->size;
	}
	for (size_t i = 0; how != WALK_FROM_POSITION && i < s->after.nr; i++) {
		l = &s->after.leaves[i];
		if (l->iova <= last && l->iova + (l->size - 1) >= op->iova &&
		    l->dirty)
			sim_record(db, s, l, how == WALK_FROM_WINDOW &&
				   l->iova < op->iova ? op->iova : l->iova,
				   no_clear);
	}
}

static bool same_dirty(const struct model *a, const struct model *b)
{
	if (a->nr != b->nr)
		return false;
	for (size_t i = 0; i < a->nr; i++)
		if (a->leaves[i].dirty != b->leaves[i].dirty)
			return false;
	return true;
}

/*
 * The twins' bitmaps, dirty bits and invalidations are what the buggy
 * read produces, and not what the contract says.
 */
static bool read_as_buggy(struct engine *e, enum dirty_walk how)
{
	static struct dirty_sim s;
	const struct op *op = current_op(e, OP_READ_DIRTY);
	struct hwview view = { 0 };
	bool same = true;

	if (!op || !e->rules.tracks_dirty)
		return false;
	simulate_read(e, how, &s);
	if (!memcmp(s.bits, e->dirty.want, s.words * 8) &&
	    same_dirty(&s.after, &e->model[CAND]))
		return false;	/* the bug does not show in this read */
	for (int tw = 0; same && tw < PTF_NR_TWINS; tw++) {
		const struct rt_inval *inv;
		size_t n = rt_invals(tw, &inv);
		const struct pt_leaf *l;
		size_t nl;

		same = !memcmp(s.bits, e->dirty.bits[tw], s.words * 8);
		hw_view(e, tw, e->win_lo, e->win_hi, &view);
		nl = model_leaves_in(&s.after, e->win_lo, e->win_hi, &l);
		same = same && nl == view.leaves.n;
		for (size_t i = 0; same && i < nl; i++)
			same = l[i].iova == view.leaves.v[i].iova &&
			       l[i].dirty == view.leaves.v[i].dirty;
		same = same && (s.gathered ? n == 1 && inv[0].iova == s.gather_lo &&
				inv[0].iova + (inv[0].size - 1) == s.gather_hi : !n);
	}
	hwview_free(&view);
	return same;
}

static bool lpae_dirty_window(struct engine *e)
{
	const struct op *op = current_op(e, OP_READ_DIRTY);
	const struct pt_leaf *l = op ? model_lookup(&e->prev[CAND], op->iova) : NULL;

	/* The walk starts inside a block. */
	return l && l->iova != op->iova && read_as_buggy(e, WALK_FROM_POSITION);
}

static bool lpae_past_end(struct engine *e)
{
	return read_as_buggy(e, WALK_FROM_POSITION);
}

/* How this tree's generic_pt records a dirty leaf. */
static enum dirty_walk genpt_walk(const struct engine *e)
{
	return e->info[BASE].dirty_from_walk ? WALK_FROM_WINDOW : WALK_FROM_LEAF;
}

static bool genpt_dirty_window(struct engine *e)
{
	return genpt_walk(e) == WALK_FROM_LEAF && read_as_buggy(e, WALK_FROM_LEAF);
}

static bool genpt_dirty_shifted(struct engine *e)
{
	return genpt_walk(e) == WALK_FROM_WINDOW &&
	       read_as_buggy(e, WALK_FROM_WINDOW);
}

static bool genpt_past_end(struct engine *e)
{
	return read_as_buggy(e, genpt_walk(e));
}

/* A known finding a family's op vocabulary names for the op about to run. */
static bool vocab_hazard(const struct engine *e, const char *id)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	/* What the op met, judged before it ran (engine.c). */
	return op && op->kind == OP_VOCAB && e->vocab_hazard &&
	       !strcmp(e->vocab_hazard, id);
}

/*
 * VFIO type1: the dirty-bitmap ioctls take __ffs() of a user's page size
 * (and of DIRTY_PAGES' flags) before checking it; __ffs(0) is undefined.
 */
static bool vfio_ffs_of_zero(struct engine *e)
{
	return vocab_hazard(e, "vfio-ffs-of-zero");
}

/*
 * VFIO type1: VFIO_IOMMU_GET_INFO returns the error of
 * vfio_iommu_iova_build_caps() without freeing the capabilities built
 * before it.
 */
static bool vfio_get_info_caps_leak(struct engine *e)
{
	return vocab_hazard(e, "vfio-get-info-caps-leak");
}

/* iommufd: the same findings, met through IOMMU_HWPT_GET_DIRTY_BITMAP. */
static bool iommufd_window_end_in_leaf(struct engine *e)
{
	return vocab_hazard(e, "iova-bitmap-write-past-end");
}

static bool iommufd_window_start_in_leaf(struct engine *e)
{
	return vocab_hazard(e, "genpt-dirty-window-inside-leaf");
}

static bool iommufd_lpae_window(struct engine *e)
{
	return vocab_hazard(e, "lpae-dirty-unaligned-window");
}

/*
 * iommufd: iommu_read_and_clear_dirty() drops what iova_bitmap_for_each()
 * returns, so a window the areas do not cover reads as success.
 */
static bool iommufd_dirty_error_dropped(struct engine *e)
{
	return vocab_hazard(e, "iommufd-dirty-error-dropped");
}

/*
 * rockchip-iommu: rk_iommu_probe() stores each bank's ioremap() result at
 * bases[i], i counting the device's resources, but counts only the
 * successes in num_mmu and then uses bases[0 .. num_mmu - 1]: when a bank
 * but the last fails to map (-ENOMEM, or -EBUSY for a region another
 * driver claimed), an error pointer is used as a register base and the
 * first register access (attach: rk_iommu_enable()) oopses.  ptfuzz's
 * register accessors catch the access; the failure comes from an
 * allocation failed while the driver probes.
 */
static bool rk_bank_failed_to_map(struct engine *e)
{
	return e->op == SIZE_MAX && e->ts.pt.instances > 1 && e->ts.create_fail;
}

/* A WARN of @func whose message contains @text. */
static bool warned_with(const char *func, const char *text)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct rt_warn *w;
		size_t n = rt_warns(tw, &w);

		for (size_t i = 0; i < n; i++)
			if (!strcmp(w[i].func, func) && strstr(w[i].what, text))
				return true;
	}
	return false;
}

/*
 * rockchip-iommu: rk_iommu_of_xlate() takes a reference to the IOMMU's
 * platform device (of_find_device_by_node()) and returns -ENOMEM without
 * dropping it when devm_kzalloc() of the master's data fails.
 */
static bool rk_xlate_failed(struct engine *e)
{
	return e->op == SIZE_MAX && e->ts.create_fail &&
	       warned_with("check_released", "references taken and not put");
}

/*
 * sun50i-iommu: sun50i_iommu_enable() programs the permission domains with
 * plain writes, but domains 2 (ACI_RD) and 3 (ACI_WR) share
 * IOMMU_DM_AUT_CTRL_REG1: the ACI_WR write replaces the ACI_RD one, whose
 * write-unavailable bits are lost.  Pages mapped IOMMU_READ only are
 * writable by every master.  The window shows, on both twins, every leaf
 * as the model has it but read-only ones with write access added.
 */
static bool sun50i_read_only_writable(struct engine *e)
{
	bool seen = false;

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct leafvec *hw = &e->hw[tw].leaves;
		const struct pt_leaf *m;
		size_t n = model_leaves_in(&e->model[tw], e->win_lo, e->win_hi,
					   &m);

		if (hw->n != n)
			return false;
		for (size_t i = 0; i < n; i++) {
			int want = e->t->access_of(&e->ts, m[i].prot);

			if (hw->v[i].iova != m[i].iova || hw->v[i].size != m[i].size ||
			    hw->v[i].phys != m[i].phys)
				return false;
			if (hw->v[i].prot == want)
				continue;
			if (want != MODEL_PROT_READ ||
			    hw->v[i].prot != (MODEL_PROT_READ | MODEL_PROT_WRITE))
				return false;
			seen = true;
		}
	}
	return seen;
}

/*
 * sun50i-iommu: a paging domain starts with refcnt 1 and each attach takes
 * another, but detaching (sun50i_iommu_identity_attach()) drops only one:
 * the count never reaches 0, sun50i_iommu_detach_domain() never runs.  The
 * IOMMU keeps translating through the domain after it is detached and
 * freed (its TTB points at the freed directory), its L2 tables and DMA
 * mappings leak, and its clock stays on.  ptfuzz sees it when it removes
 * the devices.
 */
static bool sun50i_domain_never_detached(struct engine *e)
{
	return e->op == SIZE_MAX &&
	       (warned_with("kmem_cache_destroy", "still has objects") ||
		warned_with("check_released", "DMA mappings left") ||
		warned_with("ptf_devices_remove_all", "left enabled"));
}

/*
 * exynos-iommu: exynos_iommu_init() allocates zero_lv2_table, the level-2
 * table of faults every unused level-1 entry links to, and never maps it
 * for DMA or syncs it: a non-coherent SysMMU may walk whatever memory held
 * before the CPU zeroed it in its cache.  The table the walker found
 * unsynced was never DMA-mapped, and no sync ever reached it.
 */
static bool exynos_zero_table_unsynced(struct engine *e)
{
	return e->unsynced.len &&
	       !rt_dma_mapped(e->unsynced.twin, e->unsynced.phys,
			      e->unsynced.len) &&
	       rt_device_never_synced(e->unsynced.twin, e->unsynced.phys,
				      e->unsynced.len);
}

/*
 * exynos-iommu: exynos_iommu_domain_alloc_paging() publishes
 * geometry.aperture_end = ~0UL, but the SysMMU translates 32-bit IOVAs and
 * the driver truncates every IOVA to sysmmu_iova_t: an IOVA the geometry
 * allows above 4 GiB aliases one below it (a map there maps, and an unmap
 * removes, another range), and since an unmap over holes reports them as
 * unmapped, iommu_unmap() of a large range loops over the 4 GiB again and
 * again.  Such an op is not run outside strict mode.
 */
static bool exynos_iova_past_32_bits(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	uint64_t last;

	if (!op || op->kind == OP_FAIL_ALLOC)
		return false;
	last = op->kind == OP_LOOKUP || op->kind == OP_DEVICE_WRITE || !op->size ?
	       op->iova : op->iova + (op->size - 1);
	return last >> 32 || last < op->iova;
}

/*
 * exynos-iommu: lv1set_section() maps a 1M section over an L2 table whose
 * pages are all unmapped by freeing that table with kmem_cache_free(), but
 * alloc_lv2entry() had mapped it for DMA and nothing unmaps it: the DMA API
 * mapping leaks (and with it, under swiotlb, its bounce buffer).  ptfuzz
 * sees it when it removes the SysMMU.
 */
static bool exynos_section_over_mapped_table(struct engine *e)
{
	return e->op == SIZE_MAX &&
	       warned_with("check_released", "DMA mappings left");
}

/*
 * io-pgtable-arm and -v7s of older trees (seen on Linux 6.1): an unmap of
 * part of a block splits it (arm_lpae_split_blk_unmap(),
 * arm_v7s_split_blk_unmap()) into a table of the smaller leaves, written
 * over the block without break-before-make, and invalidates only the
 * unmapped part, in the new leaf size.  The block's cached entry is left
 * to an invalidation by address that carries the wrong leaf size.  Matched
 * as: every leaf the flush oracle finds not invalidated is a block the
 * unmap's range cuts through (the model splits it as the code does).
 */
static bool straddles(const struct pt_leaf *l, uint64_t first, uint64_t last)
{
	uint64_t end = l->iova + (l->size - 1);

	return (l->iova < first && end >= first) || (l->iova <= last && end > last);
}

static bool unmap_splits_block(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);
	uint64_t last;
	bool seen = false;

	if (!op || !op->size || !e->info[BASE].unmap_splits_blocks)
		return false;
	last = op->iova + (op->size - 1);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct leafvec *before = &e->before[tw].leaves;

		for (size_t i = 0; i < before->n; i++) {
			if (!flush_missed(e, tw, &before->v[i]))
				continue;
			if (!straddles(&before->v[i], op->iova, last))
				return false;
			seen = true;
		}
	}
	return seen;
}

static bool dirty_bit(const uint64_t *bits, uint64_t bit)
{
	return bits[bit / 64] >> (bit % 64) & 1;
}

/*
 * generic_pt in 7.2 (fixed by 7.3): record_dirty() sizes a contiguous
 * leaf as (end_index - index) items, with end_index from
 * log2_set_mod_max_t(), the group's last index, inclusive: one item
 * short.  The leaf's last item is never reported, and its dirty bit is
 * cleared with the rest, its invalidation gathered one item short.
 * Matched as: a dirty leaf inside the window that the bitmap shows from
 * its first page but not at its last, or whose invalidation starts at
 * the leaf and is shorter than it.
 */
static bool inval_short_of(const struct pt_leaf *l)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct rt_inval *inv;
		size_t n = rt_invals(tw, &inv);

		for (size_t i = 0; i < n; i++)
			if (inv[i].kind == PTF_INVAL_LEAF && inv[i].iova == l->iova &&
			    inv[i].size && inv[i].size < l->size)
				return true;
	}
	return false;
}

static bool dirty_contig_last_item(struct engine *e)
{
	const struct op *op = current_op(e, OP_READ_DIRTY);
	const struct dirty_bitmap *db = &e->dirty;
	const struct pt_leaf *l;
	uint64_t last;
	size_t n;

	/* 7.2's record_dirty() is the one that records from the walk. */
	if (!op || !e->rules.tracks_dirty || !e->pred.impl->map_range ||
	    !e->info[BASE].dirty_from_walk)
		return false;
	last = op->iova + (op->size - 1);
	n = model_leaves_in(&e->prev[CAND], op->iova, last, &l);
	for (size_t i = 0; i < n; i++) {
		uint64_t first_bit = (l[i].iova - db->iova) / db->page;
		uint64_t last_bit = (l[i].iova + (l[i].size - 1) - db->iova) / db->page;

		if (!l[i].dirty || l[i].iova < op->iova ||
		    l[i].iova + (l[i].size - 1) > last)
			continue;
		if (inval_short_of(&l[i]))
			return true;
		if (first_bit == last_bit || !dirty_bit(db->want, last_bit))
			continue;
		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			if (dirty_bit(db->bits[tw], first_bit) &&
			    !dirty_bit(db->bits[tw], last_bit))
				return true;
	}
	return false;
}

static const struct known_finding known[] = {
	{ "exynos-section-leaks-table-mapping", "exynos", "warn", NULL,
	  exynos_section_over_mapped_table },
	{ "exynos-aperture-wider-than-iova", "exynos", "window", NULL,
	  exynos_iova_past_32_bits, true },
	{ "exynos-aperture-wider-than-iova", "exynos", "lookup", NULL,
	  exynos_iova_past_32_bits, true },
	{ "exynos-aperture-wider-than-iova", "exynos", "contract", NULL,
	  exynos_iova_past_32_bits, true },
	{ "exynos-zero-table-never-synced", "exynos", "sync", NULL,
	  exynos_zero_table_unsynced },
	{ "sun50i-read-only-pages-writable", "sun50i", "window",
	  "tables differ from the model", sun50i_read_only_writable },
	{ "sun50i-domain-never-detached", "sun50i", "warn", NULL,
	  sun50i_domain_never_detached },
	{ "rockchip-xlate-reference-leak", "rockchip", "warn", NULL,
	  rk_xlate_failed },
	{ "rockchip-bank-error-pointer", "rockchip", "kernel", "memory",
	  rk_bank_failed_to_map },
	{ "iopgtable-split-unmap-inval", "arm_lpae", "flush",
	  "a removed or changed leaf was not invalidated", unmap_splits_block },
	{ "iopgtable-split-unmap-inval", "arm_v7s", "flush",
	  "a removed or changed leaf was not invalidated", unmap_splits_block },
	{ "lpae-s2-concat-leak", "arm_lpae", "leak",
	  "memory left after the domain was freed", s2_concat_refused },
	{ "lpae-dirty-unaligned-window", "arm_lpae", "dirty", NULL,
	  lpae_dirty_window },
	{ "lpae-dirty-unaligned-window", "arm_lpae", "flush",
	  "a removed or changed leaf was not invalidated", lpae_dirty_window },
	/* The skipped last block keeps its dirty bit, which only the tables show. */
	{ "lpae-dirty-unaligned-window", "arm_lpae", "window",
	  "tables differ from the model", lpae_dirty_window },
	{ "iova-bitmap-write-past-end", "arm_lpae", "dirty",
	  "bits written past the end of the user's bitmap", lpae_past_end },
	{ "genpt-dirty-window-inside-leaf", "pt_*", "dirty",
	  "a dirty range was not reported", genpt_dirty_window },
	{ "iova-bitmap-write-past-end", "pt_*", "dirty",
	  "bits written past the end of the user's bitmap", genpt_past_end },
	{ "genpt-dirty-window-shifted", "pt_*", "dirty",
	  "a clean range was reported dirty", genpt_dirty_shifted },
	{ "genpt-dirty-window-shifted", "pt_*", "flush",
	  "a removed or changed leaf was not invalidated", genpt_dirty_shifted },
	{ "genpt-dirty-contig-last-item", "pt_*", "dirty",
	  "a dirty range was not reported", dirty_contig_last_item },
	{ "genpt-dirty-contig-last-item", "pt_*", "flush",
	  "a removed or changed leaf was not invalidated", dirty_contig_last_item },
	{ "io-pgtable-pgcount-truncated", "arm_lpae", "contract",
	  "iommu_unmap() byte count", pgcount_truncated },
	{ "io-pgtable-pgcount-truncated", "dart", "contract",
	  "iommu_unmap() byte count", pgcount_truncated },
	{ "lpae-lookup-last-iova", "arm_lpae", "lookup", NULL,
	  lookup_of_last_iova, true },
	{ "genpt-top-narrower-than-item", "pt_*", "sanitizer", NULL,
	  top_narrower_than_item, true },
	{ "genpt-map-unaligned-length", "pt_*", "warn", NULL,
	  map_with_unmappable_tail, true },
	{ "genpt-riscv-svpbmt-refused", "pt_riscv64", "contract",
	  "a configuration a driver uses was refused", riscv_svpbmt_domain },
	{ "genpt-riscv-svpbmt-refused", "pt_riscv64", "contract",
	  "the kernel refused a configuration its format accepts",
	  riscv_svpbmt_domain },
	{ "genpt-sign-extend-range-check", "pt_*", "contract", NULL,
	  range_into_noncanonical, true },
	{ "genpt-sign-extend-range-check", "pt_*", "window", NULL,
	  range_into_noncanonical, true },
	{ "genpt-sign-extend-range-check", "pt_*", "lookup", NULL,
	  range_into_noncanonical, true },
	{ "vfio-ffs-of-zero", "vfio_type1", "sanitizer", NULL,
	  vfio_ffs_of_zero, true },
	{ "vfio-get-info-caps-leak", "vfio_type1", "leak",
	  "VFIO_IOMMU_GET_INFO left memory allocated", vfio_get_info_caps_leak },
	{ "iova-bitmap-write-past-end", "iommufd", "dirty", NULL,
	  iommufd_window_end_in_leaf },
	{ "genpt-dirty-window-inside-leaf", "iommufd", "dirty", NULL,
	  iommufd_window_start_in_leaf },
	{ "lpae-dirty-unaligned-window", "iommufd", "dirty", NULL,
	  iommufd_lpae_window },
	{ "lpae-dirty-unaligned-window", "iommufd", "flush", NULL,
	  iommufd_lpae_window },
	{ "iommufd-dirty-error-dropped", "iommufd", "contract",
	  "IOMMU_HWPT_GET_DIRTY_BITMAP return code",
	  iommufd_dirty_error_dropped },
	{ NULL },
};

/* "pt_*" names every generic_pt target. */
static bool for_target(const struct known_finding *k, const char *name)
{
	size_t n = strlen(k->target);

	if (n && k->target[n - 1] == '*')
		return !strncmp(k->target, name, n - 1);
	return !strcmp(k->target, name);
}

const char *known_hazard(const struct engine *e)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (k->hazard && for_target(k, e->t->name) &&
		    k->applies((struct engine *)e))
			return k->id;
	return NULL;
}

/*
 * Run the op of a known hazard?  Only in strict mode, and
 * not while minimizing another finding (its sanitizer report would be
 * taken for the crash being minimized).
 */
bool known_hazard_runs(const struct engine *e, const char *id)
{
	const char *only = getenv("PTF_ONLY_SIGNATURE");
	char mine[128];

	if (!known_strict(id))
		return false;
	for (const struct known_finding *k = known; k->id; k++)
		if (!strcmp(k->id, id)) {
			snprintf(mine, sizeof(mine), "ptfuzz: %s: %s: ", e->t->name,
				 k->oracle);
			return !only || !*only || !strncmp(only, mine, strlen(mine));
		}
	return false;
}

struct known_tally {
	const char *id;
	unsigned long hits, skips;
};

/* At most one id per entry of known[] (an id may have several entries). */
#define NR_TALLY	(sizeof(known) / sizeof(known[0]))

static struct known_tally tally[NR_TALLY];

void known_count(const char *id, bool hazard)
{
	for (unsigned int i = 0; i < NR_TALLY; i++) {
		if (tally[i].id && strcmp(tally[i].id, id))
			continue;
		tally[i].id = id;
		if (hazard)
			tally[i].skips++;
		else
			tally[i].hits++;
		return;
	}
}

void known_print_counts(FILE *out)
{
	for (unsigned int i = 0; i < NR_TALLY && tally[i].id; i++) {
		if (tally[i].hits)
			fprintf(out, "ptfuzz-known: %s %lu\n", tally[i].id,
				tally[i].hits);
		if (tally[i].skips)
			fprintf(out, "ptfuzz-hazard: %s %lu\n", tally[i].id,
				tally[i].skips);
	}
}

/*
 * PTF_STRICT=1 reports every known finding; PTF_STRICT=ID[,ID...] only
 * those (a regression input for one finding may run into another on the
 * way; a kernel with some findings fixed is fuzzed strictly for those).
 */
bool known_strict(const char *id)
{
	const char *s = getenv("PTF_STRICT");
	size_t n = id ? strlen(id) : 0;

	if (!s || !strcmp(s, "1"))
		return s;
	for (const char *p = s; id && *p; p += strcspn(p, ","), p += *p == ',')
		if (!strncmp(p, id, n) && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

const char *known_finding(const struct engine *e, const char *oracle,
			  const char *signature)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (!k->hazard && for_target(k, e->t->name) &&
		    !strcmp(k->oracle, oracle) &&
		    (!k->signature || !strcmp(k->signature, signature)) &&
		    k->applies((struct engine *)e))
			return k->id;
	for (const struct known_finding *k = known; k->id; k++)
		if (k->hazard && for_target(k, e->t->name) &&
		    !strcmp(k->oracle, oracle) && k->applies((struct engine *)e))
			return k->id;
	return NULL;
}
