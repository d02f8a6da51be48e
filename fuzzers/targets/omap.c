// SPDX-License-Identifier: GPL-2.0
/*
 * omap: omap-iommu, the MMU of TI's OMAP3/OMAP4/OMAP5 and DRA7 remote
 * processors and camera (OMAP3 ISP), 32-bit IOVAs and PAs.
 *
 * The device model and the walker follow the MMU chapter of TI's
 * technical reference manuals (OMAP36xx SWPU177, DRA7xx SPRUI30, AM57xx
 * SPRUHZ7: "Memory Management Units"):
 *
 *   IOVA      [31:20] first-level index, [19:12] second-level index
 *   first level, 4096 entries, [1:0]: 00 fault, 01 a 256-entry
 *             second-level table at [31:10], 10 a 1M section at [31:20]
 *             ([18] = 0) or a 16M supersection at [31:24] ([18] = 1),
 *             11 fault; [17] mixed, [15] endianness, [11:10] element size
 *   second level, [1:0]: 00 fault, 01 a 64K large page at [31:16], 1x a
 *             4K small page at [31:12]; [11] mixed, [9] endianness,
 *             [5:4] element size
 *   a large page or a supersection is the same descriptor 16 times from
 *             a 16-aligned index ("if an access points to a descriptor
 *             that is not initialized, the MMU will behave in an
 *             unpredictable way")
 *   MMU_CNTL [1] MMU enable, [2] table walking enable; MMU_TTB the
 *             first-level table's address (written while the MMU is off)
 *   the TLB, 32 entries (8 on OMAP3's ISP MMU, "ti,#tlb-entries"): a
 *             CAM part (MMU_CAM: [31:12] virtual tag, [3] preserved,
 *             [2] valid, [1:0] page size: 00 1M, 01 64K, 10 4K, 11 16M)
 *             and a RAM part (MMU_RAM: [31:12] physical address).
 *             MMU_LOCK holds the first unlocked entry ([14:10] BASEVALUE)
 *             and the entry MMU_READ_CAM/_RAM read and MMU_LD_TLB loads
 *             ([8:4] CURRENTVICTIM); the table walker fills a missing
 *             translation at CURRENTVICTIM and moves it on.  MMU_GFLUSH
 *             drops every entry not preserved; MMU_FLUSH_ENTRY the
 *             entries translating the virtual address in MMU_CAM.
 *
 * OMAP's MMU has no permission bits: every page is readable and writable.
 * The walk is not coherent.  The driver flushes by searching the TLB (it
 * reads every entry back and flushes the one that translates the IOVA),
 * so the TLB is modelled with its contents: after each op the device may
 * have cached the leaves of the op's window, as its walker fills them,
 * and a leaf that changed must not be left in it (cached()).  The TRMs
 * describe no cache of table descriptors (the walker fetches them on a
 * miss), so an unlinked or freed second-level table needs no walk-cache
 * invalidation (no_walk_cache).
 *
 * Leaves are the driver's page sizes: 16M supersections and 64K large
 * pages (whole 16-entry groups: docs/patches.md), 1M sections, 4K pages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_SOC, F_ORDER, F_CREATE_FAIL, NR_FIELDS };

enum { OMAP3_ISP, OMAP4_IPU, DRA7_IPU1, NR_SOCS };

static const char *const soc_names[NR_SOCS] = { "omap3-isp", "omap4-ipu", "dra7-ipu1" };
static const uint64_t soc_values[NR_SOCS] = { OMAP3_ISP, OMAP4_IPU, DRA7_IPU1 };

/*
 * The caller attaches the domain before using it (VFIO, iommufd, the DMA
 * API), or first looks it up, which iommu_iova_to_phys() allows (known
 * finding omap-query-before-attach).  PTF_DRV_QUERY_BEFORE_ATTACH in
 * ptf_pt_config.quirks, as the glue reads it.
 */
#define PTF_DRV_QUERY_BEFORE_ATTACH	(1u << 31)
static const char *const order_names[] = { "attach-first", "query-first" };
static const uint64_t order_values[] = { 0, PTF_DRV_QUERY_BEFORE_ATTACH };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_SOC]		= { "soc", FIELD(soc_names, soc_values) },
	[F_ORDER]	= { "order", FIELD(order_names, order_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

#define SZ_4K	(1ULL << 12)
#define SZ_64K	(1ULL << 16)
#define SZ_1M	(1ULL << 20)
#define SZ_16M	(1ULL << 24)

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = (unsigned int)cfg->v[F_SOC],
		.instances = 1,
		.quirks = (unsigned int)cfg->v[F_ORDER],
		.pgsize_bitmap = SZ_4K | SZ_64K | SZ_1M | SZ_16M,
		.ias = 32,
		.oas = 32,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

/*
 * omap-iommu takes IOVAs and PAs as u32 (struct iotlb_entry's da and pa):
 * past 4 GiB, which callers never ask (the aperture is forced), an IOVA
 * lands 4 GiB lower and a PA loses its top bits.
 */
#define OMAP_U32	0xffffffffULL

/* The first-level entry at @da holds a leaf (a section or supersection). */
static bool l1_leaf(const struct model *m, uint64_t da)
{
	const struct pt_leaf *l = model_lookup(m, da);

	return l && l->size >= SZ_1M;
}

static bool l1_table(const struct model *m, uint64_t da)
{
	return model_has_table(m, da & ~(SZ_1M - 1), 20);
}

/*
 * iopgd_alloc_super() and iopgd_alloc_section(): the first-level entries
 * are written whatever they held.  A second-level table they held is
 * dropped, neither freed nor unmapped (known finding
 * omap-block-over-table-leaks); a section over one entry of a
 * supersection leaves the other 15 as they were (known finding
 * omap-map-over-live-breaks-group: the walker faults on the group).
 */
static void map_block(struct model *m, uint64_t da, uint64_t size)
{
	model_remove_leaves(m, da, da + (size - 1));
	model_remove_tables(m, da, da + (size - 1), 20);
}

/*
 * iopte_alloc_large() and iopte_alloc_page(): iopte_alloc() allocates a
 * table where the first-level entry is 0 (kmem_cache_zalloc(), then
 * dma_map_single(): one allocation, -ENOMEM if it fails), and takes any
 * other entry for a table: under a section that writes into the
 * section's memory (known finding omap-page-under-section, a hazard).
 * The entries are written whatever they held (a 4K page over one of a
 * large page's 16: omap-map-over-live-breaks-group).
 */
static int map_page(struct model *m, uint64_t da, uint64_t size)
{
	if (l1_leaf(m, da))
		return MODEL_RET_UNDEFINED;
	if (!l1_table(m, da)) {
		if (!model_alloc(m))
			return -ENOMEM;
		model_add_table(m, da & ~(SZ_1M - 1), 20);
	}
	model_remove_leaves(m, da, da + (size - 1));
	return 0;
}

/*
 * omap_iommu_map(): one page whatever the count (the core calls again
 * for the rest); no -EEXIST, no permission bits.
 */
static int omap_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			  uint64_t pgsize, uint64_t count, int prot,
			  uint64_t *mapped)
{
	uint64_t da = iova & OMAP_U32;
	struct pt_leaf l = model_new_leaf(m, da, pgsize, pa & OMAP_U32, prot);
	int ret = 0;

	if (pgsize >= SZ_1M)
		map_block(m, da, pgsize);
	else
		ret = map_page(m, da, pgsize);
	if (ret)
		return ret;
	model_add_leaf(m, &l);
	*mapped += pgsize;
	return 0;
}

/*
 * omap_iommu_unmap() -> iopgtable_clear_entry_core(): the whole entry at
 * the IOVA, whatever the size and count asked (the core goes on from the
 * IOVA plus what it returns).  No first-level entry: 0; a section or
 * supersection: its size; in a table, a large page: 64K, anything else
 * (a hole too): one entry, 4K; then a table left empty is freed.
 */
static uint64_t omap_unmap_pages(struct model *m, uint64_t iova,
				 uint64_t pgsize, uint64_t count)
{
	uint64_t da = iova & OMAP_U32, base = da & ~(SZ_1M - 1), size;
	const struct pt_leaf *l = model_lookup(m, da), *rest;

	if (l && l->size >= SZ_1M) {
		size = l->size;
		model_remove_leaves(m, l->iova, l->iova + (size - 1));
		return size;
	}
	if (!l1_table(m, da))
		return 0;
	size = l ? l->size : SZ_4K;
	if (l)
		model_remove_leaves(m, l->iova, l->iova + (size - 1));
	if (!model_leaves_in(m, base, base + (SZ_1M - 1), &rest))
		model_remove_tables(m, base, base + (SZ_1M - 1), 20);
	return size;
}

static const struct model_impl omap_impl = {
	.map_pages	= omap_map_pages,
	.unmap_pages	= omap_unmap_pages,
	.alias		= drv_alias32,
};

/* The domain's aperture is forced to [0, 4 GiB). */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	drv_predict(ts, d, SZ_4K | SZ_64K | SZ_1M | SZ_16M, OMAP_U32,
		    &omap_impl);
}

static int access_of(const struct target_setup *ts, int prot)
{
	return MODEL_PROT_READ | MODEL_PROT_WRITE;
}

/* Device model ------------------------------------------------------------- */

static const uint64_t mmu_base[NR_SOCS] = { 0x480bd400, 0x55082000, 0x58882000 };
static const uint64_t mmu_size[NR_SOCS] = { 0x80, 0x100, 0x100 };
static const unsigned int tlb_entries[NR_SOCS] = { 8, 32, 32 };

enum {
	MMU_REVISION = 0x00, MMU_IRQSTATUS = 0x18, MMU_IRQENABLE = 0x1c,
	MMU_WALKING_ST = 0x40, MMU_CNTL = 0x44, MMU_FAULT_AD = 0x48,
	MMU_TTB = 0x4c, MMU_LOCK = 0x50, MMU_LD_TLB = 0x54, MMU_CAM = 0x58,
	MMU_RAM = 0x5c, MMU_GFLUSH = 0x60, MMU_FLUSH_ENTRY = 0x64,
	MMU_READ_CAM = 0x68, MMU_READ_RAM = 0x6c, MMU_EMU_FAULT_AD = 0x70,
	MMU_GP_REG = 0x88,
};

#define CNTL_MMU_EN	(1u << 1)
#define CNTL_TWL_EN	(1u << 2)
#define CAM_P		(1u << 3)
#define CAM_V		(1u << 2)
#define MAX_TLB		32

struct tlb_entry {
	uint32_t cam, ram;
};

struct omap_mmu {
	unsigned int soc, entries;
	bool mapped;
	uint32_t irqenable, cntl, ttb, lock, cam, ram, gp;
	struct tlb_entry tlb[MAX_TLB];
};

static struct omap_mmu mmu[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		mmu[tw] = (struct omap_mmu){
			.soc = ts->pt.variant,
			.entries = tlb_entries[ts->pt.variant],
		};
}

/* A CAM entry's page size, and the IOVA range it translates. */
static uint64_t cam_size(uint32_t cam)
{
	static const uint64_t size[4] = { SZ_1M, SZ_64K, SZ_4K, SZ_16M };

	return size[cam & 3];
}

static uint64_t cam_va(uint32_t cam)
{
	return cam & ~(uint32_t)(cam_size(cam) - 1);
}

static unsigned int victim(const struct omap_mmu *d)
{
	return (d->lock >> 4) & 0x1f;
}

static unsigned int base_value(const struct omap_mmu *d)
{
	return (d->lock >> 10) & 0x1f;
}

static struct omap_mmu *mmu_of(const struct hw_ctx *hw, uint64_t phys,
			       uint32_t *off)
{
	struct omap_mmu *d = &mmu[hw->twin];

	if (!d->mapped || phys < mmu_base[d->soc] ||
	    phys - mmu_base[d->soc] >= mmu_size[d->soc] || (phys & 3))
		hw->protocol(hw, "access at 0x%llx: no MMU register there",
			     (unsigned long long)phys);
	*off = (uint32_t)(phys - mmu_base[d->soc]);
	return d;
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	struct omap_mmu *d = &mmu[hw->twin];

	if (phys != mmu_base[d->soc] || size != mmu_size[d->soc])
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the MMU",
			     (unsigned long long)phys, (unsigned long long)size);
	*d = (struct omap_mmu){ .soc = d->soc, .entries = d->entries,
				.mapped = true };
}

static const struct tlb_entry *victim_entry(const struct hw_ctx *hw,
					    const struct omap_mmu *d)
{
	if (victim(d) >= d->entries) {
		hw->protocol(hw, "MMU_LOCK: victim %u of a %u-entry TLB",
			     victim(d), d->entries);
		return &d->tlb[0];
	}
	return &d->tlb[victim(d)];
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint32_t off;
	struct omap_mmu *d = mmu_of(hw, phys, &off);

	if (bytes != 4)
		hw->protocol(hw, "%d-byte read of MMU register 0x%x", bytes, off);
	switch (off) {
	case MMU_REVISION:
		return 0x21;
	case MMU_IRQENABLE:
		return d->irqenable;
	case MMU_CNTL:
		return d->cntl;
	case MMU_TTB:
		return d->ttb;
	case MMU_LOCK:
		return d->lock;
	case MMU_CAM:
		return d->cam;
	case MMU_RAM:
		return d->ram;
	case MMU_READ_CAM:
		return victim_entry(hw, d)->cam;
	case MMU_READ_RAM:
		return victim_entry(hw, d)->ram;
	case MMU_GP_REG:
		return d->gp;
	case MMU_IRQSTATUS:
	case MMU_WALKING_ST:
	case MMU_FAULT_AD:
	case MMU_EMU_FAULT_AD:
		return 0;	/* no faults: ptfuzz drives no DMA */
	}
	hw->protocol(hw, "read of MMU register 0x%x", off);
	return 0;
}

/* MMU_FLUSH_ENTRY: the entries translating the virtual address in MMU_CAM. */
static void flush_entry(struct omap_mmu *d)
{
	uint64_t va = d->cam & 0xfffff000u;

	for (unsigned int i = 0; i < d->entries; i++) {
		struct tlb_entry *t = &d->tlb[i];

		if ((t->cam & CAM_V) && va - cam_va(t->cam) < cam_size(t->cam))
			t->cam = 0;
	}
	ptf_rt_iotlb_inval_unit(0, PTF_INVAL_ENTRY, va, 0);
}

static void global_flush(struct omap_mmu *d)
{
	bool all = true;

	for (unsigned int i = 0; i < d->entries; i++) {
		if (!(d->tlb[i].cam & CAM_P))
			d->tlb[i].cam = 0;
		all &= !(d->tlb[i].cam & CAM_V);
	}
	if (all)
		ptf_rt_iotlb_inval_unit(0, PTF_INVAL_ALL, 0, 0);
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	uint32_t off;
	struct omap_mmu *d = mmu_of(hw, phys, &off);

	if (bytes != 4)
		hw->protocol(hw, "%d-byte write of MMU register 0x%x", bytes, off);
	switch (off) {
	case MMU_IRQENABLE:
		d->irqenable = val;
		break;
	case MMU_IRQSTATUS:
		break;
	case MMU_CNTL:
		d->cntl = val;
		break;
	case MMU_TTB:
		if (d->cntl & CNTL_MMU_EN)
			hw->protocol(hw, "MMU_TTB written while the MMU translates");
		d->ttb = val & ~0x7fu;
		break;
	case MMU_LOCK:
		d->lock = val & ((0x1f << 10) | (0x1f << 4));
		break;
	case MMU_CAM:
		d->cam = val;
		break;
	case MMU_RAM:
		d->ram = val;
		break;
	case MMU_LD_TLB:
		if (val & 1)
			*(struct tlb_entry *)victim_entry(hw, d) =
				(struct tlb_entry){ d->cam, d->ram };
		break;
	case MMU_GFLUSH:
		if (val & 1)
			global_flush(d);
		break;
	case MMU_FLUSH_ENTRY:
		if (val & 1)
			flush_entry(d);
		break;
	case MMU_GP_REG:
		if (d->soc == OMAP3_ISP)
			hw->protocol(hw, "MMU_GP_REG of an MMU without it");
		d->gp = val;
		break;
	default:
		hw->protocol(hw, "write of 0x%x to MMU register 0x%x", val, off);
	}
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return 1;
}

static bool hw_cached(const struct hw_ctx *hw, unsigned int unit,
		      uint64_t iova, uint64_t size)
{
	const struct omap_mmu *d = &mmu[hw->twin];

	for (unsigned int i = 0; i < d->entries; i++) {
		uint32_t cam = d->tlb[i].cam;

		if ((cam & CAM_V) && cam_va(cam) < iova + size &&
		    iova < cam_va(cam) + cam_size(cam))
			return true;
	}
	return false;
}

static size_t hw_tlb_leaves(const struct hw_ctx *hw, struct hw_leaf *out,
			    size_t max)
{
	const struct omap_mmu *d = &mmu[hw->twin];
	size_t n = 0;

	for (unsigned int i = 0; i < d->entries && n < max; i++)
		if (d->tlb[i].cam & CAM_V)
			out[n++] = (struct hw_leaf){
				.iova = cam_va(d->tlb[i].cam),
				.size = cam_size(d->tlb[i].cam),
				.phys = d->tlb[i].ram & ~(uint32_t)(cam_size(d->tlb[i].cam) - 1),
			};
	return n;
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi);

/* The walker's leaves of the window, as the TLB's table walker loads them. */
static void fill_leaf(const struct hw_ctx *hw, const struct hw_leaf *l)
{
	static const uint32_t pgsz[] = { [12] = 2, [16] = 1, [20] = 0, [24] = 3 };
	struct omap_mmu *d = &mmu[hw->twin];
	unsigned int v = victim(d);

	if (hw_cached(hw, 0, l->iova, l->size) || !(d->cntl & CNTL_TWL_EN))
		return;
	d->tlb[v] = (struct tlb_entry){
		(uint32_t)l->iova | CAM_V | pgsz[__builtin_ctzll(l->size)],
		(uint32_t)l->phys,
	};
	v = v + 1 < d->entries ? v + 1 : base_value(d);
	d->lock = (d->lock & ~(0x1fu << 4)) | v << 4;
}

static void hw_op_end(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	struct hw_ctx fill = *hw;

	if (!(mmu[hw->twin].cntl & CNTL_MMU_EN))
		return;
	fill.leaf = fill_leaf;
	hw_walk(&fill, lo, hi);
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs, .op_end = hw_op_end, .cached = hw_cached,
	.tlb_leaves = hw_tlb_leaves, .no_walk_cache = true,
};

/* Hardware walker ---------------------------------------------------------- */

/* A group of 16 identical descriptors from a 16-aligned index. */
static void check_group(const struct hw_ctx *hw, const uint32_t *t,
			unsigned int i, unsigned int nr, uint64_t va,
			const char *what)
{
	if (i % 16)
		hw->error(hw, "%s at 0x%llx starts at entry %u, not a multiple of 16",
			  what, (unsigned long long)va, i);
	for (unsigned int k = 1; k < 16; k++)
		if (i + k >= nr || t[i + k] != t[i])
			hw->error(hw, "%s at 0x%llx: entry %u of its 16 is 0x%08x, not 0x%08x",
				  what, (unsigned long long)va, k,
				  i + k >= nr ? 0 : t[i + k], t[i]);
}

static void leaf(const struct hw_ctx *hw, uint64_t va, uint64_t size,
		 uint64_t pa)
{
	drv_leaf(hw, va, size, pa, MODEL_PROT_READ | MODEL_PROT_WRITE);
}

static void walk_l2(const struct hw_ctx *hw, uint64_t table, uint64_t base,
		    uint64_t lo, uint64_t hi)
{
	const uint32_t *pte = drv_table32(hw, table, 256);
	unsigned int i = lo > base ? (unsigned int)drv_bits(lo, 19, 12) : 0;
	unsigned int last = hi - base >= SZ_1M ? 255 :
			    (unsigned int)drv_bits(hi, 19, 12);

	i &= ~15u;	/* a large page is walked from its first entry */
	while (i <= last) {
		uint32_t e = pte[i];
		uint64_t va = base + ((uint64_t)i << 12);

		if (e & 2) {
			leaf(hw, va, SZ_4K, e & 0xfffff000u);
			i++;
		} else if (e & 1) {
			check_group(hw, pte, i, 256, va, "large page");
			leaf(hw, va, SZ_64K, e & 0xffff0000u);
			i += 16;
		} else {
			i++;
		}
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct omap_mmu *d = &mmu[hw->twin];
	const uint32_t *pgd;
	unsigned int i;

	if ((d->cntl & (CNTL_MMU_EN | CNTL_TWL_EN)) != (CNTL_MMU_EN | CNTL_TWL_EN))
		hw->error(hw, "the MMU is not translating by table walks (MMU_CNTL 0x%x)",
			  d->cntl);
	pgd = drv_table32(hw, d->ttb, 4096);
	if (lo > 0xffffffffULL)
		return;
	if (hi > 0xffffffffULL)
		hi = 0xffffffffULL;
	/* A supersection is walked from its first entry. */
	for (i = (unsigned int)(lo >> 20) & ~15u; i <= hi >> 20; i++) {
		uint32_t e = pgd[i];
		uint64_t va = (uint64_t)i << 20;

		switch (e & 3) {
		case 1:
			hw->table(hw, e & 0xfffffc00u, va, 20);
			walk_l2(hw, e & 0xfffffc00u, va, lo, hi);
			break;
		case 2:
			if (!(e & (1u << 18))) {
				leaf(hw, va, SZ_1M, e & 0xfff00000u);
				break;
			}
			check_group(hw, pgd, i, 4096, va, "supersection");
			leaf(hw, va, SZ_16M, e & 0xff000000u);
			i += 15;
			break;
		}
	}
}

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* each is an SoC's MMU */
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const unsigned int class_fields[] = { F_SOC, F_ORDER };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", soc_names[ts->pt.variant],
		 order_names[!!(ts->pt.quirks & PTF_DRV_QUERY_BEFORE_ATTACH)]);
}

static const struct target omap = {
	.name		= "omap",
	.summary	= "omap-iommu: TI OMAP3/OMAP4/DRA7 MMU, ARM-style 16M/1M/64K/4K tables",
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

const struct target *const ptf_target = &omap;
