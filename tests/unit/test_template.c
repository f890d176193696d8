/* Tests of text templates: placeholders, filters, escapes and located errors. */
#include "harness.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kpi/template.h"

/* A resolver over a few fixed figures, counting the side effects a chart
 * would have outside the checking pass. */
typedef struct fixture {
    int writes; /* charts "written" (check == false) */
    int checks; /* placeholders seen with check == true */
} fixture;

static kpi_status
resolve(void *ud, const kpi_template_ref *r, kpi_template_out *out, kpi_error *err)
{
    fixture *fx = ud;
    if (r->check)
        fx->checks++;
    if (strcmp(r->kind, "table") == 0)
        return kpi_template_out_markup(out, "| a |\n|---|\n", 12, KPI_ESCAPE_MD);
    if (strcmp(r->kind, "chart") == 0) {
        char name[128];
        snprintf(name, sizeof name, "%s-%s.png", r->args[0], r->n_args > 1 ? r->args[1] : "line");
        if (!r->check)
            fx->writes++;
        return kpi_template_out_file(out, name, strlen(name));
    }
    if (r->kind[0])
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->column, "unknown kind '%s'", r->kind);
    if (strcmp(r->name, "knife_crime") != 0 && strcmp(r->name, "homicide") != 0)
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->name_column, "unknown indicator '%s'",
                             r->name);
    bool kc = r->name[0] == 'k';
    if (strcmp(r->field, "value") == 0) {
        kpi_template_out_number(out, kc ? 14852 : 122, 0);
    } else if (strcmp(r->field, "pct_change") == 0) {
        kpi_template_out_number(out, kc ? 100.0 * 86 / 14766 : -100.0 * 41 / 163, 1);
    } else if (strcmp(r->field, "change") == 0) {
        kpi_template_out_number(out, kc ? 86 : -41, 0);
    } else if (strcmp(r->field, "zero") == 0) {
        kpi_template_out_number(out, 0.04, 1);
    } else if (strcmp(r->field, "big") == 0) {
        kpi_template_out_number(out, 1234567.25, -1);
    } else if (strcmp(r->field, "label") == 0) {
        return kpi_template_out_text(out, kc ? "Knife crime" : "Homicide", kc ? 11 : 8);
    } else if (strcmp(r->field, "tag") == 0) {
        return kpi_template_out_text(out, "<b>A & B</b> 5%", 15);
    } else if (strcmp(r->field, "empty") == 0) {
        return kpi_template_out_text(out, "", 0);
    } else if (strcmp(r->field, "target") == 0) {
        return kpi_template_out_missing(out, "n/a");
    } else {
        return kpi_error_set(err, KPI_EINVAL, NULL, 0, r->field_column,
                             "unknown field '%s' of '%s' (expected value, pct_change, ...)",
                             r->field, r->name);
    }
    return KPI_OK;
}

/* Expand text with values escaped for e; returns the output (caller
 * frees). */
static char *
expand_escaped(const char *text, kpi_escape e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    fixture fx = {0};
    kpi_error err;
    kpi_template *t = kpi_template_parse(text, strlen(text), "report", &err);
    assert_non_null(t);
    kpi_template_set_escape(t, e);
    assert_int_equal(kpi_template_write(t, resolve, &fx, out, &err), KPI_OK);
    kpi_template_free(t);
    fclose(out);
    return buf;
}

static void
assert_escaped(const char *text, kpi_escape e, const char *want)
{
    char *got = expand_escaped(text, e);
    assert_string_equal(got, want);
    free(got);
}

/* Issue 10: every value is escaped for the output's format, after the
 * filters (a number's separators and percent sign too); the template's
 * own text never is; markup in the output's format and plain file names
 * are written as they are. */
static void
test_template_escape_values(void **state)
{
    (void)state;
    const char *html = "<p title=\"{{knife_crime.tag}}\">{{knife_crime.tag|upper}}</p>";
    assert_escaped(
        html, KPI_ESCAPE_HTML,
        "<p title=\"&lt;b&gt;A &amp; B&lt;/b&gt; 5%\">&lt;B&gt;A &amp; B&lt;/B&gt; 5%</p>");
    assert_escaped(html, KPI_ESCAPE_NONE, "<p title=\"<b>A & B</b> 5%\"><B>A & B</B> 5%</p>");
    assert_escaped("\\textbf{{{knife_crime.pct_change|signed|percent}}} {{knife_crime.tag}}",
                   KPI_ESCAPE_LATEX,
                   "\\textbf{+0.6\\%} \\textless{}b\\textgreater{}A \\& "
                   "B\\textless{}/b\\textgreater{} 5\\%");
    assert_escaped("{{knife_crime.label}},{{knife_crime.value|thousands}},{{homicide.change}}",
                   KPI_ESCAPE_CSV, "Knife crime,\"14,852\",-41");
    assert_escaped("{\"v\": \"{{knife_crime.tag}}\"}", KPI_ESCAPE_JSON,
                   "{\"v\": \"<b>A & B</b> 5%\"}");
    /* A missing value's text and a default's text are values too. */
    assert_escaped("{{homicide.target|default:<none>}} {{homicide.target}}", KPI_ESCAPE_HTML,
                   "&lt;none&gt; n/a");
    /* The Markdown table: as it is in Markdown, as text in HTML. */
    assert_escaped("{{table:summary}}", KPI_ESCAPE_MD, "| a |\n|---|\n");
    assert_escaped("{{table:summary}}", KPI_ESCAPE_LATEX,
                   "\\textbar{} a \\textbar{}\n\\textbar{}---\\textbar{}\n");
    /* A chart's file name stays a name the output can find. */
    assert_escaped("\\includegraphics{{{chart:knife_crime:line}}}", KPI_ESCAPE_LATEX,
                   "\\includegraphics{knife_crime-line.png}");
    assert_escaped("![x]({{chart:knife_crime:line}})", KPI_ESCAPE_MD, "![x](knife_crime-line.png)");
    assert_escaped("<img src=\"{{chart:a<b:line}}\">", KPI_ESCAPE_HTML,
                   "<img src=\"a&lt;b-line.png\">");
}

/* Expand text; returns the output (caller frees) and the status. */
static char *
expand(const char *text, kpi_status *st, kpi_error *err, fixture *fx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    fixture local = {0};
    *st = kpi_template_expand(text, strlen(text), "report.md", resolve, fx ? fx : &local, out, err);
    fclose(out);
    return buf;
}

static void
assert_expands(const char *text, const char *want)
{
    kpi_error err;
    kpi_status st;
    char *got = expand(text, &st, &err, NULL);
    if (st != KPI_OK)
        fail_msg("%s:%lu:%lu: %s", err.source, err.line, err.column, err.message);
    assert_string_equal(got, want);
    free(got);
}

/* Expansion fails at line:column with a message containing needle, and
 * writes nothing. */
static void
assert_fails(const char *text, unsigned long line, unsigned long col, const char *needle)
{
    kpi_error err;
    kpi_status st;
    char *got = expand(text, &st, &err, NULL);
    assert_int_equal(st, KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, line, col, needle);
    assert_string_equal(err.source, "report.md");
    assert_string_equal(got, "");
    free(got);
}

/* Text without placeholders, stray braces included, is copied unchanged. */
static void
test_template_plain_text_unchanged(void **state)
{
    (void)state;
    assert_expands("", "");
    assert_expands("# Q4 {a} }} { x\n\\n \\ end", "# Q4 {a} }} { x\n\\n \\ end");
}

/* A number prints with the resolver's decimals, rounded half away from zero. */
static void
test_template_number_default_decimals(void **state)
{
    (void)state;
    assert_expands("{{knife_crime.value}} and {{knife_crime.pct_change}}%", "14852 and 0.6%");
    assert_expands("{{homicide.pct_change}}", "-25.2");
}

/* |decimals:N re-rounds; |thousands adds separators. */
static void
test_template_decimals_and_thousands(void **state)
{
    (void)state;
    assert_expands("{{knife_crime.pct_change|decimals:3}}", "0.582");
    assert_expands("{{knife_crime.pct_change|decimals:0}}", "1");
    assert_expands("{{homicide.pct_change|decimals:0}}", "-25");
    assert_expands("{{knife_crime.value|thousands}}", "14,852");
    assert_expands("{{knife_crime.value|thousands|decimals:1}}", "14,852.0");
    assert_expands("{{knife_crime.big|thousands}}", "1,234,567.25");
    assert_expands("{{knife_crime.big}}", "1234567.25");
}

/* |signed puts '+' before a positive figure only; |abs drops the sign; |percent appends '%'. */
static void
test_template_signed_abs_percent(void **state)
{
    (void)state;
    assert_expands("{{knife_crime.pct_change|signed|percent}}", "+0.6%");
    assert_expands("{{homicide.pct_change|signed|percent}}", "-25.2%");
    assert_expands("{{knife_crime.zero|signed}}", "0.0");
    assert_expands("{{homicide.change|abs}} fewer", "41 fewer");
    assert_expands("{{homicide.change|abs|signed}}", "+41");
    assert_expands("{{knife_crime.change|signed}}", "+86");
}

/* |upper and |lower change letters of texts and of numbers' text. */
static void
test_template_upper_lower(void **state)
{
    (void)state;
    assert_expands("{{knife_crime.label|upper}} / {{knife_crime.label|lower}}",
                   "KNIFE CRIME / knife crime");
    assert_expands("{{knife_crime.pct_change|signed|upper}}", "+0.6");
}

/* A missing value shows the resolver's text, numeric filters pass it by, |default replaces it. */
static void
test_template_missing_and_default(void **state)
{
    (void)state;
    assert_expands("{{homicide.target}}", "n/a");
    assert_expands("{{homicide.target|decimals:1|thousands}}", "n/a");
    assert_expands("{{homicide.target|default:no target set}}", "no target set");
    assert_expands("{{homicide.target|default:}}", "");
    assert_expands("[{{homicide.empty|default:none}}]", "[none]");
    assert_expands("{{homicide.value|default:none}}", "122");
    assert_expands("{{homicide.target|upper}}", "N/A");
}

/* {{kind:arg...}} hands the kind and its arguments to the resolver. */
static void
test_template_kinds(void **state)
{
    (void)state;
    fixture fx = {0};
    kpi_error err;
    kpi_status st;
    char *got = expand("A\n{{table:summary}}B ![chart]({{ chart : knife_crime : yoy }})\n", &st,
                       &err, &fx);
    assert_int_equal(st, KPI_OK);
    assert_string_equal(got, "A\n| a |\n|---|\nB ![chart](knife_crime-yoy.png)\n");
    assert_int_equal(fx.writes, 1);
    assert_int_equal(fx.checks, 2);
    free(got);
}

/* Spaces and tabs around every part of a placeholder are ignored. */
static void
test_template_whitespace_inside_braces(void **state)
{
    (void)state;
    assert_expands("{{ knife_crime.value }}|{{\tknife_crime . value | thousands\t}}|"
                   "{{knife_crime.pct_change | decimals : 2 | signed }}",
                   "14852|14,852|+0.58");
}

/* \{{ is a literal "{{"; \\{{ is a backslash and a placeholder; {{{x}}} keeps the outer braces. */
static void
test_template_escapes(void **state)
{
    (void)state;
    assert_expands("\\{{knife_crime.value}}", "{{knife_crime.value}}");
    assert_expands("\\\\{{knife_crime.value}}", "\\14852");
    assert_expands("\\\\\\{{x}}", "\\{{x}}");
    assert_expands("\\textbf{{{knife_crime.value|thousands}}}", "\\textbf{14,852}");
    assert_expands("a\\b \\}} c", "a\\b \\}} c");
}

/* The parsed template lists its placeholders with kinds, names, fields and columns. */
static void
test_template_refs_and_columns(void **state)
{
    (void)state;
    const char *text = "x\n  {{ knife_crime.value|thousands }} {{chart:homicide:line:London}}";
    kpi_error err;
    kpi_template *t = kpi_template_parse(text, strlen(text), "r.md", &err);
    assert_non_null(t);
    assert_int_equal(kpi_template_count(t), 2);
    const kpi_template_ref *r = kpi_template_at(t, 0);
    assert_string_equal(r->kind, "");
    assert_string_equal(r->name, "knife_crime");
    assert_string_equal(r->field, "value");
    assert_int_equal(r->line, 2);
    assert_int_equal(r->column, 3);
    assert_int_equal(r->name_column, 6);
    assert_int_equal(r->field_column, 18);
    assert_false(r->check);
    r = kpi_template_at(t, 1);
    assert_string_equal(r->kind, "chart");
    assert_int_equal(r->n_args, 3);
    assert_string_equal(r->name, "homicide");
    assert_string_equal(r->args[1], "line");
    assert_string_equal(r->args[2], "London");
    assert_int_equal(r->column, 37);
    assert_int_equal(r->arg_columns[2], 59);
    kpi_template_free(t);
}

/* An unknown indicator is an error at its name's line and column. */
static void
test_template_error_unknown_indicator(void **state)
{
    (void)state;
    assert_fails("# Title\n\nKnife: {{knife_crime.value}}, guns: {{ gun_crime.value }}\n", 3, 40,
                 "unknown indicator 'gun_crime'");
}

/* An unknown field is an error at the field. */
static void
test_template_error_unknown_field(void **state)
{
    (void)state;
    kpi_error err;
    kpi_status st;
    char *got = expand("a\nb\n\n    {{knife_crime.valu}}", &st, &err, NULL);
    assert_int_equal(st, KPI_EINVAL);
    char msg[600];
    kpi_error_format(&err, msg, sizeof msg);
    assert_string_equal(msg, "report.md:4:19: unknown field 'valu' of 'knife_crime' (expected "
                             "value, pct_change, ...)");
    free(got);
}

/* An unknown filter is an error at the filter's name, found before anything is resolved. */
static void
test_template_error_unknown_filter(void **state)
{
    (void)state;
    kpi_error err;
    const char *text = "{{knife_crime.value}}\n{{knife_crime.value | thousands | decimls:1}}";
    assert_null(kpi_template_parse(text, strlen(text), "report.md", &err));
    assert_error(&err, KPI_EINVAL, 2, 35,
                 "unknown filter 'decimls' (expected decimals, thousands, signed, abs, percent, "
                 "upper, lower or default)");
}

/* A numeric filter on a text is an error at that filter. */
static void
test_template_error_numeric_filter_on_text(void **state)
{
    (void)state;
    assert_fails("ok {{knife_crime.label|upper|thousands}}", 1, 30,
                 "filter 'thousands' needs a number, but 'knife_crime.label' is text");
    assert_fails("{{knife_crime.pct_change|upper|decimals:1}}", 1, 32,
                 "filter 'decimals' needs a number, but 'knife_crime.pct_change' is text");
}

/* A "{{" with no "}}" on its line is an error at the braces. */
static void
test_template_error_unterminated(void **state)
{
    (void)state;
    assert_fails("one\ntwo {{knife_crime.value\n}}", 2, 5,
                 "unterminated placeholder: '{{' with no '}}' on its line");
    assert_fails("end {{", 1, 5, "unterminated placeholder");
}

/* An empty name, field, kind argument or filter is an error where it should be. */
static void
test_template_error_empty_parts(void **state)
{
    (void)state;
    assert_fails("x {{ }}", 1, 6, "empty name in a placeholder");
    assert_fails("x {{.value}}", 1, 5, "empty name in a placeholder");
    assert_fails("x {{knife_crime.}}", 1, 17, "empty field in a placeholder");
    assert_fails("x {{chart::line}}", 1, 11, "empty argument in a placeholder");
    assert_fails("x {{ :a}}", 1, 6, "empty kind in a placeholder");
    assert_fails("x {{knife_crime.value||thousands}}", 1, 23, "empty filter after '|'");
    assert_fails("x {{knife_crime.value|}}", 1, 23, "empty filter after '|'");
}

/* Filter arguments are checked: decimals needs 0-15, others take none, default needs ':'. */
static void
test_template_error_filter_arguments(void **state)
{
    (void)state;
    assert_fails("{{knife_crime.value|decimals}}", 1, 21,
                 "filter 'decimals' needs a number of places, as in decimals:1");
    assert_fails("{{knife_crime.value|decimals:x1}}", 1, 30,
                 "filter 'decimals': expected 0 to 15 places, found 'x1'");
    assert_fails("{{knife_crime.value|decimals:16}}", 1, 30, "found '16'");
    assert_fails("{{knife_crime.value|thousands:3}}", 1, 31,
                 "filter 'thousands' takes no argument, found ':3'");
    assert_fails("{{knife_crime.value|default}}", 1, 21,
                 "filter 'default' needs a text, as in default:n/a");
}

/* A brace inside a placeholder is an error at the brace. */
static void
test_template_error_brace_inside(void **state)
{
    (void)state;
    assert_fails("{{knife{crime.value}}", 1, 8, "unexpected '{' in a placeholder");
    assert_fails("{{knife}crime.value}}", 1, 8, "unexpected '}' in a placeholder");
}

/* Columns count UTF-8 characters, not bytes. */
static void
test_template_error_column_counts_characters(void **state)
{
    (void)state;
    assert_fails("£101 – {{robbery.value}}", 1, 10, "unknown indicator 'robbery'");
}

/* Columns stay right on a long line of placeholders (they are counted on
 * from the last one, item 12 of issue 10), and on the next line. */
static void
test_template_columns_on_long_lines(void **state)
{
    (void)state;
    enum { N = 2000 };
    const char *one = "{{knife_crime.value|thousands}} é "; /* 35 bytes, 34 characters */
    size_t size = N * strlen(one) + 64;
    char *text = malloc(size);
    assert_non_null(text);
    text[0] = '\0';
    for (int i = 0; i < N; i++)
        strcat(text, one);
    strcat(text, "{{knife_crime.value|nosuch}}");
    kpi_error err;
    assert_null(kpi_template_parse(text, strlen(text), "t", &err));
    /* The filter's name: after N placeholders and "{{knife_crime.value|". */
    assert_error(&err, KPI_EINVAL, 1, N * 34 + 21, "unknown filter 'nosuch'");
    strcpy(text + N * strlen(one), "\n é {{x.value|decimals:99}}");
    assert_null(kpi_template_parse(text, strlen(text), "t", &err));
    assert_error(&err, KPI_EINVAL, 2, 23, "expected 0 to 15 places");
    /* An empty name is placed at the '|' that ends it. */
    assert_fails("{{knife_crime.value}} é {{ |upper}}", 1, 28, "empty name");
    free(text);
}

/* Every placeholder is checked before anything is written or any chart made. */
static void
test_template_error_nothing_written(void **state)
{
    (void)state;
    fixture fx = {0};
    kpi_error err;
    kpi_status st;
    char *got = expand("{{chart:knife_crime:line}}\n{{knife_crime.value}}\n{{knife_crime.nope}}\n",
                       &st, &err, &fx);
    assert_int_equal(st, KPI_EINVAL);
    assert_error(&err, KPI_EINVAL, 3, 15, "unknown field 'nope'");
    assert_string_equal(got, "");
    assert_int_equal(fx.writes, 0);
    assert_int_equal(fx.checks, 3);
    free(got);
}

/* Every allocation failure while parsing is KPI_ENOMEM and leaks nothing. */
static void
test_template_parse_out_of_memory(void **state)
{
    (void)state;
    const char *text = "a {{x.y|decimals:1|default:n/a}} b {{chart:k:line}} \\{{ c {{z}}";
    for (long n = 0;; n++) {
        kpi_error err;
        kpi_alloc_fail_after(n);
        kpi_template *t = kpi_template_parse(text, strlen(text), "t.md", &err);
        kpi_alloc_fail_after(-1);
        if (t) {
            assert_int_equal(kpi_template_count(t), 3);
            kpi_template_free(t);
            break;
        }
        assert_int_equal(err.code, KPI_ENOMEM);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_plain_text_unchanged),
        cmocka_unit_test(test_template_number_default_decimals),
        cmocka_unit_test(test_template_decimals_and_thousands),
        cmocka_unit_test(test_template_signed_abs_percent),
        cmocka_unit_test(test_template_upper_lower),
        cmocka_unit_test(test_template_missing_and_default),
        cmocka_unit_test(test_template_kinds),
        cmocka_unit_test(test_template_whitespace_inside_braces),
        cmocka_unit_test(test_template_escapes),
        cmocka_unit_test(test_template_escape_values),
        cmocka_unit_test(test_template_refs_and_columns),
        cmocka_unit_test(test_template_error_unknown_indicator),
        cmocka_unit_test(test_template_error_unknown_field),
        cmocka_unit_test(test_template_error_unknown_filter),
        cmocka_unit_test(test_template_error_numeric_filter_on_text),
        cmocka_unit_test(test_template_error_unterminated),
        cmocka_unit_test(test_template_error_empty_parts),
        cmocka_unit_test(test_template_error_filter_arguments),
        cmocka_unit_test(test_template_error_brace_inside),
        cmocka_unit_test(test_template_error_column_counts_characters),
        cmocka_unit_test(test_template_columns_on_long_lines),
        cmocka_unit_test(test_template_error_nothing_written),
        cmocka_unit_test(test_template_parse_out_of_memory),
    };
    return kpi_test_run(tests);
}
