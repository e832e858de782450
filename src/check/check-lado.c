/* check-lado.c - rule 8: lado activity years (order, repeats, the report's
 * own year) and timescale bands (their sum, their year). */
#include "check-private.h"

#include <stdio.h>
#include <string.h>

/* Activity rows run oldest first, once each. A repeat is reported as a
 * repeat only (it is also out of place, but one fix mends both); a row
 * older than the one before it is out of order, so a single misplaced
 * row gives a single finding. */
static void check_years(const struct lado *l, struct diags *d)
{
	for (size_t i = 0; i < l->n_years; i++) {
		const struct lado_year *y = &l->years[i];
		if (!y->period.first_year)
			continue;
		char s_y[8], s_prev[8];
		period_format(y->period, s_y);
		const struct lado_year *first = NULL;
		for (size_t j = 0; j < i && !first; j++)
			if (l->years[j].period.first_year == y->period.first_year)
				first = &l->years[j];
		if (first) {
			diag_error(d, y->pos, 8,
				   "activity year %s is given twice (first at line %u); keep one row "
				   "per year",
				   s_y, (unsigned)first->pos.line);
			continue;
		}
		const struct lado_year *prev = NULL;
		for (size_t j = i; j-- > 0 && !prev;)
			if (l->years[j].period.first_year)
				prev = &l->years[j];
		if (prev && prev->period.first_year > y->period.first_year)
			diag_error(d, y->pos, 8,
				   "activity year %s comes after %s; the years run oldest first: move "
				   "this row up to its place",
				   s_y, period_format(prev->period, s_prev));
	}
}

static bool has_year(const struct lado *l, struct period p)
{
	for (size_t i = 0; i < l->n_years; i++)
		if (l->years[i].period.first_year == p.first_year)
			return true;
	return false;
}

/* The activity years as "2020-21, 2021-22 and 2023-24", in arena. */
static const char *year_list(const struct lado *l, struct arena *arena)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n_years; i++)
		n += l->years[i].period.first_year != 0;
	const char *list = "";
	for (size_t i = 0, k = 0; i < l->n_years; i++) {
		char s[8];
		if (l->years[i].period.first_year)
			list = check_list_add(arena, list, k++, n, "and",
					      period_format(l->years[i].period, s));
	}
	return list;
}

/* The report's own year must have a row: the current figures come from it. */
static void check_own_year(const struct model *m, struct diags *d)
{
	const struct lado *l = &m->lado;
	struct period own = m->report.head.period.first_year ? m->report.head.period
							       : l->head.period;
	if (!own.first_year || !l->activity_pos.line || has_year(l, own))
		return;
	char s_own[8];
	period_format(own, s_own);
	diag_error(d, l->activity_pos, 8,
		   "activity has no row for the report's own year %s; add <year period=\"%s\" "
		   "referrals=\"…\" contacts=\"…\"/> as its last row",
		   s_own, s_own);
}

/* Timescale bands are exclusive and cover every concluded case, so they
 * add to 100 within the rounding gap of rule 5; each row's year must be
 * one of the activity years. */
static void check_timescales(const struct lado *l, struct diags *d, struct arena *arena)
{
	for (size_t i = 0; i < l->n_timescales; i++) {
		const struct lado_timescale *t = &l->timescales[i];
		char s_y[16] = "this row";
		if (t->period.first_year)
			period_format(t->period, s_y);
		if (t->period.first_year && !has_year(l, t->period)) {
			if (l->n_years)
				diag_error(d, t->pos, 8,
					   "timescales year %s is not an activity year (activity "
					   "has %s); add %s to activity or correct this row's period",
					   s_y, year_list(l, arena), s_y);
			else
				diag_error(d, t->pos, 8,
					   "timescales year %s is not an activity year (activity "
					   "has no years); add %s to activity",
					   s_y, s_y);
		}

		int64_t sum = 0;
		int decimals = 0;
		bool known = true;
		for (int b = 0; b < BAND_COUNT; b++) {
			known = known && t->band[b].present;
			sum += t->band[b].hundredths;
			if (t->band[b].decimals > decimals)
				decimals = t->band[b].decimals;
		}
		if (!known)
			continue;
		int64_t gap = check_rounding_gap_thousandths(t->band, BAND_COUNT);
		int64_t off = sum * 10 - 100000;
		if ((off < 0 ? -off : off) <= gap)
			continue;
		char s_sum[32], s_gap[32];
		diag_error(d, t->pos, 8,
			   "timescale bands for %s add to %s, not 100%% (rounding explains at most "
			   "%s); the four bands share out every concluded case: correct them",
			   s_y, check_percent(sum, decimals, s_sum, sizeof s_sum),
			   check_thousandths(gap, s_gap, sizeof s_gap));
	}
}

void check_lado(const struct model *m, struct diags *d, struct arena *scratch)
{
	if (!m->lado.head.loaded)
		return;
	check_years(&m->lado, d);
	check_own_year(m, d);
	check_timescales(&m->lado, d, scratch);
}
