/* layout-fixture.h - a layout pass for the tests of the layout producers
 * (tables, charts) that call them without layout.c's driver, set up by the
 * driver's own layout_pass_begin(). The test program loads fam and
 * font_paths and builds M. */
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

/* A first pass over M in style st (layout_pass_begin(), as the driver
 * sets up each pass), with an empty display list whose font i is face i,
 * so that a text op's face index names its face. */
static inline struct layout *new_layout(const struct style *st)
{
	struct layout *lo = malloc(sizeof *lo);
	static struct layout_options opts;
	static struct diags diags;
	for (int i = 0; i < FACE_COUNT; i++)
		opts.font_paths[i] = font_paths[i];
	layout_pass_begin(lo, M, st, &fam, &opts, &diags, 1);
	return lo;
}

static inline void free_layout(struct layout *lo)
{
	layout_pass_end(lo);
	dl_free(lo->dl);
	free(lo);
}

#endif
