// SPDX-License-Identifier: GPL-2.0
/*
 * Shared by the generic_pt targets; see pt_common.h.
 */
#include <errno.h>

#include "pt_common.h"

const char *const pt_tables_names[PT_NR_TABLES] = { "low", "high" };
const uint64_t pt_tables_values[PT_NR_TABLES] = { 0, 1 };
const char *const pt_fail_names[PT_NR_FAILS] = { "none", "1", "2", "3", "4", "5" };
const uint64_t pt_fail_values[PT_NR_FAILS] = { 0, 1, 2, 3, 4, 5 };

uint64_t pt_table_base(uint64_t tables)
{
	return tables ? 1ULL << 40 : 1ULL << 30;
}

void pt_setup_common(struct target_setup *ts, uint64_t tables,
		     uint64_t create_fail)
{
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		pt_table_base(tables);
	ts->create_fail = (unsigned int)create_fail;
}

void pt_rules(const struct target_setup *ts, const struct ptf_pt_info *info,
	      struct model_rules *r)
{
	*r = (struct model_rules){
		.family = MODEL_GENERIC_PT,
		.pgsize_bitmap = info->pgsize_bitmap,
		.va_first = info->va_first,
		.va_last = info->va_last,
		.upper_first = info->va_upper_first,
		.pa_limit = info->oas < 64 ? 1ULL << info->oas : UINT64_MAX,
		.map_needs_rw = true,
		.top_level = info->top_level,
	};
}

int pt_no_dirty_ret(const struct target_setup *ts, bool *in_contract)
{
	*in_contract = true;
	return -EOPNOTSUPP;
}

const struct warn_site pt_warn_sites[] = {
	{ "iommu_pt.h", "*_map_range",
	  "map with neither IOMMU_READ nor IOMMU_WRITE: -EINVAL" },
	{ NULL },
};
