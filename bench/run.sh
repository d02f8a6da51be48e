#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh BUILD_DIR "FAMILY..." TARGET...
#
# What `make bench` runs, into BUILD_DIR/bench:
#
#   BUILD_DIR/fast/bin/bench-FAMILY  VFIO's and iommufd's ioctls before and
#                                    after the series      -> bench.csv
#   BUILD_DIR/fast/bin/bench-FAMILY-fup  VFIO's unmap with patches/followups/,
#                                    for each FAMILY of $PTF_BENCH_FUP
#                                                          -> bench-fup.csv
#   bench/lookups.sh                 software walks of a plain lookup on
#                                    arm-smmu and msm      -> lookups.csv
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

# VFIO's unmap in one table: (a) and (b) from CSV $1, (c) from CSV $2.
vfio_abc() {
	echo
	echo "VFIO_IOMMU_UNMAP_DMA (vfio_unmap_unpin): (a) Linux 7.3, (b) the series (patches/0024), (c) the series and patches/followups/ (the lookup that ends a run starts the next)"
	awk -F, 'function size(v) {
			if (v >= 2^30 && v % 2^30 == 0) return v / 2^30 "G"
			if (v >= 2^20 && v % 2^20 == 0) return v / 2^20 "M"
			return v / 1024 "K"
		}
		BEGIN { f = "%-19s %4s %6s %-10s %7s %7s | %8s %8s %8s | %10s %10s %10s | %s\n"
			printf f, "format", "leaf", "region", "PAs", "leaves", "runs", "walks a",
			       "walks b", "walks c", "time a us", "time b us", "time c us", "check" }
		FNR == 1 || $1 != "vfio_unmap" { next }
		{ k = $3 FS $4 FS $5 FS $6 }
		NR == FNR { b[k] = $11; tb[k] = $18; ok[k] = $20; next }
		k in b { printf f, $3, size($4), size($5), $6, $8, $9, $10, b[k], $11,
			 sprintf("%.1f", $17 / 1e3), sprintf("%.1f", tb[k] / 1e3),
			 sprintf("%.1f", $18 / 1e3), ok[k] == "ok" && $20 == "ok" ? "ok" : "FAIL" }' "$1" "$2"
}

for f in $families; do
	"$build/fast/bin/bench-$f" -o "$out/bench-$f.csv"
	rc=$?
	[ $rc -le 1 ] || exit $rc
	[ $rc = 0 ] || status=1
	csvs="$csvs $out/bench-$f.csv"
done
# (c): the follow-ups, VFIO's unmap only (the only caller they change).
fups=""
for f in ${PTF_BENCH_FUP:-}; do
	"$build/fast/bin/bench-$f-fup" -c vfio_unmap -o "$out/bench-$f-fup.csv"
	rc=$?
	[ $rc -le 1 ] || exit $rc
	[ $rc = 0 ] || status=1
	fups="$fups $out/bench-$f-fup.csv"
	vfio_abc "$out/bench-$f.csv" "$out/bench-$f-fup.csv"
done
if [ -n "$fups" ]; then
	# shellcheck disable=SC2086
	awk 'NR == 1 || FNR > 1' $fups >"$out/bench-fup.csv"
fi
# Issue 15's "two walks for one lookup": the drivers that translate in hardware.
"$top/bench/lookups.sh" "$build" "$out/lookups.csv" || status=1
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
echo "results: $out/bench.csv${fups:+ $out/bench-fup.csv} $out/lookups.csv $out/throughput.csv"
exit $status
