/* model.c - the model's lifetime, names of enumerations, and look-ups with
 * their index. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const file_names[FILE_COUNT] = {
	[FILE_REPORT] = "report.xml",     [FILE_FINANCE] = "finance.xml",
	[FILE_LADO] = "lado.xml",         [FILE_YJS] = "yjs.xml",
	[FILE_TRAINING] = "training.xml", [FILE_SCRUTINY] = "scrutiny.xml",
	[FILE_REVIEWS] = "reviews.xml",
};

const char *model_file_name(enum data_file file)
{
	return file_names[file];
}

const struct file_head *model_head(const struct model *m, enum data_file file)
{
	switch (file) {
	case FILE_REPORT: return &m->report.head;
	case FILE_FINANCE: return &m->finance.head;
	case FILE_LADO: return &m->lado.head;
	case FILE_YJS: return &m->yjs.head;
	case FILE_TRAINING: return &m->training.head;
	case FILE_SCRUTINY: return &m->scrutiny.head;
	case FILE_REVIEWS: return &m->reviews.head;
	case FILE_COUNT: break;
	}
	return NULL;
}

struct model *model_new(const char *dir)
{
	struct arena *arena = arena_new();
	struct model *m = arena_alloc(arena, sizeof *m);
	m->arena = arena;
	m->dir = arena_strdup(arena, dir);
	m->images = image_set_new(dir);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	image_set_free(m->images);
	arena_free(m->arena);
}

const char *period_format(struct period p, char *buf)
{
	if (p.first_year <= 0 || p.first_year > 9998) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, 8, "%04u-%02u", (unsigned)p.first_year % 10000u,
		 (unsigned)(p.first_year + 1) % 100u);
	return buf;
}

bool period_parse(const char *s, struct period *out)
{
	out->first_year = 0;
	if (!s || strlen(s) != 7 || s[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	int first = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int second = (s[5] - '0') * 10 + (s[6] - '0');
	/* 9999-00 would end in the year 10000, which no header or date here
	 * can print. */
	if (first == 0 || first > 9998 || (first + 1) % 100 != second)
		return false;
	out->first_year = first;
	return true;
}

const char *cover_item_name(enum cover_item item)
{
	switch (item) {
	case COVER_ACTIVITY: return "activity";
	case COVER_EFFECTIVENESS: return "effectiveness";
	case COVER_IMPACT: return "impact";
	case COVER_LITTLE_PROGRESS: return "little-progress";
	case COVER_REVIEWS: return "reviews";
	case COVER_VOICE: return "voice";
	case COVER_SCRUTINY: return "scrutiny";
	case COVER_FUNDING: return "funding";
	case COVER_EDUCATION: return "education";
	case COVER_ITEM_COUNT: break;
	}
	return "?";
}

const char *chart_type_name(enum chart_type type)
{
	static const char *const names[CHART_TYPE_COUNT] = {
		"bar", "hbar", "grouped-bar", "stacked-bar", "stacked-bar-100", "line", "pie", "donut",
		"timeline",
	};
	return (unsigned)type < CHART_TYPE_COUNT ? names[type] : "?";
}

const char *training_mode_name(enum training_mode mode)
{
	static const char *const names[MODE_COUNT] = { "face-to-face", "virtual", "e-learning" };
	return (unsigned)mode < MODE_COUNT ? names[mode] : "?";
}

const char *timescale_band_name(enum timescale_band band)
{
	static const char *const names[BAND_COUNT] = {
		"under-1-month", "under-3-months", "under-12-months", "over-12-months",
	};
	return (unsigned)band < BAND_COUNT ? names[band] : "?";
}

const char *review_kind_label(enum review_kind kind)
{
	static const char *const labels[REVIEW_KIND_COUNT] = {
		"Rapid review", "Local child safeguarding practice review", "Serious case review",
		"National review",
	};
	return (unsigned)kind < REVIEW_KIND_COUNT ? labels[kind] : "?";
}

const char *review_milestone_label(enum review_milestone ms)
{
	static const char *const labels[MS_COUNT] = {
		"Serious incident notification", "Rapid review held",
		"Rapid review sent to the National Panel", "Decision on a local review",
		"Independent author appointed", "Report to the partnership",
		"Report sent to the National Panel", "Published",
	};
	return (unsigned)ms < MS_COUNT ? labels[ms] : "?";
}

const char *action_status_label(enum action_status status)
{
	static const char *const labels[ACTION_STATUS_COUNT] = {
		"Open", "In progress", "Complete",
	};
	return (unsigned)status < ACTION_STATUS_COUNT ? labels[status] : "?";
}

struct period review_year(const struct review *r)
{
	if (r->year.first_year)
		return r->year;
	const struct review_date *first = NULL;
	for (size_t i = 0; i < r->n_milestones; i++) {
		const struct review_milestone_entry *e = &r->milestones[i];
		if (!e->date.year || e->expected)
			continue;
		if (!first || e->date.year * 100 + e->date.month < first->year * 100 + first->month)
			first = &e->date;
	}
	/* A reporting year runs from April to March. */
	if (!first)
		return (struct period){ 0 };
	return (struct period){ first->month >= 4 ? first->year : first->year - 1 };
}

const struct review_milestone_entry *review_milestone_of(const struct review *r,
							  enum review_milestone ms)
{
	for (size_t i = 0; i < r->n_milestones; i++)
		if (r->milestones[i].event_valid && r->milestones[i].event == ms)
			return &r->milestones[i];
	return NULL;
}

/* ---- look-ups ----------------------------------------------------------- */

struct section_entry {
	const char *id;
	size_t order;                    /* depth first, for the first of equal ids */
	const struct section *section;
	int appendix;                    /* its number, when it is an appendix */
};

struct model_index {
	struct section_entry *sections;  /* by id, then order */
	size_t n_sections;
	size_t *comments;                /* comment numbers with an `on`, by on, then number */
	size_t n_comments;
	size_t *next_comment;            /* per comment, the next on the same section */
	size_t course_titles;
};

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static int compare_sections(const void *pa, const void *pb)
{
	const struct section_entry *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	return c ? c : (a->order > b->order) - (a->order < b->order);
}

/* The first of n entries (of size bytes each, sorted) whose key is not
 * less than key, by cmp(key, entry). */
static size_t lower_bound(const void *base, size_t n, size_t size, const void *key,
			  int (*cmp)(const void *key, const void *entry, const void *ctx),
			  const void *ctx)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp(key, (const char *)base + mid * size, ctx) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int section_key(const void *key, const void *entry, const void *ctx)
{
	(void)ctx;
	return strcmp(key, ((const struct section_entry *)entry)->id);
}

static void collect_sections(const struct block *b, bool top, struct section_entry **out,
			     size_t *n, size_t *cap, int *appendices)
{
	for (; b; b = b->next) {
		if (b->kind != BLK_SECTION)
			continue;
		const struct section *s = &b->u.section;
		int appendix = top && s->appendix ? ++*appendices : 0;
		if (s->id) {
			xgrow(out, cap, *n, sizeof **out);
			(*out)[*n] = (struct section_entry){ s->id, *n, s, appendix };
			++*n;
		}
		collect_sections(s->blocks, false, out, n, cap, appendices);
	}
}

static const struct section *find_in_blocks(const struct block *b, const char *id)
{
	for (; b; b = b->next) {
		if (b->kind != BLK_SECTION)
			continue;
		if (b->u.section.id && strcmp(b->u.section.id, id) == 0)
			return &b->u.section;
		const struct section *s = find_in_blocks(b->u.section.blocks, id);
		if (s)
			return s;
	}
	return NULL;
}

const struct section *model_find_section(const struct model *m, const char *id)
{
	if (!id)
		return NULL;
	const struct model_index *x = m->index;
	if (!x)
		return find_in_blocks(m->report.body, id);
	size_t i = lower_bound(x->sections, x->n_sections, sizeof *x->sections, id, section_key,
			       NULL);
	return i < x->n_sections && strcmp(x->sections[i].id, id) == 0 ? x->sections[i].section
								       : NULL;
}

bool model_section_is_scrutineers(const struct section *s)
{
	for (const struct block *b = s->blocks; b; b = b->next) {
		if (b->kind == BLK_SCRUTINY_PERSPECTIVE || b->kind == BLK_SCRUTINY_CONCLUSION)
			return true;
		if (b->kind == BLK_SECTION && model_section_is_scrutineers(&b->u.section))
			return true;
	}
	return false;
}

int model_appendix_number(const struct model *m, const struct section *s)
{
	if (!s->appendix)
		return 0;
	const struct model_index *x = m->index;
	if (x && s->id) {
		size_t i = lower_bound(x->sections, x->n_sections, sizeof *x->sections, s->id,
				       section_key, NULL);
		for (; i < x->n_sections && strcmp(x->sections[i].id, s->id) == 0; i++)
			if (x->sections[i].section == s)
				return x->sections[i].appendix;
	}
	int n = 0;
	for (const struct block *b = m->report.body; b; b = b->next)
		if (b->kind == BLK_SECTION && b->u.section.appendix) {
			n++;
			if (&b->u.section == s)
				return n;
		}
	return 0;
}

const struct breakdown *model_find_breakdown(const struct breakdown *bds, size_t n,
					     const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (id && bds[i].id && strcmp(bds[i].id, id) == 0)
			return &bds[i];
	return NULL;
}

/* qsort has no context argument: the items being sorted travel with the
 * numbers. */
struct numbered_label {
	const char *label;
	size_t number;
};

static int compare_labels(const void *pa, const void *pb)
{
	const struct numbered_label *a = pa, *b = pb;
	int c = strcmp(a->label, b->label);
	return c ? c : (a->number > b->number) - (a->number < b->number);
}

static int item_key(const void *key, const void *entry, const void *ctx)
{
	const struct breakdown *bd = ctx;
	return strcmp(key, or_empty(bd->items[*(const size_t *)entry].label));
}

const struct breakdown_item *model_find_item(const struct breakdown *bd, const char *label)
{
	label = or_empty(label);
	if (!bd->by_label) {
		for (size_t i = 0; i < bd->n_items; i++)
			if (strcmp(or_empty(bd->items[i].label), label) == 0)
				return &bd->items[i];
		return NULL;
	}
	size_t i = lower_bound(bd->by_label, bd->n_items, sizeof *bd->by_label, label, item_key,
			       bd);
	if (i == bd->n_items)
		return NULL;
	const struct breakdown_item *item = &bd->items[bd->by_label[i]];
	return strcmp(or_empty(item->label), label) == 0 ? item : NULL;
}

static int comment_key(const void *key, const void *entry, const void *ctx)
{
	const struct scrutiny *sc = ctx;
	return strcmp(key, sc->comments[*(const size_t *)entry].on);
}

size_t model_first_comment(const struct model *m, const char *id)
{
	const struct scrutiny *sc = &m->scrutiny;
	if (!id)
		return sc->n_comments;
	const struct model_index *x = m->index;
	if (!x) {
		size_t i = 0;
		while (i < sc->n_comments && !(sc->comments[i].on && strcmp(sc->comments[i].on, id) == 0))
			i++;
		return i;
	}
	size_t i = lower_bound(x->comments, x->n_comments, sizeof *x->comments, id, comment_key, sc);
	if (i < x->n_comments && strcmp(sc->comments[x->comments[i]].on, id) == 0)
		return x->comments[i];
	return sc->n_comments;
}

size_t model_next_comment(const struct model *m, size_t comment)
{
	const struct scrutiny *sc = &m->scrutiny;
	if (m->index)
		return m->index->next_comment[comment];
	const char *on = sc->comments[comment].on;
	size_t i = comment + 1;
	while (i < sc->n_comments && !(sc->comments[i].on && strcmp(sc->comments[i].on, on) == 0))
		i++;
	return i;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct titles counted on a sorted copy: O(n log n), where comparing
 * each title with every earlier one would be O(n^2). */
static size_t count_titles(const struct training *t)
{
	const char **titles = xcalloc(t->n_courses ? t->n_courses : 1, sizeof *titles);
	size_t n = 0;
	for (size_t i = 0; i < t->n_courses; i++)
		if (t->courses[i].title)
			titles[n++] = t->courses[i].title;
	qsort(titles, n, sizeof *titles, compare_strings);
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || strcmp(titles[i - 1], titles[i]) != 0;
	free(titles);
	return distinct;
}

size_t model_course_titles(const struct model *m)
{
	return m->index ? m->index->course_titles : count_titles(&m->training);
}

static void index_breakdowns(struct arena *arena, struct breakdown *bds, size_t n)
{
	for (size_t b = 0; b < n; b++) {
		struct breakdown *bd = &bds[b];
		struct numbered_label *sorted = xcalloc(bd->n_items ? bd->n_items : 1, sizeof *sorted);
		for (size_t i = 0; i < bd->n_items; i++)
			sorted[i] = (struct numbered_label){ or_empty(bd->items[i].label), i };
		qsort(sorted, bd->n_items, sizeof *sorted, compare_labels);
		size_t *by_label = arena_array(arena, bd->n_items ? bd->n_items : 1, sizeof *by_label);
		for (size_t i = 0; i < bd->n_items; i++)
			by_label[i] = sorted[i].number;
		free(sorted);
		bd->by_label = by_label;
	}
}

void model_index(struct model *m)
{
	struct model_index *x = arena_alloc(m->arena, sizeof *x);

	size_t cap = 0;
	struct section_entry *sections = NULL;
	int appendices = 0;
	collect_sections(m->report.body, true, &sections, &x->n_sections, &cap, &appendices);
	x->sections = arena_array(m->arena, x->n_sections ? x->n_sections : 1, sizeof *sections);
	if (x->n_sections) { /* sections is NULL when there are none */
		qsort(sections, x->n_sections, sizeof *sections, compare_sections);
		memcpy(x->sections, sections, x->n_sections * sizeof *sections);
	}
	free(sections);

	/* Comments: sorted by section, each pointing to the next on the same
	 * section in document order. */
	const struct scrutiny *sc = &m->scrutiny;
	size_t nc = sc->n_comments;
	struct numbered_label *on = xcalloc(nc ? nc : 1, sizeof *on);
	for (size_t i = 0; i < nc; i++)
		if (sc->comments[i].on)
			on[x->n_comments++] = (struct numbered_label){ sc->comments[i].on, i };
	qsort(on, x->n_comments, sizeof *on, compare_labels);
	x->comments = arena_array(m->arena, x->n_comments ? x->n_comments : 1, sizeof *x->comments);
	x->next_comment = arena_array(m->arena, nc ? nc : 1, sizeof *x->next_comment);
	for (size_t i = 0; i < nc; i++)
		x->next_comment[i] = nc;
	for (size_t i = 0; i < x->n_comments; i++) {
		x->comments[i] = on[i].number;
		if (i + 1 < x->n_comments && strcmp(on[i].label, on[i + 1].label) == 0)
			x->next_comment[on[i].number] = on[i + 1].number;
	}
	free(on);

	index_breakdowns(m->arena, m->lado.breakdowns, m->lado.n_breakdowns);
	index_breakdowns(m->arena, m->yjs.offences.breakdowns, m->yjs.offences.n_breakdowns);
	index_breakdowns(m->arena, m->yjs.incidents.breakdowns, m->yjs.incidents.n_breakdowns);

	x->course_titles = count_titles(&m->training);
	m->index = x;
}

/* Whether the scrutineer comments on s or a section inside it (that comment
 * prints within it). */
static bool commented_within(const struct model *m, const struct section *s)
{
	if (model_first_comment(m, s->id) < m->scrutiny.n_comments)
		return true;
	for (const struct block *b = s->blocks; b; b = b->next)
		if (b->kind == BLK_SECTION && commented_within(m, &b->u.section))
			return true;
	return false;
}

bool model_comment_missing(const struct model *m, const struct section *s, int level)
{
	const struct scrutiny *sc = &m->scrutiny;
	bool any = false;
	for (size_t i = 0; i < sc->n_comments && !any; i++)
		any = sc->comments[i].on != NULL;
	return any && level == 1 && !s->appendix && s->id && !model_section_is_scrutineers(s) &&
	       !commented_within(m, s);
}
