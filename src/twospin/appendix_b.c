/* Appendix B, Eqs. B13–B16: the single-spin dissipator of each bath, derived
 * from D_ν ρ = −[X_ν, S_ν ρ] − [ρ S_ν†, X_ν] (Eq. 7) on σ^0, σ^x, σ^y, σ^z of
 * its spin, and Eq. B18 recomputed with the printed B13–B16 in its place:
 * P0 keeps only the parts of L2 ρ0 that B18 lists, so a printed entry that P0
 * removes cannot change B18 — this decides whether one does. */
#include "twospin_internal.h"

static const char pauli_char[4] = {'0', 'x', 'y', 'z'};

/* σ^a on site 1 ⊗ σ^b on site 2 */
static void pauli_pair(ng_op_t P, int a, int b, const ng_ring_t R)
{
    char s[3] = {pauli_char[a], pauli_char[b], '\0'};
    ng_ptr one = ng_elem_new(R);
    ng_elem_one(one, R);
    ng_op_set_term_str(P, s, NG_PAULI, one, R);
    ng_elem_free(one, R);
}

/* Re Tr(σ^a⊗σ^b X)/4: the coordinate of X on σ^a⊗σ^b */
static void pauli_coord(ng_ptr c, const ng_op_t X, int a, int b, const ng_ring_t R)
{
    ng_op_t P;
    ng_ptr im = ng_elem_new(R);
    ng_op_init(P, 2, NG_PAULI, R);
    pauli_pair(P, a, b, R);
    ng_op_hs_product(c, im, P, X, R);
    ng_elem_div_si(c, c, 4, R);
    ng_op_clear(P, R);
    ng_elem_free(im, R);
}

/* m[4·row + col]: D_ν σ^col on bath ν's spin (site ν), read on σ^row */
static void derive_dmat(ng_ptr m, int nu, const ng_two_spin_t T, const ng_ring_t R)
{
    ng_op_t P, X;
    ng_op_init(P, 2, NG_PAULI, R);
    ng_op_init(X, 2, NG_PAULI, R);
    for (int col = 0; col < 4; col++) {
        pauli_pair(P, nu == 0 ? col : 0, nu == 0 ? 0 : col, R);
        ng_superop_dissipator(X, P, nu, T->L);
        for (int row = 0; row < 4; row++)
            pauli_coord(ng_vec_entry(m, 4 * row + col, R), X, nu == 0 ? row : 0,
                        nu == 0 ? 0 : row, R);
    }
    ng_op_clear(P, R);
    ng_op_clear(X, R);
}

void _ng_two_spin_appendix_b(ng_two_spin_t T)
{
    const ng_ring_struct *R = T->M->R;
    for (int nu = 0; nu < 2; nu++) {
        T->dmat[nu] = ng_vec_init(16, R);
        derive_dmat(T->dmat[nu], nu, T, R);
    }
    /* the printed forms need θ, c_ν, d_ν, t_ν in the model (the tilted Ising
     * preset); otherwise there is nothing to compare with */
    for (int nu = 0; nu < 2; nu++)
        T->dmat_printed[nu] = ng_vec_init(16, R);
    for (int nu = 0; nu < 2; nu++)
        for (int i = 0; i < 16; i++)
            if (ng_two_spin_eval_text(ng_vec_entry(T->dmat_printed[nu], i, R),
                                      ng_two_spin_printed_b13_b16[nu][i], T->M) != NG_OK) {
                ng_error_clear();
                ng_vec_clear(T->dmat_printed[0], 16, R);
                ng_vec_clear(T->dmat_printed[1], 16, R);
                T->dmat_printed[0] = T->dmat_printed[1] = NULL;
                return;
            }
}

/* Y = Σ_ν m_ν acting on site ν of X (the two dissipators, as matrices) */
static void apply_dmats(ng_op_t Y, const ng_op_t X, ng_ptr const m[2], const ng_ring_t R)
{
    ng_op_t P;
    ng_ptr c = ng_elem_new(R), cm = ng_elem_new(R);
    ng_op_init(P, 2, NG_PAULI, R);
    ng_op_zero(Y, R);
    Y->nsites = 2;
    for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++) {
            pauli_coord(c, X, a, b, R);
            if (ng_elem_is_exact_zero(c, R))
                continue;
            for (int r = 0; r < 4; r++) {
                /* site 1: σ^a → Σ_r m_L[r][a] σ^r;  site 2: σ^b → Σ_r m_R[r][b] σ^r */
                ng_elem_mul(cm, c, ng_vec_srcentry(m[0], 4 * r + a, R), R);
                pauli_pair(P, r, b, R);
                ng_op_addmul(Y, P, cm, R);
                ng_elem_mul(cm, c, ng_vec_srcentry(m[1], 4 * r + b, R), R);
                pauli_pair(P, a, r, R);
                ng_op_addmul(Y, P, cm, R);
            }
        }
    ng_op_clear(P, R);
    ng_elem_free(c, R);
    ng_elem_free(cm, R);
}

void ng_two_spin_b18_with(ng_ptr out, const ng_two_spin_t T, ng_ptr const m[2])
{
    const ng_ring_struct *R = T->M->R;
    ng_op_t rho, X;
    ng_op_init(rho, 2, NG_PAULI, R);
    ng_op_init(X, 2, NG_PAULI, R);
    _ng_two_spin_eq103_form(rho, T, R);
    apply_dmats(X, rho, m, R);
    _ng_two_spin_b18_coords(out, X, T, R);
    ng_op_clear(rho, R);
    ng_op_clear(X, R);
}

void _ng_two_spin_b18_with_printed_d(ng_two_spin_t T)
{
    if (T->dmat_printed[0] == NULL)
        return;
    T->p1l2_printed_d = ng_vec_init(3, T->M->R);
    ng_two_spin_b18_with(T->p1l2_printed_d, T, T->dmat_printed);
}

void _ng_two_spin_appendix_b_clear(ng_two_spin_t T)
{
    const ng_ring_struct *R = T->M->R;
    for (int nu = 0; nu < 2; nu++) {
        if (T->dmat[nu] != NULL)
            ng_vec_clear(T->dmat[nu], 16, R);
        if (T->dmat_printed[nu] != NULL)
            ng_vec_clear(T->dmat_printed[nu], 16, R);
        T->dmat[nu] = T->dmat_printed[nu] = NULL;
    }
    if (T->p1l2_printed_d != NULL)
        ng_vec_clear(T->p1l2_printed_d, 3, R);
    T->p1l2_printed_d = NULL;
}

int ng_two_spin_b13_b16_differs(ng_ptr ratio, int *has_ratio, const ng_two_spin_t T, int nu,
                                int row, int col)
{
    const ng_ring_struct *R = T->M->R;
    ng_srcptr d = ng_vec_srcentry(T->dmat[nu], 4 * row + col, R);
    ng_srcptr p = ng_vec_srcentry(T->dmat_printed[nu], 4 * row + col, R);
    if (ng_elem_equal(d, p, R) == T_TRUE)
        return 0;
    if (ratio != NULL)
        *has_ratio = ng_elem_div(ratio, d, p, R);
    return 1;
}

int ng_two_spin_b18_printed_d_same(const ng_two_spin_t T)
{
    const ng_ring_struct *R = T->M->R;
    if (T->p1l2_printed_d == NULL)
        return 0;
    for (int i = 0; i < 3; i++)
        if (ng_elem_equal(ng_vec_srcentry(T->p1l2_printed_d, i, R),
                          ng_vec_srcentry(T->p1l2, i, R), R) != T_TRUE)
            return 0;
    return 1;
}
