/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/poll.h>: types only; nothing polls. */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/fs.h>


typedef struct poll_table_struct {
	int unused;
} poll_table;

#endif /* _LINUX_POLL_H */
