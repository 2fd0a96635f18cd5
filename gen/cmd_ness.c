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
#include "cli_ness_digits.h"
#include "cli_obs.h"
#include "nessgen/numerics.h"
#include "nessgen/engine.h"
#include "nessgen/pert.h"
/* after every FLINT header: complex.h defines the macro I */
#include <complex.h>

#define NESS_DIGITS 10 /* significant digits printed in text and CSV */
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

static int solve_one(ng_ness_t S, const ng_ness_model_t D, double lambda)
{
    ng_ness_params p;
    ng_status st;
    progress_state P = {0.0, -1.0, 0.0};
    ng_ness_params_init(&p, lambda);
    P.tol = p.tol;
    if (isatty(STDERR_FILENO)) {
        p.progress = progress_tty;
        p.progress_arg = &P;
    }
    st = ng_ness_solve(S, D, &p);
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

static json_t *honesty_json(const ng_ness_t S)
{
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
    return h;
}

static json_t *result_json(const ng_ness_t S, const ng_ness_obs_t O, const ng_ness_obs_err_t E)
{
    json_t *r = json_object(), *sites = json_array(), *bonds = json_array(),
           *three = json_array(), *eq = json_object();
    char buf[512];
    const char *w = trust_warning(S, buf, sizeof buf);
    int N = O->N;
    json_object_set_new(r, "lambda", json_real(S->lambda));
    for (int l = 0; l < N; l++) {
        json_t *s = json_object();
        json_object_set_new(s, "site", json_integer(l + 1));
        json_object_set_new(s, "t", cli_ness_jval(O->t[l], E->t[l]));
        json_object_set_new(s, "T", cli_ness_jval(O->T[l], E->T[l]));
        json_array_append_new(sites, s);
    }
    for (int l = 0; l + 1 < N; l++) {
        json_t *b = json_pack("{s:[i,i]}", "sites", l + 1, l + 2);
        json_object_set_new(b, "rhoA", cli_ness_jval(O->rhoA[l], E->rhoA[l]));
        json_object_set_new(b, "rhoB", cli_ness_jval(O->rhoB[l], E->rhoB[l]));
        json_array_append_new(bonds, b);
    }
    for (int l = 2; l < N; l++) {
        json_t *b = json_pack("{s:i}", "site", l);
        json_object_set_new(b, "zA", cli_ness_jval(O->zA[l - 2], E->zA[l - 2]));
        json_object_set_new(b, "Az", cli_ness_jval(O->Az[l - 2], E->Az[l - 2]));
        json_array_append_new(three, b);
    }
    json_object_set_new(eq, "lhs", cli_ness_jval(O->eq150_lhs, E->eq150_lhs));
    json_object_set_new(eq, "rhs", cli_ness_jval(O->eq150_rhs, E->eq150_rhs));
    json_object_set_new(r, "sites", sites);
    json_object_set_new(r, "bonds", bonds);
    json_object_set_new(r, "three_body", three);
    json_object_set_new(r, "eq150", eq);
    json_object_set_new(r, "honesty", honesty_json(S));
    /* every value's own error: this times ‖O‖_HS / 2^{N/2} (obs_error.c) */
    json_object_set_new(json_object_get(r, "honesty"), "error_per_pauli_string",
                        jnum(E->state_error));
    json_object_set_new(r, "warning", w ? json_string(w) : json_null());
    return r;
}

static void write_text(FILE *out, const ng_ness_t S, const ng_ness_obs_t O,
                       const ng_ness_obs_err_t E)
{
    char buf[512];
    const char *w = trust_warning(S, buf, sizeof buf);
    int N = O->N;
    fprintf(out, "NESS of L = L0 + lambda L1 + lambda^2 L2, N = %d, lambda = %g\n", N,
            S->lambda);
    fprintf(out, "%5s  %18s  %18s\n", "site", "t_l = -<Z_l>", "T_l = h/artanh t_l");
    for (int l = 0; l < N; l++) {
        fprintf(out, "%5d", l + 1);
        cli_ness_put_val(out, "  %18s", O->t[l], E->t[l]);
        cli_ness_put_val(out, "  %18s\n", O->T[l], E->T[l]);
    }
    fprintf(out, "%5s  %18s  %18s\n", "bond", "<A(l,l+1)>", "<B(l,l+1)>");
    for (int l = 0; l + 1 < N; l++) {
        fprintf(out, "%2d,%-2d", l + 1, l + 2);
        cli_ness_put_val(out, "  %18s", O->rhoA[l], E->rhoA[l]);
        cli_ness_put_val(out, "  %18s\n", O->rhoB[l], E->rhoB[l]);
    }
    if (N > 2) {
        fprintf(out, "%5s  %18s  %18s\n", "l", "<Z(l-1) A(l,l+1)>", "<A(l-1,l) Z(l+1)>");
        for (int l = 2; l < N; l++) {
            fprintf(out, "%5d", l);
            cli_ness_put_val(out, "  %18s", O->zA[l - 2], E->zA[l - 2]);
            cli_ness_put_val(out, "  %18s\n", O->Az[l - 2], E->Az[l - 2]);
        }
    }
    cli_ness_put_val(out, "Eq. 150: lhs = t_N - t_1 = %s", O->eq150_lhs, E->eq150_lhs);
    cli_ness_put_val(out, ", rhs = %s\n", O->eq150_rhs, E->eq150_rhs);
    fprintf(out, "each value shows the digits its own error estimate supports (at most %d; "
                 "|error| <= %.1e for one Pauli string, 'noise' for none)\n",
            NESS_DIGITS, E->state_error);
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
    if (w != NULL)
        fprintf(out, "warning: %s\n", w);
}

/* A double in LaTeX math, rounded to d significant digits. */
static void put_d(FILE *out, double x, int d)
{
    char *s = ng_report_latex_double_digits(x, d);
    fprintf(out, "$%s$", s);
    flint_free(s);
}

/* One table per λ (LaTeX: the fragment a paper \inputs, or --standalone). */
static void write_latex(FILE *out, const ng_ness_t S, const ng_ness_obs_t O)
{
    int N = O->N, d = FLINT_MAX(1, FLINT_MIN(S->trusted_digits, NESS_DIGITS));
    char lam[NG_REPORT_DOUBLE_LEN];
    fprintf(out,
            "\\begin{table}[ht]\n\\centering\n\\begin{tabular}{rrrrr}\n\\hline\n"
            "$l$ & $t_l$ & $T_l$ & $\\langle\\rho^{\\mathrm{A}}_{l,l+1}\\rangle$ & "
            "$\\langle\\rho^{\\mathrm{B}}_{l,l+1}\\rangle$ \\\\\n\\hline\n");
    for (int l = 0; l < N; l++) {
        fprintf(out, "%d & ", l + 1);
        put_d(out, O->t[l], d);
        fprintf(out, " & ");
        put_d(out, O->T[l], d);
        fprintf(out, " & ");
        if (l + 1 < N)
            put_d(out, O->rhoA[l], d);
        fprintf(out, " & ");
        if (l + 1 < N)
            put_d(out, O->rhoB[l], d);
        fprintf(out, " \\\\\n");
    }
    fprintf(out, "\\hline\n\\end{tabular}\n\\caption{The NESS of $\\mathcal{L} = "
                 "\\mathcal{L}_0 + \\lambda\\mathcal{L}_1 + \\lambda^2\\mathcal{L}_2$ at "
                 "$\\lambda = %s$, $N = %d$: $t_l = -\\langle\\sigma^z_l\\rangle$, $T_l = "
                 "h/\\operatorname{artanh} t_l$ (double precision).  Values are rounded to %d "
                 "significant digits, the digits the solver's error estimate supports "
                 "(condition estimate ",
            ng_report_double_str(lam, S->lambda), N, d);
    put_d(out, S->cond_est, 2);
    fprintf(out, " times the backward error).  Eq.~(150): $t_N - t_1$ = ");
    put_d(out, O->eq150_lhs, d);
    fprintf(out, ", right-hand side ");
    put_d(out, O->eq150_rhs, d);
    fprintf(out, ".}\n\\end{table}\n");
}

static void write_csv_rows(FILE *out, const ng_ness_t S, const ng_ness_obs_t O,
                           const ng_ness_obs_err_t E, const cli_ness_extras *X,
                           const double *vals, const ng_current_values_d *V)
{
    int N = O->N;
    for (int l = 0; l < N; l++) {
        /* each value to its supported digits; none: NaN, an empty field */
        double row[6] = {cli_ness_rounded(O->t[l], E->t[l]), cli_ness_rounded(O->T[l], E->T[l]),
                         l + 1 < N ? cli_ness_rounded(O->rhoA[l], E->rhoA[l]) : NAN,
                         l + 1 < N ? cli_ness_rounded(O->rhoB[l], E->rhoB[l]) : NAN,
                         l >= 1 && l + 1 < N ? cli_ness_rounded(O->zA[l - 1], E->zA[l - 1]) : NAN,
                         l >= 1 && l + 1 < N ? cli_ness_rounded(O->Az[l - 1], E->Az[l - 1])
                                             : NAN};
        ng_report_csv_double(out, S->lambda);
        fprintf(out, ",%d", l + 1);
        for (int i = 0; i < 6; i++) {
            fputc(',', out);
            ng_report_csv_double(out, row[i]);
        }
        cli_currents_csv_d(out, V, l + 1);
        cli_user_obs_csv_d(out, &X->U, vals);
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

static int run_ness(cli_t *cli, const ng_ness_model_t D, const ng_model_t M,
                    const double *lam, int nl, const cli_ness_extras *X)
{
    json_t *doc = NULL, *results = NULL;
    int status = CLI_OK;
    char buf[512];
    if (cli->format == NG_FORMAT_JSON) {
        doc = cli_json_document(cli, M);
        json_object_set_new(doc, "N", json_integer(M->N));
        results = json_array(); /* a list even for one λ (DESIGN §4) */
    } else if (cli->format == NG_FORMAT_LATEX) {
        ng_report_latex_begin(cli->out, cli->standalone,
                              "The NESS of the full Liouvillian at finite $\\lambda$",
                              cli->command_line);
    } else if (cli->format == NG_FORMAT_CSV) {
        fprintf(cli->out, "lambda,");
        cli_obs_csv_header(cli->out, 0);
        cli_currents_csv_header(cli->out);
        cli_user_obs_csv_header(cli->out, &X->U, 0);
        fputc('\n', cli->out);
    }
    for (int k = 0; k < nl && status == CLI_OK; k++) {
        ng_ness_t S;
        ng_ness_obs_t O;
        ng_ness_init(S);
        ng_status st = solve_one(S, D, lam[k]);
        if (st == NG_EINPUT || S->rho == NULL) {
            status = cli_fail(cli, st);
        } else if (st == NG_OK && no_digits(S)) {
            status = CLI_ECOMPUTE;
        } else {
            const char *w = trust_warning(S, buf, sizeof buf);
            if (st != NG_OK)
                fprintf(stderr, "nessgen ness: %s\n", ng_error_message());
            if (w != NULL)
                fprintf(stderr, "nessgen ness: warning: %s\n", w);
            double *vals = flint_malloc((size_t)FLINT_MAX(X->U.n, 1) * sizeof(double));
            ng_current_values_d V;
            ng_current_values_d_init(&V, M->N);
            ng_ness_obs_err_t E;
            char noise[1024];
            int total, nnoise;
            ng_ness_obs_init(O, S->rho, D);
            ng_ness_obs_err_init(E, O, S, D);
            nnoise = cli_ness_noise_list(noise, sizeof noise, &total, O, E);
            if (nnoise == total) { /* nothing supported: exit 1, nothing printed */
                fprintf(stderr, "nessgen ness: lambda = %g: no printed value supports a "
                                "significant digit (error estimate %.1e per Pauli string); "
                                "nothing printed\n",
                        S->lambda, E->state_error);
                status = CLI_ECOMPUTE;
            } else if (nnoise > 0) {
                fprintf(stderr, "nessgen ness: warning: lambda = %g: no significant digit is "
                                "supported for %s (error estimates at or above the values; "
                                "printed as %s)\n",
                        S->lambda, noise,
                        cli->format == NG_FORMAT_JSON ? "null"
                        : cli->format == NG_FORMAT_CSV ? "empty fields"
                                                       : "'noise'");
            }
            cli_ness_extras_eval(vals, &V, X, S->rho, S->lambda);
            if (status != CLI_OK) {
                /* nothing supported (above) */
            } else if (cli->format == NG_FORMAT_JSON) {
                json_t *r = result_json(S, O, E);
                cli_user_obs_json_d(r, &X->U, vals);
                json_object_set_new(r, "currents", cli_currents_json_d(&V));
                json_array_append_new(results, r);
            } else if (cli->format == NG_FORMAT_CSV) {
                write_csv_rows(cli->out, S, O, E, X, vals, &V);
            } else if (cli->format == NG_FORMAT_LATEX) {
                write_latex(cli->out, S, O);
            } else {
                write_text(cli->out, S, O, E);
                cli_user_obs_text_d(cli->out, &X->U, vals);
                cli_currents_text_d(cli->out, &V);
            }
            ng_current_values_d_clear(&V);
            flint_free(vals);
            ng_ness_obs_err_clear(E);
            ng_ness_obs_clear(O);
            if (st != NG_OK)
                status = CLI_ECOMPUTE;
        }
        ng_ness_clear(S);
    }
    if (cli->format == NG_FORMAT_LATEX)
        ng_report_latex_end(cli->out, cli->standalone);
    if (doc != NULL) {
        json_object_set_new(doc, "results", results);
        if (status == CLI_OK)
            ng_report_json_write(cli->out, doc);
        json_decref(doc);
    }
    return status;
}

/* ρ0 from the exact Ker L0 engine (pert.h), as a dense matrix (small N,
 * models whose ranks can be decided). */
static ng_status reference_rho0(double _Complex *rho0, const ng_model_t M)
{
    ng_named_basis_t B;
    ng_superop_ctx_t L;
    ng_pert_t P;
    ng_op_t op;
    ng_status st;
    ng_ptr coords;
    ng_named_basis_init(B);
    st = ng_kernel_basis(B, M->N, M->R);
    if (st != NG_OK) {
        ng_named_basis_clear(B, M->R);
        return st;
    }
    ng_superop_ctx_init(L, M);
    st = ng_pert_init(P, B, L);
    if (st == NG_OK) {
        coords = ng_vec_init(B->length, M->R);
        st = ng_pert_rho0(coords, P);
        if (st == NG_OK) {
            ng_op_init(op, M->N, NG_PAULI, M->R);
            ng_pert_coords_to_op(op, coords, P);
            st = ng_ness_dense_from_op(rho0, op, M->R);
            ng_op_clear(op, M->R);
        }
        ng_vec_clear(coords, B->length, M->R);
        ng_pert_clear(P);
    }
    ng_superop_ctx_clear(L);
    ng_named_basis_clear(B, M->R);
    return st;
}

static double hs_distance(const double _Complex *a, const double _Complex *b, slong len)
{
    double s = 0.0;
    for (slong k = 0; k < len; k++) {
        double _Complex d = a[k] - b[k];
        s += creal(d) * creal(d) + cimag(d) * cimag(d);
    }
    return sqrt(s);
}

/* Order fitted on the points with λ ≤ 0.02 (the asymptotic regime) when
 * there are at least three, else on all. */
static double fit(const double *lam, const double *err, int nl)
{
    double l2[MAX_LAMBDAS], e2[MAX_LAMBDAS];
    int m = 0;
    for (int k = 0; k < nl; k++)
        if (lam[k] <= 0.02) {
            l2[m] = lam[k];
            e2[m++] = err[k];
        }
    return m >= 3 ? ng_ness_fit_order(l2, e2, m) : ng_ness_fit_order(lam, err, nl);
}

/* The reference: t_l of ρ0, ρ1, ρ2 from the N-spin engine (engine.h; the
 * series needs simple levels, else ρ0 alone), and ρ0 as a matrix from the
 * Ker L0 engine when it can decide (pert.h, N ≤ 5). */
typedef struct {
    int order;        /* highest m with t_m available */
    double *tm[3];    /* t_l of ρ_m */
    double _Complex *rho0;
    const char *source;
} reference_t;

static ng_status reference_init(reference_t *ref, ng_model_t M)
{
    ng_engine_opts opts;
    ng_engine_reference_t E;
    ng_status st;
    slong len = (WORD(1) << M->N) * (WORD(1) << M->N);
    ng_engine_opts_init(&opts);
    opts.digits = 17;
    ref->rho0 = NULL;
    for (int m = 0; m < 3; m++)
        ref->tm[m] = calloc((size_t)M->N, sizeof(double));
    st = ng_engine_reference(E, M, &opts);
    ref->order = st == NG_OK ? E->order : -1;
    for (int m = 0; m <= ref->order; m++)
        ng_engine_reference_t_d(ref->tm[m], E, m);
    ref->source = ref->order == 2 ? "rho0 + lambda rho1 + lambda^2 rho2 (engine.h, certified)"
                                  : "rho0 (engine.h; the series needs simple levels)";
    ng_engine_reference_clear(E);
    if (st != NG_OK)
        return st;
    if (M->N <= NG_NESS_DENSE_MAX_N) {
        ref->rho0 = malloc((size_t)len * sizeof(double _Complex));
        if (reference_rho0(ref->rho0, M) != NG_OK) {
            free(ref->rho0);
            ref->rho0 = NULL;
        }
        ng_error_clear();
    }
    return NG_OK;
}

static void reference_clear(reference_t *ref)
{
    for (int m = 0; m < 3; m++)
        free(ref->tm[m]);
    free(ref->rho0);
}

/* max_l |t_l − Σ_{m ≤ order} λ^m t_{m,l}| */
static double series_error(const double *t, const reference_t *ref, int order, double lam,
                           int N)
{
    double e = 0.0;
    for (int l = 0; l < N; l++) {
        double s = 0.0, p = 1.0;
        for (int m = 0; m <= order; m++, p *= lam)
            s += p * ref->tm[m][l];
        e = fmax(e, fabs(t[l] - s));
    }
    return e;
}

static void sweep_json(cli_t *cli, const ng_model_t M, const reference_t *ref,
                       const double *lam, int nl, double err[][MAX_LAMBDAS],
                       const double *err_rho, const double *err_150, const int *iters,
                       const int *digits, const cli_current_sweep *W)
{
    json_t *doc = cli_json_document(cli, M), *sites = json_array(),
           *rows = json_array(), *order = json_object();
    static const char *const names[3] = {"rho0", "rho0+rho1", "rho0+rho1+rho2"};
    double h = ng_elem_get_d(M->h, M->R); /* T_l = h / artanh t_l (DESIGN §1) */
    json_object_set_new(doc, "N", json_integer(M->N));
    json_object_set_new(doc, "mode", json_string("sweep"));
    for (int l = 0; l < M->N; l++)
        json_array_append_new(sites, json_pack("{s:i,s:o,s:o}", "site", l + 1, "t",
                                               jnum(ref->tm[0][l]), "T",
                                               jnum(h / atanh(ref->tm[0][l]))));
    json_object_set_new(doc, "reference",
                        json_pack("{s:s,s:i,s:o}", "source", ref->source, "order", ref->order,
                                  "sites", sites));
    for (int k = 0; k < nl; k++) {
        json_t *r = json_pack("{s:f}", "lambda", lam[k]), *dt = json_object();
        for (int m = 0; m <= ref->order; m++)
            json_object_set_new(dt, names[m], jnum(err[m][k]));
        json_object_set_new(r, "max_abs_dt", dt);
        json_object_set_new(r, "hs_distance_rho0", ref->rho0 ? jnum(err_rho[k]) : json_null());
        json_object_set_new(r, "eq150_gap", jnum(err_150[k]));
        json_object_set_new(r, "iterations", json_integer(iters[k]));
        json_object_set_new(r, "trusted_digits", json_integer(digits[k]));
        json_array_append_new(rows, r);
    }
    for (int m = 0; m <= ref->order; m++)
        json_object_set_new(order, names[m], jnum(fit(lam, err[m], nl)));
    if (ref->rho0 != NULL)
        json_object_set_new(order, "hs_distance_rho0", jnum(fit(lam, err_rho, nl)));
    json_object_set_new(doc, "results", rows);
    json_object_set_new(doc, "order", order);
    json_object_set_new(doc, "heat_current", cli_current_sweep_json(W, fit));
    ng_report_json_write(cli->out, doc);
    json_decref(doc);
}

static void sweep_text(FILE *out, const ng_model_t M, const reference_t *ref,
                       const double *lam, int nl, double err[][MAX_LAMBDAS],
                       const double *err_rho, const double *err_150, const int *iters,
                       const int *digits)
{
    static const char *const heads[3] = {"|t-t0|", "|t-t0-l t1|", "|t-(..)-l^2 t2|"};
    fprintf(out, "lambda sweep of the full-Liouvillian NESS against the weak-coupling "
                 "series, N = %d\nreference: %s\nrho0: t_l =", M->N, ref->source);
    for (int l = 0; l < M->N; l++)
        fprintf(out, " %.12g", ref->tm[0][l]);
    fprintf(out, "\n%10s", "lambda");
    for (int m = 0; m <= ref->order; m++)
        fprintf(out, "  %15s", heads[m]);
    fprintf(out, "  %13s  %13s  %5s  %6s\n", "||rho-rho0||", "|eq150 l-r|", "iters",
            "digits");
    for (int k = 0; k < nl; k++) {
        fprintf(out, "%10g", lam[k]);
        for (int m = 0; m <= ref->order; m++)
            fprintf(out, "  %15.6e", err[m][k]);
        if (ref->rho0 != NULL)
            fprintf(out, "  %13.6e", err_rho[k]);
        else
            fprintf(out, "  %13s", "-");
        fprintf(out, "  %13.6e  %5d  %6d\n", err_150[k], iters[k], digits[k]);
    }
    fprintf(out, "fitted order p (error ~ lambda^p, points lambda <= 0.02; max over sites):");
    for (int m = 0; m <= ref->order; m++)
        fprintf(out, " %s %.3f%s", heads[m], fit(lam, err[m], nl), m < ref->order ? "," : "");
    if (ref->rho0 != NULL)
        fprintf(out, ", ||rho-rho0|| %.3f", fit(lam, err_rho, nl));
    fprintf(out, "\n(each added series term should raise the order by about one, until the "
                 "double-precision floor is reached)\n");
}

/* The comparison table a paper needs: max_l |t_l − Σ_{m ≤ k} λ^m t_{m,l}| per λ,
 * then the fitted orders. */
static void sweep_latex(cli_t *cli, const ng_model_t M, const reference_t *ref,
                        const double *lam, int nl, double err[][MAX_LAMBDAS],
                        const double *err_rho, const double *err_150, const int *digits)
{
    static const char *const heads[3] = {"t_l - t^{(0)}_l",
                                         "t_l - t^{(0)}_l - \\lambda t^{(1)}_l",
                                         "t_l - \\dots - \\lambda^2 t^{(2)}_l"};
    FILE *out = cli->out;
    ng_report_latex_begin(out, cli->standalone,
                          "The full-Liouvillian NESS against the weak-coupling series",
                          cli->command_line);
    fprintf(out, "\\begin{table}[ht]\n\\centering\n\\begin{tabular}{r");
    for (int m = 0; m <= ref->order; m++)
        fputc('r', out);
    fprintf(out, "%sr}\n\\hline\n$\\lambda$", ref->rho0 ? "r" : "");
    for (int m = 0; m <= ref->order; m++)
        fprintf(out, " & $\\max_l|%s|$", heads[m]);
    if (ref->rho0 != NULL)
        fprintf(out, " & $\\|\\rho - \\rho_0\\|$");
    fprintf(out, " & Eq.~(150) gap \\\\\n\\hline\n");
    for (int k = 0; k < nl; k++) {
        put_d(out, lam[k], 0);
        for (int m = 0; m <= ref->order; m++) {
            fprintf(out, " & ");
            put_d(out, err[m][k], 3);
        }
        if (ref->rho0 != NULL) {
            fprintf(out, " & ");
            put_d(out, err_rho[k], 3);
        }
        fprintf(out, " & ");
        put_d(out, err_150[k], 3);
        fprintf(out, " \\\\\n");
    }
    fprintf(out, "\\hline\nfitted order");
    for (int m = 0; m <= ref->order; m++) {
        fprintf(out, " & ");
        put_d(out, fit(lam, err[m], nl), 3);
    }
    if (ref->rho0 != NULL) {
        fprintf(out, " & ");
        put_d(out, fit(lam, err_rho, nl), 3);
    }
    fprintf(out, " & \\\\\n\\hline\n\\end{tabular}\n");
    {
        int dmin = 99;
        for (int k = 0; k < nl; k++)
            dmin = FLINT_MIN(dmin, digits[k]);
        fprintf(out,
                "\\caption{The NESS of the full Liouvillian (double precision, at least %d "
                "supported digits) against the weak-coupling %s of the $N = %d$ chain: the "
                "largest deviation over the sites, to 3 significant digits, and the order $p$ "
                "of a fit $\\propto\\lambda^p$ on the points $\\lambda \\le 0.02$.}\n"
                "\\end{table}\n",
                dmin, ref->order == 2 ? "series $t^{(0)} + \\lambda t^{(1)} + \\lambda^2 t^{(2)}$"
                                      : "limit $t^{(0)}$ (no series: degenerate levels, irrational $H_1$)",
                M->N);
    }
    ng_report_latex_end(out, cli->standalone);
}

static int run_sweep(cli_t *cli, const ng_ness_model_t D, ng_model_t M, const double *lam,
                     int nl, const cli_ness_extras *X)
{
    cli_current_sweep W;
    slong len = D->n * D->n;
    double err[3][MAX_LAMBDAS], err_rho[MAX_LAMBDAS], err_150[MAX_LAMBDAS];
    int digits[MAX_LAMBDAS], iters[MAX_LAMBDAS], status = CLI_OK;
    reference_t ref;
    ng_status st = reference_init(&ref, M);
    if (st == NG_OK)
        st = cli_current_sweep_init(&W, M);
    if (st != NG_OK) {
        reference_clear(&ref);
        return cli_fail(cli, st);
    }
    for (int k = 0; k < nl && status == CLI_OK; k++) {
        ng_ness_t S;
        ng_ness_obs_t O;
        ng_ness_init(S);
        st = solve_one(S, D, lam[k]);
        if (st != NG_OK) {
            status = cli_fail(cli, st);
        } else if (no_digits(S)) {
            status = CLI_ECOMPUTE;
        } else {
            ng_ness_obs_init(O, S->rho, D);
            for (int m = 0; m <= ref.order; m++)
                err[m][k] = series_error(O->t, &ref, m, lam[k], M->N);
            err_rho[k] = ref.rho0 != NULL ? hs_distance(S->rho, ref.rho0, len) : NAN;
            err_150[k] = fabs(O->eq150_lhs - O->eq150_rhs);
            {
                ng_current_values_d V;
                ng_current_values_d_init(&V, M->N);
                cli_ness_extras_eval(NULL, &V, X, S->rho, lam[k]);
                cli_current_sweep_add(&W, lam[k], &V);
                ng_current_values_d_clear(&V);
            }
            digits[k] = S->trusted_digits;
            iters[k] = S->iterations;
            ng_ness_obs_clear(O);
        }
        ng_ness_clear(S);
    }
    if (status == CLI_OK && cli->format == NG_FORMAT_JSON) {
        sweep_json(cli, M, &ref, lam, nl, err, err_rho, err_150, iters, digits, &W);
    } else if (status == CLI_OK && cli->format == NG_FORMAT_CSV) {
        fprintf(cli->out, "lambda,err_rho0,err_rho1,err_rho2,hs_distance_rho0,eq150_gap,"
                          "trusted_digits,J_L_over_lambda2,err_J2,err_J3,err_J4,"
                          "sum_over_lambda2\n");
        for (int k = 0; k < nl; k++) {
            fprintf(cli->out, "%.17g", lam[k]);
            for (int m = 0; m < 3; m++)
                fprintf(cli->out, m <= ref.order ? ",%.17g" : ",", err[m][k]);
            fprintf(cli->out, ref.rho0 ? ",%.17g" : ",", err_rho[k]);
            fprintf(cli->out, ",%.17g,%d,%.17g", err_150[k], digits[k], W.JL[k]);
            for (int m = 0; m < 3; m++)
                fprintf(cli->out, m <= W.order ? ",%.17g" : ",", W.err[m][k]);
            fprintf(cli->out, ",%.17g\n", W.sum[k]);
        }
    } else if (status == CLI_OK && cli->format == NG_FORMAT_LATEX) {
        sweep_latex(cli, M, &ref, lam, nl, err, err_rho, err_150, digits);
    } else if (status == CLI_OK) {
        sweep_text(cli->out, M, &ref, lam, nl, err, err_rho, err_150, iters, digits);
        cli_current_sweep_text(cli->out, &W, fit);
    }
    reference_clear(&ref);
    return status;
}

int cmd_ness(cli_t *cli)
{
    ng_model_t M;
    ng_ness_model_t D;
    cli_ness_extras X;
    double lam[MAX_LAMBDAS];
    int nl = 0, sweep = 0, certified = 0, status;
    ng_status st;
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
    if ((status = cli_ness_extras_init(&X, cli, M)) != CLI_OK) {
        ng_model_clear(M);
        return status;
    }
    st = ng_ness_model_init(D, M);
    if (st != NG_OK) {
        cli_ness_extras_clear(&X);
        ng_model_clear(M);
        return cli_fail(cli, st);
    }
    if (sweep && X.U.n > 0)
        status = usage("--observable: give it to 'ness' (the sweep compares t_l and the "
                       "currents), not to", "'ness sweep'");
    else if (certified)
        status = cmd_ness_certified(cli, M, X.U.n);
    else
        status = sweep ? run_sweep(cli, D, M, lam, nl, &X) : run_ness(cli, D, M, lam, nl, &X);
    cli_ness_extras_clear(&X);
    ng_ness_model_clear(D);
    ng_model_clear(M);
    return status;
}
