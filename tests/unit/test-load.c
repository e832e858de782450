/* test-load.c - the loader: start tag positions, the secure pre-scan, schema
 * and value errors, and a whole valid folder read into the model. TAP. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "tap.h"


/* ---- a valid folder: the examples of FORMAT.md, filled in --------------- */

static const char report_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<report version=\"1\" period=\"2023-24\">\n"
	"  <meta>\n"
	"    <partnership short=\"Sefton SCP\">Sefton Safeguarding Children Partnership</partnership>\n"
	"    <title>Annual Report 2023–2024</title>\n"
	"    <reporting-period start=\"2023-04-01\" end=\"2024-03-31\"/>\n"
	"    <author>Sefton SCP Business Unit</author>\n"
	"    <vision>Every child and young person in Sefton should be able to grow up\n"
	"      free from abuse and neglect.</vision>\n"
	"    <logo src=\"images/logo.png\"/>\n"
	"  </meta>\n"
	"  <contents/>\n"
	"  <section id=\"foreword\" title=\"Foreword\" covers=\"activity impact\">\n"
	"    <p>Prose with <em>emphasis</em>, <strong>strong</strong>, <a href=\"https://example.org\">a link</a>,\n"
	"       a cross-reference <ref to=\"lado-appendix\"/> and a figure: <value of=\"lado.total\"/>.</p>\n"
	"    <list ordered=\"false\"><item>One &amp; two<list ordered=\"true\"><item>Nested</item></list></item><item>Three</item></list>\n"
	"    <quote source=\"Ofsted, 2019\">Up by <change of=\"lado.total\" from=\"2022-23\"/>.</quote>\n"
	"    <callout title=\"What we learned\"><p>Learned.<note>A footnote.</note></p></callout>\n"
	"    <signatures><signatory name=\"A Person\" role=\"Chair\"/></signatures>\n"
	"    <section id=\"nested\" title=\"Nested\">\n"
	"      <section id=\"deeper\" title=\"Deeper\"><p>Third level.</p></section>\n"
	"    </section>\n"
	"  </section>\n"
	"  <section id=\"figures\" title=\"Figures\" covers=\"funding\">\n"
	"    <figure src=\"images/logo.png\" alt=\"The logo\" caption=\"Our logo\"/>\n"
	"    <table title=\"By year\"><head><cell>Year</cell><cell align=\"right\">Total</cell></head>"
	"<row><cell>2023-24</cell><cell align=\"right\">313</cell></row></table>\n"
	"    <data-table of=\"lado.activity\" title=\"Activity\"/>\n"
	"    <chart of=\"lado.category\" type=\"pie\" title=\"Category\" alt=\"Physical is the largest\" sort=\"desc\" table=\"yes\"/>\n"
	"    <chart of=\"lado.outcome\" alt=\"Half were unfounded\" table=\"annex\"/>\n"
	"    <kpis><kpi of=\"lado.total\" label=\"LADO activity\"/><kpi value=\"94,506\" label=\"Contacts\"/></kpis>\n"
	"    <page-break/>\n"
	"    <scrutiny-perspective/>\n"
	"    <scrutiny-conclusion/>\n"
	"  </section>\n"
	"  <appendix id=\"lado-appendix\" title=\"Managing Allegations (LADO)\"><p>Appendix.</p></appendix>\n"
	"</report>\n";

static const char finance_xml[] =
	"<finance version=\"1\" period=\"2023-24\" currency=\"GBP\">\n"
	"  <income>\n"
	"    <contribution from=\"Sefton Council\" amount=\"96500\"/>\n"
	"    <contribution from=\"Merseyside Police\" amount=\"1250.50\"/>\n"
	"  </income>\n"
	"  <expenditure>\n"
	"    <cost item=\"Business unit staffing\" amount=\"80000\"/>\n"
	"  </expenditure>\n"
	"  <reserves opening=\"52000\"/>\n"
	"  <totals income=\"97750.50\" expenditure=\"80000\"/>\n"
	"  <previous period=\"2022-23\" income=\"231000\" expenditure=\"209500\"/>\n"
	"</finance>\n";

static const char lado_xml[] =
	"<lado version=\"1\" period=\"2023-24\">\n"
	"  <activity>\n"
	"    <year period=\"2022-23\" referrals=\"271\" contacts=\"54\"/>\n"
	"    <year period=\"2023-24\" referrals=\"265\" contacts=\"48\"/>\n"
	"  </activity>\n"
	"  <breakdown id=\"category\" title=\"Category of allegation\" of=\"allegations\" partial=\"false\">\n"
	"    <item label=\"Physical\" percent=\"45\"/>\n"
	"    <item label=\"Neglect\" percent=\"17\"/>\n"
	"    <item label=\"Emotional\" percent=\"10\"/>\n"
	"    <item label=\"Sexual\" percent=\"6.5\"/>\n"
	"    <item label=\"Other\" percent=\"21\"/>\n"
	"  </breakdown>\n"
	"  <breakdown id=\"outcome\" base=\"20\">\n"
	"    <item label=\"Substantiated\" count=\"12\"/><item label=\"Unfounded\" count=\"8\"/>\n"
	"  </breakdown>\n"
	"  <timescales>\n"
	"    <year period=\"2023-24\" under-1-month=\"76\" under-3-months=\"14\" under-12-months=\"9\" over-12-months=\"0.8\"/>\n"
	"  </timescales>\n"
	"</lado>\n";

static const char yjs_xml[] =
	"<yjs version=\"1\" period=\"2023-24\">\n"
	"  <offences total=\"108\" children=\"45\">\n"
	"    <breakdown id=\"type\" base=\"108\" of=\"offences\">\n"
	"      <item label=\"Violence Against the Person\" count=\"100\"/><item label=\"Other\" count=\"8\"/>\n"
	"    </breakdown>\n"
	"  </offences>\n"
	"  <incidents kind=\"anti-social behaviour\" total=\"14\" children=\"14\">\n"
	"    <breakdown id=\"gender\" base=\"14\" of=\"children\"><item label=\"Male\" count=\"14\"/></breakdown>\n"
	"  </incidents>\n"
	"  <cohort as-of=\"2024-07-31\">\n"
	"    <measure label=\"Involved with children's social care\" percent=\"33.8\"/>\n"
	"  </cohort>\n"
	"</yjs>\n";

static const char training_xml[] =
	"<training version=\"1\" period=\"2023-24\">\n"
	"  <course title=\"Working Together to Safeguard Children\" mode=\"face-to-face\" sessions=\"11\" attendees=\"264\"/>\n"
	"  <course title=\"Managing Allegations\" mode=\"virtual\" sessions=\"3\"/>\n"
	"  <course title=\"Neglect\" mode=\"e-learning\" sessions=\"1\" attendees=\"40\"/>\n"
	"  <totals sessions=\"15\" attendees=\"304\"/>\n"
	"  <previous period=\"2022-23\" sessions=\"58\" attendees=\"1400\"/>\n"
	"</training>\n";

static const char scrutiny_xml[] =
	"<scrutiny version=\"1\" period=\"2023-24\">\n"
	"  <scrutineer name=\"Liz Murphy\" role=\"Independent Scrutineer\"/>\n"
	"  <comment on=\"foreword\"><p>Well said.</p></comment>\n"
	"  <perspective title=\"The effectiveness of our arrangements\"><p>Effective.</p>"
	"<list ordered=\"false\"><item>Point</item></list></perspective>\n"
	"  <conclusion>\n"
	"    <strengths><item>Leadership</item><item>Culture</item></strengths>\n"
	"    <development><item>Data</item></development>\n"
	"  </conclusion>\n"
	"  <sign-off date=\"2024-10-15\"/>\n"
	"</scrutiny>\n";

static const char reviews_xml[] =
	"<reviews version=\"1\" period=\"2023-24\">\n"
	"  <review id=\"scr1\" name=\"Martha, Mary &amp; Ben\" kind=\"scr\" status=\"complete\">\n"
	"    <milestone event=\"author-appointed\" date=\"2018-02\"/>\n"
	"    <milestone event=\"published\" date=\"2019-04-12\" note=\"sensitive delay\"/>\n"
	"    <link kind=\"briefing\" href=\"https://example.org/b\"/>\n"
	"    <theme>Neglect</theme>\n"
	"    <action owner=\"Health\" status=\"in-progress\" date=\"2024-03\">Refresh  the\n"
	"      strategy</action>\n"
	"  </review>\n"
	"  <review id=\"rr\" name=\"Alfie\" kind=\"rapid-review\" status=\"in-progress\"\n"
	"      year=\"2023-24\">\n"
	"    <milestone event=\"notified\" date=\"2023-06-01\" expected=\"no\"/>\n"
	"  </review>\n"
	"</reviews>\n";

static const struct {
	const char *name, *text;
} base_files[] = {
	{ "report.xml", report_xml },     { "finance.xml", finance_xml },
	{ "lado.xml", lado_xml },         { "yjs.xml", yjs_xml },
	{ "training.xml", training_xml }, { "scrutiny.xml", scrutiny_xml },
	{ "reviews.xml", reviews_xml },
};

/* ---- folders ------------------------------------------------------------ */

static void put_bytes(const char *dir, const char *name, const char *bytes, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0) {
		perror(path);
		exit(1);
	}
}

static void put(const char *dir, const char *name, const char *text)
{
	put_bytes(dir, name, text, strlen(text));
}

/* A new folder under TMPDIR holding the valid files; caller frees. */
static char *folder_new(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = malloc(4096);
	snprintf(dir, 4096, "%s/test-load-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	for (size_t i = 0; i < sizeof base_files / sizeof base_files[0]; i++)
		put(dir, base_files[i].name, base_files[i].text);
	return dir;
}

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
}

/* Removes the folder and what the test put in it (files, FIFOs, folders). */
static void folder_free(char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char path[4096];
		path_in(path, sizeof path, dir, e->d_name);
		if (unlink(path) != 0)
			rmdir(path);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
	free(dir);
}

/* ---- loading and findings ----------------------------------------------- */

struct result {
	struct model *m;
	struct diags d;
	char err[512];
};

static void load(const char *dir, struct result *r)
{
	diags_init(&r->d);
	r->err[0] = '\0';
	r->m = load_folder(dir, &r->d, r->err, sizeof r->err);
	diags_sort(&r->d);
}

static void result_free(struct result *r)
{
	model_free(r->m);
	diags_free(&r->d);
}

static void show(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char line[1024];
		diag_format(&d->items[i], line, sizeof line);
		printf("#   %s\n", line);
	}
}

/* Is the finding `want` (as printed) among d? Prints them all when not. */
static bool has(const struct diags *d, const char *want)
{
	for (size_t i = 0; i < d->n; i++) {
		char line[1024];
		diag_format(&d->items[i], line, sizeof line);
		if (strcmp(line, want) == 0)
			return true;
	}
	printf("# wanted: %s\n# found:\n", want);
	show(d);
	return false;
}

/* Exactly these findings, in order. */
static bool only(const struct diags *d, const char *const *want, size_t n)
{
	bool same = d->n == n;
	for (size_t i = 0; same && i < n; i++) {
		char line[1024];
		diag_format(&d->items[i], line, sizeof line);
		same = strcmp(line, want[i]) == 0;
	}
	if (!same) {
		printf("# wanted:\n");
		for (size_t i = 0; i < n; i++)
			printf("#   %s\n", want[i]);
		printf("# found:\n");
		show(d);
	}
	return same;
}

#define ONLY(d, ...) \
	only(d, (const char *const[]){ __VA_ARGS__ }, \
	     sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* Loads a valid folder with one file replaced; the findings must be
 * exactly `want`. */
static bool one_file(const char *name, const char *text, const char *const *want, size_t n)
{
	char *dir = folder_new();
	put(dir, name, text);
	struct result r;
	load(dir, &r);
	bool same = r.m && only(&r.d, want, n);
	result_free(&r);
	folder_free(dir);
	return same;
}

#define ONE_FILE(name, text, ...) \
	one_file(name, text, (const char *const[]){ __VA_ARGS__ }, \
		 sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- the tests ---------------------------------------------------------- */

static const struct inline_node *nth_inline(const struct inline_node *in, int n)
{
	while (in && n--)
		in = in->next;
	return in;
}

static bool pos_is(struct srcpos p, const char *file, unsigned line, unsigned col)
{
	bool same = p.file && strcmp(p.file, file) == 0 && p.line == line && p.col == col;
	if (!same)
		printf("# position %s:%u:%u, wanted %s:%u:%u\n", p.file ? p.file : "(null)",
		       (unsigned)p.line, (unsigned)p.col, file, line, col);
	return same;
}

static bool dec_is(struct decimal d, long long hundredths, int decimals)
{
	bool same = d.present && d.hundredths == hundredths && d.decimals == decimals;
	if (!same)
		printf("# decimal %s %lld (%d decimals), wanted %lld (%d)\n",
		       d.present ? "present" : "absent", (long long)d.hundredths, d.decimals,
		       hundredths, decimals);
	return same;
}

static void test_valid_folder(void)
{
	char *dir = folder_new();
	xmlExternalEntityLoader before = xmlGetExternalEntityLoader();
	struct result r;
	load(dir, &r);
	ok(r.m != NULL, "a valid folder loads");
	if (!r.m) {
		printf("# %s\n", r.err);
		folder_free(dir);
		return;
	}
	bool clean = r.d.n == 0;
	if (!clean)
		show(&r.d);
	ok(clean, "the FORMAT.md examples give no finding");
	ok(xmlGetExternalEntityLoader() == before, "libxml2's entity loader is restored");
	const struct model *m = r.m;
	for (int f = 0; f < FILE_COUNT; f++)
		ok(model_head(m, (enum data_file)f)->loaded &&
			   model_head(m, (enum data_file)f)->period.first_year == 2023,
		   "%s loaded with period 2023-24", model_file_name((enum data_file)f));

	/* report.xml */
	const struct report *rep = &m->report;
	ok(strcmp(rep->style, "sefton") == 0 && strcmp(rep->lang, "en-GB") == 0,
	   "style and lang default to sefton and en-GB");
	ok(pos_is(rep->head.pos, "report.xml", 2, 1), "the root's position");
	ok(rep->head.pos.file == model_file_name(FILE_REPORT), "srcpos file is model_file_name()");
	ok(strcmp(rep->meta.partnership, "Sefton Safeguarding Children Partnership") == 0 &&
		   strcmp(rep->meta.partnership_short, "Sefton SCP") == 0 &&
		   strcmp(rep->meta.title, "Annual Report 2023–2024") == 0 &&
		   strcmp(rep->meta.author, "Sefton SCP Business Unit") == 0,
	   "meta texts");
	ok(strcmp(rep->meta.vision, "Every child and young person in Sefton should be able to "
				    "grow up free from abuse and neglect.") == 0,
	   "meta text has its white space collapsed");
	ok(rep->meta.period_start.year == 2023 && rep->meta.period_start.month == 4 &&
		   rep->meta.period_start.day == 1 && rep->meta.period_end.year == 2024 &&
		   rep->meta.period_end.month == 3 && rep->meta.period_end.day == 31,
	   "reporting period dates");
	ok(rep->meta.logo_src && strcmp(rep->meta.logo_src, "images/logo.png") == 0 &&
		   pos_is(rep->meta.logo_pos, "report.xml", 10, 5),
	   "logo");
	ok(pos_is(rep->meta.pos, "report.xml", 3, 3), "meta position");

	const struct block *b = rep->body;
	ok(b && b->kind == BLK_CONTENTS && pos_is(b->pos, "report.xml", 12, 3), "contents first");
	const struct block *foreword = b ? b->next : NULL;
	ok(foreword && foreword->kind == BLK_SECTION && foreword->u.section.level == 1 &&
		   !foreword->u.section.appendix &&
		   strcmp(foreword->u.section.id, "foreword") == 0 &&
		   foreword->u.section.covers == (COVER_ACTIVITY | COVER_IMPACT),
	   "top-level section: id, level 1, covers bits");
	const struct block *p = foreword ? foreword->u.section.blocks : NULL;
	ok(p && p->kind == BLK_P && pos_is(p->pos, "report.xml", 14, 5), "paragraph");
	const struct inline_node *in = p ? p->u.p : NULL;
	ok(in && in->kind == IN_TEXT && strcmp(in->text, "Prose with ") == 0, "text as written");
	ok(nth_inline(in, 1) && nth_inline(in, 1)->kind == IN_EM &&
		   nth_inline(in, 1)->children &&
		   strcmp(nth_inline(in, 1)->children->text, "emphasis") == 0 &&
		   pos_is(nth_inline(in, 1)->pos, "report.xml", 14, 19),
	   "em with its text and position");
	ok(nth_inline(in, 3) && nth_inline(in, 3)->kind == IN_STRONG, "strong");
	ok(nth_inline(in, 5) && nth_inline(in, 5)->kind == IN_LINK &&
		   strcmp(nth_inline(in, 5)->target, "https://example.org") == 0 &&
		   strcmp(nth_inline(in, 5)->children->text, "a link") == 0,
	   "link");
	ok(nth_inline(in, 6) && nth_inline(in, 6)->kind == IN_TEXT &&
		   strcmp(nth_inline(in, 6)->text, ",\n       a cross-reference ") == 0,
	   "white space kept in text");
	ok(nth_inline(in, 7) && nth_inline(in, 7)->kind == IN_REF &&
		   strcmp(nth_inline(in, 7)->target, "lado-appendix") == 0,
	   "ref");
	ok(nth_inline(in, 9) && nth_inline(in, 9)->kind == IN_VALUE &&
		   strcmp(nth_inline(in, 9)->target, "lado.total") == 0,
	   "value");
	const struct block *list = p ? p->next : NULL;
	ok(list && list->kind == BLK_LIST && !list->u.list.ordered && list->u.list.n_items == 2,
	   "list of two items");
	if (list && list->u.list.n_items == 2) {
		const struct list_item *item = &list->u.list.items[0];
		ok(item->inlines && strcmp(item->inlines->text, "One & two") == 0 &&
			   !item->inlines->next,
		   "entities decoded; a nested list is not inline");
		ok(item->sublists && item->sublists->kind == BLK_LIST &&
			   item->sublists->u.list.ordered && item->sublists->u.list.n_items == 1,
		   "nested ordered list");
	}
	const struct block *quote = list ? list->next : NULL;
	ok(quote && quote->kind == BLK_QUOTE && strcmp(quote->u.quote.source, "Ofsted, 2019") == 0 &&
		   nth_inline(quote->u.quote.inlines, 1) &&
		   nth_inline(quote->u.quote.inlines, 1)->kind == IN_CHANGE &&
		   nth_inline(quote->u.quote.inlines, 1)->from.first_year == 2022,
	   "quote with change from 2022-23");
	const struct block *callout = quote ? quote->next : NULL;
	ok(callout && callout->kind == BLK_CALLOUT &&
		   strcmp(callout->u.callout.title, "What we learned") == 0 &&
		   callout->u.callout.blocks && callout->u.callout.blocks->kind == BLK_P &&
		   nth_inline(callout->u.callout.blocks->u.p, 1) &&
		   nth_inline(callout->u.callout.blocks->u.p, 1)->kind == IN_NOTE,
	   "callout with a note");
	const struct block *sigs = callout ? callout->next : NULL;
	ok(sigs && sigs->kind == BLK_SIGNATURES && sigs->u.signatures.n_signatories == 1 &&
		   strcmp(sigs->u.signatures.signatories[0].role, "Chair") == 0,
	   "signatures");
	const struct block *nested = sigs ? sigs->next : NULL;
	ok(nested && nested->kind == BLK_SECTION && nested->u.section.level == 2 &&
		   nested->u.section.blocks && nested->u.section.blocks->kind == BLK_SECTION &&
		   nested->u.section.blocks->u.section.level == 3,
	   "nested sections at levels 2 and 3");
	const struct block *figures = foreword ? foreword->next : NULL;
	const struct block *fb = figures ? figures->u.section.blocks : NULL;
	ok(fb && fb->kind == BLK_FIGURE && strcmp(fb->u.figure.alt, "The logo") == 0 &&
		   strcmp(fb->u.figure.caption, "Our logo") == 0,
	   "figure");
	fb = fb ? fb->next : NULL;
	ok(fb && fb->kind == BLK_TABLE && fb->u.table.head.n_cells == 2 &&
		   fb->u.table.head.cells[1].align == ALIGN_RIGHT &&
		   fb->u.table.head.cells[0].align == ALIGN_DEFAULT && fb->u.table.n_rows == 1 &&
		   strcmp(fb->u.table.rows[0].cells[1].inlines->text, "313") == 0,
	   "table");
	fb = fb ? fb->next : NULL;
	ok(fb && fb->kind == BLK_DATA_TABLE && strcmp(fb->u.data_table.of, "lado.activity") == 0,
	   "data-table");
	fb = fb ? fb->next : NULL;
	ok(fb && fb->kind == BLK_CHART && fb->u.chart.type == CHART_PIE && fb->u.chart.type_valid &&
		   fb->u.chart.type_given && fb->u.chart.sort == SORT_DESC &&
		   fb->u.chart.sort_given && fb->u.chart.table == CHART_TABLE_YES &&
		   strcmp(fb->u.chart.alt, "Physical is the largest") == 0,
	   "chart");
	fb = fb ? fb->next : NULL;
	ok(fb && fb->kind == BLK_CHART && !fb->u.chart.type_given && fb->u.chart.type_valid &&
		   !fb->u.chart.sort_given && fb->u.chart.table == CHART_TABLE_ANNEX,
	   "chart without type or sort: the defaults, and no error; table=\"annex\"");
	fb = fb ? fb->next : NULL;
	ok(fb && fb->kind == BLK_KPIS && fb->u.kpis.n_kpis == 2 &&
		   strcmp(fb->u.kpis.kpis[0].of, "lado.total") == 0 && !fb->u.kpis.kpis[0].value &&
		   strcmp(fb->u.kpis.kpis[1].value, "94,506") == 0,
	   "kpis");
	fb = fb ? fb->next : NULL;
	ok(fb && fb->kind == BLK_PAGE_BREAK && fb->next &&
		   fb->next->kind == BLK_SCRUTINY_PERSPECTIVE && fb->next->next &&
		   fb->next->next->kind == BLK_SCRUTINY_CONCLUSION,
	   "page break and scrutiny markers");
	const struct block *appendix = figures ? figures->next : NULL;
	ok(appendix && appendix->kind == BLK_SECTION && appendix->u.section.appendix &&
		   appendix->u.section.level == 1 && !appendix->next,
	   "appendix at level 1, last");

	/* finance.xml */
	const struct finance *fin = &m->finance;
	ok(strcmp(fin->currency, "GBP") == 0 && fin->n_contributions == 2 &&
		   strcmp(fin->contributions[1].name, "Merseyside Police") == 0 &&
		   dec_is(fin->contributions[1].amount, 125050, 2) && fin->n_costs == 1 &&
		   strcmp(fin->costs[0].name, "Business unit staffing") == 0,
	   "finance lines");
	ok(dec_is(fin->reserves_opening, 5200000, 0) && fin->has_totals &&
		   dec_is(fin->totals_income, 9775050, 2) && fin->n_previous == 1 &&
		   fin->previous[0].period.first_year == 2022 &&
		   dec_is(fin->previous[0].expenditure, 20950000, 0),
	   "finance reserves, totals, previous");
	ok(pos_is(fin->income_pos, "finance.xml", 2, 3) &&
		   pos_is(fin->expenditure_pos, "finance.xml", 6, 3),
	   "finance positions");

	/* lado.xml */
	const struct lado *lado = &m->lado;
	ok(lado->n_years == 2 && lado->years[1].period.first_year == 2023 &&
		   dec_is(lado->years[1].referrals, 26500, 0) && dec_is(lado->years[1].contacts, 4800, 0),
	   "lado activity");
	ok(lado->n_breakdowns == 2 && strcmp(lado->breakdowns[0].id, "category") == 0 &&
		   lado->breakdowns[0].measure == MEASURE_PERCENT && !lado->breakdowns[0].partial &&
		   !lado->breakdowns[0].base.present && lado->breakdowns[0].n_items == 5 &&
		   lado->breakdowns[0].items[3].measure == MEASURE_PERCENT &&
		   dec_is(lado->breakdowns[0].items[3].value, 650, 1),
	   "percent breakdown");
	ok(lado->n_breakdowns == 2 && lado->breakdowns[1].measure == MEASURE_COUNT &&
		   dec_is(lado->breakdowns[1].base, 2000, 0) &&
		   pos_is(lado->breakdowns[1].items[1].pos, "lado.xml", 14, 45),
	   "count breakdown; an item after another on its line");
	ok(lado->n_timescales == 1 && dec_is(lado->timescales[0].band[BAND_OVER_12_MONTHS], 80, 1) &&
		   dec_is(lado->timescales[0].band[BAND_UNDER_1_MONTH], 7600, 0),
	   "timescales");

	/* yjs.xml */
	const struct yjs *yjs = &m->yjs;
	ok(yjs->offences.present && !yjs->offences.kind && dec_is(yjs->offences.total, 10800, 0) &&
		   yjs->offences.n_breakdowns == 1 && yjs->incidents.present &&
		   strcmp(yjs->incidents.kind, "anti-social behaviour") == 0 &&
		   dec_is(yjs->incidents.children, 1400, 0),
	   "yjs groups");
	ok(yjs->has_cohort && yjs->cohort_as_of.year == 2024 && yjs->cohort_as_of.month == 7 &&
		   yjs->n_measures == 1 && dec_is(yjs->measures[0].percent, 3380, 1),
	   "yjs cohort");

	/* training.xml */
	const struct training *t = &m->training;
	ok(t->n_courses == 3 && t->courses[1].mode == MODE_VIRTUAL &&
		   t->courses[2].mode == MODE_E_LEARNING && !t->courses[1].attendees.present &&
		   dec_is(t->courses[0].attendees, 26400, 0) && t->has_totals &&
		   dec_is(t->totals_sessions, 1500, 0) && t->n_previous == 1,
	   "training");

	/* scrutiny.xml */
	const struct scrutiny *s = &m->scrutiny;
	ok(strcmp(s->scrutineer_name, "Liz Murphy") == 0 && s->n_comments == 1 &&
		   strcmp(s->comments[0].on, "foreword") == 0 && s->comments[0].blocks &&
		   s->comments[0].blocks->kind == BLK_P,
	   "scrutiny comment");
	ok(s->has_perspective && s->perspective && s->perspective->next &&
		   s->perspective->next->kind == BLK_LIST &&
		   strcmp(s->perspective_title, "The effectiveness of our arrangements") == 0,
	   "scrutiny perspective");
	ok(s->has_conclusion && s->strengths.n_items == 2 && s->development.n_items == 1 &&
		   strcmp(s->development.items[0].inlines->text, "Data") == 0,
	   "scrutiny conclusion");
	ok(s->has_sign_off && s->sign_off.year == 2024 && s->sign_off.month == 10 &&
		   s->sign_off.day == 15 && pos_is(s->sign_off_pos, "scrutiny.xml", 9, 3),
	   "sign-off");

	/* reviews.xml */
	const struct reviews *rv = &m->reviews;
	const struct review *scr = rv->n_reviews == 2 ? &rv->reviews[0] : NULL;
	ok(scr && strcmp(scr->id, "scr1") == 0 && strcmp(scr->name, "Martha, Mary & Ben") == 0 &&
		   scr->kind_valid && scr->kind == REVIEW_SCR && scr->status == REVIEW_COMPLETE &&
		   scr->year.first_year == 0 && review_year(scr).first_year == 2017 &&
		   pos_is(scr->pos, "reviews.xml", 2, 3),
	   "a review: id, name, kind, status, and its year from its first milestone");
	ok(scr && scr->n_milestones == 2 && scr->milestones[0].event == MS_AUTHOR &&
		   scr->milestones[0].date.year == 2018 && scr->milestones[0].date.month == 2 &&
		   scr->milestones[0].date.day == 0 && scr->milestones[1].date.day == 12 &&
		   strcmp(scr->milestones[1].note, "sensitive delay") == 0 &&
		   !scr->milestones[1].expected,
	   "milestones: a month has day 0, a day its day, a note");
	ok(scr && scr->n_links == 1 && scr->links[0].kind == LINK_BRIEFING && scr->n_themes == 1 &&
		   strcmp(scr->themes[0].text, "Neglect") == 0 && scr->n_actions == 1 &&
		   strcmp(scr->actions[0].text, "Refresh the strategy") == 0 &&
		   scr->actions[0].status == ACTION_IN_PROGRESS &&
		   strcmp(scr->actions[0].owner, "Health") == 0 && scr->actions[0].date.month == 3,
	   "links, themes and actions (text with white space collapsed)");
	ok(rv->n_reviews == 2 && rv->reviews[1].year.first_year == 2023 &&
		   rv->reviews[1].kind == REVIEW_RAPID && !rv->reviews[1].milestones[0].expected,
	   "a review's year as written");
	result_free(&r);
	folder_free(dir);
}

static void test_positions(void)
{
	/* Columns count code points (é is 2 bytes, 😀 is 4), a tab is one,
	 * a byte order mark is none; CR LF is one line end. Comments, CDATA
	 * and processing instructions hide what looks like tags. */
	char *dir = folder_new();
	put(dir, "lado.xml",
	    "\xEF\xBB\xBF<lado version=\"1\" period=\"2023-24\">\r\n"
	    "\t<activity><!-- <year> --><?pi <year>?><year period=\"2023-24\" referrals=\"é😀\" contacts=\"1\"/>"
	    "<year period=\"2022-23\" referrals=\"1\" contacts=\"1\"/></activity>\r\n"
	    "  <timescales><year period=\"2023-24\" under-1-month=\"76\" under-3-months=\"14\" "
	    "under-12-months=\"9\" over-12-months=\"1\"/></timescales>\n"
	    "</lado>\n");
	struct result r;
	load(dir, &r);
	ok(ONLY(&r.d, "lado.xml:2:40: error: referrals=\"é😀\" is not a count: write whole "
		      "numbers with digits only"),
	   "a malformed count is reported at its element, after a comment and a PI");
	const struct lado *lado = &r.m->lado;
	ok(pos_is(lado->head.pos, "lado.xml", 1, 1), "a byte order mark is not a column");
	ok(pos_is(lado->activity_pos, "lado.xml", 2, 2), "a tab is one column");
	ok(lado->n_years == 2 && pos_is(lado->years[1].pos, "lado.xml", 2, 92),
	   "the column after multi-byte characters counts code points");
	ok(pos_is(lado->timescales_pos, "lado.xml", 3, 3), "CR LF ends one line");
	result_free(&r);

	put(dir, "lado.xml",
	    "<lado version=\"1\" period=\"2023-24\"><activity><![CDATA[<year>]]>\r"
	    "<year period=\"2023-24\" referrals=\"1\" contacts=\"1\"/>"
	    "</activity><timescales><year period=\"2023-24\" under-1-month=\"76\" under-3-months=\"14\" "
	    "under-12-months=\"9\" over-12-months=\"1\"/></timescales></lado>");
	load(dir, &r);
	ok(ONLY(&r.d, "lado.xml:1:36: error: text is not allowed directly inside <activity>") &&
		   r.m->lado.n_years == 1 && pos_is(r.m->lado.years[0].pos, "lado.xml", 2, 1),
	   "CDATA hides a tag; a lone CR ends a line");
	result_free(&r);
	folder_free(dir);
}

static volatile sig_atomic_t alarm_fired;

static void on_alarm(int sig)
{
	(void)sig;
	alarm_fired = 1;
}

/* A marker that must never appear in a finding or the model. */
static const char marker[] = "SECRET-MARKER-7f3a9c";

static bool marker_in_blocks(const struct block *b);

static bool marker_in_inlines(const struct inline_node *in)
{
	for (; in; in = in->next)
		if ((in->text && strstr(in->text, marker)) || marker_in_inlines(in->children))
			return true;
	return false;
}

static bool marker_in_blocks(const struct block *b)
{
	for (; b; b = b->next) {
		if (b->kind == BLK_P && marker_in_inlines(b->u.p))
			return true;
		if (b->kind == BLK_SECTION && marker_in_blocks(b->u.section.blocks))
			return true;
	}
	return false;
}

static bool marker_anywhere(const struct result *r)
{
	for (size_t i = 0; i < r->d.n; i++)
		if (strstr(r->d.items[i].message, marker))
			return true;
	return r->m && (marker_in_blocks(r->m->report.body) ||
			(r->m->report.meta.title && strstr(r->m->report.meta.title, marker)));
}

static void test_doctype(void)
{
	char *dir = folder_new();
	char fifo[4096], secret[4096], text[16384];
	path_in(fifo, sizeof fifo, dir, "fifo");
	path_in(secret, sizeof secret, dir, "secret.txt");
	if (mkfifo(fifo, 0600) != 0)
		perror("mkfifo");
	put(dir, "secret.txt", marker);

	/* Were the FIFO opened for reading, open() would block: the alarm
	 * turns that into a failed test instead of a hung one. */
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(5);

	snprintf(text, sizeof text,
		 "<?xml version=\"1.0\"?>\n"
		 "<!DOCTYPE report [\n"
		 "  <!ENTITY fifo SYSTEM \"file://%s\">\n"
		 "  <!ENTITY secret SYSTEM \"%s\">\n"
		 "]>\n"
		 "%.*s&fifo;&secret;</report>\n",
		 fifo, secret, (int)(strlen(report_xml) - strlen("</report>\n")) - 39,
		 report_xml + 39);
	put(dir, "report.xml", text);
	snprintf(text, sizeof text, "<!DOCTYPE lado SYSTEM \"%s\">\n%s", fifo, lado_xml);
	put(dir, "lado.xml", text);
	snprintf(text, sizeof text,
		 "<!-- <!DOCTYPE is fine in a comment -->\n"
		 "<training version=\"1\" period=\"2023-24\"><course title=\"T\" mode=\"virtual\" sessions=\"1\"/>\n"
		 "<!doctype training [<!ENTITY s SYSTEM \"%s\">]>\n</training>\n", secret);
	put(dir, "training.xml", text);

	struct result r;
	load(dir, &r);
	alarm(0);
	ok(!alarm_fired, "no file named by a DOCTYPE is opened (the FIFO did not block)");
	ok(ONLY(&r.d,
		"lado.xml:1:1: error: a DOCTYPE is not allowed (it could declare entities); remove it",
		"report.xml:2:1: error: a DOCTYPE is not allowed (it could declare entities); remove it",
		"training.xml:3:1: error: a DOCTYPE is not allowed (it could declare entities); remove it"),
	   "a DOCTYPE is refused at its own line, wherever it stands");
	ok(!marker_anywhere(&r), "the secret file's content appears nowhere");
	ok(!r.m->report.head.loaded && !r.m->lado.head.loaded, "a file with a DOCTYPE is not loaded");
	result_free(&r);
	folder_free(dir);
}

static void test_billion_laughs(void)
{
	char *dir = folder_new();
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof text, "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
							 " <!ENTITY lol \"lol\">\n");
	for (int i = 1; i < 10; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					" <!ENTITY lol%d \"&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;"
					"&lol%s;&lol%s;&lol%s;&lol%s;&lol%s;\">\n",
					i, i == 1 ? "" : "X", "", "", "", "", "", "", "", "", "");
	/* The names above are not all declared: it does not matter, the
	 * DOCTYPE must be refused before anything expands. Make one real
	 * chain too. */
	len += (size_t)snprintf(text + len, sizeof text - len,
				" <!ENTITY a \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
				" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
				" <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
				" <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
				" <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
				" <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
				" <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
				" <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
				" <!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
				"]>\n<yjs version=\"1\" period=\"2023-24\"><offences total=\"1\" "
				"children=\"1\"/>&i;</yjs>\n");
	put(dir, "yjs.xml", text);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct result r;
	load(dir, &r);
	double took = seconds_since(&t0);
	ok(has(&r.d, "yjs.xml:2:1: error: a DOCTYPE is not allowed (it could declare entities); "
		     "remove it") && r.d.n == 1,
	   "a billion-laughs bomb is refused");
	ok(took < 0.5, "… quickly (%.3f s for the folder)", took);
	result_free(&r);
	folder_free(dir);
}

static void test_bytes(void)
{
	ok(ONE_FILE("lado.xml",
		    "<lado version=\"1\" period=\"2023-24\">\n"
		    "  <activity>\n"
		    "    <year period=\"2023-24\" referrals=\"1\" contacts=\"1\"/><!-- naïve caf\xE9 -->\n"
		    "  </activity>\n"
		    "</lado>\n",
		    "lado.xml:3:70: error: byte 0xE9 is not UTF-8; save the file as UTF-8"),
	   "a byte that is not UTF-8, at its line and column");
	ok(ONE_FILE("lado.xml", "<lado version=\"1\" period=\"2023-24\">\xC0\xAF</lado>",
		    "lado.xml:1:36: error: byte 0xC0 is not UTF-8; save the file as UTF-8"),
	   "an overlong UTF-8 sequence is not UTF-8");
	ok(ONE_FILE("lado.xml", "\xFF\xFE<\0l\0",
		    "lado.xml:1:1: error: the file is UTF-16; save it as UTF-8"),
	   "UTF-16 is named");

	char *dir = folder_new();
	put_bytes(dir, "lado.xml", "<lado>\n  <activity>\0</activity></lado>", 37);
	struct result r;
	load(dir, &r);
	ok(ONLY(&r.d, "lado.xml:2:13: error: NUL byte (0x00): this is not a text file; save it "
		      "as UTF-8 text"),
	   "a NUL byte");
	result_free(&r);

	put(dir, "lado.xml", "");
	put(dir, "yjs.xml", "\xEF\xBB\xBF \n\t\n");
	load(dir, &r);
	ok(ONLY(&r.d, "lado.xml:1:1: error: file is empty: it should hold the <lado> element",
		"yjs.xml:1:1: error: file is empty: it should hold the <yjs> element"),
	   "empty files (nothing, or a byte order mark and white space)");
	ok(!r.m->lado.head.loaded && !r.m->yjs.head.loaded && r.m->finance.head.loaded,
	   "empty files are not loaded, the others are");
	result_free(&r);
	folder_free(dir);
}

static void test_files(void)
{
	char *dir = folder_new();
	char path[4096];
	path_in(path, sizeof path, dir, "training.xml");
	unlink(path);
	path_in(path, sizeof path, dir, "scrutiny.xml");
	unlink(path);
	mkfifo(path, 0600);
	path_in(path, sizeof path, dir, "finance.xml");
	unlink(path);
	mkdir(path, 0700);

	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm_fired = 0;
	alarm(5);
	struct result r;
	load(dir, &r);
	alarm(0);
	ok(!alarm_fired, "a FIFO in place of a file does not block");
	ok(ONLY(&r.d,
		"finance.xml:1:1: error: finance.xml is not a regular file; it must be an XML file",
		"scrutiny.xml:1:1: error: scrutiny.xml is not a regular file; it must be an XML file"),
	   "irregular files are errors; a missing data file is not (FORMAT.md revision 2)");
	ok(r.m && !r.m->training.head.loaded && r.m->training.n_courses == 0 &&
		   r.m->training.head.absent && !r.m->finance.head.absent &&
		   r.m->lado.head.loaded,
	   "a missing file leaves its part of the model empty, and is marked absent");
	result_free(&r);

	/* 10 MB: refused from its size, before it is read. */
	path_in(path, sizeof path, dir, "lado.xml");
	int fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0 || ftruncate(fd, 10 * 1024 * 1024) != 0)
		perror("ftruncate");
	close(fd);
	load(dir, &r);
	ok(has(&r.d, "lado.xml:1:1: error: file is 10 MB; the limit is 8 MB"), "a 10 MB file");
	result_free(&r);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0 || ftruncate(fd, LOAD_MAX_FILE_BYTES + 1) != 0)
		perror("ftruncate");
	close(fd);
	load(dir, &r);
	ok(has(&r.d, "lado.xml:1:1: error: file is 8.1 MB; the limit is 8 MB"),
	   "a file one byte over the limit");
	result_free(&r);
	folder_free(dir);

	diags_init(&r.d);
	r.m = load_folder("/nonexistent/report-folder", &r.d, r.err, sizeof r.err);
	ok(!r.m && strstr(r.err, "/nonexistent/report-folder") && r.d.n == 0,
	   "an unreadable folder: NULL and why (%s)", r.err);
	diags_free(&r.d);
}

static void test_depth(void)
{
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof text,
				      "<report version=\"1\" period=\"2023-24\">\n<meta>");
	for (int i = 0; i < LOAD_MAX_DEPTH; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "<em>");
	snprintf(text + len, sizeof text - len, "</meta></report>\n");
	ok(ONE_FILE("report.xml", text,
		    "report.xml:2:255: error: elements nest more than 64 deep here; flatten the content"),
	   "nesting deeper than LOAD_MAX_DEPTH");
	/* Exactly LOAD_MAX_DEPTH is fine as far as depth goes. */
	len = (size_t)snprintf(text, sizeof text, "<report version=\"1\" period=\"2023-24\">\n<meta>");
	for (int i = 0; i < LOAD_MAX_DEPTH - 3; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "<em>");
	len += (size_t)snprintf(text + len, sizeof text - len, "<em/>");
	for (int i = 0; i < LOAD_MAX_DEPTH - 3; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "</em>");
	snprintf(text + len, sizeof text - len, "</meta></report>\n");
	char *dir = folder_new();
	put(dir, "report.xml", text);
	struct result r;
	load(dir, &r);
	bool deep = false;
	for (size_t i = 0; i < r.d.n; i++)
		deep |= strstr(r.d.items[i].message, "nest") != NULL;
	ok(!deep && r.m->report.head.loaded, "%d levels are allowed", LOAD_MAX_DEPTH);
	result_free(&r);

	/* libxml2 2.9 looks for repeated attributes in quadratic time. */
	len = (size_t)snprintf(text, sizeof text, "<lado\n  version=\"1\" period=\"2023-24\"");
	for (int i = 0; i < 300; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, " a%d=''", i);
	snprintf(text + len, sizeof text - len, "/>");
	put(dir, "lado.xml", text);
	put(dir, "report.xml", report_xml);
	load(dir, &r);
	ok(ONLY(&r.d, "lado.xml:1:1: error: more than 256 attributes on one element here"),
	   "too many attributes on one element");
	result_free(&r);
	folder_free(dir);
}

static void test_well_formedness(void)
{
	ok(ONE_FILE("lado.xml",
		    "<lado version=\"1\" period=\"2023-24\">\n  <activity>\n  </activty>\n</lado>\n",
		    "lado.xml:3:13: error: not well-formed XML: end tag </activty> does not match the "
		    "start tag <activity> of line 2"),
	   "mismatched end tag");
	ok(ONE_FILE("lado.xml", "<lado version=\"1\" period=\"2023-24\">\n  <activity>\n",
		    "lado.xml:3:1: error: not well-formed XML: the file ends before <activity> (line 2) "
		    "is closed"),
	   "unclosed element");
	ok(ONE_FILE("lado.xml", "<lado version=\"1\" period=\"2023-24\">&nbsp;</lado>",
		    "lado.xml:1:42: error: not well-formed XML: unknown entity &nbsp;: XML knows only "
		    "&amp; &lt; &gt; &quot; &apos; (write other characters as themselves)"),
	   "undeclared entity");
	ok(ONE_FILE("lado.xml", "<lado version=\"1\" version=\"1\"/>",
		    "lado.xml:1:30: error: not well-formed XML: attribute version is given twice"),
	   "repeated attribute");
	ok(ONE_FILE("lado.xml", "<lado version=\"1\" period=\"2023-24\">Fish & chips</lado>",
		    "lado.xml:1:42: error: not well-formed XML: a & must be written &amp;"),
	   "bare ampersand");
}

static void test_schema(void)
{
	ok(ONE_FILE("training.xml",
		    "<training version=\"1\" period=\"2023-24\">\n"
		    "  <course title=\"A\" mode=\"virtual\" sessions=\"1\"/>\n"
		    "  <cours title=\"B\" mode=\"virtual\" sessions=\"1\"/>\n"
		    "</training>\n",
		    "training.xml:3:3: error: unknown element <cours> here; did you mean <course>?"),
	   "unknown element, with the near miss");
	ok(ONE_FILE("training.xml",
		    "<training version=\"1\" period=\"2023-24\">\n"
		    "  <course title=\"A\" mode=\"virtual\" sessions=\"1\"/>\n"
		    "  <strange/>\n"
		    "</training>\n",
		    "training.xml:3:3: error: unknown element <strange> here; expected one of <course>, "
		    "<totals>, <previous>"),
	   "unknown element, with what is expected");
	ok(ONE_FILE("training.xml",
		    "<training version=\"1\" period=\"2023-24\">\n"
		    "  <totals sessions=\"1\" attendees=\"1\"/>\n"
		    "</training>\n",
		    "training.xml:2:3: error: <totals> is not allowed here; expected <course>"),
	   "a known element in the wrong place");
	ok(ONE_FILE("training.xml",
		    "<training version=\"1\" period=\"2023-24\">\n"
		    "  <course title=\"A\" sessions=\"1\" colour=\"red\"/>\n"
		    "</training>\n",
		    "training.xml:2:3: error: unknown attribute colour on <course>",
		    "training.xml:2:3: error: <course> is missing the attribute mode=\"…\""),
	   "unknown and missing attributes");
	ok(ONE_FILE("training.xml", "<training version=\"1\" period=\"2023-24\">\n</training>\n",
		    "training.xml:1:1: error: <training> is missing <course>"),
	   "missing child element, at the parent");
	ok(ONE_FILE("training.xml", "<training version=\"1\" period=\"2023-24\">\n"
				    "  <course title=\"A\" mode=\"virtual\" sessions=\"1\">text</course>\n"
				    "</training>\n",
		    "training.xml:2:3: error: <course> must be empty: write <course …/>"),
	   "content in an empty element");
	ok(ONE_FILE("training.xml", "<t:training xmlns:t=\"urn:x\" version=\"1\" period=\"2023-24\"/>\n",
		    "training.xml:1:1: error: <training> must not have a namespace; remove xmlns"),
	   "a root in a namespace");
	ok(ONE_FILE("training.xml", "<lado version=\"1\" period=\"2023-24\"/>\n",
		    "training.xml:1:1: error: wrong root element <lado>: training.xml holds <training "
		    "version=\"1\" period=\"…\">"),
	   "wrong root");
	ok(ONE_FILE("report.xml",
		    "<report version=\"2\" period=\"2023-24\" lang=\"en GB\" style=\"../x\"><meta>"
		    "<partnership short=\"S\">P</partnership><title>T</title>"
		    "<reporting-period start=\"2023-04-01\" end=\"2024-03-31\"/>"
		    "<author>A</author><vision>V</vision></meta></report>\n",
		    "report.xml:1:1: error: version=\"2\" is not supported: this reportc reads version=\"1\"",
		    "report.xml:1:1: error: style=\"../x\" is not a style name: use letters, digits, - "
		    "and _ only (it names a file in styles/)",
		    "report.xml:1:1: error: lang=\"en GB\" on <report> is not a language tag such as en-GB"),
	   "root attributes: version, style, lang");
	ok(ONE_FILE("report.xml",
		    "<report version=\"1\" period=\"2023-24\"><meta>"
		    "<partnership short=\"S\">P</partnership><title>T</title>"
		    "<reporting-period start=\"2023-04-01\" end=\"2024-03-31\"/>"
		    "<author>A</author><vision>V</vision></meta>\n"
		    "<section id=\"a\" title=\"A\" covers=\"activity fundng\"/>\n"
		    "<section id=\"b\" title=\"B\" covers=\" \"/>\n"
		    "<section id=\"C_d\" title=\"C\"><chart of=\"x\" type=\"pi\" alt=\"a\"/></section>\n"
		    "</report>\n",
		    "report.xml:2:1: error: covers=\"activity fundng\": \"fundng\" is not a statutory "
		    "item (activity, effectiveness, impact, little-progress, reviews, voice, scrutiny, "
		    "funding, education); did you mean \"funding\"?",
		    "report.xml:3:1: error: covers=\" \" names no item: list the statutory items the "
		    "section covers, e.g. covers=\"activity impact\"",
		    "report.xml:4:1: error: id=\"C_d\" is not an id: start with a lower-case letter, then "
		    "use only a-z, 0-9 and -, e.g. id=\"c-d\"",
		    "report.xml:4:29: error: type=\"pi\" is not allowed: write bar, hbar, grouped-bar, "
		    "stacked-bar, stacked-bar-100, line, pie, donut or timeline; did you mean "
		    "type=\"pie\"?"),
	   "covers, ids and enumerations");
}

static void test_values(void)
{
	const char *head = "<lado version=\"1\" period=\"2023-24\">\n  <activity>\n";
	const char *tail = "  </activity>\n  <timescales><year period=\"2023-24\" under-1-month=\"76\" "
			   "under-3-months=\"14\" under-12-months=\"9\" over-12-months=\"1\"/>"
			   "</timescales>\n</lado>\n";
	char text[8192];
	snprintf(text, sizeof text, "%s%s%s", head,
		 "    <year period=\"2019-21\" referrals=\"1,000\" contacts=\"12345678901234567890\"/>\n"
		 "    <year period=\"2020/21\" referrals=\"-3\" contacts=\"1e309\"/>\n"
		 "    <year period=\"x\" referrals=\"\" contacts=\" 12\"/>\n"
		 "    <year period=\"2023-24\" referrals=\"000000000000000000000007\" contacts=\"12.0\"/>\n",
		 tail);
	char *dir = folder_new();
	put(dir, "lado.xml", text);
	struct result r;
	load(dir, &r);
	ok(ONLY(&r.d,
		"lado.xml:3:5: error: period=\"2019-21\" is not a period: write YYYY-YY with the second "
		"year one after the first, e.g. period=\"2019-20\"",
		"lado.xml:3:5: error: referrals=\"1,000\" is not a count: write whole numbers with digits "
		"only, e.g. referrals=\"1000\"",
		"lado.xml:3:5: error: contacts=\"12345678901234567890\" is too large: a count has at most "
		"15 digits",
		"lado.xml:4:5: error: period=\"2020/21\" is not a period: write YYYY-YY with the second "
		"year one after the first, e.g. period=\"2020-21\"",
		"lado.xml:4:5: error: referrals=\"-3\" is negative: a count is a whole number ≥ 0",
		"lado.xml:4:5: error: contacts=\"1e309\" is not a count: write whole numbers with digits "
		"only",
		"lado.xml:5:5: error: period=\"x\" is not a period: write YYYY-YY with the second year "
		"one after the first",
		"lado.xml:5:5: error: referrals=\"\" is empty: a count is a whole number written with "
		"digits",
		"lado.xml:5:5: error: contacts=\" 12\" is not a count: write whole numbers with digits "
		"only, e.g. contacts=\"12\"",
		"lado.xml:6:5: error: contacts=\"12.0\" is not a count: write whole numbers with digits "
		"only"),
	   "counts and periods: one message per value, none from the schema");
	ok(r.d.n && r.d.items[1].rule == 11 && r.d.items[0].rule == 1,
	   "counts are rule 11, periods rule 1");
	ok(r.m->lado.n_years == 4 && !r.m->lado.years[0].referrals.present &&
		   r.m->lado.years[0].period.first_year == 0 &&
		   dec_is(r.m->lado.years[3].referrals, 700, 0),
	   "malformed values are absent in the model; leading zeros are fine");
	result_free(&r);

	put(dir, "lado.xml",
	    "<lado version=\"1\" period=\"2023-24\">\n"
	    "  <activity><year period=\"2023-24\" referrals=\"1\" contacts=\"1\"/></activity>\n"
	    "  <breakdown id=\"b\" base=\"1.5\">\n"
	    "    <item label=\"A\" percent=\"12%\"/>\n"
	    "    <item label=\"B\" percent=\"6,5\"/>\n"
	    "    <item label=\"C\" percent=\"101\"/>\n"
	    "    <item label=\"D\" percent=\"12.345\"/>\n"
	    "    <item label=\"E\" percent=\"-1\"/>\n"
	    "    <item label=\"F\" percent=\"100.00\"/>\n"
	    "    <item label=\"G\" count=\"1\" percent=\"1\"/>\n"
	    "    <item label=\"H\"/>\n"
	    "    <item label=\"I\" count=\"2\"/>\n"
	    "  </breakdown>\n"
	    "  <timescales><year period=\"2023-24\" under-1-month=\"76\" under-3-months=\"14\" "
	    "under-12-months=\"9\" over-12-months=\".8\"/></timescales>\n"
	    "</lado>\n");
	load(dir, &r);
	ok(ONLY(&r.d,
		"lado.xml:3:3: error: base=\"1.5\" is not a count: write whole numbers with digits only",
		"lado.xml:4:5: error: percent=\"12%\" is not a percentage: write a number from 0 to 100 "
		"with at most two decimals and no % sign, e.g. percent=\"12\"",
		"lado.xml:5:5: error: percent=\"6,5\" is not a percentage: write a number from 0 to 100 "
		"with at most two decimals and no % sign, e.g. percent=\"6.5\"",
		"lado.xml:6:5: error: percent=\"101\" is more than 100",
		"lado.xml:7:5: error: percent=\"12.345\" has more than two decimals: round it, e.g. "
		"percent=\"12.35\"",
		"lado.xml:8:5: error: percent=\"-1\" is negative: a percentage is from 0 to 100",
		"lado.xml:10:5: error: item has both count and percent; give one",
		"lado.xml:11:5: error: item has neither count nor percent; give one",
		"lado.xml:14:15: error: over-12-months=\".8\" is not a percentage: write a number from 0 "
		"to 100 with at most two decimals and no % sign"),
	   "percentages and the one-of rule");
	const struct breakdown *bd = r.m->lado.n_breakdowns ? &r.m->lado.breakdowns[0] : NULL;
	ok(bd && bd->n_items == 9 && dec_is(bd->items[5].value, 10000, 2) &&
		   bd->items[5].measure == MEASURE_PERCENT && bd->items[6].measure == MEASURE_NONE &&
		   bd->items[7].measure == MEASURE_NONE && bd->items[8].measure == MEASURE_COUNT &&
		   bd->measure == MEASURE_MIXED,
	   "item measures; a breakdown of percent and count items is MIXED");
	result_free(&r);

	put(dir, "lado.xml", lado_xml);
	put(dir, "finance.xml",
	    "<finance version=\"1\" period=\"2023-24\" currency=\"GBP\">\n"
	    "  <income>\n"
	    "    <contribution from=\"A\" amount=\"-500\"/>\n"
	    "    <contribution from=\"B\" amount=\"£1,250.50\"/>\n"
	    "    <contribution from=\"C\" amount=\"1e309\"/>\n"
	    "    <contribution from=\"D\" amount=\"12345678901234567890\"/>\n"
	    "    <contribution from=\"E\" amount=\"10.005\"/>\n"
	    "    <contribution from=\"F\" amount=\"999999999999999.99\"/>\n"
	    "  </income>\n"
	    "  <expenditure><cost item=\"X\" amount=\"0\"/></expenditure>\n"
	    "</finance>\n");
	load(dir, &r);
	ok(ONLY(&r.d,
		"finance.xml:3:5: error: amount=\"-500\" is negative: money is written as pounds ≥ 0",
		"finance.xml:4:5: error: amount=\"£1,250.50\" is not an amount of money: write pounds "
		"with digits only, at most two decimals and no £ sign or commas, e.g. amount=\"1250.50\"",
		"finance.xml:5:5: error: amount=\"1e309\" is not an amount of money: write pounds with "
		"digits only, at most two decimals and no £ sign or commas",
		"finance.xml:6:5: error: amount=\"12345678901234567890\" is too large: at most 15 digits "
		"before the decimal point",
		"finance.xml:7:5: error: amount=\"10.005\" has more than two decimals: money is written "
		"to the penny, e.g. amount=\"10.01\""),
	   "money");
	ok(r.m->finance.n_contributions == 6 &&
		   dec_is(r.m->finance.contributions[5].amount, 99999999999999999LL, 2),
	   "the largest amount is exact");
	result_free(&r);

	put(dir, "yjs.xml",
	    "<yjs version=\"1\" period=\"2023-24\">\n"
	    "  <offences total=\"1\" children=\"1\"/>\n"
	    "  <cohort as-of=\"2023-02-29\"><measure label=\"A\" percent=\"1\"/></cohort>\n"
	    "</yjs>\n");
	put(dir, "scrutiny.xml",
	    "<scrutiny version=\"1\" period=\"2023-24\">\n"
	    "  <scrutineer name=\"N\" role=\"R\"/>\n"
	    "  <sign-off date=\"15/10/2024\"/>\n"
	    "</scrutiny>\n");
	put(dir, "training.xml",
	    "<training version=\"1\" period=\"2023-24\">\n"
	    "  <course title=\"A\" mode=\"Virtual\" sessions=\"1\"/>\n"
	    "  <course title=\"B\" mode=\"online\" sessions=\"1\"/>\n"
	    "</training>\n");
	load(dir, &r);
	ok(ONLY(&r.d,
		"finance.xml:3:5: error: amount=\"-500\" is negative: money is written as pounds ≥ 0",
		"finance.xml:4:5: error: amount=\"£1,250.50\" is not an amount of money: write pounds "
		"with digits only, at most two decimals and no £ sign or commas, e.g. amount=\"1250.50\"",
		"finance.xml:5:5: error: amount=\"1e309\" is not an amount of money: write pounds with "
		"digits only, at most two decimals and no £ sign or commas",
		"finance.xml:6:5: error: amount=\"12345678901234567890\" is too large: at most 15 digits "
		"before the decimal point",
		"finance.xml:7:5: error: amount=\"10.005\" has more than two decimals: money is written "
		"to the penny, e.g. amount=\"10.01\"",
		"scrutiny.xml:3:3: error: date=\"15/10/2024\" is not a date: write YYYY-MM-DD, e.g. "
		"date=\"2024-10-15\"",
		"training.xml:2:3: error: mode=\"Virtual\" is not allowed: write face-to-face, virtual "
		"or e-learning; did you mean mode=\"virtual\"?",
		"training.xml:3:3: error: mode=\"online\" is not allowed: write face-to-face, virtual or "
		"e-learning",
		"yjs.xml:3:3: error: as-of=\"2023-02-29\" is not a real date: February 2023 has 28 days"),
	   "dates and modes");
	ok(!r.m->scrutiny.sign_off.year && r.m->scrutiny.has_sign_off, "a malformed date is year 0");
	result_free(&r);
	folder_free(dir);
}

int main(void)
{
	test_valid_folder();
	test_positions();
	test_doctype();
	test_billion_laughs();
	test_bytes();
	test_files();
	test_depth();
	test_well_formedness();
	test_schema();
	test_values();
	return tap_done();
}
