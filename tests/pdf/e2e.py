#!/usr/bin/env python3
"""e2e.py REPORTC - builds every report-data folder, and every fictional
report of tests/reports, in every style and checks the PDFs with poppler and
qpdf. Prints TAP; exits 77 when a tool is missing.

For each folder and style:
  - the build succeeds and two builds are byte-identical;
  - qpdf --check passes;
  - pdffonts shows every font embedded, with a ToUnicode map;
  - pdfinfo reports Tagged: yes and the title;
  - every contents entry's heading is on the page the contents page gives;
  - no word lies outside the left and right margins, or off the page.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
n = 0
failed = 0


def report(ok, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if ok else "not ok"), n, "-", what)
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:20]:
            print("#", line)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def length_pt(value):
    """A style length (12pt, 20mm, 1.5cm, 0.5in, 12) in points."""
    m = re.fullmatch(r"([0-9.]+)(pt|mm|cm|in)?", value.strip())
    number, unit = float(m.group(1)), m.group(2) or "pt"
    return number * {"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72}[unit]


def margins(style):
    page = ET.parse(os.path.join(ROOT, "styles", style + ".xml")).getroot().find("page")
    get = lambda k, d: length_pt(page.get(k, d))
    return get("width", "595.28"), get("height", "841.89"), get("margin-inner", "20mm"), \
        get("margin-outer", "20mm")


def squash(text):
    return re.sub(r"\s+", "", text)


def contents_entries(pdf):
    """(title, page) pairs read off the contents page(s), titles joined
    across wrapped lines, leaders removed. The running header (the first
    line above "Contents") and footer are skipped on every contents page;
    a page continues the contents only while it holds dotted leaders."""
    entries, pending, header = [], "", None
    entry = re.compile(r"^(.*?)[ .]*\s(\d+)\s*$")
    leaders = re.compile(r"(\.\s*){3,}|\s{3,}")
    dots = re.compile(r"(\.\s*){3,}\d+\s*$")
    for page in range(1, 8):
        lines = run("pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-").stdout
        lines = lines.splitlines()
        if not entries:
            at = next((i for i, line in enumerate(lines) if line.strip() == "Contents"), None)
            if at is None:
                continue
            header = next((line.strip() for line in lines[:at] if line.strip()), None)
            lines = lines[at + 1:]
        elif not any(dots.search(line) for line in lines):
            break
        for line in lines:
            stripped = line.strip()
            if not stripped or stripped == header or re.fullmatch(r"Page \d+ of \d+", stripped):
                continue
            m = entry.match(line)
            if m and leaders.search(line):
                title = (pending + " " + m.group(1)).strip()
                entries.append((re.sub(r"[ .]+$", "", title), int(m.group(2))))
                pending = ""
            else:
                pending = (pending + " " + stripped).strip()
    return entries


def check_pdf(reportc, folder, style, tmp):
    name = f"{os.path.basename(folder)} ({style})"
    pdf = os.path.join(tmp, "a.pdf")
    again = os.path.join(tmp, "b.pdf")
    r = run(reportc, "build", folder, "-o", pdf, "--style", style)
    report(r.returncode == 0, f"{name}: builds", r.stdout + r.stderr)
    if r.returncode != 0:
        return
    r2 = run(reportc, "build", folder, "-o", again, "--style", style)
    same = r2.returncode == 0 and open(pdf, "rb").read() == open(again, "rb").read()
    report(same, f"{name}: two builds are byte-identical")

    r = run("qpdf", "--check", pdf)
    report(r.returncode == 0, f"{name}: qpdf --check passes", r.stdout + r.stderr)

    fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
    bad = [f for f in fonts if not re.search(r"\byes\s+\w+\s+yes\b", f)]
    report(fonts and not bad, f"{name}: every font embedded with ToUnicode", "\n".join(bad))

    info = run("pdfinfo", pdf).stdout
    report("Tagged:          yes" in info, f"{name}: tagged PDF", info)
    report(re.search(r"^Title:\s+\S", info, re.M) is not None, f"{name}: has a title", info)

    entries = contents_entries(pdf)
    wrong = []
    for title, page in entries:
        text = run("pdftotext", "-f", str(page), "-l", str(page), pdf, "-").stdout
        if squash(title) not in squash(text):
            wrong.append(f"{title!r} not on page {page}")
    report(len(entries) >= 5 and not wrong,
           f"{name}: {len(entries)} contents entries found on their pages", "\n".join(wrong))

    width, height, left, right = margins(style)
    bbox = run("pdftotext", "-bbox", pdf, "-").stdout
    outside = []
    page = 0
    for line in bbox.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
                      line)
        if not m:
            continue
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        # 0.5 pt of slack for rounding in poppler's glyph boxes
        if x0 < left - 0.5 or x1 > width - right + 0.5 or y0 < 0 or y1 > height:
            outside.append(f"page {page}: {m.group(5)!r} at x {x0:.1f}-{x1:.1f}")
    report(not outside, f"{name}: no text outside the margins", "\n".join(outside))


def main():
    if len(sys.argv) != 2:
        print("usage: e2e.py REPORTC", file=sys.stderr)
        return 2
    for tool in ("qpdf", "pdffonts", "pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            print(f"1..0 # SKIP {tool} not found")
            return 77
    reportc = os.path.abspath(sys.argv[1])
    folders = [os.path.join(ROOT, top, d) for top in ("report-data", "tests/reports")
               for d in sorted(os.listdir(os.path.join(ROOT, top)))
               if os.path.isfile(os.path.join(ROOT, top, d, "report.xml"))]
    styles = sorted(f[:-4] for f in os.listdir(os.path.join(ROOT, "styles")) if f.endswith(".xml"))
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            for style in styles:
                check_pdf(reportc, folder, style, tmp)
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
