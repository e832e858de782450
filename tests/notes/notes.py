#!/usr/bin/env python3
"""notes.py REPORTC - `reportc notes` end to end (TAP), on copies of the
sample report-data/2023-24:

  - a draft records its input hash and style in its XMP, in reportc's
    namespace, and a final records nothing;
  - annotations added as a viewer adds them (annotate.py: a sticky note
    with author, date and text beside a table row, a highlight over a
    paragraph, a free text on a chart, a multi-line note on a row of a
    breakdown's data table, a note on the cover) are listed, sorted, at the
    exact file:line:col of the element each sits on, with the section
    title, the data file's line for the data row, and newlines as spaces;
    reportc's own links are not listed;
  - a draft built with --since, whose changes pages come after the
    contents, maps the same notes to the same lines;
  - --format=xml gives <comment> elements that, pasted into scrutiny.xml,
    validate against schemas/scrutiny.xsd and pass reportc check;
  - a folder changed since the draft: a warning on standard error, the
    notes still listed, exit 0;
  - a file that is not a PDF, and a final (no record): exit 2.
Each expected line is computed from the XML files, not from reportc.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

try:
    import pikepdf  # noqa: F401
except ImportError:
    print("1..0 # SKIP python3-pikepdf is not installed")
    sys.exit(77)
for tool in ("pdftotext", "xmllint"):
    if not shutil.which(tool):
        print("1..0 # SKIP %s is not installed" % tool)
        sys.exit(77)

import annotate  # noqa: E402

REPORTC = os.path.abspath(sys.argv[1])
n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok"), n, "-", what)
    if not cond:
        failed += 1
        for line in str(detail).splitlines()[:30]:
            print("#", line)


def run(*args, env=None):
    e = dict(os.environ, SOURCE_DATE_EPOCH="1765000000")
    if env:
        e.update(env)
    return subprocess.run([REPORTC] + list(args), capture_output=True, text=True, env=e)


def where(folder, name, pattern, nth=1, tag="<"):
    """'name:LINE:COL' of the nth line of folder/name matching pattern, at
    the first `tag` of the line (the '<' of its first element)."""
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if re.search(pattern, line):
                nth -= 1
                if nth == 0:
                    col = line.index(tag) + 1
                    return "%s:%d:%d" % (name, i, col)
    raise AssertionError("%s: no line matches %r" % (name, pattern))


def xmp(pdf):
    with pikepdf.open(pdf) as p:
        return bytes(p.Root.Metadata.read_bytes()).decode("utf-8")


tmp = tempfile.mkdtemp()
try:
    v1 = os.path.join(tmp, "v1")
    shutil.copytree(os.path.join(ROOT, "report-data", "2023-24"), v1)
    draft = os.path.join(tmp, "draft.pdf")
    r = run("build", v1, "--draft", "-o", draft)
    ok(r.returncode == 0, "a draft of the sample builds", r.stderr)

    # ---- the record --------------------------------------------------
    m = xmp(draft)
    ns = "https://reportc.invalid/ns/draft/1/"
    stamp = re.search(r"inputs ([0-9a-f]{7})", subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", draft, "-"], capture_output=True,
        text=True).stdout)
    rec = re.search(r"<reportc:inputs>([0-9a-f]{16})</reportc:inputs>", m)
    ok('xmlns:reportc="%s"' % ns in m and rec and stamp and
       rec.group(1).startswith(stamp.group(1)) and
       "<reportc:style>sefton</reportc:style>" in m and "reportc:since" not in m,
       "the draft's XMP records its input hash (the stamp's) and its style", m[-2500:])
    ok(re.search(r"<pdfaSchema:namespaceURI>%s</pdfaSchema:namespaceURI>\s*"
                 r"<pdfaSchema:prefix>reportc</pdfaSchema:prefix>" % re.escape(ns), m)
       is not None, "a PDF/A extension schema describes reportc's namespace")
    final = os.path.join(tmp, "final.pdf")
    r = run("build", v1, "-o", final)
    ok(r.returncode == 0 and "reportc" not in xmp(final).replace(
        "<xmp:CreatorTool>reportc</xmp:CreatorTool>", ""),
       "a final records nothing of reportc's own", r.stderr)

    # ---- notes where a viewer puts them ------------------------------
    ws = annotate.words(draft)

    def at(phrase, after=None, nth=1):
        hit = annotate.find(ws, phrase, after, nth)
        assert hit, phrase
        return hit

    author = "Jane Scrutineer"
    specs = []
    p, x1, y1, x2, y2 = at("Notifications made to the National Panel")
    specs.append(dict(kind="Text", page=p, rect=[530, y2 - 20, 550, y2], author=author,
                      date="D:20261201143000+00'00'", contents="Is this 3 or 4?"))
    p, x1, y1, x2, y2 = at("The table below highlights")
    specs.append(dict(kind="Highlight", page=p, rect=[x1, y1, x2, y2], author=author,
                      date="D:20261201143500+00'00'", contents="Say which year & <why>."))
    p, x1, y1, x2, y2 = at("Training sessions by mode")
    # Just under the title: a chart may be a single bar 60pt tall, and the
    # next section may follow it on the same page.
    specs.append(dict(kind="FreeText", page=p, rect=[300, y1 - 45, 450, y1 - 25],
                      author=author, contents="Colours too close"))
    # The second "Social Care" after the pie's title: the row of its
    # table (the first is the pie's label).
    p, x1, y1, x2, y2 = at("Social Care", "Referring agency", 2)
    specs.append(dict(kind="Text", page=p, rect=[x2 + 200, y2 - 20, x2 + 220, y2],
                      author=author, contents="Social care\nseems low;\r\ncheck with LA"))
    specs.append(dict(kind="Text", page=1, rect=[500, 780, 520, 800], author=author,
                      contents="Use the new logo"))
    p, x1, y1, x2, y2 = at("Child Safeguarding Practice Review Panel (2020),")
    specs.append(dict(kind="Highlight", page=p, rect=[x1, y1, x2, y2], author=author,
                      contents="Link the review"))
    p, x1, y1, x2, y2 = at("Contents")
    specs.append(dict(kind="Text", page=p, rect=[500, y1 - 60, 520, y1 - 40],
                      contents="Shorter titles? \x1b[31m <b> & co"))
    noted = os.path.join(tmp, "noted.pdf")
    annotate.annotate(draft, noted, specs)

    rep = "report.xml"
    root = where(v1, rep, r"^<report\b")
    expected = [
        root + ": note from Jane Scrutineer on the cover: Use the new logo",
        root + ": note from an unnamed reviewer on the contents: Shorter titles? "
        "\\u001B[31m <b> & co",
        where(v1, rep, r"<p>The table below highlights") +
        ': note from Jane Scrutineer (2026-12-01 14:35) in "Learning from Serious Child '
        'Safeguarding Cases/Rapid Reviews and Response from the National Panel": Say '
        'which year & <why>.',
        where(v1, rep, r"<row>", 2) +
        ': note from Jane Scrutineer (2026-12-01 14:30) in "Learning from Serious Child '
        'Safeguarding Cases/Rapid Reviews and Response from the National Panel": Is this '
        '3 or 4?',
        where(v1, rep, r"<note>Child Safeguarding Practice Review Panel", tag="<note>") +
        ': note from Jane Scrutineer in "Learning from Serious Child Safeguarding '
        'Cases/Rapid Reviews and Response from the National Panel": Link the review',
        where(v1, rep, r'<chart of="training.by-mode"') +
        ': note from Jane Scrutineer in "Learning and Development (including workforce '
        'engagement and attendance at training)": Colours too close',
        where(v1, rep, r'<chart of="lado.referring-agency"') +
        ': note from Jane Scrutineer in "Managing Allegations – Local Authority Designated '
        'Officer (LADO) Overview": Social care seems low; check with LA (data: ' +
        where(v1, "lado.xml", r'<item label="Social Care"') + ")",
    ]
    # The row's <row> is the second of the table of reviews: make sure.
    assert "Notifications made" in open(os.path.join(v1, rep)).read().split("<row>")[2]
    r = run("notes", v1, noted)
    got = r.stdout.splitlines()
    ok(r.returncode == 0 and got == expected,
       "notes lists each annotation at its element, sorted, own links left out",
       "\n".join(["exit %d" % r.returncode, "got:"] + got + ["expected:"] + expected +
                 [r.stderr]))
    ok("7 notes" in r.stderr and "other inputs" not in r.stderr,
       "one summary line on standard error, no warning for the same inputs", r.stderr)

    # ---- --format=xml pastes into scrutiny.xml -----------------------
    r = run("notes", v1, noted, "--format=xml")
    ok(r.returncode == 0 and r.stdout.count("<comment on=") == 5 and
       r.stdout.count("not on a section") == 2 and
       '<comment on="reviews">' in r.stdout and '<comment on="lado-appendix">' in r.stdout,
       "--format=xml: a comment on the section of each note, the cover's as an XML comment",
       r.stdout + r.stderr)
    pasted = os.path.join(tmp, "pasted")
    shutil.copytree(v1, pasted)
    sx = os.path.join(pasted, "scrutiny.xml")
    with open(sx, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(<scrutineer [^>]*/>\n)", lambda mm: mm.group(1) + r.stdout, text, count=1)
    with open(sx, "w", encoding="utf-8") as f:
        f.write(text)
    v = subprocess.run(["xmllint", "--noout", "--schema",
                        os.path.join(ROOT, "schemas", "scrutiny.xsd"), sx],
                       capture_output=True, text=True)
    ok(v.returncode == 0, "pasted into scrutiny.xml, the comments validate", v.stderr)
    c = run("check", pasted)
    ok(c.returncode == 0 and "error" not in c.stdout,
       "and reportc check accepts them (every on names a section)", c.stdout + c.stderr)

    # A draft with warnings carries reportc's own notes: none is listed.
    own = os.path.join(tmp, "own.pdf")
    r = run("build", pasted, "--draft", "-o", own)
    with pikepdf.open(own) as p:
        texts = [a for pg in p.pages for a in pg.obj.get("/Annots", [])
                 if a.get("/Subtype") == "/Text"]
    r2 = run("notes", pasted, own)
    ok(r.returncode == 0 and len(texts) > 0 and r2.returncode == 0 and r2.stdout == "",
       "a draft's own notes (%d, one per warning) are not listed" % len(texts),
       r.stderr + r2.stdout + r2.stderr)

    # ---- a draft with its changes since an earlier folder ------------
    v2 = os.path.join(tmp, "v2")
    shutil.copytree(v1, v2)
    with open(os.path.join(v2, rep), encoding="utf-8") as f:
        text = f.read()
    # One word of the foreword, on its own line: no line moves.
    assert "Foreword from Sefton Statutory Partners" in text
    text2 = re.sub(r"(<section id=\"foreword\"[^\n]*\n(?:[^\n]*\n)*?\s*<p>)(\w+)",
                   lambda mm: mm.group(1) + mm.group(2).upper(), text, count=1)
    assert text2 != text and text2.count("\n") == text.count("\n")
    with open(os.path.join(v2, rep), "w", encoding="utf-8") as f:
        f.write(text2)
    since = os.path.join(tmp, "since.pdf")
    r = run("build", v2, "--draft", "--since", v1, "-o", since)
    ok(r.returncode == 0, "a draft of the changed copy --since the first builds", r.stderr)
    m = xmp(since)
    first = re.search(r"<reportc:changesFirstPage>(\d+)<", m)
    count = re.search(r"<reportc:changesPages>(\d+)<", m)
    sws = annotate.words(since)
    changes = annotate.find(sws, "Changes since the previous draft", "Contents")
    ok(first and count and changes and int(first.group(1)) == changes[0] and
       "<reportc:since>" in m,
       "its XMP records the earlier folder's hash and the page of changes", m[-1500:])
    ws = sws
    specs2 = []
    for s, (phrase, after, nth) in zip(specs, [
            ("Notifications made to the National Panel", None, 1),
            ("The table below highlights", None, 1),
            ("Training sessions by mode", None, 1),
            ("Social Care", "Referring agency", 2), (None, None, 0),
            ("Child Safeguarding Practice Review Panel (2020),", None, 1),
            ("Contents", None, 1)]):
        s2 = dict(s)
        if phrase:
            p, x1, y1, x2, y2 = at(phrase, after, nth)
            s2["page"] = p
            if phrase == "Contents":
                s2["rect"] = [500, y1 - 60, 520, y1 - 40]
            elif s["kind"] == "Highlight":
                s2["rect"] = [x1, y1, x2, y2]
            elif s["kind"] == "FreeText":
                s2["rect"] = [300, y1 - 45, 450, y1 - 25]
            else:
                s2["rect"] = [s["rect"][0], y2 - 20, s["rect"][2], y2]
        specs2.append(s2)
    ok(all(s2["page"] > int(first.group(1)) for s2 in specs2[:4]),
       "the notes of the second draft lie after its page of changes")
    noted2 = os.path.join(tmp, "noted2.pdf")
    annotate.annotate(since, noted2, specs2)
    r = run("notes", v2, noted2)
    ok(r.returncode == 0 and r.stdout.splitlines() == expected and
       "other inputs" not in r.stderr,
       "notes on a --since draft map past its page of changes to the same lines",
       "\n".join(r.stdout.splitlines() + ["expected:"] + expected + [r.stderr]))
    specs3 = [dict(kind="Text", page=int(first.group(1)), rect=[500, 700, 520, 720],
                   author=author, contents="Thanks")]
    noted3 = os.path.join(tmp, "noted3.pdf")
    annotate.annotate(since, noted3, specs3)
    r = run("notes", v2, noted3)
    ok(r.returncode == 0 and r.stdout == root + ": note from Jane Scrutineer on the "
       "changes since the previous draft: Thanks\n",
       "a note on the page of changes is reported at the report's root", r.stdout + r.stderr)

    # ---- a folder changed since the draft ----------------------------
    r = run("notes", v2, noted)
    ok(r.returncode == 0 and "was built from other inputs" in r.stderr and
       len(r.stdout.splitlines()) == 7,
       "the folder changed since the draft: a warning, the notes still listed",
       r.stdout + r.stderr)

    # ---- what is not a draft -----------------------------------------
    junk = os.path.join(tmp, "junk.pdf")
    with open(junk, "w") as f:
        f.write("not a PDF at all\n")
    r = run("notes", v1, junk)
    ok(r.returncode == 2 and "not a PDF" in r.stderr and not r.stdout,
       "a file that is not a PDF: exit 2", r.stderr)
    r = run("notes", v1, final)
    ok(r.returncode == 2 and "not a draft" in r.stderr and not r.stdout,
       "a final, which records nothing: exit 2", r.stderr)
    cut = os.path.join(tmp, "cut.pdf")
    with open(draft, "rb") as f:
        data = f.read()
    with open(cut, "wb") as f:
        f.write(data[:2000])
    r = run("notes", v1, cut)
    ok(r.returncode == 2 and r.stderr.startswith("reportc: ") and not r.stdout,
       "a draft cut short: exit 2 with the reason", r.stderr)
    if shutil.which("qpdf"):
        locked = os.path.join(tmp, "locked.pdf")
        subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", noted, locked],
                       check=True)
        r = run("notes", v1, locked)
        ok(r.returncode == 2 and "password" in r.stderr and not r.stdout,
           "a draft encrypted with a password: exit 2", r.stderr)
        owner = os.path.join(tmp, "owner.pdf")
        subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--", noted, owner],
                       check=True)
        r = run("notes", v1, owner)
        ok(r.returncode == 0 and r.stdout.splitlines() == expected,
           "a draft encrypted with an owner password only is read", r.stdout + r.stderr)
    import filecmp
    cmp = filecmp.dircmp(v1, os.path.join(ROOT, "report-data", "2023-24"))
    ok(not cmp.left_only and not cmp.right_only and not filecmp.cmpfiles(
        v1, cmp.right, cmp.common_files, shallow=False)[1],
       "notes wrote nothing into the folder", cmp.left_only)
    r = run("notes", v1)
    ok(r.returncode == 2 and "needs the report folder and the draft" in r.stderr,
       "notes without the draft: a usage error", r.stderr)
    # The other commands do not load qpdf: notes opens it when it runs.
    if shutil.which("ldd"):
        libs = subprocess.run(["ldd", REPORTC], capture_output=True, text=True).stdout
        ok("qpdf" not in libs, "reportc is not linked with libqpdf (notes loads it)", libs)
finally:
    shutil.rmtree(tmp)

print("1..%d" % n)
sys.exit(1 if failed else 0)
