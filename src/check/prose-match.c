/* prose-match.c - the relations a sentence states between its figures
 * (changes, comparisons, multiples, shares, averages, sums), each checked
 * at the precision written (prose.h, rule 12). */
#include "prose.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* One sentence of the text: tokens [s, e) of toks. */
struct sentence {
	const char *text;
	const struct prose_token *t;
	size_t s, e;
	void (*report)(void *ctx, const struct prose_finding *f);
	void *ctx;
	size_t found;
	/* Tokens already checked as the stated figure of a relation, so that
	 * two patterns never report one figure twice. */
	bool *used;
};

static bool is_word(const struct prose_token *t, const char *w)
{
	return t->kind == PT_WORD && t->word[0] == w[0] && strcmp(t->word, w) == 0;
}

static bool word_in(const struct prose_token *t, const char *const *list)
{
	if (t->kind != PT_WORD)
		return false;
	for (; *list; list++)
		if (t->word[0] == (*list)[0] && strcmp(t->word, *list) == 0)
			return true;
	return false;
}

static bool is_punct(const struct prose_token *t, char c)
{
	return t->kind == PT_PUNCT && t->word[0] == c;
}

/* A figure that can take part in arithmetic as a quantity: typed or
 * bound, a plain number or money (not a percent), exact enough. */
static bool is_quantity(const struct prose_token *t)
{
	return prose_is_figure(t) && t->unit != PU_PERCENT && !t->fraction;
}

static bool is_percent(const struct prose_token *t)
{
	return prose_is_figure(t) && t->unit == PU_PERCENT && !t->fraction;
}

/* The text of a token as written, in buf. */
static const char *written(const struct sentence *sn, const struct prose_token *t, char *buf,
			   size_t size)
{
	size_t len = t->end - t->start;
	if (len >= size)
		len = size - 1;
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		char c = sn->text[t->start + i];
		if (c == '\n' || c == '\t' || c == '\r')
			c = ' ';
		if (c == ' ' && k && buf[k - 1] == ' ')
			continue;
		if (c != PROSE_BOUND_OPEN && c != PROSE_BOUND_CLOSE)
			buf[k++] = c;
	}
	buf[k] = '\0';
	return buf;
}

static void finding(struct sentence *sn, const struct prose_token *at, const char *stated,
		    const char *fmt, ...) RC_PRINTF(4, 5);

static void finding(struct sentence *sn, const struct prose_token *at, const char *stated,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	struct prose_finding f = { at->start, stated, msg };
	sn->report(sn->ctx, &f);
	sn->found++;
	free(msg);
}

/* The precision a figure was written to: the unit of its last digit, and 1
 * for numbers in words. */
static double step_of(const struct prose_token *t)
{
	return t->step > 0 ? t->step : 1;
}

/* Is v what the written figure t says, at its precision (rounded or
 * truncated), allowing for its hedge? */
static bool consistent(double v, const struct prose_token *t)
{
	double p = t->value, s = step_of(t);
	double eps = 1e-9 * (fabs(p) > 1 ? fabs(p) : 1);
	switch (t->hedge) {
	case PH_NONE:
		return v >= p - s / 2 - eps && v < p + s - eps;
	case PH_ABOUT: {
		double loose = 0.1 * p > s ? 0.1 * p : s;
		return fabs(v - p) <= loose + s / 2 + eps;
	}
	case PH_NEAR_BELOW:
		return v <= p + s / 2 + eps && v >= 0.85 * p - s - eps;
	case PH_AT_MOST:
		return v <= p + s / 2 + eps;
	case PH_AT_LEAST:
		return v >= p - s / 2 - eps;
	}
	return true;
}

/* Decimals to show a computed value with: one more than the figure it is
 * compared with, at least one (a rounding slip shows). */
static int show_decimals(const struct prose_token *t)
{
	int d = 0;
	for (double s = step_of(t); s < 0.999 && d < 6; s *= 10)
		d++;
	return d + 1;
}

/* The nearest figure before index i in the sentence that satisfies want,
 * with nothing but words, commas and brackets between (at most `reach`
 * tokens back). SIZE_MAX when none. */
static size_t figure_before(const struct sentence *sn, size_t i, size_t reach,
			    bool (*want)(const struct prose_token *))
{
	for (size_t k = i; k > sn->s && i - k < reach;) {
		k--;
		const struct prose_token *t = &sn->t[k];
		if (want(t))
			return k;
		if (prose_is_figure(t) || is_punct(t, ';') || is_punct(t, ':'))
			return SIZE_MAX; /* another figure, or another clause */
	}
	return SIZE_MAX;
}

/* The nearest figure after index i, with only words between (and an
 * opening bracket), at most `reach` tokens on. A number that is not a
 * figure ("on 2022-23 …") ends the search too: what follows it is not
 * what the words before it name. */
static size_t figure_after(const struct sentence *sn, size_t i, size_t reach,
			   bool (*want)(const struct prose_token *))
{
	for (size_t k = i + 1; k < sn->e && k - i <= reach; k++) {
		const struct prose_token *t = &sn->t[k];
		if (want(t))
			return k;
		if (t->kind == PT_NUMBER)
			return SIZE_MAX;
		if (t->kind == PT_PUNCT && !is_punct(t, '('))
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* ---- changes ------------------------------------------------------------ */

static const char *const increase_words[] = { "increase", "increased", "increases", "increasing",
					      "rise", "rose", "risen", "rises", "rising", "grew",
					      "grown", "growth", "climbed", "jumped", NULL };
static const char *const decrease_words[] = { "decrease", "decreased", "decreases", "decreasing",
					      "fall", "fell", "fallen", "falls", "falling", "drop",
					      "dropped", "drops", "decline", "declined", "reduction",
					      "reduced", NULL };

/* The percentage stated with the change word at w: "an increase of 25%",
 * "decreased by 32%", "a 20% drop", "up 12%". SIZE_MAX when none. */
static size_t change_percent(const struct sentence *sn, size_t w)
{
	if (w > sn->s && is_percent(&sn->t[w - 1]))
		return w - 1;
	/* "a 20 per cent drop" has been merged; "an increase of 25%" */
	for (size_t k = w + 1; k < sn->e && k - w <= 6; k++) {
		const struct prose_token *t = &sn->t[k];
		if (is_percent(t))
			return (k == w + 1 || is_word(&sn->t[k - 1], "of") ||
				is_word(&sn->t[k - 1], "by") || sn->t[k - 1].kind == PT_WORD)
				       ? k
				       : SIZE_MAX;
		if (t->kind != PT_WORD)
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* "from A ... to B" nearest to index w (within 30 tokens either side, so
 * that a long sentence costs no more than a short one per word): A right
 * after "from", B within a few words after "to", no other figure between. */
static bool from_to(const struct sentence *sn, size_t w, size_t *a, size_t *b)
{
	size_t best = SIZE_MAX;
	size_t from = w > sn->s + 30 ? w - 30 : sn->s, until = w + 30 < sn->e ? w + 30 : sn->e;
	for (size_t k = from; k + 1 < until; k++) {
		if (!is_word(&sn->t[k], "from") || !is_quantity(&sn->t[k + 1]))
			continue;
		size_t to = SIZE_MAX;
		for (size_t j = k + 2; j < sn->e && j - k <= 14; j++) {
			const struct prose_token *t = &sn->t[j];
			if (prose_is_figure(t))
				break;
			if (is_word(t, "to")) {
				to = j;
				break;
			}
		}
		if (to == SIZE_MAX)
			continue;
		size_t bb = figure_after(sn, to, 5, is_quantity);
		if (bb == SIZE_MAX || sn->t[bb].unit != sn->t[k + 1].unit)
			continue;
		size_t dist = k > w ? k - w : w - k;
		if (best == SIZE_MAX || dist < best) {
			best = dist;
			*a = k + 1;
			*b = bb;
		}
	}
	return best != SIZE_MAX;
}

/* "compared to A", "compared with A", "on last year's A", "against A",
 * "from A" after index p: the earlier figure. */
static size_t compared_to(const struct sentence *sn, size_t p)
{
	for (size_t k = p + 1; k < sn->e && k - p <= 8; k++) {
		const struct prose_token *t = &sn->t[k];
		if (prose_is_figure(t))
			return SIZE_MAX;
		if (is_word(t, "compared") || is_word(t, "on") || is_word(t, "against") ||
		    is_word(t, "from"))
			return figure_after(sn, k, 5, is_quantity);
	}
	return SIZE_MAX;
}

static void check_changes(struct sentence *sn)
{
	for (size_t w = sn->s; w < sn->e; w++) {
		const struct prose_token *tw = &sn->t[w];
		int dir = word_in(tw, increase_words) ? 1 : word_in(tw, decrease_words) ? -1 : 0;
		if (!dir && (is_word(tw, "up") || is_word(tw, "down")) && w + 1 < sn->e &&
		    (is_percent(&sn->t[w + 1]) ||
		     (is_word(&sn->t[w + 1], "by") && w + 2 < sn->e && is_percent(&sn->t[w + 2]))))
			dir = is_word(tw, "up") ? 1 : -1;
		if (!dir)
			continue;
		size_t p = change_percent(sn, w);
		if (p == SIZE_MAX || sn->used[p])
			continue;
		size_t a, b;
		if (!from_to(sn, w, &a, &b)) {
			a = compared_to(sn, p > w ? p : w);
			if (a == SIZE_MAX)
				continue;
			b = figure_before(sn, w < p ? w : p, 15, is_quantity);
			if (b == SIZE_MAX || sn->t[b].unit != sn->t[a].unit)
				continue;
		}
		const struct prose_token *ta = &sn->t[a], *tb = &sn->t[b], *tp = &sn->t[p];
		if (ta->hedge || tb->hedge || ta->value == 0)
			continue;
		sn->used[p] = true;
		double c = 100 * (tb->value - ta->value) / ta->value;
		int true_dir = c > 0 ? 1 : c < 0 ? -1 : 0;
		if (true_dir == dir && consistent(fabs(c), tp))
			continue;
		/* percentages of the same whole may be compared in points */
		if (ta->unit == PU_PERCENT && true_dir == dir &&
		    consistent(fabs(tb->value - ta->value), tp))
			continue;

		char s_p[64], s_a[64], s_b[64], s_c[32], s_r[32];
		written(sn, tp, s_p, sizeof s_p);
		written(sn, ta, s_a, sizeof s_a);
		written(sn, tb, s_b, sizeof s_b);
		const char *said = dir > 0 ? "an increase" : "a decrease";
		prose_format(fabs(c), 1, s_c, sizeof s_c);
		const char *is = true_dir > 0 ? "an increase" : "a decrease";
		if (true_dir == 0) {
			finding(sn, tp, s_p,
				"the text says %s of %s from %s to %s, but %s to %s is no change; "
				"check the figures",
				said, s_p, s_a, s_b, s_a, s_b);
		} else if (true_dir != dir) {
			double r = 100 * (ta->value - tb->value) / tb->value;
			if (tb->value != 0 && consistent(fabs(r), tp))
				finding(sn, tp, s_p,
					"the text says %s of %s from %s to %s, but %s to %s is %s of "
					"%s%% (%s to %s would be %s of %s%%); check which figure is "
					"which",
					said, s_p, s_a, s_b, s_a, s_b, is, s_c, s_b, s_a, said,
					prose_format(fabs(r), 1, s_r, sizeof s_r));
			else
				finding(sn, tp, s_p,
					"the text says %s of %s from %s to %s, but %s to %s is %s of "
					"%s%%; check the figures and the direction",
					said, s_p, s_a, s_b, s_a, s_b, is, s_c);
		} else {
			finding(sn, tp, s_p,
				"the text says %s of %s from %s to %s, but %s to %s is %s of %s%%; "
				"correct the percentage or the figures",
				said, s_p, s_a, s_b, s_a, s_b, is, s_c);
		}
	}
}

/* ---- comparisons: "X, 35% higher than Y", "X exceeds Y by 22%" ---------- */

static const char *const more_words[] = { "higher", "more", "greater", "above", "bigger",
					  "larger", "over", NULL };
static const char *const less_words[] = { "lower", "less", "fewer", "below", "smaller",
					  "under", NULL };

static void compare(struct sentence *sn, size_t x, size_t y, size_t p, int dir, const char *cmp)
{
	const struct prose_token *tx = &sn->t[x], *ty = &sn->t[y], *tp = &sn->t[p];
	if (tx->unit != ty->unit || tx->hedge || ty->value == 0 || sn->used[p])
		return;
	sn->used[p] = true;
	double c = 100 * (tx->value - ty->value) / ty->value;
	int true_dir = c > 0 ? 1 : c < 0 ? -1 : 0;
	if (true_dir == dir && consistent(fabs(c), tp))
		return;
	char s_p[64], s_x[64], s_y[64], s_c[32];
	written(sn, tp, s_p, sizeof s_p);
	written(sn, tx, s_x, sizeof s_x);
	written(sn, ty, s_y, sizeof s_y);
	prose_format(fabs(c), 1, s_c, sizeof s_c);
	if (true_dir == 0)
		finding(sn, tp, s_p,
			"the text says %s is %s %s than %s, but they are equal; check the figures",
			s_x, s_p, cmp, s_y);
	else
		finding(sn, tp, s_p,
			"the text says %s is %s %s than %s, but %s is %s%% %s than %s; correct the "
			"percentage or the figures",
			s_x, s_p, cmp, s_y, s_x, s_c, true_dir > 0 ? "higher" : "lower", s_y);
}

static void check_comparisons(struct sentence *sn)
{
	for (size_t j = sn->s + 1; j + 1 < sn->e; j++) {
		if (!is_word(&sn->t[j], "than"))
			continue;
		/* the comparative word before "than", the percentage before it
		 * ("35% higher than") or in brackets after it ("higher (35%) than") */
		size_t w = j - 1, p = SIZE_MAX;
		if (is_punct(&sn->t[w], ')') && w >= sn->s + 3 && is_percent(&sn->t[w - 1]) &&
		    is_punct(&sn->t[w - 2], '(')) {
			p = w - 1;
			w -= 3;
		}
		const struct prose_token *tw = &sn->t[w];
		int dir = word_in(tw, more_words) ? 1 : word_in(tw, less_words) ? -1 : 0;
		if (!dir)
			continue;
		if (p == SIZE_MAX) {
			if (w == sn->s || !is_percent(&sn->t[w - 1]))
				continue;
			p = w - 1;
		}
		size_t y = figure_after(sn, j, 8, is_quantity);
		size_t x = figure_before(sn, p < w ? p : w, 15, is_quantity);
		if (x == SIZE_MAX || y == SIZE_MAX)
			continue;
		compare(sn, x, y, p, dir, tw->word);
	}
	/* "X exceeds Y by P%" */
	static const char *const exceed[] = { "exceeds", "exceeded", "exceed", "outstrips", NULL };
	for (size_t j = sn->s + 1; j < sn->e; j++) {
		if (!word_in(&sn->t[j], exceed))
			continue;
		size_t y = figure_after(sn, j, 8, is_quantity);
		if (y == SIZE_MAX || y + 2 >= sn->e)
			continue;
		size_t by = y + 1;
		while (by < sn->e && by - y <= 4 && !is_word(&sn->t[by], "by") &&
		       !prose_is_figure(&sn->t[by]))
			by++;
		if (by + 1 >= sn->e || !is_word(&sn->t[by], "by") || !is_percent(&sn->t[by + 1]))
			continue;
		size_t x = figure_before(sn, j, 15, is_quantity);
		if (x == SIZE_MAX)
			continue;
		compare(sn, x, y, by + 1, 1, "higher");
	}
}

/* ---- multiples: "X is twice Y", "three times", "half" -------------------- */

static void check_multiples(struct sentence *sn)
{
	for (size_t m = sn->s + 1; m + 1 < sn->e; m++) {
		const struct prose_token *tm = &sn->t[m];
		double lo, hi;
		const char *name;
		size_t after = m;
		char s_name[32];
		if (is_word(tm, "twice") || is_word(tm, "double")) {
			lo = 1.9, hi = 2.1, name = tm->word;
		} else if (is_word(tm, "half") && m > sn->s &&
			   word_in(&sn->t[m - 1], (const char *const[]){ "is", "was", "are", "were",
									 "be", "been", NULL })) {
			lo = 0.45, hi = 0.55, name = "half";
		} else if (tm->kind == PT_NUMBER && tm->role == PR_LABEL && tm->unit == PU_PLAIN &&
			   m + 1 < sn->e && is_word(&sn->t[m + 1], "times") && tm->value >= 2 &&
			   tm->value <= 20 && (tm->step == 0 || tm->step >= 1)) {
			lo = tm->value * 0.95, hi = tm->value * 1.05;
			char s_v[16];
			snprintf(s_name, sizeof s_name, "%s times",
				 written(sn, tm, s_v, sizeof s_v));
			name = s_name;
			after = m + 1;
		} else {
			continue;
		}
		/* a hedge ("more than twice", "almost three times") is not checked */
		if (m > sn->s && (is_word(&sn->t[m - 1], "than") || is_word(&sn->t[m - 1], "almost") ||
				  is_word(&sn->t[m - 1], "nearly") || is_word(&sn->t[m - 1], "about") ||
				  is_word(&sn->t[m - 1], "around") || is_word(&sn->t[m - 1], "over") ||
				  is_word(&sn->t[m - 1], "roughly")))
			continue;
		size_t x = figure_before(sn, m, 6, is_quantity);
		size_t y = figure_after(sn, after, 6, is_quantity);
		if (x == SIZE_MAX || y == SIZE_MAX)
			continue;
		const struct prose_token *tx = &sn->t[x], *ty = &sn->t[y];
		if (tx->unit != ty->unit || tx->hedge || ty->hedge || ty->value == 0)
			continue;
		double r = tx->value / ty->value;
		if (r >= lo - 1e-9 && r <= hi + 1e-9)
			continue;
		char s_x[64], s_y[64], s_r[32], s_lo[16], s_hi[16];
		written(sn, tx, s_x, sizeof s_x);
		written(sn, ty, s_y, sizeof s_y);
		finding(sn, tm, name,
			"the text says %s is %s %s, but %s is %s times %s (%s means %s to %s times); "
			"correct the figures or the words",
			s_x, name, s_y, s_x, prose_format(r, 2, s_r, sizeof s_r), s_y, name,
			prose_format(lo, 2, s_lo, sizeof s_lo), prose_format(hi, 2, s_hi, sizeof s_hi));
	}
}

/* ---- shares ------------------------------------------------------------- */

static bool is_count(const struct prose_token *t)
{
	return prose_is_figure(t) && t->unit == PU_PLAIN && !t->fraction && !t->hedge &&
	       (t->step == 0 || t->step >= 1);
}

static bool is_share_word(const struct prose_token *t)
{
	return is_percent(t) || (prose_is_figure(t) && t->fraction);
}

static const char *const articles[] = { "the", "these", "those", "all", NULL };

/* "a in b" words for a share: "one in 5" for 19.8% (a one: the nearest
 * reciprocal), "8 in 10" otherwise. */
static void about_fraction(const struct prose_token *f, double share, char *buf, size_t size)
{
	if (f->num == 1) {
		double n = 100 / share;
		snprintf(buf, size, "one in %lld", (long long)llround(n));
	} else {
		snprintf(buf, size, "%lld in %lld", (long long)llround(share * f->den / 100),
			 (long long)llround(f->den));
	}
}

/* Does the fraction f ("one in five", "nine in ten", "half of") fit the
 * share (in percent)? "one in N": N/share rounds to N; "a in b": the share
 * of b rounds to a; hedged: one more either way. */
static bool fraction_fits(const struct prose_token *f, double share)
{
	double slack = f->hedge ? 1.0 : 0.5;
	if (share <= 0)
		return false;
	if (f->num == 1 && f->den > 2) {
		double n = 100 / share;
		return fabs(n - f->den) <= slack + 1e-9;
	}
	if (f->den == 2 && f->num == 1)
		return share >= (f->hedge ? 40 : 45) - 1e-9 && share <= (f->hedge ? 60 : 55) + 1e-9;
	return fabs(share * f->den / 100 - f->num) <= slack + 1e-9;
}

/* The stated share s (a percent or a fraction) against k of n. */
static void share(struct sentence *sn, size_t k, size_t n, size_t s)
{
	const struct prose_token *tk = &sn->t[k], *tn = &sn->t[n], *ts = &sn->t[s];
	if (sn->used[s] || tn->value <= 0 || tk->value > tn->value)
		return;
	sn->used[s] = true;
	double v = 100 * tk->value / tn->value;
	char s_k[64], s_n[64], s_s[64], s_v[32], s_a[32];
	written(sn, tk, s_k, sizeof s_k);
	written(sn, tn, s_n, sizeof s_n);
	written(sn, ts, s_s, sizeof s_s);
	prose_format(v, 1, s_v, sizeof s_v);
	if (ts->fraction) {
		if (fraction_fits(ts, v))
			return;
		about_fraction(ts, v, s_a, sizeof s_a);
		finding(sn, ts, s_s,
			"the text says %s, but %s of %s is %s%%, about %s; correct the words or "
			"the figures",
			s_s, s_k, s_n, s_v, s_a);
		return;
	}
	if (consistent(v, ts))
		return;
	char s_w[32];
	prose_format(ts->value * tn->value / 100, 0, s_w, sizeof s_w);
	finding(sn, ts, s_s,
		"the text says %s of %s is %s, but %s of %s is %s%% (%s of %s would be %s); "
		"correct the percentage or the figures",
		s_k, s_n, s_s, s_k, s_n, s_v, s_s, s_n, s_w);
}

/* Do the words before the percentage at k say it is the share just named:
 * "(20%)", "or 20%", "that is 20%", "a conversion rate of 20%", "a share
 * of 20%"? ("45 of the 265 referrals, 30% from police" is another share.) */
static bool introduces_share(const struct sentence *sn, size_t k)
{
	static const char *const one[] = { "or", "is", "was", "representing", "equivalent",
					   "i", "ie", "just", "some", "about", "around",
					   "approximately", "roughly", NULL };
	static const char *const of_what[] = { "rate", "share", "proportion", "percentage",
					       "total", NULL };
	if (k == sn->s)
		return false;
	const struct prose_token *b = &sn->t[k - 1];
	if (is_punct(b, '(') || word_in(b, one))
		return true;
	return is_word(b, "of") && k >= sn->s + 2 && word_in(&sn->t[k - 2], of_what);
}

/* The share in brackets or after "or"/"rate of" within a few tokens after
 * index i: "(20%)", ", or 20%", "a conversion rate of 20%". */
static size_t share_after(const struct sentence *sn, size_t i, size_t reach)
{
	for (size_t k = i + 1; k < sn->e && k - i <= reach; k++) {
		const struct prose_token *t = &sn->t[k];
		if (is_share_word(t))
			return introduces_share(sn, k) ? k : SIZE_MAX;
		if (prose_is_figure(t))
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

static void check_shares(struct sentence *sn)
{
	size_t first_k = SIZE_MAX, first_n = SIZE_MAX;
	for (size_t i = sn->s; i < sn->e; i++) {
		const struct prose_token *t = &sn->t[i];
		/* "P% of the N children (K)" */
		if (is_percent(t) && i + 2 < sn->e && is_word(&sn->t[i + 1], "of")) {
			size_t n = i + 2;
			if (n < sn->e && word_in(&sn->t[n], articles))
				n++;
			if (n < sn->e && is_count(&sn->t[n])) {
				size_t k = figure_after(sn, n, 4, is_count);
				if (k != SIZE_MAX && k > n + 1 && is_punct(&sn->t[k - 1], '(')) {
					share(sn, k, n, i);
					continue;
				}
			}
		}
		/* "K of the N (P%)", "K out of N (P%)", "K (P%) of the N" */
		if (t->fraction && !t->words) {
			/* "3,357 out of 16,930" was read as a fraction */
			size_t s = share_after(sn, i, 5);
			if (s != SIZE_MAX && !sn->t[s].fraction) {
				const struct prose_token *tt = &sn->t[s];
				double v = 100 * t->num / t->den;
				if (!consistent(v, tt) && !sn->used[s]) {
					sn->used[s] = true;
					char s_f[64], s_s[64], s_v[32];
					written(sn, t, s_f, sizeof s_f);
					written(sn, tt, s_s, sizeof s_s);
					finding(sn, tt, s_s,
						"the text says %s is %s, but it is %s%%; correct the "
						"percentage or the figures",
						s_f, s_s, prose_format(v, 1, s_v, sizeof s_v));
				}
			}
			continue;
		}
		if (is_count(t) && i + 2 < sn->e && is_word(&sn->t[i + 1], "of")) {
			size_t n = i + 2;
			if (word_in(&sn->t[n], articles))
				n++;
			if (n < sn->e && is_count(&sn->t[n]) && sn->t[n].value > t->value) {
				if (first_k == SIZE_MAX) {
					first_k = i;
					first_n = n;
				}
				size_t s = share_after(sn, n, 5);
				if (s != SIZE_MAX)
					share(sn, i, n, s);
				continue;
			}
		}
		if (is_count(t) && i + 4 < sn->e && is_punct(&sn->t[i + 1], '(') &&
		    is_percent(&sn->t[i + 2]) && is_punct(&sn->t[i + 3], ')') &&
		    is_word(&sn->t[i + 4], "of")) {
			size_t n = i + 5;
			if (n < sn->e && word_in(&sn->t[n], articles))
				n++;
			if (n < sn->e && is_count(&sn->t[n]) && sn->t[n].value >= t->value) {
				share(sn, i, n, i + 2);
				continue;
			}
		}
	}
	/* "Of these 16,930 contacts, 3,357 of them were converted …, a
	 * conversion rate of 20%": the whole first, the part next, the share
	 * after it, with no other figure between. */
	size_t i = sn->s;
	if (i + 2 < sn->e && is_word(&sn->t[i], "of")) {
		size_t n = i + 1;
		if (word_in(&sn->t[n], articles))
			n++;
		if (n < sn->e && is_count(&sn->t[n])) {
			size_t k = SIZE_MAX;
			for (size_t j = n + 1; j < sn->e; j++)
				if (prose_is_figure(&sn->t[j])) {
					k = is_count(&sn->t[j]) ? j : SIZE_MAX;
					break;
				}
			if (k != SIZE_MAX && sn->t[k].value < sn->t[n].value) {
				if (first_k == SIZE_MAX) {
					first_k = k;
					first_n = n;
				}
				for (size_t j = k + 1; j < sn->e; j++) {
					if (is_share_word(&sn->t[j])) {
						if (introduces_share(sn, j))
							share(sn, k, n, j);
						break;
					}
					if (prose_is_figure(&sn->t[j]))
						break;
				}
			}
		}
	}
	/* A fraction in words right after the part and the whole, in the same
	 * clause: "3,357 of the 16,930 contacts, roughly one in five, …" */
	if (first_k == SIZE_MAX)
		return;
	for (size_t j = first_n + 1; j < sn->e && j <= first_n + 8; j++) {
		const struct prose_token *t = &sn->t[j];
		if (is_punct(t, ';') || is_punct(t, ':') || (prose_is_figure(t) && !t->fraction))
			break;
		if (prose_is_figure(t) && t->fraction && t->words) {
			share(sn, first_k, first_n, j);
			break;
		}
	}
}

/* A fraction in words next to a percentage: "nine in ten (90%)",
 * "three quarters (75%)". */
static void check_fraction_percent(struct sentence *sn)
{
	for (size_t i = sn->s; i < sn->e; i++) {
		const struct prose_token *f = &sn->t[i];
		if (!prose_is_figure(f) || !f->fraction || !f->words || sn->used[i])
			continue;
		size_t p = SIZE_MAX, o = i + 1;
		while (o < sn->e && o - i <= 2 && sn->t[o].kind == PT_WORD)
			o++; /* "nine in ten children (90%)" */
		if (o + 2 < sn->e && is_punct(&sn->t[o], '(') && is_percent(&sn->t[o + 1]))
			p = o + 1;
		else if (i >= sn->s + 3 && is_punct(&sn->t[i - 1], '(') && is_percent(&sn->t[i - 2]))
			p = i - 2;
		else if (i >= sn->s + 2 && is_punct(&sn->t[i - 1], ',') && is_percent(&sn->t[i - 2]))
			p = i - 2;
		if (p == SIZE_MAX || sn->used[p])
			continue;
		const struct prose_token *tp = &sn->t[p];
		if (tp->hedge || fraction_fits(f, tp->value))
			continue;
		sn->used[i] = true;
		char s_f[64], s_p[64], s_v[32];
		written(sn, f, s_f, sizeof s_f);
		written(sn, tp, s_p, sizeof s_p);
		finding(sn, f, s_f,
			"the text says %s and %s, which disagree: %s is %s%%; check which is meant",
			s_f, s_p, s_f, prose_format(f->value, 1, s_v, sizeof s_v));
	}
}

/* ---- averages ------------------------------------------------------------ */

struct per_period {
	const char *word;
	double n, alt;   /* periods in a year (alt: another count that is right) */
	const char *plural;
};

static const struct per_period periods[] = {
	{ "month", 12, 12, "12 months" }, { "week", 52, 365.0 / 7, "52 weeks" },
	{ "quarter", 4, 4, "4 quarters" }, { "day", 365, 366, "365 days" },
};

static void check_averages(struct sentence *sn)
{
	size_t total = SIZE_MAX;
	for (size_t i = sn->s; i < sn->e; i++) {
		const struct prose_token *t = &sn->t[i];
		/* "a total of T" */
		if (is_word(t, "total") && i + 2 < sn->e && is_word(&sn->t[i + 1], "of") &&
		    is_count(&sn->t[i + 2]) && total == SIZE_MAX) {
			total = i + 2;
			continue;
		}
		/* "an average of M per month", "averaging M a month" */
		if (!(is_word(t, "average") || is_word(t, "averaging") || is_word(t, "averaged")))
			continue;
		size_t m = figure_after(sn, i, 3, is_count);
		if (m == SIZE_MAX)
			continue;
		size_t u = m + 1;
		if (u < sn->e && sn->t[u].kind == PT_WORD && !is_word(&sn->t[u], "per") &&
		    !is_word(&sn->t[u], "a") && !is_word(&sn->t[u], "each") &&
		    !is_word(&sn->t[u], "every"))
			u++; /* "1,411 contacts per month" */
		if (u + 1 >= sn->e || !(is_word(&sn->t[u], "per") || is_word(&sn->t[u], "a") ||
					is_word(&sn->t[u], "each") || is_word(&sn->t[u], "every")))
			continue;
		const struct per_period *pp = NULL;
		for (size_t k = 0; k < sizeof periods / sizeof *periods; k++)
			if (is_word(&sn->t[u + 1], periods[k].word))
				pp = &periods[k];
		if (!pp || sn->used[m])
			continue;
		const struct prose_token *tm = &sn->t[m];
		char s_m[64], s_t[64], s_v[32];
		written(sn, tm, s_m, sizeof s_m);
		if (total != SIZE_MAX && total < m) {
			const struct prose_token *tt = &sn->t[total];
			double v = tt->value / pp->n, v2 = tt->value / pp->alt;
			sn->used[m] = true;
			if (!consistent(v, tm) && !consistent(v2, tm))
				finding(sn, tm, s_m,
					"the text says a total of %s is an average of %s per %s, but "
					"%s over %s is %s per %s; correct the average or the total",
					written(sn, tt, s_t, sizeof s_t), s_m, pp->word, s_t, pp->plural,
					prose_format(v, show_decimals(tm), s_v, sizeof s_v), pp->word);
			continue;
		}
		/* "… with A in the first six months and B in the second half" */
		if (pp->n != 12)
			continue;
		bool first = false, second = false;
		size_t a = SIZE_MAX, b = SIZE_MAX, others = 0;
		for (size_t j = u + 2; j < sn->e && j < u + 40; j++) {
			const struct prose_token *tj = &sn->t[j];
			if (is_word(tj, "first"))
				first = true;
			else if (is_word(tj, "second") || is_word(tj, "last"))
				second = true;
			else if (is_count(tj) && a == SIZE_MAX)
				a = j;
			else if (is_count(tj) && b == SIZE_MAX)
				b = j;
			else if (prose_is_figure(tj))
				others++;
		}
		if (!first || !second || a == SIZE_MAX || b == SIZE_MAX || others)
			continue;
		const struct prose_token *ta = &sn->t[a], *tb = &sn->t[b];
		double mean = (ta->value + tb->value) / 2, of_halves = (ta->value + tb->value) / 12;
		/* the halves are themselves rounded: allow half their unit */
		struct prose_token loose = *tm;
		loose.step = step_of(tm) + (step_of(ta) + step_of(tb)) / 4;
		sn->used[m] = true;
		if (consistent(mean, &loose) || consistent(of_halves, &loose))
			continue;
		char s_a[64], s_b[64];
		finding(sn, tm, s_m,
			"the text says an average of %s per month, but %s in the first half and %s in "
			"the second average %s per month; check the figures",
			s_m, written(sn, ta, s_a, sizeof s_a), written(sn, tb, s_b, sizeof s_b),
			prose_format(mean, show_decimals(tm), s_v, sizeof s_v));
	}
}

/* ---- sums: "45%, 17% and the rest (38%)"; "A% and B% together, C%" ----- */

static void check_sums(struct sentence *sn)
{
	/* "the rest", "the remaining", "the remainder" next to the last
	 * percentage: the percentages of the sentence are all of the whole. */
	size_t last = SIZE_MAX, n_pct = 0;
	bool rest = false;
	for (size_t i = sn->s; i < sn->e; i++) {
		const struct prose_token *t = &sn->t[i];
		if (is_percent(t)) {
			if (t->hedge)
				return;
			n_pct++;
			last = i;
		}
		if (i > sn->s && is_word(&sn->t[i - 1], "the") &&
		    (is_word(t, "rest") || is_word(t, "remaining") || is_word(t, "remainder")))
			rest = true;
	}
	/* "together": the percentages before it add to the one after it */
	for (size_t i = sn->s; i < sn->e; i++) {
		if (!(is_word(&sn->t[i], "together") || is_word(&sn->t[i], "combined")))
			continue;
		size_t after = SIZE_MAX;
		for (size_t j = i + 1; j < sn->e && j - i <= 6; j++)
			if (is_percent(&sn->t[j])) {
				after = j;
				break;
			}
		if (after == SIZE_MAX || sn->used[after])
			return;
		double sum = 0, gap = step_of(&sn->t[after]) / 2;
		size_t n = 0;
		char list[256] = "", s_p[64];
		for (size_t j = sn->s; j < i; j++)
			if (is_percent(&sn->t[j])) {
				sum += sn->t[j].value;
				gap += step_of(&sn->t[j]) / 2;
				n++;
				written(sn, &sn->t[j], s_p, sizeof s_p);
				size_t len = strlen(list);
				snprintf(list + len, sizeof list - len, "%s%s", len ? " and " : "", s_p);
			}
		if (n < 2)
			return;
		sn->used[after] = true;
		const struct prose_token *ta = &sn->t[after];
		if (fabs(sum - ta->value) <= gap + 1e-9)
			return;
		char s_a[64], s_s[32];
		written(sn, ta, s_a, sizeof s_a);
		finding(sn, ta, s_a,
			"the text says %s together make %s, but they add to %s%%; check the figures",
			list, s_a, prose_format(sum, show_decimals(ta) - 1, s_s, sizeof s_s));
		return;
	}
	if (!rest || n_pct < 2 || sn->used[last])
		return;
	double sum = 0, gap = 0;
	char list[256] = "", s_p[64];
	size_t k = 0;
	for (size_t i = sn->s; i < sn->e; i++)
		if (is_percent(&sn->t[i])) {
			sum += sn->t[i].value;
			gap += step_of(&sn->t[i]) / 2;
			written(sn, &sn->t[i], s_p, sizeof s_p);
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s%s",
				 k == 0 ? "" : k + 1 == n_pct ? " and " : ", ", s_p);
			k++;
		}
	sn->used[last] = true;
	if (fabs(sum - 100) <= gap + 1e-9)
		return;
	char s_s[32], s_g[32];
	int dec = 0;
	for (size_t i = sn->s; i < sn->e; i++)
		if (is_percent(&sn->t[i]) && show_decimals(&sn->t[i]) - 1 > dec)
			dec = show_decimals(&sn->t[i]) - 1;
	written(sn, &sn->t[last], s_p, sizeof s_p);
	finding(sn, &sn->t[last], s_p,
		"the text says %s make up the whole, but they add to %s%%, not 100%% (rounding "
		"explains at most %s); check the figures",
		list, prose_format(sum, dec, s_s, sizeof s_s), prose_format(gap, dec + 1, s_g, sizeof s_g));
}

size_t prose_check(const char *text,
		   void (*report)(void *ctx, const struct prose_finding *f), void *ctx)
{
	struct prose_tokens toks = { 0 };
	prose_read(text, &toks);
	size_t n = prose_check_tokens(text, &toks, report, ctx);
	prose_tokens_free(&toks);
	return n;
}

size_t prose_check_tokens(const char *text, const struct prose_tokens *read,
			  void (*report)(void *ctx, const struct prose_finding *f), void *ctx)
{
	struct prose_tokens toks = *read;
	bool *used = xcalloc(toks.n ? toks.n : 1, sizeof *used);
	struct sentence sn = { .text = text, .t = toks.items, .report = report, .ctx = ctx,
			       .used = used };
	for (size_t i = 0; i <= toks.n; i++) {
		if (i < toks.n && toks.items[i].kind != PT_BREAK)
			continue;
		sn.e = i;
		if (sn.e > sn.s) {
			check_changes(&sn);
			check_comparisons(&sn);
			check_multiples(&sn);
			check_shares(&sn);
			check_fraction_percent(&sn);
			check_averages(&sn);
			check_sums(&sn);
		}
		sn.s = i + 1;
	}
	free(used);
	return sn.found;
}
