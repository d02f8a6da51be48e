/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pt_common.h - what every generic_pt target shares: the configuration
 * fields generic_pt has for all formats, the model rules its range ops
 * follow, and the WARN sites of iommu_pt.h.  Format knowledge (levels,
 * descriptors, the hardware walker) stays in each pt_<format>.c.
 */
#ifndef PTF_PT_COMMON_H
#define PTF_PT_COMMON_H

#include "target.h"

#define PT_NR_TABLES	2
#define PT_NR_FAILS	6
extern const char *const pt_tables_names[PT_NR_TABLES];
extern const uint64_t pt_tables_values[PT_NR_TABLES];
extern const char *const pt_fail_names[PT_NR_FAILS];
extern const uint64_t pt_fail_values[PT_NR_FAILS];

/* The two fields every generic_pt target ends its list with. */
#define PT_COMMON_FIELDS(tables, create_fail)				\
	[tables]	= { "tables", FIELD(pt_tables_names, pt_tables_values) }, \
	[create_fail]	= { "create_fail", FIELD(pt_fail_names, pt_fail_values) }

/* Page-table memory: "low" below 4 GiB, "high" at 1 TiB. */
uint64_t pt_table_base(uint64_t tables);

/* What those two fields set: both twins' table arena, the failing allocation. */
void pt_setup_common(struct target_setup *ts, uint64_t tables,
		     uint64_t create_fail);

/*
 * A generic_pt format as its header defines it (fmt/<name>.h and
 * fmt/iommu_<name>.c): the constants, the features it compiles, what its
 * pt_iommu_fmt_init() keeps of a config, its pt_possible_sizes() and its
 * pt_iommu_set_prot() refusals.  Every format has 2^granule_lg2 items at
 * level 0 and 512-entry tables above, so level L's items span
 * granule_lg2 + 9 * L bits.
 */
struct pt_geom;

struct pt_fmt {
	unsigned int granule_lg2;	/* PT_GRANULE_LG2SZ */
	unsigned int max_top_level;	/* PT_MAX_TOP_LEVEL */
	unsigned int max_va_lg2;	/* PT_MAX_VA_ADDRESS_LG2 */
	unsigned int max_oa_lg2;	/* PT_MAX_OUTPUT_ADDRESS_LG2 */
	unsigned int supported;		/* PT_SUPPORTED_FEATURES (PTF_PT_*) */
	unsigned int forced;		/* PT_FORCE_ENABLED_FEATURES */
	/* pt_iommu_fmt_init(): top level, VA and OA limits; false: refused. */
	bool (*init)(const struct ptf_pt_config *pc, struct pt_geom *g);
	/* pt_possible_sizes() at @level (0 if it holds no leaf). */
	uint64_t (*sizes)(const struct pt_geom *g, unsigned int level);
	/* pt_iommu_set_prot(): 0 or the -errno it refuses @prot with. */
	int (*set_prot)(const struct pt_geom *g, int prot);
	bool dirty;			/* the domain has IOMMU_PT_DIRTY_OPS */
};

/* What pt_iommu_init() made of a config: the model's context. */
struct pt_geom {
	const struct pt_fmt *fmt;
	unsigned int features;		/* PTF_PT_* as pt_feature() answers */
	unsigned int top_level;		/* the starting top */
	unsigned int vasz, oasz;	/* common->max_vasz_lg2, max_oasz_lg2 */
	uint64_t pgsize_bitmap;		/* domain->pgsize_bitmap */
};

/* IOVA bits the items of @level span. */
static inline unsigned int pt_item_lg2(const struct pt_fmt *f,
				       unsigned int level)
{
	return f->granule_lg2 + 9 * level;
}

/* IOVA bits a table of @level spans (64 at most: amdv1's 128-entry top). */
static inline unsigned int pt_span_lg2(const struct pt_fmt *f,
				       unsigned int level)
{
	unsigned int span = pt_item_lg2(f, level) + 9;

	return span < 64 ? span : 64;
}

/*
 * What pt_iommu_<fmt>_init() and the genpt glue make of the config, by
 * generic_pt's rules (pt_iommu_init(), pt_init_common(),
 * pt_iommu_init_domain()) and the format's: a target's predict op.
 */
void pt_predict(const struct target_setup *ts, const struct pt_fmt *fmt,
		struct target_domain *d);

/*
 * Coverage for a generic_pt target: the starting top level, the VA band,
 * and the features that change the table's behaviour (dynamic top, sign
 * extension, non-coherent walks, the format's own first two).
 */
void pt_class_name(const struct target_setup *ts, char *buf, size_t len);

/* A format without read_and_clear_dirty: iommufd gets -EOPNOTSUPP. */
int pt_no_dirty_ret(const struct target_setup *ts, const char **warn);

/* WARNs in iommu_pt.h that document a caller's contract violation. */
extern const struct warn_site pt_warn_sites[];

/* The generic_pt twins, as renamed at link time. */
extern const struct ptf_twin_ops ptf_base__ptf_twin_genpt;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_genpt;
#define PT_TWINS { &ptf_base__ptf_twin_genpt, &ptf_cand__ptf_twin_genpt }

/* Bits [hi:lo] of @v. */
static inline uint64_t pt_bits(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & (hi - lo == 63 ? ~0ULL : (2ULL << (hi - lo)) - 1);
}

/* @va with bits above @bits copies of bit @bits - 1 (canonical form). */
static inline uint64_t pt_sign_extend(uint64_t va, unsigned int bits)
{
	if (bits >= 64 || !(va >> (bits - 1) & 1))
		return va;
	return va | ~0ULL << bits;
}

#endif /* PTF_PT_COMMON_H */
