#!/usr/bin/env python3
"""run.py REPORTC - the fictional reports of tests/reports (issue 13): each
checks with no finding at all and builds in every style, and its pages show
what a board member would notice: no appendix label printed twice (headings,
contents, cross-references), a running header that is the whole short title
on every page after the cover, never cut, running header and footer
smaller than the body, numbers of five digits or more grouped with commas
(KPI tiles too), and a money column with pence on every row or on none. e2e.py and the pdfua suite check their PDFs like the
sample's. Prints TAP; exits 77 when poppler is missing."""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
n = failed = 0


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


def page_texts(pdf):
    return run("pdftotext", "-layout", pdf, "-").stdout.split("\f")


def doubled_labels(pdf):
    """Lines where one appendix label follows another ("Appendix 1: Appendix A")."""
    text = run("pdftotext", pdf, "-").stdout
    return re.findall(r"Appendix \w{1,4}\s*[:.–-]\s*Appendix \w{1,4}", text)


def headers(pdf):
    """The first line of every page after the cover."""
    return [p.strip().splitlines()[0].strip() if p.strip() else "" for p in page_texts(pdf)[1:]
            if p.strip()]


def word_heights(pdf):
    """Heights of body words and of footer words ("Page N of M" at the page foot)."""
    bbox = run("pdftotext", "-bbox", pdf, "-").stdout
    body, footer = [], []
    for m in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', bbox, re.S):
        height = float(m.group(1))
        for y0, y1, w in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>',
                                    m.group(2)):
            h = float(y1) - float(y0)
            if float(y0) > 0.92 * height:
                footer.append(h)
            elif 0.1 * height < float(y0) < 0.85 * height:
                body.append(h)
    return body, footer


def ungrouped_numbers(pdf):
    """Numbers of five digits or more printed without separators, outside
    web addresses. -raw keeps a hyphen at a line end ("2023-" "24"), which
    poppler's default mode takes out."""
    text = run("pdftotext", "-raw", pdf, "-").stdout
    text = re.sub(r"\S*(www\.|https?:)\S*", " ", text)
    return re.findall(r"(?<![\w,.£])£?\d{5,}(?![\w,])", text)


def mixed_pence(pdf):
    """Money tables (from a header naming "Amount" to their "Total" row)
    where some amounts have pence and others not."""
    bad = []
    for page in page_texts(pdf):
        rows = None
        for line in page.splitlines():
            if re.search(r"\bAmount\b", line):
                rows = []
                continue
            if rows is None:
                continue
            m = re.search(r"£([\d,]+(\.\d\d)?)\s+[\d.]+%\s*$", line)
            if m:
                rows.append(m.group(2) is not None)
            if line.strip().startswith("Total"):
                if len(set(rows)) > 1:
                    bad.append(f"{len(rows)} rows, {sum(rows)} with pence")
                rows = None
    return bad


def expected_header(folder):
    """The partnership's short name and the title's short form."""
    text = open(os.path.join(folder, "report.xml"), encoding="utf-8").read()
    who = re.search(r'<partnership short="([^"]*)"', text).group(1)
    title = re.search(r'<title short="([^"]*)"', text).group(1)
    return f"{who} {title}".replace("&amp;", "&")


def main():
    if len(sys.argv) != 2:
        print("usage: run.py REPORTC", file=sys.stderr)
        return 2
    if not shutil.which("pdftotext"):
        print("1..0 # SKIP pdftotext not found")
        return 77
    reportc = os.path.abspath(sys.argv[1])
    styles = sorted(f[:-4] for f in os.listdir(os.path.join(ROOT, "styles")) if f.endswith(".xml"))
    folders = sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "report.xml")))
    with tempfile.TemporaryDirectory() as tmp:
        for name in folders:
            folder = os.path.join(HERE, name)
            r = run(reportc, "check", folder)
            report(r.returncode == 0 and r.stdout == "" and "0 errors, 0 warnings" in r.stderr,
                   f"{name}: checks with no finding", r.stdout + r.stderr)
            for style in styles:
                pdf = os.path.join(tmp, f"{name}-{style}.pdf")
                r = run(reportc, "build", folder, "-o", pdf, "--style", style)
                report(r.returncode == 0 and os.path.isfile(pdf),
                       f"{name} ({style}): builds", r.stdout + r.stderr)
                if r.returncode != 0:
                    continue
                doubled = doubled_labels(pdf)
                report(not doubled, f"{name} ({style}): no appendix label printed twice",
                       "\n".join(doubled))
                wanted = expected_header(folder)
                cut = [f"page {i + 2}: {h!r}" for i, h in enumerate(headers(pdf)) if h != wanted]
                report(not cut, f"{name} ({style}): every running header is {wanted!r}",
                       "\n".join(cut))
                numbers = ungrouped_numbers(pdf)
                report(not numbers, f"{name} ({style}): five-digit numbers are grouped",
                       " ".join(numbers))
                mixed = mixed_pence(pdf)
                report(not mixed, f"{name} ({style}): money columns all with pence or none",
                       "\n".join(mixed))
                body, footer = word_heights(pdf)
                ok = body and footer and max(footer) < 0.9 * statistics.median(body)
                report(ok, f"{name} ({style}): the footer is smaller than the body",
                       f"footer {max(footer or [0]):.1f}, body median "
                       f"{statistics.median(body or [0]):.1f}")
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
