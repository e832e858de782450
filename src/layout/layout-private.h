/* layout-private.h - what the layout files share: the pass state, the
 * vertical list that the page builder breaks into pages, and text set in
 * lines. Not for use outside layout-*.c and chart-*.c.
 *
 * How a report is laid out:
 *  1. Block layout (layout-block.c, layout-table.c, layout-kpi.c, chart-*.c)
 *     turns each block into items of the vertical list: boxes of fixed
 *     height that know how to draw themselves, spaces, page breaks, and
 *     zero-height structure marks (open/close of a structure element).
 *  2. The page builder (layout-page.c) walks the items in order, chooses
 *     page breaks (keep-with-next, widows and orphans, "(continued)"
 *     headers, footnotes at the foot of the citing page), and calls each
 *     box's draw function with its position on the page. Structure marks
 *     are passed to the display list as they are met, so structure is in
 *     reading order whatever the pages.
 *  3. The whole is done twice (layout.c): the first pass learns the page of
 *     every destination, the second prints them in the contents and refs.
 *
 * Memory: everything in a pass is allocated from lo->arena, valid until
 * the pass ends; the display list belongs to the caller. */
#ifndef REPORTC_LAYOUT_PRIVATE_H
#define REPORTC_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dl.h"
#include "figure.h"
#include "font.h"
#include "layout.h"
#include "model.h"
#include "style.h"

struct layout;
struct vitem;

/* Draws a box with its top-left corner at (x_pt, top_pt) on the current
 * page; y grows upwards, so the box occupies top_pt - height down to top_pt. */
typedef void layout_draw_fn(struct layout *lo, const struct vitem *item, double x_pt,
			    double top_pt);

enum vitem_kind {
	V_BOX,        /* content of height_pt, drawn by draw() */
	V_SPACE,      /* vertical space, dropped at the top of a page */
	V_PAGE_BREAK, /* <page-break/> and before each top-level section */
	V_OPEN,       /* opens a structure element (struct_type, attrs) */
	V_CLOSE,      /* closes the innermost one */
};

/* What to draw at the top of a page when a break falls inside a run of
 * boxes that carry it: a table's title marked "(continued)" and its header
 * row. Drawn as an artifact (the header is already in the structure once). */
struct vcontinue {
	double height_pt;
	layout_draw_fn *draw;
	const void *data;
};

/* A footnote cited in a box: placed at the foot of the page that holds the
 * box, re-entering the Note structure element made when the citation was
 * drawn (note->elem, set by the citing box's draw function). */
struct footnote {
	int number;                   /* 1, 2, … in order of citation */
	const struct inline_node *note;
	double height_pt;             /* set in the text width, footnote role */
	struct text_block *text;
	size_t elem;                  /* the Note element, DL_NO_PARENT until drawn */
	const struct section *section; /* of the citing block (`reportc notes`) */
};

/* Where a box comes from (struct layout_source without its page): one per
 * block, list item or table row, in the pass arena, shared by its boxes. */
struct vorigin {
	enum layout_place place;
	struct srcpos pos, data_pos;
	const struct section *section;
};

struct vitem {
	enum vitem_kind kind;
	double height_pt;             /* V_BOX: height; V_SPACE: the space */
	bool keep_with_next;          /* V_BOX: no page break after this box */
	layout_draw_fn *draw;
	const void *data;             /* for draw() */
	size_t index;                 /* for draw(): which line or row of data */
	const struct vcontinue *cont; /* header to repeat after a break before this box */
	struct footnote **notes;      /* footnotes cited in this box */
	size_t n_notes;
	enum dl_struct_type struct_type;    /* V_OPEN */
	struct dl_struct_attrs attrs;       /* V_OPEN, strings in the pass arena */
	const char *dest;             /* a destination to define at the box's top, or NULL */
	bool changed;                 /* --since: part of a new or changed block (a bar) */
	const struct vorigin *origin; /* V_BOX: lo->origin when pushed; NULL is the cover */
	const char *elem;             /* V_BOX: lo->block_elem when pushed, for findings */
};

/* ---- text set in lines ---------------------------------------------------- */

/* A run of text in one face, size and colour on one line, at x_pt from the
 * line's start. link is a URI or a destination name ("#id"), or NULL. */
struct text_run {
	const char *text;
	size_t len;
	enum font_face face;
	double size_pt;
	struct dl_rgb color;
	double x_pt, width_pt;
	const char *link;
	bool hyphen_added;            /* the run ends with a hyphen line breaking added */
	bool superscript;             /* a footnote mark */
	struct footnote *note;        /* the footnote this mark cites */
	bool gap;                     /* a draft's gap still to fill: highlighted */
};

struct text_line {
	struct text_run *runs;
	size_t n_runs;
	double width_pt;              /* natural width of the content */
	double ascent_pt, descent_pt; /* of the tallest run */
};

/* A paragraph (or cell, or caption) broken into lines at a given width. */
struct text_block {
	struct text_line *lines;
	size_t n_lines;
	double leading_pt;            /* baseline to baseline */
	double width_pt;              /* the measure it was set in */
	bool justify;
	enum cell_align align;        /* ALIGN_DEFAULT is left */
	struct footnote **notes;      /* footnotes cited, in order */
	size_t n_notes;
};

/* ---- the pass ----------------------------------------------------------- */

struct layout_dest_page {
	const char *name;
	int page;                     /* 1-based, as printed */
};

struct layout {
	const struct model *model;
	/* A draft's model with its gaps filled (layout-gaps.c), NULL when the
	 * build is final or nothing is still to enter. */
	const struct model *filled;
	const struct style *style;
	const struct font_family *fonts;
	const struct layout_options *opts;
	struct diags *diags;
	struct dl *dl;
	struct arena *arena;          /* this pass */
	size_t face[FACE_COUNT];      /* dl font index of each face */
	int pass;                     /* 1 or 2 */

	/* The vertical list being built. */
	struct vitem *items;
	size_t n_items, cap_items;

	/* Pages of destinations found by the previous pass (names "sec-ID"). */
	struct layout_dest_page *prev_dests;     /* sorted by name */
	size_t n_prev_dests;
	int prev_page_count;
	/* Pages found by this pass. */
	struct layout_dest_page *dests;
	size_t n_dests, cap_dests;

	int page;                     /* the current page, 1-based */
	/* The name of the innermost block whose boxes are being pushed
	 * ("chart"), NULL outside the body: for layout's findings, which are
	 * reported at the origin's position. */
	const char *block_elem;
	int footnote_count;

	/* Footnotes made in this pass, one per note node: a note set twice
	 * (measured, then set) keeps its number. */
	struct footnote **footnotes;
	size_t n_footnotes, cap_footnotes;
	/* The Link element of the link drawn last: when the same link goes on
	 * into the next line, its element is resumed rather than repeated. */
	const char *last_link;
	size_t last_link_elem;

	/* The charts whose data tables go to the "Data tables" annex
	 * (chart.c), in order: the n-th is linked "fig-n" and "annex-n". */
	struct chart_annexed *annexed;
	size_t n_annexed, cap_annexed;
	bool annex_wanted;            /* layout_chart_annex_section()'s walk */

	/* A draft's notes (layout-draft.c): the map of warnings to places,
	 * made once per build, and this pass's progress through it: which
	 * places have their anchor, which warnings their note, and how far
	 * down the margin of draft_note_page the notes reach, in which column.
	 * NULL when the build is not a draft. */
	const struct layout_draft *draft;
	/* --since (layout-changes.c): inside how many changed blocks the
	 * boxes being pushed are, and the changes by block, made once a pass. */
	int changing;
	struct by_block *changes_by_block;
	size_t n_changes_by_block;
	bool changes_indexed;
	/* What the boxes pushed now show (layout_origin_push()), and what
	 * the drawn ones showed, when opts->sources asks for it. */
	const struct vorigin *origin;
	struct layout_sources sources;
	bool *draft_anchored, *draft_noted;
	int draft_note_page, draft_note_column;
	double draft_note_floor_pt;
	/* Section numbers ("2.1") when the style numbers sections, made once
	 * a pass in the pass arena, sorted by the section's address. */
	struct section_number *section_numbers;
	size_t n_section_numbers;
	bool section_numbers_made;
};

/* ---- the pass (layout-pass.c) ------------------------------------------- */

/* Sets up *lo for pass `pass` (1 or 2, or more) of m: a new display list
 * whose fonts are the four faces of fonts in order, with their bytes and
 * named by opts->font_paths (or the style's files when opts or a path is
 * NULL), a new arena, an empty
 * vertical list, no destinations known from a previous pass (the driver
 * sets prev_dests and prev_page_count). opts and d are kept, not copied. */
void layout_pass_begin(struct layout *lo, const struct model *m, const struct style *style,
		       const struct font_family *fonts, const struct layout_options *opts,
		       struct diags *d, int pass);
/* Frees what the pass allocated except the display list, which stays the
 * caller's (kept as the result, or dl_free()). */
void layout_pass_end(struct layout *lo);
/* The destinations this pass found, copied into `into` and sorted by name,
 * as the next pass's prev_dests (lo->n_dests of them). */
struct layout_dest_page *layout_pass_dests(const struct layout *lo, struct arena *into);

/* The dl face index and colour conversion every drawer needs. */
size_t layout_face(const struct layout *lo, enum font_face face);
struct dl_rgb layout_rgb(struct rgb c);
/* The page of a destination in the previous pass, or 0 when unknown. */
int layout_dest_page(const struct layout *lo, const char *name);

/* ---- the vertical list (layout-page.c) --------------------------------- */

/* Appending to the vertical list. The item layout_push_box() returns may
 * be changed until the next push, which may move the list. */
struct vitem *layout_push_box(struct layout *lo, double height_pt, layout_draw_fn *draw,
			      const void *data, size_t index);
void layout_push_space(struct layout *lo, double space_pt);
void layout_push_page_break(struct layout *lo);
/* Consecutive spaces merge into the larger one (structure marks and boxes
 * of no height between them do not separate them), so that the space
 * between two blocks is the larger of the first's space after and the
 * second's space before. */
/* attrs may be NULL; its strings must live as long as the pass. */
/* Makes the boxes pushed from now on show pos (data_pos: a data file's
 * element, or a NULL file) within section, in place; returns the origin
 * it replaces, which the caller restores with lo->origin = old. */
const struct vorigin *layout_origin_push(struct layout *lo, enum layout_place place,
					 struct srcpos pos, struct srcpos data_pos,
					 const struct section *section);
void layout_push_open(struct layout *lo, enum dl_struct_type type,
		      const struct dl_struct_attrs *attrs);
void layout_push_close(struct layout *lo);

/* ---- text (layout-text.c) ---------------------------------------------- */

/* Width of UTF-8 text in points. */
double layout_text_width(const struct layout *lo, enum font_face face, double size_pt,
			 const char *utf8, size_t len);

/* Sets inline content in lines width_pt wide in the given role (face,
 * size, colour, leading from the style; bold/italic from em and strong),
 * resolving value, change and ref, breaking overlong words at sensible
 * points (never past width_pt). */
struct text_block *layout_set_inlines(struct layout *lo, const struct inline_node *inlines,
				      enum style_role role, double width_pt,
				      enum cell_align align);
/* The same for plain UTF-8 text (titles, labels, captions). */
struct text_block *layout_set_text(struct layout *lo, const char *utf8, enum style_role role,
				   enum font_face face, double width_pt, enum cell_align align);
/* Height of a set block: lines × leading (a line whose font is taller
 * than the leading, such as a large heading, takes the font's height). */
double layout_text_height(const struct text_block *tb);
/* Height of line i alone; the heights of a block's lines add up to
 * layout_text_height(). */
double layout_line_height(const struct text_block *tb, size_t i);
/* The footnotes cited in lines [first, first + count) of tb, in order, into
 * *out (pass arena); returns how many. For vitem.notes of a line's box. */
size_t layout_line_notes(struct layout *lo, const struct text_block *tb, size_t first,
			 size_t count, struct footnote ***out);
/* Ends the line with a space after its measured width: invisible, but
 * text taken from the PDF (and read aloud from its tags) keeps the word
 * boundary there instead of joining the line to what follows it. */
void layout_line_end_space(struct layout *lo, struct text_line *ln);
/* Text with every run of white space made one space and the ends trimmed,
 * as HTML shows text nodes; in the pass arena. NULL gives "". */
const char *layout_collapse(struct layout *lo, const char *utf8);
/* A figure printed as the data prints it ("38%", "£96,500", "265"), in
 * the pass arena: tables, tiles and charts. */
const char *layout_format(struct layout *lo, struct figure value);
/* Draws lines [first, first + count) of tb with the first baseline placed
 * so that the block's top is at top_pt; links become link annotations
 * inside Link structure elements, footnote marks open their Note. */
void layout_draw_text(struct layout *lo, const struct text_block *tb, size_t first,
		      size_t count, double x_pt, double top_pt);

/* Blocks of other files: each appends items for one block. */
void layout_table(struct layout *lo, const struct block *b);        /* layout-table.c */
void layout_data_table(struct layout *lo, const struct block *b);   /* layout-table.c */
void layout_kpis(struct layout *lo, const struct block *b);         /* layout-kpi.c */
void layout_chart(struct layout *lo, const struct block *b);        /* chart.c */
/* The "Data tables" annex: a section at the end holding the data table of
 * each chart placed there (table="annex", or table="yes" when the style's
 * table-annex says so), each linked to its chart and back. Nothing when
 * no chart puts its table there. layout_chart_annex_section() gives the
 * section the contents lists (id ":data-tables", which no report's id can
 * be), or NULL when there is none. */
void layout_chart_annex(struct layout *lo);                            /* chart.c */
const struct section *layout_chart_annex_section(struct layout *lo);   /* chart.c */
/* Appends a data table for ds (layout-table.c). title may be NULL (the
 * table under a chart): the "(continued)" header then names `continued`.
 * Rows follow `sort` like the chart above them. */
void layout_dataset_table(struct layout *lo, const struct dataset *ds, const char *title,
			  const char *continued, enum sort_order sort);


/* ---- the parts of a pass (layout-block.c, layout-page.c, layout-furniture.c) */

/* Appends the items of one block, a section (with its heading, its blocks,
 * its subsections and the scrutineer's comment on it) included. */
void layout_block(struct layout *lo, const struct block *b);        /* layout-block.c */
/* A section's title as headings, the contents and the outline print it:
 * "Appendix 1: Managing Allegations (LADO)" for the first appendix. */
const char *layout_section_title(struct layout *lo, const struct section *s); /* layout-block.c */
/* Breaks the vertical list into pages and draws them into lo->dl; returns
 * the number of pages. */
int layout_pages(struct layout *lo);                                 /* layout-page.c */
/* A paragraph's lines as boxes, with the widow and orphan rule (keep_all:
 * every line keeps with the next, as for a heading); the draft's pages and
 * the changes page share it. */
void layout_push_lines(struct layout *lo, const struct text_block *tb,
		       bool keep_all);                                      /* layout-draft.c */
/* The decoded image src names (elem is "figure src" or "logo src"), from
 * the model's image set; NULL when it cannot be drawn, reported at pos in
 * the first pass (check has normally reported it already). */
const struct image *layout_image(struct layout *lo, struct srcpos pos, const char *elem,
				 const char *src);                   /* layout-block.c */
/* Draws what every page carries, as artifacts, before the page ends: the
 * running header and footer, and over the content a draft's watermark. */
void layout_page_furniture(struct layout *lo);                       /* layout-furniture.c */
/* "Sefton SCP Annual Report 2023–2024": the PDF's title, which a viewer
 * shows in its title bar; in the pass arena. */
const char *layout_short_title(struct layout *lo);                   /* layout-furniture.c */
/* The running header: the partnership's short name and the title's short
 * form (the title when it has none), or, when that does not fit on one
 * line, the short name alone; never a line cut mid-phrase. */
const char *layout_running_title(struct layout *lo);                 /* layout-furniture.c */

/* ---- a draft's changes since the previous one (layout-changes.c) ------- */

/* Around the layout of each block: its changes' destinations, a mark where
 * something before it was removed, and bars for the boxes it pushes. */
void layout_changes_begin(struct layout *lo, const struct block *b);
void layout_changes_end(struct layout *lo, const struct block *b);
/* The bar beside a box of a changed block, when the page draws it. */
void layout_changes_bar(struct layout *lo, const struct vitem *it, double x_pt, double top_pt);
/* The page "Changes since the previous draft", after the contents. */
void layout_changes_page(struct layout *lo);

/* ---- a draft's gaps (layout-gaps.c) ------------------------------------ */

/* Is anything still to enter in this draft? */
bool layout_has_gaps(const struct layout *lo);
/* "[to enter: referrals 2024-25]" when PATH fails only for figures still
 * to enter; NULL otherwise. */
const char *layout_gap_figure(struct layout *lo, const char *path);
/* The dataset of PATH with its gaps marked (ds_cell.gap): ds as resolved
 * (NULL when it did not), or, when only the filled model has it, that one
 * with every figure a gap. *n_gaps counts them. */
struct dataset *layout_gap_dataset(struct layout *lo, const char *path, struct dataset *ds,
				   size_t *n_gaps);
/* "Referrals 2024-25, Contacts 2024-25 and 3 more": the gaps of ds. */
const char *layout_gap_list(struct layout *lo, const struct dataset *ds);

/* ---- a draft's notes (layout-draft.c) ----------------------------------- */

struct layout_draft;
/* Maps each warning of w (in the order w lists them) to the places it
 * concerns: the blocks of m that show what it names, or the cover. Owned
 * by the caller (layout_draft_free()); valid while m is. */
struct layout_draft *layout_draft_new(const struct model *m, const struct diags *w);
void layout_draft_free(struct layout_draft *dr);
/* Starts a pass over the map (dr NULL: not a draft). */
void layout_draft_begin_pass(struct layout *lo, const struct layout_draft *dr);
/* Where block b (NULL: the cover) is about to be laid out: when a warning
 * concerns it, a box of no height that keeps with the block, defines its
 * destination and draws there the notes not drawn before. Once a pass. */
void layout_draft_anchor(struct layout *lo, const struct block *b);
/* The closing page: every warning, with the pages of its places. */
void layout_draft_open_points(struct layout *lo);

#endif
