/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uapi.h - the VFIO type1 and iommufd ioctls as userspace sees them: the
 * struct layouts and ioctl numbers of the ABI (include/uapi/linux/vfio.h,
 * iommufd.h), for the harness, which is built against libc.  The host's
 * own headers are too old for iommufd (Debian 12 has Linux 6.1's).
 */
#ifndef PTF_UAPI_H
#define PTF_UAPI_H

#include <stdint.h>

#define PTF_IO(type, nr)	((unsigned int)(((type) << 8) | (nr)))

/* VFIO --------------------------------------------------------------------- */

#define VFIO_TYPE1_IOMMU		1
#define VFIO_TYPE1v2_IOMMU		3
/* The nesting type, withdrawn: it opens a v2 container. */
#define VFIO_TYPE1_NESTING_IOMMU	6
#define VFIO_DMA_CC_IOMMU		4
#define VFIO_UNMAP_ALL			9
#define VFIO_UPDATE_VADDR		10

#define VFIO_CHECK_EXTENSION		PTF_IO(';', 100 + 1)
#define VFIO_IOMMU_GET_INFO		PTF_IO(';', 100 + 12)
#define VFIO_IOMMU_MAP_DMA		PTF_IO(';', 100 + 13)
#define VFIO_IOMMU_UNMAP_DMA		PTF_IO(';', 100 + 14)
#define VFIO_IOMMU_DIRTY_PAGES		PTF_IO(';', 100 + 17)

struct vfio_iommu_type1_info {
	uint32_t argsz;
	uint32_t flags;
	uint64_t iova_pgsizes;
	uint32_t cap_offset;
	uint32_t pad;
};

#define VFIO_IOMMU_INFO_PGSIZES		(1 << 0)
#define VFIO_IOMMU_INFO_CAPS		(1 << 1)

struct vfio_info_cap_header {
	uint16_t id;
	uint16_t version;
	uint32_t next;
};

#define VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE	1
#define VFIO_IOMMU_TYPE1_INFO_CAP_MIGRATION	2
#define VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL		3

struct vfio_iova_range {
	uint64_t start;
	uint64_t end;
};

struct vfio_iommu_type1_info_cap_iova_range {
	struct vfio_info_cap_header header;
	uint32_t nr_iovas;
	uint32_t reserved;
	struct vfio_iova_range iova_ranges[];
};

struct vfio_iommu_type1_info_cap_migration {
	struct vfio_info_cap_header header;
	uint32_t flags;
	uint64_t pgsize_bitmap;
	uint64_t max_dirty_bitmap_size;
};

struct vfio_iommu_type1_info_dma_avail {
	struct vfio_info_cap_header header;
	uint32_t avail;
};

struct vfio_iommu_type1_dma_map {
	uint32_t argsz;
	uint32_t flags;
	uint64_t vaddr;
	uint64_t iova;
	uint64_t size;
};

#define VFIO_DMA_MAP_FLAG_READ		(1 << 0)
#define VFIO_DMA_MAP_FLAG_WRITE		(1 << 1)
#define VFIO_DMA_MAP_FLAG_VADDR		(1 << 2)

struct vfio_bitmap {
	uint64_t pgsize;
	uint64_t size;
	uint64_t data;
};

struct vfio_iommu_type1_dma_unmap {
	uint32_t argsz;
	uint32_t flags;
	uint64_t iova;
	uint64_t size;
};

#define VFIO_DMA_UNMAP_FLAG_GET_DIRTY_BITMAP	(1 << 0)
#define VFIO_DMA_UNMAP_FLAG_ALL			(1 << 1)
#define VFIO_DMA_UNMAP_FLAG_VADDR		(1 << 2)

struct vfio_iommu_type1_dirty_bitmap {
	uint32_t argsz;
	uint32_t flags;
};

struct vfio_iommu_type1_dirty_bitmap_get {
	uint64_t iova;
	uint64_t size;
	struct vfio_bitmap bitmap;
};

#define VFIO_IOMMU_DIRTY_PAGES_FLAG_START	(1 << 0)
#define VFIO_IOMMU_DIRTY_PAGES_FLAG_STOP	(1 << 1)
#define VFIO_IOMMU_DIRTY_PAGES_FLAG_GET_BITMAP	(1 << 2)

/* iommufd ------------------------------------------------------------------ */

#define IOMMUFD_TYPE			';'
#define IOMMU_DESTROY			PTF_IO(IOMMUFD_TYPE, 0x80)
#define IOMMU_IOAS_ALLOC		PTF_IO(IOMMUFD_TYPE, 0x81)
#define IOMMU_IOAS_ALLOW_IOVAS		PTF_IO(IOMMUFD_TYPE, 0x82)
#define IOMMU_IOAS_COPY			PTF_IO(IOMMUFD_TYPE, 0x83)
#define IOMMU_IOAS_IOVA_RANGES		PTF_IO(IOMMUFD_TYPE, 0x84)
#define IOMMU_IOAS_MAP			PTF_IO(IOMMUFD_TYPE, 0x85)
#define IOMMU_IOAS_UNMAP		PTF_IO(IOMMUFD_TYPE, 0x86)
#define IOMMU_OPTION			PTF_IO(IOMMUFD_TYPE, 0x87)
#define IOMMU_HWPT_SET_DIRTY_TRACKING	PTF_IO(IOMMUFD_TYPE, 0x8b)
#define IOMMU_HWPT_GET_DIRTY_BITMAP	PTF_IO(IOMMUFD_TYPE, 0x8c)
#define IOMMU_IOAS_CHANGE_PROCESS	PTF_IO(IOMMUFD_TYPE, 0x92)

struct iommu_destroy {
	uint32_t size;
	uint32_t id;
};

struct iommu_ioas_alloc {
	uint32_t size;
	uint32_t flags;
	uint32_t out_ioas_id;
};

struct iommu_iova_range {
	uint64_t start;
	uint64_t last;
};

struct iommu_ioas_iova_ranges {
	uint32_t size;
	uint32_t ioas_id;
	uint32_t num_iovas;
	uint32_t __reserved;
	uint64_t allowed_iovas;
	uint64_t out_iova_alignment;
};

struct iommu_ioas_allow_iovas {
	uint32_t size;
	uint32_t ioas_id;
	uint32_t num_iovas;
	uint32_t __reserved;
	uint64_t allowed_iovas;
};

struct iommu_ioas_map {
	uint32_t size;
	uint32_t flags;
	uint32_t ioas_id;
	uint32_t __reserved;
	uint64_t user_va;
	uint64_t length;
	uint64_t iova;
};

#define IOMMU_IOAS_MAP_FIXED_IOVA	(1 << 0)
#define IOMMU_IOAS_MAP_WRITEABLE	(1 << 1)
#define IOMMU_IOAS_MAP_READABLE		(1 << 2)

struct iommu_ioas_copy {
	uint32_t size;
	uint32_t flags;
	uint32_t dst_ioas_id;
	uint32_t src_ioas_id;
	uint64_t length;
	uint64_t dst_iova;
	uint64_t src_iova;
};

struct iommu_ioas_unmap {
	uint32_t size;
	uint32_t ioas_id;
	uint64_t iova;
	uint64_t length;
};

struct iommu_option {
	uint32_t size;
	uint32_t option_id;
	uint16_t op;
	uint16_t __reserved;
	uint32_t object_id;
	uint64_t val64;
};

#define IOMMU_OPTION_RLIMIT_MODE	0
#define IOMMU_OPTION_HUGE_PAGES		1
#define IOMMU_OPTION_OP_SET		0
#define IOMMU_OPTION_OP_GET		1

struct iommu_hwpt_set_dirty_tracking {
	uint32_t size;
	uint32_t flags;
	uint32_t hwpt_id;
	uint32_t __reserved;
};

#define IOMMU_HWPT_DIRTY_TRACKING_ENABLE	1

struct iommu_hwpt_get_dirty_bitmap {
	uint32_t size;
	uint32_t hwpt_id;
	uint32_t flags;
	uint32_t __reserved;
	uint64_t iova;
	uint64_t length;
	uint64_t page_size;
	uint64_t data;
};

#define IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR	1

struct iommu_ioas_change_process {
	uint32_t size;
	uint32_t __reserved;
};

#endif /* PTF_UAPI_H */
