/* check-warnings.c - warnings 1 to 6 and 9: what is worth a look although the
 * report still builds; and, numbered 0 as the project's own, the text that
 * reportc init left still to write. */
#include "check-private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "vocab.h"

/* ---- warning 1: a top-level section without a scrutineer comment ------ */

/* A comment on a subsection is printed inside the top-level section, so
 * it counts for that section. ons holds the comments' `on` ids, sorted. */
struct commented {
	struct diags *d;
	const char *const *ons;
	size_t n_ons;
	bool within;     /* the open top-level section or one inside it has a comment */
};

static bool visit_commented(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct commented *c = w->ctx;
	if (b->kind != BLK_SECTION)
		return false;
	const struct section *sec = &b->u.section;
	bool top = model_walk_parent(w) == NULL;
	if (ev == MODEL_ENTER) {
		if (top)
			c->within = false;
		if (sec->id && check_sorted_has(c->ons, c->n_ons, sec->id))
			c->within = true;
		return true;
	}
	if (top && !sec->appendix && sec->id && !c->within && !model_section_is_scrutineers(sec))
		diag_warning(c->d, b->pos, 1,
			     "section \"%s\" has no scrutineer comment, though other sections have "
			     "one; add <comment on=\"%s\"> to scrutiny.xml (a draft shows a "
			     "placeholder box here until then)",
			     sec->id, sec->id);
	return true;
}

static void check_comments(const struct model *m, struct diags *d)
{
	const struct scrutiny *s = &m->scrutiny;
	bool any = false;
	for (size_t i = 0; i < s->n_comments && !any; i++)
		any = s->comments[i].on != NULL;
	if (!any || !m->report.head.loaded)
		return;
	/* Sorted once: a report of thousands of sections and comments would
	 * otherwise compare each section with every comment. */
	const char **on = xmalloc(s->n_comments * sizeof *on);
	for (size_t i = 0; i < s->n_comments; i++)
		on[i] = s->comments[i].on;
	struct commented c = { .d = d };
	const char **ons = check_sorted_copy(on, s->n_comments, &c.n_ons);
	c.ons = ons;
	free(on);
	model_walk_blocks(m, m->report.body, &(struct model_visitor){ .block = visit_commented }, &c);
	free(ons);
}

/* ---- warning 2: no sign-off ---------------------------------------------- */

static void check_sign_off(const struct model *m, struct diags *d)
{
	const struct scrutiny *s = &m->scrutiny;
	/* FORMAT.md: a folder may lack scrutiny.xml until the scrutineer
	 * writes; said at report.xml's root, for the missing file has no line. */
	if (s->head.absent && m->report.head.loaded) {
		diag_warning(d, m->report.head.pos, 2,
			     "this folder has no scrutiny.xml: the scrutineer's comments and "
			     "sign-off are still to come, and a final build will refuse until "
			     "scrutiny.xml signs it off; reportc build --draft works meanwhile");
		return;
	}
	if (!s->head.loaded || s->has_sign_off)
		return;
	diag_warning(d, s->head.pos, 2,
		     "scrutiny.xml has no <sign-off>: the report is still in review, and a final "
		     "build will refuse until the scrutineer signs it off (add <sign-off "
		     "date=\"YYYY-MM-DD\"/>); reportc build --draft works meanwhile");
}

/* ---- warning 3: labels against the national lists --------------------- */

static const char *const lado_outcomes[] = {
	"Substantiated", "Unsubstantiated", "Unfounded", "False", "Malicious", "Threshold not met",
};

static const char *const offence_types[] = {
	"Arson",
	"Breach of Bail",
	"Breach of Conditional Discharge",
	"Breach of Statutory Order",
	"Criminal Damage",
	"Death or Injury by Dangerous Driving",
	"Domestic Burglary",
	"Drugs",
	"Fraud and Forgery",
	"Motoring Offences",
	"Non Domestic Burglary",
	"Other",
	"Public Order",
	"Racially Aggravated",
	"Robbery",
	"Sexual Offences",
	"Theft and Handling Stolen Goods",
	"Vehicle Theft / Unauthorised Taking",
	"Violence Against the Person",
};

/* A label as compared: ASCII lower case, spaces around '/' dropped, in
 * arena. */
static char *normalised(const char *label, struct arena *arena)
{
	size_t len = strlen(label);
	char *out = arena_alloc(arena, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		if (label[i] == ' ') {
			size_t end = i;
			while (end < len && label[end] == ' ')
				end++;
			bool by_slash = (end < len && label[end] == '/') || (n && out[n - 1] == '/');
			if (!by_slash) {
				memset(out + n, ' ', end - i);
				n += end - i;
			}
			i = end;
			continue;
		}
		out[n++] = (char)tolower((unsigned char)label[i++]);
	}
	out[n] = '\0';
	return out;
}

static void check_labels(const struct breakdown *b, const char *what, const char *const *known,
			 size_t n_known, struct diags *d, struct arena *arena)
{
	const char **norm = arena_array(arena, n_known, sizeof *norm);
	for (size_t i = 0; i < n_known; i++)
		norm[i] = normalised(known[i], arena);
	for (size_t i = 0; i < b->n_items; i++) {
		const struct breakdown_item *it = &b->items[i];
		if (!it->label)
			continue;
		const char *label = normalised(it->label, arena);
		/* Most labels are national categories: an exact match needs no
		 * edit distances. */
		bool exact = false;
		for (size_t k = 0; k < n_known && !exact; k++)
			exact = strcmp(label, norm[k]) == 0;
		if (exact)
			continue;
		size_t dist;
		size_t best = check_nearest(label, norm, n_known, &dist);
		if (dist == 0)
			continue;
		if (check_is_slip(label, dist))
			diag_warning(d, it->pos, 3,
				     "%s label \"%s\" is not a usual national category; did you mean "
				     "\"%s\"?",
				     what, it->label, known[best]);
		else
			diag_warning(d, it->pos, 3,
				     "%s label \"%s\" is not a usual national category (the nearest is "
				     "\"%s\"); use a national category where one fits",
				     what, it->label, known[best]);
	}
}

static void check_national(const struct model *m, struct diags *d, struct arena *arena)
{
	const struct breakdown *b =
		model_find_breakdown(m->lado.breakdowns, m->lado.n_breakdowns, "outcome");
	if (b)
		check_labels(b, "outcome", lado_outcomes,
			     sizeof lado_outcomes / sizeof lado_outcomes[0], d, arena);
	b = model_find_breakdown(m->yjs.offences.breakdowns, m->yjs.offences.n_breakdowns, "type");
	if (b)
		check_labels(b, "offence type", offence_types,
			     sizeof offence_types / sizeof offence_types[0], d, arena);
}

/* ---- warning 4: a large change from the previous period --------------- */

/* pos, or the file's root when that element is absent. */
static struct srcpos or_root(struct srcpos pos, const struct file_head *head)
{
	return pos.line ? pos : head->pos;
}

/* The activity row of the report's year: where lado.total is written. */
static struct srcpos lado_now_pos(const struct model *m)
{
	for (size_t i = 0; i < m->lado.n_years; i++)
		if (m->lado.years[i].period.first_year == m->report.head.period.first_year)
			return m->lado.years[i].pos;
	return or_root(m->lado.activity_pos, &m->lado.head);
}

/* Each watched figure, placed where its current value is written. */
static void check_changes(const struct model *m, struct diags *d)
{
	struct period now = m->report.head.period;
	if (!now.first_year)
		return;
	struct period before = { now.first_year - 1 };
	const struct training *t = &m->training;
	struct srcpos training_pos = t->has_totals ? t->totals_pos : t->head.pos;
	const struct {
		const char *path;
		enum data_file file;
		struct srcpos pos;
	} watched[] = {
		{ "lado.total", FILE_LADO, lado_now_pos(m) },
		{ "finance.income", FILE_FINANCE, or_root(m->finance.income_pos, &m->finance.head) },
		{ "finance.expenditure", FILE_FINANCE,
		  or_root(m->finance.expenditure_pos, &m->finance.head) },
		{ "training.sessions", FILE_TRAINING, training_pos },
		{ "training.attendees", FILE_TRAINING, training_pos },
	};
	for (size_t i = 0; i < sizeof watched / sizeof watched[0]; i++) {
		struct figure from, to;
		if (!check_file_loaded(m, watched[i].file) ||
		    !figure_value_in(m, watched[i].path, before, &from) ||
		    !figure_value_in(m, watched[i].path, now, &to))
			continue;
		/* More than 50%: |to − from| > |from| / 2, exactly in hundredths.
		 * From zero any rise is more; no percentage exists to print. */
		int64_t diff = to.hundredths - from.hundredths;
		int64_t size = diff < 0 ? -diff : diff;
		int64_t base = from.hundredths < 0 ? -from.hundredths : from.hundredths;
		if (diff == 0 || 2 * size <= base)
			continue;
		char s_from[32], s_to[32], s_now[8], s_before[8], s_change[80] = "";
		figure_format(from, s_from, sizeof s_from);
		figure_format(to, s_to, sizeof s_to);
		if (from.hundredths != 0)
			figure_format_change(from, to, s_change, sizeof s_change);
		diag_warning(d, watched[i].pos, 4,
			     "%s %s from %s in %s to %s in %s%s%s: check the figure", watched[i].path,
			     diff > 0 ? "rose" : "fell", s_from, period_format(before, s_before), s_to,
			     period_format(now, s_now), s_change[0] ? ", " : "", s_change);
	}
}

/* ---- warning 5: alt text ------------------------------------------------ */

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Equal ignoring ASCII case and surrounding white space. */
static bool same_text(const char *a, const char *b)
{
	while (isspace((unsigned char)*a))
		a++;
	while (isspace((unsigned char)*b))
		b++;
	size_t na = strlen(a), nb = strlen(b);
	while (na && isspace((unsigned char)a[na - 1]))
		na--;
	while (nb && isspace((unsigned char)b[nb - 1]))
		nb--;
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

/* The alt of a chart (against its title) or a figure (against its
 * caption). A missing alt is a schema error the loader reports. */
static void check_alt_of(const struct block *b, struct diags *d)
{
	bool chart = b->kind == BLK_CHART;
	if (!chart && b->kind != BLK_FIGURE)
		return;
	const char *alt = chart ? b->u.chart.alt : b->u.figure.alt;
	const char *title = chart ? b->u.chart.title : b->u.figure.caption;
	const char *name = chart ? b->u.chart.of : b->u.figure.src;
	const char *what = chart ? "chart of" : "figure src";
	const char *shows = chart ? "the chart shows (its largest or most changed figures, say)"
				  : "the image shows";
	if (!alt)
		return;
	if (blank(alt))
		diag_warning(d, b->pos, 5,
			     "%s=\"%s\" has an empty alt; describe in one sentence what %s, for "
			     "readers who cannot see it",
			     what, name ? name : "", shows);
	else if (title && same_text(alt, title))
		diag_warning(d, b->pos, 5,
			     "%s=\"%s\" has an alt that only repeats its %s; describe in one "
			     "sentence what %s, for readers who cannot see it",
			     what, name ? name : "", chart ? "title" : "caption", shows);
}


/* ---- warning 6: statutory items no section covers ---------------------- */

/* What each statutory item asks for, as doc/reference.md words it. */
static const char *cover_text(enum cover_item item)
{
	switch (item) {
	case COVER_ACTIVITY:
		return "what the partners did, including on child safeguarding practice reviews";
	case COVER_EFFECTIVENESS:
		return "how effective the arrangements were";
	case COVER_IMPACT:
		return "impact on outcomes for children and families, including training";
	case COVER_LITTLE_PROGRESS:
		return "priorities with little or no evidence of progress";
	case COVER_REVIEWS:
		return "decisions and actions on local and national practice reviews";
	case COVER_VOICE:
		return "how feedback from children and families was sought and used";
	case COVER_SCRUTINY:
		return "independent scrutiny and the partners' response";
	case COVER_FUNDING:
		return "funding";
	case COVER_EDUCATION:
		return "the role of schools and colleges";
	case COVER_ITEM_COUNT:
		break;
	}
	return "";
}

static bool collect_covers(struct model_walk *w, const struct block *b, enum model_event ev)
{
	if (ev == MODEL_ENTER && b->kind == BLK_SECTION)
		*(unsigned *)w->ctx |= b->u.section.covers;
	return b->kind == BLK_SECTION;
}

static void check_covers(const struct model *m, struct diags *d)
{
	unsigned covered = 0;
	model_walk_blocks(m, m->report.body, &(struct model_visitor){ .block = collect_covers },
			  &covered);
	if (!covered)
		return;
	for (int i = 0; i < COVER_ITEM_COUNT; i++) {
		enum cover_item item = (enum cover_item)(1u << i);
		if (covered & (unsigned)item)
			continue;
		diag_warning(d, m->report.head.pos, 6,
			     "no section covers \"%s\" (%s), which Working Together 2023 expects in "
			     "the yearly report; add %s to the covers of the section that reports "
			     "it, or write one",
			     cover_item_name(item), cover_text(item), cover_item_name(item));
	}
}

/* ---- warning 0: text still to write (reportc init's placeholders) ------ */

static bool cell_to_enter(const struct table_cell *c)
{
	return c->inlines && !c->inlines->next && c->inlines->kind == IN_TEXT &&
	       vocab_is_to_enter(c->inlines->text);
}

/* One warning per placeholder paragraph, chart alt and kpi, and one per
 * table with cells to enter: a draft's to-do list for the writers, beside
 * the errors for the figures. */
static void check_placeholders_of(const struct block *c, const struct section *s,
				  struct diags *d)
{
	switch (c->kind) {
	case BLK_P:
		if (c->u.p && c->u.p->kind == IN_TEXT && vocab_is_to_write(c->u.p->text))
			diag_incomplete(d, c->pos, 0,
					"the text of \"%s\" is still to write: replace the "
					"[To write: …] paragraph with this year's text",
					s->title ? s->title : "");
		break;
	case BLK_CHART:
		if (vocab_is_to_write(c->u.chart.alt))
			diag_incomplete(d, c->pos, 0,
					"chart of=\"%s\" has its alt text still to write: describe "
					"in one sentence what the chart shows",
					c->u.chart.of ? c->u.chart.of : "");
		break;
	case BLK_KPIS:
		for (size_t i = 0; i < c->u.kpis.n_kpis; i++) {
			const struct kpi *k = &c->u.kpis.kpis[i];
			if (vocab_is_to_enter(k->value))
				diag_incomplete(d, k->pos, 0,
						"kpi \"%s\" is still to enter: replace "
						"value=\"%s\" with the figure",
						k->label ? k->label : "", VOCAB_TEXT_TO_ENTER);
		}
		break;
	case BLK_TABLE: {
		size_t n = 0;
		for (size_t r = 0; r < c->u.table.n_rows; r++)
			for (size_t i = 0; i < c->u.table.rows[r].n_cells; i++)
				n += cell_to_enter(&c->u.table.rows[r].cells[i]);
		if (n)
			diag_incomplete(d, c->pos, 0,
					"table%s%s%s has %zu cell%s still to enter: replace "
					"each %s with this year's figure",
					c->u.table.title ? " \"" : "",
					c->u.table.title ? c->u.table.title : "",
					c->u.table.title ? "\"" : "", n, n == 1 ? "" : "s",
					VOCAB_TEXT_TO_ENTER);
		break;
	}
	default:
		break;
	}
}

/* Warnings 0 and 5 stand at the blocks that sections hold directly, in
 * report.xml, where init writes its placeholders. */
static bool visit_section_blocks(struct model_walk *w, const struct block *b,
				 enum model_event ev)
{
	const struct block *parent = model_walk_parent(w);
	if (ev == MODEL_ENTER && parent && parent->kind == BLK_SECTION) {
		check_placeholders_of(b, &parent->u.section, w->ctx);
		check_alt_of(b, w->ctx);
	}
	return b->kind == BLK_SECTION;
}

/* ---- warning 9: a pie or donut of more parts than it can show ---------- */

struct pies {
	const struct model *m;
	struct diags *d;
	struct arena *scratch;
};

/* Layout draws such a chart as sorted horizontal bars (chart-data.c); the
 * warning says so at the chart, so the change is never a surprise. */
static bool visit_pie(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct pies *p = w->ctx;
	const struct chart *c = &b->u.chart;
	if (ev != MODEL_ENTER || b->kind != BLK_CHART || !c->type_given || !c->of ||
	    (c->type != CHART_PIE && c->type != CHART_DONUT))
		return true;
	struct figure_ref ref;
	if (figure_resolve(p->m, p->scratch, c->of, &ref, NULL) != FIG_DATASET ||
	    ref.dataset->kind != DS_PARTS)
		return true;
	_Static_assert(CHART_PIE_MAX_PARTS == 5, "the message says five");
	size_t parts = dataset_parts(ref.dataset);
	if (parts > CHART_PIE_MAX_PARTS)
		diag_warning(p->d, b->pos, 9,
			     "chart type=\"%s\" of %s has %zu parts, more than a %s shows "
			     "clearly (five at most); it is drawn as horizontal bars sorted by "
			     "value, \"Other\" last: write type=\"hbar\", or leave type out",
			     chart_type_name(c->type), c->of, parts, chart_type_name(c->type));
	return true;
}

/* ---- gaps anywhere: a marker in any text of any file ------------------- */

/* The placeholders above are where init writes them; a marker copied
 * anywhere else (a title, a list item, a scrutineer's comment, a label in
 * a data file) would print in a final just the same. Each text holding one
 * is a gap at its element, unless the element already has one. */
struct anywhere {
	struct diags *d;
	const struct srcpos *seen;    /* the gaps found above, sorted */
	size_t n_seen;
};

static int by_pos(const void *a, const void *b)
{
	return srcpos_compare(*(const struct srcpos *)a, *(const struct srcpos *)b);
}

static void visit_marker(struct model_walk *w, enum model_field field, const char *text,
			 struct srcpos pos)
{
	struct anywhere *a = w->ctx;
	bool write = strstr(text, VOCAB_TEXT_TO_WRITE) != NULL;
	bool enter = strstr(text, "[to enter") != NULL;
	if (!write && !enter)
		return;
	/* A table's cells to enter are counted at the table. */
	const struct block *in = w->n_open ? w->open[w->n_open - 1] : NULL;
	if (in && in->kind == BLK_TABLE &&
	    bsearch(&in->pos, a->seen, a->n_seen, sizeof *a->seen, by_pos))
		return;
	if (bsearch(&pos, a->seen, a->n_seen, sizeof *a->seen, by_pos))
		return;
	diag_incomplete(a->d, pos, 0,
			"the %s still has %s: replace it with this year's %s",
			model_field_name(field),
			write ? "a [To write: …] placeholder" : "a [to enter] placeholder",
			write ? "text" : "figure");
}

static void check_anywhere(const struct model *m, struct diags *d, size_t first)
{
	size_t n = 0;
	struct srcpos *seen = xmalloc((d->n - first + 1) * sizeof *seen);
	for (size_t i = first; i < d->n; i++)
		if (d->items[i].incomplete)
			seen[n++] = d->items[i].pos;
	qsort(seen, n, sizeof *seen, by_pos);
	struct anywhere a = { d, seen, n };
	model_walk(m, &(struct model_visitor){ .field = visit_marker }, &a);
	free(seen);
}

void check_warnings(const struct model *m, struct diags *d, struct arena *scratch)
{
	size_t first = d->n;
	model_walk_blocks(m, m->report.body, &(struct model_visitor){ .block = visit_section_blocks },
			  d);
	check_anywhere(m, d, first);
	struct pies pies = { m, d, scratch };
	model_walk_blocks(m, m->report.body, &(struct model_visitor){ .block = visit_pie }, &pies);
	check_comments(m, d);
	check_sign_off(m, d);
	check_national(m, d, scratch);
	check_changes(m, d);
	check_covers(m, d);
}
