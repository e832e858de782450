/* layout-fixture.h - a layout pass set up by hand, for the tests of the
 * layout producers (tables, charts) that call them without layout.c's
 * driver. The test program loads fam and font_paths and builds M. */
#ifndef REPORTC_LAYOUT_FIXTURE_H
#define REPORTC_LAYOUT_FIXTURE_H

#include <stdlib.h>

#include "dl.h"
#include "font.h"
#include "layout-private.h"
#include "model.h"
#include "style.h"

static struct font_family fam;
static const char *font_paths[FACE_COUNT];
static struct model *M;

/* A first pass over M in style st, with an empty display list whose font
 * i is face i, so that a text op's face index names its face. */
static inline struct layout *new_layout(const struct style *st)
{
	struct layout *lo = calloc(1, sizeof *lo);
	static struct layout_options opts;
	static struct diags diags;
	lo->model = M;
	lo->style = st;
	lo->fonts = &fam;
	lo->opts = &opts;
	lo->diags = &diags;
	lo->dl = dl_new();
	lo->arena = arena_new();
	lo->pass = 1;
	lo->last_link_elem = DL_NO_PARENT;
	for (int i = 0; i < FACE_COUNT; i++)
		lo->face[i] = dl_font_index(lo->dl, font_paths[i]);
	return lo;
}

static inline void free_layout(struct layout *lo)
{
	free(lo->items);
	free(lo->dests);
	free(lo->footnotes);
	dl_free(lo->dl);
	arena_free(lo->arena);
	free(lo);
}

#endif
