// SPDX-License-Identifier: GPL-2.0
/*
 * s390-iommu, as the tree has it: one zPCI function, the master, whose DMA
 * is translated through the tables the driver registers with it.  The
 * function's attributes come from the CLP "query PCI function" response
 * (the target's model of the function answers it), as clp_query_pci_fn()
 * stores them; the driver's IOMMU instance is the function's own,
 * registered by zpci_init_iommu() as the zPCI bus code does when it adds
 * the function.
 *
 * Two boot facts shape the aperture: the end of memory (high_memory) and
 * the s390_iommu_aperture= parameter (a factor; 0: unlimited).  The
 * configuration gives them as cfg->ias (log2 of the memory size) and
 * cfg->quirks (the factor); boot parameters are not parsed.
 */
#include <linux/init.h>
#include <linux/mm.h>

/* dma-iommu.c's, which s390_iommu_init() sets; the DMA API is not modelled. */
bool iommu_dma_forcedac;

/* The machine's end of memory, as s390_iommu_init() reads it. */
static phys_addr_t ptf_s390_memory_end;
#define high_memory	((void *)&ptf_s390_memory_end)
static inline phys_addr_t ptf_s390_virt_to_phys(const volatile void *virt)
{
	if (virt == high_memory)
		return ptf_s390_memory_end;
	return virt_to_phys(virt);
}
#define virt_to_phys(virt)	ptf_s390_virt_to_phys(virt)

/* Boot parameters are not parsed (above): no __setup() handlers. */
#undef __setup
#define __setup(str, fn)

#include "s390-iommu.c"

#include "driver.h"

static struct zpci_bus zbus;
static struct zpci_dev zdev;
static struct pci_bus bus;

/* clp_store_query_pci_fn(): what the firmware says of the function. */
static void query_function(struct zpci_dev *zdev)
{
	u8 status;

	zpci_ptf_insn(0, 0, ZPCI_PTF_CLP_QUERY, 0, 0, 0, &status);
	zdev->fh = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_Q_FH, 4);
	zdev->fid = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_Q_FID, 4);
	zdev->start_dma = zpci_ptf_read64(ZPCI_PTF_Q_SDMA);
	zdev->end_dma = zpci_ptf_read64(ZPCI_PTF_Q_EDMA);
	zdev->dtsm = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_Q_DTSM, 4);
	zdev->tlb_refresh = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_Q_REFRESH, 4);
	zdev->rtr_avail = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_Q_RTR, 4);
	zdev->pft = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_Q_PFT, 4);
}

static int s390_describe(const struct ptf_pt_config *cfg, struct ptf_machine *m)
{
	if (cfg->ias < 20 || cfg->ias > 63)
		return -EINVAL;
	/* Boot anew: the driver keeps its boot-time setup in globals. */
	dma_region_table_cache = dma_page_table_cache = NULL;
	s390_iommu_aperture = 0;
	s390_iommu_aperture_factor = cfg->quirks;
	ptf_s390_memory_end = 1ULL << cfg->ias;
	memset(&zbus, 0, sizeof(zbus));
	memset(&zdev, 0, sizeof(zdev));
	memset(&bus, 0, sizeof(bus));
	ptf_rt_ioremap(ZPCI_PTF_CHANNEL, ZPCI_PTF_CHANNEL_SIZE);
	query_function(&zdev);
	return 0;
}

/* Boot, then the zPCI bus adds the function: zpci_init_iommu(). */
static int s390_init(void)
{
	int ret = s390_iommu_init();

	return ret ? ret : zpci_init_iommu(&zdev);
}

/* The function, enabled, on its zPCI bus at devfn 0 (zpci_bus_scan()). */
static struct device *s390_master(void)
{
	struct pci_dev *pdev = ptf_pci_master_add("0000:00:00.0", &bus, 0,
						  &zbus);

	zdev.zbus = &zbus;
	zbus.function[0] = &zdev;
	return &pdev->dev;
}

/* The function goes (zpci_destroy_iommu()); the table caches stay. */
static void s390_release(struct device *master)
{
	zpci_destroy_iommu(&zdev);
	kmem_cache_destroy(dma_region_table_cache);
	kmem_cache_destroy(dma_page_table_cache);
}

static unsigned int s390_oas(const struct ptf_pt_config *cfg)
{
	return 64;
}

const struct ptf_driver ptf_driver = {
	.describe	= s390_describe,
	.init		= s390_init,
	.master		= s390_master,
	.release	= s390_release,
	.oas		= s390_oas,
};
