// SPDX-License-Identifier: GPL-2.0
/*
 * mtk_iommu as the tree has it, whole: MediaTek's second-generation M4U
 * on io-pgtable ARM_V7S with MediaTek's extension, on the SoC the
 * configuration names, described as its .dtsi does: the M4U with its
 * "mediatek,larbs" (the SMI local arbiters its masters sit behind, each
 * with its "mediatek,larb-id" and its SMI common in "mediatek,smi"),
 * "#iommu-cells" 1 (a master's specifiers are MTK_M4U_ID(larb, port)), a
 * "bclk" where the SoC has one and, on MT8173, the infracfg syscon
 * ("mediatek,infracfg") whose REG_INFRA_MISC tells the driver whether the
 * DRAM is in 4GB mode.  Only the larbs the masters use (and larb 1) are
 * described; the register windows' addresses matter to the device model
 * only (fuzzers/targets/mtk_iommu.c has the same).  The SMI side is
 * mtk_smi.h's stand-in.
 *
 * The driver derives everything else from its plat_data: MT8173 has the
 * 4GB mode (a 32-bit, or in 4GB mode 33-bit, output address) and the
 * GEN1 invalidation select; MT8183 35-bit output addresses; MT6779 35-bit
 * table addresses too (PGTABLE_PA_35_EN) and the GEN2 select; MT8192
 * 34-bit IOVAs in regions picked by the master's larb and ports
 * (IOVA_34_EN).
 */
/* What the kernel's headers include on the way. */
#include <linux/dma-mapping.h>

#define CONFIG_MTK_SMI 1
/* Kbuild names the module on the command line. */
#define KBUILD_MODNAME "mtk_iommu"
/* The tree's (this file has its name): found beside the tree's include/. */
#include <../drivers/iommu/mtk_iommu.c>

#include "driver.h"
#include "mtk_smi.h"

/* ptf_pt_config.variant: the SoC, as the target names it. */
enum { MTK_MT8173, MTK_MT8183, MTK_MT6779, MTK_MT8192, MTK_NR_SOCS };

/* ptf_pt_config.quirks: bit 0 the DRAM's 4GB mode, bits 2:1 the master. */
#define MTK_DRAM_4GB		(1u << 0)
#define MTK_MASTER(quirks)	(((quirks) >> 1) & 3)

#define MTK_NR_LARBS		4	/* described at most */
#define MTK_NR_MASTERS		4

struct mtk_master {
	u32 larb, port;		/* its first port; a second is port + 1 */
};

struct mtk_soc {
	const char *m4u, *larb, *common;	/* compatible strings */
	u64 m4u_base, infracfg_base, common_base;
	bool bclk;
	u32 larbs[MTK_NR_LARBS];		/* their ids, 0 ends the list */
	u64 larb_base[MTK_NR_LARBS];
	struct mtk_master masters[MTK_NR_MASTERS];	/* larb 0 only but MT8192 */
};

static const struct mtk_soc mtk_socs[MTK_NR_SOCS] = {
	[MTK_MT8173] = {
		"mediatek,mt8173-m4u", "mediatek,mt8173-smi-larb",
		"mediatek,mt8173-smi-common", 0x10205000, 0x10001000, 0x14022000,
		true, { 0, 1 }, { 0x14021000, 0x16010000 }, { { 0, 0 } },
	},
	[MTK_MT8183] = {
		"mediatek,mt8183-m4u", "mediatek,mt8183-smi-larb",
		"mediatek,mt8183-smi-common", 0x10205000, 0, 0x14019000,
		false, { 0, 1 }, { 0x14017000, 0x16010000 }, { { 0, 0 } },
	},
	[MTK_MT6779] = {
		"mediatek,mt6779-m4u", "mediatek,mt6779-smi-larb",
		"mediatek,mt6779-smi-common", 0x10205000, 0, 0x14019000,
		false, { 0, 1 }, { 0x14017000, 0x16010000 }, { { 0, 0 } },
	},
	/* Regions 0 (larb 0), 1 (larb 4), 2 (larb 2), 4 (larb 13 port 9: CCU0). */
	[MTK_MT8192] = {
		"mediatek,mt8192-m4u", "mediatek,mt8192-smi-larb",
		"mediatek,mt8192-smi-common", 0x1401d000, 0, 0x1401b000,
		true, { 0, 4, 2, 13 },
		{ 0x14004000, 0x1602e000, 0x1f002000, 0x1a001000 },
		{ { 0, 0 }, { 4, 0 }, { 2, 0 }, { 13, 9 } },
	},
};

#define MTK_M4U_SIZE		0x1000
#define MTK_SMI_SIZE		0x1000
#define MTK_INFRACFG_SIZE	0x1000

static struct platform_device *mtk_smi_common_add(const struct mtk_soc *soc)
{
	struct ptf_dev_desc d = {
		.name = "smi@common",
		.compatible = soc->common,
		.mmio = { soc->common_base },
		.nr_mmio = 1,
		.mmio_size = MTK_SMI_SIZE,
	};

	return ptf_device_add(&d);
}

static struct platform_device *mtk_larb_add(const struct mtk_soc *soc,
					    unsigned int i,
					    struct platform_device *common)
{
	static const char *const names[MTK_NR_LARBS] = {
		"larb@a", "larb@b", "larb@c", "larb@d",
	};
	struct ptf_dev_desc d = {
		.name = names[i],
		.compatible = soc->larb,
		.mmio = { soc->larb_base[i] },
		.nr_mmio = 1,
		.mmio_size = MTK_SMI_SIZE,
		.u32s = { { "mediatek,larb-id", soc->larbs[i] } },
	};
	struct platform_device *larb = ptf_device_add(&d);

	ptf_of_add_ref(larb->dev.of_node, "mediatek,smi",
		       &(struct of_phandle_args){ .np = common->dev.of_node });
	return larb;
}

static struct platform_device *mtk_m4u_add(const struct mtk_soc *soc)
{
	struct ptf_dev_desc d = {
		.name = "iommu@m4u",
		.compatible = soc->m4u,
		.mmio = { soc->m4u_base },
		.nr_mmio = 1,
		.mmio_size = MTK_M4U_SIZE,
		.nr_irqs = 1,
		.u32s = { { "#iommu-cells", 1 } },
	};

	if (soc->bclk)
		d.clocks[0] = "bclk";
	return ptf_device_add(&d);
}

static void mtk_infracfg_add(const struct mtk_soc *soc,
			     struct platform_device *m4u)
{
	struct ptf_dev_desc d = {
		.name = "infracfg@10001000",
		.compatible = "mediatek,mt8173-infracfg",
		.mmio = { soc->infracfg_base },
		.nr_mmio = 1,
		.mmio_size = MTK_INFRACFG_SIZE,
	};
	struct platform_device *infracfg = ptf_device_add(&d);

	ptf_of_add_ref(m4u->dev.of_node, "mediatek,infracfg",
		       &(struct of_phandle_args){ .np = infracfg->dev.of_node });
}

/*
 * The SoC of @cfg->variant with its SMI common, larbs, M4U (and infracfg);
 * the master on @cfg->instances ports from its SoC's master
 * MTK_MASTER(@cfg->quirks).  The driver's lists of M4Us: a new boot.
 */
static int mtk_describe(const struct ptf_pt_config *cfg, struct ptf_machine *m)
{
	const struct mtk_soc *soc;
	const struct mtk_master *master;
	struct platform_device *common, *m4u, *larbs[MTK_NR_LARBS];
	unsigned int nr;

	if (cfg->variant >= MTK_NR_SOCS || !cfg->instances || cfg->instances > 2)
		return -EINVAL;
	soc = &mtk_socs[cfg->variant];
	master = &soc->masters[MTK_MASTER(cfg->quirks)];
	if (MTK_MASTER(cfg->quirks) && !master->larb)
		return -EINVAL;
	INIT_LIST_HEAD(&m4ulist);
	INIT_LIST_HEAD(&apulist);
	INIT_LIST_HEAD(&infralist);
	common = mtk_smi_common_add(soc);
	for (nr = 0; nr < MTK_NR_LARBS && (!nr || soc->larbs[nr]); nr++)
		larbs[nr] = mtk_larb_add(soc, nr, common);
	/* After its larbs: it goes first, with the references it holds on them. */
	m4u = mtk_m4u_add(soc);
	for (unsigned int i = 0; i < nr; i++)
		ptf_of_add_ref(m4u->dev.of_node, "mediatek,larbs",
			       &(struct of_phandle_args){ .np = larbs[i]->dev.of_node });
	if (soc->infracfg_base)
		mtk_infracfg_add(soc, m4u);
	for (u32 p = 0; p < cfg->instances; p++) {
		u32 id = MTK_M4U_ID(master->larb, master->port + p);

		ptf_machine_add(m, m4u, 1, &id);
	}
	return 0;
}

/* Boot: the SMI first (the M4U defers its probe until its larbs bound). */
static int mtk_init(void)
{
	int ret = mtk_smi_register();

	return ret ? ret : ptf_platform_driver_init();
}

/* What the hardware outputs: 32 bits, 33 in 4GB mode, or 35. */
static unsigned int mtk_oas(const struct ptf_pt_config *cfg)
{
	if (cfg->variant != MTK_MT8173)
		return 35;
	return cfg->quirks & MTK_DRAM_4GB ? 33 : 32;
}

const struct ptf_driver ptf_driver = {
	.ops		= &mtk_iommu_ops,
	.describe	= mtk_describe,
	.init		= mtk_init,
	.oas		= mtk_oas,
};
