/* check-util.c - what the rules share: numbers as the check messages
 * print them, lists in words, "did you mean" suggestions, repeated keys
 * and sorted look-ups, whether a file was loaded. */
#include "check-private.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "text.h"

bool check_file_loaded(const struct model *m, enum data_file file)
{
	return model_head(m, file)->loaded;
}

const char *check_written(struct decimal v, char *buf, size_t size)
{
	/* Written values are never negative: the loader refuses a sign. */
	uint64_t h = v.hundredths < 0 ? 0 : (uint64_t)v.hundredths;
	if (v.decimals <= 0)
		snprintf(buf, size, "%" PRIu64, h / 100);
	else if (v.decimals == 1)
		snprintf(buf, size, "%" PRIu64 ".%" PRIu64, h / 100, h % 100 / 10);
	else
		snprintf(buf, size, "%" PRIu64 ".%02" PRIu64, h / 100, h % 100);
	return buf;
}

const char *check_count(int64_t hundredths, char *buf, size_t size)
{
	return figure_format((struct figure){ UNIT_COUNT, hundredths, 0 }, buf, size);
}

const char *check_money(int64_t pence, char *buf, size_t size)
{
	return figure_format((struct figure){ UNIT_MONEY, pence, 0 }, buf, size);
}

const char *check_percent(int64_t hundredths, int decimals, char *buf, size_t size)
{
	return figure_format((struct figure){ UNIT_PERCENT, hundredths, decimals }, buf, size);
}

const char *check_thousandths(int64_t thousandths, char *buf, size_t size)
{
	uint64_t t = thousandths < 0 ? 0 : (uint64_t)thousandths;
	uint64_t whole = t / 1000, frac = t % 1000;
	if (frac == 0)
		snprintf(buf, size, "%" PRIu64, whole);
	else if (frac % 100 == 0)
		snprintf(buf, size, "%" PRIu64 ".%" PRIu64, whole, frac / 100);
	else if (frac % 10 == 0)
		snprintf(buf, size, "%" PRIu64 ".%02" PRIu64, whole, frac / 10);
	else
		snprintf(buf, size, "%" PRIu64 ".%03" PRIu64, whole, frac);
	return buf;
}

const char *check_list_add(struct arena *arena, const char *list, size_t i, size_t n,
			   const char *conj, const char *item)
{
	if (i == 0)
		return arena_strdup(arena, item);
	if (i + 1 == n)
		return arena_printf(arena, "%s %s %s", list, conj, item);
	return arena_printf(arena, "%s, %s", list, item);
}

/* Leading characters two strings share, ignoring ASCII case. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && b[n] && tolower((unsigned char)a[n]) == tolower((unsigned char)b[n]))
		n++;
	return n;
}

/* Among equally near strings the one sharing the longest beginning wins:
 * "Theft and handling" is 13 edits from both "Fraud and Forgery" and "Theft
 * and Handling Stolen Goods", and only the second is meant. */
size_t check_nearest(const char *word, const char *const *list, size_t n, size_t *dist)
{
	size_t best = n, best_prefix = 0;
	*dist = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t dd = text_edit_distance(word, list[i]);
		size_t prefix = common_prefix(word, list[i]);
		if (dd < *dist || (dd == *dist && prefix > best_prefix)) {
			*dist = dd;
			best = i;
			best_prefix = prefix;
		}
	}
	return best;
}

/* ---- repeats and look-ups ------------------------------------------------- */

struct keyed {
	const char *key;
	size_t index;
};

/* By key, then by position, so that each run of equal keys starts with
 * the first occurrence. */
static int by_key_then_index(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

size_t *check_first_repeats(const char *const *keys, size_t n)
{
	size_t *first = xmalloc((n ? n : 1) * sizeof *first);
	struct keyed *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = SIZE_MAX;
		if (keys[i])
			sorted[m++] = (struct keyed){ keys[i], i };
	}
	qsort(sorted, m, sizeof *sorted, by_key_then_index);
	for (size_t i = 1, run = 0; i < m; i++) {
		if (strcmp(sorted[i].key, sorted[run].key) != 0)
			run = i;
		else
			first[sorted[i].index] = sorted[run].index;
	}
	free(sorted);
	return first;
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **check_sorted_copy(const char *const *keys, size_t n, size_t *out_n)
{
	const char **copy = xmalloc((n ? n : 1) * sizeof *copy);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (keys[i])
			copy[m++] = keys[i];
	qsort(copy, m, sizeof *copy, by_string);
	*out_n = m;
	return copy;
}

bool check_sorted_has(const char *const *sorted, size_t n, const char *key)
{
	return bsearch(&key, sorted, n, sizeof *sorted, by_string) != NULL;
}

/* Two edits, or a third of the word, whichever allows more. */
bool check_is_slip(const char *word, size_t dist)
{
	return dist <= 2 || dist * 3 <= text_utf8_length(word);
}
