/* layout-break.c - Knuth-Plass total-fit line breaking with an active list,
 * three passes of rising tolerance, and item-building helpers. */
#include "layout-break.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* No node; the end of the active list. */
#define NONE SIZE_MAX

/* Widths closer than this count as equal: running sums of many doubles
 * drift, and a line that fits exactly must not turn overfull. */
#define EPS_PT 1e-6
/* Badness of an overfull line, and the least of one that is short and
 * cannot stretch at all; both only happen on the last pass. */
#define BADNESS_MAX 1e6

/* -------------------------------------------------------------- building */

void layout_break_items_init(struct break_items *l, enum break_mode mode, double em_pt)
{
	memset(l, 0, sizeof *l);
	l->mode = mode;
	l->ragged_stretch_pt = 3 * em_pt;
}

void layout_break_items_clear(struct break_items *l)
{
	l->n = 0;
}

void layout_break_items_free(struct break_items *l)
{
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

static struct break_item *push(struct break_items *l, enum break_type type, size_t ref)
{
	xgrow(&l->items, &l->cap, l->n, sizeof *l->items);
	struct break_item *it = &l->items[l->n++];
	*it = (struct break_item){ .type = type, .ref = ref };
	return it;
}

void layout_break_add_box(struct break_items *l, double width_pt, size_t ref)
{
	push(l, BREAK_BOX, ref)->width_pt = width_pt;
}

void layout_break_add_glue(struct break_items *l, double width_pt, double stretch_pt,
			   double shrink_pt, size_t ref)
{
	struct break_item *g = push(l, BREAK_GLUE, ref);
	g->width_pt = width_pt;
	g->stretch_pt = stretch_pt;
	g->shrink_pt = shrink_pt;
}

void layout_break_add_penalty(struct break_items *l, double width_pt, double penalty,
			      bool flagged, size_t ref)
{
	struct break_item *p = push(l, BREAK_PENALTY, ref);
	p->width_pt = width_pt;
	p->penalty = penalty;
	p->flagged = flagged;
}

static void add_fil(struct break_items *l, size_t ref)
{
	push(l, BREAK_GLUE, ref)->fil = true;
}

void layout_break_add_space(struct break_items *l, double space_pt, size_t ref)
{
	if (l->mode == BREAK_JUSTIFIED) {
		layout_break_add_glue(l, space_pt, space_pt / 2, space_pt / 3, ref);
		return;
	}
	double g = l->ragged_stretch_pt;
	layout_break_add_glue(l, 0, g, 0, ref);
	layout_break_add_penalty(l, 0, 0, false, ref);
	layout_break_add_glue(l, space_pt, -g, 0, ref);
}

void layout_break_add_word_break(struct break_items *l, double hyphen_pt, double penalty,
				 bool flagged, size_t ref)
{
	if (l->mode == BREAK_JUSTIFIED) {
		layout_break_add_penalty(l, hyphen_pt, penalty, flagged, ref);
		return;
	}
	/* The +inf penalty keeps the stretch glue, which follows a box, from
	 * being a break of its own. */
	double g = l->ragged_stretch_pt;
	layout_break_add_penalty(l, 0, BREAK_INFINITY, false, ref);
	layout_break_add_glue(l, 0, g, 0, ref);
	layout_break_add_penalty(l, hyphen_pt, penalty, flagged, ref);
	layout_break_add_glue(l, 0, -g, 0, ref);
}

static bool is_forced(const struct break_item *it)
{
	return it->type == BREAK_PENALTY && it->penalty <= -BREAK_INFINITY;
}

/* Drops trailing glue and break points (not forced breaks), as TeX's
 * \unskip does before a line or paragraph end. */
static void unskip(struct break_items *l)
{
	while (l->n > 0) {
		const struct break_item *it = &l->items[l->n - 1];
		if (it->type == BREAK_BOX || is_forced(it))
			break;
		l->n--;
	}
}

/* The four items layout_break_add_forced_break() leaves. */
static bool ends_with_forced_break(const struct break_items *l)
{
	if (l->n < 4)
		return false;
	const struct break_item *it = &l->items[l->n - 4];
	return it[0].type == BREAK_BOX && it[0].width_pt == 0 && it[1].type == BREAK_PENALTY &&
	       it[1].penalty >= BREAK_INFINITY && it[2].type == BREAK_GLUE && it[2].fil &&
	       is_forced(&it[3]);
}

void layout_break_add_forced_break(struct break_items *l, size_t ref)
{
	unskip(l);
	layout_break_add_box(l, 0, ref);
	layout_break_add_penalty(l, 0, BREAK_INFINITY, false, ref);
	add_fil(l, ref);
	layout_break_add_penalty(l, 0, -BREAK_INFINITY, false, ref);
}

void layout_break_end(struct break_items *l, size_t ref)
{
	/* A paragraph never ends in empty lines. */
	unskip(l);
	while (ends_with_forced_break(l)) {
		l->n -= 4;
		unskip(l);
	}
	layout_break_add_penalty(l, 0, BREAK_INFINITY, false, ref);
	add_fil(l, ref);
	layout_break_add_penalty(l, 0, -BREAK_INFINITY, false, ref);
}

/* ----------------------------------------------------------- word points */

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Letters of the scripts a UK report may hold; other characters (marks,
 * symbols, apostrophes) never get a break next to them. */
static bool is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	       (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F) ||
	       (c >= 0x1E00 && c <= 0x1EFF);
}

static bool is_alnum(uint32_t c)
{
	return is_letter(c) || is_digit(c);
}

static bool is_hyphen(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2013 || c == 0x2014;
}

size_t layout_break_word_points(const char *word, size_t len, bool letters,
				struct break_point *out)
{
	/* Decode once; a malformed byte counts as one non-letter character. */
	uint32_t *cp = xmalloc((len ? len : 1) * sizeof *cp);
	size_t *at = xmalloc((len ? len : 1) * sizeof *at);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		size_t used = text_utf8_decode(word + i, len - i, &cp[n]);
		if (used == 0) {
			cp[n] = 0xFFFD;
			used = 1;
		}
		at[n++] = i;
		i += used;
	}

	/* A hyphen added inside an address or a path would read as part of
	 * it, so such words split between letters without one. */
	/* So is a domain name: "www." first, or two dots between letters
	 * or digits ("seftonscp.org.uk"). */
	bool address = len >= 4 && strncmp(word, "www.", 4) == 0;
	size_t dots = 0;
	for (size_t k = 0; k < n; k++) {
		address |= cp[k] == '/' || cp[k] == '@' || cp[k] == ':' || cp[k] == '_';
		dots += k > 0 && k + 1 < n && cp[k] == '.' && is_alnum(cp[k - 1]) &&
			is_alnum(cp[k + 1]);
	}
	address |= dots >= 2;
	/* Letters and digits of the word, and of it before boundary k, so
	 * that what follows a dot is counted in constant time. */
	size_t alnum_total = 0, alnum_before = 0;
	for (size_t k = 0; k < n; k++)
		alnum_total += is_alnum(cp[k]);

	/* Boundary k lies between characters k-1 and k; run_start is where
	 * the run of letters and digits holding character k-1 began. */
	size_t count = 0, run_start = 0;
	for (size_t k = 1; k < n; k++) {
		uint32_t before = cp[k - 1], after = cp[k];
		alnum_before += is_alnum(before);
		if (!is_alnum(before))
			run_start = k;
		struct break_point p = { .offset = at[k] };
		if (before == 0xAD && k >= 2) {
			/* A soft hyphen: where the writer allows a break, shown as
			 * a hyphen only when the line ends there. */
			p.hyphen = p.flagged = true;
			p.penalty = BREAK_HYPHEN_PENALTY;
		} else if (k >= 2 && is_alnum(after) && is_hyphen(before)) {
			p.flagged = true;
			p.penalty = BREAK_HYPHEN_PENALTY;
		} else if (address && after == '.' && is_alnum(before) && k + 1 < n &&
			   is_alnum(cp[k + 1]) && alnum_total - alnum_before >= 4) {
			/* An address breaks before a dot, never after one, and
			 * not before its last few characters, so that no line
			 * ends "uk." and none holds ".uk" alone. */
			p.penalty = BREAK_PUNCT_PENALTY;
		} else if (k >= 2 && is_alnum(after) &&
			   (before == '/' || before == '_' ||
			    (!address && before == '.' &&
			     !(is_digit(cp[k - 2]) && is_digit(after))))) {
			p.penalty = BREAK_PUNCT_PENALTY;
		} else if (letters && is_alnum(before) && is_alnum(after) && k - run_start >= 2 &&
			   k + 2 <= n && is_alnum(cp[k + 1])) {
			p.hyphen = p.flagged = !address && is_letter(before) && is_letter(after);
			p.penalty = BREAK_LETTER_PENALTY;
		} else {
			continue;
		}
		out[count++] = p;
	}
	free(cp);
	free(at);
	return count;
}

/* --------------------------------------------------------------- breaking */


/* A feasible breakpoint; the pool keeps every node of a pass so that the
 * chosen breaks can be traced back. */
struct node {
	size_t pos;           /* index of the break item; NONE at the start */
	size_t line;          /* lines that end at or before this break */
	size_t start;         /* first item of the next line */
	size_t prev;          /* node of the previous break */
	size_t next_active;   /* active list link, NONE at the tail */
	int fitness;          /* 0 tight, 1 decent, 2 loose, 3 very loose */
	bool flagged;         /* broke at a flagged penalty */
	double tw, ty, tz, tfil; /* sums of the items before start */
	double demerits;      /* total, from the paragraph start */
	/* The line ending here. */
	double ratio, natural_pt;
	bool overfull;
};

/* The best way found so far to reach the current breakpoint, per fitness
 * class and line number (line numbers past the last distinct width are all
 * alike and share one key). */
struct candidate {
	size_t key, from, line;
	int fitness;
	double total, ratio, natural_pt;
	bool overfull;
};

struct breaker {
	const struct break_items *l;
	const double *widths;
	size_t n_widths;
	struct break_options o;
	struct node *pool;
	size_t n_nodes, cap_nodes;
	size_t head, tail;    /* active list, ordered by position */
	struct candidate *cand;
	size_t n_cand, cap_cand;
	double w, y, z, fil;  /* sums of the items before the current one */
};

static size_t new_node(struct breaker *b)
{
	xgrow(&b->pool, &b->cap_nodes, b->n_nodes, sizeof *b->pool);
	memset(&b->pool[b->n_nodes], 0, sizeof *b->pool);
	return b->n_nodes++;
}

static void append_active(struct breaker *b, size_t id)
{
	b->pool[id].next_active = NONE;
	if (b->tail == NONE)
		b->head = id;
	else
		b->pool[b->tail].next_active = id;
	b->tail = id;
}

static int fitness_of(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

static void offer(struct breaker *b, const struct candidate *c)
{
	for (size_t i = 0; i < b->n_cand; i++) {
		struct candidate *o = &b->cand[i];
		if (o->key == c->key && o->fitness == c->fitness) {
			if (c->total < o->total)
				*o = *c;
			return;
		}
	}
	xgrow(&b->cand, &b->cap_cand, b->n_cand, sizeof *b->cand);
	b->cand[b->n_cand++] = *c;
}

/* Considers a break at item pos from every active node; deactivates nodes
 * whose line would be overfull (or that a forced break cuts off) and adds
 * the best new nodes. */
static void try_break(struct breaker *b, size_t pos, double tolerance, bool final)
{
	const struct break_item *items = b->l->items;
	const struct break_item *it = &items[pos];
	bool is_penalty = it->type == BREAK_PENALTY;
	double pw = is_penalty ? it->width_pt : 0;
	double pen = is_penalty ? it->penalty : 0;
	bool forced = is_penalty && pen <= -BREAK_INFINITY;
	bool flagged = is_penalty && it->flagged;
	b->n_cand = 0;

	size_t prev = NONE;
	for (size_t a = b->head; a != NONE;) {
		struct node *an = &b->pool[a];
		size_t next = an->next_active;
		/* A break among the glue and penalties that the break at a
		 * discards would make an empty line of negative width. */
		if (pos < an->start) {
			prev = a;
			a = next;
			continue;
		}
		double width = b->widths[an->line < b->n_widths ? an->line : b->n_widths - 1];
		double natural = b->w - an->tw + pw;
		double stretch = b->y - an->ty, shrink = b->z - an->tz, fil = b->fil - an->tfil;

		double r, badness;
		bool overfull = false;
		if (natural < width - EPS_PT) {
			if (fil > 0.5)
				r = 0, badness = 0;
			else if (stretch > EPS_PT)
				r = (width - natural) / stretch, badness = fmin(100 * r * r * r, BADNESS_MAX);
			else /* grows with the gap, so fuller lines still win */
				r = HUGE_VAL, badness = BADNESS_MAX * (1 + (width - natural) / width);
		} else if (natural > width + EPS_PT) {
			if (shrink > EPS_PT && natural - shrink <= width + EPS_PT) {
				r = fmax((width - natural) / shrink, -1);
				badness = 100 * -r * -r * -r;
			} else {
				r = -1, badness = BADNESS_MAX, overfull = true;
			}
		} else {
			r = 0, badness = 0;
		}

		bool deactivate = overfull || forced;
		bool feasible = !overfull && r <= tolerance;
		/* The last pass must finish: when the only node left would
		 * overflow and nothing else reaches this break, take the
		 * overfull line (a box wider than the measure). */
		bool artificial = !feasible && overfull && final && b->n_cand == 0 && next == NONE;
		if (feasible || artificial) {
			double lb = b->o.line_penalty + badness;
			double d = artificial ? 0 : lb * lb;
			if (!artificial && pen > 0)
				d += pen * pen;
			else if (!artificial && pen < 0 && !forced)
				d -= pen * pen;
			if (flagged && an->flagged)
				d += b->o.flagged_demerits;
			int fit = artificial ? 1 : fitness_of(r);
			if (abs(fit - an->fitness) > 1)
				d += b->o.fitness_demerits;
			struct candidate c = {
				.key = an->line + 1 < b->n_widths - 1 ? an->line + 1 : b->n_widths - 1,
				.from = a,
				.line = an->line + 1,
				.fitness = fit,
				.total = an->demerits + d,
				.ratio = isfinite(r) ? r : 0,
				.natural_pt = natural,
				.overfull = overfull,
			};
			offer(b, &c);
		}

		if (deactivate) {
			if (prev == NONE)
				b->head = next;
			else
				b->pool[prev].next_active = next;
			if (b->tail == a)
				b->tail = prev;
		} else {
			prev = a;
		}
		a = next;
	}
	if (b->n_cand == 0)
		return;

	/* The next line starts at the first box after the break, or at a
	 * forced break; glue and penalties in between vanish. */
	double tw = b->w, ty = b->y, tz = b->z, tfil = b->fil;
	size_t s = pos;
	for (; s < b->l->n; s++) {
		const struct break_item *x = &items[s];
		if (x->type == BREAK_BOX || (s > pos && is_forced(x)))
			break;
		if (x->type == BREAK_GLUE) {
			tw += x->width_pt;
			ty += x->fil ? 0 : x->stretch_pt;
			tz += x->shrink_pt;
			tfil += x->fil;
		}
	}

	/* Keep the candidates within fitness_demerits of the best with the
	 * same future (key), as TeX does: only the fitness demerits of the
	 * next line can still favour a worse one. */
	for (size_t i = 0; i < b->n_cand; i++) {
		const struct candidate *c = &b->cand[i];
		double key_best = c->total;
		for (size_t j = 0; j < b->n_cand; j++)
			if (b->cand[j].key == c->key && b->cand[j].total < key_best)
				key_best = b->cand[j].total;
		if (c->total > key_best + b->o.fitness_demerits)
			continue;
		size_t id = new_node(b);
		b->pool[id] = (struct node){
			.pos = pos, .line = c->line, .start = s, .prev = c->from,
			.fitness = c->fitness, .flagged = flagged,
			.tw = tw, .ty = ty, .tz = tz, .tfil = tfil,
			.demerits = c->total, .ratio = c->ratio, .natural_pt = c->natural_pt,
			.overfull = c->overfull,
		};
		append_active(b, id);
	}
}

/* One pass over the items; false when some stretch of the paragraph
 * cannot be broken within tolerance. */
static bool run_pass(struct breaker *b, double tolerance, bool final)
{
	b->n_nodes = 0;
	b->head = b->tail = NONE;
	b->w = b->y = b->z = b->fil = 0;
	size_t start = new_node(b);
	b->pool[start] = (struct node){ .pos = NONE, .prev = NONE, .fitness = 1 };
	append_active(b, start);

	const struct break_item *items = b->l->items;
	for (size_t i = 0; i < b->l->n; i++) {
		const struct break_item *it = &items[i];
		switch (it->type) {
		case BREAK_BOX:
			b->w += it->width_pt;
			break;
		case BREAK_GLUE:
			/* Glue is a legal break only right after a box. */
			if (i > 0 && items[i - 1].type == BREAK_BOX)
				try_break(b, i, tolerance, final);
			b->w += it->width_pt;
			b->y += it->fil ? 0 : it->stretch_pt;
			b->z += it->shrink_pt;
			b->fil += it->fil;
			break;
		case BREAK_PENALTY:
			if (it->penalty < BREAK_INFINITY)
				try_break(b, i, tolerance, final);
			break;
		}
		if (b->head == NONE)
			return false;
	}
	return true;
}

struct break_options layout_break_default_options(void)
{
	return (struct break_options){
		.tolerance = 1.5,
		.retry_tolerance = 4,
		.line_penalty = 10,
		.flagged_demerits = 3000,
		.fitness_demerits = 100,
	};
}

void layout_break_lines(const struct break_items *l, const double *widths_pt, size_t n_widths,
			const struct break_options *opts, struct arena *arena,
			struct break_result *out)
{
	assert(n_widths >= 1);
	*out = (struct break_result){ NULL, 0, 1 };
	bool any_box = false;
	for (size_t i = 0; i < l->n && !any_box; i++)
		any_box = l->items[i].type == BREAK_BOX;
	if (!any_box)
		return;
	assert(is_forced(&l->items[l->n - 1]) && "item list must end with layout_break_end()");

	struct breaker b = { .l = l, .widths = widths_pt, .n_widths = n_widths,
			     .o = opts ? *opts : layout_break_default_options() };
	bool done = run_pass(&b, b.o.tolerance, false);
	if (!done && b.o.retry_tolerance > b.o.tolerance) {
		out->pass = 2;
		done = run_pass(&b, b.o.retry_tolerance, false);
	}
	if (!done) {
		out->pass = 3;
		done = run_pass(&b, HUGE_VAL, true);
	}
	assert(done);

	/* Every node still active sits at the final break; take the cheapest
	 * and walk back. */
	size_t best = b.head;
	for (size_t a = b.head; a != NONE; a = b.pool[a].next_active)
		if (b.pool[a].demerits < b.pool[best].demerits)
			best = a;
	out->n_lines = b.pool[best].line;
	out->lines = arena_array(arena, out->n_lines, sizeof *out->lines);
	for (size_t id = best; b.pool[id].prev != NONE; id = b.pool[id].prev) {
		const struct node *nd = &b.pool[id];
		const struct break_item *brk = &l->items[nd->pos];
		size_t k = nd->line - 1;
		out->lines[k] = (struct break_line){
			.start = b.pool[nd->prev].start,
			.end = nd->pos,
			.width_pt = widths_pt[k < n_widths ? k : n_widths - 1],
			.natural_pt = nd->natural_pt,
			.hyphen_pt = brk->type == BREAK_PENALTY ? brk->width_pt : 0,
			.ratio = nd->ratio,
			.overfull = nd->overfull,
		};
	}
	free(b.pool);
	free(b.cand);
}

double layout_break_glue_width(const struct break_items *l, const struct break_line *line,
			       const struct break_item *g)
{
	if (l->mode == BREAK_RAGGED || g->fil)
		return g->width_pt;
	if (line->ratio >= 0)
		return g->width_pt + line->ratio * g->stretch_pt;
	return g->width_pt + line->ratio * g->shrink_pt;
}
