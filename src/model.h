/* model.h - the typed model of a report folder (doc/reference.md, version 1).
 *
 * The loader fills it, checks read it, layout typesets it. Every node keeps
 * its source position. No libxml2 type appears here. Everything is valid
 * until model_free().
 *
 * Conventions for values read from attributes:
 *  - strings are NULL when the attribute is absent;
 *  - numbers are `struct decimal` with present == false when absent or
 *    malformed (a malformed value has already been reported by the loader);
 *  - sequences are arrays with a count, in document order. */
#ifndef REPORTC_MODEL_H
#define REPORTC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "image.h"

/* ---- value types -------------------------------------------------------- */

/* A count, percent or money value, held exactly in hundredths. `decimals`
 * is how many decimals were written (a percent's precision). */
struct decimal {
	int64_t hundredths;
	int8_t decimals;
	bool present;
	/* The value "?": a figure still to enter (reportc init writes them).
	 * It is absent (present == false) and the loader has reported it once;
	 * checks stay quiet about what depends on it. */
	bool placeholder;
	/* A value written but not readable ("4O", "1,200"): absent too, and
	 * reported once by the loader (rule 11), so checks treat it as they
	 * treat a placeholder. */
	bool malformed;
};

/* A reporting year: first_year 2023 is "2023-24". 0 when absent/invalid. */
struct period {
	int first_year;
};

struct date {
	int year, month, day; /* year 0 when absent/invalid */
};

/* ---- the seven files ------------------------------------------------------ */

enum data_file {
	FILE_REPORT,
	FILE_FINANCE,
	FILE_LADO,
	FILE_YJS,
	FILE_TRAINING,
	FILE_SCRUTINY,
	FILE_REVIEWS,
	FILE_COUNT
};

/* What every root element carries. `loaded` is false when the file is
 * missing or not well-formed; its part of the model is then empty. `absent`
 * says it was missing: only report.xml must exist (FORMAT.md, "A report
 * folder"), so each use of an absent data file is reported at the use. */
struct file_head {
	struct srcpos pos;       /* the root element */
	bool loaded;
	struct period period;
	struct srcpos period_pos;
	bool absent;
};

/* ---- breakdowns --------------------------------------------------------- */

enum measure { MEASURE_NONE, MEASURE_COUNT, MEASURE_PERCENT, MEASURE_MIXED };

struct breakdown_item {
	struct srcpos pos;
	const char *label;
	enum measure measure;    /* COUNT or PERCENT: which attribute it wrote */
	struct decimal value;
};

struct breakdown {
	struct srcpos pos;
	const char *id;
	const char *title;
	const char *of;          /* what it counts: "offences", "children" … */
	struct decimal base;     /* optional */
	bool partial;
	enum measure measure;    /* of its items; MIXED breaks rule 3 */
	struct breakdown_item *items;
	size_t n_items;
	/* Item numbers sorted by label (NULL as ""), then by number:
	 * model_index() makes it, model_find_item() searches it. NULL in a
	 * breakdown made by hand, which is then scanned. */
	const size_t *by_label;
};

/* ---- finance.xml -------------------------------------------------------- */

struct money_line {          /* a contribution or a cost */
	struct srcpos pos;
	const char *name;        /* contribution `from`, cost `item` */
	struct decimal amount;
};

struct finance_previous {
	struct srcpos pos;
	struct period period;
	struct decimal income, expenditure;
};

struct finance {
	struct file_head head;
	const char *currency;
	struct money_line *contributions;
	size_t n_contributions;
	struct srcpos income_pos;        /* <income> */
	struct money_line *costs;
	size_t n_costs;
	struct srcpos expenditure_pos;   /* <expenditure> */
	struct decimal reserves_opening; /* optional */
	struct srcpos reserves_pos;
	bool has_totals;
	struct srcpos totals_pos;
	struct decimal totals_income, totals_expenditure;
	struct finance_previous *previous;
	size_t n_previous;
};

/* ---- lado.xml ----------------------------------------------------------- */

struct lado_year {
	struct srcpos pos;
	struct period period;
	struct decimal referrals, contacts;
};

enum timescale_band {
	BAND_UNDER_1_MONTH,
	BAND_UNDER_3_MONTHS,
	BAND_UNDER_12_MONTHS,
	BAND_OVER_12_MONTHS,
	BAND_COUNT
};

struct lado_timescale {
	struct srcpos pos;
	struct period period;
	struct decimal band[BAND_COUNT]; /* percent */
};

struct lado {
	struct file_head head;
	struct srcpos activity_pos;
	struct lado_year *years;         /* activity, as written */
	size_t n_years;
	struct breakdown *breakdowns;
	size_t n_breakdowns;
	struct srcpos timescales_pos;
	struct lado_timescale *timescales;
	size_t n_timescales;
};

/* ---- yjs.xml ------------------------------------------------------------ */

struct yjs_group {           /* <offences> or <incidents> */
	bool present;
	struct srcpos pos;
	const char *kind;        /* incidents only: "anti-social behaviour" */
	struct decimal total, children;
	struct breakdown *breakdowns;
	size_t n_breakdowns;
};

struct cohort_measure {
	struct srcpos pos;
	const char *label;
	struct decimal percent;
};

struct yjs {
	struct file_head head;
	struct yjs_group offences;
	struct yjs_group incidents;      /* optional */
	bool has_cohort;
	struct srcpos cohort_pos;
	struct date cohort_as_of;
	struct cohort_measure *measures;
	size_t n_measures;
};

/* ---- training.xml ------------------------------------------------------- */

enum training_mode { MODE_FACE_TO_FACE, MODE_VIRTUAL, MODE_E_LEARNING, MODE_COUNT };

struct course {
	struct srcpos pos;
	const char *title;
	enum training_mode mode;
	struct decimal sessions;
	struct decimal attendees;        /* optional */
};

struct training_previous {
	struct srcpos pos;
	struct period period;
	struct decimal sessions, attendees;
};

struct training {
	struct file_head head;
	struct course *courses;
	size_t n_courses;
	bool has_totals;
	struct srcpos totals_pos;
	struct decimal totals_sessions, totals_attendees;
	struct training_previous *previous;
	size_t n_previous;
};

/* ---- narrative: inline and block content -------------------------------- */

enum inline_kind {
	IN_TEXT,     /* text: characters as written, whitespace not collapsed */
	IN_EM,
	IN_STRONG,
	IN_LINK,     /* a href="…" */
	IN_REF,      /* ref to="ID" */
	IN_VALUE,    /* value of="PATH" */
	IN_CHANGE,   /* change of="PATH" from="PERIOD" */
	IN_NOTE,     /* note: a footnote, its children are its text */
};

struct inline_node {
	enum inline_kind kind;
	struct srcpos pos;
	struct inline_node *next;
	struct inline_node *children;    /* EM, STRONG, LINK, NOTE */
	const char *text;                /* TEXT */
	const char *target;              /* LINK href, REF to, VALUE/CHANGE of */
	struct period from;              /* CHANGE */
};

enum block_kind {
	BLK_P,
	BLK_LIST,
	BLK_QUOTE,
	BLK_CALLOUT,
	BLK_SIGNATURES,
	BLK_FIGURE,
	BLK_TABLE,
	BLK_DATA_TABLE,
	BLK_CHART,
	BLK_KPIS,
	BLK_PAGE_BREAK,
	BLK_SCRUTINY_PERSPECTIVE,
	BLK_SCRUTINY_CONCLUSION,
	BLK_SECTION,     /* a nested section, or a top-level section/appendix */
	BLK_CONTENTS,    /* <contents/>: top level of report.xml only */
};

struct block;

struct list_item {
	struct srcpos pos;
	struct inline_node *inlines;
	const char *as_written;          /* `as-written`, see struct block */
	struct block *sublists;          /* BLK_LIST blocks nested in the item */
};

struct list {
	bool ordered;
	struct list_item *items;
	size_t n_items;
};

struct quote {
	struct inline_node *inlines;
	const char *source;
};

struct callout {
	const char *title;
	struct block *blocks;            /* BLK_P and BLK_LIST */
};

struct signatory {
	struct srcpos pos;
	const char *name;
	const char *role;
};

struct signatures {
	struct signatory *signatories;
	size_t n_signatories;
};

struct figure_image {
	const char *src;                 /* as written, relative to the folder */
	const char *alt;
	const char *caption;
};

enum cell_align { ALIGN_DEFAULT, ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTRE };

struct table_cell {
	struct srcpos pos;
	struct inline_node *inlines;
	enum cell_align align;
};

struct table_row {
	struct srcpos pos;
	struct table_cell *cells;
	size_t n_cells;
};

struct table {
	const char *title;
	struct table_row head;
	struct table_row *rows;
	size_t n_rows;
};

struct data_table {
	const char *of;
	const char *title;
};

enum chart_type {
	CHART_BAR,
	CHART_HBAR,
	CHART_GROUPED_BAR,
	CHART_STACKED_BAR,
	CHART_STACKED_BAR_100,
	CHART_LINE,
	CHART_PIE,
	CHART_DONUT,
	CHART_TIMELINE,  /* the review register's milestones (chart-timeline.c) */
	CHART_TYPE_COUNT
};

enum sort_order { SORT_NONE, SORT_DESC, SORT_ASC };

/* Pies and donuts show at most this many parts; more are drawn as sorted
 * horizontal bars, and check warns at the chart (warning 9). */
#define CHART_PIE_MAX_PARTS 5

/* `table` on a chart: absent (no table), no, yes (beneath the chart, or
 * in the annex when the style's table-annex says so), annex (in the "Data
 * tables" annex at the end, linked both ways). */
enum chart_table { CHART_TABLE_ABSENT, CHART_TABLE_NO, CHART_TABLE_YES, CHART_TABLE_ANNEX };

struct chart {
	const char *of;
	enum chart_type type;            /* meaningful when type_given */
	bool type_given;                 /* false: the default of the dataset's kind */
	bool type_valid;                 /* false when `type` was malformed */
	const char *title;
	const char *alt;
	enum sort_order sort;
	bool sort_given;                 /* false: parts of a whole in bars sort desc */
	const char *headline;            /* what the chart shows, above its title, or NULL */
	const char *source;              /* where the figures come from, or NULL */
	enum chart_table table;          /* where the chart's data table goes */
};

struct kpi {
	struct srcpos pos;
	const char *of;                  /* a figure path, or NULL … */
	const char *value;               /* … when the text is given instead */
	const char *label;
	const char *as_written;          /* `as-written`, see struct block */
};

struct kpis {
	const char *title;               /* optional */
	struct kpi *kpis;
	size_t n_kpis;
};

/* The statutory items of `covers`, as bits. */
enum cover_item {
	COVER_ACTIVITY = 1 << 0,
	COVER_EFFECTIVENESS = 1 << 1,
	COVER_IMPACT = 1 << 2,
	COVER_LITTLE_PROGRESS = 1 << 3,
	COVER_REVIEWS = 1 << 4,
	COVER_VOICE = 1 << 5,
	COVER_SCRUTINY = 1 << 6,
	COVER_FUNDING = 1 << 7,
	COVER_EDUCATION = 1 << 8,
	COVER_ITEM_COUNT = 9
};

struct section {
	const char *id;
	const char *title;
	unsigned covers;                 /* enum cover_item bits */
	bool appendix;
	int level;                       /* 1 for top-level sections and appendices */
	struct block *blocks;
};

struct block {
	enum block_kind kind;
	struct srcpos pos;
	struct block *next;
	/* `as-written` on p, quote and figure: figures of the text whose
	 * arithmetic a person has checked and accepted (rule 12), as written
	 * in it, separated by spaces ("32%"); NULL when absent. */
	const char *as_written;
	union {
		struct inline_node *p;   /* BLK_P */
		struct list list;
		struct quote quote;
		struct callout callout;
		struct signatures signatures;
		struct figure_image figure;
		struct table table;
		struct data_table data_table;
		struct chart chart;
		struct kpis kpis;
		struct section section;
	} u;
};

/* ---- report.xml --------------------------------------------------------- */

struct report_meta {
	struct srcpos pos;               /* <meta> */
	const char *partnership;
	const char *partnership_short;
	const char *title;
	const char *title_short;         /* optional: the running header's title */
	struct date period_start, period_end;
	const char *author;
	const char *vision;
	/* Each child's element, for findings (<meta> when it is absent). */
	struct srcpos partnership_pos, title_pos, period_pos, author_pos, vision_pos;
	const char *logo_src;            /* optional */
	struct srcpos logo_pos;
};

struct report {
	struct file_head head;
	const char *style;               /* default "sefton" */
	const char *lang;                /* default "en-GB" */
	struct report_meta meta;
	struct block *body;              /* BLK_CONTENTS and BLK_SECTION, in order */
};

/* ---- scrutiny.xml ------------------------------------------------------- */

struct scrutiny_comment {
	struct srcpos pos;
	const char *on;                  /* a section id */
	struct block *blocks;
};

struct scrutiny {
	struct file_head head;
	const char *scrutineer_name;
	const char *scrutineer_role;
	struct srcpos scrutineer_pos;
	struct scrutiny_comment *comments;
	size_t n_comments;
	bool has_perspective;
	struct srcpos perspective_pos;
	const char *perspective_title;
	struct block *perspective;
	bool has_conclusion;
	struct srcpos conclusion_pos;
	struct list strengths;
	struct list development;
	bool has_sign_off;
	struct srcpos sign_off_pos;
	struct date sign_off;
};

/* ---- reviews.xml: the register of case reviews ------------------------- */

/* A date of the register: a day, or only a month (day 0) as the sources
 * often give them; year 0 when absent or malformed (already reported). */
struct review_date {
	int year, month, day;
};

enum review_kind {
	REVIEW_RAPID,            /* rapid-review */
	REVIEW_LCSPR,            /* lcspr: local child safeguarding practice review */
	REVIEW_SCR,              /* scr: serious case review (before 2019) */
	REVIEW_NATIONAL,         /* national-review: by the national panel */
	REVIEW_KIND_COUNT
};

/* A review's milestones, in the order they happen (the order rule 13
 * checks and the review table prints). */
enum review_milestone {
	MS_NOTIFIED,             /* serious incident notification */
	MS_RAPID_REVIEW,         /* rapid review held */
	MS_RAPID_TO_PANEL,       /* rapid review sent to the national panel */
	MS_DECISION,             /* decision on a local review */
	MS_AUTHOR,               /* independent author appointed */
	MS_TO_PARTNERSHIP,       /* report to the partnership */
	MS_TO_PANEL,             /* report sent to the national panel */
	MS_PUBLISHED,            /* published */
	MS_COUNT
};

enum review_status { REVIEW_IN_PROGRESS, REVIEW_COMPLETE, REVIEW_STATUS_COUNT };
enum action_status { ACTION_OPEN, ACTION_IN_PROGRESS, ACTION_COMPLETE, ACTION_STATUS_COUNT };
enum review_link_kind { LINK_REPORT, LINK_BRIEFING, LINK_KIND_COUNT };

struct review_milestone_entry {
	struct srcpos pos;
	enum review_milestone event;
	bool event_valid;                /* false when `event` was malformed */
	struct review_date date;
	bool expected;                   /* expected="yes": a date still to come */
	const char *note;                /* "sensitive delay due to anniversary" */
};

struct review_link {
	struct srcpos pos;
	enum review_link_kind kind;
	bool kind_valid;
	const char *href;
};

struct review_theme {
	struct srcpos pos;
	const char *text;
};

struct review_action {
	struct srcpos pos;
	const char *text;
	const char *owner;
	enum action_status status;
	bool status_valid;
	struct review_date date;         /* due, or done when complete */
};

struct review {
	struct srcpos pos;
	const char *id;
	const char *name;                /* a name or pseudonym */
	enum review_kind kind;
	bool kind_valid;
	enum review_status status;
	bool status_valid;
	/* The reporting year the review counts in (`year`), or 0: then the
	 * year of its first dated milestone (review_year()). */
	struct period year;
	struct review_milestone_entry *milestones;
	size_t n_milestones;
	struct review_link *links;
	size_t n_links;
	struct review_theme *themes;
	size_t n_themes;
	struct review_action *actions;
	size_t n_actions;
};

struct reviews {
	struct file_head head;
	struct review *reviews;
	size_t n_reviews;
};

/* ---- the whole folder --------------------------------------------------- */

struct model {
	struct arena *arena;
	const char *dir;                 /* the report folder as given */
	/* The images the report names, each file opened and decoded once:
	 * check loads them (rule 9), layout and the display list use them. */
	struct image_set *images;
	/* A fingerprint of the bytes of the files read (FNV-1a, two 64-bit
	 * lanes): the PDF's /ID and the draft stamp derive from it. */
	uint64_t fingerprint[2];
	struct report report;
	struct finance finance;
	struct lado lado;
	struct yjs yjs;
	struct training training;
	struct scrutiny scrutiny;
	struct reviews reviews;
	/* The tables of the look-ups below, made by model_index() once the
	 * model is complete. NULL in a model built by hand: look-ups scan. */
	const struct model_index *index;
};

/* File name of each data file ("lado.xml"), a string literal. */
const char *model_file_name(enum data_file file);
/* The head of one file in the model. */
const struct file_head *model_head(const struct model *m, enum data_file file);

struct model *model_new(const char *dir);
void model_free(struct model *m);

/* "2023-24" into buf (at least 8 bytes); "" for an absent period. */
const char *period_format(struct period p, char *buf);
/* Parses "YYYY-YY" with the second year one after the first. */
bool period_parse(const char *s, struct period *out);

/* Text of `covers` items and chart types, for messages and dumps. */
const char *cover_item_name(enum cover_item item);
const char *chart_type_name(enum chart_type type);
const char *training_mode_name(enum training_mode mode);
const char *timescale_band_name(enum timescale_band band);
/* What the report prints for the words of reviews.xml (vocab.h has the
 * words): "Local child safeguarding practice review", "Published", "In
 * progress". */
const char *review_kind_label(enum review_kind kind);
const char *review_milestone_label(enum review_milestone ms);
const char *action_status_label(enum action_status status);

/* The reporting year review r counts in: its `year`, else the year (April
 * to March) of its earliest dated milestone that is not expected; 0 when
 * neither exists. */
struct period review_year(const struct review *r);
/* The milestone event of r, NULL when r has none. */
const struct review_milestone_entry *review_milestone_of(const struct review *r,
							  enum review_milestone ms);

/* A copy of m in arena with every figure still to enter ("?"), or
 * malformed (already reported), taken as 0
 * (model-gaps.c): what resolves there but not in m waits for those
 * figures. Only the figures are copied; the rest is shared with m. */
const struct model *model_gaps_filled(const struct model *m, struct arena *arena);

/* Makes the look-up tables below (sections by id, comments by section,
 * breakdown items by label, the number of distinct course titles) in the
 * model's arena, so that each look-up is a search instead of a scan. The
 * loader calls it when the model is complete; after a change to the
 * model, call it again. */
void model_index(struct model *m);

/* Look-ups by id; NULL when absent. With repeated ids, the first in
 * document order. */
const struct section *model_find_section(const struct model *m, const char *id);
const struct breakdown *model_find_breakdown(const struct breakdown *bds, size_t n,
					     const char *id);
/* The first item labelled LABEL (NULL labels count as ""); NULL when none. */
const struct breakdown_item *model_find_item(const struct breakdown *bd, const char *label);

/* The scrutineer's comments on section ID, as numbers into
 * m->scrutiny.comments in document order: the first, then each next one;
 * n_comments when there is none (left). */
size_t model_first_comment(const struct model *m, const char *id);
/* Warning 1 at a section of the given level (1 at the top): the scrutineer
 * comments on other sections, but on none in this top-level section, nor
 * is it her own. A draft shows a box there, in the PDF and the HTML. */
bool model_comment_missing(const struct model *m, const struct section *s, int level);
size_t model_next_comment(const struct model *m, size_t comment);

/* Is s the scrutineer's own (it or a section in it holds her perspective
 * or conclusion)? She is never asked to comment on it. */
bool model_section_is_scrutineers(const struct section *s);

/* The number of appendix s (a top-level appendix of report.xml), from 1;
 * 0 when s is not one. */
int model_appendix_number(const struct model *m, const struct section *s);

/* How many different course titles training.xml has (training.courses). */
size_t model_course_titles(const struct model *m);

/* ---- walking the model (model-walk.c) ------------------------------------
 *
 * One traversal for every stage that reads the narrative or the texts of the
 * model: a visitor with three callbacks, as cmark's iterator gives its
 * renderers enter and exit events. A visitor rather than an iterator: every
 * walk here is a depth-first pass that keeps its own small state, and three
 * callbacks let each port name only what it looks at (a block, an inline, a
 * text field) instead of a switch over every event.
 *
 * Order, for each block: ENTER; its fields in document order (attributes,
 * then the text of its inlines); its inlines, each ENTER, its fields, its
 * children, EXIT; the blocks it holds (a section's, a callout's, a list
 * item's sublists after that item's inlines; a table's cells row by row);
 * EXIT. A whole model: report.xml (meta, then the body), scrutiny.xml (the
 * scrutineer, each comment, the perspective, the conclusion), then the texts
 * of finance, lado, yjs, training and reviews. Adding a text field to the model means
 * adding it to enum model_field and to the one place model-walk.c visits it. */

enum model_event { MODEL_ENTER, MODEL_EXIT };

/* Every text and reference the model holds. The walker reports each with
 * the position of the element that holds it; the text of inline content
 * (the _TEXT fields) stands at its paragraph, item, cell or quote. */
enum model_field {
	FIELD_PARTNERSHIP,
	FIELD_PARTNERSHIP_SHORT,
	FIELD_REPORT_TITLE,
	FIELD_REPORT_TITLE_SHORT,
	FIELD_AUTHOR,
	FIELD_VISION,
	FIELD_LOGO_SRC,
	FIELD_SECTION_ID,
	FIELD_SECTION_TITLE,
	FIELD_P_TEXT,            /* inline text of a paragraph … */
	FIELD_ITEM_TEXT,         /* … a list item */
	FIELD_CELL_TEXT,         /* … a table cell */
	FIELD_QUOTE_TEXT,        /* … a quote */
	FIELD_LINK_HREF,
	FIELD_REF_TO,
	FIELD_VALUE_OF,
	FIELD_CHANGE_OF,
	FIELD_QUOTE_SOURCE,
	FIELD_CALLOUT_TITLE,
	FIELD_SIGNATORY_NAME,
	FIELD_SIGNATORY_ROLE,
	FIELD_FIGURE_SRC,
	FIELD_FIGURE_ALT,
	FIELD_FIGURE_CAPTION,
	FIELD_TABLE_TITLE,
	FIELD_DATA_TABLE_OF,
	FIELD_DATA_TABLE_TITLE,
	FIELD_CHART_OF,
	FIELD_CHART_TITLE,
	FIELD_CHART_ALT,
	FIELD_CHART_HEADLINE,
	FIELD_CHART_SOURCE,
	FIELD_KPIS_TITLE,
	FIELD_KPI_OF,
	FIELD_KPI_VALUE,
	FIELD_KPI_LABEL,
	FIELD_SCRUTINEER_NAME,
	FIELD_SCRUTINEER_ROLE,
	FIELD_COMMENT_ON,
	FIELD_PERSPECTIVE_TITLE,
	FIELD_CONTRIBUTION_FROM,
	FIELD_COST_ITEM,
	FIELD_BREAKDOWN_TITLE,
	FIELD_BREAKDOWN_OF,
	FIELD_ITEM_LABEL,        /* a breakdown item's label */
	FIELD_INCIDENTS_KIND,
	FIELD_MEASURE_LABEL,
	FIELD_COURSE_TITLE,
	FIELD_REVIEW_NAME,
	FIELD_MILESTONE_NOTE,
	FIELD_REVIEW_LINK_HREF,
	FIELD_REVIEW_THEME,
	FIELD_ACTION_TEXT,
	FIELD_ACTION_OWNER,
	FIELD_COUNT
};

/* What a field holds: text the PDF prints in the report's fonts, a figure
 * path, an id of a section, an image file, or text kept elsewhere (the
 * document information, alternative text, a link's address). */
enum field_kind { FIELD_PRINTED, FIELD_PATH, FIELD_ID, FIELD_IMAGE, FIELD_OTHER };

enum field_kind model_field_kind(enum model_field field);
/* "section title", "kpi of": for dumps and tests. */
const char *model_field_name(enum model_field field);

struct model_walk;

/* Any callback may be NULL. block() on MODEL_ENTER returns whether to walk
 * what the block holds; after false its fields, contents and MODEL_EXIT are
 * skipped. Fields are reported only when their text is present (not NULL). */
struct model_visitor {
	bool (*block)(struct model_walk *w, const struct block *b, enum model_event ev);
	void (*inline_node)(struct model_walk *w, const struct inline_node *in,
			    enum model_event ev);
	void (*field)(struct model_walk *w, enum model_field field, const char *text,
		      struct srcpos pos);
};

/* Where a walk stands, for the callbacks to read (never to change). */
struct model_walk {
	const struct model *model;
	void *ctx;                       /* the caller's, as passed */
	/* The blocks open around the current event, outermost first: inside
	 * block(), the last is the block itself on both events. */
	const struct block **open;
	size_t n_open, cap_open;
	/* The element whose inline content is being walked, and the field its
	 * text is (FIELD_P_TEXT …): what inline() and the _TEXT fields belong to. */
	struct srcpos text_pos;
	enum model_field text_field;
	const struct model_visitor *v;
};

/* The block holding the current block (NULL at the top of a block list):
 * for a sublist, its list. */
const struct block *model_walk_parent(const struct model_walk *w);

/* Walks the whole model, report.xml first. */
void model_walk(const struct model *m, const struct model_visitor *v, void *ctx);
/* Walks a list of blocks and all they hold, each in turn. */
void model_walk_blocks(const struct model *m, const struct block *blocks,
		       const struct model_visitor *v, void *ctx);
/* Walks one block and all it holds (not the blocks after it). */
void model_walk_block(const struct model *m, const struct block *b,
		      const struct model_visitor *v, void *ctx);
/* Walks inline content whose text is field of the element at pos. */
void model_walk_inlines(const struct model *m, const struct inline_node *in,
			enum model_field field, struct srcpos pos, const struct model_visitor *v,
			void *ctx);

#endif
