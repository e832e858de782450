/* test-review-dates.c - the arithmetic of the statutory timescales: day
 * numbers and leap years, months added, working days across weekends and
 * the bank holidays of England and Wales (the irregular ones too), and
 * the days a month-precision date stands for. */
#include <string.h>

#include "review-dates.h"
#include "tap.h"

static long day(int y, int m, int d)
{
	return review_day_number(y, m, d);
}

/* The n-th working day after y-m-d, as "YYYY-MM-DD" ("none" when it cannot
 * be decided). */
static const char *after(int y, int m, int d, int n)
{
	static char buf[16];
	long out;
	if (!review_add_working_days(day(y, m, d), n, &out))
		return "none";
	int yy, mm, dd;
	review_day_date(out, &yy, &mm, &dd);
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", yy, mm, dd);
	return buf;
}

static void is(const char *got, const char *want, const char *what)
{
	if (!ok(strcmp(got, want) == 0, "%s", what))
		printf("#   got  %s\n#   want %s\n", got, want);
}

static void test_days(void)
{
	ok(day(1970, 1, 1) == 0 && day(1970, 1, 2) == 1 && day(1969, 12, 31) == -1,
	   "day numbers count from 1970-01-01");
	ok(day(2024, 3, 1) - day(2024, 2, 28) == 2 && day(2023, 3, 1) - day(2023, 2, 28) == 1,
	   "2024 has 29 February, 2023 has not");
	ok(day(2100, 3, 1) - day(2100, 2, 28) == 1 && day(2000, 3, 1) - day(2000, 2, 28) == 2,
	   "2100 is no leap year, 2000 is");
	bool round = true;
	for (long n = day(2014, 12, 25); n < day(2031, 1, 5); n++) {
		int y, m, d;
		review_day_date(n, &y, &m, &d);
		round = round && day(y, m, d) == n;
	}
	ok(round, "day numbers and dates convert both ways, 2015 to 2030");
	ok(review_days_in_month(2024, 2) == 29 && review_days_in_month(2023, 2) == 28 &&
		   review_days_in_month(2023, 4) == 30 && review_days_in_month(2023, 12) == 31,
	   "days in a month");
}

static void test_holidays(void)
{
	ok(review_is_bank_holiday(day(2020, 5, 8)) && !review_is_bank_holiday(day(2020, 5, 4)),
	   "2020: the early May bank holiday moved to Friday 8 May (VE Day)");
	ok(review_is_bank_holiday(day(2022, 6, 2)) && review_is_bank_holiday(day(2022, 6, 3)) &&
		   !review_is_bank_holiday(day(2022, 5, 30)),
	   "2022: spring bank holiday on 2 June and the Platinum Jubilee on 3 June, none on "
	   "30 May");
	ok(review_is_bank_holiday(day(2022, 9, 19)), "2022: the Queen's funeral, 19 September");
	ok(review_is_bank_holiday(day(2023, 5, 8)) && review_is_bank_holiday(day(2023, 5, 1)),
	   "2023: the coronation on 8 May beside the early May bank holiday");
	ok(review_is_bank_holiday(day(2021, 12, 27)) && review_is_bank_holiday(day(2021, 12, 28)) &&
		   !review_is_bank_holiday(day(2021, 12, 25)),
	   "Christmas on a Saturday: substitute days on Monday 27 and Tuesday 28 December");
	ok(review_is_bank_holiday(day(2022, 1, 3)) && !review_is_bank_holiday(day(2022, 1, 1)),
	   "New Year's Day on a Saturday: the substitute day is Monday 3 January");
	ok(review_is_bank_holiday(day(2024, 3, 29)) && review_is_bank_holiday(day(2024, 4, 1)),
	   "Easter 2024: Good Friday 29 March, Easter Monday 1 April");
	ok(review_is_bank_holiday(day(2030, 12, 25)) && review_is_bank_holiday(day(2015, 1, 1)),
	   "the data covers 2015 to 2030");
	bool sorted = true;
	for (size_t i = 1; i < review_bank_holidays_count; i++) {
		const struct bank_holiday *a = &review_bank_holidays[i - 1], *b = &review_bank_holidays[i];
		sorted = sorted && day(a->year, a->month, a->day) < day(b->year, b->month, b->day);
	}
	ok(sorted && review_bank_holidays_count >= 16 * 8, "the holidays are in date order, at "
	   "least eight a year");
	ok(!review_is_working_day(day(2023, 6, 3)) && !review_is_working_day(day(2023, 6, 4)) &&
		   review_is_working_day(day(2023, 6, 5)),
	   "Saturday and Sunday are not working days, Monday is");
}

static void test_working_days(void)
{
	is(after(2023, 6, 1, 15), "2023-06-22", "15 working days from Thursday 1 June 2023: "
	   "three weekends, no holiday");
	is(after(2023, 6, 2, 1), "2023-06-05", "the first working day after a Friday is Monday");
	is(after(2023, 6, 3, 1), "2023-06-05", "a notification on a Saturday: Monday is day 1");
	is(after(2023, 4, 28, 15), "2023-05-23", "across both May 2023 bank holidays (1 and 8 May)");
	is(after(2022, 5, 27, 15), "2022-06-21", "across the Jubilee's two days in June 2022");
	is(after(2022, 9, 9, 15), "2022-10-03", "across the Queen's funeral, 19 September 2022");
	is(after(2020, 5, 1, 15), "2020-05-26", "across VE Day (8 May 2020) and the spring bank "
	   "holiday (25 May)");
	is(after(2023, 12, 15, 15), "2024-01-10", "across Christmas, Boxing Day and New Year");
	is(after(2024, 2, 20, 15), "2024-03-12", "across 29 February 2024");
	is(after(2024, 3, 20, 15), "2024-04-12", "across Easter 2024");
	is(after(2030, 12, 20, 15), "none", "beyond the bank holidays kept: undecided");
	is(after(2014, 6, 2, 15), "none", "before them: undecided");
}

static void test_months(void)
{
	ok(review_add_months(day(2023, 8, 31), 6) == day(2024, 2, 29),
	   "31 August 2023 + 6 months is 29 February 2024 (leap year)");
	ok(review_add_months(day(2022, 8, 31), 6) == day(2023, 2, 28),
	   "31 August 2022 + 6 months is 28 February 2023");
	ok(review_add_months(day(2023, 9, 15), 6) == day(2024, 3, 15),
	   "15 September 2023 + 6 months is 15 March 2024");
	ok(review_add_months(day(2023, 10, 31), 6) == day(2024, 4, 30),
	   "31 October + 6 months is 30 April");
	struct review_date month = { 2024, 2, 0 }, one = { 2024, 2, 10 };
	ok(review_date_first(month) == day(2024, 2, 1) && review_date_last(month) == day(2024, 2, 29),
	   "a month stands for its first to its last day (29 in February 2024)");
	ok(review_date_first(one) == review_date_last(one), "a day stands for itself");
	char buf[48];
	is(review_date_format(month, buf, sizeof buf), "February 2024", "a month is written "
	   "\"February 2024\"");
	is(review_date_format(one, buf, sizeof buf), "10 February 2024", "a day \"10 February "
	   "2024\"");
	is(review_day_format(day(2023, 6, 22), buf, sizeof buf), "Thursday 22 June 2023",
	   "a due day with its weekday");
}

int main(void)
{
	test_days();
	test_holidays();
	test_working_days();
	test_months();
	return tap_done();
}
