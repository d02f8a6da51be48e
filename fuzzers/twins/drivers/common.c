// SPDX-License-Identifier: GPL-2.0
/*
 * The driver twin: one IOMMU driver of the tree (its glue says which, see
 * driver.h), booted on the machine its configuration describes, with one
 * master behind it and one paging domain, driven through the tree's iommu
 * core as every family is (core-ops.h).
 *
 * What the kernel does for a device behind an IOMMU, in order:
 * boot (the driver's initcall registers it; probe runs per instance),
 * of_iommu_configure() (iommu_fwspec_init() and the driver's of_xlate()
 * per "iommus" specifier), __iommu_probe_device() (probe_device()), the
 * master's driver powering it up, iommu_paging_domain_alloc_flags() and
 * __iommu_attach_device() (both extracted from the tree's iommu.c).
 * Destroying undoes it in reverse and checks what was left behind.
 *
 * Lookups and map/unmap calls are counted by wrapping the domain ops the
 * driver installed; the tree still decides which lookup op exists.
 */
#include <linux/clk.h>
#include <linux/iommu.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <generated/utsrelease.h>

#include "driver.h"
#include "iommufd-dirty.h"
#include "soft-walks.h"

struct ptf_drv_domain {
	struct iommu_domain *domain;
	/* The master's default domain, when the driver has no static one. */
	struct iommu_domain *default_domain;
	struct iommu_iotlb_gather pending;	/* for unmap_fast + sync */
	struct ptf_twin_stats stats;
	unsigned int map_stalls;		/* ptf_check_map_progress() */
	struct device *master;
	struct iommu_domain *blocking;		/* the core's, when the driver has none */
	bool powered;				/* the master holds runtime PM */
	const struct iommu_domain_ops *tree_ops;
	struct iommu_domain_ops ops;		/* counting, forwarding */
	unsigned int oas;
};

static struct iommu_domain *identity_domain(struct ptf_drv_domain *pd);

#define PTF_TWIN_DOMAIN ptf_drv_domain
#define PTF_TWIN_IOMMU_DOMAIN(pd) ((pd)->domain)
#define PTF_TWIN_IDENTITY_DOMAIN(pd) identity_domain(pd)
#include "core-ops.h"

void ptf_devices_reset(void);
void ptf_iommu_devices_reset(void);
void ptf_dev_iommu_free(struct device *dev);
int ptf_dev_iommu_get(struct device *dev);
int ptf_iommu_attach_device(struct iommu_domain *domain, struct device *dev,
			    struct iommu_domain *old);
void ptf_iommu_probe_lock(bool lock);
void ptf_iommu_core_reset(void);
struct iommu_domain *ptf_iommu_alloc_identity_domain(struct device *dev);
void ptf_rcu_reset(void);

/* One domain per twin at a time: the wrappers find it here. */
static struct ptf_drv_domain the;

struct iommu_device *ptf_iommu_from_fwnode(struct fwnode_handle *fwnode);

/* The master's IOMMU ops, as the core finds them (iommu_fwspec_ops()). */
static const struct iommu_ops *drv_ops(void)
{
	struct iommu_fwspec *fwspec;
	struct iommu_device *iommu;

	if (ptf_driver.ops)
		return ptf_driver.ops;
	fwspec = the.master ? dev_iommu_fwspec_get(the.master) : NULL;
	iommu = ptf_iommu_from_fwnode(fwspec ? fwspec->iommu_fwnode : NULL);
	if (!iommu)
		ptf_rt_fatal("harness", "no IOMMU registered for the master");
	return iommu->ops;
}

#include "count-ops.h"

/* Boot, probe, attach --------------------------------------------------------- */

/*
 * The domain a master returns to when its paging domain goes: the
 * driver's static identity, release or blocked domain, or else the
 * identity domain the core allocated for it as its default domain.
 */
static struct iommu_domain *core_domain(struct ptf_drv_domain *pd)
{
	const struct iommu_ops *ops = drv_ops();

	return ops->identity_domain ? ops->identity_domain :
	       ops->release_domain ? ops->release_domain :
	       ops->blocked_domain ? ops->blocked_domain : pd->default_domain;
}

/*
 * The master's identity domain, where it has one: what it returns to
 * (core_domain()), the driver's static identity domain or the core's
 * default one: a caller that finds the master in it
 * (iommu_get_domain_for_dev()) looks up through it.
 */
static struct iommu_domain *identity_domain(struct ptf_drv_domain *pd)
{
	struct iommu_domain *domain = core_domain(pd);

	return domain && domain->type == IOMMU_DOMAIN_IDENTITY ? domain : NULL;
}

/*
 * A driver without a static domain to fall back on gets the default
 * domain iommu_setup_default_domain() would give the master: an identity
 * domain from domain_alloc_identity(), attached at once.
 */
static int attach_default_domain(struct ptf_drv_domain *pd)
{
	struct iommu_domain *domain;
	int ret;

#if PTF_CORE_ALLOC_IDENTITY
	if (core_domain(pd) || !drv_ops()->domain_alloc_identity)
		return 0;
#else
	return 0;	/* before domain_alloc_identity(): a static domain */
#endif
	domain = ptf_iommu_alloc_identity_domain(pd->master);
	if (IS_ERR(domain))
		return PTR_ERR(domain);
	ret = ptf_iommu_attach_device(domain, pd->master, NULL);
	if (ret) {
		iommu_domain_free(domain);
		return ret;
	}
	pd->default_domain = domain;
	return 0;
}

static void attach_back(struct ptf_drv_domain *pd, struct iommu_domain *back)
{
	bool own = back == core_domain(pd);
	bool contain = own && ptf_rt_core_attach(1) && ptf_driver.contain;

	if (contain)
		ptf_driver.contain(true);
	WARN(ptf_iommu_attach_device(back, pd->master, pd->domain),
	     "detaching the master failed");
	if (contain)
		ptf_driver.contain(false);
	if (own)
		ptf_rt_core_attach(0);
}

/*
 * Detach the input's domain.  A driver without a domain of its own to
 * return to gets what the core makes for it
 * (__iommu_group_alloc_blocking_domain()): an empty paging domain, which
 * the device must then translate through, translating nothing, once the
 * input's domain is freed.  The group frees it after release_device().
 */
static void detach_and_free(struct ptf_drv_domain *pd)
{
	struct iommu_domain *back = core_domain(pd);

	if (!back) {
		back = iommu_paging_domain_alloc_flags(pd->master, 0);
		if (WARN(IS_ERR(back), "no blocking domain: %ld", PTR_ERR(back)))
			back = NULL;
		pd->blocking = back;
	}
	if (back)
		attach_back(pd, back);
	iommu_domain_free(pd->domain);
	pd->domain = NULL;
	if (pd->blocking)
		ptf_rt_device_blocking();
}

/*
 * of_iommu_configure() and __iommu_probe_device() for the master, under
 * iommu_probe_device_lock as there.
 */
static int configure_master(struct ptf_drv_domain *pd, struct ptf_machine *m)
{
	struct iommu_device *iommu;
	int ret;

	/* A driver without of_xlate() reads "iommus" in probe_device(). */
	for (unsigned int i = 0; drv_ops()->of_xlate && i < m->nr_iommus; i++) {
		ret = iommu_fwspec_init(pd->master,
					of_fwnode_handle(m->iommus[i].np));
		if (!ret)
			ret = drv_ops()->of_xlate(pd->master, &m->iommus[i]);
		if (ret)
			return ret;
	}
	/* __iommu_probe_device(): dev_iommu_get(), if no fwspec made it. */
	ret = ptf_dev_iommu_get(pd->master);
	if (ret)
		return ret;
	iommu = drv_ops()->probe_device(pd->master);
	if (IS_ERR(iommu))
		return PTR_ERR(iommu);
	pd->master->iommu->iommu_dev = iommu;
	return 0;
}

/* ... and iommu_probe_device()'s probe_finalize(), outside the lock. */
static int probe_master(struct ptf_drv_domain *pd, struct ptf_machine *m)
{
	int ret;

	pd->master = ptf_driver.master ? ptf_driver.master() :
		     ptf_master_add(m->master_name ? m->master_name : "master");
	if (!pd->master)
		return -ENODEV;
	/* A platform master names its IOMMUs in its node's "iommus". */
	for (unsigned int i = 0; !ptf_driver.master && i < m->nr_iommus; i++)
		ptf_of_add_ref(pd->master->of_node, "iommus", &m->iommus[i]);
	ptf_iommu_probe_lock(true);
	ret = configure_master(pd, m);
	ptf_iommu_probe_lock(false);
	if (!ret && drv_ops()->probe_finalize)
		drv_ops()->probe_finalize(pd->master);
	return ret;
}

static void release_master(struct ptf_drv_domain *pd)
{
	if (!pd->master)
		return;
	if (pd->master->iommu && pd->master->iommu->iommu_dev &&
	    drv_ops()->release_device)
		drv_ops()->release_device(pd->master);
	/* The group goes after its last device, and its default domain with it. */
	if (pd->default_domain)
		iommu_domain_free(pd->default_domain);
	if (ptf_driver.release)
		ptf_driver.release(pd->master);
	ptf_dev_iommu_free(pd->master);
}

static void teardown(struct ptf_drv_domain *pd)
{
	if (pd->domain)
		detach_and_free(pd);
	if (pd->powered)
		pm_runtime_put_sync(pd->master);
	release_master(pd);
	if (pd->blocking)
		iommu_domain_free(pd->blocking);
	ptf_devices_remove_all();
	ptf_iommu_devices_reset();
}

static void ptf_info(void *dom, struct ptf_pt_info *info)
{
	struct ptf_drv_domain *pd = dom;
	const struct iommu_domain_geometry *g = &pd->domain->geometry;

	*info = (struct ptf_pt_info){
		.pgsize_bitmap	= pd->domain->pgsize_bitmap,
		.ias		= g->aperture_end == ~0UL ? 64 :
				  fls64(g->aperture_end),
		.oas		= pd->oas,
		.va_first	= g->aperture_start,
		.va_last	= g->aperture_end,
		.unmap_splits_blocks = ptf_driver.unmap_splits_blocks,
	};
}

/*
 * The master's paging domain, attached: the one its DMA layer attached
 * at probe, or one from the core.
 */
static struct iommu_domain *paging_domain(struct ptf_drv_domain *pd,
					  const struct ptf_pt_config *cfg)
{
	struct iommu_domain *domain = NULL;
	phys_addr_t phys;

	if (ptf_driver.dma_domain)
		domain = ptf_driver.dma_domain(pd->master);
	if (domain)
		return domain;
	domain = iommu_paging_domain_alloc_flags(pd->master, 0);
	if (IS_ERR(domain))
		return domain;
	if (cfg->quirks & PTF_DRV_QUERY_BEFORE_ATTACH) {
		phys = iommu_iova_to_phys(domain, 0);
		WARN(phys, "iova_to_phys() of an empty, unattached domain: %pa",
		     &phys);
	}
	if (ptf_iommu_attach_device(domain, pd->master, core_domain(pd))) {
		iommu_domain_free(domain);
		return NULL;
	}
	return domain;
}

static void *ptf_create(const struct ptf_pt_config *cfg,
			struct ptf_pt_info *info)
{
	struct ptf_drv_domain *pd = &the;
	struct ptf_machine m = { 0 };
	struct iommu_domain *domain;

	memset(pd, 0, sizeof(*pd));
	ptf_iommu_core_reset();
	ptf_rcu_reset();
	ptf_devices_reset();
	ptf_iommu_devices_reset();
	ptf_rt_dma_debug(1);
	if (cfg->fmt != PTF_FMT_DRIVER || ptf_driver.describe(cfg, &m) ||
	    ptf_driver.init())
		goto fail;
	/* Boot goes on to the late initcalls. */
	ptf_clk_disable_unused();
	pd->oas = ptf_driver.oas(cfg);
	if (probe_master(pd, &m))
		goto fail;
	/* The master's driver starts using it: its IOMMU powers up. */
	if (pm_runtime_get_sync(pd->master) < 0) {
		pm_runtime_put_noidle(pd->master);
		goto fail;
	}
	pd->powered = true;
	if (attach_default_domain(pd))
		goto fail;
	domain = paging_domain(pd, cfg);
	if (IS_ERR_OR_NULL(domain))
		goto fail;
	pd->domain = domain;
	install_ops(pd);
	iommu_iotlb_gather_init(&pd->pending);
	if (ptf_driver.attached)
		ptf_driver.attached(cfg);
	if (ptf_driver.soft_walk_ops)
		ptf_count_soft_walks(ptf_driver.soft_walk_ops(domain),
				     &pd->stats.soft_walks);
	ptf_info(pd, info);
	return pd;
fail:
	teardown(pd);
	return NULL;
}

static void ptf_destroy(void *dom)
{
	teardown(dom);
}

static ptf_u64 ptf_records(void *dom, ptf_u64 lo, ptf_u64 hi,
			   struct ptf_record *out, ptf_u64 max)
{
	struct ptf_drv_domain *pd = dom;

	if (!ptf_driver.records)
		return PTF_NO_RECORDS;
	return ptf_driver.records(pd->domain, lo, hi, out, max);
}

const struct ptf_twin_ops ptf_twin_driver = {
	PTF_TWIN_CORE_OPS,
	.create			= ptf_create,
	.destroy		= ptf_destroy,
	.info			= ptf_info,
	.records		= ptf_records,
};
