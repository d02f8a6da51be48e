/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/dma-buf.h>: the types iommufd names.  The fake
 * processes have no dma-buf: dma_buf_get() of any fd says -EBADF, so
 * IOMMU_IOAS_MAP_FILE of a dma-buf never gets further.
 */
#ifndef __DMA_BUF_H__
#define __DMA_BUF_H__

#include <linux/types.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/dma-resv.h>
#include <linux/module.h>

struct device;
struct dma_buf_attachment;

struct dma_buf {
	size_t size;
	struct dma_resv *resv;
};

struct dma_buf_attach_ops {
	bool allow_peer2peer;
	void (*move_notify)(struct dma_buf_attachment *attach);
	void (*invalidate_mappings)(struct dma_buf_attachment *attach);
};

struct dma_buf_attachment {
	struct dma_buf *dmabuf;
	struct device *dev;
	const struct dma_buf_attach_ops *importer_ops;
	void *importer_priv;
};

static inline struct dma_buf *dma_buf_get(int fd)
{
	return ERR_PTR(-EBADF);
}

void dma_buf_put(struct dma_buf *dmabuf);
struct dma_buf_attachment *
dma_buf_dynamic_attach(struct dma_buf *dmabuf, struct device *dev,
		       const struct dma_buf_attach_ops *importer_ops,
		       void *importer_priv);
void dma_buf_detach(struct dma_buf *dmabuf, struct dma_buf_attachment *attach);
int dma_buf_pin(struct dma_buf_attachment *attach);
void dma_buf_unpin(struct dma_buf_attachment *attach);

#endif /* __DMA_BUF_H__ */
