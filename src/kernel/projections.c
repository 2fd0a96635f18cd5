/* P0 and Q0 = 1 − P0: in the ladder basis L0 is diagonal with eigenvalue
 * −2ih(n₊ − n₋) (DESIGN §2), so P0 keeps the balanced strings. */
#include "nessgen/kernel.h"

/* Keeps the ladder components whose charge is zero (keep_balanced) or nonzero. */
static void filter_by_charge(ng_op_t res, const ng_op_t rho, int keep_balanced,
                             const ng_ring_t R)
{
    ng_op_t T;
    slong n = 0;
    ng_op_init(T, rho->nsites, NG_LADDER, R);
    ng_op_to_ladder(T, rho, R);
    for (slong i = 0; i < T->length; i++) {
        int balanced = ng_string_ladder_charge(T->keys[i].s) == 0;
        if (balanced != keep_balanced) {
            ng_elem_clear(ng_vec_entry(T->coeffs, i, R), R);
            continue;
        }
        T->keys[n] = T->keys[i];
        if (n != i)
            ng_elem_swap(ng_vec_entry(T->coeffs, n, R), ng_vec_entry(T->coeffs, i, R), R);
        n++;
    }
    T->length = n;
    ng_op_to_pauli(res, T, R);
    ng_op_clear(T, R);
}

void ng_kernel_p0(ng_op_t res, const ng_op_t rho, const ng_ring_t R)
{
    filter_by_charge(res, rho, 1, R);
}

void ng_kernel_q0(ng_op_t res, const ng_op_t rho, const ng_ring_t R)
{
    filter_by_charge(res, rho, 0, R);
}

