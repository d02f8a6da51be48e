/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for s390's <asm/pci.h> (with what it takes from <asm/pci_insn.h>
 * and <asm/pci_clp.h>): a zPCI function as s390-iommu sees it, and the
 * zPCI instructions the driver issues through arch/s390/pci/.  The DMA
 * translation-table definitions are the tree's own (<asm/pci_dma.h>, from
 * arch/s390/include).
 *
 * The instructions (MODIFY PCI FUNCTION CONTROLS to register or deregister
 * the I/O address translation parameters, REFRESH PCI TRANSLATIONS, the
 * CLP query of a function) are not memory mapped.  The stand-ins hand each
 * one's operands to the target's model of the function through the
 * runtime's register channel at ZPCI_PTF_CHANNEL, a window of the harness
 * (not an address of the machine), and read back its condition code and
 * status.  The layout of that window is ours; the target's device model
 * (fuzzers/targets/s390.c) serves it.
 */
#ifndef _ASM_S390_PCI_H
#define _ASM_S390_PCI_H

#include <linux/errno.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <ptf_rt.h>

/* s390's storage key for DMA (<asm/page.h>): key 0, fetch protection off. */
#define PAGE_DEFAULT_KEY	0

/* PCI function types (CLP), as the driver names them. */
#define PCI_FUNC_TYPE_ISM	5

/* Condition codes and status of the zPCI instructions. */
#define ZPCI_CC_OK			0
#define ZPCI_CC_ERR			1
#define ZPCI_CC_BUSY			2
#define ZPCI_CC_INVAL_HANDLE		3
#define ZPCI_PCI_ST_FUNC_NOT_AVAIL	40

#define ZPCI_FUNCTIONS_PER_BUS		256

struct zpci_dev;

struct zpci_bus {
	struct zpci_dev *function[ZPCI_FUNCTIONS_PER_BUS];
};

/* What s390-iommu reads and writes of a function. */
struct zpci_dev {
	struct zpci_bus	*zbus;
	struct list_head iommu_list;	/* on its domain's devices */
	u32		fid;		/* function ID */
	u32		fh;		/* function handle */
	u32		gisa;
	u8		pft;		/* PCI function type */
	u8		dtsm;		/* designation types supported */
	u8		rtr_avail : 1;	/* relaxed translation */
	unsigned int	devfn;
	unsigned long	*dma_table;
	int		tlb_refresh;	/* translations must be refreshed after maps */
	struct iommu_device iommu_dev;
	u64		start_dma;	/* usable DMA addresses */
	u64		end_dma;
	struct iommu_domain *s390_domain;
	spinlock_t	dom_lock;
};

static inline struct zpci_dev *to_zpci(struct pci_dev *pdev)
{
	struct zpci_bus *zbus = pdev->sysdata;

	return zbus->function[pdev->devfn];
}

static inline struct zpci_dev *to_zpci_dev(struct device *dev)
{
	return to_zpci(to_pci_dev(dev));
}

int zpci_init_iommu(struct zpci_dev *zdev);
void zpci_destroy_iommu(struct zpci_dev *zdev);
int zpci_iommu_register_ioat(struct zpci_dev *zdev, u8 *status);

/* The harness's channel to the function's model ------------------------- */

#define ZPCI_PTF_CHANNEL	0x7ff000000000ULL
#define ZPCI_PTF_CHANNEL_SIZE	0x100

enum zpci_ptf_reg {
	ZPCI_PTF_FH	= 0x00,		/* the handle the instruction names */
	ZPCI_PTF_DMAAS	= 0x04,
	ZPCI_PTF_OP1	= 0x08,		/* 64-bit operands, low word first */
	ZPCI_PTF_OP2	= 0x10,
	ZPCI_PTF_OP3	= 0x18,
	ZPCI_PTF_EXEC	= 0x20,		/* write: run this instruction */
	ZPCI_PTF_CC	= 0x24,		/* read: its condition code ... */
	ZPCI_PTF_STATUS	= 0x28,		/* ... and status */
	/* The CLP "query PCI function" response. */
	ZPCI_PTF_Q_FH	= 0x40,
	ZPCI_PTF_Q_FID	= 0x44,
	ZPCI_PTF_Q_SDMA	= 0x48,
	ZPCI_PTF_Q_EDMA	= 0x50,
	ZPCI_PTF_Q_DTSM	= 0x58,
	ZPCI_PTF_Q_REFRESH = 0x5c,
	ZPCI_PTF_Q_RTR	= 0x60,
	ZPCI_PTF_Q_PFT	= 0x64,
};

enum zpci_ptf_insn {
	ZPCI_PTF_REG_IOAT = 1,		/* MPCIFC: OP1 pba, OP2 pal, OP3 iota */
	ZPCI_PTF_DEREG_IOAT = 2,	/* MPCIFC */
	ZPCI_PTF_RPCIT = 3,		/* OP1 address, OP2 range */
	ZPCI_PTF_CLP_QUERY = 4,
};

static inline void zpci_ptf_write64(unsigned int reg, u64 val)
{
	ptf_rt_mmio_write(ZPCI_PTF_CHANNEL + reg, (u32)val, 4);
	ptf_rt_mmio_write(ZPCI_PTF_CHANNEL + reg + 4, (u32)(val >> 32), 4);
}

static inline u64 zpci_ptf_read64(unsigned int reg)
{
	u64 lo = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + reg, 4);

	return lo | (u64)ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + reg + 4, 4) << 32;
}

/* One instruction: its condition code, and the status in *status. */
static inline u8 zpci_ptf_insn(u32 fh, u8 dmaas, enum zpci_ptf_insn insn,
			       u64 op1, u64 op2, u64 op3, u8 *status)
{
	ptf_rt_mmio_write(ZPCI_PTF_CHANNEL + ZPCI_PTF_FH, fh, 4);
	ptf_rt_mmio_write(ZPCI_PTF_CHANNEL + ZPCI_PTF_DMAAS, dmaas, 4);
	zpci_ptf_write64(ZPCI_PTF_OP1, op1);
	zpci_ptf_write64(ZPCI_PTF_OP2, op2);
	zpci_ptf_write64(ZPCI_PTF_OP3, op3);
	ptf_rt_mmio_write(ZPCI_PTF_CHANNEL + ZPCI_PTF_EXEC, insn, 4);
	*status = ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_STATUS, 4);
	return ptf_rt_mmio_read(ZPCI_PTF_CHANNEL + ZPCI_PTF_CC, 4);
}

/*
 * arch/s390/pci/pci.c: MPCIFC "register I/O address translation
 * parameters" for DMA address space @dmaas: the window [base, limit] and
 * the translation anchor; the condition code, the status in *status.  (The
 * ISM device's off-by-one workaround is left out: no configuration here is
 * an ISM device.)
 */
static inline int zpci_register_ioat(struct zpci_dev *zdev, u8 dmaas,
				     u64 base, u64 limit, u64 iota, u8 *status)
{
	return zpci_ptf_insn(zdev->fh, dmaas, ZPCI_PTF_REG_IOAT, base, limit,
			     iota, status);
}

static inline int zpci_unregister_ioat(struct zpci_dev *zdev, u8 dmaas)
{
	u8 status;

	return zpci_ptf_insn(zdev->fh, dmaas, ZPCI_PTF_DEREG_IOAT, 0, 0, 0,
			     &status);
}

/*
 * arch/s390/pci/pci_insn.c: RPCIT for [addr, addr + range) of the function
 * in bits 63:32 of @fn.  Busy (cc 2) is retried there; a refresh the
 * hypervisor cannot shadow for lack of resources (cc 1, status 4 or 16) is
 * -ENOMEM, any other failure -EIO.
 */
static inline int zpci_refresh_trans(u64 fn, u64 addr, u64 range)
{
	u8 status, cc;

	do {
		cc = zpci_ptf_insn(fn >> 32, 0, ZPCI_PTF_RPCIT, addr, range, 0,
				   &status);
	} while (cc == ZPCI_CC_BUSY);
	if (cc == ZPCI_CC_ERR && (status == 4 || status == 16))
		return -ENOMEM;
	return cc ? -EIO : 0;
}

#endif /* _ASM_S390_PCI_H */
