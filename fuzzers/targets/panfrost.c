// SPDX-License-Identifier: GPL-2.0
/*
 * panfrost: the GPU VM of the Mali Midgard/Bifrost/Valhall (job manager)
 * driver (panfrost_mmu.c) on io-pgtable-arm, configured as the driver
 * configures it from the GPU's registers: GPU_ID gives the model, and so
 * whether its MMU has the AArch64 mode (Bifrost and later do, Midgard has
 * the legacy LPAE mode only); MMU_FEATURES gives the VA bits (7:0) and PA
 * bits (15:8); the SoC's match data may force the AArch64 format
 * (GPU_QUIRK_FORCE_AARCH64_PGTABLE, MediaTek's MT8188/MT8192/MT8370).
 * panfrost_mmu_ctx_create() then builds ARM_MALI_LPAE, or ARM_64_LPAE_S1
 * with the quirk, with 4K and 2M pages; a GPU VA space is [32M, 4G).
 *
 * The ops are what reaches the page table: a BO's GEM open
 * (panfrost_mmu_map() of its shmem pages, in physically contiguous runs;
 * a heap BO is not mapped then), its close (panfrost_mmu_unmap(), whose
 * heap loop patch 0027 converts: each 2M chunk's first page is probed and
 * the chunk unmapped only if the fault path mapped it), a GPU translation
 * fault (panfrost_mmu_map_fault_addr(): a heap BO grows by the 2M chunk
 * around the address), "desync" (the page table losing pages behind the
 * driver's back) and the lookup the heap loop makes.
 *
 * The model is io-pgtable-arm's (lpae_model.c), driven as the driver's
 * code means: maps in the chunks of get_pgsize()'s rule for each run's
 * IOVA and PA, a failed map undone by mmu_unmap_range(), unmaps chunk by
 * chunk, a heap chunk skipped when its first page has no translation (the
 * legacy probe, iova_to_phys() == 0, also takes a page at PA 0 for none).
 *
 * The device model is the GPU's register file as panfrost_regs.h lays it
 * out (no public Mali documentation exists; the behaviour is the one the
 * Arm Mali programmer's model describes for these registers): the ID
 * registers (GPU_ID, MMU_FEATURES, AS_PRESENT, COHERENCY_FEATURES; every
 * other feature register reads 0), MMU_INT_*, and per address space
 * TRANSTAB, MEMATTR, TRANSCFG (latched by the UPDATE command), LOCKADDR
 * (a naturally aligned region of 2^(width + 1) bytes, width in bits 5:0,
 * 32K at least) and COMMAND: LOCK, UNLOCK, FLUSH_PT and FLUSH_MEM, a flush
 * invalidating the TLB and walk caches of the locked region.  The walk
 * (lpae_walk.c) starts from the latched registers: legacy mode (TRANSCFG
 * ADRMODE 0) translates when TRANSTAB[1:0] is 3, from TRANSTAB[63:12],
 * four levels; AArch64 4K from TRANSTAB, the input size 55 - INA_BITS.
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
#include "runtime.h"

enum { F_GPU, F_QUIRK, F_VA, F_PA, F_COHERENT, NR_FIELDS };

enum gpu { T860, G31, G72, G57 };

static const char *const gpu_names[] = { "t860", "g31", "g72", "g57" };
static const uint64_t gpu_values[] = { T860, G31, G72, G57 };
/* GPU_ID: the product ID in bits 31:16, the revision below. */
static const uint32_t gpu_ids[] = {
	[T860] = 0x08602000, [G31] = 0x70030000, [G72] = 0x60010000,
	[G57] = 0x90010000,
};
static const char *const va_names[] = { "48", "40", "39", "33" };
static const uint64_t va_values[] = { 48, 40, 39, 33 };
static const char *const pa_names[] = { "40", "48", "44", "34" };
static const uint64_t pa_values[] = { 40, 48, 44, 34 };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_GPU]		= { "gpu", FIELD(gpu_names, gpu_values) },
	[F_QUIRK]	= { "force_aarch64", FIELD(bool_names, bool_values) },
	[F_VA]		= { "va_bits", FIELD(va_names, va_values) },
	[F_PA]		= { "pa_bits", FIELD(pa_names, pa_values) },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
};

#define SZ_16M		0x1000000ULL
#define SZ_32M		0x2000000ULL
#define PANFROST_PGSIZES	(SZ_4K | SZ_2M)

/* PANFROST_BO_* (uapi/drm/panfrost_drm.h). */
#define BO_NOEXEC	(1u << 0)
#define BO_HEAP		(1u << 1)

/* The GPU of one input, as its registers describe it. */
static struct {
	enum gpu gpu;
	bool quirk, aarch64;
	unsigned int va_bits, pa_bits;
} gpu;

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	gpu.gpu = (enum gpu)cfg->v[F_GPU];
	gpu.quirk = cfg->v[F_QUIRK];
	/* Midgard (T6xx-T8xx) has the legacy LPAE mode only. */
	gpu.aarch64 = gpu.gpu != T860;
	gpu.va_bits = (unsigned int)cfg->v[F_VA];
	gpu.pa_bits = (unsigned int)cfg->v[F_PA];
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.quirks = gpu.quirk,
		.variant = gpu.gpu,
		.pgsize_bitmap = PANFROST_PGSIZES,
		.ias = gpu.va_bits,
		.oas = gpu.pa_bits,
		.coherent_walk = (int)cfg->v[F_COHERENT],
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	return true;
}

static enum ptf_fmt gpu_fmt(void)
{
	return gpu.quirk ? PTF_FMT_ARM_64_LPAE_S1 : PTF_FMT_ARM_MALI_LPAE;
}

/*
 * panfrost_mmu_ctx_create(): the quirk on a GPU without the AArch64 MMU
 * is refused; else the format's own rules (lpae_model.c) on 4K | 2M, IAS
 * the VA bits, OAS the PA bits, the GPU's coherency.  The VA space is the
 * drm_mm's [32M, 4G).  The context's allocations around the table are the
 * driver's: not predicted one by one.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config pc = {
		.fmt = gpu_fmt(),
		.pgsize_bitmap = PANFROST_PGSIZES,
		.ias = ts->pt.ias,
		.oas = ts->pt.oas,
		.coherent_walk = ts->pt.coherent_walk,
	};

	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	if (gpu.quirk && !gpu.aarch64)
		return;
	lpae_model_predict(&pc, d);
	d->incoherent = !ts->pt.coherent_walk;
	d->info.va_first = SZ_32M;
	d->info.va_last = SZ_4G - 1;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(gpu_fmt(), prot);
}

/* Device model ------------------------------------------------------------- */

#define GPU_BASE	0xff9a0000ULL	/* where the glue puts the GPU */
#define GPU_SIZE	0x4000
#define NR_AS		8

enum {
	GPU_ID = 0x000, GPU_MMU_FEATURES = 0x014, GPU_AS_PRESENT = 0x018,
	GPU_COHERENCY_FEATURES = 0x300, GPU_CONTROL_END = 0x1000,
	MMU_INT_RAWSTAT = 0x2000, MMU_INT_CLEAR = 0x2004, MMU_INT_MASK = 0x2008,
	MMU_INT_STAT = 0x200c, MMU_AS_BASE = 0x2400, MMU_AS_STRIDE = 0x40,
	/* per address space */
	AS_TRANSTAB = 0x00, AS_MEMATTR = 0x08, AS_LOCKADDR = 0x10,
	AS_COMMAND = 0x18, AS_FAULTSTATUS = 0x1c, AS_FAULTADDRESS = 0x20,
	AS_STATUS = 0x28, AS_TRANSCFG = 0x30,
};

enum { CMD_NOP, CMD_UPDATE, CMD_LOCK, CMD_UNLOCK, CMD_FLUSH_PT, CMD_FLUSH_MEM };

#define ADRMODE_LEGACY		0
#define ADRMODE_UNMAPPED	1
#define ADRMODE_AARCH64_4K	6
#define LPAE_ADRMODE_TABLE	3

/* One address space: the registers written, and what UPDATE latched. */
struct gpu_as {
	uint64_t transtab, memattr, transcfg, lockaddr;
	uint64_t live_transtab, live_memattr, live_transcfg;
	bool updated, locked;
	uint64_t lock_base, lock_size;	/* 0: the whole space */
};

static struct gpu_hw {
	bool mapped;
	struct gpu_as as[NR_AS];
	unsigned long flushes;
} hw_gpu[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	memset(hw_gpu, 0, sizeof(hw_gpu));
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != GPU_BASE || size != GPU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the GPU's register space",
			     (unsigned long long)phys, (unsigned long long)size);
	hw_gpu[hw->twin].mapped = true;
}

/* A 64-bit register's half at @off - @base (0: low word, 4: high word). */
static uint64_t *reg64(struct gpu_as *as, uint32_t off, unsigned int *half)
{
	static const uint32_t regs[] = { AS_TRANSTAB, AS_MEMATTR, AS_LOCKADDR, AS_TRANSCFG };
	uint64_t *vals[] = { &as->transtab, &as->memattr, &as->lockaddr, &as->transcfg };

	for (unsigned int i = 0; i < 4; i++)
		if (off == regs[i] || off == regs[i] + 4) {
			*half = off - regs[i];
			return vals[i];
		}
	return NULL;
}

static uint32_t id_register(uint32_t off)
{
	switch (off) {
	case GPU_ID:
		return gpu_ids[gpu.gpu];
	case GPU_MMU_FEATURES:
		return gpu.pa_bits << 8 | gpu.va_bits;
	case GPU_AS_PRESENT:
		return (1u << NR_AS) - 1;
	case GPU_COHERENCY_FEATURES:
		return 1u << 0;		/* ACE-Lite */
	default:
		return 0;		/* no other feature */
	}
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint32_t off = (uint32_t)(phys - GPU_BASE), as_off;
	unsigned int half;
	uint64_t *r;

	if (bytes != 4 || phys < GPU_BASE || off >= GPU_SIZE || off % 4) {
		hw->protocol(hw, "%d-byte read at 0x%llx", bytes,
			     (unsigned long long)phys);
		return 0;
	}
	if (off < GPU_CONTROL_END)
		return id_register(off);
	if (off >= MMU_INT_RAWSTAT && off <= MMU_INT_STAT)
		return 0;	/* no MMU interrupt pending */
	if (off < MMU_AS_BASE || off >= MMU_AS_BASE + NR_AS * MMU_AS_STRIDE) {
		hw->protocol(hw, "read of GPU register 0x%x", off);
		return 0;
	}
	as_off = (off - MMU_AS_BASE) % MMU_AS_STRIDE;
	if (as_off == AS_STATUS || as_off == AS_FAULTSTATUS ||
	    as_off == AS_FAULTADDRESS || as_off == AS_FAULTADDRESS + 4)
		return 0;	/* idle at once, no fault */
	r = reg64(&hw_gpu[hw->twin].as[(off - MMU_AS_BASE) / MMU_AS_STRIDE], as_off, &half);
	if (r)
		return (uint32_t)(*r >> (8 * half));
	hw->protocol(hw, "read of AS register 0x%x", off);
	return 0;
}

/*
 * LOCK: the region LOCKADDR names, a naturally aligned block of
 * 2^(width + 1) bytes (width in bits 5:0, 32K at least, the base's low
 * bits ignored).  A flush invalidates what the lock covers, and ends it.
 */
static void as_command(const struct hw_ctx *hw, struct gpu_as *as, uint32_t cmd)
{
	unsigned int width = as->lockaddr & 0x3f;

	switch (cmd) {
	case CMD_NOP:
		break;
	case CMD_UPDATE:
		as->live_transtab = as->transtab;
		as->live_memattr = as->memattr;
		as->live_transcfg = as->transcfg;
		as->updated = true;
		break;
	case CMD_LOCK:
		if (width < 14) {
			hw->protocol(hw, "lock region of width %u: below the 32K minimum", width);
			return;
		}
		as->locked = true;
		as->lock_size = width >= 63 ? 0 : 2ULL << width;
		as->lock_base = as->lock_size ? as->lockaddr & ~(as->lock_size - 1) : 0;
		break;
	case CMD_UNLOCK:
		as->locked = false;
		break;
	case CMD_FLUSH_PT:
	case CMD_FLUSH_MEM:
		if (!as->locked) {
			hw->protocol(hw, "flush command %u without a locked region", cmd);
			return;
		}
		if (as->lock_size)
			ptf_rt_iotlb_inval(PTF_INVAL_WALK, as->lock_base, as->lock_size);
		else
			ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		as->locked = false;
		hw_gpu[hw->twin].flushes++;
		break;
	default:
		hw->protocol(hw, "AS command %u", cmd);
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	uint32_t off = (uint32_t)(phys - GPU_BASE), as_off;
	struct gpu_as *as;
	unsigned int half;
	uint64_t *r;

	if (bytes != 4 || phys < GPU_BASE || off >= GPU_SIZE || off % 4) {
		hw->protocol(hw, "%d-byte write of 0x%x at 0x%llx", bytes, val,
			     (unsigned long long)phys);
		return;
	}
	if (off == MMU_INT_CLEAR || off == MMU_INT_MASK)
		return;		/* nothing pending; every AS unmasked or not */
	if (off < MMU_AS_BASE || off >= MMU_AS_BASE + NR_AS * MMU_AS_STRIDE) {
		hw->protocol(hw, "write of 0x%x to GPU register 0x%x", val, off);
		return;
	}
	as = &hw_gpu[hw->twin].as[(off - MMU_AS_BASE) / MMU_AS_STRIDE];
	as_off = (off - MMU_AS_BASE) % MMU_AS_STRIDE;
	if (as_off == AS_COMMAND) {
		as_command(hw, as, val);
		return;
	}
	r = reg64(as, as_off, &half);
	if (!r) {
		hw->protocol(hw, "write of 0x%x to AS register 0x%x", val, off);
		return;
	}
	*r = (*r & ~(0xffffffffULL << (8 * half))) | (uint64_t)val << (8 * half);
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/*
 * The context's address space (the glue reports which) as UPDATE latched
 * it: legacy LPAE from TRANSTAB (translating when its mode bits are 3),
 * or AArch64 4K pages with 55 - INA_BITS input bits.  The MAIR the
 * attribute indexes go through is the io_pgtable_cfg's, which
 * mair_to_memattr() translates into AS_MEMATTR.
 */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	unsigned int nr = (unsigned int)hw->info->regs[4];
	const struct gpu_as *as = &hw_gpu[hw->twin].as[nr % NR_AS];
	unsigned int mode = as->live_transcfg & 0xf, ias;
	ptf_u64 regs[4];
	struct lpae_regime r = { .oas = hw->info->oas, .regs = regs };

	if (nr >= NR_AS || !as->updated) {
		hw->error(hw, "address space %u was never enabled", nr);
		return;
	}
	if (mode == ADRMODE_LEGACY) {
		if ((as->live_transtab & 3) != LPAE_ADRMODE_TABLE) {
			hw->error(hw, "AS%u does not translate (TRANSTAB 0x%llx)", nr,
				  (unsigned long long)as->live_transtab);
			return;
		}
		r.fmt = PTF_FMT_ARM_MALI_LPAE;
		regs[0] = as->live_transtab & ~0xfffULL;
		regs[1] = as->live_memattr;
	} else if (mode == ADRMODE_AARCH64_4K) {
		ias = 55 - (unsigned int)((as->live_transcfg >> 6) & 0x1f);
		r.fmt = PTF_FMT_ARM_64_LPAE_S1;
		regs[0] = as->live_transtab;
		regs[1] = 64 - ias;
		regs[2] = 0;	/* TG0: 4K */
		regs[3] = hw->info->regs[3];
	} else {
		hw->error(hw, "AS%u in address mode %u", nr, mode);
		return;
	}
	lpae_walk(hw, &r, lo, hi);
}

/* WARN sites: io-pgtable-arm's and the driver's own ------------------------ */

static const struct warn_site panfrost_sites[] = {
	{ "panfrost-unmap-short", "panfrost_mmu.c", "panfrost_mmu_unmap",
	  "unmapped_page != pgsize * pgcount",
	  "a close's unmap chunk came up short: the table lost pages behind the driver" },
	{ "panfrost-rollback-short", "panfrost_mmu.c", "mmu_unmap_range",
	  "unmapped_page != pgsize * pgcount",
	  "a failed map's rollback came up short" },
	{ "panfrost-map-no-pages", "panfrost_mmu.c", "panfrost_mmu_map",
	  "IS_ERR(sgt)",
	  "the BO's pages or scatterlist could not be allocated (the driver WARNs on -ENOMEM)" },
	{ "panfrost-fault-not-heap", "panfrost_mmu.c", "panfrost_mmu_map_fault_addr",
	  "~matching BO is not heap type (GPU VA = *)",
	  "a translation fault in a BO that is not a heap (its pages were lost)" },
	{ "panfrost-fault-owned", "panfrost_mmu.c", "panfrost_mmu_map_fault_addr",
	  "already_owned",
	  "a fault found the chunk's pages already in the page array (never predicted: known finding panfrost-fault-retry-warns)" },
};

#define NR_PANFROST_SITES	(sizeof(panfrost_sites) / sizeof(panfrost_sites[0]))

static struct warn_site warn_sites[NR_PANFROST_SITES + 16];

__attribute__((constructor)) static void warn_sites_init(void)
{
	drv_warn_sites(warn_sites, sizeof(warn_sites) / sizeof(warn_sites[0]),
		       panfrost_sites, NR_PANFROST_SITES, lpae_warn_sites);
}

/* The ops -------------------------------------------------------------------- */

extern const struct ptf_drm_ops ptf_base__ptf_drm_driver;
extern const struct ptf_drm_ops ptf_cand__ptf_drm_driver;
static const struct ptf_drm_ops *const drm[PTF_NR_TWINS] = {
	&ptf_base__ptf_drm_driver, &ptf_cand__ptf_drm_driver,
};

#define MAX_BOS		8	/* the glue's */
#define BO_MAX_SIZE	DRM_SIZE_MAX
#define MAX_CHUNKS	(BO_MAX_SIZE / SZ_2M)

/* A BO open in the VM, as the model holds it (per twin). */
struct model_bo {
	bool open, heap, noexec, active;
	uint64_t iova, size;
	struct ptf_drm_bo layout;
	bool pages;			/* heap: the page array exists */
	bool faulted[MAX_CHUNKS];	/* heap: the chunk's sg table exists */
	bool owned[MAX_CHUNKS];		/* heap: its pages are in the array */
};

static struct model_bo bos[PTF_NR_TWINS][MAX_BOS];

enum { OP_OPEN = DRM_OP_MAP, OP_CLOSE, OP_GPU_FAULT, OP_DESYNC, OP_PROBE, OP_FAIL };

static struct drm_decoder dec;

static void *decoder_state(const struct target_config *cfg)
{
	return drm_decoder_reset(&dec, 2048);
}

static uint64_t gen_flags(struct fdp *f, void *state, const struct op *op)
{
	static const uint64_t flags[] = { BO_NOEXEC, 0, BO_NOEXEC | BO_HEAP };

	return flags[fdp_pick(f, 3)];
}

/* A BO's layout from the op: runs of @run bytes, @gap bytes apart. */
static struct ptf_drm_bo layout_of(const struct op *op)
{
	uint64_t size = op->args[1], run = op->args[3];

	if (!run || run > size)
		run = size;
	return (struct ptf_drm_bo){
		.pa = op->args[2], .size = size, .run = run,
		.stride = run + op->args[4],
	};
}

/* The physical address of the BO's page at byte @off. */
static uint64_t page_pa(const struct ptf_drm_bo *l, uint64_t off)
{
	return l->pa + off / l->run * l->stride + off % l->run;
}

static bool layout_fits(const struct engine *e, const struct ptf_drm_bo *l)
{
	uint64_t runs, last;

	if (!l->size)
		return false;
	runs = (l->size + l->run - 1) / l->run;
	last = l->pa + (runs - 1) * l->stride + l->run;
	return !(l->size % SZ_4K) && !(l->run % SZ_4K) &&
	       !(l->pa % SZ_4K) && !(l->stride % SZ_4K) && runs <= 4096 &&
	       last <= 1ULL << e->ts.pt.oas && last > l->pa;
}

/*
 * Where drm_mm_insert_node_generic() may put a BO's node, by the rules
 * panfrost_gem_open() gives it: inside [32M, 4G), clear of the other
 * nodes, aligned to the BO's size if it is executable (so that it crosses
 * no 16M boundary), else to 2M if it is 2M or more; and for an executable
 * BO, inside its hole as panfrost_drm_mm_color_adjust() trims it: not in
 * the last page below 4G, not in a hole that starts within 16M of 4G.
 */
static bool placement_ok(uint64_t iova, uint64_t size, unsigned int flags)
{
	uint64_t lo = SZ_32M, hi = SZ_4G;
	bool exec = !(flags & BO_NOEXEC);

	if (iova < SZ_32M || iova + size > SZ_4G || iova % SZ_4K)
		return false;
	if (exec ? iova % size : size >= SZ_2M && iova % SZ_2M)
		return false;
	for (int i = 0; i < MAX_BOS; i++) {
		const struct model_bo *b = &bos[CAND][i];

		if (!b->open)
			continue;
		if (b->iova < iova + size && iova < b->iova + b->size)
			return false;
		if (b->iova + b->size <= iova && b->iova + b->size > lo)
			lo = b->iova + b->size;
		if (b->iova >= iova + size && b->iova < hi)
			hi = b->iova;
	}
	if (!exec)
		return true;
	if (SZ_4G - lo <= SZ_16M)
		return false;
	if (hi > SZ_4G - SZ_4K)
		hi = SZ_4G - SZ_4K;
	return iova + size <= hi;
}

/* get_pgsize(): 4K up to the next 2M boundary, else 2M up to the next 1G. */
static uint64_t chunk(uint64_t addr, uint64_t left, uint64_t *count)
{
	uint64_t to2m = -addr % SZ_2M, to1g;

	if (to2m || left < SZ_2M) {
		*count = (to2m && to2m < left ? to2m : left) / SZ_4K;
		return SZ_4K;
	}
	to1g = -addr % SZ_1G ? -addr % SZ_1G : SZ_1G;
	*count = (to1g < left ? to1g : left) / SZ_2M;
	return SZ_2M;
}

/* mmu_unmap_range(): by get_pgsize() of the IOVA, a short chunk WARNs. */
static void model_unmap_range(struct model *m, uint64_t iova, uint64_t len)
{
	for (uint64_t done = 0; done < len;) {
		uint64_t count, pgsize = chunk(iova, len - done, &count);

		if (m->impl->unmap_pages(m, iova, pgsize, count) != pgsize * count)
			model_warn(m, "panfrost-rollback-short");
		iova += pgsize * count;
		done += pgsize * count;
	}
}

/*
 * mmu_map_sg() of the BO's pages [off, off + len) at @iova: one
 * scatterlist entry per physically contiguous run, each mapped in the
 * chunks get_pgsize() gives for its IOVA and PA (a chunk that meets a live
 * leaf fails whole: io-pgtable checks its entries before writing them); a
 * failure unmaps what was mapped before it.
 */
static int model_map_sg(struct model *m, uint64_t iova,
			const struct ptf_drm_bo *l, uint64_t off, uint64_t len,
			int prot)
{
	uint64_t start = iova, total = 0;

	for (uint64_t seg = off; seg < off + len;) {
		uint64_t end = seg + SZ_4K, pa, left;

		while (end < off + len && page_pa(l, end) == page_pa(l, end - SZ_4K) + SZ_4K)
			end += SZ_4K;
		pa = page_pa(l, seg);
		for (left = end - seg; left;) {
			uint64_t count, mapped = 0;
			uint64_t pgsize = chunk(iova | pa, left, &count);
			int ret = m->impl->map_pages(m, iova, pa, pgsize, count,
						     prot, &mapped);

			if (ret) {
				model_unmap_range(m, start, total);
				return ret;
			}
			if (mapped < pgsize)
				mapped = pgsize;
			total += mapped;
			iova += mapped;
			pa += mapped;
			left -= mapped;
		}
		seg = end;
	}
	return 0;
}

/*
 * The heap loop's probe: the legacy one reads no translation as 0, so a
 * page mapped at PA 0 looks like a hole to it; iova_to_phys_length()'s
 * PHYS_ADDR_MAX does not.
 */
static bool probe_mapped(const struct engine *e, int tw, const struct model *m,
			 uint64_t iova, unsigned long *walks)
{
	const struct pt_leaf *l = model_translate(m, iova);

	++*walks;
	if (!l)
		return false;
	return !((tw == BASE || e->diff_off) && !model_leaf_pa(l, iova));
}

/* panfrost_mmu_unmap(): the probes it makes. */
static unsigned long model_close_unmap(struct engine *e, int tw, struct model *m,
				 const struct model_bo *b)
{
	unsigned long walks = 0;
	uint64_t iova = b->iova;

	for (uint64_t done = 0; done < b->size;) {
		uint64_t count, pgsize = chunk(iova, b->size - done, &count);

		if (b->heap)
			count = 1;
		if (!b->heap || probe_mapped(e, tw, m, iova, &walks))
			if (m->impl->unmap_pages(m, iova, pgsize, count) != pgsize * count)
				model_warn(m, "panfrost-unmap-short");
		iova += pgsize * count;
		done += pgsize * count;
	}
	return walks;
}

#define MAP_PROT	(PTF_PROT_READ | PTF_PROT_WRITE | PTF_PROT_CACHE)

/*
 * panfrost_gem_open(): a heap BO is not mapped.  Else its pages' array and
 * scatterlist (the two allocations of drm_gem_shmem_get_pages_sgt()), then
 * mmu_map_sg(); a failure leaves nothing mapped.
 */
static int model_open(struct model *m, struct model_bo *b)
{
	int prot = MAP_PROT | (b->noexec ? PTF_PROT_NOEXEC : 0), ret;

	if (b->heap)
		return 0;
	if (!model_alloc(m) || !model_alloc(m)) {
		model_warn(m, "panfrost-map-no-pages");
		return -ENOMEM;
	}
	ret = model_map_sg(m, b->iova, &b->layout, 0, b->size, prot);
	b->active = !ret;
	return ret;
}

static struct model_bo *model_bo_at(int tw, uint64_t addr)
{
	for (int i = 0; i < MAX_BOS; i++) {
		struct model_bo *b = &bos[tw][i];

		if (b->open && addr >= b->iova && addr - b->iova < b->size)
			return b;
	}
	return NULL;
}

/*
 * panfrost_mmu_map_fault_addr() at @addr: the BO holding it (-ENOENT if
 * none; -EINVAL with a WARN if it is no heap), the 2M chunk around it; on
 * the heap's first fault its chunk and page arrays (two allocations);
 * nothing more if the chunk has its sg table; else its pages from shmem,
 * their scatterlist (one allocation) and mmu_map_sg(), read, write,
 * cached, never executable.  A fault that fails after reading the pages
 * leaves them in the page array, and the driver WARNs for each when the
 * chunk faults again: not predicted (known finding
 * panfrost-fault-retry-warns, fuzzers/engine/known.c).
 */
static int model_fault(struct model *m, struct model_bo *b, uint64_t addr)
{
	uint64_t base = addr & ~(SZ_2M - 1), off;
	unsigned int c;
	int ret;

	if (!b)
		return -ENOENT;
	off = base - b->iova;
	c = (unsigned int)(off / SZ_2M);
	if (!b->heap) {
		model_warn(m, "panfrost-fault-not-heap");
		return -EINVAL;
	}
	if (!b->pages) {
		if (!model_alloc(m) || !model_alloc(m))
			return -ENOMEM;
		b->pages = true;
	}
	if (b->faulted[c])
		return 0;
	b->owned[c] = true;
	if (!model_alloc(m))
		return -ENOMEM;
	ret = model_map_sg(m, base, &b->layout, off, SZ_2M,
			   MAP_PROT | PTF_PROT_NOEXEC);
	if (ret)
		return ret;
	b->faulted[c] = true;
	b->active = true;
	return 0;
}

static bool same_models(const struct engine *e)
{
	const struct model *a = &e->model[BASE], *b = &e->model[CAND];

	return a->nr == b->nr && a->nr_tables == b->nr_tables &&
	       (!a->nr || !memcmp(a->leaves, b->leaves, a->nr * sizeof(*a->leaves))) &&
	       (!a->nr_tables ||
		!memcmp(a->tables, b->tables, a->nr_tables * sizeof(*a->tables)));
}

/* The GPU VA space, all of it: every op's window (a few leaves at most). */
static void begin(struct engine *e)
{
	engine_models_begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		hwview_free(&e->before[tw]);
		hw_view(e, tw, 0, SZ_4G - 1, &e->before[tw]);
	}
}

/*
 * The checks of an op; the flush oracle's for the driver's own (what the
 * table loses behind its back it cannot flush).
 */
static void after_op(struct engine *e, bool driver_op)
{
	if (!same_models(e))
		e->diverged = true;
	e->win_lo = 0;
	e->win_hi = SZ_4G - 1;
	oracle_window(e);
	oracle_warns(e);
	if (driver_op)
		oracle_flushes(e);
	oracle_syncs(e);
}

static void check_ret(struct engine *e, const char *what, const int *ret,
		      const int *want)
{
	bool fail = fail_delivered(e);

	note(e, "-> %d", ret[CAND]);
	if (!e->diverged && ret[BASE] != ret[CAND])
		finding(e, "twins", "return codes differ",
			"%s: baseline %d, candidate %d\n", what, ret[BASE], ret[CAND]);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		if (e->model[tw].fail_hit != fail && !e->diverged)
			finding(e, "contract", "allocations differ from the model",
				"%s twin: the armed allocation failure was %s, the model's op %s it (%u allocations)\n",
				twin_name(tw), fail ? "delivered" : "not reached",
				e->model[tw].fail_hit ? "reaches" : "does not reach",
				e->model[tw].allocs);
		if (ret[tw] != want[tw])
			finding(e, "contract", what,
				"%s twin: expected %d, actual %d\n", twin_name(tw),
				want[tw], ret[tw]);
	}
}

static int free_slot(void)
{
	for (int i = 0; i < MAX_BOS; i++)
		if (!bos[CAND][i].open)
			return i;
	return -1;
}

static void run_open(struct engine *e, const struct op *op)
{
	struct ptf_drm_bo l = layout_of(op);
	unsigned int flags = (unsigned int)op->args[5] & (BO_NOEXEC | BO_HEAP);
	uint64_t iova = op->args[0];
	int ret[PTF_NR_TWINS], want[PTF_NR_TWINS], slot = free_slot();

	if (slot < 0) {
		note(e, "skipped: %d BOs open already", MAX_BOS);
		return;
	}
	if (l.size > BO_MAX_SIZE || !layout_fits(e, &l) ||
	    !placement_ok(iova, l.size, flags) ||
	    ((flags & BO_HEAP) && (!(flags & BO_NOEXEC) || l.size % SZ_2M))) {
		note(e, "skipped: not a BO and a node panfrost_gem_open() gives");
		return;
	}
	begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct model_bo *b = &bos[tw][slot];

		twin_enter(e, tw);
		ret[tw] = drm[tw]->bind(e->dom[tw], iova, l.size, &l, 0, flags);
		twin_leave(e, tw);
		*b = (struct model_bo){
			.open = true, .heap = flags & BO_HEAP,
			.noexec = flags & BO_NOEXEC, .iova = iova,
			.size = l.size, .layout = l,
		};
		want[tw] = model_open(&e->model[tw], b);
		b->open = !want[tw];
	}
	check_ret(e, "a BO's GEM open", ret, want);
	after_op(e, true);
}

static void run_close(struct engine *e, const struct op *op)
{
	struct ptf_twin_stats before, after;
	unsigned long walks[PTF_NR_TWINS], want[PTF_NR_TWINS] = { 0 };
	uint64_t iova = op->args[0];
	struct model_bo *b[PTF_NR_TWINS];

	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		b[tw] = model_bo_at(tw, iova);
		if (!b[tw] || b[tw]->iova != iova) {
			note(e, "skipped: no BO starts there");
			return;
		}
	}
	begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		if (b[tw]->active)
			want[tw] = model_close_unmap(e, tw, &e->model[tw], b[tw]);
		b[tw]->open = false;
		e->t->twin[tw]->stats(e->dom[tw], &before);
		twin_enter(e, tw);
		drm[tw]->unbind(e->dom[tw], iova, b[tw]->size);
		twin_leave(e, tw);
		e->t->twin[tw]->stats(e->dom[tw], &after);
		walks[tw] = after.walks - before.walks;
	}
	/*
	 * The legacy probe takes a chunk at PA 0 for a hole: the twins' loops
	 * then unmap apart, and what they leave may differ from there on.
	 */
	e->loops_differ = !same_models(e);
	after_op(e, true);
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--)
		if (walks[tw] != want[tw])
			finding(e, "step-unmap", "walks differ from the model",
				"%s twin: the heap unmap probed %lu times, the model %lu\n",
				twin_name(tw), walks[tw], want[tw]);
	e->loops_differ = false;
}

/*
 * The known finding: a fault on a chunk whose pages a failed fault left
 * in the page array (they are there on both twins, or on neither).
 */
static const char *retry_hazard(uint64_t addr)
{
	const struct model_bo *b = model_bo_at(CAND, addr);
	unsigned int c;

	if (!b || !b->heap)
		return NULL;
	c = (unsigned int)(((addr & ~(SZ_2M - 1)) - b->iova) / SZ_2M);
	return b->owned[c] && !b->faulted[c] ? "panfrost-fault-retry-warns" : NULL;
}

static void run_fault(struct engine *e, const struct op *op)
{
	uint64_t addr = op->args[0];
	int ret[PTF_NR_TWINS], want[PTF_NR_TWINS];

	if (addr < SZ_32M || addr >= SZ_4G || model_translate(&e->model[CAND], addr) ||
	    model_translate(&e->model[BASE], addr)) {
		note(e, "skipped: no translation fault there (the GPU translates it, or it is past the VA)");
		return;
	}
	e->vocab_hazard = retry_hazard(addr);
	begin(e);
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		twin_enter(e, tw);
		ret[tw] = drm[tw]->fault(e->dom[tw], addr);
		twin_leave(e, tw);
		want[tw] = model_fault(&e->model[tw], model_bo_at(tw, addr), addr);
	}
	check_ret(e, "a page fault's handling", ret, want);
	after_op(e, true);
}

static void run_desync(struct engine *e, const struct op *op)
{
	uint64_t iova = op->args[0], pgsize = op->args[1], count = op->args[2];
	uint64_t got[PTF_NR_TWINS], want[PTF_NR_TWINS];

	if ((pgsize != SZ_4K && pgsize != SZ_2M) || !count || count > 512 ||
	    iova % pgsize || iova < SZ_32M || iova + pgsize * count > SZ_4G) {
		note(e, "skipped: not an unmap_pages() call");
		return;
	}
	begin(e);
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
	after_op(e, false);
}

/*
 * The lookup the heap unmap makes (io-pgtable's iova_to_phys() on the
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

/* Allocation @nth of the next op fails (the engine's fail_alloc). */
static void run_fail(struct engine *e, const struct op *op)
{
	e->fail_nth = 1 + op->args[0] % 64;
	e->fail_rearmed = true;
	note(e, "-> allocation %u of the next op fails", e->fail_nth);
}

static uint64_t gen_small(struct fdp *f, void *state, const struct op *op)
{
	return fdp_pick(f, 8);
}

static const char *const flag_names[] = { "NOEXEC", "HEAP" };

static const struct op_arg open_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
	{ "size", ARG_SIZE, NULL, 0, drm_gen_size },
	{ "pa", ARG_NUM, NULL, 0, drm_gen_pa },
	{ "run", ARG_SIZE, NULL, 0, drm_gen_run },
	{ "gap", ARG_SIZE, NULL, 0, drm_gen_run },
	{ "flags", ARG_FLAGS, flag_names, 2, gen_flags },
};
static const struct op_arg close_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
};
static const struct op_arg fault_args[] = {
	{ "addr", ARG_NUM, NULL, 0, drm_gen_iova },
};
static const struct op_arg desync_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
	{ "pgsize", ARG_SIZE, NULL, 0, drm_gen_pgsize },
	{ "count", ARG_NUM, NULL, 0, drm_gen_count },
};
static const struct op_arg probe_args[] = {
	{ "iova", ARG_NUM, NULL, 0, drm_gen_iova },
};
static const struct op_arg fail_args[] = {
	{ "nth", ARG_NUM, NULL, 0, gen_small },
};

static const struct op_type types[] = {
	[OP_OPEN]	= { "open", 92, open_args, 6, run_open },
	[OP_CLOSE]	= { "close", 60, close_args, 1, run_close },
	[OP_GPU_FAULT]	= { "fault", 60, fault_args, 1, run_fault },
	[OP_DESYNC]	= { "desync", 16, desync_args, 3, run_desync },
	[OP_PROBE]	= { "probe", 16, probe_args, 1, run_probe },
	[OP_FAIL]	= { "fail_alloc", 8, fail_args, 1, run_fail },
};

static bool create(struct engine *e)
{
	memset(bos, 0, sizeof(bos));
	return engine_create_domain(e);
}

/*
 * The file's close: every BO still open is closed as the op does (its
 * unmap checked), then the context is freed (no leak).
 */
static void finish(struct engine *e)
{
	for (int i = 0; i < MAX_BOS; i++) {
		const struct op close = { .args = { bos[CAND][i].iova } };

		if (!bos[CAND][i].open)
			continue;
		/* What run_op() does before each op: the twins' fresh records. */
		for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
			e->res[tw] = (struct twin_result){ 0 };
			rt_clear_records(tw);
		}
		run_close(e, &close);
	}
	e->win_lo = 0;
	e->win_hi = UINT64_MAX;
	oracle_window(e);
	engine_destroy_domain(e);
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

/*
 * The GPUs as they are used: the AArch64 quirk only on the SoCs whose GPU
 * has the mode; 40 PA bits, the legacy mode's (its descriptors hold no
 * more), or 44 or 48 in the AArch64 mode.  A 34-bit PA is there to test
 * the formats' checks with.
 */
static bool driver_config(const struct target_setup *ts)
{
	if (gpu.quirk && !gpu.aarch64)
		return false;
	return gpu.pa_bits == 40 || (gpu.quirk && gpu.pa_bits > 40);
}

static const unsigned int class_fields[] = { F_GPU, F_QUIRK, F_VA, F_PA, F_COHERENT };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s/va%u/pa%u/%s", gpu_names[gpu.gpu],
		 gpu.quirk ? "+aarch64" : "", gpu.va_bits, gpu.pa_bits,
		 ts->pt.coherent_walk ? "coherent" : "noncoherent");
}

static const struct target panfrost_target = {
	.name		= "panfrost",
	.summary	= "panfrost: the Mali GPU's VM on io-pgtable-arm ARM_MALI_LPAE or ARM_64_LPAE_S1, BO map, unmap and heap faults",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= warn_sites,
	.device		= &device,
	.vocab		= &vocab,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &panfrost_target;
