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
	/*
	 * The op is otherwise checked in full and the input goes on (a
	 * finding every input would meet, whose op still tells the truth
	 * elsewhere): a note, not the end of the input.
	 */
	bool goes_on;
	/*
	 * The series fixes it: the twins differ in the op, by exactly what
	 * the predicate checks (not a regression of the candidate).
	 */
	bool cand_fixes;
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
 * arm-smmu: a stage-2 context takes its input size from SMMU_IDR2.IAS and
 * its output size from IDR2.OAS as they are (arm_smmu_init_domain_context()).
 * With a 4K granule and a 40- or 42-bit PA (or 16K and a 40-bit PA) the
 * architecture forbids the start level such an IPA needs, so
 * arm_64_lpae_alloc_pgtable_s2() must concatenate, and an IPA wider than 16
 * concatenated tables reach (4K: IAS 44 or 48) WARNs and refuses: the
 * driver cannot make a domain on an SMMU whose ID registers say so.  The
 * model predicts exactly that WARN for the driver's configuration.
 */
static bool smmu_s2_concat_refused(struct engine *e)
{
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
 * msm_iommu: with a clock that fails to enable, the legacy iova_to_phys()
 * returns the errno as the physical address (the candidate, with patch
 * 0014, says no translation: that is what tells the baseline's apart).
 */
static bool msm_errno_as_phys(struct engine *e)
{
	return e->res[BASE].unavailable &&
	       (!e->res[CAND].unavailable || e->res[CAND].phys == NO_PHYS);
}

/*
 * The same errno in VFIO's legacy loop: each page "translates" to it, so
 * the baseline's loop unmaps page by page what its lookups could not see.
 */
static bool msm_errno_in_legacy_loop(struct engine *e)
{
	return current_op(e, OP_STEP_UNMAP) && rt_hw_unavailable(BASE);
}

/*
 * arm-smmu-qcom-debug.c: the baseline's context fault handler takes the
 * legacy iova_to_phys()'s 0 for "no translation", so a fault on a page
 * mapped at PA 0 (a write to a read-only one) prints "SOFTWARE TABLE WALK
 * FAILED"; the series tests PHYS_ADDR_MAX (patch 0007).  The target checks
 * the candidate first; the candidate's report of it is a regression
 * (mutant qcom-debug-pa0-as-failure), never this finding.
 */
static bool qcom_soft_walk_pa0(struct engine *e)
{
	const struct op *op = current_op(e, OP_FAULT);
	const struct pt_leaf *l;

	if (!op || strncmp(e->detail, "baseline twin:", 14))
		return false;
	l = model_translate(&e->model[BASE], op->iova);
	return l && model_leaf_pa(l, op->iova) == 0;
}

/*
 * msm_iommu: __flush_iotlb() and __flush_iotlb_range() return quietly when
 * the clocks fail to enable: the unmapped leaves are never invalidated.
 */
static bool msm_flush_unclocked(struct engine *e)
{
	return rt_hw_unavailable(BASE) || rt_hw_unavailable(CAND);
}

/*
 * msm_iommu: msm_iommu_identity_attach() frees the domain's io-pgtable,
 * then fails when the clocks do not enable, leaving the context bank
 * translating through the freed tables (the same predicate: a clock
 * failed; the WARN is the driver twin's "detaching the master failed").
 */

/*
 * arm-smmu: arm_smmu_iova_to_phys_hard() keeps GENMASK_ULL(39, 12) of the
 * PAR, whose 64-bit format holds PA[47:12]: a stage 1 leaf whose output
 * address is at or above 1 TiB (an IPA size above 40 bits) translates,
 * through ATOS, to the address with bits 47:40 cleared, in both twins.
 */
static bool par_bits_above_39(uint64_t want, uint64_t got)
{
	const uint64_t lost = 0x0000ff0000000000ULL;

	return (want & lost) && got == (want & ~lost);
}

static bool smmu_atos_par_39_12(struct engine *e)
{
	const struct op *op = current_op(e, OP_LOOKUP);
	const struct pt_leaf *l;
	uint64_t want;

	if (!op)
		return false;
	l = model_translate(&e->model[CAND], op->iova);
	if (!l)
		return false;
	want = l->phys + (op->iova - l->iova);
	return par_bits_above_39(want, e->res[BASE].legacy) &&
	       (e->diff_off || par_bits_above_39(want, e->res[CAND].phys));
}

/*
 * The same in a step-unmap loop: a lookup of a leaf above 1 TiB answers
 * the wrong phys (0 for PA[47:40] with PA[39:12] clear, which the legacy
 * loop takes for a hole), so the loop's unmaps are not the model's.
 */
static bool smmu_atos_par_39_12_loop(struct engine *e)
{
	const struct op *op = current_op(e, OP_STEP_UNMAP);
	const struct pt_leaf *l;
	size_t n;

	if (!op || !op->size)
		return false;
	n = model_leaves_in(&e->prev[CAND], op->iova, op->iova + (op->size - 1), &l);
	for (size_t i = 0; i < n; i++)
		if ((l[i].phys | (l[i].phys + (l[i].size - 1))) & 0x0000ff0000000000ULL)
			return true;
	return false;
}

/*
 * qcom_iommu: qcom_iommu_tlb_inv_range_nosync() walks the master's context
 * banks with one IOVA variable: the first bank's loop leaves it @size
 * further on (and tagged with that bank's ASID), so every later bank is
 * invalidated at the wrong addresses.  A master with two context banks
 * (MSM8916's GPU has) keeps stale TLB entries in the second after an
 * unmap or a table free.
 */
static bool qcom_tlbi_iova_carried(struct engine *e)
{
	return e->ts.pt.instances > 1 &&
	       (current_op(e, OP_UNMAP) || current_op(e, OP_STEP_UNMAP));
}

/*
 * arm-smmu-v3: arm_smmu_domain_inv_range() takes the granule as an
 * unsigned int, and arm_smmu_iotlb_sync() passes it the gather's page
 * size: io-pgtable-arm gathers a 4T level-1 entry (64K granule, 52-bit
 * OAS) with its size, which truncates to 0.  Without range invalidation,
 * arm_smmu_inv_size_too_big() then shifts by ilog2(0) - 3 = -4: undefined.
 * With RIL the range path takes ilog2(0) for the TTL hint, defined.  A
 * hazard: met by any io-pgtable unmap_pages() call at a page size past
 * 32 bits that finds its entry in use (a leaf or a table: either is
 * cleared and gathered at that size).
 */
static bool entry_in_use(const struct model *m, uint64_t iova, uint64_t pgsize)
{
	const struct pt_leaf *first;

	return model_leaves_in(m, iova, iova + (pgsize - 1), &first) ||
	       model_has_table(m, iova, (unsigned int)__builtin_ctzll(pgsize));
}

/*
 * __iommu_unmap() over the model: the page size of each chunk, entry by
 * entry, until one is empty or a block above the chunk's size refuses.
 */
static bool unmap_gathers_past_32_bits(const struct engine *e, uint64_t iova,
				       uint64_t size)
{
	const struct model *m = &e->prev[CAND];
	uint64_t bitmap = e->pred.rules.pgsize_bitmap;

	/* The core refuses a range its smallest page does not align. */
	if ((iova | size) & ((bitmap & -bitmap) - 1))
		return false;
	while (size) {
		uint64_t count;
		uint64_t pgsize = model_pgsize(bitmap, iova, iova, size, &count);
		const struct pt_leaf *l = model_lookup(m, iova);

		if (!pgsize || !entry_in_use(m, iova, pgsize) ||
		    (l && l->size > pgsize))
			return false;
		if (pgsize > UINT32_MAX)
			return true;
		iova += pgsize;
		size -= pgsize;
	}
	return false;
}

/* A leaf past 32 bits in [iova, iova + size): a step unmap unmaps it whole. */
static bool big_leaf_in(const struct engine *e, uint64_t iova, uint64_t size)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(&e->prev[CAND], iova, iova + (size - 1), &l);

	for (size_t i = 0; i < n; i++)
		if (l[i].size > UINT32_MAX)
			return true;
	return false;
}

/*
 * A map rolls back what it mapped with iommu_unmap() when it fails: a
 * failure is possible if an allocation is armed to fail or a live leaf is
 * in its way (what it maps first is not predicted here).
 */
static bool map_may_roll_back_big(const struct engine *e, const struct op *op)
{
	const struct pt_leaf *l;
	uint64_t count, pgsize;

	if (!e->armed && !model_leaves_in(&e->prev[CAND], op->iova,
					  op->iova + (op->size - 1), &l))
		return false;
	for (uint64_t iova = op->iova, pa = op->pa, left = op->size; left;) {
		pgsize = model_pgsize(e->pred.rules.pgsize_bitmap, iova, pa,
				      left, &count);
		if (!pgsize)
			return false;
		if (pgsize > UINT32_MAX)
			return true;
		iova += pgsize * count;
		pa += pgsize * count;
		left -= pgsize * count;
	}
	return false;
}

static bool smmuv3_granule_truncated(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	if (!op || e->ts.range_tlbi || !op->size || op->iova + (op->size - 1) < op->iova ||
	    !(e->pred.rules.pgsize_bitmap >> 32))
		return false;
	switch (op->kind) {
	case OP_UNMAP:
		return unmap_gathers_past_32_bits(e, op->iova, op->size);
	case OP_STEP_UNMAP:
		return big_leaf_in(e, op->iova, op->size);
	case OP_MAP:
		return map_may_roll_back_big(e, op);
	default:
		return false;
	}
}

/*
 * arm-smmu-v3: arm_smmu_iotlb_sync() returns at once for a gather without
 * a page size, and the dirty walk gathers with iommu_iotlb_gather_add_range(),
 * which sets none: the TLB entries of the leaves whose dirty state was
 * cleared are never invalidated.
 */
static bool dirty_bits_cleared(struct engine *e)
{
	const struct op *op = current_op(e, OP_READ_DIRTY);

	return op && !(op->arg & OP_DIRTY_NO_CLEAR);
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
static bool meets(struct engine *e, const char *id);

/*
 * The sync after a dirty read invalidates what the read gathered, unless
 * the target's driver meets smmuv3-dirty-clear-no-tlbi (arm-smmu-v3's
 * iotlb_sync() ignores a gather without a page size: nothing), a bug of
 * its own the same read shows.
 */
static bool dirty_gather_invalidated(struct engine *e)
{
	return !meets(e, "smmuv3-dirty-clear-no-tlbi");
}

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
		same = same && (s.gathered && dirty_gather_invalidated(e) ?
				n == 1 && inv[0].iova == s.gather_lo &&
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
 * s390-iommu and mtk_iommu_v1: s390_iommu_iova_to_phys() and
 * mtk_iommu_v1_iova_to_phys() return the page's address without the
 * IOVA's offset in the page, so iommu_iova_to_phys() of an IOVA that is
 * not page aligned is short by the offset (patches/fixes/0014 and 0013
 * add it).  The candidate's translation (which the model checks on its
 * own) is the baseline's plus the offset.
 */
static bool lookup_drops_offset(struct engine *e)
{
	const struct op *op = current_op(e, OP_LOOKUP);
	const struct twin_result *c = &e->res[CAND];

	return op && c->phys != NO_PHYS && c->legacy == c->phys &&
	       c->phys - op->iova % 4096 == e->res[BASE].legacy;
}

/*
 * The same with the differential off, where both twins are the baseline's
 * code: its lookup at a mapped IOVA gives the page's address (checked
 * against the model, and not linear across the page either).
 */
static bool legacy_drops_offset(struct engine *e)
{
	const struct op *op = current_op(e, OP_LOOKUP);
	const struct pt_leaf *l;

	if (!e->diff_off || !op)
		return false;
	l = model_translate(&e->model[CAND], op->iova);
	return l && e->res[BASE].legacy ==
		    ((l->phys + (op->iova - l->iova)) & ~0xfffULL);
}

/*
 * sprd-iommu: sprd_iommu_iova_to_phys() returns "entry << 12 plus the
 * IOVA's offset in its page" without looking at the entry, so where the
 * entry is 0 (a hole, or a page at PA 0, which the format cannot tell
 * apart and the model holds no leaf) an IOVA of the window that is not
 * page aligned reads as a translation to its offset instead of 0
 * (patches/fixes/0015 reads it as 0).  The window starts at IOVA 0.
 */
static bool sprd_hole_offset(struct engine *e, uint64_t iova)
{
	const struct twin_result *b = &e->res[BASE];

	return iova < (256ULL << 20) && iova % 4096 &&
	       b->legacy == iova % 4096 &&
	       !model_translate(&e->model[CAND], iova);
}

/* With the differential on: the candidate has no translation. */
static bool sprd_lookup_hole_offset(struct engine *e)
{
	const struct op *op = current_op(e, OP_LOOKUP);
	const struct twin_result *c = &e->res[CAND];

	return op && c->phys == NO_PHYS && !c->len && !c->legacy &&
	       sprd_hole_offset(e, op->iova);
}

/* With the differential off: the model has none. */
static bool sprd_legacy_hole_offset(struct engine *e)
{
	const struct op *op = current_op(e, OP_LOOKUP);

	return e->diff_off && op && sprd_hole_offset(e, op->iova);
}

/* Bytes the model held in [lo, hi] before the op. */
static uint64_t mapped_before(const struct engine *e, uint64_t lo, uint64_t hi)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(&e->prev[CAND], lo, hi, &l);
	uint64_t bytes = 0;

	for (size_t i = 0; i < n; i++)
		if (l[i].iova >= lo && l[i].iova + (l[i].size - 1) <= hi)
			bytes += l[i].size;
	return bytes;
}

/* Bytes mapped before the op in the range of @op, which may wrap. */
static uint64_t mapped_in_op(const struct engine *e, const struct op *op)
{
	uint64_t last = op->iova + (op->size - 1);

	if (last >= op->iova)
		return mapped_before(e, op->iova, last);
	return mapped_before(e, op->iova, UINT64_MAX) + mapped_before(e, 0, last);
}

/*
 * s390-iommu: an unmap of pages that were never mapped makes the tables
 * they lack, "invalidates" each one's PTE with a WARN
 * (invalidate_pt_entry()) and returns the full size, where the core's
 * contract is the bytes unmapped.  s390's model_impl predicts exactly
 * that; the finding is the WARN, on an unmap that covered fewer mapped
 * bytes than its size and that both twins report as unmapped in full, or
 * (a table for a later hole failed to allocate: s390-unmap-failure-
 * unrefreshed) as not at all, the armed failure delivered to both.
 */
static bool s390_unmap_fills_hole(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);
	uint64_t b = e->res[BASE].bytes, c = e->res[CAND].bytes;

	if (!op || !op->size || !warned_with("invalidate_pt_entry", ""))
		return false;
	if (mapped_in_op(e, op) == op->size)
		return false;
	if (b == op->size && c == op->size)
		return true;
	return !b && !c && e->res[BASE].fail_delivered &&
	       e->res[CAND].fail_delivered;
}

/*
 * The same unmap over more than MODEL_LEAF_BUDGET pages of holes: work
 * without bound (a table page per 2M of hole, a WARN per page), not run
 * outside strict mode.  The driver refuses (WARN, 0) only a range whose
 * end, as it computes it, passes the aperture: a range that wraps is
 * walked page by page too.
 */
static bool s390_unmap_hole_unbounded(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);

	if (!op || !op->size || (op->iova | op->size) & 0xfff ||
	    op->iova + (op->size - 1) > e->pred.info.va_last)
		return false;
	return (op->size - mapped_in_op(e, op)) >> 12 > MODEL_LEAF_BUDGET;
}

/*
 * s390-iommu: an unmap whose walk fails to allocate a table for a hole
 * (GFP_ATOMIC) returns 0 after invalidating the pages before it, and adds
 * none of them to the gather: iotlb_sync() refreshes nothing, and the
 * function may keep translating them.  Matched as: the armed allocation
 * failure hit this unmap on both twins, which returned 0, and every leaf
 * the flush oracle finds not invalidated lies in the unmap's range.
 */
static bool s390_unmap_failure_unrefreshed(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);
	uint64_t last;
	bool seen = false;

	if (!op || !op->size || e->res[BASE].bytes || e->res[CAND].bytes ||
	    !e->res[BASE].fail_delivered || !e->res[CAND].fail_delivered)
		return false;
	last = op->iova + (op->size - 1);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct leafvec *before = &e->before[tw].leaves;

		for (size_t i = 0; i < before->n; i++) {
			const struct pt_leaf *l = &before->v[i];

			if (!flush_missed(e, tw, l))
				continue;
			if (l->iova < op->iova || l->iova + (l->size - 1) > last)
				return false;
			seen = true;
		}
	}
	return seen;
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

/* Page tables a tegra-smmu domain holds: one per 4M with pages mapped. */
static unsigned long tegra_page_tables(const struct engine *e)
{
	return e->model[CAND].nr_tables;
}

/*
 * tegra-smmu: tegra_smmu_domain_free() frees neither the page directory
 * nor the page tables ("TODO: free page directory and page tables"):
 * every domain freed leaks its 4K directory, and one freed with pages
 * still mapped also leaks their page tables and the DMA mappings of them
 * (they are unmapped only when their last PTE is).  Matched as exactly
 * that: the directory and one table per 4M region the model holds pages
 * in, and as many DMA mappings as tables.
 */
static bool tegra_free_leaks_tables(struct engine *e)
{
	unsigned long tables = tegra_page_tables(e);

	if (e->op != SIZE_MAX)
		return false;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct rt_usage u;

		rt_usage(tw, &u);
		if (u.heap_allocs || u.table_allocs != 1 + tables)
			return false;
	}
	return true;
}

static bool tegra_free_leaves_mappings(struct engine *e)
{
	char want[64];

	snprintf(want, sizeof(want), "released with %lu DMA mappings left",
		 tegra_page_tables(e));
	return e->op == SIZE_MAX && tegra_page_tables(e) &&
	       warned_with("check_released", want);
}

/*
 * tegra-smmu: __tegra_smmu_map() ORs SMMU_PHYS_PFN(paddr) into the PTE
 * without checking it against the MC's address width: PA bits 34 and up
 * (32 and up on Tegra30/114) land in reserved bits, and PA bits 41 to 43
 * in NS, W and R, so a read-only map of such an address is writable.  No
 * Tegra has memory there; the core checks nothing of the PA either.  A
 * hazard: the permissions it grants from address bits would reach every
 * later check, so outside strict mode such a map is not run.
 */
static bool tegra_pa_past_width(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	uint64_t last;

	if (!op || op->kind != OP_MAP || !op->size)
		return false;
	last = op->pa + (op->size - 1);
	return last < op->pa || last >> e->ts.pt.oas;
}

/*
 * sprd-iommu: sprd_iommu_map() starts from "u32 pabase = (u32)paddr", so
 * a page above 4 GiB is written as the page 4 GiB below it, while the
 * table's entries are 32-bit page frame numbers (44-bit PAs) and the
 * driver's own lookup reads them as such.  The device then reads or
 * writes the wrong memory.  A hazard: the wrong page would meet every
 * later check, so outside strict mode such a map is not run.
 */
static bool sprd_pa_above_4g(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	uint64_t last;

	if (!op || op->kind != OP_MAP || !op->size)
		return false;
	last = op->pa + (op->size - 1);
	return last < op->pa || last >> 32;
}

/*
 * sprd-iommu: sprd_iommu_cleanup() turns the IOMMU off whenever a domain
 * that was ever attached is freed (dom->sdev is set on the first attach
 * and never cleared), also when the master has moved on to another
 * domain: that domain is no longer translated through.  ptfuzz sees it
 * when the input's domain is freed with the master in the core's blocking
 * domain (sprd has no blocked or identity domain of its own); with a DMA
 * domain there instead, as after VFIO lets go of a device, the device's
 * DMA through it stops being translated.
 */
static bool sprd_free_disables_iommu(struct engine *e)
{
	return e->op == SIZE_MAX && e->blocking_check;
}

/*
 * sprd-iommu: sprd_iommu_probe() enables the gate clock of an IOMMU that
 * has one (sprd_iommu_clk_enable()), and sprd_iommu_remove() never
 * disables it: unbinding (the driver is a module) leaves the clock on.
 */
static bool sprd_remove_leaves_clock(struct engine *e)
{
	return e->op == SIZE_MAX && e->ts.pt.quirks &&
	       warned_with("ptf_devices_remove_all",
			   "clock \"enable\" left enabled 1 times");
}

/*
 * sprd-iommu: sprd_iommu_map() and sprd_iommu_unmap() check their range
 * as "(iova + size) > (end + 1)", which a range that wraps past the top
 * of the address space passes: the map then writes, and the unmap clears
 * (memset()), page frame numbers past the end of the table.  The core
 * hands the driver the caller's range as it is.  A hazard: such an op is
 * not run outside strict mode.
 */
static bool sprd_range_wraps(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	return op && (op->kind == OP_MAP || op->kind == OP_UNMAP) &&
	       op->iova + op->size < op->iova;
}

/*
 * mtk_iommu_v1: the flat table covers 4 GiB (1M descriptors, 4 MiB) and
 * map, unmap and iova_to_phys index it with iova >> 12 unchecked; the
 * domain publishes no geometry (its aperture is [0, 0], not forced), so
 * nothing tells a caller where IOVAs end.  An IOVA at or above 4 GiB reads
 * or writes past the table.  Such an op is not run outside strict mode.
 */
static bool mtk_v1_iova_past_table(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	uint64_t last;

	if (!op || op->kind == OP_FAIL_ALLOC || op->kind == OP_READ_DIRTY ||
	    op->kind == OP_DEVICE_WRITE)
		return false;
	last = op->kind == OP_LOOKUP || !op->size ? op->iova :
	       op->iova + (op->size - 1);
	return last >> 32 || last < op->iova;
}

/*
 * mtk_iommu_v1: attach_dev() sets up only the domain its ARM DMA mapping
 * made ("Only allow the domain created internally") and returns 0 for any
 * other paging domain without setting it up: the core, VFIO or iommufd
 * then map through its NULL table, and freeing it dereferences its NULL
 * M4U data.  Such a domain (mtk_v1's domain=core) is not created outside
 * strict mode.
 */
static bool mtk_v1_core_domain(struct engine *e)
{
	return e->ts.pt.quirks & 1;
}

/*
 * drivers/base/component.c: component_match_add_release() that fails to
 * allocate the match returns without calling @release on @compare_data,
 * and every later call returns at once on the error pointer: the
 * references mtk_iommu_v1's probe took on its larbs' nodes
 * (of_parse_phandle()) for the match to drop are never dropped.
 */
static bool mtk_v1_larb_refs_leak(struct engine *e)
{
	return e->op == SIZE_MAX && e->ts.create_fail &&
	       warned_with("ptf_devices_remove_all", "node larb@");
}

/*
 * mtk_iommu: the first paging domain an M4U attaches allocates the io-pgtable
 * every later domain shares (mtk_iommu_domain_finalise(): data->share_dom),
 * and nothing ever frees it: mtk_iommu_domain_free() only kfree()s the
 * domain, leaving share_dom (and the bank's m4u_dom) pointing at freed
 * memory, and mtk_iommu_remove() frees no table.  When the M4U goes, the
 * L1 table, every L2 table the model holds and the DMA mappings of them
 * are left (the device core's check of the M4U WARNs first).
 */
static bool mtk_iommu_pgtable_mappings_kept(struct engine *e)
{
	char want[64];

	snprintf(want, sizeof(want), "iommu@m4u released with %lu DMA mappings left",
		 1 + e->model[CAND].nr_tables);
	return e->op == SIZE_MAX && warned_with("check_released", want);
}

/*
 * mtk_iommu: in 4GB mode mtk_iommu_map() sets BIT(32) of the first PA of
 * each map_pages() call only, and io-pgtable maps the call's pages from
 * there: a call whose CPU range crosses 4 GiB (the core's iommu_pgsize()
 * chunk of an IOVA and a PA aligned differently: a scatterlist segment
 * that merges the pages at 0xfffff000 and 0x100000000) maps the DRAM at
 * 4G (region E, output as 4G) at output address 8G, past the 33 bits
 * the M4U outputs in 4GB mode, and iova_to_phys() returns 8G for it.  A
 * hazard: the leaves it writes are no PA the DRAM has.
 */
static bool mtk_iommu_4gb_call_crosses_4g(struct engine *e)
{
	const struct op *op = current_op(e, OP_MAP);
	uint64_t iova, pa, left, four_g = 1ULL << 32;

	if (!op || !(e->ts.pt.quirks & 1) || !op->size || op->pa >= four_g ||
	    ((op->iova | op->pa | op->size) & 0xfff))
		return false;
	for (iova = op->iova, pa = op->pa, left = op->size; left && pa < four_g;) {
		uint64_t count, len;
		uint64_t pgsize = model_pgsize(e->pred.rules.pgsize_bitmap, iova,
					       pa, left, &count);

		if (!pgsize)
			return false;
		len = pgsize * count;
		if (pa + len > four_g)
			return true;
		iova += len;
		pa += len;
		left -= len;
	}
	return false;
}

/*
 * mtk_iommu: the domain's io_pgtable_cfg has no flush ops (cfg.tlb is
 * NULL), so io-pgtable-arm-v7s's own invalidations never reach the M4U:
 * an L2 table that a map replaces with a section or supersection, or that
 * an unmap of its whole 1M removes, is freed at once, and the driver
 * invalidates only in iotlb_sync()/iotlb_sync_map(), after the free: the
 * M4U may walk the freed page in between.  A map that then fails (-EEXIST
 * on a live entry further on) has dropped the table's leaves, which are
 * outside the range the core's rollback unmaps and are never
 * invalidated.  Matched as exactly that: every table the op unlinked lies
 * inside the op's range, and every leaf it removed uncovered lay in one.
 */
static bool inside(uint64_t iova, uint64_t size, uint64_t lo, uint64_t len)
{
	return iova >= lo && iova - lo <= len - size;
}

static bool table_dropped(const struct tablevec *after, const struct hw_table *t)
{
	for (size_t i = 0; i < after->n; i++)
		if (after->v[i].phys == t->phys && after->v[i].iova == t->iova)
			return false;
	return true;
}

static bool leaf_in_dropped(const struct hwview *before,
			    const struct hwview *after, const struct pt_leaf *l)
{
	for (size_t i = 0; i < after->leaves.n; i++) {
		const struct pt_leaf *k = &after->leaves.v[i];

		if (k->iova == l->iova && k->size == l->size &&
		    k->phys == l->phys && k->prot == l->prot)
			return true;
	}
	for (size_t i = 0; i < before->tables.n; i++) {
		const struct hw_table *t = &before->tables.v[i];

		if (table_dropped(&after->tables, t) &&
		    inside(l->iova, l->size, t->iova, 1ULL << t->span_lg2))
			return true;
	}
	return false;
}

/*
 * The tables @tw's op unlinked, all in [op->iova, +op->size); SIZE_MAX if
 * one lies outside.
 */
static size_t tables_dropped_inside(const struct engine *e, int tw,
				    const struct op *op)
{
	const struct hwview *before = &e->before[tw], *after = &e->hw[tw];
	size_t dropped = 0;

	for (size_t i = 0; i < before->tables.n; i++) {
		const struct hw_table *t = &before->tables.v[i];

		if (!table_dropped(&after->tables, t))
			continue;
		if (!inside(t->iova, 1ULL << t->span_lg2, op->iova, op->size))
			return SIZE_MAX;
		dropped++;
	}
	return dropped;
}

static bool mtk_iommu_freed_before_flush(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	size_t dropped = 0;

	if (!op || (op->kind != OP_MAP && op->kind != OP_UNMAP &&
		    op->kind != OP_STEP_UNMAP) || !op->size)
		return false;
	/* The step-unmap loops differ: the legacy one may unmap whole tables. */
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		size_t n = tables_dropped_inside(e, tw, op);

		if (n == SIZE_MAX)
			return false;
		dropped += n;
	}
	return dropped;
}

static bool mtk_iommu_failed_map_unflushed(struct engine *e)
{
	const struct op *op = current_op(e, OP_MAP);

	if (!op || !op->size)
		return false;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct hwview *before = &e->before[tw], *after = &e->hw[tw];
		size_t n = tables_dropped_inside(e, tw, op);

		if (!n || n == SIZE_MAX)
			return false;
		for (size_t i = 0; i < before->leaves.n; i++)
			if (!leaf_in_dropped(before, after, &before->leaves.v[i]))
				return false;
	}
	return true;
}

/*
 * mtk_iommu: mtk_iommu_mm_dts_parse() keeps the reference of_parse_phandle()
 * took on the first larb's SMI common (frst_avail_smicomm_node) while it
 * goes on through the other larbs, and its error path (err_larbdev_put)
 * puts the larbs' devices but not that node: every probe that fails after
 * the first larb, -EPROBE_DEFER for a larb whose driver is not bound yet
 * included, leaks a reference to the SMI common's node.  ptfuzz meets it
 * when an injected allocation failure keeps a larb from binding.
 */
static bool mtk_iommu_smi_node_leak(struct engine *e)
{
	return e->op == SIZE_MAX && e->ts.create_fail &&
	       warned_with("ptf_devices_remove_all",
			   "node smi@common released with 1 references");
}

/*
 * omap-iommu: iova_to_phys(_length) reads the domain's first IOMMU
 * (omap_domain->iommus), which only attach_dev() sets: a lookup of a
 * paging domain not yet attached dereferences NULL, where
 * iommu_iova_to_phys() allows it (other drivers answer 0).  No in-tree
 * caller does it (README.md); omap's order=query-first does.  Such a
 * domain is not created outside strict mode.  ipmmu-vmsa's lookup does
 * the same with domain->iop, which only the first attach allocates
 * (ipmmu_domain_init_context()).
 */
static bool query_before_attach(struct engine *e)
{
	return e->ts.pt.quirks & (1u << 31);	/* PTF_DRV_QUERY_BEFORE_ATTACH */
}

/*
 * ipmmu-vmsa: on Gen3 and Gen4 the main IPMMU (no "renesas,ipmmu-main",
 * features with cache leaf nodes) returns from ipmmu_probe() before
 * iommu_device_sysfs_add() and iommu_device_register(), but
 * ipmmu_remove() undoes both for every IPMMU: unbinding the main one
 * (the driver allows it: no suppress_bind_attrs) dereferences the NULL
 * iommu->dev, then list_del()s an entry on no list.  The driver twin's
 * teardown unbinds every device.
 */
static bool ipmmu_remove_unregistered(struct engine *e)
{
	return e->op == SIZE_MAX &&
	       warned_with("iommu_device_sysfs_remove", "never added");
}

static const struct op *current_map(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	return op && op->kind == OP_MAP && op->size ? op : NULL;
}

/*
 * omap-iommu takes IOVAs as u32 (struct iotlb_entry's da): a request past
 * the 32-bit aperture, which callers never make, lands 4 GiB lower.
 */
#define OMAP_SPACE	(1ULL << 32)

static uint64_t omap_da(uint64_t iova)
{
	return iova & (OMAP_SPACE - 1);
}

/* The model's leaves in the op's window before it. */
static size_t leaves_before(const struct engine *e, const struct pt_leaf **v)
{
	return model_leaves_in(&e->prev[CAND], e->win_lo, e->win_hi, v);
}

/* A leaf before the op intersects what [iova, iova + size) writes. */
static bool omap_hits_live(const struct engine *e, uint64_t iova,
			   uint64_t size)
{
	uint64_t lo = omap_da(iova), hi = lo + (size - 1);
	const struct pt_leaf *v;
	size_t n = leaves_before(e, &v);

	if (size >= OMAP_SPACE)
		return n;
	for (size_t i = 0; i < n; i++) {
		const struct pt_leaf *l = &v[i];
		uint64_t last = l->iova + (l->size - 1);

		if ((l->iova <= hi && last >= lo) ||
		    (hi >= OMAP_SPACE && l->iova <= hi - OMAP_SPACE))
			return true;
	}
	return false;
}

#define OMAP_SZ_1M	(1ULL << 20)

/*
 * Whether the first-level entry of @plan[i]'s 1M holds a block when the
 * op writes @plan[i]: this op's own latest write there (the leaves before
 * it in the same 1M made it a table; a range past 4 GiB comes round to it
 * 4 GiB later), else the model's.
 */
static bool omap_block_below(const struct engine *e,
			     const struct pt_leaf *plan, size_t i,
			     uint64_t start)
{
	uint64_t region = plan[i].iova & ~(OMAP_SZ_1M - 1);
	const struct pt_leaf *l;

	if (i && plan[i - 1].iova >= region)
		return false;
	if (region + OMAP_SZ_1M > start + OMAP_SPACE) {
		uint64_t last = region - OMAP_SPACE + (OMAP_SZ_1M - 1);
		size_t lo = 0, hi = i;

		/* The planned leaf holding @last: they run on from @start. */
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			if (plan[mid].iova <= last)
				lo = mid;
			else
				hi = mid;
		}
		return plan[lo].size >= OMAP_SZ_1M;
	}
	l = model_lookup(&e->model[CAND], omap_da(plan[i].iova));
	return l && l->size >= OMAP_SZ_1M;
}

/*
 * omap-iommu: iopte_alloc() takes any non-zero first-level entry for a
 * table (`if (*iopgd) goto pte_ready`): a 4K or 64K page mapped under a
 * live 1M section or 16M supersection (the model's, or one the same map
 * wrote 4 GiB before) is written into the section's output address, read
 * as a second-level table, i.e. into whatever memory that is.  Such a map
 * is not run outside strict mode.
 */
static bool omap_page_under_section(struct engine *e)
{
	static struct pt_leaf plan[MODEL_LEAF_BUDGET];
	const struct op *op = current_map(e);
	size_t n;

	if (!op)
		return false;
	n = model_plan(e->rules.pgsize_bitmap, op->iova, op->pa, op->size,
		       plan, MODEL_LEAF_BUDGET);
	/*
	 * No page size fits: iommu_map() refuses the map before the driver
	 * sees it, and @plan holds only its first leaves (the rest are an
	 * earlier op's).
	 */
	if (n == SIZE_MAX)
		return false;
	for (size_t i = 0; i < n && i < MODEL_LEAF_BUDGET; i++)
		if (plan[i].size < OMAP_SZ_1M &&
		    omap_block_below(e, plan, i, op->iova))
			return true;
	return false;
}

/*
 * omap-iommu: iopgd_alloc_section() and iopgd_alloc_super() write over the
 * first-level entry whatever it holds: a section mapped over a
 * second-level table (of live pages) drops the link to it, and the table
 * is never freed nor DMA-unmapped; the cache of tables is left with an
 * object.  ptfuzz sees it when it removes the MMU.
 */
static bool omap_block_over_table(struct engine *e)
{
	return e->op == SIZE_MAX &&
	       (warned_with("kmem_cache_destroy", "iopte_cache") ||
		warned_with("check_released", "DMA mappings left"));
}

/*
 * omap-iommu: a map over live leaves overwrites what it finds (no
 * -EEXIST), entry by entry: a 4K page over one entry of a 64K large page,
 * or a section over one of a supersection's 16, leaves a group whose
 * entries differ, which the MMU may walk either way.
 */
static bool omap_map_over_live(struct engine *e)
{
	const struct op *op = current_map(e);

	return op && omap_hits_live(e, op->iova, op->size);
}

/* @t translates as one of the leaves of the op's window before it. */
static bool matches_before(const struct engine *e, const struct hw_leaf *t)
{
	const struct pt_leaf *v;
	size_t n = leaves_before(e, &v);

	for (size_t i = 0; i < n; i++) {
		const struct pt_leaf *l = &v[i];

		if (l->iova == t->iova && l->size == t->size &&
		    l->phys == t->phys)
			return true;
	}
	return false;
}

/*
 * A TLB entry in the op's window that no leaf there matched before the op:
 * an earlier op changed the leaf without its invalidation, and was not
 * checked for it (an overwrite past the aperture lands outside its own
 * window).  A leaf the op itself leaves cached is not one.
 */
static bool stale_tlb_entry(const struct engine *e)
{
	const struct hw_device *d = e->t->device;
	struct hw_leaf t[32];

	for (int tw = 0; d && d->tlb_leaves && tw < PTF_NR_TWINS; tw++) {
		size_t n = d->tlb_leaves(&e->hw_ctx[tw], t, 32);

		for (size_t i = 0; i < n; i++)
			if (t[i].iova >= e->win_lo &&
			    t[i].iova + (t[i].size - 1) <= e->win_hi &&
			    !matches_before(e, &t[i]))
				return true;
	}
	return false;
}

/*
 * omap-iommu: the same overwrite flushes, before each page it writes,
 * only the one TLB entry that translates the page's IOVA
 * (flush_iotlb_page()): any other leaf it overwrites (a section inside
 * the supersection written over it, the pages of a table a section
 * replaces) stays in the TLB, translating to the old address.  Such an
 * entry can surface later: an unmap flushes the first entry it finds for
 * its IOVA, the stale one, and leaves the current one cached.
 */
static bool omap_overwrite_stale_tlb(struct engine *e)
{
	return omap_map_over_live(e) || stale_tlb_entry(e);
}

/*
 * Where the baseline's legacy step-unmap loop makes its first unmap: it
 * takes a lookup of 0 for a hole, so it steps over a page mapped at
 * physical address 0 (the series' PHYS_ADDR_MAX tells the two apart).
 */
static uint64_t legacy_first_unmap(const struct pt_leaf *v, size_t n,
				   uint64_t da)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].iova == da && !v[i].phys)
			return da + 4096;
	return da;
}

/*
 * omap-iommu: iopgtable_clear_entry_core() clears a 16-entry group (a 64K
 * large page, a 16M supersection) from its first entry but syncs the 16
 * entries from the IOVA it was given (pt_offset and pd_offset are computed
 * before the rewind): unmapping inside such a group leaves its first
 * entries unsynced, so the MMU may still walk them, and near the end of
 * the table the sync runs past it (the DMA API's debug code WARNs).
 * Matched as: an unmap whose first chunk lies inside a leaf, with a group
 * in reach (the core goes on from inside the next leaves); for a step
 * unmap, the baseline's first chunk (legacy_first_unmap()).
 */
static bool omap_unmap_sync_shifted(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct pt_leaf *in = NULL, *v;
	bool group = false;
	uint64_t da;
	size_t n;

	if (!op || (op->kind != OP_UNMAP && op->kind != OP_STEP_UNMAP))
		return false;
	da = omap_da(op->iova);
	n = leaves_before(e, &v);
	if (op->kind == OP_STEP_UNMAP)
		da = legacy_first_unmap(v, n, da);
	for (size_t i = 0; i < n; i++) {
		const struct pt_leaf *l = &v[i];

		if (l->iova < da && da - l->iova < l->size)
			in = l;
		group |= (l->size == (1ULL << 16) || l->size == (1ULL << 24)) &&
			 l->iova + l->size > da;
	}
	return in && group;
}

static bool omap_unmap_sync_past_table(struct engine *e)
{
	return omap_unmap_sync_shifted(e) &&
	       warned_with("dma_sync_single_for_device", "outside a mapping");
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

/*
 * vsi-iommu: vsi_iommu_identity_attach() takes the spinlock of
 * to_vsi_domain(domain), but its domain is the static identity domain,
 * not part of a struct vsi_iommu_domain: the lock it takes and releases
 * lies past the end of vsi_identity_domain, in whatever the kernel placed
 * there (ASan: global-buffer-overflow).  Every master goes there when it
 * is released (it is the release domain) or set to identity.  A hazard:
 * outside strict mode it is contained (docs/design.md).
 */
static bool vsi_identity_attach(struct engine *e)
{
	return e->core_attach;
}

/*
 * vsi-iommu: vsi_iommu_map_iova() returns "(pte_count - 1) * SPAGE_SIZE"
 * when it meets a valid PTE, which for the first PTE of a call (the only
 * one: the driver publishes 4K pages only) is (0u - 1) * 4096: -4096 as
 * an int, which is no errno (IS_ERR_VALUE() stops at -4095).  iommu_map()
 * hands it on (after its rollback, as for any error); VFIO passes it
 * to user space as the ioctl's error.  The model has the contract's
 * -EEXIST.
 */
static bool vsi_map_busy(struct engine *e)
{
	if (!current_op(e, OP_MAP))
		return false;
	/* Where the model has -EEXIST (a live PTE), exactly there. */
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		if (e->expect_ret[tw] != -EEXIST || e->res[tw].ret != -4096)
			return false;
	return true;
}

/*
 * virtio-iommu: viommu_map_pages() records the mapping in its interval
 * tree and queues the MAP request with viommu_add_req(), whose status no
 * one reads (iotlb_sync_map() syncs the queue; only requests added with
 * writeback have their status copied back).  A MAP the device refuses -
 * over a live mapping or a reserved region (INVAL), past the input range
 * (RANGE) - still returns 0 and stays in the tree: lookups translate an
 * IOVA the device does not.  The model holds the device's view: after a
 * map that returned 0, part of its range is not held by mappings it made.
 */
static bool virtio_map_refused(struct engine *e)
{
	const struct op *op = current_op(e, OP_MAP);
	uint64_t p, last;
	const struct pt_leaf *l;
	size_t n;

	if (!op || !op->size || e->res[BASE].ret || e->res[CAND].ret)
		return false;
	p = op->iova;
	last = op->iova + (op->size - 1);
	if (last < p)
		return false;
	n = model_leaves_in(&e->model[CAND], p, last, &l);
	for (size_t i = 0; i < n; i++) {
		const struct pt_leaf *old = model_lookup(&e->prev[CAND], l[i].iova);

		if (l[i].iova != p || (old && old->iova == l[i].iova &&
				       old->size == l[i].size))
			return true;
		p = l[i].iova + l[i].size;
		if (!p || p - 1 >= last)
			return false;
	}
	return true;
}

/*
 * The chunks of the current map op as iommu_pgsize() cuts them, up to the
 * one the armed allocation fails in, two
 * allocations a chunk (the mapping and its MAP request): whether one of
 * the chunks before the failing one meets a mapping the device held, or
 * with @only_failing, whether the failing chunk does.
 */
static bool virtio_failed_map_meets_live(struct engine *e, bool only_failing)
{
	const struct op *op = current_op(e, OP_MAP);
	uint64_t iova, pa, left, bitmap;
	unsigned int failing;
	const struct pt_leaf *l;

	if (!op || !e->armed || !e->res[BASE].fail_delivered ||
	    !e->res[CAND].fail_delivered)
		return false;
	failing = (e->armed - 1) / 2;
	bitmap = e->prev[CAND].rules.pgsize_bitmap;
	iova = op->iova;
	pa = op->pa;
	left = op->size;
	for (unsigned int chunk = 0; chunk <= failing && left; chunk++) {
		uint64_t count, pgsize = model_pgsize(bitmap, iova, pa, left, &count);
		uint64_t size = pgsize * count;
		bool meets;

		if (!pgsize || iova + (size - 1) < iova)
			return false;
		meets = model_leaves_in(&e->prev[CAND], iova, iova + (size - 1), &l);
		if (chunk == failing)
			return only_failing && meets;
		if (meets && !only_failing)
			return true;
		iova += size;
		pa += size;
		left -= size;
	}
	return false;
}

/*
 * The same MAP refused over a live mapping by a map that then fails (the
 * armed allocation, two per chunk: the mapping and its request): the
 * core's rollback unmaps the refused chunk from the tree together with the
 * live mapping under it, an UNMAP the device takes differently (it splits
 * a mapping past the chunk: RANGE) or none (the live one starts below the
 * chunk: the rollback stops and the tree keeps the refused one).  True if
 * a chunk before the failing one meets a mapping the device held.
 */
static bool virtio_map_refused_then_failed(struct engine *e)
{
	return virtio_failed_map_meets_live(e, false);
}

/*
 * virtio-iommu: when queueing the MAP request fails (its allocation, the
 * second of the chunk's two), viommu_map_pages() undoes its record with
 * viommu_del_mappings() of the chunk's range, which deletes by range, not
 * the mapping it added: under a live mapping that starts below the chunk
 * it deletes nothing (the tree keeps a mapping the device never got), and
 * live mappings starting inside the chunk go with it (the device keeps
 * translating them).  True if the failing chunk meets a mapping the
 * device held.
 */
static bool virtio_map_failure_deletes_by_range(struct engine *e)
{
	/* Only the MAP request's allocation (the chunk's second) undoes by range. */
	return e->armed % 2 == 0 && virtio_failed_map_meets_live(e, true);
}

/*
 * virtio-iommu: viommu_unmap_pages() removes from its interval tree every
 * mapping that meets the chunk, before it knows whether they tile it.
 * With a hole they do not: it returns 0 without an UNMAP request (the
 * device keeps translating them), or, with a hole between them, sends an
 * UNMAP of [iova, iova + bytes - 1], a range that splits a mapping (RANGE:
 * the device removes nothing).  iommu_unmap(@iova, @size) on the driver's
 * @tree, chunk by chunk as the core calls it: true at such a hole.
 */
static bool virtio_tree_unmap_hole(struct model *tree, uint64_t iova,
				   uint64_t size)
{
	uint64_t done = 0, bitmap = tree->rules.pgsize_bitmap;

	while (done < size) {
		uint64_t count, pgsize, chunk, sum = 0, p = iova;
		const struct pt_leaf *l;
		size_t n;
		bool tiled = true;

		pgsize = model_pgsize(bitmap, iova, iova, size - done, &count);
		if (!pgsize)
			return false;
		chunk = pgsize * count;
		n = model_leaves_in(tree, iova, iova + (chunk - 1), &l);
		if (!n || l[0].iova < iova)
			return false;
		for (size_t i = 0; i < n; i++) {
			tiled = tiled && l[i].iova == p;
			p = l[i].iova + l[i].size;
			sum += l[i].size;
		}
		if (sum < chunk || !tiled)
			return true;
		model_remove_leaves(tree, iova, iova + (sum - 1));
		done += sum;
		iova += sum;
	}
	return false;
}

/*
 * The op's unmaps, replayed on the driver's tree from the model before
 * the op (the device's view, which the tree matched): an unmap op's one
 * call, or every call of each twin's step-unmap loop.
 */
static bool virtio_unmap_hole(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);
	static struct model tree;

	if (op) {
		model_copy(&tree, &e->prev[CAND]);
		return op->size && virtio_tree_unmap_hole(&tree, op->iova, op->size);
	}
	if (!current_op(e, OP_STEP_UNMAP))
		return false;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct step_trace *st = &e->step[tw];

		model_copy(&tree, &e->prev[tw]);
		for (size_t i = 0; i < st->nr_calls; i++)
			if (st->calls[i].size &&
			    virtio_tree_unmap_hole(&tree, st->calls[i].iova,
						   st->calls[i].size))
				return true;
	}
	return false;
}

/*
 * virtio-iommu: viommu_unmap_pages() removes the mappings from its
 * interval tree, then queues the UNMAP request; when allocating the
 * request fails (-ENOMEM from viommu_add_req()), it returns 0 without
 * putting them back: the device keeps translating mappings the driver no
 * longer has, and no later unmap can reach them.
 */
static bool virtio_unmap_alloc_failed(struct engine *e)
{
	return (current_op(e, OP_UNMAP) || current_op(e, OP_STEP_UNMAP)) &&
	       (e->res[BASE].fail_delivered || e->res[CAND].fail_delivered);
}

/*
 * The iommu core: __iommu_unmap_domain_pgtbl() makes the gather of a
 * driver that does not use it look non-empty with
 * iommu_iotlb_gather_add_range(gather, iova, size), so that
 * iommu_iotlb_sync() still runs.  When iova + size wraps past 2^64 the
 * gather's end lands below its start, the gather stays empty and the sync
 * is skipped: virtio-iommu's queued UNMAP requests are never kicked, and
 * the device keeps translating what the driver removed and reported
 * unmapped.  Callers check the domain's geometry first (no in-kernel
 * caller passes such a range), so it is a hazard: outside strict mode the
 * op is not run.  Only virtio-iommu's unmap depends on the sync for what
 * the device holds; the other drivers invalidate in unmap_pages() or add
 * pages to the gather themselves.
 */
static bool unmap_range_wraps(struct engine *e)
{
	const struct op *op = current_op(e, OP_UNMAP);

	if (!op)
		op = current_op(e, OP_STEP_UNMAP);
	return op && op->size && op->iova + (op->size - 1) < op->iova;
}

/*
 * virtio-iommu: viommu_attach_identity_domain() attaches the endpoint to
 * the bypass domain identity_domain_id (the first of domain_range), but
 * records the static viommu_identity_domain as its domain, whose id is
 * never set (0).  viommu_detach_dev() then sends DETACH for domain 0: with
 * a domain_range that does not start at 0, outside it, and never the
 * domain the endpoint is in, which stays in bypass.
 */
static bool virtio_detach_wrong_domain(struct engine *e)
{
	return e->op == SIZE_MAX &&
	       strstr(e->detail, "DETACH of domain 0, outside domain_range");
}

/*
 * panthor_vm_unmap_pages(): a chunk at @offset into the unmap that comes up
 * short is recovered by probing from iova + unmapped_sz, the unmap's start,
 * instead of iova + offset + unmapped_sz.  The target runs that loop on its
 * model and names the finding when the twins probed as often as it does
 * and the device sees exactly what it leaves.
 */
static bool panthor_recovery_wrong_iova(struct engine *e)
{
	return vocab_hazard(e, "panthor-unmap-recovery-wrong-iova");
}

/*
 * panfrost: io-pgtable-arm frees a table it unlinks right after calling
 * the driver's tlb_flush_walk(), which panfrost leaves empty
 * (mmu_tlb_flush_walk() only "syncs"); the AS's LOCK and FLUSH_PT come
 * after the whole unmap loop (panfrost_mmu_flush_range()).  The flush
 * oracle sees the covering walk invalidation, but after the free.
 */
static bool panfrost_table_freed_before_flush(struct engine *e)
{
	return strstr(e->detail, "was freed before the walk-cache invalidation covering it");
}

/*
 * panfrost_mmu_map_fault_addr(): a fault that fails after reading the
 * chunk's pages from shmem (its sg table, DMA mapping or page-table map
 * failing) leaves them in the BO's page array; the next fault on the
 * chunk finds every page "already owned" and WARNs for each, where the
 * driver means to catch a partly filled folio range.  The target names
 * the op (such a chunk), the WARN site says the rest.
 */
static bool panfrost_fault_retry_warns(struct engine *e)
{
	return vocab_hazard(e, "panfrost-fault-retry-warns") &&
	       strstr(e->detail, "panfrost_mmu_map_fault_addr(): already_owned");
}

static const struct known_finding known[] = {
	{ "vsi-map-busy-returns-4096", "vsi", "contract",
	  "iommu_map() returned no errno", vsi_map_busy },
	{ "vsi-identity-attach-bogus-lock", "vsi", "sanitizer", NULL,
	  vsi_identity_attach, true },
	{ "virtio-map-status-ignored", "virtio", "device",
	  "the driver's record of its mappings differs from the device's",
	  virtio_map_refused },
	{ "virtio-map-status-ignored", "virtio", "device",
	  "the driver's record of its mappings differs from the device's",
	  virtio_map_refused_then_failed },
	{ "virtio-map-failure-deletes-by-range", "virtio", "device",
	  "the driver's record of its mappings differs from the device's",
	  virtio_map_failure_deletes_by_range },
	{ "virtio-unmap-hole-forgets-mappings", "virtio", "device",
	  "the driver's record of its mappings differs from the device's",
	  virtio_unmap_hole },
	{ "virtio-unmap-alloc-failure-forgets-mappings", "virtio", "device",
	  "the driver's record of its mappings differs from the device's",
	  virtio_unmap_alloc_failed },
	/* A step-unmap loop's later lookups read the tree, not the device. */
	{ "virtio-unmap-alloc-failure-forgets-mappings", "virtio", "step-unmap",
	  NULL, virtio_unmap_alloc_failed },
	{ "core-unmap-wrap-skips-sync", "virtio", "window", NULL,
	  unmap_range_wraps, true },
	{ "virtio-bypass-detach-wrong-domain", "virtio", "device",
	  "a register access the hardware does not allow",
	  virtio_detach_wrong_domain },
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
	{ "tegra-domain-free-leaks-tables", "tegra", "leak", NULL,
	  tegra_free_leaks_tables },
	{ "tegra-domain-free-leaks-tables", "tegra", "warn", NULL,
	  tegra_free_leaves_mappings },
	{ "tegra-pa-past-width", "tegra", "hardware", NULL, tegra_pa_past_width,
	  true },
	{ "sprd-map-truncates-pa", "sprd", "window", NULL, sprd_pa_above_4g,
	  true },
	{ "sprd-free-disables-iommu", "sprd", "hardware", NULL,
	  sprd_free_disables_iommu },
	{ "sprd-remove-leaves-clock-on", "sprd", "warn", NULL,
	  sprd_remove_leaves_clock },
	{ "sprd-range-check-wraps", "sprd", "sanitizer", NULL, sprd_range_wraps,
	  true },
	{ "rockchip-xlate-reference-leak", "rockchip", "warn", NULL,
	  rk_xlate_failed },
	{ "rockchip-bank-error-pointer", "rockchip", "kernel", "memory",
	  rk_bank_failed_to_map },
	{ "omap-query-before-attach", "omap", "sanitizer", NULL,
	  query_before_attach, true },
	{ "ipmmu-query-before-attach", "ipmmu_vmsa", "sanitizer", NULL,
	  query_before_attach, true },
	{ "ipmmu-remove-unregistered-main", "ipmmu_vmsa", "warn", NULL,
	  ipmmu_remove_unregistered, .goes_on = true },
	{ "omap-page-under-section", "omap", "sanitizer", NULL,
	  omap_page_under_section, true },
	{ "omap-block-over-table-leaks", "omap", "warn", NULL,
	  omap_block_over_table },
	{ "omap-group-unmap-sync-shifted", "omap", "sync", NULL,
	  omap_unmap_sync_shifted },
	{ "omap-group-unmap-sync-shifted", "omap", "warn", NULL,
	  omap_unmap_sync_past_table },
	{ "omap-map-over-live-breaks-group", "omap", "hardware",
	  "the device would fault on the tables", omap_map_over_live },
	{ "omap-overwrite-keeps-stale-tlb", "omap", "flush", NULL,
	  omap_overwrite_stale_tlb },
	{ "mtk-v1-iova-past-table", "mtk_v1", "sanitizer", NULL,
	  mtk_v1_iova_past_table, true },
	{ "mtk-v1-core-domain-unusable", "mtk_v1", "sanitizer", NULL,
	  mtk_v1_core_domain, true },
	{ "mtk-v1-larb-refs-leak-on-enomem", "mtk_v1", "warn", NULL,
	  mtk_v1_larb_refs_leak },
	{ "mtk-iommu-pgtable-never-freed", "mtk_iommu", "warn", NULL,
	  mtk_iommu_pgtable_mappings_kept },
	{ "mtk-iommu-4gb-map-crosses-4g", "mtk_iommu", "hardware", NULL,
	  mtk_iommu_4gb_call_crosses_4g, true },
	{ "mtk-iommu-probe-leaks-smi-node", "mtk_iommu", "warn", NULL,
	  mtk_iommu_smi_node_leak },
	{ "mtk-iommu-no-flush-ops", "mtk_iommu", "flush",
	  "a table page was freed before the walk cache was invalidated",
	  mtk_iommu_freed_before_flush },
	{ "mtk-iommu-no-flush-ops", "mtk_iommu", "flush",
	  "an unlinked table was not invalidated in the walk cache",
	  mtk_iommu_failed_map_unflushed },
	{ "mtk-iommu-no-flush-ops", "mtk_iommu", "flush",
	  "a removed or changed leaf was not invalidated",
	  mtk_iommu_failed_map_unflushed },

	{ "s390-unmap-hole-full-size", "s390", "warn", NULL,
	  s390_unmap_fills_hole, .goes_on = true },
	{ "s390-unmap-hole-full-size", "s390", "contract",
	  "iommu_unmap() byte count", s390_unmap_hole_unbounded, true },
	{ "s390-unmap-failure-unrefreshed", "s390", "flush",
	  "a removed or changed leaf was not invalidated",
	  s390_unmap_failure_unrefreshed },
	{ "s390-lookup-drops-offset", "s390", "lookup",
	  "iova_to_phys_length disagrees with iova_to_phys",
	  lookup_drops_offset, .goes_on = true, .cand_fixes = true },
	{ "s390-lookup-drops-offset", "s390", "lookup",
	  "iova_to_phys disagrees with the model",
	  legacy_drops_offset, .goes_on = true },
	{ "s390-lookup-drops-offset", "s390", "lookup",
	  "translation not linear across the leaf",
	  legacy_drops_offset, .goes_on = true },
	{ "mtk-v1-lookup-drops-offset", "mtk_v1", "lookup",
	  "iova_to_phys_length disagrees with iova_to_phys",
	  lookup_drops_offset, .goes_on = true, .cand_fixes = true },
	{ "mtk-v1-lookup-drops-offset", "mtk_v1", "lookup",
	  "iova_to_phys disagrees with the model",
	  legacy_drops_offset, .goes_on = true },
	{ "mtk-v1-lookup-drops-offset", "mtk_v1", "lookup",
	  "translation not linear across the leaf",
	  legacy_drops_offset, .goes_on = true },
	{ "sprd-lookup-hole-offset", "sprd", "lookup",
	  "iova_to_phys_length disagrees with iova_to_phys",
	  sprd_lookup_hole_offset, .goes_on = true, .cand_fixes = true },
	{ "sprd-lookup-hole-offset", "sprd", "lookup",
	  "iova_to_phys disagrees with the model",
	  sprd_legacy_hole_offset, .goes_on = true },
	{ "iopgtable-split-unmap-inval", "arm_lpae arm_smmu arm_smmu_v3 qcom_iommu ipmmu_vmsa", "flush",
	  "a removed or changed leaf was not invalidated", unmap_splits_block },
	{ "iopgtable-split-unmap-inval", "arm_v7s", "flush",
	  "a removed or changed leaf was not invalidated", unmap_splits_block },
	{ "lpae-s2-concat-leak", "arm_lpae", "leak",
	  "memory left after the domain was freed", s2_concat_refused },
	{ "smmu-s2-ipa-needs-concat", "arm_smmu", "contract",
	  "a configuration a driver uses was refused", smmu_s2_concat_refused },
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "dirty", NULL,
	  lpae_dirty_window },
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "flush",
	  "a removed or changed leaf was not invalidated", lpae_dirty_window },
	/* The skipped last block keeps its dirty bit, which only the tables show. */
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "window",
	  "tables differ from the model", lpae_dirty_window },
	{ "iova-bitmap-write-past-end", "arm_lpae arm_smmu_v3", "dirty",
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
	{ "io-pgtable-pgcount-truncated", "arm_lpae arm_smmu arm_smmu_v3 qcom_iommu ipmmu_vmsa", "contract",
	  "iommu_unmap() byte count", pgcount_truncated },
	{ "io-pgtable-pgcount-truncated", "dart apple_dart", "contract",
	  "iommu_unmap() byte count", pgcount_truncated },
	{ "lpae-lookup-last-iova", "arm_lpae arm_smmu arm_smmu_v3 qcom_iommu ipmmu_vmsa", "lookup", NULL,
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
	{ "msm-clock-errno-as-phys", "msm", "lookup",
	  "the baseline's iova_to_phys without the hardware returned a translation",
	  msm_errno_as_phys, .cand_fixes = true },
	{ "msm-clock-errno-as-phys", "msm", "step-unmap", NULL,
	  msm_errno_in_legacy_loop, .cand_fixes = true },
	{ "msm-flush-unclocked", "msm", "flush",
	  "a removed or changed leaf was not invalidated", msm_flush_unclocked },
	{ "msm-detach-unclocked", "msm", "warn",
	  "WARN in an op inside the API contract", msm_flush_unclocked },
	{ "qcom-debug-soft-walk-pa0", "arm_smmu", "fault",
	  "the handler says the software walk failed on a translated IOVA",
	  qcom_soft_walk_pa0, .cand_fixes = true },
	{ "arm-smmu-atos-par-39-12", "arm_smmu", "lookup", NULL,
	  smmu_atos_par_39_12 },
	{ "arm-smmu-atos-par-39-12", "arm_smmu", "step-unmap", NULL,
	  smmu_atos_par_39_12_loop },
	{ "qcom-iommu-tlbi-iova-carried", "qcom_iommu", "flush",
	  "a removed or changed leaf was not invalidated",
	  qcom_tlbi_iova_carried },
	{ "panfrost-table-freed-before-flush", "panfrost", "flush",
	  "a table page was freed before the walk cache was invalidated",
	  panfrost_table_freed_before_flush },
	{ "panfrost-fault-retry-warns", "panfrost", "warn",
	  "WARN in an op inside the API contract", panfrost_fault_retry_warns },
	/* The retried map fails again, with the WARN the model predicts. */
	{ "panfrost-fault-retry-warns", "panfrost", "warn",
	  "WARN at a site not on the allow-list", panfrost_fault_retry_warns },
	{ "panthor-unmap-recovery-wrong-iova", "panthor", "window", NULL,
	  panthor_recovery_wrong_iova },
	{ "panthor-unmap-recovery-wrong-iova", "panthor", "step-unmap",
	  "walks differ from the model", panthor_recovery_wrong_iova },
	/* Resumed inside a block, each chunk WARNs again. */
	{ "panthor-unmap-recovery-wrong-iova", "panthor", "warn", NULL,
	  panthor_recovery_wrong_iova },
	{ "smmuv3-inv-granule-truncated", "arm_smmu_v3", "sanitizer", NULL,
	  smmuv3_granule_truncated, true },
	{ "smmuv3-dirty-clear-no-tlbi", "arm_smmu_v3", "flush",
	  "a removed or changed leaf was not invalidated", dirty_bits_cleared },
	{ NULL },
};

/*
 * The targets are names, space-separated: the io-pgtable-arm findings are
 * also arm_smmu_v3's, which runs the same code; "pt_*" names every
 * generic_pt target.
 */
static bool for_target(const struct known_finding *k, const char *name)
{
	for (const char *t = k->target; *t; t += strspn(t, " ")) {
		size_t n = strcspn(t, " ");

		if (n && t[n - 1] == '*' ? !strncmp(t, name, n - 1) :
		    strlen(name) == n && !strncmp(t, name, n))
			return true;
		t += n;
	}
	return false;
}

/* The known finding @id is this target's and its circumstances hold. */
static bool meets(struct engine *e, const char *id)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (!strcmp(k->id, id) && for_target(k, e->t->name) &&
		    k->applies(e))
			return true;
	return false;
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

bool known_cand_fixes(const char *id)
{
	for (const struct known_finding *k = known; id && k->id; k++)
		if (!strcmp(k->id, id) && k->cand_fixes)
			return true;
	return false;
}

bool known_goes_on(const char *id)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (!strcmp(k->id, id))
			return k->goes_on;
	return false;
}

const char *known_finding(const struct engine *e, const char *oracle,
			  const char *signature)
{
	/* The identity domain's lookups are the core's: no driver's finding. */
	if (current_op(e, OP_IDENTITY))
		return NULL;
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
