// SPDX-License-Identifier: GPL-2.0
/*
 * bench-FAMILY - what iova_to_phys_length() saves VFIO and iommufd, measured
 * on the real page-table code.
 *
 *   bench-FAMILY [-r REPS] [-f PART-OF-A-FORMAT-NAME] [-o CSV]
 *
 * For every format of formats.c whose family's twins are linked in (see
 * the Makefile: one binary per family), every leaf size and every region size that
 * fits, a region is mapped so that the core picks exactly that leaf size,
 * either with physically contiguous leaves (VFIO merges them into one unmap)
 * or with each leaf's PA apart from its neighbours' (a run per leaf).  Then:
 *
 *   vfio     (a) vfio_unmap_unpin() of Linux 7.3 on the baseline twin, and
 *            (b) the loop of patches/0024 on the candidate twin;
 *   iommufd  (a) batch_from_domain() of Linux 7.3 on the baseline twin, and
 *            (b) the loop of patches/0025 on the candidate twin.
 *
 * Walks are calls into the domain's lookup op (twin stats); times are the
 * best of REPS runs.  The walk counts are exact, and checked:
 *
 *   vfio (a)     pages + runs - 1    a walk per page or per leaf, and the
 *   vfio (b)     leaves + runs - 1   lookup that ends a run is made again
 *                                    as the start of the next run
 *   iommufd (a)  pages
 *   iommufd (b)  leaves
 *
 * Exit status: 0 when every check passed, 1 when one failed, 2 on a usage or
 * set-up error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "runtime.h"

/* Page-table memory: below 4 GiB, where every format can point to it. */
#define TABLE_BASE	(1ULL << 30)
#define DEFAULT_REPS	5

enum pattern { CONTIGUOUS, SCATTERED, NR_PATTERNS };
static const char *const pattern_names[] = { "contiguous", "scattered" };

enum op { VFIO, IOMMUFD, NR_OPS };
static const char *const op_names[] = { "vfio_unmap", "iommufd_scan" };

struct bench_case {
	const struct bench_format *fmt;
	ptf_u64 leaf, region, iova, pa;
	enum pattern pattern;
	unsigned long pages, leaves, runs;
};

struct case_result {
	struct bench_case c;
	/* [op][0] is loop (a), [op][1] loop (b) */
	struct loop_result r[NR_OPS][2];
	bool ok[NR_OPS];
};

static struct case_result *results;
static size_t nr_results, cap_results;
static unsigned int reps = DEFAULT_REPS;

/* Checks ------------------------------------------------------------------ */

enum check {
	CHECK_LEAVES, CHECK_VFIO_B, CHECK_SCAN_B, CHECK_VFIO_A, CHECK_SCAN_A,
	CHECK_VFIO_SAME, CHECK_SCAN_SAME, CHECK_KERNEL, NR_CHECKS,
};

static const char *const check_names[] = {
	[CHECK_LEAVES]	  = "leaf sizes: iova_to_phys_length() finds the intended leaf, and iova_to_phys() its PA, at every leaf",
	[CHECK_VFIO_B]	  = "vfio (b): walks == leaves + runs - 1: == leaves with contiguous PAs (1 run), == 2 * leaves - 1 with scattered PAs (a run per leaf)",
	[CHECK_SCAN_B]	  = "iommufd (b): walks == leaves, with either PA pattern",
	[CHECK_VFIO_A]	  = "vfio (a): walks == pages + runs - 1",
	[CHECK_SCAN_A]	  = "iommufd (a): walks == pages",
	[CHECK_VFIO_SAME] = "vfio: (a) and (b) make one iommu_unmap_fast() per run and empty the region",
	[CHECK_SCAN_SAME] = "iommufd: (a) and (b) read back the same pfn batch, an entry per run",
	[CHECK_KERNEL]	  = "kernel: no WARN, and nothing left allocated when a domain is freed",
};

static unsigned long checks_run[NR_CHECKS], checks_failed[NR_CHECKS];

static unsigned long failures(void)
{
	unsigned long n = 0;

	for (int i = 0; i < NR_CHECKS; i++)
		n += checks_failed[i];
	return n;
}

static const char *size_name(ptf_u64 size)
{
	static char buf[4][16];
	static unsigned int next;
	char *s = buf[next++ % 4];

	if (size >= SZ_1G && !(size % SZ_1G))
		snprintf(s, 16, "%luG", size / SZ_1G);
	else if (size >= SZ_1M && !(size % SZ_1M))
		snprintf(s, 16, "%luM", size / SZ_1M);
	else
		snprintf(s, 16, "%luK", size / 1024);
	return s;
}

__attribute__((format(printf, 4, 5)))
static void check(enum check which, bool ok, const struct bench_case *c,
		  const char *fmt, ...)
{
	va_list ap;

	checks_run[which]++;
	if (ok)
		return;
	checks_failed[which]++;
	printf("FAIL  %s leaf %s region %s %s: ", c->fmt->name,
	       size_name(c->leaf), size_name(c->region),
	       pattern_names[c->pattern]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Domains -------------------------------------------------------------------- */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const struct ptf_twin_ops *twin_ops(const struct bench_format *f,
					   int twin)
{
	return twin == PTF_TWIN_BASE ? f->family->base : f->family->cand;
}

/*
 * A domain of @twin, and what the kernel made of the config in @info if
 * not NULL.  The runtime serves that twin until told otherwise.
 */
static void *domain_create(const struct bench_format *f, int twin,
			   struct ptf_pt_info *info)
{
	struct ptf_pt_info ignored;
	void *dom;

	ptf_rt_set_twin(twin);
	dom = twin_ops(f, twin)->create(&f->cfg, info ? info : &ignored);
	if (!dom) {
		fprintf(stderr, "bench: %s: Linux %s refused the configuration\n",
			f->name, twin_ops(f, twin)->tree);
		exit(2);
	}
	return dom;
}

/* The PA of leaf @i: in IOVA order, or each leaf before the previous one. */
static ptf_u64 leaf_pa(const struct bench_case *c, unsigned long i)
{
	if (c->pattern == CONTIGUOUS)
		return c->pa + i * c->leaf;
	return c->pa + (c->leaves - 1 - i) * c->leaf;
}

static void map_region(const struct bench_case *c, int twin, void *dom)
{
	const struct ptf_twin_ops *o = twin_ops(c->fmt, twin);
	int prot = PTF_PROT_READ | PTF_PROT_WRITE;
	int ret = 0;

	if (c->pattern == CONTIGUOUS)
		ret = o->map(dom, c->iova, c->pa, c->region, prot, 0);
	for (unsigned long i = 0; c->pattern == SCATTERED && i < c->leaves &&
	     !ret; i++)
		ret = o->map(dom, c->iova + i * c->leaf, leaf_pa(c, i), c->leaf,
			     prot, 0);
	if (ret) {
		fprintf(stderr, "bench: %s: iommu_map() of %s failed: %d\n",
			c->fmt->name, size_name(c->region), ret);
		exit(2);
	}
}

/* The leaves are what the case intends, on both twins. */
static void check_leaves(const struct bench_case *c, void *base, void *cand)
{
	const struct ptf_twin_ops *ob = twin_ops(c->fmt, PTF_TWIN_BASE);
	const struct ptf_twin_ops *oc = twin_ops(c->fmt, PTF_TWIN_CAND);
	ptf_u64 iova = c->iova, len = 0, phys = 0, legacy = 0;
	unsigned long i;

	for (i = 0; i < c->leaves; i++, iova += c->leaf) {
		ptf_rt_set_twin(PTF_TWIN_CAND);
		phys = oc->iova_to_phys_length(cand, iova, &len);
		ptf_rt_set_twin(PTF_TWIN_BASE);
		legacy = ob->iova_to_phys(base, iova);
		if (phys != leaf_pa(c, i) || len != c->leaf || legacy != phys)
			break;
	}
	check(CHECK_LEAVES, i == c->leaves, c,
	      "IOVA 0x%lx: PA 0x%lx length 0x%lx (baseline 0x%lx), expected 0x%lx length 0x%lx",
	      iova, phys, len, legacy, i < c->leaves ? leaf_pa(c, i) : 0,
	      c->leaf);
}

/* Both twins' domains are freed: check what the kernel left, start afresh. */
static void end_round(const struct bench_case *c)
{
	for (int twin = 0; twin < PTF_NR_TWINS; twin++) {
		const struct rt_warn *warn;
		size_t warns = rt_warns(twin, &warn);
		struct rt_usage usage;

		rt_usage(twin, &usage);
		check(CHECK_KERNEL, !warns && !usage.table_allocs &&
		      !usage.heap_allocs, c,
		      "Linux %s: %zu WARNs (first at %s:%d), %lu tables and %lu objects left",
		      twin_ops(c->fmt, twin)->tree, warns, warns ? warn->file : "-",
		      warns ? warn->line : 0, usage.table_allocs,
		      usage.heap_allocs);
	}
	rt_reset();
}

static void keep_best(struct loop_result *best, const struct loop_result *r)
{
	uint64_t ns = best->ns && best->ns < r->ns ? best->ns : r->ns;

	*best = *r;
	best->ns = ns;
}

/* VFIO ------------------------------------------------------------------------ */

typedef void (*unmap_loop)(const struct ptf_twin_ops *o, void *dom,
			   ptf_u64 iova, ptf_u64 size, struct loop_result *res);

/* Map the region on a new domain of @twin and time @loop tearing it down. */
static void time_unmap(const struct bench_case *c, int twin, unmap_loop loop,
		       struct loop_result *best)
{
	const struct ptf_twin_ops *o = twin_ops(c->fmt, twin);
	void *dom = domain_create(c->fmt, twin, NULL);
	ptf_u64 last = c->iova + c->region - CPU_PAGE;
	struct loop_result r = { 0 };
	struct ptf_twin_stats st0, st1;
	uint64_t t0;
	bool empty;

	map_region(c, twin, dom);
	o->stats(dom, &st0);
	t0 = now_ns();
	loop(o, dom, c->iova, c->region, &r);
	r.ns = now_ns() - t0;
	o->stats(dom, &st1);
	r.walks = st1.walks - st0.walks;
	r.unmap_pages = st1.unmap_calls - st0.unmap_calls;
	empty = !o->iova_to_phys(dom, c->iova) && !o->iova_to_phys(dom, last);
	check(CHECK_VFIO_SAME, r.unmaps == c->runs && r.bytes == c->region &&
	      empty, c,
	      "Linux %s: %lu unmaps of 0x%lx bytes in all, expected %lu of 0x%lx; the region %s",
	      o->tree, r.unmaps, r.bytes, c->runs, c->region,
	      empty ? "is empty" : "still maps");
	o->destroy(dom);
	keep_best(best, &r);
}

static void bench_vfio(struct case_result *cr)
{
	const struct bench_case *c = &cr->c;
	struct loop_result *a = &cr->r[VFIO][0], *b = &cr->r[VFIO][1];

	for (unsigned int rep = 0; rep < reps; rep++) {
		time_unmap(c, PTF_TWIN_BASE, vfio_unmap_legacy, a);
		time_unmap(c, PTF_TWIN_CAND, vfio_unmap_length, b);
		end_round(c);
	}
	check(CHECK_VFIO_A, a->walks == c->pages + c->runs - 1, c,
	      "vfio (a): %lu walks, expected pages + runs - 1 = %lu",
	      a->walks, c->pages + c->runs - 1);
	check(CHECK_VFIO_B, b->walks == c->leaves + c->runs - 1, c,
	      "vfio (b): %lu walks, expected leaves + runs - 1 = %lu",
	      b->walks, c->leaves + c->runs - 1);
}

/* iommufd ---------------------------------------------------------------------- */

typedef void (*scan_loop)(const struct ptf_twin_ops *o, void *dom,
			  ptf_u64 iova, ptf_u64 size, struct pfn_batch *batch);

static void time_scan(const struct bench_case *c, int twin, void *dom,
		      scan_loop loop, struct pfn_batch *batch,
		      struct loop_result *best)
{
	const struct ptf_twin_ops *o = twin_ops(c->fmt, twin);
	struct loop_result r = { 0 };
	struct ptf_twin_stats st0, st1;
	uint64_t t0;

	ptf_rt_set_twin(twin);
	batch->end = 0;
	batch->total_pfns = 0;
	o->stats(dom, &st0);
	t0 = now_ns();
	loop(o, dom, c->iova, c->region, batch);
	r.ns = now_ns() - t0;
	o->stats(dom, &st1);
	r.walks = st1.walks - st0.walks;
	keep_best(best, &r);
}

/*
 * The batch holds the whole region.  iommufd's holds 64 KiB of entries and
 * is refilled; each refill looks the page it stopped at up again, in both
 * loops alike.
 */
static void batch_init(struct pfn_batch *batch, unsigned long pages)
{
	batch->pfns = calloc(pages, sizeof(*batch->pfns));
	batch->npfns = calloc(pages, sizeof(*batch->npfns));
	if (!batch->pfns || !batch->npfns) {
		perror("bench");
		exit(2);
	}
	batch->array_size = pages;
}

static bool same_batch(const struct pfn_batch *a, const struct pfn_batch *b)
{
	return a->end == b->end && a->total_pfns == b->total_pfns &&
	       !memcmp(a->pfns, b->pfns, a->end * sizeof(*a->pfns)) &&
	       !memcmp(a->npfns, b->npfns, a->end * sizeof(*a->npfns));
}

static void bench_iommufd(struct case_result *cr)
{
	const struct bench_case *c = &cr->c;
	struct loop_result *a = &cr->r[IOMMUFD][0], *b = &cr->r[IOMMUFD][1];
	struct pfn_batch old = { 0 }, new = { 0 };
	void *base = domain_create(c->fmt, PTF_TWIN_BASE, NULL);
	void *cand = domain_create(c->fmt, PTF_TWIN_CAND, NULL);

	ptf_rt_set_twin(PTF_TWIN_BASE);
	map_region(c, PTF_TWIN_BASE, base);
	ptf_rt_set_twin(PTF_TWIN_CAND);
	map_region(c, PTF_TWIN_CAND, cand);
	check_leaves(c, base, cand);
	batch_init(&old, c->pages);
	batch_init(&new, c->pages);
	for (unsigned int rep = 0; rep < reps; rep++) {
		time_scan(c, PTF_TWIN_BASE, base, iommufd_scan_legacy, &old, a);
		time_scan(c, PTF_TWIN_CAND, cand, iommufd_scan_length, &new, b);
	}
	check(CHECK_SCAN_SAME, same_batch(&old, &new) && old.end == c->runs &&
	      old.total_pfns == c->pages, c,
	      "batches of %u/%u entries and %lu/%lu pfns (a/b), expected %lu and %lu",
	      old.end, new.end, old.total_pfns, new.total_pfns, c->runs,
	      c->pages);
	free(old.pfns);
	free(old.npfns);
	free(new.pfns);
	free(new.npfns);
	ptf_rt_set_twin(PTF_TWIN_BASE);
	twin_ops(c->fmt, PTF_TWIN_BASE)->destroy(base);
	ptf_rt_set_twin(PTF_TWIN_CAND);
	twin_ops(c->fmt, PTF_TWIN_CAND)->destroy(cand);
	end_round(c);
	check(CHECK_SCAN_A, a->walks == c->pages, c,
	      "iommufd (a): %lu walks, expected pages = %lu", a->walks,
	      c->pages);
	check(CHECK_SCAN_B, b->walks == c->leaves, c,
	      "iommufd (b): %lu walks, expected leaves = %lu", b->walks,
	      c->leaves);
}

/* Cases ------------------------------------------------------------------------ */

static ptf_u64 largest_pgsize(ptf_u64 bitmap)
{
	return 1UL << (63 - __builtin_clzl(bitmap));
}

static bool below(ptf_u64 end, unsigned int bits)
{
	return bits >= 64 || end <= 1UL << bits;
}

/*
 * IOVA and PA are aligned to the largest page size, and the PA is then
 * moved by one leaf: the core cannot use a larger page, and the leaf fits.
 * False if the region does not fit the domain's IAS or OAS.
 */
static bool case_init(struct bench_case *c, const struct bench_format *f,
		      const struct ptf_pt_info *info, ptf_u64 leaf,
		      ptf_u64 region, enum pattern pattern)
{
	ptf_u64 align = largest_pgsize(info->pgsize_bitmap);

	if (align < region)
		align = region;
	*c = (struct bench_case){
		.fmt = f, .leaf = leaf, .region = region, .pattern = pattern,
		.iova = align, .pa = 2 * align + leaf,
		.pages = region / CPU_PAGE, .leaves = region / leaf,
	};
	c->runs = pattern == CONTIGUOUS ? 1 : c->leaves;
	return below(c->iova + region, info->ias) &&
	       below(c->pa + region, info->oas);
}

static struct case_result *new_result(void)
{
	if (nr_results == cap_results) {
		cap_results = cap_results ? 2 * cap_results : 64;
		results = realloc(results, cap_results * sizeof(*results));
		if (!results) {
			perror("bench");
			exit(2);
		}
	}
	memset(&results[nr_results], 0, sizeof(*results));
	return &results[nr_results++];
}

static void run_case(const struct bench_case *c)
{
	struct case_result *cr = new_result();
	unsigned long failed = failures();

	cr->c = *c;
	bench_iommufd(cr);
	cr->ok[IOMMUFD] = failures() == failed;
	failed = failures();
	bench_vfio(cr);
	cr->ok[VFIO] = failures() == failed;
}

static void run_leaf(const struct bench_format *f,
		     const struct ptf_pt_info *info, ptf_u64 leaf)
{
	struct bench_case c;

	if ((leaf & info->pgsize_bitmap) != leaf) {
		printf("note  %s: no %s leaf (page sizes 0x%lx)\n", f->name,
		       size_name(leaf), info->pgsize_bitmap);
		return;
	}
	fprintf(stderr, "bench: %s leaf %s\n", f->name, size_name(leaf));
	for (int p = 0; p < NR_PATTERNS; p++)
		for (int i = 0; i < BENCH_MAX_SIZES && f->regions[i]; i++)
			if (f->regions[i] >= leaf &&
			    case_init(&c, f, info, leaf, f->regions[i], p))
				run_case(&c);
}

static void run_format(const struct bench_format *f)
{
	struct ptf_pt_info info;
	struct bench_case probe = { .fmt = f };
	void *dom = domain_create(f, PTF_TWIN_CAND, &info);

	twin_ops(f, PTF_TWIN_CAND)->destroy(dom);
	end_round(&probe);
	for (int i = 0; i < BENCH_MAX_SIZES && f->regions[i]; i++)
		if (!case_init(&probe, f, &info, CPU_PAGE, f->regions[i],
			       CONTIGUOUS))
			printf("note  %s: no %s region: it does not fit IAS %u / OAS %u\n",
			       f->name, size_name(f->regions[i]), info.ias,
			       info.oas);
	for (int i = 0; i < BENCH_MAX_SIZES && f->leaves[i]; i++)
		run_leaf(f, &info, f->leaves[i]);
}

/* Output ----------------------------------------------------------------------- */

static double ratio(double a, double b)
{
	return b ? a / b : 0;
}

static void print_table(enum op op)
{
	bool vfio = op == VFIO;

	printf("\n%s\n", vfio ?
	       "VFIO unmap: (a) iova_to_phys() every 4K, (b) iova_to_phys_length() per IOPTE; both merge contiguous PAs into one iommu_unmap_fast()" :
	       "iommufd scan (batch_from_domain): (a) iova_to_phys() every 4K, a pfn at a time, (b) iova_to_phys_length() per IOPTE, its run of pfns");
	printf("%-19s %4s %6s %-10s %7s %7s | %8s %8s %8s | %7s %7s | %10s %10s %7s | %s\n",
	       "format", "leaf", "region", "PAs", "leaves", "runs", "walks a",
	       "walks b", "a/b", vfio ? "unmap a" : "", vfio ? "unmap b" : "",
	       "time a us", "time b us", "a/b", "check");
	for (size_t i = 0; i < nr_results; i++) {
		const struct case_result *cr = &results[i];
		const struct bench_case *c = &cr->c;
		const struct loop_result *a = &cr->r[op][0], *b = &cr->r[op][1];

		printf("%-19s %4s %6s %-10s %7lu %7lu | %8lu %8lu %8.1f | ",
		       c->fmt->name, size_name(c->leaf), size_name(c->region),
		       pattern_names[c->pattern], c->leaves, c->runs, a->walks,
		       b->walks, ratio(a->walks, b->walks));
		if (vfio)
			printf("%7lu %7lu | ", a->unmaps, b->unmaps);
		else
			printf("%7s %7s | ", "", "");
		printf("%10.1f %10.1f %7.2f | %s\n", a->ns / 1e3, b->ns / 1e3,
		       ratio(a->ns, b->ns), cr->ok[op] ? "ok" : "FAIL");
	}
}

static void write_csv(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	fprintf(f, "op,family,format,leaf,region,pattern,pages,leaves,runs,walks_a,walks_b,walk_ratio,unmaps_a,unmaps_b,unmap_pages_a,unmap_pages_b,ns_a,ns_b,time_ratio,check\n");
	for (int op = 0; op < NR_OPS; op++)
		for (size_t i = 0; i < nr_results; i++) {
			const struct case_result *cr = &results[i];
			const struct bench_case *c = &cr->c;
			const struct loop_result *a = &cr->r[op][0];
			const struct loop_result *b = &cr->r[op][1];

			fprintf(f, "%s,%s,%s,%lu,%lu,%s,%lu,%lu,%lu,%lu,%lu,%.3f,%lu,%lu,%lu,%lu,%lu,%lu,%.3f,%s\n",
				op_names[op], c->fmt->family->name,
				c->fmt->name, c->leaf, c->region,
				pattern_names[c->pattern], c->pages, c->leaves,
				c->runs, a->walks, b->walks,
				ratio(a->walks, b->walks), a->unmaps,
				b->unmaps, a->unmap_pages, b->unmap_pages,
				a->ns, b->ns, ratio(a->ns, b->ns),
				cr->ok[op] ? "ok" : "FAIL");
		}
	fclose(f);
}

static void print_checks(void)
{
	printf("\n");
	for (int i = 0; i < NR_CHECKS; i++)
		printf("%s  %s (%lu checks, %lu failed)\n",
		       checks_failed[i] ? "FAIL" : "PASS", check_names[i],
		       checks_run[i], checks_failed[i]);
}

static int usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [-r REPS] [-f PART-OF-A-FORMAT-NAME] [-o CSV]\n",
		argv0);
	return 2;
}

int main(int argc, char **argv)
{
	const char *csv = NULL, *only = NULL;
	int opt;

	while ((opt = getopt(argc, argv, "r:f:o:")) != -1) {
		switch (opt) {
		case 'r':
			reps = (unsigned int)atoi(optarg);
			break;
		case 'f':
			only = optarg;
			break;
		case 'o':
			csv = optarg;
			break;
		default:
			return usage(argv[0]);
		}
	}
	if (optind != argc || !reps)
		return usage(argv[0]);
	rt_init();
	for (int twin = 0; twin < PTF_NR_TWINS; twin++)
		rt_set_phys_base(twin, TABLE_BASE);
	printf("walks: calls into the domain's lookup op; time: best of %u runs; PAGE_SIZE 4K\n",
	       reps);
	for (unsigned int i = 0; i < bench_nr_formats; i++) {
		const struct bench_format *f = &bench_formats[i];

		if (!f->family->base || !f->family->cand ||
		    (only && !strstr(f->name, only)))
			continue;
		if (!f->family->cand->has_length) {
			fprintf(stderr, "bench: %s: Linux %s has no iova_to_phys_length()\n",
				f->name, f->family->cand->tree);
			return 2;
		}
		printf("%s: (a) on Linux %s, (b) on Linux %s\n", f->name,
		       f->family->base->tree, f->family->cand->tree);
		run_format(f);
	}
	if (csv)
		write_csv(csv);
	if (!nr_results) {
		printf("no format of formats.c to measure in this binary\n");
		return 0;
	}
	print_table(VFIO);
	print_table(IOMMUFD);
	print_checks();
	return failures() ? 1 : 0;
}
