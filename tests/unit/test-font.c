/* test-font.c - the TrueType reader: libharu-exact widths, coverage, and
 * refusal of corrupt files (TAP).
 *
 * Usage: test-font [FONTS_DIR]   (default "fonts", the shipped Open Sans).
 * The expected widths were checked against libharu 2.3.0's
 * HPDF_Font_TextWidth on the same files. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "font.h"
#include "tap.h"


static void is_int(long long got, long long want, const char *what)
{
	ok(got == want, "%s", what);
	if (got != want)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
}

static const char *fonts_dir = "fonts";
static struct font_family fam;

static long long text_units(enum font_face face, const char *s)
{
	return (long long)font_text_advance(fam.face[face], s, strlen(s));
}

/* ---- widths ------------------------------------------------------------- */

static void test_metrics(void)
{
	const struct font_metrics *m = font_metrics(fam.face[FACE_REGULAR]);
	is_int(m->units_per_em, 2048, "Open Sans has 2048 units per em");
	is_int(m->ascent, 1068, "hhea ascent 2189 units is 1068/1000 em, truncated");
	is_int(m->descent, -292, "hhea descent is negative, truncated towards zero");
	is_int(m->cap_height, 713, "cap height from OS/2 sCapHeight");
	is_int(m->x_height, 535, "x-height from OS/2 sxHeight");
	ok(m->typo_ascent > 0 && m->typo_descent < 0, "OS/2 typo ascent and descent read");
}

static void test_widths(void)
{
	const struct font *reg = fam.face[FACE_REGULAR];
	is_int(font_advance(reg, 'A'), 632, "A is 1296 units: 632 after truncation");
	is_int(font_advance(reg, ' '), 259, "space is 259");
	is_int(text_units(FACE_REGULAR, "Hello, world"), 5563, "Hello, world (regular)");
	is_int(text_units(FACE_BOLD, "Hello, world"), 5998, "Hello, world (bold)");
	is_int(text_units(FACE_ITALIC, "Hello, world"), 5239, "Hello, world (italic)");
	is_int(text_units(FACE_BOLD_ITALIC, "Hello, world"), 5651, "Hello, world (bold italic)");
	is_int(text_units(FACE_REGULAR, "Café Zürich £4.2m – “quoted”"), 13517,
	       "accents, pound sign, en dash and curly quotes");
	is_int(text_units(FACE_REGULAR, "½ ≤ ≥ − € ™"), 5151, "fractions, relations, minus, euro");
	is_int(text_units(FACE_REGULAR, "Ŵŷ Șș"), 2712, "Welsh and Romanian letters");
	is_int(text_units(FACE_REGULAR, "x\u202Fy"), 1226,
	       "narrow no-break space is the thin space glyph (200)");
	is_int(text_units(FACE_REGULAR, ""), 0, "empty text is 0 wide");

	/* The sum of the advances, with no kerning: AV = A + V. */
	is_int(text_units(FACE_REGULAR, "AV"), font_advance(reg, 'A') + font_advance(reg, 'V'),
	       "no kerning: AV is A plus V");
	double pt = font_text_width_pt(reg, "Hello, world", 12, 10.0);
	ok(pt > 55.629 && pt < 55.631, "Hello, world at 10 pt is 55.63 pt (got %.4f)", pt);
	pt = font_text_width_pt(reg, "Hello, world", 5, 10.0);
	ok(pt > 24.059 && pt < 24.061, "len limits the text: Hello at 10 pt is 24.06 pt (got %.4f)", pt);

	/* What libharu does with characters it cannot show. */
	is_int(font_advance(reg, 0x2713), 600, "a missing BMP character is as wide as .notdef");
	is_int(font_advance(reg, 0x1F600), 259, "a character above U+FFFF is as wide as a space");
	is_int(text_units(FACE_REGULAR, "a\xF0\x9F\x98\x80" "b"),
	       font_advance(reg, 'a') + 259 + font_advance(reg, 'b'),
	       "an emoji in text is measured as the space libharu draws");
	is_int(text_units(FACE_REGULAR, "a\xFF" "b"), font_advance(reg, 'a') + font_advance(reg, 'b'),
	       "a malformed byte adds nothing");
}

/* ---- coverage ----------------------------------------------------------- */

static void test_coverage(void)
{
	const struct font *reg = fam.face[FACE_REGULAR];
	static const uint32_t needed[] = {
		'a', 'Z', '0', '&', 0xA0, 0xA3, 0xE9, 0x141, 0x17E, 0x2013, 0x2014, 0x2018, 0x2019,
		0x201C, 0x201D, 0x2022, 0x2026, 0x20AC, 0x2122, 0xB0, 0xD7, 0xF7, 0x2212, 0x2264,
		0x2265, 0xBD, 0x202F, 0x2011,
	};
	bool all = true;
	for (enum font_face f = 0; f < FACE_COUNT; f++)
		for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
			if (!font_has_glyph(fam.face[f], needed[i])) {
				printf("# face %d lacks U+%04X\n", (int)f, (unsigned)needed[i]);
				all = false;
			}
	ok(all, "every face has the characters a UK report needs");
	ok(!font_has_glyph(reg, 0x2713), "no glyph for the check mark U+2713");
	ok(!font_has_glyph(reg, 0x1F600), "no glyph for an emoji (above U+FFFF)");
	ok(!font_has_glyph(reg, 0xFB01), "the fi ligature was trimmed away");
	ok(!font_has_glyph(reg, '\n'), "a line feed is not a glyph");
	ok(!font_has_glyph(reg, 0x110000), "code points past Unicode are missing");

	size_t off = 99;
	const char *s = "Tick ✓ here";
	is_int(font_first_missing(reg, s, strlen(s), &off), 0x2713, "first missing is the check mark");
	is_int((long long)off, 5, "at byte offset 5");
	s = "ok \xF0\x9F\x98\x80";
	is_int(font_first_missing(reg, s, strlen(s), &off), 0x1F600, "first missing is the emoji");
	is_int((long long)off, 3, "at byte offset 3");
	s = "Zoë O’Brien – £1,250.50";
	off = 99;
	is_int(font_first_missing(reg, s, strlen(s), &off), 0, "nothing missing returns 0");
	is_int((long long)off, 99, "and leaves offset alone");
	s = "ab\xC3";
	is_int(font_first_missing(reg, s, strlen(s), &off), 0xFFFD,
	       "a cut UTF-8 sequence is reported as U+FFFD");
	is_int((long long)off, 2, "at its offset");
	is_int(font_first_missing(reg, "✓", 0, NULL), 0, "len 0 looks at nothing");
}

/* ---- refusing bad files ------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = xmalloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*size = n;
	return buf;
}

static bool spit(const char *path, const unsigned char *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool good = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && good;
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static size_t get32(const unsigned char *p)
{
	return (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
}

/* The table directory record for tag (the file is the shipped font). */
static unsigned char *table_record(unsigned char *d, const char *tag)
{
	unsigned n = (unsigned)d[4] << 8 | d[5];
	for (unsigned i = 0; i < n; i++)
		if (memcmp(d + 12 + 16 * i, tag, 4) == 0)
			return d + 12 + 16 * i;
	abort();
}

static size_t table_offset(unsigned char *d, const char *tag)
{
	return get32(table_record(d, tag) + 8);
}

static bool refused(const unsigned char *data, size_t size, const char *needle)
{
	char err[256];
	struct font *f = font_load_mem(data, size, "t.ttf", err, sizeof err);
	if (f) {
		font_free(f);
		return false;
	}
	if (needle && !strstr(err, needle)) {
		printf("# message: %s\n", err);
		return false;
	}
	return strncmp(err, "t.ttf: ", 7) == 0;
}

static void test_corrupt(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/OpenSans-Regular.ttf", fonts_dir);
	size_t size;
	unsigned char *good = slurp(path, &size);
	if (!good) {
		ok(0, "read %s", path);
		return;
	}
	unsigned char *bad = xmalloc(size);

	/* Truncated copies on disk, through font_load. */
	char tmpl[] = "/tmp/test-font-XXXXXX";
	char *dir = mkdtemp(tmpl);
	ok(dir != NULL, "made a temporary folder");
	if (dir) {
		static const size_t cuts[] = { 0, 1, 4, 11, 12, 100, 171, 300, 2000, 10000 };
		bool all = true;
		char file[4200], err[512];
		for (size_t i = 0; i < sizeof cuts / sizeof *cuts + 1; i++) {
			size_t n = i < sizeof cuts / sizeof *cuts ? cuts[i] : size - 4;
			snprintf(file, sizeof file, "%s/cut-%zu.ttf", dir, n);
			if (!spit(file, good, n)) {
				all = false;
				continue;
			}
			err[0] = '\0';
			struct font *f = font_load(file, err, sizeof err);
			if (f || !strstr(err, file)) {
				printf("# %zu bytes: %s\n", n, f ? "loaded" : err);
				all = false;
			}
			font_free(f);
			remove(file);
		}
		ok(all, "truncated copies (0 bytes to all but the last 4) are refused with a message");
		rmdir(dir);
	}

	/* Every length in memory, quickly: nothing loads, nothing crashes. */
	bool all = true;
	for (size_t n = 0; n + 4 <= size; n += n < 400 ? 1 : 97) {
		char err[256];
		struct font *f = font_load_mem(good, n, "t.ttf", err, sizeof err);
		if (f)
			all = false;
		font_free(f);
	}
	ok(all, "every shorter prefix of the file is refused");

	char err[256];
	struct font *f = font_load("/nonexistent/font.ttf", err, sizeof err);
	ok(!f && strstr(err, "/nonexistent/font.ttf: cannot open"), "a missing file is an error: %s",
	   err);
	f = font_load("/tmp", err, sizeof err);
	ok(!f && strstr(err, "/tmp:"), "a folder is an error: %s", err);

	memcpy(bad, good, size);
	memcpy(bad, "OTTO", 4);
	ok(refused(bad, size, "CFF"), "CFF-flavoured OpenType is refused as such");
	memcpy(bad, "ttcf", 4);
	ok(refused(bad, size, "collection"), "a font collection is refused as such");
	memcpy(bad, "\x89PNG", 4);
	ok(refused(bad, size, "not a TrueType"), "a PNG is not a font");

	memcpy(bad, good, size);
	put16(bad + 4, 0xFFFF);
	ok(refused(bad, size, "directory"), "a table count past the end is refused");

	memcpy(bad, good, size);
	size_t head = table_offset(bad, "head");
	put16(bad + head + 18, 0);
	ok(refused(bad, size, "unitsPerEm"), "unitsPerEm 0 is refused (libharu would divide by it)");

	memcpy(bad, good, size);
	size_t hhea = table_offset(bad, "hhea");
	put16(bad + hhea + 34, 0xFFFF);
	ok(refused(bad, size, "numberOfHMetrics"), "more metrics than glyphs is refused");

	memcpy(bad, good, size);
	size_t cmap = table_offset(bad, "cmap");
	put16(bad + cmap + 4 + 2, 10); /* the (3,1) record becomes (3,10) */
	ok(refused(bad, size, "cmap"), "no (3,1) format 4 cmap is refused");

	memcpy(bad, good, size);
	size_t sub = cmap + get32(bad + cmap + 4 + 4); /* the first subtable */
	put16(bad + sub + 6, 0xFFFE);
	ok(refused(bad, size, "segments"), "a cmap with more segments than bytes is refused");

	memcpy(bad, good, size);
	size_t os2 = table_offset(bad, "OS/2");
	put16(bad + os2 + 8, 0x0002);
	ok(refused(bad, size, "fsType"), "a font whose licence forbids embedding is refused");

	memcpy(bad, good, size);
	memcpy(table_record(bad, "glyf"), "gluf", 4);
	ok(refused(bad, size, "glyf"), "a font without glyf is refused");

	/* Random damage to the tables we read, every other round inside the
	 * cmap: load or refuse, never crash (the sanitizers and valgrind make
	 * this test worth running). */
	unsigned long long seed = 0x9E3779B97F4A7C15ull;
	memcpy(bad, good, size);
	size_t parsed_end = table_offset(bad, "glyf");
	size_t cmap_len = get32(table_record(bad, "cmap") + 12);
	int loaded = 0, refused_n = 0;
	enum { ROUNDS = 2000 };
	for (int round = 0; round < ROUNDS; round++) {
		memcpy(bad, good, size);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			size_t at = round % 2 ? cmap + seed % cmap_len : seed % parsed_end;
			bad[at] = (unsigned char)(seed >> 40);
		}
		f = font_load_mem(bad, size, "t.ttf", err, sizeof err);
		if (f) {
			loaded++;
			/* Use it: every lookup must stay in bounds. */
			for (uint32_t cp = 0; cp < 0x10000; cp += 61)
				(void)font_advance(f, cp), (void)font_has_glyph(f, cp);
			font_free(f);
		} else {
			refused_n++;
		}
	}
	ok(loaded + refused_n == ROUNDS, "%d randomly damaged copies: %d loaded, %d refused, no crash",
	   ROUNDS, loaded, refused_n);
	free(bad);
	free(good);
}

/* ---- the family --------------------------------------------------------- */

static void test_family(void)
{
	ok(font_face_of(false, false) == FACE_REGULAR && font_face_of(true, false) == FACE_BOLD &&
	   font_face_of(false, true) == FACE_ITALIC && font_face_of(true, true) == FACE_BOLD_ITALIC,
	   "font_face_of maps bold and italic to the four faces");
	ok(text_units(FACE_BOLD, "Hello") > text_units(FACE_REGULAR, "Hello"),
	   "the bold face is the bold file (wider)");

	struct font_family other;
	const char *files[FACE_COUNT] = { "OpenSans-Regular.ttf", "OpenSans-Bold.ttf",
					  "no-such-face.ttf", "OpenSans-BoldItalic.ttf" };
	char err[512];
	bool loaded = font_family_load(&other, fonts_dir, files, err, sizeof err);
	ok(!loaded && strstr(err, "no-such-face.ttf") && !other.face[FACE_REGULAR],
	   "a family with a missing file fails, names it and holds nothing: %s", err);
	font_family_free(&other); /* harmless on the zeroed family */
}

int main(int argc, char **argv)
{
	if (argc > 1)
		fonts_dir = argv[1];
	char err[512];
	if (!font_family_load(&fam, fonts_dir, font_default_files, err, sizeof err)) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	test_metrics();
	test_widths();
	test_coverage();
	test_corrupt();
	test_family();
	font_family_free(&fam);
	return tap_done();
}
