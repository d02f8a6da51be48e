// SPDX-License-Identifier: GPL-2.0
/*
 * apple_dart: apple-dart, the driver of Apple silicon's DARTs, on
 * io-pgtable-dart, in the hardware variants of its match data: t8103 and
 * its USB4 DART (APPLE_DART: 36-bit PAs, four TTBRs per stream, 16 or 64
 * streams), t6000 (APPLE_DART2: 42-bit PAs, otherwise t8103's registers)
 * and t8110 (APPLE_DART2, one TTBR per stream, IAS and OAS from PARAMS3,
 * the stream count from PARAMS4, a TCR bit for a four-level walk).  The
 * page size is the DART's PARAMS1, 4K or 16K (DART2s have 16K pages only);
 * the kernel's page size is 4K or 16K, and apple-dart refuses paging
 * domains for pages larger than the CPU's.
 *
 * No public documentation of the DART exists.  The register map is the
 * one thing taken from the driver (offsets and fields of its #defines, as
 * the reverse-engineered descriptions have them); the device model's
 * behaviour is the hardware's as described there:
 *
 *   PARAMS1 0x00 [27:24] page shift; PARAMS2 0x04 [0] bypass supported;
 *   t8110 PARAMS3 0x08 [29:24] PA width, [21:16] VA width;
 *   t8110 PARAMS4 0x0c [8:0] number of streams.
 *   t8103/t6000: STREAM_SELECT 0x34 (a bitmap of streams, 32 a word),
 *   STREAM_COMMAND 0x20 ([20] invalidate the selected streams' TLB
 *   entries, [2] busy), CONFIG 0x60 ([15] locked), ERROR 0x40,
 *   STREAMS_ENABLE 0xfc, TCR 0x100 + 4 * sid ([7] translate, [8] bypass
 *   DART, [12] bypass DAPF), TTBR 0x200 (USB4: 0x400) + 4 * (4 * sid + i)
 *   ([31] valid, [23:0] PA >> 12).
 *   t8110: TLB_CMD 0x80 ([31] busy, [10:8] 0 flush all, 1 flush the stream
 *   in [7:0]), ERROR 0x100, ERROR_MASK 0x104, PROTECT 0x200 ([0] TTBR/TCR
 *   locked), ENABLE_STREAMS 0xc00, TCR 0x1000 + 4 * sid ([0] translate,
 *   [1] bypass DART, [2] bypass DAPF, [3] four levels), TTBR 0x1400 +
 *   4 * sid ([0] valid, [31:2] PA >> 14).
 *
 * The walk (dart_walk.c) starts from the stream's TCR and TTBRs: two
 * table levels of page-shift - 3 IOVA bits each below the TTBR, three
 * with t8110's four-level bit; the IOVA bits above them select the TTBR.
 * Each of the master's streams has its own TLB: a flush must name every
 * stream.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dart_model.h"
#include "dart_walk.h"
#include "drv_common.h"

enum { F_SOC, F_PGSIZE, F_KERNEL, F_SIDS, F_IAS, F_OAS, F_TABLES,
	F_CREATE_FAIL, NR_FIELDS };

enum soc { T8103, T8103_USB4, T6000, T8110 };

static const char *const soc_names[] = { "t8103", "t8103-usb4", "t6000", "t8110" };
static const uint64_t soc_values[] = { T8103, T8103_USB4, T6000, T8110 };
static const char *const pgsize_names[] = { "16K", "4K" };
static const uint64_t pgsize_values[] = { 14, 12 };
static const char *const kernel_names[] = { "4K", "16K" };
static const uint64_t kernel_values[] = { 12, 14 };
/* The master's streams: bit n for stream n. */
static const char *const sids_names[] = { "1", "0+1", "3+14", "15" };
static const uint64_t sids_values[] = { 1u << 1, 3u, 1u << 3 | 1u << 14, 1u << 15 };
/* t8110's PARAMS3 widths; 44 > 42 and a 40-bit OAS io-pgtable refuses. */
static const char *const ias_names[] = { "36", "32", "40", "42", "44" };
static const uint64_t ias_values[] = { 36, 32, 40, 42, 44 };
static const char *const oas_names[] = { "42", "36", "40" };
static const uint64_t oas_values[] = { 42, 36, 40 };
static const char *const tables_names[] = { "low", "high" };
static const uint64_t tables_values[] = { 1ULL << 30, 1ULL << 34 };

static const struct cfg_field fields[NR_FIELDS] = {
	[F_SOC]		= { "soc", FIELD(soc_names, soc_values) },
	[F_PGSIZE]	= { "pgsize", FIELD(pgsize_names, pgsize_values) },
	[F_KERNEL]	= { "kernel", FIELD(kernel_names, kernel_values) },
	[F_SIDS]	= { "sids", FIELD(sids_names, sids_values) },
	[F_IAS]		= { "ias", FIELD(ias_names, ias_values) },
	[F_OAS]		= { "oas", FIELD(oas_names, oas_values) },
	[F_TABLES]	= { "tables", FIELD(tables_names, tables_values) },
	DRV_COMMON_FIELDS(F_CREATE_FAIL),
};

/* The DART of one input, as its registers describe it. */
struct dart_params {
	enum soc soc;
	unsigned int page_shift, kernel_shift;
	unsigned int ias, oas;		/* t8110: PARAMS3; else the SoC's */
	unsigned int nr_streams;
	uint32_t sids;			/* the master's */
};

static struct dart_params params;

static bool is_dart2(enum soc soc)
{
	return soc == T6000 || soc == T8110;
}

static bool setup(const struct target_config *cfg, struct target_setup *ts)
{
	enum soc soc = (enum soc)cfg->v[F_SOC];

	/* DART2s have 16K pages only (their PTEs hold PA[41:14]). */
	if (is_dart2(soc) && cfg->v[F_PGSIZE] != 14)
		return false;
	params = (struct dart_params){
		.soc = soc,
		.page_shift = (unsigned int)cfg->v[F_PGSIZE],
		.kernel_shift = (unsigned int)cfg->v[F_KERNEL],
		.ias = soc == T8110 ? (unsigned int)cfg->v[F_IAS] : 32,
		.oas = soc == T8110 ? (unsigned int)cfg->v[F_OAS] :
		       soc == T6000 ? 42 : 36,
		.nr_streams = soc == T8103_USB4 ? 64 : soc == T8110 ? 64 : 16,
		.sids = (uint32_t)cfg->v[F_SIDS],
	};
	ts->pt = (struct ptf_pt_config){
		.fmt = PTF_FMT_DRIVER,
		.variant = soc,
		.instances = params.sids,
		.quirks = params.kernel_shift == 14,
		.pgsize_bitmap = 1ULL << params.page_shift,
		.ias = params.ias,
		.oas = params.oas,
	};
	/* "high" tables sit above 4 GiB, inside DART1's 36 bits. */
	ts->table_base[PTF_TWIN_BASE] = ts->table_base[PTF_TWIN_CAND] =
		cfg->v[F_TABLES];
	ts->create_fail = (unsigned int)cfg->v[F_CREATE_FAIL];
	return true;
}

/*
 * apple_dart_finalize_domain(): no paging domain for pages larger than
 * the kernel's; else the io_pgtable_cfg of the DART's page size, IAS and
 * OAS, coherent, in the SoC's format (dart_model.c decides the rest).  The
 * driver's probe and attach allocate through the driver core stand-ins:
 * which allocation of a creation fails is not predicted.
 */
static void predict(const struct target_setup *ts, struct target_domain *d)
{
	const struct ptf_pt_config pc = {
		.fmt = is_dart2(params.soc) ? PTF_FMT_APPLE_DART2 : PTF_FMT_APPLE_DART,
		.pgsize_bitmap = 1ULL << params.page_shift,
		.ias = params.ias,
		.oas = params.oas,
		.coherent_walk = 1,
	};

	memset(d, 0, sizeof(*d));
	d->create_allocs_open = true;
	if (params.page_shift > params.kernel_shift)
		return;
	dart_model_predict(&pc, d);
}

static int access_of(const struct target_setup *ts, int prot)
{
	return dart_access_of(is_dart2(params.soc) ? PTF_FMT_APPLE_DART2 :
						      PTF_FMT_APPLE_DART, prot);
}

/* Device model ------------------------------------------------------------- */

#define DART_BASE	0x231304000ULL	/* where the glue puts the DART */
#define DART_SIZE	0x4000
#define MAX_STREAMS	64

enum {
	PARAMS1 = 0x00, PARAMS2 = 0x04, PARAMS3 = 0x08, PARAMS4 = 0x0c,
	/* t8103, t6000 */
	STREAM_COMMAND = 0x20, STREAM_SELECT = 0x34, T8020_ERROR = 0x40,
	T8020_ERROR_ADDR_LO = 0x50, T8020_ERROR_ADDR_HI = 0x54, CONFIG = 0x60,
	STREAMS_ENABLE = 0xfc, T8020_TCR = 0x100, T8020_TTBR = 0x200,
	USB4_TTBR = 0x400,
	/* t8110 */
	TLB_CMD = 0x80, T8110_ERROR = 0x100, T8110_ERROR_MASK = 0x104,
	T8110_ERROR_ADDR_LO = 0x170, T8110_ERROR_ADDR_HI = 0x174,
	T8110_ERROR_STREAMS = 0x1c0, PROTECT = 0x200, ENABLE_STREAMS = 0xc00,
	DISABLE_STREAMS = 0xc20, T8110_TCR = 0x1000, T8110_TTBR = 0x1400,
};

#define STREAM_COMMAND_INVALIDATE	(1u << 20)
#define TLB_CMD_FLUSH_ALL		0
#define TLB_CMD_FLUSH_SID		1

struct dart_hw {
	bool mapped;
	uint32_t select[MAX_STREAMS / 32];
	uint32_t tcr[MAX_STREAMS];
	uint32_t ttbr[MAX_STREAMS][DART_WALK_TTBRS];
	unsigned long flushes;
};

static struct dart_hw dart[PTF_NR_TWINS];

static bool t8110(void)
{
	return params.soc == T8110;
}

static unsigned int nr_ttbrs(void)
{
	return t8110() ? 1 : 4;
}

static void hw_reset(const struct target_setup *ts)
{
	memset(dart, 0, sizeof(dart));
}

static void hw_map(const struct hw_ctx *hw, uint64_t phys, uint64_t size)
{
	if (phys != DART_BASE || size != DART_SIZE)
		hw->protocol(hw, "ioremap(0x%llx, 0x%llx) is not the DART's register space",
			     (unsigned long long)phys, (unsigned long long)size);
	dart[hw->twin].mapped = true;
}

/* The TLB of the master's stream @sid (one per stream), or -1. */
static int unit_of(unsigned int sid)
{
	if (sid >= 32 || !(params.sids & (1u << sid)))
		return -1;
	return __builtin_popcount(params.sids & ((1u << sid) - 1));
}

static unsigned int hw_tlbs(const struct hw_ctx *hw)
{
	return (unsigned int)__builtin_popcount(params.sids);
}

static void flush_stream(const struct hw_ctx *hw, unsigned int sid)
{
	int unit = unit_of(sid);

	if (sid >= params.nr_streams)
		hw->protocol(hw, "TLB flush of stream %u of %u", sid,
			     params.nr_streams);
	if (unit >= 0)
		ptf_rt_iotlb_inval_unit(unit, PTF_INVAL_ALL, 0, 0);
	dart[hw->twin].flushes++;
}

/* The per-stream TCR or TTBR @off names: its register, or NULL. */
static uint32_t *stream_reg(struct dart_hw *d, uint32_t off)
{
	uint32_t tcr = t8110() ? T8110_TCR : T8020_TCR;
	uint32_t ttbr = t8110() ? T8110_TTBR :
			params.soc == T8103_USB4 ? USB4_TTBR : T8020_TTBR;
	uint32_t n;

	if (off >= tcr && off < tcr + 4 * params.nr_streams)
		return &d->tcr[(off - tcr) / 4];
	if (off >= ttbr && off < ttbr + 4 * nr_ttbrs() * params.nr_streams) {
		n = (off - ttbr) / 4;
		return &d->ttbr[n / nr_ttbrs()][n % nr_ttbrs()];
	}
	return NULL;
}

/* A register that reads as 0: locks open, no errors, commands done. */
static bool reads_zero(uint32_t off)
{
	if (t8110())
		return off == TLB_CMD || off == T8110_ERROR || off == PROTECT ||
		       off == T8110_ERROR_ADDR_LO || off == T8110_ERROR_ADDR_HI;
	return off == STREAM_COMMAND || off == T8020_ERROR || off == CONFIG ||
	       off == T8020_ERROR_ADDR_LO || off == T8020_ERROR_ADDR_HI;
}

static uint32_t hw_read(const struct hw_ctx *hw, uint64_t phys, int bytes)
{
	struct dart_hw *d = &dart[hw->twin];
	uint32_t off = (uint32_t)(phys - DART_BASE), *reg;

	if (bytes != 4 || phys < DART_BASE || off >= DART_SIZE || off % 4) {
		hw->protocol(hw, "%d-byte read at 0x%llx", bytes,
			     (unsigned long long)phys);
		return 0;
	}
	if (off == PARAMS1)
		return params.page_shift << 24;
	if (off == PARAMS2)
		return 1;	/* bypass supported */
	if (t8110() && off == PARAMS3)
		return params.oas << 24 | params.ias << 16 | 0x0101;
	if (t8110() && off == PARAMS4)
		return params.nr_streams;
	if (reads_zero(off))
		return 0;
	reg = stream_reg(d, off);
	if (reg)
		return *reg;
	hw->protocol(hw, "read of DART register 0x%x", off);
	return 0;
}

static void t8020_write(const struct hw_ctx *hw, uint32_t off, uint32_t val)
{
	struct dart_hw *d = &dart[hw->twin];
	unsigned int words = (params.nr_streams + 31) / 32;

	if (off >= STREAM_SELECT && off < STREAM_SELECT + 4 * words) {
		d->select[(off - STREAM_SELECT) / 4] = val;
	} else if (off == STREAM_COMMAND) {
		if (val != STREAM_COMMAND_INVALIDATE) {
			hw->protocol(hw, "stream command 0x%x", val);
			return;
		}
		for (unsigned int sid = 0; sid < params.nr_streams; sid++)
			if (d->select[sid / 32] & (1u << (sid % 32)))
				flush_stream(hw, sid);
	} else if (off == T8020_ERROR) {
		/* write 1 to clear: nothing pending */
	} else if (off >= STREAMS_ENABLE && off < STREAMS_ENABLE + 4 * words) {
		/* every stream enabled, isolation is the TCR's */
	} else {
		hw->protocol(hw, "write of 0x%x to DART register 0x%x", val, off);
	}
}

static void t8110_write(const struct hw_ctx *hw, uint32_t off, uint32_t val)
{
	unsigned int words = (params.nr_streams + 31) / 32;

	if (off == TLB_CMD) {
		unsigned int op = (val >> 8) & 7, sid = val & 0xff;

		if (val & ~0x7ffu)
			hw->protocol(hw, "TLB command 0x%x", val);
		else if (op == TLB_CMD_FLUSH_SID)
			flush_stream(hw, sid);
		else if (op == TLB_CMD_FLUSH_ALL)
			for (unsigned int s = 0; s < params.nr_streams; s++)
				flush_stream(hw, s);
		else
			hw->protocol(hw, "TLB command op %u", op);
	} else if (off == T8110_ERROR || off == T8110_ERROR_MASK ||
		   (off >= T8110_ERROR_STREAMS && off < T8110_ERROR_STREAMS + 4 * words) ||
		   (off >= ENABLE_STREAMS && off < ENABLE_STREAMS + 4 * words)) {
		/* errors acknowledged, unmasked; streams enabled */
	} else {
		hw->protocol(hw, "write of 0x%x to DART register 0x%x", val, off);
	}
}

static void hw_write(const struct hw_ctx *hw, uint64_t phys, uint32_t val,
		     int bytes)
{
	uint32_t off = (uint32_t)(phys - DART_BASE), *reg;

	if (bytes != 4 || phys < DART_BASE || off >= DART_SIZE || off % 4) {
		hw->protocol(hw, "%d-byte write of 0x%x at 0x%llx", bytes, val,
			     (unsigned long long)phys);
		return;
	}
	reg = stream_reg(&dart[hw->twin], off);
	if (reg) {
		*reg = val;
		return;
	}
	if (t8110())
		t8110_write(hw, off, val);
	else
		t8020_write(hw, off, val);
}

static const struct hw_device device = {
	.reset = hw_reset, .map = hw_map, .read = hw_read, .write = hw_write,
	.tlbs = hw_tlbs,
};

/* Hardware walker ---------------------------------------------------------- */

/* The TCR's translate, bypass and four-level bits, per generation. */
static bool tcr_translates(uint32_t tcr)
{
	return t8110() ? (tcr & 0x7) == 0x1 : (tcr & 0x1180) == 0x80;
}

/* The regime stream @sid walks with, from its TCR and TTBRs. */
static bool stream_regime(const struct hw_ctx *hw, unsigned int sid,
			  struct dart_regime *r)
{
	const struct dart_hw *d = &dart[hw->twin];
	uint32_t tcr = d->tcr[sid];

	if (!tcr_translates(tcr)) {
		hw->error(hw, "stream %u does not translate (TCR 0x%x)", sid, tcr);
		return false;
	}
	*r = (struct dart_regime){
		.dart2 = is_dart2(params.soc),
		.shift = params.page_shift,
		.levels = t8110() && (tcr & (1u << 3)) ? 3 : 2,
	};
	for (unsigned int i = 0; i < nr_ttbrs(); i++) {
		uint32_t t = d->ttbr[sid][i];

		if (t8110())
			r->ttbr[i] = t & 1 ? (uint64_t)(t >> 2) << 14 : 0;
		else
			r->ttbr[i] = t & (1u << 31) ? (uint64_t)(t & 0xffffff) << 12 : 0;
	}
	return true;
}

/*
 * The master's first stream, walked; every other stream of the master
 * must be programmed the same (one domain).
 */
static void hw_walk(const struct hw_ctx *hw, uint64_t lo, uint64_t hi)
{
	unsigned int first = (unsigned int)__builtin_ctz(params.sids);
	struct dart_regime r, other;

	if (!stream_regime(hw, first, &r))
		return;
	for (unsigned int sid = first + 1; sid < 32; sid++)
		if ((params.sids & (1u << sid)) && stream_regime(hw, sid, &other) &&
		    memcmp(&r, &other, sizeof(r)))
			hw->error(hw, "stream %u translates with other tables than stream %u",
				  sid, first);
	dart_walk(hw, &r, lo, hi);
}

/*
 * Domains of every DART whose pages the kernel's fit, and, for t8110,
 * whose PARAMS3 widths io-pgtable-dart takes (the IAS no wider than the
 * OAS, 36 or 42 bits): the t8110s shipped have those.
 */
static bool driver_config(const struct target_setup *ts)
{
	if (params.page_shift > params.kernel_shift)
		return false;
	return params.ias <= params.oas && (params.oas == 36 || params.oas == 42);
}

/* Coverage: the SoC, its page size, the kernel's, t8110's widths. */
static const unsigned int class_fields[] = { F_SOC, F_PGSIZE, F_KERNEL, F_IAS, F_OAS };

static void class_name(const struct target_setup *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%uK/kernel%uK/ias%u/oas%u", soc_names[params.soc],
		 1u << (params.page_shift - 10), 1u << (params.kernel_shift - 10),
		 params.ias, params.oas);
}

static const struct target apple_dart = {
	.name		= "apple_dart",
	.summary	= "apple-dart: t8103/t6000/t8110 DARTs on io-pgtable-dart, stream TLB flushes",
	.fields		= fields,
	.nr_fields	= NR_FIELDS,
	.setup		= setup,
	.predict	= predict,
	.access_of	= access_of,
	.hw_walk	= hw_walk,
	.dirty_unsupported_ret = drv_no_dirty_ret,
	.driver_config	= driver_config,
	.warn_sites	= dart_warn_sites,
	.device		= &device,
	.class_fields	= class_fields,
	.nr_class_fields = sizeof(class_fields) / sizeof(class_fields[0]),
	.class_name	= class_name,
	.twin		= DRV_TWINS,
};

const struct target *const ptf_target = &apple_dart;
