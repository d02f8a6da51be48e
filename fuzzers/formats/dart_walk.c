// SPDX-License-Identifier: GPL-2.0
/*
 * Apple DART's tables as the device walks them (dart_walk.h).  Entries are
 * 64 bits, bit 0 valid.  A table entry and a leaf hold the next table's or
 * the page's PA: bits [35:12] on the first DART generation (t8103), PA >> 4
 * in bits [37:10] on DART2 (t6000, t8110).  A leaf also carries its subpage
 * window (start in [63:52], end in [51:40]: 0 and 0xfff allow the whole
 * page) and the read/write denials (DART: bits 8 and 7; DART2: bits 3 and
 * 2, with bit 1 "no cache").
 */
#include "dart_walk.h"

#define PTE_VALID		1ULL
#define SUBPAGE_START(pte)	((pte) >> 52 & 0xfff)
#define SUBPAGE_END(pte)	((pte) >> 40 & 0xfff)

struct dart {
	const struct hw_ctx *hw;
	bool dart2;
	unsigned int shift, bpl;
};

static uint64_t pte_pa(const struct dart *w, uint64_t pte)
{
	if (!w->dart2)
		return pte & 0x0000000ffffff000ULL;		/* [35:12] */
	return (pte & 0x0000003ffffffc00ULL) << 4;		/* [37:10] << 4 */
}

static int pte_access(const struct dart *w, uint64_t pte)
{
	uint64_t no_read = w->dart2 ? 1 << 3 : 1 << 8;
	uint64_t no_write = w->dart2 ? 1 << 2 : 1 << 7;

	return (pte & no_read ? 0 : MODEL_PROT_READ) |
	       (pte & no_write ? 0 : MODEL_PROT_WRITE) |
	       (w->dart2 && !(pte & 1 << 1) ? HW_MEM_CACHED : 0);
}

static void report_leaf(const struct dart *w, uint64_t va, uint64_t pte)
{
	struct hw_leaf l = {
		.iova = va, .size = 1ULL << w->shift, .phys = pte_pa(w, pte),
		.access = pte_access(w, pte),
	};

	if (SUBPAGE_START(pte) != 0 || SUBPAGE_END(pte) != 0xfff)
		w->hw->error(w->hw, "leaf at 0x%llx only allows the subpage window 0x%llx-0x%llx",
			     (unsigned long long)va,
			     (unsigned long long)SUBPAGE_START(pte),
			     (unsigned long long)SUBPAGE_END(pte));
	w->hw->leaf(w->hw, &l);
}

/* @level 1 holds leaves; each level above holds tables. */
static void walk(const struct dart *w, uint64_t table, unsigned int level,
		 uint64_t va, uint64_t lo, uint64_t hi)
{
	unsigned int sh = w->shift + (level - 1) * w->bpl;
	uint64_t entries = 1ULL << w->bpl;
	uint64_t first = lo > va ? (lo - va) >> sh : 0;
	uint64_t last = (hi - va) >> sh;
	const uint64_t *ptes = w->hw->map(w->hw, table, 8 * entries);

	if (!ptes) {
		w->hw->error(w->hw, "table at 0x%llx is not live page-table memory",
			     (unsigned long long)table);
		return;
	}
	if (last >= entries)
		last = entries - 1;
	for (uint64_t i = first; i <= last; i++) {
		uint64_t pte = ptes[i], at = va + (i << sh);

		if (!(pte & PTE_VALID))
			continue;
		if (level == 1) {
			report_leaf(w, at, pte);
			continue;
		}
		w->hw->table(w->hw, pte_pa(w, pte), at, sh);
		walk(w, pte_pa(w, pte), level - 1, at, lo, hi);
	}
}

void dart_walk(const struct hw_ctx *hw, const struct dart_regime *r,
	       uint64_t lo, uint64_t hi)
{
	struct dart w = {
		.hw = hw, .dart2 = r->dart2, .shift = r->shift,
		.bpl = r->shift - 3,
	};
	unsigned int top = w.shift + r->levels * w.bpl;	/* IOVA bits per TTBR */

	for (uint64_t t = 0; t < DART_WALK_TTBRS; t++) {
		uint64_t base = t << top;

		if (!r->ttbr[t] || base > hi ||
		    (top < 64 && base + ((1ULL << top) - 1) < lo))
			continue;
		walk(&w, r->ttbr[t], r->levels, base, lo, hi);
	}
}
