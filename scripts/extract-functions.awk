#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Print top-level C definitions of a kernel source file: the named roots
# and every function or variable of the same file they use, directly or
# not, in file order, each preceded by a #line marker so that compiler
# diagnostics and sanitizer reports point into the tree under test.
#
#   awk -v roots="iommu_map iommu_unmap iommu_iova_to_phys_length?" \
#       [-v stop="name ..."] [-v variables=1] -f extract-functions.awk FILE
#
# A root ending in '?' is optional.  A function definition starts at column
# 0 with "NAME(" (its return type may sit alone on the line before) and
# ends at the first '}' in column 0.  With variables=1, variables and
# macros are taken too: "... NAME = {" at column 0 up to the first "};"
# there, one line "DEFINE_SOMETHING(NAME...);", or "#define NAME" and its
# continuation lines.
# Names in @stop are never taken: the file including the extract defines
# them (the hardware boundary of a driver, a table it cannot take whole).
# Exit status 3 names any required root that the file does not define.

function defined_name(s,    m) {
	if (s !~ /^[A-Za-z_]/ || s ~ /;[ \t]*$/ || s ~ /^(return|else|if|for|while)\>/)
		return ""
	if (!match(s, /[A-Za-z_][A-Za-z0-9_]*\(/))
		return ""
	# A macro invocation (MODULE_PARM_DESC(...) over two lines) is no function.
	if (substr(s, RSTART, RLENGTH - 1) ~ /^[A-Z][A-Z0-9_]*$/)
		return ""
	return substr(s, RSTART, RLENGTH - 1)
}

# A variable defined at column 0: an initialised struct or array, or a
# one-line DEFINE_*() of a lock, an xarray, an IDA.
function defined_variable(s,    m) {
	if (match(s, /^(static )?DEFINE_[A-Z0-9_]+\([A-Za-z_][A-Za-z0-9_]*[,)]/) && s ~ /;[ \t]*$/) {
		m = substr(s, RSTART, RLENGTH - 1)
		sub(/^.*\(/, "", m)
		return m
	}
	if (s !~ /^[a-z].* = \{[ \t]*$/ || s ~ /\(/)
		return ""
	m = s
	sub(/(\[[^]]*\])* = \{[ \t]*$/, "", m)
	sub(/^.*[ \t*]/, "", m)
	return m
}

{
	line[NR] = $0
	if (inside == 3) {
		if ($0 !~ /\\$/) {
			last[name] = NR
			inside = 0
		}
		next
	}
	if (inside == 2) {
		if ($0 ~ /^};/) {
			last[name] = NR
			inside = 0
		}
		next
	}
	if (inside) {
		if ($0 ~ /^}/) {
			last[name] = NR
			inside = 0
		}
		next
	}
	if (variables && match($0, /^#define [A-Za-z_][A-Za-z0-9_]*/)) {
		name = substr($0, 9, RLENGTH - 8)
		first[name] = NR
		inside = $0 ~ /\\$/ ? 3 : 0
		if (!inside)
			last[name] = NR
		next
	}
	name = variables ? defined_variable($0) : ""
	if (name != "") {
		first[name] = NR
		inside = $0 ~ /;[ \t]*$/ ? 0 : 2
		if (!inside)
			last[name] = NR
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
	if (fn in wanted || !(fn in last) || fn in stopped)
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
	n = split(stop, list, " ")
	for (i = 1; i <= n; i++)
		stopped[list[i]] = 1
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
