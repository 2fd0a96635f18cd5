/* Benchmark of the N-spin engine: tilted Ising, theta = pi/4, the paper's
 * parameters (T_L = 3/2, T_R = 1/2: certified balls), 30 digits.
 *   bench_engine [Nmax [Nmin]] [-v]   rho0 for N = Nmin..Nmax (default 2..8),
 *                                     then rho1 at N = 6; -v: progress on stderr
 * Prints wall and CPU time per N; results in bench/RESULTS.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nessgen/engine.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double cpu(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static int resolve(ng_model_t M, int N)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    int ok;
    snprintf(buf, sizeof buf, "%d", N);
    ok = ng_model_spec_set_preset(spec, "tilted-ising") == NG_OK &&
         ng_model_spec_set(spec, "N", buf) == NG_OK && ng_model_resolve(M, spec, 128) == NG_OK;
    ng_model_spec_free(spec);
    return ok;
}

int main(int argc, char **argv)
{
    int nmax = 8, nmin = 2, npos = 0;
    ng_engine_opts o;
    ng_engine_opts_init(&o);
    o.digits = 30;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            o.progress = stderr;
        else if (npos++ == 0)
            nmax = atoi(argv[i]);
        else
            nmin = atoi(argv[i]);
    }
    for (int N = nmin; N <= nmax; N++) {
        ng_model_t M;
        ng_engine_rho0_t res;
        double t0, c0;
        if (!resolve(M, N))
            return 1;
        t0 = now();
        c0 = cpu();
        if (ng_engine_rho0(res, M, &o) != NG_OK) {
            fprintf(stderr, "N = %d: %s\n", N, ng_error_message());
            return 1;
        }
        printf("rho0 N = %2d: %8.3f s wall, %8.3f s CPU at %ld bits\n", N, now() - t0,
               cpu() - c0, (long)res->prec);
        fflush(stdout);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
    }
    {
        ng_model_t M;
        ng_engine_series_t S;
        double t0, c0;
        if (!resolve(M, 6))
            return 1;
        t0 = now();
        c0 = cpu();
        if (ng_engine_series(S, M, 1, &o) != NG_OK) {
            fprintf(stderr, "series: %s\n", ng_error_message());
            return 1;
        }
        printf("rho1 N =  6: %8.3f s wall, %8.3f s CPU at %ld bits\n", now() - t0, cpu() - c0,
               (long)S->prec);
        ng_engine_series_clear(S);
        ng_model_clear(M);
    }
    return 0;
}
