/* P0 L1 on Ker L0: the coefficient tables of Eqs. 87–95 and the action on the
 * product of local equilibrium states, Eqs. 101–102 and 121–123. */
#ifndef NESSGEN_P0L1_H
#define NESSGEN_P0L1_H

#include "nessgen/emit.h"
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

/* The whole derivation `nessgen table p0l1` reports, for a model whose ring
 * has the site temperatures' symbols t1..tN (ng_p0l1_spec_add_site_symbols):
 * the table on the basis B (Eq. 81 for N = 2, the Ker L0 basis otherwise),
 * Eq. 121 for every bond on the two-site basis B2 of Eq. 81, Eqs. 122–123,
 * and for N = 2 ρ_PLE in the basis (Eq. 101).  α_+ and Δα^z are the
 * quantities the paper writes Eqs. 89–94 in. */
typedef struct {
    const ng_model_struct *M; /* borrowed */
    ng_named_basis_t B, B2;
    ng_p0l1_table_t T;
    ng_ptr t;                 /* t_1..t_N, the ring's symbols */
    ng_ptr bonds;             /* (N − 1)·6: Eq. 121's two-site factor per bond */
    truth_t bonds_ok;         /* Eq. 121 factorises on every bond */
    truth_t edges_vanish;     /* Eq. 122 */
    truth_t one_site_vanish;  /* Eq. 123 */
    ng_ptr ple_coeffs;        /* Eq. 101 (N = 2; zero otherwise) */
    ng_ptr alpha_plus, delta_alpha_z;
} ng_p0l1_derivation_struct;
typedef ng_p0l1_derivation_struct ng_p0l1_derivation_t[1];

/* Makes t1..tN symbols of the model the spec resolves to (before
 * resolving). */
ng_status ng_p0l1_spec_add_site_symbols(ng_model_spec *spec, int N);
/* Computes the derivation for M (exact rings; M must outlive D).  D is
 * initialised whatever the result, so ng_p0l1_derivation_clear is always
 * safe; NG_EINPUT if the ring lacks t1..tN or is not exact, NG_ECOMPUTE as
 * ng_p0l1_table_compute. */
ng_status ng_p0l1_derivation_init(ng_p0l1_derivation_t D, const ng_model_t M);
void ng_p0l1_derivation_clear(ng_p0l1_derivation_t D);
/* Writes D as `nessgen table p0l1` does (src/p0l1/write.c): text, JSON
 * (schemas/table.json) or LaTeX (align environments tagged with the
 * paper's equation numbers for N = 2), by o->format. */
void ng_p0l1_derivation_write(FILE *out, const ng_p0l1_derivation_t D, const ng_emit_opts *o);

#ifdef __cplusplus
}
#endif

#endif
