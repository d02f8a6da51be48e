/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/interrupt.h>: an IOMMU's fault interrupt is
 * requested (and counted as a managed resource); a target whose device
 * model faults raises it (ptf_irq_raise(), ptf-devices.h).
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/irqreturn.h>
#include <linux/types.h>

struct device;

#define IRQF_SHARED		0x00000080
#define IRQF_ONESHOT		0x00002000

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

int devm_request_irq(struct device *dev, unsigned int irq,
		     irq_handler_t handler, unsigned long irqflags,
		     const char *devname, void *dev_id);
int devm_request_threaded_irq(struct device *dev, unsigned int irq,
			      irq_handler_t handler, irq_handler_t thread_fn,
			      unsigned long irqflags, const char *devname,
			      void *dev_id);
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id);
const void *free_irq(unsigned int irq, void *dev_id);
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id);

/* Only a driver's shutdown path disables its interrupt; none runs: WARNs. */
void disable_irq(unsigned int irq);

#endif /* _LINUX_INTERRUPT_H */
