/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/module.h>: drivers are built in; metadata is dropped. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/init.h>
#include <linux/export.h>

struct module;

#define THIS_MODULE			((struct module *)0)
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_DESCRIPTION(desc)
#define MODULE_AUTHOR(author)
#define MODULE_LICENSE(license)
#define MODULE_ALIAS(alias)
#define MODULE_SOFTDEP(dep)
#define MODULE_FIRMWARE(fw)
#define module_init(fn)			static int (*__maybe_unused ptf_module_init)(void) = fn;
#define module_exit(fn)

#endif /* _LINUX_MODULE_H */
