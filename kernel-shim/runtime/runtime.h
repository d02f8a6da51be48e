/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runtime.h - what the engine sees of the ptfuzz runtime.
 *
 * The kernel-facing half of the runtime is declared in <ptf_rt.h>; this is
 * the half the engine drives: per-twin arenas, allocation failure injection,
 * and the records (WARNs, invalidations, DMA syncs) that the oracles read
 * after every operation.
 */
#ifndef PTF_RUNTIME_H
#define PTF_RUNTIME_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ptf_rt.h"

/* Arenas ------------------------------------------------------------------ */

/* Reserve the arenas; once per process. */
void rt_init(void);
/* Place a twin's arena at @phys_base; only while it holds no allocation. */
void rt_set_phys_base(int twin, uint64_t phys_base);
uint64_t rt_phys_base(int twin);
/* Forget everything of the previous input (after its leak check). */
void rt_reset(void);
/* Its records and kernel log part, and its devices' (called by rt_reset). */
void rt_reset_diag(void);
void rt_reset_devices(void);

struct rt_usage {
	unsigned long table_allocs;	/* live page-table allocations */
	unsigned long table_bytes;
	unsigned long heap_allocs;	/* live kmalloc objects */
	unsigned long total_allocs;	/* allocations made, live or not */
};
void rt_usage(int twin, struct rt_usage *usage);

/*
 * A twin's live page-table memory at @phys, @len bytes of one allocation,
 * for a hardware walker; NULL if it is not live table memory.
 */
void *rt_phys_span(int twin, uint64_t phys, size_t len);
/*
 * The same memory as a non-coherent walker sees it: what the last DMA
 * sync toward the device (or dma_map_single()) left there.  A new table
 * page reads as 0xa5 bytes there until one covers it.
 */
void *rt_phys_span_device(int twin, uint64_t phys, size_t len);
/* A DMA sync toward the device of [phys, phys + size): it sees it now. */
void rt_device_publish(int twin, uint64_t phys, uint64_t size);
/* True if no DMA sync ever reached any of [phys, phys + len). */
bool rt_device_never_synced(int twin, uint64_t phys, uint64_t len);

/* Allocation failure injection --------------------------------------------- */

/* The @nth allocation (1-based) the twin makes from now on fails; 0 = none. */
void rt_fail_nth(int twin, unsigned int nth);
/* True once the armed failure has been delivered. */
bool rt_fail_delivered(int twin);

/* Records ------------------------------------------------------------------- */

struct rt_warn {
	const char *file;	/* basename */
	const char *func;
	const char *what;
	int line;
};

/* Invalidations and table frees share one sequence: their order counts. */
struct rt_inval {
	int kind;		/* enum ptf_rt_inval */
	int unit;		/* the TLB; -1: all of them */
	uint64_t iova;
	uint64_t size;		/* PTF_INVAL_ENTRY: the set span (0: none) */
	unsigned long seq;
};

struct rt_free {
	uint64_t phys;
	uint64_t size;
	unsigned long seq;
};

struct rt_sync {
	uint64_t phys;
	uint64_t size;
};

/* Records made since the last rt_clear_records() for @twin. */
size_t rt_warns(int twin, const struct rt_warn **warns);
size_t rt_invals(int twin, const struct rt_inval **invals);
size_t rt_syncs(int twin, const struct rt_sync **syncs);
size_t rt_frees(int twin, const struct rt_free **frees);
/* A table page was freed (memory.c calls it). */
void rt_record_free(int twin, uint64_t phys, uint64_t size);
void rt_clear_records(int twin);
/* Forget @twin's WARNs recorded after the first @from. */
void rt_forget_warns(int twin, size_t from);

/*
 * Locks a twin holds now (none between ops), and the last one it took.
 * rt_reset_locks() (called by rt_reset) forgets them.
 */
unsigned int rt_locks_held(int twin, const char **last);
void rt_reset_locks(void);

/* The device's side ---------------------------------------------------------- */

/* How often @twin's hardware could not be asked (ptf_rt_hw_unavailable()). */
unsigned long rt_hw_unavailable(int twin);

/* True if a live DMA mapping of some device covers [phys, phys + len). */
bool rt_dma_mapped(int twin, uint64_t phys, uint64_t len);

/* A target's hardware model: the registers behind ptf_rt_ioremap() cookies. */
struct rt_mmio_ops {
	/* The kernel mapped [phys, phys + size): the device leaves reset. */
	void (*map)(void *priv, int twin, uint64_t phys, uint64_t size);
	uint32_t (*read)(void *priv, int twin, uint64_t phys, int bytes);
	void (*write)(void *priv, int twin, uint64_t phys, uint32_t val,
		      int bytes);
	/* ptf_rt_device_blocking(): check the device translates nothing. */
	void (*blocking)(void *priv, int twin);
	/* ptf_rt_core_attach(): contain a known finding there? */
	bool (*core_attach)(void *priv, int twin, bool on);
};
void rt_set_mmio(const struct rt_mmio_ops *ops, void *priv);

/* A target's virtio device model, behind the ptf_rt_virtio_*() calls. */
struct rt_virtio_ops {
	unsigned int (*device_id)(void *priv, int twin);
	uint64_t (*features)(void *priv, int twin);
	void (*ack_features)(void *priv, int twin, uint64_t features);
	void (*config)(void *priv, int twin, unsigned int offset, void *buf,
		       unsigned int len, bool write);
	unsigned int (*status)(void *priv, int twin);
	void (*set_status)(void *priv, int twin, unsigned int status);
	unsigned int (*queue_size)(void *priv, int twin, unsigned int queue);
	unsigned int (*process)(void *priv, int twin, unsigned int queue,
				const struct ptf_rt_vbuf *bufs, unsigned int n);
};
void rt_set_virtio(const struct rt_virtio_ops *ops, void *priv);

/* The last kernel log lines of a twin, oldest first, for reports. */
void rt_for_each_log(int twin, void (*fn)(const char *line, void *arg),
		     void *arg);
/*
 * How many lines a twin has logged, and those from line @since on; false
 * if some of them are no longer kept.
 */
unsigned int rt_log_lines(int twin);
bool rt_for_each_log_since(int twin, unsigned int since,
			   void (*fn)(const char *line, void *arg), void *arg);

/*
 * Called on BUG(), panic() and on runtime-detected misuse (a walk outside
 * the tables, a double free).  Must not return: the engine reports the
 * finding and aborts.
 */
typedef void (*rt_fatal_fn)(const char *kind, const char *detail);
void rt_set_fatal_handler(rt_fatal_fn fn);
__attribute__((noreturn, format(printf, 2, 3)))
void rt_fatal(const char *kind, const char *fmt, ...);

/* vsnprintf() that also knows the kernel's %pa and %pad. */
void rt_vformat(char *buf, size_t len, const char *fmt, va_list ap);

/* Echo kernel log lines to stderr as they happen (repro -v). */
void rt_set_log_echo(bool echo);

#endif /* PTF_RUNTIME_H */
