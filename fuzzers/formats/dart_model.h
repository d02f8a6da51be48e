/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dart_model.h - io-pgtable-dart's semantics for the model (dart_model.c),
 * for every target whose tables io-pgtable-dart makes: dart's and
 * apple-dart's.
 */
#ifndef PTF_DART_MODEL_H
#define PTF_DART_MODEL_H

#include "target.h"

/*
 * apple_dart_alloc_pgtable() of @pc (fmt, pgsize_bitmap, ias, oas,
 * coherent_walk), as io-pgtable-dart does it: accepted or refused, its
 * allocations, the domain's page size, IAS, OAS and IOVA window, the
 * model's rules and implementation.  The format's allocations are added
 * to @d's; what a driver adds is the caller's.
 */
void dart_model_predict(const struct ptf_pt_config *pc,
			struct target_domain *d);

/* What a leaf mapped with IOMMU_* @prot grants in @fmt. */
int dart_access_of(enum ptf_fmt fmt, int prot);

/* io-pgtable-dart's WARN sites, by the ids the model names them. */
extern const struct warn_site dart_warn_sites[];

#endif /* PTF_DART_MODEL_H */
