/* load-report.c - report.xml into the model, and the narrative content
 * (blocks and inline content) that scrutiny.xml shares with it. */
#include "load-private.h"

#include <string.h>

#include "text.h"
#include "vocab.h"

/* ---- inline content ----------------------------------------------------- */

static struct inline_node *new_inline(struct load_file *f, enum inline_kind kind, xmlNode *node)
{
	struct inline_node *in = arena_alloc(f->arena, sizeof *in);
	in->kind = kind;
	in->pos = load_pos(f, node);
	return in;
}

/* The name of an element of the format (no namespace); "" for any other
 * node. */
static const char *element_name(xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE && !node->ns ? (const char *)node->name : "";
}

/* The inline children of parent: text as written (libxml2 has decoded
 * the entities) and the elements vocab.h names inline. Other elements (a
 * nested list, or one the schema reported) are not inline. The mirror of
 * init.c's put_inline(). */
static struct inline_node *load_inlines(struct load_file *f, xmlNode *parent)
{
	struct inline_node *head = NULL, **tail = &head;
	for (xmlNode *c = parent->children; c; c = c->next) {
		enum inline_kind kind = IN_TEXT;
		bool text = c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE;
		if (!text && !vocab_inline_kind(element_name(c), &kind))
			continue;
		struct inline_node *in = new_inline(f, kind, c);
		switch (kind) {
		case IN_TEXT:
			in->text = arena_strdup(f->arena, c->content ? (const char *)c->content : "");
			break;
		case IN_LINK:
			in->target = load_string(f, c, VOCAB_AT_HREF);
			in->children = load_inlines(f, c);
			break;
		case IN_EM:
		case IN_STRONG:
		case IN_NOTE:
			in->children = load_inlines(f, c);
			break;
		case IN_REF:
			in->target = load_id(f, c, VOCAB_AT_TO);
			break;
		case IN_VALUE:
			in->target = load_string(f, c, VOCAB_AT_OF);
			break;
		case IN_CHANGE:
			in->target = load_string(f, c, VOCAB_AT_OF);
			in->from = load_period(f, c, VOCAB_AT_FROM);
			break;
		}
		*tail = in;
		tail = &in->next;
	}
	return head;
}

/* ---- blocks ------------------------------------------------------------- */

void load_list(struct load_file *f, xmlNode *parent, bool ordered, struct list *out)
{
	out->ordered = ordered;
	out->n_items = load_count_children(parent, VOCAB_EL_ITEM);
	out->items = arena_array(f->arena, out->n_items, sizeof *out->items);
	size_t i = 0;
	for (xmlNode *c = load_first(parent, VOCAB_EL_ITEM); c; c = load_next(c, VOCAB_EL_ITEM), i++) {
		struct list_item *item = &out->items[i];
		item->pos = load_pos(f, c);
		item->inlines = load_inlines(f, c);
		item->as_written = load_string(f, c, VOCAB_AT_AS_WRITTEN);
		struct block **tail = &item->sublists;
		for (xmlNode *l = load_first(c, "list"); l; l = load_next(l, "list")) {
			struct block *b = arena_alloc(f->arena, sizeof *b);
			b->kind = BLK_LIST;
			b->pos = load_pos(f, l);
			load_list(f, l, load_flag(f, l, VOCAB_AT_ORDERED, VOCAB_TRUE, VOCAB_FALSE, false), &b->u.list);
			*tail = b;
			tail = &b->next;
		}
	}
}

/* The statutory items of covers="…" as bits; unknown items reported. */
static unsigned load_covers(struct load_file *f, xmlNode *node)
{
	const char *v = load_raw(f, node, VOCAB_AT_COVERS);
	if (!v)
		return 0;
	unsigned bits = 0;
	size_t n_words = 0;
	for (const char *p = v; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		size_t len = strcspn(p, " \t\n\r");
		if (!len)
			break;
		n_words++;
		char *word = arena_strndup(f->arena, p, len);
		p += len;
		unsigned found = 0, nearest = 0;
		size_t best = SIZE_MAX;
		for (int i = 0; i < COVER_ITEM_COUNT; i++) {
			enum cover_item item = (enum cover_item)(1u << i);
			if (strcmp(word, cover_item_name(item)) == 0)
				found = item;
			size_t dist = text_edit_distance(word, cover_item_name(item));
			if (dist < best)
				best = dist, nearest = item;
		}
		if (found) {
			bits |= found;
			continue;
		}
		char hint[64] = "";
		if (best <= 2 && best < len)
			snprintf(hint, sizeof hint, "; did you mean \"%s\"?",
				 cover_item_name((enum cover_item)nearest));
		diag_error(f->d, load_pos(f, node), 1, "covers=\"%s\": \"%s\" is not a statutory item "
			   "(activity, effectiveness, impact, little-progress, reviews, voice, "
			   "scrutiny, funding, education)%s", v, word, hint);
	}
	if (!n_words)
		diag_error(f->d, load_pos(f, node), 1, "covers=\"%s\" names no item: list the statutory "
			   "items the section covers, e.g. covers=\"activity impact\"", v);
	return bits;
}

static void load_section(struct load_file *f, xmlNode *node, int level, bool appendix,
			 struct section *s)
{
	s->id = load_id(f, node, VOCAB_AT_ID);
	s->title = load_string(f, node, VOCAB_AT_TITLE);
	s->covers = load_covers(f, node);
	s->appendix = appendix;
	s->level = level;
	s->blocks = load_blocks(f, node, level + 1);
}

static void load_row(struct load_file *f, xmlNode *node, struct table_row *row)
{
	if (!node)
		return;
	row->pos = load_pos(f, node);
	row->n_cells = load_count_children(node, VOCAB_EL_CELL);
	row->cells = arena_array(f->arena, row->n_cells, sizeof *row->cells);
	size_t i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_CELL); c; c = load_next(c, VOCAB_EL_CELL), i++) {
		struct table_cell *cell = &row->cells[i];
		cell->pos = load_pos(f, c);
		cell->inlines = load_inlines(f, c);
		int align = load_enum(f, c, VOCAB_AT_ALIGN, vocab_align_names, 3, -1);
		cell->align = align < 0 ? ALIGN_DEFAULT : (enum cell_align)(ALIGN_LEFT + align);
	}
}

static void load_table(struct load_file *f, xmlNode *node, struct table *t)
{
	t->title = load_string(f, node, VOCAB_AT_TITLE);
	load_row(f, load_first(node, VOCAB_EL_HEAD), &t->head);
	t->n_rows = load_count_children(node, VOCAB_EL_ROW);
	t->rows = arena_array(f->arena, t->n_rows, sizeof *t->rows);
	size_t i = 0;
	for (xmlNode *r = load_first(node, VOCAB_EL_ROW); r; r = load_next(r, VOCAB_EL_ROW), i++)
		load_row(f, r, &t->rows[i]);
}

static void load_chart(struct load_file *f, xmlNode *node, struct chart *c)
{
	const char *types[CHART_TYPE_COUNT];
	for (int i = 0; i < CHART_TYPE_COUNT; i++)
		types[i] = chart_type_name((enum chart_type)i);
	c->of = load_string(f, node, VOCAB_AT_OF);
	int type = load_enum(f, node, VOCAB_AT_TYPE, types, CHART_TYPE_COUNT, -2);
	/* Absent is valid: layout draws the default of the dataset's kind. */
	c->type = type < 0 ? CHART_BAR : (enum chart_type)type;
	c->type_given = type >= 0;
	c->type_valid = type != -1;
	c->title = load_string(f, node, VOCAB_AT_TITLE);
	c->alt = load_string(f, node, VOCAB_AT_ALT);
	c->headline = load_string(f, node, VOCAB_AT_HEADLINE);
	c->source = load_string(f, node, VOCAB_AT_SOURCE);
	int sort = load_enum(f, node, VOCAB_AT_SORT, vocab_sort_names, 3, -2);
	c->sort = sort < 0 ? SORT_NONE : (enum sort_order)sort;
	c->sort_given = sort >= 0;
	static const char *const tables[] = { VOCAB_NO, VOCAB_YES, VOCAB_ANNEX };
	int table = load_enum(f, node, VOCAB_AT_TABLE, tables, 3, -2);
	c->table = table < 0 ? CHART_TABLE_ABSENT : (enum chart_table)(CHART_TABLE_NO + table);
}

static void load_kpis(struct load_file *f, xmlNode *node, struct kpis *k)
{
	k->title = load_string(f, node, VOCAB_AT_TITLE);
	k->n_kpis = load_count_children(node, VOCAB_EL_KPI);
	k->kpis = arena_array(f->arena, k->n_kpis, sizeof *k->kpis);
	size_t i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_KPI); c; c = load_next(c, VOCAB_EL_KPI), i++) {
		k->kpis[i].pos = load_pos(f, c);
		k->kpis[i].of = load_string(f, c, VOCAB_AT_OF);
		k->kpis[i].value = load_string(f, c, VOCAB_AT_VALUE);
		k->kpis[i].label = load_string(f, c, VOCAB_AT_LABEL);
		k->kpis[i].as_written = load_string(f, c, VOCAB_AT_AS_WRITTEN);
	}
}

static void load_signatures(struct load_file *f, xmlNode *node, struct signatures *s)
{
	s->n_signatories = load_count_children(node, VOCAB_EL_SIGNATORY);
	s->signatories = arena_array(f->arena, s->n_signatories, sizeof *s->signatories);
	size_t i = 0;
	for (xmlNode *c = load_first(node, VOCAB_EL_SIGNATORY); c; c = load_next(c, VOCAB_EL_SIGNATORY), i++) {
		s->signatories[i].pos = load_pos(f, c);
		s->signatories[i].name = load_string(f, c, VOCAB_AT_NAME);
		s->signatories[i].role = load_string(f, c, VOCAB_AT_ROLE);
	}
}

/* One block element into the model; NULL for an element that is not a
 * block (the schema has reported it). */
static struct block *load_block(struct load_file *f, xmlNode *node, int level)
{
	enum block_kind kind;
	if (!vocab_block_kind(element_name(node), &kind))
		return NULL;
	struct block *b = arena_alloc(f->arena, sizeof *b);
	b->kind = kind;
	b->pos = load_pos(f, node);
	b->as_written = load_string(f, node, VOCAB_AT_AS_WRITTEN);
	switch (b->kind) {
	case BLK_P:
		b->u.p = load_inlines(f, node);
		break;
	case BLK_LIST:
		load_list(f, node, load_flag(f, node, VOCAB_AT_ORDERED, VOCAB_TRUE, VOCAB_FALSE, false), &b->u.list);
		break;
	case BLK_QUOTE:
		b->u.quote.inlines = load_inlines(f, node);
		b->u.quote.source = load_string(f, node, VOCAB_AT_SOURCE);
		break;
	case BLK_CALLOUT:
		b->u.callout.title = load_string(f, node, VOCAB_AT_TITLE);
		b->u.callout.blocks = load_blocks(f, node, level);
		break;
	case BLK_SIGNATURES:
		load_signatures(f, node, &b->u.signatures);
		break;
	case BLK_FIGURE:
		b->u.figure.src = load_string(f, node, VOCAB_AT_SRC);
		b->u.figure.alt = load_string(f, node, VOCAB_AT_ALT);
		b->u.figure.caption = load_string(f, node, VOCAB_AT_CAPTION);
		break;
	case BLK_TABLE:
		load_table(f, node, &b->u.table);
		break;
	case BLK_DATA_TABLE:
		b->u.data_table.of = load_string(f, node, VOCAB_AT_OF);
		b->u.data_table.title = load_string(f, node, VOCAB_AT_TITLE);
		break;
	case BLK_CHART:
		load_chart(f, node, &b->u.chart);
		break;
	case BLK_KPIS:
		load_kpis(f, node, &b->u.kpis);
		break;
	case BLK_SECTION:
		load_section(f, node, level, false, &b->u.section);
		break;
	case BLK_PAGE_BREAK:
	case BLK_SCRUTINY_PERSPECTIVE:
	case BLK_SCRUTINY_CONCLUSION:
	case BLK_CONTENTS:
		break;
	}
	return b;
}

struct block *load_blocks(struct load_file *f, xmlNode *parent, int level)
{
	struct block *head = NULL, **tail = &head;
	for (xmlNode *c = load_first(parent, NULL); c; c = load_next(c, NULL)) {
		struct block *b = load_block(f, c, level);
		if (!b)
			continue;
		*tail = b;
		tail = &b->next;
	}
	return head;
}

/* ---- report.xml --------------------------------------------------------- */

/* A style names a file in styles/: nothing that could leave the folder. */
static const char *style_name(struct load_file *f, xmlNode *root)
{
	const char *v = load_raw(f, root, VOCAB_AT_STYLE);
	if (!v)
		return VOCAB_DEFAULT_STYLE;
	bool ok = *v != '\0';
	for (const char *p = v; *p && ok; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		     *p == '-' || *p == '_';
	if (ok)
		return v;
	diag_error(f->d, load_pos(f, root), 1, "style=\"%s\" is not a style name: use letters, "
		   "digits, - and _ only (it names a file in styles/)", v);
	return VOCAB_DEFAULT_STYLE;
}

/* Where child stands, or its parent <meta> when it is absent. */
static struct srcpos child_pos(const struct load_file *f, xmlNode *child, struct srcpos meta)
{
	return child ? load_pos(f, child) : meta;
}

static void load_meta(struct load_file *f, xmlNode *meta, struct report_meta *out)
{
	if (!meta)
		return;
	out->pos = load_pos(f, meta);
	xmlNode *partnership = load_first(meta, VOCAB_EL_PARTNERSHIP);
	out->partnership = load_text(f, partnership);
	out->partnership_short = load_string(f, partnership, VOCAB_AT_SHORT);
	out->partnership_pos = child_pos(f, partnership, out->pos);
	xmlNode *title = load_first(meta, VOCAB_EL_TITLE);
	out->title = load_text(f, title);
	out->title_short = load_string(f, title, VOCAB_AT_SHORT);
	out->title_pos = child_pos(f, title, out->pos);
	xmlNode *period = load_first(meta, VOCAB_EL_REPORTING_PERIOD);
	out->period_start = load_date(f, period, VOCAB_AT_START);
	out->period_end = load_date(f, period, VOCAB_AT_END);
	out->period_pos = child_pos(f, period, out->pos);
	xmlNode *author = load_first(meta, VOCAB_EL_AUTHOR);
	out->author = load_text(f, author);
	out->author_pos = child_pos(f, author, out->pos);
	xmlNode *vision = load_first(meta, VOCAB_EL_VISION);
	out->vision = load_text(f, vision);
	out->vision_pos = child_pos(f, vision, out->pos);
	xmlNode *logo = load_first(meta, VOCAB_EL_LOGO);
	if (logo) {
		out->logo_src = load_string(f, logo, VOCAB_AT_SRC);
		out->logo_pos = load_pos(f, logo);
	}
}

void load_report(struct load_file *f, xmlNode *root)
{
	struct report *r = &f->m->report;
	load_head(f, root, &r->head);
	r->style = style_name(f, root);
	r->lang = load_string(f, root, VOCAB_AT_LANG);
	if (!r->lang)
		r->lang = VOCAB_DEFAULT_LANG;
	load_meta(f, load_first(root, VOCAB_EL_META), &r->meta);

	struct block **tail = &r->body;
	for (xmlNode *c = load_first(root, NULL); c; c = load_next(c, NULL)) {
		bool appendix = load_is(c, vocab_section_name(true));
		bool contents = load_is(c, vocab_block_name(BLK_CONTENTS));
		if (!appendix && !contents && !load_is(c, vocab_section_name(false)))
			continue;
		struct block *b = arena_alloc(f->arena, sizeof *b);
		b->pos = load_pos(f, c);
		if (contents) {
			b->kind = BLK_CONTENTS;
		} else {
			b->kind = BLK_SECTION;
			load_section(f, c, 1, appendix, &b->u.section);
		}
		*tail = b;
		tail = &b->next;
	}
}
