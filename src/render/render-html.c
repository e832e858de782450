/* render-html.c - the HTML edition: the checked model as one self-contained
 * HTML5 file (CSS, fonts, images and charts inline), a peer of render-pdf.
 *
 * Words come from the model, through the one walk (model_walk()); figures
 * print through figure.c as layout prints them; what layout computes for a
 * block (a chart's geometry, caption and alt text, a data table's rows and
 * notes) comes from layout_blocks(), the same code that typesets the PDF,
 * and is turned from its display list into SVG and tables here. */
#include "render-html.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"
#include "dl.h"
#include "figure.h"
#include "text.h"

/* ---- bytes ----------------------------------------------------------------- */

struct buf {
	char *s;
	size_t len, cap;
};

static void put_n(struct buf *b, const char *s, size_t n)
{
	xgrow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put(struct buf *b, const char *s)
{
	put_n(b, s, strlen(s));
}

static void RC_PRINTF(2, 3) putf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	put(b, s);
	free(s);
}

/* Text or an attribute value, escaped for both. */
static void put_esc(struct buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: break;
		}
		if (rep) {
			put_n(b, run, (size_t)(s - run));
			put(b, rep);
			run = s + 1;
		}
	}
	put_n(b, run, (size_t)(s - run));
}

/* Text with every run of white space made one space and the ends trimmed
 * (as layout_collapse() and HTML show it), escaped or not. */
static void put_collapsed_as(struct buf *b, const char *s, bool escape)
{
	if (!s)
		return;
	bool space = false, any = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = any;
			continue;
		}
		if (space)
			put(b, " ");
		space = false;
		any = true;
		char c[2] = { *s, 0 };
		if (escape)
			put_esc(b, c);
		else
			put(b, c);
	}
}

static void put_collapsed(struct buf *b, const char *s)
{
	put_collapsed_as(b, s, true);
}

/* Escaped text, in a draft with each gap still to fill ("[to enter]",
 * "[to enter: …]", "[To write: …]") marked, as the PDF highlights it. */
static void put_marked(struct buf *b, const char *s, bool draft)
{
	while (draft && *s) {
		const char *a = strstr(s, "[to enter"), *w = strstr(s, "[To write:");
		const char *g = a && (!w || a < w) ? a : w;
		const char *end = g ? strchr(g, ']') : NULL;
		if (!end)
			break;
		char *before = xstrdup(s);
		before[g - s] = '\0';
		put_esc(b, before);
		free(before);
		char *gap = xstrdup(g);
		gap[end + 1 - g] = '\0';
		put(b, "<mark class=\"gap\">");
		put_esc(b, gap);
		put(b, "</mark>");
		free(gap);
		s = end + 1;
	}
	put_esc(b, s);
}

/* Inline text, escaped, each run of white space one space (HTML shows it
 * so; the file then has no lines of indentation), gaps marked in a draft.
 * The ends keep a space: it separates the text from the inline content
 * around it. */
static void put_spaced(struct buf *b, const char *s, bool draft)
{
	if (!s)
		return;
	struct buf t = { 0 };
	put(&t, "");
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = true;
			continue;
		}
		if (space)
			put(&t, " ");
		space = false;
		put_n(&t, s, 1);
	}
	if (space)
		put(&t, " ");
	put_marked(b, t.s, draft);
	free(t.s);
}

static void put_base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	xgrow(&b->s, &b->cap, b->len + (n + 2) / 3 * 4 + 1, 1);
	char *o = b->s + b->len;
	size_t i = 0;
	for (; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		*o++ = digits[v >> 18];
		*o++ = digits[v >> 12 & 63];
		*o++ = digits[v >> 6 & 63];
		*o++ = digits[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
		*o++ = digits[v >> 18];
		*o++ = digits[v >> 12 & 63];
		*o++ = i + 1 < n ? digits[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	b->len = (size_t)(o - b->s);
	b->s[b->len] = '\0';
}

/* A number for SVG and CSS, two decimals whatever the locale. */
static const char *num(double v, char *buf)
{
	dl_format_pt(v, buf);
	/* "12.50" -> "12.5", "12.00" -> "12": fewer bytes, same value. */
	size_t n = strlen(buf);
	if (n > 3 && buf[n - 3] == '.') {
		if (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

static void put_hex(struct buf *b, struct dl_rgb c)
{
	putf(b, "#%02x%02x%02x", c.r, c.g, c.b);
}

static struct dl_rgb rgb_of(struct rgb c)
{
	return DL_HEX(style_rgb_hex(c));
}

/* ---- images: PNG bytes from the decoded pixels ------------------------------ */

static void png_chunk(struct buf *b, const char *type, const unsigned char *data, size_t n)
{
	unsigned char len[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
				 (unsigned char)(n >> 8), (unsigned char)n };
	put_n(b, (const char *)len, 4);
	put_n(b, type, 4);
	if (n)
		put_n(b, (const char *)data, n);
	uLong crc = crc32(0, (const Bytef *)type, 4);
	if (n)
		crc = crc32(crc, data, (uInt)n);
	unsigned char c[4] = { (unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
			       (unsigned char)(crc >> 8), (unsigned char)crc };
	put_n(b, (const char *)c, 4);
}

/* The image as a PNG (8-bit grey or RGB, with its alpha when it has one),
 * the same pixels the PDF embeds. False when zlib fails. */
static bool png_encode(const struct image *im, struct buf *png)
{
	unsigned ch = im->channels + (im->alpha ? 1 : 0);
	size_t row = (size_t)im->width_px * ch + 1;
	size_t raw_n = row * im->height_px;
	unsigned char *raw = xmalloc(raw_n ? raw_n : 1);
	for (uint32_t y = 0; y < im->height_px; y++) {
		unsigned char *o = raw + (size_t)y * row;
		*o++ = 0; /* no filter */
		const unsigned char *px = im->pixels + (size_t)y * im->width_px * im->channels;
		const unsigned char *al = im->alpha ? im->alpha + (size_t)y * im->width_px : NULL;
		for (uint32_t x = 0; x < im->width_px; x++) {
			for (unsigned k = 0; k < im->channels; k++)
				*o++ = px[(size_t)x * im->channels + k];
			if (al)
				*o++ = al[x];
		}
	}
	uLongf z_n = compressBound((uLong)raw_n);
	unsigned char *z = xmalloc(z_n);
	bool ok = compress2(z, &z_n, raw, (uLong)raw_n, 6) == Z_OK;
	free(raw);
	if (ok) {
		put_n(png, "\x89PNG\r\n\x1a\n", 8);
		unsigned char ihdr[13] = {
			(unsigned char)(im->width_px >> 24), (unsigned char)(im->width_px >> 16),
			(unsigned char)(im->width_px >> 8), (unsigned char)im->width_px,
			(unsigned char)(im->height_px >> 24), (unsigned char)(im->height_px >> 16),
			(unsigned char)(im->height_px >> 8), (unsigned char)im->height_px,
			8,
			(unsigned char)(im->channels == 1 ? (im->alpha ? 4 : 0) : (im->alpha ? 6 : 2)),
			0, 0, 0
		};
		png_chunk(png, "IHDR", ihdr, sizeof ihdr);
		png_chunk(png, "IDAT", z, z_n);
		png_chunk(png, "IEND", NULL, 0);
	}
	free(z);
	return ok;
}

/* ---- what layout made: the display list as a tree --------------------------- */

/* One item of an element's content in reading order: a child element or a
 * drawing operation. */
struct item {
	bool is_elem;
	size_t index;                 /* into dl->elems or dl->ops */
	size_t next;                  /* the next item of the same element, or NONE */
};

#define NONE ((size_t)-1)

struct tree {
	const struct dl *dl;
	struct item *items;
	size_t n_items, cap_items;
	size_t *first, *last;         /* per element: its items */
	size_t *tops;                 /* the top-level elements, in order */
	size_t n_tops;
};

static void tree_add(struct tree *t, size_t elem, bool is_elem, size_t index)
{
	xgrow(&t->items, &t->cap_items, t->n_items + 1, sizeof *t->items);
	size_t i = t->n_items++;
	t->items[i] = (struct item){ is_elem, index, NONE };
	if (t->last[elem] == NONE)
		t->first[elem] = i;
	else
		t->items[t->last[elem]].next = i;
	t->last[elem] = i;
}

/* Reads the list once: each element's children and marks, artifacts
 * (running heads, rules, backgrounds) left out. */
static void tree_build(struct tree *t, const struct dl *dl)
{
	memset(t, 0, sizeof *t);
	t->dl = dl;
	size_t n = dl->n_elems ? dl->n_elems : 1;
	t->first = xmalloc(n * sizeof *t->first);
	t->last = xmalloc(n * sizeof *t->last);
	t->tops = xmalloc(n * sizeof *t->tops);
	for (size_t i = 0; i < dl->n_elems; i++)
		t->first[i] = t->last[i] = NONE;
	size_t *stack = xmalloc(n * sizeof *stack);
	size_t depth = 0;
	bool artifact = false;
	for (size_t i = 0; i < dl->n_ops; i++) {
		const struct dl_op *op = &dl->ops[i];
		switch (op->kind) {
		case DL_STRUCT_OPEN:
			if (depth)
				tree_add(t, stack[depth - 1], true, op->elem);
			else
				t->tops[t->n_tops++] = op->elem;
			stack[depth++] = op->elem;
			break;
		case DL_STRUCT_RESUME:
			stack[depth++] = op->elem;
			break;
		case DL_STRUCT_CLOSE:
			assert(depth > 0);
			depth--;
			break;
		case DL_ARTIFACT_BEGIN:
			artifact = true;
			break;
		case DL_ARTIFACT_END:
			artifact = false;
			break;
		case DL_TEXT:
		case DL_LINE:
		case DL_RECT:
		case DL_PATH:
		case DL_IMAGE:
		case DL_LINK_URI:
		case DL_LINK_DEST:
			if (!artifact && depth)
				tree_add(t, stack[depth - 1], false, i);
			break;
		default:
			break;
		}
	}
	free(stack);
}

static void tree_free(struct tree *t)
{
	free(t->items);
	free(t->first);
	free(t->last);
	free(t->tops);
}

static enum dl_struct_type type_of(const struct tree *t, size_t elem)
{
	return t->dl->elems[elem].type;
}

/* The words of an element, its children's included: runs joined, a hyphen
 * that line breaking added taken away (the line's end space was not
 * added then, so the word joins again). Not escaped. */
static void elem_words(const struct tree *t, size_t elem, struct buf *b)
{
	for (size_t i = t->first[elem]; i != NONE; i = t->items[i].next) {
		const struct item *it = &t->items[i];
		if (it->is_elem) {
			elem_words(t, it->index, b);
			continue;
		}
		const struct dl_op *op = &t->dl->ops[it->index];
		if (op->kind != DL_TEXT)
			continue;
		size_t n = strlen(op->text.text);
		if (op->text.flags & DL_TEXT_HYPHEN_ADDED && n)
			n--;
		put_n(b, op->text.text, n);
	}
}

/* The words of an element, collapsed and escaped, into out. */
static void put_elem_text(const struct tree *t, size_t elem, struct buf *out)
{
	struct buf w = { 0 };
	put(&w, "");
	elem_words(t, elem, &w);
	put_collapsed(out, w.s);
	free(w.s);
}

/* Whether any text of the element is set in a bold face (a total row). */
static bool elem_bold(const struct tree *t, size_t elem)
{
	bool any = false, all = true;
	for (size_t i = t->first[elem]; i != NONE; i = t->items[i].next) {
		const struct item *it = &t->items[i];
		if (it->is_elem) {
			bool b = elem_bold(t, it->index);
			any = any || b;
			continue;
		}
		const struct dl_op *op = &t->dl->ops[it->index];
		if (op->kind == DL_TEXT) {
			bool b = op->text.face == FACE_BOLD || op->text.face == FACE_BOLD_ITALIC;
			any = any || b;
			all = all && b;
		}
	}
	return any && all;
}

/* ---- the writer --------------------------------------------------------------- */

/* A block whose content layout made: its Div in the list(s). */
struct laid {
	const struct block *b;
	size_t top;                   /* index into tree.tops */
	size_t narrow_top;            /* charts: in the narrow list, or NONE */
	bool table_added;             /* a chart's table made for the details */
};

struct html {
	const struct model *m;
	const struct style *st;
	const struct font_family *fonts;
	const struct layout_options *opts;
	struct arena *arena;
	struct buf out;
	struct buf *cur;              /* out, or the footnote being written */
	struct buf notes;             /* the footnotes, as list items */
	int note_depth, n_notes;
	struct buf note;              /* the footnote being written */
	struct tree wide, narrow;
	struct laid *laid;            /* sorted by block */
	size_t n_laid;
	int ids;                      /* for ids the document makes */
	bool ok;                      /* an image could be encoded */
	/* A draft: the model with its gaps filled (NULL when none), the notes
	 * and the places they concern, sorted by block, and the titles of the
	 * sections open in the walk (for the open points' links). */
	bool draft;
	const struct model *filled;
	struct arena *gaps;
	struct layout_notes *notes_of;
	struct place *places;
	size_t n_places;
	const char *titles[64];
	size_t n_titles;
};

/* A block (NULL: the cover) that a draft's note concerns. */
struct place {
	const struct block *b;
	int id;                       /* "draft-ID" */
	const char *title;            /* of its section, once written */
};

static int laid_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct laid *)a)->b;
	uintptr_t y = (uintptr_t)((const struct laid *)b)->b;
	return x < y ? -1 : x > y;
}

static const struct laid *laid_of(const struct html *h, const struct block *b)
{
	struct laid key = { .b = b };
	return bsearch(&key, h->laid, h->n_laid, sizeof key, laid_cmp);
}

/* ---- figures of the text -------------------------------------------------------- */

static const char *value_text(struct html *h, const struct inline_node *in)
{
	char buf[128];
	struct figure_ref ref;
	if (in->target &&
	    figure_resolve(h->m, h->arena, in->target, &ref, NULL) == FIG_SCALAR) {
		if (in->kind == IN_VALUE)
			return arena_strdup(h->arena, figure_format(ref.value, buf, sizeof buf));
		struct figure from;
		if (figure_value_in(h->m, in->target, in->from, &from))
			return arena_strdup(h->arena,
					    figure_format_change(from, ref.value, buf, sizeof buf));
	}
	const char *gap = layout_gap_text(h->m, h->filled, in->target, h->arena);
	if (gap)
		return gap;
	return in->target ? in->target : "";
}

/* Text collapsed as put_collapsed() writes it, not escaped, in the arena. */
static const char *collapse(struct html *h, const char *s)
{
	struct buf b = { 0 };
	put(&b, "");
	put_collapsed_as(&b, s, false);
	const char *r = arena_strdup(h->arena, b.s);
	free(b.s);
	return r;
}

/* As the PDF's headings and contents print it: "Appendix 1: …". Not
 * escaped. */
static const char *section_title(struct html *h, const struct section *s)
{
	const char *title = collapse(h, s->title);
	if (!s->appendix)
		return title;
	return arena_printf(h->arena, "Appendix %d: %s", model_appendix_number(h->m, s), title);
}

/* ---- inline content (the walker's inline events) ------------------------------ */

static void on_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	struct html *h = w->ctx;
	bool enter = ev == MODEL_ENTER;
	if (in->kind == IN_NOTE) {
		if (enter && h->note_depth++ == 0) {
			/* The mark where the note is cited; its text goes to the list. */
			int n = ++h->n_notes;
			putf(h->cur, "<sup class=\"fn\"><a id=\"fnref-%d\" href=\"#fn-%d\" "
				     "aria-label=\"Note %d\">%d</a></sup>", n, n, n, n);
			h->note.len = 0;
			put(&h->note, "");
			h->cur = &h->note;
		} else if (!enter && --h->note_depth == 0) {
			int n = h->n_notes;
			putf(&h->notes, "<li id=\"fn-%d\"><p>%s <a href=\"#fnref-%d\" "
					"class=\"back\" aria-label=\"Back to the text of note %d\">"
					"\xe2\x86\xa9\xef\xb8\x8e</a></p></li>\n", n, h->note.s, n, n);
			h->cur = &h->out;
		}
		return;
	}
	switch (in->kind) {
	case IN_TEXT:
		if (enter)
			put_spaced(h->cur, in->text, h->draft);
		break;
	case IN_EM:
		put(h->cur, enter ? "<em>" : "</em>");
		break;
	case IN_STRONG:
		put(h->cur, enter ? "<strong>" : "</strong>");
		break;
	case IN_LINK:
		if (!in->target || !*in->target)
			break;
		if (enter) {
			put(h->cur, "<a href=\"");
			put_esc(h->cur, in->target);
			put(h->cur, "\">");
		} else {
			put(h->cur, "</a>");
		}
		break;
	case IN_REF:
		if (enter) {
			const struct section *s =
				in->target ? model_find_section(h->m, in->target) : NULL;
			put(h->cur, "<a href=\"#sec-");
			put_esc(h->cur, in->target);
			put(h->cur, "\">");
			put_esc(h->cur, s ? section_title(h, s) : in->target);
			put(h->cur, "</a>");
		}
		break;
	case IN_VALUE:
	case IN_CHANGE:
		if (enter)
			put_marked(h->cur, value_text(h, in), h->draft);
		break;
	case IN_NOTE:
		break;
	}
}

static const struct model_visitor inline_visitor = { .inline_node = on_inline };

static void put_inlines(struct html *h, const struct inline_node *in, enum model_field field,
			struct srcpos pos)
{
	model_walk_inlines(h->m, in, field, pos, &inline_visitor, h);
}

/* ---- tables and charts that layout made ---------------------------------------- */

/* Whether a cell's text is a figure (right-aligned in its column). */
static bool numeric_text(const char *s)
{
	if (!strncmp(s, "\xe2\x88\x92", 3))
		s += 3;
	else if (*s == '-' || *s == '+')
		s++;
	if (!strncmp(s, "\xc2\xa3", 2))
		s += 2;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s; s++)
		if (!(*s >= '0' && *s <= '9') && *s != ',' && *s != '.' && *s != '%')
			return false;
	return true;
}

struct cell {
	size_t elem;
	bool th;
	enum dl_scope scope;
	char *text;                   /* collapsed, not escaped */
};

/* The container of table id, which scrolls sideways when the table is
 * wider than the screen (a shadow at the edge shows there is more): a
 * group named by the caption (not a landmark: captions may repeat),
 * focusable so that a keyboard can scroll it. */
static void put_region(struct buf *o, int id, bool captioned)
{
	if (captioned)
		putf(o, "<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" "
			"aria-labelledby=\"t%d\">", id);
	else
		putf(o, "<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" "
			"aria-label=\"Table\">");
}

/* A table of the list: caption, header and body rows, numeric columns
 * aligned right; in a container of its own that scrolls sideways. */
static void put_table(struct html *h, const struct tree *t, size_t table)
{
	size_t caption = NONE;
	size_t n_rows = 0, cap_rows = 0, *row_elem = NULL, *row_first = NULL;
	bool *row_head = NULL;
	struct cell *cells = NULL;
	size_t n_cells = 0, cap_cells = 0;
	for (size_t i = t->first[table]; i != NONE; i = t->items[i].next) {
		if (!t->items[i].is_elem)
			continue;
		size_t g = t->items[i].index;
		if (type_of(t, g) == DL_CAPTION) {
			caption = g;
			continue;
		}
		for (size_t j = t->first[g]; j != NONE; j = t->items[j].next) {
			size_t r = t->items[j].index;
			if (!t->items[j].is_elem || type_of(t, r) != DL_TR)
				continue;
			xgrow(&row_elem, &cap_rows, n_rows + 1, sizeof *row_elem);
			row_first = xrealloc(row_first, cap_rows * sizeof *row_first);
			row_head = xrealloc(row_head, cap_rows * sizeof *row_head);
			row_elem[n_rows] = r;
			row_first[n_rows] = n_cells;
			row_head[n_rows] = type_of(t, g) == DL_THEAD;
			n_rows++;
			for (size_t k = t->first[r]; k != NONE; k = t->items[k].next) {
				size_t c = t->items[k].index;
				if (!t->items[k].is_elem)
					continue;
				xgrow(&cells, &cap_cells, n_cells + 1, sizeof *cells);
				struct buf b = { 0 }, w = { 0 };
				put(&b, "");
				put(&w, "");
				elem_words(t, c, &w);
				put_collapsed_as(&b, w.s, false);
				free(w.s);
				cells[n_cells++] = (struct cell){
					c, type_of(t, c) == DL_TH, t->dl->elems[c].attrs.scope, b.s
				};
			}
		}
	}
	/* A column is numeric when its body cells hold figures (or nothing). */
	size_t n_cols = 0;
	for (size_t r = 0; r < n_rows; r++) {
		size_t end = r + 1 < n_rows ? row_first[r + 1] : n_cells;
		if (end - row_first[r] > n_cols)
			n_cols = end - row_first[r];
	}
	bool *numeric = xcalloc(n_cols ? n_cols : 1, sizeof *numeric);
	bool *other = xcalloc(n_cols ? n_cols : 1, sizeof *other);
	for (size_t r = 0; r < n_rows; r++) {
		if (row_head[r])
			continue;
		size_t end = r + 1 < n_rows ? row_first[r + 1] : n_cells;
		for (size_t c = row_first[r]; c < end; c++) {
			const char *s = cells[c].text;
			if (numeric_text(s))
				numeric[c - row_first[r]] = true;
			else if (*s && strncmp(s, "[to enter", 9) != 0)
				other[c - row_first[r]] = true;
		}
	}
	int id = ++h->ids;
	struct buf *o = &h->out;
	put_region(o, id, caption != NONE);
	put(o, "<table>");
	if (caption != NONE) {
		putf(o, "<caption id=\"t%d\">", id);
		put_elem_text(t, caption, o);
		put(o, "</caption>");
	}
	put(o, "\n");
	bool in_body = false;
	for (size_t r = 0; r < n_rows; r++) {
		if (r == 0 && row_head[r])
			put(o, "<thead>\n");
		if (!row_head[r] && !in_body) {
			if (r > 0)
				put(o, "</thead>\n");
			put(o, "<tbody>\n");
			in_body = true;
		}
		put(o, elem_bold(t, row_elem[r]) && !row_head[r] ? "<tr class=\"total\">" : "<tr>");
		size_t end = r + 1 < n_rows ? row_first[r + 1] : n_cells;
		for (size_t c = row_first[r]; c < end; c++) {
			const struct cell *cl = &cells[c];
			size_t col = c - row_first[r];
			bool right = numeric[col] && !other[col] && col > 0;
			const char *tag = cl->th ? "th" : "td";
			putf(o, "<%s", tag);
			if (cl->th)
				put(o, cl->scope == DL_SCOPE_ROW ? " scope=\"row\"" : " scope=\"col\"");
			if (right)
				put(o, " class=\"num\"");
			put(o, ">");
			put_marked(o, cl->text, h->draft);
			putf(o, "</%s>", tag);
		}
		put(o, "</tr>\n");
	}
	if (n_rows && !in_body)
		put(o, "</thead>\n");
	if (in_body)
		put(o, "</tbody>\n");
	put(o, "</table></div>\n");
	for (size_t c = 0; c < n_cells; c++)
		free(cells[c].text);
	free(cells);
	free(row_elem);
	free(row_first);
	free(row_head);
	free(numeric);
	free(other);
}

/* The extent of a chart's marks, in page points. */
struct extent {
	double x0, y0, x1, y1;
	bool any;
};

static void extend(struct extent *e, double x, double y)
{
	if (!e->any) {
		*e = (struct extent){ x, y, x, y, true };
		return;
	}
	if (x < e->x0) e->x0 = x;
	if (x > e->x1) e->x1 = x;
	if (y < e->y0) e->y0 = y;
	if (y > e->y1) e->y1 = y;
}

static void ops_extent(struct html *h, const struct tree *t, size_t elem, struct extent *e)
{
	for (size_t i = t->first[elem]; i != NONE; i = t->items[i].next) {
		const struct item *it = &t->items[i];
		if (it->is_elem) {
			if (type_of(t, it->index) != DL_CAPTION)
				ops_extent(h, t, it->index, e);
			continue;
		}
		const struct dl_op *op = &t->dl->ops[it->index];
		switch (op->kind) {
		case DL_RECT:
			extend(e, op->rect.x_pt, op->rect.y_pt);
			extend(e, op->rect.x_pt + op->rect.w_pt, op->rect.y_pt + op->rect.h_pt);
			break;
		case DL_LINE:
			extend(e, op->line.x1_pt, op->line.y1_pt);
			extend(e, op->line.x2_pt, op->line.y2_pt);
			break;
		case DL_PATH:
			for (size_t k = 0; k < op->path.n_segs; k++) {
				const struct dl_seg *s = &op->path.segs[k];
				int np = s->kind == DL_CURVE ? 3 : s->kind == DL_CLOSE ? 0 : 1;
				for (int p = 0; p < np; p++)
					extend(e, s->p[p][0], s->p[p][1]);
			}
			break;
		case DL_TEXT: {
			const struct dl_text *tx = &op->text;
			size_t face = tx->face < FACE_COUNT ? tx->face : 0;
			double w = font_text_width_pt(h->fonts->face[face], tx->text,
						      strlen(tx->text), tx->size_pt);
			double up = 0.8 * tx->size_pt, down = 0.25 * tx->size_pt;
			if (tx->angle_deg != 0) {
				/* Read upwards: the run goes up from its start. */
				extend(e, tx->x_pt - up, tx->y_pt);
				extend(e, tx->x_pt + down, tx->y_pt + w);
			} else {
				extend(e, tx->x_pt, tx->y_pt - down);
				extend(e, tx->x_pt + w, tx->y_pt + up);
			}
			break;
		}
		default:
			break;
		}
	}
}

struct frame {
	double x0, top;               /* page point that is (0, 0) of the SVG */
};

static void put_paint(struct buf *o, const struct dl_paint *p)
{
	char a[32];
	put(o, " fill=\"");
	if (p->fill)
		put_hex(o, p->fill_color);
	else
		put(o, "none");
	put(o, "\"");
	if (p->fill && p->fill_opacity < 1)
		putf(o, " fill-opacity=\"%s\"", num(p->fill_opacity, a));
	if (p->stroke) {
		put(o, " stroke=\"");
		put_hex(o, p->stroke_color);
		putf(o, "\" stroke-width=\"%s\"", num(p->stroke_width_pt, a));
		if (p->dash.on_pt > 0) {
			char b[32];
			putf(o, " stroke-dasharray=\"%s %s\"", num(p->dash.on_pt, a),
			     num(p->dash.off_pt, b));
		}
	}
}

static void put_svg_ops(struct html *h, const struct tree *t, size_t elem,
			const struct frame *f)
{
	struct buf *o = &h->out;
	char a[32], b[32], c[32], d[32];
	for (size_t i = t->first[elem]; i != NONE; i = t->items[i].next) {
		const struct item *it = &t->items[i];
		if (it->is_elem) {
			if (type_of(t, it->index) != DL_CAPTION)
				put_svg_ops(h, t, it->index, f);
			continue;
		}
		const struct dl_op *op = &t->dl->ops[it->index];
		switch (op->kind) {
		case DL_RECT: {
			const struct dl_rect *r = &op->rect;
			putf(o, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
			     num(r->x_pt - f->x0, a), num(f->top - (r->y_pt + r->h_pt), b),
			     num(r->w_pt, c), num(r->h_pt, d));
			put_paint(o, &r->paint);
			put(o, "/>");
			break;
		}
		case DL_LINE: {
			const struct dl_line *l = &op->line;
			putf(o, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"",
			     num(l->x1_pt - f->x0, a), num(f->top - l->y1_pt, b),
			     num(l->x2_pt - f->x0, c), num(f->top - l->y2_pt, d));
			put_hex(o, l->color);
			putf(o, "\" stroke-width=\"%s\"", num(l->width_pt, a));
			if (l->dash.on_pt > 0)
				putf(o, " stroke-dasharray=\"%s %s\"", num(l->dash.on_pt, a),
				     num(l->dash.off_pt, b));
			put(o, "/>");
			break;
		}
		case DL_PATH: {
			put(o, "<path d=\"");
			for (size_t k = 0; k < op->path.n_segs; k++) {
				const struct dl_seg *s = &op->path.segs[k];
				switch (s->kind) {
				case DL_MOVE:
				case DL_LINE_TO:
					putf(o, "%s%s %s", s->kind == DL_MOVE ? "M" : "L",
					     num(s->p[0][0] - f->x0, a), num(f->top - s->p[0][1], b));
					break;
				case DL_CURVE:
					putf(o, "C%s %s ", num(s->p[0][0] - f->x0, a),
					     num(f->top - s->p[0][1], b));
					putf(o, "%s %s ", num(s->p[1][0] - f->x0, a),
					     num(f->top - s->p[1][1], b));
					putf(o, "%s %s", num(s->p[2][0] - f->x0, a),
					     num(f->top - s->p[2][1], b));
					break;
				case DL_CLOSE:
					put(o, "Z");
					break;
				}
			}
			put(o, "\"");
			put_paint(o, &op->path.paint);
			put(o, "/>");
			break;
		}
		case DL_TEXT: {
			const struct dl_text *tx = &op->text;
			double x = tx->x_pt - f->x0, y = f->top - tx->y_pt;
			/* A leading space of a run is kept: it is part of its place. */
			const char *s = tx->text;
			size_t n = strlen(s);
			while (n && s[n - 1] == ' ')
				n--;
			if (!n)
				break;
			putf(o, "<text x=\"%s\" y=\"%s\" font-size=\"%s\"", num(x, a), num(y, b),
			     num(tx->size_pt, c));
			if (tx->face == FACE_BOLD || tx->face == FACE_BOLD_ITALIC)
				put(o, " font-weight=\"700\"");
			if (tx->face == FACE_ITALIC || tx->face == FACE_BOLD_ITALIC)
				put(o, " font-style=\"italic\"");
			put(o, " fill=\"");
			put_hex(o, tx->color);
			put(o, "\"");
			if (tx->angle_deg != 0)
				putf(o, " transform=\"rotate(%s %s %s)\"", num(-tx->angle_deg, c),
				     num(x, a), num(y, b));
			if (*s == ' ')
				put(o, " xml:space=\"preserve\"");
			put(o, ">");
			char *words = arena_strndup(h->arena, s, n);
			put_esc(o, words);
			put(o, "</text>");
			break;
		}
		default:
			break;
		}
	}
}

/* A chart's marks as an SVG image named by its alternative text. */
static void put_svg(struct html *h, const struct tree *t, size_t figure, const char *cls,
		    const char *alt)
{
	struct extent e = { 0 };
	ops_extent(h, t, figure, &e);
	if (!e.any)
		return;
	double pad = 2;
	struct frame f = { e.x0 - pad, e.y1 + pad };
	double w = e.x1 - e.x0 + 2 * pad, ht = e.y1 - e.y0 + 2 * pad;
	char a[32], b[32];
	struct buf *o = &h->out;
	putf(o, "<svg class=\"%s\" role=\"img\" viewBox=\"0 0 %s ", cls, num(w, a));
	putf(o, "%s\" width=\"%s\"", num(ht, b), num(w * 4 / 3, a));
	putf(o, " height=\"%s\" aria-label=\"", num(ht * 4 / 3, b));
	put_esc(o, alt);
	put(o, "\">");
	put_svg_ops(h, t, figure, &f);
	put(o, "</svg>\n");
}

static size_t child_of_type(const struct tree *t, size_t elem, enum dl_struct_type type)
{
	for (size_t i = t->first[elem]; i != NONE; i = t->items[i].next)
		if (t->items[i].is_elem && type_of(t, t->items[i].index) == type)
			return t->items[i].index;
	return NONE;
}

/* A block that layout made: its Div's charts, tables and paragraphs. */
static void put_laid(struct html *h, const struct laid *l)
{
	const struct tree *t = &h->wide;
	size_t div = t->tops[l->top];
	bool details = false;
	for (size_t i = t->first[div]; i != NONE; i = t->items[i].next) {
		if (!t->items[i].is_elem)
			continue;
		size_t e = t->items[i].index;
		switch (type_of(t, e)) {
		case DL_FIGURE: {
			put(&h->out, "<figure class=\"chart\">");
			size_t cap = child_of_type(t, e, DL_CAPTION);
			if (cap != NONE) {
				put(&h->out, "<figcaption>");
				put_elem_text(t, cap, &h->out);
				put(&h->out, "</figcaption>");
			}
			put(&h->out, "\n");
			bool narrow = l->narrow_top != NONE;
			const char *alt = t->dl->elems[e].attrs.alt;
			put_svg(h, t, e, narrow ? "wide" : "chart", alt);
			if (narrow) {
				size_t nf = child_of_type(&h->narrow, h->narrow.tops[l->narrow_top],
							  DL_FIGURE);
				if (nf != NONE)
					put_svg(h, &h->narrow, nf, "narrow", alt);
			}
			put(&h->out, "</figure>\n");
			if (l->table_added) {
				put(&h->out, "<details class=\"chart-data\"><summary>The figures of "
					     "this chart as a table</summary>\n");
				details = true;
			}
			break;
		}
		case DL_TABLE:
			put_table(h, t, e);
			break;
		case DL_P: {
			/* A table's note, or the box of a chart still to enter. */
			bool gap = l->b->kind == BLK_CHART && child_of_type(t, div, DL_FIGURE) == NONE;
			put(&h->out, gap ? "<div class=\"gap-box\"><p>" : "<p class=\"table-note\">");
			put_elem_text(t, e, &h->out);
			put(&h->out, gap ? "</p></div>\n" : "</p>\n");
			break;
		}
		default:
			break;
		}
	}
	if (details)
		put(&h->out, "</details>\n");
}

/* ---- a draft's notes and open points ----------------------------------------- */

static int place_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct place *)a)->b;
	uintptr_t y = (uintptr_t)((const struct place *)b)->b;
	return x < y ? -1 : x > y;
}

static struct place *place_of(const struct html *h, const struct block *b)
{
	struct place key = { .b = b };
	return h->n_places ? bsearch(&key, h->places, h->n_places, sizeof key, place_cmp) : NULL;
}

/* The notes of a draft (layout's map of warnings to places) and their
 * places, numbered in the order the notes name them. */
static void places_make(struct html *h)
{
	if (!h->draft || !h->opts || !h->opts->warnings)
		return;
	h->notes_of = layout_notes_new(h->m, h->opts->warnings);
	size_t cap = 0;
	for (size_t i = 0; i < h->notes_of->n; i++) {
		const struct layout_note *n = &h->notes_of->notes[i];
		for (size_t k = 0; k < n->n_places; k++) {
			bool seen = false;
			for (size_t j = 0; j < h->n_places && !seen; j++)
				seen = h->places[j].b == n->places[k];
			if (seen)
				continue;
			xgrow(&h->places, &cap, h->n_places + 1, sizeof *h->places);
			h->places[h->n_places] = (struct place){ n->places[k], (int)h->n_places + 1,
								  NULL };
			h->n_places++;
		}
	}
	if (h->n_places)
		qsort(h->places, h->n_places, sizeof *h->places, place_cmp);
}

/* A note as the PDF's sticky note says it, with its FILE:LINE:COL. */
static void put_note(struct html *h, const struct layout_note *n)
{
	put(&h->out, "<p><strong>Open point:</strong> ");
	put_esc(&h->out, n->message);
	put(&h->out, " <span class=\"where\">");
	put_esc(&h->out, n->where);
	put(&h->out, "</span></p>\n");
}

/* Where block b (NULL: the cover) is written: a visible note for each
 * warning that concerns it first, and the place's id, which the open
 * points link to. */
static void draft_anchor(struct html *h, const struct block *b)
{
	struct place *p = place_of(h, b);
	if (!p)
		return;
	if (b && b->kind == BLK_SECTION)
		p->title = section_title(h, &b->u.section);
	else if (b && b->kind == BLK_CONTENTS)
		p->title = "Contents";
	else
		p->title = h->n_titles ? h->titles[h->n_titles - 1] : b ? "the report" : "the cover";
	bool any = false;
	for (size_t i = 0; i < h->notes_of->n; i++) {
		const struct layout_note *n = &h->notes_of->notes[i];
		if (!n->n_places || n->places[0] != b)
			continue;
		if (!any)
			putf(&h->out, "<div class=\"draft-note\" role=\"note\" id=\"draft-%d\">\n",
			     p->id);
		any = true;
		put_note(h, n);
	}
	if (any)
		put(&h->out, "</div>\n");
	else
		putf(&h->out, "<span id=\"draft-%d\"></span>\n", p->id);
}

/* The notes that concern no place, where the report starts. */
static void draft_unplaced(struct html *h)
{
	bool any = false;
	for (size_t i = 0; h->notes_of && i < h->notes_of->n; i++) {
		const struct layout_note *n = &h->notes_of->notes[i];
		if (n->n_places)
			continue;
		if (!any)
			put(&h->out, "<div class=\"draft-note\" role=\"note\" id=\"draft-0\">\n");
		any = true;
		put_note(h, n);
	}
	if (any)
		put(&h->out, "</div>\n");
}

/* The list the PDF's last page gives: every point, with links to the
 * places it concerns (the sections holding them) where the PDF has
 * their pages. */
static void put_open_points(struct html *h)
{
	if (!h->notes_of || !h->notes_of->n)
		return;
	size_t n = h->notes_of->n;
	struct buf *o = &h->out;
	put(o, "<section class=\"open-points\" aria-labelledby=\"open-points\">\n"
	       "<h2 id=\"open-points\">Open points for review</h2>\n");
	putf(o, "<p>%zu point%s still open in this draft: figures and texts still to come, "
		"and what is worth a second look. A marked note stands where each one first "
		"applies; the links lead to every place it concerns.</p>\n<ol>\n",
	     n, n == 1 ? " is" : "s are");
	for (size_t i = 0; i < n; i++) {
		const struct layout_note *note = &h->notes_of->notes[i];
		put(o, "<li><p>");
		const char **titles = arena_array(h->arena, note->n_places + 1, sizeof *titles);
		size_t shown = 0;
		for (size_t k = 0; k < note->n_places; k++) {
			const struct place *p = place_of(h, note->places[k]);
			const char *title = p && p->title ? p->title : "the report";
			bool seen = false;
			for (size_t j = 0; j < shown && !seen; j++)
				seen = strcmp(titles[j], title) == 0;
			if (seen || !p)
				continue;
			titles[shown] = title;
			if (shown)
				put(o, k + 1 == note->n_places ? " and " : ", ");
			putf(o, "<a href=\"#draft-%d\">", p->id);
			put_esc(o, title);
			put(o, "</a>");
			shown++;
		}
		if (!shown)
			put(o, "<a href=\"#draft-0\">The start of the report</a>");
		put(o, " \xe2\x80\x94 ");
		put_esc(o, note->message);
		put(o, "</p>\n<p class=\"where\">");
		put_esc(o, note->where);
		put(o, "</p></li>\n");
	}
	put(o, "</ol>\n</section>\n");
}


/* ---- blocks (the walker's block events) ------------------------------------- */

static void put_blocks(struct html *h, const struct block *b);

static int heading_level(int section_level)
{
	int n = section_level + 1;
	return n < 2 ? 2 : n > 6 ? 6 : n;
}

/* The level of the innermost section open in the walk (0 outside any). */
static int open_level(const struct model_walk *w)
{
	for (size_t i = w->n_open; i-- > 0;)
		if (w->open[i]->kind == BLK_SECTION)
			return w->open[i]->u.section.level > 0 ? w->open[i]->u.section.level : 1;
	return 0;
}

static const char *scrutineer(struct html *h)
{
	const struct scrutiny *sc = &h->m->scrutiny;
	struct buf n = { 0 }, r = { 0 };
	put(&n, "");
	put(&r, "");
	put_collapsed(&n, sc->scrutineer_name);
	put_collapsed(&r, sc->scrutineer_role);
	const char *s = *n.s && *r.s ? arena_printf(h->arena, "%s, %s", n.s, r.s)
				     : arena_strdup(h->arena, *n.s ? n.s : r.s);
	free(n.s);
	free(r.s);
	return s;
}

static const char *date_text(struct html *h, struct date d)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
					      "June", "July", "August", "September", "October",
					      "November", "December" };
	if (d.year == 0 || d.month < 1 || d.month > 12)
		return "";
	return arena_printf(h->arena, "%d %s %d", d.day, months[d.month - 1], d.year);
}

/* An aside of the scrutineer's, under a heading one level below hl; named
 * by that heading and, when given, the heading of its section (the id
 * of_title), so that each aside's name is its own. */
static void aside_open(struct html *h, int hl, const char *title, const char *of_title)
{
	int id = ++h->ids;
	int level = hl < 6 ? hl + 1 : 6;
	putf(&h->out, "<aside class=\"scrutiny\" aria-labelledby=\"a%d%s%s\"><h%d id=\"a%d\">%s</h%d>\n",
	     id, of_title ? " " : "", of_title ? of_title : "", level, id, title, level);
}

/* The id of a section's heading. */
static const char *title_id(struct html *h, const struct block *b)
{
	const struct section *s = &b->u.section;
	if (s->id)
		return arena_printf(h->arena, "title-%s", s->id);
	/* Without an id, its place in report.xml names it. */
	return arena_printf(h->arena, "title-%u-%u", (unsigned)b->pos.line, (unsigned)b->pos.col);
}

static void put_list(struct html *h, const struct list *l)
{
	put(&h->out, l->ordered ? "<ol>\n" : "<ul>\n");
	for (size_t i = 0; i < l->n_items; i++) {
		const struct list_item *it = &l->items[i];
		put(&h->out, "<li>");
		put_inlines(h, it->inlines, FIELD_ITEM_TEXT, it->pos);
		if (it->sublists) {
			/* No line ends in white space. */
			while (h->out.len && h->out.s[h->out.len - 1] == ' ')
				h->out.s[--h->out.len] = '\0';
			put(&h->out, "\n");
			put_blocks(h, it->sublists);
		}
		put(&h->out, "</li>\n");
	}
	put(&h->out, l->ordered ? "</ol>\n" : "</ul>\n");
}

static void put_signature(struct html *h, const char *name, const char *role, const char *date)
{
	put(&h->out, "<p class=\"signature\"><strong>");
	put_collapsed(&h->out, name);
	put(&h->out, "</strong>");
	if (role && *role) {
		put(&h->out, "<br>");
		put_collapsed(&h->out, role);
	}
	if (date && *date) {
		put(&h->out, "<br>");
		put_esc(&h->out, date);
	}
	put(&h->out, "</p>\n");
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static void put_image(struct html *h, const char *src, const char *alt, const char *cls)
{
	const struct image *im = image_set_load(h->m->images, src);
	if (im->status != IMAGE_OK || !im->pixels)
		return;
	struct buf png = { 0 };
	if (!png_encode(im, &png)) {
		h->ok = false;
		free(png.s);
		return;
	}
	putf(&h->out, "<img class=\"%s\" width=\"%u\" height=\"%u\" alt=\"", cls,
	     (unsigned)im->width_px, (unsigned)im->height_px);
	put_collapsed(&h->out, alt);
	put(&h->out, "\" src=\"data:image/png;base64,");
	put_base64(&h->out, (const unsigned char *)png.s, png.len);
	put(&h->out, "\">");
	free(png.s);
}

static void put_kpis(struct html *h, const struct kpis *k)
{
	if (k->title) {
		put(&h->out, "<p class=\"kpis-title\">");
		put_collapsed(&h->out, k->title);
		put(&h->out, "</p>\n");
	}
	put(&h->out, "<dl class=\"kpis\">\n");
	for (size_t i = 0; i < k->n_kpis; i++) {
		const struct kpi *kp = &k->kpis[i];
		/* As the PDF's tile: the value as written, or the figure. */
		const char *value = "";
		struct figure_ref ref;
		char buf[128];
		if (kp->value)
			value = collapse(h, kp->value);
		else if (kp->of && figure_resolve(h->m, h->arena, kp->of, &ref, NULL) == FIG_SCALAR)
			value = arena_strdup(h->arena, figure_format(ref.value, buf, sizeof buf));
		else if (layout_gap_text(h->m, h->filled, kp->of, h->arena))
			value = "[to enter]";
		put(&h->out, "<div class=\"kpi\"><dt>");
		put_collapsed(&h->out, kp->label);
		put(&h->out, "</dt><dd>");
		put_marked(&h->out, value, h->draft);
		put(&h->out, "</dd></div>\n");
	}
	put(&h->out, "</dl>\n");
}

static void put_comments(struct html *h, const struct block *b, int level)
{
	const struct section *s = &b->u.section;
	const struct scrutiny *sc = &h->m->scrutiny;
	for (size_t i = model_first_comment(h->m, s->id); i < sc->n_comments;
	     i = model_next_comment(h->m, i)) {
		aside_open(h, heading_level(level), "Independent Scrutineer comment",
			   title_id(h, b));
		put_blocks(h, sc->comments[i].blocks);
		put(&h->out, "</aside>\n");
	}
}

/* Where a comment is missing in a draft: in the notes' colours, so that it
 * cannot pass for one, the PDF's words and the section's place. */
static void put_placeholder(struct html *h, const struct block *b, int level)
{
	int id = ++h->ids;
	int l = heading_level(level) < 6 ? heading_level(level) + 1 : 6;
	putf(&h->out, "<aside class=\"scrutiny placeholder\" aria-labelledby=\"a%d %s\">"
		      "<h%d id=\"a%d\">Independent Scrutineer comment</h%d>\n", id,
	     title_id(h, b), l, id, l);
	put(&h->out, "<p><em>The independent scrutineer has not yet commented on this section. "
		     "This box is in drafts only: her comment takes its place.</em></p>\n"
		     "<p class=\"where\">");
	put_esc(&h->out, b->pos.file ? b->pos.file : "-");
	putf(&h->out, ":%u:%u</p>\n</aside>\n", (unsigned)b->pos.line, (unsigned)b->pos.col);
}

static void put_perspective(struct html *h, int level)
{
	const struct scrutiny *sc = &h->m->scrutiny;
	if (!sc->has_perspective)
		return;
	int hl = heading_level(level);
	struct buf t = { 0 };
	put(&t, "");
	put_collapsed(&t, sc->perspective_title);
	if (*t.s) {
		int l = hl < 6 ? hl + 1 : 6;
		putf(&h->out, "<h%d>%s</h%d>\n", l, t.s, l);
		hl = l;
	}
	free(t.s);
	aside_open(h, hl, "Independent Scrutineer perspective", NULL);
	const char *by = scrutineer(h);
	if (*by) {
		put(&h->out, "<p class=\"byline\">");
		put_esc(&h->out, by);
		put(&h->out, "</p>\n");
	}
	put_blocks(h, sc->perspective);
	put(&h->out, "</aside>\n");
}

static void put_conclusion(struct html *h, int level, const struct section *s)
{
	const struct scrutiny *sc = &h->m->scrutiny;
	if (!sc->has_conclusion)
		return;
	int hl = heading_level(level);
	int id = ++h->ids;
	putf(&h->out, "<aside class=\"scrutiny\" aria-labelledby=\"a%d\">\n", id);
	static const char *const titles[] = { "Strengths", "Areas for development" };
	const struct list *lists[] = { &sc->strengths, &sc->development };
	bool first = true;
	for (int k = 0; k < 2; k++) {
		if (!lists[k]->n_items)
			continue;
		int l = hl < 6 ? hl + 1 : 6;
		if (first)
			putf(&h->out, "<h%d id=\"a%d\">%s</h%d>\n", l, id, titles[k], l);
		else
			putf(&h->out, "<h%d>%s</h%d>\n", l, titles[k], l);
		first = false;
		put_list(h, lists[k]);
	}
	/* The section's own signature stands when it signs with her name. */
	struct buf n = { 0 };
	put(&n, "");
	put_collapsed(&n, sc->scrutineer_name);
	bool signed_after = false;
	for (const struct block *b = s ? s->blocks : NULL; b && *n.s; b = b->next)
		if (b->kind == BLK_SIGNATURES)
			for (size_t i = 0; i < b->u.signatures.n_signatories; i++) {
				struct buf m = { 0 };
				put(&m, "");
				put_collapsed(&m, b->u.signatures.signatories[i].name);
				signed_after = signed_after || strcmp(m.s, n.s) == 0;
				free(m.s);
			}
	if ((sc->scrutineer_name || sc->scrutineer_role) && !signed_after)
		put_signature(h, sc->scrutineer_name, sc->scrutineer_role,
			      sc->has_sign_off ? date_text(h, sc->sign_off) : NULL);
	free(n.s);
	put(&h->out, "</aside>\n");
}

static bool on_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct html *h = w->ctx;
	struct buf *o = &h->out;
	bool enter = ev == MODEL_ENTER;
	if (enter && b->kind != BLK_SECTION)
		draft_anchor(h, b);
	switch (b->kind) {
	case BLK_P:
		if (enter) {
			put(o, "<p>");
			put_inlines(h, b->u.p, FIELD_P_TEXT, b->pos);
			put(o, "</p>\n");
		}
		return false;
	case BLK_LIST:
		if (enter)
			put_list(h, &b->u.list);
		return false;
	case BLK_QUOTE:
		if (enter) {
			put(o, "<figure class=\"quote\"><blockquote><p>");
			put_inlines(h, b->u.quote.inlines, FIELD_QUOTE_TEXT, b->pos);
			put(o, "</p></blockquote>");
			if (b->u.quote.source) {
				put(o, "<figcaption>\xe2\x80\x94 ");
				put_collapsed(o, b->u.quote.source);
				put(o, "</figcaption>");
			}
			put(o, "</figure>\n");
		}
		return false;
	case BLK_CALLOUT:
		if (enter) {
			put(o, "<div class=\"callout\">\n");
			if (b->u.callout.title) {
				put(o, "<p class=\"callout-title\">");
				put_collapsed(o, b->u.callout.title);
				put(o, "</p>\n");
			}
		} else {
			put(o, "</div>\n");
		}
		return true;
	case BLK_SIGNATURES:
		if (enter) {
			put(o, "<div class=\"signatures\">\n");
			for (size_t i = 0; i < b->u.signatures.n_signatories; i++)
				put_signature(h, b->u.signatures.signatories[i].name,
					      b->u.signatures.signatories[i].role, NULL);
			put(o, "</div>\n");
		}
		return false;
	case BLK_FIGURE:
		if (enter && b->u.figure.src) {
			const struct figure_image *fig = &b->u.figure;
			/* A figure must have replacement text; as in the PDF, the
			 * caption or else the file name stands in. */
			const char *alt = blank(fig->alt) ? fig->caption : fig->alt;
			if (blank(alt))
				alt = fig->src;
			put(o, "<figure class=\"image\">");
			put_image(h, fig->src, alt, "picture");
			if (fig->caption) {
				put(o, "<figcaption>");
				put_collapsed(o, fig->caption);
				put(o, "</figcaption>");
			}
			put(o, "</figure>\n");
		}
		return false;
	case BLK_TABLE:
		if (enter) {
			const struct table *t = &b->u.table;
			int id = ++h->ids;
			put_region(o, id, t->title != NULL);
			put(o, "<table>");
			if (t->title) {
				putf(o, "<caption id=\"t%d\">", id);
				put_collapsed(o, t->title);
				put(o, "</caption>");
			}
			put(o, "\n<thead><tr>");
			for (size_t c = 0; c < t->head.n_cells; c++) {
				const struct table_cell *cl = &t->head.cells[c];
				put(o, cl->align == ALIGN_RIGHT ? "<th scope=\"col\" class=\"num\">"
								: "<th scope=\"col\">");
				put_inlines(h, cl->inlines, FIELD_CELL_TEXT, cl->pos);
				put(o, "</th>");
			}
			put(o, "</tr></thead>\n<tbody>\n");
			for (size_t r = 0; r < t->n_rows; r++) {
				put(o, "<tr>");
				for (size_t c = 0; c < t->rows[r].n_cells; c++) {
					const struct table_cell *cl = &t->rows[r].cells[c];
					const char *tag = c == 0 ? "th" : "td";
					putf(o, "<%s%s%s>", tag, c == 0 ? " scope=\"row\"" : "",
					     cl->align == ALIGN_RIGHT ? " class=\"num\""
					     : cl->align == ALIGN_CENTRE ? " class=\"centre\"" : "");
					put_inlines(h, cl->inlines, FIELD_CELL_TEXT, cl->pos);
					putf(o, "</%s>", tag);
				}
				put(o, "</tr>\n");
			}
			put(o, "</tbody></table></div>\n");
		}
		return false;
	case BLK_DATA_TABLE:
	case BLK_CHART:
		if (enter) {
			const struct laid *l = laid_of(h, b);
			if (l)
				put_laid(h, l);
		}
		return false;
	case BLK_KPIS:
		if (enter)
			put_kpis(h, &b->u.kpis);
		return false;
	case BLK_PAGE_BREAK:
	case BLK_CONTENTS:
		return false;
	case BLK_SCRUTINY_PERSPECTIVE:
		if (enter)
			put_perspective(h, open_level(w));
		return false;
	case BLK_SCRUTINY_CONCLUSION:
		if (enter) {
			const struct block *sec = NULL;
			for (size_t i = w->n_open; i-- > 0 && !sec;)
				if (w->open[i]->kind == BLK_SECTION)
					sec = w->open[i];
			put_conclusion(h, open_level(w), sec ? &sec->u.section : NULL);
		}
		return false;
	case BLK_SECTION: {
		const struct section *s = &b->u.section;
		int level = s->level > 0 ? s->level : 1;
		if (enter) {
			int hl = heading_level(level);
			put(o, "<section");
			if (s->id) {
				put(o, " id=\"sec-");
				put_esc(o, s->id);
				put(o, "\"");
			}
			putf(o, " class=\"level%d\">\n<h%d id=\"", level, hl);
			put_esc(o, title_id(h, b));
			put(o, "\">");
			put_esc(o, section_title(h, s));
			putf(o, "</h%d>\n", hl);
			if (h->n_titles < sizeof h->titles / sizeof *h->titles)
				h->titles[h->n_titles] = section_title(h, s);
			h->n_titles++;
			draft_anchor(h, b);
		} else {
			put_comments(h, b, level);
			if (h->draft && model_comment_missing(h->m, s, level))
				put_placeholder(h, b, level);
			h->n_titles--;
			put(o, "</section>\n");
		}
		return true;
	}
	}
	return false;
}

static const struct model_visitor block_visitor = { .block = on_block,
						    .inline_node = on_inline };

static void put_blocks(struct html *h, const struct block *b)
{
	model_walk_blocks(h->m, b, &block_visitor, h);
}

/* ---- finding the blocks layout makes ------------------------------------------ */

struct gather {
	const struct block **blocks;
	size_t n, cap;
	bool charts_only;
};

static bool gather_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct gather *g = w->ctx;
	if (ev == MODEL_ENTER && (b->kind == BLK_CHART || b->kind == BLK_DATA_TABLE)) {
		xgrow(&g->blocks, &g->cap, g->n + 1, sizeof *g->blocks);
		g->blocks[g->n++] = b;
	}
	return true;
}

/* ---- the document -------------------------------------------------------------- */

static void put_css(struct html *h, const struct dl *dl)
{
	struct buf *o = &h->out;
	const struct style *st = h->st;
	static const char *const faces[FACE_COUNT][2] = {
		{ "400", "normal" }, { "700", "normal" }, { "400", "italic" }, { "700", "italic" }
	};
	put(o, "<style>\n");
	/* The report's own fonts, the very files the PDF embeds: the charts
	 * were measured in them, and the glyph check proved they hold every
	 * character of the report. */
	for (size_t f = 0; f < dl->n_fonts && f < FACE_COUNT; f++) {
		putf(o, "@font-face{font-family:\"Report\";font-weight:%s;font-style:%s;"
			"src:url(data:font/ttf;base64,", faces[f][0], faces[f][1]);
		put_base64(o, dl->fonts[f].data, dl->fonts[f].size);
		put(o, ") format(\"truetype\")}\n");
	}
	struct buf c = { 0 };
	put(&c, "");
	putf(&c, ":root{--text:");
	put_hex(&c, rgb_of(st->text[STYLE_BODY].colour));
	put(&c, ";--heading:");
	put_hex(&c, rgb_of(st->text[STYLE_H1].colour));
	put(&c, ";--link:");
	put_hex(&c, rgb_of(st->link.colour));
	put(&c, ";--accent:");
	put_hex(&c, rgb_of(st->accent));
	put(&c, ";--caption:");
	put_hex(&c, rgb_of(st->text[STYLE_CAPTION].colour));
	put(&c, ";--th-fill:");
	put_hex(&c, rgb_of(st->table.header_fill.none ? st->accent : st->table.header_fill.rgb));
	put(&c, ";--th-text:");
	put_hex(&c, rgb_of(st->text[STYLE_TABLE_HEADER].colour));
	put(&c, ";--zebra:");
	put_hex(&c, rgb_of(st->table.zebra_fill.none ? (struct rgb){ 1, 1, 1 }
						     : st->table.zebra_fill.rgb));
	put(&c, ";--rule:");
	put_hex(&c, rgb_of(st->table.rule.none ? st->accent : st->table.rule.rgb));
	put(&c, ";--box:");
	put_hex(&c, rgb_of(st->scrutiny.fill.none ? (struct rgb){ 1, 1, 1 } : st->scrutiny.fill.rgb));
	put(&c, ";--box-border:");
	put_hex(&c, rgb_of(st->scrutiny.border.none ? st->accent : st->scrutiny.border.rgb));
	put(&c, ";--callout:");
	put_hex(&c, rgb_of(st->callout.fill.none ? (struct rgb){ 1, 1, 1 } : st->callout.fill.rgb));
	put(&c, ";--kpi:");
	put_hex(&c, rgb_of(st->kpi.fill.none ? (struct rgb){ 1, 1, 1 } : st->kpi.fill.rgb));
	put(&c, ";--kpi-figure:");
	put_hex(&c, rgb_of(st->text[STYLE_KPI_FIGURE].colour));
	put(&c, ";--note-fill:");
	put_hex(&c, rgb_of(st->draft.note_fill.none ? (struct rgb){ 1, 1, 1 }
						      : st->draft.note_fill.rgb));
	put(&c, ";--note-border:");
	put_hex(&c, rgb_of(st->draft.note_border.none ? st->accent : st->draft.note_border.rgb));
	put(&c, "}\n");
	put(o, c.s);
	free(c.s);
	static const char *const css[] = {
	    "html{font-family:Report,\"Open Sans\",Arial,sans-serif;line-height:1.5;"
	    "color:var(--text);background:#fff;-webkit-text-size-adjust:100%}\n",
	    "body{margin:0;overflow-wrap:break-word}\n",
	    "header,nav,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}\n",
	    "h1,h2,h3,h4,h5,h6{color:var(--heading);line-height:1.25;margin:1.5em 0 .5em}\n",
	    "h2{font-size:1.75rem}h3{font-size:1.35rem}h4{font-size:1.15rem}\n",
	    "p,li{max-width:40em}\n",
	    "a{color:var(--link);text-decoration:underline}\n",
	    "a:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid "
	    "var(--text);outline-offset:2px;background:#fff3b0;color:#000}\n",
	    ".skip{position:absolute;left:-100vw;top:0;padding:.5rem 1rem;background:#fff;"
	    "z-index:1}\n",
	    ".skip:focus{left:1rem;top:1rem}\n",
	    "header.cover{border-top:.5rem solid var(--accent);padding-top:2rem;padding-bottom:1rem}\n",
	    ".partnership{font-size:1.25rem;font-weight:700;margin:0}\n",
	    "header h1{font-size:2.25rem;margin:.25em 0}\n",
	    ".period{font-size:1.15rem;margin:0 0 1rem}\n",
	    ".vision{font-style:italic;border-left:4px solid var(--accent);padding-left:1rem}\n",
	    "img.logo{display:block;max-width:12rem;height:auto;margin-bottom:1rem}\n",
	    "nav.contents ol{padding-left:1.25rem}nav.contents li{margin:.25rem 0}\n",
	    "section.level1{border-top:1px solid var(--rule);margin-top:2.5rem}\n",
	    "figure{margin:1.5rem 0}\n",
	    "figcaption,caption,.kpis-title,.callout-title{font-weight:700;text-align:left;"
	    "margin:0 0 .5rem}\n",
	    "figure.image img{max-width:100%;height:auto}\n",
	    "figure.image figcaption{font-weight:400;color:var(--caption)}\n",
	    "svg{display:block;width:100%;max-width:100%;height:auto;font-family:Report,"
	    "\"Open Sans\",sans-serif}\n",
	    "svg.narrow{display:none}\n",
	    "@media (max-width:36rem){svg.wide{display:none}svg.narrow{display:block}}\n",
	    ".table-scroll{overflow-x:auto;margin:1.5rem 0;"
	    "background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),"
	    "linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) 100% 0,"
	    "radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.3),rgba(0,0,0,0)),"
	    "radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.3),rgba(0,0,0,0)) 100% 0;"
	    "background-repeat:no-repeat;background-size:2.5rem 100%,2.5rem 100%,1rem 100%,"
	    "1rem 100%;background-attachment:local,local,scroll,scroll}\n",
	    "table{border-collapse:collapse;min-width:100%}\n",
	    "th,td{padding:.35rem .6rem;border-bottom:1px solid var(--rule);text-align:left;"
	    "vertical-align:top}\n",
	    "thead th{background:var(--th-fill);color:var(--th-text)}\n",
	    "tbody th{font-weight:400}\n",
	    "tbody tr:nth-child(even){background:var(--zebra)}\n",
	    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
	    ".centre{text-align:center}\n",
	    "tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--rule)}\n",
	    ".table-note{color:var(--caption);margin-top:-1rem}\n",
	    "details.chart-data{margin:-.5rem 0 1.5rem}\n",
	    "details.chart-data summary{cursor:pointer;color:var(--link);text-decoration:"
	    "underline}\n",
	    "dl.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,13rem),"
	    "1fr));gap:1rem;margin:1.5rem 0}\n",
	    ".kpi{min-width:0;overflow-wrap:anywhere;display:flex;flex-direction:column-reverse;justify-content:flex-end;"
	    "background:var(--kpi);border-left:4px solid var(--accent);padding:.75rem 1rem}\n",
	    ".kpi dd{margin:0;font-size:2rem;font-weight:700;color:var(--kpi-figure);"
	    "line-height:1.2}\n",
	    ".kpi dt{margin:0}\n",
	    "figure.quote{margin:1.5rem 0}\n",
	    "blockquote{margin:0;border-left:4px solid var(--accent);padding:.1rem 1rem;"
	    "font-style:italic}\n",
	    "figure.quote figcaption{font-weight:400;padding-left:1.25rem;margin-top:.5rem}\n",
	    ".callout{background:var(--callout);padding:.5rem 1rem;margin:1.5rem 0}\n",
	    "aside.scrutiny{background:var(--box);border:2px solid var(--box-border);"
	    "padding:0 1rem;margin:1.5rem 0}\n",
	    "aside.scrutiny h3,aside.scrutiny h4,aside.scrutiny h5,aside.scrutiny h6{"
	    "font-size:1.1rem;margin-top:1rem}\n",
	    ".byline{font-style:italic}\n",
	    ".signatures{display:flex;flex-wrap:wrap;gap:0 2rem}\n",
	    "sup.fn{line-height:0}sup.fn a{padding:0 .15em}\n",
	    "section.notes ol{padding-left:1.5rem}section.notes li p{margin:.25rem 0}\n",
	    "a.back{padding:0 .25rem}\n",
	    "footer{border-top:1px solid var(--rule);margin-top:3rem;padding-bottom:2rem;"
	    "color:var(--text)}\n",
	    ".gap-box{border:1px dashed var(--note-border);background:var(--note-fill);"
	    "padding:1rem;margin:1.5rem 0;text-align:center}\n",
	    "mark.gap{background:var(--note-fill);color:var(--text);outline:1px dashed "
	    "var(--note-border)}\n",
	    ".where{font-size:.875rem}\n",
	    ".draft-note{background:var(--note-fill);border-left:4px solid var(--note-border);"
	    "padding:.5rem 1rem;margin:1rem 0}\n",
	    ".draft-banner{background:var(--note-fill);border:2px solid var(--note-border);"
	    "padding:.5rem 1rem;font-weight:700}\n",
	    "@media print{\n",
	    "html{font-size:11pt}\n",
	    ".skip,details.chart-data summary{display:none}\n",
	    "details.chart-data>*{display:block}\n",
	    "header,nav,main,footer{max-width:none;padding:0}\n",
	    "a{color:inherit}\n",
	    "section.level1{break-before:page;border-top:0}\n",
	    "h2,h3,h4,figcaption,caption{break-after:avoid}\n",
	    "figure,tr,.kpi,aside.scrutiny{break-inside:avoid}\n",
	    ".table-scroll{overflow:visible;background:none}\n",
	    "svg.wide{display:block}svg.narrow{display:none}\n",
	    "}\n",
	    "</style>\n"
	};
	for (size_t i = 0; i < sizeof css / sizeof *css; i++)
		put(o, css[i]);
}

static const char *period_text(struct html *h)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
					      "June", "July", "August", "September", "October",
					      "November", "December" };
	const struct report *r = &h->m->report;
	struct date a = r->meta.period_start, b = r->meta.period_end;
	if (a.year && b.year && a.month >= 1 && a.month <= 12 && b.month >= 1 && b.month <= 12)
		return arena_printf(h->arena, "%d %s %d to %d %s %d", a.day, months[a.month - 1],
				    a.year, b.day, months[b.month - 1], b.year);
	int y = r->head.period.first_year;
	if (!y)
		return "";
	return arena_printf(h->arena, "1 April %d to 31 March %d", y, y + 1);
}

static void put_cover(struct html *h)
{
	const struct report_meta *meta = &h->m->report.meta;
	struct buf *o = &h->out;
	put(o, "<header class=\"cover\">\n");
	if (meta->logo_src) {
		struct buf alt = { 0 };
		put(&alt, "");
		put_collapsed(&alt, meta->partnership);
		const char *a = *alt.s ? arena_printf(h->arena, "Logo of %s", alt.s) : "Logo";
		free(alt.s);
		put_image(h, meta->logo_src, a, "logo");
		put(o, "\n");
	}
	put(o, "<p class=\"partnership\">");
	put_collapsed(o, meta->partnership);
	put(o, "</p>\n<h1>");
	put_collapsed(o, meta->title);
	put(o, "</h1>\n<p class=\"period\">");
	put_esc(o, period_text(h));
	put(o, "</p>\n");
	if (meta->vision) {
		put(o, "<p class=\"vision\">");
		put_collapsed(o, meta->vision);
		put(o, "</p>\n");
	}
	if (h->opts && h->opts->draft && h->opts->draft_stamp) {
		put(o, "<p class=\"draft-banner\">");
		put_esc(o, h->opts->draft_stamp);
		put(o, "</p>\n");
	}
	draft_anchor(h, NULL);
	put(o, "</header>\n");
}

static void put_contents(struct html *h)
{
	struct buf *o = &h->out;
	put(o, "<nav class=\"contents\" aria-labelledby=\"contents\">\n"
	       "<h2 id=\"contents\">Contents</h2>\n");
	/* A draft's notes on the contents page (the report's root) go here. */
	for (const struct block *b = h->m->report.body; b; b = b->next)
		if (b->kind == BLK_CONTENTS) {
			draft_anchor(h, b);
			break;
		}
	put(o, "<ol>\n");
	for (const struct block *s = h->m->report.body; s; s = s->next) {
		if (s->kind != BLK_SECTION || !s->u.section.id)
			continue;
		put(o, "<li><a href=\"#sec-");
		put_esc(o, s->u.section.id);
		put(o, "\">");
		put_esc(o, section_title(h, &s->u.section));
		put(o, "</a>");
		bool sub = false;
		for (const struct block *c = s->u.section.blocks; c; c = c->next) {
			if (c->kind != BLK_SECTION || !c->u.section.id)
				continue;
			put(o, sub ? "" : "\n<ol>\n");
			sub = true;
			put(o, "<li><a href=\"#sec-");
			put_esc(o, c->u.section.id);
			put(o, "\">");
			put_esc(o, section_title(h, &c->u.section));
			put(o, "</a></li>\n");
		}
		put(o, sub ? "</ol>\n</li>\n" : "</li>\n");
	}
	put(o, "</ol>\n</nav>\n");
}

/* The chart as a phone shows it: pies, donuts and columns of one series
 * become horizontal bars, whose labels stay whole and readable at a
 * narrow width (DECISIONS.md: the same data and labels, laid out again). */
static const struct block *narrow_chart(struct html *h, const struct block *b)
{
	enum chart_type t = b->u.chart.type;
	if (!b->u.chart.type_valid || (t != CHART_PIE && t != CHART_DONUT && t != CHART_BAR))
		return b;
	struct block *copy = arena_alloc(h->arena, sizeof *copy);
	*copy = *b;
	copy->next = NULL;
	copy->u.chart.type = CHART_HBAR;
	copy->u.chart.table = CHART_TABLE_NO;
	return copy;
}

/* Lays out the blocks whose content layout computes: each chart (with a
 * table of its figures, shown behind details when the author asked for
 * none) and data table at the text width, and each chart again narrow,
 * for phones. */
static bool lay_out(struct html *h, struct diags *d, struct dl **wide, struct dl **narrow)
{
	struct gather g = { 0 };
	static const struct model_visitor v = { .block = gather_block };
	model_walk(h->m, &v, &g);
	const struct block **blocks = xmalloc((g.n ? g.n : 1) * sizeof *blocks);
	const struct block **charts = xmalloc((g.n ? g.n : 1) * sizeof *charts);
	size_t n_charts = 0;
	h->laid = arena_array(h->arena, g.n ? g.n : 1, sizeof *h->laid);
	h->n_laid = g.n;
	for (size_t i = 0; i < g.n; i++) {
		const struct block *b = g.blocks[i];
		h->laid[i] = (struct laid){ .b = b, .top = i, .narrow_top = NONE };
		blocks[i] = b;
		if (b->kind == BLK_CHART) {
			/* One page has no annex: a table the author put there
			 * stands beneath its chart, as table="yes" does. */
			enum chart_table t = b->u.chart.table;
			if (t != CHART_TABLE_YES) {
				struct block *copy = arena_alloc(h->arena, sizeof *copy);
				*copy = *b;
				copy->next = NULL;
				copy->u.chart.table = CHART_TABLE_YES;
				blocks[i] = copy;
				h->laid[i].table_added = t != CHART_TABLE_ANNEX;
			}
			h->laid[i].narrow_top = n_charts;
			charts[n_charts++] = narrow_chart(h, b);
		}
	}
	struct style wide_st = *h->st;
	wide_st.chart.table_annex = false;
	*wide = layout_blocks(h->m, &wide_st, h->fonts, h->opts, blocks, g.n, d);
	/* A phone is about 20 em wide: a chart drawn 26 em wide keeps
	 * its labels readable where the wide one would shrink them. */
	struct style st = *h->st;
	double text_w = 26 * st.text[STYLE_BODY].size_pt;
	double margins = st.page.margin_inner_pt + st.page.margin_outer_pt;
	if (st.page.width_pt > text_w + margins)
		st.page.width_pt = text_w + margins;
	*narrow = *wide && n_charts ? layout_blocks(h->m, &st, h->fonts, h->opts, charts, n_charts,
						    d)
				    : NULL;
	free(blocks);
	free(charts);
	free(g.blocks);
	qsort(h->laid, h->n_laid, sizeof *h->laid, laid_cmp);
	return *wide && (!n_charts || *narrow);
}

int render_html(const struct model *m, const struct style *style,
		const struct font_family *fonts, const struct layout_options *opts,
		struct diags *d, render_write_fn *write, void *ctx, char *err, size_t err_size)
{
	struct html h = { .m = m, .st = style, .fonts = fonts, .opts = opts, .ok = true };
	h.arena = arena_new();
	h.draft = opts && opts->draft;
	if (h.draft && opts->warnings && opts->warnings->n_incomplete) {
		h.gaps = arena_new();
		h.filled = model_gaps_filled(m, h.gaps);
	}
	places_make(&h);
	h.cur = &h.out;
	put(&h.out, "");
	put(&h.notes, "");
	put(&h.note, "");
	struct dl *wide = NULL, *narrow = NULL;
	int rc = 1;
	if (!lay_out(&h, d, &wide, &narrow))
		goto done;
	tree_build(&h.wide, wide);
	if (narrow)
		tree_build(&h.narrow, narrow);
	for (size_t i = 0; i < h.n_laid; i++)
		if (h.laid[i].narrow_top != NONE && !narrow)
			h.laid[i].narrow_top = NONE;

	struct buf *o = &h.out;
	put(o, "<!DOCTYPE html>\n<html lang=\"");
	put_esc(o, m->report.lang ? m->report.lang : "en-GB");
	put(o, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	if (opts && opts->draft)
		put(o, "Draft: ");
	put_esc(o, wide->info.title ? wide->info.title : "Report");
	put(o, "</title>\n");
	if (wide->info.author) {
		put(o, "<meta name=\"author\" content=\"");
		put_esc(o, wide->info.author);
		put(o, "\">\n");
	}
	put(o, "<meta name=\"generator\" content=\"reportc\">\n");
	put_css(&h, wide);
	put(o, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
	put_cover(&h);
	put_contents(&h);
	put(o, "<main id=\"main\">\n");
	draft_unplaced(&h);
	for (const struct block *b = m->report.body; b; b = b->next)
		if (b->kind == BLK_SECTION)
			model_walk_block(m, b, &block_visitor, &h);
	if (h.n_notes) {
		put(o, "<section class=\"notes\" aria-labelledby=\"notes\">\n"
		       "<h2 id=\"notes\">Notes</h2>\n<ol>\n");
		put(o, h.notes.s);
		put(o, "</ol>\n</section>\n");
	}
	put_open_points(&h);
	put(o, "</main>\n<footer>\n<p>");
	put_esc(o, wide->info.title ? wide->info.title : "");
	if (opts && opts->draft && opts->draft_stamp) {
		put(o, " \xc2\xb7 ");
		put_esc(o, opts->draft_stamp);
	}
	put(o, "</p>\n</footer>\n</body>\n</html>\n");
	if (!h.ok) {
		snprintf(err, err_size, "cannot compress an image of the report");
		rc = -1;
		goto done;
	}
	rc = write(ctx, h.out.s, h.out.len) == 0 ? 0 : -1;
	if (rc)
		snprintf(err, err_size, "cannot write the HTML");
done:
	if (wide)
		tree_free(&h.wide);
	if (narrow)
		tree_free(&h.narrow);
	dl_free(wide);
	dl_free(narrow);
	free(h.out.s);
	free(h.notes.s);
	free(h.note.s);
	free(h.places);
	layout_notes_free(h.notes_of);
	arena_free(h.gaps);
	arena_free(h.arena);
	return rc;
}
