#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/trees-test.sh TMPDIR - trees the port does not fit, made from the
# default tree: each must still build and replay what it can, and say so.
#
#   drift     io-pgtable-arm-v7s.c no longer matches 0003: the iopgtable
#             unit runs with the differential off, genpt with it on
#   drift+bug the same, with a v7s lookup that drops the page offset: the
#             legacy lookup check of a differential-off run must catch it
#   no-genpt  no generic_pt sources: genpt is left out, iopgtable runs
#   vfio-drift vfio_iommu_type1.c no longer matches 0024: vfio_type1 runs
#             with the differential off, iommufd with it on
#   no-iommufd no iommufd sources: iommufd is left out, vfio_type1 stays
#
# Prints PASS/FAIL lines; cheap: one replay driver per unit and tree.
set -u

tmp=${1:?usage: trees-test.sh TMPDIR}/trees
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${PTF_BUILD:-build}
base=$(sed -n 's/^BASE_TREE := //p' "$B/trees.mk")
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"

ok() { echo "PASS $*"; }
ko() { echo "FAIL $*"; }

# copy_tree NAME: a copy of the default tree; drivers/iommu is our own.
copy_tree() {
	mkdir -p "$tmp/$1/drivers"
	cp -al "$base/include" "$base/Makefile" "$tmp/$1/"
	cp -a "$base/drivers/iommu" "$tmp/$1/drivers/"
}

# copy_caller_tree NAME: the same, with the callers' files (VFIO, lib/).
copy_caller_tree() {
	copy_tree "$1"
	mkdir -p "$tmp/$1/drivers/vfio"
	cp -a "$base/drivers/vfio/vfio_iommu_type1.c" "$base/drivers/vfio/vfio_main.c" \
		"$base/drivers/vfio/"*.h "$tmp/$1/drivers/vfio/"
	cp -al "$base/lib" "$tmp/$1/"
}

# in_tree NAME CMD...: CMD with KSRC=$tmp/NAME and its own build dir (the
# toolchain probe's result is copied: same compiler, same flags).
in_tree() {
	name=$1
	shift
	if [ ! -d "$tmp/b-$name/toolchain" ]; then
		mkdir -p "$tmp/b-$name"
		cp -a "$B/toolchain" "$tmp/b-$name/"
	fi
	env KSRC="$tmp/$name" PTF_BUILD="$tmp/b-$name" "$@"
}

# expect_line NAME WHAT PATTERN: the output of the last step has PATTERN.
expect_line() {
	if grep -q -- "$3" "$tmp/out"; then
		ok "trees: $1: $2"
	else
		sed 's/^/  /' "$tmp/out"
		ko "trees: $1: $2 (no line '$3')"
	fi
}

replay() {
	name=$1 t=$2
	if in_tree "$name" make -s -j2 "$tmp/b-$name/tools/bin/$t-run" >"$tmp/out" 2>&1 &&
	   "$tmp/b-$name/tools/bin/$t-run" "corpus/$t" >"$tmp/out" 2>&1; then
		ok "trees: $name: corpus/$t replays ($(tail -n 1 "$tmp/out"))"
	else
		tail -n 30 "$tmp/out"
		ko "trees: $name: corpus/$t"
	fi
}

rm -rf "$tmp"
mkdir -p "$tmp"

# drift: 0003 (and 0029, 0031 after it) no longer applies to v7s.
copy_tree drift
sed -i 's/arm_v7s_iova_to_phys/arm_v7s_lookup/g' "$tmp/drift/drivers/iommu/io-pgtable-arm-v7s.c"
in_tree drift make -s show-units >"$tmp/out" 2>&1
expect_line drift "iopgtable's differential is off" \
	'^iopgtable|arm_lpae arm_v7s dart|off (0003: drivers/iommu/io-pgtable-arm-v7s.c: .*FAILED)|applied 1-2,4,30,32-33 failed 3,29,31 notneeded 5-28,fixes/13-15$'
expect_line drift "genpt's is on" '^genpt|.*|on|applied 1,5,33 failed none notneeded 2-4,6-32,fixes/13-15$'
replay drift arm_v7s
replay drift pt_x86_64
in_tree drift ./run-fuzz.sh fuzz arm_v7s -t 2 >"$tmp/out" 2>&1
expect_line drift "fuzz shows the differential off" '^arm_v7s .* off  '
expect_line drift "fuzz shows why and the patches" \
	'patches applied 1-2,4,30,32-33; failed 3,29,31; not needed 5-28'

# drift+bug: a lookup that loses the offset inside the page.
copy_tree bug
sed -i -e 's/arm_v7s_iova_to_phys/arm_v7s_lookup/g' \
	-e 's/return iopte_to_paddr(pte, lvl, &data->iop.cfg) | (iova & ~mask);/return iopte_to_paddr(pte, lvl, \&data->iop.cfg);/' \
	"$tmp/bug/drivers/iommu/io-pgtable-arm-v7s.c"
if cmp -s "$tmp/bug/drivers/iommu/io-pgtable-arm-v7s.c" "$tmp/drift/drivers/iommu/io-pgtable-arm-v7s.c"; then
	ko "trees: drift+bug: the lookup mutation no longer applies to v7s"
else
	printf 'target arm_v7s\nconfig pgsizes=4K|64K|1M|16M ias=32 oas=32 coherent=yes\nmap iova=0x100000 pa=0x40100000 size=1M prot=RW\nlookup iova=0x100123\n' >"$tmp/bug.prog"
	if in_tree bug make -s -j2 "$tmp/b-bug/tools/bin/arm_v7s-run" >"$tmp/out" 2>&1 &&
	   "$tmp/b-bug/tools/bin/arm_v7s-run" -e "$tmp/bug.prog" >"$tmp/bug.in"; then
		"$tmp/b-bug/tools/bin/arm_v7s-run" "$tmp/bug.in" >"$tmp/out" 2>&1
		expect_line drift+bug "the legacy lookup check catches it" \
			'^SUMMARY: ptfuzz: arm_v7s: lookup: iova_to_phys disagrees with the model$'
		expect_line drift+bug "the report says why the differential is off" \
			'^differential: off (0003: drivers/iommu/io-pgtable-arm-v7s.c: '
	else
		tail -n 30 "$tmp/out"
		ko "trees: drift+bug: build"
	fi
fi

# no-genpt: a tree without generic_pt's sources.  (Its header stays: this
# iommu.c's core functions use struct pt_iommu.  A tree from before
# generic_pt, such as 6.1, has neither; run-fuzz.sh runs on one.)
copy_tree no-genpt
rm -rf "$tmp/no-genpt/drivers/iommu/generic_pt"
in_tree no-genpt make -s show-units >"$tmp/out" 2>&1
expect_line no-genpt "genpt is left out" '^genpt|pt_.*|left out|the tree lacks drivers/iommu/generic_pt/fmt/$'
expect_line no-genpt "iopgtable runs with the differential on" \
	'^iopgtable|arm_lpae arm_v7s dart|on|applied 1-4,29-33 failed none notneeded 5-28,fixes/13-15$'
in_tree no-genpt make -s list-targets >"$tmp/out" 2>&1
# iopgtable's and the drivers' targets, none of generic_pt's (pt_*).
expect_line no-genpt "no generic_pt target" '^arm_lpae arm_v7s dart\( [a-oq-z][a-z0-9_]*\)*$'
replay no-genpt arm_lpae
in_tree no-genpt ./run-fuzz.sh fuzz pt_amdv1 -t 1 >"$tmp/out" 2>&1
expect_line no-genpt "a genpt target is refused with the reason" \
	'fuzz: pt_amdv1 is not built for this tree (genpt left out: the tree lacks drivers/iommu/generic_pt/fmt/)'

# vfio-drift: 0024 no longer applies to vfio_iommu_type1.c.
copy_caller_tree vfio-drift
sed -i 's|phys = iommu_iova_to_phys(domain->domain, iova);|phys = iommu_iova_to_phys(domain->domain, iova); /* drift */|' \
	"$tmp/vfio-drift/drivers/vfio/vfio_iommu_type1.c"
in_tree vfio-drift make -s show-units >"$tmp/out" 2>&1
expect_line vfio-drift "vfio_type1's differential is off" \
	'^vfio_type1|vfio_type1|off (0024: drivers/vfio/vfio_iommu_type1.c: .*FAILED)|'
expect_line vfio-drift "iommufd's is on" '^iommufd|iommufd|on|applied 1-5,25,29-33 failed none '
replay vfio-drift vfio_type1

# no-iommufd: a tree without iommufd's IOAS (before 6.2); the callers'
# twin builds VFIO type1 alone.
copy_caller_tree no-iommufd
(cd "$tmp/no-iommufd/drivers/iommu/iommufd" &&
	rm -f pages.c io_pagetable.c ioas.c main.c device.c hw_pagetable.c hwpt_noiommu.c)
in_tree no-iommufd make -s show-units >"$tmp/out" 2>&1
expect_line no-iommufd "iommufd is left out" '^iommufd|iommufd|left out|the tree lacks drivers/iommu/iommufd/pages.c$'
expect_line no-iommufd "vfio_type1 runs with the differential on" '^vfio_type1|vfio_type1|on|'
in_tree no-iommufd ./run-fuzz.sh fuzz iommufd -t 1 >"$tmp/out" 2>&1
expect_line no-iommufd "the iommufd target is refused with the reason" \
	'fuzz: iommufd is not built for this tree (iommufd left out: the tree lacks drivers/iommu/iommufd/pages.c)'

rm -rf "$tmp"
