/* check-reviews.c - the register of case reviews: rule 13 (ids, names,
 * milestones in order and not after the sign-off, links, years) and the
 * statutory timescales and open actions (warnings 10 and 11). */
#include "check-private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review-dates.h"
#include "vocab.h"

/* The statutory timescales (doc/reference.md, "Statutory timescales"). */
enum {
	RAPID_REVIEW_WORKING_DAYS = 15, /* from the notification */
	LOCAL_REVIEW_MONTHS = 6,        /* from the decision to publication */
};

/* "review "Alfie" (alfie)": how every finding names the review. */
static const char *review_named(struct arena *a, const struct review *r)
{
	return arena_printf(a, "review \"%s\" (%s)", r->name ? r->name : "",
			    r->id ? r->id : "no id");
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The day the register is judged at: the scrutineer's sign-off, or the
 * end of the reporting period while there is none; never today, so that
 * the same folder always gives the same findings. False when neither is
 * known. */
static bool judge_day(const struct model *m, long *day, const char **what, struct arena *a)
{
	const struct scrutiny *s = &m->scrutiny;
	char buf[64];
	if (s->has_sign_off && s->sign_off.year) {
		struct review_date d = { s->sign_off.year, s->sign_off.month, s->sign_off.day };
		*day = review_date_first(d);
		*what = arena_printf(a, "the sign-off on %s", review_date_format(d, buf, sizeof buf));
		return true;
	}
	struct date end = m->report.meta.period_end;
	struct review_date d = { end.year, end.month, end.day };
	if (!end.year) {
		int first = m->report.head.period.first_year;
		if (!first)
			return false;
		d = (struct review_date){ first + 1, 3, 31 };
	}
	*day = review_date_first(d);
	*what = arena_printf(a, "the end of the period on %s",
			     review_date_format(d, buf, sizeof buf));
	return true;
}

/* Is href an address a reader's browser can open: http or https, a host
 * name with a dot, no spaces? */
static bool well_formed_href(const char *href)
{
	const char *p = href;
	if (strncmp(p, "https://", 8) == 0)
		p += 8;
	else if (strncmp(p, "http://", 7) == 0)
		p += 7;
	else
		return false;
	size_t host = 0;
	bool dot = false;
	for (; *p && *p != '/' && *p != ':' && *p != '?' && *p != '#'; p++, host++) {
		if (*p == '.') {
			if (host == 0 || p[1] == '.' || p[1] == '\0' || p[1] == '/')
				return false;
			dot = true;
		} else if (!isalnum((unsigned char)*p) && *p != '-') {
			return false;
		}
	}
	if (!host || !dot)
		return false;
	for (; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

static void check_links(const struct review *r, struct diags *d, struct arena *a)
{
	for (size_t i = 0; i < r->n_links; i++) {
		const struct review_link *l = &r->links[i];
		if (!l->href || well_formed_href(l->href))
			continue;
		const char *fix = "";
		if (strncmp(l->href, "www.", 4) == 0 && well_formed_href(arena_printf(a, "https://%s",
										       l->href)))
			fix = arena_printf(a, ", e.g. href=\"https://%s\"", l->href);
		diag_error(d, l->pos, 13, "%s: href=\"%s\" is not a web address: write it in full, "
			   "beginning https:// or http://%s", review_named(a, r), l->href, fix);
	}
}

/* Milestones in the order they happen, each event once; a pair of dates
 * is out of order only when no days of their months could be in order. */
static void check_milestones(const struct review *r, struct diags *d, struct arena *a,
			     bool have_judge, long judge, const char *judge_what)
{
	const struct review_milestone_entry *by_event[MS_COUNT] = { 0 };
	for (size_t i = 0; i < r->n_milestones; i++) {
		const struct review_milestone_entry *e = &r->milestones[i];
		if (!e->event_valid)
			continue;
		if (by_event[e->event]) {
			diag_error(d, e->pos, 13, "%s has two milestones event=\"%s\" (the first at line "
				   "%u); keep one", review_named(a, r), vocab_review_milestones[e->event],
				   (unsigned)by_event[e->event]->pos.line);
			continue;
		}
		by_event[e->event] = e;
	}
	const struct review_milestone_entry *before = NULL;
	char b1[48], b2[48];
	for (int ms = 0; ms < MS_COUNT; ms++) {
		const struct review_milestone_entry *e = by_event[ms];
		if (!e || !e->date.year)
			continue;
		if (before && review_date_last(e->date) < review_date_first(before->date))
			diag_error(d, e->pos, 13, "%s: %s (%s) is before %s (%s); milestones happen "
				   "in the order notified, rapid-review, rapid-review-to-panel, decision, "
				   "author-appointed, report-to-partnership, report-to-panel, published: "
				   "correct one of the dates", review_named(a, r),
				   vocab_review_milestones[ms], review_date_format(e->date, b1, sizeof b1),
				   vocab_review_milestones[before->event],
				   review_date_format(before->date, b2, sizeof b2));
		before = e;
		if (have_judge && !e->expected && review_date_first(e->date) > judge)
			diag_error(d, e->pos, 13, "%s: %s (%s) is after %s; a date still to come is "
				   "written expected=\"yes\"", review_named(a, r),
				   vocab_review_milestones[ms], review_date_format(e->date, b1, sizeof b1),
				   judge_what);
	}
}

/* One statutory timescale: from milestone `from` (a date that happened),
 * `end` is due by `due` (the most favourable reading of a month). Warns
 * when it happened or is expected after that day, or when it has not
 * happened by the judging day of a review still in progress. */
static void timescale(const struct review *r, struct diags *d, struct arena *a,
		      const struct review_milestone_entry *from,
		      const struct review_milestone_entry *end,
		      long due, const char *rule, bool have_judge, long judge, const char *judge_what)
{
	char b1[48], b2[48], b3[48];
	const char *what = arena_printf(a, "%s (%s)", rule,
					review_date_format(from->date, b1, sizeof b1));
	review_day_format(due, b2, sizeof b2);
	if (end->date.year) {
		if (review_date_first(end->date) <= due)
			return;
		diag_warning(d, end->pos, 10, "%s: %s (%s%s) is later than %s allow (due by %s)",
			     review_named(a, r), vocab_review_milestones[end->event],
			     end->expected ? "expected " : "",
			     review_date_format(end->date, b3, sizeof b3), what, b2);
		return;
	}
	if (r->status == REVIEW_IN_PROGRESS && have_judge && judge > due)
		diag_warning(d, r->pos, 10, "%s is overdue: %s allow until %s, and at %s it has no "
			     "%s date; add the milestone, or mark it expected", review_named(a, r), what,
			     b2, judge_what, vocab_review_milestones[end->event]);
}

static void check_timescales(const struct review *r, struct diags *d, struct arena *a,
			     bool have_judge, long judge, const char *judge_what)
{
	if (!r->kind_valid)
		return;
	/* The rapid review: 15 working days from the notification, to the
	 * review sent to the national panel (or held, when the register does
	 * not say when it was sent). Serious case reviews came before it. */
	const struct review_milestone_entry *notified = review_milestone_of(r, MS_NOTIFIED);
	if (r->kind != REVIEW_SCR && notified && notified->date.year && !notified->expected) {
		const struct review_milestone_entry *end = review_milestone_of(r, MS_RAPID_TO_PANEL);
		if (!end)
			end = review_milestone_of(r, MS_RAPID_REVIEW);
		long due;
		if (review_add_working_days(review_date_last(notified->date),
					    RAPID_REVIEW_WORKING_DAYS, &due)) {
			/* Only a rapid review is overdue for want of it: a later
			 * review has gone past its rapid review. */
			struct review_milestone_entry none = { .pos = r->pos, .event = MS_RAPID_REVIEW };
			if (end || r->kind == REVIEW_RAPID)
				timescale(r, d, a, notified, end ? end : &none, due, "the 15 working days "
					  "from the notification", have_judge, judge, judge_what);
		}
	}
	/* A local review: published within six months of the decision. */
	const struct review_milestone_entry *decision = review_milestone_of(r, MS_DECISION);
	if ((r->kind == REVIEW_LCSPR || r->kind == REVIEW_SCR) && decision && decision->date.year &&
	    !decision->expected) {
		long due = review_add_months(review_date_last(decision->date), LOCAL_REVIEW_MONTHS);
		const struct review_milestone_entry *published = review_milestone_of(r, MS_PUBLISHED);
		struct review_milestone_entry none = { .pos = r->pos, .event = MS_PUBLISHED };
		timescale(r, d, a, decision, published ? published : &none, due,
			  "the six months from the decision", have_judge, judge, judge_what);
	}
}

static void check_actions(const struct review *r, struct diags *d, struct arena *a,
			  bool have_judge, long judge, const char *judge_what)
{
	char b1[48];
	for (size_t i = 0; i < r->n_actions; i++) {
		const struct review_action *act = &r->actions[i];
		if (blank(act->text))
			diag_error(d, act->pos, 13, "%s: an action has no text; write what is to be done",
				   review_named(a, r));
		if (act->owner && blank(act->owner))
			diag_error(d, act->pos, 13, "%s: an action has a blank owner; name who carries "
				   "it out", review_named(a, r));
		if (!have_judge || !act->status_valid || act->status == ACTION_COMPLETE ||
		    !act->date.year || review_date_last(act->date) >= judge)
			continue;
		diag_warning(d, act->pos, 11, "%s: an action of %s is still %s at %s, past its date "
			     "%s", review_named(a, r), act->owner ? act->owner : "no owner",
			     act->status == ACTION_OPEN ? "open" : "in progress", judge_what,
			     review_date_format(act->date, b1, sizeof b1));
	}
}

void check_reviews(const struct model *m, struct diags *d, struct arena *scratch)
{
	const struct reviews *rv = &m->reviews;
	if (!rv->head.loaded)
		return;
	long judge = 0;
	const char *judge_what = NULL;
	bool have_judge = judge_day(m, &judge, &judge_what, scratch);

	const char **ids = arena_array(scratch, rv->n_reviews ? rv->n_reviews : 1, sizeof *ids);
	for (size_t i = 0; i < rv->n_reviews; i++)
		ids[i] = rv->reviews[i].id;
	size_t *repeats = check_first_repeats(ids, rv->n_reviews);
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		if (repeats[i] != SIZE_MAX)
			diag_error(d, r->pos, 13, "id=\"%s\" is given to another review too (line %u); "
				   "give each review its own id", r->id,
				   (unsigned)rv->reviews[repeats[i]].pos.line);
		if (r->name && blank(r->name))
			diag_error(d, r->pos, 13, "review %s has a blank name; write the name or "
				   "pseudonym it is published under", r->id ? r->id : "");
		if (!review_year(r).first_year)
			diag_error(d, r->pos, 13, "%s has no year to count in: give year=\"YYYY-YY\" or "
				   "a date that happened", review_named(scratch, r));
		check_milestones(r, d, scratch, have_judge, judge, judge_what);
		check_links(r, d, scratch);
		check_timescales(r, d, scratch, have_judge, judge, judge_what);
		check_actions(r, d, scratch, have_judge, judge, judge_what);
	}
	free(repeats);
}
