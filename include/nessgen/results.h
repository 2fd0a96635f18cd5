/* Results of the certified commands as library objects, and the functions
 * that turn them into reports (report.h) — what `nessgen rho0` and
 * `nessgen series` compute beyond the engine's ρ0 and ρ_m:
 *   - the observables the user names (--observable), exact or certified;
 *   - the heat and spin currents (observable.h) at each order, and the
 *     contact law J_ν^[2] = h Γ_ν (t_e − t_ν);
 *   - Eq. 103's g for two spins, the series' sum at λ and the λ range where
 *     the truncated sum is accurate.
 * The command line keeps only options, dispatch and I/O:
 *     ng_rho0_result_compute(r, M, &opts, U);
 *     ng_rho0_result_report(rep, r, M);  ng_report_write(out, rep, …); */
#ifndef NESSGEN_RESULTS_H
#define NESSGEN_RESULTS_H

#include "nessgen/engine.h"
#include "nessgen/model.h"
#include "nessgen/observable.h"
#include "nessgen/report.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- observables the user names ------------------------------------- */

typedef struct {
    int n;
    ng_observable_struct *obs;
} ng_user_obs_struct;
typedef ng_user_obs_struct ng_user_obs_t[1];

/* Parses the n expressions and checks their sites against N; NG_EINPUT with
 * a message naming the expression ("--observable").  clear is safe after
 * init whatever the status. */
ng_status ng_user_obs_init(ng_user_obs_t U, const char *const *exprs, int n, int N);
void ng_user_obs_clear(ng_user_obs_t U);

/* Their values in one state, each in its own ring: the state's, balls when
 * an irrational coefficient meets an exact state, Q(names) for free names in
 * the coefficients of an exact rational state. */
typedef struct {
    int n;
    ng_ring_struct *R; /* n rings */
    ng_ptr *v;         /* v[i] in R + i */
} ng_obs_values_struct;
typedef ng_obs_values_struct ng_obs_values_t[1];

/* V is initialised here (clear it whatever the status). */
ng_status ng_obs_values_eval(ng_obs_values_t V, const ng_user_obs_t U, int N,
                             ng_string_expect_fn f, const void *state, const ng_ring_t R,
                             slong prec);
/* V = A + c·V entrywise (Horner's rule for a series sum; ball states). */
void ng_obs_values_horner(ng_obs_values_t V, const ng_obs_values_t A, ng_srcptr c);
void ng_obs_values_copy(ng_obs_values_t V, const ng_obs_values_t A);
void ng_obs_values_clear(ng_obs_values_t V);

/* The table "observables" [{"expression", "value"}] (text, JSON; LaTeX: an
 * align* under a paragraph); the CSV columns obs1 … obsK, where the caller
 * wants them. */
void ng_user_obs_report(ng_report_t rep, const ng_user_obs_t U, const ng_obs_values_t V);
void ng_user_obs_report_csv(ng_report_t rep, const ng_user_obs_t U, const ng_obs_values_t V);

/* ---- currents ---------------------------------------------------------- */

/* The current operators of a model (over its ring). */
typedef struct {
    ng_superop_ctx_t L;
    ng_currents_t C;
    const ng_ring_struct *R;
} ng_currents_ctx_struct;
typedef ng_currents_ctx_struct ng_currents_ctx_t[1];

void ng_currents_ctx_init(ng_currents_ctx_t X, const ng_model_t M);
void ng_currents_ctx_clear(ng_currents_ctx_t X);

enum { NG_CURRENTS_BATHS = 1, NG_CURRENTS_BONDS = 2 };

/* A group `key` (NULL in a list) {"J_L","J_R","sum","Js_L","Js_R"[,"energy":
 * [{"site","j"}],"spin":[{"sites":[l,m],"js"}]]} with headings
 * "currents, <text>:" and "\paragraph{Currents (<latex>).}"; the caller
 * ends it (ng_report_end) after adding its own fields. */
void ng_currents_report_begin(ng_report_t rep, const char *key, const char *text,
                              const char *latex, const ng_current_values_t V,
                              const ng_ring_t R, int parts);

/* ---- local observables ------------------------------------------------- */

/* T = h / artanh t (Eq. 100: t = tanh(h/T)); 0 if artanh t is not certified
 * nonzero. */
int ng_local_temperature(arb_t T, ng_srcptr t, const ng_model_t M, const ng_ring_t R,
                         slong prec);
/* The tables "sites" (site, t, T: T_l for a state, with_T; else null),
 * "bonds" ({"sites":[l,l+1]}, rhoA, rhoB), "three_body" (site, zA, Az;
 * Eqs. 151-152), joined in the CSV on the site, and the group "eq150" with
 * both sides of Eq. 150. */
void ng_engine_obs_report(ng_report_t rep, const ng_engine_obs_t O, const ng_model_t M,
                          const ng_ring_t R, slong prec, int with_T);

/* ---- the model in LaTeX ------------------------------------------------ */

/* "Model: the \texttt{tilted-ising} preset, $N = 3$, with $\theta = …$, …"
 * (given or default values; derived ones, zero defaults and the mirror
 * α_jk, j > k, left out); flint_malloc'd. */
char *ng_model_get_latex_paragraph(const ng_model_t M);
/* An expression's value in LaTeX math: \frac{p}{q} if rational, else its
 * LaTeX as typed; flint_malloc'd. */
char *ng_expr_get_latex_value(const ng_expr *e);
/* \texttt{text} with LaTeX's special characters escaped; flint_malloc'd. */
char *ng_latex_texttt(const char *text);

/* ---- rho0 ----------------------------------------------------------------- */

/* ρ0 (engine.h) and what the command reports beyond its observables. */
typedef struct {
    const ng_user_obs_struct *U; /* borrowed */
    slong prec;                  /* of derived balls (T_l, the user's values) */
    ng_obs_values_t vals;
    ng_current_values_t J;       /* coefficients of λ² (baths only) */
    ng_ptr gamma, newton;        /* Γ_ν and h Γ_ν (t_e − t_ν), 2 each, in res->R */
    int have_eq103;              /* N = 2 */
    ng_ptr g, a;                 /* Eq. 103: g and the ρ^A coefficient */
    int have_extras;
    ng_engine_rho0_t res;
} ng_rho0_result_struct;
typedef ng_rho0_result_struct ng_rho0_result_t[1];

/* Runs ng_engine_rho0 (opts->keep_state is set) and the extras; r is
 * initialised here, clear it whatever the status.  prec: the digits the
 * report will print (derived balls get 4·digits + 64 bits at least). */
ng_status ng_rho0_result_compute(ng_rho0_result_t r, ng_model_t M, ng_engine_opts *opts,
                                 const ng_user_obs_t U, slong digits);
void ng_rho0_result_clear(ng_rho0_result_t r);
/* The report of `nessgen rho0` (rep initialised by the caller). */
void ng_rho0_result_report(ng_report_t rep, const ng_rho0_result_t r, const ng_model_t M);

/* ---- rho0 in closed form ------------------------------------------------ */

/* ρ0's observables as rational functions of the free names (issue 14,
 * ng_engine_rho0_closed), K_N = (t_1 − t_N)/(t_L − t_R) with its limits
 * θ → 0 (u_θ = 0) and θ → π/2 (u_θ = 1), and Eq. 150 decided as an
 * identity of rational functions. */
typedef struct {
    int have_K, have_eq150;
    ng_ptr K, lhs, rhs;        /* in M's ring Q(names) */
    int K_limit_ok[2];
    ng_ptr K_limit[2];
    int eq150_identity;
    const ng_ring_struct *R;   /* M's ring, borrowed */
    ng_engine_closed_t C;
} ng_rho0_closed_result_struct;
typedef ng_rho0_closed_result_struct ng_rho0_closed_result_t[1];

/* r initialised here; clear it whatever the status. */
ng_status ng_rho0_closed_result_compute(ng_rho0_closed_result_t r, const ng_model_t M,
                                        const ng_engine_opts *opts);
void ng_rho0_closed_result_clear(ng_rho0_closed_result_t r);
/* The report (text, JSON, LaTeX: the closed forms, factored where short). */
void ng_rho0_closed_result_report(ng_report_t rep, const ng_rho0_closed_result_t r,
                                  const ng_model_t M);
/* Code: a Python module of exact functions (fractions.Fraction), or C
 * functions per observable (NAME_arb certified, NAME_d with an error bound;
 * returns how many have no double version), each with a provenance header. */
void ng_rho0_closed_write_python(FILE *out, const ng_rho0_closed_result_t r,
                                 const ng_model_t M, const char *command_line);
slong ng_rho0_closed_write_c(FILE *out, const ng_rho0_closed_result_t r, const ng_model_t M,
                             const char *command_line);

/* ---- series ---------------------------------------------------------------- */

/* The λ range in which the truncated sum Σ_{m ≤ order} λ^m t_m is accurate
 * to 10^{-digits} in every t_l (see series_result.c). */
typedef struct {
    double tmax[21];   /* max_l |t_{m,l}|, m = 0..order (order <= 20) */
    double next;       /* estimate of T_{order+1}; NaN for order 0 */
    double lambda_max; /* next λ^{order+1} = 10^{-digits} */
} ng_series_truncation;

void ng_series_truncation_compute(ng_series_truncation *T, const ng_engine_series_t S,
                                  slong digits);

typedef struct {
    ng_engine_series_t S;
    const ng_user_obs_struct *U; /* borrowed */
    int have_extras;
    ng_obs_values_struct *vals;  /* order + 1 */
    ng_current_values_struct *J; /* order + 1: J[p − 1] for λ^p */
    int have_sum;                /* --lambda */
    char *lambda_text;           /* as given */
    ng_ptr lambda;               /* in S->R */
    ng_engine_obs_t sum;
    ng_obs_values_t sum_vals;
    ng_current_values_t sum_J;
    int odd_symmetric;           /* U = Π_{l odd} Z_l maps L1 to −L1 */
    ng_series_truncation trunc;
} ng_series_result_struct;
typedef ng_series_result_struct ng_series_result_t[1];

/* λ > 0 from its expression as an element of R (exact decimals stay
 * exact); NG_EINPUT naming --lambda for a list, a non-number or λ <= 0. */
ng_status ng_series_parse_lambda(ng_ptr lambda, const char *text, const ng_ring_t R);
/* The series to `order` (opts->keep_state is set), with --lambda text (NULL:
 * none) its sum there; r initialised here, clear it whatever the status. */
ng_status ng_series_result_compute(ng_series_result_t r, ng_model_t M, int order,
                                   ng_engine_opts *opts, const ng_user_obs_t U,
                                   const char *lambda, slong digits);
void ng_series_result_clear(ng_series_result_t r);
void ng_series_result_report(ng_report_t rep, const ng_series_result_t r,
                             const ng_model_t M);

#ifdef __cplusplus
}
#endif

#endif
