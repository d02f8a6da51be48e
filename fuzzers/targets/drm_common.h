/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drm_common.h - what the GPU VM targets (panfrost, panthor) share: the
 * decoder of their ops' address, size and page arguments.  A VM op's
 * first argument is its IOVA and its second its size; the op numbered
 * DRM_OP_MAP puts a range in the VM, and later ops aim at the ranges the
 * last 8 of them put there.
 */
#ifndef PTF_DRM_COMMON_H
#define PTF_DRM_COMMON_H

#include "fdp.h"
#include "target.h"

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL
#define SZ_4G		0x100000000ULL

#define DRM_OP_MAP	0
/* The IOVAs the decoder aims at: a 64 MiB window, 32 MiB into the VA. */
#define DRM_IOVA_BASE	0x2000000ULL
#define DRM_IOVA_SPAN	0x4000000ULL
/* The largest range an op maps. */
#define DRM_SIZE_MAX	0x800000ULL
/* The ranges' pages: RAM at 2 GiB (and physical page 0). */
#define DRM_PA_BASE	0x80000000ULL

#define DRM_DECODER_RANGES	8

struct drm_decoder {
	uint64_t iova[DRM_DECODER_RANGES], size[DRM_DECODER_RANGES];
	unsigned int n;
	/* An IOVA inside a range is one of its first @inner_pages pages. */
	unsigned int inner_pages;
};

void *drm_decoder_reset(struct drm_decoder *d, unsigned int inner_pages);
void drm_decoded(void *state, const struct op *op);

uint64_t drm_gen_iova(struct fdp *f, void *state, const struct op *op);
uint64_t drm_gen_size(struct fdp *f, void *state, const struct op *op);
uint64_t drm_gen_pa(struct fdp *f, void *state, const struct op *op);
uint64_t drm_gen_run(struct fdp *f, void *state, const struct op *op);
uint64_t drm_gen_pgsize(struct fdp *f, void *state, const struct op *op);
uint64_t drm_gen_count(struct fdp *f, void *state, const struct op *op);

#endif /* PTF_DRM_COMMON_H */
