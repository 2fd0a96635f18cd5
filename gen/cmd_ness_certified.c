/* nessgen ness certified: the certified NESS of L0 + λL1 + λ²L2 at each λ of
 * --lambda (numerics.h, ng_ness_certify; N ≤ NG_NESS_CERT_MAX_N), reported as
 * balls (ng_ness_cert_report) by the writer of the chosen format. */
#include <string.h>

#include "cli.h"
#include "nessgen/numerics.h"
#include "nessgen/report.h"

#define CERT_DIGITS 30 /* digits of the balls in text and JSON (radii are about 1e-35) */

/* Refusals before any work (exit 2). */
static int refuse(cli_t *cli, const ng_model_t M, int nobservables)
{
    if (nobservables > 0)
        return cli_fail(cli, ng_error(NG_EINPUT, "--observable: not with 'ness certified' "
                                                 "(it prints the local observables)"));
    if (M->N > NG_NESS_CERT_MAX_N)
        return cli_fail(cli, ng_error(NG_EINPUT,
                                      "'ness certified' takes N <= %d (a dense 4^N x 4^N "
                                      "inverse), got N = %d",
                                      NG_NESS_CERT_MAX_N, M->N));
    return CLI_OK;
}

/* One λ as typed: certify and add it to the report. */
static int certify_one(cli_t *cli, ng_report_t rep, const ng_model_t M, const char *tok,
                       const ng_ring_t R, slong prec)
{
    arb_t lam;
    ng_ness_cert_t C;
    int status;
    arb_init(lam);
    ng_ness_cert_init(C);
    status = cli_lambda_ball(cli->command, lam, tok, prec);
    if (status == CLI_OK) {
        ng_status st = ng_ness_certify(C, M, lam, prec);
        if (st != NG_OK)
            status = cli_fail(cli, st);
        else
            ng_ness_cert_report(rep, C, tok, lam, M, R);
    }
    ng_ness_cert_clear(C);
    arb_clear(lam);
    return status;
}

int cmd_ness_certified(cli_t *cli, const ng_model_t M, int nobservables)
{
    slong prec = FLINT_MAX(cli->prec, 128) + 64;
    char *list, *save = NULL;
    ng_report_t rep;
    ng_ring_t R; /* the report's balls live here until it is written */
    int status = refuse(cli, M, nobservables);
    if (status != CLI_OK)
        return status;
    ng_ring_init_ball(R, prec);
    list = flint_malloc(strlen(cli->lambda) + 1);
    strcpy(list, cli->lambda);
    /* LaTeX: --digits decimal places (a table to paste); else every digit */
    ng_report_init(rep, cli->command, cli->command_line, ng_model_to_json(M, cli->digits),
                   cli->format == NG_FORMAT_LATEX ? cli->digits : CERT_DIGITS);
    ng_report_title(rep, NULL, "The certified NESS of the full Liouvillian");
    {
        char *rule = ng_report_latex_rounding_rule_str(rep->digits);
        ng_report_note(rep, NG_REPORT_LATEX, "%s", rule);
        flint_free(rule);
    }
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, M->N), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_bool(rep, "certified", "certified", NULL, 1),
                           NG_REPORT_JSON);
    ng_report_begin_list(rep, "results"); /* a list even for one λ (DESIGN §4) */
    for (char *tok = strtok_r(list, ",", &save); tok != NULL && status == CLI_OK;
         tok = strtok_r(NULL, ",", &save))
        status = certify_one(cli, rep, M, tok, R, prec);
    ng_report_end(rep);
    if (status == CLI_OK)
        cli_report_write(cli, rep);
    ng_report_clear(rep);
    ng_ring_clear(R);
    flint_free(list);
    return status;
}
