#!/bin/sh
# smoke.sh BUILD_DIR [SECONDS] - fuzzes each harness for SECONDS (default
# 30) from a copy of its seeds and regression inputs, for CI. BUILD_DIR is
# a build set up with -Dfuzz=enabled (see README.md). Exit status: 0 when
# nothing was found, 1 when a harness crashed, hung, leaked or ran out of
# memory (the input is printed in base64 and kept in the work folder, which
# is then left in place), 77 when BUILD_DIR has no harnesses.
set -u

build=${1:?usage: smoke.sh BUILD_DIR [SECONDS]}
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)

for h in fuzz-load fuzz-layout; do
	if [ ! -x "$build/tests/fuzz/$h" ]; then
		echo "smoke.sh: no $build/tests/fuzz/$h; set the build up with -Dfuzz=enabled" >&2
		exit 77
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-fuzz-smoke.XXXXXX") || exit 1
status=0

# run NUMBER NAME EXTRA-OPTIONS...: fuzzes one harness with its own
# corpus copy.
# The harnesses' scratch folders go under $work too (TMPDIR), so a crash
# leaves nothing elsewhere.
run() {
	number=$1 name=$2
	shift 2
	mkdir -p "$work/$name/corpus" "$work/$name/tmp"
	cp "$here/corpus/$name/"* "$work/$name/corpus/" 2>/dev/null
	cp "$here/regress/$name/"* "$work/$name/corpus/" 2>/dev/null
	start=$(date +%s)
	TMPDIR=$work/$name/tmp "$build/tests/fuzz/fuzz-$name" "$@" \
		-max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$work/$name/" "$work/$name/corpus" >"$work/$name/log" 2>&1
	code=$?
	end=$(date +%s)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name/log")
	if [ "$code" -eq 0 ]; then
		echo "ok $number - fuzz-$name: ${runs:-?} runs in $((end - start)) s, nothing found"
	else
		echo "not ok $number - fuzz-$name found a problem (exit $code); log and input in $work/$name"
		grep -E '^(==[0-9]+==|SUMMARY|Base64:|.*runtime error|ALARM|ERROR)' "$work/$name/log" | head -20
		status=1
	fi
}

echo "1..2"
run 1 load -dict="$here/xml.dict" -timeout=20 -rss_limit_mb=2048
run 2 layout -timeout=60 -rss_limit_mb=4096 -max_len=8192 -len_control=0

if [ "$status" -eq 0 ]; then
	rm -rf "$work"
fi
exit "$status"
