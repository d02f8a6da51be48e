// SPDX-License-Identifier: GPL-2.0
/*
 * Host memory for the fake processes' RAM and its struct pages
 * (kernel-shim/kernel/user-mm.c), per twin: large reservations, touched
 * lazily, given back (and so zeroed) when an input starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "runtime.h"

#define NR_AREAS	2

struct area {
	void *base;
	unsigned long size;
};

static struct area areas[PTF_NR_TWINS][NR_AREAS];

void *ptf_rt_user_area(int slot, unsigned long size)
{
	struct area *a = &areas[ptf_rt_twin()][slot];

	if (slot < 0 || slot >= NR_AREAS || (a->base && a->size != size))
		rt_fatal("harness", "user area %d of %lu bytes", slot, size);
	if (!a->base) {
		a->base = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);
		if (a->base == MAP_FAILED) {
			perror("ptfuzz: mmap");
			abort();
		}
		a->size = size;
	}
	return a->base;
}

void ptf_rt_user_area_clear(int slot)
{
	struct area *a = &areas[ptf_rt_twin()][slot];

	if (a->base)
		madvise(a->base, a->size, MADV_DONTNEED);
}
