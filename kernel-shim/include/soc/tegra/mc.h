/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tree's <soc/tegra/mc.h>, without the <linux/irq.h> it includes: the
 * memory controller's structs need only irq_handler_t, which the
 * <linux/interrupt.h> stand-in gives, and irq.h drags in the cpumask and
 * irq_desc chain.  Everything else of the header is the tree's.
 */
#ifndef PTF_SOC_TEGRA_MC_H
#define PTF_SOC_TEGRA_MC_H

#include <linux/interrupt.h>

#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H
#define PTF_SKIPPED_LINUX_IRQ_H
#endif
#include_next <soc/tegra/mc.h>
#ifdef PTF_SKIPPED_LINUX_IRQ_H
#undef _LINUX_IRQ_H
#undef PTF_SKIPPED_LINUX_IRQ_H
#endif

#endif /* PTF_SOC_TEGRA_MC_H */
