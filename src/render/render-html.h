/* render-html.h - the HTML edition: one self-contained HTML5 file from the
 * checked model, a peer of render-pdf.
 *
 * The writer walks the model (model_walk()) for the document's structure
 * and its authored words, prints figures with figure.c as layout does, and
 * takes from layout (layout_blocks()) what layout computes for a block: a
 * chart's geometry, caption and alternative text (drawn as inline SVG), a
 * data table's rows and notes, a draft's box for a chart still to enter.
 * Both editions thus say the same words and figures. */
#ifndef REPORTC_RENDER_HTML_H
#define REPORTC_RENDER_HTML_H

#include <stddef.h>

#include "diag.h"
#include "font.h"
#include "layout.h"
#include "model.h"
#include "render-pdf.h"
#include "style.h"

/* Writes the HTML edition of m into write(ctx, ...): the same bytes for
 * the same inputs (no clock, no randomness: a draft's stamp comes from
 * opts). opts is what the PDF's layout gets (draft, stamp, warnings).
 * Findings only layout can make go to d; the result is then 1 and nothing
 * was written. Returns 0, 1, or -1 with a one-line reason in err when the
 * sink failed. */
int render_html(const struct model *m, const struct style *style,
		const struct font_family *fonts, const struct layout_options *opts,
		struct diags *d, render_write_fn *write, void *ctx, char *err,
		size_t err_size);

#endif
