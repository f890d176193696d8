#include "alloc_private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Allocations left before the injected failure; negative means never fail.
 * A process-wide counter is acceptable here because only tests set it. */
static long fail_countdown = -1;

void
kpi_alloc_fail_after(long n)
{
    fail_countdown = n;
}

static int
should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}

void *
kpi_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *
kpi_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *
kpi_realloc(void *p, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(p, size ? size : 1);
}

void
kpi_free(void *p)
{
    free(p);
}

char *
kpi_strndup(const char *s, size_t len)
{
    char *d = kpi_malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

int
kpi_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem_size)
        return -1;
    void *p = kpi_realloc(*items, ncap * elem_size);
    if (!p)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}
