/* kpi periods: a frequency plus an integer ordinal.
 *
 * A period is a plain value.  "The same period a year earlier", "the
 * previous period" and "12 months to" are integer arithmetic on the
 * ordinal, never string handling.  Text is parsed and formatted only at
 * the edges, and neither depends on the process locale.
 *
 * Ordinals, by frequency:
 *   KPI_FREQ_DAY       days since 1970-01-01 (negative before it)
 *   KPI_FREQ_MONTH     year * 12 + (month - 1)
 *   KPI_FREQ_QUARTER   year * 4 + (quarter - 1)       calendar quarters
 *   KPI_FREQ_YEAR      year                           calendar years
 *   KPI_FREQ_FYEAR     the calendar year in which the financial year starts
 *                      (2018-19 is 2018)
 *   KPI_FREQ_FQUARTER  start year * 4 + (quarter - 1) (2018-19 Q4 is 2018*4+3)
 *
 * The financial year's first month is not part of the value: it only
 * matters when dates are mapped into financial periods, so conversion
 * functions take it as an argument (KPI_FY_START_DEFAULT, April, the UK
 * public-sector convention). */
#ifndef KPI_PERIOD_H
#define KPI_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/tz.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_freq {
    KPI_FREQ_NONE = 0, /* "not known yet" or "any", depending on context */
    KPI_FREQ_DAY,
    KPI_FREQ_MONTH,
    KPI_FREQ_QUARTER,
    KPI_FREQ_YEAR,
    KPI_FREQ_FYEAR,
    KPI_FREQ_FQUARTER,
    KPI_FREQ_LAST
} kpi_freq;

/* UK public-sector financial years start in April. */
#define KPI_FY_START_DEFAULT 4

typedef struct kpi_period {
    kpi_freq freq;
    int32_t ordinal;
} kpi_period;

/* Longest canonical text kpi_period_format writes, NUL included. */
#define KPI_PERIOD_TEXT_MAX 24

/* Flags that kpi_period_parse reports about what it read. */
enum {
    /* The text also reads as a financial year: "2011-12" is December 2011
     * or 2011-12; the parse returns the month. */
    KPI_PERIOD_AMBIGUOUS_FY = 1u << 0,
    /* The text was a full date, or a timestamp whose date part was kept. */
    KPI_PERIOD_FROM_DATE = 1u << 1
};

/* Parse one period from text[0..len) (no NUL needed).  Leading and trailing
 * spaces are ignored.  Accepted notations:
 *   days      2019-03-31, 2019-03-31T10:15:00+00:00 (the date part)
 *   months    2019-03, 201903, Mar 2019, March 2019, 03/2019, Mar-19 (2000s)
 *   quarters  2019Q1, 2019 Q1, 2019-Q1, Q1 2019
 *   fin. yrs  2018-19, 2018/19, 2018-2019, 2018/2019, FY2018-19, FY 2018/19,
 *             fy18-19
 *   fin. qtrs 2018-19 Q4, Q4 2018-19, FY2018-19 Q4
 *   years     2019
 * Month names are English and case-insensitive.  A date that does not exist
 * (2019-13, 2019-02-30, 2018-20 as a financial year) is an error, never a
 * guess.  When want is not KPI_FREQ_NONE, an ambiguous text is read in that
 * frequency if it can be ("2011-12" with want = KPI_FREQ_FYEAR is the
 * financial year).  *flags (may be NULL) receives KPI_PERIOD_* bits.
 * Returns KPI_OK, or KPI_EPERIOD with err->message saying what was found
 * (err's source, line and column are left to the caller). */
KPI_API kpi_status kpi_period_parse(const char *text, size_t len, kpi_freq want, kpi_period *out,
                                    unsigned *flags, kpi_error *err);

/* What a file's notation leaves open, said once for the whole file. */
typedef struct kpi_period_syntax {
    kpi_freq want; /* as kpi_period_parse's want */
    /* Dates written with the day first: 31/03/2019, 31-03-2019 and
     * 31.03.2019 (one or two digits for the day and the month, four for
     * the year).  Without it such dates are an error, never a guess:
     * 03/04/2019 is 3 April in the UK and 4 March in the US. */
    bool dayfirst;
    /* The zone whose calendar a timestamp's date is taken in (borrowed;
     * NULL: the date as written).  A time written with an offset (Z,
     * +00:00, +01:00) is converted: 2016-05-31T23:30:00Z is 1 June in
     * Europe/London.  A time without one is already the zone's local
     * time, so its date stands. */
    const kpi_tz *tz;
} kpi_period_syntax;

/* kpi_period_parse with the file's syntax (NULL: as kpi_period_parse with
 * want = KPI_FREQ_NONE).  Besides kpi_period_parse's notations, a date may
 * be followed by a time of day after 'T' or a space ("2019-03-31
 * 23:15:00", "31/03/2019 23:15", with an optional offset such as Z or
 * +01:00): the date is kept, or with syntax->tz, the date in that zone. */
KPI_API kpi_status kpi_period_parse_with(const char *text, size_t len,
                                         const kpi_period_syntax *syntax, kpi_period *out,
                                         unsigned *flags, kpi_error *err);

/* Write the canonical text of p into buf: 2019-03-31, 2019-03, 2019Q1, 2019,
 * 2018-19, 2018-19 Q4.  Returns the length written (without the NUL), or 0
 * if size is too small (use KPI_PERIOD_TEXT_MAX) or p is invalid. */
KPI_API size_t kpi_period_format(kpi_period p, char *buf, size_t size);

/* Shift p by n steps of its own frequency (n may be negative).  Never
 * fails: ordinals are plain integers. */
KPI_API kpi_period kpi_period_shift(kpi_period p, int32_t n);

/* How many periods of freq make a year: 365 for days (a year earlier for a
 * day is handled by kpi_period_year_ago), 12, 4 or 1.  0 for
 * KPI_FREQ_NONE. */
KPI_API int32_t kpi_period_per_year(kpi_freq freq);

/* The same period one year earlier.  For days, the same calendar date a
 * year earlier, with 29 February going to 28 February. */
KPI_API kpi_period kpi_period_year_ago(kpi_period p);

/* Number of steps from a to b (b - a) when both have the same frequency. */
KPI_API int32_t kpi_period_diff(kpi_period a, kpi_period b);

/* Whether periods of freq `from` fall wholly inside periods of freq `to`,
 * so that kpi_period_convert can map them (day into anything, month into
 * quarter/year/fyear/fquarter, quarter into year, fquarter into fyear,
 * and quarter into fyear/fquarter when fy_start is 1, 4, 7 or 10).  Equal
 * frequencies are compatible. */
KPI_API bool kpi_period_can_convert(kpi_freq from, kpi_freq to, int fy_start);

/* Map p into the period of frequency `to` that contains it, for a financial
 * year starting in month fy_start (1..12).  Returns KPI_EFREQ if
 * kpi_period_can_convert(p.freq, to, fy_start) is false. */
KPI_API kpi_status kpi_period_convert(kpi_period p, kpi_freq to, int fy_start, kpi_period *out,
                                      kpi_error *err);

/* The first and last day of p (inclusive), as KPI_FREQ_DAY periods. */
KPI_API void kpi_period_days(kpi_period p, int fy_start, kpi_period *first, kpi_period *last);

/* Calendar helpers on day ordinals.  Never fail for years 1..9999. */
KPI_API int32_t kpi_period_day_from_ymd(int year, int month, int day);
KPI_API void kpi_period_day_to_ymd(int32_t day, int *year, int *month, int *mday);

/* The lower-case name of a frequency: "day", "month", "quarter", "year",
 * "fy", "fquarter"; "none" for KPI_FREQ_NONE. */
KPI_API const char *kpi_freq_name(kpi_freq freq);

/* Parse a frequency name as given on a command line: "day", "month",
 * "quarter", "year", "fy" (or "fyear"), "fquarter" (or "fq").  Returns
 * KPI_EINVAL for anything else. */
KPI_API kpi_status kpi_freq_parse(const char *name, kpi_freq *out, kpi_error *err);

/* Order periods: by frequency, then by ordinal (for sorting). */
KPI_API int kpi_period_cmp(kpi_period a, kpi_period b);

#ifdef __cplusplus
}
#endif

#endif
