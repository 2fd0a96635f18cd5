/* Column-parallel loops of the matrix-free products (dop.c, residual.c).
 *
 * Plain pthreads, created per call and joined: the products sit between
 * dense BLAS calls whose own (OpenBLAS) threads need the cores, and OpenMP's
 * busy-waiting workers competed with them on this shared 2-core machine
 * (measured: 1.7× the wall time of serial code at N = 9).  Each column range
 * goes to one thread and is computed in a fixed order, so the numbers do not
 * depend on how many threads ran. */
#include <pthread.h>
#include <unistd.h>

#include "internal.h"

#define NG_PAR_MAX_THREADS 8
#define NG_PAR_MIN_N 256 /* below: one thread (creation would cost more) */

typedef struct {
    void (*body)(slong lo, slong hi, void *arg);
    void *arg;
    slong lo, hi;
} chunk_t;

static void *run_chunk(void *p)
{
    chunk_t *c = p;
    c->body(c->lo, c->hi, c->arg);
    return NULL;
}

static int thread_count(void)
{
    static int cached = 0;
    if (cached == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        cached = c < 1 ? 1 : c > NG_PAR_MAX_THREADS ? NG_PAR_MAX_THREADS : (int)c;
    }
    return cached;
}

void _ng_par_columns(slong n, void (*body)(slong lo, slong hi, void *arg), void *arg)
{
    int nt = n < NG_PAR_MIN_N ? 1 : thread_count(), started = 0;
    pthread_t th[NG_PAR_MAX_THREADS];
    chunk_t ch[NG_PAR_MAX_THREADS];
    for (int t = 0; t < nt; t++)
        ch[t] = (chunk_t){body, arg, n * t / nt, n * (t + 1) / nt};
    for (int t = 1; t < nt; t++) {
        if (pthread_create(th + t, NULL, run_chunk, ch + t) != 0)
            break; /* no thread: the caller does the rest below */
        started = t;
    }
    body(ch[0].lo, ch[0].hi, arg);
    for (int t = started + 1; t < nt; t++)
        body(ch[t].lo, ch[t].hi, arg);
    for (int t = 1; t <= started; t++)
        pthread_join(th[t], NULL);
}
