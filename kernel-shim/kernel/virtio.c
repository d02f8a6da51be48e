// SPDX-License-Identifier: GPL-2.0
/*
 * The virtio side of a virtio driver twin, written for the harness against
 * the tree's <linux/virtio.h> and <linux/virtio_config.h> (drivers/virtio/
 * is not built): the virtio bus, a virtio-mmio transport and split
 * virtqueues.  The device behind them is the target's model (reached with
 * ptf_rt_virtio_*()).
 *
 * - The transport is a platform driver of "virtio,mmio" nodes, as
 *   virtio_mmio.c is: its probe registers a virtio device with the
 *   device ID the device reports, its remove unregisters it.  Its config
 *   ops reach the device: feature bits, configuration space (1, 2, 4 or 8
 *   bytes at a time, as virtio_mmio's vm_get() takes them), status.
 * - The bus probes a device when a driver listing its ID registers, as
 *   virtio_dev_probe() does: ACKNOWLEDGE, DRIVER, the device's features
 *   masked with the driver's table (transport features the ring does not
 *   support dropped), FEATURES_OK read back, the driver's probe, DRIVER_OK
 *   if the driver did not set it.  Removal is virtio_dev_remove(): the
 *   driver's remove, which must leave the device reset.
 * - Queues have the size the device offers and no indirect descriptors:
 *   every buffer of a request takes a descriptor, and a request that does
 *   not fit is -ENOSPC.  virtqueue_kick() notifies the device, which
 *   processes every available request in order, synchronously; the used
 *   ring then returns them in that order, with the length the device
 *   wrote.  No interrupt is ever raised: nothing completes a request but a
 *   notify, and the driver polls.
 *
 * What the driver must get right is checked, as virtio_ring.c BUG()s or as
 * the virtio specification requires: a request has a token and at least
 * one buffer; a buffer the device still owns is not added again; a
 * feature tested was offered by the driver
 * (virtio_check_driver_offered_feature()); a driver that keeps polling a
 * queue on which nothing can complete would spin for ever (time does not
 * pass), which is a finding, not a wait.
 */
#include <linux/device.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include "ptf-devices.h"

#define MAX_VDEVS	2
#define REQ_MAX_BUFS	8	/* buffers of one request */
/* Polls of an empty used ring after which a driver is taken to spin. */
#define IDLE_POLLS_MAX	1000

enum req_state { REQ_FREE, REQ_AVAIL, REQ_USED };

struct ptf_vreq {
	enum req_state state;
	void *token;
	struct ptf_rt_vbuf bufs[REQ_MAX_BUFS];
	unsigned int nbufs;
	unsigned int used_len;
	unsigned long seq;		/* made available, then used, in order */
};

struct ptf_vq {
	struct virtqueue vq;
	unsigned int size;
	struct ptf_vreq *reqs;		/* size slots */
	struct ptf_vreq **order;	/* scratch: size of them, sorted */
	unsigned long next_seq;
	unsigned int idle_polls;
};

struct ptf_vmmio {
	struct virtio_device vdev;
	struct platform_device *pdev;
	u64 dma_mask;
	bool registered;
};

static struct ptf_vmmio *vdevs[MAX_VDEVS];
static struct virtio_driver *vdrv;

#define to_ptf_vq(_vq)	container_of(_vq, struct ptf_vq, vq)

/* Virtqueues ------------------------------------------------------------- */

static bool overlaps_in_flight(struct ptf_vq *q, const struct ptf_rt_vbuf *b)
{
	for (unsigned int i = 0; i < q->size; i++) {
		const struct ptf_vreq *r = &q->reqs[i];

		for (unsigned int j = 0; r->state != REQ_FREE && j < r->nbufs; j++)
			if ((u8 *)b->addr < (u8 *)r->bufs[j].addr + r->bufs[j].len &&
			    (u8 *)r->bufs[j].addr < (u8 *)b->addr + b->len)
				return true;
	}
	return false;
}

static bool token_in_flight(struct ptf_vq *q, void *token)
{
	for (unsigned int i = 0; i < q->size; i++)
		if (q->reqs[i].state != REQ_FREE && q->reqs[i].token == token)
			return true;
	return false;
}

/* Gather the buffers of @nsgs chains (the first @out device-readable). */
static unsigned int gather(struct ptf_vreq *r, struct scatterlist *sgs[],
			   unsigned int nsgs, unsigned int out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < nsgs; i++)
		for (struct scatterlist *sg = sgs[i]; sg; sg = sg_next(sg)) {
			if (n == REQ_MAX_BUFS)
				ptf_rt_fatal("harness", "a virtqueue request of more than %d buffers",
					     REQ_MAX_BUFS);
			r->bufs[n++] = (struct ptf_rt_vbuf){
				.addr = sg_virt(sg), .len = sg->length,
				.writable = i >= out,
			};
		}
	return n;
}

static int vq_add(struct virtqueue *_vq, struct scatterlist *sgs[],
		  unsigned int out_sgs, unsigned int in_sgs, void *data)
{
	struct ptf_vq *q = to_ptf_vq(_vq);
	struct ptf_vreq req = { 0 }, *slot = NULL;

	BUG_ON(!data);
	req.nbufs = gather(&req, sgs, out_sgs + in_sgs, out_sgs);
	BUG_ON(!req.nbufs);
	if (req.nbufs > _vq->num_free)
		return -ENOSPC;
	WARN(token_in_flight(q, data), "virtqueue %s: token %p added while in flight",
	     _vq->name, data);
	for (unsigned int i = 0; i < req.nbufs; i++)
		WARN(overlaps_in_flight(q, &req.bufs[i]),
		     "virtqueue %s: a buffer the device owns added again", _vq->name);
	for (unsigned int i = 0; i < q->size && !slot; i++)
		if (q->reqs[i].state == REQ_FREE)
			slot = &q->reqs[i];
	req.state = REQ_AVAIL;
	req.token = data;
	req.seq = q->next_seq++;
	*slot = req;
	_vq->num_free -= req.nbufs;
	return 0;
}

int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[],
		      unsigned int out_sgs, unsigned int in_sgs, void *data,
		      gfp_t gfp)
{
	return vq_add(vq, sgs, out_sgs, in_sgs, data);
}

int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[],
			 unsigned int num, void *data, gfp_t gfp)
{
	BUG_ON(num != 1 && !sg_is_last(&sg[num - 1]));
	return vq_add(vq, &sg, 1, 0, data);
}

int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[],
			unsigned int num, void *data, gfp_t gfp)
{
	BUG_ON(num != 1 && !sg_is_last(&sg[num - 1]));
	return vq_add(vq, &sg, 0, 1, data);
}

/* The oldest request in @state, or NULL. */
static struct ptf_vreq *oldest(struct ptf_vq *q, enum req_state state)
{
	struct ptf_vreq *r = NULL;

	for (unsigned int i = 0; i < q->size; i++)
		if (q->reqs[i].state == state && (!r || q->reqs[i].seq < r->seq))
			r = &q->reqs[i];
	return r;
}

static unsigned int writable_len(const struct ptf_vreq *r)
{
	unsigned int len = 0;

	for (unsigned int i = 0; i < r->nbufs; i++)
		len += r->bufs[i].writable ? r->bufs[i].len : 0;
	return len;
}

/* The requests in @state, oldest first, into @out (q->size slots). */
static unsigned int in_order(struct ptf_vq *q, enum req_state state,
			     struct ptf_vreq **out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < q->size; i++) {
		unsigned int at = n++;

		if (q->reqs[i].state != state) {
			n--;
			continue;
		}
		while (at && out[at - 1]->seq > q->reqs[i].seq) {
			out[at] = out[at - 1];
			at--;
		}
		out[at] = &q->reqs[i];
	}
	return n;
}

/* The device processes every available request in order, but those it keeps. */
bool virtqueue_notify(struct virtqueue *_vq)
{
	struct ptf_vq *q = to_ptf_vq(_vq);
	struct ptf_vreq **avail = q->order;
	unsigned int n;

	q->idle_polls = 0;
	n = in_order(q, REQ_AVAIL, avail);
	for (unsigned int i = 0; i < n; i++) {
		struct ptf_vreq *r = avail[i];
		unsigned int used = ptf_rt_virtio_process(_vq->index, r->bufs,
							  r->nbufs);

		if (used == PTF_RT_VIRTIO_KEEP)
			continue;
		if (used > writable_len(r))
			ptf_rt_fatal("harness", "the device model used %u bytes of a %u-byte buffer",
				     used, writable_len(r));
		r->used_len = used;
		r->state = REQ_USED;
		r->seq = q->next_seq++;
	}
	return true;
}

bool virtqueue_kick_prepare(struct virtqueue *vq)
{
	return true;
}

bool virtqueue_kick(struct virtqueue *vq)
{
	return virtqueue_kick_prepare(vq) && virtqueue_notify(vq);
}

void *virtqueue_get_buf(struct virtqueue *_vq, unsigned int *len)
{
	struct ptf_vq *q = to_ptf_vq(_vq);
	struct ptf_vreq *r = oldest(q, REQ_USED);
	void *token;

	if (!r) {
		if (++q->idle_polls > IDLE_POLLS_MAX)
			ptf_rt_fatal("a driver polls a virtqueue on which nothing can complete",
				     "virtqueue %s polled %u times with no used buffer and %s made available since the last notify",
				     _vq->name, q->idle_polls,
				     oldest(q, REQ_AVAIL) ? "requests" : "nothing");
		return NULL;
	}
	q->idle_polls = 0;
	*len = r->used_len;
	token = r->token;
	_vq->num_free += r->nbufs;
	r->state = REQ_FREE;
	return token;
}

void *virtqueue_detach_unused_buf(struct virtqueue *_vq)
{
	struct ptf_vq *q = to_ptf_vq(_vq);
	struct ptf_vreq *r = oldest(q, REQ_AVAIL);

	if (!r)
		return NULL;
	_vq->num_free += r->nbufs;
	r->state = REQ_FREE;
	return r->token;
}

unsigned int virtqueue_get_vring_size(const struct virtqueue *vq)
{
	return to_ptf_vq(vq)->size;
}

bool virtqueue_is_broken(const struct virtqueue *vq)
{
	return false;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
}

/* False if buffers were used meanwhile: the caller polls again. */
bool virtqueue_enable_cb(struct virtqueue *vq)
{
	return !oldest(to_ptf_vq(vq), REQ_USED);
}

/* The transport (virtio_mmio.c) ---------------------------------------------- */

#define to_vmmio(_vdev)	container_of(_vdev, struct ptf_vmmio, vdev)

/* vm_get()/vm_set(): the registers of a modern device take these sizes. */
static void vm_config(struct virtio_device *vdev, unsigned int offset,
		      void *buf, unsigned int len, bool write)
{
	BUG_ON(len != 1 && len != 2 && len != 4 && len != 8);
	ptf_rt_virtio_config(offset, buf, len, write);
}

static void vm_get(struct virtio_device *vdev, unsigned int offset, void *buf,
		   unsigned int len)
{
	vm_config(vdev, offset, buf, len, false);
}

static void vm_set(struct virtio_device *vdev, unsigned int offset,
		   const void *buf, unsigned int len)
{
	vm_config(vdev, offset, (void *)buf, len, true);
}

static u32 vm_generation(struct virtio_device *vdev)
{
	return 0;	/* the configuration never changes under the driver */
}

static u8 vm_get_status(struct virtio_device *vdev)
{
	return ptf_rt_virtio_status();
}

static void vm_set_status(struct virtio_device *vdev, u8 status)
{
	/* 0 is a reset: only vm_reset() writes it. */
	WARN_ON(status == 0);
	ptf_rt_virtio_set_status(status);
}

static void vm_reset(struct virtio_device *vdev)
{
	ptf_rt_virtio_set_status(0);
}

static u64 vm_get_features(struct virtio_device *vdev)
{
	return ptf_rt_virtio_features();
}

/* vring_transport_features(): what this ring does not do is not negotiated. */
static int vm_finalize_features(struct virtio_device *vdev)
{
	for (unsigned int i = VIRTIO_TRANSPORT_F_START; i < VIRTIO_TRANSPORT_F_END; i++)
		if (i != VIRTIO_F_VERSION_1 && i != VIRTIO_F_ACCESS_PLATFORM)
			__virtio_clear_bit(vdev, i);
	/* A modern transport (virtio-mmio version 2) drives modern devices only. */
	if (!__virtio_test_bit(vdev, VIRTIO_F_VERSION_1)) {
		dev_err(&vdev->dev, "virtio-mmio v2: the device lacks VIRTIO_F_VERSION_1\n");
		return -EINVAL;
	}
	ptf_rt_virtio_ack_features(vdev->features);
	return 0;
}

static void vm_del_vqs(struct virtio_device *vdev)
{
	struct virtqueue *vq, *n;

	list_for_each_entry_safe(vq, n, &vdev->vqs, list) {
		struct ptf_vq *q = to_ptf_vq(vq);

		list_del(&vq->list);
		kfree(q->order);
		kfree(q->reqs);
		kfree(q);
	}
}

static struct virtqueue *vm_setup_vq(struct virtio_device *vdev,
				     unsigned int index,
				     const struct virtqueue_info *info)
{
	unsigned int size = ptf_rt_virtio_queue_size(index);
	struct ptf_vq *q;

	if (!size)
		return ERR_PTR(-ENOENT);
	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->reqs = kcalloc(size, sizeof(*q->reqs), GFP_KERNEL);
	q->order = kcalloc(size, sizeof(*q->order), GFP_KERNEL);
	if (!q->reqs || !q->order) {
		kfree(q->order);
		kfree(q->reqs);
		kfree(q);
		return ERR_PTR(-ENOMEM);
	}
	q->size = size;
	q->vq = (struct virtqueue){
		.callback = info->callback, .name = info->name, .vdev = vdev,
		.index = index, .num_free = size, .num_max = size,
	};
	list_add_tail(&q->vq.list, &vdev->vqs);
	return &q->vq;
}

static int vm_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
		       struct virtqueue *vqs[],
		       struct virtqueue_info vqs_info[],
		       struct irq_affinity *desc)
{
	unsigned int queue = 0;

	for (unsigned int i = 0; i < nvqs; i++) {
		if (!vqs_info[i].name) {
			vqs[i] = NULL;
			continue;
		}
		vqs[i] = vm_setup_vq(vdev, queue++, &vqs_info[i]);
		if (IS_ERR(vqs[i])) {
			int ret = PTR_ERR(vqs[i]);

			vm_del_vqs(vdev);
			return ret;
		}
	}
	return 0;
}

static void vm_synchronize_cbs(struct virtio_device *vdev)
{
	/* No interrupt ever runs: there is nothing to wait for. */
}

static const char *vm_bus_name(struct virtio_device *vdev)
{
	return to_vmmio(vdev)->pdev->name;
}

static const struct virtio_config_ops vm_config_ops = {
	.get		= vm_get,
	.set		= vm_set,
	.generation	= vm_generation,
	.get_status	= vm_get_status,
	.set_status	= vm_set_status,
	.reset		= vm_reset,
	.find_vqs	= vm_find_vqs,
	.del_vqs	= vm_del_vqs,
	.synchronize_cbs = vm_synchronize_cbs,
	.get_features	= vm_get_features,
	.finalize_features = vm_finalize_features,
	.bus_name	= vm_bus_name,
};

/* The virtio bus (virtio.c) ---------------------------------------------- */

static struct device *virtio_next(struct device *prev)
{
	unsigned int i = 0;

	while (prev && i < MAX_VDEVS && (!vdevs[i] || &vdevs[i]->vdev.dev != prev))
		i++;
	for (i += !!prev; i < MAX_VDEVS; i++)
		if (vdevs[i] && vdevs[i]->registered)
			return &vdevs[i]->vdev.dev;
	return NULL;
}

static const struct bus_type virtio_bus = {
	.name = "virtio", .ptf_next = virtio_next,
};

void virtio_add_status(struct virtio_device *dev, unsigned int status)
{
	dev->config->set_status(dev, dev->config->get_status(dev) | status);
}

void virtio_reset_device(struct virtio_device *dev)
{
	dev->config->reset(dev);
}

void virtio_check_driver_offered_feature(const struct virtio_device *vdev,
					 unsigned int fbit)
{
	const struct virtio_driver *drv = drv_to_virtio(vdev->dev.driver);

	for (unsigned int i = 0; i < drv->feature_table_size; i++)
		if (drv->feature_table[i] == fbit)
			return;
	for (unsigned int i = 0; i < drv->feature_table_size_legacy; i++)
		if (drv->feature_table_legacy[i] == fbit)
			return;
	BUG();
}

static bool virtio_match(const struct virtio_device *vdev,
			 const struct virtio_driver *drv)
{
	for (const struct virtio_device_id *id = drv->id_table; id->device; id++)
		if ((id->device == VIRTIO_DEV_ANY_ID || id->device == vdev->id.device) &&
		    (id->vendor == VIRTIO_DEV_ANY_ID || id->vendor == vdev->id.vendor))
			return true;
	return false;
}

static u64 feature_bits(const unsigned int *table, unsigned int n)
{
	u64 bits = 0;

	for (unsigned int i = 0; i < n; i++) {
		BUG_ON(table[i] >= 64);
		bits |= BIT_ULL(table[i]);
	}
	return bits;
}

/* virtio_dev_probe(): feature negotiation, then the driver's probe. */
static int virtio_dev_probe(struct virtio_device *dev,
			    struct virtio_driver *drv)
{
	u64 device_features, driver_features, features;
	int err;

	dev->dev.driver = &drv->driver;
	virtio_add_status(dev, VIRTIO_CONFIG_S_DRIVER);
	device_features = dev->config->get_features(dev);
	driver_features = feature_bits(drv->feature_table, drv->feature_table_size);
	if (!(device_features & BIT_ULL(VIRTIO_F_VERSION_1)) &&
	    drv->feature_table_legacy)
		driver_features = feature_bits(drv->feature_table_legacy,
					       drv->feature_table_size_legacy);
	features = device_features & driver_features;
	/* Transport features are the transport's to keep or drop. */
	features |= device_features & GENMASK_ULL(VIRTIO_TRANSPORT_F_END - 1,
						  VIRTIO_TRANSPORT_F_START);
	virtio_features_from_u64(dev->features_array, features);
	err = dev->config->finalize_features(dev);
	if (!err && drv->validate)
		err = drv->validate(dev);
	if (!err && virtio_has_feature(dev, VIRTIO_F_VERSION_1)) {
		virtio_add_status(dev, VIRTIO_CONFIG_S_FEATURES_OK);
		if (!(dev->config->get_status(dev) & VIRTIO_CONFIG_S_FEATURES_OK)) {
			dev_err(&dev->dev, "virtio: device refuses features: %llx\n",
				features);
			err = -ENODEV;
		}
	}
	if (!err)
		err = drv->probe(dev);
	if (err) {
		virtio_add_status(dev, VIRTIO_CONFIG_S_FAILED);
		ptf_devres_release_all(&dev->dev);
		dev->dev.driver = NULL;
		return err;
	}
	if (!(dev->config->get_status(dev) & VIRTIO_CONFIG_S_DRIVER_OK))
		virtio_device_ready(dev);
	if (drv->scan)
		drv->scan(dev);
	return 0;
}

/* virtio_dev_remove() */
static void virtio_dev_remove(struct virtio_device *dev)
{
	struct virtio_driver *drv = drv_to_virtio(dev->dev.driver);

	drv->remove(dev);
	WARN(dev->config->get_status(dev),
	     "virtio: %s: the driver's remove left the device unreset",
	     dev_name(&dev->dev));
	ptf_devres_release_all(&dev->dev);
	dev->dev.driver = NULL;
	virtio_add_status(dev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
}

static void virtio_try_probe(struct ptf_vmmio *vm)
{
	if (vdrv && !vm->vdev.dev.driver && virtio_match(&vm->vdev, vdrv))
		virtio_dev_probe(&vm->vdev, vdrv);
}

int register_virtio_device(struct virtio_device *dev)
{
	struct ptf_vmmio *vm = to_vmmio(dev);

	dev->dev.bus = &virtio_bus;
	INIT_LIST_HEAD(&dev->vqs);
	spin_lock_init(&dev->config_lock);
	spin_lock_init(&dev->vqs_list_lock);
	/* Reset, then acknowledge the device (virtio_device_init()). */
	virtio_reset_device(dev);
	virtio_add_status(dev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vm->registered = true;
	virtio_try_probe(vm);
	return 0;
}

void unregister_virtio_device(struct virtio_device *dev)
{
	if (dev->dev.driver)
		virtio_dev_remove(dev);
	to_vmmio(dev)->registered = false;
	ptf_device_check_released(&dev->dev);
}

int __register_virtio_driver(struct virtio_driver *drv, struct module *owner)
{
	vdrv = drv;
	for (unsigned int i = 0; i < MAX_VDEVS; i++)
		if (vdevs[i] && vdevs[i]->registered)
			virtio_try_probe(vdevs[i]);
	return 0;
}

void unregister_virtio_driver(struct virtio_driver *drv)
{
	for (unsigned int i = 0; i < MAX_VDEVS; i++)
		if (vdevs[i] && vdevs[i]->vdev.dev.driver == &drv->driver)
			virtio_dev_remove(&vdevs[i]->vdev);
	vdrv = NULL;
}

/* virtio-mmio's platform driver ------------------------------------------- */

static int vm_probe(struct platform_device *pdev)
{
	struct ptf_vmmio *vm = devm_kzalloc(&pdev->dev, sizeof(*vm), GFP_KERNEL);
	unsigned int slot = 0;

	if (!vm)
		return -ENOMEM;
	while (slot < MAX_VDEVS && vdevs[slot])
		slot++;
	if (slot == MAX_VDEVS)
		ptf_rt_fatal("harness", "more than %d virtio devices", MAX_VDEVS);
	vm->pdev = pdev;
	ptf_device_init(&vm->vdev.dev, "virtio0", &vm->dma_mask);
	vm->vdev.dev.parent = &pdev->dev;
	vm->vdev.config = &vm_config_ops;
	vm->vdev.id.device = ptf_rt_virtio_device_id();
	/* A device ID of 0 is a placeholder: no device (virtio_mmio_probe()). */
	if (!vm->vdev.id.device)
		return -ENODEV;
	vm->vdev.id.vendor = 0x554d4551;	/* "QEMU", what most hosts report */
	vm->vdev.index = slot;
	vdevs[slot] = vm;
	platform_set_drvdata(pdev, vm);
	return register_virtio_device(&vm->vdev);
}

static void vm_remove(struct platform_device *pdev)
{
	struct ptf_vmmio *vm = platform_get_drvdata(pdev);

	unregister_virtio_device(&vm->vdev);
	vdevs[vm->vdev.index] = NULL;
}

static const struct of_device_id vm_match[] = {
	{ .compatible = "virtio,mmio" },
	{ }
};

static struct platform_driver virtio_mmio_driver = {
	.probe = vm_probe,
	.remove = vm_remove,
	.driver = { .name = "virtio-mmio", .of_match_table = vm_match },
};

/* Boot: the transport's initcall; then the glue registers the driver. */
int ptf_virtio_mmio_init(void)
{
	memset(vdevs, 0, sizeof(vdevs));
	vdrv = NULL;
	return platform_driver_register(&virtio_mmio_driver);
}
