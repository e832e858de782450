/* notes.c - a reviewer's notes in a draft, mapped to the elements they sit on. */
#include "notes.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "load.h"

static char *fmt(const char *f, ...) RC_PRINTF(1, 2);
static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = xvasprintf(f, ap);
	va_end(ap);
	return s;
}

/* The record's properties, as render-pdf.c writes them. */
static const char *const record_names[] = { "inputs", "style", "since", "changesFirstPage",
					    "changesPages" };
enum { RECORD_FIELDS = sizeof record_names / sizeof *record_names };

static int small_int(const char *s)
{
	if (!s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	return *s && !*end && v > 0 && v < 1000000 ? (int)v : 0;
}

bool notes_record_read(const struct pdf_doc *doc, struct notes_record *rec)
{
	memset(rec, 0, sizeof *rec);
	char *v[RECORD_FIELDS];
	if (!doc->xmp ||
	    !load_xmp_values(doc->xmp, doc->xmp_len, DL_RECORD_NS, record_names, RECORD_FIELDS, v))
		return false;
	rec->inputs = v[0];
	rec->style = v[1];
	rec->since = v[2];
	rec->changes_first_page = small_int(v[3]);
	rec->changes_pages = rec->changes_first_page ? small_int(v[4]) : 0;
	free(v[3]);
	free(v[4]);
	if (!rec->inputs) {
		notes_record_free(rec);
		return false;
	}
	return true;
}

void notes_record_free(struct notes_record *rec)
{
	free(rec->inputs);
	free(rec->style);
	free(rec->since);
	memset(rec, 0, sizeof *rec);
}

bool notes_is_own(const struct pdf_annot *a)
{
	static const char own_prefix[] = "reportc-note-";
	const char *t = a->subtype ? a->subtype : "";
	/* reportc's links; a viewer's popup only shows its parent's text;
	 * form fields are not notes. */
	if (!strcmp(t, "Link") || !strcmp(t, "Popup") || !strcmp(t, "Widget"))
		return true;
	return a->name && !strncmp(a->name, own_prefix, sizeof own_prefix - 1);
}

/* ---- mapping ---------------------------------------------------------------- */

struct mapped {
	const struct pdf_annot *a;
	size_t order;                   /* in the PDF: the tie-break */
	int layout_page;                /* 0: none (a page the layout has not) */
	const struct layout_source *box; /* NULL: a page reportc makes itself */
	struct srcpos pos;
	const char *where;              /* "on the cover" … when box is NULL, or NULL */
};

/* The point a note is about: where a sticky note was put (the top-left
 * corner of its icon), the middle of what a highlight marks, or else the
 * middle of the annotation's rectangle. */
static void note_point(const struct pdf_annot *a, double *x, double *y)
{
	if (a->subtype && !strcmp(a->subtype, "Text")) {
		*x = a->x1;
		*y = a->y2;
	} else if (a->has_quads) {
		*x = (a->qx1 + a->qx2) / 2;
		*y = (a->qy1 + a->qy2) / 2;
	} else {
		*x = (a->x1 + a->x2) / 2;
		*y = (a->y1 + a->y2) / 2;
	}
}

/* The box of page `page` at height y, else the one nearest it (a note in
 * the margin beside a line, or between two blocks, belongs to the
 * nearest); NULL when the page has none. */
static const struct layout_source *box_at(const struct layout_sources *src, int page, double y)
{
	const struct layout_source *best = NULL;
	double best_d = 0;
	for (size_t i = 0; i < src->n; i++) {
		const struct layout_source *s = &src->items[i];
		if (s->page != page)
			continue;
		double d = y > s->top_pt ? y - s->top_pt : y < s->bottom_pt ? s->bottom_pt - y : 0;
		if (!best || d < best_d) {
			best = s;
			best_d = d;
		}
	}
	return best;
}

static void map_note(const struct model *m, const struct layout_sources *src,
		     const struct notes_record *rec, struct mapped *mp)
{
	const struct pdf_annot *a = mp->a;
	int page = a->page;
	mp->pos = m->report.head.pos;
	/* A draft built with --since has its changes pages after the
	 * contents; the layout made here has not. */
	int first = rec->changes_first_page, count = rec->changes_pages;
	if (count > 0 && page >= first && page < first + count) {
		mp->where = "on the changes since the previous draft";
		return;
	}
	if (count > 0 && page >= first + count)
		page -= count;
	mp->layout_page = page;
	double x, y;
	note_point(a, &x, &y);
	const struct layout_source *box = box_at(src, page, y);
	if (box && box->place == PLACE_BLOCK && box->pos.file) {
		mp->box = box;
		mp->pos = box->pos;
		return;
	}
	static const char *const where[] = {
		[PLACE_COVER] = "on the cover",
		[PLACE_CONTENTS] = "on the contents",
		[PLACE_CHANGES] = "on the changes since the previous draft",
		[PLACE_OPEN_POINTS] = "on the open points",
	};
	/* A page without boxes (the layout has fewer pages than the draft):
	 * its number is all there is to say. */
	mp->where = box ? where[box->place] : NULL;
}

static int by_position(const void *pa, const void *pb)
{
	const struct mapped *a = pa, *b = pb;
	int c = srcpos_compare(a->pos, b->pos);
	if (c)
		return c;
	if (a->a->page != b->a->page)
		return a->a->page < b->a->page ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* ---- printing --------------------------------------------------------------- */

/* Text on one line: every run of white space (a note's newlines) one
 * space, the ends trimmed; malloc'd. */
static char *one_line(const char *s)
{
	char *out = xmalloc(strlen(s ? s : "") + 1), *o = out;
	bool space = false;
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* "2026-12-01 14:30" from a PDF date "D:20261201143000+00'00'"; the text
 * as given when it is not one. malloc'd. */
static char *date_text(const char *d)
{
	const char *p = d && !strncmp(d, "D:", 2) ? d + 2 : d;
	size_t digits = 0;
	while (p && p[digits] >= '0' && p[digits] <= '9')
		digits++;
	if (p && digits >= 12)
		return fmt("%.4s-%.2s-%.2s %.2s:%.2s", p, p + 4, p + 6, p + 8, p + 10);
	if (p && digits >= 8)
		return fmt("%.4s-%.2s-%.2s", p, p + 4, p + 6);
	return one_line(d);
}

static const char *section_title(const struct mapped *mp)
{
	return mp->box && mp->box->section && mp->box->section->title ? mp->box->section->title
								      : NULL;
}

static void print_text(const struct mapped *mp, FILE *out)
{
	const struct pdf_annot *a = mp->a;
	char *text = one_line(a->contents);
	char *author = one_line(a->author);
	char *date = a->date ? date_text(a->date) : NULL;
	const char *title = section_title(mp);
	char *line = fmt(
		"note from %s%s%s%s", *author ? author : "an unnamed reviewer", date ? " (" : "",
		date ? date : "", date ? ")" : "");
	char *place;
	if (title)
		place = fmt(" in \"%s\"", title);
	else if (mp->box)
		place = xstrdup("");
	else if (mp->where)
		place = fmt(" %s", mp->where);
	else
		place = fmt(" on page %d", a->page);
	const char *kind = a->subtype ? a->subtype : "annotation";
	char *body = *text ? xstrdup(text)
			   : fmt("[a %s without text]",
				       !strcmp(kind, "Highlight") ? "highlight" : kind);
	char *data = mp->box && mp->box->data_pos.file
			     ? fmt(" (data: %s:%u:%u)", mp->box->data_pos.file,
					 (unsigned)mp->box->data_pos.line, (unsigned)mp->box->data_pos.col)
			     : xstrdup("");
	char *msg = diag_escape(fmt("%s%s: %s%s", line, place, body, data));
	fprintf(out, "%s:%u:%u: %s\n", mp->pos.file ? mp->pos.file : "report.xml",
		(unsigned)mp->pos.line, (unsigned)mp->pos.col, msg);
	free(msg);
	free(data);
	free(body);
	free(place);
	free(line);
	free(date);
	free(author);
	free(text);
}

/* s with & < > " escaped, and what XML 1.0 cannot hold (most C0
 * controls) dropped; in an XML comment, "--" is broken as "- -". */
static void put_xml(FILE *out, const char *s, bool comment)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;
		if (comment) {
			fputc(c, out);
			if (c == '-' && (p[1] == '-' || p[1] == '\0'))
				fputc(' ', out);
			continue;
		}
		switch (c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(c, out);
		}
	}
}

/* A note as a scrutineer's comment on its section, after an XML comment
 * that says where it came from; a note outside any section (cover,
 * contents), or a highlight with no text, as that comment alone. */
static void print_xml(const struct mapped *mp, FILE *out)
{
	const struct pdf_annot *a = mp->a;
	char *text = one_line(a->contents);
	char *author = one_line(a->author);
	char *date = a->date ? date_text(a->date) : NULL;
	const struct section *s = mp->box ? mp->box->section : NULL;
	char *origin = fmt("%s:%u:%u: note from %s%s%s%s, page %d",
				 mp->pos.file ? mp->pos.file : "report.xml", (unsigned)mp->pos.line,
				 (unsigned)mp->pos.col, *author ? author : "an unnamed reviewer",
				 date ? " (" : "", date ? date : "", date ? ")" : "", a->page);
	fputs("<!-- ", out);
	put_xml(out, origin, true);
	if (!s || !s->id || !*text) {
		fputs(!*text ? ", without text" : ", not on a section", out);
		if (*text) {
			fputs(": ", out);
			put_xml(out, text, true);
		}
		fputs(" -->\n", out);
	} else {
		fputs(" -->\n<comment on=\"", out);
		put_xml(out, s->id, false);
		fputs("\">\n  <p>", out);
		put_xml(out, text, false);
		fputs("</p>\n</comment>\n", out);
	}
	free(origin);
	free(date);
	free(author);
	free(text);
}

size_t notes_print(const struct model *m, const struct layout_sources *src,
		   const struct notes_record *rec, const struct pdf_doc *doc,
		   enum notes_format format, FILE *out)
{
	struct mapped *list = xmalloc((doc->n_annots ? doc->n_annots : 1) * sizeof *list);
	size_t n = 0;
	for (size_t i = 0; i < doc->n_annots; i++) {
		if (notes_is_own(&doc->annots[i]))
			continue;
		list[n] = (struct mapped){ .a = &doc->annots[i], .order = i };
		map_note(m, src, rec, &list[n]);
		n++;
	}
	qsort(list, n, sizeof *list, by_position);
	for (size_t i = 0; i < n; i++) {
		if (format == NOTES_XML)
			print_xml(&list[i], out);
		else
			print_text(&list[i], out);
	}
	free(list);
	return n;
}
