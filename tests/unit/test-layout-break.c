/* test-layout-break.c - Knuth-Plass line breaking: chosen breaks, ratios,
 * ragged right, forced breaks, overlong boxes, and optimality against an
 * exhaustive search (TAP). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "layout-break.h"
#include "tap.h"


static bool near(double a, double b)
{
	return fabs(a - b) < 1e-6;
}

static struct arena *A;

/* A paragraph of words (widths in points, ref = word index) with spaces. */
static void words(struct break_items *l, const double *w, size_t n, double space_pt)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			layout_break_add_space(l, space_pt, i);
		layout_break_add_box(l, w[i], i);
	}
	layout_break_end(l, n);
}

/* Number of words on each line, from the boxes' refs (-1 for fragments of
 * the same word are not counted twice). */
static size_t words_per_line(const struct break_items *l, const struct break_result *r,
			     size_t *out)
{
	for (size_t k = 0; k < r->n_lines; k++) {
		size_t n = 0, last = (size_t)-1;
		for (size_t i = r->lines[k].start; i < r->lines[k].end; i++)
			if (l->items[i].type == BREAK_BOX && l->items[i].ref != last) {
				n++;
				last = l->items[i].ref;
			}
		out[k] = n;
	}
	return r->n_lines;
}

/* Width of a line as set: boxes, glue at the line's ratio, the hyphen. */
static double set_width(const struct break_items *l, const struct break_line *line)
{
	double x = 0;
	for (size_t i = line->start; i < line->end; i++) {
		const struct break_item *it = &l->items[i];
		if (it->type == BREAK_BOX)
			x += it->width_pt;
		else if (it->type == BREAK_GLUE)
			x += layout_break_glue_width(l, line, it);
	}
	return x + line->hyphen_pt;
}

/* ---- the exhaustive oracle ------------------------------------------------
 * Total demerits of breaking at the given item positions, computed from the
 * definitions (Knuth and Plass, with the module's fitness classes and its
 * handling of the start of a line), or HUGE_VAL when a line is infeasible. */

static int fitness(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static size_t line_start_after(const struct break_items *l, size_t pos)
{
	size_t s = pos;
	for (; s < l->n; s++) {
		const struct break_item *x = &l->items[s];
		if (x->type == BREAK_BOX)
			break;
		if (s > pos && x->type == BREAK_PENALTY && x->penalty <= -BREAK_INFINITY)
			break;
	}
	return s;
}

/* Demerits of one line from start to the break at pos (HUGE_VAL if not
 * feasible); *fit gets its fitness class. */
static double line_demerits(const struct break_items *l, size_t start, size_t pos, double width,
			    double tol, const struct break_options *o, int *fit)
{
	double nat = 0, st = 0, sh = 0, fil = 0;
	for (size_t i = start; i < pos; i++) {
		const struct break_item *x = &l->items[i];
		if (x->type == BREAK_PENALTY)
			continue;
		nat += x->width_pt;
		if (x->type == BREAK_GLUE) {
			st += x->fil ? 0 : x->stretch_pt;
			sh += x->shrink_pt;
			fil += x->fil;
		}
	}
	const struct break_item *b = &l->items[pos];
	double pen = 0;
	if (b->type == BREAK_PENALTY) {
		nat += b->width_pt;
		pen = b->penalty;
	}
	double r;
	if (nat < width - 1e-9)
		r = fil > 0 ? 0 : st > 1e-9 ? (width - nat) / st : HUGE_VAL;
	else if (nat > width + 1e-9)
		r = sh > 1e-9 ? (width - nat) / sh : -HUGE_VAL;
	else
		r = 0;
	if (r < -1 - 1e-9 || r > tol)
		return HUGE_VAL;
	double bad = 100 * fabs(r) * fabs(r) * fabs(r);
	double d = (o->line_penalty + bad) * (o->line_penalty + bad);
	if (pen > -BREAK_INFINITY)
		d += pen >= 0 ? pen * pen : -pen * pen;
	*fit = fitness(r);
	return d;
}

static bool legal(const struct break_items *l, size_t i)
{
	const struct break_item *x = &l->items[i];
	if (x->type == BREAK_GLUE)
		return i > 0 && l->items[i - 1].type == BREAK_BOX;
	return x->type == BREAK_PENALTY && x->penalty < BREAK_INFINITY;
}

struct oracle {
	const struct break_items *l;
	const double *widths;
	size_t n_widths;
	double tol;
	struct break_options o;
	double best;
};

static void search(struct oracle *q, size_t start, size_t line, int prev_fit, bool prev_flag,
		   double so_far)
{
	const struct break_items *l = q->l;
	double width = q->widths[line < q->n_widths ? line : q->n_widths - 1];
	for (size_t pos = start; pos < l->n; pos++) {
		if (!legal(l, pos))
			continue;
		int fit;
		double d = line_demerits(l, start, pos, width, q->tol, &q->o, &fit);
		bool forced = l->items[pos].type == BREAK_PENALTY &&
			      l->items[pos].penalty <= -BREAK_INFINITY;
		if (d < HUGE_VAL) {
			bool flag = l->items[pos].type == BREAK_PENALTY && l->items[pos].flagged;
			if (flag && prev_flag)
				d += q->o.flagged_demerits;
			if (abs(fit - prev_fit) > 1)
				d += q->o.fitness_demerits;
			if (pos == l->n - 1) {
				if (so_far + d < q->best)
					q->best = so_far + d;
			} else {
				search(q, line_start_after(l, pos), line + 1, fit, flag, so_far + d);
			}
		}
		if (forced)
			return; /* no line may run past a forced break */
	}
}

/* The demerits of the module's answer, recomputed by the oracle's rules. */
static double result_demerits(struct oracle *q, const struct break_result *r)
{
	double total = 0;
	int prev_fit = 1;
	bool prev_flag = false;
	for (size_t k = 0; k < r->n_lines; k++) {
		const struct break_line *ln = &r->lines[k];
		int fit;
		double d = line_demerits(q->l, ln->start, ln->end,
					 q->widths[k < q->n_widths ? k : q->n_widths - 1], q->tol,
					 &q->o, &fit);
		if (d == HUGE_VAL)
			return HUGE_VAL;
		bool flag = q->l->items[ln->end].type == BREAK_PENALTY && q->l->items[ln->end].flagged;
		if (flag && prev_flag)
			d += q->o.flagged_demerits;
		if (abs(fit - prev_fit) > 1)
			d += q->o.fitness_demerits;
		total += d;
		prev_fit = fit;
		prev_flag = flag;
	}
	return total;
}

static unsigned long long rng = 88172645463325252ull;

static double uniform(double lo, double hi)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return lo + (hi - lo) * (double)(rng >> 11) / 9007199254740992.0;
}

/* ---- tests ---------------------------------------------------------------- */

static void test_known_paragraph(void)
{
	/* Space 10 (stretch 5, shrink 10/3), measure 100. First fit would set
	 * 15 25 25 | 10 20 20 10 | 15 25 with the first line at ratio 1.5;
	 * total fit shrinks the first line a little instead:
	 * 15 25 25 10 (ratio -0.5) | 20 20 10 15 (ratio 1/3) | 25. */
	static const double w[] = { 15, 25, 25, 10, 20, 20, 10, 15, 25 };
	struct break_items l;
	layout_break_items_init(&l, BREAK_JUSTIFIED, 10);
	words(&l, w, 9, 10);
	double width = 100;
	struct break_result r;
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	size_t per[8];
	words_per_line(&l, &r, per);
	ok(r.n_lines == 3 && per[0] == 4 && per[1] == 4 && per[2] == 1,
	   "total fit breaks 4 + 4 + 1, not first fit's 3 + 4 + 2");
	ok(r.n_lines == 3 && near(r.lines[0].ratio, -0.5) && near(r.lines[1].ratio, 1.0 / 3) &&
	   r.lines[2].ratio == 0, "ratios -0.5, 1/3 and 0 for the last line");
	ok(r.pass == 1, "found on the first pass");
	ok(r.n_lines == 3 && near(set_width(&l, &r.lines[0]), 100) &&
	   near(set_width(&l, &r.lines[1]), 100) && near(set_width(&l, &r.lines[2]), 25),
	   "set at their ratios, full lines measure 100 and the last its natural 25");
	ok(r.n_lines == 3 && l.items[r.lines[1].start].ref == 4 && l.items[r.lines[2].start].ref == 8,
	   "each line starts at its first word, the break's space dropped");
	layout_break_items_free(&l);
}

/* Words of 8 to 40 pt: at 10 pt, "a" to "safeguarding". */
static void random_words(double *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		w[i] = uniform(8, 40);
}

static void test_justified(void)
{
	enum { N = 400 };
	double w[N];
	random_words(w, N);
	struct break_items l;
	layout_break_items_init(&l, BREAK_JUSTIFIED, 10);
	words(&l, w, N, 3);
	double width = 360;
	struct break_result r;
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	struct break_options o = layout_break_default_options();
	bool in_range = true, full = true;
	for (size_t k = 0; k + 1 < r.n_lines; k++) {
		double q = r.lines[k].ratio;
		if (q < -1 || q > o.tolerance)
			in_range = false;
		if (!near(set_width(&l, &r.lines[k]), width))
			full = false;
	}
	ok(r.pass == 1 && r.n_lines > 20, "400 words justified in one pass (%zu lines)", r.n_lines);
	ok(in_range, "every ratio lies in [-1, tolerance]");
	ok(full, "every line but the last, set at its ratio, is exactly the measure");
	ok(r.lines[r.n_lines - 1].ratio == 0 &&
	   near(set_width(&l, &r.lines[r.n_lines - 1]), r.lines[r.n_lines - 1].natural_pt),
	   "the last line keeps natural spacing");
	size_t total = 0, per[N];
	words_per_line(&l, &r, per);
	for (size_t k = 0; k < r.n_lines; k++)
		total += per[k];
	ok(total == N, "every word is on exactly one line");
	layout_break_items_free(&l);
}

static void test_ragged(void)
{
	enum { N = 400 };
	double w[N];
	random_words(w, N);
	struct break_items l;
	layout_break_items_init(&l, BREAK_RAGGED, 10);
	words(&l, w, N, 3);
	double width = 250;
	struct break_result r;
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	bool fits = true, natural = true;
	double shortest = width;
	for (size_t k = 0; k < r.n_lines; k++) {
		const struct break_line *ln = &r.lines[k];
		if (ln->natural_pt > width + 1e-9 || ln->overfull)
			fits = false;
		if (!near(set_width(&l, ln), ln->natural_pt))
			natural = false;
		if (k + 1 < r.n_lines && ln->natural_pt < shortest)
			shortest = ln->natural_pt;
	}
	ok(fits, "no ragged line is wider than the measure");
	ok(natural, "ragged lines are set at natural width (spaces unstretched)");
	ok(r.pass == 1 && width - shortest <= 30 * 1.5 + 1e-9,
	   "within tolerance: no line but the last is more than 1.5 x 3 em short (worst %.1f)",
	   width - shortest);

	/* Total fit evens the lines out: compare with first fit. */
	double sq_opt = 0, sq_greedy = 0, x = -1;
	size_t lines_greedy = 0;
	for (size_t k = 0; k + 1 < r.n_lines; k++)
		sq_opt += (width - r.lines[k].natural_pt) * (width - r.lines[k].natural_pt);
	for (size_t i = 0; i < N; i++) {
		if (x >= 0 && x + 3 + w[i] <= width) {
			x += 3 + w[i];
			continue;
		}
		if (x >= 0) {
			sq_greedy += (width - x) * (width - x);
			lines_greedy++;
		}
		x = w[i];
	}
	ok(sq_opt < sq_greedy, "raggedness (sum of squared shortfalls) %.0f beats first fit's %.0f",
	   sq_opt, sq_greedy);

	/* A hyphenated break shows the hyphen and still fits. */
	layout_break_items_clear(&l);
	layout_break_add_box(&l, 60, 0);
	layout_break_add_space(&l, 3, 1);
	layout_break_add_box(&l, 50, 1);
	layout_break_add_word_break(&l, 4, BREAK_HYPHEN_PENALTY, true, 1);
	layout_break_add_box(&l, 50, 1);
	layout_break_end(&l, 2);
	width = 120;
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	ok(r.n_lines == 2 && r.lines[0].hyphen_pt == 4 && near(r.lines[0].natural_pt, 117) &&
	   near(set_width(&l, &r.lines[0]), 117),
	   "a word broken at its hyphen point: 60 + 3 + 50 + hyphen 4 = 117 on line 1");
	layout_break_items_free(&l);
}

static void test_forced(void)
{
	struct break_items l;
	layout_break_items_init(&l, BREAK_JUSTIFIED, 10);
	layout_break_add_box(&l, 20, 0);
	layout_break_add_space(&l, 5, 0);
	layout_break_add_box(&l, 20, 1);
	layout_break_add_space(&l, 5, 1); /* removed by the forced break */
	layout_break_add_forced_break(&l, 2);
	layout_break_add_box(&l, 20, 3);
	layout_break_add_forced_break(&l, 4);
	layout_break_add_forced_break(&l, 5);
	layout_break_add_box(&l, 20, 6);
	layout_break_add_forced_break(&l, 7); /* trailing: dropped by the end */
	layout_break_add_space(&l, 5, 7);
	layout_break_end(&l, 8);
	double width = 200;
	struct break_result r;
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	size_t per[8] = { 0 };
	words_per_line(&l, &r, per);
	ok(r.n_lines == 4, "forced breaks give 4 lines though all would fit on one (got %zu)",
	   r.n_lines);
	ok(r.n_lines == 4 && per[0] == 3 && per[1] == 2 && per[2] == 1 && per[3] == 1,
	   "lines: two words, one word, an empty line, one word");
	ok(r.n_lines == 4 && near(r.lines[0].natural_pt, 45) && r.lines[0].ratio == 0,
	   "a line ended by a forced break is not stretched, its trailing space gone");
	ok(r.n_lines == 4 && r.lines[2].natural_pt == 0, "two forced breaks in a row leave an empty line");
	ok(r.pass == 1, "on the first pass");
	layout_break_items_free(&l);
}

static void test_overlong_box(void)
{
	for (int mode = 0; mode < 2; mode++) {
		struct break_items l;
		layout_break_items_init(&l, mode ? BREAK_RAGGED : BREAK_JUSTIFIED, 10);
		static const double w[] = { 30, 30, 30, 500, 30, 30, 30, 30 };
		words(&l, w, 8, 5);
		double width = 100;
		struct break_result r;
		layout_break_lines(&l, &width, 1, NULL, A, &r);
		size_t per[8] = { 0 };
		words_per_line(&l, &r, per);
		bool alone = false, others_fit = true;
		for (size_t k = 0; k < r.n_lines; k++) {
			const struct break_line *ln = &r.lines[k];
			bool has_big = false;
			for (size_t i = ln->start; i < ln->end; i++)
				has_big |= l.items[i].type == BREAK_BOX && l.items[i].width_pt == 500;
			if (has_big)
				alone = per[k] == 1 && ln->overfull && ln->ratio == -1;
			else if (ln->overfull || ln->natural_pt > width)
				others_fit = false;
		}
		const char *m = mode ? "ragged" : "justified";
		ok(alone, "%s: a box wider than the line gets a line of its own, marked overfull", m);
		ok(others_fit && r.n_lines >= 4, "%s: the words before and after still fit (%zu lines)",
		   m, r.n_lines);
		ok(r.pass == 3, "%s: found on the last pass", m);
		layout_break_items_free(&l);
	}
}

static void test_widths_vary(void)
{
	enum { N = 120 };
	double w[N];
	random_words(w, N);
	double widths[] = { 150, 200, 200, 260 }; /* narrow first lines, then full */
	for (int mode = 0; mode < 2; mode++) {
		struct break_items l;
		layout_break_items_init(&l, mode ? BREAK_RAGGED : BREAK_JUSTIFIED, 10);
		words(&l, w, N, 3);
		struct break_result r;
		layout_break_lines(&l, widths, 4, NULL, A, &r);
		bool right = true;
		for (size_t k = 0; k < r.n_lines; k++) {
			const struct break_line *ln = &r.lines[k];
			double want = widths[k < 4 ? k : 3];
			if (ln->width_pt != want || ln->overfull ||
			    (mode && ln->natural_pt > want + 1e-9) ||
			    (!mode && k + 1 < r.n_lines && !near(set_width(&l, ln), want)))
				right = false;
		}
		ok(right && r.n_lines > 5, "%s: each line set to its own width (150, 200, 200, then 260)",
		   mode ? "ragged" : "justified");
		layout_break_items_free(&l);
	}
}

static void test_small_cases(void)
{
	struct break_items l;
	layout_break_items_init(&l, BREAK_JUSTIFIED, 10);
	struct break_result r;
	double width = 100;

	layout_break_lines(&l, &width, 1, NULL, A, &r);
	ok(r.n_lines == 0, "no items: no lines");
	layout_break_end(&l, 0);
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	ok(r.n_lines == 0, "an empty paragraph: no lines");
	layout_break_items_clear(&l);
	layout_break_add_space(&l, 3, 0);
	layout_break_add_forced_break(&l, 0);
	layout_break_end(&l, 0);
	ok(l.n == 3, "spaces and forced breaks at the end are removed (3 items left, got %zu)", l.n);

	layout_break_items_clear(&l);
	static const double w[] = { 20, 30, 25 };
	words(&l, w, 3, 5);
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	ok(r.n_lines == 1 && r.lines[0].ratio == 0 && near(r.lines[0].natural_pt, 85) &&
	   r.lines[0].start == 0 && r.lines[0].end == l.n - 1,
	   "a paragraph that fits is one line at natural width");

	layout_break_items_clear(&l);
	layout_break_add_box(&l, 100, 0);
	layout_break_end(&l, 1);
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	ok(r.n_lines == 1 && !r.lines[0].overfull && r.pass == 1, "a box exactly the measure fits");
	layout_break_items_free(&l);
}

static void test_word_points(void)
{
	struct break_point p[64];
	const char *url = "https://example.org/a_b";
	size_t n = layout_break_word_points(url, strlen(url), false, p);
	ok(n == 4 && p[0].offset == 8 && p[1].offset == 15 && p[2].offset == 20 &&
	   p[3].offset == 22 && !p[0].hyphen && p[0].penalty == BREAK_PUNCT_PENALTY,
	   "a URL breaks after the //, before the dot, after the slash and the underscore, "
	   "without hyphens");
	const char *www = "www.seftonscp.org.uk";
	n = layout_break_word_points(www, strlen(www), false, p);
	ok(n == 2 && p[0].offset == 3 && p[1].offset == 13,
	   "www.seftonscp.org.uk breaks only before its dots, not before \".uk\" (%zu)", n);
	const char *domain = "(seftonscp.org.uk).";
	n = layout_break_word_points(domain, strlen(domain), false, p);
	ok(n == 1 && p[0].offset == 10, "(seftonscp.org.uk). breaks only before \".org.uk\" (%zu)", n);

	const char *s = "well-known";
	n = layout_break_word_points(s, strlen(s), false, p);
	ok(n == 1 && p[0].offset == 5 && !p[0].hyphen && p[0].flagged &&
	   p[0].penalty == BREAK_HYPHEN_PENALTY, "well-known breaks after its hyphen (flagged)");

	s = "£4.2m";
	ok(layout_break_word_points(s, strlen(s), false, p) == 0, "no break at a decimal point");
	s = "-5";
	ok(layout_break_word_points(s, strlen(s), false, p) == 0, "no break after a leading minus");
	s = "2023–24";
	n = layout_break_word_points(s, strlen(s), false, p);
	ok(n == 1 && p[0].offset == 7, "after an en dash (byte offset 7, past its 3 bytes)");

	s = "Zürich";
	n = layout_break_word_points(s, strlen(s), true, p);
	ok(n == 3 && p[0].offset == 3 && p[1].offset == 4 && p[2].offset == 5 && p[0].hyphen &&
	   p[0].penalty == BREAK_LETTER_PENALTY,
	   "letters: Zü-rich, Zür-ich, Züri-ch with hyphens, two letters kept either side");
	s = "1234567";
	n = layout_break_word_points(s, strlen(s), true, p);
	ok(n == 4 && !p[0].hyphen, "long numbers may split, but never with a hyphen");
	s = "O’Brien";
	n = layout_break_word_points(s, strlen(s), true, p);
	ok(n == 2 && p[0].offset == 6 && p[1].offset == 7,
	   "O’Brien: only Br-ien and Bri-en, two letters of the run kept either side");
	s = "ab1cd";
	n = layout_break_word_points(s, strlen(s), true, p);
	ok(n == 2 && !p[0].hyphen && !p[1].hyphen, "no hyphen next to a digit");
	s = "www.example.org/safeguarding";
	n = layout_break_word_points(s, strlen(s), true, p);
	bool none = n > 10;
	for (size_t i = 0; i < n; i++)
		none &= !p[i].hyphen;
	ok(none, "an address splits between letters without hyphens (%zu points)", n);
	ok(layout_break_word_points("", 0, true, p) == 0, "an empty word has no points");

	/* Soft hyphens (U+00AD, two bytes) are the writer's own break points. */
	s = "safe\xC2\xADguard\xC2\xADing";
	n = layout_break_word_points(s, strlen(s), false, p);
	ok(n == 2 && p[0].offset == 6 && p[1].offset == 13 && p[0].hyphen && p[0].flagged &&
	   p[0].penalty == BREAK_HYPHEN_PENALTY && p[1].hyphen,
	   "a soft hyphen is a break point with a hyphen, after its two bytes, even in a short word");
	s = "\xC2\xADword";
	ok(layout_break_word_points(s, strlen(s), false, p) == 0,
	   "no break after a soft hyphen that starts the word");
}

/* A long word split at its letter points fits lines narrower than it. */
static void test_long_word(void)
{
	struct break_items l;
	layout_break_items_init(&l, BREAK_JUSTIFIED, 10);
	const char *word = "Supercalifragilisticexpialidocious";
	size_t len = strlen(word);
	struct break_point p[64];
	size_t n = layout_break_word_points(word, len, true, p);
	layout_break_add_box(&l, 30, 0);
	layout_break_add_space(&l, 3, 0);
	size_t from = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t to = i < n ? p[i].offset : len;
		layout_break_add_box(&l, 6.0 * (double)(to - from), 1); /* 6 pt a letter */
		if (i < n)
			layout_break_add_word_break(&l, p[i].hyphen ? 4 : 0, p[i].penalty, p[i].flagged, 1);
		from = to;
	}
	layout_break_end(&l, 2);
	double width = 90; /* the word is 204 pt */
	struct break_result r;
	layout_break_lines(&l, &width, 1, NULL, A, &r);
	bool fits = true;
	for (size_t k = 0; k < r.n_lines; k++)
		fits &= !r.lines[k].overfull && set_width(&l, &r.lines[k]) <= width + 1e-9;
	ok(fits && r.n_lines >= 3, "a 204 pt word is split over %zu lines of 90 pt, none overfull",
	   r.n_lines);
	/* Lines made of one fragment cannot stretch; the fuller the better. */
	ok(r.n_lines == 3 && r.lines[1].natural_pt >= 84, "the middle line is filled (%.0f of 90 pt)",
	   r.n_lines == 3 ? r.lines[1].natural_pt : 0);
	ok(r.n_lines >= 2 && r.lines[0].hyphen_pt == 4, "the split lines end with a hyphen");
	layout_break_items_free(&l);
}

static void test_optimal(void)
{
	int compared = 0, agree = 0, pass_ok = 0;
	for (int t = 0; t < 300; t++) {
		struct break_items l;
		bool ragged = t % 2;
		layout_break_items_init(&l, ragged ? BREAK_RAGGED : BREAK_JUSTIFIED, 8);
		size_t n = 4 + (size_t)uniform(0, 4);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				layout_break_add_space(&l, uniform(2, 5), i);
			layout_break_add_box(&l, uniform(5, 40), i);
			if (uniform(0, 1) < 0.3) {
				layout_break_add_word_break(&l, 3, BREAK_HYPHEN_PENALTY, true, i);
				layout_break_add_box(&l, uniform(5, 25), i);
			}
		}
		if (uniform(0, 1) < 0.15)
			layout_break_add_forced_break(&l, n);
		layout_break_add_box(&l, uniform(5, 20), n);
		layout_break_end(&l, n + 1);
		double widths[2] = { uniform(40, 80), uniform(50, 100) };
		size_t n_widths = t % 3 ? 1 : 2;

		struct break_options o = layout_break_default_options();
		struct oracle q = { &l, widths, n_widths, o.tolerance, o, HUGE_VAL };
		search(&q, 0, 0, 1, false, 0);
		struct break_result r;
		layout_break_lines(&l, widths, n_widths, &o, A, &r);
		if (q.best == HUGE_VAL) {
			pass_ok += r.pass > 1;
		} else {
			compared++;
			pass_ok += r.pass == 1;
			double got = result_demerits(&q, &r);
			if (fabs(got - q.best) <= 1e-6 * (1 + q.best))
				agree++;
			else
				printf("# case %d: module %.6f, oracle %.6f\n", t, got, q.best);
		}
		layout_break_items_free(&l);
	}
	ok(compared > 100 && agree == compared,
	   "on %d random small paragraphs the breaks have the least demerits an exhaustive search finds",
	   compared);
	ok(pass_ok == 300, "the first pass succeeds exactly when a solution within tolerance exists");
}

static void test_huge(void)
{
	enum { N = 100000 };
	double *w = malloc(N * sizeof *w);
	random_words(w, N);
	w[N / 2] = 900; /* one overlong word forces all three passes */
	for (int mode = 0; mode < 2; mode++) {
		struct break_items l;
		layout_break_items_init(&l, mode ? BREAK_RAGGED : BREAK_JUSTIFIED, 10);
		words(&l, w, N, 3);
		double width = 300;
		struct break_result r;
		clock_t t0 = clock();
		layout_break_lines(&l, &width, 1, NULL, A, &r);
		double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		size_t per_total = 0;
		for (size_t k = 0; k < r.n_lines; k++)
			for (size_t i = r.lines[k].start; i < r.lines[k].end; i++)
				per_total += l.items[i].type == BREAK_BOX;
		ok(per_total == N && secs < 60,
		   "%s: a 100,000-word paragraph breaks into %zu lines in %.2f s (%d passes)",
		   mode ? "ragged" : "justified", r.n_lines, secs, r.pass);
		layout_break_items_free(&l);
	}
	free(w);
}

int main(void)
{
	A = arena_new();
	test_known_paragraph();
	test_justified();
	test_ragged();
	test_forced();
	test_overlong_box();
	test_widths_vary();
	test_small_cases();
	test_word_points();
	test_long_word();
	test_optimal();
	test_huge();
	arena_free(A);
	return tap_done();
}
