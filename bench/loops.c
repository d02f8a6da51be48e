// SPDX-License-Identifier: GPL-2.0
/*
 * The callers' loops that the series changes, over a twin's plain-C ops:
 *
 *   vfio_unmap_unpin()   drivers/vfio/vfio_iommu_type1.c
 *   batch_from_domain()  drivers/iommu/iommufd/pages.c
 *
 * each as Linux 7.3 has it (one lookup per PAGE_SIZE) and as our port of the
 * series has it (patches/0024 and 0025: one lookup per IOPTE).  Only what
 * reaches the IOMMU is kept: pinning, accounting and locking are not.  The
 * areas the bench scans start on a page, so iommufd's page_offset is 0.
 */
#include "bench.h"

/* vfio_unmap_unpin() syncs the IOTLB after this many fast unmaps. */
#define VFIO_IOMMU_TLB_SYNC_MAX	512

/* iommufd: struct pfn_batch's npfns[] are u32. */
#define MAX_NPFNS		UINT32_MAX

/* VFIO ------------------------------------------------------------------ */

/*
 * unmap_unpin_fast(): one iommu_unmap_fast() of a physically contiguous
 * run, and an IOTLB sync once VFIO_IOMMU_TLB_SYNC_MAX runs are pending.
 */
static ptf_u64 vfio_unmap_run(const struct ptf_twin_ops *o, void *dom,
			      ptf_u64 iova, ptf_u64 len,
			      unsigned int *pending, struct loop_result *res)
{
	ptf_u64 unmapped = o->unmap_fast(dom, iova, len);

	res->unmaps++;
	res->bytes += unmapped;
	if (unmapped)
		(*pending)++;
	if (*pending >= VFIO_IOMMU_TLB_SYNC_MAX || !unmapped) {
		o->iotlb_sync(dom);
		*pending = 0;
	}
	return unmapped;
}

void vfio_unmap_legacy(const struct ptf_twin_ops *o, void *dom,
		       ptf_u64 iova, ptf_u64 size, struct loop_result *res)
{
	unsigned int pending = 0;
	ptf_u64 pos = 0;

	while (pos < size) {
		ptf_u64 start = iova + pos, phys, len;

		phys = o->iova_to_phys(dom, start);
		if (!phys) {		/* WARN_ON(!phys) */
			pos += CPU_PAGE;
			continue;
		}
		for (len = CPU_PAGE; pos + len < size; len += CPU_PAGE)
			if (o->iova_to_phys(dom, start + len) != phys + len)
				break;
		len = vfio_unmap_run(o, dom, start, len, &pending, res);
		/* VFIO would retry page by page; the caller sees the bytes. */
		if (!len)
			break;
		pos += len;
	}
	if (pending)
		o->iotlb_sync(dom);
}

/* vfio_iopte_remain(): to the end of the IOPTE, and a page at least. */
static ptf_u64 iopte_remain(ptf_u64 iova, ptf_u64 pgsize)
{
	ptf_u64 remain = pgsize - (iova & (pgsize - 1));

	return remain > CPU_PAGE ? remain : CPU_PAGE;
}

void vfio_unmap_length(const struct ptf_twin_ops *o, void *dom,
		       ptf_u64 iova, ptf_u64 size, struct loop_result *res)
{
	unsigned int pending = 0;
	ptf_u64 pos = 0;

	while (pos < size) {
		ptf_u64 start = iova + pos, phys, pgsize, len;

		phys = o->iova_to_phys_length(dom, start, &pgsize);
		if (phys == NO_PHYS) {	/* WARN_ON(phys == PHYS_ADDR_MAX) */
			pos += CPU_PAGE;
			continue;
		}
		len = iopte_remain(start, pgsize);
		while (len < size - pos) {
			if (o->iova_to_phys_length(dom, start + len, &pgsize) !=
			    phys + len)
				break;
			len += iopte_remain(start + len, pgsize);
		}
		if (len > size - pos)
			len = size - pos;
		len = vfio_unmap_run(o, dom, start, len, &pending, res);
		if (!len)
			break;
		pos += len;
	}
	if (pending)
		o->iotlb_sync(dom);
}

/* iommufd ----------------------------------------------------------------- */

static bool batch_add_pfn_num(struct pfn_batch *batch, unsigned long pfn,
			      uint32_t nr)
{
	unsigned int end = batch->end;

	if (end && pfn == batch->pfns[end - 1] + batch->npfns[end - 1] &&
	    nr <= MAX_NPFNS - batch->npfns[end - 1]) {
		batch->npfns[end - 1] += nr;
	} else if (end < batch->array_size) {
		batch->pfns[end] = pfn;
		batch->npfns[end] = nr;
		batch->end++;
	} else {
		return false;
	}
	batch->total_pfns += nr;
	return true;
}

void iommufd_scan_legacy(const struct ptf_twin_ops *o, void *dom,
			 ptf_u64 iova, ptf_u64 size, struct pfn_batch *batch)
{
	for (ptf_u64 pos = 0; pos < size; pos += CPU_PAGE) {
		ptf_u64 phys = o->iova_to_phys(dom, iova + pos);

		if (!batch_add_pfn_num(batch, phys / CPU_PAGE, 1))
			return;
	}
}

/* batch_add_pfn_run(): as many of @nr pfns as fit, as one by one would. */
static unsigned long batch_add_pfn_run(struct pfn_batch *batch,
				       unsigned long pfn, unsigned long nr)
{
	unsigned long added = 0;

	while (added != nr) {
		unsigned int end = batch->end;
		unsigned long chunk = MAX_NPFNS;

		if (end &&
		    pfn + added == batch->pfns[end - 1] + batch->npfns[end - 1] &&
		    batch->npfns[end - 1] != MAX_NPFNS)
			chunk = MAX_NPFNS - batch->npfns[end - 1];
		if (chunk > nr - added)
			chunk = nr - added;
		if (!batch_add_pfn_num(batch, pfn + added, chunk))
			break;
		added += chunk;
	}
	return added;
}

/*
 * domain_pfn_run(): the pfn at @iova, and in @npages the pages from @iova
 * to the end of the IOPTE that translates it.
 */
static unsigned long domain_pfn_run(const struct ptf_twin_ops *o, void *dom,
				    ptf_u64 iova, unsigned long *npages)
{
	ptf_u64 pgsize, phys = o->iova_to_phys_length(dom, iova, &pgsize);

	if (phys == NO_PHYS) {	/* WARN_ON: read back as physical address 0 */
		*npages = 1;
		return 0;
	}
	*npages = ((iova | (pgsize - 1)) - iova) / CPU_PAGE + 1;
	return phys / CPU_PAGE;
}

void iommufd_scan_length(const struct ptf_twin_ops *o, void *dom,
			 ptf_u64 iova, ptf_u64 size, struct pfn_batch *batch)
{
	unsigned long index = 0, pages = size / CPU_PAGE;

	while (index < pages) {
		unsigned long pfn, npages;

		pfn = domain_pfn_run(o, dom, iova + index * CPU_PAGE, &npages);
		if (npages > pages - index)
			npages = pages - index;
		if (batch_add_pfn_run(batch, pfn, npages) != npages)
			return;
		index += npages;
	}
}
