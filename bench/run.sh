#!/bin/sh
# bench/run.sh - how long `reportc check` and `reportc build` take, and how
# much memory they use, on the sample folder and on folders 10 and 100 times
# its size (made by bench/generate.py); prints a Markdown table.
#
# The one command that reproduces the table, from a checkout:
#
#   bench/run.sh
#
# It installs what is missing (hyperfine, time, poppler-utils, and the build
# packages) with apt-get, builds reportc in release mode into its own build
# folder, writes the generated folders and PDFs under $OUT, and times each
# command with hyperfine: one warm-up run, then $RUNS counted runs, the median
# wall time quoted. `html` is `reportc build DIR -o DIR.html`, the HTML
# edition (its size in the PDF KB column). Peak RSS is the median over three runs of /usr/bin/time's
# "Maximum resident set size". Build runs write a real PDF (with its fsync),
# so their wall time includes the disk.
#
# Environment: RUNS (counted runs, default 10), OUT (work folder, default
# ${TMPDIR:-/tmp}/reportc-bench), KS (sizes, default "10 100"), SAMPLE (the
# folder to scale, default report-data/2023-24).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
out=${OUT:-${TMPDIR:-/tmp}/reportc-bench}
ks=${KS:-10 100}
sample=${SAMPLE:-$root/report-data/2023-24}
# hyperfine -N splits its command line on white space.
case "$root$out$sample" in
*[[:space:]]*) echo "bench: paths with spaces are not supported: $root $out $sample" >&2; exit 2 ;;
esac

packages="gcc meson ninja-build pkg-config python3 libxml2-dev libhpdf-dev libpng-dev zlib1g-dev
	hyperfine time poppler-utils"
missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bench: installing$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

mkdir -p "$out"
build="$out/build"
[ -f "$build/build.ninja" ] || meson setup "$build" "$root" --buildtype=release >/dev/null
ninja -C "$build" src/reportc >/dev/null
reportc="$build/src/reportc"

# The folders: the sample itself, then each generated size.
folders="$sample"
for k in $ks; do
	folders="$folders $(python3 "$root/bench/generate.py" --sample "$sample" --out "$out" "$k")"
done

results="$out/results.tsv"
: >"$results"
for dir in $folders; do
	name=$(basename "$dir")
	pdf="$out/$name.pdf"
	"$reportc" check "$dir" >/dev/null 2>&1 || {
		echo "bench: reportc check $dir found errors" >&2
		"$reportc" check "$dir" >&2
		exit 1
	}
	"$reportc" build "$dir" -o "$pdf" >/dev/null 2>&1
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	bytes=$(wc -c <"$pdf")
	# pdffonts lists every font; column "emb" must say yes for all of them.
	unembedded=$(pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes"' | wc -l)
	"$reportc" build "$dir" -o "$out/$name.html" >/dev/null 2>&1
	html_bytes=$(wc -c <"$out/$name.html")
	for cmd in check build html; do
		size=$bytes
		case $cmd in
		check) set -- "$reportc" check "$dir" ;;
		build) set -- "$reportc" build "$dir" -o "$pdf" ;;
		html) set -- "$reportc" build "$dir" -o "$out/$name.html"; size=$html_bytes ;;
		esac
		hyperfine -N --warmup 1 --runs "$runs" --style none \
			--export-json "$out/$name-$cmd.json" "$*" >/dev/null 2>&1
		rss=""
		for i in 1 2 3; do
			kb=$(/usr/bin/time -f '%M' -o "$out/time.txt" "$@" >/dev/null 2>&1 &&
				tail -n 1 "$out/time.txt")
			rss="$rss $kb"
		done
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$cmd" "$out/$name-$cmd.json" \
			"$rss" "$pages" "$size" "$unembedded" >>"$results"
	done
done

python3 - "$results" "$runs" <<'PY'
import json, statistics, sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
runs = sys.argv[2]
print("| folder | command | median ms | min–max ms | CPU ms (mean) | peak RSS MiB | pages "
      "| PDF (HTML) KB | fonts embedded | ms/page | wall vs 1× | CPU vs 1× | RSS vs 1× |")
print("|---|---|--:|--:|--:|--:|--:|--:|:-:|--:|--:|--:|--:|")
first, got = {}, {}
for name, cmd, js, rss, pages, size, unembedded in rows:
    r = json.load(open(js))["results"][0]
    med = r["median"] * 1000
    lo, hi = min(r["times"]) * 1000, max(r["times"]) * 1000
    cpu = (r["user"] + r["system"]) * 1000
    rss_mib = statistics.median(int(x) for x in rss.split()) / 1024
    pages, size = int(pages), int(size)
    base = first.setdefault(cmd, (med, cpu, rss_mib))
    got[name, cmd] = (med, cpu, rss_mib, size, unembedded == "0")
    print(f"| {name} | {cmd} | {med:.1f} | {lo:.1f}–{hi:.1f} | {cpu:.1f} | {rss_mib:.1f} "
          f"| {pages} | {size / 1024:.0f} | {'yes' if unembedded == '0' else 'NO'} "
          f"| {med / pages:.2f} | {med / base[0]:.1f}× | {cpu / base[1]:.1f}× "
          f"| {rss_mib / base[2]:.1f}× |")
print(f"\nMedian wall time of {runs} runs after one warm-up (hyperfine -N), and their mean "
      "CPU time (user + system; on a busy machine the wall time also counts waiting for a "
      "processor); peak RSS the median of 3 runs (/usr/bin/time %M); pages and size of the "
      "PDF that build writes for that folder; ms/page = median ms / pages.")

names = list(dict.fromkeys(r[0] for r in rows))
one = names[0]
def verdict(ok):
    return "met" if ok else "MISSED"
print("\nTargets (the sample; then each larger folder against it):\n")
c, b = got[one, "check"], got[one, "build"]
print(f"- {one} check ≤ 10 ms: wall {c[0]:.1f} ms, CPU {c[1]:.1f} ms: {verdict(c[0] <= 10)}")
print(f"- {one} build ≤ 50 ms: wall {b[0]:.1f} ms, CPU {b[1]:.1f} ms: {verdict(b[0] <= 50)}")
print(f"- {one} peak RSS ≤ 30 MiB: {max(c[2], b[2]):.1f} MiB: {verdict(max(c[2], b[2]) <= 30)}")
print(f"- {one} PDF ≤ 400 KB, fonts embedded: {b[3] / 1024:.0f} KB: "
      f"{verdict(b[3] <= 400 * 1024 and b[4])}")
h = got[one, "html"]
print(f"- {one} HTML edition < 20 ms: wall {h[0]:.1f} ms, CPU {h[1]:.1f} ms: "
      f"{verdict(h[0] < 20)} ({h[3] / 1024:.0f} KB)")
for name in names[1:]:
    k = name.rsplit("-x", 1)[-1]
    if not k.isdigit():
        continue
    k = int(k)
    for cmd in ("check", "build", "html"):
        g, f = got[name, cmd], got[one, cmd]
        print(f"- {name} {cmd} within {k} × the sample's time: wall {g[0] / f[0]:.0f}×, "
              f"CPU {g[1] / f[1]:.0f}×: {verdict(g[1] <= k * f[1])} (judged on CPU)")
    g = got[name, "build"]
    print(f"- {name} build peak RSS {g[2]:.0f} MiB, {g[2] / got[one, 'build'][2]:.0f}× the "
          f"sample's" + (f"; under 300 MiB: {verdict(g[2] < 300)}" if k >= 100 else ""))
PY
