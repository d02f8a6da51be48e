# SPDX-License-Identifier: GPL-2.0
#
# awk -v expfile=EXPORT -f kunit-insert.awk TESTFILE
#
# Print TESTFILE (a tree's KUnit test: io-pgtable-arm-selftests.c,
# generic_pt/kunit_iommu_pt.h) with the test case that <target>-run -k
# exported into EXPORT added: the function before the kunit_case array,
# its entry at the array's end, both inside the export's guard if it has
# one.  Exit status 1 if the file has no kunit_case array.
BEGIN {
	while ((getline l < expfile) > 0) {
		if (sub(/^\/\/ ptfuzz-kunit-guard: /, "", l)) {
			guard = l
			continue
		}
		if (sub(/^\/\/ ptfuzz-kunit-case: /, "", l)) {
			kcase = l
			continue
		}
		if (l ~ /^\/\/ ptfuzz-kunit-file: /)
			continue
		fn = fn l "\n"
	}
}

/^static struct kunit_case [a-z_]*\[\] = \{$/ && !done {
	if (guard != "")
		printf "%s\n", guard
	printf "%s", fn
	if (guard != "")
		printf "#endif\n"
	printf "\n"
	inarray = 1
}

inarray && /^\t\{\},$/ {
	if (guard != "")
		printf "%s\n", guard
	printf "\t%s\n", kcase
	if (guard != "")
		printf "#endif\n"
	inarray = 0
	done = 1
}

{ print }

END {
	if (!done)
		exit 1
}
