// SPDX-License-Identifier: GPL-2.0
/*
 * rockchip-iommu, as the tree has it: a Rockchip IOMMU instance with one
 * or more MMU register banks (an ISP's IOMMU has two), its "aclk" and
 * "iface" clocks, described the way rk3288.dtsi (v1, "rockchip,iommu")
 * and rk356x.dtsi (v2, "rockchip,rk3568-iommu": 40-bit PAs) do.
 */
#include "rockchip-iommu.c"

#include "driver.h"

#define RK_MMU_BASE	0xff914000ULL	/* banks 4K apart, as the ISP's */
#define RK_MMU_SIZE	0x100

static int rk_describe(const struct ptf_pt_config *cfg, struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "iommu@ff914000",
		.compatible = cfg->variant ? "rockchip,rk3568-iommu" :
					     "rockchip,iommu",
		.mmio_size = RK_MMU_SIZE,
		.clocks = { "aclk", "iface" },
	};

	if (cfg->variant > 1 || !cfg->instances ||
	    cfg->instances > PTF_DEV_MAX_MMIO)
		return -EINVAL;
	for (unsigned int i = 0; i < cfg->instances; i++)
		d.mmio[i] = RK_MMU_BASE + i * 0x1000;
	d.nr_mmio = d.nr_irqs = cfg->instances;
	ptf_machine_add(m, ptf_device_add(&d), 0, NULL);
	return 0;
}

static unsigned int rk_oas(const struct ptf_pt_config *cfg)
{
	return cfg->variant ? 40 : 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &rk_iommu_ops,
	.describe	= rk_describe,
	.init		= ptf_platform_driver_init,
	.oas		= rk_oas,
};
