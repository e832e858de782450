/* vocab.h - the words of the data format that the reader (load/) and the
 * writer (init.c) share: element names of the narrative, enumerated
 * attribute values, and the markers of what is still to enter or write.
 *
 * A new element or value is named here once; the loader reads it by this
 * name, init writes it, and the checks recognise the markers. All strings
 * are literals. */
#ifndef REPORTC_VOCAB_H
#define REPORTC_VOCAB_H

#include <stdbool.h>

#include "model.h"

/* The value of a figure still to enter, in a count, percent or money
 * attribute: the loader reports it once (rule 11), init writes it. */
#define VOCAB_FIGURE_TO_ENTER "?"
/* How a placeholder paragraph, or a chart's alt text, still to write
 * begins: "[To write: Foreword — last year this section had …]". */
#define VOCAB_TEXT_TO_WRITE "[To write: "
/* A kpi value or a table cell still to enter, the whole text. */
#define VOCAB_TEXT_TO_ENTER "[to enter]"

/* Does s begin, after white space, with VOCAB_TEXT_TO_WRITE? */
bool vocab_is_to_write(const char *s);
/* Is s VOCAB_TEXT_TO_ENTER, white space aside? */
bool vocab_is_to_enter(const char *s);

/* The element of a block kind ("p", "data-table", "page-break"); a section
 * is "section" or, at the top of report.xml, "appendix". */
const char *vocab_block_name(enum block_kind kind);
const char *vocab_section_name(bool appendix);
/* The block kind of element name; false when it is not a block (a section
 * nested in a section is one; "appendix" and "contents" are not). */
bool vocab_block_kind(const char *name, enum block_kind *kind);

/* The element of inline content ("em", "a", "value"); NULL for IN_TEXT. */
const char *vocab_inline_name(enum inline_kind kind);
/* The inline kind of element name; false when it is not inline content. */
bool vocab_inline_kind(const char *name, enum inline_kind *kind);

/* `align` of a cell: the names of ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTRE in
 * that order (ALIGN_DEFAULT is written as no attribute). */
extern const char *const vocab_align_names[3];
/* `sort` of a chart, indexed by enum sort_order. */
extern const char *const vocab_sort_names[3];

#endif
