#!/bin/sh
# run.sh REPORTC - drafts and finals end to end (TAP), on copies of the
# sample report-data/2023-24:
#  - a draft of a copy with one scrutineer comment (so that warning 1 fires
#    for the other top-level sections), no sign-off (warning 2) and an
#    unusual LADO outcome label (warning 3, in a data file) has DRAFT on
#    every page, exactly one sticky note per warning that `reportc check`
#    prints, none of them in the structure tree, each on the first page the
#    open points page gives for it; the placeholder boxes; an open points
#    page listing every warning's file:line:col with linked pages; the data
#    warning's note beside the chart that shows the breakdown, the sign-off
#    warning's beside the scrutineer's perspective;
#  - a final build of that copy refuses (exit 1, says how to get a draft)
#    and leaves an existing PDF byte for byte as it was;
#  - a final build of the sample is byte-identical across two runs and with
#    SOURCE_DATE_EPOCH set, and carries no draft marks;
#  - drafts of the same inputs on the same day are identical, drafts of
#    different inputs have different stamps.
# Needs pdftotext, qpdf and python3; skips without them.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 REPORTC" >&2
	exit 2
fi
reportc=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
sample=$root/report-data/2023-24
for tool in pdftotext qpdf python3 cmp; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
# diag FILE: shows the first lines of FILE as TAP comments.
diag() {
	sed -n '1,15s/^/# /p' "$1"
}

# edit DIR: the draft's changes to a copy of the sample.
edit() {
	python3 - "$1" <<'EOF'
import re, sys
d = sys.argv[1]
def change(name, fn):
    path = d + "/" + name
    with open(path, encoding="utf-8") as f:
        old = f.read()
    new = fn(old)
    assert new != old, name
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)
change("scrutiny.xml", lambda s: re.sub(r"\s*<sign-off[^>]*/>", "", s).replace(
    "<perspective ", '<comment on="finance"><p>The finance figures are clear.</p></comment>\n'
    "  <perspective ", 1))
change("lado.xml", lambda s: s.replace('label="Unfounded"', 'label="Unfounded allegation"', 1))
EOF
}

# ---- a draft --------------------------------------------------------------

draft=$tmp/draft
cp -R "$sample" "$draft" && edit "$draft"
ok $? "a copy of the sample with one comment, no sign-off and an unusual label"

"$reportc" check "$draft" >"$tmp/check.txt" 2>/dev/null
grep ': warning: ' "$tmp/check.txt" | cut -d: -f1-3 >"$tmp/where.txt"
warnings=$(wc -l <"$tmp/where.txt" | tr -d ' ')
grep -q '^scrutiny.xml:.*: warning: ' "$tmp/check.txt" &&
	grep -q '^lado.xml:.*: warning: ' "$tmp/check.txt" &&
	[ "$(grep -c '^report.xml:.*has no scrutineer comment' "$tmp/check.txt")" -ge 2 ]
ok $? "reportc check warns of the missing comments, the sign-off and the label ($warnings warnings)"

SOURCE_DATE_EPOCH=1700000000 "$reportc" build "$draft" -o "$tmp/draft.pdf" --draft \
	>"$tmp/build.out" 2>"$tmp/build.err"
code=$?
[ $code -eq 0 ] && [ -s "$tmp/draft.pdf" ]
ok $? "reportc build --draft writes a PDF without the sign-off (exit $code)"
[ $code -eq 0 ] || diag "$tmp/build.err"

pages=$(qpdf --show-npages "$tmp/draft.pdf" 2>/dev/null || echo 0)
grep -Eq "^reportc: wrote draft $tmp/draft.pdf: $pages pages, [0-9]+ KB, $warnings warnings, [0-9]+ ms\$" \
	"$tmp/build.err"
code=$?
ok $code "the summary line names the draft, its $pages pages, size, $warnings warnings and time"
[ $code -eq 0 ] || diag "$tmp/build.err"

# The watermark is turned 45 degrees: pdftotext -raw gives it a letter a line.
missing=""
p=1
while [ "$p" -le "$pages" ]; do
	pdftotext -raw -f "$p" -l "$p" "$tmp/draft.pdf" - 2>/dev/null | tr -d '\n' | grep -q DRAFT ||
		missing="$missing $p"
	p=$((p + 1))
done
[ "$pages" -gt 0 ] && [ -z "$missing" ]
ok $? "DRAFT is on every page${missing:+ (not on:$missing)}"

pdftotext -f 2 -l 2 "$tmp/draft.pdf" "$tmp/page2.txt" 2>/dev/null
grep -Eq '^Draft · built 2023-11-14 · inputs [0-9a-f]{7}$' "$tmp/page2.txt" 2>/dev/null
ok $? "the footer stamps the build date (SOURCE_DATE_EPOCH) and a short hash of the inputs"

pdftotext "$tmp/draft.pdf" "$tmp/draft.txt" 2>/dev/null
placeholders=$(tr '\n' ' ' <"$tmp/draft.txt" | tr -s ' ' |
	grep -o 'This box is in drafts only: her comment takes its place' | wc -l)
comments=$(grep -c 'has no scrutineer comment' "$tmp/check.txt")
[ "${placeholders:-0}" -eq "$comments" ] &&
	grep -q 'The independent scrutineer has not yet commented on this section' "$tmp/draft.txt"
ok $? "a placeholder box for each of the $comments sections without a comment ($placeholders)"

# Plain English for the scrutineer and the board: no XML in what the draft
# says, her own sections never ask her to comment, the sign-off in words.
tr '\n' ' ' <"$tmp/draft.txt" | tr -s ' ' >"$tmp/draft-flat.txt"
! grep -q -e '<comment' -e '<sign-off' -e 'scrutiny\.xml (a draft' "$tmp/draft-flat.txt"
ok $? "the draft's notes, boxes and open points speak no XML"
! grep 'has no scrutineer comment' "$tmp/check.txt" | grep -q '"scrutineer"'
ok $? "check does not ask the scrutineer to comment on her own perspective's section"
awk '/^Sefton SCP Independent Scrutineer Perspective$/ { s = 1 } s && /^Appendix 1/ { exit } s' \
	"$tmp/draft.txt" | grep -q 'has not yet commented' && r=1 || r=0
[ "$r" -eq 0 ]
ok $? "her own section has no box asking for her comment"
grep -q 'The independent scrutineer has not yet signed off this report\.' "$tmp/draft-flat.txt"
ok $? "the missing sign-off is said in words"

# The watermark lies over the content of every page, translucent.
SOURCE_DATE_EPOCH=1700000000 "$reportc" build "$draft" --draft --dump-dl >"$tmp/draft.dl" 2>/dev/null
python3 - "$tmp/draft.dl" <<'PY'
import re, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8")]
pages = bad = 0
for i, l in enumerate(lines):
    if l == "end-page":
        pages += 1
        last = lines[max(0, i - 3):i]
        good = (len(last) == 3 and last[0] == "artifact watermark" and last[2] == "end-artifact"
                and re.search(r' opacity 0\.\d+ "DRAFT"$', last[1]))
        bad += not good
sys.exit(0 if pages and not bad else 1)
PY
ok $? "the DRAFT watermark is drawn last on every page, translucent"

# Notes, the open points page and where each note stands, read with qpdf.
python3 - "$tmp/draft.pdf" "$tmp/where.txt" >"$tmp/notes.txt" 2>&1 <<'EOF'
import json, re, subprocess, sys
pdf, where_file = sys.argv[1], sys.argv[2]
where = [w.strip() for w in open(where_file, encoding="utf-8") if w.strip()]
j = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout)
objs = j["qpdf"][1]
def get(v):
    return objs["obj:" + v]["value"] if isinstance(v, str) and v.endswith(" R") else v
def text(v):
    return v[2:] if isinstance(v, str) and v[:2] in ("u:", "b:") else v
# In content order (-raw): poppler's physical order puts a small line (the
# file:line under an entry) before a larger one beside it.
def page_text(p):
    return subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"],
                          capture_output=True, text=True).stdout
notes, links = [], {}
for i, pg in enumerate(j["pages"], 1):
    for a in get(get(pg["object"]).get("/Annots", [])):
        d = get(a)
        if d.get("/Subtype") == "/Text":
            notes.append((i, text(d.get("/T", "")), "/StructParent" in d))
        elif d.get("/Subtype") == "/Link":
            links[i] = links.get(i, 0) + 1
def check(cond, what):
    print(("ok" if cond else "not ok") + " " + what)
check(len(notes) == len(where), "notes %d, warnings %d" % (len(notes), len(where)))
noted = {}
for page, title, tagged in notes:
    loc = title.split(": ", 1)[-1]
    noted.setdefault(loc, []).append(page)
check(all(len(noted.get(w, [])) == 1 for w in where), "one note per warning: %s" %
      [w for w in where if len(noted.get(w, [])) != 1])
check(not any(t for _, _, t in notes), "no note has a /StructParent")
# The open points page(s): from the heading to the end.
first = next((p for p in range(len(j["pages"]), 0, -1) if "Open points for review" in page_text(p)), 0)
squashed = re.sub(r"\s+", "", "".join(page_text(p) for p in range(first, len(j["pages"]) + 1)))
entries = {m.group(3): int(m.group(1)) for m in re.finditer(
    r"Pages?(\d+)((?:,\d+)*(?:and\d+)?)—[^—]*?\.((?:report|scrutiny|lado|yjs|finance|training)\.xml:\d+:\d+)",
    squashed)}
check(first > 0 and all(w in entries for w in where), "open points list every warning: missing %s" %
      [w for w in where if w not in entries])
check(all(noted.get(w, [0])[0] == entries.get(w) for w in where),
      "each note stands on the first page its entry gives")
check(sum(links.get(p, 0) for p in range(first, len(j["pages"]) + 1)) >= len(where),
      "the open points' pages are links")
lado = [w for w in where if w.startswith("lado.xml:")]
check(bool(lado) and "Outcome of cases concluded" in page_text(noted.get(lado[0], [0])[0]),
      "the label's note is beside the chart of its breakdown")
scr = [w for w in where if w.startswith("scrutiny.xml:")]
# The perspective prints under her own title ("The Effectiveness of our
# Safeguarding Arrangements"), no longer in a box titled by the style.
check(bool(scr) and "Effectiveness of our Safeguarding" in page_text(noted.get(scr[0], [0])[0]),
      "the sign-off's note is beside the scrutineer's perspective")
EOF
code=$?
while IFS= read -r line; do
	case $line in
	"ok "*) ok 0 "${line#ok }" ;;
	"not ok "*) ok 1 "${line#not ok }" ;;
	*) echo "# $line" ;;
	esac
done <"$tmp/notes.txt"
ok $code "the draft's notes and links could be read"

# ---- a final of the draft's folder ------------------------------------------

cp "$tmp/draft.pdf" "$tmp/final.pdf" && cp "$tmp/draft.pdf" "$tmp/before.pdf"
"$reportc" build "$draft" -o "$tmp/final.pdf" >/dev/null 2>"$tmp/refuse.err"
code=$?
[ $code -eq 1 ] && grep -q 'sign-off' "$tmp/refuse.err" && grep -q -- '--draft' "$tmp/refuse.err"
ok $? "a final build without the sign-off refuses with exit 1 and says how to get a draft (exit $code)"
[ $code -eq 1 ] || diag "$tmp/refuse.err"
cmp -s "$tmp/final.pdf" "$tmp/before.pdf"
ok $? "the refused build leaves the existing PDF byte for byte as it was"

# ---- a final of the sample --------------------------------------------------

"$reportc" build "$sample" -o "$tmp/a.pdf" >/dev/null 2>&1 &&
	"$reportc" build "$sample" -o "$tmp/b.pdf" >/dev/null 2>&1 && cmp -s "$tmp/a.pdf" "$tmp/b.pdf"
ok $? "two final builds of the sample are byte-identical"
SOURCE_DATE_EPOCH=1700000000 "$reportc" build "$sample" -o "$tmp/c.pdf" >/dev/null 2>&1 &&
	cmp -s "$tmp/a.pdf" "$tmp/c.pdf"
ok $? "SOURCE_DATE_EPOCH does not change a signed-off final (its date is the sign-off's)"
pdftotext "$tmp/a.pdf" "$tmp/a.txt" 2>/dev/null
! grep -q -e '^Draft · ' -e 'Open points for review' -e 'This box is in drafts only' "$tmp/a.txt" &&
	! pdftotext -raw "$tmp/a.pdf" - 2>/dev/null | tr -d '\n' | grep -q DRAFT
ok $? "a final carries no watermark, stamp, placeholder or open points"

# ---- stamps -----------------------------------------------------------------

SOURCE_DATE_EPOCH=1700000000 "$reportc" build "$draft" -o "$tmp/again.pdf" --draft \
	>/dev/null 2>&1 && cmp -s "$tmp/draft.pdf" "$tmp/again.pdf"
ok $? "two drafts of the same inputs on the same day are byte-identical"

other=$tmp/other
cp -R "$draft" "$other" &&
	sed 's/The finance figures are clear\./The finance figures are clear and complete./' \
		"$draft/scrutiny.xml" >"$other/scrutiny.xml" &&
	SOURCE_DATE_EPOCH=1700000000 "$reportc" build "$other" -o "$tmp/other.pdf" --draft \
		>/dev/null 2>&1
pdftotext -f 2 -l 2 "$tmp/other.pdf" "$tmp/other2.txt" 2>/dev/null
stamp1=$(grep '^Draft · ' "$tmp/page2.txt" 2>/dev/null)
stamp2=$(grep '^Draft · ' "$tmp/other2.txt" 2>/dev/null)
[ -n "$stamp1" ] && [ -n "$stamp2" ] && [ "$stamp1" != "$stamp2" ]
ok $? "drafts of different inputs have different stamps ($stamp1 / $stamp2)"

echo "1..$n"
[ $failed -eq 0 ]
