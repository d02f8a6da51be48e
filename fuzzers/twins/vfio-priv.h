/* SPDX-License-Identifier: GPL-2.0 */
/* vfio-priv.h - fuzzers/twins/vfio.c for the caller ops table (callers.c). */
#ifndef PTF_VFIO_PRIV_H
#define PTF_VFIO_PRIV_H

#include "caller.h"

void ptf_vfio_reset(void);
void *ptf_vfio_open(unsigned long type, long *err);
void ptf_vfio_release(void *container);
long ptf_vfio_ioctl(void *container, unsigned int cmd, ptf_u64 arg);
int ptf_vfio_attach(void *container, int group, int emulated);
void ptf_vfio_detach(void *container, int group);
int ptf_vfio_pin(void *container, int group, ptf_u64 iova, int npage,
		 int prot, ptf_u64 *pfns);
void ptf_vfio_unpin(void *container, int group, ptf_u64 iova, int npage);
int ptf_vfio_dma_rw(void *container, ptf_u64 iova, void *data, ptf_u64 len,
		    int write);

#endif /* PTF_VFIO_PRIV_H */
