/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver.h - what one IOMMU driver's glue tells the driver twin.
 *
 * A driver's glue (fuzzers/twins/drivers/<driver>.c) #includes the tree's
 * driver source, so that its static iommu_ops and domain ops are callable,
 * and defines ptf_driver: the machine the configuration stands for (the
 * IOMMU instances a device tree would describe), the driver's boot entry,
 * and what a builtin driver keeps for good.  common.c does the rest, the
 * way the kernel does it: boot and probe, of_xlate and probe_device for a
 * master, a paging domain from the core, attach, and on destroy detach,
 * free, release and the checks of what was left behind.
 */
#ifndef PTF_TWIN_DRIVER_H
#define PTF_TWIN_DRIVER_H

#include <linux/iommu.h>
#include <linux/of.h>

#include "ptf-devices.h"
#include "twin.h"

#define PTF_MAX_IOMMUS_PER_MASTER	4

/*
 * ptf_pt_config.quirks bits the drivers share (the low bits are each
 * driver's own).  PTF_DRV_QUERY_BEFORE_ATTACH: the caller looks up IOVA 0
 * of the new paging domain before attaching it, which iommu_iova_to_phys()
 * allows (the domain maps nothing: the answer is 0).
 */
#define PTF_DRV_QUERY_BEFORE_ATTACH	(1u << 31)

/* The master's "iommus" property: one specifier per IOMMU it sits behind. */
struct ptf_machine {
	struct of_phandle_args iommus[PTF_MAX_IOMMUS_PER_MASTER];
	unsigned int nr_iommus;
	/* The master's device name (NULL: "master"), for drivers that ask it. */
	const char *master_name;
};

struct ptf_driver {
	/*
	 * The driver's iommu_ops; NULL if it has several and registers one
	 * of them per IOMMU (s390): the master's is then found the way the
	 * core finds it, from the IOMMU its fwspec names (or, without one,
	 * the IOMMU registered without a firmware node).
	 */
	const struct iommu_ops *ops;
	/*
	 * Add the IOMMU instances of @cfg (ptf_device_add()) and point the
	 * master at them; forget any state a previous input left in the
	 * driver's globals.  0 or -errno (the configuration is not hardware).
	 */
	int (*describe)(const struct ptf_pt_config *cfg, struct ptf_machine *m);
	/* Boot: the driver's initcall, which registers it (and probes). */
	int (*init)(void);
	/*
	 * The paging domain a DMA layer made for the master and attached in
	 * the driver's probe_finalize() (the 32-bit ARM DMA API's mapping),
	 * which the ops then run on, or an ERR_PTR if it did not attach it.
	 * NULL (or no hook): a paging domain from the core, attached by the
	 * harness as VFIO or iommufd would.
	 */
	struct iommu_domain *(*dma_domain)(struct device *master);
	/*
	 * The master, if it is not a platform device the IOMMU reaches
	 * through of_xlate(): a PCI function (ptf_pci_master_add()), set up
	 * after boot as its bus would.  NULL: ptf_master_add().
	 */
	struct device *(*master)(void);
	/*
	 * Free what the driver keeps for good once booted (it never unbinds):
	 * caches, shared tables, per-master data the kernel never frees.
	 */
	void (*release)(struct device *master);
	/* Output address bits the hardware of @cfg has. */
	unsigned int (*oas)(const struct ptf_pt_config *cfg);
	/*
	 * A driver on io-pgtable: the tree's io-pgtable splits a block on a
	 * partial unmap (PTF_LPAE_SPLITS_BLOCKS, ptf_pt_info).
	 */
	int unmap_splits_blocks;
	/*
	 * Contain a known finding in the driver's own identity or blocked
	 * domain (@on before the master goes back to it, !@on after), when
	 * the engine asks: let the sanitizers allow exactly the memory the
	 * driver wrongly touches, changing nothing of what it does.  NULL:
	 * nothing to contain.
	 */
	void (*contain)(bool on);
	/* The driver's own record of @domain's mappings (ptf_twin_ops), or NULL. */
	size_t (*records)(struct iommu_domain *domain, u64 lo, u64 hi,
			  struct ptf_record *out, size_t max);
	/*
	 * Optional: what the hardware of @cfg does once the master is
	 * attached (a clock that stops working).
	 */
	void (*attached)(const struct ptf_pt_config *cfg);
	/*
	 * Optional: the io-pgtable the driver's lookup walks in software
	 * for @domain (its calls are counted: soft-walks.h).
	 */
	struct io_pgtable_ops *(*soft_walk_ops)(struct iommu_domain *domain);
};

extern const struct ptf_driver ptf_driver;

/* A node's specifier with @nr cells of @args, for ptf_machine. */
static inline void ptf_machine_add(struct ptf_machine *m,
				   struct platform_device *iommu,
				   unsigned int nr, const u32 *args)
{
	struct of_phandle_args *spec = &m->iommus[m->nr_iommus++];

	spec->np = iommu->dev.of_node;
	spec->args_count = nr;
	for (unsigned int i = 0; i < nr; i++)
		spec->args[i] = args[i];
}

#endif /* PTF_TWIN_DRIVER_H */
