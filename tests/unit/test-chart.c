/* test-chart.c - charts drawn from hand-made datasets, read back from the
 * display list: bars and slices in proportion to the figures, round ticks
 * that cover the data, every label inside the chart and clear of every
 * other, sort order, hatching in greyscale, the Figure's alt text (TAP).
 *
 * Usage: test-chart [FONTS_DIR]   (default "fonts": meson runs the tests
 * from the source root). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "chart-private.h"
#include "dl.h"
#include "figure.h"
#include "font.h"
#include "layout-private.h"
#include "model.h"
#include "style.h"
#include "layout-fixture.h"
#include "tap.h"



/* ---- a hand-made model ---------------------------------------------------- */

static struct decimal dec(int64_t hundredths, int decimals)
{
	return (struct decimal){ .hundredths = hundredths, .decimals = (int8_t)decimals, .present = true };
}

static struct breakdown make_breakdown(const char *id, const char *title, enum measure measure,
				       int base, bool partial, size_t n, const char *const *labels,
				       const int64_t *hundredths, const int *decimals)
{
	struct breakdown bd = { .id = id, .title = title, .measure = measure, .partial = partial };
	if (base >= 0)
		bd.base = dec((int64_t)base * 100, 0);
	bd.of = "offences";
	bd.n_items = n;
	bd.items = arena_array(M->arena, n, sizeof *bd.items);
	for (size_t i = 0; i < n; i++)
		bd.items[i] = (struct breakdown_item){ .label = labels[i], .measure = measure,
						       .value = dec(hundredths[i], decimals[i]) };
	return bd;
}

static void build_model(void)
{
	M = model_new("test");
	struct period p = { 2023 };
	M->report.head.loaded = true;
	M->report.head.period = p;

	/* Offence types: percent with base 108; a long label to wrap. */
	static const char *const types[] = {
		"Drugs", "Violence Against the Person", "Motoring Offences",
		"Theft and Handling Stolen Goods", "Death or Injury by Dangerous Driving",
		"Other",
	};
	static const int64_t type_v[] = { 2590, 2410, 1110, 460, 90, 3340 };
	static const int type_d[] = { 1, 1, 1, 1, 1, 1 };
	M->yjs.head.loaded = true;
	M->yjs.head.period = p;
	M->yjs.offences.present = true;
	M->yjs.offences.total = dec(10800, 0);
	M->yjs.offences.children = dec(4500, 0);
	M->yjs.offences.n_breakdowns = 3;
	M->yjs.offences.breakdowns = arena_array(M->arena, 3, sizeof(struct breakdown));
	M->yjs.offences.breakdowns[0] = make_breakdown("type", "Offence type", MEASURE_PERCENT, 108,
						       false, 6, types, type_v, type_d);
	/* A split in two, and ages whose order is their own. */
	static const char *const genders[] = { "Male", "Female" };
	static const int64_t gender_v[] = { 8670, 1330 };
	static const int gender_d[] = { 1, 1 };
	M->yjs.offences.breakdowns[1] = make_breakdown("gender", "Gender", MEASURE_PERCENT, 45,
						       false, 2, genders, gender_v, gender_d);
	static const char *const ages[] = { "13", "14-15", "16", "17" };
	static const int64_t age_v[] = { 500, 2500, 4400, 2600 };
	static const int age_d[] = { 0, 0, 0, 0 };
	M->yjs.offences.breakdowns[2] = make_breakdown("age", "Age", MEASURE_PERCENT, 50, false, 4,
						       ages, age_v, age_d);
	M->yjs.has_cohort = true;
	M->yjs.n_measures = 3;
	M->yjs.measures = arena_array(M->arena, 3, sizeof *M->yjs.measures);
	static const char *const measures[] = {
		"Involved with Children's Social Care",
		"Living in the 10% most deprived areas nationally",
		"Had issues with their mental health",
	};
	static const int64_t measure_v[] = { 3380, 2980, 3780 };
	for (size_t i = 0; i < 3; i++)
		M->yjs.measures[i] = (struct cohort_measure){ .label = measures[i],
							      .percent = dec(measure_v[i], 1) };

	/* LADO: activity and timescales by year, a partial breakdown. */
	M->lado.head.loaded = true;
	M->lado.head.period = p;
	static const int refs[] = { 118, 203, 271, 265 }, contacts[] = { 44, 27, 54, 48 };
	M->lado.n_years = 4;
	M->lado.years = arena_array(M->arena, 4, sizeof *M->lado.years);
	M->lado.n_timescales = 4;
	M->lado.timescales = arena_array(M->arena, 4, sizeof *M->lado.timescales);
	static const int64_t bands[4][4] = {
		{ 6200, 1100, 1900, 800 }, { 5800, 2600, 1600, 50 },
		{ 8400, 800, 800, 40 }, { 7600, 1400, 900, 80 },
	};
	for (int i = 0; i < 4; i++) {
		M->lado.years[i] = (struct lado_year){ .period = { 2020 + i },
						       .referrals = dec(refs[i] * 100, 0),
						       .contacts = dec(contacts[i] * 100, 0) };
		M->lado.timescales[i].period = (struct period){ 2020 + i };
		for (int b = 0; b < 4; b++)
			M->lado.timescales[i].band[b] = dec(bands[i][b], bands[i][b] % 100 ? 1 : 0);
	}
	static const char *const sectors[] = { "Education", "Residential", "Early Years" };
	static const int64_t sector_v[] = { 4200, 2100, 900 };
	static const int sector_d[] = { 0, 0, 0 };
	M->lado.n_breakdowns = 4;
	M->lado.breakdowns = arena_array(M->arena, 4, sizeof(struct breakdown));
	M->lado.breakdowns[0] = make_breakdown("employment-sector", "Employment sector",
					       MEASURE_PERCENT, 265, true, 3, sectors, sector_v,
					       sector_d);
	/* Edge cases: no items, nothing but zeros, forty categories. */
	M->lado.breakdowns[1] = make_breakdown("empty", "Empty", MEASURE_COUNT, -1, false, 0,
					       NULL, NULL, NULL);
	static const char *const zero_labels[] = { "None", "Nothing" };
	static const int64_t zero_v[] = { 0, 0 };
	static const int zero_d[] = { 0, 0 };
	M->lado.breakdowns[2] = make_breakdown("zeros", "Zeros", MEASURE_COUNT, -1, false, 2,
					       zero_labels, zero_v, zero_d);
	enum { MANY = 40 };
	const char **many = arena_array(M->arena, MANY, sizeof *many);
	int64_t *many_v = arena_array(M->arena, MANY, sizeof *many_v);
	int *many_d = arena_array(M->arena, MANY, sizeof *many_d);
	for (int i = 0; i < MANY; i++) {
		many[i] = arena_printf(M->arena, "Category number %d with a long name", i + 1);
		many_v[i] = (int64_t)(i * 7 % 31 + 1) * 100;
	}
	M->lado.breakdowns[3] = make_breakdown("many", "Many", MEASURE_COUNT, -1, false, MANY,
					       many, many_v, many_d);

	/* Training: sessions in tens, attendees in hundreds. */
	M->training.head.loaded = true;
	M->training.head.period = p;
	M->training.has_totals = true;
	M->training.totals_sessions = dec(1500, 0);
	M->training.totals_attendees = dec(63400, 0);
	M->training.n_previous = 1;
	M->training.previous = arena_array(M->arena, 1, sizeof *M->training.previous);
	M->training.previous[0] = (struct training_previous){ .period = { 2022 },
							      .sessions = dec(1200, 0),
							      .attendees = dec(54000, 0) };

	/* Finance: money parts. */
	M->finance.head.loaded = true;
	M->finance.head.period = p;
	static const char *const partners[] = {
		"Sefton Council", "NHS Cheshire & Merseyside ICB", "Merseyside Police",
	};
	static const int amounts[] = { 98000, 64500, 31000 };
	M->finance.n_contributions = 3;
	M->finance.contributions = arena_array(M->arena, 3, sizeof *M->finance.contributions);
	for (int i = 0; i < 3; i++)
		M->finance.contributions[i] = (struct money_line){
			.name = partners[i], .amount = dec((int64_t)amounts[i] * 100, 0) };
}

/* ---- styles --------------------------------------------------------------- */

static struct style plain_style(void)
{
	struct style st;
	style_defaults(&st);
	static const double greys[] = { 0x1b, 0x98, 0x44, 0xc6, 0x6d, 0xee };
	for (size_t i = 0; i < 6; i++)
		st.chart.palette[i] = (struct rgb){ greys[i] / 255.0, greys[i] / 255.0,
						    greys[i] / 255.0 };
	st.chart.palette_count = 6;
	st.chart.greyscale = true;
	st.chart.outline.rgb = (struct rgb){ 0, 0, 0 };
	st.chart.outline_width_pt = 0.5;
	return st;
}

/* ---- drawing a chart on a page -------------------------------------------- */

#define CHART_X 50.0
#define CHART_TOP 800.0

/* A chart drawn on a page of its own; the ops of that page are
 * dl->ops[*first, *end). */
struct drawn {
	struct layout *lo;
	struct chart_data *cd;
	struct chart_canvas *c;
	size_t first, end;
};

static struct drawn draw_chart(const struct style *st, const char *of, enum chart_type type,
			       enum sort_order sort)
{
	struct drawn d = { 0 };
	d.lo = new_layout(st);
	struct chart spec = { .of = of, .type = type, .type_given = true, .type_valid = true,
			      .title = "T", .alt = "Alt.", .sort = sort, .sort_given = true };
	d.cd = chart_data_new(d.lo, &spec);
	if (!d.cd)
		return d;
	double w = style_text_width_pt(st);
	switch (type) {
	case CHART_BAR: d.c = chart_draw_bar(d.lo, d.cd, w); break;
	case CHART_HBAR: d.c = chart_draw_hbar(d.lo, d.cd, w); break;
	case CHART_GROUPED_BAR: d.c = chart_draw_grouped(d.lo, d.cd, w); break;
	case CHART_STACKED_BAR: d.c = chart_draw_stacked(d.lo, d.cd, w); break;
	case CHART_STACKED_BAR_100: d.c = chart_draw_stacked_100(d.lo, d.cd, w); break;
	case CHART_LINE: d.c = chart_draw_line(d.lo, d.cd, w); break;
	case CHART_PIE: d.c = chart_draw_pie(d.lo, d.cd, w, false); break;
	case CHART_DONUT: d.c = chart_draw_pie(d.lo, d.cd, w, true); break;
	default: break;
	}
	dl_page_begin(d.lo->dl);
	d.first = d.lo->dl->n_ops;
	chart_canvas_draw(d.lo, d.c, CHART_X, CHART_TOP);
	d.end = d.lo->dl->n_ops;
	dl_page_end(d.lo->dl);
	return d;
}

static const struct dl_op *op_at(const struct drawn *d, size_t i)
{
	return &d->lo->dl->ops[i];
}

struct box {
	double x0, y0, x1, y1;
};

/* A text run's box from the font: its width by layout_text_width(), its
 * height from the typographic ascent and descent; turned with the text. */
/* Length of a label without the trailing space drawn for text extraction. */
static size_t visible_len(const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return n;
}

static struct box text_box(const struct layout *lo, const struct dl_text *t)
{
	const struct font_metrics *m = font_metrics(fam.face[t->face]);
	double asc = (m->typo_ascent > 0 ? m->typo_ascent : m->ascent) * t->size_pt / 1000.0;
	double desc = -(m->typo_descent < 0 ? m->typo_descent : m->descent) * t->size_pt / 1000.0;
	double w = layout_text_width(lo, (enum font_face)t->face, t->size_pt, t->text,
				     visible_len(t->text));
	if (fabs(t->angle_deg - 90) < 1e-9)
		return (struct box){ t->x_pt - asc, t->y_pt, t->x_pt + desc, t->y_pt + w };
	return (struct box){ t->x_pt, t->y_pt - desc, t->x_pt + w, t->y_pt + asc };
}

static bool overlap(struct box a, struct box b)
{
	const double eps = 0.01;
	return a.x0 < b.x1 - eps && b.x0 < a.x1 - eps && a.y0 < b.y1 - eps && b.y0 < a.y1 - eps;
}

/* Every text inside the chart's box and clear of every other text. */
static void check_labels(const struct drawn *d, const char *what)
{
	const double eps = 0.01;
	struct box chart = { CHART_X, CHART_TOP - d->c->height_pt, CHART_X + d->c->width_pt,
			     CHART_TOP };
	size_t n = 0, outside = 0, clashes = 0;
	for (size_t i = d->first; i < d->end; i++) {
		const struct dl_op *a = op_at(d, i);
		if (a->kind != DL_TEXT)
			continue;
		n++;
		struct box ba = text_box(d->lo, &a->text);
		if (ba.x0 < chart.x0 - eps || ba.x1 > chart.x1 + eps || ba.y0 < chart.y0 - eps ||
		    ba.y1 > chart.y1 + eps) {
			outside++;
			printf("#   outside: \"%s\" at %.2f,%.2f\n", a->text.text, a->text.x_pt,
			       a->text.y_pt);
		}
		for (size_t j = i + 1; j < d->end; j++) {
			const struct dl_op *b = op_at(d, j);
			if (b->kind == DL_TEXT && overlap(ba, text_box(d->lo, &b->text))) {
				clashes++;
				printf("#   clash: \"%s\" and \"%s\"\n", a->text.text, b->text.text);
			}
		}
	}
	ok(n > 0 && outside == 0, "%s: all %zu labels inside the chart", what, n);
	ok(clashes == 0, "%s: no label overlaps another", what);
	/* Text is never turned nor cut short (issue 13). */
	size_t turned = 0, cut = 0;
	for (size_t i = d->first; i < d->end; i++) {
		const struct dl_op *a = op_at(d, i);
		if (a->kind != DL_TEXT)
			continue;
		turned += fabs(a->text.angle_deg) > 1e-9;
		cut += strstr(a->text.text, "\xE2\x80\xA6") != NULL;
	}
	ok(turned == 0 && cut == 0, "%s: no text turned (%zu) or cut with an ellipsis (%zu)", what,
	   turned, cut);
}

static bool same_rgb(struct dl_rgb a, struct dl_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* The bars: rectangles filled with the first palette colour. */
static size_t bars(const struct drawn *d, const struct dl_rect **out, size_t max)
{
	struct dl_rgb first = layout_rgb(d->lo->style->chart.palette[0]);
	size_t n = 0;
	for (size_t i = d->first; i < d->end; i++) {
		const struct dl_op *o = op_at(d, i);
		if (o->kind == DL_RECT && o->rect.paint.fill && same_rgb(o->rect.paint.fill_color, first) &&
		    n < max)
			out[n++] = &o->rect;
	}
	return n;
}

static size_t count_text(const struct drawn *d, const char *text)
{
	size_t n = 0;
	for (size_t i = d->first; i < d->end; i++) {
		const struct dl_op *o = op_at(d, i);
		n += o->kind == DL_TEXT && visible_len(o->text.text) == strlen(text) &&
		     strncmp(o->text.text, text, strlen(text)) == 0;
	}
	return n;
}

static size_t hatch_strokes(const struct drawn *d)
{
	size_t n = 0;
	for (size_t i = d->first; i < d->end; i++) {
		const struct dl_op *o = op_at(d, i);
		n += o->kind == DL_LINE && fabs(o->line.width_pt - 0.8) < 1e-9;
	}
	return n;
}

static void free_drawn(struct drawn *d)
{
	free_layout(d->lo);
}

/* ---- the tests ------------------------------------------------------------ */

static bool nice_step(double step)
{
	double mag = pow(10, floor(log10(step) + 1e-9));
	double m = step / mag;
	return fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6;
}

static void test_ticks(void)
{
	static const double maxima[] = { 0.4, 3, 7, 13, 25.9, 42, 48.9, 86.7, 100, 271, 325,
					 999, 1987, 202500, 1234567 };
	static const enum unit units[] = { UNIT_PERCENT, UNIT_COUNT, UNIT_MONEY };
	size_t bad_step = 0, uncovered = 0, loose = 0, too_many = 0, fractional = 0;
	for (size_t u = 0; u < 3; u++)
		for (size_t i = 0; i < sizeof maxima / sizeof maxima[0]; i++)
			for (size_t target = 2; target <= 8; target++) {
				struct chart_axis ax = chart_axis_for(maxima[i], units[u], target);
				bad_step += !nice_step(ax.step);
				uncovered += ax.top + 1e-9 < maxima[i];
				loose += ax.top - ax.step >= maxima[i] + 1e-9;
				too_many += ax.n_steps > target;
				fractional += units[u] != UNIT_PERCENT && ax.step < 1;
			}
	ok(bad_step == 0, "ticks step by 1, 2 or 5 x 10^n");
	ok(uncovered == 0, "the top tick covers the largest value");
	ok(loose == 0, "no tick beyond the one that covers the data");
	ok(too_many == 0, "never more steps than asked for");
	ok(fractional == 0, "counts and money never step by less than one");

	struct chart_axis ax = chart_axis_for(25.9, UNIT_PERCENT, 6);
	ok(fabs(ax.step - 5) < 1e-9 && fabs(ax.top - 30) < 1e-9,
	   "25.9%% gets ticks every 5%% up to 30%% (got %g to %g)", ax.step, ax.top);
	ax = chart_axis_for(325, UNIT_COUNT, 6);
	ok(fabs(ax.step - 100) < 1e-9 || fabs(ax.step - 50) < 1e-9, "325 gets a round step (%g)",
	   ax.step);
}

static void test_bars(const struct style *st)
{
	/* Horizontal bars, largest first: widths in proportion to the figures. */
	struct drawn d = draw_chart(st, "yjs.offences.type", CHART_HBAR, SORT_DESC);
	const struct dl_rect *r[16];
	size_t n = bars(&d, r, 16);
	ok(n == 6, "hbar: one bar per category (%zu)", n);
	double ratio = n ? r[0]->w_pt / chart_value(d.cd, 0, 0) : 0;
	bool prop = n == 6;
	for (size_t i = 0; i < n; i++)
		prop = prop && fabs(r[i]->w_pt / chart_value(d.cd, i, 0) - ratio) < 1e-6;
	ok(prop, "hbar: bar lengths in proportion to the values");
	bool desc = true, down = true;
	for (size_t i = 1; i < n; i++) {
		/* All but "Other", which comes last. */
		desc = desc && (i + 1 == n || r[i]->w_pt <= r[i - 1]->w_pt + 1e-9);
		down = down && r[i]->y_pt < r[i - 1]->y_pt;
	}
	ok(desc && down, "hbar: sort=desc puts the largest at the top, then down in order");
	ok(strcmp(d.cd->cats[0], "Drugs") == 0 && strcmp(d.cd->cats[4],
							   "Death or Injury by Dangerous Driving") == 0,
	   "hbar: categories sorted by value");
	ok(strcmp(d.cd->cats[5], "Other") == 0, "hbar: \"Other\" (33.4%%) last all the same");
	ok(count_text(&d, "33.4%") == 1 && count_text(&d, "25.9%") == 1,
	   "hbar: each bar carries its figure as the data prints it");
	check_labels(&d, "hbar");
	free_drawn(&d);

	/* Vertical bars, smallest first. */
	d = draw_chart(st, "yjs.offences.type", CHART_BAR, SORT_ASC);
	n = bars(&d, r, 16);
	prop = n == 6;
	ratio = n ? r[0]->h_pt / chart_value(d.cd, 0, 0) : 0;
	bool asc = true;
	for (size_t i = 0; i < n; i++) {
		prop = prop && fabs(r[i]->h_pt / chart_value(d.cd, i, 0) - ratio) < 1e-6;
		if (i > 0)
			asc = asc && r[i]->h_pt >= r[i - 1]->h_pt - 1e-9 && r[i]->x_pt > r[i - 1]->x_pt;
	}
	ok(prop, "bar: bar heights in proportion to the values");
	ok(asc, "bar: sort=asc puts the smallest at the left, then up in order");
	bool base = true;
	for (size_t i = 1; i < n; i++)
		base = base && fabs(r[i]->y_pt - r[0]->y_pt) < 1e-9;
	ok(base, "bar: every bar stands on the same baseline");
	check_labels(&d, "bar");
	free_drawn(&d);

	/* A partial breakdown: the remainder is drawn last and labelled. */
	d = draw_chart(st, "lado.employment-sector", CHART_HBAR, SORT_ASC);
	ok(d.cd->n_cats == 4 && d.cd->remainder[3] && strcmp(d.cd->cats[3], "Not itemised") == 0 &&
	   d.cd->values[3].hundredths == 2800,
	   "partial breakdown: 'Not itemised' 28%% comes last whatever the sort");
	ok(count_text(&d, "Not itemised") == 1 && count_text(&d, "28%") == 1,
	   "partial breakdown: the remainder is labelled with its figure");
	check_labels(&d, "partial hbar");
	free_drawn(&d);
}

/* Angles of pie slices from their paths: centre, line to the arc's start,
 * curves to its end. */
static size_t slice_sweeps(const struct drawn *d, double *sweeps, size_t max)
{
	const double deg = 180 / acos(-1.0);
	size_t n = 0;
	for (size_t i = d->first; i < d->end; i++) {
		const struct dl_op *o = op_at(d, i);
		if (o->kind != DL_PATH || !o->path.paint.fill || o->path.n_segs < 4 ||
		    o->path.segs[0].kind != DL_MOVE || o->path.segs[1].kind != DL_LINE_TO)
			continue;
		const struct dl_seg *s = o->path.segs;
		size_t last = o->path.n_segs - 1;
		while (last > 0 && s[last].kind != DL_CURVE)
			last--;
		double cx = s[0].p[0][0], cy = s[0].p[0][1];
		double a0 = atan2(s[1].p[0][1] - cy, s[1].p[0][0] - cx) * deg;
		double a1 = atan2(s[last].p[2][1] - cy, s[last].p[2][0] - cx) * deg;
		double sweep = fmod(a0 - a1 + 720, 360);
		if (sweep < 1e-6)
			sweep = 360;
		if (n < max)
			sweeps[n++] = sweep;
	}
	return n;
}

static void test_pies(const struct style *st)
{
	struct drawn d = draw_chart(st, "finance.contributions", CHART_PIE, SORT_NONE);
	double sw[8];
	size_t n = slice_sweeps(&d, sw, 8);
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += sw[i];
	ok(n == 3 && fabs(total - 360) < 1e-3, "pie: three slices that make 360 degrees (%.4f)",
	   total);
	bool prop = n == 3;
	for (size_t i = 0; i < n; i++)
		prop = prop && fabs(sw[i] / 360 - chart_value(d.cd, i, 0) / 193500) < 1e-6;
	ok(prop, "pie: each slice's angle in proportion to its amount");
	ok(count_text(&d, "50.6%") == 1 && count_text(&d, "33.3%") == 1 &&
	   count_text(&d, "16.0%") == 1, "pie: slices carry their shares to one decimal");
	check_labels(&d, "pie");
	free_drawn(&d);

	d = draw_chart(st, "yjs.offences.type", CHART_PIE, SORT_DESC);
	n = slice_sweeps(&d, sw, 8);
	total = 0;
	for (size_t i = 0; i < n; i++)
		total += sw[i];
	ok(n == 6 && fabs(total - 360) < 1e-3, "pie of percentages: slices make 360 degrees");
	ok(count_text(&d, "0.9%") == 1, "pie: a thin slice keeps its label");
	check_labels(&d, "pie with thin slices");
	free_drawn(&d);

	d = draw_chart(st, "lado.employment-sector", CHART_DONUT, SORT_NONE);
	ok(count_text(&d, "Not itemised") == 1, "donut of a partial breakdown shows the remainder");
	ok(count_text(&d, "265") == 1, "donut of percentages with a base shows the base inside");
	check_labels(&d, "donut");
	free_drawn(&d);
}

static void test_every_type(const struct style *st, const char *style_name)
{
	static const struct {
		const char *of;
		enum chart_type type;
	} cases[] = {
		{ "lado.activity", CHART_LINE },
		{ "lado.activity", CHART_GROUPED_BAR },
		{ "lado.activity", CHART_STACKED_BAR },
		{ "lado.timescales", CHART_STACKED_BAR_100 },
		{ "lado.timescales", CHART_LINE },
		{ "lado.timescales", CHART_GROUPED_BAR },
		{ "finance.contributions", CHART_DONUT },
		{ "finance.contributions", CHART_HBAR },
		{ "finance.contributions", CHART_BAR },
		{ "finance.contributions", CHART_STACKED_BAR_100 },
		{ "yjs.cohort", CHART_HBAR },
		{ "yjs.cohort", CHART_BAR },
		{ "yjs.offences.type", CHART_DONUT },
		{ "lado.employment-sector", CHART_PIE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct drawn d = draw_chart(st, cases[i].of, cases[i].type, SORT_NONE);
		char what[128];
		snprintf(what, sizeof what, "%s %s (%s)", chart_type_name(cases[i].type),
			 cases[i].of, style_name);
		if (!d.c) {
			ok(0, "%s: drawn", what);
			free_drawn(&d);
			continue;
		}
		check_labels(&d, what);
		free_drawn(&d);
	}
}

static void test_edges(const struct style *st)
{
	static const enum chart_type types[] = { CHART_BAR, CHART_HBAR, CHART_PIE, CHART_DONUT,
						 CHART_STACKED_BAR_100 };
	bool drawn = true;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		struct drawn d = draw_chart(st, "lado.empty", types[i], SORT_DESC);
		drawn = drawn && d.c && d.c->height_pt > 0;
		free_drawn(&d);
		d = draw_chart(st, "lado.zeros", types[i], SORT_NONE);
		drawn = drawn && d.c && d.c->height_pt > 0;
		if (d.c)
			check_labels(&d, "a chart of zeros");
		free_drawn(&d);
	}
	ok(drawn, "charts of no items and of zeros are drawn without failing");

	struct drawn d = draw_chart(st, "lado.many", CHART_HBAR, SORT_DESC);
	ok(d.c && d.c->height_pt <= style_text_height_pt(st),
	   "an hbar of forty categories packs its rows to fit a page (%.0f pt)",
	   d.c ? d.c->height_pt : 0);
	const struct dl_rect *r[64];
	ok(bars(&d, r, 64) == 40, "every one of the forty categories has its bar");
	check_labels(&d, "hbar of forty categories");
	free_drawn(&d);
}

/* The data as chart_data_new() settles it for a chart element that gives
 * neither type nor sort (given_type < 0), or a type and no sort. */
static struct chart_data *settle(struct layout *lo, const char *of, int given_type)
{
	struct chart spec = { .of = of, .type_valid = true, .title = "T", .alt = "Alt." };
	if (given_type >= 0) {
		spec.type = (enum chart_type)given_type;
		spec.type_given = true;
	}
	return chart_data_new(lo, &spec);
}

static void test_defaults(const struct style *st)
{
	struct layout *lo = new_layout(st);
	struct chart_data *cd = settle(lo, "finance.contributions", -1);
	ok(cd && cd->type == CHART_HBAR, "no type: parts of a whole are horizontal bars");
	ok(cd && cd->sort == SORT_DESC && cd->values[0].hundredths >= cd->values[1].hundredths &&
		   cd->values[1].hundredths >= cd->values[2].hundredths,
	   "no sort: parts of a whole in bars go largest first");
	cd = settle(lo, "yjs.offences.type", -1);
	ok(cd && cd->n_cats == 6 && strcmp(cd->cats[0], "Drugs") == 0 &&
		   strcmp(cd->cats[5], "Other") == 0,
	   "no sort: \"Other\" last although it is the largest");
	cd = settle(lo, "lado.employment-sector", CHART_BAR);
	ok(cd && cd->type == CHART_BAR && cd->sort == SORT_DESC && cd->remainder[3],
	   "type bar, no sort: sorted, \"Not itemised\" last");
	cd = settle(lo, "yjs.offences.age", -1);
	ok(cd && cd->sort == SORT_NONE && strcmp(cd->cats[0], "13") == 0 &&
		   strcmp(cd->cats[1], "14-15") == 0,
	   "no sort: ages keep their own order");
	cd = settle(lo, "lado.many", -1);
	ok(cd && strcmp(cd->cats[0], "Category number 1 with a long name") != 0,
	   "no sort: forty categories are sorted");
	struct chart spec = { .of = "lado.many", .type_valid = true, .title = "T", .alt = "Alt.",
			      .sort = SORT_NONE, .sort_given = true };
	cd = chart_data_new(lo, &spec);
	ok(cd && strcmp(cd->cats[0], "Category number 1 with a long name") == 0 &&
		   strcmp(cd->cats[1], "Category number 2 with a long name") == 0,
	   "sort=\"none\" keeps the data's order");
	cd = settle(lo, "yjs.offences.gender", -1);
	ok(cd && cd->type == CHART_STACKED_BAR_100, "no type: a split in two is one 100%% bar");
	cd = settle(lo, "yjs.offences.gender", CHART_PIE);
	ok(cd && cd->type == CHART_STACKED_BAR_100, "a pie of two parts is one 100%% bar");
	cd = settle(lo, "yjs.offences.type", CHART_PIE);
	ok(cd && cd->type == CHART_HBAR && cd->sort == SORT_DESC &&
		   strcmp(cd->cats[0], "Drugs") == 0 && strcmp(cd->cats[5], "Other") == 0,
	   "a pie of six parts is sorted horizontal bars, \"Other\" last");
	cd = settle(lo, "finance.contributions", CHART_DONUT);
	ok(cd && cd->type == CHART_DONUT, "a donut of three parts stays a donut");
	cd = settle(lo, "yjs.cohort", -1);
	ok(cd && cd->type == CHART_HBAR, "no type: measures are horizontal bars");
	cd = settle(lo, "lado.activity", -1);
	ok(cd && cd->type == CHART_GROUPED_BAR, "no type: a series by period is grouped bars");
	cd = settle(lo, "lado.timescales", -1);
	ok(cd && cd->type == CHART_STACKED_BAR_100, "no type: timescales are 100%% bars");
	free_layout(lo);
}

static void test_money(void)
{
	struct style st;
	style_defaults(&st);
	struct layout *lo = new_layout(&st);
	static const struct {
		int64_t pounds_x100;
		const char *want;
	} cases[] = {
		{ 0, "\xC2\xA3" "0" },
		{ 95000, "\xC2\xA3" "950" },
		{ 95049, "\xC2\xA3" "950" },
		{ 95050, "\xC2\xA3" "951" },
		{ 125050, "\xC2\xA3" "1.3k" },
		{ 950000, "\xC2\xA3" "9.5k" },
		{ 999000, "\xC2\xA3" "10k" },
		{ 6450000, "\xC2\xA3" "65k" },
		{ 9800000, "\xC2\xA3" "98k" },
		{ 20250000, "\xC2\xA3" "203k" },
		{ 99940000, "\xC2\xA3" "999k" },
		{ 99960000, "\xC2\xA3" "1m" },
		{ 120000000, "\xC2\xA3" "1.2m" },
		{ 1234567800, "\xC2\xA3" "12m" },
		{ -12345600, "\xE2\x88\x92\xC2\xA3" "123k" },
	};
	size_t bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = chart_format(lo, (struct figure){ UNIT_MONEY,
								    cases[i].pounds_x100, 0 });
		if (strcmp(got, cases[i].want) != 0) {
			bad++;
			printf("#   %lld pence: got %s, want %s\n", (long long)cases[i].pounds_x100,
			       got, cases[i].want);
		}
	}
	ok(bad == 0, "money on charts rounds to a readable unit (\xC2\xA3" "98k, \xC2\xA3" "1.2m)");
	ok(strcmp(chart_format(lo, (struct figure){ UNIT_COUNT, 1693000, 0 }), "16,930") == 0,
	   "counts print in full");
	struct chart_axis ax = chart_axis_for(202500, UNIT_MONEY, 6);
	ok(strcmp(chart_tick_label(lo, &ax, 0), "\xC2\xA3" "0") == 0 &&
		   strcmp(chart_tick_label(lo, &ax, 1), "\xC2\xA3" "50k") == 0,
	   "money ticks in thousands: \xC2\xA3" "0, \xC2\xA3" "50k (got %s, %s)",
	   chart_tick_label(lo, &ax, 0), chart_tick_label(lo, &ax, 1));
	ax = chart_axis_for(2400000, UNIT_MONEY, 6);
	ok(strcmp(chart_tick_label(lo, &ax, 1), "\xC2\xA3" "0.5m") == 0,
	   "money ticks in millions (got %s)", chart_tick_label(lo, &ax, 1));
	free_layout(lo);

	/* The chart of money shows the rounded amounts, the alt text the
	 * exact ones. */
	lo = new_layout(&st);
	struct block b = { .kind = BLK_CHART };
	b.u.chart = (struct chart){ .of = "finance.contributions", .type_valid = true,
				    .title = "Contributions", .alt = "The council gave most." };
	layout_chart(lo, &b);
	const char *alt = NULL;
	for (size_t i = 0; i < lo->n_items; i++)
		if (lo->items[i].kind == V_OPEN && lo->items[i].struct_type == DL_FIGURE)
			alt = lo->items[i].attrs.alt;
	ok(alt && strstr(alt, "\xC2\xA3" "98,000"), "the alt text keeps the exact amount");
	free_layout(lo);
}

/* A vertical bar chart whose labels would need three lines or a broken
 * word under their bars is drawn as horizontal bars, and says so. */
static void test_bar_to_hbar(const struct style *st)
{
	static const struct {
		const char *of;
		bool turns;
	} cases[] = {
		{ "lado.many", true },
		{ "yjs.offences.age", false },
		{ "finance.contributions", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct layout *lo = new_layout(st);
		struct block b = { .kind = BLK_CHART };
		b.u.chart = (struct chart){ .of = cases[i].of, .type = CHART_BAR, .type_given = true,
					    .type_valid = true, .title = "T", .alt = "A." };
		layout_chart(lo, &b);
		const char *alt = NULL;
		for (size_t k = 0; k < lo->n_items; k++)
			if (lo->items[k].kind == V_OPEN && lo->items[k].struct_type == DL_FIGURE)
				alt = lo->items[k].attrs.alt;
		bool hbar = alt && strstr(alt, "horizontal bar chart");
		ok(hbar == cases[i].turns, "type=\"bar\" of %s: %s", cases[i].of,
		   cases[i].turns ? "labels too long, drawn as horizontal bars"
				  : "labels fit, stays vertical");
		free_layout(lo);
	}
	struct drawn d = draw_chart(st, "lado.many", CHART_HBAR, SORT_NONE);
	size_t wrapped = count_text(&d, "Category number 12 with a long name");
	ok(wrapped == 1, "hbar: a long name whole on one line when the column allows it");
	free_drawn(&d);
}

/* The alt text of a chart element laid out on its own. */
static const char *laid_out_alt(struct layout *lo, const struct chart *spec, size_t *captions)
{
	struct block b = { .kind = BLK_CHART };
	b.u.chart = *spec;
	layout_chart(lo, &b);
	const char *alt = NULL;
	*captions = 0;
	for (size_t k = 0; k < lo->n_items; k++) {
		if (lo->items[k].kind != V_OPEN)
			continue;
		if (lo->items[k].struct_type == DL_FIGURE)
			alt = lo->items[k].attrs.alt;
		*captions += lo->items[k].struct_type == DL_CAPTION;
	}
	return alt;
}

static void test_multiples(const struct style *st)
{
	struct layout *lo = new_layout(st);
	struct chart_data *cd = settle(lo, "training.years", CHART_GROUPED_BAR);
	ok(cd && chart_data_apart(cd), "sessions (15) and attendees (634) are too far apart for one axis");
	cd = settle(lo, "lado.activity", CHART_GROUPED_BAR);
	ok(cd && !chart_data_apart(cd), "referrals and contacts (5.6 times) share one axis");
	size_t caps;
	struct chart spec = { .of = "training.years", .type = CHART_LINE, .type_given = true,
			      .type_valid = true, .title = "T", .alt = "A." };
	const char *alt = laid_out_alt(lo, &spec, &caps);
	ok(alt && strstr(alt, "line chart, one panel per series"),
	   "a line chart of series far apart is drawn as small multiples, and its alt says so");
	free_layout(lo);

	/* Each panel: its own axis (ticks to 20 and to 700, say), its
	 * series' colour. */
	lo = new_layout(st);
	cd = settle(lo, "training.years", CHART_GROUPED_BAR);
	struct chart_data *one = chart_data_series(lo, cd, 1);
	one->look_offset = 1;
	struct chart_canvas *c = chart_draw_grouped(lo, one, 200);
	size_t second = 0;
	struct dl_rgb want = layout_rgb(st->chart.palette[1]);
	for (size_t i = 0; i < c->n_ops; i++)
		second += c->ops[i].kind == COP_RECT && c->ops[i].paint.fill &&
			  same_rgb(c->ops[i].paint.fill_color, want);
	ok(second >= 2, "the attendees' panel keeps the second colour (%zu bars)", second);
	free_layout(lo);
}

static void test_stacked_outside(const struct style *st)
{
	struct drawn d = draw_chart(st, "lado.timescales", CHART_STACKED_BAR, SORT_NONE);
	/* 2021-22's over-12-months is 0.5%: too thin for its figure. */
	struct dl_rgb want = chart_ink_on_white(d.lo, chart_look_of(d.lo, 3).fill);
	struct dl_rgb label = layout_rgb(st->text[STYLE_CHART_LABEL].colour);
	size_t found = 0, coloured = 0;
	for (size_t i = d.first; i < d.end; i++) {
		const struct dl_op *o = op_at(&d, i);
		if (o->kind != DL_TEXT || strncmp(o->text.text, "0.5%", 4) != 0)
			continue;

		found++;
		coloured += same_rgb(o->text.color, want) && !same_rgb(want, label);
	}
	ok(found == 1 && coloured == 1,
	   "stacked: a figure too big for its segment stands beside it in the series' colour");
	check_labels(&d, "stacked bars with figures outside");
	free_drawn(&d);
}

static void test_captions(void)
{
	struct style st;
	style_defaults(&st);
	struct layout *lo = new_layout(&st);
	size_t caps;
	struct chart spec = { .of = "yjs.offences.type", .type_valid = true, .title = "Offences",
			      .alt = "Drugs lead.", .headline = "Drugs and violence are half",
			      .source = "Youth Justice Service case records" };
	laid_out_alt(lo, &spec, &caps);
	ok(caps == 2, "headline and title in one Caption above, the source in one below (%zu)",
	   caps);
	free_layout(lo);

	st.chart.summary_subtitle = true;
	lo = new_layout(&st);
	spec.headline = spec.source = NULL;
	const char *alt = laid_out_alt(lo, &spec, &caps);
	ok(alt && caps == 1, "summary-subtitle: the summary joins the title's Caption");
	free_layout(lo);
}

/* Counts the structure elements of a type opened among lo's items, and
 * whether a box defines dest. */
static size_t opened(const struct layout *lo, enum dl_struct_type type)
{
	size_t n = 0;
	for (size_t k = 0; k < lo->n_items; k++)
		n += lo->items[k].kind == V_OPEN && lo->items[k].struct_type == type;
	return n;
}

static bool has_dest(const struct layout *lo, const char *dest)
{
	for (size_t k = 0; k < lo->n_items; k++)
		if (lo->items[k].dest && strcmp(lo->items[k].dest, dest) == 0)
			return true;
	return false;
}

static void test_annex(void)
{
	struct style st;
	style_defaults(&st);
	struct layout *lo = new_layout(&st);
	struct block b = { .kind = BLK_CHART };
	b.u.chart = (struct chart){ .of = "yjs.offences.type", .type_valid = true,
				    .title = "Offences", .alt = "Drugs lead.",
				    .table = CHART_TABLE_ANNEX };
	layout_chart(lo, &b);
	ok(opened(lo, DL_TABLE) == 0 && lo->n_annexed == 1 && has_dest(lo, "fig-1"),
	   "table=\"annex\": no table beneath the chart, which the annex will link back to");
	ok(opened(lo, DL_P) == 1, "table=\"annex\": a line under the chart links to its table");
	layout_chart_annex(lo);
	ok(opened(lo, DL_H1) == 1 && opened(lo, DL_H2) == 1 && opened(lo, DL_TABLE) == 1 &&
		   has_dest(lo, "sec-:data-tables") && has_dest(lo, "annex-1") && opened(lo, DL_P) == 2,
	   "the annex: \"Data tables\", a heading per chart, its link back, its table");
	/* The contents finds it in the model, before any chart is laid out. */
	ok(layout_chart_annex_section(lo) == NULL, "no chart of the model wants the annex");
	struct block *body = M->report.body;
	struct block sect = { .kind = BLK_SECTION };
	sect.u.section = (struct section){ .id = "s", .title = "S", .level = 1, .blocks = &b };
	M->report.body = &sect;
	const struct section *annex = layout_chart_annex_section(lo);
	ok(annex && strcmp(annex->title, "Data tables") == 0, "the contents lists the annex");
	M->report.body = body;
	free_layout(lo);

	/* The style moves table="yes" there; without either, no annex. */
	st.chart.table_annex = true;
	lo = new_layout(&st);
	b.u.chart.table = CHART_TABLE_YES;
	layout_chart(lo, &b);
	ok(lo->n_annexed == 1 && opened(lo, DL_TABLE) == 0,
	   "table-annex=\"yes\" in the style: table=\"yes\" goes to the annex");
	free_layout(lo);
	st.chart.table_annex = false;
	lo = new_layout(&st);
	layout_chart(lo, &b);
	ok(lo->n_annexed == 0 && opened(lo, DL_TABLE) == 1 && layout_chart_annex_section(lo) == NULL,
	   "table=\"yes\": the table beneath the chart, and no annex");
	free_layout(lo);
}

static void test_greyscale(void)
{
	struct style colour;
	style_defaults(&colour);
	struct style grey = plain_style();
	struct drawn c = draw_chart(&colour, "lado.activity", CHART_GROUPED_BAR, SORT_NONE);
	struct drawn g = draw_chart(&grey, "lado.activity", CHART_GROUPED_BAR, SORT_NONE);
	ok(hatch_strokes(&c) == 0, "colour: grouped bars are not hatched");
	ok(hatch_strokes(&g) > 0, "greyscale: grouped bars add hatch patterns (%zu strokes)",
	   hatch_strokes(&g));
	free_drawn(&c);
	free_drawn(&g);

	g = draw_chart(&grey, "finance.contributions", CHART_PIE, SORT_NONE);
	ok(hatch_strokes(&g) > 0, "greyscale: pie slices are hatched");
	/* Hatching stays inside its slice: within the circle's box. */
	double cx = CHART_X + g.c->width_pt / 2;
	bool inside = true;
	for (size_t i = g.first; i < g.end; i++) {
		const struct dl_op *o = op_at(&g, i);
		if (o->kind == DL_LINE && fabs(o->line.width_pt - 0.8) < 1e-9)
			inside = inside && fabs(o->line.x1_pt - cx) <= 85.01 &&
				 fabs(o->line.x2_pt - cx) <= 85.01;
	}
	ok(inside, "greyscale: hatch strokes stay inside the circle");
	free_drawn(&g);

	g = draw_chart(&grey, "lado.activity", CHART_LINE, SORT_NONE);
	size_t dashed = 0, solid = 0;
	for (size_t i = g.first; i < g.end; i++) {
		const struct dl_op *o = op_at(&g, i);
		if (o->kind == DL_PATH && o->path.paint.stroke && !o->path.paint.fill) {
			if (o->path.paint.dash.on_pt > 0)
				dashed++;
			else if (o->path.paint.stroke_width_pt >= 1.5)
				solid++;
		}
	}
	ok(dashed >= 2 && solid >= 1, "greyscale: lines differ by dash (%zu dashed, %zu solid)",
	   dashed, solid);
	free_drawn(&g);
}

/* The Figure: one element, with the author's alt first and the figures. */
static void test_figure(void)
{
	struct style st;
	style_defaults(&st);
	struct layout *lo = new_layout(&st);
	struct block b = { .kind = BLK_CHART };
	b.u.chart = (struct chart){ .of = "yjs.offences.type", .type = CHART_HBAR,
				    .type_given = true, .type_valid = true, .title = "Offence type",
				    .alt = "Drugs and violence lead.", .sort = SORT_DESC,
				    .sort_given = true, .table = CHART_TABLE_YES };
	layout_chart(lo, &b);
	size_t figures = 0, tables = 0;
	const char *alt = NULL;
	for (size_t i = 0; i < lo->n_items; i++) {
		const struct vitem *it = &lo->items[i];
		if (it->kind == V_OPEN && it->struct_type == DL_FIGURE) {
			figures++;
			alt = it->attrs.alt;
		}
		tables += it->kind == V_OPEN && it->struct_type == DL_TABLE;
	}
	ok(figures == 1 && tables == 1, "a chart with table=\"yes\" is one Figure and one Table");
	ok(alt && strncmp(alt, "Drugs and violence lead. ", 25) == 0,
	   "the alt text starts with the author's alt");
	ok(alt && strstr(alt, "Offence type, horizontal bar chart: Drugs 25.9%, "
			      "Violence Against the Person 24.1%") && strstr(alt, "Other 33.4%."),
	   "the alt text lists the figures in the chart's order");
	if (alt)
		printf("#   %s\n", alt);
	free_layout(lo);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "fonts";
	char err[512];
	if (!font_family_load(&fam, dir, font_default_files, err, sizeof err)) {
		printf("1..0 # SKIP fonts not found: %s\n", err);
		return 0;
	}
	for (int i = 0; i < FACE_COUNT; i++) {
		static char paths[FACE_COUNT][512];
		snprintf(paths[i], sizeof paths[i], "%s/%s", dir, font_default_files[i]);
		font_paths[i] = paths[i];
	}
	build_model();
	struct style colour;
	style_defaults(&colour);
	struct style grey = plain_style();

	test_ticks();
	test_bars(&colour);
	test_defaults(&colour);
	test_money();
	test_bar_to_hbar(&colour);
	test_multiples(&colour);
	test_stacked_outside(&colour);
	test_stacked_outside(&grey);
	test_captions();
	test_annex();
	test_pies(&colour);
	test_every_type(&colour, "colour");
	test_every_type(&grey, "greyscale");
	test_edges(&colour);
	test_greyscale();
	test_figure();

	model_free(M);
	font_family_free(&fam);
	return tap_done();
}
