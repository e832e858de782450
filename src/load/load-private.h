/* load-private.h - what the load files share: the file being loaded, the
 * reading of it (load-xml.c) and the helpers that copy its tree into the
 * model (load-value.c), for the driver (load.c), load-report.c,
 * load-data.c and load-style.c.
 *
 * Only the load files include this header (and so libxml2). Every helper
 * is tolerant: an absent attribute or element gives NULL, a zero srcpos or
 * a decimal with present == false, so a model is built even from a file the
 * schema rejected. Typed readers report a malformed value themselves (rule
 * 11 for counts, percentages and money, rule 1 for the rest) and mark the
 * attribute as checked, so that the schema's cruder message about the same
 * value is dropped. */
#ifndef REPORTC_LOAD_PRIVATE_H
#define REPORTC_LOAD_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "arena.h"

#include "load.h"
#include "model.h"

struct folder;

/* The loading of one folder: the six files share the compiled schemas. */
struct load_run {
	struct model *m;
	struct diags *d;
	const struct folder *folder;     /* the report folder: every file opens through it */
	xmlSchema *schemas[FILE_COUNT];  /* compiled on first use */
	char *internal_error;            /* a built-in schema did not compile */
	char *schema_message;            /* libxml2's first word on why */
};

struct pending_error;

/* One data file while it is loaded, for one call of the loader. The tree
 * and everything below `tags` are released before the next file. */
struct load_file {
	enum data_file file;
	const char *name;        /* model_file_name(file): srcpos file names */
	struct model *m;
	struct arena *arena;     /* m->arena: text copied out of the tree */
	struct diags *d;

	/* load-xml.c only */
	char *bytes;             /* the file, read whole */
	size_t size;
	struct srcpos *tags;     /* start tag positions, document order */
	size_t n_tags, cap_tags;
	xmlDoc *doc;
	bool parse_failed;       /* a well-formedness error was reported */
	bool absent;             /* the folder has no such file (not an error) */
	struct pending_error *pending; /* schema errors about attribute values */
	size_t n_pending, cap_pending;
	struct load_run *run;    /* the whole folder's loading */
};

/* Reads f->name from fd, the file opened for reading (and closes it), and
 * parses it securely: a regular file, bounded, UTF-8 without NUL bytes, no
 * DOCTYPE, bounded depth; element positions recorded. Problems become
 * findings in f->d. f->m receives the bytes in its fingerprint. On true
 * f->doc holds the tree; release it with load_release_file() either way. */
bool load_parse_file(struct load_file *f, int fd);
/* Opens f->name through the report folder (folder.h: a link out of the
 * folder is refused, only a regular file is opened); -1 when it cannot
 * be (reported as a rule 1 finding). */
int load_open_file(struct load_file *f, const struct folder *folder);
void load_release_file(struct load_file *f);
/* The root element a file must have: its name without ".xml"; FILE_COUNT
 * stands for a style file (load-style.c). */
const char *load_root_name(enum data_file file);
/* Validates f->doc against its built-in schema, compiled once per run.
 * Errors about attribute values wait in f until load_flush_pending()
 * reports those the loader did not check itself; load_free_pending()
 * drops them. False when the schema could not be used (run->internal_error). */
bool load_validate(struct load_file *f);
void load_flush_pending(struct load_file *f);
void load_free_pending(struct load_file *f);
/* The entity loader that serves the built-in schemas to libxml2 while a
 * folder loads, and nothing else. */
xmlParserInput *load_serve_schema(const char *url, const char *id, xmlParserCtxt *ctxt);

/* ---- words for messages (load-value.c) ---------------------------------- */

enum { LOAD_SHOWN_MAX = 60 };  /* code points of a value quoted in a message */

/* printf into a new malloc'd string. */
char *load_strf(const char *fmt, ...) RC_PRINTF(1, 2);
/* v shortened to LOAD_SHOWN_MAX code points for a message, into buf. */
const char *load_shown(const char *v, char *buf, size_t size);
/* A growing string for messages (s malloc'd, NULL until written to), and
 * printf at its end. */
struct load_buf {
	char *s;
	size_t len, cap;
};
void load_bprintf(struct load_buf *b, const char *fmt, ...) RC_PRINTF(2, 3);
/* XML's white space: space, tab, line feed, carriage return. */
bool load_is_space(int c);

/* ---- the tree (load-value.c) -------------------------------------------- */

/* Is node an element called name (in no namespace)? */
bool load_is(xmlNode *node, const char *name);
/* First child element called name (any element when name is NULL). */
xmlNode *load_first(xmlNode *parent, const char *name);
/* Next sibling element called name (any element when name is NULL). */
xmlNode *load_next(xmlNode *node, const char *name);
/* How many child elements are called name. */
size_t load_count_children(xmlNode *parent, const char *name);
/* Where node's start tag stands (its element's, for text and attributes). */
struct srcpos load_pos(const struct load_file *f, xmlNode *node);
/* The text of an element with runs of white space collapsed to one space
 * and trimmed, copied into the model; NULL without the element. */
const char *load_text(struct load_file *f, xmlNode *node);

/* ---- attributes (load-value.c) ------------------------------------------ */

/* Does node carry attr (in no namespace)? */
bool load_has(xmlNode *node, const char *attr);
/* An attribute's value as written (entities decoded), or NULL. */
const char *load_string(struct load_file *f, xmlNode *node, const char *attr);
/* An attribute's value as written, marked as checked: for a value the
 * caller checks and reports itself (covers, style). */
const char *load_raw(struct load_file *f, xmlNode *node, const char *attr);
/* count: [0-9]+, at most 15 digits. */
struct decimal load_count(struct load_file *f, xmlNode *node, const char *attr);
/* percent: 0 to 100 with at most two decimals. */
struct decimal load_percent(struct load_file *f, xmlNode *node, const char *attr);
/* money: pounds >= 0 with at most two decimals. */
struct decimal load_money(struct load_file *f, xmlNode *node, const char *attr);
/* period: YYYY-YY, the second year one after the first. */
struct period load_period(struct load_file *f, xmlNode *node, const char *attr);
/* date: YYYY-MM-DD and a day of the calendar. */
struct date load_date(struct load_file *f, xmlNode *node, const char *attr);
/* id: [a-z][a-z0-9-]*. A malformed id is reported and still returned. */
const char *load_id(struct load_file *f, xmlNode *node, const char *attr);
/* One of names[0..n): its index; `absent` when there is no attribute and
 * -1 when the value is none of them (reported). */
int load_enum(struct load_file *f, xmlNode *node, const char *attr,
	      const char *const *names, size_t n, int absent);
/* A two-valued attribute: true for yes ("true"), false for no ("false"),
 * dflt when absent or malformed (reported). */
bool load_flag(struct load_file *f, xmlNode *node, const char *attr,
	       const char *yes, const char *no, bool dflt);
/* The root's version="1" and period, and the head's position. */
void load_head(struct load_file *f, xmlNode *root, struct file_head *head);

/* ---- report.xml and narrative content (load-report.c) ------------------- */

void load_report(struct load_file *f, xmlNode *root);
/* The block children of parent, in order; sections among them get level
 * `level` (1 for the children of <report>). */
struct block *load_blocks(struct load_file *f, xmlNode *parent, int level);
/* The <item> children of parent as a list (a <list>, <strengths> …). */
void load_list(struct load_file *f, xmlNode *parent, bool ordered, struct list *out);

/* ---- the data files (load-data.c) --------------------------------------- */

void load_finance(struct load_file *f, xmlNode *root);
void load_lado(struct load_file *f, xmlNode *root);
void load_yjs(struct load_file *f, xmlNode *root);
void load_training(struct load_file *f, xmlNode *root);
void load_scrutiny(struct load_file *f, xmlNode *root);

/* ---- reviews.xml (load-reviews.c) --------------------------------------- */

void load_reviews(struct load_file *f, xmlNode *root);

#endif
