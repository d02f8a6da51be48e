// SPDX-License-Identifier: GPL-2.0
/*
 * apple-dart as the tree has it, whole: Apple's DART, in the variants its
 * match data describes (t8103 and its USB4 DART: APPLE_DART, 36-bit PAs,
 * four TTBRs per stream; t6000: APPLE_DART2, 42-bit PAs; t8110: APPLE_DART2
 * with the IAS and OAS of its PARAMS3, one TTBR and a four-level TCR bit),
 * on an io-pgtable-dart table.  The driver reads its page size and bypass
 * support from PARAMS1/PARAMS2 of the modelled DART (and t8110's widths
 * and stream count from PARAMS3/PARAMS4), builds its io_pgtable_cfg from
 * them at attach, and flushes its streams' TLBs through its own command
 * registers.
 *
 * The kernel's page size.  The shim's is 4K, and so is everything else's
 * here; apple-dart.c alone sees the configuration's (a 4K kernel, or the
 * 16K kernel of Apple silicon distributions): the driver refuses paging
 * domains on a DART whose pages are larger than the CPU's, and that is
 * its only use of PAGE_SIZE besides the PCIe MSI doorbell (not built).
 * Every header the driver includes is included first, so that no kernel
 * header sees the changed PAGE_SIZE.
 */
/* Kbuild names the module on the command line. */
#define KBUILD_MODNAME "apple_dart"
#include <linux/atomic.h>
#include <linux/bitfield.h>
#include <linux/clk.h>
#include <linux/dev_printk.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_iommu.h>
#include <linux/of_platform.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/swab.h>
#include <linux/types.h>
#include "dma-iommu.h"

static unsigned long ptf_dart_page_size = 4096;

#undef PAGE_SIZE
#define PAGE_SIZE	ptf_dart_page_size

#include "apple-dart.c"

#include "driver.h"

#define DART_BASE	0x231304000ULL	/* t8103's DISP0 DART, as its .dtsi has it */
#define DART_SIZE	0x4000

/* ptf_pt_config.variant: the compatible string, as the match table has it. */
static const char *const dart_compatibles[] = {
	"apple,t8103-dart", "apple,t8103-usb4-dart", "apple,t6000-dart",
	"apple,t8110-dart",
};

/*
 * ptf_pt_config.instances: the master's stream IDs, one "iommus"
 * specifier per bit set; quirks bit 0: a 16K kernel.
 */
#define DART_KERNEL_16K	1

static int dart_describe(const struct ptf_pt_config *cfg, struct ptf_machine *m)
{
	struct ptf_dev_desc d = {
		.name = "iommu@231304000",
		.mmio = { DART_BASE },
		.nr_mmio = 1,
		.mmio_size = DART_SIZE,
		.nr_irqs = 1,
		.clocks = { "dart" },
	};
	struct platform_device *pdev;

	if (cfg->variant >= ARRAY_SIZE(dart_compatibles) || !cfg->instances)
		return -EINVAL;
	d.compatible = dart_compatibles[cfg->variant];
	ptf_dart_page_size = cfg->quirks & DART_KERNEL_16K ? SZ_16K : SZ_4K;
	pdev = ptf_device_add(&d);
	for (u32 sid = 0; sid < 32; sid++)
		if (cfg->instances & BIT(sid))
			ptf_machine_add(m, pdev, 1, &sid);
	return 0;
}

static unsigned int dart_oas(const struct ptf_pt_config *cfg)
{
	return cfg->oas;
}

const struct ptf_driver ptf_driver = {
	.ops		= &apple_dart_iommu_ops,
	.describe	= dart_describe,
	.init		= ptf_platform_driver_init,
	.oas		= dart_oas,
};
