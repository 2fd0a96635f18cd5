/* --observable EXPR and the heat and spin currents of a state (observable.h):
 * parsing and site checks against the model, evaluation through a state's
 * string expectations (the engine's exact or ball states, the solver's
 * doubles), and their writers for text, JSON, CSV and LaTeX; shared by
 * rho0, series, ness and check. */
#ifndef NESSGEN_CLI_EXTRA_H
#define NESSGEN_CLI_EXTRA_H

#include <stdio.h>

#include "cli.h"
#include "nessgen/engine.h"
#include "nessgen/observable.h"
#include "nessgen/results.h"

/* The --observable expressions, their values in a state and the current
 * operators are the library's (results.h); the command line's names for
 * them stay for the commands that use them. */
typedef ng_user_obs_struct cli_user_obs;
typedef ng_obs_values_struct cli_values;
typedef ng_currents_ctx_struct cli_currents;

/* Parses every --observable and checks its sites against N; on bad input
 * prints the message (naming the expression) and returns CLI_EUSAGE. */
int cli_user_obs_init(cli_user_obs *U, const cli_t *cli, int N);

static inline void cli_user_obs_clear(cli_user_obs *U)
{
    ng_user_obs_clear(U);
}

static inline ng_status cli_user_obs_eval(cli_values *V, const cli_user_obs *U, int N,
                                          ng_string_expect_fn f, const void *state,
                                          const ng_ring_t R, slong prec)
{
    return ng_obs_values_eval(V, U, N, f, state, R, prec);
}

static inline void cli_values_clear(cli_values *V)
{
    ng_obs_values_clear(V);
}

/* ",obs1,…,obsK" (header; balls: ",obs1_mid,obs1_rad,…") */
void cli_user_obs_csv_header(FILE *out, const cli_user_obs *U, int balls);

static inline void cli_currents_init(cli_currents *X, const ng_model_t M)
{
    ng_currents_ctx_init(X, M);
}

static inline void cli_currents_clear(cli_currents *X)
{
    ng_currents_ctx_clear(X);
}

/* CSV header of the currents of `ness`: ",J_L,J_R,Js_L,Js_R,j,js" (a row for
 * site l: j the energy current through site l, js the spin current on the
 * bond (l, l+1)). */
void cli_currents_csv_header(FILE *out);

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
