#!/bin/sh
# run.sh REPORTC - `reportc check --style NAME`: check uses the fonts of the
# style the build would use (DECISIONS.md), and refuses a style that does
# not exist as build does. Prints TAP.
set -u
reportc=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-style.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM
n=0
fail=0
ok() { # ok COND-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

"$reportc" check "$src/tests/check/base" --style plain >"$work/out" 2>&1
ok $? "check --style plain on a clean folder exits 0"

"$reportc" check "$src/tests/check/base" --style nosuch >"$work/out" 2>&1
code=$?
grep -q 'there is no style "nosuch"' "$work/out"
ok $(( code != 2 || $? != 0 )) "check --style nosuch exits 2 naming the style"

# A folder with characters Open Sans lacks, and a data folder whose extra
# style "dejavu" uses DejaVu Sans, which has them.
cp -R "$src/tests/check/base" "$work/glyphs"
cp "$src/tests/check/e00-glyphs-every-field/"*.xml "$work/glyphs/"
dejavu=/usr/share/fonts/truetype/dejavu
if [ ! -f "$dejavu/DejaVuSans.ttf" ]; then
	n=$((n + 1))
	echo "ok $n # SKIP DejaVu Sans is not installed (fonts-dejavu-core)"
else
	mkdir -p "$work/data/dejavu"
	cp -R "$src/styles" "$src/fonts" "$work/data/"
	cp "$dejavu/DejaVuSans.ttf" "$dejavu/DejaVuSans-Bold.ttf" "$dejavu/DejaVuSans-Oblique.ttf" \
		"$dejavu/DejaVuSans-BoldOblique.ttf" "$work/data/dejavu/"
	sed -e 's/name="plain"/name="dejavu"/' -e 's/dir="fonts"/dir="dejavu"/' \
		-e 's/OpenSans-Regular/DejaVuSans/' -e 's/OpenSans-BoldItalic/DejaVuSans-BoldOblique/' \
		-e 's/OpenSans-Bold/DejaVuSans-Bold/' -e 's/OpenSans-Italic/DejaVuSans-Oblique/' \
		"$src/styles/plain.xml" >"$work/data/styles/dejavu.xml"
	REPORTC_DATADIR=$work/data "$reportc" check "$work/glyphs" >"$work/own" 2>&1
	own=$?
	REPORTC_DATADIR=$work/data "$reportc" check "$work/glyphs" --style dejavu >"$work/dejavu" 2>&1
	other=$?
	grep -q 'fonts cannot show' "$work/own" && ! grep -q 'fonts cannot show' "$work/dejavu"
	ok $(( own != 1 || other != 0 || $? != 0 )) \
		"check --style dejavu checks against DejaVu Sans: no glyph findings where the folder's own style has them"
fi
echo "1..$n"
exit $fail
