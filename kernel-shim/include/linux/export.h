/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/export.h>: 7.x emits asm for exports; nothing to export here. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)
#define EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods)
#define THIS_MODULE ((struct module *)0)

#endif /* _LINUX_EXPORT_H */
