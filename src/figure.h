/* figure.h - figure paths (doc/reference.md "Figure paths"), their values and
 * datasets, and how figures print in UK style.
 *
 * Shared by the checks (rule 9, rule 10, warning 4), layout (value, change,
 * kpi, data-table, chart) and the tests. */
#ifndef REPORTC_FIGURE_H
#define REPORTC_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "model.h"

enum unit { UNIT_COUNT, UNIT_MONEY, UNIT_PERCENT };

/* One figure, exact: hundredths of a unit (pence for money). `decimals`
 * is the precision a percent prints with (as written in the data); counts
 * and money ignore it (money prints pence only when not whole). */
struct figure {
	enum unit unit;
	int64_t hundredths;
	int decimals;
};

/* The largest magnitude of a figure, in hundredths: fifteen digits and two
 * decimals, the most a value in the data may have (rule 11). check_model()
 * refuses any list of figures whose sum passes it ("too large", rule 11),
 * so that every figure and every sum that prints stays within it; a few
 * such sums (a row of a series) then stay far from int64's limit. */
#define FIGURE_MAX_HUNDREDTHS INT64_C(99999999999999999)

/* *sum += v, when the result stays within ±FIGURE_MAX_HUNDREDTHS; false,
 * and *sum unchanged, when it would not (never a wrapped value). */
bool figure_add(int64_t *sum, int64_t v);

enum figure_round { FIGURE_FLOOR, FIGURE_CEIL, FIGURE_NEAREST };

/* a × b / c (c > 0), rounded as asked (FIGURE_NEAREST: half away from
 * zero), computed without an intermediate overflow; a result beyond int64
 * saturates. Shares and percentages of figures go through it. */
int64_t figure_muldiv(int64_t a, int64_t b, int64_t c, enum figure_round round);

/* The four kinds of dataset, as in doc/reference.md rule 10. */
enum dataset_kind { DS_PARTS, DS_MEASURES, DS_SERIES, DS_RECORDS };

struct ds_column {
	const char *label;       /* "Referrals", "Under 1 month", "Mode" … */
	enum unit unit;          /* of its numbers */
	bool is_text;            /* a text column (records: the mode) */
	bool is_total;           /* computed from the others in its row (lado total) */
};

struct ds_cell {
	bool present;            /* false: no figure for this row (e.g. attendees) */
	bool gap;                /* a draft's: absent for want of figures still to enter */
	const char *text;        /* text columns */
	struct figure value;     /* number columns */
};

/* A table of figures: rows are categories, periods or records, columns are
 * the series. Valid until the arena it was resolved into is freed. */
struct dataset {
	enum dataset_kind kind;
	const char *path;
	const char *title;       /* a default title (the breakdown's), or NULL */
	const char *row_heading; /* heading of the label column */
	size_t n_rows, n_cols;
	const char **row_labels;
	struct ds_column *cols;
	struct ds_cell *cells;   /* row-major, n_rows * n_cols */
	/* For breakdowns: base, partial, `of` and each item's position. */
	const struct breakdown *breakdown;
	struct srcpos pos;       /* where the data is written */
};

static inline const struct ds_cell *dataset_cell(const struct dataset *ds, size_t row,
						 size_t col)
{
	return &ds->cells[row * ds->n_cols + col];
}

enum figure_kind { FIG_NONE, FIG_SCALAR, FIG_DATASET };

struct figure_ref {
	enum figure_kind kind;
	struct figure value;     /* FIG_SCALAR */
	struct dataset *dataset; /* FIG_DATASET, allocated in the arena given */
};

/* Resolves PATH for the report's own period. Returns FIG_NONE when the
 * path does not exist; then *why (when why is non-NULL) is set to a
 * sentence saying what is wrong and what exists instead (for example
 * "lado has no breakdown 'categry'; did you mean 'category'?"), allocated
 * in arena. */
enum figure_kind figure_resolve(const struct model *m, struct arena *arena, const char *path,
				struct figure_ref *out, const char **why);

/* Value of a scalar PATH in another PERIOD (activity years, `previous`
 * rows, timescale years). False when the data has no value there. */
bool figure_value_in(const struct model *m, const char *path, struct period period,
		     struct figure *out);

/* Periods for which PATH has a value, oldest first, into out (up to max);
 * returns how many there are. For messages: "lado.total has 2020-21 … ". */
size_t figure_periods(const struct model *m, const char *path, struct period *out, size_t max);

/* The remainder of a partial breakdown, which charts draw and tables list
 * as "Not itemised": 100% less the items, or the base less the counts.
 * False when it cannot be known (a figure missing, no base) or is nothing. */
bool dataset_remainder(const struct dataset *ds, struct figure *out);

/* Whether a category label is a catch-all ("Other", "Others", "Other
 * agencies"), which sorted charts and tables put last. */
bool dataset_label_is_other(const char *label);

/* The parts a pie of ds would have: present, non-negative figures of the
 * first column, and the remainder. */
size_t dataset_parts(const struct dataset *ds);

/* UK style: 16,930  £238,942  £1,250.50  −£1,200 (U+2212)  38%  6.5%.
 * Writes at most size bytes with the terminator; returns buf. */
char *figure_format(struct figure value, char *buf, size_t size);

/* Change from `from` to `to` in tenths of a percent, rounded half away
 * from zero. False when `from` is zero (no percentage exists). */
bool figure_change_tenths(struct figure from, struct figure to, int64_t *tenths);

/* "an increase of 12.5%", "a decrease of 3.7%", "no change"; from zero:
 * "an increase from 0 to 48". Returns buf. */
char *figure_format_change(struct figure from, struct figure to, char *buf, size_t size);

#endif
