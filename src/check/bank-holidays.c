/* bank-holidays.c - the bank holidays of England and Wales, 2015 to 2030, as
 * data: working days (review-dates.c) skip them.
 *
 * From gov.uk's published lists (https://www.gov.uk/bank-holidays), the
 * regular holidays with their substitute days, and the irregular ones
 * checked one by one: 2020's early May bank holiday moved to Friday 8 May
 * (VE Day); 2022's spring bank holiday moved to Thursday 2 June, with the
 * Platinum Jubilee on Friday 3 June and the State Funeral of Queen
 * Elizabeth II on Monday 19 September; the coronation of King Charles III
 * on Monday 8 May 2023. Years gov.uk had not yet published follow the
 * regular pattern; a holiday announced later for them goes here. */
#include "review-dates.h"

const struct bank_holiday review_bank_holidays[] = {
	{ 2015, 1, 1 },   /* Thu, New Year's Day */
	{ 2015, 4, 3 },   /* Fri, Good Friday */
	{ 2015, 4, 6 },   /* Mon, Easter Monday */
	{ 2015, 5, 4 },   /* Mon, Early May bank holiday */
	{ 2015, 5, 25 },  /* Mon, Spring bank holiday */
	{ 2015, 8, 31 },  /* Mon, Summer bank holiday */
	{ 2015, 12, 25 }, /* Fri, Christmas Day */
	{ 2015, 12, 28 }, /* Mon, Boxing Day (substitute day) */
	{ 2016, 1, 1 },   /* Fri, New Year's Day */
	{ 2016, 3, 25 },  /* Fri, Good Friday */
	{ 2016, 3, 28 },  /* Mon, Easter Monday */
	{ 2016, 5, 2 },   /* Mon, Early May bank holiday */
	{ 2016, 5, 30 },  /* Mon, Spring bank holiday */
	{ 2016, 8, 29 },  /* Mon, Summer bank holiday */
	{ 2016, 12, 26 }, /* Mon, Boxing Day */
	{ 2016, 12, 27 }, /* Tue, Christmas Day (substitute day) */
	{ 2017, 1, 2 },   /* Mon, New Year's Day (substitute day) */
	{ 2017, 4, 14 },  /* Fri, Good Friday */
	{ 2017, 4, 17 },  /* Mon, Easter Monday */
	{ 2017, 5, 1 },   /* Mon, Early May bank holiday */
	{ 2017, 5, 29 },  /* Mon, Spring bank holiday */
	{ 2017, 8, 28 },  /* Mon, Summer bank holiday */
	{ 2017, 12, 25 }, /* Mon, Christmas Day */
	{ 2017, 12, 26 }, /* Tue, Boxing Day */
	{ 2018, 1, 1 },   /* Mon, New Year's Day */
	{ 2018, 3, 30 },  /* Fri, Good Friday */
	{ 2018, 4, 2 },   /* Mon, Easter Monday */
	{ 2018, 5, 7 },   /* Mon, Early May bank holiday */
	{ 2018, 5, 28 },  /* Mon, Spring bank holiday */
	{ 2018, 8, 27 },  /* Mon, Summer bank holiday */
	{ 2018, 12, 25 }, /* Tue, Christmas Day */
	{ 2018, 12, 26 }, /* Wed, Boxing Day */
	{ 2019, 1, 1 },   /* Tue, New Year's Day */
	{ 2019, 4, 19 },  /* Fri, Good Friday */
	{ 2019, 4, 22 },  /* Mon, Easter Monday */
	{ 2019, 5, 6 },   /* Mon, Early May bank holiday */
	{ 2019, 5, 27 },  /* Mon, Spring bank holiday */
	{ 2019, 8, 26 },  /* Mon, Summer bank holiday */
	{ 2019, 12, 25 }, /* Wed, Christmas Day */
	{ 2019, 12, 26 }, /* Thu, Boxing Day */
	{ 2020, 1, 1 },   /* Wed, New Year's Day */
	{ 2020, 4, 10 },  /* Fri, Good Friday */
	{ 2020, 4, 13 },  /* Mon, Easter Monday */
	{ 2020, 5, 8 },   /* Fri, Early May bank holiday (VE Day) */
	{ 2020, 5, 25 },  /* Mon, Spring bank holiday */
	{ 2020, 8, 31 },  /* Mon, Summer bank holiday */
	{ 2020, 12, 25 }, /* Fri, Christmas Day */
	{ 2020, 12, 28 }, /* Mon, Boxing Day (substitute day) */
	{ 2021, 1, 1 },   /* Fri, New Year's Day */
	{ 2021, 4, 2 },   /* Fri, Good Friday */
	{ 2021, 4, 5 },   /* Mon, Easter Monday */
	{ 2021, 5, 3 },   /* Mon, Early May bank holiday */
	{ 2021, 5, 31 },  /* Mon, Spring bank holiday */
	{ 2021, 8, 30 },  /* Mon, Summer bank holiday */
	{ 2021, 12, 27 }, /* Mon, Christmas Day (substitute day) */
	{ 2021, 12, 28 }, /* Tue, Boxing Day (substitute day) */
	{ 2022, 1, 3 },   /* Mon, New Year's Day (substitute day) */
	{ 2022, 4, 15 },  /* Fri, Good Friday */
	{ 2022, 4, 18 },  /* Mon, Easter Monday */
	{ 2022, 5, 2 },   /* Mon, Early May bank holiday */
	{ 2022, 6, 2 },   /* Thu, Spring bank holiday */
	{ 2022, 6, 3 },   /* Fri, Platinum Jubilee bank holiday */
	{ 2022, 8, 29 },  /* Mon, Summer bank holiday */
	{ 2022, 9, 19 },  /* Mon, Bank Holiday for the State Funeral of Queen Elizabeth II */
	{ 2022, 12, 26 }, /* Mon, Boxing Day */
	{ 2022, 12, 27 }, /* Tue, Christmas Day (substitute day) */
	{ 2023, 1, 2 },   /* Mon, New Year's Day (substitute day) */
	{ 2023, 4, 7 },   /* Fri, Good Friday */
	{ 2023, 4, 10 },  /* Mon, Easter Monday */
	{ 2023, 5, 1 },   /* Mon, Early May bank holiday */
	{ 2023, 5, 8 },   /* Mon, Bank holiday for the coronation of King Charles III */
	{ 2023, 5, 29 },  /* Mon, Spring bank holiday */
	{ 2023, 8, 28 },  /* Mon, Summer bank holiday */
	{ 2023, 12, 25 }, /* Mon, Christmas Day */
	{ 2023, 12, 26 }, /* Tue, Boxing Day */
	{ 2024, 1, 1 },   /* Mon, New Year's Day */
	{ 2024, 3, 29 },  /* Fri, Good Friday */
	{ 2024, 4, 1 },   /* Mon, Easter Monday */
	{ 2024, 5, 6 },   /* Mon, Early May bank holiday */
	{ 2024, 5, 27 },  /* Mon, Spring bank holiday */
	{ 2024, 8, 26 },  /* Mon, Summer bank holiday */
	{ 2024, 12, 25 }, /* Wed, Christmas Day */
	{ 2024, 12, 26 }, /* Thu, Boxing Day */
	{ 2025, 1, 1 },   /* Wed, New Year's Day */
	{ 2025, 4, 18 },  /* Fri, Good Friday */
	{ 2025, 4, 21 },  /* Mon, Easter Monday */
	{ 2025, 5, 5 },   /* Mon, Early May bank holiday */
	{ 2025, 5, 26 },  /* Mon, Spring bank holiday */
	{ 2025, 8, 25 },  /* Mon, Summer bank holiday */
	{ 2025, 12, 25 }, /* Thu, Christmas Day */
	{ 2025, 12, 26 }, /* Fri, Boxing Day */
	{ 2026, 1, 1 },   /* Thu, New Year's Day */
	{ 2026, 4, 3 },   /* Fri, Good Friday */
	{ 2026, 4, 6 },   /* Mon, Easter Monday */
	{ 2026, 5, 4 },   /* Mon, Early May bank holiday */
	{ 2026, 5, 25 },  /* Mon, Spring bank holiday */
	{ 2026, 8, 31 },  /* Mon, Summer bank holiday */
	{ 2026, 12, 25 }, /* Fri, Christmas Day */
	{ 2026, 12, 28 }, /* Mon, Boxing Day (substitute day) */
	{ 2027, 1, 1 },   /* Fri, New Year's Day */
	{ 2027, 3, 26 },  /* Fri, Good Friday */
	{ 2027, 3, 29 },  /* Mon, Easter Monday */
	{ 2027, 5, 3 },   /* Mon, Early May bank holiday */
	{ 2027, 5, 31 },  /* Mon, Spring bank holiday */
	{ 2027, 8, 30 },  /* Mon, Summer bank holiday */
	{ 2027, 12, 27 }, /* Mon, Christmas Day (substitute day) */
	{ 2027, 12, 28 }, /* Tue, Boxing Day (substitute day) */
	{ 2028, 1, 3 },   /* Mon, New Year's Day (substitute day) */
	{ 2028, 4, 14 },  /* Fri, Good Friday */
	{ 2028, 4, 17 },  /* Mon, Easter Monday */
	{ 2028, 5, 1 },   /* Mon, Early May bank holiday */
	{ 2028, 5, 29 },  /* Mon, Spring bank holiday */
	{ 2028, 8, 28 },  /* Mon, Summer bank holiday */
	{ 2028, 12, 25 }, /* Mon, Christmas Day */
	{ 2028, 12, 26 }, /* Tue, Boxing Day */
	{ 2029, 1, 1 },   /* Mon, New Year's Day */
	{ 2029, 3, 30 },  /* Fri, Good Friday */
	{ 2029, 4, 2 },   /* Mon, Easter Monday */
	{ 2029, 5, 7 },   /* Mon, Early May bank holiday */
	{ 2029, 5, 28 },  /* Mon, Spring bank holiday */
	{ 2029, 8, 27 },  /* Mon, Summer bank holiday */
	{ 2029, 12, 25 }, /* Tue, Christmas Day */
	{ 2029, 12, 26 }, /* Wed, Boxing Day */
	{ 2030, 1, 1 },   /* Tue, New Year's Day */
	{ 2030, 4, 19 },  /* Fri, Good Friday */
	{ 2030, 4, 22 },  /* Mon, Easter Monday */
	{ 2030, 5, 6 },   /* Mon, Early May bank holiday */
	{ 2030, 5, 27 },  /* Mon, Spring bank holiday */
	{ 2030, 8, 26 },  /* Mon, Summer bank holiday */
	{ 2030, 12, 25 }, /* Wed, Christmas Day */
	{ 2030, 12, 26 }, /* Thu, Boxing Day */
};

const size_t review_bank_holidays_count =
	sizeof review_bank_holidays / sizeof review_bank_holidays[0];
const int review_bank_holidays_first_year = 2015;
const int review_bank_holidays_last_year = 2030;
