/* vocab.c - the format's words, shared by the reader and the writer. */
#include "vocab.h"

#include <ctype.h>
#include <string.h>

static const char *const block_names[] = {
	[BLK_P] = "p",
	[BLK_LIST] = "list",
	[BLK_QUOTE] = "quote",
	[BLK_CALLOUT] = "callout",
	[BLK_SIGNATURES] = "signatures",
	[BLK_FIGURE] = "figure",
	[BLK_TABLE] = "table",
	[BLK_DATA_TABLE] = "data-table",
	[BLK_CHART] = "chart",
	[BLK_KPIS] = "kpis",
	[BLK_PAGE_BREAK] = "page-break",
	[BLK_SCRUTINY_PERSPECTIVE] = "scrutiny-perspective",
	[BLK_SCRUTINY_CONCLUSION] = "scrutiny-conclusion",
	[BLK_SECTION] = "section",
	[BLK_CONTENTS] = "contents",
};
enum { N_BLOCKS = sizeof block_names / sizeof block_names[0] };
_Static_assert(N_BLOCKS == BLK_CONTENTS + 1, "a block kind without an element name");

static const char *const inline_names[] = {
	[IN_TEXT] = NULL,
	[IN_EM] = "em",
	[IN_STRONG] = "strong",
	[IN_LINK] = "a",
	[IN_REF] = "ref",
	[IN_VALUE] = "value",
	[IN_CHANGE] = "change",
	[IN_NOTE] = "note",
};
enum { N_INLINES = sizeof inline_names / sizeof inline_names[0] };
_Static_assert(N_INLINES == IN_NOTE + 1, "an inline kind without an element name");

const char *const vocab_align_names[3] = { "left", "right", "centre" };
const char *const vocab_sort_names[3] = { [SORT_NONE] = "none", [SORT_DESC] = "desc",
					  [SORT_ASC] = "asc" };

const char *const vocab_review_kinds[REVIEW_KIND_COUNT] = {
	"rapid-review", "lcspr", "scr", "national-review",
};
const char *const vocab_review_milestones[MS_COUNT] = {
	"notified", "rapid-review", "rapid-review-to-panel", "decision", "author-appointed",
	"report-to-partnership", "report-to-panel", "published",
};
const char *const vocab_review_statuses[REVIEW_STATUS_COUNT] = { "in-progress", "complete" };
const char *const vocab_action_statuses[ACTION_STATUS_COUNT] = {
	"open", "in-progress", "complete",
};
const char *const vocab_review_link_kinds[LINK_KIND_COUNT] = { "report", "briefing" };

const char *const vocab_data_elements[] = {
	VOCAB_EL_FINANCE,
	VOCAB_EL_INCOME,
	VOCAB_EL_CONTRIBUTION,
	VOCAB_EL_EXPENDITURE,
	VOCAB_EL_COST,
	VOCAB_EL_RESERVES,
	VOCAB_EL_TOTALS,
	VOCAB_EL_PREVIOUS,
	VOCAB_EL_LADO,
	VOCAB_EL_ACTIVITY,
	VOCAB_EL_YEAR,
	VOCAB_EL_BREAKDOWN,
	VOCAB_EL_ITEM,
	VOCAB_EL_TIMESCALES,
	VOCAB_EL_YJS,
	VOCAB_EL_OFFENCES,
	VOCAB_EL_INCIDENTS,
	VOCAB_EL_COHORT,
	VOCAB_EL_MEASURE,
	VOCAB_EL_TRAINING,
	VOCAB_EL_COURSE,
	VOCAB_EL_SCRUTINY,
	VOCAB_EL_SCRUTINEER,
	VOCAB_EL_COMMENT,
	VOCAB_EL_PERSPECTIVE,
	VOCAB_EL_CONCLUSION,
	VOCAB_EL_STRENGTHS,
	VOCAB_EL_DEVELOPMENT,
	VOCAB_EL_SIGN_OFF,
	VOCAB_EL_REVIEWS,
	VOCAB_EL_REVIEW,
	VOCAB_EL_MILESTONE,
	VOCAB_EL_LINK,
	VOCAB_EL_THEME,
	VOCAB_EL_ACTION,
	NULL,
};
const char *const vocab_data_attributes[] = {
	VOCAB_AT_VERSION,
	VOCAB_AT_PERIOD,
	VOCAB_AT_CURRENCY,
	VOCAB_AT_FROM,
	VOCAB_AT_AMOUNT,
	VOCAB_AT_ITEM,
	VOCAB_AT_OPENING,
	VOCAB_AT_INCOME,
	VOCAB_AT_EXPENDITURE,
	VOCAB_AT_REFERRALS,
	VOCAB_AT_CONTACTS,
	VOCAB_AT_ID,
	VOCAB_AT_TITLE,
	VOCAB_AT_OF,
	VOCAB_AT_BASE,
	VOCAB_AT_PARTIAL,
	VOCAB_AT_LABEL,
	VOCAB_AT_COUNT,
	VOCAB_AT_PERCENT,
	VOCAB_AT_KIND,
	VOCAB_AT_TOTAL,
	VOCAB_AT_CHILDREN,
	VOCAB_AT_AS_OF,
	VOCAB_AT_MODE,
	VOCAB_AT_SESSIONS,
	VOCAB_AT_ATTENDEES,
	VOCAB_AT_NAME,
	VOCAB_AT_ROLE,
	VOCAB_AT_ON,
	VOCAB_AT_DATE,
	VOCAB_AT_STATUS,
	VOCAB_AT_EVENT,
	VOCAB_AT_EXPECTED,
	VOCAB_AT_NOTE,
	VOCAB_AT_HREF,
	VOCAB_AT_OWNER,
	VOCAB_AT_YEAR,
	NULL,
};

const char *const vocab_report_elements[] = {
	VOCAB_EL_REPORT,
	VOCAB_EL_META,
	VOCAB_EL_PARTNERSHIP,
	VOCAB_EL_TITLE,
	VOCAB_EL_REPORTING_PERIOD,
	VOCAB_EL_AUTHOR,
	VOCAB_EL_VISION,
	VOCAB_EL_LOGO,
	VOCAB_EL_HEAD,
	VOCAB_EL_ROW,
	VOCAB_EL_CELL,
	VOCAB_EL_KPI,
	VOCAB_EL_SIGNATORY,
	NULL,
};

const char *const vocab_report_attributes[] = {
	VOCAB_AT_STYLE,
	VOCAB_AT_LANG,
	VOCAB_AT_SHORT,
	VOCAB_AT_START,
	VOCAB_AT_END,
	VOCAB_AT_SRC,
	VOCAB_AT_ALT,
	VOCAB_AT_CAPTION,
	VOCAB_AT_SOURCE,
	VOCAB_AT_COVERS,
	VOCAB_AT_ALIGN,
	VOCAB_AT_TYPE,
	VOCAB_AT_SORT,
	VOCAB_AT_TABLE,
	VOCAB_AT_VALUE,
	VOCAB_AT_HREF,
	VOCAB_AT_TO,
	VOCAB_AT_ORDERED,
	VOCAB_AT_AS_WRITTEN,
	VOCAB_AT_HEADLINE,
	NULL,
};

bool vocab_is_to_write(const char *s)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	return strncmp(s, VOCAB_TEXT_TO_WRITE, strlen(VOCAB_TEXT_TO_WRITE)) == 0;
}

bool vocab_is_to_enter(const char *s)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(VOCAB_TEXT_TO_ENTER);
	if (strncmp(s, VOCAB_TEXT_TO_ENTER, len) != 0)
		return false;
	for (s += len; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

const char *vocab_block_name(enum block_kind kind)
{
	return block_names[kind];
}

const char *vocab_section_name(bool appendix)
{
	return appendix ? "appendix" : "section";
}

bool vocab_block_kind(const char *name, enum block_kind *kind)
{
	/* <contents/> stands only at the top of report.xml, read there. */
	for (int k = 0; k < N_BLOCKS; k++)
		if (k != BLK_CONTENTS && strcmp(name, block_names[k]) == 0) {
			*kind = (enum block_kind)k;
			return true;
		}
	return false;
}

const char *vocab_inline_name(enum inline_kind kind)
{
	return inline_names[kind];
}

bool vocab_inline_kind(const char *name, enum inline_kind *kind)
{
	for (int k = 0; k < N_INLINES; k++)
		if (inline_names[k] && strcmp(name, inline_names[k]) == 0) {
			*kind = (enum inline_kind)k;
			return true;
		}
	return false;
}
