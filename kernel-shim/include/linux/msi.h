/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/msi.h>: the types iommu-priv.h names; no MSIs here. */
#ifndef LINUX_MSI_H
#define LINUX_MSI_H

#include <linux/types.h>

struct msi_desc;
struct msi_msg;

#endif /* LINUX_MSI_H */
