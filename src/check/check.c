/* check.c - the check driver: rule 2 (one period for the whole folder),
 * then each family of rules in turn. */
#include "check.h"

#include "check-private.h"

/* Rule 2: each data file's period against report.xml's, reported at the
 * root element of the file that differs (report.xml is the reference the
 * FORMAT names, so it is never the one reported). */
static void check_periods(const struct model *m, struct diags *d)
{
	const struct file_head *report = &m->report.head;
	if (!report->loaded || !report->period.first_year)
		return;
	char want[8];
	period_format(report->period, want);
	for (int f = FILE_REPORT + 1; f < FILE_COUNT; f++) {
		const struct file_head *h = model_head(m, (enum data_file)f);
		if (!h->loaded || !h->period.first_year ||
		    h->period.first_year == report->period.first_year)
			continue;
		char got[8];
		period_format(h->period, got);
		diag_error(d, h->pos, 2,
			   "period=\"%s\" but report.xml has period=\"%s\"; every file of a report "
			   "is for the same year: correct the period, or use the %s data for %s",
			   got, want, want, model_file_name((enum data_file)f));
	}
}

void check_model(const struct model *m, struct diags *d)
{
	struct arena *scratch = arena_new();
	check_periods(m, d);
	check_magnitudes(m, d, scratch);
	check_breakdowns(m, d);
	check_totals(m, d);
	check_lado(m, d, scratch);
	check_refs(m, d, scratch);
	check_texts(m, d);
	check_records(m, d, scratch);
	check_reviews(m, d, scratch);
	check_warnings(m, d, scratch);
	check_prose(m, d, scratch);
	arena_free(scratch);
}
