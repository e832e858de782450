/* diag.h - findings about the data (errors and warnings) and exit codes.
 *
 * Findings are collected, never printed on the spot: a run reports all it
 * can find, sorted by file, line and column, as
 *   FILE:LINE:COL: error|warning: MESSAGE
 * Rule numbers follow doc/reference.md ("What is checked"). */
#ifndef REPORTC_DIAG_H
#define REPORTC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* Exit codes of every subcommand. */
enum exit_code {
	EXIT_CLEAN = 0,      /* no errors (warnings allowed) */
	EXIT_FINDINGS = 1,   /* the data has errors, or a final build was refused */
	EXIT_CANNOT_RUN = 2, /* bad usage, unreadable folder, unwritable output */
};

/* Where something stands in the input: file name relative to the report
 * folder (a string that outlives the model, usually a literal), 1-based
 * line and column. The column counts characters (UTF-8 code points), a tab
 * as one. line == 0 means "nowhere in particular". */
struct srcpos {
	const char *file;
	uint32_t line;
	uint32_t col;
};

/* Orders positions by file name, line and column (a NULL file first). */
int srcpos_compare(struct srcpos a, struct srcpos b);

/* SEV_ACCEPTED: a finding a person has accepted by hand (`as-written`,
 * rule 12). It is neither printed nor counted; a draft lists it as an open
 * point, so that the acceptance is reviewed. */
enum severity { SEV_ERROR, SEV_WARNING, SEV_ACCEPTED };

/* Errors are of two kinds. An incomplete one is a gap the year's work will
 * fill (a figure still "?", a text still [To write: …], a value still
 * [to enter]): a draft builds with it and shows the gap where it is used.
 * Every other error is wrong data, which no build typesets. A final build
 * refuses on either kind. */
struct diag {
	struct srcpos pos;
	enum severity severity;
	bool incomplete; /* an error that is a gap still to fill */
	int rule;        /* the reference's number within its severity, 0 if none */
	char *message;   /* owned by the list */
	size_t seq;      /* insertion order, keeps the sort stable */
};

struct diags {
	struct diag *items;
	size_t n, cap;
	size_t n_errors, n_warnings;
	size_t n_incomplete;     /* of n_errors, those that are gaps to fill */
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);

void diag_error(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
	RC_PRINTF(4, 5);
void diag_warning(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
	RC_PRINTF(4, 5);
void diag_accepted(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
	RC_PRINTF(4, 5);
/* An error that is a gap still to fill (see struct diag). */
void diag_incomplete(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
	RC_PRINTF(4, 5);

/* Sorts by file name, line, column, then the order findings were made, and
 * drops exact repeats (same place, severity and message). */
/* msg (malloc'd, taken) with each code point that could change how a
 * terminal shows the line written as an escape (\n, \t, \u009B, \xNN
 * for a byte that is not UTF-8), as every finding is; malloc'd. */
char *diag_escape(char *msg);
void diags_sort(struct diags *d);
void diags_print(const struct diags *d, FILE *out);
/* One finding as a line, without the newline, into buf. */
void diag_format(const struct diag *dg, char *buf, size_t size);

#endif
