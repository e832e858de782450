/* layout-block.c - blocks into the vertical list: sections and headings,
 * paragraphs, lists, quotes, callouts, signatures, figures, page breaks and
 * the scrutineer's comments, perspective and conclusion. */
#include "layout-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vocab.h"

/* A box drawn round a stretch of blocks (callout, scrutineer). It is drawn
 * in slices, each box of the stretch painting its own height, so that it
 * follows the content across page breaks; caps at the top and bottom hold
 * the padding and the horizontal borders. */
struct frame {
	const struct style_box *box;
	double x_pt, width_pt;        /* from the left margin */
};

/* A vertical bar beside a stretch of lines (quotes). */
struct bar {
	double x_pt, width_pt;        /* from the left margin */
	struct dl_rgb color;
};

/* Where and in what the blocks of one stretch are set. */
struct flow {
	double x_pt, width_pt;        /* content, from the left margin */
	enum style_role role;         /* text of paragraphs and list items */
	int level;                    /* of the section the blocks are in */
	const struct section *section; /* that section, or NULL */
	const struct frame *frame;
	const struct bar *bar;
	double pending_pt;            /* space owed inside a frame */
	bool fresh;                   /* nothing set since the frame opened */
};

/* A text block placed in a flow: one box per line draws line `index`. */
struct text_place {
	const struct text_block *tb;
	double x_pt;
	const struct frame *frame;
	const struct bar *bar;
	bool first_decorated;         /* line 0's decoration is its label's */
};

static void flow_blocks(struct layout *lo, struct flow *f, const struct block *b);

/* ---- decoration --------------------------------------------------------- */

enum cap { CAP_NONE, CAP_TOP, CAP_BOTTOM };

/* One slice of a frame: fill, side borders and, for a cap, the border
 * across. Decoration, so an artifact. */
static void draw_frame_slice(struct layout *lo, const struct frame *fr, double x_pt,
			     double top_pt, double h_pt, enum cap cap)
{
	const struct style_box *box = fr->box;
	struct dl *dl = lo->dl;
	bool border = !box->border.none && box->border_width_pt > 0;
	if ((box->fill.none && !border) || h_pt <= 0)
		return;
	double x = x_pt + fr->x_pt, w = fr->width_pt, bw = box->border_width_pt;
	dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	if (!box->fill.none) {
		struct dl_paint p = dl_paint_fill(layout_rgb(box->fill.rgb));
		dl_add_rect(dl, x, top_pt - h_pt, w, h_pt, &p);
	}
	if (border) {
		struct dl_rgb c = layout_rgb(box->border.rgb);
		dl_add_line(dl, x + bw / 2, top_pt, x + bw / 2, top_pt - h_pt, bw, c, DL_SOLID);
		dl_add_line(dl, x + w - bw / 2, top_pt, x + w - bw / 2, top_pt - h_pt, bw, c,
			    DL_SOLID);
		if (cap == CAP_TOP)
			dl_add_line(dl, x, top_pt - bw / 2, x + w, top_pt - bw / 2, bw, c, DL_SOLID);
		else if (cap == CAP_BOTTOM)
			dl_add_line(dl, x, top_pt - h_pt + bw / 2, x + w, top_pt - h_pt + bw / 2, bw, c,
				    DL_SOLID);
	}
	dl_artifact_end(dl);
}

static void draw_bar(struct layout *lo, const struct bar *bar, double x_pt, double top_pt,
		     double h_pt)
{
	struct dl_paint p = dl_paint_fill(bar->color);
	dl_artifact_begin(lo->dl, DL_ARTIFACT_LAYOUT);
	dl_add_rect(lo->dl, x_pt + bar->x_pt, top_pt - h_pt, bar->width_pt, h_pt, &p);
	dl_artifact_end(lo->dl);
}

static void draw_decoration(struct layout *lo, const struct frame *fr, const struct bar *bar,
			    double x_pt, double top_pt, double h_pt)
{
	if (fr)
		draw_frame_slice(lo, fr, x_pt, top_pt, h_pt, CAP_NONE);
	if (bar)
		draw_bar(lo, bar, x_pt, top_pt, h_pt);
}

/* ---- the flow: spaces, frames, lines ------------------------------------ */

/* Space between blocks. Outside frames the vertical list merges and drops
 * spaces; inside one a space must be painted, so it waits as pending and
 * becomes a filler slice only when content follows (none after the top
 * cap, none before the bottom cap: the padding is there). */
static void space(struct layout *lo, struct flow *f, double space_pt)
{
	if (!f->frame) {
		layout_push_space(lo, space_pt);
		return;
	}
	if (!f->fresh && space_pt > f->pending_pt)
		f->pending_pt = space_pt;
}

static void draw_filler(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct text_place *pl = it->data;
	draw_decoration(lo, pl->frame, pl->bar, x_pt, top_pt, it->height_pt);
}

static void flush(struct layout *lo, struct flow *f)
{
	if (f->frame && f->pending_pt > 0) {
		struct text_place *pl = arena_alloc(lo->arena, sizeof *pl);
		pl->frame = f->frame;
		pl->bar = f->bar;
		/* Like a space, a filler belongs before what follows it: a
		 * page may break before it but not after it. */
		struct vitem *it = layout_push_box(lo, f->pending_pt, draw_filler, pl, 0);
		it->keep_with_next = true;
	}
	f->pending_pt = 0;
	f->fresh = false;
}

static void draw_line(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct text_place *pl = it->data;
	if (it->index > 0 || !pl->first_decorated)
		draw_decoration(lo, pl->frame, pl->bar, x_pt, top_pt, it->height_pt);
	layout_draw_text(lo, pl->tb, it->index, 1, x_pt + pl->x_pt, top_pt);
}

/* A box or quote (the items from `from` on) splits only with at least
 * three of its lines on each side: no break until its third line, none
 * after the third line from its end. The last item's own keep (what the
 * box does with what follows) is left as it is. */
#define BOX_SPLIT_LINES 3
static void keep_box_ends(struct layout *lo, size_t from)
{
	size_t lines = 0;
	for (size_t i = from; i < lo->n_items; i++)
		lines += lo->items[i].kind == V_BOX && lo->items[i].draw == draw_line;
	size_t seen = 0;
	for (size_t i = from; i + 1 < lo->n_items; i++) {
		struct vitem *it = &lo->items[i];
		if (it->kind != V_BOX)
			continue;
		if (it->draw == draw_line)
			seen++;
		if (seen < BOX_SPLIT_LINES || seen + BOX_SPLIT_LINES > lines)
			it->keep_with_next = true;
	}
}

/* The last box pushed keeps with the next one. */
static void keep_last_box(struct layout *lo)
{
	for (size_t i = lo->n_items; i-- > 0;)
		if (lo->items[i].kind == V_BOX) {
			lo->items[i].keep_with_next = true;
			return;
		}
}

/* One box per line. The first orphan_lines lines keep together and so do
 * the last widow_lines, so a page never holds a paragraph's first line
 * alone nor starts with its last; a two- or three-line paragraph moves
 * whole. keep_all: every line keeps with the next (headings); keep_end:
 * the last line keeps with what follows. */
static struct text_place *push_lines(struct layout *lo, const struct flow *f,
				     const struct text_block *tb, double x_pt, bool keep_all,
				     bool keep_end, const char *dest)
{
	struct text_place *pl = arena_alloc(lo->arena, sizeof *pl);
	pl->tb = tb;
	pl->x_pt = x_pt;
	pl->frame = f->frame;
	pl->bar = f->bar;
	size_t n = tb->n_lines;
	size_t orphans = lo->style->paragraph.orphan_lines > 1 ?
				 (size_t)lo->style->paragraph.orphan_lines : 1;
	size_t widows = lo->style->paragraph.widow_lines > 1 ?
				(size_t)lo->style->paragraph.widow_lines : 1;
	for (size_t i = 0; i < n; i++) {
		struct vitem *it = layout_push_box(lo, layout_line_height(tb, i), draw_line, pl, i);
		bool last = i + 1 == n;
		it->keep_with_next = keep_all || (last ? keep_end : i + 1 < orphans || i + widows >= n);
		it->n_notes = layout_line_notes(lo, tb, i, 1, &it->notes);
		if (i == 0)
			it->dest = dest;
	}
	return pl;
}

/* A paragraph of text in struct type `type` (P, Caption, …). */
static void text_para(struct layout *lo, struct flow *f, const struct text_block *tb,
		      enum dl_struct_type type, bool keep_end)
{
	if (!tb->n_lines)
		return;
	flush(lo, f);
	layout_push_open(lo, type, NULL);
	push_lines(lo, f, tb, f->x_pt, false, keep_end, NULL);
	layout_push_close(lo);
}

/* Does the text end with a colon, introducing what follows ("Ofsted
 * stated that:")? Such a paragraph stays on the page of its list or quote. */
static bool introduces_next(const struct text_block *tb)
{
	const struct text_line *ln = &tb->lines[tb->n_lines - 1];
	for (size_t r = ln->n_runs; r-- > 0;) {
		const struct text_run *run = &ln->runs[r];
		for (size_t i = run->len; i-- > 0;)
			if (run->text[i] != ' ')
				return run->text[i] == ':';
	}
	return false;
}

static void paragraph(struct layout *lo, struct flow *f, const struct inline_node *inlines)
{
	const struct style_text *t = &lo->style->text[f->role];
	struct text_block *tb = layout_set_inlines(lo, inlines, f->role, f->width_pt, ALIGN_DEFAULT);
	if (!tb->n_lines)
		return;
	space(lo, f, t->space_before_pt);
	text_para(lo, f, tb, DL_P, introduces_next(tb));
	space(lo, f, t->space_after_pt);
}

static enum style_role heading_role(int level)
{
	return level <= 1 ? STYLE_H1 : level == 2 ? STYLE_H2 : STYLE_H3;
}

static enum dl_struct_type heading_type(int level)
{
	static const enum dl_struct_type types[] = { DL_H1, DL_H2, DL_H3, DL_H4, DL_H5, DL_H6 };
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	return types[level - 1];
}

/* A heading in `role`, tagged `type`: it keeps with what follows, so a
 * page never ends with it (with the orphan lines of the next paragraph,
 * enough of what follows comes along). */
static void heading(struct layout *lo, struct flow *f, const char *text, enum style_role role,
		    enum dl_struct_type type, const char *dest)
{
	const struct style_text *t = &lo->style->text[role];
	struct text_block *tb = layout_set_text(lo, text, role, t->face, f->width_pt, ALIGN_DEFAULT);
	if (!tb->n_lines)
		return;
	space(lo, f, t->space_before_pt);
	flush(lo, f);
	layout_push_open(lo, type, NULL);
	push_lines(lo, f, tb, f->x_pt, true, true, dest);
	layout_push_close(lo);
	space(lo, f, t->space_after_pt);
}

/* ---- frames ------------------------------------------------------------- */

struct cap_box {
	const struct frame *frame;
	enum cap cap;
};

static void draw_cap(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct cap_box *cb = it->data;
	draw_frame_slice(lo, cb->frame, x_pt, top_pt, it->height_pt, cb->cap);
}

/* Opens a frame round the rest of f's width: returns the flow inside. */
static struct flow frame_open(struct layout *lo, struct flow *f, const struct style_box *box,
			      enum style_role role)
{
	struct frame *fr = arena_alloc(lo->arena, sizeof *fr);
	fr->box = box;
	fr->x_pt = f->x_pt;
	fr->width_pt = f->width_pt;
	double inset = (box->border.none ? 0 : box->border_width_pt) + box->padding_pt;
	struct cap_box *cb = arena_alloc(lo->arena, sizeof *cb);
	cb->frame = fr;
	cb->cap = CAP_TOP;
	flush(lo, f);
	struct vitem *it = layout_push_box(lo, inset, draw_cap, cb, 0);
	it->keep_with_next = true;
	return (struct flow){
		.x_pt = f->x_pt + inset,
		.width_pt = f->width_pt - 2 * inset,
		.role = role,
		.level = f->level,
		.section = f->section,
		.frame = fr,
		.fresh = true,
	};
}

static void frame_close(struct layout *lo, struct flow *inner)
{
	const struct frame *fr = inner->frame;
	const struct style_box *box = fr->box;
	double inset = (box->border.none ? 0 : box->border_width_pt) + box->padding_pt;
	inner->pending_pt = 0;
	/* A frame with nothing in it (reopened after a table that ended
	 * it) is taken away rather than drawn empty. */
	const struct vitem *last = lo->n_items ? &lo->items[lo->n_items - 1] : NULL;
	if (last && last->kind == V_BOX && last->draw == draw_cap &&
	    ((const struct cap_box *)last->data)->frame == fr) {
		lo->n_items--;
		return;
	}
	struct cap_box *cb = arena_alloc(lo->arena, sizeof *cb);
	cb->frame = fr;
	cb->cap = CAP_BOTTOM;
	keep_last_box(lo);
	layout_push_box(lo, inset, draw_cap, cb, 0);
}

/* ---- lists -------------------------------------------------------------- */

/* "1.", "a.", "i." by depth; letters go on as "aa." after "z.". */
static const char *ordered_label(struct layout *lo, int depth, size_t n)
{
	if (depth % 3 == 1) {
		char buf[32];
		size_t len = 0;
		char tmp[32];
		size_t k = 0;
		for (size_t v = n; v > 0; v = (v - 1) / 26)
			tmp[k++] = (char)('a' + (v - 1) % 26);
		while (k)
			buf[len++] = tmp[--k];
		buf[len] = '\0';
		return arena_printf(lo->arena, "%s.", buf);
	}
	if (depth % 3 == 2 && n < 4000) {
		/* Each decimal digit as a shape of its power's one (a), five (b)
		 * and ten (c): 4 is "ab" (iv, xl, cd), 9 is "ac" (ix, xc, cm). */
		static const char symbols[] = "ivxlcdm";
		static const char *const shapes[] = { "", "a", "aa", "aaa", "ab", "b", "ba",
						      "baa", "baaa", "ac" };
		char roman[16];
		size_t len = 0;
		for (int power = 3, scale = 1000; power >= 0; power--, scale /= 10)
			for (const char *c = shapes[n / (size_t)scale % 10]; *c; c++)
				roman[len++] = symbols[2 * power + (*c - 'a')];
		roman[len] = '\0';
		return arena_printf(lo->arena, "%s.", roman);
	}
	return arena_printf(lo->arena, "%zu.", n);
}

/* The bullet of an unordered list at depth: the style's at the top, an
 * en dash below it; a bullet the font cannot show becomes a hyphen. */
static const char *bullet(const struct layout *lo, int depth)
{
	const char *b = depth == 0 ? lo->style->list.bullet : "\xe2\x80\x93";
	size_t off;
	if (!*b || font_first_missing(lo->fonts->face[FACE_REGULAR], b, strlen(b), &off))
		return "-";
	return b;
}

struct label_box {
	const char *text;
	enum font_face face;
	double size_pt;
	struct dl_rgb color;
	double right_pt;              /* the label ends here, from the margin */
	const struct text_block *tb;  /* the item's text, for its first baseline */
	double leading_pt;
	const struct frame *frame;    /* the decoration of the first line, drawn */
	const struct bar *bar;        /* here so that it lies under the label */
};

/* The label of a list item, on the baseline of the item's first line: a
 * box of no height that keeps with that line (or a line of its own when
 * the item has no text). It paints that line's decoration first, which
 * the line then leaves alone, so that the label lies on top of it. */
static void draw_label(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct label_box *lb = it->data;
	double line_h = lb->tb && lb->tb->n_lines ? layout_line_height(lb->tb, 0) : it->height_pt;
	draw_decoration(lo, lb->frame, lb->bar, x_pt, top_pt, line_h);
	const struct font_metrics *m = font_metrics(lo->fonts->face[lb->face]);
	double asc = m->ascent * lb->size_pt / 1000.0, desc = -m->descent * lb->size_pt / 1000.0;
	double h = lb->leading_pt > asc + desc ? lb->leading_pt : asc + desc;
	double base = top_pt - (h - asc - desc) / 2 - asc;
	if (lb->tb && lb->tb->n_lines) {
		const struct text_line *ln = &lb->tb->lines[0];
		h = layout_line_height(lb->tb, 0);
		base = top_pt - (h - ln->ascent_pt - ln->descent_pt) / 2 - ln->ascent_pt;
	}
	double w = layout_text_width(lo, lb->face, lb->size_pt, lb->text, strlen(lb->text));
	dl_struct_open(lo->dl, DL_LBL, NULL);
	dl_add_text(lo->dl, x_pt + lb->right_pt - w, base, layout_face(lo, lb->face), lb->size_pt,
		    lb->color, 0, lb->text);
	dl_struct_close(lo->dl);
}

static void list(struct layout *lo, struct flow *f, const struct list *l, int depth)
{
	const struct style *st = lo->style;
	const struct style_text *t = &st->text[f->role];
	if (!l->n_items)
		return;
	/* The labels hang in the indent; a label wider than it (say "10.")
	 * widens the indent rather than pass the margin. */
	double gap = 0.4 * t->size_pt;
	const char **labels = arena_array(lo->arena, l->n_items, sizeof *labels);
	double label_w = 0;
	for (size_t i = 0; i < l->n_items; i++) {
		labels[i] = l->ordered ? ordered_label(lo, depth, i + 1) : bullet(lo, depth);
		enum font_face face = l->ordered ? t->face : FACE_REGULAR;
		double w = layout_text_width(lo, face, t->size_pt, labels[i], strlen(labels[i]));
		if (w > label_w)
			label_w = w;
	}
	double indent = st->list.indent_pt > label_w + gap ? st->list.indent_pt : label_w + gap;
	if (indent > f->width_pt / 2)
		indent = f->width_pt / 2;

	if (depth == 0)
		space(lo, f, t->space_before_pt);
	flush(lo, f);
	layout_push_open(lo, DL_L, NULL);
	for (size_t i = 0; i < l->n_items; i++) {
		const struct list_item *item = &l->items[i];
		if (i > 0)
			space(lo, f, st->list.item_space_pt);
		flush(lo, f);
		struct flow inner = *f;
		inner.x_pt = f->x_pt + indent;
		inner.width_pt = f->width_pt - indent;
		struct text_block *tb =
			layout_set_inlines(lo, item->inlines, f->role, inner.width_pt, ALIGN_DEFAULT);

		const struct vorigin *outer = layout_origin_push(
			lo, PLACE_BLOCK, item->pos, (struct srcpos){ 0 }, f->section);
		layout_push_open(lo, DL_LI, NULL);
		struct label_box *lb = arena_alloc(lo->arena, sizeof *lb);
		lb->text = labels[i];
		lb->face = l->ordered ? t->face : FACE_REGULAR;
		lb->size_pt = t->size_pt;
		lb->color = layout_rgb(l->ordered ? t->colour : st->accent);
		lb->right_pt = inner.x_pt - gap;
		lb->tb = tb;
		lb->leading_pt = t->leading_pt;
		lb->frame = f->frame;
		lb->bar = f->bar;
		/* An item with no text of its own (only a nested list) gives
		 * its label a line of its own. */
		struct vitem *it = layout_push_box(lo, tb->n_lines ? 0 : t->leading_pt, draw_label,
						   lb, 0);
		it->keep_with_next = true;
		layout_push_open(lo, DL_LBODY, NULL);
		if (tb->n_lines)
			push_lines(lo, &inner, tb, inner.x_pt, false, false, NULL)->first_decorated =
				true;
		for (const struct block *sub = item->sublists; sub; sub = sub->next)
			if (sub->kind == BLK_LIST) {
				space(lo, &inner, st->list.item_space_pt);
				list(lo, &inner, &sub->u.list, depth + 1);
			}
		f->pending_pt = inner.pending_pt > f->pending_pt ? inner.pending_pt : f->pending_pt;
		layout_push_close(lo); /* LBody */
		layout_push_close(lo); /* LI */
		lo->origin = outer;
	}
	layout_push_close(lo); /* L */
	if (depth == 0)
		space(lo, f, t->space_after_pt);
}

/* ---- quotes, callouts, signatures --------------------------------------- */

static void quote(struct layout *lo, struct flow *f, const struct quote *q)
{
	const struct style *st = lo->style;
	const struct style_text *t = &st->text[STYLE_QUOTE];
	struct flow inner = *f;
	double indent = st->quote.indent_pt < f->width_pt / 2 ? st->quote.indent_pt : f->width_pt / 2;
	inner.x_pt = f->x_pt + indent;
	inner.width_pt = f->width_pt - indent;
	inner.role = STYLE_QUOTE;
	if (!st->quote.bar.none && st->quote.bar_width_pt > 0) {
		struct bar *bar = arena_alloc(lo->arena, sizeof *bar);
		bar->x_pt = f->x_pt;
		bar->width_pt = st->quote.bar_width_pt < indent ? st->quote.bar_width_pt : indent;
		bar->color = layout_rgb(st->quote.bar.rgb);
		inner.bar = bar;
	}
	struct text_block *tb =
		layout_set_inlines(lo, q->inlines, STYLE_QUOTE, inner.width_pt, ALIGN_DEFAULT);
	/* The source is set in the source role, smaller than the quotation,
	 * so that it does not read as part of it. */
	const char *source = layout_collapse(lo, q->source);
	struct text_block *src = NULL;
	if (*source)
		src = layout_set_text(lo, arena_printf(lo->arena, "\xe2\x80\x94 %s", source),
				      STYLE_SOURCE, lo->style->text[STYLE_SOURCE].face, inner.width_pt,
				      ALIGN_DEFAULT);
	if (!tb->n_lines && !src)
		return;

	space(lo, f, t->space_before_pt);
	flush(lo, f);
	size_t from = lo->n_items;
	layout_push_open(lo, DL_BLOCKQUOTE, NULL);
	/* The source keeps with the quote's last line, a little below it,
	 * the bar running on between them. */
	text_para(lo, &inner, tb, DL_P, src != NULL);
	if (src) {
		struct text_place *pl = arena_alloc(lo->arena, sizeof *pl);
		pl->frame = inner.frame;
		pl->bar = inner.bar;
		struct vitem *it = layout_push_box(lo, 0.25 * t->size_pt, draw_filler, pl, 0);
		it->keep_with_next = true;
		text_para(lo, &inner, src, DL_P, false);
	}
	keep_box_ends(lo, from);
	layout_push_close(lo);
	space(lo, f, t->space_after_pt);
}

/* Space round boxed blocks (callouts and the scrutineer's boxes). */
static double box_space(const struct layout *lo)
{
	double s = lo->style->text[STYLE_BODY].space_after_pt;
	return s > 12 ? s : 12;
}

/* A title line inside a box: a P in the box's title role. */
static void box_title(struct layout *lo, struct flow *inner, const char *title,
		      enum style_role role)
{
	const struct style_text *t = &lo->style->text[role];
	struct text_block *tb = layout_set_text(lo, title, role, t->face, inner->width_pt,
						ALIGN_DEFAULT);
	text_para(lo, inner, tb, DL_P, true);
	space(lo, inner, t->space_after_pt);
}

static void callout(struct layout *lo, struct flow *f, const struct callout *c)
{
	space(lo, f, box_space(lo));
	flush(lo, f);
	layout_push_open(lo, DL_DIV, NULL);
	struct flow inner = frame_open(lo, f, &lo->style->callout, STYLE_CALLOUT);
	const char *title = layout_collapse(lo, c->title);
	if (*title)
		box_title(lo, &inner, title, STYLE_CALLOUT_TITLE);
	flow_blocks(lo, &inner, c->blocks);
	frame_close(lo, &inner);
	layout_push_close(lo);
	space(lo, f, box_space(lo));
}

/* A row of signatures: names bold, roles below, in columns. */
struct sig_row {
	const struct text_block **names, **roles, **dates;
	size_t n;
	double col_w_pt, gap_pt, x_pt;
	const struct frame *frame;
};

static void draw_sig_row(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct sig_row *row = it->data;
	if (row->frame)
		draw_frame_slice(lo, row->frame, x_pt, top_pt, it->height_pt, CAP_NONE);
	for (size_t i = 0; i < row->n; i++) {
		double x = x_pt + row->x_pt + (double)i * (row->col_w_pt + row->gap_pt);
		dl_struct_open(lo->dl, DL_P, NULL);
		layout_draw_text(lo, row->names[i], 0, row->names[i]->n_lines, x, top_pt);
		dl_struct_close(lo->dl);
		double top = top_pt - layout_text_height(row->names[i]);
		const struct text_block *below[] = { row->roles[i], row->dates[i] };
		for (int k = 0; k < 2; k++) {
			if (!below[k] || !below[k]->n_lines)
				continue;
			dl_struct_open(lo->dl, DL_P, NULL);
			layout_draw_text(lo, below[k], 0, below[k]->n_lines, x, top);
			dl_struct_close(lo->dl);
			top -= layout_text_height(below[k]);
		}
	}
}

/* Signatories in rows of up to three columns (fewer when the columns
 * would be narrower than about ten characters of text); date, when not
 * NULL, goes under each role. */
static void signatures(struct layout *lo, struct flow *f, const struct signatory *sigs,
		       size_t n, const char *date)
{
	if (!n)
		return;
	const struct style_text *t = &lo->style->text[f->role];
	double gap = 1.5 * t->size_pt;
	size_t cols = n < 3 ? n : 3;
	while (cols > 1 && (f->width_pt - gap * (double)(cols - 1)) / (double)cols < 10 * t->size_pt)
		cols--;
	double col_w = (f->width_pt - gap * (double)(cols - 1)) / (double)cols;

	space(lo, f, box_space(lo));
	flush(lo, f);
	layout_push_open(lo, DL_DIV, NULL);
	for (size_t i = 0; i < n; i += cols) {
		struct sig_row *row = arena_alloc(lo->arena, sizeof *row);
		row->n = n - i < cols ? n - i : cols;
		row->names = arena_array(lo->arena, row->n, sizeof *row->names);
		row->roles = arena_array(lo->arena, row->n, sizeof *row->roles);
		row->dates = arena_array(lo->arena, row->n, sizeof *row->dates);
		row->col_w_pt = col_w;
		row->gap_pt = gap;
		row->x_pt = f->x_pt;
		row->frame = f->frame;
		double h = 0;
		for (size_t k = 0; k < row->n; k++) {
			const struct signatory *s = &sigs[i + k];
			row->names[k] = layout_set_text(lo, layout_collapse(lo, s->name), f->role,
							FACE_BOLD, col_w, ALIGN_DEFAULT);
			row->roles[k] = layout_set_text(lo, layout_collapse(lo, s->role), f->role,
							FACE_REGULAR, col_w, ALIGN_DEFAULT);
			double hk = layout_text_height(row->names[k]) + layout_text_height(row->roles[k]);
			if (date && *date) {
				row->dates[k] = layout_set_text(lo, date, f->role, FACE_REGULAR, col_w,
								ALIGN_DEFAULT);
				hk += layout_text_height(row->dates[k]);
			}
			if (hk > h)
				h = hk;
		}
		if (i > 0)
			space(lo, f, t->space_after_pt);
		flush(lo, f);
		layout_push_box(lo, h, draw_sig_row, row, 0);
	}
	layout_push_close(lo);
	space(lo, f, box_space(lo));
}

/* ---- figures ------------------------------------------------------------ */

const struct image *layout_image(struct layout *lo, struct srcpos pos, const char *elem,
				 const char *src)
{
	const struct image *im = image_set_load(lo->model->images, src);
	if (im->status == IMAGE_OK)
		return im;
	if (lo->pass == 1)
		diag_error(lo->diags, pos, image_rule(im), "%s=\"%s\"%s", elem, src,
			   image_problem(im, src, lo->arena));
	return NULL;
}

struct image_box {
	const char *src;
	const struct image *image;
	double x_pt, w_pt;            /* from the left margin */
};

static void draw_image(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct image_box *ib = it->data;
	size_t image = dl_image_index(lo->dl, ib->src, ib->image);
	dl_add_image(lo->dl, image, x_pt + ib->x_pt, top_pt - it->height_pt, ib->w_pt,
		     it->height_pt);
}

/* A PNG scaled to the text width, keeping its shape, but never taller
 * than 60% of the text area; its caption below it. */
static void figure(struct layout *lo, struct flow *f, const struct block *b)
{
	const struct figure_image *fig = &b->u.figure;
	if (!fig->src)
		return;
	const struct image *im = layout_image(lo, b->pos, "figure src", fig->src);
	if (!im)
		return;
	double pw = im->width_px, ph = im->height_px;
	/* As wide as the text, but never enlarged past 150 pixels an inch,
	 * where a picture starts to look soft in print. */
	double w = f->width_pt, natural_w = (double)pw * 72.0 / 150.0;
	if (natural_w < w)
		w = natural_w;
	double h = w * (double)ph / (double)pw;
	double max_h = 0.6 * style_text_height_pt(lo->style);
	if (h > max_h) {
		h = max_h;
		w = h * (double)pw / (double)ph;
	}
	struct image_box *ib = arena_alloc(lo->arena, sizeof *ib);
	ib->src = fig->src;
	ib->image = im;
	ib->w_pt = w;
	ib->x_pt = f->x_pt + (f->width_pt - w) / 2;

	const char *alt = layout_collapse(lo, fig->alt);
	const char *caption = layout_collapse(lo, fig->caption);
	/* A figure must have replacement text; the check warns when it is
	 * missing, and the caption or else the file name stands in. */
	if (!*alt)
		alt = *caption ? caption : fig->src;
	const struct style_text *t = &lo->style->text[STYLE_CAPTION];
	space(lo, f, t->space_before_pt);
	flush(lo, f);
	layout_push_open(lo, DL_FIGURE, &(struct dl_struct_attrs){ .alt = alt });
	struct vitem *it = layout_push_box(lo, h, draw_image, ib, 0);
	it->keep_with_next = *caption != '\0';
	layout_push_close(lo);
	if (*caption) {
		/* Under the picture, from its left edge. */
		struct flow under = *f;
		under.x_pt = ib->x_pt;
		under.width_pt = f->width_pt - (ib->x_pt - f->x_pt);
		struct text_block *tb = layout_set_text(lo, caption, STYLE_CAPTION, t->face,
							under.width_pt, ALIGN_DEFAULT);
		space(lo, f, 0.5 * t->space_after_pt);
		flush(lo, f);
		text_para(lo, &under, tb, DL_CAPTION, false);
	}
	space(lo, f, t->space_after_pt);
}

/* ---- the scrutineer ----------------------------------------------------- */

static const char *date_text(struct layout *lo, struct date d)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
					      "June", "July", "August", "September", "October",
					      "November", "December" };
	if (d.year == 0 || d.month < 1 || d.month > 12)
		return "";
	return arena_printf(lo->arena, "%d %s %d", d.day, months[d.month - 1], d.year);
}

/* "Liz Murphy, Independent Scrutineer" or what of it the data gives. */
static const char *scrutineer(struct layout *lo)
{
	const struct scrutiny *sc = &lo->model->scrutiny;
	const char *name = layout_collapse(lo, sc->scrutineer_name);
	const char *role = layout_collapse(lo, sc->scrutineer_role);
	if (*name && *role)
		return arena_printf(lo->arena, "%s, %s", name, role);
	return *name ? name : role;
}

static void comment_box(struct layout *lo, struct flow *f, const struct block *blocks)
{
	space(lo, f, box_space(lo));
	flush(lo, f);
	size_t from = lo->n_items;
	layout_push_open(lo, DL_DIV, NULL);
	struct flow inner = frame_open(lo, f, &lo->style->scrutiny, STYLE_SCRUTINY);
	box_title(lo, &inner, lo->style->words.comment, STYLE_SCRUTINY_TITLE);
	flow_blocks(lo, &inner, blocks);
	frame_close(lo, &inner);
	keep_box_ends(lo, from);
	layout_push_close(lo);
	space(lo, f, box_space(lo));
}

/* In a draft, where a section lacks the comment the scrutineer gave the
 * others (warning 1): a box in the draft's note colours, so that it cannot
 * pass for a comment, saying in plain English what is missing, with the
 * section's place in report.xml in small print for the manager. */
static void placeholder_box(struct layout *lo, struct flow *f, struct srcpos pos)
{
	const struct style *st = lo->style;
	struct style_box *box = arena_alloc(lo->arena, sizeof *box);
	*box = st->scrutiny;
	box->fill = st->draft.note_fill;
	box->border = st->draft.note_border;
	if (box->border_width_pt < 1)
		box->border_width_pt = 1;
	space(lo, f, box_space(lo));
	flush(lo, f);
	layout_push_open(lo, DL_DIV, NULL);
	struct flow inner = frame_open(lo, f, box, STYLE_SCRUTINY);
	box_title(lo, &inner, lo->style->words.comment, STYLE_SCRUTINY_TITLE);
	/* Said to the scrutineer and the board; where the manager adds the
	 * comment stays, small, after the sentence. */
	const char *text = "The independent scrutineer has not yet commented on this section. "
			   "This box is in drafts only: her comment takes its place.";
	struct text_block *tb = layout_set_text(lo, text, STYLE_SCRUTINY, FACE_ITALIC,
						inner.width_pt, ALIGN_DEFAULT);
	text_para(lo, &inner, tb, DL_P, false);
	const char *where = arena_printf(lo->arena, "%s:%u:%u", pos.file ? pos.file : "-",
					 (unsigned)pos.line, (unsigned)pos.col);
	tb = layout_set_text(lo, where, STYLE_FOOTNOTE, lo->style->text[STYLE_FOOTNOTE].face,
			     inner.width_pt, ALIGN_DEFAULT);
	text_para(lo, &inner, tb, DL_P, false);
	frame_close(lo, &inner);
	layout_push_close(lo);
	space(lo, f, box_space(lo));
}

/* The perspective: its title a heading one level below the section's, then
 * the scrutineer's text in the scrutineer's box, under a title and byline
 * that say whose voice it is. */
static void perspective(struct layout *lo, struct flow *f)
{
	const struct scrutiny *sc = &lo->model->scrutiny;
	if (!sc->has_perspective)
		return;
	/* One heading: her title, or the style's word when she gave none;
	 * then her name, then her text as text beside a rule in the
	 * scrutineer's colour, not a tinted box pages long. */
	const struct style *st = lo->style;
	const char *title = layout_collapse(lo, sc->perspective_title);
	heading(lo, f, *title ? title : st->words.perspective, heading_role(f->level + 1),
		heading_type(f->level + 1), NULL);
	flush(lo, f);
	size_t from = lo->n_items;
	layout_push_open(lo, DL_DIV, NULL);
	struct flow inner = *f;
	double indent = st->quote.indent_pt < f->width_pt / 2 ? st->quote.indent_pt : f->width_pt / 2;
	inner.x_pt = f->x_pt + indent;
	inner.width_pt = f->width_pt - indent;
	inner.role = STYLE_BODY;
	const struct style_fill *rule = !st->scrutiny.border.none ? &st->scrutiny.border :
					&st->quote.bar;
	double rule_w = !st->scrutiny.border.none ? st->scrutiny.border_width_pt :
						    st->quote.bar_width_pt;
	if (!rule->none && rule_w > 0) {
		struct bar *bar = arena_alloc(lo->arena, sizeof *bar);
		bar->x_pt = f->x_pt;
		bar->width_pt = rule_w < indent ? rule_w : indent;
		bar->color = layout_rgb(rule->rgb);
		inner.bar = bar;
	}
	const char *by = scrutineer(lo);
	if (*by) {
		const struct style_text *t = &st->text[STYLE_BODY];
		struct text_block *tb = layout_set_text(lo, by, STYLE_BODY, FACE_ITALIC,
							inner.width_pt, ALIGN_DEFAULT);
		text_para(lo, &inner, tb, DL_P, false);
		space(lo, &inner, t->space_after_pt);
	}
	flow_blocks(lo, &inner, sc->perspective);
	keep_box_ends(lo, from);
	layout_push_close(lo);
	space(lo, f, box_space(lo));
}

/* Whether the section signs with the scrutineer's name in a signatures
 * block of its own. */
static bool section_signed_by(struct layout *lo, const struct section *s, const char *name)
{
	if (!s || !*name)
		return false;
	for (const struct block *b = s->blocks; b; b = b->next)
		if (b->kind == BLK_SIGNATURES)
			for (size_t i = 0; i < b->u.signatures.n_signatories; i++)
				if (strcmp(layout_collapse(lo, b->u.signatures.signatories[i].name),
					   name) == 0)
					return true;
	return false;
}

/* The conclusion: strengths and areas for development as two titled
 * lists, signed with the scrutineer's name, role and sign-off date. When
 * the section signs with the scrutineer's name itself, that signature
 * stands instead (keeping with the box) rather than print twice. */
static void conclusion(struct layout *lo, struct flow *f)
{
	const struct scrutiny *sc = &lo->model->scrutiny;
	if (!sc->has_conclusion)
		return;
	space(lo, f, box_space(lo));
	flush(lo, f);
	size_t from = lo->n_items;
	layout_push_open(lo, DL_DIV, NULL);
	struct flow inner = frame_open(lo, f, &lo->style->scrutiny, STYLE_SCRUTINY);
	const struct style_text *tt = &lo->style->text[STYLE_SCRUTINY_TITLE];
	const char *const titles[] = { lo->style->words.strengths, lo->style->words.development };
	const struct list *lists[] = { &sc->strengths, &sc->development };
	for (int k = 0; k < 2; k++) {
		if (!lists[k]->n_items)
			continue;
		space(lo, &inner, tt->space_before_pt > 6 ? tt->space_before_pt : 6);
		heading(lo, &inner, titles[k], STYLE_SCRUTINY_TITLE, heading_type(f->level + 1), NULL);
		list(lo, &inner, lists[k], 0);
	}
	const char *name = layout_collapse(lo, sc->scrutineer_name);
	const char *role = layout_collapse(lo, sc->scrutineer_role);
	bool signed_after = section_signed_by(lo, f->section, name);
	if ((*name || *role) && !signed_after) {
		const char *date = sc->has_sign_off ? date_text(lo, sc->sign_off) : NULL;
		struct signatory sig = { .name = name, .role = role };
		signatures(lo, &inner, &sig, 1, date);
	}
	frame_close(lo, &inner);
	keep_box_ends(lo, from);
	if (signed_after)
		keep_last_box(lo);
	layout_push_close(lo);
	space(lo, f, box_space(lo));
}

/* ---- sections ----------------------------------------------------------- */

struct section_number {
	const struct section *section;
	const char *number;
};

struct numbering {
	struct layout *lo;
	struct section_number *items;
	size_t n, cap;
	int count[4];    /* sections seen so far at each level, under the open ones */
};

static void number_sections(struct numbering *nb, const struct block *b, int level,
			    const char *prefix)
{
	for (; b; b = b->next) {
		if (b->kind != BLK_SECTION || b->u.section.appendix || level > 3)
			continue;
		const struct section *s = &b->u.section;
		int n = ++nb->count[level];
		const char *num = *prefix ? arena_printf(nb->lo->arena, "%s.%d", prefix, n) :
					    arena_printf(nb->lo->arena, "%d", n);
		xgrow(&nb->items, &nb->cap, nb->n, sizeof *nb->items);
		nb->items[nb->n++] = (struct section_number){ s, num };
		nb->count[level + 1 < 4 ? level + 1 : 3] = 0;
		number_sections(nb, s->blocks, level + 1, num);
	}
}

static int by_section(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct section_number *)a)->section;
	uintptr_t y = (uintptr_t)((const struct section_number *)b)->section;
	return x < y ? -1 : x > y;
}

/* "2.1" for the first subsection of the second section, "" for an
 * appendix or what the table lacks. Numbered once a pass, looked up by
 * address, so that a contents of thousands of entries stays linear. */
static const char *section_number(struct layout *lo, const struct section *s)
{
	if (!lo->section_numbers_made) {
		struct numbering nb = { .lo = lo };
		number_sections(&nb, lo->model->report.body, 1, "");
		if (nb.n) {
			qsort(nb.items, nb.n, sizeof *nb.items, by_section);
			lo->section_numbers = arena_alloc(lo->arena, nb.n * sizeof *nb.items);
			memcpy(lo->section_numbers, nb.items, nb.n * sizeof *nb.items);
		}
		free(nb.items);
		lo->n_section_numbers = nb.n;
		lo->section_numbers_made = true;
	}
	struct section_number key = { s, NULL };
	const struct section_number *hit =
		lo->n_section_numbers ? bsearch(&key, lo->section_numbers, lo->n_section_numbers,
						sizeof key, by_section) :
					NULL;
	return hit ? hit->number : "";
}

/* Does the title begin with its own label, "Appendix A: …", "Appendix 3 –
 * …" (word, a space, a label of up to four letters or digits, then a
 * colon, full stop, dash or the end)? Such a title keeps it. */
static bool carries_label(const char *title, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i < n; i++) {
		char a = title[i], b = word[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b || !title[i])
			return false;
	}
	if (title[n] != ' ')
		return false;
	const char *p = title + n + 1;
	size_t k = 0;
	while (k < 5 && ((p[k] >= '0' && p[k] <= '9') || (p[k] >= 'A' && p[k] <= 'Z') ||
			 (p[k] >= 'a' && p[k] <= 'z')))
		k++;
	if (k == 0 || k > 4)
		return false;
	p += k;
	return *p == '\0' || *p == ':' || *p == '.' || strncmp(p, " \xe2\x80\x93", 4) == 0 ||
	       strncmp(p, " \xe2\x80\x94", 4) == 0 || strncmp(p, " -", 2) == 0;
}

/* A, B, … Z, AA, AB, … */
static const char *letters(struct layout *lo, int n)
{
	char tmp[16];
	size_t k = 0;
	for (unsigned v = n > 0 ? (unsigned)n : 1; v > 0 && k < sizeof tmp; v = (v - 1) / 26)
		tmp[k++] = (char)('A' + (v - 1) % 26);
	char out[16];
	for (size_t i = 0; i < k; i++)
		out[i] = tmp[k - 1 - i];
	return arena_strndup(lo->arena, out, k);
}

/* The title as headings, the contents, bookmarks and cross-references all
 * print it: an appendix labelled "Appendix 1: " or "Appendix A: " as the
 * style says, unless its title already carries its label; a section
 * numbered "2.1 " when the style numbers sections. */
const char *layout_section_title(struct layout *lo, const struct section *s)
{
	const char *title = layout_collapse(lo, s->title);
	const struct style *st = lo->style;
	if (s->appendix) {
		if (carries_label(title, st->words.appendix))
			return title;
		int n = model_appendix_number(lo->model, s);
		const char *label = st->sections.appendix_label == STYLE_LABEL_LETTER ?
					    letters(lo, n) :
					    arena_printf(lo->arena, "%d", n);
		return arena_printf(lo->arena, "%s %s: %s", st->words.appendix, label, title);
	}
	if (st->sections.numbering == STYLE_NUMBERING_DECIMAL) {
		const char *num = section_number(lo, s);
		if (*num)
			return arena_printf(lo->arena, "%s %s", num, title);
	}
	return title;
}


/* A section: a new page when it is top-level, its heading (a destination
 * "sec-ID" and an outline entry), its blocks and subsections, and last
 * the scrutineer's comments on it, after its subsections, because a
 * comment speaks of the whole section. */
static void section(struct layout *lo, struct flow *f, const struct block *b)
{
	const struct section *s = &b->u.section;
	int level = s->level > 0 ? s->level : 1;
	int new_page = lo->style->sections.new_page;
	if (level == 1 && (new_page == STYLE_NEW_PAGE_ALL ||
			   (s->appendix && new_page == STYLE_NEW_PAGE_APPENDICES)))
		layout_push_page_break(lo);
	flush(lo, f);
	layout_draft_anchor(lo, b);
	layout_push_open(lo, DL_SECT, NULL);
	const char *title = layout_section_title(lo, s);
	const char *dest = s->id ? arena_printf(lo->arena, "sec-%s", s->id) : NULL;
	if (dest && level <= 3 && level <= lo->dl->outline_level + 1)
		dl_add_outline(lo->dl, level, title, dest);
	heading(lo, f, title, heading_role(level), heading_type(level), dest);

	struct flow inner = *f;
	inner.level = level;
	inner.section = s;
	flow_blocks(lo, &inner, s->blocks);
	f->pending_pt = inner.pending_pt;

	const struct model *m = lo->model;
	const struct scrutiny *sc = &m->scrutiny;
	for (size_t i = model_first_comment(m, s->id); i < sc->n_comments;
	     i = model_next_comment(m, i))
		comment_box(lo, &inner, sc->comments[i].blocks);
	if (lo->opts && lo->opts->draft && model_comment_missing(m, s, level))
		placeholder_box(lo, &inner, b->pos);
	layout_push_close(lo);
}

/* ---- the dispatcher ----------------------------------------------------- */

/* Blocks of other files draw across the text width; inside a frame, the
 * frame is closed round them and opened again after. */
static void foreign(struct layout *lo, struct flow *f, const struct block *b,
		    void (*fn)(struct layout *, const struct block *))
{
	if (f->frame) {
		const struct style_box *box = f->frame->box;
		enum style_role role = f->role;
		frame_close(lo, f);
		fn(lo, b);
		struct flow outer = { .x_pt = f->frame->x_pt, .width_pt = f->frame->width_pt,
				      .role = role, .level = f->level, .section = f->section };
		*f = frame_open(lo, &outer, box, role);
		return;
	}
	flush(lo, f);
	fn(lo, b);
}

static void flow_block_kind(struct layout *lo, struct flow *f, const struct block *b);

static void flow_block(struct layout *lo, struct flow *f, const struct block *b)
{
	/* A section's own boxes (its heading) are in it; a block's in the
	 * section around it. */
	const struct section *in = b->kind == BLK_SECTION ? &b->u.section : f->section;
	const struct vorigin *outer =
		layout_origin_push(lo, PLACE_BLOCK, b->pos, (struct srcpos){ 0 }, in);
	const char *outer_elem = lo->block_elem;
	lo->block_elem = vocab_block_name(b->kind);
	layout_changes_begin(lo, b);
	flow_block_kind(lo, f, b);
	layout_changes_end(lo, b);
	lo->origin = outer;
	lo->block_elem = outer_elem;
}

static void flow_block_kind(struct layout *lo, struct flow *f, const struct block *b)
{
	/* A section places its own, after the page break that may start it. */
	if (b->kind != BLK_SECTION)
		layout_draft_anchor(lo, b);
	switch (b->kind) {
	case BLK_P:
		paragraph(lo, f, b->u.p);
		break;
	case BLK_LIST:
		list(lo, f, &b->u.list, 0);
		break;
	case BLK_QUOTE:
		quote(lo, f, &b->u.quote);
		break;
	case BLK_CALLOUT:
		callout(lo, f, &b->u.callout);
		break;
	case BLK_SIGNATURES:
		signatures(lo, f, b->u.signatures.signatories, b->u.signatures.n_signatories, NULL);
		break;
	case BLK_FIGURE:
		figure(lo, f, b);
		break;
	case BLK_TABLE:
		foreign(lo, f, b, layout_table);
		break;
	case BLK_DATA_TABLE:
		foreign(lo, f, b, layout_data_table);
		break;
	case BLK_CHART:
		foreign(lo, f, b, layout_chart);
		break;
	case BLK_KPIS:
		foreign(lo, f, b, layout_kpis);
		break;
	case BLK_PAGE_BREAK:
		flush(lo, f);
		layout_push_page_break(lo);
		break;
	case BLK_SCRUTINY_PERSPECTIVE:
		perspective(lo, f);
		break;
	case BLK_SCRUTINY_CONCLUSION:
		conclusion(lo, f);
		break;
	case BLK_SECTION:
		section(lo, f, b);
		break;
	case BLK_CONTENTS:
		/* Placed by layout.c, which knows the whole report. */
		break;
	}
}

static void flow_blocks(struct layout *lo, struct flow *f, const struct block *b)
{
	for (; b; b = b->next)
		flow_block(lo, f, b);
}

void layout_block(struct layout *lo, const struct block *b)
{
	struct flow f = {
		.x_pt = 0,
		.width_pt = style_text_width_pt(lo->style),
		.role = STYLE_BODY,
		.level = 0,
	};
	flow_block(lo, &f, b);
}
