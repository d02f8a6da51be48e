// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration coverage; see coverage.h.
 */
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "engine.h"

struct klass {
	char name[COVERAGE_NAME];
	struct target_config cfg;	/* the first configuration found */
	bool reached;
};

static struct klass *classes;
static size_t nr_classes, cap_classes;
static const struct target *enumerated;

static struct klass *find(const char *name)
{
	for (size_t i = 0; i < nr_classes; i++)
		if (!strcmp(classes[i].name, name))
			return &classes[i];
	return NULL;
}

static void add(const struct target_config *cfg, const char *name)
{
	if (find(name))
		return;
	if (nr_classes == cap_classes) {
		cap_classes = cap_classes ? 2 * cap_classes : 64;
		classes = realloc(classes, cap_classes * sizeof(*classes));
		if (!classes)
			abort();
	}
	classes[nr_classes] = (struct klass){ .cfg = *cfg };
	snprintf(classes[nr_classes].name, COVERAGE_NAME, "%s", name);
	nr_classes++;
}

/*
 * How many values field @f takes for coverage, and the @k-th: each named
 * one; every subset of a flag field of up to 8 flags, else none and each
 * flag alone.
 */
static unsigned int nr_values(const struct cfg_field *f)
{
	if (!f->flags)
		return f->nr;
	return f->nr <= 8 ? 1u << f->nr : f->nr + 1;
}

static uint64_t value(const struct cfg_field *f, unsigned int k)
{
	uint64_t v = 0;

	if (!f->flags)
		return f->values[k];
	if (f->nr > 8)
		return k ? f->values[k - 1] : 0;
	for (unsigned int b = 0; b < f->nr; b++)
		if (k & (1u << b))
			v |= f->values[b];
	return v;
}

/* Every combination of the class fields' values the format accepts. */
static void enumerate(const struct target *t, struct target_config *cfg,
		      unsigned int depth)
{
	struct target_setup ts;
	struct target_domain d;
	char name[COVERAGE_NAME];

	if (depth == t->nr_class_fields) {
		memset(&ts, 0, sizeof(ts));
		memset(&d, 0, sizeof(d));
		if (!t->setup(cfg, &ts))
			return;
		ts.pt_debug = t->twin[PTF_TWIN_CAND]->debug_checks;
		t->predict(&ts, &d);
		if (!d.accepted || d.create_undefined)
			return;
		t->class_name(&ts, name, sizeof(name));
		add(cfg, name);
		return;
	}
	for (unsigned int k = 0; k < nr_values(&t->fields[t->class_fields[depth]]); k++) {
		cfg->v[t->class_fields[depth]] =
			value(&t->fields[t->class_fields[depth]], k);
		enumerate(t, cfg, depth + 1);
	}
}

void coverage_init(const struct target *t)
{
	struct target_config cfg = { 0 };

	if (enumerated == t)
		return;
	enumerated = t;
	nr_classes = 0;
	if (!t->class_name)
		return;
	for (unsigned int i = 0; i < t->nr_fields; i++)
		cfg.v[i] = value(&t->fields[i], 0);
	enumerate(t, &cfg, 0);
}

size_t coverage_classes(const struct target *t,
			const char (**names)[COVERAGE_NAME])
{
	static char (*list)[COVERAGE_NAME];

	free(list);
	list = calloc(nr_classes ? nr_classes : 1, sizeof(*list));
	if (!list)
		abort();
	for (size_t i = 0; i < nr_classes; i++)
		memcpy(list[i], classes[i].name, COVERAGE_NAME);
	*names = (const char (*)[COVERAGE_NAME])list;
	return nr_classes;
}

const struct target_config *coverage_config(const struct target *t, size_t i)
{
	return i < nr_classes ? &classes[i].cfg : NULL;
}

void coverage_reached(const struct target *t, const struct target_setup *ts)
{
	char name[COVERAGE_NAME];
	struct klass *k;

	if (!t->class_name)
		return;
	t->class_name(ts, name, sizeof(name));
	k = find(name);
	if (k)
		k->reached = true;
}

void coverage_print(const struct target *t, FILE *out)
{
	size_t reached = 0;

	for (size_t i = 0; i < nr_classes; i++) {
		if (!classes[i].reached)
			continue;
		fprintf(out, "ptfuzz-config: %s\n", classes[i].name);
		reached++;
	}
	fprintf(out, "ptfuzz-configs: %zu of %zu\n", reached, nr_classes);
}
