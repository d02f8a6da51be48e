// SPDX-License-Identifier: GPL-2.0
/*
 * arm_smmu: arm-smmu's domains (SMMUv1, MMU-401, SMMUv2), on
 * io-pgtable-arm, as the driver derives them from the SMMU's ID registers:
 * stage 1 (ARM_64_LPAE_S1, or ARM_32_LPAE_S1 on a context without an
 * AArch64 granule) or stage 2 (ARM_64_LPAE_S2 / ARM_32_LPAE_S2), the page
 * sizes of the context formats ID0/ID2 have, UBS/IAS/OAS, coherent or not,
 * and stage 1 lookups through the context bank's address translation
 * operation (ATOS), which can also never complete; and a Qualcomm MMU-500
 * whose context faults its own handler takes (arm-smmu-qcom-debug.c).
 *
 * The device model follows the ARM System MMU architecture specification
 * (SMMUv1/v2), for a 4K-page SMMU of 2 x 16 pages:
 *
 *   GR0 (page 0): ID0 0x20  [30] S1TS, [29] S2TS, [28] NTS, [27] SMS,
 *                 [26] ATOSNS, [25] PTFS no AArch32-L, [24] PTFS no
 *                 AArch32-S, [23:16] NUMIRPT, [14] CTTW, [12:9] NUMSIDB,
 *                 [7:0] NUMSMRG;  ID1 0x24  [31] PAGESIZE, [30:28]
 *                 NUMPAGENDXB, [23:16] NUMS2CB, [7:0] NUMCB;  ID2 0x28
 *                 [15] VMID16, [14:12] PTFS 64K/16K/4K, [11:8] UBS, [7:4]
 *                 OAS, [3:0] IAS (0..5: 32, 36, 40, 42, 44, 48 bits);
 *                 TLBIVMID 0x64 [15:0], TLBIALLNSNH 0x68, sTLBGSYNC 0x70,
 *                 sTLBGSTATUS 0x74 [0] GSACTIVE
 *   GR1 (page 1): CBAR(n) 4n  [17:16] TYPE (0: stage 2), [7:0] VMID;
 *                 CBA2R(n) 0x800 + 4n  [0] VA64
 *   context bank n at page 16 + n: SCTLR 0x00 [0] M; TTBR0 0x20; TCR 0x30
 *                 (long descriptor: [31] EAE (AArch32), T0SZ [5:0] or
 *                 [2:0] (AArch32 stage 1) or [4:0] signed (AArch32 stage
 *                 2), SL0 [7:6], TG0 [15:14]); MAIR0/1 0x38/0x3c; PAR
 *                 0x50; TLBIVA 0x600, TLBIASID 0x610, TLBIVAL 0x620,
 *                 TLBIIPAS2 0x630, TLBIIPAS2L 0x638; TLBSYNC 0x7f0,
 *                 TLBSTATUS 0x7f4 [0] SACTIVE; ATS1PR 0x800; ATSR 0x8f0
 *                 [0] ACTIVE
 *
 * In an AArch64 context (CBA2R.VA64) TTBRn, PAR, the TLBIs by address and
 * ATS1PR are 64-bit registers, and a 64-bit access comes as two 32-bit
 * ones, low word first: the operation starts when the upper word is
 * written.  In an AArch32 context they are 32 bits wide.  TLBIVA and
 * TLBIIPAS2 drop the entries translating the address, whatever their size,
 * and the walk caches of its granule; TLBIVAL and TLBIIPAS2L the last
 * level only.  An invalidation that names another ASID or VMID than the
 * domain's drops nothing.
 *
 * ATS1PR translates VA[..:12] as the context's stage 1 walk would: the
 * PAR, in the 64-bit format every long-descriptor context uses, is F [0]
 * clear with PA[47:12] and the leaf's memory type (in MAIR's encoding) in
 * ATTR [63:56], or F set with FST [6:1] a translation fault.  The walk, for
 * ATOS and for the oracles, is lpae_walk.c's, from the TTBR0, TCR and
 * MAIRs the driver wrote into the context bank.
 *
 * A context fault (the fault op, version=qcom500): the master's access
 * walks the context bank; no leaf is a translation fault, a leaf that
 * does not grant the access a permission fault.  The bank records it in
 * FSR 0x58 ([1] TF, [3] PF, [30] SS when SCTLR.CFCFG [7] stalls it, [31]
 * MULTI when a fault is already recorded; write-one-to-clear, SS ending
 * when RESUME 0x08 ([0] TnR) is written), FAR 0x60 (64-bit: the input
 * address, of any context), FSYNR0 0x68 ([4] WNR) and GR1's CBFRSYNRA(n) 0x400 + 4n
 * ([15:0] the stream), and interrupts when SCTLR.CFIE [6] is set.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drv_common.h"
#include "engine.h"
#include "lpae_model.h"
#include "lpae_walk.h"
#include "runtime.h"

enum { F_VERSION, F_STAGES, F_FORMATS, F_UBS, F_IAS, F_OAS, F_ATOS,
	F_COHERENT, F_TABLES, F_CREATE_FAIL, NR_FIELDS };

/* The compatibles the glue knows, in its order (ptf_pt_config.variant). */
enum { SMMU_V1, MMU_401, SMMU_V2, QCOM_500 };

#define ID0_S1TS		(1u << 30)
#define ID0_S2TS		(1u << 29)
#define ID0_NTS			(1u << 28)
#define ID0_SMS			(1u << 27)
#define ID0_ATOSNS		(1u << 26)
#define ID0_NO_AARCH32L		(1u << 25)
#define ID0_NO_AARCH32S		(1u << 24)
#define ID0_CTTW		(1u << 14)
#define ID2_PTFS_4K		(1u << 12)
#define ID2_PTFS_16K		(1u << 13)
#define ID2_PTFS_64K		(1u << 14)

/* Context formats, as ptfuzz names them: bits of ID0 and ID2. */
#define FMT_AARCH32L		(1u << 0)
#define FMT_AARCH32S		(1u << 1)
#define FMT_4K			(1u << 2)
#define FMT_16K			(1u << 3)
#define FMT_64K			(1u << 4)

/* ATOS: present, absent (ID0.ATOSNS), or never completing. */
enum { ATOS_YES, ATOS_NO, ATOS_STUCK };

/* qcom500: a Qualcomm MMU-500 (an SMMUv2), appended to keep old inputs. */
static const char *const version_names[] = { "v1", "mmu401", "v2", "qcom500" };
static const uint64_t version_values[] = { SMMU_V1, MMU_401, SMMU_V2, QCOM_500 };
static const char *const stages_names[] = { "s1", "s2", "s1+s2", "nested" };
static const uint64_t stages_values[] = {
	ID0_S1TS, ID0_S2TS, ID0_S1TS | ID0_S2TS, ID0_S1TS | ID0_S2TS | ID0_NTS,
};
static const char *const formats_names[] = {
	"aarch32l", "aarch32s", "4K", "16K", "64K",
};
static const uint64_t formats_values[] = {
	FMT_AARCH32L, FMT_AARCH32S, FMT_4K, FMT_16K, FMT_64K,
};
/* ID2.UBS/IAS/OAS encode them 0 to 5, in this order. */
static const char *const size_names[] = { "32", "36", "40", "42", "44", "48" };
static const uint64_t size_values[] = { 32, 36, 40, 42, 44, 48 };
static const char *const atos_names[] = { "yes", "no", "stuck" };
static const uint64_t atos_values[] = { ATOS_YES, ATOS_NO, ATOS_STUCK };
static const char *const bool_names[] = { "no", "yes" };
static const uint64_t bool_values[] = { 0, 1 };
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 1ULL << 33 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_VERSION]	= { "version", FIELD(version_names, version_values) },
	[F_STAGES]	= { "stages", FIELD(stages_names, stages_values) },
	[F_FORMATS]	= { "formats", FIELD(formats_names, formats_values), .flags = true },
	[F_UBS]		= { "ubs", FIELD(size_names, size_values) },
	[F_IAS]		= { "ias", FIELD(size_names, size_values) },
	[F_OAS]		= { "oas", FIELD(size_names, size_values) },
	[F_ATOS]	= { "atos", FIELD(atos_names, atos_values) },
	[F_COHERENT]	= { "coherent", FIELD(bool_names, bool_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* The SMMU of one configuration: its ID registers, and ATOS. */
struct smmu_ids {
	unsigned int version;
	uint32_t id0, id1, id2;
	bool atos_stuck;
};

static uint32_t size_enc(uint64_t bits)
{
	uint32_t enc = 0;

	while (enc < 5 && size_values[enc] != bits)
		enc++;
	return enc;
}

static struct smmu_ids ids_of(const struct target_config *cfg)
{
	uint64_t fmts = cfg->v[F_FORMATS];

	return (struct smmu_ids){
		.version = (unsigned int)cfg->v[F_VERSION],
		/* one context interrupt, 16-bit stream IDs, 4 SMRs */
		.id0 = (uint32_t)cfg->v[F_STAGES] | ID0_SMS | 1u << 16 |
		       15u << 9 | 4u |
		       (cfg->v[F_ATOS] == ATOS_NO ? ID0_ATOSNS : 0) |
		       (fmts & FMT_AARCH32L ? 0 : ID0_NO_AARCH32L) |
		       (fmts & FMT_AARCH32S ? 0 : ID0_NO_AARCH32S) |
		       (cfg->v[F_COHERENT] ? ID0_CTTW : 0),
		/* 4K pages, NUMPAGE 16, 4 context banks of which 1 stage 2 only */
		.id1 = 3u << 28 | 1u << 16 | 4u,
		.id2 = (fmts & FMT_4K ? ID2_PTFS_4K : 0) |
		       (fmts & FMT_16K ? ID2_PTFS_16K : 0) |
		       (fmts & FMT_64K ? ID2_PTFS_64K : 0) |
		       size_enc(cfg->v[F_UBS]) << 8 |
		       size_enc(cfg->v[F_OAS]) << 4 | size_enc(cfg->v[F_IAS]),
		.atos_stuck = cfg->v[F_ATOS] == ATOS_STUCK,
	};
}

/* The ID registers, kept by setup() for the device model of each input. */
static struct smmu_ids config_ids;

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	config_ids = ids_of(cfg);
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = config_ids.version,
		.coherent_walk = (int)cfg->v[F_COHERENT],
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
	};
	/*
	 * cfg_probe sets the SMMU's DMA mask to ID2.OAS bits: io-pgtable's
	 * tables must be below it (at 8 GiB only with an OAS of 36 or more).
	 */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_OAS] > 34 ? cfg->v[F_TABLES] : 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* What arm_smmu_device_cfg_probe() reads from the ID registers. */
struct smmu_features {
	bool s1, s2, atos, aarch32l, aarch32s, aarch64;
	unsigned int va, ipa, pa;	/* UBS (IAS on SMMUv1), IAS, OAS */
	uint64_t pgsizes;
};

/* A Qualcomm MMU-500 is an SMMUv2. */
static bool smmu_v2(unsigned int version)
{
	return version == SMMU_V2 || version == QCOM_500;
}

static unsigned int id_bits(uint32_t id, unsigned int shift)
{
	return (unsigned int)size_values[(id >> shift & 0xf) > 5 ? 5 :
					 id >> shift & 0xf];
}

static struct smmu_features features_of(const struct smmu_ids *ids)
{
	bool v2 = smmu_v2(ids->version);
	struct smmu_features f = {
		.s1 = ids->id0 & ID0_S1TS,
		.s2 = ids->id0 & ID0_S2TS,
		.ipa = id_bits(ids->id2, 0),
		.pa = id_bits(ids->id2, 4),
	};

	f.atos = f.s1 && (!v2 || !(ids->id0 & ID0_ATOSNS));
	f.aarch32l = !v2 || !(ids->id0 & ID0_NO_AARCH32L);
	f.aarch32s = f.aarch32l && !(ids->id0 & ID0_NO_AARCH32S);
	f.va = v2 ? id_bits(ids->id2, 8) : f.ipa;
	f.aarch64 = v2 ? ids->id2 & (ID2_PTFS_4K | ID2_PTFS_16K | ID2_PTFS_64K) :
			 ids->version == MMU_401;
	if (f.aarch32s)
		f.pgsizes |= 1 << 12 | 1 << 16 | 1 << 20 | 1 << 24;
	if (f.aarch32l || (v2 && ids->id2 & ID2_PTFS_4K))
		f.pgsizes |= 1 << 12 | 1 << 21 | 1 << 30;
	if (v2 && ids->id2 & ID2_PTFS_16K)
		f.pgsizes |= 1 << 14 | 1 << 25;
	if ((v2 && ids->id2 & ID2_PTFS_64K) || ids->version == MMU_401)
		f.pgsizes |= 1 << 16 | 1 << 29;
	return f;
}

static unsigned int min_u(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

/* The stage arm_smmu_init_domain_context() picks: S1 unless the SMMU has none. */
static bool stage1_domain(const struct smmu_features *f)
{
	return f->s1;
}

/*
 * The io_pgtable_cfg arm_smmu_init_domain_context() hands io-pgtable-arm,
 * from the ID registers: an AArch64 context when the SMMU has an AArch64
 * granule (a 64-bit kernel prefers it), else AArch32 long-descriptor;
 * stage 1 takes UBS -> IAS bits, stage 2 IAS -> OAS, capped at 32/40 bits
 * (stage 1) or 40/40 (stage 2) for AArch32; the page sizes of every
 * format the SMMU has.  False when there is no usable format (-EINVAL).
 */
static bool smmu_pgtable_cfg(const struct target_setup *ts,
			     struct ptf_pt_config *pc)
{
	struct smmu_features f = features_of(&config_ids);
	bool s1 = stage1_domain(&f);
	unsigned int ias = s1 ? f.va : f.ipa, oas = s1 ? f.ipa : f.pa;
	enum ptf_fmt fmt;

	if (!f.s1 && !f.s2)
		return false;	/* the probe: "no translation support!" */
	if (f.aarch64) {
		fmt = s1 ? PTF_FMT_ARM_64_LPAE_S1 : PTF_FMT_ARM_64_LPAE_S2;
	} else if (f.aarch32l) {
		fmt = s1 ? PTF_FMT_ARM_32_LPAE_S1 : PTF_FMT_ARM_32_LPAE_S2;
		ias = min_u(ias, s1 ? 32 : 40);
		oas = min_u(oas, 40);
	} else {
		return false;
	}
	*pc = (struct ptf_pt_config){
		.fmt = fmt,
		.pgsize_bitmap = f.pgsizes,
		.ias = ias,
		.oas = oas,
		.coherent_walk = ts->pt.coherent_walk,
	};
	return true;
}

/*
 * A lookup through ATOS in an AArch64 context hands the SMMU the whole
 * 64-bit IOVA: past the context's input size (T0SZ) it is a translation
 * fault, where io-pgtable's software walk (lpae_model.c) ignores the bits
 * above its top level.  An AArch32 context's ATS1PR is a 32-bit write, and
 * a timed-out ATOS falls back to the software walk: both alias as it does.
 */
static const struct model_impl *lpae_impl;
static unsigned int atos_ias;

static bool atos_alias(const struct model *m, uint64_t iova, uint64_t *canon)
{
	if (atos_ias < 64 && iova >> atos_ias)
		return false;
	return lpae_impl->alias(m, iova, canon);
}

static struct model_impl atos_impl;

static bool atos_lookups(const struct ptf_pt_config *pc)
{
	struct smmu_features f = features_of(&config_ids);

	return f.atos && !config_ids.atos_stuck &&
	       pc->fmt == PTF_FMT_ARM_64_LPAE_S1;
}

/*
 * io-pgtable-arm's domain (lpae_model.c) on what the driver configures,
 * walked through a non-coherent interconnect unless the node says
 * "dma-coherent".  The probe and attach allocate through the driver core
 * stand-ins too: which allocation of a creation fails is not predicted.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	struct ptf_pt_config pc;

	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	if (!smmu_pgtable_cfg(ts, &pc))
		return;
	lpae_model_predict(&pc, d);
	d->incoherent = !ts->pt.coherent_walk;
	if (d->impl && atos_lookups(&pc)) {
		lpae_impl = d->impl;
		atos_impl = *d->impl;
		atos_impl.alias = atos_alias;
		atos_ias = pc.ias;
		d->impl = &atos_impl;
	}
}

static bool stage1_of(const struct target_setup *ts)
{
	struct smmu_features f = features_of(&config_ids);

	return stage1_domain(&f);
}

/* What a leaf grants at the domain's stage (lpae_model.c). */
static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(stage1_of(ts) ? PTF_FMT_ARM_64_LPAE_S1 :
					      PTF_FMT_ARM_64_LPAE_S2, prot);
}

/* Device model ------------------------------------------------------------- */

#define SMMU_BASE	0x2b500000ULL	/* where the glue puts the SMMU */
#define SMMU_SIZE	0x20000
#define SMMU_PAGE	0x1000
#define NR_CB		4
#define CB_PAGE0	16		/* NUMPAGE: the context banks' half */

enum {
	ID0 = 0x20, ID1 = 0x24, ID2 = 0x28, TLBIVMID = 0x64,
	TLBIALLNSNH = 0x68, STLBGSYNC = 0x70, STLBGSTATUS = 0x74,
};

enum {
	SCTLR = 0x00, RESUME = 0x08, TTBR0 = 0x20, TCR = 0x30, MAIR0 = 0x38,
	MAIR1 = 0x3c, PAR = 0x50, FSR = 0x58, FAR = 0x60, FSYNR0 = 0x68,
	TLBIVA = 0x600, TLBIASID = 0x610, TLBIVAL = 0x620,
	TLBIIPAS2 = 0x630, TLBIIPAS2L = 0x638, TLBSYNC = 0x7f0,
	TLBSTATUS = 0x7f4, ATS1PR = 0x800, ATSR = 0x8f0,
};

#define GR1_CBFRSYNRA	0x400
#define GR1_CBA2R	0x800
#define SCTLR_M		(1u << 0)
#define SCTLR_CFIE	(1u << 6)	/* context fault interrupt enable */
#define SCTLR_CFCFG	(1u << 7)	/* stall (not terminate) on a fault */
#define FSR_TF		(1u << 1)	/* translation fault */
#define FSR_PF		(1u << 3)	/* permission fault */
#define FSR_SS		(1u << 30)	/* a transaction is stalled */
#define FSR_MULTI	(1u << 31)	/* a fault while one was recorded */
/* Every fault bit: TF AFF PF EF TLBMCF TLBLKF ASF UUT [8:1], SS, MULTI. */
#define FSR_FAULT	(0x1feu | FSR_SS | FSR_MULTI)
#define FSYNR0_WNR	(1u << 4)	/* the faulting access was a write */
#define RESUME_TNR	(1u << 0)	/* terminate (1) or retry (0) it */
/* The master's stream (the glue's): what CBFRSYNRA.SID records. */
#define MASTER_SID	0x42
#define TCR_EAE		(1u << 31)
#define PAR_F		1ULL
/* FST: a translation fault (level not reported). */
#define PAR_FAULT	(PAR_F | 0x4ULL << 1)

/*
 * The Qualcomm SMMU's TBU, where the glue puts it, and its debug port as
 * arm-smmu-qcom-debug.c programs it (no public description of the TBU
 * exists): SID_HALT 0x00 [16] HALT, [9:0] SID; VA 0x08 (64-bit);
 * TXN_TRIGG 0x18 [0] TRIGGER, [8:2] the transaction's attributes;
 * SR_HALT_ACK 0x20 [1] HALT_ACK, [0] ECATS_RUNNING; PAR 0x28 (64-bit)
 * [0] FAULT, [47:12] PA; AXUSER 0x30 (64-bit).  A halt is acknowledged at
 * once and an ECATS translation completes at once: the context bank's
 * walk of VA, as the stream's transaction would take it, which records a
 * fault in the context bank as that transaction would.
 */
#define TBU_BASE	0x2b800000ULL
#define TBU_SIZE	0x1000
enum {
	TBU_SID_HALT = 0x00, TBU_VA = 0x08, TBU_TXN_TRIGG = 0x18,
	TBU_HALT_ACK = 0x20, TBU_PAR = 0x28, TBU_AXUSER = 0x30,
};
#define TBU_HALT	(1u << 16)
#define TBU_ACK		(1u << 1)

struct smmu_hw {
	bool mapped, tbu_mapped;
	struct smmu_ids ids;
	uint32_t gr0[SMMU_PAGE / 4];
	uint32_t gr1[SMMU_PAGE / 4];
	uint32_t cb[NR_CB][SMMU_PAGE / 4];
	uint32_t tbu[TBU_SIZE / 4];
	bool ats_active;		/* an ATS1PR that never completes */
	unsigned int resumed;		/* stalled transactions resumed */
};

static struct smmu_hw smmu[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memset(&smmu[tw], 0, sizeof(smmu[tw]));
		smmu[tw].ids = config_ids;
	}
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys == TBU_BASE && size == TBU_SIZE &&
	    smmu[hw->twin].ids.version == QCOM_500) {
		smmu[hw->twin].tbu_mapped = true;
		return;
	}
	if (phys != SMMU_BASE || size != SMMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the SMMU's register space",
			     (unsigned long long)phys, (unsigned long long)size);
	smmu[hw->twin].mapped = true;
}

/* The register at @off: of GR0, GR1 or context bank *@cb (else -1). */
static uint32_t *reg_of(const struct hw_ctx *hw, uint64_t off, int *cb)
{
	struct smmu_hw *d = &smmu[hw->twin];
	uint64_t page = off / SMMU_PAGE;

	*cb = -1;
	if (page == 0)
		return &d->gr0[(off % SMMU_PAGE) / 4];
	if (page == 1)
		return &d->gr1[(off % SMMU_PAGE) / 4];
	if (page >= CB_PAGE0 && page < CB_PAGE0 + NR_CB) {
		*cb = (int)(page - CB_PAGE0);
		return &d->cb[*cb][(off % SMMU_PAGE) / 4];
	}
	return NULL;
}

static uint32_t cb_reg(const struct hw_ctx *hw, int cb, unsigned int reg)
{
	return smmu[hw->twin].cb[cb][reg / 4];
}

static uint64_t cb_reg64(const struct hw_ctx *hw, int cb, unsigned int reg)
{
	return cb_reg(hw, cb, reg) | (uint64_t)cb_reg(hw, cb, reg + 4) << 32;
}

/* CBA2R.VA64: an AArch64 context (SMMUv1 has no CBA2R: AArch32). */
static bool cb_va64(const struct hw_ctx *hw, int cb)
{
	return smmu[hw->twin].ids.version != SMMU_V1 &&
	       (smmu[hw->twin].gr1[GR1_CBA2R / 4 + cb] & 1);
}

/* CBAR.TYPE 0 is stage 2 only; the others translate at stage 1. */
static bool cb_stage1(const struct hw_ctx *hw, int cb)
{
	return drv_bits(smmu[hw->twin].gr1[cb], 17, 16) != 0;
}

static bool tbu_reg(const struct hw_ctx *hw, uint64_t phys, int bytes);
static uint32_t tbu_read(const struct hw_ctx *hw, uint64_t off);

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	struct smmu_hw *d = &smmu[hw->twin];
	uint64_t off = phys - SMMU_BASE;
	uint32_t *reg;
	int cb;

	if (tbu_reg(hw, phys, bytes))
		return tbu_read(hw, phys - TBU_BASE);
	if (bytes != 4 || off >= SMMU_SIZE || off % 4 || !d->mapped) {
		hw->protocol(hw, "%d-byte read at 0x%llx%s", bytes,
			     (unsigned long long)phys,
			     d->mapped ? "" : " before ioremap()");
		return 0;
	}
	reg = reg_of(hw, off, &cb);
	if (cb < 0) {
		switch (off) {
		case ID0:
			return d->ids.id0;
		case ID1:
			return d->ids.id1;
		case ID2:
			return d->ids.id2;
		case STLBGSTATUS:
			return 0;	/* invalidations complete at once */
		}
	} else {
		switch (off % SMMU_PAGE) {
		case TLBSTATUS:
			return 0;
		case ATSR:
			return d->ats_active;
		}
	}
	if (!reg) {
		hw->protocol(hw, "read of SMMU register 0x%llx", (unsigned long long)off);
		return 0;
	}
	return *reg;
}

/* The regime context bank @cb walks, as the driver programmed it. */
static struct lpae_regime cb_regime(const struct hw_ctx *hw, int cb,
				    ptf_u64 *regs)
{
	bool s1 = cb_stage1(hw, cb), va64 = cb_va64(hw, cb);
	uint32_t tcr = cb_reg(hw, cb, TCR);
	unsigned int ias;

	if (!va64 && s1 && !(tcr & TCR_EAE))
		hw->protocol(hw, "context bank %d: short-descriptor (TCR.EAE clear) is not modelled",
			     cb);
	/* TTBR0.BADDR [47:4]; the ASID sits above it. */
	regs[0] = cb_reg64(hw, cb, TTBR0) & 0x0000fffffffffff0ULL;
	if (va64) {
		regs[1] = tcr & 0x3f;
		regs[2] = drv_bits(tcr, 15, 14);
	} else {
		if (s1) {
			ias = 32 - (tcr & 7);
		} else {
			/* T0SZ [3:0] with its sign in [4]: 32 - T0SZ bits. */
			int t0sz = (int)(tcr & 0x1f) - (tcr & 0x10 ? 32 : 0);

			ias = (unsigned int)(32 - t0sz);
		}
		regs[1] = 64 - ias;
		regs[2] = 0;	/* AArch32: 4K granule only */
	}
	regs[3] = s1 ? cb_reg64(hw, cb, MAIR0) : drv_bits(tcr, 7, 6);
	return (struct lpae_regime){
		.fmt = va64 ? (s1 ? PTF_FMT_ARM_64_LPAE_S1 : PTF_FMT_ARM_64_LPAE_S2) :
			      (s1 ? PTF_FMT_ARM_32_LPAE_S1 : PTF_FMT_ARM_32_LPAE_S2),
		.oas = hw->info->oas,
		.regs = regs,
	};
}

/* The leaf an ATS1PR found, through a walk of [va, va] that reports to us. */
struct ats {
	const struct hw_ctx *hw;
	uint64_t va;
	bool found;
	struct hw_leaf leaf;
};

static struct ats *ats_now;

static void ats_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	if (ats_now->va < l->iova || ats_now->va - l->iova >= l->size)
		return;
	ats_now->found = true;
	ats_now->leaf = *l;
}

/* The tables on the way are the oracles' business, not the PAR's. */
static void ats_table(const struct hw_ctx *hw, uint64_t phys, uint64_t iova,
		      unsigned int span_lg2)
{
}

static void ats_error(const struct hw_ctx *hw, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ats_now->hw->error(ats_now->hw, "ATS1PR: %s", msg);
}

/*
 * PAR.ATTR [63:56]: the leaf's memory type in MAIR's encoding (write-back
 * cacheable 0xff, Device-nGnRE 0x04, else normal non-cacheable 0x44).
 */
static uint64_t par_attr(const struct hw_leaf *l)
{
	if (l->access & HW_MEM_CACHED)
		return 0xff;
	return l->access & HW_MEM_DEVICE ? 0x04 : 0x44;
}

/* The leaf context bank @cb translates @va with, through a walk of [va, va]. */
static bool cb_leaf(const struct hw_ctx *hw, int cb, uint64_t va,
		    struct hw_leaf *leaf)
{
	struct ats a = { .hw = hw, .va = va };
	struct hw_ctx walk = *hw;
	struct lpae_regime r;
	ptf_u64 regs[4];

	r = cb_regime(hw, cb, regs);
	if (va >> (64 - regs[1]))
		return false;	/* outside TTBR0's range */
	walk.leaf = ats_leaf;
	walk.table = ats_table;
	walk.error = ats_error;
	ats_now = &a;
	lpae_walk(&walk, &r, va, va);
	ats_now = NULL;
	*leaf = a.leaf;
	return a.found;
}

/* The PAR context bank @cb answers for an ATS1PR of @va. */
static uint64_t translate(const struct hw_ctx *hw, int cb, uint64_t va)
{
	struct hw_leaf l;
	uint64_t pa;

	if (!cb_stage1(hw, cb))
		hw->protocol(hw, "ATS1PR on stage 2 context bank %d", cb);
	if (!(cb_reg(hw, cb, SCTLR) & SCTLR_M))
		return va & ~0xfffULL;	/* no translation: flat */
	/* No leaf, or one a privileged read may not use (AF clear). */
	if (!cb_leaf(hw, cb, va, &l) || !(l.access & MODEL_PROT_READ))
		return PAR_FAULT;
	pa = l.phys + (va - l.iova);
	if (pa >> 48)
		hw->error(hw, "ATS1PR of 0x%llx: PA 0x%llx does not fit PAR[47:12]",
			  (unsigned long long)va, (unsigned long long)pa);
	return (pa & 0x0000fffffffff000ULL) | par_attr(&l) << 56;
}

/*
 * A transaction of the master at @va (a write if @write) through context
 * bank @cb: the fault it takes, FSR_TF (no translation) or FSR_PF (the
 * leaf does not grant the access), or 0; *@leaf is what translates it.
 */
static uint32_t access_fault(const struct hw_ctx *hw, int cb, uint64_t va,
			     bool write, struct hw_leaf *leaf)
{
	if (!cb_leaf(hw, cb, va, leaf))
		return FSR_TF;
	return leaf->access & (write ? MODEL_PROT_WRITE : MODEL_PROT_READ) ?
	       0 : FSR_PF;
}

/*
 * The context bank records a fault of that transaction: FSR (with SS when
 * SCTLR.CFCFG stalls it, MULTI for a fault while one is recorded), FAR,
 * FSYNR0.WNR and the stream in CBFRSYNRA.
 */
static void cb_record_fault(const struct hw_ctx *hw, int cb, uint64_t va,
			    bool write, uint32_t kind)
{
	struct smmu_hw *d = &smmu[hw->twin];
	uint32_t *r = d->cb[cb];

	if (r[FSR / 4] & FSR_FAULT) {
		r[FSR / 4] |= FSR_MULTI;
		return;
	}
	r[FSR / 4] = kind | (r[SCTLR / 4] & SCTLR_CFCFG ? FSR_SS : 0);
	r[FAR / 4] = (uint32_t)va;
	r[FAR / 4 + 1] = (uint32_t)(va >> 32);	/* a 40-bit IPA, too */
	r[FSYNR0 / 4] = write ? FSYNR0_WNR : 0;
	d->gr1[GR1_CBFRSYNRA / 4 + cb] = MASTER_SID;
}

/*
 * FSR is write-one-to-clear, but for SS, which ends with the stalled
 * transaction when RESUME is written (a write with none stalled is
 * ignored).  True if @reg is one of them.
 */
static bool cb_fault_write(const struct hw_ctx *hw, int cb, unsigned int reg,
			   uint32_t val)
{
	uint32_t *fsr = &smmu[hw->twin].cb[cb][FSR / 4];

	if (reg == FSR) {
		*fsr &= ~(val & ~FSR_SS);
		return true;
	}
	if (reg != RESUME)
		return false;
	if (*fsr & FSR_SS) {
		*fsr &= ~FSR_SS;
		smmu[hw->twin].resumed++;
	}
	return true;
}

static uint64_t tbu_reg64(const struct hw_ctx *hw, unsigned int reg)
{
	const uint32_t *t = smmu[hw->twin].tbu;

	return t[reg / 4] | (uint64_t)t[reg / 4 + 1] << 32;
}

/*
 * ECATS: the TBU's transaction at VA for the stream SID_HALT names, a
 * privileged read through the domain's context bank; PAR has its PA or
 * FAULT, and a fault is recorded in the context bank.
 */
static void ecats(const struct hw_ctx *hw)
{
	uint32_t *t = smmu[hw->twin].tbu;
	uint64_t va = tbu_reg64(hw, TBU_VA), par = 1;
	int cb = (int)hw->info->regs[0];
	struct hw_leaf l;
	uint32_t kind;

	if (!(t[TBU_SID_HALT / 4] & TBU_HALT))
		hw->protocol(hw, "ECATS triggered on a TBU that is not halted");
	if ((t[TBU_SID_HALT / 4] & 0x3ff) != MASTER_SID)
		hw->protocol(hw, "ECATS for stream 0x%x, not the master's 0x%x",
			     t[TBU_SID_HALT / 4] & 0x3ff, MASTER_SID);
	kind = access_fault(hw, cb, va, false, &l);
	if (kind)
		cb_record_fault(hw, cb, va, false, kind);
	else
		par = (l.phys + (va - l.iova)) & 0x0000fffffffff000ULL;
	t[TBU_PAR / 4] = (uint32_t)par;
	t[TBU_PAR / 4 + 1] = (uint32_t)(par >> 32);
}

static uint32_t tbu_read(const struct hw_ctx *hw, uint64_t off)
{
	const uint32_t *t = smmu[hw->twin].tbu;

	if (off == TBU_HALT_ACK)	/* halted at once; ECATS never running */
		return t[TBU_SID_HALT / 4] & TBU_HALT ? TBU_ACK : 0;
	return t[off / 4];
}

static void tbu_write(const struct hw_ctx *hw, uint64_t off, uint32_t val)
{
	if (off / 8 == TBU_HALT_ACK / 8 || off / 8 == TBU_PAR / 8) {
		hw->protocol(hw, "write of 0x%x to TBU status register 0x%llx",
			     val, (unsigned long long)off);
		return;
	}
	smmu[hw->twin].tbu[off / 4] = val;
	if (off == TBU_TXN_TRIGG && (val & 1))
		ecats(hw);
}

/* A TBU register, if @phys is one (4-byte aligned accesses only). */
static bool tbu_reg(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	return smmu[hw->twin].tbu_mapped && phys - TBU_BASE < TBU_SIZE &&
	       bytes == 4 && !(phys % 4);
}

/* Does an invalidation tagged @tag name context bank @cb's domain? */
static bool names_cb(const struct hw_ctx *hw, int cb, uint32_t tag)
{
	if (cb != (int)hw->info->regs[0])
		return false;
	if (cb_stage1(hw, cb))	/* the ASID the driver gave it: TTBR0[63:48] */
		return tag == (uint32_t)(cb_reg64(hw, cb, TTBR0) >> 48);
	return false;
}

/* The context's granule: TCR.TG0 of an AArch64 context, else 4K. */
static uint64_t cb_granule(const struct hw_ctx *hw, int cb)
{
	static const unsigned int tg0_shift[4] = { 12, 16, 14, 12 };

	if (!cb_va64(hw, cb))
		return 0x1000;
	return 1ULL << tg0_shift[drv_bits(cb_reg(hw, cb, TCR), 15, 14)];
}

/*
 * A TLBI by address: the leaf entries translating @addr, whatever their
 * size, and for all levels (not @last) the walk caches of the granule
 * holding it.
 */
static void tlbi_address(const struct hw_ctx *hw, int cb, uint64_t addr,
			 bool last)
{
	uint64_t gran = cb_granule(hw, cb);

	ptf_rt_iotlb_inval(PTF_INVAL_ENTRY, addr, 0);
	if (!last)
		ptf_rt_iotlb_inval(PTF_INVAL_WALK, addr & ~(gran - 1), gran);
}

/* An operation of context bank @cb, its (64-bit) register complete. */
static void cb_operation(const struct hw_ctx *hw, int cb, unsigned int reg)
{
	bool va64 = cb_va64(hw, cb);
	uint64_t val = va64 ? cb_reg64(hw, cb, reg) : cb_reg(hw, cb, reg);
	uint64_t addr = va64 ? (val & 0xfffffffffffULL) << 12 : val & ~0xfffULL;
	uint32_t asid = va64 ? (uint32_t)(val >> 48) : (uint32_t)(val & 0xff);

	switch (reg) {
	case TLBIVA:
	case TLBIVAL:
		if (!cb_stage1(hw, cb))
			hw->protocol(hw, "stage 1 TLBI on stage 2 context bank %d", cb);
		else if (names_cb(hw, cb, asid))
			tlbi_address(hw, cb, addr, reg == TLBIVAL);
		break;
	case TLBIIPAS2:
	case TLBIIPAS2L:
		addr = va64 ? (val & 0xfffffffffULL) << 12 : val << 12;
		if (cb_stage1(hw, cb))
			hw->protocol(hw, "stage 2 TLBI on stage 1 context bank %d", cb);
		else if (cb == (int)hw->info->regs[0])
			tlbi_address(hw, cb, addr, reg == TLBIIPAS2L);
		break;
	case ATS1PR:
		if (smmu[hw->twin].ids.atos_stuck) {
			smmu[hw->twin].ats_active = true;
			break;
		}
		val = translate(hw, cb, va64 ? val & ~0xfffULL :
					       val & 0xfffff000ULL);
		smmu[hw->twin].cb[cb][PAR / 4] = (uint32_t)val;
		smmu[hw->twin].cb[cb][PAR / 4 + 1] = (uint32_t)(val >> 32);
		break;
	}
}

static bool reg64_op(unsigned int reg)
{
	return reg == TLBIVA || reg == TLBIVAL || reg == TLBIIPAS2 ||
	       reg == TLBIIPAS2L || reg == ATS1PR;
}

static void cb_write(const struct hw_ctx *hw, int cb, unsigned int reg)
{
	bool va64 = cb_va64(hw, cb);

	if (reg == TLBIASID) {
		if (cb_stage1(hw, cb) &&
		    names_cb(hw, cb, cb_reg(hw, cb, reg) & 0xffff))
			ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		return;
	}
	if (reg64_op(reg) && !va64)
		cb_operation(hw, cb, reg);
	else if (reg >= 4 && reg64_op(reg - 4) && va64)
		cb_operation(hw, cb, reg - 4);
}

/* TLBIVMID: the stage 2 domain's VMID is its CBAR.VMID. */
static void gr0_write(const struct hw_ctx *hw, uint64_t off, uint32_t val)
{
	int cb = (int)hw->info->regs[0];

	if (off == TLBIALLNSNH ||
	    (off == TLBIVMID && !cb_stage1(hw, cb) &&
	     (val & 0xffff) == (smmu[hw->twin].gr1[cb] & 0xff)))
		ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	uint64_t off = phys - SMMU_BASE;
	uint32_t *reg;
	int cb;

	if (tbu_reg(hw, phys, bytes)) {
		tbu_write(hw, phys - TBU_BASE, val);
		return;
	}
	if (bytes != 4 || off >= SMMU_SIZE || off % 4 || !smmu[hw->twin].mapped) {
		hw->protocol(hw, "%d-byte write of 0x%x at 0x%llx%s", bytes, val,
			     (unsigned long long)phys,
			     smmu[hw->twin].mapped ? "" : " before ioremap()");
		return;
	}
	reg = reg_of(hw, off, &cb);
	if (!reg) {
		hw->protocol(hw, "write of 0x%x to SMMU register 0x%llx", val,
			     (unsigned long long)off);
		return;
	}
	if (cb >= 0 && cb_fault_write(hw, cb, (unsigned int)(off % SMMU_PAGE), val))
		return;
	*reg = val;
	if (cb >= 0)
		cb_write(hw, cb, (unsigned int)(off % SMMU_PAGE));
	else if (off < SMMU_PAGE)
		gr0_write(hw, off, val);
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/* The domain's context bank, as the driver programmed it. */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	int cb = (int)hw->info->regs[0];
	struct lpae_regime r;
	ptf_u64 regs[4];

	if (cb < 0 || cb >= NR_CB) {
		hw->error(hw, "the domain's context bank %d does not exist", cb);
		return;
	}
	if (!(cb_reg(hw, cb, SCTLR) & SCTLR_M))
		hw->error(hw, "context bank %d is not translating (SCTLR.M clear)", cb);
	r = cb_regime(hw, cb, regs);
	lpae_walk(hw, &r, lo, hi);
}

/* Fault op ----------------------------------------------------------------- */

/* What the handler printed (kernel log lines since the fault). */
struct fault_log {
	bool walk_failed;	/* "SOFTWARE TABLE WALK FAILED!" */
	bool soft_seen;
	uint64_t soft;		/* "soft iova-to-phys=%pa" */
};

#define SOFT_WALK	"soft iova-to-phys="

static void scan_line(const char *line, void *arg)
{
	struct fault_log *fl = arg;
	const char *p = strstr(line, SOFT_WALK);

	if (strstr(line, "SOFTWARE TABLE WALK FAILED!"))
		fl->walk_failed = true;
	if (p) {
		fl->soft_seen = true;
		fl->soft = strtoull(p + strlen(SOFT_WALK), NULL, 16);
	}
}

/*
 * The handler against the model, the device and the core: one report of
 * the fault (its IOVA, read or write) to the domain's handler; the stall
 * ended and FSR cleared; its software walk the model's translation, and
 * "SOFTWARE TABLE WALK FAILED" exactly when the model has none.
 */
static void check_fault(struct engine *e, int tw, uint64_t iova, bool write,
			const struct ptf_fault_run *run,
			const struct fault_log *fl)
{
	const struct pt_leaf *want = model_translate(&e->model[tw], iova);
	const struct hw_ctx *hw = &e->hw_ctx[tw];
	uint32_t fsr = cb_reg(hw, (int)hw->info->regs[0], FSR);

	if (run->reports != 1 || run->iova != iova || run->flags != write)
		finding(e, "fault", "report_iommu_fault() did not pass the fault on",
			"%s twin: %d reports, the last at 0x%llx flags %d; the fault: 0x%llx, %s\n",
			twin_name(tw), run->reports, (unsigned long long)run->iova,
			run->flags, (unsigned long long)iova, write ? "write" : "read");
	if (fsr & FSR_SS)
		finding(e, "fault", "the stalled transaction was not resumed",
			"%s twin: FSR 0x%x after the handler\n", twin_name(tw), fsr);
	if (fsr & FSR_FAULT)
		finding(e, "fault", "the fault status was not cleared",
			"%s twin: FSR 0x%x after the handler\n", twin_name(tw), fsr);
	if (!fl->soft_seen)
		finding(e, "fault", "the handler printed no software walk",
			"%s twin: no \"" SOFT_WALK "\" line\n", twin_name(tw));
	if (fl->walk_failed != !want)
		finding(e, "fault", want ?
			"the handler says the software walk failed on a translated IOVA" :
			"the handler missed a software walk failure",
			"%s twin: at 0x%llx the model has %s, the walk gave 0x%llx\n",
			twin_name(tw), (unsigned long long)iova,
			want ? "a translation" : "none", (unsigned long long)fl->soft);
	if (want && fl->soft != model_leaf_pa(want, iova))
		finding(e, "fault", "the handler's software walk is not the model's translation",
			"%s twin: at 0x%llx\nexpected: 0x%llx\nactual:   0x%llx\n",
			twin_name(tw), (unsigned long long)iova,
			(unsigned long long)model_leaf_pa(want, iova),
			(unsigned long long)fl->soft);
}

/*
 * The master's transaction at @iova on twin @tw: if the context bank
 * faults on it and SCTLR.CFIE is set, its interrupt runs the handler.
 */
static void fault_twin(struct engine *e, int tw, uint64_t iova, bool write)
{
	const struct hw_ctx *hw = &e->hw_ctx[tw];
	int cb = (int)hw->info->regs[0];
	struct fault_log fl = { 0 };
	struct ptf_fault_run run;
	struct hw_leaf l;
	uint32_t kind = access_fault(hw, cb, iova, write, &l);
	unsigned int mark;

	if (!kind) {
		note(e, "%s: translated, no fault", twin_name(tw));
		return;
	}
	cb_record_fault(hw, cb, iova, write, kind);
	if (!(cb_reg(hw, cb, SCTLR) & SCTLR_CFIE)) {
		note(e, "%s: fault recorded, no interrupt (SCTLR.CFIE clear)",
		     twin_name(tw));
		return;
	}
	mark = rt_log_lines(tw);
	twin_enter(e, tw);
	e->t->twin[tw]->context_fault(e->dom[tw], &run);
	twin_leave(e, tw);
	if (run.irqret < 0) {
		/* attach goes on when devm_request_threaded_irq() fails */
		note(e, "%s: no handler for the interrupt (its request failed)",
		     twin_name(tw));
		return;
	}
	if (!rt_for_each_log_since(tw, mark, scan_line, &fl))
		finding(e, "fault", "the handler's messages were not all kept",
			"%s twin: more lines than the kernel log keeps\n", twin_name(tw));
	note(e, "%s: %s fault, handler returned %d, software walk %s0x%llx",
	     twin_name(tw), kind == FSR_TF ? "translation" : "permission",
	     run.irqret, fl.walk_failed ? "FAILED " : "",
	     (unsigned long long)fl.soft);
	if (!e->opts.no_oracles)
		check_fault(e, tw, iova, write, &run, &fl);
}

/*
 * The candidate first: a finding of the baseline alone is then one the
 * series fixes (known finding qcom-debug-soft-walk-pa0).  An IOVA past the
 * context's input size faults in the device, where io-pgtable's software
 * walk ignores the bits above its top level: not run.
 */
static void run_fault(struct engine *e, const struct op *op)
{
	bool write = op->arg & OP_FAULT_WRITE;

	if (config_ids.version != QCOM_500) {
		note(e, "skipped: the generic implementation's fault handler is not taken");
		return;
	}
	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		if (!e->dom[tw] || !model_in_aperture(&e->model[tw], op->iova, 1)) {
			note(e, "%s: skipped: no domain, or outside its aperture",
			     twin_name(tw));
			continue;
		}
		fault_twin(e, tw, op->iova, write);
	}
}

/* Every SMMU with a stage and a context format makes a domain. */
static bool driver_config(const struct target_setup *ts)
{
	struct ptf_pt_config pc;

	return smmu_pgtable_cfg(ts, &pc);
}

/* Coverage: version, stage, context format and granule, ATOS, coherency. */
static const unsigned int class_fields[] = {
	F_VERSION, F_STAGES, F_FORMATS, F_ATOS, F_COHERENT,
};

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	struct ptf_pt_config pc;
	uint64_t sizes;

	if (!smmu_pgtable_cfg(ts, &pc)) {
		pc.pgsize_bitmap = 0;
		pc.fmt = PTF_FMT_ARM_64_LPAE_S1;
	}
	sizes = pc.pgsize_bitmap & (1ULL << 12 | 1ULL << 14 | 1ULL << 16);
	snprintf(buf, len, "%s/%s/%s/%uK/atos-%s/%s",
		 version_names[config_ids.version],
		 stage1_of(ts) ? "S1" : "S2",
		 pc.fmt == PTF_FMT_ARM_32_LPAE_S1 ||
		 pc.fmt == PTF_FMT_ARM_32_LPAE_S2 ? "aarch32" : "aarch64",
		 (unsigned int)(sizes & -sizes) >> 10,
		 atos_names[config_ids.atos_stuck ? ATOS_STUCK :
			    config_ids.id0 & ID0_ATOSNS ? ATOS_NO : ATOS_YES],
		 ts->pt.coherent_walk ? "coherent" : "noncoherent");
}

static const struct target arm_smmu_target = {
	.name		= "arm_smmu",
	.summary	= "arm-smmu: SMMUv1/v2 stage 1/2 domains on io-pgtable-arm, ATOS lookups, Qualcomm context faults",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.fault		= run_fault,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= lpae_warn_sites,
	.device		= &device,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &arm_smmu_target;
