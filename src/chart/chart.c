/* chart.c - the chart block: the chart drawn by its type, its caption,
 * its alt text (what the chart shows, every figure in full), and the data
 * table under it when asked for. */
#include "chart-private.h"

#include <string.h>

/* ---- the chart block ---------------------------------------------------- */

static const char *type_phrase(enum chart_type type)
{
	switch (type) {
	case CHART_BAR: return "bar chart";
	case CHART_HBAR: return "horizontal bar chart";
	case CHART_GROUPED_BAR: return "grouped bar chart";
	case CHART_STACKED_BAR: return "stacked bar chart";
	case CHART_STACKED_BAR_100: return "100% stacked bar chart";
	case CHART_LINE: return "line chart";
	case CHART_PIE: return "pie chart";
	case CHART_DONUT: return "donut chart";
	default: return "chart";
	}
}

/* A growing string in the pass arena. */
struct sbuf {
	struct arena *arena;
	char *s;
	size_t len, cap;
};

static void put(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);
	b->s = arena_grow(b->arena, b->s, &b->cap, b->len + n, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* The author's alt followed by what the chart shows, every figure in full:
 * "Offence type, horizontal bar chart: Drugs 25.9%, … ." */
static const char *alt_text(struct layout *lo, const struct chart *spec,
			    const struct chart_data *cd)
{
	struct sbuf b = { lo->arena, NULL, 0, 0 };
	put(&b, "");
	const char *alt = layout_collapse(lo, spec->alt);
	if (*alt) {
		put(&b, alt);
		size_t n = strlen(alt);
		if (alt[n - 1] != '.' && alt[n - 1] != '!' && alt[n - 1] != '?')
			put(&b, ".");
		put(&b, " ");
	}
	if (*cd->title) {
		put(&b, layout_collapse(lo, cd->title));
		put(&b, ", ");
	}
	put(&b, type_phrase(cd->type));
	if (cd->multiples)
		put(&b, ", one panel per series, each with its own scale");
	put(&b, ": ");
	bool pie = cd->type == CHART_PIE || cd->type == CHART_DONUT;
	if (cd->n_series == 1 || pie) {
		for (size_t r = 0; r < cd->n_cats; r++) {
			if (!chart_present(cd, r, 0))
				continue;
			if (b.s[b.len - 2] != ':')
				put(&b, ", ");
			const char *cat = layout_collapse(lo, cd->cats[r]);
			/* "age 13: 2%" rather than "13 2%". */
			bool numeric = *cat >= '0' && *cat <= '9' && cd->ds->row_heading;
			if (numeric) {
				char *h = arena_strdup(lo->arena, cd->ds->row_heading);
				if (h[0] >= 'A' && h[0] <= 'Z')
					h[0] = (char)(h[0] - 'A' + 'a');
				put(&b, h);
				put(&b, " ");
			}
			put(&b, cat);
			put(&b, numeric ? ": " : " ");
			put(&b, layout_format(lo, cd->values[r * cd->n_series]));
			if (pie && cd->unit != UNIT_PERCENT) {
				put(&b, " (");
				put(&b, chart_share(lo, cd, r));
				put(&b, ")");
			}
		}
	} else {
		for (size_t s = 0; s < cd->n_series; s++) {
			if (s > 0)
				put(&b, "; ");
			put(&b, layout_collapse(lo, cd->series[s]));
			for (size_t r = 0; r < cd->n_cats; r++) {
				if (!chart_present(cd, r, s))
					continue;
				put(&b, r == 0 ? " " : ", ");
				put(&b, layout_collapse(lo, cd->cats[r]));
				put(&b, " ");
				put(&b, layout_format(lo, cd->values[r * cd->n_series + s]));
			}
		}
	}
	put(&b, ".");
	return b.s;
}

/* A line or two of text in the chart's Caption (headline, title,
 * subtitle, source), drawn inside the element that encloses it. */
struct chart_title {
	const struct text_block *tb;
};

static void draw_title(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct chart_title *t = item->data;
	layout_draw_text(lo, t->tb, 0, t->tb->n_lines, x_pt, top_pt);
}

/* Pushes text set in role and face as a box that stays with what follows;
 * returns that box. */
static struct vitem *push_text(struct layout *lo, const char *text, enum style_role role,
			       enum font_face face, double width)
{
	struct chart_title *t = arena_alloc(lo->arena, sizeof *t);
	t->tb = layout_set_text(lo, text, role, face, width, ALIGN_LEFT);
	struct vitem *it = layout_push_box(lo, layout_text_height(t->tb), draw_title, t, 0);
	it->keep_with_next = true;
	return it;
}

/* What the chart shows in one sentence, from its figures, for the style
 * that prints it as a subtitle: the largest part or measure, or where
 * each series went from its first period to its last. Money as the chart
 * prints it (£98k). NULL when there is nothing to say. */
static const char *summary(struct layout *lo, const struct chart_data *cd)
{
	if (cd->ds->kind == DS_SERIES) {
		struct sbuf b = { lo->arena, NULL, 0, 0 };
		put(&b, "");
		for (size_t s = 0; s < cd->n_series; s++) {
			size_t first = cd->n_cats, last = cd->n_cats;
			for (size_t r = 0; r < cd->n_cats; r++)
				if (chart_present(cd, r, s)) {
					if (first == cd->n_cats)
						first = r;
					last = r;
				}
			if (cd->series_total[s] || first == cd->n_cats || first == last)
				continue;
			put(&b, b.len ? "; " : "");
			put(&b, layout_collapse(lo, cd->series[s]));
			put(&b, arena_printf(lo->arena, " %s in %s, %s in %s",
					     chart_format(lo, cd->values[first * cd->n_series + s]),
					     layout_collapse(lo, cd->cats[first]),
					     chart_format(lo, cd->values[last * cd->n_series + s]),
					     layout_collapse(lo, cd->cats[last])));
		}
		if (!b.len)
			return NULL;
		put(&b, ".");
		return b.s;
	}
	/* The largest named part: not the remainder, not a catch-all. */
	size_t best = cd->n_cats;
	for (size_t r = 0; r < cd->n_cats; r++)
		if (chart_present(cd, r, 0) && !cd->remainder[r] &&
		    !dataset_label_is_other(cd->cats[r]) &&
		    (best == cd->n_cats || cd->values[r * cd->n_series].hundredths >
						   cd->values[best * cd->n_series].hundredths))
			best = r;
	if (best == cd->n_cats)
		return NULL;
	const char *share = cd->has_whole && cd->unit != UNIT_PERCENT
				    ? arena_printf(lo->arena, " (%s)", chart_share(lo, cd, best)) : "";
	return arena_printf(lo->arena, "Largest: %s, %s%s.", layout_collapse(lo, cd->cats[best]),
			    chart_format(lo, cd->values[best * cd->n_series]), share);
}

static void draw_canvas(struct layout *lo, const struct vitem *item, double x_pt,
			double top_pt)
{
	chart_canvas_draw(lo, item->data, x_pt, top_pt);
}

/* Panels side by side, GAP_PANELS_PT apart. */
#define GAP_PANELS_PT 18.0

static struct chart_canvas *draw_one(struct layout *lo, struct chart_data *cd, double width);

/* Small multiples: each series (computed totals aside) in a panel of its
 * own, with its own axis, side by side, tops aligned. */
static struct chart_canvas *draw_multiples(struct layout *lo, struct chart_data *cd,
					   double width)
{
	size_t k = 0;
	for (size_t s = 0; s < cd->n_series; s++)
		k += !cd->series_total[s];
	double panel_w = (width - GAP_PANELS_PT * (double)(k - 1)) / (double)k;
	struct chart_canvas *c = chart_canvas_new(lo, width);
	size_t i = 0;
	for (size_t s = 0; s < cd->n_series; s++) {
		if (cd->series_total[s])
			continue;
		struct chart_data *one = chart_data_series(lo, cd, s);
		/* Each panel keeps its series' own colour. */
		one->look_offset = s;
		struct chart_canvas *p = draw_one(lo, one, panel_w);
		chart_canvas_place(c, p, (panel_w + GAP_PANELS_PT) * (double)i++, 0);
	}
	return c;
}

static struct chart_canvas *draw_chart(struct layout *lo, struct chart_data *cd,
				       double width)
{
	if ((cd->type == CHART_GROUPED_BAR || cd->type == CHART_LINE) && chart_data_apart(cd)) {
		cd->multiples = true;
		return draw_multiples(lo, cd, width);
	}
	return draw_one(lo, cd, width);
}

static struct chart_canvas *draw_one(struct layout *lo, struct chart_data *cd, double width)
{
	switch (cd->type) {
	case CHART_HBAR: return chart_draw_hbar(lo, cd, width);
	case CHART_GROUPED_BAR: return chart_draw_grouped(lo, cd, width);
	case CHART_STACKED_BAR: return chart_draw_stacked(lo, cd, width);
	case CHART_STACKED_BAR_100: return chart_draw_stacked_100(lo, cd, width);
	case CHART_LINE: return chart_draw_line(lo, cd, width);
	case CHART_PIE: return chart_draw_pie(lo, cd, width, false);
	case CHART_DONUT: return chart_draw_pie(lo, cd, width, true);
	case CHART_BAR:
	default:
		if (cd->n_series > 1)
			return chart_draw_grouped(lo, cd, width);
		/* Labels that would need more than two lines under their bar, or
		 * figures wider than it: horizontal bars give them room. */
		if (!chart_bar_fits(lo, cd, width)) {
			cd->type = CHART_HBAR;
			return chart_draw_hbar(lo, cd, width);
		}
		return chart_draw_bar(lo, cd, width);
	}
}

/* ---- a chart still waiting for its figures (a draft's gap) --------------- */

struct gap_box {
	double height_pt;
	const struct text_block *tb;
};

static void draw_gap_box(struct layout *lo, const struct vitem *item, double x_pt,
			 double top_pt)
{
	const struct gap_box *g = item->data;
	struct dl *dl = lo->dl;
	double width = style_text_width_pt(lo->style);
	bool tagged = !dl->in_artifact;
	if (tagged)
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	const struct style_draft *dr = &lo->style->draft;
	struct dl_rgb border = layout_rgb(dr->note_border.none ? lo->style->accent
							      : dr->note_border.rgb);
	struct dl_paint p = dr->note_fill.none
				    ? dl_paint_stroke(border, 1)
				    : dl_paint_fill_stroke(layout_rgb(dr->note_fill.rgb), border, 1);
	p.dash = (struct dl_dash){ 4, 3 };
	dl_add_rect(dl, x_pt + 0.5, top_pt - g->height_pt + 0.5, width - 1, g->height_pt - 1, &p);
	if (tagged) {
		dl_artifact_end(dl);
		dl_struct_open(dl, DL_P, NULL);
	}
	double h = layout_text_height(g->tb);
	layout_draw_text(lo, g->tb, 0, g->tb->n_lines, x_pt + 0.1 * width,
			 top_pt - (g->height_pt - h) / 2);
	if (tagged)
		dl_struct_close(dl);
}

/* In place of a chart whose figures are not all entered: a box of the size
 * the chart will take, saying which figures it waits for. */
static struct vitem *gap_chart(struct layout *lo, const struct chart *spec,
			       const struct dataset *ds)
{
	double width = style_text_width_pt(lo->style);
	const struct model *real = lo->model;
	lo->model = lo->filled;
	struct chart_data *cd = chart_data_new(lo, spec);
	struct chart_canvas *canvas = cd ? draw_chart(lo, cd, width) : NULL;
	lo->model = real;
	const char *title = spec->title ? spec->title : ds->title;
	const char *text = arena_printf(
		lo->arena,
		"The chart%s%s%s will stand here once its figures are entered. Still to "
		"enter: %s.",
		title ? " \"" : "", title ? layout_collapse(lo, title) : "", title ? "\"" : "",
		layout_gap_list(lo, ds));
	struct gap_box *g = arena_alloc(lo->arena, sizeof *g);
	g->tb = layout_set_text(lo, text, STYLE_BODY, lo->style->text[STYLE_BODY].face,
				0.8 * width, ALIGN_CENTRE);
	double text_h = layout_text_height(g->tb) + 2 * lo->style->text[STYLE_BODY].size_pt;
	double chart_h = canvas ? canvas->height_pt : 0;
	const struct style_text *cap = &lo->style->text[STYLE_CAPTION];
	if (cd && *cd->title)
		chart_h += cap->space_after_pt + cap->leading_pt;
	g->height_pt = chart_h > text_h ? chart_h : text_h;
	layout_push_space(lo, cap->space_before_pt);
	struct vitem *it = layout_push_box(lo, g->height_pt, draw_gap_box, g, 0);
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
	return it;
}

static size_t annex_add(struct layout *lo, const struct chart_data *cd);
static bool annexed(const struct layout *lo, const struct block *b);
static void link_line(struct layout *lo, const char *text, const char *what, size_t n,
		      const char *dest);

void layout_chart(struct layout *lo, const struct block *b)
{
	const struct chart *spec = &b->u.chart;
	/* The register's milestones are a timeline, its default type too. */
	bool milestones = spec->of && strncmp(spec->of, "reviews.milestones", 18) == 0;
	if (spec->type_given ? spec->type == CHART_TIMELINE : milestones) {
		chart_timeline(lo, b);
		return;
	}
	if (layout_has_gaps(lo)) {
		struct figure_ref ref;
		struct dataset *ds = NULL;
		if (spec->of &&
		    figure_resolve(lo->model, lo->arena, spec->of, &ref, NULL) == FIG_DATASET)
			ds = ref.dataset;
		size_t n_gaps;
		ds = layout_gap_dataset(lo, spec->of, ds, &n_gaps);
		if (ds && n_gaps) {
			struct vitem *box = gap_chart(lo, spec, ds);
			/* The annex keeps its place for the table, its gaps shown
			 * as every data table shows them. */
			if (annexed(lo, b)) {
				box->dest = arena_printf(lo->arena, "fig-%zu", lo->n_annexed + 1);
				struct chart_data gap = { .ds = ds, .sort = SORT_NONE };
				gap.title = spec->title ? spec->title : ds->title ? ds->title : "";
				size_t n = annex_add(lo, &gap);
				layout_push_space(lo, lo->style->text[STYLE_CAPTION].space_after_pt);
				link_line(lo, "The figures of this chart: ", "table", n,
					  arena_printf(lo->arena, "annex-%zu", n));
			}
			return;
		}
	}
	struct chart_data *cd = chart_data_new(lo, spec);
	if (!cd)
		return;
	double width = style_text_width_pt(lo->style);
	struct chart_canvas *canvas = draw_chart(lo, cd, width);


	const struct style_text *cap = &lo->style->text[STYLE_CAPTION];
	layout_push_space(lo, cap->space_before_pt);
	struct dl_struct_attrs attrs = { 0 };
	attrs.alt = alt_text(lo, spec, cd);
	layout_push_open(lo, DL_FIGURE, &attrs);
	/* Above the chart, in one Caption: the headline (what it shows, in
	 * the body's size), the title, and where the style asks for it the
	 * summary of the figures as a subtitle. */
	const char *sub = lo->style->chart.summary_subtitle ? summary(lo, cd) : NULL;
	/* The subtitle and the source in the caption's face without its bold,
	 * so that the title stands out. */
	enum font_face plain = (enum font_face)(cap->face & ~FACE_BOLD);
	const char *headline = spec->headline ? layout_collapse(lo, spec->headline) : "";
	/* The chart's top is where the annex links back to. */
	bool annex_first = spec->table == CHART_TABLE_ANNEX ||
			   (spec->table == CHART_TABLE_YES && lo->style->chart.table_annex);
	const char *fig_dest = annex_first
				       ? arena_printf(lo->arena, "fig-%zu", lo->n_annexed + 1) : NULL;
	if (*headline || *cd->title || sub) {
		layout_push_open(lo, DL_CAPTION, NULL);
		struct vitem *first = NULL;
		if (*headline) {
			enum font_face face = lo->style->text[STYLE_BODY].face | FACE_BOLD;
			first = push_text(lo, headline, STYLE_BODY, face, width);
			layout_push_space(lo, cap->space_after_pt);
		}
		if (*cd->title) {
			struct vitem *it = push_text(lo, cd->title, STYLE_CAPTION,
						     (enum font_face)(cap->face | FACE_BOLD), width);
			first = first ? first : it;
		}
		if (sub) {
			struct vitem *it = push_text(lo, sub, STYLE_CAPTION, plain, width);
			first = first ? first : it;
		}
		first->dest = fig_dest;
		layout_push_close(lo);
		layout_push_space(lo, cap->space_after_pt);
	}
	/* The source under the chart, and a table of the chart's figures,
	 * stay with it. A table in the annex leaves a link to it instead. */
	bool annex = spec->table == CHART_TABLE_ANNEX ||
		     (spec->table == CHART_TABLE_YES && lo->style->chart.table_annex);
	bool beneath = spec->table == CHART_TABLE_YES && !annex;
	size_t n = annex ? annex_add(lo, cd) : 0;
	const char *source = spec->source ? layout_collapse(lo, spec->source) : "";
	struct vitem *box = layout_push_box(lo, canvas->height_pt, draw_canvas, canvas, 0);
	box->keep_with_next = beneath || annex || *source;
	if (annex && !*headline && !*cd->title && !sub)
		box->dest = fig_dest;
	if (*source) {
		layout_push_space(lo, cap->space_after_pt);
		layout_push_open(lo, DL_CAPTION, NULL);
		push_text(lo, arena_printf(lo->arena, "Source: %s", source), STYLE_CAPTION, plain,
			  width)->keep_with_next = beneath || annex;
		layout_push_close(lo);
	}
	layout_push_close(lo);
	if (beneath) {
		layout_push_space(lo, cap->space_after_pt);
		layout_dataset_table(lo, cd->ds, NULL, cd->title, cd->sort);
	}
	if (annex) {
		layout_push_space(lo, cap->space_after_pt);
		link_line(lo, "The figures of this chart: ", "table", n,
			  arena_printf(lo->arena, "annex-%zu", n));
	}
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
}

/* ---- the "Data tables" annex --------------------------------------------- */

struct chart_annexed {
	const struct dataset *ds;
	const char *title;
	enum sort_order sort;
};

/* Records a chart whose table goes to the annex; returns its number. */
static size_t annex_add(struct layout *lo, const struct chart_data *cd)
{
	lo->annexed = arena_grow(lo->arena, lo->annexed, &lo->cap_annexed, lo->n_annexed,
				 sizeof *lo->annexed);
	struct chart_annexed *a = &lo->annexed[lo->n_annexed++];
	a->ds = cd->ds;
	a->title = *cd->title ? cd->title : cd->ds->path;
	a->sort = cd->sort;
	return lo->n_annexed;
}

/* A paragraph: text, then a link to destination dest, "<what> on page N"
 * (the page the previous pass found; "00" holds its place in the first). */
static void link_line(struct layout *lo, const char *text, const char *what, size_t n,
		      const char *dest)
{
	(void)n;
	int page = layout_dest_page(lo, dest);
	struct inline_node *lead = arena_alloc(lo->arena, sizeof *lead);
	struct inline_node *link = arena_alloc(lo->arena, sizeof *link);
	struct inline_node *words = arena_alloc(lo->arena, sizeof *words);
	lead->kind = IN_TEXT;
	lead->text = text;
	lead->next = link;
	link->kind = IN_LINK;
	link->target = arena_printf(lo->arena, "#%s", dest);
	link->children = words;
	words->kind = IN_TEXT;
	words->text = page > 0 ? arena_printf(lo->arena, "%s on page %d", what, page)
			       : arena_printf(lo->arena, "%s on page 00", what);
	struct text_block *tb = layout_set_inlines(lo, lead, STYLE_CAPTION,
						   style_text_width_pt(lo->style), ALIGN_LEFT);
	layout_push_open(lo, DL_P, NULL);
	layout_push_lines(lo, tb, true);
	layout_push_close(lo);
}

/* Whether a chart puts its table in the annex. */
static bool annexed(const struct layout *lo, const struct block *b)
{
	const struct chart *c = &b->u.chart;
	return c->table == CHART_TABLE_ANNEX ||
	       (c->table == CHART_TABLE_YES && lo->style->chart.table_annex);
}

static bool find_annexed(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct layout *lo = w->ctx;
	if (ev == MODEL_ENTER && b->kind == BLK_CHART && annexed(lo, b))
		lo->annex_wanted = true;
	return true;
}

static const char ANNEX_ID[] = ":data-tables";

const struct section *layout_chart_annex_section(struct layout *lo)
{
	lo->annex_wanted = false;
	model_walk_blocks(lo->model, lo->model->report.body,
			  &(struct model_visitor){ .block = find_annexed }, lo);
	if (!lo->annex_wanted)
		return NULL;
	struct section *s = arena_alloc(lo->arena, sizeof *s);
	s->id = ANNEX_ID;
	s->title = "Data tables";
	s->level = 1;
	return s;
}

static void draw_line(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	layout_draw_text(lo, it->data, it->index, 1, x_pt, top_pt);
}

/* A heading of the annex: its lines kept together and with what follows,
 * a destination at its top and an entry in the outline. */
static void annex_heading(struct layout *lo, const char *title, enum style_role role,
			  enum dl_struct_type type, int level, const char *dest)
{
	const struct style_text *t = &lo->style->text[role];
	struct text_block *tb = layout_set_text(lo, title, role, t->face,
						style_text_width_pt(lo->style), ALIGN_DEFAULT);
	dl_add_outline(lo->dl, level, layout_collapse(lo, title), dest);
	layout_push_space(lo, t->space_before_pt);
	layout_push_open(lo, type, NULL);
	for (size_t i = 0; i < tb->n_lines; i++) {
		struct vitem *it = layout_push_box(lo, layout_line_height(tb, i), draw_line, tb, i);
		it->keep_with_next = true;
		if (i == 0)
			it->dest = dest;
	}
	layout_push_close(lo);
	layout_push_space(lo, t->space_after_pt);
}

void layout_chart_annex(struct layout *lo)
{
	if (lo->n_annexed == 0)
		return;
	layout_push_page_break(lo);
	layout_push_open(lo, DL_SECT, NULL);
	annex_heading(lo, "Data tables", STYLE_H1, DL_H1, 1,
		      arena_printf(lo->arena, "sec-%s", ANNEX_ID));
	for (size_t i = 0; i < lo->n_annexed; i++) {
		const struct chart_annexed *a = &lo->annexed[i];
		layout_push_open(lo, DL_SECT, NULL);
		annex_heading(lo, a->title, STYLE_H2, DL_H2, 2,
			      arena_printf(lo->arena, "annex-%zu", i + 1));
		link_line(lo, "The chart of these figures: ", "chart", i + 1,
			  arena_printf(lo->arena, "fig-%zu", i + 1));
		layout_push_space(lo, lo->style->text[STYLE_CAPTION].space_after_pt);
		layout_dataset_table(lo, a->ds, NULL, a->title, a->sort);
		layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
		layout_push_close(lo);
	}
	layout_push_close(lo);
	lo->n_annexed = 0;
}
