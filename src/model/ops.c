/* The model's Hamiltonians and bath couplings as Pauli-basis operators on
 * M->N sites; site l is bit l (0-based), the paper's spin l + 1. */
#include "internal.h"

static ng_string one_site(int l, int letter)
{
    ng_string s = {0, 0};
    ng_string_set_letter(&s, l, letter);
    return s;
}

/* Pauli letter of axis j ∈ {NG_X, NG_Y, NG_Z}. */
static int letter(int j)
{
    return j == NG_X ? NG_SX : (j == NG_Y ? NG_SY : NG_SZ);
}

static int edge(const ng_model_t M, int nu)
{
    return nu == NG_LEFT ? 0 : M->N - 1;
}

static void reset(ng_op_t A, const ng_model_t M)
{
    ng_op_zero(A, M->R);
    A->nsites = M->N;
    A->basis = NG_PAULI;
}

/* H0 = h Σ_l σ_l^z (Eq. 69) */
void ng_model_h0(ng_op_t H, const ng_model_t M)
{
    reset(H, M);
    for (int l = 0; l < M->N; l++)
        ng_op_push(H, one_site(l, NG_SZ), 0, M->h, M->R);
    ng_op_canonicalise(H, M->R);
}

static void push_bond(ng_op_t H, const ng_model_t M, int l)
{
    for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
            ng_string s = {0, 0};
            ng_string_set_letter(&s, l, letter(j));
            ng_string_set_letter(&s, l + 1, letter(k));
            ng_op_push(H, s, 0, ng_vec_srcentry(M->alpha, 3 * j + k, M->R), M->R);
        }
    }
}

/* H_I(l, l+1) = Σ_jk α_jk σ_l^j σ_{l+1}^k (Eq. 118), 0 ≤ l < N − 1. */
void ng_model_bond(ng_op_t H, const ng_model_t M, int l)
{
    reset(H, M);
    if (l >= 0 && l + 1 < M->N)
        push_bond(H, M, l);
    ng_op_canonicalise(H, M->R);
}

/* H_I = Σ_l H_I(l, l+1) (Eq. 70) */
void ng_model_hi(ng_op_t H, const ng_model_t M)
{
    reset(H, M);
    for (int l = 0; l + 1 < M->N; l++)
        push_bond(H, M, l);
    ng_op_canonicalise(H, M->R);
}

/* c·X_ν appended (c == NULL: 1). */
static void push_x(ng_op_t A, const ng_model_t M, int nu, ng_srcptr c)
{
    ng_ptr t = ng_elem_new(M->R);
    for (int j = 0; j < 3; j++) {
        ng_srcptr xj = ng_vec_srcentry(M->x[nu], j, M->R);
        if (c != NULL) {
            ng_elem_mul(t, xj, c, M->R);
            xj = t;
        }
        ng_op_push(A, one_site(edge(M, nu), letter(j)), 0, xj, M->R);
    }
    ng_elem_free(t, M->R);
}

/* X_ν = Σ_j x_ν^j σ^j on spin 1 (ν = L) or N (ν = R). */
void ng_model_x(ng_op_t X, const ng_model_t M, int nu)
{
    reset(X, M);
    push_x(X, M, nu, NULL);
    ng_op_canonicalise(X, M->R);
}

/* Ȳ_ν X_ν, the bath's mean-field term H_E(e_ν) (Eqs. 6, 91, 120). */
void ng_model_he(ng_op_t H, const ng_model_t M, int nu)
{
    reset(H, M);
    push_x(H, M, nu, M->ybar[nu]);
    ng_op_canonicalise(H, M->R);
}

/* H1 = H_I + H̄_SB (Eq. 18) */
void ng_model_h1(ng_op_t H, const ng_model_t M)
{
    reset(H, M);
    for (int l = 0; l + 1 < M->N; l++)
        push_bond(H, M, l);
    push_x(H, M, NG_LEFT, M->ybar[NG_LEFT]);
    push_x(H, M, NG_RIGHT, M->ybar[NG_RIGHT]);
    ng_op_canonicalise(H, M->R);
}
