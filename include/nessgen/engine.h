/* The N-spin perturbation engine (Sect. III in the Hilbert space): ρ0 and
 * the series terms ρ_m for any model, exact or certified, by magnetisation
 * sector instead of in the C(2N,N)-dimensional Ker L0.
 *
 *   H0 = h Σ σ^z has the sectors k = number of down spins, E = h(N − 2k);
 *   P0 H1 P0 is the in-sector part of H1, a C(N,k) × C(N,k) block per sector.
 *
 * Two routes, chosen per model:
 *
 *   eigen route (certified balls, any N the memory allows): certified simple
 *     eigenpairs of every (real symmetric) block, LAPACK refined in mixed
 *     precision and certified by residual bounds, so Im P1 =
 *     span{|E_a⟩⟨E_a|} (Eq. 33) and Eq. 47 is the classical rate equation
 *     Σ_b W_ab p_b = 0 with W_ab = ⟨E_a| L2(|E_b⟩⟨E_b|) |E_a⟩ =
 *     Σ_ν 2 Re(⟨E_a|S_ν|E_b⟩⟨E_b|X_ν|E_a⟩) for a ≠ b and W_bb = −Σ_{a≠b} W_ab
 *     (D_ν of Eq. 7 with ⟨a|b⟩ = δ_ab); success of the eigen-solver proves
 *     the levels simple.
 *
 *   cluster route (degenerate levels, decided exactly from a rational H1 by
 *     the degree of each block's minimal polynomial; certified balls, the
 *     sizes of the eigen route): certified orthonormal bases of the
 *     clusters of equal levels, and ρ0 with a full m × m block on each
 *     cluster of multiplicity m from P1 [L2 + i[H_2, ·]] P1 ρ0 = 0 (cluster.c,
 *     H_2 of h2.c) — a Lindblad-like equation on the cluster blocks.
 *
 *   commutant route (exact when the model is rational; the reference for
 *     the degenerate case, N ≤ 7): Im P1 is the commutant of each block (Eq. 33 in general), found by exact
 *     linear algebra over Q from the rational part of H1, and ρ0 solves
 *     P1 [L2 − L1 (Q0L0Q0)^{-1} L1] P1 ρ0 = 0, Tr ρ0 = 1 (Eqs. 24, 41–43
 *     without Eq. 44), in the model's ring.  Degeneracy is decided exactly
 *     (squarefree test of each block's characteristic polynomial).
 *
 * Every value is exact (results->R of kind NG_QQ) or a ball that contains the
 * exact value (NG_BALL).  Precision is raised until the requested digits are
 * certified; what cannot be decided is reported (NG_ECOMPUTE). */
#ifndef NESSGEN_ENGINE_H
#define NESSGEN_ENGINE_H

#include <stdio.h>

#include "nessgen/error.h"
#include "nessgen/mat.h"
#include "nessgen/model.h"
#include "nessgen/observable.h"
#include "nessgen/op.h"
#include "nessgen/pauli.h"
#include <acb_mat.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How a computation may proceed. */
typedef struct {
    slong digits;   /* certify this many significant digits (balls); default 15 */
    slong max_prec; /* give up above this many bits; default 16384 */
    int route;      /* NG_ENGINE_AUTO, NG_ENGINE_EIGEN or NG_ENGINE_COMMUTANT */
    FILE *progress; /* progress lines for long runs, or NULL */
    /* Long runs: called at milestones with the estimated fraction of the
     * work done (weights from the phases' measured CPU times, see the
     * routes) and the phase just finished; NULL: none.  The command line
     * turns it into a line with an ETA on a terminal. */
    void (*progress_fn)(void *arg, double fraction, const char *stage);
    void *progress_arg;
    int keep_state; /* keep ρ (ρ0, or the series terms) for ng_engine_*_expect */
    double max_cpu_seconds; /* closed forms: the CPU limit of their cost estimate
                               (nessgen/recon.h); 0 (default): none */
    double max_bytes; /* the cluster route (degenerate levels): refuse (NG_EINPUT, with
                         the figure) when its memory estimate, known once the clusters
                         are, exceeds this; 0 (default): no limit */
} ng_engine_opts;

enum { NG_ENGINE_AUTO = 0, NG_ENGINE_EIGEN = 1, NG_ENGINE_COMMUTANT = 2, NG_ENGINE_CLUSTER = 3 };

void ng_engine_opts_init(ng_engine_opts *o);

/* Local observables of a state ρ (Sect. IV C): all real, in the ring R. */
typedef struct {
    int N;
    ng_ptr trace; /* Tr ρ */
    ng_ptr t;     /* N values t_l = −Tr(σ^z_l ρ) */
    ng_ptr rho_a; /* N−1 values ⟨ρ^A_{l,l+1}⟩ (Eq. 79) */
    ng_ptr rho_b; /* N−1 values ⟨ρ^B_{l,l+1}⟩ (Eq. 80) */
    ng_ptr z_a;   /* N−2 values ⟨σ^z_{l−1} ρ^A_{l,l+1}⟩, l = 2..N−1 (Eq. 151) */
    ng_ptr a_z;   /* N−2 values ⟨ρ^A_{l−1,l} σ^z_{l+1}⟩, l = 2..N−1 (Eq. 152) */
} ng_engine_obs_struct;
typedef ng_engine_obs_struct ng_engine_obs_t[1];

void ng_engine_obs_init(ng_engine_obs_t O, int N, const ng_ring_t R);
void ng_engine_obs_clear(ng_engine_obs_t O, const ng_ring_t R);
/* O = A + c·B, entrywise. */
void ng_engine_obs_addmul(ng_engine_obs_t O, const ng_engine_obs_t A, const ng_engine_obs_t B,
                          ng_srcptr c, const ng_ring_t R);
/* Both sides of Eq. 150, in the general form of Eq. 149 with the expectation
 * values of the observables: lhs = t_N − t_1,
 * rhs = (1/α_+){α_zz Σ_{l=2}^{N−1}(⟨σ^z_{l−1}ρ^A_{l,l+1}⟩ − ⟨ρ^A_{l−1,l}σ^z_{l+1}⟩)
 *               + α_L^z ⟨ρ^A_{1,2}⟩ − α_R^z ⟨ρ^A_{N−1,N}⟩},  α_ν^z = Ȳ_ν x_ν^z,
 * which is Eq. 150 for α_ν^z = −α_zz t_ν (the tilted Ising preset).  The
 * model values are taken into R (an exact model into balls if R is).
 * Returns 0 if α_+ cannot be certified nonzero (rhs then undefined). */
int ng_engine_eq150(ng_ptr lhs, ng_ptr rhs, const ng_engine_obs_t O, const ng_model_t M,
                    const ng_ring_t R);
/* The right-hand side of Eq. 150 as printed, (α_zz/α_+){Σ_{l=2}^{N−1}
 * (⟨σ^z_{l−1}ρ^A_{l,l+1}⟩ − ⟨ρ^A_{l−1,l}σ^z_{l+1}⟩) − t_L⟨ρ^A_{1,2}⟩ +
 * t_R⟨ρ^A_{N−1,N}⟩}: ng_engine_eq150's rhs when α_ν^z = −α_zz t_ν, and not
 * otherwise.  Model values are taken into R (ng_elem_set_other_ring).
 * Returns 0 (rhs zero) if a value has no image in R or α_+ cannot be
 * certified nonzero. */
int ng_engine_eq150_printed_rhs(ng_ptr rhs, const ng_engine_obs_t O, const ng_model_t M,
                                const ng_ring_t R);

/* The entries of a magnetisation-conserving state ρ that the local
 * observables need: the populations ⟨s|ρ|s⟩ and the nearest-neighbour hops
 * ⟨s|ρ|s ⊕ b_l⟩, b_l flipping spins l, l + 1 (0-based; nonzero only where
 * they are antiparallel), for every basis state s (bit l set ⇔ spin l down). */
typedef struct {
    int N;
    ng_ptr diag;           /* 2^N entries, by s */
    ng_ptr hop_re, hop_im; /* 2^N (N − 1) entries, s (N − 1) + l */
} ng_engine_local_struct;
typedef ng_engine_local_struct ng_engine_local_t[1];

/* How the eigenspaces of a sector block of P0 H1 P0 were obtained (the
 * cluster structure): exactly (the commutant route needs no basis: the
 * levels come from the exact characteristic polynomial), or as certified
 * orthonormal bases from LAPACK's double-precision start refined in mixed
 * precision, or from Arb's QR iteration at full precision (levels closer
 * than doubles resolve, e.g. 1e-20 apart). */
enum { NG_ENGINE_BASIS_EXACT = 0, NG_ENGINE_BASIS_REFINED = 1, NG_ENGINE_BASIS_QR = 2 };

/* A level of P0 H1 P0 with multiplicity > 1. */
typedef struct {
    int magnetisation; /* Σ s_l = N − 2k of its sector */
    int sector;        /* k, the number of down spins */
    slong index;       /* 0-based among the sector's distinct levels, increasing */
    slong multiplicity;
    int basis;         /* NG_ENGINE_BASIS_* of its sector */
    arb_t value;       /* e (the first-order energy), certified */
} ng_engine_level;

/* One sector block of P0 H1 P0: its distinct levels and how they were
 * obtained (routes cluster and commutant; the eigen route's levels are all
 * simple). */
typedef struct {
    int sector;      /* k = 0..N */
    slong dim;       /* C(N, k) */
    slong ndistinct; /* distinct levels (decided exactly) */
    slong maxmult;   /* largest multiplicity */
    int basis;       /* NG_ENGINE_BASIS_* */
} ng_engine_sector_info;

typedef struct {
    ng_ring_t R;        /* ring of the observables: the model's exact ring, or balls */
    int exact;
    slong prec;         /* bits of the final (ball) run */
    int route;          /* NG_ENGINE_EIGEN, NG_ENGINE_COMMUTANT or NG_ENGINE_CLUSTER */
    int degenerate;     /* some level of P0 H1 P0 is degenerate */
    int structure_exact; /* degeneracy was decided exactly (rational H1) */
    slong dim_p1;       /* dim Im P1 = Σ multiplicity² */
    slong nlevels;      /* degenerate levels */
    ng_engine_level *levels;
    slong nsectors;     /* N + 1 for the cluster and commutant routes, else 0 */
    ng_engine_sector_info *sectors;
    arb_t spacing;      /* smallest gap between distinct levels within a sector */
    int have_spacing;   /* 0 if no sector has two distinct levels */
    ng_engine_obs_t obs;
    ng_engine_local_t local;  /* ρ0's populations and nearest-neighbour hops, in R */
    struct _ng_engine_state_struct *state; /* ρ0 itself if opts->keep_state, else NULL */
} ng_engine_rho0_struct;
typedef ng_engine_rho0_struct ng_engine_rho0_t[1];

/* Computes ρ0 (Eqs. 45–47, or the degenerate condition above) and its
 * observables.  M may be re-evaluated at higher precision (ng_model_set_prec).
 * NG_EINPUT for a symbolic model; NG_ECOMPUTE if ρ0 is not unique, if levels
 * cannot be separated or digits certified below opts->max_prec.  res is
 * initialised here; ng_engine_rho0_clear is safe afterwards whatever the
 * status (FLINT's rule), and a failure has already released everything. */
ng_status ng_engine_rho0(ng_engine_rho0_t res, ng_model_t M, const ng_engine_opts *opts);
/* Peak memory of the eigen route for N spins at its starting precision for
 * opts->digits, in bytes (the eigenvectors and rate-matrix blocks as balls
 * plus the largest sector's temporaries; above the 1.0 and 4.3 GiB measured
 * at N = 12 and 13 for 30 digits), and NG_EINPUT with that figure if it
 * exceeds budget bytes.  A precision doubling, or the full-precision
 * fallback of the rate equation, needs more. */
double ng_engine_rho0_bytes(int N, const ng_engine_opts *opts);
ng_status ng_engine_rho0_check_size(int N, const ng_engine_opts *opts, double budget);
void ng_engine_rho0_clear(ng_engine_rho0_t res);
/* val = Tr(P ρ0) in res->R for a Pauli string P (an ng_string_expect_fn of
 * observable.h with state = res); needs opts->keep_state.  Exact on the
 * commutant route, a certified ball on the eigen route, where it costs
 * O(Σ_k C(N,k)²) per string (Σ_a p_a ⟨E_a|P|E_a⟩ over the sector blocks). */
void ng_engine_rho0_expect(ng_ptr val, ng_string P, const void *res);

/* Closed forms (issue 14): ρ0's observables as exact rational functions of
 * the free names of M (ring Q(names); θ as u_θ = tan(θ/2)), by functional
 * reconstruction (nessgen/recon.h) with the exact commutant route at
 * rational points as the black box, checked at fresh random points.  Valid
 * away from the parameter points where the structure of P0 H1 P0 (simple or
 * degenerate levels, dim Im P1) differs from the generic one, which is
 * recorded.  max_degree: NULL, or per name a promised degree bound (−1 for
 * none).  NG_EINPUT without free names or for N outside 2 … 6; NG_ECOMPUTE
 * if the reconstruction fails its check; NG_ELIMIT if the cost estimate
 * exceeds opts->max_cpu_seconds (the message gives the figures), or the work
 * reaches the limit (see ng_recon_rational). */
typedef struct {
    const ng_ring_struct *R; /* M's ring, Q(names) */
    int have_obs;
    ng_engine_obs_t obs;
    int degenerate;          /* generic structure */
    slong dim_p1;
    slong evaluations, skipped, primes; /* reconstruction statistics */
    /* the cost estimate, when opts->max_cpu_seconds > 0 and there are two or
     * more names (else estimated_seconds = 0) */
    slong probe_evaluations;
    double estimated_seconds, estimated_evaluations;
} ng_engine_closed_struct;
typedef ng_engine_closed_struct ng_engine_closed_t[1];

ng_status ng_engine_rho0_closed(ng_engine_closed_t res, const ng_model_t M,
                                const ng_engine_opts *opts, const slong *max_degree);
void ng_engine_closed_clear(ng_engine_closed_t res);

/* The series ρ = Σ λ^m ρ_m up to order m (Eqs. 52, 55, 62; Eqs. 64–67 for
 * m = 1), certified balls, dense in the 2^N eigenbasis (practical to
 * N ≈ 9).  Degenerate levels of P0 H1 P0 (decided exactly; a rational H1 is
 * needed, as for the cluster route of ρ0) are handled with Im P1 holding
 * the cluster coherences and P1 L̃2 P1 = P1 [L2 + i[H_2, ·]] P1 (series.c). */
typedef struct {
    ng_ring_t R;
    slong prec;
    int order;
    ng_engine_obs_struct *obs; /* order + 1 entries: observables of ρ_0 … ρ_order */
    arb_t max_trace;     /* max_m≥1 |Tr ρ_m| enclosure (0 by Eq. 63) */
    arb_t max_antiherm;  /* max over m, entries of |ρ_m − ρ_m†| (0: Hermitian) */
    arb_t spacing;       /* smallest gap between distinct levels within a sector */
    int degenerate;      /* P0 H1 P0 has degenerate levels (decided exactly) */
    slong dim_p1;        /* dim Im P1 = Σ multiplicity² (2^N for simple levels) */
    acb_mat_struct *rho; /* if opts->keep_state: ρ_0 … ρ_order, computational basis */
} ng_engine_series_struct;
typedef ng_engine_series_struct ng_engine_series_t[1];

/* S is initialised here: ng_engine_series_clear(S) is needed afterwards
 * whatever the status (FLINT's rule: clear is always safe after init). */
ng_status ng_engine_series(ng_engine_series_t S, ng_model_t M, int order,
                           const ng_engine_opts *opts);
void ng_engine_series_clear(ng_engine_series_t S);
/* Peak memory of ng_engine_series for N spins to `order`, in bytes: about
 * 18 + 4·order dense 2^N × 2^N complex balls (measured at N = 7, 8). */
double ng_engine_series_bytes(int N, int order, const ng_engine_opts *opts);
/* The term ρ_m of a series kept with opts->keep_state, as the state of
 * ng_engine_series_expect: val = Tr(P ρ_m), a certified ball, O(2^N). */
typedef struct {
    const ng_engine_series_struct *S;
    int m;
} ng_engine_series_term;
void ng_engine_series_expect(ng_ptr val, ng_string P, const void *term);

/* O = Σ_{m ≤ order} λ^m obs(ρ_m), the local observables of the truncated
 * series at λ (Horner's rule; O initialised with ng_engine_obs_init(O, N,
 * S->R); lambda in S->R). */
void ng_engine_series_sum_obs(ng_engine_obs_t O, const ng_engine_series_t S, ng_srcptr lambda);

/* For two spins, the parameters of Eq. 103 other than the local states:
 * g = (⟨σ^z_1σ^z_2⟩ − t_1 t_2)/4 (⟨σ^zσ^z⟩ from the populations: +1 on ↑↑,
 * ↓↓, −1 on ↑↓, ↓↑) and the ρ^A coefficient ⟨ρ^A⟩/Tr(ρ^Aρ^A) = ⟨ρ^A⟩/8,
 * in res->R.  Needs res->local (N = 2). */
void ng_engine_rho0_eq103(ng_ptr g, ng_ptr a, const ng_engine_rho0_t res);

/* The weak-coupling reference that finite-λ data are compared with (ness
 * sweep, check): the certified series ρ0, ρ1, ρ2 (order 2; simple levels, or
 * degenerate levels of a rational H1), else ρ0 alone (order 0: degenerate
 * levels the series cannot decide, an irrational H1).  Written once for every command that needs
 * "t0, t1, t2 from the series, else ρ0". */
typedef struct {
    int order;                   /* 2 or 0 */
    int have_series, have_rho0;  /* which of S, R0 holds the result */
    ng_engine_series_t S;
    ng_engine_rho0_t R0;
    ng_engine_series_term term[3];
} ng_engine_reference_struct;
typedef ng_engine_reference_struct ng_engine_reference_t[1];

/* Computes ref (opts as for ng_engine_series; keep_state for expectations).
 * NG_EINPUT for a bad model, another status if ρ0 fails too;
 * ng_engine_reference_clear is needed afterwards whatever the status. */
ng_status ng_engine_reference(ng_engine_reference_t ref, ng_model_t M,
                              const ng_engine_opts *opts);
void ng_engine_reference_clear(ng_engine_reference_t ref);
/* The observables of ρ_m, m ≤ ref->order, and their ring. */
const ng_engine_obs_struct *ng_engine_reference_obs(const ng_engine_reference_t ref, int m);
const ng_ring_struct *ng_engine_reference_ring(const ng_engine_reference_t ref);
/* t_l of ρ_m as doubles (t has N entries; zeros for m > ref->order). */
void ng_engine_reference_t_d(double *t, const ng_engine_reference_t ref, int m);
/* An expectation function and state for Tr(P ρ_m) (needs keep_state). */
void ng_engine_reference_expect_fn(ng_string_expect_fn *f, const void **state,
                                   const ng_engine_reference_t ref, int m);

/* H_2 = Σ_{k>0} [V_{−k}, V_k]/(h k) over the model's ring (Pauli basis), V =
 * H1 = H_I + H̄_SB split by the change k of Σσ^z it makes (h2.c): on Ker L0,
 * P0 L1 (Q0L0Q0)^{-1} L1 P0 = −i[H_2, ·], so the degenerate zeroth-order
 * condition is P1 [L2 + i[H_2, ·]] P1 ρ0 = 0.  NG_ECOMPUTE if h cannot be
 * certified nonzero. */
ng_status ng_engine_h2(ng_op_t H2, const ng_model_t M);

/* Does U = Π_{l odd} σ^z_l map L1 to −L1 and leave L0, L2 alone (U V U† = −V,
 * U X_ν U† = ±X_ν; parity.c, with the proof)?  Then t_l(λ) is even in λ and
 * every odd-order correction t_l^{(2j+1)} vanishes (the tilted Ising chain
 * at θ = π/2).  T_UNKNOWN if balls cannot decide. */
truth_t ng_engine_odd_symmetry(const ng_model_t M);

/* Appendix A: is P1 L1 (Q0L0Q0)^{-1} L1 P1 = 0 (Eq. 44)?  Decided on Ker L0
 * with the operator-level maps (exact rings; small N).  *dim_p1 receives
 * dim Im P1 (> 2^N in the degenerate case). */
ng_status ng_engine_check_eq44(truth_t *holds, slong *dim_p1, const ng_model_t M);

#ifdef __cplusplus
}
#endif

#endif
