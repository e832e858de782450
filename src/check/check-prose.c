/* check-prose.c - rule 12 (the arithmetic a sentence states, prose.h) over
 * every text of the report, warning 7 (a figure typed in prose that is one
 * bound figure of the data) and warning 8 (an `as-written` that accepts
 * nothing). */
#include "check-private.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "prose.h"

/* ---- bound figures: every scalar figure path and its value -------------- */

struct bound {
	enum unit unit;
	int64_t hundredths;
	const char *path;
};

/* One text gathered from the walk: the inline content of a paragraph,
 * list item or quote, or a footnote in it. */
struct text {
	char *buf;
	size_t len, cap;
	struct srcpos pos;            /* the element */
	enum model_field field;
	const char *as_written;
};

struct prose_ctx {
	const struct model *m;
	struct diags *d;
	struct arena *arena;
	struct bound *bound;          /* sorted by unit, then value */
	size_t n_bound, cap_bound;
	const char *buf;              /* the text being checked */
	size_t len;
	struct prose_tokens toks;     /* its tokens (the buffer is reused) */
	/* The texts being gathered from the walk: [0] an element's inline
	 * content, above it the footnotes open inside it. */
	struct text *texts;
	size_t n_texts, n_made, cap_texts; /* n_made: slots set up, buffers kept */
	/* Where the walk stands in lists and KPI rows, to find the element of
	 * a text by its position without a search (see element_of()). */
	size_t *list_cursor;          /* per open block */
	size_t cap_cursor;
	size_t kpi_cursor, conclusion_cursor;
};

static void add_bound(struct prose_ctx *c, const char *path, struct figure f)
{
	xgrow(&c->bound, &c->cap_bound, c->n_bound, sizeof *c->bound);
	c->bound[c->n_bound++] = (struct bound){ f.unit, f.hundredths, path };
}

static void add_path(struct prose_ctx *c, const char *path)
{
	struct figure_ref ref;
	if (figure_resolve(c->m, c->arena, path, &ref, NULL) == FIG_SCALAR)
		add_bound(c, path, ref.value);
}

/* Every row of a one-column dataset, as PATH.LABEL. */
static void add_rows(struct prose_ctx *c, const char *path)
{
	struct figure_ref ref;
	if (figure_resolve(c->m, c->arena, path, &ref, NULL) != FIG_DATASET)
		return;
	const struct dataset *ds = ref.dataset;
	if (ds->n_cols != 1 || ds->cols[0].is_text)
		return;
	for (size_t r = 0; r < ds->n_rows; r++) {
		const struct ds_cell *cell = dataset_cell(ds, r, 0);
		if (cell->present && ds->row_labels[r])
			add_bound(c, arena_printf(c->arena, "%s.%s", path, ds->row_labels[r]),
				  cell->value);
	}
}

/* Every item of the breakdowns, as PREFIX.ID.LABEL, read from the model
 * (resolving each path would search the breakdowns once per breakdown).
 * A breakdown mixing measures (rule 3) has no figures to offer. */
static void add_breakdowns(struct prose_ctx *c, const char *prefix, const struct breakdown *b,
			   size_t n)
{
	for (size_t i = 0; i < n; i++) {
		enum measure measure = check_measure(&b[i]);
		if (!b[i].id || (measure != MEASURE_COUNT && measure != MEASURE_PERCENT))
			continue;
		for (size_t k = 0; k < b[i].n_items; k++) {
			const struct breakdown_item *it = &b[i].items[k];
			if (!it->label || !it->value.present)
				continue;
			struct figure f = { measure == MEASURE_COUNT ? UNIT_COUNT : UNIT_PERCENT,
					    it->value.hundredths, it->value.decimals };
			add_bound(c, arena_printf(c->arena, "%s.%s.%s", prefix, b[i].id, it->label), f);
		}
	}
}

static int by_value(const void *pa, const void *pb)
{
	const struct bound *a = pa, *b = pb;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	if (a->hundredths != b->hundredths)
		return a->hundredths < b->hundredths ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* The figure paths of FORMAT.md "Figure paths" that name one figure. */
static void collect_bound(struct prose_ctx *c)
{
	static const char *const scalars[] = {
		"finance.income",        "finance.expenditure",   "finance.balance",
		"lado.referrals",        "lado.contacts",         "lado.total",
		"lado.within-1-month",   "lado.within-3-months",  "yjs.offences.total",
		"yjs.offences.children", "yjs.incidents.total",   "yjs.incidents.children",
		"training.courses",      "training.sessions",     "training.attendees",
	};
	for (size_t i = 0; i < sizeof scalars / sizeof *scalars; i++)
		add_path(c, scalars[i]);
	add_rows(c, "finance.contributions");
	add_rows(c, "finance.costs");
	add_rows(c, "yjs.cohort");
	add_rows(c, "training.by-mode");
	add_breakdowns(c, "lado", c->m->lado.breakdowns, c->m->lado.n_breakdowns);
	add_breakdowns(c, "yjs.offences", c->m->yjs.offences.breakdowns,
		       c->m->yjs.offences.n_breakdowns);
	add_breakdowns(c, "yjs.incidents", c->m->yjs.incidents.breakdowns,
		       c->m->yjs.incidents.n_breakdowns);
	if (c->n_bound > 1)
		qsort(c->bound, c->n_bound, sizeof *c->bound, by_value);
}

/* The one bound figure equal to (unit, hundredths), or NULL when none or
 * several are. */
static const struct bound *only_bound(const struct prose_ctx *c, enum unit unit,
				      int64_t hundredths)
{
	size_t lo = 0, hi = c->n_bound;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct bound *b = &c->bound[mid];
		if (b->unit < unit || (b->unit == unit && b->hundredths < hundredths))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= c->n_bound || c->bound[lo].unit != unit || c->bound[lo].hundredths != hundredths)
		return NULL;
	if (lo + 1 < c->n_bound && c->bound[lo + 1].unit == unit &&
	    c->bound[lo + 1].hundredths == hundredths)
		return NULL;
	return &c->bound[lo];
}

/* ---- texts gathered from the walk ------------------------------------------ */

static void put(struct text *t, const char *s, size_t n)
{
	while (t->len + n + 1 > t->cap)
		xgrow(&t->buf, &t->cap, t->len + n + 1, 1);
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void put_char(struct text *t, char ch)
{
	put(t, &ch, 1);
}

/* A figure printed from the data, marked as bound; a hard break when it
 * cannot be printed (rule 9 has said why). */
static void put_figure(struct prose_ctx *c, struct text *t, enum inline_kind kind,
		       const char *path, struct period from_period)
{
	struct figure_ref ref;
	char s[160];
	bool ok = path && figure_resolve(c->m, c->arena, path, &ref, NULL) == FIG_SCALAR;
	if (ok && kind == IN_VALUE) {
		figure_format(ref.value, s, sizeof s);
	} else if (ok) {
		struct figure from;
		ok = figure_value_in(c->m, path, from_period, &from);
		if (ok)
			figure_format_change(from, ref.value, s, sizeof s);
	}
	if (!ok) {
		put_char(t, PROSE_HARD_BREAK);
		return;
	}
	put_char(t, PROSE_BOUND_OPEN);
	put(t, s, strlen(s));
	put_char(t, PROSE_BOUND_CLOSE);
}

/* ---- findings ------------------------------------------------------------ */

/* Where offset `at` of the flattened text stands in the file. The text
 * starts on the element's line, after its start tag: a finding on that line
 * stands at the element. On a later line it stands at the line's first
 * character that is not white space (text or an inline element's tag),
 * which the flattened text tells exactly, white space being text. */
static struct srcpos place(const struct prose_ctx *c, struct srcpos elem, size_t at)
{
	struct srcpos pos = elem;
	size_t line_start = SIZE_MAX;
	for (size_t i = 0; i < at && i < c->len; i++)
		if (c->buf[i] == '\n') {
			pos.line++;
			line_start = i + 1;
		}
	if (line_start == SIZE_MAX || !elem.line)
		return elem;
	uint32_t col = 1;
	for (size_t i = line_start; i < c->len; i++) {
		char ch = c->buf[i];
		if (ch != ' ' && ch != '\t' && ch != '\r')
			break;
		col++;
	}
	pos.col = col;
	return pos;
}

/* Whether `as-written` names figure (space-separated names). */
static bool names(const char *as_written, const char *figure)
{
	size_t n = strlen(figure);
	for (const char *s = as_written; s && *s;) {
		while (*s == ' ')
			s++;
		size_t k = strcspn(s, " ");
		if (k == n && strncmp(s, figure, n) == 0)
			return true;
		s += k;
	}
	return false;
}

struct text_ctx {
	struct prose_ctx *c;
	struct srcpos pos;
	const char *as_written;
	const char **accepted;        /* the names of as_written that accepted a finding */
	size_t n_accepted, cap_accepted;
};

static void accept(struct text_ctx *t, const char *name)
{
	xgrow(&t->accepted, &t->cap_accepted, t->n_accepted, sizeof *t->accepted);
	t->accepted[t->n_accepted++] = arena_strdup(t->c->arena, name);
}

static void report(void *ctx, const struct prose_finding *f)
{
	struct text_ctx *t = ctx;
	struct srcpos at = place(t->c, t->pos, f->start);
	if (t->as_written && names(t->as_written, f->stated)) {
		accept(t, f->stated);
		diag_accepted(t->c->d, at, 12, "%s (accepted as written: as-written=\"%s\")",
			      f->message, f->stated);
		return;
	}
	diag_error(t->c->d, at, 12, "%s", f->message);
}

/* Does a word of the sentence [s, e) name what `path` is? Its words after
 * the file's name, of four letters or more ("children", "referrals",
 * "male", "months"), singular or plural. A figure that only happens to
 * equal a figure of the data ("45 of which are maintained" beside 45
 * children who offended) is left alone. */
static bool sentence_names(const struct prose_token *t, size_t s, size_t e, const char *path)
{
	/* lado.total is "referrals and contacts", or "activity" */
	const char *p = strcmp(path, "lado.total") == 0 ? ".activity referrals contacts"
							: strchr(path, '.');
	while (p && *p) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		char w[24];
		size_t n = 0;
		for (; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'); p++)
			if (n + 1 < sizeof w)
				w[n++] = (char)(*p | 0x20);
		w[n] = '\0';
		if (n < 4 || strcmp(w, "with") == 0 || strcmp(w, "other") == 0 ||
		    strcmp(w, "total") == 0)
			continue;
		for (size_t i = s; i < e; i++) {
			if (t[i].kind != PT_WORD)
				continue;
			size_t k = strlen(t[i].word);
			if (strcmp(t[i].word, w) == 0 ||
			    (k == n + 1 && t[i].word[n] == 's' && strncmp(t[i].word, w, n) == 0) ||
			    (n == k + 1 && w[k] == 's' && strncmp(t[i].word, w, k) == 0))
				return true;
		}
	}
	return false;
}

/* Warning 7: a figure typed in the text that is exactly one bound figure
 * of the data (not a small number, not a year: the reader leaves years,
 * dates, ranges and labels out), in a sentence that names what the figure
 * is. */
static void suggest_values(struct text_ctx *t)
{
	struct prose_ctx *c = t->c;
	const struct prose_tokens toks = c->toks;
	for (size_t i = 0; i < toks.n; i++) {
		const struct prose_token *tk = &toks.items[i];
		if (!prose_is_figure(tk) || tk->bound || tk->words || tk->fraction || tk->hedge ||
		    tk->value < 20 || tk->step < 0.01 ||
		    /* Past the largest figure no data holds it, and its hundredths
		     * would not fit an int64. */
		    tk->value > (double)(FIGURE_MAX_HUNDREDTHS / 100))
			continue;
		enum unit unit = tk->unit == PU_PERCENT ? UNIT_PERCENT
				 : tk->unit == PU_MONEY ? UNIT_MONEY
							 : UNIT_COUNT;
		const struct bound *b = only_bound(c, unit, (int64_t)llround(tk->value * 100));
		if (!b)
			continue;
		size_t s = i, e = i;
		while (s > 0 && toks.items[s - 1].kind != PT_BREAK)
			s--;
		while (e < toks.n && toks.items[e].kind != PT_BREAK)
			e++;
		if (!sentence_names(toks.items, s, e, b->path))
			continue;
		char s_fig[64];
		size_t n = 0;
		for (size_t k = tk->start; k < tk->end && n + 1 < sizeof s_fig; k++)
			if (c->buf[k] != '\n' && c->buf[k] != '\t')
				s_fig[n++] = c->buf[k];
		s_fig[n] = '\0';
		struct srcpos at = place(c, t->pos, tk->start);
		/* as-written here says "another figure, typed on purpose": settled,
		 * so unlike accepted arithmetic it is no open point of a draft */
		if (t->as_written && names(t->as_written, s_fig)) {
			accept(t, s_fig);
			continue;
		}
		diag_warning(c->d, at, 7,
			     "%s is typed in the text and is %s in the data: write <value of=\"%s\"/> "
			     "so that it cannot drift from the data (or as-written=\"%s\" on the "
			     "element if it means another figure)",
			     s_fig, b->path, b->path, s_fig);
	}
}

/* Warning 8: names in `as-written` that accepted nothing. */
static void stale_names(struct text_ctx *t)
{
	for (const char *s = t->as_written; s && *s;) {
		while (*s == ' ')
			s++;
		size_t k = strcspn(s, " ");
		if (!k)
			break;
		bool used = false;
		for (size_t i = 0; i < t->n_accepted && !used; i++)
			used = strlen(t->accepted[i]) == k && strncmp(t->accepted[i], s, k) == 0;
		if (!used)
			diag_warning(t->c->d, t->pos, 8,
				     "as-written names %.*s, but the text has no finding about %.*s "
				     "to accept; remove it from as-written (or correct it to the "
				     "figure as the text writes it)",
				     (int)k, s, (int)k, s);
		s += k;
	}
}

static void check_flat(struct prose_ctx *c, const char *as_written, struct srcpos pos)
{
	struct text_ctx t = { .c = c, .pos = pos, .as_written = as_written };
	prose_read(c->buf, &c->toks);
	prose_check_tokens(c->buf, &c->toks, report, &t);
	suggest_values(&t);
	stale_names(&t);
	free(t.accepted);
}

/* Checks a gathered text: its bytes become the text being checked. */
static void check_gathered(struct prose_ctx *c, struct text *t)
{
	c->buf = t->buf;
	c->len = t->len;
	check_flat(c, t->as_written, t->pos);
	t->len = 0;
	if (t->buf)
		t->buf[0] = '\0';
}

/* Ends the text being gathered, with its footnotes, checking each. */
static void flush(struct prose_ctx *c)
{
	while (c->n_texts > 0)
		check_gathered(c, &c->texts[--c->n_texts]);
}

static struct text *push_text(struct prose_ctx *c, struct srcpos pos, enum model_field field,
			      const char *as_written)
{
	xgrow(&c->texts, &c->cap_texts, c->n_texts, sizeof *c->texts);
	if (c->n_texts == c->n_made) {
		memset(&c->texts[c->n_made], 0, sizeof *c->texts);
		c->n_made++;
	}
	struct text *t = &c->texts[c->n_texts++];
	char *buf = t->buf;
	size_t cap = t->cap;
	*t = (struct text){ .buf = buf, .cap = cap, .pos = pos, .field = field,
			    .as_written = as_written };
	t->len = 0;
	put(t, "", 0);
	return t;
}

static bool same_pos(struct srcpos a, struct srcpos b)
{
	return a.line == b.line && a.col == b.col && a.file == b.file;
}

/* The list item at pos in list l, from the cursor on (items come in order). */
static const char *item_as_written(const struct list *l, size_t *cursor, struct srcpos pos)
{
	for (size_t i = *cursor; i < l->n_items; i++)
		if (same_pos(l->items[i].pos, pos)) {
			*cursor = i + 1;
			return l->items[i].as_written;
		}
	return NULL;
}

/* The `as-written` of the element whose inline text the walk is in: the
 * innermost open block (a paragraph or quote), or the item of the list
 * open there, or an item of the scrutineer's conclusion (no block holds
 * those). */
static const char *element_of(struct prose_ctx *c, const struct model_walk *w)
{
	const struct block *b = w->n_open ? w->open[w->n_open - 1] : NULL;
	if (w->text_field != FIELD_ITEM_TEXT)
		return b ? b->as_written : NULL;
	if (b && b->kind == BLK_LIST)
		return item_as_written(&b->u.list, &c->list_cursor[w->n_open - 1], w->text_pos);
	const struct scrutiny *s = &c->m->scrutiny;
	size_t n = s->strengths.n_items;
	size_t cursor = c->conclusion_cursor;
	if (cursor < n) {
		const char *aw = item_as_written(&s->strengths, &cursor, w->text_pos);
		if (cursor != c->conclusion_cursor) {
			c->conclusion_cursor = cursor;
			return aw;
		}
	}
	cursor = c->conclusion_cursor >= n ? c->conclusion_cursor - n : 0;
	const char *aw = item_as_written(&s->development, &cursor, w->text_pos);
	c->conclusion_cursor = n + cursor;
	return aw;
}

/* The text the walk's current inline content goes to: a new one when the
 * walk has moved to another element's text. NULL for texts not checked
 * (table cells: headings and figures, not sentences). */
static struct text *current(struct prose_ctx *c, const struct model_walk *w)
{
	if (w->text_field != FIELD_P_TEXT && w->text_field != FIELD_ITEM_TEXT &&
	    w->text_field != FIELD_QUOTE_TEXT)
		return NULL;
	if (c->n_texts && same_pos(c->texts[0].pos, w->text_pos) &&
	    c->texts[0].field == w->text_field)
		return &c->texts[c->n_texts - 1];
	flush(c);
	return push_text(c, w->text_pos, w->text_field, element_of(c, w));
}

static bool on_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct prose_ctx *c = w->ctx;
	flush(c); /* a block starts or ends: the text before it is complete */
	if (ev == MODEL_ENTER) {
		while (w->n_open > c->cap_cursor)
			xgrow(&c->list_cursor, &c->cap_cursor, c->cap_cursor, sizeof *c->list_cursor);
		c->list_cursor[w->n_open - 1] = 0;
		if (b->kind == BLK_KPIS)
			c->kpi_cursor = 0;
	}
	return true;
}

static void on_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	struct prose_ctx *c = w->ctx;
	struct text *t = current(c, w);
	if (!t)
		return;
	if (in->kind == IN_NOTE) {
		/* a footnote ends the sentence it stands in and is a text of its
		 * own, at its element, under the element's as-written */
		if (ev == MODEL_ENTER) {
			put_char(t, PROSE_HARD_BREAK);
			push_text(c, in->pos, c->texts[0].field, c->texts[0].as_written);
		} else if (c->n_texts > 1) {
			check_gathered(c, &c->texts[--c->n_texts]);
		}
		return;
	}
	if (ev != MODEL_ENTER)
		return;
	switch (in->kind) {
	case IN_EM:
	case IN_STRONG:
	case IN_LINK:
		put_char(t, PROSE_INLINE_START);
		break;
	case IN_REF:
		/* prints the target's title and page: a name, not a figure */
		put_char(t, PROSE_INLINE_START);
		put(t, " ref ", 5);
		break;
	case IN_VALUE:
	case IN_CHANGE:
		put_char(t, PROSE_INLINE_START);
		put_figure(c, t, in->kind, in->target, in->from);
		break;
	case IN_TEXT:
	case IN_NOTE:
		break;
	}
}

/* A KPI tile reads as its figure followed by its label ("3,357 referrals
 * into Children's Social Care"): the figure typed in `value`, or printed
 * from `of`. */
static void check_kpi(struct prose_ctx *c, const struct model_walk *w, struct srcpos pos)
{
	const struct block *b = w->n_open ? w->open[w->n_open - 1] : NULL;
	if (!b || b->kind != BLK_KPIS)
		return;
	const struct kpis *ks = &b->u.kpis;
	while (c->kpi_cursor < ks->n_kpis && !same_pos(ks->kpis[c->kpi_cursor].pos, pos))
		c->kpi_cursor++;
	if (c->kpi_cursor >= ks->n_kpis)
		return;
	const struct kpi *k = &ks->kpis[c->kpi_cursor++];
	struct text *t = push_text(c, k->pos, FIELD_KPI_LABEL, k->as_written);
	if (k->of)
		put_figure(c, t, IN_VALUE, k->of, (struct period){ 0 });
	else if (k->value)
		put(t, k->value, strlen(k->value));
	put_char(t, ' ');
	put(t, k->label, strlen(k->label));
	flush(c);
}

static void on_field(struct model_walk *w, enum model_field field, const char *s,
		     struct srcpos pos)
{
	struct prose_ctx *c = w->ctx;
	if (field == w->text_field) {
		struct text *t = current(c, w);
		if (t)
			put(t, s, strlen(s));
		return;
	}
	if (field == FIELD_FIGURE_CAPTION) {
		const struct block *b = w->n_open ? w->open[w->n_open - 1] : NULL;
		flush(c);
		put(push_text(c, pos, field, b ? b->as_written : NULL), s, strlen(s));
		flush(c);
	} else if (field == FIELD_KPI_LABEL) {
		flush(c);
		check_kpi(c, w, pos);
	}
}

void check_prose(const struct model *m, struct diags *d, struct arena *scratch)
{
	struct prose_ctx c = { .m = m, .d = d, .arena = scratch };
	collect_bound(&c);
	static const struct model_visitor visitor = { on_block, on_inline, on_field };
	model_walk(m, &visitor, &c);
	flush(&c);
	for (size_t i = 0; i < c.n_made; i++)
		free(c.texts[i].buf);
	free(c.texts);
	free(c.list_cursor);
	free(c.bound);
	prose_tokens_free(&c.toks);
}
