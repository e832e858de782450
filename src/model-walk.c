/* model-walk.c - the one traversal of the model: blocks and inlines with
 * enter and exit events, and every text field, in document order. */
#include "model.h"

#include <stdlib.h>

static const struct {
	const char *name;
	enum field_kind kind;
} fields[] = {
	[FIELD_PARTNERSHIP] = { "partnership", FIELD_PRINTED },
	[FIELD_PARTNERSHIP_SHORT] = { "partnership short", FIELD_PRINTED },
	[FIELD_REPORT_TITLE] = { "report title", FIELD_PRINTED },
	[FIELD_REPORT_TITLE_SHORT] = { "report short title", FIELD_PRINTED },
	[FIELD_AUTHOR] = { "author", FIELD_OTHER },
	[FIELD_VISION] = { "vision", FIELD_PRINTED },
	[FIELD_LOGO_SRC] = { "logo src", FIELD_IMAGE },
	[FIELD_SECTION_ID] = { "section id", FIELD_ID },
	[FIELD_SECTION_TITLE] = { "section title", FIELD_PRINTED },
	[FIELD_P_TEXT] = { "paragraph text", FIELD_PRINTED },
	[FIELD_ITEM_TEXT] = { "list item text", FIELD_PRINTED },
	[FIELD_CELL_TEXT] = { "cell text", FIELD_PRINTED },
	[FIELD_QUOTE_TEXT] = { "quote text", FIELD_PRINTED },
	[FIELD_LINK_HREF] = { "link address (href)", FIELD_OTHER },
	[FIELD_REF_TO] = { "ref to", FIELD_ID },
	[FIELD_VALUE_OF] = { "value of", FIELD_PATH },
	[FIELD_CHANGE_OF] = { "change of", FIELD_PATH },
	[FIELD_QUOTE_SOURCE] = { "quote source", FIELD_PRINTED },
	[FIELD_CALLOUT_TITLE] = { "callout title", FIELD_PRINTED },
	[FIELD_SIGNATORY_NAME] = { "signatory name", FIELD_PRINTED },
	[FIELD_SIGNATORY_ROLE] = { "signatory role", FIELD_PRINTED },
	[FIELD_FIGURE_SRC] = { "figure src", FIELD_IMAGE },
	[FIELD_FIGURE_ALT] = { "figure alt", FIELD_OTHER },
	[FIELD_FIGURE_CAPTION] = { "figure caption", FIELD_PRINTED },
	[FIELD_TABLE_TITLE] = { "table title", FIELD_PRINTED },
	[FIELD_DATA_TABLE_OF] = { "data-table of", FIELD_PATH },
	[FIELD_DATA_TABLE_TITLE] = { "data-table title", FIELD_PRINTED },
	[FIELD_CHART_OF] = { "chart of", FIELD_PATH },
	[FIELD_CHART_TITLE] = { "chart title", FIELD_PRINTED },
	[FIELD_CHART_ALT] = { "chart alt", FIELD_OTHER },
	[FIELD_CHART_HEADLINE] = { "chart headline", FIELD_PRINTED },
	[FIELD_CHART_SOURCE] = { "chart source", FIELD_PRINTED },
	[FIELD_KPIS_TITLE] = { "kpis title", FIELD_PRINTED },
	[FIELD_KPI_OF] = { "kpi of", FIELD_PATH },
	[FIELD_KPI_VALUE] = { "kpi value", FIELD_PRINTED },
	[FIELD_KPI_LABEL] = { "kpi label", FIELD_PRINTED },
	[FIELD_SCRUTINEER_NAME] = { "scrutineer name", FIELD_PRINTED },
	[FIELD_SCRUTINEER_ROLE] = { "scrutineer role", FIELD_PRINTED },
	[FIELD_COMMENT_ON] = { "comment on", FIELD_ID },
	[FIELD_PERSPECTIVE_TITLE] = { "perspective title", FIELD_PRINTED },
	[FIELD_CONTRIBUTION_FROM] = { "contribution from", FIELD_PRINTED },
	[FIELD_COST_ITEM] = { "cost item", FIELD_PRINTED },
	[FIELD_BREAKDOWN_TITLE] = { "breakdown title", FIELD_PRINTED },
	[FIELD_BREAKDOWN_OF] = { "breakdown of", FIELD_PRINTED },
	[FIELD_ITEM_LABEL] = { "item label", FIELD_PRINTED },
	[FIELD_INCIDENTS_KIND] = { "incidents kind", FIELD_PRINTED },
	[FIELD_MEASURE_LABEL] = { "measure label", FIELD_PRINTED },
	[FIELD_COURSE_TITLE] = { "course title", FIELD_PRINTED },
	[FIELD_REVIEW_NAME] = { "review name", FIELD_PRINTED },
	[FIELD_MILESTONE_NOTE] = { "milestone note", FIELD_PRINTED },
	[FIELD_REVIEW_LINK_HREF] = { "review link address (href)", FIELD_OTHER },
	[FIELD_REVIEW_THEME] = { "review theme", FIELD_PRINTED },
	[FIELD_ACTION_TEXT] = { "action text", FIELD_PRINTED },
	[FIELD_ACTION_OWNER] = { "action owner", FIELD_PRINTED },
};
_Static_assert(sizeof fields / sizeof fields[0] == FIELD_COUNT, "a field without a name");

enum field_kind model_field_kind(enum model_field field)
{
	return fields[field].kind;
}

const char *model_field_name(enum model_field field)
{
	return fields[field].name;
}

const struct block *model_walk_parent(const struct model_walk *w)
{
	return w->n_open >= 2 ? w->open[w->n_open - 2] : NULL;
}

static void field(struct model_walk *w, enum model_field f, const char *text, struct srcpos pos)
{
	if (text && w->v->field)
		w->v->field(w, f, text, pos);
}

static void walk_inlines(struct model_walk *w, const struct inline_node *in)
{
	for (; in; in = in->next) {
		if (w->v->inline_node)
			w->v->inline_node(w, in, MODEL_ENTER);
		switch (in->kind) {
		case IN_TEXT:
			field(w, w->text_field, in->text, w->text_pos);
			break;
		case IN_LINK:
			field(w, FIELD_LINK_HREF, in->target, in->pos);
			break;
		case IN_REF:
			field(w, FIELD_REF_TO, in->target, in->pos);
			break;
		case IN_VALUE:
			field(w, FIELD_VALUE_OF, in->target, in->pos);
			break;
		case IN_CHANGE:
			field(w, FIELD_CHANGE_OF, in->target, in->pos);
			break;
		case IN_EM:
		case IN_STRONG:
		case IN_NOTE:
			break;
		}
		walk_inlines(w, in->children);
		if (w->v->inline_node)
			w->v->inline_node(w, in, MODEL_EXIT);
	}
}

/* Inline content that is the text of the element at pos. */
static void text_of(struct model_walk *w, const struct inline_node *in, enum model_field f,
		    struct srcpos pos)
{
	struct srcpos saved_pos = w->text_pos;
	enum model_field saved_field = w->text_field;
	w->text_pos = pos;
	w->text_field = f;
	walk_inlines(w, in);
	w->text_pos = saved_pos;
	w->text_field = saved_field;
}

static void walk_blocks(struct model_walk *w, const struct block *b, bool siblings);

static void walk_list(struct model_walk *w, const struct list *l)
{
	for (size_t i = 0; i < l->n_items; i++) {
		text_of(w, l->items[i].inlines, FIELD_ITEM_TEXT, l->items[i].pos);
		walk_blocks(w, l->items[i].sublists, true);
	}
}

static void walk_row(struct model_walk *w, const struct table_row *row)
{
	for (size_t i = 0; i < row->n_cells; i++)
		text_of(w, row->cells[i].inlines, FIELD_CELL_TEXT, row->cells[i].pos);
}

/* What a block holds, between its enter and exit events. */
static void walk_content(struct model_walk *w, const struct block *b)
{
	switch (b->kind) {
	case BLK_P:
		text_of(w, b->u.p, FIELD_P_TEXT, b->pos);
		break;
	case BLK_LIST:
		walk_list(w, &b->u.list);
		break;
	case BLK_QUOTE:
		field(w, FIELD_QUOTE_SOURCE, b->u.quote.source, b->pos);
		text_of(w, b->u.quote.inlines, FIELD_QUOTE_TEXT, b->pos);
		break;
	case BLK_CALLOUT:
		field(w, FIELD_CALLOUT_TITLE, b->u.callout.title, b->pos);
		walk_blocks(w, b->u.callout.blocks, true);
		break;
	case BLK_SIGNATURES:
		for (size_t i = 0; i < b->u.signatures.n_signatories; i++) {
			const struct signatory *s = &b->u.signatures.signatories[i];
			field(w, FIELD_SIGNATORY_NAME, s->name, s->pos);
			field(w, FIELD_SIGNATORY_ROLE, s->role, s->pos);
		}
		break;
	case BLK_FIGURE:
		field(w, FIELD_FIGURE_SRC, b->u.figure.src, b->pos);
		field(w, FIELD_FIGURE_ALT, b->u.figure.alt, b->pos);
		field(w, FIELD_FIGURE_CAPTION, b->u.figure.caption, b->pos);
		break;
	case BLK_TABLE:
		field(w, FIELD_TABLE_TITLE, b->u.table.title, b->pos);
		walk_row(w, &b->u.table.head);
		for (size_t i = 0; i < b->u.table.n_rows; i++)
			walk_row(w, &b->u.table.rows[i]);
		break;
	case BLK_DATA_TABLE:
		field(w, FIELD_DATA_TABLE_OF, b->u.data_table.of, b->pos);
		field(w, FIELD_DATA_TABLE_TITLE, b->u.data_table.title, b->pos);
		break;
	case BLK_CHART:
		field(w, FIELD_CHART_OF, b->u.chart.of, b->pos);
		field(w, FIELD_CHART_TITLE, b->u.chart.title, b->pos);
		field(w, FIELD_CHART_ALT, b->u.chart.alt, b->pos);
		field(w, FIELD_CHART_HEADLINE, b->u.chart.headline, b->pos);
		field(w, FIELD_CHART_SOURCE, b->u.chart.source, b->pos);
		break;
	case BLK_KPIS:
		field(w, FIELD_KPIS_TITLE, b->u.kpis.title, b->pos);
		for (size_t i = 0; i < b->u.kpis.n_kpis; i++) {
			const struct kpi *k = &b->u.kpis.kpis[i];
			field(w, FIELD_KPI_OF, k->of, k->pos);
			field(w, FIELD_KPI_VALUE, k->value, k->pos);
			field(w, FIELD_KPI_LABEL, k->label, k->pos);
		}
		break;
	case BLK_SECTION:
		field(w, FIELD_SECTION_ID, b->u.section.id, b->pos);
		field(w, FIELD_SECTION_TITLE, b->u.section.title, b->pos);
		walk_blocks(w, b->u.section.blocks, true);
		break;
	case BLK_PAGE_BREAK:
	case BLK_SCRUTINY_PERSPECTIVE:
	case BLK_SCRUTINY_CONCLUSION:
	case BLK_CONTENTS:
		break;
	}
}

static void walk_blocks(struct model_walk *w, const struct block *b, bool siblings)
{
	for (; b; b = siblings ? b->next : NULL) {
		xgrow(&w->open, &w->cap_open, w->n_open, sizeof *w->open);
		w->open[w->n_open++] = b;
		if (!w->v->block || w->v->block(w, b, MODEL_ENTER)) {
			walk_content(w, b);
			if (w->v->block)
				w->v->block(w, b, MODEL_EXIT);
		}
		w->n_open--;
	}
}

static void walk_breakdowns(struct model_walk *w, const struct breakdown *bds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		field(w, FIELD_BREAKDOWN_TITLE, bds[i].title, bds[i].pos);
		field(w, FIELD_BREAKDOWN_OF, bds[i].of, bds[i].pos);
		for (size_t k = 0; k < bds[i].n_items; k++)
			field(w, FIELD_ITEM_LABEL, bds[i].items[k].label, bds[i].items[k].pos);
	}
}

static void walk_group(struct model_walk *w, const struct yjs_group *g)
{
	field(w, FIELD_INCIDENTS_KIND, g->kind, g->pos);
	walk_breakdowns(w, g->breakdowns, g->n_breakdowns);
}

static void walk_model(struct model_walk *w, const struct model *m)
{
	const struct report_meta *meta = &m->report.meta;
	field(w, FIELD_PARTNERSHIP, meta->partnership, meta->partnership_pos);
	field(w, FIELD_PARTNERSHIP_SHORT, meta->partnership_short, meta->partnership_pos);
	field(w, FIELD_REPORT_TITLE, meta->title, meta->title_pos);
	field(w, FIELD_REPORT_TITLE_SHORT, meta->title_short, meta->title_pos);
	field(w, FIELD_AUTHOR, meta->author, meta->author_pos);
	field(w, FIELD_VISION, meta->vision, meta->vision_pos);
	field(w, FIELD_LOGO_SRC, meta->logo_src, meta->logo_pos);
	walk_blocks(w, m->report.body, true);

	const struct scrutiny *sc = &m->scrutiny;
	field(w, FIELD_SCRUTINEER_NAME, sc->scrutineer_name, sc->scrutineer_pos);
	field(w, FIELD_SCRUTINEER_ROLE, sc->scrutineer_role, sc->scrutineer_pos);
	for (size_t i = 0; i < sc->n_comments; i++) {
		field(w, FIELD_COMMENT_ON, sc->comments[i].on, sc->comments[i].pos);
		walk_blocks(w, sc->comments[i].blocks, true);
	}
	field(w, FIELD_PERSPECTIVE_TITLE, sc->perspective_title, sc->perspective_pos);
	walk_blocks(w, sc->perspective, true);
	walk_list(w, &sc->strengths);
	walk_list(w, &sc->development);

	for (size_t i = 0; i < m->finance.n_contributions; i++)
		field(w, FIELD_CONTRIBUTION_FROM, m->finance.contributions[i].name,
		      m->finance.contributions[i].pos);
	for (size_t i = 0; i < m->finance.n_costs; i++)
		field(w, FIELD_COST_ITEM, m->finance.costs[i].name, m->finance.costs[i].pos);
	walk_breakdowns(w, m->lado.breakdowns, m->lado.n_breakdowns);
	walk_breakdowns(w, m->yjs.offences.breakdowns, m->yjs.offences.n_breakdowns);
	walk_group(w, &m->yjs.incidents);
	for (size_t i = 0; i < m->yjs.n_measures; i++)
		field(w, FIELD_MEASURE_LABEL, m->yjs.measures[i].label, m->yjs.measures[i].pos);
	for (size_t i = 0; i < m->training.n_courses; i++)
		field(w, FIELD_COURSE_TITLE, m->training.courses[i].title,
		      m->training.courses[i].pos);
	for (size_t i = 0; i < m->reviews.n_reviews; i++) {
		const struct review *r = &m->reviews.reviews[i];
		field(w, FIELD_REVIEW_NAME, r->name, r->pos);
		for (size_t k = 0; k < r->n_milestones; k++)
			field(w, FIELD_MILESTONE_NOTE, r->milestones[k].note, r->milestones[k].pos);
		for (size_t k = 0; k < r->n_links; k++)
			field(w, FIELD_REVIEW_LINK_HREF, r->links[k].href, r->links[k].pos);
		for (size_t k = 0; k < r->n_themes; k++)
			field(w, FIELD_REVIEW_THEME, r->themes[k].text, r->themes[k].pos);
		for (size_t k = 0; k < r->n_actions; k++) {
			field(w, FIELD_ACTION_TEXT, r->actions[k].text, r->actions[k].pos);
			field(w, FIELD_ACTION_OWNER, r->actions[k].owner, r->actions[k].pos);
		}
	}
}

static struct model_walk begin(const struct model *m, const struct model_visitor *v, void *ctx)
{
	return (struct model_walk){ .model = m, .ctx = ctx, .v = v, .text_field = FIELD_P_TEXT };
}

void model_walk(const struct model *m, const struct model_visitor *v, void *ctx)
{
	struct model_walk w = begin(m, v, ctx);
	walk_model(&w, m);
	free(w.open);
}

void model_walk_blocks(const struct model *m, const struct block *blocks,
		       const struct model_visitor *v, void *ctx)
{
	struct model_walk w = begin(m, v, ctx);
	walk_blocks(&w, blocks, true);
	free(w.open);
}

void model_walk_block(const struct model *m, const struct block *b,
		      const struct model_visitor *v, void *ctx)
{
	struct model_walk w = begin(m, v, ctx);
	walk_blocks(&w, b, false);
	free(w.open);
}

void model_walk_inlines(const struct model *m, const struct inline_node *in,
			enum model_field f, struct srcpos pos, const struct model_visitor *v,
			void *ctx)
{
	struct model_walk w = begin(m, v, ctx);
	text_of(&w, in, f, pos);
	free(w.open);
}
