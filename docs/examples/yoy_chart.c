/* An example of kpi's C API: read a long CSV file, print every series'
 * year-on-year changes, and draw a line chart of one indicator.
 *
 *   cc yoy_chart.c $(pkg-config --cflags --libs kpi-plots) -o yoy_chart
 *   ./yoy_chart figures.csv knife_crime chart.png
 */
#include <stdio.h>

#include <kpi/chart.h>
#include <kpi/chart_build.h>
#include <kpi/kpi.h>

int
main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s FILE INDICATOR OUT.png\n", argv[0]);
        return 2;
    }
    kpi_init();
    kpi_error err = {0};
    kpi_reader_options ropt = kpi_reader_options_default();
    kpi_store *store = kpi_read_file(argv[1], &ropt, NULL, &err);
    if (!store) {
        fprintf(stderr, "%s:%lu:%lu: %s\n", err.source, err.line, err.column, err.message);
        return 1;
    }

    kpi_change_options copt = kpi_change_options_default(); /* a year earlier */
    for (size_t s = 0; s < kpi_store_count(store); s++) {
        const kpi_series *se = kpi_store_at(store, s);
        for (size_t i = 0; i < kpi_series_length(se); i++) {
            kpi_change c;
            kpi_change_at(se, i, &copt, &c);
            if (!c.has_pct)
                continue;
            char period[KPI_PERIOD_TEXT_MAX], base[KPI_PERIOD_TEXT_MAX];
            kpi_period_format(c.period, period, sizeof period);
            kpi_period_format(c.base_period, base, sizeof base);
            printf("%s %s: %g against %g in %s, %+.1f%%\n", kpi_series_indicator(se), period,
                   c.value, c.base_value, base, c.pct_change);
        }
    }

    kpi_chart_request rq = {
        .type = KPI_CHART_LINE, .indicator = argv[2], .opt = kpi_chart_options_default()};
    kpi_chart *chart = kpi_chart_build(store, &rq, &err);
    int status = 0;
    if (!chart || kpi_chart_write(chart, argv[3], &err) != KPI_OK) {
        fprintf(stderr, "%s: %s\n", argv[3], err.message);
        status = 1;
    }
    kpi_chart_free(chart);
    kpi_store_free(store);
    kpi_chart_release_fonts();
    return status;
}
