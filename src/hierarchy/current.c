/* Route 2 to Eq. 150: the total spin current O commutes with H0, so the
 * first-order condition P0 L1 ρ0 = 0 gives Tr(O L1 ρ0) = ⟨i[H1, O]⟩ = 0; at
 * finite λ, Tr(O L ρ) = 0 gives ⟨i[H1, O]⟩ = −λ Tr(O L2 ρ). */
#include "nessgen/hierarchy.h"
#include "nessgen/observable.h"

void ng_hier_spin_current(ng_op_t O, int N, const ng_ring_t R)
{
    ng_op_zero(O, R);
    O->nsites = N;
    O->basis = NG_PAULI;
    for (int l = 0; l + 1 < N; l++) {
        ng_string xy = {0, 0}, yx = {0, 0};
        ng_string_set_letter(&xy, l, NG_SX);
        ng_string_set_letter(&xy, l + 1, NG_SY);
        ng_string_set_letter(&yx, l, NG_SY);
        ng_string_set_letter(&yx, l + 1, NG_SX);
        ng_op_push_si(O, xy, 0, 1, R);
        ng_op_push_si(O, yx, 0, -1, R);
    }
    ng_op_canonicalise(O, R);
}

void ng_hier_current_balance(ng_op_t J0, ng_op_t Jn, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t O, H;
    ng_op_init(O, L->N, NG_PAULI, R);
    ng_op_init(H, L->N, NG_PAULI, R);
    ng_hier_spin_current(O, L->N, R);
    /* i[H, O] = −(−i[H, O]) */
    ng_kernel_p0(H, L->h1, R);
    ng_op_hamiltonian_flow(J0, H, O, R);
    ng_op_neg(J0, J0, R);
    ng_kernel_q0(H, L->h1, R);
    ng_op_hamiltonian_flow(Jn, H, O, R);
    ng_op_neg(Jn, Jn, R);
    ng_op_clear(O, R);
    ng_op_clear(H, R);
}

void ng_hier_l2_adjoint(ng_op_t res, const ng_op_t O, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_op_t T;
    ng_op_init(T, L->N, NG_PAULI, R);
    ng_op_zero(res, R);
    res->nsites = L->N;
    res->basis = NG_PAULI;
    for (int nu = 0; nu < 2; nu++) {
        ng_dissipator_adjoint(T, O, nu, L);
        ng_op_add(res, res, T, R);
    }
    ng_op_clear(T, R);
}

truth_t ng_hier_route_relation(ng_ptr k, const ng_op_t J0, const ng_op_t D, const ng_ring_t R)
{
    ng_op_t T;
    truth_t t;
    slong i;
    if (D->length == 0)
        return ng_op_is_zero(J0, R);
    /* k from the coefficient of D's first string in J0 */
    for (i = 0; i < J0->length; i++)
        if (ng_string_equal(J0->keys[i].s, D->keys[0].s) && J0->keys[i].im == D->keys[0].im)
            break;
    if (i == J0->length)
        ng_elem_zero(k, R);
    else if (!ng_elem_div(k, ng_vec_srcentry(J0->coeffs, i, R),
                          ng_vec_srcentry(D->coeffs, 0, R), R))
        return T_UNKNOWN;
    ng_op_init(T, D->nsites, NG_PAULI, R);
    ng_op_scalar_mul(T, D, k, R);
    t = ng_op_equal(T, J0, R);
    ng_op_clear(T, R);
    return t;
}
