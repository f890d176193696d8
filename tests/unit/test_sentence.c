/* Tests of report sentences: every form, words from the metadata,
 * thousands separators, and numbers that always agree with each other. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "kpi/meta.h"
#include "kpi/reader.h"
#include "kpi/sentence.h"
#include "kpi/store.h"
#include "kpi/summary.h"

typedef size_t (*sentence_fn)(const kpi_summary_row *, const kpi_indicator_meta *, char *, size_t);

/* The sentence fn builds for the latest period of series `indicator`
 * (area "") of data, with metadata meta (may be NULL).  Static buffer. */
static const char *
say_with(sentence_fn fn, const char *data, const char *meta, const char *indicator)
{
    static char buf[KPI_SENTENCE_MAX];
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_meta *m = meta ? kpi_test_meta(meta) : NULL;
    const char *key[] = {indicator, ""};
    const kpi_series *se = kpi_store_find(s, key);
    assert_non_null(se);
    const kpi_indicator_meta *im = kpi_meta_find(m, indicator);
    kpi_summary_row r;
    kpi_error err;
    assert_int_equal(kpi_summary_at(se, im, NULL, &r, &err), KPI_OK);
    size_t n = fn(&r, im, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    kpi_store_free(s);
    kpi_meta_free(m);
    return buf;
}

static const char *
say(const char *data, const char *meta, const char *indicator)
{
    return say_with(kpi_sentence, data, meta, indicator);
}

static const char *crime_meta = "indicator,label,unit,better,singular\n"
                                "knife_crime,Knife crime,offences,down,offence\n"
                                "homicide,Homicide,offences,down,offence\n";

/* An increase, with the previous year's increase: the sentence. */
static void
test_sentence_increase_with_previous_increase(void **state)
{
    (void)state;
    /* 14,852 - 14,766 = 86 = +0.58%; 14,766 - 12,103 = 2,663 = +22.0%. */
    assert_string_equal(say("indicator,period,value\n"
                            "knife_crime,2016-17,\"12,103\"\n"
                            "knife_crime,2017-18,\"14,766\"\n"
                            "knife_crime,2018-19,\"14,852\"\n",
                            crime_meta, "knife_crime"),
                        "Knife crime: +0.6% (increase of 86 offences, from 14,766 to 14,852), "
                        "within "
                        "normal variation. "
                        "The increase had been +22.0% the previous year.");
}

/* A decrease with no year before it: no previous-year clause. */
static void
test_sentence_decrease(void **state)
{
    (void)state;
    /* 122 - 163 = -41, -41 / 163 = -25.15% -> -25.2%. */
    assert_string_equal(say("indicator,period,value\nhomicide,2017-18,163\nhomicide,2018-19,122\n",
                            crime_meta, "homicide"),
                        "Homicide: -25.2% (decrease of 41 offences, from 163 to 122), a "
                        "statistically significant fall.");
}

/* The previous year's word follows the previous change's sign, not the
 * current one's: an increase after a decrease says "The decrease had
 * been". */
static void
test_sentence_previous_direction_word(void **state)
{
    (void)state;
    /* 2018: 1,000 -> 968, -3.2%; 2019: 968 -> 1,000, +3.3%. */
    assert_string_equal(say("indicator,period,value\nhomicide,2017,\"1,000\"\nhomicide,2018,968\n"
                            "homicide,2019,\"1,000\"\n",
                            crime_meta, "homicide"),
                        "Homicide: +3.3% (increase of 32 offences, from 968 to 1,000), within "
                        "normal "
                        "variation. "
                        "The decrease had been -3.2% the previous year.");
    assert_string_equal(say("indicator,period,value\nhomicide,2017,50\nhomicide,2018,50\n"
                            "homicide,2019,40\n",
                            crime_meta, "homicide"),
                        "Homicide: -20.0% (decrease of 10 offences, from 50 to 40), within normal "
                        "variation. "
                        "There had been no change the previous year.");
}

/* No change names the value once and both periods. */
static void
test_sentence_no_change(void **state)
{
    (void)state;
    assert_string_equal(say("indicator,period,value\nknife_crime,2017-18,\"14,766\"\n"
                            "knife_crime,2018-19,\"14,766\"\n",
                            crime_meta, "knife_crime"),
                        "Knife crime: no change (14,766 offences in both 2017-18 and 2018-19).");
}

/* A missing base (absent, or present but missing) says so. */
static void
test_sentence_missing_base(void **state)
{
    (void)state;
    assert_string_equal(
        say("indicator,period,value\nknife_crime,2018-19,\"14,852\"\n", crime_meta, "knife_crime"),
        "Knife crime: 14,852 offences in 2018-19; no figure for 2017-18 to compare with.");
    assert_string_equal(say("indicator,period,value\nknife_crime,2017-18,..\n"
                            "knife_crime,2018-19,\"14,852\"\n",
                            crime_meta, "knife_crime"),
                        "Knife crime: 14,852 offences in 2018-19; no figure for 2017-18 to "
                        "compare with.");
}

/* Exactly 1 takes the singular, anything else the plural; without a
 * singular in the metadata the plural serves. */
static void
test_sentence_singular_and_plural(void **state)
{
    (void)state;
    assert_string_equal(
        say("indicator,period,value\nhomicide,2018,2\nhomicide,2019,1\n", crime_meta, "homicide"),
        "Homicide: -50.0% (decrease of 1 offence, from 2 to 1), within normal "
        "variation.");
    assert_string_equal(say("indicator,period,value\nhomicide,2019,1\n", crime_meta, "homicide"),
                        "Homicide: 1 offence in 2019; no figure for 2018 to compare with.");
    assert_string_equal(
        say("indicator,period,value\nhomicide,2018,0\nhomicide,2019,0\n", crime_meta, "homicide"),
        "Homicide: no change (0 offences in both 2018 and 2019).");
    assert_string_equal(say("indicator,period,value\nx,2018,3\nx,2019,4\n",
                            "indicator,label,unit,plural\nx,Arrests,arrest,arrests\n", "x"),
                        "Arrests: +33.3% (increase of 1 arrests, from 3 to 4), within normal "
                        "variation.");
    /* "1.0" is not exactly one. */
    assert_string_equal(say("indicator,period,value\nx,2018,2.0\nx,2019,3.0\n",
                            "indicator,label,unit,singular\nx,Wait,seconds,second\n", "x"),
                        "Wait: +50.0% (increase of 1.0 seconds, from 2.0 to 3.0).");
}

/* A zero base has a change but no percentage. */
static void
test_sentence_zero_base(void **state)
{
    (void)state;
    assert_string_equal(
        say("indicator,period,value\nhomicide,2018,0\nhomicide,2019,5\n", crime_meta, "homicide"),
        "Homicide: increase of 5 offences, from 0 to 5, within normal variation.");
}

/* Thousands separators everywhere, including the change and negatives. */
static void
test_sentence_thousands(void **state)
{
    (void)state;
    /* 1,234,567 - 2,469,134 = -1,234,567 = -50.0%. */
    assert_string_equal(say("indicator,period,value\nx,2018,2469134\nx,2019,1234567\n",
                            "indicator,label,unit\nx,Calls,calls\n", "x"),
                        "Calls: -50.0% (decrease of 1,234,567 calls, from 2,469,134 to "
                        "1,234,567), a statistically significant fall.");
}

/* Percentages change by percentage points, with no percentage of a
 * percentage. */
static void
test_sentence_percentage_points(void **state)
{
    (void)state;
    assert_string_equal(say("indicator,period,value\np,2018,70%\np,2019,73%\n",
                            "indicator,label,unit,decimals\np,Female users,%,0\n", "p"),
                        "Female users: increase of 3 percentage points, from 70% to 73%.");
    assert_string_equal(say("indicator,period,value\np,2017,72%\np,2018,74%\np,2019,73%\n",
                            "indicator,label,unit\np,Female users,%\n", "p"),
                        "Female users: decrease of 1 percentage point, from 74% to 73%. "
                        "The increase had been 2 percentage points the previous year.");
    assert_string_equal(say("indicator,period,value\np,2019,9.5%\n",
                            "indicator,label,unit\np,Share online,%\n", "p"),
                        "Share online: 9.5% in 2019; no figure for 2018 to compare with.");
}

/* A currency is written before the number. */
static void
test_sentence_currency(void **state)
{
    (void)state;
    assert_string_equal(say("indicator,period,value\ng,2018,\"\xC2\xA3"
                            "1,000\"\n"
                            "g,2019,\xC2\xA3"
                            "900\n",
                            NULL, "g"),
                        "g: -10.0% (decrease of \xC2\xA3"
                        "100, from \xC2\xA3"
                        "1,000 to "
                        "\xC2\xA3"
                        "900).");
}

static const char *calls_meta =
    "indicator,label,unit,better,target,target_op,decimals,singular,phrase\n"
    "c999,999 calls: response (answer) time,seconds,down,10,<=,1,second,"
    "999 calls were answered in an average of\n"
    "c101,101 calls: average time to answer,seconds,down,30,<=,1,second,\n"
    "dwo,Dedicated Ward Officers,officers,up,\"1,258\",>=,0,officer,\n";

/* Target met, with the metadata's phrase: the sentence. */
static void
test_sentence_target_met(void **state)
{
    (void)state;
    assert_string_equal(say("indicator,period,value\nc999,2019-01,5.2\n", calls_meta, "c999"),
                        "999 calls were answered in an average of 5.2 seconds, against a target "
                        "of 10 seconds (target met).");
}

/* Target missed, by how much, with the label when there is no phrase. */
static void
test_sentence_target_missed(void **state)
{
    (void)state;
    assert_string_equal(say("indicator,period,value\nc101,2019-01,30.2\n", calls_meta, "c101"),
                        "101 calls: average time to answer: 30.2 seconds, against a target of 30 "
                        "seconds (target missed by 0.2 seconds).");
    assert_string_equal(say("indicator,period,value\ndwo,2017-06,\"1,171\"\n", calls_meta, "dwo"),
                        "Dedicated Ward Officers: 1,171 officers, against a target of 1,258 "
                        "officers (target missed by 87 officers).");
    assert_string_equal(say("indicator,period,value\ndwo,2017-06,\"1,257\"\n", calls_meta, "dwo"),
                        "Dedicated Ward Officers: 1,257 officers, against a target of 1,258 "
                        "officers (target missed by 1 officer).");
    assert_string_equal(say("indicator,period,value\nc101,2019-01,30.0\n", calls_meta, "c101"),
                        "101 calls: average time to answer: 30.0 seconds, against a target of 30 "
                        "seconds (target met).");
}

/* A row with both a change and a target gets both sentences; the parts
 * are also available alone. */
static void
test_sentence_change_and_target(void **state)
{
    (void)state;
    const char *data = "indicator,period,value\nc999,2018-01,6.0\nc999,2019-01,5.2\n";
    assert_string_equal(say(data, calls_meta, "c999"),
                        "999 calls: response (answer) time: -13.3% (decrease of 0.8 seconds, "
                        "from 6.0 to 5.2). 999 calls were answered in an average of 5.2 "
                        "seconds, against a target of 10 seconds (target met).");
    assert_string_equal(say_with(kpi_sentence_change, data, calls_meta, "c999"),
                        "999 calls: response (answer) time: -13.3% (decrease of 0.8 seconds, "
                        "from 6.0 to 5.2).");
    assert_string_equal(say_with(kpi_sentence_target, data, calls_meta, "c999"),
                        "999 calls were answered in an average of 5.2 seconds, against a target "
                        "of 10 seconds (target met).");
    /* No target: the target sentence is empty. */
    assert_string_equal(say_with(kpi_sentence_target, "indicator,period,value\nhomicide,2019,3\n",
                                 crime_meta, "homicide"),
                        "");
}

/* No value, no sentence. */
static void
test_sentence_no_value(void **state)
{
    (void)state;
    assert_string_equal(
        say("indicator,period,value\nhomicide,2018,3\nhomicide,2019,*\n", crime_meta, "homicide"),
        "");
    assert_string_equal(say("indicator,period,value\nc999,2019-01,NA\n", calls_meta, "c999"), "");
}

/* Like snprintf: the whole length is returned whatever the buffer, and a
 * short buffer holds a NUL-terminated prefix. */
static void
test_sentence_buffer_sizes(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\nc999,2018-01,6.0\nc999,2019-01,5.2\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta(calls_meta);
    const char *key[] = {"c999", ""};
    const kpi_indicator_meta *im = kpi_meta_find(m, "c999");
    kpi_summary_row r;
    kpi_error err;
    assert_int_equal(kpi_summary_at(kpi_store_find(s, key), im, NULL, &r, &err), KPI_OK);
    char full[KPI_SENTENCE_MAX];
    size_t n = kpi_sentence(&r, im, full, sizeof full);
    assert_int_equal(kpi_sentence(&r, im, NULL, 0), n);
    for (size_t size = 1; size <= n + 1; size++) {
        char small[KPI_SENTENCE_MAX];
        memset(small, 'x', sizeof small);
        assert_int_equal(kpi_sentence(&r, im, small, size), n);
        assert_int_equal(strlen(small), size - 1);
        assert_memory_equal(small, full, size - 1);
    }
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* Strip thousands separators and a trailing word from "14,766" etc. */
static double
num(const char *s)
{
    char clean[64];
    size_t o = 0;
    for (; *s && o + 1 < sizeof clean; s++)
        if (*s != ',')
            clean[o++] = *s;
    clean[o] = '\0';
    return strtod(clean, NULL);
}

/* No sentence states numbers that disagree: over many pairs at 0 to 2
 * decimals, "of C, from A to B" has |B - A| = C exactly, and the
 * percentage is 100 C / A rounded half away from zero. */
static void
test_sentence_numbers_agree(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int k = 0; k < 400; k++) {
        seed = seed * 1103515245u + 12345u;
        double a = (double)((seed >> 8) % 200000) / 100.0 + 1.0;
        seed = seed * 1103515245u + 12345u;
        double b = (double)((seed >> 8) % 200000) / 100.0 + 0.01;
        int dec = k % 3;
        char data[256], meta[128];
        snprintf(data, sizeof data, "indicator,period,value\nx,2018,%.2f\nx,2019,%.2f\n", a, b);
        snprintf(meta, sizeof meta, "indicator,label,unit,decimals\nx,X,units,%d\n", dec);
        const char *sent = say(data, meta, "x");
        char pct[32], dir[16], by[32], from[32], to[32];
        if (strncmp(sent, "X: no change (", 14) == 0)
            continue;
        int got = sscanf(sent, "X: %31s (%15s of %31s units, from %31[0-9,.] to %31[0-9,.]).", pct,
                         dir, by, from, to);
        if (got != 5)
            fprintf(stderr, "%s\n", sent);
        assert_int_equal(got, 5);
        double A = num(from), B = num(to), C = num(by);
        assert_double_equal(kpi_value_round(B - A, dec), strcmp(dir, "increase") == 0 ? C : -C,
                            1e-9);
        char want[32];
        kpi_value_format_fixed(100.0 * (B - A) / A, 1, true, want + 1, sizeof want - 1);
        want[0] = B > A ? '+' : '-';
        char *w = want[1] == '-' ? want + 1 : want;
        strcat(w, "%");
        assert_string_equal(pct, w);
    }
}

/* The Met's published figures, read from the bundled files. */
static void
test_sentence_met_figures(void **state)
{
    (void)state;
    kpi_error err;
    kpi_reader_options o = kpi_reader_options_default();
    kpi_store *s = kpi_read_file(kpi_test_path("datasets/met-business-plan/figures.csv"), &o, NULL,
                                 &err);
    assert_non_null(s);
    kpi_meta *m = kpi_meta_read(kpi_test_path("datasets/met-business-plan/meta.csv"), &err);
    assert_non_null(m);
    struct {
        const char *id, *want;
    } cases[] = {
        {"knife_crime", "Knife crime (offences involving a knife or sharp instrument): +0.6% "
                        "(increase of 86 offences, from 14,766 to 14,852), within normal "
                        "variation."},
        {"homicide", "Homicide: -25.2% (decrease of 41 offences, from 163 to 122), a "
                     "statistically significant fall."},
        {"knife_injury", "Knife crime with injury (knife injuries): -9.6% (decrease of 455 "
                         "offences, from 4,732 to 4,277), a statistically significant fall. The "
                         "increase had been +6.4% the "
                         "previous year."},
        {"calls_101_answer_seconds", "101 calls were answered in an average of 30.2 seconds, "
                                     "against a target of 30 seconds (target missed by 0.2 "
                                     "seconds)."},
        {"calls_999_answer_seconds", "999 calls were answered in an average of 5.2 seconds, "
                                     "against a target of 10 seconds (target met)."},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *key[] = {cases[k].id, "London"};
        const kpi_indicator_meta *im = kpi_meta_find(m, cases[k].id);
        kpi_summary_row r;
        assert_int_equal(kpi_summary_at(kpi_store_find(s, key), im, NULL, &r, &err), KPI_OK);
        char buf[KPI_SENTENCE_MAX];
        kpi_sentence(&r, im, buf, sizeof buf);
        assert_string_equal(buf, cases[k].want);
    }
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* kpi_sentence_write: one line per row with a value, in store order. */
static void
test_sentence_write(void **state)
{
    (void)state;
    kpi_store *s = kpi_test_read("indicator,period,value\n"
                                 "homicide,2017-18,163\nhomicide,2018-19,122\n"
                                 "knife_crime,2017-18,NA\n"
                                 "c999,2019-01,5.2\n",
                                 NULL);
    kpi_meta *m = kpi_test_meta("indicator,label,unit,better,target,target_op,decimals,phrase\n"
                                "homicide,Homicide,offences,down,,,,\n"
                                "c999,999 calls,seconds,down,10,<=,1,"
                                "999 calls were answered in an average of\n");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(kpi_sentence_write(s, m, NULL, 0, out, &err), KPI_OK);
    fclose(out);
    /* Two periods (2018-19, January 2019): each sentence names its own. */
    assert_string_equal(buf, "Homicide, 2018-19: -25.2% (decrease of 41 offences, from 163 to "
                             "122), a statistically significant fall.\n"
                             "In January 2019, 999 calls were answered in an average of 5.2 "
                             "seconds, against a target of 10 seconds (target met).\n");
    free(buf);
    kpi_store_free(s);
    kpi_meta_free(m);
}

/* The sentence of series (indicator, area) of data at its latest period,
 * naming subject.  Static buffer. */
static const char *
say_about(const char *data, const char *meta, const char *indicator, const char *area,
          const kpi_sentence_subject *subject)
{
    static char buf[KPI_SENTENCE_MAX];
    kpi_store *s = kpi_test_read(data, NULL);
    kpi_meta *m = kpi_test_meta(meta);
    const char *key[] = {indicator, area};
    const kpi_series *se = kpi_store_find(s, key);
    assert_non_null(se);
    const kpi_indicator_meta *im = kpi_meta_find(m, indicator);
    kpi_summary_row r;
    kpi_error err;
    assert_int_equal(kpi_summary_at(se, im, NULL, &r, &err), KPI_OK);
    size_t n = kpi_sentence_about(&r, im, subject, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    assert_int_equal(kpi_sentence_about(&r, im, subject, NULL, 0), n);
    kpi_store_free(s);
    kpi_meta_free(m);
    return buf;
}

/* The subject named: the area, the period (a rolling window's words), both,
 * and the base in the same words; a phrase opens with "In ...". */
static void
test_sentence_about_subject(void **state)
{
    (void)state;
    const char *data = "indicator,area,period,value\n"
                       "robbery,Westminster,2024-11,\"3,426\"\nrobbery,Westminster,2025-11,"
                       "\"2,883\"\n"
                       "robbery,Camden,2024-11,14\nrobbery,Camden,2025-11,14\n"
                       "robbery,Brent,2025-11,20\ntheft,Brent,2025-11,20\n"
                       "c999,Westminster,2025-11,5.2\n";
    const char *meta = "indicator,label,unit,better,target,target_op,decimals,singular,phrase\n"
                       "robbery,Robbery,offences,down,3000,<=,0,offence,\n"
                       "theft,Theft,offences,down,,,0,offence,\n"
                       "c999,999 calls,seconds,down,10,<=,1,second,"
                       "999 calls were answered in an average of\n";
    kpi_sentence_subject both = {true, true, 12}, area = {true, false, 0};
    kpi_sentence_subject month = {false, true, 0};
    assert_string_equal(say_about(data, meta, "robbery", "Westminster", &both),
                        "Robbery in Westminster, 12 months to November 2025: -15.8% (decrease of "
                        "543 offences, from 3,426 to 2,883), a statistically significant fall. "
                        "The target of 3,000 offences was met.");
    assert_string_equal(say_about(data, meta, "robbery", "Westminster", &area),
                        "Robbery in Westminster: -15.8% (decrease of 543 offences, from 3,426 to "
                        "2,883), a statistically significant fall. The target of 3,000 offences "
                        "was met.");
    assert_string_equal(say_about(data, meta, "robbery", "Camden", &month),
                        "Robbery, November 2025: no change (14 offences, as in November 2024). "
                        "The target of 3,000 offences was met.");
    assert_string_equal(say_about(data, meta, "theft", "Brent", &both),
                        "Theft in Brent, 12 months to November 2025: 20 offences; no figure for "
                        "the 12 months to November 2024 to compare with.");
    /* A target with no change: the target sentence alone, named. */
    assert_string_equal(say_about(data, meta, "robbery", "Brent", &both),
                        "Robbery in Brent, 12 months to November 2025: 20 offences, against a "
                        "target of 3,000 offences (target met).");
    assert_string_equal(say_about(data, meta, "c999", "Westminster", &both),
                        "In Westminster in the 12 months to November 2025, 999 calls were "
                        "answered in an average of 5.2 seconds, against a target of 10 seconds "
                        "(target met).");
    assert_string_equal(say_about(data, meta, "c999", "Westminster", &month),
                        "In November 2025, 999 calls were answered in an average of 5.2 seconds, "
                        "against a target of 10 seconds (target met).");
    /* NULL names the label alone, as kpi_sentence does. */
    assert_string_equal(say_about(data, meta, "robbery", "Camden", NULL),
                        "Robbery: no change (14 offences in both 2024-11 and 2025-11). The target "
                        "of 3,000 offences was met.");
}

/* Periods in a sentence's words, alone and as rolling windows, and what a
 * change compares: the examples of issue 9, item 18. */
static void
test_sentence_period_words(void **state)
{
    (void)state;
    char buf[128];
    kpi_period nov = {KPI_FREQ_MONTH, 2025 * 12 + 10}, fy = {KPI_FREQ_FYEAR, 2024};
    kpi_period q3 = {KPI_FREQ_QUARTER, 2025 * 4 + 2}, fq = {KPI_FREQ_FQUARTER, 2018 * 4 + 3};
    kpi_period day = {KPI_FREQ_DAY, kpi_period_day_from_ymd(2025, 1, 3)};
    assert_int_equal(kpi_sentence_period(nov, 0, buf, sizeof buf), 13);
    assert_string_equal(buf, "November 2025");
    kpi_sentence_period(nov, 12, buf, sizeof buf);
    assert_string_equal(buf, "12 months to November 2025");
    kpi_sentence_period(fy, 1, buf, sizeof buf);
    assert_string_equal(buf, "2024-25");
    kpi_sentence_period(q3, 4, buf, sizeof buf);
    assert_string_equal(buf, "4 quarters to Q3 2025");
    kpi_sentence_period(fq, 0, buf, sizeof buf);
    assert_string_equal(buf, "2018-19 Q4");
    kpi_sentence_period(day, 0, buf, sizeof buf);
    assert_string_equal(buf, "3 January 2025");
    kpi_sentence_comparison(fy, kpi_period_year_ago(fy), 0, buf, sizeof buf);
    assert_string_equal(buf, "2024-25 against 2023-24");
    kpi_sentence_comparison(nov, kpi_period_year_ago(nov), 12, buf, sizeof buf);
    assert_string_equal(buf, "12 months to November 2025 against the previous 12 months");
    kpi_sentence_comparison(nov, kpi_period_year_ago(nov), 3, buf, sizeof buf);
    assert_string_equal(buf, "3 months to November 2025 against the 3 months to November 2024");
    /* Measured like snprintf when the buffer is short. */
    char small[8];
    assert_int_equal(kpi_sentence_comparison(fy, kpi_period_year_ago(fy), 0, small, sizeof small),
                     strlen("2024-25 against 2023-24"));
    assert_string_equal(small, "2024-25");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence_increase_with_previous_increase),
        cmocka_unit_test(test_sentence_about_subject),
        cmocka_unit_test(test_sentence_decrease),
        cmocka_unit_test(test_sentence_previous_direction_word),
        cmocka_unit_test(test_sentence_no_change),
        cmocka_unit_test(test_sentence_missing_base),
        cmocka_unit_test(test_sentence_singular_and_plural),
        cmocka_unit_test(test_sentence_zero_base),
        cmocka_unit_test(test_sentence_thousands),
        cmocka_unit_test(test_sentence_percentage_points),
        cmocka_unit_test(test_sentence_currency),
        cmocka_unit_test(test_sentence_target_met),
        cmocka_unit_test(test_sentence_target_missed),
        cmocka_unit_test(test_sentence_change_and_target),
        cmocka_unit_test(test_sentence_no_value),
        cmocka_unit_test(test_sentence_buffer_sizes),
        cmocka_unit_test(test_sentence_numbers_agree),
        cmocka_unit_test(test_sentence_met_figures),
        cmocka_unit_test(test_sentence_write),
        cmocka_unit_test(test_sentence_period_words),
    };
    return kpi_test_run(tests);
}
