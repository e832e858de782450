/* model-diff.c - the changes between two versions of a report folder, on
 * the model (see model-diff.h). */
#include "model-diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"

/* Past this many cells a sequence diff pairs by position only: the common
 * start and end are trimmed first, so only a wholesale rewrite of a huge
 * list gets here. */
#define MAX_LCS_CELLS ((size_t)1 << 22)

/* ---- recording ----------------------------------------------------------- */

static void change(struct model_diff *d, enum change_kind kind, const struct block *b,
		   const char *text)
{
	xgrow(&d->changes, &d->cap_changes, d->n_changes, sizeof *d->changes);
	d->changes[d->n_changes++] = (struct model_change){ kind, text, b };
}

static void mark(struct model_diff *d, const struct block *b)
{
	xgrow(&d->changed, &d->cap_changed, d->n_changed, sizeof *d->changed);
	d->changed[d->n_changed++] = b;
}

static void mark_removed(struct model_diff *d, const struct block *b)
{
	if (!b)
		return;
	xgrow(&d->removed, &d->cap_removed, d->n_removed, sizeof *d->removed);
	d->removed[d->n_removed++] = b;
}

/* ---- a block's content as a hash (FNV-1a over everything the walk sees) -- */

struct hasher {
	uint64_t h;
};

static void mix(struct hasher *hs, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		hs->h = (hs->h ^ s[i]) * 0x100000001b3ull;
}

static bool hash_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	int k = (int)b->kind * 2 + (ev == MODEL_EXIT);
	mix(w->ctx, &k, sizeof k);
	return true;
}

static void hash_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	int k = (int)in->kind * 2 + (ev == MODEL_EXIT);
	mix(w->ctx, &k, sizeof k);
}

static void hash_field(struct model_walk *w, enum model_field field, const char *text,
		       struct srcpos pos)
{
	(void)pos;
	int k = (int)field;
	mix(w->ctx, &k, sizeof k);
	mix(w->ctx, text, strlen(text) + 1);
}

static uint64_t block_hash(const struct model *m, const struct block *b)
{
	struct hasher hs = { 0xcbf29ce484222325ull };
	model_walk_block(m, b,
			 &(struct model_visitor){ .block = hash_block,
						  .inline_node = hash_inline,
						  .field = hash_field },
			 &hs);
	return hs.h;
}

/* ---- the blocks of one parent, paired ------------------------------------ */

struct item {
	const struct block *b;
	uint64_t hash;
	const char *id;                  /* a section's id, else NULL */
};

static size_t count(const struct block *b)
{
	size_t n = 0;
	for (; b; b = b->next)
		n++;
	return n;
}

static struct item *items_of(const struct model *m, const struct block *b, size_t *n)
{
	*n = count(b);
	struct item *it = xcalloc(*n ? *n : 1, sizeof *it);
	for (size_t i = 0; b; b = b->next, i++) {
		it[i].b = b;
		it[i].hash = block_hash(m, b);
		it[i].id = b->kind == BLK_SECTION ? b->u.section.id : NULL;
	}
	return it;
}

/* The same block: a section by its id, anything else by its content. */
static bool same(const struct item *a, const struct item *b)
{
	if (a->b->kind != b->b->kind)
		return false;
	if (a->b->kind == BLK_SECTION)
		return a->id && b->id && strcmp(a->id, b->id) == 0;
	return a->hash == b->hash;
}

struct ctx {
	struct model_diff *d;
	const struct model *older, *newer;
	const char *section;             /* the title of the section being compared */
	bool text_noted;                 /* its "text changed" entry is made */
};

static void blocks(struct ctx *c, const struct block *older, const struct block *newer,
		   const struct block *parent);

static const char *title_of(const struct block *b)
{
	return b->u.section.title ? b->u.section.title : b->u.section.id ? b->u.section.id : "";
}

static void text_changed(struct ctx *c, const struct block *b)
{
	mark(c->d, b);
	if (c->text_noted || !c->section)
		return;
	c->text_noted = true;
	change(c->d, CHANGE_TEXT, b, arena_printf(c->d->arena, "Text changed in \u201c%s\u201d",
						  c->section));
}

/* Marks b and everything in it as new. */
static void added(struct ctx *c, const struct block *b)
{
	if (b->kind == BLK_SECTION) {
		mark(c->d, b);
		change(c->d, CHANGE_SECTION_ADDED, b,
		       arena_printf(c->d->arena, "Section added: \u201c%s\u201d", title_of(b)));
		return;
	}
	text_changed(c, b);
}

static void removed(struct ctx *c, const struct block *old, const struct block *next,
		    const struct block *parent)
{
	mark_removed(c->d, next ? next : parent);
	if (old->kind == BLK_SECTION)
		change(c->d, CHANGE_SECTION_REMOVED, next ? next : parent,
		       arena_printf(c->d->arena, "Section removed: \u201c%s\u201d", title_of(old)));
	else if (c->section && !c->text_noted) {
		c->text_noted = true;
		change(c->d, CHANGE_TEXT, next ? next : parent,
		       arena_printf(c->d->arena, "Text changed in \u201c%s\u201d", c->section));
	}
}

/* Two blocks paired: a section compared inside, anything else changed. */
static void paired(struct ctx *c, const struct item *o, const struct item *n)
{
	if (n->b->kind == BLK_SECTION && o->b->kind == BLK_SECTION && same(o, n)) {
		struct ctx inner = { c->d, c->older, c->newer, title_of(n->b), false };
		blocks(&inner, o->b->u.section.blocks, n->b->u.section.blocks, n->b);
		return;
	}
	if (o->hash == n->hash && o->b->kind == n->b->kind)
		return;
	if (o->b->kind == BLK_SECTION || n->b->kind == BLK_SECTION) {
		removed(c, o->b, n->b, NULL);
		added(c, n->b);
		return;
	}
	text_changed(c, n->b);
}

/* The gap between two matched pairs: old a[0, na) against new b[0, nb),
 * paired by position where kinds agree; next is the new block after it. */
static void gap(struct ctx *c, const struct item *a, size_t na, const struct item *b, size_t nb,
		const struct block *next, const struct block *parent)
{
	size_t k = 0;
	for (; k < na && k < nb; k++) {
		if (a[k].b->kind == b[k].b->kind && a[k].b->kind != BLK_SECTION)
			paired(c, &a[k], &b[k]);
		else {
			removed(c, a[k].b, b[k].b, parent);
			added(c, b[k].b);
		}
	}
	for (size_t i = k; i < na; i++)
		removed(c, a[i].b, next, parent);
	for (size_t i = k; i < nb; i++)
		added(c, b[i].b);
}

static void blocks(struct ctx *c, const struct block *older, const struct block *newer,
		   const struct block *parent)
{
	size_t na, nb;
	struct item *a = items_of(c->older, older, &na);
	struct item *b = items_of(c->newer, newer, &nb);
	/* The common start and end need no table. */
	size_t lo = 0;
	while (lo < na && lo < nb && same(&a[lo], &b[lo])) {
		paired(c, &a[lo], &b[lo]);
		lo++;
	}
	size_t ea = na, eb = nb;
	while (ea > lo && eb > lo && same(&a[ea - 1], &b[eb - 1])) {
		ea--;
		eb--;
	}
	size_t ma = ea - lo, mb = eb - lo;
	const struct block *tail = eb < nb ? b[eb].b : NULL;
	if (ma && mb && (ma + 1) * (mb + 1) <= MAX_LCS_CELLS) {
		/* lcs[i][j]: the longest common run of a[lo+i..] and b[lo+j..]. */
		uint32_t *lcs = xcalloc((ma + 1) * (mb + 1), sizeof *lcs);
#define L(i, j) lcs[(i) * (mb + 1) + (j)]
		for (size_t i = ma; i-- > 0;)
			for (size_t j = mb; j-- > 0;)
				L(i, j) = same(&a[lo + i], &b[lo + j])
						  ? L(i + 1, j + 1) + 1
						  : (L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1));
		size_t i = 0, j = 0, gi = 0, gj = 0;
		while (i < ma && j < mb) {
			if (same(&a[lo + i], &b[lo + j])) {
				gap(c, a + lo + gi, i - gi, b + lo + gj, j - gj, b[lo + j].b, parent);
				paired(c, &a[lo + i], &b[lo + j]);
				gi = ++i;
				gj = ++j;
			} else if (L(i + 1, j) >= L(i, j + 1)) {
				i++;
			} else {
				j++;
			}
		}
#undef L
		free(lcs);
		gap(c, a + lo + gi, ma - gi, b + lo + gj, mb - gj, tail, parent);
	} else {
		gap(c, a + lo, ma, b + lo, mb, tail, parent);
	}
	for (size_t k = ea; k < na; k++)
		paired(c, &a[k], &b[k - ea + eb]);
	free(a);
	free(b);
}

/* ---- figures ------------------------------------------------------------- */

/* One figure of a data file: a key that names it in both versions, what
 * the changes page calls it, its value, and the figure path prefix of the
 * blocks that show it. */
struct fig {
	const char *key;
	const char *name;
	struct decimal value;
	enum unit unit;
	const char *subject;
};

struct figs {
	struct fig *items;
	size_t n, cap;
	struct arena *arena;
};

static void fig(struct figs *fs, const char *key, const char *name, struct decimal v,
		enum unit unit, const char *subject)
{
	xgrow(&fs->items, &fs->cap, fs->n, sizeof *fs->items);
	fs->items[fs->n++] = (struct fig){ key, name, v, unit, subject };
}

static enum unit unit_of(enum measure m)
{
	return m == MEASURE_PERCENT ? UNIT_PERCENT : UNIT_COUNT;
}

static void breakdown_figs(struct figs *fs, const char *prefix, const char *what,
			   const struct breakdown *bds, size_t n)
{
	struct arena *a = fs->arena;
	for (size_t i = 0; i < n; i++) {
		const struct breakdown *bd = &bds[i];
		const char *path = arena_printf(a, "%s.%s", prefix, bd->id ? bd->id : "");
		const char *title = bd->title ? bd->title : bd->id ? bd->id : "";
		fig(fs, arena_printf(a, "%s#base", path),
		    arena_printf(a, "%s %s, base", what, title), bd->base, UNIT_COUNT, path);
		for (size_t k = 0; k < bd->n_items; k++) {
			const struct breakdown_item *it = &bd->items[k];
			const char *label = it->label ? it->label : "";
			fig(fs, arena_printf(a, "%s#%s", path, label),
			    arena_printf(a, "%s %s: %s", what, title, label), it->value,
			    unit_of(it->measure), path);
		}
	}
}

static void group_figs(struct figs *fs, const struct yjs_group *g, const char *path,
		       const char *what)
{
	if (!g->present)
		return;
	struct arena *a = fs->arena;
	fig(fs, arena_printf(a, "%s#total", path), arena_printf(a, "YJS %s, total", what),
	    g->total, UNIT_COUNT, path);
	fig(fs, arena_printf(a, "%s#children", path), arena_printf(a, "YJS %s, children", what),
	    g->children, UNIT_COUNT, path);
	breakdown_figs(fs, path, "YJS", g->breakdowns, g->n_breakdowns);
}

static void figures_of(const struct model *m, struct figs *fs)
{
	struct arena *a = fs->arena;
	char p[8];
	for (size_t i = 0; i < m->lado.n_years; i++) {
		const struct lado_year *y = &m->lado.years[i];
		period_format(y->period, p);
		fig(fs, arena_printf(a, "lado.referrals#%s", p),
		    arena_printf(a, "LADO referrals %s", p), y->referrals, UNIT_COUNT, "lado.activity");
		fig(fs, arena_printf(a, "lado.contacts#%s", p),
		    arena_printf(a, "LADO contacts %s", p), y->contacts, UNIT_COUNT, "lado.activity");
	}
	breakdown_figs(fs, "lado", "LADO", m->lado.breakdowns, m->lado.n_breakdowns);
	for (size_t i = 0; i < m->lado.n_timescales; i++) {
		const struct lado_timescale *t = &m->lado.timescales[i];
		period_format(t->period, p);
		for (int b = 0; b < BAND_COUNT; b++)
			fig(fs, arena_printf(a, "lado.timescales#%s#%d", p, b),
			    arena_printf(a, "LADO cases concluded %s, %s", p,
					 timescale_band_name((enum timescale_band)b)),
			    t->band[b], UNIT_PERCENT, "lado.timescales");
	}
	for (size_t i = 0; i < m->finance.n_contributions; i++) {
		const struct money_line *l = &m->finance.contributions[i];
		fig(fs, arena_printf(a, "finance.contributions#%s", l->name ? l->name : ""),
		    arena_printf(a, "Contribution from %s", l->name ? l->name : ""), l->amount,
		    UNIT_MONEY, "finance");
	}
	for (size_t i = 0; i < m->finance.n_costs; i++) {
		const struct money_line *l = &m->finance.costs[i];
		fig(fs, arena_printf(a, "finance.costs#%s", l->name ? l->name : ""),
		    arena_printf(a, "Cost of %s", l->name ? l->name : ""), l->amount, UNIT_MONEY,
		    "finance");
	}
	fig(fs, "finance.reserves", "Reserves at the start of the year",
	    m->finance.reserves_opening, UNIT_MONEY, "finance");
	group_figs(fs, &m->yjs.offences, "yjs.offences", "offences");
	group_figs(fs, &m->yjs.incidents, "yjs.incidents", "incidents");
	for (size_t i = 0; i < m->yjs.n_measures; i++) {
		const struct cohort_measure *c = &m->yjs.measures[i];
		const char *label = c->label ? c->label : "";
		fig(fs, arena_printf(a, "yjs.cohort#%s", label),
		    arena_printf(a, "YJS cohort: %s", label), c->percent, UNIT_PERCENT, "yjs.cohort");
	}
	for (size_t i = 0; i < m->training.n_courses; i++) {
		const struct course *co = &m->training.courses[i];
		const char *t = co->title ? co->title : "";
		const char *mode = training_mode_name(co->mode);
		fig(fs, arena_printf(a, "training#%s#%s#s", t, mode),
		    arena_printf(a, "Training \u201c%s\u201d (%s), sessions", t, mode), co->sessions,
		    UNIT_COUNT, "training");
		fig(fs, arena_printf(a, "training#%s#%s#a", t, mode),
		    arena_printf(a, "Training \u201c%s\u201d (%s), attendees", t, mode),
		    co->attendees, UNIT_COUNT, "training");
	}
}

static int by_key(const void *pa, const void *pb)
{
	return strcmp(((const struct fig *)pa)->key, ((const struct fig *)pb)->key);
}

static const char *shown(struct arena *a, const struct fig *f)
{
	if (!f->value.present)
		return f->value.placeholder ? "to enter" : "none";
	char buf[64];
	struct figure v = { f->unit, f->value.hundredths, f->value.decimals };
	return arena_strdup(a, figure_format(v, buf, sizeof buf));
}

static bool same_value(struct decimal x, struct decimal y)
{
	if (x.present != y.present)
		return false;
	return !x.present ? x.placeholder == y.placeholder : x.hundredths == y.hundredths;
}

/* Is path the subject or under it? */
static bool under(const char *path, const char *subject)
{
	size_t n = strlen(subject);
	return path && strncmp(path, subject, n) == 0 && (path[n] == '\0' || path[n] == '.');
}

/* The blocks of the new model that show a changed figure: their paths,
 * gathered by a walk, against the changed subjects. */
struct shows {
	const char *const *subjects;
	size_t n;
	bool hit;
};

static void show_field(struct model_walk *w, enum model_field field, const char *text,
		       struct srcpos pos)
{
	(void)pos;
	struct shows *s = w->ctx;
	if (field != FIELD_VALUE_OF && field != FIELD_CHANGE_OF && field != FIELD_CHART_OF &&
	    field != FIELD_DATA_TABLE_OF && field != FIELD_KPI_OF)
		return;
	for (size_t i = 0; i < s->n && !s->hit; i++)
		s->hit = under(text, s->subjects[i]);
}

static void figures(struct ctx *c)
{
	struct figs fo = { .arena = c->d->arena }, fn = { .arena = c->d->arena };
	figures_of(c->older, &fo);
	figures_of(c->newer, &fn);
	qsort(fo.items, fo.n, sizeof *fo.items, by_key);
	const char **subjects = xcalloc(fn.n + 1, sizeof *subjects);
	size_t n_subjects = 0;
	size_t first = c->d->n_changes;
	for (size_t i = 0; i < fn.n; i++) {
		const struct fig *f = &fn.items[i];
		const struct fig *o = bsearch(f, fo.items, fo.n, sizeof *fo.items, by_key);
		if (o && same_value(o->value, f->value))
			continue;
		if (!o && !f->value.present)
			continue;
		change(c->d, CHANGE_FIGURE, NULL,
		       arena_printf(c->d->arena, "%s: from %s to %s", f->name,
				    o ? shown(c->d->arena, o) : "none", shown(c->d->arena, f)));
		subjects[n_subjects++] = f->subject;
	}
	/* Each block showing a changed figure is barred; the first one that
	 * shows a change's subject is where its entry links. */
	const struct block **at = xcalloc(n_subjects + 1, sizeof *at);
	/* The report's blocks that are not sections, depth first (64 levels
	 * of nesting at most: the loader's bound). */
	const struct block *stack[128];
	size_t depth = 0;
	const struct block *b = c->newer->report.body;
	while (b || depth) {
		if (!b) {
			b = stack[--depth]->next;
			continue;
		}
		if (b->kind == BLK_SECTION && depth < sizeof stack / sizeof stack[0]) {
			stack[depth++] = b;
			b = b->u.section.blocks;
			continue;
		}
		for (size_t s = 0; s < n_subjects; s++) {
			struct shows sh = { &subjects[s], 1, false };
			model_walk_block(c->newer, b, &(struct model_visitor){ .field = show_field },
					 &sh);
			if (sh.hit) {
				mark(c->d, b);
				if (!at[s])
					at[s] = b;
			}
		}
		b = b->next;
	}
	for (size_t s = 0; s < n_subjects; s++)
		c->d->changes[first + s].block = at[s];
	free(at);
	free(subjects);
	free(fo.items);
	free(fn.items);
}

/* ---- comments ------------------------------------------------------------ */

static void comments(struct ctx *c)
{
	const struct scrutiny *o = &c->older->scrutiny, *n = &c->newer->scrutiny;
	for (size_t i = 0; i < n->n_comments; i++) {
		const struct scrutiny_comment *cn = &n->comments[i];
		uint64_t hn = 0;
		for (const struct block *b = cn->blocks; b; b = b->next)
			hn = hn * 31 + block_hash(c->newer, b);
		bool seen = false;
		for (size_t k = 0; k < o->n_comments && !seen; k++) {
			const struct scrutiny_comment *co = &o->comments[k];
			if (!co->on || !cn->on || strcmp(co->on, cn->on) != 0)
				continue;
			uint64_t ho = 0;
			for (const struct block *b = co->blocks; b; b = b->next)
				ho = ho * 31 + block_hash(c->older, b);
			seen = ho == hn;
		}
		if (seen)
			continue;
		const struct section *s = cn->on ? model_find_section(c->newer, cn->on) : NULL;
		for (const struct block *b = cn->blocks; b; b = b->next)
			mark(c->d, b);
		change(c->d, CHANGE_COMMENT, cn->blocks,
		       arena_printf(c->d->arena, "Scrutineer comment added on \u201c%s\u201d",
				    s && s->title ? s->title : cn->on ? cn->on : ""));
	}
}

/* ---- the diff ------------------------------------------------------------ */

static int by_address(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t) * (const struct block *const *)pa;
	uintptr_t b = (uintptr_t) * (const struct block *const *)pb;
	return a < b ? -1 : a > b;
}

struct model_diff *model_diff_new(const struct model *older, const struct model *newer)
{
	struct model_diff *d = xcalloc(1, sizeof *d);
	d->arena = arena_new();
	struct ctx c = { d, older, newer, NULL, false };
	figures(&c);
	blocks(&c, older->report.body, newer->report.body, NULL);
	comments(&c);
	/* Figures, sections added, removed, texts, comments: each group in
	 * the order found (a stable sort by kind). */
	struct model_change *copy = xmalloc((d->n_changes + 1) * sizeof *copy);
	size_t k = 0;
	for (int kind = CHANGE_FIGURE; kind <= CHANGE_COMMENT; kind++)
		for (size_t i = 0; i < d->n_changes; i++)
			if ((int)d->changes[i].kind == kind)
				copy[k++] = d->changes[i];
	/* An empty list is NULL, which memcpy and qsort may not be given. */
	if (d->n_changes)
		memcpy(d->changes, copy, d->n_changes * sizeof *copy);
	free(copy);
	if (d->n_changed)
		qsort(d->changed, d->n_changed, sizeof *d->changed, by_address);
	if (d->n_removed)
		qsort(d->removed, d->n_removed, sizeof *d->removed, by_address);
	return d;
}

void model_diff_free(struct model_diff *d)
{
	if (!d)
		return;
	free(d->changes);
	free(d->changed);
	free(d->removed);
	arena_free(d->arena);
	free(d);
}

static bool has(const struct block *const *set, size_t n, const struct block *b)
{
	return n && bsearch(&b, set, n, sizeof *set, by_address) != NULL;
}

bool model_diff_changed(const struct model_diff *d, const struct block *b)
{
	return d && has(d->changed, d->n_changed, b);
}

bool model_diff_removed_before(const struct model_diff *d, const struct block *b)
{
	return d && has(d->removed, d->n_removed, b);
}
