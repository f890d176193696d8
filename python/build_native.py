"""Writes the C source of kpi._native, the cffi binding of libkpi and libkpi_plots.

Usage: build_native.py OUT.c

API mode: CMake compiles OUT.c against the public headers and links the shared libraries, so
the compiler checks every declaration below against the real headers, and the structs are
declared with "...;" (only the fields the module sets; their layout comes from the compiler).
"""
import sys

import cffi

CDEF = r"""
typedef enum kpi_status {
    KPI_OK, KPI_ENOMEM, KPI_EIO, KPI_ECSV, KPI_EPERIOD, KPI_EVALUE, KPI_ELAYOUT,
    KPI_EDUPLICATE, KPI_EFREQ, KPI_EMETA, KPI_EDOMAIN, KPI_EINVAL, KPI_ERENDER,
    KPI_EENCODING, KPI_STATUS_LAST
} kpi_status;
typedef struct kpi_error {
    kpi_status code;
    unsigned long line;
    unsigned long column;
    char source[...];
    char message[...];
    ...;
} kpi_error;
const char *kpi_status_str(kpi_status code);
size_t kpi_error_format(const kpi_error *err, char *buf, size_t size);
void kpi_init(void);
const char *kpi_version(void);

typedef enum kpi_freq { KPI_FREQ_NONE, ... } kpi_freq;
typedef struct kpi_period { kpi_freq freq; ...; } kpi_period;
kpi_status kpi_period_parse(const char *text, size_t len, kpi_freq want, kpi_period *out,
                            unsigned *flags, kpi_error *err);
kpi_status kpi_freq_parse(const char *name, kpi_freq *out, kpi_error *err);

typedef enum kpi_layout { KPI_LAYOUT_AUTO, ... } kpi_layout;
typedef enum kpi_dup_policy { KPI_DUP_ERROR, KPI_DUP_SUM, KPI_DUP_FIRST, KPI_DUP_LAST } kpi_dup_policy;
typedef struct kpi_where { const char *column; const char *value; bool negate; } kpi_where;
typedef struct kpi_value_markers { const char *const *extra; size_t n_extra; } kpi_value_markers;
typedef struct kpi_reader_options {
    kpi_layout layout;
    char delimiter;
    const char *indicator;
    const char *area;
    const char *period;
    const char *period_month;
    const char *value;
    const char *name;
    const char *const *groups;
    size_t n_groups;
    const kpi_where *where;
    size_t n_where;
    bool count;
    bool fill_zero;
    int fy_start;
    kpi_freq freq;
    bool skip_bad;
    kpi_dup_policy duplicates;
    kpi_value_markers markers;
    const char *encoding;
    size_t threads;
    ...;
} kpi_reader_options;
typedef struct kpi_read_stats { size_t records; size_t skipped; size_t filtered; ...; } kpi_read_stats;
kpi_reader_options kpi_reader_options_default(void);
kpi_status kpi_layout_parse(const char *name, kpi_layout *out, kpi_error *err);

typedef struct kpi_store kpi_store;
typedef struct kpi_series kpi_series;
kpi_store *kpi_read_file(const char *path, const kpi_reader_options *opt, kpi_read_stats *stats,
                         kpi_error *err);
kpi_store *kpi_read_stream(FILE *fp, const char *source, const kpi_reader_options *opt,
                           kpi_read_stats *stats, kpi_error *err);
void kpi_store_free(kpi_store *s);
size_t kpi_store_count(const kpi_store *s);
kpi_store *kpi_store_subset(const kpi_store *s, const size_t *idx, size_t n, kpi_error *err);
typedef enum kpi_prefer { KPI_PREFER_NONE, KPI_PREFER_FIRST, KPI_PREFER_LAST } kpi_prefer;
kpi_status kpi_store_combine(kpi_store *into, const kpi_store *from, kpi_prefer prefer,
                             const char *into_source, const char *from_source, kpi_error *err);

typedef struct kpi_meta kpi_meta;
kpi_meta *kpi_meta_read(const char *path, kpi_error *err);
void kpi_meta_free(kpi_meta *m);
typedef struct kpi_rollup kpi_rollup;
kpi_rollup *kpi_rollup_read(const char *path, kpi_error *err);
void kpi_rollup_free(kpi_rollup *m);
typedef struct kpi_population kpi_population;
kpi_population *kpi_population_read(const char *path, int fy_start, kpi_error *err);
void kpi_population_free(kpi_population *pop);

typedef struct kpi_transform_stats {
    size_t incomplete;
    size_t kept_partial;
    size_t incomplete_windows;
    char examples[...];
    char missing_children[...];
    size_t unmapped_areas;
    char unmapped[...];
    size_t no_population;
    ...;
} kpi_transform_stats;
typedef struct kpi_pipeline {
    const kpi_meta *meta;
    int fy_start;
    kpi_freq freq;
    const kpi_rollup *rollup;
    kpi_freq to;
    bool partial;
    int rolling;
    bool ytd;
    const kpi_population *per_population;
    double per;
    ...;
} kpi_pipeline;
kpi_store *kpi_transform_apply(kpi_store *s, const kpi_pipeline *p, kpi_transform_stats *stats,
                               kpi_error *err);
kpi_store *kpi_transform_per(const kpi_store *s, const kpi_population *pop, double per,
                             kpi_transform_stats *stats, kpi_error *err);

typedef enum kpi_format { KPI_FORMAT_CSV, KPI_FORMAT_JSON, KPI_FORMAT_MD } kpi_format;
typedef struct kpi_table_options { kpi_format format; size_t threads; ...; } kpi_table_options;
kpi_table_options kpi_table_options_default(void);
kpi_status kpi_format_parse(const char *name, kpi_format *out, kpi_error *err);
kpi_status kpi_table_write_store(const kpi_store *s, FILE *out, const kpi_table_options *opt,
                                 kpi_error *err);

typedef enum kpi_vs { KPI_VS_YEAR, KPI_VS_PREV, KPI_VS_FIXED } kpi_vs;
typedef struct kpi_change_options {
    kpi_vs vs;
    kpi_period base;
    int decimals;
    bool latest;
    bool cagr;
    bool test;
    double alpha;
    const kpi_meta *meta;
    const kpi_store *counts;
    const kpi_population *population;
    ...;
} kpi_change_options;
kpi_change_options kpi_change_options_default(void);
kpi_status kpi_table_write_change(const kpi_store *s, const kpi_change_options *copt, FILE *out,
                                  const kpi_table_options *opt, kpi_error *err);
kpi_status kpi_table_write_summary(const kpi_store *s, const kpi_meta *meta,
                                   const kpi_period *period, FILE *out,
                                   const kpi_table_options *opt, kpi_error *err);
kpi_status kpi_sentence_write(const kpi_store *s, const kpi_meta *meta, const kpi_period *period,
                              int window, FILE *out, kpi_error *err);

typedef struct kpi_trend_options {
    bool has_from;
    kpi_period from;
    bool has_to;
    kpi_period to;
    bool seasonal;
    unsigned stats;
    size_t threads;
    ...;
} kpi_trend_options;
kpi_trend_options kpi_trend_options_default(void);
kpi_status kpi_trend_stats_parse(const char *list, unsigned *out, kpi_error *err);
kpi_status kpi_trend_write(const kpi_store *s, const kpi_trend_options *opt, FILE *out,
                           kpi_format format, kpi_error *err);

typedef struct kpi_spc_options {
    size_t baseline;
    const kpi_period *rebase;
    size_t n_rebase;
    bool screen;
    ...;
} kpi_spc_options;
typedef struct kpi_spc_write_options {
    kpi_spc_options spc;
    const kpi_meta *meta;
    bool latest;
    size_t threads;
    ...;
} kpi_spc_write_options;
kpi_spc_options kpi_spc_options_default(void);
kpi_status kpi_spc_write(const kpi_store *s, const kpi_spc_write_options *opt, FILE *out,
                         kpi_format format, kpi_error *err);

typedef enum kpi_chart_type { KPI_CHART_LINE, ... } kpi_chart_type;
typedef enum kpi_chart_scales { KPI_CHART_SCALES_SHARED, KPI_CHART_SCALES_FREE } kpi_chart_scales;
typedef enum kpi_chart_order { KPI_CHART_ORDER_ADDED, ... } kpi_chart_order;
typedef struct kpi_chart kpi_chart;
typedef struct kpi_chart_options {
    const char *title;
    const char *subtitle;
    const char *source;
    const char *y_label;
    double width;
    double height;
    double dpi;
    int decimals;
    bool latest_label;
    bool y_zero;
    kpi_chart_scales scales;
    kpi_chart_order order;
    const kpi_spc_options *spc;
    ...;
} kpi_chart_options;
typedef struct kpi_chart_request {
    kpi_chart_type type;
    const char *indicator;
    const char *area;
    bool trend;
    const kpi_meta *meta;
    kpi_chart_options opt;
    ...;
} kpi_chart_request;
kpi_status kpi_chart_type_parse(const char *name, kpi_chart_type *out, kpi_error *err);
kpi_status kpi_chart_order_parse(const char *name, kpi_chart_order *out, kpi_error *err);
kpi_chart_options kpi_chart_options_default(void);
kpi_chart *kpi_chart_build(const kpi_store *s, const kpi_chart_request *rq, kpi_error *err);
kpi_status kpi_chart_write(kpi_chart *c, const char *path, kpi_error *err);
void kpi_chart_free(kpi_chart *c);

FILE *tmpfile(void);
int fileno(FILE *fp);
int fflush(FILE *fp);
FILE *fmemopen(void *buf, size_t size, const char *mode);
int fclose(FILE *fp);
"""


def main():
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    ffi.set_source("kpi._native", "#include <stdio.h>\n#include <stdlib.h>\n"
                   "#include <kpi/kpi.h>\n#include <kpi/chart.h>\n#include <kpi/chart_build.h>\n")
    ffi.emit_c_code(sys.argv[1])


if __name__ == "__main__":
    main()
