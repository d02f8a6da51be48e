/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/idr.h>: the IDA type (nothing here allocates IDs). */
#ifndef __IDR_H__
#define __IDR_H__

#include <linux/xarray.h>

struct ida {
	struct xarray xa;
};

#define ida_init(ida)		xa_init_flags(&(ida)->xa, XA_FLAGS_ALLOC)
#define ida_destroy(ida)	xa_destroy(&(ida)->xa)

#endif /* __IDR_H__ */
