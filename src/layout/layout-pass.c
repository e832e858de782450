/* layout-pass.c - a layout pass's state: its set-up and release (the
 * driver's and the tests' alike), the display list's face of each font
 * face, colours, and the pages the previous pass found for destinations. */
#include "layout-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void layout_pass_begin(struct layout *lo, const struct model *m, const struct style *style,
		       const struct font_family *fonts, const struct layout_options *opts,
		       struct diags *d, int pass)
{
	*lo = (struct layout){
		.model = m,
		.style = style,
		.fonts = fonts,
		.opts = opts,
		.diags = d,
		.dl = dl_new(),
		.arena = arena_new(),
		.pass = pass,
		.last_link_elem = DL_NO_PARENT,
	};
	/* The display list's fonts in face order: the renderer embeds the
	 * bytes the font module read (it opens no file), named by the paths
	 * the options give, or the style's. */
	for (int f = 0; f < FACE_COUNT; f++) {
		const char *path = opts ? opts->font_paths[f] : NULL;
		if (!path)
			path = arena_printf(lo->arena, "%s/%s", style->fonts.dir, style->fonts.file[f]);
		size_t size;
		const void *bytes = font_bytes(fonts->face[f], &size);
		lo->face[f] = dl_font_index(lo->dl, path, bytes, size);
	}
}

void layout_pass_end(struct layout *lo)
{
	free(lo->items);
	free(lo->dests);
	free(lo->footnotes);
	layout_sources_free(&lo->sources);
	arena_free(lo->arena);
	lo->items = NULL;
	lo->dests = NULL;
	lo->footnotes = NULL;
	lo->arena = NULL;
}

size_t layout_face(const struct layout *lo, enum font_face face)
{
	return lo->face[face];
}

static uint8_t channel(double v)
{
	if (!(v > 0))
		return 0;
	if (v >= 1)
		return 255;
	return (uint8_t)lround(v * 255.0);
}

struct dl_rgb layout_rgb(struct rgb c)
{
	return (struct dl_rgb){ channel(c.r), channel(c.g), channel(c.b) };
}

static int compare_dest_names(const void *a, const void *b)
{
	return strcmp(((const struct layout_dest_page *)a)->name,
		      ((const struct layout_dest_page *)b)->name);
}

/* prev_dests is sorted by name (layout_pass_dests), so a look-up is a
 * search. */
int layout_dest_page(const struct layout *lo, const char *name)
{
	struct layout_dest_page key = { .name = name };
	const struct layout_dest_page *found =
		lo->n_prev_dests ? bsearch(&key, lo->prev_dests, lo->n_prev_dests,
					   sizeof *lo->prev_dests, compare_dest_names)
				 : NULL;
	return found ? found->page : 0;
}


struct layout_dest_page *layout_pass_dests(const struct layout *lo, struct arena *into)
{
	struct layout_dest_page *dests =
		arena_array(into, lo->n_dests ? lo->n_dests : 1, sizeof *dests);
	for (size_t i = 0; i < lo->n_dests; i++)
		dests[i] = (struct layout_dest_page){
			.name = arena_strdup(into, lo->dests[i].name),
			.page = lo->dests[i].page,
		};
	qsort(dests, lo->n_dests, sizeof *dests, compare_dest_names);
	return dests;
}
