/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/cdev.h>: the type only; no character devices. */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H

#include <linux/types.h>

struct cdev {
	dev_t dev;
	unsigned int count;
};

#endif /* _LINUX_CDEV_H */
