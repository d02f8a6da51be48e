// SPDX-License-Identifier: GPL-2.0
/*
 * mtk_v1: mtk_iommu_v1, the first-generation MediaTek M4U (MT2701,
 * MT7623): one flat table of 32-bit descriptors, one per 4K page of a
 * 32-bit IOVA space (4 MiB), behind the SMI local arbiters of the
 * multimedia masters.
 *
 * The device tree binding (mediatek,iommu.yaml) says what is public of the
 * architecture: "generation one uses flat pagetable, and only supports 4K
 * size page mapping".  The descriptor and the M4U's per-MMU registers
 * follow MediaTek's own register description of its generation-one M4U
 * (the MT6572/MT6589 vendor kernels' m4u_reg.h), which is not this driver:
 *
 *   descriptor   [31:12] PA[31:12], [3] non-secure, [2] shareable,
 *                [1:0] 10: valid (00: no translation; 01, 11: reserved);
 *                [11:4] reserved
 *   PT_BASE      (0x000) the table's address, bits [31:16] only: a base
 *                that is not 64K aligned is walked from below it
 *   CTRL_REG     (0x210) [1] table walk disable, [6:5] translation-fault
 *                protection, [8] coherent walk
 *   IVRP_PADDR   (0x214) where a faulting access goes
 *   INT_CONTROL  (0x220), FAULT_ST (0x224), FAULT_VA (0x228),
 *   INVLD_PA (0x22c), INT_ID (0x388): fault reporting (no op faults)
 *   the global block of a single-M4U part, at the same offsets as the
 *   MT6572's: INVLD (0x5c0: 1 invalidate the range, 2 all), INVLD_SA /
 *   INVLD_EA (0x5c4 / 0x5c8: first and last page of the range, inclusive),
 *   the TLB select (0x5d8: bit 0, the M4U's TLB), DCM (0x5f0)
 *
 * Not described anywhere public that ptfuzz found, and taken as the
 * register interface the driver programs: bit 1 of the TLB select (parts
 * with a second MMU cell have a second TLB there; it invalidates nothing
 * modelled here), STANDARD_AXI_MODE (0x5e8) and the range invalidation's
 * completion flag CPE_DONE (0x60c: set when the range is done, cleared by
 * writing 0).  A range whose last page is below its first invalidates
 * nothing (the driver issues one when a map stops at its first page,
 * having changed nothing).
 *
 * The table is coherent DMA memory (dma_alloc_coherent()): no syncs.
 * Every descriptor maps 4K (docs/patches.md: the length is 4K); the M4U
 * has no permission bits, so every page is readable and writable.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_LARB, F_PORTS, F_DOMAIN, F_CREATE_FAIL, NR_FIELDS };

/* The master's larb: display (larb0), video decoder (1), image (2). */
static const char *const larb_names[] = { "larb0", "larb1", "larb2" };
static const uint64_t larb_values[] = { 0, 1, 2 };
static const char *const ports_names[] = { "1", "2" };
static const uint64_t ports_values[] = { 1, 2 };
/*
 * The domain the ops run on: the ARM DMA API mapping's, which the driver
 * sets up when it is attached, or a paging domain from the core attached
 * as VFIO or iommufd would (known finding mtk-v1-core-domain-unusable).
 * PTF_MTK_V1_CORE in ptf_pt_config.quirks, as the glue reads it.
 */
#define PTF_MTK_V1_CORE	1
static const char *const domain_names[] = { "dma", "core" };
static const uint64_t domain_values[] = { 0, PTF_MTK_V1_CORE };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_LARB]	= { "larb", FIELD(larb_names, larb_values) },
	[F_PORTS]	= { "ports", FIELD(ports_names, ports_values) },
	[F_DOMAIN]	= { "domain", FIELD(domain_names, domain_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

#define SPACE		(1ULL << 32)	/* the IOVA space the table covers */
#define ENTRIES		(SPACE >> 12)

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = (unsigned int)cfg->v[F_LARB],
		.instances = (unsigned int)cfg->v[F_PORTS],
		.quirks = (unsigned int)cfg->v[F_DOMAIN],
		.pgsize_bitmap = 1 << 12,
		.ias = 32,
		.oas = 32,
	};
	/* Coherent DMA memory below the 32-bit coherent mask. */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define PAGE		(1ULL << 12)

/*
 * mtk_iommu_v1_map(): descriptors from IOVA >> 12 until a live one
 * (-EEXIST after the pages before it), the PA truncated to 32 bits (a u32
 * that wraps).  Past the table is known finding mtk-v1-iova-past-table,
 * a hazard.
 */
static int mtk_v1_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			    uint64_t pgsize, uint64_t count, int prot,
			    uint64_t *mapped)
{
	uint64_t i;

	for (i = 0; i < count; i++) {
		uint64_t at = iova + i * PAGE;
		struct pt_leaf l;

		if (at >= SPACE)
			return MODEL_RET_UNDEFINED;
		if (model_lookup(m, at))
			break;
		l = model_new_leaf(m, at, PAGE, (pa + i * PAGE) & (SPACE - 1),
				   prot);
		model_add_leaf(m, &l);
	}
	*mapped += i * PAGE;
	return i == count ? 0 : -EEXIST;
}

/* mtk_iommu_v1_unmap(): @count descriptors cleared, holes too: all of it. */
static uint64_t mtk_v1_unmap_pages(struct model *m, uint64_t iova,
				   uint64_t pgsize, uint64_t count)
{
	if (iova >= SPACE || count > (SPACE - iova) / PAGE)
		return 0;	/* a hazard: mtk-v1-iova-past-table */
	model_remove_leaves(m, iova, iova + (count * PAGE - 1));
	return count * PAGE;
}

static const struct model_impl mtk_v1_impl = {
	.map_pages	= mtk_v1_map_pages,
	.unmap_pages	= mtk_v1_unmap_pages,
};

/*
 * The driver publishes no geometry (its aperture reads [0, 0], not
 * forced); the IOVA space is the 4 GiB its ARM DMA mapping covers, which
 * the table translates: known finding mtk-v1-iova-past-table for the
 * rest.  The table is coherent DMA memory.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	drv_predict(ts, d, PAGE, SPACE - 1, &mtk_v1_impl);
	d->info.ias = 0;
	d->info.va_last = 0;
	d->incoherent = false;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return MODEL_PROT_READ | MODEL_PROT_WRITE;
}

/* Device model ------------------------------------------------------------- */

#define M4U_BASE	0x10205000ULL
#define M4U_SIZE	0x1000

enum {
	PT_BASE = 0x000, CTRL_REG = 0x210, IVRP_PADDR = 0x214,
	INT_CONTROL = 0x220, FAULT_ST = 0x224, FAULT_VA = 0x228,
	INVLD_PA = 0x22c, INT_ID = 0x388, INVLD = 0x5c0, INVLD_SA = 0x5c4,
	INVLD_EA = 0x5c8, INV_SEL = 0x5d8, STANDARD_AXI_MODE = 0x5e8,
	DCM = 0x5f0, CPE_DONE = 0x60c,
};

#define CTRL_WALK_DIS	(1u << 1)
#define INV_RANGE	0x1
#define INV_ALL		0x2
#define SEL_TLB		(1u << 0)
#define SEL_OTHER	(1u << 1)

struct m4u {
	bool mapped;
	uint32_t pt_base, ctrl, ivrp, int_control, sa, ea, sel, axi, dcm;
	bool cpe_done;
};

static struct m4u m4u[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	memset(m4u, 0, sizeof(m4u));
}

static struct m4u *m4u_of(const struct hw_ctx *hw, uint64_t phys,
			  uint32_t *off)
{
	struct m4u *d = &m4u[hw->twin];

	if (!d->mapped || phys < M4U_BASE || phys - M4U_BASE >= M4U_SIZE ||
	    (phys & 3))
		hw->protocol(hw, "access at 0x%llx: no M4U register there",
			     (unsigned long long)phys);
	*off = (uint32_t)(phys - M4U_BASE);
	return d;
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != M4U_BASE || size != M4U_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the M4U",
			     (unsigned long long)phys, (unsigned long long)size);
	m4u[hw->twin] = (struct m4u){ .mapped = true };
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint32_t off;
	struct m4u *d = m4u_of(hw, phys, &off);

	if (bytes != 4)
		hw->protocol(hw, "%d-byte read of M4U register 0x%x", bytes, off);
	switch (off) {
	case PT_BASE:
		return d->pt_base;
	case CTRL_REG:
		return d->ctrl;
	case IVRP_PADDR:
		return d->ivrp;
	case INT_CONTROL:
		return d->int_control;
	case INVLD_SA:
		return d->sa;
	case INVLD_EA:
		return d->ea;
	case INV_SEL:
		return d->sel;
	case STANDARD_AXI_MODE:
		return d->axi;
	case DCM:
		return d->dcm;
	case CPE_DONE:
		return d->cpe_done;
	case FAULT_ST:
	case FAULT_VA:
	case INVLD_PA:
	case INT_ID:
		return 0;	/* no faults: ptfuzz drives no DMA */
	}
	hw->protocol(hw, "read of M4U register 0x%x", off);
	return 0;
}

/* An invalidation of the TLB the select register names. */
static void invalidate(const struct hw_ctx *hw, struct m4u *d, uint32_t cmd)
{
	if (cmd != INV_RANGE && cmd != INV_ALL)
		hw->protocol(hw, "M4U: invalidation command 0x%x", cmd);
	if (!(d->sel & SEL_TLB))
		return;
	if (cmd == INV_ALL) {
		ptf_rt_iotlb_inval_unit(0, PTF_INVAL_ALL, 0, 0);
	} else if (d->ea >= d->sa) {
		ptf_rt_iotlb_inval_unit(0, PTF_INVAL_LEAF, d->sa,
					(uint64_t)d->ea - d->sa + 4096);
	}
	if (cmd == INV_RANGE)
		d->cpe_done = true;
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	uint32_t off;
	struct m4u *d = m4u_of(hw, phys, &off);

	if (bytes != 4)
		hw->protocol(hw, "%d-byte write of M4U register 0x%x", bytes, off);
	switch (off) {
	case PT_BASE:
		d->pt_base = val & 0xffff0000u;
		break;
	case CTRL_REG:
		d->ctrl = val;
		break;
	case IVRP_PADDR:
		d->ivrp = val;
		break;
	case INT_CONTROL:
		d->int_control = val;
		break;
	case INVLD:
		invalidate(hw, d, val);
		break;
	case INVLD_SA:
		d->sa = val & 0xfffff000u;
		break;
	case INVLD_EA:
		d->ea = val & 0xfffff000u;
		break;
	case INV_SEL:
		if (val & ~(SEL_TLB | SEL_OTHER))
			hw->protocol(hw, "M4U: TLB select 0x%x", val);
		d->sel = val;
		break;
	case STANDARD_AXI_MODE:
		d->axi = val;
		break;
	case DCM:
		d->dcm = val;
		break;
	case CPE_DONE:
		if (val)
			hw->protocol(hw, "M4U: CPE_DONE written with 0x%x", val);
		d->cpe_done = false;
		break;
	default:
		hw->protocol(hw, "write of 0x%x to M4U register 0x%x", val, off);
	}
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return 1;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

static void check_descriptor(const struct hw_ctx *hw, uint32_t e, uint64_t va)
{
	if ((e & 3) != 2)
		hw->error(hw, "descriptor 0x%08x for 0x%llx has a reserved type",
			  e, (unsigned long long)va);
	if (e & 0xff0)
		hw->error(hw, "descriptor 0x%08x for 0x%llx has reserved bits set",
			  e, (unsigned long long)va);
	/* A secure page: the non-secure multimedia master faults on it. */
	if (!(e & (1u << 3)))
		hw->error(hw, "descriptor 0x%08x for 0x%llx is a secure page",
			  e, (unsigned long long)va);
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct m4u *d = &m4u[hw->twin];
	const uint32_t *table;

	if (d->ctrl & CTRL_WALK_DIS)
		hw->error(hw, "the M4U's table walk is disabled (CTRL_REG 0x%x)",
			  d->ctrl);
	table = drv_table32(hw, d->pt_base, ENTRIES);
	if (lo >= SPACE)
		return;
	if (hi >= SPACE)
		hi = SPACE - 1;
	for (uint64_t i = lo >> 12; i <= hi >> 12; i++) {
		uint64_t pair;
		uint32_t e;

		/* Most of the 4 MiB is empty: skip it two entries at a time. */
		if (!(i & 1) && i + 1 <= hi >> 12) {
			memcpy(&pair, &table[i], sizeof(pair));
			if (!pair) {
				i++;
				continue;
			}
		}
		e = table[i];
		if (!(e & 3))
			continue;
		check_descriptor(hw, e, i << 12);
		drv_leaf(hw, i << 12, 4096, e & 0xfffff000u,
			 MODEL_PROT_READ | MODEL_PROT_WRITE);
	}
}

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* each is a master of MT2701 */
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const unsigned int class_fields[] = { F_LARB, F_PORTS, F_DOMAIN };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/ports%u/%s", larb_names[ts->pt.variant],
		 ts->pt.instances, domain_names[ts->pt.quirks & PTF_MTK_V1_CORE]);
}

static const struct target mtk_v1 = {
	.name		= "mtk_v1",
	.summary	= "mtk_iommu_v1: MediaTek M4U generation one (MT2701), a flat table of 4K pages",
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
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &mtk_v1;
