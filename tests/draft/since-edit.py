#!/usr/bin/env python3
"""since-edit.py DIR - the changes since.sh makes to a copy of the sample: a
changed paragraph, a section removed, one added, an id renamed, a comment
added by the scrutineer."""
import re, sys
d = sys.argv[1]
def change(name, fn):
    p = d + "/" + name
    s = open(p, encoding="utf-8").read()
    t = fn(s)
    assert t != s, name
    open(p, "w", encoding="utf-8").write(t)
# a changed paragraph
change("report.xml", lambda s: s.replace("We are pleased to present the second annual report",
                                         "We are proud to present the second annual report", 1))
# a removed section (communications), an added one, a renamed id (closing -> summary)
change("report.xml", lambda s: re.sub(r'  <section id="communications".*?\n  </section>\n', '', s, count=1, flags=re.S))
change("report.xml", lambda s: s.replace('  <section id="closing"',
    '  <section id="new-work" title="New Work This Year">\n    <p>A new strand of work began.</p>\n  </section>\n  <section id="closing"', 1))
change("report.xml", lambda s: s.replace('<section id="closing"', '<section id="summary"', 1))
# a comment added by the scrutineer
change("scrutiny.xml", lambda s: s.replace("  <perspective", '  <comment on="finance"><p>The finance figures are clear.</p></comment>\n  <perspective', 1))
