#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-test-port.sh [-j JOBS] [CONFIG...]
#
# The port's build test, outside make check (it needs a whole kernel tree
# and cross compilers): for each configuration, prepare a kernel build, then
# at every commit of patches/ compile each object the commit touches that
# the configuration enables, and at the end of the series the whole of
# drivers/iommu/, drivers/vfio/ and the panfrost and panthor drivers the
# configuration builds.  Prints one line per build and a closing
# "N builds, N failed"; a build log per failure is kept under
# build/port-build/.
#
# The configurations (all by default): x86_64 i386 arm64 arm s390 ppc32.
# The tree: KSRC=DIR (a whole kernel tree without the series), else the
# whole of Debian's linux-source package that scripts/fetch-kernel.sh
# downloaded, extracted under build/port-build/src.  Cross compilers come
# from Debian (gcc-aarch64-linux-gnu, ...; scripts/setup-deps.sh installs
# them).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/port-build
jobs=$(nproc)
if [ "${1:-}" = -j ]; then
	jobs=${2:?-j needs JOBS}
	shift 2
fi
configs=${*:-x86_64 i386 arm64 arm s390 ppc32}

die() {
	echo "ptfuzz: build-test-port: $*" >&2
	exit 2
}

# NAME -> ARCH, CROSS_COMPILE, base config, options to enable.
config_of() {
	case $1 in
	x86_64) echo "x86_64||allmodconfig|" ;;
	i386) echo "i386||allmodconfig|" ;;
	arm64) echo "arm64|aarch64-linux-gnu-|defconfig|COMPILE_TEST ARM_SMMU ARM_SMMU_V3 ARM_SMMU_QCOM QCOM_IOMMU TEGRA_IOMMU_SMMU APPLE_DART IPMMU_VMSA MTK_IOMMU ROCKCHIP_IOMMU SUN50I_IOMMU EXYNOS_IOMMU VIRTIO_IOMMU IOMMUFD VFIO VFIO_IOMMU_TYPE1 DRM_PANFROST DRM_PANTHOR" ;;
	arm) echo "arm|arm-linux-gnueabihf-|multi_v7_defconfig|ARM_LPAE COMPILE_TEST MSM_IOMMU MTK_IOMMU MTK_IOMMU_V1 SPRD_IOMMU SUN50I_IOMMU VSI_IOMMU APPLE_DART IPMMU_VMSA OMAP_IOMMU IOMMU_IO_PGTABLE_ARMV7S IOMMU_IO_PGTABLE_ARMV7S_SELFTEST" ;;
	s390) echo "s390|s390x-linux-gnu-|defconfig|PCI S390_IOMMU" ;;
	ppc32) echo "powerpc|powerpc-linux-gnu-|corenet32_smp_defconfig|FSL_PAMU" ;;
	*) return 1 ;;
	esac
}

package_of() {
	case $1 in
	aarch64-linux-gnu-) echo gcc-aarch64-linux-gnu ;;
	arm-linux-gnueabihf-) echo gcc-arm-linux-gnueabihf ;;
	s390x-linux-gnu-) echo gcc-s390x-linux-gnu ;;
	powerpc-linux-gnu-) echo gcc-powerpc-linux-gnu ;;
	esac
}

pkgs="gcc flex bison bc libelf-dev libssl-dev git"
for c in $configs; do
	spec=$(config_of "$c") || die "unknown configuration '$c' (x86_64 i386 arm64 arm s390 ppc32)"
	cross=$(echo "$spec" | cut -d'|' -f2)
	[ -n "$cross" ] && pkgs="$pkgs $(package_of "$cross")"
done
# shellcheck disable=SC2086
"$top/scripts/setup-deps.sh" $pkgs || exit 2

# A whole tree, as a git repository with the series applied commit by commit.
mkdir -p "$out"
src=${KSRC:-}
if [ -z "$src" ]; then
	deb=$(ls "$top"/build/debian/linux-source-*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || die "no kernel package in build/debian: run 'make trees' first, or give KSRC=DIR"
	src=$out/src/$(basename "$deb" .deb)
	if [ ! -f "$src/.ptfuzz-whole" ]; then
		echo "extracting the whole tree from $(basename "$deb")"
		rm -rf "$src" && mkdir -p "$src"
		dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
			tar -xJ -C "$src" --strip-components=1
		touch "$src/.ptfuzz-whole"
	fi
fi
[ -f "$src/Makefile" ] && [ -d "$src/drivers/iommu" ] || die "$src is not a kernel tree"
repo=$out/repo
if [ ! -d "$repo/.git" ] || [ "$(cat "$out/repo.src" 2>/dev/null)" != "$src" ]; then
	echo "making a git repository of $src"
	rm -rf "$repo"
	cp -al "$src" "$repo" 2>/dev/null || cp -a "$src" "$repo"
	git -C "$repo" init -q
	# -f: Debian's linux-source ships a .gitignore that ignores the top level.
	git -C "$repo" add -A -f
	git -C "$repo" -c user.name=ptfuzz -c user.email=ptfuzz@localhost commit -q -m base
	git -C "$repo" tag -f base >/dev/null
	echo "$src" >"$out/repo.src"
fi
git -C "$repo" checkout -q -f base
git -C "$repo" branch -q -f series base
git -C "$repo" checkout -q series
for p in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/patches/series"); do
	git -C "$repo" -c user.name=ptfuzz -c user.email=ptfuzz@localhost am -q "$top/patches/$p" ||
		die "$p does not apply to $src"
done
commits=$(git -C "$repo" rev-list --reverse base..series)

builds=0 failed=0
# build CONFIG-DIR ARCH CROSS WHAT TARGET...: one make run, one result line.
build() {
	dir=$1 arch=$2 cross=$3 what=$4
	shift 4
	builds=$((builds + 1))
	log=$dir/log-$builds
	if make -s -C "$repo" O="$dir" ARCH="$arch" ${cross:+CROSS_COMPILE=$cross} \
		-j"$jobs" "$@" >"$log" 2>&1 && ! grep -q -E 'warning:|error:' "$log"; then
		echo "ok    $what"
		rm -f "$log"
	else
		failed=$((failed + 1))
		echo "FAIL  $what (see $log)"
	fi
}

# Objects a commit touches that a configuration builds (obj-y or obj-m).
objects_of() {
	dir=$1 commit=$2
	git -C "$repo" diff-tree --no-commit-id --name-only -r "$commit" -- '*.c' |
	while read -r f; do
		d=$(dirname "$f") o=$(basename "$f" .c).o
		sym=$(sed -n "s/^obj-\$(\(CONFIG_[A-Z0-9_]*\))[[:space:]]*+=.*[[:space:]]$o\\b.*/\1/p;
			s/^obj-\$(\(CONFIG_[A-Z0-9_]*\))[[:space:]]*+=[[:space:]]*$o\$/\1/p" \
			"$repo/$d/Makefile" 2>/dev/null | head -n 1)
		[ -n "$sym" ] && grep -q "^$sym=[ym]" "$dir/.config" && echo "$d/$o"
	done
}

start=$(date +%s)
for c in $configs; do
	IFS='|' read -r arch cross base opts <<EOF
$(config_of "$c")
EOF
	dir=$out/$c
	mkdir -p "$dir"
	git -C "$repo" checkout -q base
	make -s -C "$repo" O="$dir" ARCH="$arch" ${cross:+CROSS_COMPILE=$cross} "$base" >/dev/null
	for o in $opts; do
		"$repo/scripts/config" --file "$dir/.config" --enable "$o"
	done
	make -s -C "$repo" O="$dir" ARCH="$arch" ${cross:+CROSS_COMPILE=$cross} olddefconfig >/dev/null
	make -s -C "$repo" O="$dir" ARCH="$arch" ${cross:+CROSS_COMPILE=$cross} -j"$jobs" prepare >/dev/null 2>&1 ||
		die "$c: 'make prepare' failed"
	n=0
	for commit in $commits; do
		n=$((n + 1))
		git -C "$repo" checkout -q "$commit"
		for obj in $(objects_of "$dir" "$commit"); do
			build "$dir" "$arch" "$cross" "$c: patch $n: $obj" "$obj"
		done
	done
	dirs=""
	for d in drivers/iommu/ drivers/vfio/ drivers/gpu/drm/panfrost/ drivers/gpu/drm/panthor/; do
		case $d in
		*panfrost*) grep -q '^CONFIG_DRM_PANFROST=[ym]' "$dir/.config" || continue ;;
		*panthor*) grep -q '^CONFIG_DRM_PANTHOR=[ym]' "$dir/.config" || continue ;;
		*vfio*) grep -q '^CONFIG_VFIO=[ym]' "$dir/.config" || continue ;;
		esac
		dirs="$dirs $d"
	done
	# shellcheck disable=SC2086
	build "$dir" "$arch" "$cross" "$c: the series' end:$dirs" $dirs
done
echo "$builds builds, $failed failed ($(( ($(date +%s) - start) / 60 )) min; $configs)"
[ "$failed" = 0 ]
