#!/usr/bin/env python3
"""pngs.py - writes one PNG of every class reportc must embed or refuse.

usage: pngs.py CLASS FILE [CLASS FILE]...
       pngs.py --list         the classes, one a line: NAME valid|broken

Made with zlib and struct only, so that every chunk is exactly what the
class names. The valid classes are images any viewer shows (tRNS in RGB,
grey and palette images, Adam7 interlacing, 16-bit samples, an ancillary
chunk with a bad CRC, a large unknown chunk, a junk ICC profile, ...):
reportc must embed each. The broken ones (cut short, a bad CRC on a
critical chunk, image data that is not zlib, too little data, a palette
image without a palette) must be a finding at the element that names them.

As a module, expected(CLASS) gives what a valid class must become in the
PDF: 8-bit grey or RGB samples and an alpha plane (None when opaque), as
libpng decodes it with expansion and 16-to-8 scaling.
"""

import struct
import sys
import zlib

W, H = 37, 23  # odd sizes, so that every Adam7 pass has a ragged edge

SIGNATURE = b"\x89PNG\r\n\x1a\n"

ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))

PALETTE = [((i * 40) % 256, (i * 90) % 256, 255 - (i * 30) % 256) for i in range(16)]


def chunk(kind, data, crc=None):
    body = kind + data
    if crc is None:
        crc = zlib.crc32(body)
    return struct.pack(">I", len(data)) + body + struct.pack(">I", crc)


class Spec:
    """A PNG: colour type, bit depth, interlacing, tRNS, and chunks to put
    before the image data."""

    def __init__(self, colour, depth=8, interlace=0, trns=None, palette_alpha=None,
                 extra=b""):
        self.colour, self.depth, self.interlace = colour, depth, interlace
        self.trns, self.palette_alpha, self.extra = trns, palette_alpha, extra

    @property
    def top(self):
        return (1 << self.depth) - 1

    def samples(self, x, y):
        """The pixel's samples as stored: a gradient per channel, and an
        alpha of 0, 1/3, 2/3 or 1 by position."""
        top = self.top
        if self.colour == 3:
            return ((x + y) % min(top + 1, len(PALETTE)),)
        grad = [min(((x * 7 + y * 3 + c * 11) * top) // (W * 7 + H * 3 + 22), top)
                for c in range(3)]
        alpha = ((x + y) % 4) * top // 3
        return {0: grad[:1], 2: grad, 4: [grad[0], alpha], 6: grad + [alpha]}[self.colour]

    def row(self, xs, y):
        values = [v for x in xs for v in self.samples(x, y)]
        if self.depth == 16:
            return b"".join(struct.pack(">H", v) for v in values)
        if self.depth == 8:
            return bytes(values)
        out, acc, bits = bytearray(), 0, 0
        for v in values:  # sub-byte samples packed big-endian
            acc, bits = (acc << self.depth) | v, bits + self.depth
            if bits == 8:
                out.append(acc)
                acc, bits = 0, 0
        if bits:
            out.append(acc << (8 - bits))
        return bytes(out)

    def scanlines(self):
        """Filtered with filter type 0, in Adam7 pass order when interlaced."""
        if not self.interlace:
            return b"".join(b"\0" + self.row(range(W), y) for y in range(H))
        out = b""
        for x0, y0, dx, dy in ADAM7:
            xs = list(range(x0, W, dx))
            if xs:
                out += b"".join(b"\0" + self.row(xs, y) for y in range(y0, H, dy))
        return out

    def trns_chunk(self):
        if self.palette_alpha is not None:
            return chunk(b"tRNS", bytes(self.palette_alpha))
        if self.trns is None:
            return b""
        return chunk(b"tRNS", b"".join(struct.pack(">H", v) for v in self.trns))

    def plte_chunk(self):
        if self.colour != 3:
            return b""
        return chunk(b"PLTE", b"".join(bytes(c) for c in PALETTE[:self.top + 1]))

    def png(self, idat=None, plte=True):
        if idat is None:
            idat = chunk(b"IDAT", zlib.compress(self.scanlines(), 9))
        head = struct.pack(">IIBBBBB", W, H, self.depth, self.colour, 0, 0, self.interlace)
        return (SIGNATURE + chunk(b"IHDR", head) + self.extra
                + (self.plte_chunk() if plte else b"") + self.trns_chunk() + idat
                + chunk(b"IEND", b""))

    def to8(self, v):
        if self.depth == 16:
            return (v * 255 + 32767) // 65535
        return v * (255 // self.top)

    def expected(self):
        """(channels, samples, alpha or None) as 8-bit bytes."""
        colour, alpha = bytearray(), bytearray()
        for y in range(H):
            for x in range(W):
                s = self.samples(x, y)
                if self.colour == 3:
                    colour += bytes(PALETTE[s[0]])
                    pa = self.palette_alpha or []
                    alpha.append(pa[s[0]] if s[0] < len(pa) else 255)
                    continue
                n = 1 if self.colour in (0, 4) else 3
                colour += bytes(self.to8(v) for v in s[:n])
                if self.colour in (4, 6):
                    alpha.append(self.to8(s[n]))
                elif self.trns is not None:
                    alpha.append(0 if list(s[:n]) == list(self.trns) else 255)
                else:
                    alpha.append(255)
        channels = 3 if self.colour in (2, 3, 6) else 1
        return channels, bytes(colour), None if all(a == 255 for a in alpha) else bytes(alpha)


def trns_of(spec, x, y):
    """A tRNS colour that the image holds, at (x, y)."""
    return spec.samples(x, y)


def with_trns(colour, depth=8, interlace=0):
    spec = Spec(colour, depth, interlace)
    spec.trns = trns_of(spec, 5, 4)
    return spec


VALID = {
    "rgb-trns": with_trns(2),
    "grey-trns": with_trns(0),
    "grey-trns-2bit": with_trns(0, depth=2),
    "grey-16-trns": with_trns(0, depth=16),
    "rgb-16-trns": with_trns(2, depth=16),
    "palette": Spec(3, depth=4),
    "palette-alpha": Spec(3, depth=4, palette_alpha=[(i * 17) % 256 for i in range(16)]),
    "palette-short-trns": Spec(3, depth=4, palette_alpha=[0, 128, 200]),
    "interlaced-rgb": Spec(2, interlace=1),
    "interlaced-rgba": Spec(6, interlace=1),
    "interlaced-grey": Spec(0, interlace=1),
    "interlaced-rgb-trns": with_trns(2, interlace=1),
    "interlaced-palette-alpha": Spec(3, depth=4, interlace=1,
                                     palette_alpha=[255 - i * 15 for i in range(16)]),
    "rgb-16": Spec(2, depth=16),
    "rgba-16": Spec(6, depth=16),
    "interlaced-rgba-16": Spec(6, depth=16, interlace=1),
    "grey-alpha": Spec(4),
    "grey-1bit": Spec(0, depth=1),
    "rgba": Spec(6),
    "rgba-opaque": None,  # filled in below: alpha channel, every pixel opaque
    "bad-ancillary-crc": Spec(2, extra=chunk(b"tEXt", b"Comment\0made by pngs.py",
                                             crc=0x12345678)),
    # A private ancillary chunk of 9 MB, past libpng's 8 MB limit on chunks
    # it keeps.
    "big-unknown-chunk": Spec(2, extra=chunk(b"prVt", b"\0" * (9 * 1024 * 1024))),
    "junk-iccp": Spec(2, extra=chunk(b"iCCP", b"junk\0\0" + zlib.compress(
        b"this is not an ICC profile" * 20))),
    "iccp-not-zlib": Spec(2, extra=chunk(b"iCCP", b"junk\0\0" + b"\xde\xad\xbe\xef" * 8)),
}


class Opaque(Spec):
    def samples(self, x, y):
        s = Spec.samples(self, x, y)
        return s[:-1] + [self.top]


VALID["rgba-opaque"] = Opaque(6)


def idat_of(data):
    return chunk(b"IDAT", data)


def bad_critical_crc():
    good = Spec(2).png()
    at = good.index(b"IDAT") - 4
    crc_at = at + 8 + struct.unpack(">I", good[at:at + 4])[0]
    return good[:crc_at] + b"\0\0\0\0" + good[crc_at + 4:]


BROKEN = {
    "truncated": lambda: Spec(2).png()[:200],
    "bad-critical-crc": bad_critical_crc,
    "idat-not-zlib": lambda: Spec(2).png(idat=idat_of(b"\xde\xad" * 40)),
    "idat-short": lambda: Spec(2).png(idat=idat_of(zlib.compress(Spec(2).scanlines()[:400]))),
    "no-palette": lambda: Spec(3, depth=4).png(plte=False),
}


def make(name):
    return VALID[name].png() if name in VALID else BROKEN[name]()


def expected(name):
    return VALID[name].expected()


def main(argv):
    if len(argv) == 2 and argv[1] == "--list":
        for name in VALID:
            print(name, "valid")
        for name in BROKEN:
            print(name, "broken")
        return 0
    pairs = list(zip(argv[1::2], argv[2::2]))
    if not pairs or len(argv) % 2 == 0 or any(c not in VALID and c not in BROKEN
                                              for c, _ in pairs):
        sys.stderr.write(__doc__)
        return 2
    for name, path in pairs:
        with open(path, "wb") as f:
            f.write(make(name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
