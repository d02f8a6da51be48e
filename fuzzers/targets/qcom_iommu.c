// SPDX-License-Identifier: GPL-2.0
/*
 * qcom_iommu: Qualcomm's "qcom,msm-iommu-v1" (MSM8916 and friends), an
 * SMMUv2 whose global registers belong to the secure firmware: the
 * kernel programs context banks only, each an AArch32 long-descriptor
 * stage 1 context (ARM_32_LPAE_S1: 32-bit IOVA, 40-bit PA, 4K pages only,
 * as qcom_iommu_domain_alloc_paging() publishes them).  The master uses
 * one or two context banks (two "iommus" ASIDs), which must translate
 * alike and each be invalidated.
 *
 * The device model is the context bank of the ARM System MMU architecture
 * specification (SMMUv2), one 4K page per ASID from the IOMMU's base
 * (ASID 0 is the secure world's): SCTLR 0x00 [0] M; TCR2 0x10; TTBR0
 * 0x20 (64-bit: BADDR [39:x], ASID [55:48]); TTBR1 0x28; TCR 0x30 ([31]
 * EAE, T0SZ [2:0]); MAIR0/1 0x38/0x3c; FSR 0x58 (write 1 to clear); FAR
 * 0x60; TLBIVA 0x600 and TLBIVAL 0x620 (VA [31:12], ASID [7:0]; the
 * latter the last level only), TLBIASID 0x610 (ASID [7:0]); TLBSYNC
 * 0x7f0, TLBSTATUS 0x7f4 [0] SACTIVE.  A TLBI that names another ASID
 * than the context's drops nothing.  The walk is lpae_walk.c's, from the
 * context bank's TTBR0, TCR and MAIRs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"
#include "lpae_model.h"
#include "lpae_walk.h"

enum { F_CTXS, F_CREATE_FAIL, NR_FIELDS };

static const char *const ctxs_names[] = { "1", "2" };
static const uint64_t ctxs_values[] = { 1, 2 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_CTXS]	= { "ctxs", FIELD(ctxs_names, ctxs_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.instances = (unsigned int)cfg->v[F_CTXS],
	};
	/*
	 * The driver sets no DMA mask: the IOMMU's device keeps the default
	 * 32 bits, so io-pgtable's tables must be below 4 GiB.
	 */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/*
 * qcom_iommu_init_domain(): ARM_32_LPAE_S1 with IAS 32, OAS 40, the
 * domain's 4K page size, no quirks and a non-coherent walk (the cfg sets
 * no coherent_walk); io-pgtable-arm's model (lpae_model.c).  The glue's
 * probe allocates through the driver core stand-ins too: which
 * allocation of a creation fails is not predicted.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config pc = {
		.fmt = PTF_FMT_ARM_32_LPAE_S1,
		.pgsize_bitmap = 1 << 12,
		.ias = 32,
		.oas = 40,
	};

	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	lpae_model_predict(&pc, d);
	d->incoherent = true;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return lpae_access_of(PTF_FMT_ARM_32_LPAE_S1, prot);
}

/* Device model ------------------------------------------------------------- */

#define QCOM_BASE	0x1ef00000ULL	/* where the glue puts the IOMMU */
#define CTX_SIZE	0x1000
#define MAX_ASID	3

enum {
	SCTLR = 0x00, TCR2 = 0x10, TTBR0 = 0x20, TTBR1 = 0x28, TCR = 0x30,
	MAIR0 = 0x38, MAIR1 = 0x3c, FSR = 0x58, FAR = 0x60, TLBIVA = 0x600,
	TLBIASID = 0x610, TLBIVAL = 0x620, TLBSYNC = 0x7f0, TLBSTATUS = 0x7f4,
};

#define SCTLR_M		(1u << 0)
#define TCR_EAE		(1u << 31)

struct qcom_hw {
	unsigned int ctxs;		/* the master's: ASIDs 1..ctxs */
	bool mapped[MAX_ASID + 1];
	uint32_t cb[MAX_ASID + 1][CTX_SIZE / 4];
};

static struct qcom_hw qcom[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memset(&qcom[tw], 0, sizeof(qcom[tw]));
		qcom[tw].ctxs = ts->pt.instances;
	}
}

/* The context bank at @phys (1..MAX_ASID), or -1. */
static int ctx_of(uint64_t phys)
{
	uint64_t n = (phys - QCOM_BASE) / CTX_SIZE;

	return phys >= QCOM_BASE && n >= 1 && n <= MAX_ASID ? (int)n : -1;
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	int asid = ctx_of(phys);

	if (asid < 0 || phys % CTX_SIZE || size != CTX_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not a non-secure context bank",
			     (unsigned long long)phys, (unsigned long long)size);
	else
		qcom[hw->twin].mapped[asid] = true;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	int asid = ctx_of(phys);
	unsigned int off = (unsigned int)((phys - QCOM_BASE) % CTX_SIZE);

	if (bytes != 4 || asid < 0 || off % 4 || !qcom[hw->twin].mapped[asid]) {
		hw->protocol(hw, "%d-byte read at 0x%llx (an unmapped or secure context bank?)",
			     bytes, (unsigned long long)phys);
		return 0;
	}
	if (off == TLBSTATUS || off == FSR)
		return 0;	/* syncs complete at once; no DMA, no faults */
	return qcom[hw->twin].cb[asid][off / 4];
}

static uint64_t cb_reg64(const uint32_t *cb, unsigned int reg)
{
	return cb[reg / 4] | (uint64_t)cb[reg / 4 + 1] << 32;
}

/* The ASID context bank @asid tags its entries with: TTBR0[55:48]. */
static uint32_t cb_asid(const uint32_t *cb)
{
	return (uint32_t)(cb_reg64(cb, TTBR0) >> 48) & 0xff;
}

static void tlbi(const struct hw_ctx *hw, int asid, unsigned int reg,
		 uint32_t val)
{
	const uint32_t *cb = qcom[hw->twin].cb[asid];
	int unit = asid - 1;

	if (reg == TLBIASID) {
		if ((val & 0xff) == cb_asid(cb))
			ptf_rt_iotlb_inval_unit(unit, PTF_INVAL_ALL, 0, 0);
		return;
	}
	if ((val & 0xff) != cb_asid(cb))
		return;
	/* The entries translating the address; TLBIVA its walk too (4K). */
	ptf_rt_iotlb_inval_unit(unit, PTF_INVAL_ENTRY, val & 0xfffff000u, 0);
	if (reg == TLBIVA)
		ptf_rt_iotlb_inval_unit(unit, PTF_INVAL_WALK, val & 0xfffff000u,
					0x1000);
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	int asid = ctx_of(phys);
	unsigned int off = (unsigned int)((phys - QCOM_BASE) % CTX_SIZE);

	if (bytes != 4 || asid < 0 || off % 4 || !qcom[hw->twin].mapped[asid]) {
		hw->protocol(hw, "%d-byte write of 0x%x at 0x%llx (an unmapped or secure context bank?)",
			     bytes, val, (unsigned long long)phys);
		return;
	}
	if (off == FSR) {
		qcom[hw->twin].cb[asid][off / 4] &= ~val;
		return;
	}
	qcom[hw->twin].cb[asid][off / 4] = val;
	if (off == TLBIVA || off == TLBIVAL || off == TLBIASID)
		tlbi(hw, asid, off, val);
}

/* One TLB per context bank of the master. */
static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return qcom[hw->twin].ctxs;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

/* What a context bank walks with, as lpae_regime has it; false if off. */
static bool cb_regime(const struct hw_ctx *hw, int asid, ptf_u64 *regs)
{
	const uint32_t *cb = qcom[hw->twin].cb[asid];
	uint32_t tcr = cb[TCR / 4];

	if (!(cb[SCTLR / 4] & SCTLR_M)) {
		hw->error(hw, "context bank %d is not translating (SCTLR.M clear)", asid);
		return false;
	}
	if (!(tcr & TCR_EAE)) {
		hw->error(hw, "context bank %d: TCR.EAE clear (short descriptors)", asid);
		return false;
	}
	regs[0] = cb_reg64(cb, TTBR0) & 0x000000fffffffff0ULL;	/* BADDR */
	regs[1] = 64 - (32 - (tcr & 7));	/* input size 32 - T0SZ */
	regs[2] = 0;				/* 4K */
	regs[3] = cb_reg64(cb, MAIR0);
	return true;
}

/*
 * The master's first context bank, walked; the others must walk the same
 * tables with the same attributes (their own ASID aside).
 */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	ptf_u64 regs[4], other[4];
	struct lpae_regime r = {
		.fmt = PTF_FMT_ARM_32_LPAE_S1, .oas = 40, .regs = regs,
	};

	if (!cb_regime(hw, 1, regs))
		return;
	for (int asid = 2; asid <= (int)qcom[hw->twin].ctxs; asid++)
		if (cb_regime(hw, asid, other) && memcmp(regs, other, sizeof(regs)))
			hw->error(hw, "context banks 1 and %d walk different tables", asid);
	lpae_walk(hw, &r, lo, hi);
}

static bool driver_config(const struct target_setup *ts)
{
	return true;
}

/* Coverage: how many context banks the master has. */
static const unsigned int class_fields[] = { F_CTXS };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "ctxs%u", ts->pt.instances);
}

static const struct target qcom_iommu_target = {
	.name		= "qcom_iommu",
	.summary	= "qcom_iommu: Qualcomm MSM IOMMU context banks on io-pgtable-arm (ARM_32_LPAE_S1)",
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

const struct target *const ptf_target = &qcom_iommu_target;
