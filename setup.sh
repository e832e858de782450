#!/bin/sh
# setup.sh - one command from a fresh Debian 12 machine to a result.
#
#   ./setup.sh          install what is missing, build, make the sample report
#   ./setup.sh test     install what is missing, build, run every test
#
# Packages are installed with apt-get (as root, or through sudo) only when
# missing. The build goes to build/; the sample report to out/.
set -eu
cd "$(dirname "$0")"

what=${1:-sample}
case $what in
sample | test) ;;
*) echo "usage: ./setup.sh [sample|test]" >&2; exit 2 ;;
esac

# What building needs, and what the tests need on top.
build_packages="gcc meson ninja-build pkg-config python3 libxml2-dev libhpdf-dev libpng-dev zlib1g-dev libqpdf-dev"
test_packages="poppler-utils qpdf libxml2-utils valgrind python3-pikepdf clang libclang-rt-14-dev chromium nodejs"
# The HTML edition's browser tests: Debian's Chromium, Node and npm. A Node
# that brings its own npm (NodeSource's) conflicts with Debian's npm.
command -v npm >/dev/null 2>&1 || test_packages="$test_packages npm"

packages=$build_packages
[ "$what" = test ] && packages="$packages $test_packages"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

werror=""
[ -n "${CI:-}" ] && werror="-Dwerror=true"
[ -f build/build.ninja ] || meson setup build $werror
ninja -C build

if [ "$what" = test ]; then
	# axe-core, puppeteer-core and html-validate, pinned by
	# tests/html/package-lock.json; no browser download (Debian's chromium).
	lock=tests/html/package-lock.json
	if ! cmp -s "$lock" tests/html/node_modules/.reportc-lock 2>/dev/null; then
		(cd tests/html && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
		cp "$lock" tests/html/node_modules/.reportc-lock
	fi
	exec meson test -C build --print-errorlogs
fi

mkdir -p out
for dir in report-data/*/; do
	year=$(basename "$dir")
	./build/src/reportc build "$dir" -o "out/$year.pdf"
done
