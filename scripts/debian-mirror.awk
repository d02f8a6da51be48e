# SPDX-License-Identifier: GPL-2.0
#
# debian-mirror.awk - the machine's own Debian mirror, from its apt sources.
#
# Input: apt source files, each line prefixed "L " (one-line sources.list
# format) or "S " (deb822 .sources; each file ends with a bare "S").
# Output: "URI KEY SUITE" for the first enabled "deb" entry of a Debian
# suite that is not the security archive; KEY is its Signed-By file, or
# "-" (none, or a key given inline);
# SUITE is the release it names (bookworm for bookworm-updates).

function release(suite) {
	sub(/-(updates|backports|backports-sloppy|proposed-updates)$/, "", suite)
	return suite
}

function debian(suite) {
	return release(suite) ~ /^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|oldstable|testing|unstable)$/
}

function take(uri, suites, key, enabled,    n, i, s) {
	if (found || enabled == "no" || uri ~ /security/)
		return
	n = split(suites, s, " ")
	for (i = 1; i <= n; i++)
		if (debian(s[i])) {
			# An inline key (deb822) has blanks: apt's trusted keys then.
			print uri, (key == "" || key ~ /BEGIN/ ? "-" : key), release(s[i])
			found = 1
			return
		}
}

# deb [opt=value ...] URI SUITE COMPONENT...
$1 == "L" {
	sub(/^L /, "")
	if ($1 != "deb")
		next
	key = ""
	i = 2
	if ($2 ~ /^\[/) {
		for (; i <= NF; i++) {
			if ($i ~ /^\[?signed-by=/) {
				key = $i
				sub(/^\[?signed-by=/, "", key)
				sub(/\]$/, "", key)
			}
			if ($i ~ /\]$/)
				break
		}
		i++
	}
	take($i, $(i + 1), key, "yes")
	next
}

# Paragraphs of "Field: value"; continuation lines (an inline key) start
# with blanks.
$1 == "S" {
	sub(/^S ?/, "")
	if ($0 ~ /^[ \t]*$/) {
		if (types ~ /(^| )deb( |$)/) {
			n = split(uris, u, " ")
			for (k = 1; k <= n; k++)
				take(u[k], suites, key, enabled)
		}
		types = uris = suites = key = enabled = ""
		next
	}
	if ($0 ~ /^#/ || $0 ~ /^[ \t]/)
		next
	field = tolower($1)
	sub(/:$/, "", field)
	sub(/^[^:]*:[ \t]*/, "")
	if (field == "types")
		types = $0
	else if (field == "uris")
		uris = $0
	else if (field == "suites")
		suites = $0
	else if (field == "signed-by")
		key = $0
	else if (field == "enabled")
		enabled = tolower($0)
}
