// SPDX-License-Identifier: GPL-2.0
/*
 * exynos: exynos-iommu, the Samsung Exynos System MMU, versions 1 to 7,
 * with one or two instances in front of the master.
 *
 * The format is the ARM short-descriptor layout the SysMMU implements,
 * with 32-bit entries holding PA >> 4 from version 5 on (36-bit PAs):
 *
 *   IOVA      [31:20] level-1 index, [19:12] level-2 index
 *   level 1   type [1:0]: 01 a level-2 table (v1-v3: base [31:10];
 *             v5+: [31:6] = PA[35:10]); 10 a 1M section (v1-v3: [31:20];
 *             v5+: [31:16] = PA[35:20]); 00, 11 fault
 *   level 2   type [1:0]: 01 a 64K large page, 16 identical entries from
 *             a 16-aligned index (v1-v3: [31:16]; v5+: [31:12] = PA[35:16]),
 *             1x a 4K small page (v1-v3: [31:12]; v5+: [31:8] = PA[35:12]);
 *             00 fault
 *   access    v1-v3: AP[0] (section bit 10, page bit 4) grants access,
 *             AP[2] (bit 15, bit 9) makes it read-only; v5+: a 2-bit field
 *             (section [5:4], page [3:2]): 1 read, 2 write, 3 both.
 *             Checked only with MMU_CFG.EAP set.
 *
 * Registers: MMU_CTRL (0x5 enable, 0x7 block, 0 disable), MMU_CFG,
 * MMU_STATUS (bit 0: blocked), MMU_VERSION ([31:21]: major << 7 | minor;
 * some v1.0 parts read 0x80000001), the table base (the PA up to v3,
 * PA >> 12 from v5), written only while blocked or disabled, and the
 * invalidations: all, the entry translating an IOVA, and (v5+) a range of
 * IOVAs.  v7 parts with virtual-machine control (CAPA0.CAPA1_EXIST,
 * CAPA1.VCR) keep base and invalidations in the VM registers at 0x8000
 * and translate with CTRL_VM's enable set.  A v2 SysMMU's L2 TLB is
 * 64-set associative over 4K pages: an entry is dropped only by an
 * invalidation in its set.  Each instance has its own TLB.  The walk is
 * not coherent.
 *
 * Leaves are the driver's page sizes: 1M sections, 64K large pages (the
 * whole group of 16 entries: docs/patches.md), 4K small pages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_VERSION, F_SYSMMUS, F_TABLES, F_CREATE_FAIL, NR_FIELDS };

enum { V1_0, V2_0, V3_1, V3_2, V3_3, V5_0, V7_0, V7_0_VM, NR_VERSIONS };

static const char *const version_names[NR_VERSIONS] = {
	"v1.0", "v2.0", "v3.1", "v3.2", "v3.3", "v5.0", "v7.0", "v7.0-vm",
};
static const uint64_t version_values[NR_VERSIONS] = {
	V1_0, V2_0, V3_1, V3_2, V3_3, V5_0, V7_0, V7_0_VM,
};
static const char *const sysmmus_names[] = { "1", "2" };
static const uint64_t sysmmus_values[] = { 1, 2 };
/* Below 4 GiB, or above it (36-bit PAs: v5 and later only). */
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 0x9c0000000ULL };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_VERSION]	= { "version", FIELD(version_names, version_values) },
	[F_SYSMMUS]	= { "sysmmus", FIELD(sysmmus_names, sysmmus_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

static bool v5_format(unsigned int version)
{
	return version >= V5_0;
}

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	unsigned int v = (unsigned int)cfg->v[F_VERSION];

	/* A SysMMU before v5 reaches 32 bits: its tables are below 4 GiB. */
	if (!v5_format(v) && cfg->v[F_TABLES] >> 32)
		return false;
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = v,
		.instances = (unsigned int)cfg->v[F_SYSMMUS],
		.pgsize_bitmap = (1 << 20) | (1 << 16) | (1 << 12),
		.ias = 32,
		.oas = v5_format(v) ? 36 : 32,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define SECT		(1ULL << 20)
#define LPAGE		(1ULL << 16)
#define SPAGE		(1ULL << 12)
#define EXY_PGSIZES	(SECT | LPAGE | SPAGE)

static unsigned int exy_oas;	/* the model's hardware: predict() sets it */

/* A level-1 entry of the IOVA's 1M, as the driver keeps it. */
enum exy_l1 { EXY_FAULT, EXY_SECTION, EXY_TABLE };

/*
 * The entry of the 1M at @at: a section, a level-2 table of the domain's
 * own, or a fault (the zero table's link, ZERO_LV2LINK, included).
 */
static enum exy_l1 l1_entry(const struct model *m, uint64_t at)
{
	const struct pt_leaf *l = model_lookup(m, at);

	if (l && l->size == SECT)
		return EXY_SECTION;
	return model_has_table(m, at & ~(SECT - 1), 20) ? EXY_TABLE : EXY_FAULT;
}

/* The PA an entry keeps: PA >> 4 in 32 bits from v5 on, else 32 bits. */
static uint64_t exy_pa(uint64_t pa)
{
	return pa & model_up_to(exy_oas - 1);
}

static void add_leaf(struct model *m, uint64_t at, uint64_t size,
		     uint64_t pa, int prot)
{
	struct pt_leaf leaf = model_new_leaf(m, at, size, exy_pa(pa), prot);

	model_add_leaf(m, &leaf);
}

/*
 * lv1set_section(): over a section, or over a table with live pages
 * (lv2entcnt below 256), a WARN and -EADDRINUSE; an emptied table is
 * freed and the section written over it.
 */
static int map_section(struct model *m, uint64_t at, uint64_t pa, int prot)
{
	const struct pt_leaf *l;

	switch (l1_entry(m, at)) {
	case EXY_SECTION:
		model_warn(m, "exynos-map-section-live");
		return -EADDRINUSE;
	case EXY_TABLE:
		if (model_leaves_in(m, at, at + (SECT - 1), &l)) {
			model_warn(m, "exynos-map-section-live");
			return -EADDRINUSE;
		}
		model_remove_tables(m, at, at + (SECT - 1), 20);
		break;
	case EXY_FAULT:
		break;
	}
	add_leaf(m, at, SECT, pa, prot);
	return 0;
}

/*
 * alloc_lv2entry() and lv2set_page(): below a section, a WARN and
 * -EADDRINUSE; a fault entry gets a new level-2 table (one allocation:
 * -ENOMEM), which stays even if the page then fails; over a live entry a
 * WARN and -EADDRINUSE (a large page clears the entries it wrote first).
 */
static int map_page(struct model *m, uint64_t at, uint64_t pa, uint64_t size,
		    int prot)
{
	const struct pt_leaf *l;

	switch (l1_entry(m, at)) {
	case EXY_SECTION:
		model_warn(m, "exynos-map-under-section");
		return -EADDRINUSE;
	case EXY_FAULT:
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, at & ~(SECT - 1), 20);
		break;
	case EXY_TABLE:
		break;
	}
	if (model_leaves_in(m, at, at + (size - 1), &l)) {
		model_warn(m, "exynos-map-page-live");
		return -EADDRINUSE;
	}
	add_leaf(m, at, size, pa, prot);
	return 0;
}

/*
 * exynos_iommu_map(): one page of @pgsize per call.  The driver truncates
 * the IOVA to 32 bits; the model holds it to the geometry it publishes
 * (the whole 64 bits), so an IOVA past 4 GiB is a known finding, not the
 * model's (exynos-aperture-wider-than-iova).
 */
static int exy_map_pages(struct model *m, uint64_t at, uint64_t pa,
			 uint64_t pgsize, uint64_t count, int prot,
			 uint64_t *mapped)
{
	int ret;

	prot &= MODEL_PROT_READ | MODEL_PROT_WRITE;
	ret = pgsize == SECT ? map_section(m, at, pa, prot) :
			       map_page(m, at, pa, pgsize, prot);
	if (!ret)
		*mapped += pgsize;
	return ret;
}

/*
 * exynos_iommu_unmap(), one entry per call: a section goes whole (less than
 * 1M: a WARN and 0) and its entry links the zero table again; a fault entry
 * reports min(@pgsize, 1M) as unmapped; in a table, a hole or a small page
 * is 4K, a large page 64K (less than 64K asked: a WARN and 0).
 */
static uint64_t exy_unmap_pages(struct model *m, uint64_t at,
				uint64_t pgsize, uint64_t count)
{
	const struct pt_leaf *l;

	switch (l1_entry(m, at)) {
	case EXY_SECTION:
		if (pgsize < SECT) {
			model_warn(m, "exynos-unmap-part-section");
			return 0;
		}
		model_remove_leaves(m, at, at + (SECT - 1));
		return SECT;
	case EXY_FAULT:
		return pgsize < SECT ? pgsize : SECT;
	case EXY_TABLE:
		break;
	}
	l = model_lookup(m, at);
	if (!l || l->size == SPAGE) {
		if (l)
			model_remove_leaves(m, at, at + (SPAGE - 1));
		return SPAGE;
	}
	if (pgsize < LPAGE) {
		model_warn(m, "exynos-unmap-part-large");
		return 0;
	}
	model_remove_leaves(m, l->iova, l->iova + (LPAGE - 1));
	return LPAGE;
}

static const struct model_impl exy_impl = {
	.map_pages	= exy_map_pages,
	.unmap_pages	= exy_unmap_pages,
};

/*
 * The contract is the domain's geometry, aperture_end = ~0UL, although the
 * SysMMU translates 32 bits: known finding exynos-aperture-wider-than-iova.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	exy_oas = ts->pt.oas;
	drv_predict(ts, d, EXY_PGSIZES, UINT64_MAX, &exy_impl);
}

/* v1-v3 have no write-only pages: a write grant is read and write. */
static int access_of(const struct target_setup *ts, int prot)
{
	prot &= MODEL_PROT_READ | MODEL_PROT_WRITE;
	if (!v5_format(ts->pt.variant) && (prot & MODEL_PROT_WRITE))
		return MODEL_PROT_READ | MODEL_PROT_WRITE;
	return prot;
}

/* Device model ------------------------------------------------------------- */

#define SYSMMU_BASE	0x13a60000ULL
#define SYSMMU_SIZE	0x10000
#define MAX_SYSMMUS	2

#define CTRL_ENABLE	0x5
#define CTRL_BLOCK	0x7
#define CTRL_DISABLE	0x0
#define CFG_EAP		(1u << 2)

enum {
	MMU_CTRL = 0x000, MMU_CFG = 0x004, MMU_STATUS = 0x008,
	MMU_VERSION = 0x034, V7_CAPA0 = 0x870, V7_CAPA1 = 0x874,
	V7_CTRL_VM = 0x8000,
};

/* Where a version keeps the table base and the invalidations. */
struct layout {
	uint32_t pt_base, flush_all, flush_entry, flush_range, flush_start,
		 flush_end;
};

static const struct layout layout_v1 = { 0x14, 0x0c, 0x10, 0, 0, 0 };
static const struct layout layout_v5 = { 0x0c, 0x10, 0x14, 0x18, 0x20, 0x24 };
static const struct layout layout_vm = {
	0x800c, 0x8010, 0x8014, 0x8018, 0x8020, 0x8024,
};

struct sysmmu {
	bool mapped;
	uint32_t reg[SYSMMU_SIZE / 4];
};

struct exy_hw {
	unsigned int version, nr;
	const struct layout *l;
	struct sysmmu mmu[MAX_SYSMMUS];
};

static struct exy_hw exy[PTF_NR_TWINS];

static const struct layout *layout_of(unsigned int v)
{
	return v == V7_0_VM ? &layout_vm : v5_format(v) ? &layout_v5 : &layout_v1;
}

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		memset(&exy[tw], 0, sizeof(exy[tw]));
		exy[tw].version = ts->pt.variant;
		exy[tw].nr = ts->pt.instances;
		exy[tw].l = layout_of(ts->pt.variant);
	}
}

/* MMU_VERSION as each part reads: [31:21] = major << 7 | minor. */
static uint32_t version_register(unsigned int v)
{
	static const uint8_t major[NR_VERSIONS] = { 1, 2, 3, 3, 3, 5, 7, 7 };
	static const uint8_t minor[NR_VERSIONS] = { 0, 0, 1, 2, 3, 0, 0, 0 };

	if (v == V1_0)
		return 0x80000001u;
	return (uint32_t)(major[v] << 7 | minor[v]) << 21;
}

static struct sysmmu *mmu_of(const struct hw_ctx *hw, uint64_t phys,
			     uint32_t *off)
{
	struct exy_hw *d = &exy[hw->twin];
	int i = drv_bank(phys, SYSMMU_BASE, SYSMMU_SIZE, d->nr, SYSMMU_SIZE, off);

	if (i < 0 || !d->mmu[i].mapped || (*off & 3)) {
		hw->protocol(hw, "access at 0x%llx: no SysMMU register there",
			     (unsigned long long)phys);
		i = 0;
	}
	return &d->mmu[i];
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct exy_hw *d = &exy[hw->twin];
	uint32_t off;
	int i = drv_bank(phys, SYSMMU_BASE, SYSMMU_SIZE, d->nr, SYSMMU_SIZE, &off);

	if (i < 0 || off || size != SYSMMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not a SysMMU",
			     (unsigned long long)phys, (unsigned long long)size);
	memset(&d->mmu[i], 0, sizeof(d->mmu[i]));
	d->mmu[i].mapped = true;
}

static bool is_register(const struct exy_hw *d, uint32_t off)
{
	const struct layout *l = d->l;

	if (off == MMU_CTRL || off == MMU_CFG || off == MMU_STATUS ||
	    off == MMU_VERSION)
		return true;
	if (off == l->pt_base || off == l->flush_all || off == l->flush_entry)
		return true;
	if (l->flush_range && (off == l->flush_range || off == l->flush_start ||
			       off == l->flush_end))
		return true;
	/* Interrupt and fault registers, which no op raises. */
	if (off >= 0x18 && off < 0x100 && !v5_format(d->version))
		return true;
	if (off >= 0x60 && off < 0x100 && v5_format(d->version))
		return true;
	if (d->version >= V7_0 && (off == V7_CAPA0 || off == V7_CAPA1))
		return true;
	return d->version == V7_0_VM &&
	       (off == V7_CTRL_VM || (off >= 0x1000 && off < 0x1008));
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct exy_hw *d = &exy[hw->twin];
	uint32_t off;
	struct sysmmu *m = mmu_of(hw, phys, &off);

	if (bytes != 4 || !is_register(d, off))
		hw->protocol(hw, "%d-byte read of SysMMU register 0x%x", bytes, off);
	switch (off) {
	case MMU_VERSION:
		return version_register(d->version);
	case MMU_STATUS:
		return m->reg[MMU_CTRL / 4] == CTRL_BLOCK;
	case V7_CAPA0:
		return d->version == V7_0_VM ? 1u << 11 : 0;
	case V7_CAPA1:
		return d->version == V7_0_VM ? 1u << 14 : 0;
	}
	return m->reg[off / 4];
}

/* Drop the TLB entry translating @iova (v2: only from @iova's set). */
static void invalidate_entry(const struct exy_hw *d, int unit, uint64_t iova)
{
	uint64_t set_span = d->version == V2_0 ? 64 * 4096 : 0;

	ptf_rt_iotlb_inval_unit(unit, PTF_INVAL_ENTRY, iova & ~0xfffULL,
				set_span);
}

static void invalidations(const struct hw_ctx *hw, struct sysmmu *m, int unit,
			  uint32_t off, uint32_t val)
{
	const struct exy_hw *d = &exy[hw->twin];
	const struct layout *l = d->l;

	if (off == l->flush_all && (val & 1)) {
		ptf_rt_iotlb_inval_unit(unit, PTF_INVAL_ALL, 0, 0);
	} else if (off == l->flush_entry && (val & 1)) {
		invalidate_entry(d, unit, val);
	} else if (l->flush_range && off == l->flush_range && (val & 1)) {
		uint64_t start = m->reg[l->flush_start / 4] & ~0xfffu;
		uint64_t end = m->reg[l->flush_end / 4] & ~0xfffu;

		if (end < start || end - start > (64ULL << 20))
			hw->protocol(hw, "range invalidation of [0x%llx, 0x%llx]",
				     (unsigned long long)start,
				     (unsigned long long)end);
		for (uint64_t va = start; va <= end; va += 4096)
			invalidate_entry(d, unit, va);
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	const struct exy_hw *d = &exy[hw->twin];
	uint32_t off;
	struct sysmmu *m = mmu_of(hw, phys, &off);
	int unit = (int)(m - exy[hw->twin].mmu);

	if (bytes != 4 || !is_register(d, off) || off == MMU_VERSION ||
	    off == MMU_STATUS)
		hw->protocol(hw, "%d-byte write of 0x%x to SysMMU register 0x%x",
			     bytes, val, off);
	if (off == MMU_CTRL && val != CTRL_ENABLE && val != CTRL_BLOCK &&
	    val != CTRL_DISABLE)
		hw->protocol(hw, "SysMMU %d: MMU_CTRL 0x%x is no mode", unit, val);
	if (off == d->l->pt_base && m->reg[MMU_CTRL / 4] == CTRL_ENABLE)
		hw->protocol(hw, "SysMMU %d: table base written while translating",
			     unit);
	invalidations(hw, m, unit, off, val);
	m->reg[off / 4] = val;
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return exy[hw->twin].nr;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

struct exy_walk {
	const struct hw_ctx *hw;
	bool v5, eap;
	/*
	 * A level-2 table found empty in this walk, whole: the unused
	 * level-1 entries all link to one (the driver's zero table).
	 */
	uint64_t empty_table;
};

/* The level-1 table every instance translates through; all must agree. */
static uint64_t level1(const struct hw_ctx *hw, const struct exy_hw *d)
{
	uint64_t pgd = 0;

	for (unsigned int i = 0; i < d->nr; i++) {
		const struct sysmmu *m = &d->mmu[i];
		uint64_t base = m->reg[d->l->pt_base / 4];

		if (m->reg[MMU_CTRL / 4] != CTRL_ENABLE ||
		    (d->version == V7_0_VM && !(m->reg[V7_CTRL_VM / 4] & 1)))
			hw->error(hw, "SysMMU %u is not translating (MMU_CTRL 0x%x)",
				  i, m->reg[MMU_CTRL / 4]);
		base = v5_format(d->version) ? base << 12 : base;
		if (i && base != pgd)
			hw->error(hw, "SysMMUs translate through different tables: 0x%llx and 0x%llx",
				  (unsigned long long)pgd, (unsigned long long)base);
		pgd = base;
	}
	return pgd;
}

/* v1-v3: AP[0] at @ap0, AP[2] at @ap2; v5+: a 2-bit field at @field. */
static int entry_access(const struct exy_walk *w, uint32_t e, unsigned int ap0,
			unsigned int ap2, unsigned int field)
{
	if (!w->eap)
		return MODEL_PROT_READ | MODEL_PROT_WRITE;
	if (w->v5)
		return (e >> field & 1 ? MODEL_PROT_READ : 0) |
		       (e >> (field + 1) & 1 ? MODEL_PROT_WRITE : 0);
	if (!(e >> ap0 & 1))
		return 0;
	return MODEL_PROT_READ | (e >> ap2 & 1 ? 0 : MODEL_PROT_WRITE);
}

/* An address field: v5+ holds PA >> 4. */
static uint64_t field_pa(const struct exy_walk *w, uint32_t e, uint32_t mask)
{
	return w->v5 ? (uint64_t)(e & mask) << 4 : e & mask;
}

static void aligned(const struct exy_walk *w, uint64_t pa, uint64_t size,
		    uint64_t va)
{
	if (pa & (size - 1))
		w->hw->error(w->hw, "leaf at 0x%llx: output address 0x%llx is not %llu-aligned",
			     (unsigned long long)va, (unsigned long long)pa,
			     (unsigned long long)size);
}

static unsigned int large_page(const struct exy_walk *w, const uint32_t *pte,
			       unsigned int i, uint64_t va)
{
	uint64_t pa = field_pa(w, pte[i], w->v5 ? 0xfffff000u : 0xffff0000u);

	if (i % 16)
		w->hw->error(w->hw, "large page at 0x%llx starts at entry %u, not a multiple of 16",
			     (unsigned long long)va, i);
	for (unsigned int k = 1; k < 16; k++)
		if (i + k > 255 || pte[i + k] != pte[i])
			w->hw->error(w->hw, "large page at 0x%llx: entry %u is 0x%08x, not 0x%08x",
				     (unsigned long long)va, k,
				     i + k > 255 ? 0 : pte[i + k], pte[i]);
	aligned(w, pa, 1 << 16, va);
	drv_leaf(w->hw, va, 1 << 16, pa, entry_access(w, pte[i], 4, 9, 2));
	return 16;
}

static void walk_l2(struct exy_walk *w, uint64_t table, uint64_t base,
		    uint64_t lo, uint64_t hi)
{
	const uint32_t *pte;
	unsigned int i = lo > base ? (unsigned int)drv_bits(lo, 19, 12) : 0;
	unsigned int last = hi - base >= (1u << 20) ? 255 :
			    (unsigned int)drv_bits(hi, 19, 12);
	bool empty = true;

	if (table == w->empty_table)
		return;
	pte = drv_table32(w->hw, table, 256);
	for (unsigned int k = 0; k < 256 && empty; k++)
		empty = !(pte[k] & 3);
	if (empty) {
		w->empty_table = table;
		return;
	}
	i &= ~15u;	/* a large page is walked from its first entry */
	while (i <= last) {
		uint32_t e = pte[i];
		uint64_t va = base + ((uint64_t)i << 12);

		if (e & 2) {
			uint64_t pa = field_pa(w, e, w->v5 ? 0xffffff00u : 0xfffff000u);

			drv_leaf(w->hw, va, 1 << 12, pa, entry_access(w, e, 4, 9, 2));
			i++;
		} else if (e & 1) {
			i += large_page(w, pte, i, va);
		} else {
			i++;
		}
	}
}

static void walk_l1(struct exy_walk *w, const uint32_t *pgd,
		    unsigned int i, uint64_t lo, uint64_t hi)
{
	uint32_t e = pgd[i];
	uint64_t va = (uint64_t)i << 20, table;

	switch (e & 3) {
	case 1:
		if (w->v5 ? e & 0x3c : e & 0x3fc)
			w->hw->error(w->hw, "level-1 entry 0x%08x for 0x%llx has reserved bits set",
				     e, (unsigned long long)va);
		table = field_pa(w, e, w->v5 ? 0xffffffc0u : 0xfffffc00u);
		walk_l2(w, table, va, lo, hi);
		break;
	case 2: {
		uint64_t pa = field_pa(w, e, w->v5 ? 0xffff0000u : 0xfff00000u);

		if (w->v5 && (e & 0xffcc))
			w->hw->error(w->hw, "section entry 0x%08x for 0x%llx has reserved bits set",
				     e, (unsigned long long)va);
		drv_leaf(w->hw, va, 1 << 20, pa, entry_access(w, e, 10, 15, 4));
		break;
	}
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct exy_hw *d = &exy[hw->twin];
	struct exy_walk w = {
		.hw = hw, .v5 = v5_format(d->version),
		.eap = d->mmu[0].reg[MMU_CFG / 4] & CFG_EAP,
		.empty_table = ~0ULL,
	};
	const uint32_t *pgd = drv_table32(hw, level1(hw, d), 4096);

	if (lo > 0xffffffffULL)
		return;
	if (hi > 0xffffffffULL)
		hi = 0xffffffffULL;
	for (unsigned int i = lo >> 20; i <= hi >> 20; i++)
		walk_l1(&w, pgd, i, lo, hi);
}

static bool driver_config(const struct target_setup *ts)
{
	return true;
}

/* "~PATTERN": the formatted message of a WARN(1, fmt, ...), as a glob. */
static const struct warn_site warn_sites[] = {
	{ "exynos-map-section-live", "exynos-iommu.c", "lv1set_section",
	  "~Trying mapping on 1MiB@* that is mapped",
	  "map over a live 1M section or a table in use: -EADDRINUSE" },
	{ "exynos-map-under-section", "exynos-iommu.c", "alloc_lv2entry",
	  "~Trying mapping on * mapped with 1MiB page",
	  "map below a live 1M section: -EADDRINUSE" },
	{ "exynos-map-page-live", "exynos-iommu.c", "lv2set_page",
	  "!lv2ent_fault(pent)", "map over a live page: -EADDRINUSE" },
	{ "exynos-unmap-part-section", "exynos-iommu.c", "exynos_iommu_unmap",
	  "size < SECT_SIZE", "unmap of part of a 1M section: 0" },
	{ "exynos-unmap-part-large", "exynos-iommu.c", "exynos_iommu_unmap",
	  "size < LPAGE_SIZE", "unmap of part of a 64K large page: 0" },
	{ NULL },
};

static const unsigned int class_fields[] = { F_VERSION, F_SYSMMUS, F_TABLES };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/sysmmus%u/tables-%s",
		 version_names[ts->pt.variant], ts->pt.instances,
		 ts->table_base[PTF_TWIN_BASE] >> 32 ? "high" : "low");
}

static const struct target exynos = {
	.name		= "exynos",
	.summary	= "exynos-iommu: Samsung Exynos SysMMU v1-v7",
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
	/*
	 * Every unused level-1 entry links the driver's zero table: to the
	 * SysMMU a table of faults, which it cannot tell from a region's own
	 * emptied table (with one unused region left, not even by counting
	 * links).  So the walker reports no tables and the shape is not
	 * compared; the model keeps the driver's tables for what they decide
	 * (an unmap over a hole, a section over an emptied table).
	 */
	.no_table_shape	= true,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &exynos;
