/* SPDX-License-Identifier: GPL-2.0 */
/*
 * As Kbuild generic-y would generate it: the architecture-neutral version.
 * A driver of an architecture with its own (s390) gets that one from
 * kernel-shim/arch/ARCH/include.
 */
#include <asm-generic/pci.h>
