/* check-magnitude.c - rule 11 for sums: every list of figures reportc adds
 * up (a breakdown's items, contributions, costs, the courses' sessions and
 * attendees, a LADO year's referrals and contacts) stays within the largest
 * figure, FIGURE_MAX_HUNDREDTHS. Past it the sum is "too large", reported
 * at the item that takes it past: nothing later adds, multiplies or prints
 * a value that has wrapped. */
#include "check-private.h"

#include "figure.h"

struct running {
	int64_t sum;
	bool reported;
};

/* Adds v to the running sum of a list; the first item that takes it past
 * the bound is the finding, the rest of the list is then quiet. */
static void add(struct running *r, struct decimal v, enum unit unit, struct srcpos pos,
		const char *what, struct diags *d)
{
	if (r->reported || !v.present || figure_add(&r->sum, v.hundredths))
		return;
	r->reported = true;
	char most[40];
	/* Counts are whole: their largest is 999,999,999,999,999. */
	int64_t max = unit == UNIT_MONEY ? FIGURE_MAX_HUNDREDTHS : FIGURE_MAX_HUNDREDTHS / 100 * 100;
	figure_format((struct figure){ unit, max, 2 }, most, sizeof most);
	diag_error(d, pos, 11,
		   "too large: with this one the %s add up to more than %s, the most a figure "
		   "can hold (15 digits)", what, most);
}

static void check_breakdown_list(const struct breakdown *b, size_t n, struct arena *scratch,
				 struct diags *d)
{
	for (size_t i = 0; i < n; i++) {
		struct running r = { 0 };
		enum unit unit = check_measure(&b[i]) == MEASURE_PERCENT ? UNIT_PERCENT : UNIT_COUNT;
		const char *what = arena_printf(scratch, "%s %s", b[i].id ? b[i].id : "breakdown",
						unit == UNIT_PERCENT ? "percentages" : "counts");
		for (size_t j = 0; j < b[i].n_items; j++)
			add(&r, b[i].items[j].value, unit, b[i].items[j].pos, what, d);
	}
}

static void check_money_lines(const struct money_line *lines, size_t n, const char *what,
			      struct diags *d)
{
	struct running r = { 0 };
	for (size_t i = 0; i < n; i++)
		add(&r, lines[i].amount, UNIT_MONEY, lines[i].pos, what, d);
}

void check_magnitudes(const struct model *m, struct diags *d, struct arena *scratch)
{
	check_breakdown_list(m->lado.breakdowns, m->lado.n_breakdowns, scratch, d);
	check_breakdown_list(m->yjs.offences.breakdowns, m->yjs.offences.n_breakdowns, scratch, d);
	check_breakdown_list(m->yjs.incidents.breakdowns, m->yjs.incidents.n_breakdowns, scratch,
			     d);
	check_money_lines(m->finance.contributions, m->finance.n_contributions, "contributions",
			  d);
	check_money_lines(m->finance.costs, m->finance.n_costs, "costs", d);
	struct running sessions = { 0 }, attendees = { 0 };
	for (size_t i = 0; i < m->training.n_courses; i++) {
		const struct course *c = &m->training.courses[i];
		add(&sessions, c->sessions, UNIT_COUNT, c->pos, "courses' sessions", d);
		add(&attendees, c->attendees, UNIT_COUNT, c->pos, "courses' attendees", d);
	}
	for (size_t i = 0; i < m->lado.n_years; i++) {
		const struct lado_year *y = &m->lado.years[i];
		struct running r = { 0 };
		add(&r, y->referrals, UNIT_COUNT, y->pos, "referrals and contacts", d);
		add(&r, y->contacts, UNIT_COUNT, y->pos, "referrals and contacts", d);
	}
}
