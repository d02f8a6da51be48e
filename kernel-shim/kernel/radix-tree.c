// SPDX-License-Identifier: GPL-2.0
/*
 * What lib/xarray.c takes from lib/radix-tree.c: the node cache (plain
 * heap: nodes are not page tables, and each one counts towards the leak
 * check) and its RCU free, which runs at once here.
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "../../lib/radix-tree.h"	/* the tree's lib/, by -I drivers/iommu */

static struct kmem_cache node_cache = {
	.name = "radix_tree_node",
	.size = sizeof(struct xa_node),
};

struct kmem_cache *radix_tree_node_cachep = &node_cache;

void radix_tree_node_rcu_free(struct rcu_head *head)
{
	struct xa_node *node = container_of(head, struct xa_node, rcu_head);

	kmem_cache_free(radix_tree_node_cachep, node);
}
