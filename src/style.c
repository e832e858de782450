/* style.c - the built-in look, the table-driven setter behind style files,
 * and the checks that span several settings. */
#include "style.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "text.h"
#include "vocab.h"

/* ==== units and colours ================================================ */

/* The largest length a style may hold: 200in, the largest PDF page. */
#define MAX_LENGTH_PT 14400.0
/* libharu's HPDF_MAX_FONTSIZE. */
#define MAX_FONT_SIZE_PT 600.0

/* Defaults and parsed values go through the same conversions, so that a
 * style file that repeats a default compares equal to it bit for bit. */
static double pt_from_mm(double mm)
{
	return mm * 72.0 / 25.4;
}

static struct rgb rgb_hex(uint32_t hex)
{
	return (struct rgb){ (double)((hex >> 16) & 0xff) / 255.0,
			     (double)((hex >> 8) & 0xff) / 255.0,
			     (double)(hex & 0xff) / 255.0 };
}

static uint32_t byte_of(double c)
{
	return c <= 0 ? 0 : c >= 1 ? 255 : (uint32_t)lround(c * 255);
}

uint32_t style_rgb_hex(struct rgb c)
{
	return byte_of(c.r) << 16 | byte_of(c.g) << 8 | byte_of(c.b);
}

/* Member by member, so that padding bytes stay as style_defaults() left
 * them (zero) and memcmp of two styles means what it says. */
static void set_fill(struct style_fill *f, uint32_t hex)
{
	f->rgb = rgb_hex(hex);
	f->none = false;
}

static void set_none(struct style_fill *f)
{
	f->rgb = rgb_hex(0);
	f->none = true;
}

static void set_text(struct style_text *t, enum font_face face, double size_pt,
		     double leading_pt, uint32_t colour, double space_before_pt,
		     double space_after_pt)
{
	t->face = face;
	t->size_pt = size_pt;
	t->leading_pt = leading_pt;
	t->colour = rgb_hex(colour);
	t->space_before_pt = space_before_pt;
	t->space_after_pt = space_after_pt;
}

static void set_box(struct style_box *b, uint32_t fill, uint32_t border,
		    double border_width_pt, double padding_pt)
{
	set_fill(&b->fill, fill);
	set_fill(&b->border, border);
	b->border_width_pt = border_width_pt;
	b->padding_pt = padding_pt;
}

/* Copies a string that is known to fit, clearing the rest of the array. */
static void set_string(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);
	memset(dst, 0, size);
	memcpy(dst, src, len < size ? len : size - 1);
}

/* ==== the built-in look ================================================ */

void style_defaults(struct style *s)
{
	memset(s, 0, sizeof *s);
	set_string(s->name, sizeof s->name, VOCAB_DEFAULT_STYLE);

	/* A4, 25mm all round: 453.5pt of text width keeps lines near 75
	 * characters of 12pt Open Sans. */
	s->page.width_pt = 595.28;
	s->page.height_pt = 841.89;
	s->page.margin_top_pt = pt_from_mm(25);
	s->page.margin_bottom_pt = pt_from_mm(25);
	s->page.margin_inner_pt = pt_from_mm(25);
	s->page.margin_outer_pt = pt_from_mm(25);
	s->page.mirror_margins = false;
	s->page.header_baseline_pt = pt_from_mm(14);
	s->page.footer_baseline_pt = pt_from_mm(12);

	set_string(s->fonts.dir, sizeof s->fonts.dir, "fonts");
	set_string(s->fonts.file[FACE_REGULAR], STYLE_PATH_MAX, "OpenSans-Regular.ttf");
	set_string(s->fonts.file[FACE_BOLD], STYLE_PATH_MAX, "OpenSans-Bold.ttf");
	set_string(s->fonts.file[FACE_ITALIC], STYLE_PATH_MAX, "OpenSans-Italic.ttf");
	set_string(s->fonts.file[FACE_BOLD_ITALIC], STYLE_PATH_MAX, "OpenSans-BoldItalic.ttf");

	/* Body text 12pt (UK government guidance for documents); secondary
	 * text smaller so that the body stands out: about 10pt for the
	 * running header and footer, footnotes, captions and sources, 11pt
	 * for tables, 9pt for chart labels. No italic blocks; headings deep
	 * blue, h3 and callout titles teal green.
	 *                                    face   size lead colour before after */
	struct style_text *t = s->text;
	set_text(&t[STYLE_BODY], FACE_REGULAR, 12, 17, 0x1f1f1f, 0, 10);
	set_text(&t[STYLE_H1], FACE_BOLD, 24, 30, 0x1b5e8c, 24, 12);
	set_text(&t[STYLE_H2], FACE_BOLD, 18, 23, 0x1b5e8c, 18, 8);
	set_text(&t[STYLE_H3], FACE_BOLD, 14, 19, 0x1e6b52, 14, 6);
	set_text(&t[STYLE_COVER_TITLE], FACE_BOLD, 36, 44, 0xffffff, 0, 12);
	set_text(&t[STYLE_COVER_SUBTITLE], FACE_REGULAR, 20, 26, 0xd7f0e4, 0, 8);
	set_text(&t[STYLE_CONTENTS], FACE_BOLD, 12, 17, 0x1f1f1f, 6, 0);
	set_text(&t[STYLE_CONTENTS_SUB], FACE_REGULAR, 12, 17, 0x1f1f1f, 0, 0);
	set_text(&t[STYLE_CAPTION], FACE_BOLD, 10, 13, 0x1f1f1f, 12, 5);
	set_text(&t[STYLE_TABLE], FACE_REGULAR, 11, 14, 0x1f1f1f, 0, 0);
	set_text(&t[STYLE_TABLE_HEADER], FACE_BOLD, 11, 14, 0xffffff, 0, 0);
	set_text(&t[STYLE_FOOTNOTE], FACE_REGULAR, 10, 13, 0x4d4d4d, 0, 3);
	set_text(&t[STYLE_HEADER], FACE_REGULAR, 10, 12, 0x4d4d4d, 0, 0);
	set_text(&t[STYLE_FOOTER], FACE_REGULAR, 10, 12, 0x4d4d4d, 0, 0);
	set_text(&t[STYLE_CALLOUT], FACE_REGULAR, 12, 17, 0x1f1f1f, 0, 8);
	set_text(&t[STYLE_CALLOUT_TITLE], FACE_BOLD, 14, 19, 0x1e6b52, 0, 6);
	set_text(&t[STYLE_SCRUTINY], FACE_REGULAR, 12, 17, 0x1f1f1f, 0, 8);
	set_text(&t[STYLE_SCRUTINY_TITLE], FACE_BOLD, 14, 19, 0x1b5e8c, 0, 6);
	set_text(&t[STYLE_QUOTE], FACE_REGULAR, 14, 20, 0x1b5e8c, 12, 12);
	set_text(&t[STYLE_KPI_FIGURE], FACE_BOLD, 28, 34, 0x1b5e8c, 0, 2);
	set_text(&t[STYLE_KPI_LABEL], FACE_REGULAR, 12, 16, 0x1f1f1f, 0, 0);
	set_text(&t[STYLE_CHART_LABEL], FACE_REGULAR, 9, 11, 0x1f1f1f, 0, 0);
	set_text(&t[STYLE_SOURCE], FACE_REGULAR, 10, 13, 0x4d4d4d, 4, 0);

	s->paragraph.justify = false;
	s->paragraph.orphan_lines = 2;
	s->paragraph.widow_lines = 2;

	s->list.indent_pt = 18;
	set_string(s->list.bullet, sizeof s->list.bullet, "\xe2\x80\xa2"); /* U+2022 */
	s->list.item_space_pt = 4;

	s->link.colour = rgb_hex(0x0b5cad);
	s->link.underline = true;
	s->accent = rgb_hex(0x009e73);
	set_fill(&s->rule.colour, 0x9fb3c2);
	s->rule.width_pt = 0.5;

	set_fill(&s->cover.band, 0x1b5e8c);
	s->cover.band_height_pt = pt_from_mm(100);

	set_fill(&s->table.header_fill, 0x1b5e8c);
	set_fill(&s->table.zebra_fill, 0xedf3f7);
	set_fill(&s->table.rule, 0xc5d3de);
	s->table.rule_width_pt = 0.5;
	s->table.header_rule_width_pt = 1.5;
	s->table.cell_padding_x_pt = 6;
	s->table.cell_padding_y_pt = 4;

	/* Callouts are tinted; the scrutineer's comment, an independent voice,
	 * is framed so that it never reads as the partners' own text. */
	set_box(&s->callout, 0xe6f2ec, 0, 0, 10);
	set_none(&s->callout.border);
	set_box(&s->scrutiny, 0xf7f5ef, 0x1b5e8c, 1.5, 12);
	set_box(&s->kpi, 0xe8f1f7, 0, 0, 10);
	set_none(&s->kpi.border);

	set_fill(&s->quote.bar, 0x009e73);
	s->quote.bar_width_pt = 3;
	s->quote.indent_pt = 18;

	/* Okabe and Ito's colour-blind-safe set with the partnership's blue
	 * first and dark grey for black; yellow, the faintest on white, late. */
	static const uint32_t palette[] = {
		0x1b5e8c, 0xe69f00, 0x56b4e9, 0x009e73,
		0xcc79a7, 0xd55e00, 0xf0e442, 0x4d4d4d,
	};
	for (size_t i = 0; i < sizeof palette / sizeof palette[0]; i++)
		s->chart.palette[i] = rgb_hex(palette[i]);
	s->chart.palette_count = sizeof palette / sizeof palette[0];
	s->chart.greyscale = false;
	set_fill(&s->chart.axis, 0x4d4d4d);
	s->chart.axis_width_pt = 0.75;
	set_fill(&s->chart.grid, 0xd9d9d9);
	s->chart.grid_width_pt = 0.5;
	set_fill(&s->chart.outline, 0xffffff);
	s->chart.outline_width_pt = 1;
	s->chart.line_width_pt = 2;

	s->draft.watermark = rgb_hex(0xd9d9d9);
	set_fill(&s->draft.note_fill, 0xfff4ce);
	set_fill(&s->draft.note_border, 0xd55e00);

	/* Appendices on a new page, sections flowing on; no section numbers;
	 * "Appendix 1". */
	s->sections.new_page = STYLE_NEW_PAGE_APPENDICES;
	s->sections.numbering = STYLE_NUMBERING_NONE;
	s->sections.appendix_label = STYLE_LABEL_NUMBER;

	struct style_words *w = &s->words;
	set_string(w->contents, sizeof w->contents, "Contents");
	set_string(w->page, sizeof w->page, "Page {page} of {pages}");
	set_string(w->appendix, sizeof w->appendix, "Appendix");
	set_string(w->comment, sizeof w->comment, "Independent Scrutineer comment");
	set_string(w->perspective, sizeof w->perspective, "Independent Scrutineer perspective");
	set_string(w->strengths, sizeof w->strengths, "Strengths");
	set_string(w->development, sizeof w->development, "Areas for development");
	set_string(w->continued, sizeof w->continued, "(continued)");
	set_string(w->table, sizeof w->table, "Table");
}

/* ==== the table of settings ============================================ */

enum kind {
	VAL_LENGTH,   /* a length >= 0 */
	VAL_SIZE,     /* a length > 0 */
	VAL_COLOUR,   /* struct rgb */
	VAL_FILL,     /* struct style_fill: a colour or none */
	VAL_YES_NO,   /* bool */
	VAL_FACE,     /* enum font_face */
	VAL_WHOLE,    /* int from min to max */
	VAL_NAME,     /* the style's name */
	VAL_PATH,     /* a font folder or file name */
	VAL_BULLET,   /* one character */
	VAL_PALETTE,  /* struct style_chart's palette and palette_count */
	VAL_VERSION,  /* "1", stored nowhere */
	VAL_CHOICE,   /* int: the index of a keyword of choices[min] */
	VAL_WORDS,    /* a fixed word or phrase; "page" holds {page} and {pages} */
};

/* The keywords of each VAL_CHOICE setting, in the order of their enum. */
enum { CHOICE_NEW_PAGE, CHOICE_NUMBERING, CHOICE_LABEL };
static const char *const choices[][4] = {
	[CHOICE_NEW_PAGE] = { "none", "appendices", "all", NULL },
	[CHOICE_NUMBERING] = { "none", "decimal", NULL },
	[CHOICE_LABEL] = { "number", "letter", NULL },
};

struct setting {
	const char *element;
	const char *attribute;
	enum kind kind;
	size_t offset;   /* of the field in struct style */
	size_t size;     /* of the field, for strings */
	int min, max;    /* VAL_WHOLE; min names the keywords of a VAL_CHOICE */
};

/* The attributes every role has, offsets within struct style_text. */
static const struct {
	const char *attribute;
	enum kind kind;
	size_t offset;
} text_settings[] = {
	{ "font", VAL_FACE, offsetof(struct style_text, face) },
	{ "size", VAL_SIZE, offsetof(struct style_text, size_pt) },
	{ "leading", VAL_SIZE, offsetof(struct style_text, leading_pt) },
	{ "colour", VAL_COLOUR, offsetof(struct style_text, colour) },
	{ "space-before", VAL_LENGTH, offsetof(struct style_text, space_before_pt) },
	{ "space-after", VAL_LENGTH, offsetof(struct style_text, space_after_pt) },
};
enum { TEXT_SETTINGS = sizeof text_settings / sizeof text_settings[0] };

static const char *const role_names[STYLE_ROLE_COUNT] = {
	[STYLE_BODY] = "body",
	[STYLE_H1] = "h1",
	[STYLE_H2] = "h2",
	[STYLE_H3] = "h3",
	[STYLE_COVER_TITLE] = "cover-title",
	[STYLE_COVER_SUBTITLE] = "cover-subtitle",
	[STYLE_CONTENTS] = "contents",
	[STYLE_CONTENTS_SUB] = "contents-sub",
	[STYLE_CAPTION] = "caption",
	[STYLE_TABLE] = "table",
	[STYLE_TABLE_HEADER] = "table-header",
	[STYLE_FOOTNOTE] = "footnote",
	[STYLE_HEADER] = "header",
	[STYLE_FOOTER] = "footer",
	[STYLE_CALLOUT] = "callout",
	[STYLE_CALLOUT_TITLE] = "callout-title",
	[STYLE_SCRUTINY] = "scrutiny",
	[STYLE_SCRUTINY_TITLE] = "scrutiny-title",
	[STYLE_QUOTE] = "quote",
	[STYLE_KPI_FIGURE] = "kpi-figure",
	[STYLE_KPI_LABEL] = "kpi-label",
	[STYLE_CHART_LABEL] = "chart-label",
	[STYLE_SOURCE] = "source",
};

#define FIELD(member) offsetof(struct style, member), sizeof(((struct style *)0)->member)
#define BOX(name, member) \
	{ name, "fill", VAL_FILL, FIELD(member.fill), 0, 0 }, \
	{ name, "border", VAL_FILL, FIELD(member.border), 0, 0 }, \
	{ name, "border-width", VAL_LENGTH, FIELD(member.border_width_pt), 0, 0 }, \
	{ name, "padding", VAL_LENGTH, FIELD(member.padding_pt), 0, 0 }

/* Everything that is not a role's text, in the order of the style files. */
static const struct setting group_settings[] = {
	{ "style", "version", VAL_VERSION, 0, 0, 0, 0 },
	{ "style", "name", VAL_NAME, FIELD(name), 0, 0 },

	{ "page", "width", VAL_SIZE, FIELD(page.width_pt), 0, 0 },
	{ "page", "height", VAL_SIZE, FIELD(page.height_pt), 0, 0 },
	{ "page", "margin-top", VAL_LENGTH, FIELD(page.margin_top_pt), 0, 0 },
	{ "page", "margin-bottom", VAL_LENGTH, FIELD(page.margin_bottom_pt), 0, 0 },
	{ "page", "margin-inner", VAL_LENGTH, FIELD(page.margin_inner_pt), 0, 0 },
	{ "page", "margin-outer", VAL_LENGTH, FIELD(page.margin_outer_pt), 0, 0 },
	{ "page", "mirror-margins", VAL_YES_NO, FIELD(page.mirror_margins), 0, 0 },
	{ "page", "header-baseline", VAL_LENGTH, FIELD(page.header_baseline_pt), 0, 0 },
	{ "page", "footer-baseline", VAL_LENGTH, FIELD(page.footer_baseline_pt), 0, 0 },

	{ "fonts", "dir", VAL_PATH, FIELD(fonts.dir), 0, 0 },
	{ "fonts", "regular", VAL_PATH, FIELD(fonts.file[FACE_REGULAR]), 0, 0 },
	{ "fonts", "bold", VAL_PATH, FIELD(fonts.file[FACE_BOLD]), 0, 0 },
	{ "fonts", "italic", VAL_PATH, FIELD(fonts.file[FACE_ITALIC]), 0, 0 },
	{ "fonts", "bold-italic", VAL_PATH, FIELD(fonts.file[FACE_BOLD_ITALIC]), 0, 0 },

	{ "paragraph", "justify", VAL_YES_NO, FIELD(paragraph.justify), 0, 0 },
	{ "paragraph", "orphans", VAL_WHOLE, FIELD(paragraph.orphan_lines), 1, 9 },
	{ "paragraph", "widows", VAL_WHOLE, FIELD(paragraph.widow_lines), 1, 9 },

	{ "list", "indent", VAL_LENGTH, FIELD(list.indent_pt), 0, 0 },
	{ "list", "bullet", VAL_BULLET, FIELD(list.bullet), 0, 0 },
	{ "list", "item-space", VAL_LENGTH, FIELD(list.item_space_pt), 0, 0 },

	{ "link", "colour", VAL_COLOUR, FIELD(link.colour), 0, 0 },
	{ "link", "underline", VAL_YES_NO, FIELD(link.underline), 0, 0 },

	{ "accent", "colour", VAL_COLOUR, FIELD(accent), 0, 0 },

	{ "rule", "colour", VAL_FILL, FIELD(rule.colour), 0, 0 },
	{ "rule", "width", VAL_LENGTH, FIELD(rule.width_pt), 0, 0 },

	{ "cover", "band", VAL_FILL, FIELD(cover.band), 0, 0 },
	{ "cover", "band-height", VAL_LENGTH, FIELD(cover.band_height_pt), 0, 0 },

	{ "table", "header-fill", VAL_FILL, FIELD(table.header_fill), 0, 0 },
	{ "table", "zebra-fill", VAL_FILL, FIELD(table.zebra_fill), 0, 0 },
	{ "table", "rule", VAL_FILL, FIELD(table.rule), 0, 0 },
	{ "table", "rule-width", VAL_LENGTH, FIELD(table.rule_width_pt), 0, 0 },
	{ "table", "header-rule-width", VAL_LENGTH, FIELD(table.header_rule_width_pt), 0, 0 },
	{ "table", "cell-padding-x", VAL_LENGTH, FIELD(table.cell_padding_x_pt), 0, 0 },
	{ "table", "cell-padding-y", VAL_LENGTH, FIELD(table.cell_padding_y_pt), 0, 0 },

	BOX("callout", callout),
	BOX("scrutiny", scrutiny),
	BOX("kpi", kpi),

	{ "quote", "bar", VAL_FILL, FIELD(quote.bar), 0, 0 },
	{ "quote", "bar-width", VAL_LENGTH, FIELD(quote.bar_width_pt), 0, 0 },
	{ "quote", "indent", VAL_LENGTH, FIELD(quote.indent_pt), 0, 0 },

	{ "chart", "palette", VAL_PALETTE, FIELD(chart), 0, 0 },
	{ "chart", "greyscale", VAL_YES_NO, FIELD(chart.greyscale), 0, 0 },
	{ "chart", "axis", VAL_FILL, FIELD(chart.axis), 0, 0 },
	{ "chart", "axis-width", VAL_LENGTH, FIELD(chart.axis_width_pt), 0, 0 },
	{ "chart", "grid", VAL_FILL, FIELD(chart.grid), 0, 0 },
	{ "chart", "grid-width", VAL_LENGTH, FIELD(chart.grid_width_pt), 0, 0 },
	{ "chart", "outline", VAL_FILL, FIELD(chart.outline), 0, 0 },
	{ "chart", "outline-width", VAL_LENGTH, FIELD(chart.outline_width_pt), 0, 0 },
	{ "chart", "line-width", VAL_SIZE, FIELD(chart.line_width_pt), 0, 0 },
	{ "chart", "summary-subtitle", VAL_YES_NO, FIELD(chart.summary_subtitle), 0, 0 },
	{ "chart", "table-annex", VAL_YES_NO, FIELD(chart.table_annex), 0, 0 },

	{ "draft", "watermark", VAL_COLOUR, FIELD(draft.watermark), 0, 0 },
	{ "draft", "note-fill", VAL_FILL, FIELD(draft.note_fill), 0, 0 },
	{ "draft", "note-border", VAL_FILL, FIELD(draft.note_border), 0, 0 },

	{ "sections", "new-page", VAL_CHOICE, FIELD(sections.new_page), CHOICE_NEW_PAGE, 0 },
	{ "sections", "numbering", VAL_CHOICE, FIELD(sections.numbering), CHOICE_NUMBERING, 0 },
	{ "sections", "appendix-label", VAL_CHOICE, FIELD(sections.appendix_label), CHOICE_LABEL, 0 },

	{ "words", "contents", VAL_WORDS, FIELD(words.contents), 0, 0 },
	{ "words", "page", VAL_WORDS, FIELD(words.page), 0, 0 },
	{ "words", "appendix", VAL_WORDS, FIELD(words.appendix), 0, 0 },
	{ "words", "comment", VAL_WORDS, FIELD(words.comment), 0, 0 },
	{ "words", "perspective", VAL_WORDS, FIELD(words.perspective), 0, 0 },
	{ "words", "strengths", VAL_WORDS, FIELD(words.strengths), 0, 0 },
	{ "words", "development", VAL_WORDS, FIELD(words.development), 0, 0 },
	{ "words", "continued", VAL_WORDS, FIELD(words.continued), 0, 0 },
	{ "words", "table", VAL_WORDS, FIELD(words.table), 0, 0 },
};
enum { GROUP_SETTINGS = sizeof group_settings / sizeof group_settings[0] };

const char *style_role_name(enum style_role role)
{
	return (unsigned)role < STYLE_ROLE_COUNT ? role_names[role] : "?";
}

static int role_of(const char *element)
{
	for (int r = 0; r < STYLE_ROLE_COUNT; r++)
		if (strcmp(role_names[r], element) == 0)
			return r;
	return -1;
}

/* The i-th setting: the roles' text attributes first, role by role, then
 * the groups. A role's setting is made up with the role's offset. */
static bool setting_at(size_t i, struct setting *out)
{
	if (i < (size_t)STYLE_ROLE_COUNT * TEXT_SETTINGS) {
		size_t role = i / TEXT_SETTINGS, k = i % TEXT_SETTINGS;
		*out = (struct setting){
			.element = role_names[role],
			.attribute = text_settings[k].attribute,
			.kind = text_settings[k].kind,
			.offset = offsetof(struct style, text) + role * sizeof(struct style_text) +
				  text_settings[k].offset,
		};
		return true;
	}
	i -= (size_t)STYLE_ROLE_COUNT * TEXT_SETTINGS;
	if (i >= GROUP_SETTINGS)
		return false;
	*out = group_settings[i];
	return true;
}

bool style_attribute_at(size_t i, const char **element, const char **attribute)
{
	struct setting set;
	if (!setting_at(i, &set))
		return false;
	*element = set.element;
	*attribute = set.attribute;
	return true;
}

enum lookup { FOUND, NO_ATTRIBUTE, NO_ELEMENT };

static enum lookup find(const char *element, const char *attribute, struct setting *out)
{
	bool element_known = false;
	struct setting set;
	for (size_t i = 0; setting_at(i, &set); i++) {
		if (strcmp(set.element, element) != 0)
			continue;
		element_known = true;
		if (strcmp(set.attribute, attribute) == 0) {
			*out = set;
			return FOUND;
		}
	}
	return element_known ? NO_ATTRIBUTE : NO_ELEMENT;
}

/* ==== messages ========================================================= */

/* A message built piece by piece into a caller's buffer, truncated safely;
 * buf may be NULL. */
struct msg {
	char *buf;
	size_t size, len;
};

static void put(struct msg *m, const char *fmt, ...) RC_PRINTF(2, 3);

static void put(struct msg *m, const char *fmt, ...)
{
	if (!m->buf || m->size == 0 || m->len >= m->size - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(m->buf + m->len, m->size - m->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		m->len += (size_t)n < m->size - m->len ? (size_t)n : m->size - m->len - 1;
}

static struct msg msg_start(char *buf, size_t size)
{
	if (buf && size)
		buf[0] = '\0';
	return (struct msg){ buf, size, 0 };
}

/* A number with at most two decimals, without printf's %f, whose decimal
 * point follows the locale. */
static void put_number(struct msg *m, double x)
{
	long long hundredths = llround(fabs(x) * 100);
	put(m, "%s%lld", x < 0 && hundredths ? "-" : "", hundredths / 100);
	if (hundredths % 100 % 10)
		put(m, ".%02lld", hundredths % 100);
	else if (hundredths % 100)
		put(m, ".%lld", hundredths % 100 / 10);
}

static void put_pt(struct msg *m, double pt)
{
	put_number(m, pt);
	put(m, "pt");
}

static void put_rgb(struct msg *m, struct rgb c)
{
	put(m, "#%06lx", (unsigned long)style_rgb_hex(c));
}

/* Whether candidate is close enough to name to be what was meant and
 * closer than *best, which it then updates. */
static bool closer(const char *name, const char *candidate, size_t *best)
{
	size_t d = text_edit_distance(name, candidate);
	if (d <= 2 && d * 2 <= strlen(candidate) && d < *best) {
		*best = d;
		return true;
	}
	return false;
}

static void unknown_element(struct msg *m, const char *element)
{
	size_t best = SIZE_MAX;
	const char *suggestion = NULL;
	struct setting set;
	for (size_t i = 0; setting_at(i, &set); i++)
		if (closer(element, set.element, &best))
			suggestion = set.element;
	put(m, "unknown element <%s> in a style", element);
	if (suggestion) {
		put(m, "; did you mean <%s>?", suggestion);
		return;
	}
	put(m, "; the elements are");
	for (size_t i = 0; setting_at(i, &set); i++) {
		/* Settings of one element are listed together, but a role that
		 * is also a group comes twice: print each name once. */
		bool seen = false;
		struct setting earlier;
		for (size_t j = 0; !seen && j < i && setting_at(j, &earlier); j++)
			seen = strcmp(earlier.element, set.element) == 0;
		if (!seen)
			put(m, "%s %s", i ? "," : "", set.element);
	}
}

/* Names from CSS and word processors that spelling cannot lead back to. */
static const char *const synonyms[][2] = {
	{ "margin-left", "margin-inner" },
	{ "margin-right", "margin-outer" },
	{ "font-size", "size" },
	{ "line-height", "leading" },
	{ "background", "fill" },
};

static void unknown_attribute(struct msg *m, const char *element, const char *attribute)
{
	const char *suggestion = NULL;
	struct setting set;
	for (size_t k = 0; k < sizeof synonyms / sizeof synonyms[0]; k++)
		if (strcmp(attribute, synonyms[k][0]) == 0 &&
		    find(element, synonyms[k][1], &set) == FOUND)
			suggestion = synonyms[k][1];
	size_t best = suggestion ? 0 : SIZE_MAX;
	for (size_t i = 0; best && setting_at(i, &set); i++)
		if (strcmp(set.element, element) == 0 && closer(attribute, set.attribute, &best))
			suggestion = set.attribute;
	put(m, "<%s> has no attribute \"%s\"", element, attribute);
	if (suggestion) {
		put(m, "; did you mean \"%s\"?", suggestion);
		return;
	}
	put(m, "; it takes");
	bool first = true;
	for (size_t i = 0; setting_at(i, &set); i++) {
		if (strcmp(set.element, element) != 0)
			continue;
		put(m, "%s %s", first ? "" : ",", set.attribute);
		first = false;
	}
}

/* ==== reading values =================================================== */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads DIGITS[.DIGITS] at *p, advancing it. Not strtod: its decimal point
 * follows the locale. At most 15 significant digits keep the mantissa
 * exact, so the one division by a power of ten rounds correctly and "0.2"
 * gives the same double as the literal 0.2. */
static bool read_decimal(const char **p, double *out, struct msg *why)
{
	static const double powers[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	const char *s = *p;
	uint64_t mantissa = 0;
	int significant = 0, decimals = 0;
	if (!is_digit(*s)) {
		put(why, *s == '.' ? "write a 0 before the decimal point (0.5, not .5)"
				   : "expected a number");
		return false;
	}
	for (; is_digit(*s); s++) {
		if (mantissa || *s != '0')
			significant++;
		mantissa = mantissa * 10 + (uint64_t)(*s - '0');
		if (significant > 15)
			break;
	}
	if (*s == '.') {
		s++;
		if (!is_digit(*s)) {
			put(why, "a digit must follow the decimal point");
			return false;
		}
		for (; is_digit(*s); s++) {
			decimals++;
			if (mantissa || *s != '0')
				significant++;
			mantissa = mantissa * 10 + (uint64_t)(*s - '0');
			if (significant > 15 || decimals > 6)
				break;
		}
	}
	if (significant > 15) {
		put(why, "too many digits (at most 15)");
		return false;
	}
	if (decimals > 6) {
		put(why, "too many decimals (at most 6)");
		return false;
	}
	*out = (double)mantissa / powers[decimals];
	*p = s;
	return true;
}

static bool parse_length(const char *v, double *pt, struct msg *why)
{
	if (*v == '-') {
		put(why, "a length cannot be negative");
		return false;
	}
	if (!is_digit(*v) && *v != '.') {
		put(why, "expected a length such as 12pt, 20mm, 1.5cm or 0.5in");
		return false;
	}
	const char *p = v;
	double x;
	if (!read_decimal(&p, &x, why))
		return false;
	if (*p == ',' && is_digit(p[1])) {
		put(why, "write a decimal point, not a comma");
		return false;
	}
	if (*p == '\0' || strcmp(p, "pt") == 0) {
		*pt = x;
	} else if (strcmp(p, "mm") == 0) {
		*pt = pt_from_mm(x);
	} else if (strcmp(p, "cm") == 0) {
		*pt = pt_from_mm(x * 10.0);
	} else if (strcmp(p, "in") == 0) {
		*pt = x * 72.0;
	} else {
		bool letters = true;
		for (const char *c = p; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')))
				letters = false;
		if (letters)
			put(why, "unknown unit \"%s\"; use pt, mm, cm or in "
				 "(a plain number is points)", p);
		else
			put(why, "unexpected \"%s\" after the number", p);
		return false;
	}
	if (*pt > MAX_LENGTH_PT) {
		put(why, "more than 14400pt (200in), the largest PDF page");
		return false;
	}
	return true;
}

static bool parse_colour(const char *v, struct rgb *out, struct msg *why)
{
	uint32_t hex = 0;
	bool ok = v[0] == '#' && strlen(v) == 7;
	for (int i = 1; ok && i < 7; i++) {
		int d = hex_digit(v[i]);
		ok = d >= 0;
		hex = hex << 4 | (uint32_t)(d >= 0 ? d : 0);
	}
	if (!ok) {
		put(why, "expected a colour #rrggbb (6 hex digits, e.g. #1b5e8c)");
		return false;
	}
	*out = rgb_hex(hex);
	return true;
}

/* The palette: colours separated by spaces (XML turns tabs and newlines in
 * attribute values into spaces; they are accepted here too). */
static bool parse_palette(const char *v, struct style_chart *out, struct msg *why)
{
	size_t n = 0;
	const char *p = v;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *end = p;
		while (*end && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')
			end++;
		if (n == STYLE_PALETTE_MAX) {
			put(why, "more than %d colours", STYLE_PALETTE_MAX);
			return false;
		}
		/* A colour is 7 bytes; anything longer is wrong anyway. */
		char word[8] = "";
		size_t len = (size_t)(end - p);
		if (len < sizeof word)
			memcpy(word, p, len);
		struct msg ignored = msg_start(NULL, 0);
		if (len >= sizeof word || !parse_colour(word, &out->palette[n], &ignored)) {
			put(why, "colour %zu \"%.*s\" is not #rrggbb (6 hex digits)", n + 1,
			    (int)(len < 40 ? len : 40), p);
			return false;
		}
		n++;
		p = end;
	}
	if (n == 0) {
		put(why, "expected 1 to %d colours #rrggbb separated by spaces", STYLE_PALETTE_MAX);
		return false;
	}
	out->palette_count = n;
	return true;
}

static bool parse_whole(const char *v, int min, int max, int *out, struct msg *why)
{
	long x = 0;
	const char *p = v;
	for (; is_digit(*p) && x <= max; p++)
		x = x * 10 + (*p - '0');
	if (p == v || *p || x < min || x > max) {
		put(why, "expected a whole number from %d to %d", min, max);
		return false;
	}
	*out = (int)x;
	return true;
}

static bool parse_face(const char *v, enum font_face *out, struct msg *why)
{
	static const char *const names[FACE_COUNT] = {
		[FACE_REGULAR] = "regular", [FACE_BOLD] = "bold",
		[FACE_ITALIC] = "italic", [FACE_BOLD_ITALIC] = "bold-italic",
	};
	for (int f = 0; f < FACE_COUNT; f++) {
		if (strcmp(v, names[f]) == 0) {
			*out = (enum font_face)f;
			return true;
		}
	}
	put(why, "expected regular, bold, italic or bold-italic");
	return false;
}

static bool parse_string(const struct setting *set, const char *v, struct msg *why)
{
	size_t len = strlen(v);
	if (len == 0) {
		put(why, "must not be empty");
		return false;
	}
	if (len >= set->size) {
		put(why, "longer than %zu bytes", set->size - 1);
		return false;
	}
	if (set->kind == VAL_NAME) {
		bool ok = (v[0] >= 'a' && v[0] <= 'z') || is_digit(v[0]);
		for (const char *c = v; *c; c++)
			ok = ok && ((*c >= 'a' && *c <= 'z') || is_digit(*c) || *c == '-');
		if (!ok) {
			put(why, "a style name is lower-case letters, digits and hyphens, "
				 "starting with a letter or digit");
			return false;
		}
	}
	if (set->kind == VAL_BULLET) {
		uint32_t cp;
		size_t used = text_utf8_decode(v, len, &cp);
		if (!used || used != len || cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0)) {
			put(why, "expected one visible character");
			return false;
		}
	}
	for (const char *c = v; *c; c++) {
		if ((unsigned char)*c < 0x20) {
			put(why, "control characters are not allowed");
			return false;
		}
	}
	return true;
}

/* The footer's pattern: {page} and {pages} once each, and no other brace,
 * so that layout can fill it in without a format string. */
static bool page_pattern(const char *v, struct msg *why)
{
	const char *p = strstr(v, "{page}"), *n = strstr(v, "{pages}");
	size_t braces = 0;
	for (const char *c = v; *c; c++)
		braces += *c == '{' || *c == '}';
	if (!p || !n || strstr(p + 1, "{page}") || strstr(n + 1, "{pages}") || braces != 4) {
		put(why, "expected {page} and {pages} once each, e.g. \"Page {page} of {pages}\"");
		return false;
	}
	return true;
}

/* ==== setting ========================================================== */

bool style_set(struct style *s, const char *element, const char *attribute,
	       const char *value, char *err, size_t err_size)
{
	struct msg m = msg_start(err, err_size);
	struct setting set;
	switch (find(element, attribute, &set)) {
	case NO_ELEMENT:
		unknown_element(&m, element);
		return false;
	case NO_ATTRIBUTE:
		unknown_attribute(&m, element, attribute);
		return false;
	case FOUND:
		break;
	}

	/* Parse into locals and store only when the whole value is good, so a
	 * bad value leaves s as it was. The problem goes after a prefix that
	 * quotes the element as written. */
	put(&m, "<%s %s=\"%s\">: ", element, attribute, value);
	char *field = (char *)s + set.offset;
	double pt;
	struct rgb rgb;
	int whole;
	enum font_face face;
	switch (set.kind) {
	case VAL_LENGTH:
	case VAL_SIZE:
		if (!parse_length(value, &pt, &m))
			return false;
		if (set.kind == VAL_SIZE && pt <= 0) {
			put(&m, "must be more than 0");
			return false;
		}
		*(double *)field = pt;
		break;
	case VAL_COLOUR:
		if (strcmp(value, "none") == 0) {
			put(&m, "this colour cannot be none");
			return false;
		}
		if (!parse_colour(value, &rgb, &m))
			return false;
		*(struct rgb *)field = rgb;
		break;
	case VAL_FILL:
		if (strcmp(value, "none") == 0) {
			set_none((struct style_fill *)field);
			break;
		}
		if (!parse_colour(value, &rgb, &m)) {
			put(&m, " or none");
			return false;
		}
		((struct style_fill *)field)->rgb = rgb;
		((struct style_fill *)field)->none = false;
		break;
	case VAL_YES_NO:
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
			put(&m, "expected yes or no");
			return false;
		}
		*(bool *)field = strcmp(value, "yes") == 0;
		break;
	case VAL_FACE:
		if (!parse_face(value, &face, &m))
			return false;
		*(enum font_face *)field = face;
		break;
	case VAL_WHOLE:
		if (!parse_whole(value, set.min, set.max, &whole, &m))
			return false;
		*(int *)field = whole;
		break;
	case VAL_NAME:
	case VAL_PATH:
	case VAL_BULLET:
	case VAL_WORDS:
		if (!parse_string(&set, value, &m))
			return false;
		if (set.kind == VAL_WORDS && strcmp(attribute, "page") == 0 &&
		    !page_pattern(value, &m))
			return false;
		set_string(field, set.size, value);
		break;
	case VAL_CHOICE: {
		const char *const *keys = choices[set.min];
		int k = 0;
		while (keys[k] && strcmp(keys[k], value) != 0)
			k++;
		if (!keys[k]) {
			put(&m, "expected ");
			for (int i = 0; keys[i]; i++)
				put(&m, "%s%s", i == 0 ? "" : keys[i + 1] ? ", " : " or ", keys[i]);
			return false;
		}
		*(int *)field = k;
		break;
	}
	case VAL_PALETTE: {
		struct style_chart *chart = (struct style_chart *)field;
		struct style_chart parsed;
		memset(&parsed, 0, sizeof parsed);
		if (!parse_palette(value, &parsed, &m))
			return false;
		memcpy(chart->palette, parsed.palette, sizeof chart->palette);
		chart->palette_count = parsed.palette_count;
		break;
	}
	case VAL_VERSION:
		if (strcmp(value, "1") != 0) {
			put(&m, "this reportc reads style version 1");
			return false;
		}
		break;
	}
	msg_start(err, err_size);
	return true;
}

/* ==== checking ========================================================= */

/* sRGB to linear light, as WCAG 2.1 defines relative luminance (with the
 * sRGB standard's threshold 0.04045; WCAG's 0.03928 gives the same result
 * for every 8-bit value). */
static double linear(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(struct rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double style_contrast_ratio(struct rgb a, struct rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

enum background { BG_PAGE, BG_ZEBRA, BG_TABLE_HEADER, BG_CALLOUT, BG_SCRUTINY, BG_KPI, BG_COVER };

/* Each text and the background it is printed on. LINK_ROLE stands for
 * links, which are set in the body's size and appear in running text,
 * table cells, callouts and scrutineer comments. */
enum { LINK_ROLE = STYLE_ROLE_COUNT };
static const struct {
	int role;
	enum background background;
} contrast_pairs[] = {
	{ STYLE_BODY, BG_PAGE },
	{ STYLE_H1, BG_PAGE },
	{ STYLE_H2, BG_PAGE },
	{ STYLE_H3, BG_PAGE },
	{ STYLE_COVER_TITLE, BG_COVER },
	{ STYLE_COVER_SUBTITLE, BG_COVER },
	{ STYLE_CONTENTS, BG_PAGE },
	{ STYLE_CONTENTS_SUB, BG_PAGE },
	{ STYLE_CAPTION, BG_PAGE },
	{ STYLE_TABLE, BG_PAGE },
	{ STYLE_TABLE, BG_ZEBRA },
	{ STYLE_TABLE_HEADER, BG_TABLE_HEADER },
	{ STYLE_FOOTNOTE, BG_PAGE },
	{ STYLE_HEADER, BG_PAGE },
	{ STYLE_FOOTER, BG_PAGE },
	{ STYLE_CALLOUT, BG_CALLOUT },
	{ STYLE_CALLOUT_TITLE, BG_CALLOUT },
	{ STYLE_SCRUTINY, BG_SCRUTINY },
	{ STYLE_SCRUTINY_TITLE, BG_SCRUTINY },
	{ STYLE_QUOTE, BG_PAGE },
	{ STYLE_KPI_FIGURE, BG_KPI },
	{ STYLE_KPI_LABEL, BG_KPI },
	{ STYLE_CHART_LABEL, BG_PAGE },
	{ STYLE_SOURCE, BG_PAGE },
	{ LINK_ROLE, BG_PAGE },
	{ LINK_ROLE, BG_ZEBRA },
	{ LINK_ROLE, BG_CALLOUT },
	{ LINK_ROLE, BG_SCRUTINY },
};

bool style_contrast_at(const struct style *s, size_t i, struct style_contrast *out)
{
	if (i >= sizeof contrast_pairs / sizeof contrast_pairs[0])
		return false;
	const struct style_fill *fill = NULL;
	const char *name = "page";
	switch (contrast_pairs[i].background) {
	case BG_PAGE:
		break;
	case BG_ZEBRA:
		fill = &s->table.zebra_fill, name = "table zebra-fill";
		break;
	case BG_TABLE_HEADER:
		fill = &s->table.header_fill, name = "table header-fill";
		break;
	case BG_CALLOUT:
		fill = &s->callout.fill, name = "callout fill";
		break;
	case BG_SCRUTINY:
		fill = &s->scrutiny.fill, name = "scrutiny fill";
		break;
	case BG_KPI:
		fill = &s->kpi.fill, name = "kpi fill";
		break;
	case BG_COVER:
		fill = &s->cover.band, name = "cover band";
		break;
	}
	/* Paper is white; a box without fill shows it. */
	struct rgb background = { 1, 1, 1 };
	if (fill && !fill->none)
		background = fill->rgb;
	else
		name = "page";

	int role = contrast_pairs[i].role;
	const struct style_text *body = &s->text[STYLE_BODY];
	struct rgb colour = role == LINK_ROLE ? s->link.colour : s->text[role].colour;
	double size_pt = role == LINK_ROLE ? body->size_pt : s->text[role].size_pt;
	bool bold = role != LINK_ROLE &&
		    (s->text[role].face == FACE_BOLD || s->text[role].face == FACE_BOLD_ITALIC);
	/* WCAG's large text: 18pt, or 14pt bold, needs 3:1 instead of 4.5:1. */
	bool large = size_pt >= 18 || (bold && size_pt >= 14);

	out->text = role == LINK_ROLE ? "link" : role_names[role];
	out->background = name;
	out->ratio = style_contrast_ratio(colour, background);
	out->required = large ? 3.0 : 4.5;
	return true;
}

static bool same_rgb(struct rgb a, struct rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

double style_text_width_pt(const struct style *s)
{
	return s->page.width_pt - s->page.margin_inner_pt - s->page.margin_outer_pt;
}

double style_text_height_pt(const struct style *s)
{
	return s->page.height_pt - s->page.margin_top_pt - s->page.margin_bottom_pt;
}

double style_margin_left_pt(const struct style *s, int page)
{
	if (s->page.mirror_margins && page % 2 == 0)
		return s->page.margin_outer_pt;
	return s->page.margin_inner_pt;
}

/* The page's geometry: a text area that holds something, and running
 * header and footer inside their margins. */
static bool check_page(const struct style *s, struct msg *m)
{
	const struct style_page *p = &s->page;
	double width = style_text_width_pt(s), height = style_text_height_pt(s);
	if (width < 72) {
		put(m, "the text area is ");
		put_pt(m, width);
		put(m, " wide (page width ");
		put_pt(m, p->width_pt);
		put(m, " less margin-inner ");
		put_pt(m, p->margin_inner_pt);
		put(m, " and margin-outer ");
		put_pt(m, p->margin_outer_pt);
		put(m, "); it must be at least 72pt");
		return false;
	}
	if (height < 72) {
		put(m, "the text area is ");
		put_pt(m, height);
		put(m, " tall (page height ");
		put_pt(m, p->height_pt);
		put(m, " less margin-top ");
		put_pt(m, p->margin_top_pt);
		put(m, " and margin-bottom ");
		put_pt(m, p->margin_bottom_pt);
		put(m, "); it must be at least 72pt");
		return false;
	}
	double header_pt = s->text[STYLE_HEADER].size_pt;
	if (p->header_baseline_pt < header_pt || p->header_baseline_pt >= p->margin_top_pt) {
		put(m, "page header-baseline ");
		put_pt(m, p->header_baseline_pt);
		put(m, " must lie in the top margin, at least the header's size (");
		put_pt(m, header_pt);
		put(m, ") below the paper's edge and above margin-top (");
		put_pt(m, p->margin_top_pt);
		put(m, ")");
		return false;
	}
	double footer_pt = s->text[STYLE_FOOTER].size_pt;
	if (p->footer_baseline_pt <= 0 || p->footer_baseline_pt + footer_pt > p->margin_bottom_pt) {
		put(m, "page footer-baseline ");
		put_pt(m, p->footer_baseline_pt);
		put(m, " must lie in the bottom margin (");
		put_pt(m, p->margin_bottom_pt);
		put(m, ") with room above it for the footer's ");
		put_pt(m, footer_pt);
		put(m, " text");
		return false;
	}
	/* Indents are taken from the text area's width: contents entries and
	 * list items need what is left. */
	const struct {
		const char *name;
		double pt;
	} indents[] = { { "list indent", s->list.indent_pt }, { "quote indent", s->quote.indent_pt } };
	for (size_t i = 0; i < sizeof indents / sizeof indents[0]; i++) {
		if (indents[i].pt > width / 2) {
			put(m, "%s ", indents[i].name);
			put_pt(m, indents[i].pt);
			put(m, " is more than half the text area's width ");
			put_pt(m, width);
			return false;
		}
	}
	if (s->cover.band_height_pt > p->height_pt) {
		put(m, "cover band-height ");
		put_pt(m, s->cover.band_height_pt);
		put(m, " is more than the page's height ");
		put_pt(m, p->height_pt);
		return false;
	}
	return true;
}

static bool check_text(const struct style *s, struct msg *m)
{
	double height = style_text_height_pt(s);
	for (int r = 0; r < STYLE_ROLE_COUNT; r++) {
		const struct style_text *t = &s->text[r];
		if (t->leading_pt < t->size_pt) {
			put(m, "%s leading ", role_names[r]);
			put_pt(m, t->leading_pt);
			put(m, " is less than its size ");
			put_pt(m, t->size_pt);
			put(m, ": its lines would overlap");
			return false;
		}
		/* libharu refuses a larger size when the page is drawn. */
		if (t->size_pt > MAX_FONT_SIZE_PT) {
			put(m, "%s size ", role_names[r]);
			put_pt(m, t->size_pt);
			put(m, " is more than ");
			put_pt(m, MAX_FONT_SIZE_PT);
			put(m, ", the largest text reportc can write");
			return false;
		}
		/* Layout may rely on every line fitting on a page. */
		if (t->leading_pt > height) {
			put(m, "%s leading ", role_names[r]);
			put_pt(m, t->leading_pt);
			put(m, " is more than the text area's height ");
			put_pt(m, height);
			return false;
		}
	}
	struct style_contrast c;
	for (size_t i = 0; style_contrast_at(s, i, &c); i++) {
		if (c.ratio >= c.required)
			continue;
		bool link = strcmp(c.text, "link") == 0;
		put(m, "%s colour ", c.text);
		put_rgb(m, link ? s->link.colour : s->text[role_of(c.text)].colour);
		put(m, " on the %s has a contrast of ", c.background);
		/* Rounded down, so that 4.496 never prints as the 4.5 it misses. */
		put_number(m, floor(c.ratio * 100) / 100);
		bool large = c.required < 4;
		put(m, ":1; WCAG AA asks for at least %s:1 for %s text", large ? "3" : "4.5",
		    large ? "large" : "this");
		if (!large)
			put(m, " (3:1 only from 18pt, or 14pt bold)");
		return false;
	}
	return true;
}

static bool check_palette(const struct style *s, struct msg *m)
{
	const struct style_chart *c = &s->chart;
	for (size_t i = 0; i < c->palette_count; i++) {
		struct rgb p = c->palette[i];
		if (c->greyscale && !(p.r == p.g && p.g == p.b)) {
			put(m, "chart palette colour %zu ", i + 1);
			put_rgb(m, p);
			put(m, " is not a grey, but greyscale is yes");
			return false;
		}
		for (size_t j = 0; j < i; j++) {
			if (same_rgb(c->palette[j], p)) {
				put(m, "chart palette colour %zu ", i + 1);
				put_rgb(m, p);
				put(m, " repeats colour %zu: charts could not tell them apart",
				    j + 1);
				return false;
			}
		}
	}
	return true;
}

bool style_check(const struct style *s, char *err, size_t err_size)
{
	struct msg m = msg_start(err, err_size);
	return check_page(s, &m) && check_text(s, &m) && check_palette(s, &m);
}
