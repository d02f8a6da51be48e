/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/sys_soc.h>: the SoC the machine is, as its SoC
 * driver would register it, for drivers that match quirk tables against
 * it (soc_device_match()).  The glue names the SoC in describe()
 * (ptf_soc_set()); without one, nothing matches, as on a machine whose
 * SoC driver registered nothing.
 */
#ifndef _LINUX_SYS_SOC_H
#define _LINUX_SYS_SOC_H

struct soc_device_attribute {
	const char *machine;
	const char *family;
	const char *revision;
	const char *serial_number;
	const char *soc_id;
	const void *data;
	const struct attribute_group *custom_attr_group;
};

/*
 * The first entry of @matches (ended by an empty one) whose every field
 * matches the machine's SoC, as glob_match() patterns; NULL if none.
 */
const struct soc_device_attribute *
soc_device_match(const struct soc_device_attribute *matches);

/* The machine's SoC (copied), or none with NULL; devices reset forgets it. */
void ptf_soc_set(const struct soc_device_attribute *soc);

#endif /* _LINUX_SYS_SOC_H */
