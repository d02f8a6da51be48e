/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user-mm.h - the harness's handle on the fake processes of user-mm.c: the
 * plain-C operations of caller.h, and the file table the callers' glue
 * opens /dev/iommu in.
 */
#ifndef PTF_USER_MM_H
#define PTF_USER_MM_H

#include "caller.h"

struct file;
struct file_operations;

void ptf_user_reset(void);
void ptf_user_set_proc(int proc, const struct ptf_user_proc *up);
void ptf_user_switch(int proc);
int ptf_user_mmap(int proc, const struct ptf_user_vma *v);
ptf_u64 ptf_user_write(int proc, ptf_u64 uva, const void *buf, ptf_u64 len);
ptf_u64 ptf_user_read(int proc, ptf_u64 uva, void *buf, ptf_u64 len);
long ptf_user_pins(ptf_u64 pfn);
long ptf_user_pins_sum(ptf_u64 pfn, ptf_u64 n);
int ptf_user_page_dirty(ptf_u64 pfn, int clear);
void ptf_user_state(int proc, struct ptf_user_state *st);

/* A new file of the current process: its fd, or -errno. */
int ptf_file_install(const struct file_operations *fops, void *private_data);
struct file *ptf_file_of(int fd);
void ptf_file_close(int fd);
int ptf_file_share(int fd);
void ptf_file_close_shared(int fd);

#endif /* PTF_USER_MM_H */
