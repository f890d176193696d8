#include "parallel_private.h"

#include <pthread.h>
#include <stdbool.h>

#include "table_private.h"

/* Below this many rows a second thread costs more than it saves. */
#define PARALLEL_MIN_ROWS 20000
/* Rows a batch aims at: big enough to amortise a join, small enough that
 * two forks' text stays a few megabytes at any table size. */
#define BATCH_ROWS 8192

typedef struct shared {
    kpi_table *t;
    size_t n, per_batch, n_batches;
    kpi_rows_fn fn;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t turn;
    size_t next_join; /* the batch whose rows join next */
    bool failed;
    kpi_status status;
    kpi_error err;
} shared;

typedef struct worker {
    shared *sh;
    size_t parity; /* takes batches parity, parity + 2, ... */
    kpi_table *fork;
} worker;

static void
fail(shared *sh, kpi_status st, const kpi_error *err)
{
    if (!sh->failed) {
        sh->failed = true;
        sh->status = st;
        sh->err = *err;
    }
    pthread_cond_broadcast(&sh->turn);
}

static void *
work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    kpi_error err;
    for (size_t b = w->parity; b < sh->n_batches; b += 2) {
        size_t first = b * sh->per_batch;
        size_t last = first + sh->per_batch < sh->n ? first + sh->per_batch : sh->n;
        kpi_status st = sh->fn(sh->ctx, first, last, w->fork, &err);
        pthread_mutex_lock(&sh->lock);
        while (!sh->failed && sh->next_join != b)
            pthread_cond_wait(&sh->turn, &sh->lock);
        if (!sh->failed && st == KPI_OK)
            st = kpi_table_join(sh->t, w->fork, &err);
        if (st != KPI_OK)
            fail(sh, st, &err);
        bool stop = sh->failed;
        sh->next_join++;
        pthread_cond_broadcast(&sh->turn);
        pthread_mutex_unlock(&sh->lock);
        if (stop)
            break;
    }
    return NULL;
}

kpi_status
kpi_parallel_rows(kpi_table *t, size_t n, size_t rows_hint, kpi_rows_fn fn, void *ctx,
                  kpi_error *err)
{
    if (rows_hint < PARALLEL_MIN_ROWS || n < 2)
        return fn(ctx, 0, n, t, err);
    size_t rows_per_item = rows_hint / n ? rows_hint / n : 1;
    shared sh = {.t = t, .n = n, .fn = fn, .ctx = ctx, .status = KPI_OK};
    sh.per_batch = BATCH_ROWS / rows_per_item ? BATCH_ROWS / rows_per_item : 1;
    sh.n_batches = (n + sh.per_batch - 1) / sh.per_batch;
    worker w[2] = {{&sh, 0, NULL}, {&sh, 1, NULL}};
    for (int i = 0; i < 2; i++)
        if (!(w[i].fork = kpi_table_fork(t, err))) {
            kpi_table_fork_free(w[0].fork);
            return KPI_ENOMEM;
        }
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.turn, NULL);
    pthread_t helper;
    if (pthread_create(&helper, NULL, work, &w[1]) != 0) {
        /* No second thread to be had: the same rows, on this one. */
        pthread_cond_destroy(&sh.turn);
        pthread_mutex_destroy(&sh.lock);
        kpi_table_fork_free(w[0].fork);
        kpi_table_fork_free(w[1].fork);
        return fn(ctx, 0, n, t, err);
    }
    work(&w[0]);
    pthread_join(helper, NULL);
    pthread_cond_destroy(&sh.turn);
    pthread_mutex_destroy(&sh.lock);
    kpi_table_fork_free(w[0].fork);
    kpi_table_fork_free(w[1].fork);
    if (sh.failed && err)
        *err = sh.err;
    return sh.status;
}
