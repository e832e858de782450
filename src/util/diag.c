/* diag.c - collecting, sorting and printing findings. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void diags_init(struct diags *d)
{
	memset(d, 0, sizeof *d);
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->items[i].message);
	free(d->items);
	memset(d, 0, sizeof *d);
}

/* Code points that would change how a terminal shows the line or what a
 * reader of the output takes it to say: C0 and C1 controls (a newline could
 * start a fake finding, U+009B is a terminal's control sequence
 * introducer), DEL, the line and paragraph separators, and the bidi
 * controls that reorder what follows (U+202E). */
static bool unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x61c ||
	       cp == 0x200e || cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Messages echo labels, titles and paths from the data: each unsafe code
 * point is written as an escape (\n, \t, \u009B) here, the one place every
 * finding passes, so no rule has to remember it. */
char *diag_escape(char *msg)
{
	size_t len = strlen(msg), extra = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(msg + i, len - i, &cp);
		if (n == 0)
			extra += 3, n = 1; /* \xNN */
		else if (unsafe(cp))
			extra += 6;
		i += n;
	}
	if (extra == 0)
		return msg;
	char *out = xmalloc(len + extra + 1), *o = out;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(msg + i, len - i, &cp);
		if (n == 0) {
			o += sprintf(o, "\\x%02X", (unsigned char)msg[i]);
			n = 1;
		} else if (cp == '\n') {
			o += sprintf(o, "\\n");
		} else if (cp == '\t') {
			o += sprintf(o, "\\t");
		} else if (cp == '\r') {
			o += sprintf(o, "\\r");
		} else if (unsafe(cp)) {
			o += sprintf(o, "\\u%04X", (unsigned)cp);
		} else {
			memcpy(o, msg + i, n);
			o += n;
		}
		i += n;
	}
	*o = '\0';
	free(msg);
	return out;
}

static void add(struct diags *d, struct srcpos pos, enum severity sev, bool incomplete,
		int rule, const char *fmt, va_list ap)
{
	char *msg = diag_escape(xvasprintf(fmt, ap));

	xgrow(&d->items, &d->cap, d->n, sizeof *d->items);
	d->items[d->n] = (struct diag){ pos, sev, incomplete, rule, msg, d->n };
	d->n++;
	if (sev == SEV_ERROR)
		d->n_errors++;
	else if (sev == SEV_WARNING)
		d->n_warnings++;
	d->n_incomplete += incomplete;
}

void diag_error(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, pos, SEV_ERROR, false, rule, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, pos, SEV_WARNING, false, rule, fmt, ap);
	va_end(ap);
}

void diag_incomplete(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, pos, SEV_ERROR, true, rule, fmt, ap);
	va_end(ap);
}

void diag_accepted(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, pos, SEV_ACCEPTED, false, rule, fmt, ap);
	va_end(ap);
}

int srcpos_compare(struct srcpos a, struct srcpos b)
{
	int c = strcmp(a.file ? a.file : "", b.file ? b.file : "");
	if (c)
		return c;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.col != b.col)
		return a.col < b.col ? -1 : 1;
	return 0;
}

static int compare(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = srcpos_compare(a->pos, b->pos);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool same(const struct diag *a, const struct diag *b)
{
	return a->severity == b->severity && srcpos_compare(a->pos, b->pos) == 0 &&
	       strcmp(a->message, b->message) == 0;
}

void diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->items, d->n, sizeof *d->items, compare);
	/* Two routes to one finding (the schema and a rule) print once. */
	size_t kept = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (kept && same(&d->items[kept - 1], &d->items[i])) {
			if (d->items[i].severity == SEV_ERROR)
				d->n_errors--;
			else if (d->items[i].severity == SEV_WARNING)
				d->n_warnings--;
			d->n_incomplete -= d->items[i].incomplete;
			free(d->items[i].message);
			continue;
		}
		d->items[kept++] = d->items[i];
	}
	d->n = kept;
}

/* The one place the line's shape is written. */
static const char *const line_format = "%s:%u:%u: %s: %s";

static const char *severity_name(enum severity sev)
{
	return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning" : "accepted";
}

void diag_format(const struct diag *dg, char *buf, size_t size)
{
	snprintf(buf, size, line_format, dg->pos.file ? dg->pos.file : "-",
		 (unsigned)dg->pos.line, (unsigned)dg->pos.col,
		 severity_name(dg->severity), dg->message);
}

void diags_print(const struct diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *dg = &d->items[i];
		if (dg->severity == SEV_ACCEPTED)
			continue;
		fprintf(out, line_format, dg->pos.file ? dg->pos.file : "-",
			(unsigned)dg->pos.line, (unsigned)dg->pos.col,
			severity_name(dg->severity), dg->message);
		fputc('\n', out);
	}
}
