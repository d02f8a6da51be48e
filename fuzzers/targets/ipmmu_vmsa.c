// SPDX-License-Identifier: GPL-2.0
/*
 * ipmmu_vmsa: Renesas' VMSA-compatible IPMMU (R-Car Gen2, Gen3, Gen4), on
 * io-pgtable-arm's ARM_32_LPAE_S1 (32-bit IOVA, 40-bit PA, 4K, 2M and 1G
 * pages, NS and NSTable set everywhere, a non-coherent walk).  Gen2 is
 * one IPMMU per bus; Gen3 and Gen4 have a main IPMMU (IPMMU-MM: the
 * contexts and the table walk) and IPMMU caches in front of it, each
 * with its own TLB and the masters' uTLBs.  Gen3 and Gen4 let only the
 * masters of the driver's allow list (and PCI) use it, and none on the
 * SoCs of its deny list.
 *
 * The device model is the IPMMU's register map.  The R-Car hardware
 * manuals are not public; the offsets and field positions are the ones
 * ipmmu-vmsa.c uses (and its earlier versions, for the start-level
 * encodings), the one thing taken from the driver, as qcom_iommu's and
 * msm's targets do.  Per context, 0x40 apart (Gen4: 0x1040, from
 * 0x10000), contexts 8 and up in a second block (at 0x800; Gen4 0x18800):
 * IMCTR 0x00 ([2] INTEN, [1] FLUSH: invalidate the context's TLB entries,
 * uTLBs included, cleared when done, [0] MMUEN); IMTTBCR 0x08 ([31] EAE,
 * T0SZ [2:0], SL0 [5:4] on Gen2: 1 = level 1, 0 = level 2; [7:6] on
 * Gen3/4: 2 = level 1, 1 = level 2, 0 = level 3); IMBUSCR 0x0c;
 * IMTTLBR0/IMTTUBR0 0x10/0x14 (the table's PA[31:0] and PA[39:32]);
 * IMSTR 0x20 (fault status); IMMAIR0 0x28 (attributes 0-3); IMELAR and
 * IMEUAR 0x30/0x34 (the fault address).  Per uTLB n, 16 apart from 0x300
 * (n >= 32: from 0x600; Gen4 all 0x3000 higher): IMUCTR ([7:4] TTSEL,
 * the context, [1] FLUSH, [0] MMUEN) and IMUASID at +8.  Gen2's registers
 * are used at the non-secure alias, 0x800 into the window; the primary
 * bank is not modelled.  The walk is lpae_walk.c's from the main IPMMU's
 * context the master's uTLB selects, which must be enabled in the cache
 * too; a walk that reaches a descriptor without NS or NSTable faults
 * (the driver's comment on the IPMMU, which ignores the VMSA's
 * hierarchical NSTable).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"
#include "lpae_model.h"
#include "lpae_walk.h"

enum { F_SOC, F_MASTER, F_UTLB, F_ORDER, F_TABLES, F_CREATE_FAIL, NR_FIELDS };

/* ptf_pt_config.variant, as the glue has them. */
enum { R8A7791, R8A7795, R8A7796, R8A779A0, NR_SOCS };
enum { GEN2, GEN3, GEN4 };

static const char *const soc_names[NR_SOCS] = {
	"r8a7791", "r8a7795", "r8a7796", "r8a779a0",
};
static const uint64_t soc_values[NR_SOCS] = { R8A7791, R8A7795, R8A7796, R8A779A0 };
static const unsigned int soc_gen[NR_SOCS] = { GEN2, GEN3, GEN3, GEN4 };

/* ptf_pt_config.quirks: the glue's IPMMU_MASTER_OTHER, IPMMU_UTLB_HIGH. */
#define MASTER_OTHER	(1u << 0)
#define UTLB_HIGH	(1u << 1)
/*
 * The caller attaches the domain before using it, or first looks it up,
 * which iommu_iova_to_phys() allows (known finding
 * ipmmu-query-before-attach): PTF_DRV_QUERY_BEFORE_ATTACH.
 */
#define QUERY_BEFORE_ATTACH	(1u << 31)

static const char *const master_names[] = { "sdhi", "other" };
static const uint64_t master_values[] = { 0, MASTER_OTHER };
static const char *const utlb_names[] = { "low", "high" };
static const uint64_t utlb_values[] = { 0, UTLB_HIGH };
static const char *const order_names[] = { "attach-first", "query-first" };
static const uint64_t order_values[] = { 0, QUERY_BEFORE_ATTACH };
/* The IPMMU's DMA mask is 40 bits: tables may sit above 4 GiB. */
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 1ULL << 33 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_SOC]		= { "soc", FIELD(soc_names, soc_values) },
	[F_MASTER]	= { "master", FIELD(master_names, master_values) },
	[F_UTLB]	= { "utlb", FIELD(utlb_names, utlb_values) },
	[F_ORDER]	= { "order", FIELD(order_names, order_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* The glue's machine: the master's uTLB, and where the IPMMUs are. */
static const unsigned int master_utlb[NR_SOCS][2] = {
	{ 9, 9 }, { 0, 32 }, { 0, 32 }, { 32, 40 },
};
static const uint64_t main_base[NR_SOCS] = {
	0xe6740000, 0xe67b0000, 0xe67b0000, 0xeefc0000,
};
static const uint64_t cache_base[NR_SOCS] = {
	0, 0xe7740000, 0xe7740000, 0xeed00000,
};
static const uint64_t window[] = { 0x1000, 0x1000, 0x20000 };

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	unsigned int soc = (unsigned int)cfg->v[F_SOC];

	/* Gen2 IPMMUs have 32 uTLBs: no high one to put a master on. */
	if (soc_gen[soc] == GEN2 && cfg->v[F_UTLB])
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = soc,
		.quirks = (unsigned int)(cfg->v[F_MASTER] | cfg->v[F_UTLB] |
					 cfg->v[F_ORDER]),
		.oas = 40,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/*
 * ipmmu_device_is_allowed(): Gen3 and Gen4 SoCs opt masters in (the SD
 * hosts of its allow list, or PCI), none on r8a7796 (its deny list);
 * Gen2 takes every master.  A master refused in of_xlate() gets no
 * IOMMU, hence no domain.
 */
static bool master_allowed(const struct target_setup *ts)
{
	if (soc_gen[ts->pt.variant] == GEN2)
		return true;
	return ts->pt.variant != R8A7796 && !(ts->pt.quirks & MASTER_OTHER);
}

/*
 * ipmmu_domain_init_context(): ARM_32_LPAE_S1, the domain's 4K | 2M | 1G,
 * IAS 32, OAS 40, IO_PGTABLE_QUIRK_ARM_NS, no coherent walk; the model is
 * io-pgtable-arm's (lpae_model.c).  Which allocation of a creation fails
 * is not predicted (the probe allocates through the driver core too).
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config pc = {
		.fmt = PTF_FMT_ARM_32_LPAE_S1,
		.quirks = PTF_QUIRK_ARM_NS,
		.pgsize_bitmap = (1 << 12) | (1 << 21) | (1 << 30),
		.ias = 32,
		.oas = 40,
	};

	memset(d, 0, sizeof(*d));
	if (!master_allowed(ts))
		return;
	d->create_allocs_open = true;
	lpae_model_predict(&pc, d);
	d->incoherent = true;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(PTF_FMT_ARM_32_LPAE_S1, prot);
}

/* Device model ------------------------------------------------------------- */

enum { MAIN, CACHE, NR_DEVS };

#define NR_CTX		16
#define NR_UTLB		64
#define CTX_REGS	(0x40 / 4)

enum {
	IMCTR = 0x00, IMTTBCR = 0x08, IMBUSCR = 0x0c, IMTTLBR0 = 0x10,
	IMTTUBR0 = 0x14, IMSTR = 0x20, IMMAIR0 = 0x28, IMELAR = 0x30,
	IMEUAR = 0x34,
};

#define IMCTR_FLUSH	(1u << 1)
#define IMCTR_MMUEN	(1u << 0)
#define IMTTBCR_EAE	(1u << 31)
#define IMUCTR_FLUSH	(1u << 1)
#define IMUCTR_MMUEN	(1u << 0)

struct ipmmu_dev {
	bool mapped;
	uint32_t ctx[NR_CTX][CTX_REGS];
	uint32_t imuctr[NR_UTLB], imuasid[NR_UTLB];
};

struct ipmmu_hw {
	unsigned int soc, gen;
	struct ipmmu_dev dev[NR_DEVS];
};

static struct ipmmu_hw ipmmu[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memset(&ipmmu[tw], 0, sizeof(ipmmu[tw]));
		ipmmu[tw].soc = ts->pt.variant;
		ipmmu[tw].gen = soc_gen[ts->pt.variant];
	}
}

/* The IPMMU whose window holds @phys (its offset in *off), or -1. */
static int dev_of(const struct ipmmu_hw *h, uint64_t phys, uint32_t *off)
{
	uint64_t size = window[h->gen];

	if (phys >= main_base[h->soc] && phys - main_base[h->soc] < size) {
		*off = (uint32_t)(phys - main_base[h->soc]);
		return MAIN;
	}
	if (cache_base[h->soc] && phys >= cache_base[h->soc] &&
	    phys - cache_base[h->soc] < size) {
		*off = (uint32_t)(phys - cache_base[h->soc]);
		return CACHE;
	}
	return -1;
}

/* A register of the map: a context's, a uTLB's, or none (false). */
struct ipmmu_reg {
	int ctx;		/* -1: a uTLB register */
	int utlb;
	unsigned int reg;	/* in the context; uTLB: 0 IMUCTR, 8 IMUASID */
};

static bool ctx_reg(const struct ipmmu_hw *h, uint32_t off, struct ipmmu_reg *r)
{
	uint32_t base = h->gen == GEN4 ? 0x10000 : 0;
	uint32_t second = h->gen == GEN4 ? 0x18800 : 0x800;
	uint32_t stride = h->gen == GEN4 ? 0x1040 : 0x40;
	int nr = h->gen == GEN4 ? 16 : 8;

	for (int n = 0; n < nr; n++) {
		uint32_t at = n < 8 ? base + n * stride : second + (n - 8) * stride;

		if (off >= at && off < at + 0x40) {
			*r = (struct ipmmu_reg){ .ctx = n, .reg = off - at };
			return true;
		}
	}
	return false;
}

static bool utlb_reg(const struct ipmmu_hw *h, uint32_t off, struct ipmmu_reg *r)
{
	int nr = h->gen == GEN2 ? 32 : h->gen == GEN3 ? 48 : 64;

	if (h->gen == GEN4) {
		if (off < 0x3000)
			return false;
		off -= 0x3000;
	}
	for (int n = 0; n < nr; n++) {
		uint32_t at = n < 32 ? 0x300 + 16 * n : 0x600 + 16 * (n - 32);

		if (off == at || off == at + 8) {
			*r = (struct ipmmu_reg){ .ctx = -1, .utlb = n, .reg = off - at };
			return true;
		}
	}
	return false;
}

/* Decode an access, or report it as outside the register map (-1). */
static int decode(const struct hw_ctx *hw, uint64_t phys, int bytes,
		  struct ipmmu_reg *r)
{
	const struct ipmmu_hw *h = &ipmmu[hw->twin];
	uint32_t off;
	int dev = dev_of(h, phys, &off);

	if (dev < 0 || bytes != 4 || off % 4 || !h->dev[dev].mapped) {
		hw->protocol(hw, "%d-byte access at 0x%llx: not a mapped IPMMU register",
			     bytes, (unsigned long long)phys);
		return -1;
	}
	if (h->gen == GEN2) {
		if (off < 0x800) {
			hw->protocol(hw, "access at 0x%llx: the primary register bank is not modelled",
				     (unsigned long long)phys);
			return -1;
		}
		off -= 0x800;
	}
	if (ctx_reg(h, off, r) || utlb_reg(h, off, r))
		return dev;
	hw->protocol(hw, "access at 0x%llx (offset 0x%x): no IPMMU register there",
		     (unsigned long long)phys, off);
	return -1;
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct ipmmu_hw *h = &ipmmu[hw->twin];
	uint32_t off;
	int dev = dev_of(h, phys, &off);

	if (dev < 0 || off || size != window[h->gen])
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not an IPMMU's register window",
			     (unsigned long long)phys, (unsigned long long)size);
	else
		h->dev[dev].mapped = true;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	struct ipmmu_reg r;
	int dev = decode(hw, phys, bytes, &r);
	const struct ipmmu_dev *d;

	if (dev < 0)
		return 0;
	d = &ipmmu[hw->twin].dev[dev];
	if (r.ctx < 0)
		return r.reg ? d->imuasid[r.utlb] : d->imuctr[r.utlb];
	/* Flushes complete at once; no DMA, hence no faults. */
	if (r.reg == IMSTR)
		return 0;
	return d->ctx[r.ctx][r.reg / 4];
}

/* The master's uTLB, and the IPMMU that holds it. */
static unsigned int master_utlb_of(const struct hw_ctx *hw)
{
	const struct ipmmu_hw *h = &ipmmu[hw->twin];

	return master_utlb[h->soc][!!(hw->pt->quirks & UTLB_HIGH)];
}

static const struct ipmmu_dev *utlb_dev(const struct ipmmu_hw *h)
{
	return &h->dev[cache_base[h->soc] ? CACHE : MAIN];
}

/* The context the master's uTLB selects (IMUCTR.TTSEL). */
static int master_ctx(const struct hw_ctx *hw)
{
	const struct ipmmu_hw *h = &ipmmu[hw->twin];

	return utlb_dev(h)->imuctr[master_utlb_of(hw)] >> 4 & 0xf;
}

/*
 * A flush of context @ctx in IPMMU @dev drops the master's entries if the
 * master translates through it (each context tags its entries); the TLB
 * unit of the main IPMMU is 0, a cache's 1.
 */
static void flush(const struct hw_ctx *hw, int dev, int ctx)
{
	if (ctx == master_ctx(hw))
		ptf_rt_iotlb_inval_unit(dev == MAIN ? 0 : 1, PTF_INVAL_ALL, 0, 0);
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct ipmmu_reg r;
	int dev = decode(hw, phys, bytes, &r);
	struct ipmmu_dev *d;

	if (dev < 0)
		return;
	d = &ipmmu[hw->twin].dev[dev];
	if (r.ctx < 0) {
		if (r.reg) {
			d->imuasid[r.utlb] = val;
			return;
		}
		d->imuctr[r.utlb] = val & ~IMUCTR_FLUSH;
		if (val & IMUCTR_FLUSH && r.utlb == (int)master_utlb_of(hw))
			flush(hw, dev, master_ctx(hw));
		return;
	}
	switch (r.reg) {
	case IMCTR:
		d->ctx[r.ctx][0] = val & ~IMCTR_FLUSH;
		if (val & IMCTR_FLUSH)
			flush(hw, dev, r.ctx);
		return;
	case IMSTR:
		return;		/* nothing to clear: no faults */
	case IMTTBCR: case IMBUSCR: case IMTTLBR0: case IMTTUBR0:
	case IMMAIR0: case IMELAR: case IMEUAR:
		d->ctx[r.ctx][r.reg / 4] = val;
		return;
	}
	hw->protocol(hw, "write of 0x%x to context %d offset 0x%x: no such register",
		     val, r.ctx, r.reg);
}

/* One TLB per IPMMU the master's accesses go through. */
static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return cache_base[ipmmu[hw->twin].soc] ? 2 : 1;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

/* The start level IMTTBCR.SL0 selects; -1 for a reserved encoding. */
static int start_level(const struct ipmmu_hw *h, uint32_t ttbcr)
{
	if (h->gen == GEN2) {
		unsigned int sl0 = ttbcr >> 4 & 3;

		return sl0 == 1 ? 1 : sl0 == 0 ? 2 : -1;
	}
	return (int)(3 - (ttbcr >> 6 & 3));	/* 3 (0b11) reserved: 0 */
}

/*
 * The context the master's uTLB selects, enabled in the cache (on Gen3
 * and Gen4) and in the main IPMMU, which walks it: as lpae_regime has it.
 */
static bool master_regime(const struct hw_ctx *hw, ptf_u64 *regs)
{
	const struct ipmmu_hw *h = &ipmmu[hw->twin];
	const struct ipmmu_dev *tlb = utlb_dev(h);
	unsigned int utlb = master_utlb_of(hw);
	uint32_t uctr = tlb->imuctr[utlb];
	const uint32_t *ctx = h->dev[MAIN].ctx[uctr >> 4 & 0xf];
	uint32_t ttbcr = ctx[IMTTBCR / 4];
	int sl = start_level(h, ttbcr);

	if (!(uctr & IMUCTR_MMUEN)) {
		hw->error(hw, "uTLB %u does not translate (IMUCTR.MMUEN clear)", utlb);
		return false;
	}
	if (!(tlb->ctx[uctr >> 4 & 0xf][0] & IMCTR_MMUEN) ||
	    !(ctx[IMCTR / 4] & IMCTR_MMUEN)) {
		hw->error(hw, "context %u of uTLB %u is not enabled (IMCTR.MMUEN)",
			  uctr >> 4 & 0xf, utlb);
		return false;
	}
	if (!(ttbcr & IMTTBCR_EAE)) {
		hw->error(hw, "context %u: IMTTBCR.EAE clear (short descriptors)",
			  uctr >> 4 & 0xf);
		return false;
	}
	/* A 32-bit input with a 4K granule starts at level 1. */
	if (sl != 1 || (ttbcr & 7)) {
		hw->error(hw, "context %u: IMTTBCR 0x%x walks from level %d with T0SZ %u, not a 32-bit table from level 1",
			  uctr >> 4 & 0xf, ttbcr, sl, ttbcr & 7);
		return false;
	}
	regs[0] = (uint64_t)(ctx[IMTTUBR0 / 4] & 0xff) << 32 | ctx[IMTTLBR0 / 4];
	regs[1] = 64 - 32;
	regs[2] = 0;				/* 4K */
	regs[3] = ctx[IMMAIR0 / 4];
	return true;
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	ptf_u64 regs[4];
	struct lpae_regime r = {
		.fmt = PTF_FMT_ARM_32_LPAE_S1, .oas = 40, .regs = regs,
		.ns_each_level = true,
	};

	if (master_regime(hw, regs))
		lpae_walk(hw, &r, lo, hi);
}

/* The driver makes this domain for every master it lets through. */
static bool driver_config(const struct target_setup *ts)
{
	return master_allowed(ts);
}

/*
 * Coverage: the SoC, the master and its uTLB.  Not the order: a lookup
 * before attach is a known finding's hazard, never run outside strict
 * mode (its regression input covers it).
 */
static const unsigned int class_fields[] = { F_SOC, F_MASTER, F_UTLB };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/utlb-%s", soc_names[ts->pt.variant],
		 master_names[!!(ts->pt.quirks & MASTER_OTHER)],
		 utlb_names[!!(ts->pt.quirks & UTLB_HIGH)]);
}

static const struct target ipmmu_vmsa_target = {
	.name		= "ipmmu_vmsa",
	.summary	= "ipmmu_vmsa: Renesas R-Car IPMMU on io-pgtable-arm (ARM_32_LPAE_S1)",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= lpae_warn_sites,
	.device		= &device,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &ipmmu_vmsa_target;
