// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit export (<target>-run -k NAME FILE, ./run-fuzz.sh kunit FILE): the
 * input as a KUnit test case for the tree's own suite, with the expected
 * result of every op as the model computes it before the op runs.
 *
 *   io-pgtable (LPAE formats)  a case for drivers/iommu/io-pgtable-arm-selftests.c:
 *                              alloc_io_pgtable_ops() with the input's cfg,
 *                              map_pages()/unmap_pages() leaf by leaf as
 *                              iommu_map()/iommu_unmap() split them,
 *                              iova_to_phys()
 *   generic_pt                 a case for drivers/iommu/generic_pt/kunit_iommu_pt.h,
 *                              compiled for the input's format only: the
 *                              suite's table re-initialised with the input's
 *                              cfg, then iommu_map(), iommu_unmap() and
 *                              iommu_iova_to_phys() on its domain
 *
 * The test targets the tree without the series (the legacy iova_to_phys:
 * 0 for no translation).  Ops KUnit cannot express (device writes and
 * dirty reads, which need iommufd's IOVA bitmap over user memory;
 * injected allocation failures) end the test with kunit_skip() there.
 *
 * Output on stdout, for run-fuzz.sh to place in the tree's file:
 *   // ptfuzz-kunit-file: PATH        the test file, relative to the tree
 *   // ptfuzz-kunit-guard: #if ...     generic_pt: the format's TU only
 *   // ptfuzz-kunit-case: ENTRY        the kunit_case array entry
 * then the test function.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "kunit.h"

static FILE *body;
static char *body_buf;
static size_t body_len;
static const char *test_name;
static bool skipped;		/* an op KUnit cannot express ended the test */
static bool have_domain;

static bool is_genpt(const struct engine *e)
{
	return e->ts.pt.fmt >= PTF_NR_IOPGTABLE_FMTS;
}

/* generic_pt formats: the header guard of the format's TU, the cfg's level. */
struct genpt_fmt {
	const char *guard;
	const char *level_field;	/* NULL: derived from the VA */
	const char *fmt_features[2];	/* PT_FEAT_FMT_START + i */
};

static const struct genpt_fmt genpt_fmts[PTF_NR_FMTS] = {
	[PTF_FMT_PT_AMDV1] = {
		"defined(__GENERIC_PT_FMT_AMDV1_H) && !defined(AMDV1_IOMMUFD_SELFTEST)",
		"starting_level",
		{ "PT_FEAT_AMDV1_ENCRYPT_TABLES", "PT_FEAT_AMDV1_FORCE_COHERENCE" } },
	[PTF_FMT_PT_AMDV1_MOCK] = {
		"defined(__GENERIC_PT_FMT_AMDV1_H) && defined(AMDV1_IOMMUFD_SELFTEST)",
		"starting_level", { NULL } },
	[PTF_FMT_PT_VTDSS] = {
		"defined(__GENERIC_PT_FMT_VTDSS_H)", "top_level",
		{ "PT_FEAT_VTDSS_FORCE_COHERENCE", "PT_FEAT_VTDSS_FORCE_WRITEABLE" } },
	[PTF_FMT_PT_X86_64] = {
		"defined(__GENERIC_PT_FMT_X86_64_H)", "top_level",
		{ "PT_FEAT_X86_64_AMD_ENCRYPT_TABLES" } },
	[PTF_FMT_PT_RISCV64] = {
		"defined(__GENERIC_PT_FMT_RISCV_H)", NULL,
		{ "PT_FEAT_RISCV_SVNAPOT_64K", "PT_FEAT_RISCV_SVPBMT" } },
};

static const char *const lpae_fmt_names[PTF_NR_IOPGTABLE_FMTS] = {
	[PTF_FMT_ARM_32_LPAE_S1] = "ARM_32_LPAE_S1",
	[PTF_FMT_ARM_32_LPAE_S2] = "ARM_32_LPAE_S2",
	[PTF_FMT_ARM_64_LPAE_S1] = "ARM_64_LPAE_S1",
	[PTF_FMT_ARM_64_LPAE_S2] = "ARM_64_LPAE_S2",
	[PTF_FMT_ARM_MALI_LPAE] = "ARM_MALI_LPAE",
};

static const char *const quirk_names[] = {
	"IO_PGTABLE_QUIRK_ARM_NS", "IO_PGTABLE_QUIRK_NO_PERMS",
	"IO_PGTABLE_QUIRK_ARM_MTK_EXT", "IO_PGTABLE_QUIRK_ARM_MTK_TTBR_EXT",
	"IO_PGTABLE_QUIRK_ARM_TTBR1", "IO_PGTABLE_QUIRK_ARM_OUTER_WBWA",
	"IO_PGTABLE_QUIRK_ARM_HD", "IO_PGTABLE_QUIRK_ARM_S2FWB",
	"IO_PGTABLE_QUIRK_NO_WARN",
};

static const char *const feature_names[] = {
	"PT_FEAT_DMA_INCOHERENT", "PT_FEAT_FULL_VA", "PT_FEAT_DYNAMIC_TOP",
	"PT_FEAT_SIGN_EXTEND", "PT_FEAT_FLUSH_RANGE",
	"PT_FEAT_FLUSH_RANGE_NO_GAPS", "PT_FEAT_DETAILED_GATHER",
};

bool kunit_exportable(const struct engine *e, const char **why)
{
	enum ptf_fmt fmt = e->ts.pt.fmt;

	if (e->t->vocab) {
		*why = "the tree has no KUnit suite for its ioctls (VFIO type1 has none; iommufd's tests are the userspace selftests in tools/testing/selftests/iommu)";
		return false;
	}
	if (fmt < PTF_NR_IOPGTABLE_FMTS && !lpae_fmt_names[fmt]) {
		*why = "the tree has no KUnit suite for this io-pgtable format (only io-pgtable-arm-selftests.c, LPAE)";
		return false;
	}
	if (fmt >= PTF_NR_IOPGTABLE_FMTS && !genpt_fmts[fmt].guard) {
		*why = "unknown generic_pt format";
		return false;
	}
	return true;
}

static void prot_str(int prot, char *buf, size_t len)
{
	static const struct { int bit; const char *name; } bits[] = {
		/* The iommu prot bits, in their order (program.c's names) */
		{ 1 << 0, "IOMMU_READ" }, { 1 << 1, "IOMMU_WRITE" },
		{ 1 << 2, "IOMMU_CACHE" }, { 1 << 3, "IOMMU_NOEXEC" },
		{ 1 << 4, "IOMMU_MMIO" }, { 1 << 5, "IOMMU_PRIV" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (prot & bits[i].bit)
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? " | " : "", bits[i].name);
	if (!used)
		snprintf(buf, len, "0");
}

/* Return codes as the kernel writes them. */
static const char *err_str(int ret, char *buf, size_t len)
{
	static const struct { int err; const char *name; } errs[] = {
		{ -22, "-EINVAL" }, { -34, "-ERANGE" }, { -6, "-ENXIO" },
		{ -17, "-EEXIST" }, { -98, "-EADDRINUSE" }, { -12, "-ENOMEM" },
		{ -75, "-EOVERFLOW" }, { -19, "-ENODEV" }, { -95, "-EOPNOTSUPP" },
	};

	for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (errs[i].err == ret)
			return errs[i].name;
	snprintf(buf, len, "%d", ret);
	return buf;
}

/* The op as the program text has it, as a comment. */
static void op_comment(const struct engine *e, const struct op *op)
{
	fputs("\t/* ", body);
	op_print(e->t, op, body);
	fputs(" */\n", body);
}

static void skip_here(const char *why)
{
	fprintf(body, "\tkunit_skip(test, \"ptfuzz: %s\");\n", why);
	skipped = true;
}

/* Configuration ------------------------------------------------------------- */

static void begin_iopgtable(const struct engine *e, bool must_work)
{
	const struct ptf_pt_config *pc = &e->ts.pt;
	bool first = true;

	fprintf(body, "\tstruct io_pgtable_cfg cfg = {\n"
		"\t\t.tlb = &dummy_tlb_ops,\n"
		"\t\t.pgsize_bitmap = 0x%" PRIx64 ",\n"
		"\t\t.ias = %u,\n\t\t.oas = %u,\n\t\t.coherent_walk = %s,\n",
		(uint64_t)pc->pgsize_bitmap, pc->ias, pc->oas,
		pc->coherent_walk ? "true" : "false");
	for (size_t i = 0; i < sizeof(quirk_names) / sizeof(quirk_names[0]); i++)
		if (pc->quirks & (1u << i)) {
			fprintf(body, "%s%s", first ? "\t\t.quirks = " : " |\n\t\t\t  ",
				quirk_names[i]);
			first = false;
		}
	if (!first)
		fputs(",\n", body);
	fputs("\t};\n\tstruct io_pgtable_ops *ops;\n\tstruct device *dev;\n"
	      "\tsize_t mapped __maybe_unused;\n\n"
	      "\tdev = kunit_device_register(test, \"ptfuzz-dev\");\n"
	      "\tKUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);\n"
	      "\tcfg.iommu_dev = dev;\n\tcfg_cookie = &cfg;\n", body);
	fprintf(body, "\tops = alloc_io_pgtable_ops(%s, &cfg, &cfg);\n",
		lpae_fmt_names[pc->fmt]);
	if (must_work)
		fputs("\t/* A driver of the tree creates this configuration */\n"
		      "\tKUNIT_ASSERT_NOT_NULL(test, ops);\n", body);
	else
		fputs("\tif (!ops)\n\t\tkunit_skip(test, \"ptfuzz: the tree refuses this configuration\");\n",
		      body);
}

static void begin_genpt(const struct engine *e, bool must_work)
{
	const struct ptf_pt_config *pc = &e->ts.pt;
	const struct genpt_fmt *f = &genpt_fmts[pc->fmt];
	bool first = true;

	fputs("\tstruct kunit_iommu_priv *priv = test->priv;\n"
	      "\tstruct pt_iommu_table_cfg cfg = {\n", body);
	fprintf(body, "\t\t.common.hw_max_vasz_lg2 = %u,\n"
		"\t\t.common.hw_max_oasz_lg2 = %u,\n", pc->ias, pc->oas);
	for (unsigned int i = 0; i < 15; i++) {
		const char *name = NULL;

		if (!(pc->features & (1u << i)))
			continue;
		if (i < sizeof(feature_names) / sizeof(feature_names[0]))
			name = feature_names[i];
		else if (i - 7 < 2)
			name = f->fmt_features[i - 7];
		if (!name)
			continue;
		fprintf(body, "%sBIT(%s)", first ? "\t\t.common.features = " :
			" |\n\t\t\t\t   ", name);
		first = false;
	}
	if (!first)
		fputs(",\n", body);
	if (f->level_field)
		fprintf(body, "\t\t.%s = %u,\n", f->level_field, pc->level);
	fputs("\t};\n\tint ret;\n\n", body);
	fputs("\t/* One table of the input's own, not the suite's configurations */\n"
	      "\tif ((uintptr_t)test->param_value != 1)\n"
	      "\t\tkunit_skip(test, \"ptfuzz: runs with the first configuration only\");\n",
	      body);
	/* run-fuzz.sh says so for a "# build: prod" input */
	if (getenv("PTF_KUNIT_PROD") && *getenv("PTF_KUNIT_PROD"))
		fputs("\tif (IS_ENABLED(CONFIG_DEBUG_GENERIC_PT))\n"
		      "\t\tkunit_skip(test, \"ptfuzz: a production build's finding: run without CONFIG_DEBUG_GENERIC_PT\");\n",
		      body);
	fputs("\tpt_iommu_deinit(priv->iommu);\n\tpriv->cfg = cfg;\n"
	      "\tret = pt_iommu_init(&priv->fmt_table, &priv->cfg, GFP_KERNEL);\n",
	      body);
	if (must_work)
		fputs("\t/* A driver of the tree creates this configuration */\n"
		      "\tKUNIT_ASSERT_NO_ERRNO(test, ret);\n", body);
	else
		fputs("\tif (ret)\n\t\tkunit_skip(test, \"ptfuzz: the tree refuses this configuration\");\n",
		      body);
	if (pc->pgsize_bitmap)
		fprintf(body, "\t/* The page sizes the driver leaves */\n"
			"\tpriv->domain.pgsize_bitmap &= 0x%" PRIx64 "ULL;\n",
			(uint64_t)pc->pgsize_bitmap);
}

void kunit_begin(struct engine *e, const char *name, bool must_work)
{
	const char *why;

	if (!kunit_exportable(e, &why)) {
		fprintf(stderr, "ptfuzz: kunit: %s: %s\n", e->t->name, why);
		exit(2);
	}
	test_name = name;
	body = open_memstream(&body_buf, &body_len);
	if (!body)
		abort();
	fprintf(body, "/* ptfuzz: %s: %s */\nstatic void %s(struct kunit *test)\n{\n",
		e->t->name, e->t->summary, name);
	if (is_genpt(e))
		begin_genpt(e, must_work);
	else
		begin_iopgtable(e, must_work);
	have_domain = false;
}

void kunit_domain(struct engine *e)
{
	have_domain = true;
	fputc('\n', body);
}

/* Ops ------------------------------------------------------------------------ */

/* map_pages() calls as iommu_map() makes them: runs of one page size. */
static void lpae_map(const struct engine *e, const struct op *op, int prot)
{
	static struct pt_leaf plan[MODEL_LEAF_BUDGET + 1];
	char p[128];
	size_t n = model_plan(e->rules.pgsize_bitmap, op->iova, op->pa,
			      op->size, plan, MODEL_LEAF_BUDGET);

	prot_str(prot, p, sizeof(p));
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && plan[j].size == plan[i].size)
			j++;
		fprintf(body, "\tmapped = 0;\n"
			"\tKUNIT_EXPECT_EQ(test, ops->map_pages(ops, 0x%" PRIx64 "UL, 0x%" PRIx64 ",\n"
			"\t\t\t\t\t       0x%" PRIx64 ", %zu, %s,\n"
			"\t\t\t\t\t       GFP_KERNEL, &mapped), 0);\n"
			"\tKUNIT_EXPECT_EQ(test, mapped, (size_t)0x%" PRIx64 ");\n",
			plan[i].iova, plan[i].phys, plan[i].size, j - i, p,
			plan[i].size * (j - i));
		i = j;
	}
}

/* The model's answer to @op, on a copy: the engine runs the op after this. */
static struct model *scratch_model(struct engine *e)
{
	static struct model scratch;

	model_copy(&scratch, &e->model[CAND]);
	model_begin_op(&scratch, 0);
	return &scratch;
}

static void emit_map(struct engine *e, const struct op *op)
{
	enum model_verdict v;
	char p[128], err[16];
	int expect;

	v = model_map_verdict(&e->model[CAND], op->iova, op->pa, op->size);
	prot_str(op->prot, p, sizeof(p));
	if (v != MODEL_RUN) {
		fputs("\t/* not run: ptfuzz skips it too */\n", body);
		return;
	}
	expect = model_map(scratch_model(e), op->iova, op->pa, op->size,
			   op->prot);
	if (expect == MODEL_RET_UNDEFINED) {
		fputs("\t/* undefined behaviour of the kernel: not exported */\n", body);
		return;
	}
	if (!is_genpt(e)) {
		if (!expect)
			lpae_map(e, op, op->prot);
		else
			fprintf(body, "\t/* iommu_map() answers %s; the io-pgtable suite has no iommu core: not exported */\n",
				err_str(expect, err, sizeof(err)));
		return;
	}
	fprintf(body, "\tKUNIT_EXPECT_EQ(test, iommu_map(&priv->domain, 0x%" PRIx64 "UL, 0x%" PRIx64 ",\n"
		"\t\t\t\t\t 0x%" PRIx64 ", %s, GFP_KERNEL), %s);\n",
		op->iova, op->pa, op->size, p, err_str(expect, err, sizeof(err)));
}

/* Whole leaves from @iova for @bytes, as iommu_unmap() removes them. */
static void unmap_leaves(struct engine *e, uint64_t iova, uint64_t bytes)
{
	const struct pt_leaf *l;
	size_t n = bytes ? model_leaves_in(&e->model[CAND], iova, iova + (bytes - 1), &l) : 0;

	for (size_t i = 0; i < n; i++) {
		if (is_genpt(e))
			fprintf(body, "\tKUNIT_EXPECT_EQ(test, iommu_unmap(&priv->domain, 0x%" PRIx64 "UL, 0x%" PRIx64 "),\n"
				"\t\t\t(size_t)0x%" PRIx64 ");\n", l[i].iova, l[i].size, l[i].size);
		else
			fprintf(body, "\tKUNIT_EXPECT_EQ(test, ops->unmap_pages(ops, 0x%" PRIx64 "UL, 0x%" PRIx64 ", 1, NULL),\n"
				"\t\t\t(size_t)0x%" PRIx64 ");\n", l[i].iova, l[i].size, l[i].size);
	}
}

static void emit_unmap(struct engine *e, const struct op *op)
{
	uint64_t expect = model_unmap(scratch_model(e), op->iova, op->size);

	if (is_genpt(e)) {
		fprintf(body, "\tKUNIT_EXPECT_EQ(test, iommu_unmap(&priv->domain, 0x%" PRIx64 "UL, 0x%" PRIx64 "),\n"
			"\t\t\t(size_t)0x%" PRIx64 ");\n", op->iova, op->size, expect);
		return;
	}
	if (!expect)
		fputs("\t/* nothing to unmap */\n", body);
	unmap_leaves(e, op->iova, expect);
}

static void emit_lookup(struct engine *e, const struct op *op)
{
	const struct pt_leaf *l = model_translate(&e->model[CAND], op->iova);
	uint64_t phys = l ? model_leaf_pa(l, op->iova) : 0;

	if (!is_genpt(e) && !model_in_aperture(&e->model[CAND], op->iova, 1) &&
	    !(op->iova == UINT64_MAX && l)) {
		fputs("\t/* outside the aperture: no contract for io-pgtable */\n", body);
		return;
	}
	if (is_genpt(e))
		fprintf(body, "\tKUNIT_EXPECT_EQ(test, iommu_iova_to_phys(&priv->domain, 0x%" PRIx64 "UL),\n"
			"\t\t\t(phys_addr_t)0x%" PRIx64 ");\n", op->iova, phys);
	else
		fprintf(body, "\tKUNIT_EXPECT_EQ(test, ops->iova_to_phys(ops, 0x%" PRIx64 "UL),\n"
			"\t\t\t(phys_addr_t)0x%" PRIx64 ");\n", op->iova, phys);
}

/* iova_to_phys_length() is the series': step by the model's leaves instead. */
static void emit_step_unmap(struct engine *e, const struct op *op)
{
	fputs("\t/* each leaf, as a caller stepping by its length unmaps it */\n", body);
	unmap_leaves(e, op->iova, op->size);
}

void kunit_op(struct engine *e, const struct op *op)
{
	if (skipped)
		return;
	op_comment(e, op);
	if (!have_domain) {
		fputs("\t/* not run: no domain */\n", body);
		return;
	}
	switch (op->kind) {
	case OP_MAP:
		emit_map(e, op);
		break;
	case OP_UNMAP:
		emit_unmap(e, op);
		break;
	case OP_LOOKUP:
		emit_lookup(e, op);
		break;
	case OP_STEP_UNMAP:
		emit_step_unmap(e, op);
		break;
	case OP_DEVICE_WRITE:
		skip_here("a device write sets dirty bits: no KUnit op (iommufd's selftest has one)");
		break;
	case OP_READ_DIRTY:
		skip_here("read_dirty needs iommufd's IOVA bitmap over user memory: tools/testing/selftests/iommu");
		break;
	case OP_FAIL_ALLOC:
		skip_here("an injected allocation failure: no KUnit op");
		break;
	case OP_FAULT:
		skip_here("a device fault runs the driver's interrupt handler: no KUnit op");
		break;
	case OP_IDENTITY:
		skip_here("an identity domain's lookups are the iommu core's: no KUnit op");
		break;
	case OP_VOCAB:		/* refused by kunit_begin() */
	case NR_OP_KINDS:
		break;
	}
}

/* Output --------------------------------------------------------------------- */

static bool finished;

void kunit_end(struct engine *e)
{
	if (!body || finished)
		return;
	finished = true;
	if (!is_genpt(e))
		fputs(have_domain ? "\n\tfree_io_pgtable_ops(ops);\n" : "", body);
	fputs("}\n", body);
	fclose(body);
	if (is_genpt(e)) {
		printf("// ptfuzz-kunit-file: drivers/iommu/generic_pt/kunit_iommu_pt.h\n");
		printf("// ptfuzz-kunit-guard: #if %s\n", genpt_fmts[e->ts.pt.fmt].guard);
		printf("// ptfuzz-kunit-case: KUNIT_CASE_FMT(%s),\n", test_name);
	} else {
		printf("// ptfuzz-kunit-file: drivers/iommu/io-pgtable-arm-selftests.c\n");
		printf("// ptfuzz-kunit-case: KUNIT_CASE(%s),\n", test_name);
	}
	fwrite(body_buf, 1, body_len, stdout);
	fflush(stdout);
	free(body_buf);
}

/* A finding aborts the run: the test up to the failing op is the export. */
static struct engine *aborting;

static void on_abort(int sig)
{
	if (aborting)
		kunit_end(aborting);
	signal(sig, SIG_DFL);
	raise(sig);
}

void kunit_catch_aborts(struct engine *e)
{
	aborting = e;
	signal(SIGABRT, on_abort);
}
