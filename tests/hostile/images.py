#!/usr/bin/env python3
"""images.py REPORTC - every class of PNG through `reportc check` and
`reportc build` (made by pngs.py), printed as TAP.

A valid class must check clean and build, and the PDF must hold exactly its
pixels: 8-bit grey or RGB in DeviceGray or DeviceRGB, and a soft mask when
(and only when) some pixel is not opaque, compressed. A broken class must
be one finding at the figure that names it, from check and from build, and
build must write no PDF. Then one report holding every valid class passes
the PDF/UA and PDF/A checker (tests/pdfua/check-pdfua.py). Needs pikepdf
(Debian's python3-pikepdf): run it through images.sh, which finds it.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402  (the report folder the hostile cases start from)
import pngs  # noqa: E402

import pikepdf  # noqa: E402


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = False

    def ok(self, good, what, why=""):
        self.n += 1
        print("%s %d - %s" % ("ok" if good else "not ok", self.n, what))
        if not good:
            self.failed = True
            for line in str(why).splitlines()[:8]:
                print("# " + line)


def folder(work, name, classes):
    """A copy of the base folder with one figure per class, in a new
    section; returns the folder and the line of each figure."""
    out = os.path.join(work, name)
    shutil.copytree(gen.BASE, out, symlinks=True)
    os.remove(os.path.join(out, "expected.txt"))
    figures = ""
    for c in classes:
        with open(os.path.join(out, "images", c + ".png"), "wb") as f:
            f.write(pngs.make(c))
        figures += '\n<figure src="images/%s.png" alt="A test image: %s."/>' % (c, c)
    gen.add_section(out, figures)
    report = gen.read(out, "report.xml").splitlines()
    lines = {}
    for c in classes:
        lines[c] = next(i + 1 for i, l in enumerate(report) if 'images/%s.png"' % c in l)
    return out, lines


def run(reportc, *args):
    p = subprocess.run([reportc] + list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def image_of(pdf_path):
    """The one image XObject of the test's size in the PDF."""
    pdf = pikepdf.open(pdf_path)
    for page in pdf.pages:
        for _, x in page.obj.get("/Resources", {}).get("/XObject", {}).items():
            if x.get("/Subtype") == "/Image" and int(x.Width) == pngs.W and int(x.Height) == pngs.H:
                return pdf, x
    return pdf, None


def close_enough(got, want, tolerance):
    if len(got) != len(want):
        return "%d bytes, expected %d" % (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        if abs(g - w) > tolerance:
            return "byte %d is %d, expected %d" % (i, g, w)
    return None


def check_pixels(pdf_path, name):
    """None when the PDF holds the class's pixels, else what differs."""
    pdf, x = image_of(pdf_path)
    with pdf:
        if x is None:
            return "no %d x %d image in the PDF" % (pngs.W, pngs.H)
        channels, colour, alpha = pngs.expected(name)
        # 16-bit samples scale to 8 bits with rounding: allow one step.
        tolerance = 1 if pngs.VALID[name].depth == 16 else 0
        space = "/DeviceGray" if channels == 1 else "/DeviceRGB"
        if x.get("/ColorSpace") != space or int(x.BitsPerComponent) != 8:
            return "colour space %r, %r bits; expected %s, 8 bits" % (
                x.get("/ColorSpace"), x.get("/BitsPerComponent"), space)
        if x.get("/Filter") is None:
            return "the image is not compressed"
        why = close_enough(x.read_bytes(), colour, tolerance)
        if why:
            return "colour: " + why
        mask = x.get("/SMask")
        if alpha is None:
            return "a soft mask on an opaque image" if mask is not None else None
        if mask is None:
            return "no soft mask, but some pixels are transparent"
        if mask.get("/ColorSpace") != "/DeviceGray" or mask.get("/Filter") is None:
            return "the soft mask is not compressed DeviceGray"
        why = close_enough(mask.read_bytes(), alpha, tolerance)
        return "alpha: " + why if why else None


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    reportc = os.path.abspath(argv[1])
    tap = Tap()
    valid, broken = list(pngs.VALID), list(pngs.BROKEN)
    print("1..%d" % (3 * len(valid) + 2 * len(broken) + 2))
    work = tempfile.mkdtemp(prefix="reportc-images.")
    try:
        for name in valid:
            dir, _ = folder(work, name, [name])
            code, out = run(reportc, "check", dir)
            tap.ok(code == 0 and "0 errors" in out, "valid %s: check is clean" % name, out)
            pdf = os.path.join(work, name + ".pdf")
            code, out = run(reportc, "build", dir, "-o", pdf)
            tap.ok(code == 0 and os.path.exists(pdf), "valid %s: build writes the PDF" % name,
                   "exit %d\n%s" % (code, out))
            why = check_pixels(pdf, name) if os.path.exists(pdf) else "no PDF"
            tap.ok(why is None, "valid %s: the PDF holds its pixels and alpha" % name, why)

        for name in broken:
            dir, lines = folder(work, name, [name])
            want = re.compile(r'^report\.xml:%d:\d+: error: figure src="images/%s\.png" is a '
                              r'damaged PNG file \(libpng: .+\)' % (lines[name], re.escape(name)),
                              re.M)
            code, out = run(reportc, "check", dir)
            tap.ok(code == 1 and want.search(out) and out.count("error:") == 1,
                   "broken %s: one finding at its figure from check" % name, out)
            pdf = os.path.join(work, name + ".pdf")
            code, out = run(reportc, "build", dir, "-o", pdf)
            tap.ok(code == 1 and want.search(out) and not os.path.exists(pdf),
                   "broken %s: build refuses it with the same finding" % name, out)

        dir, _ = folder(work, "all", valid)
        pdf = os.path.join(work, "all.pdf")
        code, out = run(reportc, "build", dir, "-o", pdf)
        tap.ok(code == 0, "a report with every valid class builds", out)
        checker = os.path.join(HERE, "..", "pdfua", "check-pdfua.py")
        p = subprocess.run([sys.executable, checker, pdf], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        tap.ok(p.returncode == 0, "its PDF passes the PDF/UA and PDF/A checker",
               p.stdout.decode("utf-8", "replace"))
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(work)
        else:
            print("# work folder: " + work)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
