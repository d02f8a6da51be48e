#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# catch.sh [-s] [SECONDS] [MUTANT...]   (make bench-catch)
#
# How long libFuzzer takes to catch each mutant of tests/mutants/, fuzzing
# its libFuzzer build (build/fuzz/bin/TARGET-mut-NAME) from the checked-in
# corpus of its target, as run-fuzz.sh does (dictionary and options), for
# at most SECONDS (60).  Prints a table: the wall-clock seconds to the
# first finding (process start to exit, so corpus loading included), the
# executions libFuzzer reports, the signature it found and whether that is
# the mutant's own; "-" where nothing was found in time.  Into
# build/bench/catch.csv as well.  With -s, from the seeds only
# (corpus/TARGET/seed-*: one per class of configuration and the
# hand-written ones), into catch-seeds.csv: what fuzzing finds, rather
# than what replaying the corpus finds.  Nothing here is asserted by a
# test.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=$top/build
secs=60
seeds=""
[ "${1:-}" = -s ] && { seeds=1; shift; }
case ${1:-} in
[0-9]*) secs=$1; shift ;;
esac
mutants=$*
[ -n "$mutants" ] || mutants=$(for p in tests/mutants/*.patch; do basename "$p" .patch; done)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$B/bench"
csv=$B/bench/catch${seeds:+-seeds}.csv
echo "mutant,target,twins,seconds,execs,signature,own" >"$csv"
printf '%-32s %-14s %-5s %7s %9s  %s\n' mutant target twins seconds execs signature
for m in $mutants; do
	p=tests/mutants/$m.prog
	# Of a branch the twins compile out (tests/core32.c catches it).
	grep -q '^# core32: only' "$p" && continue
	t=$(awk '$1 == "target" { print $2; exit }' "$p")
	want=$(sed -n 's/^# expect: //p' "$p" | head -n 1)
	both=$(sed -n 's/^# twins: //p' "$p" | head -n 1)
	both=${both:-cand}
	bin=$B/fuzz/bin/$t-mut-$m
	[ -x "$bin" ] || { echo "ptfuzz: $bin not built (make mutant-fuzz-bins)" >&2; exit 2; }
	rm -rf "$tmp/work" "$tmp/art" "$tmp/seeds" && mkdir -p "$tmp/work" "$tmp/art"
	from=corpus/$t
	if [ -n "$seeds" ]; then
		mkdir -p "$tmp/seeds" && cp corpus/"$t"/seed-* "$tmp/seeds/"
		from=$tmp/seeds
	fi
	opts=$(sed -n '/^\[libfuzzer\]/,/^\[/{s/^\([a-z_]*\) *= *\(.*\)/-\1=\2/p}' \
		"fuzzers/targets/$t.options" 2>/dev/null)
	start=$(date +%s.%N)
	# shellcheck disable=SC2086
	"$bin" $opts -dict="fuzzers/targets/$t.dict" -max_total_time="$secs" \
		-print_final_stats=1 -artifact_prefix="$tmp/art/" \
		"$tmp/work" "$from" >"$tmp/log" 2>&1
	end=$(date +%s.%N)
	got=$(grep -a -m1 '^SUMMARY: ptfuzz' "$tmp/log" | sed 's/^SUMMARY: ptfuzz: [a-z0-9_]*: //')
	[ -n "$got" ] || got=$(grep -a -m1 '^SUMMARY: ' "$tmp/log" | sed 's/^SUMMARY: //')
	execs=$(grep -a -o '^#[0-9]*' "$tmp/log" | tail -n 1 | tr -d '#')
	if [ -n "$(find "$tmp/art" -type f)" ]; then
		took=$(echo "$start $end" | awk '{ printf "%.1f", $2 - $1 }')
	else
		took=- got=-
	fi
	own=no
	[ "$got" = "$want" ] && own=yes
	printf '%-32s %-14s %-5s %7s %9s  %s%s\n' "$m" "$t" "$both" "$took" \
		"${execs:-0}" "$got" "$([ $own = yes ] || [ "$got" = - ] || echo ' (not its own)')"
	echo "$m,$t,$both,$took,${execs:-0},\"$got\",$own" >>"$csv"
done
echo "catch.csv: $csv"
