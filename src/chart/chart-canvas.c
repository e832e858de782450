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

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Where a line may break after position i of s (n bytes): before a space,
 * or after a slash or hyphen that a letter follows; never inside a range
 * of numbers ("2023-24", "14-15"). */
static bool break_at(const char *s, size_t n, size_t i)
{
	if (i >= n)
		return true;
	if (s[i - 1] == '-' && is_digit(s[i]) && i >= 2 && is_digit(s[i - 2]))
		return false;
	return s[i] == ' ' || ((s[i - 1] == '/' || s[i - 1] == '-') && s[i] != ' ');
}

/* The position after the break at i: a space is dropped. */
static size_t skip_space(const char *s, size_t n, size_t i)
{
	return i < n && s[i] == ' ' ? i + 1 : i;
}

struct chart_label chart_fit_label(struct layout *lo, const struct chart_font *f,
				   const char *text, double max_width_pt)
{
	struct chart_label l = { 0 };
	const char *s = layout_collapse(lo, text);
	size_t n = strlen(s);
	const char **lines = NULL;
	size_t cap = 0;
	size_t pos = 0;
	while (pos < n) {
		const char *rest = s + pos;
		size_t len = n - pos;
		lines = arena_grow(lo->arena, lines, &cap, l.n_lines, sizeof *lines);
		if (width_n(lo, f, rest, len) <= max_width_pt) {
			lines[l.n_lines++] = arena_strndup(lo->arena, rest, len);
			break;
		}
		/* The longest start ending at a break that fits. */
		size_t best = 0;
		for (size_t i = 1; i < len; i++) {
			if (!break_at(rest, len, i))
				continue;
			if (width_n(lo, f, rest, i) > max_width_pt)
				break;
			best = i;
		}
		if (best == 0) {
			/* A word longer than the line: after a hyphen or slash it
			 * holds ("2023-" "24") if any, else where it must, with a
			 * hyphen. */
			size_t at = 0;
			for (size_t i = 1; i < len && rest[i] != ' '; i++)
				if ((rest[i - 1] == '-' || rest[i - 1] == '/') &&
				    width_n(lo, f, rest, i) <= max_width_pt)
					at = i;
			if (at > 0) {
				lines[l.n_lines++] = arena_strndup(lo->arena, rest, at);
				pos += at;
				continue;
			}
			double hy = chart_text_width(lo, f, "-");
			size_t i = 0;
			while (i < len && rest[i] != ' ') {
				size_t k = char_len(rest + i);
				if (i > 0 && width_n(lo, f, rest, i + k) + hy > max_width_pt)
					break;
				i += k;
			}
			lines[l.n_lines++] = arena_printf(lo->arena, "%.*s-", (int)i, rest);
			l.hyphenated = true;
			pos += i;
			continue;
		}
		lines[l.n_lines++] = arena_strndup(lo->arena, rest, best);
		pos += skip_space(rest, len, best);
	}
	/* Two lines read best evened out: the break that makes the longer of
	 * the two shortest. */
	if (l.n_lines == 2 && !l.hyphenated) {
		size_t even = 0, even_next = 0;
		double even_w = 0;
		for (size_t i = 1; i < n; i++) {
			if (!break_at(s, n, i))
				continue;
			size_t next = skip_space(s, n, i);
			double w = fmax(width_n(lo, f, s, i), width_n(lo, f, s + next, n - next));
			if (w <= max_width_pt && (even == 0 || w < even_w)) {
				even = i;
				even_next = next;
				even_w = w;
			}
		}
		if (even > 0) {
			lines[0] = arena_strndup(lo->arena, s, even);
			lines[1] = arena_strndup(lo->arena, s + even_next, n - even_next);
		}
	}
	l.lines = lines;
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

void chart_canvas_place(struct chart_canvas *dst, const struct chart_canvas *src, double x_pt,
			double y_pt)
{
	for (size_t i = 0; i < src->n_ops; i++) {
		struct chart_op *op = push_op(dst, src->ops[i].kind);
		*op = src->ops[i];
		op->x0 += x_pt;
		op->x1 += x_pt;
		op->y0 += y_pt;
		op->y1 += y_pt;
		if (op->kind == COP_PATH) {
			struct chart_seg *segs = arena_array(dst->lo->arena, op->n_segs, sizeof *segs);
			for (size_t k = 0; k < op->n_segs; k++) {
				segs[k] = op->segs[k];
				segs[k].x += x_pt;
				segs[k].y += y_pt;
			}
			op->segs = segs;
		}
	}
	for (size_t i = 0; i < src->n_labels; i++)
		claim(dst, (struct chart_box){ src->labels[i].x0 + x_pt, src->labels[i].y0 + y_pt,
					       src->labels[i].x1 + x_pt, src->labels[i].y1 + y_pt });
	if (y_pt + src->height_pt > dst->height_pt)
		dst->height_pt = y_pt + src->height_pt;
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
			dl_add_text(dl, x_pt + op->x0, top_pt - op->y0, layout_face(lo, op->face),
				    op->size_pt, op->color, 0, text);
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

/* Money scaled down: "£" (a minus sign first when negative), amount /
 * unit_pence with at most `decimals` decimals, dropping trailing zeros,
 * then the suffix ("k", "m"). Integers only: no locale decides the point. */
static const char *money_scaled(struct layout *lo, int64_t pence, uint64_t unit_pence,
				int decimals, const char *suffix)
{
	const char *sign = pence < 0 ? "\xE2\x88\x92\xC2\xA3" : "\xC2\xA3";
	uint64_t a = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	uint64_t scale = decimals >= 2 ? 100 : decimals == 1 ? 10 : 1;
	/* In units of 1/scale of the unit, rounded half up. */
	uint64_t n = (a * scale + unit_pence / 2) / unit_pence;
	uint64_t whole = n / scale, frac = n % scale;
	if (n == 0)
		return "\xC2\xA3" "0";
	if (frac == 0)
		return arena_printf(lo->arena, "%s%llu%s", sign, (unsigned long long)whole, suffix);
	if (scale == 100 && frac % 10 == 0)
		return arena_printf(lo->arena, "%s%llu.%llu%s", sign, (unsigned long long)whole,
				    (unsigned long long)(frac / 10), suffix);
	return arena_printf(lo->arena, "%s%llu.%0*llu%s", sign, (unsigned long long)whole,
			    scale == 100 ? 2 : 1, (unsigned long long)frac, suffix);
}

#define PENCE_K 100000ULL          /* £1,000 */
#define PENCE_M 100000000ULL       /* £1,000,000 */

const char *chart_format(struct layout *lo, struct figure v)
{
	if (v.unit != UNIT_MONEY)
		return layout_format(lo, v);
	uint64_t a = v.hundredths < 0 ? (uint64_t)0 - (uint64_t)v.hundredths
				      : (uint64_t)v.hundredths;
	/* Below £10k and £10m one decimal ("£9.5k", "£1.2m"), above them
	 * none ("£98k", "£12m"); what rounds up to £1,000k is "£1m". */
	if (a + PENCE_K / 2 >= 1000 * PENCE_K)
		return money_scaled(lo, v.hundredths, PENCE_M, a < 10 * PENCE_M - PENCE_M / 20 ? 1 : 0,
				    "m");
	if (a + 50 >= PENCE_K)
		return money_scaled(lo, v.hundredths, PENCE_K, a < 10 * PENCE_K - PENCE_K / 20 ? 1 : 0,
				    "k");
	return money_scaled(lo, v.hundredths, 100, 0, "");
}

const char *chart_tick_label(struct layout *lo, const struct chart_axis *ax, size_t i)
{
	double v = ax->step * (double)i;
	struct figure fig = { ax->unit, (int64_t)llround(v * 100), ax->decimals };
	if (ax->unit != UNIT_MONEY)
		return layout_format(lo, fig);
	/* Every tick in the unit of the top one: £0, £50k … £250k. */
	uint64_t top = (uint64_t)llround(ax->top * 100);
	if (top >= PENCE_M)
		return money_scaled(lo, fig.hundredths, PENCE_M, 2, "m");
	if (top >= PENCE_K)
		return money_scaled(lo, fig.hundredths, PENCE_K, 2, "k");
	return money_scaled(lo, fig.hundredths, 100, 0, "");
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

struct dl_rgb chart_ink_on_white(const struct layout *lo, struct dl_rgb fill)
{
	(void)lo;
	struct rgb white = { 1, 1, 1 };
	struct dl_rgb c = fill;
	/* Darker by a tenth at a time until it reads as text (4.5:1). */
	for (int i = 0; i < 10 && style_contrast_ratio(rgb_of(c), white) < 4.5; i++)
		c = (struct dl_rgb){ (uint8_t)(c.r * 9 / 10), (uint8_t)(c.g * 9 / 10),
				     (uint8_t)(c.b * 9 / 10) };
	return c;
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
	double line_h = f.leading_pt > sw ? f.leading_pt : sw;
	size_t n = cd->n_series;
	struct chart_label *labels = arena_array(lo->arena, n ? n : 1, sizeof *labels);
	struct chart_look *looks = arena_array(lo->arena, n ? n : 1, sizeof *looks);
	bool *shown = arena_array(lo->arena, n ? n : 1, sizeof *shown);
	size_t look_i = 0;
	for (size_t s = 0; s < n; s++) {
		if (cd->series_total[s] && (cd->type == CHART_STACKED_BAR ||
					    cd->type == CHART_STACKED_BAR_100))
			continue;
		shown[s] = true;
		looks[s] = cd->series_remainder && cd->series_remainder[s]
				   ? chart_remainder_look(lo)
				   : chart_look_of(lo, look_i + cd->look_offset);
		look_i++;
		/* A breakdown drawn as one bar names each part with its figure.
		 * A name wider than the chart takes more lines. */
		const char *name = cd->series[s];
		if (cd->series_remainder && cd->present[s])
			name = arena_printf(lo->arena, "%s %s", name, chart_format(lo, cd->values[s]));
		labels[s] = chart_fit_label(lo, &f, name, c->width_pt - sw - 5);
	}
	/* Entries left to right in rows, each row as tall as its tallest. */
	double x = 0, y = top_pt, row_h = line_h;
	size_t row_start = 0;
	for (size_t s = 0; s <= n; s++) {
		double w = s < n && shown[s] ? sw + 5 + labels[s].width_pt : 0;
		bool wrap = s == n || (x > 0 && x + w > c->width_pt);
		if (wrap) {
			double ex = 0;
			for (size_t t = row_start; t < s; t++) {
				if (!shown[t])
					continue;
				double text_top = y + (line_h - sw) / 2;
				chart_swatch(c, &looks[t], ex, text_top, sw);
				chart_draw_label(c, &f, &labels[t], ex + sw + 5, text_top, ALIGN_LEFT);
				ex += sw + 5 + labels[t].width_pt + 14;
			}
			if (s == n)
				break;
			y += row_h + 4;
			x = 0;
			row_h = line_h;
			row_start = s;
		}
		if (s < n && shown[s]) {
			row_h = fmax(row_h, chart_label_height(&f, &labels[s]) + (line_h - sw));
			x += w + 14;
		}
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
