/* Local observables of a magnetisation-conserving state (Sect. IV C):
 * t_l = −Tr(σ^z_l ρ), ⟨ρ^A⟩, ⟨ρ^B⟩ (Eqs. 79–80) and the three-body
 * correlations of Eqs. 151–152, and both sides of Eq. 150. */
#include "internal.h"

void ng_engine_obs_init(ng_engine_obs_t O, int N, const ng_ring_t R)
{
    O->N = N;
    O->trace = ng_vec_init(1, R);
    O->t = ng_vec_init(N, R);
    O->rho_a = ng_vec_init(N - 1, R);
    O->rho_b = ng_vec_init(N - 1, R);
    O->z_a = ng_vec_init(FLINT_MAX(N - 2, 0), R);
    O->a_z = ng_vec_init(FLINT_MAX(N - 2, 0), R);
}

void ng_engine_obs_clear(ng_engine_obs_t O, const ng_ring_t R)
{
    int N = O->N;
    ng_vec_clear(O->trace, 1, R);
    ng_vec_clear(O->t, N, R);
    ng_vec_clear(O->rho_a, N - 1, R);
    ng_vec_clear(O->rho_b, N - 1, R);
    ng_vec_clear(O->z_a, FLINT_MAX(N - 2, 0), R);
    ng_vec_clear(O->a_z, FLINT_MAX(N - 2, 0), R);
}

static void vec_addmul(ng_ptr y, ng_srcptr a, ng_srcptr b, ng_srcptr c, slong n,
                       const ng_ring_t R)
{
    ng_ptr t = ng_elem_new(R);
    for (slong i = 0; i < n; i++) {
        ng_elem_mul(t, ng_vec_srcentry(b, i, R), c, R);
        ng_elem_add(ng_vec_entry(y, i, R), ng_vec_srcentry(a, i, R), t, R);
    }
    ng_elem_free(t, R);
}

void ng_engine_obs_addmul(ng_engine_obs_t O, const ng_engine_obs_t A, const ng_engine_obs_t B,
                          ng_srcptr c, const ng_ring_t R)
{
    int N = A->N;
    vec_addmul(O->trace, A->trace, B->trace, c, 1, R);
    vec_addmul(O->t, A->t, B->t, c, N, R);
    vec_addmul(O->rho_a, A->rho_a, B->rho_a, c, N - 1, R);
    vec_addmul(O->rho_b, A->rho_b, B->rho_b, c, N - 1, R);
    vec_addmul(O->z_a, A->z_a, B->z_a, c, FLINT_MAX(N - 2, 0), R);
    vec_addmul(O->a_z, A->a_z, B->a_z, c, FLINT_MAX(N - 2, 0), R);
}

void _ng_local_init(ng_engine_local_t L, int N, const ng_ring_t R)
{
    slong dim = WORD(1) << N;
    L->N = N;
    L->diag = ng_vec_init(dim, R);
    L->hop_re = ng_vec_init(dim * (N - 1), R);
    L->hop_im = ng_vec_init(dim * (N - 1), R);
}

void _ng_local_clear(ng_engine_local_t L, const ng_ring_t R)
{
    slong dim = WORD(1) << L->N;
    ng_vec_clear(L->diag, dim, R);
    ng_vec_clear(L->hop_re, dim * (L->N - 1), R);
    ng_vec_clear(L->hop_im, dim * (L->N - 1), R);
}

/* Is ⟨s|ρ|s ⊕ b_l⟩ inside the sector (spins l, l + 1 antiparallel)? */
static int hop_conserves(ulong s, int l)
{
    return ((s >> l) & 1) != ((s >> (l + 1)) & 1);
}

void _ng_local_from_blocks(ng_engine_local_t L, const ng_mat_struct *re,
                           const ng_mat_struct *im, const _ng_hilbert *H, const ng_ring_t R)
{
    for (ulong s = 0; s < (ulong)H->dim; s++) {
        int k = _ng_sector(s);
        slong i = H->pos[s];
        ng_elem_set(ng_vec_entry(L->diag, s, R), ng_mat_entry(re + k, i, i, R), R);
        for (int l = 0; l + 1 < H->N; l++)
            if (hop_conserves(s, l)) {
                slong j = H->pos[s ^ (UWORD(3) << l)], h = _ng_local_hop(L, s, l);
                ng_elem_set(ng_vec_entry(L->hop_re, h, R), ng_mat_entry(re + k, i, j, R), R);
                ng_elem_set(ng_vec_entry(L->hop_im, h, R), ng_mat_entry(im + k, i, j, R), R);
            }
    }
}

/* Re Tr(P ρ) for one Pauli string P with the (x, z) masks, x = 0 or b_l:
 * Σ_s ⟨s⊕x|P|s⟩ ρ(s, s⊕x). */
static void string_expectation(ng_ptr res, ulong x, ulong z, const ng_engine_local_t L,
                               const ng_ring_t R)
{
    int k0 = __builtin_popcountll(x & z) & 3, l = x == 0 ? -1 : __builtin_ctzll(x);
    ng_ptr one = ng_elem_new(R), dummy = ng_elem_new(R), tmp = ng_elem_new(R), zero = ng_elem_new(R);
    ng_elem_one(one, R);
    ng_elem_zero(res, R);
    for (ulong s = 0; s < (UWORD(1) << L->N); s++) {
        int ph = (k0 + 2 * __builtin_popcountll(z & s)) & 3;
        if (l < 0)
            _ng_cplx_addmul_phase(res, dummy, one, ph, ng_vec_srcentry(L->diag, s, R), zero,
                                  tmp, R);
        else if (hop_conserves(s, l))
            _ng_cplx_addmul_phase(res, dummy, one, ph,
                                  ng_vec_srcentry(L->hop_re, _ng_local_hop(L, s, l), R),
                                  ng_vec_srcentry(L->hop_im, _ng_local_hop(L, s, l), R), tmp,
                                  R);
    }
    ng_elem_free(one, R);
    ng_elem_free(dummy, R);
    ng_elem_free(tmp, R);
    ng_elem_free(zero, R);
}

/* letters: one char per site from `first` on ('x','y','z'); sign of the term. */
static void add_string(ng_ptr acc, const char *letters, int first, int sign,
                       const ng_engine_local_t L, const ng_ring_t R)
{
    ulong x = 0, z = 0;
    ng_ptr v = ng_elem_new(R);
    for (int i = 0; letters[i] != '\0'; i++) {
        ulong b = UWORD(1) << (first + i);
        if (letters[i] == 'x' || letters[i] == 'y')
            x |= b;
        if (letters[i] == 'y' || letters[i] == 'z')
            z |= b;
    }
    string_expectation(v, x, z, L, R);
    (sign > 0 ? ng_elem_add : ng_elem_sub)(acc, acc, v, R);
    ng_elem_free(v, R);
}

void _ng_obs_from_local(ng_engine_obs_t O, const ng_engine_local_t L, const _ng_hilbert *H,
                        const ng_ring_t R)
{
    int N = H->N;
    ng_ptr tr = O->trace;
    ng_elem_zero(tr, R);
    for (slong s = 0; s < H->dim; s++)
        ng_elem_add(tr, tr, ng_vec_srcentry(L->diag, s, R), R);
    for (int l = 0; l < N; l++) {
        ng_ptr t = ng_vec_entry(O->t, l, R);
        ng_elem_zero(t, R);
        add_string(t, "z", l, -1, L, R);
    }
    for (int l = 0; l + 1 < N; l++) {
        ng_ptr a = ng_vec_entry(O->rho_a, l, R), b = ng_vec_entry(O->rho_b, l, R);
        ng_elem_zero(a, R);
        ng_elem_zero(b, R);
        add_string(a, "xx", l, 1, L, R); /* Eq. 79 */
        add_string(a, "yy", l, 1, L, R);
        add_string(b, "xy", l, 1, L, R); /* Eq. 80 */
        add_string(b, "yx", l, -1, L, R);
    }
    for (int l = 1; l + 1 < N; l++) {
        ng_ptr za = ng_vec_entry(O->z_a, l - 1, R), az = ng_vec_entry(O->a_z, l - 1, R);
        ng_elem_zero(za, R);
        ng_elem_zero(az, R);
        add_string(za, "zxx", l - 1, 1, L, R); /* Eq. 151 */
        add_string(za, "zyy", l - 1, 1, L, R);
        add_string(az, "xxz", l - 1, 1, L, R); /* Eq. 152 */
        add_string(az, "yyz", l - 1, 1, L, R);
    }
}

static void model_value(ng_ptr y, ng_srcptr x, const ng_model_t M, const ng_ring_t R)
{
    fmpq_t q;
    arb_t a;
    if (R->kind == M->R->kind && (R->kind != NG_BALL || R->prec == M->R->prec)) {
        ng_elem_set(y, x, R);
        return;
    }
    fmpq_init(q);
    arb_init(a);
    if (M->R->kind == NG_QQ && ng_elem_get_fmpq(q, x, M->R)) {
        ng_elem_set_fmpq(y, q, R);
    } else {
        ng_elem_get_arb(a, x, R->prec, M->R);
        ng_elem_set_arb(y, a, R);
    }
    fmpq_clear(q);
    arb_clear(a);
}

int ng_engine_eq150(ng_ptr lhs, ng_ptr rhs, const ng_engine_obs_t O, const ng_model_t M,
                    const ng_ring_t R)
{
    int N = O->N, ok;
    ng_ptr ap = ng_elem_new(R), azz = ng_elem_new(R), alz = ng_elem_new(R),
           arz = ng_elem_new(R), s = ng_elem_new(R), t = ng_elem_new(R);
    ng_elem_sub(lhs, ng_vec_srcentry(O->t, N - 1, R), ng_vec_srcentry(O->t, 0, R), R);
    model_value(ap, ng_vec_srcentry(M->alpha, 3 * NG_X + NG_X, M->R), M, R);
    model_value(t, ng_vec_srcentry(M->alpha, 3 * NG_Y + NG_Y, M->R), M, R);
    ng_elem_add(ap, ap, t, R);
    model_value(azz, ng_vec_srcentry(M->alpha, 3 * NG_Z + NG_Z, M->R), M, R);
    model_value(alz, ng_vec_srcentry(M->x[NG_LEFT], NG_Z, M->R), M, R);
    model_value(t, M->ybar[NG_LEFT], M, R);
    ng_elem_mul(alz, alz, t, R);
    model_value(arz, ng_vec_srcentry(M->x[NG_RIGHT], NG_Z, M->R), M, R);
    model_value(t, M->ybar[NG_RIGHT], M, R);
    ng_elem_mul(arz, arz, t, R);
    ng_elem_zero(s, R);
    for (int l = 0; l + 2 < N; l++) {
        ng_elem_add(s, s, ng_vec_srcentry(O->z_a, l, R), R);
        ng_elem_sub(s, s, ng_vec_srcentry(O->a_z, l, R), R);
    }
    ng_elem_mul(s, s, azz, R);
    ng_elem_mul(t, alz, ng_vec_srcentry(O->rho_a, 0, R), R); /* α_L^z ⟨ρ^A_{1,2}⟩ (Eq. 149) */
    ng_elem_add(s, s, t, R);
    ng_elem_mul(t, arz, ng_vec_srcentry(O->rho_a, N - 2, R), R);
    ng_elem_sub(s, s, t, R);
    ok = ng_elem_div(rhs, s, ap, R);
    if (!ok)
        ng_elem_zero(rhs, R);
    ng_elem_free(ap, R);
    ng_elem_free(azz, R);
    ng_elem_free(alz, R);
    ng_elem_free(arz, R);
    ng_elem_free(s, R);
    ng_elem_free(t, R);
    return ok;
}
