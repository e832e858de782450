/* test-prose.c - the number reader and the prose arithmetic matcher (rule
 * 12), and every figure-bearing sentence of the seeds through the matcher
 * (tests/prose/seed-sentences.txt) (TAP). */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "prose.h"
#include "tap.h"

/* ---- the number reader ---------------------------------------------------- */

/* The i-th number token of text (0-based), or NULL. */
static const struct prose_token *nth_number(struct prose_tokens *toks, const char *text, size_t i)
{
	prose_read(text, toks);
	for (size_t k = 0; k < toks->n; k++)
		if (toks->items[k].kind == PT_NUMBER && i-- == 0)
			return &toks->items[k];
	return NULL;
}

static void reads(const char *text, size_t i, double value, double step, enum prose_unit unit,
		  enum prose_role role)
{
	struct prose_tokens toks = { 0 };
	const struct prose_token *t = nth_number(&toks, text, i);
	bool good = t && fabs(t->value - value) < 1e-6 * (fabs(value) > 1 ? fabs(value) : 1) &&
		    fabs(t->step - step) < 1e-9 && t->unit == unit && t->role == role;
	ok(good, "reads number %zu of \"%s\" as %g", i, text, value);
	if (!good && t)
		printf("#   got value %g step %g unit %d role %d\n", t->value, t->step, (int)t->unit,
		       (int)t->role);
	else if (!good)
		printf("#   no such number\n");
	prose_tokens_free(&toks);
}

static void role_of(const char *text, size_t i, enum prose_role role)
{
	struct prose_tokens toks = { 0 };
	const struct prose_token *t = nth_number(&toks, text, i);
	ok(t && t->role == role, "number %zu of \"%s\" has role %d", i, text, (int)role);
	if (t && t->role != role)
		printf("#   got role %d (value %g)\n", (int)t->role, t->value);
	prose_tokens_free(&toks);
}

static void hedge_of(const char *text, size_t i, enum prose_hedge hedge)
{
	struct prose_tokens toks = { 0 };
	const struct prose_token *t = nth_number(&toks, text, i);
	ok(t && t->hedge == hedge, "number %zu of \"%s\" has hedge %d", i, text, (int)hedge);
	prose_tokens_free(&toks);
}

static size_t count_breaks(const char *text)
{
	struct prose_tokens toks = { 0 };
	prose_read(text, &toks);
	size_t n = 0;
	for (size_t k = 0; k < toks.n; k++)
		n += toks.items[k].kind == PT_BREAK;
	prose_tokens_free(&toks);
	return n;
}

static void test_reader(void)
{
	/* UK formats */
	reads("a total of 16930 contacts", 0, 16930, 1, PU_PLAIN, PR_FIGURE);
	reads("a total of 16,930 contacts", 0, 16930, 1, PU_PLAIN, PR_FIGURE);
	reads("some 1,234,567 people", 0, 1234567, 1, PU_PLAIN, PR_FIGURE);
	reads("about 16.9k contacts", 0, 16900, 100, PU_PLAIN, PR_FIGURE);
	reads("10K children", 0, 10000, 1000, PU_PLAIN, PR_FIGURE);
	reads("a budget of £1.2m", 0, 1200000, 100000, PU_MONEY, PR_FIGURE);
	reads("income of £238,942", 0, 238942, 1, PU_MONEY, PR_FIGURE);
	reads("£1,250.50 was spent", 0, 1250.5, 0.01, PU_MONEY, PR_FIGURE);
	reads("£3 million", 0, 3e6, 1e6, PU_MONEY, PR_FIGURE);
	reads("86.7% were male", 0, 86.7, 0.1, PU_PERCENT, PR_FIGURE);
	reads("86.7 % were male", 0, 86.7, 0.1, PU_PERCENT, PR_FIGURE);
	reads("12 per cent of them", 0, 12, 1, PU_PERCENT, PR_FIGURE);
	reads("12 percent of them", 0, 12, 1, PU_PERCENT, PR_FIGURE);
	reads("twelve per cent of them", 0, 12, 0, PU_PERCENT, PR_FIGURE);
	reads("0.5% of cases", 0, 0.5, 0.1, PU_PERCENT, PR_FIGURE);
	reads("a rate of 108.7 per 10,000", 0, 108.7, 0.1, PU_PLAIN, PR_FIGURE);
	reads("a rate of 108.7 per 10,000", 1, 10000, 1, PU_PLAIN, PR_PER);
	reads("628 per 10k", 1, 10000, 1000, PU_PLAIN, PR_PER);
	/* numbers in words */
	reads("Eight cases were selected", 0, 8, 0, PU_PLAIN, PR_FIGURE);
	reads("twenty-five schools", 0, 25, 0, PU_PLAIN, PR_FIGURE);
	reads("two hundred children", 0, 200, 0, PU_PLAIN, PR_FIGURE);
	/* fractions: nine in ten, one in every five, 3 out of 4, half of */
	reads("nine in ten children", 0, 90, 0, PU_PERCENT, PR_FIGURE);
	reads("roughly one in every five contacts", 0, 20, 0, PU_PERCENT, PR_FIGURE);
	reads("3 out of 4 schools", 0, 75, 0, PU_PERCENT, PR_FIGURE);
	reads("two thirds of referrals", 0, 200.0 / 3, 0, PU_PERCENT, PR_FIGURE);
	reads("half of the referrals", 0, 50, 0, PU_PERCENT, PR_FIGURE);
	/* not arithmetic: ranges, years, periods, dates, labels, codes */
	role_of("children aged 14–16", 0, PR_LABEL);
	role_of("from 14–16 years", 0, PR_RANGE);
	role_of("from 14–16 years", 1, PR_RANGE);
	role_of("between 14 and 16 sessions", 0, PR_RANGE);
	role_of("pages 14-16 of the plan", 0, PR_LABEL);
	role_of("groups of 14-16 people", 1, PR_RANGE);
	role_of("in 2023 the LADO", 0, PR_YEAR);
	role_of("during 2023-24 there were", 0, PR_PERIOD);
	role_of("during 2023-24 there were", 1, PR_PERIOD);
	role_of("for the period 23/24", 0, PR_PERIOD);
	role_of("in 2023/2024", 1, PR_PERIOD);
	role_of("on 15 November 2023", 0, PR_DATE);
	role_of("on 15 November 2023", 1, PR_YEAR);
	role_of("672 in Sep 23", 1, PR_YEAR);
	role_of("the 1st April", 0, PR_ORDINAL);
	role_of("Section 47 enquiries", 0, PR_LABEL);
	role_of("S47 enquiries and 12 more", 0, PR_FIGURE); /* S47 is a word */
	role_of("Key Stage 2 and 3", 0, PR_LABEL);
	role_of("7-minute briefings", 0, PR_LABEL);
	role_of("an area of 155km2", 0, PR_LABEL);
	role_of("Tel. 0151 934 3366", 0, PR_CODE);
	role_of("Tel. 0151 934 3366", 1, PR_CODE);
	role_of("Tel. 0151 934 3366", 2, PR_CODE);
	role_of("8. Reviewed the front door", 0, PR_LABEL);
	role_of("rose by 10 percentage points", 0, PR_LABEL);
	role_of("three times as many", 0, PR_LABEL);
	/* hedges */
	hedge_of("a decrease of just under 4%", 0, PH_NEAR_BELOW);
	hedge_of("approximately 40% of assessments", 0, PH_ABOUT);
	hedge_of("approx. 19% in the North West", 0, PH_ABOUT);
	hedge_of("more than 50 schools", 0, PH_AT_LEAST);
	hedge_of("less than 5%", 0, PH_AT_MOST);
	hedge_of("exactly 265 referrals", 0, PH_NONE);
	/* sentences: decimals, abbreviations and list numbers end none */
	ok(count_breaks("It rose by 6.5% in 2023. It fell.") == 2, "two sentences");
	ok(count_breaks("Rates are approx. 19% here and e.g. there.") == 1,
	   "abbreviations end no sentence");
	char buf[32];
	ok(strcmp(prose_format(1410.8333, 1, buf, sizeof buf), "1,410.8") == 0,
	   "formats 1,410.8 in UK style");
	ok(strcmp(prose_format(46.49, 1, buf, sizeof buf), "46.5") == 0, "formats 46.5");
}

/* ---- the matcher ------------------------------------------------------------ */

struct got {
	size_t n;
	char message[1024];
	char stated[64];
};

static void collect(void *ctx, const struct prose_finding *f)
{
	struct got *g = ctx;
	if (g->n++ == 0) {
		snprintf(g->message, sizeof g->message, "%s", f->message);
		snprintf(g->stated, sizeof g->stated, "%s", f->stated);
	}
}

/* A sentence that must give exactly the finding `want` (NULL: none). */
static void says(const char *text, const char *want)
{
	struct got g = { 0 };
	prose_check(text, collect, &g);
	bool good = want ? g.n == 1 && strcmp(g.message, want) == 0 : g.n == 0;
	ok(good, "%s: %s", want ? "wrong" : "right", text);
	if (!good)
		printf("#   %zu findings; first: %s\n#   want: %s\n", g.n, g.n ? g.message : "-",
		       want ? want : "none");
}

/* A sentence that must give exactly one finding, whatever its wording. */
static void wrong(const char *text)
{
	struct got g = { 0 };
	prose_check(text, collect, &g);
	ok(g.n == 1, "wrong: %s", text);
	if (g.n != 1)
		printf("#   %zu findings; first: %s\n", g.n, g.n ? g.message : "-");
}

static void right(const char *text)
{
	says(text, NULL);
}

static void test_matcher(void)
{
	/* the published S47 sentence */
	says("This pattern is continued in the rate of S47 enquiries carried out during the "
	     "period, a rate per 10k which decreased by 32% from 258 at the start of the "
	     "period to 378 by its end.",
	     "the text says a decrease of 32% from 258 to 378, but 258 to 378 is an increase of "
	     "46.5% (378 to 258 would be a decrease of 31.7%); check which figure is which");
	right("a rate per 10k which decreased by 32% from 378 at the start of the period to 258 "
	      "by its end.");

	/* changes: direction and percentage both right */
	right("Referrals rose by 25% from 100 to 125.");
	right("There was an increase of 25% from 100 to 125 referrals.");
	right("Contacts went from 100 to 125, an increase of 25%.");
	right("There were 313 referrals, a decrease of 4% on last year's 325.");
	right("There were 313 referrals, a decrease of 3.7% compared to 325 in 2022-23.");
	right("Open plans fell from 763 at the start of the period to 672, a fall of 12%.");
	right("Open plans fell from 763 at the start of the period to 672, a fall of 11.9%.");
	right("Cared for children rose by 3% from 606 in April 2023 to 625 in August 2023.");
	right("The share rose from 40% to 50%, an increase of 10%."); /* points */
	right("The share rose from 40% to 50%, an increase of 25%.");
	right("Attendance was up 12% from 1,000 to 1,120.");
	right("There were 313 referrals, a decrease of just under 4% on last year's 325.");
	right("Spending rose by 10% from £1.2m to £1.32m.");
	says("Referrals rose by 30% from 100 to 125.",
	     "the text says an increase of 30% from 100 to 125, but 100 to 125 is an increase of "
	     "25.0%; correct the percentage or the figures");
	says("There were 313 referrals, an increase of 4% on last year's 325.",
	     "the text says an increase of 4% from 325 to 313, but 325 to 313 is a decrease of "
	     "3.7% (313 to 325 would be an increase of 3.8%); check which figure is which");
	says("Contacts went from 100 to 100, an increase of 5%.",
	     "the text says an increase of 5% from 100 to 100, but 100 to 100 is no change; check "
	     "the figures");
	wrong("Attendance was down 12% from 1,000 to 1,120.");
	wrong("Open plans fell from 763 to 672, a fall of 15%.");
	wrong("There were 313 referrals, a decrease of 10% compared with 325.");
	wrong("A total of 150 referrals, a rise of 50% from 90 to 150.");
	/* not understood, left alone */
	right("A total of 313 referrals were received, a decrease of just under 4% on the previous "
	      "year.");
	right("Q4 saw a significant reduction on the previous year by 46%.");
	right("a 20% drop compared to last year.");
	right("Ages ranged from newborn to 17 years of age.");
	right("The numbers then fall to 581 at the end of a period, a figure that translates to "
	      "108.7 per 10,000 and a drop of 7% from August 2023.");

	/* comparisons */
	right("Over the period this figure averaged 843 assessments per 10K, a figure considerably "
	      "higher (35%) than the statistical neighbour figure of 622.");
	right("843 assessments, 36% higher than the 622 of our neighbours.");
	right("Our rate of 843 was 35 per cent higher than 622.");
	right("Our rate of 400 was 20% lower than 500.");
	right("Our rate of 108.7 exceeds the neighbour rate of 89 by 22%.");
	says("Over the period this figure averaged 843 assessments per 10K, a figure considerably "
	     "higher (45%) than the statistical neighbour figure of 622.",
	     "the text says 843 is 45% higher than 622, but 843 is 35.5% higher than 622; correct "
	     "the percentage or the figures");
	says("Our rate of 400 was 20% higher than 500.",
	     "the text says 400 is 20% higher than 500, but 400 is 20.0% lower than 500; correct "
	     "the percentage or the figures");
	wrong("Our rate of 108.7 exceeds the neighbour rate of 89 by 32%.");
	right("This figure exceeds the statistical neighbour rate of 89 per 10,000 by 22%.");

	/* multiples */
	right("There were 500 referrals, twice the 250 of last year.");
	right("There were 510 referrals, twice the 250 of last year.");
	right("The 120 referrals were half the 250 of last year.");
	right("There were 760 referrals, three times the 250 of last year.");
	says("There were 600 referrals, twice the 250 of last year.",
	     "the text says 600 is twice 250, but 600 is 2.40 times 250 (twice means 1.90 to 2.10 "
	     "times); correct the figures or the words");
	wrong("The 100 referrals were half the 250 of last year.");
	wrong("There were 500 referrals, three times the 250 of last year.");
	right("There were 600 referrals, more than twice the 250 of last year.");
	right("These were delivered virtually over two half day sessions.");

	/* shares */
	right("Of these 16,930 contacts, 3,357 of them were converted into referrals into "
	      "Children's Social Care, a conversion rate of 20%.");
	right("3,357 of the 16,930 contacts (19.8%) became referrals.");
	right("45% of the 265 referrals (120) came from schools.");
	right("120 (45%) of the 265 referrals came from schools.");
	right("3 out of 4 schools (75%) took part.");
	right("3,357 of the 16,930 contacts, roughly one in five, became referrals.");
	right("Nine in ten children (90%) said they felt safe.");
	right("Nearly nine in ten children (86%) said they felt safe.");
	says("Of these 16,930 contacts, 3,357 of them were converted into referrals into "
	     "Children's Social Care, a conversion rate of 25%.",
	     "the text says 3,357 of 16,930 is 25%, but 3,357 of 16,930 is 19.8% (25% of 16,930 "
	     "would be 4,233); correct the percentage or the figures");
	wrong("45% of the 265 referrals (100) came from schools.");
	wrong("100 (45%) of the 265 referrals came from schools.");
	wrong("3 out of 4 schools (70%) took part.");
	says("3,357 of the 16,930 contacts, roughly one in three, became referrals.",
	     "the text says one in three, but 3,357 of 16,930 is 19.8%, about one in 5; "
	     "correct the words or the figures");
	wrong("Nine in ten children (75%) said they felt safe.");
	right("Poor parental mental health in 6 cases (75%) (all mother).");
	right("68 of these are maintained by Sefton with 7 being academies.");

	/* averages */
	right("During the period a total of 16,930 contacts were received by the integrated "
	      "front door, an average of 1,411 per month.");
	right("A total of 16,930 contacts were received, an average of 1,410 per month.");
	right("A total of 520 sessions ran, an average of 10 a week.");
	right("A total of 730 visits, an average of 2 per day.");
	right("A total of 400 audits, an average of 100 per quarter.");
	says("During the period a total of 16,930 contacts were received by the integrated "
	     "front door, an average of 1,511 per month.",
	     "the text says a total of 16,930 is an average of 1,511 per month, but 16,930 over "
	     "12 months is 1,410.8 per month; correct the average or the total");
	wrong("A total of 400 audits, an average of 90 per quarter.");
	right("Contacts averaged 1,411 per month, with 1,294 a month in the first six months and "
	      "1,528 in the second half.");
	says("Contacts averaged 1,411 per month, with 1,294 a month in the first six months and "
	     "1,628 in the second half.",
	     "the text says an average of 1,411 per month, but 1,294 in the first half and 1,628 "
	     "in the second average 1,461.0 per month; check the figures");
	right("Similar to the year before, the rate was not consistent throughout the period, with "
	      "the first 6 months seeing an average of 1,294 contacts per month compared to an "
	      "average of 1,528 for the second half of the period.");

	/* sums */
	right("45% were physical, 17% neglect and the rest (38%) other.");
	right("Drugs (25.9%) and violence (24.1%) together account for 50% of offences.");
	says("45% were physical, 17% neglect and the rest (30%) other.",
	     "the text says 45%, 17% and 30% make up the whole, but they add to 92%, not 100% "
	     "(rounding explains at most 1.5); check the figures");
	wrong("Drugs (25.9%) and violence (24.1%) together account for 55% of offences.");
	right("Most of the cohort were 16 and 17 year old males with 75.6%.");

	/* relations that name other figures than the nearest: left alone */
	right("45 of the 265 referrals came from schools, 30% from police.");
	right("Of the 265 referrals, 45 came from schools and 30% from police.");
	right("45 of the 265 referrals came from schools; one in three from police.");
	right("In 2023-24, 313 referrals were made; rates were 20% higher than the 250 of our "
	      "neighbours.");
	right("Referrals showed an increase of 10% on 2022-23, when 300 were made.");
	right("Of the cohort 86.7% were male and 13.3% were female.");
}

/* ---- linear in the text ------------------------------------------------------ */

/* CPU seconds to check n copies of unit, the best of three runs. */
static double time_check(const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *text = malloc(n * len + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * len, unit, len);
	text[n * len] = '\0';
	double best = 1e9;
	for (int run = 0; run < 3; run++) {
		clock_t start = clock();
		struct got g = { 0 };
		prose_check(text, collect, &g);
		double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
		if (secs < best)
			best = secs;
	}
	free(text);
	return best;
}

/* Merging ("5 per cent" is one number) and matching stay linear: sixteen
 * times the text takes about sixteen times as long (up to four times more
 * when the bigger text no longer fits the processor's cache), far from
 * the 256 times of a merge that moved the rest of the tokens or a match
 * that rescanned a long sentence for each word. Timed on the CPU clock,
 * as a ratio, so that a slow machine or valgrind does not matter. */
static void test_linear(void)
{
	static const char *const units[] = { "5 per cent, ",
					     "rose from 1 to 2 and fell by 5% from 3 to " };
	for (size_t u = 0; u < 2; u++) {
		double small = time_check(units[u], 500), big = time_check(units[u], 8000);
		double ratio = big / (small > 1e-5 ? small : 1e-5);
		ok(ratio < 100, "16 times \"%s...\" takes %.0f times as long (%.4f s, %.4f s)",
		   units[u], ratio, small, big);
	}
}

/* ---- the seeds -------------------------------------------------------------- */

/* Every figure-bearing sentence of ../shared/seeds/, one a line. A line
 * starting "!" holds a published mistake and must give exactly one
 * finding; every other line must give none. */
static void test_seeds(void)
{
	FILE *f = fopen("tests/prose/seed-sentences.txt", "r");
	ok(f != NULL, "tests/prose/seed-sentences.txt opens");
	if (!f)
		return;
	char line[8192];
	size_t n = 0, bad = 0, mistakes = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		bool mistake = line[0] == '!';
		struct got g = { 0 };
		prose_check(line + mistake, collect, &g);
		n++;
		mistakes += mistake;
		if (g.n != (mistake ? 1u : 0u)) {
			bad++;
			printf("#   %zu findings in: %s\n#   first: %s\n", g.n, line,
			       g.n ? g.message : "-");
		}
	}
	fclose(f);
	ok(n > 100 && bad == 0, "%zu seed sentences, %zu published mistakes, %zu wrong results", n,
	   mistakes, bad);
}

int main(void)
{
	/* Numbers are read and printed the same under a decimal-comma locale. */
	setlocale(LC_ALL, "de_DE.UTF-8");
	test_reader();
	test_matcher();
	test_linear();
	test_seeds();
	return tap_done();
}
