// SPDX-License-Identifier: GPL-2.0
/*
 * printk formats for the runtime log: standard conversions plus the kernel's
 * %pa/%pad (a phys_addr_t or dma_addr_t passed by reference).  Other %p
 * extensions print the pointer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runtime.h"

/* Format one conversion @spec (from '%' to the conversion letter). */
static int one(char *out, size_t len, const char *spec, size_t n,
	       va_list *ap)
{
	char fmt[32];
	char conv = spec[n - 1];
	int longs = 0, sizet = 0;

	if (n >= sizeof(fmt))
		return snprintf(out, len, "%%?");
	memcpy(fmt, spec, n);
	fmt[n] = '\0';
	for (size_t i = 1; i < n - 1; i++) {
		longs += spec[i] == 'l';
		sizet += spec[i] == 'z' || spec[i] == 't' || spec[i] == 'j';
	}
	switch (conv) {
	case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
		if (longs >= 2)
			return snprintf(out, len, fmt, va_arg(*ap, long long));
		if (longs || sizet)
			return snprintf(out, len, fmt, va_arg(*ap, long));
		return snprintf(out, len, fmt, va_arg(*ap, int));
	case 's':
		return snprintf(out, len, fmt, va_arg(*ap, const char *));
	case 'p':
		return snprintf(out, len, fmt, va_arg(*ap, void *));
	case '%':
		return snprintf(out, len, "%%");
	default:
		return snprintf(out, len, "%s", fmt);
	}
}

void rt_vformat(char *buf, size_t len, const char *fmt, va_list ap)
{
	va_list cur;
	size_t used = 0;

	va_copy(cur, ap);
	while (*fmt && used + 1 < len) {
		size_t n = 1;

		if (*fmt != '%') {
			buf[used++] = *fmt++;
			continue;
		}
		while (fmt[n] && !strchr("diuxXocsp%", fmt[n]))
			n++;
		if (!fmt[n])
			break;
		if (fmt[n] == 'p' && fmt[n + 1] == 'a') {
			const unsigned long long *addr = va_arg(cur, void *);
			size_t skip = fmt[n + 2] == 'd' || fmt[n + 2] == 'p' ? 3 : 2;

			used += snprintf(buf + used, len - used, "0x%llx",
					 addr ? *addr : 0ULL);
			fmt += n + skip;
		} else {
			used += one(buf + used, len - used, fmt, n + 1, &cur);
			/* Other %p extensions: drop their letters. */
			if (fmt[n] == 'p')
				while (fmt[n + 1] >= 'A' && fmt[n + 1] <= 'z' &&
				       strchr("SsFfBbRrMmIiEeUuVKNhDgGCdaxX", fmt[n + 1]))
					n++;
			fmt += n + 1;
		}
		if (used >= len)
			used = len - 1;
	}
	buf[used < len ? used : len - 1] = '\0';
	va_end(cur);
}
