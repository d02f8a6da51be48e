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
#include <linux/bitmap.h>
#include <linux/clk.h>
#include <linux/component.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mfd/syscon.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/reset.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sys_soc.h>

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
	bool bound;			/* its probe succeeded */
	u64 dma_mask;
};

struct ptf_master {
	struct pci_dev pci;		/* only its struct device, if not PCI */
	struct device_node node;	/* a platform master's "iommus" */
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
static unsigned int nr_irqs;	/* request_irq()'s, below */
static unsigned int next_irq;

static void components_reset(void);
static void soc_reset(void);
static void syscons_reset(void);

void ptf_devices_reset(void)
{
	memset(pdevs, 0, sizeof(pdevs));
	memset(masters, 0, sizeof(masters));
	memset(maps, 0, sizeof(maps));
	components_reset();
	soc_reset();
	syscons_reset();
	nr_pdevs = nr_masters = nr_maps = nr_irqs = 0;
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

void ptf_device_init(struct device *dev, const char *name, u64 *dma_mask)
{
	init_device(dev, name, dma_mask);
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
	memcpy(p->node.u32s, d->u32s, sizeof(p->node.u32s));
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
	p->pdev.dev.bus = &platform_bus_type;
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
	init_device(&m->pci.dev, name, &m->dma_mask);
	m->node.name = m->node.full_name = name;
	m->pci.dev.of_node = &m->node;
	m->pci.dev.fwnode = &m->node.fwnode;
	pm_runtime_enable(&m->pci.dev);
	return &m->pci.dev;
}

/* A PCI function: found through its bus, with no device-tree node. */
struct pci_dev *ptf_pci_master_add(const char *name, struct pci_bus *bus,
				   unsigned int devfn, void *sysdata)
{
	struct pci_dev *pdev = to_pci_dev(ptf_master_add(name));

	pdev->dev.of_node = NULL;
	pdev->dev.fwnode = NULL;
	pdev->dev.bus = &pci_bus_type;
	pdev->bus = bus;
	pdev->devfn = devfn;
	pdev->sysdata = sysdata;
	/* PCI functions are 64-bit DMA masters. */
	*pdev->dev.dma_mask = pdev->dev.coherent_dma_mask = DMA_BIT_MASK(64);
	return pdev;
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

void ptf_devres_release_all(struct device *dev)
{
	devres_release_all(dev);
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

unsigned long *devm_bitmap_zalloc(struct device *dev, unsigned int nbits,
				  gfp_t flags)
{
	return devm_kcalloc(dev, BITS_TO_LONGS(nbits), sizeof(unsigned long),
			    flags);
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
	    p->pdev.dev.power.runtime_status == RPM_SUSPENDED)
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

bool of_property_read_bool(const struct device_node *np, const char *name)
{
	for (unsigned int i = 0; np && i < PTF_OF_MAX_PROPS && np->props[i]; i++)
		if (!strcmp(np->props[i], name))
			return true;
	return false;
}

int of_property_read_u32(const struct device_node *np, const char *name,
			 u32 *value)
{
	for (unsigned int i = 0; np && i < PTF_OF_MAX_PROPS && np->u32s[i].name; i++)
		if (!strcmp(np->u32s[i].name, name)) {
			*value = np->u32s[i].value;
			return 0;
		}
	return -EINVAL;
}

void ptf_of_add_ref(struct device_node *np, const char *prop,
		    const struct of_phandle_args *spec)
{
	for (unsigned int i = 0; i < PTF_OF_MAX_REFS; i++)
		if (!np->phandles[i].prop) {
			np->phandles[i] = (struct ptf_of_ref){ prop, *spec };
			return;
		}
	ptf_rt_fatal("harness", "more than %d phandles in %s", PTF_OF_MAX_REFS,
		     np->name);
}

/*
 * A phandle list as its cells: a phandle (its node in @node[i]) followed
 * by the cells its entry was written with.  The number of cells.
 */
#define MAX_CELLS	(PTF_OF_MAX_REFS * (1 + MAX_PHANDLE_ARGS))
static int cells_of(const struct device_node *np, const char *prop,
		    struct device_node **node, u32 *val)
{
	int n = 0;

	for (unsigned int i = 0; np && i < PTF_OF_MAX_REFS && np->phandles[i].prop; i++) {
		const struct of_phandle_args *spec = &np->phandles[i].spec;

		if (strcmp(np->phandles[i].prop, prop))
			continue;
		node[n] = spec->np;
		val[n++] = 0;
		for (int a = 0; a < spec->args_count; a++, n++) {
			node[n] = NULL;
			val[n] = spec->args[a];
		}
	}
	return n;
}

int of_property_count_elems_of_size(const struct device_node *np,
				    const char *name, int elem_size)
{
	struct device_node *node[MAX_CELLS];
	u32 val[MAX_CELLS];
	int n = cells_of(np, name, node, val);

	if (!n)
		return -EINVAL;
	return (n * 4) % elem_size ? -EINVAL : n * 4 / elem_size;
}

/*
 * __of_parse_phandle_with_args(): entry @index, each entry a phandle and
 * the node's @cells_name cells (@cell_count without one).  @index < 0
 * counts the entries instead.  A cell read as a phandle that is not one
 * is a phandle no node has.
 */
static int parse_phandles(const struct device_node *np, const char *list,
			  const char *cells_name, int cell_count, int index,
			  struct of_phandle_args *out)
{
	struct device_node *node[MAX_CELLS];
	u32 val[MAX_CELLS];
	int n = cells_of(np, list, node, val), pos = 0, cur = 0;

	if (!n)
		return -ENOENT;
	while (pos < n) {
		u32 count = cell_count;

		if (!node[pos])
			return -EINVAL;
		if (cells_name && of_property_read_u32(node[pos], cells_name, &count))
			return -EINVAL;
		if (pos + 1 + (int)count > n || count > MAX_PHANDLE_ARGS)
			return -EINVAL;
		if (cur == index) {
			out->np = of_node_get(node[pos]);
			out->args_count = count;
			for (u32 a = 0; a < count; a++)
				out->args[a] = val[pos + 1 + a];
			return 0;
		}
		pos += 1 + count;
		cur++;
	}
	return index < 0 ? cur : -ENOENT;
}

int of_parse_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name,
			       int index, struct of_phandle_args *out_args)
{
	if (index < 0)
		return -EINVAL;
	return parse_phandles(np, list_name, cells_name, 0, index, out_args);
}

int of_parse_phandle_with_fixed_args(const struct device_node *np,
				     const char *list_name, int cell_count,
				     int index, struct of_phandle_args *out_args)
{
	if (index < 0)
		return -EINVAL;
	return parse_phandles(np, list_name, NULL, cell_count, index, out_args);
}

int of_count_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name)
{
	struct device_node *node[MAX_CELLS];
	u32 val[MAX_CELLS];

	/* Without a cells property every cell counts as a phandle. */
	if (!cells_name) {
		int n = cells_of(np, list_name, node, val);

		return n ? n : -ENOENT;
	}
	return parse_phandles(np, list_name, cells_name, 0, -1, NULL);
}

struct device_node *of_parse_phandle(const struct device_node *np,
				     const char *phandle_name, int index)
{
	struct of_phandle_args args;

	if (index < 0 || parse_phandles(np, phandle_name, NULL, 0, index, &args))
		return NULL;
	return args.np;
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

static struct device *platform_next(struct device *prev)
{
	struct ptf_pdev *p = prev ? ptf_pdev_of(prev) : NULL;
	unsigned int i = p ? p - pdevs + 1 : 0;

	return i < nr_pdevs ? &pdevs[i].pdev.dev : NULL;
}

const struct bus_type platform_bus_type = {
	.name = "platform", .ptf_next = platform_next,
};

static struct device *pci_next(struct device *prev)
{
	unsigned int i = prev ? container_of(prev, struct ptf_master, pci.dev) -
				masters + 1 : 0;

	for (; i < nr_masters; i++)
		if (masters[i].pci.dev.bus == &pci_bus_type)
			return &masters[i].pci.dev;
	return NULL;
}

const struct bus_type pci_bus_type = { .name = "pci", .ptf_next = pci_next };

/* The first device after @start on @bus that @match accepts, referenced. */
struct device *bus_find_device(const struct bus_type *bus,
			       struct device *start, const void *data,
			       int (*match)(struct device *dev, const void *data))
{
	struct device *dev = start;

	while ((dev = bus->ptf_next(dev)))
		if (match(dev, data))
			return get_device(dev);
	return NULL;
}

static int match_fwnode(struct device *dev, const void *fwnode)
{
	return fwnode && device_match_fwnode(dev, fwnode);
}

struct device *bus_find_device_by_fwnode(const struct bus_type *bus,
					 const struct fwnode_handle *fwnode)
{
	return bus_find_device(bus, NULL, fwnode, match_fwnode);
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

void __iomem *
devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
				       unsigned int index, struct resource **res)
{
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, index);

	if (res)
		*res = r;
	return devm_ioremap_resource(&pdev->dev, r);
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

/* device_links_driver_cleanup(): the links that go with the supplier's driver. */
static void drop_supplier_links(struct device *supplier)
{
	struct device_link *link, *next;

	list_for_each_entry_safe(link, next, &supplier->links_consumer, s_node)
		if (link->flags & DL_FLAG_AUTOREMOVE_SUPPLIER)
			device_link_del(link);
}

static void unbind(struct ptf_pdev *p)
{
	struct device *dev = &p->pdev.dev;

	if (p->drv && p->drv->remove)
		p->drv->remove(&p->pdev);
	devres_release_all(dev);
	drop_supplier_links(dev);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
	p->drv = NULL;
	p->bound = false;
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
			continue;
		}
		p->bound = true;
	}
	return 0;
}

/* The machine's SoC, as its SoC driver registered it. */

static struct soc_device_attribute machine_soc;
static bool have_soc;

static void soc_reset(void)
{
	have_soc = false;
}

void ptf_soc_set(const struct soc_device_attribute *soc)
{
	have_soc = soc;
	if (soc)
		machine_soc = *soc;
}

/* glob_match() of lib/glob.c: '*' any run, '?' any character, no classes. */
static bool glob(const char *pat, const char *str)
{
	if (!*pat)
		return !*str;
	if (*pat == '*')
		return glob(pat + 1, str) || (*str && glob(pat, str + 1));
	return *str && (*pat == '?' || *pat == *str) && glob(pat + 1, str + 1);
}

/* soc_device_match_attr(): a field the entry names must be the SoC's. */
static bool soc_field(const char *pat, const char *val)
{
	return !pat || (val && glob(pat, val));
}

const struct soc_device_attribute *
soc_device_match(const struct soc_device_attribute *matches)
{
	const struct soc_device_attribute *m;
	const struct soc_device_attribute *soc = &machine_soc;

	if (!matches)
		return NULL;
	for (m = matches; m->machine || m->family || m->revision ||
			  m->soc_id || m->serial_number; m++)
		if (have_soc && soc_field(m->machine, soc->machine) &&
		    soc_field(m->family, soc->family) &&
		    soc_field(m->revision, soc->revision) &&
		    soc_field(m->soc_id, soc->soc_id) &&
		    soc_field(m->serial_number, soc->serial_number))
			return m;
	return NULL;
}

int driver_for_each_device(struct device_driver *drv, struct device *start,
			   void *data, int (*fn)(struct device *dev, void *data))
{
	int ret = 0;

	if (start)
		ptf_rt_fatal("harness", "driver_for_each_device() from a device");
	for (unsigned int i = 0; !ret && i < nr_pdevs; i++)
		if (pdevs[i].bound && &pdevs[i].drv->driver == drv)
			ret = fn(&pdevs[i].pdev.dev, data);
	return ret;
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

/* Interrupts: requested, and raised when a device model says so. */

struct ptf_irq {
	unsigned int irq;
	void *dev_id;
	irq_handler_t handler, thread_fn;
};

int devm_request_threaded_irq(struct device *dev, unsigned int irq,
			      irq_handler_t handler, irq_handler_t thread_fn,
			      unsigned long irqflags, const char *devname,
			      void *dev_id)
{
	struct ptf_irq *r = devres_add_new(dev, sizeof(*r), GFP_KERNEL, NULL);

	if (!r)
		return -ENOMEM;
	*r = (struct ptf_irq){ irq, dev_id, handler, thread_fn };
	return 0;
}

int devm_request_irq(struct device *dev, unsigned int irq,
		     irq_handler_t handler, unsigned long irqflags,
		     const char *devname, void *dev_id)
{
	return devm_request_threaded_irq(dev, irq, handler, NULL, irqflags,
					 devname, dev_id);
}

/*
 * request_irq() without devres: the driver's remove must free it
 * (checked when the devices go).
 */
#define PTF_MAX_IRQS	8
static struct ptf_irq irqs[PTF_MAX_IRQS];

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev_id)
{
	if (nr_irqs == PTF_MAX_IRQS)
		return -ENOSPC;
	irqs[nr_irqs++] = (struct ptf_irq){ irq, dev_id };
	return 0;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	for (unsigned int i = 0; i < nr_irqs; i++) {
		if (irqs[i].irq == irq && irqs[i].dev_id == dev_id) {
			irqs[i] = irqs[--nr_irqs];
			return NULL;
		}
	}
	WARN(1, "free_irq(%u): not requested", irq);
	return NULL;
}

static void irqs_check_and_reset(void)
{
	for (unsigned int i = 0; i < nr_irqs; i++)
		WARN(1, "interrupt %u requested and never freed", irqs[i].irq);
	nr_irqs = 0;
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

int ptf_irq_raise(struct device *dev, unsigned int irq)
{
	struct devres *dr;
	int ret = -ENOENT;

	list_for_each_entry(dr, &dev->devres, node) {
		struct ptf_irq *r = (struct ptf_irq *)dr->data;

		if (dr->size != sizeof(*r) || dr->release || r->irq != irq)
			continue;
		/* A shared line: every handler runs; one handling it is enough. */
		if (ret < 0)
			ret = IRQ_NONE;
		ret |= (r->handler ? r->handler : r->thread_fn)(irq, r->dev_id);
	}
	return ret;
}

void disable_irq(unsigned int irq)
{
	WARN(1, "disable_irq(%u): drivers never shut down here", irq);
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

			/* Suppliers with runtime PM disabled are ignored. */
			if (ret < 0 && ret != -EACCES) {
				pm_runtime_put_noidle(link->supplier);
				return ret;
			}
			link->rpm_active = true;
		} else {
			/* No longer active when the supplier may suspend. */
			link->rpm_active = false;
			pm_runtime_put(link->supplier);
		}
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
	/* The callback powers the device up: it may touch its registers. */
	dev->power.runtime_status = RPM_RESUMING;
	if (!ret)
		ret = rpm_callback(dev, true);
	if (ret) {
		dev->power.runtime_status = RPM_SUSPENDED;
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
	dev->power.runtime_status = RPM_SUSPENDING;
	ret = rpm_callback(dev, false);
	if (ret) {
		dev->power.runtime_status = RPM_ACTIVE;
		return ret;
	}
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

/* Components (drivers/base/component.c) ----------------------------------------- */

#define MAX_COMPONENTS	8
#define MAX_AGGREGATES	2

struct component_match {
	unsigned int nr;
	struct {
		int (*compare)(struct device *dev, void *data);
		void (*release)(struct device *dev, void *data);
		void *data;
		struct ptf_component *c;	/* matched while assembled */
	} m[MAX_COMPONENTS];
};

struct ptf_component {
	struct device *dev;
	const struct component_ops *ops;
	struct ptf_aggregate *adev;	/* the aggregate it belongs to */
	bool bound;
};

struct ptf_aggregate {
	struct device *parent;
	const struct component_master_ops *ops;
	struct component_match *match;
	bool bound;
};

static struct ptf_component components[MAX_COMPONENTS];
static struct ptf_aggregate aggregates[MAX_AGGREGATES];

static void components_reset(void)
{
	memset(components, 0, sizeof(components));
	memset(aggregates, 0, sizeof(aggregates));
}

static struct ptf_aggregate *aggregate_of(struct device *parent,
					  const struct component_master_ops *ops)
{
	for (unsigned int i = 0; i < MAX_AGGREGATES; i++)
		if (aggregates[i].parent == parent &&
		    (!ops || aggregates[i].ops == ops))
			return &aggregates[i];
	return NULL;
}

static void release_match(struct device *parent, void *data)
{
	struct component_match *match = *(struct component_match **)data;

	for (unsigned int i = 0; i < match->nr; i++)
		if (match->m[i].release)
			match->m[i].release(parent, match->m[i].data);
	kfree(match);
}

/* The match is the parent's managed resource, as the kernel's. */
void component_match_add_release(struct device *parent,
				 struct component_match **matchptr,
				 void (*release)(struct device *, void *),
				 int (*compare)(struct device *, void *),
				 void *compare_data)
{
	struct component_match *match = *matchptr;

	if (IS_ERR(match))
		return;
	if (!match) {
		struct component_match **slot;

		match = kzalloc(sizeof(*match), GFP_KERNEL);
		slot = match ? devres_add_new(parent, sizeof(*slot), GFP_KERNEL,
					      release_match) : NULL;
		if (!slot) {
			kfree(match);
			*matchptr = ERR_PTR(-ENOMEM);
			return;
		}
		*slot = match;
		*matchptr = match;
	}
	if (match->nr == MAX_COMPONENTS)
		ptf_rt_fatal("harness", "more than %d components", MAX_COMPONENTS);
	match->m[match->nr].compare = compare;
	match->m[match->nr].release = release;
	match->m[match->nr++].data = compare_data;
}

int component_compare_of(struct device *dev, void *data)
{
	return dev->of_node == data;
}

void component_release_of(struct device *dev, void *data)
{
	of_node_put(data);
}

int component_compare_dev(struct device *dev, void *data)
{
	return dev == data;
}

static struct ptf_component *free_component_for(struct ptf_aggregate *adev,
						unsigned int i)
{
	for (unsigned int c = 0; c < MAX_COMPONENTS; c++) {
		struct ptf_component *comp = &components[c];

		if (comp->dev && (!comp->adev || comp->adev == adev) &&
		    adev->match->m[i].compare(comp->dev, adev->match->m[i].data))
			return comp;
	}
	return NULL;
}

/* try_to_bring_up_aggregate_device(): bind once every component is there. */
static int bring_up(struct ptf_aggregate *adev)
{
	struct component_match *match = adev->match;
	int ret;

	if (adev->bound)
		return 0;
	for (unsigned int i = 0; i < match->nr; i++)
		if (!free_component_for(adev, i))
			return 0;
	for (unsigned int i = 0; i < match->nr; i++) {
		match->m[i].c = free_component_for(adev, i);
		match->m[i].c->adev = adev;
	}
	ret = adev->ops->bind(adev->parent);
	if (ret) {
		for (unsigned int i = 0; i < match->nr; i++)
			match->m[i].c->adev = NULL;
		return ret;
	}
	adev->bound = true;
	return 0;
}

static void take_down(struct ptf_aggregate *adev)
{
	if (!adev->bound)
		return;
	adev->ops->unbind(adev->parent);
	adev->bound = false;
	for (unsigned int i = 0; i < adev->match->nr; i++) {
		WARN(adev->match->m[i].c->bound,
		     "%s: component %s still bound after the aggregate's unbind",
		     dev_name(adev->parent), dev_name(adev->match->m[i].c->dev));
		adev->match->m[i].c->adev = NULL;
	}
}

int component_master_add_with_match(struct device *parent,
				    const struct component_master_ops *ops,
				    struct component_match *match)
{
	struct ptf_aggregate *adev = aggregate_of(NULL, NULL);
	int ret;

	if (IS_ERR_OR_NULL(match))
		return match ? PTR_ERR(match) : -EINVAL;
	if (!adev)
		ptf_rt_fatal("harness", "more than %d aggregate devices",
			     MAX_AGGREGATES);
	*adev = (struct ptf_aggregate){ parent, ops, match };
	ret = bring_up(adev);
	if (ret < 0)
		*adev = (struct ptf_aggregate){ 0 };
	return ret < 0 ? ret : 0;
}

void component_master_del(struct device *parent,
			  const struct component_master_ops *ops)
{
	struct ptf_aggregate *adev = aggregate_of(parent, ops);

	if (WARN(!adev, "component_master_del(%s): not an aggregate device",
		 dev_name(parent)))
		return;
	take_down(adev);
	*adev = (struct ptf_aggregate){ 0 };
}

int component_bind_all(struct device *parent, void *data)
{
	struct ptf_aggregate *adev = aggregate_of(parent, NULL);
	struct component_match *match = adev ? adev->match : NULL;
	int ret = 0;
	unsigned int i;

	if (WARN(!match, "component_bind_all(%s): not an aggregate device",
		 dev_name(parent)))
		return -EINVAL;
	for (i = 0; i < match->nr && !ret; i++) {
		struct ptf_component *c = match->m[i].c;

		ret = c->ops->bind(c->dev, parent, data);
		c->bound = !ret;
	}
	if (ret)
		component_unbind_all(parent, data);
	return ret;
}

void component_unbind_all(struct device *parent, void *data)
{
	struct ptf_aggregate *adev = aggregate_of(parent, NULL);

	for (unsigned int i = adev ? adev->match->nr : 0; i-- > 0;) {
		struct ptf_component *c = adev->match->m[i].c;

		if (c->bound && c->ops->unbind)
			c->ops->unbind(c->dev, parent, data);
		c->bound = false;
	}
}

int component_add(struct device *dev, const struct component_ops *ops)
{
	struct ptf_component *c = NULL;

	for (unsigned int i = 0; i < MAX_COMPONENTS && !c; i++)
		if (!components[i].dev)
			c = &components[i];
	if (!c)
		ptf_rt_fatal("harness", "more than %d components", MAX_COMPONENTS);
	*c = (struct ptf_component){ .dev = dev, .ops = ops };
	for (unsigned int i = 0; i < MAX_AGGREGATES; i++) {
		int ret = aggregates[i].parent ? bring_up(&aggregates[i]) : 0;

		if (ret < 0) {
			*c = (struct ptf_component){ 0 };
			return ret;
		}
	}
	return 0;
}

void component_del(struct device *dev, const struct component_ops *ops)
{
	for (unsigned int i = 0; i < MAX_COMPONENTS; i++) {
		struct ptf_component *c = &components[i];

		if (c->dev != dev || c->ops != ops)
			continue;
		if (c->adev)
			take_down(c->adev);
		*c = (struct ptf_component){ 0 };
		return;
	}
	WARN(1, "component_del(%s): not a component", dev_name(dev));
}

static void check_components(void)
{
	for (unsigned int i = 0; i < MAX_COMPONENTS; i++)
		WARN(components[i].dev, "component %s left registered",
		     dev_name(components[i].dev));
	for (unsigned int i = 0; i < MAX_AGGREGATES; i++)
		WARN(aggregates[i].parent, "aggregate device %s left registered",
		     dev_name(aggregates[i].parent));
}

/* Syscons (drivers/mfd/syscon.c) ---------------------------------------------- */

#define MAX_SYSCONS	2

static struct ptf_syscon {
	struct device_node *np;
	struct regmap map;
} syscons[MAX_SYSCONS];

static void syscons_reset(void)
{
	memset(syscons, 0, sizeof(syscons));
}

/* of_syscon_register() on first use: the node's first register window. */
struct regmap *syscon_node_to_regmap(struct device_node *np)
{
	const struct resource *res;
	struct ptf_syscon *s = NULL;

	for (unsigned int i = 0; i < MAX_SYSCONS; i++) {
		if (syscons[i].np == np && np)
			return &syscons[i].map;
		if (!syscons[i].np && !s)
			s = &syscons[i];
	}
	res = np && np->pdev ? platform_get_resource(np->pdev, IORESOURCE_MEM, 0) :
			       NULL;
	if (!res)
		return ERR_PTR(-EINVAL);
	if (!s)
		ptf_rt_fatal("harness", "more than %d syscons", MAX_SYSCONS);
	s->np = np;
	s->map.base = ioremap(res->start, resource_size(res));
	return &s->map;
}

struct regmap *syscon_regmap_lookup_by_phandle(struct device_node *np,
					       const char *property)
{
	struct device_node *syscon_np = np;
	struct regmap *map;

	if (property)
		syscon_np = of_parse_phandle(np, property, 0);
	if (!syscon_np)
		return ERR_PTR(-ENODEV);
	map = syscon_node_to_regmap(syscon_np);
	if (property)
		of_node_put(syscon_np);
	return map;
}

struct regmap *syscon_regmap_lookup_by_phandle_args(struct device_node *np,
						    const char *property,
						    int arg_count,
						    unsigned int *out_args)
{
	struct of_phandle_args args;
	struct regmap *map;
	int ret;

	ret = of_parse_phandle_with_fixed_args(np, property, arg_count, 0, &args);
	if (ret)
		return ERR_PTR(ret);
	map = syscon_node_to_regmap(args.np);
	of_node_put(args.np);
	if (IS_ERR(map))
		return map;
	for (int i = 0; i < arg_count; i++)
		out_args[i] = args.args[i];
	return map;
}

struct regmap *syscon_regmap_lookup_by_compatible(const char *s)
{
	for (unsigned int i = 0; i < nr_pdevs; i++)
		if (of_device_is_compatible(&pdevs[i].node, s))
			return syscon_node_to_regmap(&pdevs[i].node);
	return ERR_PTR(-ENODEV);
}

/* Teardown -------------------------------------------------------------------- */

/*
 * Links a device still has when it goes, but those to a supplier whose
 * driver takes them with it (DL_FLAG_AUTOREMOVE_SUPPLIER: they go when
 * the supplier unbinds, and the kernel purges them with the consumer).
 */
static bool links_left(struct device *dev)
{
	struct device_link *link;

	list_for_each_entry(link, &dev->links_supplier, c_node)
		if (!(link->flags & DL_FLAG_AUTOREMOVE_SUPPLIER))
			return true;
	return !list_empty(&dev->links_consumer);
}

/* Its name is in the WARNs known findings are told by (fuzzers/engine/known.c). */
static void check_released(struct device *dev)
{
	unsigned long maps = ptf_rt_dma_mappings(dev);

	WARN(maps, "DMA-API: %s released with %lu DMA mappings left",
	     dev_name(dev), maps);
	WARN(links_left(dev), "%s released with device links left",
	     dev_name(dev));
	WARN(dev->refs != 1, "%s released with %d references taken and not put",
	     dev_name(dev), dev->refs - 1);
	WARN(dev->power.usage_count, "%s released with runtime PM usage count %d",
	     dev_name(dev), dev->power.usage_count);
}

void ptf_device_check_released(struct device *dev)
{
	check_released(dev);
}

void ptf_devices_remove_all(void)
{
	for (unsigned int i = 0; i < nr_masters; i++) {
		check_released(&masters[i].pci.dev);
		WARN(masters[i].node.refs, "node %s released with %d references",
		     masters[i].node.name, masters[i].node.refs);
	}
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
	check_components();
	irqs_check_and_reset();
	ptf_devices_reset();
}
