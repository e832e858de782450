/* test-layout.c - typesetting hand-made models and reading the display list
 * back: headings keep with what follows, no widows or orphans, footnotes on
 * the citing page, long words broken inside the measure, ragged and
 * justified lines, running footers, contents and refs with true pages,
 * everything inside the margins, the glyph check (TAP).
 *
 * Usage: test-layout [FONTS_DIR]   (default "fonts", the shipped Open Sans;
 * meson runs the tests from the source root). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "dl.h"
#include "font.h"
#include "layout.h"
#include "model.h"
#include "style.h"
#include "tap.h"


static const char *fonts_dir = "fonts";
static struct font_family fam;
static char *font_paths[FACE_COUNT];

/* ---- building models by hand -------------------------------------------- */

static struct model *M;

static struct inline_node *in_text(const char *s)
{
	struct inline_node *in = arena_alloc(M->arena, sizeof *in);
	in->kind = IN_TEXT;
	in->text = arena_strdup(M->arena, s);
	in->pos = (struct srcpos){ "report.xml", 1, 1 };
	return in;
}

static struct inline_node *in_wrap(enum inline_kind kind, struct inline_node *children)
{
	struct inline_node *in = arena_alloc(M->arena, sizeof *in);
	in->kind = kind;
	in->children = children;
	return in;
}

static struct inline_node *in_ref(const char *to)
{
	struct inline_node *in = arena_alloc(M->arena, sizeof *in);
	in->kind = IN_REF;
	in->target = to;
	return in;
}

/* Links inline nodes given as a NULL-terminated list. */
static struct inline_node *inlines(struct inline_node *first, ...)
{
	va_list ap;
	va_start(ap, first);
	struct inline_node *prev = first, *next;
	while ((next = va_arg(ap, struct inline_node *))) {
		prev->next = next;
		prev = next;
	}
	va_end(ap);
	return first;
}

static struct block *new_block(enum block_kind kind, uint32_t line)
{
	struct block *b = arena_alloc(M->arena, sizeof *b);
	b->kind = kind;
	b->pos = (struct srcpos){ "report.xml", line, 5 };
	return b;
}

static struct block *para(struct inline_node *in)
{
	struct block *b = new_block(BLK_P, 10);
	b->u.p = in;
	return b;
}

static struct block *ptext(const char *s)
{
	return para(in_text(s));
}

static struct block *blocks(struct block *first, ...)
{
	va_list ap;
	va_start(ap, first);
	struct block *prev = first, *next;
	while ((next = va_arg(ap, struct block *))) {
		prev->next = next;
		prev = next;
	}
	va_end(ap);
	return first;
}

static struct block *section(const char *id, const char *title, int level, bool appendix,
			     struct block *content)
{
	struct block *b = new_block(BLK_SECTION, 5);
	b->u.section.id = id;
	b->u.section.title = title;
	b->u.section.level = level;
	b->u.section.appendix = appendix;
	b->u.section.blocks = content;
	return b;
}

static void new_model(void)
{
	model_free(M);
	M = model_new(".");
	struct report *r = &M->report;
	r->head.loaded = true;
	r->head.period.first_year = 2023;
	r->lang = "en-GB";
	r->meta.partnership = "Testshire Safeguarding Children Partnership";
	r->meta.partnership_short = "Testshire SCP";
	r->meta.title = "Annual Report 2023–2024";
	r->meta.period_start = (struct date){ 2023, 4, 1 };
	r->meta.period_end = (struct date){ 2024, 3, 31 };
	r->meta.author = "Business Unit";
	r->meta.vision = "Every child safe.";
}

/* n words of filler, varied so that lines break in many places. */
static const char *words(size_t n, unsigned seed)
{
	static const char *const vocab[] = {
		"safeguarding", "children", "partnership", "the", "of", "and", "multi-agency",
		"review", "practice", "learning", "families", "to", "in", "a", "board",
		"assurance", "we", "audit", "early", "help", "improvement", "plan", "our",
		"priorities", "were", "met", "with", "training", "police", "health",
	};
	size_t nv = sizeof vocab / sizeof vocab[0];
	char *out = arena_alloc(M->arena, n * 16 + 1);
	size_t len = 0;
	unsigned x = seed * 2654435761u + 17;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		const char *w = vocab[(x >> 16) % nv];
		if (i)
			out[len++] = ' ';
		memcpy(out + len, w, strlen(w));
		len += strlen(w);
	}
	out[len] = '\0';
	return out;
}

/* ---- typesetting and reading back --------------------------------------- */

static struct style ST;

static struct dl *typeset(struct diags *d)
{
	struct layout_options o = { 0 };
	for (int i = 0; i < FACE_COUNT; i++)
		o.font_paths[i] = font_paths[i];
	return layout_report(M, &ST, &fam, &o, d);
}

/* One text run of the list with where it stands. */
struct text_at {
	const struct dl_text *t;
	size_t page;                  /* 1-based */
	size_t elem;                  /* innermost structure element, or DL_NO_PARENT */
	bool artifact;
	enum dl_artifact artifact_kind;
	size_t op;
};

struct reading {
	const struct dl *dl;
	struct text_at *texts;
	size_t n_texts;
	size_t *elem_page;            /* page where each element was opened */
};

static struct reading read_dl(const struct dl *dl)
{
	struct reading r = { .dl = dl };
	r.texts = calloc(dl->n_ops + 1, sizeof *r.texts);
	r.elem_page = calloc(dl->n_elems + 1, sizeof *r.elem_page);
	size_t *stack = calloc(dl->n_ops + 1, sizeof *stack);
	size_t depth = 0, page = 0;
	bool artifact = false;
	enum dl_artifact kind = DL_ARTIFACT_LAYOUT;
	for (size_t i = 0; i < dl->n_ops; i++) {
		const struct dl_op *op = &dl->ops[i];
		switch (op->kind) {
		case DL_PAGE_BEGIN:
			page++;
			break;
		case DL_STRUCT_OPEN:
			r.elem_page[op->elem] = page;
			stack[depth++] = op->elem;
			break;
		case DL_STRUCT_RESUME:
			stack[depth++] = op->elem;
			break;
		case DL_STRUCT_CLOSE:
			depth--;
			break;
		case DL_ARTIFACT_BEGIN:
			artifact = true;
			kind = op->artifact;
			break;
		case DL_ARTIFACT_END:
			artifact = false;
			break;
		case DL_TEXT:
			r.texts[r.n_texts++] = (struct text_at){
				.t = &op->text,
				.page = page,
				.elem = depth ? stack[depth - 1] : DL_NO_PARENT,
				.artifact = artifact,
				.artifact_kind = kind,
				.op = i,
			};
			break;
		default:
			break;
		}
	}
	free(stack);
	return r;
}

static void reading_free(struct reading *r)
{
	free(r->texts);
	free(r->elem_page);
}

/* The width of a run's ink: a line keeps the space it broke at as its last
 * character, invisible, so that text taken from the PDF keeps word
 * boundaries; like pdftotext -bbox, the margins test leaves it out. */
static double text_width(const struct dl_text *t)
{
	size_t n = strlen(t->text);
	while (n && t->text[n - 1] == ' ')
		n--;
	return font_text_width_pt(fam.face[t->face], t->text, n, t->size_pt);
}

static bool is_heading(enum dl_struct_type t)
{
	return t == DL_H1 || t == DL_H2 || t == DL_H3;
}

static bool inside(const struct reading *r, size_t elem, size_t ancestor)
{
	for (; elem != DL_NO_PARENT; elem = r->dl->elems[elem].parent)
		if (elem == ancestor)
			return true;
	return false;
}

/* A heading never ends a page: the first text after it is on its page. */
static bool headings_keep(const struct reading *r, char *why, size_t why_size)
{
	for (size_t i = 0; i < r->n_texts; i++) {
		const struct text_at *h = &r->texts[i];
		if (h->artifact || h->elem == DL_NO_PARENT || !is_heading(r->dl->elems[h->elem].type))
			continue;
		for (size_t j = i + 1; j < r->n_texts; j++) {
			const struct text_at *n = &r->texts[j];
			if (n->artifact || n->elem == h->elem)
				continue;
			if (n->page != h->page) {
				snprintf(why, why_size, "heading \"%s\" on page %zu, \"%s\" on %zu",
					 h->t->text, h->page, n->t->text, n->page);
				return false;
			}
			break;
		}
	}
	return true;
}

/* A paragraph ending with a colon introduces what follows: the next text
 * is on its page. */
static bool intros_keep(const struct reading *r, char *why, size_t why_size)
{
	for (size_t i = 0; i + 1 < r->n_texts; i++) {
		const struct text_at *t = &r->texts[i];
		if (t->artifact || t->elem == DL_NO_PARENT || r->dl->elems[t->elem].type != DL_P)
			continue;
		size_t j = i + 1;
		while (j < r->n_texts && r->texts[j].artifact)
			j++;
		if (j == r->n_texts || r->texts[j].elem == t->elem)
			continue; /* not the paragraph's last text */
		size_t len = strlen(t->t->text);
		while (len && t->t->text[len - 1] == ' ')
			len--;
		if (!len || t->t->text[len - 1] != ':')
			continue;
		if (r->texts[j].page != t->page) {
			snprintf(why, why_size, "\"%s\" on page %zu, what it introduces on %zu",
				 t->t->text, t->page, r->texts[j].page);
			return false;
		}
	}
	return true;
}

/* Each paragraph split over pages leaves at least two lines on each. */
static bool no_widows_or_orphans(const struct reading *r, char *why, size_t why_size)
{
	for (size_t e = 0; e < r->dl->n_elems; e++) {
		if (r->dl->elems[e].type != DL_P)
			continue;
		size_t pages[64], counts[64], n = 0;
		double last_y = NAN;
		size_t last_page = 0;
		for (size_t i = 0; i < r->n_texts; i++) {
			const struct text_at *t = &r->texts[i];
			/* Footnote marks stand above the baseline: not lines. */
			if (t->artifact || t->elem != e || t->t->size_pt < 10)
				continue;
			if (t->page == last_page && fabs(t->t->y_pt - last_y) < 0.01)
				continue;
			if (!n || pages[n - 1] != t->page) {
				if (n == 64)
					break;
				pages[n] = t->page;
				counts[n++] = 0;
			}
			counts[n - 1]++;
			last_y = t->t->y_pt;
			last_page = t->page;
		}
		if (n > 1 && (counts[0] < 2 || counts[n - 1] < 2)) {
			snprintf(why, why_size, "a paragraph split %zu+…+%zu from page %zu", counts[0],
				 counts[n - 1], pages[0]);
			return false;
		}
	}
	return true;
}

/* A footnote's text is on the page of its mark. */
static bool notes_on_citing_page(const struct reading *r, size_t *n_notes, char *why,
				 size_t why_size)
{
	*n_notes = 0;
	for (size_t e = 0; e < r->dl->n_elems; e++) {
		if (r->dl->elems[e].type != DL_NOTE)
			continue;
		++*n_notes;
		bool any = false;
		for (size_t i = 0; i < r->n_texts; i++) {
			const struct text_at *t = &r->texts[i];
			if (t->artifact || !inside(r, t->elem, e))
				continue;
			any = true;
			if (t->page != r->elem_page[e]) {
				snprintf(why, why_size, "note mark on page %zu, its text \"%s\" on %zu",
					 r->elem_page[e], t->t->text, t->page);
				return false;
			}
		}
		if (!any) {
			snprintf(why, why_size, "a note without text");
			return false;
		}
	}
	return true;
}

/* Every text inside the page's margins (header and footer, which stand in
 * the margins, excepted). */
static bool inside_margins(const struct reading *r, char *why, size_t why_size)
{
	double left = ST.page.margin_inner_pt, right = ST.page.width_pt - ST.page.margin_outer_pt;
	double bottom = ST.page.margin_bottom_pt, top = ST.page.height_pt - ST.page.margin_top_pt;
	for (size_t i = 0; i < r->n_texts; i++) {
		const struct text_at *t = &r->texts[i];
		if (t->artifact && (t->artifact_kind == DL_ARTIFACT_HEADER ||
				    t->artifact_kind == DL_ARTIFACT_FOOTER))
			continue;
		const struct font_metrics *m = font_metrics(fam.face[t->t->face]);
		double x1 = t->t->x_pt + text_width(t->t);
		double y0 = t->t->y_pt + m->descent * t->t->size_pt / 1000.0;
		double y1 = t->t->y_pt + m->ascent * t->t->size_pt / 1000.0;
		if (t->t->x_pt < left - 0.01 || x1 > right + 0.01 || y0 < bottom - 0.01 ||
		    y1 > top + 0.01) {
			snprintf(why, why_size, "\"%.40s\" on page %zu at x %.2f–%.2f, y %.2f–%.2f",
				 t->t->text, t->page, t->t->x_pt, x1, y0, y1);
			return false;
		}
	}
	return true;
}

/* ---- the sweep: page breaks at every place ------------------------------ */

static struct inline_node *with_note(const char *before, const char *note, const char *after)
{
	struct inline_node *n = in_wrap(IN_NOTE, in_text(note));
	return inlines(in_text(before), n, in_text(after), NULL);
}

/* A section whose first paragraph is n words long, then subsections of
 * paragraphs of 2, 3 and 4 lines, one citing a footnote: as n grows, every
 * kind of item meets the page foot somewhere. */
static void sweep_model(size_t n)
{
	new_model();
	struct block *subs = NULL, **tail = &subs;
	for (int k = 0; k < 6; k++) {
		char *id = arena_printf(M->arena, "sub-%d", k);
		char *title = arena_printf(M->arena, "Subsection %d of the sweep", k + 1);
		struct block *content = blocks(
			ptext(arena_printf(M->arena, "%s:", words(12, (unsigned)k * 7 + 6))),
			ptext(words(26, (unsigned)k * 7 + 1)),          /* 2 lines */
			ptext(words(40, (unsigned)k * 7 + 2)),          /* 3 lines */
			para(with_note(words(30, (unsigned)k * 7 + 3), words(25, (unsigned)k),
				       words(22, (unsigned)k * 7 + 4))), /* 4 lines, a note */
			ptext(words(14, (unsigned)k * 7 + 5)),          /* 1 line */
			NULL);
		*tail = section(id, title, 2, false, content);
		tail = &(*tail)->next;
	}
	struct block *first = ptext(words(n, 99));
	first->next = subs;
	M->report.body = section("one", "The first section", 1, false, first);
}

static void test_sweep(void)
{
	int fail_keep = 0, fail_widow = 0, fail_note = 0, fail_margin = 0, fail_intro = 0;
	int runs = 0;
	size_t notes_seen = 0;
	char why[256], first_why[5][300] = { "", "", "", "", "" };
	for (size_t n = 300; n <= 700; n += 9) {
		sweep_model(n);
		struct diags d;
		diags_init(&d);
		struct dl *dl = typeset(&d);
		runs++;
		if (!dl) {
			fail_keep++;
			diags_free(&d);
			continue;
		}
		struct reading r = read_dl(dl);
		size_t nn;
		if (!headings_keep(&r, why, sizeof why) && !fail_keep++)
			snprintf(first_why[0], sizeof first_why[0], "n=%zu: %s", n, why);
		if (!no_widows_or_orphans(&r, why, sizeof why) && !fail_widow++)
			snprintf(first_why[1], sizeof first_why[1], "n=%zu: %s", n, why);
		if (!notes_on_citing_page(&r, &nn, why, sizeof why) && !fail_note++)
			snprintf(first_why[2], sizeof first_why[2], "n=%zu: %s", n, why);
		notes_seen += nn;
		if (!inside_margins(&r, why, sizeof why) && !fail_margin++)
			snprintf(first_why[3], sizeof first_why[3], "n=%zu: %s", n, why);
		if (!intros_keep(&r, why, sizeof why) && !fail_intro++)
			snprintf(first_why[4], sizeof first_why[4], "n=%zu: %s", n, why);
		reading_free(&r);
		dl_free(dl);
		diags_free(&d);
	}
	ok(!fail_keep, "a heading at a page foot moves to the next page with what follows "
		       "(%d layouts)", runs);
	if (fail_keep)
		printf("#   %d failed; first: %s\n", fail_keep, first_why[0]);
	ok(!fail_widow, "no paragraph is split leaving one line on either page (2- and 3-line "
			"paragraphs move whole)");
	if (fail_widow)
		printf("#   %d failed; first: %s\n", fail_widow, first_why[1]);
	ok(!fail_note && notes_seen >= (size_t)runs * 6,
	   "a footnote lands at the foot of the page that cites it (%zu notes)", notes_seen);
	if (fail_note)
		printf("#   %d failed; first: %s\n", fail_note, first_why[2]);
	ok(!fail_margin, "every text of every layout lies inside the margins");
	if (fail_margin)
		printf("#   %d failed; first: %s\n", fail_margin, first_why[3]);
	ok(!fail_intro, "a paragraph ending with a colon stays on the page of what it introduces");
	if (fail_intro)
		printf("#   %d failed; first: %s\n", fail_intro, first_why[4]);
}

/* ---- lines -------------------------------------------------------------- */

/* The lines of the first P element as (y, left, right end), body size. */
struct line_span {
	size_t page;
	double y, x0, x1;
};

static size_t p_lines(const struct reading *r, size_t elem, struct line_span *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_texts; i++) {
		const struct text_at *t = &r->texts[i];
		if (t->artifact || t->elem != elem || t->t->size_pt < 10)
			continue;
		double x1 = t->t->x_pt + text_width(t->t);
		if (n && out[n - 1].page == t->page && fabs(out[n - 1].y - t->t->y_pt) < 0.01) {
			if (x1 > out[n - 1].x1)
				out[n - 1].x1 = x1;
			if (t->t->x_pt < out[n - 1].x0)
				out[n - 1].x0 = t->t->x_pt;
			continue;
		}
		if (n == max)
			break;
		out[n++] = (struct line_span){ t->page, t->t->y_pt, t->t->x_pt, x1 };
	}
	return n;
}

/* The first element of a type inside a section (not on the cover). */
static size_t first_elem(const struct dl *dl, enum dl_struct_type type)
{
	for (size_t e = 0; e < dl->n_elems; e++) {
		if (dl->elems[e].type != type)
			continue;
		for (size_t a = dl->elems[e].parent; a != DL_NO_PARENT; a = dl->elems[a].parent)
			if (dl->elems[a].type == DL_SECT)
				return e;
	}
	return DL_NO_PARENT;
}

static void test_ragged_and_justified(void)
{
	double left = ST.page.margin_inner_pt;
	double measure = ST.page.width_pt - ST.page.margin_inner_pt - ST.page.margin_outer_pt;
	for (int justify = 0; justify < 2; justify++) {
		ST.paragraph.justify = justify;
		new_model();
		M->report.body = section("s", "Lines", 1, false, ptext(words(400, 5)));
		struct diags d;
		diags_init(&d);
		struct dl *dl = typeset(&d);
		struct reading r = read_dl(dl);
		struct line_span lines[256];
		size_t n = p_lines(&r, first_elem(dl, DL_P), lines, 256);
		bool within = n > 10, flush = n > 10, starts = true;
		double worst = 0;
		for (size_t i = 0; i < n; i++) {
			within = within && lines[i].x1 <= left + measure + 0.01;
			starts = starts && fabs(lines[i].x0 - left) < 0.01;
			if (i + 1 < n && fabs(lines[i].x1 - (left + measure)) > worst)
				worst = fabs(lines[i].x1 - (left + measure));
		}
		flush = flush && worst < 0.05;
		if (!justify) {
			ok(within && starts, "ragged lines start at the margin and never exceed the "
					     "measure (%zu lines)", n);
			/* Total fit evens out a ragged edge: no line but the
			 * last is shorter than two thirds of the measure. */
			bool even = true;
			for (size_t i = 0; i + 1 < n; i++)
				even = even && lines[i].x1 - left > measure * 2 / 3;
			ok(even, "ragged lines are evened out by total fit");
		} else {
			ok(within && flush, "justified lines end flush with the measure (worst %.3fpt)",
			   worst);
			ok(n && lines[n - 1].x1 < left + measure - 1,
			   "the last line of a justified paragraph stays ragged");
		}
		reading_free(&r);
		dl_free(dl);
		diags_free(&d);
	}
	ST.paragraph.justify = false;
}

static void test_long_word(void)
{
	new_model();
	char word[301];
	for (int i = 0; i < 300; i++)
		word[i] = (char)('a' + i % 26);
	word[300] = '\0';
	char *text = arena_printf(M->arena, "Before %s after, and a path like "
				  "https://www.example.org/a/very/long/path/that_goes_on_and_on/"
				  "and.on.and.on/index.html here.", word);
	M->report.body = section("s", "A long word", 1, false, ptext(text));
	struct diags d;
	diags_init(&d);
	struct dl *dl = typeset(&d);
	struct reading r = read_dl(dl);
	double right = ST.page.width_pt - ST.page.margin_outer_pt;
	bool within = true, hyphen = false;
	size_t elem = first_elem(dl, DL_P);
	size_t pieces = 0;
	for (size_t i = 0; i < r.n_texts; i++) {
		const struct text_at *t = &r.texts[i];
		if (t->elem != elem)
			continue;
		within = within && t->t->x_pt + text_width(t->t) <= right + 0.01;
		if (t->t->flags & DL_TEXT_HYPHEN_ADDED) {
			hyphen = true;
			pieces++;
		}
	}
	ok(within, "an unbreakable 300-character word never passes the right margin");
	ok(hyphen && pieces >= 4, "it is broken between letters with added hyphens, flagged "
				  "(%zu breaks)", pieces);
	reading_free(&r);
	dl_free(dl);
	diags_free(&d);
}

/* White space collapses as in HTML, across elements, and a line never
 * starts with a space. */
static void test_whitespace(void)
{
	new_model();
	struct inline_node *in = inlines(in_text("  Hello \n\t  world  "),
					 in_wrap(IN_STRONG, in_text(" bold ")), in_text("  end. "),
					 NULL);
	M->report.body = section("s", "Spaces", 1, false, para(in));
	struct diags d;
	diags_init(&d);
	struct dl *dl = typeset(&d);
	struct reading r = read_dl(dl);
	size_t elem = first_elem(dl, DL_P);
	char got[256] = "";
	double prev_end = -1;
	bool gaps = true;
	for (size_t i = 0; i < r.n_texts; i++) {
		const struct text_at *t = &r.texts[i];
		if (t->elem != elem)
			continue;
		if (*got)
			strcat(got, "|");
		strcat(got, t->t->text);
		if (prev_end >= 0)
			gaps = gaps && t->t->x_pt - prev_end > 2 && t->t->x_pt - prev_end < 5;
		prev_end = t->t->x_pt + text_width(t->t);
	}
	ok(strcmp(got, "Hello world |bold |end.") == 0 && gaps,
	   "white space collapses to single spaces across elements (got \"%s\")", got);
	ok(r.n_texts && r.texts[0].t->text[0] != ' ', "no run starts with a space");
	reading_free(&r);
	dl_free(dl);
	diags_free(&d);
}

/* ---- pages, contents, refs ---------------------------------------------- */

static int dest_page(const struct dl *dl, const char *name)
{
	int page = 0;
	for (size_t i = 0; i < dl->n_ops; i++) {
		if (dl->ops[i].kind == DL_PAGE_BEGIN)
			page++;
		if (dl->ops[i].kind == DL_DEST && strcmp(dl->ops[i].dest.name, name) == 0)
			return page;
	}
	return -1;
}

static void test_pages_contents_refs(void)
{
	new_model();
	struct block *contents = new_block(BLK_CONTENTS, 3);
	struct block *intro = section("intro", "Introduction", 1, false,
				      blocks(para(inlines(in_text("See"), in_ref("lado"),
							  in_text("for allegations."), NULL)),
					     ptext(words(900, 1)), NULL));
	struct block *second = section("second", "Second section", 1, false,
				       blocks(ptext(words(200, 2)),
					      section("second-sub", "A subsection", 2, false,
						      ptext(words(700, 3))),
					      NULL));
	struct block *lado = section("lado", "Managing Allegations (LADO)", 1, true,
				     ptext(words(100, 4)));
	M->report.body = blocks(contents, intro, second, lado, NULL);

	struct diags d;
	diags_init(&d);
	struct dl *dl = typeset(&d);
	struct reading r = read_dl(dl);
	size_t pages = dl->n_pages;

	/* "Page N of M" on every page but the cover. */
	size_t footers = 0;
	bool right = true, cover_plain = true;
	for (size_t i = 0; i < r.n_texts; i++) {
		const struct text_at *t = &r.texts[i];
		int n, m;
		if (sscanf(t->t->text, "Page %d of %d", &n, &m) != 2)
			continue;
		footers++;
		right = right && t->artifact && (size_t)n == t->page && (size_t)m == pages;
		cover_plain = cover_plain && t->page != 1;
	}
	ok(pages >= 5 && footers == pages - 1 && right && cover_plain,
	   "\"Page N of M\" as an artifact on each of the %zu pages but the cover", pages);

	/* Each top-level section starts a page; appendices are labelled. */
	int p_intro = dest_page(dl, "sec-intro"), p_second = dest_page(dl, "sec-second");
	int p_lado = dest_page(dl, "sec-lado"), p_contents = dest_page(dl, "contents");
	ok(p_contents == 2 && p_intro == 3 && p_second > p_intro && p_lado > p_second,
	   "cover, contents, then each top-level section on a new page (%d %d %d %d)", p_contents,
	   p_intro, p_second, p_lado);
	bool labelled = false;
	for (size_t i = 0; i < r.n_texts; i++)
		labelled = labelled || strcmp(r.texts[i].t->text,
					      "Appendix 1: Managing Allegations (LADO)") == 0;
	ok(labelled, "the appendix heading reads \"Appendix 1: Managing Allegations (LADO)\"");

	/* The ref prints the target's title and its true page. */
	char want[128];
	snprintf(want, sizeof want, "Managing Allegations (LADO) (page %d)", p_lado);
	bool ref_ok = false;
	for (size_t i = 0; i < r.n_texts; i++)
		ref_ok = ref_ok || strstr(r.texts[i].t->text, want) != NULL;
	ok(ref_ok, "a ref prints \"%s\"", want);

	/* Contents entries: the number printed is the page of the linked dest. */
	size_t entries = 0, true_pages = 0;
	for (size_t e = 0; e < dl->n_elems; e++) {
		if (dl->elems[e].type != DL_TOCI)
			continue;
		entries++;
		const char *num = NULL;
		for (size_t i = 0; i < r.n_texts; i++)
			if (!r.texts[i].artifact && inside(&r, r.texts[i].elem, e))
				num = r.texts[i].t->text;
		/* The link annotation of the entry names its dest. */
		size_t depth = 0;
		bool in = false;
		const char *dest = NULL;
		for (size_t i = 0; i < dl->n_ops && !dest; i++) {
			const struct dl_op *op = &dl->ops[i];
			if (op->kind == DL_STRUCT_OPEN && op->elem == e)
				in = true, depth = 0;
			else if (in && (op->kind == DL_STRUCT_OPEN || op->kind == DL_STRUCT_RESUME))
				depth++;
			else if (in && op->kind == DL_STRUCT_CLOSE && depth-- == 0)
				in = false;
			else if (in && op->kind == DL_LINK_DEST)
				dest = op->link.target;
		}
		if (num && dest && atoi(num) == dest_page(dl, dest))
			true_pages++;
	}
	ok(entries == 4 && true_pages == entries,
	   "the contents lists sections and first-level subsections with true pages (%zu of %zu)",
	   true_pages, entries);

	/* Outline mirrors the sections, appendix labelled. */
	size_t outlines = 0;
	bool appendix_outline = false;
	for (size_t i = 0; i < dl->n_ops; i++)
		if (dl->ops[i].kind == DL_OUTLINE) {
			outlines++;
			appendix_outline = appendix_outline ||
					   strcmp(dl->ops[i].outline.title,
						  "Appendix 1: Managing Allegations (LADO)") == 0;
		}
	ok(outlines == 5 && appendix_outline, "bookmarks for Contents and each section (%zu)",
	   outlines);

	/* The same model gives the same list. */
	char *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	FILE *fa = open_memstream(&a, &na);
	dl_dump(dl, fa);
	fclose(fa);
	struct dl *again = typeset(&d);
	FILE *fb = open_memstream(&b, &nb);
	dl_dump(again, fb);
	fclose(fb);
	ok(na == nb && memcmp(a, b, na) == 0, "laying out twice gives the same display list");
	free(a);
	free(b);
	dl_free(again);
	reading_free(&r);
	dl_free(dl);
	diags_free(&d);
}

/* ---- lists -------------------------------------------------------------- */

static void test_lists(void)
{
	new_model();
	struct block *sub = new_block(BLK_LIST, 20);
	sub->u.list.ordered = true;
	sub->u.list.n_items = 2;
	sub->u.list.items = arena_array(M->arena, 2, sizeof *sub->u.list.items);
	sub->u.list.items[0].inlines = in_text("first nested");
	sub->u.list.items[1].inlines = in_text("second nested");
	struct block *l = new_block(BLK_LIST, 18);
	l->u.list.ordered = true;
	l->u.list.n_items = 11;
	l->u.list.items = arena_array(M->arena, 11, sizeof *l->u.list.items);
	for (int i = 0; i < 11; i++)
		l->u.list.items[i].inlines = in_text(words(20, (unsigned)i));
	l->u.list.items[0].sublists = sub;
	M->report.body = section("s", "Lists", 1, false, l);

	struct diags d;
	diags_init(&d);
	struct dl *dl = typeset(&d);
	struct reading r = read_dl(dl);
	char labels[256] = "";
	double left = ST.page.margin_inner_pt;
	bool in_margin = true;
	for (size_t i = 0; i < r.n_texts; i++) {
		const struct text_at *t = &r.texts[i];
		if (t->elem == DL_NO_PARENT || dl->elems[t->elem].type != DL_LBL)
			continue;
		strcat(labels, t->t->text);
		in_margin = in_margin && t->t->x_pt >= left - 0.01;
	}
	ok(strcmp(labels, "1.a.b.2.3.4.5.6.7.8.9.10.11.") == 0,
	   "ordered labels \"1.\" and nested \"a.\" in Lbl elements (got %s)", labels);
	ok(in_margin, "labels as wide as \"10.\" stay inside the margin");
	size_t li = 0, lbody = 0;
	for (size_t e = 0; e < dl->n_elems; e++) {
		li += dl->elems[e].type == DL_LI;
		lbody += dl->elems[e].type == DL_LBODY;
	}
	ok(li == 13 && lbody == 13, "every item is LI > Lbl, LBody");
	reading_free(&r);
	dl_free(dl);
	diags_free(&d);
}

/* ---- the glyph check ---------------------------------------------------- */

static void test_glyphs(void)
{
	new_model();
	struct block *p = para(in_text("Done ✓ and done ✓ again."));
	p->pos = (struct srcpos){ "report.xml", 88, 7 };
	M->report.body = section("s", "Glyphs", 1, false, p);
	struct diags d;
	diags_init(&d);
	check_glyphs(M, &fam, &d);
	char line[512] = "";
	if (d.n)
		diag_format(&d.items[0], line, sizeof line);
	ok(d.n_errors == 1 && d.items[0].rule == 0 &&
		   strcmp(line, "report.xml:88:7: error: the fonts cannot show \"✓\" (U+2713) in "
				"this paragraph; replace it (for example with \"yes\") or use a "
				"style whose fonts have it") == 0,
	   "a character the fonts lack is one error per element and character (got \"%s\")",
	   line);
	diags_free(&d);
}

/* ---- figures and edge cases -------------------------------------------- */

static struct block *figure(const char *src, const char *alt, const char *caption)
{
	struct block *b = new_block(BLK_FIGURE, 30);
	b->u.figure.src = src;
	b->u.figure.alt = alt;
	b->u.figure.caption = caption;
	return b;
}

static void test_figures_and_edges(void)
{
	/* A square PNG of 1200 pixels: as wide as the text, but at most 60% of
	 * its height. */
	new_model();
	model_free(M);
	M = model_new("tests/layout/base");
	M->report.meta.partnership = "Testshire";
	M->report.meta.title = "Report";
	M->report.body = section("s", "Pictures", 1, false,
				 figure("images/logo.png", "Three linked hands.", "Our logo"));
	struct diags d;
	diags_init(&d);
	struct dl *dl = typeset(&d);
	const struct dl_image_op *img = NULL;
	for (size_t i = 0; dl && i < dl->n_ops; i++)
		if (dl->ops[i].kind == DL_IMAGE)
			img = &dl->ops[i].image;
	double tw = ST.page.width_pt - ST.page.margin_inner_pt - ST.page.margin_outer_pt;
	double th = ST.page.height_pt - ST.page.margin_top_pt - ST.page.margin_bottom_pt;
	ok(img && fabs(img->w_pt - img->h_pt) < 0.01 && fabs(img->h_pt - 0.6 * th) < 0.01 &&
		   img->x_pt >= ST.page.margin_inner_pt - 0.01 &&
		   img->x_pt + img->w_pt <= ST.page.margin_inner_pt + tw + 0.01,
	   "a square PNG keeps its shape, at most 60%% of the text height, inside the margins");

	size_t fig = dl ? first_elem(dl, DL_FIGURE) : DL_NO_PARENT;
	ok(fig != DL_NO_PARENT && dl->elems[fig].attrs.alt &&
		   strcmp(dl->elems[fig].attrs.alt, "Three linked hands.") == 0 &&
		   first_elem(dl, DL_CAPTION) != DL_NO_PARENT,
	   "a figure is a Figure element with the data's alt text, and a Caption");
	dl_free(dl);

	/* A tiny PNG (1 pixel) is not enlarged past 150 pixels an inch. */
	model_free(M);
	M = model_new("tests/check/base");
	M->report.meta.partnership = "Testshire";
	M->report.meta.title = "Report";
	M->report.body = section("s", "Pictures", 1, false,
				 figure("images/logo.png", "One dot.", NULL));
	dl = typeset(&d);
	img = NULL;
	for (size_t i = 0; dl && i < dl->n_ops; i++)
		if (dl->ops[i].kind == DL_IMAGE)
			img = &dl->ops[i].image;
	ok(img && fabs(img->w_pt - 72.0 / 150.0) < 0.01 && fabs(img->h_pt - 72.0 / 150.0) < 0.01,
	   "a small PNG is drawn at 150 pixels an inch, never blown up to the text width");
	dl_free(dl);
	diags_free(&d);

	/* An image that is not there is an error with the figure's place. */
	M->report.body = section("s", "Pictures", 1, false, figure("images/none.png", "x", NULL));
	diags_init(&d);
	dl = typeset(&d);
	ok(!dl && d.n_errors == 1 && d.items[0].pos.line == 30,
	   "an image that cannot be read is one error at the figure, and no display list");
	diags_free(&d);

	/* Nothing but the cover; empty blocks set nothing. */
	new_model();
	diags_init(&d);
	dl = typeset(&d);
	size_t texts = 0;
	for (size_t i = 0; dl && i < dl->n_ops; i++)
		texts += dl->ops[i].kind == DL_TEXT && strncmp(dl->ops[i].text.text, "Page", 4) == 0;
	ok(dl && dl->n_pages == 1 && texts == 0, "a report without sections is its cover alone");
	dl_free(dl);
	struct block *l = new_block(BLK_LIST, 40);
	l->u.list.n_items = 1;
	l->u.list.items = arena_array(M->arena, 1, sizeof *l->u.list.items);
	struct block *sub = new_block(BLK_LIST, 41);
	sub->u.list.n_items = 1;
	sub->u.list.items = arena_array(M->arena, 1, sizeof *sub->u.list.items);
	sub->u.list.items[0].inlines = in_text("only the nested item has text");
	l->u.list.items[0].sublists = sub;
	struct block *callout = new_block(BLK_CALLOUT, 42);
	M->report.body = section("s", "Empty things", 1, false,
				 blocks(ptext("   "), l, callout, new_block(BLK_PAGE_BREAK, 43),
					new_block(BLK_PAGE_BREAK, 44), section("t", "Empty", 2, false, NULL),
					NULL));
	dl = typeset(&d);
	ok(dl && d.n_errors == 0 && dl->n_pages == 3,
	   "empty paragraphs, items and callouts and repeated page breaks are laid out (%zu "
	   "pages)", dl ? dl->n_pages : 0);
	dl_free(dl);
	diags_free(&d);
}

/* ---- drafts ------------------------------------------------------------- */

static void test_draft(void)
{
	new_model();
	struct block *p = ptext("A paragraph a warning concerns.");
	p->pos = (struct srcpos){ "report.xml", 12, 5 };
	M->report.body = blocks(section("a", "Commented", 1, false, p),
				section("b", "Not commented", 1, false, ptext("Text.")), NULL);
	M->scrutiny.n_comments = 1;
	M->scrutiny.comments = arena_array(M->arena, 1, sizeof *M->scrutiny.comments);
	M->scrutiny.comments[0].on = "a";
	M->scrutiny.comments[0].blocks = ptext("Fine.");
	struct diags w;
	diags_init(&w);
	diag_warning(&w, p->pos, 4, "a warning about this paragraph; advice for the editor");
	struct layout_options o = { .draft = true, .draft_stamp = "Draft 2024-10-15",
				    .warnings = &w };
	for (int i = 0; i < FACE_COUNT; i++)
		o.font_paths[i] = font_paths[i];
	struct diags d;
	diags_init(&d);
	struct dl *dl = layout_report(M, &ST, &fam, &o, &d);
	size_t notes = 0, watermarks = 0, stamps = 0, placeholders = 0, open_points = 0;
	for (size_t i = 0; dl && i < dl->n_ops; i++) {
		const struct dl_op *op = &dl->ops[i];
		/* Said in plain words, the advice left to check, the place after. */
		if (op->kind == DL_NOTE_ANNOT &&
		    strcmp(op->note.contents, "A warning about this paragraph.\n(report.xml:12:5)") == 0)
			notes++;
		if (op->kind != DL_TEXT)
			continue;
		watermarks += op->text.angle_deg == 45 && strcmp(op->text.text, "DRAFT") == 0;
		stamps += strcmp(op->text.text, "Draft 2024-10-15") == 0;
		placeholders += strstr(op->text.text, "has not yet commented") != NULL;
		open_points += strstr(op->text.text, "A warning about this paragraph.") != NULL;
	}
	ok(dl && notes == 1 && open_points == 1,
	   "a draft puts a warning in a note where it stands and on the open points page");
	ok(dl && watermarks == dl->n_pages && stamps == dl->n_pages - 1,
	   "a draft has a watermark on every page and its stamp in every footer");
	ok(placeholders == 1, "a draft shows where a scrutineer comment is missing");
	dl_free(dl);
	diags_free(&d);
	diags_free(&w);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		fonts_dir = argv[1];
	char err[512];
	if (!font_family_load(&fam, fonts_dir, font_default_files, err, sizeof err)) {
		printf("1..0 # SKIP cannot load fonts: %s\n", err);
		return 0;
	}
	for (int i = 0; i < FACE_COUNT; i++) {
		size_t n = strlen(fonts_dir) + strlen(font_default_files[i]) + 2;
		font_paths[i] = malloc(n);
		snprintf(font_paths[i], n, "%s/%s", fonts_dir, font_default_files[i]);
	}
	style_defaults(&ST);

	test_sweep();
	test_ragged_and_justified();
	test_long_word();
	test_whitespace();
	test_pages_contents_refs();
	test_lists();
	test_glyphs();
	test_figures_and_edges();
	test_draft();

	printf("1..%d\n", n_tests);
	model_free(M);
	font_family_free(&fam);
	for (int i = 0; i < FACE_COUNT; i++)
		free(font_paths[i]);
	return n_failed ? 1 : 0;
}
