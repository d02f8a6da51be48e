#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kunit-verify.sh [--no-kvm] BUILD_DIR PROGRAM...
#
# The check docs/findings.md records, run by hand (a kernel build: slow):
# the KUnit tests ./run-fuzz.sh kunit exports for PROGRAMs, applied to the
# full default tree, run under tools/testing/kunit/kunit.py (x86_64, qemu),
# then again with patches/fixes/ applied too.  Each run's log is in
# BUILD_DIR/kunit/verify-run1.log and verify-run2.log; kunit.py's summary
# and the times are printed.  Needs scripts/kunit-tree.sh's full tree and
# scripts/setup-deps.sh --kunit-run.
#
# --no-kvm: kunit.py asks qemu for KVM first; where /dev/kvm opens but a
# guest hangs (nested virtualisation here), qemu must fall back to TCG:
# kunit.py then runs in a mount namespace of its own in which /dev/kvm is
# /dev/null (unshare -m; as root).
set -u

no_kvm=""
if [ "${1:-}" = --no-kvm ]; then
	no_kvm=1
	shift
fi

build=$(cd "${1:?usage: kunit-verify.sh BUILD_DIR PROGRAM...}" && pwd)
shift
top=$(cd "$(dirname "$0")/.." && pwd)
v=$build/kunit/verify
out=$build/kunit/verify-out
kconfig=$top/tests/kunit/ptfuzz.kunitconfig

die() {
	echo "ptfuzz: kunit-verify: $*" >&2
	exit 2
}

[ $# -gt 0 ] || die "which programs?"
full=$(readlink -f "$build/kunit/linux")
[ -f "$full/.ptfuzz-extracted" ] || die "no full tree: run scripts/kunit-tree.sh $build first"

# A copy of its own (hard links; patched files get copies first).
own_copy() {
	cp "$v/$1" "$v/$1.ptf" && mv "$v/$1.ptf" "$v/$1"
}

# The output directory is kept: a second run rebuilds what changed only.
rm -rf "$v"
mkdir -p "$out"
cp -al "$full" "$v"
"$top/run-fuzz.sh" kunit "$@" >"$build/kunit/verify-tests.patch" ||
	die "the export failed"
for f in $(sed -n 's|^+++ b/||p' "$build/kunit/verify-tests.patch"); do
	own_copy "$f"
done
patch -s -p1 -d "$v" <"$build/kunit/verify-tests.patch" || die "the tests do not apply"
# What the fixes touch, newer than any object an earlier run built from it
for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/patches/fixes/series"); do
	for f in $(sed -n 's|^+++ b/||p' "$top/patches/fixes/$p"); do
		own_copy "$f"
	done
done
[ -f "$out/.config" ] || "$top/scripts/kunit-tree.sh" --configure "$v" "$out" || exit 2

run() {
	local name=$1 t0
	t0=$(date +%s)
	set -- python3 tools/testing/kunit/kunit.py run \
		--qemu_config="$top/tests/kunit/qemu_x86_64.py" \
		--build_dir="$out" --kunitconfig="$kconfig" --jobs="$(nproc)" '*.ptfuzz_*'
	if [ -n "$no_kvm" ]; then
		(cd "$v" && unshare -m sh -c 'mount --bind /dev/null /dev/kvm && exec "$@"' \
			sh "$@") >"$build/kunit/verify-$name.log" 2>&1
	else
		(cd "$v" && "$@") >"$build/kunit/verify-$name.log" 2>&1
	fi
	echo "$name: kunit.py exit $?, $(($(date +%s) - t0)) s"
	grep -E '\[(PASSED|FAILED|SKIPPED)\]|Testing complete' "$build/kunit/verify-$name.log"
}

run run1
for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/patches/fixes/series"); do
	patch -s -p1 -d "$v" <"$top/patches/fixes/$p" || die "$p does not apply"
done
run run2
