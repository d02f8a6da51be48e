// SPDX-License-Identifier: GPL-2.0
/*
 * The generic engine: one program, two kernel twins and the model.
 *
 * Every op runs on the baseline twin (tree without the series) and on the
 * candidate twin (tree with it) through the iommu core, and is predicted by
 * the model.  Ops inside the API contract must match the model exactly;
 * ops outside it must leave both twins identical, after which the model
 * adopts what they did.  The oracles (oracles.c) run after every op; a
 * finding prints a report and aborts (report.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "kunit.h"
#include "runtime.h"

/*
 * An in-contract step_unmap covers at most MODEL_TOTAL_BUDGET leaves, one
 * lookup each.  A hole costs a lookup per page and tells nothing new after
 * the first few, so a range with long holes stops early: both twins still
 * make the same unmap calls, and only a hole-free range is checked whole.
 */
#define STEP_HOLE_PAGES_MAX	1024	/* hole lookups one step_unmap may make */
#define STEP_ITER_MAX		(MODEL_TOTAL_BUDGET + STEP_HOLE_PAGES_MAX)
#define STEP_CALLS_MAX		STEP_ITER_MAX
#define LEGACY_SCAN_MAX		16384	/* pages the legacy loop may scan */
#define CPU_PAGE		4096ULL	/* PAGE_SIZE, as VFIO steps */

static struct engine the_engine;

const char *twin_name(int tw)
{
	return tw == BASE ? "baseline" : "candidate";
}

static const struct ptf_twin_ops *ops(struct engine *e, int tw)
{
	return e->t->twin[tw];
}

static void enter(struct engine *e, int tw)
{
	ptf_rt_set_twin(tw);
	if (e->fail_nth)
		rt_fail_nth(tw, e->fail_nth);
}

static void leave(struct engine *e, int tw)
{
	e->res[tw].fail_delivered |= rt_fail_delivered(tw);
	rt_fail_nth(tw, 0);
}

/* Did the armed allocation failure hit?  Both twins must say the same. */
static bool fail_delivered(struct engine *e)
{
	if (e->opts.no_oracles)
		return e->res[CAND].fail_delivered;
	if (e->res[BASE].fail_delivered != e->res[CAND].fail_delivered)
		finding(e, "twins", "allocation failure reached one twin only",
			"the armed allocation failure was %s on the baseline and %s on the candidate\n",
			e->res[BASE].fail_delivered ? "delivered" : "not reached",
			e->res[CAND].fail_delivered ? "delivered" : "not reached");
	return e->res[BASE].fail_delivered;
}

static bool in_aperture(const struct engine *e, uint64_t iova, uint64_t size)
{
	return model_in_aperture(&e->model, iova, size ? size : 1);
}

/*
 * The part of the domain an op on [iova, iova + size) can touch: the range
 * and every leaf it intersects; the whole aperture for an op outside it
 * (a table may alias a stray IOVA anywhere).  Snapshots the model there.
 */
static void set_window(struct engine *e, uint64_t iova, uint64_t size)
{
	const struct pt_leaf *l;
	size_t n;

	e->op_in_aperture = size && in_aperture(e, iova, size);
	if (e->op_in_aperture) {
		e->win_lo = iova;
		e->win_hi = iova + (size - 1);
		model_widen(&e->model, &e->win_lo, &e->win_hi);
	} else {
		e->win_lo = e->rules.va_first;
		e->win_hi = e->rules.upper_first ? UINT64_MAX : e->rules.va_last;
	}
	leafvec_clear(&e->before);
	n = model_leaves_in(&e->model, e->win_lo, e->win_hi, &l);
	for (size_t i = 0; i < n; i++)
		leafvec_push(&e->before, &l[i]);
}

static void check_twins_agree_ret(struct engine *e, const char *what)
{
	if (e->res[BASE].ret != e->res[CAND].ret)
		finding(e, "twins", "return codes differ",
			"%s returned %d on the baseline and %d on the candidate\n",
			what, e->res[BASE].ret, e->res[CAND].ret);
}

static void check_twins_agree_bytes(struct engine *e, const char *what)
{
	if (e->res[BASE].bytes != e->res[CAND].bytes)
		finding(e, "twins", "unmapped byte counts differ",
			"%s unmapped 0x%" PRIx64 " bytes on the baseline and 0x%" PRIx64 " on the candidate\n",
			what, e->res[BASE].bytes, e->res[CAND].bytes);
}

static uint64_t min_pgsize(const struct engine *e)
{
	return e->rules.pgsize_bitmap & -e->rules.pgsize_bitmap;
}

/* The checks every state-changing op ends with. */
static void settle(struct engine *e, enum model_verdict verdict,
		   bool in_contract)
{
	oracle_warns(e, in_contract);
	oracle_window(e, verdict);
	/*
	 * Past the aperture, v7s and DART wrap the IOVA into the table and
	 * unmap (and flush) the wrong address; every caller checks the
	 * domain's geometry first, so only twin agreement is asked there.
	 */
	if (e->op_in_aperture)
		oracle_flushes(e);
}

/* Field by field: the twins' structs may differ in their padding. */
static bool info_equal(const struct ptf_pt_info *a, const struct ptf_pt_info *b)
{
	return a->pgsize_bitmap == b->pgsize_bitmap && a->ias == b->ias &&
	       a->oas == b->oas && a->va_first == b->va_first &&
	       a->va_last == b->va_last &&
	       a->va_upper_first == b->va_upper_first &&
	       a->top_level == b->top_level &&
	       !memcmp(a->regs, b->regs, sizeof(a->regs));
}

static void check_enomem(struct engine *e, int tw)
{
	if (e->res[tw].ret != -ENOMEM)
		finding(e, "contract", "allocation failure not reported",
			"%s twin\nexpected: -ENOMEM after the armed allocation failure\nactual:   %d\n",
			twin_name(tw), e->res[tw].ret);
}

/* The model's word first (it says what was due), then the twins'. */
static void check_map(struct engine *e, enum model_verdict v, int expect,
		      bool failed)
{
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		if (failed)
			check_enomem(e, tw);
		if (!failed && v == MODEL_EXACT && e->res[tw].ret != expect)
			finding(e, "contract", "iommu_map() return code",
				"%s twin\nexpected: %d\nactual:   %d\n",
				twin_name(tw), expect, e->res[tw].ret);
	}
	check_twins_agree_ret(e, "iommu_map()");
}

static void do_map(struct engine *e, const struct op *op)
{
	enum model_verdict v;
	bool failed;
	int expect;

	v = model_map(&e->model, op->iova, op->pa, op->size, op->prot, &expect,
		      false);
	if (v == MODEL_OVER_BUDGET || v == MODEL_UNCHECKED) {
		note(e, v == MODEL_OVER_BUDGET ? "skipped: more than %d leaves" :
		     "skipped: it crosses the aperture's end or the OAS; the kernel checks the first page only",
		     MODEL_LEAF_BUDGET);
		return;
	}
	set_window(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		enter(e, tw);
		e->res[tw].ret = ops(e, tw)->map(e->dom[tw], op->iova, op->pa,
						 op->size, op->prot,
						 op->arg & OP_MAP_ATOMIC);
		leave(e, tw);
	}
	note(e, "-> %d", e->res[CAND].ret);
	failed = fail_delivered(e);
	if (!e->opts.no_oracles)
		check_map(e, v, expect, failed);
	/* A failed map must leave the domain as it was ... */
	if (v == MODEL_EXACT && !failed)
		model_map(&e->model, op->iova, op->pa, op->size, op->prot,
			  &expect, true);
	/* ... but for a top it may have grown before the failure. */
	if (failed && e->rules.dynamic_top) {
		ptf_rt_set_twin(BASE);
		ops(e, BASE)->info(e->dom[BASE], &e->info[BASE]);
		model_set_top(&e->model, e->info[BASE].top_level);
	}
	/* A map that grants no access is a caller bug: the kernel may WARN. */
	if (!e->opts.no_oracles)
		settle(e, v, v == MODEL_EXACT &&
			     (op->prot & (MODEL_PROT_READ | MODEL_PROT_WRITE)));
}

static void do_unmap(struct engine *e, const struct op *op)
{
	bool aligned = !((op->iova | op->size) & (min_pgsize(e) - 1));
	enum model_verdict v;
	uint64_t expect;

	v = model_unmap(&e->model, op->iova, op->size, &expect, false);
	set_window(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		enter(e, tw);
		e->res[tw].bytes = ops(e, tw)->unmap(e->dom[tw], op->iova,
						     op->size);
		leave(e, tw);
	}
	note(e, "-> 0x%" PRIx64, e->res[CAND].bytes);
	if (!e->opts.no_oracles) {
		if (fail_delivered(e))
			v = MODEL_UNKNOWN;
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
			if (v == MODEL_EXACT && e->res[tw].bytes != expect)
				finding(e, "contract", "iommu_unmap() byte count",
					"%s twin\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
					twin_name(tw), expect, e->res[tw].bytes);
		check_twins_agree_bytes(e, "iommu_unmap()");
	}
	if (v == MODEL_EXACT)
		model_unmap(&e->model, op->iova, op->size, &expect, true);
	/* Stopping short means the caller tried to split a leaf: no contract. */
	if (!e->opts.no_oracles)
		settle(e, v, v == MODEL_EXACT &&
			     (!aligned || !op->size || expect == op->size));
}

/*
 * A lookup with the differential off: both twins have only the legacy
 * iova_to_phys(), which must give the model's address, and translate the
 * first and last byte of the leaf linearly.  0 is "no translation", so a
 * page mapped at physical address 0 reads as unmapped here: the check is
 * still exact (0 is what the model expects there too), but it cannot tell
 * such a page from a hole.
 */
static void lookup_legacy(struct engine *e, uint64_t iova, bool in_aperture)
{
	const struct pt_leaf *l = model_lookup(&e->model, iova);
	uint64_t want = l ? l->phys + (iova - l->iova) : 0;
	struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];

	if (b->legacy != c->legacy)
		finding(e, "lookup", "iova_to_phys differs between the twins",
			"at 0x%" PRIx64 "\nbaseline:  0x%" PRIx64 "\ncandidate: 0x%" PRIx64 "\n",
			iova, b->legacy, c->legacy);
	if (!in_aperture)
		return;
	if (b->legacy != want)
		finding(e, "lookup", "iova_to_phys disagrees with the model",
			"at 0x%" PRIx64 " (differential off: the legacy op, 0 for no translation)\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
			iova, want, b->legacy);
	if (!l)
		return;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		uint64_t first, last;

		ptf_rt_set_twin(tw);
		first = ops(e, tw)->iova_to_phys(e->dom[tw], l->iova);
		last = ops(e, tw)->iova_to_phys(e->dom[tw], l->iova + (l->size - 1));
		if (first != l->phys || last != l->phys + (l->size - 1))
			finding(e, "lookup", "translation not linear across the leaf",
				"%s twin: iova_to_phys over the leaf [0x%" PRIx64 " +0x%" PRIx64 "] -> 0x%" PRIx64 "\nexpected: first 0x%" PRIx64 " last 0x%" PRIx64 "\nactual:   first 0x%" PRIx64 " last 0x%" PRIx64 "\n",
				twin_name(tw), l->iova, l->size, l->phys,
				l->phys, l->phys + (l->size - 1), first, last);
	}
}

static void do_lookup(struct engine *e, const struct op *op)
{
	struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	unsigned long hw_asked;
	/*
	 * generic_pt translates nothing outside its aperture; v7s and DART
	 * wrap such an IOVA into the table, which no caller asks.
	 */
	bool checked = in_aperture(e, op->iova, 1) ||
		       e->rules.family == MODEL_GENERIC_PT;

	if (e->diff_off) {
		for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
			ptf_rt_set_twin(tw);
			e->res[tw].legacy = ops(e, tw)->iova_to_phys(e->dom[tw],
								     op->iova);
		}
		note(e, "-> 0x%" PRIx64 " (iova_to_phys; differential off)",
		     b->legacy);
		if (!e->opts.no_oracles) {
			lookup_legacy(e, op->iova, checked);
			oracle_warns(e, true);
		}
		return;
	}
	ptf_rt_set_twin(CAND);
	hw_asked = rt_hw_unavailable(CAND);
	c->phys = ops(e, CAND)->iova_to_phys_length(e->dom[CAND], op->iova,
						    &c->len);
	c->legacy = ops(e, CAND)->iova_to_phys(e->dom[CAND], op->iova);
	c->unavailable = rt_hw_unavailable(CAND) != hw_asked;
	ptf_rt_set_twin(BASE);
	hw_asked = rt_hw_unavailable(BASE);
	b->legacy = ops(e, BASE)->iova_to_phys(e->dom[BASE], op->iova);
	b->unavailable = rt_hw_unavailable(BASE) != hw_asked;
	if (c->unavailable || b->unavailable)
		note(e, "-> 0x%" PRIx64 " length 0x%" PRIx64 " (baseline 0x%" PRIx64 "): the hardware could not be asked",
		     c->phys, c->len, b->legacy);
	else if (c->phys == NO_PHYS)
		note(e, "-> none (baseline 0x%" PRIx64 ")", b->legacy);
	else
		note(e, "-> 0x%" PRIx64 " length 0x%" PRIx64 " (baseline 0x%" PRIx64 ")",
		     c->phys, c->len, b->legacy);
	if (!e->opts.no_oracles) {
		oracle_lookup(e, op->iova, checked);
		oracle_warns(e, true);
	}
}

/*
 * The caller pattern the series enables: look up the leaf at pos, unmap
 * exactly that leaf, step to its end.  Each leaf costs one walk.
 */
static void step_by_length(struct engine *e, uint64_t iova, uint64_t end)
{
	struct twin_result *r = &e->res[CAND];
	const struct ptf_twin_ops *o = ops(e, CAND);
	struct ptf_twin_stats st0, st1;
	uint64_t pos = iova;
	unsigned int holes = 0;

	ptf_rt_set_twin(CAND);
	o->stats(e->dom[CAND], &st0);
	for (unsigned int it = 0; pos < end && it < STEP_ITER_MAX; it++) {
		ptf_u64 len;
		uint64_t run, done;
		uint64_t phys = o->iova_to_phys_length(e->dom[CAND], pos, &len);

		if (phys == NO_PHYS || !len) {
			if (++holes > STEP_HOLE_PAGES_MAX)
				break;
			pos += min_pgsize(e);	/* VFIO: WARN, skip a page */
			continue;
		}
		run = len - (pos & (len - 1));
		if (run > end - pos)
			run = end - pos;
		done = o->unmap_fast(e->dom[CAND], pos, run);
		if (r->unmaps < STEP_CALLS_MAX)
			e->step_calls[r->unmaps] = (struct step_call){ pos, run };
		r->unmaps++;
		if (done != run && !e->opts.no_oracles &&
		    model_lookup(&e->model, pos) &&
		    model_lookup(&e->model, pos)->iova == pos &&
		    model_lookup(&e->model, pos)->size == run)
			finding(e, "step-unmap", "unmap of a stepped leaf was not exact",
				"unmap_fast(0x%" PRIx64 ", 0x%" PRIx64 ") after iova_to_phys_length() said length 0x%" PRIx64 "\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
				pos, run, len, run, done);
		r->bytes += done;
		pos += done ? done : min_pgsize(e);
	}
	o->iotlb_sync(e->dom[CAND]);
	o->stats(e->dom[CAND], &st1);
	r->walks = st1.walks - st0.walks;
}

/*
 * The baseline makes the candidate's unmap calls, so both must end equal.
 * Its walks are those of the loop VFIO runs today: one lookup per
 * PAGE_SIZE to find each physically contiguous run.  (That loop cannot see
 * a page mapped at physical address 0, iova_to_phys()'s "no translation":
 * the ambiguity PHYS_ADDR_MAX removes.)  A range too long to scan page by
 * page is not scanned.
 */
static void step_legacy(struct engine *e, uint64_t iova, uint64_t end)
{
	struct twin_result *r = &e->res[BASE];
	const struct ptf_twin_ops *o = ops(e, BASE);
	void *d = e->dom[BASE];
	uint64_t pos = iova;

	ptf_rt_set_twin(BASE);
	while ((end - iova) / CPU_PAGE <= LEGACY_SCAN_MAX && pos < end) {
		uint64_t phys = o->iova_to_phys(d, pos), len;

		r->walks++;
		for (len = CPU_PAGE; phys && pos + len < end; len += CPU_PAGE) {
			r->walks++;
			if (o->iova_to_phys(d, pos + len) != phys + len)
				break;
		}
		pos += len;
	}
	for (unsigned long i = 0; i < e->res[CAND].unmaps && i < STEP_CALLS_MAX; i++) {
		r->bytes += o->unmap_fast(d, e->step_calls[i].iova,
					  e->step_calls[i].size);
		r->unmaps++;
	}
	o->iotlb_sync(d);
}

static void do_step_unmap(struct engine *e, const struct op *op)
{
	uint64_t end = op->iova + op->size;
	const struct pt_leaf *l;
	size_t leaves = 0;
	unsigned long hw_asked;
	bool exact;

	if (!op->size || end < op->iova || !in_aperture(e, op->iova, op->size) ||
	    (op->iova | op->size) & (min_pgsize(e) - 1)) {
		note(e, "skipped: not a page-aligned range in the aperture");
		return;
	}
	set_window(e, op->iova, op->size);
	/* In contract: whole leaves, no hole, edges at leaf boundaries. */
	exact = e->win_lo == op->iova && e->win_hi == end - 1;
	if (exact) {
		leaves = model_leaves_in(&e->model, op->iova, end - 1, &l);
		for (size_t i = 0; i < leaves && exact; i++)
			exact = l[i].iova == (i ? l[i - 1].iova + l[i - 1].size :
						  op->iova);
		exact = exact && leaves &&
			l[leaves - 1].iova + l[leaves - 1].size == end;
	}
	hw_asked = rt_hw_unavailable(CAND);
	step_by_length(e, op->iova, end);
	if (rt_hw_unavailable(CAND) != hw_asked) {
		/* The driver could not look up: what the loop skipped stays. */
		note(e, "(the hardware could not be asked: the lookups said no translation)");
		exact = false;
	}
	step_legacy(e, op->iova, end);
	note(e, "-> 0x%" PRIx64 " in %lu walks, %lu unmaps (legacy loop: %lu walks, %lu unmaps)",
	     e->res[CAND].bytes, e->res[CAND].walks, e->res[CAND].unmaps,
	     e->res[BASE].walks, e->res[BASE].unmaps);
	if (e->opts.no_oracles)
		goto apply;
	check_twins_agree_bytes(e, "the step-unmap loops");
	if (exact && e->res[CAND].walks != leaves)
		finding(e, "step-unmap", "walks differ from the number of leaves",
			"stepping by iova_to_phys_length() over %zu whole leaves\nexpected: %zu walks\nactual:   %lu walks\n",
			leaves, leaves, e->res[CAND].walks);
	if (exact && e->res[CAND].bytes != op->size)
		finding(e, "step-unmap", "range not fully unmapped",
			"expected: 0x%" PRIx64 " bytes unmapped\nactual:   0x%" PRIx64 "\n",
			op->size, e->res[CAND].bytes);
apply:
	if (exact)
		model_adopt(&e->model, op->iova, end - 1, NULL, 0);
	if (!e->opts.no_oracles)
		settle(e, exact ? MODEL_EXACT : MODEL_UNKNOWN, exact);
}

static void do_device_write(struct engine *e, const struct op *op)
{
	const struct pt_leaf *l = model_lookup(&e->model, op->iova);
	enum hw_write_result hw[PTF_NR_TWINS], expect = HW_WRITE_FAULT;

	if (!e->t->hw_write) {
		note(e, "-> no dirty tracking in this format");
		return;
	}
	if (l && (e->t->access_of(&e->ts, l->prot) & MODEL_PROT_WRITE))
		expect = HW_WRITE_DONE;
	set_window(e, op->iova, 1);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		ops(e, tw)->info(e->dom[tw], &e->info[tw]);
		hw[tw] = e->t->hw_write(&e->hw_ctx[tw], op->iova);
	}
	note(e, "-> %s", hw[CAND] == HW_WRITE_DONE ? "written" : "fault");
	model_device_write(&e->model, op->iova);
	if (e->opts.no_oracles)
		return;
	if (hw[BASE] != expect || hw[CAND] != expect)
		finding(e, "dirty", "device write disagrees with the mapping",
			"expected: %s\nactual:   baseline %s, candidate %s\n",
			expect == HW_WRITE_DONE ? "written" : "fault",
			hw[BASE] == HW_WRITE_DONE ? "written" : "fault",
			hw[CAND] == HW_WRITE_DONE ? "written" : "fault");
	oracle_window(e, MODEL_EXACT);
}

#define DIRTY_MAX_BITS	(1UL << 25)	/* two of iova_bitmap's 16M-bit chunks */

/* Size the bitmaps for @nbits, all clear. */
static void dirty_bitmap_reset(struct dirty_bitmap *db, uint64_t iova,
			       uint64_t page, size_t nbits)
{
	size_t words = (nbits + 63) / 64;

	if (words > db->cap) {
		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			free(db->bits[tw]);
		free(db->want);
		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			db->bits[tw] = malloc(words * sizeof(uint64_t));
		db->want = malloc(words * sizeof(uint64_t));
		if (!db->want || !db->bits[BASE] || !db->bits[CAND])
			abort();
		db->cap = words;
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		memset(db->bits[tw], 0, words * sizeof(uint64_t));
	memset(db->want, 0, words * sizeof(uint64_t));
	db->iova = iova;
	db->page = page;
	db->nbits = nbits;
}

/* The bits of every page a dirty leaf intersects, inside the window. */
static void dirty_bitmap_expect(struct engine *e, uint64_t size)
{
	struct dirty_bitmap *db = &e->dirty;
	uint64_t last = db->iova + (size - 1);
	const struct pt_leaf *l;
	size_t n = model_leaves_in(&e->model, db->iova, last, &l);

	for (size_t i = 0; i < n; i++) {
		uint64_t lo = l[i].iova < db->iova ? db->iova : l[i].iova;
		uint64_t hi = l[i].iova + (l[i].size - 1);

		if (!l[i].dirty)
			continue;
		hi = hi > last ? last : hi;
		for (uint64_t bit = (lo - db->iova) / db->page;
		     bit <= (hi - db->iova) / db->page; bit++)
			db->want[bit / 64] |= 1ULL << (bit % 64);
	}
}

/*
 * What iommufd would pass on: a page_size that is a power of two and a
 * window aligned to it (iommufd_check_iova_range()), of a size our bitmap
 * can hold.  Anything else never reaches a driver.
 */
static bool dirty_request_valid(const struct op *op)
{
	uint64_t pages;

	if (!op->page || (op->page & (op->page - 1)) || !op->size ||
	    ((op->iova | op->size) & (op->page - 1)) ||
	    op->iova + (op->size - 1) < op->iova)
		return false;
	pages = op->size / op->page;
	return pages <= DIRTY_MAX_BITS;
}

static void do_read_dirty(struct engine *e, const struct op *op)
{
	bool no_clear = op->arg & OP_DIRTY_NO_CLEAR;
	bool in_contract = true;
	bool in_range, failed;
	int expect_ret = 0;

	if (!dirty_request_valid(op)) {
		note(e, "skipped: iommufd refuses this window or page size");
		return;
	}
	if (!ops(e, BASE)->read_and_clear_dirty || !ops(e, CAND)->read_and_clear_dirty) {
		note(e, "skipped: this tree has no dirty tracking");
		return;
	}
	if (!e->rules.tracks_dirty)
		expect_ret = e->t->dirty_unsupported_ret(&e->ts, &in_contract);
	/*
	 * iommufd asks only about windows of mapped IOVA, in pages of at
	 * least the domain's smallest page (iopt_for_each_contig_area(),
	 * iopt->iova_alignment); their edges may cut through leaves.
	 */
	in_range = in_contract && in_aperture(e, op->iova, op->size) &&
		   op->page >= min_pgsize(e) &&
		   model_covers(&e->model, op->iova, op->iova + op->size - 1);

	dirty_bitmap_reset(&e->dirty, op->iova, op->page, op->size / op->page);
	set_window(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		enter(e, tw);
		e->res[tw].ret = ops(e, tw)->read_and_clear_dirty(e->dom[tw],
			op->iova, op->size, no_clear ? PTF_DIRTY_NO_CLEAR : 0,
			op->page, e->dirty.bits[tw]);
		leave(e, tw);
	}
	note(e, "-> %d", e->res[CAND].ret);
	/*
	 * An injected allocation failure hits iommufd's bitmap (its own
	 * allocation, or a page of the user's bitmap pinned between chunks,
	 * after earlier chunks were read): -ENOMEM, and the dirty state is
	 * what the twins agree on.
	 */
	failed = fail_delivered(e);
	if (failed)
		in_range = false;
	if (in_range && e->rules.tracks_dirty) {
		dirty_bitmap_expect(e, op->size);
		model_read_dirty(&e->model, op->iova, op->size, no_clear,
				 NULL, 0);
	}
	if (!e->opts.no_oracles) {
		for (int tw = PTF_NR_TWINS - 1; tw >= 0 && failed; tw--)
			check_enomem(e, tw);
		oracle_dirty(e, in_range, expect_ret);
		settle(e, in_range ? MODEL_EXACT : MODEL_UNKNOWN, in_range);
	}
}

static void run_op(struct engine *e, const struct op *op)
{
	unsigned int armed = e->fail_nth;
	const char *hazard = known_hazard(e);

	if (e->opts.kunit)
		kunit_op(e, op);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		e->res[tw] = (struct twin_result){ 0 };
		rt_clear_records(tw);
	}
	if (hazard && !known_hazard_runs(e, hazard)) {
		note(e, "skipped: a hazard of known kernel finding %s; PTF_STRICT=1 runs it",
		     hazard);
		trace_op(e);
		return;
	}
	switch (op->kind) {
	case OP_MAP:
		do_map(e, op);
		break;
	case OP_UNMAP:
		do_unmap(e, op);
		break;
	case OP_LOOKUP:
		do_lookup(e, op);
		break;
	case OP_STEP_UNMAP:
		if (e->diff_off)
			note(e, "skipped: step_unmap steps by iova_to_phys_length(), which the candidate lacks (differential off)");
		else
			do_step_unmap(e, op);
		break;
	case OP_FAIL_ALLOC:
		e->fail_nth = op->arg;
		note(e, "-> armed for the next op");
		break;
	case OP_DEVICE_WRITE:
		do_device_write(e, op);
		break;
	case OP_READ_DIRTY:
		do_read_dirty(e, op);
		break;
	case NR_OP_KINDS:
		break;
	}
	if (armed && op->kind != OP_FAIL_ALLOC)
		e->fail_nth = 0;
	trace_op(e);
}

static bool create(struct engine *e)
{
	struct target_setup *ts = &e->ts;
	const char *hazard;

	memset(ts, 0, sizeof(*ts));
	if (!e->t->setup(&e->prog->cfg, ts)) {
		note(e, "configuration not meaningful for this target");
		return false;
	}
	if (e->opts.kunit)
		kunit_begin(e, e->opts.kunit,
			    e->t->driver_config && e->t->driver_config(ts));
	hazard = known_hazard(e);
	if (hazard && !known_hazard_runs(e, hazard)) {
		note(e, "not created: a hazard of known kernel finding %s; PTF_STRICT=1 runs it",
		     hazard);
		return false;
	}
	hw_ctx_init(e);
	hw_device_init(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		rt_set_phys_base(tw, ts->table_base[tw]);
		e->fail_nth = ts->create_fail;
		enter(e, tw);
		e->dom[tw] = ops(e, tw)->create(&ts->pt, &e->info[tw]);
		leave(e, tw);
	}
	e->fail_nth = 0;
	e->diff_off = ptf_differential_off;
	if (!ops(e, CAND)->has_length == !e->diff_off)
		rt_fatal("harness", e->diff_off ?
			 "the differential is off, but the candidate twin has iommu_iova_to_phys_length()" :
			 "the candidate tree has no iommu_iova_to_phys_length()");
	if (!e->dom[BASE] != !e->dom[CAND])
		finding(e, "twins", "domain creation differs",
			"the baseline %s the config, the candidate %s it\n",
			e->dom[BASE] ? "accepted" : "refused",
			e->dom[CAND] ? "accepted" : "refused");
	if (!e->dom[BASE] && !fail_delivered(e) && e->t->driver_config &&
	    e->t->driver_config(ts))
		finding(e, "contract", "a configuration a driver uses was refused",
			"expected: a domain, as the driver creates with this configuration\nactual:   refused by both twins\n");
	if (!e->dom[BASE]) {
		note(e, "the kernel refused this configuration");
		oracle_warns(e, false);
		oracle_leaks(e);
		return false;
	}
	oracle_warns(e, true);
	if (!info_equal(&e->info[BASE], &e->info[CAND]))
		finding(e, "twins", "domain setup differs",
			"pgsize_bitmap 0x%lx/0x%lx ias %u/%u oas %u/%u (baseline/candidate)\n",
			e->info[BASE].pgsize_bitmap, e->info[CAND].pgsize_bitmap,
			e->info[BASE].ias, e->info[CAND].ias,
			e->info[BASE].oas, e->info[CAND].oas);
	e->t->rules(ts, &e->info[BASE], &e->rules);
	e->rules.unmap_splits_blocks = e->info[BASE].unmap_splits_blocks;
	model_init(&e->model, &e->rules);
	if (e->opts.kunit)
		kunit_domain(e);
	return true;
}

static void destroy(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		rt_clear_records(tw);
		ops(e, tw)->destroy(e->dom[tw]);
	}
	/* Tearing down a live domain is in contract: no WARN. */
	oracle_warns(e, true);
	oracle_leaks(e);
}

const char *engine_run(const struct target *t, const struct program *p,
		       const struct engine_opts *opts)
{
	struct engine *e = &the_engine;

	struct dirty_bitmap dirty = e->dirty;	/* kept: large, reused */

	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		leafvec_free(&e->hw[tw]);
	leafvec_free(&e->before);
	leafvec_free(&e->expect);
	model_free(&e->model);
	memset(e, 0, sizeof(*e));
	e->dirty = dirty;
	e->t = t;
	e->prog = p;
	e->opts = *opts;
	rt_reset();
	report_set_engine(e);
	e->op = SIZE_MAX;
	if (e->opts.kunit)
		kunit_catch_aborts(e);
	if (setjmp(e->known_exit)) {
		/* Twins and model are abandoned: rt_reset() reclaims them. */
		if (e->opts.kunit)
			kunit_end(e);
		report_set_engine(NULL);
		return e->known_hit;
	}
	if (create(e)) {
		for (e->op = 0; e->op < p->nr_ops; e->op++)
			run_op(e, &p->ops[e->op]);
		e->op = SIZE_MAX;
		if (!e->opts.no_oracles) {
			set_window(e, e->rules.va_first, 0);
			oracle_window(e, MODEL_EXACT);
		}
		destroy(e);
	}
	if (e->opts.kunit)
		kunit_end(e);
	report_set_engine(NULL);
	return NULL;
}
