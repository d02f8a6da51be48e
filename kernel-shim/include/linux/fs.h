/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/fs.h>: files as the fake processes hold them
 * (kernel-shim/kernel/user-mm.c): a reference count, the operations and
 * private data.  fget() and fput() are counted and checked.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/mm_types.h>
#include <linux/capability.h>
#include <linux/completion.h>
#include <linux/uuid.h>
#include <linux/wait.h>
#include <linux/idr.h>

struct inode;
struct poll_table_struct;
struct module;

struct file_operations {
	struct module *owner;
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd,
			       unsigned long arg);
	long (*compat_ioctl)(struct file *file, unsigned int cmd,
			     unsigned long arg);
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	ssize_t (*read)(struct file *file, char __user *buf, size_t count,
			loff_t *pos);
	ssize_t (*write)(struct file *file, const char __user *buf,
			 size_t count, loff_t *pos);
	__poll_t (*poll)(struct file *file, struct poll_table_struct *wait);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
};

struct file {
	atomic_long_t f_count;
	const struct file_operations *f_op;
	void *private_data;
	struct inode *f_inode;
	unsigned int f_flags;
	fmode_t f_mode;
	loff_t f_pos;
	int ptf_fd;
};

struct file *get_file(struct file *f);
void fput(struct file *f);
void __fput_sync(struct file *f);

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

#define noop_llseek	NULL

#endif /* _LINUX_FS_H */
