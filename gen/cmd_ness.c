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

/* A double in LaTeX math, rounded to d significant digits (0: shortest). */
static void put_d(FILE *out, double x, int d)
{
    char *s = ng_report_latex_double_digits(x, d);
    fprintf(out, "$%s$", s);
    flint_free(s);
}

/* A value in LaTeX math with its supported digits (at most NESS_DIGITS). */
static void put_latex(FILE *out, double v, double err)
{
    char *s = ng_report_latex_double_err(v, err, NESS_DIGITS);
    fprintf(out, "$%s$", s);
    flint_free(s);
}

static json_t *jval(json_t *warnings, const char *what, double v, double err)
{
    return ng_report_json_double_err(v, err, warnings, what);
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
                   const ng_ness_probes_t P, const cli_user_obs *U, double lambda, int *stalled)
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
                    const ng_ness_probes_t P, const cli_user_obs *U, const double *lam, int nl)
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
