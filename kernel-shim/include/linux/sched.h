/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/sched.h>: the fake processes of kernel-shim/kernel/
 * user-mm.c.  A task has an mm (its fake address space), a user (whose
 * locked_vm iommufd may charge), RLIMIT_MEMLOCK and CAP_IPC_LOCK as the
 * input chose them.  get/put_task_struct() are counted and checked.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/init.h>
#include <linux/kref.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/wait.h>
#include <linux/mm_types.h>

#define TASK_COMM_LEN	16
#define PF_KTHREAD	0x00200000

struct user_struct {
	refcount_t __count;
	atomic_long_t locked_vm;
};

struct task_struct {
	struct mm_struct *mm;
	struct task_struct *group_leader;
	refcount_t usage;
	pid_t pid;
	unsigned int flags;
	char comm[TASK_COMM_LEN];
	struct user_struct *ptf_user;
	unsigned long ptf_memlock;	/* RLIMIT_MEMLOCK in bytes */
	bool ptf_ipc_lock;		/* capable(CAP_IPC_LOCK) */
	bool ptf_rawio;			/* capable(CAP_SYS_RAWIO) */
};

struct task_struct *ptf_current(void);
#define current ptf_current()

struct task_struct *get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);

static inline pid_t task_pid_nr(struct task_struct *t)
{
	return t->pid;
}

static inline void cond_resched(void)
{
}

static inline int signal_pending(struct task_struct *t)
{
	return 0;
}

static inline int fatal_signal_pending(struct task_struct *t)
{
	return 0;
}


#endif /* _LINUX_SCHED_H */
