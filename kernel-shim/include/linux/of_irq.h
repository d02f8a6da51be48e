/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/of_irq.h>: the real one pulls in <linux/irq.h> and
 * with it the cpumask and irq-domain machinery.  Interrupts of the
 * harness's devices are platform resources (platform_get_irq()); nothing
 * here is needed beyond the node types.
 */
#ifndef _LINUX_OF_IRQ_H
#define _LINUX_OF_IRQ_H

#include <linux/of.h>

#endif /* _LINUX_OF_IRQ_H */
