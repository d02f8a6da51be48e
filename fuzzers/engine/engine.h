/* SPDX-License-Identifier: GPL-2.0 */
/*
 * engine.h - runs a program on the baseline twin, the candidate twin and
 * the model, and lets the oracles compare them after every op.
 */
#ifndef PTF_ENGINE_H
#define PTF_ENGINE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "program.h"
#include "target.h"

#define BASE	PTF_TWIN_BASE
#define CAND	PTF_TWIN_CAND
#define NO_PHYS	(~0ULL)		/* PHYS_ADDR_MAX */

struct engine_opts {
	bool verbose;		/* trace every op and its results (repro) */
	bool no_oracles;	/* run the ops only: to measure the oracles' cost */
	/*
	 * Fail allocation @inject_nth of op @inject_op (SIZE_MAX: the domain's
	 * creation) on top of what the program asks: the failnth sweep.
	 */
	size_t inject_op;
	unsigned int inject_nth;
	const char *kunit;	/* export as a KUnit test case of this name */
};

struct leafvec {
	struct pt_leaf *v;
	size_t n, cap;
};

/* A table a walker found: its page and the IOVA range it translates. */
struct hw_table {
	uint64_t phys, iova;
	unsigned int span_lg2;
};

struct tablevec {
	struct hw_table *v;
	size_t n, cap;
};

/* What a device sees of a window: leaves and the tables leading to them. */
struct hwview {
	struct leafvec leaves;
	struct tablevec tables;
};

/* One unmap call a step-unmap loop made, and what it returned. */
struct step_call {
	uint64_t iova, size, ret;
};

#define STEP_CALLS_MAX		(MODEL_TOTAL_BUDGET + 1024)

/* What one step-unmap loop did, on a twin or on the model. */
struct step_trace {
	unsigned long walks;
	uint64_t bytes;
	size_t nr_calls;
	struct step_call calls[STEP_CALLS_MAX];
};

/* What one op did on one twin. */
struct twin_result {
	int ret;			/* map, read_dirty */
	uint64_t bytes;			/* unmap */
	ptf_u64 phys, len, legacy;	/* lookup */
	/* The lookup could not ask the hardware (a clock failed to enable). */
	bool unavailable;
	bool fail_delivered;
};

/*
 * iommufd's dirty bitmap for one read: one bit per @page bytes from @iova,
 * in user memory that starts at a page and fills whole pages, as a
 * caller's mmap()ed buffer would: what iova_bitmap_set() writes past the
 * bitmap lands in the rest of its last page, where it can be seen.
 */
struct dirty_bitmap {
	uint64_t iova, page;
	size_t nbits;
	uint64_t *bits[PTF_NR_TWINS];	/* what each twin reported */
	uint64_t *want;			/* what the model says */
	size_t words;			/* allocated in each: whole pages */
};

/*
 * Why this binary's candidate twin is the baseline's code (a patch of
 * patches/ did not apply to a file its unit builds), or NULL.  Written by
 * the build per unit ($(B)/units/<unit>.c).
 */
extern const char *const ptf_differential_off;

struct engine {
	const struct target *t;
	const struct program *prog;
	struct engine_opts opts;
	/*
	 * The differential is off: the candidate twin has no
	 * iova_to_phys_length().  Lookups check the legacy iova_to_phys()
	 * against the model, and step_unmap runs VFIO's loop on both twins.
	 * Why, or NULL.
	 */
	const char *diff_off;
	struct target_setup ts;
	struct target_domain pred;	/* what the kernel must make of ts */
	struct model_rules rules;
	struct ptf_pt_info info[PTF_NR_TWINS];
	void *dom[PTF_NR_TWINS];
	/*
	 * Each twin's model: the state after the op, and before it.  They
	 * are the same unless a step-unmap's loops shaped the tables apart
	 * (VFIO's legacy loop on the baseline unmaps physically contiguous
	 * runs, which may free tables the candidate's loop keeps); the twins
	 * are compared with each other only while they are the same.
	 */
	struct model model[PTF_NR_TWINS];
	struct model prev[PTF_NR_TWINS];
	bool diverged;
	bool loops_differ;		/* the op ran other code on each twin */
	size_t op;			/* index of the op running */
	unsigned int fail_nth;		/* armed by FAIL_ALLOC for the next op */
	bool fail_rearmed;		/* a vocabulary op armed it for the next */
	/*
	 * The known finding (id) the running vocabulary op meets, as its
	 * vocab->hazard() saw the state before the op ran, or NULL.
	 */
	const char *vocab_hazard;
	unsigned int armed;		/* what the op running has armed */
	int expect_ret[PTF_NR_TWINS];	/* the model's return code */
	uint64_t expect_bytes[PTF_NR_TWINS];	/* ... byte count */
	struct twin_result res[PTF_NR_TWINS];
	struct hw_ctx hw_ctx[PTF_NR_TWINS];	/* the device's side of each twin */
	struct hw_ctx hw_dev[PTF_NR_TWINS];	/* ... through its own copy */
	struct hwview before[PTF_NR_TWINS];	/* the device's view before the op */
	struct hwview hw[PTF_NR_TWINS];		/* ... after it */
	struct hwview hw_synced[PTF_NR_TWINS];	/* ... as a non-coherent walk reads it */
	/*
	 * Leaves a device whose view is its cache (hw_device.view_cached) may
	 * go on translating though the tables dropped them: a driver replaced
	 * them in a map over them (the caller's bug: model_overwrite()), and
	 * no invalidation has covered them since.
	 */
	struct leafvec stale[PTF_NR_TWINS];
	struct dirty_bitmap dirty;
	uint64_t win_lo, win_hi;	/* the window the op can touch */
	bool op_in_aperture;		/* the op's range is inside the aperture */
	struct step_trace step[PTF_NR_TWINS], step_model[PTF_NR_TWINS];
	char note[MAX_OPS][240];	/* results of each op, for the trace */
	/* The last table a non-coherent walk found unsynced (for known.c). */
	struct { int twin; uint64_t phys, len; } unsynced;
	bool blocking_check;		/* walking the core's blocking domain */
	bool core_attach;		/* back to the driver's own domain */
	char detail[2048];		/* the finding being reported: its details */
	jmp_buf known_exit;		/* where a known finding ends the input */
	const char *known_hit;		/* its id */
	bool inject_hit;		/* the injected failure was delivered */
};

/*
 * Run @p; returns only if no oracle fired (a finding aborts), or if the one
 * that fired is a documented kernel finding (returned: its id).  With
 * @inject_hit, says whether opts->inject_nth was delivered.
 */
const char *engine_run(const struct target *t, const struct program *p,
		       const struct engine_opts *opts, bool *inject_hit);

/* Known kernel findings (known.c). */
const char *known_finding(const struct engine *e, const char *oracle,
			  const char *signature);
bool known_strict(const char *id);
/* A known finding after which the input goes on (a note, not the end). */
bool known_goes_on(const char *id);
/* A known finding the series fixes: the twins differ by design. */
bool known_cand_fixes(const char *id);
/* The op about to run is a known finding's hazard (undefined behaviour, unbounded work). */
const char *known_hazard(const struct engine *e);
bool known_hazard_runs(const struct engine *e, const char *id);
/* Count a known finding's hit, or a hazard's skipped op or domain. */
void known_count(const char *id, bool hazard);
/* "ptfuzz-known: ID N" and "ptfuzz-hazard: ID N" lines. */
void known_print_counts(FILE *out);

/*
 * A vocabulary whose twins are page tables the engine creates as for the
 * built-in ops: create() (setup, predict, the twins, the models), the
 * models' start of an op (its armed allocation failure), destroy(), and
 * the lookup op (the twins' iova_to_phys() and iova_to_phys_length()).
 */
bool engine_create_domain(struct engine *e);
void engine_destroy_domain(struct engine *e);
void engine_models_begin(struct engine *e);
/* The built-in lookup op at @iova, with its oracles. */
void engine_lookup(struct engine *e, uint64_t iova);

const char *twin_name(int tw);

/*
 * Around every call into a twin: select it, arm the allocation failure
 * the op carries, and note whether it was delivered (fail_delivered():
 * both twins must say the same).
 */
void twin_enter(struct engine *e, int tw);
void twin_leave(struct engine *e, int tw);
bool fail_delivered(struct engine *e);

/* Oracles (oracles.c) ---------------------------------------------------- */

void oracle_warns(struct engine *e);
void oracle_flushes(struct engine *e);
/*
 * The leaf @l of the view before the op changed, and no TLB dropped it;
 * for the flush findings' predicates (it reads oracle_flushes()' index).
 */
bool flush_missed(struct engine *e, int tw, const struct pt_leaf *l);
void oracle_window(struct engine *e);
void oracle_syncs(struct engine *e);
void oracle_lookup(struct engine *e, uint64_t iova);
/* An identity domain's lookups; @both: each twin's master has one. */
void oracle_identity(struct engine *e, uint64_t iova, bool both);
void oracle_leaks(struct engine *e);
void oracle_dirty(struct engine *e, int expect_ret);
/* Before a known finding is let go: do the twins differ in this op? */
bool twins_differ(struct engine *e, char *why, size_t len);
void hw_view(struct engine *e, int twin, uint64_t lo, uint64_t hi,
	     struct hwview *out);
void hw_ctx_init(struct engine *e);
void hw_device_init(struct engine *e);
void hw_device_op_end(struct engine *e);

/* Reports (report.c) ----------------------------------------------------- */

/*
 * Report a finding and end the input; a known finding ends it quietly, or
 * returns for one the input goes past (known_goes_on()).
 */
__attribute__((format(printf, 4, 5)))
void finding(struct engine *e, const char *oracle, const char *signature,
	     const char *fmt, ...);
void report_set_engine(struct engine *e);
/* Called once before a finding or a sanitizer report ends the process. */
extern void (*report_at_exit)(void);
void trace_op(struct engine *e);
__attribute__((format(printf, 2, 3)))
void note(struct engine *e, const char *fmt, ...);

/* Leaf vectors ----------------------------------------------------------- */

void leafvec_push(struct leafvec *lv, const struct pt_leaf *leaf);
void leafvec_clear(struct leafvec *lv);
void leafvec_free(struct leafvec *lv);
void tablevec_push(struct tablevec *tv, const struct hw_table *t);
void hwview_clear(struct hwview *v);
void hwview_free(struct hwview *v);
const char *leaf_str(const struct pt_leaf *l, char *buf, size_t len);

#endif /* PTF_ENGINE_H */
