/* test-model.c - the model walker: event order, skipping, parents, and
 * every text field reported once at its element; the vocabulary against
 * the schemas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "tap.h"
#include "vocab.h"

static struct model *M;

static struct srcpos at(unsigned line)
{
	return (struct srcpos){ "report.xml", line, 1 };
}

static struct block *block(enum block_kind kind, unsigned line)
{
	struct block *b = arena_alloc(M->arena, sizeof *b);
	b->kind = kind;
	b->pos = at(line);
	return b;
}

static struct inline_node *inl(enum inline_kind kind, const char *text, const char *target)
{
	struct inline_node *in = arena_alloc(M->arena, sizeof *in);
	in->kind = kind;
	in->text = text;
	in->target = target;
	return in;
}

/* The events of a walk, one word each, for comparing with what is expected. */
struct trace {
	char buf[4096];
	size_t len;
	const struct block *skip;    /* entered but not walked into */
};

static void add(struct trace *t, const char *fmt, const char *a, const char *b)
{
	int n = snprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, a, b);
	if (n > 0)
		t->len += (size_t)n;
}

static const char *const block_names[] = {
	[BLK_P] = "p", [BLK_LIST] = "list", [BLK_QUOTE] = "quote", [BLK_CALLOUT] = "callout",
	[BLK_SIGNATURES] = "signatures", [BLK_FIGURE] = "figure", [BLK_TABLE] = "table",
	[BLK_DATA_TABLE] = "data-table", [BLK_CHART] = "chart", [BLK_KPIS] = "kpis",
	[BLK_PAGE_BREAK] = "page-break", [BLK_SCRUTINY_PERSPECTIVE] = "perspective",
	[BLK_SCRUTINY_CONCLUSION] = "conclusion", [BLK_SECTION] = "section",
	[BLK_CONTENTS] = "contents",
};

static const char *const inline_names[] = {
	[IN_TEXT] = "text", [IN_EM] = "em", [IN_STRONG] = "strong", [IN_LINK] = "a",
	[IN_REF] = "ref", [IN_VALUE] = "value", [IN_CHANGE] = "change", [IN_NOTE] = "note",
};

static bool on_block(struct model_walk *w, const struct block *b, enum model_event ev)
{
	struct trace *t = w->ctx;
	const struct block *parent = model_walk_parent(w);
	add(t, ev == MODEL_ENTER ? "+%s%s " : "-%s%s ", block_names[b->kind],
	    ev == MODEL_ENTER && parent ? arena_printf(M->arena, "<%s", block_names[parent->kind])
					: "");
	return b != t->skip;
}

static void on_inline(struct model_walk *w, const struct inline_node *in, enum model_event ev)
{
	add(w->ctx, ev == MODEL_ENTER ? "+%s%s " : "-%s%s ", inline_names[in->kind], "");
}

static void on_field(struct model_walk *w, enum model_field field, const char *text,
		     struct srcpos pos)
{
	add(w->ctx, "[%s=%s", model_field_name(field), text);
	add(w->ctx, "@%s] ", arena_printf(M->arena, "%u", pos.line), "");
}

static const struct model_visitor all = { on_block, on_inline, on_field };

/* A section holding a paragraph (text, em, a footnote with a value), a
 * list whose item has a sublist, a chart, and a nested section. */
static struct block *sample(void)
{
	struct block *s = block(BLK_SECTION, 10);
	s->u.section.id = "s";
	s->u.section.title = "Title";

	struct block *p = block(BLK_P, 11);
	struct inline_node *t = inl(IN_TEXT, "Hi ", NULL);
	struct inline_node *em = inl(IN_EM, NULL, NULL);
	em->children = inl(IN_TEXT, "there", NULL);
	struct inline_node *note = inl(IN_NOTE, NULL, NULL);
	note->children = inl(IN_VALUE, NULL, "lado.total");
	t->next = em;
	em->next = note;
	p->u.p = t;

	struct block *list = block(BLK_LIST, 12);
	struct list_item *item = arena_alloc(M->arena, sizeof *item);
	item->pos = at(13);
	item->inlines = inl(IN_TEXT, "one", NULL);
	struct block *sub = block(BLK_LIST, 14);
	struct list_item *subitem = arena_alloc(M->arena, sizeof *subitem);
	subitem->pos = at(15);
	subitem->inlines = inl(IN_TEXT, "one.a", NULL);
	sub->u.list = (struct list){ .items = subitem, .n_items = 1 };
	item->sublists = sub;
	list->u.list = (struct list){ .items = item, .n_items = 1 };

	struct block *chart = block(BLK_CHART, 16);
	chart->u.chart.of = "lado.activity";
	chart->u.chart.title = "Activity";
	chart->u.chart.alt = "Rising";

	struct block *inner = block(BLK_SECTION, 17);
	inner->u.section.title = "Inner";

	s->u.section.blocks = p;
	p->next = list;
	list->next = chart;
	chart->next = inner;
	return s;
}

static void test_order(void)
{
	M = model_new("dir");
	struct block *s = sample();
	struct trace t = { 0 };
	model_walk_blocks(M, s, &all, &t);
	const char *want =
		"+section [section id=s@10] [section title=Title@10] "
		"+p<section +text [paragraph text=Hi @11] -text +em +text [paragraph text=there@11] "
		"-text -em +note +value [value of=lado.total@0] -value -note -p "
		"+list<section +text [list item text=one@13] -text "
		"+list<list +text [list item text=one.a@15] -text -list -list "
		"+chart<section [chart of=lado.activity@16] [chart title=Activity@16] "
		"[chart alt=Rising@16] -chart "
		"+section<section [section title=Inner@17] -section -section ";
	ok(strcmp(t.buf, want) == 0, "events in document order, fields at their elements\n"
	   "#  got  %s\n#  want %s", t.buf, want);
	model_free(M);
}

static void test_skip(void)
{
	M = model_new("dir");
	struct block *s = sample();
	struct trace t = { .skip = s->u.section.blocks->next }; /* the list */
	model_walk_block(M, s->u.section.blocks->next, &all, &t);
	ok(strcmp(t.buf, "+list ") == 0,
	   "false from enter skips the block's content and exit; model_walk_block walks one "
	   "block, not its siblings (got \"%s\")", t.buf);
	model_free(M);
}

/* Counts fields by kind: every printed field of a whole model is seen. */
struct counts {
	size_t by_field[FIELD_COUNT];
};

static void count_field(struct model_walk *w, enum model_field field, const char *text,
			struct srcpos pos)
{
	(void)text;
	(void)pos;
	((struct counts *)w->ctx)->by_field[field]++;
}

static void test_whole_model(void)
{
	M = model_new("dir");
	struct report_meta *meta = &M->report.meta;
	meta->partnership = "P";
	meta->partnership_short = "PS";
	meta->title = "T";
	meta->author = "A";
	meta->vision = "V";
	meta->logo_src = "logo.png";
	M->report.body = sample();
	M->scrutiny.scrutineer_name = "N";
	M->scrutiny.scrutineer_role = "R";
	M->scrutiny.perspective_title = "PT";
	struct breakdown *bd = arena_alloc(M->arena, sizeof *bd);
	bd->title = "BT";
	bd->of = "children";
	struct breakdown_item *items = arena_array(M->arena, 2, sizeof *items);
	items[0].label = "a";
	items[1].label = "b";
	bd->items = items;
	bd->n_items = 2;
	M->lado.breakdowns = bd;
	M->lado.n_breakdowns = 1;
	M->yjs.incidents.kind = "anti-social behaviour";
	struct review *rv = arena_alloc(M->arena, sizeof *rv);
	rv->name = "Alfie";
	struct review_theme *themes = arena_array(M->arena, 2, sizeof *themes);
	themes[0].text = "co-sleeping";
	themes[1].text = "harm outside the home";
	rv->themes = themes;
	rv->n_themes = 2;
	struct review_action *act = arena_alloc(M->arena, sizeof *act);
	act->text = "a pathway";
	act->owner = "Health";
	rv->actions = act;
	rv->n_actions = 1;
	M->reviews.reviews = rv;
	M->reviews.n_reviews = 1;
	struct counts c = { 0 };
	model_walk(M, &(struct model_visitor){ .field = count_field }, &c);
	ok(c.by_field[FIELD_PARTNERSHIP] == 1 && c.by_field[FIELD_PARTNERSHIP_SHORT] == 1 &&
		   c.by_field[FIELD_AUTHOR] == 1 && c.by_field[FIELD_LOGO_SRC] == 1 &&
		   c.by_field[FIELD_SECTION_TITLE] == 2 && c.by_field[FIELD_ITEM_TEXT] == 2 &&
		   c.by_field[FIELD_SCRUTINEER_ROLE] == 1 &&
		   c.by_field[FIELD_PERSPECTIVE_TITLE] == 1 &&
		   c.by_field[FIELD_BREAKDOWN_OF] == 1 && c.by_field[FIELD_ITEM_LABEL] == 2 &&
		   c.by_field[FIELD_INCIDENTS_KIND] == 1 && c.by_field[FIELD_FIGURE_CAPTION] == 0 &&
		   c.by_field[FIELD_REVIEW_NAME] == 1 && c.by_field[FIELD_REVIEW_THEME] == 2 &&
		   c.by_field[FIELD_ACTION_TEXT] == 1 && c.by_field[FIELD_ACTION_OWNER] == 1 &&
		   c.by_field[FIELD_MILESTONE_NOTE] == 0,
	   "a whole model: meta, body, scrutiny and the data files' texts (reviews too), absent "
	   "ones skipped");
	model_free(M);
}

static void test_field_table(void)
{
	bool named = true;
	for (int f = 0; f < FIELD_COUNT; f++)
		named = named && model_field_name((enum model_field)f) != NULL;
	ok(named && model_field_kind(FIELD_BREAKDOWN_OF) == FIELD_PRINTED &&
		   model_field_kind(FIELD_CHART_ALT) == FIELD_OTHER &&
		   model_field_kind(FIELD_KPI_OF) == FIELD_PATH &&
		   model_field_kind(FIELD_REF_TO) == FIELD_ID &&
		   model_field_kind(FIELD_FIGURE_SRC) == FIELD_IMAGE,
	   "every field has a name and a kind");
}

/* The vocabulary reads back what it names: the loader and init agree. */
static void test_vocab(void)
{
	bool blocks = true, inlines = true;
	for (int k = 0; k <= BLK_CONTENTS; k++) {
		enum block_kind back;
		bool found = vocab_block_kind(vocab_block_name((enum block_kind)k), &back);
		/* <contents/> is read at the top of report.xml only. */
		blocks = blocks && (k == BLK_CONTENTS ? !found : found && back == (enum block_kind)k);
	}
	for (int k = IN_EM; k <= IN_NOTE; k++) {
		enum inline_kind back;
		inlines = inlines && vocab_inline_kind(vocab_inline_name((enum inline_kind)k), &back) &&
			  back == (enum inline_kind)k;
	}
	enum block_kind bk;
	enum inline_kind ik;
	ok(blocks && inlines && !vocab_block_kind("appendix", &bk) &&
		   !vocab_inline_kind("item", &ik) && vocab_inline_name(IN_TEXT) == NULL &&
		   strcmp(vocab_section_name(true), "appendix") == 0,
	   "every block and inline kind reads back from its element name");
	ok(vocab_is_to_write("  [To write: Foreword]") && !vocab_is_to_write("To write") &&
		   vocab_is_to_enter(" [to enter] ") && !vocab_is_to_enter("[to enter] 5") &&
		   !vocab_is_to_enter(NULL),
	   "the markers init writes are the ones check recognises");
}

/* The whole of schemas/NAME.xsd (tests run from the source root). */
static char *schema_text(const char *name)
{
	char path[64];
	snprintf(path, sizeof path, "schemas/%s.xsd", name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *s = NULL;
	size_t len = 0, cap = 0, got;
	do {
		if (cap - len < 4096) {
			cap = cap ? 2 * cap : 65536;
			char *grown = realloc(s, cap + 1);
			if (!grown)
				break;
			s = grown;
		}
		got = fread(s + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	fclose(fp);
	if (s)
		s[len] = '\0';
	return s;
}

static bool in_list(const char *const *names, const char *name)
{
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Does text declare name as a kind ("element", "attribute")? */
static bool declares(const char *text, const char *kind, const char *name)
{
	char needle[96];
	snprintf(needle, sizeof needle, "<xs:%s name=\"%s\"", kind, name);
	return text && strstr(text, needle) != NULL;
}

/* Is name one the vocabulary gives for kind: a data-file or report.xml word,
 * a block or inline element, a section, or a timescale band (an attribute
 * the model names)? */
static bool vocab_names(const char *kind, const char *name)
{
	if (strcmp(kind, "element") == 0) {
		enum block_kind b;
		enum inline_kind in;
		return in_list(vocab_data_elements, name) || in_list(vocab_report_elements, name) ||
		       vocab_block_kind(name, &b) || vocab_inline_kind(name, &in) ||
		       strcmp(name, vocab_section_name(true)) == 0 ||
		       strcmp(name, vocab_block_name(BLK_CONTENTS)) == 0;
	}
	for (int b = 0; b < BAND_COUNT; b++)
		if (strcmp(name, timescale_band_name((enum timescale_band)b)) == 0)
			return true;
	return in_list(vocab_data_attributes, name) || in_list(vocab_report_attributes, name);
}

/* Every name text declares as kind is one vocab gives; a name not found is
 * reported. */
static bool all_named(const char *text, const char *kind)
{
	char needle[32];
	snprintf(needle, sizeof needle, "<xs:%s name=\"", kind);
	bool all = true;
	for (const char *p = text ? strstr(text, needle) : NULL; p; p = strstr(p, needle)) {
		p += strlen(needle);
		size_t n = strcspn(p, "\"");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		if (!vocab_names(kind, name)) {
			printf("# schemas declare %s \"%s\", vocab does not name it\n", kind, name);
			all = false;
		}
	}
	return all;
}

enum { N_SCHEMAS = 8 };
static const char *const schema_files[N_SCHEMAS] = { "common", "report",   "finance",
						     "lado",   "yjs",      "training",
						     "scrutiny", "reviews" };

/* Each name of list is declared as kind by one of the schemas. */
static bool all_declared(char *const *text, const char *kind, const char *const *list)
{
	bool all = true;
	for (size_t k = 0; list[k]; k++) {
		bool found = false;
		for (int i = 0; i < N_SCHEMAS; i++)
			found = found || declares(text[i], kind, list[k]);
		if (!found)
			printf("# vocab %s \"%s\" is in no schema\n", kind, list[k]);
		all = all && found;
	}
	return all;
}

/* The format's words are the schemas' words, both ways: each name in vocab
 * is declared as that kind by a schema, and each element and attribute of
 * report.xml and the data files is in vocab. */
static void test_vocab_schemas(void)
{
	char *text[N_SCHEMAS];
	bool read = true;
	for (int i = 0; i < N_SCHEMAS; i++)
		read = (text[i] = schema_text(schema_files[i])) != NULL && read;
	ok(read && all_declared(text, "element", vocab_data_elements) &&
		   all_declared(text, "attribute", vocab_data_attributes),
	   "every data-file element and attribute vocab names is declared by the schemas");
	ok(read && all_declared(text, "element", vocab_report_elements) &&
		   all_declared(text, "attribute", vocab_report_attributes),
	   "every report.xml element and attribute vocab names is declared by the schemas");
	bool complete = read;
	for (int i = 0; i < N_SCHEMAS; i++)
		complete = all_named(text[i], "element") && all_named(text[i], "attribute") &&
			   complete;
	ok(complete, "every element and attribute of the schemas is named in vocab");
	for (int i = 0; i < N_SCHEMAS; i++)
		free(text[i]);
}

int main(void)
{
	test_vocab();
	test_vocab_schemas();
	test_order();
	test_skip();
	test_whole_model();
	test_field_table();
	return tap_done();
}
