#include "kpi/tz.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

#include "alloc_private.h"

struct kpi_tz {
    GTimeZone *zone;
};

/* Whether name reads as a tz database name ("Europe/London", "Etc/GMT+1",
 * "UTC").  GLib would also take an absolute path or an empty string (the
 * process's own zone), which an option naming a zone must not. */
static bool
zone_name(const char *name)
{
    if (!name || !name[0] || name[0] == '/' || strstr(name, ".."))
        return false;
    for (const char *c = name; *c; c++)
        if (!g_ascii_isalnum(*c) && !strchr("/_+-", *c))
            return false;
    return true;
}

kpi_tz *
kpi_tz_new(const char *name, kpi_error *err)
{
    GTimeZone *zone = zone_name(name) ? g_time_zone_new_identifier(name) : NULL;
    if (!zone) {
        kpi_error_set(err, KPI_EINVAL, NULL, 0, 0,
                      "unknown time zone '%s': expected a tz database name such as "
                      "Europe/London or UTC (see /usr/share/zoneinfo)",
                      name ? name : "");
        return NULL;
    }
    kpi_tz *tz = kpi_malloc(sizeof *tz);
    if (!tz) {
        g_time_zone_unref(zone);
        kpi_error_set(err, KPI_ENOMEM, NULL, 0, 0, "out of memory opening time zone '%s'", name);
        return NULL;
    }
    tz->zone = zone;
    return tz;
}

void
kpi_tz_free(kpi_tz *tz)
{
    if (!tz)
        return;
    g_time_zone_unref(tz->zone);
    kpi_free(tz);
}

int32_t
kpi_tz_offset(const kpi_tz *tz, int64_t utc)
{
    /* Universal time is continuous, so GLib always finds its interval. */
    gint interval = g_time_zone_find_interval(tz->zone, G_TIME_TYPE_UNIVERSAL, utc);
    return g_time_zone_get_offset(tz->zone, interval);
}
