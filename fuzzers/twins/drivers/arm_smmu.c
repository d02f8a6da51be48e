// SPDX-License-Identifier: GPL-2.0
/*
 * arm-smmu (SMMUv1/v2) as the tree has it, on io-pgtable: the driver's
 * domain ops, its io_pgtable_cfg, its context bank and its invalidations,
 * taken by name from arm-smmu.c (the file also needs ACPI/IORT, PCI and
 * fsl-mc aliases, the legacy "mmu-masters" binding and the impl files;
 * none of it decides a translation or its length).
 *
 * What runs is the driver's: arm_smmu_device_cfg_probe() reads ID0..ID2
 * of the modelled SMMU into the features, the stages, ATOS, the context
 * formats and page sizes, the UBS/IAS/OAS sizes and the context banks;
 * arm_smmu_domain_alloc_paging() makes the domain and
 * arm_smmu_init_domain_context() (what arm_smmu_attach_dev() calls first)
 * picks the stage and context format, builds the io_pgtable_cfg
 * (ARM_64_LPAE_S1/S2, ARM_32_LPAE_S1/S2, IAS/OAS), allocates the context
 * bank and programs it (CBAR, CBA2R, TCR, TTBRs, MAIRs, SCTLR); map,
 * unmap, lookups (ATOS through ATS1PR/ATSR/PAR on a stage 1 domain, or
 * the software walk), iotlb_sync and flush_iotlb_all go through the
 * extracted iommu core into the driver.  The SMMU is the generic
 * implementation ("arm,smmu-v2", "arm,mmu-401", "arm,smmu-v1": no impl
 * hooks), or a Qualcomm MMU-500 ("qcom,smmu-500") with the one hook of
 * qcom_smmu_500_impl that the fault path takes: its context fault handler,
 * qcom_smmu_context_fault() of arm-smmu-qcom-debug.c
 * (CONFIG_ARM_SMMU_QCOM_DEBUG), on a threaded interrupt, with the file's
 * TBU lookup (qcom_smmu_iova_to_phys_hard(), qcom_smmu_verify_fault()).
 * The device model raises a context bank's fault interrupt; the shim runs
 * the handler attach requested (ptf_irq_raise()).
 *
 * What is ours: the stream mapping (SMRs, S2CRs) the rest of attach
 * writes for the master is not modelled; the device model walks the
 * context bank the domain was given.  The iommu_ops table is the glue's:
 * the driver's is one initialiser with every op of the file.  On the
 * Qualcomm SMMU, the TBU of the master's stream is on the file's list as
 * qcom_tbu_probe() leaves it for a node with no clock and no interconnect
 * (its DT parsing and devm_of_iomap() are not taken), and the domain's
 * fault handler (what a client's iommu_set_fault_handler() installs)
 * counts the reports and handles none (-ENOSYS).
 *
 * ptf-extract: arm_smmu_device_cfg_probe arm_smmu_domain_alloc_paging
 * ptf-extract: arm_smmu_init_domain_context arm_smmu_domain_free
 * ptf-extract: arm_smmu_map_pages arm_smmu_unmap_pages
 * ptf-extract: arm_smmu_flush_iotlb_all arm_smmu_iotlb_sync
 * ptf-extract: arm_smmu_iova_to_phys? arm_smmu_iova_to_phys_length?
 * ptf-extract: arm_smmu_read_context_fault_info
 * ptf-extract: arm_smmu_print_context_fault_info
 * ptf-extract-from: drivers/iommu/arm/arm-smmu/arm-smmu-qcom-debug.c qcom_tbu
 * ptf-extract-from: drivers/iommu/arm/arm-smmu/arm-smmu-qcom-debug.c qcom_smmu_context_fault
 * ptf-extract-stop: arm_smmu_ops arm_smmu_context_fault
 */
/* What arm-smmu.c includes, as far as the shim has it. */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/interconnect.h>
#include <linux/iopoll.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <generated/utsrelease.h>

#include "arm/arm-smmu/arm-smmu.h"
#include "arm/arm-smmu/arm-smmu-qcom.h"
#include "iommufd-dirty.h"
#include "ptf-devices.h"
#include "soft-walks.h"
#include "twin.h"

/* Where the SMMU's registers are, as a device tree would say. */
#define SMMU_MMIO_BASE	0x2b500000ULL
#define SMMU_MMIO_SIZE	0x20000		/* 2 x 16 pages of 4K */
/*
 * The global fault interrupt, then one per context bank (SMMUv2 takes a
 * context bank's interrupt by its index; the ID registers say 8 banks).
 */
#define SMMU_CONTEXT_IRQS	4
/* The Qualcomm SMMU's TBU (its debug registers) and the streams it serves. */
#define TBU_MMIO_BASE		0x2b800000ULL
#define TBU_MMIO_SIZE		0x1000
#define TBU_SID_FIRST		0
#define TBU_SID_COUNT		0x400

/*
 * The file's module parameters (both at their defaults: no stage forced,
 * unattached streams bypass, as CONFIG_ARM_SMMU_DISABLE_BYPASS_BY_DEFAULT=n
 * has it) and the S2CR a stream starts with.
 */
static int force_stage;
static bool disable_bypass;
#define s2cr_init_val (struct arm_smmu_s2cr){				\
	.type = disable_bypass ? S2CR_TYPE_FAULT : S2CR_TYPE_BYPASS,	\
}

/* The file's forward declarations. */
static const struct iommu_ops arm_smmu_ops;

/* One CPU: a poll has nothing to yield to. */
#define cpu_relax()	do { } while (0)

/*
 * The context fault handler attach requests.  The device model raises no
 * interrupt (ptfuzz drives no DMA), so a call is a bug of the harness.
 */
static irqreturn_t arm_smmu_context_fault(int irq, void *dev)
{
	WARN(1, "arm-smmu: context fault interrupt without a device access");
	return IRQ_NONE;
}

#include PTF_DRIVER_EXTRACT

struct ptf_smmu_domain {
	struct iommu_domain *domain;
	struct iommu_iotlb_gather pending;	/* for unmap_fast + sync */
	struct ptf_twin_stats stats;
	struct qcom_smmu qsmmu;			/* .smmu: any implementation's */
	struct qcom_tbu tbu;
	struct arm_smmu_master_cfg master;
	struct device *dev;
	const struct iommu_domain_ops *tree_ops;
	struct iommu_domain_ops ops;		/* counting, forwarding */
	unsigned int map_stalls;		/* ptf_check_map_progress() */
	struct ptf_fault_run *fault_run;	/* the fault being handled */
};

#define PTF_TWIN_DOMAIN ptf_smmu_domain
#define PTF_TWIN_IOMMU_DOMAIN(pd) ((pd)->domain)
#include "core-ops.h"

void ptf_devices_reset(void);
void ptf_iommu_devices_reset(void);
void ptf_dev_iommu_free(struct device *dev);
void ptf_iommu_core_reset(void);
void ptf_iommu_probe_lock(bool lock);

/* One domain per twin at a time. */
static struct ptf_smmu_domain the;

#include "count-ops.h"

/* The driver's paging domain ops, as its arm_smmu_ops lists them. */
static const struct iommu_domain_ops arm_smmu_domain_ops = {
	.map_pages		= arm_smmu_map_pages,
	.unmap_pages		= arm_smmu_unmap_pages,
	.flush_iotlb_all	= arm_smmu_flush_iotlb_all,
	.iotlb_sync		= arm_smmu_iotlb_sync,
#if PTF_DOMAIN_HAS_LENGTH
	.iova_to_phys_length	= arm_smmu_iova_to_phys_length,
#else
	.iova_to_phys		= arm_smmu_iova_to_phys,
#endif
	.free			= arm_smmu_domain_free,
};

static const struct iommu_ops arm_smmu_ops = {
	.default_domain_ops	= &arm_smmu_domain_ops,
};

/* Probe, domain, context bank ---------------------------------------------- */

/* What qcom_smmu_500_impl has of the fault path (CONFIG_ARM_SMMU_QCOM_DEBUG). */
static const struct arm_smmu_impl qcom_smmu_500_fault_impl = {
	.context_fault = qcom_smmu_context_fault,
	.context_fault_needs_threaded_irq = true,
};

/*
 * ptf_pt_config.variant: the compatible, as arm_smmu_of_match has them
 * (a Qualcomm MMU-500 node's "arm,mmu-500" fallback gives its version and
 * model), and the implementation arm_smmu_impl_init() picks for it.
 */
static const struct {
	const char *compatible;
	enum arm_smmu_arch_version version;
	enum arm_smmu_implementation model;
	const struct arm_smmu_impl *impl;
} smmu_models[] = {
	{ "arm,smmu-v1", ARM_SMMU_V1, GENERIC_SMMU },
	{ "arm,mmu-401", ARM_SMMU_V1_64K, GENERIC_SMMU },
	{ "arm,smmu-v2", ARM_SMMU_V2, GENERIC_SMMU },
	{ "qcom,smmu-500", ARM_SMMU_V2, ARM_MMU500, &qcom_smmu_500_fault_impl },
};

/*
 * The SMMU as arm_smmu_device_probe() and arm_smmu_device_dt_probe() find
 * it: its node ("dma-coherent" makes the walk coherent), its registers and
 * interrupts, then the ID registers read by the driver's own
 * cfg_probe.
 */
static int probe_smmu(struct ptf_smmu_domain *pd,
		      const struct ptf_pt_config *cfg)
{
	struct arm_smmu_device *smmu = &pd->qsmmu.smmu;
	struct ptf_dev_desc d = {
		.name = "iommu@2b500000",
		.compatible = smmu_models[cfg->variant].compatible,
		.mmio = { SMMU_MMIO_BASE },
		.nr_mmio = 1,
		.mmio_size = SMMU_MMIO_SIZE,
		.nr_irqs = 1 + SMMU_CONTEXT_IRQS,
		.props = { cfg->coherent_walk ? "dma-coherent" : NULL },
	};
	struct platform_device *pdev;
	int ret;

	if (cfg->variant >= ARRAY_SIZE(smmu_models))
		return -EINVAL;
	pdev = ptf_device_add(&d);
	smmu->dev = &pdev->dev;
	smmu->version = smmu_models[cfg->variant].version;
	smmu->model = smmu_models[cfg->variant].model;
	smmu->impl = smmu_models[cfg->variant].impl;
	if (cfg->coherent_walk)
		smmu->features |= ARM_SMMU_FEAT_COHERENT_WALK;
	smmu->base = ioremap(SMMU_MMIO_BASE, SMMU_MMIO_SIZE);
	if (!smmu->base)
		return -ENOMEM;
	smmu->ioaddr = SMMU_MMIO_BASE;
	smmu->numpage = SMMU_MMIO_SIZE;
	smmu->num_context_irqs = SMMU_CONTEXT_IRQS;
	smmu->irqs = devm_kcalloc(smmu->dev, SMMU_CONTEXT_IRQS,
				  sizeof(*smmu->irqs), GFP_KERNEL);
	if (!smmu->irqs)
		return -ENOMEM;
	for (int i = 0; i < SMMU_CONTEXT_IRQS; i++) {
		ret = platform_get_irq(pdev, 1 + i);
		if (ret < 0)
			return ret;
		smmu->irqs[i] = ret;
	}
	ret = arm_smmu_device_cfg_probe(smmu);
	if (ret)
		return ret;
	return iommu_device_register(&smmu->iommu, &arm_smmu_ops, smmu->dev);
}

/* The master as of_xlate() and probe_device() leave it: one stream ID. */
static int probe_master(struct ptf_smmu_domain *pd)
{
	u32 sid = 0x42;
	int ret;

	pd->dev = ptf_master_add("master");
	ret = iommu_fwspec_init(pd->dev,
				of_fwnode_handle(pd->qsmmu.smmu.dev->of_node));
	if (!ret)
		ret = iommu_fwspec_add_ids(pd->dev, &sid, 1);
	if (ret)
		return ret;
	pd->dev->iommu->iommu_dev = &pd->qsmmu.smmu.iommu;
	pd->master.smmu = &pd->qsmmu.smmu;
	ptf_iommu_probe_lock(true);
	dev_iommu_priv_set(pd->dev, &pd->master);
	ptf_iommu_probe_lock(false);
	return 0;
}

/*
 * The TBU of the master's stream, as qcom_tbu_probe() lists it for a
 * "qcom,sdm845-tbu" node of that SMMU (no clock, no interconnect path).
 */
static int probe_tbu(struct ptf_smmu_domain *pd)
{
	struct qcom_tbu *tbu = &pd->tbu;

	*tbu = (struct qcom_tbu){
		.dev = pd->qsmmu.smmu.dev,
		.smmu_np = pd->qsmmu.smmu.dev->of_node,
		.sid_range = { TBU_SID_FIRST, TBU_SID_COUNT },
	};
	INIT_LIST_HEAD(&tbu->list);
	spin_lock_init(&tbu->halt_lock);
	tbu->base = ioremap(TBU_MMIO_BASE, TBU_MMIO_SIZE);
	if (!tbu->base)
		return -ENOMEM;
	guard(mutex)(&tbu_list_lock);
	list_add_tail(&tbu->list, &tbu_list);
	return 0;
}

static void remove_tbu(struct ptf_smmu_domain *pd)
{
	if (!pd->tbu.base)
		return;
	scoped_guard(mutex, &tbu_list_lock)
		list_del(&pd->tbu.list);
	iounmap(pd->tbu.base);
}

/* The client's fault handler: it counts what the core reports, handles none. */
static int client_fault(struct iommu_domain *domain, struct device *dev,
			unsigned long iova, int flags, void *token)
{
	struct ptf_fault_run *run = ((struct ptf_smmu_domain *)token)->fault_run;

	run->reports++;
	run->iova = iova;
	run->flags = flags;
	return -ENOSYS;
}

static void teardown(struct ptf_smmu_domain *pd)
{
	remove_tbu(pd);
	if (pd->domain) {
		pd->domain->ops = pd->tree_ops;
		iommu_domain_free(pd->domain);
		pd->domain = NULL;
	}
	iommu_device_unregister(&pd->qsmmu.smmu.iommu);
	if (pd->qsmmu.smmu.base)
		iounmap(pd->qsmmu.smmu.base);
	if (pd->dev)
		ptf_dev_iommu_free(pd->dev);
	ptf_devices_remove_all();
	ptf_iommu_devices_reset();
}

static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_smmu_domain *pd = dom;
	struct arm_smmu_domain *smmu_domain = to_smmu_domain(pd->domain);
	const struct iommu_domain_geometry *g = &pd->domain->geometry;
	struct io_pgtable *iop = io_pgtable_ops_to_pgtable(smmu_domain->pgtbl_ops);

	*info = (struct ptf_pt_info){
		.pgsize_bitmap	= pd->domain->pgsize_bitmap,
		.ias		= iop->cfg.ias,
		.oas		= iop->cfg.oas,
		.va_first	= g->aperture_start,
		.va_last	= g->aperture_end,
		.unmap_splits_blocks = PTF_LPAE_SPLITS_BLOCKS,
	};
	/* The context bank the device model walks. */
	info->regs[0] = smmu_domain->cfg.cbndx;
}

static void *ptf_create(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info)
{
	struct ptf_smmu_domain *pd = &the;
	struct arm_smmu_domain *smmu_domain;
	struct iommu_domain *domain;

	memset(pd, 0, sizeof(*pd));
	ptf_iommu_core_reset();
	ptf_devices_reset();
	ptf_iommu_devices_reset();
	if (cfg->fmt != PTF_FMT_DRIVER || probe_smmu(pd, cfg) ||
	    probe_master(pd))
		goto fail;
	domain = arm_smmu_domain_alloc_paging(pd->dev);
	if (!domain)
		goto fail;
	domain->type = IOMMU_DOMAIN_UNMANAGED;
	domain->ops = arm_smmu_ops.default_domain_ops;
	pd->domain = domain;
	install_ops(pd);
	/* attach's first step: the context bank and its page tables. */
	smmu_domain = to_smmu_domain(domain);
	if (arm_smmu_init_domain_context(smmu_domain, &pd->qsmmu.smmu, pd->dev))
		goto fail;
	ptf_count_soft_walks(smmu_domain->pgtbl_ops, &pd->stats.soft_walks);
	if (pd->qsmmu.smmu.impl == &qcom_smmu_500_fault_impl && probe_tbu(pd))
		goto fail;
	iommu_set_fault_handler(domain, client_fault, pd);
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

/* The context bank's interrupt, as the SMMU raises it: the handler attach asked for. */
static void ptf_context_fault(void *dom, struct ptf_fault_run *run)
{
	struct ptf_smmu_domain *pd = dom;
	struct arm_smmu_domain *smmu_domain = to_smmu_domain(pd->domain);
	struct arm_smmu_device *smmu = &pd->qsmmu.smmu;

	*run = (struct ptf_fault_run){ .irqret = -ENOENT };
	if (smmu_domain->cfg.irptndx == ARM_SMMU_INVALID_IRPTNDX)
		return;		/* no interrupt was requested */
	pd->fault_run = run;
	run->irqret = ptf_irq_raise(smmu->dev,
				    smmu->irqs[smmu_domain->cfg.irptndx]);
	pd->fault_run = NULL;
}

const struct ptf_twin_ops ptf_twin_driver = {
	PTF_TWIN_CORE_OPS,
	.create			= ptf_create,
	.destroy		= ptf_destroy,
	.info			= ptf_info,
	.context_fault		= ptf_context_fault,
};
