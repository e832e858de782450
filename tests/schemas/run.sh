#!/bin/sh
# run.sh - validates the schema test documents with xmllint and prints TAP.
#
# valid/SCHEMA-*.xml must validate against schemas/SCHEMA.xsd.
# invalid/SCHEMA-*.xml must fail validation (xmllint exit 3, not a parse or
# schema error) with a message containing the text of its
# "<!-- expect: ... -->" comment, so that each fails for the reason it tests.
# Each schema must reject the root of every other file, must make no
# external reference but the include of common.xsd, and every report-data/*/
# folder's six files must validate. Exits 77 when xmllint is missing.

if ! command -v xmllint >/dev/null 2>&1; then
	echo "1..0 # SKIP xmllint not found"
	exit 77
fi

case "$0" in
*/*) here=$(cd "${0%/*}" && pwd) || exit 2 ;;
*) here=$(pwd) ;;
esac
root=$(cd "$here/../.." && pwd) || exit 2
schemas="report finance lado yjs training scrutiny"

# The schema a test document is for: the part of its name before the first "-".
schema_of() {
	name=$(basename "$1")
	echo "${name%%-*}"
}

validate() { # schema file -> xmllint's exit code, its messages in $out
	out=$(xmllint --noout --nonet --schema "$root/schemas/$1.xsd" "$2" 2>&1)
}

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

# Count the tests first: TAP wants the plan before the results.
count() { echo $#; }
nvalid=$(count "$here"/valid/*.xml)
ninvalid=$(count "$here"/invalid/*.xml)
ndata=0
for dir in "$root"/report-data/*/; do
	[ -d "$dir" ] && ndata=$((ndata + 6))
done
# shellcheck disable=SC2086 # the list of names is meant to split
nschemas=$(count $schemas)
nstyles=$(count "$root"/styles/*.xml)
echo "1..$((nvalid + ninvalid + ndata + nschemas + nschemas * (nschemas - 1) + nstyles))"

for f in "$here"/valid/*.xml; do
	s=$(schema_of "$f")
	validate "$s" "$f"
	report $? "valid/$(basename "$f") validates against $s.xsd" "$out"
done

for f in "$here"/invalid/*.xml; do
	s=$(schema_of "$f")
	expect=$(sed -n 's/^<!-- expect: \(.*\) -->$/\1/p' "$f")
	validate "$s" "$f"
	rc=$?
	desc="invalid/$(basename "$f") is rejected by $s.xsd"
	if [ -z "$expect" ]; then
		report 1 "$desc" "no <!-- expect: ... --> comment in the test file"
	elif [ "$rc" -ne 3 ]; then
		report 1 "$desc" "xmllint exited $rc, expected 3 (invalid document)
$out"
	else
		case "$out" in
		*"$expect"*) report 0 "$desc" ;;
		*) report 1 "$desc" "expected a message containing: $expect
$out" ;;
		esac
	fi
done

# Every schema declares exactly one global element: each rejects the
# other files' roots (the format examples stand for them).
for s in $schemas; do
	for other in $schemas; do
		[ "$s" = "$other" ] && continue
		validate "$s" "$here/valid/$other-format-example.xml"
		case "$out" in
		*"Element '$other': No matching global declaration"*) report 0 "$s.xsd rejects root <$other>" ;;
		*) report 1 "$s.xsd rejects root <$other>" "$out" ;;
		esac
	done
done

# The loader compiles the schemas from memory and resolves only common.xsd.
for s in $schemas; do
	refs=$(grep -n -e 'schemaLocation=' -e '<xs:import' -e '<xs:redefine' -e '<!DOCTYPE' \
		"$root/schemas/$s.xsd" "$root/schemas/common.xsd" |
		grep -v '<xs:include schemaLocation="common.xsd"/>')
	count_inc=$(grep -c 'schemaLocation=' "$root/schemas/$s.xsd")
	if [ -z "$refs" ] && [ "$count_inc" -eq 1 ]; then
		report 0 "$s.xsd refers to nothing but common.xsd"
	else
		report 1 "$s.xsd refers to nothing but common.xsd" "$refs"
	fi
done

for dir in "$root"/report-data/*/; do
	[ -d "$dir" ] || continue
	year=$(basename "$dir")
	for s in $schemas; do
		f="$dir$s.xml"
		if [ -f "$f" ]; then
			validate "$s" "$f"
			report $? "report-data/$year/$s.xml validates against $s.xsd" "$out"
		else
			report 1 "report-data/$year/$s.xml validates against $s.xsd" "file missing"
		fi
	done
done

for f in "$root"/styles/*.xml; do
	[ -f "$f" ] || continue
	validate style "$f"
	report $? "styles/$(basename "$f") validates against style.xsd" "$out"
done

[ "$failed" -eq 0 ]
