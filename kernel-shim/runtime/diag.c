// SPDX-License-Identifier: GPL-2.0
/*
 * What kernel code tells the outside world: WARN/BUG, printk, and the
 * device-visible events (IOTLB invalidations, DMA syncs, table frees).  Everything is
 * recorded per twin for the oracles; nothing here decides whether it is a
 * finding except BUG, which always is.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

#define LOG_LINES	16
#define LOG_LEN		160
#define WARN_MSGS	64

struct records {
	struct rt_warn *warns;
	size_t nr_warns, cap_warns;
	struct rt_inval *invals;
	size_t nr_invals, cap_invals;
	struct rt_sync *syncs;
	size_t nr_syncs, cap_syncs;
	struct rt_free *frees;
	size_t nr_frees, cap_frees;
	char log[LOG_LINES][LOG_LEN];
	unsigned int log_next;
	char msgs[WARN_MSGS][LOG_LEN];	/* formatted WARN messages */
	unsigned int nr_msgs;
};

static struct records rec[PTF_NR_TWINS];
static unsigned long event_seq;
static rt_fatal_fn fatal_handler;
static bool log_echo;

#define APPEND(arr, nr, cap, item) do {					\
	if ((nr) == (cap)) {						\
		(cap) = (cap) ? 2 * (cap) : 64;				\
		(arr) = realloc((arr), (cap) * sizeof(*(arr)));		\
		if (!(arr))						\
			abort();					\
	}								\
	(arr)[(nr)++] = (item);						\
} while (0)

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

void ptf_rt_warn(const char *file, int line, const char *func,
		 const char *what)
{
	struct records *r = &rec[ptf_rt_twin()];
	struct rt_warn w = { basename_of(file), func, what, line };

	APPEND(r->warns, r->nr_warns, r->cap_warns, w);
	ptf_rt_log("WARNING: %s:%d %s: %s", w.file, line, func, what);
}

/* WARN's message, kept until the records are cleared. */
void ptf_rt_warnf(const char *file, int line, const char *func,
		  const char *fmt, ...)
{
	struct records *r = &rec[ptf_rt_twin()];
	char *msg;
	va_list ap;

	if (r->nr_msgs == WARN_MSGS) {
		ptf_rt_warn(file, line, func, fmt);	/* unformatted, then */
		return;
	}
	msg = r->msgs[r->nr_msgs++];
	va_start(ap, fmt);
	rt_vformat(msg, LOG_LEN, fmt, ap);
	va_end(ap);
	ptf_rt_warn(file, line, func, msg);
}

void ptf_rt_bug(const char *file, int line, const char *func,
		const char *what)
{
	rt_fatal("BUG", "%s:%d %s: %s", basename_of(file), line, func, what);
}

void ptf_rt_no_progress(const char *fmt, ...)
{
	char buf[LOG_LEN * 2];
	va_list ap;

	va_start(ap, fmt);
	rt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_fatal("no progress", "%s", buf);
}

void ptf_rt_fatal(const char *kind, const char *fmt, ...)
{
	char buf[LOG_LEN * 2];
	va_list ap;

	va_start(ap, fmt);
	rt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_fatal(kind, "%s", buf);
}

/* panic() as declared by <linux/panic.h>. */
void panic(const char *fmt, ...)
{
	char buf[LOG_LEN];
	va_list ap;

	va_start(ap, fmt);
	rt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_fatal("panic", "%s", buf);
}

void ptf_rt_log(const char *fmt, ...)
{
	struct records *r = &rec[ptf_rt_twin()];
	char *line = r->log[r->log_next++ % LOG_LINES];
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	rt_vformat(line, LOG_LEN, fmt, ap);
	va_end(ap);
	len = strlen(line);
	if (len && line[len - 1] == '\n')
		line[len - 1] = '\0';
	if (log_echo)
		fprintf(stderr, "  [%s] %s\n",
			ptf_rt_twin() == PTF_TWIN_BASE ? "base" : "cand", line);
}

void rt_set_log_echo(bool echo)
{
	log_echo = echo;
}

unsigned int rt_log_lines(int twin)
{
	return rec[twin].log_next;
}

bool rt_for_each_log_since(int twin, unsigned int since,
			   void (*fn)(const char *line, void *arg), void *arg)
{
	struct records *r = &rec[twin];
	unsigned int first = r->log_next > LOG_LINES ? r->log_next - LOG_LINES : 0;

	for (unsigned int i = first > since ? first : since; i < r->log_next; i++)
		fn(r->log[i % LOG_LINES], arg);
	return first <= since;
}

void rt_for_each_log(int twin, void (*fn)(const char *line, void *arg),
		     void *arg)
{
	rt_for_each_log_since(twin, 0, fn, arg);
}

void ptf_rt_iotlb_inval_unit(int unit, int kind, unsigned long long iova,
			     unsigned long long size)
{
	struct records *r = &rec[ptf_rt_twin()];
	struct rt_inval inv = { kind, unit, iova, size, ++event_seq };

	APPEND(r->invals, r->nr_invals, r->cap_invals, inv);
}

void ptf_rt_iotlb_inval(int kind, unsigned long long iova,
			unsigned long long size)
{
	ptf_rt_iotlb_inval_unit(-1, kind, iova, size);
}

void ptf_rt_dma_sync(unsigned long long phys, unsigned long size)
{
	struct records *r = &rec[ptf_rt_twin()];
	struct rt_sync s = { phys, size };

	APPEND(r->syncs, r->nr_syncs, r->cap_syncs, s);
	rt_device_publish(ptf_rt_twin(), phys, size);
}

void rt_record_free(int twin, uint64_t phys, uint64_t size)
{
	struct records *r = &rec[twin];
	struct rt_free f = { phys, size, ++event_seq };

	APPEND(r->frees, r->nr_frees, r->cap_frees, f);
}

size_t rt_warns(int twin, const struct rt_warn **warns)
{
	*warns = rec[twin].warns;
	return rec[twin].nr_warns;
}

void rt_forget_warns(int twin, size_t from)
{
	if (from < rec[twin].nr_warns)
		rec[twin].nr_warns = from;
}

size_t rt_invals(int twin, const struct rt_inval **invals)
{
	*invals = rec[twin].invals;
	return rec[twin].nr_invals;
}

size_t rt_syncs(int twin, const struct rt_sync **syncs)
{
	*syncs = rec[twin].syncs;
	return rec[twin].nr_syncs;
}

size_t rt_frees(int twin, const struct rt_free **frees)
{
	*frees = rec[twin].frees;
	return rec[twin].nr_frees;
}

void rt_clear_records(int twin)
{
	rec[twin].nr_warns = 0;
	rec[twin].nr_msgs = 0;
	rec[twin].nr_invals = 0;
	rec[twin].nr_syncs = 0;
	rec[twin].nr_frees = 0;
}

void rt_reset_diag(void)
{
	for (int t = 0; t < PTF_NR_TWINS; t++) {
		rt_clear_records(t);
		rec[t].log_next = 0;
	}
}

void rt_set_fatal_handler(rt_fatal_fn fn)
{
	fatal_handler = fn;
}

void rt_fatal(const char *kind, const char *fmt, ...)
{
	char detail[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (fatal_handler)
		fatal_handler(kind, detail);
	fprintf(stderr, "ptfuzz: %s: %s\n", kind, detail);
	abort();
}
