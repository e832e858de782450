/* model-gaps.c - the model with its gaps filled: every figure still to
 * enter ("?") taken as 0, so that a check or a draft can tell what a gap
 * hides (a path that resolves only there fails for want of those figures,
 * a cell present only there is a gap). */
#include <string.h>

#include "model.h"

/* A malformed value too (the loader has reported it): check-refs must not
 * report a path again for it, and a draft never has one (it is wrong data,
 * which refuses every build). */
static void assume(struct decimal *d)
{
	if (d->placeholder || d->malformed)
		*d = (struct decimal){ .present = true };
}

/* A copy of n items of size bytes, in arena. */
static void *copied(struct arena *arena, const void *items, size_t n, size_t size)
{
	void *copy = arena_array(arena, n, size);
	if (n)
		memcpy(copy, items, n * size);
	return copy;
}

static struct breakdown *assumed_breakdowns(struct arena *arena, const struct breakdown *bds,
					    size_t n)
{
	struct breakdown *out = copied(arena, bds, n, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		assume(&out[i].base);
		out[i].items = copied(arena, bds[i].items, bds[i].n_items, sizeof *out[i].items);
		for (size_t j = 0; j < out[i].n_items; j++)
			assume(&out[i].items[j].value);
	}
	return out;
}

static struct money_line *assumed_lines(struct arena *arena, const struct money_line *lines,
					size_t n)
{
	struct money_line *out = copied(arena, lines, n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		assume(&out[i].amount);
	return out;
}

static void assume_group(struct arena *arena, struct yjs_group *g)
{
	assume(&g->total);
	assume(&g->children);
	g->breakdowns = assumed_breakdowns(arena, g->breakdowns, g->n_breakdowns);
}

/* Only the data files' figures are copied, the rest is shared. */
const struct model *model_gaps_filled(const struct model *m, struct arena *a)
{
	struct model *w = arena_alloc(a, sizeof *w);
	*w = *m;

	struct finance *f = &w->finance;
	f->contributions = assumed_lines(a, f->contributions, f->n_contributions);
	f->costs = assumed_lines(a, f->costs, f->n_costs);
	assume(&f->reserves_opening);
	assume(&f->totals_income);
	assume(&f->totals_expenditure);
	f->previous = copied(a, f->previous, f->n_previous, sizeof *f->previous);
	for (size_t i = 0; i < f->n_previous; i++) {
		assume(&f->previous[i].income);
		assume(&f->previous[i].expenditure);
	}

	struct lado *l = &w->lado;
	l->years = copied(a, l->years, l->n_years, sizeof *l->years);
	for (size_t i = 0; i < l->n_years; i++) {
		assume(&l->years[i].referrals);
		assume(&l->years[i].contacts);
	}
	l->breakdowns = assumed_breakdowns(a, l->breakdowns, l->n_breakdowns);
	l->timescales = copied(a, l->timescales, l->n_timescales, sizeof *l->timescales);
	for (size_t i = 0; i < l->n_timescales; i++)
		for (int b = 0; b < BAND_COUNT; b++)
			assume(&l->timescales[i].band[b]);

	struct yjs *y = &w->yjs;
	assume_group(a, &y->offences);
	assume_group(a, &y->incidents);
	y->measures = copied(a, y->measures, y->n_measures, sizeof *y->measures);
	for (size_t i = 0; i < y->n_measures; i++)
		assume(&y->measures[i].percent);

	struct training *t = &w->training;
	t->courses = copied(a, t->courses, t->n_courses, sizeof *t->courses);
	for (size_t i = 0; i < t->n_courses; i++) {
		assume(&t->courses[i].sessions);
		assume(&t->courses[i].attendees);
	}
	assume(&t->totals_sessions);
	assume(&t->totals_attendees);
	t->previous = copied(a, t->previous, t->n_previous, sizeof *t->previous);
	for (size_t i = 0; i < t->n_previous; i++) {
		assume(&t->previous[i].sessions);
		assume(&t->previous[i].attendees);
	}
	return w;
}

