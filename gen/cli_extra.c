/* --observable, and the announcement and progress of long runs (cli_extra.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_extra.h"
#include "nessgen/engine.h"
#include "nessgen/numerics.h"

int cli_user_obs_init(ng_user_obs_t U, const cli_t *cli, int N)
{
    if (ng_user_obs_init(U, cli->observables, cli->nobservables, N) == NG_OK)
        return CLI_OK;
    cli_print_error(cli);
    ng_user_obs_clear(U);
    return CLI_EUSAGE;
}

void cli_announce(const cli_t *cli, const char *what, double bytes, double ref_seconds,
                  int ref_N, double growth, int N)
{
    double t = ref_seconds * pow(growth, N - ref_N);
    if (!isatty(STDERR_FILENO))
        return;
    fprintf(stderr,
            "nessgen %s: %s; about %.0f MiB of memory and, roughly, %.0f s of CPU time "
            "(extrapolated: %.3g s at N = %d, x%.3g per spin; an estimate, not a bound)\n",
            cli->command, what, bytes / 1048576.0, t, ref_seconds, ref_N, growth);
}

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress_line(void *arg, double fraction, const char *stage)
{
    cli_progress *P = arg;
    double now = wall_seconds(), elapsed = now - P->start;
    if (fraction < 1.0 && now - P->last < 1.0)
        return; /* at most a line a second, and always the end */
    P->last = now;
    fprintf(stderr, "nessgen %s: %3.0f%% done (%s); %.0f s elapsed", P->cli->command,
            100.0 * fraction, stage, elapsed);
    if (fraction >= 0.02 && fraction < 1.0)
        fprintf(stderr, ", about %.0f s left", elapsed * (1.0 - fraction) / fraction);
    fputc('\n', stderr);
}

void cli_progress_attach(cli_progress *P, const cli_t *cli, ng_engine_opts *o)
{
    P->cli = cli;
    P->start = wall_seconds();
    P->last = P->start - 1.0; /* the first milestone always prints */
    if (!isatty(STDERR_FILENO))
        return;
    o->progress_fn = progress_line;
    o->progress_arg = P;
}

