// SPDX-License-Identifier: GPL-2.0
/* What every driver target shares (drv_common.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drv_common.h"

const char *const drv_fail_names[DRV_NR_FAILS] = {
	"none", "1", "2", "3", "5", "8",
};
const uint64_t drv_fail_values[DRV_NR_FAILS] = { 0, 1, 2, 3, 5, 8 };

const uint32_t *drv_table32(const struct hw_ctx *hw, uint64_t phys,
			    unsigned int entries)
{
	const uint32_t *t = hw->map(hw, phys, 4ULL * entries);

	if (!t)
		hw->error(hw, "table at 0x%llx is not live page-table memory",
			  (unsigned long long)phys);
	return t;
}

void drv_leaf(const struct hw_ctx *hw, uint64_t iova, uint64_t size,
	      uint64_t phys, int access)
{
	struct hw_leaf l = { .iova = iova, .size = size, .phys = phys,
			     .access = access };

	hw->leaf(hw, &l);
}

int drv_bank(uint64_t phys, uint64_t base, uint64_t stride, unsigned int nr,
	     uint64_t size, uint32_t *off)
{
	for (unsigned int i = 0; i < nr; i++) {
		uint64_t b = base + i * stride;

		if (phys >= b && phys - b < size) {
			*off = (uint32_t)(phys - b);
			return (int)i;
		}
	}
	return -1;
}

int drv_no_dirty_ret(const struct target_setup *ts, const char **warn)
{
	return -EOPNOTSUPP;
}

void drv_predict(const struct target_setup *ts, struct target_domain *d,
		 uint64_t pgsize_bitmap, uint64_t va_last,
		 const struct model_impl *impl)
{
	*d = (struct target_domain){
		.accepted = true,
		.create_allocs_open = true,
		.info = {
			.pgsize_bitmap = pgsize_bitmap,
			.ias = va_last == UINT64_MAX ? 64 :
			       64 - (unsigned int)__builtin_clzll(va_last),
			.oas = ts->pt.oas,
			.va_first = 0, .va_last = va_last,
		},
		.rules = {
			.pgsize_bitmap = pgsize_bitmap,
			.va_first = 0, .va_last = va_last,
			/* Each map_pages() checks or masks its own PA. */
			.pa_limit = UINT64_MAX,
		},
		.impl = impl,
		.incoherent = true,
	};
}

bool drv_alias32(const struct model *m, uint64_t iova, uint64_t *canon)
{
	*canon = iova & 0xffffffffULL;
	return true;
}

void drv_warn_sites(struct warn_site *out, size_t cap,
		    const struct warn_site *own, size_t nr,
		    const struct warn_site *format)
{
	size_t n = 0;

	while (format[n].id)
		n++;
	if (nr + n + 1 > cap) {
		fprintf(stderr, "ptfuzz: harness: %zu WARN sites do not fit in %zu\n",
			nr + n, cap - 1);
		abort();
	}
	memcpy(out, own, nr * sizeof(*own));
	memcpy(out + nr, format, (n + 1) * sizeof(*format));
}
