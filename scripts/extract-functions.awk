#!/usr/bin/awk -f
# SPDX-License-Identifier: GPL-2.0
#
# Print top-level C definitions of a kernel source file: the named roots
# and every function (with variables=1, also variable or macro) of the same
# file they use, directly or not, in file order, each preceded by a #line
# marker so that compiler diagnostics and sanitizer reports point into the
# tree under test.
#
#   awk -v roots="iommu_map iommu_unmap iommu_iova_to_phys_length?" \
#       [-v stop="name ..."] [-v variables=1] -f extract-functions.awk FILE
#
# A root ending in '?' is optional.  A function definition starts at column
# 0 with "NAME(" (its return type may sit alone on the line before) and
# ends at the first '}' in column 0.  With variables=1, variables and
# macros are followed too: "... NAME = {" at column 0 up to the first "};"
# there, one line "DEFINE_SOMETHING(NAME...);", or "#define NAME" and its
# continuation lines.  Names in @stop are never taken: the file including
# the extract defines them (the hardware boundary of a driver, a table it
# cannot take whole).  Exit status 3 names any required root that the file
# does not define.
#
# A root may also name a file-scope type (struct, union or enum NAME), a
# table or variable (its definition and declarations) or a macro: every
# item of that name is printed, but what it names is not followed.  A
# table of function pointers thus brings in only the functions the caller
# also names; the host file provides the rest.

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
# one-line DEFINE_*() of a lock, an xarray, an IDA, or LIST_HEAD() of a list.
function defined_variable(s,    m) {
	if (match(s, /^(static )?(DEFINE_[A-Z0-9_]+|LIST_HEAD)\([A-Za-z_][A-Za-z0-9_]*[,)]/) && s ~ /;[ \t]*$/) {
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

# The name of a file-scope struct/union/enum, variable or table whose
# definition or declaration starts on @s, or "".
function data_name(s,    t) {
	t = s
	sub(/^(static[ \t]+)?(const[ \t]+)?/, "", t)
	if (match(t, /^(struct|union|enum)[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*(\{|;)/)) {
		t = substr(t, RSTART, RLENGTH)
		sub(/^(struct|union|enum)[ \t]+/, "", t)
		sub(/[ \t]*(\{|;)$/, "", t)
		return t
	}
	if (!match(t, /^(struct|union|enum)[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t\*]+[A-Za-z_][A-Za-z0-9_]*[ \t]*(\[[^]]*\])?[ \t]*(=|;)/) &&
	    !match(t, /^(unsigned[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t\*]+[A-Za-z_][A-Za-z0-9_]*[ \t]*(\[[^]]*\])?[ \t]*(=|;)/))
		return ""
	t = substr(t, RSTART, RLENGTH)
	sub(/[ \t]*(\[[^]]*\])?[ \t]*(=|;)$/, "", t)
	sub(/^.*[ \t\*]/, "", t)
	return t
}

# A data item (or macro) named @n spans lines @a..@b.
function add_item(n, a, b) {
	nitems++
	item_name[nitems] = n
	item_first[nitems] = a
	item_last[nitems] = b
	has_item[n] = 1
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
	if (in_data) {
		if ($0 ~ /^}/) {
			item_last[nitems] = NR
			in_data = 0
		}
		next
	}
	if (in_macro) {
		if ($0 !~ /\\$/) {
			item_last[nitems] = NR
			in_macro = 0
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
	if ($0 ~ /^#define[ \t]+[A-Za-z_]/) {
		n = $2
		sub(/\(.*/, "", n)
		add_item(n, NR, NR)
		in_macro = ($0 ~ /\\$/)
		next
	}
	if ((n = data_name($0)) != "") {
		add_item(n, NR, NR)
		in_data = ($0 !~ /;[ \t]*$/)
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
		if (root in has_item)
			data_wanted[root] = 1
		if (root in last)
			want(root)
		else if (!(root in has_item) && !optional)
			missing = missing " " root
	}
	if (missing != "") {
		printf "extract-functions: %s does not define:%s\n", FILENAME, missing > "/dev/stderr"
		exit 3
	}
	for (k = 1; k <= nitems; k++)
		if (item_name[k] in data_wanted)
			item_at[item_first[k]] = k
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
		if (i in item_at) {
			k = item_at[i]
			printf "#line %d \"%s\"\n", i, FILENAME
			for (j = i; j <= item_last[k]; j++)
				print line[j]
			print ""
		}
		for (fn in wanted)
			if (first[fn] == i) {
				printf "#line %d \"%s\"\n", i, FILENAME
				for (j = i; j <= last[fn]; j++)
					print line[j]
				print ""
			}
	}
}
