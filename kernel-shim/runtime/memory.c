// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table memory and the kernel heap, per twin.
 *
 * Each twin owns an arena: a large reserved virtual range that stands for
 * physical memory starting at a chosen base.  Allocations are bump-allocated
 * with natural alignment and never reused within one input, and freed ones
 * are poisoned (under ASan), so a walk through a freed table is reported at
 * the access.  A physical address outside the arena translates into a
 * PROT_NONE window, so dereferencing it faults at once instead of reading
 * some unrelated memory.
 *
 * Every allocation, table or heap, counts towards the twin's live usage
 * (the leak oracle) and towards allocation failure injection.  Memory the
 * caller did not ask to be zeroed holds a poison pattern, as it would hold
 * garbage in the kernel: a table used without __GFP_ZERO does not look
 * clean.
 *
 * Each arena has a shadow: the table memory as a non-coherent IOMMU sees
 * it.  A DMA sync toward the device copies the synced bytes into it; until
 * then the device sees what was there before (stale bytes for a new page).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "runtime.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#define POISONED(p)	__asan_address_is_poisoned(p)
#endif
#endif
#ifndef POISON
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#define POISONED(p)	((void)(p), 1)
#endif

#define ARENA_SIZE	(1ULL << 30)	/* reserved VA per twin, touched lazily */
#define WILD_SIZE	(1ULL << 20)	/* PROT_NONE window for stray phys */
#define MIN_ALIGN	64ULL
#define GUARD_SIZE	(64ULL << 10)	/* poisoned after the last allocation */
#define PAGE_SZ		4096ULL
#define META_SIZE	256UL		/* room for struct page stand-ins */
#define HEAP_MAGIC	0x70746668656170ULL	/* "ptfheap" */
#define POISON_BYTE	0x5a		/* memory nobody zeroed (POISON_INUSE) */
#define UNPUBLISHED	0xa5		/* the device has seen no sync yet */

struct table_alloc {
	uint64_t off;
	uint64_t size;
	void *meta;
	bool live;
};

struct heap_hdr {
	uint64_t magic;
	uint64_t size;
	struct heap_hdr *prev, *next;	/* live objects of the twin */
	int twin;
	int pad[3];			/* 16-byte aligned objects, like kmalloc */
};

struct twin_mem {
	uint8_t *base;
	uint8_t *shadow;		/* the device's copy (non-coherent walks) */
	uint64_t phys_base;
	uint64_t brk;
	struct table_alloc *allocs;
	size_t nr_allocs, cap_allocs;
	struct rt_usage usage;
	struct heap_hdr *heap;		/* live kmalloc objects */
	unsigned int fail_at;		/* 1-based; 0 = no injection */
	unsigned int fail_seq;
	bool fail_delivered;
};

static struct twin_mem mem[PTF_NR_TWINS];
static uint8_t *wild;
static int cur_twin;

void ptf_rt_set_twin(int twin)
{
	cur_twin = twin;
}

int ptf_rt_twin(void)
{
	return cur_twin;
}

static void *reserve(uint64_t size, int prot)
{
	void *p = mmap(NULL, size, prot, MAP_PRIVATE | MAP_ANONYMOUS |
		       MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("ptfuzz: mmap");
		abort();
	}
	return p;
}

void rt_init(void)
{
	if (wild)
		return;
	for (int t = 0; t < PTF_NR_TWINS; t++) {
		mem[t].base = reserve(ARENA_SIZE, PROT_READ | PROT_WRITE);
		mem[t].shadow = reserve(ARENA_SIZE, PROT_READ | PROT_WRITE);
	}
	wild = reserve(WILD_SIZE, PROT_NONE);
}

void rt_set_phys_base(int twin, uint64_t phys_base)
{
	if (mem[twin].nr_allocs)
		rt_fatal("harness", "arena of twin %d moved while in use", twin);
	mem[twin].phys_base = phys_base;
}

uint64_t rt_phys_base(int twin)
{
	return mem[twin].phys_base;
}

void rt_reset(void)
{
	for (int t = 0; t < PTF_NR_TWINS; t++) {
		struct twin_mem *m = &mem[t];

		/* Objects the kernel leaked (reported already) go now. */
		while (m->heap) {
			struct heap_hdr *h = m->heap;

			m->heap = h->next;
			h->magic = 0;
			free(h);
		}

		for (size_t i = 0; i < m->nr_allocs; i++)
			free(m->allocs[i].meta);
		UNPOISON(m->base, m->brk);
		/* Give the touched pages back so RSS follows the live input. */
		if (m->brk > (64ULL << 20)) {
			madvise(m->base, m->brk, MADV_DONTNEED);
			madvise(m->shadow, m->brk, MADV_DONTNEED);
		}
		m->brk = 0;
		m->nr_allocs = 0;
		m->usage = (struct rt_usage){ 0 };
		m->fail_at = 0;
		m->fail_seq = 0;
		m->fail_delivered = false;
	}
	rt_reset_diag();
	rt_reset_locks();
	rt_reset_devices();
}

void rt_usage(int twin, struct rt_usage *usage)
{
	*usage = mem[twin].usage;
}

void rt_fail_nth(int twin, unsigned int nth)
{
	mem[twin].fail_at = nth;
	mem[twin].fail_seq = 0;
	mem[twin].fail_delivered = false;
}

bool rt_fail_delivered(int twin)
{
	return mem[twin].fail_delivered;
}

/* Count an allocation attempt; true if this one must fail. */
static bool injected_failure(struct twin_mem *m)
{
	m->usage.total_allocs++;
	if (!m->fail_at || m->fail_delivered)
		return false;
	if (++m->fail_seq < m->fail_at)
		return false;
	m->fail_delivered = true;
	return true;
}

static uint64_t pow2_at_least(uint64_t n)
{
	uint64_t p = MIN_ALIGN;

	while (p < n)
		p <<= 1;
	return p;
}

static void *table_alloc(unsigned long size, bool zero)
{
	struct twin_mem *m = &mem[cur_twin];
	uint64_t sz = pow2_at_least(size), off;
	struct table_alloc *a;

	if (injected_failure(m))
		return NULL;
	off = (m->brk + sz - 1) & ~(sz - 1);
	if (off + sz > ARENA_SIZE)
		rt_fatal("harness", "page-table arena exhausted (%llu bytes)",
			 (unsigned long long)ARENA_SIZE);
	if (m->nr_allocs == m->cap_allocs) {
		m->cap_allocs = m->cap_allocs ? 2 * m->cap_allocs : 256;
		m->allocs = realloc(m->allocs,
				    m->cap_allocs * sizeof(*m->allocs));
		if (!m->allocs)
			abort();
	}
	a = &m->allocs[m->nr_allocs++];
	*a = (struct table_alloc){ .off = off, .size = sz, .live = true };
	/* Skipped padding stays poisoned: nothing may touch it. */
	POISON(m->base + m->brk, off - m->brk);
	m->brk = off + sz;
	UNPOISON(m->base + off, sz);
	/* Nor what follows: a walk that runs past its table. */
	if (m->brk + GUARD_SIZE <= ARENA_SIZE)
		POISON(m->base + m->brk, GUARD_SIZE);
	memset(m->base + off, zero ? 0 : POISON_BYTE, sz);
	memset(m->shadow + off, UNPUBLISHED, sz);
	m->usage.table_allocs++;
	m->usage.table_bytes += sz;
	return m->base + off;
}

void *ptf_rt_table_alloc(unsigned long size)
{
	return table_alloc(size, true);
}

void *ptf_rt_table_alloc_raw(unsigned long size)
{
	return table_alloc(size, false);
}

/* The allocation of @twin containing arena offset @off, live or not. */
static struct table_alloc *find_alloc(struct twin_mem *m, uint64_t off)
{
	size_t lo = 0, hi = m->nr_allocs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		struct table_alloc *a = &m->allocs[mid];

		if (off < a->off)
			hi = mid;
		else if (off >= a->off + a->size)
			lo = mid + 1;
		else
			return a;
	}
	return NULL;
}

static struct table_alloc *live_alloc_of(const void *virt, const char *what)
{
	struct twin_mem *m = &mem[cur_twin];
	const uint8_t *p = virt;
	struct table_alloc *a = NULL;

	if (p >= m->base && p < m->base + m->brk)
		a = find_alloc(m, p - m->base);
	if (!a || !a->live)
		rt_fatal("memory", "%s(%p): not live page-table memory of twin %d",
			 what, virt, cur_twin);
	return a;
}

void ptf_rt_table_free(const void *virt)
{
	struct twin_mem *m = &mem[cur_twin];
	struct table_alloc *a = live_alloc_of(virt, "free");

	if ((const uint8_t *)virt != m->base + a->off)
		rt_fatal("memory", "free(%p): inside an allocation, not its start",
			 virt);
	a->live = false;
	POISON(m->base + a->off, a->size);
	rt_record_free(cur_twin, m->phys_base + a->off, a->size);
	m->usage.table_allocs--;
	m->usage.table_bytes -= a->size;
}

int ptf_rt_is_table(const void *virt)
{
	const struct twin_mem *m = &mem[cur_twin];
	const uint8_t *p = virt;

	return p >= m->base && p < m->base + m->brk;
}

unsigned long ptf_rt_table_size(const void *virt)
{
	return live_alloc_of(virt, "size")->size;
}

void *ptf_rt_page_meta(const void *virt, unsigned long meta_size)
{
	struct table_alloc *a = live_alloc_of(virt, "virt_to_page");

	if (meta_size > META_SIZE)
		rt_fatal("harness", "struct page stand-in of %lu bytes", meta_size);
	if (!a->meta) {
		/* The allocation's address rides behind the descriptor. */
		a->meta = calloc(1, META_SIZE + sizeof(void *));
		if (!a->meta)
			abort();
		*(void **)((uint8_t *)a->meta + META_SIZE) =
			mem[cur_twin].base + a->off;
	}
	return a->meta;
}

void *ptf_rt_meta_virt(const void *meta)
{
	return *(void *const *)((const uint8_t *)meta + META_SIZE);
}

/*
 * A kmalloc object's physical address (mtk_iommu hands its device a
 * fault buffer from devm_kcalloc()): in a window of its own, above every
 * output address size, where no table memory is (phys_to_virt() of it is
 * wild).  Anything else is a stray pointer.
 */
#define HEAP_PHYS_BASE	(1ULL << 56)

static unsigned long long heap_virt_to_phys(const struct twin_mem *m,
					    const uint8_t *p)
{
	for (const struct heap_hdr *h = m->heap; h; h = h->next) {
		const uint8_t *obj = (const uint8_t *)(h + 1);

		if (p >= obj && p < obj + h->size)
			return HEAP_PHYS_BASE |
			       ((uintptr_t)p & (HEAP_PHYS_BASE - 1));
	}
	rt_fatal("memory", "virt_to_phys(%p): neither page-table memory nor a live kmalloc object",
		 p);
}

unsigned long long ptf_rt_virt_to_phys(const void *virt)
{
	struct twin_mem *m = &mem[cur_twin];
	const uint8_t *p = virt;

	if (p < m->base || p >= m->base + m->brk)
		return heap_virt_to_phys(m, p);
	return m->phys_base + (uint64_t)(p - m->base);
}

/*
 * Kernel code may compute phys_to_virt() of any PTE before checking that
 * it points to a table (v7s does), so this must not complain; it only
 * guarantees that a dereference of a stray address faults.
 */
void *ptf_rt_phys_to_virt(unsigned long long phys)
{
	struct twin_mem *m = &mem[cur_twin];

	if (phys >= m->phys_base && phys - m->phys_base < m->brk)
		return m->base + (phys - m->phys_base);
	return wild + (phys & (WILD_SIZE - 1));
}

/* The live allocation of @twin holding [phys, phys + len), or NULL. */
static struct table_alloc *live_span(int twin, uint64_t phys, size_t len)
{
	struct twin_mem *m = &mem[twin];
	/* Walkers read a table entry by entry: remember the last table. */
	static struct table_alloc *last[PTF_NR_TWINS];
	struct table_alloc *a = last[twin];
	uint64_t off = phys - m->phys_base;

	if (phys < m->phys_base || off + len > m->brk)
		return NULL;
	if (!a || a < m->allocs || a >= m->allocs + m->nr_allocs ||
	    off < a->off || off >= a->off + a->size)
		a = last[twin] = find_alloc(m, off);
	if (!a || !a->live || off + len > a->off + a->size)
		return NULL;
	return a;
}

void *rt_phys_span(int twin, uint64_t phys, size_t len)
{
	struct twin_mem *m = &mem[twin];

	return live_span(twin, phys, len) ? m->base + (phys - m->phys_base) :
					    NULL;
}

/* A DMA sync toward the device: it now sees what the CPU wrote there. */
void rt_device_publish(int twin, uint64_t phys, uint64_t size)
{
	struct twin_mem *m = &mem[twin];
	uint64_t off = phys - m->phys_base;

	if (phys < m->phys_base || off >= m->brk)
		return;
	if (size > m->brk - off)
		size = m->brk - off;
	/* Only live allocations: freed ones are poisoned on the CPU side. */
	for (uint64_t end = off + size; off < end;) {
		struct table_alloc *a = find_alloc(m, off);
		uint64_t stop = a ? a->off + a->size : (off | (MIN_ALIGN - 1)) + 1;

		if (stop > end)
			stop = end;
		if (a && a->live)
			memcpy(m->shadow + off, m->base + off, stop - off);
		off = stop;
	}
}

bool rt_device_never_synced(int twin, uint64_t phys, uint64_t len)
{
	const uint8_t *dev = rt_phys_span_device(twin, phys, len);

	for (uint64_t i = 0; dev && i < len; i++)
		if (dev[i] != UNPUBLISHED)
			return false;
	return dev != NULL;
}

void *rt_phys_span_device(int twin, uint64_t phys, size_t len)
{
	struct twin_mem *m = &mem[twin];

	return live_span(twin, phys, len) ? m->shadow + (phys - m->phys_base) :
					    NULL;
}

void *ptf_rt_heap_alloc(unsigned long size, int zero)
{
	struct twin_mem *m = &mem[cur_twin];
	struct heap_hdr *h;

	if (injected_failure(m))
		return NULL;
	h = malloc(sizeof(*h) + size);
	if (!h)
		abort();
	memset(h + 1, zero ? 0 : POISON_BYTE, size);
	*h = (struct heap_hdr){ .magic = HEAP_MAGIC, .size = size,
				.twin = cur_twin, .next = m->heap };
	if (m->heap)
		m->heap->prev = h;
	m->heap = h;
	m->usage.heap_allocs++;
	return h + 1;
}

void ptf_rt_heap_free(const void *ptr)
{
	struct heap_hdr *h;

	/* kfree() of an ERR_PTR is a bug too; NULL is fine. */
	if (!ptr)
		return;
	h = (struct heap_hdr *)ptr - 1;
	if (h->magic != HEAP_MAGIC)
		rt_fatal("memory", "kfree(%p): not a live kmalloc object", ptr);
	h->magic = 0;
	if (h->prev)
		h->prev->next = h->next;
	else
		mem[h->twin].heap = h->next;
	if (h->next)
		h->next->prev = h->prev;
	mem[h->twin].usage.heap_allocs--;
	free(h);
}

unsigned long ptf_rt_heap_size(const void *ptr)
{
	const struct heap_hdr *h = (const struct heap_hdr *)ptr - 1;

	if (h->magic != HEAP_MAGIC)
		rt_fatal("memory", "ksize(%p): not a live kmalloc object", ptr);
	return h->size;
}

int ptf_rt_redzone_lend(void *p, unsigned long n, int lend)
{
	if (!lend) {
		POISON(p, n);
		return 0;
	}
	for (unsigned long i = 0; i < n; i++)
		if (!POISONED((char *)p + i))
			return -1;
	UNPOISON(p, n);
	return 0;
}
