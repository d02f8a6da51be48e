/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fdp.h - reading an input as a stream of choices, and writing one.
 *
 * Like libFuzzer's FuzzedDataProvider, but in C and with an exact inverse:
 * every value the decoder can produce has an encoding (a "literal" choice),
 * so a readable program can be turned back into the bytes that decode to
 * it.  Past the end of the input every read returns zeros.
 */
#ifndef PTF_FDP_H
#define PTF_FDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fdp {
	const uint8_t *data;
	size_t size;
	size_t pos;
};

static inline bool fdp_empty(const struct fdp *f)
{
	return f->pos >= f->size;
}

static inline uint8_t fdp_u8(struct fdp *f)
{
	return f->pos < f->size ? f->data[f->pos++] : 0;
}

/* A choice among @n (n <= 256). */
static inline unsigned int fdp_pick(struct fdp *f, unsigned int n)
{
	return n ? fdp_u8(f) % n : 0;
}

static inline uint64_t fdp_uint(struct fdp *f, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < bytes; i++)
		v |= (uint64_t)fdp_u8(f) << (8 * i);
	return v;
}

/* The writing side, for the encoder. */
struct fdp_out {
	uint8_t *buf;
	size_t len, cap;
};

void fdp_put_u8(struct fdp_out *o, uint8_t b);
void fdp_put_uint(struct fdp_out *o, uint64_t v, unsigned int bytes);

#endif /* PTF_FDP_H */
