// SPDX-License-Identifier: GPL-2.0
/*
 * iommufd: the IOAS ioctls of the tree's iommufd (pages.c, io_pagetable.c
 * and ioas.c whole; the dispatcher and object helpers of main.c, the
 * accesses of device.c and the hwpt handlers of hw_pagetable.c by name),
 * the caller of patch 0025: batch_from_domain() and
 * raw_pages_from_domain() read pfns back from a domain by
 * iova_to_phys_length(), to unpin them (an unmap, the last domain's
 * detach), to fill a second domain and to hand pages to an access;
 * iopt_get_phys() answers IOMMU_IOAS_NOIOMMU_GET_PA.
 *
 * An input opens /dev/iommu, allocates IOASes, attaches paging domains of
 * the groups' IOMMUs (callers_common.c's profiles: io-pgtable-arm, generic_pt's
 * amdv1 and the selftest's mock) or the no-IOMMU table, creates accesses
 * (an emulated device), and drives IOMMU_IOAS_MAP (fixed and allocated
 * IOVAs), COPY, UNMAP, ALLOW_IOVAS, IOVA_RANGES, NOIOMMU_GET_PA, DESTROY,
 * IOMMU_HWPT_SET_DIRTY_TRACKING and GET_DIRTY_BITMAP (after device writes
 * the walker makes), and access pin, unpin and rw, garbage included.
 *
 * The model is the uAPI: return codes in the handlers' order, out fields
 * (IOVAs, lengths, ranges, alignment, ids), the areas of each IOAS, what
 * every domain must translate (read by the page-table target's walker),
 * the pins (a page is pinned once per pages object while a domain or an
 * access uses it), locked_vm and pinned_vm, the references each pages
 * object holds, dirty bits against the hardware's.  Allocation failures
 * and iommufd_should_fail() points are injected the iommufd_fail_nth way:
 * an op that then fails must leave everything as it was.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "callers_common.h"
#include "fdp.h"
#include "runtime.h"
#include "uapi.h"

#define CPU_PAGE	4096ULL
#define MAX_IDS		64
#define MAX_IOAS	4
#define MAX_AREAS	64
#define MAX_PAGES	64
#define MAX_RANGES	16
#define MAX_HWPT	PTF_NR_GROUPS + 1	/* the groups', and no-IOMMU */
#define MAX_ACC		4
#define ARG_UVA		SCRATCH_UVA
#define DATA_UVA	(SCRATCH_UVA + 0x1000)
#define DATA_BYTES	(SCRATCH_SIZE - 0x1000)
#define NOIOMMU		PTF_NR_GROUPS	/* the hwpt slot of the no-IOMMU table */
#define ULONG_MAX_	UINT64_MAX

enum { F_PROFILE, F_LAYOUT, F_MEMLOCK, F_IPC_LOCK, NR_FIELDS };

static const char *const memlock_names[] = { "8M", "64K", "1G", "16G" };
static const uint64_t memlock_values[] = { 8 << 20, 64 << 10, 1 << 30, 16ULL << 30 };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_PROFILE]	= { "domain", FIELD(profile_names, profile_values) },
	[F_LAYOUT]	= { "layout", FIELD(layout_names, layout_values) },
	[F_MEMLOCK]	= { "memlock", FIELD(memlock_names, memlock_values), .literal = true },
	[F_IPC_LOCK]	= { "ipc_lock", FIELD(bool_names, bool_values) },
};

enum { T_IOAS_ALLOC, T_DESTROY, T_MAP, T_UNMAP, T_COPY, T_RANGES, T_ALLOW,
	T_ATTACH, T_DETACH, T_SET_DIRTY, T_GET_DIRTY, T_WRITE, T_ACC_CREATE,
	T_ACC_DESTROY, T_ACC_PIN, T_ACC_UNPIN, T_ACC_RW, T_GET_PA, T_MMAP,
	T_PROC, T_FAIL, T_SHOULD_FAIL, NR_TYPES };

/* The model ----------------------------------------------------------------------- */

/* An iopt_pages: user memory of one IOMMU_IOAS_MAP, shared by COPY. */
struct ipages {
	bool live;
	uint64_t uptr;			/* page aligned */
	uint64_t npages;
	int proc;
	bool writable;
	int acct;			/* 0 none, 1 user, 2 mm */
};

/* An area of an IOAS: [iova, iova + len) is pages' bytes from start_byte. */
struct iarea {
	uint64_t iova, len, start_byte;
	int pages, prot;
};

struct irange {
	uint64_t start, last;
	int owner;			/* -1 user; else a hwpt slot */
};

struct iioas {
	bool live;
	unsigned int id;
	struct iarea area[MAX_AREAS];
	unsigned int nr_area;
	struct irange allowed[MAX_RANGES];
	unsigned int nr_allowed;
	struct irange resv[MAX_RANGES];
	unsigned int nr_resv;
	int dom[MAX_HWPT];		/* hwpt slots in iopt->domains order */
	unsigned int nr_dom;
	unsigned int accesses;
};

/* A hwpt_paging of group g (slot g), or the no-IOMMU one (slot NOIOMMU). */
struct ihwpt {
	bool live;
	unsigned int id;
	int ioas;
	int profile;
	struct domain_view view;
	uint64_t pgsize, aperture_end;
	bool dirty_ok;			/* the format reads dirty bits */
};

struct iaccess {
	bool live;
	unsigned int id;
	int ioas, handle;
	struct { uint64_t iova, len; } pin[PTF_PIN_MAX];
	unsigned int nr_pin;
};

enum otype { O_NONE, O_IOAS, O_HWPT, O_ACCESS };

struct iommufd_model {
	int fd;
	enum otype obj[MAX_IDS];
	int obj_idx[MAX_IDS];
	struct ipages pages[MAX_PAGES];
	struct iioas ioas[MAX_IOAS];
	struct ihwpt hwpt[MAX_HWPT];
	struct iaccess acc[MAX_ACC];
	int acct_mode;			/* the context's: 1 user, 2 mm */
	struct pin_model pm;
	struct xlatevec want;
};

static struct iommufd_model M;

/* Object ids: xa_alloc() of the lowest free id from 1. */
static unsigned int id_alloc(enum otype type, int idx)
{
	for (unsigned int id = 1; id < MAX_IDS; id++)
		if (M.obj[id] == O_NONE) {
			M.obj[id] = type;
			M.obj_idx[id] = idx;
			return id;
		}
	return 0;
}

static unsigned int id_peek(void)
{
	unsigned int id;

	for (id = 1; id < MAX_IDS && M.obj[id] != O_NONE; id++)
		;
	return id;
}

static struct iioas *ioas_of(uint64_t id)
{
	if (id >= MAX_IDS || M.obj[id] != O_IOAS)
		return NULL;
	return &M.ioas[M.obj_idx[id]];
}

static struct ihwpt *hwpt_of(uint64_t id)
{
	if (id >= MAX_IDS || M.obj[id] != O_HWPT)
		return NULL;
	return &M.hwpt[M.obj_idx[id]];
}

/* iopt->iova_alignment: the domains' smallest page, PAGE_SIZE with accesses. */
static uint64_t ioas_align(const struct iioas *io)
{
	uint64_t a = io->accesses ? CPU_PAGE : 1;

	for (unsigned int i = 0; i < io->nr_dom; i++)
		if (M.hwpt[io->dom[i]].pgsize > a)
			a = M.hwpt[io->dom[i]].pgsize;
	return a;
}

static bool overlaps(uint64_t a, uint64_t alast, uint64_t b, uint64_t blast)
{
	return a <= blast && b <= alast;
}

static bool area_in(const struct iioas *io, uint64_t first, uint64_t last)
{
	for (unsigned int i = 0; i < io->nr_area; i++)
		if (overlaps(io->area[i].iova, io->area[i].iova + io->area[i].len - 1,
			     first, last))
			return true;
	return false;
}

static bool resv_in(const struct iioas *io, uint64_t first, uint64_t last)
{
	for (unsigned int i = 0; i < io->nr_resv; i++)
		if (overlaps(io->resv[i].start, io->resv[i].last, first, last))
			return true;
	return false;
}

static bool allowed_in(const struct iioas *io, uint64_t first, uint64_t last)
{
	for (unsigned int i = 0; i < io->nr_allowed; i++)
		if (overlaps(io->allowed[i].start, io->allowed[i].last, first, last))
			return true;
	return false;
}

static void area_insert(struct iioas *io, const struct iarea *a)
{
	unsigned int i;

	for (i = io->nr_area; i && io->area[i - 1].iova > a->iova; i--)
		io->area[i] = io->area[i - 1];
	io->area[i] = *a;
	io->nr_area++;
}

static void area_remove(struct iioas *io, unsigned int i)
{
	memmove(&io->area[i], &io->area[i + 1],
		(io->nr_area - i - 1) * sizeof(io->area[0]));
	io->nr_area--;
}

static int pages_alloc(int proc, uint64_t uva, uint64_t len, bool writable,
		       bool ipc_lock)
{
	for (int p = 0; p < MAX_PAGES; p++)
		if (!M.pages[p].live) {
			uint64_t start = uva & ~(CPU_PAGE - 1);

			M.pages[p] = (struct ipages){
				.live = true, .uptr = start,
				.npages = (len + (uva - start) + CPU_PAGE - 1) / CPU_PAGE,
				.proc = proc, .writable = writable,
				.acct = ipc_lock ? 0 : M.acct_mode,
			};
			return p;
		}
	return -1;
}

/* Drop pages objects no area references any more. */
static void pages_gc(void)
{
	for (int p = 0; p < MAX_PAGES; p++) {
		bool used = false;

		for (int i = 0; i < MAX_IOAS && !used; i++)
			for (unsigned int a = 0; M.ioas[i].live && a < M.ioas[i].nr_area; a++)
				used |= M.ioas[i].area[a].pages == p;
		if (!used)
			M.pages[p].live = false;
	}
}

/* Derived state: pins and accounting -------------------------------------------- */

/* The page index of pages @p at @iova of area @a. */
static uint64_t area_index(const struct iarea *a, uint64_t iova)
{
	return (a->start_byte + (iova - a->iova)) / CPU_PAGE;
}

/*
 * The pages objects' pins as iommufd holds them: a page of a pages object
 * is pinned (once) while an area over it has a domain to fill or an
 * access pins it.  Each pages object also holds its mm, task and user.
 */
/* The user ranges the last derive_pins() counted pins in. */
static struct pin_span {
	int proc;
	uint64_t uva, size;
} *spans;
static size_t nr_spans, cap_spans;

static void span_push(int proc, uint64_t uva, uint64_t size)
{
	if (nr_spans == cap_spans) {
		cap_spans = cap_spans ? 2 * cap_spans : 64;
		spans = realloc(spans, cap_spans * sizeof(*spans));
		if (!spans)
			abort();
	}
	spans[nr_spans++] = (struct pin_span){ proc, uva, size };
}

/*
 * The pins the model holds, from the pages objects: a page of one is
 * pinned once while an area over it is in a domain of its IOAS, or an
 * access holds it.  Only the counts of the ranges counted last time and
 * this time are redone, and those are the ranges the next check_pins()
 * looks at.
 */
/* A range of a pages object's page indexes, pinned. */
struct index_run {
	uint64_t first, last;
};

static int by_first(const void *a, const void *b)
{
	const struct index_run *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

static void derive_pins(struct engine *e)
{
	static struct index_run runs[MAX_IOAS * MAX_AREAS + MAX_ACC * PTF_PIN_MAX * MAX_AREAS];
	uint64_t npinned[MAX_PAGES] = { 0 };
	struct pin_span *prev = spans;
	size_t nr_prev = nr_spans;
	bool same;

	/* Forget the last count: pin_model_reset() without its memset. */
	{
		struct pin_model pm = { .pins = M.pm.pins };

		for (size_t i = 0; i < nr_prev; i++)
			pin_model_zero(&pm, prev[i].proc, prev[i].uva,
				       prev[i].size);
		M.pm = pm;
	}
	spans = NULL;
	nr_spans = cap_spans = 0;
	for (int p = 0; p < MAX_PAGES; p++) {
		const struct ipages *pg = &M.pages[p];
		size_t n = 0;

		if (!pg->live)
			continue;
		/*
		 * The index ranges pinned: areas in an IOAS with a domain,
		 * and what accesses hold.  A pages object may be far larger
		 * than the RAM (over unmapped memory, while no domain needs
		 * its pages), so ranges, not a map of its pages.
		 */
		for (int i = 0; i < MAX_IOAS; i++) {
			const struct iioas *io = &M.ioas[i];

			for (unsigned int a = 0; io->live && a < io->nr_area; a++) {
				const struct iarea *ar = &io->area[a];

				if (ar->pages != p || !io->nr_dom)
					continue;
				runs[n++] = (struct index_run){
					area_index(ar, ar->iova),
					area_index(ar, ar->iova + ar->len - 1) };
			}
		}
		for (int k = 0; k < MAX_ACC; k++) {
			const struct iaccess *ac = &M.acc[k];
			const struct iioas *io = &M.ioas[ac->ioas];

			for (unsigned int m = 0; ac->live && m < ac->nr_pin; m++)
				for (unsigned int a = 0; a < io->nr_area; a++) {
					const struct iarea *ar = &io->area[a];
					uint64_t f = ac->pin[m].iova, l = f + ac->pin[m].len - 1;

					if (ar->pages != p ||
					    !overlaps(ar->iova, ar->iova + ar->len - 1, f, l))
						continue;
					f = f > ar->iova ? f : ar->iova;
					l = l < ar->iova + ar->len - 1 ? l : ar->iova + ar->len - 1;
					runs[n++] = (struct index_run){
						area_index(ar, f), area_index(ar, l) };
				}
		}
		qsort(runs, n, sizeof(*runs), by_first);
		/* Each merged run of pinned pages at once. */
		for (size_t i = 0; i < n;) {
			uint64_t first = runs[i].first, last = runs[i].last;

			for (i++; i < n && runs[i].first <= last + 1; i++)
				if (runs[i].last > last)
					last = runs[i].last;
			npinned[p] += last - first + 1;
			pin_model_range(&M.pm, pg->proc, pg->uptr + first * CPU_PAGE,
					(last - first + 1) * CPU_PAGE, 1);
			span_push(pg->proc, pg->uptr + first * CPU_PAGE,
				  (last - first + 1) * CPU_PAGE);
		}
		if (pg->acct == 1)
			M.pm.user_locked_vm[pg->proc] += npinned[p];
		if (pg->acct == 2)
			M.pm.locked_vm[pg->proc] += npinned[p];
		M.pm.pinned_vm[pg->proc] += npinned[p];
		M.pm.task_refs[pg->proc]++;
		M.pm.mm_count[pg->proc]++;
		M.pm.user_refs[pg->proc]++;
	}
	/*
	 * The total is checked after every op, each page's pins when what
	 * the model pins changed: in the ranges pinned before and now.
	 */
	same = nr_prev == nr_spans;
	for (size_t i = 0; same && i < nr_spans; i++)
		same = prev[i].proc == spans[i].proc &&
		       prev[i].uva == spans[i].uva &&
		       prev[i].size == spans[i].size;
	M.pm.nr_touched = 0;
	M.pm.touched_all = false;
	for (size_t i = 0; !same && i < nr_prev; i++)
		pin_model_touch(&M.pm, prev[i].proc, prev[i].uva, prev[i].size);
	for (size_t i = 0; !same && i < nr_spans; i++)
		pin_model_touch(&M.pm, spans[i].proc, spans[i].uva,
				spans[i].size);
	free(prev);
	(void)e;
}

/* Would pinning @extra more pages of @proc's break RLIMIT_MEMLOCK? */
static bool over_limit(struct engine *e, int acct, int proc, uint64_t extra)
{
	uint64_t limit = e->prog->cfg.v[F_MEMLOCK] / CPU_PAGE;

	if (acct == 1)
		return M.pm.user_locked_vm[proc] + extra > limit;
	if (acct == 2)
		return M.pm.locked_vm[proc] + extra > limit;
	return false;
}

/* The pages of [uva, uva + len) of @proc that GUP can pin (for writing)? */
static bool pinnable(int proc, uint64_t uva, uint64_t len, bool write)
{
	for (uint64_t off = uva & ~(CPU_PAGE - 1); off < uva + len; off += CPU_PAGE) {
		uint64_t pfn;
		unsigned int flags;

		if (!user_pfn(proc, off, &pfn, &flags) || (flags & PTF_VMA_PFNMAP) ||
		    !(flags & (write ? PTF_VMA_WRITE : PTF_VMA_READ)))
			return false;
	}
	return true;
}

/*
 * The pin an op adds, before the op: -EFAULT if a page it needs cannot be
 * pinned, -ENOMEM if the new pins break the limit (when both apply, the
 * order iommufd's batches meet them is not the uAPI's: either is taken).
 */
struct pin_need {
	bool fault, nomem;
};

static void need_for_pages(struct engine *e, struct pin_need *n, int p,
			   uint64_t first, uint64_t last)
{
	const struct ipages *pg = &M.pages[p];
	uint64_t extra = last - first + 1;

	if (!pinnable(pg->proc, pg->uptr + first * CPU_PAGE, extra * CPU_PAGE,
		      pg->writable))
		n->fault = true;
	if (over_limit(e, pg->acct, pg->proc, extra))
		n->nomem = true;
}

static bool need_ok(const struct pin_need *n, long ret)
{
	if (n->fault && n->nomem)
		return ret == -EFAULT || ret == -ENOMEM;
	if (n->fault)
		return ret == -EFAULT;
	if (n->nomem)
		return ret == -ENOMEM;
	return ret == 0;
}

/* Set up ------------------------------------------------------------------------------ */

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	return true;
}

static struct caller_decoder *dec;

static void *decoder_state(const struct target_config *cfg)
{
	dec = caller_decoder(cfg->v[F_LAYOUT]);
	return dec;
}

/*
 * The dispatcher's copy_struct_from_user() of a user struct of @usize bytes
 * where the kernel knows @ksize (iommufd_fops_ioctl()).  Below @min the
 * ioctl is -EINVAL: true, with *want set.  Otherwise the bytes past
 * @ksize decide, as the process has them when the ioctl is made (the
 * handler may still write its data after the struct): run_ioctl() reads
 * them then, from the baseline twin, and sets *want to -E2BIG if one is
 * not zero and to -EFAULT if one cannot be read, whichever comes first.
 */
static struct {
	bool armed;
	size_t ksize;
	uint64_t usize;
	long *want;
} ucmd;

static bool ucmd_failed(size_t ksize, uint64_t usize, size_t min, long *want)
{
	ucmd.armed = false;
	if (usize < min) {
		*want = -EINVAL;
		return true;
	}
	ucmd = (typeof(ucmd)){ usize > ksize, ksize, usize, want };
	return false;
}

static long ucmd_trailing(void)
{
	uint64_t at = ARG_UVA + ucmd.ksize, end = ARG_UVA + ucmd.usize;
	uint8_t buf[512];

	ptf_rt_set_twin(BASE);
	while (at < end) {
		uint64_t n = end - at < sizeof(buf) ? end - at : sizeof(buf);
		uint64_t left = caller_ops[BASE]->user_read(callers_proc(), at,
							    buf, n);

		for (uint64_t i = 0; i < n - left; i++)
			if (buf[i])
				return -E2BIG;
		if (left)
			return -EFAULT;
		at += n;
	}
	return 0;
}

static void run_ioctl(struct engine *e, unsigned int cmd, long ret[PTF_NR_TWINS],
		      bool *failed)
{
	if (ucmd.armed) {
		long err = ucmd_trailing();

		if (err)
			*ucmd.want = err;
		ucmd.armed = false;
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->iommufd_ioctl(M.fd, cmd, ARG_UVA);
		twin_leave(e, tw);
	}
	*failed = fail_delivered(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		*failed |= caller_ops[tw]->should_fail_delivered();
		caller_ops[tw]->should_fail_nth(0);
	}
	check_twins_ret(e, "the ioctl", ret[BASE], ret[CAND]);
}

static void run_attach_hwpt(struct engine *e, int slot, uint64_t ioas_id,
			    int profile, int resv);

static bool create(struct engine *e)
{
	const struct target_config *cfg = &e->prog->cfg;
	struct pin_model pm = M.pm;
	struct xlatevec want = M.want;
	struct iommu_ioas_alloc alloc = { .size = sizeof(alloc) };
	long ret[PTF_NR_TWINS];
	int fd[PTF_NR_TWINS];
	bool failed;

	memset(&M, 0, sizeof(M));
	ucmd.armed = false;
	M.pm = pm;
	M.want = want;
	M.acct_mode = 1;
	pin_model_reset(&M.pm);
	nr_spans = 0;
	callers_begin(e, cfg->v[F_LAYOUT], cfg->v[F_MEMLOCK], cfg->v[F_IPC_LOCK]);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		fd[tw] = caller_ops[tw]->iommufd_open();
	}
	check_twins_ret(e, "open(/dev/iommu)", fd[BASE], fd[CAND]);
	if (fd[CAND] < 0)
		finding(e, "contract", "open(/dev/iommu) failed",
			"expected: a file\nactual:   %d\n", fd[CAND]);
	M.fd = fd[CAND];
	/* An IOAS, and group 0's domain on it, as most users start. */
	user_put(e, ARG_UVA, &alloc, sizeof(alloc));
	run_ioctl(e, IOMMU_IOAS_ALLOC, ret, &failed);
	if (ret[CAND])
		finding(e, "contract", "IOMMU_IOAS_ALLOC return code",
			"expected: 0\nactual:   %ld\n", ret[CAND]);
	M.ioas[0] = (struct iioas){ .live = true, .id = id_alloc(O_IOAS, 0) };
	run_attach_hwpt(e, 0, M.ioas[0].id, cfg->v[F_PROFILE], 0);
	oracle_warns(e);
	return true;
}

/* Checks after every op ------------------------------------------------------------ */

static int area_access(const struct iarea *a)
{
	return (a->prot & IOMMU_IOAS_MAP_READABLE ? MODEL_PROT_READ : 0) |
	       (a->prot & IOMMU_IOAS_MAP_WRITEABLE ? MODEL_PROT_WRITE : 0);
}

static void expect_ioas(const struct iioas *io, struct xlatevec *xv)
{
	xlate_clear(xv);
	for (unsigned int i = 0; i < io->nr_area; i++) {
		const struct iarea *a = &io->area[i];
		const struct ipages *pg = &M.pages[a->pages];

		xlate_user_range(xv, pg->proc, a->iova, pg->uptr + a->start_byte,
				 a->len, area_access(a));
	}
	xlate_normalize(xv);
}

static void *hwpt_domain(int tw, int slot)
{
	ptf_rt_set_twin(tw);
	return caller_ops[tw]->group_domain(slot);
}

static void check_state(struct engine *e)
{
	if (e->opts.no_oracles)
		return;
	oracle_warns(e);
	check_locks(e);
	for (int i = 0; i < MAX_IOAS; i++) {
		const struct iioas *io = &M.ioas[i];

		/*
		 * Without a domain there is no table to check, and the areas
		 * may cover unmapped memory: nothing is pinned yet.
		 */
		if (!io->live || !io->nr_dom)
			continue;
		expect_ioas(io, &M.want);
		for (unsigned int d = 0; d < io->nr_dom; d++) {
			struct ihwpt *h = &M.hwpt[io->dom[d]];

			/* The no-IOMMU table has no device: GET_PA reads it. */
			if (io->dom[d] == NOIOMMU)
				continue;
			for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
				check_domain(e, tw, &h->view,
					     hwpt_domain(tw, io->dom[d]), &M.want,
					     d ? "another" : "the storage");
		}
	}
	derive_pins(e);
	check_pins(e, &M.pm, M.pm.touched_all);
}

static bool injected(bool failed, long ret)
{
	return failed && ret;
}

static void check_ret(struct engine *e, const char *what, long want, long got,
		      bool failed)
{
	if (!e->opts.no_oracles && got != want && !injected(failed, got))
		finding(e, "contract", what, "expected: %ld\nactual:   %ld\n",
			want, got);
}

/* IOMMU_IOAS_ALLOC, IOMMU_DESTROY ------------------------------------------------------ */

static void run_ioas_alloc(struct engine *e, const struct op *op)
{
	struct iommu_ioas_alloc cmd = { .size = op->args[1], .flags = op->args[0] };
	long ret[PTF_NR_TWINS], want = 0;
	int idx;
	bool failed;

	for (idx = 0; idx < MAX_IOAS && M.ioas[idx].live; idx++)
		;
	if (idx == MAX_IOAS) {
		note(e, "skipped: %d IOASes", MAX_IOAS);
		return;
	}
	if (ucmd_failed(sizeof(cmd), cmd.size, 12, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (cmd.flags)
		want = -EOPNOTSUPP;
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_IOAS_ALLOC, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	check_ret(e, "IOMMU_IOAS_ALLOC return code", want, ret[CAND], failed);
	if (!ret[CAND]) {
		unsigned int id = id_alloc(O_IOAS, idx);

		M.ioas[idx] = (struct iioas){ .live = true, .id = id };
		for (int tw = PTF_NR_TWINS - 1; tw >= 0 && !e->opts.no_oracles; tw--) {
			struct iommu_ioas_alloc out;

			user_get(e, tw, ARG_UVA, &out, sizeof(out));
			if (out.out_ioas_id != id)
				finding(e, "contract", "IOMMU_IOAS_ALLOC id",
					"%s twin\nexpected: %u\nactual:   %u\n",
					twin_name(tw), id, out.out_ioas_id);
		}
	}
	check_state(e);
}

static void run_destroy(struct engine *e, const struct op *op)
{
	uint64_t id = (uint32_t)op->args[0];
	struct iommu_destroy cmd = { .size = op->args[1], .id = id };
	long ret[PTF_NR_TWINS], want;
	bool failed;
	struct iioas *io = ioas_of(id);

	/* An IOAS goes only when nothing holds it (hwpts, accesses). */
	if (ucmd_failed(sizeof(cmd), cmd.size, 8, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (id >= MAX_IDS || M.obj[id] == O_NONE)
		want = -ENOENT;
	else if (io) {
		bool held = io->accesses;

		for (int h = 0; h < MAX_HWPT; h++)
			held |= M.hwpt[h].live && &M.ioas[M.hwpt[h].ioas] == io;
		want = held ? -EBUSY : 0;
	} else {
		want = -EBUSY;	/* hwpts and accesses: a device holds them */
	}
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_DESTROY, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	check_ret(e, "IOMMU_DESTROY return code", want, ret[CAND], failed);
	if (!ret[CAND] && io) {
		*io = (struct iioas){ 0 };
		M.obj[id] = O_NONE;
		pages_gc();
	}
	check_state(e);
}

/* IOMMU_IOAS_MAP ------------------------------------------------------------------------ */

/*
 * A new area over @pg's bytes from @start_byte at [iova, iova + len):
 * what the IOVA checks say, then the pins its fill needs when the IOAS
 * has domains.
 */
static long place_area(struct engine *e, struct iioas *io, uint64_t iova,
		       uint64_t len, uint64_t start_byte, bool write,
		       const struct ipages *pg, struct pin_need *need, int p)
{
	uint64_t align = ioas_align(io);

	if ((len & (align - 1)) || !len)
		return -EINVAL;
	if (iova & (align - 1))
		return -EINVAL;
	if (iova + (len - 1) < iova)
		return -EOVERFLOW;
	if (resv_in(io, iova, iova + len - 1))
		return -EINVAL;
	if (area_in(io, iova, iova + len - 1))
		return -EEXIST;
	if (write && !pg->writable)
		return -EPERM;
	if ((start_byte % CPU_PAGE) & (align - 1))
		return -EINVAL;
	if (io->nr_dom && p >= 0)
		need_for_pages(e, need, p, start_byte / CPU_PAGE,
			       (start_byte + len - 1) / CPU_PAGE);
	return 0;
}

/* Is an IOVA the kernel chose for a new area a valid choice? */
static bool iova_ok(const struct iioas *io, uint64_t iova, uint64_t len,
		    uint64_t uva)
{
	bool in_allowed = !io->nr_allowed;

	for (unsigned int i = 0; i < io->nr_allowed; i++)
		in_allowed |= iova >= io->allowed[i].start &&
			      iova + len - 1 <= io->allowed[i].last;
	return iova >= CPU_PAGE && !(iova & (ioas_align(io) - 1)) &&
	       iova % CPU_PAGE == uva % CPU_PAGE && in_allowed &&
	       !resv_in(io, iova, iova + len - 1) &&
	       !area_in(io, iova, iova + len - 1);
}

/*
 * iopt_alloc_iova()'s refusals before it looks for room: a length it
 * cannot round up (-EOVERFLOW), and an IOVA alignment, taken from the
 * user address (@addr) and the length and at most PAGE_SIZE (no THP),
 * below the IOAS's (-EINVAL).
 */
static long auto_iova_ret(const struct iioas *io, uint64_t addr, uint64_t len)
{
	uint64_t align = 1;

	if (len >= ULONG_MAX_ / 2)
		return -EOVERFLOW;
	while (align < len)
		align <<= 1;
	if (addr && (addr & -addr) < align)
		align = addr & -addr;
	if (align >= CPU_PAGE)
		align = CPU_PAGE;
	return align < ioas_align(io) ? -EINVAL : 0;
}

static void run_map(struct engine *e, const struct op *op)
{
	struct iommu_ioas_map cmd = {
		.size = op->args[6], .flags = op->args[0], .ioas_id = op->args[1],
		.user_va = op->args[2], .length = op->args[3], .iova = op->args[4],
		.__reserved = op->args[5],
	};
	bool fixed = cmd.flags & IOMMU_IOAS_MAP_FIXED_IOVA;
	bool write = cmd.flags & IOMMU_IOAS_MAP_WRITEABLE;
	struct iioas *io = ioas_of(cmd.ioas_id);
	struct pin_need need = { 0 };
	long ret[PTF_NR_TWINS], want = 0;
	struct ipages pg;
	bool failed, auto_ok = true;
	uint64_t iova = cmd.iova;

	if (ucmd_failed(sizeof(cmd), cmd.size, 40, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if ((cmd.flags & ~7u) || cmd.__reserved)
		want = -EOPNOTSUPP;
	else if (cmd.iova >= ULONG_MAX_ || cmd.length >= ULONG_MAX_)
		want = -EOVERFLOW;
	else if (!(cmd.flags & (IOMMU_IOAS_MAP_WRITEABLE | IOMMU_IOAS_MAP_READABLE)))
		want = -EINVAL;
	else if (!io)
		want = -ENOENT;
	else if (cmd.user_va + cmd.length < cmd.user_va)
		want = -EOVERFLOW;
	else {
		pg = (struct ipages){ .uptr = cmd.user_va & ~(CPU_PAGE - 1),
				      .proc = callers_proc(), .writable = write,
				      .acct = e->prog->cfg.v[F_IPC_LOCK] ? 0 : M.acct_mode };
		pg.npages = (cmd.length + cmd.user_va % CPU_PAGE + CPU_PAGE - 1) / CPU_PAGE;
		if (fixed) {
			want = place_area(e, io, cmd.iova, cmd.length,
					  cmd.user_va % CPU_PAGE, write, &pg,
					  &need, -1);
		} else if (!cmd.length || (cmd.length & (ioas_align(io) - 1))) {
			want = -EINVAL;
		} else {
			want = auto_iova_ret(io, cmd.user_va, cmd.length);
		}
		if (!want && io->nr_dom) {
			/* The fill pins the new pages object's pages. */
			if (!pinnable(pg.proc, cmd.user_va, cmd.length, write))
				need.fault = true;
			if (over_limit(e, pg.acct, pg.proc, pg.npages))
				need.nomem = true;
		}
	}
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_IOAS_MAP, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	if (!ret[CAND]) {
		struct iommu_ioas_map out[PTF_NR_TWINS];

		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			user_get(e, tw, ARG_UVA, &out[tw], sizeof(out[tw]));
		if (out[BASE].iova != out[CAND].iova)
			finding(e, "twins", "IOVAs differ",
				"IOMMU_IOAS_MAP chose 0x%llx on the baseline and 0x%llx on the candidate\n",
				(unsigned long long)out[BASE].iova,
				(unsigned long long)out[CAND].iova);
		iova = out[CAND].iova;
		note(e, "at iova 0x%" PRIx64, iova);
		if (!fixed && io && !want)
			auto_ok = iova_ok(io, iova, cmd.length, cmd.user_va);
	}
	if (!e->opts.no_oracles) {
		/*
		 * The model does not predict where an automatic IOVA goes, so
		 * nor whether one fits (-ENOSPC, before any page is pinned):
		 * iova_ok() checks the IOVA chosen.
		 */
		if (!fixed && !want && ret[CAND] == -ENOSPC) {
			note(e, "no room for an automatic IOVA");
		} else if (!want && (need.fault || need.nomem) && !failed) {
			if (!need_ok(&need, ret[CAND]))
				finding(e, "contract", "IOMMU_IOAS_MAP return code",
					"expected: %s\nactual:   %ld\n",
					need.fault ? "-EFAULT" : "-ENOMEM", ret[CAND]);
		} else {
			check_ret(e, "IOMMU_IOAS_MAP return code", want, ret[CAND], failed);
		}
		if (!auto_ok)
			finding(e, "contract", "IOMMU_IOAS_MAP chose an IOVA it may not",
				"0x%" PRIx64 " for 0x%llx bytes of user_va 0x%llx\n", iova,
				(unsigned long long)cmd.length,
				(unsigned long long)cmd.user_va);
	}
	if (!ret[CAND]) {
		int p = pages_alloc(callers_proc(), cmd.user_va, cmd.length, write,
				    e->prog->cfg.v[F_IPC_LOCK]);
		struct iarea a = { iova, cmd.length, cmd.user_va % CPU_PAGE, p,
				   (int)(cmd.flags & 6) };

		if (p < 0)
			rt_fatal("harness", "more than %d pages objects", MAX_PAGES);
		area_insert(io, &a);
		caller_decoder_mark(dec, iova);
	}
	check_state(e);
}

/* IOMMU_IOAS_UNMAP --------------------------------------------------------------------- */

static void run_unmap(struct engine *e, const struct op *op)
{
	struct iommu_ioas_unmap cmd = {
		.size = op->args[3], .ioas_id = op->args[0], .iova = op->args[1],
		.length = op->args[2],
	};
	struct iioas *io = ioas_of(cmd.ioas_id);
	uint64_t last = cmd.iova + cmd.length - 1, unmapped = 0;
	long ret[PTF_NR_TWINS], want = 0;
	unsigned int removed = 0;
	bool all = !cmd.iova && cmd.length == UINT64_MAX, failed;

	if (ucmd_failed(sizeof(cmd), cmd.size, 24, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (!io)
		want = -ENOENT;
	else if (!all && (cmd.iova >= ULONG_MAX_ || cmd.length >= ULONG_MAX_))
		want = -EOVERFLOW;
	else if (!all && !cmd.length)
		want = -EINVAL;
	else if (!all && last < cmd.iova)
		want = -EOVERFLOW;
	else {
		/* Whole areas in order; one cut by the range ends it: -ENOENT. */
		for (unsigned int i = 0; i < io->nr_area; i++) {
			const struct iarea *a = &io->area[i];

			if (!all && !overlaps(a->iova, a->iova + a->len - 1,
					      cmd.iova, last))
				continue;
			if (!all && (a->iova < cmd.iova ||
				     a->iova + a->len - 1 > last)) {
				want = -ENOENT;
				break;
			}
			unmapped += a->len;
			removed++;
		}
		if (!want && !unmapped && !all)
			want = -ENOENT;
	}
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_IOAS_UNMAP, ret, &failed);
	note(e, "-> %ld, 0x%" PRIx64 " bytes", ret[CAND], unmapped);
	check_ret(e, "IOMMU_IOAS_UNMAP return code", want, ret[CAND], failed);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0 && !ret[CAND] && !e->opts.no_oracles; tw--) {
		struct iommu_ioas_unmap out;

		user_get(e, tw, ARG_UVA, &out, sizeof(out));
		if (out.length != unmapped)
			finding(e, "contract", "IOMMU_IOAS_UNMAP length",
				"%s twin\nexpected: 0x%" PRIx64 "\nactual:   0x%llx\n",
				twin_name(tw), unmapped, (unsigned long long)out.length);
	}
	/* The areas before the one that stopped it are gone either way. */
	if (io && (!ret[CAND] || want == -ENOENT)) {
		for (unsigned int i = 0; i < io->nr_area && removed;) {
			const struct iarea *a = &io->area[i];

			if (all || (a->iova >= cmd.iova && a->iova + a->len - 1 <= last)) {
				/* The accesses give their pins in it back. */
				for (int k = 0; k < MAX_ACC; k++)
					for (unsigned int n = M.acc[k].nr_pin; M.acc[k].live &&
					     &M.ioas[M.acc[k].ioas] == io && n--;)
						if (overlaps(M.acc[k].pin[n].iova,
							     M.acc[k].pin[n].iova + M.acc[k].pin[n].len - 1,
							     a->iova, a->iova + a->len - 1))
							M.acc[k].pin[n] = M.acc[k].pin[--M.acc[k].nr_pin];
				area_remove(io, i);
				removed--;
			} else {
				i++;
			}
		}
		pages_gc();
	}
	check_state(e);
}

/* IOMMU_IOAS_COPY ------------------------------------------------------------------------ */

/*
 * iopt_get_pages(): the areas of the source covering [iova, iova + len)
 * contiguously, each a piece of its pages object; -ENOENT at a hole.
 */
static long copy_pieces(const struct iioas *src, uint64_t iova, uint64_t len,
			struct iarea *piece, unsigned int *n)
{
	uint64_t cur = iova, last = iova + len - 1;

	*n = 0;
	if (!len)
		return -EINVAL;
	if (last < iova)
		return -EOVERFLOW;
	while (cur <= last) {
		const struct iarea *a = NULL;

		for (unsigned int i = 0; i < src->nr_area; i++)
			if (cur >= src->area[i].iova &&
			    cur <= src->area[i].iova + src->area[i].len - 1)
				a = &src->area[i];
		if (!a || *n == MAX_AREAS)
			return -ENOENT;
		piece[*n] = (struct iarea){
			.pages = a->pages, .prot = a->prot,
			.start_byte = a->start_byte + (cur - a->iova),
			.len = (a->iova + a->len - 1 < last ? a->iova + a->len - 1 : last) - cur + 1,
		};
		cur += piece[(*n)++].len;
		if (!cur)
			break;
	}
	return 0;
}

static void run_copy(struct engine *e, const struct op *op)
{
	struct iommu_ioas_copy cmd = {
		.size = op->args[6], .flags = op->args[0], .dst_ioas_id = op->args[1],
		.src_ioas_id = op->args[2], .length = op->args[3],
		.dst_iova = op->args[4], .src_iova = op->args[5],
	};
	bool fixed = cmd.flags & IOMMU_IOAS_MAP_FIXED_IOVA;
	bool write = cmd.flags & IOMMU_IOAS_MAP_WRITEABLE;
	struct iioas *src = ioas_of(cmd.src_ioas_id), *dst = ioas_of(cmd.dst_ioas_id);
	static struct iarea piece[MAX_AREAS];
	struct pin_need need = { 0 };
	long ret[PTF_NR_TWINS], want = 0;
	uint64_t iova = cmd.dst_iova;
	unsigned int n = 0;
	bool failed, auto_ok = true, found_ok;

	if (ucmd_failed(sizeof(cmd), cmd.size, 40, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (cmd.flags & ~7u)
		want = -EOPNOTSUPP;
	else if (cmd.length >= ULONG_MAX_ || cmd.src_iova >= ULONG_MAX_ ||
		 cmd.dst_iova >= ULONG_MAX_)
		want = -EOVERFLOW;
	else if (!(cmd.flags & 6))
		want = -EINVAL;
	else if (!src)
		want = -ENOENT;
	else if ((want = copy_pieces(src, cmd.src_iova, cmd.length, piece, &n)))
		;
	else if (!dst)
		want = -ENOENT;
	else if (!cmd.length || (cmd.length & (ioas_align(dst) - 1)))
		want = -EINVAL;
	else if (!fixed)
		want = auto_iova_ret(dst, M.pages[piece[0].pages].uptr +
					  piece[0].start_byte, cmd.length);
	else if (iova & (ioas_align(dst) - 1))
		want = -EINVAL;
	else if (iova + (cmd.length - 1) < iova)
		want = -EOVERFLOW;
	else if (resv_in(dst, iova, iova + cmd.length - 1))
		want = -EINVAL;
	else if (area_in(dst, iova, iova + cmd.length - 1))
		want = -EEXIST;
	/* iopt_insert_area(), per piece, once the IOVA is found. */
	found_ok = !want;
	for (unsigned int i = 0; !want && dst && i < n; i++) {
		if (write && !M.pages[piece[i].pages].writable)
			want = -EPERM;
		else if ((piece[i].start_byte % CPU_PAGE) & (ioas_align(dst) - 1))
			want = -EINVAL;
	}
	/* A fill of dst's domains pins what no other domain holds yet. */
	for (unsigned int i = 0; !want && dst && dst->nr_dom && i < n; i++) {
		const struct ipages *pg = &M.pages[piece[i].pages];
		uint64_t f = piece[i].start_byte / CPU_PAGE;
		uint64_t l = (piece[i].start_byte + piece[i].len - 1) / CPU_PAGE;

		if (!pinnable(pg->proc, pg->uptr + f * CPU_PAGE,
			      (l - f + 1) * CPU_PAGE, pg->writable))
			need.fault = true;
		/*
		 * Which of its pages need a new pin (and so accounting) the
		 * model does not work out: -ENOMEM is possible when all of
		 * them would break the limit.
		 */
		if (over_limit(e, pg->acct, pg->proc, l - f + 1))
			need.nomem = true;
	}
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_IOAS_COPY, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	if (!ret[CAND]) {
		struct iommu_ioas_copy out[PTF_NR_TWINS];

		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			user_get(e, tw, ARG_UVA, &out[tw], sizeof(out[tw]));
		if (out[BASE].dst_iova != out[CAND].dst_iova)
			finding(e, "twins", "IOVAs differ",
				"IOMMU_IOAS_COPY chose 0x%llx on the baseline and 0x%llx on the candidate\n",
				(unsigned long long)out[BASE].dst_iova,
				(unsigned long long)out[CAND].dst_iova);
		iova = out[CAND].dst_iova;
		note(e, "at iova 0x%" PRIx64, iova);
		if (!fixed && dst && !want)
			auto_ok = iova_ok(dst, iova, cmd.length,
					  M.pages[piece[0].pages].uptr + piece[0].start_byte);
	}
	if (!e->opts.no_oracles) {
		/* Pages already pinned by a source domain need no new pin. */
		if (!fixed && found_ok && ret[CAND] == -ENOSPC)
			note(e, "no room for an automatic IOVA");
		else if (!want && need.fault && !failed && ret[CAND] &&
		    ret[CAND] != -EFAULT && ret[CAND] != -ENOMEM)
			finding(e, "contract", "IOMMU_IOAS_COPY return code",
				"expected: 0 or -EFAULT\nactual:   %ld\n", ret[CAND]);
		else if (!need.fault && (!need.nomem || ret[CAND] != -ENOMEM))
			check_ret(e, "IOMMU_IOAS_COPY return code", want, ret[CAND], failed);
		if (!auto_ok)
			finding(e, "contract", "IOMMU_IOAS_COPY chose an IOVA it may not",
				"0x%" PRIx64 " for 0x%llx bytes\n", iova,
				(unsigned long long)cmd.length);
	}
	for (unsigned int i = 0; !ret[CAND] && i < n; i++) {
		piece[i].iova = iova;
		piece[i].prot = cmd.flags & 6;
		iova += piece[i].len;
		area_insert(dst, &piece[i]);
	}
	check_state(e);
}

/* IOMMU_IOAS_IOVA_RANGES, IOMMU_IOAS_ALLOW_IOVAS ------------------------------------------ */

/* The holes of the reserved ranges: what IOVA_RANGES reports. */
static unsigned int iova_holes(const struct iioas *io, struct irange *out)
{
	struct irange r[MAX_RANGES];
	unsigned int n = io->nr_resv, k = 0;
	uint64_t next = 0;
	bool done = false;

	memcpy(r, io->resv, n * sizeof(*r));
	for (unsigned int i = 0; i < n; i++)		/* sort by start */
		for (unsigned int j = i + 1; j < n; j++)
			if (r[j].start < r[i].start) {
				struct irange t = r[i];

				r[i] = r[j];
				r[j] = t;
			}
	for (unsigned int i = 0; i < n && !done; i++) {
		if (r[i].start > next && k < MAX_RANGES)
			out[k++] = (struct irange){ next, r[i].start - 1 };
		if (r[i].last == UINT64_MAX)
			done = true;
		else if (r[i].last + 1 > next)
			next = r[i].last + 1;
	}
	if (!done && k < MAX_RANGES)
		out[k++] = (struct irange){ next, UINT64_MAX };
	return k;
}

static void run_ranges(struct engine *e, const struct op *op)
{
	struct iommu_ioas_iova_ranges cmd = {
		.size = op->args[3], .ioas_id = op->args[0], .num_iovas = op->args[1],
		.__reserved = op->args[2], .allowed_iovas = DATA_UVA,
	};
	struct iioas *io = ioas_of(cmd.ioas_id);
	struct irange holes[MAX_RANGES];
	long ret[PTF_NR_TWINS], want = 0;
	unsigned int nh = 0;
	bool failed;

	if (ucmd_failed(sizeof(cmd), cmd.size, 32, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (cmd.__reserved)
		want = -EOPNOTSUPP;
	else if (!io)
		want = -ENOENT;
	else if ((nh = iova_holes(io, holes)) > cmd.num_iovas)
		want = cmd.num_iovas * sizeof(struct iommu_iova_range) > DATA_BYTES ?
		       -EFAULT : -EMSGSIZE;
	else if (nh * sizeof(struct iommu_iova_range) > DATA_BYTES)
		want = -EFAULT;
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_IOAS_IOVA_RANGES, ret, &failed);
	note(e, "-> %ld, %u ranges", ret[CAND], nh);
	check_ret(e, "IOMMU_IOAS_IOVA_RANGES return code", want, ret[CAND], failed);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0 && (!want || want == -EMSGSIZE) &&
	     ret[CAND] == want && !e->opts.no_oracles; tw--) {
		struct iommu_ioas_iova_ranges out;
		struct iommu_iova_range r[MAX_RANGES];

		user_get(e, tw, ARG_UVA, &out, sizeof(out));
		if (out.num_iovas != nh || out.out_iova_alignment != ioas_align(io))
			finding(e, "contract", "IOMMU_IOAS_IOVA_RANGES out fields",
				"%s twin\nexpected: %u ranges, alignment 0x%" PRIx64 "\nactual:   %u ranges, alignment 0x%llx\n",
				twin_name(tw), nh, ioas_align(io), out.num_iovas,
				(unsigned long long)out.out_iova_alignment);
		if (want)
			continue;
		user_get(e, tw, DATA_UVA, r, nh * sizeof(r[0]));
		for (unsigned int i = 0; i < nh; i++)
			if (r[i].start != holes[i].start || r[i].last != holes[i].last)
				finding(e, "contract", "IOMMU_IOAS_IOVA_RANGES range",
					"%s twin, range %u\nexpected: [0x%" PRIx64 ", 0x%" PRIx64 "]\nactual:   [0x%llx, 0x%llx]\n",
					twin_name(tw), i, holes[i].start, holes[i].last,
					(unsigned long long)r[i].start,
					(unsigned long long)r[i].last);
	}
	check_state(e);
}

static void run_allow(struct engine *e, const struct op *op)
{
	struct iommu_ioas_allow_iovas cmd = {
		.size = op->args[3], .ioas_id = op->args[0], .num_iovas = op->args[1] % 4,
		.allowed_iovas = DATA_UVA,
	};
	struct iommu_iova_range r[4];
	struct iioas *io = ioas_of(cmd.ioas_id);
	long ret[PTF_NR_TWINS], want = 0;
	bool failed;

	/* The ranges: from the op's two values, split, sometimes inverted. */
	for (unsigned int i = 0; i < 4; i++) {
		uint64_t base = op->args[2] + i * (op->args[4] + CPU_PAGE);

		r[i] = (struct iommu_iova_range){ base, base + op->args[4] };
	}
	if (ucmd_failed(sizeof(cmd), cmd.size, 24, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (!io)
		want = -ENOENT;
	for (unsigned int i = 0; !want && i < cmd.num_iovas; i++) {
		if (r[i].start >= r[i].last)
			want = -EINVAL;
		for (unsigned int j = 0; !want && j < i; j++)
			if (overlaps(r[j].start, r[j].last, r[i].start, r[i].last))
				want = -EINVAL;
	}
	for (unsigned int i = 0; !want && i < cmd.num_iovas; i++)
		if (resv_in(io, r[i].start, r[i].last))
			want = -EADDRINUSE;
	user_put(e, DATA_UVA, r, sizeof(r));
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_IOAS_ALLOW_IOVAS, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	check_ret(e, "IOMMU_IOAS_ALLOW_IOVAS return code", want, ret[CAND], failed);
	if (!ret[CAND]) {
		io->nr_allowed = cmd.num_iovas;
		for (unsigned int i = 0; i < cmd.num_iovas; i++)
			io->allowed[i] = (struct irange){ r[i].start, r[i].last, -1 };
	}
	check_state(e);
}

/* Domains: attach, detach ------------------------------------------------------------------- */

/*
 * iopt_table_add_domain() with the device's reserved regions first: the
 * regions and the aperture's outside may hold no area and no allowed
 * range, the new alignment must fit every area; then the fill, which
 * pins every area's pages if no domain did yet.
 */
static long hwpt_attach_model(struct engine *e, int slot, struct iioas *io,
			      int profile, int resv, struct pin_need *need)
{
	static const uint64_t r[4][2] = {
		{ 0, 0 }, { 0xfee00000, 0x100000 }, { 0x8000000, 0x100000 },
		{ 0, 0x10000 },
	};
	uint64_t align = slot == NOIOMMU ? CPU_PAGE :
			 M.hwpt[slot].pgsize > ioas_align(io) ? M.hwpt[slot].pgsize :
			 ioas_align(io);
	uint64_t end = M.hwpt[slot].aperture_end;

	if (slot != NOIOMMU && r[resv][1]) {
		uint64_t f = r[resv][0], l = f + r[resv][1] - 1;

		if (area_in(io, f, l) || allowed_in(io, f, l))
			return -EADDRINUSE;
	}
	if (align < ioas_align(io))
		align = ioas_align(io);
	if (align > CPU_PAGE)
		return -EINVAL;
	for (unsigned int i = 0; i < io->nr_area && align != ioas_align(io); i++)
		if ((io->area[i].iova | io->area[i].len | io->area[i].start_byte % CPU_PAGE) &
		    (align - 1))
			return -EADDRINUSE;
	if (end != UINT64_MAX &&
	    (area_in(io, end + 1, UINT64_MAX) || allowed_in(io, end + 1, UINT64_MAX)))
		return -EADDRINUSE;
	if (!io->nr_dom)
		for (unsigned int i = 0; i < io->nr_area; i++) {
			const struct iarea *a = &io->area[i];

			need_for_pages(e, need, a->pages, area_index(a, a->iova),
				       area_index(a, a->iova + a->len - 1));
		}
	return 0;
}

/* The aperture end and smallest page of a slot's domain (as it is made). */
static void hwpt_limits(int slot, int profile)
{
	static const unsigned int ias[NR_PROFILES] = { 48, 48, 40, 38, 38, 48 };
	static const uint64_t pg[NR_PROFILES] = { 4096, 4096, 4096, 2048, 2048, 4096 };

	if (slot == NOIOMMU) {
		M.hwpt[slot].aperture_end = UINT64_MAX;
		M.hwpt[slot].pgsize = 4096;
		M.hwpt[slot].dirty_ok = false;
		return;
	}
	M.hwpt[slot].aperture_end = (1ULL << ias[profile]) - 1;
	M.hwpt[slot].pgsize = pg[profile];
	M.hwpt[slot].dirty_ok = domain_profiles[profile].dirty;
}

static void run_attach_hwpt(struct engine *e, int slot, uint64_t ioas_id,
			    int profile, int resv)
{
	struct iioas *io = ioas_of(ioas_id);
	struct pin_need need = { 0 };
	int ret[PTF_NR_TWINS];
	unsigned int hwpt_id[PTF_NR_TWINS] = { 0 };
	long want = 0;
	bool failed;

	if (M.hwpt[slot].live) {
		note(e, "skipped: %s is attached", slot == NOIOMMU ? "the no-IOMMU hwpt" : "the group");
		return;
	}
	if (slot != NOIOMMU)
		callers_group(e, slot, profile, resv, &M.hwpt[slot].view);
	hwpt_limits(slot, profile);
	if (!io)
		want = -ENOENT;
	else
		want = hwpt_attach_model(e, slot, io, profile, resv, &need);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		/* With dirty tracking when the IOMMU has it, as a VMM asks. */
		ret[tw] = caller_ops[tw]->iommufd_attach(M.fd, slot == NOIOMMU ? -1 : slot,
							 ioas_id, M.hwpt[slot].dirty_ok,
							 &hwpt_id[tw]);
		twin_leave(e, tw);
	}
	failed = fail_delivered(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		failed |= caller_ops[tw]->should_fail_delivered();
		caller_ops[tw]->should_fail_nth(0);
	}
	note(e, "-> %d, hwpt %u", ret[CAND], hwpt_id[CAND]);
	check_twins_ret(e, "the hwpt's attach", ret[BASE], ret[CAND]);
	if (!e->opts.no_oracles && !failed) {
		if (!want && (need.fault || need.nomem)) {
			if (!need_ok(&need, ret[CAND]))
				finding(e, "contract", "attach return code",
					"expected: %s\nactual:   %d\n",
					need.fault ? "-EFAULT" : "-ENOMEM", ret[CAND]);
		} else if (ret[CAND] != want) {
			finding(e, "contract", "attach return code",
				"expected: %ld\nactual:   %d\n", want, ret[CAND]);
		}
	}
	if (ret[CAND])
		return;
	if (hwpt_id[CAND] != id_peek() && !e->opts.no_oracles)
		finding(e, "contract", "hwpt id", "expected: %u\nactual:   %u\n",
			id_peek(), hwpt_id[CAND]);
	M.hwpt[slot].live = true;
	M.hwpt[slot].profile = profile;
	M.hwpt[slot].ioas = io - M.ioas;
	M.hwpt[slot].id = id_alloc(O_HWPT, slot);
	io->dom[io->nr_dom++] = slot;
	if (slot != NOIOMMU && resv) {
		static const uint64_t r[4][2] = {
			{ 0, 0 }, { 0xfee00000, 0x100000 }, { 0x8000000, 0x100000 },
			{ 0, 0x10000 },
		};

		io->resv[io->nr_resv++] = (struct irange){ r[resv][0],
			r[resv][0] + r[resv][1] - 1, 100 + slot };
	}
	if (M.hwpt[slot].aperture_end != UINT64_MAX)
		io->resv[io->nr_resv++] = (struct irange){
			M.hwpt[slot].aperture_end + 1, UINT64_MAX, slot };
}

static void run_attach(struct engine *e, const struct op *op)
{
	int slot = op->args[0] % (PTF_NR_GROUPS + 1);

	run_attach_hwpt(e, slot, (uint32_t)op->args[1], op->args[2] % NR_PROFILES,
			op->args[3] % 4);
	check_state(e);
}

/* The device leaves and IOMMU_DESTROY of the hwpt: the domain goes. */
static void run_detach(struct engine *e, const struct op *op)
{
	int slot = op->args[0] % (PTF_NR_GROUPS + 1);
	struct ihwpt *h = &M.hwpt[slot];
	struct iommu_destroy cmd = { .size = 8, .id = h->id };
	long ret[PTF_NR_TWINS];
	struct iioas *io;
	bool failed;

	ucmd.armed = false;	/* a struct of the right size */
	if (!h->live) {
		note(e, "skipped: no hwpt there");
		return;
	}
	if (e->fail_nth) {
		e->fail_rearmed = true;
		note(e, "(the armed allocation failure waits: detach cannot fail)");
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		caller_ops[tw]->iommufd_detach(M.fd, slot == NOIOMMU ? -1 : slot, h->id);
	}
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_DESTROY, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	check_ret(e, "IOMMU_DESTROY of the hwpt", 0, ret[CAND], false);
	io = &M.ioas[h->ioas];
	for (unsigned int d = 0; d < io->nr_dom; d++)
		if (io->dom[d] == slot)
			io->dom[d] = io->dom[--io->nr_dom];	/* xarray compaction */
	for (unsigned int r = 0; r < io->nr_resv;)
		if (io->resv[r].owner == slot || io->resv[r].owner == 100 + slot)
			io->resv[r] = io->resv[--io->nr_resv];
		else
			r++;
	M.obj[h->id] = O_NONE;
	*h = (struct ihwpt){ 0 };
	check_state(e);
}

/* Dirty tracking ----------------------------------------------------------------------------- */

static struct ihwpt *paging_hwpt(uint64_t id, int *slot)
{
	struct ihwpt *h = hwpt_of(id);

	*slot = h ? (int)(h - M.hwpt) : -1;
	return h;
}

static void run_set_dirty(struct engine *e, const struct op *op)
{
	struct iommu_hwpt_set_dirty_tracking cmd = {
		.size = op->args[2], .flags = op->args[1], .hwpt_id = op->args[0],
	};
	long ret[PTF_NR_TWINS], want = 0;
	int slot;
	struct ihwpt *h = paging_hwpt(cmd.hwpt_id, &slot);
	bool failed;

	if (ucmd_failed(sizeof(cmd), cmd.size, 16, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (cmd.flags & ~1u)
		want = -EOPNOTSUPP;
	else if (!h)
		want = -ENOENT;
	else if (slot == NOIOMMU || !h->dirty_ok)
		want = -EOPNOTSUPP;	/* no dirty ops */
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_HWPT_SET_DIRTY_TRACKING, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	check_ret(e, "IOMMU_HWPT_SET_DIRTY_TRACKING return code", want, ret[CAND],
		  failed);
	/* Enabling reads every area clean first: the hardware's D bits too. */
	if (!ret[CAND] && (cmd.flags & 1) && !e->opts.no_oracles)
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
			const struct hw_leaf *l;
			size_t n = domain_walk(e, tw, &h->view, hwpt_domain(tw, slot), 0,
					       h->aperture_end, &l);

			for (size_t i = 0; i < n; i++)
				if (l[i].dirty)
					finding(e, "dirty", "enabling dirty tracking left a page dirty",
						"%s twin: the leaf at 0x%" PRIx64 " of %s\n",
						twin_name(tw), l[i].iova, h->view.prof->name);
		}
	check_state(e);
}

static void run_write(struct engine *e, const struct op *op)
{
	int slot = op->args[0] % PTF_NR_GROUPS;
	struct ihwpt *h = &M.hwpt[slot];
	enum hw_write_result r[PTF_NR_TWINS];

	if (!h->live || !h->view.fmt->hw_write) {
		note(e, "skipped: no domain with dirty bits there");
		return;
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		r[tw] = device_write(e, tw, &h->view, hwpt_domain(tw, slot), op->args[1]);
	note(e, "-> %s", r[CAND] == HW_WRITE_DONE ? "written" : "fault");
	if (r[BASE] != r[CAND])
		finding(e, "twins", "device writes differ",
			"a write at 0x%" PRIx64 " faulted on one twin only\n", op->args[1]);
	check_state(e);
}

/* The dirty leaves of a domain in [lo, hi], as the device left them. */
static size_t dirty_leaves(struct engine *e, int slot, uint64_t lo, uint64_t hi,
			   const struct hw_leaf **l)
{
	return domain_walk(e, CAND, &M.hwpt[slot].view, hwpt_domain(CAND, slot),
			   lo, hi, l);
}

/*
 * What the bitmap must say: a bit per page_size from iova, set where a
 * dirty leaf meets it, for the IOVAs the areas cover contiguously from
 * iova (the walk stops at the first hole).
 */
static uint64_t dirty_expect(struct engine *e, int slot, const struct iioas *io,
			     uint64_t iova, uint64_t len, uint64_t page,
			     uint8_t *bits, uint64_t nbytes)
{
	const struct hw_leaf *l;
	uint64_t cur = iova, last = iova + len - 1, covered;
	size_t n;

	while (cur <= last) {
		const struct iarea *a = NULL;

		for (unsigned int i = 0; i < io->nr_area; i++)
			if (cur >= io->area[i].iova &&
			    cur <= io->area[i].iova + io->area[i].len - 1)
				a = &io->area[i];
		if (!a)
			break;
		cur = a->iova + a->len;
		if (!cur)
			break;
	}
	covered = cur > last || !cur ? last : cur - 1;
	if (cur == iova)
		return 0;
	n = dirty_leaves(e, slot, iova, covered, &l);
	for (size_t i = 0; i < n; i++) {
		uint64_t f, t;

		if (!l[i].dirty)
			continue;
		f = l[i].iova < iova ? iova : l[i].iova;
		t = l[i].iova + l[i].size - 1 > covered ? covered : l[i].iova + l[i].size - 1;
		for (uint64_t b = (f - iova) / page; b <= (t - iova) / page; b++)
			if (b / 8 < nbytes)
				bits[b / 8] |= 1 << (b % 8);
	}
	return covered - iova + 1;
}

static void run_get_dirty(struct engine *e, const struct op *op)
{
	struct iommu_hwpt_get_dirty_bitmap cmd = {
		.size = op->args[5], .hwpt_id = op->args[0], .flags = op->args[1],
		.iova = op->args[2], .length = op->args[3], .page_size = op->args[4],
		.data = DATA_UVA,
	};
	static uint8_t want_bits[DATA_BYTES], got[DATA_BYTES];
	long ret[PTF_NR_TWINS], want = 0;
	int slot;
	struct ihwpt *h = paging_hwpt(cmd.hwpt_id, &slot);
	struct iioas *io = h ? &M.ioas[h->ioas] : NULL;
	uint64_t last = cmd.iova + cmd.length - 1, read = 0, nbytes, guard;
	bool failed;

	if (ucmd_failed(sizeof(cmd), cmd.size, 48, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if ((cmd.flags & ~1u) || cmd.__reserved)
		want = -EOPNOTSUPP;
	else if (!h)
		want = -ENOENT;
	else if (!cmd.length)
		want = -EINVAL;
	else if (last < cmd.iova)
		want = -EOVERFLOW;
	else if (((cmd.iova | (last + 1)) & (ioas_align(io) - 1)) || !cmd.page_size ||
		 ((cmd.iova | (last + 1)) & (cmd.page_size - 1)))
		want = -EINVAL;
	else if (slot == NOIOMMU || !h->dirty_ok)
		want = -EOPNOTSUPP;	/* no dirty ops */
	nbytes = want ? 0 : (cmd.length / cmd.page_size + 7) / 8;
	/* A bitmap the harness can hold, of a power-of-two page size. */
	if (!want && (nbytes > DATA_BYTES || (cmd.page_size & (cmd.page_size - 1)))) {
		note(e, "skipped: a bitmap of %" PRIu64 " bytes, or page size 0x%llx",
		     nbytes, (unsigned long long)cmd.page_size);
		return;
	}
	/*
	 * The kernel only sets bits (iova_bitmap_set()): the bitmap starts
	 * zeroed, as users hand it over, and so does the rest of its last
	 * page, where a bit set past the bitmap's end shows.  Bits of IOVAs
	 * not read (a window the areas do not cover) stay zero.
	 */
	guard = (nbytes + CPU_PAGE - 1) / CPU_PAGE * CPU_PAGE;
	if (guard > DATA_BYTES)
		guard = DATA_BYTES;
	memset(want_bits, 0, guard);
	user_put(e, DATA_UVA, want_bits, guard);
	if (!want && h->dirty_ok)
		read = dirty_expect(e, slot, io, cmd.iova, cmd.length, cmd.page_size,
				    want_bits, nbytes);
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, IOMMU_HWPT_GET_DIRTY_BITMAP, ret, &failed);
	note(e, "-> %ld", ret[CAND]);
	check_ret(e, "IOMMU_HWPT_GET_DIRTY_BITMAP return code",
		  !want && read != cmd.length ? -EINVAL : want, ret[CAND], failed);
	if (!ret[CAND] && !want && !e->opts.no_oracles)
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
			uint64_t b;

			user_get(e, tw, DATA_UVA, got, guard);
			for (b = 0; b < guard * 8; b++)
				if ((got[b / 8] ^ want_bits[b / 8]) >> (b % 8) & 1)
					break;
			if (b < guard * 8)
				finding(e, "dirty", b < nbytes * 8 ?
					"the dirty bitmap differs from the pages made dirty" :
					"a bit was set past the end of the dirty bitmap",
					"%s twin: [0x%llx, +0x%llx) in pages of 0x%llx, bit %" PRIu64 " (iova 0x%llx)\nexpected: %s\nactual:   %s\n",
					twin_name(tw), (unsigned long long)cmd.iova,
					(unsigned long long)cmd.length,
					(unsigned long long)cmd.page_size, b,
					(unsigned long long)(cmd.iova + b * cmd.page_size),
					want_bits[b / 8] >> (b % 8) & 1 ? "dirty" : "clean",
					got[b / 8] >> (b % 8) & 1 ? "dirty" : "clean");
		}
	/* Unless NO_CLEAR, what was read is clean now. */
	if (!ret[CAND] && !want && read && h->dirty_ok && !(cmd.flags & 1) &&
	    !e->opts.no_oracles)
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
			const struct hw_leaf *l;
			size_t n = domain_walk(e, tw, &h->view, hwpt_domain(tw, slot),
					       cmd.iova, cmd.iova + read - 1, &l);

			for (size_t i = 0; i < n; i++)
				if (l[i].dirty && l[i].iova >= cmd.iova &&
				    l[i].iova + l[i].size - 1 <= cmd.iova + read - 1)
					finding(e, "dirty", "a page read dirty was not cleaned",
						"%s twin: the leaf [0x%" PRIx64 " +0x%" PRIx64 "]\n",
						twin_name(tw), l[i].iova, l[i].size);
		}
	check_state(e);
}

/* Accesses ----------------------------------------------------------------------------- */

static void run_acc_create(struct engine *e, const struct op *op)
{
	uint64_t ioas_id = (uint32_t)op->args[0];
	struct iioas *io = ioas_of(ioas_id);
	int ret[PTF_NR_TWINS], k;
	long want = io ? 0 : -ENOENT;
	bool failed;

	for (k = 0; k < MAX_ACC && M.acc[k].live; k++)
		;
	if (k == MAX_ACC) {
		note(e, "skipped: %d accesses", MAX_ACC);
		return;
	}
	/* An access needs PAGE_SIZE alignment of every area. */
	for (unsigned int i = 0; io && !want && i < io->nr_area; i++)
		if ((io->area[i].iova | io->area[i].len |
		     io->area[i].start_byte % CPU_PAGE) & (CPU_PAGE - 1))
			want = -EADDRINUSE;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->access_create(M.fd, ioas_id);
		twin_leave(e, tw);
	}
	failed = fail_delivered(e);
	note(e, "-> %d", ret[CAND]);
	check_twins_ret(e, "iommufd_access_create()", ret[BASE], ret[CAND]);
	check_ret(e, "iommufd_access_create() and attach", want,
		  ret[CAND] < 0 ? ret[CAND] : 0, failed);
	if (ret[CAND] < 0)
		return;
	M.acc[k] = (struct iaccess){ .live = true, .ioas = io - M.ioas,
				     .handle = ret[CAND], .id = id_alloc(O_ACCESS, k) };
	io->accesses++;
	check_state(e);
}

static void run_acc_destroy(struct engine *e, const struct op *op)
{
	struct iaccess *a = &M.acc[op->args[0] % MAX_ACC];

	if (!a->live) {
		note(e, "skipped: no access there");
		return;
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		caller_ops[tw]->access_destroy(a->handle);
	}
	M.ioas[a->ioas].accesses--;
	M.obj[a->id] = O_NONE;
	*a = (struct iaccess){ 0 };
	note(e, "-> destroyed");
	check_state(e);
}

/*
 * iommufd_access_pin_pages(): contiguous areas over [iova, iova + len),
 * page aligned, permitting the access; a page not pinned yet is pinned
 * (its limit checked).
 */
static long acc_pin_model(struct engine *e, const struct iaccess *a, uint64_t iova,
			  uint64_t len, bool write, struct pin_need *need)
{
	const struct iioas *io = &M.ioas[a->ioas];
	uint64_t cur = iova, last = iova + len - 1;

	if (!len)
		return -EINVAL;
	if (last < iova)
		return -EOVERFLOW;
	while (cur <= last) {
		const struct iarea *ar = NULL;
		uint64_t l;

		for (unsigned int i = 0; i < io->nr_area; i++)
			if (cur >= io->area[i].iova &&
			    cur <= io->area[i].iova + io->area[i].len - 1)
				ar = &io->area[i];
		if (!ar)
			return -ENOENT;
		l = ar->iova + ar->len - 1 < last ? ar->iova + ar->len - 1 : last;
		if ((ar->start_byte + (cur - ar->iova)) % CPU_PAGE ||
		    (l != last && (ar->start_byte + (l - ar->iova)) % CPU_PAGE != CPU_PAGE - 1))
			return -EINVAL;
		if (!(ar->prot & (write ? IOMMU_IOAS_MAP_WRITEABLE : IOMMU_IOAS_MAP_READABLE)))
			return -EPERM;
		if (!io->nr_dom)
			need_for_pages(e, need, ar->pages, area_index(ar, cur),
				       area_index(ar, l));
		cur = l + 1;
		if (!cur)
			break;
	}
	return 0;
}

static void run_acc_pin(struct engine *e, const struct op *op)
{
	struct iaccess *a = &M.acc[op->args[0] % MAX_ACC];
	uint64_t iova = op->args[1], len = op->args[2];
	bool write = op->args[3] & 1, failed;
	static uint64_t pfns[PTF_NR_TWINS][PTF_PIN_MAX];
	struct pin_need need = { 0 };
	int ret[PTF_NR_TWINS];
	long want;

	if (!a->live || len > PTF_PIN_MAX * CPU_PAGE || a->nr_pin == PTF_PIN_MAX) {
		note(e, "skipped: no access, or more than %d pages", PTF_PIN_MAX);
		return;
	}
	want = acc_pin_model(e, a, iova, len, write, &need);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->access_pin(a->handle, iova, len, write, pfns[tw]);
		twin_leave(e, tw);
	}
	failed = fail_delivered(e);
	note(e, "-> %d", ret[CAND]);
	check_twins_ret(e, "iommufd_access_pin_pages()", ret[BASE], ret[CAND]);
	if (!e->opts.no_oracles && !failed) {
		if (!want && (need.fault || need.nomem)) {
			if (!need_ok(&need, ret[CAND]))
				finding(e, "contract", "iommufd_access_pin_pages() return code",
					"expected: %s\nactual:   %d\n",
					need.fault ? "-EFAULT" : "-ENOMEM", ret[CAND]);
		} else if (ret[CAND] != want) {
			finding(e, "contract", "iommufd_access_pin_pages() return code",
				"expected: %ld\nactual:   %d\n", want, ret[CAND]);
		}
	}
	if (ret[CAND])
		return;
	/* The pages handed out are the areas' user pages. */
	for (uint64_t p = 0; p * CPU_PAGE < len && !e->opts.no_oracles; p++) {
		const struct iioas *io = &M.ioas[a->ioas];
		uint64_t at = iova + p * CPU_PAGE, pfn = 0;
		unsigned int flags;

		for (unsigned int i = 0; i < io->nr_area; i++) {
			const struct iarea *ar = &io->area[i];
			const struct ipages *pg = &M.pages[ar->pages];

			if (at >= ar->iova && at <= ar->iova + ar->len - 1)
				user_pfn(pg->proc, pg->uptr + area_index(ar, at) * CPU_PAGE,
					 &pfn, &flags);
		}
		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			if (pfns[tw][p] != pfn)
				finding(e, "contract", "iommufd_access_pin_pages() gave the wrong page",
					"%s twin, page %" PRIu64 " at iova 0x%" PRIx64 "\nexpected: pfn 0x%" PRIx64 "\nactual:   pfn 0x%" PRIx64 "\n",
					twin_name(tw), p, at, pfn, pfns[tw][p]);
	}
	a->pin[a->nr_pin++] = (typeof(a->pin[0])){ iova, len };
	check_state(e);
}

static void run_acc_unpin(struct engine *e, const struct op *op)
{
	struct iaccess *a = &M.acc[op->args[0] % MAX_ACC];
	unsigned int i;

	if (!a->live || !a->nr_pin) {
		note(e, "skipped: the access holds no pin");
		return;
	}
	i = op->args[1] % a->nr_pin;
	note(e, "-> gives back [0x%" PRIx64 " +0x%" PRIx64 ")", a->pin[i].iova,
	     a->pin[i].len);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		caller_ops[tw]->access_unpin(a->handle, a->pin[i].iova, a->pin[i].len);
		twin_leave(e, tw);
	}
	fail_delivered(e);
	a->pin[i] = a->pin[--a->nr_pin];
	check_state(e);
}

#define RW_MAX	8192

/* iommufd_access_rw(): contiguous areas permitting it; the bytes are user memory's. */
static void run_acc_rw(struct engine *e, const struct op *op)
{
	struct iaccess *a = &M.acc[op->args[0] % MAX_ACC];
	uint64_t iova = op->args[1], len = op->args[2], cur, last;
	unsigned int flags = op->args[3] & 1;
	static uint8_t buf[PTF_NR_TWINS][RW_MAX], want[RW_MAX], mem[RW_MAX];
	const struct iioas *io;
	int ret[PTF_NR_TWINS];
	long expect = 0;

	if (!a->live || !len || len > RW_MAX) {
		note(e, "skipped: no access, or not 1 to %d bytes", RW_MAX);
		return;
	}
	io = &M.ioas[a->ioas];
	last = iova + len - 1;
	if (last < iova)
		expect = -EOVERFLOW;
	for (cur = iova; !expect && cur <= last;) {
		const struct iarea *ar = NULL;
		const struct ipages *pg;
		uint64_t l;

		for (unsigned int i = 0; i < io->nr_area; i++)
			if (cur >= io->area[i].iova &&
			    cur <= io->area[i].iova + io->area[i].len - 1)
				ar = &io->area[i];
		if (!ar) {
			expect = -ENOENT;
			break;
		}
		if (!(ar->prot & (flags ? IOMMU_IOAS_MAP_WRITEABLE : IOMMU_IOAS_MAP_READABLE))) {
			expect = -EPERM;
			break;
		}
		pg = &M.pages[ar->pages];
		l = ar->iova + ar->len - 1 < last ? ar->iova + ar->len - 1 : last;
		if (!pinnable(pg->proc, pg->uptr + ar->start_byte + (cur - ar->iova),
			      l - cur + 1, flags))
			expect = -EFAULT;
		cur = l + 1;
		if (!cur)
			break;
	}
	for (uint64_t i = 0; i < len; i++)
		want[i] = (uint8_t)(op->args[4] + 13 * i);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memcpy(buf[tw], want, len);
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->access_rw(a->handle, iova, buf[tw], len, flags);
		twin_leave(e, tw);
	}
	fail_delivered(e);
	note(e, "-> %d", ret[CAND]);
	check_twins_ret(e, "iommufd_access_rw()", ret[BASE], ret[CAND]);
	if (e->opts.no_oracles)
		return;
	if (ret[CAND] != expect)
		finding(e, "contract", "iommufd_access_rw() return code",
			"expected: %ld\nactual:   %d\n", expect, ret[CAND]);
	for (cur = iova; !expect && cur <= last;) {
		const struct iarea *ar = NULL;
		const struct ipages *pg;
		uint64_t l;

		for (unsigned int i = 0; i < io->nr_area; i++)
			if (cur >= io->area[i].iova &&
			    cur <= io->area[i].iova + io->area[i].len - 1)
				ar = &io->area[i];
		pg = &M.pages[ar->pages];
		l = ar->iova + ar->len - 1 < last ? ar->iova + ar->len - 1 : last;
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
			ptf_rt_set_twin(tw);
			caller_ops[tw]->user_read(pg->proc,
				pg->uptr + ar->start_byte + (cur - ar->iova), mem,
				l - cur + 1);
			if (memcmp(mem, flags ? want + (cur - iova) : buf[tw] + (cur - iova),
				   l - cur + 1))
				finding(e, "contract", "iommufd_access_rw() copied other bytes",
					"%s twin: a %s of [0x%" PRIx64 ", 0x%" PRIx64 "] differs from the user memory\n",
					twin_name(tw), flags ? "write" : "read", cur, l);
		}
		cur = l + 1;
		if (!cur)
			break;
	}
	check_state(e);
}

/* IOMMU_IOAS_NOIOMMU_GET_PA --------------------------------------------------------------- */

/*
 * iopt_get_phys(): the PA at iova and how far the area translates it
 * contiguously (in whole pages from iova's offset), capped by length;
 * only when the area's storage domain is the no-IOMMU table.
 */
static long get_pa_model(const struct iioas *io, uint64_t iova, uint64_t max,
			 uint64_t *pa, uint64_t *len)
{
	const struct iarea *ar = NULL;
	const struct ipages *pg;
	uint64_t pfn, next_pfn, last, cur;
	unsigned int flags;

	if (!max)
		return -EINVAL;
	for (unsigned int i = 0; i < io->nr_area; i++)
		if (iova >= io->area[i].iova && iova <= io->area[i].iova + io->area[i].len - 1)
			ar = &io->area[i];
	if (!ar)
		return -ENOENT;
	if (!io->nr_dom || io->dom[0] != NOIOMMU)
		return -EOPNOTSUPP;
	pg = &M.pages[ar->pages];
	user_pfn(pg->proc, pg->uptr + area_index(ar, iova) * CPU_PAGE, &pfn, &flags);
	*pa = pfn * CPU_PAGE + (ar->start_byte + (iova - ar->iova)) % CPU_PAGE;
	last = ar->iova + ar->len - 1;
	*len = CPU_PAGE - iova % CPU_PAGE;
	if (*len > last - iova + 1)
		*len = last - iova + 1;
	for (cur = iova; *len < max;) {
		uint64_t nx;

		if (cur + CPU_PAGE < cur || cur + CPU_PAGE > last)
			break;
		nx = cur + CPU_PAGE;
		user_pfn(pg->proc, pg->uptr + area_index(ar, nx) * CPU_PAGE, &next_pfn,
			 &flags);
		if (next_pfn != pfn + 1)
			break;
		pfn = next_pfn;
		cur = nx;
		*len += CPU_PAGE;
	}
	if (*len > max)
		*len = max;
	return 0;
}

static void run_get_pa(struct engine *e, const struct op *op)
{
	struct {
		uint32_t size, flags, ioas_id, __reserved;
		uint64_t iova, length, out_phys;
	} cmd = { op->args[3], op->args[2], op->args[0], 0, op->args[1], op->args[4] };
	struct iioas *io = ioas_of(cmd.ioas_id);
	uint64_t pa = 0, len = 0;
	long ret[PTF_NR_TWINS], want = 0;
	bool failed;

	if (ucmd_failed(sizeof(cmd), cmd.size, 40, &want))
		; /* -EINVAL, -E2BIG or -EFAULT */
	else if (!callers_rawio(callers_proc()))
		want = -EPERM;
	else if (cmd.flags)
		want = -EOPNOTSUPP;
	else if (!cmd.length)
		want = -EINVAL;
	else if (cmd.iova >= ULONG_MAX_)
		want = -EOVERFLOW;
	else if (!io)
		want = -ENOENT;
	else
		want = get_pa_model(io, cmd.iova, cmd.length, &pa, &len);
	user_put(e, ARG_UVA, &cmd, sizeof(cmd));
	run_ioctl(e, PTF_IO(IOMMUFD_TYPE, 0x95), ret, &failed);
	note(e, "-> %ld, pa 0x%" PRIx64 " length 0x%" PRIx64, ret[CAND], pa, len);
	check_ret(e, "IOMMU_IOAS_NOIOMMU_GET_PA return code", want, ret[CAND], failed);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0 && !ret[CAND] && !e->opts.no_oracles; tw--) {
		typeof(cmd) out;

		user_get(e, tw, ARG_UVA, &out, sizeof(out));
		if (out.out_phys != pa || out.length != len)
			finding(e, "contract", "IOMMU_IOAS_NOIOMMU_GET_PA out fields",
				"%s twin\nexpected: pa 0x%" PRIx64 " length 0x%" PRIx64 "\nactual:   pa 0x%llx length 0x%llx\n",
				twin_name(tw), pa, len, (unsigned long long)out.out_phys,
				(unsigned long long)out.length);
	}
	check_state(e);
}

/* Processes, memory, failures ------------------------------------------------------------ */

static void run_mmap(struct engine *e, const struct op *op)
{
	struct ptf_user_vma v = {
		.start = op->args[0], .size = op->args[1],
		.pfn = PTF_USER_RAM_PFN + op->args[2] % PTF_USER_RAM_PAGES,
		.run = op->args[3] ? op->args[3] : 1,
		.stride = op->args[4] > op->args[3] ? op->args[4] : op->args[3],
		.flags = op->args[5] & 7,
	};

	if (v.flags & PTF_VMA_PFNMAP)
		v.pfn = PTF_USER_MMIO_PFN + op->args[2] % PTF_USER_MMIO_PAGES;
	if (!v.stride)
		v.stride = 1;
	note(e, "-> %d", callers_mmap(e, callers_proc(), &v));
	check_state(e);
}

static void run_proc(struct engine *e, const struct op *op)
{
	callers_switch(e, op->args[0] % PTF_NR_PROCS);
	note(e, "-> process %d", callers_proc());
}

static void run_fail(struct engine *e, const struct op *op)
{
	e->fail_nth = 1 + op->args[0] % 64;
	e->fail_rearmed = true;
	note(e, "-> allocation %u of the next op fails", e->fail_nth);
}

static void run_should_fail(struct engine *e, const struct op *op)
{
	unsigned int nth = 1 + op->args[0] % 16;

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		caller_ops[tw]->should_fail_nth(nth);
	}
	note(e, "-> iommufd_should_fail() call %u of the next op fails", nth);
}

/* Teardown -------------------------------------------------------------------------------- */

static void finish(struct engine *e)
{
	e->fail_nth = 0;
	/* The devices go first: accesses, then each hwpt's device. */
	for (int k = 0; k < MAX_ACC; k++)
		if (M.acc[k].live) {
			struct op op = { .kind = OP_VOCAB, .args = { k } };

			run_acc_destroy(e, &op);
		}
	for (int s = 0; s < MAX_HWPT; s++)
		if (M.hwpt[s].live) {
			struct op op = { .kind = OP_VOCAB, .args = { s } };

			run_detach(e, &op);
		}
	/* close(): the context's release destroys the IOASes. */
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		rt_clear_records(tw);
		caller_ops[tw]->iommufd_close(M.fd);
	}
	memset(M.ioas, 0, sizeof(M.ioas));
	pages_gc();
	oracle_warns(e);
	check_locks(e);
	derive_pins(e);
	/*
	 * The pages pinned before, and the total: the shim stops any unpin
	 * of a page that holds no pin.
	 */
	check_pins(e, &M.pm, false);
	check_released(e);
}

static void print_context(const struct engine *e, FILE *out)
{
	for (int i = 0; i < MAX_IOAS; i++)
		if (M.ioas[i].live)
			fprintf(out, "ioas:       %u: %u areas, %u domains, %u accesses, alignment 0x%" PRIx64 "\n",
				M.ioas[i].id, M.ioas[i].nr_area, M.ioas[i].nr_dom,
				M.ioas[i].accesses, ioas_align(&M.ioas[i]));
	for (int s = 0; s < MAX_HWPT; s++)
		if (M.hwpt[s].live)
			fprintf(out, "hwpt:       %u: %s on ioas %u\n", M.hwpt[s].id,
				s == NOIOMMU ? "no-IOMMU amdv1" : M.hwpt[s].view.prof->name,
				M.ioas[M.hwpt[s].ioas].id);
}

/*
 * Known findings an op meets (README): a dirty-bitmap window whose end is
 * inside a dirty leaf (iova-bitmap-write-past-end), whose start is
 * (genpt-dirty-window-inside-leaf, lpae-dirty-unaligned-window), or a
 * window the areas do not cover, whose -EINVAL iommufd drops
 * (iommufd-dirty-error-dropped).
 */
static const char *hazard(const struct engine *e, const struct op *op)
{
	const uint64_t *a = op->args;
	uint64_t iova = a[2], last = a[2] + a[3] - 1;
	const struct hw_leaf *l;
	struct ihwpt *h;
	int slot;
	size_t n;

	if (op->type != T_GET_DIRTY || !(h = paging_hwpt((uint32_t)a[0], &slot)) ||
	    slot == NOIOMMU || !h->dirty_ok || !a[3] || last < iova)
		return NULL;
	n = dirty_leaves((struct engine *)e, slot, iova, last, &l);
	for (size_t i = 0; i < n; i++)
		if (l[i].dirty && l[i].iova + l[i].size - 1 > last)
			return "iova-bitmap-write-past-end";
	for (size_t i = 0; i < n; i++)
		if (l[i].dirty && l[i].iova < iova)
			return *h->view.prof->fmt == *domain_profiles[0].fmt ?
			       "lpae-dirty-unaligned-window" :
			       "genpt-dirty-window-inside-leaf";
	{
		static uint8_t scratch[1];
		uint64_t read = dirty_expect((struct engine *)e, slot,
					     &M.ioas[h->ioas], iova, a[3],
					     a[4] ? a[4] : 1, scratch, 0);

		if (read != a[3])
			return "iommufd-dirty-error-dropped";
	}
	return NULL;
}

/* Ops ------------------------------------------------------------------------------------ */

static uint64_t gen_ioas(struct fdp *f, void *s, const struct op *op)
{
	return 1 + fdp_pick(f, 4);
}

static uint64_t gen_small(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 4);
}

static uint64_t gen_slot(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, PTF_NR_GROUPS + 1);
}

static uint64_t gen_profile(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, NR_PROFILES);
}

static uint64_t gen_uva_(struct fdp *f, void *s, const struct op *op)
{
	return gen_uva(f, s) + (fdp_pick(f, 8) ? 0 : 0x800);
}

static uint64_t gen_iova_(struct fdp *f, void *s, const struct op *op)
{
	return gen_iova(f, s);
}

static uint64_t gen_len_(struct fdp *f, void *s, const struct op *op)
{
	return gen_len(f, s);
}

static uint64_t gen_map_flags(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 7, 7, 7, 6, 5, 3, 1, 0 };

	return v[fdp_pick(f, 8)];
}

static uint64_t gen_zero(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 16) ? 0 : fdp_u8(f);
}

static uint64_t gen_size(uint32_t size, struct fdp *f)
{
	return fdp_pick(f, 8) ? size : fdp_pick(f, 2 * size);
}

#define SIZE_GEN(name, sz)						\
static uint64_t name(struct fdp *f, void *s, const struct op *op)	\
{									\
	return gen_size(sz, f);						\
}
SIZE_GEN(gen_size_alloc, 12)
SIZE_GEN(gen_size_destroy, 8)
SIZE_GEN(gen_size_map, 40)
SIZE_GEN(gen_size_unmap, 24)
SIZE_GEN(gen_size_copy, 40)
SIZE_GEN(gen_size_ranges, 32)
SIZE_GEN(gen_size_allow, 24)
SIZE_GEN(gen_size_dirty16, 16)
SIZE_GEN(gen_size_dirty48, 48)
SIZE_GEN(gen_size_pa, 40)

static uint64_t gen_page(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 4096, 4096, 4096, 2048, 2 << 20, 8192, 0 };

	return v[fdp_pick(f, 7)];
}

static uint64_t gen_pin_len(struct fdp *f, void *s, const struct op *op)
{
	return CPU_PAGE * (1 + fdp_pick(f, 8)) - (fdp_pick(f, 8) ? 0 : 0x800);
}

static uint64_t gen_rw_len(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 8, 4096, 4096 + 16, RW_MAX, 1 };

	return v[fdp_pick(f, 5)];
}

static uint64_t gen_pfn(struct fdp *f, void *s, const struct op *op)
{
	return (uint64_t)fdp_pick(f, 4) << 18 | (uint64_t)fdp_pick(f, 8) << 9 |
	       fdp_pick(f, 4);
}

static uint64_t gen_run(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 1, 2, 16, 512, 1 << 18, 1 << 19 };

	return v[fdp_pick(f, 6)];
}

static uint64_t gen_vma_flags(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 3, 3, 1, 7, 5 };

	return v[fdp_pick(f, 5)];
}

static uint64_t gen_mmap_uva(struct fdp *f, void *s, const struct op *op)
{
	return 0x7000000000ULL + ((uint64_t)fdp_pick(f, 16) << 32);
}

static uint64_t gen_proc(struct fdp *f, void *s, const struct op *op)
{
	struct caller_decoder *d = s;

	d->proc = fdp_pick(f, PTF_NR_PROCS);
	return d->proc;
}

static void decoded(void *state, const struct op *op)
{
	struct caller_decoder *d = state;

	switch (op->type) {
	case T_MAP:
		caller_decoder_mark(d, op->args[4]);
		caller_decoder_mark(d, op->args[4] + op->args[3]);
		break;
	case T_MMAP:
		if (d->nr_vmas[d->proc] < PTF_MAX_VMAS)
			d->vmas[d->proc][d->nr_vmas[d->proc]++] = (struct ptf_user_vma){
				.start = op->args[0],
				.size = op->args[1] ? op->args[1] : CPU_PAGE,
				.run = 1, .stride = 1,
			};
		break;
	case T_PROC:
		d->proc = op->args[0] % PTF_NR_PROCS;
		break;
	}
}

static const char *const map_flag_names[] = { "FIXED_IOVA", "WRITEABLE", "READABLE" };
static const char *const vma_flag_names[] = { "R", "W", "PFNMAP" };
static const char *const rw_names[] = { "read", "write" };
static const char *const dirty_flag_names[] = { "NO_CLEAR" };
static const char *const enable_names[] = { "ENABLE" };

static const struct op_arg alloc_args[] = {
	{ "flags", ARG_NUM, NULL, 0, gen_zero },
	{ "size", ARG_NUM, NULL, 0, gen_size_alloc },
};
static const struct op_arg destroy_args[] = {
	{ "id", ARG_NUM, NULL, 0, gen_ioas },
	{ "size", ARG_NUM, NULL, 0, gen_size_destroy },
};
static const struct op_arg map_args[] = {
	{ "flags", ARG_FLAGS, map_flag_names, 3, gen_map_flags },
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
	{ "user_va", ARG_NUM, NULL, 0, gen_uva_ },
	{ "length", ARG_SIZE, NULL, 0, gen_len_ },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "reserved", ARG_NUM, NULL, 0, gen_zero },
	{ "size", ARG_NUM, NULL, 0, gen_size_map },
};
static const struct op_arg unmap_args[] = {
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "length", ARG_SIZE, NULL, 0, gen_len_ },
	{ "size", ARG_NUM, NULL, 0, gen_size_unmap },
};
static const struct op_arg copy_args[] = {
	{ "flags", ARG_FLAGS, map_flag_names, 3, gen_map_flags },
	{ "dst", ARG_NUM, NULL, 0, gen_ioas },
	{ "src", ARG_NUM, NULL, 0, gen_ioas },
	{ "length", ARG_SIZE, NULL, 0, gen_len_ },
	{ "dst_iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "src_iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "size", ARG_NUM, NULL, 0, gen_size_copy },
};
static const struct op_arg ranges_args[] = {
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
	{ "num", ARG_NUM, NULL, 0, gen_small },
	{ "reserved", ARG_NUM, NULL, 0, gen_zero },
	{ "size", ARG_NUM, NULL, 0, gen_size_ranges },
};
static const struct op_arg allow_args[] = {
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
	{ "num", ARG_NUM, NULL, 0, gen_small },
	{ "start", ARG_NUM, NULL, 0, gen_iova_ },
	{ "size", ARG_NUM, NULL, 0, gen_size_allow },
	{ "span", ARG_SIZE, NULL, 0, gen_len_ },
};
static const struct op_arg attach_args[] = {
	{ "slot", ARG_NUM, NULL, 0, gen_slot },
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
	{ "domain", ARG_CHOICE, profile_names, NR_PROFILES, gen_profile },
	{ "resv", ARG_NUM, NULL, 0, gen_small },
};
static const struct op_arg slot_args[] = {
	{ "slot", ARG_NUM, NULL, 0, gen_slot },
};
static const struct op_arg set_dirty_args[] = {
	{ "hwpt", ARG_NUM, NULL, 0, gen_ioas },
	{ "flags", ARG_FLAGS, enable_names, 1, gen_small },
	{ "size", ARG_NUM, NULL, 0, gen_size_dirty16 },
};
static const struct op_arg get_dirty_args[] = {
	{ "hwpt", ARG_NUM, NULL, 0, gen_ioas },
	{ "flags", ARG_FLAGS, dirty_flag_names, 1, gen_small },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "length", ARG_SIZE, NULL, 0, gen_len_ },
	{ "page_size", ARG_SIZE, NULL, 0, gen_page },
	{ "size", ARG_NUM, NULL, 0, gen_size_dirty48 },
};
static const struct op_arg write_args[] = {
	{ "slot", ARG_NUM, NULL, 0, gen_slot },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
};
static const struct op_arg acc_create_args[] = {
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
};
static const struct op_arg acc_args[] = {
	{ "access", ARG_NUM, NULL, 0, gen_small },
};
static const struct op_arg acc_pin_args[] = {
	{ "access", ARG_NUM, NULL, 0, gen_small },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "length", ARG_SIZE, NULL, 0, gen_pin_len },
	{ "dir", ARG_CHOICE, rw_names, 2, gen_small },
};
static const struct op_arg acc_unpin_args[] = {
	{ "access", ARG_NUM, NULL, 0, gen_small },
	{ "pin", ARG_NUM, NULL, 0, gen_small },
};
static const struct op_arg acc_rw_args[] = {
	{ "access", ARG_NUM, NULL, 0, gen_small },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "length", ARG_NUM, NULL, 0, gen_rw_len },
	{ "dir", ARG_CHOICE, rw_names, 2, gen_small },
	{ "seed", ARG_NUM, NULL, 0, gen_small },
};
static const struct op_arg get_pa_args[] = {
	{ "ioas", ARG_NUM, NULL, 0, gen_ioas },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "flags", ARG_NUM, NULL, 0, gen_zero },
	{ "size", ARG_NUM, NULL, 0, gen_size_pa },
	{ "length", ARG_SIZE, NULL, 0, gen_len_ },
};
static const struct op_arg mmap_args[] = {
	{ "uva", ARG_NUM, NULL, 0, gen_mmap_uva },
	{ "size", ARG_SIZE, NULL, 0, gen_len_ },
	{ "pfn", ARG_NUM, NULL, 0, gen_pfn },
	{ "run", ARG_NUM, NULL, 0, gen_run },
	{ "stride", ARG_NUM, NULL, 0, gen_run },
	{ "flags", ARG_FLAGS, vma_flag_names, 3, gen_vma_flags },
};
static const struct op_arg proc_args[] = {
	{ "proc", ARG_NUM, NULL, 0, gen_proc },
};
static const struct op_arg fail_args[] = {
	{ "nth", ARG_NUM, NULL, 0, gen_small },
};

#define ARGS(a)	a, sizeof(a) / sizeof(a[0])

static const struct op_type types[NR_TYPES] = {
	[T_IOAS_ALLOC]	= { "ioas_alloc", 6, ARGS(alloc_args), run_ioas_alloc },
	[T_DESTROY]	= { "destroy", 4, ARGS(destroy_args), run_destroy },
	[T_MAP]		= { "ioas_map", 50, ARGS(map_args), run_map },
	[T_UNMAP]	= { "ioas_unmap", 30, ARGS(unmap_args), run_unmap },
	[T_COPY]	= { "ioas_copy", 16, ARGS(copy_args), run_copy },
	[T_RANGES]	= { "iova_ranges", 6, ARGS(ranges_args), run_ranges },
	[T_ALLOW]	= { "allow_iovas", 6, ARGS(allow_args), run_allow },
	[T_ATTACH]	= { "attach", 16, ARGS(attach_args), run_attach },
	[T_DETACH]	= { "detach", 10, ARGS(slot_args), run_detach },
	[T_SET_DIRTY]	= { "set_dirty_tracking", 6, ARGS(set_dirty_args), run_set_dirty },
	[T_GET_DIRTY]	= { "get_dirty_bitmap", 8, ARGS(get_dirty_args), run_get_dirty },
	[T_WRITE]	= { "device_write", 10, ARGS(write_args), run_write },
	[T_ACC_CREATE]	= { "access_create", 6, ARGS(acc_create_args), run_acc_create },
	[T_ACC_DESTROY]	= { "access_destroy", 4, ARGS(acc_args), run_acc_destroy },
	[T_ACC_PIN]	= { "access_pin", 12, ARGS(acc_pin_args), run_acc_pin },
	[T_ACC_UNPIN]	= { "access_unpin", 6, ARGS(acc_unpin_args), run_acc_unpin },
	[T_ACC_RW]	= { "access_rw", 6, ARGS(acc_rw_args), run_acc_rw },
	[T_GET_PA]	= { "noiommu_get_pa", 8, ARGS(get_pa_args), run_get_pa },
	[T_MMAP]	= { "mmap", 8, ARGS(mmap_args), run_mmap },
	[T_PROC]	= { "proc", 4, ARGS(proc_args), run_proc },
	[T_FAIL]	= { "fail_alloc", 10, ARGS(fail_args), run_fail },
	[T_SHOULD_FAIL]	= { "should_fail", 8, ARGS(fail_args), run_should_fail },
};

static const struct op_vocab vocab = {
	.types		= types,
	.nr_types	= NR_TYPES,
	.decoder_state	= decoder_state,
	.decoded	= decoded,
	.create		= create,
	.finish		= finish,
	.print_context	= print_context,
	.hazard		= hazard,
};

extern const struct ptf_twin_ops ptf_base__ptf_twin_genpt;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_genpt;

static const struct target iommufd = {
	.name		= "iommufd",
	.summary	= "iommufd IOAS (pages.c, io_pagetable.c, ioas.c) over io-pgtable-arm and generic_pt domains",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.vocab		= &vocab,
	.twin		= { &ptf_base__ptf_twin_genpt, &ptf_cand__ptf_twin_genpt },
};

const struct target *const ptf_target = &iommufd;
