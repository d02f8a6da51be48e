// SPDX-License-Identifier: GPL-2.0
/*
 * The formats the bench measures: one entry per configuration.
 *
 * The caller twins link both page-table families with all their formats, so
 * one bench binary measures every format below: a group's IOMMU gives its
 * domains the entry's configuration, and VFIO and iommufd fill them.  The
 * IAS and OAS of each entry are those of a real driver, so that the
 * regions that do not fit are the ones a real device could not map.
 */
#include "bench.h"

extern const struct ptf_caller_ops ptf_base__ptf_caller_ops;
extern const struct ptf_caller_ops ptf_cand__ptf_caller_ops;
extern const struct ptf_twin_ops ptf_base__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_iopgtable;
extern const struct ptf_twin_ops ptf_base__ptf_twin_genpt;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_genpt;

const struct ptf_caller_ops *const bench_callers[PTF_NR_TWINS] = {
	&ptf_base__ptf_caller_ops, &ptf_cand__ptf_caller_ops,
};

const struct ptf_twin_ops *const bench_families[PTF_NR_TWINS][NR_FAMILIES] = {
	{ &ptf_base__ptf_twin_iopgtable, &ptf_base__ptf_twin_genpt },
	{ &ptf_cand__ptf_twin_iopgtable, &ptf_cand__ptf_twin_genpt },
};

/*
 * The fake processes have 4 GiB of RAM (caller.h): a scattered region spans
 * twice its size.
 */
#define REGIONS		{ SZ_2M, SZ_64M, SZ_1G }

/* arm-smmu-v3 stage 1 with a 48-bit IAS and OAS. */
#define LPAE_S1(granule_bitmap)						\
	{ .fmt = PTF_FMT_ARM_64_LPAE_S1, .pgsize_bitmap = (granule_bitmap),	\
	  .ias = 48, .oas = 48, .coherent_walk = 1 }

const struct bench_format bench_formats[] = {
	{
		.name	 = "ARM_64_LPAE_S1/4K",
		.family	 = FAMILY_IOPGTABLE,
		.cfg	 = LPAE_S1(SZ_4K | SZ_2M | SZ_1G),
		.leaves	 = { SZ_4K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		.name	 = "ARM_64_LPAE_S1/16K",
		.family	 = FAMILY_IOPGTABLE,
		.cfg	 = LPAE_S1(SZ_16K | SZ_32M),
		.leaves	 = { SZ_16K, SZ_32M },
		.regions = REGIONS,
	},
	{
		.name	 = "ARM_64_LPAE_S1/64K",
		.family	 = FAMILY_IOPGTABLE,
		.cfg	 = LPAE_S1(SZ_64K | SZ_512M),
		.leaves	 = { SZ_64K, SZ_512M },
		.regions = REGIONS,
	},
	/*
	 * No ARM_V7S: its 32-bit OAS does not reach the fake processes' RAM
	 * (PTF_USER_RAM_PFN, at 4 GiB).
	 */
	{
		/* apple-dart t8103: 32-bit IOVA, 36-bit PA. */
		.name	 = "APPLE_DART/4K",
		.family	 = FAMILY_IOPGTABLE,
		.cfg	 = { .fmt = PTF_FMT_APPLE_DART, .pgsize_bitmap = SZ_4K,
			     .ias = 32, .oas = 36, .coherent_walk = 1 },
		.leaves	 = { SZ_4K },
		.regions = REGIONS,
	},
	{
		.name	 = "APPLE_DART/16K",
		.family	 = FAMILY_IOPGTABLE,
		.cfg	 = { .fmt = PTF_FMT_APPLE_DART, .pgsize_bitmap = SZ_16K,
			     .ias = 32, .oas = 36, .coherent_walk = 1 },
		.leaves	 = { SZ_16K },
		.regions = REGIONS,
	},
	{
		/* apple-dart t6000: 32-bit IOVA, 42-bit PA. */
		.name	 = "APPLE_DART2/16K",
		.family	 = FAMILY_IOPGTABLE,
		.cfg	 = { .fmt = PTF_FMT_APPLE_DART2, .pgsize_bitmap = SZ_16K,
			     .ias = 32, .oas = 42, .coherent_walk = 1 },
		.leaves	 = { SZ_16K },
		.regions = REGIONS,
	},
	/* generic_pt, configured as the drivers that use each format do. */
	{
		/* intel-iommu first stage: sign-extended 48-bit, 4 levels. */
		.name	 = "pt x86_64/VT-d FS",
		.family	 = FAMILY_GENPT,
		.cfg	 = { .fmt = PTF_FMT_PT_X86_64, .level = 3,
			     .features = PTF_PT_SIGN_EXTEND | PTF_PT_FLUSH_RANGE,
			     .ias = 48, .oas = 52 },
		.leaves	 = { SZ_4K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		/* amd-iommu v1: dynamic top from level 2, contiguous pages. */
		.name	 = "pt amdv1",
		.family	 = FAMILY_GENPT,
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
		.family	 = FAMILY_GENPT,
		.cfg	 = { .fmt = PTF_FMT_PT_AMDV1_MOCK, .level = 2,
			     .ias = 56, .oas = 51 },
		.leaves	 = { SZ_4K, SZ_64K, SZ_1M, SZ_512M },
		.regions = REGIONS,
	},
	{
		/* intel-iommu second stage: 48-bit, 4 levels. */
		.name	 = "pt vtdss",
		.family	 = FAMILY_GENPT,
		.cfg	 = { .fmt = PTF_FMT_PT_VTDSS, .level = 3,
			     .features = PTF_PT_FLUSH_RANGE,
			     .ias = 48, .oas = 52 },
		.leaves	 = { SZ_4K, SZ_2M, SZ_1G },
		.regions = REGIONS,
	},
	{
		/* riscv-iommu: Sv48 with 64K NAPOT pages. */
		.name	 = "pt riscv64/Sv48",
		.family	 = FAMILY_GENPT,
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
