#!/bin/sh
# run.sh REPORTC - the folders made from the seeds (tests/seeds/*/), which
# report-data/ cannot hold since they have no scrutineer's sign-off: each
# checks with exactly the findings of its expected.txt (last line `exit N`)
# and builds as a draft. TAP.
set -u
reportc=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
for dir in "$here"/*/; do
	name=$(basename "$dir")
	n=$((n + 1))
	"$reportc" check "$dir" >"$tmp/out" 2>/dev/null
	echo "exit $?" >>"$tmp/out"
	if diff -u "$dir/expected.txt" "$tmp/out" >"$tmp/diff"; then
		echo "ok $n - $name: check gives expected.txt"
	else
		echo "not ok $n - $name: check gives expected.txt"
		sed 's/^/# /' "$tmp/diff"
		failed=$((failed + 1))
	fi
	n=$((n + 1))
	if "$reportc" build "$dir" --draft -o "$tmp/$name.pdf" >/dev/null 2>"$tmp/err" &&
	   [ -s "$tmp/$name.pdf" ]; then
		echo "ok $n - $name: builds as a draft"
	else
		echo "not ok $n - $name: builds as a draft"
		sed 's/^/# /' "$tmp/err"
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
