/* layout-gaps.c - a draft's gaps where they are used: a figure still to
 * enter prints "[to enter: referrals 2024-25]", a table cell "[to enter]"
 * (both highlighted by the text setter), a chart whose figures are not all
 * there a box of the chart's size saying what is missing.
 *
 * A gap is found by resolving a path twice: in the model, and in the model
 * with its gaps filled (model_gaps_filled()). What exists only in the
 * second waits for figures still to enter. A final build never gets here:
 * it refuses while any gap remains. */
#include "layout-private.h"

#include <string.h>

bool layout_has_gaps(const struct layout *lo)
{
	return lo->filled != NULL;
}

/* "referrals 2024-25" for lado.referrals: the path without its file, in
 * words, and the report's year. */
static const char *subject(const struct model *m, struct arena *arena, const char *path)
{
	const char *dot = strchr(path, '.');
	char *words = arena_strdup(arena, dot ? dot + 1 : path);
	for (char *p = words; *p; p++)
		if (*p == '.' || *p == '-')
			*p = ' ';
	char year[8];
	period_format(m->report.head.period, year);
	return *year ? arena_printf(arena, "%s %s", words, year) : words;
}

const char *layout_gap_text(const struct model *m, const struct model *filled,
			    const char *path, struct arena *arena)
{
	if (!filled || !path || figure_resolve(filled, arena, path, NULL, NULL) == FIG_NONE)
		return NULL;
	return arena_printf(arena, "[to enter: %s]", subject(m, arena, path));
}

const char *layout_gap_figure(struct layout *lo, const char *path)
{
	return layout_gap_text(lo->model, lo->filled, path, lo->arena);
}

/* Marks the cells of ds that the filled model has and ds lacks. */
static size_t mark(struct dataset *ds, const struct dataset *filled)
{
	size_t n = 0;
	if (!filled || filled->n_rows != ds->n_rows || filled->n_cols != ds->n_cols)
		return 0;
	for (size_t i = 0; i < ds->n_rows * ds->n_cols; i++) {
		ds->cells[i].gap = !ds->cells[i].present && filled->cells[i].present;
		n += ds->cells[i].gap;
	}
	return n;
}

struct dataset *layout_gap_dataset(struct layout *lo, const char *path, struct dataset *ds,
				   size_t *n_gaps)
{
	*n_gaps = 0;
	if (!lo->filled || !path)
		return ds;
	struct figure_ref ref;
	if (figure_resolve(lo->filled, lo->arena, path, &ref, NULL) != FIG_DATASET)
		return ds;
	if (ds) {
		*n_gaps = mark(ds, ref.dataset);
		return ds;
	}
	/* Nothing without the gaps: every figure is one. */
	ds = ref.dataset;
	for (size_t i = 0; i < ds->n_rows * ds->n_cols; i++) {
		struct ds_cell *c = &ds->cells[i];
		bool number = !ds->cols[i % ds->n_cols].is_text;
		c->gap = number && c->present;
		c->present = c->present && !number;
		*n_gaps += c->gap;
	}
	return ds;
}

const char *layout_gap_list(struct layout *lo, const struct dataset *ds)
{
	enum { SHOWN = 6 };
	const char *list = "";
	size_t n = 0;
	for (size_t r = 0; r < ds->n_rows; r++)
		for (size_t c = 0; c < ds->n_cols; c++) {
			if (!dataset_cell(ds, r, c)->gap)
				continue;
			if (n++ >= SHOWN)
				continue;
			const char *what = ds->n_cols > 1 ? arena_printf(lo->arena, "%s %s",
									 ds->cols[c].label,
									 ds->row_labels[r])
							  : ds->row_labels[r];
			list = arena_printf(lo->arena, "%s%s%s", list, *list ? ", " : "", what);
		}
	if (n > SHOWN)
		list = arena_printf(lo->arena, "%s and %zu more", list, n - SHOWN);
	return list;
}
