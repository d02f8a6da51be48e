/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h - what the benchmark of the series' callers is made of.
 *
 * The bench runs VFIO type1 and iommufd as the trees build them, through
 * their ioctls, on the caller twins (fuzzers/twins/caller.h): the baseline
 * tree, whose callers walk the tables once per PAGE_SIZE with
 * iommu_iova_to_phys(), and the candidate tree, whose callers walk once per
 * IOPTE with iommu_iova_to_phys_length().  A format is one page-table
 * configuration a group's IOMMU gives its domains, with the leaf sizes and
 * region sizes to measure; formats.c holds the table.
 */
#ifndef PTF_BENCH_H
#define PTF_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "caller.h"
#include "runtime.h"

#define SZ_4K		0x1000UL
#define SZ_16K		0x4000UL
#define SZ_64K		0x10000UL
#define SZ_1M		0x100000UL
#define SZ_2M		0x200000UL
#define SZ_16M		0x1000000UL
#define SZ_32M		0x2000000UL
#define SZ_64M		0x4000000UL
#define SZ_512M		0x20000000UL
#define SZ_1G		0x40000000UL

/* The CPU page size of VFIO and iommufd (PAGE_SIZE), as on x86 and arm64. */
#define CPU_PAGE	SZ_4K

#define BENCH_MAX_SIZES	6

/* Which of a caller twin's page-table families a format's domains are of. */
enum bench_family { FAMILY_IOPGTABLE, FAMILY_GENPT, NR_FAMILIES };

struct bench_format {
	const char *name;
	enum bench_family family;
	/* The domains; ias and oas bound the regions that fit. */
	struct ptf_pt_config cfg;
	/* 0-terminated: each leaf size is measured with each region size. */
	ptf_u64 leaves[BENCH_MAX_SIZES];
	ptf_u64 regions[BENCH_MAX_SIZES];
};

extern const struct bench_format bench_formats[];
extern const unsigned int bench_nr_formats;

/* The caller twins, and each twin's page-table families, as linked. */
extern const struct ptf_caller_ops *const bench_callers[PTF_NR_TWINS];
extern const struct ptf_twin_ops *const
	bench_families[PTF_NR_TWINS][NR_FAMILIES];

#endif /* PTF_BENCH_H */
