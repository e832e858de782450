/* check-refs.c - rule 9 (references to sections, figure paths, periods and
 * image files that must exist) and rule 10 (a chart type that can show its
 * dataset). */
#define _XOPEN_SOURCE 700

#include "check-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "figure.h"

enum {
	/* Edit-distance cells that the suggestions for unknown ids may cost in
	 * one check (some tens of milliseconds). */
	SUGGEST_BUDGET = 20 * 1000 * 1000,
	/* Figure paths that do not exist explained in full in one check. */
	MAX_EXPLAINED = 20,
};

struct refs {
	const struct model *m;
	struct diags *d;
	struct arena *scratch;
	const char **ids;        /* every section's and appendix's id, in document order … */
	struct srcpos *id_pos;   /* … and where each stands */
	size_t n_ids, cap_ids, cap_pos;
	const char **sorted_ids; /* the ids in strcmp order, for look-ups */
	size_t n_sorted;
	size_t id_bytes;         /* of all ids, with their terminators */
	size_t suggest_budget;   /* edit-distance work "did you mean" may still do */
	size_t n_explained;      /* wrong figure paths explained so far */
	const struct model *assumed; /* m with its figures to enter taken as 0, once made */
};

/* ---- ids ------------------------------------------------------------------ */

static void collect_id(struct refs *r, const struct block *b)
{
	const struct section *s = &b->u.section;
	if (!s->id)
		return;
	xgrow(&r->ids, &r->cap_ids, r->n_ids, sizeof *r->ids);
	xgrow(&r->id_pos, &r->cap_pos, r->n_ids, sizeof *r->id_pos);
	r->ids[r->n_ids] = s->id;
	r->id_pos[r->n_ids++] = b->pos;
	r->id_bytes += strlen(s->id) + 1;
}

/* Duplicate ids are reported with the references (rule 9) rather than the
 * schema (rule 1): a repeated id leaves every `ref to` and `comment on` that
 * names it pointing at two places. The repeat is reported, naming the
 * line of the first. */
static void check_duplicate_ids(struct refs *r)
{
	size_t *first = check_first_repeats(r->ids, r->n_ids);
	for (size_t i = 1; i < r->n_ids; i++) {
		if (first[i] == SIZE_MAX)
			continue;
		diag_error(r->d, r->id_pos[i], 9,
			   "id \"%s\" is used twice (first at line %u); every id in report.xml "
			   "names one section or appendix: rename one",
			   r->ids[i], (unsigned)r->id_pos[first[i]].line);
	}
	free(first);
}

/* The same for breakdowns, among those of one parent: `lado.category`
 * must name one breakdown. */
static void check_breakdown_ids(struct refs *r, const struct breakdown *bds, size_t n,
				const char *parent)
{
	const char **ids = xmalloc((n ? n : 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = bds[i].id;
	size_t *first = check_first_repeats(ids, n);
	for (size_t i = 1; i < n; i++) {
		if (first[i] == SIZE_MAX)
			continue;
		diag_error(r->d, bds[i].pos, 9,
			   "breakdown id \"%s\" is used twice in %s (first at line %u); the "
			   "path %s.%s must name one breakdown: rename one",
			   bds[i].id, parent, (unsigned)bds[first[i]].pos.line, parent, bds[i].id);
	}
	free(first);
	free(ids);
}

/* `ref to` and `comment on`: the id of a section or appendix, with the
 * nearest id suggested when one is close enough to be a slip. */
static void check_target(struct refs *r, struct srcpos pos, const char *attr, const char *id)
{
	if (!id || !r->m->report.head.loaded || check_sorted_has(r->sorted_ids, r->n_sorted, id))
		return;
	/* Each suggestion costs an edit distance against every id: within a
	 * budget, so that thousands of unknown ids among thousands of sections
	 * (or two very long ones) cannot take hours; past it, no suggestion. */
	size_t dist = SIZE_MAX, best = r->n_ids;
	size_t cost = (strlen(id) + 1) * (r->id_bytes + r->n_ids);
	if (cost <= r->suggest_budget) {
		r->suggest_budget -= cost;
		best = check_nearest(id, r->ids, r->n_ids, &dist);
	}
	if (best < r->n_ids && check_is_slip(id, dist))
		diag_error(r->d, pos, 9,
			   "%s=\"%s\": report.xml has no section or appendix with that id; did you "
			   "mean \"%s\"?",
			   attr, id, r->ids[best]);
	else
		diag_error(r->d, pos, 9,
			   "%s=\"%s\": report.xml has no section or appendix with that id; use the "
			   "id of one",
			   attr, id);
}

/* ---- figures still to enter ----------------------------------------------- */

/* A placeholder "?" (a figure still to enter) or a malformed value has
 * been reported by the loader, once. A path that fails only for want of
 * such figures must not be reported again: it resolves in the model with
 * its gaps filled. */
static const struct model *assumed_model(struct refs *r)
{
	if (!r->assumed)
		r->assumed = model_gaps_filled(r->m, r->scratch);
	return r->assumed;
}

/* ---- figure paths --------------------------------------------------------- */

/* A path into a file that did not load is not looked up: the loader has
 * reported a broken file, and every path into it would fail again. A file
 * the folder does not have is no error until used (FORMAT.md, "A report
 * folder"): each use is reported here, in words a report's owner reads. */
static bool path_file_loaded(struct refs *r, struct srcpos pos, const char *elem,
			     const char *path)
{
	static const struct {
		const char *prefix;
		enum data_file file;
	} files[] = {
		{ "finance.", FILE_FINANCE },
		{ "lado.", FILE_LADO },
		{ "yjs.", FILE_YJS },
		{ "training.", FILE_TRAINING },
		{ "reviews.", FILE_REVIEWS },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		if (strncmp(path, files[i].prefix, strlen(files[i].prefix)) == 0) {
			const struct file_head *head = model_head(r->m, files[i].file);
			if (head->absent)
				diag_error(r->d, pos, 9,
					   "%s=\"%s\" needs %s, which this folder does not have; "
					   "add the file, or take this out",
					   elem, path, model_file_name(files[i].file));
			return head->loaded;
		}
	return true;
}

/* Resolves path for `elem` ("value of"), reporting a path that does not
 * exist. FIG_NONE also when the path was not looked up. */
static enum figure_kind resolve(struct refs *r, struct srcpos pos, const char *elem,
				const char *path, struct figure_ref *out)
{
	if (!path || !path_file_loaded(r, pos, elem, path))
		return FIG_NONE;
	/* Explaining a path that does not exist looks for the nearest names,
	 * which costs a pass over a dataset: thousands of wrong paths into a
	 * long breakdown get the short message past the first twenty. */
	const char *why = NULL;
	const char **want_why = r->n_explained < MAX_EXPLAINED ? &why : NULL;
	enum figure_kind kind = figure_resolve(r->m, r->scratch, path, out, want_why);
	if (kind != FIG_NONE)
		return kind;
	if (figure_resolve(assumed_model(r), r->scratch, path, NULL, NULL) != FIG_NONE)
		return FIG_NONE; /* it waits for figures to enter */
	if (why) {
		r->n_explained++;
		diag_error(r->d, pos, 9, "%s=\"%s\": %s", elem, path, why);
	} else {
		diag_error(r->d, pos, 9,
			   "%s=\"%s\" is not a figure path; the paths that exist are listed "
			   "under \"Figure paths\" in the reference (doc/reference.md)",
			   elem, path);
	}
	return FIG_NONE;
}

/* `value`, `change` and `kpi` print one figure: a dataset will not do. */
static bool want_figure(struct refs *r, struct srcpos pos, const char *elem, const char *path)
{
	struct figure_ref ref;
	enum figure_kind kind = resolve(r, pos, elem, path, &ref);
	if (kind != FIG_DATASET)
		return kind == FIG_SCALAR;
	const struct dataset *ds = ref.dataset;
	const char *example = "";
	if (ds && ds->breakdown && ds->n_rows && ds->row_labels[0])
		example = arena_printf(r->scratch, " (such as \"%s.%s\")", path, ds->row_labels[0]);
	diag_error(r->d, pos, 9,
		   "%s=\"%s\" names a dataset, not one figure; name one figure%s, or show the "
		   "dataset with <data-table> or <chart>",
		   elem, path, example);
	return false;
}

/* `chart` and `data-table` show a dataset: one figure will not do. */
static const struct dataset *want_dataset(struct refs *r, struct srcpos pos, const char *elem,
					  const char *path)
{
	struct figure_ref ref;
	enum figure_kind kind = resolve(r, pos, elem, path, &ref);
	if (kind == FIG_DATASET)
		return ref.dataset;
	if (kind == FIG_SCALAR)
		diag_error(r->d, pos, 9,
			   "%s=\"%s\" names one figure, not a dataset; name a dataset (a breakdown, "
			   "or a series such as \"lado.activity\"), or print the figure with "
			   "<value> or <kpi>",
			   elem, path);
	return NULL;
}

/* `change of from`: the path must have a value in the earlier period. */
static void check_change(struct refs *r, const struct inline_node *in)
{
	if (!want_figure(r, in->pos, "change of", in->target) || !in->from.first_year)
		return;
	struct figure f;
	if (figure_value_in(r->m, in->target, in->from, &f) ||
	    figure_value_in(assumed_model(r), in->target, in->from, &f))
		return;
	char s_from[8];
	period_format(in->from, s_from);
	size_t n = figure_periods(r->m, in->target, NULL, 0);
	struct period *periods = arena_array(r->scratch, n ? n : 1, sizeof *periods);
	figure_periods(r->m, in->target, periods, n);
	const char *list = "";
	for (size_t i = 0; i < n; i++) {
		char s[8];
		list = check_list_add(r->scratch, list, i, n, "and", period_format(periods[i], s));
	}
	if (n)
		diag_error(r->d, in->pos, 9,
			   "change from=\"%s\": %s has no value for %s (it has %s); use one of "
			   "those periods",
			   s_from, in->target, s_from, list);
	else
		diag_error(r->d, in->pos, 9,
			   "change from=\"%s\": %s has no value for %s, nor for any other period; "
			   "print it with <value> instead",
			   s_from, in->target, s_from);
}

/* ---- rule 10: chart types ----------------------------------------------- */

/* Which types can show a dataset (doc/reference.md rule 10). A line needs two
 * periods or more; stacked-bar-100 needs shares of a whole in each period,
 * which among the series only lado.timescales has. */
static bool type_fits(const struct dataset *ds, bool timescales, enum chart_type t)
{
	/* A timeline shows the review register's milestones, and only them. */
	bool milestones = ds->path && strncmp(ds->path, "reviews.milestones", 18) == 0;
	if (t == CHART_TIMELINE || milestones)
		return t == CHART_TIMELINE && milestones;
	switch (ds->kind) {
	case DS_PARTS:
		return t != CHART_LINE && t != CHART_GROUPED_BAR && t != CHART_STACKED_BAR;
	case DS_MEASURES:
		return t == CHART_BAR || t == CHART_HBAR;
	case DS_SERIES:
		return t == CHART_GROUPED_BAR || t == CHART_STACKED_BAR ||
		       (t == CHART_LINE && ds->n_rows >= 2) ||
		       (t == CHART_STACKED_BAR_100 && timescales);
	case DS_RECORDS:
		return false;
	}
	return false;
}

static void check_chart_type(struct refs *r, const struct block *b, const struct dataset *ds)
{
	const struct chart *c = &b->u.chart;
	if (!c->type_valid)
		return;
	bool timescales = strcmp(c->of, "lado.timescales") == 0;
	if (c->type_given && type_fits(ds, timescales, c->type))
		return;
	if (ds->path && strncmp(ds->path, "reviews.milestones", 18) == 0) {
		/* Without a type, the milestones are drawn as a timeline. */
		if (!c->type_given)
			return;
		diag_error(r->d, b->pos, 10, "chart of=\"%s\" is the review register's milestones, "
			   "which only a timeline shows; write type=\"timeline\"", c->of);
		return;
	}
	if (ds->kind == DS_RECORDS) {
		diag_error(r->d, b->pos, 10,
			   "chart of=\"%s\" is a table of records, which no chart can show; use "
			   "<data-table of=\"%s\"/> instead",
			   c->of, c->of);
		return;
	}
	/* Without a type the default of the dataset's kind always fits. */
	if (!c->type_given)
		return;

	/* The types that would fit, as "bar, hbar or pie". */
	enum chart_type fit[CHART_TYPE_COUNT];
	size_t n_fit = 0;
	for (int t = 0; t < CHART_TYPE_COUNT; t++)
		if (type_fits(ds, timescales, (enum chart_type)t))
			fit[n_fit++] = (enum chart_type)t;
	const char *fits = "";
	for (size_t i = 0; i < n_fit; i++)
		fits = check_list_add(r->scratch, fits, i, n_fit, "or", chart_type_name(fit[i]));

	if (ds->kind == DS_SERIES && c->type == CHART_LINE) {
		diag_error(r->d, b->pos, 10,
			   "chart type=\"line\" needs two periods or more, but %s has %s; use %s",
			   c->of, ds->n_rows ? "only one" : "none", fits);
		return;
	}
	const char *what = "";
	switch (ds->kind) {
	case DS_PARTS: what = "parts of a whole"; break;
	case DS_MEASURES: what = "independent measures, not parts of one whole"; break;
	case DS_SERIES:
		what = c->type == CHART_STACKED_BAR_100
			       ? "a series by period whose figures are not shares of a whole"
			       : "a series by period";
		break;
	case DS_RECORDS: break;
	}
	diag_error(r->d, b->pos, 10, "chart type=\"%s\" cannot show %s (%s); use %s",
		   chart_type_name(c->type), c->of, what, fits);
}

/* ---- images --------------------------------------------------------------- */

/* An image must be a PNG file inside the report folder that libpng decodes
 * completely, within reportc's size limits (image.h). The image set opens
 * and decodes each file once; build draws these same pixels. elem is
 * "figure src" or "logo src". */
static void check_image(struct refs *r, struct srcpos pos, const char *elem, const char *src)
{
	if (!src)
		return;
	const struct image *im = image_set_load(r->m->images, src);
	if (im->status != IMAGE_OK)
		diag_error(r->d, pos, image_rule(im), "%s=\"%s\"%s", elem, src,
			   image_problem(im, src, r->scratch));
}

/* ---- walking the narrative ------------------------------------------------ */

static bool visit_section(struct model_walk *w, const struct block *b, enum model_event ev)
{
	if (ev == MODEL_ENTER && b->kind == BLK_SECTION)
		collect_id(w->ctx, b);
	return true;
}

static bool visit_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	if (ev == MODEL_ENTER && b->kind == BLK_CHART) {
		const struct dataset *ds = want_dataset(w->ctx, b->pos, "chart of", b->u.chart.of);
		if (ds)
			check_chart_type(w->ctx, b, ds);
	}
	return true;
}

static void visit_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	if (ev == MODEL_ENTER && in->kind == IN_CHANGE)
		check_change(w->ctx, in);
}

static void visit_field(struct model_walk *w, enum model_field field, const char *text,
			struct srcpos pos)
{
	struct refs *r = w->ctx;
	switch (field) {
	case FIELD_REF_TO:
	case FIELD_COMMENT_ON:
		check_target(r, pos, model_field_name(field), text);
		break;
	case FIELD_VALUE_OF:
	case FIELD_KPI_OF:
		want_figure(r, pos, model_field_name(field), text);
		break;
	case FIELD_DATA_TABLE_OF:
		want_dataset(r, pos, model_field_name(field), text);
		break;
	case FIELD_FIGURE_SRC:
	case FIELD_LOGO_SRC:
		check_image(r, pos, model_field_name(field), text);
		break;
	default:
		break;
	}
}

void check_refs(const struct model *m, struct diags *d, struct arena *scratch)
{
	struct refs r = { .m = m, .d = d, .scratch = scratch, .suggest_budget = SUGGEST_BUDGET };
	model_walk_blocks(m, m->report.body, &(struct model_visitor){ .block = visit_section }, &r);
	r.sorted_ids = check_sorted_copy(r.ids, r.n_ids, &r.n_sorted);

	check_duplicate_ids(&r);
	check_breakdown_ids(&r, m->lado.breakdowns, m->lado.n_breakdowns, "lado");
	check_breakdown_ids(&r, m->yjs.offences.breakdowns, m->yjs.offences.n_breakdowns,
			    "yjs.offences");
	check_breakdown_ids(&r, m->yjs.incidents.breakdowns, m->yjs.incidents.n_breakdowns,
			    "yjs.incidents");

	/* The scrutineer's text may refer to sections and figures too. */
	model_walk(m, &(struct model_visitor){ visit_block, visit_inline, visit_field }, &r);

	free(r.sorted_ids);
	free(r.ids);
	free(r.id_pos);
}
