// SPDX-License-Identifier: GPL-2.0
/*
 * mtk_iommu: MediaTek's second-generation M4U (MT8173, MT8183, MT6779,
 * MT8192) on io-pgtable-arm-v7s tables with MediaTek's extension (4K,
 * 64K, 1M, 16M; PA[34:32] in descriptor bits 9, 4, 5; 34-bit IOVAs in a
 * 16K-entry first level), behind the SMI larbs of the multimedia masters.
 *
 * What the hardware does, as MediaTek describes it (the driver's own
 * comments are the one public description of the 4GB mode, the
 * mediatek,iommu.yaml binding and the SoCs' .dtsi files the rest):
 *
 *   4GB mode     MT8173's DRAM seen by the CPU at 1G-5G: the M4U outputs
 *                4G-8G, where 4G-5G is the DRAM at 4G-5G and 5G-8G the
 *                DRAM at 1G-4G; it cannot output below 4 GiB.  infracfg's
 *                REG_INFRA_MISC (0xf00) bit 13 says the DRAM is in it.
 *   PT_BASE      (0x000) the first-level table: PA[31:7], and PA[34:32] in
 *                bits 2:0 where the SoC walks 35-bit tables (MT6779)
 *   INVALIDATE   (0x020) 1: the range START_A-END_A, 2: everything, in the
 *                TLBs of the cells INV_SEL selects (bit 0 MMU0, bit 1 MMU1);
 *                there is no other invalidation, so a range drops the
 *                table pointers the cell cached for it as well as leaves
 *   START_A/END_A (0x024/0x028) the range's first and last page:
 *                VA[31:12], and VA[33:32] in bits 1:0 with 34-bit IOVAs
 *   INV_SEL      0x038 on MT8173 and MT8183, 0x02c on MT6779 and MT8192
 *   CPE_DONE     (0x12c) set when a range invalidation completed; cleared
 *                by writing 0
 *   control      MISC_CTRL 0x048, DCM_DIS 0x050, WR_LEN_CTRL 0x054,
 *                CTRL_REG 0x110, IVRP_PADDR 0x114, VLD_PA_RNG 0x118,
 *                INT_CONTROL0 0x120, INT_MAIN_CONTROL 0x124; the fault
 *                registers 0x134-0x154 (no faults: ptfuzz drives no DMA)
 *
 * The M4U checks no permissions (the tables are made with NO_PERMS) and
 * has no TEX remap: the memory type of a transaction is the master's, not
 * the descriptor's, and is not compared.  Its tables are walked through a
 * non-coherent interconnect.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"
#include "v7s_model.h"
#include "v7s_walk.h"

enum { F_SOC, F_DRAM, F_MASTER, F_PORTS, F_CREATE_FAIL, NR_FIELDS };

/* The glue's ptf_pt_config.variant and quirks (fuzzers/twins/drivers/mtk_iommu.c). */
enum { MT8173, MT8183, MT6779, MT8192, NR_SOCS };
#define DRAM_4GB	(1u << 0)
#define MASTER(quirks)	(((quirks) >> 1) & 3)

static const char *const soc_names[] = { "mt8173", "mt8183", "mt6779", "mt8192" };
static const uint64_t soc_values[] = { MT8173, MT8183, MT6779, MT8192 };
static const char *const dram_names[] = { "normal", "4gb" };
static const uint64_t dram_values[] = { 0, DRAM_4GB };
/* MT8192: larb 0 (region 0), 4 (1), 2 (2), 13 port 9 (4, CCU0). */
static const char *const master_names[] = { "larb0", "larb4", "larb2", "ccu0" };
static const uint64_t master_values[] = { 0, 1, 2, 3 };
static const char *const ports_names[] = { "1", "2" };
static const uint64_t ports_values[] = { 1, 2 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_SOC]		= { "soc", FIELD(soc_names, soc_values) },
	[F_DRAM]	= { "dram", FIELD(dram_names, dram_values) },
	[F_MASTER]	= { "master", FIELD(master_names, master_values) },
	[F_PORTS]	= { "ports", FIELD(ports_names, ports_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

#define SZ_1G		(1ULL << 30)
#define SZ_4G		(1ULL << 32)
#define PGSIZES		((1 << 12) | (1 << 16) | (1 << 20) | (1 << 24))

struct mtk_soc {
	unsigned int ias;		/* IOVA bits the M4U translates */
	unsigned int oas;		/* output bits (MT8173: 33 in 4GB mode) */
	bool table_35;			/* walks tables above 4 GiB */
	uint64_t base;			/* the M4U's registers */
	uint32_t inv_sel;		/* the invalidation select's offset */
};

static const struct mtk_soc socs[NR_SOCS] = {
	[MT8173] = { 32, 32, false, 0x10205000, 0x038 },
	[MT8183] = { 32, 35, false, 0x10205000, 0x038 },
	[MT6779] = { 32, 35, true, 0x10205000, 0x02c },
	[MT8192] = { 34, 35, false, 0x1401d000, 0x02c },
};

#define INFRACFG_BASE	0x10001000ULL	/* MT8173's */
#define INFRA_MISC	0xf00
#define DDR_4GB_EN	(1u << 13)

/* The IOVA regions of MT8192's masters, 8 MiB short of 4 GiB each. */
static const uint64_t region_first[] = { 0, SZ_4G, 2 * SZ_4G, 0x240000000ULL };
static const uint64_t region_size[] = {
	SZ_4G - (8 << 20), SZ_4G - (8 << 20), SZ_4G - (8 << 20), 0x4000000,
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	unsigned int soc = (unsigned int)cfg->v[F_SOC];
	unsigned int master = (unsigned int)cfg->v[F_MASTER];
	bool dram_4gb = cfg->v[F_DRAM] & DRAM_4GB;

	if ((dram_4gb && soc != MT8173) || (master && soc != MT8192))
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = soc,
		.instances = (unsigned int)cfg->v[F_PORTS],
		.quirks = (unsigned int)cfg->v[F_DRAM] | master << 1,
		.pgsize_bitmap = PGSIZES,
		.ias = socs[soc].ias,
		.oas = dram_4gb ? 33 : socs[soc].oas,
	};
	ts->iova_first = region_first[master];
	ts->iova_last = region_first[master] + region_size[master] - 1;
	/* MT6779 walks 35-bit tables: io-pgtable's may then sit above 4 GiB. */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		socs[soc].table_35 ? 1ULL << 33 : 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model ------------------------------------------------------------------ */

/* The CPU address of what the M4U outputs at @bus in 4GB mode. */
static uint64_t dram_of_bus(uint64_t bus)
{
	return bus >= SZ_4G + SZ_1G ? bus - SZ_4G : bus;
}

static const struct model_impl *v7s_impl;	/* v7s_model.c's */

/*
 * In 4GB mode each CPU page p is reached at bus address p | BIT(32) (the
 * DRAM, at 1G-5G, at 4G-8G: region A, the I/O below 1G, cannot be
 * reached, and is DRAM at 4G-5G instead); io-pgtable is then asked for
 * bus addresses and refuses those past its 33 bits.  That mapping changes
 * at CPU 1G, 4G and 5G: a call is the table's call of each piece.
 */
static uint64_t next_bound(uint64_t pa)
{
	static const uint64_t bounds[] = { SZ_1G, SZ_4G, SZ_4G + SZ_1G };

	for (unsigned int i = 0; i < 3; i++)
		if (pa < bounds[i])
			return bounds[i];
	return UINT64_MAX;
}

static int map_pages_4gb(struct model *m, uint64_t iova, uint64_t pa,
			 uint64_t pgsize, uint64_t count, int prot,
			 uint64_t *mapped)
{
	while (count) {
		uint64_t n = count, next = next_bound(pa);
		uint64_t out = pa >> 33 ? pa : dram_of_bus(pa | SZ_4G);
		int ret;

		if (next != UINT64_MAX && (next - pa) / pgsize < n)
			n = (next - pa) / pgsize;
		ret = v7s_impl->map_pages(m, iova, out, pgsize, n, prot, mapped);
		if (ret)
			return ret;
		iova += n * pgsize;
		pa += n * pgsize;
		count -= n;
	}
	return 0;
}

/* io-pgtable-arm-v7s's semantics with the 4GB mode's map_pages(). */
static struct model_impl impl_4gb;

/*
 * mtk_iommu_domain_finalise(): an io-pgtable-arm-v7s table with NS,
 * NO_PERMS and MTK_EXT (and MTK_TTBR_EXT on 35-bit table SoCs), the
 * SoC's IAS, an OAS of 32 (33 in 4GB mode) where the SoC has the 4GB
 * mode and 35 elsewhere, the four page sizes; the geometry is the
 * master's IOVA region (which nothing enforces on map: the core does not
 * check the geometry, and the table spans the whole IAS).  The probe
 * allocates through the driver core too: which allocation of a creation
 * fails is not predicted.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct mtk_soc *soc = &socs[ts->pt.variant];
	struct ptf_pt_config pc = {
		.fmt = PTF_FMT_ARM_V7S,
		.quirks = PTF_QUIRK_ARM_NS | PTF_QUIRK_NO_PERMS |
			  PTF_QUIRK_ARM_MTK_EXT,
		.pgsize_bitmap = PGSIZES,
		.ias = soc->ias,
		.oas = ts->pt.oas,
	};

	if (soc->table_35)
		pc.quirks |= PTF_QUIRK_ARM_MTK_TTBR_EXT;
	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	v7s_model_predict(&pc, ts->table_base[PTF_TWIN_CAND], d);
	d->incoherent = true;
	/* The driver's aperture; its table (the model's) translates all 2^ias. */
	d->info.va_first = ts->iova_first;
	d->info.va_last = ts->iova_last;
	d->info.ias = 64 - (unsigned int)__builtin_clzll(ts->iova_last);
	v7s_impl = d->impl;
	if (d->accepted && (ts->pt.quirks & DRAM_4GB)) {
		impl_4gb = *v7s_impl;
		impl_4gb.map_pages = map_pages_4gb;
		d->impl = &impl_4gb;
	}
}

/* Every access; the memory type is the master's. */
static int access_of(const struct target_setup *ts, int prot)
{
	return v7s_access_of(PTF_QUIRK_NO_PERMS, prot) &
	       ~(HW_MEM_CACHED | HW_MEM_DEVICE);
}

/* Device model ------------------------------------------------------------- */

enum {
	PT_BASE = 0x000, INVALIDATE = 0x020, START_A = 0x024, END_A = 0x028,
	INV_SEL_GEN2 = 0x02c, INV_SEL_GEN1 = 0x038, MISC_CTRL = 0x048,
	DCM_DIS = 0x050, WR_LEN_CTRL = 0x054, CTRL_REG = 0x110,
	IVRP_PADDR = 0x114, VLD_PA_RNG = 0x118, INT_CONTROL0 = 0x120,
	INT_MAIN_CONTROL = 0x124, CPE_DONE = 0x12c, FAULT_FIRST = 0x134,
	FAULT_LAST = 0x154,
};

#define M4U_SIZE	0x1000
#define INV_RANGE	0x1
#define INV_ALL		0x2
#define NR_CELLS	2		/* MMU0 and MMU1, a TLB each */
#define RANGE_START	1u
#define RANGE_END	2u

struct m4u {
	bool mapped, infracfg_mapped;
	uint32_t reg[M4U_SIZE / 4];
	unsigned int range_set;		/* RANGE_START | RANGE_END since the last range */
	bool cpe_done;
};

static struct m4u m4u[PTF_NR_TWINS];
static unsigned int cur_soc;
static bool cur_4gb;

static void hw_reset(const struct target_setup *ts)
{
	memset(m4u, 0, sizeof(m4u));
	cur_soc = ts->pt.variant;
	cur_4gb = ts->pt.quirks & DRAM_4GB;
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct m4u *d = &m4u[hw->twin];
	bool infracfg = d->infracfg_mapped;

	if (cur_soc == MT8173 && phys == INFRACFG_BASE && size == 0x1000) {
		d->infracfg_mapped = true;
		return;
	}
	if (phys != socs[cur_soc].base || size != M4U_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the M4U",
			     (unsigned long long)phys, (unsigned long long)size);
	/* Power-on values: every register 0. */
	*d = (struct m4u){ .mapped = true, .infracfg_mapped = infracfg };
}

/* An access of @bytes at @phys: the M4U register's offset, or -1 (infracfg). */
static int64_t m4u_reg(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct m4u *d = &m4u[hw->twin];
	uint64_t base = socs[cur_soc].base;

	if (d->infracfg_mapped && phys >= INFRACFG_BASE &&
	    phys < INFRACFG_BASE + 0x1000)
		return -1;
	if (!d->mapped || phys < base || phys - base >= M4U_SIZE || (phys & 3) ||
	    bytes != 4)
		hw->protocol(hw, "%d-byte access at 0x%llx: no M4U register there",
			     bytes, (unsigned long long)phys);
	return (int64_t)((phys - base) & (M4U_SIZE - 4));
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	struct m4u *d = &m4u[hw->twin];
	int64_t off = m4u_reg(hw, phys, bytes);

	if (off < 0) {
		if (phys - INFRACFG_BASE != INFRA_MISC)
			hw->protocol(hw, "read of infracfg register 0x%llx",
				     (unsigned long long)(phys - INFRACFG_BASE));
		return cur_4gb ? DDR_4GB_EN : 0;
	}
	if (off == CPE_DONE)
		return d->cpe_done;
	if (off >= FAULT_FIRST && off <= FAULT_LAST)
		return 0;
	return d->reg[off / 4];
}

/* START_A / END_A: the page they name. */
static uint64_t range_page(uint32_t v)
{
	uint64_t va = v & 0xfffff000u;

	if (socs[cur_soc].ias > 32)
		va |= (uint64_t)(v & 3) << 32;
	return va;
}

/* An invalidation, in each cell's TLB INV_SEL selects. */
static void invalidate(const struct hw_ctx *hw, struct m4u *d, uint32_t cmd)
{
	uint32_t sel = d->reg[socs[cur_soc].inv_sel / 4];
	uint64_t first = range_page(d->reg[START_A / 4]);
	uint64_t last = range_page(d->reg[END_A / 4]);

	if (cmd != INV_RANGE && cmd != INV_ALL) {
		hw->protocol(hw, "M4U: invalidation command 0x%x", cmd);
		return;
	}
	if (cmd == INV_RANGE && d->range_set != (RANGE_START | RANGE_END))
		hw->protocol(hw, "M4U: a range invalidation without START_A and END_A programmed");
	for (unsigned int c = 0; c < NR_CELLS; c++) {
		if (!(sel & (1u << c)))
			continue;
		if (cmd == INV_ALL)
			ptf_rt_iotlb_inval_unit(c, PTF_INVAL_ALL, 0, 0);
		else if (last >= first)
			ptf_rt_iotlb_inval_unit(c, PTF_INVAL_WALK, first,
						last - first + 4096);
	}
	if (cmd == INV_RANGE) {
		d->range_set = 0;
		d->cpe_done = true;
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct m4u *d = &m4u[hw->twin];
	int64_t off = m4u_reg(hw, phys, bytes);

	if (off < 0) {
		hw->protocol(hw, "write of 0x%x to infracfg", val);
		return;
	}
	if ((off == INV_SEL_GEN1 || off == INV_SEL_GEN2) &&
	    off != socs[cur_soc].inv_sel)
		hw->protocol(hw, "M4U: 0x%llx is not this SoC's invalidation select",
			     (unsigned long long)off);
	if (off >= FAULT_FIRST && off <= FAULT_LAST)
		hw->protocol(hw, "M4U: write of 0x%x to fault register 0x%llx",
			     val, (unsigned long long)off);
	switch (off) {
	case INVALIDATE:
		invalidate(hw, d, val);
		return;
	case START_A:
		d->range_set |= RANGE_START;
		break;
	case END_A:
		d->range_set |= RANGE_END;
		break;
	case CPE_DONE:
		if (val)
			hw->protocol(hw, "M4U: CPE_DONE written with 0x%x", val);
		d->cpe_done = false;
		return;
	}
	d->reg[off / 4] = val;
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return NR_CELLS;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

/* The walk's context: its leaves go to m4u_leaf(), then on as they were. */
static const struct hw_ctx *walk_now;

/* A leaf as the M4U outputs it: in 4GB mode, within 4G-8G, then DRAM. */
static void m4u_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	struct hw_leaf out = *l;

	out.access &= ~(HW_MEM_CACHED | HW_MEM_DEVICE);
	if (cur_4gb) {
		if (l->phys < SZ_4G || l->phys + l->size > 2 * SZ_4G)
			walk_now->error(walk_now, "4GB mode: the leaf at 0x%llx outputs 0x%llx, outside 4G-8G",
					(unsigned long long)l->iova,
					(unsigned long long)l->phys);
		out.phys = dram_of_bus(l->phys);
	}
	walk_now->leaf(walk_now, &out);
}

/* The M4U's walk from PT_BASE, over the SoC's IOVA bits. */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct mtk_soc *soc = &socs[cur_soc];
	struct v7s_regime r = {
		.quirks = PTF_QUIRK_ARM_MTK_EXT | PTF_QUIRK_NO_PERMS,
		.ttbr = m4u[hw->twin].reg[PT_BASE / 4],
		.ias = soc->ias,
	};
	struct hw_ctx walk = *hw;

	if (soc->table_35)
		r.quirks |= PTF_QUIRK_ARM_MTK_TTBR_EXT;
	else if (r.ttbr & 7)
		hw->error(hw, "PT_BASE 0x%llx: this M4U walks no table above 4 GiB",
			  (unsigned long long)r.ttbr);
	walk.leaf = m4u_leaf;
	walk_now = hw;
	v7s_walk(&walk, &r, lo, hi);
	walk_now = NULL;
}

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* each is a master of its SoC */
}

static const unsigned int class_fields[] = { F_SOC, F_DRAM, F_MASTER, F_PORTS };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/%s/ports%u", soc_names[ts->pt.variant],
		 dram_names[ts->pt.quirks & DRAM_4GB],
		 master_names[MASTER(ts->pt.quirks)], ts->pt.instances);
}

static const struct target mtk_iommu_target = {
	.name		= "mtk_iommu",
	.summary	= "mtk_iommu: MediaTek M4U on io-pgtable-arm-v7s, MTK_EXT (MT8173 4GB mode, MT8183, MT6779, MT8192)",
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

const struct target *const ptf_target = &mtk_iommu_target;
