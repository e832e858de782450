/* layout-draft.c - the notes of a --draft build: each warning of the check
 * as a sticky note at the place it concerns, and the closing "Open points
 * for review" page that lists every warning with the pages it concerns.
 * (The watermark and the footer stamp are page furniture, in layout.c; the
 * placeholder for a missing comment is drawn with its section.)
 *
 * The map from warnings to places is made once per build, before the
 * passes. A place is the cover or a block that prints, in the order layout
 * prints them (a section's comments after its blocks, the perspective's
 * blocks where its marker stands). A finding at FILE:LINE:COL concerns:
 *  - in report.xml, the block that starts there, else the last block that
 *    starts before it (the one holding it: a kpi's kpis, a cell's table);
 *    the root (warning 6) concerns the contents page, or the cover when
 *    there is none, and the meta before the body the cover;
 *  - in scrutiny.xml, likewise a block of a comment or of the perspective;
 *    the rest of a comment its first block; the perspective and the
 *    conclusion the places report.xml gives them; the root, scrutineer and
 *    sign-off (warning 2) both of those places;
 *  - in a data file, every block (chart, data-table, kpis, or text with a
 *    value or change) that shows a figure path of the element there (the
 *    last to start at or before the position): a breakdown is "lado.ID" or
 *    "yjs.GROUP.ID" and every path under it; one of its items only that
 *    path and the item's own "….ID.LABEL" (likewise a cohort measure); a
 *    LADO activity year lado.activity, .total, .referrals and .contacts; a
 *    timescales year lado.timescales and .within-*; a yjs group or the
 *    cohort its path and all under it; the root its file's prefix, and so
 *    do all of finance.xml and training.xml ("finance", "training").
 * A warning that concerns no place goes to the first page after the cover.
 * Its note stands at the first of its places that is drawn; the open points
 * page gives the pages of all of them, each linked to its place. */
#include "layout-private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The note's icon is this big; stacked notes keep this gap; the icons
 * stand in the outer margin this share of it away from the text. */
#define NOTE_SIZE_PT 16.0
#define NOTE_GAP_PT 4.0
#define NOTE_MARGIN_SHARE 0.3

#define NO_PLACE ((size_t)-1)

struct place {
	const struct block *block;    /* NULL: the cover */
	const char *dest;             /* "draft-N", defined where the place is drawn */
	size_t *warnings;             /* the warnings that concern it, in order */
	size_t n_warnings, cap_warnings;
};

/* A place found by its block, or by where its block starts in a file. */
struct place_key {
	uintptr_t block;
	struct srcpos pos;
	size_t place;
};

struct draft_warning {
	const char *message;          /* in plain English, for the scrutineer and the board */
	const char *where;            /* "lado.xml:40:7" */
	size_t *places;               /* indices into places, in print order */
	size_t n_places, cap_places;
};

enum { MAX_SUBJECTS = 4 };

struct landmark {
	struct srcpos pos;
	const char *subjects[MAX_SUBJECTS]; /* figure paths, NULL-terminated */
	bool exact;           /* only these paths, not the paths under them */
	size_t order;         /* in data_landmarks()'s order: ties go to the later */
	/* The places whose blocks show its data, in print order; found once,
	 * when the first warning asks (mapped). */
	size_t *places;
	size_t n_places;
	bool mapped;
};

struct landmarks {
	struct landmark *items;       /* the root first, then sorted by position */
	size_t n, cap;
	struct arena *arena;
	bool made;
};

struct layout_draft {
	struct arena *arena;
	struct place *places;         /* places[0] is the cover */
	size_t n_places, cap_places;
	struct place_key *by_block;   /* places but the cover, by block address */
	struct place_key *by_pos;     /* by file, then line and column */
	struct draft_warning *warnings;
	size_t n_warnings;
	/* The figure paths each place's block shows, sorted by path, made on
	 * first use; and the elements of each data file with their paths. */
	struct shown_path *shown;
	size_t n_shown, cap_shown;
	bool shown_made;
	struct landmarks landmarks[FILE_COUNT];
};

/* ---- places ------------------------------------------------------------- */

static void add_place(struct layout_draft *dr, const struct block *b)
{
	xgrow(&dr->places, &dr->cap_places, dr->n_places, sizeof *dr->places);
	dr->places[dr->n_places] = (struct place){
		.block = b,
		.dest = arena_printf(dr->arena, "draft-%zu", dr->n_places),
	};
	dr->n_places++;
}

/* Blocks that put something on the page where layout anchors them (a page
 * break puts nothing; a marker prints only what scrutiny.xml has). */
static bool prints(const struct model *m, const struct block *b)
{
	switch (b->kind) {
	case BLK_PAGE_BREAK:
		return false;
	case BLK_SCRUTINY_PERSPECTIVE:
		return m->scrutiny.has_perspective;
	case BLK_SCRUTINY_CONCLUSION:
		return m->scrutiny.has_conclusion;
	case BLK_KPIS:
		return b->u.kpis.n_kpis > 0;
	default:
		return true;
	}
}

/* The blocks in the order layout prints them: a section's comments after
 * its blocks; the perspective's blocks once, at the first marker (later
 * markers repeat them). Sublists print inside their list's place. */
struct places_walk {
	struct layout_draft *dr;
	bool perspective_seen;
};

static bool visit_place(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct places_walk *pw = w->ctx;
	const struct model *m = w->model;
	const struct scrutiny *sc = &m->scrutiny;
	if (ev == MODEL_ENTER) {
		const struct block *parent = model_walk_parent(w);
		if ((parent && parent->kind == BLK_LIST) || !prints(m, b))
			return false;
		add_place(pw->dr, b);
		if (b->kind == BLK_SCRUTINY_PERSPECTIVE && !pw->perspective_seen) {
			pw->perspective_seen = true;
			model_walk_blocks(m, sc->perspective, w->v, pw);
		}
	} else if (b->kind == BLK_SECTION) {
		for (size_t i = model_first_comment(m, b->u.section.id); i < sc->n_comments;
		     i = model_next_comment(m, i))
			model_walk_blocks(m, sc->comments[i].blocks, w->v, pw);
	}
	return true;
}

static int by_block_order(const void *pa, const void *pb)
{
	const struct place_key *a = pa, *b = pb;
	return a->block < b->block ? -1 : a->block > b->block;
}

static int by_pos_order(const void *pa, const void *pb)
{
	const struct place_key *a = pa, *b = pb;
	int c = srcpos_compare(a->pos, b->pos);
	if (c)
		return c;
	return a->place < b->place ? -1 : a->place > b->place;
}

/* The indexes that find a block's place without a walk over them all: a
 * report of thousands of blocks asks for each of them every pass. */
static void index_places(struct layout_draft *dr)
{
	size_t n = dr->n_places - 1;
	dr->by_block = xcalloc(n ? n : 1, sizeof *dr->by_block);
	dr->by_pos = xcalloc(n ? n : 1, sizeof *dr->by_pos);
	for (size_t i = 1; i < dr->n_places; i++) {
		const struct block *b = dr->places[i].block;
		struct place_key k = { (uintptr_t)b, b->pos, i };
		dr->by_block[i - 1] = k;
		dr->by_pos[i - 1] = k;
	}
	qsort(dr->by_block, n, sizeof *dr->by_block, by_block_order);
	qsort(dr->by_pos, n, sizeof *dr->by_pos, by_pos_order);
}

static size_t place_of(const struct layout_draft *dr, const struct block *b)
{
	if (!b)
		return 0;
	struct place_key k = { .block = (uintptr_t)b };
	const struct place_key *hit =
		bsearch(&k, dr->by_block, dr->n_places - 1, sizeof k, by_block_order);
	return hit ? hit->place : NO_PLACE;
}

/* Adds a place to a warning, keeping its places in print order, once;
 * warnings are mapped in order, so each place lists its own in order. */
static void concern(struct layout_draft *dr, struct draft_warning *w, size_t place)
{
	if (place == NO_PLACE)
		return;
	size_t at = w->n_places;
	while (at > 0 && w->places[at - 1] >= place) {
		if (w->places[at - 1] == place)
			return;
		at--;
	}
	xgrow(&w->places, &w->cap_places, w->n_places, sizeof *w->places);
	memmove(w->places + at + 1, w->places + at, (w->n_places - at) * sizeof *w->places);
	w->places[at] = place;
	w->n_places++;
	struct place *pl = &dr->places[place];
	xgrow(&pl->warnings, &pl->cap_warnings, pl->n_warnings, sizeof *pl->warnings);
	pl->warnings[pl->n_warnings++] = (size_t)(w - dr->warnings);
}

static bool in_file(struct srcpos pos, const char *file)
{
	return pos.file && strcmp(pos.file, file) == 0;
}

/* a starts at or before b (same file assumed). */
static bool at_or_before(struct srcpos a, struct srcpos b)
{
	return a.line < b.line || (a.line == b.line && a.col <= b.col);
}

static bool same_pos(struct srcpos a, struct srcpos b)
{
	return a.line == b.line && a.col == b.col;
}

/* The place of file's block that starts at pos or last before it. */
static size_t block_holding(const struct layout_draft *dr, const char *file, struct srcpos pos)
{
	/* The first key past (file, pos): the one before it is the answer. */
	struct place_key k = { .pos = { file, pos.line, pos.col }, .place = SIZE_MAX };
	size_t lo = 0, hi = dr->n_places - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (by_pos_order(&dr->by_pos[mid], &k) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || !in_file(dr->by_pos[lo - 1].pos, file) || !dr->by_pos[lo - 1].pos.line)
		return NO_PLACE;
	return dr->by_pos[lo - 1].place;
}

static void places_of_kind(struct layout_draft *dr, struct draft_warning *w,
			   enum block_kind kind)
{
	for (size_t i = 1; i < dr->n_places; i++)
		if (dr->places[i].block->kind == kind)
			concern(dr, w, i);
}

/* ---- report.xml and scrutiny.xml ----------------------------------------- */

static void report_places(struct layout_draft *dr, const struct model *m,
			  struct draft_warning *w, struct srcpos pos)
{
	if (same_pos(pos, m->report.head.pos)) {
		places_of_kind(dr, w, BLK_CONTENTS);
		if (!w->n_places)
			concern(dr, w, 0);
		return;
	}
	size_t held = block_holding(dr, "report.xml", pos);
	concern(dr, w, held != NO_PLACE ? held : 0);
}

static void scrutiny_places(struct layout_draft *dr, const struct model *m,
			    struct draft_warning *w, struct srcpos pos)
{
	const struct scrutiny *sc = &m->scrutiny;
	/* The last landmark at or before pos: a block (kind 'b'), a comment
	 * ('c', index), the perspective ('p'), the conclusion ('k'), or what
	 * stands for the whole review ('r': root, scrutineer, sign-off). */
	char kind = 'r';
	size_t index = 0;
	struct srcpos best = { 0 };
	struct {
		char kind;
		size_t index;
		struct srcpos pos;
	} marks[] = {
		{ 'r', 0, sc->head.pos },         { 'r', 0, sc->scrutineer_pos },
		{ 'p', 0, sc->perspective_pos },  { 'k', 0, sc->conclusion_pos },
		{ 'r', 0, sc->sign_off_pos },
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i].pos.line && at_or_before(marks[i].pos, pos) &&
		    (!best.line || at_or_before(best, marks[i].pos))) {
			best = marks[i].pos;
			kind = marks[i].kind;
		}
	for (size_t i = 0; i < sc->n_comments; i++)
		if (sc->comments[i].pos.line && at_or_before(sc->comments[i].pos, pos) &&
		    (!best.line || at_or_before(best, sc->comments[i].pos))) {
			best = sc->comments[i].pos;
			kind = 'c';
			index = i;
		}
	size_t held = block_holding(dr, "scrutiny.xml", pos);
	if (held != NO_PLACE && (!best.line || at_or_before(best, dr->places[held].block->pos))) {
		concern(dr, w, held);
		return;
	}
	switch (kind) {
	case 'c': {
		const struct scrutiny_comment *c = &sc->comments[index];
		size_t at = c->blocks ? place_of(dr, c->blocks) : NO_PLACE;
		if (at == NO_PLACE && c->on) {
			const struct section *s = model_find_section(m, c->on);
			for (size_t i = 1; i < dr->n_places && s && at == NO_PLACE; i++)
				if (dr->places[i].block->kind == BLK_SECTION &&
				    &dr->places[i].block->u.section == s)
					at = i;
		}
		concern(dr, w, at);
		break;
	}
	case 'p':
		places_of_kind(dr, w, BLK_SCRUTINY_PERSPECTIVE);
		break;
	case 'k':
		places_of_kind(dr, w, BLK_SCRUTINY_CONCLUSION);
		break;
	default:
		places_of_kind(dr, w, BLK_SCRUTINY_PERSPECTIVE);
		places_of_kind(dr, w, BLK_SCRUTINY_CONCLUSION);
		break;
	}
}

/* ---- data files: the figure paths an element's data shows --------------- */

/* exact: the element's data is these paths only, not the paths under them. */
static void mark(struct landmarks *ls, struct srcpos pos, bool exact, const char *a,
		 const char *b, const char *c, const char *d)
{
	if (!pos.line)
		return;
	xgrow(&ls->items, &ls->cap, ls->n, sizeof *ls->items);
	ls->items[ls->n] = (struct landmark){ pos, { a, b, c, d }, exact, ls->n, NULL, 0, false };
	ls->n++;
}

/* A breakdown's element concerns it all; an item only the breakdown as a
 * whole (its charts and tables) and that item's own figure, not the
 * figures of its neighbours ("yjs.offences.type.Drugs" in a sentence). */
static void mark_breakdowns(struct landmarks *ls, const char *prefix,
			    const struct breakdown *bds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *path = arena_printf(ls->arena, "%s.%s", prefix,
						bds[i].id ? bds[i].id : "");
		mark(ls, bds[i].pos, false, path, NULL, NULL, NULL);
		for (size_t k = 0; k < bds[i].n_items; k++) {
			const char *label = bds[i].items[k].label;
			const char *item = label ? arena_printf(ls->arena, "%s.%s", path, label) : NULL;
			mark(ls, bds[i].items[k].pos, true, path, item, NULL, NULL);
		}
	}
}

static void mark_group(struct landmarks *ls, const struct yjs_group *g, const char *path)
{
	if (!g->present)
		return;
	mark(ls, g->pos, false, path, NULL, NULL, NULL);
	mark_breakdowns(ls, path, g->breakdowns, g->n_breakdowns);
}

/* The elements of one data file with the figure paths each one's data
 * shows; the root first, standing for the whole file. */
static void data_landmarks(const struct model *m, enum data_file file, struct landmarks *ls)
{
	switch (file) {
	case FILE_LADO: {
		const struct lado *l = &m->lado;
		const char *activity[] = { "lado.activity", "lado.total", "lado.referrals",
					   "lado.contacts" };
		mark(ls, l->head.pos, false, "lado", NULL, NULL, NULL);
		mark(ls, l->activity_pos, false, activity[0], activity[1], activity[2],
		     activity[3]);
		for (size_t i = 0; i < l->n_years; i++)
			mark(ls, l->years[i].pos, false, activity[0], activity[1], activity[2],
			     activity[3]);
		mark_breakdowns(ls, "lado", l->breakdowns, l->n_breakdowns);
		mark(ls, l->timescales_pos, false, "lado.timescales", "lado.within-1-month",
		     "lado.within-3-months", NULL);
		for (size_t i = 0; i < l->n_timescales; i++)
			mark(ls, l->timescales[i].pos, false, "lado.timescales", "lado.within-1-month",
			     "lado.within-3-months", NULL);
		break;
	}
	case FILE_YJS: {
		const struct yjs *y = &m->yjs;
		mark(ls, y->head.pos, false, "yjs", NULL, NULL, NULL);
		mark_group(ls, &y->offences, "yjs.offences");
		mark_group(ls, &y->incidents, "yjs.incidents");
		if (y->has_cohort) {
			mark(ls, y->cohort_pos, false, "yjs.cohort", NULL, NULL, NULL);
			for (size_t i = 0; i < y->n_measures; i++) {
				const char *label = y->measures[i].label;
				mark(ls, y->measures[i].pos, true, "yjs.cohort",
				     label ? arena_printf(ls->arena, "yjs.cohort.%s", label) : NULL,
				     NULL, NULL);
			}
		}
		break;
	}
	case FILE_FINANCE:
		mark(ls, m->finance.head.pos, false, "finance", NULL, NULL, NULL);
		break;
	case FILE_TRAINING:
		mark(ls, m->training.head.pos, false, "training", NULL, NULL, NULL);
		break;
	default:
		break;
	}
}

/* ---- data files: which places show a landmark's data ------------------- */

/* A figure path a place's block prints (a value or change in its text, the
 * `of` of a chart, data-table or kpi). */
struct shown_path {
	const char *path;
	size_t place;
};

static void show(struct layout_draft *dr, const char *path, size_t place)
{
	if (!path)
		return;
	xgrow(&dr->shown, &dr->cap_shown, dr->n_shown, sizeof *dr->shown);
	dr->shown[dr->n_shown++] = (struct shown_path){ path, place };
}

/* The paths a place's block itself prints: not those of the blocks inside
 * it, places of their own, but those of its sublists. */
struct paths_walk {
	struct layout_draft *dr;
	const struct block *root;
	size_t place;
};

static bool visit_path_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	const struct paths_walk *pw = w->ctx;
	const struct block *parent = model_walk_parent(w);
	return ev == MODEL_EXIT || b == pw->root || (parent && parent->kind == BLK_LIST);
}

static void visit_path_field(struct model_walk *w, enum model_field field, const char *text,
			     struct srcpos pos)
{
	(void)pos;
	const struct paths_walk *pw = w->ctx;
	if (model_field_kind(field) == FIELD_PATH)
		show(pw->dr, text, pw->place);
}

static void block_paths(struct layout_draft *dr, const struct model *m, const struct block *b,
			size_t place)
{
	model_walk_block(m, b,
			 &(struct model_visitor){ .block = visit_path_block,
						  .field = visit_path_field },
			 &(struct paths_walk){ dr, b, place });
}

static int by_path(const void *pa, const void *pb)
{
	const struct shown_path *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	return a->place < b->place ? -1 : a->place > b->place;
}

static void make_shown(struct layout_draft *dr, const struct model *m)
{
	dr->shown_made = true;
	for (size_t i = 1; i < dr->n_places; i++)
		block_paths(dr, m, dr->places[i].block, i);
	if (dr->n_shown > 1)
		qsort(dr->shown, dr->n_shown, sizeof *dr->shown, by_path);
}

/* The first shown path not before prefix in sorted order. */
static size_t first_from(const struct layout_draft *dr, const char *prefix)
{
	size_t lo = 0, hi = dr->n_shown;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(dr->shown[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int by_number(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return a < b ? -1 : a > b;
}

/* The places showing a subject (exact) or a path under it ("lado.outcome.
 * False" under "lado.outcome"): the sorted paths hold them in one run from
 * the subject on. Sorted into print order, each once. */
static void map_landmark(struct layout_draft *dr, const struct model *m, struct landmark *lm)
{
	lm->mapped = true;
	if (!dr->shown_made)
		make_shown(dr, m);
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < MAX_SUBJECTS && lm->subjects[i]; i++) {
		const char *s = lm->subjects[i];
		size_t len = strlen(s);
		for (size_t k = first_from(dr, s); k < dr->n_shown; k++) {
			const char *path = dr->shown[k].path;
			if (strncmp(path, s, len) != 0)
				break;
			if (path[len] != '\0' && (lm->exact || path[len] != '.'))
				continue;
			xgrow(&lm->places, &cap, n, sizeof *lm->places);
			lm->places[n++] = dr->shown[k].place;
		}
	}
	if (n > 1)
		qsort(lm->places, n, sizeof *lm->places, by_number);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!kept || lm->places[kept - 1] != lm->places[i])
			lm->places[kept++] = lm->places[i];
	lm->n_places = kept;
}

static int by_landmark_pos(const void *pa, const void *pb)
{
	const struct landmark *a = pa, *b = pb;
	int c = srcpos_compare(a->pos, b->pos);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* A file's landmarks, made once: the root first, the rest by position. */
static struct landmarks *landmarks_of(struct layout_draft *dr, const struct model *m,
				      enum data_file file)
{
	struct landmarks *ls = &dr->landmarks[file];
	if (!ls->made) {
		ls->made = true;
		ls->arena = dr->arena;
		data_landmarks(m, file, ls);
		if (ls->n > 2)
			qsort(ls->items + 1, ls->n - 1, sizeof *ls->items, by_landmark_pos);
	}
	return ls;
}

/* The element of the file holding pos: the last landmark starting at or
 * before it (of those starting at one place, the last made), else the
 * root. A search, not a scan: a draft of ten thousand warnings in one
 * file asks ten thousand times. */
static void data_places(struct layout_draft *dr, const struct model *m,
			struct draft_warning *w, enum data_file file, struct srcpos pos)
{
	struct landmarks *ls = landmarks_of(dr, m, file);
	if (!ls->n)
		return;
	size_t lo = 1, hi = ls->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (at_or_before(ls->items[mid].pos, pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	struct landmark *best = &ls->items[lo > 1 ? lo - 1 : 0];
	if (!best->mapped)
		map_landmark(dr, m, best);
	for (size_t i = 0; i < best->n_places; i++)
		concern(dr, w, best->places[i]);
}

/* ---- plain English ------------------------------------------------------ */

/* A finding said to the scrutineer and the board rather than to the person
 * editing the XML: what is missing or worth a look, never how to fix the
 * file (the file:line after it is for that). The findings a draft shows are
 * warnings and gaps; their messages are the check's own, so a finding the
 * cases below do not know keeps its first clause, the part before the
 * advice. */
static const char *plain(struct arena *a, const struct diag *dg)
{
	const char *m = dg->message;
	/* An acceptance is reviewed in full: what the check found, and the
	 * as-written that accepted it. */
	if (dg->severity == SEV_ACCEPTED)
		return arena_printf(a, "Checked by hand and accepted: %s.", m);
	if (dg->severity == SEV_WARNING && dg->rule == 1)
		return "The independent scrutineer has not yet commented on this section.";
	if (dg->severity == SEV_WARNING && dg->rule == 2)
		return "The independent scrutineer has not yet signed off this report.";
	if (dg->incomplete) {
		const char *still = strstr(m, " still to enter: replace \"?\"");
		if (still)
			return arena_printf(a, "Still to enter: the %.*s.", (int)(still - m), m);
		if (strncmp(m, "the text of ", 12) == 0)
			return "The text of this section is still to be written.";
		if (strncmp(m, "chart of=", 9) == 0)
			return "The description of this chart, for readers who cannot see it, is "
			       "still to be written.";
		if (strncmp(m, "kpi ", 4) == 0)
			return "A figure in these key figures is still to be entered.";
		if (strncmp(m, "table", 5) == 0)
			return "Figures in this table are still to be entered.";
	}
	if (dg->severity == SEV_WARNING && dg->rule == 5)
		return strstr(m, "empty alt")
			       ? "This has no description for readers who cannot see it."
			       : "The description of this, for readers who cannot see it, only "
				 "repeats its title.";
	/* The first clause: up to "; " or ": check", whole otherwise. */
	size_t n = strlen(m);
	const char *semi = strstr(m, "; ");
	const char *check = strstr(m, ": check ");
	if (semi && (size_t)(semi - m) < n)
		n = (size_t)(semi - m);
	if (check && (size_t)(check - m) < n)
		n = (size_t)(check - m);
	char *s = arena_printf(a, "%.*s.", (int)n, m);
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* ---- the map ------------------------------------------------------------ */

static void map_warning(struct layout_draft *dr, const struct model *m,
			struct draft_warning *w, struct srcpos pos)
{
	enum data_file file = FILE_COUNT;
	for (int f = 0; f < FILE_COUNT && pos.line; f++)
		if (in_file(pos, model_file_name((enum data_file)f)))
			file = (enum data_file)f;
	if (file == FILE_REPORT)
		report_places(dr, m, w, pos);
	else if (file == FILE_SCRUTINY)
		scrutiny_places(dr, m, w, pos);
	else if (file != FILE_COUNT)
		data_places(dr, m, w, file, pos);
	/* Nowhere in particular: the first page after the cover. */
	if (!w->n_places)
		concern(dr, w, m->report.body ? place_of(dr, m->report.body) : NO_PLACE);
	if (!w->n_places)
		concern(dr, w, 0);
}

struct layout_draft *layout_draft_new(const struct model *m, const struct diags *warnings)
{
	struct layout_draft *dr = xcalloc(1, sizeof *dr);
	dr->arena = arena_new();
	add_place(dr, NULL);
	struct places_walk pw = { .dr = dr };
	model_walk_blocks(m, m->report.body, &(struct model_visitor){ .block = visit_place }, &pw);
	index_places(dr);

	/* Warnings, and the gaps a draft shows (incomplete errors): no other
	 * error reaches a draft. */
	size_t n = 0;
	for (size_t i = 0; warnings && i < warnings->n; i++)
		n += warnings->items[i].severity != SEV_ERROR || warnings->items[i].incomplete;
	dr->warnings = arena_array(dr->arena, n ? n : 1, sizeof *dr->warnings);
	for (size_t i = 0; warnings && i < warnings->n; i++) {
		const struct diag *dg = &warnings->items[i];
		/* accepted findings are open points too */
		if (dg->severity == SEV_ERROR && !dg->incomplete)
			continue;
		struct draft_warning *w = &dr->warnings[dr->n_warnings++];
		w->message = plain(dr->arena, dg);
		w->where = arena_printf(dr->arena, "%s:%u:%u", dg->pos.file ? dg->pos.file : "-",
					(unsigned)dg->pos.line, (unsigned)dg->pos.col);
		map_warning(dr, m, w, dg->pos);
	}
	return dr;
}

void layout_draft_free(struct layout_draft *dr)
{
	if (!dr)
		return;
	for (size_t i = 0; i < dr->n_warnings; i++)
		free(dr->warnings[i].places);
	for (size_t i = 0; i < dr->n_places; i++)
		free(dr->places[i].warnings);
	for (int f = 0; f < FILE_COUNT; f++) {
		for (size_t i = 0; i < dr->landmarks[f].n; i++)
			free(dr->landmarks[f].items[i].places);
		free(dr->landmarks[f].items);
	}
	free(dr->shown);
	free(dr->places);
	free(dr->by_block);
	free(dr->by_pos);
	arena_free(dr->arena);
	free(dr);
}

void layout_draft_begin_pass(struct layout *lo, const struct layout_draft *dr)
{
	lo->draft = dr;
	if (!dr)
		return;
	lo->draft_anchored = arena_array(lo->arena, dr->n_places, sizeof *lo->draft_anchored);
	lo->draft_noted = arena_array(lo->arena, dr->n_warnings ? dr->n_warnings : 1,
				      sizeof *lo->draft_noted);
	lo->draft_note_page = 0;
}

/* ---- notes -------------------------------------------------------------- */

/* A note in the outer margin beside top_pt, below the notes already on
 * the page. When the notes reach the foot of the page they go on in a new
 * column further out, from the top (back to the first column when the
 * margin has no more room: overlapping notes, but every note). Outside the
 * structure: the renderer leaves an annotation made inside an artifact out
 * of the structure tree. */
static void draw_note(struct layout *lo, const struct draft_warning *w, double top_pt)
{
	const struct style_page *pg = &lo->style->page;
	struct dl *dl = lo->dl;
	double page_top = pg->height_pt - pg->margin_top_pt;
	if (lo->draft_note_page != lo->page) {
		lo->draft_note_page = lo->page;
		lo->draft_note_floor_pt = page_top;
		lo->draft_note_column = 0;
	}
	double top = top_pt < lo->draft_note_floor_pt ? top_pt : lo->draft_note_floor_pt;
	if (top - NOTE_SIZE_PT < pg->margin_bottom_pt) {
		lo->draft_note_column++;
		top = page_top;
	}
	/* The right margin, or the left one of an even page when margins
	 * mirror; columns step towards the paper's edge. */
	bool left = pg->mirror_margins && lo->page % 2 == 0;
	double step = NOTE_SIZE_PT + NOTE_GAP_PT;
	double first = pg->width_pt - pg->margin_outer_pt + NOTE_MARGIN_SHARE * pg->margin_outer_pt;
	if (first + (double)lo->draft_note_column * step + NOTE_SIZE_PT > pg->width_pt)
		lo->draft_note_column = 0;
	double x = first + (double)lo->draft_note_column * step;
	if (left)
		x = pg->width_pt - x - NOTE_SIZE_PT;
	bool own = !dl->in_artifact;
	if (own)
		dl_artifact_begin(dl, DL_ARTIFACT_LAYOUT);
	dl_add_note(dl, x, top - NOTE_SIZE_PT, NOTE_SIZE_PT, NOTE_SIZE_PT,
		    arena_printf(lo->arena, "%s\n(%s)", w->message, w->where),
		    arena_printf(lo->arena, "reportc: %s", w->where));
	if (own)
		dl_artifact_end(dl);
	lo->draft_note_floor_pt = top - NOTE_SIZE_PT - NOTE_GAP_PT;
}

/* At a place: a note for each warning that concerns it and has none yet. */
static void draw_anchor(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	(void)x_pt;
	const struct layout_draft *dr = lo->draft;
	const struct place *pl = &dr->places[it->index];
	for (size_t k = 0; k < pl->n_warnings; k++) {
		size_t i = pl->warnings[k];
		if (!lo->draft_noted[i]) {
			lo->draft_noted[i] = true;
			draw_note(lo, &dr->warnings[i], top_pt);
		}
	}
}

void layout_draft_anchor(struct layout *lo, const struct block *b)
{
	const struct layout_draft *dr = lo->draft;
	if (!dr)
		return;
	size_t i = place_of(dr, b);
	if (i == NO_PLACE || !dr->places[i].n_warnings || lo->draft_anchored[i])
		return;
	lo->draft_anchored[i] = true;
	struct vitem *it = layout_push_box(lo, 0, draw_anchor, NULL, i);
	it->keep_with_next = true;
	it->dest = dr->places[i].dest;
}

/* ---- the open points page ----------------------------------------------- */

/* Notes for warnings whose places layout never drew (a block it skipped):
 * they stand on the open points page, so that each warning has its note. */
static void draw_leftovers(struct layout *lo, const struct vitem *it, double x_pt,
			   double top_pt)
{
	(void)it;
	(void)x_pt;
	const struct layout_draft *dr = lo->draft;
	for (size_t i = 0; i < dr->n_warnings; i++)
		if (!lo->draft_noted[i]) {
			lo->draft_noted[i] = true;
			draw_note(lo, &dr->warnings[i], top_pt);
		}
}

static struct inline_node *node(struct layout *lo, enum inline_kind kind, const char *text,
				struct inline_node ***tail)
{
	struct inline_node *in = arena_alloc(lo->arena, sizeof *in);
	in->kind = kind;
	in->text = text;
	if (tail) {
		**tail = in;
		*tail = &in->next;
	}
	return in;
}

/* "Pages 31, 33 and 35 — lado.xml:40:7: warning: …", each page a link to
 * the first of the warning's places on it. Before a pass has found the
 * pages, "00" holds their place. */
static const struct inline_node *entry(struct layout *lo, const struct draft_warning *w)
{
	struct inline_node *first = NULL, **tail = &first;
	int *pages = arena_array(lo->arena, w->n_places ? w->n_places : 1, sizeof *pages);
	const char **dests = arena_array(lo->arena, w->n_places ? w->n_places : 1, sizeof *dests);
	size_t n = 0;
	for (size_t i = 0; i < w->n_places; i++) {
		const struct place *pl = &lo->draft->places[w->places[i]];
		int page = layout_dest_page(lo, pl->dest);
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = pages[k] == page;
		if (seen)
			continue;
		pages[n] = page;
		dests[n++] = pl->dest;
	}
	node(lo, IN_TEXT, n > 1 ? "Pages " : "Page ", &tail);
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			node(lo, IN_TEXT, k + 1 == n ? " and " : ", ", &tail);
		if (pages[k] > 0) {
			struct inline_node *link = node(lo, IN_LINK, NULL, &tail);
			link->target = arena_printf(lo->arena, "#%s", dests[k]);
			link->children = node(lo, IN_TEXT, arena_printf(lo->arena, "%d", pages[k]),
					      NULL);
		} else {
			node(lo, IN_TEXT, "00", &tail);
		}
	}
	node(lo, IN_TEXT, arena_printf(lo->arena, " \xe2\x80\x94 %s", w->message), &tail);
	return first;
}

static void draw_line_of(struct layout *lo, const struct vitem *it, double x_pt, double top_pt)
{
	layout_draw_text(lo, it->data, it->index, 1, x_pt, top_pt);
}

void layout_push_lines(struct layout *lo, const struct text_block *tb, bool keep_all)
{
	size_t n = tb->n_lines;
	for (size_t i = 0; i < n; i++) {
		struct vitem *it = layout_push_box(lo, layout_line_height(tb, i), draw_line_of, tb, i);
		it->keep_with_next = keep_all || (i + 1 < n && (i == 0 || i + 2 >= n));
	}
}

static void paragraph(struct layout *lo, const struct text_block *tb)
{
	const struct style_text *t = &lo->style->text[STYLE_BODY];
	layout_push_open(lo, DL_P, NULL);
	layout_push_lines(lo, tb, false);
	layout_push_close(lo);
	layout_push_space(lo, t->space_after_pt);
}

void layout_draft_open_points(struct layout *lo)
{
	const struct layout_draft *dr = lo->draft;
	if (!dr || !dr->n_warnings)
		return;
	const struct style *st = lo->style;
	double width = style_text_width_pt(st);
	layout_push_page_break(lo);
	layout_push_open(lo, DL_SECT, NULL);
	const char *title = "Open points for review";
	dl_add_outline(lo->dl, 1, title, "open-points");
	struct text_block *h = layout_set_text(lo, title, STYLE_H1, st->text[STYLE_H1].face, width,
					       ALIGN_DEFAULT);
	layout_push_open(lo, DL_H1, NULL);
	layout_push_box(lo, 0, draw_leftovers, NULL, 0)->keep_with_next = true;
	layout_push_lines(lo, h, true);
	if (h->n_lines)
		lo->items[lo->n_items - h->n_lines].dest = "open-points";
	layout_push_close(lo);
	layout_push_space(lo, st->text[STYLE_H1].space_after_pt);

	const char *intro = arena_printf(
		lo->arena,
		"%zu point%s still open in this draft: figures and texts still to come, and "
		"what is worth a second look. A note in the margin marks each one where it "
		"first applies; the page numbers lead to every place it concerns.",
		dr->n_warnings, dr->n_warnings == 1 ? " is" : "s are");
	paragraph(lo, layout_set_text(lo, intro, STYLE_BODY, st->text[STYLE_BODY].face, width,
				      ALIGN_DEFAULT));
	/* Each point in plain English, then where the check finds it, small,
	 * for whoever edits the files (reportc check says the rest). */
	const struct style_text *small = &st->text[STYLE_FOOTNOTE];
	for (size_t i = 0; i < dr->n_warnings; i++) {
		const struct draft_warning *w = &dr->warnings[i];
		layout_push_open(lo, DL_P, NULL);
		layout_push_lines(lo, layout_set_inlines(lo, entry(lo, w), STYLE_BODY, width, ALIGN_DEFAULT),
			   false);
		if (lo->n_items)
			lo->items[lo->n_items - 1].keep_with_next = true;
		layout_push_lines(lo, layout_set_text(lo, w->where, STYLE_FOOTNOTE, small->face, width,
					       ALIGN_DEFAULT),
			   false);
		layout_push_close(lo);
		layout_push_space(lo, st->text[STYLE_BODY].space_after_pt);
	}
	layout_push_close(lo);
}

/* ---- for another back end ----------------------------------------------- */

struct layout_notes *layout_notes_new(const struct model *m, const struct diags *warnings)
{
	struct layout_notes *n = xcalloc(1, sizeof *n);
	struct layout_draft *dr = layout_draft_new(m, warnings);
	n->draft = dr;
	n->n = dr->n_warnings;
	n->notes = arena_array(dr->arena, n->n ? n->n : 1, sizeof *n->notes);
	for (size_t i = 0; i < n->n; i++) {
		const struct draft_warning *w = &dr->warnings[i];
		struct layout_note *note = &n->notes[i];
		note->message = w->message;
		note->where = w->where;
		note->n_places = w->n_places;
		note->places = arena_array(dr->arena, w->n_places ? w->n_places : 1,
					   sizeof *note->places);
		for (size_t k = 0; k < w->n_places; k++)
			note->places[k] = dr->places[w->places[k]].block;
	}
	return n;
}

void layout_notes_free(struct layout_notes *notes)
{
	if (!notes)
		return;
	layout_draft_free(notes->draft);
	free(notes);
}
