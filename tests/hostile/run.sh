#!/bin/sh
# run.sh REPORTC - hostile inputs too big to commit, made by gen.py: each is
# checked or built with a time limit, and must end with the exit status and
# message given, within a bound on time and on peak memory (RSS, measured
# with /usr/bin/time when it is installed). Prints TAP.
#
# The small hostile inputs are check cases (tests/check/h-*). The bounds
# here are several times what an idle 2-core machine needs, so that a
# loaded CI machine passes; a quadratic blow-up or a leak of memory per
# item still breaks them. Set KEEP=1 to keep the work folder.
set -u

reportc=${1:?usage: run.sh REPORTC}
here=$(cd "$(dirname "$0")" && pwd)
case $reportc in /*) ;; *) reportc=$(pwd)/$reportc ;; esac

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed"
	exit 77
fi
timer=
if [ -x /usr/bin/time ]; then
	timer=/usr/bin/time
fi
# Under AddressSanitizer (the CI's second run) a build needs several times
# the memory and time: the bounds grow to match.
scale=1 extra_mb=0
if grep -q AddressSanitizer "$reportc" 2>/dev/null ||
	ldd "$reportc" 2>/dev/null | grep -q libasan; then
	scale=4 extra_mb=512
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-hostile.XXXXXX") || exit 2
if [ -z "${KEEP:-}" ]; then
	trap 'rm -rf "$work"' EXIT HUP INT TERM
else
	echo "# work folder: $work"
fi

n=0
failed=0

# hostile NAME GEN-CASE SIZE COMMAND EXITS PATTERN MAX-MB MAX-SECONDS
#   COMMAND is check, build or draft (build --draft); EXITS the allowed
#   exit statuses ("1" or "0 2"); PATTERN an extended regular expression
#   the output must match.
hostile() {
	name=$1 gen_case=$2 size=$3 command=$4 exits=$5 pattern=$6
	max_mb=$(($7 * scale + extra_mb)) max_s=$(($8 * scale))
	n=$((n + 1))
	dir=$work/$name
	if ! python3 "$here/gen.py" "$gen_case" "$dir" "$size" 2>"$work/gen.err"; then
		echo "not ok $n - $name: gen.py $gen_case failed"
		sed 's/^/# /' "$work/gen.err"
		failed=1
		return
	fi
	set -- check "$dir"
	[ "$command" = build ] && set -- build "$dir" -o "$work/$name.pdf"
	[ "$command" = draft ] && set -- build "$dir" --draft -o "$work/$name.pdf"
	# The time limit stops a hang: twice the bound, so that a slow run is
	# reported as slow rather than killed.
	if [ -n "$timer" ]; then
		timeout $((max_s * 2)) "$timer" -f '%e %M' -o "$work/time" \
			"$reportc" "$@" >"$work/out" 2>&1
	else
		timeout $((max_s * 2)) "$reportc" "$@" >"$work/out" 2>&1
	fi
	code=$?
	why=
	case " $exits " in
	*" $code "*) ;;
	*) why="exit $code, expected ${exits}" ;;
	esac
	if [ -z "$why" ] && ! grep -Eq "$pattern" "$work/out"; then
		why="no line matches /$pattern/"
	fi
	measured=
	if [ -n "$timer" ] && [ -s "$work/time" ]; then
		# GNU time writes "Command exited with non-zero status N" first.
		set -- $(tail -n 1 "$work/time")
		secs=$1 kb=$2
		mb=$(((kb + 1023) / 1024))
		measured=" (${secs} s, ${mb} MB)"
		if [ -z "$why" ] && [ "$mb" -gt "$max_mb" ]; then
			why="peak memory $mb MB, bound $max_mb MB"
		fi
		if [ -z "$why" ] && [ "$(awk -v s="$secs" -v m="$max_s" 'BEGIN { print (s > m) }')" = 1 ]; then
			why="$secs s, bound $max_s s"
		fi
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name$measured"
	else
		echo "not ok $n - $name: $why$measured"
		tail -n 5 "$work/out" | cut -c1-300 | sed 's/^/# /'
		failed=1
	fi
	rm -rf "$dir" "$work/$name.pdf"
}

echo "1..35"

# The loader's limits: nesting, file size (never read whole), attributes.
hostile deep-nesting deep-elements 10000 check 1 'nest more than 64 deep' 64 20
hostile deepest-nesting-builds deep-elements 60 build 0 'wrote' 128 20
hostile deepest-lists-build deep-lists 29 build 0 'wrote' 128 20
hostile file-50-mb big-file 50000000 check 1 'file is 47\.7 MB; the limit is 8 MB' 64 20
hostile file-50-mb-build big-file 50000000 build 1 'file is 47\.7 MB' 64 20
hostile word-10-mb long-word 10485760 check 1 'file is 10\.[0-9] MB; the limit is 8 MB' 64 20
hostile characters-of-every-block every-block 1 build 1 'the fonts cannot show' 128 20

# Big valid folders: time and memory in proportion to the input. Every one
# builds but the charts of 1,000 years and 16,000 parts, taller than a page
# (refused at the chart, issue 12 item 7): the renderer writes the structure tree itself (no 32767-item
# arrays), a word wider than eight lines is broken greedily, and a title
# longer than the PDF's 65535-byte strings is shortened with a warning.
hostile list-100000-items-check big-list 100000 check 0 '0 errors, 0 warnings' 256 20
hostile list-100000-items big-list 100000 build 0 'wrote' 1024 60
hostile word-200-kb long-word 200000 build 0 'wrote' 600 60
hostile word-4-mb long-word 4000000 build 0 'wrote' 1024 60
hostile title-70-kb long-title 70000 build 0 'keeps its first 65532 bytes' 128 20
hostile paragraph-160000-words long-paragraph 160000 build 0 'wrote' 512 60
hostile table-32000-rows big-table 32000 build 0 'wrote' 1024 90
hostile table-800-columns wide-table 800 build 0 'wrote' 256 30
hostile footnotes-8000 many-notes 8000 build 0 'wrote' 512 60
hostile kpis-10000 many-kpis 10000 build 0 'wrote' 512 60
hostile courses-16000 many-courses 16000 build 0 'wrote' 1024 90
hostile activity-years-1000 many-years 1000 build 1 'chart> too tall for a page' 256 60
hostile breakdown-16000-items big-breakdown 16000 build 1 'chart> too tall for a page' 1024 60
hostile sections-4000 many-sections 4000 build 0 'wrote' 1024 90
hostile sections-16000 many-sections 16000 build 0 'wrote' 1536 90
hostile breakdowns-100000 many-breakdowns 100000 check 0 '0 errors' 512 40

# Checks whose naive form is quadratic: ids, labels, references, figure
# paths, suggestions ("did you mean") for thousands of wrong names.
hostile broken-refs-16000 broken-refs 16000 check 1 'no section or appendix with that id' 256 40
hostile long-ids-200000 long-ids 200000 check 1 'no section or appendix with that id' 64 20
hostile label-values-16000 label-values 16000 check 0 '0 errors' 256 60
hostile broken-label-values-16000 broken-label-values 16000 check 1 'has no item' 256 60
# A draft notes each warning where it applies: found by searches, not by
# a walk over every place per warning (that took 70 s and 3.7 GB here).
hostile draft-10000-warnings many-warnings 10000 draft 0 'wrote draft' 512 20
hostile money-overflow many-contributions 10000 check 1 'add up to more than reportc can hold' 128 20

# Images: decoded by reportc (never by libharu), each file once however it
# is spelled, within a bound on the pixels of all a report's images; a
# damaged or oversized one is a finding at its figure. tests/hostile/
# images.sh has every class of valid and broken PNG.
hostile png-huge-dimensions png-huge 1000000 build 1 'is 1000000 x 1000000 pixels; the limit is' 128 20
hostile png-truncated png-truncated 100 build 1 'is a damaged PNG file' 128 20
hostile png-corrupt-data png-corrupt 1 build 1 'is a damaged PNG file' 128 20
hostile png-decompression-bomb png-bomb 7000 build 0 'wrote' 512 60
hostile png-one-file-60-spellings png-spellings 7000 build 0 'wrote' 512 30
hostile png-pixel-bound png-pixel-bound 4000 build 1 'p3\.png" is 4003 x 4003 pixels, and the report.s images before it already have 48,024,006: together they pass the limit of 50,000,000' 256 30

if [ "$failed" -ne 0 ]; then
	exit 1
fi
