/* kpi values: numbers and missing markers as analysts write them.
 *
 * Integers and decimals, with or without thousands separators ("14,766")
 * and a leading sign.  A percent ("9.6%") is read as 9.6 with the unit
 * noted; a currency sign ("£101", "$5", "€3") is stripped and noted.
 * Missing markers (empty, NA, N/A, "..", "-", ":", and "*" for suppressed)
 * are missing, never zero.  Any other text is an error.  Parsing never
 * consults the process locale: the decimal point is '.', and ',' is only
 * ever a thousands separator in groups of three, unless the caller says
 * the file writes a decimal comma (kpi_value_parse_mark). */
#ifndef KPI_VALUE_H
#define KPI_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The numbers kpi reads, as spreadsheets do: finite, below 1e15 in
 * magnitude, with at most 15 significant digits and 15 decimals.  More
 * digits than that (a pandas export's "0.30000000000000004") are rounded
 * half away from zero to the last digit kept; a number of 1e15 or more, or
 * a non-zero one that rounds to zero at 15 decimals, is refused. */
#define KPI_VALUE_MAX_DIGITS 15

/* 2^53: every whole number below it in magnitude is exactly a double, so
 * such numbers, and sums of them that stay below it, are exact. */
#define KPI_VALUE_EXACT_LIMIT 9007199254740992.0

/* A buffer of this many bytes always holds kpi_value_format's and
 * kpi_value_format_fixed's text, whatever the double. */
#define KPI_VALUE_TEXT_MAX 48

typedef enum kpi_value_kind {
    KPI_VALUE_NUMBER = 0,
    KPI_VALUE_MISSING,   /* empty, NA, N/A, .., -, : or a user marker */
    KPI_VALUE_SUPPRESSED /* "*": withheld by the publisher */
} kpi_value_kind;

typedef enum kpi_unit {
    KPI_UNIT_PLAIN = 0,
    KPI_UNIT_PERCENT, /* written with a trailing % */
    KPI_UNIT_GBP,     /* written with a leading £ */
    KPI_UNIT_USD,     /* $ */
    KPI_UNIT_EUR,     /* € */
    KPI_UNIT_LAST
} kpi_unit;

typedef struct kpi_value {
    kpi_value_kind kind;
    kpi_unit unit;
    double number; /* meaningful only when kind == KPI_VALUE_NUMBER */
    int decimals;  /* decimals written, 0..15 ("14,766": 0; "0.4297E-03": 7) */
} kpi_value;

/* Extra missing markers, compared case-insensitively after trimming.  The
 * caller keeps the strings alive while the parser uses them. */
typedef struct kpi_value_markers {
    const char *const *extra;
    size_t n_extra;
} kpi_value_markers;

/* Parse text[0..len) (no NUL needed).  Leading and trailing spaces are
 * ignored.  The built-in missing markers are matched case-insensitively;
 * markers may add more (NULL for none).  Numbers are fitted to the range
 * of KPI_VALUE_MAX_DIGITS.  Returns KPI_OK, or KPI_EVALUE with
 * err->message quoting what was found ("expected a number or a missing
 * marker, found '14.766,0'", "... found '1e15' (too large: ...)"); err's
 * location is left to the caller. */
KPI_API kpi_status kpi_value_parse(const char *text, size_t len, const kpi_value_markers *markers,
                                   kpi_value *out, kpi_error *err);

/* The character that starts a number's decimals in a file. */
typedef enum kpi_decimal_mark {
    KPI_DECIMAL_POINT = 0, /* 1,234.5: ',' separates thousands */
    KPI_DECIMAL_COMMA      /* 1.234,5 or 1 234,5, as spreadsheets in much of
                              Europe export: '.' or a space separates
                              thousands */
} kpi_decimal_mark;

/* kpi_value_parse with the file's decimal mark.  With KPI_DECIMAL_COMMA,
 * "1.234,5" is 1234.5 with one decimal, "14,766" is 14.766 and "1,234.5"
 * is an error; everything else (signs, units, exponents, missing markers,
 * the range) is as kpi_value_parse reads it. */
KPI_API kpi_status kpi_value_parse_mark(const char *text, size_t len,
                                        const kpi_value_markers *markers, kpi_decimal_mark mark,
                                        kpi_value *out, kpi_error *err);

/* Write x in the shortest decimal form that reads back as the same double
 * ("14766", "9.6", "0.1", "-3.25"), never in exponent form for
 * 1e-6 <= |x| < 1e15 (smaller and larger magnitudes print as "2.5e-7",
 * "1e15"), never with a locale's separators; -0 prints as "0".  Returns
 * the length written (without the NUL), or the length needed if size is
 * too small, like snprintf.  32 bytes are always enough. */
KPI_API size_t kpi_value_format(double x, char *buf, size_t size);

/* Write x rounded half away from zero to `decimals` places (clamped to
 * 0..15), as published figures are, optionally with thousands separators
 * ("14,852", "-25.2").  A magnitude of 1e15 or more, which only a
 * computation can give, is written as kpi_value_format writes it
 * ("1.2e20"): a double no longer holds its digits.  Returns the length
 * like kpi_value_format; KPI_VALUE_TEXT_MAX bytes are always enough. */
KPI_API size_t kpi_value_format_fixed(double x, int decimals, bool thousands, char *buf,
                                      size_t size);

/* Write x rounded half away from zero to `digits` significant digits
 * (1..15), in kpi_value_format's shortest form ("0.0176628", "1e-30").
 * Returns the length like kpi_value_format. */
KPI_API size_t kpi_value_format_sig(double x, int digits, char *buf, size_t size);

/* The decimals that show x to `digits` significant digits: digits - 1 -
 * floor(log10 |x|), at most 15 and at least 0; 0 for 0 and non-finite x. */
KPI_API int kpi_value_sig_decimals(double x, int digits);

/* Round half away from zero to `decimals` places, on the decimal value
 * that x prints as, so that 0.125 rounds to 0.13 at 2 places.  Never fails. */
KPI_API double kpi_value_round(double x, int decimals);

/* The unit's symbol as written in text ("%", "£", "$", "€"; "" for plain),
 * and whether it is written before the number. */
KPI_API const char *kpi_unit_symbol(kpi_unit unit, bool *prefix);

/* The unit's lower-case name: "plain", "percent", "gbp", "usd", "eur". */
KPI_API const char *kpi_unit_name(kpi_unit unit);

#ifdef __cplusplus
}
#endif

#endif
