/* Period parsing: any text either parses or is refused with KPI_EPERIOD;
 * a period read prints in canonical form, and that form reads back as the
 * same period (in the same frequency), shifts and converts safely. */
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_sink();
    if (size < 1)
        return 0;
    /* The first byte picks the frequency wanted and whether dates are
     * day first. */
    kpi_period_syntax syn = {.want = (kpi_freq)(data[0] % KPI_FREQ_LAST),
                             .dayfirst = data[0] & 0x80};
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    kpi_period p;
    unsigned flags = 0;
    kpi_error err;
    kpi_error_clear(&err);
    kpi_status st = kpi_period_parse_with(text, len, &syn, &p, &flags, &err);
    if (st != KPI_OK) {
        FUZZ_CHECK(st == KPI_EPERIOD);
        return 0;
    }
    char buf[KPI_PERIOD_TEXT_MAX];
    size_t n = kpi_period_format(p, buf, sizeof buf);
    FUZZ_CHECK(n > 0 && n < sizeof buf);
    kpi_period back;
    FUZZ_CHECK(kpi_period_parse(buf, n, p.freq, &back, NULL, &err) == KPI_OK);
    FUZZ_CHECK(kpi_period_cmp(back, p) == 0);

    kpi_period later = kpi_period_shift(p, 13);
    FUZZ_CHECK(kpi_period_diff(p, later) == 13);
    (void)kpi_period_year_ago(p);
    for (int f = KPI_FREQ_DAY; f < KPI_FREQ_LAST; f++) {
        int fy_start = 1 + data[0] % 12;
        kpi_period c;
        if (kpi_period_can_convert(p.freq, (kpi_freq)f, fy_start))
            FUZZ_CHECK(kpi_period_convert(p, (kpi_freq)f, fy_start, &c, &err) == KPI_OK);
    }
    kpi_period first, last;
    kpi_period_days(p, 4, &first, &last);
    FUZZ_CHECK(kpi_period_cmp(first, last) <= 0);
    return 0;
}
