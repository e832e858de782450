#!/bin/sh
# run.sh - PDF/UA-1 and PDF/A-2 checks of what reportc writes, printed as TAP.
#
# usage: run.sh REPORTC [MAKE_UNTAGGED_DL]
#
# Builds every report-data folder, and every fictional report of
# tests/reports, in its own style and in the plain style,
# runs check-pdfua.py on each PDF and looks at its structure and text with
# poppler; then proves that the checker fails on PDFs broken on purpose
# (break-pdf.py), and, given MAKE_UNTAGGED_DL, that the renderer refuses
# marks outside the structure. Set KEEP_DIR to keep the PDFs there.
# Exit status: 0 all passed, 1 something failed, 77 a tool is missing.
set -u

reportc=${1:?usage: run.sh REPORTC [MAKE_UNTAGGED_DL]}
untagged=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

# pikepdf is Debian's python3-pikepdf: the system python3 has it even when
# another python3 comes first in PATH.
py=
for candidate in python3 /usr/bin/python3; do
	if command -v "$candidate" >/dev/null 2>&1 &&
		"$candidate" -c 'import pikepdf' >/dev/null 2>&1; then
		py=$candidate
		break
	fi
done
if [ -z "$py" ]; then
	echo "1..0 # SKIP python3-pikepdf is not installed"
	exit 77
fi
for tool in pdfinfo pdftotext cmp; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed"
		exit 77
	fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
failed=0
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
show() {
	sed 's/^/# /' "$1"
}

build() {
	out=$1
	shift
	"$reportc" build "$@" -o "$out" >"$work/build.out" 2>"$work/build.err" ||
		{ show "$work/build.out"; show "$work/build.err"; return 1; }
}
checker() {
	"$py" "$here/check-pdfua.py" "$1" >"$work/checker.out" 2>&1 ||
		{ show "$work/checker.out"; return 1; }
}
# pdfinfo -struct-text: the tree is there, poppler has nothing to say,
# and the element count matches the PDF's StructElem count. Poppler 22
# colour-manages every colour through the output intent's profile, which
# makes -struct-text five times slower; a copy without it has the same
# structure and text.
struct_text() {
	"$py" -c 'import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
del pdf.Root["/OutputIntents"]
pdf.save(sys.argv[2])' "$1" "$work/plain-colour.pdf" || return 1
	pdfinfo -struct-text "$work/plain-colour.pdf" >"$work/struct.txt" 2>"$work/struct.err" ||
		{ show "$work/struct.err"; return 1; }
	[ ! -s "$work/struct.err" ] || { show "$work/struct.err"; return 1; }
	head -n 1 "$work/struct.txt" | grep -qx 'Document' ||
		{ echo "# the tree does not start with Document"; return 1; }
	"$py" - "$1" "$work/struct.txt" <<'EOF'
import re, sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
count = 0
def walk(o):
    global count
    if isinstance(o, pikepdf.Array):
        for k in o: walk(k)
    elif isinstance(o, pikepdf.Dictionary) and "/S" in o:
        count += 1
        if "/K" in o: walk(o.K)
walk(pdf.Root.StructTreeRoot.K)
shown = sum(1 for line in open(sys.argv[2], encoding="utf-8")
            if re.match(r"^ *[A-Z][A-Za-z0-9]*( <[^>]*>)?( \((block|inline)\))?:?$",
                        line.rstrip("\n")))
if shown != count:
    print("# pdfinfo shows %d elements, the tree has %d" % (shown, count))
    sys.exit(1)
EOF
}
# Prose read from the structure has no words joined across line ends
# ("year.Spending"); chart labels inside a Figure are left out.
no_joined_words() {
	"$py" - "$work/struct.txt" <<'EOF'
import re, sys
bad, figure = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    indent = len(line) - len(line.lstrip(" "))
    if figure is not None and indent <= figure:
        figure = None
    if line.strip().startswith("Figure"):
        figure = indent
    if figure is None and line.strip().startswith('"'):
        bad += re.findall(r"[a-z]{2}[.;:!?][A-Z][a-z]+", line)
for b in bad[:10]:
    print("# joined: " + b)
sys.exit(1 if bad else 0)
EOF
}
# pdftotext keeps every word of the struct text's paragraphs in order and
# prints no warning (the ToUnicode maps are valid). Spaces are left out of
# the comparison: -raw ends each line with a newline, and the default mode
# takes out a real hyphen at a line end ("Multi-" "Agency").
text_extracts() {
	pdftotext -raw "$1" "$work/all.txt" 2>"$work/text.err" || { show "$work/text.err"; return 1; }
	[ ! -s "$work/text.err" ] || { show "$work/text.err"; return 1; }
	"$py" - "$work/struct.txt" "$work/all.txt" <<'EOF'
import re, sys
struct = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"\s+", "", open(sys.argv[2], encoding="utf-8").read())
paras = [p for p in re.findall(r'^ *P \(block\)\n *"(.*)"$', struct, re.M) if len(p) > 80]
missing = [p for p in paras if re.sub(r"\s+", "", p) not in text]
for p in missing[:5]:
    print("# not in pdftotext's text: " + p[:100])
sys.exit(1 if missing or not paras else 0)
EOF
}

# ---- every report-data folder and fictional report, both styles ----
sample=
for dir in "$root"/report-data/*/ "$root"/tests/reports/*/; do
	[ -f "$dir/report.xml" ] || continue
	year=$(basename "$dir")
	for style in own plain; do
		pdf=$work/$year-$style.pdf
		if [ "$style" = own ]; then
			check "$year ($style style): builds" build "$pdf" "$dir"
		else
			check "$year ($style style): builds" build "$pdf" "$dir" --style "$style"
		fi
		[ -f "$pdf" ] || continue
		[ -n "$sample" ] || sample=$pdf
		check "$year ($style style): check-pdfua.py passes" checker "$pdf"
		check "$year ($style style): pdfinfo -struct-text shows the whole tree" \
			struct_text "$pdf"
		check "$year ($style style): no words joined at line ends" no_joined_words
		check "$year ($style style): pdftotext extracts the paragraphs" \
			text_extracts "$pdf"
		pdfinfo "$pdf" >"$work/info.txt"
		check "$year ($style style): pdfinfo sees the XMP and the tags" \
			sh -c 'grep -q "^Metadata Stream: *yes" "$1" && grep -q "^Tagged: *yes" "$1"' \
			sh "$work/info.txt"
		if [ -n "${KEEP_DIR:-}" ]; then
			mkdir -p "$KEEP_DIR"
			cp "$pdf" "$KEEP_DIR/"
		fi
	done
	check "$year: the same input gives the same bytes" \
		sh -c '"$0" build "$1" -o "$2" 2>/dev/null && cmp "$2" "$3"' \
		"$reportc" "$dir" "$work/again.pdf" "$work/$year-own.pdf"
done

# ---- a draft: translucent watermark over the content, gaps highlighted ----
# A draft of a signed-off folder has no notes, so it claims PDF/UA too; the
# checker must accept its transparency, which PDF/A-2 allows.
for dir in "$root"/report-data/*/; do
	year=$(basename "$dir")
	pdf=$work/$year-draft.pdf
	check "$year (draft): builds" build "$pdf" "$dir" --draft
	[ -f "$pdf" ] || continue
	check "$year (draft): check-pdfua.py passes" checker "$pdf"
	break
done

# ---- the checker fails on broken PDFs ----
if [ -n "$sample" ]; then
	"$py" "$here/break-pdf.py" --list >"$work/cases.txt"
	while read -r case rule; do
		broken=$work/broken-$case.pdf
		check "broken ($case): break-pdf.py makes it" \
			"$py" "$here/break-pdf.py" "$case" "$sample" "$broken"
		caught() {
			if "$py" "$here/check-pdfua.py" "$broken" >"$work/caught.out" 2>&1; then
				echo "# check-pdfua.py passed it"
				return 1
			fi
			grep -q ": $rule: " "$work/caught.out" ||
				{ echo "# no '$rule' failure among:"; show "$work/caught.out"; return 1; }
		}
		check "broken ($case): check-pdfua.py reports '$rule'" caught
	done <"$work/cases.txt"
fi

# ---- the renderer refuses marks outside the structure ----
if [ -n "$untagged" ]; then
	font=$root/fonts/OpenSans-Regular.ttf
	png=$work/dot.png
	"$py" - "$png" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + bytes([0, 85, 140]) * 4 for _ in range(4))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n"
    + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
EOF
	check "untagged: the same list, tagged, renders" \
		"$untagged" none "$work/tagged.pdf" "$font" "$png"
	for kind in text line rect path image; do
		refused() {
			if "$untagged" "$kind" "$work/untagged.pdf" "$font" "$png" 2>"$work/untagged.err"; then
				echo "# the render succeeded"
				return 1
			fi
			grep -q "outside any structure element or artifact" "$work/untagged.err" ||
				{ show "$work/untagged.err"; return 1; }
			[ ! -e "$work/untagged.pdf" ] || { echo "# a PDF was left behind"; return 1; }
		}
		check "untagged: a $kind outside the structure fails the render" refused
	done
fi

echo "1..$n"
exit $failed
