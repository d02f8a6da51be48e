// SPDX-License-Identifier: GPL-2.0
/*
 * sprd: sprd-iommu, the Unisoc IOMMU of the multimedia masters (display,
 * JPEG, video, ISP, ...): one master each, a 256 MiB IOVA window, one flat
 * table, in both register layouts the driver knows (EX and VAU).
 *
 * Unisoc publishes no description of this IOMMU.  Its binding
 * (sprd,iommu.yaml) gives the register window (0x80 bytes), a single
 * master (#iommu-cells = 0) and an optional gate clock; the format is
 * described in the port's patch 0019 and issue 12 as a flat table of
 * 32-bit page frame numbers, one per 4K page of the window, with no valid
 * bit.  The registers' names and offsets below are the only other
 * description there is, and they come from the driver itself:
 *
 *   EX    0x00 CFG ([0] enable, [1] gate enable; [15:8] read as the
 *         version, 0), 0x04 UPDATE (any write drops the TLB), 0x08
 *         FIRST_VPN, 0x0c VPN_RANGE, 0x10 FIRST_PPN (the table's PA >> 12),
 *         0x14 DEFAULT_PPN (where a faulting access goes)
 *   VAU   0x00 VERSION ([15:8] 1), 0x04 CFG, 0x08 UPDATE, 0x0c AUTH_CFG,
 *         0x10 FIRST_PPN, 0x14/0x18 DEFAULT_PPN for reads / writes,
 *         0x1c FIRST_VPN, 0x20 VPN_RANGE
 *
 * So this target does not check the driver against the hardware; what it
 * checks is what does not depend on that reading: that the IOMMU is
 * enabled and translates through the table the domain owns (FIRST_PPN,
 * live memory of the table's size, the VPN window the aperture), with the
 * fault page live; that a change of an entry is followed by a TLB update
 * before the op ends; that each lookup (the legacy op and the new one) and
 * each entry agree with the model exactly; and the length rule.  The
 * walker reads entry i as IOVA FIRST_VPN + i -> entry << 12, 0 as no
 * translation (what the format says; hardware with no valid bit may
 * instead translate it to page 0).  The table is coherent memory
 * (dma_alloc_coherent()): no sync is needed.  The format has no access
 * bits: every page is readable and writable whatever the map asked.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drv_common.h"

enum { F_VERSION, F_CLOCK, F_CREATE_FAIL, NR_FIELDS };

static const char *const version_names[] = { "ex", "vau" };
static const uint64_t version_values[] = { 0, 1 };
static const char *const clock_names[] = { "none", "gate" };
static const uint64_t clock_values[] = { 0, 1 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_VERSION]	= { "version", FIELD(version_names, version_values) },
	[F_CLOCK]	= { "clock", FIELD(clock_names, clock_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

#define WINDOW		(256ULL << 20)	/* the domain's aperture */

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = (unsigned int)cfg->v[F_VERSION],
		.quirks = (unsigned int)cfg->v[F_CLOCK],
		.instances = 1,
		.pgsize_bitmap = 1 << 12,
		.ias = 28,
		.oas = 44,
	};
	/* dma_alloc_coherent() below the 32-bit coherent mask. */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define SP_PAGE		0x1000ULL

/*
 * The range check of sprd_iommu_map() and sprd_iommu_unmap(): -EINVAL
 * (0 bytes) past the window.  A range that wraps past the top of the
 * address space passes it (known finding sprd-range-check-wraps).
 */
static bool sp_outside(uint64_t iova, uint64_t count)
{
	return iova + count * SP_PAGE > WINDOW;
}

/*
 * sprd_iommu_map(): @count entries from the IOVA, each the page frame
 * number of its PA, written over whatever was there; *mapped is count *
 * 4K.  The format holds 32-bit page frame numbers (44-bit PAs); the
 * driver cuts the PA to 32 bits first (known finding
 * sprd-map-truncates-pa: such a map is a hazard, not run outside strict
 * mode), so the model keeps the PA whole.  An entry of 0 is no
 * translation: a page at PA 0 is no leaf.  A wrapping range writes past
 * the table: undefined.
 */
static int sp_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			uint64_t pgsize, uint64_t count, int prot,
			uint64_t *mapped)
{
	if (iova + count * SP_PAGE < iova)
		return MODEL_RET_UNDEFINED;
	if (sp_outside(iova, count))
		return -EINVAL;
	model_remove_leaves(m, iova, iova + (count * SP_PAGE - 1));
	for (uint64_t i = 0; i < count; i++) {
		uint64_t p = pa + i * SP_PAGE;
		struct pt_leaf l;

		if (!p)
			continue;
		l = model_new_leaf(m, iova + i * SP_PAGE, SP_PAGE, p, prot);
		model_add_leaf(m, &l);
	}
	*mapped += count * SP_PAGE;
	return 0;
}

/*
 * sprd_iommu_unmap(): @count entries cleared, mapped or not: count * 4K.
 * A wrapping range clears past the table (a hazard): the window's leaves
 * stay.
 */
static uint64_t sp_unmap_pages(struct model *m, uint64_t iova,
			       uint64_t pgsize, uint64_t count)
{
	if (iova + count * SP_PAGE < iova)
		return count * SP_PAGE;
	if (sp_outside(iova, count))
		return 0;
	model_remove_leaves(m, iova, iova + (count * SP_PAGE - 1));
	return count * SP_PAGE;
}

/* sprd_iommu_iova_to_phys() WARNs past the window (either version). */
static const char *sp_lookup_warn(const struct model *m, uint64_t iova)
{
	return iova < WINDOW ? NULL : "sprd-lookup-outside";
}

static const struct model_impl sp_impl = {
	.map_pages	= sp_map_pages,
	.unmap_pages	= sp_unmap_pages,
	.lookup_warn	= sp_lookup_warn,
};

/*
 * The window is the domain's aperture; the table is coherent memory
 * (dma_alloc_coherent()): the device needs no sync to see it.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	drv_predict(ts, d, SP_PAGE, WINDOW - 1, &sp_impl);
	d->incoherent = false;
}

/* No access bits: whatever the map asked, the page is read and written. */
static int access_of(const struct target_setup *ts, int prot)
{
	return MODEL_PROT_READ | MODEL_PROT_WRITE;
}

/* Device model ------------------------------------------------------------- */

#define IOMMU_BASE	0x63000800ULL
#define IOMMU_SIZE	0x80
#define CFG_EN		(1u << 0)
#define CFG_GATE_EN	(1u << 1)

enum reg { R_CFG, R_UPDATE, R_FIRST_VPN, R_VPN_RANGE, R_FIRST_PPN,
	   R_DEFAULT_PPN, R_DEFAULT_PPN_WR, R_AUTH_CFG, NR_REGS };

/* Offsets per layout; -1: none. */
static const int offsets[2][NR_REGS] = {
	/* EX */
	{ 0x00, 0x04, 0x08, 0x0c, 0x10, 0x14, -1, -1 },
	/* VAU */
	{ 0x04, 0x08, 0x1c, 0x20, 0x10, 0x14, 0x18, 0x0c },
};

struct sprd_hw {
	unsigned int version;
	bool mapped;
	uint32_t reg[NR_REGS];
};

static struct sprd_hw sprd[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++)
		sprd[tw] = (struct sprd_hw){ .version = ts->pt.variant };
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != IOMMU_BASE || size != IOMMU_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the IOMMU",
			     (unsigned long long)phys, (unsigned long long)size);
	sprd[hw->twin].mapped = true;
}

/* The register at @phys, or NR_REGS; the VAU's version register: -1. */
static int reg_of(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct sprd_hw *d = &sprd[hw->twin];
	uint64_t off = phys - IOMMU_BASE;

	if (d->mapped && phys >= IOMMU_BASE && off < IOMMU_SIZE && bytes == 4) {
		if (d->version == 1 && off == 0)
			return -1;
		for (int r = 0; r < NR_REGS; r++)
			if (offsets[d->version][r] == (int)off)
				return r;
	}
	hw->protocol(hw, "%d-byte access at 0x%llx: no IOMMU register there",
		     bytes, (unsigned long long)phys);
	return NR_REGS;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct sprd_hw *d = &sprd[hw->twin];
	int r = reg_of(hw, phys, bytes);

	if (r < 0)
		return 1u << 8;		/* VAU */
	if (r == NR_REGS)
		return 0;
	if (r == R_UPDATE)
		hw->protocol(hw, "read of the write-only UPDATE register");
	/* EX: CFG's [15:8] read as the version, 0. */
	return d->reg[r];
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct sprd_hw *d = &sprd[hw->twin];
	int r = reg_of(hw, phys, bytes);

	if (r < 0) {
		hw->protocol(hw, "write of 0x%x to the version register", val);
		return;
	}
	if (r == NR_REGS)
		return;
	if (r == R_UPDATE) {
		ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		return;
	}
	if (r == R_CFG)
		val &= ~0xff00u;
	d->reg[r] = val;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
};

/* Hardware walker ---------------------------------------------------------- */

/* Translation on, a live fault page, a window of whole pages. */
static void check_setup(const struct hw_ctx *hw, const struct sprd_hw *d)
{
	uint64_t rd = (uint64_t)d->reg[R_DEFAULT_PPN] << 12;

	if ((d->reg[R_CFG] & (CFG_EN | CFG_GATE_EN)) != (CFG_EN | CFG_GATE_EN))
		hw->error(hw, "the IOMMU does not translate (CFG 0x%x)",
			  d->reg[R_CFG]);
	if (!hw->map(hw, rd, 4096))
		hw->error(hw, "faulting accesses go to 0x%llx, which is not live memory",
			  (unsigned long long)rd);
	if (d->version == 1 && d->reg[R_DEFAULT_PPN_WR] != d->reg[R_DEFAULT_PPN])
		hw->error(hw, "faulting reads and writes go to different pages (0x%x, 0x%x)",
			  d->reg[R_DEFAULT_PPN], d->reg[R_DEFAULT_PPN_WR]);
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct sprd_hw *d = &sprd[hw->twin];
	uint64_t first = d->reg[R_FIRST_VPN], n = d->reg[R_VPN_RANGE] + 1ULL;
	const uint32_t *pfn;

	check_setup(hw, d);
	if (first != 0 || n != WINDOW >> 12)
		hw->error(hw, "the IOMMU translates VPNs 0x%llx + 0x%llx, not the domain's aperture",
			  (unsigned long long)first, (unsigned long long)n);
	pfn = drv_table32(hw, (uint64_t)d->reg[R_FIRST_PPN] << 12, (unsigned int)n);
	if (!pfn || lo >> 12 >= first + n || hi >> 12 < first)
		return;
	for (uint64_t vpn = lo >> 12 > first ? lo >> 12 : first;
	     vpn < first + n && vpn <= hi >> 12; vpn++)
		if (pfn[vpn - first])
			drv_leaf(hw, vpn << 12, 1 << 12,
				 (uint64_t)pfn[vpn - first] << 12,
				 MODEL_PROT_READ | MODEL_PROT_WRITE);
}

static bool driver_config(const struct target_setup *ts)
{
	return true;
}

#define OUTSIDE		"iova < start || iova > end"

static const struct warn_site warn_sites[] = {
	{ "sprd-lookup-outside", "sprd-iommu.c", "sprd_iommu_iova_to_phys",
	  OUTSIDE, "lookup outside the aperture: 0" },
	{ "sprd-lookup-outside", "sprd-iommu.c", "sprd_iommu_iova_to_phys_length",
	  OUTSIDE, "lookup outside the aperture: PHYS_ADDR_MAX" },
	{ NULL },
};

static const unsigned int class_fields[] = { F_VERSION, F_CLOCK };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/clock-%s", version_names[ts->pt.variant],
		 clock_names[ts->pt.quirks]);
}

static const struct target sprd_target = {
	.name		= "sprd",
	.summary	= "sprd-iommu: Unisoc IOMMU (EX and VAU), a flat table over 256 MiB",
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

const struct target *const ptf_target = &sprd_target;
