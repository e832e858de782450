#!/bin/sh
# draft-accepted.sh REPORTC - a rule 12 finding accepted by `as-written` is
# not printed by check, and a draft lists it as an open point (DECISIONS.md
# "Arithmetic in the prose"). The folder is tests/check/base with
# accepted-report.xml as its report.xml. TAP.
set -u
reportc=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-accepted.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
if ! command -v pdftotext >/dev/null 2>&1; then
	echo "1..0 # SKIP pdftotext is not installed"
	exit 0
fi

n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else failed=$((failed + 1)); echo "not ok $n - $2"; fi
}

cp -R "$here/../check/base" "$work/report" && rm -f "$work/report/expected.txt" &&
	cp "$here/accepted-report.xml" "$work/report/report.xml"
ok $? "a report whose two wrong sentences carry as-written"

"$reportc" check "$work/report" >"$work/check.out" 2>"$work/check.err"
code=$?
[ $code -eq 0 ] && [ ! -s "$work/check.out" ] &&
	grep -q ': 0 errors, 0 warnings$' "$work/check.err"
ok $? "check prints no finding and exits 0 (exit $code)"

SOURCE_DATE_EPOCH=1700000000 "$reportc" build "$work/report" --draft -o "$work/draft.pdf" \
	>/dev/null 2>"$work/build.err"
ok $? "build --draft writes the draft"

pdftotext "$work/draft.pdf" "$work/draft.txt" 2>/dev/null
tr '\n' ' ' <"$work/draft.txt" | sed 's/  */ /g' >"$work/flat.txt"
grep -q 'Open points for review' "$work/flat.txt" &&
	grep -q 'accepted: the text says a decrease of 32% from 258 to 378, but 258 to 378 is an increase of 46.5%' "$work/flat.txt" &&
	# pdftotext joins a hyphen at a line's end to the next line
	grep -Eq 'accepted as written: as-?written="32%"' "$work/flat.txt"
ok $? "the open points list the accepted decrease of 32%"
grep -q 'accepted: the text says 600 is twice 250' "$work/flat.txt"
ok $? "and the accepted \"twice\""

echo "1..$n"
[ $failed -eq 0 ]
