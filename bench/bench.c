// SPDX-License-Identifier: GPL-2.0
/*
 * bench-callers - what iommu_iova_to_phys_length() saves VFIO and iommufd,
 * measured on their own code: the ioctls of both trees, over the real page
 * tables, the fake processes' memory and IOMMU groups of the caller twins.
 *
 *   bench-callers [-r REPS] [-f PART-OF-A-FORMAT-NAME] [-c CALL] [-o CSV]
 *
 * For every format of formats.c, every leaf size and every region size that
 * fits, a process maps a region of its memory whose pages are laid out so
 * that the IOMMU core picks exactly that leaf size: either physically
 * contiguous (one run, which VFIO unmaps with one iommu_unmap_fast()) or
 * with each leaf's PA apart from its neighbours' (a run per leaf).  Then,
 * (a) on the baseline twin (Linux 7.3) and (b) on the candidate twin (the
 * series), it times one call:
 *
 *   vfio_unmap     VFIO_IOMMU_UNMAP_DMA of the region: vfio_unmap_unpin()
 *                  (patches/0024) walks the domain for its runs, unmaps and
 *                  unpins them;
 *   iommufd_unmap  IOMMU_IOAS_UNMAP of the region with one domain:
 *                  __iopt_area_unfill_domain() reads the pfns back with
 *                  batch_from_domain() (patches/0025) to unpin them;
 *   iommufd_fill   the attach of a second device's domain to the IOAS:
 *                  iopt_fill_domain() reads the pfns from the first domain
 *                  with batch_from_domain() and maps them in the second.
 *
 * Linked with the twin of patches/followups/ as the candidate
 * (bench-callers-fup), it measures (c) instead of (b); -c names the one
 * call to measure.
 *
 * Walks are calls into the lookup op of the domain read (twin stats); times
 * are the best of REPS calls, each on a fresh set-up.  The walk counts are
 * exact, and checked:
 *
 *   vfio (a)     pages + runs - 1    a walk per page or per leaf, and the
 *   vfio (b)     leaves + runs - 1   lookup that ends a run is made again
 *                                    as the start of the next run
 *   vfio (c)     leaves              the follow-up starts the next run from
 *                                    the lookup that ended the last
 *   iommufd (a)  pages + R           R: the lookups made again where a full
 *   iommufd (b)  leaves + R          pfn batch is refilled, the same number
 *                                    in (a) and (b)
 *
 * and so is everything the ioctls tell and leave: return codes and lengths,
 * the leaves of every domain, empty tables, every pin released, no WARN, no
 * lock held, nothing left allocated.
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
#include "../fuzzers/targets/uapi.h"	/* the ioctls' structs */

/* Page-table memory: below 4 GiB, where every format can point to it. */
#define TABLE_BASE	(1ULL << 30)
#define DEFAULT_REPS	5

/* The process's memory: a page for the uAPI structs, and the region. */
#define SCRATCH_UVA	0x10000000UL
#define SCRATCH_PFN	(PTF_USER_RAM_PFN + PTF_USER_RAM_PAGES - 16)
#define REGION_UVA	0x1000000000UL
#define RAM_PA		(PTF_USER_RAM_PFN * CPU_PAGE)

enum pattern { CONTIGUOUS, SCATTERED, NR_PATTERNS };
static const char *const pattern_names[] = { "contiguous", "scattered" };

enum op { VFIO_UNMAP, IOMMUFD_UNMAP, IOMMUFD_FILL, NR_OPS };
static const char *const op_names[] = {
	"vfio_unmap", "iommufd_unmap", "iommufd_fill",
};

struct bench_case {
	const struct bench_format *fmt;
	ptf_u64 leaf, region, iova, pa;
	enum pattern pattern;
	unsigned long pages, leaves, runs;
};

/* What one call did: counted by the twin's stats, timed here. */
struct call_result {
	unsigned long walks;		/* calls into the lookup op */
	unsigned long unmap_pages;	/* calls into unmap_pages */
	unsigned long map_pages;	/* calls into map_pages (fill) */
	uint64_t ns;			/* wall time */
};

struct case_result {
	struct bench_case c;
	/* [op][0] is (a), the baseline, [op][1] (b), the candidate */
	struct call_result r[NR_OPS][2];
	bool ok[NR_OPS];
};

static struct case_result *results;
static size_t nr_results, cap_results;
static unsigned int reps = DEFAULT_REPS;
/* The calls measured (-c): all, or one. */
static int first_op, last_op = NR_OPS - 1;

/* Checks ------------------------------------------------------------------ */

enum check {
	CHECK_LEAVES, CHECK_UAPI, CHECK_VFIO_A, CHECK_VFIO_B, CHECK_VFIO_C,
	CHECK_IOMMUFD, CHECK_SAME, CHECK_KERNEL, NR_CHECKS,
};

static const char *const check_names[] = {
	[CHECK_LEAVES]	= "leaf sizes: every domain maps the region with the intended leaves (iommu_iova_to_phys_length() on the candidate, iommu_iova_to_phys() on the baseline, at every leaf)",
	[CHECK_UAPI]	= "uAPI: every ioctl and attach succeeds, an unmap reports the region's size, and leaves the domain empty",
	[CHECK_VFIO_A]	= "vfio (a): walks == pages + runs - 1",
	[CHECK_VFIO_B]	= "vfio (b): walks == leaves + runs - 1: == leaves with contiguous PAs (1 run), == 2 * leaves - 1 with scattered PAs (a run per leaf)",
	[CHECK_VFIO_C]	= "vfio (c), patches/followups/: walks == leaves, contiguous or scattered",
	[CHECK_IOMMUFD]	= "iommufd (a) and (b): walks == pages + R and leaves + R, with the same R",
	[CHECK_SAME]	= "(a) and the candidate make the same calls into map_pages and unmap_pages",
	[CHECK_KERNEL]	= "kernel: no WARN, no lock held, every pin released, nothing left allocated",
};

static unsigned long checks_run[NR_CHECKS], checks_failed[NR_CHECKS];

/* The candidate's column: (b) the series, or (c) with its follow-ups. */
static char cand_column(void)
{
	return bench_callers[PTF_TWIN_CAND]->vfio_keeps_probe ? 'c' : 'b';
}

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

__attribute__((format(printf, 5, 6)))
static bool check(enum check which, bool ok, const struct bench_case *c,
		  enum op op, const char *fmt, ...)
{
	va_list ap;

	checks_run[which]++;
	if (ok)
		return true;
	checks_failed[which]++;
	printf("FAIL  %s %s leaf %s region %s %s: ", op_names[op], c->fmt->name,
	       size_name(c->leaf), size_name(c->region),
	       pattern_names[c->pattern]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return false;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void setup_error(const struct bench_case *c, int tw, const char *what,
			long err)
{
	fprintf(stderr, "bench: %s leaf %s region %s %s, Linux %s: %s: %ld\n",
		c->fmt->name, size_name(c->leaf), size_name(c->region),
		pattern_names[c->pattern], bench_callers[tw]->tree, what, err);
	exit(2);
}

/* A twin's world ----------------------------------------------------------------- */

/* The PA of leaf @i: in IOVA order, a leaf apart from the next if scattered. */
static ptf_u64 leaf_pa(const struct bench_case *c, unsigned long i)
{
	return c->pa + i * c->leaf * (c->pattern == CONTIGUOUS ? 1 : 2);
}

/*
 * Twin @tw afresh: one process, unlimited (CAP_IPC_LOCK), with the scratch
 * page and the region's memory; groups 0 and 1 behind IOMMUs of the format.
 */
static void world_begin(const struct bench_case *c, int tw)
{
	const struct ptf_caller_ops *o = bench_callers[tw];
	struct ptf_user_proc proc = { .memlock = ~0ULL, .ipc_lock = 1 };
	struct ptf_user_vma scratch = {
		SCRATCH_UVA, CPU_PAGE, SCRATCH_PFN, 1, 1,
		PTF_VMA_READ | PTF_VMA_WRITE,
	};
	ptf_u64 run = c->leaf / CPU_PAGE;
	struct ptf_user_vma region = {
		REGION_UVA, c->region, c->pa / CPU_PAGE,
		c->pattern == CONTIGUOUS ? c->pages : run,
		c->pattern == CONTIGUOUS ? c->pages : 2 * run,
		PTF_VMA_READ | PTF_VMA_WRITE,
	};
	struct ptf_group_config gc = {
		.family = bench_families[tw][c->fmt->family],
		.pt = c->fmt->cfg,
		.isolated_msi = 1,
	};
	int err;

	ptf_rt_set_twin(tw);
	o->reset();
	o->set_proc(0, &proc);
	o->switch_proc(0);
	err = o->mmap(0, &scratch);
	if (!err)
		err = o->mmap(0, &region);
	if (err)
		setup_error(c, tw, "mmap", err);
	o->group_config(0, &gc);
	o->group_config(1, &gc);
}

static void put_arg(int tw, const void *arg, size_t len)
{
	if (bench_callers[tw]->user_write(0, SCRATCH_UVA, arg, len))
		abort();
}

static void get_arg(int tw, void *arg, size_t len)
{
	if (bench_callers[tw]->user_read(0, SCRATCH_UVA, arg, len))
		abort();
}

static const struct ptf_twin_ops *family_ops(const struct bench_case *c,
					     int tw)
{
	return bench_families[tw][c->fmt->family];
}

/* The leaves are what the case intends. */
static void check_leaves(const struct bench_case *c, enum op op, int tw,
			 void *dom, const char *which)
{
	const struct ptf_twin_ops *fo = family_ops(c, tw);
	ptf_u64 iova = c->iova, len = c->leaf, phys = 0;
	unsigned long i;

	for (i = 0; i < c->leaves; i++, iova += c->leaf) {
		if (fo->has_length)
			phys = fo->iova_to_phys_length(dom, iova, &len);
		else
			phys = fo->iova_to_phys(dom, iova);
		if (phys != leaf_pa(c, i) || len != c->leaf)
			break;
	}
	check(CHECK_LEAVES, i == c->leaves, c, op,
	      "Linux %s, %s domain: IOVA 0x%lx: PA 0x%lx length 0x%lx, expected 0x%lx length 0x%lx",
	      fo->tree, which, iova, phys, len,
	      i < c->leaves ? leaf_pa(c, i) : 0, c->leaf);
}

static bool domain_empty(const struct bench_case *c, int tw, void *dom)
{
	const struct ptf_twin_ops *fo = family_ops(c, tw);
	ptf_u64 last = c->iova + c->region - CPU_PAGE;

	return !fo->iova_to_phys(dom, c->iova) && !fo->iova_to_phys(dom, last);
}

/* Twin @tw's world is torn down: check what the kernel left. */
static void world_end(const struct bench_case *c, enum op op, int tw)
{
	const struct ptf_caller_ops *o = bench_callers[tw];
	const struct rt_warn *warn;
	size_t warns = rt_warns(tw, &warn);
	const char *lock = NULL;
	unsigned int locks = rt_locks_held(tw, &lock);
	struct ptf_user_state st;
	struct rt_usage usage;

	o->state(0, &st);
	rt_usage(tw, &usage);
	check(CHECK_KERNEL, !warns && !locks && !st.total_pins &&
	      !st.locked_vm && !st.pinned_vm && !o->live_domains() &&
	      !usage.table_allocs && !usage.heap_allocs, c, op,
	      "Linux %s: %zu WARNs (first at %s:%d), %u locks held (%s), %ld pins, %lu+%lu pages accounted, %d domains, %lu tables and %lu objects left",
	      o->tree, warns, warns ? warn->file : "-", warns ? warn->line : 0,
	      locks, lock ? lock : "-", st.total_pins, st.locked_vm,
	      st.pinned_vm, o->live_domains(), usage.table_allocs,
	      usage.heap_allocs);
}

static void stats(const struct bench_case *c, int tw, void *dom,
		  struct ptf_twin_stats *st)
{
	family_ops(c, tw)->stats(dom, st);
}

static void count(struct call_result *r, const struct ptf_twin_stats *st0,
		  const struct ptf_twin_stats *st1)
{
	r->walks = st1->walks - st0->walks;
	r->map_pages = st1->map_calls - st0->map_calls;
	r->unmap_pages = st1->unmap_calls - st0->unmap_calls;
}

static void keep_best(struct call_result *best, const struct call_result *r,
		      unsigned int rep)
{
	uint64_t ns = rep && best->ns < r->ns ? best->ns : r->ns;

	*best = *r;
	best->ns = ns;
}

/* VFIO --------------------------------------------------------------------------- */

/* Map the region through VFIO and time its VFIO_IOMMU_UNMAP_DMA. */
static void vfio_once(const struct bench_case *c, int tw, unsigned int rep,
		      struct call_result *best)
{
	const struct ptf_caller_ops *o = bench_callers[tw];
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = REGION_UVA, .iova = c->iova, .size = c->region,
	};
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap), .iova = c->iova, .size = c->region,
	};
	struct ptf_twin_stats st0, st1;
	struct call_result r = { 0 };
	void *container, *dom;
	long err = 0;
	uint64_t t0;

	world_begin(c, tw);
	container = o->vfio_open(VFIO_TYPE1v2_IOMMU, &err);
	if (!container)
		setup_error(c, tw, "vfio_iommu_type1_open()", err);
	err = o->vfio_attach(container, 0, 0);
	if (err)
		setup_error(c, tw, "vfio_iommu_type1_attach_group()", err);
	dom = o->group_domain(0);
	put_arg(tw, &map, sizeof(map));
	err = o->vfio_ioctl(container, VFIO_IOMMU_MAP_DMA, SCRATCH_UVA);
	if (!check(CHECK_UAPI, !err, c, VFIO_UNMAP,
		   "Linux %s: VFIO_IOMMU_MAP_DMA: %ld", o->tree, err))
		goto out;
	if (!rep)
		check_leaves(c, VFIO_UNMAP, tw, dom, "the");
	put_arg(tw, &unmap, sizeof(unmap));
	stats(c, tw, dom, &st0);
	t0 = now_ns();
	err = o->vfio_ioctl(container, VFIO_IOMMU_UNMAP_DMA, SCRATCH_UVA);
	r.ns = now_ns() - t0;
	stats(c, tw, dom, &st1);
	count(&r, &st0, &st1);
	get_arg(tw, &unmap, sizeof(unmap));
	check(CHECK_UAPI, !err && unmap.size == c->region &&
	      domain_empty(c, tw, dom), c, VFIO_UNMAP,
	      "Linux %s: VFIO_IOMMU_UNMAP_DMA: %ld, size 0x%llx; the domain %s",
	      o->tree, err, (unsigned long long)unmap.size,
	      domain_empty(c, tw, dom) ? "is empty" : "still maps");
out:
	o->vfio_detach(container, 0);
	o->vfio_release(container);
	world_end(c, VFIO_UNMAP, tw);
	keep_best(best, &r, rep);
}

/* iommufd ------------------------------------------------------------------------ */

struct ictx {
	int fd;
	unsigned int ioas, hwpt[2];
	void *dom[2];
};

static long ioctl_arg(const struct bench_case *c, int tw, const struct ictx *x,
		      unsigned int cmd, void *arg, size_t len)
{
	long err;

	put_arg(tw, arg, len);
	err = bench_callers[tw]->iommufd_ioctl(x->fd, cmd, SCRATCH_UVA);
	get_arg(tw, arg, len);
	return err;
}

/* An IOAS, group 0's domain on it, and the region mapped. */
static bool iommufd_begin(const struct bench_case *c, enum op op, int tw,
			  struct ictx *x)
{
	const struct ptf_caller_ops *o = bench_callers[tw];
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	struct iommu_ioas_map map = {
		.size = sizeof(map),
		.flags = IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_READABLE |
			 IOMMU_IOAS_MAP_WRITEABLE,
		.user_va = REGION_UVA, .length = c->region, .iova = c->iova,
	};
	long err;

	world_begin(c, tw);
	*x = (struct ictx){ .fd = o->iommufd_open() };
	if (x->fd < 0)
		setup_error(c, tw, "open(/dev/iommu)", x->fd);
	err = ioctl_arg(c, tw, x, IOMMU_IOAS_ALLOC, &alloc, sizeof(alloc));
	if (err)
		setup_error(c, tw, "IOMMU_IOAS_ALLOC", err);
	x->ioas = alloc.out_ioas_id;
	err = o->iommufd_attach(x->fd, 0, x->ioas, 0, &x->hwpt[0]);
	if (err)
		setup_error(c, tw, "attach", err);
	x->dom[0] = o->group_domain(0);
	map.ioas_id = x->ioas;
	err = ioctl_arg(c, tw, x, IOMMU_IOAS_MAP, &map, sizeof(map));
	return check(CHECK_UAPI, !err, c, op, "Linux %s: IOMMU_IOAS_MAP: %ld",
		     o->tree, err);
}

static void iommufd_end(const struct bench_case *c, enum op op, int tw,
			struct ictx *x)
{
	const struct ptf_caller_ops *o = bench_callers[tw];

	for (int g = 1; g >= 0; g--)
		if (x->hwpt[g])
			o->iommufd_detach(x->fd, g, x->hwpt[g]);
	o->iommufd_close(x->fd);
	world_end(c, op, tw);
}

static long ioas_unmap(const struct bench_case *c, int tw, struct ictx *x,
		       ptf_u64 *length)
{
	struct iommu_ioas_unmap unmap = {
		.size = sizeof(unmap), .ioas_id = x->ioas, .iova = c->iova,
		.length = c->region,
	};
	long err = ioctl_arg(c, tw, x, IOMMU_IOAS_UNMAP, &unmap, sizeof(unmap));

	*length = unmap.length;
	return err;
}

/* Time the IOMMU_IOAS_UNMAP that unfills the IOAS's only domain. */
static void unmap_once(const struct bench_case *c, int tw, unsigned int rep,
		       struct call_result *best)
{
	struct ptf_twin_stats st0, st1;
	struct call_result r = { 0 };
	ptf_u64 length = 0;
	struct ictx x;
	uint64_t t0;
	long err;

	if (iommufd_begin(c, IOMMUFD_UNMAP, tw, &x)) {
		if (!rep)
			check_leaves(c, IOMMUFD_UNMAP, tw, x.dom[0], "the");
		stats(c, tw, x.dom[0], &st0);
		t0 = now_ns();
		err = ioas_unmap(c, tw, &x, &length);
		r.ns = now_ns() - t0;
		stats(c, tw, x.dom[0], &st1);
		count(&r, &st0, &st1);
		check(CHECK_UAPI, !err && length == c->region &&
		      domain_empty(c, tw, x.dom[0]), c, IOMMUFD_UNMAP,
		      "Linux %s: IOMMU_IOAS_UNMAP: %ld, length 0x%lx; the domain %s",
		      bench_callers[tw]->tree, err, length,
		      domain_empty(c, tw, x.dom[0]) ? "is empty" : "still maps");
	}
	iommufd_end(c, IOMMUFD_UNMAP, tw, &x);
	keep_best(best, &r, rep);
}

/*
 * Time the attach of group 1's domain to the IOAS: the walks are on the
 * first domain, which the fill reads; the maps into the second.
 */
static void fill_once(const struct bench_case *c, int tw, unsigned int rep,
		      struct call_result *best)
{
	const struct ptf_caller_ops *o = bench_callers[tw];
	struct ptf_twin_stats st0, st1, fill;
	struct call_result r = { 0 };
	ptf_u64 length = 0;
	struct ictx x;
	uint64_t t0;
	long err;

	if (!iommufd_begin(c, IOMMUFD_FILL, tw, &x))
		goto out;
	stats(c, tw, x.dom[0], &st0);
	t0 = now_ns();
	err = o->iommufd_attach(x.fd, 1, x.ioas, 0, &x.hwpt[1]);
	r.ns = now_ns() - t0;
	stats(c, tw, x.dom[0], &st1);
	count(&r, &st0, &st1);
	if (!check(CHECK_UAPI, !err, c, IOMMUFD_FILL,
		   "Linux %s: attach of a second domain: %ld", o->tree, err)) {
		x.hwpt[1] = 0;
		goto out;
	}
	x.dom[1] = o->group_domain(1);
	/* The second domain was new: all its map_pages calls are the fill's. */
	stats(c, tw, x.dom[1], &fill);
	r.map_pages = fill.map_calls;
	if (!rep)
		check_leaves(c, IOMMUFD_FILL, tw, x.dom[1], "the second");
	err = ioas_unmap(c, tw, &x, &length);
	check(CHECK_UAPI, !err && length == c->region &&
	      domain_empty(c, tw, x.dom[0]) && domain_empty(c, tw, x.dom[1]),
	      c, IOMMUFD_FILL,
	      "Linux %s: IOMMU_IOAS_UNMAP after the fill: %ld, length 0x%lx",
	      o->tree, err, length);
out:
	iommufd_end(c, IOMMUFD_FILL, tw, &x);
	keep_best(best, &r, rep);
}

/* Cases ------------------------------------------------------------------------ */

typedef void (*call_fn)(const struct bench_case *c, int tw, unsigned int rep,
			struct call_result *best);

static const call_fn calls[NR_OPS] = {
	[VFIO_UNMAP]	= vfio_once,
	[IOMMUFD_UNMAP]	= unmap_once,
	[IOMMUFD_FILL]	= fill_once,
};

static void check_walks(struct case_result *cr, enum op op)
{
	const struct bench_case *c = &cr->c;
	const struct call_result *a = &cr->r[op][0], *b = &cr->r[op][1];

	check(CHECK_SAME, a->map_pages == b->map_pages &&
	      a->unmap_pages == b->unmap_pages, c, op,
	      "map_pages %lu/%lu, unmap_pages %lu/%lu (a/%c)", a->map_pages,
	      b->map_pages, a->unmap_pages, b->unmap_pages, cand_column());
	if (op == VFIO_UNMAP) {
		check(CHECK_VFIO_A, a->walks == c->pages + c->runs - 1, c, op,
		      "(a): %lu walks, expected pages + runs - 1 = %lu",
		      a->walks, c->pages + c->runs - 1);
		if (cand_column() == 'c')
			check(CHECK_VFIO_C, b->walks == c->leaves, c, op,
			      "(c): %lu walks, expected leaves = %lu",
			      b->walks, c->leaves);
		else
			check(CHECK_VFIO_B, b->walks == c->leaves + c->runs - 1,
			      c, op, "(b): %lu walks, expected leaves + runs - 1 = %lu",
			      b->walks, c->leaves + c->runs - 1);
		return;
	}
	check(CHECK_IOMMUFD, a->walks >= c->pages && b->walks >= c->leaves &&
	      a->walks - c->pages == b->walks - c->leaves, c, op,
	      "%lu/%lu walks (a/%c) for %lu pages and %lu leaves", a->walks,
	      b->walks, cand_column(), c->pages, c->leaves);
}

static void run_case(const struct bench_case *c)
{
	struct case_result *cr;

	if (nr_results == cap_results) {
		cap_results = cap_results ? 2 * cap_results : 64;
		results = realloc(results, cap_results * sizeof(*results));
		if (!results) {
			perror("bench");
			exit(2);
		}
	}
	cr = &results[nr_results++];
	memset(cr, 0, sizeof(*cr));
	cr->c = *c;
	for (int op = first_op; op <= last_op; op++) {
		unsigned long failed = failures();

		for (unsigned int rep = 0; rep < reps; rep++)
			for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
				calls[op](c, tw, rep, &cr->r[op][tw]);
				rt_reset();
			}
		check_walks(cr, op);
		cr->ok[op] = failures() == failed;
	}
}

static ptf_u64 largest_pgsize(ptf_u64 bitmap)
{
	return 1UL << (63 - __builtin_clzl(bitmap));
}

static bool below(ptf_u64 end, unsigned int bits)
{
	return bits >= 64 || end <= 1UL << bits;
}

/*
 * The IOVA is aligned to the largest page size and the region; the PA is
 * one leaf above the start of RAM (4 GiB), so aligned to the leaf and no
 * more: the core cannot use a larger page, and the leaf fits.  False if
 * the region does not fit the domain's IAS or OAS.
 */
static bool case_init(struct bench_case *c, const struct bench_format *f,
		      const struct ptf_pt_info *info, ptf_u64 leaf,
		      ptf_u64 region, enum pattern pattern)
{
	ptf_u64 align = largest_pgsize(info->pgsize_bitmap);
	ptf_u64 span;

	if (align < region)
		align = region;
	*c = (struct bench_case){
		.fmt = f, .leaf = leaf, .region = region, .pattern = pattern,
		.iova = align, .pa = RAM_PA + leaf,
		.pages = region / CPU_PAGE, .leaves = region / leaf,
	};
	c->runs = pattern == CONTIGUOUS ? 1 : c->leaves;
	span = pattern == CONTIGUOUS ? region : 2 * region;
	return below(c->iova + region, info->ias) &&
	       below(c->pa + span, info->oas) &&
	       (c->pa + span) / CPU_PAGE <= SCRATCH_PFN;
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
	const struct ptf_twin_ops *fo = bench_families[PTF_TWIN_CAND][f->family];
	struct bench_case probe;
	struct ptf_pt_info info;
	void *dom;

	/* What the kernel makes of the configuration: its page sizes. */
	ptf_rt_set_twin(PTF_TWIN_CAND);
	dom = fo->create(&f->cfg, &info);
	if (!dom) {
		fprintf(stderr, "bench: %s: Linux %s refused the configuration\n",
			f->name, fo->tree);
		exit(2);
	}
	fo->destroy(dom);
	rt_reset();
	/*
	 * VFIO WARNs at and iommufd refuses an IOMMU whose smallest page is
	 * larger than PAGE_SIZE: such granules go with 16K and 64K kernels.
	 */
	if ((info.pgsize_bitmap & -info.pgsize_bitmap) > CPU_PAGE) {
		printf("note  %s: smallest page 0x%lx is above PAGE_SIZE (4K): not for VFIO or iommufd on this kernel\n",
		       f->name, info.pgsize_bitmap & -info.pgsize_bitmap);
		return;
	}
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

static const char *const op_titles[] = {
	[VFIO_UNMAP]	= "VFIO_IOMMU_UNMAP_DMA (vfio_unmap_unpin): (a) iommu_iova_to_phys() every 4K, (b) iommu_iova_to_phys_length() per IOPTE; both unmap a run at a time",
	[IOMMUFD_UNMAP]	= "IOMMU_IOAS_UNMAP, one domain (batch_from_domain to unpin): (a) a lookup and a pfn every 4K, (b) a lookup per IOPTE, its run of pfns",
	[IOMMUFD_FILL]	= "attach of a second domain (iopt_fill_domain, batch_from_domain from the first): (a) a lookup every 4K, (b) a lookup per IOPTE",
};

static void print_table(enum op op)
{
	char x = cand_column();
	char walks[16], ratio_x[8], time_x[16];

	snprintf(walks, sizeof(walks), "walks %c", x);
	snprintf(ratio_x, sizeof(ratio_x), "a/%c", x);
	snprintf(time_x, sizeof(time_x), "time %c us", x);
	printf("\n%s\n", op_titles[op]);
	if (x == 'c')
		printf("(c): (b) with patches/followups/, the lookup that ends a run starts the next\n");
	printf("%-19s %4s %6s %-10s %7s %7s | %8s %8s %8s | %10s %10s %7s | %s\n",
	       "format", "leaf", "region", "PAs", "leaves", "runs", "walks a",
	       walks, ratio_x, "time a us", time_x, ratio_x, "check");
	for (size_t i = 0; i < nr_results; i++) {
		const struct case_result *cr = &results[i];
		const struct bench_case *c = &cr->c;
		const struct call_result *a = &cr->r[op][0], *b = &cr->r[op][1];

		printf("%-19s %4s %6s %-10s %7lu %7lu | %8lu %8lu %8.1f | %10.1f %10.1f %7.2f | %s\n",
		       c->fmt->name, size_name(c->leaf), size_name(c->region),
		       pattern_names[c->pattern], c->leaves, c->runs, a->walks,
		       b->walks, ratio(a->walks, b->walks), a->ns / 1e3,
		       b->ns / 1e3, ratio(a->ns, b->ns),
		       cr->ok[op] ? "ok" : "FAIL");
	}
}

static void write_csv(const char *path)
{
	static const char *const families[] = { "io-pgtable", "generic_pt" };
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	fprintf(f, "op,family,format,leaf,region,pattern,pages,leaves,runs,walks_a,walks_b,walk_ratio,map_pages_a,map_pages_b,unmap_pages_a,unmap_pages_b,ns_a,ns_b,time_ratio,check\n");
	for (int op = first_op; op <= last_op; op++)
		for (size_t i = 0; i < nr_results; i++) {
			const struct case_result *cr = &results[i];
			const struct bench_case *c = &cr->c;
			const struct call_result *a = &cr->r[op][0];
			const struct call_result *b = &cr->r[op][1];

			fprintf(f, "%s,%s,%s,%lu,%lu,%s,%lu,%lu,%lu,%lu,%lu,%.3f,%lu,%lu,%lu,%lu,%lu,%lu,%.3f,%s\n",
				op_names[op], families[c->fmt->family],
				c->fmt->name, c->leaf, c->region,
				pattern_names[c->pattern], c->pages, c->leaves,
				c->runs, a->walks, b->walks,
				ratio(a->walks, b->walks), a->map_pages,
				b->map_pages, a->unmap_pages, b->unmap_pages,
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

/* -c CALL: measure that call only. */
static bool only_call(const char *name)
{
	for (int op = 0; op < NR_OPS; op++)
		if (!strcmp(name, op_names[op])) {
			first_op = last_op = op;
			return true;
		}
	return false;
}

static int usage(const char *argv0)
{
	fprintf(stderr, "usage: %s [-r REPS] [-f PART-OF-A-FORMAT-NAME] [-c CALL] [-o CSV]\n",
		argv0);
	return 2;
}

int main(int argc, char **argv)
{
	const char *csv = NULL, *only = NULL;
	int opt;

	while ((opt = getopt(argc, argv, "r:f:c:o:")) != -1) {
		switch (opt) {
		case 'r':
			reps = (unsigned int)atoi(optarg);
			break;
		case 'f':
			only = optarg;
			break;
		case 'c':
			if (!only_call(optarg))
				return usage(argv[0]);
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
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		rt_set_phys_base(tw, TABLE_BASE);
	if (!bench_callers[PTF_TWIN_CAND]->has_length) {
		fprintf(stderr, "bench: Linux %s has no iommu_iova_to_phys_length()\n",
			bench_callers[PTF_TWIN_CAND]->tree);
		return 2;
	}
	printf("walks: calls into the lookup op of the domain read; time: best of %u calls; PAGE_SIZE 4K\n",
	       reps);
	printf("(a) on Linux %s, (%c) on Linux %s%s\n",
	       bench_callers[PTF_TWIN_BASE]->tree, cand_column(),
	       bench_callers[PTF_TWIN_CAND]->tree,
	       cand_column() == 'c' ? " (the series and patches/followups/)" : "");
	for (unsigned int i = 0; i < bench_nr_formats; i++) {
		const struct bench_format *f = &bench_formats[i];

		if (only && !strstr(f->name, only))
			continue;
		run_format(f);
	}
	if (csv)
		write_csv(csv);
	if (!nr_results) {
		printf("no format of formats.c matched\n");
		return 0;
	}
	for (int op = first_op; op <= last_op; op++)
		print_table(op);
	print_checks();
	return failures() ? 1 : 0;
}
