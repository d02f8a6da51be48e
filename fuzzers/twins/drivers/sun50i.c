// SPDX-License-Identifier: GPL-2.0
/*
 * sun50i-iommu, as the tree has it: the Allwinner H6 / H616 IOMMU, one
 * instance with its bus clock and reset line, described as sun50i-h6.dtsi
 * does; a master sits behind it with its master number as the specifier.
 */
#include "sun50i-iommu.c"

#include "driver.h"

#define SUN50I_IOMMU_BASE	0x030f0000ULL
#define SUN50I_IOMMU_SIZE	0x10000

static struct platform_device *sun50i_pdev;

static int sun50i_describe(const struct ptf_pt_config *cfg,
			   struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "iommu@30f0000",
		.compatible = cfg->variant ? "allwinner,sun50i-h616-iommu" :
					     "allwinner,sun50i-h6-iommu",
		.mmio = { SUN50I_IOMMU_BASE },
		.nr_mmio = 1,
		.mmio_size = SUN50I_IOMMU_SIZE,
		.nr_irqs = 1,
		.clocks = { "bus" },
		.resets = { "bus" },
	};
	u32 master = cfg->instances;	/* the master's number, 0..5 */

	if (cfg->variant > 1 || master > 5)
		return -EINVAL;
	sun50i_pdev = ptf_device_add(&d);
	ptf_machine_add(m, sun50i_pdev, 1, &master);
	return 0;
}

/* The cache of L2 tables the driver creates at probe and never destroys. */
static void sun50i_release(struct device *master)
{
	struct sun50i_iommu *iommu = platform_get_drvdata(sun50i_pdev);

	if (iommu)
		kmem_cache_destroy(iommu->pt_pool);
}

static unsigned int sun50i_oas(const struct ptf_pt_config *cfg)
{
	return 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &sun50i_iommu_ops,
	.describe	= sun50i_describe,
	.init		= ptf_platform_driver_init,
	.release	= sun50i_release,
	.oas		= sun50i_oas,
};
