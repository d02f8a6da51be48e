/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/slab.h>.
 *
 * kmalloc() and friends use the runtime heap, which counts live objects per
 * twin (a leak is a finding) and can fail the n-th allocation on demand.
 * What a device may be given the physical address of comes from the table
 * arena instead (virt_to_phys() works there only): a kmalloc() of a
 * power-of-two size of at least a page, which the kernel serves from the
 * page allocator, naturally aligned (omap's first-level table), and memory
 * asked for with GFP_DMA or GFP_DMA32 (mtk_iommu_v1's fault buffer).
 * A kmem_cache whose objects are aligned to their own power-of-two size
 * holds hardware tables (the v7s, exynos and sun50i L2 tables: the device
 * is given their physical address), so it allocates from the page-table
 * arena; any other cache is plain heap.  A cache counts its live objects:
 * destroying it with objects left WARNs, as SLUB does.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/cleanup.h>
#include <linux/cache.h>
#include <linux/minmax.h>
#include <linux/bug.h>
#include <ptf_rt.h>

typedef unsigned int __bitwise slab_flags_t;

#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32	((slab_flags_t)0x00008000U)
#define SLAB_PANIC		((slab_flags_t)0x00040000U)
#define SLAB_ACCOUNT		((slab_flags_t)0x04000000U)

static inline bool ptf_kmalloc_physical(size_t size, gfp_t gfp)
{
	return (gfp & (__GFP_DMA | __GFP_DMA32)) ||
	       (size >= (1UL << CONFIG_PAGE_SHIFT) && !(size & (size - 1)));
}

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	/* Garbage (a poison pattern) unless the caller asked for zeroes. */
	if (ptf_kmalloc_physical(size, gfp))
		return gfp & __GFP_ZERO ? ptf_rt_table_alloc(size) :
		       ptf_rt_table_alloc_raw(size);
	return ptf_rt_heap_alloc(size, !!(gfp & __GFP_ZERO));
}

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

static inline void kfree(const void *ptr)
{
	if (ptr && ptf_rt_is_table(ptr))
		ptf_rt_table_free(ptr);
	else
		ptf_rt_heap_free(ptr);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, gfp);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

static inline void *krealloc(const void *p, size_t size, gfp_t gfp)
{
	void *q;

	if (!p)
		return kmalloc(size, gfp);
	q = kmalloc(size, gfp);
	if (q) {
		memcpy(q, p, min_t(size_t, size, ptf_rt_is_table(p) ?
				   ptf_rt_table_size(p) : ptf_rt_heap_size(p)));
		kfree(p);
	}
	return q;
}

#define kmalloc_node(size, gfp, node)	kmalloc(size, gfp)
#define kzalloc_node(size, gfp, node)	kzalloc(size, gfp)
#define kvmalloc(size, gfp)		kmalloc(size, gfp)
#define kvzalloc(size, gfp)		kzalloc(size, gfp)
#define kvcalloc(n, size, gfp)		kcalloc(n, size, gfp)
#define kvfree(ptr)			kfree(ptr)
#define kfree_sensitive(ptr)		kfree(ptr)

DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))

/* Allocation profiling (<linux/alloc_tag.h>) is off: the call itself. */
#ifndef alloc_hooks
#define alloc_hooks(_do_alloc)		(_do_alloc)
#endif

/* The 7.x typed allocation helpers, without the counted-by plumbing. */
#define __ptf_default_gfp(...)		__ptf_default_gfp_(__VA_ARGS__ + 0, GFP_KERNEL)
#define __ptf_default_gfp_(a, ...)	((a) ? (a) : GFP_KERNEL)
#define kmalloc_obj(P, ...)	\
	((typeof(P) *)kmalloc(sizeof(typeof(P)), __ptf_default_gfp(__VA_ARGS__)))
#define kzalloc_obj(P, ...)	\
	((typeof(P) *)kzalloc(sizeof(typeof(P)), __ptf_default_gfp(__VA_ARGS__)))
#define kmalloc_objs(P, N, ...)	\
	((typeof(P) *)kmalloc_array(N, sizeof(typeof(P)), __ptf_default_gfp(__VA_ARGS__)))
#define kzalloc_flex(P, FAM, N, ...)	\
	((typeof(P) *)kzalloc(struct_size_t(typeof(P), FAM, N), __ptf_default_gfp(__VA_ARGS__)))
#define kzalloc_objs(P, N, ...)	\
	((typeof(P) *)kcalloc(N, sizeof(typeof(P)), __ptf_default_gfp(__VA_ARGS__)))
#define kvmalloc_objs(P, N, ...)	\
	((typeof(P) *)kvmalloc(array_size(N, sizeof(typeof(P))), __ptf_default_gfp(__VA_ARGS__)))

struct kmem_cache {
	const char *name;
	unsigned int size;
	bool tables;		/* objects are hardware tables */
	long live;
};

static inline struct kmem_cache *kmem_cache_create(const char *name,
						   unsigned int size,
						   unsigned int align,
						   slab_flags_t flags,
						   void (*ctor)(void *))
{
	struct kmem_cache *cache = kmalloc(sizeof(*cache), GFP_KERNEL);

	if (cache) {
		*cache = (struct kmem_cache){ .name = name, .size = size };
		/* The arena aligns every object to its power-of-two size. */
		cache->tables = align == size && size >= 64 &&
				!(size & (size - 1));
	}
	return cache;
}

static inline void kmem_cache_destroy(struct kmem_cache *cache)
{
	if (!cache)
		return;
	WARN(cache->live, "kmem_cache_destroy %s: Slab cache still has objects",
	     cache->name);
	kfree(cache);
}

static inline void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	bool zero = gfp & __GFP_ZERO;
	void *obj;

	/* Garbage (a poison pattern) unless the caller asked for zeroes. */
	if (!cache->tables)
		obj = ptf_rt_heap_alloc(cache->size, zero);
	else if (zero)
		obj = ptf_rt_table_alloc(cache->size);
	else
		obj = ptf_rt_table_alloc_raw(cache->size);

	cache->live += !!obj;
	return obj;
}

static inline void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp)
{
	return kmem_cache_alloc(cache, gfp | __GFP_ZERO);
}

/*
 * The one lru cache is xarray's node cache, whose constructor
 * (radix_tree_node_ctor()) zeroes each node: its objects come zeroed.
 */
#define kmem_cache_alloc_lru(cache, lru, gfp)	\
	kmem_cache_alloc(cache, (gfp) | __GFP_ZERO)

static inline void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	if (!obj)
		return;
	cache->live--;
	if (cache->tables)
		ptf_rt_table_free(obj);
	else
		ptf_rt_heap_free(obj);
}

/*
 * All @nr objects or none: the kernel's bulk allocation frees what it got
 * when one fails and returns 0 (panthor preallocates its page tables so).
 */
static inline int kmem_cache_alloc_bulk(struct kmem_cache *cache, gfp_t gfp,
					size_t nr, void **p)
{
	for (size_t i = 0; i < nr; i++) {
		p[i] = kmem_cache_alloc(cache, gfp);
		if (!p[i]) {
			while (i--)
				kmem_cache_free(cache, p[i]);
			return 0;
		}
	}
	return (int)nr;
}

static inline void kmem_cache_free_bulk(struct kmem_cache *cache, size_t nr,
					void **p)
{
	for (size_t i = 0; i < nr; i++)
		kmem_cache_free(cache, p[i]);
}

#endif /* _LINUX_SLAB_H */
