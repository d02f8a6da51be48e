#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernel.sh BUILD_DIR
#
# Download Debian's linux-source package for the default kernel and extract
# the paths ptfuzz needs into BUILD_DIR/kernel/<package>/, without root and
# without touching the system's apt state (a project-local sources list,
# lists and cache under BUILD_DIR/apt).  Prints the tree's path on stdout.
#
# PTF_KERNEL_PKG picks the package (default linux-source-7.3), from the
# suites trixie-backports, sid, trixie and the machine's own.  When Debian
# no longer carries it, the newest linux-source-X.Y is used instead, and the
# substitution is announced on stderr.  An extracted tree is reused as long
# as its stamp is complete, so later runs work offline.
set -eu

build=${1:?usage: fetch-kernel.sh BUILD_DIR}
mkdir -p "$build"
build=$(cd "$build" && pwd)
want=${PTF_KERNEL_PKG:-linux-source-7.3}
here=$(cd "$(dirname "$0")" && pwd)
apt_dir=$build/apt
kernel_dir=$build/kernel

die() {
	echo "ptfuzz: $*" >&2
	exit 2
}

for tool in apt-get apt-cache dpkg-deb tar xz; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "fetch-kernel: '$tool' not found; install it (Debian: apt-get install apt dpkg tar xz-utils) or give a tree with KSRC=DIR"
done

# The paths to extract, and a key for them: an extraction made from
# another list (a new driver needs a file it lacks) is made again.
paths_list=$(sed -e 's/#.*//' -e '/^$/d' "$here/kernel-paths.txt")
paths_key=$(echo "$paths_list" | sha256sum | cut -c1-12)

# Extract the paths ptfuzz needs from $1, package $2 version $3, into
# $kernel_dir/$2, and point $pointer at it.
extract() {
	deb=$1 pkg=$2 version=$3
	tree=$kernel_dir/$pkg
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	echo "ptfuzz: extracting the paths ptfuzz needs from $(basename "$deb")" >&2
	paths=$(echo "$paths_list" | sed "s|^|$pkg/|")
	# Older trees lack some paths (panthor is new in 6.10): only those may fail.
	# shellcheck disable=SC2086
	err=$(dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$tree.tmp" $paths 2>&1) ||
		! echo "$err" | grep -v -e 'Not found in archive' -e 'Exiting with failure status' | grep -q . ||
		die "fetch-kernel: $deb does not hold the expected /usr/src/$pkg.tar.xz ($(echo "$err" | head -n 1))"
	mv "$tree.tmp/$pkg" "$tree"
	rmdir "$tree.tmp"
	echo "$pkg $version paths=$paths_key" >"$tree/.ptfuzz-extracted"
	echo "$tree" >"$pointer"
	echo "$tree"
}

# A finished extraction from an earlier run: no network needed.  One of
# another path list is redone from the package it came from, if kept.
pointer=$kernel_dir/$want.tree
if [ -f "$pointer" ]; then
	tree=$(cat "$pointer")
	stamp=$tree/.ptfuzz-extracted
	if [ -f "$stamp" ] && grep -q " paths=$paths_key\$" "$stamp"; then
		echo "$tree"
		exit 0
	fi
	if [ -f "$stamp" ]; then
		read -r pkg version _ <"$stamp"
		for deb in "$build/debian/${pkg}_"*.deb; do
			if [ -f "$deb" ]; then
				echo "ptfuzz: $tree was extracted for other paths (scripts/kernel-paths.txt changed)" >&2
				extract "$deb" "$pkg" "$version"
				exit 0
			fi
		done
	fi
fi

# The machine's own Debian mirror and key, so that a local mirror or a
# proxy is respected; only the suite is ours.  PTF_APT_ETC: tests only.
etc=${PTF_APT_ETC:-/etc/apt}
mirror=$({
	[ -f "$etc/sources.list" ] && sed 's/^/L /' "$etc/sources.list"
	for f in "$etc"/sources.list.d/*.list; do
		[ -f "$f" ] && sed 's/^/L /' "$f"
	done
	for f in "$etc"/sources.list.d/*.sources; do
		[ -f "$f" ] && { sed 's/^/S /' "$f"; echo S; }
	done
} | awk -f "$here/debian-mirror.awk")
[ -n "$mirror" ] ||
	die "fetch-kernel: $etc has no Debian source (a 'deb' entry for bookworm, trixie, sid, ...); add one or give a tree with KSRC=DIR"
# shellcheck disable=SC2086
set -- $mirror
uri=$1 key=$2 own=$3
# Without a Signed-By (or with an inline key), apt's trusted keys apply.
case $key in
-) opts="" ;;
*) opts="[signed-by=$key] " ;;
esac
# Newer kernels from trixie-backports and sid; trixie's own and the
# machine's own release reach the older ones (linux-source-6.12, -6.1, ...).
suites=$(printf '%s\n' trixie-backports sid trixie "$own" | awk '!seen[$0]++' | tr '\n' ' ')

mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
	"$apt_dir/sources.list.d" "$kernel_dir" "$build/debian"
for suite in $suites; do
	echo "deb ${opts}$uri $suite main"
done >"$apt_dir/sources.list"
apt_opts="-o Dir::Etc::sourcelist=$apt_dir/sources.list -o Dir::Etc::sourceparts=$apt_dir/sources.list.d
 -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache
 -o Debug::NoLocking=1 -o APT::Sandbox::User=root"

echo "ptfuzz: reading Debian package lists (${suites% }) from $uri" >&2
# shellcheck disable=SC2086
apt-get -qq $apt_opts update >&2 ||
	die "fetch-kernel: apt-get update from $uri failed; give a tree with KSRC=DIR"

pkg=$want
# shellcheck disable=SC2086
if ! apt-cache $apt_opts show "$pkg" >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	pkg=$(apt-cache $apt_opts search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
		awk '{print $1}' | sort -V | tail -n 1)
	[ -n "$pkg" ] || die "fetch-kernel: Debian carries no linux-source package; give a tree with KSRC=DIR"
	echo "ptfuzz: NOTE: $want is no longer in Debian; falling back to $pkg, the newest available" >&2
fi

# shellcheck disable=SC2086
version=$(apt-cache $apt_opts policy "$pkg" | awk '$1 == "Candidate:" {print $2; exit}')
echo "ptfuzz: downloading $pkg $version (~170 MB)" >&2
rm -f "$build/debian/${pkg}_"*.deb
# shellcheck disable=SC2086
(cd "$build/debian" && apt-get -qq $apt_opts download "$pkg") >&2 ||
	die "fetch-kernel: could not download $pkg"
deb=$(ls "$build/debian/${pkg}_"*.deb)

extract "$deb" "$pkg" "$version"
