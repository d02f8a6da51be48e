#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# derive-tree.sh [-R] SRC DST PATCH...
#
# Make DST a copy of the paths of SRC that ptfuzz uses (scripts/kernel-paths.txt),
# with each PATCH applied in order (in reverse order and reversed with -R).
# Untouched files are hard links where the file system allows; a patched
# file always gets its own copy first, so SRC is never written.  On any
# failure DST does not exist afterwards: one line on stderr, exit status 2.
set -eu

reverse=""
if [ "${1:-}" = -R ]; then
	reverse=-R
	shift
fi
src=${1:?usage: derive-tree.sh [-R] SRC DST PATCH...}
dst=${2:?usage: derive-tree.sh [-R] SRC DST PATCH...}
shift 2
here=$(cd "$(dirname "$0")" && pwd)

fail() {
	rm -rf "$dst.tmp"
	echo "ptfuzz: $*" >&2
	exit 2
}

rm -rf "$dst" "$dst.tmp"
mkdir -p "$dst.tmp"
sed -e 's/#.*//' -e '/^$/d' "$here/kernel-paths.txt" | while read -r path; do
	[ -e "$src/$path" ] || continue
	mkdir -p "$dst.tmp/$(dirname "$path")"
	cp -al "$src/$path" "$dst.tmp/$path" 2>/dev/null || cp -a "$src/$path" "$dst.tmp/$path"
done

patches=$*
if [ -n "$reverse" ]; then
	patches=""
	for p in "$@"; do patches="$p $patches"; done
fi
for p in $patches; do
	[ -f "$p" ] || fail "$p: no such patch"
	sed -n 's|^+++ b/||p' "$p" | while read -r f; do
		if [ -f "$dst.tmp/$f" ]; then
			cp "$dst.tmp/$f" "$dst.tmp/$f.ptf" && mv "$dst.tmp/$f.ptf" "$dst.tmp/$f"
		fi
	done
	out=$(patch -d "$dst.tmp" -p1 -N $reverse --no-backup-if-mismatch -r - -s <"$p" 2>&1) ||
		fail "$(basename "$p") does not apply${reverse:+ in reverse} to $src ($(echo "$out" | head -n 1)); the tree differs from what it was written for"
done
mv "$dst.tmp" "$dst"
