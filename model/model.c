// SPDX-License-Identifier: GPL-2.0
/*
 * The reference model: a sorted array of non-overlapping leaves plus the
 * iommu API contract.  See model.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static bool is_aligned(uint64_t x, uint64_t a)
{
	return (x & (a - 1)) == 0;
}

static uint64_t min_pgsize(const struct model_rules *r)
{
	return r->pgsize_bitmap & -r->pgsize_bitmap;
}

/* Bits 0..@bit set. */
static uint64_t up_to(unsigned int bit)
{
	return bit >= 63 ? UINT64_MAX : (2ULL << bit) - 1;
}

/* Largest page size that fits @rem and to which @iova and @pa are aligned. */
static uint64_t pick_pgsize(uint64_t bitmap, uint64_t iova, uint64_t pa,
			    uint64_t rem)
{
	uint64_t align = iova | pa;

	if (!rem)
		return 0;
	bitmap &= up_to(63 - __builtin_clzll(rem));
	if (align)
		bitmap &= up_to(__builtin_ctzll(align));
	return bitmap ? 1ULL << (63 - __builtin_clzll(bitmap)) : 0;
}

void model_init(struct model *m, const struct model_rules *rules)
{
	*m = (struct model){ .rules = *rules, .top_level = rules->top_level };
}

void model_free(struct model *m)
{
	free(m->leaves);
	*m = (struct model){ 0 };
}

/* Index of the first leaf ending after @iova. */
static size_t first_ending_after(const struct model *m, uint64_t iova)
{
	size_t lo = 0, hi = m->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pt_leaf *l = &m->leaves[mid];

		if (l->iova + (l->size - 1) < iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct pt_leaf *model_lookup(const struct model *m, uint64_t iova)
{
	size_t i = first_ending_after(m, iova);

	if (i < m->nr && m->leaves[i].iova <= iova)
		return &m->leaves[i];
	return NULL;
}

/* Count of the leaves intersecting [lo, hi], from index *at. */
static size_t span_of(const struct model *m, uint64_t lo, uint64_t hi,
		      size_t *at)
{
	size_t i = first_ending_after(m, lo), n = 0;

	*at = i;
	while (i + n < m->nr && m->leaves[i + n].iova <= hi)
		n++;
	return n;
}

size_t model_leaves_in(const struct model *m, uint64_t lo, uint64_t hi,
		       const struct pt_leaf **first)
{
	size_t at, n = span_of(m, lo, hi, &at);

	*first = n ? &m->leaves[at] : NULL;
	return n;
}

bool model_covers(const struct model *m, uint64_t lo, uint64_t hi)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(m, lo, hi, &l);
	uint64_t next = lo;

	for (size_t i = 0; i < n; i++) {
		if (l[i].iova > next)
			return false;
		next = l[i].iova + l[i].size;
		if (!next || next - 1 >= hi)
			return true;
	}
	return false;
}

void model_widen(const struct model *m, uint64_t *lo, uint64_t *hi)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(m, *lo, *hi, &l);

	if (!n)
		return;
	if (l[0].iova < *lo)
		*lo = l[0].iova;
	if (l[n - 1].iova + (l[n - 1].size - 1) > *hi)
		*hi = l[n - 1].iova + (l[n - 1].size - 1);
}

static void reserve(struct model *m, size_t extra)
{
	if (m->nr + extra <= m->cap)
		return;
	while (m->cap < m->nr + extra)
		m->cap = m->cap ? 2 * m->cap : 64;
	m->leaves = realloc(m->leaves, m->cap * sizeof(*m->leaves));
	if (!m->leaves)
		abort();
}

/* Replace leaves [at, at + del) by @nr new ones. */
static void splice(struct model *m, size_t at, size_t del,
		   const struct pt_leaf *add, size_t nr)
{
	reserve(m, nr);
	if (m->nr - at - del)
		memmove(&m->leaves[at + nr], &m->leaves[at + del],
			(m->nr - at - del) * sizeof(*m->leaves));
	if (nr)
		memcpy(&m->leaves[at], add, nr * sizeof(*add));
	m->nr = m->nr - del + nr;
}

void model_adopt(struct model *m, uint64_t lo, uint64_t hi,
		 const struct pt_leaf *leaves, size_t nr)
{
	size_t at, del = span_of(m, lo, hi, &at);

	splice(m, at, del, leaves, nr);
}

size_t model_plan(const struct model_rules *rules, uint64_t iova,
		  uint64_t pa, uint64_t size, int prot, struct pt_leaf *out,
		  size_t max)
{
	size_t n = 0;

	while (size && n <= max) {
		uint64_t s = pick_pgsize(rules->pgsize_bitmap, iova, pa, size);

		if (!s)
			return SIZE_MAX;	/* caller checked alignment */
		if (out && n < max)
			out[n] = (struct pt_leaf){
				.iova = iova, .size = s, .phys = pa, .prot = prot,
				.dirty = rules->dirty_on_map &&
					 (prot & MODEL_PROT_WRITE),
			};
		n++;
		iova += s;
		pa += s;
		size -= s;
	}
	return n;
}

/* VA bits the table translates with its top at @level. */
static unsigned int reach_lg2(const struct model_rules *r, unsigned int level)
{
	unsigned int span = r->top_span_lg2[level];

	return span < r->max_vasz_lg2 ? span : r->max_vasz_lg2;
}

static bool in_range(uint64_t first, uint64_t last, uint64_t lo, uint64_t hi)
{
	return last >= first && first >= lo && last <= hi;
}

bool model_in_aperture(const struct model *m, uint64_t iova, uint64_t size)
{
	const struct model_rules *r = &m->rules;
	uint64_t last = iova + (size - 1), va_last = r->va_last;

	if (r->dynamic_top && reach_lg2(r, m->top_level) < 64)
		va_last = (1ULL << reach_lg2(r, m->top_level)) - 1;
	if (r->upper_first && in_range(iova, last, r->upper_first, UINT64_MAX))
		return true;
	return in_range(iova, last, r->va_first, va_last);
}

void model_set_top(struct model *m, unsigned int level)
{
	m->top_level = level;
}

/* Place the planned leaves of a map that the model predicts succeeds. */
static void apply_plan(struct model *m, uint64_t iova, uint64_t pa,
		       uint64_t size, int prot, size_t n)
{
	struct pt_leaf *plan = malloc(n * sizeof(*plan));
	size_t at;

	if (!plan)
		abort();
	model_plan(&m->rules, iova, pa, size, prot, plan, n);
	span_of(m, iova, iova, &at);
	splice(m, at, 0, plan, n);
	free(plan);
}

static enum model_verdict iopgtable_map(struct model *m, uint64_t iova,
					uint64_t pa, uint64_t size, int prot,
					int *ret, bool apply)
{
	const struct model_rules *r = &m->rules;
	const struct pt_leaf *first;
	size_t n;

	*ret = 0;
	if (!is_aligned(iova | pa | size, min_pgsize(r))) {
		*ret = -EINVAL;
		return MODEL_EXACT;
	}
	if (!size)
		return MODEL_EXACT;
	/* Whatever the verdict, the kernel would build this many leaves. */
	n = model_plan(r, iova, pa, size, prot, NULL, MODEL_LEAF_BUDGET);
	if (n > MODEL_LEAF_BUDGET || m->nr + n > MODEL_TOTAL_BUDGET)
		return MODEL_OVER_BUDGET;
	/*
	 * io-pgtable checks the first IOVA and PA of each map_pages() call
	 * against the IAS and OAS, not the last: a range that crosses either
	 * limit indexes past the top table (past the end of a partial LPAE
	 * PGD) or is written with output addresses the format cannot hold.
	 * Callers check the domain's geometry first.
	 */
	if (model_in_aperture(m, iova, min_pgsize(r)) &&
	    !model_in_aperture(m, iova, size))
		return MODEL_UNCHECKED;
	/*
	 * Nor do drivers check a range for wrapping past the top of the IOVA
	 * space (s390's iova + size - 1 > aperture_end): no caller asks.
	 */
	if (iova + (size - 1) < iova)
		return MODEL_UNCHECKED;
	if (pa < r->pa_limit && (pa + (size - 1) < pa ||
				 pa + (size - 1) >= r->pa_limit))
		return MODEL_UNCHECKED;
	if (!model_in_aperture(m, iova, size) || pa >= r->pa_limit)
		return MODEL_UNKNOWN;
	if (r->map_needs_rw && !(prot & (MODEL_PROT_READ | MODEL_PROT_WRITE))) {
		*ret = -EINVAL;
		return MODEL_EXACT;
	}
	if (model_leaves_in(m, iova, iova + (size - 1), &first))
		return MODEL_UNKNOWN;	/* mapping over live leaves */
	if (apply)
		apply_plan(m, iova, pa, size, prot, n);
	return MODEL_EXACT;
}

/*
 * iommu_unmap() walks the range in the chunks iommu_pgsize() picks (both
 * addresses = iova) and asks the page table to unmap each.  An io-pgtable
 * never splits a leaf: a chunk inside a larger leaf unmaps nothing and ends
 * the call.  A chunk made of whole leaves is removed whole.  A hole makes
 * the result depend on the table's shape (an empty table still "unmaps"),
 * which the contract leaves open.
 */
static enum model_verdict iopgtable_unmap(struct model *m, uint64_t iova,
					  uint64_t size, uint64_t *ret,
					  bool apply)
{
	const struct model_rules *r = &m->rules;
	uint64_t p = iova, rem = size;
	const struct pt_leaf *l;
	size_t first, i;

	*ret = 0;
	if (!is_aligned(iova | size, min_pgsize(r)) || !size)
		return MODEL_EXACT;
	if (r->unmap_fills_holes && size / min_pgsize(r) > MODEL_LEAF_BUDGET &&
	    (iova + (size - 1) < iova ||
	     !model_covers(m, iova, iova + (size - 1))))
		return MODEL_OVER_BUDGET;
	if (!model_in_aperture(m, iova, size))
		return MODEL_UNKNOWN;
	/*
	 * s390-iommu invalidates every page of the range, mapped or not
	 * (the tables of a hole are made for it), and returns the full size:
	 * known finding s390-unmap-hole-full-size.  No leaf is split.
	 */
	if (r->unmap_fills_holes) {
		size_t at, del = span_of(m, iova, iova + (size - 1), &at);

		*ret = size;
		if (apply)
			splice(m, at, del, NULL, 0);
		return MODEL_EXACT;
	}

	/* Dry run: find where the call stops, or that it is unpredictable. */
	first = first_ending_after(m, iova);
	i = first;
	while (rem) {
		uint64_t s = pick_pgsize(r->pgsize_bitmap, p, p, rem);
		uint64_t covered = 0;

		l = i < m->nr ? &m->leaves[i] : NULL;
		if (!l || l->iova > p)
			return MODEL_UNKNOWN;		/* hole */
		if (l->size > s && r->unmap_splits_blocks)
			return MODEL_UNKNOWN;		/* an older tree splits it */
		if (l->size > s)
			break;				/* would split a leaf */
		while (covered < s && i < m->nr &&
		       m->leaves[i].iova == p + covered &&
		       m->leaves[i].size <= s - covered) {
			covered += m->leaves[i].size;
			i++;
		}
		if (covered != s)
			return MODEL_UNKNOWN;		/* hole inside the chunk */
		p += s;
		rem -= s;
	}

	*ret = p - iova;
	if (apply)
		splice(m, first, i - first, NULL, 0);
	return MODEL_EXACT;
}

/*
 * The top a PT_FEAT_DYNAMIC_TOP table needs for [iova, last] with a first
 * leaf of @first bytes (increase_top()), or -ERANGE.
 */
static int genpt_fit_top(const struct model *m, uint64_t last, uint64_t first,
			 unsigned int *level)
{
	const struct model_rules *r = &m->rules;
	unsigned int l = m->top_level;

	while (reach_lg2(r, l) < 64 &&
	       (last >> reach_lg2(r, l) || first >> r->top_span_lg2[l])) {
		l++;
		if (l > r->max_top_level ||
		    r->top_span_lg2[l - 1] >= r->max_vasz_lg2)
			return -ERANGE;
	}
	*level = l;
	return 0;
}

/*
 * pt_iommu_ops.map_range(), in the order it checks: prot, PA, the format's
 * prot rules, the range, the first leaf, the table's reach, live leaves.
 */
static enum model_verdict genpt_map(struct model *m, uint64_t iova,
				    uint64_t pa, uint64_t size, int prot,
				    int *ret, bool apply)
{
	const struct model_rules *r = &m->rules;
	const struct pt_leaf *live;
	unsigned int top = m->top_level;
	uint64_t first, body;
	size_t n;

	*ret = 0;
	first = size ? pick_pgsize(r->pgsize_bitmap, iova, pa, size) : 0;
	if (!(prot & (MODEL_PROT_READ | MODEL_PROT_WRITE)))
		*ret = -EINVAL;		/* with a WARN: a caller bug */
	else if (pa >= r->pa_limit)
		*ret = -ERANGE;
	else if ((prot & r->map_prot_required) != r->map_prot_required ||
		 !size)
		*ret = -EINVAL;
	else if (iova + (size - 1) < iova)
		*ret = -EOVERFLOW;
	else if (!first)
		*ret = -ENXIO;
	if (*ret)
		return MODEL_EXACT;
	if (r->dynamic_top)
		*ret = genpt_fit_top(m, iova + (size - 1), first, &top);
	else if (!model_in_aperture(m, iova, size))
		*ret = -ERANGE;
	if (*ret)
		return MODEL_EXACT;
	body = size & ~(min_pgsize(r) - 1);
	n = model_plan(r, iova, pa, body, prot, NULL, MODEL_LEAF_BUDGET);
	if (n > MODEL_LEAF_BUDGET || m->nr + n > MODEL_TOTAL_BUDGET)
		return MODEL_OVER_BUDGET;
	/* A tail no page size fits: the contract does not say. */
	if (body != size)
		return MODEL_UNKNOWN;
	/* Only the first PA is checked against the OAS, as in io-pgtable. */
	if (pa + (size - 1) < pa || pa + (size - 1) >= r->pa_limit)
		return MODEL_UNCHECKED;
	/* The top grows before the walk finds what is in the way. */
	if (apply)
		m->top_level = top;
	if (model_leaves_in(m, iova, iova + (size - 1), &live)) {
		*ret = -EADDRINUSE;
		return MODEL_EXACT;
	}
	if (apply)
		apply_plan(m, iova, pa, size, prot, n);
	return MODEL_EXACT;
}

/*
 * pt_iommu_ops.unmap_range(): whole leaves from @iova, which must start
 * one, to the first hole; the last may reach past the range.
 */
static enum model_verdict genpt_unmap(struct model *m, uint64_t iova,
				      uint64_t size, uint64_t *ret, bool apply)
{
	uint64_t p = iova, last = iova + (size - 1);
	size_t first, i;

	*ret = 0;
	if (!size || !model_in_aperture(m, iova, size))
		return MODEL_EXACT;
	first = first_ending_after(m, iova);
	for (i = first; i < m->nr && m->leaves[i].iova == p; i++) {
		p += m->leaves[i].size;
		if (!p || p - 1 >= last) {
			i++;
			break;
		}
	}
	*ret = p - iova;
	if (apply)
		splice(m, first, i - first, NULL, 0);
	return MODEL_EXACT;
}

enum model_verdict model_map(struct model *m, uint64_t iova, uint64_t pa,
			     uint64_t size, int prot, int *ret, bool apply)
{
	if (m->rules.family == MODEL_GENERIC_PT)
		return genpt_map(m, iova, pa, size, prot, ret, apply);
	return iopgtable_map(m, iova, pa, size, prot, ret, apply);
}

enum model_verdict model_unmap(struct model *m, uint64_t iova, uint64_t size,
			       uint64_t *ret, bool apply)
{
	if (m->rules.family == MODEL_GENERIC_PT)
		return genpt_unmap(m, iova, size, ret, apply);
	return iopgtable_unmap(m, iova, size, ret, apply);
}

bool model_device_write(struct model *m, uint64_t iova)
{
	struct pt_leaf *l = (struct pt_leaf *)model_lookup(m, iova);

	if (!l || !m->rules.tracks_dirty || !(l->prot & MODEL_PROT_WRITE))
		return false;
	l->dirty = true;
	return true;
}

size_t model_read_dirty(struct model *m, uint64_t iova, uint64_t size,
			bool no_clear, struct pt_leaf *out, size_t max)
{
	size_t at, n = span_of(m, iova, iova + (size - 1), &at), nr = 0;
	struct pt_leaf *l = m->leaves + at;

	for (size_t i = 0; i < n; i++) {
		if (!l[i].dirty)
			continue;
		if (nr < max)
			out[nr] = l[i];
		nr++;
		if (!no_clear)
			l[i].dirty = false;
	}
	return nr;
}

uint64_t model_mapped_bytes(const struct model *m)
{
	uint64_t bytes = 0;

	for (size_t i = 0; i < m->nr; i++)
		bytes += m->leaves[i].size;
	return bytes;
}
