/* layout-table.c - tables: the hand-written <table> and <data-table> from
 * a dataset, one box per row so that pages break between rows, with the
 * title and header row repeated as "(continued)" after a break.
 *
 * What a data table shows (decided here, documented in the README):
 *  - a breakdown of counts (or money) gets a "Percentage" column of its
 *    whole, to one decimal: the whole is the base when given, otherwise
 *    the sum of the items unless the breakdown is partial; a total row;
 *  - a breakdown of percentages with a base gets a "Number" column only
 *    when every item stands for exactly one whole number of the base
 *    (rule 6 guarantees at least one; a large base allows several, and
 *    then no number is printed, because it would be a guess);
 *  - a partial breakdown ends with "Not itemised": the base less the
 *    counts, or 100% less the percentages, and then a total row;
 *  - series by period are turned so that periods are columns (as the
 *    published tables are), unless there are more than six periods;
 *  - a note under the table says what the percentages are of and why
 *    they do not add up to 100 when rounding is the reason. */
#include "layout-private.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* More periods than this and a series keeps periods as rows. */
#define MAX_PERIOD_COLUMNS 6
/* Tables of at most this many body rows are never broken. */
#define SMALL_TABLE_ROWS 5

enum row_kind { ROW_HEAD, ROW_BODY, ROW_REMAINDER, ROW_TOTAL };

struct cell {
	const char *text;                   /* plain text, or NULL */
	const struct inline_node *inlines;  /* hand-written content */
	enum cell_align align;
	bool number;                        /* one line, aligned on its decimal point */
	bool money;                         /* a number of pounds, value in hundredths */
	int64_t hundredths;
	double int_w, frac_w;               /* a number's width before and from that point */
	double min_w, max_w;                /* narrowest and natural content width */
	struct text_block *tb;
};

struct row {
	enum row_kind kind;
	struct cell *cells;
	bool zebra;
	double height_pt;
	size_t tr;                          /* the TR element once drawn */
	size_t *elems;                      /* its cells' elements */
	/* Where the row is written (`reportc notes`): a hand-written row's
	 * <tr>, a data row's element in its data file; file NULL if unknown. */
	struct srcpos pos, data_pos;
};

/* A row, or part of a row taller than a page: lines [first, first + count)
 * of each of its cells. */
struct piece {
	size_t row;
	size_t first, count;
	bool top_pad, bottom_pad;
	double height_pt;
};

struct tbl {
	const char *title, *continued;
	struct text_block *title_tb, *cont_tb, *note_tb;
	double title_h;
	const char *note;
	size_t n_cols;
	struct row *head;                   /* the header row */
	struct row *rows;
	size_t n_rows;
	bool row_headers;                   /* the first column names its row */
	bool *numeric;
	double *col_x, *col_w, *frac_w;
	double width_pt;
	struct vcontinue cont;
	struct piece *pieces;
	size_t n_pieces;
};

/* ---- building ------------------------------------------------------------ */

static struct tbl *tbl_new(struct layout *lo, size_t n_cols, size_t max_rows)
{
	struct tbl *t = arena_alloc(lo->arena, sizeof *t);
	t->n_cols = n_cols;
	t->head = arena_alloc(lo->arena, sizeof *t->head);
	t->head->kind = ROW_HEAD;
	t->head->cells = arena_array(lo->arena, n_cols, sizeof *t->head->cells);
	t->rows = arena_array(lo->arena, max_rows ? max_rows : 1, sizeof *t->rows);
	t->numeric = arena_array(lo->arena, n_cols, sizeof *t->numeric);
	return t;
}

static struct row *add_row(struct layout *lo, struct tbl *t, enum row_kind kind)
{
	struct row *r = &t->rows[t->n_rows++];
	r->kind = kind;
	r->cells = arena_array(lo->arena, t->n_cols, sizeof *r->cells);
	return r;
}

static void text_cell(struct cell *c, const char *text)
{
	c->text = text ? text : "";
}

static void number_cell(struct layout *lo, struct cell *c, struct figure value)
{
	c->text = layout_format(lo, value);
	c->number = true;
	c->money = value.unit == UNIT_MONEY;
	c->hundredths = value.hundredths;
}

/* A money column shows pence on every row or on none: when one amount of
 * a column has pence, the whole amounts of that column print ".00". */
static void pence_alike(struct layout *lo, struct tbl *t)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		bool pence = false;
		for (size_t r = 0; r < t->n_rows && !pence; r++) {
			const struct cell *cell = &t->rows[r].cells[c];
			pence = cell->money && cell->hundredths % 100 != 0;
		}
		for (size_t r = 0; pence && r < t->n_rows; r++) {
			struct cell *cell = &t->rows[r].cells[c];
			if (cell->money && cell->text && !strchr(cell->text, '.'))
				cell->text = arena_printf(lo->arena, "%s.00", cell->text);
		}
	}
}

/* ---- measuring ----------------------------------------------------------- */

static enum style_role role_of(const struct row *r)
{
	return r->kind == ROW_HEAD ? STYLE_TABLE_HEADER : STYLE_TABLE;
}

static enum font_face face_of(const struct layout *lo, const struct row *r)
{
	enum font_face f = lo->style->text[role_of(r)].face;
	return r->kind == ROW_TOTAL ? (enum font_face)(f | FACE_BOLD) : f;
}

static double text_w(const struct layout *lo, enum font_face face, enum style_role role,
		     const char *s, size_t n)
{
	return layout_text_width(lo, face, lo->style->text[role].size_pt, s, n);
}

/* The widest word of s (split at spaces). */
static double widest_word(const struct layout *lo, enum font_face face, double size_pt,
			  const char *s, size_t n)
{
	double w = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ' ')
			continue;
		if (i > start) {
			double ww = layout_text_width(lo, face, size_pt, s + start, i - start);
			if (ww > w)
				w = ww;
		}
		start = i + 1;
	}
	return w;
}

/* Where a number's decimal point is: at the '.', or after the last digit
 * when it has none ("45%" splits as "45" and "%"). */
static size_t decimal_point(const char *s)
{
	const char *dot = strchr(s, '.');
	if (dot)
		return (size_t)(dot - s);
	size_t last = 0;
	for (size_t i = 0; s[i]; i++)
		if (s[i] >= '0' && s[i] <= '9')
			last = i + 1;
	return last;
}

static void measure_cell(struct layout *lo, const struct row *r, struct cell *c)
{
	enum style_role role = role_of(r);
	enum font_face face = face_of(lo, r);
	double size = lo->style->text[role].size_pt;
	if (c->inlines) {
		/* Natural width from the block set on one long line; the
		 * narrowest from its widest word. */
		struct text_block *tb = layout_set_inlines(lo, c->inlines, role, 1e6, ALIGN_DEFAULT);
		c->max_w = c->min_w = 0;
		for (size_t i = 0; i < tb->n_lines; i++) {
			const struct text_line *ln = &tb->lines[i];
			if (ln->width_pt > c->max_w)
				c->max_w = ln->width_pt;
			for (size_t k = 0; k < ln->n_runs; k++) {
				const struct text_run *run = &ln->runs[k];
				double w = widest_word(lo, run->face, run->size_pt, run->text, run->len);
				if (w > c->min_w)
					c->min_w = w;
			}
		}
		return;
	}
	const char *s = c->text;
	size_t n = strlen(s);
	c->max_w = text_w(lo, face, role, s, n);
	c->min_w = c->number ? c->max_w : widest_word(lo, face, size, s, n);
	if (c->number) {
		size_t p = decimal_point(s);
		c->int_w = text_w(lo, face, role, s, p);
		c->frac_w = text_w(lo, face, role, s + p, n - p);
	}
}

/* Column widths from their content: everything at its natural width when
 * that fits (numeric columns equal, text columns sharing what is left),
 * otherwise the narrowest widths plus a share of the room in proportion
 * to how much each column wants more. */
static void column_widths(struct layout *lo, struct tbl *t)
{
	const struct style_table *ts = &lo->style->table;
	size_t n = t->n_cols;
	double *mn = arena_array(lo->arena, n, sizeof *mn);
	double *mx = arena_array(lo->arena, n, sizeof *mx);
	t->frac_w = arena_array(lo->arena, n, sizeof *t->frac_w);
	double *int_w = arena_array(lo->arena, n, sizeof *int_w);
	for (size_t c = 0; c < n; c++) {
		for (size_t r = 0; r <= t->n_rows; r++) {
			const struct row *row = r == t->n_rows ? t->head : &t->rows[r];
			const struct cell *cell = &row->cells[c];
			if (cell->number) {
				int_w[c] = fmax(int_w[c], cell->int_w);
				t->frac_w[c] = fmax(t->frac_w[c], cell->frac_w);
			} else {
				mn[c] = fmax(mn[c], cell->min_w);
				mx[c] = fmax(mx[c], cell->max_w);
			}
		}
		mn[c] = fmax(mn[c], int_w[c] + t->frac_w[c]);
		mx[c] = fmax(mx[c], int_w[c] + t->frac_w[c]);
	}
	double avail = t->width_pt - 2 * ts->cell_padding_x_pt * (double)n;
	double sum_mn = 0, sum_mx = 0;
	for (size_t c = 0; c < n; c++) {
		sum_mn += mn[c];
		sum_mx += mx[c];
	}
	t->col_w = arena_array(lo->arena, n, sizeof *t->col_w);
	t->col_x = arena_array(lo->arena, n, sizeof *t->col_x);
	if (sum_mx <= avail) {
		/* Numeric columns as wide as the widest of them, if that fits. */
		double num_w = 0, text_sum = 0;
		size_t n_num = 0;
		for (size_t c = 0; c < n; c++) {
			if (t->numeric[c]) {
				num_w = fmax(num_w, mx[c]);
				n_num++;
			} else {
				text_sum += mx[c];
			}
		}
		/* Figures breathe: a little more than their widest when there is
		 * room. */
		if (n_num > 0) {
			double room = (avail - text_sum) / (double)n_num - num_w;
			num_w += fmin(fmax(room, 0), 12);
		}
		bool even = n_num > 0 && text_sum + num_w * (double)n_num <= avail;
		double used = 0;
		for (size_t c = 0; c < n; c++) {
			t->col_w[c] = t->numeric[c] && even ? num_w : mx[c];
			used += t->col_w[c];
		}
		double extra = avail - used;
		if (text_sum > 0) {
			for (size_t c = 0; c < n; c++)
				if (!t->numeric[c])
					t->col_w[c] += extra * mx[c] / text_sum;
		} else {
			for (size_t c = 0; c < n; c++)
				t->col_w[c] += extra / (double)n;
		}
	} else if (sum_mn <= avail) {
		double want = sum_mx - sum_mn;
		for (size_t c = 0; c < n; c++)
			t->col_w[c] = mn[c] + (avail - sum_mn) * (mx[c] - mn[c]) / want;
	} else {
		/* Too narrow even word by word: words will break. */
		for (size_t c = 0; c < n; c++)
			t->col_w[c] = sum_mn > 0 ? mn[c] * avail / sum_mn : avail / (double)n;
	}
	double x = 0;
	for (size_t c = 0; c < n; c++) {
		t->col_x[c] = x;
		t->col_w[c] += 2 * ts->cell_padding_x_pt;
		x += t->col_w[c];
	}
}

/* Sets every cell of a row at its column's width; the row's height. */
static void set_row(struct layout *lo, struct tbl *t, struct row *r)
{
	const struct style_table *ts = &lo->style->table;
	enum style_role role = role_of(r);
	enum font_face face = face_of(lo, r);
	double h = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		struct cell *cell = &r->cells[c];
		double w = t->col_w[c] - 2 * ts->cell_padding_x_pt;
		if (cell->number) {
			/* Right-aligned at the column's decimal point. */
			w -= t->frac_w[c] - cell->frac_w;
			cell->tb = layout_set_text(lo, cell->text, role, face, w, ALIGN_RIGHT);
		} else {
			enum cell_align align = cell->align;
			if (align == ALIGN_DEFAULT)
				align = t->numeric[c] ? ALIGN_RIGHT : ALIGN_LEFT;
			cell->tb = cell->inlines
					   ? layout_set_inlines(lo, cell->inlines, role, w, align)
					   : layout_set_text(lo, cell->text, role, face, w, align);
		}
		h = fmax(h, layout_text_height(cell->tb));
	}
	r->height_pt = h + 2 * ts->cell_padding_y_pt;
	r->tr = DL_NO_PARENT;
	r->elems = arena_array(lo->arena, t->n_cols, sizeof *r->elems);
	for (size_t c = 0; c < t->n_cols; c++)
		r->elems[c] = DL_NO_PARENT;
}

/* Height of lines [first, first + count) of a row: the tallest cell's. */
static double lines_height(const struct tbl *t, const struct row *r, size_t first, size_t count)
{
	double h = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct text_block *tb = r->cells[c].tb;
		double hc = 0;
		for (size_t i = first; i - first < count && i < tb->n_lines; i++)
			hc += layout_line_height(tb, i);
		h = fmax(h, hc);
	}
	return h;
}

static size_t max_lines(const struct tbl *t, const struct row *r)
{
	size_t n = 0;
	for (size_t c = 0; c < t->n_cols; c++)
		if (r->cells[c].tb->n_lines > n)
			n = r->cells[c].tb->n_lines;
	return n;
}

static void add_piece(struct layout *lo, struct tbl *t, size_t *cap, struct piece p)
{
	if (t->n_pieces == *cap) {
		size_t new_cap = *cap ? *cap * 2 : 16;
		struct piece *bigger = arena_array(lo->arena, new_cap, sizeof *bigger);
		if (t->n_pieces)
			memcpy(bigger, t->pieces, t->n_pieces * sizeof *bigger);
		t->pieces = bigger;
		*cap = new_cap;
	}
	t->pieces[t->n_pieces++] = p;
}

/* One piece per row, except that a row taller than a page (below the
 * repeated header) is cut between its lines. */
static void cut_rows(struct layout *lo, struct tbl *t)
{
	const struct style_table *ts = &lo->style->table;
	double room = style_text_height_pt(lo->style) - t->cont.height_pt - 1;
	size_t cap = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		const struct row *row = &t->rows[r];
		size_t lines = max_lines(t, row);
		if (row->height_pt <= room || lines < 2) {
			add_piece(lo, t, &cap, (struct piece){ r, 0, lines ? lines : 1, true, true,
							       row->height_pt });
			continue;
		}
		size_t first = 0;
		while (first < lines) {
			size_t count = 1;
			double pad = first == 0 ? ts->cell_padding_y_pt : 0;
			while (first + count < lines) {
				double h = lines_height(t, row, first, count + 1) + pad +
					   (first + count + 1 == lines ? ts->cell_padding_y_pt : 0);
				if (h > room)
					break;
				count++;
			}
			bool last = first + count == lines;
			double h = lines_height(t, row, first, count) +
				   (first == 0 ? ts->cell_padding_y_pt : 0) +
				   (last ? ts->cell_padding_y_pt : 0);
			add_piece(lo, t, &cap, (struct piece){ r, first, count, first == 0, last, h });
			first += count;
		}
	}
}

/* ---- drawing --------------------------------------------------------------- */

/* Fills and rules of a row: decoration, so an artifact unless the whole
 * row is one already (the repeated header). */
static void draw_row_decoration(struct layout *lo, const struct tbl *t, const struct row *r,
				const struct piece *p, double x_pt, double top_pt,
				double h_pt)
{
	const struct style_table *ts = &lo->style->table;
	struct dl *dl = lo->dl;
	bool tagged = !dl->in_artifact;
	if (tagged)
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	const struct style_fill *fill = r->kind == ROW_HEAD ? &ts->header_fill
					: r->zebra ? &ts->zebra_fill : NULL;
	if (fill && !fill->none) {
		struct dl_paint paint = dl_paint_fill(layout_rgb(fill->rgb));
		dl_add_rect(dl, x_pt, top_pt - h_pt, t->width_pt, h_pt, &paint);
	}
	if (!ts->rule.none) {
		struct dl_rgb rc = layout_rgb(ts->rule.rgb);
		double y = top_pt - h_pt;
		if (r->kind == ROW_HEAD && ts->header_rule_width_pt > 0)
			dl_add_line(dl, x_pt, y + ts->header_rule_width_pt / 2, x_pt + t->width_pt,
				    y + ts->header_rule_width_pt / 2, ts->header_rule_width_pt, rc,
				    DL_SOLID);
		else if (r->kind != ROW_HEAD && ts->rule_width_pt > 0 && (!p || p->bottom_pad))
			dl_add_line(dl, x_pt, y + ts->rule_width_pt / 2, x_pt + t->width_pt,
				    y + ts->rule_width_pt / 2, ts->rule_width_pt, rc, DL_SOLID);
		/* A total stands under a heavier rule. */
		if (r->kind == ROW_TOTAL && ts->header_rule_width_pt > 0 && (!p || p->top_pad))
			dl_add_line(dl, x_pt, top_pt - ts->header_rule_width_pt / 2,
				    x_pt + t->width_pt, top_pt - ts->header_rule_width_pt / 2,
				    ts->header_rule_width_pt, rc, DL_SOLID);
	}
	if (tagged)
		dl_artifact_end(dl);
}

/* Draws lines [first, first + count) of a row's cells in TR > TH/TD,
 * resuming the elements when the row began on the page before. */
static void draw_row(struct layout *lo, const struct tbl *t, struct row *r,
		     const struct piece *p, double x_pt, double top_pt)
{
	const struct style_table *ts = &lo->style->table;
	struct dl *dl = lo->dl;
	size_t first = p ? p->first : 0, count = p ? p->count : SIZE_MAX;
	double h = p ? p->height_pt : r->height_pt;
	draw_row_decoration(lo, t, r, p, x_pt, top_pt, h);
	bool tagged = !dl->in_artifact;
	if (tagged) {
		if (r->tr == DL_NO_PARENT)
			r->tr = dl_struct_open(dl, DL_TR, NULL);
		else
			dl_struct_resume(dl, r->tr);
	}
	double text_top = top_pt - (!p || p->top_pad ? ts->cell_padding_y_pt : 0);
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct cell *cell = &r->cells[c];
		if (tagged) {
			if (r->elems[c] != DL_NO_PARENT) {
				dl_struct_resume(dl, r->elems[c]);
			} else {
				struct dl_struct_attrs a = { 0 };
				enum dl_struct_type type = DL_TD;
				if (r->kind == ROW_HEAD) {
					type = DL_TH;
					a.scope = DL_SCOPE_COLUMN;
				} else if (c == 0 && t->row_headers) {
					type = DL_TH;
					a.scope = DL_SCOPE_ROW;
				}
				r->elems[c] = dl_struct_open(dl, type, &a);
			}
		}
		double x = x_pt + t->col_x[c] + ts->cell_padding_x_pt;
		if (first < cell->tb->n_lines) {
			size_t n = count < cell->tb->n_lines - first ? count : cell->tb->n_lines - first;
			layout_draw_text(lo, cell->tb, first, n, x, text_top);
		}
		if (tagged)
			dl_struct_close(dl);
	}
	if (tagged)
		dl_struct_close(dl);
}

static void draw_title(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct tbl *t = item->data;
	bool tagged = !lo->dl->in_artifact;
	if (tagged)
		dl_struct_open(lo->dl, DL_CAPTION, NULL);
	layout_draw_text(lo, t->title_tb, 0, t->title_tb->n_lines, x_pt, top_pt);
	if (tagged)
		dl_struct_close(lo->dl);
}

static void draw_head(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct tbl *t = item->data;
	draw_row(lo, t, t->head, NULL, x_pt, top_pt);
}

static void draw_piece(struct layout *lo, const struct vitem *item, double x_pt,
		       double top_pt)
{
	const struct tbl *t = item->data;
	const struct piece *p = &t->pieces[item->index];
	draw_row(lo, t, &t->rows[p->row], p, x_pt, top_pt);
}

/* The header repeated at the top of a page: the title "(continued)" and
 * the header row, inside the artifact the page builder opened. item is
 * the row that starts the page; its data is the table. */
static void draw_continued(struct layout *lo, const struct vitem *item, double x_pt,
			   double top_pt)
{
	const struct tbl *t = item->data;
	layout_draw_text(lo, t->cont_tb, 0, t->cont_tb->n_lines, x_pt, top_pt);
	double y = top_pt - layout_text_height(t->cont_tb) -
		   lo->style->text[STYLE_CAPTION].space_after_pt;
	draw_row(lo, t, t->head, NULL, x_pt, y);
}

static void draw_note(struct layout *lo, const struct vitem *item, double x_pt, double top_pt)
{
	const struct tbl *t = item->data;
	bool tagged = !lo->dl->in_artifact;
	if (tagged)
		dl_struct_open(lo->dl, DL_P, NULL);
	layout_draw_text(lo, t->note_tb, 0, t->note_tb->n_lines, x_pt,
			 top_pt - lo->style->table.cell_padding_y_pt);
	if (tagged)
		dl_struct_close(lo->dl);
}

/* The footnotes cited in a piece of a row, for the page builder. */
static void piece_notes(struct layout *lo, const struct tbl *t, const struct piece *p,
			struct vitem *it)
{
	const struct row *r = &t->rows[p->row];
	for (size_t c = 0; c < t->n_cols; c++) {
		struct footnote **notes;
		size_t n = layout_line_notes(lo, r->cells[c].tb, p->first, p->count, &notes);
		if (!n)
			continue;
		struct footnote **all = arena_array(lo->arena, it->n_notes + n, sizeof *all);
		if (it->n_notes)
			memcpy(all, it->notes, it->n_notes * sizeof *all);
		memcpy(all + it->n_notes, notes, n * sizeof *all);
		it->notes = all;
		it->n_notes += n;
	}
}

/* ---- emitting ----------------------------------------------------------------- */

/* Measures and sets the table and appends it to the vertical list. */
static void emit(struct layout *lo, struct tbl *t)
{
	const struct style_text *cap = &lo->style->text[STYLE_CAPTION];
	t->width_pt = style_text_width_pt(lo->style);
	for (size_t c = 0; c < t->n_cols; c++)
		measure_cell(lo, t->head, &t->head->cells[c]);
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t c = 0; c < t->n_cols; c++)
			measure_cell(lo, &t->rows[r], &t->rows[r].cells[c]);
	column_widths(lo, t);
	set_row(lo, t, t->head);
	size_t body = 0;
	for (size_t r = 0; r < t->n_rows; r++) {
		struct row *row = &t->rows[r];
		row->zebra = row->kind != ROW_TOTAL && body++ % 2 == 1;
		set_row(lo, t, row);
	}

	/* Titles in the caption role, bold like a chart's. */
	enum font_face title_face = (enum font_face)(cap->face | FACE_BOLD);
	if (t->title) {
		t->title_tb = layout_set_text(lo, t->title, STYLE_CAPTION, title_face, t->width_pt,
					      ALIGN_LEFT);
		t->title_h = layout_text_height(t->title_tb) + cap->space_after_pt;
	}
	const char *name = t->title ? t->title : t->continued ? t->continued : lo->style->words.table;
	t->cont_tb = layout_set_text(lo, arena_printf(lo->arena, "%s %s", name,
						      lo->style->words.continued),
				     STYLE_CAPTION, title_face, t->width_pt, ALIGN_LEFT);
	t->cont.height_pt = layout_text_height(t->cont_tb) + cap->space_after_pt + t->head->height_pt;
	t->cont.draw = draw_continued;
	t->cont.data = t;
	cut_rows(lo, t);

	layout_push_space(lo, cap->space_before_pt);
	layout_push_open(lo, DL_TABLE, NULL);
	if (t->title)
		layout_push_box(lo, t->title_h, draw_title, t, 0)->keep_with_next = true;
	layout_push_open(lo, DL_THEAD, NULL);
	struct vitem *head = layout_push_box(lo, t->head->height_pt, draw_head, t, 0);
	head->keep_with_next = t->n_pieces > 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		struct footnote **notes;
		size_t n = layout_line_notes(lo, t->head->cells[c].tb, 0, SIZE_MAX, &notes);
		if (n) {
			struct footnote **all = arena_array(lo->arena, head->n_notes + n, sizeof *all);
			if (head->n_notes)
				memcpy(all, head->notes, head->n_notes * sizeof *all);
			memcpy(all + head->n_notes, notes, n * sizeof *all);
			head->notes = all;
			head->n_notes += n;
		}
	}
	layout_push_close(lo);

	if (t->note)
		t->note_tb = layout_set_text(lo, t->note, STYLE_SOURCE,
					     lo->style->text[STYLE_SOURCE].face, t->width_pt,
					     ALIGN_LEFT);
	/* Breaks fall between rows: never fewer than three body rows under
	 * the header at a page foot, nor fewer than three (and the total)
	 * carried over, so that a table of six rows may already split and
	 * fill its page; a smaller table stays whole, the note with its table. */
	layout_push_open(lo, DL_TBODY, NULL);
	size_t n_rows = t->n_rows;
	bool has_total = n_rows > 0 && t->rows[n_rows - 1].kind == ROW_TOTAL;
	for (size_t i = 0; i < t->n_pieces; i++) {
		const struct piece *p = &t->pieces[i];
		struct vitem *it = layout_push_box(lo, p->height_pt, draw_piece, t, i);
		it->cont = &t->cont;
		const struct row *row = &t->rows[p->row];
		if (lo->origin && (row->pos.file || row->data_pos.file)) {
			const struct vorigin *outer = lo->origin;
			layout_origin_push(lo, PLACE_BLOCK, row->pos.file ? row->pos : outer->pos,
					   row->data_pos, outer->section);
			it->origin = lo->origin;
			lo->origin = outer;
		}
		piece_notes(lo, t, p, it);
		bool keep;
		if (p->first + p->count < max_lines(t, &t->rows[p->row]))
			keep = false; /* a cut row breaks where it was cut */
		else if (n_rows <= SMALL_TABLE_ROWS)
			keep = true;
		else
			keep = p->row < 2 || p->row + (has_total ? 4 : 3) >= n_rows;
		if (i + 1 == t->n_pieces)
			keep = t->note != NULL;
		it->keep_with_next = keep;
	}
	layout_push_close(lo);
	layout_push_close(lo);
	if (t->note)
		layout_push_box(lo, layout_text_height(t->note_tb) + lo->style->table.cell_padding_y_pt,
				draw_note, t, 0);
	layout_push_space(lo, lo->style->text[STYLE_BODY].space_after_pt);
}

/* ---- hand-written tables ----------------------------------------------------- */

/* Text of inline content that is only text and values, or NULL. */
static const char *plain_text(struct layout *lo, const struct inline_node *in)
{
	const char *s = "";
	for (; in; in = in->next) {
		if (in->kind == IN_TEXT) {
			s = arena_printf(lo->arena, "%s%s", s, in->text ? in->text : "");
		} else if (in->kind == IN_VALUE) {
			struct figure_ref ref;
			if (!in->target || figure_resolve(lo->model, lo->arena, in->target, &ref,
							  NULL) != FIG_SCALAR) {
				const char *gap = layout_gap_figure(lo, in->target);
				if (!gap)
					return NULL;
				s = arena_printf(lo->arena, "%s%s", s, gap);
				continue;
			}
			s = arena_printf(lo->arena, "%s%s", s, layout_format(lo, ref.value));
		} else {
			return NULL;
		}
	}
	return layout_collapse(lo, s);
}

/* "38%", "£1,250.50", "−3", "16,930", "6.5": a figure to align. */
static bool looks_numeric(const char *s)
{
	if (!strncmp(s, "\xE2\x88\x92", 3))
		s += 3;
	else if (*s == '-')
		s++;
	if (!strncmp(s, "\xC2\xA3", 2))
		s += 2;
	size_t digits = 0;
	for (; (*s >= '0' && *s <= '9') || (*s == ',' && digits); s++)
		digits += *s != ',';
	if (!digits)
		return false;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == '%')
		s++;
	return *s == '\0';
}

void layout_table(struct layout *lo, const struct block *b)
{
	const struct table *tab = &b->u.table;
	size_t n_cols = tab->head.n_cells;
	for (size_t r = 0; r < tab->n_rows; r++)
		if (tab->rows[r].n_cells > n_cols)
			n_cols = tab->rows[r].n_cells;
	if (n_cols == 0)
		return;
	struct tbl *t = tbl_new(lo, n_cols, tab->n_rows);
	t->title = tab->title;

	/* A column is numeric when every filled body cell holds a figure and
	 * no cell asks to be set otherwise. */
	const char **plain = arena_array(lo->arena, tab->n_rows * n_cols + 1, sizeof *plain);
	for (size_t c = 0; c < n_cols; c++) {
		size_t figures = 0;
		bool numeric = true;
		for (size_t r = 0; r < tab->n_rows; r++) {
			const struct table_row *row = &tab->rows[r];
			if (c >= row->n_cells)
				continue;
			const struct table_cell *cell = &row->cells[c];
			const char *s = plain_text(lo, cell->inlines);
			plain[r * n_cols + c] = s;
			if (s && !*s)
				continue;
			if (!s || !looks_numeric(s) || cell->align == ALIGN_LEFT ||
			    cell->align == ALIGN_CENTRE)
				numeric = false;
			else
				figures++;
		}
		t->numeric[c] = numeric && figures > 0;
	}
	t->row_headers = !t->numeric[0] && n_cols > 1;

	for (size_t c = 0; c < n_cols; c++) {
		struct cell *cell = &t->head->cells[c];
		if (c < tab->head.n_cells) {
			cell->inlines = tab->head.cells[c].inlines;
			cell->align = tab->head.cells[c].align;
		}
		if (!cell->inlines)
			cell->text = "";
	}
	for (size_t r = 0; r < tab->n_rows; r++) {
		const struct table_row *src = &tab->rows[r];
		struct row *row = add_row(lo, t, ROW_BODY);
		row->pos = src->pos;
		for (size_t c = 0; c < n_cols; c++) {
			struct cell *cell = &row->cells[c];
			if (c >= src->n_cells) {
				cell->text = "";
				continue;
			}
			cell->align = src->cells[c].align;
			const char *s = plain[r * n_cols + c];
			if (t->numeric[c] && s && *s) {
				cell->text = s;
				cell->number = true;
			} else {
				cell->inlines = src->cells[c].inlines;
				if (!cell->inlines)
					cell->text = "";
			}
		}
	}
	emit(lo, t);
}

/* ---- data tables -------------------------------------------------------------- */

/* The whole k of base that the percent p (hundredths, d decimals) stands
 * for, when exactly one k reaches it at its precision (rule 6). */
static bool exact_count(struct figure p, int64_t base, int64_t *k_out)
{
	if (base <= 0)
		return false;
	int d = p.decimals < 0 ? 0 : p.decimals > 2 ? 2 : p.decimals;
	/* In thousandths of a percent: |100000 k / base - p| <= half a unit
	 * of the last decimal (500, 50 or 5). */
	int64_t p1000 = p.hundredths * 10;
	int64_t half = d == 0 ? 500 : d == 1 ? 50 : 5;
	int64_t k_lo = p1000 - half <= 0 ? 0 : figure_muldiv(p1000 - half, base, 100000, FIGURE_CEIL);
	int64_t k_hi = figure_muldiv(p1000 + half, base, 100000, FIGURE_FLOOR);
	if (k_hi > base)
		k_hi = base;
	if (k_lo != k_hi)
		return false;
	*k_out = k_lo;
	return true;
}

static struct figure count_fig(int64_t n)
{
	return (struct figure){ UNIT_COUNT, n * 100, 0 };
}

/* Tenths of a percent, rounded, as a figure with one decimal. */
static struct figure share_fig(int64_t part, int64_t whole)
{
	int64_t tenths = whole > 0 ? figure_muldiv(part, 1000, whole, FIGURE_NEAREST) : 0;
	return (struct figure){ UNIT_PERCENT, tenths * 10, 1 };
}

/* Row order after `sort` (by the first column's value, written order among
 * equals, a catch-all "Other" last, as in the chart). */
static size_t *row_order(struct layout *lo, const struct dataset *ds, enum sort_order sort)
{
	size_t *order = arena_array(lo->arena, ds->n_rows ? ds->n_rows : 1, sizeof *order);
	for (size_t i = 0; i < ds->n_rows; i++)
		order[i] = i;
	if (sort == SORT_NONE || ds->n_cols == 0 || ds->kind == DS_SERIES)
		return order;
	for (size_t i = 1; i < ds->n_rows; i++) {
		size_t x = order[i], j = i;
		int64_t v = dataset_cell(ds, x, 0)->value.hundredths;
		bool vo = dataset_label_is_other(ds->row_labels[x]);
		for (; j > 0; j--) {
			int64_t u = dataset_cell(ds, order[j - 1], 0)->value.hundredths;
			bool uo = dataset_label_is_other(ds->row_labels[order[j - 1]]);
			if (uo != vo ? vo : sort == SORT_DESC ? u >= v : u <= v)
				break;
			order[j] = order[j - 1];
		}
		order[j] = x;
	}
	return order;
}

/* The heading of a breakdown's label column: its title when that is two
 * words ending in the breakdown's own name ("Offence type" for `type`),
 * otherwise that name ("Gender" for "Offences by gender"). */
static const char *label_heading(const struct dataset *ds)
{
	const char *h = ds->row_heading ? ds->row_heading : "";
	const char *t = ds->title;
	if (!t || !ds->breakdown)
		return h;
	size_t spaces = 0;
	for (const char *p = t; *p; p++)
		spaces += *p == ' ';
	size_t lt = strlen(t), lh = strlen(h);
	if (spaces > 1 || lh == 0 || lh > lt)
		return h;
	for (size_t i = 0; i < lh; i++) {
		char a = t[lt - lh + i], b = h[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return h;
	}
	return t;
}

static const char *of_phrase(const struct breakdown *bd)
{
	return bd && bd->of && *bd->of ? bd->of : NULL;
}

/* What a cell without a figure shows: nothing, or in a draft the gap
 * still to enter (the text setter highlights it). */
static const char *absent(const struct ds_cell *cell)
{
	return cell->gap ? "[to enter]" : "";
}

/* One body row per part, in `order`: its label, its figure v[i] (blank
 * when the data has none) and, when third is given, the computed column. */
static void part_rows(struct layout *lo, struct tbl *t, const struct dataset *ds,
		      const size_t *order, const struct figure *v, const struct figure *third)
{
	const struct breakdown *bd = ds->breakdown;
	for (size_t i = 0; i < ds->n_rows; i++) {
		struct row *r = add_row(lo, t, ROW_BODY);
		if (bd && order[i] < bd->n_items)
			r->data_pos = bd->items[order[i]].pos;
		text_cell(&r->cells[0], ds->row_labels[order[i]]);
		if (dataset_cell(ds, order[i], 0)->present)
			number_cell(lo, &r->cells[1], v[i]);
		else
			text_cell(&r->cells[1], absent(dataset_cell(ds, order[i], 0)));
		if (third)
			number_cell(lo, &r->cells[2], third[i]);
	}
}

/* A breakdown, or money or counts by item: one column of figures and the
 * computed one, a remainder and a total where they mean something. */
static struct tbl *parts_table(struct layout *lo, const struct dataset *ds, const size_t *order)
{
	const struct breakdown *bd = ds->breakdown;
	enum unit unit = ds->cols[0].unit;
	bool partial = bd && bd->partial;
	int64_t base = bd && bd->base.present ? bd->base.hundredths / 100 : -1;
	size_t n = ds->n_rows;
	struct figure *v = arena_array(lo->arena, n ? n : 1, sizeof *v);
	bool all_present = true;
	int64_t sum = 0;
	int decimals = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ds_cell *cell = dataset_cell(ds, order[i], 0);
		v[i] = cell->value;
		all_present = all_present && cell->present;
		sum += cell->present ? cell->value.hundredths : 0;
		if (cell->value.decimals > decimals)
			decimals = cell->value.decimals;
	}

	if (unit == UNIT_PERCENT) {
		/* The counts behind the percentages, when exact. */
		int64_t *k = arena_array(lo->arena, n ? n : 1, sizeof *k);
		bool counts = base > 0 && all_present;
		int64_t k_sum = 0;
		for (size_t i = 0; counts && i < n; i++) {
			counts = exact_count(v[i], base, &k[i]);
			k_sum += counts ? k[i] : 0;
		}
		if (counts && (partial ? k_sum > base : k_sum != base))
			counts = false;
		int64_t rem = 10000 - sum;
		bool remainder = partial && all_present && rem > 0;
		struct tbl *t = tbl_new(lo, counts ? 3 : 2, n + 2);
		t->numeric[1] = true;
		if (counts)
			t->numeric[2] = true;
		text_cell(&t->head->cells[0], label_heading(ds));
		text_cell(&t->head->cells[1], ds->cols[0].label);
		if (counts)
			text_cell(&t->head->cells[2], "Number");
		struct figure *third = counts ? arena_array(lo->arena, n ? n : 1, sizeof *third)
					      : NULL;
		for (size_t i = 0; counts && i < n; i++)
			third[i] = count_fig(k[i]);
		part_rows(lo, t, ds, order, v, third);
		if (remainder) {
			struct row *r = add_row(lo, t, ROW_REMAINDER);
			text_cell(&r->cells[0], "Not itemised");
			number_cell(lo, &r->cells[1], (struct figure){ UNIT_PERCENT, rem, decimals });
			if (counts)
				number_cell(lo, &r->cells[2], count_fig(base - k_sum));
			r = add_row(lo, t, ROW_TOTAL);
			text_cell(&r->cells[0], "Total");
			number_cell(lo, &r->cells[1], (struct figure){ UNIT_PERCENT, 10000, decimals });
			if (counts)
				number_cell(lo, &r->cells[2], count_fig(base));
		}
		/* What the percentages are of, and why they may not add up. */
		const char *of = of_phrase(bd);
		const char *note = NULL;
		if (base > 0)
			note = arena_printf(lo->arena, "Percentages of %s%s%s.",
					    layout_format(lo, count_fig(base)), of ? " " : "",
					    of ? of : "");
		else if (of)
			note = arena_printf(lo->arena, "Percentages of %s.", of);
		if (!partial && all_present && sum != 10000 && ds->kind == DS_PARTS) {
			const char *total = layout_format(lo, (struct figure){ UNIT_PERCENT, sum,
									     decimals });
			const char *why = arena_printf(lo->arena, "They add up to %s because of "
						       "rounding.", total);
			note = note ? arena_printf(lo->arena, "%s %s", note, why) : why;
		}
		if (partial && !note)
			note = "Only the largest categories are itemised.";
		t->note = note;
		return t;
	}

	/* Counts or money: the whole is the base, or the sum of a full list. */
	int64_t whole = -1;
	if (base >= 0 && unit == UNIT_COUNT)
		whole = base * 100;
	else if (!partial)
		whole = sum;
	bool shares = whole > 0 && all_present && ds->kind == DS_PARTS;
	int64_t rem = whole >= 0 ? whole - sum : 0;
	bool remainder = partial && whole >= 0 && rem > 0 && all_present;
	bool total = all_present && ds->kind == DS_PARTS && (whole >= 0 || !partial);
	struct tbl *t = tbl_new(lo, shares ? 3 : 2, n + 2);
	t->numeric[1] = true;
	if (shares)
		t->numeric[2] = true;
	text_cell(&t->head->cells[0], label_heading(ds));
	text_cell(&t->head->cells[1], ds->cols[0].label);
	if (shares)
		text_cell(&t->head->cells[2], "Percentage");
	struct figure *third = shares ? arena_array(lo->arena, n ? n : 1, sizeof *third) : NULL;
	for (size_t i = 0; shares && i < n; i++)
		third[i] = share_fig(v[i].hundredths, whole);
	part_rows(lo, t, ds, order, v, third);
	if (remainder) {
		struct row *r = add_row(lo, t, ROW_REMAINDER);
		text_cell(&r->cells[0], "Not itemised");
		number_cell(lo, &r->cells[1], (struct figure){ unit, rem, 0 });
		if (shares)
			number_cell(lo, &r->cells[2], share_fig(rem, whole));
	}
	if (total) {
		struct row *r = add_row(lo, t, ROW_TOTAL);
		text_cell(&r->cells[0], "Total");
		number_cell(lo, &r->cells[1], (struct figure){ unit, whole >= 0 ? whole : sum, 0 });
		if (shares)
			number_cell(lo, &r->cells[2], (struct figure){ UNIT_PERCENT, 10000, 1 });
	}
	if (partial && !remainder)
		t->note = "Only some categories are listed.";
	if (shares && base >= 0 && of_phrase(bd))
		t->note = arena_printf(lo->arena, "Percentages of %s %s.",
				       layout_format(lo, count_fig(base)), of_phrase(bd));
	return t;
}

/* Series by period: periods as columns, each series a row (the computed
 * total last, as a total row); with many periods, periods as rows. */
static struct tbl *series_table(struct layout *lo, const struct dataset *ds)
{
	bool turn = ds->n_rows <= MAX_PERIOD_COLUMNS;
	if (!turn) {
		struct tbl *t = tbl_new(lo, ds->n_cols + 1, ds->n_rows);
		text_cell(&t->head->cells[0], ds->row_heading);
		for (size_t c = 0; c < ds->n_cols; c++) {
			text_cell(&t->head->cells[c + 1], ds->cols[c].label);
			t->numeric[c + 1] = true;
		}
		for (size_t r = 0; r < ds->n_rows; r++) {
			struct row *row = add_row(lo, t, ROW_BODY);
			text_cell(&row->cells[0], ds->row_labels[r]);
			for (size_t c = 0; c < ds->n_cols; c++) {
				const struct ds_cell *cell = dataset_cell(ds, r, c);
				if (cell->present)
					number_cell(lo, &row->cells[c + 1], cell->value);
				else
					text_cell(&row->cells[c + 1], absent(cell));
			}
		}
		return t;
	}
	struct tbl *t = tbl_new(lo, ds->n_rows + 1, ds->n_cols);
	text_cell(&t->head->cells[0], "");
	for (size_t r = 0; r < ds->n_rows; r++) {
		text_cell(&t->head->cells[r + 1], ds->row_labels[r]);
		t->numeric[r + 1] = true;
	}
	for (size_t c = 0; c < ds->n_cols; c++) {
		const struct ds_column *col = &ds->cols[c];
		struct row *row = add_row(lo, t, col->is_total ? ROW_TOTAL : ROW_BODY);
		text_cell(&row->cells[0], col->is_total && strcmp(col->label, "Total") == 0 &&
						  strncmp(ds->path, "lado.", 5) == 0
					  ? "Total activity" : col->label);
		for (size_t r = 0; r < ds->n_rows; r++) {
			const struct ds_cell *cell = dataset_cell(ds, r, c);
			if (cell->present)
				number_cell(lo, &row->cells[r + 1], cell->value);
			else
				text_cell(&row->cells[r + 1], absent(cell));
		}
	}
	if (strcmp(ds->path, "lado.timescales") == 0)
		t->note = "Percentages of the cases concluded in each year.";
	return t;
}

/* Records: a column per field, number columns without any figure left
 * out, and a total of each count column that has every figure. */
static struct tbl *records_table(struct layout *lo, const struct dataset *ds)
{
	bool *keep = arena_array(lo->arena, ds->n_cols ? ds->n_cols : 1, sizeof *keep);
	size_t n_cols = 1;
	for (size_t c = 0; c < ds->n_cols; c++) {
		for (size_t r = 0; r < ds->n_rows; r++)
			keep[c] = keep[c] || dataset_cell(ds, r, c)->present;
		keep[c] = keep[c] || ds->cols[c].is_text;
		n_cols += keep[c];
	}
	struct tbl *t = tbl_new(lo, n_cols, ds->n_rows + 1);
	text_cell(&t->head->cells[0], ds->row_heading);
	size_t k = 1;
	bool any_total = false;
	bool *totals = arena_array(lo->arena, n_cols, sizeof *totals);
	for (size_t c = 0; c < ds->n_cols; c++) {
		if (!keep[c])
			continue;
		text_cell(&t->head->cells[k], ds->cols[c].label);
		t->numeric[k] = !ds->cols[c].is_text;
		bool all = !ds->cols[c].is_text && ds->cols[c].unit != UNIT_PERCENT;
		for (size_t r = 0; all && r < ds->n_rows; r++)
			all = dataset_cell(ds, r, c)->present;
		totals[k] = all;
		any_total = any_total || all;
		k++;
	}
	for (size_t r = 0; r < ds->n_rows; r++) {
		struct row *row = add_row(lo, t, ROW_BODY);
		text_cell(&row->cells[0], ds->row_labels[r]);
		k = 1;
		for (size_t c = 0; c < ds->n_cols; c++) {
			if (!keep[c])
				continue;
			const struct ds_cell *cell = dataset_cell(ds, r, c);
			if (ds->cols[c].is_text)
				text_cell(&row->cells[k], cell->present ? cell->text : "");
			else if (cell->present)
				number_cell(lo, &row->cells[k], cell->value);
			else
				text_cell(&row->cells[k], absent(cell));
			k++;
		}
	}
	if (any_total && ds->n_rows > 1) {
		struct row *row = add_row(lo, t, ROW_TOTAL);
		text_cell(&row->cells[0], "Total");
		k = 1;
		for (size_t c = 0; c < ds->n_cols; c++) {
			if (!keep[c])
				continue;
			if (totals[k]) {
				int64_t sum = 0;
				for (size_t r = 0; r < ds->n_rows; r++)
					sum += dataset_cell(ds, r, c)->value.hundredths;
				number_cell(lo, &row->cells[k], (struct figure){ ds->cols[c].unit, sum,
										 0 });
			} else {
				text_cell(&row->cells[k], "");
			}
			k++;
		}
	}
	/* Attendance known only in total is said under the table. */
	for (size_t c = 0; c < ds->n_cols; c++) {
		struct figure_ref ref;
		if (keep[c] || strcmp(ds->path, "training.courses-table") != 0 ||
		    strcmp(ds->cols[c].label, "Attendees") != 0)
			continue;
		if (figure_resolve(lo->model, lo->arena, "training.attendees", &ref, NULL) ==
		    FIG_SCALAR)
			t->note = arena_printf(lo->arena, "Attendance is not recorded by course: "
					       "%s professionals attended in all.",
					       layout_format(lo, ref.value));
	}
	return t;
}

static const char *month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

void layout_dataset_table(struct layout *lo, const struct dataset *ds, const char *title,
			  const char *continued, enum sort_order sort)
{
	if (!ds || ds->n_cols == 0)
		return;
	struct tbl *t;
	switch (ds->kind) {
	case DS_SERIES:
		t = series_table(lo, ds);
		break;
	case DS_RECORDS:
		t = records_table(lo, ds);
		break;
	case DS_PARTS:
	case DS_MEASURES:
	default:
		t = parts_table(lo, ds, row_order(lo, ds, sort));
		if (ds->kind == DS_MEASURES) {
			t->note = NULL;
			const struct yjs *y = &lo->model->yjs;
			if (strcmp(ds->path, "yjs.cohort") == 0 && y->cohort_as_of.year > 0 &&
			    y->cohort_as_of.month >= 1 && y->cohort_as_of.month <= 12)
				t->note = arena_printf(lo->arena, "Cohort profile as of %d %s %d.",
						       y->cohort_as_of.day,
						       month_names[y->cohort_as_of.month - 1],
						       y->cohort_as_of.year);
		}
		break;
	}
	t->title = title;
	t->continued = continued;
	t->row_headers = true;
	pence_alike(lo, t);
	emit(lo, t);
}

void layout_data_table(struct layout *lo, const struct block *b)
{
	const struct data_table *dt = &b->u.data_table;
	struct figure_ref ref;
	struct dataset *ds = NULL;
	if (dt->of && figure_resolve(lo->model, lo->arena, dt->of, &ref, NULL) == FIG_DATASET)
		ds = ref.dataset;
	size_t n_gaps;
	ds = layout_gap_dataset(lo, dt->of, ds, &n_gaps);
	if (!ds)
		return;
	const char *title = dt->title ? dt->title : ds->title;
	layout_dataset_table(lo, ds, title, NULL, SORT_NONE);
}
