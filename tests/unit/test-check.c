/* test-check.c - the arithmetic of rules 5 and 6, and the messages of the
 * breakdown rules on a hand-built model (TAP). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "diag.h"
#include "model.h"
#include "tap.h"


static struct decimal pct(int64_t hundredths, int decimals)
{
	return (struct decimal){ .hundredths = hundredths, .decimals = (int8_t)decimals, .present = true };
}

static struct decimal whole(int64_t n)
{
	return (struct decimal){ .hundredths = n * 100, .present = true };
}

/* ---- rule 5: the rounding gap ------------------------------------------- */

static void test_gap(void)
{
	const struct decimal format_example[] = {
		pct(4500, 0), pct(1700, 0), pct(1000, 0), pct(650, 1), pct(2100, 0),
	};
	ok(check_rounding_gap_thousandths(format_example, 5) == 2050,
	   "45, 17, 10, 6.5, 21 may miss 100 by 2.05 (2050 thousandths)");

	const struct decimal tenths[] = { pct(4510, 1), pct(5490, 1), pct(0, 1) };
	ok(check_rounding_gap_thousandths(tenths, 3) == 150, "three values with 1 decimal: 0.15");

	const struct decimal hundredths[] = { pct(3333, 2), pct(3333, 2), pct(3334, 2) };
	ok(check_rounding_gap_thousandths(hundredths, 3) == 15, "three values with 2 decimals: 0.015");

	const struct decimal with_absent[] = { pct(5000, 0), { .present = false }, pct(5000, 0) };
	ok(check_rounding_gap_thousandths(with_absent, 3) == 1000,
	   "a value that could not be read adds nothing");

	ok(check_rounding_gap_thousandths(NULL, 0) == 0, "no values, no gap");
}

/* ---- rule 6: reachability ----------------------------------------------- */

/* The rule as written, by trying every k: |100·k/base − p| ≤ ½·10^−d,
 * in whole numbers (times 20000·base). */
static int reachable_by_search(int64_t p_hundredths, int decimals, int64_t base)
{
	int64_t twice_half = decimals == 0 ? 100 : decimals == 1 ? 10 : 1;
	for (int64_t k = 0; k <= base; k++) {
		int64_t diff = 20000 * k - 2 * p_hundredths * base;
		if (diff < 0)
			diff = -diff;
		if (diff <= twice_half * base)
			return 1;
	}
	return 0;
}

static void test_reachable(void)
{
	int64_t below = -1, above = -1;
	ok(!check_percent_reachable(pct(1330, 1), 14, &below, &above),
	   "13.3%% of 14 is unreachable");
	ok(below == 1 && above == 2, "13.3%% of 14: the nearest are 1 and 2 (got %lld and %lld)",
	   (long long)below, (long long)above);

	/* Ties: 1 of 8 is 12.5%, exactly half a unit from 12 and from 13. */
	ok(check_percent_reachable(pct(1200, 0), 8, &below, &above), "12%% of 8 (a tie) is reachable");
	ok(check_percent_reachable(pct(1300, 0), 8, &below, &above), "13%% of 8 (a tie) is reachable");
	/* 1 of 16 is 6.25%: a tie at one decimal; 1 of 32 is 3.125%: at two. */
	ok(check_percent_reachable(pct(620, 1), 16, &below, &above), "6.2%% of 16 (a tie) is reachable");
	ok(check_percent_reachable(pct(630, 1), 16, &below, &above), "6.3%% of 16 (a tie) is reachable");
	ok(check_percent_reachable(pct(312, 2), 32, &below, &above), "3.12%% of 32 (a tie) is reachable");
	ok(check_percent_reachable(pct(313, 2), 32, &below, &above), "3.13%% of 32 (a tie) is reachable");
	ok(!check_percent_reachable(pct(314, 2), 32, &below, &above) && below == 1 && above == 2,
	   "3.14%% of 32, just past the tie, is not");

	/* Base 0 divides nothing: only 0% is true of it. */
	ok(check_percent_reachable(pct(0, 0), 0, &below, &above), "0%% of 0 is reachable");
	ok(!check_percent_reachable(pct(5000, 0), 0, &below, &above) && below == 0 && above == 0,
	   "50%% of 0 is not, and the nearest is 0");
	ok(!check_percent_reachable(pct(10000, 0), 0, &below, &above), "100%% of 0 is not");

	int all = 1;
	for (int64_t base = 1; base <= 2000; base++)
		for (int d = 0; d <= 2; d++)
			all = all && check_percent_reachable(pct(10000, d), base, &below, &above) &&
			      check_percent_reachable(pct(0, d), base, &below, &above);
	ok(all, "100%% and 0%% of every base from 1 to 2000 are reachable, at 0, 1 and 2 decimals");

	/* Decimals are the precision: 1 of 14 is 7.142857…% */
	ok(check_percent_reachable(pct(700, 0), 14, &below, &above), "7%% of 14 is reachable");
	ok(check_percent_reachable(pct(710, 1), 14, &below, &above), "7.1%% of 14 is reachable");
	ok(check_percent_reachable(pct(714, 2), 14, &below, &above), "7.14%% of 14 is reachable");
	ok(!check_percent_reachable(pct(720, 1), 14, &below, &above) && below == 1 && above == 2,
	   "7.2%% of 14 is not (1 = 7.1%%, 2 = 14.3%%)");
	ok(!check_percent_reachable(pct(715, 2), 14, &below, &above) && below == 1 && above == 2,
	   "7.15%% of 14 is not (one decimal more, a smaller tolerance)");
	ok(!check_percent_reachable(pct(700, 0), 3, &below, &above) && below == 0 && above == 1,
	   "7%% of 3 is not (0 = 0%%, 1 = 33%%)");
	ok(!check_percent_reachable(pct(9900, 0), 3, &below, &above) && below == 2 && above == 3,
	   "99%% of 3 is not (2 = 67%%, 3 = 100%%)");

	/* Every percentage at every precision, for small bases, against the
	 * rule as written; then the nearest really are either side. */
	int agree = 1, nearest = 1;
	for (int64_t base = 1; base <= 120 && agree; base++) {
		for (int d = 0; d <= 2; d++) {
			int64_t step = d == 0 ? 100 : d == 1 ? 10 : 1;
			for (int64_t p = 0; p <= 10000; p += step) {
				int got = check_percent_reachable(pct(p, d), base, &below, &above);
				if (got != reachable_by_search(p, d, base)) {
					agree = 0;
					printf("# disagree: %lld hundredths, %d decimals, base %lld\n",
					       (long long)p, d, (long long)base);
					break;
				}
				if (!got && !(below * 10000 < p * base && above * 10000 > p * base &&
					      above == below + 1))
					nearest = 0;
			}
		}
	}
	ok(agree, "every percentage of every base up to 120 agrees with trying every k");
	ok(nearest, "the nearest whole numbers lie either side and one apart");

	int large = 1;
	for (int64_t base = 19990; base <= 20010; base++)
		for (int64_t p = 0; p <= 10000; p += 37)
			large = large && check_percent_reachable(pct(p, 2), base, &below, &above) ==
						 reachable_by_search(p, 2, base);
	ok(large, "around the base where every percentage becomes reachable, the rule holds");
}

/* ---- messages, on a hand-built model ------------------------------------ */

static struct breakdown_item item(const char *label, int line, enum measure measure,
				  struct decimal value)
{
	return (struct breakdown_item){ { "yjs.xml", (uint32_t)line, 7 }, label, measure, value };
}

/* The model's one finding at line, or NULL. */
static const char *finding_at(const struct diags *d, uint32_t line)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].pos.line == line)
			return d->items[i].message;
	return NULL;
}

static void is_msg(const struct diags *d, uint32_t line, const char *want, const char *what)
{
	const char *got = finding_at(d, line);
	int same = got && strcmp(got, want) == 0;
	ok(same, "%s", what);
	if (!same)
		printf("#   got:  %s\n#   want: %s\n", got ? got : "(none)", want);
}

static void test_messages(void)
{
	struct model *m = model_new("/nonexistent-report-folder");
	m->yjs.head = (struct file_head){ { "yjs.xml", 2, 1 }, true, { 2023 }, { "yjs.xml", 2, 1 }, false };
	struct yjs_group *g = &m->yjs.offences;
	g->present = true;
	g->pos = (struct srcpos){ "yjs.xml", 3, 3 };
	g->total = whole(20);
	g->children = whole(14);

	struct breakdown *bds = arena_array(m->arena, 3, sizeof *bds);
	g->breakdowns = bds;
	g->n_breakdowns = 3;

	/* gender: 13.3% and 86.7% of 14, both unreachable. */
	struct breakdown_item *gender = arena_array(m->arena, 2, sizeof *gender);
	gender[0] = item("Male", 11, MEASURE_PERCENT, pct(8670, 1));
	gender[1] = item("Female", 12, MEASURE_PERCENT, pct(1330, 1));
	bds[0] = (struct breakdown){ { "yjs.xml", 10, 5 }, "gender", NULL, "children", whole(14), false,
				     MEASURE_PERCENT, gender, 2, NULL };

	/* type: counts over the base of offences. */
	struct breakdown_item *type = arena_array(m->arena, 2, sizeof *type);
	type[0] = item("Robbery", 21, MEASURE_COUNT, whole(12));
	type[1] = item("Arson", 22, MEASURE_COUNT, whole(10));
	bds[1] = (struct breakdown){ { "yjs.xml", 20, 5 }, "type", NULL, "offences", whole(20), false,
				     MEASURE_COUNT, type, 2, NULL };

	/* age: percentages adding to 111.1, no base. */
	struct breakdown_item *age = arena_array(m->arena, 3, sizeof *age);
	age[0] = item("10-14", 31, MEASURE_PERCENT, pct(5000, 1));
	age[1] = item("15-17", 32, MEASURE_PERCENT, pct(6110, 1));
	age[2] = item("15-17", 33, MEASURE_PERCENT, pct(0, 1));
	bds[2] = (struct breakdown){ { "yjs.xml", 30, 5 }, "age", NULL, NULL, { .present = false }, false,
				     MEASURE_PERCENT, age, 3, NULL };

	struct diags d;
	diags_init(&d);
	check_model(m, &d);
	diags_sort(&d);

	is_msg(&d, 12,
	       "13.3% of 14 children is 1.86 children: no whole number of children gives 13.3%; "
	       "the nearest are 1 = 7.1% and 2 = 14.3%",
	       "rule 6 says what the percentage amounts to and the nearest whole numbers");
	is_msg(&d, 11,
	       "86.7% of 14 children is 12.14 children: no whole number of children gives 86.7%; "
	       "the nearest are 12 = 85.7% and 13 = 92.9%",
	       "two impossible percentages are two findings");
	is_msg(&d, 20,
	       "the type counts add to 22, more than the base of 20 offences (2 too many); correct the items "
	       "or the base",
	       "rule 4 reports counts over the base at the breakdown");
	is_msg(&d, 30,
	       "the age percentages add to 111.1%, not 100% (rounding explains at most 0.15); check the "
	       "items: together they cannot exceed the whole",
	       "rule 5 reports the sum and the rounding gap at the breakdown");
	is_msg(&d, 33,
	       "label \"15-17\" is repeated (first at line 32); a label appears once in a "
	       "breakdown: merge the two items or rename one",
	       "rule 3 reports a repeated label at the repeat, naming the first");
	ok(d.n_errors == 5 && d.n_warnings == 0, "nothing else is reported (%zu errors, %zu warnings)",
	   d.n_errors, d.n_warnings);
	for (size_t i = 0; i < d.n; i++) {
		char line[512];
		diag_format(&d.items[i], line, sizeof line);
		printf("# %s\n", line);
	}
	diags_free(&d);
	model_free(m);
}

/* An accepted finding (as-written, rule 12) is kept for a draft's open
 * points but neither counted nor printed; a repeat of it is dropped. */
static void test_accepted(void)
{
	struct diags d;
	diags_init(&d);
	struct srcpos at = { "report.xml", 12, 5 };
	diag_error(&d, at, 12, "the text says a");
	diag_accepted(&d, at, 12, "the text says b");
	diag_accepted(&d, at, 12, "the text says b");
	diag_warning(&d, at, 7, "typed");
	diags_sort(&d);
	ok(d.n == 3 && d.n_errors == 1 && d.n_warnings == 1,
	   "an accepted finding is kept once and counted as neither (%zu kept, %zu errors, %zu "
	   "warnings)",
	   d.n, d.n_errors, d.n_warnings);
	char buf[4096] = "";
	FILE *f = tmpfile();
	if (f) {
		diags_print(&d, f);
		rewind(f);
		buf[fread(buf, 1, sizeof buf - 1, f)] = '\0';
		fclose(f);
	}
	ok(strcmp(buf, "report.xml:12:5: error: the text says a\n"
		       "report.xml:12:5: warning: typed\n") == 0,
	   "check prints errors and warnings, not accepted findings");
	char line[256];
	diag_format(&d.items[1], line, sizeof line);
	ok(strcmp(line, "report.xml:12:5: accepted: the text says b") == 0,
	   "a draft's line for it says accepted");
	diags_free(&d);
}

int main(void)
{
	test_gap();
	test_reachable();
	test_messages();
	test_accepted();
	return tap_done();
}
