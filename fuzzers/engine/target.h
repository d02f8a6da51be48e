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
#include <stdio.h>

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
	bool pt_debug;				/* CONFIG_DEBUG_GENERIC_PT twins */
	/*
	 * The IOVAs the decoder aims at, if not [0, 2^ias): a driver whose
	 * usable window starts elsewhere (s390: the function's start_dma).
	 */
	uint64_t iova_first, iova_last;
	/*
	 * The IOMMU invalidates a range of pages with one command (SMMUv3's
	 * IDR3.RIL): the driver then takes other paths a known finding meets.
	 */
	bool range_tlbi;
};

/*
 * What a device gets from a leaf besides read and write (MODEL_PROT_READ,
 * MODEL_PROT_WRITE), where a format encodes it and its walker decodes it;
 * a target's access_of() says what a mapping's prot must give.
 */
#define HW_ACC_EXEC	(1 << 2)	/* instruction fetches allowed */
#define HW_ACC_UNPRIV	(1 << 3)	/* unprivileged accesses allowed */
#define HW_MEM_CACHED	(1 << 4)	/* normal, write-back cacheable */
#define HW_MEM_DEVICE	(1 << 5)	/* device memory */

/* A hardware walker's leaf: what the device would translate. */
struct hw_leaf {
	uint64_t iova;
	uint64_t size;
	uint64_t phys;
	int access;		/* MODEL_PROT_* and HW_* as enforced */
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
	/* ... and leaves, tables below the top, and errors are reported. */
	void (*leaf)(const struct hw_ctx *hw, const struct hw_leaf *leaf);
	/* A table at @phys translating [iova, iova + 2^span_lg2). */
	void (*table)(const struct hw_ctx *hw, uint64_t phys, uint64_t iova,
		      unsigned int span_lg2);
	void (*error)(const struct hw_ctx *hw, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	/* A register access the hardware's programming rules forbid. */
	void (*protocol)(const struct hw_ctx *hw, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	/* A finding of the target's own oracle, with its signature. */
	void (*report)(const struct hw_ctx *hw, const char *oracle,
		       const char *signature, const char *fmt, ...)
		__attribute__((format(printf, 4, 5)));
	void *priv;
};

/*
 * A WARN that documents a contract violation the engine may provoke.  The
 * model predicts, per op, which of these sites WARN (model_warn(m, id));
 * a kernel WARN is allowed only if it matches a predicted site by file,
 * function and condition.
 */
struct warn_site {
	const char *id;		/* what the target's model_impl names it */
	const char *file;	/* basename */
	const char *func;	/* "*suffix" matches any function ending so */
	/* The condition a WARN_ON() records; "~GLOB": a WARN()'s message. */
	const char *cond;
	const char *why;
};

/*
 * A family's own op vocabulary.  The page-table targets use the engine's
 * built-in ops (map, unmap, lookup, ...); a family whose inputs drive
 * something else (the callers: VFIO's and iommufd's ioctls) names its ops
 * here and brings a runner for each.  Decoding, printing, parsing and
 * encoding stay the engine's (program.c), like reports and known findings:
 * an op is a type and up to OP_MAX_ARGS values.
 */
struct engine;
struct fdp;
struct op;

enum op_arg_kind {
	ARG_NUM,	/* a number, in hex */
	ARG_SIZE,	/* a number, printed as a size (4K, 2M, ...) */
	ARG_FLAGS,	/* a bit set, printed by the names of its bits */
	ARG_CHOICE,	/* one of @names, by index */
};

struct op_arg {
	const char *name;
	enum op_arg_kind kind;
	const char *const *names;	/* ARG_FLAGS: bit i; ARG_CHOICE: value i */
	unsigned int nr_names;
	/*
	 * What the decoder aims at besides a literal: @gen reads its own
	 * choices from @f, given the family's decoder state and the args of
	 * the op decoded so far.  NULL: literals only.
	 */
	uint64_t (*gen)(struct fdp *f, void *state, const struct op *op);
};

struct op_type {
	const char *name;
	unsigned int weight;		/* of 256 slots, all types together */
	const struct op_arg *args;
	unsigned int nr_args;
	void (*run)(struct engine *e, const struct op *op);
};

struct op_vocab {
	const struct op_type *types;
	unsigned int nr_types;
	/* The decoder's state for one input (static storage is fine). */
	void *(*decoder_state)(const struct target_config *cfg);
	/* After an op decoded: what later generators may aim at. */
	void (*decoded)(void *state, const struct op *op);
	/* Set up the twins and the model; false: nothing to run. */
	bool (*create)(struct engine *e);
	/* After the last op (or none): final checks, teardown, leaks. */
	void (*finish)(struct engine *e);
	/* Extra context for a report (what the config made), or NULL. */
	void (*print_context)(const struct engine *e, FILE *out);
	/*
	 * The id of the known kernel finding (known.c) whose hazard the op
	 * about to run is, or NULL: the family knows when its ops reach one.
	 */
	const char *(*hazard)(const struct engine *e, const struct op *op);
};

/*
 * A virtio device, as the virtio specification describes it: what the
 * transport reads of it and writes to it, and the requests of its
 * virtqueues (kernel-shim/kernel/virtio.c hands them over when the driver
 * notifies a queue).  Malformed or forbidden driver behaviour goes to
 * hw->protocol(); a request the device refuses gets the status the
 * specification gives it.
 */
struct hw_virtio {
	uint32_t (*device_id)(const struct hw_ctx *hw);
	uint64_t (*features)(const struct hw_ctx *hw);
	void (*ack_features)(const struct hw_ctx *hw, uint64_t features);
	void (*config)(const struct hw_ctx *hw, unsigned int off, void *buf,
		       unsigned int len, bool write);
	uint8_t (*status)(const struct hw_ctx *hw);
	void (*set_status)(const struct hw_ctx *hw, uint8_t status);
	unsigned int (*queue_size)(const struct hw_ctx *hw, unsigned int queue);
	/* One request: bytes written into its writable buffers. */
	uint32_t (*process)(const struct hw_ctx *hw, unsigned int queue,
			    const struct ptf_rt_vbuf *bufs, unsigned int n);
};

/*
 * What a target predicts the kernel makes of a configuration, by the
 * format's own rules (what alloc_io_pgtable_ops() or pt_iommu_*_init()
 * keep of a cfg, and the driver glue around them).
 */
struct target_domain {
	bool accepted;			/* the kernel creates the domain */
	unsigned int create_allocs;	/* allocations a creation makes */
	/*
	 * Which allocation of a creation fails is not predicted (a driver's
	 * boot and probe allocate through the driver core stand-ins as much
	 * as through the driver): the twins must agree, and the stand-ins'
	 * own checks (leaks, references, DMA mappings) hold.
	 */
	bool create_allocs_open;
	const char *create_warn;	/* warn_site a refusal WARNs at */
	/* The domain: pgsize_bitmap, ias, oas, IOVA window, top (not regs). */
	struct ptf_pt_info info;
	struct model_rules rules;
	const struct model_impl *impl;	/* the table's semantics */
	const void *impl_ctx;
	bool incoherent;		/* the walker needs DMA syncs */
	bool dirty_ops;			/* iommufd gets as far as the driver */
	bool create_undefined;		/* creating it is undefined behaviour */
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
	/* A virtio device instead of registers (map, read, write NULL). */
	const struct hw_virtio *virtio;
	/*
	 * A TLB the driver searches (OMAP's: it reads the entries back and
	 * flushes the one it finds) must be modelled with its contents.
	 * After each op's checks, the device may cache the leaves of the
	 * op's window [lo, hi] (it translated them): op_end() fills the TLB
	 * as its table walker would.  cached() says whether @unit still
	 * holds an entry translating part of [iova, iova + size): a leaf
	 * that changed is covered if no TLB holds it any more.
	 */
	void (*op_end)(const struct hw_ctx *hw, uint64_t lo, uint64_t hi);
	bool (*cached)(const struct hw_ctx *hw, unsigned int unit,
		       uint64_t iova, uint64_t size);
	/* What such a TLB holds now (iova, size, phys): at most @max; how many. */
	size_t (*tlb_leaves)(const struct hw_ctx *hw, struct hw_leaf *out,
			     size_t max);
	/*
	 * The IOMMU caches no table pointers (OMAP's MMU: its table walker
	 * reads the descriptors from memory on each TLB miss): a table it
	 * unlinks or frees needs no walk-cache invalidation.
	 */
	bool no_walk_cache;
	/*
	 * The view is what the device translates as it last cached it, not
	 * the tables (s390's refresh mode: a hypervisor's shadow of them).
	 */
	bool (*view_cached)(const struct hw_ctx *hw);
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
	/* What the kernel must make of the config (item by item, as above). */
	void (*predict)(const struct target_setup *ts, struct target_domain *d);
	/* The access a device gets from a mapping with @prot. */
	int (*access_of)(const struct target_setup *ts, int prot);
	/* Report every leaf intersecting [lo, hi]. */
	void (*hw_walk)(const struct hw_ctx *hw, uint64_t lo, uint64_t hi);
	/*
	 * A device access at op->iova (a write with OP_FAULT_WRITE) that the
	 * IOMMU may fault on: the device model raises the fault, the twins'
	 * handlers run, and the target checks them (NULL: no fault op).
	 */
	void (*fault)(struct engine *e, const struct op *op);
	/* A device write at @iova (dirty tracking formats only). */
	enum hw_write_result (*hw_write)(const struct hw_ctx *hw, uint64_t iova);
	/*
	 * read_and_clear_dirty's return over a mapped window when the model
	 * does not track dirty bits; *warn: the warn_site the call WARNs at.
	 */
	int (*dirty_unsupported_ret)(const struct target_setup *ts,
				     const char **warn);
	/*
	 * True if a driver of the tree creates domains of exactly this
	 * configuration: the kernel must not refuse it.  NULL: not known.
	 */
	bool (*driver_config)(const struct target_setup *ts);
	const struct warn_site *warn_sites;
	/* The family's own ops, or NULL for the page-table ops. */
	const struct op_vocab *vocab;
	/*
	 * Configuration coverage: the fields whose values make up a class of
	 * configurations (each named value, and for a flag field none and
	 * each flag alone, the other fields at their first value), and the
	 * class a configuration belongs to (its bands: "S1/4K/ias45-52/...").
	 */
	const unsigned int *class_fields;
	unsigned int nr_class_fields;
	void (*class_name)(const struct target_setup *ts, char *buf,
			   size_t len);
	/* A driver's IOMMU registers (NULL: none; the family programs it). */
	const struct hw_device *device;
	/*
	 * After every op, look up the first and last byte of every length
	 * block (model_length()) of every leaf the op could touch: the
	 * length rule is the driver's own code (virtio-iommu), not a table's.
	 */
	bool lookup_leaves;
	/* The walker reports no tables: the shape is not compared (why: there). */
	bool no_table_shape;
	/* The twins, as renamed at link time. */
	const struct ptf_twin_ops *twin[PTF_NR_TWINS];
};

/* An IAS or OAS as a coverage band: "32-36", "37-44", "45-52", "53-64". */
static inline const char *target_band(unsigned int bits)
{
	return bits <= 36 ? "32-36" : bits <= 44 ? "37-44" :
	       bits <= 52 ? "45-52" : "53-64";
}

extern const struct target *const ptf_target;

#endif /* PTF_TARGET_H */
