#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# prepare-trees.sh BUILD_DIR
#
# Settle which kernel tree each twin is built from and write
# BUILD_DIR/trees.mk for the Makefile:
#
#   baseline  - a tree without the series: the legacy iova_to_phys path
#   candidate - a tree with it: iova_to_phys_length
#
# KSRC=DIR     the tree under test (default: Debian's linux-source, fetched).
#              Without the series, patches/ is applied to a copy of it under
#              BUILD_DIR/trees; with it (a reviewer's branch), it is used as is.
# BASE_KSRC=DIR the baseline (default: KSRC itself, or KSRC with patches/
#              reverse-applied when KSRC already carries the series).
#
# Any problem is one line on stderr and exit status 2; a failed patch run
# leaves no tree behind.
set -eu

build=${1:?usage: prepare-trees.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
patches=$top/patches
trees=$build/trees

die() {
	echo "ptfuzz: $*" >&2
	exit 2
}

required="Makefile include/linux/kconfig.h include/linux/compiler_types.h
include/linux/iommu.h include/linux/io-pgtable.h drivers/iommu/iommu.c
drivers/iommu/iommu-pages.h drivers/iommu/io-pgtable.c
drivers/iommu/io-pgtable-arm.c drivers/iommu/io-pgtable-arm-v7s.c
drivers/iommu/io-pgtable-dart.c"

check_tree() {
	[ -d "$1" ] || die "$2=$1: no such directory"
	for f in $required; do
		[ -f "$1/$f" ] ||
			die "$2=$1 lacks $f: point $2 at a Linux source tree (6.x or 7.x) with the IOMMU drivers"
	done
}

has_series() {
	grep -q 'iova_to_phys_length' "$1/include/linux/iommu.h"
}

release_of() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 } $1 == "EXTRAVERSION" { e = $2 }
		END { printf "%s.%s.%s%s\n", v, p, s, e }' "$1/Makefile"
}

series_files() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$patches/series"
}

# A key for a derived tree: its source, the paths it takes and every byte
# of our patches.
tree_key() {
	{ realpath "$1"; cat "$here/kernel-paths.txt"
	  series_files | while read -r p; do cat "$patches/$p"; done; } |
		sha256sum | cut -c1-12
}

# Apply (or with -R, unapply) patches/series to a copy of $1 under $trees,
# reused as long as neither the source nor a patch changes.
derive_tree() {
	src=$1 kind=$2 dir_opt=$3
	dst=$trees/$kind-$(tree_key "$src")
	if [ ! -f "$dst/.ptfuzz-tree" ]; then
		# shellcheck disable=SC2046
		"$here/derive-tree.sh" $dir_opt "$src" "$dst" \
			$(series_files | sed "s|^|$patches/|") || exit 2
		echo "$(release_of "$src") $kind" >"$dst/.ptfuzz-tree"
		# Only now: a failed derivation leaves the last good tree in place.
		for old in "$trees/$kind"-*; do
			[ "$old" = "$dst" ] || rm -rf "$old"
		done
	fi
	echo "$dst"
}

command -v patch >/dev/null 2>&1 || die "'patch' not found (Debian: apt-get install patch)"
mkdir -p "$trees"
build=$(cd "$build" && pwd)
trees=$build/trees

if [ -n "${KSRC:-}" ]; then
	tree=$(cd "$KSRC" 2>/dev/null && pwd) || die "KSRC=$KSRC: no such directory"
	check_tree "$tree" KSRC
else
	tree=$("$here/fetch-kernel.sh" "$build")
	check_tree "$tree" "the fetched tree"
fi

if has_series "$tree"; then
	cand=$tree
	if [ -n "${BASE_KSRC:-}" ]; then
		base=$(cd "$BASE_KSRC" 2>/dev/null && pwd) || die "BASE_KSRC=$BASE_KSRC: no such directory"
	else
		base=$(derive_tree "$tree" base -R) ||
			die "KSRC=$tree already carries the series in another form; set BASE_KSRC to the same tree without it"
	fi
else
	base=${BASE_KSRC:-$tree}
	base=$(cd "$base" 2>/dev/null && pwd) || die "BASE_KSRC=$BASE_KSRC: no such directory"
	cand=$(derive_tree "$tree" cand "")
fi
check_tree "$base" BASE_KSRC
has_series "$base" && die "BASE_KSRC=$base carries iova_to_phys_length: the baseline must be a tree without the series"
has_series "$cand" || die "the candidate tree $cand has no iova_to_phys_length after patching"

# What each tree offers, for the twins' glue code.
features() {
	grep -q '(\*iova_to_phys_length)' "$1/include/linux/iommu.h" && l=1 || l=0
	grep -q '(\*iova_to_phys)(' "$1/include/linux/iommu.h" && g=1 || g=0
	grep -q '(\*iova_to_phys_length)' "$1/include/linux/io-pgtable.h" && pl=1 || pl=0
	grep -q '(\*iova_to_phys)(' "$1/include/linux/io-pgtable.h" && pg=1 || pg=0
	[ -f "$1/include/linux/generic_pt/iommu.h" ] && gpt=1 || gpt=0
	echo "-DPTF_DOMAIN_HAS_LENGTH=$l -DPTF_DOMAIN_HAS_LEGACY=$g" \
	     "-DPTF_IOPGTABLE_HAS_LENGTH=$pl -DPTF_IOPGTABLE_HAS_LEGACY=$pg" \
	     "-DPTF_HAVE_GENERIC_PT=$gpt"
}

# The generic_pt formats (fmt/iommu_<name>.c) both trees have.
genpt_formats() {
	for f in amdv1 mock vtdss x86_64 riscv64; do
		[ -f "$1/drivers/iommu/generic_pt/fmt/iommu_$f.c" ] &&
		[ -f "$2/drivers/iommu/generic_pt/fmt/iommu_$f.c" ] && printf '%s ' "$f"
	done
}

release_base=$(release_of "$base")
release_cand=$(release_of "$cand")
[ "$cand" = "$tree" ] || release_cand="$release_cand+ptfuzz"

out=$build/trees.mk
# Per process: two run-fuzz.sh started together both get here.
tmp=$out.$$
cat >"$tmp" <<EOF
# Written by scripts/prepare-trees.sh; do not edit.
BASE_TREE := $base
CAND_TREE := $cand
BASE_RELEASE := $release_base
CAND_RELEASE := $release_cand
BASE_FEATURES := $(features "$base")
CAND_FEATURES := $(features "$cand")
GENPT_FMTS := $(genpt_formats "$base" "$cand")
BASE_KEY := $(echo "$base" | sha256sum | cut -c1-8)
CAND_KEY := $(echo "$cand" | sha256sum | cut -c1-8)
EOF
# Rewrite (and say so) only on change: the Makefile rebuilds every twin.
if cmp -s "$tmp" "$out"; then
	rm -f "$tmp"
else
	mv "$tmp" "$out"
	echo "ptfuzz: baseline  Linux $release_base  $base" >&2
	echo "ptfuzz: candidate Linux $release_cand  $cand" >&2
fi
