#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# cov-plot.sh OUT.svg TARGET=LOG...
#
# Coverage over time from libFuzzer's progress lines ("#N ... cov: C ...
# exec/s: E"): one line per target, libFuzzer's coverage counter against
# the seconds since the start of its run, taken as N / E (E is libFuzzer's
# running average, in whole seconds; the INITED line is t = 0).  Drawn with
# gnuplot, as bench/plot.sh draws the benchmark's charts.
set -eu

svg=${1:?usage: cov-plot.sh OUT.svg TARGET=LOG...}
shift
command -v gnuplot >/dev/null 2>&1 ||
	{ echo "ptfuzz: cov-plot: gnuplot not found (scripts/setup-deps.sh --bench installs it)" >&2; exit 2; }

gp=$svg.gp
{
	echo 'set terminal svg size 900,500 dynamic noenhanced font "sans,11"'
	echo "set output \"$svg\""
	echo 'set title "kernel coverage over time (libFuzzer cov, one run per target)"'
	echo 'set xlabel "seconds"'
	echo 'set ylabel "cov"'
	echo 'set key outside right'
	echo 'set grid'
	n=0
	for arg in "$@"; do
		n=$((n + 1))
		echo "\$d$n << EOD"
		grep -a -E '^#[0-9]+[[:space:]]' "${arg#*=}" | awk '
			{
				n = substr($1, 2) + 0
				cov = ""; eps = ""
				for (i = 2; i < NF; i++) {
					if ($i == "cov:") cov = $(i + 1)
					if ($i == "exec/s:") eps = $(i + 1)
				}
				if (cov == "") next
				if ($2 == "INITED") { print 0, cov; next }
				if (eps > 0) print n / eps, cov
			}'
		echo "EOD"
	done
	printf 'plot '
	n=0
	for arg in "$@"; do
		n=$((n + 1))
		[ $n -gt 1 ] && printf ', '
		printf '$d%d with lines lw 2 title "%s"' "$n" "${arg%%=*}"
	done
	echo
} >"$gp"
gnuplot "$gp"
rm -f "$gp"
