/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <asm/cacheflush.h>: the CPU caches are coherent here. */
#ifndef __ASM_CACHEFLUSH_H
#define __ASM_CACHEFLUSH_H

#endif /* __ASM_CACHEFLUSH_H */
