/* Full-Liouvillian numerics: the NESS of L = L0 + λL1 + λ²L2 (Eqs. 15–19) at
 * finite λ, in double precision — the only place in nessgen where doubles
 * are used.  Nothing here is certified except ng_ness_certify (at the end,
 * N ≤ 6, balls); instead every solution carries honesty figures (residual
 * ‖Lρ‖, ‖Lρ‖/λ², a condition estimate and the number of digits it supports)
 * and every observable its own error estimate (ng_ness_obs_err_t).
 *
 * Representation: ρ is the dense 2^N × 2^N density matrix (column-major,
 * complex) in the computational basis |s⟩, bit l of s = 1 meaning σ^z_l = −1;
 * the model's operators become sums of X-masks times diagonal phase vectors,
 * so applying L costs O(N 4^N).
 *
 * Solver (ng_ness_solve): restarted GMRES, right-preconditioned, on the
 * scaled bordered system  G ρ = w ⊙ (Lρ) + Tr(ρ) 1/2^N = 1/2^N  with
 * w = λ^{-2} within a magnetisation sector of H0 and λ^{-1} across
 * (residual.c): its blocks are O(1) for every λ, so its conditioning stays
 * bounded as λ → 0.  Each restart is a step of iterative refinement: the
 * residual is computed with the Hamiltonian part in double-double and ρ is
 * kept as a double-double, so the rounding noise of Lρ in double (ε/λ² after
 * weighting) does not limit the accuracy.  The preconditioner lives in the
 * eigenbasis of H_S = H0 + λ(H_I + H̄_SB): fast coherences are divided by their
 * diagonal −iω_ab + λ²D_ab,ab, the slow block (populations and near-degenerate
 * coherences, |ω_ab| < τ ~ 20 λ² ‖D‖ — the secular rate equation that carries
 * ρ0, Eqs. 45–47), scaled by λ^{-2}, is kept exactly as a dense LU; its
 * smallest singular value decides whether the steady state is unique.  Each
 * iteration costs four dense complex products of size 2^N (BLAS) — two real
 * ones when H_S is real (precond.c), or from N = 11 on block products per
 * magnetisation sector after a first-order Schrieffer–Wolff rotation
 * (sector.c) — and one matrix-free application of L (columns split over the
 * cores). */
#ifndef NESSGEN_NUMERICS_H
#define NESSGEN_NUMERICS_H

#include <stdint.h>

#include "nessgen/engine.h"
#include "nessgen/error.h"
#include "nessgen/model.h"
#include "nessgen/pauli.h"
#include "nessgen/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest N the dense direct reference solver accepts (matrix of 16^N entries). */
#define NG_NESS_DENSE_MAX_N 5

/* Largest N for which the smallest eigenvalue of ρ is computed (dense zheev). */
#define NG_NESS_EIG_MAX_N 8

/* An operator on N spins in double precision: Σ_k X^{x_k} diag(f_k), i.e.
 * A|s⟩ = Σ_k f_k(s) |s ⊕ x_k⟩. */
typedef struct {
    int N;
    slong n;              /* 2^N */
    slong nmasks;
    uint64_t *xmask;      /* nmasks distinct flip masks */
    double _Complex *f;    /* nmasks × n phases */
} ng_dop_struct;
typedef ng_dop_struct ng_dop_t[1];

/* The model's operators in double precision. */
typedef struct {
    int N;
    slong n;
    ng_dop_t h0, h1;          /* H0, H_I + H̄_SB */
    ng_dop_t x[2], s[2], sdag[2], xs[2], sdagx[2];
    double alpha_zz, alpha_plus, alpha_z[2]; /* α_zz, α_+, α_ν^z = Ȳ_ν x_ν^z (Eq. 120) */
    double t[2];              /* t_L, t_R */
    double h;
} ng_ness_model_struct;
typedef ng_ness_model_struct ng_ness_model_t[1];

/* Converts a resolved model (midpoints of balls, rationals rounded).
 * NG_EINPUT if the model has free parameters or N is outside 2..NG_MODEL_MAX_N. */
ng_status ng_ness_model_init(ng_ness_model_t D, const ng_model_t M);
void ng_ness_model_clear(ng_ness_model_t D);

typedef void (*ng_ness_progress_fn)(void *arg, const char *stage, int iteration,
                                    double residual);

/* The preconditioner's basis: the dense eigenbasis of H0 + λH1 (8^N flops
 * per change of basis), or the eigenbasis of a block-diagonal effective
 * Hamiltonian per magnetisation sector with a first-order Schrieffer–Wolff
 * rotation (about 6× fewer flops at N = 12; real H_S only, else the dense
 * one).  AUTO takes the sector basis from N = 11 on while λ‖V_od‖ ≤ |h|/4. */
enum { NG_NESS_BASIS_AUTO = 0, NG_NESS_BASIS_EIGEN = 1, NG_NESS_BASIS_SECTOR = 2 };

typedef struct {
    double lambda;       /* > 0 */
    double tol;          /* backward-error target ‖r‖ / (‖GC‖ ‖ρ‖ + ‖b‖) of the scaled
                          * system (solve.c; default 1e-14) */
    int restart;         /* GMRES restart length; 0 (default): ng_ness_restart */
    int maxit;           /* total iteration cap (default 600) */
    int basis;           /* the preconditioner's basis: NG_NESS_BASIS_AUTO
                          * (default), _EIGEN or _SECTOR (below) */
    ng_ness_progress_fn progress; /* NULL: silent */
    void *progress_arg;
} ng_ness_params;

void ng_ness_params_init(ng_ness_params *p, double lambda);

typedef struct {
    int N;
    slong n;
    double lambda;
    double _Complex *rho;  /* n × n, column-major, Hermitian, trace 1 */
    double residual;      /* ‖Lρ‖_HS after Hermitising and normalising */
    double residual_l2;   /* ‖Lρ‖_HS / λ² */
    double trace_error;   /* |Tr ρ − 1| before the final normalisation */
    double hermiticity;   /* ‖ρ − ρ†‖_HS / 2 before symmetrising */
    double scaled_residual; /* ‖1/2^N − Gρ‖ of the scaled system (solve.c); NaN
                               for the dense solver */
    double cond_est;      /* condition estimate of the system actually solved:
                           * the scaled one (bounded as λ → 0), or for the
                           * dense solver κ₁ of the bordered Liouvillian */
    double rel_error_est; /* estimated relative error of ρ (κ · backward error) */
    int trusted_digits;   /* ⌊−log10 rel_error_est⌋, clipped to 0..16 */
    int iterations;       /* GMRES iterations (0 for the dense solver) */
    int converged;
    slong slow_dim;       /* dimension of the exactly treated slow block */
    double sigma_min_scaled; /* smallest singular value of the scaled bordered
                              * rate block K (precond.c), relative to ‖K‖_1;
                              * NaN for the dense solver */
    double min_eigenvalue;  /* smallest eigenvalue of ρ (positivity diagnostic;
                             * L2 is of Redfield type, so a unique steady state
                             * may be non-positive); NaN for N > NG_NESS_EIG_MAX_N */
    const char *method;   /* "gmres-scaled" or "dense-lu" */
} ng_ness_struct;
typedef ng_ness_struct ng_ness_t[1];

void ng_ness_init(ng_ness_t S);
void ng_ness_clear(ng_ness_t S);

/* The GMRES restart length used for N spins: p->restart if positive, else 40
 * up to N = 10 and 20 beyond (the basis dominates the memory there). */
int ng_ness_restart(int N, const ng_ness_params *p);

/* Bytes ng_ness_solve needs for N spins (GMRES basis, transforms, slow block). */
double ng_ness_bytes(int N, const ng_ness_params *p);

/* NG_EINPUT, with the memory it would need, if N spins need more than budget
 * bytes (or N > 14). */
ng_status ng_ness_check_size(int N, const ng_ness_params *p, double budget);

/* The NESS at p->lambda.  NG_EINPUT for λ ≤ 0 or not finite, NG_ECOMPUTE if
 * memory runs out, LAPACK fails, or GMRES stalls before tol (S is then still
 * filled, with converged = 0 and honest figures). */
ng_status ng_ness_solve(ng_ness_t S, const ng_ness_model_t D, const ng_ness_params *p);
/* Reference: dense LU of the full bordered Liouvillian; N ≤ NG_NESS_DENSE_MAX_N. */
ng_status ng_ness_solve_dense(ng_ness_t S, const ng_ness_model_t D, double lambda);

/* res = L ρ for L = L0 + λL1 + λ²L2 (n × n arrays). */
void ng_ness_apply_liouvillian(double _Complex *res, const double _Complex *rho, double lambda,
                               const ng_ness_model_t D);

/* ⟨P⟩ = Tr(P ρ) for a Pauli string P (ng_string in the Pauli basis); the real
 * part (ρ Hermitian).  O(2^N). */
double ng_ness_expect(const double _Complex *rho, int N, ng_string P);
/* Convenience: ⟨σ^{a1}_{l1} σ^{a2}_{l2} …⟩ from a letter string such as "0zxx0"
 * (one letter 0xyz per site, site 1 first). */
double ng_ness_expect_str(const double _Complex *rho, int N, const char *letters);

/* Local observables (as in engine.h) and Eq. 150, 1-based sites. */
typedef struct {
    int N;
    double *t;       /* t_l = −⟨σ^z_l⟩, l = 1..N (index l−1) */
    double *T;       /* T_l = h / artanh t_l (NaN if |t_l| ≥ 1, ±inf if t_l = 0) */
    double *rhoA;    /* ⟨ρ^A_{l,l+1}⟩ = ⟨σ^xσ^x + σ^yσ^y⟩, l = 1..N−1 */
    double *rhoB;    /* ⟨ρ^B_{l,l+1}⟩ = ⟨σ^xσ^y − σ^yσ^x⟩ */
    double *zA;      /* ⟨σ^z_{l−1} ρ^A_{l,l+1}⟩, l = 2..N−1 (index l−2) */
    double *Az;      /* ⟨ρ^A_{l−1,l} σ^z_{l+1}⟩, l = 2..N−1 */
    double eq150_lhs, eq150_rhs; /* both sides of Eq. 150 (rhs NaN if α_+ = 0) */
} ng_ness_obs_struct;
typedef ng_ness_obs_struct ng_ness_obs_t[1];

/* Error estimates of the values of an ng_ness_obs_t, one per value (absolute;
 * obs_error.c): |δ⟨O⟩| ≤ ‖O‖_HS ‖δρ‖_HS with ‖δρ‖_HS = rel_error_est ‖ρ‖_HS,
 * so a value small next to the state's error shows the few digits it has.
 * T_l: propagated through T = h/artanh t (inf if t is not resolved). */
typedef struct {
    int N;
    double state_error;   /* the estimate of ‖δρ‖_HS · 2^{N/2} used */
    double *t, *T, *rhoA, *rhoB, *zA, *Az;
    double eq150_lhs, eq150_rhs;
} ng_ness_obs_err_struct;
typedef ng_ness_obs_err_struct ng_ness_obs_err_t[1];

/* Eq. 150's right side in the form of Eq. 149 without assuming the preset:
 * (1/α_+) { α_zz Σ_{l=2}^{N−1} (⟨σ^z_{l−1}ρ^A_{l,l+1}⟩ − ⟨ρ^A_{l−1,l}σ^z_{l+1}⟩)
 *           + α_1^z ⟨ρ^A_{1,2}⟩ − α_N^z ⟨ρ^A_{N−1,N}⟩ },
 * which is Eq. 150 when α_1^z = −α_zz t_L and α_N^z = −α_zz t_R (tilted Ising). */
void ng_ness_obs_init(ng_ness_obs_t O, const double _Complex *rho, const ng_ness_model_t D);
void ng_ness_obs_clear(ng_ness_obs_t O);
void ng_ness_obs_err_init(ng_ness_obs_err_t E, const ng_ness_obs_t O, const ng_ness_t S,
                          const ng_ness_model_t D);
void ng_ness_obs_err_clear(ng_ness_obs_err_t E);
/* Significant digits of value that an absolute error err supports:
 * ⌊log10(|value|/err)⌋ clipped to 0..16 (0 also for a zero or non-finite value). */
int ng_ness_digits(double value, double err);

/* A Pauli-basis operator over the model's ring (e.g. ρ0 from pert.h) as a
 * dense n × n matrix (midpoints); NG_EINPUT for symbolic coefficients. */
ng_status ng_ness_dense_from_op(double _Complex *res, const ng_op_t A, const ng_ring_t R);

/* Least-squares slope of log err against log λ over the points with err > 0;
 * NaN if fewer than two. */
double ng_ness_fit_order(const double *lambda, const double *err, slong n);


/* ---- What `nessgen ness` measures at one λ (point.c) ------------------ */

/* The quantities measured in each solved state besides the local
 * observables: the heat and spin currents (observable.h) and the caller's
 * observables, as operators over balls (their coefficients read as doubles). */
typedef struct {
    int N;
    ng_superop_ctx_t L;
    ng_currents_t C;
    const ng_ring_struct *R; /* the model's ring: the currents' coefficients */
    ng_ring_t B;             /* the observables' ring */
    int nobs;
    ng_op_struct *obs;       /* nobs operators */
} ng_ness_probes_struct;
typedef ng_ness_probes_struct ng_ness_probes_t[1];

/* NG_EINPUT for an observable with free names (the state is doubles) or
 * sites beyond N; ng_ness_probes_clear is needed whatever the status. */
ng_status ng_ness_probes_init(ng_ness_probes_t P, const ng_model_t M,
                              const ng_observable_struct *obs, int nobs);
void ng_ness_probes_clear(ng_ness_probes_t P);

/* One λ: the solve with its honesty figures, and every value with its own
 * absolute error estimate — |δ⟨A⟩| ≤ ‖A‖_HS ‖δρ‖_HS (obs_error.c), i.e.
 * state_error · (Σ_j c_j²)^{1/2} for A = Σ_j c_j P_j, and for a current
 * λ^p a + λ^q b the triangle inequality over its parts. */
typedef struct {
    ng_ness_t S;
    int filled;                 /* O, E, V, obs set (S->rho exists) */
    ng_ness_obs_t O;
    ng_ness_obs_err_t E;
    ng_current_values_d V, Verr; /* the currents and their error estimates */
    int nobs;
    double *obs, *obs_err;      /* the probes' observables */
} ng_ness_point_struct;
typedef ng_ness_point_struct ng_ness_point_t[1];

void ng_ness_point_init(ng_ness_point_t X);
void ng_ness_point_clear(ng_ness_point_t X);
/* Solves at p->lambda (ng_ness_solve) and measures everything when the solve
 * left a state (also with NG_ECOMPUTE for a stalled GMRES: X->filled says). */
ng_status ng_ness_point_solve(ng_ness_point_t X, const ng_ness_model_t D,
                              const ng_ness_probes_t P, const ng_ness_params *p);
/* The values of X that no digit supports, named as "t_1, <B(1,2)>, J_L, …"
 * in buf; returns their number and sets *total to the number of values. */
int ng_ness_point_noise(char *buf, size_t len, int *total, const ng_ness_point_t X);

/* ---- their reports (report.c; report.h) ------------------------------- */

/* Text and LaTeX show at most this many significant digits of a solver
 * value (JSON and CSV every digit its estimate supports). */
#define NG_NESS_SHOWN_DIGITS 10

/* Why the numbers of S deserve a warning (not converged, or fewer than
 * NG_NESS_SHOWN_DIGITS digits) in buf, or NULL. */
const char *ng_ness_trust_warning(char *buf, size_t len, const ng_ness_t S);
/* One λ as a group of rep (the caller has begun the list "results"):
 * "lambda", the tables "sites", "bonds", "three_body", the groups "eq150",
 * "honesty", "warning", "observables" (obs: the X->nobs observables probed),
 * "currents"; each value rounded to its own supported digits, and a warning
 * for each that has none.  CSV: rows (lambda, site) that join with rho0's
 * and series'. */
void ng_ness_point_report(ng_report_t rep, const ng_ness_point_t X,
                          const ng_observable_struct *obs);

/* ---- `nessgen ness sweep`: λ → 0 against the series (sweep.c) ---------- */

/* The full-Liouvillian NESS at a list of λ against the weak-coupling series
 * of the certified engine (ng_engine_reference: t^(0..2) and the current
 * coefficients J^[2..4], or ρ0 alone for degenerate levels with an
 * irrational H1), and the order of each deviation in λ. */
#define NG_NESS_SWEEP_MAX 64
typedef struct {
    int N;
    int order;              /* highest m with t^(m): 2, or 0 (ρ0 alone) */
    double *tm[3];          /* t_l^(m), N entries each */
    double _Complex *rho0;  /* ρ0 as a dense matrix (N ≤ NG_NESS_DENSE_MAX_N and
                             * the Ker L0 engine decides), else NULL */
    const char *source;     /* the reference in words */
    double J[3];            /* J_L^[2], J_L^[3], J_L^[4] (order + 1 of them) */
    int n;                  /* points added */
    double lambda[NG_NESS_SWEEP_MAX];
    double err[3][NG_NESS_SWEEP_MAX]; /* max_l |t_l − Σ_{m ≤ k} λ^m t_l^(m)| */
    double err_rho0[NG_NESS_SWEEP_MAX]; /* ‖ρ − ρ0‖_HS (NaN without rho0) */
    double eq150_gap[NG_NESS_SWEEP_MAX]; /* |lhs − rhs| of Eq. 150 */
    int iterations[NG_NESS_SWEEP_MAX], digits[NG_NESS_SWEEP_MAX];
    double *t, *t_err;      /* t_l at point k: t[k N + l − 1], with its error estimate */
    double JL[NG_NESS_SWEEP_MAX];     /* J_L / λ² */
    double Jerr[3][NG_NESS_SWEEP_MAX]; /* |J_L/λ² − Σ_{m ≤ k} λ^m J^[2+m]| */
    double Jsum[NG_NESS_SWEEP_MAX];   /* |J_L + J_R| / λ² */
    double Jbond[NG_NESS_SWEEP_MAX];  /* max_l |j_l − J_L| / λ² */
} ng_ness_sweep_struct;
typedef ng_ness_sweep_struct ng_ness_sweep_t[1];

/* ρ0 from the exact Ker L0 engine (pert.h) as a dense n × n matrix: a route
 * to ρ0 independent of the N-spin engine (small N, models whose ranks can
 * be decided; NG_EINPUT/NG_ECOMPUTE otherwise). */
ng_status ng_ness_dense_rho0(double _Complex *rho0, const ng_model_t M);
/* The reference (one run of the engine); ng_ness_sweep_clear is needed
 * whatever the status. */
ng_status ng_ness_sweep_init(ng_ness_sweep_t W, ng_model_t M);
void ng_ness_sweep_clear(ng_ness_sweep_t W);
/* Adds a solved point (X->filled; at most NG_NESS_SWEEP_MAX). */
void ng_ness_sweep_add(ng_ness_sweep_t W, const ng_ness_point_t X);
/* The series Σ_{m ≤ order} λ^m t_l^(m) at site l (1-based) and λ. */
double ng_ness_sweep_series(const ng_ness_sweep_t W, int order, int l, double lambda);
/* The order p of err ~ λ^p (ng_ness_fit_order) on the points λ ≤
 * NG_NESS_SWEEP_FIT_MAX (the asymptotic regime) when there are at least
 * three, else on all. */
#define NG_NESS_SWEEP_FIT_MAX 0.02
double ng_ness_sweep_fit(const ng_ness_sweep_t W, const double *err);
/* The report of `ness sweep` (report.c): JSON "reference", "results" (per
 * λ the largest deviations and "sites", the comparison site by site),
 * "order", "heat_current"; CSV rows (lambda, site) with the per-λ figures;
 * text and LaTeX the tables of deviations and fitted orders, the site-by-site
 * comparison (LaTeX) and the heat current.  h: for T_l of ρ0. */
void ng_ness_sweep_report(ng_report_t rep, const ng_ness_sweep_t W, double h);

/* Certified NESS (certified.c): an enclosure of the steady state of
 * L0 + λL1 + λ²L2 for a λ given as a ball, N ≤ NG_NESS_CERT_MAX_N.  The
 * double solve is turned into balls by an approximate inverse R of the
 * λ-scaled real system Â (exact powers of two; its condition grows like 1/λ,
 * not 1/λ²), a certified bound β ≥ ‖I − RÂ‖_1 < 1 (which also proves the
 * steady state unique), and iterative refinement with ball residuals, so
 * the radii are set by the working precision, not by the conditioning. */
#define NG_NESS_CERT_MAX_N 6

typedef struct {
    int N;
    slong dim;          /* 4^N */
    slong prec;         /* working precision (bits) */
    arb_ptr pauli;      /* ⟨P⟩ for every Pauli string P, indexed by Σ_l letter_l 4^l */
    arb_ptr t;          /* t_l = −⟨σ^z_l⟩, l = 1..N (index l−1) */
    double beta;        /* certified ‖I − R Â‖_1 (< 1 on success) */
    double radius;      /* certified ‖y − ỹ‖_1 of the scaled coordinates */
    int scale_exp;      /* e with 2^e ≈ 1/λ (rows of P0 × 2^{2e}, of Q0 × 2^e,
                         * columns of Q0 × 2^{−e}) */
    int refinements;    /* refinement steps taken */
} ng_ness_cert_struct;
typedef ng_ness_cert_struct ng_ness_cert_t[1];

void ng_ness_cert_init(ng_ness_cert_t C);
void ng_ness_cert_clear(ng_ness_cert_t C);
/* NG_EINPUT for N > NG_NESS_CERT_MAX_N, λ not certified > 0 or outside
 * 1e-144 … 1e144, a symbolic model; NG_ECOMPUTE if β < 1 cannot be shown
 * (a steady state that is not unique, or λ too small for a double
 * approximate inverse: about λ < 1e-11 for the tilted Ising chain). */
ng_status ng_ness_certify(ng_ness_cert_t C, const ng_model_t M, const arb_t lambda,
                          slong prec);
/* The report of one certified λ (report.c) as a group of rep (the caller
 * has begun the list "results"): "lambda" {"given", "value"} (CSV: its
 * double), the local observables as rho0's (balls), "certificate" (bounds
 * rounded up to two digits, so that they do not depend on the BLAS kernel).
 * R: a ball ring that outlives rep (its cells point to it). */
void ng_ness_cert_report(ng_report_t rep, const ng_ness_cert_t C, const char *given,
                         const arb_t lambda, const ng_model_t M, const ng_ring_t R);
/* res = ⟨P⟩ (a certified ball) for a Pauli string P. */
void ng_ness_cert_expect(arb_t res, const ng_ness_cert_t C, ng_string P);
/* The local observables of engine.h (t_l, ⟨ρ^A⟩, ⟨ρ^B⟩, Eqs. 151–152; trace 1)
 * as balls in the ball ring R; O initialised by ng_engine_obs_init(O, N, R). */
void ng_ness_cert_obs(ng_engine_obs_t O, const ng_ness_cert_t C, const ng_ring_t R);

#ifdef __cplusplus
}
#endif

#endif
