// SPDX-License-Identifier: GPL-2.0
/*
 * The iommu core's group API, for the callers (VFIO type1, iommufd): a
 * group is one device behind an IOMMU whose paging domains are the
 * page-table families' (fuzzers/twins/iopgtable.c, genpt.c), configured by
 * the input.  iommu.c's own group code needs the whole driver core, so this
 * is a stand-in that checks the contract the callers rely on:
 *
 *   - a group is attached to at most one domain, and detached only from
 *     the one it is attached to (the core WARNs and refuses);
 *   - a domain is freed only when no group is attached to it;
 *   - a domain is freed once, and only a domain the core allocated.
 *
 * Domains the callers leave allocated, and groups left attached, are
 * counted for the engine's teardown checks.
 */
#include <linux/iommu.h>
#include <linux/slab.h>

#include "caller.h"
#include "iommu-group-priv.h"

/* The harness's side of the kernel: not instrumented for coverage. */
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), apply_to = function)

#define MAX_DOMAINS	16

struct iommu_group {
	int id;
	struct device dev;
	struct ptf_group_config cfg;
	struct iommu_domain *domain;	/* attached to, or NULL (blocked) */
};

struct domain_rec {
	struct iommu_domain *domain;
	void *dom;			/* the family's handle */
	const struct ptf_twin_ops *family;
};

static struct iommu_group groups[PTF_NR_GROUPS];
static struct domain_rec domains[MAX_DOMAINS];

struct iommu_group *ptf_group(int id)
{
	return id >= 0 && id < PTF_NR_GROUPS ? &groups[id] : NULL;
}

struct device *ptf_group_device(int id)
{
	return &groups[id].dev;
}

static struct iommu_group *group_of_device(struct device *dev)
{
	struct iommu_group *g = container_of(dev, struct iommu_group, dev);

	if (g < groups || g >= groups + PTF_NR_GROUPS)
		ptf_rt_fatal("harness", "a device that is not a group's");
	return g;
}

static struct domain_rec *rec_of(struct iommu_domain *domain)
{
	for (int i = 0; i < MAX_DOMAINS; i++)
		if (domains[i].domain && domains[i].domain == domain)
			return &domains[i];
	return NULL;
}

int iommu_group_for_each_dev(struct iommu_group *group, void *data,
			     int (*fn)(struct device *, void *))
{
	return fn(&group->dev, data);
}

bool iommu_group_has_isolated_msi(struct iommu_group *group)
{
	return group->cfg.isolated_msi;
}

struct iommu_domain *iommu_paging_domain_alloc_flags(struct device *dev,
						     unsigned int flags)
{
	struct iommu_group *g = group_of_device(dev);
	struct ptf_pt_info info;
	struct domain_rec *r;
	void *dom;

	if ((flags & IOMMU_HWPT_ALLOC_DIRTY_TRACKING) && !g->cfg.dirty_tracking)
		return ERR_PTR(-EOPNOTSUPP);
	for (r = domains; r < domains + MAX_DOMAINS && r->domain; r++)
		;
	if (r == domains + MAX_DOMAINS)
		return ERR_PTR(-ENOSPC);
	dom = g->cfg.family->create(&g->cfg.pt, &info);
	if (!dom)
		return ERR_PTR(-ENOMEM);
	*r = (struct domain_rec){ g->cfg.family->kernel_domain(dom), dom,
				  g->cfg.family };
	/*
	 * As the drivers do (arm-smmu-v3, AMD, Intel): dirty ops only on a
	 * domain allocated for dirty tracking.
	 */
	if (!(flags & IOMMU_HWPT_ALLOC_DIRTY_TRACKING))
		r->domain->dirty_ops = NULL;
	return r->domain;
}

void iommu_domain_free(struct iommu_domain *domain)
{
	struct domain_rec *r = rec_of(domain);

	/* A domain of the tree's own ops (iommufd's no-IOMMU one), as the core frees it. */
	if (!r && domain && domain->ops && domain->ops->free) {
		domain->ops->free(domain);
		return;
	}
	if (!r)
		ptf_rt_fatal("iommu_domain_free() of a domain not allocated",
			     "iommu_domain_free(%p): not a live domain (freed twice?)",
			     domain);
	for (int i = 0; i < PTF_NR_GROUPS; i++)
		if (groups[i].domain == domain)
			ptf_rt_fatal("iommu_domain_free() of an attached domain",
				     "iommu_domain_free(%p) while group %d is attached to it",
				     domain, i);
	r->family->destroy(r->dom);
	*r = (struct domain_rec){ 0 };
}

int iommu_attach_group(struct iommu_domain *domain, struct iommu_group *group)
{
	if (!rec_of(domain))
		ptf_rt_fatal("harness", "attach of a domain not allocated");
	if (group->domain)
		return -EBUSY;
	group->domain = domain;
	return 0;
}

void iommu_detach_group(struct iommu_domain *domain, struct iommu_group *group)
{
	if (WARN_ON(group->domain != domain))
		return;
	group->domain = NULL;
}

/* The group's reserved regions, allocated as iommu_alloc_resv_region() does. */
int iommu_get_group_resv_regions(struct iommu_group *group,
				 struct list_head *head)
{
	static const enum iommu_resv_type type_of[] = {
		[PTF_RESV_DIRECT] = IOMMU_RESV_DIRECT,
		[PTF_RESV_RESERVED] = IOMMU_RESV_RESERVED,
		[PTF_RESV_MSI] = IOMMU_RESV_MSI,
		[PTF_RESV_SW_MSI] = IOMMU_RESV_SW_MSI,
	};
	struct iommu_resv_region *r;

	if (!group->cfg.resv_size)
		return 0;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	INIT_LIST_HEAD(&r->list);
	r->start = group->cfg.resv_start;
	r->length = group->cfg.resv_size;
	r->prot = IOMMU_READ | IOMMU_WRITE;
	r->type = type_of[group->cfg.resv_type & 3];
	list_add_tail(&r->list, head);
	return 0;
}

/* A device's regions are its group's (one device per group). */
void iommu_get_resv_regions(struct device *dev, struct list_head *list)
{
	iommu_get_group_resv_regions(group_of_device(dev), list);
}

void iommu_put_resv_regions(struct device *dev, struct list_head *list)
{
	struct iommu_resv_region *r, *next;

	list_for_each_entry_safe(r, next, list, list) {
		list_del(&r->list);
		kfree(r);
	}
}

/* The harness's side ------------------------------------------------------- */

void ptf_group_reset(void)
{
	for (int i = 0; i < PTF_NR_GROUPS; i++)
		groups[i] = (struct iommu_group){ .id = i };
	for (int i = 0; i < MAX_DOMAINS; i++)
		domains[i] = (struct domain_rec){ 0 };
}

void ptf_group_config(int group, const struct ptf_group_config *cfg)
{
	groups[group].cfg = *cfg;
	groups[group].dev.iommu_group = &groups[group];
}

void *ptf_group_domain(int group)
{
	struct domain_rec *r;

	if (!groups[group].domain)
		return NULL;
	r = rec_of(groups[group].domain);
	return r ? r->dom : NULL;
}

/* The family handle of a kernel domain (iommufd's hwpt), or NULL. */
void *ptf_domain_handle(struct iommu_domain *domain)
{
	struct domain_rec *r = rec_of(domain);

	return r ? r->dom : NULL;
}

int ptf_live_domains(void)
{
	int n = 0;

	for (int i = 0; i < MAX_DOMAINS; i++)
		n += !!domains[i].domain;
	return n;
}

int ptf_attached_groups(void)
{
	int n = 0;

	for (int i = 0; i < PTF_NR_GROUPS; i++)
		n += !!groups[i].domain;
	return n;
}

#pragma clang attribute pop
