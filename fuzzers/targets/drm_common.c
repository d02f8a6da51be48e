// SPDX-License-Identifier: GPL-2.0
/*
 * drm_common.c - the GPU VM targets' decoder (drm_common.h).
 */
#include <string.h>

#include "drm_common.h"
#include "program.h"

void *drm_decoder_reset(struct drm_decoder *d, unsigned int inner_pages)
{
	memset(d, 0, sizeof(*d));
	d->inner_pages = inner_pages;
	return d;
}

void drm_decoded(void *state, const struct op *op)
{
	struct drm_decoder *d = state;

	if (op->type != DRM_OP_MAP)
		return;
	d->iova[d->n % DRM_DECODER_RANGES] = op->args[0];
	d->size[d->n % DRM_DECODER_RANGES] = op->args[1];
	d->n++;
}

uint64_t drm_gen_iova(struct fdp *f, void *state, const struct op *op)
{
	struct drm_decoder *d = state;
	unsigned int k = fdp_pick(f, 4);

	if (d->n && k < 2) {
		unsigned int i = fdp_pick(f, d->n < DRM_DECODER_RANGES ?
					  d->n : DRM_DECODER_RANGES);

		/* A mapped range's start, or a page inside it. */
		if (!k || d->size[i] < SZ_4K)
			return d->iova[i];
		return d->iova[i] + fdp_pick(f, d->inner_pages) * SZ_4K % d->size[i];
	}
	if (k == 2)
		return DRM_IOVA_BASE + fdp_pick(f, 32) * SZ_2M;
	return DRM_IOVA_BASE + fdp_uint(f, 2) * SZ_4K % DRM_IOVA_SPAN;
}

uint64_t drm_gen_size(struct fdp *f, void *state, const struct op *op)
{
	static const uint64_t sizes[] = {
		SZ_4K, 2 * SZ_4K, 16 * SZ_4K, SZ_2M, 2 * SZ_2M, SZ_2M + SZ_4K,
		SZ_2M - SZ_4K, 3 * SZ_2M,
	};
	unsigned int k = fdp_pick(f, 10);

	if (k < 8)
		return sizes[k];
	return (1 + fdp_uint(f, 2) % (DRM_SIZE_MAX / SZ_4K)) * SZ_4K;
}

uint64_t drm_gen_pa(struct fdp *f, void *state, const struct op *op)
{
	unsigned int k = fdp_pick(f, 8);

	if (!k)
		return 0;	/* a page at physical address 0 */
	if (k < 4)
		return DRM_PA_BASE + fdp_pick(f, 64) * SZ_2M;
	return DRM_PA_BASE + fdp_uint(f, 2) * SZ_4K;
}

/* The length of a run of a range's pages, or of the gap after it. */
uint64_t drm_gen_run(struct fdp *f, void *state, const struct op *op)
{
	static const uint64_t runs[] = { 0, SZ_4K, 16 * SZ_4K, SZ_2M };

	return runs[fdp_pick(f, 4)];
}

uint64_t drm_gen_pgsize(struct fdp *f, void *state, const struct op *op)
{
	return fdp_pick(f, 4) ? SZ_4K : SZ_2M;
}

uint64_t drm_gen_count(struct fdp *f, void *state, const struct op *op)
{
	return 1 + fdp_pick(f, 16);
}
