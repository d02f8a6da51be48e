#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# setup-deps.sh [--bench]
#
# Make sure the tools ptfuzz needs are installed, from Debian's packages.
# Quiet and quick when everything is there.  As root (or with sudo) the
# missing packages are installed with apt-get; otherwise the exact command
# is printed and the exit status is 2.  --bench adds what `make bench`
# needs (gnuplot).
set -u

want_bench=0
[ "${1:-}" = --bench ] && want_bench=1

missing=""
need() {
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need make make
need ld binutils
need objcopy binutils
need patch patch
need awk mawk
need perl perl
need xz xz-utils
need dpkg-deb dpkg
need apt-get apt
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] ||
	missing="$missing debian-archive-keyring"
[ $want_bench = 1 ] && need gnuplot gnuplot-nox
clang_missing=0
"$(dirname "$0")/find-clang.sh" >/dev/null || clang_missing=1
# ASan and UBSan name functions and lines through llvm-symbolizer.
command -v llvm-symbolizer >/dev/null 2>&1 || ls /usr/bin/llvm-symbolizer-* >/dev/null 2>&1 ||
	clang_missing=1

[ -z "$missing" ] && [ $clang_missing = 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "ptfuzz: missing tools; install them with:" >&2
	echo "  apt-get install -y$missing clang-19 libclang-rt-19-dev llvm-19" >&2
	exit 2
fi

export DEBIAN_FRONTEND=noninteractive
echo "ptfuzz: installing from Debian:$missing clang-19 libclang-rt-19-dev llvm-19" >&2
if ! $sudo apt-get install -y -q $missing clang-19 libclang-rt-19-dev llvm-19 >/dev/null 2>&1; then
	# An older or newer Debian: its default clang, if that one has libFuzzer.
	$sudo apt-get update -q >/dev/null 2>&1
	$sudo apt-get install -y -q $missing clang-19 libclang-rt-19-dev llvm-19 >/dev/null 2>&1 ||
		$sudo apt-get install -y -q $missing clang libclang-rt-dev llvm >/dev/null 2>&1 ||
		{ echo "ptfuzz: apt-get could not install:$missing clang-19 libclang-rt-19-dev llvm-19" >&2; exit 2; }
fi
"$(dirname "$0")/find-clang.sh" >/dev/null ||
	{ echo "ptfuzz: no clang that links libFuzzer after installing; pass CC=" >&2; exit 2; }
exit 0
