// SPDX-License-Identifier: GPL-2.0
/*
 * exynos-iommu, as the tree has it: one or two Samsung SysMMU instances in
 * front of one master (a display controller has two), each with its
 * "sysmmu" and "master" clocks, described as exynos5420.dtsi does.  The
 * SysMMU's version (v1 to v7) is in its version register: the target's
 * device model answers it, and the driver sets its PTE shift and
 * protection tables from the first instance it probes.
 */
#include "exynos-iommu.c"

#include "driver.h"

#define SYSMMU_BASE	0x13a60000ULL	/* instances 64K apart */
#define SYSMMU_SIZE	0x10000

static int exynos_describe(const struct ptf_pt_config *cfg,
			   struct ptf_machine *m)
{
	static const char *const names[] = { "sysmmu@13a60000", "sysmmu@13a70000" };

	if (!cfg->instances || cfg->instances > ARRAY_SIZE(names))
		return -EINVAL;
	/* Boot anew: the driver keeps its probe-time setup in globals. */
	PG_ENT_SHIFT = -1;
	LV1_PROT = LV2_PROT = NULL;
	dma_dev = NULL;
	lv2table_kmem_cache = NULL;
	zero_lv2_table = NULL;
	for (unsigned int i = 0; i < cfg->instances; i++) {
		struct ptf_dev_desc d = {
			.name = names[i],
			.compatible = "samsung,exynos-sysmmu",
			.mmio = { SYSMMU_BASE + i * SYSMMU_SIZE },
			.nr_mmio = 1,
			.mmio_size = SYSMMU_SIZE,
			.nr_irqs = 1,
			.clocks = { "sysmmu", "master" },
		};

		ptf_machine_add(m, ptf_device_add(&d), 0, NULL);
	}
	return 0;
}

/*
 * The driver's lifetime state: its L2 table cache and shared zero table,
 * and the owner it allocates per master in of_xlate() (release_device()
 * does not free it; Exynos masters are never removed).
 */
static void exynos_release(struct device *master)
{
	kfree(dev_iommu_priv_get(master));
	if (!lv2table_kmem_cache)
		return;
	kmem_cache_free(lv2table_kmem_cache, zero_lv2_table);
	kmem_cache_destroy(lv2table_kmem_cache);
}

/* v5 and later shift entries by 4 bits: 36-bit PAs. */
static unsigned int exynos_oas(const struct ptf_pt_config *cfg)
{
	return cfg->variant >= 5 ? 36 : 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &exynos_iommu_ops,
	.describe	= exynos_describe,
	.init		= exynos_iommu_init,
	.release	= exynos_release,
	.oas		= exynos_oas,
};
