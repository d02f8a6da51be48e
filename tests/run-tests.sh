#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/run-tests.sh - the test suite `make check` runs (and CI with it).
#
#   unit        the model's unit tests; program text <-> bytes round trips;
#               the core's lookups with a 32-bit phys_addr_t (core32.c),
#               and the mutants they must catch
#   replay      every corpus through every target, and again in name and
#               reverse order with each input's trace compared (determinism);
#               every program of tests/programs/; regressions; known kernel
#               findings clean by default and failing under strict
#   failnth     every allocation of every op of every program, failed in
#               turn (run-fuzz.sh failnth): all predicted by the model
#   selftest    each oracle catches the kernel mutant it exists for
#               (tests/mutants/), and the unmutated candidate passes
#   tools       bad input to our tools: a clear message and exit status 2;
#               ClusterFuzzLite's build.sh for one target, run over its seeds
#   trees       trees the port does not fit (tests/trees-test.sh): a
#               unit with the differential off, a unit left out
#   patches     patches/ is checkpatch-clean and applies in series order;
#               patches/followups/ likewise on top of it, and the targets
#               they change replay and fuzz clean with them
#   fixes       patches/fixes/ likewise, and each fix turns its findings'
#               regression inputs clean (strict) in both twins
#   kunit       every regression input exports as a KUnit test case that
#               applies to the default tree and compiles in a full one
#   afl         one target built with afl++ runs a few seconds under afl-fuzz
#   smoke       a short fuzzing run of every target (with the classes of
#               configurations it reached, known hits and hazard skips)
#
# PTF_JOBS (default: the core count) groups run side by side, their
# reports printed in the order above.  PTF_SMOKE_SECONDS (default 20) sets
# the smoke length, PTF_SMOKE_SEED (default 1) libFuzzer's seed: a fixed
# one makes the runs the same mutations on every machine, as far as their
# speed takes them (0: a new seed each run); PTF_ONLY=GROUP runs
# one group; PTF_TARGETS="T ..." runs only the tests of those targets
# (their corpora, programs, regressions, mutants and smoke runs).  A
# regression input marked "# tree: X.Y" runs only on Linux X.Y (it is
# skipped elsewhere).  The last line is "N passed, N failed";
# a line before it counts the skipped tests, if any.
set -u
# The makes run here are our own: not the jobserver of a make that ran us.
unset MAKEFLAGS MFLAGS

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${PTF_BUILD:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
# Relative where it can be: make keys its dependency files by the path.
export PTF_BUILD="${B#"$top"/}"
# What make knows, asked once (a parse of the Makefile takes half a
# minute): the jobs below inherit it.
if [ -z "${PTF_RUN_TARGETS:-}" ]; then
	PTF_RUN_TARGETS=$(make -s list-targets) || exit 2
	PTF_RUN_UNITS=$(make -s show-units) || exit 2
	PTF_RUN_TOOLCHAIN=$(make -s show-toolchain) || exit 2
	export PTF_RUN_TARGETS PTF_RUN_UNITS PTF_RUN_TOOLCHAIN
fi
TARGETS=$PTF_RUN_TARGETS
if [ -n "${PTF_TARGETS:-}" ]; then
	# One line, as make prints it: prog_wanted() matches " $TARGETS ".
	TARGETS=$(for t in $TARGETS; do
		case " $PTF_TARGETS " in *" $t "*) echo "$t" ;; esac
	done | paste -sd' ' -)
fi
UNITS=$PTF_RUN_UNITS
RELEASE=$(sed -n 's/^BASE_RELEASE := //p' "$B/trees.mk")
SMOKE=${PTF_SMOKE_SECONDS:-20}
SMOKE_SEED=${PTF_SMOKE_SEED:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0

# Sanitizer reports name functions and lines through the llvm-symbolizer
# beside the compiler (the toolchain probe checked it is there).
TOOLCHAIN=$PTF_RUN_TOOLCHAIN
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

skipped() {
	skip=$((skip + 1))
	echo "SKIP $*"
}

group() {
	[ -z "${PTF_ONLY:-}" ] || [ "$PTF_ONLY" = "$1" ]
}

# The tree a regression input is for ("# tree: 6.1"), or nothing: any.
prog_tree() {
	sed -n 's/^# tree: //p' "$1" | head -n 1
}

for_this_tree() {
	want=$(prog_tree "$1")
	case $RELEASE in "$want".*|"$want") return 0 ;; esac
	[ -z "$want" ]
}

# "on" or "off" for target $1's unit.
differential_of() {
	echo "$UNITS" | awk -F'|' -v t="$1" 'index(" " $2 " ", " " t " ") { split($3, w, " "); print w[1]; exit }'
}

# A program file's target.
prog_target() {
	awk '$1 == "target" { print $2; exit }' "$1"
}

# Is program file $1 for one of the targets run (PTF_TARGETS)?
prog_wanted() {
	[ -f "$1" ] || return 1
	[ -z "${PTF_TARGETS:-}" ] && return 0
	case " $TARGETS " in *" $(prog_target "$1") "*) return 0 ;; esac
	return 1
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
# With more than one core the groups run side by side: PTF_JOBS jobs at a
# time (default: the core count), each this script with PTF_ONLY set, the
# smoke runs shared out over SMOKE_SHARDS jobs by target.  The reports are
# printed in the order below, each with its wall time, and the counts
# summed; the longest jobs are started first.
JOBS_IN_ORDER="unit replay failnth selftest tools trees patches fixes kunit afl"
SMOKE_SHARDS=2

# Job $1 (a group, or smoke.K: the K-th share of the smoke runs) into $2.
run_job() {
	case $1 in
	smoke.*)
		k=${1#smoke.}
		mine=$(echo $TARGETS | tr ' ' '\n' | awk -v k="$k" -v n="$SMOKE_SHARDS" 'NR % n == k - 1' | paste -sd' ' -)
		set -- "$1" "$2" smoke "$mine" ;;
	*)	set -- "$1" "$2" "$1" "${PTF_TARGETS:-}" ;;
	esac
	start=$(date +%s)
	PTF_ONLY=$3 PTF_TARGETS=$4 PTF_JOBS=1 sh "$top/tests/run-tests.sh" >"$2/$1.out" 2>&1
	echo "# $1: $(($(date +%s) - start)) s" >>"$2/$1.out"
}

run_jobs() {
	smoke=$(seq 1 "$SMOKE_SHARDS" | sed 's/^/smoke./' | paste -sd' ' -)
	# Longest first, as measured (README: make check's time).
	echo "tools trees $smoke fixes failnth kunit afl replay selftest unit patches" |
		tr ' ' '\n' | xargs -P "$1" -I{} sh "$top/tests/run-tests.sh" --job {} "$tmp"
	for j in $JOBS_IN_ORDER $smoke; do
		if [ ! -f "$tmp/$j.out" ]; then
			ko "$j: the job did not run"
			continue
		fi
		grep -v '^[0-9]* passed, [0-9]* failed$\|^[0-9]* skipped (the SKIP' "$tmp/$j.out"
		counts=$(tail -n 2 "$tmp/$j.out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
		[ -n "$counts" ] || { ko "$j: the job ended without its counts"; continue; }
		pass=$((pass + ${counts% *}))
		fail=$((fail + ${counts#* }))
		skip=$((skip + $(grep -c '^SKIP ' "$tmp/$j.out")))
	done
}

if [ "${1:-}" = --job ]; then
	run_job "$2" "$3"
	exit 0
fi
if [ -z "${PTF_ONLY:-}" ] && [ "${PTF_JOBS:-$(nproc)}" -gt 1 ]; then
	run_jobs "${PTF_JOBS:-$(nproc)}"
	[ "$skip" = 0 ] || echo "$skip skipped (the SKIP lines above say why)"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
fi

# ---------------------------------------------------------------------------
if group unit; then
	if "$B/tools/bin/test_model" >"$tmp/model" 2>&1; then
		ok "unit: model ($(tail -n 1 "$tmp/model"))"
	else
		cat "$tmp/model"
		ko "unit: model ($(tail -n 1 "$tmp/model"))"
	fi
	# The core's lookups with a 32-bit phys_addr_t, on each tree, and
	# the mutants they must catch ("# core32: caught" or "only").
	for tw in base cand; do
		if "$B/tools/bin/core32-$tw" >"$tmp/core32" 2>&1; then
			ok "unit: core32 $tw ($(tail -n 1 "$tmp/core32"))"
		else
			cat "$tmp/core32"
			ko "unit: core32 $tw"
		fi
	done
	for p in $(grep -l '^# core32: \(caught\|only\)' tests/mutants/*.prog); do
		m=$(basename "$p" .prog)
		if [ "$(differential_of "$(prog_target "$p")")" != on ]; then
			skipped "unit: core32 $m: $(prog_target "$p") runs with the differential off on this tree"
		elif [ ! -x "$B/tools/bin/core32-mut-$m" ]; then
			ko "unit: core32 $m: $B/tools/bin/core32-mut-$m was not built"
		elif "$B/tools/bin/core32-mut-$m" >"$tmp/core32" 2>&1; then
			ko "unit: core32 does not catch mutant $m"
		else
			ok "unit: core32 catches mutant $m ($(head -n 1 "$tmp/core32"))"
		fi
	done
	for p in corpus/regressions/*/*.prog tests/mutants/*.prog tests/programs/*.prog; do
		prog_wanted "$p" || continue
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
# Split the -v trace $1 of many inputs into $2/NAME, one file per input.
split_trace() {
	mkdir -p "$2"
	awk -v d="$2" '/^# .*: [0-9]+ bytes$/ {
		if (f) close(f)
		f = $2; sub(/:$/, "", f); sub(/.*\//, "", f); f = d "/" f
	} { print > f }' "$1"
}

# Determinism: corpus/$1 replayed in name order, then in a new process in
# reverse order, gives each input the same -v trace (every op's result and
# notes, the verdict), byte for byte: no randomness, and no state carried
# from one input to the next (libFuzzer runs them all in one process).
# The comparison must see a planted difference: one input's bytes under
# another's name.
determinism_check() {
	t=$1 d=$tmp/det run=$B/tools/bin/$1-run
	rm -rf "$d"
	mkdir -p "$d"
	set -- "corpus/$t"/*
	rev=$(printf '%s\n' "$@" | sort -r)
	# shellcheck disable=SC2086 # corpus file names are hashes
	"$run" -v "$@" >"$d/fwd" 2>/dev/null && "$run" -v $rev >"$d/rev" 2>/dev/null ||
		{ ko "replay: corpus/$t -v in name and reverse order"; return; }
	split_trace "$d/fwd" "$d/a"
	split_trace "$d/rev" "$d/b"
	n=$(ls "$d/a" | wc -l)
	mkdir -p "$d/planted/corpus/$t"
	cp "$1" "$d/planted/$2"
	(cd "$d/planted" && "$run" -v "$2") >"$d/planted.out" 2>/dev/null
	split_trace "$d/planted.out" "$d/p"
	if [ "$n" != $# ] || [ "$(ls "$d/b" | wc -l)" != $# ]; then
		ko "replay: determinism of corpus/$t: $# inputs, $n traces"
	elif ! diff -r "$d/a" "$d/b" >"$d/diff"; then
		head -n 40 "$d/diff"
		ko "replay: corpus/$t is not deterministic: $(grep -c '^diff' "$d/diff") inputs' traces differ between two replays"
	elif [ $# -gt 1 ] && cmp -s "$d/a/$(basename "$2")" "$d/p/$(basename "$2")"; then
		ko "replay: determinism of corpus/$t: the comparison misses a planted difference"
	else
		ok "replay: corpus/$t deterministic: $# inputs, each -v trace byte-identical in name and reverse order ($(wc -c <"$d/fwd") bytes)"
	fi
}

if group replay; then
	for t in $TARGETS; do
		if "$B/tools/bin/$t-run" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "replay: corpus/$t ($(tail -n 1 "$tmp/out"))"
		else
			tail -n 40 "$tmp/out"
			ko "replay: corpus/$t"
		fi
		determinism_check "$t"
	done
	for p in tests/programs/*.prog; do
		prog_wanted "$p" || continue
		encode "$p" "$tmp/in" || { ko "replay: encode $p"; continue; }
		if "$(prog_runner "$p")" "$tmp/in" >"$tmp/out" 2>&1; then
			ok "replay: $p"
		else
			tail -n 30 "$tmp/out"
			ko "replay: $p"
		fi
	done
	for p in corpus/regressions/*/*.prog; do
		prog_wanted "$p" || continue
		[ -f "$p" ] || continue
		if ! for_this_tree "$p"; then
			skipped "replay: $p (for Linux $(prog_tree "$p"); this tree is Linux $RELEASE)"
			continue
		fi
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
		if PTF_STRICT=$id "$run" "$tmp/in" >"$tmp/out" 2>&1; then
			ko "replay: $p passes under PTF_STRICT=$id: is $id fixed in this kernel? Retire it from fuzzers/engine/known.c"
		elif grep -q "^known: *$id" "$tmp/out"; then
			ok "replay: $p fails under PTF_STRICT=$id as known finding $id (expected failure)"
		else
			tail -n 30 "$tmp/out"
			ko "replay: $p fails under PTF_STRICT=$id, but not as $id"
		fi
	done
fi

# ---------------------------------------------------------------------------
if group failnth; then
	for p in tests/programs/*.prog; do
		prog_wanted "$p" || continue
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
		prog_wanted "$p" || continue
		[ -f "$p" ] || continue
		m=$(basename "$p" .prog)
		t=$(prog_target "$p")
		want=$(prog_expect "$p")
		# Of a branch the twins compile out: the unit group's core32 runs it.
		grep -q '^# core32: only' "$p" && continue
		if [ "$(differential_of "$t")" != on ]; then
			skipped "selftest: $m: $t runs with the differential off on this tree (mutants are of the candidate)"
			continue
		fi
		encode "$p" "$tmp/in" || { ko "selftest: encode $p"; continue; }
		# A follow-up's mutant (# twins: followups) is of their twin.
		unmut=$B/tools/bin/$t-run
		grep -q '^# twins: followups' "$p" && unmut=$unmut-fup
		if ! "$unmut" "$tmp/in" >"$tmp/out" 2>&1; then
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
# ClusterFuzzLite's build without Docker: .clusterfuzzlite/build.sh as the
# service runs it (SRC, WORK, OUT, CC, CFLAGS, LIB_FUZZING_ENGINE), for one
# target, on this build (no flags but ours: nothing is rebuilt), then its
# binary from $OUT over its unzipped seed corpus, with its dictionary.
cflite_check() {
	t=$1 d=$tmp/cflite
	rm -rf "$d"
	mkdir -p "$d/src" "$d/work" "$d/out" "$d/seeds"
	start=$(date +%s)
	if ! SRC=$d/src WORK=$d/work OUT=$d/out CC=${TOOLCHAIN% *} CFLAGS='' \
		LIB_FUZZING_ENGINE=-fsanitize=fuzzer PTF_TARGETS=$t \
		.clusterfuzzlite/build.sh >"$d/build.out" 2>&1; then
		tail -n 20 "$d/build.out"
		ko "tools: ClusterFuzzLite build.sh of $t"
		return
	fi
	secs=$(($(date +%s) - start))
	for f in "$t" "$t.dict" "$t.options" "${t}_seed_corpus.zip"; do
		[ -s "$d/out/$f" ] || { ko "tools: ClusterFuzzLite build.sh left no \$OUT/$f"; return; }
	done
	seeds=$(ls "corpus/$t" | wc -l)
	if ! cmp -s "$d/out/$t" "$B/fuzz/bin/$t"; then
		ko "tools: ClusterFuzzLite's \$OUT/$t is not this build's $B/fuzz/bin/$t"
	elif ! grep -q '^\[libfuzzer\]' "$d/out/$t.options"; then
		ko "tools: \$OUT/$t.options has no [libfuzzer] section"
	elif ! unzip -q "$d/out/${t}_seed_corpus.zip" -d "$d/seeds" ||
	     [ "$(ls "$d/seeds" | wc -l)" != "$seeds" ]; then
		ko "tools: \$OUT/${t}_seed_corpus.zip does not hold the $seeds inputs of corpus/$t"
	elif "$d/out/$t" -runs=0 -dict="$d/out/$t.dict" "$d/seeds" >"$d/run.out" 2>&1 &&
	     grep -q "^INFO: seed corpus: files: $seeds " "$d/run.out"; then
		ok "tools: ClusterFuzzLite build.sh ($secs s) put $t, its .dict, .options and $seeds seeds into \$OUT; \$OUT/$t ran them clean"
	else
		tail -n 20 "$d/run.out"
		ko "tools: \$OUT/$t over its $seeds seeds"
	fi
}

if group tools; then
	sh tests/tools-test.sh "$tmp" && ok "tools: bad input gets a clear message and exit 2" ||
		ko "tools: bad input handling"
	if [ -n "$TARGETS" ]; then
		case " $TARGETS " in *" arm_v7s "*) t=arm_v7s ;; *) t=${TARGETS%% *} ;; esac
		cflite_check "$t"
	fi
fi

# ---------------------------------------------------------------------------
if group trees; then
	sh tests/trees-test.sh "$tmp" >"$tmp/trees.out" 2>&1
	rc=$?
	grep -v '^\(PASS\|FAIL\) ' "$tmp/trees.out"
	grep '^\(PASS\|FAIL\) ' "$tmp/trees.out"
	pass=$((pass + $(grep -c '^PASS' "$tmp/trees.out")))
	fail=$((fail + $(grep -c '^FAIL' "$tmp/trees.out")))
	[ $rc = 0 ] || ko "trees: the test script itself failed ($rc)"
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
	# patches/followups/: the targets of the units they touch (make's
	# TARGET-run-fup and TARGET-fup, the follow-ups as the candidate) replay
	# their corpus and regression inputs clean, and fuzz clean a few seconds.
	fup_targets=""
	for t in $TARGETS; do
		[ -x "$B/tools/bin/$t-run-fup" ] && fup_targets="$fup_targets $t"
	done
	# Unless PTF_TARGETS leaves them out, a follow-up has targets.
	[ -n "$fup_targets" ] || [ -n "${PTF_TARGETS:-}" ] ||
		! grep -q '^[^#]' patches/followups/series ||
		ko "patches: followups: no target has a replay driver built with them (make fup-bins)"
	for t in $fup_targets; do
		run=$B/tools/bin/$t-run-fup
		if "$run" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "patches: followups: corpus/$t ($(tail -n 1 "$tmp/out"))"
		else
			tail -n 40 "$tmp/out"
			ko "patches: followups: corpus/$t"
		fi
		for p in corpus/regressions/"$t"/*.prog; do
			[ -f "$p" ] && for_this_tree "$p" || continue
			if encode "$p" "$tmp/in" && "$run" "$tmp/in" >"$tmp/out" 2>&1; then
				ok "patches: followups: $p"
			else
				tail -n 30 "$tmp/out"
				ko "patches: followups: $p"
			fi
		done
		secs=${PTF_FUP_SMOKE_SECONDS:-3}
		mkdir -p "$tmp/fupcorpus-$t" "$tmp/fupart-$t"
		if "$B/fuzz/bin/$t-fup" -max_total_time="$secs" -dict="fuzzers/targets/$t.dict" \
			-artifact_prefix="$tmp/fupart-$t/" "$tmp/fupcorpus-$t" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "patches: followups: $t: ${secs}s of fuzzing, clean"
		else
			sed -n '/==== ptfuzz/,/^SUMMARY: ptfuzz/p' "$tmp/out" | head -n 60
			ko "patches: followups: $t, fuzzing: $(grep -a -m1 '^SUMMARY' "$tmp/out")"
		fi
	done
fi

# ---------------------------------------------------------------------------
# patches/fixes/: clean and applicable; with the series up to a fix in both
# twins' trees, the regression inputs of the findings it names pass with
# those findings strict (PTF_STRICT=ID: a known finding the fix is not
# for, such as one every input of its target meets, stays a note); with
# all of it, a short strict fuzz run of each target is clean.
fix_runner() {
	if grep -q '^# build: prod$' "$2"; then
		echo "$B/prod/bin/$(prog_target "$2")-run-fix-$1"
	else
		echo "$B/tools/bin/$(prog_target "$2")-run-fix-$1"
	fi
}

if group fixes; then
	sh tests/fixes-test.sh "$tmp" >"$tmp/fixes.out" 2>&1
	grep -v '^\(PASS\|FAIL\) ' "$tmp/fixes.out"
	sed -n 's/^\(PASS\|FAIL\) /&fixes: /p' "$tmp/fixes.out"
	pass=$((pass + $(grep -c '^PASS' "$tmp/fixes.out")))
	fail=$((fail + $(grep -c '^FAIL' "$tmp/fixes.out")))
	fix_lines=$(sed -n 's/^\([0-9]\{4\}\)-[^[:space:]]*[[:space:]]*#[[:space:]]*\(.*\)/\1 \2/p' patches/fixes/series)
	echo "$fix_lines" | while read -r n ids; do
		for id in $ids; do
			regs=$(grep -l "^# Known kernel finding $id\b" corpus/regressions/*/*.prog)
			[ -n "$regs" ] || echo "FAIL fixes: $n names $id, which has no regression input"
			for p in $regs; do
				prog_wanted "$p" && for_this_tree "$p" || continue
				run=$(fix_runner "$n" "$p")
				if [ -z "$run" ] || [ ! -x "$run" ]; then
					echo "FAIL fixes: $n: no replay driver for $p (${run:-a prod input needs the last fix})"
				elif encode "$p" "$tmp/in" && PTF_STRICT=$id "$run" "$tmp/in" >"$tmp/out" 2>&1; then
					echo "PASS fixes: with $n, $p passes under PTF_STRICT=$id ($id fixed)"
				else
					tail -n 30 "$tmp/out"
					echo "FAIL fixes: with $n, $p still fails under PTF_STRICT=$id"
				fi
			done
		done
	done >"$tmp/fixrun.out"
	cat "$tmp/fixrun.out"
	pass=$((pass + $(grep -c '^PASS' "$tmp/fixrun.out")))
	fail=$((fail + $(grep -c '^FAIL' "$tmp/fixrun.out")))
	secs=${PTF_FIX_SMOKE_SECONDS:-3}
	# Strict for the findings the series fixes; others stay known.
	fixed_ids=$(echo "$fix_lines" | cut -d' ' -f2- | tr ' ' '\n' | grep . | paste -sd, -)
	for t in $TARGETS; do
		mkdir -p "$tmp/fixcorpus-$t" "$tmp/fixart-$t"
		if PTF_STRICT=$fixed_ids "$B/fuzz/bin/$t-fix-all" -max_total_time="$secs" \
			-dict="fuzzers/targets/$t.dict" -artifact_prefix="$tmp/fixart-$t/" \
			"$tmp/fixcorpus-$t" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "fixes: $t with every fix: ${secs}s of strict fuzzing, clean"
		else
			sed -n '/==== ptfuzz/,/^SUMMARY: ptfuzz/p' "$tmp/out" | head -n 60
			ko "fixes: $t with every fix, strict fuzzing: $(grep -a -m1 '^SUMMARY' "$tmp/out")"
		fi
	done
fi

# ---------------------------------------------------------------------------
# KUnit export: every regression input becomes a test case that applies to
# the default tree and compiles there, in a configured and prepared full
# tree (scripts/kunit-tree.sh): all of them at once, each object once.
if group kunit; then
	base=$(sed -n 's/^BASE_TREE := //p' "$B/trees.mk")
	if kt=$(scripts/kunit-tree.sh "$B"); then
		ksrc=${kt% *} kout=${kt#* }
		mkdir -p "$tmp/kunit"
		for p in corpus/regressions/*/*.prog; do
			prog_wanted "$p" || continue
			for_this_tree "$p" || continue
			t=$(prog_target "$p")
			# The tree's KUnit suites are io-pgtable's and generic_pt's.
			case $(echo "$UNITS" | awk -F'|' -v t="$t" 'index(" " $2 " ", " " t " ") { print $1; exit }') in
			iopgtable|genpt) ;;
			*) skipped "kunit: $p: the tree has no KUnit suite for $t"; continue ;;
			esac
			name=ptfuzz_$(echo "${t}_$(basename "$p" .prog)" | sed 's/[^a-zA-Z0-9]/_/g')
			prod=$(grep -q '^# build: prod$' "$p" && echo 1 || true)
			encode "$p" "$tmp/in" || { ko "kunit: encode $p"; continue; }
			PTF_KUNIT_PROD=$prod "$B/tools/bin/$t-run" -k "$name" "$tmp/in" \
				>"$tmp/kunit/export" 2>"$tmp/kunit/why"
			if [ $? = 2 ] && grep -q 'no KUnit suite' "$tmp/kunit/why"; then
				skipped "kunit: $p: $(sed 's/^ptfuzz: kunit: //' "$tmp/kunit/why")"
				continue
			fi
			rm -f "$tmp/kunit/one.patch"
			[ -s "$tmp/kunit/export" ] &&
			f=$(sed -n 's|^// ptfuzz-kunit-file: ||p' "$tmp/kunit/export") &&
			cum=$tmp/kunit/$(echo "$f" | tr / _) &&
			{ [ -f "$cum" ] || cp "$ksrc/$f" "$cum"; } &&
			awk -v expfile="$tmp/kunit/export" -f scripts/kunit-insert.awk "$base/$f" >"$tmp/kunit/one" &&
			diff -u --label "a/$f" --label "b/$f" "$base/$f" "$tmp/kunit/one" >"$tmp/kunit/one.patch"
			if [ $? = 1 ] && patch -s --dry-run -p1 -d "$base" <"$tmp/kunit/one.patch" &&
			   awk -v expfile="$tmp/kunit/export" -f scripts/kunit-insert.awk "$cum" >"$cum.new" &&
			   mv "$cum.new" "$cum"; then
				ok "kunit: $p exports as $name, a patch to $f of the default tree"
			else
				ko "kunit: $p does not export to a patch of the default tree"
			fi
		done
		# The io-pgtable suite, and generic_pt's once per format the
		# configuration builds (the mock needs CONFIG_IOMMUFD_TEST: not here).
		objs="drivers/iommu/io-pgtable-arm-selftests.o"
		for fmt in amdv1 vtdss x86_64 riscv64; do
			grep -q "^CONFIG_IOMMU_PT_$(echo "$fmt" | tr a-z A-Z)=y" "$kout/.config" &&
				objs="$objs drivers/iommu/generic_pt/fmt/kunit_iommu_$fmt.o"
		done
		cp "$tmp/kunit/drivers_iommu_io-pgtable-arm-selftests.c" "$ksrc/drivers/iommu/io-pgtable-arm-selftests.c"
		cp "$tmp/kunit/drivers_iommu_generic_pt_kunit_iommu_pt.h" "$ksrc/drivers/iommu/generic_pt/kunit_iommu_pt.h"
		for o in $objs; do
			if make -s -C "$ksrc" O="$kout" ARCH=x86_64 "$o" >"$tmp/out" 2>&1; then
				ok "kunit: every exported test compiles: $o (x86_64, ptfuzz.kunitconfig)"
			else
				tail -n 30 "$tmp/out"
				ko "kunit: the exported tests do not compile: $o"
			fi
		done
		cp "$B/kunit/linux/drivers/iommu/io-pgtable-arm-selftests.c" "$ksrc/drivers/iommu/"
		cp "$B/kunit/linux/drivers/iommu/generic_pt/kunit_iommu_pt.h" "$ksrc/drivers/iommu/generic_pt/"
	else
		ko "kunit: no prepared kernel tree to compile the exported tests in (above)"
	fi
fi

# ---------------------------------------------------------------------------
# AFL++ from the same harness: one target (make afl-check-bin) under
# afl-fuzz for a few seconds, through run-fuzz.sh.
if group afl; then
	if ./run-fuzz.sh fuzz --engine afl arm_v7s -t "${PTF_AFL_SECONDS:-5}" >"$tmp/afl" 2>&1 &&
	   execs=$(awk '$1 == "arm_v7s" { print $2 }' "$tmp/afl") && [ "${execs:-0}" -gt 0 ]; then
		ok "afl: arm_v7s under afl-fuzz ${PTF_AFL_SECONDS:-5}s: $execs execs, $(awk '$1 == "arm_v7s" { print $4 }' "$tmp/afl") edges, clean"
	else
		tail -n 20 "$tmp/afl"
		ko "afl: arm_v7s under afl-fuzz"
	fi
fi

# ---------------------------------------------------------------------------
if group smoke; then
	for t in $TARGETS; do
		mkdir -p "$tmp/corpus-$t" "$tmp/art-$t"
		if "$B/fuzz/bin/$t" -max_total_time="$SMOKE" -seed="$SMOKE_SEED" \
			-dict="fuzzers/targets/$t.dict" \
			-artifact_prefix="$tmp/art-$t/" -print_final_stats=1 \
			"$tmp/corpus-$t" "corpus/$t" >"$tmp/out" 2>&1; then
			ok "smoke: $t ${SMOKE}s, $(grep -a stat::average_exec_per_sec "$tmp/out" | awk '{print $2}') exec/s, configurations $(grep -a -m1 '^ptfuzz-configs: ' "$tmp/out" | awk '{print $2 "/" $4}'), known $(grep -a '^ptfuzz-known: ' "$tmp/out" | awk '{s += $3} END {print s + 0}'), hazards $(grep -a '^ptfuzz-hazard: ' "$tmp/out" | awk '{s += $3} END {print s + 0}')"
		else
			# The report, repeated log lines once, and the input.
			sed -n '/==== ptfuzz/,/^SUMMARY: ptfuzz/p' "$tmp/out" |
				awk '$0 == last { n++; next }
				     n { print "    (the line above " n " more times)"; n = 0 }
				     { print; last = $0 }' | head -n 80
			grep -a -m1 '^Base64: ' "$tmp/out" |
				sed "s|^Base64: \(.*\)|input: echo \1 \| base64 -d >crash; $B/tools/bin/$t-run -v crash|"
			ko "smoke: $t: $(grep -a -m1 '^SUMMARY' "$tmp/out")"
		fi
	done
fi

# The closing line keeps its exact form for CI; skips are said before it.
[ "$skip" = 0 ] || echo "$skip skipped (the SKIP lines above say why)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
