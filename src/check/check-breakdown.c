/* check-breakdown.c - rules 3 to 6 on every breakdown of lado.xml and
 * yjs.xml, and the arithmetic of rules 5 and 6. */
#include "check-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"

/* Half a unit in the last written decimal, in thousandths of a percent.
 * A percent has at most two decimals (doc/reference.md); more would have been
 * refused by the loader, so precision is clamped rather than trusted. */
static int64_t half_unit_thousandths(int decimals)
{
	if (decimals <= 0)
		return 500;
	if (decimals == 1)
		return 50;
	return 5;
}

int64_t check_rounding_gap_thousandths(const struct decimal *values, size_t n)
{
	int64_t gap = 0;
	for (size_t i = 0; i < n; i++)
		if (values[i].present)
			gap += half_unit_thousandths(values[i].decimals);
	return gap;
}

/* Above this base every percentage with two decimals or fewer is
 * reachable: one child is then at most 0.005% and the nearest whole number
 * is within half of that. Below it, all the products stay far from
 * overflow. */
enum { ALWAYS_REACHABLE_BASE = 20000 };

/* Is 100·k/base within half a unit of p? With P the percentage in
 * hundredths and H the half unit in hundredths (50, 5 or 0.5), both sides
 * of |100·k/base − P/100| ≤ H/100 times 200·base stay whole numbers:
 * |20000·k − 2·P·base| ≤ 2H·base. */
static bool gives(int64_t k, int64_t p_hundredths, int decimals, int64_t base)
{
	int64_t twice_half = decimals <= 0 ? 100 : decimals == 1 ? 10 : 1;
	int64_t diff = 20000 * k - 2 * p_hundredths * base;
	if (diff < 0)
		diff = -diff;
	return diff <= twice_half * base;
}

/* A base of 0 divides nothing: only 0% says something true about it. */
bool check_percent_reachable(struct decimal p, int64_t base, int64_t *below, int64_t *above)
{
	if (base <= 0) {
		*below = *above = 0;
		return p.hundredths == 0;
	}
	if (p.hundredths < 0) {
		*below = *above = 0;
		return false;
	}
	if (p.hundredths > 10000) {
		*below = *above = base;
		return false;
	}
	if (base >= ALWAYS_REACHABLE_BASE)
		return true;
	int64_t k = p.hundredths * base / 10000;
	int64_t next = k < base ? k + 1 : k;
	if (gives(k, p.hundredths, p.decimals, base) || gives(next, p.hundredths, p.decimals, base))
		return true;
	*below = k;
	*above = next;
	return false;
}

const char *check_of_word(const struct breakdown *b)
{
	return b->of && b->of[0] ? b->of : "items";
}

enum measure check_measure(const struct breakdown *b)
{
	size_t counts = 0, percents = 0;
	for (size_t i = 0; i < b->n_items; i++) {
		if (b->items[i].measure == MEASURE_COUNT)
			counts++;
		else if (b->items[i].measure == MEASURE_PERCENT)
			percents++;
	}
	if (counts && percents)
		return MEASURE_MIXED;
	return counts ? MEASURE_COUNT : percents ? MEASURE_PERCENT : MEASURE_NONE;
}

bool check_sum_items(const struct breakdown *b, int64_t *sum)
{
	*sum = 0;
	for (size_t i = 0; i < b->n_items; i++) {
		const struct breakdown_item *it = &b->items[i];
		if (it->measure == MEASURE_NONE || !it->value.present)
			return false;
		if (!figure_add(sum, it->value.hundredths))
			return false; /* too large: check_magnitudes() says so */
	}
	return true;
}

static const char *measure_name(enum measure measure)
{
	return measure == MEASURE_COUNT ? "count" : "percent";
}

/* Rule 3, mixing: reported at each item of the minority measure, since
 * those are most likely the slips; on a tie, at each item that differs
 * from the first. The breakdown's sums are then meaningless, so rules 4
 * to 6 are not run on it. */
static void check_mixed(const struct breakdown *b, struct diags *d)
{
	size_t counts = 0, percents = 0;
	enum measure first = MEASURE_NONE;
	for (size_t i = 0; i < b->n_items; i++) {
		enum measure mm = b->items[i].measure;
		if (mm != MEASURE_COUNT && mm != MEASURE_PERCENT)
			continue;
		if (first == MEASURE_NONE)
			first = mm;
		if (mm == MEASURE_COUNT)
			counts++;
		else
			percents++;
	}
	enum measure major = first;
	if (counts != percents)
		major = counts > percents ? MEASURE_COUNT : MEASURE_PERCENT;
	size_t n_major = major == MEASURE_COUNT ? counts : percents;
	for (size_t i = 0; i < b->n_items; i++) {
		const struct breakdown_item *it = &b->items[i];
		if (it->measure == major || it->measure == MEASURE_NONE)
			continue;
		char value[32];
		diag_error(d, it->pos, 3,
			   "item \"%s\" gives %s=\"%s\" where %zu of the %zu items give %s; all items of "
			   "a breakdown use the same measure: write this one as %s=\"…\", or every "
			   "item as %s",
			   it->label ? it->label : "", measure_name(it->measure),
			   it->value.present ? check_written(it->value, value, sizeof value) : "…",
			   n_major, counts + percents, measure_name(major), measure_name(major),
			   measure_name(it->measure));
	}
}

/* Rule 3, repeated labels: at each repeat, naming the line of the first. */
static void check_labels(const struct breakdown *b, struct diags *d)
{
	const char **labels = xmalloc((b->n_items ? b->n_items : 1) * sizeof *labels);
	for (size_t i = 0; i < b->n_items; i++)
		labels[i] = b->items[i].label;
	size_t *first = check_first_repeats(labels, b->n_items);
	for (size_t i = 1; i < b->n_items; i++) {
		if (first[i] == SIZE_MAX)
			continue;
		const struct breakdown_item *it = &b->items[i];
		diag_error(d, it->pos, 3,
			   "label \"%s\" is repeated (first at line %u); a label appears once "
			   "in a breakdown: merge the two items or rename one",
			   it->label, (unsigned)b->items[first[i]].pos.line);
	}
	free(first);
	free(labels);
}

/* How messages name a breakdown: by its id ("the age percentages"). */
static const char *label_of(const struct breakdown *b)
{
	return b->id ? b->id : "breakdown";
}

/* Rule 4: counts against the base. Over the base is wrong whether or not
 * the list is partial; under it only when it claims to be complete. */
static void check_count_sum(const struct breakdown *b, struct diags *d)
{
	int64_t sum;
	if (!b->base.present || !check_sum_items(b, &sum))
		return;
	int64_t base = b->base.hundredths;
	char s_sum[32], s_base[32], s_diff[32];
	check_count(sum, s_sum, sizeof s_sum);
	check_count(base, s_base, sizeof s_base);
	if (sum > base) {
		check_count(sum - base, s_diff, sizeof s_diff);
		diag_error(d, b->pos, 4,
			   "the %s counts add to %s, more than the base of %s %s (%s too many)%s; correct "
			   "the items or the base",
			   label_of(b), s_sum, s_base, check_of_word(b), s_diff,
			   b->partial ? ", although the breakdown lists only some (partial=\"true\")"
				      : "");
	} else if (sum < base && !b->partial) {
		check_count(base - sum, s_diff, sizeof s_diff);
		diag_error(d, b->pos, 4,
			   "the %s counts add to %s, not the base of %s %s (%s short); correct the items "
			   "or the base, or mark the breakdown partial=\"true\" if it lists only some",
			   label_of(b), s_sum, s_base, check_of_word(b), s_diff);
	}
}

/* Rule 5: percentages against 100 within the rounding gap. Marking the
 * breakdown partial is suggested only when it would help (a sum under
 * 100); over 100 no list of some categories can be right. */
static void check_percent_sum(const struct breakdown *b, struct diags *d)
{
	int64_t sum;
	if (!check_sum_items(b, &sum))
		return;
	int decimals = 0;
	int64_t gap = 0;
	for (size_t i = 0; i < b->n_items; i++) {
		if (b->items[i].value.decimals > decimals)
			decimals = b->items[i].value.decimals;
		gap += half_unit_thousandths(b->items[i].value.decimals);
	}
	int64_t over = sum * 10 - 100000; /* thousandths */

	char s_sum[32], s_gap[32];
	check_percent(sum, decimals, s_sum, sizeof s_sum);
	check_thousandths(gap, s_gap, sizeof s_gap);
	if (over > gap) {
		diag_error(d, b->pos, 5,
			   "the %s percentages add to %s, %s 100%% (rounding explains at most %s)%s; check "
			   "the items: together they cannot exceed the whole",
			   label_of(b), s_sum, b->partial ? "more than" : "not", s_gap,
			   b->partial ? ", although the breakdown lists only some (partial=\"true\")"
				      : "");
	} else if (-over > gap && !b->partial) {
		diag_error(d, b->pos, 5,
			   "the %s percentages add to %s, not 100%% (rounding explains at most %s); check "
			   "the items or mark the breakdown partial=\"true\" if it lists only some",
			   label_of(b), s_sum, s_gap);
	}
}

/* Rule 6, one finding per item that no whole number of the base gives. */
static void check_reachable(const struct breakdown *b, struct diags *d)
{
	if (!b->base.present)
		return;
	int64_t base = b->base.hundredths / 100;
	const char *of = check_of_word(b);
	char s_base[32];
	check_count(b->base.hundredths, s_base, sizeof s_base);
	for (size_t i = 0; i < b->n_items; i++) {
		const struct breakdown_item *it = &b->items[i];
		int64_t below, above;
		if (it->measure != MEASURE_PERCENT || !it->value.present ||
		    check_percent_reachable(it->value, base, &below, &above))
			continue;
		int dec = it->value.decimals < 0 ? 0 : it->value.decimals > 2 ? 2 : it->value.decimals;
		char s_p[32];
		check_percent(it->value.hundredths, dec, s_p, sizeof s_p);
		if (base == 0) {
			diag_error(d, it->pos, 6,
				   "%s of 0 %s: with a base of 0 every share is 0%%; correct the base "
				   "or the percentage",
				   s_p, of);
			continue;
		}
		/* What the percentage amounts to, to two decimals: 1.86 children. */
		int64_t exact = (it->value.hundredths * base + 50) / 100;
		char s_whole[32], s_exact[48];
		check_count(exact / 100 * 100, s_whole, sizeof s_whole);
		if (exact % 100 == 0)
			snprintf(s_exact, sizeof s_exact, "%s", s_whole);
		else if (exact % 10 == 0)
			snprintf(s_exact, sizeof s_exact, "%s.%d", s_whole, (int)(exact % 100 / 10));
		else
			snprintf(s_exact, sizeof s_exact, "%s.%02d", s_whole, (int)(exact % 100));

		/* The nearest whole numbers, as percentages at the item's precision
		 * (between 0% and 100%, so below and above are two numbers). */
		int64_t scale = dec == 0 ? 1 : dec == 1 ? 10 : 100;
		char s_k[2][32], s_kp[2][32];
		int64_t ks[2] = { below, above };
		for (int j = 0; j < 2; j++) {
			int64_t units = (2 * ks[j] * 100 * scale + base) / (2 * base);
			check_count(ks[j] * 100, s_k[j], sizeof s_k[j]);
			check_percent(units * (100 / scale), dec, s_kp[j], sizeof s_kp[j]);
		}
		diag_error(d, it->pos, 6,
			   "%s of %s %s is %s %s: no whole number of %s gives %s; the nearest are %s "
			   "= %s and %s = %s",
			   s_p, s_base, of, s_exact, of, of, s_p, s_k[0], s_kp[0], s_k[1], s_kp[1]);
	}
}

static void check_one(const struct breakdown *b, struct diags *d)
{
	check_labels(b, d);
	switch (check_measure(b)) {
	case MEASURE_MIXED:
		check_mixed(b, d);
		break;
	case MEASURE_COUNT:
		check_count_sum(b, d);
		break;
	case MEASURE_PERCENT:
		check_percent_sum(b, d);
		check_reachable(b, d);
		break;
	case MEASURE_NONE:
		break;
	}
}

static void check_all(const struct breakdown *bds, size_t n, struct diags *d)
{
	for (size_t i = 0; i < n; i++)
		check_one(&bds[i], d);
}

void check_breakdowns(const struct model *m, struct diags *d)
{
	check_all(m->lado.breakdowns, m->lado.n_breakdowns, d);
	if (m->yjs.offences.present)
		check_all(m->yjs.offences.breakdowns, m->yjs.offences.n_breakdowns, d);
	if (m->yjs.incidents.present)
		check_all(m->yjs.incidents.breakdowns, m->yjs.incidents.n_breakdowns, d);
}
