#!/bin/sh
# run-case.sh REPORTC CASE_DIR - runs one check case and compares its output.
#
# A case is a folder tests/check/<name>/ holding expected.txt: the exact
# stdout of `reportc check` on the case, then a last line `exit N`. The
# folder holds only the files the case changes: they are laid over a copy of
# tests/check/base/ (subfolders such as images/ included, symbolic links kept
# as links), and the base files named in an optional `remove` file, one path
# a line, are deleted. An optional `pngs` file lists images to make in the
# copy, one `PATH CLASS` a line, with tests/hostile/pngs.py (which writes
# every class of PNG, valid and broken, so that none is committed). A case
# folder that has all six XML files of its own is a whole report and is
# checked as it is.
#
# Exit status: 0 when the output matches, 1 when it does not (a unified diff
# of expected against actual is printed), 2 when the case cannot be run.
#
# To accept a new output after reviewing it:
#   tests/check/run-case.sh build/src/reportc tests/check/NAME --update
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 REPORTC CASE_DIR [--update]" >&2
	exit 2
fi
reportc=$1
case_dir=${2%/}
update=${3:-}
name=$(basename "$case_dir")
expected=$case_dir/expected.txt
base_dir=$(dirname "$case_dir")/base

if [ ! -x "$reportc" ]; then
	echo "$name: $reportc is not an executable" >&2
	exit 2
fi
if [ ! -f "$expected" ] && [ "$update" != --update ]; then
	echo "$name: $expected is missing" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-check.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

whole=yes
for f in report.xml finance.xml lado.xml yjs.xml training.xml scrutiny.xml; do
	[ -f "$case_dir/$f" ] || whole=no
done

if [ "$whole" = yes ]; then
	dir=$case_dir
else
	dir=$work/report
	mkdir "$dir" || exit 2
	cp -RP "$base_dir/." "$dir/" || exit 2
	cp -RP "$case_dir/." "$dir/" || exit 2
	rm -f "$dir/expected.txt" "$dir/remove" "$dir/pngs"
	if [ -f "$case_dir/remove" ]; then
		while IFS= read -r path || [ -n "$path" ]; do
			[ -n "$path" ] && rm -rf "${dir:?}/$path"
		done <"$case_dir/remove"
	fi
	if [ -f "$case_dir/pngs" ]; then
		set --
		while read -r path class || [ -n "$path" ]; do
			[ -n "$path" ] || continue
			mkdir -p "$(dirname "$dir/$path")" || exit 2
			set -- "$@" "$class" "$dir/$path"
		done <"$case_dir/pngs"
		python3 "$(dirname "$0")/../hostile/pngs.py" "$@" || exit 2
	fi
fi

"$reportc" check "$dir" >"$work/stdout" 2>"$work/stderr"
code=$?
echo "exit $code" >>"$work/stdout"

if [ "$update" = --update ]; then
	cp "$work/stdout" "$expected" || exit 2
	echo "$name: expected.txt written; review it with git diff"
	exit 0
fi

if cmp -s "$expected" "$work/stdout"; then
	echo "$name: ok"
	exit 0
fi
echo "$name: FAILED (- expected, + actual)"
diff -u "$expected" "$work/stdout" | tail -n +3
if [ -s "$work/stderr" ]; then
	echo "$name: stderr was:"
	sed 's/^/    /' "$work/stderr"
fi
exit 1
