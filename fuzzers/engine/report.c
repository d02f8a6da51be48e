// SPDX-License-Identifier: GPL-2.0
/*
 * Traces and findings.
 *
 * A finding is a full report on stderr - target, trees, config, the decoded
 * op trace up to the failing op, expected vs actual, the kernel log - and a
 * closing signature line
 *
 *   SUMMARY: ptfuzz: <target>: <oracle>: <what>
 *
 * that names the class of failure without addresses, so findings from
 * different inputs compare equal.  Then abort(), as libFuzzer expects.
 * Sanitizer reports get the trace too, where the sanitizers print their
 * summary line (not through their death callback: there is one, and
 * libFuzzer's, which writes the crash input, must stay).
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "runtime.h"

static struct engine *current;
static char setup_note[240];

void note(struct engine *e, const char *fmt, ...)
{
	char *buf = e->op < MAX_OPS ? e->note[e->op] : setup_note;
	size_t used = strlen(buf);
	va_list ap;

	if (used && used < sizeof(setup_note) - 1)
		buf[used++] = ' ';
	va_start(ap, fmt);
	vsnprintf(buf + used, sizeof(setup_note) - used, fmt, ap);
	va_end(ap);
}

static void print_op_line(const struct engine *e, size_t i, bool failing,
			  FILE *out)
{
	fprintf(out, "%s%3zu  ", failing ? ">>" : "  ", i);
	op_print(&e->prog->ops[i], out);
	if (e->note[i][0])
		fprintf(out, "\n       %s", e->note[i]);
	fputc('\n', out);
}

void trace_op(struct engine *e)
{
	if (e->opts.verbose)
		print_op_line(e, e->op, false, stdout);
}

static void print_log_line(const char *line, void *arg)
{
	fprintf(arg, "    %s\n", line);
}

static void print_context(const struct engine *e, FILE *out)
{
	const struct target *t = e->t;

	fprintf(out, "target:     %s (%s)\n", t->name, t->summary);
	fprintf(out, "baseline:   Linux %s (legacy iova_to_phys)\n",
		t->twin[BASE]->tree);
	if (e->diff_off)
		fprintf(out, "candidate:  Linux %s (the baseline's code)\ndifferential: off (%s)\n",
			t->twin[CAND]->tree, e->diff_off);
	else
		fprintf(out, "candidate:  Linux %s (iova_to_phys_length)\n",
			t->twin[CAND]->tree);
	fputs("config:     ", out);
	config_print(t, &e->prog->cfg, out);
	fputc('\n', out);
	if (e->dom[BASE])
		fprintf(out, "domain:     pgsize_bitmap=0x%lx ias=%u oas=%u\n",
			e->info[BASE].pgsize_bitmap, e->info[BASE].ias,
			e->info[BASE].oas);
	if (setup_note[0])
		fprintf(out, "setup:      %s\n", setup_note);
	if (e->opts.inject_nth && e->opts.inject_op == SIZE_MAX)
		fprintf(out, "failnth:    allocation %u of the domain's creation failed (./run-fuzz.sh failnth)\n",
			e->opts.inject_nth);
	else if (e->opts.inject_nth)
		fprintf(out, "failnth:    allocation %u of op %zu failed (./run-fuzz.sh failnth)\n",
			e->opts.inject_nth, e->opts.inject_op);
}

static void print_trace(const struct engine *e, FILE *out)
{
	size_t last = e->op < e->prog->nr_ops ? e->op : e->prog->nr_ops;

	fprintf(out, "ops:        %zu decoded; ", e->prog->nr_ops);
	if (e->op < e->prog->nr_ops)
		fprintf(out, "failed at op %zu\n", e->op);
	else
		fputs("failed after the last op (final check or teardown)\n", out);
	for (size_t i = 0; i < last; i++)
		print_op_line(e, i, false, out);
	if (e->op < e->prog->nr_ops)
		print_op_line(e, e->op, true, out);
}

static void print_logs(FILE *out)
{
	static const char *const who[] = { "baseline", "candidate" };

	for (int tw = PTF_NR_TWINS - 1; tw >= 0; tw--) {
		fprintf(out, "kernel log (%s, most recent last):\n", who[tw]);
		rt_for_each_log(tw, print_log_line, out);
	}
}

void finding(struct engine *e, const char *oracle, const char *signature,
	     const char *fmt, ...)
{
	const char *known = known_finding(e, oracle, signature);
	const char *only = getenv("PTF_ONLY_SIGNATURE");
	char full[256], why[160] = "";
	va_list ap;

	/*
	 * A known finding is in both twins: on one only, it is a regression
	 * (unless the series is what fixes it).
	 */
	if (known && strcmp(oracle, "twins") && !known_baseline_only(known) &&
	    twins_differ(e, why, sizeof(why)))
		known = NULL;
	/* While minimizing one finding, another one is not a crash. */
	snprintf(full, sizeof(full), "ptfuzz: %s: %s: %s", e->t->name, oracle,
		 signature);
	if (only && *only && strcmp(only, full)) {
		note(e, "(a different finding, ignored: %s)", full);
		e->known_hit = "other";
		longjmp(e->known_exit, 1);
	}
	if (known && !known_strict(known)) {
		note(e, "(known kernel finding %s: %s: %s; PTF_STRICT=1 reports it)",
		     known, oracle, signature);
		if (e->op < e->prog->nr_ops)
			trace_op(e);
		e->known_hit = known;
		longjmp(e->known_exit, 1);
	}
	fflush(stdout);
	fputs("\n==== ptfuzz finding ====\n", stderr);
	if (known)
		fprintf(stderr, "known:      %s (documented in README.md; strict mode)\n",
			known);
	if (why[0])
		fprintf(stderr, "regression: a known finding's symptom, but the twins differ in %s\n",
			why);
	print_context(e, stderr);
	print_trace(e, stderr);
	fprintf(stderr, "oracle:     %s\n", oracle);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	print_logs(stderr);
	fprintf(stderr, "SUMMARY: %s\n", full);
	if (report_at_exit)
		report_at_exit();
	fflush(stderr);
	current = NULL;		/* no second report from the death hook */
	abort();
}

/* BUG(), panic() and misuse the runtime detects. */
static void runtime_fatal(const char *kind, const char *detail)
{
	if (current)
		finding(current, strcmp(kind, "harness") ? "kernel" : "harness",
			kind, "%s: %s\n", kind, detail);
}

/* A sanitizer has reported an error: give its report the op trace. */
static void sanitizer_context(void)
{
	if (!current)
		return;
	fputs("\n==== ptfuzz context of the sanitizer report above ====\n",
	      stderr);
	if (known_hazard(current))
		fprintf(stderr, "known:      %s (documented in README.md; strict mode)\n",
			known_hazard(current));
	print_context(current, stderr);
	print_trace(current, stderr);
	print_logs(stderr);
	fprintf(stderr, "SUMMARY: ptfuzz: %s: sanitizer: see the report above\n",
		current->t->name);
	if (report_at_exit)
		report_at_exit();
}

/*
 * The sanitizers' summary line ("SUMMARY: AddressSanitizer: ..."), a weak
 * function of their runtime: printed last in every report, before the
 * sanitizer ends the process.
 */
void __sanitizer_report_error_summary(const char *summary);
void __sanitizer_report_error_summary(const char *summary)
{
	fprintf(stderr, "%s\n", summary);
	sanitizer_context();
}

void (*report_at_exit)(void);

void report_set_engine(struct engine *e)
{
	static bool hooked;

	current = e;
	setup_note[0] = '\0';
	if (hooked)
		return;
	rt_set_fatal_handler(runtime_fatal);
	hooked = true;
}
