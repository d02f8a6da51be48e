/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/atomic.h>: the compiler's __atomic builtins instead
 * of the per-architecture fallback layers.  ptfuzz drives page tables from
 * one thread, so only the semantics (value, return, ordering as written)
 * matter, not the performance of the real implementations.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <asm/barrier.h>

#define __ptf_cmpxchg(ptr, old, new) ({					\
	__typeof__(*(ptr)) __old = (old);				\
	__atomic_compare_exchange_n((ptr), &__old, (new), false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	__old;								\
})

#define cmpxchg(ptr, o, n)		__ptf_cmpxchg(ptr, o, n)
#define cmpxchg_relaxed(ptr, o, n)	__ptf_cmpxchg(ptr, o, n)
#define cmpxchg_acquire(ptr, o, n)	__ptf_cmpxchg(ptr, o, n)
#define cmpxchg_release(ptr, o, n)	__ptf_cmpxchg(ptr, o, n)
#define cmpxchg64(ptr, o, n)		__ptf_cmpxchg(ptr, o, n)
#define cmpxchg64_relaxed(ptr, o, n)	__ptf_cmpxchg(ptr, o, n)
#define try_cmpxchg(ptr, po, n) ({					\
	__typeof__(*(ptr)) *__po = (po);				\
	__atomic_compare_exchange_n((ptr), __po, (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
})
#define try_cmpxchg64(ptr, po, n)		try_cmpxchg(ptr, po, n)
#define try_cmpxchg_release(ptr, po, n)		try_cmpxchg(ptr, po, n)
#define try_cmpxchg64_release(ptr, po, n)	try_cmpxchg(ptr, po, n)
#define try_cmpxchg_relaxed(ptr, po, n)		try_cmpxchg(ptr, po, n)
#define try_cmpxchg64_relaxed(ptr, po, n)	try_cmpxchg(ptr, po, n)
#define xchg(ptr, v)		__atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define xchg_relaxed(ptr, v)	xchg(ptr, v)

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }

#define __PTF_ATOMIC_OPS(pfx, type)					\
static inline type pfx##_read(const pfx##_t *v)				\
{ return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }		\
static inline void pfx##_set(pfx##_t *v, type i)			\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }			\
static inline type pfx##_add_return(type i, pfx##_t *v)			\
{ return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline type pfx##_sub_return(type i, pfx##_t *v)			\
{ return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline type pfx##_fetch_add(type i, pfx##_t *v)			\
{ return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline void pfx##_add(type i, pfx##_t *v) { pfx##_add_return(i, v); } \
static inline void pfx##_sub(type i, pfx##_t *v) { pfx##_sub_return(i, v); } \
static inline void pfx##_inc(pfx##_t *v) { pfx##_add(1, v); }		\
static inline void pfx##_dec(pfx##_t *v) { pfx##_sub(1, v); }		\
static inline type pfx##_inc_return(pfx##_t *v)			\
{ return pfx##_add_return(1, v); }					\
static inline type pfx##_dec_return(pfx##_t *v)			\
{ return pfx##_sub_return(1, v); }					\
static inline bool pfx##_dec_and_test(pfx##_t *v)			\
{ return pfx##_sub_return(1, v) == 0; }					\
static inline bool pfx##_inc_not_zero(pfx##_t *v)			\
{									\
	type c = pfx##_read(v);						\
	while (c && !__atomic_compare_exchange_n(&v->counter, &c, c + 1, \
			false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))	\
		;							\
	return c != 0;							\
}									\
static inline type pfx##_cmpxchg(pfx##_t *v, type o, type n)		\
{ return __ptf_cmpxchg(&v->counter, o, n); }

__PTF_ATOMIC_OPS(atomic, int)
__PTF_ATOMIC_OPS(atomic64, s64)

typedef atomic64_t atomic_long_t;
#define atomic_long_read	atomic64_read
#define atomic_long_set		atomic64_set
#define atomic_long_inc		atomic64_inc
#define atomic_long_dec		atomic64_dec
#define atomic_long_add		atomic64_add
#define atomic_long_sub		atomic64_sub
#define atomic_long_add_return	atomic64_add_return
#define atomic_long_sub_return	atomic64_sub_return
#define atomic_long_try_cmpxchg(v, po, n) try_cmpxchg(&(v)->counter, (s64 *)(po), n)
#define atomic_long_or(i, v)	((void)__atomic_fetch_or(&(v)->counter, (s64)(i), __ATOMIC_SEQ_CST))
#define atomic_long_and(i, v)	((void)__atomic_fetch_and(&(v)->counter, (s64)(i), __ATOMIC_SEQ_CST))
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

#endif /* _LINUX_ATOMIC_H */
