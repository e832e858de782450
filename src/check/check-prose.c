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

struct prose_ctx {
	const struct model *m;
	struct diags *d;
	struct arena *arena;
	struct bound *bound;          /* sorted by unit, then value */
	size_t n_bound, cap_bound;
	char *buf;                    /* the text being flattened */
	size_t len, cap;
	struct prose_tokens toks;     /* its tokens (the buffer is reused) */
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

/* ---- flattening inline content into one text ----------------------------- */

static void put(struct prose_ctx *c, const char *s, size_t n)
{
	while (c->len + n + 1 > c->cap)
		xgrow(&c->buf, &c->cap, c->len + n + 1, 1);
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

static void put_char(struct prose_ctx *c, char ch)
{
	put(c, &ch, 1);
}

/* A figure printed from the data, marked as bound; a hard break when it
 * cannot be printed (rule 9 has said why). */
static void put_figure(struct prose_ctx *c, const struct inline_node *in)
{
	struct figure_ref ref;
	char text[160];
	bool ok = in->target &&
		  figure_resolve(c->m, c->arena, in->target, &ref, NULL) == FIG_SCALAR;
	if (ok && in->kind == IN_VALUE) {
		figure_format(ref.value, text, sizeof text);
	} else if (ok) {
		struct figure from;
		ok = figure_value_in(c->m, in->target, in->from, &from);
		if (ok)
			figure_format_change(from, ref.value, text, sizeof text);
	}
	if (!ok) {
		put_char(c, PROSE_HARD_BREAK);
		return;
	}
	put_char(c, PROSE_BOUND_OPEN);
	put(c, text, strlen(text));
	put_char(c, PROSE_BOUND_CLOSE);
}

static void check_text(struct prose_ctx *c, const struct inline_node *in, const char *as_written,
		       struct srcpos pos);

/* The text of inline content into c->buf; footnotes are checked as texts
 * of their own and end the sentence they stand in. */
static void flatten(struct prose_ctx *c, const struct inline_node *in)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case IN_TEXT:
			put(c, in->text, strlen(in->text));
			break;
		case IN_EM:
		case IN_STRONG:
		case IN_LINK:
			put_char(c, PROSE_INLINE_START);
			flatten(c, in->children);
			break;
		case IN_REF:
			/* prints the target's title and page: a name, not a figure */
			put_char(c, PROSE_INLINE_START);
			put(c, " ref ", 5);
			break;
		case IN_VALUE:
		case IN_CHANGE:
			put_char(c, PROSE_INLINE_START);
			put_figure(c, in);
			break;
		case IN_NOTE:
			put_char(c, PROSE_HARD_BREAK);
			break;
		}
	}
}

/* Footnotes of inline content, each checked as a text at its element. */
static void check_notes(struct prose_ctx *c, const struct inline_node *in, const char *as_written)
{
	for (; in; in = in->next) {
		if (in->kind == IN_NOTE)
			check_text(c, in->children, as_written, in->pos);
		else if (in->kind == IN_EM || in->kind == IN_STRONG || in->kind == IN_LINK)
			check_notes(c, in->children, as_written);
	}
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
		    tk->value < 20 || tk->step < 0.01)
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

static void check_text(struct prose_ctx *c, const struct inline_node *in, const char *as_written,
		       struct srcpos pos)
{
	c->len = 0;
	put(c, "", 0);
	flatten(c, in);
	check_flat(c, as_written, pos);
	check_notes(c, in, as_written);
}

static void check_string(struct prose_ctx *c, const char *s, const char *as_written,
			 struct srcpos pos)
{
	if (!s)
		return;
	c->len = 0;
	put(c, s, strlen(s));
	check_flat(c, as_written, pos);
}

/* A KPI tile reads as its figure followed by its label ("3,357 referrals
 * into Children's Social Care"): the figure typed in `value`, or printed
 * from `of`. */
static void check_kpi(struct prose_ctx *c, const struct kpi *k)
{
	if (!k->label)
		return;
	c->len = 0;
	put(c, "", 0);
	if (k->of) {
		struct inline_node value = { .kind = IN_VALUE, .target = k->of };
		put_figure(c, &value);
	} else if (k->value) {
		put(c, k->value, strlen(k->value));
	}
	put_char(c, ' ');
	put(c, k->label, strlen(k->label));
	check_flat(c, k->as_written, k->pos);
}

/* ---- every text of the report -------------------------------------------- */

static void check_list(struct prose_ctx *c, const struct list *l);

static void check_blocks(struct prose_ctx *c, const struct block *b)
{
	for (; b; b = b->next) {
		switch (b->kind) {
		case BLK_P:
			check_text(c, b->u.p, b->as_written, b->pos);
			break;
		case BLK_LIST:
			check_list(c, &b->u.list);
			break;
		case BLK_QUOTE:
			check_text(c, b->u.quote.inlines, b->as_written, b->pos);
			break;
		case BLK_CALLOUT:
			check_blocks(c, b->u.callout.blocks);
			break;
		case BLK_FIGURE:
			check_string(c, b->u.figure.caption, b->as_written, b->pos);
			break;
		case BLK_KPIS:
			for (size_t i = 0; i < b->u.kpis.n_kpis; i++)
				check_kpi(c, &b->u.kpis.kpis[i]);
			break;
		default:
			break; /* sections are visited by model_each_section */
		}
	}
}

static void check_list(struct prose_ctx *c, const struct list *l)
{
	for (size_t i = 0; i < l->n_items; i++) {
		check_text(c, l->items[i].inlines, l->items[i].as_written, l->items[i].pos);
		check_blocks(c, l->items[i].sublists);
	}
}

static void visit_section(const struct section *s, const struct block *b, void *ctx)
{
	(void)b;
	check_blocks(ctx, s->blocks);
}

void check_prose(const struct model *m, struct diags *d, struct arena *scratch)
{
	struct prose_ctx c = { .m = m, .d = d, .arena = scratch };
	collect_bound(&c);
	if (m->report.head.loaded)
		model_each_section(m, visit_section, &c);
	const struct scrutiny *s = &m->scrutiny;
	if (s->head.loaded) {
		for (size_t i = 0; i < s->n_comments; i++)
			check_blocks(&c, s->comments[i].blocks);
		check_blocks(&c, s->perspective);
		check_list(&c, &s->strengths);
		check_list(&c, &s->development);
	}
	free(c.bound);
	free(c.buf);
	prose_tokens_free(&c.toks);
}
