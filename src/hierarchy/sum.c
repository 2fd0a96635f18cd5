/* The telescoped sum of the bond equations (Eqs. 143–149) and its form in
 * expectation values (Eq. 150). */
#include "nessgen/hierarchy.h"

#define SWAP_VALUES(T, a, b) \
    do {                    \
        T tmp_ = (a);       \
        (a) = (b);          \
        (b) = tmp_;         \
    } while (0)

static uint64_t all_bonds(int N)
{
    return (UINT64_C(1) << (N - 1)) - 1;
}

/* Σ_l K_B(l; t) over every bond, with the full L1. */
static ng_status constant_part(ng_ptr K, ng_srcptr t, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    ng_ptr c = ng_vec_init(6, R);
    ng_status st = NG_OK;
    ng_elem_zero(K, R);
    for (int l = 0; l + 1 < L->N && st == NG_OK; l++) {
        st = ng_hier_ple_component(c, l, all_bonds(L->N), 3, t, L);
        ng_elem_add(K, K, ng_vec_entry(c, NG_HIER_RHOB, R), R);
    }
    ng_vec_clear(c, 6, R);
    return st;
}

/* kappa with Σ_l K_B(l; t) = kappa (t_N − t_1): the value at t = e_i is the
 * coefficient of t_i (K is multilinear in t and vanishes at t = 0). */
static ng_status find_kappa(ng_ptr kappa, ng_srcptr t, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    int N = L->N;
    ng_ptr e = ng_vec_init(N, R), K = ng_elem_new(R), k1 = ng_elem_new(R);
    ng_status st = constant_part(K, e, L);
    if (st == NG_OK && ng_elem_is_zero(K, R) != T_TRUE)
        st = ng_error(NG_ECOMPUTE, "Eq. 149: the rho_PLE part does not vanish at t = 0");
    for (int i = 0; i < N && st == NG_OK; i++) {
        ng_elem_one(ng_vec_entry(e, i, R), R);
        st = constant_part(K, e, L);
        ng_elem_zero(ng_vec_entry(e, i, R), R);
        if (st != NG_OK)
            break;
        if (i == 0)
            ng_elem_neg(k1, K, R);
        else if (i == N - 1)
            ng_elem_set(kappa, K, R);
        else if (ng_elem_is_zero(K, R) != T_TRUE)
            st = ng_error(NG_ECOMPUTE, "Eq. 149: t_%d survives the telescoped sum", i + 1);
    }
    if (st == NG_OK && ng_elem_equal(kappa, k1, R) != T_TRUE)
        st = ng_error(NG_ECOMPUTE, "Eq. 149: the rho_PLE part is not a multiple of t_N - t_1");
    if (st == NG_OK && t != NULL) {
        ng_ptr d = ng_elem_new(R);
        st = constant_part(K, t, L);
        ng_elem_sub(d, ng_vec_srcentry(t, N - 1, R), ng_vec_srcentry(t, 0, R), R);
        ng_elem_mul(d, d, kappa, R);
        if (st == NG_OK && ng_elem_equal(d, K, R) != T_TRUE)
            st = ng_error(NG_ECOMPUTE, "Eq. 149: the rho_PLE part is not kappa (t_N - t_1)");
        ng_elem_free(d, R);
    }
    ng_vec_clear(e, N, R);
    ng_elem_free(K, R);
    ng_elem_free(k1, R);
    return st;
}

/* Adds the ρ^B components of bond l's candidates to S (r holds Σ a_e so far). */
static ng_status add_bond(ng_hier_sum_t S, slong *alloc, int l, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    int N = L->N, first = FLINT_MAX(0, l - 1), last = FLINT_MIN(N - 1, l + 2);
    ng_hier_unknowns_t U;
    ng_hier_bond_t E;
    ng_status st;
    ng_hier_unknowns_init(U);
    st = ng_hier_unknowns_window(U, first, last, N, NG_HIER_ABSOLUTE, l, R);
    if (st == NG_OK)
        st = ng_hier_bond_init(E, l, all_bonds(N), 3, U, NULL, L);
    else
        ng_hier_bond_init(E, l, 0, 0, U, NULL, L);
    for (slong i = 0; st == NG_OK && i < E->U->length; i++) {
        ng_srcptr a = ng_vec_srcentry(E->image, 6 * i + NG_HIER_RHOB, R);
        slong k;
        if (ng_elem_is_exact_zero(a, R))
            continue;
        k = ng_hier_unknowns_find(S->U, E->U->ops + i, R);
        if (k < 0) {
            k = S->U->length;
            if (k == *alloc) {
                S->r = ng_vec_grow(S->r, *alloc, 2 * *alloc + 8, R);
                *alloc = 2 * *alloc + 8;
            }
            ng_hier_unknowns_append_from(S->U, E->U, i, R);
        }
        ng_elem_add(ng_vec_entry(S->r, k, R), ng_vec_entry(S->r, k, R), a, R);
    }
    ng_hier_bond_clear(E, R);
    ng_hier_unknowns_clear(U, R);
    return st;
}

ng_status ng_hier_sum_init(ng_hier_sum_t S, ng_srcptr t, const ng_superop_ctx_t L)
{
    const ng_ring_struct *R = L->R;
    slong alloc = 8, n;
    ng_status st = NG_OK;
    ng_ptr im = ng_elem_new(R);
    ng_hier_unknowns_init(S->U);
    S->r = ng_vec_init(alloc, R);
    S->kappa = ng_elem_new(R);
    for (int l = 0; l + 1 < L->N && st == NG_OK; l++)
        st = add_bond(S, &alloc, l, L);
    if (st == NG_OK)
        st = find_kappa(S->kappa, t, L);
    /* keep the unknowns that survive: r_e = −a_e / kappa */
    n = 0;
    for (slong i = 0; i < S->U->length; i++) {
        ng_ptr a = ng_vec_entry(S->r, i, R);
        if (ng_elem_is_zero(a, R) == T_TRUE)
            continue;
        if (n != i) {
            ng_op_swap(S->U->ops + n, S->U->ops + i);
            SWAP_VALUES(char *, S->U->ctext[n], S->U->ctext[i]);
            SWAP_VALUES(char *, S->U->clatex[n], S->U->clatex[i]);
            SWAP_VALUES(char *, S->U->etext[n], S->U->etext[i]);
            SWAP_VALUES(char *, S->U->elatex[n], S->U->elatex[i]);
            SWAP_VALUES(int, S->U->kind[n], S->U->kind[i]);
            SWAP_VALUES(int, S->U->width[n], S->U->width[i]);
            ng_elem_swap(ng_vec_entry(S->r, n, R), a, R);
        }
        n++;
    }
    for (slong i = n; i < S->U->length; i++) {
        ng_op_clear(S->U->ops + i, R);
        flint_free(S->U->ctext[i]);
        flint_free(S->U->clatex[i]);
        flint_free(S->U->etext[i]);
        flint_free(S->U->elatex[i]);
    }
    S->U->length = n;
    {
        ng_ptr r = ng_vec_init(FLINT_MAX(n, 1), R);
        for (slong i = 0; i < n; i++)
            ng_elem_swap(ng_vec_entry(r, i, R), ng_vec_entry(S->r, i, R), R);
        ng_vec_clear(S->r, alloc, R);
        S->r = r;
    }
    S->s = ng_vec_init(FLINT_MAX(n, 1), R);
    S->factor = ng_vec_init(FLINT_MAX(n, 1), R);
    for (slong i = 0; i < n && st == NG_OK; i++) {
        ng_ptr r = ng_vec_entry(S->r, i, R), f = ng_vec_entry(S->factor, i, R);
        /* Tr(e O_e) = 2^{N−|S|} ⟨e, e⟩: e is Hermitian */
        ng_op_hs_product(f, im, S->U->ops + i, S->U->ops + i, R);
        ng_elem_mul_2exp_si(f, f, L->N - S->U->width[i], R);
        if (!ng_elem_div(r, r, S->kappa, R)) {
            st = ng_error(NG_ECOMPUTE, "Eq. 149: alpha_+ = 0 (or undecidable); the sum "
                                       "cannot be solved for t_N - t_1");
            break;
        }
        ng_elem_neg(r, r, R);
        ng_elem_div(ng_vec_entry(S->s, i, R), r, f, R);
    }
    ng_elem_free(im, R);
    return st;
}

void ng_hier_sum_clear(ng_hier_sum_t S, const ng_ring_t R)
{
    slong n = FLINT_MAX(S->U->length, 1);
    ng_vec_clear(S->r, n, R);
    ng_vec_clear(S->s, n, R);
    ng_vec_clear(S->factor, n, R);
    ng_elem_free(S->kappa, R);
    ng_hier_unknowns_clear(S->U, R);
}

void ng_hier_sum_violation_op(ng_op_t D, const ng_hier_sum_t S, int N, const ng_ring_t R)
{
    ng_op_t T;
    ng_ptr c = ng_elem_new(R);
    ng_string z1 = {0, 1}, zN = {0, UINT64_C(1) << (N - 1)};
    ng_op_init(T, N, NG_PAULI, R);
    ng_op_zero(D, R);
    D->nsites = N;
    ng_op_push_si(D, z1, 0, 1, R);
    ng_op_push_si(D, zN, 0, -1, R);
    ng_op_canonicalise(D, R);
    for (slong i = 0; i < S->U->length; i++) {
        /* s_e O_e = s_e 2^{N−|S|} e */
        ng_elem_mul_2exp_si(c, ng_vec_srcentry(S->s, i, R), N - S->U->width[i], R);
        ng_elem_neg(c, c, R);
        ng_op_addmul(D, S->U->ops + i, c, R);
    }
    ng_op_clear(T, R);
    ng_elem_free(c, R);
}

void ng_hier_sum_violation(ng_ptr res, const ng_hier_sum_t S, const ng_op_t rho,
                           const ng_ring_t R)
{
    ng_op_t D, P;
    ng_ptr im = ng_elem_new(R);
    ng_op_init(D, rho->nsites, NG_PAULI, R);
    ng_op_init(P, rho->nsites, NG_PAULI, R);
    ng_hier_sum_violation_op(D, S, rho->nsites, R);
    ng_op_mul(P, D, rho, R);
    ng_op_trace(res, im, P, R);
    ng_op_clear(D, R);
    ng_op_clear(P, R);
    ng_elem_free(im, R);
}
