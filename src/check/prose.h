/* prose.h - reading figures in English prose and checking the arithmetic a
 * sentence states (rule 12, DECISIONS.md "Arithmetic in the prose").
 *
 * Two layers, neither of which knows the model:
 *  - the number reader (prose-number.c) cuts a text into words,
 *    punctuation, sentence ends and numbers, reading numbers as UK reports
 *    write them (16930, 16,930, 16.9k, £1.2m, 86.7%, "12 per cent",
 *    "nine in ten") and saying what each number is: a figure, or a year,
 *    a date, a range, a rate's denominator, a label, a telephone number;
 *  - the matcher (prose-match.c) finds the relations a sentence states
 *    between its figures (changes, comparisons, multiples, shares,
 *    averages, sums) and reports each that the figures contradict, at the
 *    precision written. What it does not recognise it leaves alone.
 *
 * Texts are UTF-8. Two control characters, which XML text cannot hold,
 * mark what the caller inserted: PROSE_BOUND_OPEN ... PROSE_BOUND_CLOSE
 * around a figure printed from the data (a <value>: it is read, and never
 * suggested for binding), PROSE_HARD_BREAK where something stands that is
 * not text (a footnote, a value that cannot be printed): it ends the
 * sentence; PROSE_INLINE_START where an inline element starts (the caller
 * uses it to place findings; the reader skips it). */
#ifndef REPORTC_PROSE_H
#define REPORTC_PROSE_H

#include <stdbool.h>
#include <stddef.h>

#define PROSE_BOUND_OPEN '\x01'
#define PROSE_BOUND_CLOSE '\x02'
#define PROSE_HARD_BREAK '\x03'
#define PROSE_INLINE_START '\x04'

enum prose_kind {
	PT_WORD,     /* letters (and digits after a letter: "s47"), lower-cased */
	PT_NUMBER,
	PT_PUNCT,    /* one character: , ; : ( ) / - and the like */
	PT_BREAK,    /* the end of a sentence */
	PT_DEAD,     /* inside the reader only: merged into the token before */
};

/* What a number is measured in. */
enum prose_unit {
	PU_PLAIN,    /* 16,930 */
	PU_PERCENT,  /* 86.7%, 12 per cent, and fractions: "one in five" is 20 */
	PU_MONEY,    /* £1.2m */
};

/* What a number is doing in its sentence: only figures are arithmetic. */
enum prose_role {
	PR_FIGURE,
	PR_YEAR,     /* 2023, and "April 2023", "Sep 23" */
	PR_DATE,     /* the day of "15 November" */
	PR_PERIOD,   /* 2023-24, 23/24, 2023/2024 */
	PR_RANGE,    /* 14–16, 14-16, "between 14 and 16", 1/2 */
	PR_PER,      /* the 10,000 of "per 10,000" */
	PR_LABEL,    /* "Section 47", "Key Stage 2", "7-minute", "1." opening a list,
			"155km2", "10 percentage points", a number that multiplies
			("three times") */
	PR_CODE,     /* telephone numbers: 0151 934 3366 */
	PR_ORDINAL,  /* 1st, 16th */
};

/* How exactly a figure is meant. */
enum prose_hedge {
	PH_NONE,
	PH_ABOUT,    /* about, around, approximately, roughly, some */
	PH_NEAR_BELOW, /* almost, nearly, just under, close to */
	PH_AT_MOST,  /* under, less than, fewer than, below, up to */
	PH_AT_LEAST, /* over, more than, above, at least, just over */
};

struct prose_token {
	enum prose_kind kind;
	size_t start, end;       /* bytes of the text */
	char word[24];           /* PT_WORD: lower-case, truncated; PT_PUNCT: the
				    character (an ASCII stand-in for dashes: '-') */
	/* PT_NUMBER */
	double value;            /* 16.9k is 16900; "one in five" is 20 (percent) */
	double step;             /* the unit of the last digit written: 16.9k → 100,
				    86.7 → 0.1; 0 for numbers in words (exact) */
	enum prose_unit unit;
	enum prose_role role;
	enum prose_hedge hedge;
	bool words;              /* written in words ("nine", "one in five") */
	bool fraction;           /* "K in N", "K out of N", "half of": value is 100·K/N */
	double num, den;         /* a fraction's K and N */
	bool bound;              /* printed from the data, not typed */
};

struct prose_tokens {
	struct prose_token *items;
	size_t n, cap;
};

/* Reads text into tokens (replacing what toks held). Linear in the text.
 * Free with prose_tokens_free(). */
void prose_read(const char *text, struct prose_tokens *toks);
void prose_tokens_free(struct prose_tokens *toks);

/* Is the token a figure taking part in arithmetic? */
bool prose_is_figure(const struct prose_token *t);

/* One inconsistency the matcher found. */
struct prose_finding {
	size_t start;            /* byte offset of the relation in the text */
	const char *stated;      /* the stated figure as written ("32%", "twice",
				    "one in five", "1,411"): what `as-written`
				    names to accept it */
	const char *message;     /* what is wrong and what would be right */
};

/* Checks every sentence of text, calling report() for each inconsistent
 * relation (the finding's strings live until report() returns). Returns
 * how many there were. */
size_t prose_check(const char *text,
		   void (*report)(void *ctx, const struct prose_finding *f), void *ctx);
/* The same on the tokens prose_read() made of text. */
size_t prose_check_tokens(const char *text, const struct prose_tokens *toks,
			  void (*report)(void *ctx, const struct prose_finding *f), void *ctx);

/* A number formatted in UK style with `decimals` decimals (16,930;
 * 1,410.8; 46.5), independent of the locale. Returns buf. */
char *prose_format(double v, int decimals, char *buf, size_t size);

#endif
