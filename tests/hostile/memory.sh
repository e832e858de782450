#!/bin/sh
# memory.sh REPORTC - peak memory per byte of XML, against the bounds the
# README states ("Memory"): for each of the shapes that cost the most per
# byte (empty paragraphs, empty list items, empty inline elements, unknown
# elements, one-cell rows, one-letter words, cross-references), a report
# folder with SIZE bytes of that shape added to tests/check/base is checked
# and built, and the peak RSS above the base folder's (measured with
# /usr/bin/time) divided by the bytes added must stay within
#   CHECK_BYTES_PER_BYTE for `reportc check`,
#   BUILD_BYTES_PER_BYTE for `reportc build`.
# Prints TAP; skips when /usr/bin/time or python3 is missing.
set -u

reportc=${1:?usage: memory.sh REPORTC}
here=$(cd "$(dirname "$0")" && pwd)
case $reportc in /*) ;; *) reportc=$(pwd)/$reportc ;; esac

# The README's constants ("Memory"). Measured on Debian 12, x86-64: the
# worst shape gives about 62 bytes a byte for check (8 MB of <p/>: 500 MB)
# and 430 for build (cross-references, each a link: 1 MB gives 427 MB).
CHECK_BYTES_PER_BYTE=80
BUILD_BYTES_PER_BYTE=512
SIZE=${MEMORY_TEST_BYTES:-262144}

if [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP /usr/bin/time or python3 is not installed"
	exit 0
fi
# Sanitizers multiply memory: the bounds do not apply to such a build.
if grep -q AddressSanitizer "$reportc" 2>/dev/null ||
	ldd "$reportc" 2>/dev/null | grep -q libasan; then
	echo "1..0 # SKIP reportc is built with AddressSanitizer"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-memory.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT HUP INT TERM

# peak_kb COMMAND DIR: the peak RSS in KB of reportc COMMAND on DIR.
peak_kb() {
	if [ "$1" = build ]; then
		/usr/bin/time -f '%M' -o "$work/time" "$reportc" build "$2" -o "$work/out.pdf" \
			>"$work/out" 2>&1
	else
		/usr/bin/time -f '%M' -o "$work/time" "$reportc" check "$2" >"$work/out" 2>&1
	fi
	tail -n 1 "$work/time"
}

mkdir "$work/base"
cp -R "$here/../check/base/." "$work/base/"
base_check=$(peak_kb check "$work/base")
base_build=$(peak_kb build "$work/base")

n=0
failed=0
shapes="p item em unknown cell word ref"
echo "1..14"
for shape in $shapes; do
	dir=$work/$shape
	if ! python3 - "$here" "$dir" "$shape" "$SIZE" <<'EOF'
import os, shutil, sys
sys.path.insert(0, sys.argv[1])
import gen
out, shape, size = sys.argv[2], sys.argv[3], int(sys.argv[4])
units = {
    "p": ("%s", "<p/>"),
    "item": ('<list ordered="false">%s</list>', "<item/>"),
    "em": ("<p>%s</p>", "<em/>"),
    "unknown": ("%s", "<x/>"),
    "cell": ('<table title="t"><head><cell/></head>%s</table>', "<row><cell/></row>"),
    "word": ("<p>%s</p>", "a "),
    "ref": ("<p>%s</p>", '<ref to="lado"/>'),
}
wrap, unit = units[shape]
shutil.copytree(gen.BASE, out)
os.remove(os.path.join(out, "expected.txt"))
gen.add_section(out, wrap % (unit * (size // len(unit))))
EOF
	then
		echo "Bail out! gen.py failed for $shape"
		exit 2
	fi
	added=$(($(wc -c <"$dir/report.xml") - $(wc -c <"$work/base/report.xml")))
	for command in check build; do
		n=$((n + 1))
		kb=$(peak_kb "$command" "$dir")
		if [ "$command" = check ]; then
			base=$base_check bound=$CHECK_BYTES_PER_BYTE
		else
			base=$base_build bound=$BUILD_BYTES_PER_BYTE
		fi
		per_byte=$((((kb - base) * 1024) / added))
		what="$command, $added bytes of $shape: $per_byte bytes of peak memory a byte (bound $bound; $((kb / 1024)) MB)"
		if [ "$per_byte" -le "$bound" ]; then
			echo "ok $n - $what"
		else
			echo "not ok $n - $what"
			tail -n 3 "$work/out" | sed 's/^/# /'
			failed=1
		fi
	done
	rm -rf "$dir"
done
exit $failed
