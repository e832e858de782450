/* chart-pie.c - pie and donut charts: slices clockwise from twelve
 * o'clock in palette order, each named with its share in a column of
 * labels left or right of the circle, joined to it by a leader line; the
 * labels of a side are spread so that they never overlap. A donut shows
 * the whole in its hole when the data has one. */
#include "chart-private.h"

#include <math.h>
#include <string.h>

#define RADIUS_PT 85.0
#define HOLE 0.58            /* a donut's inner radius, as a share of the outer */
#define LEADER_PT 24.0       /* from the circle to the label column */
#define ELBOW_PT 10.0        /* where a leader turns towards its label */
#define LABEL_GAP_PT 6.0     /* between two labels of a side */

struct slice {
	size_t cat;
	double a0, a1, mid;      /* degrees, PDF convention, a1 < a0 */
	bool right;
	struct chart_label name;
	const char *share;
	const char *amount;      /* " (£98,000)" for counts and money, or "" */
	double height, natural, centre;
};

static double rad(double deg)
{
	return deg * acos(-1.0) / 180;
}

/* The height of a slice's label: its name's lines and a line for the share. */
static double label_height(const struct chart_font *f, const struct slice *s)
{
	return chart_label_height(f, &s->name) + f->leading_pt;
}

/* Spreads the labels of one side, top to bottom, inside [0, height]. */
static void spread_side(struct layout *lo, struct slice *slices, size_t n, bool right,
			double height_pt)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		m += slices[i].right == right;
	if (m == 0)
		return;
	struct slice **side = arena_array(lo->arena, m, sizeof *side);
	double *centre = arena_array(lo->arena, m, sizeof *centre);
	double *height = arena_array(lo->arena, m, sizeof *height);
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (slices[i].right == right)
			side[m++] = &slices[i];
	for (size_t i = 1; i < m; i++) {
		struct slice *s = side[i];
		size_t j = i;
		for (; j > 0 && side[j - 1]->natural > s->natural; j--)
			side[j] = side[j - 1];
		side[j] = s;
	}
	for (size_t i = 0; i < m; i++) {
		centre[i] = side[i]->natural;
		height[i] = side[i]->height;
	}
	chart_spread(centre, height, m, LABEL_GAP_PT, 4, height_pt - 4);
	for (size_t i = 0; i < m; i++)
		side[i]->centre = centre[i];
}

/* Total height the labels of a side need stacked. */
static double side_need(const struct slice *slices, size_t n, bool right)
{
	double need = 0;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (slices[i].right == right) {
			need += slices[i].height;
			m++;
		}
	return m ? need + LABEL_GAP_PT * (double)(m - 1) : 0;
}

/* The text for the hole of a donut: the whole of counts or money, or the
 * base of a percent breakdown, with what it counts. */
static bool hole_text(struct layout *lo, const struct chart_data *cd, const char **figure,
		      const char **what)
{
	const struct breakdown *bd = cd->ds->breakdown;
	if (cd->unit != UNIT_PERCENT && cd->has_whole) {
		*figure = chart_format(lo, cd->whole);
		*what = "in total";
		if (bd && bd->of) {
			*what = bd->of;
		} else if (cd->unit == UNIT_COUNT && cd->series[0]) {
			/* "76 sessions": the column's name, lower case. */
			char *w = arena_strdup(lo->arena, cd->series[0]);
			if (w[0] >= 'A' && w[0] <= 'Z')
				w[0] = (char)(w[0] - 'A' + 'a');
			*what = w;
		}
		return true;
	}
	if (bd && bd->base.present) {
		*figure = chart_format(lo, (struct figure){ UNIT_COUNT, bd->base.hundredths, 0 });
		*what = bd->of ? bd->of : "in total";
		return true;
	}
	return false;
}

struct chart_canvas *chart_draw_pie(struct layout *lo, const struct chart_data *cd,
				    double width_pt, bool donut)
{
	struct chart_canvas *c = chart_canvas_new(lo, width_pt);
	struct chart_font label = chart_font_of(lo, STYLE_CHART_LABEL, false);
	struct chart_font value = chart_font_of(lo, STYLE_CHART_LABEL, true);
	double r1 = RADIUS_PT, r0 = donut ? RADIUS_PT * HOLE : 0;
	double cx = width_pt / 2;
	double side_w = width_pt / 2 - r1 - LEADER_PT - 2;

	/* Angles from the first series' values: each slice its share of the
	 * sum, so that the slices always close the circle. */
	double sum = 0;
	for (size_t r = 0; r < cd->n_cats; r++)
		if (chart_present(cd, r, 0))
			sum += chart_value(cd, r, 0);
	struct slice *slices = arena_array(lo->arena, cd->n_cats ? cd->n_cats : 1, sizeof *slices);
	size_t n = 0;
	double angle = 90;
	for (size_t r = 0; r < cd->n_cats; r++) {
		if (!chart_present(cd, r, 0))
			continue;
		struct slice *s = &slices[n++];
		double sweep = sum > 0 ? chart_value(cd, r, 0) / sum * 360 : 0;
		s->cat = r;
		s->a0 = angle;
		s->a1 = angle - sweep;
		s->mid = angle - sweep / 2;
		angle -= sweep;
		s->right = cos(rad(s->mid)) >= -1e-9;
		s->name = chart_fit_label(lo, &label, cd->cats[r], side_w);
		s->share = chart_share(lo, cd, r);
		s->amount = cd->unit == UNIT_PERCENT
				    ? "" : arena_printf(lo->arena, " (%s)",
							chart_format(lo, cd->values[r * cd->n_series]));
		if (chart_text_width(lo, &value, s->share) + chart_text_width(lo, &label, s->amount) >
		    side_w)
			s->amount = "";
		s->height = label_height(&label, s);
	}

	/* A side with more labels than the circle is tall hands its labels
	 * nearest twelve or six o'clock to the other side while that makes
	 * the taller side shorter. */
	double circle_h = 2 * r1 + 2 * 14;
	for (;;) {
		double need_r = side_need(slices, n, true), need_l = side_need(slices, n, false);
		bool from_right = need_r > need_l;
		double taller = fmax(need_r, need_l);
		if (taller <= circle_h)
			break;
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			if (slices[i].right != from_right || fabs(cos(rad(slices[i].mid))) > 0.5)
				continue;
			if (best == n || fabs(cos(rad(slices[i].mid))) <
						 fabs(cos(rad(slices[best].mid))))
				best = i;
		}
		if (best == n)
			break;
		slices[best].right = !from_right;
		double after = fmax(side_need(slices, n, true), side_need(slices, n, false));
		if (after >= taller) {
			slices[best].right = from_right;
			break;
		}
	}

	/* Tall enough for the circle and for every label of either side. */
	double height = 2 * r1 + 2 * 14;
	height = fmax(height, side_need(slices, n, true) + 12);
	height = fmax(height, side_need(slices, n, false) + 12);
	double cy = height / 2;
	for (size_t i = 0; i < n; i++) {
		struct slice *s = &slices[i];
		s->natural = cy - (r1 + ELBOW_PT) * sin(rad(s->mid));
	}
	spread_side(lo, slices, n, true, height);
	spread_side(lo, slices, n, false, height);

	/* Slices, then their hatching, so that outlines stay crisp. */
	for (size_t i = 0; i < n; i++) {
		struct slice *s = &slices[i];
		if (s->a0 - s->a1 <= 1e-9)
			continue;
		struct chart_look look = cd->remainder[s->cat] ? chart_remainder_look(lo)
							       : chart_look_of(lo, i);
		if (donut) {
			chart_arc(c, cx, cy, r1, s->a0, s->a1);
			chart_arc(c, cx, cy, r0, s->a1, s->a0);
		} else {
			chart_move_to(c, cx, cy);
			chart_arc(c, cx, cy, r1, s->a0, s->a1);
		}
		chart_close_path(c);
		struct dl_paint p = chart_paint(lo, &look);
		chart_fill_path(c, &p);
		chart_hatch_sector(c, &look, cx, cy, r0, r1, s->a0, s->a1);
	}

	/* Leaders and labels. */
	const struct style_chart *sc = &lo->style->chart;
	struct dl_rgb leader = layout_rgb(sc->axis.none ? lo->style->text[STYLE_CHART_LABEL].colour
							: sc->axis.rgb);
	for (size_t i = 0; i < n; i++) {
		struct slice *s = &slices[i];
		double dx = cos(rad(s->mid)), dy = -sin(rad(s->mid));
		double ex = cx + (r1 + ELBOW_PT) * dx, ey = cy + (r1 + ELBOW_PT) * dy;
		double lx = s->right ? cx + r1 + LEADER_PT : cx - r1 - LEADER_PT;
		double end_x = s->right ? lx - 3 : lx + 3;
		chart_move_to(c, cx + (r1 - 4) * dx, cy + (r1 - 4) * dy);
		chart_line_to(c, ex, ey);
		chart_line_to(c, end_x, s->centre);
		struct dl_paint p = dl_paint_stroke(leader, 0.6);
		chart_fill_path(c, &p);
		/* A dot where the leader meets its slice makes thin ones clear. */
		chart_arc(c, cx + (r1 - 4) * dx, cy + (r1 - 4) * dy, 1.4, 0, 360);
		chart_close_path(c);
		struct dl_paint dot = dl_paint_fill_stroke(leader, DL_HEX(0xffffff), 0.5);
		chart_fill_path(c, &dot);

		enum cell_align align = s->right ? ALIGN_LEFT : ALIGN_RIGHT;
		double top = s->centre - s->height / 2;
		struct chart_box b = chart_draw_label(c, &label, &s->name, lx, top, align);
		/* The share in bold, what it is of after it. */
		double share_w = chart_text_width(lo, &value, s->share);
		double amount_w = chart_text_width(lo, &label, s->amount);
		double base = b.y1 - label.descent_pt + label.leading_pt;
		if (s->name.n_lines == 0)
			base = top + value.ascent_pt;
		double sx = s->right ? lx : lx - share_w - amount_w;
		chart_text(c, &value, sx, base, s->share);
		if (*s->amount)
			chart_text(c, &label, sx + share_w, base, s->amount);
	}

	if (donut) {
		const char *figure, *what;
		if (hole_text(lo, cd, &figure, &what)) {
			double room = 2 * r0 - 12;
			struct chart_label l = chart_fit_label(lo, &label, what, room);
			double fw = chart_text_width(lo, &value, figure);
			double h = value.ascent_pt + value.descent_pt + label.leading_pt *
				   (double)l.n_lines;
			/* What the whole counts, in two lines at most, or nothing. */
			if (fw <= room && l.n_lines <= 2 && !l.hyphenated) {
				double top = cy - h / 2;
				chart_text(c, &value, cx - fw / 2, top + value.ascent_pt, figure);
				chart_draw_label(c, &label, &l, cx,
						 top + value.ascent_pt + value.descent_pt +
						 (label.leading_pt - label.ascent_pt - label.descent_pt),
						 ALIGN_CENTRE);
			}
		}
	}
	double bottom = height;
	for (size_t i = 0; i < c->n_labels; i++)
		bottom = fmax(bottom, c->labels[i].y1 + 2);
	c->height_pt = bottom;
	return c;
}
