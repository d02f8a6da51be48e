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
 */
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
	bool (*applies)(const struct engine *e);
	/*
	 * Running into it is a hazard: undefined behaviour (a sanitizer may
	 * fire before any oracle looks) or work without bound.  Outside
	 * strict mode such an op (or domain) is not run at all.
	 */
	bool hazard;
};

static bool warned_in(const char *func)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct rt_warn *w;
		size_t n = rt_warns(tw, &w);

		for (size_t i = 0; i < n; i++)
			if (!strcmp(w[i].func, func))
				return true;
	}
	return false;
}

/*
 * io-pgtable-arm: arm_64_lpae_alloc_pgtable_s2() WARNs and returns NULL
 * without freeing its struct arm_lpae_io_pgtable when the concatenated
 * stage-2 PGD would need more than 16 tables.
 */
static bool s2_concat_refused(const struct engine *e)
{
	return warned_in("arm_64_lpae_alloc_pgtable_s2");
}

/*
 * io-pgtable-arm: read_and_clear_dirty() over a window that starts inside
 * a block walks on from the unaligned address: it reports and gathers each
 * block shifted by the offset, and can skip the window's last block.
 */
static bool dirty_window_inside_block(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct pt_leaf *l;

	if (!op || op->kind != OP_READ_DIRTY)
		return false;
	l = model_lookup(&e->model, op->iova);
	return l && l->iova != op->iova;
}

/*
 * msm_iommu: with a clock that fails to enable, the legacy iova_to_phys()
 * returns the errno as the physical address (the candidate, with patch
 * 0014, says no translation: that is what tells the baseline's apart).
 */
static bool msm_errno_as_phys(const struct engine *e)
{
	return e->res[BASE].unavailable &&
	       (!e->res[CAND].unavailable || e->res[CAND].phys == NO_PHYS);
}

/*
 * msm_iommu: __flush_iotlb() and __flush_iotlb_range() return quietly when
 * the clocks fail to enable: the unmapped leaves are never invalidated.
 */
static bool msm_flush_unclocked(const struct engine *e)
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
 * arm-smmu-v3: arm_smmu_iotlb_sync() returns at once for a gather without
 * a page size, and the dirty walk gathers with iommu_iotlb_gather_add_range(),
 * which sets none: the TLB entries of the leaves whose dirty state was
 * cleared are never invalidated.
 */
static bool dirty_bits_cleared(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	return op && op->kind == OP_READ_DIRTY && !(op->arg & OP_DIRTY_NO_CLEAR);
}

/*
 * io-pgtable-arm: iova_to_phys() walks [iova, iova + 1), which is empty for
 * the last IOVA of the address space (TTBR1 tables reach it): nothing is
 * visited and the translation is read from an uninitialised stack variable.
 */
static bool lookup_of_last_iova(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct pt_leaf *l;

	if (!op || op->kind != OP_LOOKUP)
		return false;
	l = model_lookup(&e->model, op->iova);
	return op->iova == UINT64_MAX || (l && l->iova + (l->size - 1) == UINT64_MAX);
}

/*
 * generic_pt: pt_top_memsize_lg2() sizes the top table as 2^(max_vasz_lg2 -
 * item size of the top level) entries, an unsigned subtraction that wraps
 * when the VA is narrower than one top-level item; the allocation size is
 * then 1 << (about 2^32): undefined.  VT-d's compute_vasz_lg2_ss() asks for
 * exactly that (top level 4, 39..47 bits) when SAGAW offers only a 5-level
 * walk and MGAW is below 48.  Items are 2^(granule + 9 * level) bytes here
 * (granule 2K for the mock); amdv1 without a dynamic top caps the VA at
 * its starting level's span first, and a dynamic top never wraps.
 */
static bool top_narrower_than_item(const struct engine *e)
{
	const struct ptf_pt_config *pt = &e->ts.pt;
	unsigned int granule = pt->fmt == PTF_FMT_PT_AMDV1_MOCK ? 11 : 12;
	unsigned int item = granule + 9 * pt->level, vasz = pt->ias;
	bool amd = pt->fmt == PTF_FMT_PT_AMDV1 || pt->fmt == PTF_FMT_PT_AMDV1_MOCK;

	if (e->op != SIZE_MAX || pt->fmt < PTF_NR_IOPGTABLE_FMTS ||
	    pt->fmt == PTF_FMT_PT_RISCV64)
		return false;
	if (amd && (pt->features & PTF_PT_DYNAMIC_TOP))
		return false;
	if (amd && vasz > item + 9)
		vasz = item + 9;
	return vasz && vasz < item;
}

/*
 * generic_pt: map_range() trusts the length to be a multiple of the
 * smallest page size.  With one that is not, it maps the pages that fit,
 * then finds no page size for the tail (pt_compute_best_pgsize() returns
 * 0), turns that into a leaf level below 0 and walks on: PT_WARN_ON()s with
 * CONFIG_DEBUG_GENERIC_PT, out-of-range shifts and table writes below the
 * last level without.  A length of one byte trips the same function's
 * "va >= last_va" check at once.  The core checks the alignment only on the
 * io-pgtable path (__iommu_map_domain_pgtbl()), so iommu_map() hands such a
 * length to generic_pt unchecked.  The model calls the first kind unknown.
 */
static bool map_with_unmappable_tail(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	struct model *m = (struct model *)&e->model;
	int ret;

	if (!op || op->kind != OP_MAP || m->rules.family != MODEL_GENERIC_PT ||
	    !(op->prot & (MODEL_PROT_READ | MODEL_PROT_WRITE)) ||
	    op->pa >= m->rules.pa_limit)
		return false;
	/* Not applied: the model is left as it is. */
	return op->size == 1 ||
	       model_map(m, op->iova, op->pa, op->size, op->prot, &ret,
			 false) == MODEL_UNKNOWN;
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
static bool range_into_noncanonical(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct model_rules *r = &e->model.rules;
	uint64_t last, prefix, half = -r->upper_first;
	unsigned int vasz;
	bool accepted, canonical;

	if (!op || r->family != MODEL_GENERIC_PT || !r->upper_first ||
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

/* A read_dirty of generic_pt whose window starts inside a leaf. */
static bool window_starts_inside_a_leaf(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct pt_leaf *l;

	if (!op || op->kind != OP_READ_DIRTY ||
	    e->model.rules.family != MODEL_GENERIC_PT)
		return false;
	l = model_lookup(&e->model, op->iova);
	return l && l->iova < op->iova;
}

/*
 * generic_pt + iommufd: a dirty-bitmap window that starts inside a dirty
 * leaf.  record_dirty() reports the whole leaf, from its first IOVA, which
 * lies before the window; iova_bitmap_set() cannot place an IOVA below the
 * bitmap's first one (iova_bitmap_advance_to() fails) and drops the whole
 * range.  The leaf is reported nowhere, and without IOMMU_DIRTY_NO_CLEAR
 * its dirty bit is cleared all the same: the write is lost.
 */
static bool dirty_window_starts_inside_leaf(const struct engine *e)
{
	if (e->info[BASE].dirty_from_walk)
		return false;		/* 7.2: genpt-dirty-window-shifted */
	return window_starts_inside_a_leaf(e);
}

/*
 * generic_pt in 7.2 (dirty_from_walk): the other way round.  A leaf that
 * starts before the window is recorded from the window's start with the
 * leaf's full size, and its invalidation gathered the same way: the
 * range is shifted by the window's offset into the leaf.  Pages past the
 * leaf's end are reported dirty, and the leaf's head, whose dirty bit was
 * cleared, is not covered by an invalidation.
 */
static bool dirty_window_shifted(const struct engine *e)
{
	return e->info[BASE].dirty_from_walk &&
	       window_starts_inside_a_leaf(e);
}


/*
 * generic_pt riscv64: the RISC-V driver asks for PT_FEAT_RISCV_SVPBMT when
 * the IOMMU has Svpbmt, but iommu_riscv64.c leaves it out of
 * PT_SUPPORTED_FEATURES: without CONFIG_DEBUG_GENERIC_PT (which supports
 * every feature) pt_init_common() refuses the domain.
 */
static bool riscv_svpbmt_domain(const struct engine *e)
{
	return e->ts.pt.fmt == PTF_FMT_PT_RISCV64 &&
	       (e->ts.pt.features & PTF_PT_FMT(1));
}

/*
 * iommufd's iova_bitmap_set() never clamps a range to the bitmap's end: a
 * driver that records a whole dirty leaf reaching past the window gets
 * bits set past the user's bitmap, up to the end of its last pinned page
 * (iova_bitmap_advance_to() "advances" to the same pages and the loop only
 * stops at the last one).  That is a write into user memory the caller
 * did not hand over; ASan sees a heap-buffer-overflow of the bitmap.
 * generic_pt records a leaf from its first IOVA (one that starts before
 * the window is dropped instead: genpt-dirty-window-inside-leaf),
 * io-pgtable-arm from the walk's position, with the leaf's full size.
 */
static const struct op *dirty_read(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;

	return op && op->kind == OP_READ_DIRTY && op->size &&
	       e->model.rules.tracks_dirty ? op : NULL;
}

/*
 * generic_pt: a dirty leaf that starts in the window and ends past it; or,
 * before 7.3 (dirty_from_walk: recorded from the window's start with its
 * full size), one that starts before the window and is larger than it.
 */
static bool genpt_records_past_end(const struct engine *e)
{
	const struct op *op = dirty_read(e);
	const struct pt_leaf *l;
	uint64_t last;
	size_t n;

	if (!op || e->model.rules.family != MODEL_GENERIC_PT)
		return false;
	last = op->iova + (op->size - 1);
	n = model_leaves_in(&e->model, op->iova, last, &l);
	for (size_t i = 0; i < n; i++) {
		uint64_t from = l[i].iova;

		if (!l[i].dirty)
			continue;
		if (from < op->iova && e->info[BASE].dirty_from_walk)
			from = op->iova;
		if (from >= op->iova && from + (l[i].size - 1) > last)
			return true;
	}
	return false;
}

/*
 * io-pgtable-arm's walk records each dirty leaf at the walk's position,
 * which steps from the window's first IOVA by leaf sizes.
 */
static bool lpae_records_past_end(const struct engine *e)
{
	const struct op *op = dirty_read(e);
	uint64_t pos, last;

	if (!op)
		return false;
	last = op->iova + (op->size - 1);
	for (pos = op->iova; pos <= last;) {
		const struct pt_leaf *l = model_lookup(&e->model, pos);

		if (!l)
			return false;	/* the walk stops at a hole */
		if (l->dirty && pos + (l->size - 1) > last)
			return true;
		if (pos + l->size < pos)
			return false;
		pos += l->size;
	}
	return false;
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
static bool rk_bank_failed_to_map(const struct engine *e)
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
static bool rk_xlate_failed(const struct engine *e)
{
	return e->op == SIZE_MAX && e->ts.create_fail &&
	       warned_with("check_released", "references taken and not put");
}

/*
 * sun50i-iommu: sun50i_iommu_enable() programs the permission domains with
 * plain writes, but domains 2 (ACI_RD) and 3 (ACI_WR) share
 * IOMMU_DM_AUT_CTRL_REG1: the ACI_WR write replaces the ACI_RD one, whose
 * write-unavailable bits are lost.  Pages mapped IOMMU_READ only are
 * writable by every master.  The window shows the leaf with write access
 * added and nothing else changed.
 */
static bool sun50i_read_only_writable(const struct engine *e)
{
	const struct pt_leaf *m;
	size_t n = model_leaves_in(&e->model, e->win_lo, e->win_hi, &m);
	bool seen = false;

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct leafvec *hw = &e->hw[tw];

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
static bool sun50i_domain_never_detached(const struct engine *e)
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
static bool exynos_zero_table_unsynced(const struct engine *e)
{
	return !rt_dma_mapped(e->unsynced.twin, e->unsynced.phys,
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
static bool exynos_iova_past_32_bits(const struct engine *e)
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
static bool exynos_section_over_mapped_table(const struct engine *e)
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
 * to an invalidation by address that carries the wrong leaf size.
 */
static bool unmap_splits_block(const struct engine *e)
{
	const struct op *op;
	uint64_t last;

	if (!e->rules.unmap_splits_blocks || e->op >= e->prog->nr_ops)
		return false;
	op = &e->prog->ops[e->op];
	if (op->kind != OP_UNMAP || !op->size)
		return false;
	last = op->iova + (op->size - 1);
	for (size_t i = 0; i < e->before.n; i++) {
		const struct pt_leaf *l = &e->before.v[i];
		uint64_t end = l->iova + (l->size - 1);

		if ((l->iova < op->iova && end >= op->iova) ||
		    (l->iova <= last && end > last))
			return true;
	}
	return false;
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

static bool dirty_contig_last_item(const struct engine *e)
{
	const struct op *op = dirty_read(e);
	const struct dirty_bitmap *db = &e->dirty;
	const struct pt_leaf *l;
	uint64_t last;
	size_t n;

	/* 7.2's record_dirty() is the one that records from the walk. */
	if (!op || e->model.rules.family != MODEL_GENERIC_PT ||
	    !e->info[BASE].dirty_from_walk)
		return false;
	last = op->iova + (op->size - 1);
	n = model_leaves_in(&e->model, op->iova, last, &l);
	for (size_t i = 0; i < n; i++) {
		uint64_t first_bit = (l[i].iova - db->iova) / db->page;
		uint64_t last_bit = (l[i].iova + (l[i].size - 1) - db->iova) / db->page;

		if (l[i].iova < op->iova || l[i].iova + (l[i].size - 1) > last)
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
	/* A read-only leaf the model adopted reads as changed (writable). */
	{ "sun50i-read-only-pages-writable", "sun50i", "flush",
	  "a removed or changed leaf was not invalidated",
	  sun50i_read_only_writable },
	{ "sun50i-domain-never-detached", "sun50i", "warn", NULL,
	  sun50i_domain_never_detached },
	{ "rockchip-xlate-reference-leak", "rockchip", "warn", NULL,
	  rk_xlate_failed },
	{ "rockchip-bank-error-pointer", "rockchip", "kernel", "memory",
	  rk_bank_failed_to_map },
	{ "genpt-dirty-contig-last-item", "pt_*", "dirty",
	  "a dirty range was not reported", dirty_contig_last_item },
	{ "genpt-dirty-contig-last-item", "pt_*", "flush",
	  "a removed or changed leaf was not invalidated", dirty_contig_last_item },
	{ "genpt-dirty-window-shifted", "pt_*", "flush",
	  "a removed or changed leaf was not invalidated", dirty_window_shifted },
	{ "genpt-dirty-window-shifted", "pt_*", "dirty",
	  "a clean range was reported dirty", dirty_window_shifted },
	{ "iopgtable-split-unmap-inval", "arm_lpae", "flush",
	  "a removed or changed leaf was not invalidated", unmap_splits_block },
	{ "iopgtable-split-unmap-inval", "arm_v7s", "flush",
	  "a removed or changed leaf was not invalidated", unmap_splits_block },
	{ "lpae-s2-concat-leak", "arm_lpae", "leak",
	  "memory left after the domain was freed", s2_concat_refused },
	{ "iova-bitmap-write-past-end", "arm_lpae arm_smmu_v3", "sanitizer", NULL,
	  lpae_records_past_end, true },
	{ "iova-bitmap-write-past-end", "pt_*", "sanitizer", NULL,
	  genpt_records_past_end, true },
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "dirty",
	  "a clean range was reported dirty", dirty_window_inside_block },
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "dirty",
	  "a dirty range was not reported", dirty_window_inside_block },
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "flush",
	  "a removed or changed leaf was not invalidated",
	  dirty_window_inside_block },
	/* The skipped last block keeps its dirty bit, which only the tables show. */
	{ "lpae-dirty-unaligned-window", "arm_lpae arm_smmu_v3", "window",
	  "tables differ from the model", dirty_window_inside_block },
	{ "lpae-lookup-last-iova", "arm_lpae arm_smmu_v3", "lookup", NULL,
	  lookup_of_last_iova, true },
	{ "genpt-top-narrower-than-item", "pt_*", "sanitizer", NULL,
	  top_narrower_than_item, true },
	{ "genpt-map-unaligned-length", "pt_*", "warn", NULL,
	  map_with_unmappable_tail, true },
	{ "genpt-riscv-svpbmt-refused", "pt_riscv64", "contract",
	  "a configuration a driver uses was refused", riscv_svpbmt_domain },
	{ "genpt-dirty-window-inside-leaf", "pt_*", "dirty",
	  "a dirty range was not reported", dirty_window_starts_inside_leaf },
	{ "genpt-sign-extend-range-check", "pt_*", "contract", NULL,
	  range_into_noncanonical, true },
	{ "genpt-sign-extend-range-check", "pt_*", "window", NULL,
	  range_into_noncanonical, true },
	{ "genpt-sign-extend-range-check", "pt_*", "lookup", NULL,
	  range_into_noncanonical, true },
	{ "msm-clock-errno-as-phys", "msm", "lookup",
	  "the baseline's iova_to_phys without the hardware returned a translation",
	  msm_errno_as_phys },
	{ "msm-flush-unclocked", "msm", "flush",
	  "a removed or changed leaf was not invalidated", msm_flush_unclocked },
	{ "msm-detach-unclocked", "msm", "warn",
	  "WARN in an op inside the API contract", msm_flush_unclocked },
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

const char *known_hazard(const struct engine *e)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (k->hazard && for_target(k, e->t->name) && k->applies(e))
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
		if (for_target(k, e->t->name) && !strcmp(k->oracle, oracle) &&
		    (!k->signature || !strcmp(k->signature, signature)) &&
		    k->applies(e))
			return k->id;
	return NULL;
}
