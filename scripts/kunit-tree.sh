#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kunit-tree.sh BUILD_DIR
# kunit-tree.sh --configure SRC OUT
#
# A full kernel tree, configured with tests/kunit/ptfuzz.kunitconfig for
# x86_64 and prepared, in which an exported KUnit test can be compiled
# (make check) and run (kunit.py run, docs/findings.md).  Prints the source
# and output directories: "SRC OUT".
#
#   BUILD_DIR/kunit/linux   the full tree: KSRC if it is one, else the whole
#                           of the Debian package fetch-kernel.sh downloaded
#   BUILD_DIR/kunit/src     that tree with drivers/iommu as a copy of its
#                           own (links elsewhere), so tests can be put in
#   BUILD_DIR/kunit/out     the O= directory: .config and prepared headers
#
# The configuration: tinyconfig, then ptfuzz.kunitconfig and a serial
# console for qemu (what kunit.py's x86_64 qemu config adds), which is also
# what --configure writes into OUT for SRC (and what kunit.py then keeps:
# its kunitconfig is a subset).  Reused while the stamp names the same
# kunitconfig.  Any problem: one line, exit status 2.
set -eu
# The makes run here are our own: not the jobserver of a make that ran us.
unset MAKEFLAGS MFLAGS

die() {
	echo "ptfuzz: kunit-tree: $*" >&2
	exit 2
}

configure() {
	local src=$1 out=$2 kconfig=$3 opt
	make -s -C "$src" O="$out" ARCH=x86_64 tinyconfig >/dev/null 2>&1 ||
		die "make tinyconfig failed in $out"
	{
		cat "$kconfig"
		printf 'CONFIG_64BIT=y\nCONFIG_PRINTK=y\nCONFIG_TTY=y\nCONFIG_BINFMT_ELF=y\n'
		printf 'CONFIG_SERIAL_8250=y\nCONFIG_SERIAL_8250_CONSOLE=y\n'
	} >>"$out/.config"
	make -s -C "$src" O="$out" ARCH=x86_64 olddefconfig >/dev/null 2>&1 ||
		die "make olddefconfig failed in $out"
	for opt in $(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$kconfig"); do
		grep -q "^$opt=y" "$out/.config" ||
			die "$opt is not set in $out/.config: the tree has other Kconfig symbols"
	done
	# kunit.py's record of the kunitconfig it built with (its own and qemu's)
	{
		grep '^CONFIG_' "$kconfig"
		printf 'CONFIG_SERIAL_8250=y\nCONFIG_SERIAL_8250_CONSOLE=y\n'
	} >"$out/last_used_kunitconfig"
}

top=$(cd "$(dirname "$0")/.." && pwd)
kconfig=$top/tests/kunit/ptfuzz.kunitconfig

if [ "${1:-}" = --configure ]; then
	configure "${2:?--configure SRC OUT}" "${3:?--configure SRC OUT}" "$kconfig"
	exit 0
fi
build=$(cd "${1:?usage: kunit-tree.sh BUILD_DIR}" && pwd)
dir=$build/kunit
src=$dir/src
out=$dir/out
key=$(sha256sum "$kconfig" | cut -c1-16)

if [ "$(cat "$out/.ptfuzz-prepared" 2>/dev/null)" = "$key" ]; then
	echo "$src $out"
	exit 0
fi
for tool in make gcc flex bison bc; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' not found: scripts/setup-deps.sh --kunit installs what a kernel build needs"
done

# The full tree.
full=""
if [ -n "${KSRC:-}" ] && [ -f "$KSRC/scripts/kconfig/Makefile" ] && [ -d "$KSRC/arch/x86" ]; then
	full=$(cd "$KSRC" && pwd)
elif [ -f "$dir/linux/.ptfuzz-extracted" ]; then
	full=$dir/linux
else
	deb=$(ls "$build"/debian/linux-source-*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || die "no kernel package in $build/debian (make trees fetches it) and KSRC is not a full tree"
	rm -rf "$dir/linux" "$dir/linux.tmp"
	mkdir -p "$dir/linux.tmp"
	echo "ptfuzz: extracting the whole tree from $(basename "$deb") for KUnit" >&2
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		tar -xJ -C "$dir/linux.tmp" || die "cannot extract $deb"
	mv "$dir/linux.tmp"/linux-source-* "$dir/linux"
	rmdir "$dir/linux.tmp"
	touch "$dir/linux/.ptfuzz-extracted"
	full=$dir/linux
fi
[ -f "$full/drivers/iommu/io-pgtable-arm-selftests.c" ] ||
	die "$full has no drivers/iommu/io-pgtable-arm-selftests.c"

# The tree tests are put in: links, but a drivers/iommu of its own.
rm -rf "$src" "$out"
mkdir -p "$src/drivers" "$out"
for e in "$full"/* "$full"/.[!.]*; do
	[ -e "$e" ] || continue
	case ${e##*/} in
	drivers|.ptfuzz-extracted) ;;
	*) ln -s "$e" "$src/${e##*/}" ;;
	esac
done
for e in "$full"/drivers/*; do
	[ "${e##*/}" = iommu ] || ln -s "$e" "$src/drivers/${e##*/}"
done
cp -a "$full/drivers/iommu" "$src/drivers/iommu"

configure "$src" "$out" "$kconfig"
make -s -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" prepare >"$out/prepare.log" 2>&1 ||
	die "make prepare failed (see $out/prepare.log)"
echo "$key" >"$out/.ptfuzz-prepared"
echo "$src $out"
