/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kunit.h - export an input as a KUnit test case (kunit.c).
 */
#ifndef PTF_KUNIT_H
#define PTF_KUNIT_H

#include <stdbool.h>

struct engine;
struct op;

/* False (and why) if the tree has no KUnit suite for the input's format. */
bool kunit_exportable(const struct engine *e, const char **why);
/* The configuration; @must_work: a driver creates it, the tree must accept it. */
void kunit_begin(struct engine *e, const char *name, bool must_work);
/* Both twins created the domain: the ops follow. */
void kunit_domain(struct engine *e);
/* Before @op runs: the call and the result the model expects. */
void kunit_op(struct engine *e, const struct op *op);
/* Print the test (also when a finding aborts the run). */
void kunit_end(struct engine *e);
void kunit_catch_aborts(struct engine *e);

#endif /* PTF_KUNIT_H */
