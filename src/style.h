/* style.h - the look of a report: page, fonts, text roles, colours, boxes
 * and chart palette, all in points and RGB, read from styles/NAME.xml.
 *
 * A style is plain data without pointers: copy it with `=`, keep it on the
 * stack, compare two with memcmp after style_defaults() (which clears the
 * padding). Layout reads the fields; it never parses anything.
 *
 * The style file (validated by schemas/style.xsd) is flat. Under the root
 *
 *   <style version="1" name="sefton"> … </style>
 *
 * every element is an empty leaf whose attributes are settings:
 *
 *   <ELEMENT attribute="value" …/>
 *
 * Each element appears at most once (the schema enforces it; style_set()
 * cannot see repeats), in any order, and every attribute is optional.
 * The loader starts from style_defaults(), then calls
 * style_set(s, ELEMENT, ATTRIBUTE, VALUE, …) for each attribute of each
 * element, the root's included (element "style"), and finally
 * style_check(). An attribute left out keeps its default, so a file may
 * hold only what it changes.
 *
 * Values:
 *   length   12pt, 20mm, 1.5cm, 0.5in, or a plain number of points (12);
 *            decimal point only, never negative, at most 14400pt
 *   colour   #rrggbb (hex, either case)
 *   fill     a colour, or none (nothing is painted)
 *   yes/no   yes or no
 *   face     regular, bold, italic or bold-italic
 *   whole    a whole number in the range given
 *   palette  1 to STYLE_PALETTE_MAX colours separated by spaces
 *   choice   one of the keywords the setting lists
 *   words    text of at most STYLE_WORDS_MAX - 1 bytes, not empty
 *
 * The mapping, element and attributes -> fields of struct style:
 *
 *   style      version (must be 1), name                -> name
 *   page       width height margin-top margin-bottom margin-inner
 *              margin-outer mirror-margins header-baseline footer-baseline
 *                                                       -> page.*_pt, page.mirror_margins
 *   fonts      dir regular bold italic bold-italic      -> fonts.dir, fonts.file[FACE_*]
 *   ROLE       font size leading colour space-before space-after
 *                                                       -> text[STYLE_ROLE].face, .size_pt, …
 *              where ROLE is a name of style_role_name(): body h1 h2 h3
 *              cover-title cover-subtitle contents contents-sub caption
 *              table table-header footnote header footer callout
 *              callout-title scrutiny scrutiny-title quote kpi-figure
 *              kpi-label chart-label source
 *   paragraph  justify orphans widows                   -> paragraph.*
 *   list       indent bullet item-space                 -> list.*
 *   link       colour underline                         -> link.*
 *   accent     colour                                   -> accent
 *   rule       colour width                             -> rule.*
 *   cover      band band-height                         -> cover.*
 *   table      (also a ROLE) header-fill zebra-fill rule rule-width
 *              header-rule-width cell-padding-x cell-padding-y -> table.*
 *   callout    (also a ROLE) fill border border-width padding -> callout.*
 *   scrutiny   (also a ROLE) fill border border-width padding -> scrutiny.*
 *   kpi        fill border border-width padding         -> kpi.*
 *   quote      (also a ROLE) bar bar-width indent       -> quote.*
 *   chart      palette greyscale axis axis-width grid grid-width outline
 *              outline-width line-width                 -> chart.*
 *   draft      watermark note-fill note-border          -> draft.*
 *   sections   new-page numbering appendix-label         -> sections.*
 *   words      contents page appendix comment perspective strengths
 *              development continued table
 *                                                       -> words.*
 *
 * A hyphen in the file is an underscore in the field, and the field adds
 * the unit: margin-top -> page.margin_top_pt; orphans and widows become
 * orphan_lines and widow_lines. style_attribute_at() lists every pair
 * style_set() accepts. */
#ifndef REPORTC_STYLE_H
#define REPORTC_STYLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "font.h"

enum {
	STYLE_NAME_MAX = 64,     /* bytes of the style's name, NUL included */
	STYLE_PATH_MAX = 256,    /* bytes of a font folder or file name, NUL included */
	STYLE_BULLET_MAX = 8,    /* one character in UTF-8 and its NUL */
	STYLE_PALETTE_MAX = 12,  /* chart colours; more is an error, never dropped */
	STYLE_WORDS_MAX = 96,    /* bytes of one fixed word or phrase, NUL included */
};

/* A colour, each component from 0 to 1 (as libharu's SetRGBFill takes it). */
struct rgb {
	double r, g, b;
};

/* A colour that may be absent: when none is true nothing is painted, and
 * a box without fill or border is just space. */
struct style_fill {
	struct rgb rgb;
	bool none;
};

/* The text roles. Each is an element of the style file with the name that
 * style_role_name() gives. */
enum style_role {
	STYLE_BODY,            /* paragraphs and list items */
	STYLE_H1,              /* section titles (also "Contents") */
	STYLE_H2,
	STYLE_H3,
	STYLE_COVER_TITLE,     /* the partnership's name on the cover */
	STYLE_COVER_SUBTITLE,  /* the report's title and period on the cover */
	STYLE_CONTENTS,        /* a top-level entry of the contents page */
	STYLE_CONTENTS_SUB,    /* a nested entry of the contents page */
	STYLE_CAPTION,         /* table, chart and figure titles */
	STYLE_TABLE,           /* table cells */
	STYLE_TABLE_HEADER,    /* the header row of a table */
	STYLE_FOOTNOTE,
	STYLE_HEADER,          /* the running header */
	STYLE_FOOTER,          /* the running footer and page numbers */
	STYLE_CALLOUT,         /* text inside a callout box */
	STYLE_CALLOUT_TITLE,
	STYLE_SCRUTINY,        /* text of the scrutineer's comment box */
	STYLE_SCRUTINY_TITLE,  /* "Independent Scrutineer comment" */
	STYLE_QUOTE,
	STYLE_KPI_FIGURE,      /* the big number on a KPI tile */
	STYLE_KPI_LABEL,       /* what the number counts */
	STYLE_CHART_LABEL,     /* axis labels, legends and values in charts */
	STYLE_SOURCE,          /* where a figure comes from: quote sources, data
				* table notes, chart source lines */
	STYLE_ROLE_COUNT
};

/* How one role sets its text. leading_pt is the distance from baseline to
 * baseline (never less than size_pt). space_before_pt and space_after_pt
 * are the gaps around a block of this role; between two blocks layout uses
 * the larger of the first's after and the second's before. */
struct style_text {
	enum font_face face;
	double size_pt;
	double leading_pt;
	struct rgb colour;
	double space_before_pt;
	double space_after_pt;
};

/* The page. Margins are from the paper's edges. Without mirror_margins
 * (a PDF read on screen) inner is the left margin on every page; with it
 * inner is the binding side: left on odd pages, right on even ones. The
 * header's baseline is measured down from the top edge, the footer's up
 * from the bottom edge; both lie inside their margins. */
struct style_page {
	double width_pt, height_pt;
	double margin_top_pt, margin_bottom_pt;
	double margin_inner_pt, margin_outer_pt;
	bool mirror_margins;
	double header_baseline_pt;
	double footer_baseline_pt;
};

/* The font family: file names looked up in dir, which is relative to the
 * data folder that holds styles/ and fonts/ (resolving it is the caller's
 * job). Indexed by enum font_face, like font_family_load() wants them. */
struct style_fonts {
	char dir[STYLE_PATH_MAX];
	char file[FACE_COUNT][STYLE_PATH_MAX];
};

/* Paragraph breaking. justify false means ragged right, which UK public
 * sector guidance asks for. orphan_lines is the least number of a
 * paragraph's lines left at the foot of a page, widow_lines the least
 * carried to the top of the next. */
struct style_paragraph {
	bool justify;
	int orphan_lines;
	int widow_lines;
};

/* Lists: each level indents by indent_pt; the bullet (UTF-8, one character)
 * hangs in that indent, in the accent colour. item_space_pt separates items. */
struct style_list {
	double indent_pt;
	char bullet[STYLE_BULLET_MAX];
	double item_space_pt;
};

struct style_link {
	struct rgb colour;
	bool underline;   /* so that links do not rely on colour alone */
};

/* Thin separators: under the running header, above the footer and above
 * the footnotes. */
struct style_rule {
	struct style_fill colour;
	double width_pt;
};

/* The cover's background band, band_height_pt tall from the top edge and
 * as wide as the paper; the cover title and subtitle stand on it. */
struct style_cover {
	struct style_fill band;
	double band_height_pt;
};

/* Tables: text in text[STYLE_TABLE] and text[STYLE_TABLE_HEADER]. Body rows
 * alternate between no fill and zebra_fill (starting with none). Rules run
 * between rows; the one under the header row is header_rule_width_pt. */
struct style_table {
	struct style_fill header_fill;
	struct style_fill zebra_fill;
	struct style_fill rule;
	double rule_width_pt;
	double header_rule_width_pt;
	double cell_padding_x_pt, cell_padding_y_pt;
};

/* A box around content (callout, scrutineer's comment, KPI tile): the
 * border is drawn inside the box, padding separates it from the content. */
struct style_box {
	struct style_fill fill;
	struct style_fill border;
	double border_width_pt;
	double padding_pt;
};

/* Quotes are indented by indent_pt with a vertical bar at the left of the
 * indent, bar_width_pt wide. */
struct style_quote {
	struct style_fill bar;
	double bar_width_pt;
	double indent_pt;
};

/* Charts. Series and slices take palette[0], palette[1], … in order and
 * cycle when there are more than palette_count. With greyscale (the plain
 * style, for office printers) the palette holds greys only and charts must
 * not rely on them: they add hatch patterns and label each series or slice
 * directly instead of through a legend. outline is drawn round every bar
 * and slice (white separates neighbours, black makes light greys visible). */
struct style_chart {
	struct rgb palette[STYLE_PALETTE_MAX];
	size_t palette_count;
	bool greyscale;
	struct style_fill axis;
	double axis_width_pt;
	struct style_fill grid;
	double grid_width_pt;
	struct style_fill outline;
	double outline_width_pt;
	double line_width_pt;     /* the lines of a line chart */
	bool summary_subtitle;    /* a summary of the figures under each chart's title */
	bool table_annex;         /* table="yes" puts a chart's table in the annex */
};

/* The marks of a --draft build: the diagonal watermark and the notes that
 * place each warning in the page. */
struct style_draft {
	struct rgb watermark;
	struct style_fill note_fill;
	struct style_fill note_border;
};

/* Where top-level parts start and how they are labelled. new_page: which
 * top-level parts start on a new page (none, the appendices, all).
 * numbering: sections numbered 1, 1.1, 1.1.1 in headings, contents,
 * bookmarks and cross-references, or not. appendix_label: "Appendix 1" or
 * "Appendix A"; a title that already begins with its label keeps it. */
enum style_new_page { STYLE_NEW_PAGE_NONE, STYLE_NEW_PAGE_APPENDICES, STYLE_NEW_PAGE_ALL };
enum style_numbering { STYLE_NUMBERING_NONE, STYLE_NUMBERING_DECIMAL };
enum style_label { STYLE_LABEL_NUMBER, STYLE_LABEL_LETTER };
struct style_sections {
	int new_page;        /* enum style_new_page */
	int numbering;       /* enum style_numbering */
	int appendix_label;  /* enum style_label */
};

/* The fixed words the report prints, so that a partnership can set its
 * own: page is a pattern holding {page} and {pages} ("Page {page} of
 * {pages}"); the others are printed as they are. */
struct style_words {
	char contents[STYLE_WORDS_MAX];     /* the contents page's heading */
	char page[STYLE_WORDS_MAX];         /* the footer */
	char appendix[STYLE_WORDS_MAX];     /* the label before an appendix's number */
	char comment[STYLE_WORDS_MAX];      /* the title of a scrutineer's comment */
	char perspective[STYLE_WORDS_MAX];  /* the title of her perspective's box */
	char strengths[STYLE_WORDS_MAX];
	char development[STYLE_WORDS_MAX];  /* "Areas for development" */
	char continued[STYLE_WORDS_MAX];    /* after a title repeated on the next page */
	char table[STYLE_WORDS_MAX];        /* names a table without a title */
};

struct style {
	char name[STYLE_NAME_MAX];
	struct style_page page;
	struct style_fonts fonts;
	struct style_text text[STYLE_ROLE_COUNT];
	struct style_paragraph paragraph;
	struct style_list list;
	struct style_link link;
	struct rgb accent;     /* decorative marks: bullets, the bar on KPI tiles */
	struct style_rule rule;
	struct style_cover cover;
	struct style_table table;
	struct style_box callout;
	struct style_box scrutiny;
	struct style_box kpi;
	struct style_quote quote;
	struct style_chart chart;
	struct style_draft draft;
	struct style_sections sections;
	struct style_words words;
};

/* Fills s with the built-in look, the same as styles/sefton.xml: A4, Open
 * Sans 12pt ragged right, deep blue headings. Clears s first, padding
 * included. */
void style_defaults(struct style *s);

/* Applies one attribute of the style file: element is a role or group name
 * (or "style" for the root), attribute and value as written in the file.
 * Returns false and writes a message naming the element, attribute and
 * value, what was expected and, for a misspelt name, the nearest one, into
 * err (which may be NULL); s is then unchanged. Numbers are read the same
 * in every locale. */
bool style_set(struct style *s, const char *element, const char *attribute,
	       const char *value, char *err, size_t err_size);

/* Checks what no single attribute can: the text area is at least 72pt
 * each way and holds a line of every role, header and footer baselines
 * lie in their margins, leading is not less than size, every text colour
 * meets WCAG 2.1 AA contrast on its background (4.5:1, or 3:1 for text
 * of 18pt, or 14pt bold), a greyscale palette holds only greys, and no
 * palette colour repeats. Returns false with the first problem in err. */
bool style_check(const struct style *s, char *err, size_t err_size);

/* The i-th element and attribute style_set() accepts, for i from 0 until
 * it returns false; the strings are static. */
bool style_attribute_at(size_t i, const char **element, const char **attribute);

/* The element name of a role ("body", "cover-title"), static. */
const char *style_role_name(enum style_role role);

/* The colour as 0xRRGGBB, each component rounded to 8 bits (what the
 * display list stores: DL_HEX(style_rgb_hex(c))). Exact for every colour a
 * style file can write. */
uint32_t style_rgb_hex(struct rgb c);

/* WCAG 2.1 contrast ratio of two colours, from 1 (same) to 21 (black and
 * white). Charts use it to choose a label colour that reads on a bar. */
double style_contrast_ratio(struct rgb a, struct rgb b);

/* One text colour on its background as style_check() judges it. */
struct style_contrast {
	const char *text;         /* a role, or "link" */
	const char *background;   /* "page", "table zebra-fill", "callout fill", … */
	double ratio;
	double required;          /* 4.5 or, for large text, 3 */
};

/* The i-th pair that style_check() tests, for i from 0 until it returns
 * false. A pair whose background is none is judged on the page (white). */
bool style_contrast_at(const struct style *s, size_t i, struct style_contrast *out);

/* The size of the text area, the same on every page. */
double style_text_width_pt(const struct style *s);
double style_text_height_pt(const struct style *s);
/* The left margin of the 1-based page: inner or outer by mirror_margins. */
double style_margin_left_pt(const struct style *s, int page);

#endif
