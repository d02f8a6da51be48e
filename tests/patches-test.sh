#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/patches-test.sh TMPDIR - patches/ must be what it claims: a series
# that `git am` applies in order to the baseline tree, each patch clean
# under the tree's own scripts/checkpatch.pl, and a candidate tree that no
# longer has the legacy iova_to_phys op; and patches/followups/, the
# follow-ups offered on top of the series, as clean and applying after it.
# One PASS/FAIL line per check.
set -u

tmp=${1:?usage: patches-test.sh TMPDIR}/patches
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${PTF_BUILD:-build}
base=$(sed -n 's/^BASE_TREE := //p' "$B/trees.mk")
cand=$(sed -n 's/^CAND_TREE := //p' "$B/trees.mk")
series=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' patches/series)
followups=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's|^|followups/|' patches/followups/series)

rm -rf "$tmp"
mkdir -p "$tmp/repo"

# checkpatch, one patch at a time.  The fixes the port builds on
# (fixes/NNNN) name upstream commits in Fixes: tags, which a Debian source
# tree's history does not have: that one lookup (UNKNOWN_COMMIT_ID) is left
# out, as in tests/fixes-test.sh.
for p in $series $followups; do
	# On stdin: given a path inside a git repository, checkpatch misreads it.
	if perl "$base/scripts/checkpatch.pl" --no-tree --quiet \
		--ignore UNKNOWN_COMMIT_ID - <"patches/$p" >"$tmp/cp" 2>&1; then
		echo "PASS checkpatch $p"
	else
		sed 's/^/  /' "$tmp/cp"
		echo "FAIL checkpatch $p"
	fi
done

# git am onto the files the series (and its follow-ups) touch, taken from
# the baseline.
files=$(for p in $series $followups; do sed -n 's|^+++ b/||p; s|^--- a/||p' "patches/$p"; done |
	sort -u | grep -v '^/dev/null')
for f in $files; do
	[ -f "$base/$f" ] || continue
	mkdir -p "$tmp/repo/$(dirname "$f")"
	cp "$base/$f" "$tmp/repo/$f"
done
git -C "$tmp/repo" init -q
git -C "$tmp/repo" -c user.name=ptfuzz -c user.email=ptfuzz@localhost add -A
git -C "$tmp/repo" -c user.name=ptfuzz -c user.email=ptfuzz@localhost \
	commit -q -m base
# git am PATCH... in order: 0 when all applied, with a FAIL line for the first that did not.
am_all() {
	for p in "$@"; do
		if ! git -C "$tmp/repo" -c user.name=ptfuzz -c user.email=ptfuzz@localhost \
			am -q "$top/patches/$p" >"$tmp/am" 2>&1; then
			sed 's/^/  /' "$tmp/am"
			echo "FAIL git am $p"
			return 1
		fi
	done
}
# shellcheck disable=SC2086
if am_all $series; then
	echo "PASS git am: $(echo "$series" | wc -l) patches apply in order"
	# The follow-ups, on top of the whole series.
	am_all $followups &&
		echo "PASS git am: patches/followups/ ($(echo "$followups" | wc -l) patches) applies in order on top of the series"
fi

# The end state: the legacy op is gone, the new one is everywhere it was.
if grep -q '(\*iova_to_phys)(' "$cand/include/linux/iommu.h" \
	"$cand/include/linux/io-pgtable.h"; then
	echo "FAIL series end state: iova_to_phys is still in iommu_domain_ops or io_pgtable_ops"
else
	echo "PASS series end state: iova_to_phys removed from iommu_domain_ops and io_pgtable_ops"
fi
rm -rf "$tmp"
