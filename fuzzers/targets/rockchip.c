// SPDX-License-Identifier: GPL-2.0
/*
 * rockchip: rockchip-iommu, the Rockchip IOMMU of RK3288-class SoCs (v1,
 * "rockchip,iommu", 32-bit physical addresses) and of RK3568-class SoCs
 * (v2, "rockchip,rk3568-iommu", 40-bit physical addresses packed into
 * the low bits of the 32-bit entries), with one or more MMU register banks.
 *
 * The device model and the walker follow the format and register
 * descriptions of the Rockchip TRM's IOMMU chapter:
 *
 *   IOVA     [31:22] directory index, [21:12] table index, [11:0] offset
 *   DTE      [31:12] PA[31:12] of a 1024-entry page table, [0] valid;
 *            v1: [11:1] reserved; v2: [11:8] PA[35:32], [7:4] PA[39:36],
 *            [3:1] reserved
 *   PTE      [31:12] PA[31:12] of a 4K page, [2] writable, [1] readable,
 *            [0] valid; v1: [8:3] cache attributes, [11:9] reserved;
 *            v2: [11:8] PA[35:32], [7:4] PA[39:36], [3] security
 *   MMU_DTE_ADDR   the directory's address, packed as a DTE (v1 keeps
 *                  bits [31:12], v2 bits [31:4]); changed only while the
 *                  bank is stalled or not paging
 *   MMU_COMMAND    0 enable paging, 1 disable paging, 2 enable stall (only
 *                  while paging), 3 disable stall, 4 zap the whole TLB,
 *                  5 page fault done, 6 force reset (only while stalled)
 *   MMU_ZAP_ONE_LINE  drop the TLB line translating the written IOVA
 *
 * Each bank has its own TLB: a leaf that changes must be zapped in all.
 * The table walk is not coherent: entries become visible with a DMA sync.
 *
 * Every PTE maps 4K: the driver writes a map of 4K..4M as a run of 4K
 * PTEs, so the model's leaves are 4K (docs/patches.md: the length is 4K).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_VERSION, F_BANKS, F_TABLES, F_RESET, F_CREATE_FAIL, NR_FIELDS };

static const char *const version_names[] = { "v1", "v2" };
static const uint64_t version_values[] = { 0, 1 };
static const char *const banks_names[] = { "1", "2" };
static const uint64_t banks_values[] = { 1, 2 };
/* Tables below 4 GiB (v1's GFP_DMA32), or above 64 GiB (v2 only). */
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 0x1a40000000ULL };
/* "rockchip,disable-mmu-reset" in the device tree. */
static const char *const reset_names[] = { "yes", "no" };
static const uint64_t reset_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_VERSION]	= { "version", FIELD(version_names, version_values) },
	[F_BANKS]	= { "banks", FIELD(banks_names, banks_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	[F_RESET]	= { "reset", FIELD(reset_names, reset_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	bool v2 = cfg->v[F_VERSION];

	/* v1 allocates its tables with GFP_DMA32. */
	if (!v2 && cfg->v[F_TABLES] >> 32)
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = v2,
		.instances = (unsigned int)cfg->v[F_BANKS],
		.quirks = (unsigned int)cfg->v[F_RESET],
		/* What the driver publishes: any size one page table holds. */
		.pgsize_bitmap = 0x007ff000,
		.ias = 32,
		.oas = v2 ? 40 : 32,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define RK_PGSIZES	0x007ff000ULL	/* 4K..4M: what one page table holds */
#define RK_TABLE_LG2	22		/* a page table maps 1024 4K pages */
#define RK_PAGE		0x1000ULL

static bool rk_v2;	/* the model's hardware: predict() sets it */

/* The PA a PTE keeps: v1 bits [31:12] (rk_mk_pte()), v2 bits [39:12]. */
static uint64_t rk_pte_pa(uint64_t pa)
{
	return pa & (rk_v2 ? 0xfffffff000ULL : 0xfffff000ULL);
}

/*
 * rk_iommu_map(): the IOVA truncated to 32 bits (dma_addr_t indexes), the
 * page table of its 4M allocated if there is none (one allocation; a
 * failure is -ENOMEM), then @pgsize / 4K PTEs whatever the count; a valid
 * PTE among them is -EADDRINUSE, after the ones this call wrote are
 * cleared again.  It reports @pgsize mapped.
 */
static int rk_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			uint64_t pgsize, uint64_t count, int prot,
			uint64_t *mapped)
{
	uint64_t at = iova & 0xffffffffULL, n = pgsize / RK_PAGE;
	uint64_t table = at & ~((1ULL << RK_TABLE_LG2) - 1);
	static struct pt_leaf run[1024];
	const struct pt_leaf *l;

	if (!model_has_table(m, table, RK_TABLE_LG2)) {
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, table, RK_TABLE_LG2);
	}
	if (model_leaves_in(m, at, at + (pgsize - 1), &l))
		return -EADDRINUSE;
	for (uint64_t i = 0; i < n; i++)
		run[i] = model_new_leaf(m, at + i * RK_PAGE, RK_PAGE,
					rk_pte_pa(pa + i * RK_PAGE), prot);
	model_add_leaves(m, run, n);
	*mapped += pgsize;
	return 0;
}

/*
 * rk_iommu_unmap(): nothing without a page table; else the PTEs from the
 * IOVA up to @pgsize / 4K of them or the first invalid one, cleared and
 * reported.  Page tables stay until the domain goes.
 */
static uint64_t rk_unmap_pages(struct model *m, uint64_t iova,
			       uint64_t pgsize, uint64_t count)
{
	uint64_t at = iova & 0xffffffffULL, n = 0;

	if (!model_has_table(m, at & ~((1ULL << RK_TABLE_LG2) - 1),
			     RK_TABLE_LG2))
		return 0;
	while (n < pgsize / RK_PAGE && model_lookup(m, at + n * RK_PAGE))
		n++;
	if (n)
		model_remove_leaves(m, at, at + (n * RK_PAGE - 1));
	return n * RK_PAGE;
}

static const struct model_impl rk_impl = {
	.map_pages	= rk_map_pages,
	.unmap_pages	= rk_unmap_pages,
	.alias		= drv_alias32,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	rk_v2 = ts->pt.variant;
	drv_predict(ts, d, RK_PGSIZES, 0xffffffffULL, &rk_impl);
}

static int access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/* Device model ------------------------------------------------------------- */

#define MMU_BASE	0xff914000ULL	/* where the glue puts the banks */
#define MMU_STRIDE	0x1000
#define MMU_SIZE	0x100
#define MAX_BANKS	4

enum {
	DTE_ADDR = 0x00, STATUS = 0x04, COMMAND = 0x08, PAGE_FAULT_ADDR = 0x0c,
	ZAP_ONE_LINE = 0x10, INT_RAWSTAT = 0x14, INT_CLEAR = 0x18,
	INT_MASK = 0x1c, INT_STATUS = 0x20, AUTO_GATING = 0x24,
};

#define ST_PAGING	(1u << 0)
#define ST_STALL	(1u << 2)
#define ST_IDLE		(1u << 3)
#define ST_REPLAY_EMPTY	(1u << 4)
#define ST_STALL_NOT	(1u << 31)

struct bank {
	bool mapped;
	uint32_t dte_addr, int_mask, auto_gating;
	bool paging, stall;
};

struct rk_hw {
	bool v2;
	unsigned int nr_banks;
	struct bank bank[MAX_BANKS];
};

static struct rk_hw rk[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		rk[tw] = (struct rk_hw){
			.v2 = ts->pt.variant,
			.nr_banks = ts->pt.instances,
		};
}

static struct bank *bank_of(const struct hw_ctx *hw, uint64_t phys,
			    uint32_t *off)
{
	struct rk_hw *d = &rk[hw->twin];
	int b = drv_bank(phys, MMU_BASE, MMU_STRIDE, d->nr_banks, MMU_SIZE, off);

	if (b < 0 || !d->bank[b].mapped) {
		hw->protocol(hw, "access at 0x%llx: no MMU bank there",
			     (unsigned long long)phys);
		b = 0;
	}
	return &d->bank[b];
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct rk_hw *d = &rk[hw->twin];
	uint32_t off;
	int b = drv_bank(phys, MMU_BASE, MMU_STRIDE, d->nr_banks, MMU_SIZE, &off);

	if (b < 0 || off || size != MMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not an MMU bank",
			     (unsigned long long)phys, (unsigned long long)size);
	/* Out of reset: the auto-gating register's bit 31 reads as 1. */
	d->bank[b] = (struct bank){ .mapped = true, .auto_gating = 1u << 31 };
}

static uint32_t status_of(const struct bank *b)
{
	return (b->paging ? ST_PAGING : 0) | (b->stall ? ST_STALL : ST_STALL_NOT) |
	       ST_IDLE | ST_REPLAY_EMPTY;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint32_t off;
	struct bank *b = bank_of(hw, phys, &off);

	switch (bytes == 4 ? off : ~0u) {
	case DTE_ADDR:
		return b->dte_addr;
	case STATUS:
		return status_of(b);
	case INT_MASK:
		return b->int_mask;
	case AUTO_GATING:
		return b->auto_gating;
	case PAGE_FAULT_ADDR:
	case INT_RAWSTAT:
	case INT_STATUS:
		return 0;	/* no faults: ptfuzz drives no DMA */
	default:
		hw->protocol(hw, "%d-byte read of MMU register 0x%x", bytes, off);
		return 0;
	}
}

static void command(const struct hw_ctx *hw, struct bank *b, int nr,
		    uint32_t cmd)
{
	switch (cmd) {
	case 0:
		b->paging = true;
		break;
	case 1:
		b->paging = false;
		break;
	case 2:
		/* Stall only takes effect while paging. */
		b->stall = b->paging;
		break;
	case 3:
		b->stall = false;
		break;
	case 4:
		ptf_rt_iotlb_inval_unit(nr, PTF_INVAL_ALL, 0, 0);
		break;
	case 5:
		break;
	case 6:
		if (b->paging && !b->stall)
			hw->protocol(hw, "MMU bank %d: force reset while paging and not stalled",
				     nr);
		*b = (struct bank){ .mapped = true, .auto_gating = b->auto_gating };
		ptf_rt_iotlb_inval_unit(nr, PTF_INVAL_ALL, 0, 0);
		break;
	default:
		hw->protocol(hw, "MMU bank %d: command %u does not exist", nr, cmd);
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	uint32_t off;
	struct bank *b = bank_of(hw, phys, &off);
	int nr = (int)(b - rk[hw->twin].bank);

	if (bytes != 4)
		hw->protocol(hw, "%d-byte write of MMU register 0x%x", bytes, off);
	switch (off) {
	case DTE_ADDR:
		if (b->paging && !b->stall)
			hw->protocol(hw, "MMU bank %d: DTE_ADDR written while paging and not stalled",
				     nr);
		b->dte_addr = val & (rk[hw->twin].v2 ? 0xfffffff0u : 0xfffff000u);
		break;
	case COMMAND:
		command(hw, b, nr, val);
		break;
	case ZAP_ONE_LINE:
		ptf_rt_iotlb_inval_unit(nr, PTF_INVAL_ENTRY, val & ~0xfffULL, 0);
		break;
	case INT_MASK:
		b->int_mask = val;
		break;
	case INT_CLEAR:
		break;
	case AUTO_GATING:
		b->auto_gating = val;
		break;
	default:
		hw->protocol(hw, "write of 0x%x to MMU register 0x%x", val, off);
	}
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return rk[hw->twin].nr_banks;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

/* A table or page address of a v2 entry: [31:12], [11:8] -> 35:32, [7:4] -> 39:36. */
static uint64_t v2_address(uint32_t e)
{
	return (e & 0xfffff000u) | drv_bits(e, 11, 8) << 32 |
	       drv_bits(e, 7, 4) << 36;
}

static uint64_t address_of(const struct rk_hw *d, uint32_t e)
{
	return d->v2 ? v2_address(e) : e & 0xfffff000u;
}

/* The directory every paging bank walks; all must agree. */
static uint64_t directory(const struct hw_ctx *hw, const struct rk_hw *d)
{
	uint64_t dt = 0;

	for (unsigned int i = 0; i < d->nr_banks; i++) {
		const struct bank *b = &d->bank[i];
		uint64_t a = address_of(d, b->dte_addr);

		if (!b->paging)
			hw->error(hw, "MMU bank %u is not translating (paging disabled)", i);
		if (i && a != dt)
			hw->error(hw, "MMU banks walk different directories: 0x%llx and 0x%llx",
				  (unsigned long long)dt, (unsigned long long)a);
		dt = a;
	}
	return dt;
}

/*
 * Bits a valid entry must have clear: reserved ones, and v2's security
 * bit (a secure page: the non-secure master would fault on it).
 */
static void check_reserved(const struct hw_ctx *hw, const struct rk_hw *d,
			   uint32_t e, bool pte, uint64_t va)
{
	uint32_t clear = pte ? (d->v2 ? 0x8 : 0xe00) : (d->v2 ? 0xe : 0xffe);

	if (e & clear)
		hw->error(hw, "%s 0x%08x for 0x%llx has reserved bits set",
			  pte ? "PTE" : "DTE", e, (unsigned long long)va);
}

static void walk_table(const struct hw_ctx *hw, const struct rk_hw *d,
		       uint64_t pt, uint64_t base, uint64_t lo, uint64_t hi)
{
	const uint32_t *ptes = drv_table32(hw, pt, 1024);
	unsigned int first = lo > base ? (unsigned int)((lo - base) >> 12) : 0;
	unsigned int last = hi - base >= (1u << 22) ? 1023 :
			    (unsigned int)((hi - base) >> 12);

	for (unsigned int i = first; i <= last; i++) {
		uint32_t e = ptes[i];
		uint64_t va = base + ((uint64_t)i << 12);

		if (!(e & 1))
			continue;
		check_reserved(hw, d, e, true, va);
		drv_leaf(hw, va, 1 << 12, address_of(d, e),
			 (e & 2 ? MODEL_PROT_READ : 0) |
			 (e & 4 ? MODEL_PROT_WRITE : 0));
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct rk_hw *d = &rk[hw->twin];
	const uint32_t *dt = drv_table32(hw, directory(hw, d), 1024);

	if (lo > 0xffffffffULL)
		return;
	if (hi > 0xffffffffULL)
		hi = 0xffffffffULL;
	for (unsigned int i = lo >> 22; i <= hi >> 22; i++) {
		uint64_t va = (uint64_t)i << 22;

		if (!(dt[i] & 1))
			continue;
		check_reserved(hw, d, dt[i], false, va);
		hw->table(hw, address_of(d, dt[i]), va, 22);
		walk_table(hw, d, address_of(d, dt[i]), va, lo, hi);
	}
}

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* each is an SoC the driver supports */
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const unsigned int class_fields[] = { F_VERSION, F_BANKS, F_TABLES, F_RESET };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/banks%u/tables-%s/reset-%s",
		 version_names[ts->pt.variant], ts->pt.instances,
		 ts->table_base[PTF_TWIN_BASE] >> 32 ? "high" : "low",
		 ts->pt.quirks ? "no" : "yes");
}

static const struct target rockchip = {
	.name		= "rockchip",
	.summary	= "rockchip-iommu: Rockchip IOMMU v1 (32-bit PA) and v2 (RK3568, 40-bit PA)",
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

const struct target *const ptf_target = &rockchip;
