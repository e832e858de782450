#!/usr/bin/env python3
"""check-pdfua.py - checks the machine-checkable rules of PDF/UA-1 (ISO 14289-1)
and PDF/A-2 (ISO 19005-2) that the PDFs of reportc claim.

    check-pdfua.py FILE.pdf...

No validator for either standard is packaged for Debian, so this is our own,
written from the standards and the Matterhorn protocol (its numbers are given
with the rules below). It reads the file with pikepdf (python3-pikepdf) and,
when python3-fonttools is there, checks glyph widths against the embedded
fonts. Rules it cannot judge (is the Alt text good? is the reading order
the visual one?) are for people.

Each failure is one line, "FILE: RULE: message"; a rule that fails many
times prints its first 20 lines and a count of the rest. Exit status: 0 no
failure, 1 failures, 2 bad usage or a file that cannot be read.
"""
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

try:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Stream, String
except ImportError:
    sys.stderr.write("check-pdfua.py: needs pikepdf (apt-get install python3-pikepdf)\n")
    sys.exit(2)

try:
    from fontTools.ttLib import TTFont
except ImportError:  # the width check is skipped without it
    TTFont = None

MAX_LINES_PER_RULE = 20

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD_TYPES = set(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote "
    "Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula "
    "Form".split())

# Parent and child rules of ISO 32000-1 for tables, lists and contents
# (Matterhorn 09-004, 09-005, 09-006).
ALLOWED_PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
    "LI": {"L"},
    "Lbl": {"LI"},
    "LBody": {"LI"},
    "TOCI": {"TOC"},
}
ALLOWED_CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "L": {"LI", "L", "Caption"},
    "LI": {"Lbl", "LBody"},
    "TOC": {"TOCI", "TOC", "Caption"},
}

# Operators that put marks on the page (ISO 32000-1, Tables 51, 59, 92, 107).
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI",
             "Tj", "TJ", "'", '"'}
TEXT_SHOW_OPS = {"Tj", "TJ", "'", '"'}

# ISO 19005-2, 6.5.1: actions a PDF/A file may not use.
FORBIDDEN_ACTIONS = {"Launch", "Sound", "Movie", "ResetForm", "ImportData", "Hide",
                     "SetOCGState", "Rendition", "Trans", "GoTo3DView", "JavaScript"}
# ISO 19005-2, 6.3.1: annotation types a PDF/A file may not use.
FORBIDDEN_ANNOTS = {"3D", "Sound", "Screen", "Movie"}
STANDARD_BLEND_MODES = {"Normal", "Compatible", "Multiply", "Screen", "Overlay", "Darken",
                        "Lighten", "ColorDodge", "ColorBurn", "HardLight", "SoftLight",
                        "Difference", "Exclusion", "Hue", "Saturation", "Color", "Luminosity"}

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The schemas XMP 2005 defines, and PDF/A's own (ISO 19005-2, 6.6.2.3.1):
# a property of any other namespace needs an extension schema in the file.
PREDEFINED_XMP = {
    NS["dc"], NS["xmp"], NS["pdf"], NS["pdfaid"], NS["pdfaExtension"],
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/camera-raw-settings/1.0/",
}

# RFC 3066 as ISO 19005-2, 6.7.4 checks it.
LANG_RE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")


class Report:
    """Failures of one file, grouped by rule, printed in rule order of arrival."""

    def __init__(self, path):
        self.path = path
        self.by_rule = defaultdict(list)

    def fail(self, rule, message):
        self.by_rule[rule].append(message)

    def print(self, out):
        for rule, messages in self.by_rule.items():
            for m in messages[:MAX_LINES_PER_RULE]:
                out.write("%s: %s: %s\n" % (self.path, rule, m))
            if len(messages) > MAX_LINES_PER_RULE:
                out.write("%s: %s: ... and %d more\n"
                          % (self.path, rule, len(messages) - MAX_LINES_PER_RULE))

    def failed(self):
        return bool(self.by_rule)


def key(obj):
    """An object's identity: its object number, or the Python id of a direct object."""
    return obj.objgen if obj.is_indirect else ("direct", id(obj))


def name_of(obj):
    return str(obj)[1:] if isinstance(obj, Name) else None


def text_of(obj):
    return str(obj) if isinstance(obj, String) else None


def number_tree(node, out, report, seen=None):
    """Reads a number tree (ISO 32000-1, 7.9.7) into out: int -> object."""
    seen = seen if seen is not None else set()
    if node.is_indirect:
        if node.objgen in seen:
            report.fail("parent-tree", "the parent tree loops")
            return
        seen.add(node.objgen)
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out, report, seen)


def name_tree(node, out, seen=None):
    """Reads a name tree (ISO 32000-1, 7.9.6) into out: bytes -> object."""
    seen = seen if seen is not None else set()
    if node.is_indirect:
        if node.objgen in seen:
            return
        seen.add(node.objgen)
    names = node.get("/Names")
    if names is not None:
        for i in range(0, len(names) - 1, 2):
            out.setdefault(bytes(names[i]), []).append(names[i + 1])
    for kid in node.get("/Kids", []):
        name_tree(kid, out, seen)


# ---- fonts and ToUnicode ---------------------------------------------------------

class ToUnicode:
    """A parsed ToUnicode CMap: code (int) -> text, with the byte width of codes."""

    def __init__(self, data, report, font_name):
        self.chars = {}
        self.ranges = []  # (lo, hi, start text or list of texts)
        self.width = 2
        text = data.decode("latin-1")
        if "begincidrange" in text:
            report.fail("tounicode", "font %s: its ToUnicode map uses begincidrange, which "
                        "belongs in CID CMaps, not in ToUnicode maps" % font_name)
        m = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", text)
        if m:
            self.width = len(m.group(1)) // 2
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.chars[int(src, 16)] = decode_utf16(dst)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(
                    r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
                if lo[:-2] != hi[:-2]:
                    report.fail("tounicode", "font %s: bfrange <%s> <%s> varies more than the "
                                "last byte" % (font_name, lo, hi))
                if dst.startswith("["):
                    dst = [decode_utf16(d) for d in re.findall(r"<([0-9A-Fa-f]*)>", dst)]
                else:
                    dst = dst[1:-1]
                self.ranges.append((int(lo, 16), int(hi, 16), dst))
        self.cache = {}

    def lookup(self, code):
        if code in self.cache:
            return self.cache[code]
        value = self.chars.get(code)
        if value is None:
            for lo, hi, dst in self.ranges:
                if lo <= code <= hi:
                    if isinstance(dst, list):
                        value = dst[code - lo] if code - lo < len(dst) else None
                    else:
                        # The last byte of the destination counts up.
                        raw = bytes.fromhex(dst)
                        last = raw[-1] + (code - lo)
                        value = decode_utf16((raw[:-1] + bytes([last & 0xFF])).hex()) \
                            if last <= 0xFF else None
                    break
        self.cache[code] = value
        return value


def decode_utf16(hexdigits):
    raw = bytes.fromhex(hexdigits)
    try:
        return raw.decode("utf-16-be")
    except UnicodeDecodeError:
        return None


class FontInfo:
    """What the checks need of one font resource."""

    def __init__(self, font, report, pdf_fonts):
        self.name = str(font.get("/BaseFont", "?"))
        self.subtype = name_of(font.get("/Subtype"))
        self.composite = self.subtype == "Type0"
        self.tounicode = None
        self.widths = {}
        self.default_width = 1000
        self.cid_to_gid = None  # bytes of the CIDToGIDMap stream, or None for Identity
        self.program = None
        if "/ToUnicode" in font and isinstance(font.ToUnicode, Stream):
            self.tounicode = ToUnicode(font.ToUnicode.read_bytes(), report, self.name)
        descendant = font.DescendantFonts[0] if self.composite and "/DescendantFonts" in font \
            else None
        desc_holder = descendant if descendant is not None else font
        descriptor = desc_holder.get("/FontDescriptor")
        self.embedded = descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if descriptor is not None and "/FontFile2" in descriptor:
            self.program = descriptor.FontFile2
        if descendant is not None:
            if "/CIDSystemInfo" not in descendant:
                report.fail("fonts", "font %s: its CIDFont has no CIDSystemInfo" % self.name)
            enc = name_of(font.get("/Encoding"))
            if enc not in ("Identity-H", "Identity-V"):
                report.fail("fonts", "font %s: encoding %s is not Identity-H or Identity-V"
                            % (self.name, enc))
            if name_of(descendant.get("/Subtype")) == "CIDFontType2":
                gidmap = descendant.get("/CIDToGIDMap")
                if gidmap is None:
                    report.fail("fonts", "font %s: a CIDFontType2 without CIDToGIDMap "
                                "(ISO 19005-2, 6.2.11.3.2)" % self.name)
                elif isinstance(gidmap, Stream):
                    self.cid_to_gid = gidmap.read_bytes()
            self.default_width = float(descendant.get("/DW", 1000))
            w = descendant.get("/W", [])
            i = 0
            while i < len(w):
                first = int(w[i])
                if isinstance(w[i + 1], Array):
                    for k, v in enumerate(w[i + 1]):
                        self.widths[first + k] = float(v)
                    i += 2
                else:
                    last, v = int(w[i + 1]), float(w[i + 2])
                    for c in range(first, last + 1):
                        self.widths[c] = v
                    i += 3
            if "/CIDSet" in (descriptor or {}):
                report.fail("fonts", "font %s: has a CIDSet, which this checker cannot verify; "
                            "PDF/A-2 needs none" % self.name)
        self.width_bytes = 2 if self.composite else 1

    def codes(self, data):
        n = self.width_bytes
        return [int.from_bytes(data[i:i + n], "big") for i in range(0, len(data) - n + 1, n)]

    def gid(self, cid):
        if self.cid_to_gid is None:
            return cid
        if 2 * cid + 1 >= len(self.cid_to_gid):
            return 0
        return self.cid_to_gid[2 * cid] << 8 | self.cid_to_gid[2 * cid + 1]


def check_font_widths(fonts, used, report):
    """ISO 19005-2, 6.2.11.5: widths in /W agree with the embedded glyphs (within 1/1000 em)."""
    if TTFont is None:
        return
    import io
    for fkey, codes in used.items():
        info = fonts[fkey]
        if not info.composite or info.program is None:
            continue
        try:
            tt = TTFont(io.BytesIO(info.program.read_bytes()), lazy=True)
            upem = tt["head"].unitsPerEm
            hmtx = tt["hmtx"].metrics
            order = tt.getGlyphOrder()
        except Exception as e:  # a font fontTools cannot read is worth a line
            report.fail("font-widths", "font %s: cannot read the embedded program: %s"
                        % (info.name, e))
            continue
        for cid in sorted(codes):
            gid = info.gid(cid)
            if gid >= len(order):
                report.fail("font-glyphs", "font %s: CID %d maps to glyph %d, past the font's %d"
                            % (info.name, cid, gid, len(order)))
                continue
            advance = hmtx[order[gid]][0] * 1000.0 / upem
            width = info.widths.get(cid, info.default_width)
            if abs(advance - width) > 1:
                report.fail("font-widths", "font %s: CID %d is %.1f wide in /W but %.1f in the "
                            "font program" % (info.name, cid, width, advance))


# ---- the structure tree ------------------------------------------------------------

class Elem:
    def __init__(self, obj, parent, depth):
        self.obj = obj
        self.parent = parent
        self.depth = depth
        self.type = name_of(obj.get("/S")) or "?"
        self.children = []

    def ancestors(self):
        e = self.parent
        while e is not None:
            yield e
            e = e.parent

    def label(self):
        return "%s (object %d)" % (self.type, self.obj.objgen[0]) if self.obj.is_indirect \
            else self.type


class Structure:
    """The structure tree read in reading order, with what each element owns."""

    def __init__(self, pdf, report):
        self.report = report
        self.elems = []                  # in reading order
        self.by_key = {}                 # key(obj) -> Elem
        self.mcid_owner = {}             # (page objgen, mcid) -> Elem
        self.objr_owner = {}             # annotation objgen -> Elem
        self.root = pdf.Root.get("/StructTreeRoot")
        if self.root is None:
            return
        rolemap = self.root.get("/RoleMap", {})
        self.rolemap = {str(k)[1:]: name_of(v) for k, v in rolemap.items()}
        kids = self.root.get("/K")
        if kids is None:
            report.fail("structure", "the structure tree is empty")
            return
        for kid in (kids if isinstance(kids, Array) else [kids]):
            self.walk(kid, None, None, 0, set())

    def walk(self, obj, parent, page, depth, seen):
        if isinstance(obj, int) or (hasattr(obj, "is_integer") and obj.is_integer):
            self.own_mcid(page, int(obj), parent)
            return
        if not isinstance(obj, Dictionary):
            return
        kind = name_of(obj.get("/Type"))
        if kind == "MCR":
            self.own_mcid(obj.get("/Pg", page), int(obj.MCID), parent)
            return
        if kind == "OBJR":
            annot = obj.get("/Obj")
            if annot is not None and annot.is_indirect:
                if annot.objgen in self.objr_owner:
                    self.report.fail("structure", "annotation object %d is in the structure "
                                     "tree twice" % annot.objgen[0])
                self.objr_owner[annot.objgen] = parent
            return
        if obj.is_indirect:
            if obj.objgen in seen:
                self.report.fail("structure", "the structure tree loops at object %d"
                                 % obj.objgen[0])
                return
            seen.add(obj.objgen)
        e = Elem(obj, parent, depth)
        self.elems.append(e)
        self.by_key[key(obj)] = e
        if parent is not None:
            parent.children.append(e)
            p = obj.get("/P")
            if p is None or key(p) != key(parent.obj):
                self.report.fail("structure", "%s: its /P is not the element that holds it"
                                 % e.label())
        page = obj.get("/Pg", page)
        kids = obj.get("/K")
        if kids is None:
            return
        for kid in (kids if isinstance(kids, Array) else [kids]):
            self.walk(kid, e, page, depth + 1, seen)

    def own_mcid(self, page, mcid, elem):
        if page is None:
            self.report.fail("structure", "%s: MCID %d has no page (/Pg)"
                             % (elem.label() if elem else "?", mcid))
            return
        k = (page.objgen, mcid)
        if k in self.mcid_owner:
            self.report.fail("structure", "MCID %d of page object %d is claimed by two elements"
                             % (mcid, page.objgen[0]))
        self.mcid_owner[k] = elem

    def role(self, e):
        """The standard type an element stands for, following the role map."""
        t, seen = e.type, set()
        while t not in STANDARD_TYPES and t in self.rolemap and t not in seen:
            seen.add(t)
            t = self.rolemap[t]
        return t


def check_structure(pdf, st, report):
    cat = pdf.Root
    mark = cat.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        report.fail("tagged", "the catalog has no /MarkInfo << /Marked true >> (Matterhorn 01-002)")
    if mark is not None and bool(mark.get("/Suspects", False)):
        report.fail("tagged", "/MarkInfo /Suspects is true (Matterhorn 01-007)")
    if st.root is None:
        report.fail("tagged", "the catalog has no /StructTreeRoot (Matterhorn 01-006)")
        return

    for e in st.elems:
        role = st.role(e)
        if role not in STANDARD_TYPES:
            report.fail("structure-types", "%s is not a standard structure type nor mapped to "
                        "one (Matterhorn 02-001)" % e.label())
        lang = e.obj.get("/Lang")
        if lang is not None and not valid_lang(str(lang)):
            report.fail("lang", "%s: /Lang (%s) is not a language tag" % (e.label(), lang))
        parent_role = st.role(e.parent) if e.parent is not None else None
        if role in ALLOWED_PARENTS and parent_role not in ALLOWED_PARENTS[role]:
            report.fail("structure-nesting", "%s is inside %s, not inside %s"
                        % (e.label(), parent_role or "the root",
                           " or ".join(sorted(ALLOWED_PARENTS[role]))))
        if role in ALLOWED_CHILDREN:
            for c in e.children:
                if st.role(c) not in ALLOWED_CHILDREN[role]:
                    report.fail("structure-nesting", "%s holds %s" % (e.label(), c.label()))
        if role in ("Figure", "Formula"):
            alt = e.obj.get("/Alt")
            if alt is None or not str(alt).strip():
                report.fail("figure-alt", "%s has no alternative text /Alt (Matterhorn 13-004)"
                            % e.label())
        if role == "TH" and not th_scope(e.obj):
            report.fail("table-scope", "%s has no /Scope attribute (Matterhorn 15-003)"
                        % e.label())
        if role == "Table":
            if not any(st.role(d) == "TH" for d in descendants(e, stop="Table", st=st)):
                report.fail("table-headers", "%s has no header cell (TH)" % e.label())

    # Headings: numbered ones start at H1 and never skip a level going
    # down; H and H1-H6 do not mix (Matterhorn 14-002, 14-003, 14-007).
    headings = [e for e in st.elems if re.fullmatch(r"H[1-6]?", st.role(e) or "")]
    numbered = [e for e in headings if st.role(e) != "H"]
    if numbered and len(numbered) != len(headings):
        report.fail("heading-order", "the document mixes H with H1-H6 (Matterhorn 14-007)")
    level = 0
    for e in numbered:
        n = int(st.role(e)[1])
        if level == 0 and n != 1:
            report.fail("heading-order", "the first heading is %s, not H1 (Matterhorn 14-002)"
                        % e.label())
        elif n > level + 1 and level > 0:
            report.fail("heading-order", "%s follows H%d, skipping a level (Matterhorn 14-003)"
                        % (e.label(), level))
        level = n

    # Notes carry unique IDs, found through the IDTree (Matterhorn 19-003, 19-004).
    ids = {}
    if "/IDTree" in st.root:
        name_tree(st.root.IDTree, ids)
    seen_ids = set()
    for e in st.elems:
        if st.role(e) != "Note":
            continue
        ident = e.obj.get("/ID")
        if ident is None:
            report.fail("note-id", "%s has no /ID (Matterhorn 19-003)" % e.label())
            continue
        b = bytes(ident)
        if b in seen_ids:
            report.fail("note-id", "%s: /ID %r is not unique (Matterhorn 19-004)"
                        % (e.label(), b))
        seen_ids.add(b)
        found = ids.get(b, [])
        if not any(key(o) == key(e.obj) for o in found):
            report.fail("note-id", "%s: /ID %r is not in the IDTree" % (e.label(), b))


def th_scope(obj):
    attrs = obj.get("/A")
    if attrs is None:
        return None
    for a in (attrs if isinstance(attrs, Array) else [attrs]):
        if isinstance(a, Dictionary) and name_of(a.get("/O")) == "Table":
            scope = name_of(a.get("/Scope"))
            if scope in ("Row", "Column", "Both"):
                return scope
    return None


def descendants(e, stop, st):
    for c in e.children:
        yield c
        if st.role(c) != stop:
            yield from descendants(c, stop, st)


def valid_lang(s):
    return s == "" or bool(LANG_RE.match(s))


# ---- content streams -------------------------------------------------------------

class PageScan:
    """One page's content stream: marked content, marks outside it, text codes."""

    def __init__(self, pdf, page_no, page, st, fonts, used, report):
        self.page_no = page_no
        self.page = page
        self.st = st
        self.report = report
        self.mcids = []
        self.untagged = 0
        resources = page.obj.get("/Resources", Dictionary())
        font_res = resources.get("/Font", Dictionary())
        stack = []  # (tag, mcid or None, is_artifact, actual_text)
        font = None
        size = 0.0
        line_y = 0.0
        last_text = {}  # element key -> (y, text) of the last run shown
        try:
            ops = pikepdf.parse_content_stream(page)
        except Exception as e:
            report.fail("content", "page %d: cannot parse the content stream: %s"
                        % (page_no, e))
            return
        for operands, op in ops:
            op = str(op)
            if op in ("BMC", "BDC"):
                tag = name_of(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if isinstance(props, Name):
                    props = resources.get("/Properties", {}).get(str(props))
                mcid = int(props["/MCID"]) if isinstance(props, Dictionary) and \
                    "/MCID" in props else None
                artifact = tag == "Artifact"
                actual = isinstance(props, Dictionary) and "/ActualText" in props
                in_mcid = any(s[1] is not None for s in stack)
                in_artifact = any(s[2] for s in stack)
                if mcid is not None and in_artifact:
                    report.fail("artifact-nesting", "page %d: MCID %d is inside an artifact "
                                "(Matterhorn 01-004)" % (page_no, mcid))
                if mcid is not None and in_mcid:
                    report.fail("mcid-nesting", "page %d: MCID %d is inside another marked-"
                                "content sequence with an MCID" % (page_no, mcid))
                if artifact and in_mcid:
                    report.fail("artifact-nesting", "page %d: an artifact is inside tagged "
                                "content (Matterhorn 01-003)" % page_no)
                if mcid is not None:
                    self.mcids.append(mcid)
                stack.append((tag, mcid, artifact, actual))
            elif op == "EMC":
                if not stack:
                    report.fail("content", "page %d: EMC without BMC or BDC" % page_no)
                else:
                    stack.pop()
            elif op == "Tf":
                ref = font_res.get(str(operands[0]))
                size = abs(float(operands[1]))
                font = None
                if ref is not None:
                    fk = key(ref)
                    if fk not in fonts:
                        fonts[fk] = FontInfo(ref, report, None)
                    font = fk
            elif op in ("Td", "TD"):
                line_y += float(operands[1])
            elif op == "Tm":
                line_y = float(operands[5])
            elif op == "BT":
                line_y = 0.0
            if op not in PAINT_OPS:
                continue
            owner_mcid = next((s[1] for s in reversed(stack) if s[1] is not None), None)
            in_artifact = any(s[2] for s in stack)
            if owner_mcid is None and not in_artifact:
                self.untagged += 1
                report.fail("untagged-content", "page %d: '%s' is outside any structure "
                            "element or artifact (Matterhorn 01-005)" % (page_no, op))
            if op in TEXT_SHOW_OPS:
                text = self.show(operands, op, font, fonts, used, stack, owner_mcid)
                if owner_mcid is not None and text is not None:
                    self.line_ends(owner_mcid, line_y, size, text, last_text)
        if stack:
            report.fail("content", "page %d: %d marked-content sequence(s) left open"
                        % (page_no, len(stack)))

    def show(self, operands, op, font, fonts, used, stack, owner_mcid):
        if font is None:
            self.report.fail("fonts", "page %d: text shown with no font set" % self.page_no)
            return None
        info = fonts[font]
        strings = []
        if op == "TJ":
            strings = [bytes(x) for x in operands[0] if isinstance(x, String)]
        elif operands:
            strings = [bytes(operands[-1])]
        actual = any(s[3] for s in stack) or self.owner_actual_text(owner_mcid)
        out = []
        for data in strings:
            for code in info.codes(data):
                used[font].add(code)
                if info.composite and info.gid(code) == 0:
                    self.report.fail("notdef", "page %d: font %s draws code %04X with the "
                                     ".notdef glyph (ISO 19005-2, 6.2.11.8)"
                                     % (self.page_no, info.name, code))
                if info.tounicode is None:
                    continue
                u = info.tounicode.lookup(code)
                if u is None or u == "" or u in ("\x00", "\ufeff", "\ufffe"):
                    self.report.fail("tounicode", "page %d: font %s: code %04X has no Unicode "
                                     "value (Matterhorn 10-001)"
                                     % (self.page_no, info.name, code))
                    continue
                if any(0xE000 <= ord(ch) <= 0xF8FF for ch in u) and not actual:
                    self.report.fail("pua", "page %d: private-use character U+%04X without "
                                     "ActualText (ISO 19005-2, 6.2.11.7.3)"
                                     % (self.page_no, ord(u[0])))
                out.append(u)
        return "".join(out)

    def owner_actual_text(self, mcid):
        if mcid is None:
            return False
        e = self.st.mcid_owner.get((self.page.obj.objgen, mcid))
        while e is not None:
            if "/ActualText" in e.obj:
                return True
            e = e.parent
        return False

    def line_ends(self, mcid, y, size, text, last_text):
        """A line of prose that ends in punctuation and the next line of the same
        element need a space between them, or extraction and read-aloud join
        the words ("year.Spending"), and so do a number and the word on the
        next line ("275,899people"). A next line is one whose baseline is
        lower by more than 0.6 em (a superscript's is not). After a full stop
        the next line must start with a capital or a digit to count (a URL
        broken after "example." goes on in lower case); after , ; : ! ? )
        with a letter or a digit; after a digit with a letter."""
        e = self.st.mcid_owner.get((self.page.obj.objgen, mcid))
        if e is None or e.type == "Figure" or any(a.type == "Figure" for a in e.ancestors()):
            return
        k = key(e.obj)
        prev = last_text.get(k)
        if prev is not None and prev[0] - y > 0.6 * size and text and prev[1] and \
                ((prev[1][-1] == "." and (text[0].isupper() or text[0].isdigit())) or
                 (prev[1][-1] in ",;:!?)" and text[0].isalnum()) or
                 (prev[1][-1].isdigit() and text[0].isalpha())):
            self.report.fail("line-end-space", "page %d: %s: \"…%s\" ends a line without a "
                             "space before \"%s…\"" % (self.page_no, e.label(),
                                                       prev[1][-20:], text[:20]))
        if text:
            last_text[k] = (y, text)


def check_content(pdf, st, report):
    fonts, used = {}, defaultdict(set)
    page_mcids = {}
    for i, page in enumerate(pdf.pages, 1):
        scan = PageScan(pdf, i, page, st, fonts, used, report)
        page_mcids[page.obj.objgen] = scan.mcids
        seen = set()
        for m in scan.mcids:
            if m in seen:
                report.fail("mcid", "page %d: MCID %d is used twice" % (i, m))
            seen.add(m)
    for info in fonts.values():
        if not info.embedded:
            report.fail("fonts", "font %s is not embedded (Matterhorn 31-009)" % info.name)
        if info.tounicode is None:
            report.fail("tounicode", "font %s has no ToUnicode map (Matterhorn 10-001)"
                        % info.name)
    check_font_widths(fonts, used, report)
    return page_mcids


def check_parent_tree(pdf, st, page_mcids, report):
    """Every MCID on a page is owned by exactly one element, and the parent tree
    maps it back to that element; annotations likewise (Matterhorn 01-005, 28-...)."""
    if st.root is None:
        return
    tree = {}
    if "/ParentTree" in st.root:
        number_tree(st.root.ParentTree, tree, report)
    else:
        report.fail("parent-tree", "the structure tree root has no /ParentTree")
    next_key = st.root.get("/ParentTreeNextKey")
    if tree and (next_key is None or int(next_key) <= max(tree)):
        report.fail("parent-tree", "/ParentTreeNextKey is missing or not past the last key")
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages, 1)}
    for objgen, mcids in page_mcids.items():
        n = pages[objgen]
        page = pdf.get_object(objgen)
        for m in mcids:
            if (objgen, m) not in st.mcid_owner:
                report.fail("mcid", "page %d: MCID %d is in the content but no structure "
                            "element owns it" % (n, m))
        if not mcids:
            continue
        sp = page.get("/StructParents")
        if sp is None:
            report.fail("parent-tree", "page %d has marked content but no /StructParents" % n)
            continue
        entry = tree.get(int(sp))
        if not isinstance(entry, Array):
            report.fail("parent-tree", "page %d: the parent tree has no array for key %d"
                        % (n, int(sp)))
            continue
        for m in mcids:
            owner = st.mcid_owner.get((objgen, m))
            if m >= len(entry) or owner is None or key(entry[m]) != key(owner.obj):
                report.fail("parent-tree", "page %d: the parent tree does not map MCID %d to "
                            "the element that owns it" % (n, m))
    for (objgen, m), owner in st.mcid_owner.items():
        if objgen not in page_mcids:
            report.fail("mcid", "%s owns MCID %d of object %d, which is not a page"
                        % (owner.label() if owner else "?", m, objgen[0]))
        elif m not in page_mcids[objgen]:
            report.fail("mcid", "%s owns MCID %d of page %d, which the content does not have"
                        % (owner.label() if owner else "?", m, pages[objgen]))
    return tree


# ---- annotations -------------------------------------------------------------------

def check_annotations(pdf, st, tree, report):
    for n, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if not annots:
            continue
        if name_of(page.obj.get("/Tabs")) != "S":
            report.fail("tabs", "page %d has annotations but no /Tabs /S (Matterhorn 28-008, "
                        "28-009)" % n)
        for a in annots:
            sub = name_of(a.get("/Subtype"))
            what = "page %d: %s annotation" % (n, sub)
            if sub in FORBIDDEN_ANNOTS:
                report.fail("annotations", "%s is not allowed in PDF/A-2" % what)
            if sub != "Popup":
                flags = int(a.get("/F", 0))
                if not flags & 4 or flags & (1 | 2 | 32 | 256):
                    report.fail("annotations", "%s: /F %d does not print it or hides it "
                                "(ISO 19005-2, 6.3.2)" % (what, flags))
            rect = [float(x) for x in a.get("/Rect", [0, 0, 0, 0])]
            zero = rect[0] == rect[2] and rect[1] == rect[3]
            ap = a.get("/AP")
            if sub not in ("Popup", "Link") and not zero and ap is None:
                report.fail("annotations", "%s has no appearance /AP (ISO 19005-2, 6.3.3)"
                            % what)
            if ap is not None and (set(ap.keys()) != {"/N"} or
                                   not isinstance(ap.get("/N"), Stream)):
                report.fail("annotations", "%s: /AP holds more than an /N stream" % what)
            action = a.get("/A")
            if action is not None and name_of(action.get("/S")) in FORBIDDEN_ACTIONS:
                report.fail("actions", "%s: action %s is not allowed" % (what, action.S))
            if sub in ("Popup", "PrinterMark"):
                continue
            contents = a.get("/Contents")
            owner = st.objr_owner.get(a.objgen) if a.is_indirect else None
            if sub == "Link" and (contents is None or not str(contents).strip()):
                report.fail("link-contents", "%s has no /Contents describing its target "
                            "(Matterhorn 28-012)" % what)
            if sub != "Link" and (contents is None or not str(contents).strip()) and \
                    (owner is None or "/Alt" not in owner.obj):
                report.fail("annotations", "%s has neither /Contents nor an /Alt "
                            "(Matterhorn 28-004)" % what)
            if owner is None:
                report.fail("annot-tagged", "%s is not in the structure tree (no OBJR)" % what)
                continue
            want = "Link" if sub == "Link" else "Form" if sub == "Widget" else "Annot"
            if st.role(owner) != want:
                report.fail("annot-tagged", "%s is inside %s, not a %s element "
                            "(Matterhorn 28-002, 28-011)" % (what, owner.label(), want))
            sp = a.get("/StructParent")
            if sp is None or tree is None or key(tree.get(int(sp), Dictionary())) != \
                    key(owner.obj):
                report.fail("annot-tagged", "%s: its /StructParent does not lead back to %s"
                            % (what, owner.label()))


# ---- document level: catalog, XMP, output intent, graphics ---------------------------

def parse_pdf_date(s):
    m = re.fullmatch(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                     r"(?:([+\-Z])(\d{2})?'?(\d{2})?'?)?", s or "")
    if not m:
        return None
    g = m.groups()
    parts = [int(x) if x else d for x, d in zip(g[:6], (0, 1, 1, 0, 0, 0))]
    sign = g[6] or "Z"
    off = 0 if sign == "Z" else (int(g[7] or 0) * 60 + int(g[8] or 0)) * (-1 if sign == "-" else 1)
    return tuple(parts) + (off,)


def parse_xmp_date(s):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                     r"(Z|[+\-]\d{2}:\d{2})?)?)?)?", (s or "").strip())
    if not m:
        return None
    g = m.groups()
    parts = [int(x) if x else d for x, d in zip(g[:6], (0, 1, 1, 0, 0, 0))]
    tz = g[6] or "Z"
    off = 0 if tz == "Z" else (int(tz[1:3]) * 60 + int(tz[4:6])) * (-1 if tz[0] == "-" else 1)
    return tuple(parts) + (off,)


def xmp_values(root):
    """Each simple property and the first item of each container, by (ns, name)."""
    values = {}
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        for attr, v in desc.attrib.items():
            if attr.startswith("{") and not attr.startswith("{%s}" % NS["rdf"]):
                values[tuple(attr[1:].split("}"))] = v
        for prop in desc:
            k = tuple(prop.tag[1:].split("}"))
            items = [li for li in prop.iter("{%s}li" % NS["rdf"])]
            if items:
                default = [li for li in items if li.get(XML_LANG) == "x-default"]
                values[k] = (default or items)[0].text or ""
                values[k + ("count",)] = len(items)
            else:
                values[k] = prop.text or ""
    return values


def check_document(pdf, path, st, report):
    with open(path, "rb") as f:
        head = f.read(64)
    first, _, rest = head.partition(b"\n")
    m = re.match(rb"%PDF-1\.([0-7])\r?$", first)
    if not m:
        report.fail("header", "the header %r is not %%PDF-1.0 to %%PDF-1.7 (PDF/A-2 is PDF 1.7)"
                    % first[:12])
    second = rest.split(b"\n")[0]
    if not (second.startswith(b"%") and sum(b > 127 for b in second[1:]) >= 4):
        report.fail("header", "the second line is not a comment of 4 or more bytes above 127 "
                    "(ISO 19005-2, 6.1.2)")
    if "/Encrypt" in pdf.trailer:
        report.fail("encryption", "the file is encrypted (ISO 19005-2, 6.1.3)")
    ids = pdf.trailer.get("/ID")
    if not isinstance(ids, Array) or len(ids) != 2:
        report.fail("trailer-id", "the trailer has no /ID (ISO 19005-2, 6.1.3)")

    cat = pdf.Root
    lang = cat.get("/Lang")
    if lang is None or not str(lang).strip():
        report.fail("lang", "the catalog has no /Lang (Matterhorn 11-006)")
    elif not valid_lang(str(lang)):
        report.fail("lang", "the catalog's /Lang (%s) is not a language tag" % lang)
    prefs = cat.get("/ViewerPreferences", Dictionary())
    if not bool(prefs.get("/DisplayDocTitle", False)):
        report.fail("display-doc-title", "ViewerPreferences /DisplayDocTitle is not true "
                    "(Matterhorn 07-001)")
    for k in ("/AA", "/OpenAction"):
        a = cat.get(k)
        if isinstance(a, Dictionary) and name_of(a.get("/S")) in FORBIDDEN_ACTIONS:
            report.fail("actions", "the catalog's %s runs a forbidden action" % k)
    if "/AA" in cat:
        report.fail("actions", "the catalog has an /AA (ISO 19005-2, 6.5.2)")
    names = cat.get("/Names", Dictionary())
    for k in ("/JavaScript", "/EmbeddedFiles"):
        if k in names:
            report.fail("forbidden", "the catalog's /Names has %s" % k)
    if "/AcroForm" in cat and "/XFA" in cat.AcroForm:
        report.fail("forbidden", "the form is XFA (Matterhorn 25-001)")
    if any(name_of(e.obj.get("/S")) in ("H1", "H2", "H3", "H4", "H5", "H6", "H")
           for e in st.elems):
        outlines = cat.get("/Outlines")
        if outlines is None or "/First" not in outlines:
            report.fail("bookmarks", "the document has headings but no bookmarks (/Outlines)")

    check_xmp(pdf, st, report)
    check_output_intent(pdf, report)
    check_graphics(pdf, report)


def check_xmp(pdf, st, report):
    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, Stream):
        report.fail("xmp", "the catalog has no /Metadata stream (Matterhorn 06-001, "
                    "ISO 19005-2, 6.6.2.1)")
        return
    if name_of(meta.get("/Type")) != "Metadata" or name_of(meta.get("/Subtype")) != "XML":
        report.fail("xmp", "the metadata stream is not /Type /Metadata /Subtype /XML")
    if "/Filter" in meta:
        report.fail("xmp", "the metadata stream is filtered; readers without PDF support "
                    "cannot find it")
    data = meta.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        report.fail("xmp", "the XMP packet is not UTF-8 (ISO 19005-2, 6.6.2.1)")
        return
    m = re.match(r"<\?xpacket ([^?]*)\?>", text.lstrip("\ufeff"))
    if not m:
        report.fail("xmp", "the XMP has no <?xpacket begin=...?> header")
    elif "bytes=" in m.group(1) or "encoding=" in m.group(1):
        report.fail("xmp", "the xpacket header has a bytes or encoding attribute")
    try:
        root = ET.fromstring(re.sub(r"<\?xpacket[^?]*\?>", "", text).strip())
    except ET.ParseError as e:
        report.fail("xmp", "the XMP is not well-formed XML: %s (ISO 19005-2, 6.6.2.1)" % e)
        return
    v = xmp_values(root)

    def get(ns, name):
        return v.get((NS[ns], name))

    title = get("dc", "title")
    if not title or not title.strip():
        report.fail("xmp", "the XMP has no dc:title (Matterhorn 06-003)")
    part, conformance = get("pdfaid", "part"), get("pdfaid", "conformance")
    if part != "2" or conformance not in ("A", "B", "U"):
        report.fail("pdfa-id", "the XMP does not identify PDF/A-2 (pdfaid:part %s, "
                    "pdfaid:conformance %s)" % (part, conformance))
    if conformance == "A" and st.root is None:
        report.fail("pdfa-id", "PDF/A-2 level A is claimed but the file is not tagged")
    if get("pdfuaid", "part") != "1":
        report.fail("pdfua-id", "the XMP does not identify PDF/UA-1 (pdfuaid:part) "
                    "(Matterhorn 06-002)")
    elif not uses_extension_schema(root):
        report.fail("pdfua-id", "pdfuaid is not described by a PDF/A extension schema "
                    "(ISO 19005-2, 6.6.2.3.2)")

    # ISO 19005-2, 6.6.2.3.1: every other property is described by an
    # extension schema of the packet (a draft's reportc record, pdfuaid).
    described = extension_properties(root)
    for desc in root.iter("{%s}Description" % NS["rdf"]):
        tags = [c.tag for c in desc] + [a for a in desc.attrib if a.startswith("{")]
        for tag in tags:
            uri, name = tag[1:].split("}")
            if uri == NS["rdf"] or uri in PREDEFINED_XMP:
                continue
            if name not in described.get(uri, ()):
                report.fail("xmp-extension", "the XMP property %s of %s is not described by "
                            "a PDF/A extension schema (ISO 19005-2, 6.6.2.3.1)" % (name, uri))

    # ISO 19005-2, 6.6.3 (and 19005-1, 6.7.3): Info and XMP agree.
    info = pdf.trailer.get("/Info", Dictionary())
    pairs = [("/Title", ("dc", "title")), ("/Author", ("dc", "creator")),
             ("/Subject", ("dc", "description")), ("/Keywords", ("pdf", "Keywords")),
             ("/Creator", ("xmp", "CreatorTool")), ("/Producer", ("pdf", "Producer"))]
    for k, (ns, name) in pairs:
        a = str(info[k]) if k in info else None
        b = get(ns, name)
        if a is not None and a != b:
            report.fail("xmp-info", "Info %s %r differs from %s:%s %r" % (k, a, ns, name, b))
        if k == "/Author" and a is not None and v.get((NS["dc"], "creator", "count"), 1) != 1:
            report.fail("xmp-info", "dc:creator has more than the one Info /Author")
    for k, name in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        if k in info:
            a, b = parse_pdf_date(str(info[k])), parse_xmp_date(get("xmp", name))
            if a is None or b is None or a != b:
                report.fail("xmp-info", "Info %s %s differs from xmp:%s %s"
                            % (k, info[k], name, get("xmp", name)))
    lang = pdf.Root.get("/Lang")
    xlang = get("dc", "language")
    if lang is not None and xlang is not None and xlang.lower() != str(lang).lower():
        report.fail("xmp-info", "dc:language %s differs from the catalog's /Lang %s"
                    % (xlang, lang))


def extension_properties(root):
    """The property names each extension schema describes, by namespace URI."""
    out = {}
    for li in root.iter("{%s}li" % NS["rdf"]):
        uri = li.find("{%s}namespaceURI" % NS["pdfaSchema"])
        if uri is None:
            continue
        names = out.setdefault((uri.text or "").strip(), set())
        names.update((p.text or "").strip()
                     for p in li.iter("{%s}name" % NS["pdfaProperty"]))
    return out


def uses_extension_schema(root):
    for li in root.iter("{%s}li" % NS["rdf"]):
        uri = li.find("{%s}namespaceURI" % NS["pdfaSchema"])
        prefix = li.find("{%s}prefix" % NS["pdfaSchema"])
        if uri is not None and prefix is not None and \
                (uri.text or "").strip() == NS["pdfuaid"] and (prefix.text or "") == "pdfuaid":
            names = [(p.text or "") for p in li.iter("{%s}name" % NS["pdfaProperty"])]
            return "part" in names
    return False


def check_output_intent(pdf, report):
    intents = pdf.Root.get("/OutputIntents")
    pdfa = [oi for oi in (intents or []) if name_of(oi.get("/S")) == "GTS_PDFA1"]
    if not pdfa:
        report.fail("output-intent", "no GTS_PDFA1 output intent; DeviceRGB is then not "
                    "allowed (ISO 19005-2, 6.2.3, 6.2.4.3)")
        return
    profiles = {key(oi.DestOutputProfile) for oi in pdfa if "/DestOutputProfile" in oi}
    if len(profiles) > 1:
        report.fail("output-intent", "output intents with different profiles")
    oi = pdfa[0]
    prof = oi.get("/DestOutputProfile")
    if not isinstance(prof, Stream):
        report.fail("output-intent", "the output intent has no DestOutputProfile")
        return
    data = prof.read_bytes()
    if len(data) < 128 or data[36:40] != b"acsp":
        report.fail("output-intent", "the DestOutputProfile is not an ICC profile")
        return
    space, cls, major = data[16:20], data[12:16], data[8]
    n = int(prof.get("/N", 0))
    if {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(space) != n:
        report.fail("output-intent", "the profile's colour space %r does not match /N %d"
                    % (space, n))
    if space != b"RGB ":
        report.fail("output-intent", "the output intent is not RGB, but the pages paint "
                    "DeviceRGB")
    if cls not in (b"prtr", b"mntr"):
        report.fail("output-intent", "the profile class %r is not prtr or mntr" % cls)
    if major > 4:
        report.fail("output-intent", "ICC version %d is newer than PDF/A-2 allows" % major)
    if "/OutputConditionIdentifier" not in oi:
        report.fail("output-intent", "the output intent has no OutputConditionIdentifier")


def check_graphics(pdf, report):
    seen = set()
    for n, page in enumerate(pdf.pages, 1):
        res = page.obj.get("/Resources", Dictionary())
        for name, gs in res.get("/ExtGState", Dictionary()).items():
            if key(gs) in seen:
                continue
            seen.add(key(gs))
            if "/TR" in gs or ("/TR2" in gs and name_of(gs.TR2) != "Default"):
                report.fail("graphics", "page %d: ExtGState %s has a transfer function" % (n, name))
            if "/HTP" in gs:
                report.fail("graphics", "page %d: ExtGState %s has /HTP" % (n, name))
            bm = gs.get("/BM")
            for b in (bm if isinstance(bm, Array) else [bm] if bm is not None else []):
                if name_of(b) not in STANDARD_BLEND_MODES:
                    report.fail("graphics", "page %d: blend mode %s" % (n, b))
        for name, x in res.get("/XObject", Dictionary()).items():
            if key(x) in seen:
                continue
            seen.add(key(x))
            if name_of(x.get("/Subtype")) == "Image":
                if bool(x.get("/Interpolate", False)):
                    report.fail("graphics", "page %d: image %s has /Interpolate true" % (n, name))
                for k in ("/Alternates", "/OPI"):
                    if k in x:
                        report.fail("graphics", "page %d: image %s has %s" % (n, name, k))
            elif name_of(x.get("/Subtype2")) == "PS" or "/PS" in x or "/OPI" in x:
                report.fail("graphics", "page %d: XObject %s is PostScript or OPI" % (n, name))


def check_file(path, out):
    report = Report(path)
    try:
        pdf = pikepdf.open(path)
    except Exception as e:
        sys.stderr.write("check-pdfua.py: cannot read %s: %s\n" % (path, e))
        return 2
    with pdf:
        st = Structure(pdf, report)
        check_structure(pdf, st, report)
        page_mcids = check_content(pdf, st, report)
        tree = check_parent_tree(pdf, st, page_mcids, report)
        check_annotations(pdf, st, tree, report)
        check_document(pdf, path, st, report)
    report.print(out)
    return 1 if report.failed() else 0


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        sys.stderr.write("usage: check-pdfua.py FILE.pdf...\n")
        return 2
    worst = 0
    for path in argv[1:]:
        worst = max(worst, check_file(path, sys.stdout))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv))
