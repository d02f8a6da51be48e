// SPDX-License-Identifier: GPL-2.0
/*
 * The caller twin's plain-C ops (caller.h): the fake processes
 * (kernel-shim/kernel/user-mm.c), the IOMMU groups (iommu-group.c), VFIO
 * type1 (vfio.c) and iommufd (iommufd.c) of this tree: of those the tree
 * has (the Makefile's PTF_CALLER_<unit>); the others' ops stay NULL.
 */
#include <linux/kernel.h>
#include <generated/utsrelease.h>

#include "caller.h"
#include "iommu-group-priv.h"
#include "user-mm.h"
#ifdef PTF_CALLER_iommufd
#include "iommufd-priv.h"
#endif
#ifdef PTF_CALLER_vfio_type1
#include "vfio-priv.h"
#endif

/* Set by the Makefile for the twin of patches/followups/ (FUP_FEATURES). */
#ifndef PTF_VFIO_KEEPS_PROBE
#define PTF_VFIO_KEEPS_PROBE	0
#endif

static void ptf_callers_reset(void)
{
	ptf_user_reset();
	ptf_group_reset();
#ifdef PTF_CALLER_vfio_type1
	ptf_vfio_reset();
#endif
#ifdef PTF_CALLER_iommufd
	ptf_iommufd_reset();
#endif
}

const struct ptf_caller_ops ptf_caller_ops = {
	.tree			= UTS_RELEASE,
	.has_length		= PTF_DOMAIN_HAS_LENGTH,
	.vfio_keeps_probe	= PTF_VFIO_KEEPS_PROBE,
	.reset			= ptf_callers_reset,
	.set_proc		= ptf_user_set_proc,
	.switch_proc		= ptf_user_switch,
	.mmap			= ptf_user_mmap,
	.user_write		= ptf_user_write,
	.user_read		= ptf_user_read,
	.pins			= ptf_user_pins,
	.pins_sum		= ptf_user_pins_sum,
	.page_dirty		= ptf_user_page_dirty,
	.state			= ptf_user_state,
	.group_config		= ptf_group_config,
	.group_domain		= ptf_group_domain,
	.live_domains		= ptf_live_domains,
	.attached_groups	= ptf_attached_groups,
#ifdef PTF_CALLER_vfio_type1
	.vfio_open		= ptf_vfio_open,
	.vfio_release		= ptf_vfio_release,
	.vfio_ioctl		= ptf_vfio_ioctl,
	.vfio_attach		= ptf_vfio_attach,
	.vfio_detach		= ptf_vfio_detach,
	.vfio_pin		= ptf_vfio_pin,
	.vfio_unpin		= ptf_vfio_unpin,
	.vfio_dma_rw		= ptf_vfio_dma_rw,
#endif
#ifdef PTF_CALLER_iommufd
	.iommufd_open		= ptf_iommufd_open,
	.iommufd_ioctl		= ptf_iommufd_ioctl,
	.iommufd_close		= ptf_iommufd_close,
	.iommufd_attach		= ptf_iommufd_attach,
	.iommufd_detach		= ptf_iommufd_detach,
	.access_create		= ptf_access_create,
	.access_destroy		= ptf_access_destroy,
	.access_pin		= ptf_access_pin,
	.access_unpin		= ptf_access_unpin,
	.access_rw		= ptf_access_rw,
	.should_fail_nth	= ptf_should_fail_nth,
	.should_fail_delivered	= ptf_should_fail_delivered,
#endif
};
