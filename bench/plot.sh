#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# plot.sh BENCH_CSV OUT_DIR
#
# Charts of the VFIO unmap loops from bench.csv, with physically contiguous
# regions: OUT_DIR/walks.svg (page-table walks) and OUT_DIR/time.svg (wall
# time), against the region size, one panel per format, one colour per leaf
# size; loop (a) dashed, loop (b) solid.  Log scales.
set -eu

csv=${1:?usage: plot.sh BENCH_CSV OUT_DIR}
out=${2:?usage: plot.sh BENCH_CSV OUT_DIR}

# The gnuplot script for one metric: "walks" or "time".
script() {
	awk -F, -v metric="$1" -v svg="$out/$1.svg" '
	function size(b) {
		if (b >= 2^30) return b / 2^30 "G"
		if (b >= 2^20) return b / 2^20 "M"
		return b / 2^10 "K"
	}
	NR == 1 || $1 != "vfio_unmap" || $6 != "contiguous" { next }
	{
		if (!($3 in panel)) {
			panel[$3] = ++panels
			name[panels] = $3
		}
		p = panel[$3]
		if (!((p, $4) in leaf)) {
			leaf[p, $4] = ++leaves[p]
			leafsize[p, leaves[p]] = $4
		}
		l = leaf[p, $4]
		a = metric == "walks" ? $10 : $17 / 1000
		b = metric == "walks" ? $11 : $18 / 1000
		data[p, l, "a"] = data[p, l, "a"] $5 " " a "\n"
		data[p, l, "b"] = data[p, l, "b"] $5 " " b "\n"
	}
	END {
		rows = int((panels + 2) / 3)
		printf "set terminal svg size 1200,%d dynamic noenhanced font \"sans,10\"\n",
			300 * rows
		print "set output \"" svg "\""
		for (p = 1; p <= panels; p++)
			for (l = 1; l <= leaves[p]; l++)
				for (k = 0; k < 2; k++) {
					loop = k ? "b" : "a"
					printf "$d%d_%d%s << EOD\n%sEOD\n", p, l, loop,
						data[p, l, loop]
				}
		print "set logscale xy"
		print "set xtics (\"2M\" 2**21, \"64M\" 2**26, \"1G\" 2**30, \"4G\" 2**32)"
		print "set xrange [2**20:2**33]"
		print "set xlabel \"region\""
		print "set ylabel \"" (metric == "walks" ? "walks" : "time (us)") "\""
		print "set key top left"
		print "set grid"
		printf "set multiplot layout %d,3 title \"VFIO unmap, contiguous PAs: %s of (a) iova_to_phys() every 4K (dashed) and (b) iova_to_phys_length() per IOPTE (solid)\"\n",
			rows, metric == "walks" ? "walks" : "time"
		for (p = 1; p <= panels; p++) {
			printf "set title \"%s\"\nplot ", name[p]
			for (l = 1; l <= leaves[p]; l++)
				printf "%s$d%d_%da with linespoints dt 2 lc %d notitle, $d%d_%db with linespoints lc %d title \"%s leaves\"",
					(l > 1 ? ", " : ""), p, l, l, p, l, l,
					size(leafsize[p, l])
			print ""
		}
		print "unset multiplot"
	}' "$csv"
}

for metric in walks time; do
	script "$metric" >"$out/$metric.gp"
	gnuplot "$out/$metric.gp"
	rm -f "$out/$metric.gp"
done
echo "charts: $out/walks.svg $out/time.svg"
