/* SPDX-License-Identifier: GPL-2.0 */
/* iommu-group-priv.h - the callers' glue's handle on iommu-group.c. */
#ifndef PTF_IOMMU_GROUP_PRIV_H
#define PTF_IOMMU_GROUP_PRIV_H

#include "caller.h"

struct device;
struct iommu_domain;
struct iommu_group;

struct iommu_group *ptf_group(int id);
struct device *ptf_group_device(int id);
void ptf_group_reset(void);
void ptf_group_config(int group, const struct ptf_group_config *cfg);
void *ptf_group_domain(int group);
void *ptf_domain_handle(struct iommu_domain *domain);
int ptf_live_domains(void);
int ptf_attached_groups(void);

#endif /* PTF_IOMMU_GROUP_PRIV_H */
