/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/file.h>: the fake processes' file table. */
#ifndef __LINUX_FILE_H
#define __LINUX_FILE_H

#include <linux/fs.h>
#include <linux/cleanup.h>

struct file *fget(unsigned int fd);

DEFINE_FREE(fput, struct file *, if (!IS_ERR_OR_NULL(_T)) fput(_T))

#endif /* __LINUX_FILE_H */
