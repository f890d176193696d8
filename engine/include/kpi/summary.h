/* kpi summaries: one row per series for a reporting period, with
 * everything a report says about it: the value, the change on a year
 * earlier, whether that is good or bad, the change the year before, the
 * trend, and the target with its status.
 *
 * Every number of a row is built from figures as printed.  The value and
 * its base are first rounded half away from zero to the row's decimals
 * (the metadata's, else the most the series was written with); the
 * change, the percentage change, the direction and the target status all
 * follow from those rounded figures.  So a reader who recomputes a row
 * from what is printed gets what is printed: 30.04 seconds at one decimal
 * is 30.0 and meets a target of <= 30.  When the decimals are the data's
 * own (the usual case) the rounding changes nothing and the figures are
 * those of kpi change. */
#ifndef KPI_SUMMARY_H
#define KPI_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/change.h"
#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/meta.h"
#include "kpi/period.h"
#include "kpi/series.h"
#include "kpi/significance.h"
#include "kpi/spc.h"
#include "kpi/store.h"
#include "kpi/trend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Decimals of every percentage a summary prints. */
#define KPI_SUMMARY_PCT_DECIMALS 1

/* Decimals of the Mann-Kendall p-value a summary prints. */
#define KPI_SUMMARY_P_DECIMALS 3

/* The fewest values a Mann-Kendall test can find a trend in at 5%: with
 * 4, even a perfect rise has p = 0.089. */
#define KPI_SUMMARY_TREND_MIN 5

/* Size of kpi_summary_row.note, NUL included. */
#define KPI_SUMMARY_NOTE_MAX 512

/* Is a change good news?  From the metadata's better direction. */
typedef enum kpi_assessment {
    KPI_ASSESSMENT_NONE = 0, /* no change to assess */
    KPI_ASSESSMENT_GOOD,     /* moved the better way */
    KPI_ASSESSMENT_BAD,      /* moved the worse way */
    KPI_ASSESSMENT_NEUTRAL   /* no change, or no better direction */
} kpi_assessment;

typedef enum kpi_target_status {
    KPI_TARGET_STATUS_NONE = 0, /* no target, or no value */
    KPI_TARGET_MET,
    KPI_TARGET_MISSED
} kpi_target_status;

/* One series at one period.  A field whose has_ flag is false is empty. */
typedef struct kpi_summary_row {
    const char *indicator; /* borrowed from the series */
    const char *area;      /* borrowed; "" when there is none */
    const char *label;     /* the metadata's label (borrowed), else the indicator */
    kpi_unit unit;         /* the series' unit: % and currencies are written with numbers */
    int decimals;          /* of value, base_value and change: the metadata's, else the
                              series' */
    kpi_period period;
    kpi_obs state; /* of the value; KPI_OBS_ABSENT when the period is not in the data */
    bool has_value;
    double value;           /* rounded to decimals */
    kpi_period base_period; /* the same period a year earlier */
    bool has_base;
    double base_value; /* rounded to decimals */
    /* The value, or its base, was built from incomplete data (kpi_series_
     * partial): shown, but never compared, with its base or a target. */
    bool partial, base_partial;
    bool has_change;   /* value and base both present */
    double change;     /* value - base_value, rounded to decimals */
    bool has_pct;      /* ... and the base is not zero */
    double pct_change; /* 100 * change / |base_value|, unrounded */
    kpi_direction direction;
    kpi_assessment assessment;
    /* The same comparison a year earlier: base against its own base. */
    bool has_prev_change;
    double prev_change;
    kpi_direction prev_direction;
    bool has_prev_pct;
    double prev_pct_change;
    /* The Mann-Kendall test on the series from its start to period, at
     * KPI_TREND_ALPHA; empty (with a note) below KPI_SUMMARY_TREND_MIN
     * values, where no test can decide. */
    bool has_trend;
    kpi_trend_direction trend;
    double trend_p;
    size_t trend_n;
    /* The target (target_op KPI_TARGET_NONE when there is none), printed
     * with target_decimals: the fewest that write it exactly. */
    kpi_target_op target_op;
    double target;
    int target_decimals;
    /* Met when the value as printed satisfies value <= target (or >=).
     * margin = |value - target|, rounded to margin_decimals, the larger of
     * decimals and target_decimals; it is how far inside or outside the
     * target the value is (30.2 against <= 30: missed by 0.2). */
    kpi_target_status status;
    double margin;
    int margin_decimals;
    /* The exact test of value against base_value as counts (kpi/
     * significance.h) at KPI_SIGNIFICANCE_ALPHA; empty, with a note, for
     * values that are not counts. */
    kpi_rate_test test;
    /* The SPC variation of the point at period on the series' XmR chart up
     * to period (kpi/spc.h, with the metadata's better direction), and the
     * assurance of its limits against the target; empty, with a note,
     * below KPI_SPC_RELIABLE values. */
    kpi_spc_variation variation;
    kpi_spc_assurance assurance;
    /* Why trend, significance or variation are empty: "trend: ...;
     * significance: ...", "" when none is. */
    char note[KPI_SUMMARY_NOTE_MAX];
} kpi_summary_row;

/* Which period of se a summary at `period` describes.  With period NULL,
 * the last period present in se (a missing or suppressed value counts as
 * present, as in kpi change --latest).  Otherwise period itself when it
 * has se's frequency; a month that also reads as a financial year
 * ("2011-12", which parses as December 2011) means that financial year in
 * a financial-yearly series.  Returns false, with *out untouched, when se
 * is empty or period is of another frequency. */
KPI_API bool kpi_summary_period(const kpi_series *se, const kpi_period *period, kpi_period *out);

/* The summary of se at period (NULL: the latest; see kpi_summary_period),
 * with the label, decimals, better direction and target of m (may be
 * NULL: no metadata).  A period outside the series gives a row in state
 * KPI_OBS_ABSENT with every number empty.  Fails with KPI_EFREQ when se
 * has no such period (another frequency, or se is empty) and KPI_ENOMEM;
 * *out is then unspecified. */
KPI_API kpi_status kpi_summary_at(const kpi_series *se, const kpi_indicator_meta *m,
                                  const kpi_period *period, kpi_summary_row *out, kpi_error *err);

/* "good", "bad", "neutral", or "" for KPI_ASSESSMENT_NONE. */
KPI_API const char *kpi_assessment_name(kpi_assessment a);

/* "met", "missed", or "" for KPI_TARGET_STATUS_NONE. */
KPI_API const char *kpi_target_status_name(kpi_target_status s);

#ifdef __cplusplus
}
#endif

#endif
