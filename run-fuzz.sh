#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-fuzz.sh - fuzz the kernel's IOMMU page tables with ptfuzz.
#
#   ./run-fuzz.sh [-t SECONDS] [--strict]   the main job: build, fuzz every
#                                           target (600 s in all by default),
#                                           print a summary table
#   ./run-fuzz.sh list                      the targets, one per line
#   ./run-fuzz.sh fuzz TARGET [-t SECONDS] [-j JOBS] [--strict] [-- LIBFUZZER-ARGS]
#   ./run-fuzz.sh replay [TARGET|FILE|DIR]  run inputs once (default: every
#                                           corpus through every target)
#   ./run-fuzz.sh repro FILE                decode an input and run it, tracing
#                                           every op and its results
#   ./run-fuzz.sh failnth FILE              fail allocation 1, 2, ... of every op
#                                           in turn (iommufd's fail_nth)
#   ./run-fuzz.sh minimize FILE             shrink a crashing input
#   ./run-fuzz.sh merge TARGET              fold the work corpus into corpus/
#   ./run-fuzz.sh encode PROGRAM            text program -> input bytes
#   ./run-fuzz.sh coverage TARGET           line coverage of the kernel code
#   ./run-fuzz.sh bench                     make bench: the series' loops, replay speed
#
# KSRC=DIR and BASE_KSRC=DIR select the kernel trees (see README.md).
# A FILE's target comes from its directory (artifacts/TARGET/, corpus/TARGET/)
# or its "target" line; -T TARGET names it otherwise.
# Exit status: 0 clean, 1 a finding, 2 a usage or set-up error.
set -u

top=$(cd "$(dirname "$0")" && pwd)
cd "$top" || exit 2
B=$top/build
ART=$top/artifacts
DEFAULT_BUDGET=600

die() {
	echo "ptfuzz: $*" >&2
	exit 2
}

help() {
	sed -n '4,25p' "$0" | sed 's/^# \{0,1\}//'
}

usage() {
	help >&2
	exit 2
}

# Helpers keep their variables local: callers loop over targets too.
is_target() {
	local it
	for it in $TARGETS; do [ "$it" = "$1" ] && return 0; done
	return 1
}

# Make goals are paths relative to the top directory.
build() {
	make -s -j"$(nproc)" "$@" >&2 || die "build failed (see above)"
}

# The compiler, the LLVM tools beside it, and the targets of the trees
# under test: asking sets up the toolchain and the trees.
set_up() {
	local tc
	tc=$(make -s show-toolchain) || exit 2
	CC=${tc% *}
	LLVM_BIN=${tc#* }
	TARGETS=$(make -s list-targets) || exit 2
	# Sanitizer reports name functions and lines through llvm-symbolizer.
	export ASAN_SYMBOLIZER_PATH="$LLVM_BIN/llvm-symbolizer"
}
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# The target an input belongs to: -T, its directory, or its "target" line.
target_of() {
	local part
	if [ -n "$opt_target" ]; then
		echo "$opt_target"
		return
	fi
	for part in $(dirname "$(realpath "$1")" | tr '/' ' '); do
		is_target "$part" && { echo "$part"; return; }
	done
	part=$(awk '$1 == "target" { print $2; exit }' "$1" 2>/dev/null)
	is_target "${part:-none}" && { echo "$part"; return; }
	die "cannot tell which target $1 is for: pass -T TARGET"
}

# Text programs are encoded first; anything else is an input already.
as_input() {
	if head -c 4096 "$1" | grep -q '^target '; then
		out=$B/encoded/$(basename "$1").bin
		mkdir -p "$B/encoded"
		"$B/tools/bin/$2-run" -e "$1" >"$out" || die "cannot encode $1"
		echo "$out"
	else
		echo "$1"
	fi
}

libfuzzer_opts() {
	t=$1
	echo "-dict=$top/fuzzers/targets/$t.dict"
	sed -n '/^\[libfuzzer\]/,/^\[/{s/^\([a-z_]*\) *= *\(.*\)/-\1=\2/p}' \
		"$top/fuzzers/targets/$t.options" 2>/dev/null
}

# Fuzz one target for $2 seconds with $3 jobs; prints one summary row, and
# below it the known findings and hazards per id and every artifact with
# its repro command.  Counts come from what libFuzzer and ptfuzz printed
# (with -jobs, each worker's fuzz-N.log), not from files in artifacts/: an
# input found again has the same name and would not count.
fuzz_target() {
	t=$1 secs=$2 jobs=$3
	shift 3
	work=$B/corpus/$t
	art=$ART/$t
	logs=$art/fuzz-$(date +%Y%m%d-%H%M%S)
	log=$logs/main.log
	mkdir -p "$work" "$art" "$logs"
	# With -jobs, libFuzzer writes each worker's fuzz-N.log where it runs.
	rundir=$top
	[ -n "$jobs" ] && rundir=$logs
	# shellcheck disable=SC2046
	(cd "$rundir" && exec "$B/fuzz/bin/$t" $(libfuzzer_opts "$t") -max_total_time="$secs" \
		-print_final_stats=1 -artifact_prefix="$art/" \
		${jobs:+-jobs=$jobs -workers=$jobs} "$@" \
		"$work" "$top/corpus/$t") >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 10
		last=$(cat "$logs"/*.log | grep -a -E '^#[0-9]+' | tail -n 1)
		[ -n "$last" ] && printf '  %-9s %s\n' "$t" "$(echo "$last" | cut -c1-100)" >&2
	done
	wait "$pid"
	rc=$?
	all=$logs/all.txt
	cat "$logs"/*.log >"$all"
	execs=$(grep -a 'stat::number_of_executed_units' "$all" | awk '{s += $2} END {print s + 0}')
	speed=$(grep -a 'stat::average_exec_per_sec' "$all" | awk '{s += $2} END {print s + 0}')
	cov=$(grep -a -o 'cov: [0-9]*' "$all" | sort -t' ' -k2 -n | tail -n 1 | awk '{print $2}')
	corpus=$(ls "$work" | wc -l)
	arts=$(grep -a -o 'Test unit written to .*' "$all" | sed 's/^Test unit written to //')
	found=$(echo "$arts" | grep -c . || true)
	known=$(grep -a '^ptfuzz-known: ' "$all" | awk '{s += $3} END {print s + 0}')
	hazards=$(grep -a '^ptfuzz-hazard: ' "$all" | awk '{s += $3} END {print s + 0}')
	reached=$(grep -a '^ptfuzz-config: ' "$all" | sort -u | wc -l)
	classes=$(grep -a -m1 '^ptfuzz-configs: ' "$all" | awk '{print $4}')
	printf '%-14s %9s %7s %6s %9s %7s %8s %6s %7s  %s\n' "$t" "$execs" "$speed" \
		"${cov:-?}" "$reached/${classes:-?}" "$corpus" "$found" "$known" "$hazards" \
		"$(grep -a -m1 '^SUMMARY: ' "$all" | sed 's/^SUMMARY: //' || true)"
	for kind in known hazard; do
		per=$(grep -a "^ptfuzz-$kind: " "$all" |
			awk '{n[$2] += $3} END {for (i in n) printf "%s %s, ", i, n[i]}')
		[ -n "$per" ] && echo "    $kind: ${per%, }"
	done
	for a in $arts; do
		echo "    artifact: $a"
		echo "    repro:    ./run-fuzz.sh repro $a"
	done
	[ "$found" -gt 0 ] && echo "    log:      $logs/"
	if [ "$found" -gt 0 ]; then
		return 1
	fi
	if [ "$rc" != 0 ]; then
		echo "    libFuzzer exited $rc without an artifact: see $logs/"
		return 1
	fi
	# Configurations never reached, so that a gap is visible.
	if [ -n "$classes" ] && [ "$reached" -lt "$classes" ]; then
		grep -a '^ptfuzz-config: ' "$all" | sed 's/^ptfuzz-config: //' | sort -u >"$logs/reached"
		"$B/tools/bin/$t-run" -l | sort | comm -23 - "$logs/reached" >"$logs/missing"
		echo "    not reached: $(head -n 8 "$logs/missing" | tr '\n' ' ')$([ "$(wc -l <"$logs/missing")" -gt 8 ] && echo ...)"
	fi
	return 0
}

table_header() {
	printf '%-14s %9s %7s %6s %9s %7s %8s %6s %7s  %s\n' target execs exec/s cov \
		configs corpus findings known hazards "signature"
}

cmd_main() {
	budget=$DEFAULT_BUDGET
	while [ $# -gt 0 ]; do
		case $1 in
		-t) budget=${2:?-t needs SECONDS}; shift 2 ;;
		--strict) export PTF_STRICT=1; shift ;;
		*) usage ;;
		esac
	done
	build all
	n=$(echo $TARGETS | wc -w)
	each=$((budget / n))
	[ "$each" -ge 1 ] || die "-t $budget is less than a second per target"
	echo "ptfuzz: fuzzing $n targets for ${each}s each" >&2
	rows=$(mktemp)
	status=0
	for t in $TARGETS; do
		fuzz_target "$t" "$each" "" >>"$rows" || status=1
	done
	echo
	table_header
	cat "$rows"
	rm -f "$rows"
	echo
	[ $status = 0 ] && echo "ptfuzz: no finding" || echo "ptfuzz: findings above (artifacts in $ART)"
	return $status
}

cmd_fuzz() {
	t=${1:-}
	is_target "$t" || die "fuzz: unknown target '${t}' (see ./run-fuzz.sh list)"
	shift
	secs=$DEFAULT_BUDGET jobs=""
	while [ $# -gt 0 ]; do
		case $1 in
		-t) secs=${2:?-t needs SECONDS}; shift 2 ;;
		-j) jobs=${2:?-j needs JOBS}; shift 2 ;;
		--strict) export PTF_STRICT=1; shift ;;
		--) shift; break ;;
		*) usage ;;
		esac
	done
	build "build/fuzz/bin/$t" "build/tools/bin/$t-run"
	table_header
	fuzz_target "$t" "$secs" "$jobs" "$@"
}

cmd_replay() {
	build all
	if [ $# = 0 ]; then
		for t in $TARGETS; do
			"$B/tools/bin/$t-run" "$top/corpus/$t" || return 1
		done
		return 0
	fi
	if is_target "$1"; then
		"$B/tools/bin/$1-run" "$top/corpus/$1" ${2:+"$2"}
		return
	fi
	[ -e "$1" ] || die "replay: no such target, file or directory: $1"
	if [ -d "$1" ]; then
		t=$(target_of "$1/x")
		"$B/tools/bin/$t-run" "$1"
	else
		t=$(target_of "$1")
		"$B/tools/bin/$t-run" "$(as_input "$1" "$t")"
	fi
}

cmd_repro() {
	[ -f "${1:-}" ] || die "repro: no such file: ${1:-}"
	build all
	t=$(target_of "$1")
	"$B/tools/bin/$t-run" -v "$(as_input "$1" "$t")"
}

cmd_failnth() {
	[ -f "${1:-}" ] || die "failnth: no such file: ${1:-}"
	build all
	t=$(target_of "$1")
	"$B/tools/bin/$t-run" -f "$(as_input "$1" "$t")"
}

cmd_minimize() {
	[ -f "${1:-}" ] || die "minimize: no such file: ${1:-}"
	build all
	t=$(target_of "$1")
	in=$(as_input "$1" "$t")
	out=$ART/$t/minimized-$(basename "$in")
	mkdir -p "$ART/$t"
	# Keep the bug we were given: other findings are not crashes meanwhile.
	sig=$("$B/tools/bin/$t-run" "$in" 2>&1 | sed -n 's/^SUMMARY: \(ptfuzz: .*\)/\1/p' | tail -n 1)
	[ -n "$sig" ] || die "minimize: $1 does not fail on $t (a known finding? try --strict)"
	echo "minimizing: $sig" >&2
	PTF_ONLY_SIGNATURE=$sig "$B/fuzz/bin/$t" -minimize_crash=1 -max_total_time="${2:-60}" \
		-exact_artifact_path="$out" "$in" >"$out.log" 2>&1
	[ -f "$out" ] || die "minimize: libFuzzer could not reproduce it (see $out.log)"
	echo "minimized: $out ($(wc -c <"$out") bytes, was $(wc -c <"$in"))"
	"$B/tools/bin/$t-run" -p "$out"
	echo "repro: ./run-fuzz.sh repro $out"
}

cmd_merge() {
	t=${1:-}
	is_target "$t" || die "merge: unknown target '${t}'"
	build "build/fuzz/bin/$t"
	mkdir -p "$B/corpus/$t"
	"$B/fuzz/bin/$t" -merge=1 "$top/corpus/$t" "$B/corpus/$t" 2>&1 | tail -n 2
	echo "corpus/$t: $(ls "$top/corpus/$t" | wc -l) inputs, $(du -sk "$top/corpus/$t" | cut -f1) KiB"
}

cmd_encode() {
	[ -f "${1:-}" ] || die "encode: no such file: ${1:-}"
	build all
	t=$(target_of "$1")
	"$B/tools/bin/$t-run" -e "$1"
}

cmd_coverage() {
	t=${1:-}
	is_target "$t" || die "coverage: unknown target '${t}'"
	build "build/cov/bin/$t-run"
	# The profile format follows the compiler: the probe found these.
	prof=$LLVM_BIN/llvm-profdata
	cov=$LLVM_BIN/llvm-cov
	dir=$B/coverage/$t
	rm -rf "$dir" && mkdir -p "$dir"
	LLVM_PROFILE_FILE="$dir/%p.profraw" "$B/cov/bin/$t-run" "$top/corpus/$t" \
		${2:+"$2"} >/dev/null || die "coverage: the corpus does not run clean"
	"$prof" merge -sparse "$dir"/*.profraw -o "$dir/all.profdata"
	"$cov" report "$B/cov/bin/$t-run" -instr-profile="$dir/all.profdata" \
		--ignore-filename-regex='fuzzers/|model/|kernel-shim/|core-extract' |
		grep -E 'drivers/iommu|^TOTAL|^Filename'
	"$cov" show "$B/cov/bin/$t-run" -instr-profile="$dir/all.profdata" \
		-format=html -output-dir="$dir/html" >/dev/null 2>&1 &&
		echo "html: $dir/html/index.html"
}

case ${1:-} in
-h|--help|help) help; exit 0 ;;
esac
"$top/scripts/setup-deps.sh" || exit 2
set_up
opt_target=""
if [ "${1:-}" = --strict ] && [ $# -gt 1 ]; then
	export PTF_STRICT=1
	shift
fi
if [ "${1:-}" = -T ]; then
	opt_target=${2:?-T needs TARGET}
	is_target "$opt_target" || die "unknown target '$opt_target'"
	shift 2
fi
case ${1:-} in
""|-t|--strict) cmd_main "$@" ;;
list) echo "$TARGETS" | tr ' ' '\n' ;;
fuzz) shift; cmd_fuzz "$@" ;;
replay) shift; cmd_replay "$@" ;;
repro) shift; cmd_repro "$@" ;;
failnth) shift; cmd_failnth "$@" ;;
minimize) shift; cmd_minimize "$@" ;;
merge) shift; cmd_merge "$@" ;;
encode) shift; cmd_encode "$@" ;;
coverage) shift; cmd_coverage "$@" ;;
bench) make -s -j"$(nproc)" bench ;;
*) echo "ptfuzz: unknown command '$1'" >&2; usage ;;
esac
