// SPDX-License-Identifier: GPL-2.0
/*
 * vsi: vsi-iommu, the VeriSilicon IOMMU in front of VeriSilicon video
 * codecs (the RK3588's AV1 decoder): a page table array whose entry
 * selects a two-level table of 4K pages over a 32-bit IOVA space.
 *
 * The IP is the MMU of the Vivante GPUs (VeriSilicon's), as its
 * reviewers say (linux-arm-kernel, June 2025, "[PATCH v3 3/5] iommu: Add
 * verisilicon IOMMU driver": "PTA is short for page table array ... On
 * the Vivante GPU, where this MMU IP originated").  No datasheet of the
 * codec's MMU is public.  The device model and the walker follow what
 * Vivante and NXP publish of that MMU, not the driver's macros:
 *
 *   Vivante's gcmmu.h and gcregmmu.h (GPL-2.0, 2010-2011) and its galcore
 *   driver: "4KB mode": a master TLB (MTLB) of 1024 entries, each for
 *   4 MiB, and slave TLBs (STLB) of 1024 entries of 4K pages:
 *     IOVA   [31:22] MTLB index, [21:12] STLB index, [11:0] offset
 *     MTLB   [31:6] STLB address, [3:2] page size (0: 4K), [1] exception,
 *            [0] present
 *     STLB   [31:12] PA[31:12], [11:4] PA[39:32] (the "address
 *            extension"), [2] writeable, [1] exception, [0] present
 *     table array entry: two words, the MTLB's address [31:12] with [0]
 *     the mode (0: 4KB mode; the MTLB then 4K-aligned), and PA[39:32]
 *     of the MTLB
 *     0x184 MMU configuration: [4] flush the MMU caches, unless [7]
 *           masks the flush
 *   NXP's i.MX 8M Plus NPU register header (the same MMU, from the
 *   reference manual): 0x388 MMU AHB control, [0] enables the MMU;
 *   0x38c / 0x390 table array base, low word / [7:0] PA[39:32]
 *
 * Which array entry the codec uses is not published (its reviewers asked
 * and were not told); the driver fills entry 0 only, and the walker
 * walks entry 0.  0x1ac, 0x380 and 0x384 (the driver's CONFIG1,
 * exception enable / fault address, interrupt status) have no public
 * description: the model keeps what is written there and checks
 * nothing of it.
 *
 * The walk is not coherent: entries reach the device through DMA syncs.
 * Every page entry maps 4K, and a present entry is always readable.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_TABLES, F_CREATE_FAIL, NR_FIELDS };

/* The driver's tables are GFP_DMA32: below 4 GiB. */
static const char *const tables_names[] = { "1g", "3g" };
static const uint64_t tables_values[] = { 1ULL << 30, 3ULL << 30 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.instances = 1,
		.pgsize_bitmap = 1 << 12,
		.ias = 32,
		.oas = 40,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define VSI_PAGE	0x1000ULL
#define VSI_STLB_LG2	22	/* a slave table maps 1024 4K pages */

/*
 * vsi_iommu_map(): one 4K PTE whatever the count (the driver publishes
 * SZ_4K only), the IOVA truncated to 32 bits, PA[39:12] kept.  A missing
 * slave table for the IOVA's 4M is one allocation (a failure is -ENOMEM,
 * nothing written).  Over a valid PTE nothing is written: the contract's
 * -EEXIST; the code returns (0u - 1) * 4096 (known finding
 * vsi-map-busy-returns-4096).
 */
static int vsi_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t pgsize, uint64_t count, int prot,
			 uint64_t *mapped)
{
	uint64_t at = iova & 0xffffffffULL;
	uint64_t table = at & ~((1ULL << VSI_STLB_LG2) - 1);
	struct pt_leaf l;

	if (!model_has_table(m, table, VSI_STLB_LG2)) {
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, table, VSI_STLB_LG2);
	}
	if (model_lookup(m, at))
		return -EEXIST;
	l = model_new_leaf(m, at, VSI_PAGE, pa & 0xfffffff000ULL, prot);
	model_add_leaf(m, &l);
	*mapped += VSI_PAGE;
	return 0;
}

/*
 * vsi_iommu_unmap(): nothing without a slave table or at an invalid PTE;
 * else one PTE cleared, 4K.  Slave tables stay until the domain goes.
 */
static uint64_t vsi_unmap_pages(struct model *m, uint64_t iova,
				uint64_t pgsize, uint64_t count)
{
	uint64_t at = iova & 0xffffffffULL;

	if (!model_has_table(m, at & ~((1ULL << VSI_STLB_LG2) - 1),
			     VSI_STLB_LG2) || !model_lookup(m, at))
		return 0;
	model_remove_leaves(m, at, at + (VSI_PAGE - 1));
	return VSI_PAGE;
}

static const struct model_impl vsi_impl = {
	.map_pages	= vsi_map_pages,
	.unmap_pages	= vsi_unmap_pages,
	.alias		= drv_alias32,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	drv_predict(ts, d, VSI_PAGE, 0xffffffffULL, &vsi_impl);
}

/* No read bit: a present page is readable whatever the map asked. */
static int access_of(const struct target_setup *ts, int prot)
{
	return MODEL_PROT_READ | (prot & MODEL_PROT_WRITE);
}

/* Device model ------------------------------------------------------------- */

#define IOMMU_BASE	0xfdca0000ULL
#define IOMMU_SIZE	0x600

enum {
	MMU_CONFIGURATION = 0x184, CONFIG1 = 0x1ac, AHB_EXCEPTION = 0x380,
	AHB_STATUS = 0x384, AHB_CONTROL = 0x388, TABLE_ARRAY_LOW = 0x38c,
	TABLE_ARRAY_HIGH = 0x390,
};

#define CONF_FLUSH		(1u << 4)
#define CONF_MASK_FLUSH		(1u << 7)
#define CONTROL_ENABLE		(1u << 0)

struct vsi_hw {
	bool mapped;
	uint32_t configuration, config1, exception, control;
	uint32_t array_low, array_high;
};

static struct vsi_hw vsi[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	memset(vsi, 0, sizeof(vsi));
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != IOMMU_BASE || size != IOMMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the IOMMU",
			     (unsigned long long)phys, (unsigned long long)size);
	vsi[hw->twin] = (struct vsi_hw){ .mapped = true };
}

/* The register offset of @phys, or -1 (and a protocol finding). */
static int reg_of(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint64_t off = phys - IOMMU_BASE;

	if (vsi[hw->twin].mapped && phys >= IOMMU_BASE && off < IOMMU_SIZE &&
	    bytes == 4 && !(off & 3))
		return (int)off;
	hw->protocol(hw, "%d-byte access at 0x%llx: no IOMMU register there",
		     bytes, (unsigned long long)phys);
	return -1;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct vsi_hw *d = &vsi[hw->twin];
	int off = reg_of(hw, phys, bytes);

	switch (off) {
	case -1:
		return 0;
	case MMU_CONFIGURATION:
		return d->configuration;
	case AHB_CONTROL:
		return d->control;
	case TABLE_ARRAY_LOW:
		return d->array_low;
	case TABLE_ARRAY_HIGH:
		return d->array_high;
	case AHB_EXCEPTION:
	case AHB_STATUS:
		return 0;	/* no faults: ptfuzz drives no DMA */
	default:
		hw->protocol(hw, "read of IOMMU register 0x%x", off);
		return 0;
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct vsi_hw *d = &vsi[hw->twin];
	int off = reg_of(hw, phys, bytes);

	switch (off) {
	case -1:
		break;
	case MMU_CONFIGURATION:
		if ((val & (CONF_FLUSH | CONF_MASK_FLUSH)) == CONF_FLUSH)
			ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		d->configuration = val & ~CONF_FLUSH;
		break;
	case CONFIG1:
		d->config1 = val;
		break;
	case AHB_EXCEPTION:
		d->exception = val;
		break;
	case AHB_STATUS:
		break;		/* written to clear the interrupt */
	case AHB_CONTROL:
		d->control = val;
		break;
	case TABLE_ARRAY_LOW:
		d->array_low = val;
		break;
	case TABLE_ARRAY_HIGH:
		d->array_high = val;
		break;
	default:
		hw->protocol(hw, "write of 0x%x to IOMMU register 0x%x", val, off);
	}
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/* The MTLB that table array entry 0 selects, in 4KB mode. */
static uint64_t master_tlb(const struct hw_ctx *hw, const struct vsi_hw *d)
{
	uint64_t array = d->array_low | (uint64_t)(d->array_high & 0xff) << 32;
	const uint32_t *entry;
	uint64_t mtlb;

	if (!(d->control & CONTROL_ENABLE))
		hw->error(hw, "the MMU is not enabled (AHB control 0x%x)",
			  d->control);
	if (array & 7)
		hw->error(hw, "table array at 0x%llx is not 8-byte aligned",
			  (unsigned long long)array);
	entry = drv_table32(hw, array, 2);
	if (!entry)
		return 0;
	mtlb = (entry[0] & ~0xfffu) | (uint64_t)(entry[1] & 0xff) << 32;
	if (entry[0] & 1)
		hw->error(hw, "table array entry 0 (0x%08x) selects 1KB mode",
			  entry[0]);
	if (entry[0] & 0xffe)
		hw->error(hw, "table array entry 0 (0x%08x): the 4KB-mode MTLB must be 4K-aligned",
			  entry[0]);
	if (entry[1] >> 8)
		hw->error(hw, "table array entry 0's upper word 0x%08x has bits past PA[39:32]",
			  entry[1]);
	return mtlb;
}

/* A present STLB entry: [31:12] PA[31:12], [11:4] PA[39:32]. */
static void page(const struct hw_ctx *hw, uint32_t e, uint64_t va)
{
	uint64_t pa = (e & 0xfffff000u) | drv_bits(e, 11, 4) << 32;

	if (e & 0xa)
		hw->error(hw, "STLB entry 0x%08x for 0x%llx has %s set", e,
			  (unsigned long long)va,
			  e & 2 ? "the exception bit" : "reserved bit 3");
	drv_leaf(hw, va, 1 << 12, pa,
		 MODEL_PROT_READ | (e & 4 ? MODEL_PROT_WRITE : 0));
}

static void walk_stlb(const struct hw_ctx *hw, uint32_t m, uint64_t base,
		      uint64_t lo, uint64_t hi)
{
	const uint32_t *stlb;
	unsigned int first = lo > base ? (unsigned int)((lo - base) >> 12) : 0;
	unsigned int last = hi - base >= (1u << 22) ? 1023 :
			    (unsigned int)((hi - base) >> 12);

	if (m & 0x3e)
		hw->error(hw, "MTLB entry 0x%08x for 0x%llx: %s", m,
			  (unsigned long long)base,
			  m & 2 ? "the exception bit is set" :
			  m & 0xc ? "not a 4K-page STLB" : "reserved bits 5:4 set");
	stlb = drv_table32(hw, m & ~0x3fu, 1024);
	if (!stlb)
		return;
	for (unsigned int i = first; i <= last; i++)
		if (stlb[i] & 1)
			page(hw, stlb[i], base + ((uint64_t)i << 12));
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct vsi_hw *d = &vsi[hw->twin];
	const uint32_t *mtlb = drv_table32(hw, master_tlb(hw, d), 1024);

	if (!mtlb || lo > 0xffffffffULL)
		return;
	if (hi > 0xffffffffULL)
		hi = 0xffffffffULL;
	for (unsigned int i = lo >> 22; i <= hi >> 22; i++) {
		if (!(mtlb[i] & 1))
			continue;
		hw->table(hw, mtlb[i] & ~0x3fu, (uint64_t)i << 22, 22);
		walk_stlb(hw, mtlb[i], (uint64_t)i << 22, lo, hi);
	}
}

static bool driver_config(const struct target_setup *ts)
{
	return true;
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const unsigned int class_fields[] = { F_TABLES };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "tables-%s",
		 ts->table_base[PTF_TWIN_BASE] >> 31 ? "3g" : "1g");
}

static const struct target vsi_target = {
	.name		= "vsi",
	.summary	= "vsi-iommu: VeriSilicon IOMMU (RK3588 AV1), a two-level 4K table",
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

const struct target *const ptf_target = &vsi_target;
