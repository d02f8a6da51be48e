#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0
#
# The ClusterFuzzLite / OSS-Fuzz build: run from the ptfuzz checkout (the
# Dockerfile's WORKDIR), it has the Makefile build every fuzz target with
# the service's $CC, $CFLAGS and $LIB_FUZZING_ENGINE (ENGINE_CFLAGS and
# ENGINE_LINK: its flags on top of ptfuzz's ASan+UBSan build), and puts
# into $OUT, per target T: the binary T, T.dict, T.options and
# T_seed_corpus.zip (corpus/T).
#
#   PTF_TARGETS="T ..."  only those targets (tests/run-tests.sh builds one)
#   PTF_BUILD=DIR        the build directory (default $WORK/ptfuzz); the
#                        kernel tree the Dockerfile fetched into
#                        $SRC/ptfuzz-kernel is used there
#
# Exit status 2, with one line, for a set-up error.

die() {
	echo "ptfuzz: build.sh: $*" >&2
	exit 2
}

{ [ -f Makefile ] && [ -x run-fuzz.sh ]; } || die "run it from the ptfuzz checkout"
: "${OUT:?}" "${WORK:?}" "${SRC:?}"
command -v zip >/dev/null || die "zip not found (apt-get install zip)"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export PTF_BUILD=${PTF_BUILD:-$WORK/ptfuzz}

# The tree the image holds, where scripts/fetch-kernel.sh looks for it.
if [ ! -e "$PTF_BUILD/kernel" ] && [ -d "$SRC/ptfuzz-kernel/kernel" ]; then
	mkdir -p "$PTF_BUILD"
	ln -s "$SRC/ptfuzz-kernel/kernel" "$PTF_BUILD/kernel"
fi

args=(ENGINE_CFLAGS="${CFLAGS:-}" ENGINE_LINK="${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}")
[ -z "${CC:-}" ] || args+=(CC="$CC")

# One parse of the Makefile with PTF_TARGETS (make names a target it lacks).
targets=${PTF_TARGETS:-$(make -s "${args[@]}" list-targets)} ||
	die "the Makefile cannot list the targets (above)"
bins=()
for t in $targets; do
	bins+=("$PTF_BUILD/fuzz/bin/$t")
done
make -s "${args[@]}" "${bins[@]}"

for t in $targets; do
	cp "$PTF_BUILD/fuzz/bin/$t" "$OUT/$t"
	cp "fuzzers/targets/$t.dict" "fuzzers/targets/$t.options" "$OUT/"
	rm -f "$OUT/${t}_seed_corpus.zip"
	zip -q -j -X "$OUT/${t}_seed_corpus.zip" "corpus/$t"/*
	echo "ptfuzz: $OUT/$t, with its dictionary, options and $(ls "corpus/$t" | wc -l) seeds"
done
