#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/run-tests.sh - the test suite `make check` runs (and CI with it).
#
#   unit        the model's unit tests; program text <-> bytes round trips
#   replay      every corpus through every target; every program of
#               tests/programs/; regressions; known kernel findings clean
#               by default and failing under strict
#   failnth     every allocation of every op of every program, failed in
#               turn (run-fuzz.sh failnth): all predicted by the model
#   selftest    each oracle catches the kernel mutant it exists for
#               (tests/mutants/), and the unmutated candidate passes
#   tools       bad input to our tools: a clear message and exit status 2
#   patches     patches/ is checkpatch-clean and applies in series order
#   smoke       a short fuzzing run of every target (with the classes of
#               configurations it reached, known hits and hazard skips)
#
# PTF_SMOKE_SECONDS (default 20) sets the smoke length; PTF_ONLY=GROUP runs
# one group.  The last line is "N passed, N failed".
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=$top/build
TARGETS=$(make -s list-targets) || exit 2
SMOKE=${PTF_SMOKE_SECONDS:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# Sanitizer reports name functions and lines through the llvm-symbolizer
# beside the compiler (the toolchain probe checked it is there).
TOOLCHAIN=$(make -s show-toolchain) || exit 2
export ASAN_SYMBOLIZER_PATH="${TOOLCHAIN#* }/llvm-symbolizer"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
unset PTF_STRICT PTF_VERBOSE PTF_NO_ORACLES

ok() {
	pass=$((pass + 1))
	echo "PASS $*"
}

ko() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

group() {
	[ -z "${PTF_ONLY:-}" ] || [ "$PTF_ONLY" = "$1" ]
}

# A program file's target.
prog_target() {
	awk '$1 == "target" { print $2; exit }' "$1"
}

# The signature a program expects ("# expect: ORACLE: SIGNATURE").
prog_expect() {
	sed -n 's/^# expect: //p' "$1" | head -n 1
}

# A line its report must hold too ("# expect-report: TEXT"), e.g. which
# sanitizer error.
prog_expect_report() {
	sed -n 's/^# expect-report: //p' "$1" | head -n 1
}

# The replay driver a program asks for: "# build: prod" is generic_pt as
# production kernels build it (no CONFIG_DEBUG_GENERIC_PT).
prog_runner() {
	if grep -q '^# build: prod$' "$1"; then
		echo "$B/prod/bin/$(prog_target "$1")-run"
	else
		echo "$B/tools/bin/$(prog_target "$1")-run"
	fi
}

encode() {
	"$B/tools/bin/$(prog_target "$1")-run" -e "$1" >"$2"
}

# Run $2 (an input) with binary $1; pass if it aborts with "$3".
expect_finding() {
	"$1" "$2" >"$tmp/out" 2>&1 && return 1
	grep -q "^SUMMARY: ptfuzz: [a-z0-9_]*: $3\$" "$tmp/out"
}

# ---------------------------------------------------------------------------
if group unit; then
	if "$B/tools/bin/test_model" >"$tmp/model" 2>&1; then
		ok "unit: model ($(tail -n 1 "$tmp/model"))"
	else
		cat "$tmp/model"
		ko "unit: model ($(tail -n 1 "$tmp/model"))"
	fi
	for p in corpus/regressions/*/*.prog tests/mutants/*.prog tests/programs/*.prog; do
		[ -f "$p" ] || continue
		t=$(prog_target "$p")
		run=$B/tools/bin/$t-run
		# text -> bytes -> text -> bytes must be a fixed point
		if encode "$p" "$tmp/a" && "$run" -p "$tmp/a" >"$tmp/a.prog" &&
		   "$run" -e "$tmp/a.prog" >"$tmp/b" && cmp -s "$tmp/a" "$tmp/b"; then
			ok "unit: round trip $p"
		else
			ko "unit: round trip $p"
		fi
	done
fi

# ---------------------------------------------------------------------------
if group replay; then
	for t in $TARGETS; do
		if "$B/tools/bin/$t-run" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "replay: corpus/$t ($(tail -n 1 "$tmp/out"))"
		else
			tail -n 40 "$tmp/out"
			ko "replay: corpus/$t"
		fi
	done
	for p in tests/programs/*.prog; do
		encode "$p" "$tmp/in" || { ko "replay: encode $p"; continue; }
		if "$(prog_runner "$p")" "$tmp/in" >"$tmp/out" 2>&1; then
			ok "replay: $p"
		else
			tail -n 30 "$tmp/out"
			ko "replay: $p"
		fi
	done
	for p in corpus/regressions/*/*.prog; do
		[ -f "$p" ] || continue
		t=$(prog_target "$p")
		run=$(prog_runner "$p")
		encode "$p" "$tmp/in" || { ko "replay: encode $p"; continue; }
		if "$run" "$tmp/in" >"$tmp/out" 2>&1; then
			ok "replay: $p"
		else
			tail -n 30 "$tmp/out"
			ko "replay: $p"
		fi
		# A known kernel finding must still be there under strict mode.
		id=$(sed -n 's/^# Known kernel finding \([a-z0-9-]*\).*/\1/p' "$p")
		[ -n "$id" ] || continue
		if PTF_STRICT=1 "$run" "$tmp/in" >"$tmp/out" 2>&1; then
			ko "replay: $p passes under PTF_STRICT=1: is $id fixed in this kernel? Retire it from fuzzers/engine/known.c"
		elif grep -q "^known: *$id" "$tmp/out"; then
			ok "replay: $p fails under PTF_STRICT=1 as known finding $id (expected failure)"
		else
			tail -n 30 "$tmp/out"
			ko "replay: $p fails under PTF_STRICT=1, but not as $id"
		fi
	done
fi

# ---------------------------------------------------------------------------
if group failnth; then
	for p in tests/programs/*.prog; do
		encode "$p" "$tmp/in" || { ko "failnth: encode $p"; continue; }
		if "$(prog_runner "$p")" -f "$tmp/in" >"$tmp/out" 2>&1; then
			ok "failnth: $p ($(tail -n 1 "$tmp/out" | sed 's/.*failnth: //'))"
		else
			tail -n 30 "$tmp/out"
			ko "failnth: $p"
		fi
	done
fi

# ---------------------------------------------------------------------------
if group selftest; then
	for p in tests/mutants/*.prog; do
		[ -f "$p" ] || continue
		m=$(basename "$p" .prog)
		t=$(prog_target "$p")
		want=$(prog_expect "$p")
		encode "$p" "$tmp/in" || { ko "selftest: encode $p"; continue; }
		if ! "$B/tools/bin/$t-run" "$tmp/in" >"$tmp/out" 2>&1; then
			tail -n 30 "$tmp/out"
			ko "selftest: $m: the unmutated candidate must pass this program"
			continue
		fi
		mut=$B/tools/bin/$t-run-mut-$m
		report=$(prog_expect_report "$p")
		if [ ! -x "$mut" ]; then
			ko "selftest: $m: $mut was not built"
		elif expect_finding "$mut" "$tmp/in" "$want" &&
		     { [ -z "$report" ] || grep -q -F "$report" "$tmp/out"; }; then
			ok "selftest: $m caught: $want${report:+ ($report)}"
		else
			tail -n 30 "$tmp/out"
			ko "selftest: $m not caught as '$want'"
		fi
	done
fi

# ---------------------------------------------------------------------------
if group tools; then
	sh tests/tools-test.sh "$tmp" && ok "tools: bad input gets a clear message and exit 2" ||
		ko "tools: bad input handling"
fi

# ---------------------------------------------------------------------------
if group patches; then
	sh tests/patches-test.sh "$tmp" >"$tmp/patches.out" 2>&1
	rc=$?
	grep -v '^\(PASS\|FAIL\) ' "$tmp/patches.out"
	sed -n 's/^\(PASS\|FAIL\) /&patches: /p' "$tmp/patches.out"
	pass=$((pass + $(grep -c '^PASS' "$tmp/patches.out")))
	fail=$((fail + $(grep -c '^FAIL' "$tmp/patches.out")))
	[ $rc = 0 ] || ko "patches: the test script itself failed ($rc)"
fi

# ---------------------------------------------------------------------------
if group smoke; then
	for t in $TARGETS; do
		mkdir -p "$tmp/corpus-$t" "$tmp/art-$t"
		if "$B/fuzz/bin/$t" -max_total_time="$SMOKE" -dict="fuzzers/targets/$t.dict" \
			-artifact_prefix="$tmp/art-$t/" -print_final_stats=1 \
			"$tmp/corpus-$t" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "smoke: $t ${SMOKE}s, $(grep -a stat::average_exec_per_sec "$tmp/out" | awk '{print $2}') exec/s, configurations $(grep -a -m1 '^ptfuzz-configs: ' "$tmp/out" | awk '{print $2 "/" $4}'), known $(grep -a '^ptfuzz-known: ' "$tmp/out" | awk '{s += $3} END {print s + 0}'), hazards $(grep -a '^ptfuzz-hazard: ' "$tmp/out" | awk '{s += $3} END {print s + 0}')"
		else
			sed -n '/==== ptfuzz/,/^SUMMARY: ptfuzz/p' "$tmp/out" | head -n 60
			ko "smoke: $t: $(grep -a -m1 '^SUMMARY' "$tmp/out")"
		fi
	done
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
