/* load-reviews.c - reviews.xml, the register of case reviews, into the model. */
#include "load-private.h"

#include <string.h>

#include "vocab.h"

static int days_in(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* Reads n digits at s; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A date of the register: YYYY-MM-DD, or YYYY-MM (day 0) when the source
 * gives only the month. Reported (rule 1) when malformed or not a day of
 * the calendar; then year 0. */
static struct review_date load_review_date(struct load_file *f, xmlNode *node, const char *attr)
{
	struct review_date out = { 0 };
	const char *v = load_raw(f, node, attr);
	if (!v)
		return out;
	size_t len = strlen(v);
	int year = len >= 7 ? digits(v, 4) : -1;
	int month = len >= 7 && v[4] == '-' ? digits(v + 5, 2) : -1;
	int day = 0;
	if (len == 10 && v[7] == '-')
		day = digits(v + 8, 2);
	else if (len != 7)
		year = -1;
	char buf[LOAD_SHOWN_MAX * 4 + 8];
	struct srcpos pos = load_pos(f, node);
	if (year < 0 || month < 0 || day < 0)
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a date: write YYYY-MM-DD, or YYYY-MM "
			   "when only the month is known", attr, load_shown(v, buf, sizeof buf));
	else if (year == 0)
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a real date: there is no year 0", attr,
			   load_shown(v, buf, sizeof buf));
	else if (month < 1 || month > 12)
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a real date: there is no month %d", attr,
			   load_shown(v, buf, sizeof buf), month);
	else if (len == 10 && (day < 1 || day > days_in(year, month)))
		diag_error(f->d, pos, 1, "%s=\"%s\" is not a real date: that month has %d days",
			   attr, load_shown(v, buf, sizeof buf), days_in(year, month));
	else
		out = (struct review_date){ year, month, day };
	return out;
}

static void load_milestone(struct load_file *f, xmlNode *node, struct review_milestone_entry *e)
{
	e->pos = load_pos(f, node);
	int ev = load_enum(f, node, VOCAB_AT_EVENT, vocab_review_milestones, MS_COUNT, -1);
	e->event_valid = ev >= 0;
	e->event = ev >= 0 ? (enum review_milestone)ev : MS_NOTIFIED;
	e->date = load_review_date(f, node, VOCAB_AT_DATE);
	e->expected = load_flag(f, node, VOCAB_AT_EXPECTED, VOCAB_YES, VOCAB_NO, false);
	e->note = load_string(f, node, VOCAB_AT_NOTE);
}

static void load_action(struct load_file *f, xmlNode *node, struct review_action *a)
{
	a->pos = load_pos(f, node);
	a->text = load_text(f, node);
	a->owner = load_string(f, node, VOCAB_AT_OWNER);
	int st = load_enum(f, node, VOCAB_AT_STATUS, vocab_action_statuses, ACTION_STATUS_COUNT,
			   -1);
	a->status_valid = st >= 0;
	a->status = st >= 0 ? (enum action_status)st : ACTION_OPEN;
	a->date = load_review_date(f, node, VOCAB_AT_DATE);
}

static void load_review(struct load_file *f, xmlNode *node, struct review *r)
{
	r->pos = load_pos(f, node);
	r->id = load_id(f, node, VOCAB_AT_ID);
	r->name = load_string(f, node, VOCAB_AT_NAME);
	int kind = load_enum(f, node, VOCAB_AT_KIND, vocab_review_kinds, REVIEW_KIND_COUNT, -1);
	r->kind_valid = kind >= 0;
	r->kind = kind >= 0 ? (enum review_kind)kind : REVIEW_RAPID;
	int st = load_enum(f, node, VOCAB_AT_STATUS, vocab_review_statuses, REVIEW_STATUS_COUNT,
			   -1);
	r->status_valid = st >= 0;
	r->status = st >= 0 ? (enum review_status)st : REVIEW_IN_PROGRESS;
	r->year = load_period(f, node, VOCAB_AT_YEAR);

	r->n_milestones = load_count_children(node, VOCAB_EL_MILESTONE);
	r->milestones = arena_array(f->arena, r->n_milestones, sizeof *r->milestones);
	size_t i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_MILESTONE); c;
	     c = load_next(c, VOCAB_EL_MILESTONE), i++)
		load_milestone(f, c, &r->milestones[i]);

	r->n_links = load_count_children(node, VOCAB_EL_LINK);
	r->links = arena_array(f->arena, r->n_links, sizeof *r->links);
	i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_LINK); c; c = load_next(c, VOCAB_EL_LINK), i++) {
		struct review_link *l = &r->links[i];
		l->pos = load_pos(f, c);
		int k = load_enum(f, c, VOCAB_AT_KIND, vocab_review_link_kinds, LINK_KIND_COUNT, -1);
		l->kind_valid = k >= 0;
		l->kind = k >= 0 ? (enum review_link_kind)k : LINK_REPORT;
		l->href = load_string(f, c, VOCAB_AT_HREF);
	}

	r->n_themes = load_count_children(node, VOCAB_EL_THEME);
	r->themes = arena_array(f->arena, r->n_themes, sizeof *r->themes);
	i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_THEME); c;
	     c = load_next(c, VOCAB_EL_THEME), i++) {
		r->themes[i].pos = load_pos(f, c);
		r->themes[i].text = load_text(f, c);
	}

	r->n_actions = load_count_children(node, VOCAB_EL_ACTION);
	r->actions = arena_array(f->arena, r->n_actions, sizeof *r->actions);
	i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_ACTION); c;
	     c = load_next(c, VOCAB_EL_ACTION), i++)
		load_action(f, c, &r->actions[i]);
}

void load_reviews(struct load_file *f, xmlNode *root)
{
	struct reviews *rv = &f->m->reviews;
	load_head(f, root, &rv->head);
	rv->n_reviews = load_count_children(root, VOCAB_EL_REVIEW);
	rv->reviews = arena_array(f->arena, rv->n_reviews, sizeof *rv->reviews);
	size_t i = 0;
	for (xmlNode *c = load_first(root, VOCAB_EL_REVIEW); c;
	     c = load_next(c, VOCAB_EL_REVIEW), i++)
		load_review(f, c, &rv->reviews[i]);
}
