#!/usr/bin/env python3
"""gen.py - writes a hostile report folder for tests/hostile/run.sh.

usage: gen.py CASE OUT_DIR [N]
       gen.py --list

OUT_DIR (new) gets a copy of tests/check/base with the change CASE makes,
scaled by N where the case has a size (N items, N bytes, N levels). The big
inputs are made here rather than committed. Every folder but the ones meant
to be refused checks clean, so that `reportc build` typesets it.
"""

import os
import re
import shutil
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "check", "base")

# A paragraph placed as the body of a new top-level section before the
# appendix of tests/check/base/report.xml.
ANCHOR = '  <appendix id="lado"'


def read(out, name):
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return f.read()


def write(out, name, text):
    mode = "wb" if isinstance(text, bytes) else "w"
    kw = {} if isinstance(text, bytes) else {"encoding": "utf-8"}
    with open(os.path.join(out, name), mode, **kw) as f:
        f.write(text)


def add_section(out, body, sid="hostile", title="Hostile"):
    """Adds a top-level section holding body (XML) to report.xml, and a
    scrutineer comment on it so that the folder has no warning."""
    report = read(out, "report.xml")
    section = '  <section id="%s" title="%s">%s</section>\n' % (sid, title, body)
    write(out, "report.xml", report.replace(ANCHOR, section + ANCHOR, 1))
    add_comment(out, sid)


def add_comment(out, sid):
    scrutiny = read(out, "scrutiny.xml")
    comment = '  <comment on="%s"><p>Seen.</p></comment>\n' % sid
    write(out, "scrutiny.xml", scrutiny.replace("  <perspective", comment + "  <perspective", 1))


# ---- the cases ------------------------------------------------------------

def deep_elements(out, n):
    """n nested <em> in a paragraph: refused past 64 levels."""
    add_section(out, "<p>" + "<em>" * n + "deep" + "</em>" * n + "</p>")


def deep_lists(out, n):
    """Lists nested n deep, the deepest the loader lets through when n is
    28 (report, section, then a list and an item per level, then em)."""
    body = ""
    for _ in range(n):
        body += '<list ordered="false"><item>level'
    body += "</item></list>" * n
    add_section(out, body)


def big_file(out, n):
    """report.xml of n bytes, padded with a comment: refused over 8 MB."""
    report = read(out, "report.xml")
    head = report.index("<report")
    pad = n - len(report.encode()) - len("<!---->\n")
    write(out, "report.xml", report[:head] + "<!--" + "x" * max(pad, 0) + "-->\n" + report[head:])


def big_list(out, n):
    """One list of n items."""
    items = "".join("<item>Item %d of the list.</item>" % i for i in range(n))
    add_section(out, '<list ordered="true">' + items + "</list>")


def long_word(out, n):
    """One word of n letters in a paragraph."""
    add_section(out, "<p>Before " + "w" * n + " after.</p>")


def long_paragraph(out, n):
    """One paragraph of n words."""
    words = " ".join("word%d" % (i % 97) for i in range(n))
    add_section(out, "<p>" + words + "</p>")


def long_title(out, n):
    """A report title of n bytes: more than the PDF's document information
    holds (65535 bytes), which keeps its start and says so."""
    report = read(out, "report.xml")
    start = report.index("<title>") + len("<title>")
    end = report.index("</title>", start)
    words = ("Annual report " * (n // 14 + 1))[:n].strip()
    write(out, "report.xml", report[:start] + words + report[end:])


def many_paragraphs(out, n):
    add_section(out, "".join("<p>Paragraph %d says a little.</p>" % i for i in range(n)))


def big_table(out, n):
    """A hand-written table of n rows."""
    rows = "".join("<row><cell>Row %d</cell><cell>%d</cell><cell>text</cell></row>" % (i, i)
                   for i in range(n))
    add_section(out, '<table title="Big"><head><cell>Name</cell><cell>Value</cell>'
                     "<cell>Note</cell></head>" + rows + "</table>")


def wide_table(out, n):
    """A hand-written table of n columns."""
    head = "".join("<cell>C%d</cell>" % i for i in range(n))
    row = "".join("<cell>%d</cell>" % i for i in range(n))
    add_section(out, '<table title="Wide"><head>' + head + "</head><row>" + row + "</row></table>")


def many_sections(out, n):
    """n top-level sections, each commented on."""
    report = read(out, "report.xml")
    scrutiny = read(out, "scrutiny.xml")
    secs = "".join('  <section id="s%d" title="Section %d"><p>Text %d.</p></section>\n' % (i, i, i)
                   for i in range(n))
    comments = "".join('  <comment on="s%d"><p>Seen.</p></comment>\n' % i for i in range(n))
    write(out, "report.xml", report.replace(ANCHOR, secs + ANCHOR, 1))
    write(out, "scrutiny.xml", scrutiny.replace("  <perspective", comments + "  <perspective", 1))


def broken_refs(out, n):
    """n references to ids that do not exist, among n sections: rule 9
    suggests the nearest id for each (refused, n errors)."""
    many_sections(out, n)
    add_section(out, "<p>" + "".join('<ref to="nosuch%d"/> ' % i for i in range(n)) + "</p>",
                sid="refs")


def long_ids(out, n):
    """A reference and a section id of n letters each, not equal: rule 9
    looks for the nearest id (refused, one error)."""
    add_section(out, '<p><ref to="r%s"/></p>' % ("b" * n), sid="l" + "a" * n)


def many_refs(out, n):
    """n references that resolve."""
    add_section(out, "<p>" + "".join('<ref to="lado"/> ' for _ in range(n)) + "</p>")


def many_values(out, n):
    add_section(out, "<p>" + "".join('<value of="lado.category.Neglect"/> ' for _ in range(n))
                + "</p>")


def many_notes(out, n):
    """n footnotes in one paragraph."""
    add_section(out, "<p>" + "".join("Claim %d<note>Source %d.</note> " % (i, i) for i in range(n))
                + "</p>")


def many_kpis(out, n):
    add_section(out, "<kpis>" + "".join('<kpi value="%d" label="tile %d"/>' % (i, i)
                                         for i in range(n)) + "</kpis>")


def many_breakdowns(out, n):
    """n breakdowns in lado.xml, distinct ids."""
    lado = read(out, "lado.xml")
    bds = "".join('  <breakdown id="b%d" title="B"><item label="A" percent="100"/></breakdown>\n' % i
                  for i in range(n))
    write(out, "lado.xml", lado.replace("  <timescales>", bds + "  <timescales>", 1))


def big_breakdown(out, n):
    """One count breakdown of n items (distinct labels), charted as a pie
    and as a table."""
    lado = read(out, "lado.xml")
    items = "".join('<item label="Label %d" count="1"/>' % i for i in range(n))
    bd = '  <breakdown id="big" title="Big" base="%d">%s</breakdown>\n' % (n, items)
    write(out, "lado.xml", lado.replace("  <timescales>", bd + "  <timescales>", 1))
    add_section(out, '<chart of="lado.big" type="pie" title="Big" alt="Many equal slices."/>'
                     '<data-table of="lado.big" title="Big"/>')


def many_warnings(out, n):
    """lado.outcome with n labels outside the national list (warning 3
    each), shown in a table: a draft notes every warning at the table."""
    lado = read(out, "lado.xml")
    items = "".join('<item label="Outcome %d" count="1"/>' % i for i in range(n))
    bd = '<breakdown id="outcome" title="Outcome" of="cases" base="%d">%s</breakdown>' % (n, items)
    lado = re.sub(r'<breakdown id="outcome".*?</breakdown>', lambda _: bd, lado, flags=re.S)
    write(out, "lado.xml", lado)
    add_section(out, '<data-table of="lado.outcome" title="Outcomes"/>')


def label_values(out, n):
    """A breakdown of n labelled items and n values naming its last item."""
    lado = read(out, "lado.xml")
    items = "".join('<item label="Label %d" count="1"/>' % i for i in range(n))
    bd = '  <breakdown id="big" title="Big" base="%d">%s</breakdown>\n' % (n, items)
    write(out, "lado.xml", lado.replace("  <timescales>", bd + "  <timescales>", 1))
    add_section(out, "<p>" + '<value of="lado.big.Label %d"/> ' % (n - 1) * n + "</p>")


def broken_label_values(out, n):
    """The same with values naming labels that do not exist: rule 9
    suggests the nearest label for each (refused, n errors)."""
    lado = read(out, "lado.xml")
    items = "".join('<item label="Label %d" count="1"/>' % i for i in range(n))
    bd = '  <breakdown id="big" title="Big" base="%d">%s</breakdown>\n' % (n, items)
    write(out, "lado.xml", lado.replace("  <timescales>", bd + "  <timescales>", 1))
    add_section(out, "<p>" + "".join('<value of="lado.big.Lapel %d"/> ' % i for i in range(n))
                + "</p>")


def many_contributions(out, n):
    """n contributions of the largest amount (15 digits and pence): the
    sum leaves 64-bit hundredths far behind."""
    fin = read(out, "finance.xml")
    lines = "".join('    <contribution from="Partner %d" amount="999999999999999.99"/>\n' % i
                    for i in range(n))
    fin = fin.replace("  </income>", lines + "  </income>", 1)
    fin = fin.replace('  <totals income="201750.50" expenditure="183000"/>\n', "")
    write(out, "finance.xml", fin)
    add_section(out, '<p>Income: <value of="finance.income"/>, balance <value of="finance.balance"/>, '
                     '<change of="finance.income" from="2022-23"/>.</p>'
                     '<chart of="finance.contributions" type="donut" title="C" alt="Partners."/>'
                     '<data-table of="finance.contributions" title="C"/>')


def many_years(out, n):
    """LADO activity for n years (from 1000-01 on) with timescales."""
    lado = read(out, "lado.xml")
    first = 2023 - n + 1
    years = "".join('    <year period="%d-%02d" referrals="%d" contacts="1"/>\n'
                    % (y, (y + 1) % 100, y) for y in range(first, 2024))
    start = lado.index("  <activity>")
    end = lado.index("  </activity>")
    lado = lado[:start] + "  <activity>\n" + years + lado[end:]
    bands = "".join('    <year period="%d-%02d" under-1-month="76" under-3-months="14" '
                    'under-12-months="9" over-12-months="1"/>\n' % (y, (y + 1) % 100)
                    for y in range(first, 2023))
    lado = lado.replace("  <timescales>\n", "  <timescales>\n" + bands, 1)
    write(out, "lado.xml", lado)
    add_section(out, '<chart of="lado.timescales" type="stacked-bar-100" title="T" alt="Bands."/>'
                     '<data-table of="lado.activity" title="A"/>')


def many_courses(out, n):
    tr = read(out, "training.xml")
    courses = "".join('  <course title="Course %d" mode="virtual" sessions="1" attendees="1"/>\n' % i
                      for i in range(n))
    tr = tr.replace("  <totals", courses + "  <totals", 1)
    tr = tr.replace('<totals sessions="15" attendees="634"/>',
                    '<totals sessions="%d" attendees="%d"/>' % (15 + n, 634 + n))
    write(out, "training.xml", tr)
    add_section(out, '<data-table of="training.courses-table" title="Courses"/>')


def every_block(out, n):
    """Characters of many Unicode blocks, fonts or not: each one the fonts
    lack is an error before layout."""
    chars = []
    for start in range(0x20, 0x3000, 0x61):
        if not (0xD800 <= start < 0xE000):
            chars.append(chr(start))
    chars += ["\u00ad", "\u200b", "\u200f", "\u202e", "\ufeff", "\U0001F600", "\ufffd"]
    text = "".join(chars).replace("&", "&amp;").replace("<", "&lt;")
    add_section(out, "<p>%s</p>" % text)


def png(width, height, rows=None, depth=8, colour=0):
    """A PNG with the given header; rows (bytes, filter bytes included) or
    else none at all (the file ends after IHDR)."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))
    if rows is not None:
        out += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    return out


def image_case(out, data):
    write(out, "images/hostile.png", data)
    add_section(out, '<figure src="images/hostile.png" alt="A hostile image."/>')


def png_huge(out, n):
    """A PNG that declares n x n pixels and holds one row."""
    image_case(out, png(n, n, rows=b"\0" * (n + 1)))


def png_bomb(out, n):
    """A valid grey PNG of n x n pixels, all zero: it compresses about a
    thousand to one, so a small file decodes to n*n bytes."""
    c = zlib.compressobj(9)
    row = b"\0" * (n + 1)
    data = b"".join(c.compress(row) for _ in range(n)) + c.flush()
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    image_case(out, b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 0, 0, 0, 0))
               + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def grey_png(n):
    """A valid grey PNG of n x n pixels, all zero (about a thousand to one)."""
    c = zlib.compressobj(9)
    row = b"\0" * (n + 1)
    data = b"".join(c.compress(row) for _ in range(n)) + c.flush()
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def png_spellings(out, n):
    """Sixty figures naming one n x n PNG, each by another spelling (./,
    //, images/../images/, a symbolic link, a hard link): one file,
    decoded once."""
    write(out, "images/a.png", grey_png(n))
    os.symlink("a.png", os.path.join(out, "images", "link.png"))
    os.link(os.path.join(out, "images", "a.png"), os.path.join(out, "images", "hard.png"))
    spellings = ["images/link.png", "images/hard.png", "./images/a.png", "images//a.png",
                 "images/../images/a.png"]
    spellings += ["images/" + "./" * k + "a.png" for k in range(60 - len(spellings))]
    add_section(out, "".join('<figure src="%s" alt="The same picture."/>' % s for s in spellings))


def png_pixel_bound(out, n):
    """Four different n x n PNGs: for n = 4000, the fourth takes the
    report's images past 50 million pixels."""
    figures = ""
    for k in range(4):
        write(out, "images/p%d.png" % k, grey_png(n + k))
        figures += '<figure src="images/p%d.png" alt="Picture %d."/>' % (k, k)
    add_section(out, figures)


def png_truncated(out, n):
    """A valid 64 x 64 PNG cut after n bytes."""
    good = png(64, 64, rows=b"".join(b"\0" + bytes(range(64)) for _ in range(64)))
    image_case(out, good[:n])


def png_zero(out, n):
    """A PNG whose header declares 0 x 0 pixels."""
    image_case(out, png(0, 0, rows=b""))


def png_corrupt(out, n):
    """A PNG with a good header whose image data is not zlib."""
    good = png(16, 16, rows=b"\0" * 17 * 16)
    idat = good.index(b"IDAT") + 4
    image_case(out, good[:idat] + b"\xde\xad" * 8 + good[idat + 16:])


CASES = {fn.__name__.replace("_", "-"): fn for fn in (
    deep_elements, deep_lists, big_file, big_list, long_word, long_title, long_paragraph,
    many_paragraphs,
    big_table, wide_table, many_sections, broken_refs, long_ids, many_refs, many_values,
    many_notes, many_kpis, many_breakdowns, big_breakdown, label_values, broken_label_values,
    many_contributions, many_years, many_warnings,
    many_courses, every_block, png_huge, png_bomb, png_truncated, png_zero, png_corrupt,
    png_spellings, png_pixel_bound,
)}


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(sorted(CASES)))
        return 0
    if len(argv) not in (3, 4) or argv[1] not in CASES:
        sys.stderr.write(__doc__)
        return 2
    out = argv[2]
    n = int(argv[3]) if len(argv) == 4 else 0
    shutil.copytree(BASE, out, symlinks=True)
    os.remove(os.path.join(out, "expected.txt"))
    CASES[argv[1]](out, n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
