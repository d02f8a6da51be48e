/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stand-in for <linux/io.h> (and <asm/io.h>).  Registers are not memory
 * here: an ioremap() cookie points into a window that faults when touched
 * directly, and readl()/writel() go through the device core
 * (kernel-shim/kernel/devices.c), which checks that the device may be
 * accessed (mapped, clocked, out of reset, not runtime-suspended) and
 * hands the access to the hardware model of the target.
 */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>
#include <linux/err.h>
#include <asm/barrier.h>

struct device;
struct resource;

u32 ptf_mmio_read(const volatile void __iomem *addr, int bytes);
void ptf_mmio_write(volatile void __iomem *addr, u32 val, int bytes);

static inline u32 readl(const volatile void __iomem *addr)
{
	return ptf_mmio_read(addr, 4);
}

static inline void writel(u32 val, volatile void __iomem *addr)
{
	ptf_mmio_write(addr, val, 4);
}

static inline u16 readw(const volatile void __iomem *addr)
{
	return ptf_mmio_read(addr, 2);
}

static inline void writew(u16 val, volatile void __iomem *addr)
{
	ptf_mmio_write(addr, val, 2);
}

static inline u8 readb(const volatile void __iomem *addr)
{
	return ptf_mmio_read(addr, 1);
}

static inline void writeb(u8 val, volatile void __iomem *addr)
{
	ptf_mmio_write(addr, val, 1);
}

/* 64-bit registers as two 32-bit accesses, low word first (lo_hi). */
static inline u64 readq(const volatile void __iomem *addr)
{
	u64 lo = readl(addr);

	return lo | (u64)readl((const volatile u8 __iomem *)addr + 4) << 32;
}

static inline void writeq(u64 val, volatile void __iomem *addr)
{
	writel((u32)val, addr);
	writel((u32)(val >> 32), (volatile u8 __iomem *)addr + 4);
}

/*
 * A 64-bit kernel has readq()/writeq() of its own (the shim's, above): the
 * io-64-nonatomic-*.h headers only fill in what the architecture lacks.
 */
#define readq			readq
#define writeq			writeq

#define readl_relaxed		readl
#define __raw_readl		readl
#define __raw_writel		writel
#define writel_relaxed		writel
#define readw_relaxed		readw
#define writew_relaxed		writew
#define readq_relaxed		readq
#define writeq_relaxed		writeq
#define ioread32		readl
#define iowrite32		writel
#define ioread32be(addr)	be32_to_cpu((__force __be32)readl(addr))
#define iowrite32be(val, addr)	writel((__force u32)cpu_to_be32(val), addr)
#define lo_hi_readq		readq
#define lo_hi_writeq		writeq

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size);
void __iomem *devm_ioremap_resource(struct device *dev,
				    const struct resource *res);
void __iomem *ioremap(phys_addr_t offset, size_t size);
void iounmap(volatile void __iomem *addr);

#endif /* _LINUX_IO_H */
