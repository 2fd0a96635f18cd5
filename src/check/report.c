/* The report (report.h) of `nessgen check`: a user's t_l(λ) and observables
 * against the weak-coupling reference (check.h), for the one writer per
 * format.  JSON groups the rows per λ (in order of first appearance); text
 * and LaTeX show one comparison table of every row. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/check.h"
#include "nessgen/report.h"

/* The reference t0 + λt1 is printed to 10 decimals; it is accurate to them
 * while the first omitted term, λ² max_l |t2_l|, stays below 1e-10.  NaN
 * without a series. */
#define CHECK_SHOWN 1e-10
static double reference_lambda_max(const ng_check_result_t res)
{
    return res->order == 1 && res->t2_max > 0.0 ? sqrt(CHECK_SHOWN / res->t2_max) : NAN;
}

static const char *verdict_word(int v)
{
    return v == 1 ? "consistent" : v == 0 ? "inconsistent" : "undecided";
}

/* A double that may be absent by design (NaN: no series, not judged): null
 * without a warning. */
static void cell_d(ng_report_table_t *T, double x)
{
    if (isfinite(x))
        ng_report_cell_double(T, x);
    else
        ng_report_cell_none(T, "-");
}

static ng_report_node *value_d(ng_report_t rep, const char *key, const char *text, double x)
{
    return isfinite(x) ? ng_report_double(rep, key, text, NULL, x)
                       : ng_report_none(rep, key, text, NULL, "-");
}

static void cell_ok(ng_report_table_t *T, int ok)
{
    if (ok < 0)
        ng_report_cell_none(T, "-");
    else
        ng_report_cell_bool(T, ok);
}

/* The columns of a judged point: reference, dev_rho0, dev_rho0_rho1,
 * allowed, ok (t and the observables alike). */
static void judged_columns(ng_report_table_t *T, const char *dev0, const char *dev1)
{
    ng_report_column(T, "reference", "reference", NULL);
    ng_report_column(T, "dev_rho0", dev0, NULL);
    ng_report_column(T, "dev_rho0_rho1", dev1, NULL);
    ng_report_column(T, "allowed", "allowed", NULL);
    ng_report_column(T, "ok", "ok", NULL);
}

static void judged_cells(ng_report_table_t *T, double ref, double dev0, double dev1,
                         double allowed, int ok)
{
    cell_d(T, ref);
    cell_d(T, dev0);
    cell_d(T, dev1);
    cell_d(T, allowed);
    cell_ok(T, ok);
}

/* "reference": {"order", "orders": [{"m", "sites": [{"site", "t"}]}],
 * "t2_max", "lambda_max_1e-10"} (JSON; the rows carry t0 + λt1). */
static void reference_group(ng_report_t rep, const ng_check_result_t res)
{
    ng_report_node_formats(ng_report_begin_group(rep, "reference", NULL, NULL), NG_REPORT_JSON);
    ng_report_int(rep, "order", "order", NULL, res->order);
    ng_report_begin_list(rep, "orders");
    for (int m = 0; m <= res->order; m++) {
        ng_report_table_t *T;
        ng_report_begin_group(rep, NULL, NULL, NULL);
        ng_report_int(rep, "m", "m", NULL, m);
        T = ng_report_table(rep, "sites", NULL, NULL);
        ng_report_column(T, "site", "site", NULL);
        ng_report_column(T, "t", "t", NULL);
        for (int l = 0; l < res->N; l++) {
            ng_report_row(T);
            ng_report_cell_int(T, l + 1);
            cell_d(T, m == 0 ? res->t0[l] : res->t1[l]);
        }
        ng_report_end(rep);
    }
    ng_report_end(rep);
    value_d(rep, "t2_max", "max_l |t2_l|", res->order == 1 ? res->t2_max : NAN);
    value_d(rep, "lambda_max_1e-10", "lambda_max", reference_lambda_max(res));
    ng_report_end(rep);
}

/* "results": per λ (first appearance) {"lambda", "sites": [the rows]}. */
static void results_list(ng_report_t rep, const ng_check_result_t res)
{
    double *seen = malloc((size_t)FLINT_MAX(res->nrows, 1) * sizeof(double));
    slong nseen = 0;
    ng_report_node_formats(ng_report_begin_list(rep, "results"), NG_REPORT_JSON);
    for (slong i = 0; i < res->nrows; i++) {
        double lam = res->rows[i].lambda;
        ng_report_table_t *T;
        slong k;
        for (k = 0; k < nseen && seen[k] != lam; k++)
            ;
        if (k < nseen)
            continue;
        seen[nseen++] = lam;
        ng_report_begin_group(rep, NULL, NULL, NULL);
        ng_report_double(rep, "lambda", "lambda", NULL, lam);
        T = ng_report_table(rep, "sites", NULL, NULL);
        ng_report_column(T, "site", "site", NULL);
        ng_report_column(T, "line", "line", NULL);
        ng_report_column(T, "t", "t", NULL);
        judged_columns(T, "t - t0", "t-t0-l t1");
        for (slong j = i; j < res->nrows; j++) {
            const ng_check_row *r = res->rows + j;
            if (r->lambda != lam)
                continue;
            ng_report_row(T);
            ng_report_cell_int(T, r->site);
            ng_report_cell_int(T, r->line);
            cell_d(T, r->t);
            judged_cells(T, r->ref, r->dev0, r->dev1, r->allowed, r->ok);
        }
        ng_report_end(rep);
    }
    ng_report_end(rep);
    free(seen);
}

/* Text and LaTeX: every row, data against the reference. */
static void comparison_table(ng_report_t rep, const ng_check_result_t res, const char *column)
{
    char cap[640];
    ng_report_table_t *T;
    snprintf(cap, sizeof cap,
             "\n\\paragraph{Comparison.} The column \\texttt{%.40s} of the data against the "
             "weak-coupling %s of the $N = %d$ chain (references certified, printed to 10 "
             "significant digits; deviations to 3)%s:\n",
             column, res->order == 1 ? "series $t^{(0)} + \\lambda t^{(1)}$" : "limit $t^{(0)}$",
             res->N,
             res->order == 1 ? "; a point passes if $|t_l - t^{(0)}_l - \\lambda t^{(1)}_l| "
                               "\\le 4\\,\\lambda^2\\max_l|t^{(2)}_l| + 10^{-9}$" : "");
    T = ng_report_table(rep, "comparison", NULL, cap);
    ng_report_node_formats(T, NG_REPORT_TEXT | NG_REPORT_LATEX);
    ng_report_column(T, "site", "site", "$l$");
    ng_report_column(T, "lambda", "lambda", "$\\lambda$");
    ng_report_column(T, "t", "t (data)", "$t_l$ (data)");
    ng_report_column(T, "reference", res->order == 1 ? "t0 + lambda t1" : "t0",
                     res->order == 1 ? "$t^{(0)}_l + \\lambda t^{(1)}_l$" : "$t^{(0)}_l$");
    ng_report_column(T, "dev0", "t - t0", "$t_l - t^{(0)}_l$");
    ng_report_column(T, "dev1", "t-t0-l t1", "$t_l - t^{(0)}_l - \\lambda t^{(1)}_l$");
    ng_report_column(T, "allowed", "allowed", "allowed");
    ng_report_column(T, "ok", "ok", "");
    for (slong i = 0; i < res->nrows; i++) {
        const ng_check_row *r = res->rows + i;
        ng_report_row(T);
        ng_report_cell_int(T, r->site);
        ng_report_cell_double(T, r->lambda);
        ng_report_cell_sig(T, r->t, 10);
        ng_report_cell_sig(T, r->ref, 10);
        ng_report_cell_sig(T, r->dev0, 3);
        ng_report_cell_sig(T, r->dev1, 3);
        ng_report_cell_sig(T, r->allowed, 3);
        ng_report_cell_string_latex(T, r->ok < 0 ? "-" : r->ok ? "ok" : "DEVIATES",
                                    r->ok < 0 ? "--" : r->ok ? "ok" : "\\textbf{deviates}");
    }
}

/* "fitted_order": [{"site", "rho0", "rho0_rho1"}]. */
static void fitted_table(ng_report_t rep, const ng_check_result_t res)
{
    ng_report_table_t *T = ng_report_table(
        rep, "fitted_order", "fitted order per site (lambda <= 0.2): |t - t0| should be ~1, "
                             "|t - t0 - lambda t1| ~2 (less at the data's own noise floor)",
        "\n\\paragraph{Fitted orders} per site, $\\lambda \\le 0.2$:\n");
    ng_report_column(T, "site", "site", "$l$");
    ng_report_column(T, "rho0", "|t-t0|", "$|t_l - t^{(0)}_l|$");
    ng_report_column(T, "rho0_rho1", "|t-t0-lt1|", "$|t_l - t^{(0)}_l - \\lambda t^{(1)}_l|$");
    for (int l = 0; l < res->N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 1);
        cell_d(T, res->order0[l]);
        cell_d(T, res->order1[l]);
    }
}

/* One observable (column obsK): JSON as before, text its rows. */
static void observable_group(ng_report_t rep, const char *expr, int k,
                             const ng_check_obs_result_t r)
{
    char col[16], head[256];
    ng_report_table_t *T;
    snprintf(col, sizeof col, "obs%d", k + 1);
    snprintf(head, sizeof head, "\nobservable %d (column %s): <%.160s>\n", k + 1, col, expr);
    ng_report_begin_group(rep, NULL, head, NULL);
    ng_report_node_formats(ng_report_string(rep, "expression", "expression", NULL, expr),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "column", "column", NULL, col), NG_REPORT_JSON);
    ng_report_begin_group(rep, "reference", NULL, NULL);
    ng_report_int(rep, "order", "reference order", NULL, r->order);
    value_d(rep, "o0", "o0", r->ref[0]);
    value_d(rep, "o1", "o1", r->order == 1 ? r->ref[1] : NAN);
    value_d(rep, "o2", "o2", r->order == 1 ? r->ref[2] : NAN);
    ng_report_end(rep);
    T = ng_report_table(rep, "rows", NULL, NULL);
    ng_report_column(T, "line", "line", NULL);
    ng_report_column(T, "lambda", "lambda", NULL);
    ng_report_column(T, "value", "<O> (data)", NULL);
    judged_columns(T, "o - o0", "o-o0-l o1");
    for (slong i = 0; i < r->nrows; i++) {
        const ng_check_obs_row *w = r->rows + i;
        ng_report_row(T);
        ng_report_cell_int(T, w->line);
        ng_report_cell_double(T, w->lambda);
        cell_d(T, w->value);
        judged_cells(T, w->ref, w->dev0, w->dev1, w->allowed, w->ok);
    }
    value_d(rep, "order_rho0", "fitted order |o - o0|", r->order0);
    value_d(rep, "order_rho0_rho1", "fitted order |o - o0 - lambda o1|", r->order1);
    ng_report_node_formats(ng_report_string(rep, "verdict", "verdict", NULL,
                                            verdict_word(r->verdict)), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "reason", "reason", NULL, r->reason),
                           NG_REPORT_JSON);
    ng_report_note(rep, NG_REPORT_TEXT, "verdict for <%s>: %s\n", expr, r->reason);
    ng_report_end(rep);
}

void ng_check_report(ng_report_t rep, const ng_check_data_t D, const ng_check_result_t res,
                     const ng_observable_struct *obs, const ng_check_obs_result_struct *ores,
                     int nobs, const char *input)
{
    char title[512];
    snprintf(title, sizeof title, "nessgen check: %.300s (column '%s'%s) against the "
             "weak-coupling limit, N = %d", input, D->column,
             D->quantity == NG_CHECK_TEMPERATURE ? ", t = tanh(h/T)" : "", res->N);
    ng_report_title(rep, title, "Finite-$\\lambda$ data against the weak-coupling limit");
    if (D->nempty)
        ng_report_warning(rep, "%ld row%s with an empty '%s' (no digit supported) skipped",
                          (long)D->nempty, D->nempty == 1 ? "" : "s", D->column);
    ng_report_node_formats(ng_report_string(rep, "input", "input", NULL, input), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "quantity", "quantity", NULL, D->column),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, res->N), NG_REPORT_JSON);
    if (res->order == 1)
        ng_report_note(rep, NG_REPORT_TEXT,
                       "reference: rho0 + lambda rho1 of the N-spin engine (certified); a point "
                       "passes if |t - t0 - lambda t1| <= %g lambda^2 max_l|t2_l| + %g (max|t2| "
                       "= %.3e); lambda > %g is reported, not judged; the reference is accurate "
                       "to the 1e-10 shown for lambda <= %.2g\n",
                       NG_CHECK_FACTOR, NG_CHECK_FLOOR, res->t2_max, NG_CHECK_MAX_LAMBDA,
                       reference_lambda_max(res));
    else
        ng_report_note(rep, NG_REPORT_TEXT,
                       "reference: rho0 only, " NG_CHECK_RHO0_ONLY "; |t - t0| must fall at "
                       "least linearly in lambda at every site\n");
    reference_group(rep, res);
    results_list(rep, res);
    comparison_table(rep, res, D->column);
    fitted_table(rep, res);
    ng_report_node_formats(ng_report_string(rep, "verdict", "verdict", NULL,
                                            verdict_word(res->verdict)), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "reason", "verdict", NULL, res->reason),
                           NG_REPORT_JSON);
    ng_report_note(rep, NG_REPORT_TEXT, "verdict: %s\n", res->reason);
    ng_report_note(rep, NG_REPORT_LATEX, "\nVerdict: %s.\n", verdict_word(res->verdict));
    ng_report_node_formats(ng_report_begin_list(rep, "observables"),
                           NG_REPORT_JSON | NG_REPORT_TEXT);
    for (int k = 0; k < nobs; k++)
        observable_group(rep, obs[k].text, k, ores + k);
    ng_report_end(rep);
}
