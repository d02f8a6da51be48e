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
	const char *kunit;	/* export as a KUnit test case of this name */
};

struct leafvec {
	struct pt_leaf *v;
	size_t n, cap;
};

/* What one op did on one twin. */
struct twin_result {
	int ret;			/* map, read_dirty */
	uint64_t bytes;			/* unmap, step_unmap */
	ptf_u64 phys, len, legacy;	/* lookup */
	/* The lookup could not ask the hardware (a clock failed to enable). */
	bool unavailable;
	bool fail_delivered;
	unsigned long walks, unmaps;	/* step_unmap */
};

/* iommufd's dirty bitmap for one read: one bit per @page bytes from @iova. */
struct dirty_bitmap {
	uint64_t iova, page;
	size_t nbits;
	uint64_t *bits[PTF_NR_TWINS];	/* what each twin reported */
	uint64_t *want;			/* what the model says */
	size_t cap;			/* words allocated in each */
};

struct step_call {
	uint64_t iova, size;
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
	 * against the model, and step_unmap is skipped.  Why, or NULL.
	 */
	const char *diff_off;
	struct target_setup ts;
	struct model_rules rules;
	struct ptf_pt_info info[PTF_NR_TWINS];
	void *dom[PTF_NR_TWINS];
	struct model model;
	size_t op;			/* index of the op running */
	unsigned int fail_nth;		/* armed by FAIL_ALLOC for the next op */
	struct twin_result res[PTF_NR_TWINS];
	struct hw_ctx hw_ctx[PTF_NR_TWINS];	/* the device's side of each twin */
	struct leafvec hw[PTF_NR_TWINS];	/* hardware view after the op */
	struct leafvec before;		/* model leaves in the window before */
	struct leafvec expect;		/* scratch: what an oracle expects */
	struct dirty_bitmap dirty;
	uint64_t win_lo, win_hi;	/* the window the op can touch */
	bool op_in_aperture;		/* the op's range is inside the aperture */
	char note[MAX_OPS][240];	/* results of each op, for the trace */
	struct step_call step_calls[65536];	/* the candidate's step unmaps */
	/* The table a non-coherent walker found unsynced (for known.c). */
	struct { int twin; uint64_t phys, len; } unsynced;
	jmp_buf known_exit;		/* where a known finding ends the input */
	const char *known_hit;		/* its id */
};

/*
 * Run @p; returns only if no oracle fired (a finding aborts), or if the one
 * that fired is a documented kernel finding (returned: its id).
 */
const char *engine_run(const struct target *t, const struct program *p,
		       const struct engine_opts *opts);

/* Known kernel findings (known.c). */
const char *known_finding(const struct engine *e, const char *oracle,
			  const char *signature);
bool known_strict(const char *id);
/* The op about to run is a known finding's hazard (undefined behaviour, unbounded work). */
const char *known_hazard(const struct engine *e);
bool known_hazard_runs(const struct engine *e, const char *id);

const char *twin_name(int tw);

/* Oracles (oracles.c) ---------------------------------------------------- */

void oracle_warns(struct engine *e, bool in_contract);
void oracle_flushes(struct engine *e);
void oracle_window(struct engine *e, enum model_verdict verdict);
void oracle_lookup(struct engine *e, uint64_t iova, bool in_aperture);
void oracle_leaks(struct engine *e);
void oracle_dirty(struct engine *e, bool in_contract, int expect_ret);
void hw_view(struct engine *e, int twin, uint64_t lo, uint64_t hi,
	     struct leafvec *out);
void hw_ctx_init(struct engine *e);
void hw_device_init(struct engine *e);

/* Reports (report.c) ----------------------------------------------------- */

__attribute__((noreturn, format(printf, 4, 5)))
void finding(struct engine *e, const char *oracle, const char *signature,
	     const char *fmt, ...);
void report_set_engine(struct engine *e);
void trace_op(struct engine *e);
__attribute__((format(printf, 2, 3)))
void note(struct engine *e, const char *fmt, ...);

/* Leaf vectors ----------------------------------------------------------- */

void leafvec_push(struct leafvec *lv, const struct pt_leaf *leaf);
void leafvec_clear(struct leafvec *lv);
void leafvec_free(struct leafvec *lv);
const char *leaf_str(const struct pt_leaf *l, char *buf, size_t len);

#endif /* PTF_ENGINE_H */
