/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/debugfs.h> (which drags in fs.h), as the kernel
 * builds it without CONFIG_DEBUG_FS: nothing is created, every creation
 * answers -ENODEV, and a driver's show functions are never called.
 * DEFINE_SHOW_ATTRIBUTE() (seq_file.h) keeps a reference to its show
 * function, so that the driver's code still compiles as it is.
 */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H

#include <linux/err.h>
#include <linux/types.h>

struct dentry;

struct seq_file {
	void *private;
};

struct file_operations {
	int (*show)(struct seq_file *s, void *data);
};

#ifndef S_IRUGO
#define S_IRUGO		0444
#endif

#define DEFINE_SHOW_ATTRIBUTE(__name)					\
	static const struct file_operations __name ## _fops = {	\
		.show = __name ## _show,				\
	}

__printf(2, 3)
static inline void seq_printf(struct seq_file *m, const char *fmt, ...)
{
}

static inline struct dentry *debugfs_create_dir(const char *name,
						struct dentry *parent)
{
	return ERR_PTR(-ENODEV);
}

static inline struct dentry *debugfs_create_file(const char *name,
						 umode_t mode,
						 struct dentry *parent,
						 void *data,
						 const struct file_operations *fops)
{
	return ERR_PTR(-ENODEV);
}

static inline void debugfs_remove_recursive(struct dentry *dentry)
{
}

#endif /* _LINUX_DEBUGFS_H */
