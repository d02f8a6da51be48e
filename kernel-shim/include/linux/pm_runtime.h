/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/pm_runtime.h>.  The runtime PM core of
 * kernel-shim/kernel/devices.c: usage counts, suspend and resume through
 * the driver's dev_pm_ops, suppliers resumed through DL_FLAG_PM_RUNTIME
 * links, synchronously (no workqueue: "async" puts suspend at once).  Its
 * contract is checked: a usage count that would drop below zero WARNs, as
 * the kernel's "Runtime PM usage count underflow!" does.
 */
#ifndef _LINUX_PM_RUNTIME_H
#define _LINUX_PM_RUNTIME_H

#include <linux/device.h>
#include <linux/pm.h>

void pm_runtime_enable(struct device *dev);
void pm_runtime_disable(struct device *dev);
int __pm_runtime_resume(struct device *dev, int rpmflags);
int __pm_runtime_idle(struct device *dev, int rpmflags);
int pm_runtime_get_if_active(struct device *dev);
int pm_runtime_get_if_in_use(struct device *dev);
void pm_runtime_get_noresume(struct device *dev);
void pm_runtime_put_noidle(struct device *dev);
int pm_runtime_set_active(struct device *dev);
void pm_runtime_set_suspended(struct device *dev);
int pm_runtime_force_suspend(struct device *dev);
int pm_runtime_force_resume(struct device *dev);

#define RPM_GET_PUT	0x04

static inline int pm_runtime_get_sync(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_GET_PUT);
}

static inline int pm_runtime_resume_and_get(struct device *dev)
{
	int ret = __pm_runtime_resume(dev, RPM_GET_PUT);

	if (ret < 0) {
		pm_runtime_put_noidle(dev);
		return ret;
	}
	return 0;
}

static inline int pm_runtime_get(struct device *dev)
{
	return __pm_runtime_resume(dev, RPM_GET_PUT);
}

static inline int pm_runtime_put(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_GET_PUT);
}

static inline int pm_runtime_put_sync(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_GET_PUT);
}

static inline int pm_runtime_put_autosuspend(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_GET_PUT);
}

static inline int __pm_runtime_put_autosuspend(struct device *dev)
{
	return __pm_runtime_idle(dev, RPM_GET_PUT);
}

static inline int pm_runtime_resume(struct device *dev)
{
	return __pm_runtime_resume(dev, 0);
}

static inline bool pm_runtime_active(struct device *dev)
{
	return dev->power.disable_depth ||
	       dev->power.runtime_status == RPM_ACTIVE;
}

static inline bool pm_runtime_suspended(struct device *dev)
{
	return dev->power.runtime_status == RPM_SUSPENDED &&
	       !dev->power.disable_depth;
}

static inline bool pm_runtime_status_suspended(struct device *dev)
{
	return dev->power.runtime_status == RPM_SUSPENDED;
}

static inline bool pm_runtime_enabled(struct device *dev)
{
	return !dev->power.disable_depth;
}

static inline void pm_runtime_mark_last_busy(struct device *dev)
{
}

static inline void pm_runtime_use_autosuspend(struct device *dev)
{
}

static inline void pm_runtime_dont_use_autosuspend(struct device *dev)
{
}

static inline void pm_runtime_set_autosuspend_delay(struct device *dev,
						    int delay)
{
}

static inline void pm_runtime_irq_safe(struct device *dev)
{
}

#define DEFINE_RUNTIME_DEV_PM_OPS(name, suspend_fn, resume_fn, idle_fn)	\
	const struct dev_pm_ops name = {				\
		SET_SYSTEM_SLEEP_PM_OPS(pm_runtime_force_suspend,	\
					pm_runtime_force_resume)	\
		SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)	\
	}

#endif /* _LINUX_PM_RUNTIME_H */
