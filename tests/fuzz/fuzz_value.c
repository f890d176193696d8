/* Value parsing and formatting: any text either parses or is refused with
 * a message quoting it; a number read is inside kpi's range (value.h),
 * prints back at its decimals as text that reads as the same double, and
 * every formatter stays inside KPI_VALUE_TEXT_MAX whatever the decimals. */
#include <math.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_sink();
    const char *text = (const char *)data;
    kpi_value v;
    kpi_error err;
    kpi_error_clear(&err);
    static const char *const extra[] = {"n/k", "0"};
    kpi_value_markers markers = {extra, 2};
    /* Sizes 2 and 3 modulo 4 read a decimal comma. */
    kpi_decimal_mark mark = size % 4 >= 2 ? KPI_DECIMAL_COMMA : KPI_DECIMAL_POINT;
    kpi_status st = kpi_value_parse_mark(text, size, size % 2 ? &markers : NULL, mark, &v, &err);
    if (st != KPI_OK) {
        FUZZ_CHECK(st == KPI_EVALUE);
        FUZZ_CHECK(strncmp(err.message, "expected a number", 17) == 0);
        return 0;
    }
    if (v.kind != KPI_VALUE_NUMBER)
        return 0;
    FUZZ_CHECK(isfinite(v.number));
    FUZZ_CHECK(fabs(v.number) < 1e15);
    FUZZ_CHECK(v.decimals >= 0 && v.decimals <= KPI_VALUE_MAX_DIGITS);

    char buf[KPI_VALUE_TEXT_MAX];
    size_t n = kpi_value_format_fixed(v.number, v.decimals, false, buf, sizeof buf);
    FUZZ_CHECK(n < sizeof buf);
    kpi_value back;
    FUZZ_CHECK(kpi_value_parse(buf, n, NULL, &back, &err) == KPI_OK);
    FUZZ_CHECK(back.number == v.number);
    FUZZ_CHECK(back.decimals == v.decimals);

    n = kpi_value_format_fixed(v.number, v.decimals, true, buf, sizeof buf);
    FUZZ_CHECK(n < sizeof buf);
    n = kpi_value_format(v.number, buf, sizeof buf);
    FUZZ_CHECK(n < sizeof buf);
    FUZZ_CHECK(strtod(buf, NULL) == v.number);

    /* Computations leave the range: sums, products and quotients of what
     * was read must print inside the buffer too, at any decimals. */
    double derived[] = {v.number * 1e300, v.number / 1e-300, v.number * v.number * v.number,
                        1.0 / v.number, -v.number * 1e20};
    for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
        for (int d = -1; d <= 16; d += 17 / 3) {
            n = kpi_value_format_fixed(derived[i], d, true, buf, sizeof buf);
            FUZZ_CHECK(n < sizeof buf);
        }
        FUZZ_CHECK(kpi_value_format(derived[i], buf, sizeof buf) < sizeof buf);
        (void)kpi_value_round(derived[i], v.decimals);
    }
    return 0;
}
