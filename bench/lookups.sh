#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# lookups.sh BUILD_DIR CSV - what a plain lookup costs the drivers that
# translate in hardware: the software walks (calls into the io-pgtable's
# lookup op, counted by the twins: fuzzers/twins/soft-walks.h) of each
# lookup op of the programs below, replayed by BUILD_DIR/tools/bin/T-run -v:
#
#   (a)         iommu_iova_to_phys() on Linux 7.3
#   (b)         iommu_iova_to_phys() on the series: it passes a NULL length
#   (b) length  iommu_iova_to_phys_length() on the series, with a length:
#               what every plain lookup would pay without the NULL length
#
# Checked: (b) makes no more software walks than (a).  Exit status 1 if
# that fails or a replay does not run clean.
set -u

build=${1:?usage: lookups.sh BUILD_DIR CSV}
csv=${2:?usage: lookups.sh BUILD_DIR CSV}
# Per program: what it is.  The lookups are the program's own.
programs="
arm_smmu-v2-s1-atos	arm-smmu stage 1 (ATOS)
arm_smmu-atos-stuck	arm-smmu stage 1 (ATOS times out)
arm_smmu-v2-s2-64k	arm-smmu stage 2 (no ATOS)
msm-sizes	msm (V2P)
"

status=0
echo "program,driver,lookups,soft_walks_a,soft_walks_b,soft_walks_b_length,check" >"$csv"
echo
echo "Software walks of a plain lookup, iommu_iova_to_phys(): (a) Linux 7.3, (b) the series (a NULL length); (b) length: iommu_iova_to_phys_length() with a length"
printf '%-22s %-34s %7s | %8s %8s %10s | %s\n' program driver lookups "(a)" "(b)" "(b) length" check
echo "$programs" | while IFS='	' read -r p what; do
	[ -n "$p" ] || continue
	t=${p%%-*}
	run=$build/tools/bin/$t-run
	if [ ! -x "$run" ]; then
		echo "$p: no $run (make show-units: is $t left out?)"
		continue
	fi
	if ! "$run" -e "tests/programs/$p.prog" >"$csv.in" ||
	   ! "$run" -v "$csv.in" >"$csv.out" 2>&1; then
		echo "bench: $run -v tests/programs/$p.prog does not run clean" >&2
		exit 1
	fi
	# Each lookup op, and the software walks the twins noted for it.
	awk -v p="$p" -v what="$what" -v csv="$csv" '
		$2 == "lookup" { n++ }
		/software walks:/ {
			s = substr($0, index($0, "software walks:"))
			split(s, w, /[^0-9]+/)
			len += w[2]; plain += w[3]; base += w[4]
		}
		END {
			ok = plain <= base ? "ok" : "FAIL"
			printf "%-22s %-34s %7d | %8d %8d %10d | %s\n", p, what, n,
			       base, plain, len, ok
			printf "%s,%s,%d,%d,%d,%d,%s\n", p, what, n, base, plain, len, ok >>csv
			exit ok != "ok"
		}' "$csv.out" || exit 1
done || status=1
rm -f "$csv.in" "$csv.out"
exit $status
