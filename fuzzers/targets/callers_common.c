// SPDX-License-Identifier: GPL-2.0
/*
 * What the caller targets share; see callers_common.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "callers_common.h"
#include "fdp.h"
#include "runtime.h"

#define CPU_PAGE	4096ULL
#define SZ_2M		(2ULL << 20)
#define SZ_1G		(1ULL << 30)

extern const struct ptf_caller_ops ptf_base__ptf_caller_ops;
extern const struct ptf_caller_ops ptf_cand__ptf_caller_ops;
const struct ptf_caller_ops *const caller_ops[PTF_NR_TWINS] = {
	&ptf_base__ptf_caller_ops, &ptf_cand__ptf_caller_ops,
};

/* The page-table targets, built again as format descriptions. */
extern const struct target *const ptf_fmt_arm_lpae;
extern const struct target *const ptf_fmt_pt_amdv1_mock;
extern const struct target *const ptf_fmt_pt_amdv1;

/*
 * arm-smmu-v3 on a 4K kernel (stage 1 and the nesting parent's stage 2,
 * HTTU for dirty tracking), the iommufd selftest's mock domains, and the
 * AMD IOMMU's v1 table as amd_iommu_domain_alloc_paging_v1() sets it up.
 */
const struct domain_profile domain_profiles[NR_PROFILES] = {
	{ "lpae_s1", &ptf_fmt_arm_lpae,
	  "fmt=ARM_64_LPAE_S1 granule=4K blocks=L2|L1 extra=none ias=48 oas=48 quirks=none coherent=yes tables=low create_fail=none" },
	{ "lpae_s1_hd", &ptf_fmt_arm_lpae,
	  "fmt=ARM_64_LPAE_S1 granule=4K blocks=L2|L1 extra=none ias=48 oas=48 quirks=HD coherent=yes tables=low create_fail=none",
	  .dirty = true },
	{ "lpae_s2", &ptf_fmt_arm_lpae,
	  "fmt=ARM_64_LPAE_S2 granule=4K blocks=L2|L1 extra=none ias=40 oas=48 quirks=none coherent=no tables=low create_fail=none" },
	{ "mock", &ptf_fmt_pt_amdv1_mock,
	  "level=2 ias=56 oas=51 features=none pgsizes=none tables=low create_fail=none",
	  .dirty = true },
	{ "mock_huge", &ptf_fmt_pt_amdv1_mock,
	  "level=2 ias=56 oas=51 features=none pgsizes=huge tables=low create_fail=none",
	  .dirty = true },
	{ "amdv1", &ptf_fmt_pt_amdv1,
	  "level=2 ias=48 oas=52 features=FLUSH_RANGE pgsizes=amd tables=low create_fail=none",
	  .dirty = true },
};
const char *const profile_names[NR_PROFILES] = {
	"lpae_s1", "lpae_s1_hd", "lpae_s2", "mock", "mock_huge", "amdv1",
};
const uint64_t profile_values[NR_PROFILES] = { 0, 1, 2, 3, 4, 5 };

const char *const layout_names[NR_LAYOUTS] = { "mixed", "huge", "scattered" };
const uint64_t layout_values[NR_LAYOUTS] = { 0, 1, 2 };

/* The model's processes: VMAs as mmap() made them, in both twins. */
struct proc_model {
	struct ptf_user_vma vmas[PTF_MAX_VMAS];
	unsigned int nr;
};

static struct proc_model procs[PTF_NR_PROCS];
static int cur_proc;

/* Layouts -------------------------------------------------------------------- */

#define RAM(off)	(PTF_USER_RAM_PFN + ((off) >> 12))
#define MMIO(off)	(PTF_USER_MMIO_PFN + ((off) >> 12))
#define RW		(PTF_VMA_READ | PTF_VMA_WRITE)

/* Process 1's RAM starts 3 GiB in: the processes alias nothing but by ops. */
#define PROC_RAM(p, off)	RAM((uint64_t)(p) * (3ULL << 30) / 4 * 0 + (off))

static const struct ptf_user_vma scratch = {
	SCRATCH_UVA, SCRATCH_SIZE, RAM(0xff000000), 1, 1, RW,
};

/*
 * mixed: 1 GiB and 2 MiB leaves (a 2 GiB physically contiguous buffer at
 * a 1 GiB boundary), 2 MiB runs scattered as THPs are, 4K pages scattered,
 * 64K runs (amdv1's contiguous sizes), a BAR (PFNMAP, huge-mapped), a
 * read-only buffer.  huge: one 3 GiB contiguous buffer.  scattered: 4K and
 * 8K runs in reverse order.
 */
static const struct ptf_user_vma layout_mixed[] = {
	{ 0x1000000000, 2 * SZ_1G, RAM(0), 1 << 19, 1 << 19, RW },
	{ 0x2000000000, 64 << 20, RAM(0x80000000), 512, 1024, RW },
	{ 0x3000000000, 8 << 20, RAM(0x88000000), 1, 2, RW },
	{ 0x4000000000, 16 << 20, RAM(0x8a000000), 16, 32, RW },
	{ 0x5000000000, 32 << 20, MMIO(0), 1 << 13, 1 << 13, RW | PTF_VMA_PFNMAP },
	{ 0x6000000000, 4 << 20, RAM(0x8c000000), 1024, 1024, PTF_VMA_READ },
};

static const struct ptf_user_vma layout_huge[] = {
	{ 0x1000000000, 3 * SZ_1G, RAM(0), 3 << 18, 3 << 18, RW },
};

static const struct ptf_user_vma layout_scattered[] = {
	{ 0x1000000000, 16 << 20, RAM(0x10000000), 1, 3, RW },
	{ 0x2000000000, 16 << 20, RAM(0x20000000), 2, 5, RW },
};

unsigned int layout_vmas(uint64_t layout, int proc, struct ptf_user_vma *vmas)
{
	const struct ptf_user_vma *l = layout_mixed;
	unsigned int n = sizeof(layout_mixed) / sizeof(*l);

	if (layout == 1) {
		l = layout_huge;
		n = 1;
	} else if (layout == 2) {
		l = layout_scattered;
		n = 2;
	}
	vmas[0] = scratch;
	vmas[0].pfn += (uint64_t)proc * (SCRATCH_SIZE >> 12);
	/* The second process sees the same layout over the same RAM. */
	for (unsigned int i = 0; i < n; i++)
		vmas[1 + i] = l[i];
	return n + 1;
}

/* Set up --------------------------------------------------------------------- */

bool callers_rawio(int proc)
{
	return proc == 0;
}

int callers_proc(void)
{
	return cur_proc;
}

void callers_switch(struct engine *e, int proc)
{
	cur_proc = proc;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		caller_ops[tw]->switch_proc(proc);
	}
}

int callers_mmap(struct engine *e, int proc, const struct ptf_user_vma *v)
{
	int ret[PTF_NR_TWINS];

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		ret[tw] = caller_ops[tw]->mmap(proc, v);
	}
	check_twins_ret(e, "mmap()", ret[BASE], ret[CAND]);
	if (!ret[CAND])
		procs[proc].vmas[procs[proc].nr++] = *v;
	return ret[CAND];
}

void callers_begin(struct engine *e, uint64_t layout, uint64_t memlock,
		   bool ipc_lock)
{
	struct ptf_user_proc up = { memlock, ipc_lock };
	struct ptf_user_vma vmas[PTF_MAX_VMAS];

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		rt_set_phys_base(tw, 1ULL << 30);
		ptf_rt_set_twin(tw);
		caller_ops[tw]->reset();
		for (int p = 0; p < PTF_NR_PROCS; p++) {
			up.rawio = callers_rawio(p);
			caller_ops[tw]->set_proc(p, &up);
		}
	}
	memset(procs, 0, sizeof(procs));
	cur_proc = 0;
	for (int p = 0; p < PTF_NR_PROCS; p++) {
		unsigned int n = layout_vmas(layout, p, vmas);

		for (unsigned int i = 0; i < n; i++)
			if (callers_mmap(e, p, &vmas[i]))
				rt_fatal("harness", "layout VMA %u refused", i);
	}
	/* With the differential off, the candidate twin is the baseline's code. */
	e->diff_off = ptf_differential_off;
	if (!caller_ops[CAND]->has_length == !e->diff_off)
		rt_fatal("harness", e->diff_off ?
			 "the differential is off, but the candidate twin has iommu_iova_to_phys_length()" :
			 "the candidate tree has no iommu_iova_to_phys_length()");
}

bool callers_group(struct engine *e, int g, uint64_t profile, int resv,
		   struct domain_view *view)
{
	static const struct { uint64_t start, size; int type; } resvs[] = {
		{ 0, 0, 0 },
		{ 0xfee00000, 0x100000, PTF_RESV_MSI },		/* x86 MSI */
		{ 0x8000000, 0x100000, PTF_RESV_SW_MSI },	/* arm SW_MSI */
		{ 0, 0x10000, PTF_RESV_RESERVED },		/* page 0 */
	};
	const struct domain_profile *prof = &domain_profiles[profile % NR_PROFILES];
	struct target_config cfg;

	*view = (struct domain_view){ .prof = prof, .fmt = *prof->fmt };
	if (!config_parse(view->fmt, prof->config, &cfg) ||
	    !view->fmt->setup(&cfg, &view->ts))
		rt_fatal("harness", "domain profile %s", prof->name);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct ptf_group_config gc = {
			.family = view->fmt->twin[tw],
			.pt = view->ts.pt,
			.isolated_msi = 1,
			.resv_start = resvs[resv & 3].start,
			.resv_size = resvs[resv & 3].size,
			.resv_type = resvs[resv & 3].type,
			.dirty_tracking = prof->dirty,
		};

		ptf_rt_set_twin(tw);
		caller_ops[tw]->group_config(g, &gc);
	}
	return true;
}

/*
 * The physically contiguous chunk of @proc's memory at @uva: its first
 * pfn, its pages (up to @max) and VMA flags; false if @uva is unmapped.
 */
static bool user_chunk(int proc, uint64_t uva, uint64_t max, uint64_t *pfn,
		       uint64_t *pages, unsigned int *flags)
{
	const struct proc_model *p = &procs[proc];

	for (unsigned int i = 0; i < p->nr; i++) {
		const struct ptf_user_vma *v = &p->vmas[i];
		uint64_t page, in_run, left;

		if (uva < v->start || uva - v->start >= v->size)
			continue;
		page = (uva - v->start) / CPU_PAGE;
		in_run = page % v->run;
		*pfn = v->pfn + page / v->run * v->stride + in_run;
		left = v->size / CPU_PAGE - page;
		*pages = v->run - in_run < left ? v->run - in_run : left;
		if (*pages > max)
			*pages = max;
		*flags = v->flags;
		return true;
	}
	return false;
}

bool user_pfn(int proc, uint64_t uva, uint64_t *pfn, unsigned int *flags)
{
	const struct proc_model *p = &procs[proc];

	for (unsigned int i = 0; i < p->nr; i++) {
		const struct ptf_user_vma *v = &p->vmas[i];
		uint64_t page;

		if (uva < v->start || uva - v->start >= v->size)
			continue;
		page = (uva - v->start) / CPU_PAGE;
		*pfn = v->pfn + page / v->run * v->stride + page % v->run;
		*flags = v->flags;
		return true;
	}
	return false;
}

/* uAPI calls ------------------------------------------------------------------ */

void user_put(struct engine *e, uint64_t uva, const void *buf, size_t len)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		if (caller_ops[tw]->user_write(cur_proc, uva, buf, len))
			rt_fatal("harness", "user_put(0x%" PRIx64 ", %zu)", uva, len);
	}
}

void user_get(struct engine *e, int tw, uint64_t uva, void *buf, size_t len)
{
	ptf_rt_set_twin(tw);
	if (caller_ops[tw]->user_read(cur_proc, uva, buf, len))
		rt_fatal("harness", "user_get(0x%" PRIx64 ", %zu)", uva, len);
}

void check_twins_ret(struct engine *e, const char *what, long base, long cand)
{
	if (base != cand)
		finding(e, "twins", "return codes differ",
			"%s returned %ld on the baseline and %ld on the candidate\n",
			what, base, cand);
}

/* Translations ------------------------------------------------------------------ */

void xlate_clear(struct xlatevec *xv)
{
	xv->n = 0;
}

void xlate_push(struct xlatevec *xv, uint64_t iova, uint64_t size,
		uint64_t pa, int access)
{
	struct xlate *last = xv->n ? &xv->v[xv->n - 1] : NULL;

	if (last && last->iova + last->size == iova &&
	    last->pa + last->size == pa && last->access == access) {
		last->size += size;
		return;
	}
	if (xv->n == xv->cap) {
		xv->cap = xv->cap ? 2 * xv->cap : 256;
		xv->v = realloc(xv->v, xv->cap * sizeof(*xv->v));
		if (!xv->v)
			abort();
	}
	xv->v[xv->n++] = (struct xlate){ iova, size, pa, access };
}

void xlate_user_range(struct xlatevec *xv, int proc, uint64_t iova,
		      uint64_t vaddr, uint64_t size, int access)
{
	for (uint64_t off = 0; off < size;) {
		uint64_t pfn, pages;
		unsigned int flags;

		if (!user_chunk(proc, vaddr + off, (size - off) / CPU_PAGE, &pfn,
				&pages, &flags))
			rt_fatal("harness", "a mapping of unmapped user memory");
		xlate_push(xv, iova + off, pages * CPU_PAGE, pfn * CPU_PAGE,
			   access);
		off += pages * CPU_PAGE;
	}
}

static int by_iova(const void *a, const void *b)
{
	const struct xlate *x = a, *y = b;

	return x->iova < y->iova ? -1 : x->iova > y->iova;
}

void xlate_normalize(struct xlatevec *xv)
{
	size_t n = xv->n;

	if (!n)
		return;
	qsort(xv->v, n, sizeof(*xv->v), by_iova);
	xv->n = 0;
	for (size_t i = 0; i < n; i++)
		xlate_push(xv, xv->v[i].iova, xv->v[i].size, xv->v[i].pa,
			   xv->v[i].access);
}

/* Walking a domain as its IOMMU does -------------------------------------------- */

struct walk {
	struct engine *e;
	struct xlatevec got;
	struct hw_leaf *leaf;
	size_t nr_leaf, cap_leaf;
	size_t leaves, runs;
	uint64_t run_end_pa, run_end_iova;
	bool any;
};

static struct walk walk;

static void *walk_map(const struct hw_ctx *hw, uint64_t phys, size_t len)
{
	return rt_phys_span(hw->twin, phys, len);
}

static void walk_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	/* Physically contiguous leaves, IOVA after IOVA, make one run. */
	if (!walk.any || l->iova != walk.run_end_iova ||
	    l->phys != walk.run_end_pa)
		walk.runs++;
	walk.any = true;
	walk.run_end_iova = l->iova + l->size;
	walk.run_end_pa = l->phys + l->size;
	walk.leaves++;
	xlate_push(&walk.got, l->iova, l->size, l->phys, l->access);
	if (walk.nr_leaf == walk.cap_leaf) {
		walk.cap_leaf = walk.cap_leaf ? 2 * walk.cap_leaf : 256;
		walk.leaf = realloc(walk.leaf, walk.cap_leaf * sizeof(*walk.leaf));
		if (!walk.leaf)
			abort();
	}
	walk.leaf[walk.nr_leaf++] = *l;
}

/*
 * The tables' shape is the page-table targets' oracle: here the leaves
 * are compared with the mapped areas, whatever tables hold them.
 */
static void walk_table(const struct hw_ctx *hw, uint64_t phys, uint64_t iova,
		       unsigned int span_lg2)
{
}

static void walk_error(const struct hw_ctx *hw, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding(walk.e, "hardware", "the device would fault on the tables",
		"walking the %s twin's tables as the IOMMU does: %s\n",
		twin_name(hw->twin), msg);
}

static void walk_domain(struct engine *e, int tw, const struct domain_view *v,
			void *dom, uint64_t lo, uint64_t hi)
{
	struct domain_view *mv = (struct domain_view *)v;
	struct hw_ctx hw = {
		.twin = tw, .pt = &v->ts.pt, .info = &mv->info[tw],
		.map = walk_map, .leaf = walk_leaf, .table = walk_table,
		.error = walk_error,
	};

	ptf_rt_set_twin(tw);
	v->fmt->twin[tw]->info(dom, &mv->info[tw]);
	walk.e = e;
	xlate_clear(&walk.got);
	walk.leaves = walk.runs = 0;
	walk.nr_leaf = 0;
	walk.any = false;
	v->fmt->hw_walk(&hw, lo, hi);
}

size_t domain_walk(struct engine *e, int tw, const struct domain_view *v,
		   void *dom, uint64_t lo, uint64_t hi,
		   const struct hw_leaf **leaves)
{
	walk_domain(e, tw, v, dom, lo, hi);
	*leaves = walk.leaf;
	return walk.nr_leaf;
}

enum hw_write_result device_write(struct engine *e, int tw,
				  const struct domain_view *v, void *dom,
				  uint64_t iova)
{
	struct domain_view *mv = (struct domain_view *)v;
	struct hw_ctx hw = {
		.twin = tw, .pt = &v->ts.pt, .info = &mv->info[tw],
		.map = walk_map, .leaf = walk_leaf, .table = walk_table,
		.error = walk_error,
	};

	if (!v->fmt->hw_write)
		return HW_WRITE_FAULT;
	ptf_rt_set_twin(tw);
	v->fmt->twin[tw]->info(dom, &mv->info[tw]);
	walk.e = e;
	return v->fmt->hw_write(&hw, iova);
}

size_t domain_leaves(struct engine *e, int tw, const struct domain_view *v,
		     void *dom, uint64_t lo, uint64_t hi, size_t *runs)
{
	walk_domain(e, tw, v, dom, lo, hi);
	*runs = walk.runs;
	return walk.leaves;
}

static const char *xlate_str(const struct xlate *x, char *buf, size_t len)
{
	char s[32];

	snprintf(buf, len, "[0x%" PRIx64 " +%s] -> 0x%" PRIx64 " %s%s%s%s%s", x->iova,
		 size_name(x->size, s, sizeof(s)), x->pa,
		 x->access & MODEL_PROT_READ ? "R" : "-",
		 x->access & MODEL_PROT_WRITE ? "W" : "-",
		 x->access & HW_ACC_EXEC ? "X" : "-",
		 x->access & HW_ACC_UNPRIV ? "U" : "-",
		 x->access & HW_MEM_DEVICE ? " device" :
		 x->access & HW_MEM_CACHED ? " cached" : " non-cached");
	return buf;
}

/*
 * What the device gets from a mapping of the uAPI's read and write: both
 * callers map user memory with IOMMU_CACHE (vfio_iommu_map(), iommufd's
 * conv_iommu_prot()); only iommufd's dma-buf batches, which no input
 * makes, are IOMMU_MMIO.
 */
static int hw_access(const struct domain_view *v, int rw)
{
	return v->fmt->access_of(&v->ts, rw | PTF_PROT_CACHE);
}

void check_domain(struct engine *e, int tw, const struct domain_view *v,
		  void *dom, const struct xlatevec *want, const char *what)
{
	uint64_t lo = v->info[tw].va_first, hi = v->info[tw].va_last;
	struct xlatevec *got = &walk.got;
	char a[160], b[160];
	size_t i;

	ptf_rt_set_twin(tw);
	v->fmt->twin[tw]->info(dom, (struct ptf_pt_info *)&v->info[tw]);
	lo = v->info[tw].va_first;
	hi = v->info[tw].va_last;
	walk_domain(e, tw, v, dom, lo, hi);
	for (i = 0; i < want->n && i < got->n; i++) {
		struct xlate w = want->v[i];

		w.access = hw_access(v, w.access);
		if (w.iova != got->v[i].iova || w.size != got->v[i].size ||
		    w.pa != got->v[i].pa || w.access != got->v[i].access)
			break;
	}
	if (i == want->n && i == got->n)
		return;
	if (i < want->n) {
		struct xlate w = want->v[i];

		w.access = hw_access(v, w.access);
		xlate_str(&w, a, sizeof(a));
	} else {
		snprintf(a, sizeof(a), "nothing further");
	}
	if (i < got->n)
		xlate_str(&got->v[i], b, sizeof(b));
	else
		snprintf(b, sizeof(b), "nothing further");
	finding(e, "window", "tables differ from the mapped ranges",
		"%s twin, %s domain (%s), translation %zu of the %zu expected\nexpected: %s\nactual:   %s\n",
		twin_name(tw), what, v->prof->name, i, want->n, a, b);
}

/* Pins and accounting ---------------------------------------------------------- */

void pin_model_reset(struct pin_model *pm)
{
	if (!pm->pins) {
		pm->pins = calloc(PTF_USER_RAM_PAGES, sizeof(*pm->pins));
		if (!pm->pins)
			abort();
	} else {
		memset(pm->pins, 0, PTF_USER_RAM_PAGES * sizeof(*pm->pins));
	}
	{
		long *pins = pm->pins;

		*pm = (struct pin_model){ .pins = pins };
	}
}

void pin_model_touch(struct pin_model *pm, int proc, uint64_t vaddr,
		     uint64_t size)
{
	if (pm->nr_touched < sizeof(pm->touched) / sizeof(pm->touched[0]))
		pm->touched[pm->nr_touched++] = (typeof(pm->touched[0])){
			proc, vaddr, size };
	else
		pm->touched_all = true;
}

/* Call @fn for each run of user RAM (not a PFNMAP) in [vaddr, vaddr + size). */
static void for_each_user_ram(int proc, uint64_t vaddr, uint64_t size,
			      void (*fn)(void *ctx, uint64_t pfn, uint64_t pages),
			      void *ctx)
{
	for (uint64_t off = 0; off < size;) {
		uint64_t pfn, pages;
		unsigned int flags;

		if (!user_chunk(proc, vaddr + off, (size - off) / CPU_PAGE, &pfn,
				&pages, &flags)) {
			off += CPU_PAGE;
			continue;
		}
		off += pages * CPU_PAGE;
		if (!(flags & PTF_VMA_PFNMAP))
			fn(ctx, pfn, pages);
	}
}

static void zero_pins(void *ctx, uint64_t pfn, uint64_t pages)
{
	struct pin_model *pm = ctx;

	memset(&pm->pins[pfn - PTF_USER_RAM_PFN], 0, pages * sizeof(*pm->pins));
}

void pin_model_zero(struct pin_model *pm, int proc, uint64_t vaddr,
		    uint64_t size)
{
	for_each_user_ram(proc, vaddr, size, zero_pins, pm);
}

struct pin_delta {
	struct pin_model *pm;
	int delta;
};

static void add_pins(void *ctx, uint64_t pfn, uint64_t pages)
{
	struct pin_delta *d = ctx;

	for (uint64_t i = 0; i < pages; i++)
		d->pm->pins[pfn + i - PTF_USER_RAM_PFN] += d->delta;
	d->pm->total += d->delta * (long)pages;
}

void pin_model_range(struct pin_model *pm, int proc, uint64_t vaddr,
		     uint64_t size, int delta)
{
	struct pin_delta d = { pm, delta };

	pin_model_touch(pm, proc, vaddr, size);
	for_each_user_ram(proc, vaddr, size, add_pins, &d);
}

static void count_pages(void *ctx, uint64_t pfn, uint64_t pages)
{
	*(uint64_t *)ctx += pages;
}

uint64_t user_ram_pages(int proc, uint64_t vaddr, uint64_t size)
{
	uint64_t n = 0;

	for_each_user_ram(proc, vaddr, size, count_pages, &n);
	return n;
}

static void check_count(struct engine *e, int tw, const char *what,
			long want, long got)
{
	if (want != got)
		finding(e, "pins", what,
			"%s twin\nexpected: %ld\nactual:   %ld\n", twin_name(tw),
			want, got);
}

/* The first page of a chunk whose pins differ, as a finding. */
static void pin_mismatch(struct engine *e, int tw, const struct pin_model *pm,
			 uint64_t uva, uint64_t pfn, uint64_t pages)
{
	for (uint64_t i = 0; i < pages; i++) {
		long want = pm->pins[pfn + i - PTF_USER_RAM_PFN];
		long got = caller_ops[tw]->pins(pfn + i);

		if (got != want)
			finding(e, "pins", got > want ?
				"a page holds more pins than mapped" :
				"a page holds fewer pins than mapped",
				"%s twin: the page at uva 0x%" PRIx64 " (pfn 0x%" PRIx64 ")\nexpected: %ld pins\nactual:   %ld pins\n",
				twin_name(tw), (uint64_t)(uva + i * CPU_PAGE),
				(uint64_t)(pfn + i), want, got);
	}
}

/* The pins of @proc's [uva, uva + size), chunk by chunk, against the model. */
static void check_range_pins(struct engine *e, int tw,
			     const struct pin_model *pm, int proc, uint64_t uva,
			     uint64_t size)
{
	for (uint64_t off = 0; off < size;) {
		uint64_t pfn, pages;
		unsigned int flags;
		long want = 0;

		if (!user_chunk(proc, uva + off, (size - off) / CPU_PAGE, &pfn,
				&pages, &flags)) {
			off += CPU_PAGE;
			continue;
		}
		off += pages * CPU_PAGE;
		if (flags & PTF_VMA_PFNMAP)
			continue;
		for (uint64_t i = 0; i < pages; i++)
			want += pm->pins[pfn + i - PTF_USER_RAM_PFN];
		if (caller_ops[tw]->pins_sum(pfn, pages) != want)
			pin_mismatch(e, tw, pm, uva + off - pages * CPU_PAGE, pfn,
				     pages);
	}
}

void check_pins(struct engine *e, struct pin_model *pm, bool all)
{
	all |= pm->touched_all;
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		struct ptf_user_state st;

		ptf_rt_set_twin(tw);
		for (int p = 0; all && p < PTF_NR_PROCS; p++)
			for (unsigned int i = 0; i < procs[p].nr; i++)
				check_range_pins(e, tw, pm, p, procs[p].vmas[i].start,
						 procs[p].vmas[i].size);
		for (unsigned int i = 0; !all && i < pm->nr_touched; i++)
			check_range_pins(e, tw, pm, pm->touched[i].proc,
					 pm->touched[i].vaddr,
					 pm->touched[i].size);
		caller_ops[tw]->state(0, &st);
		if (st.total_pins != pm->total)
			finding(e, "pins", st.total_pins > pm->total ?
				"more pages are pinned than mapped" :
				"fewer pages are pinned than mapped",
				"%s twin: pins held on all user pages\nexpected: %ld\nactual:   %ld\n",
				twin_name(tw), pm->total, st.total_pins);
		for (int p = 0; p < PTF_NR_PROCS; p++) {
			caller_ops[tw]->state(p, &st);
			check_count(e, tw, "locked_vm differs from the pages pinned",
				    pm->locked_vm[p], st.locked_vm);
			check_count(e, tw, "pinned_vm differs from the pages pinned",
				    pm->pinned_vm[p], st.pinned_vm);
			check_count(e, tw, "the user's locked_vm differs from the pages pinned",
				    pm->user_locked_vm[p], st.user_locked_vm);
			check_count(e, tw, "task references differ from the mappings",
				    pm->task_refs[p], st.task_refs);
			check_count(e, tw, "mm references differ from the mappings",
				    pm->mm_count[p], st.mm_count);
			check_count(e, tw, "mm users left after the op",
				    pm->mm_users[p], st.mm_users);
			check_count(e, tw, "user references differ from the mappings",
				    pm->user_refs[p], st.user_refs);
		}
	}
	pm->nr_touched = 0;
	pm->touched_all = false;
}

void check_locks(struct engine *e)
{
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		const char *last;
		unsigned int n = rt_locks_held(tw, &last);

		if (n)
			finding(e, "lock", "a lock is held after the op",
				"%s twin: %u lock(s) held when the ioctl returned, the last taken a %s\n",
				twin_name(tw), n, last);
	}
}

void check_released(struct engine *e)
{
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		ptf_rt_set_twin(tw);
		if (caller_ops[tw]->live_domains())
			finding(e, "leak", "a domain was left allocated",
				"%s twin: %d domain(s) not freed after the last close\n",
				twin_name(tw), caller_ops[tw]->live_domains());
		if (caller_ops[tw]->attached_groups())
			finding(e, "leak", "a group was left attached",
				"%s twin: %d group(s) attached after the last close\n",
				twin_name(tw), caller_ops[tw]->attached_groups());
	}
	oracle_leaks(e);
}

/* Decoding ------------------------------------------------------------------- */

static struct caller_decoder dec;

struct caller_decoder *caller_decoder(uint64_t layout)
{
	memset(&dec, 0, sizeof(dec));
	for (int p = 0; p < PTF_NR_PROCS; p++)
		dec.nr_vmas[p] = layout_vmas(layout, p, dec.vmas[p]);
	return &dec;
}

void caller_decoder_mark(struct caller_decoder *d, uint64_t v)
{
	if (d->nr_marks < sizeof(d->marks) / sizeof(d->marks[0]))
		d->marks[d->nr_marks++] = v;
}

static const uint64_t sizes[] = {
	CPU_PAGE, 2 * CPU_PAGE, 16 * CPU_PAGE, 64 << 10, SZ_2M, 2 * SZ_2M,
	SZ_1G, 2 * SZ_1G,
};
#define NR_SIZES	(sizeof(sizes) / sizeof(sizes[0]))

/* A user address: in a VMA (often at its start), rarely anywhere. */
uint64_t gen_uva(struct fdp *f, struct caller_decoder *d)
{
	unsigned int n = d->nr_vmas[d->proc];
	const struct ptf_user_vma *v;
	uint64_t off;

	if (!n)
		return SCRATCH_UVA;
	/* The scratch VMA (0) only rarely: it holds the uAPI structs. */
	v = &d->vmas[d->proc][1 + fdp_pick(f, n > 1 ? n - 1 : 1) % n];
	switch (fdp_pick(f, 4)) {
	case 0:
		return v->start;
	case 1:		/* a page in it */
		off = fdp_uint(f, 2) * CPU_PAGE;
		return v->start + off % v->size;
	case 2:		/* at a 2M or 1G boundary in it */
		off = (fdp_pick(f, 2) ? SZ_1G : SZ_2M) * fdp_pick(f, 4);
		return v->start + off % v->size;
	default:	/* just before its end */
		return v->start + v->size - (1 + fdp_pick(f, 4)) * CPU_PAGE;
	}
}

uint64_t gen_iova(struct fdp *f, struct caller_decoder *d)
{
	switch (fdp_pick(f, 4)) {
	case 0:
		if (d->nr_marks)
			return d->marks[fdp_pick(f, d->nr_marks)];
		return 0;
	case 1:		/* a 1G-aligned IOVA */
		return SZ_1G * fdp_pick(f, 8);
	case 2:		/* 2M-aligned, a few pages in */
		return SZ_2M * fdp_pick(f, 16) + CPU_PAGE * fdp_pick(f, 4);
	default:	/* near the top of a 40- or 48-bit space */
		return (1ULL << (fdp_pick(f, 2) ? 40 : 48)) -
		       sizes[fdp_pick(f, NR_SIZES)];
	}
}

/*
 * Lengths: mostly up to a few 2M pages; 1G and more (whose legacy loops
 * take a lookup per page) one time in sixteen.
 */
uint64_t gen_len(struct fdp *f, struct caller_decoder *d)
{
	switch (fdp_pick(f, 16)) {
	case 0:
		return sizes[NR_SIZES - 1 - fdp_pick(f, 2)];
	case 1 ... 6:
		return sizes[fdp_pick(f, NR_SIZES - 2)];
	case 7 ... 12:	/* a few pages */
		return CPU_PAGE * (1 + fdp_pick(f, 32));
	default:	/* a size plus or minus a page */
		return sizes[fdp_pick(f, NR_SIZES - 2)] +
		       (fdp_pick(f, 2) ? CPU_PAGE : -CPU_PAGE);
	}
}
