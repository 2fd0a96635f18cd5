/* Perturbation theory in Ker L0 coordinates (Sect. III A), exact or certified,
 * for chains small enough that Ker L0 (dim C(2N,N)) is handled densely; it is
 * the reference for faster engines and the route for symbolic derivations.
 *
 *   Im P1 = Ker(P0 L1 P0) ⊂ Ker L0 (Eq. 33).  P0 L1 P0 is normal (L1 is
 *   anti-Hermitian for the Hilbert–Schmidt product), so P1 is the orthogonal
 *   projector onto that kernel, found by exact linear algebra.
 *   ρ0 ∈ Im P1 solves  P1 [L2 − L1 (Q0 L0 Q0)^{-1} L1] P1 ρ0 = 0,  Tr ρ0 = 1,
 *   which follows from Eqs. 24 and 41–43 and is Eq. 47 whenever Eq. 44 holds;
 *   using it always makes the degenerate case (dim Im P1 > 2^N) no special
 *   case. */
#ifndef NESSGEN_PERT_H
#define NESSGEN_PERT_H

#include "nessgen/kernel.h"
#include "nessgen/mat.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const ng_superop_ctx_struct *L;
    const ng_ring_struct *R;
    const ng_named_basis_struct *B; /* orthogonal Hermitian basis of Ker L0 */
    ng_ptr gram;                    /* ⟨b_i, b_i⟩ */
    ng_ptr trace;                   /* Tr b_i */
    ng_mat_t A1;                    /* P0 L1 P0 in B coordinates */
    ng_mat_t V;                     /* columns: a basis of Ker(P0 L1 P0) */
    ng_mat_t W;                     /* P1 [L2 − L1 (Q0L0Q0)^{-1} L1] P1 restricted: V* G (·) V */
    slong dim_p1;                   /* dim Im P1 */
    truth_t eq44;                   /* P1 L1 (Q0L0Q0)^{-1} L1 P1 = 0 (Eq. 44, App. A) */
    int degenerate;                 /* dim Im P1 > 2^N (Eq. 33 with degenerate levels) */
} ng_pert_struct;
typedef ng_pert_struct ng_pert_t[1];

/* Builds A1, V and W for the basis B (e.g. ng_kernel_basis or, for N = 2, the
 * Eq. 81 basis).  NG_ECOMPUTE if a rank cannot be decided with balls; P is
 * then cleared already (call ng_pert_clear only after success). */
ng_status ng_pert_init(ng_pert_t P, const ng_named_basis_t B, const ng_superop_ctx_t L);
void ng_pert_clear(ng_pert_t P);

/* The zeroth-order state: coords (B->length elements) with ρ0 = Σ coords_i b_i.
 * NG_ECOMPUTE with a message if ρ0 is not unique (names the dimension of the
 * solution space) or if balls cannot decide. */
ng_status ng_pert_rho0(ng_ptr coords, const ng_pert_t P);

/* Coordinates → operator. */
void ng_pert_coords_to_op(ng_op_t rho, ng_srcptr coords, const ng_pert_t P);

#ifdef __cplusplus
}
#endif

#endif
