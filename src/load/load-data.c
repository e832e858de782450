/* load-data.c - finance.xml, lado.xml, yjs.xml, training.xml and
 * scrutiny.xml into the model. */
#include "load-private.h"

/* ---- breakdowns --------------------------------------------------------- */

/* An item writes exactly one of count and percent (XSD 1.0 cannot say so). */
static void load_item(struct load_file *f, xmlNode *node, struct breakdown_item *item)
{
	item->pos = load_pos(f, node);
	item->label = load_string(f, node, "label");
	bool has_count = load_has(node, "count");
	bool has_percent = load_has(node, "percent");
	struct decimal count = load_count(f, node, "count");
	struct decimal percent = load_percent(f, node, "percent");
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
	bd->id = load_id(f, node, "id");
	bd->title = load_string(f, node, "title");
	bd->of = load_string(f, node, "of");
	bd->base = load_count(f, node, "base");
	bd->partial = load_flag(f, node, "partial", "true", "false", false);
	bd->n_items = load_count_children(node, "item");
	bd->items = arena_array(f->arena, bd->n_items, sizeof *bd->items);
	size_t i = 0;
	for (xmlNode *c = load_first(node, "item"); c; c = load_next(c, "item"), i++) {
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
	*n = load_count_children(parent, "breakdown");
	struct breakdown *bds = arena_array(f->arena, *n, sizeof *bds);
	size_t i = 0;
	for (xmlNode *c = load_first(parent, "breakdown"); c; c = load_next(c, "breakdown"), i++)
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
		lines[i].amount = load_money(f, c, "amount");
	}
	return lines;
}

void load_finance(struct load_file *f, xmlNode *root)
{
	static const char *const currencies[] = { "GBP" };
	struct finance *fin = &f->m->finance;
	load_head(f, root, &fin->head);
	int currency = load_enum(f, root, "currency", currencies, 1, -1);
	fin->currency = currency < 0 ? NULL : currencies[currency];

	xmlNode *income = load_first(root, "income");
	if (income)
		fin->income_pos = load_pos(f, income);
	fin->contributions = load_money_lines(f, income, "contribution", "from",
					      &fin->n_contributions);
	xmlNode *expenditure = load_first(root, "expenditure");
	if (expenditure)
		fin->expenditure_pos = load_pos(f, expenditure);
	fin->costs = load_money_lines(f, expenditure, "cost", "item", &fin->n_costs);

	xmlNode *reserves = load_first(root, "reserves");
	if (reserves) {
		fin->reserves_pos = load_pos(f, reserves);
		fin->reserves_opening = load_money(f, reserves, "opening");
	}
	xmlNode *totals = load_first(root, "totals");
	if (totals) {
		fin->has_totals = true;
		fin->totals_pos = load_pos(f, totals);
		fin->totals_income = load_money(f, totals, "income");
		fin->totals_expenditure = load_money(f, totals, "expenditure");
	}
	fin->n_previous = load_count_children(root, "previous");
	fin->previous = arena_array(f->arena, fin->n_previous, sizeof *fin->previous);
	size_t i = 0;
	for (xmlNode *c = load_first(root, "previous"); c; c = load_next(c, "previous"), i++) {
		struct finance_previous *p = &fin->previous[i];
		p->pos = load_pos(f, c);
		p->period = load_period(f, c, "period");
		p->income = load_money(f, c, "income");
		p->expenditure = load_money(f, c, "expenditure");
	}
}

/* ---- lado.xml ----------------------------------------------------------- */

void load_lado(struct load_file *f, xmlNode *root)
{
	struct lado *lado = &f->m->lado;
	load_head(f, root, &lado->head);

	xmlNode *activity = load_first(root, "activity");
	if (activity)
		lado->activity_pos = load_pos(f, activity);
	lado->n_years = load_count_children(activity, "year");
	lado->years = arena_array(f->arena, lado->n_years, sizeof *lado->years);
	size_t i = 0;
	for (xmlNode *c = load_first(activity, "year"); c; c = load_next(c, "year"), i++) {
		struct lado_year *y = &lado->years[i];
		y->pos = load_pos(f, c);
		y->period = load_period(f, c, "period");
		y->referrals = load_count(f, c, "referrals");
		y->contacts = load_count(f, c, "contacts");
	}

	lado->breakdowns = load_breakdowns(f, root, &lado->n_breakdowns);

	xmlNode *timescales = load_first(root, "timescales");
	if (timescales)
		lado->timescales_pos = load_pos(f, timescales);
	lado->n_timescales = load_count_children(timescales, "year");
	lado->timescales = arena_array(f->arena, lado->n_timescales, sizeof *lado->timescales);
	i = 0;
	for (xmlNode *c = load_first(timescales, "year"); c; c = load_next(c, "year"), i++) {
		struct lado_timescale *t = &lado->timescales[i];
		t->pos = load_pos(f, c);
		t->period = load_period(f, c, "period");
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
		g->kind = load_string(f, node, "kind");
	g->total = load_count(f, node, "total");
	g->children = load_count(f, node, "children");
	g->breakdowns = load_breakdowns(f, node, &g->n_breakdowns);
}

void load_yjs(struct load_file *f, xmlNode *root)
{
	struct yjs *yjs = &f->m->yjs;
	load_head(f, root, &yjs->head);
	load_group(f, load_first(root, "offences"), false, &yjs->offences);
	load_group(f, load_first(root, "incidents"), true, &yjs->incidents);

	xmlNode *cohort = load_first(root, "cohort");
	if (!cohort)
		return;
	yjs->has_cohort = true;
	yjs->cohort_pos = load_pos(f, cohort);
	yjs->cohort_as_of = load_date(f, cohort, "as-of");
	yjs->n_measures = load_count_children(cohort, "measure");
	yjs->measures = arena_array(f->arena, yjs->n_measures, sizeof *yjs->measures);
	size_t i = 0;
	for (xmlNode *c = load_first(cohort, "measure"); c; c = load_next(c, "measure"), i++) {
		yjs->measures[i].pos = load_pos(f, c);
		yjs->measures[i].label = load_string(f, c, "label");
		yjs->measures[i].percent = load_percent(f, c, "percent");
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

	t->n_courses = load_count_children(root, "course");
	t->courses = arena_array(f->arena, t->n_courses, sizeof *t->courses);
	size_t i = 0;
	for (xmlNode *c = load_first(root, "course"); c; c = load_next(c, "course"), i++) {
		struct course *course = &t->courses[i];
		course->pos = load_pos(f, c);
		course->title = load_string(f, c, "title");
		int mode = load_enum(f, c, "mode", modes, MODE_COUNT, -1);
		course->mode = mode < 0 ? MODE_FACE_TO_FACE : (enum training_mode)mode;
		course->sessions = load_count(f, c, "sessions");
		course->attendees = load_count(f, c, "attendees");
	}

	xmlNode *totals = load_first(root, "totals");
	if (totals) {
		t->has_totals = true;
		t->totals_pos = load_pos(f, totals);
		t->totals_sessions = load_count(f, totals, "sessions");
		t->totals_attendees = load_count(f, totals, "attendees");
	}
	t->n_previous = load_count_children(root, "previous");
	t->previous = arena_array(f->arena, t->n_previous, sizeof *t->previous);
	i = 0;
	for (xmlNode *c = load_first(root, "previous"); c; c = load_next(c, "previous"), i++) {
		struct training_previous *p = &t->previous[i];
		p->pos = load_pos(f, c);
		p->period = load_period(f, c, "period");
		p->sessions = load_count(f, c, "sessions");
		p->attendees = load_count(f, c, "attendees");
	}
}

/* ---- scrutiny.xml ------------------------------------------------------- */

void load_scrutiny(struct load_file *f, xmlNode *root)
{
	struct scrutiny *s = &f->m->scrutiny;
	load_head(f, root, &s->head);

	xmlNode *scrutineer = load_first(root, "scrutineer");
	if (scrutineer) {
		s->scrutineer_pos = load_pos(f, scrutineer);
		s->scrutineer_name = load_string(f, scrutineer, "name");
		s->scrutineer_role = load_string(f, scrutineer, "role");
	}

	s->n_comments = load_count_children(root, "comment");
	s->comments = arena_array(f->arena, s->n_comments, sizeof *s->comments);
	size_t i = 0;
	for (xmlNode *c = load_first(root, "comment"); c; c = load_next(c, "comment"), i++) {
		s->comments[i].pos = load_pos(f, c);
		s->comments[i].on = load_id(f, c, "on");
		s->comments[i].blocks = load_blocks(f, c, 1);
	}

	xmlNode *perspective = load_first(root, "perspective");
	if (perspective) {
		s->has_perspective = true;
		s->perspective_pos = load_pos(f, perspective);
		s->perspective_title = load_string(f, perspective, "title");
		s->perspective = load_blocks(f, perspective, 1);
	}

	xmlNode *conclusion = load_first(root, "conclusion");
	if (conclusion) {
		s->has_conclusion = true;
		s->conclusion_pos = load_pos(f, conclusion);
		load_list(f, load_first(conclusion, "strengths"), false, &s->strengths);
		load_list(f, load_first(conclusion, "development"), false, &s->development);
	}

	xmlNode *sign_off = load_first(root, "sign-off");
	if (sign_off) {
		s->has_sign_off = true;
		s->sign_off_pos = load_pos(f, sign_off);
		s->sign_off = load_date(f, sign_off, "date");
	}
}
