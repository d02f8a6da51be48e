// SPDX-License-Identifier: GPL-2.0
/*
 * virtio: virtio-iommu, the paravirtualised IOMMU, driving a virtio-iommu
 * device through its request virtqueue.
 *
 * The driver keeps no page table: each map_pages() call becomes one MAP
 * request and one node of the driver's interval tree, unmap_pages()
 * removes whole nodes and sends UNMAP, lookups read the tree.  The device
 * model below holds the device's own table of mappings, written from the
 * virtio specification's "IOMMU device" section (virtio 1.2, 5.13):
 *
 *   config    le64 page_size_mask; le64 input_range.start, .end;
 *             le32 domain_range.start, .end; le32 probe_size; u8 bypass;
 *             u8 reserved[3]  (offsets 0, 8, 16, 24, 28, 32, 36)
 *   features  INPUT_RANGE 0, DOMAIN_RANGE 1, MAP_UNMAP 2, BYPASS 3,
 *             PROBE 4, MMIO 5, BYPASS_CONFIG 6; VERSION_1 32
 *   requests  head { u8 type; u8 reserved[3] }, the type's fields, then
 *             the device-writable tail { u8 status; u8 reserved[3] }:
 *             ATTACH 1 (le32 domain, endpoint, flags; u8 reserved[4]),
 *             DETACH 2 (le32 domain, endpoint; u8 reserved[8]),
 *             MAP 3 (le32 domain; le64 virt_start, virt_end, phys_start;
 *             le32 flags), UNMAP 4 (le32 domain; le64 virt_start,
 *             virt_end; u8 reserved[4]), PROBE 5 (le32 endpoint;
 *             u8 reserved[64]; device-writable properties[probe_size])
 *   status    OK 0, IOERR 1, UNSUPP 2, DEVERR 3, INVAL 4, RANGE 5,
 *             NOENT 6, FAULT 7, NOMEM 8
 *
 * and its rules: an ATTACH moves an endpoint (a domain with no endpoint
 * left ceases to exist, with its mappings); a MAP over an existing
 * mapping or a reserved region is INVAL, a misaligned one RANGE; an UNMAP
 * that would split a mapping is RANGE and removes nothing, one over
 * nothing is OK; PROBE fills RESV_MEM properties; an endpoint that is not
 * attached is in bypass mode only if config.bypass says so.  What the
 * driver must not do (a notify before DRIVER_OK, a domain outside
 * domain_range, an undefined flag, a config write other than bypass, a
 * feature it was not offered) is a protocol finding.
 *
 * The walker reports the device's mappings for the master's endpoints.
 * The engine compares them with the model (one leaf per mapping), with
 * the driver's own interval tree (the twin's records), and looks every
 * power-of-two block of each mapping up after every op, so that
 * viommu_mapping_block_size() is checked against model_length().  When an
 * endpoint leaves the domain it was attached to at probe (its default,
 * identity domain), that domain must map exactly the input range minus
 * the reserved regions, one to one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "drv_common.h"
#include "runtime.h"

enum {
	F_PGSIZES, F_INPUT, F_DOMAINS, F_BYPASS, F_PROBE, F_MMIO, F_ENDPOINTS,
	F_QUEUE, F_FEATURES, F_CREATE_FAIL, NR_FIELDS
};

/* page_size_mask: as QEMU reports it (~0xfff, the host's sizes), or others. */
static const char *const pgsizes_names[] = {
	"4K", "4K-2M-1G", "~0xfff", "4K-64K", "~0x1ff", "64K", "none",
};
static const uint64_t pgsizes_values[] = {
	0x1000, 0x40201000, ~0xfffULL, 0x11000, ~0x1ffULL, ~0xffffULL, 0,
};

struct range64 {
	bool offered;
	uint64_t start, end;
};

static const char *const input_names[] = {
	"none", "48bit", "39bit", "32bit", "4G-256T", "64bit",
};
static const struct range64 inputs[] = {
	{ false, 0, UINT64_MAX },
	{ true, 0, (1ULL << 48) - 1 },
	{ true, 0, (1ULL << 39) - 1 },
	{ true, 0, 0xffffffffULL },
	{ true, 1ULL << 32, (1ULL << 48) - 1 },
	{ true, 0, UINT64_MAX },
};
static const uint64_t input_values[] = { 0, 1, 2, 3, 4, 5 };

static const char *const domains_names[] = {
	"none", "1-2", "5-9", "7-7",
};
static const struct { bool offered; uint32_t start, end; } domain_ranges[] = {
	{ false, 0, UINT32_MAX }, { true, 1, 2 }, { true, 5, 9 }, { true, 7, 7 },
};
static const uint64_t domains_values[] = { 0, 1, 2, 3 };

/* BYPASS_CONFIG offered, and config.bypass's initial value. */
static const char *const bypass_names[] = { "no", "config", "config-on" };
static const uint64_t bypass_values[] = { 0, 1, 2 };

/* PROBE offered, and the RESV_MEM properties it reports. */
static const char *const probe_names[] = {
	"no", "empty", "msi", "reserved", "both",
};
static const uint64_t probe_values[] = { 0, 1, 2, 3, 4 };

static const char *const mmio_names[] = { "no", "yes" };
static const uint64_t mmio_values[] = { 0, 1 };

/* Endpoint IDs of the master (a multi-function device has several). */
static const char *const endpoints_names[] = { "1", "2" };
static const uint64_t endpoints_values[] = { 1, 2 };

/* Descriptors per queue; a request takes two. */
static const char *const queue_names[] = { "64", "2", "5", "256" };
static const uint64_t queue_values[] = { 64, 2, 5, 256 };

/* What else the device offers: modern, no MAP_UNMAP, or a legacy device. */
static const char *const features_names[] = { "modern", "no-map-unmap", "legacy" };
static const uint64_t features_values[] = { 0, 1, 2 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_PGSIZES]	= { "pgsizes", FIELD(pgsizes_names, pgsizes_values) },
	[F_INPUT]	= { "input", FIELD(input_names, input_values) },
	[F_DOMAINS]	= { "domains", FIELD(domains_names, domains_values) },
	[F_BYPASS]	= { "bypass", FIELD(bypass_names, bypass_values) },
	[F_PROBE]	= { "probe", FIELD(probe_names, probe_values) },
	[F_MMIO]	= { "mmio", FIELD(mmio_names, mmio_values) },
	[F_ENDPOINTS]	= { "endpoints", FIELD(endpoints_names, endpoints_values) },
	[F_QUEUE]	= { "queue", FIELD(queue_names, queue_values) },
	[F_FEATURES]	= { "features", FIELD(features_names, features_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* The device's configuration, packed into ptf_pt_config.variant. */
struct vio_cfg {
	unsigned int input, domains, bypass, probe, mmio, features;
	unsigned int queue;		/* descriptors per queue */
};

#define PACK(v, shift)		((unsigned int)(v) << (shift))
#define UNPACK(v, shift, bits)	(((v) >> (shift)) & ((1u << (bits)) - 1))

static struct vio_cfg cfg_of(const struct target_setup *ts)
{
	unsigned int v = ts->pt.variant;

	return (struct vio_cfg){
		.input = UNPACK(v, 0, 4), .domains = UNPACK(v, 4, 4),
		.bypass = UNPACK(v, 8, 4), .probe = UNPACK(v, 12, 4),
		.mmio = UNPACK(v, 16, 2), .features = UNPACK(v, 18, 2),
		.queue = UNPACK(v, 20, 12),
	};
}

static unsigned int queue_size_of(const struct vio_cfg *c)
{
	return c->queue;
}

/* Reserved regions --------------------------------------------------------- */

#define RESV_T_RESERVED	0
#define RESV_T_MSI	1
#define MAX_RESV	3

struct resv {
	uint8_t subtype;
	uint64_t start, end;
};

/*
 * An MSI doorbell as QEMU's virt machine reports it, the x86 interrupt
 * window as RESERVED, and one that no granule boundary bounds.
 */
static const struct resv resv_msi = { RESV_T_MSI, 0x8000000, 0x80fffff };
static const struct resv resv_x86 = { RESV_T_RESERVED, 0xfee00000, 0xfeefffff };
static const struct resv resv_odd = { RESV_T_RESERVED, 0x40000800, 0x400017ff };

static unsigned int resv_of(const struct vio_cfg *c, struct resv *out)
{
	unsigned int n = 0;

	if (c->probe == 2 || c->probe == 4)
		out[n++] = resv_msi;
	if (c->probe == 3 || c->probe == 4) {
		out[n++] = resv_x86;
		out[n++] = resv_odd;
	}
	return n;
}

/* Setup ---------------------------------------------------------------------- */

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	const struct range64 *in;

	/* Numbers given in a program must name a choice (or a queue size). */
	if (cfg->v[F_INPUT] >= 6 || cfg->v[F_DOMAINS] >= 4 || cfg->v[F_BYPASS] >= 3 ||
	    cfg->v[F_PROBE] >= 5 || cfg->v[F_MMIO] >= 2 || cfg->v[F_FEATURES] >= 3 ||
	    !cfg->v[F_QUEUE] || cfg->v[F_QUEUE] > 1024 || !cfg->v[F_ENDPOINTS] ||
	    cfg->v[F_ENDPOINTS] > 2)
		return false;
	in = &inputs[cfg->v[F_INPUT]];
	unsigned int ias = in->end == UINT64_MAX ? 64 :
			   64 - __builtin_clzll(in->end);

	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = PACK(cfg->v[F_INPUT], 0) | PACK(cfg->v[F_DOMAINS], 4) |
			   PACK(cfg->v[F_BYPASS], 8) | PACK(cfg->v[F_PROBE], 12) |
			   PACK(cfg->v[F_MMIO], 16) | PACK(cfg->v[F_FEATURES], 18) |
			   PACK(cfg->v[F_QUEUE], 20),
		.instances = (unsigned int)cfg->v[F_ENDPOINTS],
		.pgsize_bitmap = cfg->v[F_PGSIZES],
		.ias = ias,
		.oas = 64,
	};
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] = 1ULL << 30;
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

#define VIRTIO_F_VERSION_1	32
#define F_INPUT_RANGE		0
#define F_DOMAIN_RANGE		1
#define F_MAP_UNMAP		2
#define F_PROBE_BIT		4
#define F_MMIO_BIT		5
#define F_BYPASS_CONFIG		6

static uint64_t offered_features(const struct vio_cfg *c)
{
	uint64_t f = 1ULL << F_MAP_UNMAP | 1ULL << VIRTIO_F_VERSION_1;

	if (c->features == 1)
		f &= ~(1ULL << F_MAP_UNMAP);
	if (c->features == 2)
		f &= ~(1ULL << VIRTIO_F_VERSION_1);
	if (inputs[c->input].offered)
		f |= 1ULL << F_INPUT_RANGE;
	if (domain_ranges[c->domains].offered)
		f |= 1ULL << F_DOMAIN_RANGE;
	if (c->probe)
		f |= 1ULL << F_PROBE_BIT;
	if (c->mmio)
		f |= 1ULL << F_MMIO_BIT;
	if (c->bypass)
		f |= 1ULL << F_BYPASS_CONFIG;
	return f;
}

static uint64_t granule_of(const struct target_setup *ts)
{
	return ts->pt.pgsize_bitmap & -ts->pt.pgsize_bitmap;
}

/* The model: what one map_pages() or unmap_pages() call does -------------- */

/*
 * A leaf is a mapping as the device holds it: one MAP request, any
 * granule-aligned range at any granule-aligned PA.  The driver's interval
 * tree is held against the device's table by the records oracle; where
 * the two part (known findings), the model keeps the device's view.  The
 * master's endpoints are attached to the domain under test for every op
 * (common.c), so each MAP and UNMAP is a request, and an allocation.
 */
static struct {
	bool mmio;			/* VIRTIO_IOMMU_F_MMIO offered */
	struct resv resv[MAX_RESV];	/* PROBE's reserved regions */
	unsigned int nr_resv;
	uint64_t in_first, in_last;	/* input_range */
} vm;	/* the model's device: predict() sets it */

/* Whether the device takes a MAP of [iova, last] (else INVAL or RANGE). */
static bool vm_device_maps(const struct model *m, uint64_t iova, uint64_t last)
{
	const struct pt_leaf *live;

	if (iova < vm.in_first || last > vm.in_last)
		return false;				/* RANGE */
	for (unsigned int i = 0; i < vm.nr_resv; i++)
		if (iova <= vm.resv[i].end && last >= vm.resv[i].start)
			return false;			/* INVAL */
	return !model_leaves_in(m, iova, last, &live);	/* INVAL */
}

/*
 * The driver's tree is the device's view plus the mappings it recorded
 * whose MAP the device refused (virtio-map-status-ignored).  The two agree
 * when an op starts (the records oracle ends the run where they part), so
 * the refused ones need keeping for one op only: the core's rollback of a
 * map that fails later unmaps them from the tree, one chunk each.  One
 * record per model (each twin's, and the copies the engine runs ops on).
 */
struct vm_refused {
	const struct model *m;
	size_t nr;
	struct pt_leaf map[MODEL_LEAF_BUDGET];	/* one per chunk at most */
};

#define NR_REFUSED	(2 * PTF_NR_TWINS)
static struct vm_refused vm_refused[NR_REFUSED];

static struct vm_refused *refused_of(const struct model *m)
{
	for (int i = 0; i < NR_REFUSED; i++)
		if (vm_refused[i].m == m)
			return &vm_refused[i];
	return NULL;
}

static void vm_begin_op(struct model *m)
{
	struct vm_refused *r = refused_of(m);

	if (!r)
		r = refused_of(NULL);
	if (!r)
		rt_fatal("harness", "virtio model: more than %d models run ops",
			 NR_REFUSED);
	r->m = m;
	r->nr = 0;
}

/* The op's refused mappings on @m, which the op must have begun. */
static struct vm_refused *refused_in_op(const struct model *m)
{
	struct vm_refused *r = refused_of(m);

	if (!r)
		rt_fatal("harness", "virtio model: an op on a model that began none");
	return r;
}

/*
 * viommu_map_pages(): prot with IOMMU_MMIO and no F_MMIO is -EINVAL;
 * then viommu_add_mapping() (an allocation: -ENOMEM) records
 * [iova, iova + pgsize * count) in the tree, and the MAP request (an
 * allocation: -ENOMEM, the mapping deleted again) is queued; its status
 * is never read, so a MAP the device refuses still maps pgsize * count
 * (known finding virtio-map-status-ignored).  Nothing checks a range
 * that wraps past 2^64: the driver would record a mapping that ends
 * before it starts (callers check the geometry).
 */
static int vm_map_pages(struct model *m, uint64_t iova, uint64_t pa,
			uint64_t pgsize, uint64_t count, int prot,
			uint64_t *mapped)
{
	uint64_t size = pgsize * count, last = iova + (size - 1);
	struct vm_refused *r = refused_in_op(m);
	struct pt_leaf l;

	if ((prot & PTF_PROT_MMIO) && !vm.mmio)
		return -EINVAL;
	if (last < iova)
		return MODEL_RET_UNDEFINED;
	if (!model_alloc(m) || !model_alloc(m))
		return -ENOMEM;
	l = model_new_leaf(m, iova, size, pa, prot);
	if (vm_device_maps(m, iova, last))
		model_add_leaf(m, &l);
	else if (r->nr < MODEL_LEAF_BUDGET)
		r->map[r->nr++] = l;
	else
		return MODEL_RET_UNDEFINED;	/* past the leaf budget */
	*mapped += size;
	return 0;
}

/*
 * viommu_del_mappings() on the tree: the mappings meeting [iova, last],
 * in the order of their starts, the device's before the refused ones
 * (inserted later).  It stops at once if the first starts below iova
 * (nothing removed: UINT64_MAX), else removes them all; their bytes are
 * returned.
 */
static uint64_t vm_del_mappings(struct model *m, uint64_t iova, uint64_t last)
{
	struct vm_refused *r = refused_in_op(m);
	const struct pt_leaf *l;
	size_t n = model_leaves_in(m, iova, last, &l), kept = 0;
	uint64_t sum = 0;

	if (n && l[0].iova < iova)
		return UINT64_MAX;
	for (size_t i = 0; i < r->nr; i++)
		if (r->map[i].iova <= last &&
		    r->map[i].iova + (r->map[i].size - 1) >= iova &&
		    r->map[i].iova < iova)
			return UINT64_MAX;
	/* The tree changes there, whatever the device does: the op's window. */
	if (n)
		model_touch(m, iova, l[n - 1].iova + (l[n - 1].size - 1));
	for (size_t i = 0; i < n; i++)
		sum += l[i].size;
	for (size_t i = 0; i < r->nr; i++) {
		const struct pt_leaf *x = &r->map[i];

		if (x->iova <= last && x->iova + (x->size - 1) >= iova) {
			sum += x->size;
			model_touch(m, x->iova, x->iova + (x->size - 1));
		} else {
			r->map[kept++] = *x;
		}
	}
	r->nr = kept;
	return sum;
}

/*
 * The device's UNMAP of [iova, last]: it removes every mapping inside,
 * holes or not, unless one it holds crosses an end, which UNMAP would
 * split (RANGE: nothing removed).
 */
static void vm_device_unmaps(struct model *m, uint64_t iova, uint64_t last)
{
	const struct pt_leaf *l;
	size_t n = model_leaves_in(m, iova, last, &l);

	if (n && (l[0].iova < iova || l[n - 1].iova + (l[n - 1].size - 1) > last))
		return;
	model_remove_leaves(m, iova, last);
}

/*
 * viommu_unmap_pages(): viommu_del_mappings() (above) of
 * [iova, iova + size); less than size returns 0, else the UNMAP request of
 * [iova, iova + sum) (an allocation: 0 when it fails) and the sum, which
 * may exceed size.  Where the device keeps what the tree dropped (a hole
 * before, between or after the mappings makes that UNMAP split one, or
 * the request failed) the two part (known findings
 * virtio-unmap-hole-forgets-mappings and
 * virtio-unmap-alloc-failure-forgets-mappings).
 */
static uint64_t vm_unmap_pages(struct model *m, uint64_t iova, uint64_t pgsize,
			       uint64_t count)
{
	uint64_t size = pgsize * count;
	uint64_t sum = vm_del_mappings(m, iova, iova + (size - 1));

	if (sum == UINT64_MAX || sum < size || !model_alloc(m))
		return 0;
	vm_device_unmaps(m, iova, iova + (sum - 1));
	return sum;
}

/*
 * viommu_mapping_block_size() (the series): the largest naturally
 * aligned power-of-two block of the mapping, cut greedily from its start,
 * that holds @iova.  Blocks above 2^63 do not fit a size_t: the driver
 * stops there too.
 */
static uint64_t vm_length(const struct model *m, const struct pt_leaf *l,
			  uint64_t iova)
{
	uint64_t p = l->iova, last = l->iova + (l->size - 1);

	for (;;) {
		uint64_t rem = last - p + 1;
		unsigned int align = p ? __builtin_ctzll(p) : 63;
		unsigned int fit = rem ? 63 - __builtin_clzll(rem) : 63;
		unsigned int k = align < fit ? align : fit;

		if (iova - p < (1ULL << k))
			return 1ULL << k;
		p += 1ULL << k;
	}
}

static const struct model_impl vm_impl = {
	.map_pages	= vm_map_pages,
	.unmap_pages	= vm_unmap_pages,
	.length		= vm_length,
	.begin_op	= vm_begin_op,
};

static bool driver_config(const struct target_setup *ts);

/*
 * viommu_probe() and viommu_domain_finalise(): a paging domain exists on
 * the configurations driver_config() names (a granule no larger than
 * PAGE_SIZE, MAP_UNMAP on a modern device, a domain ID left for it); its
 * page sizes are page_size_mask, its aperture input_range.  Lookups read
 * the driver's tree: the device's accesses are coherent.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	struct vio_cfg c = cfg_of(ts);
	const struct range64 *in = &inputs[c.input];

	vm.mmio = c.mmio;
	vm.nr_resv = resv_of(&c, vm.resv);
	vm.in_first = in->start;
	vm.in_last = in->end;
	drv_predict(ts, d, ts->pt.pgsize_bitmap, in->end, &vm_impl);
	d->accepted = driver_config(ts);
	d->info.va_first = d->rules.va_first = in->start;
	d->incoherent = false;
}

static int access_of(const struct target_setup *ts, int prot)
{
	return prot & (MODEL_PROT_READ | MODEL_PROT_WRITE);
}

/* Device model ------------------------------------------------------------- */

#define S_OK		0
#define S_UNSUPP	2
#define S_INVAL		4
#define S_RANGE		5
#define S_NOENT		6
#define S_NOMEM		8

#define T_ATTACH	1
#define T_DETACH	2
#define T_MAP		3
#define T_UNMAP		4
#define T_PROBE		5

#define MAP_F_READ	(1u << 0)
#define MAP_F_WRITE	(1u << 1)
#define MAP_F_MMIO	(1u << 2)
#define ATTACH_F_BYPASS	(1u << 0)

#define ST_ACKNOWLEDGE	1
#define ST_DRIVER	2
#define ST_DRIVER_OK	4
#define ST_FEATURES_OK	8
#define ST_FAILED	0x80

#define CONFIG_SIZE	40
#define CONFIG_BYPASS	36
#define PROBE_SIZE	512
#define PROP_RESV_MEM	1
#define RESV_PROP_LEN	20	/* subtype, reserved[3], start, end */

#define MAX_DOMAINS	8
#define MAX_ENDPOINTS	2
#define FIRST_ENDPOINT	8	/* as the glue numbers them */
#define REQ_MAX		128	/* bytes of a device-readable part we parse */
#define NO_DOMAIN	(-1)

struct vmapping {
	uint64_t start, end, phys;
	uint32_t flags;
};

struct vdomain {
	bool live, bypass;
	uint32_t id;
	unsigned int endpoints;
	struct vmapping *maps;		/* sorted, never overlapping */
	size_t nr, cap;
};

struct vendpoint {
	int domain;			/* index in dom[], or NO_DOMAIN */
	int64_t boot_domain;		/* ID attached at probe, or -1 */
};

struct vdev {
	struct vio_cfg cfg;
	uint64_t pgsizes, offered, negotiated;
	uint8_t status, bypass;
	unsigned int nr_endpoints;
	struct vendpoint ep[MAX_ENDPOINTS];
	struct vdomain dom[MAX_DOMAINS];
	struct resv resv[MAX_RESV];
	unsigned int nr_resv;
};

static struct vdev vd[PTF_NR_TWINS];

static bool negotiated(const struct vdev *d, unsigned int bit)
{
	return d->negotiated >> bit & 1;
}

static void forget_domain(struct vdomain *dom)
{
	free(dom->maps);
	*dom = (struct vdomain){ 0 };
}

/* Device reset: no endpoint attached, no domain (5.13.5). */
static void device_reset(struct vdev *d)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++)
		forget_domain(&d->dom[i]);
	for (unsigned int i = 0; i < MAX_ENDPOINTS; i++)
		d->ep[i] = (struct vendpoint){ .domain = NO_DOMAIN, .boot_domain = -1 };
	d->status = 0;
	d->negotiated = 0;
}

static void hw_reset(const struct target_setup *ts)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		struct vdev *d = &vd[tw];

		device_reset(d);
		d->cfg = cfg_of(ts);
		d->pgsizes = ts->pt.pgsize_bitmap;
		d->offered = offered_features(&d->cfg);
		d->bypass = d->cfg.bypass == 2;
		d->nr_endpoints = ts->pt.instances;
		d->nr_resv = resv_of(&d->cfg, d->resv);
	}
}

static uint32_t hw_device_id(const struct hw_ctx *hw)
{
	return 23;	/* virtio-iommu (5.13.1) */
}

static uint64_t hw_features(const struct hw_ctx *hw)
{
	return vd[hw->twin].offered;
}

static void hw_ack_features(const struct hw_ctx *hw, uint64_t features)
{
	struct vdev *d = &vd[hw->twin];

	if (features & ~d->offered)
		hw->protocol(hw, "the driver accepted features 0x%llx the device did not offer",
			     (unsigned long long)(features & ~d->offered));
	if (d->status & ST_FEATURES_OK)
		hw->protocol(hw, "features written after FEATURES_OK");
	d->negotiated = features & d->offered;
}

static void put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
	for (unsigned int i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void config_space(const struct vdev *d, uint8_t *c)
{
	const struct range64 *in = &inputs[d->cfg.input];

	memset(c, 0, CONFIG_SIZE);
	put_le(c + 0, d->pgsizes, 8);
	put_le(c + 8, in->start, 8);
	put_le(c + 16, in->end, 8);
	put_le(c + 24, domain_ranges[d->cfg.domains].start, 4);
	put_le(c + 28, domain_ranges[d->cfg.domains].end, 4);
	put_le(c + 32, d->cfg.probe ? PROBE_SIZE : 0, 4);
	c[CONFIG_BYPASS] = d->bypass;
}

static void hw_config(const struct hw_ctx *hw, unsigned int off, void *buf,
		      unsigned int len, bool write)
{
	struct vdev *d = &vd[hw->twin];
	uint8_t c[CONFIG_SIZE];

	if (off > CONFIG_SIZE || len > CONFIG_SIZE - off) {
		hw->protocol(hw, "config %s of %u bytes at %u, past the %u-byte configuration",
			     write ? "write" : "read", len, off, CONFIG_SIZE);
		memset(buf, 0, len);
		return;
	}
	if (!write) {
		config_space(d, c);
		memcpy(buf, c + off, len);
		return;
	}
	/* 5.13.4: only bypass, only with BYPASS_CONFIG, only 0 or 1. */
	if (off != CONFIG_BYPASS || len != 1 || !negotiated(d, F_BYPASS_CONFIG) ||
	    *(uint8_t *)buf > 1)
		hw->protocol(hw, "config write of %u bytes at %u (only bypass, 0 or 1, with BYPASS_CONFIG)",
			     len, off);
	else
		d->bypass = *(uint8_t *)buf;
}

static uint8_t hw_status(const struct hw_ctx *hw)
{
	return vd[hw->twin].status;
}

/* The driver's initialization sequence (3.1.1): each bit after the last. */
static void hw_set_status(const struct hw_ctx *hw, uint8_t status)
{
	struct vdev *d = &vd[hw->twin];
	uint8_t added = status & ~d->status;

	if (!status) {
		device_reset(d);
		return;
	}
	if (status & ~d->status & ~added)
		hw->protocol(hw, "status 0x%x clears bits of 0x%x without a reset",
			     status, d->status);
	if ((added & ST_DRIVER && !(status & ST_ACKNOWLEDGE)) ||
	    (added & ST_FEATURES_OK && !(status & ST_DRIVER)) ||
	    (added & ST_DRIVER_OK && !(status & ST_DRIVER)) ||
	    (added & ST_DRIVER_OK && negotiated(d, VIRTIO_F_VERSION_1) &&
	     !(status & ST_FEATURES_OK)))
		hw->protocol(hw, "status 0x%x after 0x%x is out of the initialization order",
			     status, d->status);
	d->status = status;
}

static unsigned int hw_queue_size(const struct hw_ctx *hw, unsigned int queue)
{
	return queue < 2 ? queue_size_of(&vd[hw->twin].cfg) : 0;
}

/* Domains and endpoints ------------------------------------------------------ */

static struct vdomain *domain_by_id(struct vdev *d, uint32_t id)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++)
		if (d->dom[i].live && d->dom[i].id == id)
			return &d->dom[i];
	return NULL;
}

static struct vendpoint *endpoint_by_id(struct vdev *d, uint32_t id)
{
	if (id < FIRST_ENDPOINT || id - FIRST_ENDPOINT >= d->nr_endpoints)
		return NULL;
	return &d->ep[id - FIRST_ENDPOINT];
}

static void check_identity(const struct hw_ctx *hw, struct vdev *d,
			   const struct vdomain *dom);

/* Leaving a domain; the last endpoint to leave takes it down (5.13.6.3). */
static void leave_domain(const struct hw_ctx *hw, struct vdev *d,
			 struct vendpoint *ep)
{
	struct vdomain *dom;

	if (ep->domain == NO_DOMAIN)
		return;
	dom = &d->dom[ep->domain];
	if (dom->id == ep->boot_domain && !dom->bypass)
		check_identity(hw, d, dom);
	ep->domain = NO_DOMAIN;
	if (!--dom->endpoints) {
		/* Its mappings go: whatever the IOMMU cached of them too. */
		ptf_rt_iotlb_inval(PTF_INVAL_ALL, 0, 0);
		forget_domain(dom);
	}
}

static bool domain_in_range(const struct hw_ctx *hw, struct vdev *d,
			    uint32_t id, const char *req)
{
	uint32_t lo = domain_ranges[d->cfg.domains].start;
	uint32_t hi = domain_ranges[d->cfg.domains].end;

	if (!negotiated(d, F_DOMAIN_RANGE) || (id >= lo && id <= hi))
		return true;
	hw->protocol(hw, "%s of domain %u, outside domain_range [%u, %u]",
		     req, id, lo, hi);
	return false;
}

static uint8_t do_attach(const struct hw_ctx *hw, struct vdev *d,
			 const uint8_t *r)
{
	uint32_t id = (uint32_t)get_le(r + 4, 4);
	uint32_t flags = (uint32_t)get_le(r + 12, 4);
	struct vendpoint *ep = endpoint_by_id(d, (uint32_t)get_le(r + 8, 4));
	bool bypass = flags & ATTACH_F_BYPASS;
	struct vdomain *dom;

	if (get_le(r + 16, 4))
		return S_INVAL;
	if (flags & ~ATTACH_F_BYPASS ||
	    (bypass && !negotiated(d, F_BYPASS_CONFIG)))
		return S_INVAL;
	if (!domain_in_range(hw, d, id, "ATTACH"))
		return S_RANGE;
	if (!ep)
		return S_NOENT;
	dom = domain_by_id(d, id);
	if (dom && dom->bypass != bypass)
		return S_INVAL;
	if (dom && ep->domain == dom - d->dom)
		return S_OK;
	leave_domain(hw, d, ep);
	if (!dom) {
		for (unsigned int i = 0; i < MAX_DOMAINS && !dom; i++)
			if (!d->dom[i].live)
				dom = &d->dom[i];
		if (!dom)
			return S_NOMEM;
		*dom = (struct vdomain){ .live = true, .bypass = bypass, .id = id };
	}
	dom->endpoints++;
	ep->domain = (int)(dom - d->dom);
	if (ep->boot_domain < 0)
		ep->boot_domain = id;
	return S_OK;
}

static uint8_t do_detach(const struct hw_ctx *hw, struct vdev *d,
			 const uint8_t *r)
{
	uint32_t id = (uint32_t)get_le(r + 4, 4);
	struct vendpoint *ep = endpoint_by_id(d, (uint32_t)get_le(r + 8, 4));
	struct vdomain *dom;

	if (!domain_in_range(hw, d, id, "DETACH"))
		return S_RANGE;
	if (!ep)
		return S_NOENT;
	dom = domain_by_id(d, id);
	if (!dom || ep->domain != dom - d->dom)
		return S_INVAL;
	leave_domain(hw, d, ep);
	return S_OK;
}

/* First mapping of @dom ending at or after @iova. */
static size_t first_after(const struct vdomain *dom, uint64_t iova)
{
	size_t lo = 0, hi = dom->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dom->maps[mid].end < iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool overlaps_resv(const struct vdev *d, uint64_t start, uint64_t end)
{
	for (unsigned int i = 0; i < d->nr_resv && negotiated(d, F_PROBE_BIT); i++)
		if (start <= d->resv[i].end && end >= d->resv[i].start)
			return true;
	return false;
}

/* A domain for MAP or UNMAP: it must exist and not be a bypass domain. */
static uint8_t mapping_domain(const struct hw_ctx *hw, struct vdev *d,
			      uint32_t id, const char *req,
			      struct vdomain **dom)
{
	if (!domain_in_range(hw, d, id, req))
		return S_RANGE;
	*dom = domain_by_id(d, id);
	if (!*dom)
		return S_NOENT;
	return (*dom)->bypass ? S_INVAL : S_OK;
}

static uint8_t do_map(const struct hw_ctx *hw, struct vdev *d, const uint8_t *r)
{
	uint64_t start = get_le(r + 8, 8), end = get_le(r + 16, 8);
	uint64_t phys = get_le(r + 24, 8), g = d->pgsizes & -d->pgsizes;
	uint32_t flags = (uint32_t)get_le(r + 32, 4);
	const struct range64 *in = &inputs[d->cfg.input];
	struct vdomain *dom;
	uint8_t st = mapping_domain(hw, d, (uint32_t)get_le(r + 4, 4), "MAP", &dom);
	size_t at;

	if (st)
		return st;
	if (end < start)
		hw->protocol(hw, "MAP [0x%llx, 0x%llx]: virt_end below virt_start",
			     (unsigned long long)start, (unsigned long long)end);
	if (flags & MAP_F_MMIO && !negotiated(d, F_MMIO_BIT))
		hw->protocol(hw, "MAP with the MMIO flag, VIRTIO_IOMMU_F_MMIO not negotiated");
	if (flags & ~(MAP_F_READ | MAP_F_WRITE | MAP_F_MMIO) ||
	    (flags & MAP_F_MMIO && !negotiated(d, F_MMIO_BIT)))
		return S_INVAL;
	if ((start | phys | (end + 1)) & (g - 1))
		return S_RANGE;
	/*
	 * The driver must stay inside input_range, but it leaves that to the
	 * iommu core's callers (the domain's geometry): a caller that maps
	 * outside it breaks their contract first.  The request fails.
	 */
	if (negotiated(d, F_INPUT_RANGE) && (start < in->start || end > in->end))
		return S_RANGE;
	at = first_after(dom, start);
	if ((at < dom->nr && dom->maps[at].start <= end) ||
	    overlaps_resv(d, start, end))
		return S_INVAL;
	if (dom->nr == dom->cap) {
		dom->cap = dom->cap ? 2 * dom->cap : 16;
		dom->maps = realloc(dom->maps, dom->cap * sizeof(*dom->maps));
		if (!dom->maps)
			abort();
	}
	memmove(&dom->maps[at + 1], &dom->maps[at],
		(dom->nr - at) * sizeof(*dom->maps));
	dom->maps[at] = (struct vmapping){ start, end, phys, flags };
	dom->nr++;
	return S_OK;
}

static uint8_t do_unmap(const struct hw_ctx *hw, struct vdev *d,
			const uint8_t *r)
{
	uint64_t start = get_le(r + 8, 8), end = get_le(r + 16, 8);
	struct vdomain *dom;
	uint8_t st = mapping_domain(hw, d, (uint32_t)get_le(r + 4, 4), "UNMAP", &dom);
	size_t first, last;

	if (st)
		return st;
	if (end < start)
		hw->protocol(hw, "UNMAP [0x%llx, 0x%llx]: virt_end below virt_start",
			     (unsigned long long)start, (unsigned long long)end);
	first = last = first_after(dom, start);
	while (last < dom->nr && dom->maps[last].start <= end)
		last++;
	/* A mapping the range would split: RANGE, and nothing removed. */
	if ((first < last && dom->maps[first].start < start) ||
	    (first < last && dom->maps[last - 1].end > end))
		return S_RANGE;
	if (first == last)
		return S_OK;		/* nothing there: nothing to do */
	for (size_t i = first; i < last; i++)
		ptf_rt_iotlb_inval(PTF_INVAL_LEAF, dom->maps[i].start,
				   dom->maps[i].end - dom->maps[i].start + 1);
	memmove(&dom->maps[first], &dom->maps[last],
		(dom->nr - last) * sizeof(*dom->maps));
	dom->nr -= last - first;
	return S_OK;
}

/* PROBE: the endpoint's RESV_MEM properties, then zeroes (5.13.6.5). */
static uint8_t do_probe(const struct vdev *d, const uint8_t *r, uint8_t *props)
{
	size_t at = 0;

	if (!endpoint_by_id((struct vdev *)d, (uint32_t)get_le(r + 4, 4)))
		return S_NOENT;
	memset(props, 0, PROBE_SIZE);
	for (unsigned int i = 0; i < d->nr_resv; i++) {
		uint8_t *p = props + at;

		put_le(p, PROP_RESV_MEM, 2);
		put_le(p + 2, RESV_PROP_LEN, 2);
		p[4] = d->resv[i].subtype;
		put_le(p + 8, d->resv[i].start, 8);
		put_le(p + 16, d->resv[i].end, 8);
		at += 4 + RESV_PROP_LEN;
	}
	return S_OK;
}

/* The device-readable bytes of a request, and the one writable buffer. */
struct request {
	uint8_t in[REQ_MAX];
	unsigned int in_len;
	uint8_t *out;
	unsigned int out_len;
};

static bool gather(const struct hw_ctx *hw, const struct ptf_rt_vbuf *bufs,
		   unsigned int n, struct request *rq)
{
	*rq = (struct request){ 0 };
	for (unsigned int i = 0; i < n; i++) {
		if (!bufs[i].writable && rq->out) {
			hw->protocol(hw, "a device-readable buffer after a device-writable one");
			return false;
		}
		if (bufs[i].writable) {
			if (rq->out) {
				hw->protocol(hw, "a request with two device-writable buffers");
				return false;
			}
			rq->out = bufs[i].addr;
			rq->out_len = bufs[i].len;
			continue;
		}
		if (rq->in_len + bufs[i].len > REQ_MAX) {
			hw->protocol(hw, "a request of more than %d device-readable bytes",
				     REQ_MAX);
			return false;
		}
		memcpy(rq->in + rq->in_len, bufs[i].addr, bufs[i].len);
		rq->in_len += bufs[i].len;
	}
	return true;
}

/* Readable and writable sizes of each request type, as the spec lays them out. */
static bool sized(const struct hw_ctx *hw, const struct request *rq,
		  unsigned int in, unsigned int out)
{
	if (rq->in_len == in && rq->out_len == out)
		return true;
	hw->protocol(hw, "request type %u: %u device-readable and %u device-writable bytes, the layout has %u and %u",
		     rq->in[0], rq->in_len, rq->out_len, in, out);
	return false;
}

static uint32_t request(const struct hw_ctx *hw, struct vdev *d,
			const struct request *rq)
{
	uint8_t status;

	switch (rq->in_len ? rq->in[0] : 0) {
	case T_ATTACH:
		if (!sized(hw, rq, 20, 4))
			return 0;
		status = do_attach(hw, d, rq->in);
		break;
	case T_DETACH:
		if (!sized(hw, rq, 20, 4))
			return 0;
		status = do_detach(hw, d, rq->in);
		break;
	case T_MAP:
		if (!negotiated(d, F_MAP_UNMAP) || !sized(hw, rq, 36, 4))
			return 0;
		status = do_map(hw, d, rq->in);
		break;
	case T_UNMAP:
		if (!negotiated(d, F_MAP_UNMAP) || !sized(hw, rq, 28, 4))
			return 0;
		status = do_unmap(hw, d, rq->in);
		break;
	case T_PROBE:
		/* Without the feature: not written, used length 0. */
		if (!negotiated(d, F_PROBE_BIT) ||
		    !sized(hw, rq, 72, PROBE_SIZE + 4))
			return 0;
		status = do_probe(d, rq->in, rq->out);
		break;
	default:
		return 0;	/* not recognised: not written */
	}
	memset(rq->out + rq->out_len - 4, 0, 4);
	rq->out[rq->out_len - 4] = status;
	return rq->out_len;
}

static uint32_t hw_process(const struct hw_ctx *hw, unsigned int queue,
			   const struct ptf_rt_vbuf *bufs, unsigned int n)
{
	struct vdev *d = &vd[hw->twin];
	struct request rq;

	if (!(d->status & ST_DRIVER_OK))
		hw->protocol(hw, "queue %u notified before DRIVER_OK (status 0x%x)",
			     queue, d->status);
	/* The event queue: buffers wait for a fault, and ptfuzz makes no DMA. */
	if (queue == 1)
		return PTF_RT_VIRTIO_KEEP;
	if (!gather(hw, bufs, n, &rq))
		return 0;
	return request(hw, d, &rq);
}

static const struct hw_virtio vio = {
	.device_id = hw_device_id, .features = hw_features,
	.ack_features = hw_ack_features, .config = hw_config,
	.status = hw_status, .set_status = hw_set_status,
	.queue_size = hw_queue_size, .process = hw_process,
};

static const struct hw_device device = {
	.reset = hw_reset, .virtio = &vio,
};

/* The default domain ------------------------------------------------------- */

/* Round @x up to @g (a power of two); 0 if it wraps. */
static uint64_t align_up(uint64_t x, uint64_t g)
{
	return (x + g - 1) & -g;
}

#define MAX_SPANS	(MAX_RESV + 1)

struct span {
	uint64_t first, last;
};

/*
 * What an identity domain must map onto itself: the granules of the input
 * range that no reserved region touches, as sorted spans.
 */
static unsigned int identity_spans(const struct vdev *d, struct span *out)
{
	const struct range64 *in = &inputs[d->cfg.input];
	uint64_t g = d->pgsizes & -d->pgsizes;
	uint64_t next = align_up(in->start, g), last = ((in->end + 1) & -g) - 1;
	struct span holes[MAX_RESV];
	unsigned int nh = 0, n = 0;

	for (unsigned int r = 0; r < d->nr_resv && negotiated(d, F_PROBE_BIT); r++) {
		struct span h = { d->resv[r].start & -g,
				  align_up(d->resv[r].end + 1, g) - 1 };
		unsigned int at = nh++;

		while (at && holes[at - 1].first > h.first) {
			holes[at] = holes[at - 1];
			at--;
		}
		holes[at] = h;
	}
	for (unsigned int r = 0; r < nh; r++) {
		if (holes[r].last < next || holes[r].first > last)
			continue;
		if (holes[r].first > next)
			out[n++] = (struct span){ next, holes[r].first - 1 };
		if (holes[r].last >= last)
			return n;
		next = holes[r].last + 1;
	}
	out[n++] = (struct span){ next, last };
	return n;
}

/*
 * When an endpoint leaves the domain it was attached to at probe, its
 * default domain: unless a bypass domain, an identity domain, whose
 * mappings (merged where one ends where the next starts) must be exactly
 * identity_spans(), one to one and read-write.
 */
static void check_identity(const struct hw_ctx *hw, struct vdev *d,
			   const struct vdomain *dom)
{
	struct span want[MAX_SPANS];
	unsigned int n = identity_spans(d, want), s = 0;
	size_t i = 0;

	while (i < dom->nr && s < n) {
		uint64_t at = want[s].first;

		while (i < dom->nr && dom->maps[i].start == at &&
		       dom->maps[i].phys == at &&
		       dom->maps[i].flags == (MAP_F_READ | MAP_F_WRITE) &&
		       dom->maps[i].end <= want[s].last) {
			at = dom->maps[i++].end + 1;
			if (at - 1 == want[s].last)
				break;
		}
		if (at - 1 != want[s].last)
			break;
		s++;
	}
	if (i == dom->nr && s == n)
		return;
	hw->report(hw, "identity", "the default identity domain does not map what it must",
		   "domain %u: mapping %zu of %zu %s identity span %u of %u [0x%llx, 0x%llx] (the input range minus the reserved regions, one to one, read-write)",
		   dom->id, i, dom->nr,
		   i < dom->nr ? "does not match" : "is missing from",
		   s, n, s < n ? (unsigned long long)want[s].first : 0ULL,
		   s < n ? (unsigned long long)want[s].last : 0ULL);
}

/* Hardware walker ---------------------------------------------------------- */

/* The domain the master's endpoints translate through (all the same one). */
static const struct vdomain *translating(const struct hw_ctx *hw,
					 const struct vdev *d)
{
	int dom = d->ep[0].domain;

	for (unsigned int i = 1; i < d->nr_endpoints; i++)
		if (d->ep[i].domain != dom)
			hw->error(hw, "endpoints %u and %u translate through different domains",
				  FIRST_ENDPOINT, FIRST_ENDPOINT + i);
	if (dom == NO_DOMAIN) {
		if (d->bypass && d->offered >> F_BYPASS_CONFIG & 1)
			hw->error(hw, "endpoint %u is attached to no domain: in bypass, every IOVA is its PA",
				  FIRST_ENDPOINT);
		return NULL;	/* no access at all */
	}
	if (d->dom[dom].bypass)
		hw->error(hw, "endpoint %u is in a bypass domain: every IOVA is its PA",
			  FIRST_ENDPOINT);
	return &d->dom[dom];
}

static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	const struct vdev *d = &vd[hw->twin];
	const struct vdomain *dom;

	dom = translating(hw, d);
	for (size_t i = dom ? first_after(dom, lo) : 0;
	     dom && i < dom->nr && dom->maps[i].start <= hi; i++) {
		const struct vmapping *m = &dom->maps[i];

		drv_leaf(hw, m->start, m->end - m->start + 1, m->phys,
			 (m->flags & MAP_F_READ ? MODEL_PROT_READ : 0) |
			 (m->flags & MAP_F_WRITE ? MODEL_PROT_WRITE : 0));
	}
}

/*
 * The configurations a driver has a paging domain on: a page granule
 * no larger than the CPU's, MAP/UNMAP on a modern device, and two domain
 * IDs (the default domain takes one, or is reserved one for bypass).
 */
static bool driver_config(const struct target_setup *ts)
{
	struct vio_cfg c = cfg_of(ts);
	uint64_t g = granule_of(ts);

	return g && g <= 4096 && c.features == 0 &&
	       domain_ranges[c.domains].end > domain_ranges[c.domains].start;
}

static const struct warn_site warn_sites[] = {
	{ NULL },
};

static const struct target virtio = {
	.name		= "virtio",
	.summary	= "virtio-iommu: the paravirtualised IOMMU, driven through a virtio-iommu device",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= warn_sites,
	.device		= &device,
	.lookup_leaves	= true,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &virtio;
