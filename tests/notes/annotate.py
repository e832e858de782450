#!/usr/bin/env python3
"""annotate.py - adds annotations to a PDF as a PDF viewer does (pikepdf).

Used by tests/notes/notes.py as a module; also a tool:

    annotate.py IN.pdf OUT.pdf SPEC.json

SPEC is a list of annotations: {"kind": "Text" | "Highlight" | "FreeText",
"page": N (1-based), "rect": [x1, y1, x2, y2] (PDF points from the page's
foot), "author": ..., "date": "D:...", "contents": ...}. A highlight gets
/QuadPoints over its rect, a sticky note and a free text an appearance and
a /Popup (as Acrobat Reader and Okular write them), each the print flag.
The file is saved as a viewer saves: the annotations appended to each
page's /Annots, the metadata stream kept.
"""
import json
import re
import subprocess
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name, String


def words(pdf_path):
    """Every word of the PDF as (page, text, x1, y1, x2, y2) in PDF points
    from the page's foot, in reading order (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf_path, "-"], check=True,
                         capture_output=True, text=True).stdout
    result = []
    page = 0
    height = 0.0
    for line in out.splitlines():
        m = re.search(r'<page width="[\d.]+" height="([\d.]+)"', line)
        if m:
            page += 1
            height = float(m.group(1))
            continue
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">(.*)</word>', line)
        if m:
            x1, y1, x2, y2 = (float(m.group(i)) for i in range(1, 5))
            text = (m.group(5).replace("&amp;", "&").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&quot;", '"'))
            result.append((page, text, x1, height - y2, x2, height - y1))
    return result


def find(all_words, phrase, after=None, nth=1):
    """(page, x1, y1, x2, y2) of the nth occurrence of phrase (its words in
    a row) after the first occurrence of `after`; None when absent."""
    start = 0
    if after:
        hit = _find(all_words, after.split(), 0, 1)
        if hit is None:
            return None
        start = hit[1]
    hit = _find(all_words, phrase.split(), start, nth)
    if hit is None:
        return None
    i, j = hit
    ws = all_words[i:j]
    return (ws[0][0], min(w[2] for w in ws), min(w[3] for w in ws),
            max(w[4] for w in ws), max(w[5] for w in ws))


def _find(all_words, toks, start, nth):
    for i in range(start, len(all_words) - len(toks) + 1):
        if all(all_words[i + k][1] == toks[k] for k in range(len(toks))) and \
                all(all_words[i + k][0] == all_words[i][0] for k in range(len(toks))):
            nth -= 1
            if nth == 0:
                return i, i + len(toks)
    return None


def _appearance(pdf, w, h, ops):
    return pdf.make_stream(ops.encode(), Type=Name.XObject, Subtype=Name.Form,
                           BBox=Array([0, 0, w, h]), Resources=Dictionary())


def add(pdf, spec):
    page = pdf.pages[spec["page"] - 1]
    x1, y1, x2, y2 = spec["rect"]
    kind = spec["kind"]
    annot = Dictionary(Type=Name.Annot, Subtype=Name("/" + kind),
                       Rect=Array([x1, y1, x2, y2]), F=4, P=page.obj)
    if "author" in spec:
        annot.T = String(spec["author"])
    if "date" in spec:
        annot.M = String(spec["date"])
        annot.CreationDate = String(spec["date"])
    if "contents" in spec:
        annot.Contents = String(spec["contents"])
    if "name" in spec:
        annot.NM = String(spec["name"])
    w, h = x2 - x1, y2 - y1
    if kind == "Highlight":
        annot.QuadPoints = Array([x1, y2, x2, y2, x1, y1, x2, y1])
        annot.C = Array([1, 1, 0])
        ops = "1 1 0 rg 0 0 %.2f %.2f re f" % (w, h)
    elif kind == "FreeText":
        annot.DA = String("0 0 0 rg /Helv 10 Tf")
        ops = "0 0 0 RG 0.5 0.5 %.2f %.2f re S" % (w - 1, h - 1)
    else:
        annot.Name = Name.Comment
        ops = "1 0.9 0.4 rg 0 0 %.2f %.2f re f" % (w, h)
    annot.AP = Dictionary(N=_appearance(pdf, w, h, ops))
    annot = pdf.make_indirect(annot)
    annots = page.obj.get("/Annots")
    if annots is None:
        page.obj.Annots = Array()
        annots = page.obj.Annots
    annots.append(annot)
    if kind in ("Text", "FreeText"):
        popup = pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Popup, Parent=annot,
            Rect=Array([x2, y1 - 100, x2 + 150, y1]), F=28))
        annot.Popup = popup
        annots.append(popup)


def annotate(src, dst, specs):
    with pikepdf.open(src) as pdf:
        for spec in specs:
            add(pdf, spec)
        pdf.save(dst)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: annotate.py IN.pdf OUT.pdf SPEC.json")
    with open(sys.argv[3]) as f:
        annotate(sys.argv[1], sys.argv[2], json.load(f))
