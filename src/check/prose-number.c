/* prose-number.c - the number reader: a text into words, punctuation,
 * sentence ends and numbers, each number with its value, precision, unit,
 * role and hedge, as UK reports write them (prose.h). */
#include "prose.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void prose_tokens_free(struct prose_tokens *toks)
{
	free(toks->items);
	memset(toks, 0, sizeof *toks);
}

bool prose_is_figure(const struct prose_token *t)
{
	return t->kind == PT_NUMBER && t->role == PR_FIGURE;
}

static struct prose_token *push(struct prose_tokens *toks, enum prose_kind kind, size_t start,
				size_t end)
{
	xgrow(&toks->items, &toks->cap, toks->n, sizeof *toks->items);
	struct prose_token *t = &toks->items[toks->n++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->start = start;
	t->end = end;
	return t;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A letter outside ASCII: any multi-byte sequence that is not one of the
 * punctuation marks the reader knows (dashes, quotes, the pound sign). */
static size_t utf8_punct(const unsigned char *s, char *stand_in)
{
	if (s[0] == 0xC2 && s[1] == 0xA3) {
		*stand_in = '$'; /* £ */
		return 2;
	}
	if (s[0] == 0xC2 && s[1] == 0xA0) {
		*stand_in = ' '; /* no-break space */
		return 2;
	}
	if (s[0] == 0xE2 && s[1] == 0x80) {
		unsigned char c = s[2];
		if (c >= 0x90 && c <= 0x95) { /* hyphens and dashes */
			*stand_in = '-';
			return 3;
		}
		if (c >= 0x98 && c <= 0x9F) { /* curly quotes */
			*stand_in = c <= 0x9B ? '\'' : '"';
			return 3;
		}
		if (c == 0xA6) { /* ellipsis */
			*stand_in = '.';
			return 3;
		}
		if (c == 0xAF || (c >= 0x80 && c <= 0x8A)) { /* spaces */
			*stand_in = ' ';
			return 3;
		}
	}
	if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) { /* minus sign */
		*stand_in = '-';
		return 3;
	}
	return 0;
}

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	return 2;
}

/* Words that end no sentence though a full stop follows them. */
static bool is_abbreviation(const char *w)
{
	static const char *const abbr[] = { "approx", "e", "g", "i", "etc", "no", "nos", "tel",
					    "st", "dr", "mr", "mrs", "ms", "vs", "c", "ca", "fig",
					    "para", "ref", "inc", "cf", "ie", "eg" };
	for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
		if (strcmp(w, abbr[i]) == 0)
			return true;
	return false;
}

/* A number written in digits from s[*i]: "16930", "16,930", "86.7".
 * Commas group thousands only as exactly three digits after a first group
 * of one to three; anything else ends the number. */
static void read_digits(const char *s, size_t *i, double *value, double *step, bool *lead_zero)
{
	size_t p = *i, first = 0;
	double v = 0;
	while (is_digit((unsigned char)s[p])) {
		v = v * 10 + (s[p] - '0');
		p++;
		first++;
	}
	*lead_zero = s[*i] == '0' && first > 1;
	while (first <= 3 && s[p] == ',' && is_digit((unsigned char)s[p + 1]) &&
	       is_digit((unsigned char)s[p + 2]) && is_digit((unsigned char)s[p + 3]) &&
	       !is_digit((unsigned char)s[p + 4])) {
		v = v * 1000 + (s[p + 1] - '0') * 100 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
		p += 4;
		first = 3;
	}
	double st = 1;
	if (s[p] == '.' && is_digit((unsigned char)s[p + 1])) {
		p++;
		while (is_digit((unsigned char)s[p])) {
			st /= 10;
			v += (s[p] - '0') * st;
			p++;
		}
	}
	*i = p;
	*value = v;
	*step = st;
}

/* ---- pass 1: characters into tokens --------------------------------------- */

static void scan(const char *text, struct prose_tokens *toks)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	int bound_depth = 0;
	bool money = false;       /* a pound sign just before */
	size_t money_start = 0;
	while (s[i]) {
		unsigned char c = s[i];
		char stand_in = 0;
		size_t ulen = c >= 0x80 ? utf8_punct(s + i, &stand_in) : 0;
		if (c == (unsigned char)PROSE_BOUND_OPEN || c == (unsigned char)PROSE_BOUND_CLOSE ||
		    c == (unsigned char)PROSE_INLINE_START) {
			if (c != (unsigned char)PROSE_INLINE_START)
				bound_depth = c == (unsigned char)PROSE_BOUND_OPEN;
			i++;
			continue;
		}
		if (c == (unsigned char)PROSE_HARD_BREAK) {
			push(toks, PT_BREAK, i, i + 1);
			money = false;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || stand_in == ' ') {
			i += ulen ? ulen : 1;
			continue;
		}
		if (stand_in == '$') {
			money = true;
			money_start = i;
			i += ulen;
			continue;
		}
		if (is_digit(c)) {
			size_t start = money ? money_start : i;
			struct prose_token *t = push(toks, PT_NUMBER, start, i);
			bool lead_zero;
			read_digits(text, &i, &t->value, &t->step, &lead_zero);
			t->unit = money ? PU_MONEY : PU_PLAIN;
			t->bound = bound_depth > 0;
			money = false;
			if (lead_zero)
				t->role = PR_CODE;
			/* A magnitude or ordinal glued on: 16.9k, £1.2m, 3bn, 1st. */
			size_t k = i;
			while (is_alpha(s[k]))
				k++;
			if (k > i) {
				char suf[8] = "";
				size_t n = k - i < sizeof suf - 1 ? k - i : sizeof suf - 1;
				for (size_t j = 0; j < n; j++)
					suf[j] = (char)(s[i + j] | 0x20);
				bool glued_digit = is_digit(s[k]);
				double mult = 0;
				if (!glued_digit && k - i <= 2 && strcmp(suf, "k") == 0)
					mult = 1e3;
				else if (!glued_digit && strcmp(suf, "m") == 0)
					mult = 1e6;
				else if (!glued_digit && strcmp(suf, "bn") == 0)
					mult = 1e9;
				if (mult) {
					t->value *= mult;
					t->step *= mult;
				} else if (!glued_digit && (strcmp(suf, "st") == 0 || strcmp(suf, "nd") == 0 ||
							   strcmp(suf, "rd") == 0 || strcmp(suf, "th") == 0)) {
					t->role = PR_ORDINAL;
				} else {
					t->role = PR_LABEL; /* 155km2, 3KSLs */
					while (is_alpha(s[k]) || is_digit(s[k]))
						k++;
				}
				i = k;
			}
			/* A percent sign, perhaps after one space. */
			if (s[i] == '%') {
				t->unit = PU_PERCENT;
				i++;
			} else if (s[i] == ' ' && s[i + 1] == '%') {
				t->unit = PU_PERCENT;
				i += 2;
			}
			t->end = i;
			continue;
		}
		money = false;
		if (is_alpha(c) || (c >= 0x80 && !ulen)) {
			/* A word: letters, then letters, digits, apostrophes and
			 * hyphens between letters ("s47", "year's", "face-to-face"). */
			struct prose_token *t = push(toks, PT_WORD, i, i);
			size_t n = 0;
			for (;;) {
				unsigned char d = s[i];
				char si = 0;
				size_t ul = d >= 0x80 ? utf8_punct(s + i, &si) : 0;
				if (is_alpha(d) || is_digit(d)) {
					if (n < sizeof t->word - 1)
						t->word[n++] = (char)(is_alpha(d) ? d | 0x20 : d);
					i++;
				} else if (d >= 0x80 && !ul) {
					size_t l = utf8_len(d);
					for (size_t j = 0; j < l && s[i]; j++, i++)
						if (n < sizeof t->word - 1)
							t->word[n++] = (char)s[i];
				} else if ((d == '\'' || si == '\'') && is_alpha(s[i + (ul ? ul : 1)])) {
					if (n < sizeof t->word - 1)
						t->word[n++] = '\'';
					i += ul ? ul : 1;
				} else if (d == '-' && is_alpha(s[i + 1])) {
					if (n < sizeof t->word - 1)
						t->word[n++] = '-';
					i++;
				} else {
					break;
				}
			}
			t->word[n] = '\0';
			t->end = i;
			continue;
		}
		/* Punctuation. A full stop, question or exclamation mark ends a
		 * sentence unless a lower-case letter or a digit follows, or it
		 * closes an abbreviation. */
		char p = ulen ? stand_in : (char)c;
		size_t len = ulen ? ulen : 1;
		if (p == '.' || p == '!' || p == '?') {
			size_t k = i + len;
			while (s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r')
				k++;
			bool ends = !(s[k] >= 'a' && s[k] <= 'z') && !is_digit(s[k]);
			if (p == '.' && toks->n && toks->items[toks->n - 1].kind == PT_WORD &&
			    toks->items[toks->n - 1].end == i &&
			    is_abbreviation(toks->items[toks->n - 1].word))
				ends = false;
			if (ends) {
				push(toks, PT_BREAK, i, i + len);
				i += len;
				continue;
			}
		}
		struct prose_token *t = push(toks, PT_PUNCT, i, i + len);
		t->word[0] = p ? p : '?';
		i += len;
	}
}

/* ---- pass 2: numbers in words ------------------------------------------- */

static const char *const small_words[] = {
	"zero",    "one",     "two",       "three",    "four",     "five",    "six",
	"seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
	"fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen",
};
static const char *const tens_words[] = { "twenty", "thirty", "forty", "fifty",
					  "sixty",  "seventy", "eighty", "ninety" };

/* The value of a number word ("seven", "twenty-five"), or -1. */
static int word_number(const char *w)
{
	/* most words are not numbers: their first two letters say so */
	static const char *const starts[] = { "ze", "on", "tw", "th", "fo", "fi", "si",
					      "se", "ei", "ni", "te", "el" };
	bool may = false;
	for (size_t i = 0; i < sizeof starts / sizeof *starts && !may; i++)
		may = w[0] == starts[i][0] && w[1] == starts[i][1];
	if (!may)
		return -1;
	for (int i = 0; i < 20; i++)
		if (w[1] == small_words[i][1] && strcmp(w, small_words[i]) == 0)
			return i;
	for (int i = 0; i < 8; i++) {
		size_t n = strlen(tens_words[i]);
		if (w[1] != tens_words[i][1] || strncmp(w, tens_words[i], n) != 0)
			continue;
		if (w[n] == '\0')
			return 20 + 10 * i;
		if (w[n] == '-')
			for (int j = 1; j < 10; j++)
				if (strcmp(w + n + 1, small_words[j]) == 0)
					return 20 + 10 * i + j;
	}
	return -1;
}

static bool is_word(const struct prose_token *t, const char *w)
{
	return t->kind == PT_WORD && t->word[0] == w[0] && strcmp(t->word, w) == 0;
}

static bool is_punct(const struct prose_token *t, char c)
{
	return t->kind == PT_PUNCT && t->word[0] == c;
}

/* Marks the n tokens after index i as merged into it; compact() removes
 * them when the pass ends, so that merging stays linear in the text. */
static void drop_after(struct prose_tokens *toks, size_t i, size_t n)
{
	for (size_t k = 1; k <= n && i + k < toks->n; k++)
		toks->items[i + k].kind = PT_DEAD;
}

static void compact(struct prose_tokens *toks)
{
	size_t w = 0;
	for (size_t r = 0; r < toks->n; r++)
		if (toks->items[r].kind != PT_DEAD)
			toks->items[w++] = toks->items[r];
	toks->n = w;
}

static void number_words(struct prose_tokens *toks)
{
	for (size_t i = 0; i < toks->n; i++) {
		struct prose_token *t = &toks->items[i];
		if (t->kind != PT_WORD)
			continue;
		int v = word_number(t->word);
		if (v < 0)
			continue;
		t->kind = PT_NUMBER;
		t->value = v;
		t->step = 0;
		t->words = true;
		t->unit = PU_PLAIN;
		t->role = PR_FIGURE;
		/* "two hundred", "three thousand" */
		if (i + 1 < toks->n && (is_word(&toks->items[i + 1], "hundred") ||
					is_word(&toks->items[i + 1], "thousand"))) {
			t->value *= is_word(&toks->items[i + 1], "hundred") ? 100 : 1000;
			t->end = toks->items[i + 1].end;
			drop_after(toks, i, 1);
		}
	}
	compact(toks);
}

/* ---- pass 3: units and magnitudes written as words ----------------------- */

static void unit_words(struct prose_tokens *toks)
{
	for (size_t i = 0; i < toks->n; i++) {
		struct prose_token *t = &toks->items[i];
		if (t->kind != PT_NUMBER || i + 1 >= toks->n)
			continue;
		struct prose_token *n1 = &toks->items[i + 1];
		struct prose_token *n2 = i + 2 < toks->n ? &toks->items[i + 2] : NULL;
		if (t->unit == PU_PLAIN && is_word(n1, "per") && n2 && is_word(n2, "cent")) {
			t->unit = PU_PERCENT;
			t->end = n2->end;
			drop_after(toks, i, 2);
		} else if (t->unit == PU_PLAIN && (is_word(n1, "percent") || is_word(n1, "per-cent"))) {
			t->unit = PU_PERCENT;
			t->end = n1->end;
			drop_after(toks, i, 1);
		} else if (is_word(n1, "million") || is_word(n1, "thousand") ||
			   is_word(n1, "billion")) {
			double mult = n1->word[0] == 'm' ? 1e6 : n1->word[0] == 't' ? 1e3 : 1e9;
			t->value *= mult;
			t->step *= mult;
			t->end = n1->end;
			drop_after(toks, i, 1);
		}
		/* "10 percentage points": a difference of percentages, not a
		 * percentage; "7-minute briefings" and the like are labels. */
		if (i + 1 < toks->n && (is_word(&toks->items[i + 1], "percentage") ||
					is_word(&toks->items[i + 1], "points") ||
					is_word(&toks->items[i + 1], "pp")))
			t->role = PR_LABEL;
	}
	compact(toks);
}

/* ---- pass 4: what each number is doing ------------------------------------ */

static bool is_month(const struct prose_token *t)
{
	static const char *const months[] = {
		"january", "february", "march", "april",   "may",      "june",    "july",
		"august",  "september", "october", "november", "december", "jan",     "feb",
		"mar",     "apr",      "jun",     "jul",      "aug",      "sep",     "sept",
		"oct",     "nov",      "dec",
	};
	if (t->kind != PT_WORD)
		return false;
	for (size_t i = 0; i < sizeof months / sizeof *months; i++)
		if (t->word[0] == months[i][0] && strcmp(t->word, months[i]) == 0)
			return true;
	return false;
}

static bool is_label_word(const struct prose_token *t)
{
	static const char *const words[] = {
		"section", "stage",   "priority", "appendix", "page",    "pages",   "paragraph",
		"chapter", "tier",    "level",    "phase",    "step",    "part",    "article",
		"rule",    "version", "ward",     "item",     "table",   "figure",  "chart",
		"question", "no",     "number",   "year",     "schedule", "clause", "option",
		"route",   "box",     "room",     "floor",    "unit",    "band",    "grade",
		"class",   "group",   "team",     "q",        "s",       "aged",    "age",
		"ages",
	};
	if (t->kind != PT_WORD)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (t->word[0] == words[i][0] && strcmp(t->word, words[i]) == 0)
			return true;
	return false;
}

static bool is_whole(const struct prose_token *t)
{
	return t->step >= 1 || t->step == 0;
}

/* Is "a-b" (or a/b) a reporting year: 2023-24, 23/24, 2023-2024? */
static bool is_period_pair(const struct prose_token *a, const struct prose_token *b)
{
	if (!is_whole(a) || !is_whole(b) || a->unit != PU_PLAIN || b->unit != PU_PLAIN ||
	    a->words || b->words)
		return false;
	long x = (long)a->value, y = (long)b->value;
	size_t la = a->end - a->start, lb = b->end - b->start;
	if (la == 4 && x >= 1900 && x <= 2099)
		return (lb == 2 && y == (x + 1) % 100) || (lb == 4 && y == x + 1);
	return la == 2 && lb == 2 && y == (x + 1) % 100;
}

static void roles(const char *text, struct prose_tokens *toks)
{
	struct prose_token *it = toks->items;
	size_t n = toks->n;
	for (size_t i = 0; i < n; i++) {
		struct prose_token *t = &it[i];
		if (t->kind != PT_NUMBER)
			continue;
		struct prose_token *prev = i > 0 ? &it[i - 1] : NULL;
		struct prose_token *next = i + 1 < n ? &it[i + 1] : NULL;
		size_t digits = t->end - t->start;

		/* Years: four digits from 1900 to 2099, as written (not 1,999). */
		if (!t->words && t->unit == PU_PLAIN && t->step == 1 && digits == 4 &&
		    t->value >= 1900 && t->value <= 2099 && t->role == PR_FIGURE)
			t->role = PR_YEAR;
		/* Dates: "15 November", "April 2023", "Sep 23". */
		if (t->role == PR_FIGURE && next && is_month(next) && is_whole(t) && t->value <= 31)
			t->role = PR_DATE;
		if (prev && is_month(prev) && t->role != PR_ORDINAL && is_whole(t))
			t->role = PR_YEAR;
		/* A rate's denominator: "per 10k", "per 10,000". */
		if (prev && is_word(prev, "per"))
			t->role = PR_PER;
		/* Labels: "Section 47", "Key Stage 2", "under 25s". */
		if (prev && is_label_word(prev) && t->role == PR_FIGURE && !t->words &&
		    t->unit == PU_PLAIN)
			t->role = PR_LABEL;
		/* Telephone numbers: after "tel", and digits run on after a code. */
		if (prev && (is_word(prev, "tel") || is_word(prev, "telephone") ||
			     is_word(prev, "ext") || (prev->kind == PT_PUNCT && i > 1 &&
						      is_word(&it[i - 2], "tel"))))
			t->role = PR_CODE;
		if (prev && prev->kind == PT_NUMBER && prev->role == PR_CODE && !t->words)
			t->role = PR_CODE;
		/* A hyphen glued to a word: "7-minute", "12-month", "24-hour". */
		if (text[t->end] == '-' && is_alpha((unsigned char)text[t->end + 1]))
			t->role = PR_LABEL;
		/* List numbering: "1." or "1)" opening the text or a sentence. */
		if ((!prev || prev->kind == PT_BREAK) && !t->words && next &&
		    (next->kind == PT_BREAK || is_punct(next, ')')) &&
		    (next->kind != PT_BREAK || text[next->start] == '.'))
			t->role = PR_LABEL;
		if ((!prev || prev->kind == PT_BREAK) && !t->words && next && is_punct(next, '.'))
			t->role = PR_LABEL;
		/* "the first 6 months", "the last 12 months": a span, not a figure */
		if (prev && (is_word(prev, "first") || is_word(prev, "last") ||
			     is_word(prev, "next") || is_word(prev, "past") || is_word(prev, "second")))
			t->role = PR_LABEL;
		/* "three times": the multiplier is not a figure. */
		if (next && (is_word(next, "times") || is_word(next, "fold")))
			t->role = PR_LABEL;
	}

	/* Pairs joined by a dash or a slash: periods, ranges, ratios. */
	for (size_t i = 0; i + 2 < n; i++) {
		struct prose_token *a = &it[i], *sep = &it[i + 1], *b = &it[i + 2];
		if (a->kind != PT_NUMBER || b->kind != PT_NUMBER ||
		    !(is_punct(sep, '-') || is_punct(sep, '/')))
			continue;
		if (is_period_pair(a, b)) {
			a->role = b->role = PR_PERIOD;
		} else if (a->role != PR_CODE) {
			if (a->role == PR_FIGURE || a->role == PR_YEAR)
				a->role = PR_RANGE;
			if (b->role == PR_FIGURE || b->role == PR_YEAR)
				b->role = PR_RANGE;
		}
	}
	/* "between 14 and 16" */
	for (size_t i = 0; i + 3 < n; i++)
		if (is_word(&it[i], "between") && it[i + 1].kind == PT_NUMBER &&
		    is_word(&it[i + 2], "and") && it[i + 3].kind == PT_NUMBER) {
			if (it[i + 1].role == PR_FIGURE)
				it[i + 1].role = PR_RANGE;
			if (it[i + 3].role == PR_FIGURE)
				it[i + 3].role = PR_RANGE;
		}
}

/* ---- pass 5: fractions ------------------------------------------------------ */

/* "one in five", "nine in every ten", "3 out of 4", and "half of", "a
 * third of", "two thirds of", "three quarters of" become one number: the
 * share in percent. */
static void fractions(struct prose_tokens *toks)
{
	for (size_t i = 0; i < toks->n; i++) {
		struct prose_token *t = &toks->items[i];
		size_t left = toks->n - i;
		if (t->kind == PT_DEAD)
			continue;
		/* K "in" ["every"] N, K "out of" N */
		size_t k = i + 1;
		bool joined = false;
		if (prose_is_figure(t) && t->unit == PU_PLAIN && left >= 3) {
			if (is_word(&toks->items[k], "in")) {
				k++;
				if (k < toks->n && is_word(&toks->items[k], "every"))
					k++;
				joined = true;
			} else if (left >= 4 && is_word(&toks->items[k], "out") &&
				   is_word(&toks->items[k + 1], "of")) {
				k += 2;
				joined = true;
			}
		}
		struct prose_token *d = joined && k < toks->n ? &toks->items[k] : NULL;
		if (d && prose_is_figure(d) && d->unit == PU_PLAIN && d->value > 0 &&
		    d->value >= t->value && !d->hedge) {
			t->num = t->value;
			t->den = d->value;
			t->value = 100 * t->num / t->den;
			t->unit = PU_PERCENT;
			t->fraction = true;
			t->words = t->words || d->words;
			t->step = 0;
			t->end = d->end;
			drop_after(toks, i, k - i);
			continue;
		}
		if (t->kind != PT_WORD && !(t->kind == PT_NUMBER && t->words))
			continue;
		/* common fractions followed by "of" ("two" is a number by now, its
		 * word kept) */
		static const struct {
			const char *a, *b;
			double num, den;
		} common[] = {
			{ "half", NULL, 1, 2 },      { "a", "third", 1, 3 },       { "one", "third", 1, 3 },
			{ "two", "thirds", 2, 3 },   { "a", "quarter", 1, 4 },     { "one", "quarter", 1, 4 },
			{ "three", "quarters", 3, 4 }, { "a", "fifth", 1, 5 },     { "one", "fifth", 1, 5 },
		};
		for (size_t c = 0; c < sizeof common / sizeof *common; c++) {
			size_t len = common[c].b ? 2 : 1;
			if (left < len + 1 || t->word[0] != common[c].a[0] ||
			    strcmp(t->word, common[c].a) != 0 ||
			    (common[c].b && !is_word(&toks->items[i + 1], common[c].b)) ||
			    !is_word(&toks->items[i + len], "of"))
				continue;
			/* "the first half of the year" is not a share */
			if (i > 0 && (is_word(&toks->items[i - 1], "first") ||
				      is_word(&toks->items[i - 1], "second") ||
				      is_word(&toks->items[i - 1], "last") ||
				      is_word(&toks->items[i - 1], "the")))
				continue;
			t->kind = PT_NUMBER;
			t->num = common[c].num;
			t->den = common[c].den;
			t->value = 100 * t->num / t->den;
			t->unit = PU_PERCENT;
			t->fraction = true;
			t->words = true;
			t->role = PR_FIGURE;
			t->step = 0;
			t->end = toks->items[i + len - 1].end;
			drop_after(toks, i, len - 1);
			break;
		}
	}
	compact(toks);
}

/* ---- pass 6: hedges ------------------------------------------------------- */

static void hedges(struct prose_tokens *toks)
{
	static const struct {
		const char *a, *b;
		enum prose_hedge hedge;
	} table[] = {
		{ "about", NULL, PH_ABOUT },        { "around", NULL, PH_ABOUT },
		{ "approximately", NULL, PH_ABOUT }, { "approx", NULL, PH_ABOUT },
		{ "roughly", NULL, PH_ABOUT },      { "some", NULL, PH_ABOUT },
		{ "circa", NULL, PH_ABOUT },        { "c", NULL, PH_ABOUT },
		{ "estimated", NULL, PH_ABOUT },    { "almost", NULL, PH_NEAR_BELOW },
		{ "nearly", NULL, PH_NEAR_BELOW },  { "under", "just", PH_NEAR_BELOW },
		{ "to", "close", PH_NEAR_BELOW },   { "over", "just", PH_AT_LEAST },
		{ "under", NULL, PH_AT_MOST },      { "than", "less", PH_AT_MOST },
		{ "than", "fewer", PH_AT_MOST },    { "below", NULL, PH_AT_MOST },
		{ "to", "up", PH_AT_MOST },         { "over", NULL, PH_AT_LEAST },
		{ "than", "more", PH_AT_LEAST },    { "above", NULL, PH_AT_LEAST },
		{ "least", "at", PH_AT_LEAST },     { "of", "excess", PH_AT_LEAST },
		{ "of", "upwards", PH_AT_LEAST },
	};
	for (size_t i = 1; i < toks->n; i++) {
		struct prose_token *t = &toks->items[i];
		if (t->kind != PT_NUMBER)
			continue;
		/* the hedge may stand before an article: "just under a third of" */
		size_t w = i - 1;
		if (w > 0 && (is_word(&toks->items[w], "a") || is_word(&toks->items[w], "an") ||
			      is_punct(&toks->items[w], '.')))
			w--;
		for (size_t k = 0; k < sizeof table / sizeof *table; k++) {
			if (!is_word(&toks->items[w], table[k].a))
				continue;
			if (table[k].b && (w == 0 || !is_word(&toks->items[w - 1], table[k].b)))
				continue;
			t->hedge = table[k].hedge;
			break;
		}
	}
}

void prose_read(const char *text, struct prose_tokens *toks)
{
	toks->n = 0;
	scan(text, toks);
	number_words(toks);
	unit_words(toks);
	roles(text, toks);
	fractions(toks);
	hedges(toks);
}

char *prose_format(double v, int decimals, char *buf, size_t size)
{
	bool neg = v < 0;
	double scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	uint64_t all = (uint64_t)llround(fabs(v) * scale);
	uint64_t whole = all / (uint64_t)scale, frac = all % (uint64_t)scale;
	char digits[32], grouped[48];
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)whole);
	size_t nd = strlen(digits), k = 0;
	for (size_t i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	if (decimals > 0)
		snprintf(buf, size, "%s%s.%0*llu", neg && all ? "-" : "", grouped, decimals,
			 (unsigned long long)frac);
	else
		snprintf(buf, size, "%s%s", neg && all ? "-" : "", grouped);
	return buf;
}
