/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/platform_device.h>.  The platform bus of
 * kernel-shim/kernel/devices.c: devices are those the harness describes;
 * registering a driver probes each device whose compatible string its
 * of_match_table lists, as the driver core does at boot.
 */
#ifndef _LINUX_PLATFORM_DEVICE_H
#define _LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/mod_devicetable.h>

struct platform_device {
	const char	*name;
	int		id;
	struct device	dev;
	u32		num_resources;
	struct resource	*resource;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)

extern const struct bus_type platform_bus_type;

struct platform_driver {
	int (*probe)(struct platform_device *);
	void (*remove)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	struct device_driver driver;
};

struct resource *platform_get_resource(struct platform_device *pdev,
				       unsigned int type, unsigned int num);
void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index);
void __iomem *
devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
				       unsigned int index, struct resource **res);
int platform_get_irq(struct platform_device *pdev, unsigned int num);
int platform_irq_count(struct platform_device *pdev);
int platform_driver_register(struct platform_driver *drv);
void platform_driver_unregister(struct platform_driver *drv);
int __platform_driver_probe(struct platform_driver *drv,
			    int (*probe)(struct platform_device *),
			    struct module *module);
void platform_device_put(struct platform_device *pdev);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

/*
 * Boot registers a builtin driver from an initcall; here the harness calls
 * ptf_platform_driver_init(), which each of these defines, when it "boots".
 */
#define builtin_platform_driver(drv)					\
	static int __maybe_unused ptf_platform_driver_init(void)	\
	{								\
		return platform_driver_register(&(drv));		\
	}
#define builtin_platform_driver_probe(drv, probe)			\
	static int __maybe_unused ptf_platform_driver_init(void)	\
	{								\
		return __platform_driver_probe(&(drv), probe, NULL);	\
	}
#define module_platform_driver(drv)	builtin_platform_driver(drv)
#define module_platform_driver_probe(drv, probe) \
	builtin_platform_driver_probe(drv, probe)

#endif /* _LINUX_PLATFORM_DEVICE_H */
