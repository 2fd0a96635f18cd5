/* nessgen ness: the NESS of the full Liouvillian L = L0 + λL1 + λ²L2 at finite
 * λ in double precision (numerics.h), and `ness sweep`, its λ → 0 comparison
 * with the exact zeroth-order state ρ0 (pert.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_extra.h"
#include "cli_obs.h"
#include "nessgen/numerics.h"
#include "nessgen/engine.h"
/* after every FLINT header: complex.h defines the macro I */
#include <complex.h>

#define NESS_DIGITS 10 /* at most this many significant digits in text and LaTeX */
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

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
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

static const char *trust_warning(const ng_ness_t S, char *buf, size_t len)
{
    if (!S->converged)
        snprintf(buf, len, "GMRES did not reach its tolerance: do not trust these numbers");
    else if (S->trusted_digits < NESS_DIGITS)
        snprintf(buf, len,
                 "lambda = %g: only about %d significant digits are supported (condition "
                 "estimate %.2e, ||L rho|| = %.2e); digits beyond are noise",
                 S->lambda, S->trusted_digits, S->cond_est, S->residual);
    else
        return NULL;
    return buf;
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

/* ---- one λ: text, JSON, CSV, LaTeX; every value with its own digits ---- */

/* fprintf(out, fmt, text of v): its supported digits (at most NESS_DIGITS) or "noise". */
static void put_val(FILE *out, const char *fmt, double v, double err)
{
    char buf[NG_REPORT_DOUBLE_LEN];
    fprintf(out, fmt, ng_report_double_err_str(buf, v, err, NESS_DIGITS));
}

static json_t *jval(json_t *warnings, const char *what, double v, double err)
{
    return ng_report_json_double_err(v, err, warnings, what);
}

static json_t *honesty_json(const ng_ness_point_t X)
{
    const ng_ness_struct *S = X->S;
    json_t *h = json_object();
    json_object_set_new(h, "method", json_string(S->method));
    json_object_set_new(h, "converged", json_boolean(S->converged));
    json_object_set_new(h, "iterations", json_integer(S->iterations));
    json_object_set_new(h, "slow_block", json_integer(S->slow_dim));
    json_object_set_new(h, "uniqueness_sigma_min", jnum(S->sigma_min_scaled));
    json_object_set_new(h, "min_eigenvalue", jnum(S->min_eigenvalue));
    json_object_set_new(h, "residual", jnum(S->residual));
    json_object_set_new(h, "residual_over_lambda2", jnum(S->residual_l2));
    json_object_set_new(h, "scaled_residual", jnum(S->scaled_residual));
    json_object_set_new(h, "condition_estimate", jnum(S->cond_est));
    json_object_set_new(h, "relative_error_estimate", jnum(S->rel_error_est));
    json_object_set_new(h, "trusted_digits", json_integer(S->trusted_digits));
    json_object_set_new(h, "trace_error_before_normalisation", jnum(S->trace_error));
    json_object_set_new(h, "antihermitian_part_before_symmetrising", jnum(S->hermiticity));
    /* every value's own error: this times (Σ c_j²)^{1/2} (obs_error.c, point.c) */
    json_object_set_new(h, "error_per_pauli_string", jnum(X->E->state_error));
    return h;
}

static json_t *local_json(json_t *r, json_t *w, const ng_ness_obs_t O, const ng_ness_obs_err_t E)
{
    json_t *sites = json_array(), *bonds = json_array(), *three = json_array();
    char what[64];
    int N = O->N;
    for (int l = 0; l < N; l++) {
        json_t *s = json_pack("{s:i}", "site", l + 1);
        snprintf(what, sizeof what, "t_%d", l + 1);
        json_object_set_new(s, "t", jval(w, what, O->t[l], E->t[l]));
        snprintf(what, sizeof what, "T_%d", l + 1);
        json_object_set_new(s, "T", jval(w, what, O->T[l], E->T[l]));
        json_array_append_new(sites, s);
    }
    for (int l = 0; l + 1 < N; l++) {
        json_t *b = json_pack("{s:[i,i]}", "sites", l + 1, l + 2);
        snprintf(what, sizeof what, "<A(%d,%d)>", l + 1, l + 2);
        json_object_set_new(b, "rhoA", jval(w, what, O->rhoA[l], E->rhoA[l]));
        snprintf(what, sizeof what, "<B(%d,%d)>", l + 1, l + 2);
        json_object_set_new(b, "rhoB", jval(w, what, O->rhoB[l], E->rhoB[l]));
        json_array_append_new(bonds, b);
    }
    for (int l = 2; l < N; l++) {
        json_t *b = json_pack("{s:i}", "site", l);
        snprintf(what, sizeof what, "<Z%d A(%d,%d)>", l - 1, l, l + 1);
        json_object_set_new(b, "zA", jval(w, what, O->zA[l - 2], E->zA[l - 2]));
        snprintf(what, sizeof what, "<A(%d,%d) Z%d>", l - 1, l, l + 1);
        json_object_set_new(b, "Az", jval(w, what, O->Az[l - 2], E->Az[l - 2]));
        json_array_append_new(three, b);
    }
    json_object_set_new(r, "sites", sites);
    json_object_set_new(r, "bonds", bonds);
    json_object_set_new(r, "three_body", three);
    json_object_set_new(r, "eq150", json_pack("{s:o,s:o}", "lhs",
                                              jval(w, "Eq. 150 lhs", O->eq150_lhs, E->eq150_lhs),
                                              "rhs",
                                              jval(w, "Eq. 150 rhs", O->eq150_rhs, E->eq150_rhs)));
    return r;
}

/* J_L + J_R is a balance check (0 in the steady state): written as computed,
 * with its error estimate "sum_error" beside it. */
static json_t *currents_json(json_t *w, const ng_current_values_d *V, const ng_current_values_d *E)
{
    json_t *c = json_object(), *e = json_array(), *s = json_array();
    char what[32];
    json_object_set_new(c, "J_L", jval(w, "J_L", V->J[0], E->J[0]));
    json_object_set_new(c, "J_R", jval(w, "J_R", V->J[1], E->J[1]));
    json_object_set_new(c, "sum", jnum(V->sum));
    json_object_set_new(c, "sum_error", jnum(E->sum));
    json_object_set_new(c, "Js_L", jval(w, "Js_L", V->Js[0], E->Js[0]));
    json_object_set_new(c, "Js_R", jval(w, "Js_R", V->Js[1], E->Js[1]));
    for (int l = 0; l + 2 < V->N; l++) {
        snprintf(what, sizeof what, "j_%d", l + 2);
        json_array_append_new(e, json_pack("{s:i,s:o}", "site", l + 2, "j",
                                           jval(w, what, V->j[l], E->j[l])));
    }
    for (int b = 0; b + 1 < V->N; b++) {
        snprintf(what, sizeof what, "js_%d,%d", b + 1, b + 2);
        json_array_append_new(s, json_pack("{s:[i,i],s:o}", "sites", b + 1, b + 2, "js",
                                           jval(w, what, V->js[b], E->js[b])));
    }
    json_object_set_new(c, "energy", e);
    json_object_set_new(c, "spin", s);
    return c;
}

static json_t *result_json(json_t *doc, const ng_ness_point_t X, const cli_user_obs *U)
{
    json_t *r = json_pack("{s:f}", "lambda", X->S->lambda), *w = ng_report_json_warnings(doc),
           *a = json_array();
    char buf[512];
    const char *warn = trust_warning(X->S, buf, sizeof buf);
    local_json(r, w, X->O, X->E);
    json_object_set_new(r, "honesty", honesty_json(X));
    json_object_set_new(r, "warning", warn ? json_string(warn) : json_null());
    for (int i = 0; i < U->n; i++)
        json_array_append_new(a, json_pack("{s:s,s:o}", "expression", U->obs[i].text, "value",
                                           jval(w, U->obs[i].text, X->obs[i], X->obs_err[i])));
    json_object_set_new(r, "observables", a);
    json_object_set_new(r, "currents", currents_json(w, &X->V, &X->Verr));
    return r;
}

static void local_text(FILE *out, const ng_ness_obs_t O, const ng_ness_obs_err_t E)
{
    int N = O->N;
    fprintf(out, "%5s  %18s  %18s\n", "site", "t_l = -<Z_l>", "T_l = h/artanh t_l");
    for (int l = 0; l < N; l++) {
        fprintf(out, "%5d", l + 1);
        put_val(out, "  %18s", O->t[l], E->t[l]);
        put_val(out, "  %18s\n", O->T[l], E->T[l]);
    }
    fprintf(out, "%5s  %18s  %18s\n", "bond", "<A(l,l+1)>", "<B(l,l+1)>");
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "%2d,%-2d", l + 1, l + 2);
        put_val(out, "  %18s", O->rhoA[l], E->rhoA[l]);
        put_val(out, "  %18s\n", O->rhoB[l], E->rhoB[l]);
    }
    if (N > 2) {
        fprintf(out, "%5s  %18s  %18s\n", "l", "<Z(l-1) A(l,l+1)>", "<A(l-1,l) Z(l+1)>");
        for (int l = 2; l < N; l++) {
            fprintf(out, "%5d", l);
            put_val(out, "  %18s", O->zA[l - 2], E->zA[l - 2]);
            put_val(out, "  %18s\n", O->Az[l - 2], E->Az[l - 2]);
        }
    }
    put_val(out, "Eq. 150: lhs = t_N - t_1 = %s", O->eq150_lhs, E->eq150_lhs);
    put_val(out, ", rhs = %s\n", O->eq150_rhs, E->eq150_rhs);
}

static void currents_text(FILE *out, const ng_current_values_d *V, const ng_current_values_d *E)
{
    put_val(out, "currents: J_L = %s", V->J[0], E->J[0]);
    put_val(out, ", J_R = %s", V->J[1], E->J[1]);
    fprintf(out, ", J_L + J_R = %.1e (error estimate %.1e)", V->sum, E->sum);
    put_val(out, "; Js_L = %s", V->Js[0], E->Js[0]);
    put_val(out, ", Js_R = %s\n", V->Js[1], E->Js[1]);
    for (int l = 0; l + 2 < V->N; l++) {
        fprintf(out, "  energy current through site %d: ", l + 2);
        put_val(out, "j = %s\n", V->j[l], E->j[l]);
    }
    for (int b = 0; b + 1 < V->N; b++) {
        fprintf(out, "  spin current on bond (%d,%d): ", b + 1, b + 2);
        put_val(out, "js = %s\n", V->js[b], E->js[b]);
    }
}

static void honesty_text(FILE *out, const ng_ness_t S)
{
    fprintf(out,
            "honesty: %s, %d iterations, slow block %ld; ||L rho|| = %.3e, "
            "||L rho||/lambda^2 = %.3e,\n         scaled residual %.3e, condition estimate "
            "%.3e, estimated relative error %.1e (%d digits),\n         |Tr rho - 1| before "
            "normalising %.1e\n",
            S->method, S->iterations, (long)S->slow_dim, S->residual, S->residual_l2,
            S->scaled_residual, S->cond_est, S->rel_error_est, S->trusted_digits,
            S->trace_error);
    fprintf(out, "uniqueness: smallest singular value of the scaled rate block %.2e (relative)\n",
            S->sigma_min_scaled);
    if (isfinite(S->min_eigenvalue))
        fprintf(out, "positivity: smallest eigenvalue of rho %.3e%s\n", S->min_eigenvalue,
                S->min_eigenvalue < 0.0 ? " (not positive: L2 is of Redfield type, so the "
                                          "unique steady state need not be a state)"
                                        : "");
}

static void write_text(FILE *out, const ng_ness_point_t X, const cli_user_obs *U)
{
    char buf[512];
    const char *w = trust_warning(X->S, buf, sizeof buf);
    fprintf(out, "NESS of L = L0 + lambda L1 + lambda^2 L2, N = %d, lambda = %g\n", X->O->N,
            X->S->lambda);
    local_text(out, X->O, X->E);
    for (int i = 0; i < U->n; i++) {
        fprintf(out, "<%s> = ", U->obs[i].text);
        put_val(out, "%s\n", X->obs[i], X->obs_err[i]);
    }
    currents_text(out, &X->V, &X->Verr);
    fprintf(out, "each value shows the digits its own error estimate supports (at most %d; "
                 "|error| <= %.1e for one Pauli string, 'noise' for none)\n",
            NESS_DIGITS, X->E->state_error);
    honesty_text(out, X->S);
    if (w != NULL)
        fprintf(out, "warning: %s\n", w);
}

/* A value in LaTeX math with its supported digits (at most NESS_DIGITS). */
static void put_latex(FILE *out, double v, double err)
{
    char *s = ng_report_latex_double_err(v, err, NESS_DIGITS);
    fprintf(out, "$%s$", s);
    flint_free(s);
}

/* A double in LaTeX math, rounded to d significant digits (0: shortest). */
static void put_d(FILE *out, double x, int d)
{
    char *s = ng_report_latex_double_digits(x, d);
    fprintf(out, "$%s$", s);
    flint_free(s);
}

static void local_latex(FILE *out, const ng_ness_obs_t O, const ng_ness_obs_err_t E)
{
    fprintf(out, "\\begin{tabular}{rrrrr}\n\\hline\n"
                 "$l$ & $t_l$ & $T_l$ & $\\langle\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$ & "
                 "$\\langle\\rho^{\\mathrm{B}}_{l,l+1}\\rangle$ \\\\\n\\hline\n");
    for (int l = 0; l < O->N; l++) {
        fprintf(out, "%d & ", l + 1);
        put_latex(out, O->t[l], E->t[l]);
        fprintf(out, " & ");
        put_latex(out, O->T[l], E->T[l]);
        fprintf(out, " & ");
        if (l + 1 < O->N)
            put_latex(out, O->rhoA[l], E->rhoA[l]);
        fprintf(out, " & ");
        if (l + 1 < O->N)
            put_latex(out, O->rhoB[l], E->rhoB[l]);
        fprintf(out, " \\\\\n");
    }
    fprintf(out, "\\hline\n\\end{tabular}\n");
}

/* The currents and --observable values: a second tabular, name and value. */
static void extras_latex(FILE *out, const ng_ness_point_t X, const cli_user_obs *U)
{
    const ng_current_values_d *V = &X->V, *E = &X->Verr;
    fprintf(out, "\\quad\n\\begin{tabular}{lr}\n\\hline\nquantity & value \\\\\n\\hline\n");
    fprintf(out, "$J_{L}$ & ");
    put_latex(out, V->J[0], E->J[0]);
    fprintf(out, " \\\\\n$J_{R}$ & ");
    put_latex(out, V->J[1], E->J[1]);
    fprintf(out, " \\\\\n$J^{s}_{L}$ & ");
    put_latex(out, V->Js[0], E->Js[0]);
    fprintf(out, " \\\\\n$J^{s}_{R}$ & ");
    put_latex(out, V->Js[1], E->Js[1]);
    fprintf(out, " \\\\\n");
    for (int l = 0; l + 2 < V->N; l++) {
        fprintf(out, "$j_{%d}$ & ", l + 2);
        put_latex(out, V->j[l], E->j[l]);
        fprintf(out, " \\\\\n");
    }
    for (int b = 0; b + 1 < V->N; b++) {
        fprintf(out, "$j^{s}_{%d,%d}$ & ", b + 1, b + 2);
        put_latex(out, V->js[b], E->js[b]);
        fprintf(out, " \\\\\n");
    }
    for (int i = 0; i < U->n; i++) {
        fprintf(out, "$\\langle$");
        cli_latex_texttt(out, U->obs[i].text);
        fprintf(out, "$\\rangle$ & ");
        put_latex(out, X->obs[i], X->obs_err[i]);
        fprintf(out, " \\\\\n");
    }
    fprintf(out, "\\hline\n\\end{tabular}\n");
}

/* One table per λ (LaTeX: the fragment a paper \inputs, or --standalone). */
static void write_latex(FILE *out, const ng_ness_point_t X, const cli_user_obs *U)
{
    char lam[NG_REPORT_DOUBLE_LEN];
    fprintf(out, "\\begin{table}[ht]\n\\centering\n");
    local_latex(out, X->O, X->E);
    extras_latex(out, X, U);
    fprintf(out, "\\caption{The NESS of $\\mathcal{L} = \\mathcal{L}_0 + \\lambda"
                 "\\mathcal{L}_1 + \\lambda^2\\mathcal{L}_2$ at $\\lambda = %s$, $N = %d$: "
                 "$t_l = -\\langle\\sigma^z_l\\rangle$, $T_l = h/\\operatorname{artanh} t_l$, "
                 "heat currents $J$ into the chain, energy and spin currents $j$ (double "
                 "precision).  Each value is rounded to the significant digits its own error "
                 "estimate supports (at most %d; -- for none): the state's error (condition "
                 "estimate ",
            ng_report_double_str(lam, X->S->lambda), X->O->N, NESS_DIGITS);
    put_d(out, X->S->cond_est, 2);
    fprintf(out, " times the backward error) through Cauchy--Schwarz.  Eq.~(150): $t_N - t_1$ = ");
    put_latex(out, X->O->eq150_lhs, X->E->eq150_lhs);
    fprintf(out, ", right-hand side ");
    put_latex(out, X->O->eq150_rhs, X->E->eq150_rhs);
    fprintf(out, ".}\n\\end{table}\n");
}

static void csv_val(FILE *out, double v, double err)
{
    fputc(',', out);
    ng_report_csv_double_err(out, v, err);
}

/* CSV: J_L, J_R, Js_L, Js_R on every row; j through site l, js on bond (l, l+1). */
static void currents_csv(FILE *out, const ng_current_values_d *V, const ng_current_values_d *E,
                         int l)
{
    for (int i = 0; i < 2; i++)
        csv_val(out, V->J[i], E->J[i]);
    for (int i = 0; i < 2; i++)
        csv_val(out, V->Js[i], E->Js[i]);
    if (l >= 2 && l <= V->N - 1)
        csv_val(out, V->j[l - 2], E->j[l - 2]);
    else
        fputc(',', out);
    if (l <= V->N - 1)
        csv_val(out, V->js[l - 1], E->js[l - 1]);
    else
        fputc(',', out);
}

static void write_csv_rows(FILE *out, const ng_ness_point_t X)
{
    const ng_ness_obs_struct *O = X->O;
    const ng_ness_obs_err_struct *E = X->E;
    int N = O->N;
    for (int l = 0; l < N; l++) {
        /* each value to its supported digits; none: an empty field */
        ng_report_csv_double(out, X->S->lambda);
        fprintf(out, ",%d", l + 1);
        csv_val(out, O->t[l], E->t[l]);
        csv_val(out, O->T[l], E->T[l]);
        for (int k = 0; k < 2; k++) { /* rhoA, rhoB on bond (l, l+1) */
            if (l + 1 < N)
                csv_val(out, (k ? O->rhoB : O->rhoA)[l], (k ? E->rhoB : E->rhoA)[l]);
            else
                fputc(',', out);
        }
        for (int k = 0; k < 2; k++) { /* zA, Az around site l */
            if (l >= 1 && l + 1 < N)
                csv_val(out, (k ? O->Az : O->zA)[l - 1], (k ? E->Az : E->zA)[l - 1]);
            else
                fputc(',', out);
        }
        currents_csv(out, &X->V, &X->Verr, l + 1);
        for (int i = 0; i < X->nobs; i++)
            csv_val(out, X->obs[i], X->obs_err[i]);
        fputc('\n', out);
    }
}

/* Refuses an N that cannot fit, with the figure; states the memory of a
 * large run (over 1 GiB) before it starts, on a terminal. */
static int check_size(cli_t *cli, int N)
{
    ng_status st = ng_ness_check_size(N, NULL, cli_memory_budget());
    /* measured: N = 10 in 8.7 s CPU per lambda = 0.01, N = 11 in 54 s
     * (bench/RESULTS.md, issue 13 speed) */
    if (st == NG_OK && N >= 9) {
        char what[96];
        snprintf(what, sizeof what, "the full Liouvillian for N = %d (4^N = %.0f unknowns), "
                 "per lambda", N, pow(4.0, N));
        cli_announce(cli, what, ng_ness_bytes(N, NULL), 8.7, 10, 6.2, N);
    }
    return st == NG_OK ? CLI_OK : cli_fail(cli, st);
}

/* Fails (exit 1) when no printed value supports a digit; warns on stderr of
 * the values that none supports. */
static int report_noise(const cli_t *cli, const ng_ness_point_t X)
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
                        "supported for %s (error estimates at or above the values; printed "
                        "as %s)\n",
                X->S->lambda, noise,
                cli->format == NG_FORMAT_JSON  ? "null"
                : cli->format == NG_FORMAT_CSV ? "empty fields"
                : cli->format == NG_FORMAT_LATEX ? "--"
                                                 : "'noise'");
    return CLI_OK;
}

static void write_point(cli_t *cli, json_t *doc, const ng_ness_point_t X, const cli_user_obs *U)
{
    if (doc != NULL)
        json_array_append_new(json_object_get(doc, "results"), result_json(doc, X, U));
    else if (cli->format == NG_FORMAT_CSV)
        write_csv_rows(cli->out, X);
    else if (cli->format == NG_FORMAT_LATEX)
        write_latex(cli->out, X, U);
    else
        write_text(cli->out, X, U);
}

/* One λ: solve, judge, write.  A stalled GMRES still prints (with the
 * warning) and then fails with exit 1. */
static int ness_at(cli_t *cli, json_t *doc, const ng_ness_model_t D, const ng_ness_probes_t P,
                   const cli_user_obs *U, double lambda)
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
        const char *w = trust_warning(X->S, buf, sizeof buf);
        if (st != NG_OK)
            fprintf(stderr, "nessgen ness: %s\n", ng_error_message());
        if (w != NULL)
            fprintf(stderr, "nessgen ness: warning: %s\n", w);
        status = report_noise(cli, X);
        if (status == CLI_OK)
            write_point(cli, doc, X, U);
        if (st != NG_OK)
            status = CLI_ECOMPUTE;
    }
    ng_ness_point_clear(X);
    return status;
}

static int run_ness(cli_t *cli, const ng_ness_model_t D, const ng_model_t M,
                    const ng_ness_probes_t P, const cli_user_obs *U, const double *lam, int nl)
{
    json_t *doc = NULL;
    int status = CLI_OK;
    if (cli->format == NG_FORMAT_JSON) {
        doc = cli_json_document(cli, M);
        json_object_set_new(doc, "N", json_integer(M->N));
        json_object_set_new(doc, "results", json_array()); /* a list even for one λ */
    } else if (cli->format == NG_FORMAT_LATEX) {
        ng_report_latex_begin(cli->out, cli->standalone,
                              "The NESS of the full Liouvillian at finite $\\lambda$",
                              cli->command_line);
    } else if (cli->format == NG_FORMAT_CSV) {
        fprintf(cli->out, "lambda,");
        cli_obs_csv_header(cli->out, 0);
        cli_currents_csv_header(cli->out);
        cli_user_obs_csv_header(cli->out, U, 0);
        fputc('\n', cli->out);
    }
    for (int k = 0; k < nl && status == CLI_OK; k++)
        status = ness_at(cli, doc, D, P, U, lam[k]);
    if (cli->format == NG_FORMAT_LATEX)
        ng_report_latex_end(cli->out, cli->standalone);
    if (doc != NULL) {
        if (status == CLI_OK)
            ng_report_json_write(cli->out, doc);
        json_decref(doc);
    }
    return status;
}

/* ---- ness sweep: text, JSON, CSV, LaTeX of an ng_ness_sweep_t ---------- */

static const char *const sweep_names[3] = {"rho0", "rho0+rho1", "rho0+rho1+rho2"};
static const char *const current_names[3] = {"err_J2", "err_J3", "err_J4"}; /* as the CSV */

static json_t *sweep_current_json(const ng_ness_sweep_t W)
{
    json_t *c = json_object(), *coef = json_object(), *rows = json_array(),
           *order = json_object();
    for (int m = 0; m <= W->order; m++) {
        char key[4];
        snprintf(key, sizeof key, "J%d", m + 2);
        json_object_set_new(coef, key, jnum(W->J[m]));
    }
    for (int k = 0; k < W->n; k++) {
        json_t *r = json_pack("{s:f,s:o}", "lambda", W->lambda[k], "J_L_over_lambda2",
                              jnum(W->JL[k]));
        for (int m = 0; m <= W->order; m++)
            json_object_set_new(r, current_names[m], jnum(W->Jerr[m][k]));
        json_object_set_new(r, "sum_over_lambda2", jnum(W->Jsum[k]));
        json_object_set_new(r, "max_bond_minus_J_L_over_lambda2", jnum(W->Jbond[k]));
        json_array_append_new(rows, r);
    }
    for (int m = 0; m <= W->order; m++)
        json_object_set_new(order, current_names[m], jnum(ng_ness_sweep_fit(W, W->Jerr[m])));
    json_object_set_new(c, "coefficients", coef);
    json_object_set_new(c, "abs_error", rows);
    json_object_set_new(c, "order", order);
    return c;
}

/* Point k per site: t_l of the solver (its supported digits), the series
 * Σ_{m ≤ order} λ^m t_l^(m) and their difference (as computed). */
static json_t *sweep_sites_json(json_t *doc, const ng_ness_sweep_t W, int k)
{
    json_t *a = json_array();
    char what[32];
    for (int l = 1; l <= W->N; l++) {
        double t = W->t[k * W->N + l - 1], e = W->t_err[k * W->N + l - 1],
               s = ng_ness_sweep_series(W, W->order, l, W->lambda[k]);
        snprintf(what, sizeof what, "t_%d", l);
        json_array_append_new(a, json_pack("{s:i,s:o,s:o,s:o,s:o,s:i}", "site", l, "t",
                                           jval(ng_report_json_warnings(doc), what, t, e),
                                           "t_error", jnum(e), "series", jnum(s),
                                           "difference", jnum(t - s), "digits",
                                           ng_ness_digits(t, e)));
    }
    return a;
}

static void sweep_json(cli_t *cli, const ng_model_t M, const ng_ness_sweep_t W)
{
    json_t *doc = cli_json_document(cli, M), *sites = json_array(), *rows = json_array(),
           *order = json_object();
    double h = ng_elem_get_d(M->h, M->R); /* T_l = h / artanh t_l (DESIGN §1) */
    json_object_set_new(doc, "N", json_integer(M->N));
    json_object_set_new(doc, "mode", json_string("sweep"));
    for (int l = 0; l < M->N; l++)
        json_array_append_new(sites, json_pack("{s:i,s:o,s:o}", "site", l + 1, "t",
                                               jnum(W->tm[0][l]), "T",
                                               jnum(h / atanh(W->tm[0][l]))));
    json_object_set_new(doc, "reference", json_pack("{s:s,s:i,s:o}", "source", W->source,
                                                    "order", W->order, "sites", sites));
    for (int k = 0; k < W->n; k++) {
        json_t *r = json_pack("{s:f}", "lambda", W->lambda[k]), *dt = json_object();
        for (int m = 0; m <= W->order; m++)
            json_object_set_new(dt, sweep_names[m], jnum(W->err[m][k]));
        json_object_set_new(r, "max_abs_dt", dt);
        json_object_set_new(r, "hs_distance_rho0", W->rho0 ? jnum(W->err_rho0[k]) : json_null());
        json_object_set_new(r, "eq150_gap", jnum(W->eq150_gap[k]));
        json_object_set_new(r, "iterations", json_integer(W->iterations[k]));
        json_object_set_new(r, "trusted_digits", json_integer(W->digits[k]));
        json_object_set_new(r, "sites", sweep_sites_json(doc, W, k));
        json_array_append_new(rows, r);
    }
    for (int m = 0; m <= W->order; m++)
        json_object_set_new(order, sweep_names[m], jnum(ng_ness_sweep_fit(W, W->err[m])));
    if (W->rho0 != NULL)
        json_object_set_new(order, "hs_distance_rho0", jnum(ng_ness_sweep_fit(W, W->err_rho0)));
    json_object_set_new(doc, "results", rows);
    json_object_set_new(doc, "order", order);
    json_object_set_new(doc, "heat_current", sweep_current_json(W));
    ng_report_json_write(cli->out, doc);
    json_decref(doc);
}

static void sweep_csv(FILE *out, const ng_ness_sweep_t W)
{
    fprintf(out, "lambda,err_rho0,err_rho1,err_rho2,hs_distance_rho0,eq150_gap,"
                 "trusted_digits,J_L_over_lambda2,err_J2,err_J3,err_J4,sum_over_lambda2\n");
    for (int k = 0; k < W->n; k++) {
        ng_report_csv_double(out, W->lambda[k]);
        for (int m = 0; m < 3; m++) {
            fputc(',', out);
            ng_report_csv_double(out, m <= W->order ? W->err[m][k] : NAN);
        }
        fputc(',', out);
        ng_report_csv_double(out, W->err_rho0[k]);
        fputc(',', out);
        ng_report_csv_double(out, W->eq150_gap[k]);
        fprintf(out, ",%d,", W->digits[k]);
        ng_report_csv_double(out, W->JL[k]);
        for (int m = 0; m < 3; m++) {
            fputc(',', out);
            ng_report_csv_double(out, m <= W->order ? W->Jerr[m][k] : NAN);
        }
        fputc(',', out);
        ng_report_csv_double(out, W->Jsum[k]);
        fputc('\n', out);
    }
}

static void sweep_text(FILE *out, const ng_ness_sweep_t W)
{
    static const char *const heads[3] = {"|t-t0|", "|t-t0-l t1|", "|t-(..)-l^2 t2|"};
    fprintf(out, "lambda sweep of the full-Liouvillian NESS against the weak-coupling "
                 "series, N = %d\nreference: %s\nrho0: t_l =", W->N, W->source);
    for (int l = 0; l < W->N; l++)
        fprintf(out, " %.12g", W->tm[0][l]);
    fprintf(out, "\n%10s", "lambda");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, "  %15s", heads[m]);
    fprintf(out, "  %13s  %13s  %5s  %6s\n", "||rho-rho0||", "|eq150 l-r|", "iters", "digits");
    for (int k = 0; k < W->n; k++) {
        fprintf(out, "%10g", W->lambda[k]);
        for (int m = 0; m <= W->order; m++)
            fprintf(out, "  %15.6e", W->err[m][k]);
        if (W->rho0 != NULL)
            fprintf(out, "  %13.6e", W->err_rho0[k]);
        else
            fprintf(out, "  %13s", "-");
        fprintf(out, "  %13.6e  %5d  %6d\n", W->eq150_gap[k], W->iterations[k], W->digits[k]);
    }
    fprintf(out, "fitted order p (error ~ lambda^p, points lambda <= %g; max over sites):",
            NG_NESS_SWEEP_FIT_MAX);
    for (int m = 0; m <= W->order; m++)
        fprintf(out, " %s %.3f%s", heads[m], ng_ness_sweep_fit(W, W->err[m]),
                m < W->order ? "," : "");
    if (W->rho0 != NULL)
        fprintf(out, ", ||rho-rho0|| %.3f", ng_ness_sweep_fit(W, W->err_rho0));
    fprintf(out, "\n(each added series term should raise the order by about one, until the "
                 "double-precision floor is reached)\n");
}

static void sweep_current_text(FILE *out, const ng_ness_sweep_t W)
{
    static const char *const heads[3] = {"|J-J2|", "|J-J2-l J3|", "|J-..-l^2 J4|"};
    fprintf(out,
            "\nheat current into the chain from the left bath, J = J_L/lambda^2, against "
            "its series J2 + lambda J3 + lambda^2 J4\n(J2 = <D_L^dag(H0)>_rho0 = "
            "h Gamma_L (t_1 - t_L); coefficients from the certified engine):");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, " J%d = %.12g%s", m + 2, W->J[m], m < W->order ? "," : "\n");
    fprintf(out, "%10s  %15s", "lambda", "J_L/lambda^2");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, "  %15s", heads[m]);
    fprintf(out, "  %15s  %17s\n", "|J_L+J_R|/l^2", "max|j_l-J_L|/l^2");
    for (int k = 0; k < W->n; k++) {
        fprintf(out, "%10g  %15.10g", W->lambda[k], W->JL[k]);
        for (int m = 0; m <= W->order; m++)
            fprintf(out, "  %15.6e", W->Jerr[m][k]);
        fprintf(out, "  %15.3e  %17.3e\n", W->Jsum[k], W->Jbond[k]);
    }
    fprintf(out, "fitted order p (error ~ lambda^p):");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, " %s %.3f%s", heads[m], ng_ness_sweep_fit(W, W->Jerr[m]),
                m < W->order ? "," : "");
    fprintf(out, " (each added term should raise p by about one, until the double-precision\n"
                 "floor; a small J3 makes the first fit steeper than 1)\n");
}

/* The per-site comparison a paper needs: λ, l, t_l from the solver (its
 * supported digits), from the series, their difference, and the digits. */
static void sweep_sites_latex(FILE *out, const ng_ness_sweep_t W)
{
    static const char *const series[3] = {"t^{(0)}_l", "t^{(0)}_l + \\lambda t^{(1)}_l",
                                          "t^{(0)}_l + \\lambda t^{(1)}_l + \\lambda^2 t^{(2)}_l"};
    fprintf(out, "\\begin{table}[ht]\n\\centering\n\\begin{tabular}{rrrrrr}\n\\hline\n"
                 "$\\lambda$ & $l$ & $t_l$ (solver) & $%s$ & difference & digits supported \\\\\n\\hline\n",
            series[W->order]);
    for (int k = 0; k < W->n; k++)
        for (int l = 1; l <= W->N; l++) {
            double t = W->t[k * W->N + l - 1], e = W->t_err[k * W->N + l - 1],
                   s = ng_ness_sweep_series(W, W->order, l, W->lambda[k]);
            if (l == 1)
                put_d(out, W->lambda[k], 0);
            fprintf(out, " & %d & ", l);
            put_latex(out, t, e);
            fprintf(out, " & ");
            put_d(out, s, NESS_DIGITS);
            fprintf(out, " & ");
            put_latex(out, t - s, e); /* digits beyond the solver's error are noise */
            fprintf(out, " & %d \\\\\n", ng_ness_digits(t, e));
        }
    fprintf(out, "\\hline\n\\end{tabular}\n\\caption{Site by site: $t_l = "
                 "-\\langle\\sigma^z_l\\rangle$ of the full-Liouvillian NESS (double precision, "
                 "rounded to the digits its own error estimate supports, at most %d), the "
                 "weak-coupling %s of the certified engine (to %d significant digits), and "
                 "their difference (rounded to the digits the solver's error leaves it; -- "
                 "where that error exceeds it).}\n\\end{table}\n",
            NESS_DIGITS, W->order == 2 ? "series" : "limit", NESS_DIGITS);
}

/* The comparison table a paper needs: max_l |t_l − Σ_{m ≤ k} λ^m t_{m,l}| per λ,
 * then the fitted orders. */
static void sweep_latex(cli_t *cli, const ng_ness_sweep_t W)
{
    static const char *const heads[3] = {"t_l - t^{(0)}_l",
                                         "t_l - t^{(0)}_l - \\lambda t^{(1)}_l",
                                         "t_l - \\dots - \\lambda^2 t^{(2)}_l"};
    FILE *out = cli->out;
    int dmin = 99;
    ng_report_latex_begin(out, cli->standalone,
                          "The full-Liouvillian NESS against the weak-coupling series",
                          cli->command_line);
    fprintf(out, "\\begin{table}[ht]\n\\centering\n\\begin{tabular}{r");
    for (int m = 0; m <= W->order; m++)
        fputc('r', out);
    fprintf(out, "%sr}\n\\hline\n$\\lambda$", W->rho0 ? "r" : "");
    for (int m = 0; m <= W->order; m++)
        fprintf(out, " & $\\max_l|%s|$", heads[m]);
    if (W->rho0 != NULL)
        fprintf(out, " & $\\|\\rho - \\rho_0\\|$");
    fprintf(out, " & Eq.~(150) gap \\\\\n\\hline\n");
    for (int k = 0; k < W->n; k++) {
        put_d(out, W->lambda[k], 0);
        for (int m = 0; m <= W->order; m++) {
            fprintf(out, " & ");
            put_d(out, W->err[m][k], 3);
        }
        if (W->rho0 != NULL) {
            fprintf(out, " & ");
            put_d(out, W->err_rho0[k], 3);
        }
        fprintf(out, " & ");
        put_d(out, W->eq150_gap[k], 3);
        fprintf(out, " \\\\\n");
        dmin = FLINT_MIN(dmin, W->digits[k]);
    }
    fprintf(out, "\\hline\nfitted order");
    for (int m = 0; m <= W->order; m++) {
        fprintf(out, " & ");
        put_d(out, ng_ness_sweep_fit(W, W->err[m]), 3);
    }
    if (W->rho0 != NULL) {
        fprintf(out, " & ");
        put_d(out, ng_ness_sweep_fit(W, W->err_rho0), 3);
    }
    fprintf(out, " & \\\\\n\\hline\n\\end{tabular}\n");
    fprintf(out,
            "\\caption{The NESS of the full Liouvillian (double precision, at least %d "
            "supported digits) against the weak-coupling %s of the $N = %d$ chain: the "
            "largest deviation over the sites, to 3 significant digits, and the order $p$ "
            "of a fit $\\propto\\lambda^p$ on the points $\\lambda \\le %g$.}\n"
            "\\end{table}\n",
            dmin, W->order == 2 ? "series $t^{(0)} + \\lambda t^{(1)} + \\lambda^2 t^{(2)}$"
                                : "limit $t^{(0)}$ (no series: degenerate levels, irrational $H_1$)",
            W->N, NG_NESS_SWEEP_FIT_MAX);
    sweep_sites_latex(out, W);
    ng_report_latex_end(out, cli->standalone);
}

static void write_sweep(cli_t *cli, const ng_model_t M, const ng_ness_sweep_t W)
{
    if (cli->format == NG_FORMAT_JSON) {
        sweep_json(cli, M, W);
    } else if (cli->format == NG_FORMAT_CSV) {
        sweep_csv(cli->out, W);
    } else if (cli->format == NG_FORMAT_LATEX) {
        sweep_latex(cli, W);
    } else {
        sweep_text(cli->out, W);
        sweep_current_text(cli->out, W);
    }
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
    if (status == CLI_OK)
        write_sweep(cli, M, W);
    ng_ness_sweep_clear(W);
    return status;
}

/* Dispatch after the model is read: certified, sweep or ness. */
static int run(cli_t *cli, ng_model_t M, const cli_user_obs *U, const double *lam, int nl,
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
    cli_user_obs U;
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
    if ((status = cli_user_obs_init(&U, cli, M->N)) == CLI_OK) {
        status = certified ? cmd_ness_certified(cli, M, U.n) : run(cli, M, &U, lam, nl, sweep);
        cli_user_obs_clear(&U);
    }
    ng_model_clear(M);
    return status;
}
