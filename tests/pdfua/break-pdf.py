#!/usr/bin/env python3
"""break-pdf.py - writes a copy of a good PDF with one deliberate PDF/UA or
PDF/A fault, to prove that check-pdfua.py catches it.

    break-pdf.py CASE IN.pdf OUT.pdf
    break-pdf.py --list

Each case names the rule check-pdfua.py must report (CASES below). Exit
status: 0 written, 1 the input has nothing the case can break, 2 bad usage.
"""
import re
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name, String


def struct_elems(pdf):
    """The structure elements in reading order."""
    out = []

    def walk(obj):
        if isinstance(obj, Array):
            for k in obj:
                walk(k)
        elif isinstance(obj, Dictionary) and "/S" in obj:
            out.append(obj)
            if "/K" in obj:
                walk(obj.K)

    walk(pdf.Root.StructTreeRoot.K)
    return out


def first_elem(pdf, kind):
    for e in struct_elems(pdf):
        if str(e.S) == "/" + kind:
            return e
    raise LookupError("no %s element" % kind)


def no_alt(pdf):
    del first_elem(pdf, "Figure")["/Alt"]


def heading_skip(pdf):
    # The first H2 that follows an H1 becomes an H3.
    seen_h1 = False
    for e in struct_elems(pdf):
        if str(e.S) == "/H1":
            seen_h1 = True
        elif str(e.S) == "/H2" and seen_h1:
            e.S = Name("/H3")
            return
    raise LookupError("no H2 after an H1")


def th_no_scope(pdf):
    del first_elem(pdf, "TH")["/A"]


def no_lang(pdf):
    del pdf.Root["/Lang"]


def no_xmp(pdf):
    del pdf.Root["/Metadata"]


def no_pdfuaid(pdf):
    meta = pdf.Root.Metadata
    data = meta.read_bytes()
    stripped = re.sub(rb"\s*<pdfuaid:part>1</pdfuaid:part>", b"", data)
    if stripped == data:
        raise LookupError("no pdfuaid:part in the XMP")
    meta.write(stripped)


def undescribed_xmp(pdf):
    # A property of a namespace no extension schema describes.
    meta = pdf.Root.Metadata
    data = meta.read_bytes()
    added = data.replace(b"</rdf:RDF>", b'  <rdf:Description rdf:about="" '
                         b'xmlns:ex="http://example.com/ns/"><ex:note>x</ex:note>'
                         b"</rdf:Description>\n </rdf:RDF>", 1)
    if added == data:
        raise LookupError("no </rdf:RDF> in the XMP")
    meta.write(added)


def no_display_title(pdf):
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def link_no_contents(pdf):
    for page in pdf.pages:
        for a in page.obj.get("/Annots", []):
            if str(a.Subtype) == "/Link":
                del a["/Contents"]
                return
    raise LookupError("no link")


def page_ops(pdf):
    """(page, operations) of every page, parsed."""
    for page in pdf.pages:
        yield page, list(pikepdf.parse_content_stream(page))


def untag_text(pdf):
    # The first marked-content sequence with an MCID that shows text loses
    # its BDC and EMC: its text is then outside the structure.
    for page, ops in page_ops(pdf):
        for i, (operands, op) in enumerate(ops):
            if str(op) != "BDC" or not isinstance(operands[1], Dictionary) or \
                    "/MCID" not in operands[1]:
                continue
            depth, j = 1, i + 1
            shows = False
            while j < len(ops) and depth:
                name = str(ops[j][1])
                depth += name in ("BDC", "BMC")
                depth -= name == "EMC"
                shows |= name in ("Tj", "TJ")
                j += 1
            if shows:
                del ops[j - 1]
                del ops[i]
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
                return
    raise LookupError("no tagged text")


def untagged_path(pdf):
    page = pdf.pages[0]
    ops = list(pikepdf.parse_content_stream(page))
    ops += [([10, 10], pikepdf.Operator("m")), ([50, 10], pikepdf.Operator("l")),
            ([], pikepdf.Operator("S"))]
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))


def no_line_end_space(pdf):
    # A line ending ". " followed, in the same element, by a line starting
    # with a capital: the trailing space goes, as if layout had not drawn it.
    # Codes are the code points (Identity-H fonts with an identity map).
    for page, ops in page_ops(pdf):
        shows = [i for i, (operands, op) in enumerate(ops) if str(op) == "Tj"]
        for a, b in zip(shows, shows[1:]):
            first, second = bytes(ops[a][0][0]), bytes(ops[b][0][0])
            if len(first) % 2 or len(second) % 2:
                continue
            t1, t2 = first.decode("utf-16-be"), second.decode("utf-16-be")
            if t1.endswith(". ") and t2[:1].isupper() and \
                    not any(str(op) in ("BDC", "EMC") for _, op in ops[a:b]):
                ops[a] = ([String(t1[:-1].encode("utf-16-be"))], ops[a][1])
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
                return
    raise LookupError("no line ending in '. ' before a capital")


def wrong_parent_tree(pdf):
    # One MCID of the first page with two is mapped to another element.
    root = pdf.Root.StructTreeRoot
    leaf = root.ParentTree.Kids[0] if "/Kids" in root.ParentTree else root.ParentTree
    for i in range(1, len(leaf.Nums), 2):
        arr = leaf.Nums[i]
        if isinstance(arr, Array) and len(arr) >= 2:
            for k in range(1, len(arr)):
                if arr[k].objgen != arr[0].objgen:
                    arr[0] = arr[k]
                    return
    raise LookupError("no page with MCIDs of two elements")


CASES = {
    "no-alt": (no_alt, "figure-alt"),
    "untagged-text": (untag_text, "untagged-content"),
    "untagged-path": (untagged_path, "untagged-content"),
    "no-lang": (no_lang, "lang"),
    "no-xmp": (no_xmp, "xmp"),
    "no-pdfuaid": (no_pdfuaid, "pdfua-id"),
    "undescribed-xmp": (undescribed_xmp, "xmp-extension"),
    "heading-skip": (heading_skip, "heading-order"),
    "th-no-scope": (th_no_scope, "table-scope"),
    "link-no-contents": (link_no_contents, "link-contents"),
    "no-display-title": (no_display_title, "display-doc-title"),
    "no-line-end-space": (no_line_end_space, "line-end-space"),
    "wrong-parent-tree": (wrong_parent_tree, "parent-tree"),
}


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        for name, (_, rule) in CASES.items():
            print(name, rule)
        return 0
    if len(argv) != 4 or argv[1] not in CASES:
        sys.stderr.write("usage: break-pdf.py CASE IN.pdf OUT.pdf | --list\n")
        return 2
    with pikepdf.open(argv[2]) as pdf:
        try:
            CASES[argv[1]][0](pdf)
        except LookupError as e:
            sys.stderr.write("break-pdf.py: %s: %s\n" % (argv[1], e))
            return 1
        pdf.save(argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
