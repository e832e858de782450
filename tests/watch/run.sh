#!/bin/sh
# run.sh REPORTC - `reportc build --watch` rebuilds when a file changes, and
# a rebuild that fails keeps the last good PDF; a PDF inside the watched
# folder is no change (no rebuild loop); an images/ folder made later is
# watched; the folder moved away, brought back or replaced is said and
# followed; a build that crashes does not end the watch. Waits are
# bounded. TAP.
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

# count PATTERN: lines of the log matching PATTERN.
count() { grep -c "$1" "$log"; }

# wait_log PATTERN COUNT: until the log holds COUNT lines matching PATTERN
# (at most 10 s).
wait_log() {
	i=0
	while [ "$(count "$1")" -lt "$2" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(count "$1")" -ge "$2" ]
}

# start DIR OUT: a new watch, its log empty.
start() {
	: >"$log"
	"$reportc" build "$1" -o "$2" --watch >"$log" 2>&1 &
	pid=$!
}

stop() {
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=""
}

# The PDF inside the watched folder: writing it is not a change.
rm -rf "$work/report" && cp -R "$base" "$work/report"
start "$work/report" "$work/report/report.pdf"
wait_log wrote 1
sleep 2
if [ "$(count wrote)" -eq 1 ] && [ -s "$work/report/report.pdf" ]; then
	ok "a PDF written inside the watched folder does not rebuild it (no loop)"
else
	not_ok "a PDF written inside the watched folder does not rebuild it (no loop)"
fi
touch "$work/report/lado.xml"
if wait_log wrote 2 && sleep 1.5 && [ "$(count wrote)" -eq 2 ]; then
	ok "  while a change of the data rebuilds it once"
else
	not_ok "  while a change of the data rebuilds it once"
fi
stop
rm -f "$work/report/report.pdf"

# An images/ folder made after the watch started is watched too.
mv "$work/report/images" "$work/images.away"
start "$work/report" "$out"
wait_log 'error' 1
mkdir "$work/report/images"
sleep 1
cp "$work/images.away/logo.png" "$work/report/images/logo.png"
if wait_log wrote 1; then
	ok "an image put into an images/ folder made after the start rebuilds"
else
	not_ok "an image put into an images/ folder made after the start rebuilds"
fi
stop

# The folder moved away, brought back, replaced by another.
start "$work/report" "$out"
wait_log wrote 1
mv "$work/report" "$work/report.away"
if wait_log 'was removed or moved away' 1; then
	ok "the watched folder moved away is said"
else
	not_ok "the watched folder moved away is said"
fi
mv "$work/report.away" "$work/report"
if wait_log 'is there again' 1 && wait_log wrote 2; then
	ok "  and brought back, is built and watched again"
else
	not_ok "  and brought back, is built and watched again"
fi
cp -R "$work/report" "$work/report.new"
sed -i 's/<author>/<author>Replaced /' "$work/report.new/report.xml"
mv "$work/report" "$work/report.old" && mv "$work/report.new" "$work/report"
if wait_log 'replaced by another folder' 1 && wait_log wrote 3; then
	ok "a folder replaced by another is said, and the new one built"
else
	not_ok "a folder replaced by another is said, and the new one built"
fi
touch "$work/report/lado.xml"
if wait_log wrote 4; then
	ok "  and the new one is watched"
else
	not_ok "  and the new one is watched"
fi
rm -rf "$work/report.old"

# A build that crashes (a PNG with a tRNS chunk crashed libharu 2.3.0's
# loader) or fails on bad files leaves the watch running.
python3 - "$work/report/images/logo.png" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return (struct.pack('>I', len(data)) + kind + data +
            struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
raw = b''.join(b'\0' + b'\0\0\0' * 4 for _ in range(4))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' +
    chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0)) +
    chunk(b'tRNS', b'\0\0\0\0\0\0') + chunk(b'IDAT', zlib.compress(raw)) +
    chunk(b'IEND', b''))
EOF
sleep 1
cp "$work/report/lado.xml" "$work/lado.keep"
head -c 3000 /dev/urandom >"$work/report/lado.xml"
sleep 1
rm "$work/report/lado.xml" && mkdir "$work/report/lado.xml"
sleep 1
rmdir "$work/report/lado.xml" && cp "$work/lado.keep" "$work/report/lado.xml"
cp "$work/images.away/logo.png" "$work/report/images/logo.png"
if wait_log wrote 5 && kill -0 "$pid" 2>/dev/null; then
	ok "the watch survives a crashing build and bad files, and builds once they are good"
else
	not_ok "the watch survives a crashing build and bad files, and builds once they are good"
fi
stop

echo "1..$n"
[ "$failed" -eq 0 ]
