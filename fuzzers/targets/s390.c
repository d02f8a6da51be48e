// SPDX-License-Identifier: GPL-2.0
/*
 * s390: s390-iommu, DMA address translation for a zPCI function.  The
 * function translates the DMA addresses in the window it was registered
 * with (MODIFY PCI FUNCTION CONTROLS: PCI base address, PCI address limit,
 * I/O translation anchor) through tables of the z/Architecture's DAT
 * formats: a region-first, -second or -third table at the top, as the
 * anchor designates, down through segment tables to page tables of 4K
 * pages.  REFRESH PCI TRANSLATIONS (RPCIT) drops what the function cached
 * for a range; a function that requires refreshes (a hypervisor shadows
 * the tables) sees a translation only once a refresh of its range found it
 * in the tables.
 *
 * The walker follows the table formats of the z/Architecture Principles of
 * Operation, chapter 3, "Dynamic Address Translation" (bit 0 is the most
 * significant of the 64):
 *
 *   DMA address  [63:53] region-first index, [52:42] region-second,
 *                [41:31] region-third, [30:20] segment, [19:12] page,
 *                [11:0] byte
 *   region-table entry  [63:12] origin of the next table, [9] DAT
 *                protection (P), [7:6] table offset (TF) and [1:0] table
 *                length (TL) of the next table, in quarters: its entries
 *                TF * 512 .. (TL + 1) * 512 - 1 exist, [5] invalid (I),
 *                [3:2] table type (TT: 11 first, 10 second, 01 third);
 *                [11:10], [8], [4] must be 0
 *   segment-table entry (format 0)  [63:11] page-table origin, [10]
 *                format control (FC: 1 = a 1M frame at [63:20]), [9] P,
 *                [5] I, [3:2] TT = 00; [7:6], [1:0] must be 0
 *   page-table entry  [63:12] page-frame real address, [10] I, [9] P;
 *                [11] must be 0, [7:0] are ignored
 *   2048 eight-byte entries per region and segment table, 256 per page
 *   table.  A TT that is not the level's is a translation-specification
 *   error; P anywhere on the path makes the page read-only.
 *
 * The translation anchor is read as the DAT's address-space-control
 * element for what it shares with it: [63:12] the top table's origin,
 * [3:2] its designation type (11 region-first, 10 -second, 01 -third, 00
 * segment).  The zPCI-specific bits between ([11:4]: translation enabled,
 * the storage key) are not in a public document and are not interpreted;
 * an anchor of 0 is no translation at all (relaxed translation: DMA
 * addresses are absolute addresses, for functions that offer it).  The
 * anchor has no table length: the window [pba, pal] bounds the DMA
 * addresses, and the top table is whole.  The encoding of the CLP query's
 * designation-types-supported mask is not public either: the
 * configurations give the values the driver tests (bits 0x08 and 0x0c of
 * its RS and RF checks) beside 0x40, the region-third-only value QEMU
 * reports.
 *
 * The zPCI instructions reach the device model through the stand-in's
 * register channel (kernel-shim/arch/s390/include/asm/pci.h), whose layout
 * is ours.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drv_common.h"

enum {
	F_FUNCTION, F_DEPTHS, F_MEMORY, F_FACTOR, F_REFRESH, F_RTR, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS,
};

/* The function's DMA address range (CLP: start and end DMA address). */
struct function_kind {
	uint64_t sdma, edma;
};

static const struct function_kind functions[] = {
	{ 0x100000000ULL, 0x1ffffffffffffffULL },	/* LPAR, 2^57 */
	{ 0, 0x3ffffffffffULL },			/* the region-third's 4T */
	{ 0x100000000ULL, 0xffffffffffffULL },		/* 48 bits */
};
static const char *const function_names[] = { "lpar", "low-4t", "48bit" };
static const uint64_t function_values[] = { 0, 1, 2 };

#define DTSM_RT		0x40	/* QEMU's: the region-third table only */
#define DTSM_RS		0x08	/* as the driver tests it */
#define DTSM_RF		0x0c

static const char *const depths_names[] = { "rt", "rt+rf", "rt+rs+rf" };
static const uint64_t depths_values[] = {
	DTSM_RT, DTSM_RT | 0x04, DTSM_RT | DTSM_RS | 0x04,
};
/* The end of memory (high_memory). */
static const char *const memory_names[] = { "4G", "64G", "8T", "1P" };
static const uint64_t memory_values[] = { 1ULL << 32, 1ULL << 36, 1ULL << 43, 1ULL << 50 };
/* s390_iommu_aperture=: the aperture is memory times this; 0: unlimited */
static const char *const factor_names[] = { "1", "0", "4096" };
static const uint64_t factor_values[] = { 1, 0, 4096 };
static const char *const refresh_names[] = { "no", "yes" };
static const uint64_t refresh_values[] = { 0, 1 };
static const char *const rtr_names[] = { "no", "yes" };
static const uint64_t rtr_values[] = { 0, 1 };
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 0x3f1c0000000ULL };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_FUNCTION]	= { "function", FIELD(function_names, function_values) },
	[F_DEPTHS]	= { "depths", FIELD(depths_names, depths_values) },
	[F_MEMORY]	= { "memory", FIELD(memory_names, memory_values) },
	[F_FACTOR]	= { "aperture", FIELD(factor_names, factor_values) },
	[F_REFRESH]	= { "refresh", FIELD(refresh_names, refresh_values) },
	[F_RTR]		= { "rtr", FIELD(rtr_names, rtr_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* The hardware of a configuration, as ptf_pt_config.variant carries it. */
#define V_FUNCTION(v)	((v) & 0xf)
#define V_DTSM(v)	(((v) >> 4) & 0xff)
#define V_REFRESH	(1u << 12)
#define V_RTR		(1u << 13)

/* Reach of a table type's DMA addresses (region-third: 2^42, second: 2^53). */
enum { TYPE_RT = 1, TYPE_RS = 2, TYPE_RF = 3 };

static uint64_t type_reach(int type)
{
	return type == TYPE_RT ? 1ULL << 42 : type == TYPE_RS ? 1ULL << 53 : 0;
}

struct window {
	uint64_t first, last;
	int type;
};

/*
 * The DMA window and top table the domain must have: the function's range,
 * cut to memory times the aperture factor, translated by the smallest
 * region table the function supports that reaches its end (a region-third
 * table if none does, the window then cut to its reach).
 */
static struct window expected_window(const struct ptf_pt_config *pt)
{
	const struct function_kind *f = &functions[V_FUNCTION(pt->variant)];
	unsigned int dtsm = V_DTSM(pt->variant);
	uint64_t size = f->edma - f->sdma + 1, limit = UINT64_MAX;
	struct window w = { .first = f->sdma };

	if (pt->quirks)
		limit = (1ULL << pt->ias) * pt->quirks;
	if (limit < size)
		size = limit;
	if (size <= type_reach(TYPE_RT) - f->sdma) {
		w.type = TYPE_RT;
	} else if (size <= type_reach(TYPE_RS) - f->sdma && (dtsm & DTSM_RS)) {
		w.type = TYPE_RS;
	} else if (dtsm & DTSM_RF) {
		w.type = TYPE_RF;
	} else {
		w.type = TYPE_RT;
		size = type_reach(TYPE_RT) - f->sdma;
	}
	w.last = f->sdma + size - 1;
	return w;
}

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	struct window w;

	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = (unsigned int)(cfg->v[F_FUNCTION] |
					  cfg->v[F_DEPTHS] << 4 |
					  (cfg->v[F_REFRESH] ? V_REFRESH : 0) |
					  (cfg->v[F_RTR] ? V_RTR : 0)),
		.instances = 1,
		.quirks = (unsigned int)cfg->v[F_FACTOR],
		/* log2 of the end of memory, for the glue */
		.ias = (unsigned int)__builtin_ctzll(cfg->v[F_MEMORY] | 1ULL << 63),
		.oas = 64,
		.pgsize_bitmap = 1 << 12,
	};
	w = expected_window(&ts->pt);
	ts->iova_first = w.first;
	ts->iova_last = w.last;
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

#define S390_PAGE	0x1000ULL

/* The domain's top table and geometry, as predict() found them. */
struct s390_geom {
	int top;		/* TYPE_RT, TYPE_RS or TYPE_RF */
	uint64_t geo_end;	/* geometry.aperture_end: the top's reach - 1 */
};

static struct s390_geom geom;

/* Spans (log2) of the tables below a region-first, -second, -third top. */
static const unsigned int below_spans[] = { 53, 42, 31, 20 };

/* The DMA address the walk's indexes select: bits above the top's reach drop. */
static uint64_t canon(const struct s390_geom *p, uint64_t iova)
{
	return p->geo_end == UINT64_MAX ? iova : iova & p->geo_end;
}

/*
 * dma_walk_cpu_trans(): below the top, each table on @iova's path that is
 * missing is allocated (kmem_cache_alloc(): one allocation each) and
 * linked; false if one fails (the ones before it stay).
 */
static bool walk_alloc(struct model *m, const struct s390_geom *p,
		       uint64_t iova)
{
	for (unsigned int i = 3 - (unsigned int)p->top; i < 4; i++) {
		unsigned int span = below_spans[i];
		uint64_t base = iova & ~model_up_to(span - 1);

		if (model_has_table(m, base, span))
			continue;
		if (!model_alloc(m))
			return false;
		model_add_table(m, base, span);
	}
	return true;
}

/* The leaves one map_pages() call writes, added at once. */
static struct pt_leaf batch[MODEL_LEAF_BUDGET];

/*
 * s390_iommu_map_pages(): a range whose last byte (as iova + size - 1,
 * which may wrap) passes the geometry is -EINVAL; then page by page
 * (s390_iommu_validate_trans()) the walk makes the tables and the PTE is
 * written whatever it held: a valid one WARNs (validate_pt_entry()) and
 * is replaced.  A failed walk is -ENOMEM after the PTEs this call wrote
 * are invalidated again, and *mapped stays 0.
 */
static int s390_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			  uint64_t pgsize, uint64_t count, int prot,
			  uint64_t *mapped)
{
	const struct s390_geom *p = m->impl_ctx;
	uint64_t size = count * pgsize;
	size_t n = 0;

	if (pgsize != S390_PAGE)
		abort();	/* the core picks from the bitmap */
	if (iova + (size - 1) > p->geo_end || ((iova | pa) & (S390_PAGE - 1)))
		return -EINVAL;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t at = canon(p, iova + i * S390_PAGE);

		if (!walk_alloc(m, p, at)) {
			/* The undo: what this call wrote is invalidated. */
			if (n)
				model_add_leaves(m, batch, n);
			if (i)
				model_remove_leaves(m, iova, at - 1);
			return -ENOMEM;
		}
		if (model_lookup(m, at)) {
			model_warn(m, "s390-map-live");
			model_overwrite(m, at, at + (S390_PAGE - 1));
			model_remove_leaves(m, at, at + (S390_PAGE - 1));
		}
		if (n == MODEL_LEAF_BUDGET) {
			model_add_leaves(m, batch, n);
			n = 0;
		}
		batch[n++] = model_new_leaf(m, at, S390_PAGE, pa + i * S390_PAGE,
					    prot);
	}
	if (n)
		model_add_leaves(m, batch, n);
	*mapped += size;
	return 0;
}

/*
 * s390_iommu_unmap_pages(): a range whose last byte passes the geometry
 * WARNs and unmaps nothing; then page by page the walk makes the tables a
 * hole lacks (GFP_ATOMIC: a failure returns 0, the pages before it
 * invalidated but not gathered) and the PTE is invalidated, a PTE that
 * was not valid with a WARN in invalidate_pt_entry() (not a listed site:
 * known finding s390-unmap-hole-full-size).  The full size is returned.
 */
static uint64_t s390_unmap_pages(struct model *m, uint64_t iova,
				 uint64_t pgsize, uint64_t count)
{
	const struct s390_geom *p = m->impl_ctx;
	uint64_t size = count * pgsize;

	if (pgsize != S390_PAGE)
		abort();
	if (iova + (size - 1) > p->geo_end) {
		model_warn(m, "s390-unmap-range");
		return 0;
	}
	for (uint64_t i = 0; i < count; i++) {
		uint64_t at = canon(p, iova + i * S390_PAGE);

		if (!walk_alloc(m, p, at))
			return 0;
		if (model_lookup(m, at))
			model_remove_leaves(m, at, at + (S390_PAGE - 1));
	}
	return size;
}

/* s390_iommu_iova_to_phys(): nothing outside the geometry. */
static bool s390_alias(const struct model *m, uint64_t iova, uint64_t *out)
{
	const struct s390_geom *p = m->impl_ctx;

	*out = iova;
	return iova <= p->geo_end;
}

static const struct model_impl s390_impl = {
	.map_pages	= s390_map_pages,
	.unmap_pages	= s390_unmap_pages,
	.alias		= s390_alias,
};

/*
 * The domain: 4K pages over the geometry [0, reach of the top - 1] (the
 * driver reports what is outside the registered DMA window as reserved
 * regions; the decoder aims at the window, setup()).  zPCI DMA is
 * coherent: the tables need no syncs.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	struct window w = expected_window(&ts->pt);

	geom = (struct s390_geom){
		.top = w.type,
		.geo_end = type_reach(w.type) ? type_reach(w.type) - 1 : UINT64_MAX,
	};
	drv_predict(ts, d, S390_PAGE, geom.geo_end, &s390_impl);
	d->impl_ctx = &geom;
	d->incoherent = false;
}

/* DMA reads are always allowed; writes unless a P bit protects the page. */
static int access_of(const struct target_setup *ts, int prot)
{
	return MODEL_PROT_READ | (prot & MODEL_PROT_WRITE);
}

/* Device model ------------------------------------------------------------- */

#define CHANNEL		0x7ff000000000ULL	/* the stand-in's channel */
#define CHANNEL_SIZE	0x100
#define FH		0x80000a00u	/* an enabled function's handle */
#define FID		0x10

enum {
	R_FH = 0x00, R_DMAAS = 0x04, R_OP1 = 0x08, R_OP2 = 0x10, R_OP3 = 0x18,
	R_EXEC = 0x20, R_CC = 0x24, R_STATUS = 0x28,
	R_Q_FH = 0x40, R_Q_FID = 0x44, R_Q_SDMA = 0x48, R_Q_EDMA = 0x50,
	R_Q_DTSM = 0x58, R_Q_REFRESH = 0x5c, R_Q_RTR = 0x60, R_Q_PFT = 0x64,
};

enum { I_REG_IOAT = 1, I_DEREG_IOAT = 2, I_RPCIT = 3, I_CLP_QUERY = 4 };

#define PFT_PCIE	0x02	/* a PCI Express function, not ISM */

struct leaves {
	struct hw_leaf *v;
	size_t n, cap;
};

struct zpci_hw {
	bool mapped;
	unsigned int variant;
	struct window expect;		/* what the driver must register */
	uint32_t fh, dmaas;
	uint64_t op[3];
	uint32_t cc, status;
	/* The registered I/O address translation parameters. */
	bool registered;
	uint64_t pba, pal, iota;
	/* Refresh mode: what the function translates, as last refreshed. */
	struct leaves shadow;
};

static struct zpci_hw zpci[PTF_NR_TWINS];

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct leaves shadow = zpci[tw].shadow;

		shadow.n = 0;
		zpci[tw] = (struct zpci_hw){
			.variant = ts->pt.variant,
			.expect = expected_window(&ts->pt),
			.shadow = shadow,
		};
	}
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != CHANNEL || size != CHANNEL_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the zPCI channel",
			     (unsigned long long)phys, (unsigned long long)size);
	zpci[hw->twin].mapped = true;
}

static uint32_t reg_of(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	uint64_t off = phys - CHANNEL;

	if (!zpci[hw->twin].mapped || phys < CHANNEL || off >= CHANNEL_SIZE ||
	    bytes != 4 || off & 3)
		hw->protocol(hw, "%d-byte access at 0x%llx: not the zPCI channel",
			     bytes, (unsigned long long)phys);
	return (uint32_t)off;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	const struct zpci_hw *d = &zpci[hw->twin];
	const struct function_kind *f = &functions[V_FUNCTION(d->variant)];

	switch (reg_of(hw, phys, bytes)) {
	case R_CC:		return d->cc;
	case R_STATUS:		return d->status;
	case R_Q_FH:		return FH;
	case R_Q_FID:		return FID;
	case R_Q_SDMA:		return (uint32_t)f->sdma;
	case R_Q_SDMA + 4:	return (uint32_t)(f->sdma >> 32);
	case R_Q_EDMA:		return (uint32_t)f->edma;
	case R_Q_EDMA + 4:	return (uint32_t)(f->edma >> 32);
	case R_Q_DTSM:		return V_DTSM(d->variant);
	case R_Q_REFRESH:	return !!(d->variant & V_REFRESH);
	case R_Q_RTR:		return !!(d->variant & V_RTR);
	case R_Q_PFT:		return PFT_PCIE;
	}
	hw->protocol(hw, "read of zPCI channel register 0x%x",
		     (unsigned int)(phys - CHANNEL));
	return 0;
}

/* Walker -------------------------------------------------------------------- */

#define ENTRY_I		0x20ULL		/* invalid: region and segment */
#define ENTRY_P		0x200ULL	/* DAT protection */
#define PTE_I		0x400ULL
#define STE_FC		0x400ULL
#define RTE_RESERVED	0xd10ULL
#define STE_RESERVED	0x0c3ULL
#define PTE_RESERVED	0x800ULL

struct walk {
	const struct hw_ctx *hw;
	uint64_t lo, hi;		/* inclusive */
	void (*leaf)(struct walk *w, const struct hw_leaf *l);
	struct leaves *into;
	bool tables;			/* report the tables below the top */
};

/* A table of the walk, at @origin, translating [iova, iova + 2^span). */
static void found_table(struct walk *w, uint64_t origin, uint64_t iova,
			unsigned int span)
{
	if (w->tables)
		w->hw->table(w->hw, origin, iova, span);
}

static const char *const type_names[] = {
	"segment", "region-third", "region-second", "region-first",
};

/* Table entries @first..@last of the table at @origin. */
static const uint64_t *table(struct walk *w, uint64_t origin, unsigned int nr)
{
	const uint64_t *t = w->hw->map(w->hw, origin, 8ULL * nr);

	if (!t)
		w->hw->error(w->hw, "table at 0x%llx is not live page-table memory",
			     (unsigned long long)origin);
	return t;
}

/* The index range of [w->lo, w->hi] in a table at @shift below @base. */
static void index_range(const struct walk *w, uint64_t base, unsigned int shift,
			unsigned int nr, unsigned int *first, unsigned int *last)
{
	uint64_t span = (uint64_t)nr << shift;	/* 0: the whole 2^64 */
	uint64_t end = span ? base + (span - 1) : UINT64_MAX;

	*first = w->lo > base ? (unsigned int)((w->lo - base) >> shift) : 0;
	*last = w->hi < end ? (unsigned int)((w->hi - base) >> shift) : nr - 1;
}

static void leaf(struct walk *w, uint64_t iova, uint64_t size, uint64_t phys,
		 bool prot)
{
	struct hw_leaf l = {
		.iova = iova, .size = size, .phys = phys,
		.access = MODEL_PROT_READ | (prot ? 0 : MODEL_PROT_WRITE),
	};

	w->leaf(w, &l);
}

static void walk_pages(struct walk *w, uint64_t origin, uint64_t base, bool prot)
{
	const uint64_t *pt = table(w, origin, 256);
	unsigned int first, last;

	index_range(w, base, 12, 256, &first, &last);
	for (unsigned int i = first; i <= last; i++) {
		uint64_t e = pt[i], iova = base + ((uint64_t)i << 12);

		if (e & PTE_I)
			continue;
		if (e & PTE_RESERVED)
			w->hw->error(w->hw, "page-table entry 0x%016llx for 0x%llx has bit 52 set",
				     (unsigned long long)e, (unsigned long long)iova);
		leaf(w, iova, 1 << 12, e & ~0xfffULL, prot || (e & ENTRY_P));
	}
}

/* The quarters @tf..@tl of a table exist: is index @i in them? */
static bool in_length(unsigned int i, unsigned int nr, uint64_t tf_tl)
{
	unsigned int quarter = i / (nr / 4);

	return quarter >= ((tf_tl >> 6) & 3) && quarter <= (tf_tl & 3);
}

static void walk_segments(struct walk *w, uint64_t origin, uint64_t tf_tl,
			  uint64_t base, bool prot)
{
	const uint64_t *st = table(w, origin, 2048);
	unsigned int first, last;

	index_range(w, base, 20, 2048, &first, &last);
	for (unsigned int i = first; i <= last; i++) {
		uint64_t e = st[i], iova = base + ((uint64_t)i << 20);

		if (!in_length(i, 2048, tf_tl) || (e & ENTRY_I))
			continue;
		if (e & (STE_RESERVED | 0xc))
			w->hw->error(w->hw, "segment-table entry 0x%016llx for 0x%llx: %s",
				     (unsigned long long)e, (unsigned long long)iova,
				     e & 0xc ? "its table type is not a segment table's" :
				     "reserved bits set");
		if (e & STE_FC) {
			leaf(w, iova, 1 << 20, e & ~0xfffffULL, prot || (e & ENTRY_P));
			continue;
		}
		found_table(w, e & ~0x7ffULL, iova, 20);
		walk_pages(w, e & ~0x7ffULL, iova, prot || (e & ENTRY_P));
	}
}

/* A region table of @type at @origin translating from @base. */
static void walk_region(struct walk *w, int type, uint64_t origin,
			uint64_t tf_tl, uint64_t base, bool prot)
{
	unsigned int shift = 31 + 11 * (type - TYPE_RT), first, last;
	const uint64_t *rt = table(w, origin, 2048);

	index_range(w, base, shift, 2048, &first, &last);
	for (unsigned int i = first; i <= last; i++) {
		uint64_t e = rt[i], iova = base + ((uint64_t)i << shift);

		if (!in_length(i, 2048, tf_tl) || (e & ENTRY_I))
			continue;
		if (((e >> 2) & 3) != (uint64_t)type || (e & RTE_RESERVED)) {
			w->hw->error(w->hw, "%s-table entry 0x%016llx for 0x%llx: %s",
				     type_names[type], (unsigned long long)e,
				     (unsigned long long)iova,
				     (e & RTE_RESERVED) ? "reserved bits set" :
				     "its table type is not its table's");
			continue;
		}
		found_table(w, e & ~0xfffULL, iova, shift);
		if (type == TYPE_RT)
			walk_segments(w, e & ~0xfffULL, e, iova, prot || (e & ENTRY_P));
		else
			walk_region(w, type - 1, e & ~0xfffULL, e, iova,
				    prot || (e & ENTRY_P));
	}
}

/*
 * What the tables translate in [lo, hi], from the registered anchor, over
 * the top table's reach.  The function takes DMA only inside the window
 * [pba, pal]; that the driver registered the window its aperture needs is
 * checked where it does (register_ioat()), and what a caller maps outside
 * it (in the reserved regions the driver reports) is still read as the
 * tables have it, as the driver's own lookups read it.
 */
static void walk_tables(struct walk *w)
{
	const struct zpci_hw *d = &zpci[w->hw->twin];
	int type = (int)((d->iota >> 2) & 3);
	uint64_t full = 0x3;		/* TF 0, TL 3: the whole top table */
	uint64_t reach = type ? type_reach(type) : 1ULL << 31;

	if (reach && w->hi > reach - 1)
		w->hi = reach - 1;
	if (w->lo > w->hi)
		return;
	if (type == 0)
		walk_segments(w, d->iota & ~0xfffULL, full, 0, false);
	else
		walk_region(w, type, d->iota & ~0xfffULL, full, 0, false);
}

static void to_engine(struct walk *w, const struct hw_leaf *l)
{
	w->hw->leaf(w->hw, l);
}

static void to_nowhere(struct walk *w, const struct hw_leaf *l)
{
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct zpci_hw *d = &zpci[hw->twin];
	struct walk w = { .hw = hw, .lo = lo, .hi = hi, .leaf = to_engine,
			  .tables = true };

	if (!d->registered || !d->iota) {
		hw->error(hw, "the function %s", !d->registered ?
			  "has no I/O address translation registered: its DMA is blocked" :
			  "translates nothing: relaxed translation was registered");
		return;
	}
	if (!(d->variant & V_REFRESH)) {
		walk_tables(&w);
		return;
	}
	/* The tables as they are; the translations as last refreshed. */
	w.leaf = to_nowhere;
	walk_tables(&w);
	for (size_t i = 0; i < d->shadow.n; i++) {
		const struct hw_leaf *l = &d->shadow.v[i];

		if (l->iova <= hi && l->iova + (l->size - 1) >= lo)
			hw->leaf(hw, l);
	}
}

/* Instructions ------------------------------------------------------------- */

static void leaves_push(struct leaves *lv, const struct hw_leaf *l)
{
	if (lv->n == lv->cap) {
		lv->cap = lv->cap ? 2 * lv->cap : 256;
		lv->v = realloc(lv->v, lv->cap * sizeof(*lv->v));
		if (!lv->v)
			abort();
	}
	lv->v[lv->n++] = *l;
}

static void to_shadow(struct walk *w, const struct hw_leaf *l)
{
	leaves_push(w->into, l);
}

/*
 * A refresh of [addr, last] in refresh mode: what the function translates
 * there is what the tables hold now; the rest stays as last refreshed.
 */
static void refresh_shadow(const struct hw_ctx *hw, uint64_t addr, uint64_t last)
{
	struct zpci_hw *d = &zpci[hw->twin];
	static struct leaves fresh;
	struct walk w = { .hw = hw, .lo = addr, .hi = last, .leaf = to_shadow,
			  .into = &fresh };
	struct leaves *s = &d->shadow;
	size_t keep = 0, tail;

	fresh.n = 0;
	walk_tables(&w);
	while (keep < s->n && s->v[keep].iova + (s->v[keep].size - 1) < addr)
		keep++;
	for (tail = keep; tail < s->n && s->v[tail].iova <= last; tail++)
		;
	/* Before [addr, last], then the fresh leaves, then after it. */
	for (size_t i = tail; i < s->n; i++)
		leaves_push(&fresh, &s->v[i]);
	s->n = keep;
	for (size_t i = 0; i < fresh.n; i++)
		leaves_push(s, &fresh.v[i]);
}

static const char *type_name(int type)
{
	return type_names[type];
}

/* MPCIFC: register the I/O address translation parameters. */
static void register_ioat(const struct hw_ctx *hw, struct zpci_hw *d)
{
	uint64_t pba = d->op[0], pal = d->op[1], iota = d->op[2];
	const struct function_kind *f = &functions[V_FUNCTION(d->variant)];
	int type = (int)((iota >> 2) & 3);

	if (d->registered)
		hw->protocol(hw, "I/O address translation registered twice, without deregistering");
	if (pba > pal || pba < f->sdma || pal > f->edma)
		hw->protocol(hw, "DMA window [0x%llx, 0x%llx] is outside the function's [0x%llx, 0x%llx]",
			     (unsigned long long)pba, (unsigned long long)pal,
			     (unsigned long long)f->sdma, (unsigned long long)f->edma);
	if (!iota && !(d->variant & V_RTR))
		hw->protocol(hw, "relaxed translation (no anchor) registered; the function does not offer it");
	if (iota && type_reach(type) && pal >= type_reach(type))
		hw->protocol(hw, "a %s table cannot translate the window's end 0x%llx",
			     type_name(type), (unsigned long long)pal);
	if (iota && (type != d->expect.type || pba != d->expect.first ||
		     pal != d->expect.last))
		hw->protocol(hw, "registered [0x%llx, 0x%llx] through a %s table; the aperture is [0x%llx, 0x%llx], which needs a %s table (the smallest the function supports that reaches it)",
			     (unsigned long long)pba, (unsigned long long)pal,
			     type_name(type), (unsigned long long)d->expect.first,
			     (unsigned long long)d->expect.last,
			     type_name(d->expect.type));
	d->registered = true;
	d->pba = pba;
	d->pal = pal;
	d->iota = iota;
	d->shadow.n = 0;
}

/* RPCIT: drop what is cached for [addr, addr + range); an empty one is none. */
static void refresh(const struct hw_ctx *hw, struct zpci_hw *d)
{
	uint64_t addr = d->op[0], range = d->op[1];

	if (!d->registered || (range && addr + (range - 1) < addr)) {
		hw->protocol(hw, "RPCIT of [0x%llx +0x%llx] %s",
			     (unsigned long long)addr, (unsigned long long)range,
			     d->registered ? "wraps around" :
			     "with no translation registered");
		return;
	}
	if (!range)
		return;
	ptf_rt_iotlb_inval(PTF_INVAL_WALK, addr, range);
	if ((d->variant & V_REFRESH) && d->iota)
		refresh_shadow(hw, addr, addr + (range - 1));
}

static void execute(const struct hw_ctx *hw, struct zpci_hw *d, uint32_t insn)
{
	d->cc = d->status = 0;
	if (insn != I_CLP_QUERY && d->fh != FH) {
		d->cc = 3;	/* invalid handle */
		hw->protocol(hw, "instruction %u for function handle 0x%x, not 0x%x",
			     insn, d->fh, FH);
		return;
	}
	if (insn != I_CLP_QUERY && d->dmaas)
		hw->protocol(hw, "DMA address space %u: the function has one", d->dmaas);
	switch (insn) {
	case I_CLP_QUERY:
		break;
	case I_REG_IOAT:
		register_ioat(hw, d);
		break;
	case I_DEREG_IOAT:
		if (!d->registered)
			hw->protocol(hw, "I/O address translation deregistered, but none is registered");
		d->registered = false;
		d->shadow.n = 0;
		break;
	case I_RPCIT:
		refresh(hw, d);
		break;
	default:
		hw->protocol(hw, "zPCI channel: no instruction %u", insn);
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	struct zpci_hw *d = &zpci[hw->twin];
	uint32_t off = reg_of(hw, phys, bytes);

	if (off >= R_OP1 && off < R_OP1 + 24) {
		uint64_t *op = &d->op[(off - R_OP1) / 8];

		if (off & 4)
			*op = (*op & 0xffffffffULL) | (uint64_t)val << 32;
		else
			*op = (*op & ~0xffffffffULL) | val;
		return;
	}
	switch (off) {
	case R_FH:
		d->fh = val;
		break;
	case R_DMAAS:
		d->dmaas = val;
		break;
	case R_EXEC:
		execute(hw, d, val);
		break;
	default:
		hw->protocol(hw, "write of 0x%x to zPCI channel register 0x%x", val, off);
	}
}

/* In refresh mode the function translates what the last refreshes found. */
static bool view_cached(const struct hw_ctx *hw)
{
	return zpci[hw->twin].variant & V_REFRESH;
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.view_cached = view_cached,
};

static bool driver_config(const struct target_setup *ts)
{
	return true;	/* each is a function the driver supports */
}

/*
 * Sites that document an op outside the contract.  invalidate_pt_entry()'s
 * WARN, an unmap over a hole, is not one: it is known finding
 * s390-unmap-hole-full-size.
 */
static const struct warn_site warn_sites[] = {
	{ "s390-map-live", "s390-iommu.c", "validate_pt_entry",
	  "(*entry & ZPCI_PTE_VALID_MASK) == ZPCI_PTE_VALID",
	  "a map over a live page: the driver overwrites the entry" },
	{ "s390-unmap-range", "s390-iommu.c", "s390_iommu_unmap_pages",
	  "~iova < s390_domain->domain.geometry.aperture_start ||*",
	  "an unmap past the reach of the top table (the core does not check the geometry)" },
	{ NULL },
};

/* Coverage: the function, the table types it offers, memory (the top), refresh mode. */
static const unsigned int class_fields[] = { F_FUNCTION, F_DEPTHS, F_MEMORY, F_REFRESH };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	static const char *const tops[] = { "segment", "rt", "rs", "rf" };

	snprintf(buf, len, "%s/%s-top/refresh-%s",
		 function_names[V_FUNCTION(ts->pt.variant)],
		 tops[expected_window(&ts->pt).type],
		 ts->pt.variant & V_REFRESH ? "yes" : "no");
}

static const struct target s390 = {
	.name		= "s390",
	.summary	= "s390-iommu: zPCI DMA translation, region-third/second/first tables from the aperture",
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

const struct target *const ptf_target = &s390;
