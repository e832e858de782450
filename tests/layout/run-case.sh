#!/bin/sh
# run-case.sh REPORTC CASE_DIR [--update] - typesets one layout case and
# compares its display list with the golden dump.
#
# A case is a folder tests/layout/<name>/ holding expected.dl: the output of
# `reportc build DIR -o X --dump-dl` on the case (the final pass's display
# list, see dl_dump()). The folder holds only the files the case changes,
# usually report.xml: they are laid over a copy of tests/layout/base/
# (images/ included). Paths that depend on the machine are normalised in
# both the golden and the output: the case's folder is removed from image
# paths and the fonts' folder is written FONTS.
#
# Exit status: 0 when the dump matches, 1 when it does not (a unified diff
# of expected against actual is printed), 2 when the case cannot be run.
#
# To accept new output after reviewing it (one case, then all of them):
#   tests/layout/run-case.sh build/src/reportc tests/layout/NAME --update
#   for c in tests/layout/*/expected.dl; do
#     tests/layout/run-case.sh build/src/reportc "${c%/expected.dl}" --update; done
# then read `git diff tests/layout` before committing.
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 REPORTC CASE_DIR [--update]" >&2
	exit 2
fi
reportc=$1
case_dir=${2%/}
update=${3:-}
name=$(basename "$case_dir")
expected=$case_dir/expected.dl
base_dir=$(dirname "$case_dir")/base

if [ ! -x "$reportc" ]; then
	echo "$name: $reportc is not an executable" >&2
	exit 2
fi
if [ ! -f "$expected" ] && [ "$update" != --update ]; then
	echo "$name: $expected is missing" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-layout.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

dir=$work/report
mkdir "$dir" || exit 2
cp -RP "$base_dir/." "$dir/" || exit 2
cp -RP "$case_dir/." "$dir/" || exit 2
rm -f "$dir/expected.dl"

"$reportc" build "$dir" -o "$work/unused.pdf" --dump-dl >"$work/raw" 2>"$work/stderr"
code=$?
if [ $code -ne 0 ]; then
	echo "$name: reportc exited with $code"
	sed 's/^/    /' "$work/stderr"
	exit 1
fi
# Machine-dependent paths: the copy of the case, and the fonts' folder.
sed -e "s|\"$dir/|\"|g" -e 's|^\(font [0-9]* "\).*/\([^/"]*"\)$|\1FONTS/\2|' \
	"$work/raw" >"$work/actual"

if [ "$update" = --update ]; then
	cp "$work/actual" "$expected" || exit 2
	echo "$name: expected.dl written; review it with git diff"
	exit 0
fi

if cmp -s "$expected" "$work/actual"; then
	echo "$name: ok"
	exit 0
fi
echo "$name: FAILED (- expected, + actual)"
diff -u "$expected" "$work/actual" | tail -n +3 | head -n 200
exit 1
