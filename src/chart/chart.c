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

struct chart_title {
	const struct text_block *tb;
};

static void draw_title(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct chart_title *t = item->data;
	if (!lo->dl->in_artifact)
		dl_struct_open(lo->dl, DL_CAPTION, NULL);
	layout_draw_text(lo, t->tb, 0, t->tb->n_lines, x_pt, top_pt);
	if (!lo->dl->in_artifact)
		dl_struct_close(lo->dl);
}

static void draw_canvas(struct layout *lo, const struct vitem *item, double x_pt,
			double top_pt)
{
	chart_canvas_draw(lo, item->data, x_pt, top_pt);
}

static struct chart_canvas *draw_chart(struct layout *lo, struct chart_data *cd,
				       double width)
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
		return cd->n_series > 1 ? chart_draw_grouped(lo, cd, width)
					: chart_draw_bar(lo, cd, width);
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
static void gap_chart(struct layout *lo, const struct chart *spec, const struct dataset *ds)
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
	layout_push_box(lo, g->height_pt, draw_gap_box, g, 0);
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
}

void layout_chart(struct layout *lo, const struct block *b)
{
	const struct chart *spec = &b->u.chart;
	if (layout_has_gaps(lo)) {
		struct figure_ref ref;
		struct dataset *ds = NULL;
		if (spec->of &&
		    figure_resolve(lo->model, lo->arena, spec->of, &ref, NULL) == FIG_DATASET)
			ds = ref.dataset;
		size_t n_gaps;
		ds = layout_gap_dataset(lo, spec->of, ds, &n_gaps);
		if (ds && n_gaps) {
			gap_chart(lo, spec, ds);
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
	if (*cd->title) {
		struct chart_title *t = arena_alloc(lo->arena, sizeof *t);
		t->tb = layout_set_text(lo, cd->title, STYLE_CAPTION,
					(enum font_face)(cap->face | FACE_BOLD), width, ALIGN_LEFT);
		struct vitem *it = layout_push_box(lo, layout_text_height(t->tb), draw_title, t, 0);
		it->keep_with_next = true;
		layout_push_space(lo, cap->space_after_pt);
	}
	/* A table of the chart's figures stays with it. */
	layout_push_box(lo, canvas->height_pt, draw_canvas, canvas, 0)->keep_with_next =
		spec->with_table;
	layout_push_close(lo);
	if (spec->with_table) {
		layout_push_space(lo, cap->space_after_pt);
		layout_dataset_table(lo, cd->ds, NULL, cd->title, cd->sort);
	}
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
}
