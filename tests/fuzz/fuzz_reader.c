/* The CSV reader and everything downstream of it: the first two bytes pick
 * the reader's options (layout, frequency, financial-year start,
 * duplicates, skipping bad rows), a transform (resampling, rolling
 * windows, year to date) and whether the tables are written as CSV or
 * JSON; the third picks the output; the rest is the file.  A store read
 * is then written as changes, trends or summaries in that format, or as
 * a Markdown change table or sentences, and so is the store the
 * transform makes of it.  Every failure must be a status with a message;
 * anything else is a finding. */
#include <string.h>

#include "fuzz.h"

static void
quiet(void *ud, const kpi_error *warning)
{
    (void)ud;
    (void)warning;
}

/* JSON output refuses text that is not UTF-8 (KPI_EVALUE); nothing else
 * may fail on /dev/null. */
static bool
written(kpi_status st, kpi_format f)
{
    return st == KPI_OK || (f == KPI_FORMAT_JSON && st == KPI_EVALUE);
}

/* A long series (a dense daily span of years, say, from one mistyped
 * date in an events file) costs the fuzzer's instrumentation far more
 * than it costs kpi: Theil-Sen's selection runs for it in the trend, the
 * summary and the sentences, and its comparisons are all traced.  An
 * events file with months 2019-06 and 8680-04 (79,931 periods) took 7 s;
 * with series of up to 10,000 periods the corpus drifted to such inputs
 * and the harness to 200 executions a second.  The statistics' code paths
 * are the same at 1,000 periods; test_trend and bench/ cover long series. */
#define MAX_PERIODS 1000

static bool
too_long(const kpi_store *s)
{
    for (size_t k = 0; k < kpi_store_count(s); k++)
        if (kpi_series_length(kpi_store_at(s, k)) > MAX_PERIODS)
            return true;
    return false;
}

/* One output a store, not all five: writing every one of them for every
 * input held the harness to a few hundred executions a second, and the
 * fuzzer reaches each through the byte that picks it. */
static void
outputs(const kpi_store *s, kpi_format f, uint8_t pick, FILE *sink)
{
    if (too_long(s))
        return;
    kpi_error err;
    kpi_change_options co = kpi_change_options_default();
    kpi_trend_options to = kpi_trend_options_default();
    kpi_table_options tab = kpi_table_options_default();
    tab.format = f;
    switch (pick % 5) {
    case 0: FUZZ_CHECK(written(kpi_table_write_change(s, &co, sink, &tab, &err), f)); break;
    case 1: FUZZ_CHECK(written(kpi_trend_write(s, &to, sink, f, &err), f)); break;
    case 2: FUZZ_CHECK(written(kpi_table_write_summary(s, NULL, NULL, sink, &tab, &err), f)); break;
    case 3:
        co.vs = KPI_VS_PREV;
        co.cagr = true;
        co.latest = true;
        tab.format = KPI_FORMAT_MD;
        FUZZ_CHECK(kpi_table_write_change(s, &co, sink, &tab, &err) == KPI_OK);
        break;
    default: FUZZ_CHECK(kpi_sentence_write(s, NULL, NULL, 0, sink, &err) == KPI_OK); break;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fuzz_sink();
    if (size < 3)
        return 0;
    uint8_t a = data[0], b = data[1], pick = data[2];
    kpi_reader_options opt = kpi_reader_options_default();
    opt.layout = (kpi_layout)(a % 4);
    opt.count = opt.layout == KPI_LAYOUT_EVENTS;
    opt.freq = (kpi_freq)(a / 4 % KPI_FREQ_LAST);
    opt.fy_start = 1 + b % 12;
    opt.skip_bad = b & 0x10;
    opt.duplicates = (kpi_dup_policy)(b / 32 % 4);
    opt.diag = quiet;
    kpi_format format = b & 0x80 ? KPI_FORMAT_JSON : KPI_FORMAT_CSV;

    FILE *in = fmemopen((void *)(data + 3), size - 3, "r");
    if (!in)
        return 0;
    kpi_error err;
    kpi_error_clear(&err);
    kpi_store *s = kpi_read_stream(in, "f.csv", &opt, NULL, &err);
    fclose(in);
    if (!s) {
        FUZZ_CHECK(err.code != KPI_OK && err.message[0] != '\0');
        return 0;
    }
    outputs(s, format, pick, sink);

    kpi_pipeline p = {.fy_start = opt.fy_start};
    switch (a / 24 % 5) {
    case 0: kpi_store_free(s); return 0;
    case 1: p.to = KPI_FREQ_FYEAR; break;
    case 2: p.rolling = 1 + b % 12; break;
    case 3: p.ytd = true; break;
    default:
        p.to = KPI_FREQ_QUARTER;
        p.partial = true;
        break;
    }
    kpi_store *t = kpi_transform_apply(s, &p, NULL, &err);
    if (!t) {
        FUZZ_CHECK(err.code != KPI_OK && err.message[0] != '\0');
        return 0;
    }
    outputs(t, format, pick, sink);
    kpi_store_free(t);
    return 0;
}
