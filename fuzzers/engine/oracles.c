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
#include <setjmp.h>
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

/*
 * twins_differ() walks both twins' tables while a finding is being
 * decided: a walker error there (the very symptom of a hardware finding)
 * ends that walk with its message instead of reporting again.
 */
static jmp_buf *quiet_walk;
static char quiet_msg[256];

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

static void *ctx_mem(const struct hw_ctx *hw, uint64_t phys, size_t len)
{
	return rt_phys_span(hw->twin, phys, len);
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

/* The first error of the walk of the blocking domain (mmio_blocking()). */
static char blocking_error[256];

static void ctx_error(const struct hw_ctx *hw, const char *fmt, ...)
{
	struct engine *e = hw->priv;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (quiet_walk) {
		memcpy(quiet_msg, msg, sizeof(quiet_msg));
		longjmp(*quiet_walk, 1);
	}
	if (e->blocking_check) {
		if (!blocking_error[0])
			memcpy(blocking_error, msg, sizeof(msg));
		return;
	}
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

static void ctx_report(const struct hw_ctx *hw, const char *oracle,
		       const char *signature, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding(hw->priv, oracle, signature, "%s twin: %s\n",
		twin_name(hw->twin), msg);
}

void hw_ctx_init(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		e->hw_ctx[tw] = (struct hw_ctx){
			.twin = tw, .pt = &e->ts.pt, .info = &e->info[tw],
			.map = ctx_map, .mem = ctx_mem,
			.leaf = ctx_leaf, .table = ctx_table,
			.error = ctx_error, .protocol = ctx_protocol,
			.report = ctx_report, .priv = e,
		};
		e->hw_dev[tw] = e->hw_ctx[tw];
		e->hw_dev[tw].map = ctx_map_device;
	}
}

static const char *hw_str(const struct pt_leaf *l, char *buf, size_t len);

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

/*
 * The master sits in the core's blocking domain (an empty paging domain)
 * after the input's domain was detached and freed: the device translates
 * through it, so the walk over the whole aperture finds no leaf and no
 * error (a walker reports an IOMMU that does not translate as one).  The
 * walk's errors are collected (a walker called here must survive its
 * error callback returning) and reported after it; a known one is noted
 * and the teardown goes on, so that what it checks next is still seen.
 */
static void mmio_blocking(void *priv, int twin)
{
	struct engine *e = priv;
	static struct hwview view;
	struct leafvec *out = &view.leaves;
	const char *known;
	char a[160];

	hwview_clear(&view);
	sink = (struct sink){ .e = e, .out = &view, .lo = e->rules.va_first,
			      .hi = e->rules.va_last };
	blocking_error[0] = 0;
	e->blocking_check = true;
	e->t->hw_walk(&e->hw_ctx[twin], e->rules.va_first, e->rules.va_last);
	sink.out = NULL;
	known = blocking_error[0] ?
		known_finding(e, "hardware", "the device would fault on the tables") :
		NULL;
	if (known && !known_strict(known)) {
		note(e, "(known kernel finding %s, %s twin: %s)", known,
		     twin_name(twin), blocking_error);
		e->known_hit = known;
	}
	else if (blocking_error[0])
		finding(e, "hardware", "the device would fault on the tables",
			"walking the %s twin's tables as the IOMMU does, attached to an empty paging domain: %s\n",
			twin_name(twin), blocking_error);
	e->blocking_check = false;
	if (out->n)
		finding(e, "window", "the blocking domain translates",
			"%s twin: attached to an empty paging domain, the device translates %zu leaves, the first %s\n",
			twin_name(twin), out->n, hw_str(&out->v[0], a, sizeof(a)));
}

/*
 * The master goes back to the driver's own identity or blocked domain: a
 * known finding there (undefined behaviour in the driver) is contained
 * outside strict mode, and noted.
 */
static bool mmio_core_attach(void *priv, int twin, bool on)
{
	struct engine *e = priv;
	const char *known;

	e->core_attach = on;
	known = on ? known_hazard(e) : NULL;
	if (!known || known_hazard_runs(e, known))
		return false;
	note(e, "(known kernel finding %s, %s twin: contained; PTF_STRICT=1 runs it as it is)",
	     known, twin_name(twin));
	e->known_hit = known;
	return true;
}

static const struct rt_mmio_ops engine_mmio = {
	.map = mmio_map, .read = mmio_read, .write = mmio_write,
	.blocking = mmio_blocking, .core_attach = mmio_core_attach,
};

/* The target's virtio device model behind the transport. */
static const struct hw_virtio *vdev_of(void *priv, int twin,
				       const struct hw_ctx **hw)
{
	struct engine *e = priv;

	*hw = &e->hw_ctx[twin];
	return e->t->device->virtio;
}

static unsigned int vio_device_id(void *priv, int twin)
{
	const struct hw_ctx *hw;

	return vdev_of(priv, twin, &hw)->device_id(hw);
}

static uint64_t vio_features(void *priv, int twin)
{
	const struct hw_ctx *hw;

	return vdev_of(priv, twin, &hw)->features(hw);
}

static void vio_ack_features(void *priv, int twin, uint64_t features)
{
	const struct hw_ctx *hw;

	vdev_of(priv, twin, &hw)->ack_features(hw, features);
}

static void vio_config(void *priv, int twin, unsigned int off, void *buf,
		       unsigned int len, bool write)
{
	const struct hw_ctx *hw;

	vdev_of(priv, twin, &hw)->config(hw, off, buf, len, write);
}

static unsigned int vio_status(void *priv, int twin)
{
	const struct hw_ctx *hw;

	return vdev_of(priv, twin, &hw)->status(hw);
}

static void vio_set_status(void *priv, int twin, unsigned int status)
{
	const struct hw_ctx *hw;

	vdev_of(priv, twin, &hw)->set_status(hw, (uint8_t)status);
}

static unsigned int vio_queue_size(void *priv, int twin, unsigned int q)
{
	const struct hw_ctx *hw;

	return vdev_of(priv, twin, &hw)->queue_size(hw, q);
}

static unsigned int vio_process(void *priv, int twin, unsigned int q,
				const struct ptf_rt_vbuf *bufs, unsigned int n)
{
	const struct hw_ctx *hw;

	return vdev_of(priv, twin, &hw)->process(hw, q, bufs, n);
}

static const struct rt_virtio_ops engine_virtio = {
	.device_id = vio_device_id, .features = vio_features,
	.ack_features = vio_ack_features, .config = vio_config,
	.status = vio_status, .set_status = vio_set_status,
	.queue_size = vio_queue_size, .process = vio_process,
};

void hw_device_init(struct engine *e)
{
	const struct hw_device *d = e->t->device;

	if (d)
		d->reset(&e->ts);
	rt_set_mmio(d && d->map ? &engine_mmio : NULL, e);
	rt_set_virtio(d && d->virtio ? &engine_virtio : NULL, e);
}

/* The device translated the op's window: a TLB it searches may cache it. */
void hw_device_op_end(struct engine *e)
{
	if (!e->t->device || !e->t->device->op_end || !e->dom[BASE])
		return;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		e->t->device->op_end(&e->hw_ctx[tw], e->win_lo, e->win_hi);
	}
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

static void twin_vs_model(struct engine *e, int tw,
			  const struct leafvec *shown)
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
	same = nm == shown->n;
	for (size_t i = 0; same && i < nm; i++)
		same = same_leaf(e, &l[i], &shown->v[i]);
	if (!same)
		leaf_mismatch(e, tw, l, nm, shown);
	if (e->t->no_table_shape)
		return;
	model_tables(m, e->win_lo, e->win_hi, &want);
	same = want.n == hw->tables.n;
	for (size_t i = 0; same && i < want.n; i++)
		same = !table_order(&want.v[i], &hw->tables.v[i]);
	if (!same)
		shape_mismatch(e, tw, &want, &hw->tables);
}

/* Driver records ------------------------------------------------------------ */

static struct ptf_record *records;
static size_t records_cap;

/* The driver's records of the window: one per leaf the device translates. */
static void records_vs_device(struct engine *e, int tw)
{
	const struct ptf_twin_ops *o = e->t->twin[tw];
	const struct leafvec *hw = &e->hw[tw].leaves;
	ptf_u64 n;
	size_t i;
	char a[160], b[160];

	ptf_rt_set_twin(tw);
	n = o->records(e->dom[tw], e->win_lo, e->win_hi, records, records_cap);
	if (n == PTF_NO_RECORDS)
		return;
	if (n > records_cap) {
		records_cap = n;
		records = realloc(records, records_cap * sizeof(*records));
		if (!records)
			abort();
		n = o->records(e->dom[tw], e->win_lo, e->win_hi, records, records_cap);
	}
	for (i = 0; i < n && i < hw->n; i++) {
		const struct ptf_record *r = &records[i];

		if (r->iova != hw->v[i].iova || r->size != hw->v[i].size ||
		    r->phys != hw->v[i].phys ||
		    e->t->access_of(&e->ts, r->prot) != hw->v[i].prot)
			break;
	}
	if (i == n && i == hw->n)
		return;
	if (i < n) {
		struct pt_leaf l = { records[i].iova, records[i].size,
				     records[i].phys,
				     e->t->access_of(&e->ts, records[i].prot) };

		hw_str(&l, a, sizeof(a));
	} else {
		snprintf(a, sizeof(a), "no further record");
	}
	if (i < hw->n)
		hw_str(&hw->v[i], b, sizeof(b));
	else
		snprintf(b, sizeof(b), "no further mapping");
	finding(e, "device", "the driver's record of its mappings differs from the device's",
		"%s twin, window [0x%" PRIx64 ", 0x%" PRIx64 "], mapping %zu\ndriver: %s\ndevice: %s\n",
		twin_name(tw), e->win_lo, e->win_hi, i, a, b);
}

static void oracle_records(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		if (e->t->twin[tw]->records)
			records_vs_device(e, tw);
}

/* Lookups across every leaf ----------------------------------------------------- */

#define LEAF_LOOKUPS_MAX	4096	/* per op */

static size_t warns_now(int tw)
{
	const struct rt_warn *w;

	return rt_warns(tw, &w);
}

/*
 * At @iova inside leaf @l, the candidate's iova_to_phys_length() must give
 * the model's address and length; the baseline's iova_to_phys() the
 * address (or 0 for "none" where the leaf maps PA 0).
 */
static void leaf_lookup(struct engine *e, const struct pt_leaf *l,
			uint64_t iova, uint64_t len)
{
	uint64_t want = model_leaf_pa(l, iova);
	ptf_u64 got_len = 0, got, legacy;

	if (!e->diff_off) {
		ptf_rt_set_twin(CAND);
		got = e->t->twin[CAND]->iova_to_phys_length(e->dom[CAND], iova,
							     &got_len);
		if (got != want || got_len != len)
			finding(e, "lookup", "iova_to_phys_length disagrees with the model",
				"at 0x%" PRIx64 ", a block of the leaf [0x%" PRIx64 " +0x%" PRIx64 "] after the op\nexpected: 0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
				iova, l->iova, l->size, want, len, got, got_len);
	}
	/*
	 * Until resync_twins() evens them, twins whose loops differed are
	 * each held to their own model: the baseline may have unmapped more.
	 */
	if (e->diverged) {
		const struct pt_leaf *b = model_translate(&e->model[BASE], iova);

		want = b ? model_leaf_pa(b, iova) : 0;
	}
	ptf_rt_set_twin(BASE);
	legacy = e->t->twin[BASE]->iova_to_phys(e->dom[BASE], iova);
	if (legacy != want)
		finding(e, "lookup", "iova_to_phys disagrees with the model",
			"baseline twin at 0x%" PRIx64 ", in the leaf [0x%" PRIx64 " +0x%" PRIx64 "] after the op\nexpected: 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
			iova, l->iova, l->size, want, legacy);
}

/*
 * For a target whose length rule is the driver's code: every block the
 * length rule cuts each leaf of the window into, looked up at its first
 * and last byte.  These lookups are in contract: a WARN is a finding.
 */
static void oracle_leaf_lookups(struct engine *e)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(&e->model[CAND], e->win_lo, e->win_hi, &l);
	size_t warned[PTF_NR_TWINS], lookups = 0;

	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		warned[tw] = warns_now(tw);
	for (size_t i = 0; i < n && lookups < LEAF_LOOKUPS_MAX; i++) {
		uint64_t last = l[i].iova + (l[i].size - 1), p = l[i].iova;

		while (lookups < LEAF_LOOKUPS_MAX) {
			uint64_t len = model_length(&e->model[CAND], &l[i], p);

			leaf_lookup(e, &l[i], p, len);
			leaf_lookup(e, &l[i], p + (len - 1), len);
			lookups += 2;
			if (p + (len - 1) >= last)
				break;
			p += len;
		}
	}
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		const struct rt_warn *w;
		size_t nw = rt_warns(tw, &w);

		if (nw > warned[tw])
			finding(e, "warn", "WARN in an op inside the API contract",
				"%s twin: WARNING at %s:%d %s(): %s (a lookup after the op)\n",
				twin_name(tw), w[warned[tw]].file, w[warned[tw]].line,
				w[warned[tw]].func, w[warned[tw]].what);
	}
}

static void track_stale(struct engine *e, int tw);

static bool leaf_in(const struct leafvec *lv, const struct pt_leaf *l)
{
	for (size_t i = 0; i < lv->n; i++)
		if (same_hw_leaf(&lv->v[i], l))
			return true;
	return false;
}

static bool model_maps_any(const struct model *m, const struct pt_leaf *l)
{
	const struct pt_leaf *v;

	return model_leaves_in(m, l->iova, l->iova + (l->size - 1), &v) != 0;
}

/*
 * The leaves of the device's view the model is held to: all of them, but
 * for a view that is the device's cache, those it may keep (e->stale)
 * where the model maps nothing.
 */
static const struct leafvec *shown_leaves(struct engine *e, int tw)
{
	static struct leafvec shown[PTF_NR_TWINS];
	const struct leafvec *hw = &e->hw[tw].leaves;
	const struct hw_device *dev = e->t->device;

	if (!dev || !dev->view_cached || !dev->view_cached(&e->hw_ctx[tw]))
		return hw;
	track_stale(e, tw);
	shown[tw].n = 0;
	for (size_t i = 0; i < hw->n; i++)
		if (!leaf_in(&e->stale[tw], &hw->v[i]) ||
		    model_maps_any(&e->model[tw], &hw->v[i]))
			leafvec_push(&shown[tw], &hw->v[i]);
	return &shown[tw];
}

void oracle_window(struct engine *e)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		hw_view(e, tw, e->win_lo, e->win_hi, &e->hw[tw]);
	collect_window(e);
	if (!e->diverged)
		twins_agree(e);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		twin_vs_model(e, tw, shown_leaves(e, tw));
	oracle_records(e);
	if (e->t->lookup_leaves)
		oracle_leaf_lookups(e);
}

/* The device's caches ------------------------------------------------------ */

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
 * An op's invalidations, split for the checks: those by range or of all,
 * and the "drop the entry translating IOVA" ones, each sorted by IOVA (a
 * driver may issue one per page).  Built once per
 * twin when the flush checks of an op start (oracle_flushes()), and read
 * by them and by the known-finding predicates they call (flush_missed()).
 */
struct inval_index {
	struct rt_inval *ranges, *entries;
	size_t nr, ne, cap, total;
	size_t nr_all;		/* ranges[] starts with the invalidations of all */
	uint64_t max_size;	/* of the rest */
};

static struct inval_index inval_idx[PTF_NR_TWINS];

/* By IOVA; the invalidations of all before the rest (first_range_near()). */
static int inval_order(const void *a, const void *b)
{
	const struct rt_inval *x = a, *y = b;
	bool x_all = x->kind == PTF_INVAL_ALL, y_all = y->kind == PTF_INVAL_ALL;

	if (x_all != y_all)
		return x_all ? -1 : 1;
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
	if (idx->nr)
		qsort(idx->ranges, idx->nr, sizeof(*idx->ranges), inval_order);
	idx->nr_all = idx->max_size = 0;
	for (size_t i = 0; i < idx->nr; i++) {
		if (idx->ranges[i].kind == PTF_INVAL_ALL)
			idx->nr_all++;
		else if (idx->ranges[i].size > idx->max_size)
			idx->max_size = idx->ranges[i].size;
	}
	idx->total = n;
}

static bool inval_applies(const struct rt_inval *inv, int unit,
			  unsigned int kinds, unsigned long before)
{
	return (kinds & (1u << inv->kind)) && !(before && inv->seq > before) &&
	       (inv->unit == unit || inv->unit < 0);
}

/* The first range that may reach @lo: none before it starts near it. */
static size_t first_range_near(const struct inval_index *idx, uint64_t lo)
{
	uint64_t from = lo > idx->max_size ? lo - idx->max_size : 0;
	size_t l = idx->nr_all, h = idx->nr;

	while (l < h) {
		size_t mid = l + (h - l) / 2;

		if (idx->ranges[mid].iova < from)
			l = mid + 1;
		else
			h = mid;
	}
	return l;
}

/*
 * True if @unit's invalidations (and those of every TLB) of the kinds in
 * @kinds issued before event @before (0: any) cover every byte of [lo, hi]
 * (inclusive ends).  One sweep of the ranges by IOVA, from the first that
 * can reach @lo.
 */
static bool covered_bytes(const struct inval_index *idx, int unit,
			  uint64_t lo, uint64_t hi, unsigned int kinds,
			  unsigned long before)
{
	uint64_t next = lo;	/* first byte not known to be covered */

	for (size_t i = 0; i < idx->nr_all; i++)
		if (inval_applies(&idx->ranges[i], unit, kinds, before))
			return true;
	for (size_t i = first_range_near(idx, lo); i < idx->nr; i++) {
		const struct rt_inval *inv = &idx->ranges[i];
		uint64_t z = inv->iova + (inv->size - 1);

		if (!inval_applies(inv, unit, kinds, before) || !inv->size ||
		    z < next)
			continue;
		if (inv->iova > next)
			return false;	/* the rest start later still */
		if (z >= hi)
			return true;
		next = z + 1;
	}
	return false;
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

/*
 * Every TLB of the device has dropped the leaf @l: an invalidation covers
 * it, or (a TLB modelled with its contents) the TLB does not hold it.
 */
static bool leaf_covered(const struct engine *e, int tw,
			 const struct inval_index *idx, const struct pt_leaf *l)
{
	const struct hw_device *dev = e->t->device;

	for (unsigned int u = 0; u < tlb_units(e, tw); u++) {
		if (dev && dev->cached &&
		    !dev->cached(&e->hw_ctx[tw], u, l->iova, l->size))
			continue;
		if (!covered_bytes(idx, u, l->iova,
				   l->iova + (l->size - 1), ANY_INVAL, 0) &&
		    !covered_entry(idx->entries, idx->ne, u, l))
			return false;
	}
	return true;
}

/* Every walk cache of the device has dropped [lo, hi] before @before. */
static bool walk_covered(const struct engine *e, int tw,
			 const struct inval_index *idx, uint64_t lo,
			 uint64_t hi, unsigned long before)
{
	if (e->t->device && e->t->device->no_walk_cache)
		return true;
	for (unsigned int u = 0; u < tlb_units(e, tw); u++)
		if (!covered_bytes(idx, u, lo, hi, WALK_INVAL,
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
 * covered (but one a driver overwrote in a map over it, the caller's bug:
 * model_overwrite()); every table it unlinked must be covered by a walk invalidation,
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
		    leaf_covered(e, tw, idx, l) ||
		    model_overwrote(&e->model[tw], l))
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

/*
 * e->stale: a leaf leaves it once an invalidation covers it; one the op
 * replaced in a map over it (model_overwrite()) joins it while the device
 * still shows it, the model maps nothing there and no invalidation of the
 * op covered it.
 */
static void track_stale(struct engine *e, int tw)
{
	const struct inval_index *idx = &inval_idx[tw];
	const struct leafvec *before = &e->before[tw].leaves;
	const struct model *m = &e->model[tw];
	struct leafvec *st = &e->stale[tw];
	size_t keep = 0;

	index_invals(tw);
	for (size_t i = 0; i < st->n; i++)
		if (!leaf_covered(e, tw, idx, &st->v[i]))
			st->v[keep++] = st->v[i];
	st->n = keep;
	for (size_t i = 0; i < before->n; i++) {
		const struct pt_leaf *l = &before->v[i];

		if (model_overwrote(m, l) && !model_maps_any(m, l) &&
		    leaf_kept(&e->hw[tw].leaves, l) && !leaf_in(st, l) &&
		    !leaf_covered(e, tw, idx, l))
			leafvec_push(st, l);
	}
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

/* @at was looked up (c->phys, c->len); @iova must translate alike. */
static void probe(struct engine *e, uint64_t at, uint64_t iova,
		  const struct pt_leaf *l)
{
	struct twin_result *c = &e->res[CAND];
	ptf_u64 len, phys;

	ptf_rt_set_twin(CAND);
	phys = e->t->twin[CAND]->iova_to_phys_length(e->dom[CAND], iova, &len);
	if (phys != c->phys - (at - iova) || len != c->len)
		finding(e, "lookup", "translation not linear across the leaf",
			"iova_to_phys_length(0x%" PRIx64 ") said 0x%" PRIx64 " length 0x%" PRIx64 ", but at 0x%" PRIx64 " inside the same leaf [0x%" PRIx64 " +0x%" PRIx64 "]\nexpected: 0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
			at, c->phys, c->len, iova, l->iova, l->size,
			c->phys - (at - iova), c->len, phys, len);
}

/*
 * A lookup whose driver could not ask its hardware (msm's V2P with a clock
 * that failed to enable) has no translation to give: PHYS_ADDR_MAX with
 * length 0, and 0 from iova_to_phys().  Anything else is a value made up,
 * such as an errno returned as a physical address.
 */
static void lookup_unavailable(struct engine *e, uint64_t iova)
{
	const struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];

	if (c->unavailable && (c->phys != NO_PHYS || c->len || c->legacy))
		finding(e, "lookup", "a lookup without the hardware returned a translation",
			"at 0x%" PRIx64 " the candidate's driver could not ask its IOMMU (a clock failed to enable)\nexpected: PHYS_ADDR_MAX length 0, iova_to_phys 0\nactual:   0x%" PRIx64 " length 0x%" PRIx64 ", iova_to_phys 0x%" PRIx64 "\n",
			iova, c->phys, c->len, c->legacy);
	if (b->unavailable && b->legacy)
		finding(e, "lookup", "the baseline's iova_to_phys without the hardware returned a translation",
			"at 0x%" PRIx64 " the baseline's driver could not ask its IOMMU (a clock failed to enable)\nexpected: 0 (no translation)\nactual:   0x%" PRIx64 " (%" PRId64 " as a signed value)\n",
			iova, b->legacy, (int64_t)b->legacy);
}

void oracle_lookup(struct engine *e, uint64_t iova)
{
	const struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	const struct pt_leaf *l = model_translate(&e->model[CAND], iova);
	uint64_t len = l ? model_length(&e->model[CAND], l, iova) : 0;
	uint64_t first, last;

	if (c->unavailable || b->unavailable) {
		lookup_unavailable(e, iova);
		return;
	}

	if (c->phys == NO_PHYS ? b->legacy || c->len || c->legacy :
	    b->legacy != c->phys || c->legacy != c->phys)
		finding(e, "lookup", "iova_to_phys_length disagrees with iova_to_phys",
			"at 0x%" PRIx64 "\nbaseline iova_to_phys:         0x%" PRIx64 "\ncandidate iova_to_phys:        0x%" PRIx64 "\ncandidate iova_to_phys_length: %s0x%" PRIx64 " length 0x%" PRIx64 "\n(no translation is 0 for iova_to_phys, PHYS_ADDR_MAX with length 0 for iova_to_phys_length)\n",
			iova, b->legacy, c->legacy,
			c->phys == NO_PHYS ? "PHYS_ADDR_MAX " : "", c->phys, c->len);
	if (!l ? c->phys != NO_PHYS :
	    c->phys != model_leaf_pa(l, iova) || c->len != len)
		finding(e, "lookup", "iova_to_phys_length disagrees with the model",
			"at 0x%" PRIx64 "\nexpected: %s0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   0x%" PRIx64 " length 0x%" PRIx64 "\n",
			iova, l ? "" : "no translation: ",
			l ? model_leaf_pa(l, iova) : (uint64_t)NO_PHYS,
			len, c->phys, c->len);
	if (!l)
		return;
	/*
	 * The first and last byte of the block the length names (the leaf, or
	 * for model_length() one block of it), as this lookup reached it (an
	 * alias past the IAS included).  Not ULONG_MAX itself: io-pgtable-arm's
	 * walk of [iova, iova + 1) is empty there (lpae-lookup-last-iova).
	 */
	first = iova & ~(len - 1);
	last = first + (len - 1);
	probe(e, iova, first, l);
	probe(e, iova, last == UINT64_MAX ? last - 1 : last, l);
}

/*
 * An identity domain (docs/patches.md, "The contract"): every IOVA a
 * phys_addr_t holds translates to itself, PAGE_SIZE at a time, so that
 * PHYS_ADDR_MAX itself is a translation, told from none by its length.
 * The host's phys_addr_t is 64-bit: every IOVA is one.  The legacy
 * iommu_iova_to_phys(), and the candidate's wrapper, return the IOVA.
 */
#define IDENTITY_PAGE	4096ULL		/* PAGE_SIZE */

void oracle_identity(struct engine *e, uint64_t iova, bool both)
{
	const struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];

	if (!both || b->legacy != c->legacy)
		finding(e, "twins", "the identity domain's iova_to_phys differs",
			"at 0x%" PRIx64 "%s\nbaseline:  0x%" PRIx64 "\ncandidate: 0x%" PRIx64 "\n",
			iova, both ? "" : " (one twin's master has no identity domain)",
			b->legacy, c->legacy);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (e->res[tw].legacy != iova)
			finding(e, "lookup", "the identity domain's iova_to_phys disagrees with the model",
				"%s twin at 0x%" PRIx64 "\nexpected: 0x%" PRIx64 " (the IOVA)\nactual:   0x%" PRIx64 "\n",
				twin_name(tw), iova, iova, e->res[tw].legacy);
	if (e->diff_off || (c->phys == iova && c->len == IDENTITY_PAGE))
		return;
	finding(e, "lookup", "the identity domain's iova_to_phys_length disagrees with the model",
		"at 0x%" PRIx64 "\nexpected: 0x%" PRIx64 " length 0x%llx (the IOVA, PAGE_SIZE; PHYS_ADDR_MAX is a translation too)\nactual:   %s0x%" PRIx64 " length 0x%" PRIx64 "\n",
		iova, iova, IDENTITY_PAGE,
		c->phys == NO_PHYS && !c->len ? "no translation: " : "",
		c->phys, c->len);
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
	const struct rt_warn *w, *gone_past = NULL;
	size_t n = rt_warns(tw, &w);
	unsigned int used[MODEL_MAX_WARNS] = { 0 };

	for (size_t i = 0; i < n; i++) {
		const struct warn_site *s = site_of(e, &w[i]);
		unsigned int k;

		/* A known finding the input went past, WARNing again. */
		if (gone_past && gone_past->line == w[i].line &&
		    !strcmp(gone_past->file, w[i].file))
			continue;
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
		gone_past = &w[i];	/* finding() returned: a known one */
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
/* hw_view() of the window; false with the walker's error if it had one. */
static bool quiet_view(struct engine *e, int tw, struct hwview *out,
		       char *err, size_t len)
{
	jmp_buf env;

	if (setjmp(env)) {
		quiet_walk = NULL;
		sink.out = NULL;
		sink.device = false;
		snprintf(err, len, "%s", quiet_msg);
		return false;
	}
	quiet_walk = &env;
	hw_view(e, tw, e->win_lo, e->win_hi, out);
	quiet_walk = NULL;
	return true;
}

bool twins_differ(struct engine *e, char *why, size_t len)
{
	const struct rt_warn *w;
	static struct hwview v[PTF_NR_TWINS];
	char err[PTF_NR_TWINS][256];
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
		if (quiet_view(e, tw, &v[tw], err[tw], sizeof(err[tw])))
			err[tw][0] = 0;
	if (strcmp(err[BASE], err[CAND])) {
		snprintf(why, len, "the walker's errors");
		return true;
	}
	if (err[BASE][0])
		return false;	/* the same error on both: the tables agree */
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
