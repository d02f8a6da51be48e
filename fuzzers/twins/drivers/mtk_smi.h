/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SMI side of MediaTek's M4Us (drivers/memory/mtk-smi.c), which is not
 * the code under test, as the M4U drivers see it: a local arbiter ("larb")
 * is a component the M4U binds to (its bind hands the larb its entry of
 * the M4U's struct mtk_smi_larb_iommu array, from which the larb would
 * program its ports), and, where its node names its SMI common with
 * "mediatek,smi", a runtime PM consumer of that SMI common, as mtk-smi
 * links it; the SMI common is a device with runtime PM.  The larbs'
 * port-enable registers are not modelled.  Included by the M4U glues,
 * which call mtk_smi_register() before registering the M4U driver.
 */
#ifndef PTF_MTK_SMI_H
#define PTF_MTK_SMI_H

#include <linux/component.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <soc/mediatek/smi.h>

static int mtk_smi_larb_bind(struct device *dev, struct device *master,
			     void *data)
{
	struct mtk_smi_larb_iommu *larb_mmu = data;

	for (unsigned int i = 0; i < MTK_LARB_NR_MAX; i++) {
		if (larb_mmu[i].dev == dev) {
			dev_set_drvdata(dev, &larb_mmu[i].mmu);
			return 0;
		}
	}
	return -ENODEV;
}

static void mtk_smi_larb_unbind(struct device *dev, struct device *master,
				void *data)
{
	dev_set_drvdata(dev, NULL);
}

static const struct component_ops mtk_smi_larb_component_ops = {
	.bind = mtk_smi_larb_bind,
	.unbind = mtk_smi_larb_unbind,
};

/*
 * The larb's SMI common, if its node names one, kept in platform_data (its
 * drvdata is the M4U's once bound).
 */
static int mtk_smi_larb_link_common(struct platform_device *pdev)
{
	struct device_node *np = of_parse_phandle(pdev->dev.of_node,
						  "mediatek,smi", 0);
	struct platform_device *common;

	if (!np)
		return 0;
	common = of_find_device_by_node(np);
	of_node_put(np);
	if (!common)
		return -EINVAL;
	if (!common->dev.driver) {
		put_device(&common->dev);
		return -EPROBE_DEFER;
	}
	if (!device_link_add(&pdev->dev, &common->dev,
			     DL_FLAG_PM_RUNTIME | DL_FLAG_STATELESS)) {
		put_device(&common->dev);
		return -EINVAL;
	}
	pdev->dev.platform_data = common;
	return 0;
}

static int mtk_smi_larb_probe(struct platform_device *pdev)
{
	int ret = mtk_smi_larb_link_common(pdev);

	if (ret)
		return ret;
	pm_runtime_enable(&pdev->dev);
	ret = component_add(&pdev->dev, &mtk_smi_larb_component_ops);
	if (ret)
		pm_runtime_disable(&pdev->dev);
	return ret;
}

static void mtk_smi_larb_remove(struct platform_device *pdev)
{
	struct platform_device *common = pdev->dev.platform_data;

	component_del(&pdev->dev, &mtk_smi_larb_component_ops);
	pm_runtime_disable(&pdev->dev);
	if (common) {
		device_link_remove(&pdev->dev, &common->dev);
		put_device(&common->dev);
		pdev->dev.platform_data = NULL;
	}
}

static const struct of_device_id mtk_smi_larb_of_ids[] = {
	{ .compatible = "mediatek,mt2701-smi-larb" },
	{ .compatible = "mediatek,mt6779-smi-larb" },
	{ .compatible = "mediatek,mt8173-smi-larb" },
	{ .compatible = "mediatek,mt8183-smi-larb" },
	{ .compatible = "mediatek,mt8192-smi-larb" },
	{}
};

static struct platform_driver mtk_smi_larb_driver = {
	.probe = mtk_smi_larb_probe,
	.remove = mtk_smi_larb_remove,
	.driver = { .name = "mtk-smi-larb", .of_match_table = mtk_smi_larb_of_ids },
};

static int mtk_smi_common_probe(struct platform_device *pdev)
{
	pm_runtime_enable(&pdev->dev);
	return 0;
}

static void mtk_smi_common_remove(struct platform_device *pdev)
{
	pm_runtime_disable(&pdev->dev);
}

static const struct of_device_id mtk_smi_common_of_ids[] = {
	{ .compatible = "mediatek,mt6779-smi-common" },
	{ .compatible = "mediatek,mt8173-smi-common" },
	{ .compatible = "mediatek,mt8183-smi-common" },
	{ .compatible = "mediatek,mt8192-smi-common" },
	{}
};

static struct platform_driver mtk_smi_common_driver = {
	.probe = mtk_smi_common_probe,
	.remove = mtk_smi_common_remove,
	.driver = { .name = "mtk-smi-common", .of_match_table = mtk_smi_common_of_ids },
};

/* Boot: the SMI commons, then the larbs (the M4U defers until they bound). */
static int mtk_smi_register(void)
{
	int ret = platform_driver_register(&mtk_smi_common_driver);

	return ret ? ret : platform_driver_register(&mtk_smi_larb_driver);
}

#endif /* PTF_MTK_SMI_H */
