/* init.c - `reportc init`: next year's folder written from this year's
 * model as XML text (escaped here: libxml2 is the loader's alone), into a
 * hidden folder that is renamed into place once every file is written. */
#define _POSIX_C_SOURCE 200809L

#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "figure.h"
#include "load.h"
#include "output.h"
#include "text.h"
#include "vocab.h"

enum {
	WRAP_COLUMN = 92,         /* where running text in an element wraps */
	COPY_CHUNK = 64 * 1024,   /* bytes read at a time when copying an image */
};

/* ---- XML text ----------------------------------------------------------- */

/* A document being written, and the indentation (in steps of two spaces)
 * of its next line. */
struct xml {
	char *s;
	size_t len, cap;
	int depth;
	bool first_attr;         /* the tag being written has no attribute yet */
};

static void put_bytes(struct xml *x, const char *s, size_t n)
{
	xgrow(&x->s, &x->cap, x->len + n, 1);
	memcpy(x->s + x->len, s, n);
	x->len += n;
	x->s[x->len] = '\0';
}

static void put(struct xml *x, const char *s)
{
	put_bytes(x, s, strlen(s));
}

static void RC_PRINTF(2, 3) putf(struct xml *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	put_bytes(x, text, strlen(text));
	free(text);
}

/* s with the characters XML gives a meaning escaped. In an attribute value
 * a parser turns tab and line breaks into spaces, so they are written as
 * character references to survive; a carriage return would become a line
 * feed anywhere. */
static void put_escaped(struct xml *x, const char *s, bool in_attribute)
{
	const char *run = s, *p = s;
	for (; *p; p++) {
		const char *ref = NULL;
		switch (*p) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = in_attribute ? "&quot;" : NULL; break;
		case '\t': ref = in_attribute ? "&#9;" : NULL; break;
		case '\n': ref = in_attribute ? "&#10;" : NULL; break;
		case '\r': ref = "&#13;"; break;
		default: break;
		}
		if (!ref)
			continue;
		put_bytes(x, run, (size_t)(p - run));
		put(x, ref);
		run = p + 1;
	}
	put_bytes(x, run, (size_t)(p - run));
}

const char *init_xml_escape(struct arena *arena, const char *s, bool in_attribute)
{
	struct xml x = { 0 };
	put_escaped(&x, s, in_attribute);
	const char *out = arena_strndup(arena, x.s ? x.s : "", x.len);
	free(x.s);
	return out;
}

static void indent(struct xml *x)
{
	for (int i = 0; i < x->depth; i++)
		put(x, "  ");
}

/* An element is written as open_tag, its attributes, then one ending:
 * end_empty ("/>"), end_open (children follow, then close_tag) or
 * end_text (text content on the same line). */
static void open_tag(struct xml *x, const char *name)
{
	indent(x);
	putf(x, "<%s", name);
	x->first_attr = true;
}

/* Characters on the line being written so far. */
static size_t column(const struct xml *x)
{
	size_t col = 0;
	for (size_t i = x->len; i > 0 && x->s[i - 1] != '\n'; i--)
		col += ((unsigned char)x->s[i - 1] & 0xC0) != 0x80;
	return col;
}

/* An attribute, on a continuation line (indented two steps) when it would
 * run past WRAP_COLUMN and is not the tag's first. */
static void attr(struct xml *x, const char *name, const char *value)
{
	if (!value)
		return;
	struct xml a = { 0 };
	putf(&a, "%s=\"", name);
	put_escaped(&a, value, true);
	put(&a, "\"");
	if (!x->first_attr && column(x) + 1 + text_utf8_length(a.s) > WRAP_COLUMN) {
		put(x, "\n");
		x->depth += 2;
		indent(x);
		x->depth -= 2;
	} else {
		put(x, " ");
	}
	put_bytes(x, a.s, a.len);
	free(a.s);
	x->first_attr = false;
}

static void end_empty(struct xml *x)
{
	put(x, "/>\n");
}

static void end_open(struct xml *x)
{
	put(x, ">\n");
	x->depth++;
}

static void close_tag(struct xml *x, const char *name)
{
	x->depth--;
	indent(x);
	putf(x, "</%s>\n", name);
}

static void end_text(struct xml *x, const char *name, const char *text)
{
	put(x, ">");
	put_escaped(x, text ? text : "", false);
	putf(x, "</%s>\n", name);
}

/* Running text (words separated by single spaces) as an element's
 * content, wrapped at WRAP_COLUMN with continuation lines indented one
 * step further: the loader collapses white space in such text, and
 * narrative paragraphs are read that way too. */
static void end_wrapped(struct xml *x, const char *name, const char *text)
{
	/* Escaping adds no space, so the escaped text wraps at the same words. */
	struct xml e = { 0 };
	put_escaped(&e, text, false);
	const char *s = e.s ? e.s : "";
	put(x, ">");
	for (const char *p = s; *p;) {
		size_t len = strcspn(p, " "), width = 0;
		for (size_t i = 0; i < len; i++)
			width += ((unsigned char)p[i] & 0xC0) != 0x80;
		if (p != s && column(x) + 1 + width > WRAP_COLUMN) {
			put(x, "\n");
			x->depth++;
			indent(x);
			x->depth--;
		} else if (p != s) {
			put(x, " ");
		}
		put_bytes(x, p, len);
		p += len;
		while (*p == ' ')
			p++;
	}
	free(e.s);
	putf(x, "</%s>\n", name);
}

static void xml_declaration(struct xml *x, const char *comment)
{
	put(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	putf(x, "<!-- %s -->\n", comment);
}

/* ---- values ------------------------------------------------------------- */

/* A value as it was written: its hundredths at its written decimals. */
static const char *written(struct decimal d, char *buf, size_t size)
{
	long long h = (long long)d.hundredths;
	if (d.decimals <= 0)
		snprintf(buf, size, "%lld", h / 100);
	else if (d.decimals == 1)
		snprintf(buf, size, "%lld.%lld", h / 100, h % 100 / 10);
	else
		snprintf(buf, size, "%lld.%02lld", h / 100, h % 100);
	return buf;
}

/* A figure computed from the data: money with pence only when not whole,
 * counts whole. */
static const char *figure_text(struct figure f, char *buf, size_t size)
{
	long long h = (long long)f.hundredths;
	if (h % 100 == 0)
		snprintf(buf, size, "%lld", h / 100);
	else
		snprintf(buf, size, "%lld.%02lld", h / 100, h % 100);
	return buf;
}

static const char *date_text(struct date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
	return buf;
}

/* ---- the year ----------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The number the n characters at s write, or -1 when they are not all
 * digits. */
static int digits_value(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Length of a mention of the period first_year at s ("2023-24",
 * "2023–2024" …), 0 when there is none; the separator's length in
 * *sep_len and the second year's digits in *second_digits. The caller has
 * made sure no digit stands before s. */
static size_t period_mention(const char *s, int first_year, size_t *sep_len,
			     size_t *second_digits)
{
	static const char *const separators[] = { "-", "/", "\xE2\x80\x93" /* en dash */ };
	if (digits_value(s, 4) != first_year)
		return 0;
	for (size_t i = 0; i < sizeof separators / sizeof separators[0]; i++) {
		size_t sl = strlen(separators[i]);
		if (strncmp(s + 4, separators[i], sl) != 0)
			continue;
		const char *second = s + 4 + sl;
		/* The four-digit form first: "2023-2024" also starts "2023-20". */
		static const size_t widths[] = { 4, 2 };
		for (size_t w = 0; w < 2; w++) {
			size_t width = widths[w];
			int want = width == 4 ? first_year + 1 : (first_year + 1) % 100;
			if (strnlen(second, width) == width && digits_value(second, width) == want &&
			    !is_digit(second[width])) {
				*sep_len = sl;
				*second_digits = width;
				return 4 + sl + width;
			}
		}
	}
	return 0;
}

/* Length of "1 April FIRST_YEAR" or "31 March FIRST_YEAR+1" (the period's
 * first and last days, as the narrative writes them) at s, 0 when neither
 * is there; which one in *last_day. */
static size_t day_mention(const char *s, int first_year, bool *last_day)
{
	static const char *const days[] = { "1 April ", "31 March " };
	for (int i = 0; i < 2; i++) {
		size_t n = strlen(days[i]);
		if (strncmp(s, days[i], n) != 0 || digits_value(s + n, 4) != first_year + i ||
		    is_digit(s[n + 4]))
			continue;
		*last_day = i == 1;
		return n + 4;
	}
	return 0;
}

const char *init_advance_text(struct arena *arena, const char *text, int first_year)
{
	struct xml out = { 0 };
	size_t len = strlen(text), i = 0, run = 0;
	while (i < len) {
		size_t sep_len = 0, second_digits = 0, n = 0, day = 0;
		bool last_day = false;
		if (i == 0 || !is_digit(text[i - 1])) {
			n = period_mention(text + i, first_year, &sep_len, &second_digits);
			if (!n)
				day = day_mention(text + i, first_year, &last_day);
		}
		if (!n && !day) {
			i++;
			continue;
		}
		put_bytes(&out, text + run, i - run);
		if (day) {
			/* "31 March 2024": the words, then the year moved on. */
			put_bytes(&out, text + i, day - 4);
			putf(&out, "%04d", first_year + 1 + last_day);
			i += day;
			run = i;
			continue;
		}
		putf(&out, "%04d", first_year + 1);
		put_bytes(&out, text + i + 4, sep_len);
		if (second_digits == 4)
			putf(&out, "%04d", first_year + 2);
		else
			putf(&out, "%02d", (first_year + 2) % 100);
		i += n;
		run = i;
	}
	put_bytes(&out, text + run, len - run);
	const char *result = arena_strndup(arena, out.s ? out.s : "", out.len);
	free(out.s);
	return result;
}

struct date init_advance_date(struct date d)
{
	if (d.year == 0)
		return d;
	d.year++;
	bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
	if (d.month == 2 && d.day == 29 && !leap)
		d.day = 28;
	return d;
}

/* ---- the new folder's content ------------------------------------------- */

/* What writing the new folder needs. */
struct init {
	const struct model *m;       /* last year's folder, checked clean */
	struct arena *arena;         /* texts made while writing */
	struct period old, next;     /* last year's period and the new one */
	const char **images;         /* image paths to copy, normalised, once each */
	size_t n_images, cap_images;
	bool bad_image;              /* an image path that leaves the folder */
};

/* s with last year's period moved on; NULL stays NULL. */
static const char *advanced(struct init *in, const char *s)
{
	return s ? init_advance_text(in->arena, s, in->old.first_year) : NULL;
}

/* src without "." components and with ".." resolved, so that the copy
 * lands where the new report.xml names it; NULL when it leaves the
 * folder (the old folder's check refuses that, so it is a safeguard). */
static const char *normalised_path(struct init *in, const char *src)
{
	if (!src || src[0] == '/')
		return NULL;
	size_t n = strlen(src);
	char *out = arena_alloc(in->arena, n + 1);
	size_t k = 0;
	for (const char *p = src; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (k == 0)
				return NULL;
			while (k > 0 && out[k - 1] != '/')
				k--;
			if (k > 0)
				k--;
		} else if (len && !(len == 1 && p[0] == '.')) {
			if (k)
				out[k++] = '/';
			memcpy(out + k, p, len);
			k += len;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	out[k] = '\0';
	return k ? out : NULL;
}

/* An image the new folder needs: its path as the new report.xml names it. */
static const char *use_image(struct init *in, const char *src)
{
	const char *path = normalised_path(in, src);
	if (!path) {
		in->bad_image = true;
		return src;
	}
	for (size_t i = 0; i < in->n_images; i++)
		if (strcmp(in->images[i], path) == 0)
			return path;
	xgrow(&in->images, &in->cap_images, in->n_images, sizeof *in->images);
	in->images[in->n_images++] = path;
	return path;
}

/* ---- report.xml --------------------------------------------------------- */

/* Runs of white space as one space, as the text will be read. */
static const char *collapsed(struct init *in, const char *s)
{
	char *out = arena_alloc(in->arena, strlen(s) + 1);
	size_t k = 0;
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = true;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = *s;
	}
	if (space)
		out[k++] = ' ';
	out[k] = '\0';
	return out;
}

/* "<name" inside running text: its attributes follow on the same line. */
static void inline_tag(struct xml *x, const char *name)
{
	putf(x, "<%s", name);
	x->first_attr = true;
}

/* Inline content kept as it was (table heads and row labels), with last
 * year's period moved on in its text and in `change from`: the mirror of
 * load_inlines(), one tag per event of the walk. */
struct inline_writer {
	struct init *in;
	struct xml *x;
};

static void put_inline(struct model_walk *w, const struct inline_node *node, enum model_event ev)
{
	struct inline_writer *iw = w->ctx;
	struct init *in = iw->in;
	struct xml *x = iw->x;
	const char *tag = vocab_inline_name(node->kind);
	if (ev == MODEL_EXIT) {
		/* Elements with content close; empty ones closed themselves. */
		if (node->kind == IN_EM || node->kind == IN_STRONG || node->kind == IN_NOTE ||
		    node->kind == IN_LINK)
			putf(x, "</%s>", tag);
		return;
	}
	switch (node->kind) {
	case IN_TEXT:
		put_escaped(x, advanced(in, collapsed(in, node->text ? node->text : "")), false);
		break;
	case IN_EM:
	case IN_STRONG:
	case IN_NOTE:
		putf(x, "<%s>", tag);
		break;
	case IN_LINK:
		inline_tag(x, tag);
		attr(x, VOCAB_AT_HREF, node->target);
		put(x, ">");
		break;
	case IN_REF:
		inline_tag(x, tag);
		attr(x, VOCAB_AT_TO, node->target);
		put(x, "/>");
		break;
	case IN_VALUE:
		inline_tag(x, tag);
		attr(x, VOCAB_AT_OF, node->target);
		put(x, "/>");
		break;
	case IN_CHANGE: {
		/* "change from last year" keeps meaning that next year. */
		char from[8];
		struct period p = { node->from.first_year ? node->from.first_year + 1 : 0 };
		inline_tag(x, tag);
		attr(x, VOCAB_AT_OF, node->target);
		attr(x, VOCAB_AT_FROM, period_format(p, from));
		put(x, "/>");
		break;
	}
	}
}

static void put_inlines(struct init *in, struct xml *x, const struct table_cell *c)
{
	model_walk_inlines(in->m, c->inlines, FIELD_CELL_TEXT, c->pos,
			   &(struct model_visitor){ .inline_node = put_inline },
			   &(struct inline_writer){ in, x });
}

/* A cell: its inline content when kept, else the text still to enter. */
static void put_cell(struct init *in, struct xml *x, const struct table_cell *c, bool keep)
{
	open_tag(x, VOCAB_EL_CELL);
	if (c->align != ALIGN_DEFAULT)
		attr(x, VOCAB_AT_ALIGN, vocab_align_names[c->align - ALIGN_LEFT]);
	put(x, ">");
	if (keep) {
		/* Written apart first, so that the cell's outer spaces can go. */
		struct xml content = { 0 };
		put_inlines(in, &content, c);
		const char *s = content.s ? content.s : "";
		size_t len = content.len;
		while (*s == ' ')
			s++, len--;
		while (len && s[len - 1] == ' ')
			len--;
		put_bytes(x, s, len);
		free(content.s);
	} else {
		put(x, VOCAB_TEXT_TO_ENTER);
	}
	put(x, "</cell>\n");
}

/* A hand-written table keeps its head; in each row the first cell labels
 * the row and is kept (when there are others), the rest are to enter. */
static void put_table(struct init *in, struct xml *x, const struct table *t)
{
	open_tag(x, vocab_block_name(BLK_TABLE));
	attr(x, VOCAB_AT_TITLE, advanced(in, t->title));
	end_open(x);
	open_tag(x, VOCAB_EL_HEAD);
	end_open(x);
	for (size_t i = 0; i < t->head.n_cells; i++)
		put_cell(in, x, &t->head.cells[i], true);
	close_tag(x, VOCAB_EL_HEAD);
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct table_row *row = &t->rows[r];
		open_tag(x, VOCAB_EL_ROW);
		end_open(x);
		for (size_t i = 0; i < row->n_cells; i++)
			put_cell(in, x, &row->cells[i], i == 0 && row->n_cells > 1);
		close_tag(x, VOCAB_EL_ROW);
	}
	close_tag(x, vocab_block_name(BLK_TABLE));
}

static void put_kpis(struct init *in, struct xml *x, const struct kpis *k)
{
	open_tag(x, vocab_block_name(BLK_KPIS));
	attr(x, VOCAB_AT_TITLE, advanced(in, k->title));
	end_open(x);
	for (size_t i = 0; i < k->n_kpis; i++) {
		const struct kpi *kpi = &k->kpis[i];
		open_tag(x, VOCAB_EL_KPI);
		if (kpi->of)
			attr(x, VOCAB_AT_OF, kpi->of);
		else
			attr(x, VOCAB_AT_VALUE, VOCAB_TEXT_TO_ENTER);
		attr(x, VOCAB_AT_LABEL, advanced(in, kpi->label));
		end_empty(x);
	}
	close_tag(x, vocab_block_name(BLK_KPIS));
}

/* A chart keeps its place and data; last year's alt text described last
 * year's figures, so it is to write again. */
static void put_chart(struct init *in, struct xml *x, const struct chart *c)
{
	open_tag(x, vocab_block_name(BLK_CHART));
	attr(x, VOCAB_AT_OF, c->of);
	if (c->type_given)
		attr(x, VOCAB_AT_TYPE, chart_type_name(c->type));
	attr(x, VOCAB_AT_TITLE, advanced(in, c->title));
	attr(x, VOCAB_AT_ALT, VOCAB_TEXT_TO_WRITE "what this chart shows, in one sentence]");
	/* Last year's headline told last year's figures. */
	if (c->headline)
		attr(x, VOCAB_AT_HEADLINE, VOCAB_TEXT_TO_WRITE "this year's headline]");
	if (c->source)
		attr(x, VOCAB_AT_SOURCE, advanced(in, c->source));
	if (c->sort_given)
		attr(x, VOCAB_AT_SORT, vocab_sort_names[c->sort]);
	if (c->table != CHART_TABLE_ABSENT)
		attr(x, VOCAB_AT_TABLE, c->table == CHART_TABLE_NO    ? VOCAB_NO
					: c->table == CHART_TABLE_YES ? VOCAB_YES
								      : VOCAB_ANNEX);
	end_empty(x);
}

/* What a section's narrative held last year, counted by kind. */
struct narrative {
	size_t paragraphs, lists, quotes, callouts, signatures;
};

static bool is_narrative(enum block_kind kind)
{
	return kind == BLK_P || kind == BLK_LIST || kind == BLK_QUOTE || kind == BLK_CALLOUT ||
	       kind == BLK_SIGNATURES;
}

/* "a list", "3 lists"; NULL for none. */
static const char *how_many(struct init *in, size_t n, const char *one, const char *many)
{
	if (n == 0)
		return NULL;
	if (n == 1)
		return one;
	return arena_printf(in->arena, "%zu %s", n, many);
}

/* One paragraph standing for the section's narrative: "[To write: TITLE —
 * last year this section had 6 paragraphs and a list.]". */
static void put_placeholder(struct init *in, struct xml *x, const char *title,
			    const struct block *blocks)
{
	struct narrative n = { 0 };
	for (const struct block *b = blocks; b; b = b->next) {
		switch (b->kind) {
		case BLK_P: n.paragraphs++; break;
		case BLK_LIST: n.lists++; break;
		case BLK_QUOTE: n.quotes++; break;
		case BLK_CALLOUT: n.callouts++; break;
		case BLK_SIGNATURES: n.signatures++; break;
		default: break;
		}
	}
	const char *parts[] = {
		how_many(in, n.paragraphs, "a paragraph", "paragraphs"),
		how_many(in, n.lists, "a list", "lists"),
		how_many(in, n.quotes, "a quote", "quotes"),
		how_many(in, n.callouts, "a callout", "callouts"),
		how_many(in, n.signatures, "signatures", "sets of signatures"),
	};
	size_t n_parts = 0, k = 0;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		n_parts += parts[i] != NULL;
	const char *had = "";
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (!parts[i])
			continue;
		const char *sep = k == 0 ? "" : k + 1 == n_parts ? " and " : ", ";
		had = arena_printf(in->arena, "%s%s%s", had, sep, parts[i]);
		k++;
	}
	const char *text = arena_printf(in->arena,
					VOCAB_TEXT_TO_WRITE "%s \xE2\x80\x94 last year this section had %s.]",
					title ? title : "this section", had);
	open_tag(x, vocab_block_name(BLK_P));
	end_wrapped(x, vocab_block_name(BLK_P), text);
}

/* covers="…" in the order doc/reference.md lists the items; NULL for none. */
static const char *covers_text(struct init *in, unsigned covers)
{
	const char *s = NULL;
	for (int i = 0; i < COVER_ITEM_COUNT; i++) {
		enum cover_item item = (enum cover_item)(1u << i);
		if (!(covers & (unsigned)item))
			continue;
		s = s ? arena_printf(in->arena, "%s %s", s, cover_item_name(item))
		      : cover_item_name(item);
	}
	return s;
}

/* The sections open while the body is written, innermost last: where
 * each one's narrative placeholder goes. */
struct open_section {
	const char *title;               /* moved on a year */
	const struct block *blocks;
	bool placed;                     /* its placeholder is written */
};

struct body_writer {
	struct init *in;
	struct xml *x;
	struct open_section *open;
	size_t n_open, cap_open;
};

/* The body of report.xml: everything that places data or pictures is kept
 * in order; a section's narrative gives way to one placeholder, where it
 * began. */
static bool put_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct body_writer *bw = w->ctx;
	struct init *in = bw->in;
	struct xml *x = bw->x;
	if (ev == MODEL_EXIT) { /* only sections are entered */
		close_tag(x, vocab_section_name(b->u.section.appendix));
		bw->n_open--;
		return true;
	}
	if (!model_walk_parent(w))
		put(x, "\n");
	if (is_narrative(b->kind)) {
		struct open_section *os = &bw->open[bw->n_open - 1];
		if (!os->placed)
			put_placeholder(in, x, os->title, os->blocks);
		os->placed = true;
		return false;
	}
	switch (b->kind) {
	case BLK_FIGURE:
		open_tag(x, vocab_block_name(BLK_FIGURE));
		attr(x, VOCAB_AT_SRC, use_image(in, b->u.figure.src));
		attr(x, VOCAB_AT_ALT, b->u.figure.alt);
		attr(x, VOCAB_AT_CAPTION, advanced(in, b->u.figure.caption));
		end_empty(x);
		break;
	case BLK_TABLE:
		put_table(in, x, &b->u.table);
		break;
	case BLK_DATA_TABLE:
		open_tag(x, vocab_block_name(BLK_DATA_TABLE));
		attr(x, VOCAB_AT_OF, b->u.data_table.of);
		attr(x, VOCAB_AT_TITLE, advanced(in, b->u.data_table.title));
		end_empty(x);
		break;
	case BLK_CHART:
		put_chart(in, x, &b->u.chart);
		break;
	case BLK_KPIS:
		put_kpis(in, x, &b->u.kpis);
		break;
	case BLK_SECTION: {
		const struct section *s = &b->u.section;
		const char *name = vocab_section_name(s->appendix);
		const char *title = advanced(in, s->title);
		open_tag(x, name);
		attr(x, VOCAB_AT_ID, s->id);
		attr(x, VOCAB_AT_TITLE, title);
		attr(x, VOCAB_AT_COVERS, covers_text(in, s->covers));
		if (!s->blocks) {
			end_empty(x);
			return false;
		}
		end_open(x);
		xgrow(&bw->open, &bw->cap_open, bw->n_open, sizeof *bw->open);
		bw->open[bw->n_open++] = (struct open_section){ title, s->blocks, false };
		return true;
	}
	case BLK_PAGE_BREAK:
	case BLK_SCRUTINY_PERSPECTIVE:
	case BLK_SCRUTINY_CONCLUSION:
	case BLK_CONTENTS:
		open_tag(x, vocab_block_name(b->kind));
		end_empty(x);
		break;
	case BLK_P:
	case BLK_LIST:
	case BLK_QUOTE:
	case BLK_CALLOUT:
	case BLK_SIGNATURES:
		break;
	}
	return false;
}

/* d, or the day of the new period it stands for when it is absent. */
static struct date advanced_date(struct date d, struct date fallback)
{
	return d.year ? init_advance_date(d) : fallback;
}

static void put_report(struct init *in, struct xml *x)
{
	const struct report *r = &in->m->report;
	const struct report_meta *meta = &r->meta;
	char period[8], date[16];
	char *comment = arena_printf(in->arena,
		"Started by reportc init from the %s report.xml. Each \"[To write: ...]\"\n"
		"     paragraph and alt text, and each \"[to enter]\" value, is still to write:\n"
		"     reportc check lists them as warnings.", period_format(in->old, period));
	xml_declaration(x, comment);
	open_tag(x, VOCAB_EL_REPORT);
	attr(x, VOCAB_AT_VERSION, VOCAB_FORMAT_VERSION);
	attr(x, VOCAB_AT_PERIOD, period_format(in->next, period));
	attr(x, VOCAB_AT_STYLE, r->style);
	attr(x, VOCAB_AT_LANG, r->lang);
	end_open(x);

	open_tag(x, VOCAB_EL_META);
	end_open(x);
	open_tag(x, VOCAB_EL_PARTNERSHIP);
	attr(x, VOCAB_AT_SHORT, meta->partnership_short);
	end_text(x, VOCAB_EL_PARTNERSHIP, meta->partnership);
	open_tag(x, VOCAB_EL_TITLE);
	attr(x, VOCAB_AT_SHORT, advanced(in, meta->title_short));
	end_text(x, VOCAB_EL_TITLE, advanced(in, meta->title));
	open_tag(x, VOCAB_EL_REPORTING_PERIOD);
	struct date start = { in->next.first_year, 4, 1 }, end = { in->next.first_year + 1, 3, 31 };
	attr(x, VOCAB_AT_START, date_text(advanced_date(meta->period_start, start), date, sizeof date));
	attr(x, VOCAB_AT_END, date_text(advanced_date(meta->period_end, end), date, sizeof date));
	end_empty(x);
	open_tag(x, VOCAB_EL_AUTHOR);
	end_text(x, VOCAB_EL_AUTHOR, meta->author);
	open_tag(x, VOCAB_EL_VISION);
	end_wrapped(x, VOCAB_EL_VISION, meta->vision ? meta->vision : "");
	if (meta->logo_src) {
		open_tag(x, VOCAB_EL_LOGO);
		attr(x, VOCAB_AT_SRC, use_image(in, meta->logo_src));
		end_empty(x);
	}
	close_tag(x, VOCAB_EL_META);

	struct body_writer bw = { .in = in, .x = x };
	model_walk_blocks(in->m, r->body, &(struct model_visitor){ .block = put_block }, &bw);
	free(bw.open);
	close_tag(x, VOCAB_EL_REPORT);
}

/* ---- the data files ----------------------------------------------------- */

static void open_root(struct init *in, struct xml *x, const char *name, const char *what)
{
	char period[8];
	char *comment = arena_printf(in->arena, "Started by reportc init from the %s %s.xml. %s",
				     period_format(in->old, period), name, what);
	xml_declaration(x, comment);
	open_tag(x, name);
	attr(x, VOCAB_AT_VERSION, VOCAB_FORMAT_VERSION);
	attr(x, VOCAB_AT_PERIOD, period_format(in->next, period));
}

static const char figures_note[] =
	"Each \"?\" is a\n     figure still to enter: reportc check lists them.";

/* This year's value of a figure path, for the row that keeps it as an
 * earlier year; "?" when the data has none (training attendees given
 * neither per course nor as a total). */
static const char *this_year(struct init *in, const char *path)
{
	struct figure_ref ref;
	if (figure_resolve(in->m, in->arena, path, &ref, NULL) != FIG_SCALAR)
		return VOCAB_FIGURE_TO_ENTER;
	char buf[32];
	return arena_strdup(in->arena, figure_text(ref.value, buf, sizeof buf));
}

/* An earlier year's row of the old file, unless the new file has a better
 * one: last year's own row is remade from its items, and a row for the
 * new year or after has no place among earlier years. */
static bool keep_earlier(const struct init *in, struct period p)
{
	return p.first_year && p.first_year < in->old.first_year;
}

static void put_money_lines(struct xml *x, const char *element, const char *name_attr,
			    const struct money_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		open_tag(x, element);
		attr(x, name_attr, lines[i].name);
		attr(x, VOCAB_AT_AMOUNT, VOCAB_FIGURE_TO_ENTER);
		end_empty(x);
	}
}

static void put_finance(struct init *in, struct xml *x)
{
	const struct finance *f = &in->m->finance;
	char period[8], a[32], b[32];
	open_root(in, x, VOCAB_EL_FINANCE, figures_note);
	attr(x, VOCAB_AT_CURRENCY, f->currency ? f->currency : VOCAB_CURRENCY);
	end_open(x);
	open_tag(x, VOCAB_EL_INCOME);
	end_open(x);
	put_money_lines(x, VOCAB_EL_CONTRIBUTION, VOCAB_AT_FROM, f->contributions,
			f->n_contributions);
	close_tag(x, VOCAB_EL_INCOME);
	open_tag(x, VOCAB_EL_EXPENDITURE);
	end_open(x);
	put_money_lines(x, VOCAB_EL_COST, VOCAB_AT_ITEM, f->costs, f->n_costs);
	close_tag(x, VOCAB_EL_EXPENDITURE);
	if (f->reserves_pos.line) {
		open_tag(x, VOCAB_EL_RESERVES);
		attr(x, VOCAB_AT_OPENING, VOCAB_FIGURE_TO_ENTER);
		end_empty(x);
	}
	/* No totals: they would be two more figures to keep in step. */
	for (size_t i = 0; i < f->n_previous; i++) {
		const struct finance_previous *p = &f->previous[i];
		if (!keep_earlier(in, p->period))
			continue;
		open_tag(x, VOCAB_EL_PREVIOUS);
		attr(x, VOCAB_AT_PERIOD, period_format(p->period, period));
		attr(x, VOCAB_AT_INCOME, written(p->income, a, sizeof a));
		attr(x, VOCAB_AT_EXPENDITURE, written(p->expenditure, b, sizeof b));
		end_empty(x);
	}
	open_tag(x, VOCAB_EL_PREVIOUS);
	attr(x, VOCAB_AT_PERIOD, period_format(in->old, period));
	attr(x, VOCAB_AT_INCOME, this_year(in, "finance.income"));
	attr(x, VOCAB_AT_EXPENDITURE, this_year(in, "finance.expenditure"));
	end_empty(x);
	close_tag(x, VOCAB_EL_FINANCE);
}

/* A breakdown with the same id, title, `of`, partial and labels; its base
 * (when it had one) and each item's figure to enter. */
static void put_breakdown(struct init *in, struct xml *x, const struct breakdown *bd)
{
	open_tag(x, VOCAB_EL_BREAKDOWN);
	attr(x, VOCAB_AT_ID, bd->id);
	attr(x, VOCAB_AT_TITLE, advanced(in, bd->title));
	attr(x, VOCAB_AT_OF, bd->of);
	if (bd->base.present)
		attr(x, VOCAB_AT_BASE, VOCAB_FIGURE_TO_ENTER);
	if (bd->partial)
		attr(x, VOCAB_AT_PARTIAL, VOCAB_TRUE);
	end_open(x);
	for (size_t i = 0; i < bd->n_items; i++) {
		const struct breakdown_item *item = &bd->items[i];
		open_tag(x, VOCAB_EL_ITEM);
		attr(x, VOCAB_AT_LABEL, item->label);
		attr(x, item->measure == MEASURE_COUNT ? VOCAB_AT_COUNT : VOCAB_AT_PERCENT,
		     VOCAB_FIGURE_TO_ENTER);
		end_empty(x);
	}
	close_tag(x, VOCAB_EL_BREAKDOWN);
}

static void put_lado(struct init *in, struct xml *x)
{
	const struct lado *l = &in->m->lado;
	char period[8], a[32], b[32];
	open_root(in, x, VOCAB_EL_LADO, figures_note);
	end_open(x);

	/* Last year's row stays as written: it is an earlier year now. */
	open_tag(x, VOCAB_EL_ACTIVITY);
	end_open(x);
	for (size_t i = 0; i < l->n_years; i++) {
		const struct lado_year *y = &l->years[i];
		if (!y->period.first_year || y->period.first_year >= in->next.first_year)
			continue;
		open_tag(x, VOCAB_EL_YEAR);
		attr(x, VOCAB_AT_PERIOD, period_format(y->period, period));
		attr(x, VOCAB_AT_REFERRALS, written(y->referrals, a, sizeof a));
		attr(x, VOCAB_AT_CONTACTS, written(y->contacts, b, sizeof b));
		end_empty(x);
	}
	open_tag(x, VOCAB_EL_YEAR);
	attr(x, VOCAB_AT_PERIOD, period_format(in->next, period));
	attr(x, VOCAB_AT_REFERRALS, VOCAB_FIGURE_TO_ENTER);
	attr(x, VOCAB_AT_CONTACTS, VOCAB_FIGURE_TO_ENTER);
	end_empty(x);
	close_tag(x, VOCAB_EL_ACTIVITY);

	for (size_t i = 0; i < l->n_breakdowns; i++)
		put_breakdown(in, x, &l->breakdowns[i]);

	open_tag(x, VOCAB_EL_TIMESCALES);
	end_open(x);
	for (size_t i = 0; i < l->n_timescales; i++) {
		const struct lado_timescale *t = &l->timescales[i];
		if (!t->period.first_year || t->period.first_year >= in->next.first_year)
			continue;
		open_tag(x, VOCAB_EL_YEAR);
		attr(x, VOCAB_AT_PERIOD, period_format(t->period, period));
		for (int band = 0; band < BAND_COUNT; band++)
			attr(x, timescale_band_name((enum timescale_band)band),
			     written(t->band[band], a, sizeof a));
		end_empty(x);
	}
	open_tag(x, VOCAB_EL_YEAR);
	attr(x, VOCAB_AT_PERIOD, period_format(in->next, period));
	for (int band = 0; band < BAND_COUNT; band++)
		attr(x, timescale_band_name((enum timescale_band)band), VOCAB_FIGURE_TO_ENTER);
	end_empty(x);
	close_tag(x, VOCAB_EL_TIMESCALES);
	close_tag(x, VOCAB_EL_LADO);
}

static void put_group(struct init *in, struct xml *x, const char *name, const struct yjs_group *g)
{
	if (!g->present)
		return;
	open_tag(x, name);
	attr(x, VOCAB_AT_KIND, g->kind);
	attr(x, VOCAB_AT_TOTAL, VOCAB_FIGURE_TO_ENTER);
	attr(x, VOCAB_AT_CHILDREN, VOCAB_FIGURE_TO_ENTER);
	end_open(x);
	for (size_t i = 0; i < g->n_breakdowns; i++)
		put_breakdown(in, x, &g->breakdowns[i]);
	close_tag(x, name);
}

static void put_yjs(struct init *in, struct xml *x)
{
	const struct yjs *y = &in->m->yjs;
	char date[16];
	open_root(in, x, VOCAB_EL_YJS, figures_note);
	end_open(x);
	put_group(in, x, VOCAB_EL_OFFENCES, &y->offences);
	put_group(in, x, VOCAB_EL_INCIDENTS, &y->incidents);
	if (y->has_cohort) {
		/* The profile is taken at the same point of the next year. */
		struct date as_of = { in->next.first_year + 1, 7, 31 };
		open_tag(x, VOCAB_EL_COHORT);
		attr(x, VOCAB_AT_AS_OF,
		     date_text(advanced_date(y->cohort_as_of, as_of), date, sizeof date));
		end_open(x);
		for (size_t i = 0; i < y->n_measures; i++) {
			open_tag(x, VOCAB_EL_MEASURE);
			attr(x, VOCAB_AT_LABEL, y->measures[i].label);
			attr(x, VOCAB_AT_PERCENT, VOCAB_FIGURE_TO_ENTER);
			end_empty(x);
		}
		close_tag(x, VOCAB_EL_COHORT);
	}
	close_tag(x, VOCAB_EL_YJS);
}

static void put_training(struct init *in, struct xml *x)
{
	const struct training *t = &in->m->training;
	char period[8], a[32], b[32];
	open_root(in, x, VOCAB_EL_TRAINING, figures_note);
	end_open(x);
	bool every_attendees = true;
	for (size_t i = 0; i < t->n_courses; i++) {
		const struct course *c = &t->courses[i];
		open_tag(x, VOCAB_EL_COURSE);
		attr(x, VOCAB_AT_TITLE, c->title);
		attr(x, VOCAB_AT_MODE, training_mode_name(c->mode));
		attr(x, VOCAB_AT_SESSIONS, VOCAB_FIGURE_TO_ENTER);
		if (c->attendees.present)
			attr(x, VOCAB_AT_ATTENDEES, VOCAB_FIGURE_TO_ENTER);
		every_attendees = every_attendees && c->attendees.present;
		end_empty(x);
	}
	/* Totals are left out (the courses add up), except where attendance
	 * was known only as a total: without one, training.attendees would not
	 * exist and the report's figures of it would break. */
	if (t->has_totals && t->totals_attendees.present && !every_attendees) {
		open_tag(x, VOCAB_EL_TOTALS);
		attr(x, VOCAB_AT_SESSIONS, VOCAB_FIGURE_TO_ENTER);
		attr(x, VOCAB_AT_ATTENDEES, VOCAB_FIGURE_TO_ENTER);
		end_empty(x);
	}
	for (size_t i = 0; i < t->n_previous; i++) {
		const struct training_previous *p = &t->previous[i];
		if (!keep_earlier(in, p->period))
			continue;
		open_tag(x, VOCAB_EL_PREVIOUS);
		attr(x, VOCAB_AT_PERIOD, period_format(p->period, period));
		attr(x, VOCAB_AT_SESSIONS, written(p->sessions, a, sizeof a));
		attr(x, VOCAB_AT_ATTENDEES, written(p->attendees, b, sizeof b));
		end_empty(x);
	}
	open_tag(x, VOCAB_EL_PREVIOUS);
	attr(x, VOCAB_AT_PERIOD, period_format(in->old, period));
	attr(x, VOCAB_AT_SESSIONS, this_year(in, "training.sessions"));
	attr(x, VOCAB_AT_ATTENDEES, this_year(in, "training.attendees"));
	end_empty(x);
	close_tag(x, VOCAB_EL_TRAINING);
}

static void put_scrutiny(struct init *in, struct xml *x)
{
	const struct scrutiny *s = &in->m->scrutiny;
	open_root(in, x, VOCAB_EL_SCRUTINY,
		  "Comments,\n     perspective, conclusion and sign-off are the scrutineer's "
		  "to write.");
	end_open(x);
	open_tag(x, VOCAB_EL_SCRUTINEER);
	attr(x, VOCAB_AT_NAME, s->scrutineer_name ? s->scrutineer_name : "");
	attr(x, VOCAB_AT_ROLE, s->scrutineer_role ? s->scrutineer_role : "");
	end_empty(x);
	close_tag(x, VOCAB_EL_SCRUTINY);
}

/* A date of the register as written: YYYY-MM-DD, or YYYY-MM for a month. */
static const char *review_date_text(struct init *in, struct review_date d)
{
	if (!d.year)
		return NULL;
	return d.day ? arena_printf(in->arena, "%04d-%02d-%02d", d.year, d.month, d.day)
		     : arena_printf(in->arena, "%04d-%02d", d.year, d.month);
}

/* The register goes on into next year: a review still in progress stays
 * whole, a complete one only while it has actions not complete, and of
 * each review only the actions not complete stay (DECISIONS.md). Written
 * only when last year's folder had a register. */
static void put_reviews(struct init *in, struct xml *x)
{
	const struct reviews *rv = &in->m->reviews;
	if (!rv->head.loaded)
		return;
	char period[8];
	open_root(in, x, VOCAB_EL_REVIEWS, "Reviews\n     in progress and actions not complete "
		  "carried over; complete ones left\n     in last year's register.");
	end_open(x);
	for (size_t i = 0; i < rv->n_reviews; i++) {
		const struct review *r = &rv->reviews[i];
		bool open_actions = false;
		for (size_t k = 0; k < r->n_actions; k++)
			open_actions = open_actions || r->actions[k].status != ACTION_COMPLETE;
		if (r->status == REVIEW_COMPLETE && !open_actions)
			continue;
		open_tag(x, VOCAB_EL_REVIEW);
		attr(x, VOCAB_AT_ID, r->id);
		attr(x, VOCAB_AT_NAME, r->name);
		attr(x, VOCAB_AT_KIND, vocab_review_kinds[r->kind]);
		attr(x, VOCAB_AT_STATUS, vocab_review_statuses[r->status]);
		if (r->year.first_year)
			attr(x, VOCAB_AT_YEAR, period_format(r->year, period));
		end_open(x);
		for (size_t k = 0; k < r->n_milestones; k++) {
			const struct review_milestone_entry *e = &r->milestones[k];
			open_tag(x, VOCAB_EL_MILESTONE);
			attr(x, VOCAB_AT_EVENT, vocab_review_milestones[e->event]);
			attr(x, VOCAB_AT_DATE, review_date_text(in, e->date));
			if (e->expected)
				attr(x, VOCAB_AT_EXPECTED, VOCAB_YES);
			attr(x, VOCAB_AT_NOTE, e->note);
			end_empty(x);
		}
		for (size_t k = 0; k < r->n_links; k++) {
			open_tag(x, VOCAB_EL_LINK);
			attr(x, VOCAB_AT_KIND, vocab_review_link_kinds[r->links[k].kind]);
			attr(x, VOCAB_AT_HREF, r->links[k].href);
			end_empty(x);
		}
		for (size_t k = 0; k < r->n_themes; k++) {
			open_tag(x, VOCAB_EL_THEME);
			end_wrapped(x, VOCAB_EL_THEME, r->themes[k].text ? r->themes[k].text : "");
		}
		for (size_t k = 0; k < r->n_actions; k++) {
			const struct review_action *act = &r->actions[k];
			if (act->status == ACTION_COMPLETE)
				continue;
			open_tag(x, VOCAB_EL_ACTION);
			attr(x, VOCAB_AT_OWNER, act->owner);
			attr(x, VOCAB_AT_STATUS, vocab_action_statuses[act->status]);
			attr(x, VOCAB_AT_DATE, review_date_text(in, act->date));
			end_wrapped(x, VOCAB_EL_ACTION, act->text ? act->text : "");
		}
		close_tag(x, VOCAB_EL_REVIEW);
	}
	close_tag(x, VOCAB_EL_REVIEWS);
}

/* ---- writing the folder ------------------------------------------------- */

/* The hidden folder being filled, and what was made in it, in order, so
 * that a failure removes exactly that. */
struct staging {
	char *path;
	int fd;
	struct made {
		char *rel;
		bool is_dir;
	} *made;
	size_t n_made, cap_made;
};

static void record(struct staging *st, const char *rel, bool is_dir)
{
	xgrow(&st->made, &st->cap_made, st->n_made, sizeof *st->made);
	st->made[st->n_made++] = (struct made){ xstrdup(rel), is_dir };
}

static void RC_PRINTF(3, 4) fail(char *err, size_t err_size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, err_size, fmt, ap);
	va_end(ap);
}

/* Creates rel (which must not exist) in the staging folder with bytes. */
static bool write_file(struct staging *st, const char *rel, const char *bytes, size_t n,
		       const char *shown, char *err, size_t err_size)
{
	if (output_create_at(st->fd, rel, bytes, n, shown, err, err_size) != 0)
		return false;
	record(st, rel, false);
	return true;
}

/* Makes the folders above rel in the staging folder. */
static bool make_parents(struct staging *st, const char *rel, const char *shown, char *err,
			 size_t err_size)
{
	char *dir = xstrdup(rel);
	bool ok = true;
	for (char *slash = strchr(dir, '/'); slash && ok; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdirat(st->fd, dir, 0777) == 0) {
			record(st, dir, true);
		} else if (errno != EEXIST) {
			fail(err, err_size, "cannot make the folder for %s: %s", shown, strerror(errno));
			ok = false;
		}
		*slash = '/';
	}
	free(dir);
	return ok;
}

/* Copies the image rel of the old folder to the same place in the new. */
static bool copy_image(struct staging *st, int old_fd, const char *old_dir, const char *rel,
		       char *err, size_t err_size)
{
	int in = openat(old_fd, rel, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	struct stat sb;
	if (in < 0 || fstat(in, &sb) != 0) {
		fail(err, err_size, "cannot copy the image %s/%s: %s", old_dir, rel, strerror(errno));
		if (in >= 0)
			close(in);
		return false;
	}
	if (!S_ISREG(sb.st_mode)) {
		fail(err, err_size, "cannot copy the image %s/%s: it is not a regular file", old_dir,
		     rel);
		close(in);
		return false;
	}
	char *buf = xmalloc(COPY_CHUNK);
	struct xml bytes = { 0 };
	bool ok = true;
	for (;;) {
		ssize_t got = read(in, buf, COPY_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fail(err, err_size, "cannot read the image %s/%s: %s", old_dir, rel,
			     strerror(errno));
			ok = false;
			break;
		}
		if (got == 0)
			break;
		put_bytes(&bytes, buf, (size_t)got);
	}
	free(buf);
	close(in);
	ok = ok && make_parents(st, rel, rel, err, err_size) &&
	     write_file(st, rel, bytes.s ? bytes.s : "", bytes.len, rel, err, err_size);
	free(bytes.s);
	return ok;
}

/* Removes what the staging folder holds (only what was made in it), then
 * the folder. */
static void discard(struct staging *st)
{
	for (size_t i = st->n_made; i-- > 0;)
		unlinkat(st->fd, st->made[i].rel, st->made[i].is_dir ? AT_REMOVEDIR : 0);
	rmdir(st->path);
}

static void staging_free(struct staging *st)
{
	if (st->fd >= 0)
		close(st->fd);
	for (size_t i = 0; i < st->n_made; i++)
		free(st->made[i].rel);
	free(st->made);
	free(st->path);
}

/* NEW_DIR as it can be used: not there yet, or an empty folder (whose
 * permissions the new one keeps, in *mode). */
static int check_target(const char *dir, mode_t *mode, char *err, size_t err_size)
{
	struct stat sb;
	if (lstat(dir, &sb) != 0) {
		if (errno != ENOENT) {
			fail(err, err_size, "cannot use %s: %s", dir, strerror(errno));
			return EXIT_CANNOT_RUN;
		}
		/* The permissions mkdir would give: read the umask by setting it back. */
		mode_t mask = umask(0);
		umask(mask);
		*mode = 0777 & ~mask;
		return EXIT_CLEAN;
	}
	if (!S_ISDIR(sb.st_mode)) {
		fail(err, err_size, "%s exists and is not a folder; give a new folder for next "
		     "year's report", dir);
		return EXIT_CANNOT_RUN;
	}
	DIR *d = opendir(dir);
	if (!d) {
		fail(err, err_size, "cannot read the folder %s: %s", dir, strerror(errno));
		return EXIT_CANNOT_RUN;
	}
	bool empty = true;
	for (struct dirent *e; empty && (e = readdir(d));)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	if (!empty) {
		fail(err, err_size, "%s is not empty; init never overwrites a folder: give a new "
		     "or empty one", dir);
		return EXIT_CANNOT_RUN;
	}
	*mode = sb.st_mode & 07777;
	return EXIT_CLEAN;
}

/* Writes the documents and images into a hidden folder beside target and
 * renames it to target: the new folder appears whole or not at all. */
static int write_folder(struct init *in, const char *target, const char *old_dir,
			struct xml docs[FILE_COUNT], mode_t mode, char *err, size_t err_size)
{
	/* The parent and base name of target, trailing slashes aside. */
	char *clean = xstrdup(target);
	size_t len = strlen(clean);
	while (len > 1 && clean[len - 1] == '/')
		clean[--len] = '\0';
	char *slash = strrchr(clean, '/');
	const char *base = slash ? slash + 1 : clean;
	const char *parent = !slash ? "." : slash == clean ? "/" : clean;
	if (slash && slash != clean)
		*slash = '\0';
	struct staging st = { .fd = -1 };
	size_t size = strlen(parent) + strlen(base) + 32;
	st.path = xmalloc(size);
	snprintf(st.path, size, "%s/.%s.init-XXXXXX", parent, base);
	free(clean);

	int code = EXIT_CANNOT_RUN;
	int old_fd = -1;
	if (!mkdtemp(st.path)) {
		fail(err, err_size, "cannot create a folder beside %s: %s", target, strerror(errno));
		staging_free(&st);
		return code;
	}
	st.fd = open(st.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	old_fd = open(old_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st.fd < 0 || old_fd < 0) {
		fail(err, err_size, "cannot open %s: %s", st.fd < 0 ? st.path : old_dir,
		     strerror(errno));
		goto out;
	}
	for (int f = 0; f < FILE_COUNT; f++) {
		const char *name = model_file_name((enum data_file)f);
		/* A file the old folder did not have and init does not make. */
		if (!docs[f].s)
			continue;
		if (!write_file(&st, name, docs[f].s, docs[f].len, name, err, err_size))
			goto out;
	}
	for (size_t i = 0; i < in->n_images; i++)
		if (!copy_image(&st, old_fd, old_dir, in->images[i], err, err_size))
			goto out;
	if (fchmod(st.fd, mode) != 0 || rename(st.path, target) != 0) {
		if (errno == ENOTEMPTY || errno == EEXIST)
			fail(err, err_size, "%s is not empty now; init never overwrites a folder",
			     target);
		else
			fail(err, err_size, "cannot create %s: %s", target, strerror(errno));
		goto out;
	}
	code = EXIT_CLEAN;
out:
	if (code != EXIT_CLEAN)
		discard(&st);
	if (old_fd >= 0)
		close(old_fd);
	staging_free(&st);
	return code;
}

int init_folder(const char *new_dir, const char *old_dir, char *err, size_t err_size)
{
	mode_t mode;
	int code = check_target(new_dir, &mode, err, err_size);
	if (code != EXIT_CLEAN)
		return code;

	/* Last year's folder, read and checked as `reportc check` would. */
	struct diags d;
	diags_init(&d);
	struct model *m = load_folder(old_dir, &d, err, err_size);
	if (!m) {
		diags_free(&d);
		return EXIT_CANNOT_RUN;
	}
	check_model(m, &d);
	size_t n_errors = d.n_errors;
	diags_free(&d);
	int year = m->report.head.period.first_year;
	if (n_errors) {
		fail(err, err_size, "%s has %zu error%s; init starts only from a folder that "
		     "checks clean: run reportc check %s and correct %s first", old_dir, n_errors,
		     n_errors == 1 ? "" : "s", old_dir, n_errors == 1 ? "it" : "them");
		model_free(m);
		return EXIT_FINDINGS;
	}
	if (year <= 0 || year >= 9998) {
		fail(err, err_size, "%s has no period that can be moved on a year", old_dir);
		model_free(m);
		return EXIT_CANNOT_RUN;
	}

	struct init in = {
		.m = m,
		.arena = arena_new(),
		.old = { year },
		.next = { year + 1 },
	};
	struct xml docs[FILE_COUNT] = { 0 };
	put_report(&in, &docs[FILE_REPORT]);
	put_finance(&in, &docs[FILE_FINANCE]);
	put_lado(&in, &docs[FILE_LADO]);
	put_yjs(&in, &docs[FILE_YJS]);
	put_training(&in, &docs[FILE_TRAINING]);
	put_scrutiny(&in, &docs[FILE_SCRUTINY]);
	put_reviews(&in, &docs[FILE_REVIEWS]);

	if (in.bad_image)
		fail(err, err_size, "%s names an image outside its folder; correct it first",
		     old_dir);
	else
		code = write_folder(&in, new_dir, old_dir, docs, mode, err, err_size);

	for (int f = 0; f < FILE_COUNT; f++)
		free(docs[f].s);
	free(in.images);
	arena_free(in.arena);
	model_free(m);
	return in.bad_image ? EXIT_CANNOT_RUN : code;
}
