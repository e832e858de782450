#!/usr/bin/env python3
"""Structure checks of reportc's HTML edition, printing TAP.

usage: check-html.py REPORTC DIR [--init] [--draft] [--pdf-figures]

--init checks next year's folder that `reportc init` makes from DIR (every
figure still to enter) instead of DIR.

Builds DIR as HTML twice (same bytes), then checks what a reader and a
screen reader rely on: lang and title, one of each landmark (header, nav,
main, footer), a skip link to main, headings that start at h1 and skip no
level, every internal link's target, unique ids, no external request
(no script, no remote URL), th with scope, images and SVG charts named,
and with --pdf-figures that every number of the PDF's text (page numbers,
"Page N of M", "(page N)" and the contents' numbers aside) is in the
HTML's text. Standard library only; pdftotext for --pdf-figures."""

import base64
import html.parser
import os
import struct
import zlib
import re
import subprocess
import sys
import tempfile

results = []


def ok(cond, name, detail=""):
    results.append((bool(cond), name, detail))


class Doc(html.parser.HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr", "path", "rect", "line", "circle"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.ids = []
        self.hrefs = []
        self.headings = []
        self.landmarks = []
        self.text = []
        self.problems = []
        self.lang = None
        self.title = ""
        self.in_title = False
        self.first_link = None
        self.images = 0
        self.heading_text = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            if self.first_link is None:
                self.first_link = a["href"]
        if tag in ("header", "nav", "main", "footer", "aside"):
            # A header or footer inside a section is no landmark.
            inside = [t for t in self.stack if t in ("section", "article", "aside", "main", "nav")]
            self.landmarks.append((tag, bool(inside)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self.problems.append("a script element")
        if tag == "link" and a.get("rel") == "stylesheet":
            self.problems.append("an external stylesheet")
        for k in ("src", "href"):
            v = a.get(k, "")
            if re.match(r"(?i)(https?:)?//", v) and tag != "a":
                self.problems.append(f"<{tag} {k}={v}> loads from elsewhere")
        if tag == "img" and "alt" not in a:
            self.problems.append("an img without alt")
        if tag == "img" and not a.get("src", "").startswith("data:image/png;base64,"):
            self.problems.append("an img that is not a PNG data URI")
        elif tag == "img":
            why = png_problem(a["src"])
            if why:
                self.problems.append(f"an img whose PNG is damaged: {why}")
            self.images += 1
        if tag == "th" and a.get("scope") not in ("col", "row"):
            self.problems.append("a th without scope")
        if tag == "svg" and (a.get("role") != "img" or not a.get("aria-label")):
            self.problems.append("an svg that is not a named image")
        if tag == "title":
            self.in_title = True
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.VOID:
            return
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        else:
            self.problems.append(f"</{tag}> closes nothing")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if "style" in self.stack or "title" in self.stack:
            return
        self.text.append(data)


def png_problem(uri):
    """What is wrong with a data: URI's PNG (None when it decodes whole)."""
    data = base64.b64decode(uri.split(",", 1)[1])
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "no PNG signature"
    i, idat, ihdr = 8, b"", None
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        body, crc = data[i + 8:i + 8 + n], data[i + 8 + n:i + 12 + n]
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            return f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        i += 12 + n
    if not ihdr:
        return "no IHDR"
    w, h, depth, colour = ihdr[:4]
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or not channels:
        return f"depth {depth}, colour type {colour}"
    if len(zlib.decompress(idat)) != h * (1 + w * channels):
        return "IDAT does not hold the image's rows"
    return None


def build(reportc, folder, out, draft):
    cmd = [reportc, "build", folder, "--html", "-o", out, "--force"]
    if draft:
        cmd.append("--draft")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1732233600")
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def numbers(text):
    out = set()
    for m in NUMBER.finditer(text):
        n = m.group().rstrip(",.")
        if n:
            out.add(n)
    return out


def pdf_numbers(reportc, folder, tmp, draft):
    """Numbers of the PDF's text, without page numbers of any kind."""
    pdf = os.path.join(tmp, "r.pdf")
    cmd = [reportc, "build", folder, "-o", pdf, "--force"] + (["--draft"] if draft else [])
    env = dict(os.environ, SOURCE_DATE_EPOCH="1732233600")
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    found = set()
    for page in pages:
        contents = re.search(r"^\s*Contents\s*$", page, re.M) is not None
        for line in page.splitlines():
            line = re.sub(r"Page \d+ of \d+", "", line)
            line = re.sub(r"\(page \d+\)", "", line)
            line = re.sub(r"page \d+", "", line)
            # The open points: "Pages 31, 33 and 35 — …".
            line = re.sub(r"Pages? \d+(?:(?:, | and )\d+)*", "", line)
            # A contents entry: leader dots, then its page number.
            line = re.sub(r"(?:\s*\.){3,}\s*\d+\s*$", "", line)
            if contents:
                # An entry's page number ends its line (after leaders).
                line = re.sub(r"[ .]*\d+\s*$", "", line)
            found |= numbers(line)
    return found


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    reportc, folder = args[0], args[1]
    draft = "--draft" in flags
    with tempfile.TemporaryDirectory() as tmp:
        if "--init" in flags:
            nxt = os.path.join(tmp, "next")
            subprocess.run([reportc, "init", nxt, "--from", folder], capture_output=True,
                           check=True)
            folder = nxt
        a, b = os.path.join(tmp, "a.html"), os.path.join(tmp, "b.html")
        r = build(reportc, folder, a, draft)
        ok(r.returncode == 0, "builds", r.stderr.strip())
        if r.returncode != 0:
            report()
            return
        build(reportc, folder, b, draft)
        data = open(a, "rb").read()
        ok(data == open(b, "rb").read(), "the same inputs give the same bytes")
        ok(data.startswith(b"<!DOCTYPE html>\n"), "starts with the HTML5 doctype")
        doc = Doc()
        doc.feed(data.decode("utf-8"))
        doc.close()
        ok(doc.lang, "the document has a language")
        ok(doc.title.strip(), "the document has a title")
        top = [t for t, inside in doc.landmarks if not inside]
        for lm in ("header", "nav", "main", "footer"):
            ok(top.count(lm) == 1, f"one {lm} landmark", f"{top.count(lm)} found")
        ok(doc.first_link == "#main" and "main" in doc.ids, "the first link skips to main",
           str(doc.first_link))
        ok(doc.headings[:1] == [1] and doc.headings.count(1) == 1, "one h1, the first heading",
           str(doc.headings[:3]))
        skips = [(x, y) for x, y in zip(doc.headings, doc.headings[1:]) if y > x + 1]
        ok(not skips, "headings skip no level", str(skips[:3]))
        dups = sorted({i for i in doc.ids if doc.ids.count(i) > 1})
        ok(not dups, "ids are unique", str(dups[:5]))
        missing = sorted({h for h in doc.hrefs if h.startswith("#") and h[1:] not in doc.ids})
        ok(not missing, "every internal link has its target", str(missing[:5]))
        ok(not doc.problems, "no script, no request elsewhere, th with scope, images named "
           f"and whole ({doc.images} checked)",
           "; ".join(doc.problems[:5]))
        ok(not [t for t in doc.stack if t not in ("html", "body")] and True,
           "every element is closed", str(doc.stack))
        if "--pdf-figures" in flags:
            in_pdf = pdf_numbers(reportc, folder, tmp, draft)
            in_html = numbers(" ".join(doc.text))
            lost = sorted(in_pdf - in_html)
            ok(not lost, "every number of the PDF's text is in the HTML's text",
               f"{len(lost)} missing: {lost[:12]}")
    report()


def report():
    print(f"1..{len(results)}")
    for i, (good, name, detail) in enumerate(results, 1):
        print(f"{'ok' if good else 'not ok'} {i} - {name}")
        if not good and detail:
            for line in detail.splitlines():
                print(f"# {line}")
    sys.exit(0 if all(g for g, _, _ in results) else 1)


if __name__ == "__main__":
    main()
