// SPDX-License-Identifier: GPL-2.0
/*
 * omap-iommu, as the tree has it: the MMU in front of an OMAP or DRA7
 * remote processor or camera, one instance per master here, described as
 * the SoC's device tree does (omap3.dtsi's ISP MMU with its 8-entry TLB,
 * omap4.dtsi's IPU MMU, dra7.dtsi's IPU1 MMU, both with bus-error
 * response), with the platform data the board code attaches by auxdata
 * (arch/arm/mach-omap2/pdata-quirks.c): for the ISP MMU the hwmod's
 * enable and idle, which the harness models as the MMU's functional
 * clock; for DRA7 the power-domain constraint, a no-op here.  OMAP4's MMU
 * has none: its ti-sysc parent powers it, and is not modelled.
 *
 * The driver keeps each MMU's table in the IOMMU object, allocated at
 * attach: the harness attaches before any op.
 */
#define CONFIG_OMAP_IOMMU 1
#include "omap-iommu.c"

#include <linux/clk.h>

#include "driver.h"

enum { OMAP3_ISP, OMAP4_IPU, DRA7_IPU1, NR_VARIANTS };

static int isp_device_enable(struct platform_device *pdev)
{
	return clk_prepare_enable(devm_clk_get(&pdev->dev, "fck"));
}

static int isp_device_idle(struct platform_device *pdev)
{
	clk_disable_unprepare(devm_clk_get(&pdev->dev, "fck"));
	return 0;
}

static struct iommu_platform_data isp_pdata = {
	.device_enable = isp_device_enable,
	.device_idle = isp_device_idle,
};

static int dra7_pwrdm_constraint(struct platform_device *pdev, bool request,
				 u8 *pwrst)
{
	return 0;
}

static struct iommu_platform_data dra7_pdata = {
	.set_pwrdm_constraint = dra7_pwrdm_constraint,
};

static int omap_describe(const struct ptf_pt_config *cfg,
			 struct ptf_machine *m)
{
	static const struct ptf_dev_desc mmus[NR_VARIANTS] = {
		[OMAP3_ISP] = {
			.name = "480bd400.mmu", .compatible = "ti,omap2-iommu",
			.mmio = { 0x480bd400 }, .mmio_size = 0x80,
			.clocks = { "fck" },
			.u32s = { { "ti,#tlb-entries", 8 }, { "#iommu-cells", 0 } },
		},
		[OMAP4_IPU] = {
			.name = "55082000.mmu", .compatible = "ti,omap4-iommu",
			.mmio = { 0x55082000 }, .mmio_size = 0x100,
			.props = { "ti,iommu-bus-err-back" },
			.u32s = { { "#iommu-cells", 0 } },
		},
		[DRA7_IPU1] = {
			.name = "58882000.mmu", .compatible = "ti,dra7-iommu",
			.mmio = { 0x58882000 }, .mmio_size = 0x100,
			.props = { "ti,iommu-bus-err-back" },
			.u32s = { { "#iommu-cells", 0 } },
		},
	};
	static struct iommu_platform_data *const pdata[NR_VARIANTS] = {
		[OMAP3_ISP] = &isp_pdata, [DRA7_IPU1] = &dra7_pdata,
	};
	struct ptf_dev_desc d;
	struct platform_device *pdev;

	if (cfg->variant >= NR_VARIANTS || cfg->instances != 1)
		return -EINVAL;
	/* Boot anew: the driver's L2 table cache is made by its initcall. */
	iopte_cachep = NULL;
	d = mmus[cfg->variant];
	d.nr_mmio = d.nr_irqs = 1;
	pdev = ptf_device_add(&d);
	pdev->dev.platform_data = pdata[cfg->variant];
	ptf_machine_add(m, pdev, 0, NULL);
	return 0;
}

/* The cache of L2 tables the initcall creates and the driver never destroys. */
static void omap_release(struct device *master)
{
	kmem_cache_destroy(iopte_cachep);
}

static unsigned int omap_oas(const struct ptf_pt_config *cfg)
{
	return 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &omap_iommu_ops,
	.describe	= omap_describe,
	.init		= omap_iommu_init,
	.release	= omap_release,
	.oas		= omap_oas,
};
