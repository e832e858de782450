/* chart-private.h - what the chart files share: a chart's data made plain
 * (chart-data.c); a canvas that records drawing in the chart's own
 * coordinates and replays it on the page, labels fitted to a width,
 * collision boxes, round axis ticks, series looks (palette colour and, in
 * greyscale, hatch pattern) (chart-canvas.c); the chart types (chart-bar.c,
 * chart-line.c, chart-pie.c), which the chart block (chart.c) calls.
 *
 * Canvas coordinates are points from the top-left corner of the chart's
 * box with y growing DOWNWARDS, so that a chart can grow while it is laid
 * out; chart_canvas_draw() flips them onto the page. Angles of arcs keep
 * the PDF convention (degrees counter-clockwise from the positive x axis,
 * as seen on the page). Everything is allocated in the pass arena. */
#ifndef REPORTC_CHART_PRIVATE_H
#define REPORTC_CHART_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "dl.h"
#include "figure.h"
#include "layout-private.h"
#include "model.h"
#include "style.h"

/* ---- a chart's data ------------------------------------------------------ */

/* Categories are the rows a chart draws (breakdown items, measures or
 * periods), series its columns. A partial breakdown gets one more
 * category, the remainder "Not itemised", when it can be computed; it is
 * drawn last and in a neutral look whatever the sort. */
struct chart_data {
	enum chart_type type;        /* as drawn (chart_data_new() says which) */
	enum sort_order sort;        /* as applied: the data table follows it */
	const struct dataset *ds;
	const char *title;           /* the chart's title, never NULL */
	enum unit unit;              /* of every value */
	size_t n_cats, n_series;
	const char **cats;           /* full labels */
	bool *remainder;             /* per category: the computed remainder */
	const char **series;         /* series names */
	bool *series_total;          /* per series: computed from the others */
	struct figure *values;       /* n_cats × n_series, row-major */
	bool *present;               /* the same shape: false where no figure */
	/* Parts of a whole: the whole, for shares of pies and donuts. A
	 * percent breakdown's whole is the sum of its items and remainder. */
	bool has_whole;
	struct figure whole;
	/* Set when the categories were turned into series (a breakdown as
	 * one 100% bar): which series is the remainder. NULL otherwise. */
	bool *series_remainder;
	/* Drawn as small multiples: one panel per series, side by side, each
	 * with its own axis (chart_data_apart()). */
	bool multiples;
	/* The look of series s is the look (s + look_offset): a panel of
	 * small multiples keeps its series' colour. */
	size_t look_offset;
};

/* Series whose largest figures differ by more than this factor are not
 * drawn on one axis. */
#define CHART_APART_RATIO 10.0

/* Whether the series of a series-by-period dataset are too far apart in
 * size for one axis: the largest figure of one more than
 * CHART_APART_RATIO times the largest of another (computed totals aside). */
bool chart_data_apart(const struct chart_data *cd);
/* Series s alone, for one panel of small multiples. */
struct chart_data *chart_data_series(struct layout *lo, const struct chart_data *cd, size_t s);

/* The same data with categories as series and one category named
 * `label`: a breakdown drawn as a single stacked bar. */
struct chart_data *chart_data_turn(struct layout *lo, const struct chart_data *cd,
				   const char *label);

/* The type of a chart that names none: horizontal bars for parts of a
 * whole (one 100% bar for a split in two) and for measures, grouped bars
 * for series by period, 100% bars for lado.timescales. */
enum chart_type chart_type_default(const struct dataset *ds);

/* Resolves the chart block's dataset, settles the type drawn, adds the
 * remainder and applies the sort (without `sort`, parts of a whole in
 * bars go largest first; "Other" and "Not itemised" always last). NULL
 * when the path names no dataset (the checks reported it). */
struct chart_data *chart_data_new(struct layout *lo, const struct chart *spec);

static inline double chart_value(const struct chart_data *cd, size_t cat, size_t series)
{
	return (double)cd->values[cat * cd->n_series + series].hundredths / 100.0;
}

static inline bool chart_present(const struct chart_data *cd, size_t cat, size_t series)
{
	return cd->present[cat * cd->n_series + series];
}

/* A share of the whole to one decimal ("50.6%"); percent data keeps its
 * written precision. */
const char *chart_share(struct layout *lo, const struct chart_data *cd, size_t cat);

/* ---- fonts and labels ---------------------------------------------------- */

/* A text role's face, size and colour, with the extent of its letters
 * above and below the baseline (the font's typographic ascent and
 * descent, both positive): the box every collision test uses. */
struct chart_font {
	enum font_face face;
	double size_pt, leading_pt;
	double ascent_pt, descent_pt;
	struct dl_rgb color;
};

struct chart_font chart_font_of(const struct layout *lo, enum style_role role, bool bold);
double chart_text_width(const struct layout *lo, const struct chart_font *f, const char *s);

/* A label set in lines of max_width_pt, as many as it needs: broken at
 * spaces (and after "/" or "-"), two lines evened out; a word wider than
 * the line is broken with a hyphen. Never shortened: a chart that cannot
 * give a label the room it needs chooses another layout (horizontal bars
 * for vertical ones) rather than cut the text. */
struct chart_label {
	const char **lines;
	size_t n_lines;
	double width_pt;             /* of the widest line */
	bool hyphenated;             /* a word had to be broken */
};

struct chart_label chart_fit_label(struct layout *lo, const struct chart_font *f,
				   const char *text, double max_width_pt);
/* Height from the first line's top to the last line's bottom. */
double chart_label_height(const struct chart_font *f, const struct chart_label *l);

/* ---- the canvas ---------------------------------------------------------- */

enum chart_op_kind { COP_RECT, COP_LINE, COP_PATH, COP_TEXT };
enum chart_seg_kind { CSEG_MOVE, CSEG_LINE, CSEG_ARC, CSEG_CLOSE };

/* MOVE and LINE go to (x, y); ARC is dl_path_arc() about (x, y). */
struct chart_seg {
	enum chart_seg_kind kind;
	double x, y, r_pt, a0_deg, a1_deg;
};

struct chart_op {
	enum chart_op_kind kind;
	double x0, y0, x1, y1;       /* RECT: top-left, bottom-right; LINE: ends;
				      * TEXT: baseline start in (x0, y0) */
	struct dl_paint paint;       /* RECT, PATH */
	double width_pt;             /* LINE */
	struct dl_rgb color;         /* LINE, TEXT */
	struct dl_dash dash;         /* LINE */
	const struct chart_seg *segs;/* PATH */
	size_t n_segs;
	enum font_face face;         /* TEXT */
	double size_pt;
	const char *text;
};

/* A box, y downwards: (x0, y0) top-left, (x1, y1) bottom-right. */
struct chart_box {
	double x0, y0, x1, y1;
};

struct chart_canvas {
	struct layout *lo;
	double width_pt, height_pt;
	struct chart_op *ops;
	size_t n_ops, cap_ops;
	struct chart_seg *path;      /* the path being built */
	size_t n_path, cap_path;
	struct chart_box *labels;    /* every text placed, for collisions */
	size_t n_labels, cap_labels;
};

struct chart_canvas *chart_canvas_new(struct layout *lo, double width_pt);
void chart_rect(struct chart_canvas *c, double x_pt, double y_pt, double w_pt, double h_pt,
		const struct dl_paint *paint);
void chart_line(struct chart_canvas *c, double x0_pt, double y0_pt, double x1_pt,
		double y1_pt, double width_pt, struct dl_rgb color, struct dl_dash dash);
void chart_move_to(struct chart_canvas *c, double x_pt, double y_pt);
void chart_line_to(struct chart_canvas *c, double x_pt, double y_pt);
void chart_arc(struct chart_canvas *c, double cx_pt, double cy_pt, double r_pt, double a0_deg,
	       double a1_deg);
void chart_close_path(struct chart_canvas *c);
void chart_fill_path(struct chart_canvas *c, const struct dl_paint *paint);
/* One line of text with its baseline start at (x, y); returns its box
 * and records it among the labels. */
struct chart_box chart_text(struct chart_canvas *c, const struct chart_font *f, double x_pt,
			    double y_pt, const char *text);
/* A label's lines, each aligned left, right or centred on x_pt, the first
 * line's top at top_pt; returns the box of the whole. */
struct chart_box chart_draw_label(struct chart_canvas *c, const struct chart_font *f,
				  const struct chart_label *l, double x_pt, double top_pt,
				  enum cell_align align);

/* The box a label would take; whether it lies inside the canvas width
 * (and above max_y_pt when that is not negative) and clear of every text
 * placed so far, with gap_pt to spare. */
struct chart_box chart_label_box(const struct chart_font *f, const struct chart_label *l,
				 double x_pt, double top_pt, enum cell_align align);
bool chart_box_free(const struct chart_canvas *c, struct chart_box b, double gap_pt);
bool chart_boxes_overlap(struct chart_box a, struct chart_box b, double gap_pt);

/* Copies everything drawn on src onto dst, moved by (x_pt, y_pt), its
 * labels claimed there too; dst grows to hold it. */
void chart_canvas_place(struct chart_canvas *dst, const struct chart_canvas *src, double x_pt,
			double y_pt);

/* Replays the canvas with its top-left corner at (x_pt, top_pt) on the
 * current page. */
void chart_canvas_draw(struct layout *lo, const struct chart_canvas *c, double x_pt,
		       double top_pt);

/* ---- axes ------------------------------------------------------------------ */

/* Ticks from 0 to top in steps of 1, 2 or 5 × 10^n, top ≥ the largest
 * value, with about `target` steps. Counts never step by less than one. */
struct chart_axis {
	double step, top;
	size_t n_steps;
	enum unit unit;
	int decimals;                /* of percent tick labels */
};

struct chart_axis chart_axis_for(double max_value, enum unit unit, size_t target);
/* A figure as charts print it: money rounded to a readable unit ("£950",
 * "£9.5k", "£98k", "£1.2m"; exact amounts stay in tables and the alt
 * text), other figures as the text prints them. */
const char *chart_format(struct layout *lo, struct figure v);
/* The label of tick i ("20%", "£50k", "100"), money in the unit of the
 * top tick. */
const char *chart_tick_label(struct layout *lo, const struct chart_axis *ax, size_t i);
/* The widest tick label. */
double chart_axis_label_width(struct layout *lo, const struct chart_axis *ax,
			      const struct chart_font *f);

/* ---- looks ------------------------------------------------------------------ */

enum { CHART_PATTERN_NONE = 0 };

/* How series (or slice) i is filled: the palette colour in order; in
 * greyscale, or once the palette has cycled, a hatch pattern on top, in
 * an ink that contrasts with the fill. text is the colour a label on the
 * fill reads in. */
struct chart_look {
	struct dl_rgb fill, ink, text;
	int pattern;
};

struct chart_look chart_look_of(const struct layout *lo, size_t i);
/* A series' colour as text on the page: its fill, darkened as far as
 * text needs to read on white (4.5:1). */
struct dl_rgb chart_ink_on_white(const struct layout *lo, struct dl_rgb fill);
/* The look of the remainder "Not itemised": a light neutral fill. */
struct chart_look chart_remainder_look(const struct layout *lo);
/* The paint of a bar or slice in that look, outlined as the style says. */
struct dl_paint chart_paint(const struct layout *lo, const struct chart_look *look);
/* Hatch strokes of the pattern inside a rectangle, or inside the ring
 * sector between radii r0 and r1 (r0 may be 0) from angle a0 to a1
 * (degrees, any order, any span). */
void chart_hatch_rect(struct chart_canvas *c, const struct chart_look *look, double x_pt,
		      double y_pt, double w_pt, double h_pt);
void chart_hatch_sector(struct chart_canvas *c, const struct chart_look *look, double cx_pt,
			double cy_pt, double r0_pt, double r1_pt, double a0_deg,
			double a1_deg);
/* A legend swatch: a square in the look, hatched. */
void chart_swatch(struct chart_canvas *c, const struct chart_look *look, double x_pt,
		  double y_pt, double size_pt);

/* A legend of the series in one or more rows from top_pt; returns the
 * height it took. */
double chart_legend(struct chart_canvas *c, const struct chart_data *cd, double top_pt);

/* Moves labels (centres in centre_pt, heights in height_pt, n of them,
 * sorted top to bottom) as little as possible so that they keep gap_pt
 * apart and stay between lo_pt and hi_pt when they can. */
void chart_spread(double *centre_pt, const double *height_pt, size_t n, double gap_pt,
		  double lo_pt, double hi_pt);

/* ---- the chart types ------------------------------------------------------- */

/* Each draws its data into a new canvas as wide as width_pt and sets the
 * canvas height. */
struct chart_canvas *chart_draw_bar(struct layout *lo, const struct chart_data *cd,
				    double width_pt);             /* chart-bar.c */
/* Whether vertical bars of cd give every category label room in two lines
 * at most, no word broken, and every figure room across its bar; when not,
 * the chart is drawn as horizontal bars. */
bool chart_bar_fits(struct layout *lo, const struct chart_data *cd, double width_pt);
struct chart_canvas *chart_draw_hbar(struct layout *lo, const struct chart_data *cd,
				     double width_pt);            /* chart-bar.c */
struct chart_canvas *chart_draw_grouped(struct layout *lo, const struct chart_data *cd,
					double width_pt);         /* chart-bar.c */
struct chart_canvas *chart_draw_stacked(struct layout *lo, const struct chart_data *cd,
					double width_pt);         /* chart-bar.c */
struct chart_canvas *chart_draw_stacked_100(struct layout *lo, const struct chart_data *cd,
					    double width_pt);     /* chart-bar.c */
struct chart_canvas *chart_draw_line(struct layout *lo, const struct chart_data *cd,
				     double width_pt);            /* chart-line.c */
struct chart_canvas *chart_draw_pie(struct layout *lo, const struct chart_data *cd,
				    double width_pt, bool donut); /* chart-pie.c */
/* The whole chart block of type="timeline": the register's milestones,
 * its own data, caption and alt text (chart-timeline.c). */
void chart_timeline(struct layout *lo, const struct block *b);

#endif
