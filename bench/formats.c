// SPDX-License-Identifier: GPL-2.0
/*
 * The formats the bench measures: one entry per configuration.
 *
 * Adding a family takes a struct bench_family naming its two twins and
 * entries below that point to it; the Makefile builds a bench binary per
 * family in FAMILIES.  The IAS and OAS of each entry are those of a real
 * driver, so that the regions that do not fit are the ones a real device
 * could not map.
 */
#include "bench.h"

/*
 * Weak: a bench binary links the twins of one family only (each family's
 * twins carry their own iommu core), and skips the formats of the others.
 */
extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable
	__attribute__((weak));
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable
	__attribute__((weak));

extern const struct ptf_twin_ops ptf_base__ptf_twin_genpt
	__attribute__((weak));
extern const struct ptf_twin_ops ptf_cand__ptf_twin_genpt
	__attribute__((weak));

static const struct bench_family iopgtable = {
	.name	= "io-pgtable",
	.base	= &ptf_base__ptf_twin_iopgtable,
	.cand	= &ptf_cand__ptf_twin_iopgtable,
};

static const struct bench_family genpt = {
	.name	= "generic_pt",
	.base	= &ptf_base__ptf_twin_genpt,
	.cand	= &ptf_cand__ptf_twin_genpt,
};

#define REGIONS		{ SZ_2M, SZ_64M, SZ_1G, SZ_4G }

/* arm-smmu-v3 stage 1 with a 48-bit IAS and OAS. */
#define LPAE_S1(granule_bitmap)						\
	{ .fmt = PTF_FMT_ARM_64_LPAE_S1, .pgsize_bitmap = (granule_bitmap),	\
	  .ias = 48, .oas = 48, .coherent_walk = 1 }

const struct bench_format bench_formats[] = {
	{
		.name	 = "ARM_64_LPAE_S1/4K",
		.family	 = &iopgtable,
		.cfg	 = LPAE_S1(SZ_4K | SZ_2M | SZ_1G),
		.leaves	 = { SZ_4K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		.name	 = "ARM_64_LPAE_S1/16K",
		.family	 = &iopgtable,
		.cfg	 = LPAE_S1(SZ_16K | SZ_32M),
		.leaves	 = { SZ_16K, SZ_32M },
		.regions = REGIONS,
	},
	{
		.name	 = "ARM_64_LPAE_S1/64K",
		.family	 = &iopgtable,
		.cfg	 = LPAE_S1(SZ_64K | SZ_512M),
		.leaves	 = { SZ_64K, SZ_512M },
		.regions = REGIONS,
	},
	{
		/* Short descriptors: 32-bit IOVA and PA (no MediaTek quirks). */
		.name	 = "ARM_V7S",
		.family	 = &iopgtable,
		.cfg	 = { .fmt = PTF_FMT_ARM_V7S,
			     .pgsize_bitmap = SZ_4K | SZ_64K | SZ_1M | SZ_16M,
			     .ias = 32, .oas = 32, .coherent_walk = 1 },
		.leaves	 = { SZ_4K, SZ_64K, SZ_1M, SZ_16M },
		.regions = REGIONS,
	},
	{
		/* apple-dart t8103: 32-bit IOVA, 36-bit PA. */
		.name	 = "APPLE_DART/4K",
		.family	 = &iopgtable,
		.cfg	 = { .fmt = PTF_FMT_APPLE_DART, .pgsize_bitmap = SZ_4K,
			     .ias = 32, .oas = 36, .coherent_walk = 1 },
		.leaves	 = { SZ_4K },
		.regions = REGIONS,
	},
	{
		.name	 = "APPLE_DART/16K",
		.family	 = &iopgtable,
		.cfg	 = { .fmt = PTF_FMT_APPLE_DART, .pgsize_bitmap = SZ_16K,
			     .ias = 32, .oas = 36, .coherent_walk = 1 },
		.leaves	 = { SZ_16K },
		.regions = REGIONS,
	},
	{
		/* apple-dart t6000: 32-bit IOVA, 42-bit PA. */
		.name	 = "APPLE_DART2/16K",
		.family	 = &iopgtable,
		.cfg	 = { .fmt = PTF_FMT_APPLE_DART2, .pgsize_bitmap = SZ_16K,
			     .ias = 32, .oas = 42, .coherent_walk = 1 },
		.leaves	 = { SZ_16K },
		.regions = REGIONS,
	},
	/* generic_pt, configured as the drivers that use each format do. */
	{
		/* intel-iommu first stage: sign-extended 48-bit, 4 levels. */
		.name	 = "pt x86_64/VT-d FS",
		.family	 = &genpt,
		.cfg	 = { .fmt = PTF_FMT_PT_X86_64, .level = 3,
			     .features = PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE,
			     .ias = 48, .oas = 52 },
		.leaves	 = { SZ_4K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		/* amd-iommu v1: dynamic top from level 2, contiguous pages. */
		.name	 = "pt amdv1",
		.family	 = &genpt,
		.cfg	 = { .fmt = PTF_FMT_PT_AMDV1, .level = 2,
			     .features = PTF_PT_DYNAMIC_TOP | PTF_PT_FLUSH_RANGE |
					 PTF_PT_FMT(0) | PTF_PT_FMT(1),
			     .ias = 48, .oas = 52 },
		.leaves	 = { SZ_4K, SZ_64K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		/*
		 * The iommufd selftest's MOCK_IOMMUPT_DEFAULT: a 2K granule,
		 * so a 4K leaf is a contiguous pair.  No 2K leaves: VFIO and
		 * iommufd step by PAGE_SIZE at least.
		 */
		.name	 = "pt amdv1_mock",
		.family	 = &genpt,
		.cfg	 = { .fmt = PTF_FMT_PT_AMDV1_MOCK, .level = 2,
			     .ias = 56, .oas = 51 },
		.leaves	 = { SZ_4K, SZ_64K, SZ_1M, SZ_512M },
		.regions = REGIONS,
	},
	{
		/* intel-iommu second stage: 48-bit, 4 levels. */
		.name	 = "pt vtdss",
		.family	 = &genpt,
		.cfg	 = { .fmt = PTF_FMT_PT_VTDSS, .level = 3,
			     .features = PTF_PT_FLUSH_RANGE,
			     .ias = 48, .oas = 52 },
		.leaves	 = { SZ_4K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		/* riscv-iommu: Sv48 with 64K NAPOT pages. */
		.name	 = "pt riscv64/Sv48",
		.family	 = &genpt,
		.cfg	 = { .fmt = PTF_FMT_PT_RISCV64,
			     .features = PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE |
					 PTF_PT_DETAILED_GATHER | PTF_PT_FMT(0),
			     .ias = 48, .oas = 56 },
		.leaves	 = { SZ_4K, SZ_64K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
};

const unsigned int bench_nr_formats = sizeof(bench_formats) /
				      sizeof(bench_formats[0]);
