#!/bin/sh
# since.sh REPORTC - `build --draft --since OLD-DIR` end to end (TAP): a
# copy of the sample as the previous draft's folder (LADO referrals 258),
# and the sample with since-edit.py's changes (referrals 265, a changed
# paragraph, a section removed, one added, an id renamed, a scrutineer
# comment added). The changes page lists each with a link to its page,
# the changed paragraph alone in its section has a bar (an insertion
# elsewhere marks nothing after it), the footer names both hashes,
# --since without --draft is a usage error and check ignores the old
# folder. Needs pdftotext and python3; skips without them.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 REPORTC" >&2
	exit 2
fi
reportc=$1
here=$(cd "$(dirname "$0")" && pwd)
sample=$here/../../report-data/2023-24
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

old=$tmp/old new=$tmp/new
cp -R "$sample" "$old" && cp -R "$sample" "$new" &&
	sed -i 's/referrals="265"/referrals="258"/' "$old/lado.xml" &&
	python3 "$here/since-edit.py" "$new"
ok $? "the previous draft's folder and this one"

"$reportc" build "$new" --draft --since "$old" -o "$tmp/d.pdf" >"$tmp/out" 2>"$tmp/err"
ok $? "a draft with --since builds" "$(cat "$tmp/err")"
pdftotext "$tmp/d.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$tmp/d.txt"
for line in \
	'Changes since the previous draft' \
	'LADO referrals 2023-24: from 258 to 265 \(page [0-9]+\)' \
	'Section added: “New Work This Year” \(page [0-9]+\)' \
	'Section removed: “Sefton SCP Communications 2023-24” \(page [0-9]+\)' \
	'Section added: “Closing Summary” \(page [0-9]+\)' \
	'Section removed: “Closing Summary”' \
	'Text changed in “Foreword from Sefton Statutory Partners” \(page [0-9]+\)' \
	'Scrutineer comment added on “Financial Contributions” \(page [0-9]+\)'; do
	grep -Eq "$line" "$tmp/d.txt"
	ok $? "the changes page lists: $line"
done
grep -Eq 'Draft · built 2023-11-14 · inputs [0-9a-f]{7} · since [0-9a-f]{7}' "$tmp/d.txt"
ok $? "the footer stamp names both versions' inputs"

# Bars: in the display list, the changed paragraph's lines are barred and
# the foreword's other paragraphs are not.
"$reportc" build "$new" --draft --since "$old" --dump-dl >"$tmp/d.dl" 2>/dev/null
python3 - "$tmp/d.dl" <<'PY'
import re, sys
ops = [l.strip() for l in open(sys.argv[1], encoding="utf-8")]
# A bar: a rect 2.5 wide left of the text, in an artifact.
bars = [i for i, l in enumerate(ops) if re.match(r"rect \S+ \S+ 2\.50 ", l)]
text = lambda i: ops[i]
def near(word):
    idx = [i for i, l in enumerate(ops) if l.startswith("text ") and word in l]
    return idx[0] if idx else None
proud, pleased = near('"We are proud to present'), near('"We are pleased to present the 2023-2024')
ok = bool(bars) and proud is not None and pleased is not None
# the bar drawn right after a line of the changed paragraph, none after the other's
after = lambda i: any(b > i and b - i < 12 for b in bars)
sys.exit(0 if ok and after(proud) and not after(pleased) else 1)
PY
ok $? "a bar beside the changed paragraph, none beside the unchanged one after it"
grep -q 'New Work This Year' "$tmp/d.txt"
ok $? "the added section is in the draft"

"$reportc" build "$new" --since "$old" -o "$tmp/f.pdf" >"$tmp/out" 2>&1
code=$?
[ "$code" -eq 2 ] && grep -q -- '--since marks the changes in a draft; it needs --draft' "$tmp/out"
ok $? "--since without --draft is a usage error (exit $code)" "$(cat "$tmp/out")"
"$reportc" check "$new" --since "$old" >"$tmp/out" 2>&1
code=$?
[ "$code" -eq 2 ]
ok $? "check takes no --since (exit $code)"
"$reportc" build "$new" --draft --since "$tmp/nosuch" -o "$tmp/g.pdf" >"$tmp/out" 2>&1
code=$?
[ "$code" -eq 2 ] && [ ! -e "$tmp/g.pdf" ]
ok $? "an unreadable --since folder: exit 2, no PDF ($code)" "$(cat "$tmp/out")"

# One hash for one folder: the previous draft's "inputs" is this draft's
# "since", and an image's bytes count in it (a new logo is a new input).
stamp_hash() { # PDF WHICH: the 7 hex digits after "inputs" or "since"
	pdftotext "$1" - 2>/dev/null | tr '\n' ' ' | grep -Eo "$2 [0-9a-f]{7}" | head -n 1 | cut -d' ' -f2
}
cp -R "$new" "$tmp/next" &&
	"$reportc" build "$tmp/next" --draft --since "$new" -o "$tmp/next.pdf" >/dev/null 2>&1 &&
	[ -n "$(stamp_hash "$tmp/d.pdf" inputs)" ] &&
	[ "$(stamp_hash "$tmp/d.pdf" inputs)" = "$(stamp_hash "$tmp/next.pdf" since)" ]
ok $? "the previous draft's inputs hash is the one --since names" \
	"$(stamp_hash "$tmp/d.pdf" inputs) vs $(stamp_hash "$tmp/next.pdf" since)"
png() { # FILE GREY: a 2x2 grey PNG
	python3 - "$1" "$2" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
raw = b"".join(b"\0" + bytes([int(sys.argv[2])] * 2) for _ in range(2))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
}
logo=$tmp/logo
cp -R "$new" "$logo" && mkdir "$logo/images" && png "$logo/images/l.png" 10 &&
	sed -i 's|</vision>|</vision><logo src="images/l.png"/>|' "$logo/report.xml" &&
	"$reportc" build "$logo" --draft -o "$tmp/l1.pdf" >/dev/null 2>&1 &&
	png "$logo/images/l.png" 200 &&
	"$reportc" build "$logo" --draft -o "$tmp/l2.pdf" >/dev/null 2>&1
ok $? "a folder with a logo builds, before and after the logo changes"
[ "$(stamp_hash "$tmp/l1.pdf" inputs)" != "$(stamp_hash "$tmp/l2.pdf" inputs)" ]
ok $? "a changed image changes the inputs hash"
cp -R "$logo" "$tmp/logo2" &&
	"$reportc" build "$tmp/logo2" --draft --since "$logo" -o "$tmp/l3.pdf" >/dev/null 2>&1 &&
	[ "$(stamp_hash "$tmp/l2.pdf" inputs)" = "$(stamp_hash "$tmp/l3.pdf" since)" ]
ok $? "--since counts the earlier folder's images as its own draft did"

echo "1..$n"
[ $failed -eq 0 ]
