/* nessgen check: a user's NESS results (CSV) against the weak-coupling series
 * ρ0 + λρ1 of the N-spin engine (check.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_extra.h"
#include "nessgen/check.h"

/* --observable EXPR: the CSV column obsK (K-th observable, as `nessgen ness
 * --observable EXPR --format csv` writes it) against <O>_rho0 + lambda <O>_rho1. */
static const char *const obs_columns[NG_CHECK_MAX_EXTRA] = {"obs1", "obs2", "obs3", "obs4",
                                                             "obs5", "obs6", "obs7", "obs8"};

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "nessgen check: %s%s%s\nTry 'nessgen check --help'.\n", msg,
            arg ? " " : "", arg ? arg : "");
    return CLI_EUSAGE;
}

/* The whole file (or stdin for "-"), at most NG_CHECK_MAX_BYTES + 1 bytes so
 * the reader can refuse a larger one. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t cap = 1 << 16, n = 0, limit = (size_t)NG_CHECK_MAX_BYTES + 1;
    char *buf;
    if (f == NULL)
        return NULL;
    buf = malloc(cap);
    while (buf != NULL && n < limit) {
        size_t got;
        if (n == cap) {
            char *b = realloc(buf, cap * 2);
            if (b == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
        got = fread(buf + n, 1, (cap < limit ? cap : limit) - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

/* Writes the report (ng_check_report); an inconsistent verdict (on t or an
 * observable) is the answer: written, then exit 1 with its reason. */
static int write_report(cli_t *cli, const ng_model_t M, const ng_check_data_t D,
                        const ng_check_result_t res, const ng_user_obs_struct *U,
                        const ng_check_obs_result_struct *obs)
{
    const char *reason = res->verdict == 0 ? res->reason : NULL;
    ng_report_t rep;
    int status;
    for (int k = 0; k < U->n && reason == NULL; k++)
        if (obs[k].verdict == 0)
            reason = obs[k].reason;
    cli_report_init(rep, cli, M);
    ng_check_report(rep, D, res, U->obs, obs, U->n, cli->input);
    cli_report_write(cli, rep);
    ng_report_clear(rep);
    if (reason == NULL)
        return CLI_OK;
    status = cli_finish(cli);
    fprintf(stderr, "nessgen check: %s\n", reason);
    return status != CLI_OK ? status : CLI_ECOMPUTE;
}

int cmd_check(cli_t *cli)
{
    ng_check_data_t D;
    ng_check_result_t res;
    ng_model_t M;
    ng_status st;
    char *text;
    size_t len = 0;
    int status;
    ng_user_obs_t U;
    ng_check_obs_result_struct obs[NG_CHECK_MAX_EXTRA];
    if (cli->input == NULL)
        return usage("--input FILE is required (CSV with columns lambda,site,t)", NULL);
    text = slurp(cli->input, &len);
    if (text == NULL) {
        fprintf(stderr, "nessgen check: cannot read %s: %s\n", cli->input, strerror(errno));
        return CLI_EUSAGE;
    }
    if (cli->nobservables > NG_CHECK_MAX_EXTRA) {
        free(text);
        return usage("--observable: at most 8 observables", NULL);
    }
    st = ng_check_read_csv_extra(D, text, len, cli->input, obs_columns, cli->nobservables);
    free(text);
    if (st != NG_OK)
        return cli_fail(cli, st);
    /* The data's largest site is the N they were computed for. */
    if (cli_model_N(cli, D->max_site) != D->max_site) {
        fprintf(stderr,
                "nessgen check: %s: N = %d, but %s has sites 1 to %d; the model must be "
                "the one the data were computed for\n",
                cli->N != 0 ? "--N" : "the model file", cli_model_N(cli, D->max_site),
                cli->input, D->max_site);
        ng_check_data_clear(D);
        return CLI_EUSAGE;
    }
    status = cli_resolve_model(cli, M, "tilted-ising", D->max_site < 2 ? 2 : D->max_site);
    if (status != CLI_OK) {
        ng_check_data_clear(D);
        return status;
    }
    if ((status = cli_user_obs_init(U, cli, M->N)) != CLI_OK) {
        ng_check_data_clear(D);
        ng_model_clear(M);
        return status;
    }
    st = ng_check_analyse_all(res, obs, D, M, U->obs, U->n);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
    } else {
        status = write_report(cli, M, D, res, U, obs);
        for (int k = 0; k < U->n; k++)
            ng_check_obs_result_clear(obs + k);
        ng_check_result_clear(res);
    }
    ng_user_obs_clear(U);
    ng_check_data_clear(D);
    ng_model_clear(M);
    return status;
}
