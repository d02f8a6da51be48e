/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for <linux/completion.h>: see <linux/wait.h>. */
#ifndef __LINUX_COMPLETION_H
#define __LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;
};

#define init_completion(x)	((x)->done = 0)
#define reinit_completion(x)	((x)->done = 0)
#define complete(x)		((x)->done++)
#define complete_all(x)		((x)->done = UINT_MAX / 2)
#define wait_for_completion(x)	WARN_ON(!(x)->done)

#endif /* __LINUX_COMPLETION_H */
