/* Superoperators (Eqs. 15–19) and the projections of Sect. III.
 *
 *   L0 ρ = −i[H0, ρ],   L1 ρ = −i[H_I + H̄_SB, ρ] = (L_I + L_E) ρ (Eqs. 84–86),
 *   L2 ρ = D_L ρ + D_R ρ,   D_ν ρ = −[X_ν, S_ν ρ] − [ρ S_ν†, X_ν] (Eq. 7).
 *
 * The model's operators are built once into an ng_superop_ctx; every map
 * takes and returns Pauli-basis operators over the model's ring.  A context
 * is a snapshot: after ng_model_set_prec, build a new one. */
#ifndef NESSGEN_SUPEROP_H
#define NESSGEN_SUPEROP_H

#include "nessgen/kernel.h"
#include "nessgen/mat.h"
#include "nessgen/model.h"
#include "nessgen/op.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const ng_model_struct *M;
    const ng_ring_struct *R;
    int N;
    ng_op_t h0, hi, h1;
    ng_op_struct *bond; /* N−1 bonds H_I(l,l+1), l = 0..N−2 */
    ng_op_t he[2], x[2], s[2], sdag[2];
} ng_superop_ctx_struct;
typedef ng_superop_ctx_struct ng_superop_ctx_t[1];

void ng_superop_ctx_init(ng_superop_ctx_t L, const ng_model_t M);
void ng_superop_ctx_clear(ng_superop_ctx_t L);

void ng_superop_l0(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);
void ng_superop_l1(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);
void ng_superop_li(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);
/* L_I(l,l+1) of Eq. 117, l 0-based. */
void ng_superop_li_bond(ng_op_t res, const ng_op_t rho, int l, const ng_superop_ctx_t L);
void ng_superop_le(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);
/* L_E of one bath's edge spin (Eq. 119). */
void ng_superop_le_bath(ng_op_t res, const ng_op_t rho, int nu, const ng_superop_ctx_t L);
void ng_superop_dissipator(ng_op_t res, const ng_op_t rho, int nu, const ng_superop_ctx_t L);
void ng_superop_l2(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);
/* L = L0 + λ L1 + λ² L2 at a given λ. */
void ng_superop_full(ng_op_t res, const ng_op_t rho, ng_srcptr lambda,
                     const ng_superop_ctx_t L);

/* (Q0 L0 Q0)^{-1} Q0 (Eq. 40): each unbalanced ladder string is divided by
 * its L0 eigenvalue −2ih(n₊ − n₋).  NG_ECOMPUTE if h cannot be certified
 * nonzero. */
ng_status ng_superop_q0l0q0_inv(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);

/* ρ ↦ L1 (Q0 L0 Q0)^{-1} L1 ρ, the second-order term of Eqs. 43 and 60
 * (h must be nonzero: checked by the caller, as for q0l0q0_inv). */
void ng_superop_second_order(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);

/* Any of the maps above, as a value. */
typedef void (*ng_superop_fn)(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L);

/* The matrix of P∘map on an orthogonal basis B whose span is invariant under
 * P∘map: column j holds the coordinates of P(map(b_j)), with P = P0 when
 * project_p0 is set (as for P0 L1 P0 on Ker L0) and P = 1 otherwise.
 * T_FALSE if a column leaves span(B), T_UNKNOWN if balls cannot decide. */
truth_t ng_superop_matrix(ng_sparse_mat_t A, ng_superop_fn map, int project_p0,
                          const ng_named_basis_t B, const ng_superop_ctx_t L);

#ifdef __cplusplus
}
#endif

#endif
