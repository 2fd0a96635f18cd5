/* The bath operator S_ν of Eq. 13 and the scalar combinations α_+ and Δα^z
 * of Eqs. 89 and 93. */
#include "internal.h"

/* (re + i·im)·i^k·s appended. */
static void push_complex(ng_op_t A, ng_string s, int k, ng_srcptr re, ng_srcptr im,
                         const ng_ring_t R)
{
    ng_op_push_phase(A, s, k, re, R);
    ng_op_push_phase(A, s, k + 1, im, R);
}

/* S_ν = ½[d x^z σ^z + c(1−t)(x^x − i x^y) σ^+ + c(1+t)(x^x + i x^y) σ^−] on
 * the edge spin: Eq. 13 with H_e = hσ^z, whose transitions σ^± carry
 * Ξ(±2h) = Φ̃(±2h)/2 = c(1∓t)/2 (KMS, DESIGN §1) and σ^z carries Φ̃(0)/2 = d/2.
 * The ladder operators are expanded as σ^± = (σ^x ± iσ^y)/2 (Eq. 78). */
void ng_model_s(ng_op_t S, const ng_model_t M, int nu)
{
    const ng_ring_struct *R = M->R;
    int e = nu == NG_LEFT ? 0 : M->N - 1;
    ng_string sx = {0, 0}, sy = {0, 0}, sz = {0, 0};
    ng_srcptr xx = ng_vec_srcentry(M->x[nu], NG_X, R);
    ng_srcptr xy = ng_vec_srcentry(M->x[nu], NG_Y, R);
    ng_srcptr xz = ng_vec_srcentry(M->x[nu], NG_Z, R);
    ng_ptr w = ng_vec_init(4, R); /* re₊, im₊, re₋, im₋ of w± = c(1∓t)(x^x ∓ i x^y) / 4 */
    ng_ptr f = ng_elem_new(R);

    ng_string_set_letter(&sx, e, NG_SX);
    ng_string_set_letter(&sy, e, NG_SY);
    ng_string_set_letter(&sz, e, NG_SZ);
    ng_op_zero(S, R);
    S->nsites = M->N;
    S->basis = NG_PAULI;

    for (int sgn = -1; sgn <= 1; sgn += 2) { /* sgn = −1: σ^+, +1: σ^− */
        ng_ptr re = ng_vec_entry(w, sgn < 0 ? 0 : 2, R);
        ng_ptr im = ng_vec_entry(w, sgn < 0 ? 1 : 3, R);
        ng_elem_one(f, R);
        if (sgn < 0)
            ng_elem_sub(f, f, M->t[nu], R);
        else
            ng_elem_add(f, f, M->t[nu], R);
        ng_elem_mul(f, f, M->c[nu], R);
        ng_elem_mul_2exp_si(f, f, -2, R); /* ½ of S, ½ of σ^± */
        ng_elem_mul(re, f, xx, R);
        ng_elem_mul(im, f, xy, R);
        if (sgn < 0)
            ng_elem_neg(im, im, R);
        /* w·σ^± = w·(σ^x ± iσ^y)/2: σ^+ has i^1 on σ^y, σ^- has i^3 */
        push_complex(S, sx, 0, re, im, R);
        push_complex(S, sy, sgn < 0 ? 1 : 3, re, im, R);
    }
    ng_elem_mul(f, M->d[nu], xz, R);
    ng_elem_mul_2exp_si(f, f, -1, R);
    ng_op_push(S, sz, 0, f, R);
    ng_op_canonicalise(S, R);
    ng_elem_free(f, R);
    ng_vec_clear(w, 4, R);
}

/* α_+ = α_xx + α_yy (Eq. 89) */
void ng_model_alpha_plus(ng_ptr res, const ng_model_t M)
{
    ng_elem_add(res, ng_vec_srcentry(M->alpha, 3 * NG_X + NG_X, M->R),
                ng_vec_srcentry(M->alpha, 3 * NG_Y + NG_Y, M->R), M->R);
}

/* Δα^z = α_L^z − α_R^z with α_ν^z = Ȳ_ν x_ν^z, the z parts of H̄_SB (Eqs. 91, 93). */
void ng_model_delta_alpha_z(ng_ptr res, const ng_model_t M)
{
    ng_ptr t = ng_elem_new(M->R);
    ng_elem_mul(t, M->ybar[NG_RIGHT], ng_vec_srcentry(M->x[NG_RIGHT], NG_Z, M->R), M->R);
    ng_elem_mul(res, M->ybar[NG_LEFT], ng_vec_srcentry(M->x[NG_LEFT], NG_Z, M->R), M->R);
    ng_elem_sub(res, res, t, M->R);
    ng_elem_free(t, M->R);
}
