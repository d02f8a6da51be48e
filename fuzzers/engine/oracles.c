// SPDX-License-Identifier: GPL-2.0
/*
 * The oracles.  Each one compares what the twins did with what the model
 * (or the other twin) says they must have done, and reports a finding on
 * the first difference.  tests/mutants/ holds, for each of them, a kernel
 * mutant it exists to catch.
 *
 *   lookup     iova_to_phys_length == legacy iova_to_phys (baseline and the
 *              candidate's wrapper), and == the model: phys, leaf size,
 *              alignment, linear translation across the leaf
 *   window     the hardware view of the tables == the model after every op
 *              (== each other after an out-of-contract op)
 *   step-unmap (engine.c) stepping by length visits each leaf once, unmaps
 *              it exactly, and empties the range
 *   contract   (engine.c) return codes of map/unmap
 *   flush      every leaf that disappeared or changed is covered by an
 *              IOTLB invalidation the code requested
 *   dirty      read_and_clear_dirty reports exactly the dirty leaves
 *   warn/leak  no WARN outside the allow-list, no memory left behind
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "runtime.h"

/* Hardware view ------------------------------------------------------------ */

struct sink {
	struct engine *e;
	struct leafvec *out;
	uint64_t lo, hi;
};

static struct sink sink;

static void *ctx_map(const struct hw_ctx *hw, uint64_t phys, size_t len)
{
	return rt_phys_span(hw->twin, phys, len);
}

static void ctx_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	struct pt_leaf leaf = {
		.iova = l->iova, .size = l->size, .phys = l->phys,
		.prot = l->access, .dirty = l->dirty,
	};

	if (sink.out && l->iova <= sink.hi && l->iova + (l->size - 1) >= sink.lo)
		leafvec_push(sink.out, &leaf);
}

static void ctx_error(const struct hw_ctx *hw, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding(hw->priv, "hardware", "the device would fault on the tables",
		"walking the %s twin's tables as the IOMMU does: %s\n",
		hw->twin == BASE ? "baseline" : "candidate", msg);
}

void hw_ctx_init(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		e->hw_ctx[tw] = (struct hw_ctx){
			.twin = tw, .pt = &e->ts.pt, .info = &e->info[tw],
			.map = ctx_map,
			.leaf = ctx_leaf, .error = ctx_error, .priv = e,
		};
}

void hw_view(struct engine *e, int twin, uint64_t lo, uint64_t hi,
	     struct leafvec *out)
{
	leafvec_clear(out);
	sink = (struct sink){ .e = e, .out = out, .lo = lo, .hi = hi };
	e->t->hw_walk(&e->hw_ctx[twin], lo, hi);
	sink.out = NULL;
}

/* Leaf comparison ---------------------------------------------------------- */

static bool same_leaf(const struct engine *e, const struct pt_leaf *model,
		      const struct pt_leaf *hw)
{
	return model->iova == hw->iova && model->size == hw->size &&
	       model->phys == hw->phys &&
	       e->t->access_of(&e->ts, model->prot) == hw->prot &&
	       (!e->rules.tracks_dirty || model->dirty == hw->dirty);
}

static bool same_hw_leaf(const struct pt_leaf *a, const struct pt_leaf *b)
{
	return a->iova == b->iova && a->size == b->size &&
	       a->phys == b->phys && a->prot == b->prot &&
	       a->dirty == b->dirty;
}

static const char *hw_str(const struct pt_leaf *l, char *buf, size_t len)
{
	char s[32];

	snprintf(buf, len, "[0x%" PRIx64 " +%s] -> 0x%" PRIx64 " %s%s%s",
		 l->iova, size_name(l->size, s, sizeof(s)), l->phys,
		 l->prot & MODEL_PROT_READ ? "R" : "-",
		 l->prot & MODEL_PROT_WRITE ? "W" : "-",
		 l->dirty ? " dirty" : "");
	return buf;
}

static void leaf_mismatch(struct engine *e, int tw, const struct pt_leaf *m,
			  size_t nm, const struct leafvec *hw)
{
	char a[160], b[160];
	size_t i;

	for (i = 0; i < nm && i < hw->n && same_leaf(e, &m[i], &hw->v[i]); i++)
		;
	if (i < nm) {
		struct pt_leaf want = m[i];

		want.prot = e->t->access_of(&e->ts, want.prot);
		hw_str(&want, a, sizeof(a));
	} else {
		snprintf(a, sizeof(a), "no further leaf");
	}
	if (i < hw->n)
		hw_str(&hw->v[i], b, sizeof(b));
	else
		snprintf(b, sizeof(b), "no further leaf");
	finding(e, "window", "tables differ from the model",
		"%s twin, window [0x%" PRIx64 ", 0x%" PRIx64 "], leaf %zu of the model's %zu\nexpected: %s\nactual:   %s\n",
		tw == BASE ? "baseline" : "candidate", e->win_lo, e->win_hi, i,
		nm, a, b);
}

/* Collect the hardware view of the window, widening it to whole leaves. */
static void collect_window(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct leafvec *hw = &e->hw[tw];

		hw_view(e, tw, e->win_lo, e->win_hi, hw);
		while (hw->n && (hw->v[0].iova < e->win_lo ||
				 hw->v[hw->n - 1].iova + hw->v[hw->n - 1].size - 1 > e->win_hi)) {
			if (hw->v[0].iova < e->win_lo)
				e->win_lo = hw->v[0].iova;
			if (hw->v[hw->n - 1].iova + hw->v[hw->n - 1].size - 1 > e->win_hi)
				e->win_hi = hw->v[hw->n - 1].iova + hw->v[hw->n - 1].size - 1;
			tw = -1;	/* both twins again, over the wider window */
			break;
		}
	}
}

/*
 * The model takes the twins' state of the window (they agree).  A leaf that
 * was there before keeps its protection; a new one gets the map's, or else
 * its hardware access (access_of() is a projection: stable).  Both lists
 * are sorted by IOVA.
 */
static void adopt(struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	static struct leafvec take;
	size_t j = 0;

	leafvec_clear(&take);
	for (size_t i = 0; i < e->hw[BASE].n; i++) {
		struct pt_leaf l = e->hw[BASE].v[i];
		const struct pt_leaf *b;

		while (j < e->before.n && e->before.v[j].iova < l.iova)
			j++;
		b = j < e->before.n ? &e->before.v[j] : NULL;
		if (b && b->iova == l.iova && b->size == l.size && b->phys == l.phys)
			l.prot = b->prot;
		else if (op && op->kind == OP_MAP)
			l.prot = op->prot;
		leafvec_push(&take, &l);
	}
	model_adopt(&e->model, e->win_lo, e->win_hi, take.v, take.n);
	note(e, "(out of contract: both twins agree; %zu leaves adopted)",
	     take.n);
}

void oracle_window(struct engine *e, enum model_verdict verdict)
{
	const struct pt_leaf *m;
	size_t nm;

	collect_window(e);
	if (verdict == MODEL_EXACT) {
		nm = model_leaves_in(&e->model, e->win_lo, e->win_hi, &m);
		for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
			bool same = nm == e->hw[tw].n;

			for (size_t i = 0; same && i < nm; i++)
				same = same_leaf(e, &m[i], &e->hw[tw].v[i]);
			if (!same)
				leaf_mismatch(e, tw, m, nm, &e->hw[tw]);
		}
		return;
	}
	for (size_t i = 0; i < e->hw[BASE].n || i < e->hw[CAND].n; i++) {
		char a[160], b[160];

		if (i < e->hw[BASE].n && i < e->hw[CAND].n &&
		    same_hw_leaf(&e->hw[BASE].v[i], &e->hw[CAND].v[i]))
			continue;
		finding(e, "twins", "tables differ after an out-of-contract op",
			"window [0x%" PRIx64 ", 0x%" PRIx64 "], leaf %zu\nbaseline:  %s\ncandidate: %s\n",
			e->win_lo, e->win_hi, i,
			i < e->hw[BASE].n ? hw_str(&e->hw[BASE].v[i], a, sizeof(a)) : "none",
			i < e->hw[CAND].n ? hw_str(&e->hw[CAND].v[i], b, sizeof(b)) : "none");
	}
	adopt(e);
}

/* Flushes ------------------------------------------------------------------ */

/* True if the invalidations cover every byte of [lo, hi] (inclusive ends). */
static bool covered(const struct rt_inval *inv, size_t n, uint64_t lo,
		    uint64_t hi)
{
	uint64_t next = lo;	/* first byte not known to be covered */
	bool grew = true;

	while (grew) {
		grew = false;
		for (size_t i = 0; i < n; i++) {
			uint64_t a = inv[i].iova, z = inv[i].iova + (inv[i].size - 1);

			if (inv[i].kind == PTF_INVAL_ALL)
				return true;
			if (!inv[i].size || a > next || z < next)
				continue;
			if (z >= hi)
				return true;
			next = z + 1;
			grew = true;
		}
	}
	return false;
}

void oracle_flushes(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct rt_inval *inv;
		size_t ninv = rt_invals(tw, &inv);
		const struct leafvec *hw = &e->hw[tw];

		size_t j = 0;

		for (size_t i = 0; i < e->before.n; i++) {
			const struct pt_leaf *l = &e->before.v[i];
			char a[160];

			/* Both sorted by IOVA: walk them together. */
			while (j < hw->n && hw->v[j].iova < l->iova)
				j++;
			if ((j < hw->n && same_leaf(e, l, &hw->v[j])) ||
			    covered(inv, ninv, l->iova, l->iova + l->size - 1))
				continue;
			finding(e, "flush", "a removed or changed leaf was not invalidated",
				"%s twin: the leaf %s was removed or changed, and no IOTLB invalidation of the %zu requested covers it\n",
				tw == BASE ? "baseline" : "candidate",
				leaf_str(l, a, sizeof(a)), ninv);
		}
	}
}

/* Lookups ------------------------------------------------------------------ */

static void probe(struct engine *e, uint64_t iova, const struct pt_leaf *l)
{
	struct twin_result *c = &e->res[CAND];
	ptf_u64 len, phys;

	ptf_rt_set_twin(CAND);
	phys = e->t->twin[CAND]->iova_to_phys_length(e->dom[CAND], iova, &len);
	if (phys != c->phys - (e->prog->ops[e->op].iova - iova) || len != c->len)
		finding(e, "lookup", "translation not linear across the leaf",
			"iova_to_phys_length(0x%" PRIx64 ") said 0x%" PRIx64 " length 0x%" PRIx64 ", but at 0x%" PRIx64 " inside the same leaf [0x%" PRIx64 " +0x%" PRIx64 "]\nexpected: 0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
			e->prog->ops[e->op].iova, c->phys, c->len, iova, l->iova,
			l->size, c->phys - (e->prog->ops[e->op].iova - iova),
			c->len, phys, len);
}

void oracle_lookup(struct engine *e, uint64_t iova, bool in_aperture)
{
	const struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	const struct pt_leaf *l;

	if (c->phys == NO_PHYS ? b->legacy || c->len || c->legacy :
	    b->legacy != c->phys || c->legacy != c->phys)
		finding(e, "lookup", "iova_to_phys_length disagrees with iova_to_phys",
			"at 0x%" PRIx64 "\nbaseline iova_to_phys:         0x%" PRIx64 "\ncandidate iova_to_phys:        0x%" PRIx64 "\ncandidate iova_to_phys_length: %s0x%" PRIx64 " length 0x%" PRIx64 "\n(no translation is 0 for iova_to_phys, PHYS_ADDR_MAX with length 0 for iova_to_phys_length)\n",
			iova, b->legacy, c->legacy,
			c->phys == NO_PHYS ? "PHYS_ADDR_MAX " : "", c->phys, c->len);
	if (!in_aperture)
		return;
	l = model_lookup(&e->model, iova);
	if (!l ? c->phys != NO_PHYS :
	    c->phys != l->phys + (iova - l->iova) || c->len != l->size)
		finding(e, "lookup", "iova_to_phys_length disagrees with the model",
			"at 0x%" PRIx64 "\nexpected: %s0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
			iova, l ? "" : "no translation: ",
			l ? l->phys + (iova - l->iova) : (uint64_t)NO_PHYS,
			l ? l->size : 0, c->phys, c->len);
	if (l) {
		probe(e, l->iova, l);
		probe(e, l->iova + (l->size - 1), l);
	}
}

/* Dirty tracking ----------------------------------------------------------- */

static int by_start(const void *a, const void *b)
{
	const struct pt_leaf *x = a, *y = b;

	return x->iova < y->iova ? -1 : x->iova > y->iova;
}

/* Clip ranges to [lo, hi], sort and merge them in place. */
static void normalise(struct leafvec *v, uint64_t lo, uint64_t hi)
{
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++) {
		uint64_t a = v->v[i].iova, b = a + (v->v[i].size - 1);

		if (!v->v[i].size || b < lo || a > hi)
			continue;
		v->v[n].iova = a < lo ? lo : a;
		v->v[n].size = (b > hi ? hi : b) - v->v[n].iova + 1;
		n++;
	}
	v->n = n;
	if (n)
		qsort(v->v, n, sizeof(*v->v), by_start);
	for (size_t i = 0, j = 0; i < n; i++) {
		struct pt_leaf *last = j ? &v->v[j - 1] : NULL;

		if (last && v->v[i].iova <= last->iova + last->size) {
			uint64_t end = v->v[i].iova + v->v[i].size;

			if (end > last->iova + last->size)
				last->size = end - last->iova;
		} else {
			v->v[j++] = v->v[i];
		}
		v->n = j;
	}
}

static bool same_ranges(const struct leafvec *a, const struct leafvec *b,
			size_t *at)
{
	for (*at = 0; *at < a->n && *at < b->n; (*at)++)
		if (a->v[*at].iova != b->v[*at].iova ||
		    a->v[*at].size != b->v[*at].size)
			return false;
	return a->n == b->n;
}

static const char *range_at(const struct leafvec *v, size_t i, char *buf,
			    size_t len)
{
	if (i >= v->n)
		return "nothing";
	snprintf(buf, len, "[0x%" PRIx64 ", 0x%" PRIx64 "]", v->v[i].iova,
		 v->v[i].iova + v->v[i].size - 1);
	return buf;
}

/* @want (normalised) against what @tw reported; the model's word first. */
static void dirty_vs_model(struct engine *e, int tw, uint64_t iova,
			   uint64_t size, const struct leafvec *want)
{
	const struct leafvec *got = &e->res[tw].dirty;
	char a[64], b[64];
	size_t at;
	bool missed;

	if (same_ranges(want, got, &at))
		return;
	missed = at < want->n &&
		 (at >= got->n || want->v[at].iova < got->v[at].iova ||
		  (want->v[at].iova == got->v[at].iova &&
		   want->v[at].size > got->v[at].size));
	finding(e, "dirty", missed ? "a dirty range was not reported" :
			    "a clean range was reported dirty",
		"%s twin: read_and_clear_dirty(0x%" PRIx64 ", 0x%" PRIx64 "), dirty ranges clipped to the window, range %zu\nexpected: %s\nactual:   %s\n",
		twin_name(tw), iova, size, at, range_at(want, at, a, sizeof(a)),
		range_at(got, at, b, sizeof(b)));
}

void oracle_dirty(struct engine *e, uint64_t iova, uint64_t size,
		  const struct leafvec *expected)
{
	uint64_t hi = size ? iova + (size - 1) : iova;
	static struct leafvec want;	/* reused: a finding may not return */
	char a[64], b[64];
	size_t at;

	/* iommufd's bitmap only records what falls inside the window. */
	normalise(&e->res[BASE].dirty, iova, hi);
	normalise(&e->res[CAND].dirty, iova, hi);
	if (expected) {
		leafvec_clear(&want);
		for (size_t i = 0; i < expected->n; i++)
			leafvec_push(&want, &expected->v[i]);
		normalise(&want, iova, hi);
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
			dirty_vs_model(e, tw, iova, size, &want);
	}
	if (!same_ranges(&e->res[BASE].dirty, &e->res[CAND].dirty, &at))
		finding(e, "twins", "dirty reports differ",
			"range %zu of the reports\nbaseline:  %s\ncandidate: %s\n",
			at, range_at(&e->res[BASE].dirty, at, a, sizeof(a)),
			range_at(&e->res[CAND].dirty, at, b, sizeof(b)));
}

/* WARNs and leaks ---------------------------------------------------------- */

static const struct warn_site *allowed(const struct engine *e,
				       const struct rt_warn *w)
{
	for (const struct warn_site *s = e->t->warn_sites; s && s->file; s++)
		if (!strcmp(s->file, w->file) && !strcmp(s->func, w->func))
			return s;
	return NULL;
}

void oracle_warns(struct engine *e, bool in_contract)
{
	const struct rt_warn *w[PTF_NR_TWINS];
	size_t n[PTF_NR_TWINS];

	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		n[tw] = rt_warns(tw, &w[tw]);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		for (size_t i = 0; i < n[tw]; i++) {
			const struct rt_warn *x = &w[tw][i];
			const struct warn_site *s = allowed(e, x);

			if (in_contract || !s)
				finding(e, "warn", in_contract ?
					"WARN in an op inside the API contract" :
					"WARN at a site not on the allow-list",
					"%s twin: WARNING at %s:%d %s(): %s\n",
					twin_name(tw),
					x->file, x->line, x->func, x->what);
			if (tw == CAND)
				note(e, "(allowed WARN at %s:%d %s(): %s)", x->file,
				     x->line, x->func, s->why);
		}
	}
	if (n[BASE] != n[CAND])
		finding(e, "twins", "WARN counts differ",
			"the baseline WARNed %zu times, the candidate %zu times\n",
			n[BASE], n[CAND]);
}

void oracle_leaks(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct rt_usage u;

		rt_usage(tw, &u);
		if (u.table_allocs || u.heap_allocs)
			finding(e, "leak", "memory left after the domain was freed",
				"%s twin: %lu page-table allocations (%lu bytes) and %lu kmalloc objects still live\n",
				tw == BASE ? "baseline" : "candidate",
				u.table_allocs, u.table_bytes, u.heap_allocs);
	}
}

/* Leaf vectors ------------------------------------------------------------- */

void leafvec_push(struct leafvec *lv, const struct pt_leaf *leaf)
{
	if (lv->n == lv->cap) {
		lv->cap = lv->cap ? 2 * lv->cap : 64;
		lv->v = realloc(lv->v, lv->cap * sizeof(*lv->v));
		if (!lv->v)
			abort();
	}
	lv->v[lv->n++] = *leaf;
}

void leafvec_clear(struct leafvec *lv)
{
	lv->n = 0;
}

void leafvec_free(struct leafvec *lv)
{
	free(lv->v);
	*lv = (struct leafvec){ 0 };
}

const char *leaf_str(const struct pt_leaf *l, char *buf, size_t len)
{
	char s[32], p[32];

	snprintf(buf, len, "[0x%" PRIx64 " +%s] -> 0x%" PRIx64 " prot %s%s",
		 l->iova, size_name(l->size, s, sizeof(s)), l->phys,
		 prot_name(l->prot, p, sizeof(p)), l->dirty ? " dirty" : "");
	return buf;
}
