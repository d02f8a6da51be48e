// SPDX-License-Identifier: GPL-2.0
/*
 * The driver core an IOMMU driver runs on, written for the harness against
 * the stand-in headers: a device tree of the nodes glue code describes
 * (ptf-devices.h), a platform bus that probes them when their driver
 * registers, managed resources, device links, runtime PM, clocks, resets,
 * and register windows whose accesses go to the target's hardware model.
 *
 * Each piece checks its contract instead of assuming it: clock and
 * runtime PM counts WARN where the kernel's do, register access to a
 * device that is unclocked, in reset or runtime-suspended is a finding
 * (the bus would hang), and removing the devices finds what a driver left
 * behind (DMA mappings, links, references, running clocks).
 *
 * Built into each driver twin; the state is per twin (the symbols are
 * renamed apart) and is forgotten by ptf_devices_reset() before each input.
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/reset.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ptf-devices.h"

#define MAX_PDEVS	8
#define MAX_MASTERS	4
#define MAX_MAPS	32
#define IRQ_BASE	32	/* interrupt numbers handed out */

struct ptf_pdev {
	struct platform_device pdev;
	struct device_node node;
	struct resource res[PTF_DEV_MAX_MMIO + 4];
	struct clk clks[PTF_DEV_MAX_CLKS];
	unsigned int nr_clks;
	struct reset_control resets[PTF_DEV_MAX_RESETS];
	unsigned int nr_resets;
	struct platform_driver *drv;	/* bound to */
	u64 dma_mask;
};

struct ptf_master {
	struct device dev;
	u64 dma_mask;
};

struct ptf_map {
	const volatile u8 __iomem *cookie;
	u64 phys, size;
	struct ptf_pdev *owner;		/* NULL: no device claims it */
};

struct devres {
	struct list_head node;
	void (*release)(struct device *dev, void *data);
	size_t size;
	u8 data[];	/* 16-byte aligned, as kmalloc() objects are */
};
static_assert(offsetof(struct devres, data) % 16 == 0);

static struct ptf_pdev pdevs[MAX_PDEVS];
static unsigned int nr_pdevs;
static struct ptf_master masters[MAX_MASTERS];
static unsigned int nr_masters;
static struct ptf_map maps[MAX_MAPS];
static unsigned int nr_maps;
static unsigned int next_irq;

void ptf_devices_reset(void)
{
	memset(pdevs, 0, sizeof(pdevs));
	memset(masters, 0, sizeof(masters));
	memset(maps, 0, sizeof(maps));
	nr_pdevs = nr_masters = nr_maps = 0;
	next_irq = IRQ_BASE;
}

static struct ptf_pdev *ptf_pdev_of(const struct device *dev)
{
	for (unsigned int i = 0; i < nr_pdevs; i++)
		if (&pdevs[i].pdev.dev == dev)
			return &pdevs[i];
	return NULL;
}

static void init_device(struct device *dev, const char *name, u64 *dma_mask)
{
	dev->init_name = name;
	dev->numa_node = NUMA_NO_NODE;
	INIT_LIST_HEAD(&dev->devres);
	INIT_LIST_HEAD(&dev->links_supplier);
	INIT_LIST_HEAD(&dev->links_consumer);
	dev->refs = 1;			/* the bus's own */
	/* As of_dma_configure() leaves a platform device: 32 bits. */
	*dma_mask = DMA_BIT_MASK(32);
	dev->dma_mask = dma_mask;
	dev->coherent_dma_mask = DMA_BIT_MASK(32);
	dev->power.disable_depth = 1;
	dev->power.runtime_status = RPM_SUSPENDED;
}

struct platform_device *ptf_device_add(const struct ptf_dev_desc *d)
{
	struct ptf_pdev *p;
	unsigned int r = 0;

	if (nr_pdevs == MAX_PDEVS)
		ptf_rt_fatal("harness", "more than %d platform devices", MAX_PDEVS);
	p = &pdevs[nr_pdevs++];
	p->node.name = p->node.full_name = d->name;
	p->node.compatible = d->compatible;
	memcpy(p->node.props, d->props, sizeof(p->node.props));
	p->node.pdev = &p->pdev;
	for (unsigned int i = 0; i < d->nr_mmio; i++, r++)
		p->res[r] = (struct resource){
			.start = d->mmio[i], .end = d->mmio[i] + d->mmio_size - 1,
			.flags = IORESOURCE_MEM, .name = d->name,
		};
	for (unsigned int i = 0; i < d->nr_irqs; i++, r++)
		p->res[r] = (struct resource){
			.start = next_irq, .end = next_irq,
			.flags = IORESOURCE_IRQ, .name = d->name,
		}, next_irq++;
	for (; p->nr_clks < PTF_DEV_MAX_CLKS && d->clocks[p->nr_clks]; p->nr_clks++) {
		p->clks[p->nr_clks].name = d->clocks[p->nr_clks];
		p->clks[p->nr_clks].boot_on = d->clocks_on_at_boot;
	}
	for (; p->nr_resets < PTF_DEV_MAX_RESETS && d->resets[p->nr_resets];
	     p->nr_resets++)
		p->resets[p->nr_resets] = (struct reset_control){
			.name = d->resets[p->nr_resets], .asserted = true,
		};
	p->pdev.name = d->name;
	p->pdev.id = -1;
	p->pdev.num_resources = r;
	p->pdev.resource = p->res;
	init_device(&p->pdev.dev, d->name, &p->dma_mask);
	p->pdev.dev.of_node = &p->node;
	p->pdev.dev.fwnode = &p->node.fwnode;
	return &p->pdev;
}

struct device *ptf_master_add(const char *name)
{
	struct ptf_master *m;

	if (nr_masters == MAX_MASTERS)
		ptf_rt_fatal("harness", "more than %d masters", MAX_MASTERS);
	m = &masters[nr_masters++];
	init_device(&m->dev, name, &m->dma_mask);
	pm_runtime_enable(&m->dev);
	return &m->dev;
}

/* References ------------------------------------------------------------- */

struct device *get_device(struct device *dev)
{
	if (dev)
		dev->refs++;
	return dev;
}

void put_device(struct device *dev)
{
	if (dev)
		WARN(--dev->refs < 1, "put_device(%s): more puts than gets",
		     dev_name(dev));
}

struct device_node *of_node_get(struct device_node *node)
{
	if (node)
		node->refs++;
	return node;
}

void of_node_put(struct device_node *node)
{
	if (node)
		WARN(--node->refs < 0, "of_node_put(%s): more puts than gets",
		     node->name);
}

/* Managed resources ---------------------------------------------------------- */

static void *devres_add_new(struct device *dev, size_t size, gfp_t gfp,
			    void (*release)(struct device *, void *))
{
	struct devres *dr = kmalloc(sizeof(*dr) + size, gfp);

	if (!dr)
		return NULL;
	dr->release = release;
	dr->size = size;
	if (gfp & __GFP_ZERO)
		memset(dr->data, 0, size);
	list_add(&dr->node, &dev->devres);
	return dr->data;
}

static void devres_release_all(struct device *dev)
{
	struct devres *dr, *next;

	list_for_each_entry_safe(dr, next, &dev->devres, node) {
		list_del(&dr->node);
		if (dr->release)
			dr->release(dev, dr->data);
		kfree(dr);
	}
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devres_add_new(dev, size, gfp, NULL);
}

void devm_kfree(struct device *dev, const void *p)
{
	struct devres *dr;

	list_for_each_entry(dr, &dev->devres, node) {
		if (dr->data == p) {
			list_del(&dr->node);
			kfree(dr);
			return;
		}
	}
	WARN(1, "devm_kfree(%s): not a managed allocation", dev_name(dev));
}

struct ptf_action {
	void (*action)(void *);
	void *data;
};

static void release_action(struct device *dev, void *data)
{
	struct ptf_action *a = data;

	a->action(a->data);
}

int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	struct ptf_action *a = devres_add_new(dev, sizeof(*a), GFP_KERNEL,
					      release_action);

	if (!a)
		return -ENOMEM;
	*a = (struct ptf_action){ action, data };
	return 0;
}

int devm_add_action_or_reset(struct device *dev, void (*action)(void *),
			     void *data)
{
	int ret = devm_add_action(dev, action, data);

	if (ret)
		action(data);
	return ret;
}

/* Register windows --------------------------------------------------------- */

static struct ptf_pdev *owner_of(u64 phys)
{
	for (unsigned int i = 0; i < nr_pdevs; i++)
		for (unsigned int r = 0; r < pdevs[i].pdev.num_resources; r++) {
			const struct resource *res = &pdevs[i].res[r];

			if (resource_type(res) == IORESOURCE_MEM &&
			    phys >= res->start && phys <= res->end)
				return &pdevs[i];
		}
	return NULL;
}

void __iomem *ioremap(phys_addr_t offset, size_t size)
{
	struct ptf_map *m;

	if (nr_maps == MAX_MAPS)
		ptf_rt_fatal("harness", "more than %d register windows", MAX_MAPS);
	m = &maps[nr_maps++];
	*m = (struct ptf_map){
		.cookie = ptf_rt_ioremap(offset, size),
		.phys = offset, .size = size, .owner = owner_of(offset),
	};
	return (void __iomem *)m->cookie;
}

void iounmap(volatile void __iomem *addr)
{
	for (unsigned int i = 0; i < nr_maps; i++) {
		if (maps[i].cookie == addr) {
			maps[i].cookie = NULL;
			return;
		}
	}
	WARN(1, "iounmap(%p): not mapped", addr);
}

static void release_ioremap(struct device *dev, void *data)
{
	iounmap(*(void __iomem **)data);
}

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size)
{
	void __iomem **slot = devres_add_new(dev, sizeof(*slot), GFP_KERNEL,
					     release_ioremap);

	if (!slot)
		return NULL;
	*slot = ioremap(offset, size);
	return *slot;
}

void __iomem *devm_ioremap_resource(struct device *dev,
				    const struct resource *res)
{
	void __iomem *base;

	if (!res || resource_type(res) != IORESOURCE_MEM)
		return IOMEM_ERR_PTR(-EINVAL);
	base = devm_ioremap(dev, res->start, resource_size(res));
	return base ? base : IOMEM_ERR_PTR(-ENOMEM);
}

/* Why @p cannot answer a register access now (@what names it), or NULL. */
static const char *power_problem(const struct ptf_pdev *p, const char **what)
{
	for (unsigned int i = 0; i < p->nr_resets; i++)
		if (p->resets[i].asserted) {
			*what = p->resets[i].name;
			return "held in reset";
		}
	for (unsigned int i = 0; i < p->nr_clks; i++)
		if (p->clks[i].enable_count <= 0 && !p->clks[i].boot_on) {
			*what = p->clks[i].name;
			return "unclocked: clock off";
		}
	*what = "runtime PM";
	if (!p->pdev.dev.power.disable_depth &&
	    p->pdev.dev.power.runtime_status != RPM_ACTIVE)
		return "powered down: runtime-suspended";
	return NULL;
}

/* The physical register behind @addr; the device must be able to answer. */
static u64 register_of(const volatile void __iomem *addr, const char *op)
{
	const volatile u8 __iomem *a = addr;

	for (unsigned int i = 0; i < nr_maps; i++) {
		const struct ptf_map *m = &maps[i];
		const char *why, *what;

		if (!m->cookie || a < m->cookie || a >= m->cookie + m->size)
			continue;
		why = m->owner ? power_problem(m->owner, &what) : NULL;
		if (why)
			ptf_rt_fatal("register access to a device that cannot answer",
				     "%s at 0x%llx of %s, which is %s (%s)", op,
				     (unsigned long long)(m->phys + (a - m->cookie)),
				     m->owner->pdev.name, why, what);
		return m->phys + (a - m->cookie);
	}
	ptf_rt_fatal("memory", "%s(%p): not a mapped register window", op, addr);
}

u32 ptf_mmio_read(const volatile void __iomem *addr, int bytes)
{
	return ptf_rt_mmio_read(register_of(addr, "read"), bytes);
}

void ptf_mmio_write(volatile void __iomem *addr, u32 val, int bytes)
{
	ptf_rt_mmio_write(register_of(addr, "write"), val, bytes);
}

/* Device tree and platform bus ------------------------------------------------ */

bool of_device_is_compatible(const struct device_node *node,
			     const char *compat)
{
	return node && node->compatible && compat &&
	       !strcmp(node->compatible, compat);
}

bool of_device_is_available(const struct device_node *node)
{
	return node != NULL;
}

const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node)
{
	for (; matches && matches->compatible[0]; matches++)
		if (of_device_is_compatible(node, matches->compatible))
			return matches;
	return NULL;
}

struct device_node *of_find_matching_node(struct device_node *from,
					  const struct of_device_id *matches)
{
	unsigned int i = 0;

	if (from) {
		while (i < nr_pdevs && &pdevs[i].node != from)
			i++;
		i++;
		of_node_put(from);
	}
	for (; i < nr_pdevs; i++)
		if (of_match_node(matches, &pdevs[i].node))
			return of_node_get(&pdevs[i].node);
	return NULL;
}

/* A property "name", or "name=value" for one with a u32 value. */
static const char *find_prop(const struct device_node *np, const char *name)
{
	size_t n = strlen(name);

	for (unsigned int i = 0; np && i < PTF_OF_MAX_PROPS && np->props[i]; i++)
		if (!strncmp(np->props[i], name, n) &&
		    (!np->props[i][n] || np->props[i][n] == '='))
			return np->props[i];
	return NULL;
}

bool of_property_read_bool(const struct device_node *np, const char *name)
{
	return find_prop(np, name);
}

int of_property_read_u32(const struct device_node *np, const char *name,
			 u32 *out)
{
	const char *p = find_prop(np, name);

	if (!p)
		return -EINVAL;
	if (!strchr(p, '='))
		return -ENODATA;	/* present, but empty */
	*out = 0;
	for (p = strchr(p, '=') + 1; *p >= '0' && *p <= '9'; p++)
		*out = *out * 10 + (*p - '0');
	return 0;
}

bool device_property_read_bool(const struct device *dev, const char *name)
{
	return of_property_read_bool(dev->of_node, name);
}

const void *of_device_get_match_data(const struct device *dev)
{
	const struct of_device_id *id;

	if (!dev->driver)
		return NULL;
	id = of_match_node(dev->driver->of_match_table, dev->of_node);
	return id ? id->data : NULL;
}

struct platform_device *of_find_device_by_node(struct device_node *np)
{
	if (!np || !np->pdev)
		return NULL;
	get_device(&np->pdev->dev);
	return np->pdev;
}

const struct bus_type platform_bus_type = { .name = "platform" };

struct device *bus_find_device_by_fwnode(const struct bus_type *bus,
					 const struct fwnode_handle *fwnode)
{
	for (unsigned int i = 0; fwnode && i < nr_pdevs; i++)
		if (pdevs[i].pdev.dev.fwnode == fwnode)
			return get_device(&pdevs[i].pdev.dev);
	return NULL;
}

void platform_device_put(struct platform_device *pdev)
{
	if (pdev)
		put_device(&pdev->dev);
}

struct resource *platform_get_resource(struct platform_device *pdev,
				       unsigned int type, unsigned int num)
{
	for (u32 i = 0; i < pdev->num_resources; i++)
		if (resource_type(&pdev->resource[i]) == type && !num--)
			return &pdev->resource[i];
	return NULL;
}

void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index)
{
	return devm_ioremap_resource(&pdev->dev,
		platform_get_resource(pdev, IORESOURCE_MEM, index));
}

int platform_get_irq(struct platform_device *pdev, unsigned int num)
{
	struct resource *r = platform_get_resource(pdev, IORESOURCE_IRQ, num);

	return r ? (int)r->start : -ENXIO;
}

int platform_irq_count(struct platform_device *pdev)
{
	int n = 0;

	while (platform_get_resource(pdev, IORESOURCE_IRQ, n))
		n++;
	return n;
}

static void unbind(struct ptf_pdev *p)
{
	struct device *dev = &p->pdev.dev;

	if (p->drv && p->drv->remove)
		p->drv->remove(&p->pdev);
	devres_release_all(dev);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
	p->drv = NULL;
}

int platform_driver_register(struct platform_driver *drv)
{
	for (unsigned int i = 0; i < nr_pdevs; i++) {
		struct ptf_pdev *p = &pdevs[i];
		int ret;

		if (p->drv || !of_match_node(drv->driver.of_match_table, &p->node))
			continue;
		p->drv = drv;
		p->pdev.dev.driver = &drv->driver;
		ret = drv->probe(&p->pdev);
		if (ret) {
			/* As really_probe(): the driver's resources go. */
			pr_err("%s: probe failed: %d\n", p->pdev.name, ret);
			devres_release_all(&p->pdev.dev);
			p->pdev.dev.driver = NULL;
			dev_set_drvdata(&p->pdev.dev, NULL);
			p->drv = NULL;
		}
	}
	return 0;
}

void platform_driver_unregister(struct platform_driver *drv)
{
	for (unsigned int i = nr_pdevs; i-- > 0;)
		if (pdevs[i].drv == drv)
			unbind(&pdevs[i]);
}

int __platform_driver_probe(struct platform_driver *drv,
			    int (*probe)(struct platform_device *),
			    struct module *module)
{
	drv->probe = probe;
	return platform_driver_register(drv);
}

/* Interrupts: requested, never raised. */

struct ptf_irq {
	unsigned int irq;
	void *dev_id;
};

int devm_request_threaded_irq(struct device *dev, unsigned int irq,
			      irq_handler_t handler, irq_handler_t thread_fn,
			      unsigned long irqflags, const char *devname,
			      void *dev_id)
{
	struct ptf_irq *r = devres_add_new(dev, sizeof(*r), GFP_KERNEL, NULL);

	if (!r)
		return -ENOMEM;
	*r = (struct ptf_irq){ irq, dev_id };
	return 0;
}

int devm_request_irq(struct device *dev, unsigned int irq,
		     irq_handler_t handler, unsigned long irqflags,
		     const char *devname, void *dev_id)
{
	return devm_request_threaded_irq(dev, irq, handler, NULL, irqflags,
					 devname, dev_id);
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct devres *dr;

	list_for_each_entry(dr, &dev->devres, node) {
		struct ptf_irq *r = (struct ptf_irq *)dr->data;

		if (dr->size == sizeof(*r) && !dr->release && r->irq == irq &&
		    r->dev_id == dev_id) {
			list_del(&dr->node);
			kfree(dr);
			return;
		}
	}
	WARN(1, "devm_free_irq(%u): not requested", irq);
}

/* Clocks ------------------------------------------------------------------- */

static struct clk *find_clk(struct device *dev, const char *id)
{
	struct ptf_pdev *p = ptf_pdev_of(dev);

	for (unsigned int i = 0; p && i < p->nr_clks; i++)
		if (!id || !strcmp(p->clks[i].name, id))
			return &p->clks[i];
	return NULL;
}

struct clk *clk_get(struct device *dev, const char *id)
{
	struct clk *clk = find_clk(dev, id);

	return clk ? clk : ERR_PTR(-ENOENT);
}

void clk_put(struct clk *clk)
{
}

struct clk *devm_clk_get(struct device *dev, const char *id)
{
	return clk_get(dev, id);
}

/* Prepared for the device's lifetime: unprepared when it is removed. */
static void release_clk_prepared(struct device *dev, void *data)
{
	clk_unprepare(*(struct clk **)data);
}

struct clk *devm_clk_get_prepared(struct device *dev, const char *id)
{
	struct clk *clk = clk_get(dev, id), **slot;

	if (IS_ERR(clk))
		return clk;
	slot = devres_add_new(dev, sizeof(*slot), GFP_KERNEL,
			      release_clk_prepared);
	if (!slot)
		return ERR_PTR(-ENOMEM);
	*slot = clk;
	clk_prepare(clk);
	return clk;
}

/*
 * clk_disable_unused(), a late initcall: the clocks the boot loader left
 * running and no driver enabled are turned off.
 */
void ptf_clk_disable_unused(void)
{
	for (unsigned int i = 0; i < nr_pdevs; i++)
		for (unsigned int c = 0; c < pdevs[i].nr_clks; c++)
			pdevs[i].clks[c].boot_on = false;
}

void ptf_clk_fail(struct device *dev, const char *id, int err)
{
	struct clk *clk = find_clk(dev, id);

	if (clk)
		clk->fail_enable = err;
}

struct clk *devm_clk_get_optional(struct device *dev, const char *id)
{
	return find_clk(dev, id);
}

int devm_clk_bulk_get_all(struct device *dev, struct clk_bulk_data **clks)
{
	struct ptf_pdev *p = ptf_pdev_of(dev);
	struct clk_bulk_data *b;

	if (!p || !p->nr_clks)
		return 0;
	b = devm_kcalloc(dev, p->nr_clks, sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	for (unsigned int i = 0; i < p->nr_clks; i++)
		b[i] = (struct clk_bulk_data){ p->clks[i].name, &p->clks[i] };
	*clks = b;
	return p->nr_clks;
}

int devm_clk_bulk_get(struct device *dev, int num_clks,
		      struct clk_bulk_data *clks)
{
	for (int i = 0; i < num_clks; i++) {
		clks[i].clk = clk_get(dev, clks[i].id);
		if (IS_ERR(clks[i].clk))
			return PTR_ERR(clks[i].clk);
	}
	return 0;
}

/* The common clock framework's WARNs (drivers/clk/clk.c). */
int clk_prepare(struct clk *clk)
{
	if (clk)
		clk->prepare_count++;
	return 0;
}

void clk_unprepare(struct clk *clk)
{
	if (!clk)
		return;
	if (WARN(clk->prepare_count == 0, "%s already unprepared", clk->name))
		return;
	WARN(clk->prepare_count == 1 && clk->enable_count,
	     "Unpreparing enabled %s", clk->name);
	clk->prepare_count--;
}

int clk_enable(struct clk *clk)
{
	if (!clk)
		return 0;
	if (WARN(clk->prepare_count == 0, "Enabling unprepared %s", clk->name))
		return -ESHUTDOWN;
	if (clk->fail_enable) {
		ptf_rt_hw_unavailable();
		return clk->fail_enable;
	}
	clk->enable_count++;
	return 0;
}

void clk_disable(struct clk *clk)
{
	if (!clk)
		return;
	if (WARN(clk->enable_count == 0, "%s already disabled", clk->name))
		return;
	clk->enable_count--;
}

unsigned long clk_get_rate(struct clk *clk)
{
	return clk ? 100000000 : 0;
}

int clk_bulk_prepare(int num_clks, const struct clk_bulk_data *clks)
{
	for (int i = 0; i < num_clks; i++)
		clk_prepare(clks[i].clk);
	return 0;
}

void clk_bulk_unprepare(int num_clks, const struct clk_bulk_data *clks)
{
	while (num_clks--)
		clk_unprepare(clks[num_clks].clk);
}

int clk_bulk_enable(int num_clks, const struct clk_bulk_data *clks)
{
	for (int i = 0; i < num_clks; i++) {
		int ret = clk_enable(clks[i].clk);

		if (ret) {
			while (i--)
				clk_disable(clks[i].clk);
			return ret;
		}
	}
	return 0;
}

void clk_bulk_disable(int num_clks, const struct clk_bulk_data *clks)
{
	while (num_clks--)
		clk_disable(clks[num_clks].clk);
}

/* Resets -------------------------------------------------------------------- */

static struct reset_control *find_reset(struct device *dev, const char *id)
{
	struct ptf_pdev *p = ptf_pdev_of(dev);

	for (unsigned int i = 0; p && i < p->nr_resets; i++)
		if (!id || !strcmp(p->resets[i].name, id))
			return &p->resets[i];
	return NULL;
}

struct reset_control *devm_reset_control_get(struct device *dev,
					     const char *id)
{
	struct reset_control *rstc = find_reset(dev, id);

	return rstc ? rstc : ERR_PTR(-ENOENT);
}

struct reset_control *devm_reset_control_get_optional(struct device *dev,
						      const char *id)
{
	return find_reset(dev, id);
}

int reset_control_assert(struct reset_control *rstc)
{
	if (rstc)
		rstc->asserted = true;
	return 0;
}

int reset_control_deassert(struct reset_control *rstc)
{
	if (rstc)
		rstc->asserted = false;
	return 0;
}

int reset_control_reset(struct reset_control *rstc)
{
	return reset_control_deassert(rstc);
}

/* Runtime PM (drivers/base/power/runtime.c, synchronously) ------------------ */

static int rpm_callback(struct device *dev, bool resume)
{
	const struct dev_pm_ops *pm = dev->driver ? dev->driver->pm : NULL;
	int (*cb)(struct device *) = NULL;

	if (pm)
		cb = resume ? pm->runtime_resume : pm->runtime_suspend;
	return cb ? cb(dev) : 0;
}

/* rpm_get_suppliers() / rpm_put_suppliers() */
static int rpm_suppliers(struct device *dev, bool get)
{
	struct device_link *link;

	list_for_each_entry(link, &dev->links_supplier, c_node) {
		if (!(link->flags & DL_FLAG_PM_RUNTIME) || link->rpm_active == get)
			continue;
		if (get) {
			int ret = pm_runtime_get_sync(link->supplier);

			if (ret < 0) {
				pm_runtime_put_noidle(link->supplier);
				return ret;
			}
		} else {
			pm_runtime_put(link->supplier);
		}
		link->rpm_active = get;
	}
	return 0;
}

static int rpm_resume(struct device *dev)
{
	int ret;

	if (dev->power.runtime_status == RPM_ACTIVE)
		return 1;
	if (dev->power.disable_depth)
		return -EACCES;
	ret = rpm_suppliers(dev, true);
	if (!ret)
		ret = rpm_callback(dev, true);
	if (ret) {
		rpm_suppliers(dev, false);
		return ret;
	}
	dev->power.runtime_status = RPM_ACTIVE;
	return 0;
}

static int rpm_suspend(struct device *dev)
{
	struct device_link *link;
	int ret;

	if (dev->power.runtime_status == RPM_SUSPENDED)
		return 1;
	if (dev->power.disable_depth || dev->power.usage_count)
		return -EAGAIN;
	/* A consumer that is active keeps its suppliers up. */
	list_for_each_entry(link, &dev->links_consumer, s_node)
		if (link->rpm_active)
			return -EBUSY;
	ret = rpm_callback(dev, false);
	if (ret)
		return ret;
	dev->power.runtime_status = RPM_SUSPENDED;
	rpm_suppliers(dev, false);
	return 0;
}

void pm_runtime_enable(struct device *dev)
{
	if (WARN(!dev->power.disable_depth, "Unbalanced pm_runtime_enable!"))
		return;
	dev->power.disable_depth--;
}

void pm_runtime_disable(struct device *dev)
{
	dev->power.disable_depth++;
}

int __pm_runtime_resume(struct device *dev, int rpmflags)
{
	if (rpmflags & RPM_GET_PUT)
		dev->power.usage_count++;
	return rpm_resume(dev);
}

static bool usage_put(struct device *dev)
{
	if (WARN(dev->power.usage_count <= 0,
		 "%s: Runtime PM usage count underflow!", dev_name(dev)))
		return false;
	return --dev->power.usage_count == 0;
}

int __pm_runtime_idle(struct device *dev, int rpmflags)
{
	if ((rpmflags & RPM_GET_PUT) && !usage_put(dev))
		return 0;
	return rpm_suspend(dev);
}

int pm_runtime_get_if_active(struct device *dev)
{
	if (dev->power.disable_depth)
		return -EINVAL;
	if (dev->power.runtime_status != RPM_ACTIVE)
		return 0;
	dev->power.usage_count++;
	return 1;
}

int pm_runtime_get_if_in_use(struct device *dev)
{
	if (dev->power.disable_depth)
		return -EINVAL;
	if (dev->power.runtime_status != RPM_ACTIVE || !dev->power.usage_count)
		return 0;
	dev->power.usage_count++;
	return 1;
}

void pm_runtime_get_noresume(struct device *dev)
{
	dev->power.usage_count++;
}

void pm_runtime_put_noidle(struct device *dev)
{
	usage_put(dev);
}

int pm_runtime_set_active(struct device *dev)
{
	dev->power.runtime_status = RPM_ACTIVE;
	return 0;
}

void pm_runtime_set_suspended(struct device *dev)
{
	dev->power.runtime_status = RPM_SUSPENDED;
}

/* System sleep: the harness never suspends the system. */
int pm_runtime_force_suspend(struct device *dev)
{
	WARN(1, "system suspend is not modelled");
	return -ENOSYS;
}

int pm_runtime_force_resume(struct device *dev)
{
	WARN(1, "system resume is not modelled");
	return -ENOSYS;
}

/* Device links --------------------------------------------------------------- */

struct device_link *device_link_add(struct device *consumer,
				    struct device *supplier, u32 flags)
{
	struct device_link *link = kzalloc(sizeof(*link), GFP_KERNEL);

	if (!link)
		return NULL;
	link->consumer = consumer;
	link->supplier = supplier;
	link->flags = flags;
	list_add_tail(&link->c_node, &consumer->links_supplier);
	list_add_tail(&link->s_node, &supplier->links_consumer);
	if ((flags & DL_FLAG_PM_RUNTIME) && (flags & DL_FLAG_RPM_ACTIVE)) {
		pm_runtime_get_sync(supplier);
		link->rpm_active = true;
	}
	return link;
}

void device_link_del(struct device_link *link)
{
	if (!link)
		return;
	if (link->rpm_active)
		pm_runtime_put(link->supplier);
	list_del(&link->c_node);
	list_del(&link->s_node);
	kfree(link);
}

void device_link_remove(void *consumer, struct device *supplier)
{
	struct device_link *link, *next;

	list_for_each_entry_safe(link, next, &supplier->links_consumer, s_node)
		if (link->consumer == consumer)
			device_link_del(link);
}

/* Teardown -------------------------------------------------------------------- */

static void check_released(struct device *dev)
{
	unsigned long maps = ptf_rt_dma_mappings(dev);

	WARN(maps, "DMA-API: %s released with %lu DMA mappings left",
	     dev_name(dev), maps);
	WARN(!list_empty(&dev->links_supplier) ||
	     !list_empty(&dev->links_consumer),
	     "%s released with device links left", dev_name(dev));
	WARN(dev->refs != 1, "%s released with %d references taken and not put",
	     dev_name(dev), dev->refs - 1);
	WARN(dev->power.usage_count, "%s released with runtime PM usage count %d",
	     dev_name(dev), dev->power.usage_count);
}

void ptf_devices_remove_all(void)
{
	for (unsigned int i = 0; i < nr_masters; i++)
		check_released(&masters[i].dev);
	for (unsigned int i = nr_pdevs; i-- > 0;) {
		struct ptf_pdev *p = &pdevs[i];

		unbind(p);
		check_released(&p->pdev.dev);
		WARN(p->node.refs, "node %s released with %d references",
		     p->node.name, p->node.refs);
		for (unsigned int c = 0; c < p->nr_clks; c++)
			WARN(p->clks[c].enable_count,
			     "%s: clock \"%s\" left enabled %d times", p->pdev.name,
			     p->clks[c].name, p->clks[c].enable_count);
	}
	ptf_devices_reset();
}
