/* review-dates.h - the calendar of the review register: day numbers,
 * months added, working days over the bank holidays of England and Wales
 * (bank-holidays.c, data), and the days a month-precision date stands for.
 *
 * Shared by the review checks and the unit test of the timescales. */
#ifndef REPORTC_REVIEW_DATES_H
#define REPORTC_REVIEW_DATES_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct bank_holiday {
	int year, month, day;
};

/* Every bank holiday of England and Wales from
 * review_bank_holidays_first_year to review_bank_holidays_last_year, in
 * date order (bank-holidays.c). */
extern const struct bank_holiday review_bank_holidays[];
extern const size_t review_bank_holidays_count;
extern const int review_bank_holidays_first_year;
extern const int review_bank_holidays_last_year;

/* Days from 1970-01-01 to a day of the (proleptic Gregorian) calendar;
 * negative before it. */
long review_day_number(int year, int month, int day);
/* The calendar day of a day number. */
void review_day_date(long day, int *year, int *month, int *dom);
int review_days_in_month(int year, int month);

bool review_is_bank_holiday(long day);
/* Neither a Saturday, a Sunday nor a bank holiday. */
bool review_is_working_day(long day);
/* The n-th working day after day (n >= 1; day itself never counts): the
 * last day of "within 15 working days" of a notification. False when the
 * count leaves the years the bank holidays cover, for then it cannot be
 * decided. */
bool review_add_working_days(long day, int n, long *out);
/* The same day of the month `months` later, or that month's last day when
 * it is shorter (31 August + 6 months is 28 or 29 February). */
long review_add_months(long day, int months);

/* The first and the last day a date of the register can stand for: the day
 * itself, or the first and last of a month-precision date. */
long review_date_first(struct review_date d);
long review_date_last(struct review_date d);
/* "8 May 2023", "May 2023": how the report and the messages write a date.
 * Returns buf. */
const char *review_date_format(struct review_date d, char *buf, size_t size);
/* A day number as "Monday 26 June 2023", for messages. Returns buf. */
const char *review_day_format(long day, char *buf, size_t size);

#endif
