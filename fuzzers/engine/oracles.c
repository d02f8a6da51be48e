// SPDX-License-Identifier: GPL-2.0
/*
 * The oracles.  Each one compares what the twins did with each other
 * first (a difference is a regression of the candidate), then with what
 * the model says they must have done, and reports a finding on the first
 * difference.  tests/mutants/ holds, for each of them, a kernel mutant it
 * exists to catch.
 *
 *   lookup     iova_to_phys_length == legacy iova_to_phys (baseline and the
 *              candidate's wrapper), and == the model: phys, leaf size,
 *              linear translation across the leaf
 *   window     the hardware view of the tables (leaves and the tables
 *              leading to them) == the model after every op, in the part
 *              of the domain the op could touch, and the whole of it at
 *              the end
 *   hardware   (the walkers) nothing the device would fault on
 *   step-unmap (engine.c) both loops make the calls and walks the model does
 *   contract   (engine.c) return codes, byte counts, allocations, domains
 *   flush      the device's IOTLBs and walk cache: every leaf that
 *              disappeared or changed is covered by an invalidation the op
 *              requested (in every TLB of the device), every table
 *              unlinked by a walk-cache invalidation, issued before the
 *              table page was freed
 *   sync       a non-coherent walker sees, through its own copy of the
 *              tables, what the CPU wrote: every PTE write was DMA-synced
 *   dirty      iommufd's bitmap (the tree's iova_bitmap, filled by the
 *              domain's read_and_clear_dirty) marks exactly the pages of
 *              dirty leaves in the window, and the read cleans them
 *   warn/leak  only the WARNs the model predicts, no memory left behind
 */
#include <fnmatch.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "runtime.h"

/* Hardware view ------------------------------------------------------------ */

struct sink {
	struct engine *e;
	struct hwview *out;
	uint64_t lo, hi;
	bool device;		/* reading the device's copy: errors are syncs */
};

static struct sink sink;

static void *ctx_map(const struct hw_ctx *hw, uint64_t phys, size_t len)
{
	return rt_phys_span(hw->twin, phys, len);
}

#define UNSYNCED	"the device sees tables the kernel did not sync"

/*
 * Table memory as a non-coherent walker reads it: the device's copy, which
 * only DMA syncs update (oracle_syncs() compares what it decodes there with
 * the CPU's tables).  A known finding's table is brought up to date, as a
 * sync would, so that the input goes on.
 */
static void *ctx_map_device(const struct hw_ctx *hw, uint64_t phys, size_t len)
{
	uint8_t *cpu = rt_phys_span(hw->twin, phys, len);
	uint8_t *dev = rt_phys_span_device(hw->twin, phys, len);
	struct engine *e = hw->priv;
	const char *known;

	if (!cpu || !memcmp(cpu, dev, len))
		return dev;
	e->unsynced.twin = hw->twin;
	e->unsynced.phys = phys;
	e->unsynced.len = len;
	known = known_finding(e, "sync", UNSYNCED);
	if (known && !known_strict(known)) {
		note(e, "(known kernel finding %s: the device's copy of 0x%" PRIx64 " was brought up to date; PTF_STRICT=1 reports it)",
		     known, phys);
		known_count(known, false);
		rt_device_publish(hw->twin, phys, len);
	}
	return dev;
}

static bool in_window(uint64_t iova, uint64_t size)
{
	return iova <= sink.hi && iova + (size - 1) >= sink.lo;
}

static void ctx_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	struct pt_leaf leaf = {
		.iova = l->iova, .size = l->size, .phys = l->phys,
		.prot = l->access, .dirty = l->dirty,
	};

	if (sink.out && in_window(l->iova, l->size))
		leafvec_push(&sink.out->leaves, &leaf);
}

static void ctx_table(const struct hw_ctx *hw, uint64_t phys, uint64_t iova,
		      unsigned int span_lg2)
{
	struct hw_table t = { phys, iova, span_lg2 };

	if (sink.out && in_window(iova, model_up_to(span_lg2 - 1) + 1))
		tablevec_push(&sink.out->tables, &t);
}

static void ctx_error(const struct hw_ctx *hw, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sink.device)
		finding(hw->priv, "sync", UNSYNCED,
			"%s twin: walking the tables as the non-coherent IOMMU reads them (what the DMA syncs left there): %s\n",
			twin_name(hw->twin), msg);
	finding(hw->priv, "hardware", "the device would fault on the tables",
		"walking the %s twin's tables as the IOMMU does: %s\n",
		twin_name(hw->twin), msg);
}

static void ctx_protocol(const struct hw_ctx *hw, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding(hw->priv, "device", "a register access the hardware does not allow",
		"%s twin: %s\n", twin_name(hw->twin), msg);
}

void hw_ctx_init(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		e->hw_ctx[tw] = (struct hw_ctx){
			.twin = tw, .pt = &e->ts.pt, .info = &e->info[tw],
			.map = ctx_map, .leaf = ctx_leaf, .table = ctx_table,
			.error = ctx_error, .protocol = ctx_protocol, .priv = e,
		};
		e->hw_dev[tw] = e->hw_ctx[tw];
		e->hw_dev[tw].map = ctx_map_device;
	}
}

/* The target's device model behind the kernel's register accesses. */
static void mmio_map(void *priv, int twin, uint64_t phys, uint64_t size)
{
	struct engine *e = priv;

	e->t->device->map(&e->hw_ctx[twin], phys, size);
}

static uint32_t mmio_read(void *priv, int twin, uint64_t phys, int bytes)
{
	struct engine *e = priv;

	return e->t->device->read(&e->hw_ctx[twin], phys, bytes);
}

static void mmio_write(void *priv, int twin, uint64_t phys, uint32_t val,
		       int bytes)
{
	struct engine *e = priv;

	e->t->device->write(&e->hw_ctx[twin], phys, val, bytes);
}

static const struct rt_mmio_ops engine_mmio = {
	.map = mmio_map, .read = mmio_read, .write = mmio_write,
};

void hw_device_init(struct engine *e)
{
	if (!e->t->device) {
		rt_set_mmio(NULL, NULL);
		return;
	}
	e->t->device->reset(&e->ts);
	rt_set_mmio(&engine_mmio, e);
}

static int table_order(const void *a, const void *b)
{
	const struct hw_table *x = a, *y = b;

	if (x->iova != y->iova)
		return x->iova < y->iova ? -1 : 1;
	return (int)x->span_lg2 - (int)y->span_lg2;
}

static void walk(struct engine *e, const struct hw_ctx *ctx, int twin,
		 uint64_t lo, uint64_t hi, struct hwview *out, bool device)
{
	hwview_clear(out);
	/* What the device is programmed with now: a table's top may grow. */
	ptf_rt_set_twin(twin);
	e->t->twin[twin]->info(e->dom[twin], &e->info[twin]);
	sink = (struct sink){ .e = e, .out = out, .lo = lo, .hi = hi,
			      .device = device };
	if (device)
		e->unsynced.len = 0;
	e->t->hw_walk(ctx, lo, hi);
	sink.out = NULL;
	sink.device = false;
	if (out->tables.n)
		qsort(out->tables.v, out->tables.n, sizeof(*out->tables.v),
		      table_order);
}

void hw_view(struct engine *e, int twin, uint64_t lo, uint64_t hi,
	     struct hwview *out)
{
	walk(e, &e->hw_ctx[twin], twin, lo, hi, out, false);
}

/* Leaf and table comparison ------------------------------------------------ */

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

	snprintf(buf, len, "[0x%" PRIx64 " +%s] -> 0x%" PRIx64 " %s%s%s%s%s%s%s",
		 l->iova, size_name(l->size, s, sizeof(s)), l->phys,
		 l->prot & MODEL_PROT_READ ? "R" : "-",
		 l->prot & MODEL_PROT_WRITE ? "W" : "-",
		 l->prot & HW_ACC_EXEC ? "X" : "",
		 l->prot & HW_ACC_UNPRIV ? " unpriv" : "",
		 l->prot & HW_MEM_CACHED ? " cached" : "",
		 l->prot & HW_MEM_DEVICE ? " device" : "",
		 l->dirty ? " dirty" : "");
	return buf;
}

static const char *table_str(const struct hw_table *t, char *buf, size_t len)
{
	char s[32];

	snprintf(buf, len, "a table for [0x%" PRIx64 " +%s]", t->iova,
		 size_name(model_up_to(t->span_lg2 - 1) + 1, s, sizeof(s)));
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
		if (!e->rules.tracks_dirty)
			want.dirty = i < hw->n && hw->v[i].dirty;
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
		twin_name(tw), e->win_lo, e->win_hi, i, nm, a, b);
}

/* The model's tables that the walk of the window passes through. */
static void model_tables(const struct model *m, uint64_t lo, uint64_t hi,
			 struct tablevec *out)
{
	out->n = 0;
	for (size_t i = 0; i < m->nr_tables; i++) {
		const struct model_table *t = &m->tables[i];
		struct hw_table h = { 0, t->iova, t->span_lg2 };

		if (t->iova <= hi && t->iova + model_up_to(t->span_lg2 - 1) >= lo)
			tablevec_push(out, &h);
	}
}

static void shape_mismatch(struct engine *e, int tw, const struct tablevec *m,
			   const struct tablevec *hw)
{
	char a[96], b[96];
	size_t i;

	for (i = 0; i < m->n && i < hw->n && !table_order(&m->v[i], &hw->v[i]);
	     i++)
		;
	if (getenv("PTF_DEBUG_SHAPE"))
		for (size_t k = 0; k < m->n || k < hw->n; k++)
			fprintf(stderr, "  %zu: model %s | hw %s\n", k,
				k < m->n ? table_str(&m->v[k], a, sizeof(a)) : "-",
				k < hw->n ? table_str(&hw->v[k], b, sizeof(b)) : "-");
	finding(e, "window", "table shape differs from the model",
		"%s twin, window [0x%" PRIx64 ", 0x%" PRIx64 "], table %zu of the model's %zu\nexpected: %s\nactual:   %s\n",
		twin_name(tw), e->win_lo, e->win_hi, i, m->n,
		i < m->n ? table_str(&m->v[i], a, sizeof(a)) : "no further table",
		i < hw->n ? table_str(&hw->v[i], b, sizeof(b)) : "no further table");
}

/* Collect the hardware view of the window, widened to whole leaves. */
static void collect_window(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct leafvec *lv = &e->hw[tw].leaves;
		uint64_t lo = e->win_lo, hi = e->win_hi;

		model_widen(&e->model[tw], &lo, &hi);
		if (lv->n && lv->v[0].iova < lo)
			lo = lv->v[0].iova;
		if (lv->n && lv->v[lv->n - 1].iova + (lv->v[lv->n - 1].size - 1) > hi)
			hi = lv->v[lv->n - 1].iova + (lv->v[lv->n - 1].size - 1);
		if (lo == e->win_lo && hi == e->win_hi)
			continue;
		e->win_lo = lo;
		e->win_hi = hi;
		hw_view(e, BASE, lo, hi, &e->hw[BASE]);
		hw_view(e, CAND, lo, hi, &e->hw[CAND]);
		tw = -1;	/* both twins again, over the wider window */
	}
}

static void twins_agree(struct engine *e)
{
	const struct hwview *b = &e->hw[BASE], *c = &e->hw[CAND];
	char x[160], y[160];

	if (e->info[BASE].top_level != e->info[CAND].top_level)
		finding(e, "twins", "table tops differ",
			"top level %u on the baseline, %u on the candidate\n",
			e->info[BASE].top_level, e->info[CAND].top_level);
	for (size_t i = 0; i < b->leaves.n || i < c->leaves.n; i++) {
		if (i < b->leaves.n && i < c->leaves.n &&
		    same_hw_leaf(&b->leaves.v[i], &c->leaves.v[i]))
			continue;
		finding(e, "twins", "tables differ",
			"window [0x%" PRIx64 ", 0x%" PRIx64 "], leaf %zu\nbaseline:  %s\ncandidate: %s\n",
			e->win_lo, e->win_hi, i,
			i < b->leaves.n ? hw_str(&b->leaves.v[i], x, sizeof(x)) : "none",
			i < c->leaves.n ? hw_str(&c->leaves.v[i], y, sizeof(y)) : "none");
	}
	for (size_t i = 0; i < b->tables.n || i < c->tables.n; i++) {
		if (i < b->tables.n && i < c->tables.n &&
		    !table_order(&b->tables.v[i], &c->tables.v[i]))
			continue;
		finding(e, "twins", "tables differ",
			"window [0x%" PRIx64 ", 0x%" PRIx64 "], table %zu\nbaseline:  %s\ncandidate: %s\n",
			e->win_lo, e->win_hi, i,
			i < b->tables.n ? table_str(&b->tables.v[i], x, sizeof(x)) : "none",
			i < c->tables.n ? table_str(&c->tables.v[i], y, sizeof(y)) : "none");
	}
}

static void twin_vs_model(struct engine *e, int tw)
{
	const struct model *m = &e->model[tw];
	static struct tablevec want;
	const struct pt_leaf *l;
	const struct hwview *hw = &e->hw[tw];
	size_t nm;
	bool same;

	if (e->rules.dynamic_top && e->info[tw].top_level != m->top_level)
		finding(e, "window", "the table's top differs from the model",
			"%s twin\nexpected: top level %u\nactual:   top level %u\n",
			twin_name(tw), m->top_level, e->info[tw].top_level);
	nm = model_leaves_in(m, e->win_lo, e->win_hi, &l);
	same = nm == hw->leaves.n;
	for (size_t i = 0; same && i < nm; i++)
		same = same_leaf(e, &l[i], &hw->leaves.v[i]);
	if (!same)
		leaf_mismatch(e, tw, l, nm, &hw->leaves);
	if (e->t->no_table_shape)
		return;
	model_tables(m, e->win_lo, e->win_hi, &want);
	same = want.n == hw->tables.n;
	for (size_t i = 0; same && i < want.n; i++)
		same = !table_order(&want.v[i], &hw->tables.v[i]);
	if (!same)
		shape_mismatch(e, tw, &want, &hw->tables);
}

void oracle_window(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		hw_view(e, tw, e->win_lo, e->win_hi, &e->hw[tw]);
	collect_window(e);
	if (!e->diverged)
		twins_agree(e);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		twin_vs_model(e, tw);
}

/* The device's caches ------------------------------------------------------ */

/*
 * True if @unit's invalidations (and those of every TLB) of the kinds in
 * @kinds issued before event @before (0: any) cover every byte of [lo, hi]
 * (inclusive ends).
 */
static bool covered_bytes(const struct rt_inval *inv, size_t n, int unit,
			  uint64_t lo, uint64_t hi, unsigned int kinds,
			  unsigned long before)
{
	uint64_t next = lo;	/* first byte not known to be covered */
	bool grew = true;

	while (grew) {
		grew = false;
		for (size_t i = 0; i < n; i++) {
			uint64_t a = inv[i].iova, z = inv[i].iova + (inv[i].size - 1);

			if (!(kinds & (1u << inv[i].kind)) ||
			    (before && inv[i].seq > before) ||
			    (inv[i].unit != unit && inv[i].unit >= 0))
				continue;
			if (inv[i].kind == PTF_INVAL_ALL)
				return true;
			if (inv[i].kind == PTF_INVAL_ENTRY || !inv[i].size ||
			    a > next || z < next)
				continue;
			if (z >= hi)
				return true;
			next = z + 1;
			grew = true;
		}
	}
	return false;
}

#define ENTRY_SETS_MAX	4096	/* sets of a set-associative TLB */

/*
 * True if @unit's "drop the entry translating this IOVA" invalidations
 * remove the leaf's TLB entry wherever it was filled from: one inside the
 * leaf does it in a TLB searched whole; a set-associative TLB holds it in
 * the set of the page the miss was at, so each page's set needs one.
 * They drop TLB entries only, never a walk cache.
 */
static bool covered_entry(const struct rt_inval *inv, size_t n, int unit,
			  const struct pt_leaf *l)
{
	static uint8_t hit[ENTRY_SETS_MAX];
	uint64_t last = l->iova + (l->size - 1), span = 0, sets;
	size_t first = 0, end = n, i;

	/* @inv is sorted by IOVA: the ones inside the leaf. */
	while (first < end) {
		size_t mid = first + (end - first) / 2;

		if (inv[mid].iova < l->iova)
			first = mid + 1;
		else
			end = mid;
	}
	for (end = first; end < n && inv[end].iova <= last; end++)
		;
	for (i = first; i < end; i++) {
		if (inv[i].unit != unit && inv[i].unit >= 0)
			continue;
		if (!inv[i].size)
			return true;
		span = inv[i].size;
	}
	if (!span)
		return false;
	sets = span / 4096 < ENTRY_SETS_MAX ? span / 4096 : ENTRY_SETS_MAX;
	memset(hit, 0, sets);
	for (i = first; i < end; i++)
		if (inv[i].size == span &&
		    (inv[i].unit == unit || inv[i].unit < 0))
			hit[inv[i].iova / 4096 % sets] = 1;
	for (uint64_t p = l->iova; p <= last && p >= l->iova; p += 4096)
		if (!hit[p / 4096 % sets])
			return false;
	return true;
}

/*
 * An op's invalidations, split for the checks: those by range or of all
 * (few: a gather per sync), and the "drop the entry translating IOVA"
 * ones sorted by IOVA (a driver may issue one per page).  Built once per
 * twin when the flush checks of an op start (oracle_flushes()), and read
 * by them and by the known-finding predicates they call (flush_missed()).
 */
struct inval_index {
	struct rt_inval *ranges, *entries;
	size_t nr, ne, cap, total;
};

static struct inval_index inval_idx[PTF_NR_TWINS];

static int inval_order(const void *a, const void *b)
{
	const struct rt_inval *x = a, *y = b;

	return x->iova < y->iova ? -1 : x->iova > y->iova;
}

static void index_invals(int tw)
{
	struct inval_index *idx = &inval_idx[tw];
	const struct rt_inval *inv;
	size_t n = rt_invals(tw, &inv);

	if (n > idx->cap) {
		free(idx->ranges);
		free(idx->entries);
		idx->ranges = malloc(n * sizeof(*inv));
		idx->entries = malloc(n * sizeof(*inv));
		if (!idx->ranges || !idx->entries)
			abort();
		idx->cap = n;
	}
	idx->nr = idx->ne = 0;
	for (size_t i = 0; i < n; i++) {
		if (inv[i].kind == PTF_INVAL_ENTRY)
			idx->entries[idx->ne++] = inv[i];
		else
			idx->ranges[idx->nr++] = inv[i];
	}
	if (idx->ne)
		qsort(idx->entries, idx->ne, sizeof(*idx->entries), inval_order);
	idx->total = n;
}

#define ANY_INVAL	((1u << PTF_INVAL_LEAF) | (1u << PTF_INVAL_WALK) | \
			 (1u << PTF_INVAL_ALL))
#define WALK_INVAL	((1u << PTF_INVAL_WALK) | (1u << PTF_INVAL_ALL))

static unsigned int tlb_units(const struct engine *e, int tw)
{
	if (e->t->device && e->t->device->tlbs)
		return e->t->device->tlbs(&e->hw_ctx[tw]);
	return 1;
}

/* Every TLB of the device has dropped the leaf @l. */
static bool leaf_covered(const struct engine *e, int tw,
			 const struct inval_index *idx, const struct pt_leaf *l)
{
	for (unsigned int u = 0; u < tlb_units(e, tw); u++)
		if (!covered_bytes(idx->ranges, idx->nr, u, l->iova,
				   l->iova + (l->size - 1), ANY_INVAL, 0) &&
		    !covered_entry(idx->entries, idx->ne, u, l))
			return false;
	return true;
}

/* Every walk cache of the device has dropped [lo, hi] before @before. */
static bool walk_covered(const struct engine *e, int tw,
			 const struct inval_index *idx, uint64_t lo,
			 uint64_t hi, unsigned long before)
{
	for (unsigned int u = 0; u < tlb_units(e, tw); u++)
		if (!covered_bytes(idx->ranges, idx->nr, u, lo, hi, WALK_INVAL,
				   before))
			return false;
	return true;
}

static bool leaf_kept(const struct leafvec *after, const struct pt_leaf *l)
{
	size_t lo = 0, hi = after->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (after->v[mid].iova < l->iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < after->n && same_hw_leaf(&after->v[lo], l);
}

static bool table_kept(const struct tablevec *after, const struct hw_table *t)
{
	for (size_t i = 0; i < after->n; i++)
		if (after->v[i].phys == t->phys &&
		    !table_order(&after->v[i], t))
			return true;
	return false;
}

/* When was the table page at @phys freed (0: it was not)? */
static unsigned long freed_at(int tw, uint64_t phys)
{
	const struct rt_free *f;
	size_t n = rt_frees(tw, &f);

	for (size_t i = 0; i < n; i++)
		if (f[i].phys == phys)
			return f[i].seq;
	return 0;
}

/*
 * The device may hold in its IOTLB any leaf it could see before the op,
 * and in its walk cache any table pointer, until an invalidation covers
 * them: a leaf invalidation covers leaves only; a walk invalidation (or a
 * flush of all) covers both.  Every leaf the op removed or changed must be
 * covered; every table it unlinked must be covered by a walk invalidation,
 * and if the page is freed, that invalidation must come first: otherwise
 * the device may walk a freed page.
 */
static void device_caches(struct engine *e, int tw)
{
	const struct inval_index *idx = &inval_idx[tw];
	size_t ninv = idx->total;
	const struct hwview *before = &e->before[tw], *after = &e->hw[tw];
	char a[160];

	for (size_t i = 0; i < before->leaves.n; i++) {
		const struct pt_leaf *l = &before->leaves.v[i];

		if (leaf_kept(&after->leaves, l) ||
		    leaf_covered(e, tw, idx, l))
			continue;
		finding(e, "flush", "a removed or changed leaf was not invalidated",
			"%s twin: the leaf %s was removed or changed, and no IOTLB invalidation of the %zu requested covers it\n",
			twin_name(tw), hw_str(l, a, sizeof(a)), ninv);
	}
	for (size_t i = 0; i < before->tables.n; i++) {
		const struct hw_table *t = &before->tables.v[i];
		uint64_t last = t->iova + model_up_to(t->span_lg2 - 1);
		unsigned long freed = freed_at(tw, t->phys);

		if (table_kept(&after->tables, t) && !freed)
			continue;
		if (!walk_covered(e, tw, idx, t->iova, last, 0))
			finding(e, "flush", "an unlinked table was not invalidated in the walk cache",
				"%s twin: %s (page 0x%" PRIx64 ") was unlinked%s, and no walk-cache invalidation of the %zu requested covers it\n",
				twin_name(tw), table_str(t, a, sizeof(a)), t->phys,
				freed ? " and freed" : "", ninv);
		if (freed && !walk_covered(e, tw, idx, t->iova, last, freed))
			finding(e, "flush", "a table page was freed before the walk cache was invalidated",
				"%s twin: %s (page 0x%" PRIx64 ") was freed before the walk-cache invalidation covering it: the device may still walk it\n",
				twin_name(tw), table_str(t, a, sizeof(a)), t->phys);
	}
}

bool flush_missed(struct engine *e, int tw, const struct pt_leaf *l)
{
	return !leaf_kept(&e->hw[tw].leaves, l) &&
	       !leaf_covered(e, tw, &inval_idx[tw], l);
}

void oracle_flushes(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		index_invals(tw);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		device_caches(e, tw);
}

/*
 * A non-coherent walker reads its own copy of the tables: what the last
 * DMA sync toward it left there.  At the end of each op it must read what
 * the CPU wrote.
 */
/* The tables the two walks went through: the same pages for the same IOVA. */
static void sync_tables(struct engine *e, int tw)
{
	const struct tablevec *cpu = &e->hw[tw].tables;
	const struct tablevec *dev = &e->hw_synced[tw].tables;
	char a[96], b[96];

	for (size_t i = 0; i < cpu->n || i < dev->n; i++) {
		if (i < cpu->n && i < dev->n && cpu->v[i].phys == dev->v[i].phys &&
		    !table_order(&cpu->v[i], &dev->v[i]))
			continue;
		finding(e, "sync", UNSYNCED,
			"%s twin, window [0x%" PRIx64 ", 0x%" PRIx64 "], table %zu\nCPU's tables:    %s at 0x%" PRIx64 "\ndevice's copy:   %s at 0x%" PRIx64 "\n",
			twin_name(tw), e->win_lo, e->win_hi, i,
			i < cpu->n ? table_str(&cpu->v[i], a, sizeof(a)) : "none",
			i < cpu->n ? cpu->v[i].phys : 0,
			i < dev->n ? table_str(&dev->v[i], b, sizeof(b)) : "none",
			i < dev->n ? dev->v[i].phys : 0);
	}
}

void oracle_syncs(struct engine *e)
{
	char a[160], b[160];

	if (!e->pred.incoherent)
		return;
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		const struct leafvec *cpu = &e->hw[tw].leaves;
		const struct leafvec *dev = &e->hw_synced[tw].leaves;

		walk(e, &e->hw_dev[tw], tw, e->win_lo, e->win_hi,
		     &e->hw_synced[tw], true);
		for (size_t i = 0; i < cpu->n || i < dev->n; i++) {
			if (i < cpu->n && i < dev->n &&
			    same_hw_leaf(&cpu->v[i], &dev->v[i]))
				continue;
			finding(e, "sync", UNSYNCED,
				"%s twin, window [0x%" PRIx64 ", 0x%" PRIx64 "], leaf %zu\nCPU's tables:    %s\ndevice's copy:   %s\n",
				twin_name(tw), e->win_lo, e->win_hi, i,
				i < cpu->n ? hw_str(&cpu->v[i], a, sizeof(a)) : "none",
				i < dev->n ? hw_str(&dev->v[i], b, sizeof(b)) : "none");
		}
		sync_tables(e, tw);
	}
}

/* Lookups ------------------------------------------------------------------ */

static void probe(struct engine *e, uint64_t iova, const struct pt_leaf *l)
{
	struct twin_result *c = &e->res[CAND];
	uint64_t at = e->prog->ops[e->op].iova;
	ptf_u64 len, phys;

	ptf_rt_set_twin(CAND);
	phys = e->t->twin[CAND]->iova_to_phys_length(e->dom[CAND], iova, &len);
	if (phys != c->phys - (at - iova) || len != c->len)
		finding(e, "lookup", "translation not linear across the leaf",
			"iova_to_phys_length(0x%" PRIx64 ") said 0x%" PRIx64 " length 0x%" PRIx64 ", but at 0x%" PRIx64 " inside the same leaf [0x%" PRIx64 " +0x%" PRIx64 "]\nexpected: 0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
			at, c->phys, c->len, iova, l->iova, l->size,
			c->phys - (at - iova), c->len, phys, len);
}

void oracle_lookup(struct engine *e, uint64_t iova)
{
	const struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	const struct pt_leaf *l = model_translate(&e->model[CAND], iova);
	uint64_t first, last;

	if (c->phys == NO_PHYS ? b->legacy || c->len || c->legacy :
	    b->legacy != c->phys || c->legacy != c->phys)
		finding(e, "lookup", "iova_to_phys_length disagrees with iova_to_phys",
			"at 0x%" PRIx64 "\nbaseline iova_to_phys:         0x%" PRIx64 "\ncandidate iova_to_phys:        0x%" PRIx64 "\ncandidate iova_to_phys_length: %s0x%" PRIx64 " length 0x%" PRIx64 "\n(no translation is 0 for iova_to_phys, PHYS_ADDR_MAX with length 0 for iova_to_phys_length)\n",
			iova, b->legacy, c->legacy,
			c->phys == NO_PHYS ? "PHYS_ADDR_MAX " : "", c->phys, c->len);
	if (!l ? c->phys != NO_PHYS :
	    c->phys != l->phys + (iova & (l->size - 1)) || c->len != l->size)
		finding(e, "lookup", "iova_to_phys_length disagrees with the model",
			"at 0x%" PRIx64 "\nexpected: %s0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
			iova, l ? "" : "no translation: ",
			l ? l->phys + (iova & (l->size - 1)) : (uint64_t)NO_PHYS,
			l ? l->size : 0, c->phys, c->len);
	if (!l)
		return;
	/*
	 * The leaf's first and last byte, as this lookup reached it (an alias
	 * past the IAS included).  Not ULONG_MAX itself: io-pgtable-arm's walk
	 * of [iova, iova + 1) is empty there (lpae-lookup-last-iova).
	 */
	first = iova & ~(l->size - 1);
	last = first + (l->size - 1);
	probe(e, first, l);
	probe(e, last == UINT64_MAX ? last - 1 : last, l);
}

/* Dirty tracking ----------------------------------------------------------- */

static bool bit_at(const uint64_t *bits, size_t bit)
{
	return bits[bit / 64] >> (bit % 64) & 1;
}

/* First bit where @a and @b differ, or nbits. */
static size_t first_difference(const uint64_t *a, const uint64_t *b,
			       size_t nbits)
{
	for (size_t w = 0; w < (nbits + 63) / 64; w++)
		if (a[w] != b[w])
			return w * 64 + __builtin_ctzll(a[w] ^ b[w]);
	return nbits;
}

/* The pages from @bit on that differ the same way, as an IOVA range. */
static const char *diff_run(const struct dirty_bitmap *db, const uint64_t *a,
			    const uint64_t *b, size_t bit, char *buf,
			    size_t len)
{
	size_t end = bit + 1;

	while (end < db->nbits && bit_at(a, end) == bit_at(a, bit) &&
	       bit_at(b, end) != bit_at(a, end))
		end++;
	snprintf(buf, len, "[0x%" PRIx64 ", 0x%" PRIx64 "] (bits %zu-%zu)",
		 db->iova + bit * db->page, db->iova + end * db->page - 1,
		 bit, end - 1);
	return buf;
}

/* The bitmap @tw filled against the model's. */
static void dirty_vs_model(struct engine *e, int tw)
{
	const struct dirty_bitmap *db = &e->dirty;
	const struct op *op = &e->prog->ops[e->op];
	size_t bit = first_difference(db->want, db->bits[tw], db->nbits);
	bool missed;
	char run[96];

	if (bit == db->nbits)
		return;
	missed = bit_at(db->want, bit);
	finding(e, "dirty", missed ? "a dirty range was not reported" :
			    "a clean range was reported dirty",
		"%s twin: iommufd bitmap of [0x%" PRIx64 ", +0x%" PRIx64 ") in pages of 0x%" PRIx64 "\nexpected: %s %s\nactual:   %s\n",
		twin_name(tw), op->iova, op->size, op->page,
		diff_run(db, db->want, db->bits[tw], bit, run, sizeof(run)),
		missed ? "dirty" : "clean", missed ? "clean" : "dirty");
}

/* Bits set past the bitmap the user handed over, in its last page. */
static void dirty_past_end(struct engine *e, int tw)
{
	const struct dirty_bitmap *db = &e->dirty;
	size_t all = db->words * 64;

	for (size_t bit = db->nbits; bit < all; bit++)
		if (bit_at(db->bits[tw], bit))
			finding(e, "dirty", "bits written past the end of the user's bitmap",
				"%s twin: the bitmap of [0x%" PRIx64 ", +0x%" PRIx64 ") has %zu bits; bit %zu (0x%" PRIx64 ") is set, in the user's memory after it\n",
				twin_name(tw), db->iova, db->nbits * db->page,
				db->nbits, bit, db->iova + bit * db->page);
}

void oracle_dirty(struct engine *e, int expect_ret)
{
	const struct dirty_bitmap *db = &e->dirty;
	size_t bit;
	char run[96];

	if (!e->diverged && e->res[BASE].ret != e->res[CAND].ret)
		finding(e, "twins", "return codes differ",
			"read_and_clear_dirty() returned %d on the baseline and %d on the candidate\n",
			e->res[BASE].ret, e->res[CAND].ret);
	bit = first_difference(db->bits[BASE], db->bits[CAND], db->words * 64);
	if (bit < db->nbits)
		finding(e, "twins", "dirty reports differ",
			"the baseline reported %s %s, the candidate did not\n",
			diff_run(db, db->bits[BASE], db->bits[CAND], bit, run,
				 sizeof(run)),
			bit_at(db->bits[BASE], bit) ? "dirty" : "clean");
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		if (e->res[tw].ret != e->expect_ret[tw])
			finding(e, "dirty", "read_and_clear_dirty() return code",
				"%s twin\nexpected: %d\nactual:   %d\n",
				twin_name(tw), e->expect_ret[tw], e->res[tw].ret);
		if (e->rules.tracks_dirty && !e->res[tw].ret)
			dirty_vs_model(e, tw);
		dirty_past_end(e, tw);
	}
	(void)expect_ret;
}

/* WARNs and leaks ---------------------------------------------------------- */

/* "*_map_range" matches every format's x86_64_map_range, ... */
static bool func_matches(const char *pattern, const char *func)
{
	size_t lp = strlen(pattern), lf = strlen(func);

	if (pattern[0] != '*')
		return !strcmp(pattern, func);
	return lf >= lp - 1 && !strcmp(func + lf - (lp - 1), pattern + 1);
}

/* A WARN_ON()'s condition, or with "~" a glob of a WARN()'s message. */
static bool cond_matches(const char *cond, const char *what)
{
	if (cond[0] == '~')
		return !fnmatch(cond + 1, what, 0);
	return !strcmp(cond, what);
}

/* The site a WARN was raised at, by file, function and condition. */
static const struct warn_site *site_of(const struct engine *e,
				       const struct rt_warn *w)
{
	for (const struct warn_site *s = e->t->warn_sites; s && s->id; s++)
		if (!strcmp(s->file, w->file) && func_matches(s->func, w->func) &&
		    cond_matches(s->cond, w->what))
			return s;
	return NULL;
}

/* Each twin WARNs only where, and as often as, its model predicts. */
static void warns_vs_model(struct engine *e, int tw)
{
	const struct model *m = &e->model[tw];
	const struct rt_warn *w;
	size_t n = rt_warns(tw, &w);
	unsigned int used[MODEL_MAX_WARNS] = { 0 };

	for (size_t i = 0; i < n; i++) {
		const struct warn_site *s = site_of(e, &w[i]);
		unsigned int k;

		for (k = 0; s && k < m->nr_warns; k++)
			if (!strcmp(m->warns[k].site, s->id) &&
			    used[k] < m->warns[k].count)
				break;
		if (s && k < m->nr_warns) {
			used[k]++;
			if (tw == CAND)
				note(e, "(expected WARN at %s:%d %s(): %s)",
				     w[i].file, w[i].line, w[i].func, s->why);
			continue;
		}
		finding(e, "warn", m->nr_warns ?
			"WARN at a site not on the allow-list" :
			"WARN in an op inside the API contract",
			"%s twin: WARNING at %s:%d %s(): %s\n(the model predicts %u WARN site%s for this op)\n",
			twin_name(tw), w[i].file, w[i].line, w[i].func,
			w[i].what, m->nr_warns, m->nr_warns == 1 ? "" : "s");
	}
}

void oracle_warns(struct engine *e)
{
	const struct rt_warn *w;
	size_t nb = rt_warns(BASE, &w), nc = rt_warns(CAND, &w);

	if (!e->diverged && !e->loops_differ && nb != nc)
		finding(e, "twins", "WARN counts differ",
			"the baseline WARNed %zu times, the candidate %zu times\n",
			nb, nc);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		warns_vs_model(e, tw);
}

/*
 * What the op did on each twin, compared: results, WARN counts, dirty
 * bitmaps and the tables of the window.  A known kernel finding is in
 * both twins; one twin alone showing its symptom is a regression.
 */
bool twins_differ(struct engine *e, char *why, size_t len)
{
	const struct rt_warn *w;
	static struct hwview v[PTF_NR_TWINS];
	const struct twin_result *b = &e->res[BASE], *c = &e->res[CAND];

	if (e->diverged || e->loops_differ || e->op >= e->prog->nr_ops)
		return false;
	if (b->ret != c->ret || b->bytes != c->bytes || b->legacy != c->legacy) {
		snprintf(why, len, "results: baseline %d/0x%lx/0x%lx, candidate %d/0x%lx/0x%lx",
			 b->ret, (unsigned long)b->bytes, b->legacy, c->ret,
			 (unsigned long)c->bytes, c->legacy);
		return true;
	}
	if (rt_warns(BASE, &w) != rt_warns(CAND, &w)) {
		snprintf(why, len, "the WARN counts");
		return true;
	}
	/*
	 * A family with its own ops compares its twins' tables and bitmaps
	 * with its uAPI model after every ioctl (fuzzers/targets/callers_common.c).
	 */
	if (e->t->vocab)
		return false;
	if (e->dirty.words && e->prog->ops[e->op].kind == OP_READ_DIRTY &&
	    memcmp(e->dirty.bits[BASE], e->dirty.bits[CAND], e->dirty.words * 8)) {
		snprintf(why, len, "the dirty bitmaps");
		return true;
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		hw_view(e, tw, e->win_lo, e->win_hi, &v[tw]);
	for (size_t i = 0; i < v[BASE].leaves.n || i < v[CAND].leaves.n; i++)
		if (i >= v[BASE].leaves.n || i >= v[CAND].leaves.n ||
		    !same_hw_leaf(&v[BASE].leaves.v[i], &v[CAND].leaves.v[i])) {
			snprintf(why, len, "the tables, leaf %zu of the window", i);
			return true;
		}
	return false;
}

void oracle_leaks(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct rt_usage u;

		rt_usage(tw, &u);
		if (u.table_allocs || u.heap_allocs)
			finding(e, "leak", "memory left after the domain was freed",
				"%s twin: %lu page-table allocations (%lu bytes) and %lu kmalloc objects still live\n",
				twin_name(tw), u.table_allocs, u.table_bytes,
				u.heap_allocs);
	}
}

/* Vectors ------------------------------------------------------------------ */

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

void tablevec_push(struct tablevec *tv, const struct hw_table *t)
{
	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? 2 * tv->cap : 32;
		tv->v = realloc(tv->v, tv->cap * sizeof(*tv->v));
		if (!tv->v)
			abort();
	}
	tv->v[tv->n++] = *t;
}

void hwview_clear(struct hwview *v)
{
	v->leaves.n = 0;
	v->tables.n = 0;
}

void hwview_free(struct hwview *v)
{
	leafvec_free(&v->leaves);
	free(v->tables.v);
	v->tables = (struct tablevec){ 0 };
}

const char *leaf_str(const struct pt_leaf *l, char *buf, size_t len)
{
	char s[32], p[32];

	snprintf(buf, len, "[0x%" PRIx64 " +%s] -> 0x%" PRIx64 " prot %s%s",
		 l->iova, size_name(l->size, s, sizeof(s)), l->phys,
		 prot_name(l->prot, p, sizeof(p)), l->dirty ? " dirty" : "");
	return buf;
}
