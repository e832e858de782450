/* check-records.c - what the schemas cannot say about single records: a
 * table row as wide as its head, one course per title and mode, previous
 * years that are earlier years, each once, a reporting period that is the
 * year of `period`, a kpi with one of `of` and `value`, names and labels
 * that say something, and links with an address and a text. */
#include "check-private.h"

#include <stdlib.h>
#include <string.h>

/* What the walk carries: the findings, and how many notes are open around
 * the current inline. */
struct walk {
	struct diags *d;
	int note_depth;
};

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* ---- report.xml: tables, kpis, links, names ------------------------------ */

static void check_table(const struct block *b, struct diags *d)
{
	const struct table *t = &b->u.table;
	size_t want = t->head.n_cells;
	for (size_t i = 0; i < t->n_rows; i++) {
		size_t got = t->rows[i].n_cells;
		if (got != want)
			diag_error(d, t->rows[i].pos, 1,
				   "this row has %zu cell%s but the table's head has %zu: every row "
				   "has one cell for each column (an empty <cell/> for a gap)",
				   got, got == 1 ? "" : "s", want);
	}
}

static void check_kpis(const struct block *b, struct diags *d)
{
	const struct kpis *k = &b->u.kpis;
	for (size_t i = 0; i < k->n_kpis; i++) {
		const struct kpi *kpi = &k->kpis[i];
		if (kpi->of && kpi->value)
			diag_error(d, kpi->pos, 1,
				   "<kpi> has both of=\"…\" and value=\"…\"; give one: of for a figure "
				   "from the data, value for text printed as written");
		else if (!kpi->of && !kpi->value)
			diag_error(d, kpi->pos, 1,
				   "<kpi> has neither of=\"…\" nor value=\"…\"; give one: of for a "
				   "figure from the data, value for text printed as written");
	}
}

/* The text a link shows, without its tags: blank when it has none. */
static bool has_text(const struct inline_node *in)
{
	for (; in; in = in->next) {
		if (in->kind == IN_TEXT && !blank(in->text))
			return true;
		if (in->kind == IN_VALUE || in->kind == IN_CHANGE || in->kind == IN_REF)
			return true;
		if (in->kind != IN_NOTE && has_text(in->children))
			return true;
	}
	return false;
}

static bool on_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	if (ev != MODEL_ENTER)
		return true;
	struct walk *k = w->ctx;
	if (b->kind == BLK_TABLE)
		check_table(b, k->d);
	else if (b->kind == BLK_KPIS)
		check_kpis(b, k->d);
	return true;
}

/* Reports each note inside the notes of in (a footnote of a footnote has
 * no mark to stand at and no foot to print at). */
static void inner_notes(const struct inline_node *in, struct diags *d)
{
	for (; in; in = in->next) {
		if (in->kind == IN_NOTE)
			diag_error(d, in->pos, 1,
				   "a <note> inside a <note>: a footnote cannot have its own "
				   "footnote; write its text into the outer note");
		inner_notes(in->children, d);
	}
}

static void on_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	/* The walk enters the inner notes too: only an outermost note (no
	 * note among the open inlines' ancestors) looks inside. */
	struct walk *k = w->ctx;
	if (in->kind == IN_NOTE) {
		if (ev == MODEL_ENTER && k->note_depth++ == 0)
			inner_notes(in->children, k->d);
		else if (ev == MODEL_EXIT)
			k->note_depth--;
	}
	if (ev != MODEL_ENTER || in->kind != IN_LINK)
		return;
	if (!in->target || blank(in->target))
		diag_error(k->d, in->pos, 1,
			   "<a> has an empty href; write the web address the link goes to");
	if (!has_text(in->children))
		diag_error(k->d, in->pos, 1,
			   "<a href=\"%s\"> has no text; write what the link is, as readers will "
			   "hear it (\"the 2023 guidance\", not \"click here\")",
			   in->target ? in->target : "");
}

/* Names and labels that are printed or listed: blank says nothing. */
static void on_field(struct model_walk *w, enum model_field field, const char *text,
		     struct srcpos pos)
{
	const char *attr, *what;
	switch (field) {
	case FIELD_ITEM_LABEL: attr = "label", what = "the item's label"; break;
	case FIELD_MEASURE_LABEL: attr = "label", what = "the measure's label"; break;
	case FIELD_KPI_LABEL: attr = "label", what = "what the figure counts"; break;
	case FIELD_CONTRIBUTION_FROM: attr = "from", what = "the contributor's name"; break;
	case FIELD_COST_ITEM: attr = "item", what = "what the cost is for"; break;
	case FIELD_COURSE_TITLE: attr = "title", what = "the course's title"; break;
	case FIELD_SIGNATORY_NAME: attr = "name", what = "the signatory's name"; break;
	case FIELD_SCRUTINEER_NAME: attr = "name", what = "the scrutineer's name"; break;
	default: return;
	}
	if (blank(text))
		diag_error(((struct walk *)w->ctx)->d, pos, 1, "%s=\"%s\" is empty: write %s", attr, text, what);
}

/* ---- training.xml: one course per title and mode ------------------------- */

static const char *const mode_names[MODE_COUNT] = {
	[MODE_FACE_TO_FACE] = "face-to-face",
	[MODE_VIRTUAL] = "virtual",
	[MODE_E_LEARNING] = "e-learning",
};

static void check_courses(const struct training *t, struct diags *d, struct arena *scratch)
{
	if (!t->head.loaded || t->n_courses < 2)
		return;
	/* "mode\x1ftitle": one key per course, repeats found by sorting. */
	const char **keys = arena_array(scratch, t->n_courses, sizeof *keys);
	for (size_t i = 0; i < t->n_courses; i++)
		keys[i] = t->courses[i].title && (unsigned)t->courses[i].mode < MODE_COUNT
				  ? arena_printf(scratch, "%d\x1f%s", (int)t->courses[i].mode,
						 t->courses[i].title)
				  : NULL;
	size_t *first = check_first_repeats(keys, t->n_courses);
	for (size_t i = 0; i < t->n_courses; i++) {
		if (first[i] == SIZE_MAX)
			continue;
		const struct course *c = &t->courses[i];
		diag_error(d, c->pos, 1,
			   "the course \"%s\" (%s) is given twice (first at line %u); a title "
			   "appears once per mode: add the two courses' sessions and attendees "
			   "together",
			   c->title, mode_names[c->mode], (unsigned)t->courses[first[i]].pos.line);
	}
	free(first);
}

/* ---- previous years: earlier than the report's, each once ---------------- */

static void check_previous(const char *file, const struct period *periods,
			   const struct srcpos *pos, size_t n, struct period own, struct diags *d)
{
	char own_s[8], p_s[8];
	period_format(own, own_s);

	for (size_t i = 0; i < n; i++) {
		if (!periods[i].first_year)
			continue;
		period_format(periods[i], p_s);
		if (own.first_year && periods[i].first_year == own.first_year) {
			diag_error(d, pos[i], 8,
				   "<previous period=\"%s\"> is this report's own year; %s gives "
				   "this year's figures elsewhere, and <previous> only earlier years",
				   p_s, file);
			continue;
		}
		if (own.first_year && periods[i].first_year > own.first_year) {
			diag_error(d, pos[i], 8,
				   "<previous period=\"%s\"> is after this report's year %s; "
				   "<previous> gives earlier years only",
				   p_s, own_s);
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (periods[j].first_year == periods[i].first_year) {
				diag_error(d, pos[i], 8,
					   "<previous period=\"%s\"> is given twice (first at line "
					   "%u); give each earlier year once",
					   p_s, (unsigned)pos[j].line);
				break;
			}
		}
	}
}

/* A data file of another year than report.xml's is rule 2's; its rows are
 * judged once it is this year's. */
static bool own_year(const struct model *m, const struct file_head *h)
{
	const struct file_head *r = &m->report.head;
	return !r->loaded || !r->period.first_year || r->period.first_year == h->period.first_year;
}

static void check_finance_previous(const struct model *m, struct diags *d, struct arena *a)
{
	const struct finance *f = &m->finance;
	if (!f->head.loaded || !f->n_previous || !own_year(m, &f->head))
		return;
	struct period *periods = arena_array(a, f->n_previous, sizeof *periods);
	struct srcpos *pos = arena_array(a, f->n_previous, sizeof *pos);
	for (size_t i = 0; i < f->n_previous; i++)
		periods[i] = f->previous[i].period, pos[i] = f->previous[i].pos;
	check_previous("finance.xml", periods, pos, f->n_previous, f->head.period, d);
}

static void check_training_previous(const struct model *m, struct diags *d, struct arena *a)
{
	const struct training *t = &m->training;
	if (!t->head.loaded || !t->n_previous || !own_year(m, &t->head))
		return;
	struct period *periods = arena_array(a, t->n_previous, sizeof *periods);
	struct srcpos *pos = arena_array(a, t->n_previous, sizeof *pos);
	for (size_t i = 0; i < t->n_previous; i++)
		periods[i] = t->previous[i].period, pos[i] = t->previous[i].pos;
	check_previous("training.xml", periods, pos, t->n_previous, t->head.period, d);
}

/* ---- report.xml: the reporting period ------------------------------------ */

static int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

/* The day before d (a valid date). */
static struct date day_before(struct date d)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (--d.day > 0)
		return d;
	if (--d.month == 0)
		d.month = 12, d.year--;
	bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
	d.day = days[d.month - 1] + (d.month == 2 && leap);
	return d;
}

static void check_reporting_period(const struct model *m, struct diags *d)
{
	const struct report *r = &m->report;
	struct date start = r->meta.period_start, end = r->meta.period_end;
	/* Without a period (rule 1 reported it) there is no year to hold. */
	if (!r->head.loaded || !start.year || !end.year || !r->head.period.first_year)
		return;
	struct srcpos pos = r->meta.period_pos;
	char s[11], e[11];
	snprintf(s, sizeof s, "%04d-%02d-%02d", start.year, start.month, start.day);
	snprintf(e, sizeof e, "%04d-%02d-%02d", end.year, end.month, end.day);
	if (date_compare(end, start) < 0) {
		diag_error(d, pos, 2,
			   "the reporting period ends (%s) before it starts (%s); swap start and "
			   "end",
			   e, s);
		return;
	}
	int first = r->head.period.first_year;
	if (start.year != first || end.year != first + 1) {
		char p[8];
		period_format(r->head.period, p);
		diag_error(d, pos, 2,
			   "the reporting period %s to %s is not in the years of period=\"%s\"; "
			   "it starts in %d and ends in %d",
			   s, e, p, first, first + 1);
		return;
	}
	/* One year long: it ends the day before the same date a year on (a
	 * start on 29 February runs to the last day of the next February). */
	struct date next = { start.year + 1, start.month, start.day };
	if (start.month == 2 && start.day == 29)
		next = (struct date){ next.year, 3, 1 };
	struct date year_later = day_before(next);
	if (date_compare(end, year_later) != 0) {
		char want[11];
		snprintf(want, sizeof want, "%04d-%02d-%02d", year_later.year, year_later.month,
			 year_later.day);
		diag_error(d, pos, 2,
			   "the reporting period %s to %s is not one year long; a year from %s "
			   "ends on %s",
			   s, e, s, want);
	}
}

void check_records(const struct model *m, struct diags *d, struct arena *scratch)
{
	static const struct model_visitor visitor = {
		.block = on_block, .inline_node = on_inline, .field = on_field,
	};
	struct walk k = { d, 0 };
	model_walk(m, &visitor, &k);
	check_courses(&m->training, d, scratch);
	check_finance_previous(m, d, scratch);
	check_training_previous(m, d, scratch);
	check_reporting_period(m, d);
}
