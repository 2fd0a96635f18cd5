/* nessgen series: the local observables of the series terms ρ_0 … ρ_m of the
 * NESS, ρ = Σ λ^m ρ_m (Sect. III B, Eqs. 52, 55, 62), certified, and with
 * --lambda their sum at that λ; the result and its report are the library's
 * (results.h), this file keeps options and I/O. */
#include <unistd.h>

#include "cli.h"
#include "cli_extra.h"
#include "nessgen/results.h"

static int usage(const char *msg)
{
    fprintf(stderr, "nessgen series: %s\nTry 'nessgen series --help'.\n", msg);
    return CLI_EUSAGE;
}

/* Bad --lambda is reported before the computation. */
static int check_lambda(const char *text)
{
    ng_ring_t B;
    ng_ptr x;
    ng_status st;
    ng_ring_init_ball(B, 64);
    x = ng_elem_new(B);
    st = ng_series_parse_lambda(x, text, B);
    ng_elem_free(x, B);
    ng_ring_clear(B);
    if (st == NG_OK)
        return CLI_OK;
    if (st == NG_EINPUT)
        return usage(ng_error_message());
    fprintf(stderr, "nessgen series: %s\n", ng_error_message());
    return CLI_ECOMPUTE;
}

/* measured: N = 7, order 2 in 4.9 s CPU (bench/RESULTS.md, issue 15); ~ order + 1 */
static void announce(const cli_t *cli, int N, const ng_engine_opts *o)
{
    char what[96];
    if (N < 8)
        return;
    snprintf(what, sizeof what, "the series to order %d for N = %d", cli->order, N);
    cli_announce(cli, what, ng_engine_series_bytes(N, cli->order, o),
                 4.9 * (cli->order + 1) / 3.0, 7, 7.0, N);
}

static int run(cli_t *cli, ng_model_t M, const ng_user_obs_t U)
{
    ng_engine_opts o;
    ng_series_result_t r;
    ng_report_t rep;
    cli_progress P;
    ng_status st;
    int status = CLI_OK;
    ng_engine_opts_init(&o);
    o.digits = cli->digits + (cli->format == NG_FORMAT_LATEX ? CLI_LATEX_GUARD_DIGITS : 0);
    o.progress = M->N >= 8 && isatty(STDERR_FILENO) ? stderr : NULL;
    if (o.progress != NULL)
        cli_progress_attach(&P, cli, &o);
    announce(cli, M->N, &o);
    st = ng_series_result_compute(r, M, cli->order, &o, U, cli->lambda, cli->digits);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
    } else {
        cli_report_init(rep, cli, M);
        ng_series_result_report(rep, r, M);
        status = cli_report_write(cli, rep);
        ng_report_clear(rep);
    }
    ng_series_result_clear(r);
    return status;
}

int cmd_series(cli_t *cli)
{
    ng_model_t M;
    ng_user_obs_t U;
    int status;
    if (cli->order < 0)
        return usage("--order m is required (0 <= m <= 20)");
    if (cli->lambda != NULL && (status = check_lambda(cli->lambda)) != CLI_OK)
        return status;
    status = cli_resolve_model(cli, M, "tilted-ising", 2);
    if (status != CLI_OK)
        return status;
    if ((status = cli_user_obs_init(U, cli, M->N)) == CLI_OK) {
        status = run(cli, M, U);
        ng_user_obs_clear(U);
    }
    ng_model_clear(M);
    return status;
}
