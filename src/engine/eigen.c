/* The eigen route (engine.h): certified eigenpairs of P0 H1 P0 by sector and
 * the classical rate equation of Eq. 47 on the 2^N eigenstates. */
#include "internal.h"

/* In-sector block of an operator as a complex ball matrix. */
static void sector_block_acb(acb_mat_t A, const _ng_terms *T, int k, const _ng_hilbert *H,
                             slong prec, const ng_ring_t R)
{
    arb_t c;
    acb_t z;
    arb_init(c);
    acb_init(z);
    acb_mat_zero(A);
    for (slong j = 0; j < T->len; j++) {
        if (__builtin_popcountll(T->x[j]) % 2 != 0)
            continue;
        ng_elem_get_arb(c, ng_vec_srcentry(T->c, j, R), prec, R);
        for (slong i = 0; i < H->sec_dim[k]; i++) {
            ulong s = H->states[H->sec_off[k] + i], s2 = s ^ T->x[j];
            if (_ng_sector(s2) != k)
                continue;
            _ng_acb_set_phase(z, c, _ng_term_phase(T, j, s));
            acb_add(acb_mat_entry(A, H->pos[s2], i), acb_mat_entry(A, H->pos[s2], i), z, prec);
        }
    }
    arb_clear(c);
    acb_clear(z);
}

static void normalise_columns(acb_mat_t V, slong prec)
{
    arb_t n, t;
    arb_init(n);
    arb_init(t);
    for (slong j = 0; j < acb_mat_ncols(V); j++) {
        arb_zero(n);
        for (slong i = 0; i < acb_mat_nrows(V); i++) {
            acb_abs(t, acb_mat_entry(V, i, j), prec);
            arb_addmul(n, t, t, prec);
        }
        arb_rsqrt(n, n, prec);
        for (slong i = 0; i < acb_mat_nrows(V); i++)
            acb_mul_arb(acb_mat_entry(V, i, j), acb_mat_entry(V, i, j), n, prec);
    }
    arb_clear(n);
    arb_clear(t);
}

int _ng_engine_eigensystem(acb_ptr *E, acb_mat_struct *V, const _ng_terms *T,
                           const _ng_hilbert *H, slong prec, FILE *progress)
{
    /* T is over a ball ring whose precision the caller matched to prec */
    int ok = 1;
    for (int k = 0; k <= H->N && ok; k++) {
        slong d = H->sec_dim[k];
        acb_mat_t A, Rap;
        acb_ptr Eap = _acb_vec_init(d);
        acb_mat_init(A, d, d);
        acb_mat_init(Rap, d, d);
        sector_block_acb(A, T, k, H, prec, T->R);
        if (d == 1) {
            acb_set(E[k], acb_mat_entry(A, 0, 0));
            acb_one(acb_mat_entry(V + k, 0, 0));
        } else {
            acb_mat_approx_eig_qr(Eap, NULL, Rap, A, NULL, 0, prec);
            ok = acb_mat_eig_simple(E[k], NULL, V + k, A, Eap, Rap, prec);
            if (ok)
                normalise_columns(V + k, prec);
        }
        for (slong i = 0; i < d && ok; i++)
            arb_zero(acb_imagref(E[k] + i)); /* Hermitian block: real spectrum */
        if (progress != NULL)
            fprintf(progress, "  sector %d (dim %ld): eigenpairs %s at %ld bits\n", k,
                    (long)d, ok ? "certified" : "not separated", (long)prec);
        acb_mat_clear(A);
        acb_mat_clear(Rap);
        _acb_vec_clear(Eap, d);
    }
    return ok;
}

void _ng_engine_min_gap(arb_t gap, int *have, acb_srcptr E, slong n, slong prec)
{
    arb_ptr v = _arb_vec_init(n);
    arb_t g;
    arb_init(g);
    for (slong i = 0; i < n; i++)
        arb_set(v + i, acb_realref(E + i));
    /* sort by midpoint (insertion sort: blocks are small compared with the work) */
    for (slong i = 1; i < n; i++)
        for (slong j = i; j > 0 && arf_cmp(arb_midref(v + j - 1), arb_midref(v + j)) > 0; j--)
            arb_swap(v + j - 1, v + j);
    for (slong i = 0; i + 1 < n; i++) {
        arb_sub(g, v + i + 1, v + i, prec);
        arb_abs(g, g);
        if (!*have || arf_cmp(arb_midref(g), arb_midref(gap)) < 0)
            arb_set(gap, g);
        *have = 1;
    }
    arb_clear(g);
    _arb_vec_clear(v, n);
}

/* The block ⟨k'| A |k⟩ of an operator between two sectors (computational basis). */
static void cross_block_acb(acb_mat_t B, const _ng_terms *T, int kr, int kc,
                            const _ng_hilbert *H, slong prec)
{
    arb_t c;
    acb_t z;
    arb_init(c);
    acb_init(z);
    acb_mat_zero(B);
    for (slong j = 0; j < T->len; j++) {
        ng_elem_get_arb(c, ng_vec_srcentry(T->c, j, T->R), prec, T->R);
        for (slong i = 0; i < H->sec_dim[kc]; i++) {
            ulong s = H->states[H->sec_off[kc] + i], s2 = s ^ T->x[j];
            if (_ng_sector(s2) != kr)
                continue;
            _ng_acb_set_phase(z, c, _ng_term_phase(T, j, s));
            acb_add(acb_mat_entry(B, H->pos[s2], i), acb_mat_entry(B, H->pos[s2], i), z, prec);
        }
    }
    arb_clear(c);
    acb_clear(z);
}

/* Y = V_r† B V_c. */
static void to_eigenbasis(acb_mat_t Y, const acb_mat_t B, const acb_mat_t Vr,
                          const acb_mat_t Vc, slong prec)
{
    acb_mat_t BV, Vh;
    acb_mat_init(BV, acb_mat_nrows(B), acb_mat_ncols(Vc));
    acb_mat_init(Vh, acb_mat_ncols(Vr), acb_mat_nrows(Vr));
    acb_mat_mul(BV, B, Vc, prec);
    acb_mat_conjugate_transpose(Vh, Vr);
    acb_mat_mul(Y, Vh, BV, prec);
    acb_mat_clear(BV);
    acb_mat_clear(Vh);
}

/* W_ab += 2 Re(⟨a|S|b⟩ conj⟨a|X|b⟩) for a in sector kr, b in kc, a ≠ b
 * (D_ν of Eq. 7 on |b⟩⟨b|; X is Hermitian). */
static void add_bath_rates(arb_mat_t W, const _ng_terms *S, const _ng_terms *X,
                           const acb_mat_struct *V, int kr, int kc, const _ng_hilbert *H,
                           slong prec)
{
    slong dr = H->sec_dim[kr], dc = H->sec_dim[kc];
    acb_mat_t B, SE, XE;
    acb_t p;
    acb_mat_init(B, dr, dc);
    acb_mat_init(SE, dr, dc);
    acb_mat_init(XE, dr, dc);
    acb_init(p);
    cross_block_acb(B, S, kr, kc, H, prec);
    to_eigenbasis(SE, B, V + kr, V + kc, prec);
    cross_block_acb(B, X, kr, kc, H, prec);
    to_eigenbasis(XE, B, V + kr, V + kc, prec);
    for (slong a = 0; a < dr; a++)
        for (slong b = 0; b < dc; b++) {
            slong ga = H->sec_off[kr] + a, gb = H->sec_off[kc] + b;
            if (ga == gb)
                continue;
            acb_conj(p, acb_mat_entry(XE, a, b));
            acb_mul(p, p, acb_mat_entry(SE, a, b), prec);
            arb_mul_2exp_si(acb_realref(p), acb_realref(p), 1);
            arb_add(arb_mat_entry(W, ga, gb), arb_mat_entry(W, ga, gb), acb_realref(p), prec);
        }
    acb_mat_clear(B);
    acb_mat_clear(SE);
    acb_mat_clear(XE);
    acb_clear(p);
}

/* The matrix of P1 L2 P1 on the eigenprojectors (Eq. 47): W_ab as above,
 * diagonal from trace preservation. */
static void rate_matrix(arb_mat_t W, const ng_superop_ctx_struct *L, const acb_mat_struct *V,
                        const _ng_hilbert *H, slong prec)
{
    arb_mat_zero(W);
    for (int nu = 0; nu < 2; nu++) {
        _ng_terms S, X;
        _ng_terms_init(&S, L->s[nu], L->R);
        _ng_terms_init(&X, L->x[nu], L->R);
        for (int kc = 0; kc <= H->N; kc++)
            for (int kr = FLINT_MAX(kc - 1, 0); kr <= FLINT_MIN(kc + 1, H->N); kr++)
                add_bath_rates(W, &S, &X, V, kr, kc, H, prec);
        _ng_terms_clear(&S, L->R);
        _ng_terms_clear(&X, L->R);
    }
    for (slong b = 0; b < H->dim; b++) {
        arb_ptr wbb = arb_mat_entry(W, b, b);
        arb_zero(wbb);
        for (slong a = 0; a < H->dim; a++)
            if (a != b)
                arb_sub(wbb, wbb, arb_mat_entry(W, a, b), prec);
    }
}

/* p with W p = 0, Σ p = 1: the first equation (redundant, columns of W sum to
 * zero) is replaced by the normalisation. */
static int stationary(arb_ptr p, const arb_mat_t W, slong prec)
{
    slong n = arb_mat_nrows(W);
    arb_mat_t A, b, x;
    int ok;
    arb_mat_init(A, n, n);
    arb_mat_init(b, n, 1);
    arb_mat_init(x, n, 1);
    arb_mat_set(A, W);
    for (slong j = 0; j < n; j++)
        arb_one(arb_mat_entry(A, 0, j));
    arb_one(arb_mat_entry(b, 0, 0));
    ok = arb_mat_solve(x, A, b, prec);
    for (slong i = 0; i < n; i++)
        arb_set(p + i, arb_mat_entry(x, i, 0));
    arb_mat_clear(A);
    arb_mat_clear(b);
    arb_mat_clear(x);
    return ok;
}

/* ρ_k = V_k diag(p_k) V_k†, copied into ring blocks. */
static void state_blocks(ng_engine_rho0_t res, const acb_mat_struct *V, arb_srcptr p,
                         const _ng_hilbert *H, slong prec)
{
    const ng_ring_struct *R = res->R;
    for (int k = 0; k <= H->N; k++) {
        slong d = H->sec_dim[k];
        acb_mat_t VP, Vh, rho;
        acb_mat_init(VP, d, d);
        acb_mat_init(Vh, d, d);
        acb_mat_init(rho, d, d);
        for (slong i = 0; i < d; i++)
            for (slong a = 0; a < d; a++)
                acb_mul_arb(acb_mat_entry(VP, i, a), acb_mat_entry(V + k, i, a),
                            p + H->sec_off[k] + a, prec);
        acb_mat_conjugate_transpose(Vh, V + k);
        acb_mat_mul(rho, VP, Vh, prec);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++) {
                ng_elem_set_arb(ng_mat_entry(res->block_re + k, i, j, R),
                                acb_realref(acb_mat_entry(rho, i, j)), R);
                ng_elem_set_arb(ng_mat_entry(res->block_im + k, i, j, R),
                                acb_imagref(acb_mat_entry(rho, i, j)), R);
            }
        acb_mat_clear(VP);
        acb_mat_clear(Vh);
        acb_mat_clear(rho);
    }
}

ng_status _ng_engine_rho0_eigen(ng_engine_rho0_t res, const ng_model_t M, slong prec,
                                int *retry, const ng_engine_opts *opts)
{
    _ng_hilbert H;
    _ng_terms T;
    ng_superop_ctx_t L;
    ng_op_t H1;
    acb_ptr *E;
    acb_mat_struct *V;
    arb_mat_t W;
    arb_ptr p;
    ng_status st = NG_OK;
    int N = M->N;

    *retry = 0;
    _ng_hilbert_init(&H, N);
    ng_superop_ctx_init(L, M);
    ng_op_init(H1, N, NG_PAULI, M->R);
    ng_model_h1(H1, M);
    _ng_terms_init(&T, H1, M->R);
    E = flint_malloc((N + 1) * sizeof(acb_ptr));
    V = flint_malloc((N + 1) * sizeof(acb_mat_struct));
    for (int k = 0; k <= N; k++) {
        E[k] = _acb_vec_init(H.sec_dim[k]);
        acb_mat_init(V + k, H.sec_dim[k], H.sec_dim[k]);
    }
    arb_mat_init(W, H.dim, H.dim);
    p = _arb_vec_init(H.dim);

    res->route = NG_ENGINE_EIGEN;
    res->prec = prec;
    res->dim_p1 = H.dim;
    if (!_ng_engine_eigensystem(E, V, &T, &H, prec, opts->progress)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the levels of P0 H1 P0 cannot be separated at %ld bits "
                                   "(degenerate, or nearly so)", (long)prec);
        goto cleanup;
    }
    res->have_spacing = 0;
    for (int k = 0; k <= N; k++)
        _ng_engine_min_gap(res->spacing, &res->have_spacing, E[k], H.sec_dim[k], prec);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  rate matrix %ld x %ld\n", (long)H.dim, (long)H.dim);
    rate_matrix(W, L, V, &H, prec);
    if (!stationary(p, W, prec)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the rate equation (Eq. 47) cannot be solved at %ld bits",
                      (long)prec);
        goto cleanup;
    }
    state_blocks(res, V, p, &H, prec);
    _ng_obs_from_blocks(res->obs, res->block_re, res->block_im, &H, res->R);

cleanup:
    for (int k = 0; k <= N; k++) {
        _acb_vec_clear(E[k], H.sec_dim[k]);
        acb_mat_clear(V + k);
    }
    flint_free(E);
    flint_free(V);
    arb_mat_clear(W);
    _arb_vec_clear(p, H.dim);
    _ng_terms_clear(&T, M->R);
    ng_op_clear(H1, M->R);
    ng_superop_ctx_clear(L);
    _ng_hilbert_clear(&H);
    return st;
}
