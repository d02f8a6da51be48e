/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel configuration ptfuzz builds the page tables with: a 64-bit
 * kernel with 64-bit physical addresses and 4K pages, the IOMMU API, the
 * io-pgtable formats and generic_pt, with generic_pt's debug checks (its
 * PT_WARN_ON invariants, as its kunit tests run it: each is an oracle
 * here).  CONFIG_CLANG_VERSION comes from the
 * Makefile (the compiler actually used).  Not set, on purpose: SMP, lockdep,
 * KASAN/KCSAN (the userspace sanitizers take their place), CONFIG_X86 (the
 * DMA-API path of iommu-pages.h is the one with device-visible syncs).
 */
#define CONFIG_64BIT 1
#define CONFIG_PHYS_ADDR_T_64BIT 1
#define CONFIG_ARCH_DMA_ADDR_T_64BIT 1
#define CONFIG_PAGE_SHIFT 12
#define CONFIG_NR_CPUS 1
#define CONFIG_CC_IS_CLANG 1
#define CONFIG_BUG 1
#define CONFIG_IOMMU_API 1
#define CONFIG_IOMMU_SUPPORT 1
#define CONFIG_IOMMUFD_DRIVER 1
#define CONFIG_IOMMU_IO_PGTABLE 1
#define CONFIG_IOMMU_IO_PGTABLE_LPAE 1
#define CONFIG_IOMMU_IO_PGTABLE_ARMV7S 1
#define CONFIG_IOMMU_IO_PGTABLE_DART 1
#define CONFIG_GENERIC_PT 1
#define CONFIG_IOMMU_PT 1
#define CONFIG_IOMMU_PT_AMDV1 1
#define CONFIG_IOMMU_PT_VTDSS 1
#define CONFIG_IOMMU_PT_X86_64 1
#define CONFIG_IOMMU_PT_RISCV64 1
#if PTF_PT_DEBUG
#define CONFIG_DEBUG_GENERIC_PT 1
#endif
