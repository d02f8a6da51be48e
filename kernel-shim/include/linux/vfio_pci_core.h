/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/vfio_pci_core.h>: only what iommufd names. */
#ifndef VFIO_PCI_CORE_H
#define VFIO_PCI_CORE_H

#include <linux/types.h>

struct dma_buf_attachment;

int vfio_pci_dma_buf_iommufd_map(struct dma_buf_attachment *attachment,
				 struct phys_vec *phys);

#endif /* VFIO_PCI_CORE_H */
