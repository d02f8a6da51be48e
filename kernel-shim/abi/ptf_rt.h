/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptf_rt.h - the boundary between kernel code and the ptfuzz runtime.
 *
 * Kernel translation units are built with -nostdinc against the tree's
 * headers; the runtime and the engine are built against libc.  Everything
 * that crosses between the two worlds is declared here with plain C types
 * only, so the same header is valid on both sides.
 */
#ifndef PTF_RT_H
#define PTF_RT_H

/* Which twin a call is made on behalf of: set by the engine before each call. */
enum ptf_rt_twin {
	PTF_TWIN_BASE = 0,	/* tree without the series: legacy iova_to_phys */
	PTF_TWIN_CAND = 1,	/* tree with the series: iova_to_phys_length */
	PTF_NR_TWINS = 2,
};

void ptf_rt_set_twin(int twin);
int ptf_rt_twin(void);

/*
 * Page-table memory.  Every twin owns an arena that stands for physical
 * memory at a chosen base address; virt_to_phys()/phys_to_virt() only work
 * inside it, so a page-table walk that strays out of its tables is reported
 * instead of dereferencing garbage.  Allocations are naturally aligned and
 * zeroed only when the caller asked for it (__GFP_ZERO, kzalloc, ...);
 * freed memory is poisoned and never reused within one input.
 */
void *ptf_rt_table_alloc(unsigned long size);
/* Not zeroed: filled with a poison pattern, as the kernel's would be garbage. */
void *ptf_rt_table_alloc_raw(unsigned long size);
void ptf_rt_table_free(const void *virt);
unsigned long ptf_rt_table_size(const void *virt);
unsigned long long ptf_rt_virt_to_phys(const void *virt);
void *ptf_rt_phys_to_virt(unsigned long long phys);
/* Kernel heap (kmalloc): counted and failable; poisoned unless @zero. */
void *ptf_rt_heap_alloc(unsigned long size, int zero);
void ptf_rt_heap_free(const void *ptr);
unsigned long ptf_rt_heap_size(const void *ptr);
/*
 * The struct page stand-in of the allocation containing @virt (zeroed on
 * first use, at most 256 bytes), and back from it to the allocation.
 */
void *ptf_rt_page_meta(const void *virt, unsigned long meta_size);
void *ptf_rt_meta_virt(const void *meta);

/* Diagnostics: a WARN or BUG in kernel code; 'what' is the condition text. */
void ptf_rt_warn(const char *file, int line, const char *func,
		 const char *what);
__attribute__((format(printf, 4, 5)))
void ptf_rt_warnf(const char *file, int line, const char *func,
		  const char *fmt, ...);
__attribute__((noreturn)) void ptf_rt_bug(const char *file, int line,
					  const char *func, const char *what);
__attribute__((format(printf, 1, 2))) void ptf_rt_log(const char *fmt, ...);
/* A kernel loop would make no progress: a finding, never returns. */
__attribute__((noreturn, format(printf, 1, 2)))
void ptf_rt_no_progress(const char *fmt, ...);
/* What hardware would not survive (a hung bus): a finding named @kind. */
__attribute__((noreturn, format(printf, 2, 3)))
void ptf_rt_fatal(const char *kind, const char *fmt, ...);

/* Device-visible side effects, recorded for the flush and sync oracles. */
enum ptf_rt_inval {
	PTF_INVAL_LEAF,		/* leaf IOTLB entries in a range */
	PTF_INVAL_WALK,		/* walk caches (and leaves) in a range */
	PTF_INVAL_ALL,		/* the whole context */
	/*
	 * Hardware that drops "the TLB entry translating @iova", whatever
	 * the size of the leaf it caches.  A set-associative TLB that looks
	 * only in the set of @iova gives the span of its set index as @size
	 * (an entry filled by a miss at IOVA m sits in set m / 4K mod
	 * size / 4K); 0 for a TLB searched whole.
	 */
	PTF_INVAL_ENTRY,
};
void ptf_rt_iotlb_inval(int kind, unsigned long long iova,
			unsigned long long size);
/* The same in one of several TLBs (per-bank TLBs of one IOMMU), from 0. */
void ptf_rt_iotlb_inval_unit(int unit, int kind, unsigned long long iova,
			     unsigned long long size);
void ptf_rt_dma_sync(unsigned long long phys, unsigned long size);

/*
 * The DMA API's bookkeeping, as CONFIG_DMA_API_DEBUG keeps it, for twins
 * that turn it on: each returns 0, or what the call got wrong.
 */
void ptf_rt_dma_debug(int on);
/*
 * The device could not be asked (a clock that failed to enable): what the
 * driver answers in the meantime is checked as "no translation".
 */
void ptf_rt_hw_unavailable(void);
const char *ptf_rt_dma_map(const void *dev, unsigned long long phys,
			   unsigned long size);
const char *ptf_rt_dma_unmap(const void *dev, unsigned long long phys,
			     unsigned long size);
const char *ptf_rt_dma_sync_for_device(const void *dev,
				       unsigned long long phys,
				       unsigned long size);
/* Mappings @dev still holds. */
unsigned long ptf_rt_dma_mappings(const void *dev);

/*
 * Device registers.  ptf_rt_ioremap() returns a cookie that faults when
 * dereferenced; the device core (kernel-shim/kernel/devices.c) turns
 * readl()/writel() on it into these accesses by physical address, which
 * the target's hardware model serves.
 */
void *ptf_rt_ioremap(unsigned long long phys, unsigned long size);
unsigned int ptf_rt_mmio_read(unsigned long long phys, int bytes);
void ptf_rt_mmio_write(unsigned long long phys, unsigned int val, int bytes);

#endif /* PTF_RT_H */
