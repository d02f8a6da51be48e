#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/fixes-test.sh TMPDIR - patches/fixes/ is what it claims: each patch
# clean under the tree's own scripts/checkpatch.pl, and the series `git am`
# clean, in order, on the default (baseline) tree.  One PASS/FAIL line per
# check.
#
# checkpatch looks a Fixes: tag's commit up in the git history it runs in;
# the commits named are upstream ones, which a Debian source tree does not
# carry, so that one lookup (UNKNOWN_COMMIT_ID) is left out.
set -u

tmp=${1:?usage: fixes-test.sh TMPDIR}/fixes
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
base=$(sed -n 's/^BASE_TREE := //p' build/trees.mk)
series=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' patches/fixes/series)
git="git -c user.name=ptfuzz -c user.email=ptfuzz@localhost"

rm -rf "$tmp"
mkdir -p "$tmp/repo"

for p in $series; do
	if perl "$base/scripts/checkpatch.pl" --no-tree --quiet \
		--ignore UNKNOWN_COMMIT_ID - <"patches/fixes/$p" >"$tmp/cp" 2>&1; then
		echo "PASS checkpatch fixes/$p"
	else
		sed 's/^/  /' "$tmp/cp"
		echo "FAIL checkpatch fixes/$p"
	fi
done

files=$(for p in $series; do sed -n 's|^+++ b/||p' "patches/fixes/$p"; done | sort -u)
for f in $files; do
	[ -f "$base/$f" ] || { echo "FAIL fixes: the default tree has no $f"; exit 0; }
	mkdir -p "$tmp/repo/$(dirname "$f")"
	cp "$base/$f" "$tmp/repo/$f"
done
$git -C "$tmp/repo" init -q
$git -C "$tmp/repo" add -A
$git -C "$tmp/repo" commit -q -m base
for p in $series; do
	if ! $git -C "$tmp/repo" am -q "$top/patches/fixes/$p" >"$tmp/am" 2>&1; then
		sed 's/^/  /' "$tmp/am"
		echo "FAIL git am fixes/$p"
		exit 0
	fi
done
echo "PASS git am: patches/fixes/ ($(echo "$series" | wc -l) patches) applies in order to $(basename "$base")"
