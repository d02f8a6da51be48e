#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-fuzz.sh - fuzz the kernel's IOMMU page tables with ptfuzz.
#
#   ./run-fuzz.sh [-t SECONDS] [-j LANES] [--strict]
#                                           the main job: build, fuzz every
#                                           target (600 s in all by default,
#                                           one target per core at a time),
#                                           print a summary table and write
#                                           artifacts/report.md
#   ./run-fuzz.sh list                      the targets, one per line
#   ./run-fuzz.sh fuzz [--engine afl] TARGET [-t SECONDS] [-j JOBS] [--strict] [-- ENGINE-ARGS]
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
#   ./run-fuzz.sh kunit FILE...             inputs as KUnit test cases: a patch
#                                           to the tree's own test files
#   ./run-fuzz.sh bench                     make bench: the series' loops, replay speed
#
# KSRC=DIR and BASE_KSRC=DIR select the kernel trees (see README.md);
# PTF_KERNEL_PKG=PKG a Debian tree, built in build/PKG/ (PTF_BUILD=DIR
# picks the build directory).
# A FILE's target comes from its directory (artifacts/TARGET/, corpus/TARGET/)
# or its "target" line; -T TARGET names it otherwise.
# Exit status: 0 clean, 1 a finding, 2 a usage or set-up error.
set -u

top=$(cd "$(dirname "$0")" && pwd)
cd "$top" || exit 2
B=${PTF_BUILD:-build${PTF_KERNEL_PKG:+/$PTF_KERNEL_PKG}}
case $B in /*) ;; *) B=$top/$B ;; esac
# Relative where it can be: make keys its dependency files by the path.
export PTF_BUILD="${B#"$top"/}"
ART=$top/artifacts
DEFAULT_BUDGET=600

die() {
	echo "ptfuzz: $*" >&2
	exit 2
}

help() {
	sed -n '4,31p' "$0" | sed 's/^# \{0,1\}//'
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

# The unit line (make show-units) of target $1.
unit_of() {
	echo "$UNITS" | awk -F'|' -v t="$1" 'index(" " $2 " ", " " t " ") { print; exit }'
}

# "on" or "off" for target $1.
differential_of() {
	unit_of "$1" | awk -F'|' '{ split($3, w, " "); print w[1] }'
}

# Per unit: its targets, whether the differential ran (and why not) and
# the patches applied, failed and not needed; then the units left out.
units_summary() {
	local u
	for u in "$@"; do
		echo "$UNITS" | awk -F'|' -v u="$u" '$1 == u'
	done | sort -u | awk -F'|' '
		$3 == "left out" { printf "%s (%s) left out: %s\n", $1, $2, $4; next }
		{ split($4, p, " ")
		  printf "%s (%s): differential %s\n  patches applied %s; failed %s; not needed %s\n",
			$1, $2, $3, p[2], p[4], p[6] }'
}

# The units of targets $@, and those left out.
units_of_targets() {
	local t
	for t in "$@"; do unit_of "$t" | cut -d'|' -f1; done
	echo "$UNITS" | awk -F'|' '$3 == "left out" { print $1 }'
}

# Goals relative to the top directory, as the Makefile's rules name them.
build() {
	make -s -j"$(nproc)" "${@#"$top"/}" >&2 || die "build failed (see above)"
}

# The compiler, the LLVM tools beside it, and the targets of the trees
# under test: asking sets up the toolchain and the trees.
set_up() {
	local tc
	tc=$(make -s show-toolchain) || exit 2
	CC=${tc% *}
	LLVM_BIN=${tc#* }
	TARGETS=$(make -s list-targets) || exit 2
	UNITS=$(make -s show-units) || exit 2
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
	printf '%-14s %9s %7s %6s %9s %7s %8s %6s %7s %4s  %s\n' "$t" "$execs" "$speed" \
		"${cov:-?}" "$reached/${classes:-?}" "$corpus" "$found" "$known" "$hazards" \
		"$(differential_of "$t")" \
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
	printf '%-14s %9s %7s %6s %9s %7s %8s %6s %7s %4s  %s\n' target execs exec/s cov \
		configs corpus findings known hazards diff "signature"
}

cmd_main() {
	budget=$DEFAULT_BUDGET
	lanes=$(nproc)
	while [ $# -gt 0 ]; do
		case $1 in
		-t) budget=${2:?-t needs SECONDS}; shift 2 ;;
		-j) lanes=${2:?-j needs LANES}; shift 2 ;;
		--strict) export PTF_STRICT=1; shift ;;
		*) usage ;;
		esac
	done
	build all
	n=$(echo $TARGETS | wc -w)
	[ "$lanes" -ge 1 ] || die "-j $lanes: at least one lane"
	[ "$lanes" -le "$n" ] || lanes=$n
	# Every lane fuzzes its share of the targets one after another, so
	# each target gets budget x lanes / targets seconds.
	each=$((budget * lanes / n))
	[ "$each" -ge 1 ] || die "-t $budget is less than a second per target"
	echo "ptfuzz: fuzzing $n targets for ${each}s each, $lanes side by side" >&2
	rows=$(mktemp -d)
	started=$(mktemp)
	lane=0
	while [ "$lane" -lt "$lanes" ]; do
		fuzz_lane "$lane" "$lanes" "$each" "$rows" &
		lane=$((lane + 1))
	done
	wait
	status=0
	[ -z "$(ls "$rows"/*.failed 2>/dev/null)" ] || status=1
	for t in $TARGETS; do
		cat "$rows/$t"
	done >"$rows/all"
	echo
	table_header
	cat "$rows/all"
	write_report "$rows/all" "$started" "$each"
	rm -rf "$rows" "$started"
	echo
	# shellcheck disable=SC2046
	units_summary $(units_of_targets $TARGETS)
	echo
	[ $status = 0 ] && echo "ptfuzz: no finding" || echo "ptfuzz: findings above (artifacts in $ART)"
	return $status
}

# Lane $1 of $2: every $2-th target from the $1-th, for $3 seconds each;
# its rows in $4/TARGET, and $4/TARGET.failed for a target with findings.
fuzz_lane() {
	i=0
	for t in $TARGETS; do
		if [ $((i % $2)) = "$1" ]; then
			fuzz_target "$t" "$3" "" >"$4/$t" || : >"$4/$t.failed"
		fi
		i=$((i + 1))
	done
}

# Die for $2, not a target of these trees: say why if its unit was left out.
not_a_target() {
	local why
	why=$(unit_of "$2" | awk -F'|' '$3 == "left out" { print $1 " left out: " $4 }')
	[ -z "$why" ] || die "$1: $2 is not built for this tree ($why)"
	die "$1: unknown target '$2' (see ./run-fuzz.sh list)"
}

# The main job's report ---------------------------------------------------------
#
# artifacts/report-DATE.md (and artifacts/report.md, the latest): the
# summary table, each target's configuration coverage, kernel line
# coverage (llvm-cov over the corpus and what the run added to it), the
# findings of the run and the documented ones with their signatures and
# the repro / minimize / kunit commands, and coverage over time
# (scripts/cov-plot.sh, from libFuzzer's progress lines).

# Lines of kernel code the corpora of $1 cover: "COVERED TOTAL PERCENT".
report_line_coverage() {
	local t=$1 dir=$B/report-coverage/$1
	rm -rf "$dir" && mkdir -p "$dir"
	LLVM_PROFILE_FILE="$dir/%p.profraw" "$B/cov/bin/$t-run" "$top/corpus/$t" \
		$( [ -d "$B/corpus/$t" ] && echo "$B/corpus/$t") >/dev/null 2>&1 || return 1
	"$LLVM_BIN/llvm-profdata" merge -sparse "$dir"/*.profraw -o "$dir/all.profdata" || return 1
	"$LLVM_BIN/llvm-cov" report "$B/cov/bin/$t-run" -instr-profile="$dir/all.profdata" \
		--ignore-filename-regex='fuzzers/|model/|kernel-shim/|core-extract' |
		awk '$1 == "TOTAL" { printf "%d %d %s\n", $8 - $9, $8, $10 }'
}

# The documented findings: id, target, regression input, signature under
# strict mode, and the fix or upstream commit.
report_known() {
	local p t id sig fix run
	echo "| finding | target | regression input | signature (PTF_STRICT=1) | fix |"
	echo "| --- | --- | --- | --- | --- |"
	for p in "$top"/corpus/regressions/*/*.prog; do
		id=$(sed -n 's/^# Known kernel finding \([a-z0-9-]*\).*/\1/p' "$p")
		[ -n "$id" ] || continue
		t=$(awk '$1 == "target" { print $2; exit }' "$p")
		run=$B/tools/bin/$t-run
		grep -q '^# build: prod$' "$p" && run=$B/prod/bin/$t-run
		"$B/tools/bin/$t-run" -e "$p" >"$B/report-in" 2>/dev/null
		# (in a shell of its own, which reports the abort to /dev/null)
		sig=$(PTF_STRICT=1 sh -c '"$0" "$1" 2>&1' "$run" "$B/report-in" 2>/dev/null |
			sed -n 's/^SUMMARY: //p' | tail -n 1)
		fix=$(awk -v id="$id" '$0 ~ "# " id "$" { print $1 }' "$top/patches/fixes/series")
		echo "| $id | $t | \`${p#$top/}\` | ${sig:-?} | ${fix:+patches/fixes/$fix} |"
	done
}

write_report() {
	local rows=$1 started=$2 each=$3 date rep svg t c f logs="" cov
	date=$(date +%Y%m%d-%H%M%S)
	rep=$ART/report-$date.md
	svg=$ART/report-$date-coverage.svg
	mkdir -p "$ART"
	build cov-bins
	{
		echo "# ptfuzz report, $(date '+%Y-%m-%d %H:%M')"
		echo
		echo "Baseline Linux $(sed -n 's/^BASE_RELEASE := //p' "$B/trees.mk")," \
			"candidate Linux $(sed -n 's/^CAND_RELEASE := //p' "$B/trees.mk");" \
			"${each}s of libFuzzer per target${PTF_STRICT:+, strict}."
		echo
		echo "## Summary"
		echo
		echo '```'
		table_header
		cat "$rows"
		echo '```'
		echo
		echo "## Configuration coverage"
		echo
		echo "The \`configs\` column of the summary: the classes of configuration (\`docs/design.md\`)"
		echo "each target created a domain in, of all it has; the classes not reached are"
		echo "listed under its row (\`build/tools/bin/TARGET-run -l\` lists them all)."
		echo
		echo "## Kernel line coverage"
		echo
		echo "llvm-cov over \`corpus/TARGET\` and what this run added (\`build/corpus/TARGET\`),"
		echo "the kernel sources of both twins (baseline and candidate copies). Per file:"
		echo "\`./run-fuzz.sh coverage TARGET\`."
		echo
		echo "| target | lines covered | of | % |"
		echo "| --- | ---: | ---: | ---: |"
		for t in $TARGETS; do
			cov=$(report_line_coverage "$t") || cov="? ? ?"
			set -- $cov
			echo "| $t | $1 | $2 | $3 |"
		done
		echo
		echo "## Findings of this run"
		echo
		found=0
		# What libFuzzer reported writing, an input found before included.
		for f in $(sed -n 's/^    artifact: //p' "$rows"); do
			found=1
			t=$(basename "$(dirname "$f")")
			echo "- \`$("$B/tools/bin/$t-run" "$f" 2>&1 | sed -n 's/^SUMMARY: //p' | tail -n 1)\`"
			echo "  - input: \`${f#$top/}\`"
			echo "  - repro: \`./run-fuzz.sh repro ${f#$top/}\`"
			echo "  - minimize: \`./run-fuzz.sh minimize ${f#$top/}\`"
			echo "  - KUnit test: \`./run-fuzz.sh kunit ${f#$top/}\`"
		done
		[ $found = 1 ] || echo "None: libFuzzer wrote no crash, leak or timeout artifact."
		echo
		echo "## Documented kernel findings"
		echo
		echo "README.md, \"Findings in the kernel\". For each: \`./run-fuzz.sh repro FILE\`"
		echo "(with \`--strict\` to fail on it), \`./run-fuzz.sh kunit FILE\`, and the fix in"
		echo "\`patches/fixes/\`."
		echo
		report_known
		echo
		echo "## Coverage over time"
		echo
		for t in $TARGETS; do
			f=$(find "$ART/$t" -newer "$started" -path '*/fuzz-*/main.log' 2>/dev/null | sort | tail -n 1)
			[ -n "$f" ] && logs="$logs $t=$f"
		done
		# shellcheck disable=SC2086
		if [ -n "$logs" ] && "$top/scripts/cov-plot.sh" "$svg" $logs; then
			echo "![coverage over time]($(basename "$svg"))"
			echo
			echo "libFuzzer's \`cov\` against seconds since each target's start (\`scripts/cov-plot.sh\`)."
		else
			echo "No chart: no libFuzzer log from this run, or no gnuplot (\`scripts/setup-deps.sh --bench\`)."
		fi
	} >"$rep"
	ln -sf "$(basename "$rep")" "$ART/report.md"
	echo "ptfuzz: report: $rep"
}

cmd_fuzz() {
	local engine=libfuzzer
	if [ "${1:-}" = --engine ]; then
		engine=${2:?--engine needs libfuzzer or afl}
		shift 2
	fi
	t=${1:-}
	is_target "$t" || not_a_target fuzz "$t"
	shift
	secs=$DEFAULT_BUDGET jobs=""
	while [ $# -gt 0 ]; do
		case $1 in
		-t) secs=${2:?-t needs SECONDS}; shift 2 ;;
		-j) jobs=${2:?-j needs JOBS}; shift 2 ;;
		--strict) export PTF_STRICT=1; shift ;;
		--engine) engine=${2:?--engine needs libfuzzer or afl}; shift 2 ;;
		--) shift; break ;;
		*) usage ;;
		esac
	done
	case $engine in
	libfuzzer)
		build "$B/fuzz/bin/$t" "$B/tools/bin/$t-run"
		table_header
		fuzz_target "$t" "$secs" "$jobs" "$@" ;;
	afl)
		[ -z "$jobs" ] || die "fuzz: -j is libFuzzer's; run afl-fuzz instances by hand for more"
		"$top/scripts/setup-deps.sh" --afl || exit 2
		build "$B/afl/bin/$t" "$B/tools/bin/$t-run"
		table_header
		fuzz_target_afl "$t" "$secs" "$@" ;;
	*) die "fuzz: unknown engine '$engine' (libfuzzer or afl)" ;;
	esac
	rc=$?
	echo
	units_summary "$(unit_of "$t" | cut -d'|' -f1)"
	return $rc
}

# AFL++ ---------------------------------------------------------------------------
#
# afl-fuzz on build/afl/bin/TARGET (make afl), seeded with corpus/TARGET, for
# $2 seconds; its queue and crashes in build/afl/TARGET/.  A crash is copied
# to artifacts/TARGET/afl-crash-* and replayed for its signature.  One
# summary row, like fuzz_target's: cov is AFL++'s edges found.
fuzz_target_afl() {
	local t=$1 secs=$2 out=$B/afl/$t art=$ART/$t log stats found=0 c sig="" dict
	shift 2
	log=$art/afl-$(date +%Y%m%d-%H%M%S).log
	mkdir -p "$art"
	rm -rf "$out"
	dict=$top/fuzzers/targets/$t.dict
	AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
	AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1 \
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1 \
		afl-fuzz -i "$top/corpus/$t" -o "$out" -V "$secs" -m none -t 10000 \
		${dict:+-x "$dict"} "$@" -- "$B/afl/bin/$t" >"$log" 2>&1
	rc=$?
	stats=$out/default/fuzzer_stats
	[ -f "$stats" ] || { echo "  afl-fuzz exited $rc without stats: see $log" >&2; return 1; }
	for c in "$out"/default/crashes/id:*; do
		[ -f "$c" ] || continue
		found=$((found + 1))
		cp "$c" "$art/afl-crash-$(sha1sum "$c" | cut -c1-16)"
		[ -n "$sig" ] || sig=$("$B/tools/bin/$t-run" "$c" 2>&1 | sed -n 's/^SUMMARY: //p' | tail -n 1)
	done
	printf '%-14s %7s %8s %6s %7s %9s %6s  %s\n' "$t" \
		"$(awk '$1 == "execs_done" { print $3 }' "$stats")" \
		"$(awk '$1 == "execs_per_sec" { printf "%d", $3 }' "$stats")" \
		"$(awk '$1 == "edges_found" { print $3 }' "$stats")" \
		"$(awk '$1 == "corpus_count" { print $3 }' "$stats")" \
		"$found" "-" "$sig"
	if [ "$found" -gt 0 ]; then
		echo "  artifacts: $art/afl-crash-*" >&2
		echo "  repro:     ./run-fuzz.sh repro $(ls "$art"/afl-crash-* | head -n 1)" >&2
		return 1
	fi
	[ "$rc" = 0 ] || { echo "  afl-fuzz exited $rc: see $log" >&2; return 1; }
	return 0
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
	is_target "$t" || not_a_target merge "$t"
	build "$B/fuzz/bin/$t"
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
	is_target "$t" || not_a_target coverage "$t"
	build "$B/cov/bin/$t-run"
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

# KUnit export ------------------------------------------------------------------
#
# The engine prints the test case (TARGET-run -k NAME, fuzzers/engine/kunit.c)
# with the file it belongs in; here it becomes a patch to that file of the
# default tree (the baseline: the tree without the series).

# $1: the engine's export; $2: the tree's file (scripts/kunit-insert.awk).
kunit_insert() {
	awk -v expfile="$1" -f "$top/scripts/kunit-insert.awk" "$2"
}

# The export of input $2 (target $1) as test $3; prints the tree file's path.
kunit_export() {
	local t=$1 in=$2 name=$3 out=$4 prod=""
	grep -qs '^# build: prod$' "${5:-/dev/null}" && prod=1
	PTF_KUNIT_PROD=$prod "$B/tools/bin/$t-run" -k "$name" "$in" >"$out" 2>"$out.err" ||
		{ grep -m1 '^ptfuzz: kunit' "$out.err" >&2 || cat "$out.err" >&2; return 2; }
	sed -n 's|^// ptfuzz-kunit-file: ||p' "$out"
}

# Several inputs make one patch: their cases go into the file one after another.
cmd_kunit() {
	local f t in name file base tmp files=""
	[ $# -gt 0 ] || die "kunit: which input? ./run-fuzz.sh kunit FILE..."
	for f in "$@"; do
		[ -f "$f" ] || die "kunit: no such file: $f"
	done
	build all
	base=$(sed -n 's/^BASE_TREE := //p' "$B/trees.mk")
	tmp=$(mktemp -d)
	for f in "$@"; do
		t=$(target_of "$f")
		in=$(as_input "$f" "$t")
		name=ptfuzz_$(echo "${t}_$(basename "$f")" | sed 's/\.[a-z]*$//; s/[^a-zA-Z0-9]/_/g')
		file=$(kunit_export "$t" "$in" "$name" "$tmp/export" "$f") || { rm -rf "$tmp"; exit 2; }
		[ -f "$base/$file" ] || { rm -rf "$tmp"; die "kunit: the tree $base has no $file"; }
		new=$tmp/$(echo "$file" | tr / _)
		if [ ! -f "$new" ]; then
			cp "$base/$file" "$new"
			files="$files $file"
		fi
		kunit_insert "$tmp/export" "$new" >"$new.next" ||
			{ rm -rf "$tmp"; die "kunit: $file has no kunit_case array to add the case to"; }
		mv "$new.next" "$new"
		echo "ptfuzz: $name in $file" >&2
	done
	for file in $files; do
		diff -u --label "a/$file" --label "b/$file" "$base/$file" "$tmp/$(echo "$file" | tr / _)"
	done
	rm -rf "$tmp"
	echo "ptfuzz: apply with patch -p1 in the tree; run with" \
		"tools/testing/kunit/kunit.py run --arch=x86_64 --kunitconfig=$top/tests/kunit/ptfuzz.kunitconfig" >&2
	return 0
}

case ${1:-} in
-h|--help|help) help; exit 0 ;;
esac
# The main job draws its report's chart with gnuplot.
case ${1:-} in
""|-t|-j|--strict) "$top/scripts/setup-deps.sh" --bench || exit 2 ;;
*) "$top/scripts/setup-deps.sh" || exit 2 ;;
esac
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
""|-t|-j|--strict) cmd_main "$@" ;;
list) echo "$TARGETS" | tr ' ' '\n' ;;
fuzz) shift; cmd_fuzz "$@" ;;
replay) shift; cmd_replay "$@" ;;
repro) shift; cmd_repro "$@" ;;
failnth) shift; cmd_failnth "$@" ;;
minimize) shift; cmd_minimize "$@" ;;
merge) shift; cmd_merge "$@" ;;
encode) shift; cmd_encode "$@" ;;
coverage) shift; cmd_coverage "$@" ;;
kunit) shift; cmd_kunit "$@" ;;
bench) make -s -j"$(nproc)" bench ;;
*) echo "ptfuzz: unknown command '$1'" >&2; usage ;;
esac
