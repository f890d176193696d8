/* The audit reader: any text is either refused with a located status or
 * read into claims, each located inside the text with a kind, a verdict
 * and its strings, and written as text and as CSV, JSON and Markdown
 * tables.  The first byte picks whether the claims are checked against a
 * small store and its metadata (the Met figures' shape), and whether a
 * reporting period is given. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"

static const char figures[] = "indicator,area,period,value\n"
                              "homicide,London,2017-18,163\n"
                              "homicide,London,2018-19,122\n"
                              "knife_crime,London,2017-18,\"14,766\"\n"
                              "knife_crime,London,2018-19,\"14,852\"\n"
                              "response,London,2017-18,30.2\n"
                              "response,London,2018-19,29.4\n";

static const char labels[] = "indicator,label,unit,better,target,target_op,aliases\n"
                             "homicide,Homicide,offences,down,,,homicides\n"
                             "knife_crime,Knife crime,offences,down,,,knife crime\n"
                             "response,Response time,seconds,down,30,<=,response times\n";

/* The store and metadata, read once and kept for the process. */
static void
data(const kpi_store **store, const kpi_meta **meta)
{
    static kpi_store *s;
    static kpi_meta *m;
    if (!s) {
        kpi_error err;
        FILE *fp = fmemopen((void *)figures, sizeof figures - 1, "r");
        FILE *mp = fmemopen((void *)labels, sizeof labels - 1, "r");
        if (!fp || !mp)
            abort();
        s = kpi_read_stream(fp, "figures.csv", NULL, NULL, &err);
        m = kpi_meta_read_stream(mp, "meta.csv", &err);
        fclose(fp);
        fclose(mp);
        if (!s || !m)
            abort();
    }
    *store = s;
    *meta = m;
}

int
LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    FILE *sink = fuzz_sink();
    if (size < 1)
        return 0;
    kpi_audit_options opt = kpi_audit_options_default();
    if (bytes[0] & 1)
        data(&opt.store, &opt.meta);
    if (bytes[0] & 2) {
        opt.has_period = true;
        opt.period = (kpi_period){KPI_FREQ_FYEAR, 2018};
    }
    opt.fy_start = bytes[0] & 4 ? 1 : 4;
    const char *text = (const char *)bytes + 1;
    size_t len = size - 1;

    kpi_error err;
    kpi_error_clear(&err);
    kpi_audit *a = kpi_audit_new(&opt, &err);
    FUZZ_CHECK(a != NULL);
    kpi_status st = kpi_audit_text(a, "r.txt", text, len, &err);
    if (st != KPI_OK) {
        FUZZ_CHECK(st == KPI_EVALUE || st == KPI_ENOMEM);
        FUZZ_CHECK(err.code == st && err.message[0]);
        FUZZ_CHECK(err.line >= 1 && err.column >= 1);
        FUZZ_CHECK(kpi_audit_count(a) == 0);
        kpi_audit_free(a);
        return 0;
    }
    size_t n = kpi_audit_count(a), by_verdict = 0;
    for (int v = 0; v < KPI_AUDIT_VERDICT_LAST; v++)
        by_verdict += kpi_audit_count_verdict(a, (kpi_audit_verdict)v);
    FUZZ_CHECK(by_verdict == n);
    /* A claim starts inside the text: no further down than its lines go. */
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
    for (size_t i = 0; i < n; i++) {
        const kpi_audit_claim *c = kpi_audit_at(a, i);
        FUZZ_CHECK(c->line >= 1 && c->line <= lines && c->column >= 1 && c->column <= len);
        FUZZ_CHECK((int)c->kind >= 0 && c->kind < KPI_AUDIT_KIND_LAST);
        FUZZ_CHECK((int)c->verdict >= 0 && c->verdict < KPI_AUDIT_VERDICT_LAST);
        FUZZ_CHECK(c->text && c->stated && c->computed && c->reason && c->source);
        FUZZ_CHECK((c->verdict == KPI_AUDIT_CONSISTENT) == (c->reason[0] == '\0'));
    }
    FUZZ_CHECK(kpi_audit_write_text(a, sink, bytes[0] & 8, &err) == KPI_OK);
    FUZZ_CHECK(kpi_audit_write_table(a, sink, KPI_FORMAT_CSV, &err) == KPI_OK);
    FUZZ_CHECK(kpi_audit_write_table(a, sink, KPI_FORMAT_JSON, &err) == KPI_OK);
    FUZZ_CHECK(kpi_audit_write_table(a, sink, KPI_FORMAT_MD, &err) == KPI_OK);
    kpi_audit_free(a);
    return 0;
}
