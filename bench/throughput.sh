#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# throughput.sh BUILD_DIR CSV TARGET...
#
# How fast each target runs inputs, as a user replaying them sees it: the
# checked-in corpus (corpus/TARGET, the same inputs from run to run) is
# replayed LOOPS times in one process, and the best of REPS such runs is
# kept.  Each target is measured with ASan + UBSan (BUILD_DIR/tools) and
# without (BUILD_DIR/fast: -O2), each with the oracles on and off (-n).
# BENCH_LOOPS and BENCH_REPS change LOOPS (10) and REPS (3).
set -u

build=${1:?usage: throughput.sh BUILD_DIR CSV TARGET...}
csv=${2:?usage: throughput.sh BUILD_DIR CSV TARGET...}
shift 2
loops=${BENCH_LOOPS:-10}
reps=${BENCH_REPS:-3}

now_ns() {
	date +%s%N
}

# Best wall time, in ns, of REPS runs of "$@".
best_ns() {
	best=""
	for _ in $(seq "$reps"); do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || return 1
		t=$(($(now_ns) - t0))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
			best=$t
		fi
	done
	echo "$best"
}

# Inputs per second of replaying TARGET's corpus of INPUTS files LOOPS
# times: BIN TARGET INPUTS [-n].
exec_per_s() {
	bin=$1 t=$2 inputs=$3
	shift 3
	# shellcheck disable=SC2046
	ns=$(best_ns "$bin" "$@" $(seq "$loops" | sed "s|.*|corpus/$t|")) || {
		echo "bench: $bin $* corpus/$t fails: see ./run-fuzz.sh replay $t" >&2
		return 1
	}
	awk -v n="$((inputs * loops))" -v ns="$ns" \
		'BEGIN { printf "%.0f\n", n / (ns / 1e9) }'
}

status=0
echo "build,target,oracles,inputs,loops,exec_per_s" >"$csv"
printf '\nReplay of corpus/TARGET, %s passes in one process, best of %s (exec/s)\n' \
	"$loops" "$reps"
printf '%-14s %6s | %12s %12s %8s | %12s %12s %8s\n' target inputs \
	"ASan+UBSan" "no oracles" "cost" "-O2" "no oracles" "cost"
for t in "$@"; do
	if [ ! -d "corpus/$t" ]; then
		printf '%-14s no corpus/%s to replay\n' "$t" "$t"
		continue
	fi
	inputs=$(find "corpus/$t" -type f | wc -l)
	row=""
	for variant in tools fast; do
		bin=$build/$variant/bin/$t-run
		if ! on=$(exec_per_s "$bin" "$t" "$inputs") ||
		   ! off=$(exec_per_s "$bin" "$t" "$inputs" -n); then
			status=1
			row="$row - - -"
			continue
		fi
		echo "$variant,$t,on,$inputs,$loops,$on" >>"$csv"
		echo "$variant,$t,off,$inputs,$loops,$off" >>"$csv"
		# The oracles' cost: how many times longer a replay takes with them.
		row="$row $on $off $(awk -v on="$on" -v off="$off" \
			'BEGIN { printf "%.2fx", off / on }')"
	done
	# shellcheck disable=SC2086
	printf '%-14s %6s | %12s %12s %8s | %12s %12s %8s\n' "$t" "$inputs" $row
done
exit $status
