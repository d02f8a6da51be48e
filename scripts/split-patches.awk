# SPDX-License-Identifier: GPL-2.0
#
# split-patches.awk -v out=DIR PATCH...
#
# Split each patch (git format-patch or plain unified diffs) into one diff
# per file it touches: DIR/NNNN.K.diff, NNNN the patch's number (from its
# name; "fixes/NNNN" for a fix of patches/fixes/ the series builds on, in
# the file's name "fixes-NNNN"), K the file's place in it.  Prints one line per file diff, in series
# and file order: "NNNN PATH DIFF".  A file's diff starts at its
# "diff --git" line (or, without one, its "--- " line) and ends at the
# next file's, or at the format-patch signature ("-- ").

function close_part() {
	if (part != "") {
		close(part)
		print num, path, part
	}
	part = ""
}

function start_part(p) {
	close_part()
	path = p
	part = num
	sub(/\//, "-", part)
	part = sprintf("%s/%s.%d.diff", out, part, ++k)
}

FNR == 1 {
	close_part()
	name = FILENAME
	sub(/.*\//, "", name)
	num = substr(name, 1, 4)
	if (FILENAME ~ /(^|\/)fixes\/[^\/]*$/)
		num = "fixes/" num
	k = 0
	git = 0
}

/^diff --git a\// {
	git = 1
	p = $3
	sub(/^a\//, "", p)
	start_part(p)
}

# A plain diff: the file starts at its "--- a/PATH" line.
!git && /^--- / && (getline nxt) > 0 {
	p = nxt
	sub(/^\+\+\+ (b\/)?/, "", p)
	sub(/[ \t].*/, "", p)
	if (p == "/dev/null") {
		p = $2
		sub(/^a\//, "", p)
	}
	start_part(p)
	print > part
	print nxt > part
	next
}

/^-- $/ {
	close_part()
	next
}

part != "" {
	print > part
}

END {
	close_part()
}
