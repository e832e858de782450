/* tap.h - the Test Anything Protocol for the unit tests: ok() prints one
 * result line, tap_done() the plan and the exit status. One test program
 * includes it once. */
#ifndef REPORTC_TAP_H
#define REPORTC_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "arena.h"

static int n_tests, n_failed;

/* Prints "ok N - what" or "not ok N - what"; returns cond. */
static inline bool RC_PRINTF(2, 3) ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	n_tests++;
	if (!cond)
		n_failed++;
	printf("%sok %d - ", cond ? "" : "not ", n_tests);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	return cond;
}

/* Prints the plan; the program's exit status. */
static inline int tap_done(void)
{
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}

#endif
