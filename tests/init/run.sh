#!/bin/sh
# run.sh REPORTC - reportc init end to end, printing TAP.
#
# Starts next year's folder from report-data/2023-24 into a scratch folder
# and checks: the exit codes; that the six files are written and validate
# against the schemas (when xmllint is there); that `reportc check` on the
# new folder reports one error per "?" written (each "still to enter"), the
# texts and values still to write or enter as errors too, and no warning
# but the missing sign-off; that a folder with files is refused and left as it was; that an
# empty folder is filled; that a folder with errors is refused; that two
# inits write the same bytes; and that nothing is left beside the folders.

if [ $# -ne 1 ]; then
	echo "usage: $0 REPORTC" >&2
	exit 2
fi
reportc=$1
case "$0" in
*/*) here=$(cd "${0%/*}" && pwd) || exit 2 ;;
*) here=$(pwd) ;;
esac
root=$(cd "$here/../.." && pwd) || exit 2
old=$root/report-data/2023-24
files="report.xml finance.xml lado.xml yjs.xml training.xml scrutiny.xml"

if [ ! -x "$reportc" ]; then
	echo "1..0 # SKIP $reportc is not an executable"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-init.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

echo "1..14"
n=0
failed=0
report() { # ok? description [diagnostic text]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		if [ -n "$3" ]; then
			printf '%s\n' "$3" | sed 's/^/# /'
		fi
	fi
}

# 1, 2: init writes the six files.
"$reportc" init "$work/a" --from "$old" >"$work/out" 2>&1
report $? "init from report-data/2023-24 exits 0" "$(cat "$work/out")"
missing=
for f in $files; do
	[ -f "$work/a/$f" ] || missing="$missing $f"
done
[ -z "$missing" ]
report $? "the six files are written" "missing:$missing"

# 3: the files validate, "?" included.
if command -v xmllint >/dev/null 2>&1; then
	bad=
	for f in $files; do
		xmllint --noout --nonet --schema "$root/schemas/${f%.xml}.xsd" "$work/a/$f" \
			>/dev/null 2>>"$work/xmllint" || bad="$bad $f"
	done
	[ -z "$bad" ]
	report $? "the new files validate against the schemas" "$(cat "$work/xmllint")"
else
	n=$((n + 1))
	echo "ok $n - # SKIP xmllint not found"
fi

# 4 to 7: check lists exactly the figures to enter.
"$reportc" check "$work/a" >"$work/check" 2>"$work/check-stderr"
code=$?
[ "$code" -eq 1 ]
report $? "check on the new folder exits 1 (figures to enter)" "exit $code"
expected=$(cat "$work/a"/*.xml | grep -o '="?"' | wc -l)
errors=$(grep -c 'still to enter: replace "?" with ' "$work/check")
[ "$expected" -gt 0 ] && [ "$errors" -eq "$expected" ]
report $? "one error per \"?\" written ($errors errors, $expected \"?\")"
others=$(grep ': error: ' "$work/check" |
	grep -v -e 'still to enter: replace "?" with ' -e 'still to write' -e 'still to enter')
[ -z "$others" ]
report $? "every error is a figure, text or value still to enter or write" "$others"
warnings=$(grep ': warning: ' "$work/check" | grep -v -e 'has no <sign-off>')
[ -z "$warnings" ]
report $? "no warning but the sign-off" "$warnings"

# 8: a folder with files is refused and left alone.
cp -R "$work/a" "$work/a-before"
"$reportc" init "$work/a" --from "$old" >"$work/out" 2>&1
code=$?
[ "$code" -eq 2 ] && diff -r "$work/a-before" "$work/a" >/dev/null
report $? "init refuses a folder that is not empty (exit 2) and leaves it as it was" \
	"exit $code: $(cat "$work/out")"

# 9: the refusal says why.
grep -q 'not empty' "$work/out"
report $? "the refusal says the folder is not empty" "$(cat "$work/out")"

# 10: the same input gives the same bytes.
"$reportc" init "$work/b" --from "$old" >/dev/null 2>&1 &&
	diff -r "$work/a" "$work/b" >"$work/diff"
report $? "a second init into a fresh folder writes identical files" "$(head -20 "$work/diff")"

# 11: an empty folder is filled.
mkdir "$work/c"
"$reportc" init "$work/c" --from "$old" >"$work/out" 2>&1 && diff -r "$work/a" "$work/c" >/dev/null
report $? "init fills an existing empty folder" "$(cat "$work/out")"

# 12, 13: a folder with errors is refused, and nothing is written.
"$reportc" init "$work/d" --from "$work/a" >"$work/out" 2>&1
code=$?
[ "$code" -eq 1 ]
report $? "init from a folder with errors exits 1" "exit $code: $(cat "$work/out")"
[ ! -e "$work/d" ]
report $? "and writes nothing"

# 14: nothing is left beside the new folders (the staging folders are gone).
left=$(ls -A "$work" | grep -v -x -e a -e a-before -e b -e c -e out -e check \
	-e check-stderr -e diff -e xmllint)
[ -z "$left" ]
report $? "no staging folder is left behind" "$left"

[ "$failed" -eq 0 ]
