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
 *              IOTLB invalidation the code requested (in every TLB of the
 *              device)
 *   sync       a non-coherent walker reads only table entries the CPU
 *              published with a DMA sync
 *   dirty      iommufd's bitmap (the tree's iova_bitmap, filled by the
 *              domain's read_and_clear_dirty) marks exactly the pages of
 *              dirty leaves in the window, and the read cleans them
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

#define UNSYNCED	"a table entry the device reads was not synced"

/* The first 32-bit word at which the CPU's and the device's copies differ. */
static size_t first_unsynced(const uint8_t *cpu, const uint8_t *dev, size_t len)
{
	size_t i = 0;

	while (i < len && cpu[i] == dev[i])
		i++;
	return i & ~(size_t)3;
}

/*
 * Table memory as the device reads it.  A non-coherent walker reads the
 * device's copy, which only DMA syncs update: if it differs from what the
 * CPU wrote, the driver changed a table entry and never synced it.
 */
static void *ctx_map(const struct hw_ctx *hw, uint64_t phys, size_t len)
{
	uint8_t *cpu = rt_phys_span(hw->twin, phys, len), *dev;
	size_t at;

	if (!cpu || !rt_device_view())
		return cpu;
	dev = rt_phys_span_device(hw->twin, phys, len);
	at = first_unsynced(cpu, dev, len);
	if (at < len) {
		struct engine *e = hw->priv;
		uint32_t c = 0, d = 0;
		const char *known;

		e->unsynced.twin = hw->twin;
		e->unsynced.phys = phys;
		e->unsynced.len = len;
		known = known_finding(e, "sync", UNSYNCED);
		/*
		 * A known one is brought up to date, as a sync would, so that
		 * the input goes on: the device's copy is what was missing.
		 */
		if (known && !known_strict(known)) {
			note(e, "(known kernel finding %s: the device's copy of 0x%" PRIx64 " was brought up to date; PTF_STRICT=1 reports it)",
			     known, phys);
			rt_device_publish(hw->twin, phys, len);
			return dev;
		}
		memcpy(&c, cpu + at, len - at < 4 ? len - at : 4);
		memcpy(&d, dev + at, len - at < 4 ? len - at : 4);
		finding(hw->priv, "sync", UNSYNCED,
			"%s twin: the IOMMU reads the table at 0x%" PRIx64 "; the CPU wrote 0x%08x at 0x%" PRIx64 ", and no DMA sync toward the device published it (the device sees 0x%08x)\n",
			twin_name(hw->twin), phys, c, phys + at, d);
	}
	return dev;
}

static void *ctx_mem(const struct hw_ctx *hw, uint64_t phys, size_t len)
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
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		e->hw_ctx[tw] = (struct hw_ctx){
			.twin = tw, .pt = &e->ts.pt, .info = &e->info[tw],
			.map = ctx_map, .mem = ctx_mem,
			.leaf = ctx_leaf, .error = ctx_error,
			.protocol = ctx_protocol, .priv = e,
		};
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
	rt_set_device_view(e->t->noncoherent && e->t->noncoherent(&e->ts));
	if (!e->t->device) {
		rt_set_mmio(NULL, NULL);
		return;
	}
	e->t->device->reset(&e->ts);
	rt_set_mmio(&engine_mmio, e);
}

void hw_view(struct engine *e, int twin, uint64_t lo, uint64_t hi,
	     struct leafvec *out)
{
	leafvec_clear(out);
	/* What the device is programmed with now: a table's top may grow. */
	ptf_rt_set_twin(twin);
	e->t->twin[twin]->info(e->dom[twin], &e->info[twin]);
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
		for (int tw = 0; e->rules.dynamic_top && tw < PTF_NR_TWINS; tw++)
			if (e->info[tw].top_level != e->model.top_level)
				finding(e, "window", "the table's top differs from the model",
					"%s twin\nexpected: top level %u\nactual:   top level %u\n",
					twin_name(tw), e->model.top_level,
					e->info[tw].top_level);
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
	if (e->info[BASE].top_level != e->info[CAND].top_level)
		finding(e, "twins", "table tops differ after an out-of-contract op",
			"top level %u on the baseline, %u on the candidate\n",
			e->info[BASE].top_level, e->info[CAND].top_level);
	model_set_top(&e->model, e->info[BASE].top_level);
	adopt(e);
}

/* Flushes ------------------------------------------------------------------ */

/*
 * True if @unit's invalidations (and those of every TLB) cover every byte
 * of [lo, hi] (inclusive ends).
 */
static bool covered_bytes(const struct rt_inval *inv, size_t n, int unit,
			  uint64_t lo, uint64_t hi)
{
	uint64_t next = lo;	/* first byte not known to be covered */
	bool grew = true;

	while (grew) {
		grew = false;
		for (size_t i = 0; i < n; i++) {
			uint64_t a = inv[i].iova, z = inv[i].iova + (inv[i].size - 1);

			if (inv[i].unit != unit && inv[i].unit >= 0)
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
 */
static bool covered_entry(const struct rt_inval *inv, size_t n, int unit,
			  const struct pt_leaf *l)
{
	static uint8_t hit[ENTRY_SETS_MAX];
	uint64_t last = l->iova + (l->size - 1), span = 0, sets;

	for (size_t i = 0; i < n; i++) {
		if (inv[i].kind != PTF_INVAL_ENTRY ||
		    (inv[i].unit != unit && inv[i].unit >= 0) ||
		    inv[i].iova < l->iova || inv[i].iova > last)
			continue;
		if (!inv[i].size)
			return true;
		span = inv[i].size;
	}
	if (!span)
		return false;
	sets = span / 4096 < ENTRY_SETS_MAX ? span / 4096 : ENTRY_SETS_MAX;
	memset(hit, 0, sets);
	for (size_t i = 0; i < n; i++)
		if (inv[i].kind == PTF_INVAL_ENTRY && inv[i].size == span &&
		    (inv[i].unit == unit || inv[i].unit < 0) &&
		    inv[i].iova >= l->iova && inv[i].iova <= last)
			hit[inv[i].iova / 4096 % sets] = 1;
	for (uint64_t p = l->iova; p <= last && p >= l->iova; p += 4096)
		if (!hit[p / 4096 % sets])
			return false;
	return true;
}

static bool covered(const struct engine *e, int tw, const struct rt_inval *inv,
		    size_t n, const struct pt_leaf *l)
{
	unsigned int units = 1;

	if (e->t->device && e->t->device->tlbs)
		units = e->t->device->tlbs(&e->hw_ctx[tw]);
	for (unsigned int u = 0; u < units; u++)
		if (!covered_bytes(inv, n, u, l->iova, l->iova + l->size - 1) &&
		    !covered_entry(inv, n, u, l))
			return false;
	return true;
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
			    covered(e, tw, inv, ninv, l))
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

void oracle_lookup(struct engine *e, uint64_t iova, bool in_aperture)
{
	const struct twin_result *c = &e->res[CAND], *b = &e->res[BASE];
	const struct pt_leaf *l;

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

void oracle_dirty(struct engine *e, bool in_contract, int expect_ret)
{
	const struct dirty_bitmap *db = &e->dirty;
	size_t bit;
	char run[96];

	for (int tw = PTF_NR_TWINS - 1; tw >= 0 && in_contract; tw--) {
		if (e->res[tw].ret != expect_ret)
			finding(e, "dirty", "read_and_clear_dirty() return code",
				"%s twin\nexpected: %d\nactual:   %d\n",
				twin_name(tw), expect_ret, e->res[tw].ret);
		if (e->rules.tracks_dirty)
			dirty_vs_model(e, tw);
	}
	if (e->res[BASE].ret != e->res[CAND].ret)
		finding(e, "twins", "return codes differ",
			"read_and_clear_dirty() returned %d on the baseline and %d on the candidate\n",
			e->res[BASE].ret, e->res[CAND].ret);
	bit = first_difference(db->bits[BASE], db->bits[CAND], db->nbits);
	if (bit < db->nbits)
		finding(e, "twins", "dirty reports differ",
			"the baseline reported %s %s, the candidate did not\n",
			diff_run(db, db->bits[BASE], db->bits[CAND], bit, run,
				 sizeof(run)),
			bit_at(db->bits[BASE], bit) ? "dirty" : "clean");
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

static const struct warn_site *allowed(const struct engine *e,
				       const struct rt_warn *w)
{
	for (const struct warn_site *s = e->t->warn_sites; s && s->file; s++)
		if (!strcmp(s->file, w->file) && func_matches(s->func, w->func))
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
