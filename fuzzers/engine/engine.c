// SPDX-License-Identifier: GPL-2.0
/*
 * The generic engine: one program, two kernel twins and the model.
 *
 * Every op runs on the baseline twin (tree without the series) and on the
 * candidate twin (tree with it) through the iommu core, and on the model,
 * which predicts its result exactly: return codes, the leaves and tables it
 * leaves, the allocations it makes and the WARNs it may raise.  The
 * oracles (oracles.c) then compare, after every op, the twins with each
 * other first (so that a regression of the candidate shows as one) and
 * each twin with the model; a finding prints a report and aborts
 * (report.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "coverage.h"
#include "engine.h"
#include "kunit.h"
#include "runtime.h"

/*
 * The legacy VFIO loop makes a lookup per page: a step-unmap is not run
 * over more than LEGACY_SCAN_MAX pages.
 */
#define LEGACY_SCAN_MAX		16384UL
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

static bool checking(const struct engine *e)
{
	return !e->opts.no_oracles;
}

void twin_enter(struct engine *e, int tw)
{
	ptf_rt_set_twin(tw);
	if (e->armed)
		rt_fail_nth(tw, e->armed);
}

void twin_leave(struct engine *e, int tw)
{
	e->res[tw].fail_delivered |= rt_fail_delivered(tw);
	rt_fail_nth(tw, 0);
}

static uint64_t min_pgsize(const struct engine *e)
{
	return e->rules.pgsize_bitmap & -e->rules.pgsize_bitmap;
}

/* Was the armed allocation failure delivered?  Both twins must say the same. */
bool fail_delivered(struct engine *e)
{
	bool hit = e->res[CAND].fail_delivered;

	if (e->armed && e->op == e->opts.inject_op)
		e->inject_hit = hit;
	if (!checking(e))
		return hit;
	if (!e->diverged && !e->loops_differ &&
	    e->res[BASE].fail_delivered != hit)
		finding(e, "twins", "allocation failure reached one twin only",
			"the armed allocation failure was %s on the baseline and %s on the candidate\n",
			e->res[BASE].fail_delivered ? "delivered" : "not reached",
			hit ? "delivered" : "not reached");
	return hit;
}

/* ... and what the model predicts: the op makes that many allocations. */
static bool fail_as_modelled(struct engine *e)
{
	bool hit = fail_delivered(e);

	if (!checking(e))
		return hit;
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (e->res[tw].fail_delivered != e->model[tw].fail_hit)
			finding(e, "contract", "allocations differ from the model",
				"%s twin: failing allocation %u of the op\nexpected: %s (the model's op makes %u allocations)\nactual:   %s\n",
				twin_name(tw), e->armed,
				e->model[tw].fail_hit ? "delivered" : "not reached",
				e->model[tw].allocs,
				e->res[tw].fail_delivered ? "delivered" : "not reached");
	return hit;
}

/* The models' state before the op, for the oracles and known findings. */
static void models_snapshot(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		model_copy(&e->prev[tw], &e->model[tw]);
}

/* The models do the op with the allocation failure armed for it. */
static void models_begin(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		model_begin_op(&e->model[tw], e->armed);
}

static bool same_leaves(const struct model *a, const struct model *b)
{
	for (size_t i = 0; i < a->nr; i++)
		if (memcmp(&a->leaves[i], &b->leaves[i], sizeof(a->leaves[i])))
			return false;
	return true;
}

/* Are the twins' models still the same state? */
static bool models_equal(const struct model *a, const struct model *b)
{
	return a->nr == b->nr && a->nr_tables == b->nr_tables &&
	       a->top_level == b->top_level && same_leaves(a, b) &&
	       (!a->nr_tables || !memcmp(a->tables, b->tables,
					 a->nr_tables * sizeof(*a->tables)));
}

/*
 * The part of the domain an op on [iova, iova + size) can touch: the range
 * and every leaf it intersects, widened to what the models changed; all of
 * it for an op outside the aperture (a walk masks a stray IOVA into the
 * table somewhere).  Then the device's view of it before the twins run.
 */
static void prepare(struct engine *e, uint64_t iova, uint64_t size)
{
	e->op_in_aperture = size && model_in_aperture(&e->prev[CAND], iova, size);
	if (!e->op_in_aperture) {
		e->win_lo = 0;
		e->win_hi = UINT64_MAX;
	} else {
		e->win_lo = iova;
		e->win_hi = iova + (size - 1);
		for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
			const struct model *m = &e->model[tw];

			model_widen(&e->prev[tw], &e->win_lo, &e->win_hi);
			if (m->touch_lo <= m->touch_hi) {
				if (m->touch_lo < e->win_lo)
					e->win_lo = m->touch_lo;
				if (m->touch_hi > e->win_hi)
					e->win_hi = m->touch_hi;
			}
		}
	}
	/* The device's caches before the op: for the flush oracle (settle()). */
	for (int tw = 0; checking(e) && e->op_in_aperture && tw < PTF_NR_TWINS;
	     tw++)
		hw_view(e, tw, e->win_lo, e->win_hi, &e->before[tw]);
}

static void check_twins_agree_ret(struct engine *e, const char *what)
{
	if (!e->diverged && e->res[BASE].ret != e->res[CAND].ret)
		finding(e, "twins", "return codes differ",
			"%s returned %d on the baseline and %d on the candidate\n",
			what, e->res[BASE].ret, e->res[CAND].ret);
}

static void check_twins_agree_bytes(struct engine *e, const char *what)
{
	if (!e->diverged && e->res[BASE].bytes != e->res[CAND].bytes)
		finding(e, "twins", "unmapped byte counts differ",
			"%s unmapped 0x%" PRIx64 " bytes on the baseline and 0x%" PRIx64 " on the candidate\n",
			what, e->res[BASE].bytes, e->res[CAND].bytes);
}

/* The checks every state-changing op ends with. */
static void settle(struct engine *e)
{
	if (!checking(e))
		return;
	oracle_warns(e);
	oracle_window(e);
	/*
	 * Past the aperture, v7s and DART wrap the IOVA into the table and
	 * invalidate the address asked, not the one they changed; every caller
	 * checks the domain's geometry first, so that is not asked of them.
	 */
	if (e->op_in_aperture)
		oracle_flushes(e);
	oracle_syncs(e);
}

#define MAX_ERRNO	4095	/* include/linux/err.h */
#define NO_ERRNO	"iommu_map() returned no errno"

/*
 * In or out of contract, what iommu_map() returns is an errno.  A known
 * one goes on (true): its predicate has compared the twin's return code
 * with the model's, and the state with it the core's rollback leaves.
 */
static bool check_errno(struct engine *e, int tw)
{
	const char *known = known_finding(e, "contract", NO_ERRNO);

	if (known && !known_strict(known)) {
		note(e, "(known kernel finding %s, %s twin: %d; PTF_STRICT=1 reports it)",
		     known, twin_name(tw), e->res[tw].ret);
		e->known_hit = known;
		return true;
	}
	finding(e, "contract", NO_ERRNO,
		"%s twin\nexpected: 0 or -%d..-1\nactual:   %d\n",
		twin_name(tw), MAX_ERRNO, e->res[tw].ret);
	return false;
}

static void check_map(struct engine *e, bool failed)
{
	check_twins_agree_ret(e, "iommu_map()");
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		int want = e->expect_ret[tw], got = e->res[tw].ret;

		if ((got > 0 || got < -MAX_ERRNO) && check_errno(e, tw))
			continue;
		if (want == MODEL_RET_UNDEFINED || got == want)
			continue;
		if (failed && want == -ENOMEM)
			finding(e, "contract", "allocation failure not reported",
				"%s twin\nexpected: -ENOMEM after the armed allocation failure\nactual:   %d\n",
				twin_name(tw), got);
		finding(e, "contract", "iommu_map() return code",
			"%s twin\nexpected: %d\nactual:   %d\n", twin_name(tw),
			want, got);
	}
}

static void do_map(struct engine *e, const struct op *op)
{
	enum model_verdict v;
	bool failed;

	v = model_map_verdict(&e->model[CAND], op->iova, op->pa, op->size);
	if (v != MODEL_RUN) {
		note(e, v == MODEL_OVER_BUDGET ? "skipped: more than %d leaves" :
		     "skipped: it crosses the aperture's end or the OAS; the kernel checks the first page only",
		     MODEL_LEAF_BUDGET);
		return;
	}
	models_begin(e);
	for (int tw = 0; checking(e) && tw < PTF_NR_TWINS; tw++)
		e->expect_ret[tw] = model_map(&e->model[tw], op->iova, op->pa,
					      op->size, op->prot);
	prepare(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		e->res[tw].ret = ops(e, tw)->map(e->dom[tw], op->iova, op->pa,
						 op->size, op->prot,
						 op->arg & OP_MAP_ATOMIC);
		twin_leave(e, tw);
	}
	note(e, "-> %d", e->res[CAND].ret);
	failed = fail_as_modelled(e);
	if (checking(e))
		check_map(e, failed);
	settle(e);
}

static void do_unmap(struct engine *e, const struct op *op)
{
	models_begin(e);
	for (int tw = 0; checking(e) && tw < PTF_NR_TWINS; tw++)
		e->expect_bytes[tw] = model_unmap(&e->model[tw], op->iova,
						  op->size);
	prepare(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		e->res[tw].bytes = ops(e, tw)->unmap(e->dom[tw], op->iova,
						     op->size);
		twin_leave(e, tw);
	}
	note(e, "-> 0x%" PRIx64, e->res[CAND].bytes);
	fail_as_modelled(e);
	if (checking(e)) {
		check_twins_agree_bytes(e, "iommu_unmap()");
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
			if (e->res[tw].bytes != e->expect_bytes[tw])
				finding(e, "contract", "iommu_unmap() byte count",
					"%s twin\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
					twin_name(tw), e->expect_bytes[tw],
					e->res[tw].bytes);
	}
	settle(e);
}

/*
 * A lookup with the differential off: both twins have only the legacy
 * iova_to_phys(), which must give the model's address, and translate the
 * first and last byte of the leaf linearly.  0 is "no translation", so a
 * page mapped at physical address 0 reads as unmapped here: the check is
 * still exact (0 is what the model expects there too), but it cannot tell
 * such a page from a hole.
 */
static void lookup_legacy(struct engine *e, uint64_t iova)
{
	const struct pt_leaf *l = model_translate(&e->model[CAND], iova);
	uint64_t want = l ? model_leaf_pa(l, iova) : 0;
	struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	uint64_t first_va, last_va, len, first_pa, last_pa;

	if (b->legacy != c->legacy)
		finding(e, "twins", "iova_to_phys differs between the twins",
			"at 0x%" PRIx64 "\nbaseline:  0x%" PRIx64 "\ncandidate: 0x%" PRIx64 "\n",
			iova, b->legacy, c->legacy);
	if (b->legacy != want)
		finding(e, "lookup", "iova_to_phys disagrees with the model",
			"at 0x%" PRIx64 " (differential off: the legacy op, 0 for no translation)\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
			iova, want, b->legacy);
	if (!l)
		return;
	/* As oracle_lookup(): the leaf (or block) as this lookup reached it. */
	len = model_length(&e->model[CAND], l, iova);
	first_va = iova & ~(len - 1);
	last_va = first_va + (len - 1);
	first_pa = model_leaf_pa(l, first_va);
	if (last_va == UINT64_MAX)
		last_va--;		/* lpae-lookup-last-iova */
	last_pa = first_pa + (last_va - first_va);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		uint64_t first, last;

		ptf_rt_set_twin(tw);
		first = ops(e, tw)->iova_to_phys(e->dom[tw], first_va);
		last = ops(e, tw)->iova_to_phys(e->dom[tw], last_va);
		if (first != first_pa || last != last_pa)
			finding(e, "lookup", "translation not linear across the leaf",
				"%s twin: iova_to_phys over the leaf [0x%" PRIx64 " +0x%" PRIx64 "] -> 0x%" PRIx64 "\nexpected: first 0x%" PRIx64 " last 0x%" PRIx64 "\nactual:   first 0x%" PRIx64 " last 0x%" PRIx64 "\n",
				twin_name(tw), first_va, len, first_pa,
				first_pa, last_pa, first, last);
	}
}

/* The software walks twin @tw's driver has made so far (soft-walks.h). */
static unsigned long soft_walks(struct engine *e, int tw)
{
	struct ptf_twin_stats st = { 0 };

	if (ops(e, tw)->stats)
		ops(e, tw)->stats(e->dom[tw], &st);
	return st.soft_walks;
}

/*
 * The software walks of one lookup: @sw[0] the candidate's with the
 * length, @sw[1] its plain iommu_iova_to_phys(), @sw[2] the baseline's.
 * The wrapper passes no length, so a driver that translates in hardware
 * (arm-smmu's ATOS, msm's V2P) must not also walk its tables in software
 * to size an IOPTE nobody asked about: the plain lookup walks no more than
 * the baseline's.
 */
static void oracle_soft_walks(struct engine *e, uint64_t iova,
			      const unsigned long sw[3])
{
	if (sw[0] || sw[1] || sw[2])
		note(e, "   software walks: %lu with the length, %lu without (baseline %lu)",
		     sw[0], sw[1], sw[2]);
	if (checking(e) && sw[1] > sw[2])
		finding(e, "lookup", "iova_to_phys walks the tables in software more than the baseline",
			"at 0x%" PRIx64 ": iommu_iova_to_phys()'s software walks\nexpected: %lu (the baseline's)\nactual:   %lu\n",
			iova, sw[2], sw[1]);
}

static void do_lookup(struct engine *e, const struct op *op)
{
	struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	const struct rt_warn *w;
	size_t nwarns;
	unsigned long hw_asked, sw[3], sw0;

	models_begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		model_lookup_op(&e->model[tw], op->iova);
	if (e->diff_off) {
		for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
			ptf_rt_set_twin(tw);
			e->res[tw].legacy = ops(e, tw)->iova_to_phys(e->dom[tw],
								     op->iova);
		}
		note(e, "-> 0x%" PRIx64 " (iova_to_phys; differential off)",
		     b->legacy);
		if (checking(e)) {
			lookup_legacy(e, op->iova);
			oracle_warns(e);
		}
		return;
	}
	ptf_rt_set_twin(CAND);
	hw_asked = rt_hw_unavailable(CAND);
	sw0 = soft_walks(e, CAND);
	c->phys = ops(e, CAND)->iova_to_phys_length(e->dom[CAND], op->iova,
						    &c->len);
	sw[0] = soft_walks(e, CAND) - sw0;
	nwarns = rt_warns(CAND, &w);
	c->legacy = ops(e, CAND)->iova_to_phys(e->dom[CAND], op->iova);
	sw[1] = soft_walks(e, CAND) - sw0 - sw[0];
	/*
	 * The wrapper asks the driver's op again: it WARNs as often, and the
	 * baseline's single lookup is compared with one of the two.
	 */
	if (checking(e) && rt_warns(CAND, &w) != 2 * nwarns)
		finding(e, "twins", "WARN counts differ",
			"the candidate WARNed %zu times in iova_to_phys_length() and %zu times in its iova_to_phys() wrapper\n",
			nwarns, rt_warns(CAND, &w) - nwarns);
	rt_forget_warns(CAND, nwarns);
	c->unavailable = rt_hw_unavailable(CAND) != hw_asked;
	ptf_rt_set_twin(BASE);
	hw_asked = rt_hw_unavailable(BASE);
	sw0 = soft_walks(e, BASE);
	b->legacy = ops(e, BASE)->iova_to_phys(e->dom[BASE], op->iova);
	sw[2] = soft_walks(e, BASE) - sw0;
	b->unavailable = rt_hw_unavailable(BASE) != hw_asked;
	if (c->unavailable || b->unavailable)
		note(e, "-> 0x%" PRIx64 " length 0x%" PRIx64 " (baseline 0x%" PRIx64 "): the hardware could not be asked",
		     c->phys, c->len, b->legacy);
	else if (c->phys == NO_PHYS)
		note(e, "-> none (baseline 0x%" PRIx64 ")", b->legacy);
	else
		note(e, "-> 0x%" PRIx64 " length 0x%" PRIx64 " (baseline 0x%" PRIx64 ")",
		     c->phys, c->len, b->legacy);
	oracle_soft_walks(e, op->iova, sw);
	if (checking(e)) {
		oracle_lookup(e, op->iova);
		oracle_warns(e);
	}
}

/*
 * The lookups through the master's identity domain: the iommu core's own
 * branch, which never reaches the driver or its tables (oracle_identity()).
 */
static void do_identity_lookup(struct engine *e, const struct op *op)
{
	struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	int have[PTF_NR_TWINS];

	models_begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		have[tw] = ops(e, tw)->identity_lookup(e->dom[tw], op->iova,
						       &e->res[tw].phys,
						       &e->res[tw].len,
						       &e->res[tw].legacy);
	}
	if (!have[BASE] && !have[CAND]) {
		note(e, "skipped: the master has no identity domain");
		return;
	}
	if (e->diff_off)
		note(e, "-> 0x%" PRIx64 " (iova_to_phys; differential off)",
		     b->legacy);
	else
		note(e, "-> 0x%" PRIx64 " length 0x%" PRIx64 ", iova_to_phys 0x%" PRIx64 " (baseline 0x%" PRIx64 ")",
		     c->phys, c->len, c->legacy, b->legacy);
	if (checking(e)) {
		oracle_identity(e, op->iova, have[BASE] && have[CAND]);
		oracle_warns(e);
	}
}

/* Step-unmap ------------------------------------------------------------------ */

/* What a step-unmap loop looks up and unmaps through: a twin or its model. */
struct stepper {
	struct engine *e;
	int tw;
	bool model;
	/* The model's driver cannot ask its hardware: every lookup says none. */
	bool unavailable;
	struct step_trace *tr;
};

/* iova_to_phys_length(), or with @legacy iova_to_phys() (0 for none). */
static uint64_t step_lookup(struct stepper *s, uint64_t iova, ptf_u64 *len,
			    bool legacy)
{
	const struct ptf_twin_ops *o = ops(s->e, s->tw);
	const struct pt_leaf *l;

	if (!s->model) {
		ptf_rt_set_twin(s->tw);
		if (legacy)
			return o->iova_to_phys(s->e->dom[s->tw], iova);
		return o->iova_to_phys_length(s->e->dom[s->tw], iova, len);
	}
	s->tr->walks++;
	l = s->unavailable ? NULL : model_translate(&s->e->model[s->tw], iova);
	*len = l ? model_length(&s->e->model[s->tw], l, iova) : 0;
	if (!l)
		return legacy ? 0 : NO_PHYS;
	return model_leaf_pa(l, iova);
}

/* iommu_unmap_fast(), or with @slow iommu_unmap(); the call is recorded. */
static uint64_t step_unmap(struct stepper *s, uint64_t iova, uint64_t size,
			   bool slow)
{
	const struct ptf_twin_ops *o = ops(s->e, s->tw);
	struct step_trace *tr = s->tr;
	uint64_t done;

	if (s->model) {
		done = model_unmap(&s->e->model[s->tw], iova, size);
	} else {
		ptf_rt_set_twin(s->tw);
		done = slow ? o->unmap(s->e->dom[s->tw], iova, size) :
			      o->unmap_fast(s->e->dom[s->tw], iova, size);
	}
	if (tr->nr_calls < STEP_CALLS_MAX)
		tr->calls[tr->nr_calls] = (struct step_call){ iova, size, done };
	tr->nr_calls++;
	tr->bytes += done;
	return done;
}

static void step_sync(struct stepper *s)
{
	if (!s->model) {
		ptf_rt_set_twin(s->tw);
		ops(s->e, s->tw)->iotlb_sync(s->e->dom[s->tw]);
	}
}

/*
 * The caller pattern the series enables: look up the leaf at pos, unmap
 * exactly that leaf, step to its end.  A hole is skipped a page at a time
 * (VFIO WARNs there).
 */
static void step_by_length(struct stepper *s, uint64_t iova, uint64_t size)
{
	uint64_t pos = 0, min = min_pgsize(s->e);

	while (pos < size && s->tr->nr_calls < STEP_CALLS_MAX) {
		uint64_t at = iova + pos, run, done, phys;
		ptf_u64 len = 0;

		phys = step_lookup(s, at, &len, false);
		if (phys == NO_PHYS || !len) {
			pos += min;
			continue;
		}
		run = len - (at & (len - 1));
		if (run > size - pos)
			run = size - pos;
		done = step_unmap(s, at, run, false);
		pos += done ? done : min;
	}
	step_sync(s);
}

/*
 * The loop VFIO runs today (vfio_unmap_unpin()): one lookup per PAGE_SIZE
 * to find each physically contiguous run, iommu_unmap_fast() of the run
 * and iommu_unmap() if that unmapped nothing; a page that translates to 0
 * is skipped as unmapped.  That is the blind spot PHYS_ADDR_MAX removes: a
 * page mapped at physical address 0 is left behind.
 */
static void step_legacy(struct stepper *s, uint64_t iova, uint64_t size)
{
	uint64_t pos = 0;
	ptf_u64 len;

	while (pos < size && s->tr->nr_calls < STEP_CALLS_MAX) {
		uint64_t at = iova + pos, phys, done;

		phys = step_lookup(s, at, &len, true);
		if (!phys) {
			pos += CPU_PAGE;	/* VFIO: WARN_ON(!phys) */
			continue;
		}
		for (len = CPU_PAGE; pos + len < size; len += CPU_PAGE) {
			ptf_u64 l;

			if (step_lookup(s, at + len, &l, true) != phys + len)
				break;
		}
		done = step_unmap(s, at, len, false);
		if (!done) {
			step_sync(s);
			done = step_unmap(s, at, len, true);
			if (!done)
				break;		/* VFIO: WARN_ON(!unmapped) */
		}
		pos += done;
	}
	step_sync(s);
}

/* The candidate steps by length; a twin without it runs VFIO's loop. */
static void run_loop(struct engine *e, int tw, bool model, uint64_t iova,
		     uint64_t size, bool unavailable)
{
	struct stepper s = {
		.e = e, .tw = tw, .model = model, .unavailable = unavailable,
		.tr = model ? &e->step_model[tw] : &e->step[tw],
	};
	struct ptf_twin_stats st0, st1;

	memset(s.tr, 0, offsetof(struct step_trace, calls));
	if (!model) {
		twin_enter(e, tw);	/* an armed allocation failure, as the model's */
		ops(e, tw)->stats(e->dom[tw], &st0);
	}
	if (ops(e, tw)->has_length)
		step_by_length(&s, iova, size);
	else
		step_legacy(&s, iova, size);
	if (!model) {
		ptf_rt_set_twin(tw);
		ops(e, tw)->stats(e->dom[tw], &st1);
		s.tr->walks = st1.walks - st0.walks;
		twin_leave(e, tw);
	}
}

static void check_step(struct engine *e, int tw)
{
	const struct step_trace *a = &e->step_model[tw], *b = &e->step[tw];

	for (size_t i = 0; i < a->nr_calls || i < b->nr_calls; i++) {
		const struct step_call *x = i < a->nr_calls ? &a->calls[i] : NULL;
		const struct step_call *y = i < b->nr_calls ? &b->calls[i] : NULL;

		if (i >= STEP_CALLS_MAX)
			break;
		if (x && y && !memcmp(x, y, sizeof(*x)))
			continue;
		finding(e, "step-unmap", "an unmap the loop made differs from the model",
			"%s twin, %s loop, unmap call %zu\nexpected: %s0x%" PRIx64 " +0x%" PRIx64 " -> 0x%" PRIx64 "\nactual:   %s0x%" PRIx64 " +0x%" PRIx64 " -> 0x%" PRIx64 "\n",
			twin_name(tw), ops(e, tw)->has_length ?
			"by-length" : "legacy VFIO", i,
			x ? "" : "no call; ", x ? x->iova : 0, x ? x->size : 0,
			x ? x->ret : 0, y ? "" : "no call; ", y ? y->iova : 0,
			y ? y->size : 0, y ? y->ret : 0);
	}
	if (a->walks != b->walks)
		finding(e, "step-unmap", "walks differ from the model",
			"%s twin, %s loop over the op's range\nexpected: %lu walks\nactual:   %lu walks\n",
			twin_name(tw), ops(e, tw)->has_length ?
			"by-length" : "legacy VFIO", a->walks, b->walks);
}

/*
 * What one twin's loop left that the other's removed (VFIO's legacy loop
 * cannot see a page at PA 0, and stops at a run it cannot unmap): unmap it
 * there, so that both twins hold the same leaves again.  Their tables may
 * stay shaped apart.
 */
static size_t resync_twin(struct engine *e, int tw)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(&e->model[tw], e->win_lo, e->win_hi, &l);
	struct leafvec extra = { 0 };

	for (size_t i = 0; i < n; i++) {
		const struct pt_leaf *o = model_lookup(&e->model[!tw], l[i].iova);

		if (!o || o->iova != l[i].iova || o->size != l[i].size)
			leafvec_push(&extra, &l[i]);
	}
	for (size_t i = 0; i < extra.n; i++) {
		uint64_t want, got;

		rt_clear_records(tw);
		model_begin_op(&e->model[tw], 0);
		want = model_unmap(&e->model[tw], extra.v[i].iova,
				   extra.v[i].size);
		ptf_rt_set_twin(tw);
		got = ops(e, tw)->unmap(e->dom[tw], extra.v[i].iova,
					extra.v[i].size);
		if (got != want)
			finding(e, "contract", "iommu_unmap() byte count",
				"%s twin, unmapping what its loop left at 0x%" PRIx64 "\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
				twin_name(tw), extra.v[i].iova, want, got);
		e->loops_differ = true;
		oracle_warns(e);
		e->loops_differ = false;
	}
	if (extra.n)
		note(e, "(the %s loop left %zu leaves the other removed: unmapped)",
		     twin_name(tw), extra.n);
	n = extra.n;
	leafvec_free(&extra);
	return n;
}

static size_t resync_twins(struct engine *e)
{
	size_t n = resync_twin(e, BASE) + resync_twin(e, CAND);

	e->diverged = !models_equal(&e->model[BASE], &e->model[CAND]);
	return n;
}

/*
 * A twin's loop whose driver could not ask its hardware (msm's V2P with a
 * clock that failed to enable) had every lookup say no translation, as
 * the lookup oracle demands: its model runs the loop again from the state
 * before the op that way, so that the calls it made are still predicted.
 */
static void run_twin_loop(struct engine *e, int tw, uint64_t iova,
			  uint64_t size)
{
	unsigned long asked = rt_hw_unavailable(tw);

	run_loop(e, tw, false, iova, size, false);
	if (rt_hw_unavailable(tw) == asked || !checking(e))
		return;
	note(e, "(the %s twin's hardware could not be asked: its lookups say no translation)",
	     twin_name(tw));
	model_copy(&e->model[tw], &e->prev[tw]);
	model_begin_op(&e->model[tw], e->armed);
	run_loop(e, tw, true, iova, size, true);
}

static void do_step_unmap(struct engine *e, const struct op *op)
{
	uint64_t last = op->iova + (op->size - 1);

	if (!op->size || last < op->iova ||
	    !model_in_aperture(&e->model[CAND], op->iova, op->size) ||
	    (op->iova | op->size) & (min_pgsize(e) - 1)) {
		note(e, "skipped: not a page-aligned range in the aperture");
		return;
	}
	if (op->size / CPU_PAGE > LEGACY_SCAN_MAX) {
		note(e, "skipped: VFIO's loop would look up more than %lu pages",
		     LEGACY_SCAN_MAX);
		return;
	}
	models_begin(e);
	for (int tw = 0; checking(e) && tw < PTF_NR_TWINS; tw++)
		run_loop(e, tw, true, op->iova, op->size, false);
	prepare(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		run_twin_loop(e, tw, op->iova, op->size);
	note(e, "-> 0x%" PRIx64 " in %lu walks, %zu unmaps (legacy loop: 0x%" PRIx64 " in %lu walks, %zu unmaps)",
	     e->step[CAND].bytes, e->step[CAND].walks, e->step[CAND].nr_calls,
	     e->step[BASE].bytes, e->step[BASE].walks, e->step[BASE].nr_calls);
	if (!checking(e))
		return;
	/* Each twin against its model: the loops differ, and so may their allocations. */
	e->loops_differ = ops(e, BASE)->has_length != ops(e, CAND)->has_length;
	fail_delivered(e);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		check_step(e, tw);
	e->diverged = !models_equal(&e->model[BASE], &e->model[CAND]);
	settle(e);
	e->loops_differ = false;
	if (resync_twins(e))
		oracle_window(e);
}

/* Dirty tracking ---------------------------------------------------------------- */

/*
 * A device write at op->iova, as the hardware does it (the walker sets the
 * format's dirty bit).  Whether it faults follows from the leaf the window
 * oracle has just compared with the model; what it changes is checked by
 * the next window oracle.
 */
static void do_device_write(struct engine *e, const struct op *op)
{
	enum hw_write_result hw = HW_WRITE_FAULT;

	if (!e->t->hw_write) {
		note(e, "-> no dirty tracking in this format");
		return;
	}
	/*
	 * Hardware dirty tracking needs coherent table walks (arm-smmu-v3
	 * enables HTTU only on a coherent SMMU; generic_pt: "DMA incoherence
	 * and atomic dirty tracking bits can't work together").
	 */
	if (e->pred.incoherent) {
		note(e, "skipped: no dirty tracking with non-coherent table walks");
		return;
	}
	models_begin(e);
	/* The device's input range is the aperture: past it, a fault. */
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		if (model_in_aperture(&e->model[tw], op->iova, 1))
			model_device_write(&e->model[tw], op->iova);
	prepare(e, op->iova, 1);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		ops(e, tw)->info(e->dom[tw], &e->info[tw]);
		hw = e->t->hw_write(&e->hw_ctx[tw], op->iova);
	}
	note(e, "-> %s", hw == HW_WRITE_DONE ? "written" : "fault");
	if (checking(e))
		oracle_window(e);
}

#define DIRTY_MAX_BITS	(1UL << 25)	/* two of iova_bitmap's 16M-bit chunks */

/* Bitmaps for @nbits in whole pages, all clear. */
static void dirty_bitmap_reset(struct dirty_bitmap *db, uint64_t iova,
			       uint64_t page, size_t nbits)
{
	size_t bytes = ((nbits + 63) / 64 * 8 + CPU_PAGE - 1) & ~(CPU_PAGE - 1);

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		free(db->bits[tw]);
		db->bits[tw] = aligned_alloc(CPU_PAGE, bytes);
	}
	free(db->want);
	db->want = aligned_alloc(CPU_PAGE, bytes);
	if (!db->want || !db->bits[BASE] || !db->bits[CAND])
		abort();
	db->words = bytes / 8;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		memset(db->bits[tw], 0, bytes);
	memset(db->want, 0, bytes);
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
	size_t n = model_leaves_in(&e->model[CAND], db->iova, last, &l);

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
 * What iommufd passes on: a page_size that is a power of two, no smaller
 * than the domain's smallest page (iopt->iova_alignment), a window aligned
 * to it (iommufd_check_iova_range()) over mapped IOVA
 * (iopt_for_each_contig_area(): its edges may cut through leaves), of a
 * size our bitmap can hold.  Anything else never reaches a driver.
 */
static bool dirty_request_valid(const struct engine *e, const struct op *op)
{
	if (!op->page || (op->page & (op->page - 1)) || !op->size ||
	    ((op->iova | op->size) & (op->page - 1)) ||
	    op->iova + (op->size - 1) < op->iova || op->page < min_pgsize(e) ||
	    op->size / op->page > DIRTY_MAX_BITS)
		return false;
	return model_in_aperture(&e->model[CAND], op->iova, op->size) &&
	       model_covers(&e->model[CAND], op->iova, op->iova + op->size - 1);
}

/*
 * iommufd's read (kernel-shim/kernel/iommufd-dirty.c): with dirty ops, the
 * bitmap object and its page of struct page pointers are allocated first
 * (a failure there is -ENOMEM before anything is read); then the driver.
 */
static int model_dirty_read(struct engine *e, int tw, const struct op *op,
			    bool no_clear)
{
	struct model *m = &e->model[tw];
	const char *warn = NULL;
	int ret;

	if (e->pred.dirty_ops && (!model_alloc(m) || !model_alloc(m)))
		return -ENOMEM;
	if (e->rules.tracks_dirty) {
		if (tw == CAND)
			dirty_bitmap_expect(e, op->size);
		model_read_dirty(m, op->iova, op->size, no_clear, NULL, 0);
		return 0;
	}
	ret = e->t->dirty_unsupported_ret(&e->ts, &warn);
	if (warn)
		model_warn(m, warn);
	return ret;
}

static void do_read_dirty(struct engine *e, const struct op *op)
{
	bool no_clear = op->arg & OP_DIRTY_NO_CLEAR;

	if (!dirty_request_valid(e, op)) {
		note(e, "skipped: iommufd does not ask for this window or page size");
		return;
	}
	/* The CPU's clearing of dirty bits needs coherent walks (see above). */
	if (e->rules.tracks_dirty && e->pred.incoherent) {
		note(e, "skipped: no dirty tracking with non-coherent table walks");
		return;
	}
	if (!ops(e, BASE)->read_and_clear_dirty ||
	    !ops(e, CAND)->read_and_clear_dirty) {
		note(e, "skipped: this tree has no dirty tracking");
		return;
	}
	dirty_bitmap_reset(&e->dirty, op->iova, op->page, op->size / op->page);
	models_begin(e);
	for (int tw = 0; checking(e) && tw < PTF_NR_TWINS; tw++)
		e->expect_ret[tw] = model_dirty_read(e, tw, op, no_clear);
	prepare(e, op->iova, op->size);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		e->res[tw].ret = ops(e, tw)->read_and_clear_dirty(e->dom[tw],
			op->iova, op->size, no_clear ? PTF_DIRTY_NO_CLEAR : 0,
			op->page, e->dirty.bits[tw]);
		twin_leave(e, tw);
	}
	note(e, "-> %d", e->res[CAND].ret);
	fail_as_modelled(e);
	if (!checking(e))
		return;
	oracle_dirty(e, e->expect_ret[CAND]);
	settle(e);
}

/* Ops ------------------------------------------------------------------------- */

/*
 * A kernel loop that makes no progress: every op is bounded (the model's
 * leaf budget, the legacy loop's page limit), so one that has used
 * PTF_OP_SECONDS (5) of CPU is stuck.  The timer is the process's CPU time
 * (ITIMER_VIRTUAL): libFuzzer's -timeout has ITIMER_REAL.
 */
static unsigned int op_seconds;

static void op_stuck(int sig)
{
	struct engine *e = &the_engine;

	finding(e, "kernel", "an op did not return",
		"op %zu ran %u s of CPU time without returning: a kernel loop that makes no progress\n",
		e->op, op_seconds);
}

static void watchdog(bool on)
{
	struct itimerval t = { 0 };

	if (!op_seconds) {
		const char *s = getenv("PTF_OP_SECONDS");

		op_seconds = s && atoi(s) > 0 ? (unsigned int)atoi(s) : 5;
		signal(SIGVTALRM, op_stuck);
	}
	if (on)
		t.it_value.tv_sec = op_seconds;
	setitimer(ITIMER_VIRTUAL, &t, NULL);
}

static void run_op(struct engine *e, const struct op *op)
{
	const char *hazard;

	models_snapshot(e);
	e->armed = e->fail_nth;
	if (e->opts.inject_nth && e->op == e->opts.inject_op)
		e->armed = e->opts.inject_nth;
	/*
	 * Before the op changes what its hazard depends on (dirty bits), and
	 * knowing the allocation failure armed for it (FAIL_ALLOC or failnth).
	 */
	e->vocab_hazard = op->kind == OP_VOCAB && e->t->vocab->hazard ?
			  e->t->vocab->hazard(e, op) : NULL;
	/* The identity domain's lookups reach neither the driver nor its tables. */
	hazard = op->kind == OP_IDENTITY ? NULL : known_hazard(e);
	if (e->opts.kunit)
		kunit_op(e, op);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		e->res[tw] = (struct twin_result){ 0 };
		rt_clear_records(tw);
	}
	if (hazard && !known_hazard_runs(e, hazard)) {
		note(e, "skipped: a hazard of known kernel finding %s; PTF_STRICT=1 runs it",
		     hazard);
		known_count(hazard, true);
		trace_op(e);
		return;
	}
	watchdog(true);
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
		/* With the differential off, both twins run VFIO's loop. */
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
	case OP_FAULT:
		e->t->fault(e, op);
		break;
	case OP_IDENTITY:
		do_identity_lookup(e, op);
		break;
	case OP_VOCAB:
		e->t->vocab->types[op->type].run(e, op);
		break;
	case NR_OP_KINDS:
		break;
	}
	watchdog(false);
	/* An armed failure lasts one op (an op may arm one for the next). */
	if (op->kind != OP_FAIL_ALLOC && !e->fail_rearmed)
		e->fail_nth = 0;
	e->fail_rearmed = false;
	if (!e->opts.no_oracles)
		hw_device_op_end(e);
	trace_op(e);
}

/* Creation -------------------------------------------------------------------- */

/* Field by field: the twins' structs may differ in their padding. */
static bool info_equal(const struct ptf_pt_info *a, const struct ptf_pt_info *b,
		       bool regs)
{
	return a->pgsize_bitmap == b->pgsize_bitmap && a->ias == b->ias &&
	       a->oas == b->oas && a->va_first == b->va_first &&
	       a->va_last == b->va_last &&
	       a->va_upper_first == b->va_upper_first &&
	       a->top_level == b->top_level &&
	       (!regs || !memcmp(a->regs, b->regs, sizeof(a->regs)));
}

static void print_info(char *buf, size_t len, const struct ptf_pt_info *i)
{
	snprintf(buf, len, "pgsize_bitmap 0x%lx ias %u oas %u IOVA [0x%lx, 0x%lx]%s top %u",
		 i->pgsize_bitmap, i->ias, i->oas, i->va_first, i->va_last,
		 i->va_upper_first ? " and its sign-extended half" : "",
		 i->top_level);
}

/* The kernel's domain against the twins' and the format's rules. */
static void check_domain(struct engine *e, bool created, bool failed)
{
	const struct target_domain *d = &e->pred;
	bool expect = d->accepted &&
		      !(e->armed && e->armed <= d->create_allocs);
	char a[200], b[200];

	if (e->armed && d->create_allocs_open)
		expect = created;	/* not predicted (target.h) */
	if (!created && !failed && e->t->driver_config &&
	    e->t->driver_config(&e->ts))
		finding(e, "contract", "a configuration a driver uses was refused",
			"expected: a domain, as the driver creates with this configuration\nactual:   refused by both twins\n");
	if (created != expect)
		finding(e, "contract", created ?
			"the kernel accepted a configuration its format refuses" :
			"the kernel refused a configuration its format accepts",
			"expected: %s (by the format's rules%s)\nactual:   %s\n",
			expect ? "a domain" : "no domain",
			e->armed ? ", with the armed allocation failure" : "",
			created ? "a domain" : "no domain");
	if (!created)
		return;
	if (!info_equal(&e->info[BASE], &e->info[CAND], true))
		finding(e, "twins", "domain setup differs",
			"baseline:  %s\ncandidate: %s\n",
			(print_info(a, sizeof(a), &e->info[BASE]), a),
			(print_info(b, sizeof(b), &e->info[CAND]), b));
	if (!info_equal(&d->info, &e->info[CAND], false))
		finding(e, "contract", "domain setup differs from the format's rules",
			"expected: %s\nactual:   %s\n",
			(print_info(a, sizeof(a), &d->info), a),
			(print_info(b, sizeof(b), &e->info[CAND]), b));
}

static bool create(struct engine *e)
{
	struct target_setup *ts = &e->ts;
	const char *hazard;
	bool failed;

	memset(ts, 0, sizeof(*ts));
	if (!e->t->setup(&e->prog->cfg, ts)) {
		note(e, "configuration not meaningful for this target");
		return false;
	}
	ts->pt_debug = ops(e, CAND)->debug_checks;
	e->t->predict(ts, &e->pred);
	if (e->opts.kunit)
		kunit_begin(e, e->opts.kunit,
			    e->t->driver_config && e->t->driver_config(ts));
	hazard = known_hazard(e);
	if (hazard && !known_hazard_runs(e, hazard)) {
		note(e, "not created: a hazard of known kernel finding %s; PTF_STRICT=1 runs it",
		     hazard);
		known_count(hazard, true);
		return false;
	}
	e->armed = ts->create_fail;
	/*
	 * The failnth sweep leaves out a creation whose allocations are not
	 * predicted (a driver's boot: create_fail covers it).
	 */
	if (e->opts.inject_nth && e->opts.inject_op == SIZE_MAX &&
	    !e->pred.create_allocs_open)
		e->armed = e->opts.inject_nth;
	hw_ctx_init(e);
	hw_device_init(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		rt_set_phys_base(tw, ts->table_base[tw]);
		twin_enter(e, tw);
		e->dom[tw] = ops(e, tw)->create(&ts->pt, &e->info[tw]);
		twin_leave(e, tw);
	}
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
	failed = e->res[CAND].fail_delivered;
	if (e->armed && e->opts.inject_op == SIZE_MAX)
		e->inject_hit = failed;
	if (checking(e))
		check_domain(e, e->dom[CAND], failed);
	e->armed = 0;
	if (!e->dom[BASE]) {
		note(e, "the kernel refused this configuration");
		for (int tw = 0; e->pred.create_warn && tw < PTF_NR_TWINS; tw++)
			model_warn(&e->model[tw], e->pred.create_warn);
		if (checking(e)) {
			oracle_warns(e);
			oracle_leaks(e);
		}
		return false;
	}
	if (checking(e))
		oracle_warns(e);
	coverage_reached(e->t, ts);
	e->rules = e->pred.rules;
	e->rules.unmap_splits_blocks = e->info[BASE].unmap_splits_blocks;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		model_init(&e->model[tw], &e->rules, e->pred.impl,
			   e->pred.impl_ctx);
		e->stale[tw].n = 0;
	}
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
	if (!checking(e))
		return;
	/* Tearing down a live domain is in contract: no WARN. */
	models_begin(e);
	oracle_warns(e);
	oracle_leaks(e);
}

/*
 * For a family with its own ops whose twins are page tables the engine
 * creates as usual (a GPU driver's VM): the domain, its checks and the
 * models, and at the end its teardown.
 */
bool engine_create_domain(struct engine *e)
{
	return create(e);
}

void engine_destroy_domain(struct engine *e)
{
	destroy(e);
}

void engine_models_begin(struct engine *e)
{
	models_begin(e);
}

void engine_lookup(struct engine *e, uint64_t iova)
{
	const struct op op = { .kind = OP_LOOKUP, .iova = iova };

	do_lookup(e, &op);
}

static void engine_reset(struct engine *e)
{
	struct dirty_bitmap dirty = e->dirty;	/* freed by the next read */

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		hwview_free(&e->hw[tw]);
		hwview_free(&e->before[tw]);
		hwview_free(&e->hw_synced[tw]);
		leafvec_free(&e->stale[tw]);
		model_free(&e->model[tw]);
		model_free(&e->prev[tw]);
	}
	memset(e, 0, offsetof(struct engine, step));
	memset(e->note, 0, sizeof(e->note));
	e->known_hit = NULL;
	e->inject_hit = false;
	e->dirty = dirty;
}

const char *engine_run(const struct target *t, const struct program *p,
		       const struct engine_opts *opts, bool *inject_hit)
{
	struct engine *e = &the_engine;

	engine_reset(e);
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
		if (strcmp(e->known_hit, "other"))
			known_count(e->known_hit, false);
		if (inject_hit)
			*inject_hit = e->inject_hit;
		return e->known_hit;
	}
	if (t->vocab) {
		/* A family with its own ops sets up and tears down its twins. */
		if (e->opts.kunit)
			kunit_begin(e, e->opts.kunit, false);	/* refuses it */
		if (t->vocab->create(e)) {
			for (e->op = 0; e->op < p->nr_ops; e->op++)
				run_op(e, &p->ops[e->op]);
			e->op = SIZE_MAX;
			t->vocab->finish(e);
		}
	} else if (create(e)) {
		for (e->op = 0; e->op < p->nr_ops; e->op++)
			run_op(e, &p->ops[e->op]);
		e->op = SIZE_MAX;
		if (checking(e)) {
			models_begin(e);
			e->win_lo = 0;
			e->win_hi = UINT64_MAX;
			oracle_window(e);
		}
		destroy(e);
	}
	if (e->opts.kunit)
		kunit_end(e);
	report_set_engine(NULL);
	if (e->known_hit)
		known_count(e->known_hit, false);
	if (inject_hit)
		*inject_hit = e->inject_hit;
	/* The last known finding the input went on past (counted above), or NULL. */
	return e->known_hit;
}
