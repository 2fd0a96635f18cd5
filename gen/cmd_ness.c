/* nessgen ness: the NESS of the full Liouvillian L = L0 + λL1 + λ²L2 at finite
 * λ in double precision, and `ness sweep`, its λ → 0 comparison with the
 * weak-coupling series: options, dispatch, progress and I/O.  The results
 * (ng_ness_point_t, ng_ness_sweep_t) and their reports are in numerics.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_extra.h"
#include "nessgen/numerics.h"

#define MAX_LAMBDAS 64

static const double sweep_default[] = {0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001};

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen ness: %s%s%s\nTry 'nessgen ness --help'.\n", msg, arg ? " " : "",
            arg ? arg : "");
    return CLI_EUSAGE;
}

/* Progress on a terminal, with an ETA once GMRES runs: the residual has
 * fallen geometrically so far, so the time left is the time per decade so
 * far times the decades still to go to the target. */
typedef struct {
    double tol;   /* the solver's target */
    double start; /* seconds at the first GMRES report, or < 0 */
    double r0;    /* its residual */
} progress_state;

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress_tty(void *arg, const char *stage, int it, double res)
{
    progress_state *P = arg;
    if (it == 0) {
        fprintf(stderr, "\rness: %-60s", stage);
    } else if (P->start < 0 || !(res > 0) || !(res < P->r0)) {
        if (P->start < 0)
            P->start = seconds_now(), P->r0 = res;
        fprintf(stderr, "\rness: %s iteration %d, relative residual %.2e%20s", stage, it, res,
                "");
    } else {
        double per_decade = (seconds_now() - P->start) / log10(P->r0 / res);
        double left = per_decade * fmax(0.0, log10(res / P->tol));
        fprintf(stderr, "\rness: %s iteration %d, relative residual %.2e, about %.0f s left   ",
                stage, it, res, left);
    }
    fflush(stderr);
}

/* The solver's parameters at λ, with progress (and an ETA) on a terminal. */
static ng_status solve_one(ng_ness_point_t X, const ng_ness_model_t D,
                           const ng_ness_probes_t P, double lambda)
{
    ng_ness_params p;
    ng_status st;
    progress_state Q = {0.0, -1.0, 0.0};
    ng_ness_params_init(&p, lambda);
    Q.tol = p.tol;
    if (isatty(STDERR_FILENO)) {
        p.progress = progress_tty;
        p.progress_arg = &Q;
    }
    st = ng_ness_point_solve(X, D, P, &p);
    if (p.progress != NULL)
        fprintf(stderr, "\r%90s\r", "");
    return st;
}

/* A converged solve whose honesty figures support no digit at all: printing
 * it would be noise with exit 0 (README, ness), so the caller fails with 1. */
static int no_digits(const ng_ness_t S)
{
    if (S->trusted_digits > 0)
        return 0;
    fprintf(stderr,
            "nessgen ness: lambda = %g: the solution supports no significant digits "
            "(estimated relative error %.1e = condition estimate %.2e times the backward "
            "error); nothing printed\n",
            S->lambda, S->rel_error_est, S->cond_est);
    return 1;
}
/* Refuses an N that cannot fit, with the figure; states the memory of a
 * large run (over 1 GiB) before it starts, on a terminal. */
static int check_size(cli_t *cli, int N)
{
    ng_status st = ng_ness_check_size(N, NULL, cli_memory_budget());
    /* measured at lambda = 0.01 with the sector basis: N = 11 in 36 s CPU,
     * N = 12 in 200 s (x5.6; bench/RESULTS.md, issue 13 speed, second pass) */
    if (st == NG_OK && N >= 9) {
        char what[96];
        snprintf(what, sizeof what, "the full Liouvillian for N = %d (4^N = %.0f unknowns), "
                 "per lambda", N, pow(4.0, N));
        cli_announce(cli, what, ng_ness_bytes(N, NULL), 36.0, 11, 5.6, N);
    }
    return st == NG_OK ? CLI_OK : cli_fail(cli, st);
}

/* Fails (exit 1) when no printed value supports a digit; warns on stderr of
 * the values that none supports (the report has a warning for each). */
static int report_noise(const ng_ness_point_t X)
{
    char noise[1024];
    int total, n = ng_ness_point_noise(noise, sizeof noise, &total, X);
    if (n == total) {
        fprintf(stderr, "nessgen ness: lambda = %g: no printed value supports a significant "
                        "digit (error estimate %.1e per Pauli string); nothing printed\n",
                X->S->lambda, X->E->state_error);
        return CLI_ECOMPUTE;
    }
    if (n > 0)
        fprintf(stderr, "nessgen ness: warning: lambda = %g: no significant digit is "
                        "supported for %s (error estimates at or above the values)\n",
                X->S->lambda, noise);
    return CLI_OK;
}

/* One λ: solve, judge, add to the report.  A stalled GMRES is still added
 * (with its warning; *stalled set) and then fails with exit 1. */
static int ness_at(cli_t *cli, ng_report_t rep, const ng_ness_model_t D,
                   const ng_ness_probes_t P, const ng_user_obs_struct *U, double lambda, int *stalled)
{
    ng_ness_point_t X;
    char buf[512];
    int status = CLI_OK;
    ng_status st;
    ng_ness_point_init(X);
    st = solve_one(X, D, P, lambda);
    if (!X->filled) {
        status = cli_fail(cli, st);
    } else if (st == NG_OK && no_digits(X->S)) {
        status = CLI_ECOMPUTE;
    } else {
        const char *w = ng_ness_trust_warning(buf, sizeof buf, X->S);
        if (st != NG_OK)
            fprintf(stderr, "nessgen ness: %s\n", ng_error_message());
        if (w != NULL)
            fprintf(stderr, "nessgen ness: warning: %s\n", w);
        status = report_noise(X);
        if (status == CLI_OK)
            ng_ness_point_report(rep, X, U->obs);
        *stalled = status == CLI_OK && st != NG_OK;
        if (st != NG_OK)
            status = CLI_ECOMPUTE;
    }
    ng_ness_point_clear(X);
    return status;
}

static int run_ness(cli_t *cli, const ng_ness_model_t D, const ng_model_t M,
                    const ng_ness_probes_t P, const ng_user_obs_struct *U, const double *lam, int nl)
{
    ng_report_t rep;
    int status = CLI_OK, stalled = 0;
    cli_report_init(rep, cli, M);
    ng_report_title(rep, NULL, "The NESS of the full Liouvillian at finite $\\lambda$");
    ng_report_note(rep, NG_REPORT_LATEX,
                   "Double precision.  Each value is rounded to the significant digits its "
                   "own error estimate supports (at most %d; -- for none): the state's "
                   "estimated error (condition estimate times backward error) through "
                   "Cauchy--Schwarz, $|\\delta\\langle A\\rangle| \\le \\|A\\|_{HS}"
                   "\\|\\delta\\rho\\|_{HS}$.\n", NG_NESS_SHOWN_DIGITS);
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, M->N), NG_REPORT_JSON);
    ng_report_begin_list(rep, "results"); /* a list even for one λ */
    for (int k = 0; k < nl && status == CLI_OK; k++)
        status = ness_at(cli, rep, D, P, U, lam[k], &stalled);
    ng_report_end(rep);
    if (status == CLI_OK || stalled)
        cli_report_write(cli, rep);
    ng_report_clear(rep);
    return status;
}

static int run_sweep(cli_t *cli, const ng_ness_model_t D, ng_model_t M,
                     const ng_ness_probes_t P, const double *lam, int nl)
{
    ng_ness_sweep_t W;
    int status = CLI_OK;
    ng_status st = ng_ness_sweep_init(W, M);
    if (st != NG_OK)
        status = cli_fail(cli, st);
    for (int k = 0; k < nl && status == CLI_OK; k++) {
        ng_ness_point_t X;
        ng_ness_point_init(X);
        st = solve_one(X, D, P, lam[k]);
        if (st != NG_OK)
            status = cli_fail(cli, st);
        else if (no_digits(X->S))
            status = CLI_ECOMPUTE;
        else
            ng_ness_sweep_add(W, X);
        ng_ness_point_clear(X);
    }
    if (status == CLI_OK) {
        ng_report_t rep;
        cli_report_init(rep, cli, M);
        ng_ness_sweep_report(rep, W, ng_elem_get_d(M->h, M->R)); /* T = h/artanh t */
        cli_report_write(cli, rep);
        ng_report_clear(rep);
    }
    ng_ness_sweep_clear(W);
    return status;
}

/* Dispatch after the model is read: certified, sweep or ness. */
static int run(cli_t *cli, ng_model_t M, const ng_user_obs_struct *U, const double *lam, int nl,
               int sweep)
{
    ng_ness_model_t D;
    ng_ness_probes_t P;
    int status;
    ng_status st;
    if (sweep && U->n > 0)
        return usage("--observable: give it to 'ness' (the sweep compares t_l and the "
                     "currents), not to", "'ness sweep'");
    st = ng_ness_probes_init(P, M, U->obs, U->n);
    if (st == NG_OK)
        st = ng_ness_model_init(D, M);
    if (st != NG_OK) {
        ng_ness_probes_clear(P);
        return cli_fail(cli, st);
    }
    status = sweep ? run_sweep(cli, D, M, P, lam, nl) : run_ness(cli, D, M, P, U, lam, nl);
    ng_ness_model_clear(D);
    ng_ness_probes_clear(P);
    return status;
}

int cmd_ness(cli_t *cli)
{
    ng_model_t M;
    ng_user_obs_t U;
    double lam[MAX_LAMBDAS];
    int nl = 0, sweep = 0, certified = 0, status;
    if (cli->npositional > 1 ||
        (cli->npositional == 1 && strcmp(cli->positional[0], "sweep") != 0 &&
         strcmp(cli->positional[0], "certified") != 0))
        return usage("unexpected argument", cli->positional[0]);
    certified = cli->npositional == 1 && strcmp(cli->positional[0], "certified") == 0;
    sweep = cli->npositional == 1 && !certified;
    if (cli->lambda != NULL) {
        status = cli_lambda_list(cli, lam, &nl, MAX_LAMBDAS);
        if (status != CLI_OK)
            return status;
    } else if (sweep) {
        nl = (int)(sizeof sweep_default / sizeof sweep_default[0]);
        memcpy(lam, sweep_default, sizeof sweep_default);
    } else {
        return usage("--lambda is required (e.g. --lambda 0.01 or --lambda 0.1,0.01)", NULL);
    }
    if (cli->N != 0 && (status = check_size(cli, cli->N)) != CLI_OK)
        return status;
    status = cli_resolve_model(cli, M, "tilted-ising", 2);
    if (status != CLI_OK)
        return status;
    if ((status = cli_user_obs_init(U, cli, M->N)) == CLI_OK) {
        status = certified ? cmd_ness_certified(cli, M, U->n) : run(cli, M, U, lam, nl, sweep);
        ng_user_obs_clear(U);
    }
    ng_model_clear(M);
    return status;
}
