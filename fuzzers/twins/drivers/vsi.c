// SPDX-License-Identifier: GPL-2.0
/*
 * vsi-iommu, as the tree has it: the VeriSilicon IOMMU in front of the
 * RK3588's AV1 decoder, described as its binding (verisilicon,iommu.yaml)
 * and rk3588-base.dtsi do: "rockchip,rk3588-av1-iommu",
 * "verisilicon,iommu-1.2"; a 0x600-byte register window, one interrupt,
 * the "core" and "iface" clocks, #iommu-cells = <0>.
 */
#include "vsi-iommu.c"

#include "driver.h"

#define VSI_IOMMU_BASE		0xfdca0000ULL
#define VSI_IOMMU_WINDOW	0x600

static int vsi_describe(const struct ptf_pt_config *cfg,
			struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "iommu@fdca0000",
		.compatible = "verisilicon,iommu-1.2",
		.mmio = { VSI_IOMMU_BASE },
		.nr_mmio = 1,
		.mmio_size = VSI_IOMMU_WINDOW,
		.nr_irqs = 1,
		.clocks = { "core", "iface" },
	};

	if (cfg->variant || cfg->instances > 1)
		return -EINVAL;
	ptf_machine_add(m, ptf_device_add(&d), 0, NULL);
	return 0;
}

/*
 * Known finding vsi-identity-attach-bogus-lock: vsi_iommu_identity_attach()
 * takes to_vsi_domain(&vsi_identity_domain)->lock, which lies past the
 * end of vsi_identity_domain.  Contained, the driver's lock and unlock
 * there land in the sanitizer's redzone after the object, as they land
 * on whatever follows it in a kernel.
 */
static void vsi_contain(bool on)
{
	struct vsi_iommu_domain *bogus = to_vsi_domain(&vsi_identity_domain);
	char *past = (char *)(&vsi_identity_domain + 1);
	unsigned long n = (char *)(bogus + 1) - past;

	WARN(ptf_rt_redzone_lend(past, n, on),
	     "the %lu bytes after vsi_identity_domain are another object", n);
}

/* Page entries carry PA[39:32]. */
static unsigned int vsi_oas(const struct ptf_pt_config *cfg)
{
	return 40;
}

const struct ptf_driver ptf_driver = {
	.ops		= &vsi_iommu_ops,
	.describe	= vsi_describe,
	.init		= ptf_platform_driver_init,
	.oas		= vsi_oas,
	.contain	= vsi_contain,
};
