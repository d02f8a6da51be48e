#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# setup-deps.sh [--bench] [--kunit] [--kunit-run] [--afl] [PACKAGE...]
#
# Make sure the tools ptfuzz needs are installed, from Debian's packages:
# the base tools, what --bench adds (gnuplot for make bench's charts and
# the main job's report), --kunit (what a kernel build needs, to compile
# exported KUnit tests), --kunit-run (that and qemu, for
# tools/testing/kunit/kunit.py run), --afl (Debian's afl++), and
# any PACKAGE named (scripts/find-clang.sh names clang-19 when no installed
# clang passes its probe).  Quiet and quick when everything is there.  As
# root (or with sudo) the missing packages are installed with apt-get;
# otherwise the exact command is printed and the exit status is 2.
set -u

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
need realpath coreutils
need sha256sum coreutils
# ClusterFuzzLite's build.sh zips the seed corpora; make check unzips one.
need zip zip
need unzip unzip
for arg in "$@"; do
	case $arg in
	--bench) need gnuplot gnuplot-nox ;;
	--kunit|--kunit-run)
		for t in gcc:gcc flex:flex bison:bison bc:bc; do
			need "${t%%:*}" "${t#*:}"
		done
		dpkg -s libelf-dev >/dev/null 2>&1 || missing="$missing libelf-dev"
		if [ "$arg" = --kunit-run ]; then
			need python3 python3
			need qemu-system-x86_64 qemu-system-x86
		fi
		;;
	--afl) need afl-clang-fast afl++ ;;
	-*) echo "ptfuzz: setup-deps.sh: unknown option $arg" >&2; exit 2 ;;
	*) dpkg -s "$arg" >/dev/null 2>&1 || missing="$missing $arg" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "ptfuzz: missing tools; as root, run: apt-get install -y$missing" >&2
	exit 2
fi

export DEBIAN_FRONTEND=noninteractive
# make -j runs several of these at once (the AFL++ build and the KUnit
# tree's): one apt-get at a time, or the second finds dpkg locked.
lock=${TMPDIR:-/tmp}/ptfuzz-apt.lock
apt_get() {
	# shellcheck disable=SC2086
	flock "$lock" $sudo apt-get "$@" >/dev/null 2>&1
}
echo "ptfuzz: installing from Debian:$missing" >&2
# A machine whose package lists are stale or absent: update once, retry.
# shellcheck disable=SC2086
apt_get install -y -q $missing ||
	{ apt_get update -q && apt_get install -y -q $missing; } ||
	{ echo "ptfuzz: apt-get could not install:$missing (run 'apt-get install -y$missing' to see why)" >&2; exit 2; }
exit 0
