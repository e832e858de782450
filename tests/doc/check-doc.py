#!/usr/bin/env python3
"""check-doc.py REPORTC - keeps doc/reference.md and doc/guide.md true, as TAP.

The user documentation cannot drift from the program:

1. Every element declared in schemas/*.xsd, in every place it can stand,
   and every attribute it can carry, is documented in doc/reference.md; and
   the reference documents no element, parent or attribute that no schema
   declares. The reference's convention: one level-3 heading per element,

       ### `<name>`                     the element wherever it stands
       ### `<name>` in `<a>`, `<b>`     the element inside <a> or <b> only

   (a heading may name several elements that share one table, as
   ### `<h1>`, `<h2>` and `<h3>`), followed by its attribute table: a
   table whose header row begins "| attribute |", one row per attribute
   beginning "| `attribute` |". The style file's elements (schemas/style.xsd) are
   documented under the level-2 heading that begins "Style files"; every
   other heading documents the data format (the other schemas).
2. Every ```xml example in either document is well-formed (fragments are
   parsed inside a wrapper) and uses only elements its part declares, each
   with only attributes the schemas declare for that element (attributes
   in a namespace, such as xsi:noNamespaceSchemaLocation, are the
   editor's and allowed).
3. The complete examples, each preceded by a line
   <!-- example: FOLDER/FILE.xml -->, are written into FOLDER and
   `reportc check FOLDER` must find nothing at all (exit 0, no finding).
   A style example (<!-- example: style -->) must validate against
   style.xsd (when xmllint is installed), and reportc must build the
   complete example in it.
4. Every finding quoted in a ```console block (a line FILE:LINE:COL:
   error|warning: ...), and in the man page's examples, is one reportc
   really prints: it appears in a
   tests/check/*/expected.txt (which the check suite proves against the
   program), or in what `reportc check` prints for a folder that
   `reportc init` starts from report-data/2023-24.
5. Every option and command that `reportc --help` names is documented in
   the man page, doc/reportc.1.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

XS = "{http://www.w3.org/2001/XMLSchema}"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMAS = os.path.join(ROOT, "schemas")
REFERENCE = os.path.join(ROOT, "doc", "reference.md")
GUIDE = os.path.join(ROOT, "doc", "guide.md")
MAN = os.path.join(ROOT, "doc", "reportc.1")
STYLE_SCHEMA = "style.xsd"

results = []


def tap(ok, what, detail=""):
    results.append((ok, what, detail))


# ---- the schemas ------------------------------------------------------------

class Schema:
    """The named types, groups and attribute groups one schema file sees
    (its own and those of the files it includes)."""

    def __init__(self, path):
        self.path = path
        self.types, self.groups, self.agroups, self.globals = {}, {}, {}, []
        self.read(path, top=True)

    def read(self, path, top):
        tree = ET.parse(path).getroot()
        for inc in tree.findall(XS + "include"):
            self.read(os.path.join(os.path.dirname(path), inc.get("schemaLocation")), False)
        for child in tree:
            name = child.get("name")
            if child.tag in (XS + "complexType", XS + "simpleType"):
                self.types[name] = child
            elif child.tag == XS + "group":
                self.groups[name] = child
            elif child.tag == XS + "attributeGroup":
                self.agroups[name] = child
            elif child.tag == XS + "element" and top:
                self.globals.append(child)


def declarations(schema):
    """(parent or None, element, frozenset of attributes) for every place an
    element can stand, found by walking from the global elements."""
    found = set()
    seen = set()

    def attributes_and_children(node, attrs, children, depth=0):
        for c in node:
            if c.tag == XS + "attribute":
                attrs.add(c.get("name"))
            elif c.tag == XS + "attributeGroup":
                attributes_and_children(schema.agroups[c.get("ref")], attrs, children)
            elif c.tag == XS + "element":
                children.append(c)
            elif c.tag == XS + "group":
                attributes_and_children(schema.groups[c.get("ref")], attrs, children)
            elif c.tag in (XS + "extension", XS + "restriction"):
                base = c.get("base")
                if base in schema.types:
                    attributes_and_children(schema.types[base], attrs, children)
                attributes_and_children(c, attrs, children)
            elif c.tag in (XS + "sequence", XS + "choice", XS + "all", XS + "complexType",
                           XS + "complexContent", XS + "simpleContent"):
                attributes_and_children(c, attrs, children)

    def visit(el, parent):
        key = (id(el), parent)
        if key in seen:
            return
        seen.add(key)
        name = el.get("name")
        attrs, children = set(), []
        if el.get("type") in schema.types:
            attributes_and_children(schema.types[el.get("type")], attrs, children)
        attributes_and_children(el, attrs, children)
        found.add((parent, name, frozenset(attrs)))
        for c in children:
            visit(c, name)

    for g in schema.globals:
        visit(g, None)
    return found


def schema_parts():
    """{'data': set, 'style': set} of (parent, element, attributes, file)."""
    parts = {"data": set(), "style": set()}
    for f in sorted(os.listdir(SCHEMAS)):
        if not f.endswith(".xsd"):
            continue
        part = "style" if f == STYLE_SCHEMA else "data"
        for parent, name, attrs in declarations(Schema(os.path.join(SCHEMAS, f))):
            parts[part].add((parent, name, attrs, f))
    return parts


# ---- the reference ----------------------------------------------------------

HEADING = re.compile(r"^### (`<[a-z][a-z0-9-]*>`(?:(?:, | and )`<[a-z][a-z0-9-]*>`)*)(?: in (.*))?$")
NAME = re.compile(r"`<([a-z][a-z0-9-]*)>`")
ROW = re.compile(r"^\| `([a-z][a-z0-9-]*)` \|")


def reference_entries(text):
    """[(part, element, parents or None, set of attributes, line)]; a heading
    naming several elements gives each an entry sharing one attribute set."""
    entries = []
    part = "data"
    rows = None
    in_table = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("|"):
            in_table = False
        elif line.startswith("| attribute |"):
            in_table = True
        if line.startswith("## "):
            part = "style" if line[3:].startswith("Style files") else "data"
            rows = None
        elif line.startswith("# "):
            rows = None
        elif line.startswith("### "):
            m = HEADING.match(line)
            rows = None
            if m:
                rows = set()
                parents = tuple(NAME.findall(m.group(2))) if m.group(2) else None
                for name in NAME.findall(m.group(1)):
                    entries.append((part, name, parents, rows, number))
        elif line.startswith("#"):
            pass  # a level-4 heading inside an entry keeps the entry
        elif rows is not None and in_table:
            m = ROW.match(line)
            if m:
                rows.add(m.group(1))
    return entries


def check_reference(parts, entries):
    by_key = {}
    for e in entries:
        key = (e[0], e[1], e[2])
        if key in by_key:
            tap(False, f"doc/reference.md:{e[4]}: <{e[1]}> is documented twice "
                f"(first at line {by_key[key][4]})")
        by_key[key] = e

    matched = {}
    for part, decls in parts.items():
        for parent, name, attrs, f in sorted(decls, key=lambda d: (d[1], d[0] or "", d[3])):
            where = f"<{name}>" + (f" in <{parent}>" if parent else " (a root)")
            entry = None
            for e in entries:
                if e[0] == part and e[1] == name and e[2] and parent in e[2]:
                    entry = e
            if entry is None:
                entry = by_key.get((part, name, None))
            if entry is None:
                tap(False, f"schemas/{f}: {where} is not documented in doc/reference.md",
                    f"add a heading ### `<{name}>` (in the {'Style files' if part == 'style' else 'data format'} part) with its attribute table")
                continue
            matched.setdefault(id(entry), set()).update(attrs)
            missing = sorted(attrs - entry[3])
            if missing:
                tap(False, f"schemas/{f}: {where}: attribute(s) {', '.join(missing)} not in "
                    f"doc/reference.md's table at line {entry[4]}")
            else:
                tap(True, f"{part}: {where} documented with its {len(attrs)} attribute(s)")

    for e in entries:
        part, name, parents, rows, line = e
        declared = [d for d in parts[part] if d[1] == name]
        if not declared:
            tap(False, f"doc/reference.md:{line}: <{name}> is documented, but no schema of the "
                f"{part} part declares it")
            continue
        if parents:
            real = {d[0] for d in declared}
            wrong = [p for p in parents if p not in real]
            if wrong:
                tap(False, f"doc/reference.md:{line}: <{name}> cannot stand in "
                    + ", ".join(f"<{p}>" for p in wrong) + " in any schema")
                continue
        if id(e) not in matched:
            tap(False, f"doc/reference.md:{line}: the entry for <{name}> documents no "
                "declaration (a more specific entry covers every place it stands)")
            continue
        extra = sorted(rows - matched[id(e)])
        if extra:
            tap(False, f"doc/reference.md:{line}: <{name}> documents attribute(s) "
                f"{', '.join(extra)} that no schema declares for it")


# ---- examples ---------------------------------------------------------------

FENCE = re.compile(r"^```(\w*)\s*$")
EXAMPLE = re.compile(r"^<!-- example: (\S+) -->$")


def code_blocks(text):
    """[(language, code, line, label, part)]."""
    blocks = []
    lines = text.splitlines()
    i = 0
    part = "data"
    label = None
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            part = "style" if line[3:].startswith("Style files") else "data"
        m = EXAMPLE.match(line.strip())
        if m:
            label = m.group(1)
            i += 1
            continue
        m = FENCE.match(line)
        if m:
            start = i + 1
            j = start
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            blocks.append((m.group(1), "\n".join(lines[start:j]), start, label, part))
            label = None
            i = j + 1
            continue
        if line.strip():
            label = None
        i += 1
    return blocks


def elements_of(tree):
    return {el.tag for el in tree.iter()}


def check_examples(doc_name, text, parts, folders):
    names = {p: {d[1] for d in parts[p]} for p in parts}
    attributes = {p: {} for p in parts}
    for p in parts:
        for d in parts[p]:
            attributes[p].setdefault(d[1], set()).update(d[2])
    for lang, code, line, label, part in code_blocks(text):
        if lang != "xml":
            continue
        where = f"{doc_name}:{line}"
        body = re.sub(r"^<\?xml[^>]*\?>", "", code.strip())
        try:
            tree = ET.fromstring(body)
            fragment = False
        except ET.ParseError:
            try:
                tree = ET.fromstring("<wrapper>" + body + "</wrapper>")
                fragment = True
            except ET.ParseError as err:
                tap(False, f"{where}: the example is not well-formed XML", str(err))
                continue
        used = elements_of(tree) - ({"wrapper"} if fragment else set())
        unknown = sorted(used - names[part])
        bad = sorted({f"{el.tag} {a}" for el in tree.iter() if el.tag in names[part]
                      for a in el.attrib
                      if not a.startswith("{") and a not in attributes[part][el.tag]})
        if unknown:
            tap(False, f"{where}: the example uses element(s) no schema declares: "
                + ", ".join(f"<{u}>" for u in unknown))
        elif bad:
            tap(False, f"{where}: the example uses attribute(s) no schema declares: "
                + ", ".join(f"<{b.replace(' ', '> ')}" for b in bad))
        else:
            tap(True, f"{where}: example well-formed, its elements declared")
        if label:
            folders.setdefault(label, []).append((where, code))


def build_with_style(reportc, where, code, folder, work):
    """Builds the complete example folder in the style example, from a data
    folder holding reportc's fonts and styles and the example: reportc's
    own checks (contrast, page geometry, palette) must accept it."""
    name = ET.fromstring(code).get("name")
    data = os.path.join(work, "datadir")
    os.makedirs(os.path.join(data, "styles"))
    os.symlink(os.path.join(ROOT, "fonts"), os.path.join(data, "fonts"))
    for f in os.listdir(os.path.join(ROOT, "styles")):
        shutil.copy(os.path.join(ROOT, "styles", f), os.path.join(data, "styles"))
    with open(os.path.join(data, "styles", name + ".xml"), "w", encoding="utf-8") as f:
        f.write(code + "\n")
    r = subprocess.run([reportc, "build", folder, "--style", name, "-o",
                        os.path.join(work, "style-example.pdf")],
                       capture_output=True, text=True,
                       env=dict(os.environ, REPORTC_DATADIR=data))
    tap(r.returncode == 0, f"{where}: reportc builds the complete example in the style example",
        r.stdout + r.stderr)


def check_complete_examples(reportc, folders, work):
    made = {}
    style = None
    for label, found in folders.items():
        if len(found) > 1:
            tap(False, f"{found[1][0]}: a second example labelled {label}")
        where, code = found[0]
        if label == "style":
            path = os.path.join(work, "style-example.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(code + "\n")
            if shutil.which("xmllint") is None:
                tap(True, f"{where}: style example # SKIP xmllint not found")
                continue
            r = subprocess.run(["xmllint", "--noout", "--schema",
                                os.path.join(SCHEMAS, STYLE_SCHEMA), path],
                               capture_output=True, text=True)
            tap(r.returncode == 0, f"{where}: the style example validates against style.xsd",
                r.stderr)
            style = (where, code)
            continue
        folder, _, name = label.partition("/")
        if not folder or not name:
            tap(False, f"{where}: example label {label} is not FOLDER/FILE")
            continue
        os.makedirs(os.path.join(work, folder), exist_ok=True)
        with open(os.path.join(work, folder, name), "w", encoding="utf-8") as f:
            f.write(code + "\n")
        made.setdefault(folder, where)
    outputs = []
    for folder, where in sorted(made.items()):
        r = subprocess.run([reportc, "check", os.path.join(work, folder)],
                           capture_output=True, text=True)
        outputs.append(r.stdout)
        tap(r.returncode == 0 and r.stdout == "",
            f"{where}: the complete example {folder}/ checks clean",
            r.stdout + r.stderr)
    if style and made:
        build_with_style(reportc, style[0], style[1],
                         os.path.join(work, sorted(made)[0]), work)
    return outputs


# ---- quoted findings ----------------------------------------------------------

FINDING = re.compile(r"^[A-Za-z0-9_.-]+\.xml:\d+:\d+: (error|warning): ")


def real_findings(reportc, work):
    lines = set()
    check = os.path.join(ROOT, "tests", "check")
    for case in os.listdir(check):
        path = os.path.join(check, case, "expected.txt")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                lines.update(f.read().splitlines())
    new = os.path.join(work, "init-next")
    r = subprocess.run([reportc, "init", new, "--from",
                        os.path.join(ROOT, "report-data", "2023-24")],
                       capture_output=True, text=True)
    if r.returncode == 0:
        r = subprocess.run([reportc, "check", new], capture_output=True, text=True)
        lines.update(r.stdout.splitlines())
    return lines


def check_quoted(doc_name, text, known):
    for lang, code, line, _, _ in code_blocks(text):
        if lang != "console":
            continue
        for k, quoted in enumerate(code.splitlines()):
            if FINDING.match(quoted):
                tap(quoted in known, f"{doc_name}:{line + k}: quotes a finding reportc prints",
                    "" if quoted in known else
                    f"no tests/check/*/expected.txt (nor check after init) has: {quoted}")


def check_man_page(known):
    """The findings in the man page's literal (.nf) blocks."""
    with open(MAN, encoding="utf-8") as f:
        lines = f.read().splitlines()
    literal = False
    for number, line in enumerate(lines, 1):
        if line.startswith(".nf"):
            literal = True
        elif line.startswith(".fi"):
            literal = False
        elif literal:
            text = line.replace("\\-", "-").replace("\\(dq", '"').replace("\\e", "\\")
            if FINDING.match(text):
                tap(text in known, f"doc/reportc.1:{number}: quotes a finding reportc prints",
                    "" if text in known else
                    f"no tests/check/*/expected.txt (nor check after init) has: {text}")


def check_options(reportc):
    """Every option and command reportc --help names is in the man page."""
    r = subprocess.run([reportc, "--help"], capture_output=True, text=True)
    if r.returncode != 0:
        tap(False, "reportc --help exits 0", r.stderr)
        return
    with open(MAN, encoding="utf-8") as f:
        man = f.read().replace("\\-", "-")
    options = sorted(set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", r.stdout)))
    commands = sorted(set(re.findall(r"^(?:usage:)? +reportc ([a-z]+)", r.stdout, re.M)))
    for o in options:
        tap(re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", man) is not None,
            f"doc/reportc.1 documents the option {o} of reportc --help")
    for c in commands:
        tap(re.search(r"^\.BI? " + re.escape(c) + r"\b", man, re.M) is not None,
            f"doc/reportc.1 documents the command {c} of reportc --help")


def main():
    if len(sys.argv) != 2:
        print("usage: check-doc.py REPORTC", file=sys.stderr)
        return 2
    reportc = os.path.abspath(sys.argv[1])
    parts = schema_parts()
    with open(REFERENCE, encoding="utf-8") as f:
        reference = f.read()
    with open(GUIDE, encoding="utf-8") as f:
        guide = f.read()
    check_reference(parts, reference_entries(reference))
    folders = {}
    check_examples("doc/reference.md", reference, parts, folders)
    check_examples("doc/guide.md", guide, parts, folders)
    work = tempfile.mkdtemp(prefix="reportc-doc.")
    try:
        outputs = check_complete_examples(reportc, folders, work)
        known = real_findings(reportc, work)
        for o in outputs:
            known.update(o.splitlines())
        check_quoted("doc/reference.md", reference, known)
        check_quoted("doc/guide.md", guide, known)
        check_man_page(known)
        check_options(reportc)
    finally:
        shutil.rmtree(work)

    print(f"1..{len(results)}")
    failed = 0
    for n, (ok, what, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")
        if not ok:
            failed += 1
            for d in detail.splitlines():
                print(f"# {d}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
