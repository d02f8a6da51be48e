// SPDX-License-Identifier: GPL-2.0
/*
 * sprd-iommu, as the tree has it: a Unisoc IOMMU serving one multimedia
 * master, described as its binding (sprd,iommu.yaml) does: "sprd,iommu-v1",
 * a 0x80-byte register window, no interrupt, and, on IOMMUs whose access a
 * gate clock controls, that clock.  Its version (EX or VAU) is in its
 * first register: the target's device model answers it.
 */
#include <linux/io.h>	/* readl_relaxed(): the kernel includes it for the driver */
#include "sprd-iommu.c"

#include "driver.h"

#define SPRD_IOMMU_BASE		0x63000800ULL	/* the display's */
#define SPRD_IOMMU_WINDOW	0x80

static int sprd_describe(const struct ptf_pt_config *cfg,
			 struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "iommu@63000800",
		.compatible = "sprd,iommu-v1",
		.mmio = { SPRD_IOMMU_BASE },
		.nr_mmio = 1,
		.mmio_size = SPRD_IOMMU_WINDOW,
	};

	/* cfg->quirks: the IOMMU has its gate clock. */
	if (cfg->variant > 1 || cfg->quirks > 1)
		return -EINVAL;
	if (cfg->quirks)
		d.clocks[0] = "enable";
	ptf_machine_add(m, ptf_device_add(&d), 0, NULL);
	return 0;
}

/* Entries are 32-bit page frame numbers. */
static unsigned int sprd_oas(const struct ptf_pt_config *cfg)
{
	return 44;
}

const struct ptf_driver ptf_driver = {
	.ops		= &sprd_iommu_ops,
	.describe	= sprd_describe,
	.init		= ptf_platform_driver_init,
	.oas		= sprd_oas,
};
