/* chart-canvas.c - what every chart draws with: text roles and labels
 * fitted to a width, the canvas that records drawing and replays it on the
 * page, round axis ticks, series looks with hatching, legends. */
#include "chart-private.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Hatching: the gap between strokes and their width, in points. */
#define HATCH_SPACING_PT 4.5
#define HATCH_WIDTH_PT 0.8
enum { PATTERN_COUNT = 6 };

#define ELLIPSIS "\xE2\x80\xA6"

/* ---- fonts and labels -------------------------------------------------- */

struct chart_font chart_font_of(const struct layout *lo, enum style_role role, bool bold)
{
	const struct style_text *st = &lo->style->text[role];
	struct chart_font f;
	f.face = bold ? (enum font_face)(st->face | FACE_BOLD) : st->face;
	f.size_pt = st->size_pt;
	f.leading_pt = st->leading_pt;
	f.color = layout_rgb(st->colour);
	const struct font_metrics *m = font_metrics(lo->fonts->face[f.face]);
	int asc = m->typo_ascent > 0 ? m->typo_ascent : m->ascent;
	int desc = m->typo_descent < 0 ? m->typo_descent : m->descent;
	f.ascent_pt = asc * f.size_pt / 1000.0;
	f.descent_pt = -desc * f.size_pt / 1000.0;
	return f;
}

double chart_text_width(const struct layout *lo, const struct chart_font *f, const char *s)
{
	return layout_text_width(lo, f->face, f->size_pt, s, strlen(s));
}

static double width_n(const struct layout *lo, const struct chart_font *f, const char *s,
		      size_t n)
{
	return layout_text_width(lo, f->face, f->size_pt, s, n);
}

/* Bytes of the UTF-8 character that starts at s[0]. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			return i;
	return n;
}

/* The longest start of s (n bytes) that, followed by "…", fits max_w:
 * cut at a space when that keeps at least half the room used, else at a
 * character. Never empty: at worst one character and the ellipsis. */
static const char *ellipsize(struct layout *lo, const struct chart_font *f, const char *s,
			     size_t n, double max_w)
{
	double ell = chart_text_width(lo, f, ELLIPSIS);
	size_t fit = 0, at_space = 0;
	for (size_t i = 0; i < n;) {
		size_t k = char_len(s + i);
		if (width_n(lo, f, s, i + k) + ell > max_w)
			break;
		i += k;
		fit = i;
		if (i < n && s[i] == ' ')
			at_space = i;
	}
	if (fit == 0)
		fit = char_len(s);
	else if (at_space > 0 && width_n(lo, f, s, at_space) >= max_w / 2)
		fit = at_space;
	while (fit > 1 && s[fit - 1] == ' ')
		fit--;
	return arena_printf(lo->arena, "%.*s%s", (int)fit, s, ELLIPSIS);
}

struct chart_label chart_fit_label(struct layout *lo, const struct chart_font *f,
				   const char *text, double max_width_pt, size_t max_lines)
{
	struct chart_label l = { 0 };
	const char *s = layout_collapse(lo, text);
	size_t n = strlen(s);
	if (max_lines < 1)
		max_lines = 1;
	l.lines = arena_array(lo->arena, max_lines, sizeof *l.lines);
	size_t pos = 0;
	while (pos < n && l.n_lines < max_lines) {
		const char *rest = s + pos;
		size_t len = n - pos;
		if (width_n(lo, f, rest, len) <= max_width_pt) {
			l.lines[l.n_lines++] = arena_strndup(lo->arena, rest, len);
			pos = n;
			break;
		}
		if (l.n_lines + 1 == max_lines) {
			l.lines[l.n_lines++] = ellipsize(lo, f, rest, len, max_width_pt);
			l.shortened = true;
			pos = n;
			break;
		}
		/* The longest start ending at a break that fits (before a space,
		 * or after a slash or hyphen); but when the rest would then fit
		 * on the last line, the break that evens the two lines out. */
		size_t best = 0, next = 0, even = 0, even_next = 0;
		double even_w = 0;
		bool penultimate = l.n_lines + 2 == max_lines;
		for (size_t i = 1; i <= len; i++) {
			bool brk = (i < len && rest[i] == ' ') ||
				   ((rest[i - 1] == '/' || rest[i - 1] == '-') && i < len &&
				    rest[i] != ' ');
			if (!brk && i < len)
				continue;
			double w1 = width_n(lo, f, rest, i);
			if (w1 > max_width_pt)
				break;
			best = i;
			next = i < len && rest[i] == ' ' ? i + 1 : i;
			if (penultimate) {
				double w2 = width_n(lo, f, rest + next, len - next);
				double w = w1 > w2 ? w1 : w2;
				if (w2 <= max_width_pt && (even == 0 || w < even_w)) {
					even = best;
					even_next = next;
					even_w = w;
				}
			}
		}
		if (even > 0) {
			best = even;
			next = even_next;
		}
		if (best == 0) {
			/* A word longer than the line: break it where it must, with
			 * a hyphen. */
			double hy = chart_text_width(lo, f, "-");
			size_t i = 0;
			while (i < len && rest[i] != ' ') {
				size_t k = char_len(rest + i);
				if (i > 0 && width_n(lo, f, rest, i + k) + hy > max_width_pt)
					break;
				i += k;
			}
			l.lines[l.n_lines++] = arena_printf(lo->arena, "%.*s-", (int)i, rest);
			l.hyphenated = true;
			pos += i;
			continue;
		}
		l.lines[l.n_lines++] = arena_strndup(lo->arena, rest, best);
		pos += next;
	}
	for (size_t i = 0; i < l.n_lines; i++) {
		double w = chart_text_width(lo, f, l.lines[i]);
		if (w > l.width_pt)
			l.width_pt = w;
	}
	return l;
}

double chart_label_height(const struct chart_font *f, const struct chart_label *l)
{
	if (l->n_lines == 0)
		return 0;
	return f->ascent_pt + f->descent_pt + (double)(l->n_lines - 1) * f->leading_pt;
}

/* ---- the canvas ---------------------------------------------------------- */

struct chart_canvas *chart_canvas_new(struct layout *lo, double width_pt)
{
	struct chart_canvas *c = arena_alloc(lo->arena, sizeof *c);
	c->lo = lo;
	c->width_pt = width_pt;
	return c;
}

static struct chart_op *push_op(struct chart_canvas *c, enum chart_op_kind kind)
{
	c->ops = arena_grow(c->lo->arena, c->ops, &c->cap_ops, c->n_ops, sizeof *c->ops);
	struct chart_op *op = &c->ops[c->n_ops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

void chart_rect(struct chart_canvas *c, double x_pt, double y_pt, double w_pt, double h_pt,
		const struct dl_paint *paint)
{
	if (w_pt <= 0 || h_pt <= 0)
		return;
	struct chart_op *op = push_op(c, COP_RECT);
	op->x0 = x_pt;
	op->y0 = y_pt;
	op->x1 = x_pt + w_pt;
	op->y1 = y_pt + h_pt;
	op->paint = *paint;
}

void chart_line(struct chart_canvas *c, double x0_pt, double y0_pt, double x1_pt,
		double y1_pt, double width_pt, struct dl_rgb color, struct dl_dash dash)
{
	struct chart_op *op = push_op(c, COP_LINE);
	op->x0 = x0_pt;
	op->y0 = y0_pt;
	op->x1 = x1_pt;
	op->y1 = y1_pt;
	op->width_pt = width_pt;
	op->color = color;
	op->dash = dash;
}

static void push_seg(struct chart_canvas *c, struct chart_seg seg)
{
	c->path = arena_grow(c->lo->arena, c->path, &c->cap_path, c->n_path, sizeof *c->path);
	c->path[c->n_path++] = seg;
}

void chart_move_to(struct chart_canvas *c, double x_pt, double y_pt)
{
	push_seg(c, (struct chart_seg){ CSEG_MOVE, x_pt, y_pt, 0, 0, 0 });
}

void chart_line_to(struct chart_canvas *c, double x_pt, double y_pt)
{
	push_seg(c, (struct chart_seg){ CSEG_LINE, x_pt, y_pt, 0, 0, 0 });
}

void chart_arc(struct chart_canvas *c, double cx_pt, double cy_pt, double r_pt, double a0_deg,
	       double a1_deg)
{
	push_seg(c, (struct chart_seg){ CSEG_ARC, cx_pt, cy_pt, r_pt, a0_deg, a1_deg });
}

void chart_close_path(struct chart_canvas *c)
{
	push_seg(c, (struct chart_seg){ CSEG_CLOSE, 0, 0, 0, 0, 0 });
}

void chart_fill_path(struct chart_canvas *c, const struct dl_paint *paint)
{
	assert(c->n_path > 0);
	struct chart_op *op = push_op(c, COP_PATH);
	struct chart_seg *segs = arena_array(c->lo->arena, c->n_path, sizeof *segs);
	memcpy(segs, c->path, c->n_path * sizeof *segs);
	op->segs = segs;
	op->n_segs = c->n_path;
	op->paint = *paint;
	c->n_path = 0;
}

static void claim(struct chart_canvas *c, struct chart_box b)
{
	c->labels = arena_grow(c->lo->arena, c->labels, &c->cap_labels, c->n_labels,
			       sizeof *c->labels);
	c->labels[c->n_labels++] = b;
}

struct chart_box chart_text(struct chart_canvas *c, const struct chart_font *f, double x_pt,
			    double y_pt, const char *text)
{
	struct chart_op *op = push_op(c, COP_TEXT);
	op->x0 = x_pt;
	op->y0 = y_pt;
	op->face = f->face;
	op->size_pt = f->size_pt;
	op->color = f->color;
	op->text = text;
	double w = chart_text_width(c->lo, f, text);
	struct chart_box b = { x_pt, y_pt - f->ascent_pt, x_pt + w, y_pt + f->descent_pt };
	claim(c, b);
	return b;
}

struct chart_box chart_text_up(struct chart_canvas *c, const struct chart_font *f, double x_pt,
			       double y_pt, const char *text)
{
	struct chart_op *op = push_op(c, COP_TEXT);
	op->x0 = x_pt;
	op->y0 = y_pt;
	op->face = f->face;
	op->size_pt = f->size_pt;
	op->color = f->color;
	op->angle_deg = 90;
	op->text = text;
	double w = chart_text_width(c->lo, f, text);
	/* Turned a quarter left, the letters' tops face the left. */
	struct chart_box b = { x_pt - f->ascent_pt, y_pt - w, x_pt + f->descent_pt, y_pt };
	claim(c, b);
	return b;
}

struct chart_box chart_label_box(const struct chart_font *f, const struct chart_label *l,
				 double x_pt, double top_pt, enum cell_align align)
{
	double x0 = align == ALIGN_RIGHT    ? x_pt - l->width_pt
		    : align == ALIGN_CENTRE ? x_pt - l->width_pt / 2
					    : x_pt;
	return (struct chart_box){ x0, top_pt, x0 + l->width_pt, top_pt + chart_label_height(f, l) };
}

struct chart_box chart_draw_label(struct chart_canvas *c, const struct chart_font *f,
				  const struct chart_label *l, double x_pt, double top_pt,
				  enum cell_align align)
{
	for (size_t i = 0; i < l->n_lines; i++) {
		double w = chart_text_width(c->lo, f, l->lines[i]);
		double x = align == ALIGN_RIGHT    ? x_pt - w
			   : align == ALIGN_CENTRE ? x_pt - w / 2
						   : x_pt;
		chart_text(c, f, x, top_pt + f->ascent_pt + (double)i * f->leading_pt, l->lines[i]);
	}
	return chart_label_box(f, l, x_pt, top_pt, align);
}

bool chart_boxes_overlap(struct chart_box a, struct chart_box b, double gap_pt)
{
	return a.x0 < b.x1 + gap_pt && b.x0 < a.x1 + gap_pt && a.y0 < b.y1 + gap_pt &&
	       b.y0 < a.y1 + gap_pt;
}

bool chart_box_free(const struct chart_canvas *c, struct chart_box b, double gap_pt)
{
	if (b.x0 < -1e-6 || b.x1 > c->width_pt + 1e-6 || b.y0 < -1e-6)
		return false;
	for (size_t i = 0; i < c->n_labels; i++)
		if (chart_boxes_overlap(b, c->labels[i], gap_pt))
			return false;
	return true;
}

void chart_canvas_draw(struct layout *lo, const struct chart_canvas *c, double x_pt,
		       double top_pt)
{
	struct dl *dl = lo->dl;
	for (size_t i = 0; i < c->n_ops; i++) {
		const struct chart_op *op = &c->ops[i];
		switch (op->kind) {
		case COP_RECT:
			dl_add_rect(dl, x_pt + op->x0, top_pt - op->y1, op->x1 - op->x0,
				    op->y1 - op->y0, &op->paint);
			break;
		case COP_LINE:
			dl_add_line(dl, x_pt + op->x0, top_pt - op->y0, x_pt + op->x1,
				    top_pt - op->y1, op->width_pt, op->color, op->dash);
			break;
		case COP_PATH:
			for (size_t k = 0; k < op->n_segs; k++) {
				const struct chart_seg *s = &op->segs[k];
				switch (s->kind) {
				case CSEG_MOVE:
					dl_path_move_to(dl, x_pt + s->x, top_pt - s->y);
					break;
				case CSEG_LINE:
					dl_path_line_to(dl, x_pt + s->x, top_pt - s->y);
					break;
				case CSEG_ARC:
					dl_path_arc(dl, x_pt + s->x, top_pt - s->y, s->r_pt,
						    s->a0_deg, s->a1_deg);
					break;
				case CSEG_CLOSE:
					dl_path_close(dl);
					break;
				}
			}
			dl_add_path(dl, &op->paint);
			break;
		case COP_TEXT: {
			/* A trailing space, invisible and past the label's measured
			 * end, keeps labels apart when text is copied from the PDF. */
			const char *text = arena_printf(lo->arena, "%s ", op->text);
			if (op->angle_deg != 0)
				dl_add_text_rotated(dl, x_pt + op->x0, top_pt - op->y0,
						    layout_face(lo, op->face), op->size_pt, op->color,
						    op->angle_deg, 1, text);
			else
				dl_add_text(dl, x_pt + op->x0, top_pt - op->y0,
					    layout_face(lo, op->face), op->size_pt, op->color, 0,
					    text);
			break;
		}
		}
	}
}

/* ---- axes ------------------------------------------------------------------ */

struct chart_axis chart_axis_for(double max_value, enum unit unit, size_t target)
{
	struct chart_axis ax = { 1, 1, 1, unit, 0 };
	if (target < 1)
		target = 1;
	if (!(max_value > 0)) {
		ax.step = ax.top = unit == UNIT_PERCENT ? 10 : 1;
		return ax;
	}
	/* Every step of 1, 2 or 5 × 10^k that needs at most `target` steps:
	 * the one whose top wastes least, then the one nearest five steps. */
	double smallest = max_value / (double)target;
	int k0 = (int)floor(log10(smallest)) - 1;
	static const double mult[] = { 1, 2, 5 };
	bool found = false;
	for (int k = k0; k <= k0 + 3; k++) {
		for (size_t m = 0; m < 3; m++) {
			double step = mult[m] * pow(10, k);
			if (unit != UNIT_PERCENT && step < 1)
				continue;
			if (step < 0.01)
				continue;
			double n = ceil(max_value / step - 1e-9);
			if (n < 1)
				n = 1;
			if (n > (double)target)
				continue;
			double top = n * step;
			bool better = !found || top < ax.top - 1e-9 ||
				      (fabs(top - ax.top) <= 1e-9 &&
				       fabs(n - 5) < fabs((double)ax.n_steps - 5));
			if (better) {
				ax.step = step;
				ax.top = top;
				ax.n_steps = (size_t)n;
				found = true;
			}
		}
	}
	if (!found) {
		/* Fewer steps than any candidate allows: one step to a round top. */
		double mag = pow(10, floor(log10(max_value)));
		double step = mag;
		while (step < max_value)
			step *= max_value <= step * 2 ? 2 : max_value <= step * 5 ? 5 : 10;
		ax.step = ax.top = step;
		ax.n_steps = 1;
	}
	ax.decimals = ax.step >= 1 - 1e-9 ? 0 : ax.step >= 0.1 - 1e-9 ? 1 : 2;
	return ax;
}

const char *chart_tick_label(struct layout *lo, const struct chart_axis *ax, size_t i)
{
	double v = ax->step * (double)i;
	struct figure fig = { ax->unit, (int64_t)llround(v * 100), ax->decimals };
	return layout_format(lo, fig);
}

double chart_axis_label_width(struct layout *lo, const struct chart_axis *ax,
			      const struct chart_font *f)
{
	double w = 0;
	for (size_t i = 0; i <= ax->n_steps; i++) {
		double t = chart_text_width(lo, f, chart_tick_label(lo, ax, i));
		if (t > w)
			w = t;
	}
	return w;
}

/* ---- looks ------------------------------------------------------------------ */

static struct rgb rgb_of(struct dl_rgb c)
{
	return (struct rgb){ c.r / 255.0, c.g / 255.0, c.b / 255.0 };
}

/* White or the darkest of black and the label colour: whichever reads
 * best on fill. */
static struct dl_rgb contrasting(const struct layout *lo, struct dl_rgb fill)
{
	struct rgb f = rgb_of(fill);
	struct rgb label = lo->style->text[STYLE_CHART_LABEL].colour;
	struct rgb white = { 1, 1, 1 };
	double on_white = style_contrast_ratio(f, white);
	double on_label = style_contrast_ratio(f, label);
	if (on_label >= 4.5 && on_label >= on_white)
		return layout_rgb(label);
	return on_white >= on_label ? DL_HEX(0xffffff) : layout_rgb(label);
}

struct chart_look chart_look_of(const struct layout *lo, size_t i)
{
	const struct style_chart *sc = &lo->style->chart;
	size_t count = sc->palette_count ? sc->palette_count : 1;
	struct chart_look look;
	look.fill = sc->palette_count ? layout_rgb(sc->palette[i % count]) : DL_HEX(0x4d4d4d);
	/* Greyscale: every series after the first is hatched as well as
	 * shaded. Colour: only series that repeat a colour are. */
	size_t p = sc->greyscale ? i : i / count;
	look.pattern = p == 0 ? CHART_PATTERN_NONE : (int)(1 + (p - 1) % (PATTERN_COUNT - 1));
	look.text = contrasting(lo, look.fill);
	look.ink = look.text;
	return look;
}

struct chart_look chart_remainder_look(const struct layout *lo)
{
	struct chart_look look;
	look.fill = DL_HEX(0xffffff);
	look.ink = layout_rgb(lo->style->chart.axis.none ? lo->style->text[STYLE_CHART_LABEL].colour
							 : lo->style->chart.axis.rgb);
	look.text = layout_rgb(lo->style->text[STYLE_CHART_LABEL].colour);
	look.pattern = -1;
	return look;
}

struct dl_paint chart_paint(const struct layout *lo, const struct chart_look *look)
{
	const struct style_chart *sc = &lo->style->chart;
	if (look->pattern < 0) {
		/* The remainder: an outline only, dashed, as something unknown. */
		struct dl_paint p = dl_paint_fill_stroke(look->fill, look->ink, 0.75);
		p.dash = (struct dl_dash){ 2, 2 };
		return p;
	}
	if (sc->outline.none || sc->outline_width_pt <= 0)
		return dl_paint_fill(look->fill);
	return dl_paint_fill_stroke(look->fill, layout_rgb(sc->outline.rgb), sc->outline_width_pt);
}

/* The stroke angles (degrees, canvas coordinates) of each pattern. */
static size_t pattern_angles(int pattern, double *angles)
{
	switch (pattern) {
	case 1: angles[0] = 45; return 1;
	case 2: angles[0] = 0; return 1;
	case 3: angles[0] = -45; return 1;
	case 4: angles[0] = 90; return 1;
	case 5: angles[0] = 45; angles[1] = -45; return 2;
	default: return 0;
	}
}

/* Clips the line p + t·d to the half-plane a + b·t >= 0 on [*t0, *t1]. */
static bool clip_linear(double a, double b, double *t0, double *t1)
{
	if (fabs(b) < 1e-12)
		return a >= 0;
	double t = -a / b;
	if (b > 0) {
		if (t > *t0)
			*t0 = t;
	} else if (t < *t1) {
		*t1 = t;
	}
	return *t0 < *t1;
}

/* Calls emit for each stroke of the pattern's families that crosses the
 * box [x0, x1] × [y0, y1], with the line p + t·d and the range of t in
 * which it lies inside the box. Strokes are placed from the canvas origin,
 * so neighbouring shapes share one grid of strokes. */
struct stroke {
	double px, py, dx, dy, t0, t1;
};

typedef void stroke_fn(struct chart_canvas *c, const struct chart_look *look,
		       const struct stroke *s, const void *shape);

static void each_stroke(struct chart_canvas *c, const struct chart_look *look, double x0,
			double y0, double x1, double y1, stroke_fn *emit, const void *shape)
{
	double angles[2];
	size_t n = pattern_angles(look->pattern, angles);
	const double rad = acos(-1.0) / 180;
	for (size_t a = 0; a < n; a++) {
		double dx = cos(angles[a] * rad), dy = sin(angles[a] * rad);
		double nx = -dy, ny = dx;
		/* The box's extent along the normal. */
		double lo = INFINITY, hi = -INFINITY;
		double cx[4] = { x0, x1, x0, x1 }, cy[4] = { y0, y0, y1, y1 };
		for (int i = 0; i < 4; i++) {
			double v = nx * cx[i] + ny * cy[i];
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
		for (double k = ceil(lo / HATCH_SPACING_PT); k * HATCH_SPACING_PT <= hi; k++) {
			double off = k * HATCH_SPACING_PT;
			struct stroke s = { nx * off, ny * off, dx, dy, -INFINITY, INFINITY };
			/* Inside the box: x0 <= px + t dx <= x1, the same in y. */
			if (!clip_linear(s.px - x0, dx, &s.t0, &s.t1) ||
			    !clip_linear(x1 - s.px, -dx, &s.t0, &s.t1) ||
			    !clip_linear(s.py - y0, dy, &s.t0, &s.t1) ||
			    !clip_linear(y1 - s.py, -dy, &s.t0, &s.t1))
				continue;
			emit(c, look, &s, shape);
		}
	}
}

static void stroke_segment(struct chart_canvas *c, const struct chart_look *look,
			   const struct stroke *s, double t0, double t1)
{
	if (t1 - t0 < 0.5)
		return;
	chart_line(c, s->px + t0 * s->dx, s->py + t0 * s->dy, s->px + t1 * s->dx,
		   s->py + t1 * s->dy, HATCH_WIDTH_PT, look->ink, DL_SOLID);
}

static void emit_in_box(struct chart_canvas *c, const struct chart_look *look,
			const struct stroke *s, const void *shape)
{
	(void)shape;
	stroke_segment(c, look, s, s->t0, s->t1);
}

void chart_hatch_rect(struct chart_canvas *c, const struct chart_look *look, double x_pt,
		      double y_pt, double w_pt, double h_pt)
{
	if (look->pattern <= 0 || w_pt <= 0 || h_pt <= 0)
		return;
	/* Inset by the outline so that strokes end inside it. */
	double in = 0.5;
	if (w_pt <= 2 * in || h_pt <= 2 * in)
		return;
	each_stroke(c, look, x_pt + in, y_pt + in, x_pt + w_pt - in, y_pt + h_pt - in,
		    emit_in_box, NULL);
}

/* A sector of at most 180 degrees between two radii. */
struct sector {
	double cx, cy, r0, r1, a0, a1;
};

/* The t where the stroke is inside the circle of radius r: [*t0, *t1]. */
static bool circle_range(const struct stroke *s, double cx, double cy, double r, double *t0,
			 double *t1)
{
	double ox = s->px - cx, oy = s->py - cy;
	double b = ox * s->dx + oy * s->dy;
	double cc = ox * ox + oy * oy - r * r;
	double disc = b * b - cc;
	if (disc <= 0)
		return false;
	double q = sqrt(disc);
	*t0 = -b - q;
	*t1 = -b + q;
	return true;
}

static void emit_in_sector(struct chart_canvas *c, const struct chart_look *look,
			   const struct stroke *s, const void *shape)
{
	const struct sector *sec = shape;
	double t0 = s->t0, t1 = s->t1, c0, c1;
	if (!circle_range(s, sec->cx, sec->cy, sec->r1 - 0.5, &c0, &c1))
		return;
	t0 = fmax(t0, c0);
	t1 = fmin(t1, c1);
	/* Within the wedge: the point, seen from the centre with y up, lies
	 * counter-clockwise of the first edge and clockwise of the second. */
	const double rad = acos(-1.0) / 180;
	double ux0 = cos(sec->a0 * rad), uy0 = sin(sec->a0 * rad);
	double ux1 = cos(sec->a1 * rad), uy1 = sin(sec->a1 * rad);
	double vx = s->px - sec->cx, vy = sec->cy - s->py; /* y up */
	double wx = s->dx, wy = -s->dy;
	/* cross(u0, v) = ux0 vy - uy0 vx >= 0; cross(v, u1) >= 0 */
	if (!clip_linear(ux0 * vy - uy0 * vx, ux0 * wy - uy0 * wx, &t0, &t1) ||
	    !clip_linear(vx * uy1 - vy * ux1, wx * uy1 - wy * ux1, &t0, &t1))
		return;
	/* Outside the hole of a donut. */
	double h0, h1;
	if (sec->r0 > 0 && circle_range(s, sec->cx, sec->cy, sec->r0 + 0.5, &h0, &h1)) {
		stroke_segment(c, look, s, t0, fmin(t1, h0));
		stroke_segment(c, look, s, fmax(t0, h1), t1);
		return;
	}
	stroke_segment(c, look, s, t0, t1);
}

void chart_hatch_sector(struct chart_canvas *c, const struct chart_look *look, double cx_pt,
			double cy_pt, double r0_pt, double r1_pt, double a0_deg,
			double a1_deg)
{
	if (look->pattern <= 0)
		return;
	double lo = fmin(a0_deg, a1_deg), hi = fmax(a0_deg, a1_deg);
	if (hi - lo > 180) {
		double mid = (lo + hi) / 2;
		chart_hatch_sector(c, look, cx_pt, cy_pt, r0_pt, r1_pt, lo, mid);
		chart_hatch_sector(c, look, cx_pt, cy_pt, r0_pt, r1_pt, mid, hi);
		return;
	}
	struct sector sec = { cx_pt, cy_pt, r0_pt, r1_pt, lo, hi };
	each_stroke(c, look, cx_pt - r1_pt, cy_pt - r1_pt, cx_pt + r1_pt, cy_pt + r1_pt,
		    emit_in_sector, &sec);
}

void chart_swatch(struct chart_canvas *c, const struct chart_look *look, double x_pt,
		  double y_pt, double size_pt)
{
	struct dl_paint p = chart_paint(c->lo, look);
	if (!p.stroke && look->fill.r > 230 && look->fill.g > 230 && look->fill.b > 230) {
		/* A near-white swatch needs an edge to be seen at all. */
		p = dl_paint_fill_stroke(look->fill, look->ink, 0.5);
	}
	chart_rect(c, x_pt, y_pt, size_pt, size_pt, &p);
	chart_hatch_rect(c, look, x_pt, y_pt, size_pt, size_pt);
}

double chart_legend(struct chart_canvas *c, const struct chart_data *cd, double top_pt)
{
	struct layout *lo = c->lo;
	struct chart_font f = chart_font_of(lo, STYLE_CHART_LABEL, false);
	double sw = f.ascent_pt + f.descent_pt; /* the swatch is as tall as the text */
	double row_h = f.leading_pt > sw ? f.leading_pt : sw;
	double x = 0, y = top_pt;
	size_t look_i = 0;
	for (size_t s = 0; s < cd->n_series; s++) {
		if (cd->series_total[s] && (cd->type == CHART_STACKED_BAR ||
					    cd->type == CHART_STACKED_BAR_100))
			continue;
		struct chart_look look = cd->series_remainder && cd->series_remainder[s]
						 ? chart_remainder_look(lo) : chart_look_of(lo, look_i);
		look_i++;
		double room = c->width_pt - sw - 5;
		/* A breakdown drawn as one bar names each part with its figure. */
		const char *name = cd->series[s];
		if (cd->series_remainder && cd->present[s])
			name = arena_printf(lo->arena, "%s %s", name, layout_format(lo, cd->values[s]));
		struct chart_label l = chart_fit_label(lo, &f, name, room, 1);
		double w = sw + 5 + l.width_pt;
		if (x > 0 && x + w > c->width_pt) {
			x = 0;
			y += row_h + 4;
		}
		double text_top = y + (row_h - sw) / 2;
		chart_swatch(c, &look, x, text_top, sw);
		chart_draw_label(c, &f, &l, x + sw + 5, text_top, ALIGN_LEFT);
		x += w + 14;
	}
	return y + row_h - top_pt;
}

void chart_spread(double *centre_pt, const double *height_pt, size_t n, double gap_pt,
		  double lo_pt, double hi_pt)
{
	if (n == 0)
		return;
	/* Down from the top: each starts below the one before. */
	for (size_t i = 0; i < n; i++) {
		double min_top = i == 0 ? lo_pt : centre_pt[i - 1] + height_pt[i - 1] / 2 + gap_pt;
		if (centre_pt[i] - height_pt[i] / 2 < min_top)
			centre_pt[i] = min_top + height_pt[i] / 2;
	}
	/* Up from the bottom: each ends above the one after, and above hi. */
	for (size_t i = n; i-- > 0;) {
		double max_bottom = i + 1 == n ? hi_pt
					       : centre_pt[i + 1] - height_pt[i + 1] / 2 - gap_pt;
		if (centre_pt[i] + height_pt[i] / 2 > max_bottom)
			centre_pt[i] = max_bottom - height_pt[i] / 2;
	}
	/* Too many to fit: keep the top in and let the bottom run over
	 * (the caller makes the chart taller). */
	for (size_t i = 0; i < n; i++) {
		double min_top = i == 0 ? lo_pt : centre_pt[i - 1] + height_pt[i - 1] / 2 + gap_pt;
		if (centre_pt[i] - height_pt[i] / 2 < min_top)
			centre_pt[i] = min_top + height_pt[i] / 2;
	}
}
