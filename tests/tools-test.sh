#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tests/tools-test.sh TMPDIR - bad input to ptfuzz's tools must get one
# clear line on stderr and exit status 2, and leave nothing half-built.
set -u

tmp=${1:?usage: tools-test.sh TMPDIR}/tools
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${PTF_BUILD:-build}
base=$(sed -n 's/^BASE_TREE := //p' "$B/trees.mk")
errors=0

# expect STATUS PATTERN CMD...: CMD exits STATUS with PATTERN on stderr.
expect() {
	want=$1 pattern=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ] || ! grep -q -- "$pattern" "$tmp/err"; then
		echo "tools-test: '$*' exited $got (want $want), stderr:" >&2
		sed 's/^/  /' "$tmp/err" >&2
		errors=$((errors + 1))
	fi
}

rm -rf "$tmp"
mkdir -p "$tmp"

# A tree that does not exist, or lacks a file every unit needs (the core).
expect 2 "KSRC=/nonexistent: no such directory" \
	env KSRC=/nonexistent scripts/prepare-trees.sh "$tmp/b1"
mkdir -p "$tmp/partial"
cp -al "$base/include" "$base/Makefile" "$tmp/partial/"
expect 2 "lacks drivers/iommu/iommu.c" \
	env KSRC="$tmp/partial" scripts/prepare-trees.sh "$tmp/b2"
if ls -d "$tmp/b2/trees/"* >/dev/null 2>&1; then
	echo "tools-test: a failed preparation left $(ls -d "$tmp/b2/trees/"*)" >&2
	errors=$((errors + 1))
fi
# ... and every goal that needs the trees stops with that line.
expect 2 "lacks drivers/iommu/iommu.c" env KSRC="$tmp/partial" PTF_BUILD="$tmp/b2" make -s list-targets
expect 2 "lacks drivers/iommu/iommu.c" env KSRC="$tmp/partial" PTF_BUILD="$tmp/b2" ./run-fuzz.sh fuzz arm_lpae -t 1

# A tree with the core but none of a unit's files: nothing to build.
mkdir -p "$tmp/core/drivers/iommu" "$tmp/core/include"
cp -al "$base/Makefile" "$tmp/core/"
cp -al "$base/drivers/iommu/iommu.c" "$tmp/core/drivers/iommu/"
cp -al "$base/include/linux" "$tmp/core/include/"
rm -rf "$tmp/core/include/linux/io-pgtable.h" "$tmp/core/include/linux/generic_pt"
expect 2 "has none of the files a unit builds" \
	env KSRC="$tmp/core" scripts/prepare-trees.sh "$tmp/b3"

# A tree one of whose files our patches do not apply to is no longer
# fatal: its unit runs with the differential off (tests/trees-test.sh
# builds and runs such trees).
mkdir -p "$tmp/odd/drivers"
cp -al "$base/include" "$base/Makefile" "$tmp/odd/"
cp -a "$base/drivers/iommu" "$tmp/odd/drivers/"
sed -i 's/static phys_addr_t arm_lpae_iova_to_phys(/static phys_addr_t arm_lpae_lookup(/' \
	"$tmp/odd/drivers/iommu/io-pgtable-arm.c"
expect 0 "iopgtable: differential off (0002: drivers/iommu/io-pgtable-arm.c: " \
	env KSRC="$tmp/odd" scripts/prepare-trees.sh "$tmp/b3"

# A baseline that already carries the series.
cand=$(sed -n 's/^CAND_TREE := //p' "$B/trees.mk")
expect 2 "baseline must be a tree without the series" \
	env KSRC="$base" BASE_KSRC="$cand" scripts/prepare-trees.sh "$tmp/b4"

# A tree with the series that does not reverse-apply: fatal, nothing left.
mkdir -p "$tmp/rev/drivers"
cp -al "$cand/include" "$cand/Makefile" "$tmp/rev/"
cp -a "$cand/drivers/iommu" "$tmp/rev/drivers/"
sed -i 's/arm_lpae_iova_to_phys_length/arm_lpae_lookup_length/g' \
	"$tmp/rev/drivers/iommu/io-pgtable-arm.c"
expect 2 "already carries the series in another form (00[0-9]* drivers/iommu/io-pgtable-arm.c" \
	env KSRC="$tmp/rev" scripts/prepare-trees.sh "$tmp/b6"
if ls -d "$tmp/b6/trees/"* >/dev/null 2>&1; then
	echo "tools-test: a failed reverse run left $(ls -d "$tmp/b6/trees/"*)" >&2
	errors=$((errors + 1))
fi

# A compiler that is not there, or that lacks a flag the build passes:
# the probe refuses it by name, and skips it when it looks for one.
expect 2 "CC=/nonexistent/clang: not found" make -s CC=/nonexistent/clang trees
real_cc=$(make -s show-toolchain | cut -d' ' -f1)
llvm_bin=$(make -s show-toolchain | cut -d' ' -f2)
mkdir -p "$tmp/bin"
for tool in llvm-symbolizer llvm-profdata llvm-cov; do
	ln -s "$llvm_bin/$tool" "$tmp/bin/$tool"
done
cat >"$tmp/bin/clang-22" <<EOF
#!/bin/sh
for a in "\$@"; do
	case \$a in -asan-globals-live-support=*) echo "clang: error: unknown argument: '\$a'" >&2; exit 1 ;; esac
done
exec $(command -v "$real_cc") "\$@"
EOF
chmod +x "$tmp/bin/clang-22"
expect 2 "CC=$tmp/bin/clang-22: cannot compile kernel code with the fuzz flags (clang: error: unknown argument: '-asan-globals-live-support=0')" \
	make -s CC="$tmp/bin/clang-22" list-targets
picked=$(PATH=$tmp/bin:$PATH make -s show-toolchain | cut -d' ' -f1)
if [ "$picked" != "$real_cc" ]; then
	echo "tools-test: with clang-22 (lacking a flag) first on PATH, the probe picked '$picked', not $real_cc" >&2
	errors=$((errors + 1))
fi

# A machine whose apt configuration names no Debian mirror.
mkdir -p "$tmp/etc-apt/sources.list.d"
echo "deb https://deb.nodesource.com/node_20.x nodistro main" >"$tmp/etc-apt/sources.list"
expect 2 "has no Debian source" env PTF_APT_ETC="$tmp/etc-apt" scripts/fetch-kernel.sh "$tmp/b5"

# The command line tools.
expect 2 "unknown target" ./run-fuzz.sh fuzz no_such_target
expect 2 "no such file" ./run-fuzz.sh repro /nonexistent/input
expect 2 "unknown command" ./run-fuzz.sh frobnicate

# KUnit export: no file, or a format the tree has no KUnit suite for.
expect 2 "no such file" ./run-fuzz.sh kunit /nonexistent/input
expect 2 "no KUnit suite for this io-pgtable format" \
	./run-fuzz.sh kunit tests/programs/arm_v7s-large-pages.prog
# AFL++: an engine that does not exist.
expect 2 "unknown engine" ./run-fuzz.sh fuzz --engine honggfuzz arm_v7s -t 1
printf 'target arm_lpae\nmap iova=0x1000 size=oops\n' >"$tmp/bad.prog"
expect 2 "bad.prog:2: bad value 'oops'" "$B/tools/bin/arm_lpae-run" -e "$tmp/bad.prog"
printf 'target dart\n' >"$tmp/other.prog"
expect 2 "program is for target 'dart'" "$B/tools/bin/arm_lpae-run" -e "$tmp/other.prog"
# io-pgtable's twins have no master, so no identity domain to look up.
printf 'target arm_lpae\nidentity_lookup iova=0x0\n' >"$tmp/noid.prog"
expect 2 "noid.prog:2: unknown op 'identity_lookup'" "$B/tools/bin/arm_lpae-run" -e "$tmp/noid.prog"

rm -rf "$tmp"
[ $errors = 0 ]
