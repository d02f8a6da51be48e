// SPDX-License-Identifier: GPL-2.0
/*
 * tegra: tegra-smmu, the SMMU of the Tegra30, Tegra114, Tegra124, Tegra132
 * and Tegra210 memory controllers (32-bit IOVAs; 32-bit PAs on Tegra30
 * and Tegra114, 34-bit from Tegra124 on), with a display controller
 * behind one or two of its swgroups.
 *
 * The device model and the walker follow the memory controller chapter of
 * the Tegra TRMs (MC_SMMU_* registers), as independent users of the
 * hardware (Atmosphère's and hekate's Tegra X1 SMMU code) also read it:
 *
 *   IOVA    [31:22] page directory index, [21:12] page table index
 *   PTB     MC_SMMU_PTB_DATA of the ASID MC_SMMU_PTB_ASID selects:
 *           [31] readable, [30] writable, [29] non-secure, the directory's
 *           PA >> 12 in the low bits (20 bits, 22 with 34-bit PAs)
 *   PDE     [31] R, [30] W, [29] NS, [28] next: a page table (PA >> 12
 *           in the low bits) or, clear, a 4M large page; no R and no W:
 *           invalid
 *   PTE     [31] R, [30] W, [29] NS, the page's PA >> 12; no R, no W:
 *           invalid
 *   MC_SMMU_CONFIG       [0] translation on
 *   MC_SMMU_<swgroup>_ASID  [31] translate the swgroup's clients through
 *                        the ASID in the low bits (4 ASIDs on Tegra30 and
 *                        Tegra114, 128 later)
 *   MC_SMMU_TRANSLATION_ENABLE_n  a bit per memory client
 *   MC_SMMU_TLB_FLUSH    [1:0] 0 all, 2 the 4M section of VA[31:22]
 *                        (bits 19:10), 3 the 16K group of VA[31:14]
 *                        (bits 19:2); [31] only entries of the ASID in
 *                        [30:24] (Tegra30/114: [30:29])
 *   MC_SMMU_PTC_FLUSH    the page table cache (PTC), which caches table
 *                        memory in lines of the memory atom (16, 32 or 64
 *                        bytes): [0] 0 all, 1 the line at the address in
 *                        [31:4], with PA[33:32] from MC_SMMU_PTC_FLUSH_1
 *
 * Two caches must drop a changed leaf: the TLB (unit 0) and the PTC (unit
 * 1: a line flushed covers the IOVAs whose entries it holds).  The walk
 * is not coherent: entries become visible with a DMA sync.  A non-secure
 * master faults on a secure page (NS clear).  Where the levels' R and W
 * bits differ, the walker grants a page what every level grants (the
 * driver sets them all).  A PTE that grants neither is reported as a leaf
 * without access, so that its address is still compared: the device
 * faults on it as on a hole.
 *
 * Every PTE maps 4K (the driver publishes SZ_4K and writes only page
 * tables): docs/patches.md's length is 4K.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"
#include "runtime.h"

enum { F_SOC, F_SWGROUPS, F_TABLES, F_CREATE_FAIL, NR_FIELDS };

enum { T30, T114, T124, T132, T210, NR_SOCS };

static const char *const soc_names[NR_SOCS] = {
	"tegra30", "tegra114", "tegra124", "tegra132", "tegra210",
};
static const uint64_t soc_values[NR_SOCS] = { T30, T114, T124, T132, T210 };
static const char *const swgroups_names[] = { "dc", "dc+dcb" };
static const uint64_t swgroups_values[] = { 1, 2 };
/* Below 4 GiB, or above it (34-bit SoCs only). */
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 0x240000000ULL };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_SOC]		= { "soc", FIELD(soc_names, soc_values) },
	[F_SWGROUPS]	= { "swgroups", FIELD(swgroups_names, swgroups_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* What each SoC's TRM gives the SMMU. */
struct soc {
	uint64_t mc_base, mc_size;
	unsigned int pa_bits, atom, asids, tlb_lines, enable_regs;
};

static const struct soc socs[NR_SOCS] = {
	[T30]	= { 0x7000f000, 0x400, 32, 16, 4, 16, 3 },
	[T114]	= { 0x70019000, 0x1000, 32, 32, 4, 32, 3 },
	[T124]	= { 0x70019000, 0x1000, 34, 32, 128, 32, 4 },
	[T132]	= { 0x70019000, 0x1000, 34, 32, 128, 32, 4 },
	[T210]	= { 0x70019000, 0x1000, 34, 64, 128, 48, 5 },
};

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	unsigned int soc = (unsigned int)cfg->v[F_SOC];

	if (socs[soc].pa_bits == 32 && cfg->v[F_TABLES] >> 32)
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = soc,
		.instances = (unsigned int)cfg->v[F_SWGROUPS],
		.pgsize_bitmap = 1 << 12,
		.ias = 32,
		.oas = socs[soc].pa_bits,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define TG_PAGE		0x1000ULL
#define TG_TABLE_LG2	22	/* a page table maps 1024 4K pages */

static uint64_t tg_table(uint64_t iova)
{
	return iova & ~((1ULL << TG_TABLE_LG2) - 1);
}

/*
 * tegra_smmu_map(): one 4K PTE whatever the count.  A missing page table
 * for the IOVA's 4M is one allocation (a failure is -ENOMEM, nothing
 * written).  Over a live PTE it overwrites silently: the old leaf goes,
 * the new one is there, 0.  R if prot has READ, W if WRITE, NS always: a
 * map with prot 0 leaves a PTE the driver counts and unmaps.
 */
static int tg_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			uint64_t pgsize, uint64_t count, int prot,
			uint64_t *mapped)
{
	uint64_t at = iova & 0xffffffffULL;
	struct pt_leaf l;

	if (!model_has_table(m, tg_table(at), TG_TABLE_LG2)) {
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, tg_table(at), TG_TABLE_LG2);
	}
	model_remove_leaves(m, at, at + (TG_PAGE - 1));
	l = model_new_leaf(m, at, TG_PAGE, pa, prot);
	model_add_leaf(m, &l);
	*mapped += TG_PAGE;
	return 0;
}

/*
 * tegra_smmu_unmap(): nothing without a page table or at an empty PTE;
 * else one PTE cleared, the pgsize; the table whose last PTE goes is
 * freed.
 */
static uint64_t tg_unmap_pages(struct model *m, uint64_t iova,
			       uint64_t pgsize, uint64_t count)
{
	uint64_t at = iova & 0xffffffffULL, t = tg_table(at);
	const struct pt_leaf *l;

	if (!model_has_table(m, t, TG_TABLE_LG2) || !model_lookup(m, at))
		return 0;
	model_remove_leaves(m, at, at + (TG_PAGE - 1));
	if (!model_leaves_in(m, t, t + ((1ULL << TG_TABLE_LG2) - 1), &l))
		model_remove_tables(m, t, t + ((1ULL << TG_TABLE_LG2) - 1),
				    TG_TABLE_LG2);
	return pgsize;
}

static const struct model_impl tg_impl = {
	.map_pages	= tg_map_pages,
	.unmap_pages	= tg_unmap_pages,
	.alias		= drv_alias32,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	drv_predict(ts, d, TG_PAGE, 0xffffffffULL, &tg_impl);
}

static int access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/* Device model ------------------------------------------------------------- */

enum {
	SMMU_CONFIG = 0x010, SMMU_TLB_CONFIG = 0x014, SMMU_PTC_CONFIG = 0x018,
	SMMU_PTB_ASID = 0x01c, SMMU_PTB_DATA = 0x020, SMMU_TLB_FLUSH = 0x030,
	SMMU_PTC_FLUSH = 0x034, SMMU_TRANSLATION_ENABLE_0 = 0x228,
	SMMU_DC_ASID = 0x240, SMMU_DCB_ASID = 0x244,
	SMMU_PTC_FLUSH_1 = 0x9b8, SMMU_TRANSLATION_ENABLE_4 = 0xb98,
};

#define ENTRY_R		(1u << 31)
#define ENTRY_W		(1u << 30)
#define ENTRY_NS	(1u << 29)
#define PDE_NEXT	(1u << 28)
#define ASID_ENABLE	(1u << 31)

#define TLB_UNIT	0
#define PTC_UNIT	1
#define MAX_ASIDS	128
#define NR_SWGROUPS	2

/* The display controllers' read clients, per swgroup (enable bit = id). */
static const uint8_t swgroup_clients[NR_SWGROUPS][4] = {
	{ 0x01, 0x03, 0x05, 0x10 },	/* DC */
	{ 0x02, 0x04, 0x06, 0x11 },	/* DCB */
};

struct mc_hw {
	const struct soc *soc;
	unsigned int nr_swgroups;	/* the master's: DC, then DCB */
	bool mapped;
	uint32_t config, tlb_config, ptc_config, ptb_asid, ptc_flush_hi;
	uint32_t ptb[MAX_ASIDS];
	uint32_t asid[NR_SWGROUPS];
	uint32_t enable[5];
};

static struct mc_hw mc[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		mc[tw] = (struct mc_hw){
			.soc = &socs[ts->pt.variant],
			.nr_swgroups = ts->pt.instances,
		};
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct mc_hw *d = &mc[hw->twin];

	if (phys != d->soc->mc_base || size != d->soc->mc_size)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the memory controller",
			     (unsigned long long)phys, (unsigned long long)size);
	d->mapped = true;
}

/* The register at @phys, or NULL if there is none. */
static uint32_t *reg_of(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	struct mc_hw *d = &mc[hw->twin];
	uint64_t off = phys - d->soc->mc_base;

	if (!d->mapped || phys < d->soc->mc_base || off >= d->soc->mc_size ||
	    bytes != 4)
		return NULL;
	switch (off) {
	case SMMU_CONFIG:
		return &d->config;
	case SMMU_TLB_CONFIG:
		return &d->tlb_config;
	case SMMU_PTC_CONFIG:
		return &d->ptc_config;
	case SMMU_PTB_ASID:
		return &d->ptb_asid;
	case SMMU_PTB_DATA:
		return &d->ptb[d->ptb_asid % MAX_ASIDS];
	case SMMU_DC_ASID:
	case SMMU_DCB_ASID:
		return &d->asid[(off - SMMU_DC_ASID) / 4];
	case SMMU_PTC_FLUSH_1:
		return d->soc->pa_bits > 32 ? &d->ptc_flush_hi : NULL;
	case SMMU_TRANSLATION_ENABLE_4:
		return d->soc->enable_regs > 4 ? &d->enable[4] : NULL;
	}
	if (off >= SMMU_TRANSLATION_ENABLE_0 &&
	    off < SMMU_TRANSLATION_ENABLE_0 + 4 * d->soc->enable_regs &&
	    off < SMMU_TRANSLATION_ENABLE_0 + 16)
		return &d->enable[(off - SMMU_TRANSLATION_ENABLE_0) / 4];
	return NULL;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint32_t *r = reg_of(hw, phys, bytes);

	if (!r) {
		hw->protocol(hw, "%d-byte read at 0x%llx: no SMMU register there",
			     bytes, (unsigned long long)phys);
		return 0;
	}
	return *r;
}

/* The ASID the master's first swgroup translates through. */
static unsigned int master_asid(const struct mc_hw *d)
{
	return d->asid[0] & (d->soc->asids - 1);
}

static void tlb_flush(const struct hw_ctx *hw, const struct mc_hw *d,
		      uint32_t val)
{
	unsigned int asid = d->soc->asids == 4 ? val >> 29 & 3 : val >> 24 & 0x7f;
	uint64_t va = (uint64_t)(val & 0xffffc) << 12;

	/* Entries of another ASID are not the master's. */
	if ((val & (1u << 31)) && asid != master_asid(d))
		return;
	/*
	 * The TLB holds translations only (the PTC caches the tables): a
	 * flush of a range drops all it holds of the range, as a walk-cache
	 * invalidation does.
	 */
	switch (val & 3) {
	case 0:
		ptf_rt_iotlb_inval_unit(TLB_UNIT, PTF_INVAL_ALL, 0, 0);
		break;
	case 2:
		ptf_rt_iotlb_inval_unit(TLB_UNIT, PTF_INVAL_WALK,
					va & ~0x3fffffULL, 1ULL << 22);
		break;
	case 3:
		ptf_rt_iotlb_inval_unit(TLB_UNIT, PTF_INVAL_WALK, va, 1ULL << 14);
		break;
	default:
		hw->protocol(hw, "MC_SMMU_TLB_FLUSH 0x%08x: VA match 1 does not exist",
			     val);
	}
}

/* A table address of an entry (R/W/NS cleared): its PA >> 12 field. */
static uint64_t entry_pa(const struct mc_hw *d, uint32_t e)
{
	return (uint64_t)(e & ((1u << (d->soc->pa_bits - 12)) - 1)) << 12;
}

/*
 * A PTC line of @line bytes at @pa holds entries of the master's tables:
 * the IOVAs they translate are what the flush drops.  The tables are
 * found as the CPU has them now.
 */
static void ptc_flush_line(const struct hw_ctx *hw, const struct mc_hw *d,
			   uint64_t pa, unsigned int line)
{
	uint64_t pd = entry_pa(d, d->ptb[master_asid(d)]);
	const uint32_t *pde = rt_phys_span(hw->twin, pd, 4096);
	unsigned int first = (unsigned int)(pa & 0xfff) / 4, n = line / 4;

	if (!pde)
		return;
	if ((pa & ~0xfffULL) == pd) {
		ptf_rt_iotlb_inval_unit(PTC_UNIT, PTF_INVAL_WALK,
					(uint64_t)first << 22, (uint64_t)n << 22);
		return;
	}
	for (unsigned int i = 0; i < 1024; i++)
		if ((pde[i] & PDE_NEXT) && entry_pa(d, pde[i]) == (pa & ~0xfffULL))
			ptf_rt_iotlb_inval_unit(PTC_UNIT, PTF_INVAL_LEAF,
						((uint64_t)i << 22) + ((uint64_t)first << 12),
						(uint64_t)n << 12);
}

static void ptc_flush(const struct hw_ctx *hw, const struct mc_hw *d,
		      uint32_t val)
{
	uint64_t pa = (uint64_t)(d->ptc_flush_hi & 3) << 32 | (val & ~0xfu);

	if (!(val & 1)) {
		ptf_rt_iotlb_inval_unit(PTC_UNIT, PTF_INVAL_ALL, 0, 0);
		return;
	}
	ptc_flush_line(hw, d, pa & ~(uint64_t)(d->soc->atom - 1), d->soc->atom);
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct mc_hw *d = &mc[hw->twin];
	uint64_t off = phys - d->soc->mc_base;
	uint32_t *r;

	if (off == SMMU_TLB_FLUSH && bytes == 4 && d->mapped) {
		tlb_flush(hw, d, val);
		return;
	}
	if (off == SMMU_PTC_FLUSH && bytes == 4 && d->mapped) {
		ptc_flush(hw, d, val);
		return;
	}
	r = reg_of(hw, phys, bytes);
	if (!r) {
		hw->protocol(hw, "%d-byte write of 0x%x at 0x%llx: no SMMU register there",
			     bytes, val, (unsigned long long)phys);
		return;
	}
	if (r == &d->ptb_asid && val >= d->soc->asids)
		hw->protocol(hw, "MC_SMMU_PTB_ASID %u: the SMMU has %u ASIDs", val,
			     d->soc->asids);
	if (r == &d->tlb_config && (val & 0x3f) > d->soc->tlb_lines)
		hw->protocol(hw, "MC_SMMU_TLB_CONFIG: %u active lines of %u",
			     val & 0x3f, d->soc->tlb_lines);
	if ((r == &d->asid[0] || r == &d->asid[1]) &&
	    (val & 0x7f) >= d->soc->asids)
		hw->protocol(hw, "swgroup ASID register 0x%x: ASID %u of %u",
			     val, val & 0x7f, d->soc->asids);
	*r = val;
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return 2;	/* the TLB and the page table cache */
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

static int entry_access(uint32_t e)
{
	return (e & ENTRY_R ? MODEL_PROT_READ : 0) |
	       (e & ENTRY_W ? MODEL_PROT_WRITE : 0);
}

/* Bits between the PA field and bit 28 (bit 29 on a PTE's: none) are 0. */
static void check_entry(const struct hw_ctx *hw, const struct mc_hw *d,
			uint32_t e, const char *what, uint64_t va)
{
	uint32_t reserved = ~((1u << (d->soc->pa_bits - 12)) - 1) &
			    ~(ENTRY_R | ENTRY_W | ENTRY_NS | PDE_NEXT);

	if (e & reserved)
		hw->error(hw, "%s 0x%08x for 0x%llx has reserved bits set", what,
			  e, (unsigned long long)va);
	if (!(e & ENTRY_NS))
		hw->error(hw, "%s 0x%08x for 0x%llx is secure: the non-secure master faults",
			  what, e, (unsigned long long)va);
}

/* The ASID the master's swgroups translate through, all on and alike. */
static unsigned int walk_asid(const struct hw_ctx *hw, const struct mc_hw *d)
{
	if (!(d->config & 1))
		hw->error(hw, "MC_SMMU_CONFIG 0x%x: translation is off", d->config);
	for (unsigned int g = 0; g < d->nr_swgroups; g++) {
		if (!(d->asid[g] & ASID_ENABLE))
			hw->error(hw, "swgroup %s does not translate (ASID register 0x%08x)",
				  g ? "dcb" : "dc", d->asid[g]);
		if ((d->asid[g] & (d->soc->asids - 1)) != master_asid(d))
			hw->error(hw, "swgroups dc and dcb translate through ASIDs %u and %u",
				  master_asid(d), d->asid[g] & (d->soc->asids - 1));
		for (unsigned int c = 0; c < 4; c++)
			if (!(d->enable[0] >> swgroup_clients[g][c] & 1))
				hw->error(hw, "memory client %u of swgroup %s bypasses the SMMU",
					  swgroup_clients[g][c], g ? "dcb" : "dc");
	}
	return master_asid(d);
}

/* A page table's PTEs, each granted what it and the levels above grant. */
static void walk_table(const struct hw_ctx *hw, const struct mc_hw *d,
		       uint64_t table, int granted, uint64_t base, uint64_t lo,
		       uint64_t hi)
{
	const uint32_t *pte = drv_table32(hw, table, 1024);
	unsigned int first = lo > base ? (unsigned int)((lo - base) >> 12) : 0;
	unsigned int last = hi - base >= (1u << 22) ? 1023 :
			    (unsigned int)((hi - base) >> 12);

	for (unsigned int i = first; i <= last; i++) {
		uint32_t e = pte[i];
		uint64_t va = base + ((uint64_t)i << 12);

		if (!e)
			continue;
		/* Bit 28 means nothing in a PTE. */
		check_entry(hw, d, e & ~PDE_NEXT, "PTE", va);
		drv_leaf(hw, va, 1 << 12, entry_pa(d, e),
			 entry_access(e) & granted);
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct mc_hw *d = &mc[hw->twin];
	uint32_t ptb = d->ptb[walk_asid(hw, d)];
	const uint32_t *pd = drv_table32(hw, entry_pa(d, ptb), 1024);
	int granted = entry_access(ptb);

	check_entry(hw, d, ptb, "MC_SMMU_PTB_DATA", 0);
	if (lo > 0xffffffffULL)
		return;
	if (hi > 0xffffffffULL)
		hi = 0xffffffffULL;
	for (unsigned int i = lo >> 22; i <= hi >> 22; i++) {
		uint32_t e = pd[i];
		uint64_t va = (uint64_t)i << 22;

		if (!(e & (ENTRY_R | ENTRY_W)))
			continue;
		check_entry(hw, d, e, "PDE", va);
		if (e & PDE_NEXT) {
			hw->table(hw, entry_pa(d, e), va, 22);
			walk_table(hw, d, entry_pa(d, e), granted & entry_access(e),
				   va, lo, hi);
			continue;
		}
		if (entry_pa(d, e) & ((1ULL << 22) - 1))
			hw->error(hw, "4M page at 0x%llx: output address 0x%llx is not 4M-aligned",
				  (unsigned long long)va,
				  (unsigned long long)entry_pa(d, e));
		drv_leaf(hw, va, 1ULL << 22, entry_pa(d, e),
			 granted & entry_access(e));
	}
}

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* each is a SoC the driver supports */
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const unsigned int class_fields[] = { F_SOC, F_SWGROUPS, F_TABLES };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/tables-%s", soc_names[ts->pt.variant],
		 swgroups_names[ts->pt.instances - 1],
		 ts->table_base[PTF_TWIN_BASE] >> 32 ? "high" : "low");
}

static const struct target tegra = {
	.name		= "tegra",
	.summary	= "tegra-smmu: the SMMU of Tegra30/114/124/132/210 memory controllers",
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

const struct target *const ptf_target = &tegra;
