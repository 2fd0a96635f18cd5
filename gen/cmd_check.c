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

static void observable_text(FILE *out, const char *expr, int k,
                            const ng_check_obs_result_t r)
{
    fprintf(out, "\nobservable %d (column obs%d): <%s>, reference %s = %.12g%s", k + 1, k + 1,
            expr, r->order == 1 ? "o0 + lambda o1 with o0" : "o0 (no series)", r->ref[0],
            r->order == 1 ? "" : "\n");
    if (r->order == 1)
        fprintf(out, ", o1 = %.12g, |o2| = %.3e\n", r->ref[1], fabs(r->ref[2]));
    fprintf(out, "%10s  %16s  %16s  %11s  %11s  %10s  %s\n", "lambda", "<O> (data)",
            r->order == 1 ? "o0 + lambda o1" : "o0", "o - o0", "o-o0-l o1", "allowed", "ok");
    for (slong i = 0; i < r->nrows; i++) {
        const ng_check_obs_row *w = r->rows + i;
        fprintf(out, "%10g  %16.10f  %16.10f  %11.3e  %11.3e  %10.2e  %s\n", w->lambda,
                w->value, w->ref, w->dev0, w->dev1, w->allowed,
                w->ok < 0 ? "-" : w->ok ? "ok" : "DEVIATES");
    }
    fprintf(out, "fitted orders: |o - o0| %.3f, |o - o0 - lambda o1| %.3f\n", r->order0,
            r->order1);
    fprintf(out, "verdict for <%s>: %s\n", expr, r->reason);
}

static json_t *observable_json(const char *expr, int k, const ng_check_obs_result_t r)
{
    json_t *o = json_object(), *rows = json_array();
    json_object_set_new(o, "expression", json_string(expr));
    json_object_set_new(o, "column", json_string(obs_columns[k]));
    json_object_set_new(o, "reference", json_pack("{s:i,s:o,s:o,s:o}", "order", r->order, "o0",
                                                   json_real(r->ref[0]), "o1",
                                                   r->order == 1 ? json_real(r->ref[1]) : json_null(),
                                                   "o2", r->order == 1 ? json_real(r->ref[2]) : json_null()));
    for (slong i = 0; i < r->nrows; i++) {
        const ng_check_obs_row *w = r->rows + i;
        json_t *x = json_pack("{s:i,s:f,s:f,s:f,s:f}", "line", (int)w->line, "lambda", w->lambda,
                              "value", w->value, "reference", w->ref, "dev_rho0", w->dev0);
        json_object_set_new(x, "dev_rho0_rho1", isfinite(w->dev1) ? json_real(w->dev1) : json_null());
        json_object_set_new(x, "allowed", isfinite(w->allowed) ? json_real(w->allowed) : json_null());
        json_object_set_new(x, "ok", w->ok < 0 ? json_null() : json_boolean(w->ok));
        json_array_append_new(rows, x);
    }
    json_object_set_new(o, "rows", rows);
    json_object_set_new(o, "order_rho0", isfinite(r->order0) ? json_real(r->order0) : json_null());
    json_object_set_new(o, "order_rho0_rho1",
                        isfinite(r->order1) ? json_real(r->order1) : json_null());
    json_object_set_new(o, "verdict", json_string(r->verdict == 1 ? "consistent"
                                                  : r->verdict == 0 ? "inconsistent"
                                                                    : "undecided"));
    json_object_set_new(o, "reason", json_string(r->reason));
    return o;
}

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

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static const char *verdict_word(int v)
{
    return v == 1 ? "consistent" : v == 0 ? "inconsistent" : "undecided";
}

/* The reference t0 + λt1 is printed to 10 decimals; it is accurate to them
 * while the first omitted term, λ² max_l |t2_l| (known: the engine computes
 * ρ2 for the scale), stays below 1e-10.  NaN without a series. */
#define CHECK_SHOWN 1e-10
static double reference_lambda_max(const ng_check_result_t res)
{
    return res->order == 1 && res->t2_max > 0.0 ? sqrt(CHECK_SHOWN / res->t2_max) : NAN;
}

/* The note on rows skipped for an empty value (ng_check_data_struct.nempty). */
static const char *empty_rows(const ng_check_data_t D)
{
    static char buf[160];
    snprintf(buf, sizeof buf, "%ld row%s with an empty '%s' (no digit supported) skipped",
             (long)D->nempty, D->nempty == 1 ? "" : "s", D->column);
    return buf;
}

static void write_json(cli_t *cli, const ng_model_t M, const ng_check_data_t D,
                       const ng_check_result_t res, const cli_user_obs *U,
                       const ng_check_obs_result_struct *obs)
{
    json_t *doc = cli_json_document(cli, M), *ref = json_object(), *orders = json_array(),
           *rows = json_array();
    json_object_set_new(doc, "input", json_string(cli->input));
    json_object_set_new(doc, "quantity", json_string(D->column));
    json_object_set_new(doc, "N", json_integer(res->N));
    if (D->nempty)
        json_array_append_new(ng_report_json_warnings(doc), json_string(empty_rows(D)));
    /* the reference as series' "orders": {"m", "sites": [{"site", "t"}]} for
     * m = 0 and, with the series, m = 1 (t0 + λ t1) */
    for (int m = 0; m <= res->order; m++) {
        json_t *sites = json_array();
        for (int l = 0; l < res->N; l++)
            json_array_append_new(sites, json_pack("{s:i,s:o}", "site", l + 1, "t",
                                                   jnum(m == 0 ? res->t0[l] : res->t1[l])));
        json_array_append_new(orders, json_pack("{s:i,s:o}", "m", m, "sites", sites));
    }
    json_object_set_new(ref, "order", json_integer(res->order));
    json_object_set_new(ref, "orders", orders);
    json_object_set_new(ref, "t2_max", res->order == 1 ? jnum(res->t2_max) : json_null());
    json_object_set_new(ref, "lambda_max_1e-10", jnum(reference_lambda_max(res)));
    json_object_set_new(doc, "reference", ref);
    /* "results": one object per λ of the file (in order of first appearance),
     * its rows as "sites" (DESIGN §4) */
    for (slong i = 0; i < res->nrows; i++) {
        const ng_check_row *r = res->rows + i;
        json_t *o = json_object(), *per = NULL;
        for (size_t k = 0; k < json_array_size(rows); k++)
            if (json_real_value(json_object_get(json_array_get(rows, k), "lambda")) == r->lambda)
                per = json_object_get(json_array_get(rows, k), "sites");
        if (per == NULL) {
            per = json_array();
            json_array_append_new(rows, json_pack("{s:f,s:o}", "lambda", r->lambda, "sites", per));
        }
        json_object_set_new(o, "site", json_integer(r->site));
        json_object_set_new(o, "line", json_integer(r->line));
        json_object_set_new(o, "t", jnum(r->t));
        json_object_set_new(o, "reference", jnum(r->ref));
        json_object_set_new(o, "dev_rho0", jnum(r->dev0));
        json_object_set_new(o, "dev_rho0_rho1", jnum(r->dev1));
        json_object_set_new(o, "allowed", jnum(r->allowed));
        json_object_set_new(o, "ok", r->ok < 0 ? json_null() : json_boolean(r->ok));
        json_array_append_new(per, o);
    }
    json_object_set_new(doc, "results", rows);
    {
        json_t *fo = json_array();
        for (int l = 0; l < res->N; l++)
            json_array_append_new(fo, json_pack("{s:i,s:o,s:o}", "site", l + 1, "rho0",
                                                jnum(res->order0[l]), "rho0_rho1",
                                                jnum(res->order1[l])));
        json_object_set_new(doc, "fitted_order", fo);
    }
    json_object_set_new(doc, "verdict", json_string(verdict_word(res->verdict)));
    json_object_set_new(doc, "reason", json_string(res->reason));
    {
        json_t *a = json_array();
        for (int k = 0; k < U->n; k++)
            json_array_append_new(a, observable_json(U->obs[k].text, k, obs + k));
        json_object_set_new(doc, "observables", a);
    }
    ng_report_json_write(cli->out, doc);
    json_decref(doc);
}

static void write_text(FILE *out, const cli_t *cli, const ng_model_t M, const ng_check_data_t D,
                       const ng_check_result_t res)
{
    fprintf(out, "nessgen check: %s (column '%s'%s) against the weak-coupling limit, N = %d%s%s\n",
            cli->input, D->column, D->quantity == NG_CHECK_TEMPERATURE ? ", t = tanh(h/T)" : "",
            res->N, M->preset ? ", preset " : "", M->preset ? M->preset : "");
    if (D->nempty)
        fprintf(out, "warning: %s\n", empty_rows(D));
    if (res->order == 1)
        fprintf(out, "reference: rho0 + lambda rho1 of the N-spin engine (certified); a point "
                     "passes if |t - t0 - lambda t1| <= %g lambda^2 max_l|t2_l| + %g "
                     "(max|t2| = %.3e); lambda > %g is reported, not judged\n",
                NG_CHECK_FACTOR, NG_CHECK_FLOOR, res->t2_max, NG_CHECK_MAX_LAMBDA);
    if (res->order == 1)
        fprintf(out, "the reference is accurate to the 1e-10 shown for lambda <= %.2g (first "
                     "omitted term lambda^2 max|t2|)\n",
                reference_lambda_max(res));
    else
        fprintf(out, "reference: rho0 only, " NG_CHECK_RHO0_ONLY "; |t - t0| must "
                     "fall at least linearly in lambda at every site\n");
    fprintf(out, "%4s  %10s  %16s  %16s  %11s  %11s  %10s  %s\n", "site", "lambda", "t (data)",
            res->order == 1 ? "t0 + lambda t1" : "t0", "t - t0", "t-t0-l t1", "allowed", "ok");
    for (slong i = 0; i < res->nrows; i++) {
        const ng_check_row *r = res->rows + i;
        fprintf(out, "%4d  %10g  %16.10f  %16.10f  %11.3e  %11.3e  %10.2e  %s\n", r->site,
                r->lambda, r->t, r->ref, r->dev0, r->dev1, r->allowed,
                r->ok < 0 ? "-" : r->ok ? "ok" : "DEVIATES");
    }
    fprintf(out, "fitted order per site (lambda <= %g): |t - t0| should be ~1, |t - t0 - lambda "
                 "t1| ~2 (less once the data's own noise floor is reached)\n",
            NG_CHECK_MAX_LAMBDA);
    fprintf(out, "%4s  %8s  %10s\n", "site", "|t-t0|", "|t-t0-lt1|");
    for (int l = 0; l < res->N; l++)
        fprintf(out, "%4d  %8.3f  %10.3f\n", l + 1, res->order0[l], res->order1[l]);
    fprintf(out, "verdict: %s\n", res->reason);
}

static void put_d(FILE *out, double x, int d)
{
    char *s = ng_report_latex_double_digits(x, d);
    fprintf(out, "$%s$", s);
    flint_free(s);
}

/* The comparison table a paper needs: data against the reference, per point. */
static void write_latex(const cli_t *cli, const ng_check_data_t D, const ng_check_result_t res)
{
    FILE *out = cli->out;
    ng_report_latex_begin(out, cli->standalone,
                          "Finite-$\\lambda$ data against the weak-coupling limit",
                          cli->command_line);
    fprintf(out, "\\begin{table}[ht]\n\\centering\n\\begin{tabular}{rrrrrrl}\n\\hline\n"
                 "$l$ & $\\lambda$ & $t_l$ (data) & $%s$ & $t_l - t^{(0)}_l$ & $%s$ & \\\\\n"
                 "\\hline\n",
            res->order == 1 ? "t^{(0)}_l + \\lambda t^{(1)}_l" : "t^{(0)}_l",
            res->order == 1 ? "t_l - t^{(0)}_l - \\lambda t^{(1)}_l" : "\\text{allowed}");
    for (slong i = 0; i < res->nrows; i++) {
        const ng_check_row *r = res->rows + i;
        fprintf(out, "%d & ", r->site);
        put_d(out, r->lambda, 0);
        fprintf(out, " & ");
        put_d(out, r->t, 10);
        fprintf(out, " & ");
        put_d(out, r->ref, 10);
        fprintf(out, " & ");
        put_d(out, r->dev0, 3);
        fprintf(out, " & ");
        put_d(out, res->order == 1 ? r->dev1 : r->allowed, 3);
        fprintf(out, " & %s \\\\\n", r->ok < 0 ? "--" : r->ok ? "ok" : "\\textbf{deviates}");
    }
    fprintf(out, "\\hline\n\\end{tabular}\n\\caption{The column $%s$ of the data "
                 "against the weak-coupling %s of the $N = %d$ chain (references certified, "
                 "printed to 10 significant digits; deviations to 3).  ",
            D->column, res->order == 1 ? "series $t^{(0)} + \\lambda t^{(1)}$" : "limit $t^{(0)}$",
            res->N);
    if (res->order == 1)
        fprintf(out, "A point passes if $|t_l - t^{(0)}_l - \\lambda t^{(1)}_l| \\le %g\\,"
                     "\\lambda^2\\max_l|t^{(2)}_l| + %g$; $\\lambda > %g$ is reported, not "
                     "judged.  ",
                NG_CHECK_FACTOR, NG_CHECK_FLOOR, NG_CHECK_MAX_LAMBDA);
    fprintf(out, "Verdict: %s.}\n\\end{table}\n", verdict_word(res->verdict));
    ng_report_latex_end(out, cli->standalone);
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
    cli_user_obs U;
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
    if ((status = cli_user_obs_init(&U, cli, M->N)) != CLI_OK) {
        ng_check_data_clear(D);
        ng_model_clear(M);
        return status;
    }
    st = ng_check_analyse_all(res, obs, D, M, U.obs, U.n);
    if (st != NG_OK) {
        status = cli_fail(cli, st);
    } else {
        int inconsistent = res->verdict == 0;
        const char *reason = res->reason;
        for (int k = 0; k < U.n; k++)
            if (obs[k].verdict == 0 && !inconsistent) {
                inconsistent = 1;
                reason = obs[k].reason;
            }
        if (cli->format == NG_FORMAT_JSON) {
            write_json(cli, M, D, res, &U, obs);
        } else if (cli->format == NG_FORMAT_LATEX) {
            write_latex(cli, D, res);
        } else {
            write_text(cli->out, cli, M, D, res);
            for (int k = 0; k < U.n; k++)
                observable_text(cli->out, U.obs[k].text, k, obs + k);
        }
        status = CLI_OK;
        if (inconsistent) {
            /* the report is the answer: write it, then fail */
            status = cli_finish(cli);
            fprintf(stderr, "nessgen check: %s\n", reason);
            status = status != CLI_OK ? status : CLI_ECOMPUTE;
        }
        for (int k = 0; k < U.n; k++)
            ng_check_obs_result_clear(obs + k);
        ng_check_result_clear(res);
    }
    cli_user_obs_clear(&U);
    ng_check_data_clear(D);
    ng_model_clear(M);
    return status;
}
