// SPDX-License-Identifier: GPL-2.0
/*
 * panthor: the page-table half of the Mali CSF GPU driver (panthor_mmu.c),
 * on io-pgtable-arm's ARM_64_LPAE_S1 as panthor_vm_create() configures it:
 * 4K and 2M pages (panthor_mmu_info_init()), IAS and OAS from the GPU's
 * MMU_FEATURES (VA bits 7:0, PA bits 15:8), coherent walks or not, the
 * driver's own table allocator over its pt_cache.
 *
 * The ops are the VM_BIND paths that reach the page table: a map of a BO's
 * pages (physically contiguous runs, as shmem hands them over), an unmap
 * (panthor_vm_unmap_pages(), whose recovery loop patch 0028 converts),
 * and "desync": what the page table lost without the drm_gpuvm knowing,
 * the state the recovery loop exists for ("Gracefully handle sparsely
 * unmapped regions to avoid leaving page table pages behind when the
 * drm_gpuvm and VM page table are out-of-sync").
 *
 * The model is io-pgtable-arm's (lpae_model.c), driven as the driver's
 * contract says: a map splits at each run and at the 2M and 1G boundaries
 * of its IOVA and PA, a failed map undoes the whole bind with one unmap
 * and makes the VM unusable; an unmap goes chunk by chunk (2M
 * where a whole 2M-aligned block of the range remains, else 4K up to the
 * next 2M boundary), and a chunk that comes up short is recovered by
 * skipping the 4K pages after what was unmapped that have no translation
 * (the legacy probe, iova_to_phys() == 0, also takes a page at PA 0 for
 * one), WARNing and making the VM unusable; no progress at all ends it.
 * The walker is the LPAE walker (lpae_walk.c) from the TTBR and MAIR of
 * the io_pgtable_cfg, which panthor_vm_active() programs into AS_TRANSTAB
 * and (translated) AS_MEMATTR.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drm.h"
#include "drm_common.h"
#include "drv_common.h"
#include "engine.h"
#include "fdp.h"
#include "lpae_model.h"
#include "lpae_walk.h"

enum { F_VA, F_PA, F_COHERENT, F_VM, NR_FIELDS };

static const char *const va_names[] = { "48", "40", "39" };
static const uint64_t va_values[] = { 48, 40, 39 };
static const char *const pa_names[] = { "40", "44", "48" };
static const uint64_t pa_values[] = { 40, 44, 48 };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };
static const char *const vm_names[] = { "user", "mcu" };
static const uint64_t vm_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_VA]		= { "va_bits", FIELD(va_names, va_values) },
	[F_PA]		= { "pa_bits", FIELD(pa_names, pa_values) },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
	[F_VM]		= { "vm", FIELD(vm_names, vm_values) },
};

#define PANTHOR_PGSIZES	(SZ_4K | SZ_2M)

/* DRM_PANTHOR_VM_BIND_OP_MAP_* (uapi/drm/panthor_drm.h). */
#define MAP_READONLY	(1u << 0)
#define MAP_NOEXEC	(1u << 1)
#define MAP_UNCACHED	(1u << 2)

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.pgsize_bitmap = PANTHOR_PGSIZES,
		.ias = (unsigned int)cfg->v[F_VA],
		.oas = (unsigned int)cfg->v[F_PA],
		.coherent_walk = (int)cfg->v[F_COHERENT],
		.variant = (unsigned int)cfg->v[F_VM],
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	return true;
}

/*
 * panthor_vm_create(): ARM_64_LPAE_S1 with the MMU info's 4K | 2M, IAS
 * the VA bits, OAS the PA bits, the GPU's coherency; the gpuvm spans the
 * whole VA (4 GiB for the MCU's VM, a Cortex-M7).  The VM's allocations
 * around the table are the driver's: not predicted one by one.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config pc = {
		.fmt = PTF_FMT_ARM_64_LPAE_S1,
		.pgsize_bitmap = PANTHOR_PGSIZES,
		.ias = ts->pt.ias,
		.oas = ts->pt.oas,
		.coherent_walk = ts->pt.coherent_walk,
	};

	memset(d, 0, sizeof(*d));
	lpae_model_predict(&pc, d);
	d->create_allocs_open = true;
	d->incoherent = !ts->pt.coherent_walk;
	d->info.va_last = ts->pt.variant ? SZ_4G - 1 : (1ULL << ts->pt.ias) - 1;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(PTF_FMT_ARM_64_LPAE_S1, prot);
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct lpae_regime r = {
		.fmt = PTF_FMT_ARM_64_LPAE_S1,
		.oas = hw->info->oas,
		.regs = hw->info->regs,
	};

	lpae_walk(hw, &r, lo, hi);
}

/* WARN sites: io-pgtable-arm's and the driver's own ------------------------ */

static const struct warn_site panthor_sites[] = {
	{ "panthor-unmap-short", "panthor_mmu.c", "panthor_vm_unmap_pages",
	  "unmapped_sz != pgsize * pgcount",
	  "an unmap chunk came up short: the gpuvm and the page table are out of sync" },
	{ "panthor-unmap-stuck", "panthor_mmu.c", "panthor_vm_unmap_pages",
	  "!unmapped_sz", "the recovery made no progress: the unmap gives up" },
	{ "panthor-map-failed", "panthor_mmu.c", "panthor_vm_map_pages", "ret",
	  "map_pages() failed: the bind is undone and the VM unusable" },
};

#define NR_PANTHOR_SITES	(sizeof(panthor_sites) / sizeof(panthor_sites[0]))

static struct warn_site warn_sites[NR_PANTHOR_SITES + 16];

__attribute__((constructor)) static void warn_sites_init(void)
{
	drv_warn_sites(warn_sites, sizeof(warn_sites) / sizeof(warn_sites[0]),
		       panthor_sites, NR_PANTHOR_SITES, lpae_warn_sites);
}

/* The ops -------------------------------------------------------------------- */

extern const struct ptf_drm_ops ptf_base__ptf_drm_driver;
extern const struct ptf_drm_ops ptf_cand__ptf_drm_driver;
static const struct ptf_drm_ops *const drm[PTF_NR_TWINS] = {
	&ptf_base__ptf_drm_driver, &ptf_cand__ptf_drm_driver,
};

/* What the model holds of the VM beyond its table. */
static struct {
	bool unusable[PTF_NR_TWINS];
} vm_model;

enum { OP_BIND = DRM_OP_MAP, OP_UNBIND, OP_DESYNC, OP_PROBE };

static struct drm_decoder dec;

static void *decoder_state(const struct target_config *cfg)
{
	return drm_decoder_reset(&dec, 256);
}

static uint64_t gen_small(struct fdp *f, void *state, const struct op *op)
{
	return fdp_pick(f, 8);
}

/* A BO's layout from the op: runs of @run bytes, @gap bytes apart. */
static struct ptf_drm_bo bo_of(const struct op *op)
{
	uint64_t size = op->args[1], run = op->args[3];

	if (!run || run > size)
		run = size;
	return (struct ptf_drm_bo){
		.pa = op->args[2], .size = size, .run = run,
		.stride = run + op->args[4],
	};
}

/* flags_to_prot(), as the uAPI defines the flags. */
static int prot_of(unsigned int flags)
{
	int prot = flags & MAP_NOEXEC ? PTF_PROT_NOEXEC : 0;

	if (!(flags & MAP_UNCACHED))
		prot |= PTF_PROT_CACHE;
	prot |= flags & MAP_READONLY ? PTF_PROT_READ : PTF_PROT_READ | PTF_PROT_WRITE;
	return prot;
}

static bool bo_fits(const struct engine *e, const struct ptf_drm_bo *bo)
{
	uint64_t runs = (bo->size + bo->run - 1) / bo->run;
	uint64_t last = bo->pa + (runs - 1) * bo->stride + bo->run;

	return bo->size && !(bo->size % SZ_4K) && !(bo->run % SZ_4K) &&
	       !(bo->pa % SZ_4K) && !(bo->stride % SZ_4K) && runs <= 4096 &&
	       last <= 1ULL << e->ts.pt.oas && last > bo->pa;
}

static bool range_fits(const struct engine *e, uint64_t iova, uint64_t size)
{
	return size && !(iova % SZ_4K) && !(size % SZ_4K) &&
	       size <= DRM_SIZE_MAX && iova + size > iova &&
	       iova + size - 1 <= e->pred.info.va_last;
}

static void window(struct engine *e, uint64_t lo, uint64_t hi)
{
	model_widen(&e->model[CAND], &lo, &hi);
	model_widen(&e->model[BASE], &lo, &hi);
	e->win_lo = lo & ~(SZ_1G - 1);
	e->win_hi = hi | (SZ_1G - 1);
}

static void check_state(struct engine *e)
{
	struct ptf_drm_state st;

	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		ptf_rt_set_twin(tw);
		drm[tw]->state(e->dom[tw], &st);
		if (st.locked)
			finding(e, "lock", "a lock is held after the op",
				"%s twin: the VM's locked region is still set: panthor_vm_lock_region() without its unlock\n",
				twin_name(tw));
		if (!st.unusable != !vm_model.unusable[tw])
			finding(e, "contract", "the VM's state differs from the model",
				"%s twin: expected the VM %s, actual %s\n", twin_name(tw),
				vm_model.unusable[tw] ? "unusable" : "usable",
				st.unusable ? "unusable" : "usable");
	}
}

static void after_op(struct engine *e, uint64_t lo, uint64_t hi)
{
	window(e, lo, hi);
	oracle_window(e);
	oracle_warns(e);
	oracle_syncs(e);
	check_state(e);
}

/*
 * The legacy probe reads no translation as 0, so a page mapped at PA 0
 * looks like a hole to it; iova_to_phys_length()'s PHYS_ADDR_MAX does not.
 */
static bool probe_hole(const struct engine *e, int tw, const struct model *m,
		       uint64_t iova, unsigned long *walks)
{
	const struct pt_leaf *l = model_translate(m, iova);

	++*walks;
	if (!l)
		return true;
	return (tw == BASE || e->diff_off) && !model_leaf_pa(l, iova);
}

/* The largest chunk get_pgsize()'s rule gives: 2M blocks inside the range. */
static uint64_t chunk(uint64_t iova, uint64_t left, uint64_t *count)
{
	uint64_t to2m = -iova % SZ_2M, to1g;

	if (to2m || left < SZ_2M) {
		*count = (to2m && to2m < left ? to2m : left) / SZ_4K;
		return SZ_4K;
	}
	to1g = -iova % SZ_1G ? -iova % SZ_1G : SZ_1G;
	*count = (to1g < left ? to1g : left) / SZ_2M;
	return SZ_2M;
}

/*
 * An unmap on the model, chunk by chunk; a short chunk's recovery probes
 * from @probe_base + what was unmapped: the chunk's own IOVA as the code
 * means it, or (@buggy) the unmap's first IOVA as panthor's loop has it.
 */
static unsigned long model_unbind(struct engine *e, int tw, struct model *m,
				  uint64_t iova, uint64_t size, bool buggy,
				  bool *unusable)
{
	unsigned long walks = 0;
	uint64_t off = 0;

	while (off < size) {
		uint64_t count, pgsize = chunk(iova + off, size - off, &count);
		uint64_t want = pgsize * count, got, base = buggy ? iova : iova + off;

		got = m->impl->unmap_pages(m, iova + off, pgsize, count);
		if (got != want) {
			model_warn(m, "panthor-unmap-short");
			while (probe_hole(e, tw, m, base + got, &walks) && got < want)
				got += SZ_4K;
			*unusable = true;
			if (!got) {
				model_warn(m, "panthor-unmap-stuck");
				break;
			}
		}
		off += got;
	}
	return walks;
}

/*
 * A bind on the model: the BO's runs in turn, each in the chunks
 * get_pgsize()'s rule gives for its IOVA and PA (a chunk that meets a live
 * leaf fails whole: io-pgtable checks its entries before writing them); a
 * failure undoes everything the bind mapped with one unmap of the range,
 * WARNs and makes the VM unusable.
 */
static int model_bind(struct engine *e, int tw, uint64_t iova,
		      const struct ptf_drm_bo *bo, int prot)
{
	struct model *m = &e->model[tw];
	uint64_t cur = iova, done = 0;
	bool unusable;

	for (uint64_t pa = bo->pa; done < bo->size; pa += bo->stride) {
		uint64_t len = bo->size - done < bo->run ? bo->size - done : bo->run;
		uint64_t at = pa;

		done += len;
		while (len) {
			uint64_t count, mapped = 0;
			uint64_t pgsize = chunk(cur | at, len, &count);
			int ret = m->impl->map_pages(m, cur, at, pgsize, count,
						     prot, &mapped);

			cur += mapped;
			at += mapped;
			len -= mapped;
			if (!ret && !mapped)
				ret = -ENOMEM;
			if (ret) {
				model_warn(m, "panthor-map-failed");
				model_unbind(e, tw, m, iova, cur - iova, false,
					     &unusable);
				vm_model.unusable[tw] = true;
				return ret;
			}
		}
	}
	return 0;
}

static const char *const wrong_iova = "panthor-unmap-recovery-wrong-iova";

/* The tables as the known finding's loop leaves them (a finding may end the input). */
static struct model bug[PTF_NR_TWINS];

static void bug_models_free(void)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		model_free(&bug[tw]);
}

static bool same_model(const struct model *a, const struct model *b)
{
	return a->nr == b->nr && a->nr_tables == b->nr_tables &&
	       (!a->nr || !memcmp(a->leaves, b->leaves, a->nr * sizeof(*a->leaves))) &&
	       (!a->nr_tables ||
		!memcmp(a->tables, b->tables, a->nr_tables * sizeof(*a->tables)));
}

/* The leaves of [lo, hi] of @m and of what @tw's device sees: the same? */
static bool device_sees(struct engine *e, int tw, const struct model *m,
			uint64_t lo, uint64_t hi)
{
	struct hwview v = { 0 };
	const struct pt_leaf *want;
	size_t n = model_leaves_in(m, lo, hi, &want);
	bool same;

	hw_view(e, tw, lo, hi, &v);
	same = n == v.leaves.n;
	for (size_t i = 0; same && i < n; i++)
		same = want[i].iova == v.leaves.v[i].iova &&
		       want[i].size == v.leaves.v[i].size &&
		       want[i].phys == v.leaves.v[i].phys;
	hwview_free(&v);
	return same;
}

static void run_bind(struct engine *e, const struct op *op)
{
	struct ptf_drm_bo bo = bo_of(op);
	unsigned int flags = (unsigned int)op->args[5] & 7;
	uint64_t iova = op->args[0];
	int ret[PTF_NR_TWINS], want[PTF_NR_TWINS];
	bool fail;

	if (!range_fits(e, iova, bo.size) || !bo_fits(e, &bo)) {
		note(e, "skipped: not a range and BO a VM_BIND takes");
		return;
	}
	if (vm_model.unusable[CAND] || vm_model.unusable[BASE]) {
		/* panthor_vm_bind_job_create() and the sync path refuse it. */
		note(e, "skipped: the VM is unusable, VM_BIND refuses it");
		return;
	}
	engine_models_begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = drm[tw]->bind(e->dom[tw], iova, bo.size, &bo, 0, flags);
		twin_leave(e, tw);
	}
	/*
	 * Every allocation of a bind comes before its first map (the
	 * scatterlist, the op context's array, its page tables from the
	 * pt_cache; io-pgtable then takes tables from that reserve): an
	 * allocation failure is -ENOMEM with nothing mapped.
	 */
	fail = fail_delivered(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		want[tw] = fail ? -ENOMEM :
			   model_bind(e, tw, iova, &bo, prot_of(flags));
	note(e, "-> %d", ret[CAND]);
	if (ret[BASE] != ret[CAND])
		finding(e, "twins", "return codes differ",
			"baseline %d, candidate %d\n", ret[BASE], ret[CAND]);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (ret[tw] != want[tw])
			finding(e, "contract", "a VM_BIND map's return code",
				"%s twin: expected %d, actual %d\n", twin_name(tw),
				want[tw], ret[tw]);
	after_op(e, iova, iova + bo.size - 1);
}

static void run_unbind(struct engine *e, const struct op *op)
{
	uint64_t iova = op->args[0], size = op->args[1];
	struct ptf_twin_stats before[PTF_NR_TWINS], after;
	unsigned long want[PTF_NR_TWINS], bug_walks[PTF_NR_TWINS];
	unsigned long walks[PTF_NR_TWINS];
	bool bug_unusable, shows, as_bug;

	if (!range_fits(e, iova, size)) {
		note(e, "skipped: not a range VM_BIND takes");
		return;
	}
	if (vm_model.unusable[CAND] || vm_model.unusable[BASE]) {
		note(e, "skipped: the VM is unusable, VM_BIND refuses it");
		return;
	}
	engine_models_begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		model_copy(&bug[tw], &e->model[tw]);
		bug_walks[tw] = model_unbind(e, tw, &bug[tw], iova, size, true,
					     &bug_unusable);
		want[tw] = model_unbind(e, tw, &e->model[tw], iova, size, false,
					&vm_model.unusable[tw]);
		e->t->twin[tw]->stats(e->dom[tw], &before[tw]);
		twin_enter(e, tw);
		drm[tw]->unbind(e->dom[tw], iova, size);
		twin_leave(e, tw);
	}
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		e->t->twin[tw]->stats(e->dom[tw], &after);
		walks[tw] = after.walks - before[tw].walks;
	}
	/*
	 * The known finding: the loop probes from the unmap's start, not
	 * from the chunk's.  It is what the kernel did only if both twins
	 * probed as often as that loop does and the device sees exactly
	 * what it leaves (its WARNs follow).
	 */
	e->vocab_hazard = NULL;
	shows = as_bug = true;
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		shows &= bug_walks[tw] == want[tw] &&
			 device_sees(e, tw, &e->model[tw], iova, iova + size - 1);
		as_bug &= walks[tw] == bug_walks[tw] &&
			  device_sees(e, tw, &bug[tw], iova, iova + size - 1);
	}
	/* shows: the loop as it is and as it is meant agree on both twins. */
	if (!shows && as_bug)
		e->vocab_hazard = wrong_iova;
	if (e->vocab_hazard)
		vm_model.unusable[BASE] = vm_model.unusable[CAND] = true;
	/*
	 * The legacy probe takes a page at PA 0 for a hole: the twins' loops
	 * then probe, WARN and unmap apart, and what they leave may differ
	 * from there on.
	 */
	e->loops_differ = want[BASE] != want[CAND];
	if (!same_model(&e->model[BASE], &e->model[CAND]))
		e->diverged = true;
	after_op(e, iova, iova + size - 1);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (walks[tw] != want[tw])
			finding(e, "step-unmap", "walks differ from the model",
				"%s twin: the unmap's recovery probed %lu times, the model %lu\n",
				twin_name(tw), walks[tw], want[tw]);
	e->loops_differ = false;
}

static void run_desync(struct engine *e, const struct op *op)
{
	uint64_t iova = op->args[0], pgsize = op->args[1], count = op->args[2];
	uint64_t got[PTF_NR_TWINS], want[PTF_NR_TWINS];

	if ((pgsize != SZ_4K && pgsize != SZ_2M) || !count || count > 512 ||
	    iova % pgsize || !range_fits(e, iova, pgsize * count)) {
		note(e, "skipped: not an unmap_pages() call");
		return;
	}
	engine_models_begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct model *m = &e->model[tw];

		want[tw] = m->impl->unmap_pages(m, iova, pgsize, count);
		twin_enter(e, tw);
		got[tw] = drm[tw]->desync(e->dom[tw], iova, pgsize, count);
		twin_leave(e, tw);
	}
	note(e, "-> 0x%" PRIx64, got[CAND]);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (got[tw] != want[tw])
			finding(e, "contract", "iommu_unmap() byte count",
				"%s twin: unmap_pages() returned 0x%" PRIx64 ", the model 0x%" PRIx64 "\n",
				twin_name(tw), got[tw], want[tw]);
	after_op(e, iova, iova + pgsize * count - 1);
}

/*
 * The lookup the recovery loop makes (io-pgtable's iova_to_phys() on the
 * baseline, iova_to_phys_length() on the candidate), as the lookup op.
 */
static void run_probe(struct engine *e, const struct op *op)
{
	if (op->args[0] > e->rules.va_last) {
		note(e, "skipped: past the VA");
		return;
	}
	engine_lookup(e, op->args[0]);
}

static const char *const flag_names[] = { "READONLY", "NOEXEC", "UNCACHED" };

static const struct op_arg bind_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
	{ "size", ARG_SIZE, NULL, 0, drm_gen_size },
	{ "pa", ARG_NUM, NULL, 0, drm_gen_pa },
	{ "run", ARG_SIZE, NULL, 0, drm_gen_run },
	{ "gap", ARG_SIZE, NULL, 0, drm_gen_run },
	{ "flags", ARG_FLAGS, flag_names, 3, gen_small },
};
static const struct op_arg unbind_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
	{ "size", ARG_SIZE, NULL, 0, drm_gen_size },
};
static const struct op_arg desync_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
	{ "pgsize", ARG_SIZE, NULL, 0, drm_gen_pgsize },
	{ "count", ARG_NUM, NULL, 0, drm_gen_count },
};

static const struct op_arg probe_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
};

static const struct op_type types[] = {
	[OP_BIND]	= { "bind", 120, bind_args, 6, run_bind },
	[OP_UNBIND]	= { "unbind", 90, unbind_args, 2, run_unbind },
	[OP_DESYNC]	= { "desync", 30, desync_args, 3, run_desync },
	[OP_PROBE]	= { "probe", 16, probe_args, 1, run_probe },
};

static bool create(struct engine *e)
{
	memset(&vm_model, 0, sizeof(vm_model));
	bug_models_free();
	return engine_create_domain(e);
}

/* The VM's teardown: panthor_vm_free() frees every table (no leak). */
static void finish(struct engine *e)
{
	e->win_lo = 0;
	e->win_hi = UINT64_MAX;
	oracle_window(e);
	engine_destroy_domain(e);
	bug_models_free();
}

static const char *hazard(const struct engine *e, const struct op *op)
{
	return NULL;
}

static const struct op_vocab vocab = {
	.types		= types,
	.nr_types	= sizeof(types) / sizeof(types[0]),
	.decoder_state	= decoder_state,
	.decoded	= drm_decoded,
	.create		= create,
	.finish		= finish,
	.hazard		= hazard,
};

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* every Mali CSF GPU's VM is one of these */
}

static const unsigned int class_fields[] = { F_VA, F_PA, F_COHERENT, F_VM };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "va%u/pa%u/%s/%s", ts->pt.ias, ts->pt.oas,
		 ts->pt.coherent_walk ? "coherent" : "noncoherent",
		 vm_names[ts->pt.variant & 1]);
}

static const struct target panthor_target = {
	.name		= "panthor",
	.summary	= "panthor: the Mali CSF GPU's VM on io-pgtable-arm ARM_64_LPAE_S1, VM_BIND map and unmap",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= warn_sites,
	.vocab		= &vocab,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &panthor_target;
