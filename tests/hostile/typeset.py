#!/usr/bin/env python3
"""typeset.py REPORTC - hostile texts and blocks, judged in what a build
makes. Prints TAP; exits 77 when pikepdf or pdftotext is missing.

- Soft hyphens (U+00AD) are break opportunities: never drawn, never in the
  extracted text, and a line that ends at one ends with a drawn hyphen.
- A section title referred to many times, each reference wrapped over many
  lines: the title goes into the PDF once per destination (one /Contents
  object shared by all its links), so the PDF grows linearly with the
  references; a title past 300 characters is refused by `check`.
- Blocks taller than a page (a 200-category chart, a KPI with a very long
  value, a table row that cannot split) are refused by `build` with a
  finding at the element, exit 1 and no PDF; a very tall image is scaled
  into the text area.
- A report of more pages than a PDF from reportc can hold is a finding at
  report.xml's root element, found before any page is drawn, in bounded
  memory.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402  (the hostile folders' helpers)

SHY = "\u00ad"
n = 0
failed = 0


def report(ok, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if ok else "not ok"), n, "-", what)
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:12]:
            print("#", line[:300])


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def folder(tmp, name, change):
    """A copy of tests/check/base changed by change(out)."""
    out = os.path.join(tmp, name)
    shutil.copytree(gen.BASE, out, symlinks=True)
    os.remove(os.path.join(out, "expected.txt"))
    change(out)
    return out


def build(reportc, out, pdf, *extra):
    if os.path.exists(pdf):
        os.remove(pdf)
    return run(reportc, "build", out, "-o", pdf, *extra)


def dump_dl(reportc, out):
    return run(reportc, "build", out, "--dump-dl").stdout


def pdf_text(pdf):
    return run("pdftotext", "-enc", "UTF-8", pdf, "-").stdout


# ---- soft hyphens ------------------------------------------------------------

def soft_hyphens(reportc, tmp):
    word = SHY.join(["Safe", "guard", "ing", "part", "ner", "ship", "arrange", "ments"])
    short = SHY.join(["multi", "agency"])

    def change(out):
        # Narrow columns: the long word must break, and its soft hyphens
        # are where it can (before any break between letters).
        cells = "".join("<cell>%s</cell>" % word for _ in range(5))
        gen.add_section(out, "<p>Our %s work is %s.</p>"
                             '<table title="Words"><head>%s</head><row>%s</row></table>'
                        % (short, word, "<cell>H</cell>" * 5, cells),
                        title="Safe" + SHY + "guarding")
    out = folder(tmp, "soft-hyphen", change)
    pdf = os.path.join(tmp, "soft-hyphen.pdf")
    r = build(reportc, out, pdf)
    report(r.returncode == 0, "soft hyphens: the folder builds", r.stdout + r.stderr)
    if r.returncode != 0:
        return
    dl = dump_dl(reportc, out)
    texts = re.findall(r'^\s*text .*"(.*)"$', dl, re.M)
    report(texts and not any(SHY in t for t in texts),
           "soft hyphens: no text drawn holds U+00AD",
           "\n".join(t for t in texts if SHY in t))
    hyphenated = [t for t in texts if re.search(r"(Safe|guard|ing|part|ner|ship|arrange)-$", t)]
    report(len(hyphenated) >= 5,
           "soft hyphens: the table's lines break at them, each with a drawn hyphen (%d)"
           % len(hyphenated), "\n".join(t for t in texts if "Safe" in t or "guard" in t))
    report(any("multiagency" in t for t in texts),
           "soft hyphens: a word unbroken is drawn whole, without a hyphen",
           "\n".join(t for t in texts if "multi" in t))
    text = pdf_text(pdf)
    squashed = re.sub(r"\s+", "", text)
    report(SHY not in text and "Ourmultiagencywork" in squashed,
           "soft hyphens: the extracted text has no U+00AD and no hyphen where none is drawn",
           text[-400:])
    report(squashed.count("Safeguardingpartnershiparrangements") >= 5,
           "soft hyphens: a word broken at one extracts whole, without the added hyphen",
           text[-800:])
    try:
        import pikepdf
    except ImportError:
        report(True, "soft hyphens: bookmarks # SKIP pikepdf is not installed")
        return
    with pikepdf.open(pdf) as doc:
        with doc.open_outline() as outline:
            titles, stack = [], list(outline.root)
            while stack:
                item = stack.pop()
                titles.append(item.title)
                stack.extend(item.children)
    report("Safeguarding" in titles and not any(SHY in t for t in titles),
           "soft hyphens: a section's bookmark has none", repr(titles))


# ---- links to long titles ----------------------------------------------------

def title_of(chars):
    words = ("Safeguarding children together " * (chars // 31 + 2))
    return words[:chars].strip().ljust(chars, "x")


def title_refs(out, title_chars, refs):
    """A section titled with title_chars characters, referred to refs times
    from the cells of a table of narrow columns (each reference wraps over
    many lines)."""
    gen.add_section(out, "<p>The target.</p>", sid="target", title=title_of(title_chars))
    cols = 6
    rows = "".join("<row>%s</row>" % "".join('<cell>See <ref to="target"/>.</cell>'
                                             for _ in range(cols))
                   for _ in range(refs // cols))
    if rows:
        gen.add_section(out, '<table title="References"><head>%s</head>%s</table>'
                        % ("<cell>R</cell>" * cols, rows), sid="refs", title="References")


def long_titles(reportc, tmp):
    try:
        import pikepdf
    except ImportError:
        report(True, "links to long titles # SKIP pikepdf is not installed")
        return
    sizes = {}
    for chars, refs in ((100, 0), (100, 48), (300, 0), (300, 48), (300, 96)):
        name = "refs-%d-%d" % (chars, refs)
        out = folder(tmp, name, lambda o, c=chars, k=refs: title_refs(o, c, k))
        pdf = os.path.join(tmp, name + ".pdf")
        r = build(reportc, out, pdf)
        if r.returncode != 0:
            report(False, "links to a %d-character title: %d references build" % (chars, refs),
                   r.stdout + r.stderr)
            return
        sizes[chars, refs] = os.path.getsize(pdf)
        if (chars, refs) != (300, 96):
            continue
        with pikepdf.open(pdf) as doc:
            rects, contents = 0, set()
            for page in doc.pages:
                for annot in page.obj.get("/Annots", []):
                    c = annot.get("/Contents")
                    if annot.get("/Subtype") != "/Link" or c is None or \
                            "Safeguarding" not in str(c):
                        continue
                    rects += 1
                    contents.add(c.objgen if c.is_indirect else ("direct", rects))
        report(rects >= 96 * 2 and len(contents) == 1,
               "links to a 300-character title: %d link rectangles share one /Contents "
               "object (%d)" % (rects, len(contents)))
    # In references: the second 48 cost what the first 48 did, within 20%.
    first, second = sizes[300, 48] - sizes[300, 0], sizes[300, 96] - sizes[300, 48]
    report(abs(second - first) <= 0.2 * first,
           "links to a 300-character title: the PDF grows linearly with the references "
           "(%d, %d, %d bytes)" % (sizes[300, 0], sizes[300, 48], sizes[300, 96]))
    # The title itself is in the file's uncompressed objects (the link
    # descriptions, the bookmark) a few times, not once per line of a link.
    with open(os.path.join(tmp, "refs-300-96.pdf"), "rb") as f:
        copies = f.read().count(title_of(300).encode())
    report(copies <= 4, "links to a 300-character title: the file holds the title %d time(s), "
           "not once per link rectangle" % copies)

    out = folder(tmp, "title-301", lambda o: title_refs(o, 301, 6))
    r = run(reportc, "check", out)
    report(r.returncode == 1 and re.search(r"^report\.xml:\d+:\d+: error: the section title has "
                                           r"301 characters; a title may have at most 300",
                                           r.stdout, re.M),
           "a section title of 301 characters is a finding of check at the element",
           r.stdout + r.stderr)


# ---- blocks taller than a page -----------------------------------------------

def tall_png_bytes():
    """A grey PNG 100 pixels wide and 6,000 high."""
    return gen.png(100, 6000, rows=b"\0" * (101 * 6000), depth=8, colour=0)


def refused(reportc, tmp, name, change, elem, what):
    out = folder(tmp, name, change)
    pdf = os.path.join(tmp, name + ".pdf")
    c = run(reportc, "check", out)
    r = build(reportc, out, pdf)
    pattern = r"^report\.xml:\d+:\d+: error: <%s> too tall for a page" % elem
    report(c.returncode == 0 and r.returncode == 1 and re.search(pattern, r.stdout, re.M)
           and not os.path.exists(pdf),
           "%s: check passes it, build refuses at the <%s> (exit %d), no PDF"
           % (what, elem, r.returncode), r.stdout + r.stderr)


def tall_blocks(reportc, tmp):
    # Fifty categories now fit a page as thin horizontal bars; two hundred
    # cannot.
    def chart_200(out):
        lado = gen.read(out, "lado.xml")
        items = "".join('<item label="Category %d" count="%d"/>' % (i, 200 - i) for i in range(200))
        lado = lado.replace("  <timescales>", '  <breakdown id="many" title="Many" of="cases">'
                            + items + "</breakdown>\n  <timescales>", 1)
        gen.write(out, "lado.xml", lado)
        gen.add_section(out, '<chart of="lado.many" type="hbar" title="Many" '
                             'alt="Two hundred categories."/>')
    refused(reportc, tmp, "chart-200", chart_200, "chart", "a bar chart of 200 categories")

    def long_kpi(out):
        value = " ".join("word%d" % i for i in range(600))
        gen.add_section(out, '<kpis><kpi value="%s" label="a long value"/></kpis>' % value)
    refused(reportc, tmp, "kpi-long", long_kpi, "kpis", "a KPI with a 600-word value")

    # A table row taller than a page splits between its lines.
    def tall_row(out):
        text = " ".join("word%d" % i for i in range(3000))
        gen.add_section(out, '<table title="Tall"><head><cell>A</cell><cell>B</cell></head>'
                             "<row><cell>%s</cell><cell>x</cell></row></table>" % text)
    out = folder(tmp, "row-tall", tall_row)
    pdf = os.path.join(tmp, "row-tall.pdf")
    r = build(reportc, out, pdf)
    text = pdf_text(pdf) if r.returncode == 0 else ""
    report(r.returncode == 0 and "word0" in text and "word2999" in text,
           "a table row of 3,000 words splits over pages", r.stdout + r.stderr)

    # A picture 60 times taller than wide is scaled into the text area.
    def tall_png(out):
        gen.write(out, "images/tall.png", tall_png_bytes())
        gen.add_section(out, '<figure src="images/tall.png" alt="A tall picture."/>')
    out = folder(tmp, "png-tall", tall_png)
    pdf = os.path.join(tmp, "png-tall.pdf")
    r = build(reportc, out, pdf)
    dl = dump_dl(reportc, out)
    page = re.search(r"^page \d+ ([\d.]+) ([\d.]+)", dl, re.M)
    images = [tuple(map(float, m)) for m in
              re.findall(r"^\s*image \S+ ([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+)", dl, re.M)]
    inside = page is not None and images and all(
        y >= 0 and y + h <= float(page.group(2)) and x >= 0 and x + w <= float(page.group(1))
        for x, y, w, h in images)
    report(r.returncode == 0 and inside,
           "a 100 x 6000 picture builds, scaled onto the page", r.stderr + str(images[:4]))


# ---- more pages than a PDF holds ---------------------------------------------

def too_many_pages(reportc, tmp):
    # Each figure of a tall picture takes most of a page (60% of the text
    # area at most, and two do not fit): 33,000 of them make more pages
    # than the limit of 32,767.
    def figures(out):
        gen.write(out, "images/tall.png", tall_png_bytes())
        gen.add_section(out, '<figure src="images/tall.png" alt="Tall."/>' * 33000)
    out = folder(tmp, "pages", figures)
    pdf = os.path.join(tmp, "pages.pdf")
    timer = ["/usr/bin/time", "-f", "%M"] if os.access("/usr/bin/time", os.X_OK) else []
    r = run(*timer, reportc, "build", out, "-o", pdf)
    kb = re.findall(r"^(\d+)$", r.stderr, re.M)
    mb = int(kb[-1]) // 1024 if kb else 0
    report(r.returncode == 1 and re.search(r"^report\.xml:4:1: error: the report would have more "
                                           r"than 32767 pages", r.stdout, re.M)
           and not os.path.exists(pdf) and mb < 1024,
           "33,000 pages: a finding at report.xml's root, no PDF (%d MB)" % mb,
           r.stdout[-600:] + r.stderr[-600:])


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    reportc = os.path.abspath(sys.argv[1])
    if not shutil.which("pdftotext"):
        print("1..0 # SKIP pdftotext is not installed")
        return 77
    tmp = tempfile.mkdtemp(prefix="reportc-typeset.")
    try:
        soft_hyphens(reportc, tmp)
        long_titles(reportc, tmp)
        tall_blocks(reportc, tmp)
        too_many_pages(reportc, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
