/* Products and commutators in the Pauli basis: every pair of strings gives one
 * string times a power of i; generate all terms, then sort and merge. */
#include "nessgen/op.h"

/* T = Σ_{a∈A, b∈B} weight·a·b, where only pairs passing `keep` contribute and
 * each contributes i^extra times its product. */
static void pair_products(ng_op_t C, const ng_op_t A, const ng_op_t B, int anticommuting_only,
                          slong weight, int extra, const ng_ring_t R)
{
    ng_op_t T;
    ng_ptr t = ng_elem_new(R);
    ng_op_init(T, FLINT_MAX(A->nsites, B->nsites), NG_PAULI, R);
    if (A->basis != NG_PAULI || B->basis != NG_PAULI)
        flint_abort(); /* internal invariant: products are taken in the Pauli basis */
    for (slong i = 0; i < A->length; i++) {
        for (slong j = 0; j < B->length; j++) {
            ng_string s;
            int k;
            if (anticommuting_only && ng_string_pauli_commute(A->keys[i].s, B->keys[j].s))
                continue;
            k = ng_string_pauli_mul(&s, A->keys[i].s, B->keys[j].s);
            ng_elem_mul(t, ng_vec_srcentry(A->coeffs, i, R), ng_vec_srcentry(B->coeffs, j, R),
                        R);
            if (weight != 1)
                ng_elem_mul_si(t, t, weight, R);
            ng_op_push_phase(T, s, k + (int)A->keys[i].im + (int)B->keys[j].im + extra, t, R);
        }
    }
    ng_op_canonicalise(T, R);
    ng_op_swap(C, T);
    ng_op_clear(T, R);
    ng_elem_free(t, R);
}

void ng_op_mul(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R)
{
    pair_products(C, A, B, 0, 1, 0, R);
}

/* Commuting strings cancel in AB − BA; anticommuting ones give 2ab. */
void ng_op_commutator(ng_op_t C, const ng_op_t A, const ng_op_t B, const ng_ring_t R)
{
    pair_products(C, A, B, 1, 2, 0, R);
}

void ng_op_hamiltonian_flow(ng_op_t C, const ng_op_t H, const ng_op_t A,
                            const ng_ring_t R)
{
    pair_products(C, H, A, 1, 2, 3, R); /* −i = i^3 */
}
