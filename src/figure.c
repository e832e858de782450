/* figure.c - figure paths resolved on the model, and UK-style printing of figures. */
#include "figure.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review-dates.h"
#include "text.h"
#include "vocab.h"

/* ---- names -------------------------------------------------------------- */

/* The fixed children of each level, in the order messages list them. */
static const char *const finance_names[] = {
	"income", "expenditure", "balance", "contributions", "costs", "years",
};
static const char *const lado_names[] = {
	"referrals", "contacts", "total", "activity", "timescales", "within-1-month",
	"within-3-months",
};
static const char *const yjs_names[] = { "offences", "incidents", "cohort" };
static const char *const group_names[] = { "total", "children" };
static const char *const training_names[] = {
	"courses", "sessions", "attendees", "by-mode", "courses-table", "years",
};
static const char *const reviews_names[] = { "count", "published", "in-progress",
					      "rapid-reviews", "all", "milestones", "actions" };
static const char *const root_names[] = { "finance", "lado", "yjs", "training", "reviews" };

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const band_labels[BAND_COUNT] = {
	"Under 1 month", "1 to 3 months", "3 to 12 months", "Over 12 months",
};

/* Indexed by enum training_mode, whose order is also the order by-mode lists. */
static const char *const mode_labels[MODE_COUNT] = { "Face to face", "Virtual", "E-learning" };

/* U+2212 MINUS SIGN: typeset, a hyphen-minus is too short and sits too low
 * beside digits, and the fonts we embed all carry the real sign. */
static const char minus_sign[] = "\xE2\x88\x92";

/* ---- small helpers ------------------------------------------------------ */

/* The period figures are resolved for: the report's, or the file's own when
 * report.xml gave none (rule 2 reports any difference). */
static struct period own_period(const struct model *m, const struct file_head *head)
{
	return m->report.head.period.first_year > 0 ? m->report.head.period : head->period;
}

static bool same_period(struct period a, struct period b)
{
	return a.first_year > 0 && a.first_year == b.first_year;
}

static struct figure figure_of(struct decimal d, enum unit unit)
{
	return (struct figure){ unit, d.hundredths, unit == UNIT_COUNT ? 0 : d.decimals };
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- the resolver's state ----------------------------------------------- */

struct ctx {
	const struct model *m;
	struct arena *arena;
	const char *path;        /* as given */
	struct figure_ref *out;
	const char **why;        /* NULL: the caller wants no sentence */
};

static enum figure_kind fail(struct ctx *c, const char *fmt, ...) RC_PRINTF(2, 3);

static enum figure_kind fail(struct ctx *c, const char *fmt, ...)
{
	if (c->why) {
		va_list ap;
		va_start(ap, fmt);
		*c->why = arena_vprintf(c->arena, fmt, ap);
		va_end(ap);
	}
	c->out->kind = FIG_NONE;
	c->out->dataset = NULL;
	return FIG_NONE;
}

static enum figure_kind scalar(struct ctx *c, struct figure value)
{
	c->out->kind = FIG_SCALAR;
	c->out->value = value;
	c->out->dataset = NULL;
	return FIG_SCALAR;
}

static enum figure_kind set_dataset(struct ctx *c, struct dataset *ds)
{
	c->out->kind = FIG_DATASET;
	c->out->dataset = ds;
	return FIG_DATASET;
}

static struct dataset *ds_new(struct ctx *c, enum dataset_kind kind, const char *path,
			      size_t n_rows, size_t n_cols, struct srcpos pos)
{
	struct dataset *ds = arena_alloc(c->arena, sizeof *ds);
	ds->kind = kind;
	ds->path = path;
	ds->n_rows = n_rows;
	ds->n_cols = n_cols;
	ds->row_labels = arena_array(c->arena, n_rows, sizeof *ds->row_labels);
	ds->cols = arena_array(c->arena, n_cols, sizeof *ds->cols);
	ds->cells = arena_array(c->arena, n_rows * n_cols, sizeof *ds->cells);
	ds->pos = pos;
	return ds;
}

static void ds_col(struct dataset *ds, size_t col, const char *label, enum unit unit)
{
	ds->cols[col] = (struct ds_column){ label, unit, false, false };
}

static struct ds_cell *ds_cell_at(struct dataset *ds, size_t row, size_t col)
{
	return &ds->cells[row * ds->n_cols + col];
}

static void ds_set(struct dataset *ds, size_t row, size_t col, struct decimal d, enum unit unit)
{
	struct ds_cell *cell = ds_cell_at(ds, row, col);
	cell->present = d.present;
	cell->value = figure_of(d, unit);
}

/* "2023-24" in the arena; `absent` when the period is not valid. */
static const char *period_label(struct ctx *c, struct period p, const char *absent)
{
	char buf[8];
	period_format(p, buf);
	return buf[0] ? arena_strdup(c->arena, buf) : absent;
}

/* ---- suggestions -------------------------------------------------------- */

/* ASCII only: tolower() would fold bytes of UTF-8 sequences in some locales. */
static char ascii_lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (ascii_lower(*s) != ascii_lower(*prefix))
			return false;
	return true;
}

static bool contains_ci(const char *hay, const char *needle)
{
	for (; *hay; hay++)
		if (starts_with_ci(hay, needle))
			return true;
	return *needle == '\0';
}

/* The candidate nearest to query, by tiers and then edit distance: an
 * equal name ignoring case, one starting with the other, one containing the
 * other, anything. The tiers make "Theft" find "Theft and Handling Stolen
 * Goods" rather than "Arson", which is fewer edits away. *close says whether
 * the match is good enough to offer without listing everything. */
static const char *nearest(const char *query, const char *const *cands, size_t n, bool *close)
{
	const char *best = NULL;
	int best_tier = 4;
	size_t best_dist = SIZE_MAX;
	size_t qlen = strlen(query);
	for (size_t i = 0; i < n; i++) {
		const char *cand = cands[i];
		int tier = 3;
		size_t clen = strlen(cand);
		if (qlen == clen && starts_with_ci(cand, query))
			tier = 0;
		else if (qlen >= 3 && (starts_with_ci(cand, query) ||
				       (clen >= 3 && starts_with_ci(query, cand))))
			tier = 1;
		else if (qlen >= 3 && (contains_ci(cand, query) ||
				       (clen >= 3 && contains_ci(query, cand))))
			tier = 2;
		size_t dist = text_edit_distance(query, cand);
		if (tier < best_tier || (tier == best_tier && dist < best_dist)) {
			best = cand;
			best_tier = tier;
			best_dist = dist;
		}
	}
	if (close)
		*close = best && (best_tier <= 2 || best_dist <= 2 || best_dist * 3 <= qlen);
	return best;
}

/* "a, b and c" in the arena. */
static const char *join(struct ctx *c, const char *const *names, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";
		s = arena_printf(c->arena, "%s%s%s", s, sep, names[i]);
	}
	return s;
}

/* No child `seg` at `level` ("lado", "yjs.offences"): offer the nearest name
 * or breakdown when one is close, else list what the level has. */
static enum figure_kind no_child(struct ctx *c, const char *level, const char *const *names,
				 size_t n_names, const struct breakdown *bds, size_t n_bds,
				 const char *seg)
{
	if (!c->why)
		return fail(c, "%s", "");
	const char **all = arena_array(c->arena, n_names + n_bds, sizeof *all);
	for (size_t i = 0; i < n_names; i++)
		all[i] = names[i];
	for (size_t i = 0; i < n_bds; i++)
		all[n_names + i] = or_empty(bds[i].id);
	bool close;
	const char *best = nearest(seg, all, n_names + n_bds, &close);
	if (close) {
		bool is_breakdown = false;
		for (size_t i = 0; i < n_bds; i++)
			is_breakdown |= all[n_names + i] == best;
		return fail(c, "%s has no %s \"%s\" (did you mean \"%s\"?)", level,
			    is_breakdown ? "breakdown" : "figure", seg, best);
	}
	const char *list = n_bds ? arena_printf(c->arena, "%s", "") : join(c, names, n_names);
	if (n_bds) {
		for (size_t i = 0; i < n_names; i++)
			list = arena_printf(c->arena, "%s%s, ", list, names[i]);
		list = arena_printf(c->arena, "%sand %s %s", list,
				    n_bds == 1 ? "breakdown" : "breakdowns",
				    join(c, all + n_names, n_bds));
	}
	return fail(c, "\"%s\" is not a figure path; %s has %s", c->path, level, list);
}

/* ---- datasets with labelled rows ---------------------------------------- */

/* PATH.LABEL on a dataset of parts or measures: the row labelled exactly
 * LABEL (case, spaces and dots as written). */
static enum figure_kind row_value(struct ctx *c, const struct dataset *ds, const char *label)
{
	if ((ds->kind != DS_PARTS && ds->kind != DS_MEASURES) || ds->n_cols != 1)
		return fail(c, "\"%s\" is not a figure path; %s is a table and has no single items",
			    c->path, ds->path);
	for (size_t i = 0; i < ds->n_rows; i++) {
		if (strcmp(ds->row_labels[i], label) != 0)
			continue;
		const struct ds_cell *cell = dataset_cell(ds, i, 0);
		if (!cell->present)
			return fail(c, "%s has no valid value for \"%s\"", ds->path, label);
		return scalar(c, cell->value);
	}
	if (!*label)
		return fail(c, "\"%s\" is not a figure path; an item's label must follow \"%s.\"",
			    c->path, ds->path);
	if (ds->n_rows == 0)
		return fail(c, "%s has no item \"%s\" (it has no items)", ds->path, label);
	if (!c->why)
		return fail(c, "%s", "");
	const char *best = nearest(label, ds->row_labels, ds->n_rows, NULL);
	return fail(c, "%s has no item \"%s\" (did you mean \"%s\"?)", ds->path, label, best);
}

/* The tail after a figure's name: nothing, or an item of a dataset. */
static enum figure_kind finish(struct ctx *c, enum figure_kind kind, const char *name_path,
			       const char *tail)
{
	if (kind == FIG_NONE || !tail)
		return kind;
	if (kind == FIG_SCALAR)
		return fail(c, "\"%s\" is not a figure path; %s is a single figure and has no items",
			    c->path, name_path);
	return row_value(c, c->out->dataset, tail);
}

/* "Referring agency" from "referring-agency": the heading of a breakdown's
 * label column. */
static const char *humanise_id(struct ctx *c, const char *id)
{
	if (!id || !*id)
		return "Category";
	char *s = arena_strdup(c->arena, id);
	for (char *p = s; *p; p++)
		if (*p == '-')
			*p = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

static enum figure_kind breakdown_dataset(struct ctx *c, const struct breakdown *bd,
					  const char *path)
{
	struct dataset *ds = ds_new(c, DS_PARTS, path, bd->n_items, 1, bd->pos);
	ds->title = bd->title;
	ds->row_heading = humanise_id(c, bd->id);
	ds->breakdown = bd;
	/* The column follows what the items wrote; a mixed breakdown (rule 3)
	 * still keeps each cell's own unit. */
	enum measure measure = bd->n_items ? bd->items[0].measure : bd->measure;
	if (measure == MEASURE_PERCENT)
		ds_col(ds, 0, "Percentage", UNIT_PERCENT);
	else
		ds_col(ds, 0, "Number", UNIT_COUNT);
	for (size_t i = 0; i < bd->n_items; i++) {
		const struct breakdown_item *item = &bd->items[i];
		ds->row_labels[i] = or_empty(item->label);
		ds_set(ds, i, 0, item->value,
		       item->measure == MEASURE_PERCENT ? UNIT_PERCENT : UNIT_COUNT);
	}
	return set_dataset(c, ds);
}

/* PATH.LABEL on a breakdown: the item itself, found without building the
 * breakdown's dataset, which would cost memory in proportion to the items
 * on every look-up (a report may name items of a long breakdown thousands
 * of times). A label that is not there takes the dataset's way, for its
 * message, when one is wanted. */
static enum figure_kind breakdown_item(struct ctx *c, const struct breakdown *bd,
				       const char *path, const char *label)
{
	const struct breakdown_item *item = model_find_item(bd, label);
	if (item) {
		if (!item->value.present)
			return fail(c, "%s has no valid value for \"%s\"", path, label);
		return scalar(c, figure_of(item->value, item->measure == MEASURE_PERCENT
								 ? UNIT_PERCENT
								 : UNIT_COUNT));
	}
	if (!c->why)
		return fail(c, "%s", "");
	breakdown_dataset(c, bd, path);
	return row_value(c, c->out->dataset, label);
}

/* Reads "NAME[.TAIL]" off s (modified in place): NAME ends at the first dot,
 * TAIL is everything after it, dots included, or NULL. */
static char *split(char *s, char **tail)
{
	char *dot = strchr(s, '.');
	*tail = NULL;
	if (dot) {
		*dot = '\0';
		*tail = dot + 1;
	}
	return s;
}

static bool not_loaded(struct ctx *c, const struct file_head *head, enum data_file file)
{
	if (head->loaded)
		return false;
	fail(c, "%s could not be read", model_file_name(file));
	return true;
}

/* ---- finance ------------------------------------------------------------ */

/* The total of contributions or costs, to the penny; false, with a reason,
 * when an amount is missing or the sum does not fit. */
static bool money_total(struct ctx *c, const struct money_line *lines, size_t n,
			const char *what, struct decimal *out)
{
	*out = (struct decimal){ .present = true };
	for (size_t i = 0; i < n; i++) {
		if (!lines[i].amount.present) {
			fail(c, "the %s \"%s\" in finance.xml has no valid amount", what,
			     or_empty(lines[i].name));
			out->present = false;
			return false;
		}
		if (!figure_add(&out->hundredths, lines[i].amount.hundredths)) {
			fail(c, "the %ss in finance.xml add up to more than reportc can hold", what);
			out->present = false;
			return false;
		}
		out->decimals = (int8_t)max_int(out->decimals, lines[i].amount.decimals);
	}
	return true;
}

/* This year's income or expenditure: the sum of its items, or, when
 * finance.xml gives none (DECISIONS.md: `totals` alone is a valid finance
 * file), its written total. */
static bool side_total(struct ctx *c, const struct finance *f, bool income,
		       struct decimal *out)
{
	const struct money_line *lines = income ? f->contributions : f->costs;
	size_t n = income ? f->n_contributions : f->n_costs;
	const char *what = income ? "contribution" : "cost";
	if (n > 0)
		return money_total(c, lines, n, what, out);
	*out = income ? f->totals_income : f->totals_expenditure;
	if (f->has_totals && out->present)
		return true;
	fail(c, "finance.xml gives no %ss and no <totals %s=\"…\">", what,
	     income ? "income" : "expenditure");
	out->present = false;
	return false;
}

static bool balance_of(struct decimal income, struct decimal expenditure, struct figure *out)
{
	if (!income.present || !expenditure.present)
		return false;
	int64_t balance = income.hundredths;
	if (expenditure.hundredths == INT64_MIN || !figure_add(&balance, -expenditure.hundredths))
		return false;
	*out = (struct figure){ UNIT_MONEY, balance,
				max_int(income.decimals, expenditure.decimals) };
	return true;
}

static const struct finance_previous *finance_previous_in(const struct finance *f,
							   struct period p)
{
	for (size_t i = 0; i < f->n_previous; i++)
		if (same_period(f->previous[i].period, p))
			return &f->previous[i];
	return NULL;
}

static enum figure_kind money_lines_dataset(struct ctx *c, const struct money_line *lines,
					    size_t n, const char *path, const char *heading,
					    struct srcpos pos)
{
	struct dataset *ds = ds_new(c, DS_PARTS, path, n, 1, pos);
	ds->row_heading = heading;
	ds_col(ds, 0, "Amount", UNIT_MONEY);
	for (size_t i = 0; i < n; i++) {
		ds->row_labels[i] = or_empty(lines[i].name);
		ds_set(ds, i, 0, lines[i].amount, UNIT_MONEY);
	}
	return set_dataset(c, ds);
}

/* A row of a series by period: `previous` rows and this year. */
struct year_row {
	struct period period;
	bool current;
	struct decimal a, b;
};

/* Sorts oldest first, keeping the written order of equal periods. */
static void sort_year_rows(struct year_row *rows, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct year_row r = rows[i];
		size_t j = i;
		for (; j > 0 && rows[j - 1].period.first_year > r.period.first_year; j--)
			rows[j] = rows[j - 1];
		rows[j] = r;
	}
}

static enum figure_kind year_rows_dataset(struct ctx *c, struct year_row *rows, size_t n,
					  const char *path, const char *col_a, const char *col_b,
					  enum unit unit, struct srcpos pos)
{
	sort_year_rows(rows, n);
	struct dataset *ds = ds_new(c, DS_SERIES, path, n, 2, pos);
	ds->row_heading = "Year";
	ds_col(ds, 0, col_a, unit);
	ds_col(ds, 1, col_b, unit);
	for (size_t i = 0; i < n; i++) {
		ds->row_labels[i] = period_label(c, rows[i].period,
						 rows[i].current ? "This year" : "");
		ds_set(ds, i, 0, rows[i].a, unit);
		ds_set(ds, i, 1, rows[i].b, unit);
	}
	return set_dataset(c, ds);
}

static enum figure_kind finance_years(struct ctx *c, const char *path)
{
	const struct finance *f = &c->m->finance;
	struct period own = own_period(c->m, &f->head);
	struct year_row *rows = arena_array(c->arena, f->n_previous + 1, sizeof *rows);
	size_t n = 0;
	/* Previous rows without a valid period, or for this period (the items
	 * are the authority for it), have no place in the series. */
	for (size_t i = 0; i < f->n_previous; i++) {
		const struct finance_previous *p = &f->previous[i];
		if (p->period.first_year <= 0 || same_period(p->period, own))
			continue;
		rows[n++] = (struct year_row){ p->period, false, p->income, p->expenditure };
	}
	/* This year's totals are computed; a reason for failure is not wanted. */
	const char **why = c->why;
	c->why = NULL;
	struct year_row *cur = &rows[n++];
	cur->period = own;
	cur->current = true;
	side_total(c, f, true, &cur->a);
	side_total(c, f, false, &cur->b);
	c->why = why;
	return year_rows_dataset(c, rows, n, path, "Income", "Expenditure", UNIT_MONEY,
				 f->head.pos);
}

static enum figure_kind resolve_finance(struct ctx *c, char *rest)
{
	const struct finance *f = &c->m->finance;
	if (not_loaded(c, &f->head, FILE_FINANCE))
		return FIG_NONE;
	char *tail;
	const char *name = split(rest, &tail);
	const char *name_path = arena_printf(c->arena, "finance.%s", name);
	enum figure_kind kind;
	struct decimal income, expenditure;
	if (strcmp(name, "income") == 0) {
		if (!side_total(c, f, true, &income))
			return FIG_NONE;
		kind = scalar(c, figure_of(income, UNIT_MONEY));
	} else if (strcmp(name, "expenditure") == 0) {
		if (!side_total(c, f, false, &expenditure))
			return FIG_NONE;
		kind = scalar(c, figure_of(expenditure, UNIT_MONEY));
	} else if (strcmp(name, "balance") == 0) {
		struct figure balance;
		if (!side_total(c, f, true, &income) || !side_total(c, f, false, &expenditure))
			return FIG_NONE;
		if (!balance_of(income, expenditure, &balance))
			return fail(c, "income less expenditure is more than reportc can hold");
		kind = scalar(c, balance);
	} else if (strcmp(name, "contributions") == 0) {
		if (f->n_contributions == 0)
			return fail(c, "finance.xml gives no <contribution> items");
		kind = money_lines_dataset(c, f->contributions, f->n_contributions, name_path,
					   "Partner", f->income_pos);
	} else if (strcmp(name, "costs") == 0) {
		if (f->n_costs == 0)
			return fail(c, "finance.xml gives no <cost> items");
		kind = money_lines_dataset(c, f->costs, f->n_costs, name_path, "Item",
					   f->expenditure_pos);
	} else if (strcmp(name, "years") == 0) {
		kind = finance_years(c, name_path);
	} else {
		return no_child(c, "finance", finance_names, COUNT_OF(finance_names), NULL, 0, name);
	}
	return finish(c, kind, name_path, tail);
}

/* ---- lado --------------------------------------------------------------- */

enum lado_figure { LADO_REFERRALS, LADO_CONTACTS, LADO_TOTAL };

static bool lado_year_value(const struct lado_year *y, enum lado_figure which,
			    struct figure *out)
{
	struct decimal d;
	switch (which) {
	case LADO_REFERRALS: d = y->referrals; break;
	case LADO_CONTACTS: d = y->contacts; break;
	case LADO_TOTAL:
		d = y->referrals;
		d.present = y->referrals.present && y->contacts.present &&
			    figure_add(&d.hundredths, y->contacts.hundredths);
		break;
	default: return false;
	}
	if (!d.present)
		return false;
	*out = figure_of(d, UNIT_COUNT);
	return true;
}

/* Within one month, or within three (cumulative: the first two bands); the
 * sum keeps the finer of the two written precisions. */
static bool lado_within_value(const struct lado_timescale *t, bool three_months,
			      struct figure *out)
{
	struct decimal d = t->band[BAND_UNDER_1_MONTH];
	if (three_months) {
		struct decimal d3 = t->band[BAND_UNDER_3_MONTHS];
		d.present = d.present && d3.present && figure_add(&d.hundredths, d3.hundredths);
		d.decimals = (int8_t)max_int(d.decimals, d3.decimals);
	}
	if (!d.present)
		return false;
	*out = figure_of(d, UNIT_PERCENT);
	return true;
}

static const struct lado_year *lado_year_in(const struct lado *l, struct period p)
{
	for (size_t i = 0; i < l->n_years; i++)
		if (same_period(l->years[i].period, p))
			return &l->years[i];
	return NULL;
}

static const struct lado_timescale *lado_timescale_in(const struct lado *l, struct period p)
{
	for (size_t i = 0; i < l->n_timescales; i++)
		if (same_period(l->timescales[i].period, p))
			return &l->timescales[i];
	return NULL;
}

static enum figure_kind lado_activity(struct ctx *c, const char *path)
{
	const struct lado *l = &c->m->lado;
	struct dataset *ds = ds_new(c, DS_SERIES, path, l->n_years, 3, l->activity_pos);
	ds->row_heading = "Year";
	ds_col(ds, 0, "Referrals", UNIT_COUNT);
	ds_col(ds, 1, "Contacts", UNIT_COUNT);
	ds_col(ds, 2, "Total", UNIT_COUNT);
	ds->cols[2].is_total = true;
	for (size_t i = 0; i < l->n_years; i++) {
		const struct lado_year *y = &l->years[i];
		ds->row_labels[i] = period_label(c, y->period, "");
		ds_set(ds, i, 0, y->referrals, UNIT_COUNT);
		ds_set(ds, i, 1, y->contacts, UNIT_COUNT);
		struct ds_cell *total = ds_cell_at(ds, i, 2);
		total->present = lado_year_value(y, LADO_TOTAL, &total->value);
	}
	return set_dataset(c, ds);
}

static enum figure_kind lado_timescales(struct ctx *c, const char *path)
{
	const struct lado *l = &c->m->lado;
	struct dataset *ds = ds_new(c, DS_SERIES, path, l->n_timescales, BAND_COUNT,
				    l->timescales_pos);
	ds->row_heading = "Year";
	for (size_t b = 0; b < BAND_COUNT; b++)
		ds_col(ds, b, band_labels[b], UNIT_PERCENT);
	for (size_t i = 0; i < l->n_timescales; i++) {
		const struct lado_timescale *t = &l->timescales[i];
		ds->row_labels[i] = period_label(c, t->period, "");
		for (size_t b = 0; b < BAND_COUNT; b++)
			ds_set(ds, i, b, t->band[b], UNIT_PERCENT);
	}
	return set_dataset(c, ds);
}

static enum figure_kind lado_scalar(struct ctx *c, enum lado_figure which, const char *name)
{
	const struct lado *l = &c->m->lado;
	struct period own = own_period(c->m, &l->head);
	char buf[8];
	const struct lado_year *y = lado_year_in(l, own);
	if (!y)
		return fail(c, "lado.xml has no activity year for %s", period_format(own, buf));
	struct figure value;
	if (which == LADO_TOTAL && y->referrals.present && y->contacts.present &&
	    !lado_year_value(y, which, &value))
		return fail(c, "the referrals and contacts of %s in lado.xml add up to more than "
			    "a figure can hold", period_format(own, buf));
	if (!lado_year_value(y, which, &value))
		return fail(c, "the activity year %s in lado.xml has no valid %s",
			    period_format(own, buf),
			    which == LADO_TOTAL ? "referrals and contacts" : name);
	return scalar(c, value);
}

static enum figure_kind lado_within(struct ctx *c, bool three_months)
{
	const struct lado *l = &c->m->lado;
	struct period own = own_period(c->m, &l->head);
	char buf[8];
	const struct lado_timescale *t = lado_timescale_in(l, own);
	if (!t)
		return fail(c, "lado.xml has no timescales year for %s", period_format(own, buf));
	struct figure value;
	if (!lado_within_value(t, three_months, &value))
		return fail(c, "the timescales year %s in lado.xml has no valid %s",
			    period_format(own, buf),
			    three_months ? "under-1-month and under-3-months bands"
					 : "under-1-month band");
	return scalar(c, value);
}

static enum figure_kind resolve_lado(struct ctx *c, char *rest)
{
	const struct lado *l = &c->m->lado;
	if (not_loaded(c, &l->head, FILE_LADO))
		return FIG_NONE;
	char *tail;
	const char *name = split(rest, &tail);
	const char *name_path = arena_printf(c->arena, "lado.%s", name);
	const struct breakdown *bd;
	enum figure_kind kind;
	if (strcmp(name, "referrals") == 0)
		kind = lado_scalar(c, LADO_REFERRALS, name);
	else if (strcmp(name, "contacts") == 0)
		kind = lado_scalar(c, LADO_CONTACTS, name);
	else if (strcmp(name, "total") == 0)
		kind = lado_scalar(c, LADO_TOTAL, name);
	else if (strcmp(name, "activity") == 0)
		kind = lado_activity(c, name_path);
	else if (strcmp(name, "timescales") == 0)
		kind = lado_timescales(c, name_path);
	else if (strcmp(name, "within-1-month") == 0)
		kind = lado_within(c, false);
	else if (strcmp(name, "within-3-months") == 0)
		kind = lado_within(c, true);
	else if ((bd = model_find_breakdown(l->breakdowns, l->n_breakdowns, name)) && tail)
		return breakdown_item(c, bd, name_path, tail);
	else if (bd)
		kind = breakdown_dataset(c, bd, name_path);
	else
		return no_child(c, "lado", lado_names, COUNT_OF(lado_names), l->breakdowns,
				l->n_breakdowns, name);
	return finish(c, kind, name_path, tail);
}

/* ---- yjs ---------------------------------------------------------------- */

static enum figure_kind resolve_group(struct ctx *c, const struct yjs_group *g,
				      const char *group, char *rest)
{
	const char *level = arena_printf(c->arena, "yjs.%s", group);
	if (!g->present)
		return fail(c, "yjs.xml has no %s", group);
	if (!rest)
		return no_child(c, level, group_names, COUNT_OF(group_names), g->breakdowns,
				g->n_breakdowns, "");
	char *tail;
	const char *name = split(rest, &tail);
	const char *name_path = arena_printf(c->arena, "%s.%s", level, name);
	const struct breakdown *bd;
	enum figure_kind kind;
	if (strcmp(name, "total") == 0 || strcmp(name, "children") == 0) {
		struct decimal d = name[0] == 't' ? g->total : g->children;
		if (!d.present)
			return fail(c, "the %s in yjs.xml have no valid %s", group, name);
		kind = scalar(c, figure_of(d, UNIT_COUNT));
	} else if ((bd = model_find_breakdown(g->breakdowns, g->n_breakdowns, name)) && tail) {
		return breakdown_item(c, bd, name_path, tail);
	} else if (bd) {
		kind = breakdown_dataset(c, bd, name_path);
	} else {
		return no_child(c, level, group_names, COUNT_OF(group_names), g->breakdowns,
				g->n_breakdowns, name);
	}
	return finish(c, kind, name_path, tail);
}

static enum figure_kind yjs_cohort(struct ctx *c)
{
	const struct yjs *y = &c->m->yjs;
	if (!y->has_cohort)
		return fail(c, "yjs.xml has no cohort");
	struct dataset *ds = ds_new(c, DS_MEASURES, "yjs.cohort", y->n_measures, 1, y->cohort_pos);
	ds->row_heading = "Measure";
	ds_col(ds, 0, "Percentage", UNIT_PERCENT);
	for (size_t i = 0; i < y->n_measures; i++) {
		ds->row_labels[i] = or_empty(y->measures[i].label);
		ds_set(ds, i, 0, y->measures[i].percent, UNIT_PERCENT);
	}
	return set_dataset(c, ds);
}

static enum figure_kind resolve_yjs(struct ctx *c, char *rest)
{
	const struct yjs *y = &c->m->yjs;
	if (not_loaded(c, &y->head, FILE_YJS))
		return FIG_NONE;
	char *tail;
	const char *name = split(rest, &tail);
	if (strcmp(name, "offences") == 0)
		return resolve_group(c, &y->offences, name, tail);
	if (strcmp(name, "incidents") == 0)
		return resolve_group(c, &y->incidents, name, tail);
	if (strcmp(name, "cohort") == 0)
		return finish(c, yjs_cohort(c), "yjs.cohort", tail);
	return no_child(c, "yjs", yjs_names, COUNT_OF(yjs_names), NULL, 0, name);
}

/* ---- training ----------------------------------------------------------- */

/* Sessions (or attendees): the written total when given, otherwise the sum
 * of the courses when every course gives one. */
static bool training_total(struct ctx *c, bool attendees, struct decimal *out)
{
	const struct training *t = &c->m->training;
	struct decimal written = attendees ? t->totals_attendees : t->totals_sessions;
	if (t->has_totals && written.present) {
		*out = written;
		return true;
	}
	*out = (struct decimal){ .present = true };
	for (size_t i = 0; i < t->n_courses; i++) {
		const struct course *co = &t->courses[i];
		struct decimal d = attendees ? co->attendees : co->sessions;
		if (!d.present) {
			out->present = false;
			if (attendees)
				fail(c, "training.attendees needs attendees on every course or a "
					"written total (\"%s\" has none)", or_empty(co->title));
			else
				fail(c, "the course \"%s\" in training.xml has no valid sessions",
				     or_empty(co->title));
			return false;
		}
		if (!figure_add(&out->hundredths, d.hundredths)) {
			out->present = false;
			fail(c, "the courses' %s add up to more than reportc can hold",
			     attendees ? "attendees" : "sessions");
			return false;
		}
	}
	return true;
}

static enum figure_kind training_by_mode(struct ctx *c, const char *path)
{
	const struct training *t = &c->m->training;
	struct decimal sums[MODE_COUNT];
	bool occurs[MODE_COUNT];
	memset(sums, 0, sizeof sums);
	memset(occurs, 0, sizeof occurs);
	size_t n_modes = 0;
	for (size_t i = 0; i < t->n_courses; i++) {
		const struct course *co = &t->courses[i];
		if ((unsigned)co->mode >= MODE_COUNT)
			continue;
		struct decimal *s = &sums[co->mode];
		if (!occurs[co->mode]) {
			occurs[co->mode] = true;
			s->present = true;
			n_modes++;
		}
		/* A course without valid sessions leaves its mode without a figure. */
		s->present = s->present && co->sessions.present &&
			     figure_add(&s->hundredths, co->sessions.hundredths);
	}
	struct dataset *ds = ds_new(c, DS_PARTS, path, n_modes, 1, t->head.pos);
	ds->row_heading = "Mode";
	ds_col(ds, 0, "Sessions", UNIT_COUNT);
	size_t row = 0;
	for (size_t mode = 0; mode < MODE_COUNT; mode++) {
		if (!occurs[mode])
			continue;
		ds->row_labels[row] = mode_labels[mode];
		ds_set(ds, row, 0, sums[mode], UNIT_COUNT);
		row++;
	}
	return set_dataset(c, ds);
}

static enum figure_kind training_courses_table(struct ctx *c, const char *path)
{
	const struct training *t = &c->m->training;
	struct dataset *ds = ds_new(c, DS_RECORDS, path, t->n_courses, 3, t->head.pos);
	ds->row_heading = "Course";
	ds_col(ds, 0, "Mode", UNIT_COUNT);
	ds->cols[0].is_text = true;
	ds_col(ds, 1, "Sessions", UNIT_COUNT);
	ds_col(ds, 2, "Attendees", UNIT_COUNT);
	for (size_t i = 0; i < t->n_courses; i++) {
		const struct course *co = &t->courses[i];
		ds->row_labels[i] = or_empty(co->title);
		struct ds_cell *mode = ds_cell_at(ds, i, 0);
		mode->present = (unsigned)co->mode < MODE_COUNT;
		mode->text = mode->present ? mode_labels[co->mode] : "";
		ds_set(ds, i, 1, co->sessions, UNIT_COUNT);
		ds_set(ds, i, 2, co->attendees, UNIT_COUNT);
	}
	return set_dataset(c, ds);
}

static const struct training_previous *training_previous_in(const struct training *t,
							     struct period p)
{
	for (size_t i = 0; i < t->n_previous; i++)
		if (same_period(t->previous[i].period, p))
			return &t->previous[i];
	return NULL;
}

static enum figure_kind training_years(struct ctx *c, const char *path)
{
	const struct training *t = &c->m->training;
	struct period own = own_period(c->m, &t->head);
	struct year_row *rows = arena_array(c->arena, t->n_previous + 1, sizeof *rows);
	size_t n = 0;
	for (size_t i = 0; i < t->n_previous; i++) {
		const struct training_previous *p = &t->previous[i];
		if (p->period.first_year <= 0 || same_period(p->period, own))
			continue;
		rows[n++] = (struct year_row){ p->period, false, p->sessions, p->attendees };
	}
	const char **why = c->why;
	c->why = NULL;
	struct year_row *cur = &rows[n++];
	cur->period = own;
	cur->current = true;
	training_total(c, false, &cur->a);
	training_total(c, true, &cur->b);
	c->why = why;
	return year_rows_dataset(c, rows, n, path, "Sessions", "Attendees", UNIT_COUNT,
				 t->head.pos);
}

static enum figure_kind resolve_training(struct ctx *c, char *rest)
{
	const struct training *t = &c->m->training;
	if (not_loaded(c, &t->head, FILE_TRAINING))
		return FIG_NONE;
	char *tail;
	const char *name = split(rest, &tail);
	const char *name_path = arena_printf(c->arena, "training.%s", name);
	enum figure_kind kind;
	struct decimal d;
	if (strcmp(name, "courses") == 0) {
		d = (struct decimal){ .hundredths = (int64_t)model_course_titles(c->m) * 100,
				      .present = true };
		kind = scalar(c, figure_of(d, UNIT_COUNT));
	} else if (strcmp(name, "sessions") == 0 || strcmp(name, "attendees") == 0) {
		if (!training_total(c, name[0] == 'a', &d))
			return FIG_NONE;
		kind = scalar(c, figure_of(d, UNIT_COUNT));
	} else if (strcmp(name, "by-mode") == 0) {
		kind = training_by_mode(c, name_path);
	} else if (strcmp(name, "courses-table") == 0) {
		kind = training_courses_table(c, name_path);
	} else if (strcmp(name, "years") == 0) {
		kind = training_years(c, name_path);
	} else {
		return no_child(c, "training", training_names, COUNT_OF(training_names), NULL, 0,
				name);
	}
	return finish(c, kind, name_path, tail);
}

/* ---- reviews ------------------------------------------------------------ */

/* In the order of reviews_names; the two datasets last. */
enum reviews_figure {
	REVIEWS_COUNT,
	REVIEWS_PUBLISHED,
	REVIEWS_IN_PROGRESS,
	REVIEWS_RAPID,
	REVIEWS_ALL,
	REVIEWS_MILESTONES,
	REVIEWS_ACTIONS,
};

/* The review table turns when more reviews than this would be its
 * columns: a review a row, a milestone a column. */
enum { REVIEW_TABLE_MAX_COLUMNS = 5 };

/* Is a date of the register inside reporting year p (April to March)? */
static bool in_period(struct review_date d, struct period p)
{
	int ym = d.year * 12 + d.month - 1;
	int start = p.first_year * 12 + 3;
	return d.year && ym >= start && ym < start + 12;
}

/* How many reviews of `kind` (REVIEW_KIND_COUNT: any) the register counts
 * for `which` in period p: counted in p (review_year()); rapid reviews
 * held in p, which are the reviews counted in p but serious case reviews
 * (since 2018 every local or national review begins with a rapid review,
 * held in the year the review counts in); published in p (a published
 * date that happened); still in progress (the register's status, which
 * is the own period's only); or every review of the register (all). */
static int64_t reviews_tally(const struct reviews *rv, enum reviews_figure which, int kind,
			     struct period p)
{
	int64_t n = 0;
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		if (kind != REVIEW_KIND_COUNT && (!r->kind_valid || (int)r->kind != kind))
			continue;
		if (which == REVIEWS_ALL) {
			n++;
		} else if (which == REVIEWS_COUNT) {
			n += review_year(r).first_year == p.first_year;
		} else if (which == REVIEWS_RAPID) {
			n += r->kind_valid && r->kind != REVIEW_SCR &&
			     review_year(r).first_year == p.first_year;
		} else if (which == REVIEWS_PUBLISHED) {
			const struct review_milestone_entry *e = review_milestone_of(r, MS_PUBLISHED);
			n += e && !e->expected && in_period(e->date, p);
		} else {
			n += r->status_valid && r->status == REVIEW_IN_PROGRESS;
		}
	}
	return n;
}

/* "reviews.count.lcspr" into which figure and kind; false when the path
 * is none of them (a reason in c when c is given). */
static bool reviews_path(struct ctx *c, const char *name, const char *tail,
			 enum reviews_figure *which, int *kind)
{
	size_t n = COUNT_OF(reviews_names);
	size_t w = 0;
	while (w < n && strcmp(name, reviews_names[w]) != 0)
		w++;
	if (w == n) {
		if (c)
			no_child(c, "reviews", reviews_names, n, NULL, 0, name);
		return false;
	}
	*which = (enum reviews_figure)w;
	*kind = REVIEW_KIND_COUNT;
	if (!tail)
		return true;
	for (int k = 0; k < REVIEW_KIND_COUNT; k++)
		if (strcmp(tail, vocab_review_kinds[k]) == 0) {
			*kind = k;
			return true;
		}
	if (c)
		no_child(c, arena_printf(c->arena, "reviews.%s", name), vocab_review_kinds,
			 REVIEW_KIND_COUNT, NULL, 0, tail);
	return false;
}

static bool review_of_kind(const struct review *r, int kind)
{
	return kind == REVIEW_KIND_COUNT || (r->kind_valid && (int)r->kind == kind);
}

/* A milestone as a cell prints it: "April 2019 (sensitive delay due to
 * anniversary)", "November 2024 (expected)". */
static const char *milestone_text(struct ctx *c, const struct review_milestone_entry *e)
{
	char buf[48];
	const char *date = arena_strdup(c->arena, review_date_format(e->date, buf, sizeof buf));
	if (e->expected && e->note)
		return arena_printf(c->arena, "%s (expected; %s)", date, e->note);
	if (e->expected)
		return arena_printf(c->arena, "%s (expected)", date);
	if (e->note)
		return arena_printf(c->arena, "%s (%s)", date, e->note);
	return date;
}

/* reviews.milestones[.KIND]: the review table of seed 004's form, a
 * column per review and a row per milestone any of them has, all text;
 * turned (a row per review) when the reviews are too many for columns. */
static enum figure_kind reviews_milestones(struct ctx *c, const char *path, int kind)
{
	const struct reviews *rv = &c->m->reviews;
	size_t n = 0;
	bool has[MS_COUNT] = { false };
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		if (!review_of_kind(r, kind))
			continue;
		n++;
		for (size_t k = 0; k < r->n_milestones; k++)
			if (r->milestones[k].event_valid && r->milestones[k].date.year)
				has[r->milestones[k].event] = true;
	}
	size_t n_ms = 0;
	enum review_milestone shown[MS_COUNT];
	for (int ms = 0; ms < MS_COUNT; ms++)
		if (has[ms])
			shown[n_ms++] = (enum review_milestone)ms;
	bool turned = n > REVIEW_TABLE_MAX_COLUMNS;
	struct dataset *ds = ds_new(c, DS_RECORDS, path, turned ? n : n_ms, turned ? n_ms : n,
				    rv->head.pos);
	ds->title = "Case reviews and their milestones";
	ds->row_heading = turned ? "Review" : "Milestone";
	for (size_t k = 0; k < n_ms; k++) {
		const char *label = review_milestone_label(shown[k]);
		if (turned)
			ds_col(ds, k, label, UNIT_COUNT), ds->cols[k].is_text = true;
		else
			ds->row_labels[k] = label;
	}
	size_t j = 0;
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		if (!review_of_kind(r, kind))
			continue;
		if (turned) {
			ds->row_labels[j] = or_empty(r->name);
		} else {
			ds_col(ds, j, or_empty(r->name), UNIT_COUNT);
			ds->cols[j].is_text = true;
		}
		for (size_t k = 0; k < n_ms; k++) {
			const struct review_milestone_entry *e = review_milestone_of(r, shown[k]);
			struct ds_cell *cell = turned ? ds_cell_at(ds, j, k) : ds_cell_at(ds, k, j);
			cell->present = e && e->date.year;
			cell->text = cell->present ? milestone_text(c, e) : "";
		}
		j++;
	}
	return set_dataset(c, ds);
}

/* reviews.actions[.KIND]: a row per action, named by its review: the
 * action, its owner, status and date. */
static enum figure_kind reviews_actions(struct ctx *c, const char *path, int kind)
{
	const struct reviews *rv = &c->m->reviews;
	size_t n = 0;
	for (size_t i = 0; i < rv->n_reviews; i++)
		if (review_of_kind(&rv->reviews[i], kind))
			n += rv->reviews[i].n_actions;
	struct dataset *ds = ds_new(c, DS_RECORDS, path, n, 4, rv->head.pos);
	ds->title = "Actions from case reviews";
	ds->row_heading = "Review";
	static const char *const heads[4] = { "Action", "Owner", "Status", "Date" };
	for (size_t k = 0; k < 4; k++) {
		ds_col(ds, k, heads[k], UNIT_COUNT);
		ds->cols[k].is_text = true;
	}
	size_t row = 0;
	char buf[48];
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		if (!review_of_kind(r, kind))
			continue;
		for (size_t k = 0; k < r->n_actions; k++, row++) {
			const struct review_action *a = &r->actions[k];
			ds->row_labels[row] = or_empty(r->name);
			const char *texts[4] = {
				or_empty(a->text), or_empty(a->owner),
				a->status_valid ? action_status_label(a->status) : "",
				arena_strdup(c->arena, review_date_format(a->date, buf, sizeof buf)),
			};
			for (size_t col = 0; col < 4; col++) {
				struct ds_cell *cell = ds_cell_at(ds, row, col);
				cell->present = true;
				cell->text = texts[col];
			}
		}
	}
	return set_dataset(c, ds);
}

static enum figure_kind resolve_reviews(struct ctx *c, char *rest)
{
	const struct reviews *rv = &c->m->reviews;
	if (not_loaded(c, &rv->head, FILE_REVIEWS))
		return FIG_NONE;
	char *tail;
	const char *name = split(rest, &tail);
	enum reviews_figure which;
	int kind;
	if (!reviews_path(c, name, tail, &which, &kind))
		return FIG_NONE;
	const char *name_path = tail ? arena_printf(c->arena, "reviews.%s.%s", name, tail)
				     : arena_printf(c->arena, "reviews.%s", name);
	if (which == REVIEWS_MILESTONES)
		return reviews_milestones(c, name_path, kind);
	if (which == REVIEWS_ACTIONS)
		return reviews_actions(c, name_path, kind);
	int64_t n = reviews_tally(rv, which, kind, own_period(c->m, &rv->head));
	return scalar(c, (struct figure){ UNIT_COUNT, n * 100, 0 });
}

/* ---- resolving ---------------------------------------------------------- */

enum figure_kind figure_resolve(const struct model *m, struct arena *arena, const char *path,
				struct figure_ref *out, const char **why)
{
	assert(m && arena);
	struct figure_ref unused;
	if (!out)
		out = &unused;
	*out = (struct figure_ref){ FIG_NONE, { UNIT_COUNT, 0, 0 }, NULL };
	if (why)
		*why = NULL;
	struct ctx c = { m, arena, path ? path : "", out, why };
	if (!path || !*path)
		return fail(&c, "the figure path is empty");

	char *rest;
	char *root = split(arena_strdup(arena, path), &rest);
	if (rest && strcmp(root, "finance") == 0)
		return resolve_finance(&c, rest);
	if (rest && strcmp(root, "lado") == 0)
		return resolve_lado(&c, rest);
	if (rest && strcmp(root, "yjs") == 0)
		return resolve_yjs(&c, rest);
	if (rest && strcmp(root, "training") == 0)
		return resolve_training(&c, rest);
	if (rest && strcmp(root, "reviews") == 0)
		return resolve_reviews(&c, rest);

	/* A bare root lists its children. */
	if (strcmp(root, "finance") == 0)
		return no_child(&c, "finance", finance_names, COUNT_OF(finance_names), NULL, 0, "");
	if (strcmp(root, "lado") == 0)
		return no_child(&c, "lado", lado_names, COUNT_OF(lado_names), m->lado.breakdowns,
				m->lado.n_breakdowns, "");
	if (strcmp(root, "yjs") == 0)
		return no_child(&c, "yjs", yjs_names, COUNT_OF(yjs_names), NULL, 0, "");
	if (strcmp(root, "training") == 0)
		return no_child(&c, "training", training_names, COUNT_OF(training_names), NULL,
				0, "");
	if (strcmp(root, "reviews") == 0)
		return no_child(&c, "reviews", reviews_names, COUNT_OF(reviews_names), NULL, 0, "");
	bool close;
	const char *best = nearest(root, root_names, COUNT_OF(root_names), &close);
	if (close)
		return fail(&c, "\"%s\" is not a figure path; paths begin with finance, lado, yjs, "
				"training or reviews (did you mean \"%s\"?)", path, best);
	return fail(&c, "\"%s\" is not a figure path; paths begin with finance, lado, yjs, "
			"training or reviews", path);
}

/* ---- other periods ------------------------------------------------------ */

static bool value_in_previous(const struct model *m, const char *path, struct period p,
			      struct figure *out)
{
	const struct lado *l = &m->lado;
	const struct finance *f = &m->finance;
	const struct training *t = &m->training;
	if (strncmp(path, "lado.", 5) == 0 && l->head.loaded) {
		const char *name = path + 5;
		const struct lado_year *y = lado_year_in(l, p);
		const struct lado_timescale *ts = lado_timescale_in(l, p);
		if (strcmp(name, "referrals") == 0)
			return y && lado_year_value(y, LADO_REFERRALS, out);
		if (strcmp(name, "contacts") == 0)
			return y && lado_year_value(y, LADO_CONTACTS, out);
		if (strcmp(name, "total") == 0)
			return y && lado_year_value(y, LADO_TOTAL, out);
		if (strcmp(name, "within-1-month") == 0)
			return ts && lado_within_value(ts, false, out);
		if (strcmp(name, "within-3-months") == 0)
			return ts && lado_within_value(ts, true, out);
		return false;
	}
	if (strncmp(path, "finance.", 8) == 0 && f->head.loaded) {
		const char *name = path + 8;
		const struct finance_previous *prev = finance_previous_in(f, p);
		if (!prev)
			return false;
		struct decimal d;
		if (strcmp(name, "income") == 0)
			d = prev->income;
		else if (strcmp(name, "expenditure") == 0)
			d = prev->expenditure;
		else if (strcmp(name, "balance") == 0)
			return balance_of(prev->income, prev->expenditure, out);
		else
			return false;
		if (d.present)
			*out = figure_of(d, UNIT_MONEY);
		return d.present;
	}
	if (strncmp(path, "reviews.", 8) == 0 && m->reviews.head.loaded) {
		char *copy = xstrdup(path + 8), *tail;
		const char *name = split(copy, &tail);
		enum reviews_figure which;
		int kind;
		bool found = reviews_path(NULL, name, tail, &which, &kind) &&
			     (which == REVIEWS_COUNT || which == REVIEWS_PUBLISHED ||
			      which == REVIEWS_RAPID);
		if (found)
			*out = (struct figure){ UNIT_COUNT,
						reviews_tally(&m->reviews, which, kind, p) * 100, 0 };
		free(copy);
		return found;
	}
	if (strncmp(path, "training.", 9) == 0 && t->head.loaded) {
		const char *name = path + 9;
		const struct training_previous *prev = training_previous_in(t, p);
		if (!prev)
			return false;
		struct decimal d;
		if (strcmp(name, "sessions") == 0)
			d = prev->sessions;
		else if (strcmp(name, "attendees") == 0)
			d = prev->attendees;
		else
			return false;
		if (d.present)
			*out = figure_of(d, UNIT_COUNT);
		return d.present;
	}
	return false;
}

/* The file a path's figures come from, for its own period. */
static const struct file_head *path_head(const struct model *m, const char *path)
{
	if (strncmp(path, "finance.", 8) == 0)
		return &m->finance.head;
	if (strncmp(path, "lado.", 5) == 0)
		return &m->lado.head;
	if (strncmp(path, "yjs.", 4) == 0)
		return &m->yjs.head;
	if (strncmp(path, "training.", 9) == 0)
		return &m->training.head;
	if (strncmp(path, "reviews.", 8) == 0)
		return &m->reviews.head;
	return NULL;
}

bool figure_value_in(const struct model *m, const char *path, struct period period,
		     struct figure *out)
{
	if (!path || period.first_year <= 0)
		return false;
	const struct file_head *head = path_head(m, path);
	if (!head)
		return false;
	if (!same_period(period, own_period(m, head)))
		return value_in_previous(m, path, period, out);
	/* The own period: whatever resolves to a single figure, in a scratch
	 * arena since nothing resolved outlives this call. */
	struct arena *scratch = arena_new();
	struct figure_ref ref;
	bool found = figure_resolve(m, scratch, path, &ref, NULL) == FIG_SCALAR;
	if (found)
		*out = ref.value;
	arena_free(scratch);
	return found;
}

static void add_period(struct period **list, size_t *n, size_t *cap, struct period p)
{
	if (p.first_year <= 0)
		return;
	xgrow(list, cap, *n, sizeof **list);
	(*list)[(*n)++] = p;
}

size_t figure_periods(const struct model *m, const char *path, struct period *out, size_t max)
{
	const struct file_head *head = path ? path_head(m, path) : NULL;
	if (!head)
		return 0;
	/* Every period the data mentions is a candidate; figure_value_in()
	 * decides which the path has. */
	struct period *cands = NULL;
	size_t n = 0, cap = 0;
	add_period(&cands, &n, &cap, own_period(m, head));
	for (size_t i = 0; i < m->lado.n_years; i++)
		add_period(&cands, &n, &cap, m->lado.years[i].period);
	for (size_t i = 0; i < m->lado.n_timescales; i++)
		add_period(&cands, &n, &cap, m->lado.timescales[i].period);
	for (size_t i = 0; i < m->finance.n_previous; i++)
		add_period(&cands, &n, &cap, m->finance.previous[i].period);
	for (size_t i = 0; i < m->training.n_previous; i++)
		add_period(&cands, &n, &cap, m->training.previous[i].period);
	for (size_t i = 0; i < m->reviews.n_reviews; i++)
		add_period(&cands, &n, &cap, review_year(&m->reviews.reviews[i]));

	/* Sort, drop repeats and periods without a value. */
	for (size_t i = 1; i < n; i++) {
		struct period p = cands[i];
		size_t j = i;
		for (; j > 0 && cands[j - 1].first_year > p.first_year; j--)
			cands[j] = cands[j - 1];
		cands[j] = p;
	}
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		struct figure unused;
		if (i > 0 && cands[i].first_year == cands[i - 1].first_year)
			continue;
		if (!figure_value_in(m, path, cands[i], &unused))
			continue;
		if (found < max)
			out[found] = cands[i];
		found++;
	}
	free(cands);
	return found;
}

/* ---- printing ----------------------------------------------------------- */

/* ---- checked arithmetic ------------------------------------------------- */

bool figure_add(int64_t *sum, int64_t v)
{
	int64_t r;
	if (__builtin_add_overflow(*sum, v, &r) || r > FIGURE_MAX_HUNDREDTHS ||
	    r < -FIGURE_MAX_HUNDREDTHS)
		return false;
	*sum = r;
	return true;
}

/* 128 bits hold any product of two int64 values (GCC and Clang on every
 * 64-bit target reportc builds on). */
__extension__ typedef __int128 wide;

int64_t figure_muldiv(int64_t a, int64_t b, int64_t c, enum figure_round round)
{
	assert(c > 0);
	wide p = (wide)a * b;
	wide q = p / c, rem = p % c; /* truncated towards zero */
	if (rem != 0) {
		wide abs_rem = rem < 0 ? -rem : rem;
		if (round == FIGURE_FLOOR && p < 0)
			q--;
		else if (round == FIGURE_CEIL && p > 0)
			q++;
		else if (round == FIGURE_NEAREST && 2 * abs_rem >= c)
			q += p < 0 ? -1 : 1;
	}
	if (q > INT64_MAX)
		return INT64_MAX;
	if (q < INT64_MIN)
		return INT64_MIN;
	return (int64_t)q;
}

/* Magnitude of v as unsigned, exact even for INT64_MIN. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
}

/* Appends v with a comma between thousands ("16,930") at out; returns the
 * bytes written (at most 26). */
static size_t put_grouped(uint64_t v, char *out)
{
	char digits[21];
	size_t nd = 0;
	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	size_t n = 0;
	for (size_t i = nd; i-- > 0;) {
		out[n++] = digits[i];
		if (i > 0 && i % 3 == 0)
			out[n++] = ',';
	}
	return n;
}

static size_t put_str(const char *s, char *out)
{
	size_t n = strlen(s);
	memcpy(out, s, n);
	return n;
}

/* Copies the n bytes of s into buf (size bytes with the terminator), never
 * cutting a UTF-8 sequence in two. */
static char *copy_out(const char *s, size_t n, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	if (n > size - 1) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

bool dataset_remainder(const struct dataset *ds, struct figure *out)
{
	const struct breakdown *bd = ds->breakdown;
	if (!bd || !bd->partial || ds->n_cols != 1)
		return false;
	int64_t sum = 0;
	int decimals = 0;
	for (size_t i = 0; i < ds->n_rows; i++) {
		const struct ds_cell *cell = dataset_cell(ds, i, 0);
		if (!cell->present)
			return false;
		sum += cell->value.hundredths;
		decimals = max_int(decimals, cell->value.decimals);
	}
	enum unit unit = ds->cols[0].unit;
	int64_t whole;
	if (unit == UNIT_PERCENT)
		whole = 10000;
	else if (bd->base.present)
		whole = bd->base.hundredths;
	else
		return false;
	if (sum >= whole)
		return false;
	*out = (struct figure){ unit, whole - sum, unit == UNIT_PERCENT ? decimals : 0 };
	return true;
}

bool dataset_label_is_other(const char *label)
{
	/* "Other" as the first word, whatever follows: "Other agencies". */
	if (!label || !starts_with_ci(label, "other"))
		return false;
	const char *rest = label + 5;
	if (*rest == 's' || *rest == 'S')
		rest++;
	return *rest == '\0' || *rest == ' ' || *rest == ':' || *rest == ',' || *rest == '(';
}

size_t dataset_parts(const struct dataset *ds)
{
	if (ds->n_cols == 0)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < ds->n_rows; i++) {
		const struct ds_cell *cell = dataset_cell(ds, i, 0);
		n += cell->present && !ds->cols[0].is_text && cell->value.hundredths >= 0;
	}
	struct figure rem;
	return n + dataset_remainder(ds, &rem);
}

char *figure_format(struct figure value, char *buf, size_t size)
{
	char tmp[64];
	size_t n = 0;
	uint64_t mag = magnitude(value.hundredths);
	uint64_t whole, frac;
	int frac_digits;
	switch (value.unit) {
	case UNIT_PERCENT: {
		/* Print at the written precision, rounding half away from zero
		 * when the value holds more (it never does when read from data). */
		int decimals = value.decimals < 0 ? 0 : value.decimals > 2 ? 2 : value.decimals;
		uint64_t step = decimals == 2 ? 1 : decimals == 1 ? 10 : 100;
		uint64_t units = mag / step + (mag % step * 2 >= step);
		uint64_t per_whole = 100 / step;
		whole = units / per_whole;
		frac = units % per_whole;
		frac_digits = decimals;
		break;
	}
	case UNIT_MONEY:
	case UNIT_COUNT:
	default:
		/* Whole pounds print without pence; counts are always whole. */
		whole = mag / 100;
		frac = mag % 100;
		frac_digits = frac ? 2 : 0;
		break;
	}
	if (whole || frac)
		if (value.hundredths < 0)
			n += put_str(minus_sign, tmp + n);
	if (value.unit == UNIT_MONEY)
		n += put_str("\xC2\xA3", tmp + n);
	n += put_grouped(whole, tmp + n);
	if (frac_digits) {
		tmp[n++] = '.';
		if (frac_digits == 2)
			tmp[n++] = (char)('0' + frac / 10);
		tmp[n++] = (char)('0' + frac % 10);
	}
	if (value.unit == UNIT_PERCENT)
		tmp[n++] = '%';
	return copy_out(tmp, n, buf, size);
}

/* The change is relative: a percent of `from`, whatever the unit, so a
 * share going from 40% to 50% is "an increase of 25.0%", not of 10 points.
 * A negative `from` (a balance) divides by its magnitude, so that a rise is
 * always an increase. */
bool figure_change_tenths(struct figure from, struct figure to, int64_t *tenths)
{
	if (from.hundredths == 0)
		return false;
	/* |to - from| and its sign, in unsigned arithmetic so nothing overflows. */
	bool negative = to.hundredths < from.hundredths;
	uint64_t diff = negative ? (uint64_t)from.hundredths - (uint64_t)to.hundredths
				 : (uint64_t)to.hundredths - (uint64_t)from.hundredths;
	uint64_t den = magnitude(from.hundredths);
	/* Long division, one decimal digit at a time: diff / den * 1000 exactly,
	 * with remainders that stay below 10 * den. Denominators too large for
	 * that (beyond 10^16 pounds) lose their lowest bits first. */
	while (den > UINT64_MAX / 10) {
		den >>= 1;
		diff >>= 1;
	}
	uint64_t q = diff / den, r = diff % den;
	bool saturated = q > (uint64_t)INT64_MAX / 1000;
	for (int i = 0; i < 3; i++) {
		r *= 10;
		q = q * 10 + r / den;
		r %= den;
	}
	if (!saturated && r * 2 >= den)
		q++;
	int64_t t = saturated ? INT64_MAX : (int64_t)q;
	*tenths = negative ? -t : t;
	return true;
}

char *figure_format_change(struct figure from, struct figure to, char *buf, size_t size)
{
	char tmp[160];
	size_t n = 0;
	int64_t tenths;
	if (from.hundredths == to.hundredths) {
		n = put_str("no change", tmp);
	} else if (!figure_change_tenths(from, to, &tenths)) {
		char a[64], b[64];
		figure_format(from, a, sizeof a);
		figure_format(to, b, sizeof b);
		n = (size_t)snprintf(tmp, sizeof tmp, "%s from %s to %s",
				     to.hundredths > 0 ? "an increase" : "a decrease", a, b);
	} else {
		bool up = to.hundredths > from.hundredths;
		n = put_str(up ? "an increase of " : "a decrease of ", tmp);
		uint64_t mag = magnitude(tenths);
		/* A real change that rounds away must not read as none. */
		if (mag == 0) {
			n += put_str("less than 0.1", tmp + n);
		} else {
			n += put_grouped(mag / 10, tmp + n);
			tmp[n++] = '.';
			tmp[n++] = (char)('0' + mag % 10);
		}
		tmp[n++] = '%';
	}
	return copy_out(tmp, n, buf, size);
}
