/* chart-data.c - a chart's data made plain: the dataset resolved, the
 * remainder of a partial breakdown added, the sort applied, and shares of
 * the whole. */
#include "chart-private.h"

#include <stdint.h>
#include <string.h>

const char *chart_share(struct layout *lo, const struct chart_data *cd, size_t cat)
{
	struct figure v = cd->values[cat * cd->n_series];
	if (cd->unit == UNIT_PERCENT || !cd->has_whole || cd->whole.hundredths <= 0)
		return layout_format(lo, v);
	int64_t tenths = figure_muldiv(v.hundredths, 1000, cd->whole.hundredths, FIGURE_NEAREST);
	return layout_format(lo, (struct figure){ UNIT_PERCENT, tenths * 10, 1 });
}

/* Where a category goes whatever the values: the rest first, then a
 * catch-all "Other", then the computed remainder "Not itemised". */
static int rank(const struct chart_data *cd, size_t i)
{
	return cd->remainder[i] ? 2 : dataset_label_is_other(cd->cats[i]) ? 1 : 0;
}

/* Orders the categories of a one-series chart by value, keeping the
 * written order among equals, "Other" and the remainder last. */
static void sort_categories(struct chart_data *cd, enum sort_order sort)
{
	if (sort == SORT_NONE || cd->n_series != 1)
		return;
	for (size_t i = 1; i < cd->n_cats; i++) {
		const char *label = cd->cats[i];
		bool rem = cd->remainder[i], present = cd->present[i];
		struct figure v = cd->values[i];
		int rv = rank(cd, i);
		size_t j = i;
		for (; j > 0; j--) {
			const struct figure *u = &cd->values[j - 1];
			int ru = rank(cd, j - 1);
			bool before;
			if (rv != ru)
				before = rv < ru;
			else if (sort == SORT_DESC)
				before = u->hundredths < v.hundredths;
			else
				before = u->hundredths > v.hundredths;
			if (!before)
				break;
			cd->cats[j] = cd->cats[j - 1];
			cd->remainder[j] = cd->remainder[j - 1];
			cd->present[j] = cd->present[j - 1];
			cd->values[j] = cd->values[j - 1];
		}
		cd->cats[j] = label;
		cd->remainder[j] = rem;
		cd->present[j] = present;
		cd->values[j] = v;
	}
}

/* Categories that are numbers or ranges of them (ages "13", "14-15") have
 * an order of their own, which a sort by value would scramble. */
static bool ordinal(const struct chart_data *cd)
{
	size_t n = 0;
	for (size_t i = 0; i < cd->n_cats; i++) {
		if (cd->remainder[i])
			continue;
		if (!(cd->cats[i][0] >= '0' && cd->cats[i][0] <= '9'))
			return false;
		n++;
	}
	return n > 0;
}

enum chart_type chart_type_default(const struct dataset *ds)
{
	switch (ds->kind) {
	case DS_PARTS:
		/* A split in two reads best as one bar divided. */
		return dataset_parts(ds) == 2 ? CHART_STACKED_BAR_100 : CHART_HBAR;
	case DS_SERIES:
		/* Shares of each period's cases: one 100% bar a period. */
		return strcmp(ds->path, "lado.timescales") == 0 ? CHART_STACKED_BAR_100
								 : CHART_GROUPED_BAR;
	case DS_MEASURES:
	case DS_RECORDS:
	default:
		return CHART_HBAR;
	}
}

/* The type drawn: the one asked for, or the default of the dataset's
 * kind; a pie or donut of more than CHART_PIE_MAX_PARTS parts becomes
 * horizontal bars (check warns), and one of two parts a single bar. */
static enum chart_type drawn_type(const struct chart *spec, const struct dataset *ds)
{
	if (!spec->type_given)
		return chart_type_default(ds);
	if (spec->type == CHART_PIE || spec->type == CHART_DONUT) {
		size_t parts = dataset_parts(ds);
		if (parts > CHART_PIE_MAX_PARTS)
			return CHART_HBAR;
		if (parts == 2)
			return CHART_STACKED_BAR_100;
	}
	return spec->type;
}

struct chart_data *chart_data_new(struct layout *lo, const struct chart *spec)
{
	struct figure_ref ref;
	if (!spec->of || figure_resolve(lo->model, lo->arena, spec->of, &ref, NULL) != FIG_DATASET)
		return NULL;
	const struct dataset *ds = ref.dataset;
	if (ds->kind == DS_RECORDS || ds->n_cols == 0)
		return NULL;

	struct chart_data *cd = arena_alloc(lo->arena, sizeof *cd);
	cd->type = drawn_type(spec, ds);
	cd->ds = ds;
	cd->title = spec->title ? spec->title : ds->title ? ds->title : "";
	cd->unit = ds->cols[0].unit;
	struct figure rem;
	bool has_rem = dataset_remainder(ds, &rem);
	cd->n_cats = ds->n_rows + has_rem;
	cd->n_series = ds->n_cols;
	cd->cats = arena_array(lo->arena, cd->n_cats, sizeof *cd->cats);
	cd->remainder = arena_array(lo->arena, cd->n_cats, sizeof *cd->remainder);
	cd->series = arena_array(lo->arena, cd->n_series, sizeof *cd->series);
	cd->series_total = arena_array(lo->arena, cd->n_series, sizeof *cd->series_total);
	cd->values = arena_array(lo->arena, cd->n_cats * cd->n_series, sizeof *cd->values);
	cd->present = arena_array(lo->arena, cd->n_cats * cd->n_series, sizeof *cd->present);
	for (size_t s = 0; s < cd->n_series; s++) {
		const struct ds_column *col = &ds->cols[s];
		cd->series_total[s] = col->is_total;
		/* The published tables call the computed total "Total activity". */
		cd->series[s] = col->is_total && strcmp(col->label, "Total") == 0 &&
					strncmp(ds->path, "lado.", 5) == 0
				? "Total activity" : col->label;
	}
	for (size_t r = 0; r < ds->n_rows; r++) {
		cd->cats[r] = ds->row_labels[r];
		for (size_t s = 0; s < cd->n_series; s++) {
			const struct ds_cell *cell = dataset_cell(ds, r, s);
			/* Negative figures (a balance) have no bar: charts show
			 * parts and counts, never below zero. */
			bool ok = cell->present && !ds->cols[s].is_text &&
				  cell->value.hundredths >= 0;
			cd->present[r * cd->n_series + s] = ok;
			cd->values[r * cd->n_series + s] =
				ok ? cell->value : (struct figure){ cd->unit, 0, 0 };
		}
	}
	if (has_rem) {
		size_t r = ds->n_rows;
		cd->cats[r] = "Not itemised";
		cd->remainder[r] = true;
		cd->values[r * cd->n_series] = rem;
		cd->present[r * cd->n_series] = true;
	}

	/* The whole that shares are of: the base when the breakdown gives one,
	 * otherwise the sum of the parts (remainder included). */
	if (ds->kind == DS_PARTS && cd->n_series == 1) {
		int64_t sum = 0;
		for (size_t r = 0; r < cd->n_cats; r++)
			sum += cd->values[r].hundredths;
		cd->has_whole = true;
		cd->whole = (struct figure){ cd->unit, sum, 0 };
		const struct breakdown *bd = ds->breakdown;
		if (cd->unit != UNIT_PERCENT && bd && bd->base.present && bd->base.hundredths >= sum)
			cd->whole.hundredths = bd->base.hundredths;
	}
	/* Parts of a whole in bars, sorted largest first unless the data's
	 * order is asked for or is the order of the categories themselves;
	 * a pie turned into bars likewise. */
	cd->sort = spec->sort;
	bool bars = cd->type == CHART_BAR || cd->type == CHART_HBAR ||
		    cd->type == CHART_STACKED_BAR_100;
	if (!spec->sort_given && ds->kind == DS_PARTS && bars && !ordinal(cd))
		cd->sort = SORT_DESC;
	sort_categories(cd, cd->sort);
	return cd;
}

struct chart_data *chart_data_turn(struct layout *lo, const struct chart_data *cd,
				   const char *label)
{
	struct chart_data *t = arena_alloc(lo->arena, sizeof *t);
	*t = *cd;
	t->n_cats = 1;
	t->n_series = cd->n_cats;
	t->cats = arena_array(lo->arena, 1, sizeof *t->cats);
	t->cats[0] = label;
	t->remainder = arena_array(lo->arena, 1, sizeof *t->remainder);
	t->series = cd->cats;
	t->series_total = arena_array(lo->arena, t->n_series ? t->n_series : 1,
				      sizeof *t->series_total);
	t->series_remainder = cd->remainder;
	t->values = arena_array(lo->arena, t->n_series ? t->n_series : 1, sizeof *t->values);
	t->present = arena_array(lo->arena, t->n_series ? t->n_series : 1, sizeof *t->present);
	for (size_t r = 0; r < cd->n_cats; r++) {
		t->values[r] = cd->values[r * cd->n_series];
		t->present[r] = cd->present[r * cd->n_series];
	}
	return t;
}

struct chart_data *chart_data_series(struct layout *lo, const struct chart_data *cd, size_t s)
{
	struct chart_data *t = arena_alloc(lo->arena, sizeof *t);
	*t = *cd;
	t->n_series = 1;
	t->series = &cd->series[s];
	t->series_total = &cd->series_total[s];
	size_t n = cd->n_cats ? cd->n_cats : 1;
	t->values = arena_array(lo->arena, n, sizeof *t->values);
	t->present = arena_array(lo->arena, n, sizeof *t->present);
	for (size_t r = 0; r < cd->n_cats; r++) {
		t->values[r] = cd->values[r * cd->n_series + s];
		t->present[r] = cd->present[r * cd->n_series + s];
	}
	t->multiples = false;
	return t;
}

bool chart_data_apart(const struct chart_data *cd)
{
	if (cd->n_series < 2 || cd->ds->kind != DS_SERIES)
		return false;
	double lo = 0, hi = 0;
	bool any = false;
	for (size_t s = 0; s < cd->n_series; s++) {
		if (cd->series_total[s])
			continue;
		double m = 0;
		for (size_t r = 0; r < cd->n_cats; r++)
			if (chart_present(cd, r, s) && chart_value(cd, r, s) > m)
				m = chart_value(cd, r, s);
		if (m <= 0)
			continue;
		lo = any ? (m < lo ? m : lo) : m;
		hi = any ? (m > hi ? m : hi) : m;
		any = true;
	}
	return any && hi > CHART_APART_RATIO * lo;
}
