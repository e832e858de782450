#!/bin/sh
# check-render.sh - end-to-end checks of a PDF rendered from a hand-built
# display list (make-sample-dl.c), printed as TAP.
#
# usage: check-render.sh MAKE_SAMPLE_DL [FONT_DIR]
#
# FONT_DIR defaults to the project's fonts/ when it holds Open Sans, else to
# Debian's /usr/share/fonts/truetype/open-sans. Set KEEP_DIR to keep the
# PDFs and the page images (pdftoppm -r 60) there for a look.
# Exit status: 0 all passed, 1 something failed, 77 a tool is missing.
set -u

bin=${1:?usage: check-render.sh MAKE_SAMPLE_DL [FONT_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
faces="OpenSans-Regular.ttf OpenSans-Bold.ttf OpenSans-Italic.ttf OpenSans-BoldItalic.ttf"

has_faces() {
	for f in $faces; do
		[ -r "$1/$f" ] || return 1
	done
}

if [ $# -ge 2 ]; then
	fonts=$2
elif has_faces "$here/../../fonts"; then
	fonts=$here/../../fonts
else
	fonts=/usr/share/fonts/truetype/open-sans
fi

for tool in qpdf pdffonts pdfinfo pdftotext pdftoppm python3 cmp; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed"
		exit 77
	fi
done
if ! has_faces "$fonts"; then
	echo "1..0 # SKIP no Open Sans in $fonts"
	exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Readable by the unprivileged user of the permission test below.
chmod 755 "$work"

n=0
failed=0
# check DESCRIPTION COMMAND...: one TAP line from the command's status.
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		failed=1
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
# Command output must be empty (poppler prints warnings on stderr).
empty() {
	[ ! -s "$1" ] || { sed 's/^/# /' "$1"; return 1; }
}
contains() {
	grep -qF -- "$2" "$1" || { echo "# '$2' not found in $(basename "$1")"; return 1; }
}
lacks() {
	! grep -qF -- "$2" "$1" || { echo "# '$2' found in $(basename "$1")"; return 1; }
}

# A 64x64 RGBA PNG (alpha exercises the SMask): a blue disc with a house.
png=$work/logo.png
python3 - "$png" <<'EOF'
import struct, sys, zlib
W = H = 64
rows = []
for y in range(H):
    row = bytearray([0])
    for x in range(W):
        dx, dy = x - 31.5, y - 31.5
        disc = dx * dx + dy * dy <= 30 * 30
        house = (20 <= x <= 43 and 30 <= y <= 48) or (14 <= y < 30 and abs(x - 31.5) <= (y - 14) * 1.2)
        row += bytes([255, 255, 255, 255] if disc and house else [0, 85, 140, 255] if disc else [0, 0, 0, 0])
    rows.append(bytes(row))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n"
    + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
EOF

pdf=$work/sample.pdf
render() {
	"$bin" "$@" 2>"$work/render.err" || { sed 's/^/# /' "$work/render.err"; return 1; }
}

# ---- rendering and validity ----
render_dump() {
	render --dump "$pdf" "$fonts" "$png" >"$work/dump.txt"
}
check "the sample renders" render_dump
check "the dump shows structure and artifacts" \
	grep -q '^ *artifact footer$' "$work/dump.txt"
qpdf_check() {
	qpdf --check "$pdf" >"$work/qpdf.txt" 2>&1 || { sed 's/^/# /' "$work/qpdf.txt"; return 1; }
}
check "qpdf --check passes" qpdf_check
# The renderer embeds the bytes the list holds and opens no file: fonts
# named by paths that do not exist give the same PDF.
check "fonts named by paths that do not exist render the same bytes" \
	sh -c '"$0" --fonts-elsewhere "$1" "$2" "$3" && cmp "$1" "$4"' \
	"$bin" "$work/elsewhere.pdf" "$fonts" "$png" "$pdf"

pdffonts "$pdf" >"$work/fonts.txt" 2>"$work/fonts.err"
all_embedded() {
	awk 'NR > 2 { n++; if ($(NF-4) != "yes" || $(NF-2) != "yes") bad++ }
	     END { exit !(n == 3 && !bad) }' "$work/fonts.txt" || { sed 's/^/# /' "$work/fonts.txt"; return 1; }
}
check "pdffonts: the 3 used faces are embedded with a ToUnicode map" all_embedded
check "pdffonts: the unused face is not in the file" lacks "$work/fonts.txt" BoldItalic
check "pdffonts: no warnings" empty "$work/fonts.err"

pdfinfo "$pdf" >"$work/info.txt" 2>"$work/info.err"
check "pdfinfo: Tagged: yes" grep -q '^Tagged: *yes$' "$work/info.txt"
check "pdfinfo: 3 pages" grep -q '^Pages: *3$' "$work/info.txt"
check "pdfinfo: PDF 1.7 (tagging as in ISO 32000-1)" grep -q '^PDF version: *1.7$' "$work/info.txt"
check "pdfinfo: UTF-8 title" contains "$work/info.txt" 'Annual Report 2023–2024 – “Safer Together” £'
check "pdfinfo: UTF-8 author" contains "$work/info.txt" 'Zoë O’Brien'
check "pdfinfo: creation date with its offset (12:30 +01'00 is 11:30 UTC)" \
	contains "$work/info.txt" 'Wed May  1 11:30:00 2024 UTC'

# ---- structure: the tree in reading order ----
pdfinfo -struct-text "$pdf" >"$work/struct.txt" 2>"$work/struct.err"
# Element names with their indentation, without text, attributes or OBJRs.
sed -n 's/^\( *\)\([A-Za-z][A-Za-z0-9]*\)\( <[^>]*>\)\{0,1\}\(:\| (block)\| (inline)\)\{0,1\}$/\1\2/p' \
	"$work/struct.txt" >"$work/tree.txt"
cat >"$work/tree.want" <<'EOF'
Document
  Sect
    H1
    P
      Link
      Link
      Reference
      Note
    H2
    Table
      TR
        TH
        TH
      TR
        TD
        TD
      TR
        TD
        TD
      TR
        TD
        TD
    Figure
    Caption
    Figure
    Sect
      H1
      L
        LI
          Lbl
          LBody
        LI
          Lbl
          LBody
      P
        Span
      Annot
EOF
same_tree() {
	diff "$work/tree.want" "$work/tree.txt" | sed 's/^/# /'
	cmp -s "$work/tree.want" "$work/tree.txt"
}
check "pdfinfo -struct-text: the expected tree" same_tree
# Reading order is creation order, not page position: the footnote (drawn at
# the page foot) comes right after its reference, the paragraph continued on
# page 2 before the H2, the table row added on page 3 inside the table.
in_order() {
	file=$1
	shift
	awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i + 1]; ARGC = 2; i = 1 }
		i <= n && index($0, want[i]) { i++ }
		END { if (i <= n) { print "# not in order: " want[i]; exit 1 } }' "$file" "$@"
}
check "struct-text: the footnote follows its reference" in_order "$work/struct.txt" \
	'Reference' '"1"' 'Note' '1 Working Together' '.The partnership met'
check "struct-text: the resumed paragraph and table keep their order" in_order "$work/struct.txt" \
	'multi-agency' 'guarding arrangements' 'H2' 'Table' 'Education' 'Health' 'Figure'
check "struct-text: links carry their annotations (OBJR)" \
	test "$(grep -c '^ *Object [0-9]* 0$' "$work/struct.txt")" -eq 3
check "struct-text: TH has /Scope /Column" test "$(grep -c '/Scope /Column' "$work/struct.txt")" -eq 2
check "struct-text: no warnings" empty "$work/struct.err"

# ---- text extraction ----
pdftotext "$pdf" "$work/all.txt" 2>"$work/text.err"
for s in 'Foreword' '£1,250.50 per school, “Café Zürich” – naïve' 'our partners’ website' \
	'Police' '1,530' 'Appendix: Zoë’s notes' 'diolch yn fawr' 'Page 3 of 3'; do
	check "pdftotext finds '$s'" contains "$work/all.txt" "$s"
done
pdftotext -raw -f 2 -l 2 "$pdf" "$work/p2.txt" 2>>"$work/text.err"
check "pdftotext: the added hyphen is dropped through ActualText" \
	contains "$work/p2.txt" 'multi-agency safe'
check "pdftotext: ...and not extracted" lacks "$work/p2.txt" 'safe-'
pdftotext -f 3 -l 3 "$pdf" "$work/p3.txt" 2>>"$work/text.err"
check "pdftotext: page 3 holds the appendix" contains "$work/p3.txt" 'Appendix'
check "pdftotext: no warnings (ToUnicode map is valid)" empty "$work/text.err"

# ---- the objects libharu gets wrong, as repaired ----
qpdf --qdf --object-streams=disable "$pdf" "$work/qdf.pdf"
q=$work/qdf.pdf
check "ToUnicode uses bfrange, not begincidrange" lacks "$q" 'begincidrange'
check "CIDSystemInfo Ordering is (Identity)" lacks "$q" '/Ordering (Identity-H)'
check "catalog /Lang (en-GB)" contains "$q" '/Lang (en-GB)'
check "catalog /MarkInfo << /Marked true >>" grep -q '/Marked true' "$q"
check "ViewerPreferences /DisplayDocTitle true" grep -q '/DisplayDocTitle true' "$q"
check "pages have /Tabs /S" test "$(grep -c '/Tabs /S' "$q")" -eq 3
# The paragraph's three sequences on page 2 are MCRs: its /Pg is page 1.
check "content on another page than the element's /Pg is an MCR" \
	test "$(grep -c '/Type /MCR' "$q")" -eq 3
check "both figures have /Alt" test "$(grep -c '^  /Alt [<(]' "$q")" -eq 2
check "the Welsh span has /Lang (cy)" contains "$q" '/Lang (cy)'
check "links have no border" test "$(grep -c '^  /Border \[$' "$q")" -eq 2
check "annotations are printable (/F 4)" test "$(grep -c '^  /F 4$' "$q")" -eq 3
check "the URI is percent-encoded" contains "$q" '/URI (https://example.org/caf%C3%A9?q=a%20b)'
check "the note's author is UTF-16 (Zoë O’Brien)" \
	contains "$q" '/T <feff005a006f00eb0020004f20190042007200690065006e>'
check "outline titles are UTF-16" contains "$q" '/Title <feff0046006f007200650077006f00720064'
check "the page labels run i, 1, 2" grep -q '/S /r' "$q"
check "the trailer /ID is the header's" \
	grep -aq '/ID \[ *<A0A1A2A3A4A5A6A7A8A9AAABACADAEAF> *<A0A1A2A3A4A5A6A7A8A9AAABACADAEAF> *\]' "$pdf"
smask_compressed() {
	python3 - "$pdf" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
dicts = re.findall(rb"\d+ 0 obj\s*<<((?:(?!endobj).){0,600}?)>>\s*stream", data, re.S)
smasks = [d for d in dicts if b"/DeviceGray" in d and b"/Subtype /Image" in d]
sys.exit(0 if smasks and all(b"/FlateDecode" in d for d in smasks) else 1)
EOF
}
check "the PNG's alpha (SMask) is compressed" smask_compressed

# ---- determinism ----
check "a second render succeeds" render "$work/again.pdf" "$fonts" "$png"
check "two renders are byte-identical" cmp "$pdf" "$work/again.pdf"
# A decimal-comma locale must not change a byte; build one if need be.
locale_env=
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	locale_env="LC_ALL=de_DE.UTF-8"
elif command -v localedef >/dev/null 2>&1 &&
	localedef -i de_DE -f UTF-8 "$work/de_DE.UTF-8" >/dev/null 2>&1; then
	locale_env="LOCPATH=$work LC_ALL=de_DE.UTF-8"
fi
if [ -n "$locale_env" ]; then
	check "a render under de_DE.UTF-8 succeeds" \
		env $locale_env "$bin" "$work/de.pdf" "$fonts" "$png"
	check "...and is byte-identical" cmp "$pdf" "$work/de.pdf"
else
	skip "a render under de_DE.UTF-8" "no de_DE locale"
	skip "...and is byte-identical" "no de_DE locale"
fi

# ---- atomic writing and failures ----
mode_of() { stat -c %a "$1"; }
check "the output is mode 0644 under umask 022" test "$(mode_of "$pdf")" = 644
check "a render under umask 027 succeeds" sh -c 'umask 027 && "$0" "$@" 2>/dev/null' \
	"$bin" "$work/umask.pdf" "$fonts" "$png"
check "...and honours it (0640)" test "$(mode_of "$work/umask.pdf")" = 640

mkdir "$work/keep"
cp "$pdf" "$work/keep/target.pdf"
no_temp_files() {
	[ "$(ls -A "$work/keep")" = "target.pdf" ] || { ls -A "$work/keep" | sed 's/^/# /'; return 1; }
}
fails() {
	! "$bin" "$@" 2>"$work/fail.err" || { echo "# render did not fail"; return 1; }
	sed 's/^/# /' "$work/fail.err"
}
check "a damaged font fails the render" fails --damaged-font "$work/keep/target.pdf" "$fonts" "$png"
check "...with a clear message" contains "$work/fail.err" "cannot load font '$fonts/OpenSans-Bold.ttf': libharu error"
check "...leaving the existing target as it was" cmp "$pdf" "$work/keep/target.pdf"
check "...and no temporary file" no_temp_files
check "an unknown destination fails the render half-way" \
	fails --unknown-dest "$work/keep/target.pdf" "$fonts" "$png"
check "...leaving the existing target as it was" cmp "$pdf" "$work/keep/target.pdf"
check "...and no temporary file" no_temp_files
check "a missing directory fails the render" fails "$work/none/x.pdf" "$fonts" "$png"
check "...naming the directory and errno" contains "$work/fail.err" "/none': No such file or directory"

# Root ignores directory permissions, so root runs this as nobody.
mkdir "$work/ro"
chmod 555 "$work/ro"
as_user=
if [ "$(id -u)" -ne 0 ]; then
	as_user=" "
elif command -v setpriv >/dev/null 2>&1; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ -n "$as_user" ]; then
	check "an unwritable directory fails the render" \
		sh -c "! $as_user \"\$0\" \"\$@\" 2>\"$work/fail.err\"" "$bin" "$work/ro/x.pdf" \
		"$fonts" "$png"
	check "...with the errno text" contains "$work/fail.err" "Permission denied"
	check "...leaving nothing behind" test -z "$(ls -A "$work/ro")"
else
	skip "an unwritable directory fails the render" "root without setpriv"
	skip "...with the errno text" "root without setpriv"
	skip "...leaving nothing behind" "root without setpriv"
fi

# ---- page images ----
out=${KEEP_DIR:-$work}
mkdir -p "$out"
pdftoppm -r 60 -png "$pdf" "$out/page" 2>"$work/ppm.err"
check "pdftoppm renders 3 pages" test "$(ls "$out"/page-*.png 2>/dev/null | wc -l)" -eq 3
check "pdftoppm: no warnings" empty "$work/ppm.err"
if [ -n "${KEEP_DIR:-}" ]; then
	cp "$pdf" "$KEEP_DIR/sample.pdf"
	echo "# kept sample.pdf and page-*.png in $KEEP_DIR"
fi

echo "1..$n"
exit $failed
