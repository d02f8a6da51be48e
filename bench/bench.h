/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h - what the benchmark of the series' loops is made of.
 *
 * A family is a pair of twins (twin.h): the baseline tree, whose callers
 * walk the tables once per PAGE_SIZE with iova_to_phys(), and the candidate
 * tree, whose callers walk once per IOPTE with iova_to_phys_length().  A
 * format is one configuration of a family, with the leaf sizes and region
 * sizes to measure.  formats.c holds the table; loops.c the callers' loops.
 */
#ifndef PTF_BENCH_H
#define PTF_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "twin.h"

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
#define SZ_4G		0x100000000UL

/* The CPU page size of VFIO and iommufd (PAGE_SIZE), as on x86 and arm64. */
#define CPU_PAGE	SZ_4K
/* "No translation" from iova_to_phys_length() (PHYS_ADDR_MAX). */
#define NO_PHYS		(~0UL)

#define BENCH_MAX_SIZES	6

struct bench_family {
	const char *name;
	const struct ptf_twin_ops *base;	/* legacy iova_to_phys() */
	const struct ptf_twin_ops *cand;	/* iova_to_phys_length() */
};

struct bench_format {
	const char *name;
	const struct bench_family *family;
	/* The domain; its ias bounds the regions that fit (IOVA and size). */
	struct ptf_pt_config cfg;
	/* 0-terminated: each leaf size is measured with each region size. */
	ptf_u64 leaves[BENCH_MAX_SIZES];
	ptf_u64 regions[BENCH_MAX_SIZES];
};

extern const struct bench_format bench_formats[];
extern const unsigned int bench_nr_formats;

/* What one loop did: counted by the twin's stats, timed by the caller. */
struct loop_result {
	unsigned long walks;		/* calls into the domain's lookup op */
	unsigned long unmaps;		/* iommu_unmap_fast() calls made */
	unsigned long unmap_pages;	/* calls into the domain's unmap_pages */
	ptf_u64 bytes;			/* unmapped */
	uint64_t ns;			/* wall time */
};

/*
 * iommufd's struct pfn_batch, reduced to what batch_from_domain() fills:
 * runs of contiguous pfns.
 */
struct pfn_batch {
	unsigned long *pfns;
	uint32_t *npfns;
	unsigned int end, array_size;
	unsigned long total_pfns;
};

/* vfio_unmap_unpin() in Linux 7.3: a lookup per PAGE_SIZE. */
void vfio_unmap_legacy(const struct ptf_twin_ops *o, void *dom,
		       ptf_u64 iova, ptf_u64 size, struct loop_result *res);
/* vfio_unmap_unpin() with patches/0024: a lookup per IOPTE. */
void vfio_unmap_length(const struct ptf_twin_ops *o, void *dom,
		       ptf_u64 iova, ptf_u64 size, struct loop_result *res);
/* batch_from_domain() in Linux 7.3: a lookup and a pfn per PAGE_SIZE. */
void iommufd_scan_legacy(const struct ptf_twin_ops *o, void *dom,
			 ptf_u64 iova, ptf_u64 size, struct pfn_batch *batch);
/* batch_from_domain() with patches/0025: a lookup and a pfn run per IOPTE. */
void iommufd_scan_length(const struct ptf_twin_ops *o, void *dom,
			 ptf_u64 iova, ptf_u64 size, struct pfn_batch *batch);

#endif /* PTF_BENCH_H */
