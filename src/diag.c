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

static int compare(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "");
	if (c)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool same(const struct diag *a, const struct diag *b)
{
	return a->severity == b->severity && a->pos.line == b->pos.line &&
	       a->pos.col == b->pos.col &&
	       strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "") == 0 &&
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

void diag_format(const struct diag *dg, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%u:%u: %s: %s", dg->pos.file ? dg->pos.file : "-",
		 (unsigned)dg->pos.line, (unsigned)dg->pos.col,
		 dg->severity == SEV_ERROR ? "error" : "warning", dg->message);
}

void diags_print(const struct diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *dg = &d->items[i];
		fprintf(out, "%s:%u:%u: %s: %s\n", dg->pos.file ? dg->pos.file : "-",
			(unsigned)dg->pos.line, (unsigned)dg->pos.col,
			dg->severity == SEV_ERROR ? "error" : "warning", dg->message);
	}
}
