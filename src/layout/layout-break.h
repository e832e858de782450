/* layout-break.h - total-fit line breaking (Knuth and Plass, "Breaking
 * paragraphs into lines", 1981) on abstract boxes, glue and penalties.
 *
 * The paragraph builder turns text into items with the layout_break_add_*
 * helpers, which build the right constructions for justified and for
 * ragged-right text, then calls layout_break_lines(). Knowing nothing of
 * fonts or text, this module sees widths only; an item's ref is the
 * caller's own reference (say, the index of the text run it came from).
 *
 * How the items are built:
 * - word: box(w). A word that may break inside gets one box per fragment
 *   with layout_break_add_word_break() between them (see
 *   layout_break_word_points()).
 * - interword space, justified: glue(w, w/2, w/3): it may grow by half and
 *   shrink by a third.
 * - interword space, ragged right: glue(0, 3em, 0) penalty(0)
 *   glue(w, -3em, 0). Unbroken it is a plain space of width w with no
 *   stretch; broken at the penalty, the line ends with 3 em of stretch, so
 *   every line's badness measures how short it is and the total fit evens
 *   out the line lengths. No line shrinks, so none is ever wider than its
 *   measure (unless a single box is).
 * - break inside a word: penalty(h, p, flagged) when justified;
 *   penalty(0, +inf) glue(0, 3em, 0) penalty(h, p, flagged) glue(0, -3em, 0)
 *   when ragged. h is the hyphen's width, shown only when the line breaks
 *   there, 0 when no hyphen is added (after '/', or after a hyphen already
 *   in the word).
 * - forced break (a new line inside the paragraph): box(0) penalty(+inf)
 *   glue(0, fil, 0) penalty(-inf). The empty box keeps a second forced break
 *   from being swallowed, so two in a row give an empty line.
 * - paragraph end: penalty(+inf) glue(0, fil, 0) penalty(-inf), after
 *   removing trailing spaces, break points and forced breaks.
 *
 * Unit: points throughout. Memory: items and the node pool are malloc'd and
 * freed here; result lines are allocated from the caller's arena, valid
 * until arena_free(). */
#ifndef REPORTC_LAYOUT_BREAK_H
#define REPORTC_LAYOUT_BREAK_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* A penalty at or above this never breaks; at or below its negative
 * always breaks. */
#define BREAK_INFINITY 10000.0

/* Penalties the helpers and layout_break_word_points() use. */
#define BREAK_HYPHEN_PENALTY 50.0   /* at a hyphen, TeX's \hyphenpenalty */
#define BREAK_PUNCT_PENALTY 100.0   /* after '/', '_' or '.' inside a word */
#define BREAK_LETTER_PENALTY 1000.0 /* between letters of an over-long word */

enum break_type { BREAK_BOX, BREAK_GLUE, BREAK_PENALTY };

enum break_mode { BREAK_JUSTIFIED, BREAK_RAGGED };

struct break_item {
	enum break_type type;
	double width_pt;     /* box and glue; for a penalty, the width shown when
			      * the line breaks there (a hyphen) */
	double stretch_pt;   /* glue: finite stretch (negative in ragged spaces) */
	double shrink_pt;    /* glue */
	bool fil;            /* glue: infinitely stretchable (paragraph end) */
	double penalty;      /* penalty: cost of breaking here */
	bool flagged;        /* penalty: a hyphenated break */
	size_t ref;          /* caller's reference, untouched */
};

/* The items of one paragraph. Reuse with layout_break_items_clear(). */
struct break_items {
	struct break_item *items;
	size_t n, cap;
	enum break_mode mode;
	double ragged_stretch_pt; /* 3 em of the paragraph's font */
};

/* Starts an empty list for text of size em_pt set in the given mode. */
void layout_break_items_init(struct break_items *l, enum break_mode mode, double em_pt);
/* Empties the list for the next paragraph, keeping mode and memory. */
void layout_break_items_clear(struct break_items *l);
void layout_break_items_free(struct break_items *l);

void layout_break_add_box(struct break_items *l, double width_pt, size_t ref);
/* An interword space of natural width space_pt (the font's space advance
 * at its size), in the list's mode. */
void layout_break_add_space(struct break_items *l, double space_pt, size_t ref);
/* A place where the word may break; hyphen_pt is shown at the line end when
 * it does (0 for none). flagged marks hyphen-like breaks, so that two
 * hyphenated lines in a row cost extra. */
void layout_break_add_word_break(struct break_items *l, double hyphen_pt, double penalty,
				 bool flagged, size_t ref);
/* A new line inside the paragraph; trailing spaces before it are removed. */
void layout_break_add_forced_break(struct break_items *l, size_t ref);
/* Ends the paragraph (see above). Call exactly once, last. */
void layout_break_end(struct break_items *l, size_t ref);

/* Raw items, for constructions the helpers do not cover. */
void layout_break_add_glue(struct break_items *l, double width_pt, double stretch_pt,
			   double shrink_pt, size_t ref);
void layout_break_add_penalty(struct break_items *l, double width_pt, double penalty,
			      bool flagged, size_t ref);

/* A place inside a word where an emergency break may go. */
struct break_point {
	size_t offset;   /* byte offset: the line may end before this byte */
	bool hyphen;     /* add a hyphen at the line end */
	bool flagged;    /* pass to layout_break_add_word_break() */
	double penalty;
};

/* Finds break points inside one word (UTF-8, len bytes, no spaces): after
 * '-', '‐', '–', '—' (flagged, BREAK_HYPHEN_PENALTY), after a soft hyphen
 * U+00AD (the same, and a hyphen is added), after '/', '_' and a
 * '.' that is not a decimal point (BREAK_PUNCT_PENALTY), and, if letters,
 * inside runs of letters and digits, keeping at least two of the run on
 * each side (BREAK_LETTER_PENALTY; a hyphen between letters, but none next
 * to a digit nor in a word with '/', '@', ':' or '_', an address whose
 * reader would take the hyphen for part of it). out needs room for len entries; returns how many
 * were written, in order. Offer the punctuation points in every word that
 * has them (URLs, "and/or"); ask for letters when a word is wider than the
 * narrowest line, so that it can be split rather than overflow. */
size_t layout_break_word_points(const char *word, size_t len, bool letters,
				struct break_point *out);

/* Tuning. Demerits follow Knuth and Plass: (line_penalty + badness)^2 plus
 * the penalty squared, badness = 100 |ratio|^3. */
struct break_options {
	double tolerance;         /* largest adjustment ratio, first try */
	double retry_tolerance;   /* second try when the first finds no way */
	double line_penalty;      /* per line: prefers fewer lines */
	double flagged_demerits;  /* two hyphenated lines in a row */
	double fitness_demerits;  /* a very loose line next to a tight one, etc. */
};

/* tolerance 1.5, retry 4, line penalty 10, flagged 3000, fitness 100. */
struct break_options layout_break_default_options(void);

/* One line of the result. Items start..end-1 are its content: walk them,
 * advancing by a box's width and by layout_break_glue_width() for glue
 * (penalties inside a line take no room), then draw hyphen_pt (the break
 * penalty's width) after the last box when it is not 0. */
struct break_line {
	size_t start, end;   /* end is the index of the break item */
	double width_pt;     /* the measure this line was set to */
	double natural_pt;   /* content width at natural spacing, hyphen included */
	double hyphen_pt;
	/* Adjustment ratio: the glue uses this fraction of its stretch
	 * (ratio > 0) or of its shrink (ratio < 0). 0 for a short line that
	 * ends in fil glue or has nothing to stretch; -1 for an overfull line
	 * (fully shrunk). In ragged mode it measures the shortfall in units
	 * of 3 em, and spaces stay at their natural width. */
	double ratio;
	bool overfull;       /* wider than width_pt even fully shrunk */
};

struct break_result {
	struct break_line *lines;
	size_t n_lines;
	/* 1 or 2 when the first or second tolerance sufficed; 3 when lines had
	 * to be looser than that, or a box was wider than its line. */
	int pass;
};

/* Breaks the paragraph into lines. Line i is set to widths_pt[i], the last
 * width repeating (n_widths >= 1: one entry for a plain block, two for a
 * first-line indent, more for hanging indents). The list must end with
 * layout_break_end(). Always succeeds: an item list with no boxes gives no
 * lines, and a box wider than its line gets a line of its own, marked
 * overfull. opts may be NULL for the defaults. */
void layout_break_lines(const struct break_items *l, const double *widths_pt, size_t n_widths,
			const struct break_options *opts, struct arena *arena,
			struct break_result *out);

/* The width glue item g gets in line: natural in ragged mode, stretched or
 * shrunk by the line's ratio when justified (0 for fil glue). */
double layout_break_glue_width(const struct break_items *l, const struct break_line *line,
			       const struct break_item *g);

#endif
