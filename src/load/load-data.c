/* load-data.c - finance.xml, lado.xml, yjs.xml, training.xml and
 * scrutiny.xml into the model. */
#include "load-private.h"
#include "vocab.h"

/* ---- breakdowns --------------------------------------------------------- */

/* An item writes exactly one of count and percent (XSD 1.0 cannot say so). */
static void load_item(struct load_file *f, xmlNode *node, struct breakdown_item *item)
{
	item->pos = load_pos(f, node);
	item->label = load_string(f, node, VOCAB_AT_LABEL);
	bool has_count = load_has(node, VOCAB_AT_COUNT);
	bool has_percent = load_has(node, VOCAB_AT_PERCENT);
	struct decimal count = load_count(f, node, VOCAB_AT_COUNT);
	struct decimal percent = load_percent(f, node, VOCAB_AT_PERCENT);
	if (has_count && has_percent) {
		diag_error(f->d, item->pos, 3, "item has both count and percent; give one");
	} else if (has_count) {
		item->measure = MEASURE_COUNT;
		item->value = count;
	} else if (has_percent) {
		item->measure = MEASURE_PERCENT;
		item->value = percent;
	} else {
		diag_error(f->d, item->pos, 3, "item has neither count nor percent; give one");
	}
}

static void load_breakdown(struct load_file *f, xmlNode *node, struct breakdown *bd)
{
	bd->pos = load_pos(f, node);
	bd->id = load_id(f, node, VOCAB_AT_ID);
	bd->title = load_string(f, node, VOCAB_AT_TITLE);
	bd->of = load_string(f, node, VOCAB_AT_OF);
	bd->base = load_count(f, node, VOCAB_AT_BASE);
	bd->partial = load_flag(f, node, VOCAB_AT_PARTIAL, VOCAB_TRUE, VOCAB_FALSE, false);
	bd->n_items = load_count_children(node, VOCAB_EL_ITEM);
	bd->items = arena_array(f->arena, bd->n_items, sizeof *bd->items);
	size_t i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_ITEM); c;
	     c = load_next(c, VOCAB_EL_ITEM), i++) {
		load_item(f, c, &bd->items[i]);
		/* The breakdown's measure: its items' one, MIXED when they differ. */
		enum measure m = bd->items[i].measure;
		if (m == MEASURE_NONE)
			continue;
		if (bd->measure == MEASURE_NONE)
			bd->measure = m;
		else if (bd->measure != m)
			bd->measure = MEASURE_MIXED;
	}
}

/* The <breakdown> children of parent. */
static struct breakdown *load_breakdowns(struct load_file *f, xmlNode *parent, size_t *n)
{
	*n = load_count_children(parent, VOCAB_EL_BREAKDOWN);
	struct breakdown *bds = arena_array(f->arena, *n, sizeof *bds);
	size_t i = 0;
	for (xmlNode *c = load_first(parent, VOCAB_EL_BREAKDOWN); c;
	     c = load_next(c, VOCAB_EL_BREAKDOWN), i++)
		load_breakdown(f, c, &bds[i]);
	return bds;
}

/* ---- finance.xml -------------------------------------------------------- */

static struct money_line *load_money_lines(struct load_file *f, xmlNode *parent,
					   const char *element, const char *name_attr, size_t *n)
{
	*n = load_count_children(parent, element);
	struct money_line *lines = arena_array(f->arena, *n, sizeof *lines);
	size_t i = 0;
	for (xmlNode *c = load_first(parent, element); c; c = load_next(c, element), i++) {
		lines[i].pos = load_pos(f, c);
		lines[i].name = load_string(f, c, name_attr);
		lines[i].amount = load_money(f, c, VOCAB_AT_AMOUNT);
	}
	return lines;
}

void load_finance(struct load_file *f, xmlNode *root)
{
	static const char *const currencies[] = { VOCAB_CURRENCY };
	struct finance *fin = &f->m->finance;
	load_head(f, root, &fin->head);
	int currency = load_enum(f, root, VOCAB_AT_CURRENCY, currencies, 1, -1);
	fin->currency = currency < 0 ? NULL : currencies[currency];

	xmlNode *income = load_first(root, VOCAB_EL_INCOME);
	if (income)
		fin->income_pos = load_pos(f, income);
	fin->contributions = load_money_lines(f, income, VOCAB_EL_CONTRIBUTION, VOCAB_AT_FROM,
					      &fin->n_contributions);
	xmlNode *expenditure = load_first(root, VOCAB_EL_EXPENDITURE);
	if (expenditure)
		fin->expenditure_pos = load_pos(f, expenditure);
	fin->costs = load_money_lines(f, expenditure, VOCAB_EL_COST, VOCAB_AT_ITEM, &fin->n_costs);

	xmlNode *reserves = load_first(root, VOCAB_EL_RESERVES);
	if (reserves) {
		fin->reserves_pos = load_pos(f, reserves);
		fin->reserves_opening = load_money(f, reserves, VOCAB_AT_OPENING);
	}
	xmlNode *totals = load_first(root, VOCAB_EL_TOTALS);
	if (totals) {
		fin->has_totals = true;
		fin->totals_pos = load_pos(f, totals);
		fin->totals_income = load_money(f, totals, VOCAB_AT_INCOME);
		fin->totals_expenditure = load_money(f, totals, VOCAB_AT_EXPENDITURE);
	}
	fin->n_previous = load_count_children(root, VOCAB_EL_PREVIOUS);
	fin->previous = arena_array(f->arena, fin->n_previous, sizeof *fin->previous);
	size_t i = 0;
	for (xmlNode *c = load_first(root, VOCAB_EL_PREVIOUS); c;
	     c = load_next(c, VOCAB_EL_PREVIOUS), i++) {
		struct finance_previous *p = &fin->previous[i];
		p->pos = load_pos(f, c);
		p->period = load_period(f, c, VOCAB_AT_PERIOD);
		p->income = load_money(f, c, VOCAB_AT_INCOME);
		p->expenditure = load_money(f, c, VOCAB_AT_EXPENDITURE);
	}
}

/* ---- lado.xml ----------------------------------------------------------- */

void load_lado(struct load_file *f, xmlNode *root)
{
	struct lado *lado = &f->m->lado;
	load_head(f, root, &lado->head);

	xmlNode *activity = load_first(root, VOCAB_EL_ACTIVITY);
	if (activity)
		lado->activity_pos = load_pos(f, activity);
	lado->n_years = load_count_children(activity, VOCAB_EL_YEAR);
	lado->years = arena_array(f->arena, lado->n_years, sizeof *lado->years);
	size_t i = 0;
	for (xmlNode *c = load_first(activity, VOCAB_EL_YEAR); c;
	     c = load_next(c, VOCAB_EL_YEAR), i++) {
		struct lado_year *y = &lado->years[i];
		y->pos = load_pos(f, c);
		y->period = load_period(f, c, VOCAB_AT_PERIOD);
		y->referrals = load_count(f, c, VOCAB_AT_REFERRALS);
		y->contacts = load_count(f, c, VOCAB_AT_CONTACTS);
	}

	lado->breakdowns = load_breakdowns(f, root, &lado->n_breakdowns);

	xmlNode *timescales = load_first(root, VOCAB_EL_TIMESCALES);
	if (timescales)
		lado->timescales_pos = load_pos(f, timescales);
	lado->n_timescales = load_count_children(timescales, VOCAB_EL_YEAR);
	lado->timescales = arena_array(f->arena, lado->n_timescales, sizeof *lado->timescales);
	i = 0;
	for (xmlNode *c = load_first(timescales, VOCAB_EL_YEAR); c;
	     c = load_next(c, VOCAB_EL_YEAR), i++) {
		struct lado_timescale *t = &lado->timescales[i];
		t->pos = load_pos(f, c);
		t->period = load_period(f, c, VOCAB_AT_PERIOD);
		for (int band = 0; band < BAND_COUNT; band++)
			t->band[band] = load_percent(f, c, timescale_band_name((enum timescale_band)band));
	}
}

/* ---- yjs.xml ------------------------------------------------------------ */

static void load_group(struct load_file *f, xmlNode *node, bool with_kind, struct yjs_group *g)
{
	if (!node)
		return;
	g->present = true;
	g->pos = load_pos(f, node);
	if (with_kind)
		g->kind = load_string(f, node, VOCAB_AT_KIND);
	g->total = load_count(f, node, VOCAB_AT_TOTAL);
	g->children = load_count(f, node, VOCAB_AT_CHILDREN);
	g->breakdowns = load_breakdowns(f, node, &g->n_breakdowns);
}

void load_yjs(struct load_file *f, xmlNode *root)
{
	struct yjs *yjs = &f->m->yjs;
	load_head(f, root, &yjs->head);
	load_group(f, load_first(root, VOCAB_EL_OFFENCES), false, &yjs->offences);
	load_group(f, load_first(root, VOCAB_EL_INCIDENTS), true, &yjs->incidents);

	xmlNode *cohort = load_first(root, VOCAB_EL_COHORT);
	if (!cohort)
		return;
	yjs->has_cohort = true;
	yjs->cohort_pos = load_pos(f, cohort);
	yjs->cohort_as_of = load_date(f, cohort, VOCAB_AT_AS_OF);
	yjs->n_measures = load_count_children(cohort, VOCAB_EL_MEASURE);
	yjs->measures = arena_array(f->arena, yjs->n_measures, sizeof *yjs->measures);
	size_t i = 0;
	for (xmlNode *c = load_first(cohort, VOCAB_EL_MEASURE); c;
	     c = load_next(c, VOCAB_EL_MEASURE), i++) {
		yjs->measures[i].pos = load_pos(f, c);
		yjs->measures[i].label = load_string(f, c, VOCAB_AT_LABEL);
		yjs->measures[i].percent = load_percent(f, c, VOCAB_AT_PERCENT);
	}
}

/* ---- training.xml ------------------------------------------------------- */

void load_training(struct load_file *f, xmlNode *root)
{
	const char *modes[MODE_COUNT];
	for (int i = 0; i < MODE_COUNT; i++)
		modes[i] = training_mode_name((enum training_mode)i);
	struct training *t = &f->m->training;
	load_head(f, root, &t->head);

	t->n_courses = load_count_children(root, VOCAB_EL_COURSE);
	t->courses = arena_array(f->arena, t->n_courses, sizeof *t->courses);
	size_t i = 0;
	for (xmlNode *c = load_first(root, VOCAB_EL_COURSE); c;
	     c = load_next(c, VOCAB_EL_COURSE), i++) {
		struct course *course = &t->courses[i];
		course->pos = load_pos(f, c);
		course->title = load_string(f, c, VOCAB_AT_TITLE);
		int mode = load_enum(f, c, VOCAB_AT_MODE, modes, MODE_COUNT, -1);
		course->mode = mode < 0 ? MODE_FACE_TO_FACE : (enum training_mode)mode;
		course->sessions = load_count(f, c, VOCAB_AT_SESSIONS);
		course->attendees = load_count(f, c, VOCAB_AT_ATTENDEES);
	}

	xmlNode *totals = load_first(root, VOCAB_EL_TOTALS);
	if (totals) {
		t->has_totals = true;
		t->totals_pos = load_pos(f, totals);
		t->totals_sessions = load_count(f, totals, VOCAB_AT_SESSIONS);
		t->totals_attendees = load_count(f, totals, VOCAB_AT_ATTENDEES);
	}
	t->n_previous = load_count_children(root, VOCAB_EL_PREVIOUS);
	t->previous = arena_array(f->arena, t->n_previous, sizeof *t->previous);
	i = 0;
	for (xmlNode *c = load_first(root, VOCAB_EL_PREVIOUS); c;
	     c = load_next(c, VOCAB_EL_PREVIOUS), i++) {
		struct training_previous *p = &t->previous[i];
		p->pos = load_pos(f, c);
		p->period = load_period(f, c, VOCAB_AT_PERIOD);
		p->sessions = load_count(f, c, VOCAB_AT_SESSIONS);
		p->attendees = load_count(f, c, VOCAB_AT_ATTENDEES);
	}
}

/* ---- scrutiny.xml ------------------------------------------------------- */

void load_scrutiny(struct load_file *f, xmlNode *root)
{
	struct scrutiny *s = &f->m->scrutiny;
	load_head(f, root, &s->head);

	xmlNode *scrutineer = load_first(root, VOCAB_EL_SCRUTINEER);
	if (scrutineer) {
		s->scrutineer_pos = load_pos(f, scrutineer);
		s->scrutineer_name = load_string(f, scrutineer, VOCAB_AT_NAME);
		s->scrutineer_role = load_string(f, scrutineer, VOCAB_AT_ROLE);
	}

	s->n_comments = load_count_children(root, VOCAB_EL_COMMENT);
	s->comments = arena_array(f->arena, s->n_comments, sizeof *s->comments);
	size_t i = 0;
	for (xmlNode *c = load_first(root, VOCAB_EL_COMMENT); c;
	     c = load_next(c, VOCAB_EL_COMMENT), i++) {
		s->comments[i].pos = load_pos(f, c);
		s->comments[i].on = load_id(f, c, VOCAB_AT_ON);
		s->comments[i].blocks = load_blocks(f, c, 1);
	}

	xmlNode *perspective = load_first(root, VOCAB_EL_PERSPECTIVE);
	if (perspective) {
		s->has_perspective = true;
		s->perspective_pos = load_pos(f, perspective);
		s->perspective_title = load_string(f, perspective, VOCAB_AT_TITLE);
		s->perspective = load_blocks(f, perspective, 1);
	}

	xmlNode *conclusion = load_first(root, VOCAB_EL_CONCLUSION);
	if (conclusion) {
		s->has_conclusion = true;
		s->conclusion_pos = load_pos(f, conclusion);
		load_list(f, load_first(conclusion, VOCAB_EL_STRENGTHS), false, &s->strengths);
		load_list(f, load_first(conclusion, VOCAB_EL_DEVELOPMENT), false, &s->development);
	}

	xmlNode *sign_off = load_first(root, VOCAB_EL_SIGN_OFF);
	if (sign_off) {
		s->has_sign_off = true;
		s->sign_off_pos = load_pos(f, sign_off);
		s->sign_off = load_date(f, sign_off, VOCAB_AT_DATE);
	}
}
