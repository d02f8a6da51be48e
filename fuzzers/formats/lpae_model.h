/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lpae_model.h - io-pgtable-arm's semantics for the model (lpae_model.c),
 * for every target whose tables io-pgtable-arm makes: arm_lpae's and the
 * drivers' on it.
 */
#ifndef PTF_LPAE_MODEL_H
#define PTF_LPAE_MODEL_H

#include "target.h"

/*
 * alloc_io_pgtable_ops() of @pc (fmt, quirks, pgsize_bitmap, ias, oas,
 * coherent_walk), as io-pgtable-arm does it: accepted or refused (and the
 * WARN of a refusal), its allocations, the domain's page sizes, IAS, OAS
 * and IOVA window, the model's rules and implementation.  The format's
 * allocations are added to @d's; what a driver adds (its own allocations,
 * dirty ops, the walk's coherency) is the caller's.
 */
void lpae_model_predict(const struct ptf_pt_config *pc,
			struct target_domain *d);

/* What a leaf mapped with IOMMU_* @prot grants in @fmt (access_of()). */
int lpae_access_of(enum ptf_fmt fmt, int prot);

/* io-pgtable-arm's WARN sites, by the ids the model names them. */
extern const struct warn_site lpae_warn_sites[];

#endif /* PTF_LPAE_MODEL_H */
