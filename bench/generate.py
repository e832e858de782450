#!/usr/bin/env python3
"""generate.py - writes report folders K times the size of a sample folder, for
benchmarking reportc (bench/run.sh uses it).

    bench/generate.py [--sample report-data/2023-24] [--out DIR] [K ...]

writes DIR/2023-24-x10 and DIR/2023-24-x100 by default (K = 10 and 100; DIR
defaults to $TMPDIR/reportc-bench). Output is deterministic: the same sample
and K give the same bytes.

How a folder is scaled K times, keeping the sample's proportions and every
FORMAT.md rule:

- report.xml: every top-level section is written K times, then every
  appendix K times (appendices stay after the sections). Copy n > 0 gives each
  id the suffix "-cn" and each section title the suffix " (n+1)", and points
  every ref, value, change, kpi, chart and data-table at its own copy of the
  target: sections, and breakdowns (lado.category -> lado.category-cn,
  yjs.offences.gender.Male -> yjs.offences.gender-cn.Male).
- Breakdowns (lado, yjs offences and incidents) are copied K times with new
  ids and titles; the items are unchanged, so rules 3 to 7 hold as before.
- Training courses grow K times (titles suffixed in copies, totals scaled),
  so the courses table, which is records shown only as a table, is K times
  longer. Only copy 0 places it; copies n > 0 place a table of one of their
  own breakdown copies instead, so it prints once rather than K times (which
  would make the output grow as K squared).
- The series by period (LADO activity and timescales, finance years), the
  finance items and the YJS cohort keep the sample's size, and every copy
  charts them as the sample does. Growing them K times would need one chart
  of 400 years or a donut of 300 slices at K = 100 (tried: unreadable, and
  the donut runs off the page), which is not a bigger report of the same
  shape.
- Any other file of the sample (reviews.xml) is copied unchanged.
- scrutiny.xml: each comment is copied for each copy of the section it is
  on (the sample has none); the perspective and conclusion print in every
  copy of the section that places them.
"""

import argparse
import copy
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

DATA_FILES = ("finance.xml", "lado.xml", "yjs.xml", "training.xml", "scrutiny.xml")

# The one dataset that grows K times and is shown as a table only: copy 0
# places it, copies n > 0 place a table of one of their own breakdown copies
# instead, so it is printed once rather than K times (output growing as K
# squared). (path, element) -> (breakdown path, chart type or None).
SINGLE_DATASETS = {
    ("training.courses-table", "data-table"): ("yjs.offences.type", None),
}


def parse(path):
    """Parses an XML file keeping its comments (they are part of the input's size)."""
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    return ET.parse(path, parser)


def write(tree, path):
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")


def suffix_id(ident, n):
    return ident if n == 0 else "%s-c%d" % (ident, n)


def suffix_title(title, n):
    return title if n == 0 else "%s (%d)" % (title, n + 1)


class Paths:
    """Maps a figure path in copy n to that copy's breakdowns."""

    def __init__(self, breakdown_paths):
        # Longest first, so "yjs.offences.type" wins over any shorter prefix.
        self.prefixes = sorted(breakdown_paths, key=len, reverse=True)

    def map(self, path, n):
        if n == 0:
            return path
        for p in self.prefixes:
            if path == p:
                return suffix_id(p, n)
            if path.startswith(p + "."):
                return suffix_id(p, n) + path[len(p):]
        return path


def scale_lado(tree, k):
    paths = []
    copy_breakdowns(tree.getroot(), k, "lado", paths)
    return paths


def copy_breakdowns(parent, k, prefix, paths):
    """Appends K-1 copies of each breakdown of parent, after its last breakdown."""
    children = list(parent)
    breakdowns = [c for c in children if c.tag == "breakdown"]
    if not breakdowns:
        return
    at = children.index(breakdowns[-1]) + 1
    extra = []
    for n in range(1, k):
        for b in breakdowns:
            c = copy.deepcopy(b)
            c.set("id", suffix_id(b.get("id"), n))
            if c.get("title") is not None:
                c.set("title", suffix_title(b.get("title"), n))
            extra.append(c)
    for i, c in enumerate(extra):
        parent.insert(at + i, c)
    for b in breakdowns:
        paths.append("%s.%s" % (prefix, b.get("id")))


def scale_yjs(tree, k):
    root = tree.getroot()
    paths = []
    for group in ("offences", "incidents"):
        g = root.find(group)
        if g is not None:
            copy_breakdowns(g, k, "yjs." + group, paths)
    return paths


def repeat_rows(parent, tag, k, key):
    """Appends K-1 copies of parent's tag rows with key suffixed, after the last one."""
    children = list(parent)
    rows = [c for c in children if c.tag == tag]
    if not rows:
        return
    at = children.index(rows[-1]) + 1
    extra = []
    for n in range(1, k):
        for r in rows:
            c = copy.deepcopy(r)
            c.set(key, suffix_title(r.get(key), n))
            extra.append(c)
    for i, c in enumerate(extra):
        parent.insert(at + i, c)


def scale_training(tree, k):
    root = tree.getroot()
    repeat_rows(root, "course", k, "title")
    totals = root.find("totals")
    if totals is not None:
        for attr in ("sessions", "attendees"):
            if totals.get(attr) is not None:
                totals.set(attr, str(int(totals.get(attr)) * k))
    previous = [p for p in root if p.tag == "previous"]
    for p in previous:
        for attr in ("sessions", "attendees"):
            if p.get(attr) is not None:
                p.set(attr, str(int(p.get(attr)) * k))


def scale_scrutiny(tree, k):
    """Gives every copy of a section its own copy of the comment on it."""
    root = tree.getroot()
    comments = [c for c in root if c.tag == "comment"]
    if not comments:
        return
    at = list(root).index(comments[-1]) + 1
    extra = []
    for n in range(1, k):
        for c in comments:
            e = copy.deepcopy(c)
            e.set("on", suffix_id(c.get("on"), n))
            extra.append(e)
    for i, e in enumerate(extra):
        root.insert(at + i, e)


def copy_block(elem, n, paths):
    """Copy n of a top-level section or appendix, its ids and paths renamed."""
    c = copy.deepcopy(elem)
    if n == 0:
        return c
    for e in c.iter():
        if not isinstance(e.tag, str):
            continue
        if e.tag in ("section", "appendix"):
            e.set("id", suffix_id(e.get("id"), n))
            e.set("title", suffix_title(e.get("title"), n))
        elif e.tag == "ref":
            e.set("to", suffix_id(e.get("to"), n))
        if e.get("of") is not None and e.tag in ("value", "change", "kpi", "chart", "data-table"):
            single = SINGLE_DATASETS.get((e.get("of"), e.tag))
            if single is not None:
                target, chart_type = single
                e.set("of", target)
                if chart_type is not None:
                    e.set("type", chart_type)
            e.set("of", paths.map(e.get("of"), n))
    return c


def scale_report(tree, k, paths):
    root = tree.getroot()
    children = list(root)
    sections = [c for c in children if c.tag == "section"]
    appendices = [c for c in children if c.tag == "appendix"]
    # Refs may point from a section to an appendix and back: every copy n of a
    # block refers to copy n of its target, and all targets are copied K times.
    first = children.index(sections[0])
    head = children[:first]
    tail_comments = [c for c in children[first:] if c.tag not in ("section", "appendix")]
    for c in children:
        root.remove(c)
    for c in head:
        root.append(c)
    for n in range(k):
        for s in sections:
            root.append(copy_block(s, n, paths))
    for n in range(k):
        for a in appendices:
            root.append(copy_block(a, n, paths))
    for c in tail_comments:
        if not isinstance(c.tag, str):
            root.append(c)


def generate(sample, out, k):
    os.makedirs(out, exist_ok=True)
    trees = {name: parse(os.path.join(sample, name)) for name in DATA_FILES + ("report.xml",)}
    paths = []
    paths += scale_lado(trees["lado.xml"], k)
    paths += scale_yjs(trees["yjs.xml"], k)
    scale_training(trees["training.xml"], k)
    scale_scrutiny(trees["scrutiny.xml"], k)
    scale_report(trees["report.xml"], k, Paths(paths))
    for name, tree in trees.items():
        write(tree, os.path.join(out, name))
    # Files this script does not scale (reviews.xml, and whatever a later
    # format adds) are copied as they are: the copies use them as the
    # sample does.
    for name in sorted(os.listdir(sample)):
        if name.endswith(".xml") and name not in trees:
            with open(os.path.join(sample, name), "rb") as src, \
                    open(os.path.join(out, name), "wb") as dst:
                dst.write(src.read())
    images = os.path.join(sample, "images")
    if os.path.isdir(images):
        dest = os.path.join(out, "images")
        os.makedirs(dest, exist_ok=True)
        for name in sorted(os.listdir(images)):
            with open(os.path.join(images, name), "rb") as src, \
                    open(os.path.join(dest, name), "wb") as dst:
                dst.write(src.read())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Write report folders K times the sample's size.")
    ap.add_argument("--sample", default=os.path.join(here, "..", "report-data", "2023-24"))
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "reportc-bench"))
    ap.add_argument("k", nargs="*", type=int, default=[10, 100])
    args = ap.parse_args()
    name = os.path.basename(os.path.normpath(args.sample))
    for k in args.k:
        if k < 1:
            sys.exit("generate.py: K must be 1 or more, not %d" % k)
        out = os.path.join(args.out, "%s-x%d" % (name, k))
        generate(args.sample, out, k)
        print(out)


if __name__ == "__main__":
    main()
