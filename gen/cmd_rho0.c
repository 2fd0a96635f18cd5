/* nessgen rho0: the zeroth-order NESS for N spins (Sect. III, Eqs. 45–47; the
 * degenerate condition of Eqs. 24, 41–43 where needed) and its local
 * observables (Sect. IV C, Eq. 150), exact or certified; the result and its
 * report are the library's (results.h), this file keeps options and I/O. */
#include <unistd.h>

#include "cli.h"
#include "cli_extra.h"
#include "nessgen/results.h"

/* Refuses what closed forms (free names) do not take, else runs them. */
static int closed_forms(cli_t *cli, ng_model_t M)
{
    if (cli->nobservables > 0) {
        fprintf(stderr, "nessgen rho0: --observable: not available for closed forms (free "
                        "names in the model); give values for every parameter\n");
        return CLI_EUSAGE;
    }
    return cmd_rho0_closed(cli, M);
}

static int refuse_closed_only_options(cli_t *cli, const ng_model_t M)
{
    if ((cli->format == NG_FORMAT_PYTHON || cli->format == NG_FORMAT_C) &&
        M->R->kind != NG_QQ_PARAMS) {
        fprintf(stderr, "nessgen rho0: --format %s: writes closed forms; give at least "
                        "one free name (e.g. --theta theta)\n", ng_format_name(cli->format));
        return CLI_EUSAGE;
    }
    if (cli->max_cpu > 0 && M->R->kind != NG_QQ_PARAMS) {
        fprintf(stderr, "nessgen rho0: --max-cpu: limits closed forms; give at least one "
                        "free name (e.g. --theta theta)\n");
        return CLI_EUSAGE;
    }
    return CLI_OK;
}

/* measured: N = 10 in 1.6 s CPU with simple levels (bench/RESULTS.md,
 * issue 15); the cluster route (degenerate levels, found only once the run
 * has started) prints its own estimate when its dimensions are known */
static void announce(const cli_t *cli, int N, const ng_engine_opts *o)
{
    char what[192];
    if (N < 11)
        return;
    snprintf(what, sizeof what,
             "rho0 for N = %d (2^N = %ld states), %ld digits; the figures are for simple "
             "levels (degenerate ones: the cluster route's own estimate follows)",
             N, (long)(WORD(1) << N), (long)o->digits);
    cli_announce(cli, what, ng_engine_rho0_bytes(N, o), 1.6, 10, 4.2, N);
}

static int run(cli_t *cli, ng_model_t M, const ng_user_obs_t U)
{
    ng_engine_opts o;
    ng_rho0_result_t r;
    ng_report_t rep;
    cli_progress P;
    ng_status st;
    int status;
    ng_engine_opts_init(&o);
    o.digits = cli->digits + (cli->format == NG_FORMAT_LATEX ? CLI_LATEX_GUARD_DIGITS : 0);
    o.progress = M->N >= 10 && isatty(STDERR_FILENO) ? stderr : NULL;
    if (o.progress != NULL)
        cli_progress_attach(&P, cli, &o);
    o.max_bytes = cli_memory_budget(); /* the cluster route's own check */
    st = ng_engine_rho0_check_size(M->N, &o, cli_memory_budget());
    if (st != NG_OK)
        return cli_fail(cli, st);
    announce(cli, M->N, &o);
    st = ng_rho0_result_compute(r, M, &o, U, cli->digits);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
        ng_rho0_result_clear(r);
        return status;
    }
    cli_report_init(rep, cli, M);
    ng_rho0_result_report(rep, r, M);
    status = cli_report_write(cli, rep);
    ng_report_clear(rep);
    ng_rho0_result_clear(r);
    return status;
}

int cmd_rho0(cli_t *cli)
{
    ng_model_t M;
    ng_user_obs_t U;
    int status = cli_resolve_model(cli, M, "tilted-ising", 2);
    if (status != CLI_OK)
        return status;
    status = refuse_closed_only_options(cli, M);
    if (status == CLI_OK && M->R->kind == NG_QQ_PARAMS)
        status = closed_forms(cli, M);
    else if (status == CLI_OK && (status = cli_user_obs_init(U, cli, M->N)) == CLI_OK) {
        status = run(cli, M, U);
        ng_user_obs_clear(U);
    }
    ng_model_clear(M);
    return status;
}
