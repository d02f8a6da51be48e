// SPDX-License-Identifier: GPL-2.0
/*
 * arm_smmu_v3: arm-smmu-v3's domains, on io-pgtable-arm, as the driver
 * derives them from the SMMU's ID registers: stage 1 (ARM_64_LPAE_S1, IAS
 * 48 or 52 with IDR5.VAX) or stage 2 (ARM_64_LPAE_S2, IAS = OAS), the page
 * sizes of the granules IDR5 has, the OAS of IDR5.OAS, dirty tracking
 * (HTTU, IOMMU_HWPT_ALLOC_DIRTY_TRACKING: the HD quirk), a nesting parent
 * (S2FWB with IDR3.FWB), range invalidation (IDR3.RIL), 8- or 16-bit ASIDs
 * and VMIDs, a VHE host (EL2 TLBI opcodes), coherent or not.
 *
 * The device model follows the Arm SMMUv3 architecture specification:
 *
 *   SMMU_IDR0 0x00  [28:27] ST_LVL, [25:24] STALL_MODEL, [22:21] TTENDIAN
 *                   (2: little), [18] VMID16, [12] ASID16, [9] HYP,
 *                   [7:6] HTTU, [4] COHACC, [3:2] TTF (2: AArch64),
 *                   [1] S1P, [0] S2P
 *   SMMU_IDR1 0x04  [25:21] CMDQS, [20:16] EVTQS, [10:6] SSIDSIZE,
 *                   [5:0] SIDSIZE
 *   SMMU_IDR3 0x0c  [10] RIL, [8] FWB
 *   SMMU_IDR5 0x14  [6] GRAN64K, [5] GRAN16K, [4] GRAN4K, [11:10] VAX,
 *                   [2:0] OAS (32, 36, 40, 42, 44, 48, 52 bits)
 *   SMMU_CR0 0x20, SMMU_CR0ACK 0x24  [3] CMDQEN
 *   SMMU_CMDQ_BASE 0x90  [51:5] the queue, [4:0] LOG2SIZE;
 *   SMMU_CMDQ_PROD 0x98, SMMU_CMDQ_CONS 0x9c  index and wrap bit
 *
 * Commands are 16 bytes, opcode in [7:0].  TLBI by address
 * (CMD_TLBI_NH_VA 0x12, CMD_TLBI_EL2_VA 0x22, CMD_TLBI_S2_IPA 0x2a):
 * ASID [63:48] and VMID [47:32], NUM [16:12] and SCALE [24:20] in the first
 * doubleword; Leaf [0], TTL [9:8], TG [11:10], the address [63:12] in the
 * second.  TG 0: the entries translating the address, whatever their size;
 * TG 1/2/3 (4K/16K/64K): the range of (NUM + 1) << SCALE granules from it.
 * By context: CMD_TLBI_NH_ASID 0x11, CMD_TLBI_EL2_ASID 0x21, CMD_TLBI_NH_ALL
 * 0x10, CMD_TLBI_S12_VMALL 0x28.  An invalidation that names another ASID
 * or VMID than the domain's drops nothing.
 *
 * The walk is io-pgtable-arm's VMSAv8 format (lpae_walk.c), from the CD's
 * TTB0/TCR (stage 1) or the STE's S2TTB/VTCR (stage 2).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"
#include "lpae_model.h"
#include "lpae_walk.h"

enum { F_STAGES, F_ALLOC, F_GRANULES, F_OAS, F_FEATURES, F_HTTU, F_COHERENT,
	F_TABLES, F_CREATE_FAIL, NR_FIELDS };

#define IDR0_S2P	(1u << 0)
#define IDR0_S1P	(1u << 1)
#define IDR0_TTF_AA64	(2u << 2)
#define IDR0_COHACC	(1u << 4)
#define IDR0_HYP	(1u << 9)
#define IDR0_ASID16	(1u << 12)
#define IDR0_TTENDIAN_LE (2u << 21)
#define IDR0_VMID16	(1u << 18)
#define IDR3_FWB	(1u << 8)
#define IDR3_RIL	(1u << 10)
#define IDR5_GRAN4K	(1u << 4)
#define IDR5_GRAN16K	(1u << 5)
#define IDR5_GRAN64K	(1u << 6)
#define IDR5_VAX_52	(1u << 10)

/* iommufd's allocation flags (IOMMU_HWPT_ALLOC_*), the driver's @flags. */
#define ALLOC_NEST_PARENT	(1u << 0)
#define ALLOC_DIRTY		(1u << 1)

/* Features, as ptfuzz names them: bits of IDR0, IDR3, IDR5 and the host. */
#define FEAT_VAX	(1u << 0)
#define FEAT_ID16	(1u << 1)
#define FEAT_RIL	(1u << 2)
#define FEAT_FWB	(1u << 3)
#define FEAT_HYP	(1u << 4)
#define FEAT_VHE	(1u << 5)	/* the CPU runs the kernel at EL2 */

static const char *const stages_names[] = { "s1", "s2", "s1+s2" };
static const uint64_t stages_values[] = {
	IDR0_S1P, IDR0_S2P, IDR0_S1P | IDR0_S2P,
};
static const char *const alloc_names[] = { "none", "dirty", "nest_parent" };
static const uint64_t alloc_values[] = { 0, ALLOC_DIRTY, ALLOC_NEST_PARENT };
static const char *const gran_names[] = { "4K", "16K", "64K" };
static const uint64_t gran_values[] = { 1 << 12, 1 << 14, 1 << 16 };
static const char *const oas_names[] = { "32", "36", "40", "42", "44", "48", "52" };
/* IDR5.OAS encodes them 0 to 6, in this order. */
static const uint64_t oas_values[] = { 32, 36, 40, 42, 44, 48, 52 };
static const char *const feat_names[] = { "VAX", "ID16", "RIL", "FWB", "HYP", "VHE" };
static const uint64_t feat_values[] = {
	FEAT_VAX, FEAT_ID16, FEAT_RIL, FEAT_FWB, FEAT_HYP, FEAT_VHE,
};
/* IDR0.HTTU: no hardware update, access flag, access flag and dirty state. */
static const char *const httu_names[] = { "none", "HA", "HAD" };
static const uint64_t httu_values[] = { 0, 1, 2 };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 1ULL << 33 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_STAGES]	= { "stages", FIELD(stages_names, stages_values) },
	[F_ALLOC]	= { "alloc", FIELD(alloc_names, alloc_values) },
	[F_GRANULES]	= { "granules", FIELD(gran_names, gran_values), .flags = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values) },
	[F_FEATURES]	= { "features", FIELD(feat_names, feat_values), .flags = true },
	[F_HTTU]	= { "httu", FIELD(httu_names, httu_values) },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* The ID registers of the configured SMMU, per field. */
struct smmu_ids {
	uint32_t idr0, idr1, idr3, idr5;
};

static uint32_t idr5_oas(uint64_t bits)
{
	uint32_t enc = 0;

	while (enc < 6 && oas_values[enc] != bits)
		enc++;
	return enc;
}

static uint32_t idr5_granules(uint64_t sizes)
{
	return (sizes & (1 << 12) ? IDR5_GRAN4K : 0) |
	       (sizes & (1 << 14) ? IDR5_GRAN16K : 0) |
	       (sizes & (1 << 16) ? IDR5_GRAN64K : 0);
}

static struct smmu_ids ids_of(const struct target_config *cfg)
{
	uint64_t feat = cfg->v[F_FEATURES];

	return (struct smmu_ids){
		.idr0 = (uint32_t)cfg->v[F_STAGES] | IDR0_TTF_AA64 |
			IDR0_TTENDIAN_LE | (uint32_t)cfg->v[F_HTTU] << 6 |
			(cfg->v[F_COHERENT] ? IDR0_COHACC : 0) |
			(feat & FEAT_ID16 ? IDR0_ASID16 | IDR0_VMID16 : 0) |
			(feat & FEAT_HYP ? IDR0_HYP : 0),
		/* 2^8 commands, 2^7 events, no SSIDs, 16-bit stream IDs */
		.idr1 = 8u << 21 | 7u << 16 | 16u,
		.idr3 = (feat & FEAT_RIL ? IDR3_RIL : 0) |
			(feat & FEAT_FWB ? IDR3_FWB : 0),
		.idr5 = idr5_granules(cfg->v[F_GRANULES]) | idr5_oas(cfg->v[F_OAS]) |
			(feat & FEAT_VAX ? IDR5_VAX_52 : 0),
	};
}

/* The ID registers, kept by setup() for the device model of each input. */
static struct smmu_ids config_ids;

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	unsigned int oas = (unsigned int)cfg->v[F_OAS];

	/* An SMMU has at least one granule (else no page sizes: nothing maps). */
	if (!cfg->v[F_GRANULES])
		return false;
	config_ids = ids_of(cfg);
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = !!(cfg->v[F_FEATURES] & FEAT_VHE),
		.quirks = (unsigned int)cfg->v[F_ALLOC],
		.coherent_walk = (int)cfg->v[F_COHERENT],
		.oas = oas,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		oas > 34 ? cfg->v[F_TABLES] : 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	ts->range_tlbi = !!(cfg->v[F_FEATURES] & FEAT_RIL);
	return true;
}

/* What the glue exports: regs[4] bit 0 = stage 1, [31:16] the ASID or VMID. */
static bool stage1(const struct ptf_pt_info *info)
{
	return info->regs[4] & 1;
}

/* regs[4] bit 1: the STE's S2FWB (stage 2). */
static bool s2fwb(const struct ptf_pt_info *info)
{
	return info->regs[4] & 2;
}

static uint32_t tag_of(const struct ptf_pt_info *info)
{
	return (uint32_t)(info->regs[4] >> 16) & 0xffff;
}

static bool dirty_domain(const struct target_setup *ts)
{
	return ts->pt.quirks & ALLOC_DIRTY;
}

/* The stage arm_smmu_domain_alloc_paging_flags() picks: S1 when it can. */
static bool stage1_domain(const struct target_setup *ts)
{
	return (config_ids.idr0 & IDR0_S1P) &&
	       !(ts->pt.quirks & ALLOC_NEST_PARENT);
}

/* arm_smmu_device_hw_probe(): the page sizes of IDR5's granules. */
static uint64_t smmu_pgsizes(unsigned int oas)
{
	uint64_t sizes = 0;

	if (config_ids.idr5 & IDR5_GRAN64K)
		sizes |= 1ULL << 16 | 1ULL << 29;
	if (config_ids.idr5 & IDR5_GRAN16K)
		sizes |= 1ULL << 14 | 1ULL << 25;
	if (config_ids.idr5 & IDR5_GRAN4K)
		sizes |= 1ULL << 12 | 1ULL << 21 | 1ULL << 30;
	if (oas == 52)
		sizes |= 1ULL << 42;
	return sizes;
}

/*
 * The io_pgtable_cfg arm_smmu_domain_finalise() hands io-pgtable-arm, from
 * the SMMU's ID registers: stage 1 takes min(48, or 52 with IDR5.VAX,
 * VA_BITS = 48) input bits, stage 2 the OAS; the HD quirk for dirty
 * tracking (stage 1 only), S2FWB for a nesting parent on an SMMU with
 * IDR3.FWB.  False if the driver refuses the flags first.
 */
static bool smmu_pgtable_cfg(const struct target_setup *ts,
			     struct ptf_pt_config *pc)
{
	bool s1 = stage1_domain(ts), fwb = config_ids.idr3 & IDR3_FWB;
	unsigned int both = IDR0_S1P | IDR0_S2P;

	if (!(config_ids.idr0 & both))
		return false;	/* the probe: "no translation support!" */
	if ((ts->pt.quirks & ALLOC_NEST_PARENT) &&
	    (config_ids.idr0 & both) != both)
		return false;	/* no ARM_SMMU_FEAT_NESTING */
	if (dirty_domain(ts) && !s1)
		return false;
	*pc = (struct ptf_pt_config){
		.fmt = s1 ? PTF_FMT_ARM_64_LPAE_S1 : PTF_FMT_ARM_64_LPAE_S2,
		.quirks = (dirty_domain(ts) ? PTF_QUIRK_ARM_HD : 0) |
			  (!s1 && fwb && (ts->pt.quirks & ALLOC_NEST_PARENT) ?
			   PTF_QUIRK_ARM_S2FWB : 0),
		.pgsize_bitmap = smmu_pgsizes(ts->pt.oas),
		.ias = s1 ? 48 : ts->pt.oas,
		.oas = ts->pt.oas,
		.coherent_walk = ts->pt.coherent_walk,
	};
	return true;
}

/*
 * io-pgtable-arm's domain (lpae_model.c) on what the driver configures:
 * the geometry is [0, 2^ias - 1], dirty ops only on a dirty-tracking
 * stage 1 domain, and a walk that needs DMA syncs without IDR0.COHACC.
 * The driver's probe and attach allocate through the driver core stand-ins
 * too: which allocation of a creation fails is not predicted.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	struct ptf_pt_config pc;

	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	if (!smmu_pgtable_cfg(ts, &pc))
		return;
	lpae_model_predict(&pc, d);
	d->dirty_ops = dirty_domain(ts) && stage1_domain(ts);
	d->incoherent = !ts->pt.coherent_walk;
}

/* What a leaf grants at the domain's stage (lpae_model.c). */
static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(stage1_domain(ts) ? PTF_FMT_ARM_64_LPAE_S1 :
						  PTF_FMT_ARM_64_LPAE_S2, prot);
}

/* Device model ------------------------------------------------------------- */

#define SMMU_BASE	0x2b400000ULL	/* where the glue puts the SMMU */
#define SMMU_SIZE	0x20000

enum {
	IDR0 = 0x00, IDR1 = 0x04, IDR2 = 0x08, IDR3 = 0x0c, IDR4 = 0x10,
	IDR5 = 0x14, IIDR = 0x18, AIDR = 0x1c, CR0 = 0x20, CR0ACK = 0x24,
	CMDQ_BASE_LO = 0x90, CMDQ_BASE_HI = 0x94, CMDQ_PROD = 0x98,
	CMDQ_CONS = 0x9c,
};

#define CR0_CMDQEN	(1u << 3)

enum {
	OP_CFGI_STE = 0x03, OP_CFGI_ALL = 0x04, OP_CFGI_CD = 0x05,
	OP_CFGI_CD_ALL = 0x06, OP_TLBI_NH_ALL = 0x10, OP_TLBI_NH_ASID = 0x11,
	OP_TLBI_NH_VA = 0x12, OP_TLBI_EL2_ALL = 0x20, OP_TLBI_EL2_ASID = 0x21,
	OP_TLBI_EL2_VA = 0x22, OP_TLBI_S12_VMALL = 0x28, OP_TLBI_S2_IPA = 0x2a,
	OP_CMD_SYNC = 0x46,
};

struct smmu_hw {
	bool mapped;
	struct smmu_ids ids;
	uint32_t cr0;
	uint64_t cmdq_base;
	uint32_t prod, cons;
	unsigned long commands;
};

static struct smmu_hw smmu[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		smmu[tw] = (struct smmu_hw){ .ids = config_ids };
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != SMMU_BASE || size != SMMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the SMMU's register space",
			     (unsigned long long)phys, (unsigned long long)size);
	smmu[hw->twin].mapped = true;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct smmu_hw *d = &smmu[hw->twin];

	switch (bytes == 4 ? phys - SMMU_BASE : ~0ULL) {
	case IDR0:
		return d->ids.idr0;
	case IDR1:
		return d->ids.idr1;
	case IDR3:
		return d->ids.idr3;
	case IDR5:
		return d->ids.idr5;
	case IDR2:
	case IDR4:
	case IIDR:	/* no implementation-specific errata */
		return 0;
	case AIDR:
		return 0x02;	/* SMMUv3.2 */
	case CR0:
	case CR0ACK:
		return d->cr0;
	case CMDQ_PROD:
		return d->prod;
	case CMDQ_CONS:
		return d->cons;
	default:
		hw->protocol(hw, "%d-byte read of SMMU register 0x%llx", bytes,
			     (unsigned long long)(phys - SMMU_BASE));
		return 0;
	}
}

/* The range a TLBI by address drops; kind and bounds into the records. */
static void tlbi_address(const struct hw_ctx *hw, const uint64_t *cmd,
			 bool stage2)
{
	static const unsigned int tg_shift[4] = { 0, 12, 14, 16 };
	unsigned int tg = (unsigned int)drv_bits(cmd[1], 11, 10);
	uint64_t addr = cmd[1] & (stage2 ? 0x000ffffffffff000ULL :
					   0xfffffffffffff000ULL);
	bool leaf = cmd[1] & 1;
	uint64_t num = drv_bits(cmd[0], 16, 12) + 1;
	unsigned int scale = (unsigned int)drv_bits(cmd[0], 24, 20);

	if (drv_bits(cmd[0], 25, 25) || drv_bits(cmd[1], 7, 1))
		hw->protocol(hw, "TLBI 0x%016llx 0x%016llx has reserved bits set",
			     (unsigned long long)cmd[0], (unsigned long long)cmd[1]);
	if (!tg) {
		/* The entries translating @addr: of any size, walk caches too if !leaf. */
		ptf_rt_iotlb_inval(PTF_INVAL_ENTRY, addr, 0);
		return;
	}
	if (scale + tg_shift[tg] >= 64)
		hw->protocol(hw, "TLBI range of 2^%u bytes", scale + tg_shift[tg]);
	else
		ptf_rt_iotlb_inval(leaf ? PTF_INVAL_LEAF : PTF_INVAL_WALK, addr,
				   num << (scale + tg_shift[tg]));
}

/* Does the command name this domain's translations? */
static bool names_domain(const struct hw_ctx *hw, const uint64_t *cmd,
			 bool stage2)
{
	uint32_t asid = (uint32_t)drv_bits(cmd[0], 63, 48);
	uint32_t vmid = (uint32_t)drv_bits(cmd[0], 47, 32);

	if (stage1(hw->info) == stage2)
		return false;
	if (stage2)
		return vmid == tag_of(hw->info);
	/* Stage 1 domains run with VMID 0. */
	return asid == tag_of(hw->info) && vmid == 0;
}

static void command(const struct hw_ctx *hw, const uint64_t *cmd)
{
	unsigned int op = cmd[0] & 0xff;

	switch (op) {
	case OP_TLBI_NH_VA:
	case OP_TLBI_EL2_VA:
	case OP_TLBI_S2_IPA:
		if (names_domain(hw, cmd, op == OP_TLBI_S2_IPA))
			tlbi_address(hw, cmd, op == OP_TLBI_S2_IPA);
		break;
	case OP_TLBI_NH_ASID:
	case OP_TLBI_EL2_ASID:
	case OP_TLBI_S12_VMALL:
		if (names_domain(hw, cmd, op == OP_TLBI_S12_VMALL))
			ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		break;
	case OP_TLBI_NH_ALL:
	case OP_TLBI_EL2_ALL:
		if (stage1(hw->info))
			ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		break;
	case OP_CMD_SYNC:
	case OP_CFGI_STE:
	case OP_CFGI_ALL:
	case OP_CFGI_CD:
	case OP_CFGI_CD_ALL:
		break;
	default:
		hw->protocol(hw, "SMMU command 0x%02x 0x%016llx 0x%016llx not expected",
			     op, (unsigned long long)cmd[0], (unsigned long long)cmd[1]);
	}
}

/* Consume the queue from CONS up to the new PROD. */
static void consume(const struct hw_ctx *hw, struct smmu_hw *d, uint32_t prod)
{
	unsigned int log2 = (unsigned int)(d->cmdq_base & 0x1f);
	uint32_t mask = (2u << log2) - 1, entries = 1u << log2;
	uint64_t base = d->cmdq_base & 0x000fffffffffffe0ULL;

	if (!log2 || log2 > 8) {
		hw->protocol(hw, "CMDQ_PROD written with the queue misconfigured (CMDQ_BASE 0x%llx)",
			     (unsigned long long)d->cmdq_base);
		return;
	}
	if (((prod - d->cons) & mask) > entries)
		hw->protocol(hw, "CMDQ_PROD 0x%x overtakes CONS 0x%x", prod, d->cons);
	while (d->cons != (prod & mask)) {
		const uint64_t *cmd = hw->mem(hw, base + 16 * (d->cons & (entries - 1)), 16);

		if (!cmd) {
			hw->protocol(hw, "command queue at 0x%llx is not memory",
				     (unsigned long long)base);
			break;
		}
		command(hw, cmd);
		d->commands++;
		d->cons = (d->cons + 1) & mask;
	}
	d->prod = prod & mask;
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct smmu_hw *d = &smmu[hw->twin];
	uint64_t off = phys - SMMU_BASE;

	if (bytes != 4)
		hw->protocol(hw, "%d-byte write of SMMU register 0x%llx", bytes,
			     (unsigned long long)off);
	switch (off) {
	case CR0:
		d->cr0 = val;
		break;
	case CMDQ_BASE_LO:
	case CMDQ_BASE_HI:
		if (d->cr0 & CR0_CMDQEN)
			hw->protocol(hw, "CMDQ_BASE written with the queue enabled");
		if (off == CMDQ_BASE_LO)
			d->cmdq_base = (d->cmdq_base & ~0xffffffffULL) | val;
		else
			d->cmdq_base = (d->cmdq_base & 0xffffffffULL) | (uint64_t)val << 32;
		break;
	case CMDQ_PROD:
		/* Set up before the queue is enabled; consumed once it is. */
		if (d->cr0 & CR0_CMDQEN)
			consume(hw, d, val);
		else
			d->prod = val;
		break;
	case CMDQ_CONS:
		if (d->cr0 & CR0_CMDQEN)
			hw->protocol(hw, "CMDQ_CONS written with the queue enabled");
		d->cons = val;
		break;
	default:
		hw->protocol(hw, "write of 0x%x to SMMU register 0x%llx", val,
			     (unsigned long long)off);
	}
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/*
 * The regime the SMMU walks: the CD's TTB0, TCR and MAIR (stage 1) or the
 * STE's S2TTB, VTCR and S2FWB (stage 2), as the glue exports them.
 */
static struct lpae_regime regime_of(const struct hw_ctx *hw)
{
	return (struct lpae_regime){
		.fmt = stage1(hw->info) ? PTF_FMT_ARM_64_LPAE_S1 :
					  PTF_FMT_ARM_64_LPAE_S2,
		.s2fwb = s2fwb(hw->info),
		.oas = hw->info->oas,
		.regs = hw->info->regs,
	};
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct lpae_regime r = regime_of(hw);

	lpae_walk(hw, &r, lo, hi);
}

static enum hw_write_result hw_dev_write(const struct hw_ctx *hw, uint64_t iova)
{
	struct lpae_regime r = regime_of(hw);

	return lpae_write(hw, &r, iova);
}

/* No dirty ops but on a dirty-tracking domain: iommufd's -EOPNOTSUPP. */
static int dirty_unsupported_ret(const struct target_setup *ts,
				 const char **warn)
{
	return -EOPNOTSUPP;
}

/*
 * Every SMMU with the stage and granules asked for makes a domain; only
 * dirty tracking wants HTTU (iommufd asks only when the driver says it
 * can), and a nesting parent wants both stages.
 */
static bool driver_config(const struct target_setup *ts)
{
	if ((ts->pt.quirks & ALLOC_DIRTY) &&
	    (!(config_ids.idr0 & IDR0_S1P) || ((config_ids.idr0 >> 6) & 3) < 2))
		return false;
	if ((ts->pt.quirks & ALLOC_NEST_PARENT) &&
	    (config_ids.idr0 & (IDR0_S1P | IDR0_S2P)) != (IDR0_S1P | IDR0_S2P))
		return false;
	return true;
}

/* Coverage: the stage and granule the domain gets, its flags, coherency. */
static const unsigned int class_fields[] = {
	F_STAGES, F_ALLOC, F_GRANULES, F_COHERENT,
};

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	struct ptf_pt_config pc;
	uint64_t sizes;

	if (!smmu_pgtable_cfg(ts, &pc))
		pc.pgsize_bitmap = 0;
	/* The granule io-pgtable-arm picks: 4K if there, else the smallest. */
	sizes = pc.pgsize_bitmap & (1ULL << 12 | 1ULL << 14 | 1ULL << 16);
	snprintf(buf, len, "%s/%uK/%s/%s", stage1_domain(ts) ? "S1" : "S2",
		 (unsigned int)(sizes & -sizes) >> 10,
		 alloc_names[ts->pt.quirks & ALLOC_DIRTY ? 1 :
			     ts->pt.quirks & ALLOC_NEST_PARENT ? 2 : 0],
		 ts->pt.coherent_walk ? "coherent" : "noncoherent");
}

static const struct target arm_smmu_v3 = {
	.name		= "arm_smmu_v3",
	.summary	= "arm-smmu-v3: SMMUv3 stage 1/2 domains on io-pgtable-arm, TLBI commands",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.hw_write	= hw_dev_write,
	.dirty_unsupported_ret = dirty_unsupported_ret,
	.driver_config	= driver_config,
	.warn_sites	= lpae_warn_sites,
	.device		= &device,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &arm_smmu_v3;
