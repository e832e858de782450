/* layout.c - the layout driver: passes until page numbers settle, the cover,
 * the contents page, document information. */
#include "layout-private.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "vocab.h"

/* Pass 1 learns the pages; pass 2 prints them; a third (and, rarely, a
 * fourth) follows only when printing them moved pages again. */
#define MAX_PASSES 4

static const char *month_name(int month)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
					      "June", "July", "August", "September", "October",
					      "November", "December" };
	return month >= 1 && month <= 12 ? months[month - 1] : "";
}

/* "1 April 2023 to 31 March 2024", from the reporting period or, when it
 * is not given, from the report's period. */
static const char *period_text(struct layout *lo)
{
	const struct report *r = &lo->model->report;
	struct date a = r->meta.period_start, b = r->meta.period_end;
	if (a.year && b.year && a.month >= 1 && a.month <= 12 && b.month >= 1 && b.month <= 12)
		return arena_printf(lo->arena, "%d %s %d to %d %s %d", a.day, month_name(a.month),
				    a.year, b.day, month_name(b.month), b.year);
	int y = r->head.period.first_year;
	if (!y)
		return "";
	return arena_printf(lo->arena, "1 April %d to 31 March %d", y, y + 1);
}

/* ---- the cover ---------------------------------------------------------- */

struct cover {
	const struct text_block *title, *subtitle, *period, *vision;
	const char *logo_src, *logo_alt;
	const struct image *logo;
	double logo_w_pt, logo_h_pt;
};

static void draw_block_p(struct layout *lo, const struct text_block *tb, double x_pt,
			 double top_pt)
{
	if (!tb || !tb->n_lines)
		return;
	dl_struct_open(lo->dl, DL_P, NULL);
	layout_draw_text(lo, tb, 0, tb->n_lines, x_pt, top_pt);
	dl_struct_close(lo->dl);
}

static double height_of(const struct text_block *tb)
{
	return tb ? layout_text_height(tb) : 0;
}

/* The cover fills its page: a band of the style's colour across the top
 * with the partnership's name, the report's title and its period on it,
 * the vision under the band and the logo at the foot. It carries no
 * running header or footer (layout_page_furniture skips page 1). */
static void draw_cover(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	const struct cover *cv = it->data;
	const struct style *st = lo->style;
	const struct style_page *pg = &st->page;
	struct dl *dl = lo->dl;

	double sub_gap = st->text[STYLE_COVER_TITLE].space_after_pt;
	double per_gap = st->text[STYLE_COVER_SUBTITLE].space_after_pt;
	double text_h = height_of(cv->title) + sub_gap + height_of(cv->subtitle) + per_gap +
			height_of(cv->period);
	/* The band grows when the titles need more room than the style gives. */
	double band_h = st->cover.band_height_pt;
	double need = pg->margin_top_pt + text_h + pg->margin_top_pt / 2;
	if (band_h < need)
		band_h = need;
	if (!st->cover.band.none) {
		struct dl_paint p = dl_paint_fill(layout_rgb(st->cover.band.rgb));
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
		dl_add_rect(dl, 0, pg->height_pt - band_h, pg->width_pt, band_h, &p);
		dl_artifact_end(dl);
	}
	/* The titles sit in the band's lower part, under a margin's height. */
	double y = pg->height_pt - band_h + pg->margin_top_pt / 2 + text_h;
	if (y > top_pt)
		y = top_pt;
	draw_block_p(lo, cv->title, x_pt, y);
	y -= height_of(cv->title) + sub_gap;
	draw_block_p(lo, cv->subtitle, x_pt, y);
	y -= height_of(cv->subtitle) + per_gap;
	draw_block_p(lo, cv->period, x_pt, y);

	draw_block_p(lo, cv->vision, x_pt, pg->height_pt - band_h - pg->margin_top_pt);

	if (cv->logo) {
		size_t image = dl_image_index(dl, cv->logo_src, cv->logo);
		dl_struct_open(dl, DL_FIGURE, &(struct dl_struct_attrs){ .alt = cv->logo_alt });
		dl_add_image(dl, image, x_pt + style_text_width_pt(st) - cv->logo_w_pt,
			     pg->margin_bottom_pt, cv->logo_w_pt, cv->logo_h_pt);
		dl_struct_close(dl);
	}
}

static void cover(struct layout *lo)
{
	const struct style *st = lo->style;
	const struct report_meta *meta = &lo->model->report.meta;
	double w = style_text_width_pt(st);
	struct cover *cv = arena_alloc(lo->arena, sizeof *cv);
	const struct style_text *t = &st->text[STYLE_COVER_TITLE];
	const struct style_text *s = &st->text[STYLE_COVER_SUBTITLE];
	cv->title = layout_set_text(lo, layout_collapse(lo, meta->partnership), STYLE_COVER_TITLE,
				    t->face, w, ALIGN_DEFAULT);
	cv->subtitle = layout_set_text(lo, layout_collapse(lo, meta->title), STYLE_COVER_SUBTITLE,
				       s->face, w, ALIGN_DEFAULT);
	cv->period = layout_set_text(lo, period_text(lo), STYLE_COVER_SUBTITLE, s->face, w,
				     ALIGN_DEFAULT);
	const char *vision = layout_collapse(lo, meta->vision);
	if (*vision)
		cv->vision = layout_set_text(lo, vision, STYLE_QUOTE, st->text[STYLE_QUOTE].face, w,
					     ALIGN_DEFAULT);

	if (meta->logo_src) {
		const struct image *im = layout_image(lo, meta->logo_pos, "logo src", meta->logo_src);
		if (im) {
			/* At most an inch tall and a third of the text wide. */
			double pw = im->width_px, ph = im->height_px;
			double lh = 72, lw = lh * pw / ph;
			if (lw > w / 3) {
				lw = w / 3;
				lh = lw * ph / pw;
			}
			cv->logo_src = meta->logo_src;
			cv->logo = im;
			cv->logo_w_pt = lw;
			cv->logo_h_pt = lh;
			const char *who = layout_collapse(lo, meta->partnership);
			cv->logo_alt = *who ? arena_printf(lo->arena, "Logo of %s", who) : "Logo";
		}
	}
	layout_draft_anchor(lo, NULL);
	layout_push_box(lo, style_text_height_pt(st), draw_cover, cv, 0);
	layout_push_page_break(lo);
}

/* ---- the contents page -------------------------------------------------- */

struct toc_entry {
	const struct text_block *tb;
	const char *number;           /* the page, as printed */
	const char *dest;
	double indent_pt;
	enum style_role role;
};

/* An entry: its title (wrapped before the page column), dotted leaders
 * from the title's last line to the page number, right-aligned; the whole
 * a link to the section, tagged TOCI > Link. */
static void draw_toc_entry(struct layout *lo, const struct vitem *it, double x_pt,
			   double top_pt)
{
	const struct toc_entry *e = it->data;
	const struct style_text *t = &lo->style->text[e->role];
	struct dl *dl = lo->dl;
	double w = style_text_width_pt(lo->style);
	double h = layout_text_height(e->tb);

	dl_struct_open(dl, DL_TOCI, NULL);
	dl_struct_open(dl, DL_LINK, NULL);
	layout_draw_text(lo, e->tb, 0, e->tb->n_lines, x_pt + e->indent_pt, top_pt);

	/* The baseline of the last line, where leaders and number go. */
	size_t last = e->tb->n_lines - 1;
	double top = top_pt;
	for (size_t i = 0; i < last; i++)
		top -= layout_line_height(e->tb, i);
	const struct text_line *ln = &e->tb->lines[last];
	double lh = layout_line_height(e->tb, last);
	double base = top - (lh - ln->ascent_pt - ln->descent_pt) / 2 - ln->ascent_pt;

	double num_w = layout_text_width(lo, t->face, t->size_pt, e->number, strlen(e->number));
	double gap = 0.5 * t->size_pt;
	/* Leader dots stand on a grid counted from the page column, so that
	 * they line up from entry to entry. */
	double pitch = layout_text_width(lo, FACE_REGULAR, t->size_pt, " .", 2);
	double from = x_pt + e->indent_pt + ln->width_pt + gap;
	double to = x_pt + w - layout_text_width(lo, t->face, t->size_pt, "000", 3) - gap;
	if (pitch > 0 && to - from >= pitch) {
		size_t n = (size_t)((to - from) / pitch);
		char *dots = arena_alloc(lo->arena, 2 * n + 1);
		for (size_t i = 0; i < n; i++)
			memcpy(dots + 2 * i, " .", 2);
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
		dl_add_text(dl, to - (double)n * pitch, base, layout_face(lo, FACE_REGULAR),
			    t->size_pt, layout_rgb(t->colour), 0, dots);
		dl_artifact_end(dl);
	}
	dl_add_text(dl, x_pt + w - num_w, base, layout_face(lo, t->face), t->size_pt,
		    layout_rgb(t->colour), 0, e->number);
	dl_add_link_dest(dl, x_pt + e->indent_pt, top_pt - h, w - e->indent_pt, h, e->dest);
	dl_struct_close(dl);
	dl_struct_close(dl);
}

static void toc_entry(struct layout *lo, const struct section *s, enum style_role role,
		      double indent_pt)
{
	const struct style_text *t = &lo->style->text[role];
	double w = style_text_width_pt(lo->style);
	double num_col = layout_text_width(lo, t->face, t->size_pt, "000", 3) + 2 * t->size_pt;
	struct toc_entry *e = arena_alloc(lo->arena, sizeof *e);
	e->tb = layout_set_text(lo, layout_section_title(lo, s), role, t->face,
				w - indent_pt - num_col, ALIGN_DEFAULT);
	if (!e->tb->n_lines || !s->id)
		return;
	e->dest = arena_printf(lo->arena, "sec-%s", s->id);
	int page = layout_dest_page(lo, e->dest);
	/* Pass 1 does not know the page yet: "00" holds its place. */
	e->number = page > 0 ? arena_printf(lo->arena, "%d", page) : "00";
	e->indent_pt = indent_pt;
	e->role = role;
	layout_push_space(lo, t->space_before_pt);
	layout_push_box(lo, layout_text_height(e->tb), draw_toc_entry, e, 0);
	layout_push_space(lo, t->space_after_pt);
}

static void draw_contents_title(struct layout *lo, const struct vitem *it, double x_pt,
				double top_pt)
{
	const struct text_block *tb = it->data;
	layout_draw_text(lo, tb, it->index, 1, x_pt, top_pt);
}

/* Where <contents/> stands: a page of its own listing every top-level
 * section and appendix and their first-level subsections, with the pages
 * the previous pass found. */
static void contents(struct layout *lo, const struct block *b)
{
	const struct style *st = lo->style;
	const struct style_text *h1 = &st->text[STYLE_H1];
	layout_push_page_break(lo);
	layout_draft_anchor(lo, b);
	struct text_block *tb = layout_set_text(lo, st->words.contents, STYLE_H1, h1->face,
						style_text_width_pt(st), ALIGN_DEFAULT);
	dl_add_outline(lo->dl, 1, st->words.contents, "contents");
	layout_push_open(lo, DL_H1, NULL);
	for (size_t i = 0; i < tb->n_lines; i++) {
		struct vitem *it = layout_push_box(lo, layout_line_height(tb, i),
						   draw_contents_title, tb, i);
		it->keep_with_next = true;
		if (i == 0)
			it->dest = "contents";
	}
	layout_push_close(lo);
	layout_push_space(lo, h1->space_after_pt);
	layout_push_open(lo, DL_TOC, NULL);
	for (const struct block *s = lo->model->report.body; s; s = s->next) {
		if (s->kind != BLK_SECTION)
			continue;
		toc_entry(lo, &s->u.section, STYLE_CONTENTS, 0);
		for (const struct block *c = s->u.section.blocks; c; c = c->next)
			if (c->kind == BLK_SECTION)
				toc_entry(lo, &c->u.section, STYLE_CONTENTS_SUB, st->list.indent_pt);
	}
	const struct section *annex = layout_chart_annex_section(lo);
	if (annex)
		toc_entry(lo, annex, STYLE_CONTENTS, 0);
	layout_push_close(lo);
	/* The contents stands on pages of its own, whether or not the style
	 * starts each section on a new page. */
	layout_push_page_break(lo);
}

/* ---- a pass ------------------------------------------------------------- */

/* s cut to DL_INFO_MAX_BYTES bytes, at a character, with an ellipsis;
 * the first pass warns that `what` was shortened. */
static const char *info_text(struct layout *lo, const char *s, const char *what,
			     struct srcpos pos)
{
	size_t len = strlen(s);
	if (len <= DL_INFO_MAX_BYTES)
		return s;
	size_t keep = DL_INFO_MAX_BYTES - 3;
	while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
		keep--;
	if (lo->pass == 1)
		diag_warning(lo->diags, pos, 0,
			     "%s is %zu bytes long; the PDF's document information keeps its first "
			     "%zu bytes and an ellipsis", what, len, keep);
	return arena_printf(lo->arena, "%.*s\xe2\x80\xa6", (int)keep, s);
}

static void document_header(struct layout *lo)
{
	const struct style *st = lo->style;
	const struct model *m = lo->model;
	struct dl *dl = lo->dl;
	dl_set_page_size(dl, st->page.width_pt, st->page.height_pt);
	const char *author = layout_collapse(lo, m->report.meta.author);
	const char *subject = layout_collapse(lo, m->report.meta.partnership);
	const char *title = layout_short_title(lo);
	struct dl_info info = {
		.title = *title ? info_text(lo, title, "the report's title", m->report.meta.title_pos) : NULL,
		.author = *author ? info_text(lo, author, "the author", m->report.meta.author_pos) : NULL,
		.subject = *subject ? info_text(lo, subject, "the partnership's name",
						   m->report.meta.partnership_pos) : NULL,
		.creator = "reportc",
		.lang = m->report.lang ? m->report.lang : VOCAB_DEFAULT_LANG,
	};
	dl_set_info(dl, &info);
	if (lo->opts) {
		dl_set_id(dl, lo->opts->document_id);
		if (lo->opts->has_date && lo->opts->date.year > 0) {
			struct date d = lo->opts->date;
			dl_set_created(dl, (struct dl_date){ .year = d.year, .month = d.month,
							     .day = d.day });
		}
	}
}

static void run_pass(struct layout *lo)
{
	document_header(lo);
	layout_push_open(lo, DL_DOCUMENT, NULL);
	cover(lo);
	/* The changes since the previous draft follow the contents, or the
	 * cover when there is none. */
	bool contents_page = false;
	for (const struct block *b = lo->model->report.body; b; b = b->next)
		contents_page = contents_page || b->kind == BLK_CONTENTS;
	if (!contents_page)
		layout_changes_page(lo);
	const struct srcpos none = { 0 };
	for (const struct block *b = lo->model->report.body; b; b = b->next) {
		if (b->kind == BLK_CONTENTS) {
			const struct vorigin *outer =
				layout_origin_push(lo, PLACE_CONTENTS, none, none, NULL);
			contents(lo, b);
			lo->origin = outer;
			layout_changes_page(lo);
		} else
			layout_block(lo, b);
	}
	layout_chart_annex(lo);
	layout_origin_push(lo, PLACE_OPEN_POINTS, none, none, NULL);
	layout_draft_open_points(lo);
	layout_push_close(lo);
	layout_pages(lo);
}

/* Whether this pass printed what it found: the same pages for every
 * destination and the same page count as the pass before. */
static bool settled(const struct layout *lo)
{
	if (lo->pass == 1 || lo->page != lo->prev_page_count || lo->n_dests != lo->n_prev_dests)
		return false;
	/* Names are unique, so equal counts and equal pages by name suffice. */
	for (size_t i = 0; i < lo->n_dests; i++)
		if (layout_dest_page(lo, lo->dests[i].name) != lo->dests[i].page)
			return false;
	return true;
}

void layout_sources_free(struct layout_sources *s)
{
	free(s->items);
	*s = (struct layout_sources){ 0 };
}

struct dl *layout_report(const struct model *m, const struct style *style,
			 const struct font_family *fonts, const struct layout_options *opts,
			 struct diags *d)
{
	size_t errors = d->n_errors;
	struct arena *kept = NULL;    /* the previous pass's destinations */
	struct layout_dest_page *prev = NULL;
	size_t n_prev = 0;
	int prev_pages = 0;
	struct dl *result = NULL;
	struct layout_draft *draft =
		opts && opts->draft ? layout_draft_new(m, opts->warnings) : NULL;
	/* A draft with figures still to enter shows each gap (layout-gaps.c). */
	struct arena *gaps = NULL;
	const struct model *filled = NULL;
	if (draft && opts->warnings && opts->warnings->n_incomplete) {
		gaps = arena_new();
		filled = model_gaps_filled(m, gaps);
	}
	for (int pass = 1; pass <= MAX_PASSES; pass++) {
		struct layout lo;
		layout_pass_begin(&lo, m, style, fonts, opts, d, pass);
		lo.prev_dests = prev;
		lo.n_prev_dests = n_prev;
		lo.prev_page_count = prev_pages;
		lo.filled = filled;
		layout_draft_begin_pass(&lo, draft);
		run_pass(&lo);
		bool failed = d->n_errors > errors;
		bool done = failed || settled(&lo) || pass == MAX_PASSES;
		if (done && !failed) {
			result = lo.dl;
			if (opts && opts->sources) {
				*opts->sources = lo.sources;
				lo.sources = (struct layout_sources){ 0 };
			}
		} else {
			dl_free(lo.dl);
		}
		if (!done) {
			struct arena *next = arena_new();
			prev = layout_pass_dests(&lo, next);
			n_prev = lo.n_dests;
			prev_pages = lo.page;
			arena_free(kept);
			kept = next;
		}
		layout_pass_end(&lo);
		if (done)
			break;
	}
	arena_free(kept);
	arena_free(gaps);
	layout_draft_free(draft);
	return result;
}

struct dl *layout_blocks(const struct model *m, const struct style *style,
			 const struct font_family *fonts, const struct layout_options *opts,
			 const struct block *const *blocks, size_t n, struct diags *d)
{
	size_t errors = d->n_errors;
	/* A draft with figures still to enter shows each gap as the PDF does. */
	struct arena *gaps = NULL;
	const struct model *filled = NULL;
	if (opts && opts->draft && opts->warnings && opts->warnings->n_incomplete) {
		gaps = arena_new();
		filled = model_gaps_filled(m, gaps);
	}
	struct layout lo;
	layout_pass_begin(&lo, m, style, fonts, opts, d, 1);
	lo.filled = filled;
	layout_draft_begin_pass(&lo, NULL);
	document_header(&lo);
	for (size_t i = 0; i < n; i++) {
		layout_push_open(&lo, DL_DIV, NULL);
		layout_block(&lo, blocks[i]);
		layout_push_close(&lo);
	}
	layout_pages(&lo);
	struct dl *result = lo.dl;
	if (d->n_errors > errors) {
		dl_free(result);
		result = NULL;
	}
	layout_pass_end(&lo);
	arena_free(gaps);
	return result;
}
