/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/export.h>: 7.x emits asm for exports, and nothing is
 * a module here, so the module metadata some sources declare (normally from
 * <linux/module.h>) is dropped too.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)
#define EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods)
#define THIS_MODULE ((struct module *)0)

#define MODULE_LICENSE(license)
#define MODULE_DESCRIPTION(desc)
#define MODULE_AUTHOR(author)
#define MODULE_IMPORT_NS(ns)

#endif /* _LINUX_EXPORT_H */
