// SPDX-License-Identifier: GPL-2.0
/*
 * pt_riscv64: generic_pt's RISC-V format, the Sv39/Sv48/Sv57 page tables
 * that the RISC-V IOMMU walks for a device context's first stage (RISC-V
 * Privileged spec, "Sv39/Sv48/Sv57" virtual-memory systems, the Svnapot and
 * Svpbmt extensions; RISC-V IOMMU spec, iosatp.MODE 8/9/10).
 * Configurations as drivers/iommu/riscv/iommu.c makes them (sign-extended
 * 39/48/57-bit VA, FLUSH_RANGE, SVNAPOT_64K, SVPBMT when the IOMMU has it,
 * a 56-bit OA), and what CONFIG_DEBUG_GENERIC_PT lets through besides: no
 * Svnapot, FLUSH_RANGE_NO_GAPS, narrower OAs, page sizes a driver narrows
 * (SIGN_EXTEND stays on: see setup()).
 *
 * The hardware walker follows the spec's translation process: 512 entries
 * of 8 bytes per table, 3/4/5 levels; the VA is canonical (sign-extended
 * from its top bit), so top-level entries 256-511 hold the upper half.  A
 * PTE with V (bit 0) clear is invalid.  Bits 60:54 are reserved, PBMT
 * (62:61) is reserved without Svpbmt and value 3 always; R=0 W=1 is
 * reserved.  R or X makes a leaf at any level (4K, 2M, 1G, 512G, 256T); a
 * superpage's PPN bits below its size must be zero.  Otherwise the PTE
 * points to the next table: at level 0 that faults, and A, D, U, PBMT and
 * N must be clear.  N (bit 63, Svnapot) is defined only on a level-0 leaf
 * with ppn[3:0] = 0b1000: one 64K page over 16 aligned, identical PTEs.
 * Device requests without a PASID are U-mode: a leaf needs U.  The driver
 * leaves hardware A/D updating off (DC.tc.SADE): a leaf needs A, and a
 * write needs D.  W implies R (the encoding), so access is R or RW.
 */
#include "pt_common.h"

enum { F_IAS, F_OAS, F_FEATURES, F_PGSIZES, F_TABLES, F_CREATE_FAIL,
	NR_FIELDS };

#define PTF_PT_RISCV_SVNAPOT_64K	PTF_PT_FMT(0)
#define PTF_PT_RISCV_SVPBMT		PTF_PT_FMT(1)

#define SZ_4K		(1ULL << 12)
#define SZ_64K		(1ULL << 16)
#define SZ_2M		(1ULL << 21)
#define SZ_1G		(1ULL << 30)
#define SZ_512G		(1ULL << 39)
#define SZ_256T		(1ULL << 48)

static const char *const ias_names[] = { "39", "48", "57" };
static const uint64_t ias_values[] = { 39, 48, 57 };
static const char *const oas_names[] = { "56", "44", "40", "39" };
static const uint64_t oas_values[] = { 56, 44, 40, 39 };
/* SIGN_EXTEND is always on: see setup(). */
static const char *const feature_names[] = {
	"FLUSH_RANGE", "FLUSH_RANGE_NO_GAPS", "DETAILED_GATHER",
	"SVNAPOT_64K", "SVPBMT",
};
static const uint64_t feature_values[] = {
	PTF_PT_FLUSH_RANGE, PTF_PT_FLUSH_RANGE_NO_GAPS, PTF_PT_DETAILED_GATHER,
	PTF_PT_RISCV_SVNAPOT_64K, PTF_PT_RISCV_SVPBMT,
};
/*
 * What the driver leaves of the format's sizes.  "all" names every size
 * the format has (the kernel drops those the VA, OA or features lack), so
 * that the program decoder picks sizes from all of them.
 */
static const char *const pgsizes_names[] = {
	"all", "4K|2M|1G|512G|256T", "64K|2M|1G|512G|256T", "4K|64K", "4K",
	"64K|2M", "2M|1G", "4K|1G",
};
static const uint64_t pgsizes_values[] = {
	SZ_4K | SZ_64K | SZ_2M | SZ_1G | SZ_512G | SZ_256T,
	SZ_4K | SZ_2M | SZ_1G | SZ_512G | SZ_256T,
	SZ_64K | SZ_2M | SZ_1G | SZ_512G | SZ_256T,
	SZ_4K | SZ_64K,
	SZ_4K,
	SZ_64K | SZ_2M,
	SZ_2M | SZ_1G,
	SZ_4K | SZ_1G,
};

static const struct cfg_field fields[NR_FIELDS] = {
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values), .literal = true },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values), .literal = true },
	[F_FEATURES]	= { "features", FIELD(feature_names, feature_values),
			    .flags = true },
	[F_PGSIZES]	= { "pgsizes", FIELD(pgsizes_names, pgsizes_values) },
	PT_COMMON_FIELDS(F_TABLES, F_CREATE_FAIL),
};

/* The leaf sizes of Sv39/48/57 with the OA and Svnapot the config has. */
static uint64_t format_pgsizes(const struct target_config *cfg)
{
	uint64_t sizes = SZ_4K | SZ_2M | SZ_1G;

	if (cfg->v[F_FEATURES] & PTF_PT_RISCV_SVNAPOT_64K)
		sizes |= SZ_64K;
	if (cfg->v[F_IAS] >= 48)
		sizes |= SZ_512G;
	if (cfg->v[F_IAS] >= 57)
		sizes |= SZ_256T;
	if (cfg->v[F_OAS] < 64)
		sizes &= (1ULL << cfg->v[F_OAS]) - 1;
	return sizes;
}

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	/* IOMMUs address at least 4 GiB, and drivers say so. */
	if (cfg->v[F_IAS] < 32 || cfg->v[F_IAS] > 64 || cfg->v[F_OAS] < 32 ||
	    cfg->v[F_OAS] > 64)
		return false;
	/* A driver that narrows the page sizes leaves at least one. */
	if (!(format_pgsizes(cfg) & cfg->v[F_PGSIZES]))
		return false;
	/*
	 * Always SIGN_EXTEND.  Without it generic_pt gives the domain [0,
	 * 2^ias), but the IOMMU translates only canonical VAs: what the kernel
	 * maps at IOVA 2^(ias - 1) and up, a device reaches only at the
	 * sign-extended IOVA.  The format's only user always sets it.
	 */
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_PT_RISCV64,
		.features = PTF_PT_SIGN_EXTEND | (unsigned int)cfg->v[F_FEATURES],
		.pgsize_bitmap = cfg->v[F_PGSIZES],
		.ias = (unsigned int)cfg->v[F_IAS],
		.oas = (unsigned int)cfg->v[F_OAS],
	};
	pt_setup_common(ts, cfg->v[F_TABLES], cfg->v[F_CREATE_FAIL]);
	return true;
}

/*
 * riscv_iommu_alloc_paging_domain(): Sv57, Sv48 or Sv39 as the IOMMU
 * offers, a 56-bit OA, SIGN_EXTEND | FLUSH_RANGE | SVNAPOT_64K |
 * DETAILED_GATHER, and SVPBMT when the IOMMU has it; every page size.
 */
static bool driver_config(const struct target_setup *ts)
{
	const unsigned int always = PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE |
				    PTF_PT_RISCV_SVNAPOT_64K |
				    PTF_PT_DETAILED_GATHER;
	const struct ptf_pt_config *pt = &ts->pt;

	return (pt->ias == 39 || pt->ias == 48 || pt->ias == 57) &&
	       pt->oas == 56 && (pt->features & ~PTF_PT_RISCV_SVPBMT) == always &&
	       pt->pgsize_bitmap == pgsizes_values[0];
}

/* riscvpt_iommu_fmt_init(): Sv39, Sv48 or Sv57 from the VA. */
static bool riscv_init(const struct ptf_pt_config *pc, struct pt_geom *g)
{
	if (pc->ias != 39 && pc->ias != 48 && pc->ias != 57)
		return false;
	g->top_level = (pc->ias - 12) / 9 - 1;
	g->oasz = pc->oas < 56 ? pc->oas : 56;
	return true;
}

/* A leaf at every level; with Svnapot also 64K at level 0. */
static uint64_t riscv_sizes(const struct pt_geom *g, unsigned int level)
{
	uint64_t sizes = 1ULL << pt_item_lg2(g->fmt, level);

	if (!level && (g->features & PTF_PT_RISCV_SVNAPOT_64K))
		sizes |= SZ_64K;
	return sizes;
}

/* X unless NOEXEC, so no mappable prot lacks R, W and X. */
static int riscv_set_prot(const struct pt_geom *g, int prot)
{
	return 0;
}

/* fmt/riscv.h (64-bit) and iommu_riscv64.c */
static const struct pt_fmt riscv_pt = {
	.granule_lg2 = 12, .max_top_level = 4, .max_va_lg2 = 57,
	.max_oa_lg2 = 56,
	/*
	 * The format encodes Svpbmt (riscv_set_prot()); that
	 * PT_SUPPORTED_FEATURES leaves it out is known finding
	 * genpt-riscv-svpbmt-refused, not the format's rule.
	 */
	.supported = PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE |
		     PTF_PT_RISCV_SVNAPOT_64K | PTF_PT_RISCV_SVPBMT |
		     PTF_PT_DETAILED_GATHER,
	.forced = PTF_PT_DETAILED_GATHER,
	.init = riscv_init, .sizes = riscv_sizes, .set_prot = riscv_set_prot,
};

static void predict(const struct target_setup *ts, struct target_domain *d)
{
	pt_predict(ts, &riscv_pt, d);
}

/* riscvpt_iommu_set_prot(): IOMMU_WRITE sets R, W and D. */
static int access_of(const struct target_setup *ts, int prot)
{
	int acc = prot & MODEL_PROT_READ;

	if (prot & MODEL_PROT_WRITE)
		acc = MODEL_PROT_READ | MODEL_PROT_WRITE;
	if (!(prot & PTF_PROT_NOEXEC))
		acc |= HW_ACC_EXEC;
	/* Svpbmt: IO for IOMMU_MMIO, NC without IOMMU_CACHE, else the PMA. */
	if ((ts->pt.features & PTF_PT_RISCV_SVPBMT) && !(prot & PTF_PROT_MMIO) &&
	    (prot & PTF_PROT_CACHE))
		acc |= HW_MEM_CACHED;
	if ((ts->pt.features & PTF_PT_RISCV_SVPBMT) && (prot & PTF_PROT_MMIO))
		acc |= HW_MEM_DEVICE;
	return acc;
}

/* Hardware walker ---------------------------------------------------------- */

#define RV_V		(1ULL << 0)
#define RV_R		(1ULL << 1)
#define RV_W		(1ULL << 2)
#define RV_X		(1ULL << 3)
#define RV_U		(1ULL << 4)
#define RV_A		(1ULL << 6)
#define RV_D		(1ULL << 7)
#define RV_N		(1ULL << 63)
#define RV_PPN(e)	pt_bits(e, 53, 10)
#define RV_PBMT(e)	pt_bits(e, 62, 61)
#define RV_PBMT_RSVD	3

#define NAPOT_64K_ENTRIES	16
#define NAPOT_64K_PPN		0x8	/* ppn[3:0] of a 64K NAPOT PTE */

#define IOSATP_MODE_SV39	8

struct rv_walk {
	const struct hw_ctx *hw;
	unsigned int levels;	/* 3, 4, 5: Sv39, Sv48, Sv57 */
	bool svpbmt;		/* the IOMMU implements Svpbmt */
};

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * level;
}

/* Step 3 of the translation process: faults for any valid PTE. */
static bool pte_well_formed(const struct rv_walk *w, uint64_t e,
			    unsigned int level, uint64_t va)
{
	const char *fault = NULL;

	if (pt_bits(e, 60, 54))
		fault = "has reserved bits 60:54 set";
	else if (RV_PBMT(e) == RV_PBMT_RSVD || (RV_PBMT(e) && !w->svpbmt))
		fault = w->svpbmt ? "has a reserved PBMT" :
				    "has a PBMT, but the IOMMU has no Svpbmt";
	else if (!(e & RV_R) && (e & RV_W))
		fault = "is writable but not readable";
	if (fault)
		w->hw->error(w->hw, "level-%u PTE for 0x%llx %s: 0x%llx", level,
			     (unsigned long long)va, fault,
			     (unsigned long long)e);
	return !fault;
}

/* A valid level-0 PTE: well formed, and a leaf (there is no level below). */
static bool level0_leaf(const struct rv_walk *w, uint64_t e, uint64_t va)
{
	if (!pte_well_formed(w, e, 0, va))
		return false;
	if (e & (RV_R | RV_X))
		return true;
	w->hw->error(w->hw, "level-0 PTE for 0x%llx points to a table: 0x%llx",
		     (unsigned long long)va, (unsigned long long)e);
	return false;
}

/* What a U-mode request may do through leaf @e, without A/D updating. */
static int leaf_access(const struct rv_walk *w, uint64_t e)
{
	int access = 0;

	if (!(e & RV_U) || !(e & RV_A))
		return 0;
	if (e & RV_R)
		access |= MODEL_PROT_READ;
	if ((e & RV_W) && (e & RV_D))
		access |= MODEL_PROT_WRITE;
	if (e & RV_X)
		access |= HW_ACC_EXEC;
	/* Svpbmt's PMA (0) is the memory's own type: cacheable for RAM. */
	if (w->svpbmt && RV_PBMT(e) == 0)
		access |= HW_MEM_CACHED;
	if (w->svpbmt && RV_PBMT(e) == 2)
		access |= HW_MEM_DEVICE;
	return access;
}

static void report(const struct rv_walk *w, uint64_t va, uint64_t size,
		   uint64_t phys, uint64_t e)
{
	struct hw_leaf l = {
		.iova = va, .size = size, .phys = phys,
		.access = leaf_access(w, e),
	};

	w->hw->leaf(w->hw, &l);
}

static void superpage(const struct rv_walk *w, uint64_t e, unsigned int level,
		      uint64_t va)
{
	uint64_t ppn = RV_PPN(e);

	if (e & RV_N)
		w->hw->error(w->hw, "level-%u leaf for 0x%llx has N set: reserved above level 0: 0x%llx",
			     level, (unsigned long long)va,
			     (unsigned long long)e);
	else if (pt_bits(ppn, 9 * level - 1, 0))
		w->hw->error(w->hw, "misaligned level-%u superpage at 0x%llx: 0x%llx",
			     level, (unsigned long long)va,
			     (unsigned long long)e);
	else
		report(w, va, 1ULL << level_shift(level), ppn << 12, e);
}

/*
 * A group of 16 level-0 PTEs holding a NAPOT PTE: all 16 must be that
 * same PTE (Svnapot leaves other contents unspecified), with the one
 * encoding Svnapot defines.
 */
static void napot_64k(const struct rv_walk *w, const uint64_t *group,
		      uint64_t va)
{
	uint64_t e = group[0];

	for (unsigned int i = 0; i < NAPOT_64K_ENTRIES; i++)
		if (group[i] != e) {
			w->hw->error(w->hw, "64K NAPOT group at 0x%llx: entry %u is 0x%llx, entry 0 0x%llx",
				     (unsigned long long)va, i,
				     (unsigned long long)group[i],
				     (unsigned long long)e);
			return;
		}
	if (!level0_leaf(w, e, va))
		return;
	if (pt_bits(RV_PPN(e), 3, 0) != NAPOT_64K_PPN) {
		w->hw->error(w->hw, "NAPOT PTE for 0x%llx has a reserved size encoding: 0x%llx",
			     (unsigned long long)va, (unsigned long long)e);
		return;
	}
	report(w, va, SZ_64K, (RV_PPN(e) & ~0xfULL) << 12, e);
}

static void page_4k(const struct rv_walk *w, uint64_t e, uint64_t va)
{
	if (!(e & RV_V) || !level0_leaf(w, e, va))
		return;
	report(w, va, SZ_4K, RV_PPN(e) << 12, e);
}

/* The last level, in the 64K groups Svnapot may join into one page. */
static void walk_ptes(const struct rv_walk *w, const uint64_t *ptes,
		      uint64_t va, uint64_t lo, uint64_t hi)
{
	for (unsigned int g = 0; g < 512; g += NAPOT_64K_ENTRIES) {
		const uint64_t *group = ptes + g;
		uint64_t at = va + g * SZ_4K;
		bool napot = false;

		if (at + (SZ_64K - 1) < lo || at > hi)
			continue;
		for (unsigned int i = 0; i < NAPOT_64K_ENTRIES; i++)
			napot |= (group[i] & (RV_V | RV_N)) == (RV_V | RV_N);
		if (napot) {
			napot_64k(w, group, at);
			continue;
		}
		for (unsigned int i = 0; i < NAPOT_64K_ENTRIES; i++)
			if (at + i * SZ_4K + (SZ_4K - 1) >= lo &&
			    at + i * SZ_4K <= hi)
				page_4k(w, group[i], at + i * SZ_4K);
	}
}

static void walk(const struct rv_walk *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi);

/* A level 1..top PTE: invalid, a superpage, or the next table. */
static void visit(const struct rv_walk *w, uint64_t e, unsigned int level,
		  uint64_t va, uint64_t lo, uint64_t hi)
{
	if (!(e & RV_V) || !pte_well_formed(w, e, level, va))
		return;
	if (e & (RV_R | RV_X)) {
		superpage(w, e, level, va);
		return;
	}
	/* Reserved on a pointer, and so a fault. */
	if (e & (RV_A | RV_D | RV_U | RV_N) || RV_PBMT(e)) {
		w->hw->error(w->hw, "level-%u table pointer for 0x%llx has A, D, U, N or PBMT set: 0x%llx",
			     level, (unsigned long long)va,
			     (unsigned long long)e);
		return;
	}
	w->hw->table(w->hw, RV_PPN(e) << 12, va, level_shift(level));
	walk(w, RV_PPN(e) << 12, level - 1, va, lo, hi);
}

static void walk(const struct rv_walk *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi)
{
	unsigned int shift = level_shift(level);
	const uint64_t *ptes = w->hw->map(w->hw, table, 4096);

	if (!ptes) {
		w->hw->error(w->hw, "table at 0x%llx is not live page-table memory",
			     (unsigned long long)table);
		return;
	}
	if (!level) {
		walk_ptes(w, ptes, va, lo, hi);
		return;
	}
	for (uint64_t i = 0; i < 512; i++) {
		uint64_t at = va + (i << shift);

		/* A canonical VA repeats its top bit above it. */
		if (level == w->levels - 1)
			at = pt_sign_extend(at, shift + 9);
		if (at + ((1ULL << shift) - 1) < lo || at > hi)
			continue;
		visit(w, ptes[i], level, at, lo, hi);
	}
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	uint64_t mode = hw->info->regs[1];
	struct rv_walk w = {
		.hw = hw,
		.svpbmt = hw->pt->features & PTF_PT_RISCV_SVPBMT,
	};

	if (mode < IOSATP_MODE_SV39 || mode > IOSATP_MODE_SV39 + 2) {
		hw->error(hw, "iosatp.MODE %llu is not Sv39, Sv48 or Sv57",
			  (unsigned long long)mode);
		return;
	}
	w.levels = 3 + (unsigned int)(mode - IOSATP_MODE_SV39);
	walk(&w, hw->info->regs[0], w.levels - 1, 0, lo, hi);
}

/* Coverage classes: see pt_class_name(). */
static const unsigned int class_fields[] = { F_IAS, F_FEATURES };

static const struct target pt_riscv64 = {
	.name		= "pt_riscv64",
	.summary	= "generic_pt riscv64: RISC-V IOMMU first stage, Sv39/48/57",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = pt_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= pt_warn_sites,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= pt_class_name,
	.twin		= PT_TWINS,
};

const struct target *const ptf_target = &pt_riscv64;
