/* test-figure.c - figure paths, their datasets and messages, and UK-style printing (TAP). */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "figure.h"
#include "model.h"
#include "tap.h"


static void is_str(const char *got, const char *want, const char *what)
{
	int same = got && want && strcmp(got, want) == 0;
	ok(same, "%s", what);
	if (!same)
		printf("#   got:  %s\n#   want: %s\n", got ? got : "(null)", want ? want : "(null)");
}

/* ---- a hand-built model ------------------------------------------------- */

static struct decimal num(int64_t hundredths, int decimals)
{
	return (struct decimal){ .hundredths = hundredths, .decimals = (int8_t)decimals, .present = true };
}

static struct decimal whole(int64_t n)
{
	return num(n * 100, 0);
}

static const struct decimal absent = { .present = false };

static struct period year(int first)
{
	return (struct period){ first };
}

static struct breakdown make_breakdown(struct arena *a, const char *id, const char *title,
				       enum measure measure, size_t n, const char *const *labels,
				       const struct decimal *values)
{
	struct breakdown bd = { .id = id, .title = title, .measure = measure, .n_items = n };
	bd.items = arena_array(a, n, sizeof *bd.items);
	for (size_t i = 0; i < n; i++)
		bd.items[i] = (struct breakdown_item){ .label = labels[i], .measure = measure,
						       .value = values[i] };
	return bd;
}

static struct model *build_model(void)
{
	struct model *m = model_new("test");
	struct arena *a = m->arena;
	m->report.head = (struct file_head){ .loaded = true, .period = year(2023) };

	struct finance *f = &m->finance;
	f->head = (struct file_head){ .loaded = true, .period = year(2023) };
	f->n_contributions = 3;
	f->contributions = arena_array(a, 3, sizeof *f->contributions);
	f->contributions[0] = (struct money_line){ .name = "Sefton Council", .amount = whole(96500) };
	f->contributions[1] = (struct money_line){ .name = "Merseyside Police", .amount = whole(40000) };
	f->contributions[2] = (struct money_line){ .name = "NHS", .amount = whole(102442) };
	f->n_costs = 2;
	f->costs = arena_array(a, 2, sizeof *f->costs);
	f->costs[0] = (struct money_line){ .name = "Business unit staffing", .amount = whole(180000) };
	f->costs[1] = (struct money_line){ .name = "Training", .amount = num(3898550, 2) };
	f->n_previous = 2;
	f->previous = arena_array(a, 2, sizeof *f->previous);
	/* Written newest first: the series must still come out oldest first. */
	f->previous[0] = (struct finance_previous){ .period = year(2022), .income = whole(231000),
						    .expenditure = whole(209500) };
	f->previous[1] = (struct finance_previous){ .period = year(2021), .income = whole(220000),
						    .expenditure = whole(232000) };

	struct lado *l = &m->lado;
	l->head = (struct file_head){ .loaded = true, .period = year(2023) };
	l->n_years = 4;
	l->years = arena_array(a, 4, sizeof *l->years);
	l->years[0] = (struct lado_year){ .period = year(2020), .referrals = whole(118), .contacts = whole(44) };
	l->years[1] = (struct lado_year){ .period = year(2021), .referrals = whole(150), .contacts = whole(40) };
	l->years[2] = (struct lado_year){ .period = year(2022), .referrals = whole(200), .contacts = whole(50) };
	l->years[3] = (struct lado_year){ .period = year(2023), .referrals = whole(265), .contacts = whole(48) };
	l->n_breakdowns = 2;
	l->breakdowns = arena_array(a, 2, sizeof *l->breakdowns);
	static const char *const agencies[] = { "Police", "Education" };
	const struct decimal agency_values[] = { whole(100), whole(165) };
	l->breakdowns[0] = make_breakdown(a, "referring-agency", "Referring agency", MEASURE_COUNT,
					  2, agencies, agency_values);
	static const char *const categories[] = { "Physical", "Neglect", "Sexual", "Emotional",
						  "Online / Inc. social media" };
	const struct decimal category_values[] = { whole(45), whole(17), whole(10), num(650, 1),
						   num(2150, 1) };
	l->breakdowns[1] = make_breakdown(a, "category", "Category of allegation", MEASURE_PERCENT,
					  5, categories, category_values);
	l->n_timescales = 2;
	l->timescales = arena_array(a, 2, sizeof *l->timescales);
	l->timescales[0] = (struct lado_timescale){ .period = year(2022),
		.band = { whole(70), whole(15), whole(10), whole(5) } };
	l->timescales[1] = (struct lado_timescale){ .period = year(2023),
		.band = { num(7550, 1), whole(14), num(970, 1), num(80, 1) } };

	struct yjs *y = &m->yjs;
	y->head = (struct file_head){ .loaded = true, .period = year(2023) };
	y->offences.present = true;
	y->offences.total = whole(108);
	y->offences.children = whole(45);
	y->offences.n_breakdowns = 2;
	y->offences.breakdowns = arena_array(a, 2, sizeof *y->offences.breakdowns);
	static const char *const types[] = { "Arson", "Theft and Handling Stolen Goods",
					     "Violence Against the Person" };
	const struct decimal type_values[] = { whole(28), whole(30), whole(50) };
	y->offences.breakdowns[0] = make_breakdown(a, "type", NULL, MEASURE_COUNT, 3, types,
						   type_values);
	static const char *const genders[] = { "Male", "Female" };
	const struct decimal gender_values[] = { num(8444, 2), num(1556, 2) };
	y->offences.breakdowns[1] = make_breakdown(a, "gender", NULL, MEASURE_PERCENT, 2, genders,
						   gender_values);
	y->has_cohort = true;
	y->n_measures = 2;
	y->measures = arena_array(a, 2, sizeof *y->measures);
	y->measures[0] = (struct cohort_measure){ .label = "Involved with children's social care",
						  .percent = num(3380, 1) };
	y->measures[1] = (struct cohort_measure){ .label = "Not in education", .percent = num(2410, 2) };

	struct training *t = &m->training;
	t->head = (struct file_head){ .loaded = true, .period = year(2023) };
	t->n_courses = 4;
	t->courses = arena_array(a, 4, sizeof *t->courses);
	t->courses[0] = (struct course){ .title = "Working Together", .mode = MODE_FACE_TO_FACE,
					 .sessions = whole(11), .attendees = whole(264) };
	t->courses[1] = (struct course){ .title = "Online Safety", .mode = MODE_E_LEARNING,
					 .sessions = whole(1), .attendees = whole(1623) };
	t->courses[2] = (struct course){ .title = "Working Together", .mode = MODE_VIRTUAL,
					 .sessions = whole(4), .attendees = whole(100) };
	t->courses[3] = (struct course){ .title = "Managing Allegations", .mode = MODE_VIRTUAL,
					 .sessions = whole(3), .attendees = absent };
	t->n_previous = 1;
	t->previous = arena_array(a, 1, sizeof *t->previous);
	t->previous[0] = (struct training_previous){ .period = year(2022), .sessions = whole(58),
						     .attendees = whole(1400) };
	return m;
}

/* ---- helpers over resolving and printing -------------------------------- */

static struct model *M;
static struct arena *A;

static const char *fmt(struct figure f)
{
	static char buf[64];
	return figure_format(f, buf, sizeof buf);
}

/* The printed value of a scalar path, or "NONE: why". */
static const char *value_of(const char *path)
{
	struct figure_ref ref;
	const char *why;
	enum figure_kind kind = figure_resolve(M, A, path, &ref, &why);
	if (kind == FIG_SCALAR)
		return fmt(ref.value);
	if (kind == FIG_DATASET)
		return "DATASET";
	return arena_printf(A, "NONE: %s", why ? why : "(no reason)");
}

static const char *why_of(const char *path)
{
	struct figure_ref ref;
	const char *why = NULL;
	if (figure_resolve(M, A, path, &ref, &why) != FIG_NONE)
		return "(exists)";
	return why ? why : "(no reason)";
}

static const struct dataset *dataset_of(const char *path)
{
	struct figure_ref ref;
	if (figure_resolve(M, A, path, &ref, NULL) != FIG_DATASET)
		return NULL;
	return ref.dataset;
}

static const char *cell_text(const struct dataset *ds, size_t row, size_t col)
{
	const struct ds_cell *cell = dataset_cell(ds, row, col);
	if (!cell->present)
		return "(absent)";
	if (ds->cols[col].is_text)
		return cell->text;
	return fmt(cell->value);
}

static struct figure count(int64_t n)
{
	return (struct figure){ UNIT_COUNT, n * 100, 0 };
}

static struct figure money(int64_t pence)
{
	return (struct figure){ UNIT_MONEY, pence, 2 };
}

static struct figure percent(int64_t hundredths, int decimals)
{
	return (struct figure){ UNIT_PERCENT, hundredths, decimals };
}

static const char *change(struct figure from, struct figure to)
{
	static char buf[128];
	return figure_format_change(from, to, buf, sizeof buf);
}

/* ---- the tests ---------------------------------------------------------- */

static void test_finance(void)
{
	is_str(value_of("finance.income"), "£238,942", "finance.income sums the contributions");
	is_str(value_of("finance.expenditure"), "£218,985.50",
	       "finance.expenditure sums the costs, pence kept");
	is_str(value_of("finance.balance"), "£19,956.50", "finance.balance is income less expenditure");

	const struct dataset *ds = dataset_of("finance.contributions");
	ok(ds && ds->kind == DS_PARTS && ds->n_rows == 3 && ds->n_cols == 1 &&
	   ds->cols[0].unit == UNIT_MONEY && strcmp(ds->row_labels[0], "Sefton Council") == 0 &&
	   strcmp(cell_text(ds, 2, 0), "£102,442") == 0,
	   "finance.contributions: parts, one money column, a row per partner");
	ds = dataset_of("finance.costs");
	ok(ds && ds->kind == DS_PARTS && ds->n_rows == 2 &&
	   strcmp(ds->row_labels[1], "Training") == 0,
	   "finance.costs: parts, a row per item");
	ds = dataset_of("finance.years");
	ok(ds && ds->kind == DS_SERIES && ds->n_rows == 3 && ds->n_cols == 2 &&
	   strcmp(ds->row_labels[0], "2021-22") == 0 && strcmp(ds->row_labels[1], "2022-23") == 0 &&
	   strcmp(ds->row_labels[2], "2023-24") == 0 &&
	   strcmp(ds->cols[0].label, "Income") == 0 && strcmp(ds->cols[1].label, "Expenditure") == 0,
	   "finance.years: previous rows sorted oldest first, then this year");
	ok(ds && strcmp(cell_text(ds, 2, 0), "£238,942") == 0 &&
	   strcmp(cell_text(ds, 0, 1), "£232,000") == 0,
	   "finance.years: this year computed from the items");
	is_str(value_of("finance.contributions.NHS"), "£102,442",
	       "finance.contributions.LABEL is one partner's amount");
}

static void test_lado(void)
{
	is_str(value_of("lado.referrals"), "265", "lado.referrals is this period's");
	is_str(value_of("lado.contacts"), "48", "lado.contacts is this period's");
	is_str(value_of("lado.total"), "313", "lado.total = referrals + contacts");

	const struct dataset *ds = dataset_of("lado.activity");
	ok(ds && ds->kind == DS_SERIES && ds->n_rows == 4 && ds->n_cols == 3 &&
	   strcmp(ds->cols[2].label, "Total") == 0 && ds->cols[2].is_total &&
	   !ds->cols[0].is_total && strcmp(ds->row_labels[0], "2020-21") == 0 &&
	   strcmp(cell_text(ds, 0, 2), "162") == 0 && strcmp(cell_text(ds, 3, 0), "265") == 0,
	   "lado.activity: series by year, Total computed and marked");

	ds = dataset_of("lado.timescales");
	ok(ds && ds->kind == DS_SERIES && ds->n_rows == 2 && ds->n_cols == 4 &&
	   strcmp(ds->cols[0].label, "Under 1 month") == 0 &&
	   strcmp(ds->cols[3].label, "Over 12 months") == 0 && ds->cols[1].unit == UNIT_PERCENT &&
	   strcmp(cell_text(ds, 1, 3), "0.8%") == 0,
	   "lado.timescales: four percent bands by year");

	is_str(value_of("lado.within-1-month"), "75.5%", "lado.within-1-month is the first band");
	is_str(value_of("lado.within-3-months"), "89.5%",
	       "lado.within-3-months is cumulative, at the finer precision");

	ds = dataset_of("lado.category");
	ok(ds && ds->kind == DS_PARTS && ds->n_cols == 1 &&
	   strcmp(ds->cols[0].label, "Percentage") == 0 && ds->cols[0].unit == UNIT_PERCENT &&
	   ds->breakdown == &M->lado.breakdowns[1] &&
	   strcmp(ds->title, "Category of allegation") == 0 && ds->n_rows == 5 &&
	   strcmp(cell_text(ds, 3, 0), "6.5%") == 0,
	   "lado.category: a percent breakdown as parts");
	ds = dataset_of("lado.referring-agency");
	ok(ds && strcmp(ds->cols[0].label, "Number") == 0 && ds->cols[0].unit == UNIT_COUNT &&
	   strcmp(ds->row_heading, "Referring agency") == 0,
	   "lado.referring-agency: a count breakdown, column Number");
	is_str(value_of("lado.category.Online / Inc. social media"), "21.5%",
	       "a LABEL with spaces, a slash and a dot");
	is_str(value_of("lado.referring-agency.Education"), "165", "a count item's value");
}

static void test_yjs(void)
{
	is_str(value_of("yjs.offences.total"), "108", "yjs.offences.total");
	is_str(value_of("yjs.offences.children"), "45", "yjs.offences.children");
	is_str(value_of("yjs.offences.type.Theft and Handling Stolen Goods"), "30",
	       "yjs.offences.type.Theft and Handling Stolen Goods");
	is_str(value_of("yjs.offences.gender.Female"), "15.56%", "a percent item keeps 2 decimals");
	const struct dataset *ds = dataset_of("yjs.offences.type");
	ok(ds && ds->kind == DS_PARTS && ds->n_rows == 3 && ds->breakdown, "yjs.offences.type");
	ds = dataset_of("yjs.cohort");
	ok(ds && ds->kind == DS_MEASURES && ds->n_rows == 2 && ds->cols[0].unit == UNIT_PERCENT &&
	   strcmp(cell_text(ds, 1, 0), "24.10%") == 0,
	   "yjs.cohort: measures, percent, precision kept");
	is_str(why_of("yjs.incidents.total"), "yjs.xml has no incidents",
	       "yjs.incidents.total without <incidents>");
}

static void test_training(void)
{
	is_str(value_of("training.courses"), "3", "training.courses counts distinct titles");
	is_str(value_of("training.sessions"), "19", "training.sessions sums the courses");
	is_str(why_of("training.attendees"),
	       "training.attendees needs attendees on every course or a written total "
	       "(\"Managing Allegations\" has none)",
	       "training.attendees does not exist when a course lacks attendees");

	const struct dataset *ds = dataset_of("training.by-mode");
	ok(ds && ds->kind == DS_PARTS && ds->n_rows == 3 &&
	   strcmp(ds->row_labels[0], "Face to face") == 0 &&
	   strcmp(ds->row_labels[1], "Virtual") == 0 && strcmp(ds->row_labels[2], "E-learning") == 0 &&
	   strcmp(cell_text(ds, 1, 0), "7") == 0,
	   "training.by-mode: sessions per mode, in mode order");

	ds = dataset_of("training.courses-table");
	ok(ds && ds->kind == DS_RECORDS && ds->n_rows == 4 && ds->n_cols == 3 &&
	   ds->cols[0].is_text && strcmp(cell_text(ds, 1, 0), "E-learning") == 0 &&
	   strcmp(ds->row_labels[3], "Managing Allegations") == 0 &&
	   strcmp(cell_text(ds, 3, 2), "(absent)") == 0 && strcmp(cell_text(ds, 1, 2), "1,623") == 0,
	   "training.courses-table: records in document order, missing attendees absent");

	ds = dataset_of("training.years");
	ok(ds && ds->kind == DS_SERIES && ds->n_rows == 2 &&
	   strcmp(ds->row_labels[1], "2023-24") == 0 && strcmp(cell_text(ds, 1, 0), "19") == 0 &&
	   strcmp(cell_text(ds, 1, 1), "(absent)") == 0 && strcmp(cell_text(ds, 0, 1), "1,400") == 0,
	   "training.years: previous rows and this year");

	M->training.has_totals = true;
	M->training.totals_sessions = absent;
	M->training.totals_attendees = whole(1987);
	is_str(value_of("training.attendees"), "1,987", "training.attendees: the written total");
	is_str(value_of("training.sessions"), "19", "training.sessions: the sum when no total is written");
	M->training.has_totals = false;
}

static void test_not_found(void)
{
	is_str(why_of("lado.categry"), "lado has no breakdown \"categry\" (did you mean \"category\"?)",
	       "a misspelt breakdown");
	is_str(why_of("lado.referals"), "lado has no figure \"referals\" (did you mean \"referrals\"?)",
	       "a misspelt figure");
	is_str(why_of("yjs.offences.type.Theft"),
	       "yjs.offences.type has no item \"Theft\" (did you mean \"Theft and Handling Stolen Goods\"?)",
	       "a partial label suggests the label it begins");
	is_str(why_of("yjs.offences.type.theft and handling stolen goods"),
	       "yjs.offences.type has no item \"theft and handling stolen goods\" "
	       "(did you mean \"Theft and Handling Stolen Goods\"?)",
	       "labels match case-sensitively");
	is_str(why_of("lado.foo"),
	       "\"lado.foo\" is not a figure path; lado has referrals, contacts, total, activity, "
	       "timescales, within-1-month, within-3-months, and breakdowns referring-agency and "
	       "category",
	       "an unknown lado figure lists what exists");
	is_str(why_of("finance.bogus"),
	       "\"finance.bogus\" is not a figure path; finance has income, expenditure, balance, "
	       "contributions, costs and years",
	       "an unknown finance figure lists what exists");
	is_str(why_of("Lado.total"),
	       "\"Lado.total\" is not a figure path; paths begin with finance, lado, yjs, "
	       "training or reviews (did you mean \"lado\"?)",
	       "a root in the wrong case");
	is_str(why_of("lado.referrals.x"),
	       "\"lado.referrals.x\" is not a figure path; lado.referrals is a single figure and "
	       "has no items",
	       "a scalar has no items");
	is_str(why_of("yjs.offences"),
	       "\"yjs.offences\" is not a figure path; yjs.offences has total, children, and "
	       "breakdowns type and gender",
	       "a group alone is not a figure");
	is_str(why_of(""), "the figure path is empty", "an empty path");
	is_str(why_of("lado.category."),
	       "\"lado.category.\" is not a figure path; an item's label must follow \"lado.category.\"",
	       "an empty label");

	struct figure_ref ref;
	ok(figure_resolve(M, A, "lado.nothing", &ref, NULL) == FIG_NONE && ref.kind == FIG_NONE,
	   "FIG_NONE without asking why");

	M->lado.years[3].contacts = absent;
	is_str(why_of("lado.total"),
	       "the activity year 2023-24 in lado.xml has no valid referrals and contacts",
	       "an absent value makes the path not exist");
	M->lado.years[3].contacts = whole(48);
	M->finance.head.loaded = false;
	is_str(why_of("finance.income"), "finance.xml could not be read", "a file not loaded");
	M->finance.head.loaded = true;
}

static void test_other_periods(void)
{
	struct figure f;
	ok(figure_value_in(M, "lado.total", year(2020), &f) && strcmp(fmt(f), "162") == 0,
	   "lado.total in 2020-21 from the activity years");
	ok(figure_value_in(M, "lado.total", year(2023), &f) && strcmp(fmt(f), "313") == 0,
	   "lado.total in the current period");
	ok(figure_value_in(M, "lado.within-3-months", year(2022), &f) && strcmp(fmt(f), "85%") == 0,
	   "lado.within-3-months in 2022-23 from the timescales");
	ok(figure_value_in(M, "finance.income", year(2022), &f) && strcmp(fmt(f), "£231,000") == 0,
	   "finance.income in 2022-23 from previous");
	ok(figure_value_in(M, "finance.balance", year(2021), &f) &&
	   strcmp(fmt(f), "\xE2\x88\x92£12,000") == 0,
	   "finance.balance in 2021-22, negative");
	ok(figure_value_in(M, "training.sessions", year(2022), &f) && strcmp(fmt(f), "58") == 0,
	   "training.sessions in 2022-23 from previous");
	ok(!figure_value_in(M, "lado.total", year(2019), &f), "no value in a period not in the data");
	ok(!figure_value_in(M, "yjs.offences.total", year(2022), &f),
	   "yjs figures have no earlier periods");
	ok(figure_value_in(M, "yjs.offences.total", year(2023), &f) && strcmp(fmt(f), "108") == 0,
	   "any scalar in the current period");

	struct period ps[8];
	size_t n = figure_periods(M, "lado.total", ps, 8);
	ok(n == 4 && ps[0].first_year == 2020 && ps[3].first_year == 2023,
	   "figure_periods(lado.total): four activity years, oldest first");
	n = figure_periods(M, "finance.income", ps, 2);
	ok(n == 3 && ps[0].first_year == 2021 && ps[1].first_year == 2022,
	   "figure_periods(finance.income) counts past max");
	n = figure_periods(M, "training.attendees", ps, 8);
	ok(n == 1 && ps[0].first_year == 2022,
	   "figure_periods(training.attendees): not this year without attendees");
}

/* The register's counts: by kind, rapid reviews held, published and in
 * progress, this year and an earlier one. */
static void test_reviews(void)
{
	ok(strncmp(value_of("reviews.count"), "NONE: reviews.xml could not be read", 35) == 0,
	   "reviews paths need reviews.xml");
	struct reviews *rv = &M->reviews;
	rv->head.loaded = true;
	rv->head.period = year(2023);
	struct arena *a = M->arena;
	rv->n_reviews = 5;
	rv->reviews = arena_array(a, rv->n_reviews, sizeof *rv->reviews);
	struct review_milestone_entry *pub = arena_array(a, 3, sizeof *pub);
	pub[0] = (struct review_milestone_entry){ .event = MS_PUBLISHED, .event_valid = true,
						  .date = { 2024, 11, 0 }, .expected = true };
	pub[1] = (struct review_milestone_entry){ .event = MS_PUBLISHED, .event_valid = true,
						  .date = { 2024, 3, 0 } };
	pub[2] = (struct review_milestone_entry){ .event = MS_NOTIFIED, .event_valid = true,
						  .date = { 2022, 4, 2 } };
	rv->reviews[0] = (struct review){ .kind = REVIEW_RAPID, .kind_valid = true,
					  .status = REVIEW_COMPLETE, .status_valid = true,
					  .year = year(2023) };
	rv->reviews[1] = rv->reviews[0];
	rv->reviews[2] = (struct review){ .kind = REVIEW_LCSPR, .kind_valid = true,
					  .status = REVIEW_IN_PROGRESS, .status_valid = true,
					  .year = year(2023), .milestones = &pub[0], .n_milestones = 1 };
	/* Counted in 2022-23 by its notification, published in March 2024. */
	rv->reviews[3] = (struct review){ .kind = REVIEW_LCSPR, .kind_valid = true,
					  .status = REVIEW_COMPLETE, .status_valid = true,
					  .milestones = &pub[1], .n_milestones = 2 };
	rv->reviews[4] = (struct review){ .kind = REVIEW_SCR, .kind_valid = true,
					  .status = REVIEW_COMPLETE, .status_valid = true,
					  .year = year(2023) };
	is_str(value_of("reviews.count"), "4", "reviews.count: the reviews counted this year");
	is_str(value_of("reviews.count.rapid-review"), "2", "reviews.count.rapid-review");
	is_str(value_of("reviews.count.lcspr"), "1", "reviews.count.lcspr: this year's only");
	is_str(value_of("reviews.rapid-reviews"), "3",
	       "reviews.rapid-reviews: this year's reviews but serious case reviews");
	is_str(value_of("reviews.published.lcspr"), "1",
	       "reviews.published.lcspr: published this year, expected dates aside");
	is_str(value_of("reviews.in-progress"), "1", "reviews.in-progress");
	is_str(value_of("reviews.in-progress.lcspr"), "1", "reviews.in-progress.lcspr");
	struct figure f;
	ok(figure_value_in(M, "reviews.count.lcspr", year(2022), &f) && strcmp(fmt(f), "1") == 0,
	   "reviews.count.lcspr in 2022-23");
	ok(figure_value_in(M, "reviews.published", year(2022), &f) && strcmp(fmt(f), "0") == 0,
	   "reviews.published in 2022-23");
	ok(!figure_value_in(M, "reviews.in-progress", year(2022), &f),
	   "reviews.in-progress has no earlier periods");
	is_str(value_of("reviews.all"), "5", "reviews.all: every review of the register");
	is_str(value_of("reviews.all.lcspr"), "2", "reviews.all.lcspr, whatever their year");

	/* The review table: a column per review, a row per milestone dated. */
	const struct dataset *ds = dataset_of("reviews.milestones.lcspr");
	ok(ds && ds->kind == DS_RECORDS && ds->n_cols == 2 && ds->n_rows == 2 &&
		   strcmp(ds->row_labels[0], "Serious incident notification") == 0 &&
		   strcmp(ds->row_labels[1], "Published") == 0 && ds->cols[0].is_text &&
		   strcmp(cell_text(ds, 1, 0), "November 2024 (expected)") == 0 &&
		   strcmp(cell_text(ds, 1, 1), "March 2024") == 0 &&
		   strcmp(cell_text(ds, 0, 1), "2 April 2022") == 0 &&
		   !dataset_cell(ds, 0, 0)->present,
	   "reviews.milestones.lcspr: a column per review, a row per milestone dated");
	ds = dataset_of("reviews.milestones");
	ok(ds && ds->n_cols == 5 && ds->n_rows == 2, "five reviews are still columns");
	rv->n_reviews = 0;
	struct review *many = arena_array(a, 6, sizeof *many);
	for (int i = 0; i < 6; i++)
		many[i] = (struct review){ .name = arena_printf(a, "Child %c", 'A' + i),
					   .kind = REVIEW_LCSPR, .kind_valid = true,
					   .milestones = &pub[1], .n_milestones = 2 };
	rv->reviews = many;
	rv->n_reviews = 6;
	ds = dataset_of("reviews.milestones");
	ok(ds && ds->n_rows == 6 && ds->n_cols == 2 && strcmp(ds->row_labels[5], "Child F") == 0 &&
		   strcmp(ds->cols[1].label, "Published") == 0 &&
		   strcmp(cell_text(ds, 5, 1), "March 2024") == 0,
	   "six reviews turn the table: a row per review");

	/* The actions table. */
	struct review_action *acts = arena_array(a, 2, sizeof *acts);
	acts[0] = (struct review_action){ .text = "Train", .owner = "Police",
					  .status = ACTION_IN_PROGRESS, .status_valid = true,
					  .date = { 2024, 12, 0 } };
	acts[1] = (struct review_action){ .text = "Audit", .owner = "Health",
					  .status = ACTION_COMPLETE, .status_valid = true };
	many[2].actions = acts;
	many[2].n_actions = 2;
	ds = dataset_of("reviews.actions");
	ok(ds && ds->n_rows == 2 && ds->n_cols == 4 && strcmp(ds->row_labels[0], "Child C") == 0 &&
		   strcmp(cell_text(ds, 0, 0), "Train") == 0 &&
		   strcmp(cell_text(ds, 0, 1), "Police") == 0 &&
		   strcmp(cell_text(ds, 0, 2), "In progress") == 0 &&
		   strcmp(cell_text(ds, 0, 3), "December 2024") == 0 &&
		   strcmp(cell_text(ds, 1, 2), "Complete") == 0 &&
		   strcmp(cell_text(ds, 1, 3), "") == 0,
	   "reviews.actions: a row per action with its review, owner, status and date");
	is_str(why_of("reviews.count.lcsprs"),
	       "reviews.count has no figure \"lcsprs\" (did you mean \"lcspr\"?)",
	       "an unknown kind");
	*rv = (struct reviews){ 0 };
}

static void test_format(void)
{
	is_str(fmt(count(0)), "0", "count 0");
	is_str(fmt(count(7)), "7", "count 7");
	is_str(fmt(count(999)), "999", "count 999");
	is_str(fmt(count(1000)), "1,000", "count 1,000");
	is_str(fmt(count(16930)), "16,930", "count 16,930");
	is_str(fmt(count(1000000)), "1,000,000", "count 1,000,000");
	is_str(fmt(money(23894200)), "£238,942", "money, whole pounds");
	is_str(fmt(money(125050)), "£1,250.50", "money with pence");
	is_str(fmt(money(5)), "£0.05", "money, pence only");
	is_str(fmt(money(-120000)), "\xE2\x88\x92£1,200", "negative money with U+2212");
	is_str(fmt(money(0)), "£0", "money zero");
	is_str(fmt(percent(3800, 0)), "38%", "percent, no decimals");
	is_str(fmt(percent(650, 1)), "6.5%", "percent, one decimal");
	is_str(fmt(percent(2410, 2)), "24.10%", "percent, two decimals kept");
	is_str(fmt(percent(600, 1)), "6.0%", "percent 6.0 keeps its decimal");
	is_str(fmt(percent(-250, 1)), "\xE2\x88\x92" "2.5%", "negative percent");

	char small[6];
	figure_format(money(23894200), small, sizeof small);
	is_str(small, "£238", "a short buffer truncates whole characters");
}

static void test_change(void)
{
	is_str(change(count(400), count(450)), "an increase of 12.5%", "increase");
	is_str(change(count(1000), count(963)), "a decrease of 3.7%", "decrease");
	is_str(change(count(313), count(313)), "no change", "no change");
	is_str(change(count(100), count(112)), "an increase of 12.0%", "always one decimal");
	is_str(change(count(2000), count(2001)), "an increase of 0.1%", "0.05% rounds up to 0.1%");
	is_str(change(count(2000), count(1999)), "a decrease of 0.1%",
	       "-0.05% rounds away from zero");
	is_str(change(count(20000), count(20001)), "an increase of less than 0.1%",
	       "a tiny increase is not no change");
	is_str(change(count(20001), count(20000)), "a decrease of less than 0.1%", "a tiny decrease");
	is_str(change(count(0), count(48)), "an increase from 0 to 48", "from zero");
	is_str(change(money(0), money(-120000)), "a decrease from £0 to \xE2\x88\x92£1,200",
	       "from zero to a negative balance");
	is_str(change(count(10), count(130)), "an increase of 1,200.0%", "a large increase");
	is_str(change(percent(4000, 0), percent(5000, 0)), "an increase of 25.0%",
	       "percent figures change relatively");

	int64_t t;
	ok(!figure_change_tenths(count(0), count(5), &t), "no percentage from zero");
	ok(figure_change_tenths(count(3), count(4), &t) && t == 333, "1/3 is 33.3%% (333 tenths)");
	ok(figure_change_tenths(count(3), count(2), &t) && t == -333, "decrease gives negative tenths");
	ok(figure_change_tenths(money(-100000), money(-50000), &t) && t == 500,
	   "a negative base: a rise is an increase");
}

/* Sums and products of figures never wrap (issue 12 item 6). */
static void test_checked(void)
{
	int64_t s = FIGURE_MAX_HUNDREDTHS - 1;
	ok(figure_add(&s, 1) && s == FIGURE_MAX_HUNDREDTHS, "a sum up to the largest figure adds");
	ok(!figure_add(&s, 1) && s == FIGURE_MAX_HUNDREDTHS,
	   "one more is refused and leaves the sum as it was");
	s = INT64_MAX - 1;
	ok(!figure_add(&s, INT64_MAX), "a sum past int64 is refused, not wrapped");
	s = -FIGURE_MAX_HUNDREDTHS;
	ok(!figure_add(&s, -1), "and so is one below the most negative figure");

	int64_t big = INT64_C(50000000000000000), whole = INT64_C(99999999999999900);
	ok(figure_muldiv(big, 1000, whole, FIGURE_NEAREST) == 500,
	   "half of fifteen digits is 500 tenths of a percent, computed wide");
	ok(figure_muldiv(1, 1, 2, FIGURE_NEAREST) == 1 && figure_muldiv(-1, 1, 2, FIGURE_NEAREST) == -1,
	   "nearest rounds half away from zero");
	ok(figure_muldiv(7, 1, 2, FIGURE_FLOOR) == 3 && figure_muldiv(-7, 1, 2, FIGURE_FLOOR) == -4,
	   "floor rounds down");
	ok(figure_muldiv(7, 1, 2, FIGURE_CEIL) == 4 && figure_muldiv(-7, 1, 2, FIGURE_CEIL) == -3,
	   "ceil rounds up");
	ok(figure_muldiv(INT64_MAX, INT64_MAX, 1, FIGURE_FLOOR) == INT64_MAX,
	   "a result past int64 saturates");
}

/* The same look-ups through the tables model_index() makes (the loader
 * calls it; the model above is searched in full until then). */
static void test_indexed(void)
{
	model_index(M);
	is_str(value_of("training.courses"), "3", "indexed: training.courses counts distinct titles");
	is_str(value_of("lado.category.Neglect"), "17%", "indexed: an item found by its label");
	is_str(value_of("lado.category.Online / Inc. social media"), "21.5%",
	       "indexed: a label with spaces and a slash");
	struct figure_ref ref;
	ok(figure_resolve(M, A, "lado.category.Negelct", &ref, NULL) == FIG_NONE,
	   "indexed: a label that is not there is not found");
	const struct breakdown *bd = &M->lado.breakdowns[1];
	ok(model_find_item(bd, "Physical") == &bd->items[0] &&
	   model_find_item(bd, "Emotional") == &bd->items[3] && !model_find_item(bd, ""),
	   "indexed: model_find_item returns the item itself");
}

int main(void)
{
	/* Under a decimal-comma locale (LC_ALL=de_DE.UTF-8) nothing may change. */
	setlocale(LC_ALL, "");
	M = build_model();
	A = arena_new();
	test_finance();
	test_lado();
	test_yjs();
	test_training();
	test_not_found();
	test_other_periods();
	test_reviews();
	test_format();
	test_change();
	test_checked();
	test_indexed();
	arena_free(A);
	model_free(M);
	return tap_done();
}
