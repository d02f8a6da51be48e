#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# find-clang.sh [--install] [--cache DIR] [--cc CC] VARIANT...
#
# The toolchain probe.  Each VARIANT is "NAME|KERNEL-FLAGS|HARNESS-FLAGS|LINK-FLAGS",
# the flags one build variant of the Makefile passes (the Makefile is their
# only source).  A compiler passes when, for every variant, it builds two
# twins of a kernel-style object the way the Makefile does (ld -r, nm,
# objcopy --redefine-syms), links them into one binary and runs it: the
# twins' static data stays apart, and with ASan an overflow of either
# twin's global is caught.  The coverage variant must also yield a profile
# that the llvm-profdata and llvm-cov next to the compiler can read, and
# ASan needs the llvm-symbolizer there.
#
# Prints "CC LLVM_BIN" on success.  Otherwise prints "error: REASON" (one
# line, for the Makefile to report) and exits 2.  --cc checks only that
# compiler; without it, the newest clang on PATH that passes is chosen, and
# with --install, clang-19 is installed from Debian when none passes.
# Results are cached in DIR, keyed by the compiler and the flags.
set -u

here=$(cd "$(dirname "$0")" && pwd)
install=0 cache="" only=""
while [ $# -gt 0 ]; do
	case $1 in
	--install) install=1; shift ;;
	--cache) cache=$2; shift 2 ;;
	--cc) only=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "error: find-clang.sh: no build variant to probe"; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The twin object: a static table (ASan puts it in a COMDAT group named
# after the module's exported symbols unless told otherwise), a function
# sancov instruments, and an accessor.
cat >"$tmp/twin.c" <<'EOF'
static int table[16];
int *volatile table_ptr = table;	/* past UBSan's bounds check, to ASan */
int twin_set(int i, int v) { table[i] = v; return table[0]; }
int twin_get(int i) { return table_ptr[i]; }
EOF
# Set each twin's table apart, then read @argv past one twin's table.
cat >"$tmp/main.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
int ptf_a__twin_set(int, int), ptf_b__twin_set(int, int);
int ptf_a__twin_get(int), ptf_b__twin_get(int);
static int probe(const char *arg)
{
	ptf_a__twin_set(0, 1);
	ptf_b__twin_set(0, 2);
	if (ptf_a__twin_get(0) != 1 || ptf_b__twin_get(0) != 2)
		return 3;
	if (arg[0] == 'a')
		return ptf_a__twin_get(atoi(arg + 1));
	if (arg[0] == 'b')
		return ptf_b__twin_get(atoi(arg + 1));
	return 0;
}
#ifdef PROBE_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char arg[8] = { 0 };
	for (size_t i = 0; i < size && i < 7; i++)
		arg[i] = data[i];
	if (probe(arg))
		abort();
	return 0;
}
#else
int main(int argc, char **argv)
{
	return probe(argc > 1 ? argv[1] : "");
}
#endif
EOF

# Run the probe binary $1 with argument $2 ("", "a16", "b16") as main
# $3 runs it; its output goes to $d/run.out.
run_probe() {
	if [ "$3" = libfuzzer ]; then
		printf '%s' "$2" >"$tmp/input"
		"$1" "$tmp/input" >"$d/run.out" 2>&1
	else
		"$1" "$2" >"$d/run.out" 2>&1
	fi
}

why=""
lacks() {
	why=$*
	return 1
}

# One variant: NAME|KFLAGS|HFLAGS|LDFLAGS.
probe_variant() {
	cc=$1 spec=$2
	name=${spec%%|*}; rest=${spec#*|}
	kflags=${rest%%|*}; rest=${rest#*|}
	hflags=${rest%%|*}; ldflags=${rest#*|}
	main=standalone
	case " $ldflags " in *" -fsanitize=fuzzer "*) main=libfuzzer ;; esac
	d=$tmp/$name
	mkdir -p "$d"
	for t in a b; do
		# shellcheck disable=SC2086
		"$cc" $kflags -c "$tmp/twin.c" -o "$d/twin.o" 2>"$d/err" ||
			lacks "cannot compile kernel code with the $name flags ($(head -n 1 "$d/err"))" || return 1
		ld -r -o "$d/raw.o" "$d/twin.o" 2>"$d/err" ||
			lacks "'ld -r' failed ($(head -n 1 "$d/err"))" || return 1
		nm --defined-only -g "$d/raw.o" | awk -v t=$t '{ print $3, "ptf_" t "__" $3 }' >"$d/syms"
		objcopy --redefine-syms="$d/syms" "$d/raw.o" "$d/twin-$t.o" 2>"$d/err" ||
			lacks "'objcopy --redefine-syms' failed ($(head -n 1 "$d/err"))" || return 1
	done
	def=""
	[ $main = libfuzzer ] && def=-DPROBE_LIBFUZZER
	# shellcheck disable=SC2086
	"$cc" $hflags $def -c "$tmp/main.c" -o "$d/main.o" 2>"$d/err" ||
		lacks "cannot compile harness code with the $name flags ($(head -n 1 "$d/err"))" || return 1
	# shellcheck disable=SC2086
	"$cc" $ldflags -o "$d/bin" "$d/main.o" "$d/twin-a.o" "$d/twin-b.o" 2>"$d/err" ||
		lacks "cannot link the two twins of the $name variant ($(grep -m1 -E 'error|undefined|discarded' "$d/err" || head -n 1 "$d/err"))" ||
		return 1
	LLVM_PROFILE_FILE="$d/probe.profraw" run_probe "$d/bin" "" $main ||
		lacks "the twins of the $name variant share their static data" || return 1
	case " $kflags " in
	*" -fsanitize=address"*)
		for t in a b; do
			if run_probe "$d/bin" "${t}16" $main ||
			   ! grep -q 'global-buffer-overflow' "$d/run.out"; then
				lacks "ASan misses an overflow of a twin's global in the $name variant"
				return 1
			fi
		done ;;
	esac
	case " $kflags " in
	*" -fprofile-instr-generate "*)
		[ -x "$llvm_bin/llvm-profdata" ] && [ -x "$llvm_bin/llvm-cov" ] ||
			lacks "no llvm-profdata and llvm-cov in $llvm_bin (the $name variant needs them)" || return 1
		"$llvm_bin/llvm-profdata" merge -sparse "$d/probe.profraw" -o "$d/probe.profdata" 2>"$d/err" &&
			"$llvm_bin/llvm-cov" report "$d/bin" -instr-profile="$d/probe.profdata" >/dev/null 2>>"$d/err" ||
			lacks "llvm-profdata/llvm-cov in $llvm_bin cannot read its profiles ($(head -n 1 "$d/err"))" || return 1 ;;
	esac
	return 0
}

# Check $1 against every variant; sets $why on failure.
probe_cc() {
	cc=$1
	shift
	path=$(command -v "$cc" 2>/dev/null) || lacks "CC=$cc: not found" || return 1
	"$cc" --version >/dev/null 2>&1 || lacks "CC=$cc cannot be run" || return 1
	"$cc" --version | grep -q clang || lacks "CC=$cc is not clang (ptfuzz needs libFuzzer and clang's sanitizers)" || return 1
	llvm_bin=$(dirname "$(realpath "$path")")
	[ -x "$llvm_bin/llvm-symbolizer" ] ||
		lacks "CC=$cc has no llvm-symbolizer in $llvm_bin (ASan and UBSan reports need it)" || return 1
	key=""
	if [ -n "$cache" ]; then
		key=$({ realpath "$path"; ls -l "$(realpath "$path")"; "$cc" --version; cat "$0"; printf '%s\n' "$@"; } |
			sha256sum | cut -c1-16)
		if [ -f "$cache/$key" ]; then
			cat "$cache/$key"
			return 0
		fi
	fi
	for spec in "$@"; do
		probe_variant "$cc" "$spec" || { why="CC=$cc: $why"; return 1; }
	done
	if [ -n "$key" ]; then
		mkdir -p "$cache"
		echo "$cc $llvm_bin" >"$cache/$key"
	fi
	echo "$cc $llvm_bin"
}

if [ -n "$only" ]; then
	probe_cc "$only" "$@" && exit 0
	echo "error: $why"
	exit 2
fi

# The newest clang that passes.
search() {
	first_why=""
	for v in 22 21 20 19 18 17 16 15 14 ""; do
		cc=clang${v:+-$v}
		command -v "$cc" >/dev/null 2>&1 || continue
		probe_cc "$cc" "$@" && return 0
		[ -n "$first_why" ] || first_why=$why
	done
	why=${first_why:-no clang on PATH}
	return 1
}

search "$@" && exit 0
if [ $install = 1 ]; then
	echo "ptfuzz: no installed clang can build ptfuzz ($why); installing clang-19" >&2
	"$here/setup-deps.sh" clang-19 libclang-rt-19-dev llvm-19 >&2 ||
		{ echo "error: no installed clang can build ptfuzz ($why), and clang-19 could not be installed (see above)"; exit 2; }
	search "$@" && exit 0
fi
echo "error: no installed clang can build ptfuzz: $why; install clang-19 (Debian: apt-get install -y clang-19 libclang-rt-19-dev llvm-19) or pass CC="
exit 2
