/* P0 L1 on Ker L0: the coefficient tables of Eqs. 87–95 and the action on the
 * product of local equilibrium states, Eqs. 101–102 and 121–123. */
#ifndef NESSGEN_P0L1_H
#define NESSGEN_P0L1_H

#include "nessgen/kernel.h"
#include "nessgen/superop.h"

#ifdef __cplusplus
extern "C" {
#endif

/* li[i*n + j] is the coefficient of b_j in P0 L_I b_i; le likewise for L_E. */
typedef struct {
    slong n;
    ng_ptr li;
    ng_ptr le;
} ng_p0l1_table_struct;
typedef ng_p0l1_table_struct ng_p0l1_table_t[1];

/* Memory, in bytes, that the table for N spins over R needs at least (its
 * two n × n arrays, n = C(2N, N), and the Ker L0 basis); for refusing an N
 * before allocating. */
double ng_p0l1_table_bytes(int N, const ng_ring_t R);
void ng_p0l1_table_init(ng_p0l1_table_t T, slong n, const ng_ring_t R);
void ng_p0l1_table_clear(ng_p0l1_table_t T, const ng_ring_t R);
/* Fills T for the basis B of Ker L0.  NG_ECOMPUTE if a result cannot be
 * certified to lie in the span of B (balls too wide). */
ng_status ng_p0l1_table_compute(ng_p0l1_table_t T, const ng_named_basis_t B,
                                const ng_superop_ctx_t L);

/* ρ_PLE = ⊗_l ρ_LE(β_l), ρ_LE(β_l) = (σ^0 − t_l σ^z)/2 (Eqs. 100, 115);
 * t holds N elements. */
void ng_product_local_equilibrium(ng_op_t rho, ng_srcptr t, int N, const ng_ring_t R);

/* Eq. 121: writes P0 L_I(l,l+1) ρ_PLE = Y ⊗ ⊗_{m≠l,l+1} ρ_LE(β_m) and expands
 * the two-site factor Y in the basis B2 of Eq. 81 (coeffs: 6 elements).
 * Returns T_TRUE if the factorisation holds exactly, T_FALSE if it does not,
 * T_UNKNOWN if balls cannot decide. */
truth_t ng_p0l1_ple_bond(ng_ptr coeffs, int l, ng_srcptr t, const ng_named_basis_t B2,
                         const ng_superop_ctx_t L);
/* Eq. 122 and Eq. 123: P0 L_E(e_ν) ρ_PLE = 0 and P_(l) P0 L1 ρ_PLE = 0 for
 * every site l; the truth of both for all ν and l. */
truth_t ng_p0l1_ple_edges_vanish(ng_srcptr t, const ng_superop_ctx_t L);
truth_t ng_p0l1_ple_one_site_vanish(ng_srcptr t, const ng_superop_ctx_t L);

#ifdef __cplusplus
}
#endif

#endif
