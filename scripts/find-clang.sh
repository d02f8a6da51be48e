#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print the newest clang on PATH that can link a libFuzzer binary with
# ASan and UBSan; print nothing (exit 2) if there is none.  With an
# argument, check only that compiler.
set -u

works() {
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' |
		"$1" -fsanitize=fuzzer,address,undefined -x c - -o /dev/null >/dev/null 2>&1
}

if [ $# -gt 0 ]; then
	works "$1" && { echo "$1"; exit 0; }
	exit 2
fi
for v in 22 21 20 19 18 17 16 15 14 ""; do
	cc=clang${v:+-$v}
	command -v "$cc" >/dev/null 2>&1 || continue
	if works "$cc"; then
		echo "$cc"
		exit 0
	fi
done
exit 2
