/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <asm/barrier.h>.  A software walker in the same thread needs
 * compiler ordering only; the device-visibility question is answered by the
 * DMA-sync records instead.
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#define mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()		mb()
#define wmb()		mb()
#define dma_rmb()	mb()
#define dma_wmb()	mb()
#define smp_mb()	mb()
#define smp_rmb()	mb()
#define smp_wmb()	mb()
#define __smp_mb()	mb()
#define __smp_rmb()	mb()
#define __smp_wmb()	mb()
#define smp_mb__before_atomic()	mb()
#define smp_mb__after_atomic()	mb()

#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)

#include <asm-generic/barrier.h>

#endif /* _ASM_BARRIER_H */
