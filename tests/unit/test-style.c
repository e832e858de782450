/* test-style.c - the style settings: the built-in look, every kind of value
 * and its errors, the cross checks, locale independence, and the shipped
 * style files applied attribute by attribute (TAP).
 *
 * Usage: test-style [STYLES_DIR]   (default "styles") */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "style.h"
#include "tap.h"

static const char *styles_dir = "styles";

static void skip(const char *why, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	n_tests++;
	printf("ok %d - ", n_tests);
	vprintf(fmt, ap);
	printf(" # SKIP %s\n", why);
	va_end(ap);
}

static bool near_pt(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static bool same_style(const struct style *a, const struct style *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

static bool is_grey(struct rgb c)
{
	return c.r == c.g && c.g == c.b;
}

/* ---- a scanner for the style files ------------------------------------ */

/* The style files are kept simple enough to read without an XML parser:
 * a declaration, comments, one root, empty elements, attributes in
 * quotes and no entities. Each attribute goes to fn with its line. */
struct attribute {
	char element[64], name[64], value[256];
	int line;
};

struct scanned {
	struct attribute *items;
	size_t n;
	char problem[256];
};

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[len] = '\0';
	return buf;
}

static int line_of(const char *text, const char *at)
{
	int line = 1;
	for (const char *c = text; c < at; c++)
		line += *c == '\n';
	return line;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static void skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
}

static bool copy_name(const char **p, char *out, size_t size)
{
	size_t n = 0;
	while (name_char(**p) && n + 1 < size)
		out[n++] = *(*p)++;
	out[n] = '\0';
	return n > 0 && !name_char(**p);
}

static bool scan(const char *text, struct scanned *sc)
{
	size_t cap = 0;
	const char *p = text;
	sc->items = NULL;
	sc->n = 0;
	sc->problem[0] = '\0';
	while ((p = strchr(p, '<'))) {
		const char *skip_to = NULL;
		if (strncmp(p, "<?", 2) == 0)
			skip_to = "?>";
		else if (strncmp(p, "<!--", 4) == 0)
			skip_to = "-->";
		else if (strncmp(p, "</", 2) == 0)
			skip_to = ">";
		if (skip_to) {
			const char *end = strstr(p + 1, skip_to);
			if (!end)
				break;
			p = end + strlen(skip_to);
			continue;
		}
		const char *start = p++;
		char element[64];
		if (!copy_name(&p, element, sizeof element)) {
			snprintf(sc->problem, sizeof sc->problem, "line %d: bad element name",
				 line_of(text, start));
			return false;
		}
		for (;;) {
			skip_space(&p);
			if (*p == '>' || strncmp(p, "/>", 2) == 0)
				break;
			struct attribute a;
			a.line = line_of(text, p);
			snprintf(a.element, sizeof a.element, "%s", element);
			if (!copy_name(&p, a.name, sizeof a.name)) {
				snprintf(sc->problem, sizeof sc->problem, "line %d: bad attribute", a.line);
				return false;
			}
			skip_space(&p);
			if (*p++ != '=') {
				snprintf(sc->problem, sizeof sc->problem, "line %d: no = after %s", a.line,
					 a.name);
				return false;
			}
			skip_space(&p);
			char quote = *p++;
			const char *end = quote == '"' || quote == '\'' ? strchr(p, quote) : NULL;
			if (!end || (size_t)(end - p) >= sizeof a.value ||
			    memchr(p, '&', (size_t)(end - p)) || memchr(p, '<', (size_t)(end - p))) {
				snprintf(sc->problem, sizeof sc->problem,
					 "line %d: %s's value is not a simple quoted string", a.line,
					 a.name);
				return false;
			}
			memcpy(a.value, p, (size_t)(end - p));
			a.value[end - p] = '\0';
			p = end + 1;
			if (sc->n == cap) {
				cap = cap ? cap * 2 : 64;
				struct attribute *more = realloc(sc->items, cap * sizeof *more);
				if (!more) {
					snprintf(sc->problem, sizeof sc->problem, "out of memory");
					return false;
				}
				sc->items = more;
			}
			sc->items[sc->n++] = a;
		}
	}
	return true;
}

/* ---- the built-in look ------------------------------------------------ */

static void test_defaults(void)
{
	struct style s;
	style_defaults(&s);
	char err[512];
	bool checked = style_check(&s, err, sizeof err);
	ok(checked, "the defaults pass style_check%s%s", checked ? "" : ": ", checked ? "" : err);
	ok(strcmp(s.name, "sefton") == 0, "the defaults are the sefton look");
	ok(near_pt(s.page.width_pt, 595.28) && near_pt(s.page.height_pt, 841.89),
	   "the default page is A4, 595.28 x 841.89pt");
	ok(near_pt(s.page.margin_top_pt, 25 * 72 / 25.4) && !s.page.mirror_margins,
	   "margins are 25mm, not mirrored");
	ok(fabs(style_text_width_pt(&s) - 453.55) < 0.01,
	   "the text area is 453.55pt wide (%.3f)", style_text_width_pt(&s));
	const struct style_text *body = &s.text[STYLE_BODY];
	ok(body->size_pt >= 12 && body->face == FACE_REGULAR, "body text is regular, 12pt or more");
	ok(body->leading_pt / body->size_pt >= 1.35 && body->leading_pt / body->size_pt <= 1.45,
	   "body leading is 1.35 to 1.45 times the size (%.3f)", body->leading_pt / body->size_pt);
	ok(!s.paragraph.justify, "text is ragged right, not justified");

	/* The typographic scale (issue 13): secondary text smaller than the
	 * body, so that the body stands out, and none below 9pt. */
	static const struct {
		enum style_role role;
		double size_pt;
	} scale[] = {
		{ STYLE_HEADER, 10 }, { STYLE_FOOTER, 10 }, { STYLE_FOOTNOTE, 10 },
		{ STYLE_CAPTION, 10 }, { STYLE_SOURCE, 10 }, { STYLE_TABLE, 11 },
		{ STYLE_TABLE_HEADER, 11 }, { STYLE_CHART_LABEL, 9 },
	};
	int off = -1;
	for (size_t i = 0; i < sizeof scale / sizeof scale[0]; i++)
		if (s.text[scale[i].role].size_pt != scale[i].size_pt)
			off = (int)scale[i].role;
	ok(off < 0, "header, footer, footnotes, captions and sources 10pt, tables 11pt, "
	   "chart labels 9pt%s%s", off < 0 ? "" : ": not ",
	   off < 0 ? "" : style_role_name((enum style_role)off));
	int small = -1;
	for (int r = 0; r < STYLE_ROLE_COUNT; r++)
		if (s.text[r].size_pt < 9)
			small = r;
	ok(small < 0, "no role is set below 9pt%s%s", small < 0 ? "" : ": ",
	   small < 0 ? "" : style_role_name((enum style_role)small));

	ok(s.sections.new_page == STYLE_NEW_PAGE_APPENDICES &&
	   s.sections.numbering == STYLE_NUMBERING_NONE &&
	   s.sections.appendix_label == STYLE_LABEL_NUMBER &&
	   strcmp(s.words.page, "Page {page} of {pages}") == 0 &&
	   strcmp(s.words.contents, "Contents") == 0,
	   "appendices start a new page, no numbers, \"Appendix 1\", \"Page {page} of {pages}\"");
	{
		struct style t = s;
		char why[256];
		bool set = style_set(&t, "words", "page", "Seite {page} von {pages}", why, sizeof why) &&
			   style_set(&t, "sections", "numbering", "decimal", why, sizeof why) &&
			   style_set(&t, "sections", "appendix-label", "letter", why, sizeof why);
		ok(set && strcmp(t.words.page, "Seite {page} von {pages}") == 0 &&
		   t.sections.numbering == STYLE_NUMBERING_DECIMAL &&
		   t.sections.appendix_label == STYLE_LABEL_LETTER,
		   "words and sections are set as written");
	}
	ok(strcmp(s.fonts.dir, "fonts") == 0 &&
	   strcmp(s.fonts.file[FACE_REGULAR], "OpenSans-Regular.ttf") == 0 &&
	   strcmp(s.fonts.file[FACE_BOLD_ITALIC], "OpenSans-BoldItalic.ttf") == 0,
	   "the family is Open Sans in fonts/");
	int missing = -1;
	for (int f = 0; f < FACE_COUNT; f++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/../%s/%s", styles_dir, s.fonts.dir, s.fonts.file[f]);
		FILE *file = fopen(path, "rb");
		if (!file)
			missing = f;
		else
			fclose(file);
	}
	ok(missing < 0, "the four default font files exist beside styles/%s%s",
	   missing < 0 ? "" : ": missing ", missing < 0 ? "" : s.fonts.file[missing]);

	ok(s.chart.palette_count == 8 && !s.chart.greyscale, "the chart palette has 8 colours");
	ok(strcmp(s.list.bullet, "\xe2\x80\xa2") == 0, "the bullet is U+2022");

	/* Every pair the table names is unique and has a role name or group. */
	const char *element, *attribute;
	size_t n = 0, repeats = 0;
	for (size_t i = 0; style_attribute_at(i, &element, &attribute); i++, n++) {
		const char *e2, *a2;
		for (size_t j = 0; j < i && style_attribute_at(j, &e2, &a2); j++)
			if (strcmp(element, e2) == 0 && strcmp(attribute, a2) == 0)
				repeats++;
	}
	ok(n > STYLE_ROLE_COUNT * 6 && repeats == 0,
	   "style_attribute_at lists %zu settings, none twice", n);
	ok(strcmp(style_role_name(STYLE_COVER_TITLE), "cover-title") == 0 &&
	   strcmp(style_role_name(STYLE_CHART_LABEL), "chart-label") == 0,
	   "roles are named as in the file");

	ok(style_margin_left_pt(&s, 2) == s.page.margin_inner_pt,
	   "without mirror-margins inner is left on even pages too");
	s.page.margin_inner_pt = 80;
	s.page.mirror_margins = true;
	ok(style_margin_left_pt(&s, 1) == 80 && style_margin_left_pt(&s, 2) == s.page.margin_outer_pt,
	   "with mirror-margins inner is left on odd pages, right on even ones");
}

/* ---- values ----------------------------------------------------------- */

static double length_of(const char *value, bool *accepted)
{
	struct style s;
	style_defaults(&s);
	char err[256];
	*accepted = style_set(&s, "body", "space-after", value, err, sizeof err);
	return s.text[STYLE_BODY].space_after_pt;
}

static void test_units(void)
{
	static const struct {
		const char *value;
		double pt;
	} lengths[] = {
		{ "12pt", 12 },
		{ "12", 12 },
		{ "20mm", 20 * 72.0 / 25.4 },
		{ "1.5cm", 15 * 72.0 / 25.4 },
		{ "0.5in", 36 },
		{ "2.54cm", 72 },
		{ "0", 0 },
		{ "0.25pt", 0.25 },
		{ "007.50pt", 7.5 },
		{ "14400pt", 14400 },
		{ "200in", 14400 },
	};
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
		bool accepted;
		double pt = length_of(lengths[i].value, &accepted);
		ok(accepted && near_pt(pt, lengths[i].pt), "\"%s\" is %.4fpt (got %.4f)",
		   lengths[i].value, lengths[i].pt, pt);
	}
	bool a1, a2;
	ok(length_of("1.5cm", &a1) == length_of("15mm", &a2) && a1 && a2,
	   "1.5cm and 15mm are the same double");
	ok(length_of("0.2", &a1) == 0.2 && a1, "0.2 reads as the double nearest 0.2");

	struct style s;
	style_defaults(&s);
	char err[256];
	ok(style_set(&s, "h1", "colour", "#1B5E8C", err, sizeof err) &&
	   s.text[STYLE_H1].colour.r == 0x1b / 255.0 && s.text[STYLE_H1].colour.g == 0x5e / 255.0 &&
	   s.text[STYLE_H1].colour.b == 0x8c / 255.0,
	   "#1B5E8C (either case) is 27/255, 94/255, 140/255");
	ok(style_rgb_hex(s.text[STYLE_H1].colour) == 0x1b5e8c, "style_rgb_hex gives 0x1b5e8c back");
	bool exact = true;
	for (uint32_t v = 0; v < 256; v++) {
		char hex[8];
		snprintf(hex, sizeof hex, "#%02x%02x%02x", (unsigned)v, (unsigned)(255 - v),
			 (unsigned)(v ^ 0x5a));
		exact = exact && style_set(&s, "accent", "colour", hex, err, sizeof err) &&
			style_rgb_hex(s.accent) == (v << 16 | (255 - v) << 8 | (v ^ 0x5a));
	}
	ok(exact, "every 8-bit component survives #rrggbb -> struct rgb -> style_rgb_hex");
	ok(style_set(&s, "table", "header-fill", "none", err, sizeof err) && s.table.header_fill.none,
	   "a fill may be none");
	ok(style_set(&s, "table", "header-fill", "#000000", err, sizeof err) &&
	   !s.table.header_fill.none && s.table.header_fill.rgb.r == 0,
	   "a colour after none paints again");
	ok(style_set(&s, "paragraph", "justify", "yes", err, sizeof err) && s.paragraph.justify &&
	   style_set(&s, "paragraph", "justify", "no", err, sizeof err) && !s.paragraph.justify,
	   "yes and no");
	ok(style_set(&s, "h2", "font", "bold-italic", err, sizeof err) &&
	   s.text[STYLE_H2].face == FACE_BOLD_ITALIC &&
	   style_set(&s, "h2", "font", "italic", err, sizeof err) && s.text[STYLE_H2].face == FACE_ITALIC,
	   "font faces by name");
	ok(style_set(&s, "paragraph", "widows", "3", err, sizeof err) && s.paragraph.widow_lines == 3,
	   "a whole number");
	ok(style_set(&s, "list", "bullet", "\xe2\x80\x93", err, sizeof err) &&
	   strcmp(s.list.bullet, "\xe2\x80\x93") == 0,
	   "a bullet of one multi-byte character");
	ok(style_set(&s, "chart", "palette", " #111111  #222222\n#333333 ", err, sizeof err) &&
	   s.chart.palette_count == 3 && s.chart.palette[2].r == 0x33 / 255.0 &&
	   s.chart.palette[3].r == 0 && s.chart.palette[7].g == 0,
	   "a palette of 3 colours, spaces anywhere, the rest cleared");
	ok(style_set(&s, "style", "version", "1", err, sizeof err) &&
	   style_set(&s, "style", "name", "plain-2", err, sizeof err) && strcmp(s.name, "plain-2") == 0,
	   "the root's version and name");
	ok(style_set(&s, "fonts", "regular", "Other/Face.ttf", err, sizeof err) &&
	   strcmp(s.fonts.file[FACE_REGULAR], "Other/Face.ttf") == 0,
	   "a font file name");
}

static void test_errors(void)
{
	static const struct {
		const char *element, *attribute, *value, *message;
	} cases[] = {
		{ "body", "colour", "#1b5e8",
		  "<body colour=\"#1b5e8\">: expected a colour #rrggbb (6 hex digits, e.g. #1b5e8c)" },
		{ "body", "colour", "1b5e8c", "expected a colour #rrggbb" },
		{ "body", "colour", "#1b5e8g", "expected a colour #rrggbb" },
		{ "body", "colour", "none", "<body colour=\"none\">: this colour cannot be none" },
		{ "table", "header-fill", "blue", "e.g. #1b5e8c) or none" },
		{ "body", "size", "12px",
		  "<body size=\"12px\">: unknown unit \"px\"; use pt, mm, cm or in (a plain number is points)" },
		{ "body", "size", "1,5cm", "write a decimal point, not a comma" },
		{ "body", "size", "-3pt", "a length cannot be negative" },
		{ "body", "size", "0", "<body size=\"0\">: must be more than 0" },
		{ "body", "size", ".5in", "write a 0 before the decimal point (0.5, not .5)" },
		{ "body", "size", "5.pt", "a digit must follow the decimal point" },
		{ "body", "size", "12 pt", "unexpected \" pt\" after the number" },
		{ "body", "size", "", "expected a length such as 12pt, 20mm, 1.5cm or 0.5in" },
		{ "body", "size", "15000pt", "more than 14400pt (200in), the largest PDF page" },
		{ "body", "size", "201in", "more than 14400pt" },
		{ "body", "size", "1.1234567pt", "too many decimals (at most 6)" },
		{ "body", "size", "1234567890123456", "too many digits (at most 15)" },
		{ "page", "mirror-margins", "true", "<page mirror-margins=\"true\">: expected yes or no" },
		{ "h1", "font", "semibold", "expected regular, bold, italic or bold-italic" },
		{ "paragraph", "widows", "0", "expected a whole number from 1 to 9" },
		{ "paragraph", "orphans", "10", "expected a whole number from 1 to 9" },
		{ "paragraph", "orphans", "2.0", "expected a whole number from 1 to 9" },
		{ "list", "bullet", "ab", "expected one visible character" },
		{ "list", "bullet", " ", "expected one visible character" },
		{ "list", "bullet", "", "must not be empty" },
		{ "chart", "palette", "", "expected 1 to 12 colours #rrggbb separated by spaces" },
		{ "chart", "palette", "#1b5e8c #12 #ffffff", "colour 2 \"#12\" is not #rrggbb" },
		{ "chart", "palette",
		  "#000001 #000002 #000003 #000004 #000005 #000006 #000007 #000008 #000009 #00000a "
		  "#00000b #00000c #00000d",
		  "more than 12 colours" },
		{ "style", "version", "2", "<style version=\"2\">: this reportc reads style version 1" },
		{ "sections", "new-page", "yes", "expected none, appendices or all" },
		{ "sections", "appendix-label", "roman", "expected number or letter" },
		{ "words", "page", "Page {page}", "expected {page} and {pages} once each" },
		{ "words", "page", "{page} {pages} {page}", "expected {page} and {pages} once each" },
		{ "words", "page", "Page {page} of {pages} {x}", "expected {page} and {pages} once each" },
		{ "words", "contents", "", "must not be empty" },
		{ "style", "name", "Sefton", "lower-case letters, digits and hyphens" },
		{ "fonts", "regular", "", "<fonts regular=\"\">: must not be empty" },
		{ "h4", "size", "12pt", "unknown element <h4> in a style; did you mean <h1>?" },
		{ "Body", "size", "12pt", "did you mean <body>?" },
		{ "banana", "size", "12pt", "unknown element <banana> in a style; the elements are body, h1," },
		{ "banana", "size", "12pt", "kpi-label, chart-label, source, style, page, fonts, paragraph" },
		{ "h1", "colur", "#000000", "<h1> has no attribute \"colur\"; did you mean \"colour\"?" },
		{ "h1", "color", "#000000", "did you mean \"colour\"?" },
		{ "page", "margin-left", "20mm", "did you mean \"margin-inner\"?" },
		{ "page", "margin-right", "20mm", "did you mean \"margin-outer\"?" },
		{ "h1", "line-height", "20pt", "did you mean \"leading\"?" },
		{ "table", "zebra", "#ffffff",
		  "<table> has no attribute \"zebra\"; it takes font, size, leading, colour, "
		  "space-before, space-after, header-fill, zebra-fill, rule, rule-width, "
		  "header-rule-width, cell-padding-x, cell-padding-y" },
		{ "kpi", "size", "12pt", "<kpi> has no attribute \"size\"; it takes fill, border," },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct style before, s;
		style_defaults(&before);
		s = before;
		char err[1024];
		bool accepted = style_set(&s, cases[i].element, cases[i].attribute, cases[i].value, err,
					  sizeof err);
		ok(!accepted && strstr(err, cases[i].message) && same_style(&before, &s),
		   "<%s %s=\"%.20s\"> is refused, s unchanged: %s", cases[i].element,
		   cases[i].attribute, cases[i].value, accepted ? "(accepted)" : err);
	}

	/* A 300-byte font name does not fit the 256-byte field. */
	char long_name[301];
	memset(long_name, 'a', 300);
	long_name[300] = '\0';
	struct style s;
	style_defaults(&s);
	char err[512];
	ok(!style_set(&s, "fonts", "bold", long_name, err, sizeof err) &&
	   strstr(err, "longer than 255 bytes"),
	   "a font name over the field's size is refused, never cut");

	ok(!style_set(&s, "h1", "size", "12px", NULL, 0), "err may be NULL");
	char tiny[8];
	ok(!style_set(&s, "h1", "size", "12px", tiny, sizeof tiny) && strlen(tiny) == 7,
	   "a message is cut to the buffer and terminated (\"%s\")", tiny);
	ok(style_set(&s, "h1", "size", "12pt", err, sizeof err) && err[0] == '\0',
	   "success leaves err empty");
}

/* ---- cross checks ----------------------------------------------------- */

static void expect_check(const char *const settings[][3], size_t n, const char *message,
			 const char *what)
{
	struct style s;
	style_defaults(&s);
	char err[512] = "";
	bool set = true;
	for (size_t i = 0; i < n; i++)
		set = set && style_set(&s, settings[i][0], settings[i][1], settings[i][2], err,
				       sizeof err);
	bool checked = set && style_check(&s, err, sizeof err);
	ok(set && !checked && strstr(err, message), "%s: %s", what, err);
}

static void test_check(void)
{
	static const char *const wide_margins[][3] = {
		{ "page", "margin-inner", "300pt" }, { "page", "margin-outer", "250pt" } };
	expect_check(wide_margins, 2,
		     "the text area is 45.28pt wide (page width 595.28pt less margin-inner 300pt "
		     "and margin-outer 250pt); it must be at least 72pt",
		     "margins that leave too narrow a text area");
	static const char *const tall_margins[][3] = {
		{ "page", "margin-top", "15in" }, { "page", "margin-bottom", "100mm" } };
	expect_check(tall_margins, 2, "tall (page height 841.89pt less margin-top 1080pt",
		     "margins taller than the page");
	static const char *const list_indent[][3] = { { "list", "indent", "300pt" } };
	expect_check(list_indent, 1, "list indent 300pt is more than half the text area's width",
		     "a list indent wider than half the text (contents entries would not fit)");
	static const char *const quote_indent[][3] = { { "quote", "indent", "500pt" } };
	expect_check(quote_indent, 1, "quote indent 500pt is more than half",
		     "a quote indent wider than half the text");
	static const char *const huge_text[][3] = {
		{ "h1", "size", "601pt" }, { "h1", "leading", "610pt" } };
	expect_check(huge_text, 1 + 1, "h1 size 601pt is more than 600pt",
		     "a font size libharu would refuse while drawing");
	static const char *const header[][3] = { { "page", "header-baseline", "80mm" } };
	expect_check(header, 1, "page header-baseline 226.77pt must lie in the top margin",
		     "a header baseline below the top margin");
	static const char *const footer[][3] = { { "page", "footer-baseline", "24mm" } };
	expect_check(footer, 1, "page footer-baseline 68.03pt must lie in the bottom margin (70.87pt)",
		     "a footer with no room in the bottom margin");
	static const char *const leading[][3] = { { "h1", "leading", "20pt" } };
	expect_check(leading, 1, "h1 leading 20pt is less than its size 24pt: its lines would overlap",
		     "leading below size");
	static const char *const huge[][3] = { { "kpi-figure", "size", "600pt" },
					       { "kpi-figure", "leading", "800pt" } };
	expect_check(huge, 2,
		     "kpi-figure leading 800pt is more than the text area's height 700.16pt",
		     "a line taller than the text area");
	static const char *const faint[][3] = { { "contents", "colour", "#9fb3c2" } };
	expect_check(faint, 1,
		     "contents colour #9fb3c2 on the page has a contrast of 2.16:1; WCAG AA asks for "
		     "at least 4.5:1 for this text (3:1 only from 18pt, or 14pt bold)",
		     "low-contrast contents entries");
	static const char *const faint_large[][3] = { { "h3", "colour", "#9fb3c2" } };
	expect_check(faint_large, 1,
		     "h3 colour #9fb3c2 on the page has a contrast of 2.16:1; WCAG AA asks for at "
		     "least 3:1 for large text",
		     "low-contrast 14pt bold heading");
	static const char *const grey_body[][3] = { { "body", "colour", "#808080" } };
	expect_check(grey_body, 1, "body colour #808080 on the page has a contrast of 3.94:1",
		     "mid grey is too faint for 12pt text");
	static const char *const white_header[][3] = { { "table", "header-fill", "none" } };
	expect_check(white_header, 1, "table-header colour #ffffff on the page has a contrast of 1:1",
		     "white header text without a header fill");
	static const char *const link[][3] = { { "callout", "fill", "#0b5cad" } };
	expect_check(link, 1, "on the callout fill", "callout text on a fill as dark as itself");
	static const char *const grey_palette[][3] = { { "chart", "greyscale", "yes" } };
	expect_check(grey_palette, 1,
		     "chart palette colour 1 #1b5e8c is not a grey, but greyscale is yes",
		     "greyscale with a coloured palette");
	static const char *const repeat[][3] = { { "chart", "palette", "#000000 #ffffff #000000" } };
	expect_check(repeat, 1, "chart palette colour 3 #000000 repeats colour 1",
		     "a palette colour twice");
	static const char *const band[][3] = { { "cover", "band-height", "900pt" } };
	expect_check(band, 1, "cover band-height 900pt is more than the page's height 841.89pt",
		     "a cover band taller than the page");

	struct style s;
	style_defaults(&s);
	char err[512];
	ok(style_set(&s, "h1", "colour", "#808080", err, sizeof err) && style_check(&s, err, sizeof err),
	   "3.94:1 is enough for 24pt headings (WCAG large text)");
	ok(style_set(&s, "h3", "colour", "#808080", err, sizeof err) && style_check(&s, err, sizeof err),
	   "and for 14pt bold");
	ok(style_set(&s, "h3", "font", "regular", err, sizeof err) && !style_check(&s, err, sizeof err),
	   "but not for 14pt regular");

	struct rgb black = { 0, 0, 0 }, white = { 1, 1, 1 }, blue = { 0x1b / 255.0, 0x5e / 255.0,
								      0x8c / 255.0 };
	ok(fabs(style_contrast_ratio(black, white) - 21) < 1e-9 &&
	   fabs(style_contrast_ratio(white, black) - 21) < 1e-9 &&
	   style_contrast_ratio(blue, blue) == 1,
	   "contrast: 21 for black and white either way, 1 for a colour on itself");
	ok(fabs(style_contrast_ratio(blue, white) - 6.94) < 0.01, "#1b5e8c on white is 6.94:1 (%.3f)",
	   style_contrast_ratio(blue, white));
}

/* ---- locale ----------------------------------------------------------- */

static void test_locale(void)
{
	/* Values read in the C locale, then again where the decimal point is
	 * a comma: strtod and printf would change, style_set must not. */
	static const char *const values[] = { "1.5cm", "12.5pt", "0.5in", "2.54cm", "0.2" };
	enum { N = sizeof values / sizeof values[0] };
	double before[N];
	bool accepted;
	for (size_t i = 0; i < N; i++)
		before[i] = length_of(values[i], &accepted);

	static const char *const locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
					       "fr_FR.utf8", "nl_NL.UTF-8" };
	const char *used = NULL;
	for (size_t i = 0; !used && i < sizeof locales / sizeof locales[0]; i++)
		if (setlocale(LC_ALL, locales[i]))
			used = locales[i];
	if (!used || strcmp(localeconv()->decimal_point, ",") != 0) {
		skip("no decimal-comma locale installed", "lengths read the same under a decimal comma");
		skip("no decimal-comma locale installed", "messages print a decimal point");
		setlocale(LC_ALL, "C");
		return;
	}
	bool same = true;
	for (size_t i = 0; i < N; i++)
		same = same && length_of(values[i], &accepted) == before[i] && accepted;
	bool comma_accepted;
	length_of("1,5cm", &comma_accepted);
	ok(same && !comma_accepted, "under %s lengths read as in C, and 1,5cm is still refused", used);

	struct style s;
	style_defaults(&s);
	char err[512];
	bool set = style_set(&s, "h3", "colour", "#9fb3c2", err, sizeof err);
	ok(set && !style_check(&s, err, sizeof err) && strstr(err, "2.16:1"),
	   "under %s messages print 2.16:1 with a point: %s", used, err);
	setlocale(LC_ALL, "C");
}

/* ---- the shipped style files ------------------------------------------ */

/* Applies every attribute of styles/NAME.xml to the defaults; returns
 * whether all applied, and the result in out. */
static bool apply_file(const char *name, struct style *out, struct scanned *sc)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s.xml", styles_dir, name);
	char *text = read_file(path);
	if (!text) {
		ok(false, "%s can be read", path);
		return false;
	}
	bool scanned = scan(text, sc);
	free(text);
	ok(scanned && sc->n > 0, "%s is simple enough to scan%s%s", path, scanned ? "" : ": ",
	   sc->problem);
	if (!scanned)
		return false;

	style_defaults(out);
	size_t refused = 0;
	for (size_t i = 0; i < sc->n; i++) {
		struct attribute *a = &sc->items[i];
		char err[512];
		if (!style_set(out, a->element, a->name, a->value, err, sizeof err)) {
			printf("# %s.xml:%d: %s\n", name, a->line, err);
			refused++;
		}
	}
	ok(refused == 0, "every one of the %zu attributes of %s.xml applies (%zu refused)", sc->n,
	   name, refused);
	char err[512];
	bool checked = style_check(out, err, sizeof err);
	ok(checked, "%s.xml passes style_check%s%s", name, checked ? "" : ": ", checked ? "" : err);

	/* Complete files show every setting in one place; the check keeps
	 * them in step with the table. */
	const char *element, *attribute;
	size_t absent = 0;
	for (size_t i = 0; style_attribute_at(i, &element, &attribute); i++) {
		bool found = false;
		for (size_t j = 0; !found && j < sc->n; j++)
			found = strcmp(sc->items[j].element, element) == 0 &&
				strcmp(sc->items[j].name, attribute) == 0;
		if (!found) {
			printf("# %s.xml lacks <%s %s>\n", name, element, attribute);
			absent++;
		}
	}
	ok(absent == 0, "%s.xml sets every attribute there is (%zu missing)", name, absent);

	/* An element written twice: the second would silently win. */
	size_t twice = 0;
	for (size_t i = 1; i < sc->n; i++)
		for (size_t j = 0; j < i; j++)
			if (sc->items[j].line < sc->items[i].line &&
			    strcmp(sc->items[i].element, sc->items[j].element) == 0 &&
			    strcmp(sc->items[i].name, sc->items[j].name) == 0)
				twice++;
	ok(twice == 0, "%s.xml sets nothing twice", name);
	ok(strcmp(out->name, name) == 0, "%s.xml is named %s", name, name);
	return refused == 0;
}

static void print_contrasts(const struct style *s, const char *name)
{
	struct style_contrast c;
	size_t failing = 0;
	for (size_t i = 0; style_contrast_at(s, i, &c); i++) {
		printf("# %s: %s on %s %.2f:1 (needs %.1f)\n", name, c.text, c.background, c.ratio,
		       c.required);
		failing += c.ratio < c.required;
	}
	ok(failing == 0, "%s: every text meets WCAG AA contrast on its background", name);
}

static void test_sefton(void)
{
	struct style s, defaults;
	struct scanned sc;
	bool applied = apply_file("sefton", &s, &sc);
	style_defaults(&defaults);
	/* When the file and style_defaults() disagree, name the attribute. */
	const char *differs = NULL;
	for (size_t i = 0; applied && !differs && i < sc.n; i++) {
		struct style one = defaults;
		char err[512];
		if (style_set(&one, sc.items[i].element, sc.items[i].name, sc.items[i].value, err,
			      sizeof err) &&
		    !same_style(&one, &defaults))
			differs = sc.items[i].element;
	}
	ok(applied && same_style(&s, &defaults) && !differs,
	   "styles/sefton.xml is exactly style_defaults()%s%s", differs ? ": differs at <" : "",
	   differs ? differs : "");
	print_contrasts(&s, "sefton");

	size_t distinct = 0;
	for (size_t i = 0; i < s.chart.palette_count; i++) {
		bool repeated = false;
		for (size_t j = 0; j < i; j++)
			repeated = repeated || (s.chart.palette[i].r == s.chart.palette[j].r &&
						s.chart.palette[i].g == s.chart.palette[j].g &&
						s.chart.palette[i].b == s.chart.palette[j].b);
		distinct += !repeated;
	}
	ok(distinct == 8, "sefton: 8 distinct chart colours");
	free(sc.items);
}

static void test_plain(void)
{
	struct style s;
	struct scanned sc;
	if (!apply_file("plain", &s, &sc)) {
		free(sc.items);
		return;
	}
	ok(s.chart.greyscale, "plain: greyscale charts");

	/* Every colour in the file, not only the palette, is a grey. */
	size_t coloured = 0;
	for (size_t i = 0; i < sc.n; i++) {
		for (const char *v = sc.items[i].value; (v = strchr(v, '#')); v++) {
			if (strlen(v) >= 7 && !(strncmp(v + 1, v + 3, 2) == 0 && strncmp(v + 1, v + 5, 2) == 0)) {
				printf("# plain.xml:%d: %.7s is not a grey\n", sc.items[i].line, v);
				coloured++;
			}
		}
	}
	ok(coloured == 0, "plain: every colour is a grey");

	const struct style_text *body = &s.text[STYLE_BODY];
	ok(body->colour.r == 0 && is_grey(body->colour), "plain: body text is black");
	ok(s.table.zebra_fill.none && s.table.header_fill.none && !s.table.rule.none,
	   "plain: tables use rules, not fills");
	ok(!s.scrutiny.border.none && s.scrutiny.border_width_pt > s.callout.border_width_pt,
	   "plain: the scrutineer's box has the heavier frame");

	/* Greys far enough apart to tell from each other on paper. */
	double closest = 21;
	for (size_t i = 0; i < s.chart.palette_count; i++)
		for (size_t j = 0; j < i; j++) {
			double r = style_contrast_ratio(s.chart.palette[i], s.chart.palette[j]);
			if (r < closest)
				closest = r;
		}
	ok(s.chart.palette_count >= 5 && closest >= 1.4,
	   "plain: %zu greys, any two at least 1.4:1 apart (closest %.2f)", s.chart.palette_count,
	   closest);
	ok(!s.chart.outline.none && s.chart.outline.rgb.r == 0,
	   "plain: bars and slices are outlined in black");
	print_contrasts(&s, "plain");
	free(sc.items);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		styles_dir = argv[1];
	test_defaults();
	test_units();
	test_errors();
	test_check();
	test_sefton();
	test_plain();
	test_locale();
	return tap_done();
}
