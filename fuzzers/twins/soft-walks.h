/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A driver's software walks, counted: the calls its lookup makes into the
 * lookup op of its io-pgtable, into the twin's stats (soft_walks).  For the
 * drivers that translate in hardware (arm-smmu's ATOS, msm's V2P) and walk
 * their tables in software only to size the IOPTE, or when the hardware
 * cannot answer: a plain iommu_iova_to_phys() needs no size.  One domain
 * per twin at a time.
 */
#ifndef PTF_TWIN_SOFT_WALKS_H
#define PTF_TWIN_SOFT_WALKS_H

#include <linux/io-pgtable.h>

static struct io_pgtable_ops ptf_soft_tree_ops;	/* the tree's */
static unsigned long *ptf_soft_walks;

#if PTF_IOPGTABLE_HAS_LENGTH
static phys_addr_t ptf_soft_lookup_length(struct io_pgtable_ops *ops,
					  unsigned long iova, size_t *length)
{
	(*ptf_soft_walks)++;
	return ptf_soft_tree_ops.iova_to_phys_length(ops, iova, length);
}
#endif

#if PTF_IOPGTABLE_HAS_LEGACY
static phys_addr_t ptf_soft_lookup(struct io_pgtable_ops *ops,
				   unsigned long iova)
{
	(*ptf_soft_walks)++;
	return ptf_soft_tree_ops.iova_to_phys(ops, iova);
}
#endif

/* From now on, count the lookups through @ops into *@count. */
static void ptf_count_soft_walks(struct io_pgtable_ops *ops,
				 unsigned long *count)
{
	ptf_soft_tree_ops = *ops;
	ptf_soft_walks = count;
#if PTF_IOPGTABLE_HAS_LENGTH
	if (ops->iova_to_phys_length)
		ops->iova_to_phys_length = ptf_soft_lookup_length;
#endif
#if PTF_IOPGTABLE_HAS_LEGACY
	if (ops->iova_to_phys)
		ops->iova_to_phys = ptf_soft_lookup;
#endif
}

#endif /* PTF_TWIN_SOFT_WALKS_H */
