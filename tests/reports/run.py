#!/usr/bin/env python3
"""run.py REPORTC - the fictional reports of tests/reports (issue 13): each
checks with no finding at all and builds in every style. e2e.py and the pdfua
suite check their PDFs like the sample's. Prints TAP; exits 77 when poppler is
missing."""
import os
import shutil
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
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
