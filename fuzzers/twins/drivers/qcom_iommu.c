// SPDX-License-Identifier: GPL-2.0
/*
 * qcom_iommu as the tree has it, on io-pgtable: the "qcom,msm-iommu-v1"
 * IOMMU of the MSM8916 and friends, whose context banks the secure
 * firmware owns the global registers of.  Its domain ops are taken by
 * name from qcom_iommu.c (the probe needs the SCM firmware interface, its
 * secure page table, clock bulk and of_platform_populate()'s child
 * devices; none of it decides a translation).
 *
 * What runs is the driver's: qcom_iommu_domain_alloc_paging() (4K pages
 * only), qcom_iommu_attach_dev() and qcom_iommu_init_domain(), which
 * build the ARM_32_LPAE_S1 io_pgtable_cfg (32-bit IOVA, 40-bit PA) and
 * program every context bank of the master's fwspec (TTBR0 with the
 * ASID, TCR with EAE, MAIRs, SCTLR); map, unmap, lookups, iotlb_sync and
 * flush_iotlb_all through the extracted iommu core.
 *
 * What is ours: the context banks as qcom_iommu_ctx_probe() leaves them
 * (one per ASID, 4K apart, as the "qcom,msm-iommu-v1-ns" children of the
 * node say with their reg), the master's fwspec as of_xlate() leaves it
 * (one or two ASIDs), and the secure firmware's qcom_scm_restore_sec_cfg(),
 * which checks that it is asked for this IOMMU and one of its contexts.
 *
 * ptf-extract: qcom_iommu_domain_alloc_paging qcom_iommu_attach_dev
 * ptf-extract: qcom_iommu_domain_free qcom_iommu_map qcom_iommu_unmap
 * ptf-extract: qcom_iommu_flush_iotlb_all qcom_iommu_iotlb_sync
 * ptf-extract: qcom_iommu_iova_to_phys? qcom_iommu_iova_to_phys_length?
 * ptf-extract: qcom_iommu_clk qcom_iommu_dev qcom_iommu_ctx qcom_iommu_domain
 * ptf-extract-stop: qcom_iommu_ops
 */
/* What qcom_iommu.c includes, as far as the shim has it. */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <generated/utsrelease.h>

#include "arm/arm-smmu/arm-smmu.h"
#include "iommufd-dirty.h"
#include "ptf-devices.h"
#include "twin.h"

/* Where the IOMMU is, as msm8916.dtsi's apps_iommu: context banks from 0. */
#define QCOM_MMIO_BASE	0x1ef00000ULL
#define QCOM_CTX_SIZE	0x1000
#define QCOM_MAX_ASID	3		/* context banks 1..3 (0 is secure) */
#define QCOM_SEC_ID	17		/* qcom,iommu-secure-id */

/*
 * The secure firmware's SCM call: restore the secure configuration of
 * context @spare of IOMMU @device_id.  Asked for anything else, it fails
 * as the firmware does (-EINVAL).
 */
static int qcom_scm_restore_sec_cfg(u32 device_id, u32 spare)
{
	if (device_id != QCOM_SEC_ID || !spare || spare > QCOM_MAX_ASID) {
		WARN(1, "qcom_scm_restore_sec_cfg(%u, %u): not this IOMMU's context",
		     device_id, spare);
		return -EINVAL;
	}
	return 0;
}

/* The file's forward declaration. */
static const struct iommu_ops qcom_iommu_ops;

#include PTF_DRIVER_EXTRACT

struct ptf_qcom_domain {
	struct iommu_domain *domain;
	struct iommu_iotlb_gather pending;	/* for unmap_fast + sync */
	struct ptf_twin_stats stats;
	struct qcom_iommu_dev *qcom;
	struct qcom_iommu_ctx ctx[QCOM_MAX_ASID + 1];
	struct device *dev;
	const struct iommu_domain_ops *tree_ops;
	struct iommu_domain_ops ops;		/* counting, forwarding */
	unsigned int map_stalls;		/* ptf_check_map_progress() */
};

#define PTF_TWIN_DOMAIN ptf_qcom_domain
#define PTF_TWIN_IOMMU_DOMAIN(pd) ((pd)->domain)
#include "core-ops.h"

void ptf_devices_reset(void);
void ptf_iommu_devices_reset(void);
void ptf_dev_iommu_free(struct device *dev);
void ptf_iommu_core_reset(void);
void ptf_iommu_probe_lock(bool lock);

/* One domain per twin at a time. */
static struct ptf_qcom_domain the;

#include "count-ops.h"

/* The driver's paging domain ops, as its qcom_iommu_ops lists them. */
static const struct iommu_domain_ops qcom_iommu_domain_ops = {
	.attach_dev		= qcom_iommu_attach_dev,
	.map_pages		= qcom_iommu_map,
	.unmap_pages		= qcom_iommu_unmap,
	.flush_iotlb_all	= qcom_iommu_flush_iotlb_all,
	.iotlb_sync		= qcom_iommu_iotlb_sync,
#if PTF_DOMAIN_HAS_LENGTH
	.iova_to_phys_length	= qcom_iommu_iova_to_phys_length,
#else
	.iova_to_phys		= qcom_iommu_iova_to_phys,
#endif
	.free			= qcom_iommu_domain_free,
};

static const struct iommu_ops qcom_iommu_ops = {
	.default_domain_ops	= &qcom_iommu_domain_ops,
};

/* Probe, master, attach ----------------------------------------------------- */

/*
 * The IOMMU as qcom_iommu_device_probe() and qcom_iommu_ctx_probe() leave
 * it: the device (runtime PM enabled), and each non-secure context bank
 * mapped at its 4K window, its ASID its index.
 */
static int probe_iommu(struct ptf_qcom_domain *pd)
{
	struct ptf_dev_desc d = {
		.name = "iommu@1ef00000",
		.compatible = "qcom,msm-iommu-v1",
		.mmio = { QCOM_MMIO_BASE },
		.nr_mmio = 1,
		.mmio_size = QCOM_CTX_SIZE * (QCOM_MAX_ASID + 1),
	};
	struct platform_device *pdev = ptf_device_add(&d);
	struct qcom_iommu_dev *qcom;

	qcom = devm_kzalloc(&pdev->dev, struct_size(qcom, ctxs, QCOM_MAX_ASID + 1),
			    GFP_KERNEL);
	if (!qcom)
		return -ENOMEM;
	pd->qcom = qcom;
	qcom->dev = &pdev->dev;
	qcom->sec_id = QCOM_SEC_ID;
	qcom->max_asid = QCOM_MAX_ASID;
	for (int asid = 1; asid <= QCOM_MAX_ASID; asid++) {
		struct qcom_iommu_ctx *ctx = &pd->ctx[asid];

		ctx->dev = &pdev->dev;
		ctx->asid = asid;
		ctx->base = ioremap(QCOM_MMIO_BASE + asid * QCOM_CTX_SIZE,
				    QCOM_CTX_SIZE);
		if (!ctx->base)
			return -ENOMEM;
		qcom->ctxs[asid] = ctx;
	}
	pm_runtime_enable(qcom->dev);
	return iommu_device_register(&qcom->iommu, &qcom_iommu_ops, qcom->dev);
}

/* The master as of_xlate() leaves it: @nr_ctx ASIDs from 1. */
static int probe_master(struct ptf_qcom_domain *pd, unsigned int nr_ctx)
{
	int ret;

	pd->dev = ptf_master_add("master");
	ret = iommu_fwspec_init(pd->dev, of_fwnode_handle(pd->qcom->dev->of_node));
	for (u32 asid = 1; !ret && asid <= nr_ctx; asid++)
		ret = iommu_fwspec_add_ids(pd->dev, &asid, 1);
	if (ret)
		return ret;
	pd->dev->iommu->iommu_dev = &pd->qcom->iommu;
	ptf_iommu_probe_lock(true);
	dev_iommu_priv_set(pd->dev, pd->qcom);
	ptf_iommu_probe_lock(false);
	return 0;
}

static void teardown(struct ptf_qcom_domain *pd)
{
	if (pd->domain) {
		pd->domain->ops = pd->tree_ops;
		iommu_domain_free(pd->domain);
		pd->domain = NULL;
	}
	if (pd->qcom) {
		iommu_device_unregister(&pd->qcom->iommu);
		for (int asid = 1; asid <= QCOM_MAX_ASID; asid++)
			if (pd->ctx[asid].base)
				iounmap(pd->ctx[asid].base);
		pm_runtime_disable(pd->qcom->dev);
	}
	if (pd->dev)
		ptf_dev_iommu_free(pd->dev);
	ptf_devices_remove_all();
	ptf_iommu_devices_reset();
}

static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_qcom_domain *pd = dom;
	struct qcom_iommu_domain *qd = to_qcom_iommu_domain(pd->domain);
	const struct iommu_domain_geometry *g = &pd->domain->geometry;
	struct io_pgtable *iop = io_pgtable_ops_to_pgtable(qd->pgtbl_ops);

	*info = (struct ptf_pt_info){
		.pgsize_bitmap	= pd->domain->pgsize_bitmap,
		.ias		= iop->cfg.ias,
		.oas		= iop->cfg.oas,
		.va_first	= g->aperture_start,
		.va_last	= g->aperture_end,
		.unmap_splits_blocks = PTF_LPAE_SPLITS_BLOCKS,
	};
}

static void *ptf_create(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info)
{
	struct ptf_qcom_domain *pd = &the;
	struct iommu_domain *domain;

	memset(pd, 0, sizeof(*pd));
	ptf_iommu_core_reset();
	ptf_devices_reset();
	ptf_iommu_devices_reset();
	if (cfg->fmt != PTF_FMT_DRIVER || !cfg->instances ||
	    cfg->instances > QCOM_MAX_ASID || probe_iommu(pd) ||
	    probe_master(pd, cfg->instances))
		goto fail;
	domain = qcom_iommu_domain_alloc_paging(pd->dev);
	if (!domain)
		goto fail;
	domain->type = IOMMU_DOMAIN_UNMANAGED;
	domain->ops = qcom_iommu_ops.default_domain_ops;
	pd->domain = domain;
	install_ops(pd);
	if (pd->tree_ops->attach_dev(domain, pd->dev, NULL))
		goto fail;
	iommu_iotlb_gather_init(&pd->pending);
	ptf_info(pd, info);
	return pd;
fail:
	teardown(pd);
	return NULL;
}

static void ptf_destroy(void *dom)
{
	teardown(dom);
}

const struct ptf_twin_ops ptf_twin_driver = {
	PTF_TWIN_CORE_OPS,
	.create			= ptf_create,
	.destroy		= ptf_destroy,
	.info			= ptf_info,
};
