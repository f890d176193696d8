#include "parallel_private.h"

#include <pthread.h>
#include <stdbool.h>

typedef struct shared {
    size_t n;
    kpi_parallel_fn work, finish;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t turn;
    size_t next;      /* the next item to claim */
    size_t finishing; /* the item whose finishing step is next */
    bool failed;
    kpi_status status;
    kpi_error err;
} shared;

typedef struct worker {
    shared *sh;
    size_t id;
} worker;

static void *
run_worker(void *arg)
{
    const worker *w = arg;
    shared *sh = w->sh;
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        size_t item = sh->next;
        bool stop = sh->failed || item >= sh->n;
        if (!stop)
            sh->next++;
        pthread_mutex_unlock(&sh->lock);
        if (stop)
            return NULL;
        kpi_error err;
        kpi_status st = sh->work(sh->ctx, w->id, item, &err);
        /* Failures are taken in item order too: an item that failed waits
         * for its turn, so the lowest failing item is the one reported. */
        pthread_mutex_lock(&sh->lock);
        while (!sh->failed && sh->finishing != item)
            pthread_cond_wait(&sh->turn, &sh->lock);
        if (!sh->failed) {
            if (st == KPI_OK && sh->finish)
                st = sh->finish(sh->ctx, w->id, item, &err);
            if (st != KPI_OK) {
                sh->failed = true;
                sh->status = st;
                sh->err = err;
            }
        }
        sh->finishing++;
        pthread_cond_broadcast(&sh->turn);
        pthread_mutex_unlock(&sh->lock);
    }
}

size_t
kpi_parallel_threads(size_t threads, size_t n)
{
    if (threads > KPI_PARALLEL_MAX_THREADS)
        threads = KPI_PARALLEL_MAX_THREADS;
    if (threads > n)
        threads = n;
    return threads ? threads : 1;
}

kpi_status
kpi_parallel_for(size_t threads, size_t n, kpi_parallel_fn work, kpi_parallel_fn finish, void *ctx,
                 kpi_error *err)
{
    kpi_error local;
    if (!err)
        err = &local; /* the steps may read a failure's status back */
    threads = kpi_parallel_threads(threads, n);
    if (threads == 1) {
        for (size_t i = 0; i < n; i++) {
            kpi_status st = work(ctx, 0, i, err);
            if (st == KPI_OK && finish)
                st = finish(ctx, 0, i, err);
            if (st != KPI_OK)
                return st;
        }
        return KPI_OK;
    }
    shared sh = {.n = n, .work = work, .finish = finish, .ctx = ctx, .status = KPI_OK};
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.turn, NULL);
    worker w[KPI_PARALLEL_MAX_THREADS];
    pthread_t helper[KPI_PARALLEL_MAX_THREADS];
    size_t started = 0;
    for (size_t t = 0; t < threads; t++)
        w[t] = (worker){&sh, t};
    /* Worker ids stay dense: a helper that cannot start leaves its id, and
     * those after it, unused. */
    while (started + 1 < threads &&
           pthread_create(&helper[started], NULL, run_worker, &w[started + 1]) == 0)
        started++;
    run_worker(&w[0]);
    for (size_t t = 0; t < started; t++)
        pthread_join(helper[t], NULL);
    pthread_cond_destroy(&sh.turn);
    pthread_mutex_destroy(&sh.lock);
    if (sh.failed)
        *err = sh.err;
    return sh.status;
}
