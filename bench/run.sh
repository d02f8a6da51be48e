#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh BUILD_DIR "FAMILY..." TARGET...
#
# What `make bench` runs, into BUILD_DIR/bench:
#
#   BUILD_DIR/fast/bin/bench-FAMILY  VFIO's and iommufd's ioctls before and
#                                    after the series      -> bench.csv
#   bench/throughput.sh              replay speed of every
#                                    target                -> throughput.csv
#   bench/plot.sh                    charts (gnuplot)      -> walks.svg, time.svg
#
# Exit status: 1 if a check of the bench failed or a replay did not run
# clean, 2 if the bench could not run, 0 otherwise.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: run.sh BUILD_DIR "FAMILY..." TARGET...}
families=${2?usage: run.sh BUILD_DIR "FAMILY..." TARGET...}
shift 2
cd "$top" || exit 2
out=$build/bench
mkdir -p "$out"

status=0
csvs=""
for f in $families; do
	"$build/fast/bin/bench-$f" -o "$out/bench-$f.csv"
	rc=$?
	[ $rc -le 1 ] || exit $rc
	[ $rc = 0 ] || status=1
	csvs="$csvs $out/bench-$f.csv"
done
# One CSV for all families, under the first one's header.
if [ -n "$csvs" ]; then
	# shellcheck disable=SC2086
	awk 'NR == 1 || FNR > 1' $csvs >"$out/bench.csv"
else
	echo "bench: no before and after to compare: the callers need both units with the differential on (make show-units)" >&2
	: >"$out/bench.csv"
fi
"$top/bench/throughput.sh" "$build" "$out/throughput.csv" "$@" || status=1
echo
if [ -z "$csvs" ]; then
	:
elif "$top/scripts/setup-deps.sh" --bench; then
	"$top/bench/plot.sh" "$out/bench.csv" "$out" || status=1
else
	echo "bench: no gnuplot, so no charts" >&2
fi
echo "results: $out/bench.csv $out/throughput.csv"
exit $status
