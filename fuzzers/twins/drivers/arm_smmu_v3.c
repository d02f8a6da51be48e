// SPDX-License-Identifier: GPL-2.0
/*
 * arm-smmu-v3 as the tree has it, on io-pgtable: the driver's domain ops,
 * its io_pgtable_cfg and its invalidations, taken by name from
 * arm-smmu-v3.c (the file needs far more of the kernel than ptfuzz stands
 * in for: PCI, ATS, MSIs, SVA, iommufd's vIOMMU, ACPI/IORT) and built
 * against its own arm-smmu-v3.h.
 *
 * What runs is the driver's: arm_smmu_device_hw_probe() reads the ID
 * registers of the modelled SMMU (IDR0/1/3/5 chosen from the input) into
 * the features, OAS and page sizes; arm_smmu_domain_alloc_paging_flags()
 * and arm_smmu_domain_finalise() make the domain and its io_pgtable_cfg
 * (stage 1 or 2, IAS, quirks) and allocate the ASID or VMID;
 * arm_smmu_master_build_invs() and arm_smmu_invs_merge() build the
 * invalidation array attach installs; map, unmap, lookups, iotlb_sync and
 * flush_iotlb_all go through the extracted iommu core into the driver,
 * which builds TLBI commands (arm_smmu_cmdq_batch_add_range(): range or
 * per-granule, TTL, leaf) and issues them.
 *
 * What is ours: the command queue's producer (the driver's is lock-free
 * and multi-CPU, __arm_smmu_cmdq_issue_cmdlist()); here one CPU writes the
 * commands into the queue in memory and moves CMDQ_PROD, and the device
 * model consumes them.  The STE/CD the driver would write for the master
 * are not (the walker is told the table base the domain's CD or STE would
 * hold, from the io_pgtable_cfg).  The iommu_ops table is the glue's: the
 * driver's is one initialiser with every op of the file.
 *
 * ptf-extract: arm_smmu_device_hw_probe arm_smmu_domain_alloc_paging_flags
 * ptf-extract: arm_smmu_domain_free_paging arm_smmu_map_pages
 * ptf-extract: arm_smmu_unmap_pages arm_smmu_flush_iotlb_all
 * ptf-extract: arm_smmu_iotlb_sync arm_smmu_iova_to_phys?
 * ptf-extract: arm_smmu_iova_to_phys_length? arm_smmu_master_build_invs
 * ptf-extract: arm_smmu_invs_merge
 * ptf-extract-stop: arm_smmu_ops __arm_smmu_cmdq_issue_cmdlist
 * ptf-extract-stop: arm_smmu_install_ste_for_dev arm_smmu_write_entry
 * ptf-extract-stop: arm_smmu_install_new_domain_invs
 */
/* What arm-smmu-v3.c includes, as far as the shim has it. */
#include <linux/bitops.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/io-pgtable.h>
#include <linux/iopoll.h>
#include <linux/jump_label.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string_choices.h>
#include <kunit/visibility.h>
#include <generated/utsrelease.h>

#include "arm/arm-smmu-v3/arm-smmu-v3.h"
#include "iommu-pages.h"
#include "iommufd-dirty.h"
#include "ptf-devices.h"
#include "twin.h"

/* Where the SMMU's registers are, as a device tree would say. */
#define SMMU_MMIO_BASE	0x2b400000ULL
#define SMMU_MMIO_SIZE	0x20000
#define SMMU_STREAM_ID	0x42
/* The queue the producer writes: 256 commands, a power of two. */
#define SMMU_CMDQ_SHIFT	8

/* What the extract needs from the rest of the file and the kernel. */
static bool disable_msipolling;
static bool ptf_vhe_host;

#define ARM64_HAS_VIRT_HOST_EXTN	1
#define ARM64_HW_DBM			2
static bool cpus_have_cap(unsigned int cap)
{
	return cap == ARM64_HAS_VIRT_HOST_EXTN && ptf_vhe_host;
}

/* The kernel's VA size (arm64 CONFIG_ARM64_VA_BITS, 48 in Debian's). */
#define VA_BITS	48

/* Attach holds the group mutex; ptfuzz attaches from one place. */
#define iommu_group_mutex_assert(dev)	do { } while (0)

/* The file's forward declarations. */
static const struct iommu_ops arm_smmu_ops;
static struct iommu_dirty_ops arm_smmu_dirty_ops;

#include PTF_DRIVER_EXTRACT

struct ptf_smmu_domain {
	struct iommu_domain *domain;
	struct iommu_iotlb_gather pending;	/* for unmap_fast + sync */
	struct ptf_twin_stats stats;
	struct arm_smmu_device smmu;
	struct arm_smmu_master master;
	struct arm_smmu_stream stream;
	struct device *dev;
	const struct iommu_domain_ops *tree_ops;
	struct iommu_domain_ops ops;		/* counting, forwarding */
	unsigned int map_stalls;		/* ptf_check_map_progress() */
	u32 cmdq_prod;
	u32 flags;
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

/* The command queue's producer --------------------------------------------- */

/*
 * One CPU, in order: the commands (and a CMD_SYNC when asked) go into the
 * queue at PROD, PROD moves (index and wrap bit, as the SMMU counts), and
 * the SMMU has consumed them when CONS catches up.  A batch is at most
 * CMDQ_BATCH_ENTRIES + 1 commands, fewer than the queue holds.
 */
int __arm_smmu_cmdq_issue_cmdlist(struct arm_smmu_device *smmu,
				  struct arm_smmu_cmdq *cmdq,
				  struct arm_smmu_cmd *cmds, int n, bool sync)
{
	struct arm_smmu_queue *q = &cmdq->q;
	u32 entries = 1U << q->llq.max_n_shift;
	struct arm_smmu_cmd cmd_sync = {
		.data[0] = FIELD_PREP(CMDQ_0_OP, CMDQ_OP_CMD_SYNC) |
			   FIELD_PREP(CMDQ_SYNC_0_CS, CMDQ_SYNC_0_CS_NONE),
	};
	u32 prod = the.cmdq_prod;

	for (int i = 0; i < n + sync; i++) {
		const struct arm_smmu_cmd *c = i < n ? &cmds[i] : &cmd_sync;
		u64 *slot = (u64 *)q->base + 2 * (prod & (entries - 1));

		slot[0] = c->data[0];
		slot[1] = c->data[1];
		prod = (prod + 1) & (2 * entries - 1);	/* index and wrap bit */
	}
	the.cmdq_prod = prod;
	writel(prod, q->prod_reg);
	if (WARN(readl(q->cons_reg) != prod,
		 "SMMU command queue not consumed: PROD 0x%x CONS 0x%x",
		 prod, readl(q->cons_reg)))
		return -ETIMEDOUT;
	return 0;
}

/* The queue arm_smmu_device_reset() would enable. */
static int cmdq_enable(struct arm_smmu_device *smmu)
{
	struct arm_smmu_queue *q = &smmu->cmdq.q;
	size_t bytes;

	if (q->llq.max_n_shift > SMMU_CMDQ_SHIFT)
		q->llq.max_n_shift = SMMU_CMDQ_SHIFT;
	bytes = 16UL << q->llq.max_n_shift;
	q->base = iommu_alloc_pages_sz(GFP_KERNEL, bytes);
	if (!q->base)
		return -ENOMEM;
	q->base_dma = virt_to_phys(q->base);
	q->prod_reg = smmu->base + ARM_SMMU_CMDQ_PROD;
	q->cons_reg = smmu->base + ARM_SMMU_CMDQ_CONS;
	writeq(Q_BASE_RWA | (q->base_dma & Q_BASE_ADDR_MASK) |
	       FIELD_PREP(Q_BASE_LOG2SIZE, q->llq.max_n_shift),
	       smmu->base + ARM_SMMU_CMDQ_BASE);
	writel(0, q->prod_reg);
	writel(0, q->cons_reg);
	writel(CR0_CMDQEN, smmu->base + ARM_SMMU_CR0);
	return 0;
}

#include "count-ops.h"

/* The driver's domain ops, as its arm_smmu_ops lists them. */
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
	.free			= arm_smmu_domain_free_paging,
};

static const struct iommu_ops arm_smmu_ops = {
	.default_domain_ops	= &arm_smmu_domain_ops,
};

/* Probe, domain, attach's invalidation array -------------------------------- */

/*
 * The SMMU as arm_smmu_device_probe() finds it: its node ("dma-coherent"
 * makes it ARM_SMMU_FEAT_COHERENCY), its registers, the ID registers read
 * by the driver's own hw_probe, and the command queue.
 */
static int probe_smmu(struct ptf_smmu_domain *pd,
		      const struct ptf_pt_config *cfg)
{
	struct arm_smmu_device *smmu = &pd->smmu;
	struct ptf_dev_desc d = {
		.name = "iommu@2b400000",
		.compatible = "arm,smmu-v3",
		.mmio = { SMMU_MMIO_BASE },
		.nr_mmio = 1,
		.mmio_size = SMMU_MMIO_SIZE,
		.props = { cfg->coherent_walk ? "dma-coherent" : NULL },
	};
	struct platform_device *pdev = ptf_device_add(&d);
	int ret;

	smmu->dev = &pdev->dev;
	if (cfg->coherent_walk)
		smmu->features |= ARM_SMMU_FEAT_COHERENCY;
	smmu->base = ioremap(SMMU_MMIO_BASE, SMMU_MMIO_SIZE);
	if (!smmu->base)
		return -ENOMEM;
	ida_init(&smmu->vmid_map);
	ret = arm_smmu_device_hw_probe(smmu);
	if (!ret)
		ret = cmdq_enable(smmu);
	return ret ? ret : iommu_device_register(&smmu->iommu, &arm_smmu_ops,
						 smmu->dev);
}

/*
 * The master as of_xlate() and probe_device() leave it: its fwspec with
 * one stream ID, its arm_smmu_master, no ATS, no PASIDs.
 */
static int probe_master(struct ptf_smmu_domain *pd)
{
	struct arm_smmu_master *master = &pd->master;
	u32 sid = SMMU_STREAM_ID;
	int ret;

	pd->dev = ptf_master_add("master");
	ret = iommu_fwspec_init(pd->dev,
				of_fwnode_handle(pd->smmu.dev->of_node));
	if (!ret)
		ret = iommu_fwspec_add_ids(pd->dev, &sid, 1);
	if (ret)
		return ret;
	pd->dev->iommu->iommu_dev = &pd->smmu.iommu;
	master->dev = pd->dev;
	master->smmu = &pd->smmu;
	pd->stream.id = sid;
	pd->stream.master = master;
	master->streams = &pd->stream;
	master->num_streams = 1;
	master->build_invs = arm_smmu_invs_alloc(1 + 1);
	if (!master->build_invs)
		return -ENOMEM;
	/* probe_device() runs under iommu_probe_device_lock. */
	ptf_iommu_probe_lock(true);
	dev_iommu_priv_set(pd->dev, master);
	ptf_iommu_probe_lock(false);
	return 0;
}

/* What attach installs: the domain's invalidations for this master. */
static int install_invs(struct ptf_smmu_domain *pd)
{
	struct arm_smmu_domain *smmu_domain = to_smmu_domain(pd->domain);
	struct arm_smmu_invs *build, *old = smmu_domain->invs, *merged;

	build = arm_smmu_master_build_invs(&pd->master, false, IOMMU_NO_PASID,
					   smmu_domain);
	if (!build)
		return -EINVAL;
	merged = arm_smmu_invs_merge(old, build);
	if (IS_ERR(merged))
		return PTR_ERR(merged);
	rcu_assign_pointer(smmu_domain->invs, merged);
	kfree(old);
	return 0;
}

static void teardown(struct ptf_smmu_domain *pd)
{
	if (pd->domain) {
		pd->domain->ops = pd->tree_ops;
		iommu_domain_free(pd->domain);
		pd->domain = NULL;
	}
	kfree(pd->master.build_invs);
	if (pd->smmu.cmdq.q.base)
		iommu_free_pages(pd->smmu.cmdq.q.base);
	ida_destroy(&pd->smmu.vmid_map);
	iommu_device_unregister(&pd->smmu.iommu);
	if (pd->smmu.base)
		iounmap(pd->smmu.base);
	if (pd->dev)
		ptf_dev_iommu_free(pd->dev);
	ptf_devices_remove_all();
	ptf_iommu_devices_reset();
}

/*
 * The registers the SMMU walks with: the CD's TTB0/TCR/MAIR or the STE's
 * S2TTB/VTCR/S2FWB, as arm_smmu_make_s1_cd() and
 * arm_smmu_make_s2_domain_ste() take them from the io_pgtable_cfg.
 */
static void export_regs(struct arm_smmu_domain *smmu_domain, ptf_u64 *regs)
{
	struct io_pgtable *iop = io_pgtable_ops_to_pgtable(smmu_domain->pgtbl_ops);
	const struct io_pgtable_cfg *cfg = &iop->cfg;

	if (smmu_domain->stage == ARM_SMMU_DOMAIN_S1) {
		regs[0] = cfg->arm_lpae_s1_cfg.ttbr;
		regs[1] = cfg->arm_lpae_s1_cfg.tcr.tsz;
		regs[2] = cfg->arm_lpae_s1_cfg.tcr.tg;
		regs[3] = cfg->arm_lpae_s1_cfg.mair;
	} else {
		regs[0] = cfg->arm_lpae_s2_cfg.vttbr;
		regs[1] = cfg->arm_lpae_s2_cfg.vtcr.tsz;
		regs[2] = cfg->arm_lpae_s2_cfg.vtcr.tg;
		regs[3] = cfg->arm_lpae_s2_cfg.vtcr.sl;
	}
	/*
	 * The stage, the ASID or VMID its TLB entries are tagged with, and
	 * the STE's S2FWB (bit 1).
	 */
	if (smmu_domain->stage == ARM_SMMU_DOMAIN_S1)
		regs[4] = 1 | (ptf_u64)smmu_domain->cd.asid << 16;
	else
		regs[4] = (ptf_u64)smmu_domain->s2_cfg.vmid << 16 |
			  (cfg->quirks & IO_PGTABLE_QUIRK_ARM_S2FWB ? 2 : 0);
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
		/* Older io-pgtable-arm (6.1) splits a block to unmap part of it. */
		.unmap_splits_blocks = PTF_LPAE_SPLITS_BLOCKS,
	};
	export_regs(smmu_domain, info->regs);
}

static void *ptf_create(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info)
{
	struct ptf_smmu_domain *pd = &the;
	struct iommu_domain *domain;

	memset(pd, 0, sizeof(*pd));
	ptf_iommu_core_reset();
	ptf_devices_reset();
	ptf_iommu_devices_reset();
	/*
	 * The driver's globals: a new boot (the runtime has freed whatever a
	 * previous input left allocated).
	 */
	xa_init_flags(&arm_smmu_asid_xa, XA_FLAGS_ALLOC1);
	ptf_vhe_host = cfg->variant & 1;
	pd->flags = cfg->quirks;
	if (cfg->fmt != PTF_FMT_DRIVER || probe_smmu(pd, cfg) ||
	    probe_master(pd))
		goto fail;
	domain = arm_smmu_domain_alloc_paging_flags(pd->dev, pd->flags, NULL);
	if (IS_ERR(domain))
		goto fail;
	pd->domain = domain;
	install_ops(pd);
	if (install_invs(pd))
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
