#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# prepare-trees.sh BUILD_DIR
#
# Settle which kernel tree each twin of each unit is built from and write
# BUILD_DIR/trees.mk for the Makefile:
#
#   baseline  - a tree without the series: the legacy iova_to_phys path
#   candidate - a tree with it: iova_to_phys_length
#
# A unit is what one twin object builds (a page-table family and the iommu
# core): the Makefile declares its files (PTF_UNITS, PTF_UNIT_<unit>, the
# common PTF_UNIT_core and PTF_UNIT_optional; asked with `make unit-env`
# when unset).  A unit whose files the tree lacks is left out, with one line.
#
# KSRC=DIR     the tree under test (default: Debian's linux-source, fetched).
#              Without the series, patches/ is applied to a copy of it under
#              BUILD_DIR/trees, file by file: each file some unit builds
#              takes its hunks of every patch, in series order.  A unit
#              with a file that did not take them gets the baseline for
#              its candidate too, and runs with the differential off.  A
#              tree with the series (a reviewer's branch) is used as is.
# BASE_KSRC=DIR the baseline (default: KSRC itself, or KSRC with patches/
#              reverse-applied when KSRC already carries the series).
#
# Fatal problems (no tree, no unit it can build, a baseline with the
# series, ...) are one line on stderr and exit status 2; a failed run
# leaves no tree behind and the last good one in place.
set -eu

build=${1:?usage: prepare-trees.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
patches=$top/patches

die() {
	echo "ptfuzz: $*" >&2
	exit 2
}

if [ -z "${PTF_UNITS:-}" ]; then
	eval "$(make -s -C "$top" unit-env)" || die "cannot read the units from the Makefile"
fi
unit_files() {
	eval "echo \${PTF_UNIT_$1:-}"
}

# The files every unit needs: without them there is nothing to build.
core="Makefile include/linux/kconfig.h include/linux/compiler_types.h $(unit_files core)"

check_tree() {
	[ -d "$1" ] || die "$2=$1: no such directory"
	for f in $core; do
		[ -e "$1/$f" ] ||
			die "$2=$1 lacks $f: point $2 at a Linux source tree (6.x or 7.x) with the IOMMU drivers"
	done
}

# The first of a unit's files that $1 lacks, or nothing.
unit_lacks() {
	for f in $(unit_files "$2"); do
		[ -e "$1/$f" ] || { echo "$f"; return; }
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

command -v patch >/dev/null 2>&1 || die "'patch' not found (Debian: apt-get install patch)"
mkdir -p "$build/trees"
build=$(cd "$build" && pwd)
trees=$build/trees

if [ -n "${KSRC:-}" ]; then
	tree=$(cd "$KSRC" 2>/dev/null && pwd) || die "KSRC=$KSRC: no such directory"
	check_tree "$tree" KSRC
else
	tree=$("$here/fetch-kernel.sh" "$build")
	check_tree "$tree" "the fetched tree"
fi
base_src=$tree
if [ -n "${BASE_KSRC:-}" ]; then
	base_src=$(cd "$BASE_KSRC" 2>/dev/null && pwd) || die "BASE_KSRC=$BASE_KSRC: no such directory"
	check_tree "$base_src" BASE_KSRC
fi

# The units both trees can build; one line for each one left out.
units="" left_out=""
for u in $PTF_UNITS; do
	lacks=$(unit_lacks "$tree" "$u")
	[ -n "$lacks" ] || [ "$base_src" = "$tree" ] || lacks=$(unit_lacks "$base_src" "$u")
	if [ -n "$lacks" ]; then
		left_out="$left_out $u"
		eval "lacks_$u=\$lacks"
	else
		units="$units $u"
	fi
done
[ -n "$units" ] ||
	die "$tree has none of the files a unit builds (every unit lacks one: $(for u in $left_out; do eval "printf '%s ' \"\$lacks_$u\""; done)); point KSRC at a Linux source tree with the IOMMU drivers"

# "PATH UNIT..." for every file a present unit builds: the core's files
# (and the optional ones the tree has) belong to all of them.
needed_files() {
	for f in $(unit_files core) $(unit_files optional); do
		[ -e "$1/$f" ] && echo "$f$units"
	done
	for u in $units; do
		for f in $(unit_files "$u"); do
			echo "$f $u"
		done
	done
}

# Apply patches/ (-R: unapply, in reverse order) to a copy of $1 in $2,
# file by file: only the files needed_files names (a directory entry
# stands for the files under it), each taking its hunks of every patch in
# turn until one does not apply.  Writes $2/.ptfuzz-series, one line per
# patch and unit touched: "NNNN UNIT applied|failed PATH REASON"; a patch
# that touches none of a unit's files has no line for it ("not needed").
apply_per_file() {
	src=$1 dst=$2 dir=$3
	work=$dst.tmp
	rm -rf "$dst" "$work"
	mkdir -p "$work/.split"
	"$here/derive-tree.sh" "$src" "$work/tree" || return 1
	# shellcheck disable=SC2046
	awk -v out="$work/.split" -f "$here/split-patches.awk" \
		$(series_files | sed "s|^|$patches/|") >"$work/parts" ||
		{ echo "ptfuzz: cannot read patches/" >&2; return 1; }
	# -R: the last patch first (series order, reversed).
	[ -z "$dir" ] || awk '{ l[NR] = $0 } END { for (i = NR; i; i--) print l[i] }' \
		"$work/parts" >"$work/parts.r"
	[ -z "$dir" ] || mv "$work/parts.r" "$work/parts"
	needed_files "$src" >"$work/needed"
	# PATH -> the units it belongs to (prefix match for directories).
	awk 'NR == FNR { n[NR] = $0; nn = NR; next }
	     { units = ""
	       for (i = 1; i <= nn; i++) {
		       split(n[i], w, " ")
		       if ($2 == w[1] || (w[1] ~ /\/$/ && index($2, w[1]) == 1))
			       for (j = 2; j in w; j++)
				       if (index(" " units " ", " " w[j] " ") == 0)
					       units = units " " w[j]
	       }
	       print $0 units }' "$work/needed" "$work/parts" >"$work/plan"
	: >"$work/status"
	: >"$work/failed"
	while read -r num path diff units; do
		[ -n "$units" ] || continue
		prior=$(awk -v p="$path" '$1 == p { print $2; exit }' "$work/failed")
		if [ -n "$prior" ]; then
			reason="not tried after $prior failed on it"
		elif [ ! -f "$work/tree/$path" ] && ! grep -q '^--- /dev/null' "$diff"; then
			reason="the tree has no such file"
		else
			# A patched file gets its own copy: the source is never written.
			if [ -f "$work/tree/$path" ]; then
				cp "$work/tree/$path" "$work/tree/$path.ptf"
				mv "$work/tree/$path.ptf" "$work/tree/$path"
			fi
			if out=$(patch -d "$work/tree" -p1 -N $dir --no-backup-if-mismatch \
				-r - -s <"$diff" 2>&1); then
				reason=""
			else
				reason=$(echo "$out" | grep -v '^patching file' | head -n 1)
				# Leave the file as the tree has it, not half-patched.
				rm -f "$work/tree/$path"
				[ ! -e "$src/$path" ] || cp -a "$src/$path" "$work/tree/$path"
			fi
		fi
		for u in $units; do
			if [ -z "$reason" ]; then
				echo "$num $u applied $path"
			else
				echo "$num $u failed $path $reason"
			fi
		done >>"$work/status"
		[ -z "$reason" ] || echo "$path $num" >>"$work/failed"
	done <"$work/plan"
	# Per patch and unit: failed if any of its files failed.
	awk '{ k = $1 " " $2 } $3 == "failed" && !(k in f) { f[k] = $0 }
	     !(k in seen) { seen[k] = 1; order[++n] = k; first[k] = $0 }
	     END { for (i = 1; i <= n; i++) print (order[i] in f) ? f[order[i]] : first[order[i]] }' \
		"$work/status" | tr -d "\"'\\\\\$\`#" >"$work/tree/.ptfuzz-series"
	mv "$work/tree" "$dst"
	rm -rf "$work"
}

# A key for a derived tree: its source, the paths it takes, our patches
# and the units' files.
tree_key() {
	{ realpath "$1"; cat "$here/kernel-paths.txt"; echo "$units"; needed_files "$1"
	  series_files | while read -r p; do cat "$patches/$p"; done
	  cat "$here/split-patches.awk" "$0"; } | sha256sum | cut -c1-12
}

# $1 with patches/ applied (or with -R unapplied) under $trees, reused as
# long as nothing that went into it changes.  With -R every file must take
# it: the reason for a failure on stderr, and status 1.
derive_tree() {
	src=$1 kind=$2 dir_opt=$3
	dst=$trees/$kind-$(tree_key "$src")
	if [ ! -f "$dst/.ptfuzz-tree" ]; then
		apply_per_file "$src" "$dst" "$dir_opt" || exit 2
		if [ -n "$dir_opt" ] && grep -q ' failed ' "$dst/.ptfuzz-series"; then
			grep -m1 ' failed ' "$dst/.ptfuzz-series" | cut -d' ' -f1,4- >&2
			rm -rf "$dst"
			return 1
		fi
		echo "$(release_of "$src") $kind" >"$dst/.ptfuzz-tree"
		# Only now: a failed derivation leaves the last good tree in place.
		for old in "$trees/$kind"-*; do
			[ "$old" = "$dst" ] || rm -rf "$old"
		done
	fi
	echo "$dst"
}

# The first failure a unit's files met, as "NNNN: PATH: REASON".
unit_failure() {
	awk -v u="$2" '$2 == u && $3 == "failed" {
		n = $1; p = $4; $1 = $2 = $3 = $4 = ""; sub(/^ +/, "")
		print n ": " p ": " $0; exit }' "$1/.ptfuzz-series"
}

# "1-4,29-33,fixes/13-15" from patch numbers (the port's, then those of
# the fixes it builds on).
ranges() {
	tr ' ' '\n' | sed -n 's|^\(.*/\)\{0,1\}\([0-9][0-9]*\)$|\1 \2|p' |
	sort -k1,1 -k2,2n | awk '
		function flush() { if (lo != "") out = out (out ? "," : "") pre (lo == hi ? lo : lo "-" hi) }
		NF == 1 { $2 = $1; $1 = "" }
		{ n = $2 + 0; if (lo != "" && $1 == pre && n == hi + 1) { hi = n; next }
		  flush(); pre = $1; lo = hi = n }
		END { flush(); print out ? out : "none" }'
}

# "applied A failed F notneeded N" for a unit, in patch-number ranges.
unit_patches() {
	all=$(series_files | sed 's|^\(fixes/\)\{0,1\}\(....\).*|\1\2|')
	applied=$(awk -v u="$2" '$2 == u && $3 == "applied" { print $1 }' "$1/.ptfuzz-series" | tr '\n' ' ')
	failed=$(awk -v u="$2" '$2 == u && $3 == "failed" { print $1 }' "$1/.ptfuzz-series" | tr '\n' ' ')
	notneeded=$(for n in $all; do
		case " $applied $failed " in *" $n "*) ;; *) echo "$n" ;; esac
	done | tr '\n' ' ')
	echo "applied $(echo "$applied" | ranges) failed $(echo "$failed" | ranges) notneeded $(echo "$notneeded" | ranges)"
}

if has_series "$tree"; then
	cand=$tree
	if [ -n "${BASE_KSRC:-}" ]; then
		base=$base_src
	else
		why=$( (derive_tree "$tree" base -R >/dev/null) 2>&1) ||
			die "KSRC=$tree already carries the series in another form ($why does not reverse-apply); set BASE_KSRC to the same tree without it"
		base=$(derive_tree "$tree" base -R)
	fi
else
	base=$base_src
	cand=$(derive_tree "$tree" cand "")
fi
has_series "$base" && die "BASE_KSRC=$base carries iova_to_phys_length: the baseline must be a tree without the series"

# What each tree offers, for the twins' glue code.
feature() {
	grep -q -- "$2" "$1" 2>/dev/null && echo 1 || echo 0
}
features() {
	iommu=$1/include/linux/iommu.h pgtable=$1/include/linux/io-pgtable.h
	# iommu_map() takes a gfp_t from 6.3 on (iommu_map_atomic() before).
	gfp=$(awk '/int iommu_map\(/ { p = 1 } p { s = s $0 } p && /\)/ { print (s ~ /gfp_t/) ? 1 : 0; exit }' "$iommu")
	echo "-DPTF_DOMAIN_HAS_LENGTH=$(feature "$iommu" '(\*iova_to_phys_length)')" \
	     "-DPTF_DOMAIN_HAS_LEGACY=$(feature "$iommu" '(\*iova_to_phys)(')" \
	     "-DPTF_IOPGTABLE_HAS_LENGTH=$(feature "$pgtable" '(\*iova_to_phys_length)')" \
	     "-DPTF_IOPGTABLE_HAS_LEGACY=$(feature "$pgtable" '(\*iova_to_phys)(')" \
	     "-DPTF_IOPGTABLE_HAS_DIRTY=$(feature "$pgtable" '(\*read_and_clear_dirty)')" \
	     "-DPTF_IOPGTABLE_DART_LEVELS=$(feature "$pgtable" 'n_levels;')" \
	     "-DPTF_HAVE_DIRTY_OPS=$(feature "$iommu" 'struct iommu_dirty_ops {')" \
	     "-DPTF_MAP_HAS_GFP=${gfp:-1}" \
	     "-DPTF_LPAE_SPLITS_BLOCKS=$(feature "$1/drivers/iommu/io-pgtable-arm.c" 'arm_lpae_split_blk_unmap(')" \
	     "-DPTF_V7S_SPLITS_BLOCKS=$(feature "$1/drivers/iommu/io-pgtable-arm-v7s.c" 'arm_v7s_split_blk_unmap(')" \
	     "-DPTF_GENPT_DIRTY_FROM_WALK=$(feature "$1/drivers/iommu/generic_pt/iommu_pt.h" 'iova_bitmap_set(dirty->dirty->bitmap, pts->range->va')" \
	     "-DPTF_HAVE_GENERIC_PT=$([ -f "$1/include/linux/generic_pt/iommu.h" ] && echo 1 || echo 0)" \
	     "-DPTF_CORE_ALLOC_IDENTITY=$(feature "$1/drivers/iommu/iommu.c" '__iommu_alloc_identity_domain(')"
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

# Per unit: the differential is on when all its files took the series.
unit_lines() {
	series=$cand/.ptfuzz-series
	[ "$cand" != "$tree" ] || series=$base/.ptfuzz-series
	for u in $units; do
		why=""
		if [ "$cand" != "$tree" ]; then
			why=$(unit_failure "$cand" "$u")
			[ -n "$why" ] || has_series "$cand" || why="the candidate has no iova_to_phys_length"
		fi
		echo "UNIT_DIFF_$u := $([ -n "$why" ] && echo off || echo on)"
		echo "UNIT_WHY_$u := $why"
		echo "UNIT_PATCHES_$u := $( [ -f "$series" ] && unit_patches "$(dirname "$series")" "$u" ||
			echo "applied all (the tree carries the series)")"
	done
	for u in $left_out; do
		eval "echo \"UNIT_LACKS_$u := \$lacks_$u\""
	done
}

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
GENPT_FMTS := $(case " $units " in *" genpt "*) genpt_formats "$base" "$cand" ;; esac)
BASE_KEY := $(echo "$base" | sha256sum | cut -c1-8)
CAND_KEY := $(echo "$cand" | sha256sum | cut -c1-8)
UNITS_PRESENT :=$units
UNITS_LEFT_OUT :=$left_out
$(unit_lines)
EOF
# Rewrite (and say so) only on change: the Makefile rebuilds every twin.
if cmp -s "$tmp" "$out"; then
	rm -f "$tmp"
else
	mv "$tmp" "$out"
	echo "ptfuzz: baseline  Linux $release_base  $base" >&2
	echo "ptfuzz: candidate Linux $release_cand  $cand" >&2
	for u in $units; do
		why=$(sed -n "s/^UNIT_WHY_$u := //p" "$out")
		[ -z "$why" ] || echo "ptfuzz: $u: differential off ($why)" >&2
	done
	for u in $left_out; do
		eval "echo \"ptfuzz: $u left out: the tree lacks \$lacks_$u\"" >&2
	done
fi
