/* check-glyphs.c - every character of the printed text against the fonts
 * the build will use: one finding per element and character, numbered 0
 * (the project's own, not a numbered rule). */
#include "check-private.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "font.h"
#include "text.h"

/* How a finding names the element holding each printed field ("in this
 * paragraph"); NULL for fields that are not printed in the fonts. */
static const char *const what[FIELD_COUNT] = {
	[FIELD_PARTNERSHIP] = "the partnership's name",
	[FIELD_PARTNERSHIP_SHORT] = "the partnership's name",
	[FIELD_REPORT_TITLE] = "the report's title",
	[FIELD_REPORT_TITLE_SHORT] = "the report's short title",
	[FIELD_VISION] = "the vision",
	[FIELD_SECTION_TITLE] = "this section's title",
	[FIELD_P_TEXT] = "this paragraph",
	[FIELD_ITEM_TEXT] = "this list item",
	[FIELD_CELL_TEXT] = "this table cell",
	[FIELD_QUOTE_TEXT] = "this quote",
	[FIELD_QUOTE_SOURCE] = "this quote",
	[FIELD_CALLOUT_TITLE] = "this callout's title",
	[FIELD_SIGNATORY_NAME] = "this signatory",
	[FIELD_SIGNATORY_ROLE] = "this signatory",
	[FIELD_FIGURE_CAPTION] = "this figure's caption",
	[FIELD_TABLE_TITLE] = "this table's title",
	[FIELD_DATA_TABLE_TITLE] = "this table's title",
	[FIELD_CHART_TITLE] = "this chart's title",
	[FIELD_CHART_HEADLINE] = "this chart's headline",
	[FIELD_CHART_SOURCE] = "this chart's source",
	[FIELD_KPIS_TITLE] = "this group of KPIs",
	[FIELD_KPI_VALUE] = "this KPI",
	[FIELD_KPI_LABEL] = "this KPI",
	[FIELD_SCRUTINEER_NAME] = "the scrutineer's name or role",
	[FIELD_SCRUTINEER_ROLE] = "the scrutineer's name or role",
	[FIELD_PERSPECTIVE_TITLE] = "the perspective's title",
	[FIELD_CONTRIBUTION_FROM] = "this contribution",
	[FIELD_COST_ITEM] = "this cost",
	[FIELD_BREAKDOWN_TITLE] = "this breakdown's title",
	[FIELD_BREAKDOWN_OF] = "this breakdown's of attribute",
	[FIELD_ITEM_LABEL] = "this label",
	[FIELD_INCIDENTS_KIND] = "the kind of incidents",
	[FIELD_MEASURE_LABEL] = "this measure",
	[FIELD_COURSE_TITLE] = "this course",
	[FIELD_REVIEW_NAME] = "this review's name",
	[FIELD_MILESTONE_NOTE] = "this milestone's note",
	[FIELD_REVIEW_THEME] = "this theme",
	[FIELD_ACTION_TEXT] = "this action",
	[FIELD_ACTION_OWNER] = "this action's owner",
};

/* The check reports each character once per element: seen holds the
 * characters reported for the element last checked (its position and the
 * words that name it). */
struct glyphs {
	const struct model *model;
	const struct font_family *fonts;
	struct diags *d;
	struct arena *arena;          /* for figures formatted to be checked */
	struct srcpos at;
	const char *at_what;
	uint32_t *seen;
	size_t n_seen, cap_seen;
};

/* A better character for a few that fonts often lack. */
static const char *suggestion(uint32_t cp)
{
	switch (cp) {
	case 0x2713: case 0x2714: case 0x2705: case 0x2611:
		return "yes";
	case 0x2717: case 0x2718: case 0x274C: case 0x2612:
		return "no";
	case 0x2192: case 0x27A1:
		return "to";
	case 0x2264:
		return "at most";
	case 0x2265:
		return "at least";
	case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	default:
		return NULL;
	}
}

static bool missing(const struct font_family *fonts, uint32_t cp)
{
	for (int f = 0; f < FACE_COUNT; f++)
		if (fonts->face[f] && !font_has_glyph(fonts->face[f], cp))
			return true;
	return false;
}

/* Checks one text printed as part of the element at pos (`what` names
 * it). White space and controls are skipped: layout turns them into
 * spaces or drops them. */
static void check_text(struct glyphs *g, const char *text, struct srcpos pos, const char *what)
{
	if (srcpos_compare(pos, g->at) != 0 || what != g->at_what) {
		g->n_seen = 0;
		g->at = pos;
		g->at_what = what;
	}
	size_t n = strlen(text);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = text_utf8_decode(text + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		i += k;
		/* A soft hyphen (U+00AD) is never drawn: a line that breaks there
		 * ends with a hyphen-minus. */
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x2028 ||
		    cp == 0x2029 || !missing(g->fonts, cp))
			continue;
		bool seen = false;
		for (size_t s = 0; s < g->n_seen && !seen; s++)
			seen = g->seen[s] == cp;
		if (seen)
			continue;
		xgrow(&g->seen, &g->cap_seen, g->n_seen, sizeof *g->seen);
		g->seen[g->n_seen++] = cp;
		char ch[5] = { 0 };
		text_utf8_encode(cp, ch);
		const char *better = suggestion(cp);
		diag_error(g->d, pos, 0,
			   "the fonts cannot show \"%s\" (U+%04X) in %s; replace it%s%s%s or use a "
			   "style whose fonts have it",
			   ch, (unsigned)cp, what, better ? " (for example with \"" : "",
			   better ? better : "", better ? "\")" : "");
	}
}

static void visit_field(struct model_walk *w, enum model_field field, const char *text,
			struct srcpos pos)
{
	if (model_field_kind(field) != FIELD_PRINTED)
		return;
	assert(what[field]); /* a printed field needs its words here */
	check_text(w->ctx, text, pos, what[field]);
}

/* Figures print digits and signs the fonts may lack (the minus sign
 * U+2212, say): each is checked as it will print, in its paragraph. */
static void visit_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	struct glyphs *g = w->ctx;
	if (ev != MODEL_ENTER || (in->kind != IN_VALUE && in->kind != IN_CHANGE) || !in->target)
		return;
	struct figure_ref ref;
	char buf[128];
	if (figure_resolve(g->model, g->arena, in->target, &ref, NULL) != FIG_SCALAR)
		return;
	const char *shown = NULL;
	struct figure from;
	if (in->kind == IN_VALUE)
		shown = figure_format(ref.value, buf, sizeof buf);
	else if (figure_value_in(g->model, in->target, in->from, &from))
		shown = figure_format_change(from, ref.value, buf, sizeof buf);
	if (shown)
		check_text(g, shown, w->text_pos, what[w->text_field]);
}

void check_glyphs(const struct model *m, const struct font_family *fonts, struct diags *d)
{
	struct glyphs g = { .model = m, .fonts = fonts, .d = d, .arena = arena_new() };
	model_walk(m, &(struct model_visitor){ .inline_node = visit_inline, .field = visit_field },
		   &g);
	free(g.seen);
	arena_free(g.arena);
}
