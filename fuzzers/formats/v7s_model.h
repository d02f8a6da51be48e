/* SPDX-License-Identifier: GPL-2.0 */
/*
 * v7s_model.h - io-pgtable-arm-v7s's semantics for the model
 * (v7s_model.c), for every target whose tables io-pgtable-arm-v7s makes:
 * arm_v7s's and the drivers' on it.
 */
#ifndef PTF_V7S_MODEL_H
#define PTF_V7S_MODEL_H

#include "target.h"

/*
 * arm_v7s_alloc_pgtable() of @pc with its L1 table at @l1, as
 * io-pgtable-arm-v7s does it: accepted or refused, its allocations, the
 * domain's page sizes, IAS, OAS and IOVA window, the model's rules and
 * implementation.  The format's allocations are added to @d's; what a
 * driver adds is the caller's.
 */
void v7s_model_predict(const struct ptf_pt_config *pc, uint64_t l1,
		       struct target_domain *d);

/* What a leaf mapped with IOMMU_* @prot grants with PTF_QUIRK_* @quirks. */
int v7s_access_of(unsigned int quirks, int prot);

/* io-pgtable-arm-v7s's WARN sites, by the ids the model names them. */
extern const struct warn_site v7s_warn_sites[];

#endif /* PTF_V7S_MODEL_H */
