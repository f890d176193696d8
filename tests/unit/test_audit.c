/* Tests of kpi audit: the number reader, the tokens that are no quantity,
 * sentence splitting, every claim form with a consistent and an
 * inconsistent case, checks against data, positions and bad input.  Every
 * expected figure is worked out by hand in the comment beside it. */
#include "harness.h"

#include <string.h>

#include "audit_private.h"
#include "kpi/audit.h"
#include "kpi/reader.h"

/* ---- helpers ------------------------------------------------------------ */

static kpi_audit *
audit_with(const char *text, const kpi_audit_options *opt)
{
    kpi_error err;
    kpi_audit *a = kpi_audit_new(opt, &err);
    assert_non_null(a);
    assert_int_equal(kpi_audit_text(a, "r.txt", text, strlen(text), &err), KPI_OK);
    return a;
}

static kpi_audit *
audit(const char *text)
{
    return audit_with(text, NULL);
}

/* Assert claim i's kind, stated figure, verdict and (when not NULL) a part
 * of its reason. */
static void
assert_claim(const kpi_audit *a, size_t i, kpi_audit_kind kind, const char *stated,
             kpi_audit_verdict verdict, const char *reason_part)
{
    assert_true(i < kpi_audit_count(a));
    const kpi_audit_claim *c = kpi_audit_at(a, i);
    assert_string_equal(kpi_audit_kind_name(c->kind), kpi_audit_kind_name(kind));
    assert_string_equal(c->stated, stated);
    assert_string_equal(kpi_audit_verdict_name(c->verdict), kpi_audit_verdict_name(verdict));
    if (reason_part && !strstr(c->reason, reason_part))
        fail_msg("reason '%s' lacks '%s'", c->reason, reason_part);
}

static size_t
read_number(const char *s, audit_number *n)
{
    return kpi_audit_number_read(s, strlen(s), n);
}

/* The number tokens of text that are quantities, as their values. */
static size_t
quantities(const char *text, double *out, size_t max)
{
    audit_tokens t = {0};
    kpi_error err;
    assert_int_equal(kpi_audit_tokenize(text, 0, strlen(text), &t, &err), KPI_OK);
    size_t n = 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.items[i].kind == AUDIT_TOK_NUMBER && n < max)
            out[n++] = t.items[i].num.value;
    kpi_audit_tokens_fini(&t);
    return n;
}

/* ---- the number reader -------------------------------------------------- */

/* Thousands separators, decimals and written signs are read as printed. */
static void
test_audit_number_plain_forms(void **state)
{
    (void)state;
    audit_number n;
    assert_int_equal(read_number("14,766 offences", &n), 6);
    assert_double_equal(n.value, 14766, 0);
    assert_true(n.grouped);
    assert_int_equal(n.decimals, 0);
    assert_int_equal(read_number("-25.2% (decrease", &n), 6);
    assert_double_equal(n.value, -25.2, 1e-12);
    assert_int_equal(n.decimals, 1);
    assert_int_equal(n.sign, -1);
    assert_true(n.percent);
    assert_int_equal(read_number("+0.5%", &n), 5);
    assert_int_equal(n.sign, 1);
    assert_double_equal(n.value, 0.5, 1e-12);
    /* "12,34" is no thousands group: the number is 12. */
    assert_int_equal(read_number("12,34", &n), 2);
    assert_double_equal(n.value, 12, 0);
    assert_int_equal(read_number("1,234,567.25", &n), 12);
    assert_double_equal(n.value, 1234567.25, 1e-9);
    assert_int_equal(read_number("offences", &n), 0);
}

/* The Unicode minus and the en dash are minus signs. */
static void
test_audit_number_unicode_signs(void **state)
{
    (void)state;
    audit_number n;
    assert_int_equal(read_number("\xE2\x88\x92"
                                 "3.5%",
                                 &n),
                     7);
    assert_double_equal(n.value, -3.5, 1e-12);
    assert_int_equal(n.sign, -1);
    assert_int_equal(read_number("\xE2\x80\x93"
                                 "7 offences",
                                 &n),
                     4);
    assert_double_equal(n.value, -7, 0);
}

/* "per cent", "percent", "million", "m", "bn" and currencies. */
static void
test_audit_number_words_and_units(void **state)
{
    (void)state;
    audit_number n;
    assert_int_equal(read_number("20 per cent of", &n), 11);
    assert_true(n.percent);
    assert_double_equal(n.value, 20, 0);
    assert_int_equal(read_number("9 percent", &n), 9);
    assert_true(n.percent);
    assert_int_equal(read_number("\xC2\xA3"
                                 "101 million seized",
                                 &n),
                     13);
    assert_int_equal(n.currency, KPI_UNIT_GBP);
    assert_double_equal(n.value, 101e6, 0);
    assert_int_equal(read_number("2.2 million 999 calls", &n), 11);
    assert_double_equal(n.value, 2.2e6, 1e-6);
    assert_int_equal(n.decimals, 1);
    assert_double_equal(n.scale, 1e6, 0);
    assert_int_equal(read_number("\xC2\xA3"
                                 "2.5m",
                                 &n),
                     6);
    assert_double_equal(n.value, 2.5e6, 1e-6);
    assert_int_equal(read_number("1.2bn", &n), 5);
    assert_double_equal(n.value, 1.2e9, 1e-3);
    assert_int_equal(read_number("174th out of", &n), 5);
    assert_true(n.ordinal);
    /* Glued to a word, a number is part of it. */
    assert_int_equal(read_number("5G network", &n), 0);
}

/* Dates, times, years, financial years, ranges, list numbers, phone
 * numbers, labels and "101" and "999" as service names are no
 * quantities. */
static void
test_audit_numbers_that_are_no_quantity(void **state)
{
    (void)state;
    double v[16];
    assert_int_equal(quantities("On 22 March 2019 at 10:30 we met.", v, 16), 0);
    assert_int_equal(quantities("In 2018-19 and in 2019, and on 2019-03-31 or 22/03/2019.", v, 16),
                     0);
    assert_int_equal(
        quantities("Call 101 or 999, or the 101 service, or dial 020 7230 1212.", v, 16), 0);
    assert_int_equal(quantities("1- Introduction", v, 16), 0);
    assert_int_equal(quantities("See Form 107 and Quarter 4, aged 0-18, on the 30th March.", v, 16),
                     0);
    assert_int_equal(quantities("Mar 2019 and March 22", v, 16), 0);
    /* Quantities are still read around them. */
    assert_int_equal(quantities("In 2018-19, 311 fewer offences and 9.6% more 999 calls.", v, 16),
                     2);
    assert_double_equal(v[0], 311, 0);
    assert_double_equal(v[1], 9.6, 1e-12);
}

/* The period a text names, as written in kpi's canonical form. */
static void
assert_periods(const char *text, const char *expected)
{
    audit_tokens t = {0};
    kpi_error err;
    assert_int_equal(kpi_audit_tokenize(text, 0, strlen(text), &t, &err), KPI_OK);
    char got[128] = "", one[KPI_PERIOD_TEXT_MAX];
    for (size_t i = 0; i < t.n; i++)
        if (t.items[i].kind == AUDIT_TOK_PERIOD) {
            kpi_period_format(t.items[i].period, one, sizeof one);
            strcat(got, got[0] ? " " : "");
            strcat(got, one);
        }
    kpi_audit_tokens_fini(&t);
    assert_string_equal(got, expected);
}

/* Years, financial years, months and quarters are read as periods. */
static void
test_audit_periods(void **state)
{
    (void)state;
    assert_periods("In 2018-19 and 2019/20, in March 2019 and in 2017.",
                   "2018-19 2019-20 2019-03 2017");
    assert_periods("Quarter 4, 2018-19; Q1 2019; 2019-20 Q2.", "2018-19 Q4 2019Q1 2019-20 Q2");
}

/* ---- sentences ---------------------------------------------------------- */

typedef struct spans {
    audit_span s[16];
    size_t n;
} spans;

static spans
split(const char *text)
{
    spans r = {.n = 0};
    size_t pos = 0;
    while (r.n < 16 && kpi_audit_next_span(text, strlen(text), &pos, &r.s[r.n]))
        r.n++;
    return r;
}

static void
assert_span(const char *text, const audit_span *s, const char *expected)
{
    size_t n = s->end - s->start;
    if (n != strlen(expected) || strncmp(text + s->start, expected, n) != 0)
        fail_msg("span '%.*s', expected '%s'", (int)n, text + s->start, expected);
}

/* A sentence runs on over a line break and over a blank line when the
 * next paragraph starts in lower case, as PDF extraction leaves it. */
static void
test_audit_sentence_across_line_breaks(void **state)
{
    (void)state;
    const char *t = "Knife crime rose 0.5% in\n2018-19. Significantly, our other indicators\n\n"
                    "showed reductions: stabbings fell.\n\nA new paragraph starts here.";
    spans r = split(t);
    assert_int_equal(r.n, 3);
    assert_span(t, &r.s[0], "Knife crime rose 0.5% in\n2018-19.");
    assert_span(t, &r.s[1],
                "Significantly, our other indicators\n\nshowed reductions: stabbings fell.");
    assert_true(r.s[1].para_end);
    assert_span(t, &r.s[2], "A new paragraph starts here.");
}

/* "e.g.", "No." and "approx." end no sentence. */
static void
test_audit_sentence_abbreviations(void **state)
{
    (void)state;
    const char *t = "Hotspots, e.g. Soho, had approx. 500 officers under Op. No. 5 today. Then "
                    "it stopped.";
    spans r = split(t);
    assert_int_equal(r.n, 2);
    assert_span(t, &r.s[0], "Hotspots, e.g. Soho, had approx. 500 officers under Op. No. 5 today.");
    assert_span(t, &r.s[1], "Then it stopped.");
}

/* Headings, lead-ins, list items and table rows are told apart. */
static void
test_audit_sentence_blocks(void **state)
{
    (void)state;
    const char *t = "Moped crime\n\nFor the 12 months to March 2019, we saw:\n\n- Homicide: -25%.\n"
                    "- Robbery: +4%\n\n| a | 1 |\n# Heading two\n";
    spans r = split(t);
    assert_int_equal(r.n, 6);
    assert_int_equal(r.s[0].kind, AUDIT_SPAN_HEADING);
    assert_span(t, &r.s[0], "Moped crime");
    assert_true(r.s[1].lead_in);
    assert_true(r.s[2].list_item);
    assert_span(t, &r.s[2], "Homicide: -25%.");
    assert_true(r.s[3].list_item);
    assert_span(t, &r.s[3], "Robbery: +4%");
    assert_int_equal(r.s[4].kind, AUDIT_SPAN_TABLE);
    assert_int_equal(r.s[5].kind, AUDIT_SPAN_HEADING);
    assert_span(t, &r.s[5], "Heading two");
}

/* ---- claim forms -------------------------------------------------------- */

/* "-25.2% (decrease of 41 offences, from 163 to 122)": -41/163 = -25.15%
 * rounds to -25.2 and 163-122 = 41; with 39 the change is wrong. */
static void
test_audit_pct_and_change_with_from_to(void **state)
{
    (void)state;
    kpi_audit *a = audit("Homicide: -25.2% (decrease of 41 offences, from 163 to 122).");
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-25.2%", KPI_AUDIT_CONSISTENT, NULL);
    assert_string_equal(kpi_audit_at(a, 0)->computed, "-25.15%");
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "-41", KPI_AUDIT_CONSISTENT, NULL);
    kpi_audit_free(a);
    a = audit("Homicide: -25% (decrease of 39 offences, from 163 to 122).");
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-25%", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "-39", KPI_AUDIT_ERROR,
                 "\"decrease of 39\" but 163 to 122 is a decrease of 41");
    assert_string_equal(kpi_audit_at(a, 1)->computed, "-41");
    assert_int_equal(kpi_audit_at(a, 1)->column, 17);
    kpi_audit_free(a);
}

/* "a reduction of 52.3% (12,506 fewer offences), from 23,896 to 11,390":
 * 12,506 / 23,896 = 52.34%.  From 23,986 it is 12,596 and 52.51%. */
static void
test_audit_reduction_of_with_fewer(void **state)
{
    (void)state;
    kpi_audit *a = audit("Moped crime fell: a reduction of 52.3% (12,506 fewer offences), from "
                         "23,896 to 11,390.");
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-52.3%", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "-12,506", KPI_AUDIT_CONSISTENT, NULL);
    kpi_audit_free(a);
    a = audit("Moped crime fell: a reduction of 52.3% (12,506 fewer offences), from 23,986 to "
              "11,390.");
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-52.3%", KPI_AUDIT_ERROR, "a decrease of 52.51%");
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "-12,506", KPI_AUDIT_ERROR, "a decrease of 12,596");
    kpi_audit_free(a);
}

/* "9.6% fewer knife injuries (4,277 down from 4,732)": -455/4,732 =
 * -9.615%; 9.7% is out by more than half a unit. */
static void
test_audit_fewer_with_down_from(void **state)
{
    (void)state;
    kpi_audit *a = audit("There were 9.6% fewer knife injuries (4,277 down from 4,732).");
    assert_int_equal(kpi_audit_count(a), 1);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-9.6%", KPI_AUDIT_CONSISTENT, NULL);
    assert_string_equal(kpi_audit_at(a, 0)->text, "9.6% fewer");
    kpi_audit_free(a);
    a = audit("There were 9.7% fewer knife injuries (4,277 down from 4,732).");
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-9.7%", KPI_AUDIT_ERROR, "a decrease of 9.62%");
    kpi_audit_free(a);
}

/* "rose 3% to 1,030 from 1,000": exactly 3%; 4% is wrong. */
static void
test_audit_to_from_order(void **state)
{
    (void)state;
    kpi_audit *a = audit("Calls rose 3% to 1,030 from 1,000.");
    assert_int_equal(kpi_audit_count(a), 1);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "+3%", KPI_AUDIT_CONSISTENT, NULL);
    kpi_audit_free(a);
    a = audit("Calls rose 4% to 1,030 from 1,000.");
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "+4%", KPI_AUDIT_ERROR, "an increase of 3.0%");
    kpi_audit_free(a);
}

/* A stated percentage is right within half a unit of its last decimal:
 * 15% for 311/2,079 = 14.96% passes, 0.5% for 86/14,766 = 0.58% fails. */
static void
test_audit_percentage_tolerance(void **state)
{
    (void)state;
    kpi_audit *a = audit("Victims: -15% (from 2,079 to 1,768). Knife crime: +0.5% (from 14,766 "
                         "to 14,852).");
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-15%", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_PCT_CHANGE, "+0.5%", KPI_AUDIT_ERROR,
                 "\"+0.5%\" but 14,766 to 14,852 is an increase of 0.58%");
    assert_int_equal(kpi_audit_at(a, 1)->column, 51);
    kpi_audit_free(a);
}

/* Between two percentages a change may be in points: 70% to 73% is "3
 * percentage points" and also "rose 3%"; "rose 5%" fits neither 3 points
 * nor 4.3%. */
static void
test_audit_percentage_points(void **state)
{
    (void)state;
    kpi_audit *a = audit("The share rose 3 percentage points, from 70% to 73%. It rose 3%, from "
                         "70% to 73%. It rose 4.3%, from 70% to 73%. It rose 5%, from 70% to 73%.");
    assert_int_equal(kpi_audit_count(a), 4);
    assert_claim(a, 0, KPI_AUDIT_CHANGE, "+3", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_PCT_CHANGE, "+3%", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 2, KPI_AUDIT_PCT_CHANGE, "+4.3%", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 3, KPI_AUDIT_PCT_CHANGE, "+5%", KPI_AUDIT_ERROR, "an increase of 4.3%");
    kpi_audit_free(a);
}

/* "a decrease of 39, from 163 to 122" is an absolute change on its own;
 * an increase that the figures show to be a fall is a direction error. */
static void
test_audit_absolute_change_and_direction(void **state)
{
    (void)state;
    kpi_audit *a = audit("Homicide saw a decrease of 41, from 163 to 122. Robbery saw an "
                         "increase of 10, from 110 to 100.");
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_CHANGE, "-41", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "+10", KPI_AUDIT_ERROR,
                 "\"increase of 10\" but 110 to 100 is a decrease");
    kpi_audit_free(a);
}

/* A direction word with only a from and a to: "increased from 90 to
 * 400" is consistent, "fell from 90 to 400" is not; a sign against its
 * own word is an error too. */
static void
test_audit_direction_word(void **state)
{
    (void)state;
    kpi_audit *a = audit("Champions increased from 90 last year to around 400. Arrests fell from "
                         "90 to 400. A fall of +5% was seen.");
    assert_int_equal(kpi_audit_count(a), 3);
    assert_claim(a, 0, KPI_AUDIT_DIRECTION, "increase", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_DIRECTION, "decrease", KPI_AUDIT_ERROR,
                 "says a decrease but 90 to 400 is an increase");
    assert_claim(a, 2, KPI_AUDIT_PCT_CHANGE, "+5%", KPI_AUDIT_ERROR, "written with a plus sign");
    kpi_audit_free(a);
    /* The figure agrees with 100 -> 110, the pair's own word does not. */
    a = audit("Robbery fell from 100 to 110, up 10%.");
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_DIRECTION, "decrease", KPI_AUDIT_ERROR, "is an increase");
    assert_claim(a, 1, KPI_AUDIT_PCT_CHANGE, "+10%", KPI_AUDIT_CONSISTENT, NULL);
    kpi_audit_free(a);
}

/* A change with nothing to check it against is unverified, with why. */
static void
test_audit_lone_change_is_unverified(void **state)
{
    (void)state;
    kpi_audit *a = audit("Robbery increased by 4%, and gun crime fell by 6% (159 fewer offences).");
    assert_int_equal(kpi_audit_count(a), 3);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "+4%", KPI_AUDIT_UNVERIFIED, "no from and to figures");
    assert_claim(a, 1, KPI_AUDIT_PCT_CHANGE, "-6%", KPI_AUDIT_UNVERIFIED, NULL);
    assert_claim(a, 2, KPI_AUDIT_CHANGE, "-159", KPI_AUDIT_UNVERIFIED, NULL);
    kpi_audit_free(a);
}

/* 30.2 s against a 30 s target is missed by 0.2; "met" is an error,
 * "missed by 0.2" is right, "missed by 0.3" is not. */
static void
test_audit_target_verdict(void **state)
{
    (void)state;
    kpi_audit *a = audit("101 calls were answered in 30.2 seconds, against a target of 30 seconds "
                         "(target met). They took 30.2 seconds against a target of 30 seconds "
                         "(target missed by 0.2 seconds). They took 30.2 seconds against a target "
                         "of 30 seconds (missed by 0.3 seconds).");
    assert_int_equal(kpi_audit_count(a), 3);
    assert_claim(a, 0, KPI_AUDIT_TARGET, "met", KPI_AUDIT_ERROR,
                 "\"target met\" but 30.2 against a target of 30 is missed by 0.2");
    assert_int_equal(kpi_audit_at(a, 0)->column, 28);
    assert_claim(a, 1, KPI_AUDIT_TARGET, "missed by 0.2", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 2, KPI_AUDIT_TARGET, "missed by 0.3", KPI_AUDIT_ERROR, NULL);
    kpi_audit_free(a);
}

/* "within" and "exceeded" on a time target; no verdict at all is a note
 * that gives the figures. */
static void
test_audit_target_within_exceeded_silent(void **state)
{
    (void)state;
    kpi_audit *a = audit("Calls took 9.5 seconds, within the target of 10 seconds. Calls took "
                         "9.5 seconds and exceeded the target of 10 seconds. Calls took 9.5 "
                         "seconds against a target of 10 seconds.");
    assert_int_equal(kpi_audit_count(a), 3);
    assert_claim(a, 0, KPI_AUDIT_TARGET, "met", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_TARGET, "missed", KPI_AUDIT_ERROR, NULL);
    assert_claim(a, 2, KPI_AUDIT_TARGET, "", KPI_AUDIT_UNVERIFIED,
                 "no verdict stated for 9.5 against a target of 10, which is met");
    kpi_audit_free(a);
}

/* "respectively" pairs targets with values in order, reaching back to the
 * previous sentence of the paragraph (the Met's 101 and 999 sentences). */
static void
test_audit_target_respectively(void **state)
{
    (void)state;
    kpi_audit *a = audit("The 101 call time stood at 30.2 seconds in January 2019. 999 call time "
                         "was 5.2 seconds, against a target time of 30 seconds and 10 seconds "
                         "respectively.");
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_TARGET, "", KPI_AUDIT_UNVERIFIED, "which is missed by 0.2");
    assert_int_equal(kpi_audit_at(a, 0)->column, 28);
    assert_claim(a, 1, KPI_AUDIT_TARGET, "", KPI_AUDIT_UNVERIFIED, "which is met");
    kpi_audit_free(a);
}

/* Numbers in no claim form are ignored, whatever words surround them. */
static void
test_audit_no_claim(void **state)
{
    (void)state;
    kpi_audit *a = audit("The VCTF, made up of 272 officers, seized 751 knives; up to 10,000 calls "
                         "a day come in, more than 400 people came, and 70% were female. Dial 999 "
                         "or 101.");
    assert_int_equal(kpi_audit_count(a), 0);
    kpi_audit_free(a);
}

static bool
valid_utf8(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
        if (k == 0)
            return false;
        for (size_t i = 1; i < k; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += k;
    }
    return true;
}

/* A message cut to fit its buffer never cuts a UTF-8 character in two. */
static void
test_audit_long_quote_stays_utf8(void **state)
{
    (void)state;
    char text[1024] = "Arrests fell from 90 ";
    for (int i = 0; i < 150; i++)
        strcat(text, "\xC3\xA9");
    strcat(text, " to 400.");
    kpi_audit *a = audit(text);
    assert_int_equal(kpi_audit_count(a), 1);
    assert_claim(a, 0, KPI_AUDIT_DIRECTION, "decrease", KPI_AUDIT_ERROR, "\"fell from 90 ");
    assert_true(valid_utf8(kpi_audit_at(a, 0)->reason));
    assert_true(valid_utf8(kpi_audit_at(a, 0)->text));
    kpi_audit_free(a);
}

/* ---- against data ------------------------------------------------------- */

static const char data_csv[] = "indicator,area,period,value\n"
                               "homicide,London,2017-18,163\n"
                               "homicide,London,2018-19,122\n"
                               "knife_crime,London,2017-18,\"14,766\"\n"
                               "knife_crime,London,2018-19,\"14,852\"\n"
                               "calls_101,London,2019-01,30.2\n";
static const char meta_csv[] =
    "indicator,label,unit,better,aggregation,target,target_op,decimals,aliases\n"
    "homicide,Homicide,offences,down,sum,,,0,homicides\n"
    "knife_crime,Knife crime,offences,down,sum,,,0,knife crime offences;knives\n"
    "calls_101,101 calls: time to answer,seconds,down,mean,30,<=,1,101 calls\n";

typedef struct fixture {
    kpi_store *s;
    kpi_meta *m;
    kpi_audit_options opt;
} fixture;

static int
setup_data(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->s = kpi_test_read(data_csv, NULL);
    f->m = kpi_test_meta(meta_csv);
    f->opt = kpi_audit_options_default();
    f->opt.store = f->s;
    f->opt.meta = f->m;
    *state = f;
    return 0;
}

static int
teardown_data(void **state)
{
    fixture *f = *state;
    kpi_store_free(f->s);
    kpi_meta_free(f->m);
    free(f);
    return 0;
}

/* A lone change that names an indicator (by an alias) is checked against
 * kpi change: knife crime 2018-19 is +86, +0.58%. */
static void
test_audit_data_change(void **state)
{
    fixture *f = *state;
    kpi_audit *a = audit_with("Knife crime offences rose only 0.5% in 2018-19 (86 more offences). "
                              "Knife crime rose 0.6% in 2018-19.",
                              &f->opt);
    assert_int_equal(kpi_audit_count(a), 3);
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "+0.5%", KPI_AUDIT_ERROR,
                 "the data's knife_crime in 2018-19 (14,766 to 14,852) is an increase of 0.58%");
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "+86", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 2, KPI_AUDIT_PCT_CHANGE, "+0.6%", KPI_AUDIT_CONSISTENT, NULL);
    kpi_audit_free(a);
}

/* Levels are checked at their own periods: the heading names 2018-19,
 * "the previous year" is the base. */
static void
test_audit_data_levels(void **state)
{
    fixture *f = *state;
    kpi_audit *a = audit_with("Quarter 4, 2018-19\n\nThere were 122 homicides, compared to 161 "
                              "the previous year.",
                              &f->opt);
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_VALUE, "122", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_VALUE, "161", KPI_AUDIT_ERROR,
                 "\"161\" but the data give 163 for homicide in 2017-18");
    assert_int_equal(kpi_audit_at(a, 1)->line, 3);
    kpi_audit_free(a);
}

/* The metadata gives a target's direction and its size. */
static void
test_audit_data_target(void **state)
{
    fixture *f = *state;
    kpi_audit *a = audit_with("101 calls took 30.2 seconds against a target of 30 seconds (target "
                              "missed). 101 calls took 30.2 seconds against a target of 25 "
                              "seconds.",
                              &f->opt);
    assert_int_equal(kpi_audit_count(a), 2);
    assert_claim(a, 0, KPI_AUDIT_TARGET, "missed", KPI_AUDIT_CONSISTENT, NULL);
    assert_claim(a, 1, KPI_AUDIT_TARGET, "25", KPI_AUDIT_ERROR,
                 "the metadata's target for calls_101 is 30");
    kpi_audit_free(a);
}

/* ---- positions and bad input -------------------------------------------- */

/* Lines and columns are the original file's: HTML tags and entities count
 * as written, CRLF ends one line, a UTF-8 character is one column. */
static void
test_audit_positions(void **state)
{
    (void)state;
    kpi_audit *a = audit("<p>Caf\xC3\xA9 crime: <b>&minus;25%</b>\r\n(decrease of 39 offences, "
                         "from 163 to 122).</p>");
    assert_int_equal(kpi_audit_count(a), 2);
    /* "<p>Café crime: <b>" is 18 characters. */
    assert_claim(a, 0, KPI_AUDIT_PCT_CHANGE, "-25%", KPI_AUDIT_CONSISTENT, NULL);
    assert_int_equal(kpi_audit_at(a, 0)->line, 1);
    assert_int_equal(kpi_audit_at(a, 0)->column, 19);
    assert_claim(a, 1, KPI_AUDIT_CHANGE, "-39", KPI_AUDIT_ERROR, NULL);
    assert_int_equal(kpi_audit_at(a, 1)->line, 2);
    assert_int_equal(kpi_audit_at(a, 1)->column, 2);
    kpi_audit_free(a);
}

/* Text that is not UTF-8, and binary files, are refused at the byte. */
static void
test_audit_bad_bytes(void **state)
{
    (void)state;
    kpi_error err;
    kpi_audit *a = kpi_audit_new(NULL, &err);
    assert_int_equal(kpi_audit_text(a, "r.txt", "ok\nab\xFF", 6, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 2, 3, "expected UTF-8 text, found the byte 0xFF");
    assert_string_equal(err.source, "r.txt");
    assert_int_equal(kpi_audit_text(a, "r.bin", "a\0b", 3, &err), KPI_EVALUE);
    assert_error(&err, KPI_EVALUE, 1, 2, "binary file");
    /* An overlong encoding of '/' is no UTF-8. */
    assert_int_equal(kpi_audit_text(a, "r.txt", "\xC0\xAF", 2, &err), KPI_EVALUE);
    assert_int_equal(kpi_audit_file(a, "/nonexistent/report.txt", &err), KPI_EIO);
    assert_string_equal(err.source, "/nonexistent/report.txt");
    assert_int_equal(kpi_audit_count(a), 0);
    kpi_audit_free(a);
}

/* The writers: compiler-style lines and a table. */
static void
test_audit_writers(void **state)
{
    (void)state;
    kpi_audit *a = audit("Homicide: -25% (decrease of 39 offences, from 163 to 122). Robbery rose "
                         "4%.");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    kpi_error err;
    assert_int_equal(kpi_audit_write_text(a, fp, false, &err), KPI_OK);
    fclose(fp);
    assert_string_equal(buf, "r.txt:1:17: error: \"decrease of 39\" but 163 to 122 is a decrease "
                             "of 41\nr.txt:1:68: note: \"rose 4%\": no from and to figures in the "
                             "sentence to check it against\n3 claims checked: 1 consistent, 1 "
                             "error, 1 unverified\n");
    free(buf);
    fp = open_memstream(&buf, &len);
    assert_int_equal(kpi_audit_write_table(a, fp, KPI_FORMAT_CSV, &err), KPI_OK);
    fclose(fp);
    assert_non_null(strstr(buf, "file,line,column,text,kind,stated,computed,verdict,reason\n"
                                "r.txt,1,11,-25%,pct_change,-25%,-25.2%,consistent,\n"));
    free(buf);
    kpi_audit_free(a);
}

/* Every allocation failure is KPI_ENOMEM, keeps no claim and leaks
 * nothing. */
static void
test_audit_out_of_memory(void **state)
{
    (void)state;
    const char *t = "Homicide: -25% (decrease of 39 offences, from 163 to 122).\n\n"
                    "Calls took 9.5 seconds, within the target of 10 seconds.";
    kpi_error err;
    kpi_status st = KPI_ENOMEM;
    long n;
    for (n = 0; st == KPI_ENOMEM && n < 1000; n++) {
        kpi_audit *a = kpi_audit_new(NULL, &err);
        if (!a)
            continue;
        kpi_alloc_fail_after(n);
        st = kpi_audit_text(a, "r.txt", t, strlen(t), &err);
        kpi_alloc_fail_after(-1);
        if (st == KPI_ENOMEM)
            assert_int_equal(kpi_audit_count(a), 0);
        else
            assert_int_equal(kpi_audit_count(a), 3);
        kpi_audit_free(a);
    }
    assert_int_equal(st, KPI_OK);
    assert_true(n > 3);
}

/* The verdict's word before the value: the claim runs from the value to
 * the target, never backwards (fuzz_audit found the inverted span, which
 * overflowed the claim's text). */
static void
test_audit_verdict_before_value(void **state)
{
    (void)state;
    kpi_audit *a = audit("Met,2 target of 1.");
    assert_int_equal(kpi_audit_count(a), 1);
    assert_claim(a, 0, KPI_AUDIT_TARGET, "met", KPI_AUDIT_UNVERIFIED, "\"Met\"");
    assert_string_equal(kpi_audit_at(a, 0)->text, "2 target of 1");
    assert_int_equal(kpi_audit_at(a, 0)->column, 5);
    kpi_audit_free(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audit_number_plain_forms),
        cmocka_unit_test(test_audit_number_unicode_signs),
        cmocka_unit_test(test_audit_number_words_and_units),
        cmocka_unit_test(test_audit_numbers_that_are_no_quantity),
        cmocka_unit_test(test_audit_periods),
        cmocka_unit_test(test_audit_sentence_across_line_breaks),
        cmocka_unit_test(test_audit_sentence_abbreviations),
        cmocka_unit_test(test_audit_sentence_blocks),
        cmocka_unit_test(test_audit_pct_and_change_with_from_to),
        cmocka_unit_test(test_audit_reduction_of_with_fewer),
        cmocka_unit_test(test_audit_fewer_with_down_from),
        cmocka_unit_test(test_audit_to_from_order),
        cmocka_unit_test(test_audit_percentage_tolerance),
        cmocka_unit_test(test_audit_percentage_points),
        cmocka_unit_test(test_audit_absolute_change_and_direction),
        cmocka_unit_test(test_audit_direction_word),
        cmocka_unit_test(test_audit_lone_change_is_unverified),
        cmocka_unit_test(test_audit_target_verdict),
        cmocka_unit_test(test_audit_target_within_exceeded_silent),
        cmocka_unit_test(test_audit_target_respectively),
        cmocka_unit_test(test_audit_no_claim),
        cmocka_unit_test(test_audit_long_quote_stays_utf8),
        cmocka_unit_test_setup_teardown(test_audit_data_change, setup_data, teardown_data),
        cmocka_unit_test_setup_teardown(test_audit_data_levels, setup_data, teardown_data),
        cmocka_unit_test_setup_teardown(test_audit_data_target, setup_data, teardown_data),
        cmocka_unit_test(test_audit_positions),
        cmocka_unit_test(test_audit_verdict_before_value),
        cmocka_unit_test(test_audit_bad_bytes),
        cmocka_unit_test(test_audit_writers),
        cmocka_unit_test(test_audit_out_of_memory),
    };
    return kpi_test_run(tests);
}
