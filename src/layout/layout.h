/* layout.h - typesetting the model into a display list (no PDF here).
 *
 * Layout measures text through font.h, breaks lines (layout-break.c) and
 * pages (layout-page.c), draws tables and charts, and writes positioned
 * operations with the document's logical structure into a struct dl. The
 * renderer (render-pdf.c) then walks that list once. */
#ifndef REPORTC_LAYOUT_H
#define REPORTC_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dl.h"
#include "font.h"
#include "model.h"
#include "model-diff.h"
#include "style.h"

/* What a box of a page shows, for `reportc notes`, which lays a draft out
 * again to find the element a reviewer's note sits on: a block of a
 * section (its element, or a finer one: a list item, a table row), or a
 * page reportc makes itself (the report's root element stands for those):
 * the cover, the contents, the changes since the previous draft, a
 * draft's open points. */
enum layout_place { PLACE_BLOCK, PLACE_COVER, PLACE_CONTENTS, PLACE_CHANGES, PLACE_OPEN_POINTS };

struct layout_source {
	int page;                      /* 1-based */
	double top_pt, bottom_pt;      /* from the page's foot, as in the dl */
	enum layout_place place;
	struct srcpos pos;             /* PLACE_BLOCK: the element it shows */
	/* A table row drawn from a data file: the element there that holds
	 * the row's figure; file NULL otherwise. */
	struct srcpos data_pos;
	const struct section *section; /* the innermost section, or NULL */
};

/* Every box of height drawn on the result's pages, in the order drawn.
 * items is malloc'd: layout_sources_free(). Valid while the model is. */
struct layout_sources {
	struct layout_source *items;
	size_t n, cap;
};

void layout_sources_free(struct layout_sources *s);

struct layout_options {
	bool draft;              /* --draft: watermark, stamp, notes, open points */
	/* The footer stamp of a draft ("Draft · built 2026-11-22 · inputs
	 * 3fa2c1d"), or NULL. */
	const char *draft_stamp;
	/* The check's findings: in a draft, each warning becomes a note at the
	 * place it concerns (layout-draft.c) and an entry of the open points
	 * page, in the order given here (diags_sort() them first). */
	const struct diags *warnings;
	/* --since: what changed since the previous draft (change bars, a
	 * "Changes since the previous draft" page), and that draft's inputs
	 * hash; NULL otherwise. */
	const struct model_diff *diff;
	const char *since_hash;
	/* The paths of the family's files, for messages: the renderer embeds
	 * the bytes the font module read from them and opens no file. */
	const char *font_paths[FACE_COUNT];
	unsigned char document_id[16];     /* from a hash of the inputs */
	bool has_date;
	struct date date;        /* the document's date (sign-off or SOURCE_DATE_EPOCH) */
	/* Out: when non-NULL, receives what each box of the result shows
	 * (an empty struct on entry). */
	struct layout_sources *sources;
};

/* The most pages a report may have: libharu 2.3.0 keeps every page in one
 * /Kids array, which holds at most 32,767 entries. More is a finding at the
 * report's root element, found before any page is drawn. */
#define LAYOUT_MAX_PAGES 32767

/* Typesets the checked model, whose characters check_glyphs() has found
 * in these fonts. Findings that only layout can make (an image that cannot
 * be typeset, a block taller than a page, more than LAYOUT_MAX_PAGES pages)
 * go to d
 * as errors with their source position; the result is then NULL. Returns
 * a display list owned by the caller (dl_free()). */
struct dl *layout_report(const struct model *m, const struct style *style,
			 const struct font_family *fonts, const struct layout_options *opts,
			 struct diags *d);

/* Lays out each of blocks[0..n) alone, in one pass and without cover,
 * contents or open points, each inside a Div element of its own at the top
 * of the list's structure (those Divs, in order, are the blocks). For a
 * second back end (render-html.c) that takes from layout what layout
 * computes for a block: a data table's rows and notes, a chart's geometry,
 * caption and alternative text, a draft's box for a chart still to enter;
 * so that both editions say the same. Page references print as "(page
 * 00)". Returns a list owned by the caller (dl_free()), or NULL with the
 * findings in d. */
struct dl *layout_blocks(const struct model *m, const struct style *style,
			 const struct font_family *fonts, const struct layout_options *opts,
			 const struct block *const *blocks, size_t n, struct diags *d);

/* What a draft prints for a figure path still to enter: "[to enter:
 * referrals 2024-25]" when PATH resolves in filled (the model with its gaps
 * filled, model_gaps_filled()) but not in m; NULL otherwise. In arena.
 * Layout prints this; so does the HTML edition. */
const char *layout_gap_text(const struct model *m, const struct model *filled,
			    const char *path, struct arena *arena);

/* A draft's notes, for another back end (the HTML edition): each warning
 * of a --draft, in the order given, said as the PDF's notes say it, with
 * the blocks it concerns in print order (a NULL block is the cover; none:
 * it concerns no place). The same map layout uses for its sticky notes and
 * the open points page. Valid until layout_notes_free(). */
struct layout_note {
	const char *message;          /* in plain English */
	const char *where;            /* "lado.xml:40:7" */
	const struct block **places;
	size_t n_places;
};

struct layout_notes {
	struct layout_note *notes;
	size_t n;
	struct layout_draft *draft;   /* what holds them */
};

struct layout_notes *layout_notes_new(const struct model *m, const struct diags *warnings);
void layout_notes_free(struct layout_notes *notes);

#endif
