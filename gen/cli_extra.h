/* What the commands with a model share beyond option parsing: --observable
 * read from the command line, the LaTeX guard digits, and on a terminal the
 * announcement and progress of long runs. */
#ifndef NESSGEN_CLI_EXTRA_H
#define NESSGEN_CLI_EXTRA_H

#include <stdio.h>

#include "cli.h"
#include "nessgen/engine.h"
#include "nessgen/observable.h"
#include "nessgen/results.h"

/* Parses every --observable (results.h) and checks its sites against N; on
 * bad input prints the message (naming the expression), clears U and
 * returns CLI_EUSAGE. */
int cli_user_obs_init(ng_user_obs_t U, const cli_t *cli, int N);

/* Guard digits of the LaTeX documents: their values are rounded to --digits
 * places from balls computed this many digits further. */
#define CLI_LATEX_GUARD_DIGITS 8

/* Before a long run, on a terminal only (stderr): what the command is about
 * to do, its memory (bytes, from the library's own estimate) and a rough
 * CPU time extrapolated from a measured reference run, ref_seconds at ref_N
 * spins, growing by `growth` per added spin.  Silent when stderr is not a
 * terminal. */
void cli_announce(const cli_t *cli, const char *what, double bytes, double ref_seconds,
                  int ref_N, double growth, int N);

/* Progress of a long engine run on a terminal (ng_engine_opts.progress_fn):
 * "nessgen rho0: 42% done (rate matrix); 3 s elapsed, about 4 s left", the
 * time left extrapolated from the fraction done (elapsed (1 - f) / f), at
 * most one line a second.  cli_progress_attach sets the callback only when
 * stderr is a terminal: redirected runs stay silent. */
typedef struct {
    const cli_t *cli;
    double start, last;
} cli_progress;

void cli_progress_attach(cli_progress *P, const cli_t *cli, ng_engine_opts *o);

#endif
