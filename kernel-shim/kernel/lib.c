// SPDX-License-Identifier: GPL-2.0
/*
 * The few lib/ helpers the compiled kernel code calls, written for the
 * harness against the tree's prototypes (lib/string.c, lib/bitmap.c are not
 * built).
 */
#include <linux/bitmap.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <ptf_rt.h>

void *memset64(uint64_t *s, uint64_t v, __kernel_size_t count)
{
	for (__kernel_size_t i = 0; i < count; i++)
		s[i] = v;
	return s;
}

void __bitmap_set(unsigned long *map, unsigned int start, int len)
{
	for (unsigned int bit = start; bit < start + len; bit++)
		map[bit / BITS_PER_LONG] |= 1UL << (bit % BITS_PER_LONG);
}

void *kmemdup_noprof(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

/*
 * RCU, for one op at a time (<linux/rcupdate.h>): a grace period ends when
 * the last read-side critical section does.  Callbacks queued inside one
 * run at the outermost rcu_read_unlock(), in order.
 */
#define RCU_PENDING_MAX	64

static int rcu_nesting;
static struct rcu_head *rcu_pending[RCU_PENDING_MAX];
static unsigned int rcu_nr_pending;

/* A new input: what an abandoned one left is reclaimed with its memory. */
void ptf_rcu_reset(void)
{
	rcu_nesting = 0;
	rcu_nr_pending = 0;
}

static void rcu_grace_period_end(void)
{
	for (unsigned int i = 0; i < rcu_nr_pending; i++)
		rcu_pending[i]->func(rcu_pending[i]);
	rcu_nr_pending = 0;
}

void ptf_rcu_read_lock(void)
{
	ptf_rt_lock_acquire("rcu_read_lock");
	rcu_nesting++;
}

void ptf_rcu_read_unlock(void)
{
	if (WARN(rcu_nesting <= 0, "rcu_read_unlock() without rcu_read_lock()"))
		return;
	ptf_rt_lock_release("rcu_read_lock");
	if (!--rcu_nesting)
		rcu_grace_period_end();
}

bool ptf_rcu_read_lock_held(void)
{
	return rcu_nesting > 0;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	head->func = func;
	if (!rcu_nesting) {
		func(head);
		return;
	}
	if (WARN(rcu_nr_pending == RCU_PENDING_MAX, "too many RCU callbacks pending"))
		return;
	rcu_pending[rcu_nr_pending++] = head;
}

void synchronize_rcu(void)
{
	WARN(rcu_nesting, "synchronize_rcu() inside a read-side critical section");
}

static void kfree_rcu_cb(struct rcu_head *head)
{
	kfree(head->next);
}

/* kfree_rcu(): the object's rcu_head remembers it in its next pointer. */
void ptf_kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
	head->next = ptr;
	call_rcu(head, kfree_rcu_cb);
}
