#!/bin/sh
# images.sh REPORTC - every class of PNG (pngs.py) through check and build,
# with the pixels each PDF holds compared with the image's own (images.py).
# Prints TAP. pikepdf is Debian's python3-pikepdf: the system python3 has
# it even when another python3 comes first in PATH.
set -u
reportc=${1:?usage: images.sh REPORTC}
here=$(cd "$(dirname "$0")" && pwd)
for candidate in python3 /usr/bin/python3; do
	if command -v "$candidate" >/dev/null 2>&1 &&
		"$candidate" -c 'import pikepdf' >/dev/null 2>&1; then
		exec "$candidate" "$here/images.py" "$reportc"
	fi
done
echo "1..0 # SKIP python3-pikepdf is not installed"
exit 77
