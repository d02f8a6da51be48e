/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/scatterlist.h>: the types iommu.h names, no mm, and
 * lists of kernel buffers, as virtio drivers build them.  An entry keeps
 * the buffer's virtual address (heap memory has no struct page here), and
 * the end of a list is marked in page_link, as in the kernel.
 */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H

#include <linux/types.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <linux/mm.h>

struct scatterlist {
	unsigned long	page_link;
	unsigned int	offset;
	unsigned int	length;
	dma_addr_t	dma_address;
	unsigned int	dma_length;
	void		*ptf_buf;	/* sg_set_buf()'s buffer */
};

struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents;
	unsigned int orig_nents;
};

#define SG_END		0x02UL

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sgl[nents - 1].page_link = SG_END;
}

static inline void sg_set_buf(struct scatterlist *sg, const void *buf,
			      unsigned int buflen)
{
	sg->ptf_buf = (void *)buf;
	sg->offset = 0;
	sg->length = buflen;
}

static inline void sg_init_one(struct scatterlist *sg, const void *buf,
			       unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}

static inline void *sg_virt(struct scatterlist *sg)
{
	return sg->ptf_buf + sg->offset;
}

static inline bool sg_is_last(const struct scatterlist *sg)
{
	return sg->page_link & SG_END;
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg_is_last(sg) ? NULL : sg + 1;
}

/* A DMA-mapped list (identity DMA): what a GPU driver maps from a BO. */
#define sg_dma_address(sg)	((sg)->dma_address)
#define sg_dma_len(sg)		((sg)->dma_length)
#define for_each_sg(sglist, sg, nr, __i)	\
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))
#define for_each_sgtable_dma_sg(sgt, sg, i)	\
	for_each_sg((sgt)->sgl, sg, (sgt)->nents, i)

#endif /* _LINUX_SCATTERLIST_H */
