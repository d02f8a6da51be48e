/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The twin of a GPU driver's VM on io-pgtable (panfrost, panthor): its
 * struct ptf_twin_ops, whose lookups are io-pgtable's own, and the count
 * of the lookups the driver itself makes (its unmap's probes), which the
 * harness's lookups must not inflate.
 *
 * Included by the glue after it defines PTF_DRM_VM, its VM struct (one
 * per twin, the static @the), with members @stats and @tree_length, and
 * vm_ops(), ptf_create(), ptf_destroy() and ptf_info().
 */
#ifndef PTF_TWIN_DRM_LOOKUPS_H
#define PTF_TWIN_DRM_LOOKUPS_H

#ifndef PTF_DRM_VM
#error "define PTF_DRM_VM before including drm-lookups.h"
#endif

#if PTF_IOPGTABLE_HAS_LEGACY
/* io-pgtable's legacy lookup, before count_lookups() wrapped it. */
static phys_addr_t (*tree_legacy)(struct io_pgtable_ops *ops, unsigned long iova);
#endif

/* The harness's own lookups (not counted: the driver's are). */
static ptf_u64 ptf_lookup(void *dom, ptf_u64 iova)
{
	struct PTF_DRM_VM *vm = dom;
	struct io_pgtable_ops *ops = vm_ops(vm);

#if PTF_IOPGTABLE_HAS_LEGACY
	return tree_legacy(ops, iova);
#else
	{
		phys_addr_t phys = vm->tree_length(ops, iova, NULL);

		return phys == PHYS_ADDR_MAX ? 0 : phys;
	}
#endif
}

#if PTF_IOPGTABLE_HAS_LENGTH
static ptf_u64 ptf_lookup_length(void *dom, ptf_u64 iova, ptf_u64 *length)
{
	struct PTF_DRM_VM *vm = dom;
	size_t len = 0;
	phys_addr_t phys;

	phys = vm->tree_length(vm_ops(vm), iova, &len);
	*length = len;
	return phys;
}

/* The driver's own probes, counted. */
static phys_addr_t counted_length(struct io_pgtable_ops *ops,
				  unsigned long iova, size_t *length)
{
	the.stats.walks++;
	return the.tree_length(ops, iova, length);
}
#define PTF_DRM_LENGTH_OP .iova_to_phys_length = ptf_lookup_length,
#else
#define PTF_DRM_LENGTH_OP
#endif

#if PTF_IOPGTABLE_HAS_LEGACY
static phys_addr_t counted_legacy(struct io_pgtable_ops *ops, unsigned long iova)
{
	the.stats.walks++;
	return tree_legacy(ops, iova);
}
#endif

/* Count the driver's calls into io-pgtable's lookups. */
static void count_lookups(struct PTF_DRM_VM *vm)
{
	struct io_pgtable_ops *ops = vm_ops(vm);

#if PTF_IOPGTABLE_HAS_LENGTH
	vm->tree_length = ops->iova_to_phys_length;
	ops->iova_to_phys_length = counted_length;
#endif
#if PTF_IOPGTABLE_HAS_LEGACY
	tree_legacy = ops->iova_to_phys;
	ops->iova_to_phys = counted_legacy;
#endif
}

static void ptf_stats(void *dom, struct ptf_twin_stats *stats)
{
	*stats = ((struct PTF_DRM_VM *)dom)->stats;
}

static void *ptf_create_counted(const struct ptf_pt_config *cfg,
				struct ptf_pt_info *info)
{
	struct PTF_DRM_VM *vm = ptf_create(cfg, info);

	if (vm)
		count_lookups(vm);
	return vm;
}

const struct ptf_twin_ops ptf_twin_driver = {
	.tree			= UTS_RELEASE,
	.has_length		= PTF_DOMAIN_HAS_LENGTH,
	.create			= ptf_create_counted,
	.destroy		= ptf_destroy,
	.iova_to_phys		= ptf_lookup,
	PTF_DRM_LENGTH_OP
	.info			= ptf_info,
	.stats			= ptf_stats,
};

#endif /* PTF_TWIN_DRM_LOOKUPS_H */
