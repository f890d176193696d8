/* Tests of escaping for HTML, LaTeX, Markdown, CSV and JSON: exact texts,
 * the snprintf-like length, and the names and extensions of formats. */
#include "harness.h"

#include <string.h>

#include "kpi/escape.h"

/* One text escaped for one format, with the exact result. */
static const struct {
    kpi_escape e;
    const char *in, *want;
} texts[] = {
    /* HTML: the five characters of markup as entities, everything else
     * kept. */
    {KPI_ESCAPE_HTML, "<script>alert('x')</script>",
     "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
    {KPI_ESCAPE_HTML, "Tom & \"Jerry\"", "Tom &amp; &quot;Jerry&quot;"},
    {KPI_ESCAPE_HTML, "Café 12%", "Café 12%"},
    {KPI_ESCAPE_HTML, "", ""},
    /* LaTeX: the ten specials and < > | print as themselves. */
    {KPI_ESCAPE_LATEX, "12% & 50_off #1 $5 {x}", "12\\% \\& 50\\_off \\#1 \\$5 \\{x\\}"},
    {KPI_ESCAPE_LATEX, "a\\b~c^d", "a\\textbackslash{}b\\textasciitilde{}c\\textasciicircum{}d"},
    {KPI_ESCAPE_LATEX, "<= |", "\\textless{}= \\textbar{}"},
    {KPI_ESCAPE_LATEX, "-25.2", "-25.2"},
    /* Markdown: markup escaped where CommonMark would read it, and no
     * more. */
    {KPI_ESCAPE_MD, "<script>", "\\<script>"},
    {KPI_ESCAPE_MD, "</b>", "\\</b>"},
    {KPI_ESCAPE_MD, "<= 30", "<= 30"},
    {KPI_ESCAPE_MD, "A & B &amp; &#60;", "A & B \\&amp; \\&#60;"},
    {KPI_ESCAPE_MD, "knife_crime", "knife_crime"},
    {KPI_ESCAPE_MD, "_x_ and x_", "\\_x\\_ and x\\_"},
    {KPI_ESCAPE_MD, "*bold* a * b", "\\*bold\\* a * b"},
    {KPI_ESCAPE_MD, "[link](u) a|b `c` ~d~ \\", "\\[link\\](u) a\\|b \\`c\\` \\~d\\~ \\\\"},
    {KPI_ESCAPE_MD, "# title", "\\# title"},
    {KPI_ESCAPE_MD, "a # b", "a # b"},
    {KPI_ESCAPE_MD, "- item", "\\- item"},
    {KPI_ESCAPE_MD, "-25.2", "-25.2"},
    {KPI_ESCAPE_MD, "+0.6", "+0.6"},
    {KPI_ESCAPE_MD, "> quote", "\\> quote"},
    {KPI_ESCAPE_MD, "two\r\nlines\nthree", "two lines three"},
    /* CSV: one RFC 4180 field. */
    {KPI_ESCAPE_CSV, "14,852", "\"14,852\""},
    {KPI_ESCAPE_CSV, "say \"hi\"", "\"say \"\"hi\"\"\""},
    {KPI_ESCAPE_CSV, "two\nlines", "\"two\nlines\""},
    {KPI_ESCAPE_CSV, " padded", "\" padded\""},
    {KPI_ESCAPE_CSV, "plain", "plain"},
    {KPI_ESCAPE_CSV, "", ""},
    /* JSON: the inside of a string; control characters as escapes. */
    {KPI_ESCAPE_JSON, "a \"b\" \\ c", "a \\\"b\\\" \\\\ c"},
    {KPI_ESCAPE_JSON, "t\tn\nr\r\x01\x7f", "t\\tn\\nr\\r\\u0001\\u007f"},
    {KPI_ESCAPE_JSON, "</script> é", "</script> é"},
    /* none: every byte as it is. */
    {KPI_ESCAPE_NONE, "<b>&%_", "<b>&%_"},
};

/* Each text escaped whole, and measured alone to the same length. */
static void
test_escape_texts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char buf[512];
        size_t len = strlen(texts[i].in);
        size_t n = kpi_escape_text(texts[i].e, texts[i].in, len, buf, sizeof buf);
        assert_string_equal(buf, texts[i].want);
        assert_int_equal(n, strlen(texts[i].want));
        assert_int_equal(kpi_escape_text(texts[i].e, texts[i].in, len, NULL, 0), n);
    }
}

/* none: NULs are kept too. */
static void
test_escape_none_nul(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(kpi_escape_text(KPI_ESCAPE_NONE, "a\0b", 3, buf, sizeof buf), 3);
    assert_memory_equal(buf, "a\0b", 4);
}

/* A buffer too small holds the start, NUL-terminated, and the full length
 * is returned, as snprintf does. */
static void
test_escape_truncates(void **state)
{
    (void)state;
    char buf[6];
    assert_int_equal(kpi_escape_text(KPI_ESCAPE_HTML, "a<b>c", 5, buf, sizeof buf), 11);
    assert_string_equal(buf, "a&lt;");
    buf[0] = 'x';
    assert_int_equal(kpi_escape_text(KPI_ESCAPE_HTML, "abc", 3, buf, 1), 3);
    assert_int_equal(buf[0], '\0');
}

/* Names and aliases; an unknown name is refused with the list. */
static void
test_escape_parse(void **state)
{
    (void)state;
    kpi_escape e = KPI_ESCAPE_NONE;
    kpi_error err;
    assert_int_equal(kpi_escape_parse("markdown", &e, &err), KPI_OK);
    assert_int_equal(e, KPI_ESCAPE_MD);
    assert_int_equal(kpi_escape_parse("TeX", &e, &err), KPI_OK);
    assert_int_equal(e, KPI_ESCAPE_LATEX);
    assert_int_equal(kpi_escape_parse("none", &e, &err), KPI_OK);
    assert_int_equal(e, KPI_ESCAPE_NONE);
    assert_int_equal(kpi_escape_parse("rtf", &e, &err), KPI_EINVAL);
    assert_string_equal(err.message,
                        "expected an escape of none, html, latex, md, csv or json, found 'rtf'");
    assert_int_equal(e, KPI_ESCAPE_NONE);
    for (int k = 0; k < KPI_ESCAPE_LAST; k++) {
        assert_int_equal(kpi_escape_parse(kpi_escape_name((kpi_escape)k), &e, NULL), KPI_OK);
        assert_int_equal(e, k);
    }
}

/* The format a path's extension names; no extension or another: false. */
static void
test_escape_for_path(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        bool known;
        kpi_escape e;
    } cases[] = {
        {"report.html", true, KPI_ESCAPE_HTML},
        {"a/b.HTM", true, KPI_ESCAPE_HTML},
        {"x.svg", true, KPI_ESCAPE_HTML},
        {"paper.tex", true, KPI_ESCAPE_LATEX},
        {"r.md", true, KPI_ESCAPE_MD},
        {"r.markdown", true, KPI_ESCAPE_MD},
        {"t.csv", true, KPI_ESCAPE_CSV},
        {"t.json", true, KPI_ESCAPE_JSON},
        {"notes.txt", true, KPI_ESCAPE_NONE},
        {"report", false, KPI_ESCAPE_LAST},
        {"dir.html/report", false, KPI_ESCAPE_LAST},
        {"r.tmpl", false, KPI_ESCAPE_LAST},
        {"r.none", false, KPI_ESCAPE_LAST},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        kpi_escape e = KPI_ESCAPE_LAST;
        assert_int_equal(kpi_escape_for_path(cases[i].path, &e), cases[i].known);
        assert_int_equal(e, cases[i].e);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_texts),     cmocka_unit_test(test_escape_none_nul),
        cmocka_unit_test(test_escape_truncates), cmocka_unit_test(test_escape_parse),
        cmocka_unit_test(test_escape_for_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
