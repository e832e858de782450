/* chart-bar.c - bar charts: vertical and horizontal bars of one series,
 * grouped and stacked bars of series by period, and 100% stacked bars. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

/* Gaps in points: between a label and what it labels, round the plot. */
#define GAP_PT 4.0
#define PLOT_HEIGHT_PT 170.0
#define HBAR_THICKNESS_PT 18.0
#define STACK100_THICKNESS_PT 24.0

/* What every bar chart measures its text with. */
struct fonts {
	struct chart_font label, value;
	double text_h;           /* ascent + descent of a line */
};

static struct fonts fonts_of(struct layout *lo)
{
	struct fonts f;
	f.label = chart_font_of(lo, STYLE_CHART_LABEL, false);
	f.value = chart_font_of(lo, STYLE_CHART_LABEL, true);
	f.text_h = f.label.ascent_pt + f.label.descent_pt;
	return f;
}

static struct dl_rgb axis_color(const struct layout *lo)
{
	const struct style_chart *sc = &lo->style->chart;
	return layout_rgb(sc->axis.none ? lo->style->text[STYLE_CHART_LABEL].colour : sc->axis.rgb);
}

/* The largest present value of the series that are drawn. */
static double max_value(const struct chart_data *cd, bool skip_totals)
{
	double m = 0;
	for (size_t r = 0; r < cd->n_cats; r++)
		for (size_t s = 0; s < cd->n_series; s++)
			if (chart_present(cd, r, s) && !(skip_totals && cd->series_total[s]) &&
			    chart_value(cd, r, s) > m)
				m = chart_value(cd, r, s);
	return m;
}

static struct chart_look look_for(const struct layout *lo, const struct chart_data *cd,
				  size_t cat, size_t look_index)
{
	return cd->remainder[cat] ? chart_remainder_look(lo) : chart_look_of(lo, look_index);
}

/* A bar: filled, hatched, outlined. */
static void bar(struct chart_canvas *c, const struct chart_look *look, double x, double y,
		double w, double h)
{
	struct dl_paint p = chart_paint(c->lo, look);
	chart_rect(c, x, y, w, h, &p);
	chart_hatch_rect(c, look, x, y, w, h);
}

/* Horizontal gridlines and tick labels of a vertical value axis: the plot
 * spans x0..x1, its zero at y_base and its top tick at y_top. */
static void value_axis_y(struct chart_canvas *c, const struct fonts *f,
			 const struct chart_axis *ax, double x0, double x1, double y_top,
			 double y_base)
{
	struct layout *lo = c->lo;
	const struct style_chart *sc = &lo->style->chart;
	for (size_t i = 0; i <= ax->n_steps; i++) {
		double y = y_base - (y_base - y_top) * (double)i / (double)ax->n_steps;
		if (i > 0 && !sc->grid.none && sc->grid_width_pt > 0)
			chart_line(c, x0, y, x1, y, sc->grid_width_pt, layout_rgb(sc->grid.rgb),
				   DL_SOLID);
		const char *t = chart_tick_label(lo, ax, i);
		double w = chart_text_width(lo, &f->label, t);
		double base = y + (f->label.ascent_pt - f->label.descent_pt) / 2;
		chart_text(c, &f->label, x0 - GAP_PT - 2 - w, base, t);
	}
}

/* The zero line of the value axis. */
static void baseline(struct chart_canvas *c, double x0, double y0, double x1, double y1)
{
	struct layout *lo = c->lo;
	chart_line(c, x0, y0, x1, y1, lo->style->chart.axis_width_pt > 0
		   ? lo->style->chart.axis_width_pt : 0.75, axis_color(lo), DL_SOLID);
}

/* Category labels centred under slots of slot_w from x0, top at top_pt,
 * each in as many lines as it needs (never turned, never shortened);
 * returns the height of the tallest. */
static double category_labels(struct chart_canvas *c, const struct fonts *f,
			      const struct chart_data *cd, double x0, double slot_w,
			      double top_pt)
{
	double h = 0;
	for (size_t r = 0; r < cd->n_cats; r++) {
		double cx = x0 + slot_w * ((double)r + 0.5);
		/* A name without a break ("2023-24") may use the slot to within a
		 * point of the next. */
		struct chart_label l = chart_fit_label(c->lo, &f->label, cd->cats[r],
						       slot_w - GAP_PT);
		if (l.n_lines > 1 && !strchr(cd->cats[r], ' ') &&
		    chart_text_width(c->lo, &f->label, cd->cats[r]) <= slot_w - 1)
			l = chart_fit_label(c->lo, &f->label, cd->cats[r], slot_w - 1);
		struct chart_box b = chart_draw_label(c, &f->label, &l, cx, top_pt, ALIGN_CENTRE);
		h = fmax(h, b.y1 - top_pt);
	}
	return h;
}

/* A value label centred on x above y (the top of a bar), if it is clear of
 * every other (bars too narrow for every figure keep those that find
 * room, largest first); never turned. The gridlines stop short of it. */
static void value_above(struct chart_canvas *c, const struct fonts *f, const char *text,
			double x, double y)
{
	double w = chart_text_width(c->lo, &f->value, text);
	struct chart_box b = { x - w / 2, y - GAP_PT - f->text_h, x + w / 2, y - GAP_PT };
	if (!chart_box_free(c, b, 1))
		return;
	struct dl_paint knock = dl_paint_fill(DL_HEX(0xffffff));
	chart_rect(c, b.x0 - 1, b.y0, b.x1 - b.x0 + 2, b.y1 - b.y0, &knock);
	chart_text(c, &f->value, x - w / 2, y - GAP_PT - f->value.descent_pt, text);
}

/* The figures of the bars in the order to place them: largest first, so
 * that when not all find room the largest do. */
static size_t *largest_first(struct layout *lo, const struct chart_data *cd)
{
	size_t n = cd->n_cats * cd->n_series;
	size_t *order = arena_array(lo->arena, n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		for (; j > 0 && cd->values[order[j - 1]].hundredths < cd->values[i].hundredths; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	return order;
}

/* The widest figure of the bars. */
static double widest_figure(struct layout *lo, const struct fonts *f, const struct chart_data *cd)
{
	double w = 0;
	for (size_t i = 0; i < cd->n_cats * cd->n_series; i++)
		if (cd->present[i])
			w = fmax(w, chart_text_width(lo, &f->value, chart_format(lo, cd->values[i])));
	return w;
}

/* A value label inside a bar segment, on a patch of the plain fill so that
 * hatching never runs through the figures; false when it does not fit. */
static bool value_inside(struct chart_canvas *c, const struct fonts *f,
			 const struct chart_look *look, const char *text, double x0, double y0,
			 double w, double h)
{
	double tw = chart_text_width(c->lo, &f->value, text);
	if (tw + 2 * GAP_PT > w || f->text_h + 2 > h)
		return false;
	double cx = x0 + w / 2, cy = y0 + h / 2;
	double base = cy + (f->value.ascent_pt - f->value.descent_pt) / 2;
	struct chart_box b = { cx - tw / 2, base - f->value.ascent_pt, cx + tw / 2,
			       base + f->value.descent_pt };
	if (!chart_box_free(c, b, 0))
		return false;
	if (look->pattern > 0) {
		struct dl_paint patch = dl_paint_fill(look->fill);
		chart_rect(c, b.x0 - 3, b.y0 - 1.5, b.x1 - b.x0 + 6, b.y1 - b.y0 + 3, &patch);
	}
	struct chart_font vf = f->value;
	vf.color = look->text;
	chart_text(c, &vf, cx - tw / 2, base, text);
	return true;
}

/* ---- vertical bars ------------------------------------------------------ */

/* The slot of each category in vertical bars of cd, as chart_draw_bar()
 * lays them out. */
static double bar_slot(struct layout *lo, const struct fonts *f, const struct chart_data *cd,
		       double width_pt)
{
	size_t n = cd->n_cats ? cd->n_cats : 1;
	struct chart_axis ax = chart_axis_for(max_value(cd, false), cd->unit, 6);
	double x0 = chart_axis_label_width(lo, &ax, &f->label) + 2 * GAP_PT + 2;
	return (width_pt - x0) / (double)n;
}

bool chart_bar_fits(struct layout *lo, const struct chart_data *cd, double width_pt)
{
	struct fonts f = fonts_of(lo);
	double slot = bar_slot(lo, &f, cd, width_pt);
	if (widest_figure(lo, &f, cd) + GAP_PT > slot)
		return false;
	for (size_t r = 0; r < cd->n_cats; r++) {
		struct chart_label l = chart_fit_label(lo, &f.label, cd->cats[r], slot - GAP_PT);
		if (l.n_lines > 2 || l.hyphenated)
			return false;
	}
	return true;
}

struct chart_canvas *chart_draw_bar(struct layout *lo, const struct chart_data *cd,
				    double width_pt)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct fonts f = fonts_of(lo);
	struct chart_axis ax = chart_axis_for(max_value(cd, false), cd->unit, 6);
	double x0 = chart_axis_label_width(lo, &ax, &f.label) + 2 * GAP_PT + 2;
	double slot = bar_slot(lo, &f, cd, width_pt);
	double bar_w = fmin(slot * 0.65, 64);

	double y_top = f.text_h + 2 * GAP_PT;
	double y_base = y_top + PLOT_HEIGHT_PT;
	value_axis_y(c, &f, &ax, x0, width_pt, y_top, y_base);
	for (size_t r = 0; r < cd->n_cats; r++) {
		if (!chart_present(cd, r, 0))
			continue;
		double h = chart_value(cd, r, 0) / ax.top * PLOT_HEIGHT_PT;
		double x = x0 + slot * (double)r + (slot - bar_w) / 2;
		struct chart_look look = look_for(lo, cd, r, 0);
		bar(c, &look, x, y_base - h, bar_w, h);
	}
	size_t *order = largest_first(lo, cd);
	for (size_t i = 0; i < cd->n_cats; i++) {
		size_t r = order[i];
		if (!chart_present(cd, r, 0))
			continue;
		double h = chart_value(cd, r, 0) / ax.top * PLOT_HEIGHT_PT;
		value_above(c, &f, chart_format(lo, cd->values[r]), x0 + slot * ((double)r + 0.5),
			    y_base - h);
	}
	baseline(c, x0, y_base, width_pt, y_base);
	double h = category_labels(c, &f, cd, x0, slot, y_base + GAP_PT);
	c->height_pt = y_base + GAP_PT + h + 2;
	return c;
}

/* ---- horizontal bars ---------------------------------------------------- */

struct chart_canvas *chart_draw_hbar(struct layout *lo, const struct chart_data *cd,
				     double width_pt)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct fonts f = fonts_of(lo);

	/* The label column: as wide as the longest label, up to a little over
	 * a third of the chart; longer labels take as many lines as they
	 * need. Rows as tall as their labels; a chart taller than a page packs
	 * its rows closer and, if that is not enough, widens the column so
	 * that labels take fewer lines. */
	double longest = 0;
	for (size_t r = 0; r < cd->n_cats; r++)
		longest = fmax(longest, chart_text_width(lo, &f.label, cd->cats[r]));
	struct chart_label *labels = arena_array(lo->arena, cd->n_cats ? cd->n_cats : 1,
						 sizeof *labels);
	double *row_h = arena_array(lo->arena, cd->n_cats ? cd->n_cats : 1, sizeof *row_h);
	double room = style_text_height_pt(lo->style) * 0.85;
	double label_w = 0, pitch = 0;
	static const double shares[] = { 0.36, 0.5 };
	for (size_t k = 0; k < sizeof shares / sizeof shares[0]; k++) {
		label_w = fmin(longest, width_pt * shares[k]);
		pitch = HBAR_THICKNESS_PT + 8;
		double total = 0;
		for (size_t r = 0; r < cd->n_cats; r++) {
			labels[r] = chart_fit_label(lo, &f.label, cd->cats[r], label_w);
			total += fmax(chart_label_height(&f.label, &labels[r]) + 8, pitch);
		}
		if (total <= room || cd->n_cats == 0)
			break;
		/* Packed: rows share the room, none shorter than a line. */
		pitch = fmax(f.text_h + 4, room / (double)cd->n_cats);
		total = 0;
		for (size_t r = 0; r < cd->n_cats; r++)
			total += fmax(chart_label_height(&f.label, &labels[r]) + 4, pitch);
		if (total <= room)
			break;
	}
	bool packed = pitch < HBAR_THICKNESS_PT + 8;
	for (size_t r = 0; r < cd->n_cats; r++)
		row_h[r] = fmax(chart_label_height(&f.label, &labels[r]) + (packed ? 4 : 8), pitch);
	double thick = fmin(HBAR_THICKNESS_PT, pitch - 6);

	/* Figures go at the end of each bar, so the plot leaves room for the
	 * widest beyond its right edge. */
	double value_w = 0;
	for (size_t r = 0; r < cd->n_cats; r++)
		if (chart_present(cd, r, 0))
			value_w = fmax(value_w, chart_text_width(lo, &f.value,
								 chart_format(lo, cd->values[r])));
	double x0 = label_w + 2 * GAP_PT;
	double x1 = width_pt - value_w - GAP_PT - 2;

	/* As many ticks as their labels allow without touching. */
	struct chart_axis ax;
	for (size_t target = 8;; target--) {
		ax = chart_axis_for(max_value(cd, false), cd->unit, target);
		double tw = chart_axis_label_width(lo, &ax, &f.label);
		if (target == 1 || (x1 - x0) / (double)ax.n_steps >= tw + 3 * GAP_PT)
			break;
	}

	double rows_end = GAP_PT;
	for (size_t r = 0; r < cd->n_cats; r++)
		rows_end += row_h[r];
	const struct style_chart *sc = &lo->style->chart;
	for (size_t i = 1; i <= ax.n_steps; i++) {
		double x = x0 + (x1 - x0) * (double)i / (double)ax.n_steps;
		if (!sc->grid.none && sc->grid_width_pt > 0)
			chart_line(c, x, 0, x, rows_end, sc->grid_width_pt, layout_rgb(sc->grid.rgb),
				   DL_SOLID);
	}
	double top = GAP_PT;
	for (size_t r = 0; r < cd->n_cats; r++) {
		double mid = top + row_h[r] / 2;
		top += row_h[r];
		chart_draw_label(c, &f.label, &labels[r], label_w,
				 mid - chart_label_height(&f.label, &labels[r]) / 2, ALIGN_RIGHT);
		if (!chart_present(cd, r, 0))
			continue;
		double w = chart_value(cd, r, 0) / ax.top * (x1 - x0);
		struct chart_look look = look_for(lo, cd, r, 0);
		bar(c, &look, x0, mid - thick / 2, w, thick);
		const char *v = chart_format(lo, cd->values[r]);
		chart_text(c, &f.value, x0 + w + GAP_PT,
			   mid + (f.value.ascent_pt - f.value.descent_pt) / 2, v);
	}
	baseline(c, x0, 0, x0, rows_end);

	/* Tick labels under the plot, the last kept inside the chart. */
	double tick_top = rows_end + GAP_PT;
	for (size_t i = 0; i <= ax.n_steps; i++) {
		double x = x0 + (x1 - x0) * (double)i / (double)ax.n_steps;
		const char *t = chart_tick_label(lo, &ax, i);
		double w = chart_text_width(lo, &f.label, t);
		double left = fmax(fmin(x - w / 2, width_pt - w), 0);
		chart_text(c, &f.label, left, tick_top + f.label.ascent_pt, t);
	}
	c->height_pt = tick_top + f.text_h + 2;
	return c;
}

/* ---- grouped bars ------------------------------------------------------- */

struct chart_canvas *chart_draw_grouped(struct layout *lo, const struct chart_data *cd,
					double width_pt)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct fonts f = fonts_of(lo);
	size_t n = cd->n_cats ? cd->n_cats : 1, ns = cd->n_series ? cd->n_series : 1;
	double legend_h = chart_legend(c, cd, 0);

	struct chart_axis ax = chart_axis_for(max_value(cd, false), cd->unit, 6);
	double x0 = chart_axis_label_width(lo, &ax, &f.label) + 2 * GAP_PT + 2;
	double slot = (width_pt - x0) / (double)n;
	const double inner = 3; /* between the bars of a group */
	double value_w = 0;
	for (size_t i = 0; i < cd->n_cats * cd->n_series; i++)
		if (cd->present[i])
			value_w = fmax(value_w, chart_text_width(lo, &f.value,
								 chart_format(lo, cd->values[i])));
	/* Bars wide enough for their figures, a few points apart, when the
	 * slot allows it; otherwise figures turn upwards or go where there
	 * is room. */
	double need = value_w + GAP_PT - inner;
	double bar_w = fmin(48, (slot * 0.8 - inner * (double)(ns - 1)) / (double)ns);
	if (need > bar_w)
		bar_w = fmin(need, (slot - 2 * GAP_PT - inner * (double)(ns - 1)) / (double)ns);
	double group_w = bar_w * (double)ns + inner * (double)(ns - 1);

	double y_top = legend_h + GAP_PT + f.text_h + 2 * GAP_PT;
	double y_base = y_top + PLOT_HEIGHT_PT;
	value_axis_y(c, &f, &ax, x0, width_pt, y_top, y_base);
	for (size_t r = 0; r < cd->n_cats; r++) {
		double gx = x0 + slot * (double)r + (slot - group_w) / 2;
		for (size_t s = 0; s < cd->n_series; s++) {
			if (!chart_present(cd, r, s))
				continue;
			double h = chart_value(cd, r, s) / ax.top * PLOT_HEIGHT_PT;
			struct chart_look look = chart_look_of(lo, s + cd->look_offset);
			bar(c, &look, gx + (bar_w + inner) * (double)s, y_base - h, bar_w, h);
		}
	}
	size_t *order = largest_first(lo, cd);
	for (size_t i = 0; i < cd->n_cats * cd->n_series; i++) {
		size_t r = order[i] / cd->n_series, s = order[i] % cd->n_series;
		if (!chart_present(cd, r, s))
			continue;
		double gx = x0 + slot * (double)r + (slot - group_w) / 2;
		double h = chart_value(cd, r, s) / ax.top * PLOT_HEIGHT_PT;
		value_above(c, &f, chart_format(lo, cd->values[order[i]]),
			    gx + (bar_w + inner) * (double)s + bar_w / 2, y_base - h);
	}
	baseline(c, x0, y_base, width_pt, y_base);
	double h = category_labels(c, &f, cd, x0, slot, y_base + GAP_PT);
	c->height_pt = y_base + GAP_PT + h + 2;
	return c;
}

/* ---- stacked bars ------------------------------------------------------- */

/* The height of each stack: its total column when the data has one,
 * otherwise the sum of its parts. */
static double stack_total(const struct chart_data *cd, size_t r, struct figure *fig)
{
	int64_t sum = 0;
	for (size_t s = 0; s < cd->n_series; s++) {
		if (cd->series_total[s] && chart_present(cd, r, s)) {
			*fig = cd->values[r * cd->n_series + s];
			return chart_value(cd, r, s);
		}
	}
	for (size_t s = 0; s < cd->n_series; s++)
		if (!cd->series_total[s] && chart_present(cd, r, s))
			sum += cd->values[r * cd->n_series + s].hundredths;
	*fig = (struct figure){ cd->unit, sum, 0 };
	for (size_t s = 0; s < cd->n_series; s++)
		if (chart_present(cd, r, s) && cd->values[r * cd->n_series + s].decimals > fig->decimals)
			fig->decimals = cd->values[r * cd->n_series + s].decimals;
	return (double)sum / 100.0;
}

/* The names of the series beside the last stack (whose right edge is at
 * bar_x1), each at the middle of its segment, spread apart when segments
 * are thin; a leader joins a name that had to move. */
static void direct_names(struct chart_canvas *c, const struct fonts *f,
			 const struct chart_data *cd, const struct chart_axis *ax, double bar_x1,
			 double y_top, double y_base)
{
	struct layout *lo = c->lo;
	size_t r = cd->n_cats - 1, ns = cd->n_series;
	double *mid = arena_array(lo->arena, ns, sizeof *mid);
	double *centre = arena_array(lo->arena, ns, sizeof *centre);
	double *height = arena_array(lo->arena, ns, sizeof *height);
	size_t *which = arena_array(lo->arena, ns, sizeof *which);
	size_t m = 0;
	double y = y_base;
	for (size_t s = 0; s < ns; s++) {
		if (cd->series_total[s])
			continue;
		double h = chart_present(cd, r, s)
				   ? chart_value(cd, r, s) / ax->top * (y_base - y_top) : 0;
		mid[s] = y - h / 2;
		y -= h;
		which[m++] = s;
	}
	/* Top to bottom: the last series is on top. */
	for (size_t i = 0; i < m / 2; i++) {
		size_t t = which[i];
		which[i] = which[m - 1 - i];
		which[m - 1 - i] = t;
	}
	for (size_t i = 0; i < m; i++) {
		centre[i] = mid[which[i]];
		height[i] = f->text_h;
	}
	chart_spread(centre, height, m, 2, y_top - f->text_h, y_base);
	double x = bar_x1 + 2 * GAP_PT;
	for (size_t i = 0; i < m; i++) {
		size_t s = which[i];
		if (fabs(centre[i] - mid[s]) > 1)
			chart_line(c, bar_x1, mid[s], x - 1, centre[i], 0.5, f->label.color, DL_SOLID);
		chart_text(c, &f->label, x, centre[i] + (f->label.ascent_pt - f->label.descent_pt) / 2,
			   cd->series[s]);
	}
}

struct chart_canvas *chart_draw_stacked(struct layout *lo, const struct chart_data *cd,
					double width_pt)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct fonts f = fonts_of(lo);
	size_t n = cd->n_cats ? cd->n_cats : 1;

	/* Series named beside the last stack when their names fit a quarter
	 * of the width; a legend otherwise. */
	double name_w = 0;
	for (size_t s = 0; s < cd->n_series; s++)
		if (!cd->series_total[s])
			name_w = fmax(name_w, chart_text_width(lo, &f.label, cd->series[s]));
	bool direct = cd->n_cats > 0 && name_w <= width_pt * 0.25;
	double legend_h = direct ? 0 : chart_legend(c, cd, 0);
	double x_right = direct ? width_pt - name_w - 2 * GAP_PT : width_pt;

	double top_value = 0;
	for (size_t r = 0; r < cd->n_cats; r++) {
		struct figure fig;
		top_value = fmax(top_value, stack_total(cd, r, &fig));
	}
	struct chart_axis ax = chart_axis_for(top_value, cd->unit, 6);
	double x0 = chart_axis_label_width(lo, &ax, &f.label) + 2 * GAP_PT + 2;
	double slot = (x_right - x0) / (double)n;
	/* Bars narrow enough that the gap between two holds a figure that
	 * does not fit its segment. */
	double bar_w = fmin(slot * 0.6, 72);
	double need = widest_figure(lo, &f, cd) + GAP_PT + 4;
	if (slot - bar_w < need)
		bar_w = fmax(slot * 0.4, slot - need);

	double y_top = legend_h + 2 * GAP_PT + f.text_h + GAP_PT;
	double y_base = y_top + PLOT_HEIGHT_PT;
	value_axis_y(c, &f, &ax, x0, x_right, y_top, y_base);
	if (direct)
		direct_names(c, &f, cd, &ax, x0 + slot * ((double)n - 0.5) + bar_w / 2, y_top,
			     y_base);
	for (size_t r = 0; r < cd->n_cats; r++) {
		double x = x0 + slot * (double)r + (slot - bar_w) / 2;
		double y = y_base;
		size_t look_i = 0;
		for (size_t s = 0; s < cd->n_series; s++) {
			if (cd->series_total[s])
				continue;
			struct chart_look look = chart_look_of(lo, look_i++);
			if (!chart_present(cd, r, s))
				continue;
			double h = chart_value(cd, r, s) / ax.top * PLOT_HEIGHT_PT;
			bar(c, &look, x, y - h, bar_w, h);
			y -= h;
		}
		struct figure total;
		stack_total(cd, r, &total);
		value_above(c, &f, chart_format(lo, total), x + bar_w / 2, y);
	}

	/* Each part's figure inside its segment when it fits; otherwise beside
	 * the bar, in the series' colour, within the gap before the next bar
	 * (before the bar for the last stack, whose right side names the
	 * series): spread so that no two touch, kept inside the plot so that
	 * they never reach the axis labels, a leader to a figure that moved. */
	size_t ns = cd->n_series ? cd->n_series : 1;
	double *mid = arena_array(lo->arena, ns, sizeof *mid);
	double *centre = arena_array(lo->arena, ns, sizeof *centre);
	double *height = arena_array(lo->arena, ns, sizeof *height);
	const char **text = arena_array(lo->arena, ns, sizeof *text);
	struct chart_font *font = arena_array(lo->arena, ns, sizeof *font);
	for (size_t r = 0; r < cd->n_cats; r++) {
		double x = x0 + slot * (double)r + (slot - bar_w) / 2;
		double y = y_base;
		size_t look_i = 0, m = 0;
		for (size_t s = 0; s < cd->n_series; s++) {
			if (cd->series_total[s])
				continue;
			struct chart_look look = chart_look_of(lo, look_i++);
			if (!chart_present(cd, r, s))
				continue;
			double h = chart_value(cd, r, s) / ax.top * PLOT_HEIGHT_PT;
			const char *v = chart_format(lo, cd->values[r * cd->n_series + s]);
			if (!value_inside(c, &f, &look, v, x, y - h, bar_w, h)) {
				mid[m] = y - h / 2;
				text[m] = v;
				font[m] = f.value;
				font[m].color = chart_ink_on_white(lo, look.fill);
				height[m] = f.text_h;
				m++;
			}
			y -= h;
		}
		/* Top to bottom for the spread: the last series is on top. */
		for (size_t i = 0; i < m / 2; i++) {
			double tm = mid[i];
			mid[i] = mid[m - 1 - i];
			mid[m - 1 - i] = tm;
			const char *tt = text[i];
			text[i] = text[m - 1 - i];
			text[m - 1 - i] = tt;
			struct chart_font tf = font[i];
			font[i] = font[m - 1 - i];
			font[m - 1 - i] = tf;
		}
		for (size_t i = 0; i < m; i++)
			centre[i] = mid[i];
		chart_spread(centre, height, m, 1, y_top, y_base);
		bool left = direct && r + 1 == cd->n_cats;
		for (size_t i = 0; i < m; i++) {
			double w = chart_text_width(lo, &font[i], text[i]);
			/* The next bar (or the one before) is slot - bar_w away. */
			double bx = left ? x - GAP_PT - 1 - w : x + bar_w + GAP_PT + 1;
			struct chart_box b = { bx, centre[i] - f.text_h / 2, bx + w,
					       centre[i] + f.text_h / 2 };
			bool room = left ? b.x0 >= x - (slot - bar_w) + 2 : b.x1 <= x + slot - 2;
			if (!room || b.y1 > y_base + 1e-6 || !chart_box_free(c, b, 1))
				continue;
			double edge = left ? x : x + bar_w;
			double end = left ? b.x1 + 1 : b.x0 - 1;
			chart_line(c, edge, mid[i], end, centre[i], 0.5, font[i].color, DL_SOLID);
			chart_text(c, &font[i], b.x0,
				   centre[i] + (f.value.ascent_pt - f.value.descent_pt) / 2, text[i]);
		}
	}
	baseline(c, x0, y_base, x_right, y_base);
	double h = category_labels(c, &f, cd, x0, slot, y_base + GAP_PT);
	c->height_pt = y_base + GAP_PT + h + 2;
	return c;
}

/* ---- 100% stacked bars -------------------------------------------------- */

/* Figures too narrow for their segment go on lines under the bar (at most
 * `lines` of them), in the series' colour, each as near its segment as the
 * others allow; a short tick joins it to its segment. */
static void value_below(struct chart_canvas *c, const struct fonts *f, const char *text,
			struct dl_rgb colour, double seg_x0, double seg_x1, double bar_bottom,
			double plot_x0, double plot_x1, size_t lines)
{
	struct chart_font vf = f->label;
	vf.color = colour;
	double w = chart_text_width(c->lo, &vf, text);
	double cx = (seg_x0 + seg_x1) / 2;
	for (size_t line = 0; line < lines; line++) {
		double top = bar_bottom + GAP_PT + 2 + (double)line * (f->text_h + 2);
		double base = top + f->label.ascent_pt;
		/* The centre, then further right and left in turn. */
		for (int k = 0; k < 40; k++) {
			double shift = (k % 2 ? 1 : -1) * (double)((k + 1) / 2) * 4.0;
			double left = fmin(fmax(cx - w / 2 + shift, plot_x0), plot_x1 - w);
			struct chart_box b = { left, top, left + w, base + f->label.descent_pt };
			if (!chart_box_free(c, b, 3))
				continue;
			double tick_x = fmin(fmax(cx, left + 2), left + w - 2);
			chart_line(c, cx, bar_bottom, tick_x, top - 1, 0.5, colour, DL_SOLID);
			chart_text(c, &vf, left, base, text);
			return;
		}
	}
}

/* The look of series s, the look_i-th drawn: the remainder of a breakdown
 * turned into one bar keeps its own. */
static struct chart_look series_look(const struct layout *lo, const struct chart_data *cd,
				     size_t s, size_t look_i)
{
	if (cd->series_remainder && cd->series_remainder[s])
		return chart_remainder_look(lo);
	return chart_look_of(lo, look_i);
}

struct chart_canvas *chart_draw_stacked_100(struct layout *lo, const struct chart_data *cd,
					    double width_pt)
{
	/* Parts of a whole make one bar, each part a segment. */
	if (cd->n_series == 1 && cd->n_cats > 1)
		cd = chart_data_turn(lo, cd, "");
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct fonts f = fonts_of(lo);
	double legend_h = chart_legend(c, cd, 0);

	double label_w = 0;
	for (size_t r = 0; r < cd->n_cats; r++)
		label_w = fmax(label_w, chart_text_width(lo, &f.label, cd->cats[r]));
	label_w = fmin(label_w, width_pt * 0.3);
	struct chart_axis ax = { 20, 100, 5, UNIT_PERCENT, 0 };
	double last_tick_w = chart_text_width(lo, &f.label, chart_tick_label(lo, &ax, 5));
	double first_tick_w = chart_text_width(lo, &f.label, chart_tick_label(lo, &ax, 0));
	double x0 = fmax(label_w + 2 * GAP_PT, first_tick_w / 2 + 1);
	double x1 = width_pt - last_tick_w / 2 - 1;

	/* Each row: the bar, then a line for figures that do not fit inside.
	 * A breakdown's single bar has its figures in the legend instead. */
	size_t below = cd->series_remainder ? 0 : 1;
	double label_h = 0;
	for (size_t r = 0; r < cd->n_cats; r++) {
		struct chart_label l = chart_fit_label(lo, &f.label, cd->cats[r], label_w);
		label_h = fmax(label_h, chart_label_height(&f.label, &l));
	}
	double pitch = fmax(STACK100_THICKNESS_PT, label_h) + GAP_PT + 2 +
		       (f.text_h + 2) * (double)below + 8;
	double rows_top = legend_h + 3 * GAP_PT;
	double rows_end = rows_top + pitch * (double)cd->n_cats;
	const struct style_chart *sc = &lo->style->chart;
	for (size_t i = 1; i <= ax.n_steps; i++) {
		double x = x0 + (x1 - x0) * (double)i / (double)ax.n_steps;
		if (!sc->grid.none && sc->grid_width_pt > 0)
			chart_line(c, x, rows_top - GAP_PT, x, rows_end, sc->grid_width_pt,
				   layout_rgb(sc->grid.rgb), DL_SOLID);
	}
	for (size_t r = 0; r < cd->n_cats; r++) {
		/* The bar centred on the tallest label's height. */
		double top = rows_top + pitch * (double)r +
			     fmax(0, label_h - STACK100_THICKNESS_PT) / 2;
		struct chart_label l = chart_fit_label(lo, &f.label, cd->cats[r], label_w);
		chart_draw_label(c, &f.label, &l, label_w,
				 top + STACK100_THICKNESS_PT / 2 - chart_label_height(&f.label, &l) / 2,
				 ALIGN_RIGHT);
		/* Shares of the row's own sum, so that rounding (100.8%) never
		 * pushes a bar past the end. */
		double sum = 0;
		for (size_t s = 0; s < cd->n_series; s++)
			if (!cd->series_total[s] && chart_present(cd, r, s))
				sum += chart_value(cd, r, s);
		if (sum <= 0)
			continue;
		double x = x0;
		size_t look_i = 0;
		const char **outside = arena_array(lo->arena, cd->n_series, sizeof *outside);
		struct dl_rgb *ink = arena_array(lo->arena, cd->n_series, sizeof *ink);
		double *seg0 = arena_array(lo->arena, cd->n_series, sizeof *seg0);
		double *seg1 = arena_array(lo->arena, cd->n_series, sizeof *seg1);
		for (size_t s = 0; s < cd->n_series; s++) {
			if (cd->series_total[s])
				continue;
			struct chart_look look = series_look(lo, cd, s, look_i++);
			if (!chart_present(cd, r, s))
				continue;
			double w = chart_value(cd, r, s) / sum * (x1 - x0);
			bar(c, &look, x, top, w, STACK100_THICKNESS_PT);
			seg0[s] = x;
			seg1[s] = x + w;
			x += w;
		}
		/* Figures inside once every segment is drawn, so that no later
		 * outline runs over them; the rest under the bar. A breakdown's
		 * single bar has them in its legend, once. */
		look_i = 0;
		for (size_t s = 0; s < cd->n_series && !cd->series_remainder; s++) {
			if (cd->series_total[s])
				continue;
			struct chart_look look = series_look(lo, cd, s, look_i++);
			if (!chart_present(cd, r, s))
				continue;
			const char *v = chart_format(lo, cd->values[r * cd->n_series + s]);
			if (!value_inside(c, &f, &look, v, seg0[s], top, seg1[s] - seg0[s],
					  STACK100_THICKNESS_PT)) {
				outside[s] = v;
				ink[s] = look.pattern < 0 ? look.text : chart_ink_on_white(lo, look.fill);
			}
		}
		for (size_t s = 0; s < cd->n_series && below > 0; s++)
			if (outside[s])
				value_below(c, &f, outside[s], ink[s], seg0[s], seg1[s],
					    top + STACK100_THICKNESS_PT, x0, width_pt, below);
	}
	baseline(c, x0, rows_top - GAP_PT, x0, rows_end);
	double tick_top = rows_end + GAP_PT;
	for (size_t i = 0; i <= ax.n_steps; i++) {
		double x = x0 + (x1 - x0) * (double)i / (double)ax.n_steps;
		const char *t = chart_tick_label(lo, &ax, i);
		double w = chart_text_width(lo, &f.label, t);
		chart_text(c, &f.label, fmax(fmin(x - w / 2, width_pt - w), 0),
			   tick_top + f.label.ascent_pt, t);
	}
	c->height_pt = tick_top + f.text_h + 2;
	return c;
}
