/* layout-page.c - the vertical list and the page builder: where pages break
 * (keep-with-next chains, footnotes on the citing page, "(continued)"
 * headers), and drawing each page's items, footnotes and furniture. */
#include "layout-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rounding slack when comparing heights: a box that overshoots the page
 * by less than this still fits. */
#define FIT_SLACK_PT 0.01

/* The footnote area: this much space above the short rule, the rule's
 * length as a share of the text width (at most NOTE_RULE_MAX_PT), and this
 * much space below it before the first note. */
#define NOTE_SPACE_ABOVE_PT 8.0
#define NOTE_SPACE_BELOW_PT 6.0
#define NOTE_RULE_SHARE 0.25
#define NOTE_RULE_MAX_PT 108.0

/* ---- the vertical list -------------------------------------------------- */

static struct vitem *push(struct layout *lo, enum vitem_kind kind)
{
	xgrow(&lo->items, &lo->cap_items, lo->n_items, sizeof *lo->items);
	struct vitem *it = &lo->items[lo->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

struct vitem *layout_push_box(struct layout *lo, double height_pt, layout_draw_fn *draw,
			      const void *data, size_t index)
{
	struct vitem *it = push(lo, V_BOX);
	it->height_pt = height_pt > 0 ? height_pt : 0;
	it->draw = draw;
	it->data = data;
	it->index = index;
	it->changed = lo->changing > 0;
	it->origin = lo->origin;
	it->elem = lo->block_elem;
	return it;
}

const struct vorigin *layout_origin_push(struct layout *lo, enum layout_place place,
					 struct srcpos pos, struct srcpos data_pos,
					 const struct section *section)
{
	const struct vorigin *old = lo->origin;
	struct vorigin *o = arena_alloc(lo->arena, sizeof *o);
	*o = (struct vorigin){ place, pos, data_pos, section };
	lo->origin = o;
	return old;
}

/* Records what the box from top_pt down to bottom_pt shows, when
 * lo->opts->sources asks for it (o NULL: the cover). */
static void record_source(struct layout *lo, const struct vorigin *o, double top_pt,
			  double bottom_pt)
{
	if (!lo->opts || !lo->opts->sources || top_pt <= bottom_pt)
		return;
	struct layout_sources *s = &lo->sources;
	xgrow(&s->items, &s->cap, s->n, sizeof *s->items);
	s->items[s->n++] = (struct layout_source){
		.page = lo->page,
		.top_pt = top_pt,
		.bottom_pt = bottom_pt,
		.place = o ? o->place : PLACE_COVER,
		.pos = o ? o->pos : (struct srcpos){ 0 },
		.data_pos = o ? o->data_pos : (struct srcpos){ 0 },
		.section = o ? o->section : NULL,
	};
}

void layout_push_space(struct layout *lo, double space_pt)
{
	if (space_pt <= 0)
		return;
	for (size_t i = lo->n_items; i-- > 0;) {
		struct vitem *it = &lo->items[i];
		/* A box of no height (a draft's note) takes no room: it keeps
		 * no spaces apart. */
		if (it->kind == V_OPEN || it->kind == V_CLOSE ||
		    (it->kind == V_BOX && it->height_pt == 0))
			continue;
		if (it->kind == V_SPACE) {
			if (space_pt > it->height_pt)
				it->height_pt = space_pt;
			return;
		}
		break;
	}
	push(lo, V_SPACE)->height_pt = space_pt;
}

void layout_push_page_break(struct layout *lo)
{
	push(lo, V_PAGE_BREAK);
}

void layout_push_open(struct layout *lo, enum dl_struct_type type,
		      const struct dl_struct_attrs *attrs)
{
	struct vitem *it = push(lo, V_OPEN);
	it->struct_type = type;
	if (attrs)
		it->attrs = *attrs;
}

void layout_push_close(struct layout *lo)
{
	push(lo, V_CLOSE);
}

/* ---- footnotes ---------------------------------------------------------- */

/* The footnotes of one page, in order of citation. */
struct notes {
	struct footnote **items;
	size_t n, cap;
};

static bool has_note(const struct notes *ns, const struct footnote *fn)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->items[i] == fn)
			return true;
	return false;
}

static void add_note(struct notes *ns, struct footnote *fn)
{
	xgrow(&ns->items, &ns->cap, ns->n, sizeof *ns->items);
	ns->items[ns->n++] = fn;
}

/* Height the footnote area grows by when box it joins a page whose notes
 * are ns; notes printed on an earlier page (done) are not repeated. */
static double notes_growth(const struct vitem *it, const struct notes *ns,
			   const struct notes *done)
{
	double h = 0;
	bool first = ns->n == 0;
	for (size_t k = 0; k < it->n_notes; k++) {
		const struct footnote *fn = it->notes[k];
		if (has_note(ns, fn) || has_note(done, fn))
			continue;
		bool seen = false;
		for (size_t j = 0; j < k; j++)
			seen = seen || it->notes[j] == fn;
		if (seen)
			continue;
		if (first)
			h += NOTE_SPACE_ABOVE_PT + NOTE_SPACE_BELOW_PT;
		first = false;
		h += fn->height_pt;
	}
	return h;
}

static double notes_height(const struct notes *ns)
{
	if (!ns->n)
		return 0;
	double h = NOTE_SPACE_ABOVE_PT + NOTE_SPACE_BELOW_PT;
	for (size_t i = 0; i < ns->n; i++)
		h += ns->items[i]->height_pt;
	return h;
}

/* Draws the page's footnotes at the foot of the text area, above a short
 * rule, each inside the Note element its mark made. */
static void draw_notes(struct layout *lo, const struct notes *ns, double x_pt)
{
	if (!ns->n)
		return;
	const struct style *st = lo->style;
	struct dl *dl = lo->dl;
	double top = st->page.margin_bottom_pt + notes_height(ns);
	double rule_y = top - NOTE_SPACE_ABOVE_PT;
	if (!st->rule.colour.none && st->rule.width_pt > 0) {
		double len = style_text_width_pt(st) * NOTE_RULE_SHARE;
		if (len > NOTE_RULE_MAX_PT)
			len = NOTE_RULE_MAX_PT;
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
		dl_add_line(dl, x_pt, rule_y, x_pt + len, rule_y, st->rule.width_pt,
			    layout_rgb(st->rule.colour.rgb), DL_SOLID);
		dl_artifact_end(dl);
	}
	double y = rule_y - NOTE_SPACE_BELOW_PT;
	const struct style_text *t = &st->text[STYLE_FOOTNOTE];
	for (size_t i = 0; i < ns->n; i++) {
		struct footnote *fn = ns->items[i];
		if (fn->elem != DL_NO_PARENT)
			dl_struct_resume(dl, fn->elem);
		else
			fn->elem = dl_struct_open(dl, DL_NOTE, NULL);
		/* The number on the baseline of the note's first line, with
		 * a space after it for text taken from the PDF. */
		double hang = style_text_width_pt(st) - fn->text->width_pt;
		if (fn->text->n_lines) {
			const struct text_line *ln = &fn->text->lines[0];
			double h = layout_line_height(fn->text, 0);
			double base = y - (h - ln->ascent_pt - ln->descent_pt) / 2 - ln->ascent_pt;
			char num[32];
			snprintf(num, sizeof num, "%d ", fn->number);
			dl_add_text(dl, x_pt, base, layout_face(lo, t->face), t->size_pt,
				    layout_rgb(t->colour), 0, num);
		}
		layout_draw_text(lo, fn->text, 0, fn->text->n_lines, x_pt + hang, y);
		dl_struct_close(dl);
		/* A reviewer's note on a footnote belongs to its <note>. */
		struct vorigin o = { PLACE_BLOCK, fn->note->pos, { 0 }, fn->section };
		record_source(lo, &o, y, y - fn->height_pt);
		y -= fn->height_pt;
	}
}

/* ---- breaking ----------------------------------------------------------- */

/* The first box at or after i, or n. */
static size_t next_box(const struct layout *lo, size_t i)
{
	while (i < lo->n_items && lo->items[i].kind != V_BOX)
		i++;
	return i;
}

/* Chooses where the page that starts at item i ends: the items [i, *end)
 * go on it. A page may break before a box when the box placed before it
 * does not keep with its next; when a box does not fit, the page ends at
 * the last such place, so that headings keep with what follows and
 * paragraphs keep their orphan and widow lines. A chain of kept boxes
 * taller than the page breaks where it must. A box that cites footnotes
 * fits only together with them. A page break item ends a page that holds
 * a box, and is ignored at the top of a page. */
static size_t plan_page(const struct layout *lo, size_t i, const struct notes *done)
{
	double avail = style_text_height_pt(lo->style);
	size_t first = next_box(lo, i);
	double used = first < lo->n_items && lo->items[first].cont ?
			      lo->items[first].cont->height_pt : 0;
	double pending = 0;
	bool placed = false, keep = false;
	size_t cand = 0;
	bool have_cand = false;
	struct notes ns = { 0 };
	size_t end = lo->n_items;

	for (size_t j = i; j < lo->n_items; j++) {
		const struct vitem *it = &lo->items[j];
		if (it->kind == V_OPEN || it->kind == V_CLOSE)
			continue;
		if (it->kind == V_SPACE) {
			if (placed)
				pending += it->height_pt;
			continue;
		}
		if (it->kind == V_PAGE_BREAK) {
			if (placed) {
				end = j + 1;
				break;
			}
			continue;
		}
		if (placed && !keep) {
			cand = j;
			have_cand = true;
		}
		double grow = notes_growth(it, &ns, done);
		double need = used + pending + it->height_pt + notes_height(&ns) + grow;
		if (placed && need > avail + FIT_SLACK_PT) {
			end = have_cand ? cand : j;
			break;
		}
		used += pending + it->height_pt;
		pending = 0;
		for (size_t k = 0; k < it->n_notes; k++)
			if (!has_note(&ns, it->notes[k]) && !has_note(done, it->notes[k]))
				add_note(&ns, it->notes[k]);
		/* A box of no height (a list label, a draft's note) leaves
		 * the page top a page top: spaces after it still drop. */
		placed = placed || it->height_pt > 0;
		keep = it->keep_with_next;
	}
	free(ns.items);
	return end;
}

static void record_dest(struct layout *lo, const char *name)
{
	xgrow(&lo->dests, &lo->cap_dests, lo->n_dests, sizeof *lo->dests);
	lo->dests[lo->n_dests++] = (struct layout_dest_page){
		.name = arena_strdup(lo->arena, name),
		.page = lo->page,
	};
}

static void put_mark(struct layout *lo, const struct vitem *it)
{
	if (it->kind == V_OPEN)
		dl_struct_open(lo->dl, it->struct_type, &it->attrs);
	else
		dl_struct_close(lo->dl);
}

/* Draws items [i, end) on a new page. */
static void draw_page(struct layout *lo, size_t i, size_t end, struct notes *done)
{
	const struct style *st = lo->style;
	struct dl *dl = lo->dl;
	dl_page_begin_size(dl, st->page.width_pt, st->page.height_pt);
	double x = style_margin_left_pt(st, lo->page);
	double y = st->page.height_pt - st->page.margin_top_pt;

	/* A run of boxes broken here repeats its header, as an artifact:
	 * the header is in the structure once, where it was first drawn. */
	size_t first = next_box(lo, i);
	if (first < end && lo->items[first].cont) {
		const struct vcontinue *c = lo->items[first].cont;
		dl_artifact_begin(dl, DL_ARTIFACT_PAGINATION);
		c->draw(lo, &lo->items[first], x, y);
		dl_artifact_end(dl);
		y -= c->height_pt;
	}

	struct notes ns = { 0 };
	bool placed = false;
	for (size_t j = i; j < end; j++) {
		const struct vitem *it = &lo->items[j];
		switch (it->kind) {
		case V_OPEN:
		case V_CLOSE:
			put_mark(lo, it);
			break;
		case V_SPACE:
			if (placed)
				y -= it->height_pt;
			break;
		case V_PAGE_BREAK:
			break;
		case V_BOX:
			if (it->dest) {
				dl_add_dest(dl, it->dest, y);
				record_dest(lo, it->dest);
			}
			if (it->draw)
				it->draw(lo, it, x, y);
			layout_changes_bar(lo, it, x, y);
			record_source(lo, it->origin, y, y - it->height_pt);
			y -= it->height_pt;
			placed = placed || it->height_pt > 0;
			for (size_t k = 0; k < it->n_notes; k++)
				if (!has_note(&ns, it->notes[k]) && !has_note(done, it->notes[k]))
					add_note(&ns, it->notes[k]);
			break;
		}
	}
	draw_notes(lo, &ns, x);
	for (size_t k = 0; k < ns.n; k++)
		add_note(done, ns.items[k]);
	free(ns.items);
	layout_page_furniture(lo);
	dl_page_end(dl);
}

/* The notes of the boxes in [i, end) that no earlier page printed join
 * done, as drawing that page would add them. */
static void notes_done(const struct layout *lo, size_t i, size_t end, struct notes *done)
{
	for (size_t j = i; j < end; j++) {
		const struct vitem *it = &lo->items[j];
		if (it->kind == V_BOX)
			for (size_t k = 0; k < it->n_notes; k++)
				if (!has_note(done, it->notes[k]))
					add_note(done, it->notes[k]);
	}
}

/* What makes a block of this element shorter, for the finding. */
static const char *remedy(const char *elem)
{
	if (elem && strcmp(elem, "chart") == 0)
		return "give it fewer categories (a partial breakdown of the largest items) or "
		       "show the data as a data-table";
	if (elem && strcmp(elem, "kpis") == 0)
		return "shorten the KPI's value or label";
	return "shorten it, or split it into several";
}

/* Whether the vertical list can be typeset: no box is taller than the text
 * area (with the header a continued table repeats above it), and the pages
 * it makes are no more than LAYOUT_MAX_PAGES. Otherwise each is a finding
 * (DECISIONS.md: problems only layout can see are reported like check's),
 * made before any page is drawn, so that a report too long for a PDF costs
 * no display list. */
static bool can_typeset(struct layout *lo)
{
	const struct style *st = lo->style;
	double avail = style_text_height_pt(st);
	size_t errors = lo->diags->n_errors;
	const struct vorigin *last = NULL;
	for (size_t j = 0; j < lo->n_items; j++) {
		const struct vitem *it = &lo->items[j];
		if (it->kind != V_BOX)
			continue;
		double h = it->height_pt + (it->cont ? it->cont->height_pt : 0);
		if (h <= avail + FIT_SLACK_PT)
			continue;
		/* One finding an element, however many of its boxes are too
		 * tall; the report's root element for its own pages. */
		struct srcpos pos = it->origin && it->origin->pos.file ? it->origin->pos
									 : lo->model->report.head.pos;
		if (lo->pass == 1 && !(last && last == it->origin))
			diag_error(lo->diags, pos, 0,
				   "<%s> too tall for a page: %s %.0f mm high, and a page of the "
				   "style \"%s\" holds %.0f mm of text; %s",
				   it->elem ? it->elem : "report", it->cont ? "a row of it is, with "
				   "the table's heading," : "it is", h * 25.4 / 72, st->name,
				   avail * 25.4 / 72, remedy(it->elem));
		last = it->origin;
	}
	if (lo->diags->n_errors > errors)
		return false;

	struct notes done = { 0 };
	size_t pages = 0;
	for (size_t i = 0; i < lo->n_items;) {
		size_t end = plan_page(lo, i, &done);
		if (next_box(lo, i) < end || pages == 0)
			pages++;
		notes_done(lo, i, end, &done);
		i = end;
		if (pages > LAYOUT_MAX_PAGES)
			break;
	}
	free(done.items);
	if (pages <= LAYOUT_MAX_PAGES)
		return true;
	if (lo->pass == 1)
		diag_error(lo->diags, lo->model->report.head.pos, 0,
			   "the report would have more than %d pages, the most a PDF made by "
			   "reportc can hold; split it into several reports", LAYOUT_MAX_PAGES);
	return false;
}

int layout_pages(struct layout *lo)
{
	struct notes done = { 0 };
	size_t i = 0;
	lo->page = 0;
	if (!can_typeset(lo))
		return 0;
	while (i < lo->n_items) {
		size_t end = plan_page(lo, i, &done);
		/* Nothing but marks, spaces and ignored breaks left: those
		 * marks still close their elements, on the last page. */
		if (next_box(lo, i) >= end && lo->page > 0) {
			for (size_t j = i; j < end; j++)
				if (lo->items[j].kind == V_OPEN || lo->items[j].kind == V_CLOSE)
					put_mark(lo, &lo->items[j]);
			i = end;
			continue;
		}
		lo->page++;
		draw_page(lo, i, end, &done);
		i = end;
	}
	free(done.items);
	return lo->page;
}
