/* model.c - the model's lifetime, names of enumerations and look-ups. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const file_names[FILE_COUNT] = {
	[FILE_REPORT] = "report.xml",     [FILE_FINANCE] = "finance.xml",
	[FILE_LADO] = "lado.xml",         [FILE_YJS] = "yjs.xml",
	[FILE_TRAINING] = "training.xml", [FILE_SCRUTINY] = "scrutiny.xml",
};

const char *model_file_name(enum data_file file)
{
	return file_names[file];
}

const struct file_head *model_head(const struct model *m, enum data_file file)
{
	switch (file) {
	case FILE_REPORT: return &m->report.head;
	case FILE_FINANCE: return &m->finance.head;
	case FILE_LADO: return &m->lado.head;
	case FILE_YJS: return &m->yjs.head;
	case FILE_TRAINING: return &m->training.head;
	case FILE_SCRUTINY: return &m->scrutiny.head;
	case FILE_COUNT: break;
	}
	return NULL;
}

struct model *model_new(const char *dir)
{
	struct arena *arena = arena_new();
	struct model *m = arena_alloc(arena, sizeof *m);
	m->arena = arena;
	m->dir = arena_strdup(arena, dir);
	return m;
}

void model_free(struct model *m)
{
	if (m)
		arena_free(m->arena);
}

const char *period_format(struct period p, char *buf)
{
	if (p.first_year <= 0 || p.first_year > 9998) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, 8, "%04u-%02u", (unsigned)p.first_year % 10000u,
		 (unsigned)(p.first_year + 1) % 100u);
	return buf;
}

bool period_parse(const char *s, struct period *out)
{
	out->first_year = 0;
	if (!s || strlen(s) != 7 || s[4] != '-')
		return false;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	int first = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int second = (s[5] - '0') * 10 + (s[6] - '0');
	if (first == 0 || (first + 1) % 100 != second)
		return false;
	out->first_year = first;
	return true;
}

const char *cover_item_name(enum cover_item item)
{
	switch (item) {
	case COVER_ACTIVITY: return "activity";
	case COVER_EFFECTIVENESS: return "effectiveness";
	case COVER_IMPACT: return "impact";
	case COVER_LITTLE_PROGRESS: return "little-progress";
	case COVER_REVIEWS: return "reviews";
	case COVER_VOICE: return "voice";
	case COVER_SCRUTINY: return "scrutiny";
	case COVER_FUNDING: return "funding";
	case COVER_EDUCATION: return "education";
	case COVER_ITEM_COUNT: break;
	}
	return "?";
}

const char *chart_type_name(enum chart_type type)
{
	static const char *const names[CHART_TYPE_COUNT] = {
		"bar", "hbar", "grouped-bar", "stacked-bar", "stacked-bar-100", "line", "pie", "donut",
	};
	return (unsigned)type < CHART_TYPE_COUNT ? names[type] : "?";
}

const char *training_mode_name(enum training_mode mode)
{
	static const char *const names[MODE_COUNT] = { "face-to-face", "virtual", "e-learning" };
	return (unsigned)mode < MODE_COUNT ? names[mode] : "?";
}

const char *timescale_band_name(enum timescale_band band)
{
	static const char *const names[BAND_COUNT] = {
		"under-1-month", "under-3-months", "under-12-months", "over-12-months",
	};
	return (unsigned)band < BAND_COUNT ? names[band] : "?";
}

static const struct section *find_in_blocks(const struct block *b, const char *id)
{
	for (; b; b = b->next) {
		if (b->kind != BLK_SECTION)
			continue;
		if (b->u.section.id && strcmp(b->u.section.id, id) == 0)
			return &b->u.section;
		const struct section *s = find_in_blocks(b->u.section.blocks, id);
		if (s)
			return s;
	}
	return NULL;
}

const struct section *model_find_section(const struct model *m, const char *id)
{
	return id ? find_in_blocks(m->report.body, id) : NULL;
}

const struct breakdown *model_find_breakdown(const struct breakdown *bds, size_t n,
					     const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (id && bds[i].id && strcmp(bds[i].id, id) == 0)
			return &bds[i];
	return NULL;
}

static void each_in_blocks(const struct block *b,
			   void (*visit)(const struct section *, const struct block *, void *),
			   void *ctx)
{
	for (; b; b = b->next) {
		if (b->kind != BLK_SECTION)
			continue;
		visit(&b->u.section, b, ctx);
		each_in_blocks(b->u.section.blocks, visit, ctx);
	}
}

void model_each_section(const struct model *m,
			void (*visit)(const struct section *, const struct block *, void *),
			void *ctx)
{
	each_in_blocks(m->report.body, visit, ctx);
}
