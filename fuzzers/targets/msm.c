// SPDX-License-Identifier: GPL-2.0
/*
 * msm: msm_iommu, the IOMMU of Qualcomm's APQ8064: io-pgtable-arm-v7s
 * tables (4K, 64K, 1M, 16M; 32-bit IOVA and PA), translated in hardware by
 * the context bank's V2P operation.  Its core clock can fail once the
 * master is attached: lookups must then say "no translation".
 *
 * The context bank is an ARMv7 VMSA translation context, and its
 * registers behave as the ARMv7 Architecture Reference Manual describes
 * their CP15 counterparts: SCTLR.M (bit 0) enables translation; TTBR0 with
 * TTBCR.N = 0 holds the 16K first-level table at bits [31:14];
 * CONTEXTIDR.ASID is bits [7:0]; a V2P write (the ATS1CPR operation: VA in
 * bits [31:12]) leaves the result in the PAR: bit 0 F (fault) with the
 * fault status in bits [6:1], or PA[31:12] with bit 1 SS clear, or for a
 * supersection PA[31:24] with SS set; TLBIALL drops the context's
 * entries, TLBIASID those of an ASID, TLBIMVA (VA [31:12], ASID [7:0])
 * the entries translating an address, of any size.  No public register
 * map of this IOMMU exists: the one thing taken from the driver's
 * msm_iommu_hw-8xxx.h is where the registers are (context bank n at
 * n << 12: SCTLR 0x000, CONTEXTIDR 0x008, TTBR0 0x010, TTBCR 0x018, PAR
 * 0x01c, FSR 0x020, PRRR 0x034, NMRR 0x038 (TEX remap), TLBIALL 0x800, TLBIASID 0x804, TLBIMVA 0x808,
 * TLBIMVAA 0x80c, V2PPR 0x810; global registers from 0xff000, the global
 * TLBIALL at 0xfff00 and TLBIVMID at 0xfff04).  A wrong offset in that
 * header would be the driver's and the model's alike.
 *
 * The walk, for V2P and for the oracles, is the short-descriptor one of
 * v7s_walk.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"
#include "v7s_model.h"
#include "v7s_walk.h"

enum { F_NCB, F_CLOCK, F_CREATE_FAIL, NR_FIELDS };

static const char *const ncb_names[] = { "1", "2", "4", "8" };
static const uint64_t ncb_values[] = { 1, 2, 4, 8 };
static const char *const clock_names[] = { "ok", "fails" };
static const uint64_t clock_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_NCB]		= { "ncb", FIELD(ncb_names, ncb_values) },
	[F_CLOCK]	= { "clock", FIELD(clock_names, clock_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

#define MSM_PGSIZES	((1 << 12) | (1 << 16) | (1 << 20) | (1 << 24))

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.instances = (unsigned int)cfg->v[F_NCB],
		.quirks = (unsigned int)cfg->v[F_CLOCK],
		.pgsize_bitmap = MSM_PGSIZES,
		.ias = 32,
		.oas = 32,
	};
	/* io-pgtable-arm-v7s tables sit below 4 GiB (GFP_DMA32). */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/*
 * msm_iommu_domain_config(): an io-pgtable-arm-v7s table of 32-bit IOVAs
 * and PAs with no quirks, the page sizes of MSM_IOMMU_PGSIZES, and the
 * geometry [0, 2^32 - 1]; the model is io-pgtable-arm-v7s's
 * (v7s_model.c).  The IOMMU walks through a non-coherent interconnect,
 * and its boot allocates through the driver core stand-ins: which
 * allocation of a creation fails is not predicted.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config pc = {
		.fmt = PTF_FMT_ARM_V7S,
		.pgsize_bitmap = MSM_PGSIZES,
		.ias = 32,
		.oas = 32,
	};

	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	v7s_model_predict(&pc, ts->table_base[PTF_TWIN_CAND], d);
	d->incoherent = true;
}

/* v7s with permissions (v7s_model.c). */
static int access_of(const struct target_setup *ts, int prot)
{
	return v7s_access_of(0, prot);
}

/* Device model ------------------------------------------------------------- */

#define MSM_BASE	0x07500000ULL	/* where the glue puts the IOMMU */
#define MSM_SIZE	0x100000
#define MAX_CTX		8
#define GLOBAL_BASE	0xff000

enum {
	SCTLR = 0x000, CONTEXTIDR = 0x008, TTBR0 = 0x010, TTBCR = 0x018,
	PAR = 0x01c, FSR = 0x020, PRRR = 0x034, NMRR = 0x038,
	TLBIALL = 0x800, TLBIASID = 0x804, TLBIMVA = 0x808, TLBIMVAA = 0x80c,
	V2PPR = 0x810,
	GLOBAL_TLBIALL = 0xfff00, TLBIVMID = 0xfff04,
};

#define SCTLR_M		(1u << 0)
/* PAR with F set: a translation fault on a section (FS 0b00101). */
#define PAR_FAULT	(1u | 5u << 1)
#define PAR_SS		(1u << 1)

struct msm_hw {
	bool mapped;
	unsigned int ncb;
	uint32_t ctx[MAX_CTX][0x1000 / 4];
	uint32_t global[(MSM_SIZE - GLOBAL_BASE) / 4];
	unsigned long v2p;		/* translations asked for */
};

static struct msm_hw msm[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memset(&msm[tw], 0, sizeof(msm[tw]));
		msm[tw].ncb = ts->pt.instances;
	}
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != MSM_BASE || size != MSM_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the IOMMU's register space",
			     (unsigned long long)phys, (unsigned long long)size);
	msm[hw->twin].mapped = true;
}

/* The register @off names: a context bank's, or a global one. */
static uint32_t *reg_of(const struct hw_ctx *hw, uint64_t off,
			unsigned int *ctx)
{
	struct msm_hw *d = &msm[hw->twin];

	if (off >= GLOBAL_BASE && off < MSM_SIZE) {
		*ctx = ~0u;
		return &d->global[(off - GLOBAL_BASE) / 4];
	}
	*ctx = (unsigned int)(off >> 12);
	if (*ctx >= d->ncb) {
		hw->protocol(hw, "access at 0x%llx: context bank %u of %u",
			     (unsigned long long)off, *ctx, d->ncb);
		*ctx = 0;
	}
	return &d->ctx[*ctx][(off & 0xfff) / 4];
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	unsigned int ctx;
	uint64_t off = phys - MSM_BASE;
	uint32_t *reg;

	if (bytes != 4 || off >= MSM_SIZE || off % 4) {
		hw->protocol(hw, "%d-byte read at 0x%llx", bytes,
			     (unsigned long long)phys);
		return 0;
	}
	reg = reg_of(hw, off, &ctx);
	if (ctx != ~0u && (off & 0xfff) == FSR)
		return 0;	/* no faults: ptfuzz drives no DMA */
	return *reg;
}

/* The leaf a V2P found, through a walk of [va, va] that reports to us. */
struct v2p {
	const struct hw_ctx *hw;
	uint32_t va;
	bool found;
	struct hw_leaf leaf;
};

static struct v2p *v2p_now;

/* The walk reports whole groups around @va: keep the leaf holding it. */
static void v2p_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	if (v2p_now->va < l->iova || v2p_now->va - l->iova >= l->size)
		return;
	v2p_now->found = true;
	v2p_now->leaf = *l;
}

/* The tables on the way are the oracles' business, not the PAR's. */
static void v2p_table(const struct hw_ctx *hw, uint64_t phys, uint64_t iova,
		      unsigned int span_lg2)
{
}

static void v2p_error(const struct hw_ctx *hw, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v2p_now->hw->error(v2p_now->hw, "V2P: %s", msg);
}

/* A table base the context bank would walk: TTBCR.N = 0, TTBR0[31:14]. */
static uint64_t context_table(const struct hw_ctx *hw, unsigned int ctx)
{
	const uint32_t *r = msm[hw->twin].ctx[ctx];

	if (r[TTBCR / 4] & 7)
		hw->protocol(hw, "context bank %u: TTBCR.N = %u (a split table) is not modelled",
			     ctx, r[TTBCR / 4] & 7);
	return r[TTBR0 / 4] & 0xffffc000u;
}

/* The context bank's regime: its table, TEX remap, 32 input bits. */
static struct v7s_regime context_regime(const struct hw_ctx *hw,
					unsigned int ctx)
{
	const uint32_t *r = msm[hw->twin].ctx[ctx];

	return (struct v7s_regime){
		.ttbr = context_table(hw, ctx),
		.prrr = r[PRRR / 4], .nmrr = r[NMRR / 4],
		.ias = 32,
	};
}

/* The V2P operation: the PAR the context bank answers for @va. */
static uint32_t translate(const struct hw_ctx *hw, unsigned int ctx,
			  uint32_t va)
{
	struct v2p v = { .hw = hw, .va = va };
	struct hw_ctx walk = *hw;
	struct v7s_regime r;
	uint64_t pa;

	msm[hw->twin].v2p++;
	if (!(msm[hw->twin].ctx[ctx][SCTLR / 4] & SCTLR_M))
		return va & 0xfffff000u;	/* no translation: flat */
	/* No first-level entry there (TTBR0 of a context not set up): a fault. */
	if (!hw->map(hw, context_table(hw, ctx) + 4 * (va >> 20), 4))
		return PAR_FAULT;
	walk.leaf = v2p_leaf;
	walk.table = v2p_table;
	walk.error = v2p_error;
	r = context_regime(hw, ctx);
	v2p_now = &v;
	v7s_walk(&walk, &r, va, va);
	v2p_now = NULL;
	if (!v.found)
		return PAR_FAULT;
	pa = v.leaf.phys + (va - v.leaf.iova);
	if (pa >> 32)
		hw->error(hw, "V2P of 0x%x: PA 0x%llx does not fit the 32-bit PAR",
			  va, (unsigned long long)pa);
	if (v.leaf.size == 1 << 24)
		return ((uint32_t)pa & 0xff000000u) | PAR_SS;
	return (uint32_t)pa & 0xfffff000u;
}

static void context_write(const struct hw_ctx *hw, unsigned int ctx,
			  unsigned int reg, uint32_t val)
{
	uint32_t asid = msm[hw->twin].ctx[ctx][CONTEXTIDR / 4] & 0xff;

	switch (reg) {
	case TLBIALL:
		ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		break;
	case TLBIASID:
		if ((val & 0xff) == asid)
			ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		break;
	case TLBIMVA:
		if ((val & 0xff) == asid)
			ptf_rt_iotlb_inval(PTF_INVAL_ENTRY, val & 0xfffff000u, 0);
		break;
	case TLBIMVAA:
		ptf_rt_iotlb_inval(PTF_INVAL_ENTRY, val & 0xfffff000u, 0);
		break;
	case V2PPR:
		msm[hw->twin].ctx[ctx][PAR / 4] = translate(hw, ctx, val & 0xfffff000u);
		break;
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	unsigned int ctx;
	uint64_t off = phys - MSM_BASE;
	uint32_t *reg;

	if (bytes != 4 || off >= MSM_SIZE || off % 4) {
		hw->protocol(hw, "%d-byte write of 0x%x at 0x%llx", bytes, val,
			     (unsigned long long)phys);
		return;
	}
	reg = reg_of(hw, off, &ctx);
	*reg = val;
	if (ctx != ~0u)
		context_write(hw, ctx, (unsigned int)(off & 0xfff), val);
	else if (off == GLOBAL_TLBIALL || off == TLBIVMID)
		ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/* The master's context bank: the first the driver allocates, 0. */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct v7s_regime r;

	if (!(msm[hw->twin].ctx[0][SCTLR / 4] & SCTLR_M))
		hw->error(hw, "context bank 0 is not translating (SCTLR.M clear)");
	r = context_regime(hw, 0);
	v7s_walk(hw, &r, lo, hi);
}

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* APQ8064 instances have 1 to 8 context banks */
}

/* Coverage: the context banks, and whether the core clock fails. */
static const unsigned int class_fields[] = { F_NCB, F_CLOCK };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "ncb%u/clock-%s", ts->pt.instances,
		 clock_names[ts->pt.quirks & 1]);
}

static const struct target msm_target = {
	.name		= "msm",
	.summary	= "msm_iommu: APQ8064 IOMMU on io-pgtable-arm-v7s, hardware V2P lookups",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= v7s_warn_sites,
	.device		= &device,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &msm_target;
