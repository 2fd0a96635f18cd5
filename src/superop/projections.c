/* (Q0 L0 Q0)^{-1}: in the ladder basis L0 is diagonal with eigenvalue
 * −2ih(n₊ − n₋) (DESIGN §2), so it is inverted string by string. */
#include "nessgen/superop.h"

ng_status ng_superop_q0l0q0_inv(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t T, U;
    ng_ptr inv_2h = ng_elem_new(R), c = ng_elem_new(R);
    ng_status status = NG_OK;

    ng_elem_mul_si(c, L->M->h, 2, R);
    ng_elem_one(inv_2h, R);
    if (!ng_elem_div(inv_2h, inv_2h, c, R)) {
        status = ng_error(NG_ECOMPUTE, "(Q0 L0 Q0)^-1: the field h cannot be certified "
                                       "nonzero at the working precision");
        goto cleanup;
    }
    ng_op_init(T, rho->nsites, NG_LADDER, R);
    ng_op_init(U, rho->nsites, NG_LADDER, R);
    ng_op_to_ladder(T, rho, R);
    for (slong i = 0; i < T->length; i++) {
        int m = ng_string_ladder_charge(T->keys[i].s);
        if (m == 0)
            continue;
        /* s / (−2ihm) = i s / (2hm) */
        ng_elem_mul(c, ng_vec_srcentry(T->coeffs, i, R), inv_2h, R);
        ng_elem_div_si(c, c, m, R);
        ng_op_push_phase(U, T->keys[i].s, (int)T->keys[i].im + 1, c, R);
    }
    ng_op_canonicalise(U, R);
    ng_op_to_pauli(res, U, R);
    ng_op_clear(T, R);
    ng_op_clear(U, R);
cleanup:
    ng_elem_free(inv_2h, R);
    ng_elem_free(c, R);
    return status;
}

void ng_superop_second_order(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_op_t T;
    ng_op_init(T, rho->nsites, NG_PAULI, L->R);
    ng_superop_l1(T, rho, L);
    ng_superop_q0l0q0_inv(T, T, L);
    ng_superop_l1(res, T, L);
    ng_op_clear(T, L->R);
}
