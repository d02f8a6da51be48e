// SPDX-License-Identifier: GPL-2.0
/*
 * The ARMv7 short-descriptor table walk (v7s_walk.h), from the format:
 * first level entries cover 1 MiB (section, bit 18 = supersection of 16
 * identical entries) or point to a 256-entry second-level table; second
 * level entries are 4K small pages (bit 1) or 64K large pages (type 0b01,
 * 16 identical entries).  AP[2] is bit 15 (L1) / bit 9 (L2), AF is AP[0];
 * XN, and the memory type through TEX remap (PRRR, NMRR).  MediaTek's
 * extension keeps PA[34:32] in bits 9, 4, 5.  Shared by the arm_v7s
 * target and the drivers' targets on v7s tables.
 */
#include "v7s_walk.h"

#define L1_TABLE	0x1u
#define L1_SECTION	0x2u
#define L1_SUPER	(1u << 18)
#define L2_SMALL	0x2u
#define L2_LARGE	0x1u
#define CONT		16	/* entries in a supersection or large page */

struct v7s {
	const struct hw_ctx *hw;
	const struct v7s_regime *r;
	bool mtk;		/* PA[34:32] in bits 5, 4, 9 */
	bool perms;
	unsigned int l1_entries;
};

static uint64_t mtk_bits(const struct v7s *w, uint32_t pte)
{
	if (!w->mtk)
		return 0;
	return (uint64_t)(pte >> 9 & 1) << 32 | (uint64_t)(pte >> 4 & 1) << 33 |
	       (uint64_t)(pte >> 5 & 1) << 34;
}

static const uint32_t *map_table(const struct v7s *w, uint64_t table,
				  unsigned int entries)
{
	const uint32_t *pte = w->hw->map(w->hw, table, 4ULL * entries);

	if (!pte)
		w->hw->error(w->hw, "table at 0x%llx is not live page-table memory",
			     (unsigned long long)table);
	return pte;
}

/* Where an entry kind keeps its attributes. */
struct v7s_attrs {
	unsigned int ap;	/* AP[0] (the access flag); AP[1] +1, AP[2] +5 */
	unsigned int xn;	/* the XN bit */
	unsigned int tex;	/* TEX[2:0] */
};

static const struct v7s_attrs section_attrs = { 10, 4, 12 };
static const struct v7s_attrs small_attrs = { 4, 0, 6 };
static const struct v7s_attrs large_attrs = { 4, 15, 12 };

/*
 * The memory type with TEX remap (the driver programs PRRR and NMRR):
 * index TEX[0]:C:B; PRRR's TRn says device (0b00, 0b01) or normal, and
 * NMRR's IRn and ORn write-back (0b01 WBWA, 0b11 WB) or not.
 */
static int mem_type(const struct v7s *w, uint32_t pte, unsigned int tex)
{
	unsigned int idx = (pte >> tex & 1) << 2 | (pte >> 3 & 1) << 1 |
			   (pte >> 2 & 1);
	uint32_t prrr = w->r->prrr, nmrr = w->r->nmrr;
	unsigned int ir = nmrr >> (2 * idx) & 3, or = nmrr >> (2 * idx + 16) & 3;

	if ((prrr >> (2 * idx) & 3) < 2)
		return HW_MEM_DEVICE;
	return (ir & 1) && (or & 1) ? HW_MEM_CACHED : 0;
}

/*
 * Access from AP[2:0] (AP[0] is the access flag: an entry without it
 * faults) and XN; without permission checks (NO_PERMS), everything: those
 * bits may then hold MediaTek's PA[34:32].
 */
static int pte_access(const struct v7s *w, uint32_t pte,
		      const struct v7s_attrs *at, uint64_t va)
{
	int acc = MODEL_PROT_READ | MODEL_PROT_WRITE | HW_ACC_EXEC |
		  HW_ACC_UNPRIV;

	acc |= mem_type(w, pte, at->tex);
	if (!w->perms)
		return acc;
	if (!(pte >> at->ap & 1))
		w->hw->error(w->hw, "entry 0x%08x at 0x%llx has the access flag clear",
			     pte, (unsigned long long)va);
	if (pte >> (at->ap + 5) & 1)
		acc &= ~MODEL_PROT_WRITE;
	if (!(pte >> (at->ap + 1) & 1))
		acc &= ~HW_ACC_UNPRIV;
	if (pte >> at->xn & 1)
		acc &= ~HW_ACC_EXEC;
	return acc;
}

/* A large page or supersection: 16 identical entries, group-aligned. */
static unsigned int check_group(const struct v7s *w, const uint32_t *pte,
				unsigned int i, uint64_t va)
{
	if (i % CONT)
		w->hw->error(w->hw, "contiguous group at 0x%llx starts at entry %u, not a multiple of 16",
			     (unsigned long long)va, i);
	for (unsigned int k = 1; k < CONT; k++)
		if (pte[i + k] != pte[i])
			w->hw->error(w->hw, "contiguous group at 0x%llx: entry %u is 0x%08x, not 0x%08x",
				     (unsigned long long)va, k, pte[i + k], pte[i]);
	return CONT;
}

static void leaf(const struct v7s *w, uint64_t va, uint64_t size,
		 uint64_t pa, int access)
{
	struct hw_leaf l = { .iova = va, .size = size, .phys = pa,
			     .access = access };

	w->hw->leaf(w->hw, &l);
}

static void walk_l2(const struct v7s *w, uint64_t table, uint64_t base,
		    uint64_t lo, uint64_t hi)
{
	const uint32_t *ptes = map_table(w, table, 256);
	unsigned int i = lo > base ? (unsigned int)((lo - base) >> 12) : 0;
	unsigned int last = hi - base >= (1 << 20) ? 255 :
			    (unsigned int)((hi - base) >> 12);

	i &= ~(CONT - 1);	/* a group is walked from its first entry */
	while (i <= last) {
		uint32_t pte = ptes[i];
		uint64_t va = base + ((uint64_t)i << 12);

		if (pte & L2_SMALL) {
			leaf(w, va, 1 << 12, (pte & 0xfffff000u) | mtk_bits(w, pte),
			     pte_access(w, pte, &small_attrs, va));
			i++;
		} else if (pte & L2_LARGE) {
			i += check_group(w, ptes, i, va);
			leaf(w, va, 1 << 16, (pte & 0xffff0000u) | mtk_bits(w, pte),
			     pte_access(w, pte, &large_attrs, va));
		} else {
			i++;
		}
	}
}

static uint64_t l1_base(uint64_t ttbr, bool mtk, unsigned int entries)
{
	uint64_t base = ttbr & 0xffffffffu & ~(4ULL * entries - 1);

	/* MediaTek keeps the table's PA[34:32] in the TTBR's low bits. */
	return mtk ? base | (ttbr & 7) << 32 : base;
}

void v7s_walk(const struct hw_ctx *hw, const struct v7s_regime *r,
	      uint64_t lo, uint64_t hi)
{
	struct v7s w = {
		.hw = hw,
		.r = r,
		.mtk = r->quirks & PTF_QUIRK_ARM_MTK_EXT,
		.perms = !(r->quirks & PTF_QUIRK_NO_PERMS),
		/* TTBCR.N = 0: the L1 table indexes the whole input range. */
		.l1_entries = 1u << (r->ias - 20),
	};
	const uint32_t *l1;
	unsigned int i, last;

	l1 = map_table(&w, l1_base(r->ttbr, w.mtk, w.l1_entries), w.l1_entries);
	i = (unsigned int)(lo >> 20) & ~(CONT - 1);
	last = hi >> 20 >= w.l1_entries ? w.l1_entries - 1 : (unsigned int)(hi >> 20);
	while (i <= last && i < w.l1_entries) {
		uint32_t pte = l1[i];
		uint64_t va = (uint64_t)i << 20;

		if ((pte & 3) == L1_TABLE) {
			uint64_t l2 = (pte & 0xfffffc00u) |
				      ((r->quirks & PTF_QUIRK_ARM_MTK_TTBR_EXT) ?
				       mtk_bits(&w, pte) : 0);

			hw->table(hw, l2, va, 20);
			walk_l2(&w, l2, va, lo, hi);
			i++;
		} else if ((pte & L1_SECTION) && (pte & L1_SUPER)) {
			i += check_group(&w, l1, i, va);
			leaf(&w, va, 1 << 24, (pte & 0xff000000u) | mtk_bits(&w, pte),
			     pte_access(&w, pte, &section_attrs, va));
		} else if (pte & L1_SECTION) {
			leaf(&w, va, 1 << 20, (pte & 0xfff00000u) | mtk_bits(&w, pte),
			     pte_access(&w, pte, &section_attrs, va));
			i++;
		} else {
			i++;
		}
	}
}
