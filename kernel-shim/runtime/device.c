// SPDX-License-Identifier: GPL-2.0
/*
 * What a device sees of the kernel: its registers, served by the target's
 * hardware model, and the DMA API's bookkeeping of the memory mapped for
 * it (as CONFIG_DMA_API_DEBUG keeps it: unmaps and syncs must match a
 * live mapping, and a device must not be released with mappings left).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "runtime.h"

#define MMIO_WINDOW	(16ULL << 20)	/* cookies per twin, PROT_NONE */
#define MMIO_MAX	64		/* ioremap()s per twin and input */

struct mmio_map {
	uint64_t phys, size;
	uint64_t cookie_off;
};

struct dma_map {
	const void *dev;
	uint64_t phys, size;
};

struct twin_dev {
	struct mmio_map maps[MMIO_MAX];
	unsigned int nr_maps;
	uint64_t next_cookie;
	struct dma_map *dma;
	size_t nr_dma, cap_dma;
	bool dma_debug;
	unsigned long unavailable;	/* ptf_rt_hw_unavailable() calls */
};

static struct twin_dev tdev[PTF_NR_TWINS];
static uint8_t *mmio_window;
static const struct rt_mmio_ops *mmio_ops;
static void *mmio_priv;

void rt_set_mmio(const struct rt_mmio_ops *ops, void *priv)
{
	mmio_ops = ops;
	mmio_priv = priv;
}

void rt_reset_devices(void)
{
	for (int t = 0; t < PTF_NR_TWINS; t++) {
		tdev[t].nr_maps = 0;
		tdev[t].next_cookie = 0;
		tdev[t].nr_dma = 0;
		tdev[t].dma_debug = false;
		tdev[t].unavailable = 0;
	}
}

void ptf_rt_hw_unavailable(void)
{
	tdev[ptf_rt_twin()].unavailable++;
}

unsigned long rt_hw_unavailable(int twin)
{
	return tdev[twin].unavailable;
}

void *ptf_rt_ioremap(unsigned long long phys, unsigned long size)
{
	struct twin_dev *d = &tdev[ptf_rt_twin()];
	struct mmio_map *m;

	if (!mmio_window) {
		mmio_window = mmap(NULL, PTF_NR_TWINS * MMIO_WINDOW, PROT_NONE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				   -1, 0);
		if (mmio_window == MAP_FAILED)
			abort();
	}
	if (!mmio_ops)
		rt_fatal("harness", "ioremap(0x%llx) but the target models no device",
			 phys);
	if (d->nr_maps == MMIO_MAX || d->next_cookie + size > MMIO_WINDOW)
		rt_fatal("harness", "too many register windows mapped");
	m = &d->maps[d->nr_maps++];
	*m = (struct mmio_map){ phys, size, d->next_cookie };
	d->next_cookie += (size + 4095) & ~4095UL;
	mmio_ops->map(mmio_priv, ptf_rt_twin(), phys, size);
	return mmio_window + ptf_rt_twin() * MMIO_WINDOW + m->cookie_off;
}

unsigned int ptf_rt_mmio_read(unsigned long long phys, int bytes)
{
	return mmio_ops->read(mmio_priv, ptf_rt_twin(), phys, bytes);
}

void ptf_rt_mmio_write(unsigned long long phys, unsigned int val, int bytes)
{
	mmio_ops->write(mmio_priv, ptf_rt_twin(), phys, val, bytes);
}

void ptf_rt_device_blocking(void)
{
	if (mmio_ops && mmio_ops->blocking)
		mmio_ops->blocking(mmio_priv, ptf_rt_twin());
}

int ptf_rt_core_attach(int on)
{
	return mmio_ops && mmio_ops->core_attach &&
	       mmio_ops->core_attach(mmio_priv, ptf_rt_twin(), on);
}

/* Virtio devices -------------------------------------------------------- */

static const struct rt_virtio_ops *virtio_ops;
static void *virtio_priv;

void rt_set_virtio(const struct rt_virtio_ops *ops, void *priv)
{
	virtio_ops = ops;
	virtio_priv = priv;
}

static const struct rt_virtio_ops *virtio(void)
{
	if (!virtio_ops)
		rt_fatal("harness", "a virtio transport, but the target models no virtio device");
	return virtio_ops;
}

unsigned int ptf_rt_virtio_device_id(void)
{
	return virtio()->device_id(virtio_priv, ptf_rt_twin());
}

unsigned long long ptf_rt_virtio_features(void)
{
	return virtio()->features(virtio_priv, ptf_rt_twin());
}

void ptf_rt_virtio_ack_features(unsigned long long features)
{
	virtio()->ack_features(virtio_priv, ptf_rt_twin(), features);
}

void ptf_rt_virtio_config(unsigned int offset, void *buf, unsigned int len,
			  int write)
{
	virtio()->config(virtio_priv, ptf_rt_twin(), offset, buf, len, write);
}

unsigned int ptf_rt_virtio_status(void)
{
	return virtio()->status(virtio_priv, ptf_rt_twin());
}

void ptf_rt_virtio_set_status(unsigned int status)
{
	virtio()->set_status(virtio_priv, ptf_rt_twin(), status);
}

unsigned int ptf_rt_virtio_queue_size(unsigned int queue)
{
	return virtio()->queue_size(virtio_priv, ptf_rt_twin(), queue);
}

unsigned int ptf_rt_virtio_process(unsigned int queue,
				   const struct ptf_rt_vbuf *bufs,
				   unsigned int n)
{
	return virtio()->process(virtio_priv, ptf_rt_twin(), queue, bufs, n);
}

/* DMA API --------------------------------------------------------------- */

void ptf_rt_dma_debug(int on)
{
	tdev[ptf_rt_twin()].dma_debug = on;
}

static struct dma_map *find_map(struct twin_dev *d, const void *dev,
				uint64_t phys, uint64_t size, bool exact)
{
	for (size_t i = 0; i < d->nr_dma; i++) {
		struct dma_map *m = &d->dma[i];

		if (m->dev != dev)
			continue;
		if (exact ? m->phys == phys && m->size == size :
		    phys >= m->phys && phys - m->phys + size <= m->size)
			return m;
	}
	return NULL;
}

const char *ptf_rt_dma_map(const void *dev, unsigned long long phys,
			   unsigned long size)
{
	struct twin_dev *d = &tdev[ptf_rt_twin()];

	ptf_rt_dma_sync(phys, size);	/* ownership passes to the device */
	if (!d->dma_debug)
		return NULL;
	if (find_map(d, dev, phys, size, false))
		return "DMA-API: memory mapped for the device twice";
	if (d->nr_dma == d->cap_dma) {
		d->cap_dma = d->cap_dma ? 2 * d->cap_dma : 64;
		d->dma = realloc(d->dma, d->cap_dma * sizeof(*d->dma));
		if (!d->dma)
			abort();
	}
	d->dma[d->nr_dma++] = (struct dma_map){ dev, phys, size };
	return NULL;
}

const char *ptf_rt_dma_unmap(const void *dev, unsigned long long phys,
			     unsigned long size)
{
	struct twin_dev *d = &tdev[ptf_rt_twin()];
	struct dma_map *m;

	if (!d->dma_debug)
		return NULL;
	m = find_map(d, dev, phys, size, true);
	if (!m)
		return find_map(d, dev, phys, 1, false) ?
		       "DMA-API: unmap with another size than mapped" :
		       "DMA-API: unmap of memory that is not mapped";
	*m = d->dma[--d->nr_dma];
	return NULL;
}

const char *ptf_rt_dma_sync_for_device(const void *dev,
				       unsigned long long phys,
				       unsigned long size)
{
	struct twin_dev *d = &tdev[ptf_rt_twin()];

	ptf_rt_dma_sync(phys, size);
	if (d->dma_debug && !find_map(d, dev, phys, size, false))
		return "DMA-API: sync of memory outside a mapping";
	return NULL;
}

unsigned long ptf_rt_dma_mappings(const void *dev)
{
	struct twin_dev *d = &tdev[ptf_rt_twin()];
	unsigned long n = 0;

	for (size_t i = 0; i < d->nr_dma; i++)
		n += d->dma[i].dev == dev;
	return n;
}

bool rt_dma_mapped(int twin, uint64_t phys, uint64_t len)
{
	const struct twin_dev *d = &tdev[twin];

	for (size_t i = 0; i < d->nr_dma; i++)
		if (phys >= d->dma[i].phys &&
		    phys - d->dma[i].phys + len <= d->dma[i].size)
			return true;
	return false;
}
