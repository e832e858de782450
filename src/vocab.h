/* vocab.h - the words of the data format that the reader (load/) and the
 * writer (init.c) share: element names of the narrative, element and
 * attribute names of the data files, enumerated attribute values, and the
 * markers of what is still to enter or write.
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

/* The element and attribute names of the data files (finance.xml,
 * lado.xml, yjs.xml, training.xml, scrutiny.xml): VOCAB_EL_ an element,
 * VOCAB_AT_ an attribute; a word that is both (income, item) has both.
 * Macros, so that static tables (load-value.c's keys) can hold them. A new
 * one goes in vocab_data_elements or vocab_data_attributes too, where the
 * unit test looks for it in schemas/. */
#define VOCAB_EL_FINANCE "finance"
#define VOCAB_EL_INCOME "income"
#define VOCAB_EL_CONTRIBUTION "contribution"
#define VOCAB_EL_EXPENDITURE "expenditure"
#define VOCAB_EL_COST "cost"
#define VOCAB_EL_RESERVES "reserves"
#define VOCAB_EL_TOTALS "totals"
#define VOCAB_EL_PREVIOUS "previous"
#define VOCAB_EL_LADO "lado"
#define VOCAB_EL_ACTIVITY "activity"
#define VOCAB_EL_YEAR "year"
#define VOCAB_EL_BREAKDOWN "breakdown"
#define VOCAB_EL_ITEM "item"
#define VOCAB_EL_TIMESCALES "timescales"
#define VOCAB_EL_YJS "yjs"
#define VOCAB_EL_OFFENCES "offences"
#define VOCAB_EL_INCIDENTS "incidents"
#define VOCAB_EL_COHORT "cohort"
#define VOCAB_EL_MEASURE "measure"
#define VOCAB_EL_TRAINING "training"
#define VOCAB_EL_COURSE "course"
#define VOCAB_EL_SCRUTINY "scrutiny"
#define VOCAB_EL_SCRUTINEER "scrutineer"
#define VOCAB_EL_COMMENT "comment"
#define VOCAB_EL_PERSPECTIVE "perspective"
#define VOCAB_EL_CONCLUSION "conclusion"
#define VOCAB_EL_STRENGTHS "strengths"
#define VOCAB_EL_DEVELOPMENT "development"
#define VOCAB_EL_SIGN_OFF "sign-off"
#define VOCAB_EL_REVIEWS "reviews"
#define VOCAB_EL_REVIEW "review"
#define VOCAB_EL_MILESTONE "milestone"
#define VOCAB_EL_LINK "link"
#define VOCAB_EL_THEME "theme"
#define VOCAB_EL_ACTION "action"

#define VOCAB_AT_VERSION "version"
#define VOCAB_AT_PERIOD "period"
#define VOCAB_AT_CURRENCY "currency"
#define VOCAB_AT_FROM "from"
#define VOCAB_AT_AMOUNT "amount"
#define VOCAB_AT_ITEM "item"
#define VOCAB_AT_OPENING "opening"
#define VOCAB_AT_INCOME "income"
#define VOCAB_AT_EXPENDITURE "expenditure"
#define VOCAB_AT_REFERRALS "referrals"
#define VOCAB_AT_CONTACTS "contacts"
#define VOCAB_AT_ID "id"
#define VOCAB_AT_TITLE "title"
#define VOCAB_AT_OF "of"
#define VOCAB_AT_BASE "base"
#define VOCAB_AT_PARTIAL "partial"
#define VOCAB_AT_LABEL "label"
#define VOCAB_AT_COUNT "count"
#define VOCAB_AT_PERCENT "percent"
#define VOCAB_AT_KIND "kind"
#define VOCAB_AT_TOTAL "total"
#define VOCAB_AT_CHILDREN "children"
#define VOCAB_AT_AS_OF "as-of"
#define VOCAB_AT_MODE "mode"
#define VOCAB_AT_SESSIONS "sessions"
#define VOCAB_AT_ATTENDEES "attendees"
#define VOCAB_AT_NAME "name"
#define VOCAB_AT_ROLE "role"
#define VOCAB_AT_ON "on"
#define VOCAB_AT_DATE "date"
#define VOCAB_AT_STATUS "status"
#define VOCAB_AT_EVENT "event"
#define VOCAB_AT_EXPECTED "expected"
#define VOCAB_AT_NOTE "note"
#define VOCAB_AT_OWNER "owner"
#define VOCAB_AT_YEAR "year"

/* The enumerated words of reviews.xml, indexed by their enums: kind
 * ("rapid-review", "lcspr", "scr", "national-review"), milestone event,
 * review status, action status, link kind. */
extern const char *const vocab_review_kinds[REVIEW_KIND_COUNT];
extern const char *const vocab_review_milestones[MS_COUNT];
extern const char *const vocab_review_statuses[REVIEW_STATUS_COUNT];
extern const char *const vocab_action_statuses[ACTION_STATUS_COUNT];
extern const char *const vocab_review_link_kinds[LINK_KIND_COUNT];

/* Every VOCAB_EL_ and VOCAB_AT_ name above, in that order, NULL-ended. */
extern const char *const vocab_data_elements[];
extern const char *const vocab_data_attributes[];

/* The element and attribute names of report.xml that are not blocks or
 * inline content (those are vocab_block_name and vocab_inline_name): its
 * root, <meta> and the parts of tables, KPIs and signatures. */
#define VOCAB_EL_REPORT "report"
#define VOCAB_EL_META "meta"
#define VOCAB_EL_PARTNERSHIP "partnership"
#define VOCAB_EL_TITLE "title"
#define VOCAB_EL_REPORTING_PERIOD "reporting-period"
#define VOCAB_EL_AUTHOR "author"
#define VOCAB_EL_VISION "vision"
#define VOCAB_EL_LOGO "logo"
#define VOCAB_EL_HEAD "head"
#define VOCAB_EL_ROW "row"
#define VOCAB_EL_CELL "cell"
#define VOCAB_EL_KPI "kpi"
#define VOCAB_EL_SIGNATORY "signatory"

#define VOCAB_AT_STYLE "style"
#define VOCAB_AT_LANG "lang"
#define VOCAB_AT_SHORT "short"
#define VOCAB_AT_START "start"
#define VOCAB_AT_END "end"
#define VOCAB_AT_SRC "src"
#define VOCAB_AT_ALT "alt"
#define VOCAB_AT_CAPTION "caption"
#define VOCAB_AT_SOURCE "source"
#define VOCAB_AT_COVERS "covers"
#define VOCAB_AT_ALIGN "align"
#define VOCAB_AT_TYPE "type"
#define VOCAB_AT_SORT "sort"
#define VOCAB_AT_TABLE "table"
#define VOCAB_AT_VALUE "value"
#define VOCAB_AT_HREF "href"
#define VOCAB_AT_TO "to"
#define VOCAB_AT_ORDERED "ordered"
#define VOCAB_AT_AS_WRITTEN "as-written"
#define VOCAB_AT_HEADLINE "headline"

/* Every VOCAB_EL_ and VOCAB_AT_ name of report.xml above, NULL-ended. */
extern const char *const vocab_report_elements[];
extern const char *const vocab_report_attributes[];

/* Attribute values the format fixes: the format's version, the two spellings
 * of a flag (`partial`, `ordered` are true/false; `table` is yes/no), the
 * one currency, and what an absent `style` and `lang` mean. */
#define VOCAB_FORMAT_VERSION "1"
#define VOCAB_TRUE "true"
#define VOCAB_FALSE "false"
#define VOCAB_YES "yes"
#define VOCAB_NO "no"
#define VOCAB_ANNEX "annex"
#define VOCAB_CURRENCY "GBP"
#define VOCAB_DEFAULT_STYLE "sefton"
#define VOCAB_DEFAULT_LANG "en-GB"

#endif
