/* The second-order Hamiltonian H_2 of the degenerate zeroth-order condition.
 *
 * Derivation (Sect. III, Eqs. 24, 40, 43).  Split V = H_I + H̄_SB = H1 by the
 * change it makes to the eigenvalue of Σσ^z: V = Σ_k V_k with
 * [Σσ^z, V_k] = k V_k, so [H0, V_k] = h k V_k (H0 = h Σσ^z), V_{−k} = V_k†,
 * and k = 2(n₊ − n₋) for a ladder string (k ∈ {0, ±2, ±4} for two-site
 * couplings).  Let ρ ∈ Ker L0.  Then
 *   L1 ρ = −i Σ_k [V_k, ρ],
 * whose k ≠ 0 parts lie in Im Q0, and L0 X = −i[H0, X] = −i h k X for X that
 * changes Σσ^z by k, so (Q0 L0 Q0)^{-1} (−i[V_k, ρ]) = [V_k, ρ]/(h k).
 * Applying L1 and P0 keeps only the part of V that brings the result back
 * to k = 0, i.e. V_{−k}:
 *   P0 L1 (Q0L0Q0)^{-1} L1 P0 ρ = −i Σ_{k≠0} [V_{−k}, [V_k, ρ]]/(h k)
 *     = −i Σ_{k>0} ([V_{−k}, [V_k, ρ]] − [V_k, [V_{−k}, ρ]])/(h k)
 *     = −i Σ_{k>0} [[V_{−k}, V_k], ρ]/(h k)          (Jacobi identity)
 *     = −i [H_2, ρ],   H_2 = Σ_{k>0} [V_{−k}, V_k]/(h k).
 * H_2 is Hermitian ([V_k†, V_k]† = [V_k†, V_k]) and commutes with Σσ^z.  So
 * the degenerate zeroth-order condition P1 [L2 − L1 (Q0L0Q0)^{-1} L1] P1 ρ0 = 0
 * reads P1 [L2 + i[H_2, ·]] P1 ρ0 = 0: a coherent term with −H_2, which is
 * the usual second-order Schrieffer–Wolff Hamiltonian Σ_{k>0}[V_k, V_{−k}]/(hk)
 * (the sign is checked against the superoperator route in t-degenerate). */
#include "internal.h"

ng_status ng_engine_h2(ng_op_t H2, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    int N = M->N;
    ng_op_t V, ladder, up, down, c;
    ng_ptr scale = ng_elem_new(R), hk = ng_elem_new(R);
    ng_status st = NG_OK;
    int qmax = 0;

    ng_op_init(V, N, NG_PAULI, R);
    ng_op_init(ladder, N, NG_LADDER, R);
    ng_op_init(up, N, NG_LADDER, R);
    ng_op_init(down, N, NG_LADDER, R);
    ng_op_init(c, N, NG_PAULI, R);
    ng_model_h1(V, M);
    ng_op_to_ladder(ladder, V, R);
    for (slong j = 0; j < ladder->length; j++)
        qmax = FLINT_MAX(qmax, ng_string_ladder_charge(ladder->keys[j].s));
    ng_op_zero(H2, R);
    H2->nsites = N;
    H2->basis = NG_PAULI;
    /* q = n₊ − n₋ = k/2 */
    for (int q = 1; q <= qmax && st == NG_OK; q++) {
        ng_op_zero(up, R);
        ng_op_zero(down, R);
        up->nsites = down->nsites = N;
        up->basis = down->basis = NG_LADDER;
        for (slong j = 0; j < ladder->length; j++) {
            int charge = ng_string_ladder_charge(ladder->keys[j].s);
            if (charge == q || charge == -q)
                ng_op_push(charge == q ? up : down, ladder->keys[j].s, ladder->keys[j].im,
                           ng_vec_srcentry(ladder->coeffs, j, R), R);
        }
        ng_op_canonicalise(up, R);
        ng_op_canonicalise(down, R);
        ng_op_to_pauli(up, up, R);
        ng_op_to_pauli(down, down, R);
        ng_op_commutator(c, down, up, R); /* [V_{−k}, V_k] */
        ng_elem_mul_si(hk, M->h, 2 * q, R); /* h k */
        ng_elem_one(scale, R);
        if (!ng_elem_div(scale, scale, hk, R)) {
            st = ng_error(NG_ECOMPUTE, "H_2: the field h cannot be certified nonzero");
            break;
        }
        ng_op_addmul(H2, c, scale, R);
    }
    ng_op_clear(V, R);
    ng_op_clear(ladder, R);
    ng_op_clear(up, R);
    ng_op_clear(down, R);
    ng_op_clear(c, R);
    ng_elem_free(scale, R);
    ng_elem_free(hk, R);
    return st;
}
