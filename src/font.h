/* font.h - our own TrueType reader: coverage and metrics, measured exactly
 * as libharu 2.3.0 will lay the text out in the PDF.
 *
 * Layout measures through this module and never through the PDF library.
 * Every width is in 1/1000 em and equals what libharu writes into the
 * font's /W array and returns from HPDF_Font_GetUnicodeWidth: the glyph's
 * advance times 1000 divided by unitsPerEm, truncated. libharu 2.3.0 only
 * encodes the Basic Multilingual Plane (it turns anything above U+FFFF into
 * a space), so this module treats every such character as missing.
 *
 * A font is loaded whole, checked and turned into tables; it keeps the file
 * bytes, which the renderer embeds (so the file is read once, here, and the
 * renderer opens no file). A struct font is immutable afterwards and may be
 * shared across threads. Valid until font_free(). */
#ifndef REPORTC_FONT_H
#define REPORTC_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Larger files are refused rather than read (Open Sans trimmed is 24 KB;
 * the largest pan-CJK TrueType fonts stay below this). */
enum { FONT_MAX_FILE_BYTES = 64 * 1024 * 1024 };

struct font;

/* Vertical metrics in 1/1000 em, each truncated towards zero as libharu
 * does. descent values are negative (below the baseline). */
struct font_metrics {
	unsigned units_per_em;
	int ascent, descent, line_gap;                 /* hhea */
	int typo_ascent, typo_descent, typo_line_gap;  /* OS/2 */
	/* OS/2 sCapHeight and sxHeight when the table has them (version 2
	 * and later), otherwise the top of the glyphs 'H' and 'x'. */
	int cap_height, x_height;
	int bbox_x_min, bbox_y_min, bbox_x_max, bbox_y_max;  /* head */
};

/* Reads and checks the TrueType font at path. On failure returns NULL and
 * writes "path: reason" into err; a corrupt or truncated file is an error,
 * never a crash. Fonts that libharu 2.3.0 cannot embed (CFF outlines, font
 * collections, no Windows Unicode format 4 cmap, embedding forbidden by
 * OS/2 fsType) are refused too, so that problems show before rendering. */
struct font *font_load(const char *path, char *err, size_t err_size);
/* The same from bytes in memory (the font keeps a copy); name is used in
 * messages. */
struct font *font_load_mem(const void *data, size_t size, const char *name,
			   char *err, size_t err_size);
void font_free(struct font *font);

/* The whole font file as read, for embedding; valid while the font is. */
const void *font_bytes(const struct font *font, size_t *size);

const struct font_metrics *font_metrics(const struct font *font);

/* Whether the PDF will show cp with a real glyph: false for code points the
 * cmap does not map (libharu would draw .notdef, a box) and for every code
 * point above U+FFFF. Controls such as U+000A count as missing unless the
 * font maps them; layout must not hand them to the font. */
bool font_has_glyph(const struct font *font, uint32_t cp);

/* Advance of cp in 1/1000 em, identical to libharu's: a missing BMP code
 * point gets the width of glyph 0 (.notdef), a code point above U+FFFF the
 * width of U+0020 because that is what libharu draws instead. */
int font_advance(const struct font *font, uint32_t cp);

/* Sum of the advances of the UTF-8 text (len bytes) in 1/1000 em, as
 * HPDF_Font_TextWidth computes it. No kerning: libharu has none. Input is
 * expected to be valid UTF-8; a malformed byte adds nothing (libharu drops
 * it). */
int64_t font_text_advance(const struct font *font, const char *utf8, size_t len);
/* The same in points at size_pt. */
double font_text_width_pt(const struct font *font, const char *utf8, size_t len,
			  double size_pt);

/* First character of the text the font cannot show (see font_has_glyph);
 * *offset gets its byte offset. Returns 0 when every character can be
 * shown (text never holds U+0000: XML forbids it). A malformed UTF-8 byte is
 * reported as U+FFFD at its offset. */
uint32_t font_first_missing(const struct font *font, const char *utf8, size_t len,
			    size_t *offset);

/* The four faces of a family, each loaded (and freed) on its own. */
enum font_face { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC, FACE_COUNT };

struct font_family {
	struct font *face[FACE_COUNT];
};

/* The files of the family shipped in fonts/ (trimmed Open Sans), in
 * enum font_face order. */
extern const char *const font_default_files[FACE_COUNT];

static inline enum font_face font_face_of(bool bold, bool italic)
{
	return (enum font_face)((bold ? FACE_BOLD : 0) | (italic ? FACE_ITALIC : 0));
}

/* Loads dir/files[i] for each face. On failure frees what it loaded, leaves
 * fam zeroed and writes the first problem into err. */
bool font_family_load(struct font_family *fam, const char *dir,
		      const char *const files[FACE_COUNT], char *err, size_t err_size);
void font_family_free(struct font_family *fam);

#endif
