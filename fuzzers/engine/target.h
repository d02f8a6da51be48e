/* SPDX-License-Identifier: GPL-2.0 */
/*
 * target.h - what a fuzz target tells the generic engine.
 *
 * One file per target under fuzzers/targets/ holds all of its format
 * knowledge: the configuration fields the first input bytes choose from, how
 * they become a kernel page-table config, the rules the model needs, the
 * hardware's view of the table (a walker written from the architecture, not
 * from the kernel code), and which kernel WARN sites document a contract
 * violation.
 */
#ifndef PTF_TARGET_H
#define PTF_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "ptf_rt.h"
#include "twin.h"

#define CFG_MAX_FIELDS	12

/* One configuration choice, decoded from one byte (or a literal). */
struct cfg_field {
	const char *name;
	/* Named choices; the byte picks one (modulo their number). */
	const char *const *names;
	const uint64_t *values;
	unsigned int nr;
	/* A bit set instead: each named value is a flag, the byte a mask. */
	bool flags;
	/* Numbers outside the list are accepted (a literal follows). */
	bool literal;
};

/* .names, .values and .nr of a cfg_field from two arrays of one length. */
#define FIELD(n, v) .names = n, .values = v, .nr = sizeof(v) / sizeof(v[0])

struct target_config {
	uint64_t v[CFG_MAX_FIELDS];	/* one value per field */
};

/* The kernel config and model rules a target derives from the fields. */
struct target_setup {
	struct ptf_pt_config pt;
	uint64_t table_base[PTF_NR_TWINS];	/* physical base of each arena */
	unsigned int create_fail;		/* fail the n-th alloc of create */
};

/* A hardware walker's leaf: what the device would translate. */
struct hw_leaf {
	uint64_t iova;
	uint64_t size;
	uint64_t phys;
	int access;		/* MODEL_PROT_READ | MODEL_PROT_WRITE as enforced */
	bool dirty;
};

struct hw_ctx {
	int twin;
	const struct ptf_pt_config *pt;
	const struct ptf_pt_info *info;
	/*
	 * The live table memory at @phys (@len bytes), as the device reads
	 * and writes it, or NULL: table pointers must lead to live tables.
	 */
	void *(*map)(const struct hw_ctx *hw, uint64_t phys, size_t len);
	/*
	 * Memory the driver allocated coherent (an SMMU's command queue), as
	 * the CPU wrote it, or NULL if it is not live.
	 */
	void *(*mem)(const struct hw_ctx *hw, uint64_t phys, size_t len);
	/* ... and leaves and errors are reported to the engine. */
	void (*leaf)(const struct hw_ctx *hw, const struct hw_leaf *leaf);
	void (*error)(const struct hw_ctx *hw, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	/* A register access the hardware's programming rules forbid. */
	void (*protocol)(const struct hw_ctx *hw, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	void *priv;
};

/* Where a WARN documents a contract violation the engine may provoke. */
struct warn_site {
	const char *file;	/* basename */
	const char *func;	/* "*suffix" matches any function ending so */
	const char *why;
};

/*
 * The registers of a driver's IOMMU, as its hardware has them (written
 * from the hardware's description): the kernel's readl()/writel() land
 * here, and register writes that invalidate TLBs record what they
 * invalidate (ptf_rt_iotlb_inval*()).  State is per twin.
 */
struct hw_device {
	/* Power-on, before the twins boot: forget the previous input. */
	void (*reset)(const struct target_setup *ts);
	/* The kernel mapped [phys, phys + size) of @twin's device. */
	void (*map)(const struct hw_ctx *hw, uint64_t phys, uint64_t size);
	uint32_t (*read)(const struct hw_ctx *hw, uint64_t phys, int bytes);
	void (*write)(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		      int bytes);
	/* TLBs that each must drop a changed leaf (units of the records). */
	unsigned int (*tlbs)(const struct hw_ctx *hw);
};

enum hw_write_result {
	HW_WRITE_FAULT,		/* no translation or not writable */
	HW_WRITE_DONE,		/* written; dirty state as the format keeps it */
};

struct target {
	const char *name;
	const char *summary;
	const struct cfg_field *fields;
	unsigned int nr_fields;
	/* Field values -> kernel config; false if the combination is moot. */
	bool (*setup)(const struct target_config *cfg, struct target_setup *ts);
	/* What the model must know, given what the kernel made of the config. */
	void (*rules)(const struct target_setup *ts,
		      const struct ptf_pt_info *info, struct model_rules *r);
	/* The access a device gets from a mapping with @prot. */
	int (*access_of)(const struct target_setup *ts, int prot);
	/* Report every leaf intersecting [lo, hi]. */
	void (*hw_walk)(const struct hw_ctx *hw, uint64_t lo, uint64_t hi);
	/* A device write at @iova (dirty tracking formats only). */
	enum hw_write_result (*hw_write)(const struct hw_ctx *hw, uint64_t iova);
	/*
	 * read_and_clear_dirty's return when the model does not track dirty
	 * bits; *in_contract false if the kernel treats the call as misuse.
	 */
	int (*dirty_unsupported_ret)(const struct target_setup *ts,
				     bool *in_contract);
	/*
	 * True if a driver of the tree creates domains of exactly this
	 * configuration: the kernel must not refuse it.  NULL: not known.
	 */
	bool (*driver_config)(const struct target_setup *ts);
	const struct warn_site *warn_sites;
	/* A driver's IOMMU registers (NULL: none; the family programs it). */
	const struct hw_device *device;
	/*
	 * True if the device's table walker is not cache-coherent: it sees
	 * table memory only as DMA syncs publish it, and a table entry it
	 * reads that the CPU changed and did not sync is a finding.
	 */
	bool (*noncoherent)(const struct target_setup *ts);
	/* The twins, as renamed at link time. */
	const struct ptf_twin_ops *twin[PTF_NR_TWINS];
};

extern const struct target *const ptf_target;

#endif /* PTF_TARGET_H */
