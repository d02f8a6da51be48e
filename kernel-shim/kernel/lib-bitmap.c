// SPDX-License-Identifier: GPL-2.0
/*
 * The bitmap helpers the callers use beyond kernel-shim/kernel/lib.c's,
 * extracted by name from the tree's lib/bitmap.c and lib/find_bit.c
 * (Makefile: EXTRACTS_callers).
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/find.h>
#include <linux/minmax.h>

#include <extract/lib_bitmap.c>
#include <extract/lib_find_bit.c>
