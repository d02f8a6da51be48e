/* SPDX-License-Identifier: GPL-2.0 */
/* iommufd-priv.h - fuzzers/twins/iommufd.c for the caller ops table. */
#ifndef PTF_IOMMUFD_PRIV_H
#define PTF_IOMMUFD_PRIV_H

#include "caller.h"

void ptf_iommufd_reset(void);
int ptf_iommufd_open(void);
long ptf_iommufd_ioctl(int fd, unsigned int cmd, ptf_u64 arg);
void ptf_iommufd_close(int fd);
int ptf_iommufd_attach(int fd, int group, unsigned int ioas_id, int dirty,
		       unsigned int *hwpt_id);
int ptf_iommufd_detach(int fd, int group, unsigned int hwpt_id);
int ptf_access_create(int fd, unsigned int ioas_id);
void ptf_access_destroy(int access);
int ptf_access_pin(int access, ptf_u64 iova, ptf_u64 len, int write,
		   ptf_u64 *pfns);
void ptf_access_unpin(int access, ptf_u64 iova, ptf_u64 len);
int ptf_access_rw(int access, ptf_u64 iova, void *data, ptf_u64 len,
		  unsigned int flags);
void ptf_should_fail_nth(unsigned int nth);
int ptf_should_fail_delivered(void);

#endif /* PTF_IOMMUFD_PRIV_H */
