/* Internal to src/engine: the Hilbert space by magnetisation sector, Pauli
 * strings acting on basis states, and complex arithmetic over a ring.
 *
 * Basis state s ∈ [0, 2^N): bit l set ⇔ spin l (0-based) is down (s_l = −1).
 * Sector k = popcount(s), the number of down spins; H0 = h(N − 2k).
 * A Pauli string (x, z masks as in pauli.h) maps |s⟩ to
 *   i^{popcount(x∧z)} (−1)^{popcount(z∧s)} |s ⊕ x⟩
 * (σ^x flips, σ^z|b⟩ = (−1)^b|b⟩, σ^y|b⟩ = i(−1)^b|1−b⟩). */
#ifndef NESSGEN_ENGINE_INTERNAL_H
#define NESSGEN_ENGINE_INTERNAL_H

#include <acb_mat.h>
#include <arb_mat.h>
#include <flint/fmpq_mat.h>

#include "nessgen/engine.h"
#include "nessgen/op.h"
#include "nessgen/superop.h"

typedef struct {
    int N;
    slong dim;      /* 2^N */
    slong *sec_dim; /* N + 1 entries: C(N, k) */
    slong *sec_off; /* offset of sector k in states[] */
    ulong *states;  /* all states, sorted by sector */
    slong *pos;     /* pos[s]: index of s within its sector */
} _ng_hilbert;

/* Reports the fraction done of a long run (ng_engine_opts.progress_fn). */
static inline void _ng_engine_progress(const ng_engine_opts *o, double fraction,
                                       const char *stage)
{
    if (o != NULL && o->progress_fn != NULL)
        o->progress_fn(o->progress_arg, fraction, stage);
}

void _ng_hilbert_init(_ng_hilbert *H, int N);
void _ng_hilbert_clear(_ng_hilbert *H);

static inline int _ng_sector(ulong s)
{
    return __builtin_popcountll(s);
}

/* The terms of a Pauli-basis operator: term j is c_j i^{k_j} P_j. */
typedef struct {
    slong len;
    ulong *x, *z;
    int *k;      /* i-power of the term including the popcount(x∧z) of σ^y */
    ng_ptr c;    /* coefficients in the operator's ring */
    const ng_ring_struct *R; /* that ring */
} _ng_terms;

void _ng_terms_init(_ng_terms *T, const ng_op_t A, const ng_ring_t R);
void _ng_terms_clear(_ng_terms *T, const ng_ring_t R);

/* i-power of ⟨s ⊕ x| term |s⟩ (the coefficient is c_j times i to this). */
static inline int _ng_term_phase(const _ng_terms *T, slong j, ulong s)
{
    return (T->k[j] + 2 * __builtin_popcountll(T->z[j] & s)) & 3;
}

/* z = i^k c as a complex ball. */
void _ng_acb_set_phase(acb_t z, const arb_t c, int k);

/* Complex values over a ring as (re, im) pairs: y += i^k c (a + ib). */
void _ng_cplx_addmul_phase(ng_ptr yre, ng_ptr yim, ng_srcptr c, int k, ng_srcptr a,
                           ng_srcptr b, ng_ptr tmp, const ng_ring_t R);

/* Per-sector blocks of a magnetisation-conserving state (Ker L0), over R. */
void _ng_blocks_init(ng_mat_struct **re, ng_mat_struct **im, const _ng_hilbert *H,
                     const ng_ring_t R);
void _ng_blocks_clear(ng_mat_struct *re, ng_mat_struct *im, int N, const ng_ring_t R);

/* The local entries (engine.h) of a state given by its sector blocks. */
void _ng_local_init(ng_engine_local_t L, int N, const ng_ring_t R);
void _ng_local_clear(ng_engine_local_t L, const ng_ring_t R);
void _ng_local_from_blocks(ng_engine_local_t L, const ng_mat_struct *re,
                           const ng_mat_struct *im, const _ng_hilbert *H, const ng_ring_t R);
/* Index of ⟨s|ρ|s ⊕ b_l⟩ in hop_re, hop_im (b_l flips spins l, l + 1). */
static inline slong _ng_local_hop(const ng_engine_local_t L, ulong s, int l)
{
    return (slong)s * (L->N - 1) + l;
}

/* Observables (Tr(P ρ) summed over strings) from the local entries. */
void _ng_obs_from_local(ng_engine_obs_t O, const ng_engine_local_t L, const _ng_hilbert *H,
                        const ng_ring_t R);

/* The H1 of the model with exact rational coefficients when every quantity
 * entering it (α, X_ν, Ȳ_ν) is rational; returns 0 (and leaves H untouched)
 * otherwise.  H is over the NG_QQ ring Rq. */
int _ng_engine_h1_rational(ng_op_t H, const ng_model_t M, const ng_ring_t Rq);
/* 1 if P0 H1 P0 = w P0 H P0 for a real w ≠ 0 and a rational H, built in H
 * (structure.c: the magnetisation-conserving weights of H1 have rational
 * ratios, decided exactly): the same eigenvectors and degeneracy structure
 * as H.  0 if that cannot be proved. */
int _ng_engine_h1_p0_shape(ng_op_t H, const ng_model_t M, const ng_ring_t Rq);

/* Exact degeneracy decision for P0 H1 P0 from a rational H1 (over the NG_QQ
 * ring Rq): 1 degenerate, 0 simple levels, −1 not decided (a sector block
 * too large for its exact characteristic polynomial). */
int _ng_engine_decide_degeneracy(const ng_op_t H1q, const ng_ring_t Rq, int N);

/* NG_ENOTUNIQUE (with the cause) when the zero pattern of the model alone
 * makes ρ0 non-unique: no bath acts (L2 = 0), or neither bath can flip a
 * spin (then every sector population is conserved at zeroth order, whatever
 * H1 and its levels are; see structure.c).  Exact zeros only (rational 0);
 * other numbers count as nonzero.  NG_OK otherwise, which proves nothing. */
ng_status _ng_engine_check_unique(const ng_model_t M);

/* Exact structure of one block: the number of distinct levels, their
 * multiplicities (via the squarefree factorisation of the characteristic
 * polynomial) and certified values. */
typedef struct {
    slong ndistinct;
    slong *mult;     /* per distinct level */
    arb_ptr values;  /* per distinct level, increasing */
} _ng_block_levels;

void _ng_block_levels_exact(_ng_block_levels *L, const fmpq_mat_t re, const fmpq_mat_t im,
                            slong prec);
void _ng_block_levels_clear(_ng_block_levels *L);
/* The in-sector block of a rational operator: real and imaginary parts. */
void _ng_sector_block_fmpq(fmpq_mat_t re, fmpq_mat_t im, const _ng_terms *T, int k,
                           const _ng_hilbert *H);

/* The commutant route (see engine.h): fills res->obs and the blocks; ring is
 * the model's (QQ or balls).  H1q: rational H1 (over Rq). */
ng_status _ng_engine_rho0_commutant(ng_engine_rho0_t res, const ng_model_t M,
                                    const ng_op_t H1q, const ng_ring_t Rq,
                                    const ng_engine_opts *opts);

/* The eigen route at precision prec: res->R is a ball ring at prec.
 * Returns NG_OK, or NG_ECOMPUTE with *retry = 1 if raising the precision may
 * help. */
ng_status _ng_engine_rho0_eigen(ng_engine_rho0_t res, const ng_model_t M, slong prec,
                                int *retry, const ng_engine_opts *opts);

/* Storage for the per-sector eigenvalues E[k] and eigenvector matrices V + k,
 * k = 0..N (the magnetisation sectors of H). */
void _ng_eigensystem_init(arb_ptr **E, arb_mat_struct **V, const _ng_hilbert *H);
void _ng_eigensystem_clear(arb_ptr *E, arb_mat_struct *V, const _ng_hilbert *H);
/* Column-major doubles of a ball matrix's midpoints, the double-precision
 * start of the refined solves (stationary.c, cluster.c); flint_free them. */
double *_ng_arb_mat_mid_doubles(const arb_mat_t A);

/* Certified eigenpairs of every (real symmetric) sector block of H1 at prec,
 * sym_eig.c: values E[k] increasing, unit eigenvectors V[k] (columns).
 * Returns 0 if some block's levels cannot be certified simple. */
int _ng_engine_eigensystem(arb_ptr *E, arb_mat_struct *V, const _ng_terms *T,
                           const _ng_hilbert *H, slong prec, FILE *progress);

/* The clusters of exactly equal levels of one sector block: cluster c has
 * the columns start[c] .. start[c + 1] − 1 of V (levels increasing). */
typedef struct {
    slong n;
    slong *start; /* n + 1 entries; NULL before the first use */
    int qr;       /* 1: separated by QR at full precision (near-degenerate levels) */
} _ng_sector_clusters;

/* Certified cluster bases of every sector block of H1 (sym_eig.c), given
 * the exact number ndistinct[k] of distinct levels of each block: E[k][j]
 * the level of column j, V[k] columns containing an orthonormal basis of
 * each eigenspace.  Returns 0 if some block cannot be certified at prec. */
int _ng_engine_cluster_eigensystem(arb_ptr *E, arb_mat_struct *V, _ng_sector_clusters *C,
                                   const _ng_terms *T, const _ng_hilbert *H,
                                   const slong *ndistinct, slong prec, FILE *progress);
/* (The clusters record their route: C[k].qr = 1 when Arb's QR iteration at
 * full precision separated them, 0 when the double-precision start did.) */

/* The exact number of distinct levels of each sector block of a rational
 * H1 (levels.c): the degree of the block's minimal polynomial (the blocks
 * are real symmetric, so it is squarefree), certified, on the blocks
 * reduced by their mirror and spin-flip symmetries.  g has N + 1 entries. */
void _ng_engine_level_counts(slong *g, const ng_op_t H1q, const ng_ring_t Rq, int N);

/* The cluster route (cluster.c): ρ0 with a full block on each cluster of
 * equal levels from P1 [L2 + i[H_2, ·]] P1 ρ0 = 0, certified balls at prec
 * (res->R).  g: level_counts.  *retry = 1 if a higher precision may help. */
ng_status _ng_engine_rho0_cluster(ng_engine_rho0_t res, const ng_model_t M, const slong *g,
                                  slong prec, int *retry, const ng_engine_opts *opts);

/* Smallest gap between the increasing eigenvalues E of one sector, into gap
 * (min with its current value unless *have == 0). */
void _ng_engine_min_gap(arb_t gap, int *have, arb_srcptr E, slong n, slong prec);

/* The rate matrix of Eq. 47 by sector blocks (rates.c): it couples sector k
 * only to k − 1, k, k + 1, because X_ν and S_ν act on one edge spin.
 * diag[k] = W_kk, up[k] = W_{k,k+1}, down[k] = W_{k+1,k}. */
typedef struct {
    int N;
    arb_mat_struct *diag, *up, *down;
} _ng_rate_blocks;

void _ng_rate_blocks_init(_ng_rate_blocks *W, const _ng_hilbert *H);
void _ng_rate_blocks_clear(_ng_rate_blocks *W);
void _ng_rate_blocks_assemble(_ng_rate_blocks *W, const ng_model_t M, const arb_mat_struct *V,
                              const _ng_hilbert *H, slong prec,
                              const ng_engine_opts *opts, double from, double to);

/* The certified populations p (W p = 0, Σ p = 1; stationary.c), indexed like
 * the states of H; 0 if the certificate fails at prec. */
int _ng_stationary(arb_ptr p, const _ng_rate_blocks *W, const _ng_hilbert *H, slong prec);

/* ρ0 kept for ng_engine_rho0_expect (state.c): the eigen route hands over
 * its eigenvectors V (left empty) and populations p, the commutant route its
 * blocks (*re, *im become NULL).  Every route must call one of these when
 * opts->keep_state is set (callers check res->state before use). */
typedef struct _ng_engine_state_struct _ng_engine_state;
void _ng_engine_state_from_eigen(ng_engine_rho0_t res, arb_mat_struct *V, arb_srcptr p,
                                 int N, slong prec);
void _ng_engine_state_from_blocks(ng_engine_rho0_t res, ng_mat_struct **re, ng_mat_struct **im,
                                  int N);
void _ng_engine_state_clear(ng_engine_rho0_t res);

/* Operator → 2^N dense acb matrix (state index = row/column). */
void _ng_engine_op_to_acb(acb_mat_t A, const _ng_terms *T, slong dim, slong prec,
                          const ng_ring_t R);

#endif
