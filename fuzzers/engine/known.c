// SPDX-License-Identifier: GPL-2.0
/*
 * Findings in the unmodified kernel that ptfuzz has investigated and
 * documented (README.md, "Findings in the kernel").  While one is open,
 * fuzzing must be able to go past it, so by default a matching finding
 * ends the input quietly with a note; PTF_STRICT=1 (run-fuzz.sh --strict,
 * <target>-run -s) reports it like any other.  Each has a regression input
 * in corpus/regressions/ that `make check` runs both ways: clean by
 * default, failing with its signature under strict (an expected failure,
 * so a kernel that fixes it is noticed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "runtime.h"

struct known_finding {
	const char *id;
	const char *target;
	const char *oracle;
	const char *signature;		/* NULL: any of the oracle's */
	/* The circumstances that identify it. */
	bool (*applies)(const struct engine *e);
	/*
	 * Undefined behaviour (here: an uninitialised read) may fire a
	 * sanitizer before any oracle looks: outside strict mode such an op
	 * is not run at all.
	 */
	bool undefined;
};

static bool warned_in(const char *func)
{
	for (int tw = 0; tw < PTF_NR_TWINS; tw++) {
		const struct rt_warn *w;
		size_t n = rt_warns(tw, &w);

		for (size_t i = 0; i < n; i++)
			if (!strcmp(w[i].func, func))
				return true;
	}
	return false;
}

/*
 * io-pgtable-arm: arm_64_lpae_alloc_pgtable_s2() WARNs and returns NULL
 * without freeing its struct arm_lpae_io_pgtable when the concatenated
 * stage-2 PGD would need more than 16 tables.
 */
static bool s2_concat_refused(const struct engine *e)
{
	return warned_in("arm_64_lpae_alloc_pgtable_s2");
}

/*
 * io-pgtable-arm: read_and_clear_dirty() over a window that starts inside
 * a block walks on from the unaligned address: it reports and gathers each
 * block shifted by the offset, and can skip the window's last block.
 */
static bool dirty_window_inside_block(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct pt_leaf *l;

	if (!op || op->kind != OP_READ_DIRTY)
		return false;
	l = model_lookup(&e->model, op->iova);
	return l && l->iova != op->iova;
}

/*
 * io-pgtable-arm: iova_to_phys() walks [iova, iova + 1), which is empty for
 * the last IOVA of the address space (TTBR1 tables reach it): nothing is
 * visited and the translation is read from an uninitialised stack variable.
 */
static bool lookup_of_last_iova(const struct engine *e)
{
	const struct op *op = e->op < e->prog->nr_ops ? &e->prog->ops[e->op] : NULL;
	const struct pt_leaf *l;

	if (!op || op->kind != OP_LOOKUP)
		return false;
	l = model_lookup(&e->model, op->iova);
	return op->iova == UINT64_MAX || (l && l->iova + (l->size - 1) == UINT64_MAX);
}

static const struct known_finding known[] = {
	{ "lpae-s2-concat-leak", "arm_lpae", "leak",
	  "memory left after the domain was freed", s2_concat_refused },
	{ "lpae-dirty-unaligned-window", "arm_lpae", "dirty",
	  "a clean range was reported dirty", dirty_window_inside_block },
	{ "lpae-dirty-unaligned-window", "arm_lpae", "dirty",
	  "a dirty range was not reported", dirty_window_inside_block },
	{ "lpae-dirty-unaligned-window", "arm_lpae", "flush",
	  "a removed or changed leaf was not invalidated",
	  dirty_window_inside_block },
	{ "lpae-lookup-last-iova", "arm_lpae", "lookup", NULL,
	  lookup_of_last_iova, true },
	{ NULL },
};

const char *known_hazard(const struct engine *e)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (k->undefined && !strcmp(k->target, e->t->name) && k->applies(e))
			return k->id;
	return NULL;
}

/*
 * Run the op of a known undefined behaviour?  Only in strict mode, and
 * not while minimizing another finding (its sanitizer report would be
 * taken for the crash being minimized).
 */
bool known_hazard_runs(const struct engine *e, const char *id)
{
	const char *only = getenv("PTF_ONLY_SIGNATURE");
	char mine[128];

	if (!known_strict())
		return false;
	for (const struct known_finding *k = known; k->id; k++)
		if (!strcmp(k->id, id)) {
			snprintf(mine, sizeof(mine), "ptfuzz: %s: %s: ", k->target,
				 k->oracle);
			return !only || !*only || !strncmp(only, mine, strlen(mine));
		}
	return false;
}

bool known_strict(void)
{
	const char *s = getenv("PTF_STRICT");

	return s && *s == '1';
}

const char *known_finding(const struct engine *e, const char *oracle,
			  const char *signature)
{
	for (const struct known_finding *k = known; k->id; k++)
		if (!strcmp(k->target, e->t->name) && !strcmp(k->oracle, oracle) &&
		    (!k->signature || !strcmp(k->signature, signature)) &&
		    k->applies(e))
			return k->id;
	return NULL;
}
