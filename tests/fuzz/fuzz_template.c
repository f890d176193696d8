/* Templates: any text either parses or is refused with a located
 * KPI_EINVAL; a parsed template is checked and written through a resolver
 * that answers every kind of value (numbers at the edges of kpi's range,
 * texts, Markdown markup, file names, missing values, unknown names), so
 * the filters run on all of them, with values escaped for a format picked
 * by the input's length.  Escaped for HTML, a template without '<' gives
 * an output without '<', whatever the values hold. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static kpi_status
resolve(void *ud, const kpi_template_ref *ref, kpi_template_out *out, kpi_error *err)
{
    (void)ud;
    size_t h = strlen(ref->name) * 31 + strlen(ref->field) * 7 + ref->n_args;
    static const double numbers[] = {0.0,
                                     -0.5,
                                     14766.0,
                                     999999999999999.0,
                                     -999999999999999.0,
                                     1e-15,
                                     1.999999999999998e15,
                                     9.99999999999999e31};
    switch (h % 7) {
    case 0: kpi_template_out_number(out, numbers[h / 5 % 8], (int)(h / 40 % 17) - 1); return KPI_OK;
    case 1: return kpi_template_out_text(out, ref->name, strlen(ref->name));
    case 2: return kpi_template_out_missing(out, h % 2 ? "n/a" : NULL);
    case 3: return kpi_template_out_text(out, "<b>£</b>", 10);
    case 4: return kpi_template_out_markup(out, "| <i>a</i> |\n|---|\n", 18, KPI_ESCAPE_MD);
    case 5: return kpi_template_out_file(out, ref->name, strlen(ref->name));
    default: return kpi_error_set(err, KPI_EINVAL, NULL, 0, 0, "unknown name '%s'", ref->name);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *sink = fuzz_sink();
    kpi_error err;
    kpi_error_clear(&err);
    kpi_template *t = kpi_template_parse((const char *)data, size, "t.md", &err);
    if (!t) {
        FUZZ_CHECK(err.code == KPI_EINVAL || err.code == KPI_ENOMEM);
        FUZZ_CHECK(err.line >= 1 && err.column >= 1);
        return 0;
    }
    for (size_t i = 0; i < kpi_template_count(t); i++) {
        const kpi_template_ref *r = kpi_template_at(t, i);
        FUZZ_CHECK(r->line >= 1 && r->column >= 1 && r->n_args <= KPI_TEMPLATE_MAX_ARGS);
    }
    kpi_escape escape = (kpi_escape)(size % KPI_ESCAPE_LAST);
    kpi_template_set_escape(t, escape);
    bool check_html = escape == KPI_ESCAPE_HTML && !memchr(data, '<', size);
    char *text = NULL;
    size_t len = 0;
    FILE *out = check_html ? open_memstream(&text, &len) : sink;
    FUZZ_CHECK(out != NULL);
    kpi_status st = kpi_template_write(t, resolve, NULL, out, &err);
    FUZZ_CHECK(st == KPI_OK || st == KPI_EINVAL || st == KPI_EVALUE);
    if (check_html) {
        fclose(out);
        FUZZ_CHECK(st != KPI_OK || !memchr(text, '<', len));
        free(text);
    }
    kpi_template_free(t);
    return 0;
}
