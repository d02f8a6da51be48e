// SPDX-License-Identifier: GPL-2.0
/*
 * tegra-smmu, as the tree has it: the SMMU inside the memory controller
 * (MC) of Tegra30, Tegra114, Tegra124, Tegra132 and Tegra210.  The SMMU
 * has no device of its own: the MC driver (drivers/memory/tegra/, which
 * ptfuzz does not take from the tree) maps the MC's registers, among which
 * the SMMU's are, and calls tegra_smmu_probe() with the SoC's tables.
 * This glue is that MC driver.  Its per-SoC tables hold what the SoCs'
 * TRMs give for the SMMU: the MC's address width and memory atom (the
 * page table cache's line), the ASIDs and TLB lines, and the two display
 * controllers' swgroups (DC and DCB, ASID registers 0x240 and 0x244) with
 * their read clients' translation-enable bits in
 * MC_SMMU_TRANSLATION_ENABLE_0 (display0a/0b/0c/hc for DC, the "b"
 * clients for DCB).  The master is a display controller behind one or
 * both swgroups (#iommu-cells = 1: the swgroup).
 */
#define CONFIG_TEGRA_IOMMU_SMMU 1
#include <linux/io.h>	/* readl(), writel(): the kernel includes it for the driver */
#include "tegra-smmu.c"

#include "driver.h"

#define TEGRA30_MC_BASE		0x7000f000ULL
#define TEGRA30_MC_SIZE		0x400
#define TEGRA114_MC_BASE	0x70019000ULL	/* and later */
#define TEGRA114_MC_SIZE	0x1000

#define SWGROUP_DC	1
#define SWGROUP_DCB	2
#define TRANSLATION_ENABLE_0	0x228

#define CLIENT(_id, _name, _swgroup)					\
	{								\
		.id = _id, .name = _name, .swgroup = _swgroup,		\
		.regs.smmu = { .reg = TRANSLATION_ENABLE_0, .bit = _id },	\
	}

static const struct tegra_mc_client display_clients[] = {
	CLIENT(0x01, "display0a", SWGROUP_DC),
	CLIENT(0x02, "display0ab", SWGROUP_DCB),
	CLIENT(0x03, "display0b", SWGROUP_DC),
	CLIENT(0x04, "display0bb", SWGROUP_DCB),
	CLIENT(0x05, "display0c", SWGROUP_DC),
	CLIENT(0x06, "display0cb", SWGROUP_DCB),
	CLIENT(0x10, "displayhc", SWGROUP_DC),
	CLIENT(0x11, "displayhcb", SWGROUP_DCB),
};

static const struct tegra_smmu_swgroup display_swgroups[] = {
	{ .name = "dc", .swgroup = SWGROUP_DC, .reg = 0x240 },
	{ .name = "dcb", .swgroup = SWGROUP_DCB, .reg = 0x244 },
};

#define SMMU_SOC(_tlb_lines, _asids, _newer)				\
	{								\
		.clients = display_clients,				\
		.num_clients = ARRAY_SIZE(display_clients),		\
		.swgroups = display_swgroups,				\
		.num_swgroups = ARRAY_SIZE(display_swgroups),		\
		.supports_round_robin_arbitration = _newer,		\
		.supports_request_limit = _newer,			\
		.num_tlb_lines = _tlb_lines,				\
		.num_asids = _asids,					\
	}

static const struct tegra_smmu_soc smmu_socs[] = {
	SMMU_SOC(16, 4, false),		/* Tegra30 */
	SMMU_SOC(32, 4, false),		/* Tegra114 */
	SMMU_SOC(32, 128, true),	/* Tegra124, Tegra132 */
	SMMU_SOC(48, 128, true),	/* Tegra210 */
};

#define MC_SOC(_bits, _atom, _smmu)					\
	{								\
		.clients = display_clients,				\
		.num_clients = ARRAY_SIZE(display_clients),		\
		.num_address_bits = _bits,				\
		.atom_size = _atom,					\
		.smmu = &smmu_socs[_smmu],				\
	}

static const struct tegra_mc_soc mc_socs[] = {
	MC_SOC(32, 16, 0),	/* Tegra30 */
	MC_SOC(32, 32, 1),	/* Tegra114 */
	MC_SOC(34, 32, 2),	/* Tegra124 */
	MC_SOC(34, 32, 2),	/* Tegra132 */
	MC_SOC(34, 64, 3),	/* Tegra210 */
};

static const struct of_device_id mc_of_match[] = {
	{ .compatible = "nvidia,tegra30-mc", .data = &mc_socs[0] },
	{ .compatible = "nvidia,tegra114-mc", .data = &mc_socs[1] },
	{ .compatible = "nvidia,tegra124-mc", .data = &mc_socs[2] },
	{ .compatible = "nvidia,tegra132-mc", .data = &mc_socs[3] },
	{ .compatible = "nvidia,tegra210-mc", .data = &mc_socs[4] },
	{ }
};

/*
 * tegra_mc_probe(), as far as the SMMU is concerned: the MC's registers,
 * its driver data (tegra_smmu_find() and of_xlate() look the SMMU up
 * there), and the SMMU, whose probe failing leaves the MC without one.
 */
static int mc_probe(struct platform_device *pdev)
{
	struct tegra_mc *mc;
	int ret;

	mc = devm_kzalloc(&pdev->dev, sizeof(*mc), GFP_KERNEL);
	if (!mc)
		return -ENOMEM;
	platform_set_drvdata(pdev, mc);
	spin_lock_init(&mc->lock);
	mc->soc = of_device_get_match_data(&pdev->dev);
	mc->dev = &pdev->dev;
	/* dma_coerce_mask_and_coherent(): the tables go where the MC reaches. */
	ret = dma_set_mask_and_coherent(&pdev->dev,
					DMA_BIT_MASK(mc->soc->num_address_bits));
	if (ret)
		return ret;
	mc->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(mc->regs))
		return PTR_ERR(mc->regs);
	mc->smmu = tegra_smmu_probe(&pdev->dev, mc->soc->smmu, mc);
	if (IS_ERR(mc->smmu)) {
		dev_err(&pdev->dev, "failed to probe SMMU: %ld\n",
			PTR_ERR(mc->smmu));
		mc->smmu = NULL;
	}
	return 0;
}

static struct platform_driver mc_driver = {
	.driver = {
		.name = "tegra-mc",
		.of_match_table = mc_of_match,
		.suppress_bind_attrs = true,
	},
	.probe = mc_probe,
};

static int tegra_mc_init(void)
{
	return platform_driver_register(&mc_driver);
}

/* No AHB node is described: on Tegra30 the masters are not AHB masters. */
int tegra_ahb_enable_smmu(struct device_node *ahb)
{
	WARN(1, "no AHB is modelled");
	return -ENODEV;
}

static int tegra_describe(const struct ptf_pt_config *cfg,
			  struct ptf_machine *m)
{
	static const u32 swgroups[] = { SWGROUP_DC, SWGROUP_DCB };
	struct platform_device *pdev;
	bool t30 = cfg->variant == 0;
	struct ptf_dev_desc d = {
		.name = t30 ? "memory-controller@7000f000" :
			      "memory-controller@70019000",
		.mmio = { t30 ? TEGRA30_MC_BASE : TEGRA114_MC_BASE },
		.nr_mmio = 1,
		.mmio_size = t30 ? TEGRA30_MC_SIZE : TEGRA114_MC_SIZE,
		.nr_irqs = 1,
		.u32s = { { "#iommu-cells", 1 } },	/* the swgroup */
	};

	if (cfg->variant >= ARRAY_SIZE(mc_socs) || !cfg->instances ||
	    cfg->instances > ARRAY_SIZE(swgroups))
		return -EINVAL;
	d.compatible = mc_of_match[cfg->variant].compatible;
	pdev = ptf_device_add(&d);
	for (unsigned int i = 0; i < cfg->instances; i++)
		ptf_machine_add(m, pdev, 1, &swgroups[i]);
	return 0;
}

static unsigned int tegra_oas(const struct ptf_pt_config *cfg)
{
	return cfg->variant < ARRAY_SIZE(mc_socs) ?
	       mc_socs[cfg->variant].num_address_bits : 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &tegra_smmu_ops,
	.describe	= tegra_describe,
	.init		= tegra_mc_init,
	.oas		= tegra_oas,
};
