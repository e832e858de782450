#!/bin/sh
# make-seeds.sh - (re)writes the seed corpus of fuzz-load from the check
# cases and the sample data: one seed per XML file of each case folder,
# its first byte the file's number (report 0, finance 1, lado 2, yjs 3,
# training 4, scrutiny 5) as fuzz-load.c reads it. Run from anywhere;
# review `git status tests/fuzz/corpus` before committing.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/tests/fuzz/corpus/load
mkdir -p "$out"

seed() { # seed NAME FILE.xml PATH
	case $2 in
	report.xml) n=0 ;; finance.xml) n=1 ;; lado.xml) n=2 ;;
	yjs.xml) n=3 ;; training.xml) n=4 ;; scrutiny.xml) n=5 ;;
	*) return 0 ;;
	esac
	{ printf "\\$(printf %03o "$n")"; cat "$3"; } >"$out/$1-${2%.xml}"
}

for dir in "$root"/tests/check/*/ "$root"/report-data/*/ "$root"/tests/layout/*/; do
	name=$(basename "$dir")
	case $dir in */report-data/*) name=data-$name ;; */layout/*) name=layout-$name ;; esac
	for f in "$dir"*.xml; do
		[ -f "$f" ] && seed "$name" "$(basename "$f")" "$f"
	done
done
echo "make-seeds.sh: $(ls "$out" | wc -l) seeds in $out"
