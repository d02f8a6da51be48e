// SPDX-License-Identifier: GPL-2.0
/*
 * Shared by the generic_pt targets; see pt_common.h.
 *
 * The model of generic_pt's range ops (pt_iommu_ops.map_range() and
 * unmap_range() in iommu_pt.h), over the leaves and tables the model
 * keeps, and what pt_iommu_init() makes of a config.  Written from what
 * the code is documented to do and from reading it; it shares no code
 * with it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "pt_common.h"

const char *const pt_tables_names[PT_NR_TABLES] = { "low", "high" };
const uint64_t pt_tables_values[PT_NR_TABLES] = { 0, 1 };
const char *const pt_fail_names[PT_NR_FAILS] = { "none", "1", "2", "3", "4", "5" };
const uint64_t pt_fail_values[PT_NR_FAILS] = { 0, 1, 2, 3, 4, 5 };

uint64_t pt_table_base(uint64_t tables)
{
	return tables ? 1ULL << 40 : 1ULL << 30;
}

void pt_setup_common(struct target_setup *ts, uint64_t tables,
		     uint64_t create_fail)
{
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		pt_table_base(tables);
	ts->create_fail = (unsigned int)create_fail;
}

int pt_no_dirty_ret(const struct target_setup *ts, const char **warn)
{
	return -EOPNOTSUPP;
}

const struct warn_site pt_warn_sites[] = {
	{ "genpt-map-noprot", "iommu_pt.h", "*_map_range",
	  "!(prot & (IOMMU_READ | IOMMU_WRITE))",
	  "map with neither IOMMU_READ nor IOMMU_WRITE: -EINVAL" },
	{ "genpt-map-one-byte", "pt_iter.h", "pt_compute_best_pgsize",
	  "va >= last_va",
	  "map of one byte (CONFIG_DEBUG_GENERIC_PT): -ENXIO" },
	{ NULL },
};

/* The table, as pt_iommu_init() made it ------------------------------------ */

static struct pt_geom geom;

static unsigned int item_lg2(unsigned int level)
{
	return pt_item_lg2(geom.fmt, level);
}

static unsigned int span_lg2(unsigned int level)
{
	return pt_span_lg2(geom.fmt, level);
}

static uint64_t bit(unsigned int lg2)
{
	return lg2 < 64 ? 1ULL << lg2 : 0;
}

/* Bits below @lg2 of @v (all of them for 64). */
static uint64_t low_bits(uint64_t v, unsigned int lg2)
{
	return lg2 >= 64 ? v : v & (bit(lg2) - 1);
}

/*
 * PT_SUPPORTED_FEATURES as built: CONFIG_DEBUG_GENERIC_PT compiles in every
 * feature but DMA_INCOHERENT (unless the format has it) and either
 * SIGN_EXTEND or DYNAMIC_TOP and FULL_VA, whichever the format lacks.
 */
static unsigned int supported_features(const struct pt_fmt *f, bool debug)
{
	unsigned int all = ~0u;

	if (!debug)
		return f->supported;
	if (!(f->supported & PTF_PT_DMA_INCOHERENT))
		all &= ~PTF_PT_DMA_INCOHERENT;
	if (f->supported & PTF_PT_SIGN_EXTEND)
		all &= ~(PTF_PT_DYNAMIC_TOP | PTF_PT_FULL_VA);
	else
		all &= ~PTF_PT_SIGN_EXTEND;
	return all;
}

/* The page sizes pt_iommu_init_domain() gives the domain (get_info()). */
static uint64_t domain_pgsizes(const struct pt_geom *g)
{
	const struct pt_fmt *f = g->fmt;
	uint64_t sizes = 0;

	for (unsigned int l = 0; l <= f->max_top_level; l++) {
		if (g->features & PTF_PT_DYNAMIC_TOP) {
			if (pt_item_lg2(f, l) >= g->vasz)
				break;
		} else if (l > g->top_level) {
			break;
		}
		sizes |= f->sizes(g, l);
	}
	/* No page as large as half the VA ("a whole table"), nor the OA. */
	sizes = low_bits(sizes, g->vasz - 1);
	return low_bits(sizes, g->oasz);
}

/* pt_iommu_init() and pt_init_common(), in their order. */
static bool pt_init(const struct target_setup *ts, const struct pt_fmt *f,
		    struct pt_geom *g)
{
	const struct ptf_pt_config *pc = &ts->pt;
	unsigned int supported = supported_features(f, ts->pt_debug);
	unsigned int reach;

	if (pc->ias > f->max_va_lg2 || !pc->ias || !pc->oas)
		return false;
	*g = (struct pt_geom){
		.fmt = f, .vasz = pc->ias, .oasz = pc->oas,
		/* pt_feature(): forced ones on, unsupported ones off */
		.features = f->forced | (pc->features & supported),
	};
	if (!f->init(pc, g) || pc->oas > f->max_oa_lg2)
		return false;
	reach = g->vasz;
	if ((g->features & PTF_PT_DYNAMIC_TOP) &&
	    g->top_level != f->max_top_level &&
	    span_lg2(g->top_level) < reach)
		reach = span_lg2(g->top_level);
	if (reach == 64)
		g->features |= PTF_PT_FULL_VA & supported;
	if ((pc->features | (reach == 64 ? PTF_PT_FULL_VA : 0)) & ~supported)
		return false;
	if (!ts->pt_debug && (pc->features & f->forced) != f->forced)
		return false;
	if (!(g->features & PTF_PT_DYNAMIC_TOP) &&
	    g->top_level != f->max_top_level &&
	    g->vasz > span_lg2(g->top_level))
		return false;
	if (g->oasz > f->max_oa_lg2)
		g->oasz = f->max_oa_lg2;
	if ((g->features & PTF_PT_SIGN_EXTEND) &&
	    (g->features & (PTF_PT_FULL_VA | PTF_PT_DYNAMIC_TOP)))
		return false;
	g->pgsize_bitmap = domain_pgsizes(g);
	/* What the driver narrows, as AMD's and the selftest's do. */
	if (pc->pgsize_bitmap)
		g->pgsize_bitmap &= pc->pgsize_bitmap;
	return true;
}

void pt_class_name(const struct target_setup *ts, char *buf, size_t len)
{
	unsigned int f = ts->pt.features;

	snprintf(buf, len, "top%u/va%u%s%s%s%s%s", geom.top_level, geom.vasz,
		 f & PTF_PT_DYNAMIC_TOP ? "/DYNAMIC_TOP" : "",
		 f & PTF_PT_SIGN_EXTEND ? "/SIGN_EXTEND" : "",
		 f & PTF_PT_DMA_INCOHERENT ? "/INCOHERENT" : "",
		 f & PTF_PT_FMT(0) ? "/FMT0" : "", f & PTF_PT_FMT(1) ? "/FMT1" : "");
}

/* The model of map_range() and unmap_range() -------------------------------- */

/* The level whose entries hold a leaf of 2^@lg2 bytes. */
static unsigned int leaf_level(unsigned int lg2)
{
	unsigned int level = 0;

	while (level < geom.fmt->max_top_level && item_lg2(level + 1) <= lg2)
		level++;
	return level;
}

/* The leaf the entry of @level at @iova holds, if it holds one. */
static const struct pt_leaf *leaf_entry(const struct model *m,
					unsigned int level, uint64_t iova)
{
	const struct pt_leaf *l = model_lookup(m, iova);

	if (l && leaf_level(__builtin_ctzll(l->size)) == level)
		return l;
	return NULL;
}

/* The entry of @level at @iova points to a table. */
static bool table_entry(const struct model *m, unsigned int level,
			uint64_t iova)
{
	return level > 0 && model_has_table(m, iova & ~(bit(item_lg2(level)) - 1),
					    item_lg2(level));
}

/*
 * increase_top(): one new top table (one allocation) per level until the
 * range fits and the first leaf is below the top, no further than
 * PT_MAX_TOP_LEVEL or a level whose items span the whole VA.  The old top
 * becomes the new one's entry 0.  A failure frees them all.
 */
static int grow_top(struct model *m, uint64_t last, uint64_t first)
{
	unsigned int level = m->top_level, old = m->top_level;
	unsigned int reach = span_lg2(level) < geom.vasz ? span_lg2(level) :
							   geom.vasz;

	while ((reach < 64 && last >> reach) ||
	       (span_lg2(level) < 64 && first >> span_lg2(level))) {
		level++;
		if (level > geom.fmt->max_top_level ||
		    item_lg2(level) >= geom.vasz)
			return -ERANGE;
		if (!model_alloc(m))
			return -ENOMEM;
		reach = span_lg2(level) < geom.vasz ? span_lg2(level) : geom.vasz;
	}
	for (unsigned int l = old; l < level; l++)
		model_add_table(m, 0, span_lg2(l));
	m->top_level = level;
	return 0;
}

/*
 * pt_check_range() as the contract has it: the range inside the table's
 * reach, or inside one half of a sign-extended VA.  (The kernel checks
 * less: genpt-sign-extend-range-check, which ptfuzz does not run.)
 */
static bool range_ok(const struct model *m, uint64_t iova, uint64_t last)
{
	return model_in_aperture(m, iova, last - iova + 1);
}

/*
 * A map's leaves, inserted at once when it ends: a leaf's checks never look
 * at the IOVA before it.
 */
static struct pt_leaf pending[MODEL_LEAF_BUDGET];
static size_t nr_pending;

static void flush_pending(struct model *m)
{
	model_add_leaves(m, pending, nr_pending);
	nr_pending = 0;
}

/*
 * The tables down to the level of the leaf at @iova (allocated where there
 * are none), then the leaf's entries: a leaf in the way, or a table with
 * a leaf below it, is -EADDRINUSE; an empty table goes (clear_contig()).
 */
static int map_leaf(struct model *m, const struct pt_leaf *leaf)
{
	unsigned int level = leaf_level(__builtin_ctzll(leaf->size));
	uint64_t item;

	for (unsigned int l = m->top_level; l > level; l--) {
		unsigned int below = item_lg2(l);

		if (leaf_entry(m, l, leaf->iova))
			return -EADDRINUSE;
		if (table_entry(m, l, leaf->iova))
			continue;
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, leaf->iova & ~(bit(below) - 1), below);
	}
	item = bit(item_lg2(level));
	for (uint64_t i = 0; i < leaf->size / item; i++) {
		uint64_t at = leaf->iova + i * item;
		const struct pt_leaf *in;

		if (model_leaves_in(m, at, at + (item - 1), &in))
			return -EADDRINUSE;
		if (table_entry(m, level, at))
			model_remove_tables(m, at, at + (item - 1),
					    item_lg2(level));
	}
	pending[nr_pending++] = *leaf;
	return 0;
}

static int genpt_map_range(struct model *m, uint64_t iova, uint64_t pa,
			   uint64_t len, int prot, uint64_t *mapped)
{
	uint64_t bitmap = m->rules.pgsize_bitmap, last = iova + (len - 1);
	uint64_t min = bitmap & -bitmap, count, first, body;
	struct pt_leaf leaf;
	int ret;

	if (!(prot & (MODEL_PROT_READ | MODEL_PROT_WRITE))) {
		model_warn(m, "genpt-map-noprot");
		return -EINVAL;
	}
	if (geom.oasz < 64 && pa >> geom.oasz)
		return -ERANGE;
	ret = geom.fmt->set_prot(&geom, prot);
	if (ret)
		return ret;
	if (!len)
		return -EINVAL;
	if (last < iova)
		return -EOVERFLOW;
	if (len == 1)
		model_warn(m, "genpt-map-one-byte");
	first = len > 1 ? model_pgsize(bitmap, iova, pa, len, &count) : 0;
	if (!first)
		return -ENXIO;
	if (m->rules.dynamic_top) {
		ret = grow_top(m, last, first);
		if (ret)
			return ret;
	} else if (!range_ok(m, iova, last)) {
		return -ERANGE;
	}
	body = len & ~(min - 1);
	/*
	 * A tail no page size fits: the walk would go below level 0 after
	 * mapping the head (genpt-map-unaligned-length).  Undefined, so the
	 * model claims nothing of the tables; a fixed kernel (patches/fixes/
	 * 0007) refuses the map here, before it maps anything.
	 */
	if (body != len)
		return MODEL_RET_UNDEFINED;
	while (*mapped < body) {
		uint64_t at = iova + *mapped, size;

		size = model_pgsize(bitmap, at, pa + *mapped, body - *mapped,
				    &count);
		leaf = model_new_leaf(m, at, size, pa + *mapped, prot);
		ret = map_leaf(m, &leaf);
		if (ret)
			break;
		*mapped += size;
	}
	flush_pending(m);
	return ret;
}

/*
 * The leaves an unmap removes are one run of IOVA (it stops at the first
 * hole): removed at once when it ends.
 */
static uint64_t gone_lo, gone_hi;
static bool gone;

static void removed(uint64_t lo, uint64_t hi)
{
	if (!gone)
		gone_lo = lo;
	gone_hi = hi;
	gone = true;
}

/*
 * __unmap_range() over the table of @level at @base for [va, last]:
 * leaves go whole (the last one may reach past @last), tables are walked
 * and freed if the range covers them; an empty entry, or a first leaf the
 * range starts inside, stops everything (-EINVAL).
 */
static int unmap_table(struct model *m, unsigned int level, uint64_t va,
		       uint64_t last, uint64_t *unmapped)
{
	uint64_t item = bit(item_lg2(level));
	uint64_t at = va & ~(item - 1), end = item ? at + item - 1 : UINT64_MAX;
	bool first = true;

	for (;;) {
		const struct pt_leaf *l = leaf_entry(m, level, at);
		uint64_t child_va = first ? va : at;

		if (l) {
			if (first && (va & (l->size - 1)))
				return -EINVAL;
			*unmapped += l->size;
			end = l->iova + (l->size - 1);
			removed(l->iova, end);
		} else if (table_entry(m, level, at)) {
			uint64_t child_last = end < last ? end : last;
			int ret = unmap_table(m, level - 1, child_va, child_last,
					      unmapped);

			if (ret)
				return ret;
			if (child_va == at && last >= end)
				model_remove_tables(m, at, end,
						    item_lg2(level));
		} else {
			return -EINVAL;
		}
		if (end >= last || end == UINT64_MAX)
			return 0;
		at = end + 1;
		end = at + (item - 1);
		first = false;
	}
}

static uint64_t genpt_unmap_range(struct model *m, uint64_t iova, uint64_t len)
{
	uint64_t unmapped = 0, last = iova + (len - 1);

	if (!len || last < iova || !range_ok(m, iova, last))
		return 0;
	gone = false;
	unmap_table(m, m->top_level, iova, last, &unmapped);
	if (gone)
		model_remove_leaves(m, gone_lo, gone_hi);
	return unmapped;
}

static const struct model_impl genpt_impl = {
	.map_range	= genpt_map_range,
	.unmap_range	= genpt_unmap_range,
};

/* The model's rules for the domain pt_iommu_init() made. */
static void pt_rules(const struct pt_geom *g, struct model_rules *r)
{
	const struct pt_fmt *f = g->fmt;
	bool se = g->features & PTF_PT_SIGN_EXTEND;
	unsigned int bits = se ? g->vasz - 1 : g->vasz;

	*r = (struct model_rules){
		.pgsize_bitmap = g->pgsize_bitmap,
		.va_first = 0,
		.va_last = bits < 64 ? bit(bits) - 1 : UINT64_MAX,
		.upper_first = se ? -bit(g->vasz - 1) : 0,
		.pa_limit = g->oasz < 64 ? bit(g->oasz) : UINT64_MAX,
		.top_level = g->top_level,
		.tracks_dirty = f->dirty,
	};
	if (!(g->features & PTF_PT_DYNAMIC_TOP))
		return;
	r->dynamic_top = true;
	r->max_top_level = f->max_top_level;
	r->max_vasz_lg2 = g->vasz;
	for (unsigned int l = 0; l <= f->max_top_level; l++)
		r->top_span_lg2[l] = (uint8_t)pt_span_lg2(f, l);
}

void pt_predict(const struct target_setup *ts, const struct pt_fmt *fmt,
		struct target_domain *d)
{
	/* Allocations: the glue's domain, then the top table. */
	d->create_allocs = 2;
	d->accepted = pt_init(ts, fmt, &geom);
	if (!d->accepted)
		return;
	pt_rules(&geom, &d->rules);
	d->info = (struct ptf_pt_info){
		.pgsize_bitmap = geom.pgsize_bitmap,
		.ias = geom.vasz, .oas = geom.oasz,
		.va_first = 0,
		.va_last = d->rules.dynamic_top ?
			   (geom.vasz < 64 ? bit(geom.vasz) - 1 : UINT64_MAX) :
			   d->rules.va_last,
		.va_upper_first = d->rules.upper_first,
		.top_level = geom.top_level,
	};
	d->impl = &genpt_impl;
	d->impl_ctx = &geom;
	/*
	 * pt_top_memsize_lg2() of a top that cannot grow: VA bits minus the
	 * top items' size plus the 3 bits of an 8-byte entry, unsigned; it
	 * wraps past 0 when the VA is more than 3 bits short of one item
	 * (genpt-top-narrower-than-item).
	 */
	d->create_undefined = (!(geom.features & PTF_PT_DYNAMIC_TOP) ||
			       geom.top_level == fmt->max_top_level) &&
			      geom.vasz + 3 < pt_item_lg2(fmt, geom.top_level);
	d->incoherent = geom.features & PTF_PT_DMA_INCOHERENT;
	d->dirty_ops = fmt->dirty;
}
