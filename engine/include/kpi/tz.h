/* kpi time zones: the local calendar date of an instant, so that an event
 * time written in UTC (police.uk writes 2016-05-31T23:30:00+00:00) falls
 * in the day, month and year of the zone it happened in (1 June in
 * London, where it was 00:30 BST).
 *
 * Zones are the tz database's (Debian's tzdata, /usr/share/zoneinfo),
 * read through GLib's GTimeZone.  A zone is immutable once made, so one
 * zone serves any number of threads; glibc's TZ variable would be
 * process-wide, and localtime_r is not safe beside a setenv. */
#ifndef KPI_TZ_H
#define KPI_TZ_H

#include <stdint.h>

#include "kpi/error.h"
#include "kpi/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_tz kpi_tz;

/* The zone named name: a tz database name such as "Europe/London" or
 * "UTC".  Returns a zone the caller frees with kpi_tz_free, or NULL with
 * err filled: KPI_EINVAL for a name the database does not hold (the
 * message says where names come from), KPI_ENOMEM. */
KPI_API kpi_tz *kpi_tz_new(const char *name, kpi_error *err);

/* Release tz.  tz may be NULL. */
KPI_API void kpi_tz_free(kpi_tz *tz);

/* The zone's offset from UTC, in seconds east, at the instant utc
 * (seconds since 1970-01-01 00:00 UTC): 3600 in London in June, 0 in
 * January.  Never fails. */
KPI_API int32_t kpi_tz_offset(const kpi_tz *tz, int64_t utc);

#ifdef __cplusplus
}
#endif

#endif
