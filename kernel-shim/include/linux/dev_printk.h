/* SPDX-License-Identifier: GPL-2.0 */
/* linux/dev_printk.h: the dev_*() messages are linux/device.h's. */
#include <linux/device.h>
