// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer entry points.  PTF_NO_ORACLES=1 runs the ops without checking
 * them (to measure what the oracles cost); PTF_VERBOSE=1 traces every op.
 * At exit (a finding's included), the run's known findings and hazards per
 * id and the classes of configurations it reached go to stderr, for
 * run-fuzz.sh's summary.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "coverage.h"
#include "engine.h"
#include "runtime.h"

static struct engine_opts opts;

static void print_counts(void)
{
	static bool printed;

	if (printed)
		return;
	printed = true;
	known_print_counts(stderr);
	coverage_print(ptf_target, stderr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *v = getenv("PTF_VERBOSE"), *n = getenv("PTF_NO_ORACLES");

	opts.verbose = v && *v == '1';
	opts.no_oracles = n && *n == '1';
	rt_init();
	coverage_init(ptf_target);
	atexit(print_counts);
	report_at_exit = print_counts;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct program prog;

	program_decode(ptf_target, data, size, &prog);
	engine_run(ptf_target, &prog, &opts, NULL);
	return 0;
}
