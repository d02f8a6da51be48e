// SPDX-License-Identifier: GPL-2.0
/*
 * VFIO's core, as far as the type1 IOMMU driver (the tree's
 * drivers/vfio/vfio_iommu_type1.c, compiled whole) needs it: the driver
 * registers its ops from its module_init, and containers, groups and
 * emulated (mdev) devices are driven through those ops, as vfio_main.c,
 * container.c and group.c would.
 *
 * An emulated device behaves: on the dma_unmap notification it unpins
 * every page it holds in the range, as an mdev driver must.
 */
#include <linux/vfio.h>
#include <linux/slab.h>
#include "../vfio/vfio.h"	/* drivers/vfio/vfio.h, by -I drivers/iommu */

#include "caller.h"
#include "iommu-group-priv.h"
#include "vfio-priv.h"

struct pinned {
	ptf_u64 iova;
	int npage;
};

struct emulated {
	struct vfio_device vdev;
	void *container;
	bool registered;
	struct pinned pins[PTF_PIN_MAX];
	unsigned int nr_pins;
};

extern int (*ptf_module_init_vfio_iommu_type1_init)(void);
static const struct vfio_iommu_driver_ops *type1;
static struct emulated devs[PTF_NR_GROUPS];

int vfio_register_iommu_driver(const struct vfio_iommu_driver_ops *ops)
{
	type1 = ops;
	return 0;
}

void vfio_unregister_iommu_driver(const struct vfio_iommu_driver_ops *ops)
{
	type1 = NULL;
}

static void unpin_record(struct emulated *d, unsigned int i)
{
	type1->unpin_pages(d->container, d->pins[i].iova, d->pins[i].npage);
	d->pins[i] = d->pins[--d->nr_pins];
}

/* dma_unmap: give back every pin that intersects [iova, iova + length). */
static void emulated_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length)
{
	struct emulated *d = container_of(vdev, struct emulated, vdev);

	for (unsigned int i = d->nr_pins; i--;) {
		u64 end = d->pins[i].iova + (u64)d->pins[i].npage * PAGE_SIZE;

		if (d->pins[i].iova < iova + length && iova < end)
			unpin_record(d, i);
	}
}

static const struct vfio_device_ops emulated_ops = {
	.name = "ptfuzz-mdev",
	.dma_unmap = emulated_dma_unmap,
};

void ptf_vfio_reset(void)
{
	if (!type1)
		ptf_module_init_vfio_iommu_type1_init();
	for (int g = 0; g < PTF_NR_GROUPS; g++)
		devs[g] = (struct emulated){ .vdev.ops = &emulated_ops };
}

void *ptf_vfio_open(unsigned long type, long *err)
{
	void *c = type1->open(type);

	*err = IS_ERR(c) ? PTR_ERR(c) : 0;
	return IS_ERR(c) ? NULL : c;
}

void ptf_vfio_release(void *container)
{
	type1->release(container);
}

long ptf_vfio_ioctl(void *container, unsigned int cmd, ptf_u64 arg)
{
	return type1->ioctl(container, cmd, arg);
}

int ptf_vfio_attach(void *container, int group, int emulated)
{
	struct emulated *d = &devs[group];
	int ret;

	ret = type1->attach_group(container, ptf_group(group),
				  emulated ? VFIO_EMULATED_IOMMU : VFIO_IOMMU);
	if (ret || !emulated)
		return ret;
	d->container = container;
	type1->register_device(container, &d->vdev);
	d->registered = true;
	return 0;
}

void ptf_vfio_detach(void *container, int group)
{
	struct emulated *d = &devs[group];

	if (d->registered) {
		/* The device closes first: its pins go back, then it leaves. */
		while (d->nr_pins)
			unpin_record(d, d->nr_pins - 1);
		type1->unregister_device(container, &d->vdev);
		d->registered = false;
	}
	type1->detach_group(container, ptf_group(group));
}

int ptf_vfio_pin(void *container, int group, ptf_u64 iova, int npage,
		 int prot, ptf_u64 *pfns)
{
	struct emulated *d = &devs[group];
	struct page *pages[PTF_PIN_MAX];
	int ret;

	if (npage > PTF_PIN_MAX || d->nr_pins == PTF_PIN_MAX)
		return -E2BIG;
	ret = type1->pin_pages(container, ptf_group(group), iova, npage, prot,
			       pages);
	if (ret <= 0)
		return ret;
	if (WARN_ON(ret != npage))
		return -EIO;
	for (int i = 0; i < npage; i++)
		pfns[i] = page_to_pfn(pages[i]);
	d->pins[d->nr_pins++] = (struct pinned){ iova, npage };
	return npage;
}

/* Unpin a range the device pinned before (exactly, as vfio requires). */
void ptf_vfio_unpin(void *container, int group, ptf_u64 iova, int npage)
{
	struct emulated *d = &devs[group];

	for (unsigned int i = 0; i < d->nr_pins; i++)
		if (d->pins[i].iova == iova && d->pins[i].npage == npage) {
			unpin_record(d, i);
			return;
		}
}

int ptf_vfio_dma_rw(void *container, ptf_u64 iova, void *data, ptf_u64 len,
		    int write)
{
	return type1->dma_rw(container, iova, data, len, write);
}
