// SPDX-License-Identifier: GPL-2.0
/*
 * The plain main() driver of every target: replays inputs without libFuzzer
 * (so gcc or AFL++ builds work too), and reads and writes the text form of
 * programs.
 *
 *   <target>-run [-v] [-n] [-s] FILE|DIR...  run inputs (-v: trace every
 *                                         op; -s: known kernel findings
 *                                         fail too)
 *   <target>-run -f FILE|DIR...          the failnth sweep: fail allocation
 *                                         1, 2, ... of the domain's creation
 *                                         and of every op, until none fires
 *   <target>-run -c FILE|DIR...          run inputs, then say which classes
 *                                         of configurations they reached
 *   <target>-run -l                      list the classes, one a line
 *   <target>-run -g DIR                  write a seed per class to DIR
 *   <target>-run -p FILE                 print an input as a program
 *   <target>-run -e PROGRAM > FILE       encode a text program
 *   <target>-run -k NAME FILE            the input as KUnit test case NAME
 *                                         (kunit.c; run-fuzz.sh kunit)
 *
 * Exit status: 0 when every input ran clean; a finding aborts.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coverage.h"
#include "engine.h"
#include "runtime.h"

static struct engine_opts opts;
static struct program prog;
static bool failnth, coverage;
static unsigned long sweep_runs, sweep_hits;

/* Allocations fail one by one in an op until the op makes no more. */
#define FAILNTH_MAX	4096

/*
 * iommufd's fail_nth test, for one input: for the creation and each op,
 * fail its allocation 1, 2, ... (as FAIL_ALLOC would) and run the whole
 * program, every oracle on, until the op makes no n-th allocation.
 */
static void sweep(void)
{
	for (size_t op = SIZE_MAX; op == SIZE_MAX || op < prog.nr_ops; op++) {
		if (op != SIZE_MAX && prog.ops[op].kind == OP_FAIL_ALLOC)
			continue;
		for (unsigned int n = 1; n <= FAILNTH_MAX; n++) {
			struct engine_opts o = opts;
			bool hit = false;

			o.inject_op = op;
			o.inject_nth = n;
			engine_run(ptf_target, &prog, &o, &hit);
			sweep_runs++;
			if (!hit)
				break;
			sweep_hits++;
		}
	}
}

static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0;

	*size = 0;
	if (!f) {
		fprintf(stderr, "ptfuzz: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	for (;;) {
		if (*size == cap) {
			cap = cap ? 2 * cap : 4096;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		size_t n = fread(buf + *size, 1, cap - *size, f);

		if (!n)
			break;
		*size += n;
	}
	fclose(f);
	return buf;
}

static void run_file(const char *path)
{
	size_t size;
	uint8_t *data = slurp(path, &size);

	program_decode(ptf_target, data, size, &prog);
	if (opts.verbose) {
		printf("# %s: %zu bytes\n", path, size);
		program_print(ptf_target, &prog, stdout);
		printf("# running (baseline: Linux %s, candidate: Linux %s)\n",
		       ptf_target->twin[BASE]->tree,
		       ptf_target->twin[CAND]->tree);
		if (ptf_differential_off)
			printf("# differential: off (%s)\n", ptf_differential_off);
	}
	const char *known;

	if (failnth) {
		sweep();
		free(data);
		return;
	}
	known = engine_run(ptf_target, &prog, &opts, NULL);
	if (opts.verbose && known)
		printf("# known kernel finding %s (see README.md); PTF_STRICT=1 fails on it\n",
		       known);
	else if (opts.verbose)
		printf("# no finding: every oracle passed\n");
	free(data);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of a directory in name order, so runs are reproducible. */
static unsigned long run_dir(const char *dir)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp) {
		fprintf(stderr, "ptfuzz: %s: %s\n", dir, strerror(errno));
		exit(2);
	}
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		if (asprintf(&names[n++], "%s/%s", dir, d->d_name) < 0)
			abort();
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		run_file(names[i]);
		free(names[i]);
	}
	free(names);
	return n;
}

static int encode(const char *path)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct fdp_out out = { 0 };

	if (!in) {
		fprintf(stderr, "ptfuzz: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (!program_parse(ptf_target, in, path, &prog))
		return 2;
	program_encode(ptf_target, &prog, &out);
	fwrite(out.buf, 1, out.len, stdout);
	free(out.buf);
	return 0;
}

/* The largest page size of @as up to 1G: seeds stay small. */
static uint64_t seed_pgsize(const struct addr_space *as)
{
	uint64_t p = as->pgsizes[0];

	for (unsigned int i = 0; i < as->nr_pgsizes; i++)
		if (as->pgsizes[i] <= (1ULL << 30))
			p = as->pgsizes[i];
	return p;
}

static void add_op(struct program *p, enum op_kind kind, uint64_t iova,
		   uint64_t size, uint64_t pa, int prot)
{
	p->ops[p->nr_ops++] = (struct op){
		.kind = kind, .iova = iova, .size = size, .pa = pa,
		.prot = prot, .page = size,
	};
}

/*
 * A seed for a class: two blocks at the top of the IOVA space mapped near
 * the top of the PA space, small pages low down, and every kind of op over
 * them; and where the master has an identity domain, its lookups at the
 * edges.
 */
static void seed_program(const struct target_config *cfg, struct program *p)
{
	struct target_setup ts = { 0 };
	struct addr_space as;
	uint64_t big, small, top, pa_top;
	int rw = PTF_PROT_READ | PTF_PROT_WRITE;

	ptf_target->setup(cfg, &ts);
	addr_space_of(&ts, &as);
	big = seed_pgsize(&as);
	small = as.pgsizes[0];
	top = (as.upper_first ? UINT64_MAX : as.va_last) - 2 * big + 1;
	pa_top = as.pa_limit - 2 * big;
	*p = (struct program){ .cfg = *cfg };
	add_op(p, OP_MAP, top, 2 * big, pa_top, rw);
	add_op(p, OP_LOOKUP, top + big + small, 0, 0, 0);
	add_op(p, OP_MAP, 3 * small, 2 * small, (1ULL << 31) + 3 * small,
	       PTF_PROT_READ);
	add_op(p, OP_DEVICE_WRITE, top + small, 0, 0, 0);
	add_op(p, OP_READ_DIRTY, top, 2 * big, 0, 0);
	p->ops[p->nr_ops - 1].page = small;
	add_op(p, OP_UNMAP, top, big, 0, 0);
	add_op(p, OP_STEP_UNMAP, 3 * small, 2 * small, 0, 0);
	add_op(p, OP_STEP_UNMAP, top + big, big, 0, 0);
	/* The identity domain's edges: PHYS_ADDR_MAX, low 32 bits all ones. */
	if (ptf_target->twin[PTF_TWIN_CAND]->identity_lookup) {
		add_op(p, OP_IDENTITY, UINT64_MAX, 0, 0, 0);
		add_op(p, OP_IDENTITY, 0x1ffffffffULL, 0, 0, 0);
	}
}

static int list_classes(void)
{
	const char (*names)[COVERAGE_NAME];
	size_t n = coverage_classes(ptf_target, &names);

	for (size_t i = 0; i < n; i++)
		printf("%s\n", names[i]);
	return 0;
}

/* A seed per class of configurations, into @dir. */
static int seeds(const char *dir)
{
	const char (*names)[COVERAGE_NAME];
	size_t n = coverage_classes(ptf_target, &names);

	for (size_t i = 0; i < n; i++) {
		struct fdp_out out = { 0 };
		char path[512], name[COVERAGE_NAME];
		FILE *f;

		snprintf(name, sizeof(name), "%s", names[i]);
		for (char *c = name; *c; c++)
			if (*c == '/' || *c == '+')
				*c = '_';
		seed_program(coverage_config(ptf_target, i), &prog);
		program_encode(ptf_target, &prog, &out);
		snprintf(path, sizeof(path), "%s/seed-cfg-%s", dir, name);
		f = fopen(path, "wb");
		if (!f) {
			fprintf(stderr, "ptfuzz: %s: %s\n", path, strerror(errno));
			return 2;
		}
		fwrite(out.buf, 1, out.len, f);
		fclose(f);
		free(out.buf);
	}
	fprintf(stderr, "%s: %zu seeds in %s\n", ptf_target->name, n, dir);
	return 0;
}

static int print(const char *path)
{
	size_t size;
	uint8_t *data = slurp(path, &size);

	program_decode(ptf_target, data, size, &prog);
	program_print(ptf_target, &prog, stdout);
	free(data);
	return 0;
}

static int usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s [-v] [-n] [-s] [-f] FILE|DIR...   run inputs (-v: trace every op,\n"
		"               -n: no oracles, -s: strict: known kernel findings fail too,\n"
		"               -f: fail every allocation of every op in turn)\n"
		"       %s -c FILE|DIR...          run inputs, then the configuration classes they reached\n"
		"       %s -l                      list the configuration classes\n"
		"       %s -g DIR                  write a seed per configuration class\n"
		"       %s -p FILE                 print an input as a program\n"
		"       %s -e PROGRAM              encode a text program to stdout\n"
		"       %s -k NAME FILE            the input as a KUnit test case\n",
		argv0, argv0, argv0, argv0, argv0, argv0, argv0);
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long runs = 0;
	int c;

	rt_init();
	coverage_init(ptf_target);
	while ((c = getopt(argc, argv, "vnsfclg:p:e:k:")) != -1) {
		switch (c) {
		case 'f':
			failnth = true;
			break;
		case 'c':
			coverage = true;
			break;
		case 'l':
			return list_classes();
		case 'g':
			return seeds(optarg);
		case 'k':
			opts.kunit = optarg;
			break;
		case 's':
			setenv("PTF_STRICT", "1", 1);
			break;
		case 'v':
			opts.verbose = true;
			break;
		case 'n':
			opts.no_oracles = true;
			break;
		case 'p':
			return print(optarg);
		case 'e':
			return encode(optarg);
		default:
			return usage(argv[0]);
		}
	}
	if (optind == argc)
		return usage(argv[0]);
	for (; optind < argc; optind++) {
		struct stat st;

		if (stat(argv[optind], &st)) {
			fprintf(stderr, "ptfuzz: %s: %s\n", argv[optind], strerror(errno));
			return 2;
		}
		if (S_ISDIR(st.st_mode)) {
			runs += run_dir(argv[optind]);
		} else {
			run_file(argv[optind]);
			runs++;
		}
	}
	if (coverage)
		coverage_print(ptf_target, stdout);
	if (failnth)
		fprintf(stderr, "%s: failnth: %lu inputs, %lu runs, %lu allocation failures injected, all clean%s\n",
			ptf_target->name, runs, sweep_runs, sweep_hits,
			ptf_differential_off ? " (differential off)" : "");
	else if (!opts.verbose)
		fprintf(stderr, "%s: %lu inputs ran clean%s\n", ptf_target->name,
			runs, ptf_differential_off ? " (differential off)" : "");
	return 0;
}
