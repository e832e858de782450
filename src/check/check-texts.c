/* check-texts.c - what every text field must be for the PDF to hold it: a
 * section's title not blank, no heading-like title longer than 300
 * characters, and no title, label or address longer than half a PDF
 * string (rule 1: a value not of its type). */
#include "check-private.h"

#include <string.h>

/* The longest title, label, attribute or address, in bytes of UTF-8. A
 * PDF string holds 65,535 bytes (libharu's limit), and the PDF wraps some
 * texts in more words ("Link to section TITLE, page 12" for each link to a
 * section, "Link to HREF"): half of it leaves room for those, and is far
 * beyond any title a reader could take in. */
enum { MAX_FIELD_BYTES = 32768 };

/* The longest heading-like title, in characters: a section's, a table's,
 * a chart's, a box's. A heading is read at a glance, and the longest in
 * the published reports reportc's sample comes from has under 80
 * characters; 300 is four lines of a heading. Past it the title is surely
 * a paragraph pasted in the wrong place, and it would be repeated in the
 * contents, the bookmarks and each link's description. */
enum { MAX_TITLE_CHARS = 300 };

static bool is_title(enum model_field field)
{
	switch (field) {
	case FIELD_SECTION_TITLE:
	case FIELD_CALLOUT_TITLE:
	case FIELD_TABLE_TITLE:
	case FIELD_DATA_TABLE_TITLE:
	case FIELD_CHART_TITLE:
	case FIELD_KPIS_TITLE:
	case FIELD_PERSPECTIVE_TITLE:
	case FIELD_BREAKDOWN_TITLE:
		return true;
	default:
		return false;
	}
}

/* Characters (UTF-8 code points) in s. */
static size_t characters(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Fields split into lines, and those the document information shortens
 * with a warning (layout.c), have no such limit. */
static bool unlimited(enum model_field field)
{
	switch (field) {
	case FIELD_P_TEXT:
	case FIELD_ITEM_TEXT:
	case FIELD_CELL_TEXT:
	case FIELD_QUOTE_TEXT:
	case FIELD_VISION:
	case FIELD_PARTNERSHIP:
	case FIELD_PARTNERSHIP_SHORT:
	case FIELD_REPORT_TITLE:
	case FIELD_REPORT_TITLE_SHORT:
	case FIELD_AUTHOR:
	case FIELD_ACTION_TEXT:
		return true;
	default:
		return false;
	}
}

static void visit_field(struct model_walk *w, enum model_field field, const char *text,
			struct srcpos pos)
{
	struct diags *d = w->ctx;
	if (field == FIELD_SECTION_TITLE && blank(text)) {
		const struct block *b = w->open[w->n_open - 1];
		const char *id = b->u.section.id;
		diag_error(d, pos, 1,
			   "the title of %s%s%s is blank; a section needs a title for its heading, "
			   "the contents and the bookmarks: write one",
			   id ? "section \"" : "this section", id ? id : "", id ? "\"" : "");
		return;
	}
	size_t len = strlen(text);
	if (is_title(field) && len <= MAX_FIELD_BYTES && characters(text) > MAX_TITLE_CHARS) {
		diag_error(d, pos, 1,
			   "the %s has %zu characters; a title may have at most %d (four lines of "
			   "a heading): shorten it, and put the rest in the text",
			   model_field_name(field), characters(text), MAX_TITLE_CHARS);
		return;
	}
	if (unlimited(field) || len <= MAX_FIELD_BYTES)
		return;
	diag_error(d, pos, 1,
		   "the %s is %zu bytes long; a title, label or address may have at most %d "
		   "bytes (32 KB), to fit in the PDF with the words around it: shorten it",
		   model_field_name(field), len, MAX_FIELD_BYTES);
}

void check_texts(const struct model *m, struct diags *d)
{
	model_walk(m, &(struct model_visitor){ .field = visit_field }, d);
}
