// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the reference model, against the iommu API contract as
 * documented (iommu.c, io-pgtable.h, generic_pt's unmap_pages review).
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

static const struct model_rules lpae_4k = {
	.pgsize_bitmap = 4 * K | 2 * M | G,
	.va_first = 0, .va_last = (1ULL << 48) - 1,
	.pa_limit = 1ULL << 48,
	.map_needs_rw = true,
};

static void new_model(struct model *m, const struct model_rules *r)
{
	model_free(m);
	model_init(m, r);
}

/* iommu_pgsize(): the largest size the alignment of both addresses allows. */
static void test_plan_greedy(void)
{
	struct pt_leaf l[8];

	CHECK(model_plan(&lpae_4k, 2 * M, 2 * M, 2 * M, RW, l, 8) == 1);
	CHECK(l[0].size == 2 * M);
	/* iova and pa congruent mod 2M but 4K short of a 2M boundary. */
	CHECK(model_plan(&lpae_4k, 2 * M - 4 * K, 6 * M - 4 * K, 2 * M + 4 * K,
			 RW, l, 8) == 2);
	CHECK(l[0].size == 4 * K && l[1].size == 2 * M);
	CHECK(l[1].iova == 2 * M && l[1].phys == 6 * M);
	/* Not congruent: 4K pages only. */
	CHECK(model_plan(&lpae_4k, 0, 4 * K, 2 * M, RW, l, 8) == 9);
	/* iova = pa = 0 constrains nothing. */
	CHECK(model_plan(&lpae_4k, 0, 0, G, RW, l, 8) == 1 && l[0].size == G);
}

static void test_plan_budget(void)
{
	/* A count past the budget is max + 1, whatever the real count. */
	CHECK(model_plan(&lpae_4k, 0, 4 * K, 1ULL << 40, RW, NULL, 16) == 17);
}

static void test_plan_bitmap_without_page_size(void)
{
	struct model_rules r = lpae_4k;
	struct pt_leaf l[4];

	r.pgsize_bitmap = 64 * K | 512 * M;
	CHECK(model_plan(&r, 512 * M, 0, 512 * M + 64 * K, RW, l, 4) == 2);
	CHECK(l[0].size == 512 * M && l[1].size == 64 * K);
}

static void test_map_contract(void)
{
	struct model m = { 0 };
	int ret;

	new_model(&m, &lpae_4k);
	CHECK(model_map(&m, 0, 0, 0, RW, &ret, true) == MODEL_EXACT && !ret);
	CHECK(model_map(&m, 4 * K + 1, 0, 4 * K, RW, &ret, true) == MODEL_EXACT);
	CHECK(ret == -EINVAL);
	CHECK(model_map(&m, 0, 0, 4 * K, 0, &ret, true) == MODEL_EXACT);
	CHECK(ret == -EINVAL && m.nr == 0);
	CHECK(model_map(&m, 2 * M, 2 * M, 4 * M, RW, &ret, true) == MODEL_EXACT);
	CHECK(!ret && m.nr == 2);
	/* Over live leaves: the contract says nothing. */
	CHECK(model_map(&m, 3 * M, 0, 4 * K, RW, &ret, true) == MODEL_UNKNOWN);
	/* Beyond the aperture, across its end, or across the OAS. */
	CHECK(model_map(&m, 1ULL << 48, 0, 4 * K, RW, &ret, true) ==
	      MODEL_UNKNOWN);
	CHECK(model_map(&m, (1ULL << 48) - 4 * K, 0, 8 * K, RW, &ret, true) ==
	      MODEL_UNCHECKED);
	CHECK(model_map(&m, 0, (1ULL << 48) - 4 * K, 8 * K, RW, &ret, true) ==
	      MODEL_UNCHECKED);
	CHECK(m.nr == 2);
	model_free(&m);
}

static void test_map_dry_run(void)
{
	struct model m = { 0 };
	int ret;

	new_model(&m, &lpae_4k);
	CHECK(model_map(&m, 0, 0, 8 * K, RW, &ret, false) == MODEL_EXACT);
	CHECK(m.nr == 0);
	model_free(&m);
}

static void test_unmap_exact(void)
{
	struct model m = { 0 };
	uint64_t ret;
	int r;

	new_model(&m, &lpae_4k);
	model_map(&m, 0, 0, 2 * M + 8 * K, RW, &r, true);	/* 2M + 2 x 4K */
	CHECK(model_unmap(&m, 0, 2 * M + 8 * K, &ret, true) == MODEL_EXACT);
	CHECK(ret == 2 * M + 8 * K && m.nr == 0);
	/* Unaligned or empty: 0, nothing changes. */
	model_map(&m, 0, 0, 8 * K, RW, &r, true);
	CHECK(model_unmap(&m, 1, 4 * K, &ret, true) == MODEL_EXACT && !ret);
	CHECK(model_unmap(&m, 0, 0, &ret, true) == MODEL_EXACT && !ret);
	CHECK(m.nr == 2);
	model_free(&m);
}

/* io-pgtable never splits a leaf: the call stops at the first cut. */
static void test_unmap_stops_at_cut(void)
{
	struct model m = { 0 };
	uint64_t ret;
	int r;

	new_model(&m, &lpae_4k);
	model_map(&m, 0, 0, 4 * M, RW, &r, true);		/* 2 x 2M */
	CHECK(model_unmap(&m, 0, 3 * M, &ret, true) == MODEL_EXACT);
	CHECK(ret == 2 * M && m.nr == 1 && m.leaves[0].iova == 2 * M);
	/* Starting inside a leaf unmaps nothing. */
	CHECK(model_unmap(&m, 2 * M + 4 * K, 4 * K, &ret, true) == MODEL_EXACT);
	CHECK(ret == 0 && m.nr == 1);
	/* 4K at the start of a 2M leaf: also nothing (io-pgtable). */
	CHECK(model_unmap(&m, 2 * M, 4 * K, &ret, true) == MODEL_EXACT);
	CHECK(ret == 0 && m.nr == 1);
	model_free(&m);
}

static void test_unmap_hole_is_unknown(void)
{
	struct model m = { 0 };
	uint64_t ret;
	int r;

	new_model(&m, &lpae_4k);
	model_map(&m, 0, 0, 4 * K, RW, &r, true);
	model_map(&m, 8 * K, 8 * K, 4 * K, RW, &r, true);
	CHECK(model_unmap(&m, 0, 12 * K, &ret, true) == MODEL_UNKNOWN);
	CHECK(m.nr == 2);
	/* A 2M chunk over scattered 4K pages: depends on the table's shape. */
	CHECK(model_unmap(&m, 0, 2 * M, &ret, true) == MODEL_UNKNOWN);
	model_free(&m);
}

/* virtio-iommu: a page-size mask with every size from 4K up. */
static const struct model_rules virtio_all = {
	.family = MODEL_VIRTIO,
	.pgsize_bitmap = ~0xfffULL,
	.va_first = 0, .va_last = UINT64_MAX,
	.pa_limit = UINT64_MAX,
	.map_prot_refused = 1 << 4,		/* IOMMU_MMIO, without F_MMIO */
	.hole_first = { 0x8000000 }, .hole_last = { 0x80fffff }, .nr_holes = 1,
};

static const struct model_rules virtio_4k = {
	.family = MODEL_VIRTIO,
	.pgsize_bitmap = 4 * K,
	.va_first = 0, .va_last = (1ULL << 48) - 1,
	.pa_limit = UINT64_MAX,
};

/* One mapping per iommu_pgsize() chunk; the PA need not be aligned. */
static void test_virtio_map_chunks(void)
{
	struct model m = { 0 };
	int r;

	new_model(&m, &virtio_4k);
	/* 4K pages only: one chunk, one mapping of 3 x 4K. */
	CHECK(model_map(&m, 16 * K, 4 * K, 12 * K, RW, &r, true) == MODEL_EXACT);
	CHECK(!r && m.nr == 1 && m.leaves[0].size == 12 * K);
	CHECK(m.leaves[0].phys == 4 * K);
	new_model(&m, &virtio_all);
	/* Every size: 4K, 8K, 16K up to the 32K boundary, then 32K. */
	CHECK(model_map(&m, 4 * K, 4 * K, 60 * K, RW, &r, true) == MODEL_EXACT);
	CHECK(m.nr == 4 && m.leaves[3].iova == 32 * K && m.leaves[3].size == 32 * K);
	/* iova and pa differ in bit 12: one chunk of 4K pages. */
	CHECK(model_map(&m, G, G + 4 * K, 3 * M, RW, &r, true) == MODEL_EXACT);
	CHECK(m.nr == 5 && m.leaves[4].size == 3 * M);
	/* Over a live mapping, into a reserved region, refused prot. */
	CHECK(model_map(&m, G + M, 0, 4 * K, RW, &r, false) == MODEL_UNKNOWN);
	CHECK(model_map(&m, 0x8000000 - 4 * K, 0, 8 * K, RW, &r, false) ==
	      MODEL_UNKNOWN);
	CHECK(model_map(&m, 2 * G, 0, 4 * K, RW | (1 << 4), &r, false) ==
	      MODEL_EXACT && r == -EINVAL);
	model_free(&m);
}

/* The largest naturally aligned power-of-two block of the mapping. */
static void test_virtio_length(void)
{
	struct model m = { 0 };
	const struct pt_leaf *l;
	int r;

	new_model(&m, &virtio_4k);
	model_map(&m, 4 * K, 0, 28 * K, RW, &r, true);	/* [4K, 32K) */
	l = &m.leaves[0];
	CHECK(model_length(&m, l, 4 * K) == 4 * K);
	CHECK(model_length(&m, l, 9 * K) == 8 * K);	/* [8K, 16K) */
	CHECK(model_length(&m, l, 31 * K) == 16 * K);	/* [16K, 32K) */
	model_map(&m, 64 * K, 0, 192 * K, RW, &r, true);	/* [64K, 256K) */
	l = model_lookup(&m, 64 * K);
	CHECK(model_length(&m, l, 64 * K) == 64 * K);
	CHECK(model_length(&m, l, 128 * K) == 128 * K);
	model_free(&m);
}

/* Whole mappings: more than asked, nothing inside one, holes unknown. */
static void test_virtio_unmap(void)
{
	struct model m = { 0 };
	uint64_t ret;
	int r;

	new_model(&m, &virtio_4k);
	model_map(&m, 0, 0, 16 * K, RW, &r, true);
	CHECK(model_unmap(&m, 4 * K, 4 * K, &ret, false) == MODEL_EXACT && !ret);
	CHECK(model_unmap(&m, 0, 4 * K, &ret, true) == MODEL_EXACT);
	CHECK(ret == 16 * K && m.nr == 0);
	model_map(&m, 0, 0, 4 * K, RW, &r, true);
	model_map(&m, 4 * K, 0, 8 * K, RW, &r, true);
	CHECK(model_unmap(&m, 0, 8 * K, &ret, true) == MODEL_EXACT);
	CHECK(ret == 12 * K && m.nr == 0);
	/* Nothing there: 0. */
	CHECK(model_unmap(&m, 0, 8 * K, &ret, true) == MODEL_EXACT && !ret);
	model_map(&m, 0, 0, 4 * K, RW, &r, true);
	model_map(&m, 8 * K, 0, 4 * K, RW, &r, true);
	CHECK(model_unmap(&m, 0, 12 * K, &ret, false) == MODEL_UNKNOWN);
	CHECK(model_unmap(&m, 0, 8 * K, &ret, false) == MODEL_UNKNOWN);
	CHECK(model_unmap(&m, 0, 4 * K, &ret, true) == MODEL_EXACT && ret == 4 * K);
	model_free(&m);
}

static void test_lookup_and_covers(void)
{
	struct model m = { 0 };
	const struct pt_leaf *l;
	int r;

	new_model(&m, &lpae_4k);
	model_map(&m, 2 * M, 6 * M, 2 * M, RW, &r, true);
	model_map(&m, 4 * M, 0, 4 * K, RW, &r, true);
	l = model_lookup(&m, 3 * M + 5);
	CHECK(l && l->iova == 2 * M && l->phys == 6 * M && l->size == 2 * M);
	CHECK(!model_lookup(&m, 4 * M + 4 * K));
	CHECK(model_covers(&m, 2 * M + 4 * K, 4 * M + 4 * K - 1));
	CHECK(!model_covers(&m, 2 * M, 4 * M + 8 * K - 1));
	CHECK(!model_covers(&m, 0, 2 * M));
	model_free(&m);
}

static void test_widen_and_adopt(void)
{
	struct model m = { 0 };
	struct pt_leaf a = { .iova = 2 * M, .size = 4 * K, .phys = 0, .prot = RW };
	uint64_t lo = 3 * M, hi = 3 * M;
	int r;

	new_model(&m, &lpae_4k);
	model_map(&m, 2 * M, 2 * M, 2 * M, RW, &r, true);
	model_widen(&m, &lo, &hi);
	CHECK(lo == 2 * M && hi == 4 * M - 1);
	model_adopt(&m, lo, hi, &a, 1);
	CHECK(m.nr == 1 && m.leaves[0].size == 4 * K);
	model_free(&m);
}

static void test_dirty(void)
{
	struct model_rules r = lpae_4k;
	struct model m = { 0 };
	struct pt_leaf out[4];
	int ret;

	r.tracks_dirty = r.dirty_on_map = true;
	new_model(&m, &r);
	model_map(&m, 0, 0, 2 * M, RW, &ret, true);
	model_map(&m, 2 * M, 2 * M, 4 * K, MODEL_PROT_READ, &ret, true);
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
	{ "plan_greedy", test_plan_greedy },
	{ "plan_budget", test_plan_budget },
	{ "plan_bitmap_without_page_size", test_plan_bitmap_without_page_size },
	{ "map_contract", test_map_contract },
	{ "map_dry_run", test_map_dry_run },
	{ "unmap_exact", test_unmap_exact },
	{ "unmap_stops_at_cut", test_unmap_stops_at_cut },
	{ "unmap_hole_is_unknown", test_unmap_hole_is_unknown },
	{ "lookup_and_covers", test_lookup_and_covers },
	{ "widen_and_adopt", test_widen_and_adopt },
	{ "dirty", test_dirty },
	{ "virtio_map_chunks", test_virtio_map_chunks },
	{ "virtio_length", test_virtio_length },
	{ "virtio_unmap", test_virtio_unmap },
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
