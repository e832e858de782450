#!/bin/sh
# faults.sh REPORTC - what goes wrong around a build rather than in the
# data: an output folder that cannot be written, a full disk, -o naming an
# input, a file that is not a PDF, a folder, a device, a FIFO or standard
# output, standard output that cannot be written, a missing or corrupt
# font, a missing or broken style, a corrupt image, special files where
# files should be, and the process killed in the middle of writing.
# Each must end with a one-line message and exit 2 (the folder's own
# problems: exit 1), never a crash, and never cost the last good PDF.
# Prints TAP; a fault this machine cannot stage (no root for a tmpfs or
# for another user) is skipped with the reason.
set -u

reportc=${1:?usage: faults.sh REPORTC}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
case $reportc in /*) ;; *) reportc=$(pwd)/$reportc ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/reportc-faults.XXXXXX") || exit 2
chmod 755 "$work"
mounted=
cleanup() {
	[ -n "$mounted" ] && umount "$mounted" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT HUP INT TERM

base=$work/base
cp -RP "$root/tests/check/base" "$base" && rm -f "$base/expected.txt"
chmod -R a+rX "$base"
# A data folder (fonts, styles) of our own to break.
data=$work/data
mkdir "$data" && cp -R "$root/fonts" "$root/styles" "$data/"

n=0
failed=0
is_root=no
[ "$(id -u)" = 0 ] && is_root=yes

# expect NAME EXIT PATTERN COMMAND...: runs COMMAND (30 s at most) and
# wants its exit status and a line of its output matching PATTERN.
expect() {
	name=$1 want=$2 pattern=$3
	shift 3
	n=$((n + 1))
	timeout 30 "$@" >"$work/out" 2>&1
	code=$?
	if [ "$code" != "$want" ]; then
		echo "not ok $n - $name: exit $code, expected $want"
	elif ! grep -Eq "$pattern" "$work/out"; then
		echo "not ok $n - $name: no line matches /$pattern/"
	else
		echo "ok $n - $name"
		return 0
	fi
	sed 's/^/# /' "$work/out" | head -n 5
	failed=1
	return 1
}

# check NAME COMMAND...: one TAP line from COMMAND's status.
check() {
	name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		failed=1
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

no_temporaries() {
	! ls -a "$1" | grep -q '\.tmp$'
}


# ---- the output ------------------------------------------------------------

out=$work/out-dir
mkdir "$out"
expect "a good build to start from" 0 "wrote" "$reportc" build "$base" -o "$out/report.pdf"
cp "$out/report.pdf" "$work/good.pdf"

expect "output folder missing" 2 "folder '.*/no/such/dir': No such file or directory" \
	"$reportc" build "$base" -o "$work/no/such/dir/report.pdf"
expect "output is a folder" 2 "cannot (replace|create|write)" \
	"$reportc" build "$base" -o "$out"

ro=$work/read-only
mkdir "$ro" && cp "$work/good.pdf" "$ro/report.pdf" && chmod 555 "$ro"
if [ "$is_root" = no ]; then
	expect "output folder not writable" 2 "cannot create a temporary file .*Permission denied" \
		"$reportc" build "$base" -o "$ro/report.pdf"
	check "  and the old PDF is untouched" cmp -s "$ro/report.pdf" "$work/good.pdf"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$reportc" 2>/dev/null &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups test -r "$root/fonts/OpenSans-Regular.ttf"; then
	expect "output folder not writable (as nobody)" 2 \
		"cannot create a temporary file .*Permission denied" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$reportc" build "$base" -o "$ro/report.pdf"
	check "  and the old PDF is untouched" cmp -s "$ro/report.pdf" "$work/good.pdf"
else
	skip "output folder not writable" "root ignores permissions and cannot become nobody here"
	skip "  and the old PDF is untouched" "as above"
fi

full=$work/full
mkdir "$full"
if [ "$is_root" = yes ] && mount -t tmpfs -o size=32k tmpfs "$full" 2>/dev/null; then
	mounted=$full
	printf '%%PDF-1.7 an older PDF\n' >"$full/report.pdf"
	expect "disk full" 2 "No space left on device" \
		"$reportc" build "$base" -o "$full/report.pdf"
	check "  and the old PDF is untouched, no temporary file left" \
		sh -c "[ \"\$(cat '$full/report.pdf')\" = '%PDF-1.7 an older PDF' ] && ! ls -a '$full' | grep -q tmp"
	umount "$full" && mounted=
else
	skip "disk full" "cannot mount a small tmpfs (needs root and CAP_SYS_ADMIN)"
	skip "  and the old PDF is untouched, no temporary file left" "as above"
fi

# ---- what -o may name (DECISIONS.md "Output files") ------------------------

inputs=$work/inputs
cp -RP "$base" "$inputs"
cp "$inputs/report.xml" "$work/report.xml.orig"
expect "-o onto the folder's report.xml is refused" 2 "one of the build's inputs.*--force" \
	"$reportc" build "$inputs" -o "$inputs/report.xml"
check "  and report.xml is untouched" cmp -s "$inputs/report.xml" "$work/report.xml.orig"
expect "-o onto it by another spelling too" 2 "one of the build's inputs" \
	"$reportc" build "$inputs" -o "$inputs/./images/../report.xml"
expect "a new PDF inside the report folder is fine" 0 "wrote" \
	"$reportc" build "$inputs" -o "$inputs/report.pdf"
printf 'minutes of the board\n' >"$out/notes.txt"
expect "-o onto a file that is not a PDF is refused" 2 "not a PDF.*--force" \
	"$reportc" build "$base" -o "$out/notes.txt"
check "  and the file is untouched" sh -c "[ \"\$(cat '$out/notes.txt')\" = 'minutes of the board' ]"
expect "--force replaces it" 0 "wrote" "$reportc" build "$base" -o "$out/notes.txt" --force
check "  with the PDF" cmp -s "$out/notes.txt" "$work/good.pdf"
: >"$out/empty.pdf"
expect "an empty file holds nothing to lose: replaced" 0 "wrote" \
	"$reportc" build "$base" -o "$out/empty.pdf"
expect "-o . names a folder, and says so" 2 "'\.' is a folder|'\.': it is a folder" \
	sh -c 'cd "$1" && "$2" build "$3" -o .' sh "$out" "$reportc" "$base"
check "  not \"Device or resource busy\"" sh -c "! grep -q 'busy' '$work/out'"
long=$(printf '%0240d' 0 | tr 0 x).pdf
expect "a 244-character output name (the temporary file's suffix does not count)" 0 "wrote" \
	"$reportc" build "$base" -o "$out/$long"
cp "$work/good.pdf" "$out/private.pdf" && chmod 600 "$out/private.pdf"
expect "replacing a PDF of mode 0600" 0 "wrote" "$reportc" build "$base" -o "$out/private.pdf"
check "  keeps mode 0600" sh -c "[ \"\$(stat -c %a '$out/private.pdf')\" = 600 ]"
ln -s private.pdf "$out/link.pdf"
expect "-o through a symbolic link" 0 "wrote" "$reportc" build "$base" -o "$out/link.pdf"
check "  replaces the file it points to and keeps the link" \
	sh -c "[ -L '$out/link.pdf' ] && cmp -s '$out/private.pdf' '$work/good.pdf'"
check "  and leaves no temporary file" no_temporaries "$out"

# Standard output: "-" is the PDF itself, the findings go to standard error.
n=$((n + 1))
if "$reportc" build "$base" -o - >"$work/stdout.pdf" 2>"$work/stdout.err" &&
	cmp -s "$work/stdout.pdf" "$work/good.pdf" && [ ! -e ./- ]; then
	echo "ok $n - -o - writes the PDF (byte for byte the file's) to standard output"
else
	echo "not ok $n - -o - writes the PDF (byte for byte the file's) to standard output"
	sed 's/^/# /' "$work/stdout.err" | head -n 5
	failed=1
fi
if command -v qpdf >/dev/null 2>&1; then
	check "  and qpdf --check passes on it" sh -c "qpdf --check '$work/stdout.pdf' >/dev/null"
else
	skip "  and qpdf --check passes on it" "qpdf is not installed"
fi
warned=$work/warned
cp -RP "$base" "$warned" && cp "$root/tests/check/w01-comment-missing/scrutiny.xml" "$warned/"
"$reportc" build "$warned" -o - --draft >"$work/warned.pdf" 2>"$work/warned.err"
check "  a warning goes to standard error, not into the PDF" \
	sh -c "head -c 5 '$work/warned.pdf' | grep -q '^%PDF-' && grep -q 'warning:' '$work/warned.err' && ! grep -aq 'warning:' '$work/warned.pdf'"

# Write errors on standard output are exit 2, never lost with exit 0.
if [ -w /dev/full ]; then
	expect "check > /dev/full (findings lost) is exit 2" 2 "cannot write to standard output: No space" \
		sh -c '"$1" check "$2" >/dev/full' sh "$reportc" "$warned"
	expect "build --dump-dl > /dev/full is exit 2" 2 "cannot write to standard output: No space" \
		sh -c '"$1" build "$2" -o x.pdf --dump-dl >/dev/full' sh "$reportc" "$base"
	expect "build -o - > /dev/full is exit 2" 2 "standard output: No space" \
		sh -c '"$1" build "$2" -o - >/dev/full' sh "$reportc" "$base"
else
	skip "check > /dev/full (findings lost) is exit 2" "no /dev/full"
	skip "build --dump-dl > /dev/full is exit 2" "no /dev/full"
	skip "build -o - > /dev/full is exit 2" "no /dev/full"
fi
expect "check with standard output closed (findings lost) is exit 2" 2 \
	"cannot write to standard output: Bad file descriptor" \
	sh -c '"$1" check "$2" >&-' sh "$reportc" "$warned"
expect "a build with standard output closed writes no finding into its PDF" 2 \
	"cannot write to standard output" \
	sh -c '"$1" build "$2" --draft -o "$3" >&-' sh "$reportc" "$warned" "$out/closed.pdf"
check "  and the PDF is whole" sh -c "head -c 5 '$out/closed.pdf' | grep -q '^%PDF-' &&
	! grep -aq 'warning:' '$out/closed.pdf' && tail -c 6 '$out/closed.pdf' | grep -q EOF"

# A FIFO is written directly, never renamed over.
mkfifo "$out/pipe"
timeout 30 cat "$out/pipe" >"$work/from-pipe.pdf" &
reader=$!
expect "-o a FIFO writes into it" 0 "wrote" "$reportc" build "$base" -o "$out/pipe"
wait "$reader"
check "  the reader gets the PDF and the FIFO stays a FIFO" \
	sh -c "cmp -s '$work/from-pipe.pdf' '$work/good.pdf' && [ -p '$out/pipe' ]"

# Devices: a node of our own (as /dev/full, 1,7), so that a failure
# destroys nothing of the system's.
dev=$work/dev
mkdir "$dev"
if [ "$is_root" = yes ] && mknod "$dev/full" c 1 7 2>/dev/null && mknod "$dev/null" c 1 3 &&
	mknod "$dev/loop" b 7 200; then
	expect "-o a full character device (as root) is exit 2" 2 "'$dev/full': No space left on device" \
		"$reportc" build "$base" -o "$dev/full"
	check "  and the device node is still a character device" \
		sh -c "[ -c '$dev/full' ] && ! ls -a '$dev' | grep -q tmp"
	expect "-o a character device that takes the bytes" 0 "wrote" "$reportc" build "$base" -o "$dev/null"
	check "  and it stays a device" test -c "$dev/null"
	expect "-o a block device is refused" 2 "is a block device" \
		"$reportc" build "$base" -o "$dev/loop"
	check "  and it stays one" test -b "$dev/loop"
else
	skip "-o a full character device (as root) is exit 2" "mknod needs root"
	skip "  and the device node is still a character device" "as above"
	skip "-o a character device that takes the bytes" "as above"
	skip "  and it stays a device" "as above"
	skip "-o a block device is refused" "as above"
	skip "  and it stays one" "as above"
fi

# ---- fonts and styles ------------------------------------------------------

rm "$data/fonts/OpenSans-Bold.ttf"
expect "font file missing" 2 "OpenSans-Bold\.ttf" \
	env REPORTC_DATADIR="$data" "$reportc" build "$base" -o "$out/report.pdf"
head -c 3000 "$root/fonts/OpenSans-Bold.ttf" >"$data/fonts/OpenSans-Bold.ttf"
expect "font file truncated" 2 "OpenSans-Bold\.ttf" \
	env REPORTC_DATADIR="$data" "$reportc" build "$base" -o "$out/report.pdf"
head -c 30000 /dev/urandom >"$data/fonts/OpenSans-Bold.ttf"
expect "font file of random bytes" 2 "OpenSans-Bold\.ttf" \
	env REPORTC_DATADIR="$data" "$reportc" build "$base" -o "$out/report.pdf"
check "  and the PDF of the last good build is still there" cmp -s "$out/report.pdf" "$work/good.pdf"
cp "$root/fonts/OpenSans-Bold.ttf" "$data/fonts/"

expect "style missing" 2 "there is no style \"nosuch\"" \
	"$reportc" build "$base" -o "$out/report.pdf" --style nosuch
expect "style name with a path in it" 2 "is not a style name" \
	"$reportc" build "$base" -o "$out/report.pdf" --style ../../etc/passwd
head -c 200 "$root/styles/sefton.xml" >"$data/styles/sefton.xml"
expect "style file truncated" 2 "styles/sefton\.xml" \
	env REPORTC_DATADIR="$data" "$reportc" build "$base" -o "$out/report.pdf"
cp "$root/styles/sefton.xml" "$data/styles/"

# ---- the environment -------------------------------------------------------

# 253402300800 is 10000-01-01: a PDF date has four digits of year.
expect "SOURCE_DATE_EPOCH past the year 9999" 2 "SOURCE_DATE_EPOCH=253402300800 is not" \
	env SOURCE_DATE_EPOCH=253402300800 "$reportc" build "$base" -o "$out/report.pdf" --draft
check "  and the PDF of the last good build is still there" cmp -s "$out/report.pdf" "$work/good.pdf"
expect "SOURCE_DATE_EPOCH not a number" 2 "SOURCE_DATE_EPOCH=yesterday is not" \
	env SOURCE_DATE_EPOCH=yesterday "$reportc" build "$base" -o "$out/report.pdf" --draft

# ---- images and special files ----------------------------------------------

bad=$work/bad-image
cp -RP "$base" "$bad"
head -c 40 "$bad/images/logo.png" >"$work/cut.png" && cp "$work/cut.png" "$bad/images/logo.png"
expect "image truncated after its header (a finding, not a fault)" 1 "is a damaged PNG file" \
	"$reportc" build "$bad" -o "$out/report.pdf"

fifo=$work/fifo
cp -RP "$base" "$fifo"
rm "$fifo/lado.xml" && mkfifo "$fifo/lado.xml"
expect "a data file that is a FIFO (no hang)" 1 "lado\.xml is not a regular file" \
	"$reportc" check "$fifo"
rm "$fifo/lado.xml" && mkdir "$fifo/lado.xml"
expect "a data file that is a folder" 1 "lado\.xml is not a regular file" \
	"$reportc" check "$fifo"
cp "$base/lado.xml" "$fifo/lado.xml.tmp" && rmdir "$fifo/lado.xml" && mv "$fifo/lado.xml.tmp" "$fifo/lado.xml"
rm "$fifo/images/logo.png" && mkfifo "$fifo/images/logo.png"
expect "an image that is a FIFO (no hang)" 1 "is not a regular file" \
	"$reportc" build "$fifo" -o "$out/report.pdf"
expect "report folder missing" 2 "cannot read the folder" \
	"$reportc" check "$work/no-such-folder"

# ---- killed while writing ----------------------------------------------------

# A folder big enough that writing its PDF takes a while; kill -9 as soon
# as the temporary file appears, then build again.
big=$work/big
python3 "$here/gen.py" big-table "$big" 20000 && chmod -R a+rX "$big"
killed=$work/killed
mkdir "$killed"
cp "$work/good.pdf" "$killed/report.pdf"
caught=$(python3 - "$reportc" "$big" "$killed/report.pdf" <<'EOF'
import os, signal, subprocess, sys, time
reportc, folder, out = sys.argv[1:]
outdir, name = os.path.split(out)
for attempt in range(5):
    p = subprocess.Popen([reportc, "build", folder, "-o", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while p.poll() is None:
        if any(f.startswith(".reportc-") for f in os.listdir(outdir)):
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            print("yes")
            sys.exit(0)
        time.sleep(0.0005)
    # It finished first: put the good PDF back and try again.
    subprocess.run(["cp", os.path.join(os.path.dirname(outdir), "good.pdf"), out], check=True)
print("no")
EOF
)
if [ "$caught" = yes ]; then
	check "kill -9 while writing: the old PDF is byte-identical" cmp -s "$killed/report.pdf" "$work/good.pdf"
	check "  and its temporary file is left behind (until the next build)" \
		sh -c "ls -a '$killed' | grep -q '\\.tmp\$'"
	expect "  the next build succeeds" 0 "wrote" "$reportc" build "$base" -o "$killed/report.pdf"
	check "  and removes the dead build's temporary file" no_temporaries "$killed"
else
	skip "kill -9 while writing: the old PDF is byte-identical" "the build always finished writing before it could be killed"
	skip "  and its temporary file is left behind (until the next build)" "as above"
	skip "  the next build succeeds" "as above"
	skip "  and removes the dead build's temporary file" "as above"
fi

echo "1..$n"
if [ "$failed" -ne 0 ]; then
	exit 1
fi
