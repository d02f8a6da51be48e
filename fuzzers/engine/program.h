/* SPDX-License-Identifier: GPL-2.0 */
/*
 * program.h - a fuzz input as a program: a configuration and a list of ops.
 *
 * Any byte string decodes to a valid program (decode), a program prints as
 * readable text (print), and text parses back (parse) and encodes to bytes
 * that decode to the same program (encode).  The text form is what repro
 * shows and what hand-written regression inputs are written in.
 */
#ifndef PTF_PROGRAM_H
#define PTF_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fdp.h"
#include "target.h"

enum op_kind {
	OP_MAP,		/* iommu_map(iova, pa, size, prot) */
	OP_UNMAP,	/* iommu_unmap(iova, size) */
	OP_LOOKUP,	/* iova_to_phys and iova_to_phys_length at iova */
	OP_STEP_UNMAP,	/* walk [iova, iova + size) by length, unmap each leaf */
	OP_FAIL_ALLOC,	/* the nth allocation of the next op fails */
	OP_DEVICE_WRITE,	/* a device writes at iova: hardware dirty bit */
	OP_READ_DIRTY,	/* iommufd's dirty bitmap of [iova, iova + size), one bit per page */
	OP_FAULT,	/* a device access at iova the IOMMU faults on (target.h) */
	OP_IDENTITY,	/* the lookups at iova through the master's identity domain */
	OP_VOCAB,	/* an op of the target's own vocabulary (target.h) */
	NR_OP_KINDS,
};

#define OP_MAP_ATOMIC		(1u << 0)	/* MAP: GFP_ATOMIC */
#define OP_DIRTY_NO_CLEAR	(1u << 0)	/* READ_DIRTY: IOMMU_DIRTY_NO_CLEAR */
#define OP_FAULT_WRITE		(1u << 0)	/* FAULT: the access is a write */

#define OP_MAX_ARGS	8

struct op {
	enum op_kind kind;
	uint64_t iova;
	uint64_t size;
	uint64_t pa;
	uint64_t page;		/* READ_DIRTY: bytes per bitmap bit */
	int prot;
	unsigned int arg;	/* flags, or FAIL_ALLOC's n */
	/* OP_VOCAB: the type (index in the target's vocabulary) and values. */
	unsigned int type;
	uint64_t args[OP_MAX_ARGS];
};

#define MAX_OPS		48

struct program {
	struct target_config cfg;
	size_t nr_ops;
	struct op ops[MAX_OPS];
};

/* The address space a configuration asks for, to aim generated values. */
struct addr_space {
	uint64_t va_first, va_last;
	uint64_t upper_first;		/* sign-extended upper half, or 0 */
	uint64_t pa_limit;
	uint64_t pgsizes[16];
	unsigned int nr_pgsizes;
};

void program_decode(const struct target *t, const uint8_t *data, size_t size,
		    struct program *p);
void program_print(const struct target *t, const struct program *p,
		   FILE *out);
void op_print(const struct target *t, const struct op *op, FILE *out);
const char *op_name(enum op_kind kind);
/* Returns false and explains on stderr if the text is not a program. */
bool program_parse(const struct target *t, FILE *in, const char *what,
		   struct program *p);
void program_encode(const struct target *t, const struct program *p,
		    struct fdp_out *out);

void addr_space_of(const struct target_setup *ts, struct addr_space *as);
void config_print(const struct target *t, const struct target_config *cfg,
		  FILE *out);
/* A config line's fields ("fmt=ARM_64_LPAE_S1 granule=4K ..."), as parsed. */
bool config_parse(const struct target *t, const char *text,
		  struct target_config *cfg);
const char *prot_name(int prot, char *buf, size_t len);
const char *size_name(uint64_t size, char *buf, size_t len);

#endif /* PTF_PROGRAM_H */
