/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/jump_label.h>: static keys as plain flags (no code
 * patching); a driver enables one for an erratum at probe.
 */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H

#include <linux/types.h>

struct static_key_false {
	bool enabled;
};

struct static_key_true {
	bool enabled;
};

#define DEFINE_STATIC_KEY_FALSE(name)	struct static_key_false name = { false }
#define DEFINE_STATIC_KEY_TRUE(name)	struct static_key_true name = { true }
#define static_branch_unlikely(key)	((key)->enabled)
#define static_branch_likely(key)	((key)->enabled)
#define static_branch_enable(key)	((key)->enabled = true)
#define static_branch_disable(key)	((key)->enabled = false)

#endif /* _LINUX_JUMP_LABEL_H */
