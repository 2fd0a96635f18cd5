/* The two-spin derivation, steps 1–5 of two_spin.h. */
#include <string.h>

#include "nessgen/p0l1.h"
#include "nessgen/two_spin.h"
#include "twospin_internal.h"

enum { S00 = 0, SZZ, SSUM, RHOA, RHOB, RHOC }; /* the order of Eq. 81 */

static ng_ptr sym(ng_ptr x, const char *name, const ng_ring_t R)
{
    slong i = ng_ring_param_index(R, name);
    if (i < 0)
        return NULL;
    ng_elem_gen(x, i, R);
    return x;
}

/* The part of span(V) orthogonal to σ^{00}, σ^{zz}, σ^{0z}+σ^{z0}: after
 * removing those coordinates every kernel vector lies on one line in
 * span{ρ^A, ρ^B, ρ^C}; returns its direction in w (6 coordinates). */
static truth_t extra_kernel_direction(ng_ptr w, const ng_pert_t P, const ng_ring_t R)
{
    for (slong a = 0; a < P->V->c; a++) {
        truth_t nonzero = T_FALSE;
        for (slong i = 0; i < 6; i++) {
            ng_ptr wi = ng_vec_entry(w, i, R);
            if (i < RHOA)
                ng_elem_zero(wi, R);
            else
                ng_elem_set(wi, ng_mat_entry(P->V, i, a, R), R);
            if (i >= RHOA && ng_elem_is_zero(wi, R) == T_FALSE)
                nonzero = T_TRUE;
        }
        if (nonzero == T_TRUE)
            return T_TRUE;
    }
    return T_FALSE;
}

/* γ = −w_A/w_C when the extra kernel vector is ρ^C − γρ^A (Eq. 97). */
static void read_gamma(ng_two_spin_t T, const ng_ring_t R)
{
    ng_srcptr wa = ng_vec_entry(T->kernel_extra, RHOA, R);
    ng_srcptr wc = ng_vec_entry(T->kernel_extra, RHOC, R);
    T->gamma_defined = ng_elem_div(T->gamma, wa, wc, R);
    if (T->gamma_defined)
        ng_elem_neg(T->gamma, T->gamma, R);
    if (!ng_elem_div(T->gamma_formula, T->alpha_plus, T->delta_alpha_z, R))
        ng_elem_zero(T->gamma_formula, R);
}

/* Eq. 103: ρ_LE(β1) ⊗ ρ_LE(β2) + (t2 − t1)/8 γ ρ^A + g σ^{zz}, symbols t1, t2, g. */
void _ng_two_spin_eq103_form(ng_op_t rho, const ng_two_spin_t T, const ng_ring_t R)
{
    ng_ptr t = ng_vec_init(2, R), c = ng_elem_new(R), g = ng_elem_new(R);
    sym(ng_vec_entry(t, 0, R), "t1", R);
    sym(ng_vec_entry(t, 1, R), "t2", R);
    sym(g, "g", R);
    ng_product_local_equilibrium(rho, t, 2, R);
    ng_elem_sub(c, ng_vec_entry(t, 1, R), ng_vec_entry(t, 0, R), R);
    ng_elem_mul(c, c, T->gamma, R);
    ng_elem_div_si(c, c, 8, R);
    ng_op_addmul(rho, T->B->ops + RHOA, c, R);
    ng_op_addmul(rho, T->B->ops + SZZ, g, R);
    ng_vec_clear(t, 2, R);
    ng_elem_free(c, R);
    ng_elem_free(g, R);
}

/* ⟨v, X⟩ / ⟨v, v⟩ for Hermitian v, X */
static void coefficient_on(ng_ptr c, const ng_op_t v, const ng_op_t X, const ng_ring_t R)
{
    ng_ptr num = ng_elem_new(R), den = ng_elem_new(R), im = ng_elem_new(R);
    ng_op_hs_product(num, im, v, X, R);
    ng_op_hs_product(den, im, v, v, R);
    ng_elem_div(c, num, den, R);
    ng_elem_free(num, R);
    ng_elem_free(den, R);
    ng_elem_free(im, R);
}

/* The coordinates of P0 X on σ^{zz}, σ^{0z}+σ^{z0} and ρ^{C'} = ρ^C − γρ^A
 * (Eq. B18's elements; X is overwritten). */
void _ng_two_spin_b18_coords(ng_ptr out, ng_op_t X, const ng_two_spin_t T, const ng_ring_t R)
{
    ng_op_t cprime;
    ng_op_init(cprime, 2, NG_PAULI, R);
    ng_op_neg(cprime, T->B->ops + RHOA, R);
    ng_op_scalar_mul(cprime, cprime, T->gamma, R);
    ng_op_add(cprime, cprime, T->B->ops + RHOC, R);
    ng_kernel_p0(X, X, R);
    coefficient_on(ng_vec_entry(out, 0, R), T->B->ops + SZZ, X, R);
    coefficient_on(ng_vec_entry(out, 1, R), T->B->ops + SSUM, X, R);
    coefficient_on(ng_vec_entry(out, 2, R), cprime, X, R);
    ng_op_clear(cprime, R);
}

/* Eqs. B17–B18: P1 L2 ρ0 on σ^{zz}, σ^{0z}+σ^{z0} and ρ^{C'} = ρ^C − γρ^A
 * (the σ^{00} coefficient vanishes: L2 preserves the trace). */
static void p1_l2_eq103(ng_two_spin_t T, const ng_ring_t R)
{
    ng_op_t rho, X;
    ng_op_init(rho, 2, NG_PAULI, R);
    ng_op_init(X, 2, NG_PAULI, R);
    _ng_two_spin_eq103_form(rho, T, R);
    T->eq103_in_kernel = 0;
    ng_superop_l1(X, rho, T->L);
    ng_kernel_p0(X, X, R);
    T->eq103_in_kernel = ng_op_is_zero(X, R) == T_TRUE;
    ng_superop_l2(X, rho, T->L);
    _ng_two_spin_b18_coords(T->p1l2, X, T, R);
    ng_op_clear(rho, R);
    ng_op_clear(X, R);
}

/* t_l = −Tr(σ^z_l ρ0) (Eq. 100); g from the σ^{zz} coefficient t1t2/4 + g. */
static void read_solution(ng_two_spin_t T, const ng_ring_t R)
{
    ng_op_t rho, Z;
    ng_ptr re = ng_elem_new(R), im = ng_elem_new(R), one = ng_elem_new(R);
    ng_ptr t[2] = {T->t1, T->t2};
    ng_op_init(rho, 2, NG_PAULI, R);
    ng_op_init(Z, 2, NG_PAULI, R);
    ng_elem_one(one, R);
    ng_pert_coords_to_op(rho, T->rho0, T->P);
    for (int l = 0; l < 2; l++) {
        ng_string z = {0, UINT64_C(1) << l};
        ng_op_zero(Z, R);
        ng_op_push(Z, z, 0, one, R);
        ng_op_mul(Z, Z, rho, R);
        ng_op_trace(re, im, Z, R);
        ng_elem_neg(t[l], re, R);
    }
    ng_elem_mul(re, T->t1, T->t2, R);
    ng_elem_div_si(re, re, 4, R);
    ng_elem_sub(T->g, ng_vec_entry(T->rho0, SZZ, R), re, R);
    ng_elem_set(T->rhoA, ng_vec_entry(T->rho0, RHOA, R), R);
    ng_op_clear(rho, R);
    ng_op_clear(Z, R);
    ng_elem_free(re, R);
    ng_elem_free(im, R);
    ng_elem_free(one, R);
}

ng_status ng_two_spin_derive(ng_two_spin_t T, const ng_model_t M)
{
    const ng_ring_struct *R = M->R;
    ng_status st;
    memset(T, 0, sizeof(ng_two_spin_struct));
    T->M = M;
    if (M->N != 2)
        return ng_error(NG_EINPUT, "the two-spin derivation needs N = 2, got N = %d", M->N);
    ng_named_basis_init(T->B);
    ng_kernel_basis_two_spin(T->B, R);
    ng_superop_ctx_init(T->L, M);
    T->alpha_plus = ng_elem_new(R);
    T->delta_alpha_z = ng_elem_new(R);
    T->gamma = ng_elem_new(R);
    T->gamma_formula = ng_elem_new(R);
    T->kernel_extra = ng_vec_init(6, R);
    T->p1l2 = ng_vec_init(3, R);
    T->rho0 = ng_vec_init(6, R);
    T->t1 = ng_elem_new(R);
    T->t2 = ng_elem_new(R);
    T->g = ng_elem_new(R);
    T->rhoA = ng_elem_new(R);
    ng_model_alpha_plus(T->alpha_plus, M);
    ng_model_delta_alpha_z(T->delta_alpha_z, M);

    st = ng_pert_init(T->P, T->B, T->L);
    if (st != NG_OK)
        return st;
    T->have_pert = 1;
    T->eq44_holds = T->P->eq44 == T_TRUE;
    if (T->P->dim_p1 != 4 || extra_kernel_direction(T->kernel_extra, T->P, R) != T_TRUE)
        return ng_error(NG_ECOMPUTE,
                        "Ker(P0 L1 P0) has dimension %ld, not the 4 of Eq. 96 (alpha_+ = 0?)",
                        (long)T->P->dim_p1);
    read_gamma(T, R);
    _ng_two_spin_appendix_b(T);
    if (T->gamma_defined && ng_ring_param_index(R, "t1") >= 0) {
        p1_l2_eq103(T, R);
        _ng_two_spin_b18_with_printed_d(T);
    }
    st = ng_pert_rho0(T->rho0, T->P);
    if (st != NG_OK)
        return st;
    read_solution(T, R);
    return NG_OK;
}

void ng_two_spin_clear(ng_two_spin_t T)
{
    const ng_ring_struct *R = T->M->R;
    if (T->alpha_plus == NULL)
        return;
    if (T->have_pert)
        ng_pert_clear(T->P);
    ng_superop_ctx_clear(T->L);
    ng_named_basis_clear(T->B, R);
    ng_elem_free(T->alpha_plus, R);
    ng_elem_free(T->delta_alpha_z, R);
    ng_elem_free(T->gamma, R);
    ng_elem_free(T->gamma_formula, R);
    ng_vec_clear(T->kernel_extra, 6, R);
    ng_vec_clear(T->p1l2, 3, R);
    ng_vec_clear(T->rho0, 6, R);
    ng_elem_free(T->t1, R);
    ng_elem_free(T->t2, R);
    ng_elem_free(T->g, R);
    ng_elem_free(T->rhoA, R);
    _ng_two_spin_appendix_b_clear(T);
}
