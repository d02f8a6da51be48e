// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reference model's core: the iommu core's contract
 * (iommu_pgsize() chunks and counts, the rollback of a failed map, the
 * stop at a short unmap, the range ops' path) around a toy implementation
 * that logs its calls, and the state helpers implementations use.  The
 * implementations themselves (fuzzers/targets/) are held to the kernel by
 * the corpus replays and proven by the mutants.
 * Prints "N tests run, N passed, N failed"; exit status 1 on any failure.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define K	(1ULL << 10)
#define M	(1ULL << 20)
#define G	(1ULL << 30)
#define RW	(MODEL_PROT_READ | MODEL_PROT_WRITE)

static int run, failed;
static const char *current;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("FAIL %s: %s:%d: %s\n", current, __FILE__, __LINE__, #cond); \
		failed++;						\
		return;							\
	}								\
} while (0)

static const struct model_rules rules_4k = {
	.pgsize_bitmap = 4 * K | 2 * M | G,
	.va_first = 0, .va_last = (1ULL << 48) - 1,
	.pa_limit = 1ULL << 48,
};

/* The toy implementation: whole leaves only, a call log, a failing call. */
struct call {
	bool map;
	uint64_t iova, pgsize, count;
};

static struct call calls[64];
static unsigned int nr_calls, fail_call;

static void log_call(bool map, uint64_t iova, uint64_t pgsize, uint64_t count)
{
	if (nr_calls < 64)
		calls[nr_calls] = (struct call){ map, iova, pgsize, count };
	nr_calls++;
}

/* Maps @count leaves (one allocation each), or -EIO at call fail_call. */
static int toy_map(struct model *m, uint64_t iova, uint64_t pa,
		   uint64_t pgsize, uint64_t count, int prot, uint64_t *mapped)
{
	log_call(true, iova, pgsize, count);
	if (nr_calls == fail_call)
		return -EIO;
	for (uint64_t i = 0; i < model_pgcount(m, count); i++) {
		struct pt_leaf l = model_new_leaf(m, iova + i * pgsize, pgsize,
						  pa + i * pgsize, prot);
		const struct pt_leaf *in;

		if (model_leaves_in(m, l.iova, l.iova + pgsize - 1, &in)) {
			model_warn(m, "toy-live");
			return -EEXIST;
		}
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_leaf(m, &l);
		*mapped += pgsize;
	}
	return 0;
}

/* Whole leaves of @pgsize from @iova, up to the first that is not one. */
static uint64_t toy_unmap(struct model *m, uint64_t iova, uint64_t pgsize,
			  uint64_t count)
{
	uint64_t i;

	log_call(false, iova, pgsize, count);
	for (i = 0; i < model_pgcount(m, count); i++) {
		const struct pt_leaf *l = model_lookup(m, iova + i * pgsize);

		if (!l || l->iova != iova + i * pgsize || l->size != pgsize)
			break;
		model_remove_leaves(m, l->iova, l->iova);
	}
	return i * pgsize;
}

static const struct model_impl toy = {
	.map_pages = toy_map, .unmap_pages = toy_unmap,
};

/* Range ops: the whole range at once, as generic_pt's. */
static int toy_map_range(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t len, int prot, uint64_t *mapped)
{
	log_call(true, iova, len, 1);
	return toy_map(m, iova, pa, 4 * K, len / (4 * K), prot, mapped);
}

static uint64_t toy_unmap_range(struct model *m, uint64_t iova, uint64_t len)
{
	log_call(false, iova, len, 1);
	return toy_unmap(m, iova, 4 * K, len / (4 * K));
}

static const struct model_impl toy_ranges = {
	.map_range = toy_map_range, .unmap_range = toy_unmap_range,
};

static void new_model(struct model *m, const struct model_impl *impl)
{
	model_free(m);
	model_init(m, &rules_4k, impl, NULL);
	model_begin_op(m, 0);
	nr_calls = fail_call = 0;
}

/* iommu_pgsize(): the largest size, as many as fit before a larger one can. */
static void test_pgsize_counts(void)
{
	uint64_t count;

	CHECK(model_pgsize(rules_4k.pgsize_bitmap, 2 * M, 2 * M, 6 * M, &count) ==
	      2 * M && count == 3);
	/* 4K pages up to the 2M boundary, when a 2M page fits after it. */
	CHECK(model_pgsize(rules_4k.pgsize_bitmap, 2 * M - 8 * K, 6 * M - 8 * K,
			   4 * M, &count) == 4 * K && count == 2);
	/* ... all of them when it does not. */
	CHECK(model_pgsize(rules_4k.pgsize_bitmap, 2 * M - 8 * K, 6 * M - 8 * K,
			   2 * M, &count) == 4 * K && count == 512);
	/* Not congruent: never a larger page, so no boundary. */
	CHECK(model_pgsize(rules_4k.pgsize_bitmap, 0, 4 * K, 4 * M, &count) ==
	      4 * K && count == 1024);
	/* The largest size has no larger one: all of it. */
	CHECK(model_pgsize(rules_4k.pgsize_bitmap, 0, 0, 5 * G, &count) == G &&
	      count == 5);
}

static void test_plan(void)
{
	struct pt_leaf l[8];

	CHECK(model_plan(rules_4k.pgsize_bitmap, 2 * M, 2 * M, 2 * M, l, 8) == 1);
	CHECK(l[0].size == 2 * M);
	CHECK(model_plan(rules_4k.pgsize_bitmap, 2 * M - 4 * K, 6 * M - 4 * K,
			 2 * M + 4 * K, l, 8) == 2);
	CHECK(l[0].size == 4 * K && l[1].size == 2 * M && l[1].phys == 6 * M);
	CHECK(model_plan(rules_4k.pgsize_bitmap, 0, 4 * K, 2 * M, l, 8) == 9);
	CHECK(model_plan(rules_4k.pgsize_bitmap, 0, 4 * K, 1ULL << 40, NULL, 16) ==
	      17);
	/* A tail no size fits. */
	CHECK(model_plan(rules_4k.pgsize_bitmap, 0, 0, 6 * K, l, 8) == SIZE_MAX);
	CHECK(model_plan(64 * K | 512 * M, 512 * M, 0, 512 * M + 64 * K, l, 4) == 2);
	CHECK(l[0].size == 512 * M && l[1].size == 64 * K);
}

/* __iommu_map_domain_pgtbl(): alignment, then one map_pages per chunk. */
static void test_map_chunks(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */

	new_model(&m, &toy);
	CHECK(model_map(&m, 4 * K + 1, 0, 4 * K, RW) == -EINVAL && !nr_calls);
	CHECK(model_map(&m, 0, 0, 0, RW) == 0 && !nr_calls);
	CHECK(model_map(&m, 2 * M - 8 * K, 2 * M - 8 * K, 2 * M + 16 * K, RW) == 0);
	CHECK(nr_calls == 3);
	CHECK(calls[0].pgsize == 4 * K && calls[0].count == 2);
	CHECK(calls[1].pgsize == 2 * M && calls[1].count == 1);
	CHECK(calls[2].pgsize == 4 * K && calls[2].count == 2);
	CHECK(m.nr == 5 && m.allocs == 5);
	model_free(&m);
}

/* A failed map is unmapped again: what the calls before it mapped. */
static void test_map_rollback(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */

	new_model(&m, &toy);
	fail_call = 2;
	CHECK(model_map(&m, 2 * M - 8 * K, 2 * M - 8 * K, 2 * M + 8 * K, RW) ==
	      -EIO);
	CHECK(m.nr == 0);
	CHECK(nr_calls == 3 && !calls[2].map && calls[2].iova == 2 * M - 8 * K &&
	      calls[2].pgsize == 4 * K && calls[2].count == 2);
	/* An allocation failure (the 3rd) rolls back the same way. */
	new_model(&m, &toy);
	model_begin_op(&m, 3);
	CHECK(model_map(&m, 0, 0, 16 * K, RW) == -ENOMEM);
	CHECK(m.fail_hit && m.allocs == 3 && m.nr == 0);
	model_free(&m);
}

/* __iommu_unmap(): chunks until the size or a call that unmaps nothing. */
static void test_unmap_stops_short(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */

	new_model(&m, &toy);
	model_map(&m, 0, 0, 4 * M, RW);				/* 2 x 2M */
	nr_calls = 0;
	CHECK(model_unmap(&m, 0, 6 * M) == 4 * M && nr_calls == 2);
	CHECK(calls[0].pgsize == 2 * M && calls[0].count == 3);
	CHECK(calls[1].iova == 4 * M);
	CHECK(model_unmap(&m, 1, 4 * K) == 0);		/* unaligned */
	CHECK(model_unmap(&m, 0, 0) == 0);
	model_map(&m, 0, 0, 2 * M, RW);
	CHECK(model_unmap(&m, 0, 4 * K) == 0 && m.nr == 1);	/* would split */
	model_free(&m);
}

/* Range ops: one call, and the same rollback. */
static void test_range_ops(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */

	new_model(&m, &toy_ranges);
	CHECK(model_map(&m, 4 * K + 1, 0, 12 * K, RW) != -EINVAL || nr_calls);
	new_model(&m, &toy_ranges);
	model_map(&m, 8 * K, 8 * K, 4 * K, RW);
	nr_calls = 0;
	CHECK(model_map(&m, 0, 0, 16 * K, RW) == -EEXIST);
	CHECK(m.nr == 1 && m.leaves[0].iova == 8 * K);
	CHECK(model_warned(&m, "toy-live") == 1);
	CHECK(nr_calls >= 2 && calls[0].pgsize == 16 * K);
	model_free(&m);
}

/* A known finding's prediction: a count taken as an int. */
static void test_pgcount_quirk(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */

	new_model(&m, &toy);
	CHECK(model_pgcount(&m, 1ULL << 32) == 1ULL << 32);
	m.quirks = MODEL_QUIRK_INT_PGCOUNT;
	CHECK(model_pgcount(&m, 1ULL << 32) == 0);
	CHECK(model_pgcount(&m, (1ULL << 32) + 5) == 5);
	CHECK(model_pgcount(&m, 0x80000000ULL) == 0);
	model_free(&m);
}

static void test_tables(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */

	new_model(&m, &toy);
	model_add_table(&m, 2 * M, 21);
	model_add_table(&m, 0, 30);
	model_add_table(&m, 0, 21);
	CHECK(m.nr_tables == 3 && m.tables[0].span_lg2 == 21 &&
	      m.tables[2].iova == 2 * M);
	CHECK(model_has_table(&m, 2 * M, 21) && !model_has_table(&m, 2 * M, 30));
	CHECK(model_remove_tables(&m, 0, 4 * M - 1, 30) == 2 && m.nr_tables == 1);
	model_free(&m);
}

static void test_lookup_and_covers(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */
	const struct pt_leaf *l;
	uint64_t lo = 3 * M, hi = 3 * M;

	new_model(&m, &toy);
	model_map(&m, 2 * M, 6 * M, 2 * M, RW);
	model_map(&m, 4 * M, 0, 4 * K, RW);
	l = model_lookup(&m, 3 * M + 5);
	CHECK(l && l->iova == 2 * M && l->phys == 6 * M && l->size == 2 * M);
	CHECK(!model_lookup(&m, 4 * M + 4 * K));
	CHECK(model_covers(&m, 2 * M + 4 * K, 4 * M + 4 * K - 1));
	CHECK(!model_covers(&m, 2 * M, 4 * M + 8 * K - 1));
	model_widen(&m, &lo, &hi);
	CHECK(lo == 2 * M && hi == 4 * M - 1);
	model_free(&m);
}

static void test_dirty(void)
{
	static struct model m;	/* static: still reachable if a CHECK returns */
	struct pt_leaf out[4];

	new_model(&m, &toy);
	m.rules.tracks_dirty = m.rules.dirty_on_map = true;
	model_map(&m, 0, 0, 2 * M, RW);
	model_map(&m, 2 * M, 2 * M, 4 * K, MODEL_PROT_READ);
	CHECK(m.leaves[0].dirty && !m.leaves[1].dirty);
	CHECK(model_read_dirty(&m, 4 * K, 4 * K, false, out, 4) == 1);
	CHECK(!m.leaves[0].dirty);
	CHECK(model_device_write(&m, 5));
	CHECK(!model_device_write(&m, 2 * M));	/* read-only */
	CHECK(model_read_dirty(&m, 0, 4 * K, true, out, 4) == 1);
	CHECK(m.leaves[0].dirty);			/* NO_CLEAR */
	model_free(&m);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "pgsize_counts", test_pgsize_counts },
	{ "plan", test_plan },
	{ "map_chunks", test_map_chunks },
	{ "map_rollback", test_map_rollback },
	{ "unmap_stops_short", test_unmap_stops_short },
	{ "range_ops", test_range_ops },
	{ "pgcount_quirk", test_pgcount_quirk },
	{ "tables", test_tables },
	{ "lookup_and_covers", test_lookup_and_covers },
	{ "dirty", test_dirty },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		int before = failed;

		current = tests[i].name;
		tests[i].fn();
		run++;
		if (failed == before)
			printf("ok   %s\n", current);
	}
	printf("%d tests run, %d passed, %d failed\n", run, run - failed, failed);
	return failed ? 1 : 0;
}
