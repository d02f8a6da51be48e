// SPDX-License-Identifier: GPL-2.0
/*
 * iommufd as the fake processes see it: /dev/iommu opened, its ioctls
 * dispatched by the tree's own iommufd_fops_ioctl() (its ioctl table, size
 * checks and copy_struct_from_user()) to the tree's handlers, the context
 * released by the tree's iommufd_fops_release(); paging domains of the
 * groups' IOMMUs added to an IOAS as hwpt_paging objects; accesses (an
 * emulated device) that pin, unpin and copy through the IOAS.
 *
 * pages.c, io_pagetable.c and ioas.c are compiled whole; the object
 * helpers and the dispatcher (main.c), the accesses (device.c) and the
 * hwpt handlers (hw_pagetable.c) are extracted by name into this file
 * (Makefile: EXTRACTS_callers).  The ioctls and objects those files have
 * and this harness does not build (viommu, vdevice, fault queues, nested
 * hwpts, device binding, the vfio compat ioctls, the selftest's commands)
 * answer -EOPNOTSUPP: IOMMU_HWPT_ALLOC among them, since a device is
 * never bound; the hwpt of a group's domain is made here the way
 * iommufd_hwpt_paging_alloc() and the device attach make it.
 *
 * With CONFIG_IOMMUFD_TEST, iommufd_should_fail() is this file's: it
 * fails the n-th call the engine armed, the iommufd_fail_nth way.
 */
#include <linux/file.h>
#include <linux/iommu.h>
#include <linux/iommufd.h>
#include <linux/slab.h>
#include <uapi/linux/iommufd.h>

#include "iommufd/io_pagetable.h"
#include "iommufd/iommufd_private.h"
#include "iommufd/iommufd_test.h"

#include "caller.h"
#include "iommu-group-priv.h"
#include "iommufd-priv.h"
#include "user-mm.h"

#define MAX_ACCESSES	4

/* What main.c has besides the functions taken from it. */
struct miscdevice {
	int unused;
};
static struct miscdevice vfio_misc_dev;

/* Selftest knobs iommufd's code reads with CONFIG_IOMMUFD_TEST. */
size_t iommufd_test_memory_limit = 65536;
static unsigned int should_fail_at, should_fail_seq;
static bool should_fail_hit;

bool iommufd_should_fail(void)
{
	if (!should_fail_at || should_fail_hit)
		return false;
	if (++should_fail_seq < should_fail_at)
		return false;
	should_fail_hit = true;
	return true;
}

void iommufd_test_syz_conv_iova_id(struct iommufd_ucmd *ucmd,
				   unsigned int ioas_id, u64 *iova, u32 *flags)
{
}

/* Handlers and objects of files not built: never reached, or -EOPNOTSUPP. */
#define NOT_BUILT_IOCTL(fn)					\
	int fn(struct iommufd_ucmd *ucmd)			\
	{							\
		return -EOPNOTSUPP;				\
	}
#define NOT_BUILT_OBJ(fn)					\
	void fn(struct iommufd_object *obj)			\
	{							\
		WARN(1, "an object this harness never makes");	\
	}

NOT_BUILT_IOCTL(iommufd_fault_alloc)
NOT_BUILT_IOCTL(iommufd_get_hw_info)
NOT_BUILT_IOCTL(iommufd_hw_queue_alloc_ioctl)
NOT_BUILT_IOCTL(iommufd_hwpt_alloc)
NOT_BUILT_IOCTL(iommufd_hwpt_invalidate)
NOT_BUILT_IOCTL(iommufd_vdevice_alloc_ioctl)
NOT_BUILT_IOCTL(iommufd_veventq_alloc)
NOT_BUILT_IOCTL(iommufd_vfio_ioas)
NOT_BUILT_IOCTL(iommufd_viommu_alloc_ioctl)
NOT_BUILT_IOCTL(iommufd_test)
NOT_BUILT_OBJ(iommufd_device_pre_destroy)
NOT_BUILT_OBJ(iommufd_device_destroy)
NOT_BUILT_OBJ(iommufd_fault_destroy)
NOT_BUILT_OBJ(iommufd_hw_queue_destroy)
NOT_BUILT_OBJ(iommufd_vdevice_destroy)
NOT_BUILT_OBJ(iommufd_vdevice_abort)
NOT_BUILT_OBJ(iommufd_veventq_destroy)
NOT_BUILT_OBJ(iommufd_veventq_abort)
NOT_BUILT_OBJ(iommufd_viommu_destroy)
NOT_BUILT_OBJ(iommufd_selftest_destroy)

int iommufd_vfio_ioctl(struct iommufd_ctx *ictx, unsigned int cmd,
		       unsigned long arg)
{
	return -ENOIOCTLCMD;
}

#include <extract/iommufd_main.c>
#include <extract/iommufd_device.c>
#include <extract/iommufd_hwpt.c>

static const struct file_operations ptf_iommufd_fops = {
	.release	= iommufd_fops_release,
	.unlocked_ioctl	= iommufd_fops_ioctl,
};

/* The context and its file -------------------------------------------------- */

/* A file whose open failed: fput() calls no release. */
static const struct file_operations failed_open_fops;

int ptf_iommufd_open(void)
{
	struct file *f;
	int fd, ret;

	fd = ptf_file_install(&ptf_iommufd_fops, NULL);
	if (fd < 0)
		return fd;
	f = ptf_file_of(fd);
	ret = iommufd_fops_open(NULL, f);
	if (ret) {
		/* The open failed: the file goes without a release. */
		f->f_op = &failed_open_fops;
		ptf_file_close(fd);
		return ret;
	}
	/*
	 * The other process gets the file too (the VMM's helper, given it
	 * over a socket): an ioctl from it maps that process's memory.
	 */
	ret = ptf_file_share(fd);
	if (ret) {
		ptf_file_close(fd);
		return ret;
	}
	return fd;
}

long ptf_iommufd_ioctl(int fd, unsigned int cmd, ptf_u64 arg)
{
	struct file *f = ptf_file_of(fd);

	if (!f)
		return -EBADF;
	return f->f_op->unlocked_ioctl(f, cmd, arg);
}

void ptf_iommufd_close(int fd)
{
	ptf_file_close_shared(fd);
}

/* A group's domain as an IOAS's hwpt_paging ------------------------------------ */

/*
 * The paging domain of @group's IOMMU, or (group -1) of iommufd's no-IOMMU
 * mode: a software-only amdv1 table (hwpt_noiommu.c), owned by
 * iommufd_noiommu_ops as iommufd_hwpt_paging_alloc() marks it.
 */
static struct iommu_domain *alloc_domain(int group, int dirty)
{
	struct iommu_domain *domain;

	if (group >= 0)
		return iommu_paging_domain_alloc_flags(ptf_group_device(group),
				dirty ? IOMMU_HWPT_ALLOC_DIRTY_TRACKING : 0);
	domain = iommufd_noiommu_ops.domain_alloc_paging_flags(NULL, 0, NULL);
	if (!IS_ERR(domain)) {
		domain->owner = &iommufd_noiommu_ops;
		domain->type = IOMMU_DOMAIN_UNMANAGED;
	}
	return domain;
}

/*
 * What iommufd_hwpt_paging_alloc() and iommufd_hw_pagetable_attach() do
 * for a device of @group: a paging domain (with dirty tracking if asked)
 * in a hwpt_paging object holding the IOAS, added to the IOAS's
 * io_pagetable, the group attached (its reference on the hwpt).
 */
int ptf_iommufd_attach(int fd, int group, unsigned int ioas_id, int dirty,
		       unsigned int *hwpt_id)
{
	struct file *f = ptf_file_of(fd);
	struct iommufd_ctx *ictx = f ? f->private_data : NULL;
	struct iommufd_hwpt_paging *hwpt_paging;
	struct iommu_domain *domain;
	struct iommufd_ioas *ioas;
	int rc;

	if (!ictx)
		return -EBADF;
	ioas = iommufd_get_ioas(ictx, ioas_id);
	if (IS_ERR(ioas))
		return PTR_ERR(ioas);
	hwpt_paging = __iommufd_object_alloc(ictx, hwpt_paging,
					     IOMMUFD_OBJ_HWPT_PAGING, common.obj);
	if (IS_ERR(hwpt_paging)) {
		rc = PTR_ERR(hwpt_paging);
		goto out_put;
	}
	INIT_LIST_HEAD(&hwpt_paging->hwpt_item);
	refcount_inc(&ioas->obj.users);
	hwpt_paging->ioas = ioas;
	domain = alloc_domain(group, dirty);
	if (IS_ERR(domain)) {
		rc = PTR_ERR(domain);
		goto out_abort;
	}
	hwpt_paging->common.domain = domain;
	mutex_lock(&ioas->mutex);
	/* iommufd_device_attach_reserved_iova(): the device's regions. */
	rc = group < 0 ? 0 :
	     iopt_table_enforce_dev_resv_regions(&ioas->iopt,
						 ptf_group_device(group), NULL);
	if (rc) {
		mutex_unlock(&ioas->mutex);
		goto out_abort;
	}
	rc = iopt_table_add_domain(&ioas->iopt, domain);
	if (!rc) {
		list_add_tail(&hwpt_paging->hwpt_item, &ioas->hwpt_list);
		rc = group < 0 ? 0 : iommu_attach_group(domain, ptf_group(group));
		if (rc) {
			list_del_init(&hwpt_paging->hwpt_item);
			iopt_table_remove_domain(&ioas->iopt, domain);
		}
	}
	if (rc && group >= 0)
		iopt_remove_reserved_iova(&ioas->iopt, ptf_group_device(group));
	mutex_unlock(&ioas->mutex);
	if (rc)
		goto out_abort;
	/* The attached device's reference. */
	refcount_inc(&hwpt_paging->common.obj.users);
	iommufd_object_finalize(ictx, &hwpt_paging->common.obj);
	*hwpt_id = hwpt_paging->common.obj.id;
	iommufd_put_object(ictx, &ioas->obj);
	return 0;

out_abort:
	mutex_lock(&ioas->mutex);
	iommufd_object_abort_and_destroy(ictx, &hwpt_paging->common.obj);
	mutex_unlock(&ioas->mutex);
out_put:
	iommufd_put_object(ictx, &ioas->obj);
	return rc;
}

/* The group's device leaves the hwpt (its reference goes). */
int ptf_iommufd_detach(int fd, int group, unsigned int hwpt_id)
{
	struct file *f = ptf_file_of(fd);
	struct iommufd_ctx *ictx = f ? f->private_data : NULL;
	struct iommufd_hwpt_paging *hwpt_paging;
	struct iommufd_object *obj;

	if (!ictx)
		return -EBADF;
	obj = iommufd_get_object(ictx, hwpt_id, IOMMUFD_OBJ_HWPT_PAGING);
	if (IS_ERR(obj))
		return PTR_ERR(obj);
	hwpt_paging = container_of(obj, struct iommufd_hwpt_paging, common.obj);
	if (group >= 0) {
		iommu_detach_group(hwpt_paging->common.domain, ptf_group(group));
		iopt_remove_reserved_iova(&hwpt_paging->ioas->iopt,
					  ptf_group_device(group));
	}
	refcount_dec(&obj->users);
	iommufd_put_object(ictx, obj);
	return 0;
}

/* Accesses: an emulated device on an IOAS ------------------------------------- */

struct ptf_access {
	struct iommufd_access *access;
	struct {
		unsigned long iova, length;
	} pins[PTF_PIN_MAX];
	unsigned int nr_pins;
	unsigned int id;
};

static struct ptf_access accesses[MAX_ACCESSES];

static void access_unpin_record(struct ptf_access *a, unsigned int i)
{
	iommufd_access_unpin_pages(a->access, a->pins[i].iova,
				   a->pins[i].length);
	a->pins[i] = a->pins[--a->nr_pins];
}

/* The unmap notification: give back every pin in the range, as drivers must. */
static void access_unmap(void *data, unsigned long iova, unsigned long length)
{
	struct ptf_access *a = data;
	unsigned long last = iova + length - 1;

	for (unsigned int i = a->nr_pins; i--;) {
		unsigned long plast = a->pins[i].iova + a->pins[i].length - 1;

		if (a->pins[i].iova <= last && iova <= plast)
			access_unpin_record(a, i);
	}
}

static const struct iommufd_access_ops access_ops = {
	.needs_pin_pages = 1,
	.unmap = access_unmap,
};

int ptf_access_create(int fd, unsigned int ioas_id)
{
	struct file *f = ptf_file_of(fd);
	struct iommufd_ctx *ictx = f ? f->private_data : NULL;
	struct ptf_access *a;
	int i, rc;

	if (!ictx)
		return -EBADF;
	for (i = 0; i < MAX_ACCESSES && accesses[i].access; i++)
		;
	if (i == MAX_ACCESSES)
		return -ENOSPC;
	a = &accesses[i];
	a->access = iommufd_access_create(ictx, &access_ops, a, &a->id);
	if (IS_ERR(a->access)) {
		rc = PTR_ERR(a->access);
		a->access = NULL;
		return rc;
	}
	rc = iommufd_access_attach(a->access, ioas_id);
	if (rc) {
		iommufd_access_destroy(a->access);
		a->access = NULL;
		return rc;
	}
	return i;
}

void ptf_access_destroy(int i)
{
	struct ptf_access *a = &accesses[i];

	while (a->nr_pins)
		access_unpin_record(a, a->nr_pins - 1);
	iommufd_access_destroy(a->access);
	*a = (struct ptf_access){ 0 };
}

int ptf_access_pin(int i, ptf_u64 iova, ptf_u64 len, int write, ptf_u64 *pfns)
{
	struct ptf_access *a = &accesses[i];
	struct page *pages[PTF_PIN_MAX];
	int rc;

	if (len > PTF_PIN_MAX * PAGE_SIZE || a->nr_pins == PTF_PIN_MAX)
		return -E2BIG;
	rc = iommufd_access_pin_pages(a->access, iova, len, pages,
				      write ? IOMMUFD_ACCESS_RW_WRITE : 0);
	if (rc)
		return rc;
	for (ptf_u64 p = 0; p < DIV_ROUND_UP(len + (iova & ~PAGE_MASK), PAGE_SIZE); p++)
		pfns[p] = page_to_pfn(pages[p]);
	a->pins[a->nr_pins++] = (typeof(a->pins[0])){ iova, len };
	return 0;
}

void ptf_access_unpin(int i, ptf_u64 iova, ptf_u64 len)
{
	struct ptf_access *a = &accesses[i];

	for (unsigned int k = 0; k < a->nr_pins; k++)
		if (a->pins[k].iova == iova && a->pins[k].length == len) {
			access_unpin_record(a, k);
			return;
		}
}

int ptf_access_rw(int i, ptf_u64 iova, void *data, ptf_u64 len,
		  unsigned int flags)
{
	return iommufd_access_rw(accesses[i].access, iova, data, len, flags);
}

/* The harness's side --------------------------------------------------------------- */

void ptf_iommufd_reset(void)
{
	for (int i = 0; i < MAX_ACCESSES; i++)
		accesses[i] = (struct ptf_access){ 0 };
	should_fail_at = should_fail_seq = 0;
	should_fail_hit = false;
}

void ptf_should_fail_nth(unsigned int nth)
{
	should_fail_at = nth;
	should_fail_seq = 0;
	should_fail_hit = false;
}

int ptf_should_fail_delivered(void)
{
	return should_fail_hit;
}
