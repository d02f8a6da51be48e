// SPDX-License-Identifier: GPL-2.0
/*
 * The reference model: a sorted array of non-overlapping leaves, the table
 * shape, and the iommu core's contract around a page-table implementation
 * (struct model_impl, supplied by the target).  See model.h.
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

static unsigned int fls64_idx(uint64_t x)
{
	return 63 - __builtin_clzll(x);
}

void model_init(struct model *m, const struct model_rules *rules,
		const struct model_impl *impl, const void *impl_ctx)
{
	*m = (struct model){
		.rules = *rules, .impl = impl, .impl_ctx = impl_ctx,
		.top_level = rules->top_level, .touch_lo = 1, .over_lo = 1,
	};
}

void model_free(struct model *m)
{
	if (m->leaves)
		free(m->leaves - m->head);
	free(m->tables);
	*m = (struct model){ 0 };
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? 2 * *cap : 64;
	p = realloc(p, *cap * elem);
	if (!p)
		abort();
	return p;
}

void model_copy(struct model *dst, const struct model *src)
{
	struct pt_leaf *leaves = dst->leaves ? dst->leaves - dst->head : NULL;
	struct model_table *tables = dst->tables;
	size_t cap = dst->cap + dst->head, cap_tables = dst->cap_tables;

	leaves = grow(leaves, &cap, src->nr, sizeof(*leaves));
	tables = grow(tables, &cap_tables, src->nr_tables, sizeof(*tables));
	*dst = *src;
	dst->leaves = leaves;
	dst->cap = cap;
	dst->head = 0;
	dst->tables = tables;
	dst->cap_tables = cap_tables;
	if (src->nr)
		memcpy(leaves, src->leaves, src->nr * sizeof(*leaves));
	if (src->nr_tables)
		memcpy(tables, src->tables, src->nr_tables * sizeof(*tables));
}

void model_begin_op(struct model *m, unsigned int fail_at)
{
	m->fail_at = fail_at;
	m->allocs = 0;
	m->fail_hit = false;
	m->nr_warns = 0;
	m->touch_lo = 1;
	m->touch_hi = 0;
	m->over_lo = 1;
	m->over_hi = 0;
	if (m->impl && m->impl->begin_op)
		m->impl->begin_op(m);
}

/* Leaves ------------------------------------------------------------------- */

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

const struct pt_leaf *model_translate(const struct model *m, uint64_t iova)
{
	uint64_t canon = iova;

	if (m->impl && m->impl->alias && !m->impl->alias(m, iova, &canon))
		return NULL;
	return model_lookup(m, canon);
}

void model_lookup_op(struct model *m, uint64_t iova)
{
	const char *site = m->impl && m->impl->lookup_warn ?
			   m->impl->lookup_warn(m, iova) : NULL;

	if (site)
		model_warn(m, site);
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

void model_overwrite(struct model *m, uint64_t lo, uint64_t hi)
{
	if (m->over_lo > m->over_hi) {
		m->over_lo = lo;
		m->over_hi = hi;
		return;
	}
	if (lo < m->over_lo)
		m->over_lo = lo;
	if (hi > m->over_hi)
		m->over_hi = hi;
}

bool model_overwrote(const struct model *m, const struct pt_leaf *l)
{
	return m->over_lo <= m->over_hi && l->iova >= m->over_lo &&
	       l->iova + (l->size - 1) <= m->over_hi;
}

void model_touch(struct model *m, uint64_t lo, uint64_t hi)
{
	if (m->touch_lo > m->touch_hi) {
		m->touch_lo = lo;
		m->touch_hi = hi;
		return;
	}
	if (lo < m->touch_lo)
		m->touch_lo = lo;
	if (hi > m->touch_hi)
		m->touch_hi = hi;
}

/* A field added to struct pt_leaf must be copied here too. */
_Static_assert(sizeof(struct pt_leaf) == 32, "set_leaf() copies every field");

static inline void set_leaf(struct pt_leaf *dst, const struct pt_leaf *src)
{
	dst->iova = src->iova;
	dst->size = src->size;
	dst->phys = src->phys;
	dst->prot = src->prot;
	dst->dirty = src->dirty;
}

/*
 * Leaves moved field by field: the model moves its vector on every
 * removal, and memmove() under ASan is its interceptor's byte-by-byte
 * copy (a step-unmap of 4096 4K rockchip leaves spent seconds there: a
 * libFuzzer timeout).  no_builtin keeps the loops from becoming memmove.
 */
__attribute__((no_builtin("memmove")))
static void move_leaves(struct pt_leaf *dst, const struct pt_leaf *src,
			size_t n)
{
	size_t i;

	for (i = 0; dst < src && i < n; i++)
		set_leaf(&dst[i], &src[i]);
	for (i = n; dst > src && i--;)
		set_leaf(&dst[i], &src[i]);
}

/* The room before the leaves given back, for grow(). */
static void unhead(struct model *m)
{
	if (!m->head)
		return;
	move_leaves(m->leaves - m->head, m->leaves, m->nr);
	m->leaves -= m->head;
	m->cap += m->head;
	m->head = 0;
}

/* Replace leaves [at, at + del) by @nr new ones. */
static void splice(struct model *m, size_t at, size_t del,
		   const struct pt_leaf *add, size_t nr)
{
	/*
	 * Fewer leaves before than after a removal: the ones before move up
	 * (a step-unmap removes leaves one by one from the front of a run).
	 */
	if (del > nr && at < m->nr - at - del) {
		size_t gone = del - nr;

		move_leaves(m->leaves + gone, m->leaves, at);
		m->leaves += gone;
		m->head += gone;
		m->cap -= gone;
		m->nr -= gone;
		if (nr)
			memcpy(&m->leaves[at], add, nr * sizeof(*add));
		return;
	}
	if (m->nr + nr > m->cap)
		unhead(m);
	m->leaves = grow(m->leaves, &m->cap, m->nr + nr, sizeof(*m->leaves));
	if (m->nr - at - del)
		move_leaves(&m->leaves[at + nr], &m->leaves[at + del],
			    m->nr - at - del);
	if (nr)
		memcpy(&m->leaves[at], add, nr * sizeof(*add));
	m->nr = m->nr - del + nr;
}

struct pt_leaf model_new_leaf(const struct model *m, uint64_t iova,
			      uint64_t size, uint64_t pa, int prot)
{
	return (struct pt_leaf){
		.iova = iova, .size = size, .phys = pa, .prot = prot,
		.dirty = m->rules.dirty_on_map && (prot & MODEL_PROT_WRITE),
	};
}

void model_add_leaf(struct model *m, const struct pt_leaf *leaf)
{
	size_t at, n = span_of(m, leaf->iova, leaf->iova + (leaf->size - 1), &at);

	if (n)
		abort();	/* an implementation model overlapped leaves */
	splice(m, at, 0, leaf, 1);
	model_touch(m, leaf->iova, leaf->iova + (leaf->size - 1));
}

void model_add_leaves(struct model *m, const struct pt_leaf *leaves, size_t n)
{
	const struct pt_leaf *last;
	size_t at;

	if (!n)
		return;
	last = &leaves[n - 1];
	if (span_of(m, leaves->iova, last->iova + (last->size - 1), &at))
		abort();	/* an implementation model overlapped leaves */
	splice(m, at, 0, leaves, n);
	model_touch(m, leaves->iova, last->iova + (last->size - 1));
}

size_t model_remove_leaves(struct model *m, uint64_t lo, uint64_t hi)
{
	size_t at, n = span_of(m, lo, hi, &at);

	if (n)
		model_touch(m, m->leaves[at].iova,
			    m->leaves[at + n - 1].iova +
			    (m->leaves[at + n - 1].size - 1));
	splice(m, at, n, NULL, 0);
	return n;
}

/* Tables ------------------------------------------------------------------- */

static int table_cmp(const struct model_table *a, uint64_t iova,
		     unsigned int span_lg2)
{
	if (a->iova != iova)
		return a->iova < iova ? -1 : 1;
	if (a->span_lg2 != span_lg2)
		return a->span_lg2 < span_lg2 ? -1 : 1;
	return 0;
}

/* Index of the first table not before (iova, span_lg2). */
static size_t table_index(const struct model *m, uint64_t iova,
			  unsigned int span_lg2)
{
	size_t lo = 0, hi = m->nr_tables;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (table_cmp(&m->tables[mid], iova, span_lg2) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool model_has_table(const struct model *m, uint64_t iova,
		     unsigned int span_lg2)
{
	size_t i = table_index(m, iova, span_lg2);

	return i < m->nr_tables && !table_cmp(&m->tables[i], iova, span_lg2);
}

void model_add_table(struct model *m, uint64_t iova, unsigned int span_lg2)
{
	size_t i = table_index(m, iova, span_lg2);

	if (i < m->nr_tables && !table_cmp(&m->tables[i], iova, span_lg2))
		abort();	/* an implementation model added a table twice */
	m->tables = grow(m->tables, &m->cap_tables, m->nr_tables + 1,
			 sizeof(*m->tables));
	memmove(&m->tables[i + 1], &m->tables[i],
		(m->nr_tables - i) * sizeof(*m->tables));
	m->tables[i] = (struct model_table){ iova, span_lg2 };
	m->nr_tables++;
	model_touch(m, iova, iova + (model_up_to(span_lg2 - 1)));
}

size_t model_remove_tables(struct model *m, uint64_t lo, uint64_t hi,
			   unsigned int max_span_lg2)
{
	size_t kept = 0, n = m->nr_tables;

	for (size_t i = 0; i < n; i++) {
		const struct model_table *t = &m->tables[i];
		uint64_t last = t->iova + model_up_to(t->span_lg2 - 1);

		if (t->iova >= lo && last <= hi && t->span_lg2 <= max_span_lg2)
			continue;
		m->tables[kept++] = *t;
	}
	m->nr_tables = kept;
	if (kept != n)
		model_touch(m, lo, hi);
	return n - kept;
}

/* Allocations and WARNs ---------------------------------------------------- */

bool model_alloc(struct model *m)
{
	m->allocs++;
	if (m->fail_at && m->allocs == m->fail_at) {
		m->fail_hit = true;
		return false;
	}
	return true;
}

void model_warn(struct model *m, const char *site)
{
	for (unsigned int i = 0; i < m->nr_warns; i++)
		if (!strcmp(m->warns[i].site, site)) {
			m->warns[i].count++;
			return;
		}
	if (m->nr_warns < MODEL_MAX_WARNS)
		m->warns[m->nr_warns++] = (struct model_warn){ site, 1 };
}

unsigned int model_warned(const struct model *m, const char *site)
{
	for (unsigned int i = 0; i < m->nr_warns; i++)
		if (!strcmp(m->warns[i].site, site))
			return m->warns[i].count;
	return 0;
}

uint64_t model_pgcount(const struct model *m, uint64_t count)
{
	int truncated = (int)count;

	if (!(m->quirks & MODEL_QUIRK_INT_PGCOUNT))
		return count;
	return truncated > 0 ? (uint64_t)truncated : 0;
}

/* The core's contract ------------------------------------------------------- */

/* Largest page size that fits @rem and to which @iova and @pa are aligned. */
static uint64_t pick_pgsize(uint64_t bitmap, uint64_t iova, uint64_t pa,
			    uint64_t rem)
{
	uint64_t align = iova | pa;

	if (!rem)
		return 0;
	bitmap &= model_up_to(fls64_idx(rem));
	if (align)
		bitmap &= model_up_to(__builtin_ctzll(align));
	return bitmap ? 1ULL << fls64_idx(bitmap) : 0;
}

/*
 * iommu_pgsize(): the largest page size that fits, and a count of them that
 * stops where the next larger size becomes possible (if iova and pa are
 * congruent for it and the rest is long enough to use it).
 */
uint64_t model_pgsize(uint64_t bitmap, uint64_t iova, uint64_t pa,
		      uint64_t size, uint64_t *count)
{
	uint64_t merge = iova | pa, pgsize = pick_pgsize(bitmap, iova, pa, size);
	uint64_t larger, next, offset;

	if (!pgsize) {
		*count = 0;
		return 0;
	}
	larger = bitmap & ~model_up_to(__builtin_ctzll(pgsize));
	if (larger) {
		next = larger & -larger;
		offset = next - (merge & (next - 1));
		if (!((iova ^ pa) & (next - 1)) && offset + next >= offset &&
		    offset + next <= size)
			size = offset;
	}
	*count = size / pgsize;
	return pgsize;
}

size_t model_plan(uint64_t pgsize_bitmap, uint64_t iova, uint64_t pa,
		  uint64_t size, struct pt_leaf *out, size_t max)
{
	size_t n = 0;

	while (size && n <= max) {
		uint64_t s = pick_pgsize(pgsize_bitmap, iova, pa, size);

		if (!s)
			return SIZE_MAX;
		if (out && n < max)
			out[n] = (struct pt_leaf){ .iova = iova, .size = s,
						   .phys = pa };
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

enum model_verdict model_map_verdict(const struct model *m, uint64_t iova,
				     uint64_t pa, uint64_t size)
{
	const struct model_rules *r = &m->rules;
	uint64_t min = min_pgsize(r), last = pa + (size - 1);
	bool ranges = m->impl->map_range;
	size_t n;

	if (!size || (!ranges && !is_aligned(iova | pa | size, min)))
		return MODEL_RUN;
	/* Whatever the result, the kernel would build this many leaves. */
	n = model_plan(r->pgsize_bitmap, iova, pa, size & ~(min - 1), NULL,
		       MODEL_LEAF_BUDGET);
	if (n != SIZE_MAX &&
	    (n > MODEL_LEAF_BUDGET || m->nr + n > MODEL_TOTAL_BUDGET))
		return MODEL_OVER_BUDGET;
	/*
	 * The kernel checks the first PA of a map against the OAS, and
	 * io-pgtable the first IOVA of each map_pages() call against the IAS,
	 * not the last: a range that crosses either limit is written with
	 * output addresses the format cannot hold, or indexes past the top
	 * table (past the end of a partial LPAE PGD).  Callers check the
	 * domain's geometry first.
	 */
	if (pa < r->pa_limit && (last < pa || last >= r->pa_limit))
		return MODEL_UNCHECKED;
	/*
	 * Nor do drivers check a range for wrapping past the top of the IOVA
	 * space (s390's iova + size - 1 > aperture_end wraps too): no caller
	 * asks.
	 */
	if (!ranges && iova + (size - 1) < iova)
		return MODEL_UNCHECKED;
	if (!ranges && model_in_aperture(m, iova, min) &&
	    !model_in_aperture(m, iova, size))
		return MODEL_UNCHECKED;
	return MODEL_RUN;
}

/* __iommu_map_domain_pgtbl(): chunks of iommu_pgsize(), one map_pages each. */
static int map_chunks(struct model *m, uint64_t iova, uint64_t pa,
		      uint64_t size, int prot, uint64_t *mapped)
{
	uint64_t bitmap = m->rules.pgsize_bitmap;

	if (!is_aligned(iova | pa | size, min_pgsize(&m->rules)))
		return -EINVAL;		/* "unaligned", pr_err only */
	while (size) {
		uint64_t count, done = 0;
		uint64_t pgsize = model_pgsize(bitmap, iova, pa, size, &count);
		int ret = m->impl->map_pages(m, iova, pa, pgsize, count, prot,
					     &done);

		*mapped += done;
		if (ret)
			return ret;
		if (!done)
			return MODEL_RET_UNDEFINED;	/* the core would spin */
		size -= done;
		iova += done;
		pa += done;
	}
	return 0;
}

/*
 * iommu_map(): a failed map is unmapped again (iommu_unmap() of what the
 * driver said it mapped), so a failure leaves the leaves as they were,
 * though not necessarily the tables.
 */
int model_map(struct model *m, uint64_t iova, uint64_t pa, uint64_t size,
	      int prot)
{
	uint64_t mapped = 0;
	int ret;

	if (m->impl->map_range)
		ret = m->impl->map_range(m, iova, pa, size, prot, &mapped);
	else
		ret = map_chunks(m, iova, pa, size, prot, &mapped);
	if (ret && ret != MODEL_RET_UNDEFINED)
		model_unmap(m, iova, mapped);
	return ret;
}

/*
 * __iommu_unmap(): iommu_pgsize() chunks (both addresses = iova) until the
 * size is reached or the driver unmaps nothing; the range ops in one call.
 */
uint64_t model_unmap(struct model *m, uint64_t iova, uint64_t size)
{
	uint64_t unmapped = 0, bitmap = m->rules.pgsize_bitmap;

	if (m->impl->unmap_range)
		return m->impl->unmap_range(m, iova, size);
	if (!is_aligned(iova | size, min_pgsize(&m->rules)))
		return 0;		/* "unaligned", pr_err only */
	while (unmapped < size) {
		uint64_t count, done;
		uint64_t pgsize = model_pgsize(bitmap, iova, iova,
					       size - unmapped, &count);

		done = m->impl->unmap_pages(m, iova, pgsize, count);
		if (!done)
			break;
		iova += done;
		unmapped += done;
	}
	return unmapped;
}

uint64_t model_length(const struct model *m, const struct pt_leaf *l,
		      uint64_t iova)
{
	return m->impl->length ? m->impl->length(m, l, iova) : l->size;
}

/* Dirty tracking ------------------------------------------------------------ */

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
