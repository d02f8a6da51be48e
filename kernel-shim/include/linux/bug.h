/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/bug.h>.
 *
 * Every WARN and BUG reaches the ptfuzz runtime, which fails the run unless
 * the site is on the allow-list for the contract violation the engine is
 * deliberately making.  Unlike the kernel, *_ONCE variants report every
 * time: "once" state would leak from one fuzz input into the next and make
 * results depend on input order.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <ptf_rt.h>

enum bug_trap_type {
	BUG_TRAP_TYPE_NONE = 0,
	BUG_TRAP_TYPE_WARN = 1,
	BUG_TRAP_TYPE_BUG = 2,
};

#define BUG() ptf_rt_bug(__FILE__, __LINE__, __func__, "BUG()")
#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			ptf_rt_bug(__FILE__, __LINE__, __func__, #cond); \
	} while (0)
#define MAYBE_BUILD_BUG_ON(cond) BUG_ON(cond)

#define __ptf_warn(cond, what) ({					\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		ptf_rt_warn(__FILE__, __LINE__, __func__, what);	\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON(cond)			__ptf_warn(cond, #cond)
#define WARN_ON_ONCE(cond)		__ptf_warn(cond, #cond)
/* The message is formatted, as the kernel prints it. */
#define __ptf_warn_fmt(cond, fmt...) ({					\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		ptf_rt_warnf(__FILE__, __LINE__, __func__, fmt);	\
	unlikely(__ret_warn_on);					\
})

#define WARN(cond, fmt...)		__ptf_warn_fmt(cond, fmt)
#define WARN_ONCE(cond, fmt...)		__ptf_warn_fmt(cond, fmt)
#define WARN_TAINT(cond, taint, fmt...)	__ptf_warn_fmt(cond, fmt)
#define WARN_TAINT_ONCE(cond, taint, fmt...) __ptf_warn_fmt(cond, fmt)
#define __WARN()			__ptf_warn(1, "__WARN()")

#endif /* _LINUX_BUG_H */
