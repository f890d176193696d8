/* What every kpi fuzz harness shares: libFuzzer's entry point, one-time
 * library set-up, and a sink for outputs nobody reads. */
#ifndef KPI_FUZZ_H
#define KPI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kpi/kpi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The library's set-up and a stream to /dev/null, made on the first call
 * and kept for the process: libFuzzer runs millions of inputs in one. */
static inline FILE *
fuzz_sink(void)
{
    static FILE *sink;
    if (!sink) {
        kpi_init();
        sink = fopen("/dev/null", "w");
        if (!sink)
            abort();
    }
    return sink;
}

/* A finding: libFuzzer saves the input that got here. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
