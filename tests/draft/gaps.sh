#!/bin/sh
# gaps.sh REPORTC - drafts with gaps and finals that refuse them (TAP;
# DECISIONS.md "Findings, drafts and finals"):
#  - a draft of a folder made by `reportc init` (every figure "?", every
#    text [To write: …], values [to enter]) builds, exit 0: the gaps print
#    where they are used, "[to enter: referrals 2024-25]" in a sentence,
#    "[to enter]" in a data table's cell, a chart waiting for its figures as
#    a box saying which, and the open points page lists them;
#  - a final of the same folder refuses, exit 1, saying a draft shows them;
#  - a signed-off copy of the sample with one gap of each kind ("?" in a
#    data file, a [To write: …] paragraph in an appendix, a kpi value
#    [to enter], [To write: …] in a list item of scrutiny.xml) refuses as a final with the finding at its line, and
#    builds as a draft;
#  - a wrong error with the gaps still refuses a draft.
# Needs pdftotext and python3; skips without them.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 REPORTC" >&2
	exit 2
fi
reportc=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
sample=$root/report-data/2023-24
for tool in pdftotext python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000

n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ $# -gt 2 ] && printf '%s\n' "$3" | sed -n '1,12s/^/# /p'
	fi
}

# ---- a draft of a new year's folder ------------------------------------------

new=$tmp/new
"$reportc" init "$new" --from "$sample" >/dev/null 2>&1
ok $? "init starts a new year's folder"
# One sentence with a figure still to enter, as an editor writes them.
python3 - "$new/report.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("<p>[To write: Managing Allegations",
              '<p>There were <value of="lado.referrals"/> referrals.</p>\n    '
              "<p>[To write: Managing Allegations", 1)
open(p, "w", encoding="utf-8").write(s)
PY
ok $? "a sentence printing lado.referrals is added"

"$reportc" build "$new" --draft -o "$tmp/new.pdf" >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" -eq 0 ] && [ -s "$tmp/new.pdf" ]
ok $? "a draft of the new folder builds (exit $code)" "$(cat "$tmp/err")"
pdftotext "$tmp/new.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$tmp/new.txt"
grep -q 'There were \[to enter: referrals 2024-25\] referrals' "$tmp/new.txt"
ok $? "a figure still to enter prints as [to enter: referrals 2024-25] in its sentence"
# In content order (-raw): with the watermark on the page, poppler's
# physical layout may set a row's cells apart.
pdftotext -raw "$tmp/new.pdf" - 2>/dev/null | grep -Eq "Sefton Council +\\[to enter\\]"
ok $? "a data table shows the gap in its cell"
grep -q 'The chart "Partner contributions 2024-25" will stand here once its figures are entered. Still to enter: Sefton Council' "$tmp/new.txt"
ok $? "a chart with figures still to enter is a box saying which"
grep -q 'A figure in these key figures is still to be entered\. report\.xml:32:7' "$tmp/new.txt" &&
	grep -q 'Still to enter: the referrals for 2024-25\. lado\.xml:10:5' "$tmp/new.txt" &&
	grep -q 'The text of this section is still to be written\. report\.xml:20:5' "$tmp/new.txt"
ok $? "the open points page lists figures, values and texts still to enter or write"

"$reportc" build "$new" -o "$tmp/final.pdf" >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" -eq 1 ] && [ ! -e "$tmp/final.pdf" ] &&
	grep -q 'still to enter or to write, which a final report cannot print; build --draft shows them in place' "$tmp/err"
ok $? "a final of the new folder refuses (exit $code) and says a draft shows the gaps" \
	"$(cat "$tmp/err")"

# ---- finals that refuse each kind of gap ------------------------------------

# gap NAME FILE PYTHON-EXPR FINDING: a signed-off copy of the sample with
# one change; its final must refuse with FINDING at its line, its draft
# build.
gap() {
	name=$1 file=$2 expr=$3 finding=$4
	dir=$tmp/$name
	cp -R "$sample" "$dir"
	python3 - "$dir/$file" "$expr" <<'PY'
import sys
p, expr = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read()
t = eval(expr)
assert t != s
open(p, "w", encoding="utf-8").write(t)
PY
	"$reportc" build "$dir" -o "$tmp/$name.pdf" >"$tmp/out" 2>"$tmp/err"
	code=$?
	[ "$code" -eq 1 ] && [ ! -e "$tmp/$name.pdf" ] && grep -Eq "$finding" "$tmp/out"
	ok $? "$name: a final refuses (exit $code) with the finding at its line" \
		"$(cat "$tmp/out" "$tmp/err")"
	"$reportc" build "$dir" --draft -o "$tmp/$name-draft.pdf" >/dev/null 2>&1
	ok $? "$name: a draft builds"
}
gap figure lado.xml \
	"s.replace('referrals=\"265\"', 'referrals=\"?\"', 1)" \
	'^lado\.xml:11:5: error: referrals for 2023-24 still to enter'
gap text-in-appendix report.xml \
	"s.replace('<p>A total of', '<p>[To write: the LADO overview]</p><p>A total of', 1)" \
	'^report\.xml:734:5: error: the text of .* is still to write'
gap kpi-value report.xml \
	"s.replace('<kpi value=\"275,899\"', '<kpi value=\"[to enter]\"', 1)" \
	'^report\.xml:76:7: error: kpi "people live in Sefton" is still to enter'

gap text-anywhere scrutiny.xml \
	"s.replace('<strengths>', '<strengths><item>[To write: a strength]</item>', 1)" \
	'^scrutiny\.xml:73:16: error: the list item text still has a \[To write: …\] placeholder'

# ---- a wrong error refuses a draft too ----------------------------------------

wrong=$tmp/wrong
cp -R "$new" "$wrong"
sed -i 's/<value of="lado.referrals"\/>/<value of="lado.referals"\/>/' "$wrong/report.xml"
"$reportc" build "$wrong" --draft -o "$tmp/wrong.pdf" >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" -eq 1 ] && [ ! -e "$tmp/wrong.pdf" ] && grep -q 'lado.referals' "$tmp/out"
ok $? "a wrong figure path refuses a draft with gaps (exit $code)" "$(cat "$tmp/out")"

echo "1..$n"
[ $failed -eq 0 ]
