/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/dma-resv.h>: see <linux/dma-buf.h>. */
#ifndef _LINUX_RESERVATION_H
#define _LINUX_RESERVATION_H

#include <linux/mutex.h>

struct ww_acquire_ctx;

struct dma_resv {
	struct mutex lock;
};

#define dma_resv_lock(obj, ctx)		(mutex_lock(&(obj)->lock), 0)
#define dma_resv_unlock(obj)		mutex_unlock(&(obj)->lock)
#define dma_resv_assert_held(obj)	WARN_ON(!(obj)->lock.locked)

#endif /* _LINUX_RESERVATION_H */
