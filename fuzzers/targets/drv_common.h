/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drv_common.h - what every driver target shares: the driver twin, the
 * configuration fields every driver has, and small helpers for device
 * models and walkers.  Each driver's knowledge (its registers, its table
 * format, its hardware variants) stays in its own target file.
 */
#ifndef PTF_DRV_COMMON_H
#define PTF_DRV_COMMON_H

#include "target.h"

#define DRV_NR_FAILS	6
extern const char *const drv_fail_names[DRV_NR_FAILS];
extern const uint64_t drv_fail_values[DRV_NR_FAILS];

/* The field every driver target ends its list with. */
#define DRV_COMMON_FIELDS(create_fail)					\
	[create_fail]	= { "create_fail", FIELD(drv_fail_names, drv_fail_values) }

/* The driver twins, as renamed at link time. */
extern const struct ptf_twin_ops ptf_base__ptf_twin_driver;
extern const struct ptf_twin_ops ptf_cand__ptf_twin_driver;
#define DRV_TWINS { &ptf_base__ptf_twin_driver, &ptf_cand__ptf_twin_driver }

/* @entries 32-bit table entries at @phys, as the device reads them. */
const uint32_t *drv_table32(const struct hw_ctx *hw, uint64_t phys,
			    unsigned int entries);

/* Report a leaf the device translates. */
void drv_leaf(const struct hw_ctx *hw, uint64_t iova, uint64_t size,
	      uint64_t phys, int access);

/*
 * The bank of @nr register banks, @stride apart from @base and @size
 * long, that @phys falls in (its offset in *off), or -1.
 */
int drv_bank(uint64_t phys, uint64_t base, uint64_t stride, unsigned int nr,
	     uint64_t size, uint32_t *off);

/*
 * A driver's own WARN sites (@nr of them), then its page-table format's
 * (@format, ended by a NULL id), into @out, of @cap entries, ended the
 * same way; a harness error if they do not fit.
 */
void drv_warn_sites(struct warn_site *out, size_t cap,
		    const struct warn_site *own, size_t nr,
		    const struct warn_site *format);

/* A driver without read_and_clear_dirty: iommufd gets -EOPNOTSUPP. */
int drv_no_dirty_ret(const struct target_setup *ts, const char **warn);

/*
 * What every driver target predicts of a domain: accepted, with the
 * driver's @pgsize_bitmap and the IOVA window [0, @va_last] it publishes,
 * the OAS of its hardware, a non-coherent walk (these IOMMUs sit on
 * non-coherent interconnects), no dirty ops, and @impl for its tables.
 */
void drv_predict(const struct target_setup *ts, struct target_domain *d,
		 uint64_t pgsize_bitmap, uint64_t va_last,
		 const struct model_impl *impl);

/* The IOVA a 32-bit IOMMU translates @iova as: the driver truncates it. */
bool drv_alias32(const struct model *m, uint64_t iova, uint64_t *canon);

/* Bits [hi:lo] of @v. */
static inline uint64_t drv_bits(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & ((2ULL << (hi - lo)) - 1);
}

#endif /* PTF_DRV_COMMON_H */
