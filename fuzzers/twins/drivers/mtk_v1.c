// SPDX-License-Identifier: GPL-2.0
/*
 * mtk_iommu_v1, as the tree has it: the first-generation MediaTek M4U of
 * MT2701/MT7623, one instance with its "bclk" clock and the SMI local
 * arbiters ("larbs") its masters sit behind, described as mt2701.dtsi
 * does: "mediatek,larbs" lists them, "#iommu-cells" is 1 and a master's
 * specifiers are its M4U port ids.
 *
 * The driver is ARM-only (its Kconfig entry depends on ARM and selects
 * MTK_SMI and ARM_DMA_USE_IOMMU): it is built as it is on ARM, with the
 * 32-bit ARM DMA API's IOMMU mapping (<asm/dma-iommu.h>), whose domain is
 * the one the driver translates through.  The larbs' own driver
 * (drivers/memory/mtk-smi.c) is not the code under test: the stand-in of
 * mtk_smi.h binds them to the M4U through the component framework, as
 * mtk-smi does, so that the M4U sees its larbs.
 */
#include <linux/bug.h>
#include <linux/clk.h>
#include <linux/component.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string_choices.h>
#include <asm/barrier.h>
#include <dt-bindings/memory/mtk-memory-port.h>
#include <dt-bindings/memory/mt2701-larb-port.h>

/* What the driver's Kconfig entry depends on and selects. */
#define CONFIG_MTK_SMI 1
#include <soc/mediatek/smi.h>
#define CONFIG_ARM 1
#include "mtk_iommu_v1.c"
#undef CONFIG_ARM

#include "driver.h"
#include "mtk_smi.h"

#define M4U_BASE	0x10205000ULL
#define M4U_SIZE	0x1000
#define LARB_BASE	0x14010000ULL	/* larb n at LARB_BASE + n * 0x1000000 */
#define LARB_SIZE	0x1000
#define NR_LARBS	3		/* display, video decoder, image */
#define PTF_MTK_V1_CORE	1		/* ptf_pt_config.quirks */

static struct platform_device *m4u_pdev;
/* The master runs on a paging domain from the core, not the mapping's. */
static bool core_domain;
/* The mapping's domain, once the harness runs on it (and frees it). */
static struct iommu_domain *taken;

/*
 * The master's port ids (@cfg->variant: its larb; @cfg->instances: how
 * many of its ports, consecutive from the larb's first); PTF_MTK_V1_CORE
 * in @cfg->quirks: the ops run on a paging domain from the core, attached
 * as VFIO or iommufd would attach one.
 */
static int mtk_v1_describe(const struct ptf_pt_config *cfg,
			   struct ptf_machine *m)
{
	static const char *const larb_names[NR_LARBS] = {
		"larb@14010000", "larb@15010000", "larb@16010000",
	};
	static const u32 first_port[NR_LARBS] = {
		LARB0_PORT_OFFSET, LARB1_PORT_OFFSET, LARB2_PORT_OFFSET,
	};
	struct ptf_dev_desc m4u = {
		.name = "iommu@10205000",
		.compatible = "mediatek,mt2701-m4u",
		.mmio = { M4U_BASE },
		.nr_mmio = 1,
		.mmio_size = M4U_SIZE,
		.nr_irqs = 1,
		.clocks = { "bclk" },
		.u32s = { { "#iommu-cells", 1 } },
	};
	struct platform_device *larbs[NR_LARBS];

	if (cfg->variant >= NR_LARBS || !cfg->instances || cfg->instances > 2)
		return -EINVAL;
	core_domain = cfg->quirks & PTF_MTK_V1_CORE;
	taken = NULL;
	for (unsigned int i = 0; i < NR_LARBS; i++) {
		struct ptf_dev_desc d = {
			.name = larb_names[i],
			.compatible = "mediatek,mt2701-smi-larb",
			.mmio = { LARB_BASE + i * 0x1000000ULL },
			.nr_mmio = 1,
			.mmio_size = LARB_SIZE,
			.u32s = { { "mediatek,larb-id", i } },
		};

		larbs[i] = ptf_device_add(&d);
	}
	m4u_pdev = ptf_device_add(&m4u);
	for (unsigned int i = 0; i < NR_LARBS; i++)
		ptf_of_add_ref(m4u_pdev->dev.of_node, "mediatek,larbs",
			       &(struct of_phandle_args){ .np = larbs[i]->dev.of_node });
	for (u32 p = 0; p < cfg->instances; p++) {
		u32 port = first_port[cfg->variant] + p;

		ptf_machine_add(m, m4u_pdev, 1, &port);
	}
	return 0;
}

/* Boot: the larbs first (the M4U defers its probe until they are bound). */
static int mtk_v1_init(void)
{
	int ret = mtk_smi_register();

	return ret ? ret : ptf_platform_driver_init();
}

/*
 * The paging domain the ARM DMA layer attached in probe_finalize(): the
 * M4U's domain once the attach set it up.
 */
static struct iommu_domain *mtk_v1_dma_domain(struct device *master)
{
	struct mtk_iommu_v1_data *data = dev_iommu_priv_get(master);

	if (core_domain)
		return NULL;
	if (!data || !data->mapping || !data->m4u_dom ||
	    data->mapping->domain != &data->m4u_dom->domain)
		return ERR_PTR(-ENODEV);
	taken = data->mapping->domain;
	return taken;
}

/*
 * The ARM DMA mapping, which the driver keeps for good, and its domain
 * unless the harness ran on it (and freed it).  A domain that was never
 * set up (its attach failed) is freed as memory: the driver's free
 * dereferences the M4U data such a domain lacks.
 */
static void mtk_v1_release(struct device *master)
{
	struct mtk_iommu_v1_data *data = platform_get_drvdata(m4u_pdev);
	struct iommu_domain *domain;

	if (!data || !data->mapping)
		return;
	domain = data->mapping->domain;
	if (domain && domain != taken) {
		if (data->m4u_dom && domain == &data->m4u_dom->domain)
			iommu_domain_free(domain);
		else
			kfree(to_mtk_domain(domain));
	}
	kfree(data->mapping);
}

static unsigned int mtk_v1_oas(const struct ptf_pt_config *cfg)
{
	return 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &mtk_iommu_v1_ops,
	.describe	= mtk_v1_describe,
	.init		= mtk_v1_init,
	.dma_domain	= mtk_v1_dma_domain,
	.release	= mtk_v1_release,
	.oas		= mtk_v1_oas,
};
