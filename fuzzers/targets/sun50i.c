// SPDX-License-Identifier: GPL-2.0
/*
 * sun50i: sun50i-iommu, the IOMMU of the Allwinner H6 and H616, one
 * translation table shared by its six masters, 32-bit IOVAs and PAs.
 *
 * The device model and the walker follow the IOMMU chapter of the H6/H616
 * user manuals:
 *
 *   IOVA      [31:20] level-1 index, [19:12] level-2 index, [11:0] offset
 *   L1 entry  [31:10] base of a 256-entry level-2 table, [1:0] 01: valid
 *             (any other value is a fault)
 *   L2 entry  [31:12] base of a 4K page, [7:4] the permission domain
 *             (ACI), [1] valid; [11:8], [3:2], [0] reserved
 *   IOMMU_TTB_REG     level-1 table address, 16K aligned (bits 31:14),
 *                     written only while translation is off or every
 *                     master bypasses it
 *   IOMMU_DM_AUT_CTRL_REGn   per permission domain and master: read and
 *                     write "unavailable" bits; a page's access is its
 *                     domain's for the master
 *   IOMMU_TLB_FLUSH_ENABLE_REG  flush the PTW cache (bit 17), the macro
 *                     TLB (16) and each master's micro TLB (5:0); clears
 *                     itself when done
 *   IOMMU_TLB_IVLD_ADDR/_MASK/_ENABLE  invalidate the TLB entries whose
 *                     IOVA matches the address under the mask
 *   IOMMU_PC_IVLD_ADDR/_ENABLE  invalidate the PTW cache's entry (1M)
 *
 * The walker's access is what the permission registers the driver
 * programmed give the master, not what the driver meant by the ACI.  The
 * table walk is not coherent.  Every L2 entry maps 4K (the driver's page
 * size bitmap is 4K; it writes one entry per map_pages() call).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_SOC, F_MASTER, F_CREATE_FAIL, NR_FIELDS };

static const char *const soc_names[] = { "h6", "h616" };
static const uint64_t soc_values[] = { 0, 1 };
static const char *const master_names[] = { "0", "1", "2", "3", "4", "5" };
static const uint64_t master_values[] = { 0, 1, 2, 3, 4, 5 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_SOC]		= { "soc", FIELD(soc_names, soc_values) },
	[F_MASTER]	= { "master", FIELD(master_names, master_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = (unsigned int)cfg->v[F_SOC],
		.instances = (unsigned int)cfg->v[F_MASTER],
		.pgsize_bitmap = 1 << 12,
		.ias = 32,
		.oas = 32,
	};
	/* The driver's tables are GFP_DMA32: below 4 GiB. */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define SUN_TABLE_LG2	20	/* a level-2 table maps 256 4K pages */
#define SUN_PAGE	0x1000ULL

/*
 * sun50i_iommu_map(): one PTE whatever the count.  A PA past 32 bits is
 * -EINVAL; the IOVA is truncated to 32 bits by the index macros; a missing
 * level-2 table is allocated (kmem_cache, one allocation; then
 * dma_map_single(): -ENOMEM if either fails); a valid PTE is -EBUSY.
 */
static int sun_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t pgsize, uint64_t count, int prot,
			 uint64_t *mapped)
{
	uint64_t at = iova & 0xffffffffULL;
	uint64_t table = at & ~((1ULL << SUN_TABLE_LG2) - 1);
	struct pt_leaf leaf;

	if (pa >> 32)
		return -EINVAL;
	if (!model_has_table(m, table, SUN_TABLE_LG2)) {
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, table, SUN_TABLE_LG2);
	}
	if (model_lookup(m, at))
		return -EBUSY;
	leaf = model_new_leaf(m, at, SUN_PAGE, pa & 0xfffff000ULL, prot);
	model_add_leaf(m, &leaf);
	*mapped += pgsize;
	return 0;
}

/* sun50i_iommu_unmap(): one valid PTE cleared (4K), or 0 for a hole. */
static uint64_t sun_unmap_pages(struct model *m, uint64_t iova,
				uint64_t pgsize, uint64_t count)
{
	uint64_t at = iova & 0xffffffffULL;

	if (!model_has_table(m, at & ~((1ULL << SUN_TABLE_LG2) - 1),
			     SUN_TABLE_LG2) || !model_lookup(m, at))
		return 0;
	model_remove_leaves(m, at, at + (SUN_PAGE - 1));
	return SUN_PAGE;
}

static const struct model_impl sun_impl = {
	.map_pages	= sun_map_pages,
	.unmap_pages	= sun_unmap_pages,
	.alias		= drv_alias32,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	drv_predict(ts, d, SUN_PAGE, 0xffffffffULL, &sun_impl);
}

static int access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/* Device model ------------------------------------------------------------- */

#define IOMMU_BASE	0x030f0000ULL
#define IOMMU_SIZE	0x10000
#define NR_DOMAINS	16
#define NR_MASTERS	6

enum {
	RESET = 0x010, ENABLE = 0x020, BYPASS = 0x030, AUTO_GATING = 0x040,
	WBUF_CTRL = 0x044, OOO_CTRL = 0x048, BDY_PRT_CTRL = 0x04c,
	TTB = 0x050, TLB_ENABLE = 0x060, TLB_PREFETCH = 0x070,
	TLB_FLUSH = 0x080, TLB_IVLD_ADDR = 0x090, TLB_IVLD_MASK = 0x094,
	TLB_IVLD_ENABLE = 0x098, PC_IVLD_ADDR = 0x0a0, PC_IVLD_ENABLE = 0x0a8,
	DM_AUT_CTRL = 0x0b0,	/* 8 registers, two domains each */
	DM_AUT_OVWT = 0x0d0, INT_ENABLE = 0x100, INT_CLR = 0x104,
	INT_STA = 0x108, INT_ERR_ADDR = 0x110, INT_ERR_ADDR_L1 = 0x130,
	INT_ERR_ADDR_L2 = 0x134, INT_ERR_DATA = 0x150, L1PG_INT = 0x180,
	L2PG_INT = 0x184,
};

#define FLUSH_PTW	(1u << 17)
#define FLUSH_MACRO	(1u << 16)

struct sun_hw {
	bool mapped;
	unsigned int master;	/* the master the walk is for */
	uint32_t reg[IOMMU_SIZE / 4];
};

static struct sun_hw sun[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memset(&sun[tw], 0, sizeof(sun[tw]));
		sun[tw].master = ts->pt.instances;
	}
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct sun_hw *d = &sun[hw->twin];

	if (phys != IOMMU_BASE || size != IOMMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the IOMMU",
			     (unsigned long long)phys, (unsigned long long)size);
	memset(d->reg, 0, sizeof(d->reg));
	d->mapped = true;
	/* Out of reset every master's 4K boundary protection is on. */
	d->reg[BDY_PRT_CTRL / 4] = 0x7f;
}

static uint32_t reg_of(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint64_t off = phys - IOMMU_BASE;

	if (!sun[hw->twin].mapped || phys < IOMMU_BASE || off >= IOMMU_SIZE ||
	    bytes != 4 || off & 3)
		hw->protocol(hw, "%d-byte access at 0x%llx: not an IOMMU register",
			     bytes, (unsigned long long)phys);
	return (uint32_t)off;
}

static bool known_register(uint32_t off)
{
	if (off >= DM_AUT_CTRL && off < DM_AUT_CTRL + 8 * 4)
		return true;
	if ((off >= INT_ERR_ADDR && off < INT_ERR_ADDR + 8 * 4) ||
	    (off >= INT_ERR_DATA && off < INT_ERR_DATA + 8 * 4))
		return true;
	switch (off) {
	case RESET: case ENABLE: case BYPASS: case AUTO_GATING:
	case WBUF_CTRL: case OOO_CTRL: case BDY_PRT_CTRL: case TTB:
	case TLB_ENABLE: case TLB_PREFETCH: case TLB_FLUSH:
	case TLB_IVLD_ADDR: case TLB_IVLD_MASK: case TLB_IVLD_ENABLE:
	case PC_IVLD_ADDR: case PC_IVLD_ENABLE: case DM_AUT_OVWT:
	case INT_ENABLE: case INT_CLR: case INT_STA: case INT_ERR_ADDR_L1:
	case INT_ERR_ADDR_L2: case L1PG_INT: case L2PG_INT:
		return true;
	}
	return false;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint32_t off = reg_of(hw, phys, bytes);

	if (!known_register(off))
		hw->protocol(hw, "read of IOMMU register 0x%x", off);
	/* Flushes and invalidations complete at once: their bits read 0. */
	return sun[hw->twin].reg[off / 4];
}

/* The macro TLB and the master's micro TLB both flushed: nothing stale. */
static void tlb_flush(const struct hw_ctx *hw, uint32_t val)
{
	unsigned int m = sun[hw->twin].master;

	if ((val & FLUSH_MACRO) && (val & (1u << m)))
		ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
}

/* TLB entries (4K each) whose IOVA matches @addr under @mask. */
static void tlb_invalidate(const struct hw_ctx *hw, uint32_t addr,
			   uint32_t mask)
{
	uint64_t first = addr & mask & 0xfffff000u;
	uint32_t free_bits = ~mask & 0xfffff000u;

	if (!(free_bits & (free_bits + 0x1000))) {	/* low bits: one range */
		ptf_rt_iotlb_inval(PTF_INVAL_LEAF, first, free_bits + 0x1000ULL);
		return;
	}
	if (__builtin_popcount(free_bits) > 8)
		hw->protocol(hw, "TLB invalidation mask 0x%08x matches too many scattered pages",
			     mask);
	/* A mask with a hole matches scattered pages: each one. */
	for (uint64_t sub = free_bits;; sub = (sub - 1) & free_bits) {
		ptf_rt_iotlb_inval(PTF_INVAL_LEAF, first | sub, 1 << 12);
		if (!sub)
			break;
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct sun_hw *d = &sun[hw->twin];
	uint32_t off = reg_of(hw, phys, bytes);

	if (!known_register(off))
		hw->protocol(hw, "write of 0x%x to IOMMU register 0x%x", val, off);
	switch (off) {
	case TTB:
		if ((d->reg[ENABLE / 4] & 1) &&
		    (d->reg[BYPASS / 4] & 0x3f) != 0x3f)
			hw->protocol(hw, "IOMMU_TTB_REG written while translating");
		val &= 0xffffc000u;
		break;
	case TLB_FLUSH:
		tlb_flush(hw, val);
		val = 0;
		break;
	case TLB_IVLD_ENABLE:
		if (val & 1)
			tlb_invalidate(hw, d->reg[TLB_IVLD_ADDR / 4],
				       d->reg[TLB_IVLD_MASK / 4]);
		val = 0;
		break;
	case PC_IVLD_ENABLE:
		/* The PTW cache holds level-1 entries, not translations. */
		val = 0;
		break;
	case INT_CLR:
		val = 0;
		break;
	}
	d->reg[off / 4] = val;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/* What permission domain @aci gives the master. */
static int domain_access(const struct sun_hw *d, unsigned int aci)
{
	uint32_t r = d->reg[DM_AUT_CTRL / 4 + aci / 2];
	unsigned int bit = (aci & 1) * 16 + d->master * 2;

	return (r >> bit & 1 ? 0 : MODEL_PROT_READ) |
	       (r >> (bit + 1) & 1 ? 0 : MODEL_PROT_WRITE);
}

static void walk_l2(const struct hw_ctx *hw, const struct sun_hw *d,
		    uint64_t table, uint64_t base, uint64_t lo, uint64_t hi)
{
	const uint32_t *pte = drv_table32(hw, table, 256);
	unsigned int first = lo > base ? (unsigned int)drv_bits(lo, 19, 12) : 0;
	unsigned int last = hi - base >= (1u << 20) ? 255 :
			    (unsigned int)drv_bits(hi, 19, 12);

	for (unsigned int i = first; i <= last; i++) {
		uint32_t e = pte[i];
		uint64_t va = base + ((uint64_t)i << 12);

		if (!(e & 2))
			continue;
		if (e & 0xf0d)
			hw->error(hw, "L2 entry 0x%08x for 0x%llx has reserved bits set",
				  e, (unsigned long long)va);
		drv_leaf(hw, va, 1 << 12, e & 0xfffff000u,
			 domain_access(d, drv_bits(e, 7, 4)));
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct sun_hw *d = &sun[hw->twin];
	const uint32_t *dt;

	if (!(d->reg[ENABLE / 4] & 1) || d->reg[BYPASS / 4] >> d->master & 1)
		hw->error(hw, "the IOMMU does not translate for master %u (enable 0x%x, bypass 0x%x)",
			  d->master, d->reg[ENABLE / 4], d->reg[BYPASS / 4]);
	dt = drv_table32(hw, d->reg[TTB / 4], 4096);
	if (lo > 0xffffffffULL)
		return;
	if (hi > 0xffffffffULL)
		hi = 0xffffffffULL;
	for (unsigned int i = lo >> 20; i <= hi >> 20; i++) {
		uint32_t e = dt[i];
		uint64_t va = (uint64_t)i << 20;

		if ((e & 3) != 1)
			continue;
		if (e & 0x3fc)
			hw->error(hw, "L1 entry 0x%08x for 0x%llx has reserved bits set",
				  e, (unsigned long long)va);
		hw->table(hw, e & 0xfffffc00u, va, 20);
		walk_l2(hw, d, e & 0xfffffc00u, va, lo, hi);
	}
}

static bool driver_config(const struct target_setup *ts)
{
	return true;
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const unsigned int class_fields[] = { F_SOC, F_MASTER };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/master%u", soc_names[ts->pt.variant],
		 ts->pt.instances);
}

static const struct target sun50i = {
	.name		= "sun50i",
	.summary	= "sun50i-iommu: Allwinner H6/H616 IOMMU",
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

const struct target *const ptf_target = &sun50i;
