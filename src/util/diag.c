/* diag.c - collecting, sorting and printing findings. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

static void add(struct diags *d, struct srcpos pos, enum severity sev, int rule,
		const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	xgrow(&d->items, &d->cap, d->n, sizeof *d->items);
	d->items[d->n] = (struct diag){ pos, sev, rule, msg, d->n };
	d->n++;
	if (sev == SEV_ERROR)
		d->n_errors++;
	else
		d->n_warnings++;
}

void diag_error(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, pos, SEV_ERROR, rule, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diags *d, struct srcpos pos, int rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, pos, SEV_WARNING, rule, fmt, ap);
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
			else
				d->n_warnings--;
			free(d->items[i].message);
			continue;
		}
		d->items[kept++] = d->items[i];
	}
	d->n = kept;
}

/* The one place the line's shape is written. */
static const char *const line_format = "%s:%u:%u: %s: %s";

void diag_format(const struct diag *dg, char *buf, size_t size)
{
	snprintf(buf, size, line_format, dg->pos.file ? dg->pos.file : "-",
		 (unsigned)dg->pos.line, (unsigned)dg->pos.col,
		 dg->severity == SEV_ERROR ? "error" : "warning", dg->message);
}

void diags_print(const struct diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *dg = &d->items[i];
		fprintf(out, line_format, dg->pos.file ? dg->pos.file : "-",
			(unsigned)dg->pos.line, (unsigned)dg->pos.col,
			dg->severity == SEV_ERROR ? "error" : "warning", dg->message);
		fputc('\n', out);
	}
}
