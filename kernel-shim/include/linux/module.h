/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/module.h>: nothing is a module (drivers are built
 * in; metadata is dropped).  Parameters keep their defaults.
 * module_init(fn) publishes fn as ptf_module_init_fn for the glue to call
 * (VFIO type1 registers its driver ops there).
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/export.h>
#include <linux/types.h>
#include <linux/init.h>
#include <uapi/linux/stat.h>

struct module;

#define module_param_named(name, value, type, perm)
#define module_param(name, type, perm)
#define MODULE_PARM_DESC(name, desc)
#define MODULE_VERSION(v)
#define MODULE_ALIAS(a)
#define MODULE_ALIAS_MISCDEV(m)
#define MODULE_SOFTDEP(s)
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_FIRMWARE(fw)
#define module_init(fn)	int (*ptf_module_init_##fn)(void) = fn;
#define module_exit(fn)

#define try_module_get(m)	true
#define module_put(m)		do { } while (0)
#define __module_get(m)		do { } while (0)
#define symbol_get(x)		((typeof(&x))NULL)
#define symbol_put(x)		do { } while (0)

#endif /* _LINUX_MODULE_H */
