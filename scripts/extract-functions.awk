#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Print top-level C function definitions of a kernel source file: the named
# roots and every function of the same file they call, directly or not, in
# file order, each preceded by a #line marker so that compiler diagnostics
# and sanitizer reports point into the tree under test.
#
#   awk -v roots="iommu_map iommu_unmap iommu_iova_to_phys_length?" \
#       -f extract-functions.awk drivers/iommu/iommu.c
#
# A root ending in '?' is optional.  A definition starts at column 0 with
# "NAME(" (its return type may sit alone on the line before) and ends at
# the first '}' in column 0.  Exit status 3 names any required root that
# the file does not define.

function defined_name(s,    m) {
	if (s !~ /^[A-Za-z_]/ || s ~ /;[ \t]*$/ || s ~ /^(return|else|if|for|while)\>/)
		return ""
	if (!match(s, /[A-Za-z_][A-Za-z0-9_]*\(/))
		return ""
	return substr(s, RSTART, RLENGTH - 1)
}

{
	line[NR] = $0
	if (inside) {
		if ($0 ~ /^}/) {
			last[name] = NR
			inside = 0
		}
		next
	}
	name = defined_name($0)
	if (name == "")
		next
	first[name] = NR
	# A return type alone on the previous line belongs to the definition.
	if (NR > 1 && line[NR - 1] ~ /^[A-Za-z_][A-Za-z0-9_ \t\*]*$/ &&
	    line[NR - 1] !~ /^(EXPORT_SYMBOL|return|else)/)
		first[name] = NR - 1
	inside = ($0 !~ /^}/)
	if (!inside)
		last[name] = NR
}

# Mark @fn and, recursively, every function of this file its body names.
function want(fn,    i, n, words, w) {
	if (fn in wanted || !(fn in last))
		return
	wanted[fn] = 1
	for (i = first[fn]; i <= last[fn]; i++) {
		n = split(line[i], words, /[^A-Za-z0-9_]+/)
		for (w = 1; w <= n; w++)
			if (words[w] in last && words[w] != fn)
				want(words[w])
	}
}

END {
	n = split(roots, list, " ")
	missing = ""
	for (i = 1; i <= n; i++) {
		root = list[i]
		optional = sub(/\?$/, "", root)
		if (root in last)
			want(root)
		else if (!optional)
			missing = missing " " root
	}
	if (missing != "") {
		printf "extract-functions: %s does not define:%s\n", FILENAME, missing > "/dev/stderr"
		exit 3
	}
	# The file's own forward declarations of what it defines later.
	for (i = 1; i <= NR; i++) {
		if (line[i] !~ /^static / || (name = defined_name(line[i])) == "" ||
		    !(name in wanted) || first[name] == i || first[name] == i - 1)
			continue
		for (j = i; j < NR && line[j] !~ /[;{]/; j++)
			;
		if (line[j] !~ /\);[ \t]*$/)
			continue
		printf "#line %d \"%s\"\n", i, FILENAME
		for (k = i; k <= j; k++)
			print line[k]
	}
	for (i = 1; i <= NR; i++) {
		for (fn in wanted)
			if (first[fn] == i) {
				printf "#line %d \"%s\"\n", i, FILENAME
				for (j = i; j <= last[fn]; j++)
					print line[j]
				print ""
			}
	}
}
