/* dl.h - the display list: positioned drawing operations, links and logical
 * structure that layout writes and render-pdf walks once.
 *
 * Coordinates are PDF points (1/72 inch) with the origin at the bottom-left
 * corner of the page and y growing upwards; a text run's y is its baseline.
 * Operations are appended in order; drawing operations must lie between
 * dl_page_begin() and dl_page_end(). The list copies every string it is
 * given; everything is valid until dl_free().
 *
 * Logical structure travels in the same list. dl_struct_open() creates a
 * structure element as the last child of the innermost open element (or as
 * a top-level element) and makes it the innermost; the drawing operations
 * that follow are its marked content until dl_struct_close(). Reading order
 * is the order in which elements and content are added to each element, not
 * the position of content on pages: dl_struct_resume() re-enters an element
 * created earlier (a footnote placed at the page foot, a table or paragraph
 * continued on the next page), and what is added then comes after what the
 * element already holds. Structure elements outlive pages. Content between
 * dl_artifact_begin() and dl_artifact_end() (running heads, page numbers,
 * decorative rules, the draft watermark) is outside the structure.
 *
 * Misuse (a drawing operation outside a page, an unbalanced close, a bad
 * index, a non-finite number, invalid UTF-8) is a bug in the caller and
 * fails an assertion. What can only be checked against the whole list
 * (unknown or repeated destination names) is reported by the renderer. */
#ifndef REPORTC_DL_H
#define REPORTC_DL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "image.h"

/* A4 portrait, the default page size of a new list. */
#define DL_A4_WIDTH_PT 595.28
#define DL_A4_HEIGHT_PT 841.89

/* 8-bit sRGB colour; DL_HEX(0x1a2b3c) writes one as a hex literal. */
struct dl_rgb {
	uint8_t r, g, b;
};
#define DL_HEX(rrggbb) \
	((struct dl_rgb){ (uint8_t)((rrggbb) >> 16 & 0xFF), \
			  (uint8_t)((rrggbb) >> 8 & 0xFF), (uint8_t)((rrggbb) & 0xFF) })

/* Dash pattern: on_pt of ink, off_pt of gap, repeated. Both 0: solid. */
struct dl_dash {
	double on_pt, off_pt;
};
#define DL_SOLID ((struct dl_dash){ 0, 0 })

/* How a rectangle or path is painted. Build one with dl_paint_fill(),
 * dl_paint_stroke() or dl_paint_fill_stroke() and adjust fields after. */
struct dl_paint {
	bool fill, stroke;
	struct dl_rgb fill_color, stroke_color;
	double stroke_width_pt;
	struct dl_dash dash;
	double fill_opacity; /* 0 (invisible) to 1 (opaque) */
};

/* ---- document header ----------------------------------------------------- */

/* Document information; NULL fields are left out of the PDF. Each string
 * is at most DL_INFO_MAX_BYTES bytes of UTF-8 (the PDF writer's limit). */
#define DL_INFO_MAX_BYTES 65535

struct dl_info {
	const char *title, *author, *subject, *keywords;
	const char *creator; /* the application, e.g. "reportc 1.0" */
	const char *lang;    /* BCP 47, e.g. "en-GB" */
};

/* What a draft records of its making in the XMP, in reportc's own
 * namespace, so that `reportc notes` can lay the same folder out again
 * and map a reviewer's note to the element it sits on. The namespace's
 * URI is DL_RECORD_NS (.invalid is reserved, RFC 2606: the URI names the
 * schema and points at nothing). NULL strings are
 * left out; a list without a record (a final) writes none. */
#define DL_RECORD_NS "https://reportc.invalid/ns/draft/1/"

struct dl_record {
	const char *inputs;     /* the input hash, 16 lowercase hex digits */
	const char *style;      /* the style's name */
	const char *since;      /* --since: the earlier folder's input hash */
	/* The pages "Changes since the previous draft" takes (1-based first
	 * page, and how many): a layout without --since lacks them. */
	int changes_first_page, changes_pages;
};

/* A local time and its offset from UTC in minutes (60 for BST); it is
 * written as +01'00, never as Z. */
struct dl_date {
	int year, month, day, hour, minute, second;
	int utc_offset_min;
};

enum dl_label_style {
	DL_LABEL_DECIMAL,      /* 1, 2, 3 */
	DL_LABEL_ROMAN_LOWER,  /* i, ii, iii */
	DL_LABEL_ROMAN_UPPER,  /* I, II, III */
	DL_LABEL_LETTER_LOWER, /* a, b, c */
	DL_LABEL_LETTER_UPPER, /* A, B, C */
};

/* Page labels from page index `first_page` (0-based) on, until the next. */
struct dl_page_label {
	size_t first_page;
	enum dl_label_style style;
	const char *prefix; /* printable ASCII, may be "" */
	int first_number;   /* >= 1 */
};

/* ---- logical structure --------------------------------------------------- */

/* Standard structure types of PDF 1.7 (section 14.8.4), so no role map is
 * needed. An annotation (link or note) becomes a child of the innermost
 * open element: put a link inside DL_LINK and a note inside DL_ANNOT. One
 * added between dl_artifact_begin() and dl_artifact_end() stays outside
 * the structure tree (a draft's notes, which are not the document's). */
enum dl_struct_type {
	DL_DOCUMENT,
	DL_PART,
	DL_ART,
	DL_SECT,
	DL_DIV,
	DL_TOC,
	DL_TOCI,
	DL_H1,
	DL_H2,
	DL_H3,
	DL_H4,
	DL_H5,
	DL_H6,
	DL_P,
	DL_L,
	DL_LI,
	DL_LBL,
	DL_LBODY,
	DL_BLOCKQUOTE,
	DL_QUOTE,
	DL_CAPTION,
	DL_TABLE,
	DL_THEAD,
	DL_TBODY,
	DL_TFOOT,
	DL_TR,
	DL_TH,
	DL_TD,
	DL_FIGURE,
	DL_LINK,
	DL_ANNOT,
	DL_NOTE,
	DL_REFERENCE,
	DL_SPAN,
	DL_STRUCT_TYPES
};

/* Which cells a table header cell (DL_TH) heads. */
enum dl_scope { DL_SCOPE_NONE, DL_SCOPE_ROW, DL_SCOPE_COLUMN, DL_SCOPE_BOTH };

/* Optional attributes of a structure element; NULL fields are absent.
 * A DL_FIGURE needs alt. */
struct dl_struct_attrs {
	const char *alt;         /* replacement text (Figure) */
	const char *lang;        /* language of the element, e.g. "cy" (Span) */
	const char *actual_text; /* exact text the content stands for */
	enum dl_scope scope;     /* TH only */
};

/* DL_NO_PARENT: the element sits at the top of the structure tree. */
#define DL_NO_PARENT ((size_t)-1)

struct dl_struct_elem {
	enum dl_struct_type type;
	size_t parent; /* index into dl->elems or DL_NO_PARENT */
	struct dl_struct_attrs attrs;
};

/* What an artifact is (PDF 1.7, section 14.8.2.2). Header, footer and
 * watermark are pagination artifacts with that subtype. */
enum dl_artifact {
	DL_ARTIFACT_PAGINATION,
	DL_ARTIFACT_HEADER,
	DL_ARTIFACT_FOOTER,
	DL_ARTIFACT_WATERMARK,
	DL_ARTIFACT_LAYOUT, /* decorative rules and backgrounds */
};

/* ---- operations ---------------------------------------------------------- */

enum dl_op_kind {
	DL_PAGE_BEGIN,
	DL_PAGE_END,
	DL_TEXT,
	DL_LINE,
	DL_RECT,
	DL_PATH,
	DL_IMAGE,
	DL_LINK_URI,
	DL_LINK_DEST,
	DL_DEST,
	DL_OUTLINE,
	DL_NOTE_ANNOT,
	DL_STRUCT_OPEN,
	DL_STRUCT_RESUME,
	DL_STRUCT_CLOSE,
	DL_ARTIFACT_BEGIN,
	DL_ARTIFACT_END,
};

/* Text run flag: the run ends with a hyphen that line breaking added, so
 * the word's text is the run without its last character. */
#define DL_TEXT_HYPHEN_ADDED 1u

struct dl_text {
	double x_pt, y_pt; /* start of the baseline */
	size_t face;       /* index into dl->fonts */
	double size_pt;
	struct dl_rgb color;
	unsigned flags;
	double angle_deg;    /* counter-clockwise about (x, y); 0 for body text */
	double fill_opacity; /* 1 except for a watermark */
	const char *text;    /* UTF-8, no control characters */
};

struct dl_line {
	double x1_pt, y1_pt, x2_pt, y2_pt;
	double width_pt;
	struct dl_rgb color;
	struct dl_dash dash;
};

struct dl_rect {
	double x_pt, y_pt, w_pt, h_pt; /* (x, y) is the bottom-left corner */
	struct dl_paint paint;
};

enum dl_seg_kind { DL_MOVE, DL_LINE_TO, DL_CURVE, DL_CLOSE };

/* One path segment: DL_MOVE and DL_LINE_TO use p[0]; DL_CURVE is a cubic
 * Bézier with control points p[0], p[1] ending at p[2]; DL_CLOSE none. */
struct dl_seg {
	enum dl_seg_kind kind;
	double p[3][2];
};

struct dl_path {
	const struct dl_seg *segs;
	size_t n_segs;
	struct dl_paint paint;
};

/* An image the pages draw: its pixels, decoded once (image.h). */
struct dl_image {
	const char *name;
	const struct image *image;
};

struct dl_image_op {
	size_t image; /* index into dl->images */
	double x_pt, y_pt, w_pt, h_pt;
};

/* A clickable rectangle: to a URI (DL_LINK_URI) or to a destination name
 * (DL_LINK_DEST) defined anywhere in the list by dl_add_dest(). */
struct dl_link {
	double x_pt, y_pt, w_pt, h_pt;
	const char *target;
};

/* A named place on the current page, at height y_pt (top of the view). */
struct dl_dest {
	const char *name;
	double y_pt;
};

/* An entry of the document outline (bookmarks), nested by level. */
struct dl_outline {
	int level; /* 1 to 3, at most one deeper than the entry before */
	const char *title;
	const char *dest;
};

/* A sticky note for drafts. */
struct dl_note {
	double x_pt, y_pt, w_pt, h_pt;
	const char *contents;
	const char *author; /* may be NULL */
};

struct dl_op {
	enum dl_op_kind kind;
	union {
		struct {
			double width_pt, height_pt;
		} page;                       /* DL_PAGE_BEGIN */
		struct dl_text text;          /* DL_TEXT */
		struct dl_line line;          /* DL_LINE */
		struct dl_rect rect;          /* DL_RECT */
		struct dl_path path;          /* DL_PATH */
		struct dl_image_op image;     /* DL_IMAGE */
		struct dl_link link;          /* DL_LINK_URI, DL_LINK_DEST */
		struct dl_dest dest;          /* DL_DEST */
		struct dl_outline outline;    /* DL_OUTLINE */
		struct dl_note note;          /* DL_NOTE_ANNOT */
		size_t elem;                  /* DL_STRUCT_OPEN, DL_STRUCT_RESUME */
		enum dl_artifact artifact;    /* DL_ARTIFACT_BEGIN */
	};
};

/* A TrueType font the pages use: the file's bytes as the font module read
 * them (the renderer embeds these and opens no file), and the path messages
 * name it by. */
struct dl_font {
	const char *path;
	const uint8_t *data;
	size_t size;
};

/* The list. Read the fields freely; change them only through dl_*(). */
struct dl {
	struct arena *arena;

	/* header */
	double page_width_pt, page_height_pt; /* size of dl_page_begin() pages */
	struct dl_info info;
	bool has_created;
	struct dl_date created;
	bool has_id;
	uint8_t id[16];
	bool has_record;
	struct dl_record record;

	struct dl_font *fonts; /* each font file once */
	size_t n_fonts, cap_fonts;
	struct dl_image *images; /* each image file once */
	size_t n_images, cap_images;
	struct dl_page_label *labels;
	size_t n_labels, cap_labels;
	struct dl_struct_elem *elems;
	size_t n_elems, cap_elems;

	struct dl_op *ops;
	size_t n_ops, cap_ops;
	size_t n_pages;

	/* builder state */
	size_t *open; /* stack of open structure elements */
	size_t n_open, cap_open;
	bool in_page, in_artifact;
	int outline_level;
	struct dl_seg *path; /* the path being built */
	size_t n_path, cap_path;
};

/* ---- building ------------------------------------------------------------ */

struct dl *dl_new(void);
void dl_free(struct dl *dl);

/* Copies the non-NULL strings of info. */
void dl_set_info(struct dl *dl, const struct dl_info *info);
void dl_set_created(struct dl *dl, struct dl_date date);
/* The file identifier, derived by the caller from a hash of the input so
 * that the same input gives the same bytes. Without it the PDF has no /ID. */
void dl_set_id(struct dl *dl, const uint8_t id[16]);
/* Copies the record: hashes of printable ASCII, the style UTF-8. */
void dl_set_record(struct dl *dl, const struct dl_record *record);
void dl_set_page_size(struct dl *dl, double width_pt, double height_pt);
void dl_add_page_label(struct dl *dl, size_t first_page, enum dl_label_style style,
		       const char *prefix, int first_number);

/* The index of the font file at path, added on first use. The renderer
 * loads each once, however often it is drawn. The font comes with the
 * file's size bytes at data, which the list copies on first use. */
size_t dl_font_index(struct dl *dl, const char *path, const void *data, size_t size);
/* The index of the decoded image, added on first use under the name it
 * was first drawn by (the src that names it; the dump shows it). The list
 * holds the image, not a copy of its pixels: the image set that made it
 * (the model's) must outlive the list's rendering. */
size_t dl_image_index(struct dl *dl, const char *name, const struct image *image);

/* Pages take the list's page size, or the given one. */
void dl_page_begin(struct dl *dl);
void dl_page_begin_size(struct dl *dl, double width_pt, double height_pt);
void dl_page_end(struct dl *dl);

/* A text run at the baseline start (x, y). flags: 0 or DL_TEXT_HYPHEN_ADDED.
 * The renderer draws it exactly there: word spacing is the caller's job. */
void dl_add_text(struct dl *dl, double x_pt, double y_pt, size_t face, double size_pt,
		 struct dl_rgb color, unsigned flags, const char *utf8);
/* The same for the first len bytes of utf8 (a slice of a longer string). */
void dl_add_text_n(struct dl *dl, double x_pt, double y_pt, size_t face, double size_pt,
		   struct dl_rgb color, unsigned flags, const char *utf8, size_t len);
/* A run turned angle_deg about its start and painted with fill_opacity
 * (the draft watermark). */
void dl_add_text_rotated(struct dl *dl, double x_pt, double y_pt, size_t face,
			 double size_pt, struct dl_rgb color, double angle_deg,
			 double fill_opacity, const char *utf8);

void dl_add_line(struct dl *dl, double x1_pt, double y1_pt, double x2_pt, double y2_pt,
		 double width_pt, struct dl_rgb color, struct dl_dash dash);
void dl_add_rect(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		 const struct dl_paint *paint);

/* Paints with full opacity, no dash. */
struct dl_paint dl_paint_fill(struct dl_rgb fill);
struct dl_paint dl_paint_stroke(struct dl_rgb stroke, double width_pt);
struct dl_paint dl_paint_fill_stroke(struct dl_rgb fill, struct dl_rgb stroke,
				     double width_pt);

/* A path is built with the dl_path_* calls and appended by dl_add_path(),
 * which starts the next one empty. It must begin with dl_path_move_to(). */
void dl_path_move_to(struct dl *dl, double x_pt, double y_pt);
void dl_path_line_to(struct dl *dl, double x_pt, double y_pt);
void dl_path_curve_to(struct dl *dl, double x1_pt, double y1_pt, double x2_pt,
		      double y2_pt, double x3_pt, double y3_pt);
/* A circular arc about (cx, cy) from angle a0 to a1 (degrees,
 * counter-clockwise from the positive x axis; a1 < a0 goes clockwise), as
 * Bézier curves of at most 90 degrees each. It starts with a line to the
 * arc's first point, or a move when the path is empty (pie slice: move to
 * the centre, arc, close). */
void dl_path_arc(struct dl *dl, double cx_pt, double cy_pt, double r_pt, double a0_deg,
		 double a1_deg);
void dl_path_close(struct dl *dl);
void dl_add_path(struct dl *dl, const struct dl_paint *paint);

void dl_add_image(struct dl *dl, size_t image, double x_pt, double y_pt, double w_pt,
		  double h_pt);

/* Links are rectangles (x, y bottom-left) on the current page. A URI may
 * hold any UTF-8; the renderer percent-encodes what needs it. */
void dl_add_link_uri(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		     const char *uri);
void dl_add_link_dest(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		      const char *dest);
/* Names a place on the current page: links and outline entries jump there,
 * showing the page from height y_pt down. Names must be unique. */
void dl_add_dest(struct dl *dl, const char *name, double y_pt);
/* May come anywhere in the list; entries appear in list order. */
void dl_add_outline(struct dl *dl, int level, const char *title, const char *dest);
void dl_add_note(struct dl *dl, double x_pt, double y_pt, double w_pt, double h_pt,
		 const char *contents, const char *author);

/* Opens a new element (attrs may be NULL) and returns its index in
 * dl->elems, which dl_struct_resume() takes. */
size_t dl_struct_open(struct dl *dl, enum dl_struct_type type,
		      const struct dl_struct_attrs *attrs);
void dl_struct_resume(struct dl *dl, size_t elem);
/* Closes the innermost open or resumed element. */
void dl_struct_close(struct dl *dl);

/* Artifacts begin and end on the same page and do not nest; structure
 * cannot be opened, resumed or closed inside one. */
void dl_artifact_begin(struct dl *dl, enum dl_artifact kind);
void dl_artifact_end(struct dl *dl);

/* ---- reading ------------------------------------------------------------- */

/* PDF name of a structure type ("H1", "TH") and of an op kind ("text"). */
const char *dl_struct_type_name(enum dl_struct_type type);
const char *dl_op_name(enum dl_op_kind kind);

/* Prints the list as stable text, one item per line: numbers with exactly
 * two decimals whatever the C locale, strings quoted with \" \\ and \xNN
 * escapes (UTF-8 kept as is), lines inside structure elements and artifacts
 * indented two spaces per level. Layout's golden tests compare this. */
void dl_dump(const struct dl *dl, FILE *out);

/* Writes v with exactly two decimals ("-1.50", never "-0.00") into buf,
 * which must hold at least 32 bytes; returns buf. Locale-independent. */
char *dl_format_pt(double v, char *buf);

#endif
