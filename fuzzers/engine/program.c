// SPDX-License-Identifier: GPL-2.0
/*
 * Programs: decoding bytes into ops aimed at what breaks page tables (block
 * boundaries, the top of the IAS, every page size, PAs above 4 GiB and near
 * the OAS limit, addresses earlier ops used), printing, parsing, encoding.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"

/* Op kinds by weight: one input byte picks a slot. */
static const enum op_kind op_slots[] = {
	OP_MAP, OP_MAP, OP_MAP, OP_MAP, OP_MAP,
	OP_UNMAP, OP_UNMAP, OP_UNMAP,
	OP_LOOKUP, OP_LOOKUP, OP_LOOKUP,
	OP_STEP_UNMAP, OP_STEP_UNMAP,
	OP_FAIL_ALLOC, OP_DEVICE_WRITE, OP_READ_DIRTY,
	/*
	 * Appended: only a target with a fault op, or whose twins have an
	 * identity domain, has these slots (target_has_op()).
	 */
	OP_FAULT, OP_IDENTITY,
};
#define NR_SLOTS (sizeof(op_slots) / sizeof(op_slots[0]))

static const char *const op_names[NR_OP_KINDS] = {
	[OP_MAP]		= "map",
	[OP_UNMAP]		= "unmap",
	[OP_LOOKUP]		= "lookup",
	[OP_STEP_UNMAP]		= "step_unmap",
	[OP_FAIL_ALLOC]		= "fail_alloc",
	[OP_DEVICE_WRITE]	= "device_write",
	[OP_READ_DIRTY]		= "read_dirty",
	[OP_FAULT]		= "fault",
	[OP_IDENTITY]		= "identity_lookup",
	[OP_VOCAB]		= "(vocabulary op)",
};

static const char *const prot_names[] = {
	"R", "W", "CACHE", "NOEXEC", "MMIO", "PRIV",
};

#define NR_MARKS	(2 * MAX_OPS)
#define LITERAL		0	/* mode 0 of every generator: 8 literal bytes */

struct decoder {
	struct fdp f;
	struct addr_space as;
	uint64_t marks[NR_MARKS];	/* boundaries earlier ops used */
	unsigned int nr_marks;
	uint64_t last_size;
	enum op_kind slots[NR_SLOTS];	/* op_slots[] the target has */
	unsigned int nr_slots;
};

const char *op_name(enum op_kind kind)
{
	return op_names[kind];
}

/* The fault op and the identity lookups are some targets' only. */
static bool target_has_op(const struct target *t, enum op_kind kind)
{
	if (kind == OP_FAULT)
		return t->fault;
	if (kind == OP_IDENTITY)
		return t->twin[PTF_TWIN_CAND]->identity_lookup;
	return true;
}

/* The slots of @t's ops, in op_slots[] order; how many. */
static unsigned int target_slots(const struct target *t,
				 enum op_kind slots[NR_SLOTS])
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < NR_SLOTS; i++)
		if (target_has_op(t, op_slots[i]))
			slots[n++] = op_slots[i];
	return n;
}

void addr_space_of(const struct target_setup *ts, struct addr_space *as)
{
	const struct ptf_pt_config *pt = &ts->pt;
	unsigned int ias = pt->ias < 64 ? pt->ias : 64;
	uint64_t span = ias < 64 ? 1ULL << ias : 0;

	*as = (struct addr_space){ 0 };
	if (pt->quirks & PTF_QUIRK_ARM_TTBR1) {
		as->va_first = -span;
		as->va_last = UINT64_MAX;
	} else if (pt->features & PTF_PT_SIGN_EXTEND) {
		as->va_first = 0;
		as->va_last = span / 2 - 1;
		as->upper_first = -(span / 2);
	} else {
		as->va_first = 0;
		as->va_last = span - 1;
	}
	if (ts->iova_last) {
		as->va_first = ts->iova_first;
		as->va_last = ts->iova_last;
	}
	as->pa_limit = pt->oas < 64 ? 1ULL << pt->oas : UINT64_MAX;
	for (int bit = 0; bit < 64 && as->nr_pgsizes < 16; bit++)
		if (pt->pgsize_bitmap & (1ULL << bit))
			as->pgsizes[as->nr_pgsizes++] = 1ULL << bit;
	if (!as->nr_pgsizes)
		as->pgsizes[as->nr_pgsizes++] = 4096;
}

/* Decoding -------------------------------------------------------------- */

static uint64_t pick_pgsize(struct decoder *d)
{
	return d->as.pgsizes[fdp_pick(&d->f, d->as.nr_pgsizes)];
}

static uint64_t min_pgsize(const struct decoder *d)
{
	return d->as.pgsizes[0];
}

static uint64_t max_pgsize(const struct decoder *d)
{
	return d->as.pgsizes[d->as.nr_pgsizes - 1];
}

static void mark(struct decoder *d, uint64_t addr)
{
	if (d->nr_marks < NR_MARKS)
		d->marks[d->nr_marks++] = addr;
}

static uint64_t pick_mark(struct decoder *d)
{
	if (!d->nr_marks)
		return d->as.va_first;
	return d->marks[fdp_pick(&d->f, d->nr_marks)];
}

static uint64_t gen_iova(struct decoder *d)
{
	uint64_t first = d->as.va_first, last = d->as.va_last;
	uint64_t span;

	/* With sign extension, either half. */
	if (d->as.upper_first && fdp_pick(&d->f, 2)) {
		first = d->as.upper_first;
		last = UINT64_MAX;
	}
	span = last - first + 1;
	switch (fdp_pick(&d->f, 5)) {
	case LITERAL:
		return fdp_uint(&d->f, 8);
	case 1:
		return pick_mark(d);
	case 2:		/* low in the aperture, aligned to some page size */
		return first + fdp_uint(&d->f, 2) * pick_pgsize(d);
	case 3:		/* just below the top of the IAS */
		return last + 1 - (1 + fdp_uint(&d->f, 1)) * pick_pgsize(d);
	default:	/* around the middle: the top level's index bit */
		return first + span / 2 + fdp_uint(&d->f, 2) * pick_pgsize(d);
	}
}

static uint64_t gen_size(struct decoder *d, uint64_t iova)
{
	uint64_t m, s;

	switch (fdp_pick(&d->f, 5)) {
	case LITERAL:
		return fdp_uint(&d->f, 8);
	case 1:
		return (1 + fdp_pick(&d->f, 16)) * pick_pgsize(d);
	case 2:		/* up to an address an earlier op used */
		m = pick_mark(d);
		return m > iova ? m - iova : min_pgsize(d);
	case 3:		/* a page size plus or minus a small page */
		s = pick_pgsize(d);
		return fdp_pick(&d->f, 2) ? s + min_pgsize(d) :
					    s - min_pgsize(d);
	default:
		return d->last_size ? d->last_size : min_pgsize(d);
	}
}

static uint64_t gen_pa(struct decoder *d, uint64_t iova)
{
	static const unsigned int base_bits[] = { 0, 31, 32, 36 };
	uint64_t base = 0;
	unsigned int b = base_bits[fdp_pick(&d->f, 4)];

	if (b && (1ULL << b) < d->as.pa_limit)
		base = 1ULL << b;
	switch (fdp_pick(&d->f, 5)) {
	case LITERAL:
		return fdp_uint(&d->f, 8);
	case 1:		/* congruent with iova: large pages are possible */
		return base + (iova & (max_pgsize(d) - 1));
	case 2:		/* only small-page aligned */
		return base + fdp_uint(&d->f, 2) * min_pgsize(d);
	case 3:
		return iova;
	default:	/* just below the OAS limit */
		return d->as.pa_limit - (1 + fdp_uint(&d->f, 1)) * pick_pgsize(d);
	}
}

/* iommufd's page_size: usually the CPU page, sometimes a huge page. */
static uint64_t gen_page(struct decoder *d)
{
	switch (fdp_pick(&d->f, 5)) {
	case LITERAL:
		return fdp_uint(&d->f, 8);
	case 1:
		return min_pgsize(d);
	case 2:
		return pick_pgsize(d);
	case 3:
		return 4096;
	default:
		return min_pgsize(d) << (1 + fdp_pick(&d->f, 4));
	}
}

/*
 * What an identity domain's lookups are aimed at: the domain's addresses,
 * the top of a 64-bit phys_addr_t (PHYS_ADDR_MAX) and an IOVA whose low 32
 * bits are all ones (a 32-bit phys_addr_t's PHYS_ADDR_MAX).
 */
static uint64_t gen_identity_iova(struct decoder *d)
{
	switch (fdp_pick(&d->f, 4)) {
	case LITERAL:
		return fdp_uint(&d->f, 8);
	case 1:
		return gen_iova(d) + (fdp_uint(&d->f, 2) & (min_pgsize(d) - 1));
	case 2:
		return UINT64_MAX - fdp_uint(&d->f, 2);
	default:
		return fdp_uint(&d->f, 4) << 32 | 0xffffffffULL;
	}
}

static int gen_prot(struct decoder *d)
{
	static const int common[] = {
		PTF_PROT_READ | PTF_PROT_WRITE,
		PTF_PROT_READ | PTF_PROT_WRITE | PTF_PROT_CACHE,
		PTF_PROT_READ,
		PTF_PROT_WRITE,
	};
	unsigned int mode = fdp_pick(&d->f, 5);

	if (mode == LITERAL)
		return fdp_u8(&d->f) & 0x3f;
	return common[mode - 1];
}

static void decode_config(const struct target *t, struct fdp *f,
			  struct target_config *cfg)
{
	for (unsigned int i = 0; i < t->nr_fields; i++) {
		const struct cfg_field *fl = &t->fields[i];
		unsigned int idx;

		if (fl->flags) {
			uint64_t mask = fdp_uint(f, (fl->nr + 7) / 8);

			cfg->v[i] = 0;
			for (unsigned int b = 0; b < fl->nr; b++)
				if (mask & (1ULL << b))
					cfg->v[i] |= fl->values[b];
			continue;
		}
		idx = fdp_pick(f, fl->nr + fl->literal);
		cfg->v[i] = idx < fl->nr ? fl->values[idx] : fdp_uint(f, 8);
	}
}

static void decode_op(struct decoder *d, struct op *op)
{
	*op = (struct op){ .kind = d->slots[fdp_pick(&d->f, d->nr_slots)] };

	switch (op->kind) {
	case OP_MAP:
		op->iova = gen_iova(d);
		op->size = gen_size(d, op->iova);
		op->pa = gen_pa(d, op->iova);
		op->prot = gen_prot(d);
		op->arg = fdp_pick(&d->f, 4) == 0 ? OP_MAP_ATOMIC : 0;
		break;
	case OP_UNMAP:
	case OP_STEP_UNMAP:
		op->iova = gen_iova(d);
		op->size = gen_size(d, op->iova);
		break;
	case OP_LOOKUP:
	case OP_DEVICE_WRITE:
		op->iova = gen_iova(d);
		/* Anywhere inside the smallest page, not only its start. */
		op->iova += fdp_uint(&d->f, 2) & (min_pgsize(d) - 1);
		break;
	case OP_FAULT:
		op->iova = gen_iova(d);
		op->arg = fdp_pick(&d->f, 2) ? OP_FAULT_WRITE : 0;
		break;
	case OP_IDENTITY:
		op->iova = gen_identity_iova(d);
		break;
	case OP_READ_DIRTY:
		op->iova = gen_iova(d);
		op->size = gen_size(d, op->iova);
		op->arg = fdp_pick(&d->f, 2) ? OP_DIRTY_NO_CLEAR : 0;
		op->page = gen_page(d);
		break;
	case OP_FAIL_ALLOC:
		/* Any allocation of the next op: a map of 4K pages makes one per table. */
		op->arg = 1 + fdp_pick(&d->f, 64);
		break;
	case OP_VOCAB:
	case NR_OP_KINDS:
		break;
	}
	/* An identity domain's IOVAs are not the page table's. */
	if (op->kind != OP_FAIL_ALLOC && op->kind != OP_IDENTITY) {
		mark(d, op->iova);
		if (op->size)
			mark(d, op->iova + op->size);
		d->last_size = op->size ? op->size : d->last_size;
	}
}

/* Vocabulary ops ------------------------------------------------------------ */

static unsigned int vocab_weights(const struct op_vocab *v)
{
	unsigned int sum = 0;

	for (unsigned int i = 0; i < v->nr_types; i++)
		sum += v->types[i].weight;
	return sum;
}

/* The type whose weight covers @slot. */
static unsigned int vocab_type_at(const struct op_vocab *v, unsigned int slot)
{
	unsigned int i;

	for (i = 0; i + 1 < v->nr_types && slot >= v->types[i].weight; i++)
		slot -= v->types[i].weight;
	return i;
}

/* The first slot of @type: what the encoder writes. */
static unsigned int vocab_slot_of(const struct op_vocab *v, unsigned int type)
{
	unsigned int slot = 0;

	for (unsigned int i = 0; i < type; i++)
		slot += v->types[i].weight;
	return slot;
}

/* Each value: mode 0 is a literal; any other mode is the arg's generator. */
static void decode_vocab_op(const struct op_vocab *v, struct fdp *f,
			    void *state, struct op *op)
{
	const struct op_type *ty;

	*op = (struct op){ .kind = OP_VOCAB };
	op->type = vocab_type_at(v, fdp_pick(f, vocab_weights(v)));
	ty = &v->types[op->type];
	for (unsigned int i = 0; i < ty->nr_args; i++) {
		const struct op_arg *a = &ty->args[i];

		if (!a->gen || fdp_pick(f, 4) == LITERAL)
			op->args[i] = fdp_uint(f, 8);
		else
			op->args[i] = a->gen(f, state, op);
	}
	if (v->decoded)
		v->decoded(state, op);
}

static void decode_vocab(const struct target *t, struct fdp *f,
			 struct program *p)
{
	void *state = t->vocab->decoder_state(&p->cfg);

	while (!fdp_empty(f) && p->nr_ops < MAX_OPS)
		decode_vocab_op(t->vocab, f, state, &p->ops[p->nr_ops++]);
}

static void encode_vocab_op(const struct op_vocab *v, const struct op *op,
			    struct fdp_out *o)
{
	const struct op_type *ty = &v->types[op->type];

	fdp_put_u8(o, vocab_slot_of(v, op->type));
	for (unsigned int i = 0; i < ty->nr_args; i++) {
		if (ty->args[i].gen)
			fdp_put_u8(o, LITERAL);
		fdp_put_uint(o, op->args[i], 8);
	}
}

static void print_vocab_arg(const struct op_arg *a, uint64_t v, FILE *out)
{
	char buf[32];
	bool first = true;

	switch (a->kind) {
	case ARG_SIZE:
		fputs(size_name(v, buf, sizeof(buf)), out);
		return;
	case ARG_CHOICE:
		if (v < a->nr_names)
			fputs(a->names[v], out);
		else
			fprintf(out, "%" PRIu64, v);
		return;
	case ARG_FLAGS:
		/* The named bits, then the others as one mask. */
		for (unsigned int b = 0; b < a->nr_names && b < 64; b++) {
			if (!(v & (1ULL << b)))
				continue;
			fprintf(out, "%s%s", first ? "" : "|", a->names[b]);
			first = false;
		}
		if (a->nr_names < 64 && v >> a->nr_names) {
			fprintf(out, "%s0x%" PRIx64, first ? "" : "|",
				v >> a->nr_names << a->nr_names);
			first = false;
		}
		if (first)
			fputs("0", out);
		return;
	case ARG_NUM:
		fprintf(out, "0x%" PRIx64, v);
		return;
	}
}

static void print_vocab_op(const struct op_vocab *v, const struct op *op,
			   FILE *out)
{
	const struct op_type *ty = &v->types[op->type];

	fputs(ty->name, out);
	for (unsigned int i = 0; i < ty->nr_args; i++) {
		fprintf(out, " %s=", ty->args[i].name);
		print_vocab_arg(&ty->args[i], op->args[i], out);
	}
}

void program_decode(const struct target *t, const uint8_t *data, size_t size,
		    struct program *p)
{
	struct decoder d = { .f = { .data = data, .size = size } };
	struct target_setup ts;

	memset(p, 0, sizeof(*p));
	decode_config(t, &d.f, &p->cfg);
	if (t->vocab) {
		decode_vocab(t, &d.f, p);
		return;
	}
	memset(&ts, 0, sizeof(ts));
	t->setup(&p->cfg, &ts);
	addr_space_of(&ts, &d.as);
	d.nr_slots = target_slots(t, d.slots);
	while (!fdp_empty(&d.f) && p->nr_ops < MAX_OPS)
		decode_op(&d, &p->ops[p->nr_ops++]);
}

/* Printing -------------------------------------------------------------- */

const char *prot_name(int prot, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (prot == (PTF_PROT_READ | PTF_PROT_WRITE))
		return strncpy(buf, "RW", len);
	for (unsigned int b = 0; b < 6; b++)
		if (prot & (1 << b))
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s",
				      n ? "|" : "", prot_names[b]);
	if (!n)
		snprintf(buf, len, "0");
	return buf;
}

const char *size_name(uint64_t size, char *buf, size_t len)
{
	static const char suffix[] = "KMGTPE";
	int i = -1;
	uint64_t v = size;

	while (v && !(v & 1023) && i < 5) {
		v >>= 10;
		i++;
	}
	if (i < 0 || !size)
		snprintf(buf, len, "0x%" PRIx64, size);
	else
		snprintf(buf, len, "%" PRIu64 "%c", v, suffix[i]);
	return buf;
}

static void field_print(const struct cfg_field *fl, uint64_t v, FILE *out)
{
	bool first = true;

	if (fl->flags) {
		for (unsigned int b = 0; b < fl->nr; b++)
			if (v & fl->values[b]) {
				fprintf(out, "%s%s", first ? "" : "|", fl->names[b]);
				first = false;
			}
		if (first)
			fputs("none", out);
		return;
	}
	for (unsigned int i = 0; i < fl->nr; i++)
		if (fl->values[i] == v) {
			fputs(fl->names[i], out);
			return;
		}
	fprintf(out, "0x%" PRIx64, v);
}

void config_print(const struct target *t, const struct target_config *cfg,
		  FILE *out)
{
	for (unsigned int i = 0; i < t->nr_fields; i++) {
		fprintf(out, "%s%s=", i ? " " : "", t->fields[i].name);
		field_print(&t->fields[i], cfg->v[i], out);
	}
}

void op_print(const struct target *t, const struct op *op, FILE *out)
{
	char a[32], b[32];

	if (op->kind == OP_VOCAB) {
		print_vocab_op(t->vocab, op, out);
		return;
	}
	fputs(op_names[op->kind], out);
	switch (op->kind) {
	case OP_MAP:
		fprintf(out, " iova=0x%" PRIx64 " pa=0x%" PRIx64 " size=%s prot=%s%s",
			op->iova, op->pa, size_name(op->size, a, sizeof(a)),
			prot_name(op->prot, b, sizeof(b)),
			op->arg & OP_MAP_ATOMIC ? " atomic" : "");
		break;
	case OP_UNMAP:
	case OP_STEP_UNMAP:
		fprintf(out, " iova=0x%" PRIx64 " size=%s", op->iova,
			size_name(op->size, a, sizeof(a)));
		break;
	case OP_LOOKUP:
	case OP_DEVICE_WRITE:
	case OP_IDENTITY:
		fprintf(out, " iova=0x%" PRIx64, op->iova);
		break;
	case OP_READ_DIRTY:
		fprintf(out, " iova=0x%" PRIx64 " size=%s page=%s%s", op->iova,
			size_name(op->size, a, sizeof(a)),
			size_name(op->page, b, sizeof(b)),
			op->arg & OP_DIRTY_NO_CLEAR ? " no_clear" : "");
		break;
	case OP_FAULT:
		fprintf(out, " iova=0x%" PRIx64 "%s", op->iova,
			op->arg & OP_FAULT_WRITE ? " write" : "");
		break;
	case OP_FAIL_ALLOC:
		fprintf(out, " nth=%u", op->arg);
		break;
	case OP_VOCAB:
	case NR_OP_KINDS:
		break;
	}
}

void program_print(const struct target *t, const struct program *p,
		   FILE *out)
{
	fprintf(out, "target %s\nconfig ", t->name);
	config_print(t, &p->cfg, out);
	fputc('\n', out);
	for (size_t i = 0; i < p->nr_ops; i++) {
		op_print(t, &p->ops[i], out);
		fputc('\n', out);
	}
}

/* Parsing --------------------------------------------------------------- */

struct parser {
	const char *what;
	unsigned int line;
	bool ok;
};

static void parse_error(struct parser *ps, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s:%u: ", ps->what, ps->line);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	ps->ok = false;
}

static bool parse_number(const char *s, uint64_t *v)
{
	static const char suffix[] = "KMGTPE";
	char *end;
	const char *sfx;

	if (!isdigit((unsigned char)*s))
		return false;
	*v = strtoull(s, &end, 0);
	sfx = *end ? strchr(suffix, *end) : NULL;
	if (sfx && !end[1]) {
		*v <<= 10 * (sfx - suffix + 1);
		return true;
	}
	return !*end;
}

static bool parse_named(const char *s, const char *const *names,
			unsigned int nr, uint64_t *out, bool join)
{
	char buf[128], *tok, *save;

	/* A set of one flag whose name reads as a number ("4K") is that flag. */
	for (unsigned int i = 0; join && i < nr; i++)
		if (!strcmp(s, names[i])) {
			*out = 1ULL << i;
			return true;
		}
	/* One choice, whose name may itself read "4K|2M" (or "64K"). */
	for (unsigned int i = 0; !join && i < nr; i++)
		if (!strcmp(s, names[i])) {
			*out = i;
			return true;
		}
	*out = 0;
	if (parse_number(s, out))
		return join || *out < nr;
	snprintf(buf, sizeof(buf), "%s", s);
	if (join && !strcmp(buf, "none"))
		return true;
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		unsigned int i;

		for (i = 0; i < nr && strcmp(tok, names[i]); i++)
			;
		if (i == nr || (!join && *out))
			return false;
		*out |= join ? 1ULL << i : i + 1;
	}
	if (!join)
		(*out)--;
	return true;
}

static bool parse_prot(const char *s, int *prot)
{
	uint64_t v;

	if (!strcmp(s, "RW")) {
		*prot = PTF_PROT_READ | PTF_PROT_WRITE;
		return true;
	}
	if (!parse_named(s, prot_names, 6, &v, true))
		return false;
	*prot = (int)v;
	return true;
}

/* Whether @v is one of @fl's named values (what a choice byte can pick). */
static bool value_listed(const struct cfg_field *fl, uint64_t v)
{
	for (unsigned int i = 0; i < fl->nr; i++)
		if (fl->values[i] == v)
			return true;
	return false;
}

static void parse_config(const struct target *t, char *rest,
			 struct target_config *cfg, struct parser *ps)
{
	char *tok, *save;

	for (tok = strtok_r(rest, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(tok, '=');
		unsigned int i;
		uint64_t idx;

		if (!eq) {
			parse_error(ps, "expected name=value, got '%s'", tok);
			return;
		}
		*eq = '\0';
		for (i = 0; i < t->nr_fields && strcmp(t->fields[i].name, tok); i++)
			;
		if (i == t->nr_fields) {
			parse_error(ps, "unknown config field '%s'", tok);
			return;
		}
		const struct cfg_field *fl = &t->fields[i];

		/*
		 * A number is the value itself ("ias=48"), not a choice, if
		 * the bytes can say it: a listed value, or any with a literal.
		 * Else it is a name ("64K", whose value is ~0xffff), or the
		 * index of one.
		 */
		if (!fl->flags && parse_number(eq + 1, &cfg->v[i]) &&
		    (fl->literal || value_listed(fl, cfg->v[i])))
			continue;
		if (!parse_named(eq + 1, fl->names, fl->nr, &idx, fl->flags)) {
			parse_error(ps, "bad value '%s'", eq + 1);
			return;
		}
		if (fl->flags) {
			cfg->v[i] = 0;
			for (unsigned int b = 0; b < fl->nr; b++)
				if (idx & (1ULL << b))
					cfg->v[i] |= fl->values[b];
		} else {
			cfg->v[i] = fl->values[idx];
		}
	}
}

bool config_parse(const struct target *t, const char *text,
		  struct target_config *cfg)
{
	struct parser ps = { .what = t->name, .ok = true };
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", text);
	memset(cfg, 0, sizeof(*cfg));
	parse_config(t, buf, cfg, &ps);
	return ps.ok;
}

static void parse_op(char *rest, struct op *op, struct parser *ps)
{
	char *tok, *save;

	for (tok = strtok_r(rest, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(tok, '=');
		uint64_t v = 0;
		bool ok = true;

		if (!eq) {
			if (!strcmp(tok, "atomic") && op->kind == OP_MAP)
				op->arg |= OP_MAP_ATOMIC;
			else if (!strcmp(tok, "no_clear") &&
				 op->kind == OP_READ_DIRTY)
				op->arg |= OP_DIRTY_NO_CLEAR;
			else if (!strcmp(tok, "write") && op->kind == OP_FAULT)
				op->arg |= OP_FAULT_WRITE;
			else
				parse_error(ps, "unknown flag '%s'", tok);
			continue;
		}
		*eq++ = '\0';
		if (!strcmp(tok, "prot"))
			ok = parse_prot(eq, &op->prot);
		else if ((ok = parse_number(eq, &v))) {
			if (!strcmp(tok, "iova"))
				op->iova = v;
			else if (!strcmp(tok, "pa"))
				op->pa = v;
			else if (!strcmp(tok, "size"))
				op->size = v;
			else if (!strcmp(tok, "nth"))
				op->arg = (unsigned int)v;
			else if (!strcmp(tok, "page") &&
				 op->kind == OP_READ_DIRTY)
				op->page = v;
			else
				parse_error(ps, "unknown argument '%s'", tok);
		}
		if (!ok)
			parse_error(ps, "bad value '%s'", eq);
	}
}

static bool parse_vocab_value(const struct op_arg *a, const char *s,
			      uint64_t *v)
{
	if (a->kind == ARG_CHOICE) {
		for (unsigned int i = 0; i < a->nr_names; i++)
			if (!strcmp(s, a->names[i])) {
				*v = i;
				return true;
			}
		return parse_number(s, v);
	}
	if (a->kind == ARG_FLAGS) {
		char buf[256], *tok, *save;

		*v = 0;
		snprintf(buf, sizeof(buf), "%s", s);
		for (tok = strtok_r(buf, "|", &save); tok;
		     tok = strtok_r(NULL, "|", &save)) {
			uint64_t bit;
			unsigned int i;

			for (i = 0; i < a->nr_names && strcmp(tok, a->names[i]); i++)
				;
			if (i < a->nr_names)
				*v |= 1ULL << i;
			else if (parse_number(tok, &bit))
				*v |= bit;
			else
				return false;
		}
		return true;
	}
	return parse_number(s, v);
}

/* "name arg=value ..." of a vocabulary op; false if @word names none. */
static bool parse_vocab_op(const struct op_vocab *v, const char *word,
			   char *rest, struct op *op, struct parser *ps)
{
	const struct op_type *ty;
	char *tok, *save;
	unsigned int k;

	for (k = 0; k < v->nr_types && strcmp(word, v->types[k].name); k++)
		;
	if (k == v->nr_types)
		return false;
	*op = (struct op){ .kind = OP_VOCAB, .type = k };
	ty = &v->types[k];
	for (tok = strtok_r(rest, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		char *eq = strchr(tok, '=');
		unsigned int i;

		if (!eq) {
			parse_error(ps, "expected name=value, got '%s'", tok);
			return true;
		}
		*eq++ = '\0';
		for (i = 0; i < ty->nr_args && strcmp(tok, ty->args[i].name); i++)
			;
		if (i == ty->nr_args)
			parse_error(ps, "unknown argument '%s'", tok);
		else if (!parse_vocab_value(&ty->args[i], eq, &op->args[i]))
			parse_error(ps, "bad value '%s'", eq);
	}
	return true;
}

bool program_parse(const struct target *t, FILE *in, const char *what,
		   struct program *p)
{
	struct parser ps = { .what = what, .ok = true };
	char line[1024];

	memset(p, 0, sizeof(*p));
	while (ps.ok && fgets(line, sizeof(line), in)) {
		char *s = line, *word, *rest;
		unsigned int k;

		ps.line++;
		s[strcspn(s, "#\n")] = '\0';
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			continue;
		word = s;
		rest = s + strcspn(s, " \t");
		if (*rest)
			*rest++ = '\0';
		if (!strcmp(word, "target")) {
			rest[strcspn(rest, " \t")] = '\0';
			if (strcmp(rest, t->name))
				parse_error(&ps, "program is for target '%s'", rest);
			continue;
		}
		if (!strcmp(word, "config")) {
			parse_config(t, rest, &p->cfg, &ps);
			continue;
		}
		if (t->vocab) {
			if (p->nr_ops == MAX_OPS) {
				parse_error(&ps, "more than %s ops", "48");
				break;
			}
			if (!parse_vocab_op(t->vocab, word, rest,
					    &p->ops[p->nr_ops++], &ps)) {
				parse_error(&ps, "unknown op '%s'", word);
				break;
			}
			continue;
		}
		for (k = 0; k < OP_VOCAB && strcmp(word, op_names[k]); k++)
			;
		if (k == OP_VOCAB || !target_has_op(t, k)) {
			parse_error(&ps, "unknown op '%s'", word);
			break;
		}
		if (p->nr_ops == MAX_OPS) {
			parse_error(&ps, "more than %s ops", "48");
			break;
		}
		p->ops[p->nr_ops].kind = k;
		if (k == OP_READ_DIRTY)
			p->ops[p->nr_ops].page = 4096;	/* iommufd's usual */
		parse_op(rest, &p->ops[p->nr_ops++], &ps);
	}
	return ps.ok;
}

/* Encoding -------------------------------------------------------------- */

void fdp_put_u8(struct fdp_out *o, uint8_t b)
{
	if (o->len == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 256;
		o->buf = realloc(o->buf, o->cap);
		if (!o->buf)
			abort();
	}
	o->buf[o->len++] = b;
}

void fdp_put_uint(struct fdp_out *o, uint64_t v, unsigned int bytes)
{
	for (unsigned int i = 0; i < bytes; i++)
		fdp_put_u8(o, (uint8_t)(v >> (8 * i)));
}

static void put_literal(struct fdp_out *o, uint64_t v)
{
	fdp_put_u8(o, LITERAL);
	fdp_put_uint(o, v, 8);
}

static void encode_config(const struct target *t,
			  const struct target_config *cfg, struct fdp_out *o)
{
	for (unsigned int i = 0; i < t->nr_fields; i++) {
		const struct cfg_field *fl = &t->fields[i];
		uint64_t mask = 0;
		unsigned int idx;

		if (fl->flags) {
			for (unsigned int b = 0; b < fl->nr; b++)
				if (cfg->v[i] & fl->values[b])
					mask |= 1ULL << b;
			fdp_put_uint(o, mask, (fl->nr + 7) / 8);
			continue;
		}
		for (idx = 0; idx < fl->nr && fl->values[idx] != cfg->v[i]; idx++)
			;
		fdp_put_u8(o, idx < fl->nr ? idx : fl->nr);
		if (idx == fl->nr)
			fdp_put_uint(o, cfg->v[i], 8);
	}
}

/* An IOVA as gen_iova() reads it: the half (if any), then a literal. */
static void put_iova(struct fdp_out *o, const struct addr_space *as,
		     uint64_t iova)
{
	if (as->upper_first)
		fdp_put_u8(o, 0);
	put_literal(o, iova);
}

static void encode_op(const struct target *t, const struct op *op,
		      const struct addr_space *as, struct fdp_out *o)
{
	enum op_kind slots[NR_SLOTS];
	unsigned int slot, n = target_slots(t, slots);

	for (slot = 0; slot < n && slots[slot] != op->kind; slot++)
		;
	fdp_put_u8(o, slot);
	switch (op->kind) {
	case OP_MAP:
		put_iova(o, as, op->iova);
		put_literal(o, op->size);
		fdp_put_u8(o, 0);		/* pa base: unused by a literal */
		put_literal(o, op->pa);
		fdp_put_u8(o, LITERAL);
		fdp_put_u8(o, op->prot);
		fdp_put_u8(o, op->arg & OP_MAP_ATOMIC ? 0 : 1);
		break;
	case OP_UNMAP:
	case OP_STEP_UNMAP:
		put_iova(o, as, op->iova);
		put_literal(o, op->size);
		break;
	case OP_LOOKUP:
	case OP_DEVICE_WRITE:
		put_iova(o, as, op->iova);
		fdp_put_uint(o, 0, 2);		/* no extra offset */
		break;
	case OP_READ_DIRTY:
		put_iova(o, as, op->iova);
		put_literal(o, op->size);
		fdp_put_u8(o, op->arg & OP_DIRTY_NO_CLEAR ? 1 : 0);
		put_literal(o, op->page);
		break;
	case OP_FAULT:
		put_iova(o, as, op->iova);
		fdp_put_u8(o, op->arg & OP_FAULT_WRITE ? 1 : 0);
		break;
	case OP_IDENTITY:
		put_literal(o, op->iova);
		break;
	case OP_FAIL_ALLOC:
		fdp_put_u8(o, op->arg - 1);
		break;
	case OP_VOCAB:
	case NR_OP_KINDS:
		break;
	}
}

void program_encode(const struct target *t, const struct program *p,
		    struct fdp_out *out)
{
	struct target_setup ts;
	struct addr_space as;

	if (t->vocab) {
		encode_config(t, &p->cfg, out);
		for (size_t i = 0; i < p->nr_ops; i++)
			encode_vocab_op(t->vocab, &p->ops[i], out);
		return;
	}
	memset(&ts, 0, sizeof(ts));
	t->setup(&p->cfg, &ts);
	addr_space_of(&ts, &as);
	encode_config(t, &p->cfg, out);
	for (size_t i = 0; i < p->nr_ops; i++)
		encode_op(t, &p->ops[i], &as, out);
}
