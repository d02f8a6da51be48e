/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/delay.h>: time does not pass (see <linux/iopoll.h>). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#define udelay(n)		do { (void)(n); } while (0)
#define ndelay(n)		do { (void)(n); } while (0)
#define mdelay(n)		do { (void)(n); } while (0)
#define msleep(n)		do { (void)(n); } while (0)
#define usleep_range(a, b)	do { (void)(a); (void)(b); } while (0)
#define fsleep(n)		do { (void)(n); } while (0)

#endif /* _LINUX_DELAY_H */
