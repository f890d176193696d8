/* Export control for the kpi libraries: the build uses -fvisibility=hidden,
 * so only functions marked KPI_API are visible to users of the shared
 * library. */
#ifndef KPI_EXPORT_H
#define KPI_EXPORT_H

#if defined(__GNUC__)
#define KPI_API __attribute__((visibility("default")))
#else
#define KPI_API
#endif

#endif
