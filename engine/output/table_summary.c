/* kpi_table_write_summary: the rows kpi_summary_at computes, as a table. */
#include "kpi/table.h"

#include <assert.h>

#include "kpi/spc.h"
#include "kpi/summary.h"
#include "kpi/value.h"
#include "table_private.h"

kpi_status
kpi_table_write_summary(const kpi_store *s, const kpi_meta *meta, const kpi_period *period,
                        FILE *out, const kpi_table_options *opt, kpi_error *err)
{
    assert(s && out);
    static const char *const tail[] = {
        "label",      "period",    "value",         "base_period",     "base_value",   "change",
        "pct_change", "direction", "assessment",    "prev_pct_change", "trend",        "trend_p",
        "target_op",  "target",    "target_status", "target_margin",   "significance", "p_value",
        "variation",  "assurance", "note",
    };
    static const kpi_column_type tail_types[] = {
        KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,
        KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER,
        KPI_COLUMN_TEXT,   KPI_COLUMN_NUMBER, KPI_COLUMN_TEXT,   KPI_COLUMN_TEXT,
        KPI_COLUMN_TEXT,
    };
    enum { NTAIL = sizeof tail / sizeof tail[0] };
    _Static_assert(NTAIL == sizeof tail_types / sizeof tail_types[0], "one type per column");
    kpi_table_options defaults = kpi_table_options_default();
    if (!opt)
        opt = &defaults;
    kpi_error local;
    if (!err)
        err = &local; /* so that a failure's status can be read back */
    kpi_table *t = kpi_table_new_keyed_opt(out, opt, s, tail, tail_types, NTAIL, err);
    if (!t)
        return err->code;
    kpi_table_describe(t, meta ? meta : opt->meta);
    size_t ng = kpi_store_n_groups(s);
    kpi_status st = KPI_OK;
    /* Each row computes a trend, but a summary has one row per series: a
     * few hundred at most, so one thread writes it. */
    for (size_t k = 0; k < kpi_store_count(s) && st == KPI_OK; k++) {
        const kpi_series *se = kpi_store_at(s, k);
        kpi_period p;
        if (!kpi_summary_period(se, period, &p))
            continue;
        kpi_summary_row r;
        st = kpi_summary_at(se, kpi_meta_find_series(meta, se), &p, &r, err);
        if (st != KPI_OK || r.state == KPI_OBS_ABSENT)
            continue;
        char per[KPI_PERIOD_TEXT_MAX], base_per[KPI_PERIOD_TEXT_MAX];
        char value[48], base[48], change[48], pct[48], prev[48], tp[48], target[48], margin[48],
            pv[48];
        const char *cells[KPI_TABLE_MAX_COLUMNS];
        const char **c = cells + kpi_table_key_cells(se, ng, cells);
        kpi_period_format(r.period, per, sizeof per);
        kpi_period_format(r.base_period, base_per, sizeof base_per);
        bool has_target = r.target_op != KPI_TARGET_NONE;
        c[0] = r.label;
        c[1] = per;
        c[2] = kpi_table_fixed(r.has_value, r.value, r.decimals, value, sizeof value);
        c[3] = base_per;
        c[4] = kpi_table_fixed(r.has_base, r.base_value, r.decimals, base, sizeof base);
        c[5] = kpi_table_fixed(r.has_change, r.change, r.decimals, change, sizeof change);
        c[6] = kpi_table_fixed(r.has_pct, r.pct_change, KPI_SUMMARY_PCT_DECIMALS, pct, sizeof pct);
        c[7] = kpi_table_text(kpi_direction_name(r.direction));
        c[8] = kpi_table_text(kpi_assessment_name(r.assessment));
        c[9] = kpi_table_fixed(r.has_prev_pct, r.prev_pct_change, KPI_SUMMARY_PCT_DECIMALS, prev,
                               sizeof prev);
        c[10] = r.has_trend ? kpi_trend_direction_name(r.trend) : NULL;
        c[11] = kpi_table_fixed(r.has_trend, r.trend_p, KPI_SUMMARY_P_DECIMALS, tp, sizeof tp);
        c[12] = has_target ? kpi_target_op_name(r.target_op) : NULL;
        c[13] = kpi_table_fixed(has_target, r.target, r.target_decimals, target, sizeof target);
        c[14] = kpi_table_text(kpi_target_status_name(r.status));
        c[15] = kpi_table_fixed(r.status != KPI_TARGET_STATUS_NONE, r.margin, r.margin_decimals,
                                margin, sizeof margin);
        c[16] = r.test.has_test ? kpi_significance_name(r.test.significance) : NULL;
        c[17] = kpi_table_sig(r.test.has_test, r.test.p, KPI_SIGNIFICANCE_DIGITS, pv, sizeof pv);
        c[18] = kpi_table_text(kpi_spc_variation_name(r.variation));
        c[19] = kpi_table_text(kpi_spc_assurance_name(r.assurance));
        c[20] = kpi_table_text(r.note);
        st = kpi_table_row(t, cells, err);
    }
    kpi_status end = kpi_table_end(t, st == KPI_OK ? err : NULL);
    return st != KPI_OK ? st : end;
}
