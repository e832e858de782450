/* check.h - the rules of doc/reference.md "What is checked", run on a loaded model.
 *
 * Rule 1 (well-formedness, schema, encoding) and rule 11 (malformed
 * values) are found while loading (load-xml.c, load-value.c); everything
 * else is here, one file per family: check-breakdown.c (rules 3-6),
 * check-totals.c (7), check-lado.c (8), check-refs.c (9, 10),
 * check-texts.c (rule 1 for text fields), check-warnings.c (warnings 1-6),
 * check-prose.c (12, warnings 7 and 8: the arithmetic of the prose, see
 * prose.h), check.c (rule 2 and the driver), with what they share in
 * check-util.c; check-glyphs.c checks the text against a style's fonts. */
#ifndef REPORTC_CHECK_H
#define REPORTC_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

/* Runs every rule over the model, adding findings to d. */
void check_model(const struct model *m, struct diags *d);

struct font_family;

/* Reports every character of the model's printed text that the fonts
 * cannot show as an error at the element holding it (one per element and
 * character), checked against all four faces: emphasis may put any text
 * in any face. The findings carry rule number 0, the project's own. */
void check_glyphs(const struct model *m, const struct font_family *fonts, struct diags *d);

/* Rule 5's allowed gap: half a unit in the last written decimal of each
 * value, summed, in thousandths of a percent (45, 17, 10, 6.5, 21 → 2050). */
int64_t check_rounding_gap_thousandths(const struct decimal *values, size_t n);

/* Rule 6: is percent p (at its written precision) k/base of a whole for
 * some whole k in 0..base? When not, *below and *above get the nearest
 * whole numbers either side (for "1 = 7.1% and 2 = 14.3%"). */
bool check_percent_reachable(struct decimal p, int64_t base, int64_t *below, int64_t *above);

#endif
