/* kpi indicator metadata: labels, units, better direction, aggregation,
 * targets and print precision, read from a small CSV file.
 *
 * The header is
 *   indicator,label,unit,better,aggregation,target,target_op,decimals
 * in any order, matched case-insensitively; indicator is required, every
 * other column is optional and columns this version does not know are kept
 * out of the way (later versions add optional columns).  Cells:
 *   better       up | down | none            (empty = none)
 *   aggregation  sum | mean | last           (empty = sum)
 *   target       a number as kpi_value_parse reads it (empty = no target)
 *   target_op    <= | >=   (required when target is set, empty otherwise)
 *   decimals     0..15                        (empty = -1, "not set")
 * and, for the sentences of kpi/sentence.h,
 *   singular     the unit's word for exactly one ("offence"; empty = "")
 *   plural       the word for any other number ("offences"; empty = unit)
 *   phrase       what a target sentence says before the value ("999 calls
 *                were answered in an average of"; empty = "")
 * and, for kpi/audit.h,
 *   aliases      other names reports use for it, ';'-separated ("knife
 *                injuries;stabbings"; empty = "")
 * and, for targets that differ by area,
 *   area         empty on the indicator's own row; on a row of its own, an
 *                area whose target (with target_op) replaces the
 *                indicator's there.  Such a row gives only indicator, area,
 *                target and target_op (an empty target: the area has none),
 *                may come before or after the indicator's row, and names
 *                each indicator and area once.  Areas match as
 *                kpi_areas_same() says.
 */
#ifndef KPI_META_H
#define KPI_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kpi/error.h"
#include "kpi/export.h"
#include "kpi/series.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kpi_better { KPI_BETTER_NONE = 0, KPI_BETTER_UP, KPI_BETTER_DOWN } kpi_better;

typedef enum kpi_agg { KPI_AGG_SUM = 0, KPI_AGG_MEAN, KPI_AGG_LAST } kpi_agg;

typedef enum kpi_target_op { KPI_TARGET_NONE = 0, KPI_TARGET_LE, KPI_TARGET_GE } kpi_target_op;

typedef struct kpi_indicator_meta {
    const char *id;    /* never NULL */
    const char *label; /* never NULL; the id when the file leaves it empty */
    const char *unit;  /* never NULL; "" when empty */
    kpi_better better;
    kpi_agg aggregation;
    kpi_target_op target_op; /* KPI_TARGET_NONE when there is no target */
    double target;
    int decimals;         /* -1 when not set */
    const char *singular; /* never NULL; "" when empty */
    const char *plural;   /* never NULL; the unit when empty */
    const char *phrase;   /* never NULL; "" when empty */
    const char *aliases;  /* never NULL; ';'-separated phrases, "" when empty */
    unsigned long line;   /* the metadata file's line that defined it */
} kpi_indicator_meta;

typedef struct kpi_meta kpi_meta;

/* Read metadata from a CSV file (path "-" is stdin).  Every bad cell is an
 * error located at file:line:column; a duplicate indicator id is an error.
 * Returns a new kpi_meta, owned by the caller and released with
 * kpi_meta_free(), or NULL with err filled. */
KPI_API kpi_meta *kpi_meta_read(const char *path, kpi_error *err);

/* The same from an open stream; source names it in error messages. */
KPI_API kpi_meta *kpi_meta_read_stream(FILE *fp, const char *source, kpi_error *err);

/* Release m.  m may be NULL. */
KPI_API void kpi_meta_free(kpi_meta *m);

/* Number of indicators, and the i-th in file order (i < count).  The
 * pointer is borrowed: valid until kpi_meta_free(m). */
KPI_API size_t kpi_meta_count(const kpi_meta *m);
KPI_API const kpi_indicator_meta *kpi_meta_at(const kpi_meta *m, size_t i);

/* Look an indicator up by id (exact match).  Returns a borrowed pointer or
 * NULL when the id is not described.  m may be NULL (returns NULL). */
KPI_API const kpi_indicator_meta *kpi_meta_find(const kpi_meta *m, const char *id);

/* The metadata for one series: the indicator's, with the target and
 * target_op of the area's own row when the file has one.  area NULL means
 * a view over several areas at once (a chart of every borough): the
 * indicator's metadata, without a target when any area has a target of
 * its own, since no single line then holds for all.  Returns a borrowed
 * pointer (valid until kpi_meta_free(m)), or NULL when the indicator is
 * not described.  m may be NULL (returns NULL). */
KPI_API const kpi_indicator_meta *kpi_meta_find_area(const kpi_meta *m, const char *id,
                                                     const char *area);

/* kpi_meta_find_area for the series' indicator and area. */
KPI_API const kpi_indicator_meta *kpi_meta_find_series(const kpi_meta *m, const kpi_series *se);

/* Names of the enum values as written in the file ("up", "sum", "<="). */
KPI_API const char *kpi_better_name(kpi_better b);
KPI_API const char *kpi_agg_name(kpi_agg a);
KPI_API const char *kpi_target_op_name(kpi_target_op op);

#ifdef __cplusplus
}
#endif

#endif
