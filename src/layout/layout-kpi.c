/* layout-kpi.c - KPI tiles: each figure large with what it counts under
 * it, in a box with an accent bar; tiles evenly sized, two to four to a
 * row (as many as their figures allow), rows balanced, one box per row so
 * that pages break between rows. */
#include "layout-private.h"

#include <math.h>
#include <string.h>

#define TILE_GAP_PT 12.0
#define ACCENT_BAR_PT 4.0

struct tile {
	struct text_block *figure, *label;
};

struct tiles {
	struct tile *tiles;
	size_t n, per_row;
	double tile_w, tile_h;
	struct text_block *title;
};

/* A value that is a plain number, "58930", "£41200", "108.7", "67%" or
 * already grouped "58,930", printed as running text prints figures:
 * thousands grouped with commas, decimals as written. A value with
 * letters or spaces ("155 km²", "1 in 5"), or commas that do not group
 * thousands, prints as written (NULL). */
static const char *plain_number(struct layout *lo, const char *v)
{
	const char *p = v;
	const char *pound = "\xc2\xa3";
	bool money = strncmp(p, pound, 2) == 0;
	if (money)
		p += 2;
	char digits[32];
	size_t n = 0, group = 0;
	bool commas = false;
	for (; (*p >= '0' && *p <= '9') || *p == ','; p++) {
		if (*p == ',') {
			/* A comma stands after one to three digits, then every three. */
			if (n == 0 || (commas ? group != 3 : group > 3))
				return NULL;
			commas = true;
			group = 0;
			continue;
		}
		if (n + 1 >= sizeof digits)
			return NULL;
		digits[n++] = *p;
		group++;
	}
	if (n == 0 || (commas && group != 3))
		return NULL;
	const char *rest = p;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	size_t decimals_len = (size_t)(p - rest);
	bool percent = *p == '%';
	if (percent)
		p++;
	if (*p || (money && percent))
		return NULL;
	char out[64];
	size_t k = 0;
	if (money) {
		memcpy(out, pound, 2);
		k = 2;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	memcpy(out + k, rest, decimals_len);
	k += decimals_len;
	if (percent)
		out[k++] = '%';
	return arena_strndup(lo->arena, out, k);
}

/* The figure a tile shows: its path printed like every figure, or its
 * value: a plain number grouped the same way, anything else as written. */
static const char *tile_figure(struct layout *lo, const struct kpi *k)
{
	if (k->value) {
		const char *v = layout_collapse(lo, k->value);
		const char *number = plain_number(lo, v);
		return number ? number : v;
	}
	struct figure_ref ref;
	if (k->of && figure_resolve(lo->model, lo->arena, k->of, &ref, NULL) == FIG_SCALAR)
		return layout_format(lo, ref.value);
	if (layout_gap_figure(lo, k->of))
		return "[to enter]";
	return "";
}

static double widest_word(struct layout *lo, enum style_role role, const char *s)
{
	const struct style_text *st = &lo->style->text[role];
	double w = 0;
	size_t start = 0, n = strlen(s);
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ' ')
			continue;
		if (i > start)
			w = fmax(w, layout_text_width(lo, st->face, st->size_pt, s + start, i - start));
		start = i + 1;
	}
	return w;
}

static double content_width(const struct layout *lo, double tile_w)
{
	return tile_w - ACCENT_BAR_PT - 2 * lo->style->kpi.padding_pt;
}

static void draw_tiles(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct tiles *ts = item->data;
	const struct style_box *box = &lo->style->kpi;
	struct dl *dl = lo->dl;
	bool tagged = !dl->in_artifact;
	size_t first = item->index * ts->per_row;
	for (size_t i = first; i < ts->n && i < first + ts->per_row; i++) {
		const struct tile *t = &ts->tiles[i];
		double x = x_pt + (double)(i - first) * (ts->tile_w + TILE_GAP_PT);
		double bottom = top_pt - ts->tile_h;
		if (tagged)
			dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
		if (!box->fill.none) {
			struct dl_paint p = dl_paint_fill(layout_rgb(box->fill.rgb));
			dl_add_rect(dl, x, bottom, ts->tile_w, ts->tile_h, &p);
		}
		if (!box->border.none && box->border_width_pt > 0) {
			double bw = box->border_width_pt;
			struct dl_paint p = dl_paint_stroke(layout_rgb(box->border.rgb), bw);
			dl_add_rect(dl, x + bw / 2, bottom + bw / 2, ts->tile_w - bw, ts->tile_h - bw, &p);
		}
		struct dl_paint bar = dl_paint_fill(layout_rgb(lo->style->accent));
		dl_add_rect(dl, x, bottom, ACCENT_BAR_PT, ts->tile_h, &bar);
		if (tagged) {
			dl_artifact_end(dl);
			dl_struct_open(dl, DL_P, NULL);
		}
		double cx = x + ACCENT_BAR_PT + box->padding_pt;
		double y = top_pt - box->padding_pt;
		layout_draw_text(lo, t->figure, 0, t->figure->n_lines, cx, y);
		y -= layout_text_height(t->figure) +
		     lo->style->text[STYLE_KPI_FIGURE].space_after_pt;
		layout_draw_text(lo, t->label, 0, t->label->n_lines, cx, y);
		if (tagged)
			dl_struct_close(dl);
	}
}

static void draw_title(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct tiles *ts = item->data;
	bool tagged = !lo->dl->in_artifact;
	if (tagged)
		dl_struct_open(lo->dl, DL_P, NULL);
	layout_draw_text(lo, ts->title, 0, ts->title->n_lines, x_pt, top_pt);
	if (tagged)
		dl_struct_close(lo->dl);
}

void layout_kpis(struct layout *lo, const struct block *b)
{
	const struct kpis *k = &b->u.kpis;
	if (k->n_kpis == 0)
		return;
	const struct style *st = lo->style;
	double width = style_text_width_pt(st);
	const char **figures = arena_array(lo->arena, k->n_kpis, sizeof *figures);
	double fig_w = 0, word_w = 0;
	for (size_t i = 0; i < k->n_kpis; i++) {
		figures[i] = tile_figure(lo, &k->kpis[i]);
		const struct style_text *ft = &st->text[STYLE_KPI_FIGURE];
		fig_w = fmax(fig_w, layout_text_width(lo, ft->face, ft->size_pt, figures[i],
						      strlen(figures[i])));
		word_w = fmax(word_w, widest_word(lo, STYLE_KPI_LABEL,
						  layout_collapse(lo, k->kpis[i].label)));
	}

	/* As many to a row as keep every figure on one line, four at most,
	 * then rows balanced: five tiles are three and two, not four and one. */
	size_t per_row = k->n_kpis < 4 ? k->n_kpis : 4;
	while (per_row > 1) {
		double tile_w = (width - TILE_GAP_PT * (double)(per_row - 1)) / (double)per_row;
		double room = content_width(lo, tile_w);
		if (fig_w <= room && word_w <= room)
			break;
		per_row--;
	}
	size_t rows = (k->n_kpis + per_row - 1) / per_row;
	per_row = (k->n_kpis + rows - 1) / rows;

	struct tiles *ts = arena_alloc(lo->arena, sizeof *ts);
	ts->n = k->n_kpis;
	ts->per_row = per_row;
	ts->tiles = arena_array(lo->arena, ts->n, sizeof *ts->tiles);
	/* A lone tile is as wide as two would be: a figure, not a banner. */
	size_t across = per_row < 2 ? 2 : per_row;
	ts->tile_w = (width - TILE_GAP_PT * (double)(across - 1)) / (double)across;
	if (ts->tile_w < fig_w + ACCENT_BAR_PT + 2 * st->kpi.padding_pt)
		ts->tile_w = width;
	double room = content_width(lo, ts->tile_w);
	double h = 0;
	for (size_t i = 0; i < ts->n; i++) {
		struct tile *t = &ts->tiles[i];
		t->figure = layout_set_text(lo, figures[i], STYLE_KPI_FIGURE,
					    st->text[STYLE_KPI_FIGURE].face, room, ALIGN_LEFT);
		/* "275,899 people live in Sefton", not "275,899people", in text
		 * taken from the PDF: the label follows in the same paragraph. */
		if (t->figure->n_lines)
			layout_line_end_space(lo, &t->figure->lines[t->figure->n_lines - 1]);
		t->label = layout_set_text(lo, k->kpis[i].label, STYLE_KPI_LABEL,
					   st->text[STYLE_KPI_LABEL].face, room, ALIGN_LEFT);
		h = fmax(h, layout_text_height(t->figure) +
			    st->text[STYLE_KPI_FIGURE].space_after_pt + layout_text_height(t->label));
	}
	ts->tile_h = h + 2 * st->kpi.padding_pt;

	const struct style_text *cap = &st->text[STYLE_CAPTION];
	layout_push_space(lo, cap->space_before_pt);
	layout_push_open(lo, DL_DIV, NULL);
	if (k->title) {
		ts->title = layout_set_text(lo, k->title, STYLE_CAPTION, cap->face, width, ALIGN_LEFT);
		layout_push_box(lo, layout_text_height(ts->title) + cap->space_after_pt, draw_title,
				ts, 0)->keep_with_next = true;
	}
	for (size_t r = 0; r < rows; r++) {
		if (r > 0)
			layout_push_space(lo, TILE_GAP_PT);
		layout_push_box(lo, ts->tile_h, draw_tiles, ts, r);
	}
	layout_push_close(lo);
	layout_push_space(lo, st->text[STYLE_BODY].space_after_pt);
}
