/* Tests of the HTML dashboard: the page's parts in order, one tile,
 * section and table row per selected series with the summary's figures
 * (worked out by hand), data escaped, the selection, a milestones section,
 * and failures: nothing to show, out of memory at every allocation, a
 * failed write, and no file left behind. */
#include "harness.h"

#include <string.h>
#include <unistd.h>

#include "kpi/chart.h"
#include "kpi/dashboard.h"

static const char csv[] = "indicator,area,period,value\n"
                          "burglary,North,2017,200\n"
                          "burglary,North,2018,150\n"
                          "burglary,South,2017,80\n"
                          "burglary,South,2018,88\n"
                          "calls,London,2017,9.5\n"
                          "calls,London,2018,10.4\n";

static const char meta_csv[] = "indicator,label,unit,better,target,target_op,decimals\n"
                               "burglary,\"Burglary <& \"\"homes\"\">\",offences,down,,,0\n"
                               "calls,999 answer time,seconds,down,10,<=,1\n";

/* The page in *page (the caller frees it), written into the caller's
 * pointer: gcc 12 takes a pointer returned from a local one for a
 * dangling one. */
static kpi_status
render(const kpi_store *s, const kpi_meta *m, const kpi_dashboard_options *o, char **page,
       kpi_error *err)
{
    size_t len = 0;
    *page = NULL;
    FILE *out = open_memstream(page, &len);
    assert_non_null(out);
    kpi_status st = kpi_dashboard_write_stream(s, m, o, out, err);
    fclose(out);
    return st;
}

static size_t
count(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The parts come in order; each series has a tile, a section and a row;
 * the figures are the summary's: 150 from 200 is -50 (-25.0%), better
 * where lower is better; 88 from 80 is +8 (+10.0%), worse; 10.4 seconds
 * misses a target of <= 10. */
static void
test_dashboard_page(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(csv, NULL);
    kpi_meta *m = kpi_test_meta(meta_csv);
    kpi_dashboard_options o = kpi_dashboard_options_default();
    o.title = "Q4 <update>";
    kpi_error err;
    char *page;
    assert_int_equal(render(s, m, &o, &page, &err), KPI_OK);
    assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    assert_non_null(strstr(page, "<title>Q4 &lt;update&gt;</title>"));
    const char *tiles = strstr(page, "id=\"h-tiles\""), *ind = strstr(page, "id=\"h-ind\"");
    const char *table = strstr(page, "id=\"h-table\""), *glyphs = strstr(page, "<defs><symbol");
    assert_true(tiles && ind && table && glyphs && tiles < ind && ind < table && table < glyphs);
    assert_int_equal(count(page, "<li class=\"tile\""), 3);
    assert_int_equal(count(page, "<article class=\"ind\""), 3);
    assert_int_equal(count(page, "<tr data-name="), 3);
    assert_non_null(strstr(page, "Burglary &lt;&amp; &quot;homes&quot;&gt; \xe2\x80\x93 North"));
    assert_null(strstr(page, "<&"));
    assert_non_null(strstr(page, "-50 (-25.0%) on 2017 \xc2\xb7 better</p>"));
    assert_non_null(strstr(page, "+8 (+10.0%) on 2017 \xc2\xb7 worse</p>"));
    assert_non_null(strstr(page, "Target missed (\xe2\x89\xa4 10)</p>"));
    assert_non_null(strstr(page, "<td class=\"num\" data-v=\"150\">150</td>"));
    assert_non_null(strstr(page, "<td class=\"num\" data-v=\"-25\">-25.0%</td>"));
    /* Two values a series: a line chart (88 x 64 mm, so that its text stays
     * readable on a phone) and a sparkline each. */
    assert_int_equal(count(page, "<svg viewBox=\"0 0 249.45 181.42\" class=\"chart\""), 3);
    assert_int_equal(count(page, "class=\"spark\""), 3);
    assert_null(strstr(page, "://"));
    free(page);
    kpi_meta_free(m);
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

/* Indicators and areas narrow the page; nothing left is KPI_EINVAL. */
static void
test_dashboard_select(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(csv, NULL);
    static const char *const ind[] = {"burglary"}, *const areas[] = {"South", "London"};
    kpi_dashboard_options o = kpi_dashboard_options_default();
    o.indicators = ind;
    o.n_indicators = 1;
    o.areas = areas;
    o.n_areas = 2;
    kpi_error err;
    char *page;
    assert_int_equal(render(s, NULL, &o, &page, &err), KPI_OK);
    assert_int_equal(count(page, "<li class=\"tile\""), 1);
    assert_non_null(strstr(page, "<h3>burglary \xe2\x80\x93 South</h3>"));
    free(page);
    o.n_areas = 0;
    o.indicators = (const char *const[]){"robbery"};
    assert_int_equal(render(s, NULL, &o, &page, &err), KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 0, 0, "nothing to put on the dashboard");
    free(page);
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

/* The register's section follows the table: its sentence and every
 * milestone with its status in the report's words. */
static void
test_dashboard_milestones(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(csv, NULL);
    static const char text[] = "milestone,title,theme,due,period,status,note\n"
                               "a,Alpha,T,2019-20 Q1,2018-19 Q4,delivered,\n"
                               "b,Beta,T,2019-20 Q1,2018-19 Q4,some delay,\n";
    const char *reg = kpi_test_tmpfile(text, sizeof text - 1);
    kpi_error err;
    kpi_milestones *ms = kpi_milestones_read(reg, NULL, &err);
    assert_non_null(ms);
    kpi_milestones_view v;
    assert_int_equal(kpi_milestones_at(ms, NULL, &v, &err), KPI_OK);
    kpi_dashboard_options o = kpi_dashboard_options_default();
    o.milestones = ms;
    o.milestones_view = &v;
    char *page;
    assert_int_equal(render(s, NULL, &o, &page, &err), KPI_OK);
    const char *ms_h = strstr(page, "<h2 id=\"h-ms\">Milestones</h2>");
    assert_true(ms_h && ms_h > strstr(page, "id=\"h-table\""));
    assert_non_null(strstr(ms_h, "<p>Of 2 milestones, 1 delivered, 0 on track, 1 with some "
                                 "delay.</p>"));
    assert_non_null(strstr(ms_h, "<th scope=\"row\">Alpha</th>"));
    assert_non_null(strstr(ms_h, "</span>Delivered</td>"));
    assert_non_null(strstr(ms_h, "</span>Some delay</td>"));
    assert_int_equal(count(ms_h, "class=\"chart\""), 1);
    free(page);
    kpi_milestones_view_fini(&v);
    kpi_milestones_free(ms);
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

/* The page is the same byte for byte on one, two or three threads:
 * charts drawn on any thread are placed in order, and cairo's
 * process-wide surface numbers are renumbered per chart.  Ten monthly
 * series give each thread several charts of both kinds. */
static void
test_dashboard_threads(void **state)
{
    (void)state;
    char data[16384] = "indicator,area,period,value\n";
    size_t used = strlen(data);
    for (int k = 0; k < 10; k++)
        for (int t = 0; t < 30; t++)
            used += (size_t)snprintf(data + used, sizeof data - used, "i%d,London,%d-%02d,%d\n", k,
                                     2020 + t / 12, t % 12 + 1, 100 + 7 * k + (t * 13 + k) % 17);
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_dashboard_options o = kpi_dashboard_options_default();
    assert_int_equal(o.threads, 1);
    char *one = NULL;
    kpi_error err;
    assert_int_equal(render(s, NULL, &o, &one, &err), KPI_OK);
    assert_int_equal(count(one, "class=\"spark\""), 10);
    assert_int_equal(count(one, "class=\"chart\""), 10);
    for (size_t threads = 2; threads <= 3; threads++) {
        for (int run = 0; run < 3; run++) {
            char *many = NULL;
            o.threads = threads;
            assert_int_equal(render(s, NULL, &o, &many, &err), KPI_OK);
            assert_string_equal(one, many);
            free(many);
        }
    }
    free(one);
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

/* Failing each allocation in turn gives KPI_ENOMEM and no file, until
 * the page is written whole. */
static void
test_dashboard_out_of_memory(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(csv, NULL);
    char path[] = "/tmp/kpi-dash-XXXXXX";
    assert_non_null(mkdtemp(path));
    char file[64];
    snprintf(file, sizeof file, "%s/d.html", path);
    bool done = false;
    for (long n = 0; !done && n < 5000; n++) {
        kpi_error err;
        kpi_alloc_fail_after(n);
        kpi_status st = kpi_dashboard_write(s, NULL, NULL, file, &err);
        kpi_alloc_fail_after(-1);
        if (st == KPI_OK) {
            done = true;
        } else {
            assert_int_equal(st, KPI_ENOMEM);
            assert_int_equal(access(file, F_OK), -1);
        }
    }
    assert_true(done);
    unlink(file);
    rmdir(path);
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

/* A write that fails is KPI_EIO, naming the file. */
static void
test_dashboard_write_fails(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read(csv, NULL);
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    kpi_error err;
    assert_int_equal(kpi_dashboard_write_stream(s, NULL, NULL, full, &err), KPI_EIO);
    fclose(full);
    assert_int_equal(kpi_dashboard_write(s, NULL, NULL, "/nonexistent/d.html", &err), KPI_EIO);
    assert_string_equal(err.source, "/nonexistent/d.html");
    kpi_store_free(s);
    kpi_chart_release_fonts();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dashboard_page),
        cmocka_unit_test(test_dashboard_select),
        cmocka_unit_test(test_dashboard_milestones),
        cmocka_unit_test(test_dashboard_threads),
        cmocka_unit_test(test_dashboard_out_of_memory),
        cmocka_unit_test(test_dashboard_write_fails),
    };
    return kpi_test_run(tests);
}
