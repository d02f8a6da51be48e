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
/* @virt lies in the twin's arena (kfree() of a kmalloc() served there). */
int ptf_rt_is_table(const void *virt);
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

/*
 * User memory of the fake processes (kernel-shim/kernel/user-mm.c): area
 * @slot of the current twin, @size bytes of host memory reserved on first
 * use and touched lazily; ptf_rt_user_area_clear() zeroes it again.
 */
void *ptf_rt_user_area(int slot, unsigned long size);
void ptf_rt_user_area_clear(int slot);

/*
 * Locks (spinlock, mutex, rwsem, mmap_lock, RCU read side): the held ones
 * are counted per twin, and must be none between ops.
 */
void ptf_rt_lock_acquire(const char *what);
void ptf_rt_lock_release(const char *what);

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
/*
 * The master is now attached to an empty paging domain (the core's
 * blocking domain, for a driver without one of its own) and nothing else
 * is: the IOMMU must translate through it, and translate nothing.
 */
void ptf_rt_device_blocking(void);
/*
 * The master goes back to the driver's own identity or blocked domain
 * (@on), or has (!@on).  True: the engine knows the driver runs into
 * undefined behaviour there (a known finding) and wants it contained:
 * run as it is, but without the sanitizers stopping the input.
 */
int ptf_rt_core_attach(int on);
/*
 * Let the kernel touch @n bytes at @p, a sanitizer's redzone past an
 * object (@lend), or take them back (!@lend).  0, or -1 if any byte is
 * not in a redzone (it is another object: nothing is lent).
 */
int ptf_rt_redzone_lend(void *p, unsigned long n, int lend);

/*
 * A virtio device.  The virtio transport and virtqueue stand-ins
 * (kernel-shim/kernel/virtio.c) ask the target's device model for its
 * device ID, feature bits, configuration space and status, and hand it,
 * when the driver notifies a queue, each request the driver made
 * available there: its buffers in order, device-readable ones first.
 * The device returns how many bytes it wrote into the writable ones, or
 * PTF_RT_VIRTIO_KEEP for a buffer it holds on to (an event buffer waits
 * for an event).
 */
struct ptf_rt_vbuf {
	void *addr;
	unsigned int len;
	int writable;		/* device-writable (an "in" buffer) */
};
unsigned int ptf_rt_virtio_device_id(void);
unsigned long long ptf_rt_virtio_features(void);
/* The features the driver accepted (before it sets FEATURES_OK). */
void ptf_rt_virtio_ack_features(unsigned long long features);
void ptf_rt_virtio_config(unsigned int offset, void *buf, unsigned int len,
			  int write);
unsigned int ptf_rt_virtio_status(void);
void ptf_rt_virtio_set_status(unsigned int status);
/* Descriptors queue @queue has (0: no such queue). */
unsigned int ptf_rt_virtio_queue_size(unsigned int queue);
/* What process() returns for a buffer the device keeps (an event buffer). */
#define PTF_RT_VIRTIO_KEEP	(~0u)
unsigned int ptf_rt_virtio_process(unsigned int queue,
				   const struct ptf_rt_vbuf *bufs,
				   unsigned int n);

#endif /* PTF_RT_H */
