/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/mmu_notifier.h>: the type SVA domains embed (no SVA here). */
#ifndef _LINUX_MMU_NOTIFIER_H
#define _LINUX_MMU_NOTIFIER_H

struct mmu_notifier {
	void *ops;
};

#endif /* _LINUX_MMU_NOTIFIER_H */
