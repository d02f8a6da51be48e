/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <asm/page.h>.  4 KiB CPU pages; virt<->phys translation
 * goes through the runtime's page-table arena so a walk that leaves the
 * tables is reported instead of dereferencing an arbitrary address.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/const.h>
#include <linux/types.h>
#include <ptf_rt.h>

#define PAGE_SHIFT	CONFIG_PAGE_SHIFT
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

static inline phys_addr_t virt_to_phys(const volatile void *virt)
{
	return ptf_rt_virt_to_phys((const void *)virt);
}

static inline void *phys_to_virt(phys_addr_t phys)
{
	return ptf_rt_phys_to_virt(phys);
}

#define __pa(x)		virt_to_phys((void *)(x))
#define __va(x)		phys_to_virt((phys_addr_t)(x))
#define __pa_symbol(x)	__pa(x)

#include <asm-generic/getorder.h>

#endif /* _ASM_PAGE_H */
