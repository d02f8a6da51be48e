/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/pm.h>: the callbacks a driver gives the PM core and a
 * device's runtime PM state, as if CONFIG_PM and CONFIG_PM_SLEEP were set
 * (the runtime PM core in kernel-shim/kernel/devices.c calls them).
 */
#ifndef _LINUX_PM_H
#define _LINUX_PM_H

#include <linux/types.h>

struct device;

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*suspend_late)(struct device *dev);
	int (*resume_early)(struct device *dev);
	int (*freeze_late)(struct device *dev);
	int (*thaw_early)(struct device *dev);
	int (*poweroff_late)(struct device *dev);
	int (*restore_early)(struct device *dev);
	int (*suspend_noirq)(struct device *dev);
	int (*resume_noirq)(struct device *dev);
	int (*freeze_noirq)(struct device *dev);
	int (*thaw_noirq)(struct device *dev);
	int (*poweroff_noirq)(struct device *dev);
	int (*restore_noirq)(struct device *dev);
	int (*runtime_suspend)(struct device *dev);
	int (*runtime_resume)(struct device *dev);
	int (*runtime_idle)(struct device *dev);
};

struct dev_pm_domain {
	struct dev_pm_ops ops;
};

enum rpm_status {
	RPM_INVALID = -1,
	RPM_ACTIVE = 0,
	RPM_RESUMING,
	RPM_SUSPENDED,
	RPM_SUSPENDING,
};

/* Runtime PM, as drivers/base/power/runtime.c keeps it. */
struct dev_pm_info {
	int			usage_count;
	unsigned int		disable_depth;	/* 0: runtime PM enabled */
	enum rpm_status		runtime_status;
	bool			initialized;
};

#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)			\
	.suspend = suspend_fn, .resume = resume_fn,			\
	.freeze = suspend_fn, .thaw = resume_fn,			\
	.poweroff = suspend_fn, .restore = resume_fn,
#define SET_LATE_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)		\
	.suspend_late = suspend_fn, .resume_early = resume_fn,		\
	.freeze_late = suspend_fn, .thaw_early = resume_fn,		\
	.poweroff_late = suspend_fn, .restore_early = resume_fn,
#define SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)		\
	.suspend_noirq = suspend_fn, .resume_noirq = resume_fn,		\
	.freeze_noirq = suspend_fn, .thaw_noirq = resume_fn,		\
	.poweroff_noirq = suspend_fn, .restore_noirq = resume_fn,
#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)		\
	.runtime_suspend = suspend_fn, .runtime_resume = resume_fn,	\
	.runtime_idle = idle_fn,
#define SYSTEM_SLEEP_PM_OPS(s, r)	SET_SYSTEM_SLEEP_PM_OPS(s, r)
#define LATE_SYSTEM_SLEEP_PM_OPS(s, r)	SET_LATE_SYSTEM_SLEEP_PM_OPS(s, r)
#define NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)	SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)
#define RUNTIME_PM_OPS(s, r, i)		SET_RUNTIME_PM_OPS(s, r, i)

#define DEFINE_SIMPLE_DEV_PM_OPS(name, suspend_fn, resume_fn)		\
	const struct dev_pm_ops name = {				\
		SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)		\
	}

#define pm_ptr(ptr)		(ptr)
#define pm_sleep_ptr(ptr)	(ptr)

#endif /* _LINUX_PM_H */
