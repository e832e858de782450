/* check-totals.c - rule 7: a written total must be the sum of its parts
 * (finance and training totals, yjs group figures against breakdowns, lado
 * breakdowns against the activity year they divide). */
#include "check-private.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "figure.h"

/* Sum of money lines in pence; false when one could not be read. */
static bool sum_lines(const struct money_line *lines, size_t n, int64_t *sum)
{
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!lines[i].amount.present)
			return false;
		if (!figure_add(sum, lines[i].amount.hundredths))
			return false; /* too large: check_magnitudes() says so */
	}
	return true;
}

/* Finance totals, exact to the penny, at <totals>. */
static void check_finance(const struct finance *f, struct diags *d)
{
	if (!f->head.loaded || !f->has_totals)
		return;
	const struct {
		const char *attr;
		struct decimal total;
		const struct money_line *lines;
		size_t n;
		const char *parts;
	} sides[] = {
		{ "income", f->totals_income, f->contributions, f->n_contributions, "contributions" },
		{ "expenditure", f->totals_expenditure, f->costs, f->n_costs, "costs" },
	};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		int64_t sum;
		/* Only items that are given are added up (DECISIONS.md). */
		if (!sides[i].total.present || sides[i].n == 0 || !sum_lines(sides[i].lines, sides[i].n, &sum) ||
		    sum == sides[i].total.hundredths)
			continue;
		int64_t diff = sum - sides[i].total.hundredths;
		char written[32], s_sum[32], s_diff[32];
		diag_error(d, f->totals_pos, 7,
			   "totals %s=\"%s\" but the %s add to %s (a difference of %s); correct the "
			   "total or the items",
			   sides[i].attr, check_written(sides[i].total, written, sizeof written),
			   sides[i].parts, check_money(sum, s_sum, sizeof s_sum),
			   check_money(diff < 0 ? -diff : diff, s_diff, sizeof s_diff));
	}
}

/* Training totals at <totals>: sessions always, attendees only when every
 * course gives attendees (otherwise the total may rightly hold more). */
static void check_training(const struct training *t, struct diags *d)
{
	if (!t->head.loaded || !t->has_totals)
		return;
	int64_t sessions = 0, attendees = 0;
	bool sessions_known = true, attendees_known = true;
	for (size_t i = 0; i < t->n_courses; i++) {
		const struct course *c = &t->courses[i];
		/* A sum too large is not known (check_magnitudes() says so). */
		sessions_known = sessions_known && c->sessions.present &&
				 figure_add(&sessions, c->sessions.hundredths);
		attendees_known = attendees_known && c->attendees.present &&
				  figure_add(&attendees, c->attendees.hundredths);
	}
	const struct {
		const char *attr;
		struct decimal total;
		bool known;
		int64_t sum;
	} sides[] = {
		{ "sessions", t->totals_sessions, sessions_known, sessions },
		{ "attendees", t->totals_attendees, attendees_known, attendees },
	};
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		if (!sides[i].total.present || !sides[i].known ||
		    sides[i].sum == sides[i].total.hundredths)
			continue;
		int64_t diff = sides[i].sum - sides[i].total.hundredths;
		char written[32], s_sum[32], s_diff[32];
		diag_error(d, t->totals_pos, 7,
			   "totals %s=\"%s\" but the courses add to %s %s (a difference of %s); "
			   "correct the total or the courses",
			   sides[i].attr, check_written(sides[i].total, written, sizeof written),
			   check_count(sides[i].sum, s_sum, sizeof s_sum), sides[i].attr,
			   check_count(diff < 0 ? -diff : diff, s_diff, sizeof s_diff));
	}
}

/* `of` compared as a word: surrounding spaces and case do not matter. */
static bool of_is(const char *of, const char *word)
{
	if (!of || !word)
		return false;
	while (isspace((unsigned char)*of))
		of++;
	size_t len = strlen(of);
	while (len && isspace((unsigned char)of[len - 1]))
		len--;
	if (len != strlen(word))
		return false;
	for (size_t i = 0; i < len; i++)
		if (tolower((unsigned char)of[i]) != tolower((unsigned char)word[i]))
			return false;
	return true;
}

/* The group figure a breakdown divides: `total` for a breakdown of the
 * group's own thing (offences; incidents, or the incidents' kind), and
 * `children` for one of children. NULL when it divides something else. */
static const struct decimal *group_figure(const struct yjs_group *g, const char *group,
					  const struct breakdown *b, const char **attr)
{
	if (of_is(b->of, "children")) {
		*attr = "children";
		return &g->children;
	}
	if (of_is(b->of, group) || (g->kind && of_is(b->of, g->kind))) {
		*attr = "total";
		return &g->total;
	}
	return NULL;
}

/* A yjs group against its breakdowns. A breakdown with a base is compared
 * by its base (rule 4 has compared the base with the items already, so the
 * items are not compared twice); one without a base, by its items when it
 * is a complete list of counts. */
static void check_group(const struct yjs_group *g, const char *group, struct diags *d)
{
	if (!g->present)
		return;
	for (size_t i = 0; i < g->n_breakdowns; i++) {
		const struct breakdown *b = &g->breakdowns[i];
		const char *attr;
		const struct decimal *fig = group_figure(g, group, b, &attr);
		if (!fig || !fig->present)
			continue;
		char s_fig[32], s_other[32], s_diff[32];
		if (b->base.present) {
			if (b->base.hundredths == fig->hundredths)
				continue;
			diag_error(d, b->pos, 7,
				   "base=\"%s\" but %s %s=\"%s\" counts the same %s; correct whichever "
				   "is wrong",
				   check_written(b->base, s_other, sizeof s_other), group, attr,
				   check_written(*fig, s_fig, sizeof s_fig), check_of_word(b));
			continue;
		}
		int64_t sum;
		if (b->partial || check_measure(b) != MEASURE_COUNT || !check_sum_items(b, &sum) ||
		    sum == fig->hundredths)
			continue;
		int64_t diff = sum - fig->hundredths;
		diag_error(d, g->pos, 7,
			   "%s %s=\"%s\" but breakdown \"%s\" adds to %s %s (a difference of %s); "
			   "correct the %s or the items",
			   group, attr, check_written(*fig, s_fig, sizeof s_fig), b->id ? b->id : "",
			   check_count(sum, s_other, sizeof s_other), check_of_word(b),
			   check_count(diff < 0 ? -diff : diff, s_diff, sizeof s_diff),
			   fig == &g->total ? "total" : "children figure");
	}
}

/* A lado breakdown against the count the activity row of the report's own
 * year holds for the same thing. The pairing is by what `of` says
 * (case-insensitive, DECISIONS.md "Arithmetic in the prose"):
 *   "referrals"                      the year's referrals
 *   "contacts"                       the year's contacts
 *   "activity" or "total activity"   referrals + contacts (lado.total)
 * Any other `of` ("allegations", "cases") counts something the data does
 * not hold, and is not compared. As for yjs, a breakdown with a base is
 * compared by its base, one without by its items when it is a complete
 * list of counts. */
static void check_lado_bases(const struct model *m, struct diags *d)
{
	const struct lado *l = &m->lado;
	struct period own = m->report.head.period.first_year ? m->report.head.period
							       : l->head.period;
	const struct lado_year *y = NULL;
	for (size_t i = 0; i < l->n_years && !y; i++)
		if (own.first_year && l->years[i].period.first_year == own.first_year)
			y = &l->years[i];
	if (!y)
		return; /* rule 8 reports a missing own year */
	char s_year[8];
	period_format(y->period, s_year);
	for (size_t i = 0; i < l->n_breakdowns; i++) {
		const struct breakdown *b = &l->breakdowns[i];
		const char *what;
		int64_t fig;
		if (of_is(b->of, "referrals") && y->referrals.present) {
			what = "referrals";
			fig = y->referrals.hundredths;
		} else if (of_is(b->of, "contacts") && y->contacts.present) {
			what = "contacts";
			fig = y->contacts.hundredths;
		} else if ((of_is(b->of, "activity") || of_is(b->of, "total activity")) &&
			   y->referrals.present && y->contacts.present) {
			what = "referrals + contacts";
			fig = y->referrals.hundredths + y->contacts.hundredths;
		} else {
			continue;
		}
		char s_fig[32], s_other[32], s_diff[32], s_has[96];
		check_count(fig, s_fig, sizeof s_fig);
		if (strchr(what, '+'))
			snprintf(s_has, sizeof s_has, "%s = %s", what, s_fig);
		else
			snprintf(s_has, sizeof s_has, "%s=\"%lld\"", what, (long long)(fig / 100));
		if (b->base.present) {
			if (b->base.hundredths == fig)
				continue;
			diag_error(d, b->pos, 7,
				   "base=\"%s\" but activity year %s has %s, and both count the year's "
				   "%s; correct whichever is wrong",
				   check_written(b->base, s_other, sizeof s_other), s_year, s_has,
				   strchr(what, '+') ? "activity" : what);
			continue;
		}
		int64_t sum;
		if (b->partial || check_measure(b) != MEASURE_COUNT || !check_sum_items(b, &sum) ||
		    sum == fig)
			continue;
		int64_t diff = sum - fig;
		diag_error(d, b->pos, 7,
			   "breakdown \"%s\" adds to %s %s but activity year %s has %s (a "
			   "difference of %s); correct the items or the activity row",
			   b->id ? b->id : "", check_count(sum, s_other, sizeof s_other),
			   check_of_word(b), s_year, s_has,
			   check_count(diff < 0 ? -diff : diff, s_diff, sizeof s_diff));
	}
}

void check_totals(const struct model *m, struct diags *d)
{
	if (m->lado.head.loaded)
		check_lado_bases(m, d);
	check_finance(&m->finance, d);
	check_training(&m->training, d);
	if (m->yjs.head.loaded) {
		check_group(&m->yjs.offences, "offences", d);
		check_group(&m->yjs.incidents, "incidents", d);
	}
}
