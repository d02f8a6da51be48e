// SPDX-License-Identifier: GPL-2.0
/*
 * ipmmu-vmsa as the tree has it, whole: Renesas' VMSA-compatible IPMMU,
 * on the R-Car SoC the configuration names, described as its .dtsi does.
 * R-Car Gen2 has one IPMMU per bus, its registers at the non-secure alias
 * (+0x800); Gen3 and Gen4 have a main IPMMU (IPMMU-MM, which holds the
 * contexts and walks the tables) and IPMMU caches in front of it (the
 * "renesas,ipmmu-main" leaves, which hold the uTLBs and register with the
 * iommu core).  The master is an SD host, on the driver's allow list, or
 * another device, which Gen3 and Gen4 refuse; its uTLB is below 32 or,
 * on Gen3 and Gen4, in the second bank of uTLB registers.
 *
 * The driver builds its ARM_32_LPAE_S1 io_pgtable_cfg in
 * ipmmu_domain_init_context() (4K, 2M and 1G pages, 32-bit IOVA, 40-bit
 * PA, IO_PGTABLE_QUIRK_ARM_NS, a non-coherent walk) and programs the
 * context: the device model (fuzzers/targets/ipmmu_vmsa.c) walks what it
 * wrote.
 */
/* Kbuild names the module on the command line. */
#define KBUILD_MODNAME "ipmmu_vmsa"
#include "ipmmu-vmsa.c"

#include "driver.h"

/* ptf_pt_config.variant: the SoC, as the target names it. */
enum {
	IPMMU_R8A7791,		/* R-Car M2-W, Gen2 */
	IPMMU_R8A7795,		/* R-Car H3 ES3.0, Gen3 */
	IPMMU_R8A7796,		/* R-Car M3-W, Gen3, on the driver's deny list */
	IPMMU_R8A779A0,		/* R-Car V3U, Gen4 */
	IPMMU_NR_SOCS,
};

/* ptf_pt_config.quirks, the low bits. */
#define IPMMU_MASTER_OTHER	(1u << 0)	/* not on the allow list */
#define IPMMU_UTLB_HIGH		(1u << 1)	/* uTLB 32 and up */

struct ipmmu_soc {
	struct soc_device_attribute soc;	/* as renesas-soc.c registers it */
	const char *compatible;
	const char *main_name, *cache_name;
	u64 main, cache;	/* register windows; no cache: Gen2 */
	u64 size;
	const char *sdhi, *other;	/* the masters' device names */
	u32 utlb[2];		/* the master's uTLB: low, high */
};

static const struct ipmmu_soc ipmmu_socs[IPMMU_NR_SOCS] = {
	[IPMMU_R8A7791] = {
		{ .family = "R-Car Gen2", .soc_id = "r8a7791", .revision = "ES1.0" },
		"renesas,ipmmu-vmsa", "e6740000.iommu", NULL, 0xe6740000, 0, 0x1000,
		"ee100000.mmc", "fe928000.vsp", { 9, 9 },
	},
	[IPMMU_R8A7795] = {
		{ .family = "R-Car Gen3", .soc_id = "r8a7795", .revision = "ES3.0" },
		"renesas,ipmmu-r8a7795", "e67b0000.iommu", "e7740000.iommu",
		0xe67b0000, 0xe7740000, 0x1000,
		"ee100000.mmc", "fe960000.vsp", { 0, 32 },
	},
	[IPMMU_R8A7796] = {
		{ .family = "R-Car Gen3", .soc_id = "r8a7796", .revision = "ES1.1" },
		"renesas,ipmmu-r8a7796", "e67b0000.iommu", "e7740000.iommu",
		0xe67b0000, 0xe7740000, 0x1000,
		"ee100000.mmc", "fe960000.vsp", { 0, 32 },
	},
	[IPMMU_R8A779A0] = {
		{ .family = "R-Car Gen4", .soc_id = "r8a779a0", .revision = "ES1.0" },
		"renesas,ipmmu-r8a779a0", "eefc0000.iommu", "eed00000.iommu",
		0xeefc0000, 0xeed00000, 0x20000,
		"ee140000.mmc", "fea20000.vsp", { 32, 40 },
	},
};

static struct platform_device *ipmmu_add(const struct ipmmu_soc *soc, u64 base,
					 bool main, bool cache)
{
	struct ptf_dev_desc d = {
		.compatible = soc->compatible,
		.mmio = { base },
		.nr_mmio = 1,
		.mmio_size = soc->size,
		/* The main IPMMU's interrupt; a cache has none. */
		.nr_irqs = main,
	};

	d.name = main ? soc->main_name : soc->cache_name;
	if (!main)
		d.props[0] = "renesas,ipmmu-main";
	return ptf_device_add(&d);
}

/*
 * The SoC's IPMMUs, main first (a cache defers its probe until the main
 * one is bound), and the master on the cache, or on the Gen2 IPMMU.
 */
static int ipmmu_describe(const struct ptf_pt_config *cfg,
			  struct ptf_machine *m)
{
	const struct ipmmu_soc *soc;
	struct platform_device *tlb;
	u32 utlb;

	if (cfg->variant >= IPMMU_NR_SOCS)
		return -EINVAL;
	soc = &ipmmu_socs[cfg->variant];
	ptf_soc_set(&soc->soc);
	tlb = ipmmu_add(soc, soc->main, true, soc->cache);
	if (soc->cache)
		tlb = ipmmu_add(soc, soc->cache, false, true);
	utlb = soc->utlb[!!(cfg->quirks & IPMMU_UTLB_HIGH)];
	ptf_machine_add(m, tlb, 1, &utlb);
	m->master_name = cfg->quirks & IPMMU_MASTER_OTHER ? soc->other : soc->sdhi;
	return 0;
}

static unsigned int ipmmu_oas(const struct ptf_pt_config *cfg)
{
	return 40;
}

const struct ptf_driver ptf_driver = {
	.ops		= &ipmmu_ops,
	.describe	= ipmmu_describe,
	.init		= ptf_platform_driver_init,
	.oas		= ipmmu_oas,
	.unmap_splits_blocks = PTF_LPAE_SPLITS_BLOCKS,
};
