/* The reports (report.h) of `nessgen ness` and `ness sweep`: what
 * ng_ness_point_t and ng_ness_sweep_t hold, for the one writer per format.
 *
 * Every value of the solver carries its own error estimate (point.c) and
 * is shown with the significant digits it supports: JSON and CSV get every
 * one of them (a number readers compute with), text and LaTeX at most
 * NG_NESS_SHOWN_DIGITS (a table to read or paste).  So each such quantity is
 * two cells of one key — a double for JSON/CSV, math for text/LaTeX — and a
 * value no digit supports is null (JSON), an empty field (CSV), "noise"
 * (text) or "--" (LaTeX), with a warning naming it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "nessgen/report.h"
#include "nessgen/results.h"

enum { NUMBERS = NG_REPORT_JSON | NG_REPORT_CSV, READING = NG_REPORT_TEXT | NG_REPORT_LATEX };

/* The two columns of a quantity with an error estimate. */
static void column_pair(ng_report_table_t *T, const char *key, const char *text,
                        const char *latex)
{
    ng_report_column(T, key, text, latex);
    ng_report_column_formats(T, NUMBERS);
    ng_report_column(T, key, text, latex);
    ng_report_column_formats(T, READING);
}

static void noise_warning(ng_report_t rep, const char *what, double lambda, double v,
                          double err)
{
    ng_report_warning(rep, "lambda = %g: %s has no supported significant digit (value %.1e, "
                           "error estimate %.1e)", lambda, what, v, err);
}

/* The cells of column_pair. */
static void cell_pair(ng_report_t rep, ng_report_table_t *T, const char *what, double lambda,
                      double v, double err)
{
    char buf[NG_REPORT_DOUBLE_LEN], *latex;
    double r = ng_report_double_rounded(v, err, 0);
    if (isnan(r) && isfinite(v))
        noise_warning(rep, what, lambda, v, err);
    if (isnan(r))
        ng_report_cell_none(T, NULL);
    else
        ng_report_cell_double(T, r);
    latex = ng_report_latex_double_err(v, err, NG_NESS_SHOWN_DIGITS);
    ng_report_cell_math(T, ng_report_double_err_str(buf, v, err, NG_NESS_SHOWN_DIGITS), latex);
    flint_free(latex);
}

/* A single value with its estimate: a JSON/CSV value node (csv: its CSV
 * column or NULL) and a row of the caller's text/LaTeX table R. */
static void value_pair(ng_report_t rep, ng_report_table_t *R, const char *key, const char *csv,
                       const char *text, const char *latex, double lambda, double v, double err)
{
    char buf[NG_REPORT_DOUBLE_LEN], *l;
    double r = ng_report_double_rounded(v, err, 0);
    ng_report_node *n;
    if (isnan(r) && isfinite(v))
        noise_warning(rep, text, lambda, v, err);
    n = isnan(r) ? ng_report_none(rep, key, text, NULL, NULL)
                 : ng_report_double(rep, key, text, NULL, r);
    ng_report_node_formats(n, csv != NULL ? NUMBERS : NG_REPORT_JSON);
    if (csv != NULL)
        ng_report_node_csv(n, csv);
    ng_report_row(R);
    ng_report_cell_math(R, text, latex);
    l = ng_report_latex_double_err(v, err, NG_NESS_SHOWN_DIGITS);
    ng_report_cell_math(R, ng_report_double_err_str(buf, v, err, NG_NESS_SHOWN_DIGITS), l);
    flint_free(l);
}

static void sites_table(ng_report_t rep, const ng_ness_point_t X)
{
    ng_report_table_t *T = ng_report_table(rep, "sites", NULL, NULL);
    char what[32];
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN);
    ng_report_column(T, "site", "site", "$l$");
    column_pair(T, "t", "t_l = -<Z_l>", "$t_l$");
    column_pair(T, "T", "T_l = h/artanh t_l", "$T_l$");
    for (int l = 0; l < X->O->N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 1);
        snprintf(what, sizeof what, "t_%d", l + 1);
        cell_pair(rep, T, what, X->S->lambda, X->O->t[l], X->E->t[l]);
        snprintf(what, sizeof what, "T_%d", l + 1);
        cell_pair(rep, T, what, X->S->lambda, X->O->T[l], X->E->T[l]);
    }
}

static void bonds_table(ng_report_t rep, const ng_ness_point_t X)
{
    ng_report_table_t *T = ng_report_table(rep, "bonds", NULL, NULL);
    char what[32];
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN | NG_REPORT_LATEX_CONTINUE);
    ng_report_column(T, "sites", "bond", "$(l,l+1)$");
    column_pair(T, "rhoA", "<A(l,l+1)>", "$\\langle\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$");
    column_pair(T, "rhoB", "<B(l,l+1)>", "$\\langle\\rho^{\\mathrm{B}}_{l,l+1}\\rangle$");
    for (int l = 0; l + 1 < X->O->N; l++) {
        ng_report_row(T);
        ng_report_cell_bond(T, l + 1, l + 2);
        snprintf(what, sizeof what, "<A(%d,%d)>", l + 1, l + 2);
        cell_pair(rep, T, what, X->S->lambda, X->O->rhoA[l], X->E->rhoA[l]);
        snprintf(what, sizeof what, "<B(%d,%d)>", l + 1, l + 2);
        cell_pair(rep, T, what, X->S->lambda, X->O->rhoB[l], X->E->rhoB[l]);
    }
}

/* Eqs. 151–152 on the window (l−1, l, l+1), keyed by its centre l. */
static void three_body_table(ng_report_t rep, const ng_ness_point_t X)
{
    ng_report_table_t *T = ng_report_table(rep, "three_body", NULL, NULL);
    char what[48];
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN | NG_REPORT_LATEX_CONTINUE);
    ng_report_column(T, "site", "l", "$l$");
    column_pair(T, "zA", "<Z(l-1) A(l,l+1)>",
                "$\\langle\\sigma^z_{l-1}\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$ (151)");
    column_pair(T, "Az", "<A(l-1,l) Z(l+1)>",
                "$\\langle\\rho^{\\mathrm{A}}_{l-1,l}\\sigma^z_{l+1}\\rangle$ (152)");
    for (int l = 2; l < X->O->N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l);
        snprintf(what, sizeof what, "<Z%d A(%d,%d)>", l - 1, l, l + 1);
        cell_pair(rep, T, what, X->S->lambda, X->O->zA[l - 2], X->E->zA[l - 2]);
        snprintf(what, sizeof what, "<A(%d,%d) Z%d>", l - 1, l, l + 1);
        cell_pair(rep, T, what, X->S->lambda, X->O->Az[l - 2], X->E->Az[l - 2]);
    }
}

/* A two-column text/LaTeX table of named values (quantity, value). */
static ng_report_table_t *named_values(ng_report_t rep, const char *key, const char *caption,
                                       const char *latex_caption)
{
    ng_report_table_t *T = ng_report_table(rep, key, caption, latex_caption);
    ng_report_node_formats(T, READING);
    ng_report_column(T, "quantity", "quantity", "quantity");
    ng_report_column(T, "value", "value", "value");
    return T;
}

static void eq150_group(ng_report_t rep, const ng_ness_point_t X)
{
    ng_report_table_t *T;
    ng_report_begin_group(rep, "eq150", NULL, NULL);
    T = named_values(rep, "eq150_shown", "Eq. 150",
                     "\n\\paragraph{Eq.~(150)} in the form of Eq.~(149):\n");
    value_pair(rep, T, "lhs", NULL, "t_N - t_1", "t_N - t_1", X->S->lambda, X->O->eq150_lhs,
               X->E->eq150_lhs);
    value_pair(rep, T, "rhs", NULL, "rhs (Eq. 149)", "\\text{right-hand side}", X->S->lambda,
               X->O->eq150_rhs, X->E->eq150_rhs);
    ng_report_end(rep);
}

/* J_L + J_R is a balance check (0 in the steady state), not a value: it is
 * written as computed, with its error estimate beside it. */
static void bath_currents(ng_report_t rep, ng_report_table_t *T, const ng_ness_point_t X)
{
    static const char *const key[2][2] = {{"J_L", "J_R"}, {"Js_L", "Js_R"}};
    static const char *const latex[2][2] = {{"J_{L}", "J_{R}"}, {"J^{s}_{L}", "J^{s}_{R}"}};
    const ng_current_values_d *V = &X->V, *E = &X->Verr;
    double lam = X->S->lambda;
    char *s;
    for (int nu = 0; nu < 2; nu++)
        value_pair(rep, T, key[0][nu], key[0][nu], key[0][nu], latex[0][nu], lam, V->J[nu],
                   E->J[nu]);
    ng_report_node_formats(ng_report_double(rep, "sum", "J_L + J_R", NULL, V->sum),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_double(rep, "sum_error", "its error estimate", NULL,
                                            E->sum), NG_REPORT_JSON);
    ng_report_row(T);
    ng_report_cell_math(T, "J_L + J_R (0; error estimate)", "J_{L} + J_{R}");
    s = ng_report_latex_double_digits(V->sum, 2);
    {
        char text[64], *e = ng_report_latex_double_digits(E->sum, 2), *l = flint_malloc(
                                                                           strlen(s) + strlen(e) + 32);
        snprintf(text, sizeof text, "%.1e (%.1e)", V->sum, E->sum);
        sprintf(l, "%s\\ (\\pm %s)", s, e);
        ng_report_cell_math(T, text, l);
        flint_free(e);
        flint_free(l);
    }
    flint_free(s);
    for (int nu = 0; nu < 2; nu++)
        value_pair(rep, T, key[1][nu], key[1][nu], key[1][nu], latex[1][nu], lam, V->Js[nu],
                   E->Js[nu]);
}

/* The energy current through each inner site and the spin current on each
 * bond, joined in the CSV on the site (a bond on its first site). */
static void bond_currents(ng_report_t rep, const ng_ness_point_t X)
{
    ng_report_table_t *T = ng_report_table(rep, "energy", NULL, NULL);
    char what[32];
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN);
    ng_report_column(T, "site", "site", "$l$");
    column_pair(T, "j", "energy current j_l", "$j_l$");
    for (int l = 0; l + 2 < X->V.N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 2);
        snprintf(what, sizeof what, "j_%d", l + 2);
        cell_pair(rep, T, what, X->S->lambda, X->V.j[l], X->Verr.j[l]);
    }
    T = ng_report_table(rep, "spin", NULL, NULL);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN);
    ng_report_column(T, "sites", "bond", "$(l,l+1)$");
    column_pair(T, "js", "spin current js", "$j^{s}_{l,l+1}$");
    for (int b = 0; b + 1 < X->V.N; b++) {
        ng_report_row(T);
        ng_report_cell_bond(T, b + 1, b + 2);
        snprintf(what, sizeof what, "js_%d,%d", b + 1, b + 2);
        cell_pair(rep, T, what, X->S->lambda, X->V.js[b], X->Verr.js[b]);
    }
}

static void currents_group(ng_report_t rep, const ng_ness_point_t X)
{
    ng_report_table_t *T;
    ng_report_begin_group(rep, "currents", NULL, NULL);
    T = named_values(rep, "bath_currents",
                     "currents (heat J into the chain from each bath, spin Js)",
                     "\n\\paragraph{Currents.} Heat $J_\\nu = \\lambda^2\\operatorname{Tr}(H_S"
                     "\\mathcal{D}_\\nu\\rho)$ into the chain, spin $J^s_\\nu$, energy currents "
                     "$j_l$ through the inner sites and spin currents $j^s_{l,l+1}$ on the "
                     "bonds:\n");
    bath_currents(rep, T, X);
    bond_currents(rep, X);
    ng_report_end(rep);
}

/* The CSV columns obs1 … obsK (after the currents' columns). */
static void observables_csv(ng_report_t rep, const ng_ness_point_t X)
{
    char what[16];
    for (int i = 0; i < X->nobs; i++) {
        ng_report_node *n;
        snprintf(what, sizeof what, "obs%d", i + 1);
        n = ng_report_double(rep, what, what, NULL,
                             ng_report_double_rounded(X->obs[i], X->obs_err[i], 0));
        ng_report_node_csv(n, what);
        ng_report_node_formats(n, NG_REPORT_CSV);
    }
}

/* "observables": [{"expression", "value"}]. */
static void observables_table(ng_report_t rep, const ng_ness_point_t X,
                              const ng_observable_struct *obs)
{
    ng_report_table_t *T = ng_report_table(rep, "observables", "observables (--observable)",
                                           "\n\\paragraph{Observables} given with \\texttt{--observable}:\n");
    ng_report_column(T, "expression", "<expression>", "observable");
    column_pair(T, "value", "value", "value");
    for (int i = 0; i < X->nobs; i++) {
        char *tt = ng_latex_texttt(obs[i].text);
        ng_report_row(T);
        ng_report_cell_string_latex(T, obs[i].text, tt);
        cell_pair(rep, T, obs[i].text, X->S->lambda, X->obs[i], X->obs_err[i]);
        flint_free(tt);
    }
}

static void json_double(ng_report_t rep, const char *key, double x)
{
    ng_report_node_formats(ng_report_double(rep, key, key, NULL, x), NG_REPORT_JSON);
}

/* The solver's honesty figures: every key in JSON, sentences in text. */
static void honesty_group(ng_report_t rep, const ng_ness_point_t X)
{
    const ng_ness_struct *S = X->S;
    ng_report_begin_group(rep, "honesty", NULL, NULL);
    ng_report_node_formats(ng_report_string(rep, "method", "method", NULL, S->method),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_bool(rep, "converged", "converged", NULL, S->converged),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_int(rep, "iterations", "iterations", NULL, S->iterations),
                           NG_REPORT_JSON);
    ng_report_node_formats(ng_report_int(rep, "slow_block", "slow block", NULL, S->slow_dim),
                           NG_REPORT_JSON);
    json_double(rep, "uniqueness_sigma_min", S->sigma_min_scaled);
    if (!isnan(S->min_eigenvalue)) /* computed for N <= 8 only (honesty.c) */
        json_double(rep, "min_eigenvalue", S->min_eigenvalue);
    json_double(rep, "residual", S->residual);
    json_double(rep, "residual_over_lambda2", S->residual_l2);
    json_double(rep, "scaled_residual", S->scaled_residual);
    json_double(rep, "condition_estimate", S->cond_est);
    json_double(rep, "relative_error_estimate", S->rel_error_est);
    ng_report_node_formats(ng_report_int(rep, "trusted_digits", "digits", NULL,
                                         S->trusted_digits), NG_REPORT_JSON);
    json_double(rep, "trace_error_before_normalisation", S->trace_error);
    json_double(rep, "antihermitian_part_before_symmetrising", S->hermiticity);
    /* every value's own error: this times (Σ c_j²)^{1/2} (obs_error.c, point.c) */
    json_double(rep, "error_per_pauli_string", X->E->state_error);
    ng_report_note(rep, NG_REPORT_TEXT,
                   "honesty: %s, %d iterations, slow block %ld; ||L rho|| = %.3e, "
                   "||L rho||/lambda^2 = %.3e,\n         scaled residual %.3e, condition "
                   "estimate %.3e, estimated relative error %.1e (%d digits),\n         "
                   "|Tr rho - 1| before normalising %.1e\nuniqueness: smallest singular "
                   "value of the scaled rate block %.2e (relative)\n",
                   S->method, S->iterations, (long)S->slow_dim, S->residual, S->residual_l2,
                   S->scaled_residual, S->cond_est, S->rel_error_est, S->trusted_digits,
                   S->trace_error, S->sigma_min_scaled);
    if (isfinite(S->min_eigenvalue))
        ng_report_note(rep, NG_REPORT_TEXT, "positivity: smallest eigenvalue of rho %.3e%s\n",
                       S->min_eigenvalue,
                       S->min_eigenvalue < 0.0 ? " (not positive: L2 is of Redfield type, "
                                                 "so the unique steady state need not be a "
                                                 "state)"
                                               : "");
    ng_report_end(rep);
}

const char *ng_ness_trust_warning(char *buf, size_t len, const ng_ness_t S)
{
    if (!S->converged)
        snprintf(buf, len, "GMRES did not reach its tolerance: do not trust these numbers");
    else if (S->trusted_digits < NG_NESS_SHOWN_DIGITS)
        snprintf(buf, len,
                 "lambda = %g: only about %d significant digits are supported (condition "
                 "estimate %.2e, ||L rho|| = %.2e); digits beyond are noise",
                 S->lambda, S->trusted_digits, S->cond_est, S->residual);
    else
        return NULL;
    return buf;
}

void ng_ness_point_report(ng_report_t rep, const ng_ness_point_t X,
                          const ng_observable_struct *obs)
{
    char head[160], lam[NG_REPORT_DOUBLE_LEN], latex[256], buf[512];
    const char *w = ng_ness_trust_warning(buf, sizeof buf, X->S);
    ng_report_node *n;
    snprintf(head, sizeof head, "NESS of L = L0 + lambda L1 + lambda^2 L2, N = %d, "
             "lambda = %s\n", X->O->N, ng_report_double_str(lam, X->S->lambda));
    snprintf(latex, sizeof latex, "\n\\subsection*{$\\lambda = %s$}\n", lam);
    ng_report_begin_group(rep, NULL, head, latex);
    n = ng_report_double(rep, "lambda", "lambda", NULL, X->S->lambda);
    ng_report_node_formats(n, NUMBERS);
    ng_report_node_csv(n, "lambda");
    sites_table(rep, X);
    bonds_table(rep, X);
    three_body_table(rep, X);
    eq150_group(rep, X);
    honesty_group(rep, X);
    if (w != NULL)
        ng_report_node_formats(ng_report_string(rep, "warning", "warning", NULL, w),
                               NG_REPORT_JSON | NG_REPORT_TEXT);
    else
        ng_report_node_formats(ng_report_none(rep, "warning", NULL, NULL, NULL),
                               NG_REPORT_JSON);
    observables_table(rep, X, obs);
    currents_group(rep, X);
    observables_csv(rep, X);
    ng_report_note(rep, NG_REPORT_TEXT,
                   "each value shows the digits its own error estimate supports (at most "
                   "%d; |error| <= %.1e for one Pauli string, 'noise' for none)\n",
                   NG_NESS_SHOWN_DIGITS, X->E->state_error);
    ng_report_end(rep);
}

/* ---- ness sweep ---------------------------------------------------------- */

static const char *const sweep_keys[3] = {"rho0", "rho0+rho1", "rho0+rho1+rho2"};
static const char *const sweep_csv[3] = {"err_rho0", "err_rho1", "err_rho2"};
static const char *const current_keys[3] = {"err_J2", "err_J3", "err_J4"};

static void json_value(ng_report_node *n, const char *csv)
{
    ng_report_node_formats(n, csv != NULL ? NUMBERS : NG_REPORT_JSON);
    if (csv != NULL)
        ng_report_node_csv(n, csv);
}

static void csv_only(ng_report_node *n, const char *csv)
{
    ng_report_node_formats(n, NG_REPORT_CSV);
    ng_report_node_csv(n, csv);
}

/* The reference ρ0 (JSON; text: its t_l and T_l = h/artanh t_l). */
static void sweep_reference(ng_report_t rep, const ng_ness_sweep_t W, double h)
{
    ng_report_table_t *T;
    ng_report_begin_group(rep, "reference", NULL, NULL);
    ng_report_node_formats(ng_report_string(rep, "source", "reference", NULL, W->source),
                           NG_REPORT_JSON | NG_REPORT_TEXT);
    ng_report_node_formats(ng_report_int(rep, "order", "order", NULL, W->order), NG_REPORT_JSON);
    T = ng_report_table(rep, "sites", "rho0", NULL);
    ng_report_node_formats(T, NG_REPORT_JSON | NG_REPORT_TEXT);
    ng_report_column(T, "site", "site", NULL);
    ng_report_column(T, "t", "t_l of rho0", NULL);
    ng_report_column(T, "T", "T_l", NULL);
    for (int l = 0; l < W->N; l++) {
        ng_report_row(T);
        ng_report_cell_int(T, l + 1);
        ng_report_cell_double(T, W->tm[0][l]);
        ng_report_cell_double(T, h / atanh(W->tm[0][l]));
    }
    ng_report_end(rep);
}

/* Point k site by site (JSON "sites"; CSV rows that join on (site, lambda)). */
static void sweep_sites(ng_report_t rep, const ng_ness_sweep_t W, int k)
{
    ng_report_table_t *T = ng_report_table(rep, "sites", NULL, NULL);
    char what[32];
    ng_report_node_formats(T, NUMBERS);
    ng_report_node_flags(T, NG_REPORT_CSV_JOIN);
    ng_report_column(T, "site", "site", NULL);
    ng_report_column(T, "t", "t", NULL);
    ng_report_column(T, "t_error", "t_error", NULL);
    ng_report_column(T, "series", "series", NULL);
    ng_report_column(T, "difference", "difference", NULL);
    ng_report_column(T, "digits", "digits", NULL);
    for (int l = 1; l <= W->N; l++) {
        double t = W->t[k * W->N + l - 1], e = W->t_err[k * W->N + l - 1],
               s = ng_ness_sweep_series(W, W->order, l, W->lambda[k]),
               r = ng_report_double_rounded(t, e, 0);
        ng_report_row(T);
        ng_report_cell_int(T, l);
        snprintf(what, sizeof what, "t_%d", l);
        if (isnan(r))
            noise_warning(rep, what, W->lambda[k], t, e);
        if (isnan(r))
            ng_report_cell_none(T, NULL);
        else
            ng_report_cell_double(T, r);
        ng_report_cell_double(T, e);
        ng_report_cell_double(T, s);
        ng_report_cell_double(T, t - s);
        ng_report_cell_int(T, ng_ness_digits(t, e));
    }
}

/* One λ: JSON "results"[k], CSV the rows of its sites. */
static void sweep_point(ng_report_t rep, const ng_ness_sweep_t W, int k)
{
    ng_report_begin_group(rep, NULL, NULL, NULL);
    json_value(ng_report_double(rep, "lambda", "lambda", NULL, W->lambda[k]), "lambda");
    ng_report_begin_group(rep, "max_abs_dt", NULL, NULL);
    for (int m = 0; m <= W->order; m++)
        json_value(ng_report_double(rep, sweep_keys[m], sweep_keys[m], NULL, W->err[m][k]),
                   sweep_csv[m]);
    ng_report_end(rep);
    if (W->rho0 != NULL)
        json_value(ng_report_double(rep, "hs_distance_rho0", "", NULL, W->err_rho0[k]),
                   "hs_distance_rho0");
    else
        json_value(ng_report_none(rep, "hs_distance_rho0", "", NULL, NULL), "hs_distance_rho0");
    json_value(ng_report_double(rep, "eq150_gap", "", NULL, W->eq150_gap[k]), "eq150_gap");
    json_value(ng_report_int(rep, "iterations", "", NULL, W->iterations[k]), NULL);
    json_value(ng_report_int(rep, "trusted_digits", "", NULL, W->digits[k]), "trusted_digits");
    sweep_sites(rep, W, k);
    csv_only(ng_report_double(rep, "J_L_over_lambda2", "", NULL, W->JL[k]),
             "J_L_over_lambda2");
    for (int m = 0; m <= W->order; m++)
        csv_only(ng_report_double(rep, current_keys[m], "", NULL, W->Jerr[m][k]),
                 current_keys[m]);
    csv_only(ng_report_double(rep, "sum_over_lambda2", "", NULL, W->Jsum[k]),
             "sum_over_lambda2");
    ng_report_end(rep);
}

/* The text and LaTeX table of the largest deviations per λ, with a last row
 * of fitted orders (ng_ness_sweep_fit). */
static void sweep_deviations(ng_report_t rep, const ng_ness_sweep_t W)
{
    static const char *const text[3] = {"|t-t0|", "|t-t0-l t1|", "|t-(..)-l^2 t2|"};
    static const char *const latex[3] = {
        "$\\max_l|t_l - t^{(0)}_l|$", "$\\max_l|t_l - t^{(0)}_l - \\lambda t^{(1)}_l|$",
        "$\\max_l|t_l - \\dots - \\lambda^2 t^{(2)}_l|$"};
    ng_report_table_t *T = ng_report_table(
        rep, "deviations", "largest deviation over the sites; last row: the fitted order p "
                           "(error ~ lambda^p on the points lambda <= 0.02)", NULL);
    ng_report_node_formats(T, READING);
    ng_report_column(T, "lambda", "lambda", "$\\lambda$");
    for (int m = 0; m <= W->order; m++)
        ng_report_column(T, sweep_keys[m], text[m], latex[m]);
    if (W->rho0 != NULL)
        ng_report_column(T, "hs", "||rho-rho0||", "$\\|\\rho - \\rho_0\\|$");
    ng_report_column(T, "eq150", "|eq150 l-r|", "Eq.~(150) gap");
    ng_report_column(T, "digits", "digits", "digits");
    for (int k = 0; k <= W->n; k++) {
        int fit = k == W->n;
        ng_report_row(T);
        if (fit)
            ng_report_cell_string(T, "fitted order");
        else
            ng_report_cell_double(T, W->lambda[k]);
        for (int m = 0; m <= W->order; m++)
            ng_report_cell_sig(T, fit ? ng_ness_sweep_fit(W, W->err[m]) : W->err[m][k], 3);
        if (W->rho0 != NULL)
            ng_report_cell_sig(T, fit ? ng_ness_sweep_fit(W, W->err_rho0) : W->err_rho0[k], 3);
        if (fit) {
            ng_report_cell_none(T, NULL);
            ng_report_cell_none(T, NULL);
        } else {
            ng_report_cell_sig(T, W->eq150_gap[k], 3);
            ng_report_cell_int(T, W->digits[k]);
        }
    }
}

/* The table a paper needs, site by site: λ, l, t_l from the solver (its
 * supported digits), from the series, their difference, digits supported. */
static void sweep_comparison(ng_report_t rep, const ng_ness_sweep_t W)
{
    static const char *const series[3] = {
        "$t^{(0)}_l$", "$t^{(0)}_l + \\lambda t^{(1)}_l$",
        "$t^{(0)}_l + \\lambda t^{(1)}_l + \\lambda^2 t^{(2)}_l$"};
    char cap[512];
    ng_report_table_t *T;
    snprintf(cap, sizeof cap,
             "\n\\paragraph{Site by site.} $t_l = -\\langle\\sigma^z_l\\rangle$ of the "
             "full-Liouvillian NESS (rounded to the digits its own error estimate supports, at "
             "most %d), the weak-coupling %s of the certified engine (to %d significant "
             "digits), and their difference (rounded to the digits the solver's error leaves "
             "it; -- where that error exceeds it):\n",
             NG_NESS_SHOWN_DIGITS, W->order == 2 ? "series" : "limit", NG_NESS_SHOWN_DIGITS);
    T = ng_report_table(rep, "comparison", "site by site: t_l of the solver against the series",
                        cap);
    ng_report_node_formats(T, NG_REPORT_LATEX);
    ng_report_column(T, "lambda", "lambda", "$\\lambda$");
    ng_report_column(T, "site", "l", "$l$");
    ng_report_column(T, "t", "t_l (solver)", "$t_l$ (solver)");
    ng_report_column(T, "series", "series", series[W->order]);
    ng_report_column(T, "difference", "difference", "difference");
    ng_report_column(T, "digits", "digits supported", "digits supported");
    for (int k = 0; k < W->n; k++)
        for (int l = 1; l <= W->N; l++) {
            double t = W->t[k * W->N + l - 1], e = W->t_err[k * W->N + l - 1],
                   s = ng_ness_sweep_series(W, W->order, l, W->lambda[k]);
            char buf[NG_REPORT_DOUBLE_LEN], *x = ng_report_latex_double_err(t, e,
                                                                            NG_NESS_SHOWN_DIGITS),
                                            *d = ng_report_latex_double_err(t - s, e,
                                                                            NG_NESS_SHOWN_DIGITS);
            ng_report_row(T);
            if (l == 1)
                ng_report_cell_double(T, W->lambda[k]);
            else
                ng_report_cell_none(T, NULL);
            ng_report_cell_int(T, l);
            ng_report_cell_math(T, ng_report_double_err_str(buf, t, e, NG_NESS_SHOWN_DIGITS), x);
            ng_report_cell_sig(T, s, NG_NESS_SHOWN_DIGITS);
            ng_report_cell_math(T, "", d);
            ng_report_cell_int(T, ng_ness_digits(t, e));
            flint_free(x);
            flint_free(d);
        }
}

/* The heat current J_L/λ² against J^[2] + λJ^[3] + λ²J^[4]: JSON
 * "heat_current" {"coefficients", "abs_error": [per λ], "order"}; text and
 * LaTeX a table with the fitted orders. */
static void sweep_current(ng_report_t rep, const ng_ness_sweep_t W)
{
    static const char *const text[3] = {"|J-J2|", "|J-J2-l J3|", "|J-..-l^2 J4|"};
    static const char *const latex[3] = {"$|J - J^{[2]}|$", "$|J - J^{[2]} - \\lambda J^{[3]}|$",
                                         "$|J - \\dots - \\lambda^2 J^{[4]}|$"};
    ng_report_table_t *T;
    char key[4];
    ng_report_begin_group(rep, "heat_current", NULL, NULL);
    ng_report_begin_group(rep, "coefficients", NULL, NULL);
    for (int m = 0; m <= W->order; m++) {
        snprintf(key, sizeof key, "J%d", m + 2);
        json_value(ng_report_double(rep, key, key, NULL, W->J[m]), NULL);
    }
    ng_report_end(rep);
    ng_report_begin_list(rep, "abs_error");
    for (int k = 0; k < W->n; k++) {
        ng_report_begin_group(rep, NULL, NULL, NULL);
        json_value(ng_report_double(rep, "lambda", "", NULL, W->lambda[k]), NULL);
        json_value(ng_report_double(rep, "J_L_over_lambda2", "", NULL, W->JL[k]), NULL);
        for (int m = 0; m <= W->order; m++)
            json_value(ng_report_double(rep, current_keys[m], "", NULL, W->Jerr[m][k]), NULL);
        json_value(ng_report_double(rep, "sum_over_lambda2", "", NULL, W->Jsum[k]), NULL);
        json_value(ng_report_double(rep, "max_bond_minus_J_L_over_lambda2", "", NULL,
                                    W->Jbond[k]), NULL);
        ng_report_end(rep);
    }
    ng_report_end(rep);
    ng_report_begin_group(rep, "order", NULL, NULL);
    for (int m = 0; m <= W->order; m++)
        json_value(ng_report_double(rep, current_keys[m], "", NULL,
                                    ng_ness_sweep_fit(W, W->Jerr[m])), NULL);
    ng_report_end(rep);
    T = ng_report_table(rep, "heat_current_shown",
                        "heat current into the chain from the left bath, J = J_L/lambda^2, "
                        "against its series J2 + lambda J3 + lambda^2 J4 (J2 = h Gamma_L (t_1 - "
                        "t_L); a small J3 makes the first fit steeper than 1)",
                        "\n\\paragraph{Heat current.} $J = J_L/\\lambda^2$ against its series "
                        "$J^{[2]} + \\lambda J^{[3]} + \\lambda^2 J^{[4]}$ from the certified "
                        "engine; last row: the fitted order:\n");
    ng_report_node_formats(T, READING);
    ng_report_column(T, "lambda", "lambda", "$\\lambda$");
    ng_report_column(T, "J", "J_L/lambda^2", "$J_L/\\lambda^2$");
    for (int m = 0; m <= W->order; m++)
        ng_report_column(T, current_keys[m], text[m], latex[m]);
    ng_report_column(T, "sum", "|J_L+J_R|/l^2", "$|J_L + J_R|/\\lambda^2$");
    for (int k = 0; k <= W->n; k++) {
        int fit = k == W->n;
        ng_report_row(T);
        if (fit) {
            ng_report_cell_string(T, "fitted order");
            ng_report_cell_none(T, NULL);
        } else {
            ng_report_cell_double(T, W->lambda[k]);
            ng_report_cell_sig(T, W->JL[k], NG_NESS_SHOWN_DIGITS);
        }
        for (int m = 0; m <= W->order; m++)
            ng_report_cell_sig(T, fit ? ng_ness_sweep_fit(W, W->Jerr[m]) : W->Jerr[m][k], 3);
        if (fit)
            ng_report_cell_none(T, NULL);
        else
            ng_report_cell_sig(T, W->Jsum[k], 2);
    }
    ng_report_end(rep);
}

void ng_ness_sweep_report(ng_report_t rep, const ng_ness_sweep_t W, double h)
{
    ng_report_title(rep, "lambda sweep of the full-Liouvillian NESS against the weak-coupling "
                         "series", "The full-Liouvillian NESS against the weak-coupling series");
    ng_report_node_formats(ng_report_int(rep, "N", "N", NULL, W->N), NG_REPORT_JSON);
    ng_report_node_formats(ng_report_string(rep, "mode", "mode", NULL, "sweep"), NG_REPORT_JSON);
    sweep_reference(rep, W, h);
    ng_report_begin_list(rep, "results");
    for (int k = 0; k < W->n; k++)
        sweep_point(rep, W, k);
    ng_report_end(rep);
    ng_report_begin_group(rep, "order", NULL, NULL);
    for (int m = 0; m <= W->order; m++)
        json_value(ng_report_double(rep, sweep_keys[m], "", NULL,
                                    ng_ness_sweep_fit(W, W->err[m])), NULL);
    if (W->rho0 != NULL)
        json_value(ng_report_double(rep, "hs_distance_rho0", "", NULL,
                                    ng_ness_sweep_fit(W, W->err_rho0)), NULL);
    ng_report_end(rep);
    ng_report_note(rep, NG_REPORT_LATEX,
                   "The NESS of the full Liouvillian (double precision) against the "
                   "weak-coupling %s of the $N = %d$ chain: the largest deviation over the "
                   "sites, to 3 significant digits, and the order $p$ of a fit "
                   "$\\propto\\lambda^p$ on the points $\\lambda \\le %g$:\n",
                   W->order == 2 ? "series $t^{(0)} + \\lambda t^{(1)} + \\lambda^2 t^{(2)}$"
                                 : "limit $t^{(0)}$ (no series: degenerate levels, irrational "
                                   "$H_1$)",
                   W->N, NG_NESS_SWEEP_FIT_MAX);
    sweep_deviations(rep, W);
    sweep_comparison(rep, W);
    sweep_current(rep, W);
}

/* ---- ness certified -------------------------------------------------------- */

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

static void certificate_group(ng_report_t rep, const ng_ness_cert_t C)
{
    ng_report_begin_group(rep, "certificate", NULL, NULL);
    json_value(ng_report_string(rep, "method", "", NULL,
                                "approximate inverse of the lambda-scaled real system, "
                                "certified ||I - R A||_1 < 1, refinement with ball residuals"),
               NULL);
    json_value(ng_report_double(rep, "inverse_residual_bound", "", NULL, up2(C->beta)), NULL);
    json_value(ng_report_double(rep, "scaled_error_bound", "", NULL, up2(C->radius)), NULL);
    json_value(ng_report_int(rep, "scale_exponent", "", NULL, C->scale_exp), NULL);
    json_value(ng_report_int(rep, "precision_bits", "", NULL, C->prec), NULL);
    ng_report_note(rep, NG_REPORT_TEXT,
                   "certificate: ||I - R A||_1 <= %.2g for the lambda-scaled system (scale "
                   "2^%d), error of its coordinates <= %.2g (1-norm), refined with ball "
                   "residuals at %ld bits\n",
                   up2(C->beta), C->scale_exp, up2(C->radius), (long)C->prec);
    {
        char *b = ng_report_latex_double_digits(up2(C->beta), 2),
             *r = ng_report_latex_double_digits(up2(C->radius), 2);
        ng_report_note(rep, NG_REPORT_LATEX,
                       "Certificate: $\\|I - RA\\|_1 \\le %s$ for the $\\lambda$-scaled "
                       "system (scale $2^{%d}$), error of its coordinates $\\le %s$ (1-norm), "
                       "refined with ball residuals at %ld bits.\n",
                       b, C->scale_exp, r, (long)C->prec);
        flint_free(b);
        flint_free(r);
    }
    ng_report_end(rep);
}

void ng_ness_cert_report(ng_report_t rep, const ng_ness_cert_t C, const char *given,
                         const arb_t lambda, const ng_model_t M, const ng_ring_t R)
{
    char head[256], latex[256];
    ng_engine_obs_t O;
    ng_report_node *n;
    snprintf(head, sizeof head, "certified NESS of L = L0 + lambda L1 + lambda^2 L2, N = %d, "
             "lambda = %.100s (balls contain the exact values)\n", M->N, given);
    snprintf(latex, sizeof latex, "\n\\subsection*{$\\lambda = %.100s$}\n", given);
    ng_report_begin_group(rep, NULL, head, latex);
    ng_report_json(rep, "lambda",
                   json_pack("{s:s,s:o}", "given", given, "value",
                             ng_report_json_arb(lambda, rep->digits, NULL, "lambda")));
    n = ng_report_double(rep, "lambda", "lambda", NULL,
                         arf_get_d(arb_midref(lambda), ARF_RND_NEAR));
    ng_report_node_formats(n, NG_REPORT_CSV); /* the join key with ness, series, rho0 */
    ng_report_node_csv(n, "lambda");
    ng_engine_obs_init(O, M->N, R);
    ng_ness_cert_obs(O, C, R);
    ng_engine_obs_report(rep, O, M, R, C->prec, 1);
    ng_engine_obs_clear(O, R);
    certificate_group(rep, C);
    ng_report_end(rep);
}
