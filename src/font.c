/* font.c - reading TrueType tables into width and coverage tables the way
 * libharu 2.3.0 reads them. */
#include "font.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

enum { BMP_SIZE = 0x10000 };

struct font {
	struct font_metrics metrics;
	int16_t width[BMP_SIZE];             /* libharu's width per code point */
	uint8_t covered[BMP_SIZE / 8];       /* bit set: a real glyph */
	/* The file itself, for the renderer to embed: read once, here. */
	uint8_t *bytes;
	size_t size;
};

const char *const font_default_files[FACE_COUNT] = {
	"OpenSans-Regular.ttf",
	"OpenSans-Bold.ttf",
	"OpenSans-Italic.ttf",
	"OpenSans-BoldItalic.ttf",
};

/* A table found in the directory: its bytes, bounds already checked. */
struct table {
	const uint8_t *p;
	size_t len;
};

/* Everything parsing needs; the bytes belong to the caller. */
struct reader {
	const uint8_t *data;
	size_t size;
	const char *name;
	char *err;
	size_t err_size;
	uint16_t num_tables;
	unsigned upem;
	uint16_t num_glyphs, num_hmetrics;
	int16_t loca_format;
	struct table head, hhea, maxp, hmtx, cmap, os2, loca, glyf;
	/* The format 4 subtable libharu picks, split into its arrays. */
	const uint8_t *end_code, *start_code, *id_delta, *id_range_offset, *glyph_ids;
	size_t seg_count, glyph_id_count;
};

static bool fail(struct reader *r, const char *fmt, ...) RC_PRINTF(2, 3);

static bool fail(struct reader *r, const char *fmt, ...)
{
	if (r->err_size == 0)
		return false;
	int n = snprintf(r->err, r->err_size, "%s: ", r->name);
	if (n >= 0 && (size_t)n < r->err_size) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err + n, r->err_size - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return false;
}

static uint16_t u16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static int16_t s16(const uint8_t *p)
{
	return (int16_t)u16(p);
}

static uint32_t u32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* libharu scales every font-unit value with an int32 multiply and a
 * truncating divide; doing the same keeps our numbers equal to its. */
static int per_mille(int value, unsigned upem)
{
	return (int)((int32_t)value * 1000 / (int32_t)upem);
}

/* ---------------------------------------------------------------- tables */

/* Finds tag in the table directory (already bounds-checked). Like libharu,
 * the first entry with the tag wins. A missing table leaves *t empty and
 * returns true. */
static bool find_table(struct reader *r, const char *tag, struct table *t, size_t min_len)
{
	*t = (struct table){ NULL, 0 };
	for (size_t i = 0; i < r->num_tables; i++) {
		const uint8_t *rec = r->data + 12 + 16 * i;
		if (memcmp(rec, tag, 4) != 0)
			continue;
		t->p = r->data + u32(rec + 8);
		t->len = u32(rec + 12);
		if (t->len < min_len)
			return fail(r, "table '%s' is %zu bytes, too short (need %zu)", tag, t->len,
				    min_len);
		return true;
	}
	return true;
}

static bool require_table(struct reader *r, const char *tag, struct table *t, size_t min_len)
{
	if (!find_table(r, tag, t, min_len))
		return false;
	if (!t->p)
		return fail(r, "no '%s' table", tag);
	return true;
}

static bool read_directory(struct reader *r)
{
	if (r->size < 12)
		return fail(r, "not a font (%zu bytes)", r->size);
	uint32_t version = u32(r->data);
	if (version == 0x4F54544F) /* 'OTTO' */
		return fail(r, "OpenType with CFF outlines; the PDF library needs TrueType (glyf) outlines");
	if (version == 0x74746366) /* 'ttcf' */
		return fail(r, "a font collection (.ttc); give a single .ttf");
	if (version != 0x00010000 && version != 0x74727565) /* 1.0 or 'true' */
		return fail(r, "not a TrueType font (sfnt version 0x%08lX)", (unsigned long)version);
	r->num_tables = u16(r->data + 4);
	if (r->num_tables == 0 || 12 + 16 * (size_t)r->num_tables > r->size)
		return fail(r, "table directory of %u entries does not fit in %zu bytes",
			    r->num_tables, r->size);

	/* Every table must lie inside the file, read or not: a truncated
	 * file is refused even when only a table we skip was cut. */
	for (size_t i = 0; i < r->num_tables; i++) {
		const uint8_t *rec = r->data + 12 + 16 * i;
		uint64_t offset = u32(rec + 8), length = u32(rec + 12);
		if (offset + length > r->size) {
			char tag[5];
			for (int k = 0; k < 4; k++)
				tag[k] = rec[k] >= 0x20 && rec[k] < 0x7F ? (char)rec[k] : '?';
			tag[4] = '\0';
			return fail(r, "table '%s' lies outside the file (offset %llu, length %llu, "
				    "file %zu bytes): truncated or corrupt",
				    tag, (unsigned long long)offset, (unsigned long long)length, r->size);
		}
	}

	if (!find_table(r, "glyf", &r->glyf, 0))
		return false;
	if (!r->glyf.p)
		return fail(r, "no 'glyf' table (CFF outlines?); the PDF library needs TrueType outlines");
	/* Minimum lengths cover every field read below; longer tables are fine.
	 * name is not read, but libharu fails without it. */
	struct table name;
	return require_table(r, "head", &r->head, 54) && require_table(r, "hhea", &r->hhea, 36) &&
	       require_table(r, "maxp", &r->maxp, 6) && require_table(r, "hmtx", &r->hmtx, 0) &&
	       require_table(r, "cmap", &r->cmap, 4) && require_table(r, "OS/2", &r->os2, 78) &&
	       require_table(r, "loca", &r->loca, 0) && require_table(r, "name", &name, 6);
}

static bool read_head_hhea_maxp(struct reader *r, struct font_metrics *m)
{
	r->upem = u16(r->head.p + 18);
	/* The OpenType range; 0 would make libharu divide by zero. */
	if (r->upem < 16 || r->upem > 16384)
		return fail(r, "unitsPerEm %u is outside 16..16384", r->upem);
	m->units_per_em = r->upem;
	m->bbox_x_min = per_mille(s16(r->head.p + 36), r->upem);
	m->bbox_y_min = per_mille(s16(r->head.p + 38), r->upem);
	m->bbox_x_max = per_mille(s16(r->head.p + 40), r->upem);
	m->bbox_y_max = per_mille(s16(r->head.p + 42), r->upem);
	r->loca_format = s16(r->head.p + 50);
	if (r->loca_format != 0 && r->loca_format != 1)
		return fail(r, "indexToLocFormat %d is neither 0 nor 1", r->loca_format);

	m->ascent = per_mille(s16(r->hhea.p + 4), r->upem);
	m->descent = per_mille(s16(r->hhea.p + 6), r->upem);
	m->line_gap = per_mille(s16(r->hhea.p + 8), r->upem);
	r->num_hmetrics = u16(r->hhea.p + 34);

	r->num_glyphs = u16(r->maxp.p + 4);
	if (r->num_glyphs == 0)
		return fail(r, "maxp says the font has no glyphs");
	if (r->num_hmetrics == 0 || r->num_hmetrics > r->num_glyphs)
		return fail(r, "numberOfHMetrics %u is not in 1..numGlyphs (%u)", r->num_hmetrics,
			    r->num_glyphs);
	if (r->hmtx.len < 4 * (size_t)r->num_hmetrics)
		return fail(r, "hmtx is %zu bytes, too short for %u metrics", r->hmtx.len,
			    r->num_hmetrics);
	size_t loca_entries = (size_t)r->num_glyphs + 1;
	if (r->loca.len < loca_entries * (r->loca_format ? 4 : 2))
		return fail(r, "loca is %zu bytes, too short for %u glyphs", r->loca.len,
			    r->num_glyphs);
	return true;
}

static bool read_os2(struct reader *r, struct font_metrics *m)
{
	const uint8_t *p = r->os2.p;
	/* libharu refuses to embed restricted-licence (bit 1) and
	 * no-subsetting / bitmap-only (bits 8, 9) fonts. */
	uint16_t fs_type = u16(p + 8);
	if (fs_type & 0x0302)
		return fail(r, "the font's licence forbids embedding or subsetting it (OS/2 fsType 0x%04X)",
			    fs_type);
	m->typo_ascent = per_mille(s16(p + 68), r->upem);
	m->typo_descent = per_mille(s16(p + 70), r->upem);
	m->typo_line_gap = per_mille(s16(p + 72), r->upem);
	/* sxHeight and sCapHeight exist from version 2 on. */
	if (u16(p) >= 2 && r->os2.len >= 90) {
		m->x_height = per_mille(s16(p + 86), r->upem);
		m->cap_height = per_mille(s16(p + 88), r->upem);
	}
	return true;
}

/* The advance libharu keeps for glyph gid: hmtx pads the glyphs past
 * numberOfHMetrics with the last advance. */
static unsigned advance_units(const struct reader *r, unsigned gid)
{
	unsigned i = gid < r->num_hmetrics ? gid : r->num_hmetrics - 1u;
	return u16(r->hmtx.p + 4 * (size_t)i);
}

/* HPDF_TTFontDef_GetCharWidth's arithmetic, including its casts: unsigned
 * multiply, truncating divide, through uint16 to int16. */
static int16_t glyph_width(const struct reader *r, unsigned gid)
{
	if (gid >= r->num_glyphs)
		gid = 0; /* libharu's missing_width is glyph 0's width */
	return (int16_t)(uint16_t)(advance_units(r, gid) * 1000u / r->upem);
}

/* ------------------------------------------------------------------ cmap */

/* Chooses the subtable as libharu's ParseCMap does: the first (3,1) format 4
 * wins; otherwise libharu would take a (1,0) format 0 table (which it then
 * indexes by the low byte of the code point, so such fonts are refused
 * here); otherwise the last (0,3) format 4. */
static bool choose_cmap(struct reader *r, size_t *sub_offset)
{
	const struct table *c = &r->cmap;
	if (u16(c->p) != 0)
		return fail(r, "cmap version %u is not 0", u16(c->p));
	size_t n = u16(c->p + 2);
	if (4 + 8 * n > c->len)
		return fail(r, "cmap directory of %zu entries does not fit in %zu bytes", n, c->len);
	size_t ms = 0, mac_byte = 0, unicode = 0;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *rec = c->p + 4 + 8 * i;
		uint16_t platform = u16(rec), encoding = u16(rec + 2);
		uint32_t off = u32(rec + 4);
		if (off < 4 || (uint64_t)off + 2 > c->len)
			return fail(r, "cmap subtable %zu lies outside the cmap table", i);
		uint16_t format = u16(c->p + off);
		if (platform == 3 && encoding == 1 && format == 4) {
			ms = off;
			break;
		}
		if (platform == 1 && encoding == 0 && format == 0)
			mac_byte = off;
		if (platform == 0 && encoding == 3 && format == 4)
			unicode = off;
	}
	if (ms)
		*sub_offset = ms;
	else if (mac_byte)
		return fail(r, "no Windows Unicode (3,1) format 4 cmap; the PDF library would use the Macintosh byte table and show the wrong glyphs");
	else if (unicode)
		*sub_offset = unicode;
	else
		return fail(r, "no Unicode BMP cmap (format 4) that the PDF library can use");
	return true;
}

static bool read_cmap4(struct reader *r, size_t off)
{
	const uint8_t *p = r->cmap.p + off;
	size_t avail = r->cmap.len - off;
	if (avail < 14)
		return fail(r, "cmap format 4 header is truncated");
	/* libharu trusts the subtable's own length field, so do we, after
	 * checking it against the table. */
	size_t length = u16(p + 2);
	size_t seg_x2 = u16(p + 6);
	if (length > avail)
		return fail(r, "cmap format 4 subtable claims %zu bytes, only %zu left", length, avail);
	if (seg_x2 == 0 || seg_x2 % 2)
		return fail(r, "cmap format 4 segCountX2 %zu is not a positive even number", seg_x2);
	size_t arrays_end = 16 + 4 * seg_x2;
	if (arrays_end > length)
		return fail(r, "cmap format 4 with %zu segments does not fit in %zu bytes", seg_x2 / 2,
			    length);
	r->seg_count = seg_x2 / 2;
	r->end_code = p + 14;
	r->start_code = p + 16 + seg_x2;
	r->id_delta = p + 16 + 2 * seg_x2;
	r->id_range_offset = p + 16 + 3 * seg_x2;
	r->glyph_ids = p + arrays_end;
	r->glyph_id_count = (length - arrays_end) / 2;
	return true;
}

/* The glyph libharu's HPDF_TTFontDef_GetGlyphid finds for cp inside
 * segment i (the first segment whose end is >= cp). Where libharu would read
 * past its arrays we answer 0, the missing glyph. */
static unsigned segment_glyph(const struct reader *r, size_t i, unsigned cp)
{
	unsigned start = u16(r->start_code + 2 * i);
	int delta = s16(r->id_delta + 2 * i);
	unsigned range_offset = u16(r->id_range_offset + 2 * i);
	if (start > cp)
		return 0;
	if (range_offset == 0)
		return (uint16_t)(cp + (unsigned)delta);
	int64_t idx = (int64_t)(range_offset / 2) + (cp - start) - (int64_t)(r->seg_count - i);
	if (idx < 0 || (uint64_t)idx >= r->glyph_id_count)
		return 0;
	/* libharu adds idDelta even to a 0 entry; the OpenType spec would not. */
	return (uint16_t)(u16(r->glyph_ids + 2 * idx) + (unsigned)delta);
}

/* Fills the width and coverage tables for all of U+0000..U+FFFF. libharu
 * takes the first segment whose end is >= cp, so segment i owns the code
 * points above every earlier segment's end up to its own end; walking the
 * segments in file order gives the same answer for unsorted tables. */
static void fill_tables(const struct reader *r, struct font *f)
{
	int16_t missing = glyph_width(r, 0);
	long covered_to = -1;
	for (size_t i = 0; i < r->seg_count; i++) {
		long end = u16(r->end_code + 2 * i);
		for (long cp = covered_to + 1; cp <= end; cp++) {
			unsigned gid = segment_glyph(r, i, (unsigned)cp);
			f->width[cp] = glyph_width(r, gid);
			if (gid != 0 && gid < r->num_glyphs)
				f->covered[cp >> 3] |= (uint8_t)(1u << (cp & 7));
		}
		if (end > covered_to)
			covered_to = end;
	}
	for (long cp = covered_to + 1; cp < BMP_SIZE; cp++)
		f->width[cp] = missing;
	/* A soft hyphen takes no room: it is never drawn (dl.c drops it), and
	 * a line that breaks there gets a hyphen-minus instead. */
	f->width[0xAD] = 0;
}

/* ---------------------------------------------------- cap and x-height */

/* yMax of the glyph for cp, in font units, or false when it has none. */
static bool glyph_top(const struct reader *r, const struct font *f, unsigned cp, int *top)
{
	if (!(f->covered[cp >> 3] & (1u << (cp & 7))))
		return false;
	unsigned gid = 0;
	for (size_t i = 0; i < r->seg_count && !gid; i++)
		if (cp <= u16(r->end_code + 2 * i))
			gid = segment_glyph(r, i, cp);
	if (gid == 0)
		return false;
	uint64_t start, end;
	if (r->loca_format == 0) {
		start = 2 * (uint64_t)u16(r->loca.p + 2 * gid);
		end = 2 * (uint64_t)u16(r->loca.p + 2 * (gid + 1));
	} else {
		start = u32(r->loca.p + 4 * gid);
		end = u32(r->loca.p + 4 * (gid + 1));
	}
	if (end < start + 10 || end > r->glyf.len)
		return false;
	*top = s16(r->glyf.p + start + 8);
	return true;
}

/* Fonts without OS/2 version 2 get the heights libharu itself measures:
 * the tops of 'H' and 'x', or 70% and 50% of the em without those. */
static void fill_heights(const struct reader *r, const struct font *f, struct font_metrics *m)
{
	int top;
	if (m->cap_height == 0)
		m->cap_height = glyph_top(r, f, 'H', &top) ? per_mille(top, r->upem) : 700;
	if (m->x_height == 0)
		m->x_height = glyph_top(r, f, 'x', &top) ? per_mille(top, r->upem) : 500;
}

/* --------------------------------------------------------------- loading */

/* Parses data; on success the font owns bytes (data itself, or a copy). */
static struct font *parse(const uint8_t *data, size_t size, uint8_t *bytes, const char *name,
			  char *err, size_t err_size)
{
	struct reader r = { .data = data, .size = size, .name = name ? name : "font",
			    .err = err, .err_size = err_size };
	if (err_size)
		err[0] = '\0';
	struct font_metrics m = { 0 };
	size_t sub_offset = 0;
	if (!read_directory(&r) || !read_head_hhea_maxp(&r, &m) || !read_os2(&r, &m) ||
	    !choose_cmap(&r, &sub_offset) || !read_cmap4(&r, sub_offset))
		return NULL;

	struct font *f = xcalloc(1, sizeof *f);
	fill_tables(&r, f);
	fill_heights(&r, f, &m);
	f->metrics = m;
	if (!bytes) {
		bytes = xmalloc(size ? size : 1);
		memcpy(bytes, data, size);
	}
	f->bytes = bytes;
	f->size = size;
	return f;
}

struct font *font_load_mem(const void *data, size_t size, const char *name, char *err,
			   size_t err_size)
{
	return parse(data, size, NULL, name, err, err_size);
}

struct font *font_load(const char *path, char *err, size_t err_size)
{
	struct reader r = { .name = path, .err = err, .err_size = err_size };
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fail(&r, "cannot open: %s", strerror(errno));
		return NULL;
	}
	/* Read in growing chunks, at most one byte past the cap (no ftell:
	 * works on any kind of file). */
	size_t cap = 64 * 1024, size = 0;
	uint8_t *buf = xmalloc(cap);
	for (;;) {
		if (size == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t want = cap - size;
		if (want > (size_t)FONT_MAX_FILE_BYTES + 1 - size)
			want = (size_t)FONT_MAX_FILE_BYTES + 1 - size;
		size_t got = fread(buf + size, 1, want, fp);
		size += got;
		if (got == 0 || size > FONT_MAX_FILE_BYTES)
			break;
	}
	int read_errno = ferror(fp) ? (errno ? errno : EIO) : 0;
	fclose(fp);
	struct font *f = NULL;
	if (read_errno)
		fail(&r, "cannot read: %s", strerror(read_errno));
	else if (size > FONT_MAX_FILE_BYTES)
		fail(&r, "larger than %d MiB; is this really a font?", FONT_MAX_FILE_BYTES >> 20);
	else
		f = parse(buf, size, buf, path, err, err_size);
	if (!f)
		free(buf);
	return f;
}

void font_free(struct font *font)
{
	if (font)
		free(font->bytes);
	free(font);
}

const void *font_bytes(const struct font *font, size_t *size)
{
	*size = font->size;
	return font->bytes;
}

const struct font_metrics *font_metrics(const struct font *font)
{
	return &font->metrics;
}

/* ------------------------------------------------------------- measuring */

bool font_has_glyph(const struct font *font, uint32_t cp)
{
	return cp < BMP_SIZE && (font->covered[cp >> 3] & (1u << (cp & 7)));
}

int font_advance(const struct font *font, uint32_t cp)
{
	return font->width[cp < BMP_SIZE ? cp : 0x20];
}

int64_t font_text_advance(const struct font *font, const char *utf8, size_t len)
{
	const unsigned char *s = (const unsigned char *)utf8;
	int64_t total = 0;
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			total += font->width[s[i++]];
			continue;
		}
		uint32_t cp;
		size_t n = text_utf8_decode(utf8 + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		total += font_advance(font, cp);
		i += n;
	}
	return total;
}

double font_text_width_pt(const struct font *font, const char *utf8, size_t len, double size_pt)
{
	return (double)font_text_advance(font, utf8, len) * size_pt / 1000.0;
}

uint32_t font_first_missing(const struct font *font, const char *utf8, size_t len,
			    size_t *offset)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_decode(utf8 + i, len - i, &cp);
		if (n == 0 || !font_has_glyph(font, cp)) {
			if (offset)
				*offset = i;
			return n == 0 ? 0xFFFD : cp;
		}
		i += n;
	}
	return 0;
}

/* ---------------------------------------------------------------- family */

bool font_family_load(struct font_family *fam, const char *dir,
		      const char *const files[FACE_COUNT], char *err, size_t err_size)
{
	memset(fam, 0, sizeof *fam);
	for (int i = 0; i < FACE_COUNT; i++) {
		size_t dir_len = strlen(dir);
		bool slash = dir_len > 0 && dir[dir_len - 1] != '/';
		size_t path_len = dir_len + slash + strlen(files[i]) + 1;
		char *path = xmalloc(path_len);
		snprintf(path, path_len, "%s%s%s", dir, slash ? "/" : "", files[i]);
		fam->face[i] = font_load(path, err, err_size);
		free(path);
		if (!fam->face[i]) {
			font_family_free(fam);
			return false;
		}
	}
	return true;
}

void font_family_free(struct font_family *fam)
{
	for (int i = 0; i < FACE_COUNT; i++)
		font_free(fam->face[i]);
	memset(fam, 0, sizeof *fam);
}
