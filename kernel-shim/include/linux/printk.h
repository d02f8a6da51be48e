/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/printk.h>: messages go to the ptfuzz runtime log,
 * which keeps them for the finding report and prints them only on request.
 */
#ifndef __KERNEL_PRINTK__
#define __KERNEL_PRINTK__

#include <linux/stdarg.h>
#include <linux/kern_levels.h>
#include <linux/linkage.h>
#include <ptf_rt.h>

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

static inline __printf(1, 2) int no_printk(const char *fmt, ...)
{
	return 0;
}

#define printk(fmt, ...)	({ ptf_rt_log(fmt, ##__VA_ARGS__); 0; })
#define pr_emerg(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	no_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...)	no_printk(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once		pr_err
#define pr_warn_once		pr_warn
#define pr_info_once		pr_info
#define pr_err_ratelimited	pr_err
#define pr_warn_ratelimited	pr_warn
#define pr_info_ratelimited	pr_info

static inline void dump_stack(void)
{
}

#endif /* __KERNEL_PRINTK__ */
