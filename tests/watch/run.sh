#!/bin/sh
# run.sh REPORTC - `reportc build --watch` rebuilds when a file changes, and
# a rebuild that fails keeps the last good PDF. Waits are bounded. TAP.
set -u
reportc=$1
here=$(cd "$(dirname "$0")" && pwd)
base=$here/../check/base

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-watch.XXXXXX") || exit 2
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT HUP INT TERM

cp -R "$base" "$work/report"
out=$work/report.pdf
log=$work/log

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$log"; }

# wait_for COUNT: until the log holds COUNT "wrote" lines (at most 10 s).
wait_for() {
	i=0
	while [ "$(grep -c 'wrote' "$log")" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(grep -c 'wrote' "$log")" -ge "$1" ]
}

: >"$log"
"$reportc" build "$work/report" -o "$out" --watch >"$log" 2>&1 &
pid=$!

if wait_for 1 && [ -s "$out" ]; then ok "the first build writes the PDF"; else not_ok "the first build writes the PDF"; fi
first=$(cksum <"$out")

# An edit that changes the report: the author's name.
sed -i 's/<author>/<author>Edited /' "$work/report/report.xml"
if wait_for 2 && [ "$(cksum <"$out")" != "$first" ]; then
	ok "an edit rebuilds the PDF"
else
	not_ok "an edit rebuilds the PDF"
fi
good=$(cksum <"$out")

# A broken edit: the rebuild fails and says why; the last good PDF stays.
errors_before=$(grep -c 'error' "$log")
printf '<report' >"$work/report/report.xml"
i=0
while [ "$(grep -c 'error' "$log")" -le "$errors_before" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ "$(grep -c 'error' "$log")" -gt "$errors_before" ] && [ "$(cksum <"$out")" = "$good" ]; then
	ok "a failed rebuild reports the error and keeps the last good PDF"
else
	not_ok "a failed rebuild reports the error and keeps the last good PDF"
fi

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""
if [ -z "$(find "$work" -name '*.tmp*' -o -name '.*pdf*' | grep -v "^$out\$")" ]; then
	ok "no temporary file is left behind"
else
	not_ok "no temporary file is left behind"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
