/* test-init.c - reportc init: the year moved on in text and dates, XML
 * escaping, and a whole folder started from report-data/2023-24 whose
 * check lists exactly its figures to enter. TAP; run from the source root. */
#define _XOPEN_SOURCE 700 /* nftw, mkdtemp */

#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "init.h"
#include "vocab.h"
#include "load.h"
#include "model.h"
#include "tap.h"


/* ---- the year in text ----------------------------------------------------- */

static void advances(struct arena *a, int year, const char *in, const char *want)
{
	const char *got = init_advance_text(a, in, year);
	if (!ok(strcmp(got, want) == 0, "advance \"%s\" -> \"%s\"", in, want))
		printf("# got \"%s\"\n", got);
}

static void test_text(void)
{
	struct arena *a = arena_new();
	advances(a, 2023, "Annual Report 2023\xE2\x80\x93" "2024", "Annual Report 2024\xE2\x80\x93" "2025");
	advances(a, 2023, "Annual Report 2023\xE2\x80\x93" "24", "Annual Report 2024\xE2\x80\x93" "25");
	advances(a, 2023, "Offences 2023/24", "Offences 2024/25");
	advances(a, 2023, "2023/2024", "2024/2025");
	advances(a, 2023, "Communications 2023-24", "Communications 2024-25");
	advances(a, 2023, "Priorities 2023-2024 and", "Priorities 2024-2025 and");
	advances(a, 2023, "LADO activity, 2020-21 to 2023-24", "LADO activity, 2020-21 to 2024-25");
	advances(a, 2023, "1 April 2023 to 31 March 2024", "1 April 2024 to 31 March 2025");
	/* Left alone: a year by itself, another period, digits that run on. */
	advances(a, 2023, "Structure 2024", "Structure 2024");
	advances(a, 2023, "2022-23 and 2024-25", "2022-23 and 2024-25");
	advances(a, 2023, "12023-24", "12023-24");
	advances(a, 2023, "2023-245", "2023-245");
	advances(a, 2023, "2023-25", "2023-25");
	advances(a, 2023, "11 April 2023 and 31 March 2023", "11 April 2023 and 31 March 2023");
	advances(a, 2099, "2099-00", "2100-01");
	advances(a, 2023, "", "");
	arena_free(a);
}

static void test_dates(void)
{
	struct date d = init_advance_date((struct date){ 2024, 7, 31 });
	ok(d.year == 2025 && d.month == 7 && d.day == 31, "2024-07-31 -> 2025-07-31");
	d = init_advance_date((struct date){ 2024, 2, 29 });
	ok(d.year == 2025 && d.month == 2 && d.day == 28, "2024-02-29 -> 2025-02-28");
	d = init_advance_date((struct date){ 2027, 2, 28 });
	ok(d.year == 2028 && d.month == 2 && d.day == 28, "2027-02-28 -> 2028-02-28");
	d = init_advance_date((struct date){ 0, 0, 0 });
	ok(d.year == 0, "an absent date stays absent");
}

/* ---- escaping ------------------------------------------------------------- */

static void escapes(struct arena *a, const char *what, const char *in, bool attribute,
		    const char *want)
{
	const char *got = init_xml_escape(a, in, attribute);
	if (!ok(strcmp(got, want) == 0, "escape %s in %s", what, attribute ? "an attribute" : "text"))
		printf("# got \"%s\"\n", got);
}

static void test_escape(void)
{
	struct arena *a = arena_new();
	escapes(a, "& < > but not \"", "NHS Cheshire & Merseyside <ICB> \"x\"", false,
		"NHS Cheshire &amp; Merseyside &lt;ICB&gt; \"x\"");
	escapes(a, "& < > \"", "NHS Cheshire & Merseyside <ICB> \"x\"", true,
		"NHS Cheshire &amp; Merseyside &lt;ICB&gt; &quot;x&quot;");
	escapes(a, "tab, line feed, carriage return", "a\tb\nc\rd", true, "a&#9;b&#10;c&#13;d");
	escapes(a, "only a carriage return", "a\tb\nc\rd", false, "a\tb\nc&#13;d");
	escapes(a, "nothing in UTF-8 or an apostrophe", "\xC2\xA3" "1,250 \xE2\x80\x93 it's",
		true, "\xC2\xA3" "1,250 \xE2\x80\x93 it's");
	escapes(a, "an entity's own &", "&amp;", true, "&amp;amp;");
	arena_free(a);
}

/* ---- a whole folder ------------------------------------------------------- */

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		xgrow(&buf, &cap, len + 4096, 1);
		size_t got = fread(buf + len, 1, 4096, f);
		len += got;
		if (got < 4096)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	*size = len;
	return buf;
}

/* How many attribute values are the figure still to enter, in the six files. */
static size_t count_to_enter(const char *dir)
{
	size_t n = 0;
	for (int f = 0; f < FILE_COUNT; f++) {
		char path[8192], *buf;
		size_t size;
		snprintf(path, sizeof path, "%s/%s", dir, model_file_name((enum data_file)f));
		if (!(buf = read_all(path, &size)))
			continue;
		for (const char *p = buf; (p = strstr(p, "=\"" VOCAB_FIGURE_TO_ENTER "\"")); p++)
			n++;
		free(buf);
	}
	return n;
}

static bool same_files(const char *a, const char *b)
{
	for (int f = 0; f < FILE_COUNT; f++) {
		char pa[8192], pb[8192];
		const char *name = model_file_name((enum data_file)f);
		snprintf(pa, sizeof pa, "%s/%s", a, name);
		snprintf(pb, sizeof pb, "%s/%s", b, name);
		size_t na, nb;
		char *ba = read_all(pa, &na), *bb = read_all(pb, &nb);
		bool same = ba && bb && na == nb && memcmp(ba, bb, na) == 0;
		free(ba);
		free(bb);
		if (!same)
			return false;
	}
	return true;
}

static void test_folder(void)
{
	const char *old = "report-data/2023-24";
	char tmp[] = "/tmp/test-init.XXXXXX";
	if (!mkdtemp(tmp)) {
		ok(false, "a scratch folder: %s", strerror(errno));
		return;
	}
	char first[4200], second[4200], empty[4200], err[1024];
	snprintf(first, sizeof first, "%s/first", tmp);
	snprintf(second, sizeof second, "%s/second/", tmp);
	snprintf(empty, sizeof empty, "%s/empty", tmp);

	int code = init_folder(first, old, err, sizeof err);
	if (!ok(code == EXIT_CLEAN, "init from %s succeeds", old))
		printf("# %s\n", err);

	/* The new folder checks with one error per figure to enter, the others
	 * all gaps too (texts to write, values to enter), and none wrong. */
	struct diags d;
	diags_init(&d);
	struct model *m = load_folder(first, &d, err, sizeof err);
	ok(m != NULL, "the new folder loads");
	if (m) {
		check_model(m, &d);
		size_t to_enter = 0, other = 0;
		for (size_t i = 0; i < d.n; i++) {
			if (d.items[i].severity != SEV_ERROR)
				continue;
			if (d.items[i].rule == 11 && strstr(d.items[i].message, "still to enter"))
				to_enter++;
			else if (!d.items[i].incomplete || d.items[i].rule != 0)
				other++, printf("# %s\n", d.items[i].message);
		}
		size_t written = count_to_enter(first);
		ok(written > 0 && to_enter == written,
		   "one error per figure to enter (%zu errors, %zu \"?\" written)", to_enter, written);
		ok(other == 0, "no other error but texts and values still to write (%zu)", other);
		ok(d.n_errors == d.n_incomplete, "every error is a gap still to fill (%zu of %zu)",
		   d.n_incomplete, d.n_errors);
		ok(m->report.head.period.first_year == 2024, "the period is 2024-25");
		ok(m->reviews.head.loaded && m->reviews.n_reviews == 1 &&
			   strcmp(m->reviews.reviews[0].id, "lcspr-2023-24") == 0 &&
			   m->reviews.reviews[0].year.first_year == 2023 &&
			   m->reviews.reviews[0].n_milestones == 1 &&
			   m->reviews.reviews[0].milestones[0].expected,
		   "the register goes on: the review in progress stays as it was, the complete "
		   "rapid reviews go");
		ok(m->finance.n_contributions > 1 && m->finance.contributions[1].name &&
			   strcmp(m->finance.contributions[1].name, "NHS Cheshire & Merseyside ICB") == 0,
		   "a name with & survives the round trip");
		ok(m->finance.n_previous > 0 &&
			   m->finance.previous[m->finance.n_previous - 1].period.first_year == 2023 &&
			   m->finance.previous[m->finance.n_previous - 1].income.hundredths == 19350000,
		   "last year's income becomes a previous row");
		ok(m->lado.n_years > 0 && m->lado.years[m->lado.n_years - 1].period.first_year == 2024 &&
			   m->lado.years[m->lado.n_years - 1].referrals.placeholder,
		   "lado activity gains 2024-25 with referrals to enter");
		ok(m->yjs.has_cohort && m->yjs.cohort_as_of.year == 2025, "the cohort date moves on");
		ok(!m->scrutiny.has_sign_off && m->scrutiny.n_comments == 0 &&
			   !m->scrutiny.has_perspective,
		   "scrutiny has no comment, perspective or sign-off");
	}
	model_free(m);
	diags_free(&d);

	/* The same input gives the same bytes; a trailing slash is fine. */
	code = init_folder(second, old, err, sizeof err);
	ok(code == EXIT_CLEAN && same_files(first, second), "a second init writes the same files");

	code = init_folder(first, old, err, sizeof err);
	ok(code == EXIT_CANNOT_RUN && strstr(err, "not empty"), "init refuses a folder with files");

	mkdir(empty, 0750);
	code = init_folder(empty, old, err, sizeof err);
	struct stat sb;
	ok(code == EXIT_CLEAN && stat(empty, &sb) == 0 && (sb.st_mode & 0777) == 0750 &&
		   same_files(first, empty),
	   "init fills an empty folder and keeps its permissions");

	char third[4200];
	snprintf(third, sizeof third, "%s/third", tmp);
	code = init_folder(third, first, err, sizeof err);
	ok(code == EXIT_FINDINGS && access(third, F_OK) != 0,
	   "init refuses a folder with errors and writes nothing");

	snprintf(third, sizeof third, "%s/no/such/parent", tmp);
	code = init_folder(third, old, err, sizeof err);
	ok(code == EXIT_CANNOT_RUN, "a folder that cannot be made is reported");

	remove_tree(tmp);
}

/* Writes text into dir/name. */
static bool put_file(const char *dir, const char *name, const char *text)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool done = fputs(text, f) >= 0;
	return fclose(f) == 0 && done;
}

/* Copies report-data/2023-24's six files into dir. */
static bool copy_sample(const char *dir)
{
	for (int f = 0; f < FILE_COUNT; f++) {
		const char *name = model_file_name((enum data_file)f);
		char path[8192];
		snprintf(path, sizeof path, "report-data/2023-24/%s", name);
		size_t size;
		char *buf = read_all(path, &size);
		if (!buf)
			return false;
		bool done = put_file(dir, name, buf);
		free(buf);
		if (!done)
			return false;
	}
	return true;
}

/* The register's carry-over: reviews in progress stay, complete ones only
 * while an action is not complete, and complete actions go. */
static void test_reviews_carried(void)
{
	char tmp[] = "/tmp/test-init-reviews.XXXXXX";
	if (!mkdtemp(tmp)) {
		ok(false, "a scratch folder: %s", strerror(errno));
		return;
	}
	char old[4200], next[4200], err[1024];
	snprintf(old, sizeof old, "%s/old", tmp);
	snprintf(next, sizeof next, "%s/next", tmp);
	mkdir(old, 0750);
	bool made = copy_sample(old) && put_file(old, "reviews.xml",
		"<reviews version=\"1\" period=\"2023-24\">\n"
		"  <review id=\"closed\" name=\"Closed\" kind=\"lcspr\" status=\"complete\">\n"
		"    <milestone event=\"decision\" date=\"2023-05\"/>\n"
		"    <milestone event=\"published\" date=\"2023-10-02\"/>\n"
		"    <action owner=\"Health\" status=\"complete\" date=\"2024-01\">Done</action>\n"
		"  </review>\n"
		"  <review id=\"open-action\" name=\"Open action\" kind=\"lcspr\" status=\"complete\"\n"
		"      year=\"2022-23\">\n"
		"    <theme>Neglect &amp; drift</theme>\n"
		"    <action owner=\"Police\" status=\"complete\" date=\"2024-01\">Done</action>\n"
		"    <action owner=\"Police\" status=\"in-progress\" date=\"2025-01\">Train &amp; "
		"brief</action>\n"
		"  </review>\n"
		"  <review id=\"going\" name=\"Going\" kind=\"rapid-review\" status=\"in-progress\">\n"
		"    <milestone event=\"notified\" date=\"2024-03-20\"/>\n"
		"    <milestone event=\"rapid-review\" date=\"2024-04-09\" note=\"after Easter\"/>\n"
		"    <link kind=\"briefing\" href=\"https://example.org/b?a=1&amp;b=2\"/>\n"
		"  </review>\n"
		"</reviews>\n");
	int code = made ? init_folder(next, old, err, sizeof err) : -1;
	if (!ok(code == EXIT_CLEAN, "init from a folder with a register"))
		printf("# %s\n", err);
	struct diags d;
	diags_init(&d);
	struct model *m = code == EXIT_CLEAN ? load_folder(next, &d, err, sizeof err) : NULL;
	const struct reviews *rv = m ? &m->reviews : NULL;
	ok(rv && rv->n_reviews == 2 && strcmp(rv->reviews[0].id, "open-action") == 0 &&
		   strcmp(rv->reviews[1].id, "going") == 0,
	   "a complete review with an action open stays, one in progress stays, a closed one "
	   "goes");
	ok(rv && rv->n_reviews == 2 && rv->reviews[0].n_actions == 1 &&
		   strcmp(rv->reviews[0].actions[0].text, "Train & brief") == 0 &&
		   rv->reviews[0].actions[0].status == ACTION_IN_PROGRESS &&
		   rv->reviews[0].year.first_year == 2022 &&
		   strcmp(rv->reviews[0].themes[0].text, "Neglect & drift") == 0,
	   "only the actions not complete stay; year and themes as written");
	ok(rv && rv->n_reviews == 2 && rv->reviews[1].n_milestones == 2 &&
		   rv->reviews[1].milestones[1].date.day == 9 &&
		   strcmp(rv->reviews[1].milestones[1].note, "after Easter") == 0 &&
		   rv->reviews[1].n_links == 1 &&
		   strcmp(rv->reviews[1].links[0].href, "https://example.org/b?a=1&b=2") == 0,
	   "milestones, notes and links round-trip");
	if (m)
		model_free(m);
	diags_free(&d);
	remove_tree(tmp);
}

int main(void)
{
	test_text();
	test_dates();
	test_escape();
	test_folder();
	test_reviews_carried();
	return tap_done();
}
