// SPDX-License-Identifier: GPL-2.0
/*
 * The plain main() driver of every target: replays inputs without libFuzzer
 * (so gcc or AFL++ builds work too), and reads and writes the text form of
 * programs.
 *
 *   <target>-run [-v] [-n] [-s] FILE|DIR...  run inputs (-v: trace every
 *                                         op; -s: known kernel findings
 *                                         fail too)
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

#include "engine.h"
#include "runtime.h"

static struct engine_opts opts;
static struct program prog;

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
	const char *known = engine_run(ptf_target, &prog, &opts);

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
		"usage: %s [-v] [-n] [-s] FILE|DIR...   run inputs (-v: trace every op,\n"
		"               -n: no oracles, -s: strict: known kernel findings fail too)\n"
		"       %s -p FILE                 print an input as a program\n"
		"       %s -e PROGRAM              encode a text program to stdout\n"
		"       %s -k NAME FILE            the input as a KUnit test case\n",
		argv0, argv0, argv0, argv0);
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long runs = 0;
	int c;

	while ((c = getopt(argc, argv, "vnsp:e:k:")) != -1) {
		switch (c) {
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
	rt_init();
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
	if (!opts.verbose)
		fprintf(stderr, "%s: %lu inputs ran clean%s\n", ptf_target->name,
			runs, ptf_differential_off ? " (differential off)" : "");
	return 0;
}
