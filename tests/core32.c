// SPDX-License-Identifier: GPL-2.0
/*
 * core32 - the iommu core's lookups with a 32-bit phys_addr_t.
 *
 * The twins are built for the 64-bit host, whose phys_addr_t is 64-bit: no
 * IOVA lies above PHYS_ADDR_MAX there, and the second lookup
 * iommu_iova_to_phys() makes for a translation to PHYS_ADDR_MAX itself
 * never runs.  This program compiles a tree's iommu_iova_to_phys() and
 * iommu_iova_to_phys_length(), extracted from its drivers/iommu/iommu.c
 * (PTF_CORE32_EXTRACT), as a 32-bit kernel with a 64-bit dma_addr_t has
 * them, and checks them against the contract (docs/patches.md, "The
 * contract") on an identity domain, a blocked domain and a paging domain
 * whose op answers what each case says.  Exit status 1 at the first
 * difference, which it prints.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* What the extract needs of <linux/iommu.h> and the 32-bit kernel. */
typedef uint32_t phys_addr_t;		/* !CONFIG_PHYS_ADDR_T_64BIT */
typedef uint64_t dma_addr_t;		/* CONFIG_ARCH_DMA_ADDR_T_64BIT */
#define PHYS_ADDR_MAX		(~(phys_addr_t)0)
#define PAGE_SIZE		4096UL
/* An unsigned long of the 32-bit kernel. */
#define PAGE_MASK		((uint32_t)~(PAGE_SIZE - 1))
#define IS_ENABLED(option)	0
#define EXPORT_SYMBOL_GPL(sym)	extern int ptf_core32_dummy
#define IOMMU_DOMAIN_BLOCKED	0U
#define IOMMU_DOMAIN_IDENTITY	(1U << 2)
#define IOMMU_DOMAIN_UNMANAGED	(1U << 0)

struct iommu_domain;

struct iommu_domain_ops {
	phys_addr_t (*iova_to_phys)(struct iommu_domain *domain,
				    dma_addr_t iova);
	phys_addr_t (*iova_to_phys_length)(struct iommu_domain *domain,
					   dma_addr_t iova, size_t *length);
};

struct iommu_domain {
	unsigned int type;
	const struct iommu_domain_ops *ops;
	unsigned long pgsize_bitmap;
};

#include PTF_CORE32_EXTRACT

/*
 * The paging domain's op translates to this (a length of 0: no
 * translation), and counts its calls.
 */
static struct {
	phys_addr_t phys;
	size_t length;
	unsigned int calls;
} op;

static phys_addr_t op_length(struct iommu_domain *domain, dma_addr_t iova,
			     size_t *length)
{
	op.calls++;
	if (!op.length)
		return PHYS_ADDR_MAX;
	if (length)
		*length = op.length;
	return op.phys;
}

static phys_addr_t op_legacy(struct iommu_domain *domain, dma_addr_t iova)
{
	op.calls++;
	return op.length ? op.phys : 0;
}

static const struct iommu_domain_ops ops = {
	.iova_to_phys = op_legacy,
	.iova_to_phys_length = op_length,
};

static unsigned int failures;

static void expect(const char *what, uint64_t iova, uint64_t want,
		   uint64_t got)
{
	if (want == got)
		return;
	printf("core32: %s at 0x%" PRIx64 ": expected 0x%" PRIx64 ", got 0x%" PRIx64 "\n",
	       what, iova, want, got);
	failures++;
}

#if PTF_DOMAIN_HAS_LENGTH
/* iommu_iova_to_phys_length() at @iova: @phys with @len, or none (len 0). */
static void length_op(const char *what, struct iommu_domain *d, uint64_t iova,
		      uint64_t phys, size_t len)
{
	size_t length = 1;
	char buf[80];

	expect(what, iova, len ? phys : PHYS_ADDR_MAX,
	       iommu_iova_to_phys_length(d, iova, &length));
	snprintf(buf, sizeof(buf), "%s: its length", what);
	expect(buf, iova, len, length);
	snprintf(buf, sizeof(buf), "%s without a length", what);
	expect(buf, iova, len ? phys : PHYS_ADDR_MAX,
	       iommu_iova_to_phys_length(d, iova, NULL));
}
#endif

/*
 * Every IOVA a phys_addr_t holds translates to itself, PAGE_SIZE at a
 * time, PHYS_ADDR_MAX included; one above it has no translation.  The
 * wrapper returns the IOVA (as a phys_addr_t), as before the series.
 */
static void identity(struct iommu_domain *d, uint64_t iova)
{
	expect("identity: iova_to_phys", iova, (phys_addr_t)iova,
	       iommu_iova_to_phys(d, iova));
#if PTF_DOMAIN_HAS_LENGTH
	length_op("identity: iova_to_phys_length", d, iova, iova,
		  iova <= PHYS_ADDR_MAX ? PAGE_SIZE : 0);
#endif
}

/*
 * A paging domain whose op translates to @phys with @len (0: none): the
 * wrapper's answer (0 for none), and how often it asks the op: twice when
 * the first answer is PHYS_ADDR_MAX, with a 32-bit phys_addr_t.
 */
static void paging(struct iommu_domain *d, phys_addr_t phys, size_t len)
{
	const uint64_t iova = 0x1000;
	unsigned int calls = 1;

#if PTF_DOMAIN_HAS_LENGTH
	op = (typeof(op)){ .phys = phys, .length = len };
	length_op("paging: iova_to_phys_length", d, iova, phys, len);
	if (!len || phys == PHYS_ADDR_MAX)
		calls = 2;
#endif
	op = (typeof(op)){ .phys = phys, .length = len };
	expect("paging: iova_to_phys", iova, len ? phys : 0,
	       iommu_iova_to_phys(d, iova));
	expect("paging: op calls of iova_to_phys", iova, calls, op.calls);
}

int main(void)
{
	static const uint64_t iovas[] = {
		0, 0x1234, 0xfffff000, 0xfffffffe, 0xffffffff, 0x100000000,
		0x1ffffffff, 0xfffffffffffff000, UINT64_MAX,
	};
	struct iommu_domain id = { .type = IOMMU_DOMAIN_IDENTITY };
	struct iommu_domain blocked = { .type = IOMMU_DOMAIN_BLOCKED };
	struct iommu_domain pg = {
		.type = IOMMU_DOMAIN_UNMANAGED, .ops = &ops,
		.pgsize_bitmap = PAGE_SIZE,
	};

	for (size_t i = 0; i < sizeof(iovas) / sizeof(iovas[0]); i++)
		identity(&id, iovas[i]);
	expect("blocked: iova_to_phys", 0x1000, 0,
	       iommu_iova_to_phys(&blocked, 0x1000));
#if PTF_DOMAIN_HAS_LENGTH
	length_op("blocked: iova_to_phys_length", &blocked, 0x1000, 0, 0);
#endif
	paging(&pg, 0x80001000, PAGE_SIZE);
	paging(&pg, 0, PAGE_SIZE);
	/* The last physical address, told from none by its length. */
	paging(&pg, PHYS_ADDR_MAX, PAGE_SIZE);
	paging(&pg, 0, 0);
	if (failures) {
		printf("core32: %u checks failed\n", failures);
		return 1;
	}
	printf("core32: the lookups with a 32-bit phys_addr_t keep the contract\n");
	return 0;
}
