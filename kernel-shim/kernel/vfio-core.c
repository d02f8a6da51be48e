// SPDX-License-Identifier: GPL-2.0
/*
 * The few VFIO core functions the type1 driver calls (the capability chain
 * of VFIO_IOMMU_GET_INFO), extracted by name from the tree's
 * drivers/vfio/vfio_main.c (Makefile: EXTRACTS_callers).
 */
#include <linux/slab.h>
#include <linux/vfio.h>

#include <extract/vfio_main.c>
