/* SPDX-License-Identifier: GPL-2.0 */
/* As Kbuild generic-y would generate it: the architecture-neutral version. */
#include <asm-generic/ioctl.h>
