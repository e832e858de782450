/* chart-timeline.c - the timeline of the case reviews register
 * (`<chart of="reviews.milestones" type="timeline"/>`): a row per review, its
 * milestones on one time axis, a mark for a day and a bar for a month, an
 * expected date in outline; alt text made from the dates. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

#include "review-dates.h"
#include "vocab.h"

#define GAP_PT 4.0
#define ROW_PT 18.0          /* a review's row */
#define MARK_PT 7.0          /* the height of a mark; a day's is as wide */

static const char *const month_short[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* The reviews the path names: reviews.milestones, or
 * reviews.milestones.KIND for one kind; REVIEW_KIND_COUNT for all. */
static int kind_of_path(const char *of)
{
	const char *prefix = "reviews.milestones.";
	if (!of || strncmp(of, prefix, strlen(prefix)) != 0)
		return REVIEW_KIND_COUNT;
	for (int k = 0; k < REVIEW_KIND_COUNT; k++)
		if (strcmp(of + strlen(prefix), vocab_review_kinds[k]) == 0)
			return k;
	return REVIEW_KIND_COUNT;
}

struct timeline {
	const struct review **reviews;
	size_t n;
	bool shown[MS_COUNT];        /* events some review dates */
	long first_day, last_day;
};

static bool dated(const struct review_milestone_entry *e)
{
	return e->event_valid && e->date.year;
}

static struct timeline *timeline_new(struct layout *lo, const char *of)
{
	const struct reviews *rv = &lo->model->reviews;
	int kind = kind_of_path(of);
	struct timeline *t = arena_alloc(lo->arena, sizeof *t);
	t->reviews = arena_array(lo->arena, rv->n_reviews ? rv->n_reviews : 1, sizeof *t->reviews);
	bool any = false;
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		if (kind != REVIEW_KIND_COUNT && (!r->kind_valid || (int)r->kind != kind))
			continue;
		t->reviews[t->n++] = r;
		for (size_t k = 0; k < r->n_milestones; k++) {
			const struct review_milestone_entry *e = &r->milestones[k];
			if (!dated(e))
				continue;
			t->shown[e->event] = true;
			long a = review_date_first(e->date), b = review_date_last(e->date);
			if (!any || a < t->first_day)
				t->first_day = a;
			if (!any || b > t->last_day)
				t->last_day = b;
			any = true;
		}
	}
	if (!any)
		t->first_day = t->last_day = 0;
	return t;
}

/* "Case reviews and their milestones, timeline: SCR2 Janet: Independent
 * author appointed June 2018, …; …." Every date in full, for readers who
 * cannot see the chart. */
static const char *alt_text(struct layout *lo, const struct chart *spec, const char *title,
			    const struct timeline *t)
{
	const char *s = "";
	const char *alt = layout_collapse(lo, spec->alt);
	if (*alt) {
		size_t n = strlen(alt);
		bool stop = alt[n - 1] == '.' || alt[n - 1] == '!' || alt[n - 1] == '?';
		s = arena_printf(lo->arena, "%s%s ", alt, stop ? "" : ".");
	}
	s = arena_printf(lo->arena, "%s%s, timeline: ", s, layout_collapse(lo, title));
	char buf[48];
	for (size_t i = 0; i < t->n; i++) {
		const struct review *r = t->reviews[i];
		s = arena_printf(lo->arena, "%s%s%s:", s, i ? "; " : "",
				 layout_collapse(lo, r->name ? r->name : ""));
		bool first = true;
		for (int ms = 0; ms < MS_COUNT; ms++) {
			const struct review_milestone_entry *e = review_milestone_of(r, ms);
			if (!e || !dated(e))
				continue;
			s = arena_printf(lo->arena, "%s%s %s %s%s", s, first ? "" : ",",
					 review_milestone_label((enum review_milestone)ms),
					 review_date_format(e->date, buf, sizeof buf),
					 e->expected ? " (expected)" : "");
			first = false;
		}
		if (first)
			s = arena_printf(lo->arena, "%s no dates", s);
	}
	return arena_printf(lo->arena, "%s.", s);
}

/* The ticks of the axis: each year's 1 January over a long span, each
 * quarter's first day over a short one. */
static size_t ticks(long first, long last, long *out, size_t max, bool *quarters)
{
	int y0, m0, d0, y1, m1, d1;
	review_day_date(first, &y0, &m0, &d0);
	review_day_date(last, &y1, &m1, &d1);
	*quarters = (y1 * 12 + m1) - (y0 * 12 + m0) < 24;
	size_t n = 0;
	int step = *quarters ? 3 : 12;
	int index = *quarters ? y0 * 12 + (m0 - 1) / 3 * 3 : y0 * 12;
	for (; n < max; index += step) {
		long day = review_day_number(index / 12, index % 12 + 1, 1);
		if (day > last)
			break;
		if (day >= first)
			out[n++] = day;
	}
	return n;
}

static struct chart_canvas *draw(struct layout *lo, const struct timeline *t, double width_pt)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct chart_font label = chart_font_of(lo, STYLE_CHART_LABEL, false);
	const struct style_chart *sc = &lo->style->chart;
	double text_h = label.ascent_pt + label.descent_pt;

	/* The names on the left, at most a third of the width, in as many lines
	 * as they need. */
	struct chart_label *names = arena_array(lo->arena, t->n ? t->n : 1, sizeof *names);
	double name_w = 0;
	for (size_t i = 0; i < t->n; i++) {
		names[i] = chart_fit_label(lo, &label, t->reviews[i]->name ? t->reviews[i]->name : "",
					   width_pt / 3);
		name_w = fmax(name_w, names[i].width_pt);
	}
	double x0 = name_w + 2 * GAP_PT, x1 = width_pt - GAP_PT;
	/* A month each side, so that marks at the ends stand clear. */
	long first = t->first_day - 31, last = t->last_day + 31;
	double span = (double)(last - first);
	/* Each row as tall as its longest name needs, two lines at least. */
	double row_h = fmax(ROW_PT, 2 * label.leading_pt + 2);
	for (size_t i = 0; i < t->n; i++)
		row_h = fmax(row_h, chart_label_height(&label, &names[i]) + 4);

	/* Gridlines and labels at the ticks, under the rows. */
	double plot_top = 0, plot_bottom = row_h * (double)t->n;
	long tick[64];
	bool quarters;
	size_t n_ticks = ticks(first, last, tick, 64, &quarters);
	struct dl_rgb axis = layout_rgb(sc->axis.none ? lo->style->text[STYLE_CHART_LABEL].colour
						      : sc->axis.rgb);
	double last_label_end = -1;
	for (size_t i = 0; i < n_ticks; i++) {
		double x = x0 + (x1 - x0) * (double)(tick[i] - first) / span;
		if (!sc->grid.none && sc->grid_width_pt > 0)
			chart_line(c, x, plot_top, x, plot_bottom, sc->grid_width_pt,
				   layout_rgb(sc->grid.rgb), DL_SOLID);
		int y, m, d;
		review_day_date(tick[i], &y, &m, &d);
		const char *text = quarters ? arena_printf(lo->arena, "%s %d", month_short[m - 1], y)
					    : arena_printf(lo->arena, "%d", y);
		double w = chart_text_width(lo, &label, text);
		/* Labels that would touch are left out, the gridline kept. */
		if (x - w / 2 < last_label_end + GAP_PT || x + w / 2 > width_pt)
			continue;
		chart_text(c, &label, x - w / 2, plot_bottom + GAP_PT + label.ascent_pt, text);
		last_label_end = x + w / 2;
	}
	chart_line(c, x0, plot_bottom, x1, plot_bottom,
		   sc->axis_width_pt > 0 ? sc->axis_width_pt : 0.75, axis, DL_SOLID);

	/* The rows: name, a line from the first date to the last, the marks. */
	for (size_t i = 0; i < t->n; i++) {
		const struct review *r = t->reviews[i];
		double mid = row_h * ((double)i + 0.5);
		chart_draw_label(c, &label, &names[i], 0,
				 mid - chart_label_height(&label, &names[i]) / 2, ALIGN_LEFT);
		double lo_x = INFINITY, hi_x = -INFINITY;
		for (size_t k = 0; k < r->n_milestones; k++) {
			const struct review_milestone_entry *e = &r->milestones[k];
			if (!dated(e))
				continue;
			double xa = x0 + (x1 - x0) * (double)(review_date_first(e->date) - first) / span;
			lo_x = fmin(lo_x, xa);
			hi_x = fmax(hi_x, xa);
		}
		if (hi_x > lo_x)
			chart_line(c, lo_x, mid, hi_x, mid, 1, axis, DL_SOLID);
		/* Milestones starting the same day (three in one month, say)
		 * share the row's height, stacked, so that none hides another. */
		size_t look_i = 0;
		for (int ms = 0; ms < MS_COUNT; ms++) {
			if (!t->shown[ms])
				continue;
			struct chart_look look = chart_look_of(lo, look_i++);
			const struct review_milestone_entry *e = review_milestone_of(r, ms);
			if (!e || !dated(e))
				continue;
			long start = review_date_first(e->date);
			size_t lanes = 0, lane = 0;
			for (int other = 0; other < MS_COUNT; other++) {
				const struct review_milestone_entry *o = review_milestone_of(r, other);
				if (!o || !dated(o) || review_date_first(o->date) != start)
					continue;
				lane += other < ms;
				lanes++;
			}
			double h = lanes > 1 ? fmin(MARK_PT, (row_h - 4) / (double)lanes) : MARK_PT;
			double top = mid - h * (double)lanes / 2 + h * (double)lane;
			double xa = x0 + (x1 - x0) * (double)(start - first) / span;
			double xb = x0 + (x1 - x0) * (double)(review_date_last(e->date) + 1 - first) /
						 span;
			/* A day is a square mark centred on it; a month a bar over it. */
			double w = e->date.day ? MARK_PT : fmax(xb - xa, 3);
			double x = e->date.day ? xa - MARK_PT / 2 : xa;
			if (e->expected) {
				struct dl_paint p = dl_paint_fill_stroke(DL_HEX(0xffffff), look.fill, 1.25);
				p.dash = (struct dl_dash){ 2, 1.5 };
				chart_rect(c, x, top, w, h, &p);
			} else {
				struct dl_paint p = chart_paint(lo, &look);
				chart_rect(c, x, top, w, h, &p);
				chart_hatch_rect(c, &look, x, top, w, h);
			}
		}
	}

	/* The legend: one swatch per milestone shown, and what an outline means. */
	double y = plot_bottom + GAP_PT + text_h + 2 * GAP_PT;
	double sw = text_h, x = 0;
	size_t look_i = 0;
	bool any_expected = false;
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < t->reviews[i]->n_milestones; k++)
			any_expected = any_expected || (dated(&t->reviews[i]->milestones[k]) &&
							t->reviews[i]->milestones[k].expected);
	for (int ms = 0; ms <= MS_COUNT; ms++) {
		if (ms < MS_COUNT && !t->shown[ms])
			continue;
		if (ms == MS_COUNT && !any_expected)
			break;
		const char *text = ms < MS_COUNT ? review_milestone_label((enum review_milestone)ms)
						 : "Expected (outline)";
		struct chart_label l = chart_fit_label(lo, &label, text, width_pt - sw - 5);
		double w = sw + 5 + l.width_pt;
		if (x > 0 && x + w > width_pt) {
			x = 0;
			y += label.leading_pt + 4;
		}
		if (ms < MS_COUNT) {
			struct chart_look look = chart_look_of(lo, look_i++);
			chart_swatch(c, &look, x, y, sw);
		} else {
			struct dl_paint p = dl_paint_fill_stroke(DL_HEX(0xffffff), axis, 1.25);
			p.dash = (struct dl_dash){ 2, 1.5 };
			chart_rect(c, x, y, sw, sw, &p);
		}
		chart_draw_label(c, &label, &l, x + sw + 5, y, ALIGN_LEFT);
		x += w + 14;
	}
	c->height_pt = y + label.leading_pt + GAP_PT;
	return c;
}

static void draw_canvas(struct layout *lo, const struct vitem *item, double x_pt,
			double top_pt)
{
	chart_canvas_draw(lo, item->data, x_pt, top_pt);
}

static void draw_title(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct text_block *tb = item->data;
	if (!lo->dl->in_artifact)
		dl_struct_open(lo->dl, DL_CAPTION, NULL);
	layout_draw_text(lo, tb, 0, tb->n_lines, x_pt, top_pt);
	if (!lo->dl->in_artifact)
		dl_struct_close(lo->dl);
}

void chart_timeline(struct layout *lo, const struct block *b)
{
	const struct chart *spec = &b->u.chart;
	if (!lo->model->reviews.head.loaded)
		return;
	struct timeline *t = timeline_new(lo, spec->of);
	if (!t->n)
		return;
	const char *title = spec->title ? spec->title : "Case reviews and their milestones";
	double width = style_text_width_pt(lo->style);
	struct chart_canvas *canvas = draw(lo, t, width);

	const struct style_text *cap = &lo->style->text[STYLE_CAPTION];
	layout_push_space(lo, cap->space_before_pt);
	struct dl_struct_attrs attrs = { 0 };
	attrs.alt = alt_text(lo, spec, title, t);
	layout_push_open(lo, DL_FIGURE, &attrs);
	const struct text_block *tb = layout_set_text(lo, title, STYLE_CAPTION,
						      (enum font_face)(cap->face | FACE_BOLD), width,
						      ALIGN_LEFT);
	layout_push_box(lo, layout_text_height(tb), draw_title, (void *)tb, 0)->keep_with_next =
		true;
	layout_push_space(lo, cap->space_after_pt);
	layout_push_box(lo, canvas->height_pt, draw_canvas, canvas, 0);
	layout_push_close(lo);
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
}
