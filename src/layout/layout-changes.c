/* layout-changes.c - what a draft built with --since shows of the changes
 * since the previous draft (model-diff.c finds them): a bar in the margin
 * beside every box of a new or changed block, a mark where something was
 * removed, and after the contents a page "Changes since the previous
 * draft" listing each change with a link to its page. */
#include "layout-private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The bar stands this far left of the text, this wide. */
#define BAR_GAP_PT 9.0
#define BAR_WIDTH_PT 2.5
#define REMOVED_SIZE_PT 6.0

/* A change's destination is "chg-N" at its block; changes by block, made
 * once per pass, find them. */
struct by_block {
	const struct block *b;
	size_t change;
};

static int by_block_order(const void *pa, const void *pb)
{
	const struct by_block *a = pa, *b = pb;
	if (a->b != b->b)
		return (uintptr_t)a->b < (uintptr_t)b->b ? -1 : 1;
	return a->change < b->change ? -1 : a->change > b->change;
}

static void index_changes(struct layout *lo)
{
	const struct model_diff *d = lo->opts->diff;
	lo->changes_by_block = arena_array(lo->arena, d->n_changes + 1, sizeof *lo->changes_by_block);
	size_t n = 0;
	for (size_t i = 0; i < d->n_changes; i++)
		if (d->changes[i].block)
			lo->changes_by_block[n++] = (struct by_block){ d->changes[i].block, i };
	qsort(lo->changes_by_block, n, sizeof *lo->changes_by_block, by_block_order);
	lo->n_changes_by_block = n;
	lo->changes_indexed = true;
}

/* The removal mark: a small triangle in the margin, pointing at the text. */
static void draw_removed(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	(void)it;
	struct dl *dl = lo->dl;
	bool own = !dl->in_artifact;
	if (own)
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	double x = x_pt - BAR_GAP_PT - REMOVED_SIZE_PT / 2;
	dl_path_move_to(dl, x, top_pt + REMOVED_SIZE_PT / 2);
	dl_path_line_to(dl, x + REMOVED_SIZE_PT, top_pt);
	dl_path_line_to(dl, x, top_pt - REMOVED_SIZE_PT / 2);
	dl_path_close(dl);
	struct dl_paint p = dl_paint_fill(layout_rgb(lo->style->accent));
	dl_add_path(dl, &p);
	if (own)
		dl_artifact_end(dl);
}

void layout_changes_begin(struct layout *lo, const struct block *b)
{
	const struct model_diff *d = lo->opts ? lo->opts->diff : NULL;
	if (!d)
		return;
	if (!lo->changes_indexed)
		index_changes(lo);
	struct by_block key = { b, 0 };
	size_t lo_i = 0, hi = lo->n_changes_by_block;
	while (lo_i < hi) {
		size_t mid = lo_i + (hi - lo_i) / 2;
		if (by_block_order(&lo->changes_by_block[mid], &key) < 0)
			lo_i = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo_i; i < lo->n_changes_by_block && lo->changes_by_block[i].b == b; i++) {
		struct vitem *it = layout_push_box(lo, 0, NULL, NULL, 0);
		it->keep_with_next = true;
		it->dest = arena_printf(lo->arena, "chg-%zu", lo->changes_by_block[i].change);
	}
	if (model_diff_removed_before(d, b))
		layout_push_box(lo, 0, draw_removed, NULL, 0)->keep_with_next = true;
	if (model_diff_changed(d, b))
		lo->changing++;
}

void layout_changes_end(struct layout *lo, const struct block *b)
{
	const struct model_diff *d = lo->opts ? lo->opts->diff : NULL;
	if (d && model_diff_changed(d, b))
		lo->changing--;
}

void layout_changes_bar(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	if (!it->changed || it->height_pt <= 0)
		return;
	struct dl *dl = lo->dl;
	bool own = !dl->in_artifact;
	if (own)
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	struct dl_paint p = dl_paint_fill(layout_rgb(lo->style->accent));
	dl_add_rect(dl, x_pt - BAR_GAP_PT - BAR_WIDTH_PT / 2, top_pt - it->height_pt, BAR_WIDTH_PT,
		    it->height_pt, &p);
	if (own)
		dl_artifact_end(dl);
}

/* ---- the changes page ---------------------------------------------------- */

static void para(struct layout *lo, const struct text_block *tb)
{
	layout_push_open(lo, DL_P, NULL);
	layout_push_lines(lo, tb, false);
	layout_push_close(lo);
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
}

static struct inline_node *text_node(struct layout *lo, enum inline_kind kind, const char *text,
				     struct inline_node ***tail)
{
	struct inline_node *in = arena_alloc(lo->arena, sizeof *in);
	in->kind = kind;
	in->text = text;
	if (tail) {
		**tail = in;
		*tail = &in->next;
	}
	return in;
}

static const char *const group_titles[] = {
	[CHANGE_FIGURE] = "Figures",
	[CHANGE_SECTION_ADDED] = "Sections added",
	[CHANGE_SECTION_REMOVED] = "Sections removed",
	[CHANGE_TEXT] = "Texts changed",
	[CHANGE_COMMENT] = "Comments added by the scrutineer",
};

void layout_changes_page(struct layout *lo)
{
	const struct model_diff *d = lo->opts ? lo->opts->diff : NULL;
	if (!d)
		return;
	const struct style *st = lo->style;
	double width = style_text_width_pt(st);
	layout_push_page_break(lo);
	const struct vorigin *outer = layout_origin_push(lo, PLACE_CHANGES, (struct srcpos){ 0 },
							 (struct srcpos){ 0 }, NULL);
	layout_push_open(lo, DL_SECT, NULL);
	const char *title = "Changes since the previous draft";
	dl_add_outline(lo->dl, 1, title, "changes");
	struct text_block *h = layout_set_text(lo, title, STYLE_H1, st->text[STYLE_H1].face, width,
					       ALIGN_DEFAULT);
	layout_push_open(lo, DL_H1, NULL);
	layout_push_lines(lo, h, true);
	if (h->n_lines)
		lo->items[lo->n_items - h->n_lines].dest = "changes";
	layout_push_close(lo);
	layout_push_space(lo, st->text[STYLE_H1].space_after_pt);

	const char *intro = arena_printf(
		lo->arena,
		"This draft compared with the previous one (its inputs %.7s): %zu change%s. A bar "
		"in the margin marks what is new or changed, a triangle where something was "
		"removed.",
		lo->opts->since_hash ? lo->opts->since_hash : "", d->n_changes,
		d->n_changes == 1 ? "" : "s");
	para(lo, layout_set_text(lo, intro, STYLE_BODY, st->text[STYLE_BODY].face, width,
				 ALIGN_DEFAULT));
	int group = -1;
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct model_change *c = &d->changes[i];
		if ((int)c->kind != group) {
			group = (int)c->kind;
			struct text_block *g = layout_set_text(lo, group_titles[group], STYLE_H2,
							       st->text[STYLE_H2].face, width,
							       ALIGN_DEFAULT);
			layout_push_open(lo, DL_H2, NULL);
			layout_push_lines(lo, g, true);
			layout_push_close(lo);
			layout_push_space(lo, st->text[STYLE_H2].space_after_pt);
		}
		struct inline_node *first = NULL, **tail = &first;
		text_node(lo, IN_TEXT, arena_printf(lo->arena, "%s", c->text), &tail);
		const char *dest = arena_printf(lo->arena, "chg-%zu", i);
		int page = c->block ? layout_dest_page(lo, dest) : 0;
		if (c->block) {
			text_node(lo, IN_TEXT, " (page ", &tail);
			struct inline_node *link = text_node(lo, IN_LINK, NULL, &tail);
			link->target = arena_printf(lo->arena, "#%s", dest);
			link->children = text_node(lo, IN_TEXT,
						   page > 0 ? arena_printf(lo->arena, "%d", page)
							    : "00",
						   NULL);
			text_node(lo, IN_TEXT, ")", &tail);
		}
		para(lo, layout_set_inlines(lo, first, STYLE_BODY, width, ALIGN_DEFAULT));
	}
	layout_push_close(lo);
	lo->origin = outer;
	/* The page of changes stands on its own pages, like the contents:
	 * the report's first section starts after it whatever the style. */
	layout_push_page_break(lo);
}
