/* SPDX-License-Identifier: GPL-2.0 */
/*
 * coverage.h - which classes of configurations a run reached.
 *
 * A target names the class of a configuration (format, granule, IAS/OAS
 * band, quirks, or its own axes); the classes there are are those of every
 * combination of the class fields' values that the format accepts (its
 * predict op).  Each domain the engine creates counts for its class.
 */
#ifndef PTF_COVERAGE_H
#define PTF_COVERAGE_H

#include <stdbool.h>
#include <stdio.h>

#include "program.h"
#include "target.h"

#define COVERAGE_NAME	64

/*
 * Work out the classes of @t: at start-up, before any domain (it runs the
 * target's predict op, whose context a domain uses).
 */
void coverage_init(const struct target *t);
/* The classes of @t, in order; their number. */
size_t coverage_classes(const struct target *t, const char (**names)[COVERAGE_NAME]);
/* A configuration of each class, for seeds (same order). */
const struct target_config *coverage_config(const struct target *t, size_t i);
/* A domain of this setup was created. */
void coverage_reached(const struct target *t, const struct target_setup *ts);
/* "ptfuzz-config: CLASS" for each class reached, then the total. */
void coverage_print(const struct target *t, FILE *out);

#endif /* PTF_COVERAGE_H */
