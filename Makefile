# SPDX-License-Identifier: GPL-2.0
#
# ptfuzz - differential fuzzing of the Linux kernel's IOMMU page tables.
#
#   make             every fuzz target (build/fuzz/bin/<target>: libFuzzer,
#                    ASan+UBSan) and its replay driver
#                    (build/tools/bin/<target>-run)
#   make check       the test suite: what CI runs (tests/run-tests.sh)
#   make bench       benchmarks (bench/)
#   make trees       only fetch and prepare the kernel trees
#   make show-units  per unit: its targets, whether the differential runs,
#                    the patches applied, failed and not needed
#   make clean       remove build/ (fetched trees included)
#
#   KSRC=DIR         tree under test (default: Debian's linux-source-7.3)
#   BASE_KSRC=DIR    the baseline, legacy tree (default: KSRC without the series)
#   CC=clang-N       compiler (default: the newest clang that links libFuzzer)
#   PT_DEBUG=0       generic_pt without CONFIG_DEBUG_GENERIC_PT, as production
#                    kernels build it (default 1: its invariants are oracles)
#   PTF_BUILD=DIR    build directory (default build/, and build/PKG/ with
#                    PTF_KERNEL_PKG=PKG: each Debian tree builds apart)
#   ENGINE_CFLAGS=.. ENGINE_LINK=..  a fuzzing service's flags and engine
#                    for the fuzz build (.clusterfuzzlite/build.sh)

VARIANTS := fuzz tools plain fast cov prod
B := $(or $(PTF_BUILD),build$(if $(PTF_KERNEL_PKG),/$(PTF_KERNEL_PKG)))
# Scripts and tests started from here use the same one.
export PTF_BUILD := $(B)

export KSRC BASE_KSRC PTF_KERNEL_PKG

MAKEFLAGS += --no-builtin-rules
# Every core by default (a -j on the command line wins): CI's make check
# builds a tree of twins per target, mutant and fix.  Sub-makes share the
# jobserver of the first.
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += -j$(shell nproc)
endif
.SUFFIXES:
# Nothing built is an intermediate file to delete (trees, extracts, objects).
.SECONDARY:
.DEFAULT_GOAL := all
.PHONY: all check bench trees clean help list-targets show-toolchain show-units unit-env FORCE fuzz-bins core32-bins \
	run-bins plain-bins prod-bins fast-bins cov-bins mutant-bins mutant-fuzz-bins bench-catch fix-bins fup-bins \
	afl afl-bins afl-check-bin kunit-tree
.DELETE_ON_ERROR:

# Goals that must not fetch or build kernel trees.
ifneq ($(filter-out clean help unit-env,$(or $(MAKECMDGOALS),all)),)
NEED_TREES := 1
endif

# Flags -------------------------------------------------------------------------

PT_DEBUG ?= 1
ifeq ($(filter 0 1,$(PT_DEBUG)),)
$(error ptfuzz: PT_DEBUG must be 0 or 1)
endif

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
       -fno-omit-frame-pointer
# Per-module ASan global registration, without COMDAT groups: the two
# twins define the same symbols, and their groups would get the same names
# (the linker then drops one twin's static data).  clang 16 and later also
# take -fno-sanitize-address-globals-dead-stripping; this option works from
# clang 14 on.  scripts/find-clang.sh proves it has that effect.
KSAN := -mllvm -asan-globals-live-support=0
# A link has no use for KSAN (clang warns that it is unused).
san_link = $(filter-out $(KSAN),$(SAN_$(1)))
# Per variant: sanitizers, kernel-code instrumentation, optimisation, main.
SAN_fuzz := $(SAN) $(KSAN)
SAN_tools := $(SAN) $(KSAN)
SAN_plain :=
SAN_fast :=
SAN_cov :=
SAN_prod := $(SAN) $(KSAN)
KINSTR_fuzz := -fsanitize=fuzzer-no-link
KINSTR_plain := -fsanitize=fuzzer-no-link
KINSTR_tools :=
KINSTR_fast :=
KINSTR_cov := -fprofile-instr-generate -fcoverage-mapping
KINSTR_prod :=
OPT_fuzz := -O1
OPT_tools := -O1
OPT_plain := -O2
OPT_fast := -O2
OPT_cov := -O1
OPT_prod := -O1
MAIN_fuzz := libfuzzer
MAIN_plain := libfuzzer
MAIN_tools := standalone
MAIN_fast := standalone
MAIN_cov := standalone
MAIN_prod := standalone
# generic_pt's debug checks: PT_DEBUG, but never for prod (the replay
# driver of generic_pt as production kernels build it).
$(foreach v,$(VARIANTS),$(eval PTDEBUG_$(v) := $(PT_DEBUG)))
PTDEBUG_prod := 0
LINK_libfuzzer := -fsanitize=fuzzer
LINK_standalone :=
# An engine's build (ClusterFuzzLite, OSS-Fuzz: .clusterfuzzlite/build.sh)
# adds its flags to the fuzz variant: ENGINE_CFLAGS to every compile and
# link, their coverage instrumentation to the kernel code alone (as ours),
# and ENGINE_LINK links its fuzzing engine instead of -fsanitize=fuzzer.
ENGINE_CFLAGS ?=
ENGINE_LINK ?=
ENGINE_COV := $(filter -fsanitize=fuzzer-no-link -fsanitize-coverage=% -fprofile-instr-generate \
	-fcoverage-mapping,$(ENGINE_CFLAGS))
SAN_fuzz += $(filter-out $(ENGINE_COV),$(ENGINE_CFLAGS))
KINSTR_fuzz += $(ENGINE_COV)
LINKF_fuzz := $(ENGINE_LINK)
# A variant's link flag for its main: its own, or its main's.
link_of = $(or $(LINKF_$(1)),$(LINK_$(MAIN_$(1))))
# The fuzz variant's objects remember the engine flags they were built
# with: once flags other than ours were given, a change of them rebuilds
# the variant.
ENGINE_FLAGS := $(strip $(ENGINE_CFLAGS)) | $(call link_of,fuzz)
ENGINE_STAMP := $(B)/fuzz/engine-flags
STAMP_fuzz := $(if $(strip $(ENGINE_CFLAGS))$(filter-out $(LINK_libfuzzer),$(ENGINE_LINK))$(wildcard \
	$(ENGINE_STAMP)),$(ENGINE_STAMP))

# Kernel code: kbuild-like flags, the shim's stand-ins first.
KCFLAGS_BASE := -nostdinc -D__KERNEL__ -std=gnu11 \
	-fno-strict-overflow -fno-strict-aliasing -fno-common -fshort-wchar \
	-fno-delete-null-pointer-checks -g -Wall -Wno-unused-function \
	-Wno-gnu-variable-sized-type-not-at-end -Wno-address-of-packed-member \
	-Wno-pointer-sign -Wno-initializer-overrides -Wno-unused-but-set-variable \
	-Wno-format-security \
	-Wno-visibility

# Harness code: plain C against libc.
CFLAGS := -std=gnu11 -D_GNU_SOURCE -g -Wall -Wextra -Wno-unused-parameter \
	-Wno-missing-field-initializers -Wno-sign-compare \
	-Ikernel-shim/abi -Ikernel-shim/runtime -Imodel -Ifuzzers/twins \
	-Ifuzzers/engine -Ifuzzers/formats

# Toolchain -----------------------------------------------------------------
#
# scripts/find-clang.sh probes a compiler with exactly the flags of every
# variant above: kernel code, harness code, and two twins linked into one
# binary and run.  Without CC= it picks the newest clang that passes (and
# installs clang-19 when none does).  It prints "CC LLVM_BIN" or one line
# saying what is missing.

PROBE_VARIANTS := $(foreach v,$(VARIANTS),'$(v)|$(KCFLAGS_BASE) $(OPT_$(v)) $(SAN_$(v)) $(KINSTR_$(v))|$(CFLAGS) $(OPT_$(v)) $(SAN_$(v))|$(call san_link,$(v)) $(call link_of,$(v)) $(KINSTR_$(v))')

ifdef NEED_TREES
ifneq ($(shell scripts/setup-deps.sh >&2 || echo failed),)
$(error ptfuzz: the build tools are missing (see above))
endif
ifeq ($(origin CC),default)
TOOLCHAIN := $(shell scripts/find-clang.sh --install --cache $(B)/toolchain $(PROBE_VARIANTS))
else
TOOLCHAIN := $(shell scripts/find-clang.sh --cache $(B)/toolchain --cc '$(CC)' $(PROBE_VARIANTS))
endif
ifeq ($(word 1,$(TOOLCHAIN)),error:)
$(error ptfuzz: $(wordlist 2,1000,$(TOOLCHAIN)))
endif
CC := $(word 1,$(TOOLCHAIN))
LLVM_BIN := $(word 2,$(TOOLCHAIN))
endif
LD := ld
NM := nm
OBJCOPY := objcopy
CLANG_INC := $(shell $(CC) -print-file-name=include 2>/dev/null)
CLANG_VERSION := $(shell $(CC) -dumpversion 2>/dev/null | awk -F. '{printf "%d%02d%02d", $$1, $$2, $$3}')
KCFLAGS := $(KCFLAGS_BASE) -isystem $(CLANG_INC) -DCONFIG_CLANG_VERSION=$(CLANG_VERSION)

# Kernel trees ----------------------------------------------------------------
#
# A failed preparation stops every goal (exit 2): nothing half-prepared is
# used.  A unit the tree cannot build is left out, and one whose files did
# not all take patches/ runs with the differential off (see Units below).

ifdef NEED_TREES
include $(B)/trees.mk
$(B)/trees.mk: FORCE
	@mkdir -p $(B) && $(UNIT_ENV) scripts/prepare-trees.sh $(B)
endif

trees: $(B)/trees.mk

# Sources ---------------------------------------------------------------------

# Page-table families: each target links the twins of one.  generic_pt
# formats are those both trees have (GENPT_FMTS, from scripts/prepare-trees.sh).
TARGETS_iopgtable := arm_lpae arm_v7s dart
GENPT_TARGET_amdv1 := pt_amdv1
GENPT_TARGET_mock := pt_amdv1_mock
GENPT_TARGET_vtdss := pt_vtdss
GENPT_TARGET_x86_64 := pt_x86_64
GENPT_TARGET_riscv64 := pt_riscv64
TARGETS_genpt := $(foreach f,$(GENPT_FMTS),$(if $(wildcard fuzzers/targets/$(GENPT_TARGET_$(f)).c),$(GENPT_TARGET_$(f))))
# Every target of the family, for the line that says why it was left out.
ALL_TARGETS_genpt := $(sort $(foreach v,$(filter GENPT_TARGET_%,$(.VARIABLES)),$($(v))))
# Drivers with their own page tables: one unit (twin) per driver, whose glue
# fuzzers/twins/drivers/NAME.c #includes the tree's driver source, and whose
# target is fuzzers/targets/NAME.c.  One line per driver: DRIVER_SRC_NAME :=
# the source, then any tree library file it links (compiled beside it) and
# the tree's architecture headers it includes (arch/..., also in
# scripts/kernel-paths.txt; see ARCHES_ below).  A unit both trees have
# (Units below) becomes a target.  A driver of another bus names the
# stand-in of that bus in DRIVER_SHIM_NAME.
DRIVER_SRC_rockchip := drivers/iommu/rockchip-iommu.c
DRIVER_SRC_exynos := drivers/iommu/exynos-iommu.c
DRIVER_SRC_sun50i := drivers/iommu/sun50i-iommu.c
DRIVER_SRC_sprd := drivers/iommu/sprd-iommu.c
DRIVER_SRC_tegra := drivers/iommu/tegra-smmu.c
DRIVER_SRC_vsi := drivers/iommu/vsi-iommu.c
DRIVER_SRC_virtio := drivers/iommu/virtio-iommu.c lib/interval_tree.c lib/rbtree.c
DRIVER_SHIM_virtio := kernel-shim/kernel/virtio.c
DRIVER_SRC_omap := drivers/iommu/omap-iommu.c
DRIVER_SRC_mtk_v1 := drivers/iommu/mtk_iommu_v1.c
DRIVER_SRC_s390 := drivers/iommu/s390-iommu.c arch/s390/include/asm/pci_dma.h
# Drivers on io-pgtable: the same, but the glue takes the driver's functions
# by name (its "ptf-extract:" lines) instead of the whole file, and the unit
# also builds io-pgtable.  One line per driver: IOPGDRV_SRC_NAME := the source.
IOPGDRV_SRC_arm_smmu := drivers/iommu/arm/arm-smmu/arm-smmu.c
IOPGDRV_SRC_arm_smmu_v3 := drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c
IOPGDRV_SRC_ipmmu_vmsa := drivers/iommu/ipmmu-vmsa.c
IOPGDRV_SRC_apple_dart := drivers/iommu/apple-dart.c
IOPGDRV_SRC_msm := drivers/iommu/msm_iommu.c
IOPGDRV_SRC_mtk_iommu := drivers/iommu/mtk_iommu.c
IOPGDRV_SRC_panfrost := drivers/gpu/drm/panfrost/panfrost_mmu.c
IOPGDRV_SRC_panthor := drivers/gpu/drm/panthor/panthor_mmu.c
IOPGDRV_SRC_qcom_iommu := drivers/iommu/arm/arm-smmu/qcom_iommu.c
IOPGDRVS := $(sort $(patsubst IOPGDRV_SRC_%,%,$(filter IOPGDRV_SRC_%,$(.VARIABLES))))
$(foreach d,$(IOPGDRVS),$(eval DRIVER_SRC_$(d) := $(IOPGDRV_SRC_$(d))))
DRIVERS := $(sort $(patsubst DRIVER_SRC_%,%,$(filter DRIVER_SRC_%,$(.VARIABLES))))
$(foreach d,$(DRIVERS),$(eval TARGETS_$(d) := $(if $(wildcard fuzzers/targets/$(d).c),$(d))))
$(foreach d,$(DRIVERS),$(eval ALL_TARGETS_$(d) := $(d)))

# The callers of the series: VFIO type1 and iommufd, one unit each (whose
# target is named after it), sharing the family callers: one twin per tree
# with both page-table families, the extracted core, and the callers the
# tree has.
CALLER_UNITS := vfio_type1 iommufd
$(foreach u,$(CALLER_UNITS),$(eval TARGETS_$(u) := $(if $(wildcard fuzzers/targets/$(u).c),$(u))))
$(foreach u,$(CALLER_UNITS),$(eval ALL_TARGETS_$(u) := $(u)))

# From the tree under test, per twin: iommufd's dirty bitmap (6.7 on, when
# the tree has dirty tracking), and the family.
TREE_SRCS := $(if $(wildcard $(BASE_TREE)/drivers/iommu/iommufd/iova_bitmap.c),drivers/iommu/iommufd/iova_bitmap.c)
TREE_SRCS_iopgtable := drivers/iommu/io-pgtable.c drivers/iommu/io-pgtable-arm.c \
	drivers/iommu/io-pgtable-arm-v7s.c drivers/iommu/io-pgtable-dart.c
TREE_SRCS_genpt := $(patsubst %,drivers/iommu/generic_pt/fmt/iommu_%.c,$(GENPT_FMTS))
# The callers: VFIO type1 whole; iommufd's pages, io_pagetable, ioas and
# no-IOMMU hwpt whole; the lib/ code they build on.
TREE_SRCS_vfio_type1 := drivers/vfio/vfio_iommu_type1.c
TREE_SRCS_iommufd := drivers/iommu/iommufd/pages.c drivers/iommu/iommufd/io_pagetable.c \
	drivers/iommu/iommufd/ioas.c drivers/iommu/iommufd/hwpt_noiommu.c
TREE_SRCS_callers = $(TREE_SRCS_iopgtable) $(TREE_SRCS_genpt) $(call caller_part,TREE_SRCS) \
	$(CALLER_LIB_SRCS)

# Units -------------------------------------------------------------------------
#
# A unit is what one twin object builds: a family and the core.  Each
# declares here the files (or directories, with a trailing /) it builds
# from the tree.  scripts/prepare-trees.sh leaves out a unit whose files a
# tree lacks, applies patches/ file by file to what the present units
# build, and turns the differential off for a unit with a file that did not
# take its hunks (its candidate twin is then the baseline's code).  A new
# family adds itself to UNITS and says UNIT_FILES_<family>.
UNITS := iopgtable genpt $(CALLER_UNITS) $(DRIVERS)
UNIT_FILES_core := include/linux/iommu.h drivers/iommu/iommu.c
# Built where the tree has them: iommu-pages.h (6.11 on), dirty tracking (6.7 on).
UNIT_FILES_optional := drivers/iommu/iommu-pages.h drivers/iommu/iommufd/iova_bitmap.c \
	include/linux/iova_bitmap.h
UNIT_FILES_iopgtable := include/linux/io-pgtable.h drivers/iommu/io-pgtable-arm.h $(TREE_SRCS_iopgtable)
UNIT_FILES_genpt := include/linux/generic_pt/ drivers/iommu/generic_pt/fmt/ drivers/iommu/generic_pt/
# A caller's unit: the page tables it runs over, the lib/ code the callers
# build on, and its own files (whole or extracted by name, EXTRACT_FILE_*).
CALLER_LIB_SRCS := lib/rbtree.c lib/interval_tree.c lib/xarray.c
CALLER_FILES := $(UNIT_FILES_iopgtable) $(UNIT_FILES_genpt) $(CALLER_LIB_SRCS) \
	lib/bitmap.c lib/find_bit.c
UNIT_FILES_vfio_type1 := $(CALLER_FILES) $(TREE_SRCS_vfio_type1) drivers/vfio/vfio_main.c
UNIT_FILES_iommufd := $(CALLER_FILES) $(TREE_SRCS_iommufd) drivers/iommu/iommufd/main.c \
	drivers/iommu/iommufd/device.c drivers/iommu/iommufd/hw_pagetable.c
# A driver's unit builds its driver source, which its glue includes;
# an io-pgtable driver's also io-pgtable's files.
# The files a driver's glue takes names from besides its source
# ("ptf-extract-from:" lines): the series may patch them too.
$(foreach d,$(IOPGDRVS),$(eval EXTRACT_FROM_$(d) := $(sort $(shell \
	sed -n 's/^ \* ptf-extract-from: \([^ ]*\).*/\1/p' fuzzers/twins/drivers/$(d).c))))
$(foreach d,$(DRIVERS),$(eval UNIT_FILES_$(d) := $(DRIVER_SRC_$(d)) $(EXTRACT_FROM_$(d))))
$(foreach d,$(IOPGDRVS),$(eval UNIT_FILES_$(d) += $(UNIT_FILES_iopgtable)))
UNIT_ENV = PTF_UNITS='$(UNITS)' $(foreach u,core optional $(UNITS),PTF_UNIT_$(u)='$(UNIT_FILES_$(u))')

# The units the trees give, each with targets; a family's targets link its
# twins.  The callers' units share the family callers.
CALLERS_PRESENT := $(filter $(CALLER_UNITS),$(UNITS_PRESENT))
TARGETS_callers := $(foreach u,$(CALLERS_PRESENT),$(TARGETS_$(u)))
FAMILIES := $(foreach u,$(filter-out $(CALLER_UNITS),$(UNITS_PRESENT)),$(if $(TARGETS_$(u)),$(u))) \
	$(if $(TARGETS_callers),callers)
$(foreach f,$(FAMILIES),$(foreach t,$(TARGETS_$(f)),$(eval FAMILY_$(t) := $(f))))
# The units with targets, and a target's unit (its differential, its
# patches): its family, or for a caller, its own.
TARGET_UNITS := $(foreach f,$(FAMILIES),$(if $(filter callers,$(f)),$(TARGETS_callers),$(f)))
$(foreach u,$(TARGET_UNITS),$(foreach t,$(TARGETS_$(u)),$(eval UNIT_$(t) := $(u))))
# What the shared twin builds of each caller the tree has.
caller_part = $(foreach u,$(CALLERS_PRESENT),$($(1)_$(u)))
# Ours, built against each twin's headers: the shim, and the family's glue.
SHIM_SRCS := kernel-shim/kernel/iommu-core.c kernel-shim/kernel/iommu-pages.c \
	kernel-shim/kernel/lib.c kernel-shim/kernel/iommufd-dirty.c
SHIM_SRCS_iopgtable := fuzzers/twins/iopgtable.c kernel-shim/kernel/user-pages.c
SHIM_SRCS_genpt := fuzzers/twins/genpt.c kernel-shim/kernel/user-pages.c
SHIM_SRCS_callers = fuzzers/twins/iopgtable.c fuzzers/twins/genpt.c \
	kernel-shim/kernel/user-mm.c kernel-shim/kernel/iommu-group.c \
	kernel-shim/kernel/radix-tree.c kernel-shim/kernel/lib-bitmap.c \
	fuzzers/twins/callers.c $(call caller_part,SHIM_SRCS)
SHIM_SRCS_vfio_type1 := fuzzers/twins/vfio.c kernel-shim/kernel/vfio-core.c
SHIM_SRCS_iommufd := fuzzers/twins/iommufd.c
FLAGS_genpt := $(foreach f,$(GENPT_FMTS),-DPTF_GENPT_$(f)=1)
# A driver's twin: its glue (which includes the tree file, not compiled on
# its own), and what every driver twin shares: the driver core stand-ins,
# the iommu core's driver side, and the domain ops that count and forward.
DRIVER_SHIM_SRCS := kernel-shim/kernel/devices.c kernel-shim/kernel/iommu-driver.c \
	kernel-shim/kernel/find-bit.c kernel-shim/kernel/user-pages.c \
	fuzzers/twins/drivers/common.c
$(foreach d,$(DRIVERS),$(eval SHIM_SRCS_$(d) := fuzzers/twins/drivers/$(d).c $(DRIVER_SHIM_SRCS) $(DRIVER_SHIM_$(d))))
$(foreach d,$(DRIVERS),$(eval TREE_SRCS_$(d) := $(filter-out arch/%,$(wordlist 2,$(words $(DRIVER_SRC_$(d))),$(DRIVER_SRC_$(d))))))
$(foreach d,$(DRIVERS),$(eval FLAGS_$(d) := -DPTF_DRIVER_TWIN=1 -Ifuzzers/twins/drivers))
# guard()'s variable is used by its cleanup alone (arm-smmu-qcom-debug.c).
FLAGS_arm_smmu += -Wno-unused-variable
FLAGS_callers := $(FLAGS_genpt) -DCONFIG_VFIO=1 -DCONFIG_VFIO_GROUP=1 \
	-DCONFIG_VFIO_CONTAINER=1 -DCONFIG_VFIO_IOMMU_TYPE1=1 \
	-DCONFIG_IOMMUFD=1 -DCONFIG_IOMMUFD_TEST=1 -DCONFIG_IOMMUFD_NOIOMMU=1 \
	-DCONFIG_INTERVAL_TREE_SPAN_ITER=1 -Wno-unused-variable \
	$(foreach u,$(CALLERS_PRESENT),-DPTF_CALLER_$(u)=1)
# Harness objects a family's targets share.  The callers reuse the
# page-table targets' walkers and configurations: those are built again
# with their ptf_target renamed (build/VARIANT/obj/fuzzers/targets/NAME.fmt.o).
TARGET_OBJS_genpt := fuzzers/targets/pt_common.o
$(foreach d,$(DRIVERS),$(eval TARGET_OBJS_$(d) := fuzzers/targets/drv_common.o))
# The GPU VM targets share their ops' decoder.
DRM_TARGETS := panfrost panthor
$(foreach d,$(DRM_TARGETS),$(eval TARGET_OBJS_$(d) += fuzzers/targets/drm_common.o))
CALLER_FORMATS := arm_lpae pt_amdv1_mock pt_amdv1
TARGET_OBJS_callers := fuzzers/targets/pt_common.o fuzzers/targets/callers_common.o \
	$(patsubst %,fuzzers/targets/%.fmt.o,$(CALLER_FORMATS))
# Functions (and the types, tables and macros they need) that a family
# takes by name from files of the tree it does not build whole
# (scripts/extract-functions.awk): NAME is built as
# $(twin_dir)/include/extract/NAME.c, from EXTRACT_FILE_NAME, for the
# glue that includes it.
EXTRACTS_callers = lib_bitmap lib_find_bit $(call caller_part,EXTRACTS)
EXTRACTS_vfio_type1 := vfio_main
EXTRACTS_iommufd := iommufd_main iommufd_device iommufd_hwpt
EXTRACT_FILE_vfio_main := drivers/vfio/vfio_main.c
EXTRACT_ROOTS_vfio_main := vfio_info_cap_add vfio_info_cap_shift \
	vfio_info_add_capability
EXTRACT_FILE_iommufd_main := drivers/iommu/iommufd/main.c
EXTRACT_ROOTS_iommufd_main := iommufd_object_ops IOMMUFD_FILE_OFFSET ucmd_buffer iommufd_ioctl_op \
	IOCTL_OP iommufd_ioctl_ops iommufd_fops_open iommufd_fops_release \
	iommufd_fops_ioctl _iommufd_object_alloc _iommufd_object_alloc_ucmd \
	iommufd_object_finalize iommufd_object_abort_and_destroy \
	iommufd_get_object iommufd_object_remove iommufd_ctx_get \
	iommufd_ctx_put iommufd_destroy iommufd_option
EXTRACT_FILE_iommufd_device := drivers/iommu/iommufd/device.c
EXTRACT_ROOTS_iommufd_device := iommufd_access_create iommufd_access_destroy \
	iommufd_access_destroy_object iommufd_access_attach \
	iommufd_access_detach iommufd_access_notify_unmap \
	iommufd_access_pin_pages iommufd_access_unpin_pages iommufd_access_rw
EXTRACT_FILE_iommufd_hwpt := drivers/iommu/iommufd/hw_pagetable.c
EXTRACT_ROOTS_iommufd_hwpt := iommufd_hwpt_paging_destroy \
	iommufd_hwpt_paging_abort iommufd_hwpt_nested_destroy \
	iommufd_hwpt_nested_abort iommufd_hwpt_set_dirty_tracking \
	iommufd_hwpt_get_dirty_bitmap
EXTRACT_FILE_lib_bitmap := lib/bitmap.c
EXTRACT_ROOTS_lib_bitmap := __bitmap_clear __bitmap_shift_left __bitmap_or
EXTRACT_FILE_lib_find_bit := lib/find_bit.c
EXTRACT_ROOTS_lib_find_bit := FIND_NEXT_BIT FIND_FIRST_BIT _find_next_bit \
	_find_first_bit _find_next_zero_bit _find_first_zero_bit
# The architecture of each arch/ARCH/ header a driver names: its twin sees
# the shim's stand-ins for that architecture (kernel-shim/arch/ARCH/include,
# and kernel-shim/arch/ARCH for arch-relative includes such as <sysdev/...>)
# before the common ones, and the tree's arch/ARCH/include after all others.
$(foreach d,$(DRIVERS),$(eval ARCHES_$(d) := $(sort $(foreach f,$(filter arch/%,$(DRIVER_SRC_$(d))),\
	$(word 2,$(subst /, ,$(f)))))))
# $(call tree_incs,TREE,FAMILY): the family's architecture include directories.
tree_incs = $(foreach a,$(ARCHES_$(2)),-Ikernel-shim/arch/$(a)/include -Ikernel-shim/arch/$(a) \
	-idirafter $(1)/arch/$(a)/include)
# What the glue takes from the driver source: its ptf-extract(-stop): lines.
extract_names = $(shell sed -n 's/^ \* ptf-extract$(2): //p' fuzzers/twins/drivers/$(1).c)
# An io-pgtable driver's glue does its own probe and attach (the driver's
# functions it extracted), on io-pgtable from the tree.
IOPGDRV_SHIM_SRCS := kernel-shim/kernel/devices.c kernel-shim/kernel/iommu-driver.c \
	kernel-shim/kernel/find-bit.c kernel-shim/kernel/xarray-alloc.c \
	kernel-shim/kernel/user-pages.c
# A glue without ptf-extract: lines includes the file whole and boots it
# through common.c, as the drivers with their own tables do.
$(foreach d,$(IOPGDRVS),$(eval SHIM_SRCS_$(d) := fuzzers/twins/drivers/$(d).c $(IOPGDRV_SHIM_SRCS) \
	$(if $(call extract_names,$(d)),,fuzzers/twins/drivers/common.c)))
$(foreach d,$(IOPGDRVS),$(eval TREE_SRCS_$(d) := $(TREE_SRCS_iopgtable)))
# io-pgtable's formats: the walkers and the model's implementations, for
# the io-pgtable targets, the drivers on io-pgtable and the callers.
TARGET_OBJS_iopgtable := $(patsubst %,fuzzers/formats/%.o,lpae_walk v7s_walk \
	dart_walk dart_model lpae_model v7s_model)
$(foreach d,$(IOPGDRVS),$(eval TARGET_OBJS_$(d) += $(TARGET_OBJS_iopgtable)))
TARGET_OBJS_callers += $(TARGET_OBJS_iopgtable)
# The iommu core functions the build extracts from drivers/iommu/iommu.c
# (plus, by the extractor, every function of iommu.c they call).
CORE_ROOTS := iommu_map iommu_map_atomic? iommu_unmap iommu_unmap_fast \
	iommu_iova_to_phys iommu_iova_to_phys_length?
# Drivers also allocate, attach and free their domains through the core.
$(foreach d,$(DRIVERS),$(eval CORE_ROOTS_$(d) := iommu_paging_domain_alloc_flags \
	__iommu_attach_device iommu_domain_free report_iommu_fault iommu_fwspec_add_ids \
	dev_iommu_priv_set __iommu_alloc_identity_domain? iommu_alloc_resv_region? \
	iommu_put_resv_regions?))
# A fault handler for arm-smmu's context fault interrupt.
CORE_ROOTS_arm_smmu += iommu_set_fault_handler
# Plain C, built once per variant.
ENGINE_SRCS := $(wildcard fuzzers/engine/*.c) $(filter-out model/test_%,$(wildcard model/*.c)) \
	$(wildcard kernel-shim/runtime/*.c)

# Twins -------------------------------------------------------------------------
#
# $(call twin_rules,VARIANT,NAME,TREE,FEATURES,RELEASE,PREFIX,TREE-STAMP,FAMILY)
# builds $(B)/VARIANT/twin-NAME-FAMILY.o: TREE's page tables of FAMILY and
# its iommu core, our shim and glue, linked into one object whose global
# symbols get the PREFIX ptf_base__ or ptf_cand__, so that two trees coexist
# in one binary.  TREE-STAMP is the file that says TREE is ready.

# Keyed by tree: another tree never meets the old objects' dependency files.
twin_dir = $(B)/$(1)/twin-$(2)-$(3)$(if $(filter 0,$(PTDEBUG_$(1))),-nodebug)$(if $(TWIN_KEY_$(2)),-$($(TWIN_KEY_$(2))))
twin_objs = $(addprefix $(call twin_dir,$(1),$(2),$(3))/,$(patsubst %.c,%.o,\
	$(TREE_SRCS) $(TREE_SRCS_$(3)) $(SHIM_SRCS) $(SHIM_SRCS_$(3))))
twin_extracts = $(patsubst %,$(call twin_dir,$(1),$(2),$(3))/include/extract/%.c,$(EXTRACTS_$(3)))

# $(call kcc,VARIANT,TWIN-DIR,TREE,FEATURES): compile kernel code for a twin.
kcc = $(or $(KCC_$(1)),$(CC)) $(KCFLAGS) -DPTF_PT_DEBUG=$(PTDEBUG_$(1)) $(OPT_$(1)) $(SAN_$(1)) $(KINSTR_$(1)) $(4) \
	-Ikernel-shim/include -Ikernel-shim/abi -Ikernel-shim/kernel \
	-Ifuzzers/twins -I$(2)/include -I$(3)/include -I$(3)/include/uapi \
	-I$(3)/drivers/iommu -include $(3)/include/linux/kconfig.h \
	-include $(3)/include/linux/compiler_types.h \
	-DPTF_CORE_EXTRACT='"$(abspath $(2))/core-extract.c"' \
	-DPTF_DRIVER_EXTRACT='"$(abspath $(2))/driver-extract.c"' -MMD -MP

define twin_rules
$(call twin_dir,$(1),$(2),$(8))/%.o: $(3)/%.c $(7) $(STAMP_$(1)) \
		$(call twin_dir,$(1),$(2),$(8))/include/generated/utsrelease.h
	@mkdir -p $$(@D)
	@echo "  KCC   $(1)/$(2)-$(8)/$$*.o"
	@$(call kcc,$(1),$(call twin_dir,$(1),$(2),$(8)),$(3),$(4) $(FLAGS_$(8)) $(call tree_incs,$(3),$(8))) -c $$< -o $$@

$(call twin_dir,$(1),$(2),$(8))/kernel-shim/%.o: kernel-shim/%.c $(7) $(STAMP_$(1)) \
		$(call twin_dir,$(1),$(2),$(8))/include/generated/utsrelease.h \
		$(call twin_dir,$(1),$(2),$(8))/core-extract.c \
		$(call twin_extracts,$(1),$(2),$(8))
	@mkdir -p $$(@D)
	@echo "  KCC   $(1)/$(2)-$(8)/$$*.o"
	@$(call kcc,$(1),$(call twin_dir,$(1),$(2),$(8)),$(3),$(4) $(FLAGS_$(8)) $(call tree_incs,$(3),$(8))) -c $$< -o $$@

$(call twin_dir,$(1),$(2),$(8))/fuzzers/%.o: fuzzers/%.c $(7) $(STAMP_$(1)) \
		$(call twin_dir,$(1),$(2),$(8))/include/generated/utsrelease.h \
		$(call twin_extracts,$(1),$(2),$(8)) \
		$(if $(IOPGDRV_SRC_$(8)),$(call twin_dir,$(1),$(2),$(8))/driver-extract.c)
	@mkdir -p $$(@D)
	@echo "  KCC   $(1)/$(2)-$(8)/$$*.o"
	@$(call kcc,$(1),$(call twin_dir,$(1),$(2),$(8)),$(3),$(4) $(FLAGS_$(8)) $(call tree_incs,$(3),$(8))) -c $$< -o $$@

$(call twin_dir,$(1),$(2),$(8))/core-extract.c: scripts/extract-functions.awk $(7) Makefile
	@mkdir -p $$(@D)
	@awk -v roots="$(CORE_ROOTS) $(CORE_ROOTS_$(8))" -f scripts/extract-functions.awk \
		$(3)/drivers/iommu/iommu.c >$$@

$(call twin_dir,$(1),$(2),$(8))/include/extract/%.c: scripts/extract-functions.awk $(7) Makefile
	@mkdir -p $$(@D)
	@awk -v roots="$$(EXTRACT_ROOTS_$$*)" -f scripts/extract-functions.awk \
		$(3)/$$(EXTRACT_FILE_$$*) >$$@

# A driver whose types live in headers of its own that pull in a subsystem
# (a DRM driver's) names them on "ptf-extract-from: FILE NAME..." lines,
# taken first, in order, from FILE; a line with no NAME includes FILE whole.
ifdef IOPGDRV_SRC_$(8)
$(call twin_dir,$(1),$(2),$(8))/driver-extract.c: scripts/extract-functions.awk $(7) \
		fuzzers/twins/drivers/$(8).c
	@mkdir -p $$(@D)
	@{ sed -n 's/^ \* ptf-extract-from: //p' fuzzers/twins/drivers/$(8).c | \
	   while read -r f names; do \
		if [ -z "$$$$names" ]; then echo "#include \"$(abspath $(3))/$$$$f\""; continue; fi; \
		awk -v variables=1 -v roots="$$$$names" -f scripts/extract-functions.awk \
			$(3)/$$$$f || exit; \
	   done && \
	   awk -v variables=1 -v roots="$$(call extract_names,$(8))" -v stop="$$(call extract_names,$(8),-stop)" \
		-f scripts/extract-functions.awk $(3)/$(IOPGDRV_SRC_$(8)); } >$$@
endif

$(call twin_dir,$(1),$(2),$(8))/include/generated/utsrelease.h: $(7)
	@mkdir -p $$(@D)
	@echo '#define UTS_RELEASE "$(5)"' >$$@

$(call twin_dir,$(1),$(2),$(8)).o: $(or $(9),$(call twin_objs,$(1),$(2),$(8)))
	@echo "  TWIN  $$@ (Linux $(5))"
	$$(call link_twin,$(6))

# With the differential off, the candidate twin is this code, renamed apart.
$(call twin_dir,$(1),$(2),$(8))-as-cand.o: $(call twin_objs,$(1),$(2),$(8))
	@echo "  TWIN  $$@ (Linux $(5), as the candidate)"
	$$(call link_twin,cand)

-include $(patsubst %.o,%.d,$(call twin_objs,$(1),$(2),$(8)))
endef

# $(call link_twin,PREFIX): the recipe that links a twin's objects into $@.
define link_twin
@$(LD) -r -o $@.raw $^
@$(NM) --defined-only -g $@.raw | awk '{ print $$3, "ptf_$(1)__" $$3 }' >$@.syms
@$(OBJCOPY) --redefine-syms=$@.syms $@.raw $@
@rm -f $@.raw
endef

# $(call cand_twin,VARIANT,NAME,FAMILY[,UNIT]): the candidate twin object
# a target of UNIT (default: the family's) links: NAME's, or the
# baseline's code when the unit's differential is off.
cand_twin = $(if $(filter off,$(UNIT_DIFF_$(or $(4),$(3)))),$(call twin_dir,$(1),base,$(3))-as-cand.o,$(call twin_dir,$(1),$(2),$(3)).o)

TWIN_KEY_base := BASE_KEY
TWIN_KEY_cand := CAND_KEY

# A derived twin (a mutant's, a fix's) compiles only what its patches
# change: the objects of the tree sources they do not touch are its parent
# twin's (the same source, flags and headers), hard-linked.  A patch that
# touches a header shares nothing.
patch_files = $(sort $(foreach p,$(1),$(call files_of_patch,$(p))))
# Read once per patch and kept (a parse asks for each fix's many times).
files_of_patch = $(if $(filter undefined,$(origin PATCH_FILES_$(1))),\
	$(eval PATCH_FILES_$(1) := $$(shell sed -n 's|^+++ b/||p' $(1))))$(PATCH_FILES_$(1))
shared_srcs = $(if $(filter-out %.c,$(2)),,$(filter-out $(2),$(TREE_SRCS) $(TREE_SRCS_$(1))))
# $(call share_rules,VARIANT,NAME,PARENT,FAMILY,PATCHES)
define share_rule
$(call twin_dir,$(1),$(2),$(4))/$(5:.c=.o): $(call twin_dir,$(1),$(3),$(4))/$(5:.c=.o)
	@mkdir -p $$(@D)
	@ln -f $$< $$@
endef
share_rules = $(foreach s,$(call shared_srcs,$(4),$(call patch_files,$(5))),\
	$(eval $(call share_rule,$(1),$(2),$(3),$(4),$(s))))

ifdef BASE_TREE
$(foreach v,$(VARIANTS),$(foreach f,$(FAMILIES),\
	$(eval $(call twin_rules,$(v),base,$(BASE_TREE),$(BASE_FEATURES),$(BASE_RELEASE),base,$(B)/trees.mk,$(f)))\
	$(eval $(call twin_rules,$(v),cand,$(CAND_TREE),$(CAND_FEATURES),$(CAND_RELEASE),cand,$(B)/trees.mk,$(f)))))
endif

$(ENGINE_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(ENGINE_FLAGS)' | cmp -s - $@ || echo '$(ENGINE_FLAGS)' >$@

# Engine, model, runtime and targets --------------------------------------------

eng_objs = $(addprefix $(B)/$(1)/obj/,$(filter-out %/libfuzzer.o %/standalone.o,$(ENGINE_SRCS:.c=.o)) \
	fuzzers/engine/$(MAIN_$(1)).o)

define variant_rules
$(B)/$(1)/obj/%.o: %.c $(STAMP_$(1))
	@mkdir -p $$(@D)
	@echo "  CC    $(1)/$$*.o"
	@$(CC) $(CFLAGS) $(OPT_$(1)) $(SAN_$(1)) -MMD -MP -c $$< -o $$@

$(B)/$(1)/obj/fuzzers/targets/%.fmt.o: fuzzers/targets/%.c $(STAMP_$(1))
	@mkdir -p $$(@D)
	@echo "  CC    $(1)/$$*.fmt.o"
	@$(CC) $(CFLAGS) $(OPT_$(1)) $(SAN_$(1)) -Dptf_target=ptf_fmt_$$* -MMD -MP -c $$< -o $$@

# Data only: nothing to instrument.
$(B)/$(1)/obj/unit-%.o: $(B)/units/%.c
	@mkdir -p $$(@D)
	@$(CC) $(CFLAGS) -c $$< -o $$@

-include $(patsubst %.c,$(B)/$(1)/obj/%.d,$(ENGINE_SRCS) $(wildcard fuzzers/targets/*.c fuzzers/formats/*.c))
-include $(wildcard $(B)/$(1)/obj/fuzzers/targets/*.fmt.d)
endef
$(foreach v,$(VARIANTS),$(eval $(call variant_rules,$(v))))

TARGETS := $(foreach f,$(FAMILIES),$(TARGETS_$(f)))

# What the engine is told of a unit: why its differential is off (or NULL).
$(B)/units/%.c: $(B)/trees.mk
	@mkdir -p $(@D)
	@printf '%s\n' '/* Written by the Makefile from trees.mk. */' \
		'const char *const ptf_differential_off = $(if $(UNIT_WHY_$*),"$(UNIT_WHY_$*)",0);' >$@

# $(call target_bin,VARIANT,TARGET,SUFFIX,CANDIDATE-TWIN[,BASELINE-TWIN])
define target_bin
$(B)/$(1)/bin/$(2)$(3): $(call eng_objs,$(1)) $(B)/$(1)/obj/fuzzers/targets/$(2).o \
		$(addprefix $(B)/$(1)/obj/,$(TARGET_OBJS_$(FAMILY_$(2)))) \
		$(B)/$(1)/obj/unit-$(UNIT_$(2)).o \
		$(call twin_dir,$(1),$(or $(5),base),$(FAMILY_$(2))).o \
		$(call cand_twin,$(1),$(4),$(FAMILY_$(2)),$(UNIT_$(2))) $(STAMP_$(1))
	@mkdir -p $$(@D)
	@echo "  LINK  $$@"
	@$(or $(LD_$(1)),$(CC)) $(call san_link,$(1)) $(call link_of,$(1)) $(KINSTR_$(1)) -o $$@ $$(filter %.o,$$^)
endef
$(foreach t,$(TARGETS),$(eval $(call target_bin,fuzz,$(t),,cand)))
$(foreach t,$(TARGETS),$(eval $(call target_bin,plain,$(t),,cand)))
$(foreach t,$(TARGETS),$(eval $(call target_bin,tools,$(t),-run,cand)))
$(foreach t,$(TARGETS),$(eval $(call target_bin,fast,$(t),-run,cand)))
$(foreach t,$(TARGETS),$(eval $(call target_bin,cov,$(t),-run,cand)))
$(foreach t,$(TARGETS_genpt),$(eval $(call target_bin,prod,$(t),-run,cand)))

FUZZ_BINS := $(addprefix $(B)/fuzz/bin/,$(TARGETS))
RUN_BINS := $(addprefix $(B)/tools/bin/,$(addsuffix -run,$(TARGETS)))

all: $(FUZZ_BINS) $(RUN_BINS)

# The targets this pair of trees gives (run-fuzz.sh and the tests ask).
list-targets:
	@echo $(TARGETS)

# Per unit: "UNIT|TARGETS|on or off (why)|applied A failed F notneeded N";
# "UNIT|TARGETS|left out|the tree lacks FILE" for a unit left out.
show-units:
	@$(foreach u,$(TARGET_UNITS),echo '$(u)|$(TARGETS_$(u))|$(UNIT_DIFF_$(u))$(if $(UNIT_WHY_$(u)), ($(UNIT_WHY_$(u))))|$(UNIT_PATCHES_$(u))';)
	@$(foreach u,$(UNITS_LEFT_OUT),echo '$(u)|$(or $(TARGETS_$(u)),$(ALL_TARGETS_$(u)))|left out|the tree lacks $(UNIT_LACKS_$(u))';)

# The units' declarations, for scripts/prepare-trees.sh run by hand.
unit-env:
	@echo "$(UNIT_ENV)"

# The compiler and the LLVM tools beside it (coverage, the symbolizer).
show-toolchain:
	@echo $(CC) $(LLVM_BIN)

fuzz-bins: $(FUZZ_BINS)
run-bins: $(RUN_BINS)
plain-bins: $(addprefix $(B)/plain/bin/,$(TARGETS))
fast-bins: $(addprefix $(B)/fast/bin/,$(addsuffix -run,$(TARGETS)))
cov-bins: $(addprefix $(B)/cov/bin/,$(addsuffix -run,$(TARGETS)))
prod-bins: $(addprefix $(B)/prod/bin/,$(addsuffix -run,$(TARGETS_genpt)))

# AFL++ ---------------------------------------------------------------------------
#
# make afl: every target for afl-fuzz (build/afl/bin/TARGET; ./run-fuzz.sh
# fuzz --engine afl TARGET).  The kernel code is compiled by Debian's
# afl-clang-fast (AFL++ 4.04c, on the same clang 14), so only it carries
# AFL++'s coverage instrumentation, as only it carries libFuzzer's in the
# fuzz build; the harness is the toolchain's clang, uninstrumented.  ASan
# and UBSan as for libFuzzer; libFuzzer's entry point
# (LLVMFuzzerTestOneInput) is driven by AFL++'s libAFLDriver.a.  Not one of
# VARIANTS: the toolchain probe knows nothing of AFL++.

AFL_CC ?= afl-clang-fast
AFL_DRIVER ?= /usr/lib/afl/libAFLDriver.a
KCC_afl = $(AFL_CC)
LD_afl = $(AFL_CC)
SAN_afl := $(SAN) $(KSAN)
KINSTR_afl :=
OPT_afl := -O1
MAIN_afl := libfuzzer
LINKF_afl = $(AFL_DRIVER)
PTDEBUG_afl := $(PT_DEBUG)
AFL_BINS := $(addprefix $(B)/afl/bin/,$(TARGETS))

$(eval $(call variant_rules,afl))
ifdef BASE_TREE
$(foreach f,$(FAMILIES),\
	$(eval $(call twin_rules,afl,base,$(BASE_TREE),$(BASE_FEATURES),$(BASE_RELEASE),base,$(B)/trees.mk,$(f)))\
	$(eval $(call twin_rules,afl,cand,$(CAND_TREE),$(CAND_FEATURES),$(CAND_RELEASE),cand,$(B)/trees.mk,$(f))))
endif
$(foreach t,$(TARGETS),$(eval $(call target_bin,afl,$(t),,cand)))

# Debian's afl++ first (scripts/setup-deps.sh --afl), then the binaries.
afl:
	@scripts/setup-deps.sh --afl
	@[ -f $(AFL_DRIVER) ] || { echo "ptfuzz: $(AFL_DRIVER) not found (AFL_DRIVER=...)" >&2; exit 2; }
	@$(MAKE) -s afl-bins
afl-bins: $(AFL_BINS)
# make check builds one, and fuzzes it a few seconds (tests/run-tests.sh).
AFL_CHECK_TARGET := arm_v7s
afl-check-bin:
	@scripts/setup-deps.sh --afl
	@$(MAKE) -s $(B)/afl/bin/$(AFL_CHECK_TARGET)

# Follow-ups to the port: patches/followups/ ----------------------------------------
#
# Changes offered on top of the whole series, apart from it (docs/patches.md,
# "Follow-ups").  $(B)/followups/cand is the candidate tree with
# patches/followups/series applied (derive-tree.sh, as for the fixes); its
# twin, fup, shares with the candidate's twin the objects of the sources
# the follow-ups leave alone.  The targets of the units whose files they
# patch get a replay driver and a fuzz build with the follow-ups as the
# candidate against the same baseline (TARGET-run-fup, TARGET-fup), and
# make bench a bench binary for them (bench-callers-fup).  FUP_FEATURES
# tells the twin what the follow-ups change that the checks must expect.

FUP_SERIES := $(addprefix patches/followups/,$(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' patches/followups/series 2>/dev/null))
# 0001: vfio_unmap_unpin() keeps the lookup that ended a run.
FUP_FEATURES := -DPTF_VFIO_KEEPS_PROBE=1
FUP_FILES := $(call patch_files,$(FUP_SERIES))
FUP_TARGETS := $(foreach u,$(TARGET_UNITS),$(if $(filter $(FUP_FILES),$(UNIT_FILES_$(u))),$(TARGETS_$(u))))
FUP_FAMILIES := $(sort $(foreach t,$(FUP_TARGETS),$(FAMILY_$(t))))
ifdef CAND_TREE
$(B)/followups/cand.stamp: $(FUP_SERIES) $(B)/trees.mk
	@echo "  TREE  $(B)/followups/cand"
	@scripts/derive-tree.sh $(CAND_TREE) $(B)/followups/cand $(FUP_SERIES)
	@touch $@
$(B)/followups/cand/%.c: $(B)/followups/cand.stamp ;
$(foreach v,tools fuzz fast,$(foreach f,$(FUP_FAMILIES),\
	$(eval $(call twin_rules,$(v),fup,$(B)/followups/cand,$(CAND_FEATURES) $(FUP_FEATURES),$(CAND_RELEASE)+fup,cand,$(B)/followups/cand.stamp,$(f)))\
	$(eval $(call share_rules,$(v),fup,cand,$(f),$(FUP_SERIES)))))
$(foreach t,$(FUP_TARGETS),$(eval $(call target_bin,tools,$(t),-run-fup,fup))\
	$(eval $(call target_bin,fuzz,$(t),-fup,fup)))
endif

fup-bins: $(addprefix $(B)/tools/bin/,$(addsuffix -run-fup,$(FUP_TARGETS))) \
	$(addprefix $(B)/fuzz/bin/,$(addsuffix -fup,$(FUP_TARGETS)))

# Mutants: one bug injected, for the self-tests ---------------------------------
#
# tests/mutants/NAME.patch applies to the candidate tree; NAME.prog is the
# program that must catch it (its "target" line names the fuzz target).
# With "# twins: both" in NAME.prog the patch goes into the baseline tree
# too: a bug both twins have, which only the model and the walkers can
# catch.  With "# twins: followups" it goes into the twin of
# patches/followups/ instead (Follow-ups above): a bug of a follow-up.  A
# mutant twin compiles only what its patch changes (every object when it
# changes a header) and takes the rest from the unmutated twin.

# Only for targets that run with the differential on: a mutant is of the candidate.
# Each mutant's target, twins and files, read once (the rules below ask
# for them thousands of times a parse).
MUTANT_NAMES := $(basename $(notdir $(wildcard tests/mutants/*.patch)))
$(foreach m,$(MUTANT_NAMES),\
	$(eval MUT_TARGET_$(m) := $(shell awk '$$1 == "target" { print $$2; exit }' tests/mutants/$(m).prog))\
	$(eval MUT_BOTH_$(m) := $(shell grep -q '^# twins: both' tests/mutants/$(m).prog && echo 1))\
	$(eval MUT_FUP_$(m) := $(shell grep -q '^# twins: followups' tests/mutants/$(m).prog && echo 1))\
	$(eval MUT_FILES_$(m) := $(call files_of_patch,tests/mutants/$(m).patch)))
mutant_target = $(MUT_TARGET_$(1))
mutant_both = $(MUT_BOTH_$(1))
MUTANTS := $(foreach m,$(MUTANT_NAMES),\
	$(if $(filter on,$(UNIT_DIFF_$(UNIT_$(call mutant_target,$(m))))),$(m)))
mutant_bin = $(B)/tools/bin/$(call mutant_target,$(1))-run-mut-$(1)
mutant_files = $(MUT_FILES_$(1))
family_srcs = $(TREE_SRCS) $(TREE_SRCS_$(1)) $(SHIM_SRCS) $(SHIM_SRCS_$(1))
# $(call mutant_srcs,MUTANT,FAMILY): the sources its twin must compile.  The
# headers of drivers/iommu/generic_pt/ are the formats' alone, and of the
# formats only the target's runs; a driver's source is compiled by its glue,
# and a file of a family's extracts by its shim.
$(foreach f,$(GENPT_FMTS),$(eval FMT_OF_$(GENPT_TARGET_$(f)) := $(f)))
mutant_headers = $(filter %.h,$(call mutant_files,$(1)))
mutant_srcs = $(if $(call mutant_headers,$(1)),\
	$(if $(filter-out drivers/iommu/generic_pt/%,$(call mutant_headers,$(1))),\
		$(call family_srcs,$(2)),\
		drivers/iommu/generic_pt/fmt/iommu_$(FMT_OF_$(call mutant_target,$(1))).c),\
	$(filter $(call mutant_files,$(1)),$(call family_srcs,$(2))) \
	$(if $(filter drivers/iommu/iommu.c,$(call mutant_files,$(1))),kernel-shim/kernel/iommu-core.c) \
	$(if $(filter $(DRIVER_SRC_$(2)) $(EXTRACT_FROM_$(2)),$(call mutant_files,$(1))),fuzzers/twins/drivers/$(2).c) \
	$(if $(filter $(call extract_files,$(2)),$(call mutant_files,$(1))),$(SHIM_SRCS_$(2))))
# The files a family's shim takes functions from (EXTRACTS_FAMILY): a
# mutant of one recompiles the shim, which includes the extracts.
extract_files = $(foreach x,$(EXTRACTS_$(1)),$(EXTRACT_FILE_$(x)))
# $(call mutant_objs,VARIANT,MUTANT,FAMILY,TWIN,UNMUTATED-TWIN)
mutant_objs = $(addprefix $(call twin_dir,$(1),$(4),$(3))/,$(patsubst %.c,%.o,$(call mutant_srcs,$(2),$(3)))) \
	$(addprefix $(call twin_dir,$(1),$(5),$(3))/,$(patsubst %.c,%.o,\
		$(filter-out $(call mutant_srcs,$(2),$(3)),$(call family_srcs,$(3)))))

# $(call mutant_tree,MUTANT,TWIN,TREE[,TREE-STAMP])
define mutant_tree
$(B)/mutants/$(2).stamp: tests/mutants/$(1).patch $(B)/trees.mk $(4)
	@echo "  TREE  $(B)/mutants/$(2)"
	@scripts/derive-tree.sh $(3) $(B)/mutants/$(2) tests/mutants/$(1).patch
	@touch $$@
$(B)/mutants/$(2)/%.c: $(B)/mutants/$(2).stamp ;
endef

# $(call mutant_twin,VARIANT,MUTANT,FAMILY,TWIN,FEATURES,RELEASE,PREFIX,UNMUTATED-TWIN)
mutant_twin = $(call twin_rules,$(1),$(4),$(B)/mutants/$(4),$(5),$(6)+mut-$(2),$(7),$(B)/mutants/$(4).stamp,$(3),$(call mutant_objs,$(1),$(2),$(3),$(4),$(8)))

# $(call mutant_variant,VARIANT,MUTANT,SUFFIX): its twins and its binary.
define mutant_variant
$(call mutant_twin,$(1),$(2),$(FAMILY_$(call mutant_target,$(2))),mut-$(2),$(CAND_FEATURES)$(if $(MUT_FUP_$(2)), $(FUP_FEATURES)),$(CAND_RELEASE)$(if $(MUT_FUP_$(2)),+fup),cand,$(if $(MUT_FUP_$(2)),fup,cand))
$(if $(call mutant_both,$(2)),$(call mutant_twin,$(1),$(2),$(FAMILY_$(call mutant_target,$(2))),mutb-$(2),$(BASE_FEATURES),$(BASE_RELEASE),base,base))
$(call target_bin,$(1),$(call mutant_target,$(2)),$(3),mut-$(2),$(if $(call mutant_both,$(2)),mutb-$(2)))
# Its program says which twins it goes into.
$(B)/$(1)/bin/$(call mutant_target,$(2))$(3): tests/mutants/$(2).prog
endef

define mutant_rules
$(call mutant_tree,$(1),mut-$(1),$(if $(MUT_FUP_$(1)),$(B)/followups/cand,$(CAND_TREE)),$(if $(MUT_FUP_$(1)),$(B)/followups/cand.stamp))
$(if $(call mutant_both,$(1)),$(call mutant_tree,$(1),mutb-$(1),$(BASE_TREE)))
$(call mutant_variant,tools,$(1),-run-mut-$(1))
$(call mutant_variant,fuzz,$(1),-mut-$(1))
endef
ifdef CAND_TREE
$(foreach m,$(MUTANTS),$(eval $(call mutant_rules,$(m))))
endif

# A mutant whose program says "# core32: only" is of a branch the host's
# 64-bit phys_addr_t compiles out: tests/core32.c alone can catch it.
CORE32_ONLY := $(foreach m,$(MUTANTS),$(if $(shell grep -l '^\# core32: only' tests/mutants/$(m).prog),$(m)))
FUZZ_MUTANTS := $(filter-out $(CORE32_ONLY),$(MUTANTS))
mutant-bins: $(foreach m,$(FUZZ_MUTANTS),$(call mutant_bin,$(m)))
# libFuzzer builds of the mutants, for bench/catch.sh (not make check).
mutant-fuzz-bins: $(foreach m,$(FUZZ_MUTANTS),$(B)/fuzz/bin/$(call mutant_target,$(m))-mut-$(m))

# Fixes for the kernel findings: patches/fixes/ ---------------------------------
#
# The bugs are in both trees, so a fix goes into both twins.  For the Nth
# patch of patches/fixes/series, $(B)/fixes/N-base and N-cand are the two
# trees with patches 1..N applied (derive-tree.sh, as for the mutants; the
# candidate's without those the port carries itself), and
# $(B)/tools/bin/TARGET-run-fix-N is built for the targets of the
# regression inputs of the findings the series line names.  The whole
# series also gets the fuzz build of every target (TARGET-fix-all, the
# smoke run) and the prod build of the generic_pt targets.

FIX_SERIES := $(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' patches/fixes/series 2>/dev/null)
FIX_NRS := $(foreach p,$(FIX_SERIES),$(firstword $(subst -, ,$(p))))
FIX_LAST := $(lastword $(FIX_NRS))
fix_patch = $(filter $(1)-%,$(FIX_SERIES))
fix_upto = $(addprefix patches/fixes/,$(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' patches/fixes/series | sed -n '0,/^$(1)-/p'))
fix_ids = $(shell sed -n 's/^$(call fix_patch,$(1))[[:space:]]*\#[[:space:]]*//p' patches/fixes/series)
fix_regs = $(foreach i,$(call fix_ids,$(1)),$(shell grep -l '^\# Known kernel finding $(i)' corpus/regressions/*/*.prog))
prog_target = $(shell awk '$$1 == "target" { print $$2; exit }' $(1))
fix_targets = $(sort $(foreach f,$(call fix_regs,$(1)),$(call prog_target,$(f))))
# A regression input marked "# build: prod" replays on the prod build: the
# fixes it names get prod twins and replay drivers too.
fix_prod_targets = $(sort $(foreach f,$(call fix_regs,$(1)),\
	$(if $(shell grep -l '^\# build: prod$$' $(f)),$(call prog_target,$(f)))))
fix_bin = $(B)/tools/bin/$(2)-run-fix-$(1)
# A fix the port builds on (patches/series lists it, as fixes/NNNN-...) is
# in the candidate tree already: the candidate's trees of the fixes leave
# it out.
PORT_FIXES := $(addprefix patches/,$(filter fixes/%,\
	$(shell sed -e 's/\#.*//' -e '/^[[:space:]]*$$/d' patches/series 2>/dev/null)))

# $(call fix_rules,N): the trees, twins and replay drivers of fix N.
define fix_rules
$(B)/fixes/$(1).stamp: $(call fix_upto,$(1)) $(B)/trees.mk
	@echo "  TREE  $(B)/fixes/$(1)-base $(B)/fixes/$(1)-cand"
	@scripts/derive-tree.sh $(BASE_TREE) $(B)/fixes/$(1)-base $(call fix_upto,$(1))
	@scripts/derive-tree.sh $(CAND_TREE) $(B)/fixes/$(1)-cand \
		$(filter-out $(PORT_FIXES),$(call fix_upto,$(1)))
	@touch $$@
$(B)/fixes/$(1)-base/%.c $(B)/fixes/$(1)-cand/%.c: $(B)/fixes/$(1).stamp ;
endef
# A fix's twins share the objects of the sources its patches leave alone
# with a parent twin (share_rules): the unpatched twin, or, once a patch
# has changed a header (after which the unpatched twin's objects no longer
# fit), the twin of the last fix before it that did, which shares nothing
# itself.  Fix N then compiles only what the patches after that one change.
# FIX_PARENT_N (empty: the unpatched twin) and FIX_SINCE_N, its patches
# since, are computed once here.
FIX_HEADER_NRS := $(foreach n,$(FIX_NRS),\
	$(if $(filter-out %.c,$(call patch_files,patches/fixes/$(call fix_patch,$(n)))),$(n)))
$(foreach n,$(FIX_NRS),$(eval FIX_UPTO_$(n) := $(call fix_upto,$(n)))\
	$(eval FIX_PARENT_$(n) := $(FIX_HEADER_SEEN))\
	$(eval FIX_SINCE_$(n) := $(wordlist $(words x $(FIX_UPTO_$(FIX_PARENT_$(n)))),\
		$(words $(FIX_UPTO_$(n))),$(FIX_UPTO_$(n))))\
	$(if $(filter $(n),$(FIX_HEADER_NRS)),$(eval FIX_HEADER_SEEN := $(n))))
# $(call fix_twins,N,VARIANT,FAMILY)
define fix_twins
$(call twin_rules,$(2),fixbase-$(1),$(B)/fixes/$(1)-base,$(BASE_FEATURES),$(BASE_RELEASE)+fix-$(1),base,$(B)/fixes/$(1).stamp,$(3))
$(call twin_rules,$(2),fix-$(1),$(B)/fixes/$(1)-cand,$(CAND_FEATURES),$(CAND_RELEASE)+fix-$(1),cand,$(B)/fixes/$(1).stamp,$(3))
$(call share_rules,$(2),fixbase-$(1),$(if $(FIX_PARENT_$(1)),fixbase-$(FIX_PARENT_$(1)),base),$(3),$(FIX_SINCE_$(1)))
$(call share_rules,$(2),fix-$(1),$(if $(FIX_PARENT_$(1)),fix-$(FIX_PARENT_$(1)),cand),$(3),$(FIX_SINCE_$(1)))
endef
# The whole series (and its parent) also for the fuzz and prod builds.
FIX_ALL_TWINS := $(FIX_LAST) $(FIX_PARENT_$(FIX_LAST))
$(foreach n,$(FIX_NRS),$(eval FIX_TARGETS_$(n) := $(call fix_targets,$(n)))\
	$(eval FIX_PROD_TARGETS_$(n) := $(call fix_prod_targets,$(n))))
FIX_PROD_NRS := $(foreach n,$(FIX_NRS),$(if $(FIX_PROD_TARGETS_$(n)),$(n)))
FIX_PROD_TWINS := $(foreach n,$(FIX_PROD_NRS),$(n) $(FIX_PARENT_$(n)))
ifdef CAND_TREE
$(foreach n,$(FIX_NRS),$(eval $(call fix_rules,$(n)))\
	$(foreach v,tools $(if $(filter $(n),$(FIX_ALL_TWINS)),fuzz) \
		$(if $(filter $(n),$(FIX_ALL_TWINS) $(FIX_PROD_TWINS)),prod),$(foreach f,$(FAMILIES),\
		$(eval $(call fix_twins,$(n),$(v),$(f)))))\
	$(foreach t,$(FIX_TARGETS_$(n)),\
		$(eval $(call target_bin,tools,$(t),-run-fix-$(n),fix-$(n),fixbase-$(n))))\
	$(foreach t,$(FIX_PROD_TARGETS_$(n)),\
		$(eval $(call target_bin,prod,$(t),-run-fix-$(n),fix-$(n),fixbase-$(n)))))
$(foreach t,$(TARGETS),$(eval $(call target_bin,fuzz,$(t),-fix-all,fix-$(FIX_LAST),fixbase-$(FIX_LAST))))
$(foreach t,$(TARGETS_genpt),$(eval $(call target_bin,prod,$(t),-run-fix-all,fix-$(FIX_LAST),fixbase-$(FIX_LAST))))
endif

fix-bins: $(foreach n,$(FIX_NRS),$(foreach t,$(FIX_TARGETS_$(n)),$(call fix_bin,$(n),$(t)))) \
	$(foreach n,$(FIX_PROD_NRS),$(addsuffix -run-fix-$(n),$(addprefix $(B)/prod/bin/,$(FIX_PROD_TARGETS_$(n))))) \
	$(if $(FIX_LAST),$(addsuffix -fix-all,$(addprefix $(B)/fuzz/bin/,$(TARGETS))) \
	$(addsuffix -run-fix-all,$(addprefix $(B)/prod/bin/,$(TARGETS_genpt))))

# Benchmarks (bench/, docs/performance.md) ------------------------------------------
#
# $(B)/fast/bin/bench-callers runs VFIO's and iommufd's ioctls, before and
# after the series, on the fast caller twins (-O2, no sanitizers: both
# page-table families with all their formats, VFIO type1, iommufd and the
# fake processes) and the runtime, without engine or model.  bench/run.sh
# runs it, measures the replay throughput of every target and draws the
# charts, into $(B)/bench/.  bench-callers-fup is the same with the twin of
# patches/followups/ as the candidate: column (c) of VFIO's unmap.

# Both callers present, with the differential on: otherwise there is no
# before and after to compare (bench/run.sh says so).
BENCH_FAMILIES := $(if $(filter-out on,$(foreach u,$(CALLER_UNITS),$(or $(UNIT_DIFF_$(u)),absent))),,callers)
BENCH_SRCS := $(wildcard bench/*.c)
BENCH_OBJS := $(addprefix $(B)/fast/obj/,$(BENCH_SRCS:.c=.o) \
	$(patsubst %.c,%.o,$(wildcard kernel-shim/runtime/*.c)))

# $(call bench_bin,NAME,CANDIDATE-TWIN): bench-NAME, the baseline against it.
define bench_bin
$(B)/fast/bin/bench-$(1): $(BENCH_OBJS) $(call twin_dir,fast,base,callers).o \
		$(call twin_dir,fast,$(2),callers).o
	@mkdir -p $$(@D)
	@echo "  LINK  $$@"
	@$$(CC) -o $$@ $$^
endef
$(eval $(call bench_bin,callers,cand))
# The follow-ups (patches/followups/) as (c), when they change a caller.
BENCH_FUP := $(if $(BENCH_FAMILIES),$(filter callers,$(FUP_FAMILIES)))
$(if $(BENCH_FUP),$(eval $(call bench_bin,callers-fup,fup)))

bench: $(addprefix $(B)/fast/bin/bench-,$(BENCH_FAMILIES) $(addsuffix -fup,$(BENCH_FUP))) \
		fast-bins run-bins
	@PTF_BENCH_FUP="$(BENCH_FUP)" bench/run.sh $(B) "$(BENCH_FAMILIES)" $(TARGETS)

# How long fuzzing takes to catch each mutant (bench/catch.sh).
bench-catch: mutant-fuzz-bins
	@bench/catch.sh

-include $(patsubst %.c,$(B)/fast/obj/%.d,$(BENCH_SRCS))
# End of benchmarks -------------------------------------------------------------------

# Tests ---------------------------------------------------------------------------

$(B)/tools/bin/test_model: model/test_model.c $(B)/tools/obj/model/model.o
	@mkdir -p $(@D)
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(OPT_tools) $(SAN_tools) -o $@ $^

# The core's lookups with a 32-bit phys_addr_t (tests/core32.c): each
# tree's iommu_iova_to_phys() and iommu_iova_to_phys_length(), and those of
# the mutants whose program says "# core32: caught" (or "only").
CORE32_ROOTS := iommu_iova_to_phys iommu_iova_to_phys_length?
CORE32_MUTANTS := $(foreach m,$(MUTANTS),$(if $(shell grep -l '^\# core32: \(caught\|only\)' tests/mutants/$(m).prog),$(m)))
CORE32_BINS := $(addprefix $(B)/tools/bin/core32-,base cand $(addprefix mut-,$(CORE32_MUTANTS)))
core32_tree = $(if $(filter base,$(1)),$(BASE_TREE),$(CAND_TREE))
core32_length = $(filter -DPTF_DOMAIN_HAS_LENGTH=%,$(if $(filter base,$(1)),$(BASE_FEATURES),$(CAND_FEATURES)))

# $(call core32_extract,TREE)
core32_extract = mkdir -p $(@D) && awk -v roots="$(CORE32_ROOTS)" \
	-f scripts/extract-functions.awk $(1)/drivers/iommu/iommu.c >$@
$(B)/core32/mut-%.c: scripts/extract-functions.awk $(B)/mutants/mut-%.stamp
	@$(call core32_extract,$(B)/mutants/mut-$*)
$(B)/core32/%.c: scripts/extract-functions.awk $(B)/trees.mk
	@$(call core32_extract,$(call core32_tree,$*))

$(B)/tools/bin/core32-%: tests/core32.c $(B)/core32/%.c
	@mkdir -p $(@D)
	@echo "  LINK  $@"
	@$(CC) $(CFLAGS) $(OPT_tools) $(SAN_tools) $(call core32_length,$*) \
		-DPTF_CORE32_EXTRACT='"$(abspath $(B)/core32/$*.c)"' -o $@ $<

core32-bins: $(CORE32_BINS)

# A full tree, configured and prepared, to compile exported KUnit tests in.
kunit-tree:
	@scripts/setup-deps.sh --kunit
	@scripts/kunit-tree.sh $(B) >/dev/null

check: all mutant-bins prod-bins fix-bins fup-bins afl-check-bin kunit-tree $(B)/tools/bin/test_model \
		core32-bins
	@tests/run-tests.sh

clean:
	rm -rf $(B)

help:
	@sed -n '3,23p' Makefile | sed 's/^# \{0,1\}//'

FORCE:
