/* chart-line.c - line charts of series by period: one line per series,
 * a marker and its figure at each point, each line named at its end. In
 * greyscale lines differ by dash and marker shape as well as by grey. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

#define GAP_PT 4.0
#define PLOT_HEIGHT_PT 180.0
#define MARKER_PT 3.5        /* half the size of a marker */

enum marker { MARK_CIRCLE, MARK_SQUARE, MARK_TRIANGLE, MARK_DIAMOND, MARK_COUNT };

/* How series i is drawn: its colour, and in greyscale its dash and
 * marker (in colour every line is solid with round markers). */
struct line_look {
	struct dl_rgb color;
	struct dl_dash dash;
	enum marker marker;
};

static struct line_look line_look_of(const struct layout *lo, size_t i)
{
	struct line_look l;
	l.color = chart_look_of(lo, i).fill;
	l.dash = DL_SOLID;
	l.marker = MARK_CIRCLE;
	if (lo->style->chart.greyscale) {
		static const struct dl_dash dashes[] = { { 0, 0 }, { 6, 3 }, { 1.5, 2.5 }, { 10, 3 } };
		l.dash = dashes[i % 4];
		l.marker = (enum marker)(i % MARK_COUNT);
	}
	/* A line as light as the page would vanish: darken it. */
	if (l.color.r > 200 && l.color.g > 200 && l.color.b > 200)
		l.color = (struct dl_rgb){ (uint8_t)(l.color.r / 2), (uint8_t)(l.color.g / 2),
					   (uint8_t)(l.color.b / 2) };
	return l;
}

static void marker(struct chart_canvas *c, const struct line_look *l, double x, double y)
{
	double r = MARKER_PT;
	switch (l->marker) {
	case MARK_SQUARE:
		chart_move_to(c, x - r, y - r);
		chart_line_to(c, x + r, y - r);
		chart_line_to(c, x + r, y + r);
		chart_line_to(c, x - r, y + r);
		break;
	case MARK_TRIANGLE:
		chart_move_to(c, x, y - r * 1.25);
		chart_line_to(c, x + r * 1.2, y + r);
		chart_line_to(c, x - r * 1.2, y + r);
		break;
	case MARK_DIAMOND:
		chart_move_to(c, x, y - r * 1.3);
		chart_line_to(c, x + r * 1.3, y);
		chart_line_to(c, x, y + r * 1.3);
		chart_line_to(c, x - r * 1.3, y);
		break;
	case MARK_CIRCLE:
	default:
		chart_arc(c, x, y, r, 0, 360);
		break;
	}
	chart_close_path(c);
	struct dl_paint p = dl_paint_fill_stroke(l->color, DL_HEX(0xffffff), 1);
	chart_fill_path(c, &p);
}

/* Whether the segment from (ax, ay) to (bx, by) passes through the box
 * grown by one point (Liang and Barsky's clipping). */
static bool crosses(struct chart_box box, double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { ax - (box.x0 - 1), (box.x1 + 1) - ax, ay - (box.y0 - 1), (box.y1 + 1) - ay };
	double t0 = 0, t1 = 1;
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return false;
			continue;
		}
		double t = q[i] / p[i];
		if (p[i] < 0) {
			if (t > t0)
				t0 = t;
		} else if (t < t1) {
			t1 = t;
		}
		if (t0 > t1)
			return false;
	}
	return true;
}

/* A point of a series: where it is and whether it has a value. */
struct point {
	double x, y;
	bool present;
};

struct chart_canvas *chart_draw_line(struct layout *lo, const struct chart_data *cd,
				     double width_pt)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct chart_font label = chart_font_of(lo, STYLE_CHART_LABEL, false);
	struct chart_font value = chart_font_of(lo, STYLE_CHART_LABEL, true);
	double text_h = label.ascent_pt + label.descent_pt;
	size_t n = cd->n_cats ? cd->n_cats : 1, ns = cd->n_series;

	/* Series names at the line ends: room for the widest at the right. */
	struct chart_label *names = arena_array(lo->arena, ns ? ns : 1, sizeof *names);
	double name_w = 0;
	for (size_t s = 0; s < ns; s++) {
		names[s] = chart_fit_label(lo, &label, cd->series[s], width_pt * 0.22);
		name_w = fmax(name_w, names[s].width_pt);
	}

	double top = 0;
	for (size_t i = 0; i < n * ns; i++)
		if (cd->present[i])
			top = fmax(top, (double)cd->values[i].hundredths / 100);
	struct chart_axis ax = chart_axis_for(top, cd->unit, 6);
	double x0 = chart_axis_label_width(lo, &ax, &label) + 2 * GAP_PT + 2;
	/* Points from the first period to the last, the first far enough in
	 * for its label, the last leaving room for the names after it. */
	double last_x = width_pt - name_w - MARKER_PT - 3 * GAP_PT;
	/* Room for a figure centred on the first point. */
	double value_w = 0;
	for (size_t s = 0; s < ns; s++)
		if (chart_present(cd, 0, s))
			value_w = fmax(value_w, chart_text_width(lo, &value,
								 chart_format(lo, cd->values[s])));
	double first_x = x0 + fmax(20, value_w / 2 + GAP_PT);
	double step = n > 1 ? (last_x - first_x) / (double)(n - 1) : 0;
	double cat_w = n > 1 ? step - GAP_PT : last_x - x0;
	if (n > 1) {
		double w0 = fmin(chart_text_width(lo, &label, cd->cats[0]), cat_w);
		first_x = fmax(first_x, x0 + w0 / 2 + GAP_PT);
		first_x = fmin(first_x, (x0 + last_x) / 2);
		step = (last_x - first_x) / (double)(n - 1);
		cat_w = step - GAP_PT;
	} else {
		first_x = last_x = (x0 + last_x) / 2;
	}
	double x1 = last_x + MARKER_PT + GAP_PT; /* the end of the gridlines */
	double y_top = text_h + 3 * GAP_PT;
	double y_base = y_top + PLOT_HEIGHT_PT;

	/* Axis, gridlines and tick labels as the bar charts have them. */
	const struct style_chart *sc = &lo->style->chart;
	for (size_t i = 0; i <= ax.n_steps; i++) {
		double y = y_base - PLOT_HEIGHT_PT * (double)i / (double)ax.n_steps;
		if (i > 0 && !sc->grid.none && sc->grid_width_pt > 0)
			chart_line(c, x0, y, x1, y, sc->grid_width_pt, layout_rgb(sc->grid.rgb),
				   DL_SOLID);
		const char *t = chart_tick_label(lo, &ax, i);
		chart_text(c, &label, x0 - 2 * GAP_PT - chart_text_width(lo, &label, t),
			   y + (label.ascent_pt - label.descent_pt) / 2, t);
	}
	struct dl_rgb axis = layout_rgb(sc->axis.none ? lo->style->text[STYLE_CHART_LABEL].colour
						      : sc->axis.rgb);
	chart_line(c, x0, y_base, x1, y_base, sc->axis_width_pt > 0 ? sc->axis_width_pt : 0.75,
		   axis, DL_SOLID);
	double cat_h = 0;
	for (size_t r = 0; r < cd->n_cats; r++) {
		struct chart_label l = chart_fit_label(lo, &label, cd->cats[r], cat_w);
		struct chart_box b = chart_draw_label(c, &label, &l, first_x + step * (double)r,
						      y_base + GAP_PT, ALIGN_CENTRE);
		cat_h = fmax(cat_h, b.y1 - b.y0);
	}

	/* The points, then the lines and markers over the grid. */
	struct point *pts = arena_array(lo->arena, n * (ns ? ns : 1), sizeof *pts);
	for (size_t s = 0; s < ns; s++)
		for (size_t r = 0; r < cd->n_cats; r++) {
			struct point *p = &pts[s * n + r];
			p->present = chart_present(cd, r, s);
			p->x = first_x + step * (double)r;
			p->y = y_base - chart_value(cd, r, s) / ax.top * PLOT_HEIGHT_PT;
		}
	for (size_t s = 0; s < ns; s++) {
		struct line_look ll = line_look_of(lo, s + cd->look_offset);
		struct dl_paint stroke = dl_paint_stroke(ll.color, sc->line_width_pt);
		stroke.dash = ll.dash;
		bool open = false;
		size_t segs = 0;
		for (size_t r = 0; r < cd->n_cats; r++) {
			const struct point *p = &pts[s * n + r];
			if (!p->present) {
				if (segs > 0)
					chart_fill_path(c, &stroke);
				open = false;
				segs = 0;
				continue;
			}
			if (open)
				chart_line_to(c, p->x, p->y);
			else
				chart_move_to(c, p->x, p->y);
			open = true;
			segs++;
		}
		if (segs > 0)
			chart_fill_path(c, &stroke);
	}
	/* Markers take their place among the labels, so that no figure covers
	 * a point. */
	for (size_t s = 0; s < ns; s++) {
		struct line_look ll = line_look_of(lo, s + cd->look_offset);
		for (size_t r = 0; r < cd->n_cats; r++) {
			const struct point *p = &pts[s * n + r];
			if (!p->present)
				continue;
			marker(c, &ll, p->x, p->y);
		}
	}
	struct chart_box *marks = arena_array(lo->arena, n * (ns ? ns : 1), sizeof *marks);
	size_t n_marks = 0;
	for (size_t i = 0; i < n * ns; i++)
		if (pts[i].present)
			marks[n_marks++] = (struct chart_box){ pts[i].x - MARKER_PT - 1,
							       pts[i].y - MARKER_PT - 1,
							       pts[i].x + MARKER_PT + 1,
							       pts[i].y + MARKER_PT + 1 };

	/* Names at the line ends, spread so that they never touch; a leader
	 * joins a name that had to move to its line. */
	double *centre = arena_array(lo->arena, ns ? ns : 1, sizeof *centre);
	double *height = arena_array(lo->arena, ns ? ns : 1, sizeof *height);
	size_t *order = arena_array(lo->arena, ns ? ns : 1, sizeof *order);
	double *end_y = arena_array(lo->arena, ns ? ns : 1, sizeof *end_y);
	size_t n_named = 0;
	for (size_t s = 0; s < ns; s++) {
		size_t last = n;
		for (size_t r = n; r-- > 0;)
			if (pts[s * n + r].present) {
				last = r;
				break;
			}
		if (last == n)
			continue;
		end_y[s] = pts[s * n + last].y;
		order[n_named++] = s;
	}
	for (size_t i = 1; i < n_named; i++) {
		size_t s = order[i], j = i;
		for (; j > 0 && end_y[order[j - 1]] > end_y[s]; j--)
			order[j] = order[j - 1];
		order[j] = s;
	}
	for (size_t i = 0; i < n_named; i++) {
		centre[i] = end_y[order[i]];
		height[i] = chart_label_height(&label, &names[order[i]]);
	}
	chart_spread(centre, height, n_named, 2, 0, y_base);
	double name_x = last_x + MARKER_PT + 2 * GAP_PT;
	for (size_t i = 0; i < n_named; i++) {
		size_t s = order[i];
		struct line_look ll = line_look_of(lo, s + cd->look_offset);
		if (fabs(centre[i] - end_y[s]) > 1)
			chart_line(c, last_x + MARKER_PT + 1, end_y[s], name_x - 1, centre[i], 0.5,
				   ll.color, DL_SOLID);
		struct chart_font nf = label;
		chart_draw_label(c, &nf, &names[s], name_x, centre[i] - height[i] / 2, ALIGN_LEFT);
	}
	/* Figures: above the point when its line is the highest there, below
	 * when the lowest, else wherever there is room; never over a marker,
	 * a line or another figure. A figure with no room is left out (the
	 * alt text and the table have it). */
	for (size_t r = 0; r < cd->n_cats; r++) {
		for (size_t s = 0; s < ns; s++) {
			const struct point *p = &pts[s * n + r];
			if (!p->present)
				continue;
			size_t above = 0, below = 0;
			for (size_t t = 0; t < ns; t++) {
				const struct point *q = &pts[t * n + r];
				if (t == s || !q->present)
					continue;
				above += q->y < p->y || (q->y == p->y && t < s);
				below += q->y > p->y || (q->y == p->y && t > s);
			}
			const char *v = chart_format(lo, cd->values[r * ns + s]);
			double w = chart_text_width(lo, &value, v);
			double h = value.ascent_pt + value.descent_pt;
			double off = MARKER_PT + GAP_PT;
			/* Candidate top-left corners, the preferred side first. */
			double up = p->y - off - h, down = p->y + off, mid = p->y - h / 2;
			double cands[8][2] = {
				{ p->x - w / 2, up }, { p->x - w / 2, down },
				{ p->x + off, mid }, { p->x - off - w, mid },
				{ p->x + off / 2, up }, { p->x - off / 2 - w, up },
				{ p->x + off / 2, down }, { p->x - off / 2 - w, down },
			};
			if (above > 0 && below == 0) {
				double t0 = cands[0][1];
				cands[0][1] = cands[1][1];
				cands[1][1] = t0;
			}
			for (int k = 0; k < 8; k++) {
				struct chart_box bx = { cands[k][0], cands[k][1], cands[k][0] + w,
							cands[k][1] + h };
				if (!chart_box_free(c, bx, 1) || bx.y1 > y_base - 1 || bx.x0 < x0)
					continue;
				bool clear = true;
				for (size_t m = 0; clear && m < n_marks; m++)
					clear = !chart_boxes_overlap(bx, marks[m], 0);
				for (size_t t = 0; clear && t < ns; t++)
					for (size_t q = 0; clear && q + 1 < cd->n_cats; q++) {
						const struct point *a = &pts[t * n + q], *e = &pts[t * n + q + 1];
						if (a->present && e->present)
							clear = !crosses(bx, a->x, a->y, e->x, e->y);
					}
				if (!clear)
					continue;
				chart_text(c, &value, bx.x0, bx.y0 + value.ascent_pt, v);
				break;
			}
		}
	}

	double bottom = y_base + GAP_PT + cat_h + 2;
	for (size_t i = 0; i < c->n_labels; i++)
		bottom = fmax(bottom, c->labels[i].y1 + 2);
	c->height_pt = bottom;
	return c;
}
