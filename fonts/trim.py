#!/usr/bin/python3
"""trim.py - make the four Open Sans faces reportc embeds from Debian's fonts-open-sans.

Run by a developer when the character set changes, never at build time:

    /usr/bin/python3 fonts/trim.py [SOURCE_DIR [OUT_DIR]]

SOURCE_DIR defaults to /usr/share/fonts/truetype/open-sans (Debian package
fonts-open-sans), OUT_DIR to the folder this script is in. Needs fontTools
(Debian: python3-fonttools). The output is deterministic for a given fontTools
version and source font.
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

FACES = ["Regular", "Bold", "Italic", "BoldItalic"]

# What a UK report needs. Ranges are inclusive.
RANGES = [
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement: NBSP, £ ° × ÷ ½ ¼ ¾ é ü …
    (0x0100, 0x017F),  # Latin Extended-A: Polish, Czech, Welsh ŵ ŷ, …
    (0x0218, 0x021B),  # Ș ș Ț ț (Romanian comma-below letters)
    (0x1E80, 0x1E85),  # Ẁ ẁ Ẃ ẃ Ẅ ẅ (Welsh)
    (0x1EF2, 0x1EF3),  # Ỳ ỳ (Welsh)
    (0x2002, 0x200A),  # en, em, figure, thin and hair spaces
]
SINGLES = [
    0x2013, 0x2014,                  # – —
    0x2018, 0x2019, 0x201A,          # ‘ ’ ‚
    0x201C, 0x201D, 0x201E,          # “ ” „
    0x2020, 0x2021, 0x2022, 0x2026,  # † ‡ • …
    0x2030, 0x2032, 0x2033,          # ‰ ′ ″
    0x2039, 0x203A, 0x2044,          # ‹ › ⁄
    0x20AC, 0x2116, 0x2122,          # € № ™
    0x2212, 0x2248, 0x2260,          # − ≈ ≠
    0x2264, 0x2265,                  # ≤ ≥
]
# Characters Open Sans 1.10 lacks that we map onto an existing glyph of the
# same design (a cmap-only change; no outline is altered).
ALIASES = {
    0x202F: 0x2009,  # narrow no-break space -> thin space glyph
    0x2010: 0x002D,  # hyphen -> hyphen-minus glyph
    0x2011: 0x002D,  # non-breaking hyphen -> hyphen-minus glyph
}
# The name table records kept (copyright, family, subfamily, unique ID, full
# name, version, PostScript name, trademark, manufacturer, vendor and designer
# URLs, licence and licence URL).
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14]
NOTICE = "; trimmed for reportc by fonts/trim.py (character subset, no layout tables, no hinting)"


def wanted_codepoints():
    cps = set(SINGLES)
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    return cps


def trim(src, dst):
    font = TTFont(src, recalcTimestamp=False)
    if "glyf" not in font:
        sys.exit("%s: not a TrueType (glyf) font; libharu 2.3.0 cannot embed CFF" % src)
    cmap = font.getBestCmap()
    cps = wanted_codepoints()
    missing = sorted(cp for cp in cps if cp not in cmap and cp not in ALIASES)
    # Ranges may include unassigned code points; only the singles must exist.
    absent = [cp for cp in missing if cp in SINGLES]
    if absent:
        sys.exit("%s lacks %s" % (src, ", ".join("U+%04X" % c for c in absent)))

    opts = subset.Options()
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "DSIG", "gasp"]
    opts.hinting = False
    opts.glyph_names = False
    opts.legacy_kern = False
    opts.notdef_glyph = True
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.recalc_timestamp = False
    opts.name_IDs = NAME_IDS
    opts.name_languages = ["*"]
    opts.name_legacy = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[cp for cp in cps if cp in cmap])
    sub.subset(font)

    # Aliases go into every Unicode subtable, pointing at the kept glyphs.
    for table in font["cmap"].tables:
        if table.isUnicode():
            for cp, target in ALIASES.items():
                if target in table.cmap and cp not in table.cmap:
                    table.cmap[cp] = table.cmap[target]

    # Apache-2.0 section 4(b): say the files were changed. The family name
    # stays "Open Sans" (no reserved font name); the version string and the
    # unique ID carry the notice.
    for rec in font["name"].names:
        if rec.nameID in (3, 5):
            rec.string = rec.toUnicode() + NOTICE
    font["post"].formatType = 3.0
    font.save(dst)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/open-sans"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else here
    for face in FACES:
        name = "OpenSans-%s.ttf" % face
        dst = os.path.join(out_dir, name)
        trim(os.path.join(src_dir, name), dst)
        print("%s %d bytes" % (dst, os.path.getsize(dst)))


if __name__ == "__main__":
    main()
