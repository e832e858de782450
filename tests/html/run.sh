#!/bin/sh
# run.sh REPORTC - the HTML edition in a real browser (TAP; issue 16).
#
# Builds, as HTML, the sample (final), the test report tests/check/base
# (final), a draft of the sample and a draft of a folder fresh from
# `reportc init` (every figure still to enter), then runs browser.mjs on
# them: html-validate, axe-core's WCAG 2.2 A and AA rules in Debian's
# Chromium, no horizontal scrolling at 320 px or with text at 200%, link
# targets, focus, contrast, and the sample's screenshots at 320, 768 and
# 1280 px against the reviewed goldens in tests/html/goldens/.
#
# Needs node, Debian's chromium and `npm ci` in tests/html (./setup.sh test
# does both); skips without them. HTML_SHOTS=DIR keeps the screenshots to
# look at; HTML_UPDATE=1 writes them as the new goldens (review them first).
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 REPORTC" >&2
	exit 2
fi
reportc=$1
case $reportc in /*) ;; *) reportc=$(pwd)/$reportc ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed"
	exit 0
fi
if [ ! -x "$chromium" ]; then
	echo "1..0 # SKIP $chromium is not installed"
	exit 0
fi
for m in puppeteer-core axe-core html-validate; do
	if [ ! -d "$here/node_modules/$m" ]; then
		echo "1..0 # SKIP $m is not installed (npm ci in tests/html)"
		exit 0
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1732233600
shots=${HTML_SHOTS:-$tmp/shots}

fail() {
	echo "1..1"
	echo "not ok 1 - $1"
	sed 's/^/# /' "$tmp/log"
	exit 1
}
"$reportc" build "$root/report-data/2023-24" -o "$tmp/sample.html" >"$tmp/log" 2>&1 ||
	fail "the sample builds as HTML"
"$reportc" build "$root/tests/check/base" -o "$tmp/base.html" >"$tmp/log" 2>&1 ||
	fail "the test report builds as HTML"
"$reportc" build "$root/report-data/2023-24" --draft -o "$tmp/draft.html" >"$tmp/log" 2>&1 ||
	fail "a draft of the sample builds as HTML"
"$reportc" init "$tmp/next" --from "$root/report-data/2023-24" >"$tmp/log" 2>&1 ||
	fail "init makes next year's folder"
"$reportc" build "$tmp/next" --draft -o "$tmp/gaps.html" >"$tmp/log" 2>&1 ||
	fail "a draft with every figure still to enter builds as HTML"

update=
[ -n "${HTML_UPDATE:-}" ] && update=--update
cd "$here" && exec node browser.mjs "$here/goldens" "$shots" $update \
	"sample=$tmp/sample.html:shots" "base=$tmp/base.html" "draft=$tmp/draft.html" \
	"gaps=$tmp/gaps.html"
