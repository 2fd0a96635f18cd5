/* nessgen ness certified: the certified NESS of L0 + λL1 + λ²L2 at each λ of
 * --lambda (numerics.h, ng_ness_certify; N ≤ NG_NESS_CERT_MAX_N), printed as
 * balls with the local observables' writers of rho0 and series (cli_obs.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_obs.h"
#include "nessgen/numerics.h"
#include "nessgen/report.h"

#define CERT_DIGITS 30 /* digits of the balls printed (radii are about 1e-35) */

/* An upper bound x rounded up to two significant digits: the bounds depend
 * on the rounding errors of the approximate inverse (the BLAS kernel), the
 * printed figures should not.  (The refinement count, which can differ by
 * one between kernels, is not printed.) */
static double up2(double x)
{
    double q;
    if (!(x > 0.0) || !isfinite(x))
        return x;
    q = pow(10.0, floor(log10(x)) - 1.0);
    return ceil(x / q * (1.0 - 1e-12)) * q;
}

static json_t *certificate_json(const ng_ness_cert_t C)
{
    return json_pack("{s:s,s:f,s:f,s:i,s:i}", "method",
                     "approximate inverse of the lambda-scaled real system, certified "
                     "||I - R A||_1 < 1, refinement with ball residuals",
                     "inverse_residual_bound", up2(C->beta), "scaled_error_bound",
                     up2(C->radius), "scale_exponent", C->scale_exp, "precision_bits",
                     (int)C->prec);
}

static void write_one(cli_t *cli, json_t *res, const char *tok, const arb_t lam,
                      const ng_ness_cert_t C, const ng_engine_obs_t O, const ng_model_t M,
                      const ng_ring_t R)
{
    slong dg = CERT_DIGITS, prec = C->prec;
    if (res != NULL) {
        json_t *l = json_pack("{s:s,s:o}", "given", tok, "value", cli_ball_json(lam, dg, prec));
        json_object_set_new(res, "lambda", l);
        cli_obs_json(res, O, M, R, dg, prec, 1);
        json_object_set_new(res, "certificate", certificate_json(C));
    } else if (cli->format == NG_FORMAT_CSV) {
        char prefix[128];
        snprintf(prefix, sizeof prefix, "%.100s,", tok);
        cli_obs_csv(cli->out, prefix, O, M, R, dg, prec, 1);
    } else {
        fprintf(cli->out, "certified NESS of L = L0 + lambda L1 + lambda^2 L2, N = %d, "
                          "lambda = %s (balls contain the exact values)\n",
                M->N, tok);
        cli_obs_text(cli->out, O, M, R, dg, prec, 1);
        fprintf(cli->out,
                "certificate: ||I - R A||_1 <= %.2g for the lambda-scaled system (scale "
                "2^%d), error of its coordinates <= %.2g (1-norm), refined with ball "
                "residuals at %ld bits\n",
                up2(C->beta), C->scale_exp, up2(C->radius), (long)C->prec);
    }
}

int cmd_ness_certified(cli_t *cli, const ng_model_t M, int nobservables)
{
    slong prec = FLINT_MAX(cli->prec, 128) + 64;
    char *list, *save = NULL;
    json_t *doc = NULL, *results = NULL;
    int status = CLI_OK;
    if (cli->format == NG_FORMAT_LATEX)
        return cli_fail(cli, ng_error(NG_EINPUT, "--format latex: 'ness certified' writes "
                                                 "text, json or csv"));
    if (nobservables > 0)
        return cli_fail(cli, ng_error(NG_EINPUT, "--observable: not with 'ness certified' "
                                                 "(it prints the local observables)"));
    if (M->N > NG_NESS_CERT_MAX_N)
        return cli_fail(cli, ng_error(NG_EINPUT,
                                      "'ness certified' takes N <= %d (a dense 4^N x 4^N "
                                      "inverse), got N = %d",
                                      NG_NESS_CERT_MAX_N, M->N));
    list = flint_malloc(strlen(cli->lambda) + 1);
    strcpy(list, cli->lambda);
    if (cli->format == NG_FORMAT_JSON) {
        doc = cli_json_document(cli, M);
        json_object_set_new(doc, "N", json_integer(M->N));
        json_object_set_new(doc, "certified", json_true());
        results = json_array();
    } else if (cli->format == NG_FORMAT_CSV) {
        fprintf(cli->out, "lambda,");
        cli_obs_csv_header(cli->out, 1); /* balls: name_mid, name_rad */
        fputc('\n', cli->out);
    }
    for (char *tok = strtok_r(list, ",", &save); tok != NULL && status == CLI_OK;
         tok = strtok_r(NULL, ",", &save)) {
        arb_t lam;
        ng_ness_cert_t C;
        arb_init(lam);
        ng_ness_cert_init(C);
        status = cli_lambda_ball(cli->command, lam, tok, prec);
        if (status == CLI_OK) {
            ng_status st = ng_ness_certify(C, M, lam, prec);
            if (st != NG_OK) {
                status = cli_fail(cli, st);
            } else {
                ng_ring_t R;
                ng_engine_obs_t O;
                json_t *r = results != NULL ? json_object() : NULL;
                ng_ring_init_ball(R, prec);
                ng_engine_obs_init(O, M->N, R);
                ng_ness_cert_obs(O, C, R);
                write_one(cli, r, tok, lam, C, O, M, R);
                if (r != NULL)
                    json_array_append_new(results, r);
                ng_engine_obs_clear(O, R);
                ng_ring_clear(R);
            }
        }
        ng_ness_cert_clear(C);
        arb_clear(lam);
    }
    if (doc != NULL) { /* "results": a list even for one λ (DESIGN §4) */
        json_object_set_new(doc, "results", results);
        if (status == CLI_OK)
            ng_report_json_write(cli->out, doc);
        json_decref(doc);
    }
    flint_free(list);
    return status;
}
