/* SPDX-License-Identifier: GPL-2.0 */
/*
 * callers_common.h - what the caller targets (vfio_type1, iommufd) share: the
 * domain profiles (a page-table format as a driver sets it up, with the
 * page-table target that knows its hardware), the fake processes' memory as
 * the model sees it, the uAPI calls through user memory, and the checks
 * every caller needs after an op (tables against the mapped ranges, pins,
 * accounting, references, locks, leaks).
 */
#ifndef PTF_CALLERS_COMMON_H
#define PTF_CALLERS_COMMON_H

#include "caller.h"
#include "engine.h"

/* A page-table format as an IOMMU driver gives it to the callers. */
struct domain_profile {
	const char *name;
	/* The page-table target that knows the format (its walker, rules). */
	const struct target *const *fmt;
	const char *config;		/* that target's config line */
	bool dirty;			/* the IOMMU tracks dirty pages */
};

#define NR_PROFILES	6
extern const struct domain_profile domain_profiles[NR_PROFILES];
extern const char *const profile_names[NR_PROFILES];
extern const uint64_t profile_values[NR_PROFILES];

/* User memory layouts, chosen by the config (more VMAs come from ops). */
#define NR_LAYOUTS	3
extern const char *const layout_names[NR_LAYOUTS];
extern const uint64_t layout_values[NR_LAYOUTS];

/* Where each process's scratch page for uAPI structs is. */
#define SCRATCH_UVA	0x10000000UL
#define SCRATCH_SIZE	0x100000UL	/* the struct page first, then buffers */

/* The decoder's view of the address space, for the generators. */
struct caller_decoder {
	struct ptf_user_vma vmas[PTF_NR_PROCS][PTF_MAX_VMAS];
	unsigned int nr_vmas[PTF_NR_PROCS];
	uint64_t marks[64];		/* IOVAs and sizes earlier ops used */
	unsigned int nr_marks;
	int proc;
};

/* One group's domain as the harness sees it. */
struct domain_view {
	const struct domain_profile *prof;
	const struct target *fmt;
	struct target_setup ts;
	struct ptf_pt_info info[PTF_NR_TWINS];
};

/* A translation the tables must hold: [iova, iova + size) -> pa. */
struct xlate {
	uint64_t iova, size, pa;
	int access;		/* MODEL_PROT_READ | MODEL_PROT_WRITE */
};

struct xlatevec {
	struct xlate *v;
	size_t n, cap;
};

/* Set up --------------------------------------------------------------------- */

/* The caller twins of this binary (as renamed at link time). */
extern const struct ptf_caller_ops *const caller_ops[PTF_NR_TWINS];

void callers_begin(struct engine *e, uint64_t layout, uint64_t memlock,
		   bool ipc_lock);
/* Both twins' group @g behind an IOMMU with @profile; false if unusable. */
bool callers_group(struct engine *e, int g, uint64_t profile, int resv,
		   struct domain_view *view);
int callers_mmap(struct engine *e, int proc, const struct ptf_user_vma *v);
void callers_switch(struct engine *e, int proc);
int callers_proc(void);
/* CAP_SYS_RAWIO: process 0 has it, process 1 does not. */
bool callers_rawio(int proc);

/* The model's user memory: the pfn behind @uva, -1 if none. */
bool user_pfn(int proc, uint64_t uva, uint64_t *pfn, unsigned int *flags);

/* uAPI calls ------------------------------------------------------------------ */

/*
 * Write @len bytes at @uva of the current process in both twins (the
 * struct an ioctl reads), and read them back from each after the call.
 */
void user_put(struct engine *e, uint64_t uva, const void *buf, size_t len);
void user_get(struct engine *e, int tw, uint64_t uva, void *buf, size_t len);

/* Checks ------------------------------------------------------------------------ */

void xlate_push(struct xlatevec *xv, uint64_t iova, uint64_t size,
		uint64_t pa, int access);
void xlate_clear(struct xlatevec *xv);
/* Translations of [vaddr, vaddr + size) of @proc mapped at @iova. */
void xlate_user_range(struct xlatevec *xv, int proc, uint64_t iova,
		      uint64_t vaddr, uint64_t size, int access);
/* Sort by IOVA and merge what continues in both IOVA and PA. */
void xlate_normalize(struct xlatevec *xv);

/*
 * The tables of the domain @dom (family handle) of twin @tw, as the device
 * walks them, against @want (normalized); also the leaves, for callers
 * that count walks.
 */
void check_domain(struct engine *e, int tw, const struct domain_view *v,
		  void *dom, const struct xlatevec *want, const char *what);
size_t domain_leaves(struct engine *e, int tw, const struct domain_view *v,
		     void *dom, uint64_t lo, uint64_t hi, size_t *runs);
/* The leaves of [lo, hi] as the device sees them (valid until the next walk). */
size_t domain_walk(struct engine *e, int tw, const struct domain_view *v,
		   void *dom, uint64_t lo, uint64_t hi,
		   const struct hw_leaf **leaves);
/* A device write at @iova, as the IOMMU does it (its dirty bit). */
enum hw_write_result device_write(struct engine *e, int tw,
				  const struct domain_view *v, void *dom,
				  uint64_t iova);

/* The pins and accounting the model says each process holds. */
struct pin_model {
	long *pins;		/* per RAM pfn, PTF_USER_RAM_PAGES */
	long total;
	/* The user ranges whose pins changed since the last check. */
	struct { int proc; uint64_t vaddr, size; } touched[64];
	unsigned int nr_touched;
	bool touched_all;
	uint64_t locked_vm[PTF_NR_PROCS];
	uint64_t pinned_vm[PTF_NR_PROCS];
	uint64_t user_locked_vm[PTF_NR_PROCS];
	long task_refs[PTF_NR_PROCS];
	long mm_count[PTF_NR_PROCS];
	long mm_users[PTF_NR_PROCS];
	long user_refs[PTF_NR_PROCS];
};

void pin_model_reset(struct pin_model *pm);
/* Pin (+1) or unpin (-1) the RAM pages of [vaddr, vaddr + size) of @proc. */
void pin_model_range(struct pin_model *pm, int proc, uint64_t vaddr,
		     uint64_t size, int delta);
uint64_t user_ram_pages(int proc, uint64_t vaddr, uint64_t size);
/* The pins of [vaddr, vaddr + size) changed: check them next time. */
void pin_model_touch(struct pin_model *pm, int proc, uint64_t vaddr,
		     uint64_t size);
/* Zero the model's pins of the RAM pages of [vaddr, vaddr + size). */
void pin_model_zero(struct pin_model *pm, int proc, uint64_t vaddr,
		    uint64_t size);
/*
 * Pins (of the pages whose pins changed since, or of every page with
 * @all, and their total), locked_vm and references of both twins against
 * @pm.
 */
void check_pins(struct engine *e, struct pin_model *pm, bool all);
/* No lock held between ops (the runtime's count). */
void check_locks(struct engine *e);
/* After teardown: nothing pinned, accounted, referenced, allocated. */
void check_released(struct engine *e);

/* Both twins returned the same. */
void check_twins_ret(struct engine *e, const char *what, long base,
		     long cand);

/* Decoding ------------------------------------------------------------------- */

struct caller_decoder *caller_decoder(uint64_t layout);
void caller_decoder_mark(struct caller_decoder *d, uint64_t v);
uint64_t gen_uva(struct fdp *f, struct caller_decoder *d);
uint64_t gen_iova(struct fdp *f, struct caller_decoder *d);
uint64_t gen_len(struct fdp *f, struct caller_decoder *d);

/* The layout's VMAs, for the decoder and for callers_begin(). */
unsigned int layout_vmas(uint64_t layout, int proc,
			 struct ptf_user_vma *vmas);

#endif /* PTF_CALLERS_COMMON_H */
