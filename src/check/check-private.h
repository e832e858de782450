/* check-private.h - what the check-*.c files share; not for other modules.
 *
 * Each family of rules is one function over the whole model that adds its
 * findings to d. Values the loader could not read arrive with present ==
 * false and have been reported already: every rule skips them silently. */
#ifndef REPORTC_CHECK_PRIVATE_H
#define REPORTC_CHECK_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "model.h"

/* Rules 3 to 6 on every breakdown of lado.xml and yjs.xml. */
void check_breakdowns(const struct model *m, struct diags *d);
/* Rule 7: written totals against their parts. */
void check_totals(const struct model *m, struct diags *d);
/* Rule 11 for sums: no list of figures adds up past the largest figure. */
void check_magnitudes(const struct model *m, struct diags *d, struct arena *scratch);
/* Rule 8: lado activity years and timescales. scratch (here and below)
 * holds message parts and resolved datasets; the caller frees it. */
void check_lado(const struct model *m, struct diags *d, struct arena *scratch);
/* Rules 9 and 10: references, figure paths, images, chart types. */
void check_refs(const struct model *m, struct diags *d, struct arena *scratch);
/* Rule 1 for every text field: a section title not blank, no title or
 * address longer than a PDF string. */
void check_texts(const struct model *m, struct diags *d);
/* Single records the schemas cannot judge: table rows, kpis, links,
 * blank names, courses per mode, previous years, the reporting period. */
void check_records(const struct model *m, struct diags *d, struct arena *scratch);
/* Rule 12 and warnings 7 and 8: the arithmetic of the prose, figures
 * typed that the data holds, and `as-written` (check-prose.c). */
void check_prose(const struct model *m, struct diags *d, struct arena *scratch);
/* Rule 13 and warnings 10 and 11: the register of case reviews
 * (check-reviews.c). */
void check_reviews(const struct model *m, struct diags *d, struct arena *scratch);
/* Warnings 1 to 6. */
void check_warnings(const struct model *m, struct diags *d, struct arena *scratch);

/* ---- shared by the rules (check-util.c) -------------------------------- */

/* A value as it was written ("238900", "1250.50", "6.5"), rebuilt from its
 * hundredths and written decimals, into buf. Returns buf. */
const char *check_written(struct decimal v, char *buf, size_t size);
/* A count or money figure in UK style (unit UNIT_COUNT or UNIT_MONEY, see
 * figure.h) from hundredths. Returns buf. */
const char *check_count(int64_t hundredths, char *buf, size_t size);
const char *check_money(int64_t pence, char *buf, size_t size);
/* A percentage with `decimals` decimals ("111.1%"). Returns buf. */
const char *check_percent(int64_t hundredths, int decimals, char *buf, size_t size);
/* Thousandths (of a percent: rule 5's gap) as a short decimal without
 * trailing zeros: 2050 → "2.05", 300 → "0.3", 2000 → "2". Returns buf. */
const char *check_thousandths(int64_t thousandths, char *buf, size_t size);

/* list with item added as the i-th (0-based) of n, in arena: "a", then
 * "a, b", then "a, b and c" (conj is "and" or "or"). */
const char *check_list_add(struct arena *arena, const char *list, size_t i, size_t n,
			   const char *conj, const char *item);

/* ---- breakdowns, for the other rules (check-breakdown.c) --------------- */

/* What a breakdown counts, for messages: its `of`, or "items". */
const char *check_of_word(const struct breakdown *b);
/* The measure all items of b use: COUNT or PERCENT, NONE when it has no
 * items, MIXED when rule 3 fails (worked out from the items, so that a
 * loader's summary cannot disagree with them). */
enum measure check_measure(const struct breakdown *b);
/* Sum of the items' values in hundredths; false when some item's value
 * could not be read, or the sum is too large (rule 11), so no sum can be
 * trusted. */
bool check_sum_items(const struct breakdown *b, int64_t *sum);

/* ---- shared by the rules (check-util.c) -------------------------------- */

/* Index of the string in list nearest to word by edit distance (on a tie,
 * the one sharing the longest beginning with word, then the first), its
 * distance in *dist; n when the list is empty. */
size_t check_nearest(const char *word, const char *const *list, size_t n, size_t *dist);
/* Is a distance small enough, for word, to be a slip of the keyboard
 * worth a "did you mean"? */
bool check_is_slip(const char *word, size_t dist);

/* For each of the n keys, the index of the first earlier key equal to it
 * (strcmp), or SIZE_MAX for a first occurrence or a NULL key. Sorts, so
 * that thousands of ids or labels cost n log n comparisons rather than
 * n²/2. Caller frees. */
size_t *check_first_repeats(const char *const *keys, size_t n);
/* Whether sorted (n strings in strcmp order) holds key. */
bool check_sorted_has(const char *const *sorted, size_t n, const char *key);
/* A copy of the n strings (NULLs left out) in strcmp order, its length in
 * *out_n. Caller frees the array (not the strings). */
const char **check_sorted_copy(const char *const *keys, size_t n, size_t *out_n);

/* Is the file loaded? Figures from a file that is missing or broken are
 * not checked again: the loader has said what is wrong with it. */
bool check_file_loaded(const struct model *m, enum data_file file);

#endif
