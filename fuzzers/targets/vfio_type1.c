// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_type1: VFIO's type1 IOMMU driver (drivers/vfio/vfio_iommu_type1.c,
 * the tree's, whole), the caller of patch 0024: vfio_unmap_unpin() steps an
 * unmap by iova_to_phys_length() instead of a lookup per page.
 *
 * An input opens a container (VFIO_TYPE1v2_IOMMU or v1), attaches IOMMU
 * groups whose devices sit behind io-pgtable-arm or generic_pt domains
 * (callers_common.c's profiles), and emulated (mdev) groups, and drives the
 * ioctls with their uAPI structs in the fake process's memory: MAP_DMA
 * (and VADDR updates), UNMAP_DMA (ranges, UNMAP_ALL, VADDR, with the dirty
 * bitmap), DIRTY_PAGES, GET_INFO, CHECK_EXTENSION, and the emulated
 * device's pin, unpin and dma_rw.
 *
 * The model is VFIO's uAPI: which ioctl returns what (every check in the
 * order the handlers make them), the DMA mappings, what each domain must
 * translate, the pins and locked_vm each mapping holds, the task and mm
 * references, the IOVA ranges and page sizes GET_INFO reports.  After every
 * op each domain's tables, read by the page-table target's own hardware
 * walker, must translate exactly the mapped ranges; every pin, locked page
 * and reference must be the model's; no lock may be held.  UNMAP_DMA's
 * walks are counted on both twins: the candidate's loop must make one
 * lookup per leaf (and one per physically contiguous run it ends, but for
 * the follow-up of patches/followups/), the legacy loop one per page.
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
#define PAGE_MASK_	(~(CPU_PAGE - 1))
#define MAX_DMAS	MAX_OPS
#define MAX_IOVAS	16
#define ARG_UVA		SCRATCH_UVA	/* where the uAPI struct goes */
#define BITMAP_UVA	(SCRATCH_UVA + 0x1000)
#define DMA_ENTRY_LIMIT	65535
#define MAX_VPFNS	256
#define MAX_DIRTY	16
#define BITMAP_BYTES	(SCRATCH_SIZE - 0x1000)
#define BITMAP_FILL	0x5a

enum { F_TYPE, F_PROFILE, F_RESV, F_LAYOUT, F_MEMLOCK, F_IPC_LOCK, NR_FIELDS };

enum { T_MAP, T_UNMAP, T_ATTACH, T_DETACH, T_INFO, T_EXTENSION, T_MMAP,
	T_PROC, T_FAIL, T_PIN, T_UNPIN, T_RW, T_DIRTY, NR_TYPES };

static const char *const type_names[] = { "v2", "v1" };
static const uint64_t type_values[] = { VFIO_TYPE1v2_IOMMU, VFIO_TYPE1_IOMMU };
static const char *const resv_names[] = { "none", "msi", "sw_msi", "page0" };
static const uint64_t resv_values[] = { 0, 1, 2, 3 };
static const char *const memlock_names[] = { "8M", "64K", "1G", "16G" };
static const uint64_t memlock_values[] = { 8 << 20, 64 << 10, 1 << 30, 16ULL << 30 };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_TYPE]	= { "type", FIELD(type_names, type_values), .literal = true },
	[F_PROFILE]	= { "domain", FIELD(profile_names, profile_values) },
	[F_RESV]	= { "resv", FIELD(resv_names, resv_values) },
	[F_LAYOUT]	= { "layout", FIELD(layout_names, layout_values) },
	[F_MEMLOCK]	= { "memlock", FIELD(memlock_names, memlock_values), .literal = true },
	[F_IPC_LOCK]	= { "ipc_lock", FIELD(bool_names, bool_values) },
};

/* The model --------------------------------------------------------------------- */

struct vdma {
	uint64_t iova, size;
	uint64_t vaddr;			/* for future pins (VADDR updates it) */
	int proc;
	uint64_t pin_vaddr;		/* the pages pinned and mapped now */
	int pin_proc;
	int acct_proc;			/* whose locked_vm and references */
	uint64_t locked;		/* pages in its locked_vm */
	int prot;
	bool lock_cap, vaddr_invalid, mapped;
	/* Dirty tracking: pages made dirty since the last bitmap read. */
	bool all_dirty;
	struct { uint64_t first, last; } dirty[MAX_DIRTY];	/* page indexes */
	unsigned int nr_dirty;
};

/* An emulated device's pin of a page: VFIO's struct vfio_pfn. */
struct vpfn {
	uint64_t iova, pfn;
	int ref;
	bool rsvd;
};

/* What an emulated device holds, as fuzzers/twins/vfio.c keeps it. */
struct vpinrec {
	int group;
	uint64_t iova;
	int npage;
};

struct vdomain {
	bool live;
	unsigned int seq;		/* VFIO adds domains at the list head */
	uint64_t pgsize_bitmap, aperture_end;
	struct domain_view view;
	int handle_group;		/* a group attached to it */
};

struct vgroup {
	bool attached, emulated;
	int domain;
	int profile, resv;
};

struct viova {
	uint64_t start, end;
};

struct vfio_model {
	void *c[PTF_NR_TWINS];
	bool v2;
	struct vdma dma[MAX_DMAS];
	unsigned int nr_dma;
	struct vdomain dom[PTF_NR_GROUPS];
	struct vgroup grp[PTF_NR_GROUPS];
	struct viova iova[MAX_IOVAS];
	unsigned int nr_iova;
	uint64_t pgsize_bitmap;
	unsigned int seq, vaddr_invalid;
	unsigned int non_pinned_groups;
	bool tracking;
	struct vpfn vpfn[MAX_VPFNS];
	unsigned int nr_vpfn;
	struct vpinrec rec[PTF_NR_GROUPS * PTF_PIN_MAX];
	unsigned int nr_rec;
	struct pin_model pm;
	struct xlatevec want;
	unsigned int cfg_profile, cfg_resv;
};

static struct vfio_model M;

static uint64_t min_pgsize(void)
{
	return M.pgsize_bitmap & -M.pgsize_bitmap;
}

static struct vdomain *first_domain(void)
{
	struct vdomain *best = NULL;

	for (int d = 0; d < PTF_NR_GROUPS; d++)
		if (M.dom[d].live && (!best || M.dom[d].seq > best->seq))
			best = &M.dom[d];
	return best;
}

static bool have_domains(void)
{
	return first_domain() != NULL;
}

static bool have_emulated(void)
{
	for (int g = 0; g < PTF_NR_GROUPS; g++)
		if (M.grp[g].attached && M.grp[g].emulated)
			return true;
	return false;
}

/* vfio_find_dma(): a DMA overlapping [start, start + size). */
static struct vdma *find_dma(uint64_t start, uint64_t size)
{
	for (unsigned int i = 0; i < M.nr_dma; i++)
		if (start <= M.dma[i].iova + M.dma[i].size - 1 &&
		    start + size - 1 >= M.dma[i].iova)
			return &M.dma[i];
	return NULL;
}

static void update_pgsize_bitmap(void)
{
	uint64_t bitmap = UINT64_MAX;

	for (int d = 0; d < PTF_NR_GROUPS; d++)
		if (M.dom[d].live)
			bitmap &= M.dom[d].pgsize_bitmap;
	if (bitmap & ~PAGE_MASK_)
		bitmap = (bitmap & PAGE_MASK_) | CPU_PAGE;
	M.pgsize_bitmap = bitmap;
}

/* IOVA ranges, as vfio_iommu_aper_resize() and resv_exclude() keep them. */
static bool iova_valid(uint64_t start, uint64_t end)
{
	if (!M.nr_iova)
		return true;
	for (unsigned int i = 0; i < M.nr_iova; i++)
		if (start >= M.iova[i].start && end <= M.iova[i].end)
			return true;
	return false;
}

/* The group's reserved region, as callers_common.c configures it. */
static bool group_resv(int resv, uint64_t *start, uint64_t *end)
{
	static const uint64_t r[4][2] = {
		{ 0, 0 }, { 0xfee00000, 0x100000 }, { 0x8000000, 0x100000 },
		{ 0, 0x10000 },
	};

	*start = r[resv & 3][0];
	*end = r[resv & 3][0] + r[resv & 3][1] - 1;
	return r[resv & 3][1] != 0;
}

static int iova_exclude(struct viova *list, unsigned int *n, uint64_t start,
			uint64_t end)
{
	struct viova out[MAX_IOVAS];
	unsigned int k = 0;

	for (unsigned int i = 0; i < *n; i++) {
		struct viova r = list[i];

		if (start > r.end || end < r.start) {
			out[k++] = r;
			continue;
		}
		if (start > r.start && k < MAX_IOVAS)
			out[k++] = (struct viova){ r.start, start - 1 };
		if (end < r.end && k < MAX_IOVAS)
			out[k++] = (struct viova){ end + 1, r.end };
	}
	memcpy(list, out, k * sizeof(*out));
	*n = k;
	return k ? 0 : -EINVAL;
}

/* Set up -------------------------------------------------------------------------- */

static struct caller_decoder *dec;

static void *decoder_state(const struct target_config *cfg)
{
	dec = caller_decoder(cfg->v[F_LAYOUT]);
	return dec;
}

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	return true;
}

static long vfio_open_both(unsigned long type)
{
	long err[PTF_NR_TWINS];

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		M.c[tw] = caller_ops[tw]->vfio_open(type, &err[tw]);
	}
	return err[CAND];
}

static void run_attach_group(struct engine *e, int g, bool emulated,
			     int profile, int resv);

static bool create(struct engine *e)
{
	const struct target_config *cfg = &e->prog->cfg;
	struct pin_model pm = M.pm;
	struct xlatevec want = M.want;

	memset(&M, 0, sizeof(M));
	M.pm = pm;
	M.want = want;
	long err;

	pin_model_reset(&M.pm);
	callers_begin(e, cfg->v[F_LAYOUT], cfg->v[F_MEMLOCK],
		      cfg->v[F_IPC_LOCK]);
	err = vfio_open_both(cfg->v[F_TYPE]);
	if (!M.c[BASE] != !M.c[CAND])
		finding(e, "twins", "return codes differ",
			"vfio_iommu_type1_open() failed on one twin only\n");
	if (cfg->v[F_TYPE] != VFIO_TYPE1_IOMMU &&
	    cfg->v[F_TYPE] != VFIO_TYPE1v2_IOMMU &&
	    cfg->v[F_TYPE] != VFIO_TYPE1_NESTING_IOMMU) {
		if (err != -EINVAL)
			finding(e, "contract", "VFIO_SET_IOMMU return code",
				"expected: -EINVAL for type %" PRIu64 "\nactual:   %ld\n",
				cfg->v[F_TYPE], err);
		note(e, "-> no container: type %" PRIu64 " is not type1", cfg->v[F_TYPE]);
		oracle_warns(e);
		check_released(e);
		return false;
	}
	if (err)
		finding(e, "contract", "VFIO_SET_IOMMU return code",
			"expected: a container\nactual:   %ld\n", err);
	M.v2 = cfg->v[F_TYPE] != VFIO_TYPE1_IOMMU;
	M.pgsize_bitmap = PAGE_MASK_;
	M.cfg_profile = cfg->v[F_PROFILE];
	M.cfg_resv = cfg->v[F_RESV];
	/* Group 0, behind the configured IOMMU, as VFIO_SET_IOMMU attaches it. */
	run_attach_group(e, 0, false, cfg->v[F_PROFILE], cfg->v[F_RESV]);
	oracle_warns(e);
	return true;
}

/* Checks after every op ------------------------------------------------------------ */

static void expect_translations(struct xlatevec *xv)
{
	xlate_clear(xv);
	for (unsigned int i = 0; i < M.nr_dma; i++) {
		const struct vdma *d = &M.dma[i];
		int access = (d->prot & VFIO_DMA_MAP_FLAG_READ ? MODEL_PROT_READ : 0) |
			     (d->prot & VFIO_DMA_MAP_FLAG_WRITE ? MODEL_PROT_WRITE : 0);

		if (d->mapped)
			xlate_user_range(xv, d->pin_proc, d->iova, d->pin_vaddr,
					 d->size, access);
	}
	xlate_normalize(xv);
}

static void check_state(struct engine *e, int proc, uint64_t vaddr,
			uint64_t size)
{
	if (e->opts.no_oracles)
		return;
	oracle_warns(e);
	check_locks(e);
	expect_translations(&M.want);
	for (int d = 0; d < PTF_NR_GROUPS; d++) {
		struct vdomain *vd = &M.dom[d];

		if (!vd->live)
			continue;
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
			void *dom;

			ptf_rt_set_twin(tw);
			dom = caller_ops[tw]->group_domain(vd->handle_group);
			if (!dom)
				finding(e, "model", "a group is not attached as the model says",
					"%s twin: group %d has no domain\n",
					twin_name(tw), vd->handle_group);
			check_domain(e, tw, &vd->view, dom, &M.want,
				     vd == first_domain() ? "first" : "second");
		}
	}
	check_pins(e, &M.pm, false);
}

/* uAPI calls ------------------------------------------------------------------------ */

struct call {
	long ret[PTF_NR_TWINS];
	bool failed;
	unsigned long walks[PTF_NR_TWINS];
};

/* The ioctl on both twins, the struct at ARG_UVA; counts the first domain's walks. */
static void ioctl_both(struct engine *e, unsigned int cmd, struct call *c)
{
	struct vdomain *fd = first_domain();

	*c = (struct call){ 0 };
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct ptf_twin_stats st0 = { 0 }, st1 = { 0 };
		void *dom = NULL;

		ptf_rt_set_twin(tw);
		if (fd)
			dom = caller_ops[tw]->group_domain(fd->handle_group);
		if (dom)
			fd->view.fmt->twin[tw]->stats(dom, &st0);
		twin_enter(e, tw);
		c->ret[tw] = caller_ops[tw]->vfio_ioctl(M.c[tw], cmd, ARG_UVA);
		twin_leave(e, tw);
		ptf_rt_set_twin(tw);
		/* The domain may be gone (the first one changes on detach only). */
		if (dom && caller_ops[tw]->group_domain(fd->handle_group) == dom) {
			fd->view.fmt->twin[tw]->stats(dom, &st1);
			c->walks[tw] = st1.walks - st0.walks;
		}
	}
	c->failed = fail_delivered(e);
	check_twins_ret(e, "the ioctl", c->ret[BASE], c->ret[CAND]);
}

static void check_ret(struct engine *e, const char *what, long want,
		      const struct call *c)
{
	/* An injected failure: -ENOMEM, or a fallback that still worked. */
	if (c->failed && c->ret[CAND] == -ENOMEM)
		return;
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (c->ret[tw] != want)
			finding(e, "contract", what,
				"%s twin\nexpected: %ld\nactual:   %ld\n",
				twin_name(tw), want, c->ret[tw]);
}

/* The model's answer to a call that failed by injection: nothing changed. */
static bool injected(const struct call *c, long want)
{
	return c->failed && c->ret[CAND] == -ENOMEM && want != -ENOMEM;
}

/* MAP_DMA ------------------------------------------------------------------------- */

/*
 * What pinning [vaddr, vaddr + size) does, page by page as
 * vfio_pin_pages_remote() goes: the first page it cannot pin (EFAULT), the
 * RLIMIT_MEMLOCK check of the pages before it (ENOMEM), the RAM pages
 * (pinned and accounted) of the whole range.
 */
static long pin_outcome(int proc, uint64_t vaddr, uint64_t size, int prot,
			bool lock_cap, uint64_t budget, uint64_t *ram)
{
	bool write = prot & VFIO_DMA_MAP_FLAG_WRITE;

	*ram = 0;
	for (uint64_t off = 0; off < size; off += CPU_PAGE) {
		unsigned int flags;
		uint64_t pfn;
		bool ok = user_pfn(proc, vaddr + off, &pfn, &flags) &&
			  (flags & (write ? PTF_VMA_WRITE : PTF_VMA_READ));

		if (!ok)
			return !lock_cap && *ram > budget ? -ENOMEM : -EFAULT;
		if (!(flags & PTF_VMA_PFNMAP))
			(*ram)++;
	}
	return !lock_cap && *ram > budget ? -ENOMEM : 0;
}

static uint64_t budget_of(struct engine *e, int proc)
{
	uint64_t limit = e->prog->cfg.v[F_MEMLOCK] / CPU_PAGE;

	return limit > M.pm.locked_vm[proc] ? limit - M.pm.locked_vm[proc] : 0;
}

/* The DMA pins, is accounted and holds task and mm references. */
static void dma_pin(struct vdma *d, uint64_t ram)
{
	pin_model_range(&M.pm, d->pin_proc, d->pin_vaddr, d->size, +1);
	M.pm.locked_vm[d->acct_proc] += ram;
	d->locked += ram;
	d->mapped = true;
}

static void dma_unpin(struct vdma *d)
{
	if (!d->mapped)
		return;
	pin_model_range(&M.pm, d->pin_proc, d->pin_vaddr, d->size, -1);
	M.pm.locked_vm[d->acct_proc] -= d->locked;
	d->locked = 0;
	d->mapped = false;
}

static void dma_insert(const struct vdma *d)
{
	unsigned int i;

	for (i = M.nr_dma; i && M.dma[i - 1].iova > d->iova; i--)
		M.dma[i] = M.dma[i - 1];
	M.dma[i] = *d;
	M.nr_dma++;
	M.pm.task_refs[d->acct_proc]++;
	M.pm.mm_count[d->acct_proc]++;
}

/* The emulated devices' pins (non-reserved) inside @d. */
static uint64_t vpfn_pages(const struct vdma *d)
{
	uint64_t n = 0;

	for (unsigned int i = 0; i < M.nr_vpfn; i++)
		n += !M.vpfn[i].rsvd && M.vpfn[i].iova >= d->iova &&
		     M.vpfn[i].iova - d->iova < d->size;
	return n;
}

static struct vpfn *vpfn_at(uint64_t iova)
{
	for (unsigned int i = 0; i < M.nr_vpfn; i++)
		if (M.vpfn[i].iova == iova)
			return &M.vpfn[i];
	return NULL;
}

static void dirty_add(struct vdma *d, uint64_t first, uint64_t last)
{
	if (!M.tracking)
		return;
	if (d->nr_dirty == MAX_DIRTY)
		d->all_dirty = true;	/* more than the model keeps: see below */
	else
		d->dirty[d->nr_dirty++] = (typeof(d->dirty[0])){ first, last };
}

static void dma_remove(struct vdma *d)
{
	if (vpfn_pages(d))
		rt_fatal("harness", "a DMA removed while a device pins it");
	dma_unpin(d);
	M.pm.task_refs[d->acct_proc]--;
	M.pm.mm_count[d->acct_proc]--;
	if (d->vaddr_invalid)
		M.vaddr_invalid--;
	memmove(d, d + 1, (M.dma + M.nr_dma - (d + 1)) * sizeof(*d));
	M.nr_dma--;
}

static long vfio_model_map(struct engine *e, const struct op *op, bool apply)
{
	uint32_t flags = op->args[0], argsz = op->args[4];
	uint64_t vaddr = op->args[1], iova = op->args[2], size = op->args[3];
	bool set_vaddr = flags & VFIO_DMA_MAP_FLAG_VADDR;
	int prot = flags & (VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE);
	int proc = callers_proc();
	struct vdma *d, nd;
	uint64_t pg = min_pgsize(), ram = 0;
	long ret;

	if (argsz < 32 || (flags & ~7u))
		return -EINVAL;
	if (!size)
		return -EINVAL;
	if (iova + (size - 1) < iova || vaddr + (size - 1) < vaddr)
		return -EOVERFLOW;
	if ((prot && set_vaddr) || (!prot && !set_vaddr))
		return -EINVAL;
	if ((size | iova | vaddr) & (pg - 1))
		return -EINVAL;
	d = find_dma(iova, size);
	if (set_vaddr) {
		if (!d)
			return -ENOENT;
		if (!d->vaddr_invalid || d->iova != iova || d->size != size)
			return -EINVAL;
		/* vfio_change_dma_owner(): the new mm takes the accounting. */
		if (proc != d->acct_proc && d->locked &&
		    !e->prog->cfg.v[F_IPC_LOCK] && d->locked > budget_of(e, proc))
			return -ENOMEM;
		if (apply) {
			if (proc != d->acct_proc) {
				M.pm.locked_vm[d->acct_proc] -= d->locked;
				M.pm.locked_vm[proc] += d->locked;
				M.pm.task_refs[d->acct_proc]--;
				M.pm.mm_count[d->acct_proc]--;
				M.pm.task_refs[proc]++;
				M.pm.mm_count[proc]++;
				d->acct_proc = proc;
				d->lock_cap = e->prog->cfg.v[F_IPC_LOCK];
			}
			d->vaddr = vaddr;
			d->proc = proc;
			d->vaddr_invalid = false;
			M.vaddr_invalid--;
		}
		return 0;
	}
	if (d)
		return -EEXIST;
	if (M.nr_dma == DMA_ENTRY_LIMIT || M.nr_dma == MAX_DMAS)
		return M.nr_dma == DMA_ENTRY_LIMIT ? -ENOSPC : -EINVAL;
	if (!iova_valid(iova, iova + size - 1))
		return -EINVAL;
	ret = 0;
	if (have_domains())
		ret = pin_outcome(proc, vaddr, size, prot,
				  e->prog->cfg.v[F_IPC_LOCK], budget_of(e, proc),
				  &ram);
	if (!ret && M.tracking && size / pg > INT32_MAX)
		ret = -EINVAL;
	if (ret || !apply)
		return ret;
	nd = (struct vdma){
		.iova = iova, .size = size, .vaddr = vaddr, .proc = proc,
		.pin_vaddr = vaddr, .pin_proc = proc, .acct_proc = proc,
		.prot = prot, .lock_cap = e->prog->cfg.v[F_IPC_LOCK],
	};
	if (have_domains())
		dma_pin(&nd, ram);
	dma_insert(&nd);
	return 0;
}

static void run_map(struct engine *e, const struct op *op)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = op->args[4], .flags = op->args[0], .vaddr = op->args[1],
		.iova = op->args[2], .size = op->args[3],
	};
	struct call c;
	long want = vfio_model_map(e, op, false);

	user_put(e, ARG_UVA, &map, sizeof(map));
	ioctl_both(e, VFIO_IOMMU_MAP_DMA, &c);
	note(e, "-> %ld", c.ret[CAND]);
	if (!e->opts.no_oracles)
		check_ret(e, "VFIO_IOMMU_MAP_DMA return code", want, &c);
	if (!injected(&c, want))
		vfio_model_map(e, op, true);
	check_state(e, callers_proc(), op->args[1],
		    want || c.ret[CAND] ? 0 : op->args[3]);
}

/* Dirty pages ------------------------------------------------------------------------- */

#define BITMAP_WORDS	(BITMAP_BYTES / 8)
#define DIRTY_BITMAP_SIZE_MAX	(1ULL << 28)	/* DIRTY_BITMAP_BYTES(INT_MAX) */

static uint64_t ubits[BITMAP_WORDS];		/* the model's user bitmap */

/* The pages of @d a bitmap read reports dirty (page i: bit i of @bits). */
static void dirty_bits(const struct vdma *d, uint64_t *bits, uint64_t nbits)
{
	memset(bits, 0, (nbits + 63) / 64 * 8);
	if (d->all_dirty || (M.non_pinned_groups && d->mapped)) {
		for (uint64_t b = 0; b < nbits; b++)
			bits[b / 64] |= 1ULL << (b % 64);
		return;
	}
	for (unsigned int i = 0; i < M.nr_vpfn; i++)
		if (M.vpfn[i].iova >= d->iova && M.vpfn[i].iova - d->iova < d->size) {
			uint64_t b = (M.vpfn[i].iova - d->iova) / CPU_PAGE;

			bits[b / 64] |= 1ULL << (b % 64);
		}
	for (unsigned int i = 0; i < d->nr_dirty; i++)
		for (uint64_t b = d->dirty[i].first; b <= d->dirty[i].last; b++)
			bits[b / 64] |= 1ULL << (b % 64);
}

/*
 * update_user_bitmap() on the model's copy of the user bitmap: @d's bits
 * at their offset from @base, the words it covers written whole (the
 * bits before it in its first word kept).  -EFAULT when that is outside
 * the user's buffer.
 */
static long bitmap_update(struct vdma *d, uint64_t base)
{
	uint64_t nbits = d->size / CPU_PAGE, off = (d->iova - base) / CPU_PAGE;
	uint64_t first = off / 64, shift = off % 64;
	uint64_t words = (nbits + shift + 63) / 64;
	static uint64_t bits[BITMAP_WORDS + 1];

	if (first + words > BITMAP_WORDS || nbits / 64 + 1 > BITMAP_WORDS)
		return -EFAULT;
	dirty_bits(d, bits, nbits);
	for (uint64_t w = 0; w < words; w++) {
		uint64_t v = shift ? bits[w] << shift : bits[w];

		if (shift && w)
			v |= bits[w - 1] >> (64 - shift);
		if (shift && !w)
			v |= ubits[first] & ((1ULL << shift) - 1);
		ubits[first + w] = v;
	}
	/* Bits past the DMA's last page in its last word are written 0. */
	if ((nbits + shift) % 64)
		ubits[first + words - 1] &= (1ULL << ((nbits + shift) % 64)) - 1;
	d->all_dirty = false;
	d->nr_dirty = 0;
	return 0;
}

static void bitmap_prepare(struct engine *e)
{
	static uint8_t fill[BITMAP_BYTES];

	memset(fill, BITMAP_FILL, sizeof(fill));
	memcpy(ubits, fill, sizeof(ubits));
	user_put(e, BITMAP_UVA, fill, sizeof(fill));
}

static void bitmap_check(struct engine *e, const char *what)
{
	static uint64_t got[BITMAP_WORDS];

	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		size_t w;

		user_get(e, tw, BITMAP_UVA, got, sizeof(got));
		for (w = 0; w < BITMAP_WORDS && got[w] == ubits[w]; w++)
			;
		if (w < BITMAP_WORDS)
			finding(e, "dirty", "the dirty bitmap differs from the pages made dirty",
				"%s twin: %s, bitmap word %zu (pages %zu-%zu from the range's start)\nexpected: 0x%016" PRIx64 "\nactual:   0x%016" PRIx64 "\n",
				twin_name(tw), what, w, w * 64, w * 64 + 63,
				ubits[w], got[w]);
	}
}

/* verify_bitmap_size() of the bitmap a request names. */
static bool bitmap_size_ok(uint64_t size, uint64_t pgsize, uint64_t bytes)
{
	uint64_t npages;

	if (!pgsize)
		return false;
	npages = size >> __builtin_ctzll(pgsize);
	return npages && bytes && bytes <= DIRTY_BITMAP_SIZE_MAX &&
	       bytes >= (npages + 63) / 64 * 8;
}

static long vfio_model_dirty(const struct op *op, bool apply)
{
	uint32_t flags = op->args[0], argsz = op->args[5];
	uint64_t iova = op->args[1], size = op->args[2], pgsize = op->args[3];
	uint64_t bytes = op->args[4], end;
	unsigned int first, i;

	if (!M.v2)
		return -EACCES;
	if (argsz < 8 || (flags & ~7u) || !flags || (flags & (flags - 1)))
		return -EINVAL;
	if (flags & VFIO_IOMMU_DIRTY_PAGES_FLAG_START) {
		if (apply && !M.tracking) {
			M.tracking = true;
			for (i = 0; i < M.nr_dma; i++) {
				M.dma[i].all_dirty = false;
				M.dma[i].nr_dirty = 0;
			}
		}
		return 0;
	}
	if (flags & VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP) {
		if (apply)
			M.tracking = false;
		return 0;
	}
	if (argsz - 8 < sizeof(struct vfio_iommu_type1_dirty_bitmap_get) || !size)
		return -EINVAL;
	if (iova + (size - 1) < iova)
		return -EOVERFLOW;
	end = iova + size - 1;
	if (bytes > (1ULL << 47) - BITMAP_UVA ||
	    !bitmap_size_ok(size, pgsize, bytes) || pgsize != CPU_PAGE ||
	    (iova | size) & (CPU_PAGE - 1) || !M.tracking)
		return -EINVAL;
	{
		struct vdma *d = find_dma(iova, 1);

		if (d && d->iova != iova)
			return -EINVAL;
		d = find_dma(end, 1);
		if (d && d->iova + d->size - 1 != end)
			return -EINVAL;
	}
	for (first = 0; first < M.nr_dma && M.dma[first].iova < iova; first++)
		;
	for (i = first; i < M.nr_dma && M.dma[i].iova <= end; i++) {
		struct vdma save = M.dma[i];
		long ret = bitmap_update(&M.dma[i], iova);

		if (!apply)
			M.dma[i] = save;
		if (ret)
			return ret;
	}
	return 0;
}

static void run_dirty(struct engine *e, const struct op *op)
{
	struct {
		struct vfio_iommu_type1_dirty_bitmap hdr;
		struct vfio_iommu_type1_dirty_bitmap_get range;
	} __attribute__((packed)) arg = {
		{ .argsz = op->args[5], .flags = op->args[0] },
		{ .iova = op->args[1], .size = op->args[2],
		  .bitmap = { .pgsize = op->args[3], .size = op->args[4],
			      .data = BITMAP_UVA } },
	};
	static uint64_t save[BITMAP_WORDS];
	struct call c;
	long want;

	bitmap_prepare(e);
	memcpy(save, ubits, sizeof(save));
	want = vfio_model_dirty(op, false);
	memcpy(ubits, save, sizeof(save));
	user_put(e, ARG_UVA, &arg, sizeof(arg));
	ioctl_both(e, VFIO_IOMMU_DIRTY_PAGES, &c);
	note(e, "-> %ld", c.ret[CAND]);
	if (!e->opts.no_oracles)
		check_ret(e, "VFIO_IOMMU_DIRTY_PAGES return code", want, &c);
	if (!injected(&c, want)) {
		vfio_model_dirty(op, true);
		if (!e->opts.no_oracles && !want &&
		    (op->args[0] & VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP))
			bitmap_check(e, "VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP");
	}
	check_state(e, 0, 0, 0);
}

/* Emulated devices: pin, unpin, dma_rw ----------------------------------------------- */

static bool emulated_group(int g)
{
	return M.grp[g].attached && M.grp[g].emulated;
}

/* Unpin one page pinned by a device (vfio_unpin_page_external()). */
static void vpfn_put(uint64_t iova)
{
	struct vpfn *v = vpfn_at(iova);
	struct vdma *d = find_dma(iova, CPU_PAGE);

	if (!v || !d || --v->ref)
		return;
	if (!v->rsvd) {
		M.pm.pins[v->pfn - PTF_USER_RAM_PFN]--;
		M.pm.total--;
		M.pm.touched_all = true;
		if (!have_domains()) {
			M.pm.locked_vm[d->acct_proc]--;
			d->locked--;
		}
	}
	*v = M.vpfn[--M.nr_vpfn];
}

static void rec_unpin(unsigned int i)
{
	for (int p = 0; p < M.rec[i].npage; p++)
		vpfn_put(M.rec[i].iova + p * CPU_PAGE);
	M.rec[i] = M.rec[--M.nr_rec];
}

/* vfio_notify_dma_unmap(): the devices give back what they hold in @d. */
static void notify_unmap(const struct vdma *d)
{
	for (unsigned int i = M.nr_rec; i--;) {
		uint64_t end = M.rec[i].iova + M.rec[i].npage * CPU_PAGE;

		if (M.rec[i].iova < d->iova + d->size && d->iova < end)
			rec_unpin(i);
	}
}

/*
 * vfio_iommu_type1_pin_pages(): page by page, the DMA and its
 * permissions, a page already pinned (a reference more), or a new pin of
 * the owner's page at the DMA's vaddr, accounted when no IOMMU domain
 * accounts for it already.  Any failure unwinds the call.
 */
static long vfio_model_pin(struct engine *e, int g, uint64_t iova, int npage,
			   int prot, bool apply)
{
	bool account = !have_domains();
	uint64_t pfn[PTF_PIN_MAX];
	bool rsvd[PTF_PIN_MAX], fresh[PTF_PIN_MAX];
	uint64_t extra[PTF_NR_PROCS] = { 0 };

	if (npage <= 0)
		return -EINVAL;
	if (!M.v2)
		return -EACCES;
	if (iova + (uint64_t)npage * CPU_PAGE - 1 < iova)
		return -EOVERFLOW;
	for (int i = 0; i < npage; i++) {
		uint64_t a = iova + i * CPU_PAGE, uva;
		struct vdma *d = find_dma(a, CPU_PAGE);
		unsigned int flags;

		if (!d)
			return -EINVAL;
		if ((d->prot & prot) != prot)
			return -EPERM;
		fresh[i] = !vpfn_at(a);
		for (int k = 0; k < i && fresh[i]; k++)
			fresh[i] = iova + k * CPU_PAGE != a;
		if (!fresh[i])
			continue;
		uva = d->vaddr + (a - d->iova);
		if (!user_pfn(d->acct_proc, uva, &pfn[i], &flags) ||
		    !(flags & (d->prot & VFIO_DMA_MAP_FLAG_WRITE ?
			       PTF_VMA_WRITE : PTF_VMA_READ)))
			return -EFAULT;
		rsvd[i] = flags & PTF_VMA_PFNMAP;
		if (rsvd[i])
			return -EINVAL;		/* !pfn_valid() */
		if (account && !d->lock_cap &&
		    M.pm.locked_vm[d->acct_proc] + extra[d->acct_proc] + 1 >
		    e->prog->cfg.v[F_MEMLOCK] / CPU_PAGE)
			return -ENOMEM;
		if (account)
			extra[d->acct_proc]++;
	}
	for (int i = 0; apply && i < npage; i++) {
		uint64_t a = iova + i * CPU_PAGE;
		struct vdma *d = find_dma(a, CPU_PAGE);

		dirty_add(d, (a - d->iova) / CPU_PAGE, (a - d->iova) / CPU_PAGE);
		if (!fresh[i]) {
			vpfn_at(a)->ref++;
			continue;
		}
		M.vpfn[M.nr_vpfn++] = (struct vpfn){ a, pfn[i], 1, false };
		M.pm.pins[pfn[i] - PTF_USER_RAM_PFN]++;
		M.pm.total++;
		M.pm.touched_all = true;
		if (account) {
			M.pm.locked_vm[d->acct_proc]++;
			d->locked++;
		}
	}
	if (apply)
		M.rec[M.nr_rec++] = (struct vpinrec){ g, iova, npage };
	return npage;
}

static void run_pin(struct engine *e, const struct op *op)
{
	int g = op->args[0] % PTF_NR_GROUPS, npage = (int)op->args[2];
	int prot = op->args[3] & 3, ret[PTF_NR_TWINS];
	uint64_t pfns[PTF_NR_TWINS][PTF_PIN_MAX];
	bool failed;
	long want;

	if (!emulated_group(g) || npage > PTF_PIN_MAX ||
	    M.nr_rec == PTF_NR_GROUPS * PTF_PIN_MAX ||
	    M.nr_vpfn + PTF_PIN_MAX > MAX_VPFNS) {
		note(e, "skipped: no emulated device in group %d, or too many pins", g);
		return;
	}
	want = vfio_model_pin(e, g, op->args[1], npage, prot, false);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->vfio_pin(M.c[tw], g, op->args[1], npage,
						   prot, pfns[tw]);
		twin_leave(e, tw);
	}
	failed = fail_delivered(e);
	note(e, "-> %d", ret[CAND]);
	check_twins_ret(e, "vfio_pin_pages()", ret[BASE], ret[CAND]);
	if (!e->opts.no_oracles && !(failed && ret[CAND] == -ENOMEM) &&
	    ret[CAND] != want)
		finding(e, "contract", "vfio_pin_pages() return code",
			"expected: %ld\nactual:   %d\n", want, ret[CAND]);
	if (ret[CAND] <= 0)
		return;
	vfio_model_pin(e, g, op->args[1], npage, prot, true);
	/* The pages are those of the DMAs' vaddrs. */
	for (int i = 0; i < npage && !e->opts.no_oracles; i++) {
		const struct vpfn *v = vpfn_at(op->args[1] + i * CPU_PAGE);

		for (int tw = 0; tw < PTF_NR_TWINS; tw++)
			if (pfns[tw][i] != v->pfn)
				finding(e, "contract", "vfio_pin_pages() gave the wrong page",
					"%s twin, page %d at iova 0x%" PRIx64 "\nexpected: pfn 0x%" PRIx64 "\nactual:   pfn 0x%" PRIx64 "\n",
					twin_name(tw), i, v->iova, v->pfn,
					pfns[tw][i]);
	}
	check_state(e, 0, 0, 0);
}

static void run_unpin(struct engine *e, const struct op *op)
{
	unsigned int i;

	if (!M.nr_rec) {
		note(e, "skipped: no device holds a pin");
		return;
	}
	i = op->args[0] % M.nr_rec;
	note(e, "-> group %d gives back %d pages at 0x%" PRIx64, M.rec[i].group,
	     M.rec[i].npage, M.rec[i].iova);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		caller_ops[tw]->vfio_unpin(M.c[tw], M.rec[i].group, M.rec[i].iova,
					   M.rec[i].npage);
		twin_leave(e, tw);
	}
	fail_delivered(e);
	rec_unpin(i);
	check_state(e, 0, 0, 0);
}

/*
 * vfio_dma_rw(): chunk by chunk, each inside one DMA the device may
 * access so, copied through the owner's memory, which must be the
 * current process's.
 */
static long vfio_model_rw(uint64_t iova, uint64_t len, bool write,
			  uint64_t *done)
{
	*done = 0;
	while (len) {
		struct vdma *d = find_dma(iova, 1);
		uint64_t n, off;

		if (!d)
			return -EINVAL;
		if ((write && !(d->prot & VFIO_DMA_MAP_FLAG_WRITE)) ||
		    !(d->prot & VFIO_DMA_MAP_FLAG_READ))
			return -EPERM;
		if (d->acct_proc != callers_proc())
			return -EFAULT;
		off = iova - d->iova;
		n = len < d->size - off ? len : d->size - off;
		for (uint64_t b = 0; b < n; b += CPU_PAGE - ((d->vaddr + off + b) % CPU_PAGE)) {
			uint64_t pfn;
			unsigned int flags;

			if (!user_pfn(d->proc, d->vaddr + off + b, &pfn, &flags) ||
			    (flags & PTF_VMA_PFNMAP) ||
			    !(flags & (write ? PTF_VMA_WRITE : PTF_VMA_READ)))
				return -EFAULT;
		}
		if (write)
			dirty_add(d, off / CPU_PAGE, (off + n - 1) / CPU_PAGE);
		iova += n;
		len -= n;
		*done += n;
	}
	return 0;
}

#define RW_MAX	8192

static void run_rw(struct engine *e, const struct op *op)
{
	uint64_t iova = op->args[0], len = op->args[1], done;
	bool write = op->args[2] & 1;
	static uint8_t buf[PTF_NR_TWINS][RW_MAX], want[RW_MAX];
	int ret[PTF_NR_TWINS];
	long expect;

	if (!len || len > RW_MAX || !have_emulated()) {
		note(e, "skipped: no emulated device, or not 1 to %d bytes", RW_MAX);
		return;
	}
	for (uint64_t i = 0; i < len; i++)
		want[i] = (uint8_t)(op->args[3] + i * 7);
	expect = vfio_model_rw(iova, len, write, &done);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memcpy(buf[tw], want, len);
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->vfio_dma_rw(M.c[tw], iova, buf[tw], len,
						      write);
		twin_leave(e, tw);
	}
	fail_delivered(e);
	note(e, "-> %d", ret[CAND]);
	check_twins_ret(e, "vfio_dma_rw()", ret[BASE], ret[CAND]);
	if (e->opts.no_oracles)
		return;
	if (ret[CAND] != expect)
		finding(e, "contract", "vfio_dma_rw() return code",
			"expected: %ld\nactual:   %d\n", expect, ret[CAND]);
	/* What was copied: the DMAs' user memory, byte for byte. */
	for (uint64_t off = 0; off < done; ) {
		const struct vdma *d = find_dma(iova + off, 1);
		uint64_t n = d->iova + d->size - (iova + off);
		static uint8_t mem[RW_MAX];

		if (n > done - off)
			n = done - off;
		for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
			ptf_rt_set_twin(tw);
			caller_ops[tw]->user_read(d->proc, d->vaddr + (iova + off - d->iova),
						  mem, n);
			if (memcmp(mem, write ? want + off : buf[tw] + off, n))
				finding(e, "contract", "vfio_dma_rw() copied other bytes",
					"%s twin: %s of 0x%" PRIx64 " bytes at iova 0x%" PRIx64 " differs from the user memory at 0x%" PRIx64 "\n",
					twin_name(tw), write ? "a write" : "a read",
					n, iova + off,
					d->vaddr + (iova + off - d->iova));
		}
		off += n;
	}
	check_state(e, 0, 0, 0);
}

/* UNMAP_DMA ------------------------------------------------------------------------- */

/*
 * The walks vfio_unmap_unpin() makes on the first domain for @d: with
 * iova_to_phys_length() one per leaf and one more per physically
 * contiguous run that ends before the DMA does, or none more when the
 * loop keeps the lookup that ended a run (patches/followups/); page by
 * page, one per page and the same one more per run.  With the
 * differential off both twins run the page-by-page loop.
 */
static void count_walks(struct engine *e, const struct vdma *d,
			unsigned long want[PTF_NR_TWINS])
{
	struct vdomain *fd = first_domain();

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		size_t runs, leaves;
		bool by_iopte;
		void *dom;

		ptf_rt_set_twin(tw);
		dom = caller_ops[tw]->group_domain(fd->handle_group);
		leaves = domain_leaves(e, tw, &fd->view, dom, d->iova,
				       d->iova + d->size - 1, &runs);
		by_iopte = tw == CAND && !e->diff_off;
		want[tw] += by_iopte ? leaves : d->size / CPU_PAGE;
		/* The lookup that ended a run, made again to start the next. */
		if (runs && !(by_iopte && caller_ops[tw]->vfio_keeps_probe))
			want[tw] += runs - 1;
	}
}

static long vfio_model_unmap(struct engine *e, const struct op *op, bool apply,
			uint64_t *unmapped, unsigned long walks[PTF_NR_TWINS])
{
	uint32_t argsz = op->args[3], flags = op->args[0];
	uint64_t iova = op->args[1], size = op->args[2], end;
	bool all = flags & VFIO_DMA_UNMAP_FLAG_ALL;
	bool vaddr = flags & VFIO_DMA_UNMAP_FLAG_VADDR;
	bool dirty = flags & VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP;
	uint64_t pg = min_pgsize();
	unsigned int i;

	*unmapped = 0;
	if (argsz < 24 || (flags & ~7u))
		return -EINVAL;
	if (dirty && (all || vaddr))
		return -EINVAL;
	if (dirty && (argsz < 48 || op->args[5] > (1ULL << 47) - BITMAP_UVA ||
		      !bitmap_size_ok(size, op->args[4], op->args[5])))
		return -EINVAL;
	if (vaddr && have_emulated())
		return -EBUSY;
	if (iova & (pg - 1))
		return -EINVAL;
	if (all) {
		if (iova || size)
			return -EINVAL;
		end = UINT64_MAX;
	} else {
		if (!size || (size & (pg - 1)))
			return -EINVAL;
		if (iova + (size - 1) < iova)
			return -EOVERFLOW;
		end = iova + size - 1;
	}
	if (dirty && (!M.tracking || op->args[4] != pg))
		return -EINVAL;
	if (M.v2 && !all) {
		struct vdma *d = find_dma(iova, 1);

		if (d && d->iova != iova)
			return -EINVAL;
		d = find_dma(end, 1);
		if (d && d->iova + d->size - 1 != end)
			return -EINVAL;
	}
	/* The DMAs from the first one that overlaps the range. */
	for (i = 0; i < M.nr_dma && M.dma[i].iova + M.dma[i].size - 1 < iova; i++)
		;
	if (vaddr) {
		unsigned int first = i;

		for (; i < M.nr_dma && M.dma[i].iova <= end; i++) {
			if (!M.v2 && iova > M.dma[i].iova)
				break;
			if (M.dma[i].vaddr_invalid) {
				*unmapped = 0;
				return -EINVAL;
			}
			*unmapped += M.dma[i].size;
		}
		for (unsigned int k = first; apply && k < i; k++) {
			M.dma[k].vaddr_invalid = true;
			M.vaddr_invalid++;
		}
		return 0;
	}
	while (i < M.nr_dma && M.dma[i].iova <= end) {
		if (!M.v2 && iova > M.dma[i].iova)
			break;
		if (apply)
			notify_unmap(&M.dma[i]);
		if (dirty) {
			struct vdma save = M.dma[i];
			long ret = bitmap_update(&M.dma[i], iova);

			if (!apply)
				M.dma[i] = save;
			if (ret)
				return ret;
		}
		*unmapped += M.dma[i].size;
		if (walks && M.dma[i].mapped && have_domains())
			count_walks(e, &M.dma[i], walks);
		if (apply)
			dma_remove(&M.dma[i]);
		else
			i++;
	}
	return 0;
}

static void run_unmap(struct engine *e, const struct op *op)
{
	struct {
		struct vfio_iommu_type1_dma_unmap unmap;
		struct vfio_bitmap bitmap;
	} arg = {
		{ .argsz = op->args[3], .flags = op->args[0], .iova = op->args[1],
		  .size = op->args[2] },
		{ .pgsize = op->args[4], .size = op->args[5], .data = BITMAP_UVA },
	};
	bool dirty = op->args[0] & VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP;
	unsigned long walks[PTF_NR_TWINS] = { 0 };
	static uint64_t save[BITMAP_WORDS];
	uint64_t want_size;
	long want;
	struct call c;

	if (dirty) {
		bitmap_prepare(e);
		memcpy(save, ubits, sizeof(save));
	}
	want = vfio_model_unmap(e, op, false, &want_size, walks);
	if (dirty)
		memcpy(ubits, save, sizeof(save));
	user_put(e, ARG_UVA, &arg, sizeof(arg));
	ioctl_both(e, VFIO_IOMMU_UNMAP_DMA, &c);
	note(e, "-> %ld, 0x%" PRIx64 " bytes unmapped, %lu walks (legacy loop: %lu)",
	     c.ret[CAND], c.ret[CAND] ? 0 : want_size, c.walks[CAND],
	     c.walks[BASE]);
	if (!e->opts.no_oracles) {
		check_ret(e, "VFIO_IOMMU_UNMAP_DMA return code", want, &c);
		for (int tw = PTF_NR_TWINS - 1; tw >= 0 && !want; tw--) {
			struct vfio_iommu_type1_dma_unmap out;

			user_get(e, tw, ARG_UVA, &out, sizeof(out));
			if (out.size != want_size)
				finding(e, "contract", "VFIO_IOMMU_UNMAP_DMA unmapped size",
					"%s twin\nexpected: 0x%" PRIx64 "\nactual:   0x%llx\n",
					twin_name(tw), want_size,
					(unsigned long long)out.size);
		}
		for (int tw = PTF_NR_TWINS - 1; tw >= 0 && !want && !c.failed; tw--)
			if (c.walks[tw] != walks[tw])
				finding(e, "step-unmap", tw == CAND ?
					"walks differ from the leaves and runs" :
					"legacy walks differ from the pages and runs",
					"%s twin: vfio_unmap_unpin()'s lookups on the first domain\nexpected: %lu\nactual:   %lu\n",
					twin_name(tw), walks[tw], c.walks[tw]);
	}
	if (!injected(&c, want)) {
		vfio_model_unmap(e, op, true, &want_size, NULL);
		if (dirty && !e->opts.no_oracles && (!want || want == -EFAULT))
			bitmap_check(e, "VFIO_IOMMU_UNMAP_DMA with the dirty bitmap");
	}
	check_state(e, callers_proc(), 0, 0);
}

/* Groups ------------------------------------------------------------------------------ */

/* The aperture and page sizes a profile's domain has (checked at attach). */
static void domain_limits(struct engine *e, int g, struct vdomain *vd)
{
	void *dom;

	ptf_rt_set_twin(CAND);
	dom = caller_ops[CAND]->group_domain(g);
	vd->view.fmt->twin[CAND]->info(dom, &vd->view.info[CAND]);
	vd->pgsize_bitmap = vd->view.info[CAND].pgsize_bitmap;
	vd->aperture_end = vd->view.info[CAND].va_last;
}

/*
 * vfio_iommu_aper_resize(): the ranges clipped to an aperture [0, end].
 * Like VFIO, a range starting at the new end goes.
 */
static void iova_clip(struct viova *list, unsigned int *n, uint64_t end)
{
	unsigned int j = 0;

	if (!*n) {
		list[0] = (struct viova){ 0, end };
		*n = 1;
		return;
	}
	for (unsigned int i = 0; i < *n; i++) {
		if (end > list[i].end)
			list[j++] = list[i];
		else if (end > list[i].start)
			list[j++] = (struct viova){ list[i].start, end };
	}
	*n = j;
}

/* The newest domain that a new io-pgtable domain would join, if any. */
static struct vdomain *joinable(const struct domain_profile *prof)
{
	struct vdomain *best = NULL;

	if (*prof->fmt != *domain_profiles[0].fmt)
		return NULL;	/* generic_pt domains have ops of their own */
	for (int d = 0; d < PTF_NR_GROUPS; d++)
		if (M.dom[d].live && M.dom[d].view.fmt == *prof->fmt &&
		    (!best || M.dom[d].seq > best->seq))
			best = &M.dom[d];
	return best;
}

/* The aperture end of a profile's domain (checked when it is made). */
static uint64_t profile_aperture_end(int profile)
{
	static const unsigned int ias[NR_PROFILES] = { 48, 48, 40, 38, 38, 48 };

	return (1ULL << ias[profile % NR_PROFILES]) - 1;
}

/*
 * vfio_iommu_replay() into a new first domain: DMAs not mapped yet are
 * pinned from the current process (VFIO pins current->mm's pages there)
 * and accounted to their owner; the limit is the current task's.
 */
static long vfio_model_replay(struct engine *e, bool apply)
{
	int proc = callers_proc();
	uint64_t budget = budget_of(e, proc);

	for (unsigned int i = 0; i < M.nr_dma; i++) {
		const struct vdma *d = &M.dma[i];
		uint64_t ram;
		long ret;

		if (d->mapped)
			continue;
		/* Pages the devices pinned were accounted already. */
		ret = pin_outcome(proc, d->vaddr, d->size, d->prot, d->lock_cap,
				  budget + vpfn_pages(d), &ram);
		if (ret)
			return ret;
		ram -= vpfn_pages(d);
		/* The limit is the current mm's; the owner's mm is charged. */
		if (d->acct_proc == proc)
			budget = budget > ram ? budget - ram : 0;
	}
	for (unsigned int i = 0; apply && i < M.nr_dma; i++) {
		struct vdma *d = &M.dma[i];

		if (d->mapped)
			continue;
		d->pin_vaddr = d->vaddr;
		d->pin_proc = proc;
		dma_pin(d, user_ram_pages(proc, d->vaddr, d->size) -
			   vpfn_pages(d));
	}
	return 0;
}

/*
 * vfio_iommu_type1_attach_group(), check by check: the aperture against
 * the IOVA ranges and the DMAs outside it, the reserved region against
 * the DMAs, the ranges left; then a compatible domain to join (same ops:
 * the io-pgtable glue's domains share theirs), or a new one that every
 * DMA is replayed into.
 */
static long vfio_model_attach(struct engine *e, int g, bool emulated, int profile,
			 int resv, bool apply, bool *joined)
{
	const struct domain_profile *prof = &domain_profiles[profile % NR_PROFILES];
	uint64_t end = profile_aperture_end(profile), rs, re;
	struct viova list[MAX_IOVAS];
	unsigned int n = M.nr_iova;
	struct vdomain *join;
	long ret;

	*joined = false;
	if (M.vaddr_invalid)
		return -EBUSY;
	if (M.grp[g].attached)
		return -EINVAL;
	if (emulated) {
		if (apply)
			M.grp[g] = (struct vgroup){ .attached = true,
						    .emulated = true,
						    .domain = -1 };
		return 0;
	}
	if (M.nr_iova && (end < M.iova[0].start ||
			  (end < M.iova[M.nr_iova - 1].end &&
			   find_dma(end + 1, M.iova[M.nr_iova - 1].end - end))))
		return -EINVAL;
	if (group_resv(resv, &rs, &re) && find_dma(rs, re - rs + 1))
		return -EINVAL;
	memcpy(list, M.iova, sizeof(list));
	iova_clip(list, &n, end);
	if (group_resv(resv, &rs, &re) && iova_exclude(list, &n, rs, re))
		return -EINVAL;
	if (!n)
		return -EINVAL;
	join = joinable(prof);
	*joined = join != NULL;
	ret = join ? 0 : vfio_model_replay(e, false);
	if (ret || !apply)
		return ret;
	memcpy(M.iova, list, sizeof(list));
	M.nr_iova = n;
	M.grp[g] = (struct vgroup){ .attached = true, .profile = profile,
				    .resv = resv,
				    .domain = join ? (int)(join - M.dom) : g };
	M.non_pinned_groups++;
	if (join)
		return 0;
	vfio_model_replay(e, true);
	M.dom[g] = (struct vdomain){ .live = true, .seq = ++M.seq,
				     .handle_group = g,
				     .aperture_end = end };
	return 0;
}

static void run_attach_group(struct engine *e, int g, bool emulated,
			     int profile, int resv)
{
	int ret[PTF_NR_TWINS];
	struct domain_view view;
	bool joined, failed;
	long want;

	if (!emulated && !M.grp[g].attached)
		callers_group(e, g, profile, resv, &view);
	want = vfio_model_attach(e, g, emulated, profile, resv, false, &joined);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->vfio_attach(M.c[tw], g, emulated);
		twin_leave(e, tw);
	}
	failed = fail_delivered(e);
	note(e, "-> %d%s", ret[CAND], joined && !ret[CAND] ? " (joined a domain)" : "");
	check_twins_ret(e, "attach_group()", ret[BASE], ret[CAND]);
	if (!e->opts.no_oracles && !(failed && ret[CAND] == -ENOMEM) &&
	    ret[CAND] != want)
		finding(e, "contract", "attach_group() return code",
			"expected: %ld\nactual:   %d\n", want, ret[CAND]);
	if (ret[CAND])
		return;
	vfio_model_attach(e, g, emulated, profile, resv, true, &joined);
	if (emulated || joined)
		return;
	M.dom[g].view = view;
	domain_limits(e, g, &M.dom[g]);
	if (!e->opts.no_oracles && M.dom[g].aperture_end != profile_aperture_end(profile))
		finding(e, "model", "a domain's aperture is not the profile's",
			"domain %s\nexpected: aperture end 0x%" PRIx64 "\nactual:   0x%" PRIx64 "\n",
			view.prof->name, profile_aperture_end(profile),
			M.dom[g].aperture_end);
	update_pgsize_bitmap();
}

static void run_attach(struct engine *e, const struct op *op)
{
	run_attach_group(e, op->args[0] % PTF_NR_GROUPS, op->args[1] & 1,
			 op->args[2] % NR_PROFILES, op->args[3] % 4);
	check_state(e, 0, 0, 0);
}

/* vfio_iommu_resv_refresh(): [start, end] without the groups' regions. */
static void iova_refresh(uint64_t start, uint64_t end)
{
	struct viova list[MAX_IOVAS] = { { start, end } };
	unsigned int n = 1;
	uint64_t rs, re;

	for (int k = 0; k < PTF_NR_GROUPS; k++)
		if (M.grp[k].attached && !M.grp[k].emulated &&
		    group_resv(M.grp[k].resv, &rs, &re) &&
		    iova_exclude(list, &n, rs, re))
			return;		/* nothing left: the list stays */
	memcpy(M.iova, list, sizeof(list));
	M.nr_iova = n;
}

/*
 * vfio_iommu_type1_detach_group(): the last group of a domain frees it;
 * the last IOMMU domain takes every DMA with it (or, with emulated groups
 * left, unpins them and keeps them); the IOVA ranges grow back to the
 * apertures left (vfio_iommu_aper_expand()) less the reserved regions.
 */
static void vfio_model_detach(struct engine *e, int g)
{
	struct vgroup *gr = &M.grp[g];
	int d = gr->domain, left = 0, domains = 0;
	uint64_t start, end;

	if (!gr->attached)
		return;
	if (gr->emulated) {
		/* The device closes first and gives its pins back. */
		for (unsigned int i = M.nr_rec; i--;)
			if (M.rec[i].group == g)
				rec_unpin(i);
		*gr = (struct vgroup){ 0 };
		if (!have_emulated() && !have_domains())
			while (M.nr_dma)
				dma_remove(&M.dma[0]);
		return;
	}
	M.non_pinned_groups--;
	*gr = (struct vgroup){ 0 };
	/* vfio_iommu_populate_bitmap_full(): every page counts as dirty. */
	for (unsigned int i = 0; M.tracking && i < M.nr_dma; i++)
		M.dma[i].all_dirty = true;
	for (int k = 0; k < PTF_NR_GROUPS; k++) {
		left += M.grp[k].attached && !M.grp[k].emulated &&
			M.grp[k].domain == d;
		domains += M.dom[k].live;
	}
	if (!M.nr_iova)
		return;
	start = M.iova[0].start;
	end = M.iova[M.nr_iova - 1].end;
	if (left) {
		if (M.dom[d].handle_group == g)
			for (int k = 0; k < PTF_NR_GROUPS; k++)
				if (M.grp[k].attached && M.grp[k].domain == d)
					M.dom[d].handle_group = k;
		iova_refresh(start, end);
		return;
	}
	if (domains == 1) {
		if (!have_emulated())
			while (M.nr_dma)
				dma_remove(&M.dma[0]);
		else
			for (unsigned int i = 0; i < M.nr_dma; i++) {
				/* vfio_iommu_unmap_unpin_reaccount() */
				dma_unpin(&M.dma[i]);
				M.dma[i].locked = vpfn_pages(&M.dma[i]);
				M.pm.locked_vm[M.dma[i].acct_proc] +=
					M.dma[i].locked;
			}
	}
	M.dom[d].live = false;
	update_pgsize_bitmap();
	start = 0;
	end = UINT64_MAX;
	for (int k = 0; k < PTF_NR_GROUPS; k++)
		if (M.dom[k].live && M.dom[k].aperture_end < end)
			end = M.dom[k].aperture_end;
	iova_refresh(start, end);
}

static void run_detach(struct engine *e, const struct op *op)
{
	int g = op->args[0] % PTF_NR_GROUPS;

	/* Detach cannot fail: an armed allocation failure waits for later. */
	if (e->fail_nth) {
		e->fail_rearmed = true;
		note(e, "(the armed allocation failure is kept for the next op)");
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		caller_ops[tw]->vfio_detach(M.c[tw], g);
	}
	vfio_model_detach(e, g);
	note(e, "-> detached");
	check_state(e, 0, 0, 0);
}

/* GET_INFO, CHECK_EXTENSION -------------------------------------------------------------- */

static void run_info(struct engine *e, const struct op *op)
{
	struct vfio_iommu_type1_info info = { .argsz = op->args[0] };
	struct rt_usage before[PTF_NR_TWINS], after;
	struct call c;
	long want = info.argsz < 16 ? -EINVAL : 0;

	user_put(e, ARG_UVA, &info, sizeof(info));
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		rt_usage(tw, &before[tw]);
	ioctl_both(e, VFIO_IOMMU_GET_INFO, &c);
	note(e, "-> %ld", c.ret[CAND]);
	if (e->opts.no_oracles)
		return;
	/* The capability chain is a temporary: nothing may stay allocated. */
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		rt_usage(tw, &after);
		if (after.heap_allocs != before[tw].heap_allocs)
			finding(e, "leak", "VFIO_IOMMU_GET_INFO left memory allocated",
				"%s twin: %ld kmalloc objects more after the ioctl (returned %ld)\n",
				twin_name(tw),
				(long)(after.heap_allocs - before[tw].heap_allocs),
				c.ret[tw]);
	}
	check_ret(e, "VFIO_IOMMU_GET_INFO return code", want, &c);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0 && !c.ret[CAND]; tw--) {
		struct vfio_iommu_type1_info out;

		user_get(e, tw, ARG_UVA, &out, sizeof(out));
		if (out.iova_pgsizes != M.pgsize_bitmap)
			finding(e, "contract", "VFIO_IOMMU_GET_INFO page sizes",
				"%s twin\nexpected: 0x%" PRIx64 "\nactual:   0x%llx\n",
				twin_name(tw), M.pgsize_bitmap,
				(unsigned long long)out.iova_pgsizes);
	}
	check_state(e, 0, 0, 0);
}

static void run_extension(struct engine *e, const struct op *op)
{
	uint64_t arg = op->args[0];
	long ret[PTF_NR_TWINS], want = 0;

	if (arg == VFIO_TYPE1_IOMMU || arg == VFIO_TYPE1v2_IOMMU ||
	    arg == VFIO_UNMAP_ALL)
		want = 1;
	else if (arg == VFIO_UPDATE_VADDR)
		want = !have_emulated();
	else if (arg == VFIO_DMA_CC_IOMMU)
		want = 0;	/* no domain here enforces cache coherency */
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = caller_ops[tw]->vfio_ioctl(M.c[tw], VFIO_CHECK_EXTENSION, arg);
		twin_leave(e, tw);
	}
	note(e, "-> %ld", ret[CAND]);
	check_twins_ret(e, "VFIO_CHECK_EXTENSION", ret[BASE], ret[CAND]);
	if (!e->opts.no_oracles && ret[CAND] != want)
		finding(e, "contract", "VFIO_CHECK_EXTENSION answer",
			"extension %" PRIu64 "\nexpected: %ld\nactual:   %ld\n",
			arg, want, ret[CAND]);
	check_state(e, 0, 0, 0);
}

/* The process, its memory, failures ------------------------------------------------- */

static void run_mmap(struct engine *e, const struct op *op)
{
	struct ptf_user_vma v = {
		.start = op->args[0], .size = op->args[1],
		.pfn = PTF_USER_RAM_PFN + op->args[2] % PTF_USER_RAM_PAGES,
		.run = op->args[3] ? op->args[3] : 1,
		.stride = op->args[4] > op->args[3] ? op->args[4] : op->args[3],
		.flags = op->args[5] & 7,
	};
	int ret;

	if (v.flags & PTF_VMA_PFNMAP)
		v.pfn = PTF_USER_MMIO_PFN + op->args[2] % PTF_USER_MMIO_PAGES;
	if (!v.stride)
		v.stride = 1;
	ret = callers_mmap(e, callers_proc(), &v);
	note(e, "-> %d", ret);
	check_state(e, 0, 0, 0);
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

/* Teardown ----------------------------------------------------------------------------- */

static void finish(struct engine *e)
{
	/*
	 * What VFIO does when the container's last fd goes: the devices
	 * close (an emulated one gives its pins back), the groups leave the
	 * container, then it is released.
	 */
	e->fail_nth = 0;
	for (int g = 0; g < PTF_NR_GROUPS; g++) {
		if (!M.grp[g].attached)
			continue;
		for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
			ptf_rt_set_twin(tw);
			caller_ops[tw]->vfio_detach(M.c[tw], g);
		}
		vfio_model_detach(e, g);
		check_state(e, 0, 0, 0);
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		ptf_rt_set_twin(tw);
		rt_clear_records(tw);
		caller_ops[tw]->vfio_release(M.c[tw]);
	}
	while (M.nr_dma)
		dma_remove(&M.dma[0]);
	oracle_warns(e);
	check_locks(e);
	check_pins(e, &M.pm, false);	/* the ranges unpinned, and the total */
	check_released(e);
}

/*
 * vfio-ffs-of-zero (README): the op reaches an __ffs(0) in
 * vfio_iommu_type1_unmap_dma() (the bitmap's pgsize) or
 * vfio_iommu_type1_dirty_pages() (flags, or the bitmap's pgsize), past
 * the checks made before it.
 */
static const char *hazard(const struct engine *e, const struct op *op)
{
	const uint64_t *a = op->args;
	uint32_t flags = a[0];
	bool unmap_bitmap = op->type == T_UNMAP && (uint32_t)a[3] >= 48 &&
		flags == VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP &&
		a[5] <= (1ULL << 47) - BITMAP_UVA && !a[4];
	bool dirty = op->type == T_DIRTY && M.v2 && (uint32_t)a[5] >= 8 &&
		!((uint32_t)a[0] & ~7u);
	bool dirty_flags = dirty && !(uint32_t)a[0];
	bool dirty_bitmap = dirty &&
		(uint32_t)a[0] == VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP &&
		(uint32_t)a[5] - 8 >= sizeof(struct vfio_iommu_type1_dirty_bitmap_get) &&
		a[2] && a[1] + (a[2] - 1) >= a[1] &&
		a[4] <= (1ULL << 47) - BITMAP_UVA && !a[3];

	if (unmap_bitmap || dirty_flags || dirty_bitmap)
		return "vfio-ffs-of-zero";
	/* An allocation failure in GET_INFO may hit the leaking path. */
	if (op->type == T_INFO && e->armed && (uint32_t)a[0] >= 16)
		return "vfio-get-info-caps-leak";
	return NULL;
}

static void print_context(const struct engine *e, FILE *out)
{
	fprintf(out, "container:  %s, %u DMA mappings, page sizes 0x%" PRIx64 "\n",
		M.v2 ? "type1v2" : "type1", M.nr_dma, M.pgsize_bitmap);
	for (int d = 0; d < PTF_NR_GROUPS; d++)
		if (M.dom[d].live)
			fprintf(out, "domain:     %s%s (group %d)\n",
				M.dom[d].view.prof->name,
				&M.dom[d] == first_domain() ? ", first" : "",
				M.dom[d].handle_group);
}

/* Ops ------------------------------------------------------------------------------------- */

static uint64_t gen_flags_map(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 3, 3, 1, 2, 4, 0 };

	return v[fdp_pick(f, 6)];
}

static uint64_t gen_flags_unmap(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 0, 0, 0, 2, 4, 1 };

	return v[fdp_pick(f, 6)];
}

static uint64_t gen_argsz_map(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 8) ? 32 : fdp_pick(f, 40);
}

static uint64_t gen_argsz_unmap(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 8) ? (op->args[0] & 1 ? 48 : 24) : fdp_pick(f, 64);
}

static uint64_t gen_argsz_info(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 4) ? 24 : 16 + fdp_pick(f, 256);
}

static uint64_t gen_uva_(struct fdp *f, void *s, const struct op *op)
{
	return gen_uva(f, s);
}

static uint64_t gen_iova_(struct fdp *f, void *s, const struct op *op)
{
	return gen_iova(f, s);
}

static uint64_t gen_len_(struct fdp *f, void *s, const struct op *op)
{
	return gen_len(f, s);
}

static uint64_t gen_small(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 4);
}

static uint64_t gen_profile(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, NR_PROFILES);
}

static uint64_t gen_extension(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 12);
}

static uint64_t gen_pfn(struct fdp *f, void *s, const struct op *op)
{
	/* At 1G, 2M or page boundaries of RAM (or of the MMIO window). */
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

static uint64_t gen_pgsize(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 4096, 4096, 4096, 8192, 2 << 20, 0 };

	return v[fdp_pick(f, 6)];
}

static uint64_t gen_bitmap_size(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { BITMAP_BYTES, BITMAP_BYTES, 8, 64, 4096, 0 };

	return v[fdp_pick(f, 6)];
}

static uint64_t gen_flags_dirty(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 1, 4, 4, 4, 2, 0, 3 };

	return v[fdp_pick(f, 7)];
}

static uint64_t gen_argsz_dirty(struct fdp *f, void *s, const struct op *op)
{
	return fdp_pick(f, 8) ? 48 : fdp_pick(f, 64);
}

static uint64_t gen_npage(struct fdp *f, void *s, const struct op *op)
{
	return 1 + fdp_pick(f, 16);
}

static uint64_t gen_rw_len(struct fdp *f, void *s, const struct op *op)
{
	static const uint64_t v[] = { 8, 4096, 4096 + 16, RW_MAX, 1 };

	return v[fdp_pick(f, 5)];
}

static void decoded(void *state, const struct op *op)
{
	struct caller_decoder *d = state;

	switch (op->type) {
	case T_MAP:
		caller_decoder_mark(d, op->args[2]);
		caller_decoder_mark(d, op->args[2] + op->args[3]);
		break;
	case T_MMAP:
		if (d->nr_vmas[d->proc] < PTF_MAX_VMAS) {
			struct ptf_user_vma *v =
				&d->vmas[d->proc][d->nr_vmas[d->proc]++];

			*v = (struct ptf_user_vma){
				.start = op->args[0], .size = op->args[1] ? op->args[1] : 4096,
				.run = 1, .stride = 1,
			};
		}
		break;
	case T_PROC:
		d->proc = op->args[0] % PTF_NR_PROCS;
		break;
	}
}

static const char *const map_flag_names[] = { "READ", "WRITE", "VADDR" };
static const char *const unmap_flag_names[] = { "GET_DIRTY_BITMAP", "ALL", "VADDR" };
static const char *const vma_flag_names[] = { "R", "W", "PFNMAP" };

static const struct op_arg map_args[] = {
	{ "flags", ARG_FLAGS, map_flag_names, 3, gen_flags_map },
	{ "vaddr", ARG_NUM, NULL, 0, gen_uva_ },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "size", ARG_SIZE, NULL, 0, gen_len_ },
	{ "argsz", ARG_NUM, NULL, 0, gen_argsz_map },
};
static const struct op_arg unmap_args[] = {
	{ "flags", ARG_FLAGS, unmap_flag_names, 3, gen_flags_unmap },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "size", ARG_SIZE, NULL, 0, gen_len_ },
	{ "argsz", ARG_NUM, NULL, 0, gen_argsz_unmap },
	{ "bitmap_pgsize", ARG_SIZE, NULL, 0, gen_pgsize },
	{ "bitmap_size", ARG_NUM, NULL, 0, gen_bitmap_size },
};
static const char *const dirty_flag_names[] = { "START", "STOP", "GET_BITMAP" };
static const struct op_arg dirty_args[] = {
	{ "flags", ARG_FLAGS, dirty_flag_names, 3, gen_flags_dirty },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "size", ARG_SIZE, NULL, 0, gen_len_ },
	{ "pgsize", ARG_SIZE, NULL, 0, gen_pgsize },
	{ "bitmap_size", ARG_NUM, NULL, 0, gen_bitmap_size },
	{ "argsz", ARG_NUM, NULL, 0, gen_argsz_dirty },
};
static const char *const prot_names[] = { "READ", "WRITE" };
static const struct op_arg pin_args[] = {
	{ "group", ARG_NUM, NULL, 0, gen_small },
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "npage", ARG_NUM, NULL, 0, gen_npage },
	{ "prot", ARG_FLAGS, prot_names, 2, gen_small },
};
static const struct op_arg unpin_args[] = {
	{ "pin", ARG_NUM, NULL, 0, gen_small },
};
static const char *const rw_names[] = { "read", "write" };
static const struct op_arg rw_args[] = {
	{ "iova", ARG_NUM, NULL, 0, gen_iova_ },
	{ "len", ARG_NUM, NULL, 0, gen_rw_len },
	{ "dir", ARG_CHOICE, rw_names, 2, gen_small },
	{ "seed", ARG_NUM, NULL, 0, gen_small },
};
static const struct op_arg attach_args[] = {
	{ "group", ARG_NUM, NULL, 0, gen_small },
	{ "emulated", ARG_CHOICE, bool_names, 2, gen_small },
	{ "domain", ARG_CHOICE, profile_names, NR_PROFILES, gen_profile },
	{ "resv", ARG_CHOICE, resv_names, 4, gen_small },
};
static const struct op_arg group_args[] = {
	{ "group", ARG_NUM, NULL, 0, gen_small },
};
static const struct op_arg info_args[] = {
	{ "argsz", ARG_NUM, NULL, 0, gen_argsz_info },
};
static const struct op_arg extension_args[] = {
	{ "arg", ARG_NUM, NULL, 0, gen_extension },
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
	[T_MAP]		= { "map_dma", 70, ARGS(map_args), run_map },
	[T_UNMAP]	= { "unmap_dma", 50, ARGS(unmap_args), run_unmap },
	[T_ATTACH]	= { "attach", 16, ARGS(attach_args), run_attach },
	[T_DETACH]	= { "detach", 12, ARGS(group_args), run_detach },
	[T_INFO]	= { "get_info", 8, ARGS(info_args), run_info },
	[T_EXTENSION]	= { "check_extension", 4, ARGS(extension_args), run_extension },
	[T_MMAP]	= { "mmap", 16, ARGS(mmap_args), run_mmap },
	[T_PROC]	= { "proc", 8, ARGS(proc_args), run_proc },
	[T_FAIL]	= { "fail_alloc", 16, ARGS(fail_args), run_fail },
	[T_PIN]		= { "pin", 14, ARGS(pin_args), run_pin },
	[T_UNPIN]	= { "unpin", 8, ARGS(unpin_args), run_unpin },
	[T_RW]		= { "dma_rw", 8, ARGS(rw_args), run_rw },
	[T_DIRTY]	= { "dirty_pages", 10, ARGS(dirty_args), run_dirty },
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

extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;

static const struct target vfio_type1 = {
	.name		= "vfio_type1",
	.summary	= "VFIO type1 (vfio_iommu_type1.c) over io-pgtable-arm and generic_pt domains",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.vocab		= &vocab,
	.twin		= { &ptf_base__ptf_twin_iopgtable,
			    &ptf_cand__ptf_twin_iopgtable },
};

const struct target *const ptf_target = &vfio_type1;
