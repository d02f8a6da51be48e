// SPDX-License-Identifier: GPL-2.0
/*
 * The VMSAv8 long-descriptor table walk, as an SMMU or a Mali GPU does it
 * (lpae_walk.h), written from the Arm ARM: start level from T0SZ (stage 1)
 * or SL0 (stage 2) and the granule from TG, descriptor type in bits [1:0],
 * output address in [47:granule] plus [51:48] in bits [15:12] for 64K,
 * AP[2] = bit 7, DBM = bit 51, stage-2 S2AP = bits [7:6]; the access flag,
 * execute-never, unprivileged access and the memory type (MAIR, MemAttr,
 * Mali's MEMATTR).  Shared by the arm_lpae target and the SMMU drivers'.
 */
#include <string.h>

#include "lpae_walk.h"

static bool is_s1(enum ptf_fmt fmt)
{
	return fmt == PTF_FMT_ARM_64_LPAE_S1 || fmt == PTF_FMT_ARM_32_LPAE_S1;
}

static bool is_s2(enum ptf_fmt fmt)
{
	return fmt == PTF_FMT_ARM_64_LPAE_S2 || fmt == PTF_FMT_ARM_32_LPAE_S2;
}

#define DESC_VALID	(1ULL << 0)
#define DESC_TABLE	(1ULL << 1)	/* with VALID: table (or page at L3) */
#define DESC_ATTR(d)	((unsigned int)((d) >> 2) & 7)	/* AttrIndx / MemAttr[2:0] */
#define DESC_MEMATTR(d)	((unsigned int)((d) >> 2) & 0xf)	/* stage 2 */
#define DESC_AP1	(1ULL << 6)	/* stage 1: unprivileged access */
#define DESC_AF		(1ULL << 10)
#define DESC_XN(d)	((unsigned int)((d) >> 53) & 3)	/* UXN, PXN / XN[1:0] */
#define DESC_AP2	(1ULL << 7)	/* stage 1: read-only */
#define DESC_S2AP_R	(1ULL << 6)
#define DESC_S2AP_W	(1ULL << 7)
#define DESC_DBM	(1ULL << 51)
#define DESC_NS		(1ULL << 5)	/* block and page descriptors */
#define DESC_NSTABLE	(1ULL << 63)	/* table descriptors */
#define OA_LOW_MASK	0x0000fffffffff000ULL	/* bits [47:12] */

struct lpae {
	const struct hw_ctx *hw;
	unsigned int shift, bpl;	/* granule shift, bits per level */
	int start;			/* start level */
	unsigned int ias;
	uint64_t va_base;		/* IOVA of index 0 at the start level */
	bool mali;
	const struct lpae_regime *r;
};

static unsigned int lvl_shift(const struct lpae *w, int lvl)
{
	return w->shift + (3 - lvl) * w->bpl;
}

static uint64_t desc_oa(const struct lpae *w, uint64_t desc)
{
	uint64_t oa = desc & OA_LOW_MASK;

	if (w->shift == 16)	/* 64K granule: OA[51:48] in bits [15:12] */
		oa = (oa & ~0xffffULL) | ((desc >> 12 & 0xf) << 48);
	return oa;
}

static bool block_allowed(const struct lpae *w, int lvl)
{
	if (w->shift == 12)
		return lvl == 1 || lvl == 2;
	if (w->shift == 14)
		return lvl == 2;
	/* FEAT_LPA: 4T blocks with a 52-bit PA, as the configuration has it. */
	return lvl == 2 || (lvl == 1 && w->r->oas > 48);
}

/*
 * The memory type: stage 1 indexes MAIR with AttrIndx (device when the
 * attribute's upper nibble is 0, write-back when inner and outer are RW
 * allocate: 0xff); stage 2 has MemAttr[3:0] (0b00xx device, 0b1111
 * write-back; with S2FWB 0b0110 forces write-back); Mali indexes its
 * MEMATTR register, where 0x8d is write-allocate.
 */
static int mem_type(const struct lpae *w, uint64_t desc)
{
	enum ptf_fmt fmt = w->r->fmt;
	unsigned int attr;

	if (w->mali) {
		attr = w->r->regs[1] >> (8 * DESC_ATTR(desc)) & 0xff;
		return attr == 0x8d ? HW_MEM_CACHED : 0;
	}
	if (is_s1(fmt)) {
		attr = w->r->regs[3] >> (8 * DESC_ATTR(desc)) & 0xff;
		if (!(attr >> 4))
			return HW_MEM_DEVICE;
		return attr == 0xff ? HW_MEM_CACHED : 0;
	}
	attr = DESC_MEMATTR(desc);
	if (!(attr & 0xc))
		return HW_MEM_DEVICE;
	if (w->r->s2fwb)
		return attr == 0x6 ? HW_MEM_CACHED : 0;
	return attr == 0xf ? HW_MEM_CACHED : 0;
}

/*
 * What the leaf grants.  An access flag of 0 faults every access (no
 * hardware AF update); Mali has no access flag.
 */
static int leaf_access(const struct lpae *w, uint64_t desc, bool *dirty)
{
	enum ptf_fmt fmt = w->r->fmt;
	int acc;

	*dirty = false;
	if (!w->mali && !(desc & DESC_AF))
		return 0;
	if (!is_s1(fmt)) {
		acc = (desc & DESC_S2AP_R ? MODEL_PROT_READ : 0) |
		      (desc & DESC_S2AP_W ? MODEL_PROT_WRITE : 0);
	} else {
		/* Writable if AP[2] is clear, or if DBM lets hardware clear it. */
		*dirty = (desc & DESC_DBM) && !(desc & DESC_AP2);
		acc = MODEL_PROT_READ;
		if (!(desc & DESC_AP2) || (desc & DESC_DBM))
			acc |= MODEL_PROT_WRITE;
		if (desc & DESC_AP1)
			acc |= HW_ACC_UNPRIV;
	}
	if (!DESC_XN(desc))
		acc |= HW_ACC_EXEC;
	return acc | mem_type(w, desc);
}

static void report_leaf(const struct lpae *w, uint64_t va, int lvl,
			uint64_t desc)
{
	uint64_t size = 1ULL << lvl_shift(w, lvl), oa = desc_oa(w, desc);
	struct hw_leaf leaf = { .iova = va, .size = size, .phys = oa };

	if (oa & (size - 1))
		w->hw->error(w->hw, "level %d leaf at 0x%llx: output address 0x%llx not aligned to 0x%llx",
			     lvl, (unsigned long long)va, (unsigned long long)oa,
			     (unsigned long long)size);
	leaf.access = leaf_access(w, desc, &leaf.dirty);
	w->hw->leaf(w->hw, &leaf);
}

static void walk_table(const struct lpae *w, uint64_t table, int lvl,
		       uint64_t va, uint64_t entries, uint64_t lo, uint64_t hi);

static void walk_entry(const struct lpae *w, uint64_t va, int lvl,
		       uint64_t desc, uint64_t lo, uint64_t hi)
{
	bool last = lvl == 3;

	if (!(desc & DESC_VALID))
		return;
	if (last && !w->mali && !(desc & DESC_TABLE))
		w->hw->error(w->hw, "level 3 descriptor 0x%llx at 0x%llx has the reserved type 0b01",
			     (unsigned long long)desc, (unsigned long long)va);
	if (last || !(desc & DESC_TABLE)) {
		if (last && w->mali && (desc & DESC_TABLE))
			w->hw->error(w->hw, "Mali level 3 descriptor 0x%llx is not a page",
				     (unsigned long long)desc);
		if (!last && !block_allowed(w, lvl))
			w->hw->error(w->hw, "block at level %d (0x%llx) is not allowed with a %uK granule",
				     lvl, (unsigned long long)va, 1u << (w->shift - 10));
		if (w->r->ns_each_level && !(desc & DESC_NS))
			w->hw->error(w->hw, "level %d leaf 0x%llx at 0x%llx is secure (NS clear): a non-secure access faults",
				     lvl, (unsigned long long)desc, (unsigned long long)va);
		report_leaf(w, va, lvl, desc);
		return;
	}
	if (w->r->ns_each_level && !(desc & DESC_NSTABLE))
		w->hw->error(w->hw, "level %d table descriptor 0x%llx at 0x%llx has NSTable clear: a non-secure access faults",
			     lvl, (unsigned long long)desc, (unsigned long long)va);
	w->hw->table(w->hw, desc_oa(w, desc) & ~((1ULL << w->shift) - 1), va,
		     lvl_shift(w, lvl));
	walk_table(w, desc_oa(w, desc) & ~((1ULL << w->shift) - 1), lvl + 1,
		   va, 1ULL << w->bpl, lo, hi);
}

static void walk_table(const struct lpae *w, uint64_t table, int lvl,
		       uint64_t va, uint64_t entries, uint64_t lo, uint64_t hi)
{
	unsigned int sh = lvl_shift(w, lvl);
	uint64_t first = lo > va ? (lo - va) >> sh : 0;
	uint64_t last = (hi - va) >> sh;

	const uint64_t *desc = w->hw->map(w->hw, table, 8 * entries);

	if (!desc)
		w->hw->error(w->hw, "level %d table at 0x%llx is not live page-table memory",
			     lvl, (unsigned long long)table);
	if (last >= entries)
		last = entries - 1;
	for (uint64_t i = first; i <= last; i++)
		walk_entry(w, va + (i << sh), lvl, desc[i], lo, hi);
}

/* Decode the translation regime from what the driver would program. */
static void regime(const struct hw_ctx *hw, const struct lpae_regime *r,
		   struct lpae *w, uint64_t *root)
{
	static const unsigned int tg0_shift[4] = { 12, 16, 14, 0 };
	static const unsigned int tg1_shift[4] = { 0, 14, 12, 16 };
	const ptf_u64 *regs = r->regs;
	bool ttbr1 = r->ttbr1;
	unsigned int levels;

	memset(w, 0, sizeof(*w));
	w->hw = hw;
	w->r = r;
	if (r->fmt == PTF_FMT_ARM_MALI_LPAE) {
		/* Mali: 4K pages, always four levels, 48-bit VA. */
		w->mali = true;
		w->shift = 12;
		w->ias = 48;
		*root = regs[0] & OA_LOW_MASK;
	} else {
		w->shift = ttbr1 ? tg1_shift[regs[2] & 3] : tg0_shift[regs[2] & 3];
		w->ias = 64 - (unsigned int)regs[1];
		*root = regs[0] & 0x000ffffffffffffeULL;
	}
	w->bpl = w->shift - 3;
	levels = (w->ias - w->shift + w->bpl - 1) / w->bpl;
	w->start = 4 - (int)levels;
	if (w->mali) {
		w->start = 0;
	} else if (is_s2(r->fmt)) {
		/* SL0: 4K counts down from level 2, 16K/64K from level 3. */
		unsigned int sl0 = (unsigned int)regs[3];

		w->start = w->shift == 12 ? 2 - (int)sl0 : 3 - (int)sl0;
	}
	w->va_base = ttbr1 ? -(1ULL << w->ias) : 0;
}

void lpae_walk(const struct hw_ctx *hw, const struct lpae_regime *r,
	       uint64_t lo, uint64_t hi)
{
	struct lpae w;
	uint64_t root, entries;
	unsigned int bits;

	regime(hw, r, &w, &root);
	bits = w.ias - lvl_shift(&w, w.start);
	if (w.mali)
		bits = w.bpl;
	if (bits > 20 || w.start < 0)
		hw->error(hw, "start level %d with %u index bits cannot be walked",
			  w.start, bits);
	entries = 1ULL << bits;
	if (root & (entries * 8 - 1) & ~0xfULL)
		hw->error(hw, "translation table base 0x%llx not aligned to its %llu-entry table",
			  (unsigned long long)root, (unsigned long long)entries);
	if (lo < w.va_base)
		lo = w.va_base;
	walk_table(&w, root & ~(entries * 8 - 1), w.start, w.va_base, entries,
		   lo, hi);
}

/* The leaf descriptor a device access goes through, or NULL on a fault. */
static uint64_t *find_leaf(const struct lpae *w, uint64_t root, uint64_t iova)
{
	uint64_t table = root, off = iova - w->va_base;

	/* Outside the input range the MMU faults (T0SZ/T1SZ). */
	if (iova < w->va_base || (w->ias < 64 && off >> w->ias))
		return NULL;
	for (int lvl = w->start; lvl <= 3; lvl++) {
		uint64_t idx = off >> lvl_shift(w, lvl);
		uint64_t *desc;

		if (lvl > w->start)
			idx &= (1ULL << w->bpl) - 1;
		desc = w->hw->map(w->hw, table + 8 * idx, 8);
		if (!desc || !(*desc & DESC_VALID))
			return NULL;
		if (lvl == 3 || !(*desc & DESC_TABLE))
			return desc;
		table = desc_oa(w, *desc) & ~((1ULL << w->shift) - 1);
	}
	return NULL;
}

/* HTTU with DBM: a write to a writable-clean entry clears AP[2]. */
enum hw_write_result lpae_write(const struct hw_ctx *hw,
				const struct lpae_regime *r, uint64_t iova)
{
	struct lpae w;
	uint64_t root, *desc;
	bool dirty;

	regime(hw, r, &w, &root);
	desc = find_leaf(&w, root, iova);
	if (!desc || !(leaf_access(&w, *desc, &dirty) & MODEL_PROT_WRITE))
		return HW_WRITE_FAULT;
	if (is_s1(r->fmt) && (*desc & DESC_DBM) && (*desc & DESC_AP2))
		*desc &= ~DESC_AP2;
	return HW_WRITE_DONE;
}
