/* review-dates.c - day numbers, months and working days for the statutory
 * timescales of case reviews (Working Together to Safeguard Children 2023;
 * doc/reference.md, "Statutory timescales"). */
#include "review-dates.h"

#include <stdio.h>

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December",
};

int review_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* Howard Hinnant's days_from_civil: exact for every Gregorian date. */
long review_day_number(int year, int month, int day)
{
	long y = year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void review_day_date(long day, int *year, int *month, int *dom)
{
	long z = day + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*dom = (int)d;
}

/* 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
static int weekday(long day)
{
	long w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

bool review_is_bank_holiday(long day)
{
	size_t lo = 0, hi = review_bank_holidays_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct bank_holiday *h = &review_bank_holidays[mid];
		long n = review_day_number(h->year, h->month, h->day);
		if (n == day)
			return true;
		if (n < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool review_is_working_day(long day)
{
	return weekday(day) < 5 && !review_is_bank_holiday(day);
}

bool review_add_working_days(long day, int n, long *out)
{
	long first = review_day_number(review_bank_holidays_first_year, 1, 1);
	long last = review_day_number(review_bank_holidays_last_year, 12, 31);
	if (day < first - 1)
		return false;
	while (n > 0) {
		day++;
		if (day > last)
			return false;
		n -= review_is_working_day(day);
	}
	*out = day;
	return true;
}

long review_add_months(long day, int months)
{
	int y, m, d;
	review_day_date(day, &y, &m, &d);
	int index = y * 12 + (m - 1) + months;
	y = index / 12;
	m = index % 12 + 1;
	int last = review_days_in_month(y, m);
	return review_day_number(y, m, d > last ? last : d);
}

long review_date_first(struct review_date d)
{
	return review_day_number(d.year, d.month, d.day ? d.day : 1);
}

long review_date_last(struct review_date d)
{
	return review_day_number(d.year, d.month, d.day ? d.day : review_days_in_month(d.year, d.month));
}

const char *review_date_format(struct review_date d, char *buf, size_t size)
{
	if (!d.year)
		snprintf(buf, size, "%s", "");
	else if (d.day)
		snprintf(buf, size, "%d %s %d", d.day, month_names[d.month - 1], d.year);
	else
		snprintf(buf, size, "%s %d", month_names[d.month - 1], d.year);
	return buf;
}

const char *review_day_format(long day, char *buf, size_t size)
{
	static const char *const days[7] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
	};
	int y, m, d;
	review_day_date(day, &y, &m, &d);
	snprintf(buf, size, "%s %d %s %d", days[weekday(day)], d, month_names[m - 1], y);
	return buf;
}
