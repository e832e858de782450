/* test-table.c - tables typeset and paginated, read back from the display
 * list: a long table breaks between rows with its title "(continued)" and
 * header row repeated as an artifact, never fewer than three rows at a
 * page foot, figures right-aligned, totals and remainders computed,
 * TH/TD structure, a row taller than a page cut between its lines (TAP).
 *
 * Usage: test-table [FONTS_DIR]   (default "fonts": meson runs the tests
 * from the source root). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "chart-private.h"
#include "dl.h"
#include "figure.h"
#include "font.h"
#include "layout-private.h"
#include "model.h"
#include "style.h"
#include "layout-fixture.h"
#include "tap.h"


static struct style ST;

enum { N_COURSES = 60 };

/* ---- a hand-made model ---------------------------------------------------- */

static struct decimal dec(int64_t hundredths, int decimals)
{
	return (struct decimal){ .hundredths = hundredths, .decimals = (int8_t)decimals, .present = true };
}

static struct breakdown *add_breakdown(struct breakdown **list, size_t *n, const char *id,
				       enum measure measure, int base, bool partial,
				       size_t n_items, const char *const *labels,
				       const int64_t *hundredths, int decimals)
{
	struct breakdown *grown = arena_array(M->arena, *n + 1, sizeof *grown);
	if (*n)
		memcpy(grown, *list, *n * sizeof *grown);
	*list = grown;
	struct breakdown *bd = &grown[(*n)++];
	*bd = (struct breakdown){ .id = id, .title = id, .measure = measure, .partial = partial,
				  .of = "referrals" };
	if (base >= 0)
		bd->base = dec((int64_t)base * 100, 0);
	bd->n_items = n_items;
	bd->items = arena_array(M->arena, n_items, sizeof *bd->items);
	for (size_t i = 0; i < n_items; i++)
		bd->items[i] = (struct breakdown_item){ .label = labels[i], .measure = measure,
							.value = dec(hundredths[i], decimals) };
	return bd;
}

static void build_model(void)
{
	M = model_new("test");
	struct period p = { 2023 };
	M->report.head.loaded = true;
	M->report.head.period = p;

	M->training.head.loaded = true;
	M->training.head.period = p;
	M->training.n_courses = N_COURSES;
	M->training.courses = arena_array(M->arena, N_COURSES, sizeof *M->training.courses);
	for (int i = 0; i < N_COURSES; i++)
		M->training.courses[i] = (struct course){
			.title = arena_printf(M->arena, "Course %d", i + 1),
			.mode = (enum training_mode)(i % 3),
			.sessions = dec((i % 7 + 1) * 100, 0),
			.attendees = dec((int64_t)(i * 37 % 400 + 5) * 100, 0),
		};

	M->lado.head.loaded = true;
	M->lado.head.period = p;
	static const int refs[] = { 118, 203, 271, 265 }, contacts[] = { 44, 27, 54, 48 };
	M->lado.n_years = 4;
	M->lado.years = arena_array(M->arena, 4, sizeof *M->lado.years);
	for (int i = 0; i < 4; i++)
		M->lado.years[i] = (struct lado_year){ .period = { 2020 + i },
						       .referrals = dec(refs[i] * 100, 0),
						       .contacts = dec(contacts[i] * 100, 0) };
	/* A partial percent breakdown, a partial count breakdown, percentages
	 * that add up to 99.5, and percentages of a base too large for exact
	 * numbers. */
	static const char *const sectors[] = { "Education", "Residential", "Early Years" };
	static const int64_t sector_v[] = { 4200, 2100, 900 };
	add_breakdown(&M->lado.breakdowns, &M->lado.n_breakdowns, "sector", MEASURE_PERCENT, 265,
		      true, 3, sectors, sector_v, 0);
	static const char *const kinds[] = { "Physical", "Neglect" };
	static const int64_t kind_v[] = { 2000, 1500 };
	add_breakdown(&M->lado.breakdowns, &M->lado.n_breakdowns, "counted", MEASURE_COUNT, 50,
		      true, 2, kinds, kind_v, 0);
	static const char *const cats[] = { "Physical", "Neglect", "Emotional", "Sexual", "Other" };
	static const int64_t cat_v[] = { 4500, 1700, 1000, 650, 2100 };
	struct breakdown *bd = add_breakdown(&M->lado.breakdowns, &M->lado.n_breakdowns,
					     "category", MEASURE_PERCENT, -1, false, 5, cats,
					     cat_v, 0);
	bd->items[3].value.decimals = 1;
	/* Counts of fifteen digits, the most a count may have: their shares
	 * multiply past int64 unless computed wide (issue 12 item 6). */
	static const char *const halves[] = { "One half", "Other half" };
	static const int64_t half_v[] = { INT64_C(50000000000000000), INT64_C(49999999999999900) };
	add_breakdown(&M->lado.breakdowns, &M->lado.n_breakdowns, "huge", MEASURE_COUNT, -1,
		      false, 2, halves, half_v, 0);

	/* Offence types: each percentage is exactly one whole number of 108. */
	M->yjs.head.loaded = true;
	M->yjs.head.period = p;
	M->yjs.offences.present = true;
	static const char *const types[] = { "Drugs", "Violence Against the Person", "Other" };
	static const int64_t type_v[] = { 2590, 2410, 5000 };
	bd = add_breakdown(&M->yjs.offences.breakdowns, &M->yjs.offences.n_breakdowns, "type",
			   MEASURE_PERCENT, 108, false, 3, types, type_v, 1);
	bd->of = "offences";
}

/* ---- tables through a layout pass (layout-fixture.h) ------------------- */

static void data_table(struct layout *lo, const char *of, const char *title)
{
	struct block b = { .kind = BLK_DATA_TABLE };
	b.u.data_table = (struct data_table){ .of = of, .title = title };
	layout_data_table(lo, &b);
}

/* The texts of the display list with their page and whether they are an
 * artifact. */
struct run {
	const struct dl_text *t;
	int page;
	bool artifact;
};

struct runs {
	struct run *items;
	size_t n;
};

static struct runs read_runs(const struct dl *dl)
{
	struct runs r = { calloc(dl->n_ops + 1, sizeof(struct run)), 0 };
	int page = 0;
	bool artifact = false;
	for (size_t i = 0; i < dl->n_ops; i++) {
		const struct dl_op *o = &dl->ops[i];
		if (o->kind == DL_PAGE_BEGIN)
			page++;
		else if (o->kind == DL_ARTIFACT_BEGIN)
			artifact = true;
		else if (o->kind == DL_ARTIFACT_END)
			artifact = false;
		else if (o->kind == DL_TEXT)
			r.items[r.n++] = (struct run){ &o->text, page, artifact };
	}
	return r;
}

static bool is_course(const char *s, int *n)
{
	return sscanf(s, "Course %d", n) == 1 && *n >= 1 && *n <= N_COURSES;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == ','))
			return false;
	return true;
}

/* The text right after the first run reading `label` (not an artifact). */
static const char *after(const struct runs *r, const char *label, size_t k)
{
	for (size_t i = 0; i + k < r->n; i++)
		if (!r->items[i].artifact && strcmp(r->items[i].t->text, label) == 0)
			return r->items[i + k].t->text;
	return NULL;
}

static bool has_text(const struct runs *r, const char *text)
{
	for (size_t i = 0; i < r->n; i++)
		if (!r->items[i].artifact && strcmp(r->items[i].t->text, text) == 0)
			return true;
	return false;
}

/* ---- the tests ------------------------------------------------------------ */

static void test_long_table(void)
{
	struct layout *lo = new_layout(&ST);
	data_table(lo, "training.courses-table", "Courses");
	int pages = layout_pages(lo);
	struct runs r = read_runs(lo->dl);

	int seen[N_COURSES + 1] = { 0 };
	int rows_on[64] = { 0 };
	bool cont_on[64] = { false }, head_on[64] = { false };
	int first_page = 0, last_page = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct run *u = &r.items[i];
		int n;
		if (!u->artifact && is_course(u->t->text, &n)) {
			seen[n]++;
			if (u->page < 64)
				rows_on[u->page]++;
			if (!first_page)
				first_page = u->page;
			last_page = u->page;
		}
		if (u->artifact && strcmp(u->t->text, "Courses (continued)") == 0 && u->page < 64)
			cont_on[u->page] = true;
		if (u->artifact && strcmp(u->t->text, "Attendees") == 0 && u->page < 64)
			head_on[u->page] = true;
	}
	bool once = true;
	for (int i = 1; i <= N_COURSES; i++)
		once = once && seen[i] == 1;
	ok(once, "a 60-row table prints every row once");
	ok(pages >= 2 && last_page > first_page, "it runs over %d pages", pages);
	bool repeated = true;
	for (int p = first_page + 1; p <= last_page && p < 64; p++)
		repeated = repeated && cont_on[p] && head_on[p];
	ok(repeated, "every page after the first repeats the title \"(continued)\" and the header");
	ok(!cont_on[first_page], "the first page has no \"(continued)\"");

	/* Structure: one header row of TH scope=column, a TH scope=row per row. */
	size_t th_col = 0, th_row = 0, td = 0, tr = 0;
	for (size_t i = 0; i < lo->dl->n_elems; i++) {
		const struct dl_struct_elem *e = &lo->dl->elems[i];
		th_col += e->type == DL_TH && e->attrs.scope == DL_SCOPE_COLUMN;
		th_row += e->type == DL_TH && e->attrs.scope == DL_SCOPE_ROW;
		td += e->type == DL_TD;
		tr += e->type == DL_TR;
	}
	ok(th_col == 4, "the header row is in the structure once: 4 TH scope=column (%zu)", th_col);
	ok(th_row == N_COURSES + 1 && tr == N_COURSES + 2,
	   "each body row and the total is a TR headed by a TH scope=row (%zu, %zu)", th_row, tr);
	ok(td == (N_COURSES + 1) * 3, "the other cells are TD (%zu)", td);

	/* Totals. */
	int sessions = 0, attendees = 0;
	for (int i = 0; i < N_COURSES; i++) {
		sessions += i % 7 + 1;
		attendees += i * 37 % 400 + 5;
	}
	char want_s[32], want_a[32];
	snprintf(want_s, sizeof want_s, "%d", sessions);
	figure_format((struct figure){ UNIT_COUNT, (int64_t)attendees * 100, 0 }, want_a,
		      sizeof want_a);
	const char *got_s = after(&r, "Total", 1), *got_a = after(&r, "Total", 2);
	ok(got_s && strcmp(got_s, want_s) == 0, "the total of sessions is %s (got %s)", want_s,
	   got_s ? got_s : "nothing");
	ok(got_a && strcmp(got_a, want_a) == 0, "the total of attendees is %s (got %s)", want_a,
	   got_a ? got_a : "nothing");

	/* Figures right-aligned: two columns of numbers, two right edges. */
	double edges[8];
	size_t n_edges = 0;
	bool aligned = true;
	for (size_t i = 0; i < r.n; i++) {
		const struct run *u = &r.items[i];
		if (u->artifact || !all_digits(u->t->text))
			continue;
		double right = u->t->x_pt + layout_text_width(lo, (enum font_face)u->t->face,
							      u->t->size_pt, u->t->text,
							      strlen(u->t->text));
		size_t k = 0;
		while (k < n_edges && fabs(edges[k] - right) > 0.01)
			k++;
		if (k == n_edges) {
			if (n_edges == 8)
				aligned = false;
			else
				edges[n_edges++] = right;
		}
	}
	ok(aligned && n_edges == 2, "numbers are right-aligned: equal right edges per column (%zu)",
	   n_edges);
	free(r.items);
	free_layout(lo);
}

/* Pushed before the table so that it starts at every height of a page. */
static void test_page_foot(void)
{
	double text_h = style_text_height_pt(&ST);
	size_t cases = 0, short_first = 0, short_last = 0;
	for (double filler = 0; filler < text_h; filler += 9) {
		struct layout *lo = new_layout(&ST);
		layout_push_box(lo, filler, NULL, NULL, 0);
		data_table(lo, "training.courses-table", "Courses");
		layout_pages(lo);
		struct runs r = read_runs(lo->dl);
		int rows_on[64] = { 0 }, total_page = 0, first = 0, last = 0;
		for (size_t i = 0; i < r.n; i++) {
			int n;
			const struct run *u = &r.items[i];
			if (u->artifact)
				continue;
			if (is_course(u->t->text, &n) && u->page < 64) {
				rows_on[u->page]++;
				if (!first)
					first = u->page;
				last = u->page;
			}
			if (strcmp(u->t->text, "Total") == 0)
				total_page = u->page;
		}
		cases++;
		short_first += first && rows_on[first] < 3;
		short_last += last > first && (rows_on[last] < 2 || total_page != last);
		free(r.items);
		free_layout(lo);
	}
	ok(short_first == 0, "never fewer than three rows at a page foot (%zu starts tried)", cases);
	ok(short_last == 0, "the total is never carried over without two rows above it");
}

static void test_breakdowns(void)
{
	struct layout *lo = new_layout(&ST);
	data_table(lo, "lado.sector", "Sector");
	data_table(lo, "lado.counted", "Counted");
	data_table(lo, "lado.category", "Category");
	data_table(lo, "yjs.offences.type", "Offence type");
	data_table(lo, "lado.activity", "Activity");
	data_table(lo, "lado.huge", "Huge");
	layout_pages(lo);
	struct runs r = read_runs(lo->dl);

	/* A partial percent breakdown: the rest is "Not itemised". */
	const char *rem = after(&r, "Not itemised", 1);
	ok(rem && strcmp(rem, "28%") == 0, "partial percentages: Not itemised is 100%% less the "
	   "items (%s)", rem ? rem : "nothing");
	const char *total = after(&r, "Total", 1);
	ok(total && strcmp(total, "100%") == 0, "partial percentages end with a total of 100%%");

	/* A partial count breakdown with a base: the base less the counts. */
	size_t k = 0, found = 0;
	for (size_t i = 0; i < r.n; i++) {
		if (strcmp(r.items[i].t->text, "Not itemised") == 0 && ++k == 2 && i + 2 < r.n)
			found = strcmp(r.items[i + 1].t->text, "15") == 0 &&
				strcmp(r.items[i + 2].t->text, "30.0%") == 0;
	}
	ok(found, "partial counts: Not itemised is the base less the counts, with its share");
	ok(has_text(&r, "40.0%") && has_text(&r, "50"),
	   "counts get shares of the base to one decimal and a total of the base");

	/* Percentages of 108: exact numbers; of nothing: a note on rounding. */
	ok(has_text(&r, "Number") && has_text(&r, "28") && has_text(&r, "26"),
	   "percentages of a base get the whole numbers they stand for");
	bool note = false;
	for (size_t i = 0; i < r.n; i++)
		note = note || strstr(r.items[i].t->text, "add up to 99.5%") != NULL;
	ok(note, "percentages that add up to 99.5%% say so under the table");
	ok(has_text(&r, "Percentages of 265 referrals."), "the note says what percentages are of");

	/* Fifteen-digit counts: their shares are exact, not wrapped. */
	const char *half = after(&r, "One half", 2);
	ok(half && strcmp(half, "50.0%") == 0, "a share of fifteen-digit counts is 50.0%% (%s)",
	   half ? half : "nothing");
	ok(has_text(&r, "999,999,999,999,999"), "their total prints whole");

	/* Series: periods as columns. */
	ok(has_text(&r, "2020-21") && has_text(&r, "Total activity") && has_text(&r, "Referrals"),
	   "a series by period has periods as columns and its total as a row");
	free(r.items);
	free_layout(lo);
}

static struct inline_node *text_node(const char *s)
{
	struct inline_node *in = arena_alloc(M->arena, sizeof *in);
	in->kind = IN_TEXT;
	in->text = arena_strdup(M->arena, s);
	return in;
}

static void test_hand_written(void)
{
	/* Two columns: labels and figures; figures align right on their own. */
	static const char *const labels[] = { "Rapid Reviews held", "Notifications made",
					      "Reviews published", "Cost of reviews" };
	static const char *const figures[] = { "3", "12", "1,250", "7" };
	struct table t = { .title = "Reviews" };
	t.head.n_cells = 2;
	t.head.cells = arena_array(M->arena, 2, sizeof *t.head.cells);
	t.head.cells[0].inlines = text_node("What");
	t.head.cells[1].inlines = text_node("Number");
	t.n_rows = 4;
	t.rows = arena_array(M->arena, 4, sizeof *t.rows);
	for (size_t i = 0; i < 4; i++) {
		t.rows[i].n_cells = 2;
		t.rows[i].cells = arena_array(M->arena, 2, sizeof *t.rows[i].cells);
		t.rows[i].cells[0].inlines = text_node(labels[i]);
		t.rows[i].cells[1].inlines = text_node(figures[i]);
	}
	struct block b = { .kind = BLK_TABLE };
	b.u.table = t;
	struct layout *lo = new_layout(&ST);
	layout_table(lo, &b);
	layout_pages(lo);
	struct runs r = read_runs(lo->dl);
	double right = -1;
	bool same = true;
	size_t n = 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct run *u = &r.items[i];
		if (u->artifact || !all_digits(u->t->text))
			continue;
		double e = u->t->x_pt + layout_text_width(lo, (enum font_face)u->t->face,
							  u->t->size_pt, u->t->text,
							  strlen(u->t->text));
		if (right < 0)
			right = e;
		same = same && fabs(e - right) < 0.01;
		n++;
	}
	ok(n == 4 && same, "hand-written figures without align are right-aligned (%zu)", n);
	free(r.items);
	free_layout(lo);

	/* A cell taller than a page is cut between its lines. */
	struct arena *a = M->arena;
	char *long_text = arena_strdup(a, "");
	for (int i = 0; i < 900; i++)
		long_text = arena_printf(a, "%sword%d ", long_text, i);
	t.n_rows = 1;
	t.rows[0].cells[0].inlines = text_node(long_text);
	t.rows[0].cells[1].inlines = text_node("5");
	b.u.table = t;
	lo = new_layout(&ST);
	layout_table(lo, &b);
	int pages = layout_pages(lo);
	r = read_runs(lo->dl);
	int words = 0;
	bool inside = true;
	double bottom = ST.page.margin_bottom_pt - 0.01;
	for (size_t i = 0; i < r.n; i++) {
		const char *s = r.items[i].t->text;
		for (const char *p = strstr(s, "word"); p; p = strstr(p + 4, "word"))
			words++;
		inside = inside && (r.items[i].artifact || r.items[i].t->y_pt >= bottom);
	}
	ok(pages >= 2 && words == 900, "a row taller than a page runs over %d pages, every word "
	   "once (%d)", pages, words);
	ok(inside, "no line of the cut row falls below the text area");
	free(r.items);
	free_layout(lo);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "fonts";
	char err[512];
	if (!font_family_load(&fam, dir, font_default_files, err, sizeof err)) {
		printf("1..0 # SKIP fonts not found: %s\n", err);
		return 0;
	}
	for (int i = 0; i < FACE_COUNT; i++) {
		static char paths[FACE_COUNT][512];
		snprintf(paths[i], sizeof paths[i], "%s/%s", dir, font_default_files[i]);
		font_paths[i] = paths[i];
	}
	style_defaults(&ST);
	build_model();

	test_long_table();
	test_page_foot();
	test_breakdowns();
	test_hand_written();

	model_free(M);
	font_family_free(&fam);
	return tap_done();
}
