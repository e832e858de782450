/* fuzz-layout.c - libFuzzer harness: typesetting and rendering valid
 * reports with extreme content.
 *
 * The input is not XML: it is a stream of choices that a small generator
 * turns into a report folder (report.xml, finance.xml, lado.xml and
 * scrutiny.xml written here, yjs.xml and training.xml from
 * tests/check/base). The bytes pick the shape (sections three deep, every
 * block kind, lists and inline markup nested, footnotes in footnotes),
 * the sizes (paragraph and word lengths, row, column, item and slice
 * counts), the figures (0 to fifteen digits and pence, charts of them)
 * and the characters (from many Unicode blocks, the fonts' and others).
 * The folder is loaded and checked as `reportc build` does; when it checks
 * clean, check_glyphs, layout_report and render_pdf_bytes run on it
 * with a style and draft mode the bytes choose.
 *
 * Set REPORTC_FUZZ_VERBOSE=1 to see why an input did not reach layout,
 * REPORTC_FUZZ_KEEP=1 to keep the folder ($TMPDIR/reportc-fuzz-layout.PID)
 * for `reportc build`. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "config.h"
#include "diag.h"
#include "dl.h"
#include "font.h"
#include "layout.h"
#include "load.h"
#include "model.h"
#include "render-pdf.h"
#include "style.h"

enum {
	MAX_FILE_BYTES = 1024 * 1024, /* a generated file stops growing here */
	MAX_INLINE_DEPTH = 10,
	MAX_LIST_DEPTH = 8,
	N_STYLES = 2,
};

/* ---- the generator ------------------------------------------------------ */

struct out {
	char *s;
	size_t len, cap;
};

struct gen {
	const uint8_t *p;
	size_t n;
	struct out *o;       /* the file being written */
	int n_sections;      /* top-level sections: ids s0 … */
	int inline_depth;
	int list_depth;
	int n_nested;        /* nested sections: ids n0 … */
	bool exotic;         /* characters the fonts lack are allowed */
};

/* The next choice; 0 once the input is used up, so every loop ends. */
static unsigned take(struct gen *g)
{
	if (!g->n)
		return 0;
	g->n--;
	return *g->p++;
}

/* A count: usually small, now and then up to 65535 * scale. */
static size_t count(struct gen *g, unsigned small, size_t scale)
{
	unsigned b = take(g);
	if (b != 0xFF)
		return b % (small + 1);
	return (size_t)(take(g) << 8 | take(g)) * scale;
}

static bool full(const struct gen *g)
{
	return g->o->len > MAX_FILE_BYTES;
}

/* Whether to write the element after the first `done` of a list: the
 * first always (the schemas want at least one), the others while the file
 * has room. */
static bool more(const struct gen *g, size_t done)
{
	return done == 0 || !full(g);
}

static void putn(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		o->s = xrealloc(o->s, cap);
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static void RC_PRINTF(2, 3) put(struct gen *g, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	putn(g->o, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Code point ranges to draw characters from. The first N_SHOWN hold only
 * characters the shipped fonts show (tricky ones too: NBSP, soft hyphen,
 * the sized spaces); the others mostly do not, and a run that uses them
 * ends in check_glyphs' errors. Every range holds only characters
 * XML allows. */
enum { N_SHOWN = 14 };
static const struct {
	uint32_t first, count;
} ranges[] = {
	{ 'a', 26 }, { 'a', 26 }, { 'a', 26 }, { 'a', 26 }, { 'a', 26 }, { 'a', 26 },
	{ 'A', 26 }, { '0', 10 }, { '!', 15 }, { ':', 7 }, { 0xA0, 96 }, { 0x100, 128 },
	{ 0x2002, 9 },     /* en space to hair space */
	{ 0x2010, 2 },     /* hyphen, non-breaking hyphen */
	/* not shown, or only partly */
	{ 0x2010, 24 },    /* dashes, quotes, bullets, ellipsis */
	{ 0x2000, 16 },    /* spaces and zero-width characters */
	{ 0x2028, 8 },     /* line and paragraph separators, bidi embeddings */
	{ 0x2060, 16 },    /* word joiner, invisible operators, bidi isolates */
	{ 0x20A0, 32 },    /* currency */
	{ 0x7F, 33 },      /* DEL and the C1 controls */
	{ 0x300, 112 },    /* combining diacritics */
	{ 0x370, 144 },    /* Greek */
	{ 0x400, 256 },    /* Cyrillic */
	{ 0x590, 112 },    /* Hebrew */
	{ 0x600, 256 },    /* Arabic */
	{ 0x900, 128 },    /* Devanagari */
	{ 0xE00, 128 },    /* Thai */
	{ 0x2190, 112 },   /* arrows */
	{ 0x2200, 256 },   /* mathematical operators */
	{ 0x2500, 128 },   /* box drawing */
	{ 0x3000, 64 },    /* CJK punctuation */
	{ 0x4E00, 0x5200 },/* CJK ideographs */
	{ 0xAC00, 11172 }, /* Hangul */
	{ 0xE000, 6400 },  /* private use */
	{ 0xFB00, 80 },    /* ligatures, Hebrew presentation forms */
	{ 0xFE00, 16 },    /* variation selectors */
	{ 0xFEFF, 1 },     /* byte order mark as a character */
	{ 0xFFF9, 5 },     /* interlinear annotation, object replacement, U+FFFD */
	{ 0x10000, 128 },  /* Linear B: above the Basic Multilingual Plane */
	{ 0x1F600, 80 },   /* emoji */
	{ 0x10FFF0, 14 },  /* the last private use characters */
};

static void put_utf8(struct out *o, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	putn(o, b, n);
}

/* One character, escaped for text and attribute values alike. */
static void put_char(struct gen *g)
{
	unsigned b = take(g);
	/* One character in eight from anywhere when the run allows it. */
	unsigned r = g->exotic && b % 8 == 0 ? b / 8 % (sizeof ranges / sizeof ranges[0])
					     : b % N_SHOWN;
	uint32_t cp = ranges[r].first + (uint32_t)((take(g) << 8 | take(g)) % ranges[r].count);
	switch (cp) {
	case '<': putn(g->o, "&lt;", 4); break;
	case '>': putn(g->o, "&gt;", 4); break;
	case '&': putn(g->o, "&amp;", 5); break;
	case '"': putn(g->o, "&quot;", 6); break;
	default: put_utf8(g->o, cp); break;
	}
}

/* A word: a few characters, or (0xFF) a run of up to a million (the file
 * stops growing at MAX_FILE_BYTES). The bulk of a
 * long word repeats one character, so that it costs few input bytes. */
static void put_word(struct gen *g)
{
	size_t len = count(g, 11, 16) + 1;
	size_t varied = len < 64 ? len : 64;
	for (size_t i = 0; i < varied; i++)
		put_char(g);
	if (len > varied) {
		size_t start = g->o->len;
		put_char(g);
		char one[8];
		size_t one_len = g->o->len - start;
		memcpy(one, g->o->s + start, one_len);
		for (size_t i = varied + 1; i < len && !full(g); i++)
			putn(g->o, one, one_len);
	}
}

/* White space as XML and the model see it: spaces, tabs, new lines. */
static void put_space(struct gen *g)
{
	static const char *const spaces[] = { " ", " ", " ", "  ", "\t", "\n", "\r\n", "\n\n   " };
	const char *s = spaces[take(g) % 8];
	putn(g->o, s, strlen(s));
}

/* Text of up to n words for an attribute value or a title. */
static void put_text(struct gen *g, size_t n)
{
	for (size_t i = 0; i < n && !full(g); i++) {
		if (i)
			putn(g->o, " ", 1);
		put_word(g);
	}
}

/* Figure paths every generated folder has, with their datasets' kinds. */
static const char *const value_paths[] = {
	"lado.total", "lado.referrals", "lado.contacts", "lado.within-1-month",
	"lado.within-3-months", "finance.income", "finance.expenditure", "finance.balance",
	"yjs.offences.total", "yjs.offences.children", "yjs.incidents.total", "training.sessions",
	"training.attendees", "training.courses", "lado.category.Neglect", "lado.big.L0",
	"finance.contributions.P0", "finance.costs.C0", "yjs.offences.type.Criminal Damage",
};
static const char *const change_paths[] = {
	"lado.total", "lado.referrals", "finance.income", "finance.expenditure",
	"training.sessions", "training.attendees",
};

enum dataset_kind { PARTS, SERIES, MEASURES, RECORDS, TIMESCALES };
static const struct {
	const char *path;
	enum dataset_kind kind;
} datasets[] = {
	{ "lado.big", PARTS },           { "lado.category", PARTS },
	{ "lado.outcome", PARTS },       { "finance.contributions", PARTS },
	{ "finance.costs", PARTS },      { "training.by-mode", PARTS },
	{ "yjs.offences.type", PARTS },  { "yjs.offences.gender", PARTS },
	{ "lado.activity", SERIES },     { "finance.years", SERIES },
	{ "training.years", SERIES },    { "lado.timescales", TIMESCALES },
	{ "yjs.cohort", MEASURES },      { "training.courses-table", RECORDS },
};
/* Chart types each kind can show (FORMAT.md rule 10); lado.timescales has
 * one year here, so no line. */
static const char *const parts_types[] = { "bar", "hbar", "stacked-bar-100", "pie", "donut" };
static const char *const series_types[] = { "grouped-bar", "stacked-bar", "line" };
static const char *const timescale_types[] = { "grouped-bar", "stacked-bar", "stacked-bar-100" };
static const char *const measure_types[] = { "bar", "hbar" };

static void inlines(struct gen *g, size_t n);

static void inline_element(struct gen *g, const char *open, const char *close)
{
	if (g->inline_depth >= MAX_INLINE_DEPTH) {
		put_word(g);
		return;
	}
	g->inline_depth++;
	put(g, "%s", open);
	inlines(g, count(g, 6, 64));
	put(g, "%s", close);
	g->inline_depth--;
}

/* n pieces of inline content. */
static void inlines(struct gen *g, size_t n)
{
	for (size_t i = 0; i < n && !full(g); i++) {
		unsigned k = take(g) % 20;
		switch (k) {
		case 10: inline_element(g, "<em>", "</em>"); break;
		case 11: inline_element(g, "<strong>", "</strong>"); break;
		case 12:
			put(g, "<a href=\"https://example.org/");
			for (size_t n = count(g, 12, 64); n > 0; n--)
				put(g, "%c", "abcdefghijklmnopqrstuvwxyz0123456789-._~/?=#"[take(g) % 44]);
			inline_element(g, "\">", "</a>");
			break;
		case 13: inline_element(g, "<note>", "</note>"); break;
		case 14:
			put(g, "<ref to=\"s%u\"/>", take(g) % (unsigned)g->n_sections);
			break;
		case 15:
			put(g, "<value of=\"%s\"/>",
			    value_paths[take(g) % (sizeof value_paths / sizeof value_paths[0])]);
			break;
		case 16:
			put(g, "<change of=\"%s\" from=\"2022-23\"/>",
			    change_paths[take(g) % (sizeof change_paths / sizeof change_paths[0])]);
			break;
		case 17: put_space(g); break;
		default:
			put_word(g);
			put_space(g);
			break;
		}
	}
}

static void paragraph(struct gen *g)
{
	put(g, "<p>");
	inlines(g, count(g, 40, 64));
	put(g, "</p>");
}

static void list(struct gen *g)
{
	g->list_depth++;
	put(g, "<list ordered=\"%s\">", take(g) & 1 ? "true" : "false");
	size_t n = count(g, 8, 64) + 1;
	for (size_t i = 0; i < n && more(g, i); i++) {
		put(g, "<item>");
		inlines(g, count(g, 12, 16));
		if (g->list_depth < MAX_LIST_DEPTH && take(g) % 4 == 0)
			list(g);
		put(g, "</item>");
	}
	put(g, "</list>");
	g->list_depth--;
}

static void table(struct gen *g)
{
	static const char *const aligns[] = { "", " align=\"left\"", " align=\"right\"",
					      " align=\"centre\"" };
	size_t cols = count(g, 11, 1) + 1, rows = count(g, 30, 8) + 1;
	put(g, "<table title=\"");
	put_text(g, count(g, 6, 16));
	put(g, "\"><head>");
	for (size_t c = 0; c < cols && more(g, c); c++) {
		put(g, "<cell%s>", aligns[take(g) % 4]);
		inlines(g, count(g, 3, 16));
		put(g, "</cell>");
	}
	put(g, "</head>");
	for (size_t r = 0; r < rows && more(g, r); r++) {
		put(g, "<row>");
		for (size_t c = 0; c < cols; c++) {
			put(g, "<cell%s>", aligns[take(g) % 4]);
			inlines(g, count(g, 4, 16));
			put(g, "</cell>");
		}
		put(g, "</row>");
	}
	put(g, "</table>");
}

static void chart(struct gen *g)
{
	static const char *const sorts[] = { "", " sort=\"none\"", " sort=\"desc\"", " sort=\"asc\"" };
	size_t d = take(g) % (sizeof datasets / sizeof datasets[0]);
	const char *type;
	switch (datasets[d].kind) {
	case PARTS: type = parts_types[take(g) % 5]; break;
	case SERIES: type = series_types[take(g) % 3]; break;
	case TIMESCALES: type = timescale_types[take(g) % 3]; break;
	case MEASURES: type = measure_types[take(g) % 2]; break;
	case RECORDS:
	default:
		put(g, "<data-table of=\"%s\" title=\"Records\"/>", datasets[d].path);
		return;
	}
	put(g, "<chart of=\"%s\" type=\"%s\"%s%s title=\"", datasets[d].path, type,
	    sorts[take(g) % 4], take(g) & 1 ? " table=\"yes\"" : "");
	put_text(g, count(g, 8, 16));
	put(g, "\" alt=\"An alternative text ");
	put_text(g, count(g, 8, 16));
	put(g, "\"/>");
}

static void blocks(struct gen *g, size_t n, int level);

/* One block of a section at level (1 to 3). */
static void block(struct gen *g, int level)
{
	unsigned k = take(g) % 18;
	switch (k) {
	case 4: list(g); break;
	case 5:
		put(g, "<quote");
		if (take(g) & 1) {
			put(g, " source=\"");
			put_text(g, count(g, 5, 16));
			put(g, "\"");
		}
		put(g, ">");
		inlines(g, count(g, 30, 64));
		put(g, "</quote>");
		break;
	case 6:
		put(g, "<callout title=\"");
		put_text(g, count(g, 5, 16));
		put(g, "\">");
		for (size_t i = 0, n = count(g, 3, 8) + 1; i < n && more(g, i); i++) {
			if (take(g) & 1)
				list(g);
			else
				paragraph(g);
		}
		put(g, "</callout>");
		break;
	case 7: table(g); break;
	case 8:
		put(g, "<data-table of=\"%s\" title=\"",
		    datasets[take(g) % (sizeof datasets / sizeof datasets[0])].path);
		put_text(g, count(g, 5, 16));
		put(g, "\"/>");
		break;
	case 9: chart(g); break;
	case 10:
		put(g, "<kpis>");
		for (size_t i = 0, n = count(g, 6, 16) + 1; i < n && more(g, i); i++) {
			if (take(g) & 1) {
				put(g, "<kpi of=\"%s\" label=\"",
				    value_paths[take(g) % (sizeof value_paths / sizeof value_paths[0])]);
			} else {
				put(g, "<kpi value=\"");
				put_text(g, count(g, 2, 16) + 1);
				put(g, "\" label=\"");
			}
			put_text(g, count(g, 6, 16));
			put(g, "\"/>");
		}
		put(g, "</kpis>");
		break;
	case 11:
		put(g, "<figure src=\"images/logo.png\" alt=\"A picture of ");
		put_text(g, count(g, 6, 16) + 1);
		put(g, "\"");
		if (take(g) & 1) {
			put(g, " caption=\"");
			put_text(g, count(g, 12, 64));
			put(g, "\"");
		}
		put(g, "/>");
		break;
	case 12: put(g, "<page-break/>"); break;
	case 13:
		if (level < 3) {
			put(g, "<section id=\"n%d\" title=\"", g->n_nested++);
			put_text(g, count(g, 8, 64) + 1);
			put(g, "\">");
			blocks(g, count(g, 5, 16), level + 1);
			put(g, "</section>");
		} else {
			paragraph(g);
		}
		break;
	case 14:
		put(g, "<signatures>");
		for (size_t i = 0, n = count(g, 4, 16) + 1; i < n && more(g, i); i++) {
			put(g, "<signatory name=\"");
			put_text(g, count(g, 3, 16) + 1);
			put(g, "\" role=\"");
			put_text(g, count(g, 5, 16));
			put(g, "\"/>");
		}
		put(g, "</signatures>");
		break;
	case 15: put(g, "<scrutiny-perspective/>"); break;
	case 16: put(g, "<scrutiny-conclusion/>"); break;
	default: paragraph(g); break;
	}
}

static void blocks(struct gen *g, size_t n, int level)
{
	for (size_t i = 0; i < n && !full(g); i++)
		block(g, level);
}

static void report_xml(struct gen *g)
{
	put(g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report version=\"1\" "
	       "period=\"2023-24\" lang=\"en-GB\">\n<meta><partnership short=\"");
	put_text(g, count(g, 2, 16) + 1);
	put(g, "\">");
	put_text(g, count(g, 6, 64) + 1);
	put(g, "</partnership><title>");
	put_text(g, count(g, 6, 64) + 1);
	put(g, "</title><reporting-period start=\"2023-04-01\" end=\"2024-03-31\"/><author>");
	put_text(g, count(g, 4, 16) + 1);
	put(g, "</author><vision>");
	put_text(g, count(g, 20, 64) + 1);
	put(g, "</vision>%s</meta>\n", take(g) & 1 ? "<logo src=\"images/logo.png\"/>" : "");
	if (take(g) & 1)
		put(g, "<contents/>\n");
	for (int s = 0; s < g->n_sections; s++) {
		bool appendix = s > 0 && s == g->n_sections - 1 && take(g) & 1;
		put(g, "<%s id=\"s%d\" title=\"", appendix ? "appendix" : "section", s);
		put_text(g, count(g, 8, 64) + 1);
		put(g, "\">");
		blocks(g, count(g, 6, 64), 1);
		put(g, "</%s>\n", appendix ? "appendix" : "section");
	}
	put(g, "</report>\n");
}

/* A money amount of 0 to 15 digits, with pence now and then. */
static void put_money(struct gen *g)
{
	unsigned digits = take(g) % 16;
	put(g, "%u", digits ? take(g) % 9 + 1 : 0);
	for (unsigned i = 1; i < digits; i++)
		put(g, "%u", take(g) % 10);
	if (take(g) % 4 == 0)
		put(g, ".%02u", take(g) % 100);
}

/* A count of 1 to 15 digits or 0. */
static void put_count(struct gen *g)
{
	unsigned digits = take(g) % 16;
	put(g, "%u", digits ? take(g) % 9 + 1 : 0);
	for (unsigned i = 1; i < digits; i++)
		put(g, "%u", take(g) % 10);
}

static void finance_xml(struct gen *g)
{
	put(g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<finance version=\"1\" "
	       "period=\"2023-24\" currency=\"GBP\">\n<income>\n");
	for (size_t i = 0, n = count(g, 8, 4) + 1; i < n && more(g, i); i++) {
		/* The first is named by value_paths: no more than its number. */
		put(g, "<contribution from=\"P%zu%s", i, i ? " " : "");
		put_text(g, i ? count(g, 4, 16) : 0);
		put(g, "\" amount=\"");
		put_money(g);
		put(g, "\"/>\n");
	}
	put(g, "</income>\n<expenditure>\n");
	for (size_t i = 0, n = count(g, 8, 4) + 1; i < n && more(g, i); i++) {
		/* The first is named by value_paths: no more than its number. */
		put(g, "<cost item=\"C%zu%s", i, i ? " " : "");
		put_text(g, i ? count(g, 4, 16) : 0);
		put(g, "\" amount=\"");
		put_money(g);
		put(g, "\"/>\n");
	}
	put(g, "</expenditure>\n<reserves opening=\"");
	put_money(g);
	put(g, "\"/>\n");
	/* Earlier years, newest first, always 2022-23 (change's from). */
	for (size_t i = 0, n = count(g, 3, 1) + 1; i < n && i < 2000; i++) {
		put(g, "<previous period=\"%04zu-%02zu\" income=\"", 2022 - i, (2023 - i) % 100);
		put_money(g);
		put(g, "\" expenditure=\"");
		put_money(g);
		put(g, "\"/>\n");
	}
	put(g, "</finance>\n");
}

static void lado_xml(struct gen *g)
{
	put(g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lado version=\"1\" "
	       "period=\"2023-24\">\n<activity>\n");
	size_t years = count(g, 6, 1) + 2;
	if (years > 2000)
		years = 2000;
	for (size_t i = years; i > 0; i--) {
		put(g, "<year period=\"%04zu-%02zu\" referrals=\"", 2024 - i, (2025 - i) % 100);
		put_count(g);
		put(g, "\" contacts=\"");
		put_count(g);
		put(g, "\"/>\n");
	}
	put(g, "</activity>\n<breakdown id=\"category\" title=\"Category\" of=\"allegations\">"
	       "<item label=\"Physical\" percent=\"45\"/><item label=\"Neglect\" percent=\"17\"/>"
	       "<item label=\"Sexual\" percent=\"10\"/><item label=\"Emotional\" percent=\"6.5\"/>"
	       "<item label=\"Suitability\" percent=\"21\"/></breakdown>\n"
	       "<breakdown id=\"outcome\" title=\"Outcome\" of=\"cases\" base=\"120\">"
	       "<item label=\"Substantiated\" count=\"40\"/><item label=\"Unsubstantiated\" "
	       "count=\"50\"/><item label=\"Unfounded\" count=\"30\"/></breakdown>\n"
	       "<breakdown id=\"big\" title=\"");
	put_text(g, count(g, 6, 16) + 1);
	put(g, "\">\n");
	for (size_t i = 0, n = count(g, 12, 16) + 1; i < n && more(g, i); i++) {
		put(g, "<item label=\"L%zu%s", i, i ? " " : "");
		put_text(g, i ? count(g, 4, 16) : 0);
		put(g, "\" count=\"");
		put_count(g);
		put(g, "\"/>\n");
	}
	put(g, "</breakdown>\n<timescales><year period=\"2023-24\" under-1-month=\"76\" "
	       "under-3-months=\"14\" under-12-months=\"9\" over-12-months=\"0.8\"/></timescales>\n"
	       "</lado>\n");
}

static void scrutiny_xml(struct gen *g)
{
	put(g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scrutiny version=\"1\" "
	       "period=\"2023-24\">\n<scrutineer name=\"");
	put_text(g, count(g, 3, 16) + 1);
	put(g, "\" role=\"Independent Scrutineer\"/>\n");
	for (int s = 0; s < g->n_sections && !full(g); s++) {
		if (take(g) % 3 == 0)
			continue;
		put(g, "<comment on=\"s%d\">", s);
		for (size_t i = 0, n = count(g, 2, 8) + 1; i < n && more(g, i); i++)
			paragraph(g);
		put(g, "</comment>\n");
	}
	put(g, "<perspective title=\"");
	put_text(g, count(g, 6, 16) + 1);
	put(g, "\">");
	for (size_t i = 0, n = count(g, 3, 8) + 1; i < n && more(g, i); i++)
		paragraph(g);
	put(g, "</perspective>\n<conclusion><strengths>");
	for (size_t i = 0, n = count(g, 3, 16) + 1; i < n && more(g, i); i++) {
		put(g, "<item>");
		inlines(g, count(g, 12, 16));
		put(g, "</item>");
	}
	put(g, "</strengths><development>");
	for (size_t i = 0, n = count(g, 3, 16) + 1; i < n && more(g, i); i++) {
		put(g, "<item>");
		inlines(g, count(g, 12, 16));
		put(g, "</item>");
	}
	put(g, "</development></conclusion>\n<sign-off date=\"2024-10-15\"/>\n</scrutiny>\n");
}

/* ---- the harness -------------------------------------------------------- */

/* Process-wide, loaded once: libFuzzer calls in with the input only. */
static char work_dir[256];
static struct model *style_owner;          /* the styles' strings live here */
static struct style styles[N_STYLES];
static struct font_family fonts[N_STYLES];
static const char *font_paths[N_STYLES][FACE_COUNT];
static bool verbose;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-layout: %s: %s\n", what, detail);
	exit(1);
}

static void write_file(const char *name, const char *bytes, size_t size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", work_dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(bytes, 1, size, fp) != size || fclose(fp) != 0)
		die("cannot write", path);
}

static void copy_file(const char *from_dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", from_dir, name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		die("cannot read", path);
	struct out o = { 0 };
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
		putn(&o, buf, got);
	fclose(fp);
	write_file(name, o.s ? o.s : "", o.len);
	free(o.s);
}

static void remove_work_dir(void)
{
	if (getenv("REPORTC_FUZZ_KEEP"))
		return;
	static const char *const names[] = {
		"report.xml", "finance.xml", "lado.xml", "yjs.xml", "training.xml", "scrutiny.xml",
		"images/logo.png", "images",
	};
	char path[512];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", work_dir, names[i]);
		remove(path);
	}
	rmdir(work_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	verbose = getenv("REPORTC_FUZZ_VERBOSE") != NULL;
	const char *tmp = getenv("TMPDIR");
	snprintf(work_dir, sizeof work_dir, "%s/reportc-fuzz-layout.%ld",
		 tmp && *tmp ? tmp : "/tmp", (long)getpid());
	char images[300];
	snprintf(images, sizeof images, "%s/images", work_dir);
	if ((mkdir(work_dir, 0700) != 0 && errno != EEXIST) ||
	    (mkdir(images, 0700) != 0 && errno != EEXIST))
		die("cannot create", work_dir);
	atexit(remove_work_dir);
	const char *base = REPORTC_SOURCE_DIR "/tests/check/base";
	copy_file(base, "yjs.xml");
	copy_file(base, "training.xml");
	copy_file(base, "images/logo.png");

	/* The two shipped styles and their fonts, as main.c loads them. */
	static const char *const names[N_STYLES] = { "sefton", "plain" };
	style_owner = model_new(REPORTC_SOURCE_DIR);
	for (int s = 0; s < N_STYLES; s++) {
		char err[1024];
		if (!load_style(style_owner, REPORTC_SOURCE_DIR "/styles", names[s], &styles[s], err,
				sizeof err))
			die("cannot load a style", err);
		const char *dir = arena_printf(style_owner->arena, "%s/%s", REPORTC_SOURCE_DIR,
					       styles[s].fonts.dir);
		const char *files[FACE_COUNT];
		for (int i = 0; i < FACE_COUNT; i++) {
			files[i] = styles[s].fonts.file[i];
			font_paths[s][i] = arena_printf(style_owner->arena, "%s/%s", dir, files[i]);
		}
		if (!font_family_load(&fonts[s], dir, files, err, sizeof err))
			die("cannot load the fonts", err);
	}
	return 0;
}

static void show(const char *why, struct diags *d)
{
	if (!verbose)
		return;
	fprintf(stderr, "fuzz-layout: %s\n", why);
	diags_sort(d);
	diags_print(d, stderr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gen g = { .p = data, .n = size };
	unsigned options = take(&g);
	int style = options % N_STYLES;
	bool draft = options & 2;
	g.exotic = options & 4;
	g.n_sections = (int)(take(&g) % 6) + 1;

	/* report.xml last: the data files decide which labels exist. */
	static const struct {
		const char *name;
		void (*write)(struct gen *);
	} files[] = {
		{ "finance.xml", finance_xml }, { "lado.xml", lado_xml },
		{ "scrutiny.xml", scrutiny_xml }, { "report.xml", report_xml },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct out o = { 0 };
		g.o = &o;
		files[i].write(&g);
		write_file(files[i].name, o.s, o.len);
		free(o.s);
	}
	g.o = NULL;

	struct diags d;
	diags_init(&d);
	char err[512];
	struct model *m = load_folder(work_dir, &d, err, sizeof err);
	if (!m)
		die("load_folder failed", err);
	check_model(m, &d);
	if (d.n_errors) {
		/* A folder `reportc build` would refuse: the generator's limits
		 * (a file cut at MAX_FILE_BYTES) or a case it does not avoid. */
		show("the folder does not check clean", &d);
		goto done;
	}
	check_glyphs(m, &fonts[style], &d);
	if (d.n_errors)
		show("characters the fonts lack (layout runs all the same)", &d);

	struct layout_options lo = { 0 };
	lo.draft = draft;
	lo.draft_stamp = draft ? "Draft 2024-10-15 · fuzz" : NULL;
	lo.warnings = &d;
	for (int i = 0; i < FACE_COUNT; i++)
		lo.font_paths[i] = font_paths[style][i];
	for (int i = 0; i < 16; i++)
		lo.document_id[i] = (unsigned char)(m->fingerprint[i / 8] >> (8 * (i % 8)));
	lo.has_date = true;
	lo.date = (struct date){ 2024, 10, 15 };
	size_t errors_before = d.n_errors;
	struct dl *dl = layout_report(m, &styles[style], &fonts[style], &lo, &d);
	if (dl && d.n_errors == errors_before && !errors_before) {
		unsigned char *pdf = NULL;
		size_t pdf_size = 0;
		int rc = render_pdf_bytes(dl, &pdf, &pdf_size, err, sizeof err);
		if (verbose && rc != 0)
			fprintf(stderr, "fuzz-layout: render_pdf_bytes: %s\n", err);
		else if (verbose)
			fprintf(stderr, "fuzz-layout: %zu pages, %zu bytes of PDF\n", dl->n_pages,
				pdf_size);
		free(pdf);
	} else if (dl || d.n_errors > errors_before) {
		show("layout found errors", &d);
	}
	dl_free(dl);
done:
	model_free(m);
	diags_free(&d);
	return 0;
}
