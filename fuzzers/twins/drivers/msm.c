// SPDX-License-Identifier: GPL-2.0
/*
 * msm_iommu as the tree has it, whole: the IOMMU of Qualcomm's APQ8064
 * ("qcom,apq8064-iommu"), with its "smmu_pclk" and "iommu_clk" clocks and
 * qcom,ncb context banks, described as apq8064.dtsi does.  It maps through
 * an io-pgtable ARM_V7S table and translates in hardware: a V2P operation
 * of the context bank, whose answer is the PAR.
 *
 * The configuration can make the IOMMU's core clock fail to enable once
 * the master is attached (a clock whose parent lost lock): every later
 * register access of the driver then has to do without the hardware.
 */
/* Kbuild names the module on the command line. */
#define KBUILD_MODNAME "msm_iommu"
#include "msm_iommu.c"

#include "driver.h"

#define MSM_BASE	0x07500000ULL	/* the MDP port's IOMMU */
#define MSM_SIZE	0x100000
#define MSM_MID		2		/* the master's stream (MID) */

/* ptf_pt_config.quirks: the core clock fails once attached. */
#define MSM_CLOCK_FAILS	1

static struct platform_device *msm_pdev;

static int msm_describe(const struct ptf_pt_config *cfg, struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "iommu@7500000",
		.compatible = "qcom,apq8064-iommu",
		.mmio = { MSM_BASE },
		.nr_mmio = 1,
		.mmio_size = MSM_SIZE,
		.nr_irqs = 1,
		.clocks = { "smmu_pclk", "iommu_clk" },
		/*
		 * msm_iommu_probe() resets the IOMMU with its clocks only
		 * prepared: it works because the boot loader left them on.
		 */
		.clocks_on_at_boot = true,
	};
	u32 mid = MSM_MID;

	if (!cfg->instances || cfg->instances > 8)
		return -EINVAL;
	d.u32s[0] = (struct ptf_of_u32){ "qcom,ncb", cfg->instances };
	/* The driver's list of probed IOMMUs: a new boot. */
	INIT_LIST_HEAD(&qcom_iommu_devices);
	msm_pdev = ptf_device_add(&d);
	ptf_machine_add(m, msm_pdev, 1, &mid);
	return 0;
}

static void msm_attached(const struct ptf_pt_config *cfg)
{
	if (cfg->quirks & MSM_CLOCK_FAILS)
		ptf_clk_fail(&msm_pdev->dev, "iommu_clk", -ETIMEDOUT);
}

/* insert_iommu_master()'s context device, which the driver never frees. */
static void msm_release(struct device *master)
{
	struct msm_iommu_ctx_dev *ctx = dev_iommu_priv_get(master);

	if (ctx)
		list_del(&ctx->list);
	kfree(ctx);
}

/* The V2P is the hardware's; the io-pgtable sizes its IOPTE. */
static struct io_pgtable_ops *msm_soft_walk_ops(struct iommu_domain *domain)
{
	return to_msm_priv(domain)->iop;
}

static unsigned int msm_oas(const struct ptf_pt_config *cfg)
{
	return 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &msm_iommu_ops,
	.describe	= msm_describe,
	.init		= ptf_platform_driver_init,
	.release	= msm_release,
	.oas		= msm_oas,
	.attached	= msm_attached,
	.soft_walk_ops	= msm_soft_walk_ops,
};
