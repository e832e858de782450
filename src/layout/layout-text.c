/* layout-text.c - inline content into lines: runs of one face, break items,
 * total-fit breaking, emergency breaks inside long words, and drawing. */
#include "layout-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-break.h"
#include "text.h"

/* A footnote mark is set this much smaller than its text, and its baseline
 * raised by this fraction of its own size. */
#define MARK_SCALE 0.62
#define MARK_RAISE 0.6

/* Underlines sit this far below the baseline and are this thick, both in
 * em of the run. */
#define UNDERLINE_DROP 0.11
#define UNDERLINE_WIDTH 0.06

/* How a stretch of text looks; two pieces with equal styles share a run. */
struct run_style {
	enum font_face face;
	double size_pt;
	struct dl_rgb color;
	const char *link;          /* URI, "#dest", or NULL */
	bool superscript;
	struct footnote *note;
	bool gap;                  /* a draft's gap: "[to enter: …]", highlighted */
};

static bool same_style(const struct run_style *a, const struct run_style *b)
{
	return a->face == b->face && a->size_pt == b->size_pt && a->color.r == b->color.r &&
	       a->color.g == b->color.g && a->color.b == b->color.b && a->link == b->link &&
	       a->superscript == b->superscript && a->note == b->note && a->gap == b->gap;
}

/* ---- collecting the text ------------------------------------------------ */

/* An atom is text in one style, or one collapsed space; all atoms' bytes
 * lie in one buffer, in order, so a word's atoms are contiguous there. */
struct atom {
	bool space;
	struct run_style st;
	size_t off, len;
};

struct setter {
	struct layout *lo;
	enum style_role role;
	char *buf;
	size_t len, cap;
	struct atom *atoms;
	size_t n_atoms, cap_atoms;
	bool pending_space;
	struct run_style space_style;
	bool any;                  /* text has been emitted */
	bool open_atom;            /* the last atom may be extended */
	struct footnote **notes;
	size_t n_notes, cap_notes;
};

static void put_bytes(struct setter *s, const char *p, size_t n)
{
	xgrow(&s->buf, &s->cap, s->len + n, 1); /* room for the terminator too */
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static struct atom *new_atom(struct setter *s, bool space, const struct run_style *st)
{
	xgrow(&s->atoms, &s->cap_atoms, s->n_atoms, sizeof *s->atoms);
	struct atom *a = &s->atoms[s->n_atoms++];
	*a = (struct atom){ .space = space, .st = *st, .off = s->len, .len = 0 };
	return a;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
	       cp == '\v' || cp == 0x2028 || cp == 0x2029;
}

/* Characters with no glyph and no meaning in print (C0 and C1 controls
 * other than white space) are dropped; the glyph check reports nothing
 * for them because nothing prints. */
static bool is_invisible(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Appends text, collapsing white space as HTML does: a run of white space
 * (across node boundaries too) is one space, none at the start or end. */
static void emit_span(struct setter *s, const char *text, size_t n, const struct run_style *st)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = text_utf8_decode(text + i, n - i, &cp);
		if (k == 0) {
			i++; /* malformed: libharu would drop it too */
			continue;
		}
		if (is_space(cp)) {
			if (!s->pending_space)
				s->space_style = *st;
			s->pending_space = true;
			i += k;
			continue;
		}
		if (is_invisible(cp)) {
			i += k;
			continue;
		}
		if (s->pending_space && s->any) {
			new_atom(s, true, &s->space_style);
			put_bytes(s, " ", 1);
			s->atoms[s->n_atoms - 1].len = 1;
			s->open_atom = false;
		}
		s->pending_space = false;
		struct atom *a = s->open_atom ? &s->atoms[s->n_atoms - 1] : NULL;
		if (!a || a->space || !same_style(&a->st, st))
			a = new_atom(s, false, st);
		put_bytes(s, text + i, k);
		a->len += k;
		s->open_atom = true;
		s->any = true;
		i += k;
	}
}

/* The start of the next gap marker in text[0, n) ("[to enter]", "[to enter:
 * …]", "[To write: …]"), or NULL. */
static const char *next_gap(const char *text, size_t n)
{
	static const char *const markers[] = { "[to enter", "[To write:" };
	const char *best = NULL;
	for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++) {
		size_t len = strlen(markers[m]);
		for (const char *p = text; p + len <= text + n && (!best || p < best); p++)
			if (memcmp(p, markers[m], len) == 0) {
				best = p;
				break;
			}
	}
	return best;
}

/* Appends text; in a draft, each gap still to fill in it (a marker up to
 * its closing bracket) is set in a style of its own, which draws it
 * highlighted, so that a reader sees at once what is not yet there. */
static void emit_text(struct setter *s, const char *text, size_t n, const struct run_style *st)
{
	if (!s->lo->opts || !s->lo->opts->draft) {
		emit_span(s, text, n, st);
		return;
	}
	struct run_style gap = *st;
	gap.gap = true;
	while (n > 0) {
		const char *g = next_gap(text, n);
		if (!g) {
			emit_span(s, text, n, st);
			return;
		}
		emit_span(s, text, (size_t)(g - text), st);
		const char *close = memchr(g, ']', n - (size_t)(g - text));
		size_t len = close ? (size_t)(close - g) + 1 : n - (size_t)(g - text);
		emit_span(s, g, len, &gap);
		n -= (size_t)(g - text) + len;
		text = g + len;
	}
}

/* A word that must not merge with the text around it in style, such as a
 * footnote mark: starts its own atom, with no space before it. */
static void emit_mark(struct setter *s, const char *text, const struct run_style *st)
{
	s->pending_space = false;
	struct atom *a = new_atom(s, false, st);
	put_bytes(s, text, strlen(text));
	a->len = strlen(text);
	s->open_atom = false;
	s->any = true;
}

static void add_note_ref(struct setter *s, struct footnote *fn)
{
	for (size_t i = 0; i < s->n_notes; i++)
		if (s->notes[i] == fn)
			return;
	xgrow(&s->notes, &s->cap_notes, s->n_notes, sizeof *s->notes);
	s->notes[s->n_notes++] = fn;
}

/* The footnote of a note node: made on first use, numbered in order of
 * citation, its text set across the text width after its number. */
static struct footnote *footnote_for(struct layout *lo, const struct inline_node *note)
{
	for (size_t i = 0; i < lo->n_footnotes; i++)
		if (lo->footnotes[i]->note == note)
			return lo->footnotes[i];
	struct footnote *fn = arena_alloc(lo->arena, sizeof *fn);
	fn->number = ++lo->footnote_count;
	fn->note = note;
	fn->elem = DL_NO_PARENT;
	fn->section = lo->origin ? lo->origin->section : NULL;
	xgrow(&lo->footnotes, &lo->cap_footnotes, lo->n_footnotes, sizeof *lo->footnotes);
	lo->footnotes[lo->n_footnotes++] = fn;

	const struct style_text *t = &lo->style->text[STYLE_FOOTNOTE];
	char num[32];
	snprintf(num, sizeof num, "%d", fn->number);
	double hang = layout_text_width(lo, t->face, t->size_pt, num, strlen(num)) +
		      0.5 * t->size_pt;
	double width = style_text_width_pt(lo->style) - hang;
	fn->text = layout_set_inlines(lo, note->children, STYLE_FOOTNOTE, width, ALIGN_DEFAULT);
	fn->height_pt = layout_text_height(fn->text) + t->space_after_pt;
	return fn;
}

static void emit_inlines(struct setter *s, const struct inline_node *in, bool bold,
			 bool italic, const char *link, struct dl_rgb color);

static void emit_string(struct setter *s, const char *text, bool bold, bool italic,
			const char *link, struct dl_rgb color)
{
	const struct style_text *t = &s->lo->style->text[s->role];
	struct run_style st = {
		.face = font_face_of(bold || t->face == FACE_BOLD || t->face == FACE_BOLD_ITALIC,
				     italic || t->face == FACE_ITALIC ||
					     t->face == FACE_BOLD_ITALIC),
		.size_pt = t->size_pt,
		.color = color,
		.link = link,
	};
	emit_text(s, text, strlen(text), &st);
}

/* What a figure path prints; the checks have made sure it exists, so the
 * fallback (the path itself) shows only in hand-made models. */
static const char *value_text(struct layout *lo, const struct inline_node *in)
{
	char buf[128];
	struct figure_ref ref;
	if (in->target &&
	    figure_resolve(lo->model, lo->arena, in->target, &ref, NULL) == FIG_SCALAR) {
		if (in->kind == IN_VALUE)
			return arena_strdup(lo->arena, figure_format(ref.value, buf, sizeof buf));
		struct figure from;
		if (figure_value_in(lo->model, in->target, in->from, &from))
			return arena_strdup(lo->arena,
					    figure_format_change(from, ref.value, buf, sizeof buf));
	}
	const char *gap = layout_gap_figure(lo, in->target);
	if (gap)
		return gap;
	return in->target ? in->target : "";
}

static void emit_ref(struct setter *s, const struct inline_node *in, bool bold, bool italic)
{
	struct layout *lo = s->lo;
	const struct section *sec = in->target ? model_find_section(lo->model, in->target) : NULL;
	const char *title = sec ? layout_section_title(lo, sec) : in->target ? in->target : "";
	char *dest = arena_printf(lo->arena, "sec-%s", in->target ? in->target : "");
	int page = layout_dest_page(lo, dest);
	/* Before the first pass knows the page, "00" holds its place: two
	 * digits are as wide as most page numbers will be. */
	char num[32];
	if (page > 0)
		snprintf(num, sizeof num, "%d", page);
	else
		snprintf(num, sizeof num, "00");
	const char *text = arena_printf(lo->arena, "%s (page %s)", title, num);
	/* The link string is made once per ref node, so that its lines share
	 * one Link element (see layout_draw_text). */
	const char *link = arena_printf(lo->arena, "#%s", dest);
	emit_string(s, text, bold, italic, link, layout_rgb(lo->style->link.colour));
}

static void emit_inlines(struct setter *s, const struct inline_node *in, bool bold,
			 bool italic, const char *link, struct dl_rgb color)
{
	struct layout *lo = s->lo;
	for (; in; in = in->next) {
		switch (in->kind) {
		case IN_TEXT:
			emit_string(s, in->text ? in->text : "", bold, italic, link, color);
			break;
		case IN_EM:
			emit_inlines(s, in->children, bold, true, link, color);
			break;
		case IN_STRONG:
			emit_inlines(s, in->children, true, italic, link, color);
			break;
		case IN_LINK:
			if (in->target && *in->target)
				emit_inlines(s, in->children, bold, italic, in->target,
					     layout_rgb(lo->style->link.colour));
			else
				emit_inlines(s, in->children, bold, italic, link, color);
			break;
		case IN_REF:
			emit_ref(s, in, bold, italic);
			break;
		case IN_VALUE:
		case IN_CHANGE:
			emit_string(s, value_text(lo, in), bold, italic, link, color);
			break;
		case IN_NOTE: {
			/* A note inside a note's own text cannot be placed: its
			 * text is the footnote, so only its words are kept. */
			if (s->role == STYLE_FOOTNOTE) {
				emit_inlines(s, in->children, bold, italic, link, color);
				break;
			}
			struct footnote *fn = footnote_for(lo, in);
			add_note_ref(s, fn);
			const struct style_text *t = &lo->style->text[s->role];
			struct run_style st = {
				.face = font_face_of(bold || t->face == FACE_BOLD ||
							     t->face == FACE_BOLD_ITALIC,
						     false),
				.size_pt = t->size_pt * MARK_SCALE,
				.color = layout_rgb(t->colour),
				.superscript = true,
				.note = fn,
			};
			char num[32];
			snprintf(num, sizeof num, "%d", fn->number);
			emit_mark(s, num, &st);
			break;
		}
		}
	}
}

/* ---- pieces and break items --------------------------------------------- */

enum piece_kind { P_TEXT, P_SPACE, P_BREAK };

/* What the line breaker sees: a slice of an atom (a box), a space (glue)
 * or a place inside a word where a line may end (penalty). */
struct piece {
	enum piece_kind kind;
	struct run_style st;
	const char *text;
	size_t len;
	double width_pt;
	bool hyphen;               /* P_BREAK: a hyphen is added there */
	double hyphen_pt;
	double penalty;
	bool flagged;
};

struct pieces {
	struct piece *items;
	size_t n, cap;
};

static struct piece *add_piece(struct pieces *p, enum piece_kind kind, const struct run_style *st)
{
	xgrow(&p->items, &p->cap, p->n, sizeof *p->items);
	struct piece *pc = &p->items[p->n++];
	*pc = (struct piece){ .kind = kind, .st = *st };
	return pc;
}

static double style_width(const struct layout *lo, const struct run_style *st, const char *s,
			  size_t n)
{
	return layout_text_width(lo, st->face, st->size_pt, s, n);
}

/* The width of text[from, to) of a word made of atoms; *a is where the
 * search for the atom holding `from` starts, and moves forward only, so
 * that widths taken in order cost time in proportion to the word. */
static double span_width(struct layout *lo, const char *text, const struct atom *atoms,
			 size_t a1, size_t *a, size_t from, size_t to)
{
	double w = 0;
	while (*a + 1 < a1 && atoms[*a].off + atoms[*a].len <= from)
		++*a;
	for (size_t k = *a; k < a1 && atoms[k].off < to; k++) {
		size_t lo_off = from > atoms[k].off ? from : atoms[k].off;
		size_t hi_off = to < atoms[k].off + atoms[k].len ? to : atoms[k].off + atoms[k].len;
		if (hi_off > lo_off)
			w += style_width(lo, &atoms[k].st, text + lo_off, hi_off - lo_off);
	}
	return w;
}

/* Keeps, of a word's n break points, those where a word wider than the
 * line ends its lines, chosen greedily: each line of it ends at the last
 * point that fits, or at the last punctuation point that fits (after '-',
 * '/', '_' or '.') when that fills at least half the line. The total-fit
 * breaker then weighs a few points instead of one per letter: for a word
 * of a million letters those cost gigabytes. Returns how many are kept,
 * at the front of pts. */
static size_t greedy_points(struct layout *lo, const char *text, const struct atom *atoms,
			    size_t a0, size_t a1, double measure_pt, double width_pt,
			    struct break_point *pts, size_t n)
{
	size_t start = atoms[a0].off;
	/* cw[i]: the width of the word before point i. */
	double *cw = xmalloc((n ? n : 1) * sizeof *cw);
	size_t a = a0, prev = start;
	for (size_t i = 0; i < n; i++) {
		size_t at = start + pts[i].offset;
		cw[i] = (i ? cw[i - 1] : 0) + span_width(lo, text, atoms, a1, &a, prev, at);
		prev = at;
	}
	double hyphen_pt = style_width(lo, &atoms[a0].st, "-", 1);
	size_t kept = 0, i = 0;
	double line_start = 0;
	while (i < n && width_pt - line_start > measure_pt) {
		size_t any = n, punct = n;
		for (size_t j = i; j < n; j++) {
			double w = cw[j] - line_start + (pts[j].hyphen ? hyphen_pt : 0);
			if (w > measure_pt) {
				/* Not even the first point fits: break there all the same. */
				if (any == n)
					any = j;
				break;
			}
			any = j;
			if (pts[j].penalty <= BREAK_PUNCT_PENALTY && w >= measure_pt / 2)
				punct = j;
		}
		size_t c = punct < n ? punct : any;
		line_start = cw[c];
		pts[kept++] = pts[c];
		i = c + 1;
	}
	free(cw);
	return kept;
}

/* A word wider than this many lines has its line ends chosen greedily
 * (greedy_points()); a narrower one (a long address, say) offers every
 * point between its letters to the total-fit breaker, which places it
 * best, at a cost in memory of about 700 bytes per letter. */
#define GREEDY_WORD_LINES 8

/* The pieces of one word (atoms a0..a1-1, contiguous in text), split at
 * its break points. Punctuation points are always offered; letters only
 * when the word is wider than the line, so that it never overflows. */
static void word_pieces(struct layout *lo, const char *text, const struct atom *atoms,
			size_t a0, size_t a1, double measure_pt, struct pieces *out)
{
	size_t start = atoms[a0].off, end = atoms[a1 - 1].off + atoms[a1 - 1].len;
	size_t len = end - start;
	double width = 0;
	for (size_t a = a0; a < a1; a++)
		width += style_width(lo, &atoms[a].st, text + atoms[a].off, atoms[a].len);

	bool too_wide = width > measure_pt;
	struct break_point *pts = xmalloc((len + 1) * sizeof *pts);
	size_t n_pts = layout_break_word_points(text + start, len, too_wide, pts);
	if (width > GREEDY_WORD_LINES * measure_pt)
		n_pts = greedy_points(lo, text, atoms, a0, a1, measure_pt, width, pts, n_pts);
	size_t k = 0;
	for (size_t a = a0; a < a1; a++) {
		const struct atom *at = &atoms[a];
		size_t pos = at->off - start, stop = pos + at->len;
		/* Points at the atom's start were placed with the atom before. */
		while (k < n_pts && pts[k].offset <= pos && a != a0)
			k++;
		while (pos < stop) {
			size_t cut = stop;
			while (k < n_pts && pts[k].offset <= pos)
				k++;
			bool at_point = k < n_pts && pts[k].offset <= stop;
			if (at_point)
				cut = pts[k].offset;
			struct piece *pc = add_piece(out, P_TEXT, &at->st);
			pc->text = text + start + pos;
			pc->len = cut - pos;
			pc->width_pt = style_width(lo, &at->st, pc->text, pc->len);
			pos = cut;
			if (at_point && cut < len) {
				struct piece *br = add_piece(out, P_BREAK, &at->st);
				br->hyphen = pts[k].hyphen;
				br->hyphen_pt = br->hyphen ? style_width(lo, &at->st, "-", 1) : 0;
				br->penalty = pts[k].penalty;
				br->flagged = pts[k].flagged;
				k++;
			}
		}
	}
	free(pts);
}

/* ---- lines and runs ----------------------------------------------------- */

struct line_builder {
	struct layout *lo;
	bool justify;
	struct text_run *runs;
	size_t n_runs, cap_runs;
	char *buf;                 /* text of the open run */
	size_t len, cap;
	bool open;
	struct text_run cur;
	struct run_style cur_st;
};

static void flush_run(struct line_builder *lb)
{
	if (!lb->open)
		return;
	struct text_run r = lb->cur;
	r.text = arena_strndup(lb->lo->arena, lb->buf, lb->len);
	r.len = lb->len;
	/* A space at a run's end only marks a word boundary (see
	 * place_text): it is not part of the run's width. */
	size_t ink = lb->len;
	while (ink && lb->buf[ink - 1] == ' ')
		ink--;
	r.width_pt = style_width(lb->lo, &lb->cur_st, lb->buf, ink);
	xgrow(&lb->runs, &lb->cap_runs, lb->n_runs, sizeof *lb->runs);
	lb->runs[lb->n_runs++] = r;
	lb->open = false;
	lb->len = 0;
}

static void run_append(struct line_builder *lb, const char *s, size_t n)
{
	xgrow(&lb->buf, &lb->cap, lb->len + n, 1);
	memcpy(lb->buf + lb->len, s, n);
	lb->len += n;
}

static void start_run(struct line_builder *lb, const struct run_style *st, double x_pt)
{
	flush_run(lb);
	lb->open = true;
	lb->cur_st = *st;
	lb->cur = (struct text_run){
		.face = st->face,
		.size_pt = st->size_pt,
		.color = st->color,
		.x_pt = x_pt,
		.link = st->link,
		.superscript = st->superscript,
		.note = st->note,
		.gap = st->gap,
	};
}

/* Places a text piece at x. In ragged text a word joins the open run (with
 * the space before it) when all three share a style; in justified text
 * each word is a run of its own at its computed place, because the PDF's
 * word spacing does not apply to these fonts. */
static void place_text(struct line_builder *lb, const struct piece *pc, double x_pt,
		       double gap_pt, const struct run_style *gap_style)
{
	bool join = lb->open && same_style(&lb->cur_st, &pc->st);
	if (gap_pt > 0)
		join = join && !lb->justify && gap_style && same_style(gap_style, &pc->st);
	/* The space between two runs ends the first, invisibly, so that
	 * text taken from the PDF keeps its word boundaries. */
	if (!join && lb->open && gap_pt > 0)
		run_append(lb, " ", 1);
	if (!join)
		start_run(lb, &pc->st, x_pt);
	else if (gap_pt > 0)
		run_append(lb, " ", 1);
	run_append(lb, pc->text, pc->len);
}

static void line_metrics(const struct layout *lo, struct text_line *ln)
{
	ln->ascent_pt = 0;
	ln->descent_pt = 0;
	for (size_t i = 0; i < ln->n_runs; i++) {
		const struct text_run *r = &ln->runs[i];
		const struct font_metrics *m = font_metrics(lo->fonts->face[r->face]);
		double asc = m->ascent * r->size_pt / 1000.0;
		double desc = -m->descent * r->size_pt / 1000.0;
		if (r->superscript) {
			asc += r->size_pt * MARK_RAISE;
			desc -= r->size_pt * MARK_RAISE;
			if (desc < 0)
				desc = 0;
		}
		if (asc > ln->ascent_pt)
			ln->ascent_pt = asc;
		if (desc > ln->descent_pt)
			ln->descent_pt = desc;
	}
}

/* Breaks the collected atoms into lines width_pt wide. */
static struct text_block *set_atoms(struct setter *s, double width_pt, enum cell_align align,
				    bool justify)
{
	struct layout *lo = s->lo;
	const struct style_text *t = &lo->style->text[s->role];
	struct text_block *tb = arena_alloc(lo->arena, sizeof *tb);
	tb->leading_pt = t->leading_pt;
	tb->width_pt = width_pt;
	tb->justify = justify;
	tb->align = align;
	if (s->n_notes) {
		tb->notes = arena_array(lo->arena, s->n_notes, sizeof *tb->notes);
		memcpy(tb->notes, s->notes, s->n_notes * sizeof *tb->notes);
		tb->n_notes = s->n_notes;
	}
	if (s->n_atoms == 0)
		return tb;

	/* The text must outlive the pieces: runs are copied out of it, but
	 * keep it in the arena so that pieces may point into it freely. */
	const char *text = arena_strndup(lo->arena, s->buf, s->len);

	struct pieces pcs = { 0 };
	for (size_t a = 0; a < s->n_atoms;) {
		if (s->atoms[a].space) {
			struct piece *pc = add_piece(&pcs, P_SPACE, &s->atoms[a].st);
			pc->text = " ";
			pc->len = 1;
			pc->width_pt = style_width(lo, &pc->st, " ", 1);
			a++;
			continue;
		}
		size_t b = a;
		while (b < s->n_atoms && !s->atoms[b].space)
			b++;
		word_pieces(lo, text, s->atoms, a, b, width_pt, &pcs);
		a = b;
	}

	struct break_items items;
	layout_break_items_init(&items, justify ? BREAK_JUSTIFIED : BREAK_RAGGED, t->size_pt);
	for (size_t i = 0; i < pcs.n; i++) {
		const struct piece *pc = &pcs.items[i];
		switch (pc->kind) {
		case P_TEXT:
			layout_break_add_box(&items, pc->width_pt, i);
			break;
		case P_SPACE:
			layout_break_add_space(&items, pc->width_pt, i);
			break;
		case P_BREAK:
			layout_break_add_word_break(&items, pc->hyphen_pt, pc->penalty, pc->flagged, i);
			break;
		}
	}
	layout_break_end(&items, pcs.n);

	struct break_result res;
	layout_break_lines(&items, &width_pt, 1, NULL, lo->arena, &res);

	tb->lines = arena_array(lo->arena, res.n_lines ? res.n_lines : 1, sizeof *tb->lines);
	struct line_builder lb = { .lo = lo, .justify = justify };
	for (size_t li = 0; li < res.n_lines; li++) {
		const struct break_line *bl = &res.lines[li];
		lb.n_runs = 0;
		double x = 0, gap = 0;
		const struct run_style *gap_style = NULL;
		bool started = false;
		const struct piece *last = NULL;
		for (size_t k = bl->start; k < bl->end && k < items.n; k++) {
			const struct break_item *it = &items.items[k];
			if (it->type == BREAK_BOX) {
				if (it->ref >= pcs.n)
					continue;
				const struct piece *pc = &pcs.items[it->ref];
				x += gap;
				place_text(&lb, pc, x, gap, gap_style);
				x += pc->width_pt;
				gap = 0;
				gap_style = NULL;
				started = true;
				last = pc;
			} else if (it->type == BREAK_GLUE && started) {
				/* Spaces at a line's start are dropped; the
				 * ones inside it become the gaps between runs. */
				gap += layout_break_glue_width(&items, bl, it);
				if (it->ref < pcs.n && pcs.items[it->ref].kind == P_SPACE)
					gap_style = &pcs.items[it->ref].st;
			}
		}
		/* The hyphen that breaking inside a word adds. */
		bool hyphen = false;
		if (bl->hyphen_pt > 0 && last && lb.open) {
			const struct break_item *brk = bl->end < items.n ? &items.items[bl->end] : NULL;
			const struct piece *bp = brk && brk->ref < pcs.n ? &pcs.items[brk->ref] : NULL;
			if (bp && bp->kind == P_BREAK && bp->hyphen) {
				run_append(&lb, "-", 1);
				x += bp->hyphen_pt;
				hyphen = true;
			}
		}
		flush_run(&lb);
		if (hyphen)
			lb.runs[lb.n_runs - 1].hyphen_added = true;
		struct text_line *ln = &tb->lines[tb->n_lines++];
		ln->n_runs = lb.n_runs;
		ln->runs = arena_array(lo->arena, lb.n_runs ? lb.n_runs : 1, sizeof *ln->runs);
		memcpy(ln->runs, lb.runs, lb.n_runs * sizeof *ln->runs);
		ln->width_pt = lb.n_runs ? lb.runs[lb.n_runs - 1].x_pt +
						   lb.runs[lb.n_runs - 1].width_pt
					 : 0;
		line_metrics(lo, ln);
		/* A line that breaks at a space keeps it: "authority" and "is"
		 * stay two words across lines in text taken from the PDF. */
		const struct break_item *brk = bl->end < items.n ? &items.items[bl->end] : NULL;
		if (brk && brk->ref < pcs.n && pcs.items[brk->ref].kind == P_SPACE &&
		    li + 1 < res.n_lines)
			layout_line_end_space(lo, ln);
	}
	free(lb.runs);
	free(lb.buf);
	free(pcs.items);
	layout_break_items_free(&items);
	return tb;
}

static void setter_free(struct setter *s)
{
	free(s->buf);
	free(s->atoms);
	free(s->notes);
}

/* Body-like roles follow the style's paragraph.justify; titles, tables,
 * captions and notes are always ragged. */
static bool justified_role(const struct layout *lo, enum style_role role, enum cell_align align)
{
	return lo->style->paragraph.justify && align == ALIGN_DEFAULT &&
	       (role == STYLE_BODY || role == STYLE_CALLOUT || role == STYLE_SCRUTINY);
}

struct text_block *layout_set_inlines(struct layout *lo, const struct inline_node *inlines,
				      enum style_role role, double width_pt,
				      enum cell_align align)
{
	struct setter s = { .lo = lo, .role = role };
	emit_inlines(&s, inlines, false, false, NULL, layout_rgb(lo->style->text[role].colour));
	struct text_block *tb = set_atoms(&s, width_pt, align, justified_role(lo, role, align));
	setter_free(&s);
	return tb;
}

struct text_block *layout_set_text(struct layout *lo, const char *utf8, enum style_role role,
				   enum font_face face, double width_pt, enum cell_align align)
{
	struct setter s = { .lo = lo, .role = role };
	struct run_style st = {
		.face = face,
		.size_pt = lo->style->text[role].size_pt,
		.color = layout_rgb(lo->style->text[role].colour),
	};
	if (utf8)
		emit_text(&s, utf8, strlen(utf8), &st);
	struct text_block *tb = set_atoms(&s, width_pt, align, false);
	setter_free(&s);
	return tb;
}

void layout_line_end_space(struct layout *lo, struct text_line *ln)
{
	if (!ln->n_runs)
		return;
	struct text_run *r = &ln->runs[ln->n_runs - 1];
	/* A run that ends with an added hyphen must keep it last. */
	if (r->hyphen_added || (r->len && r->text[r->len - 1] == ' '))
		return;
	r->text = arena_printf(lo->arena, "%.*s ", (int)r->len, r->text);
	r->len++;
}

/* ---- measuring ---------------------------------------------------------- */

double layout_text_width(const struct layout *lo, enum font_face face, double size_pt,
			 const char *utf8, size_t len)
{
	return font_text_width_pt(lo->fonts->face[face], utf8, len, size_pt);
}

double layout_line_height(const struct text_block *tb, size_t i)
{
	const struct text_line *ln = &tb->lines[i];
	double content = ln->ascent_pt + ln->descent_pt;
	return content > tb->leading_pt ? content : tb->leading_pt;
}

double layout_text_height(const struct text_block *tb)
{
	double h = 0;
	for (size_t i = 0; i < tb->n_lines; i++)
		h += layout_line_height(tb, i);
	return h;
}

size_t layout_line_notes(struct layout *lo, const struct text_block *tb, size_t first,
			 size_t count, struct footnote ***out)
{
	size_t n = 0;
	*out = NULL;
	for (size_t i = first; i - first < count && i < tb->n_lines; i++)
		for (size_t r = 0; r < tb->lines[i].n_runs; r++)
			n += tb->lines[i].runs[r].note != NULL;
	if (!n)
		return 0;
	struct footnote **notes = arena_array(lo->arena, n, sizeof *notes);
	n = 0;
	for (size_t i = first; i - first < count && i < tb->n_lines; i++)
		for (size_t r = 0; r < tb->lines[i].n_runs; r++) {
			struct footnote *fn = tb->lines[i].runs[r].note;
			bool seen = false;
			for (size_t k = 0; k < n; k++)
				seen = seen || notes[k] == fn;
			if (fn && !seen)
				notes[n++] = fn;
		}
	*out = notes;
	return n;
}

const char *layout_collapse(struct layout *lo, const char *utf8)
{
	if (!utf8)
		return "";
	size_t n = strlen(utf8);
	char *out = arena_alloc(lo->arena, n + 1);
	size_t len = 0;
	bool space = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = text_utf8_decode(utf8 + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (is_space(cp)) {
			space = len > 0;
		} else if (!is_invisible(cp)) {
			if (space)
				out[len++] = ' ';
			space = false;
			memcpy(out + len, utf8 + i, k);
			len += k;
		}
		i += k;
	}
	out[len] = '\0';
	return out;
}

const char *layout_format(struct layout *lo, struct figure value)
{
	char buf[64];
	figure_format(value, buf, sizeof buf);
	return arena_strdup(lo->arena, buf);
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_run(struct layout *lo, const struct text_run *r, double x_pt, double base_pt)
{
	double y = base_pt + (r->superscript ? r->size_pt * MARK_RAISE : 0);
	dl_add_text_n(lo->dl, x_pt, y, layout_face(lo, r->face), r->size_pt, r->color,
		      r->hyphen_added ? DL_TEXT_HYPHEN_ADDED : 0, r->text, r->len);
}

/* Runs [r0, r1) of a line share one link: one annotation over them inside
 * one Link element (resumed when the link began on the line before), and
 * an underline when the style asks for one (a decoration: an artifact). */
static void draw_link(struct layout *lo, const struct text_line *ln, size_t r0, size_t r1,
		      double x_pt, double base_pt)
{
	struct dl *dl = lo->dl;
	const struct text_run *first = &ln->runs[r0], *last = &ln->runs[r1 - 1];
	bool tagged = !dl->in_artifact;
	if (tagged) {
		if (lo->last_link == first->link) {
			dl_struct_resume(dl, lo->last_link_elem);
		} else {
			lo->last_link = first->link;
			lo->last_link_elem = dl_struct_open(dl, DL_LINK, NULL);
		}
	}
	for (size_t r = r0; r < r1; r++)
		draw_run(lo, &ln->runs[r], x_pt + ln->runs[r].x_pt, base_pt);
	double x0 = x_pt + first->x_pt;
	double w = last->x_pt + last->width_pt - first->x_pt;
	if (lo->style->link.underline) {
		if (tagged)
			dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
		for (size_t r = r0; r < r1; r++) {
			const struct text_run *run = &ln->runs[r];
			double y = base_pt - UNDERLINE_DROP * run->size_pt;
			/* Join the underline across the gap to the next run. */
			double end = r + 1 < r1 ? ln->runs[r + 1].x_pt : run->x_pt + run->width_pt;
			dl_add_line(dl, x_pt + run->x_pt, y, x_pt + end, y,
				    UNDERLINE_WIDTH * run->size_pt, run->color, DL_SOLID);
		}
		if (tagged)
			dl_artifact_end(dl);
	}
	if (tagged) {
		double y = base_pt - ln->descent_pt;
		double h = ln->ascent_pt + ln->descent_pt;
		if (first->link[0] == '#')
			dl_add_link_dest(dl, x0, y, w, h, first->link + 1);
		else
			dl_add_link_uri(dl, x0, y, w, h, first->link);
		dl_struct_close(dl);
	}
}

/* The highlight under a gap: the draft notes' fill, a decoration. */
static void highlight(struct layout *lo, const struct text_line *ln, const struct text_run *r,
		      double x_pt, double base_pt)
{
	struct dl *dl = lo->dl;
	const struct style_fill *fill = &lo->style->draft.note_fill;
	if (fill->none)
		return;
	bool own = !dl->in_artifact;
	if (own)
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	struct dl_paint p = dl_paint_fill(layout_rgb(fill->rgb));
	double pad = 0.15 * r->size_pt;
	dl_add_rect(dl, x_pt + r->x_pt - pad, base_pt - ln->descent_pt, r->width_pt + 2 * pad,
		    ln->ascent_pt + ln->descent_pt, &p);
	if (own)
		dl_artifact_end(dl);
}

void layout_draw_text(struct layout *lo, const struct text_block *tb, size_t first,
		      size_t count, double x_pt, double top_pt)
{
	struct dl *dl = lo->dl;
	for (size_t i = first; i - first < count && i < tb->n_lines; i++) {
		const struct text_line *ln = &tb->lines[i];
		double h = layout_line_height(tb, i);
		double base = top_pt - (h - ln->ascent_pt - ln->descent_pt) / 2 - ln->ascent_pt;
		double x = x_pt;
		if (tb->align == ALIGN_RIGHT)
			x += tb->width_pt - ln->width_pt;
		else if (tb->align == ALIGN_CENTRE)
			x += (tb->width_pt - ln->width_pt) / 2;
		for (size_t r = 0; r < ln->n_runs; r++)
			if (ln->runs[r].gap)
				highlight(lo, ln, &ln->runs[r], x, base);
		for (size_t r = 0; r < ln->n_runs;) {
			const struct text_run *run = &ln->runs[r];
			size_t end = r + 1;
			if (run->link) {
				while (end < ln->n_runs && ln->runs[end].link == run->link)
					end++;
				draw_link(lo, ln, r, end, x, base);
			} else {
				draw_run(lo, run, x + run->x_pt, base);
			}
			/* The Note element stands where its mark is; its text
			 * is added when the page foot is drawn. */
			for (size_t k = r; k < end; k++) {
				struct footnote *fn = ln->runs[k].note;
				if (fn && !dl->in_artifact) {
					fn->elem = dl_struct_open(dl, DL_NOTE, NULL);
					dl_struct_close(dl);
				}
			}
			r = end;
		}
		top_pt -= h;
	}
}
