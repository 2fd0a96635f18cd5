/* The series ρ = Σ λ^m ρ_m (Sect. III B) in the nondegenerate case, dense in
 * the 2^N eigenbasis of P0 H1 P0 (block diagonal by sector):
 *   Q0 ρ_m = −(Q0L0Q0)^{-1} (L1 ρ_{m−1} + L2 ρ_{m−2})                  (Eq. 52)
 *   Q1 ρ_m = −(Q1L1Q1)^{-1} Q1 (L1 Q0ρ_m + L2 ρ_{m−1})                  (Eq. 55)
 *   P1 ρ_m = (P1L2P1)^+ P1 {(L1 K L1 − L2)(Q0 + Q1)ρ_m + L1 K L2 ρ_{m−1}} + cρ0
 *                                                                      (Eq. 62)
 * with K = (Q0L0Q0)^{-1}, L_n = 0 for n ≥ 3 and Tr ρ_m = 0 (Eq. 63).  In the
 * eigenbasis P1 keeps the diagonal, Q1 the in-sector off-diagonal entries
 * (where Q1 L1 Q1 is multiplication by −i(e_a − e_b)), Q0 the rest (where L0
 * is multiplication by −2ih(k_b − k_a)).  The pseudoinverse plus cρ0 is the
 * solution of W x = r with Σ x = 0, W the rate matrix of Eq. 47. */
#include <math.h>
#include <string.h>

#include "internal.h"

typedef struct {
    const _ng_hilbert *H;
    slong n, prec;
    int *sector;        /* sector of each eigen index */
    arb_ptr e;          /* first-order levels */
    arb_t h;
    acb_mat_t U;        /* computational ← eigen */
    acb_mat_t h1, x[2], s[2], sd[2];
    arb_mat_t W;        /* rate matrix, row 0 replaced by ones (bordered) */
} series_ctx;

static void to_eigen(acb_mat_t Y, const acb_mat_t A, const acb_mat_t U, slong prec)
{
    acb_mat_t T, Uh;
    acb_mat_init(T, acb_mat_nrows(A), acb_mat_ncols(A));
    acb_mat_init(Uh, acb_mat_ncols(U), acb_mat_nrows(U));
    acb_mat_mul(T, A, U, prec);
    acb_mat_conjugate_transpose(Uh, U);
    acb_mat_mul(Y, Uh, T, prec);
    acb_mat_clear(T);
    acb_mat_clear(Uh);
}

static void op_in_eigenbasis(acb_mat_t Y, const ng_op_t A, const ng_ring_t R,
                             const series_ctx *C)
{
    _ng_terms T;
    acb_mat_t D;
    acb_mat_init(D, C->n, C->n);
    _ng_terms_init(&T, A, R);
    _ng_engine_op_to_acb(D, &T, C->n, C->prec, R);
    to_eigen(Y, D, C->U, C->prec);
    _ng_terms_clear(&T, R);
    acb_mat_clear(D);
}

/* Y = −i[H, X] (Eq. 18). */
static void flow(acb_mat_t Y, const acb_mat_t Hm, const acb_mat_t X, slong prec)
{
    acb_mat_t A, B;
    acb_mat_init(A, acb_mat_nrows(X), acb_mat_ncols(X));
    acb_mat_init(B, acb_mat_nrows(X), acb_mat_ncols(X));
    acb_mat_mul(A, Hm, X, prec);
    acb_mat_mul(B, X, Hm, prec);
    acb_mat_sub(A, A, B, prec);
    for (slong i = 0; i < acb_mat_nrows(A); i++)
        for (slong j = 0; j < acb_mat_ncols(A); j++) {
            acb_mul_onei(acb_mat_entry(Y, i, j), acb_mat_entry(A, i, j));
            acb_neg(acb_mat_entry(Y, i, j), acb_mat_entry(Y, i, j));
        }
    acb_mat_clear(A);
    acb_mat_clear(B);
}

/* Y = L2 X = Σ_ν −X_ν S_ν X + S_ν X X_ν − X S_ν† X_ν + X_ν X S_ν† (Eq. 7). */
static void l2(acb_mat_t Y, const acb_mat_t X, const series_ctx *C)
{
    slong n = C->n, prec = C->prec;
    acb_mat_t A, B;
    acb_mat_init(A, n, n);
    acb_mat_init(B, n, n);
    acb_mat_zero(Y);
    for (int nu = 0; nu < 2; nu++) {
        acb_mat_mul(A, C->s[nu], X, prec);   /* S X */
        acb_mat_mul(B, C->x[nu], A, prec);
        acb_mat_sub(Y, Y, B, prec);
        acb_mat_mul(B, A, C->x[nu], prec);
        acb_mat_add(Y, Y, B, prec);
        acb_mat_mul(A, X, C->sd[nu], prec);  /* X S† */
        acb_mat_mul(B, A, C->x[nu], prec);
        acb_mat_sub(Y, Y, B, prec);
        acb_mat_mul(B, C->x[nu], A, prec);
        acb_mat_add(Y, Y, B, prec);
    }
    acb_mat_clear(A);
    acb_mat_clear(B);
}

/* K = (Q0L0Q0)^{-1} Q0 (Eq. 40): entry (a, b) in different sectors divided by
 * −2ih(k_b − k_a), i.e. multiplied by i/(2h(k_b − k_a)). */
static void k_inverse(acb_mat_t Y, const acb_mat_t X, const series_ctx *C)
{
    arb_t f;
    arb_init(f);
    for (slong a = 0; a < C->n; a++)
        for (slong b = 0; b < C->n; b++) {
            int dk = C->sector[b] - C->sector[a];
            acb_ptr y = acb_mat_entry(Y, a, b);
            if (dk == 0) {
                acb_zero(y);
                continue;
            }
            arb_mul_si(f, C->h, 2 * dk, C->prec);
            acb_div_arb(y, acb_mat_entry(X, a, b), f, C->prec);
            acb_mul_onei(y, y);
        }
    arb_clear(f);
}

/* (Q1L1Q1)^{-1} Q1: in-sector entries a ≠ b divided by −i(e_a − e_b). */
static void q1_inverse(acb_mat_t Y, const acb_mat_t X, const series_ctx *C)
{
    arb_t f;
    arb_init(f);
    for (slong a = 0; a < C->n; a++)
        for (slong b = 0; b < C->n; b++) {
            acb_ptr y = acb_mat_entry(Y, a, b);
            if (a == b || C->sector[a] != C->sector[b]) {
                acb_zero(y);
                continue;
            }
            arb_sub(f, C->e + a, C->e + b, C->prec);
            acb_div_arb(y, acb_mat_entry(X, a, b), f, C->prec);
            acb_mul_onei(y, y); /* 1/(−i f) = i/f */
        }
    arb_clear(f);
}

/* x with W x = r, Σ x = total (bordered: the redundant first equation of W
 * traded for the trace). */
static int solve_populations(arb_ptr x, arb_srcptr r, const arb_t total, const series_ctx *C)
{
    arb_mat_t b, y;
    int ok;
    arb_mat_init(b, C->n, 1);
    arb_mat_init(y, C->n, 1);
    for (slong i = 1; i < C->n; i++)
        arb_set(arb_mat_entry(b, i, 0), r + i);
    arb_set(arb_mat_entry(b, 0, 0), total);
    ok = arb_mat_solve(y, C->W, b, C->prec);
    for (slong i = 0; i < C->n; i++)
        arb_set(x + i, arb_mat_entry(y, i, 0));
    arb_mat_clear(b);
    arb_mat_clear(y);
    return ok;
}

static void rates(series_ctx *C)
{
    acb_t p;
    acb_init(p);
    arb_mat_zero(C->W);
    for (slong a = 0; a < C->n; a++)
        for (slong b = 0; b < C->n; b++) {
            if (a == b)
                continue;
            for (int nu = 0; nu < 2; nu++) { /* W_ab = Σ_ν 2 Re(S_ab conj X_ab) */
                acb_conj(p, acb_mat_entry(C->x[nu], a, b));
                acb_mul(p, p, acb_mat_entry(C->s[nu], a, b), C->prec);
                arb_mul_2exp_si(acb_realref(p), acb_realref(p), 1);
                arb_add(arb_mat_entry(C->W, a, b), arb_mat_entry(C->W, a, b), acb_realref(p),
                        C->prec);
            }
        }
    for (slong b = 0; b < C->n; b++) {
        arb_ptr wbb = arb_mat_entry(C->W, b, b);
        for (slong a = 0; a < C->n; a++)
            if (a != b)
                arb_sub(wbb, wbb, arb_mat_entry(C->W, a, b), C->prec);
    }
    for (slong b = 0; b < C->n; b++)
        arb_one(arb_mat_entry(C->W, 0, b));
    acb_clear(p);
}

/* Whether a rate between two sectors is not exactly 0 (row 0 is the
 * bordering row): the zero pattern of the bath data, see eigen.c. */
static int rates_couple_sectors(const series_ctx *C)
{
    for (slong a = 1; a < C->n; a++)
        for (slong b = 0; b < C->n; b++)
            if (C->sector[a] != C->sector[b] && !arb_is_zero(arb_mat_entry(C->W, a, b)))
                return 1;
    return 0;
}

/* Observables of ρ (eigenbasis): in-sector blocks V_k ρ_kk V_kᵀ into R. */
static void observables(ng_engine_obs_t O, const acb_mat_t rho, const arb_mat_struct *V,
                        const series_ctx *C, const ng_ring_t R)
{
    const _ng_hilbert *H = C->H;
    ng_mat_struct *re, *im;
    ng_engine_local_t L;
    _ng_blocks_init(&re, &im, H, R);
    _ng_local_init(L, H->N, R);
    for (int k = 0; k <= H->N; k++) {
        slong d = H->sec_dim[k], off = H->sec_off[k];
        acb_mat_t B, T, Vh;
        acb_mat_init(B, d, d);
        acb_mat_init(T, d, d);
        acb_mat_init(Vh, d, d);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++)
                acb_set(acb_mat_entry(B, i, j), acb_mat_entry(rho, off + i, off + j));
        acb_mat_set_arb_mat(Vh, V + k);
        acb_mat_mul(T, Vh, B, C->prec);
        acb_mat_transpose(Vh, Vh);
        acb_mat_mul(B, T, Vh, C->prec);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++) {
                ng_elem_set_arb(ng_mat_entry(re + k, i, j, R), acb_realref(acb_mat_entry(B, i, j)), R);
                ng_elem_set_arb(ng_mat_entry(im + k, i, j, R), acb_imagref(acb_mat_entry(B, i, j)), R);
            }
        acb_mat_clear(B);
        acb_mat_clear(T);
        acb_mat_clear(Vh);
    }
    _ng_local_from_blocks(L, re, im, H, R);
    _ng_obs_from_local(O, L, H, R);
    _ng_local_clear(L, R);
    _ng_blocks_clear(re, im, H->N, R);
}

/* S->rho[m] = U ρ_m U† (computational basis), for ng_engine_series_expect:
 * transformed in place and handed over (rho is freed by the caller right
 * after), so keeping the terms costs one temporary beyond the run's peak. */
static void keep_terms(ng_engine_series_t S, acb_mat_struct *rho, const series_ctx *C)
{
    acb_mat_t T, Uh;
    acb_mat_init(T, C->n, C->n);
    acb_mat_init(Uh, C->n, C->n);
    acb_mat_conjugate_transpose(Uh, C->U);
    S->rho = flint_malloc((S->order + 1) * sizeof(acb_mat_struct));
    for (int m = 0; m <= S->order; m++) {
        acb_mat_mul(T, C->U, rho + m, C->prec);
        acb_mat_mul(rho + m, T, Uh, C->prec);
        acb_mat_init(S->rho + m, 0, 0);
        acb_mat_swap(S->rho + m, rho + m); /* rho + m is left 0 × 0 */
    }
    acb_mat_clear(T);
    acb_mat_clear(Uh);
}

void ng_engine_series_expect(ng_ptr val, ng_string P, const void *term)
{
    const ng_engine_series_term *tm = term;
    const acb_mat_struct *rho;
    slong n, prec = tm->S->prec;
    int k0 = __builtin_popcountll(P.x & P.z) & 3;
    acb_t acc, z;
    if (tm->S->rho == NULL)
        flint_abort(); /* a caller's bug: opts.keep_state was not set */
    rho = tm->S->rho + tm->m;
    n = acb_mat_nrows(rho);
    acb_init(acc);
    acb_init(z);
    /* Tr(P ρ) = Σ_s i^{ph(s)} ⟨s|ρ|s ⊕ x⟩ (internal.h) */
    for (slong s = 0; s < n; s++) {
        int ph = (k0 + 2 * __builtin_popcountll(P.z & (ulong)s)) & 3;
        acb_srcptr r = acb_mat_entry(rho, s, (slong)((ulong)s ^ P.x));
        if (ph == 0)
            acb_set(z, r);
        else if (ph == 1)
            acb_mul_onei(z, r);
        else if (ph == 2)
            acb_neg(z, r);
        else
            acb_div_onei(z, r);
        acb_add(acc, acc, z, prec);
    }
    ng_elem_set_arb(val, acb_realref(acc), tm->S->R);
    acb_clear(acc);
    acb_clear(z);
}

static void bound_max(arb_t acc, const acb_t z, slong prec)
{
    arb_t a;
    arb_init(a);
    acb_abs(a, z, prec);
    arb_max(acc, acc, a, prec);
    arb_clear(a);
}

/* One run at precision prec; 0 with *retry if balls did not suffice. */
static ng_status series_run(ng_engine_series_t S, ng_model_t M, int order, slong prec,
                            int *retry, const ng_engine_opts *opts)
{
    int N = M->N;
    _ng_hilbert H;
    _ng_terms T;
    ng_superop_ctx_t L;
    ng_op_t H1;
    series_ctx C;
    arb_ptr *E;
    arb_mat_struct *V;
    acb_mat_struct *rho;
    acb_mat_t A, B, Q;
    arb_ptr r, x;
    arb_t total;
    ng_status st = NG_OK;
    int have_spacing;

    *retry = 0;
    _ng_hilbert_init(&H, N);
    C.H = &H;
    C.n = H.dim;
    C.prec = prec;
    ng_superop_ctx_init(L, M);
    ng_op_init(H1, N, NG_PAULI, M->R);
    ng_model_h1(H1, M);
    _ng_terms_init(&T, H1, M->R);
    _ng_eigensystem_init(&E, &V, &H);
    if (!_ng_engine_eigensystem(E, V, &T, &H, prec, opts->progress)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the levels of P0 H1 P0 cannot be separated at %ld "
                                   "bits; the series is implemented for simple levels only",
                      (long)prec);
        goto free_eig;
    }
    C.sector = flint_malloc(C.n * sizeof(int));
    C.e = _arb_vec_init(C.n);
    arb_init(C.h);
    ng_elem_get_arb(C.h, M->h, prec, M->R);
    acb_mat_init(C.U, C.n, C.n);
    have_spacing = 0;
    for (int k = 0; k <= N; k++) {
        arb_t g;
        arb_init(g);
        for (slong a = 0; a < H.sec_dim[k]; a++) {
            slong ga = H.sec_off[k] + a;
            C.sector[ga] = k;
            arb_set(C.e + ga, E[k] + a);
            for (slong i = 0; i < H.sec_dim[k]; i++)
                acb_set_arb(acb_mat_entry(C.U, H.states[H.sec_off[k] + i], ga),
                            arb_mat_entry(V + k, i, a));
        }
        arb_clear(g);
        _ng_engine_min_gap(S->spacing, &have_spacing, E[k], H.sec_dim[k], prec);
    }
    acb_mat_init(C.h1, C.n, C.n);
    op_in_eigenbasis(C.h1, H1, M->R, &C);
    for (int nu = 0; nu < 2; nu++) {
        acb_mat_init(C.x[nu], C.n, C.n);
        acb_mat_init(C.s[nu], C.n, C.n);
        acb_mat_init(C.sd[nu], C.n, C.n);
        op_in_eigenbasis(C.x[nu], L->x[nu], M->R, &C);
        op_in_eigenbasis(C.s[nu], L->s[nu], M->R, &C);
        acb_mat_conjugate_transpose(C.sd[nu], C.s[nu]);
    }
    arb_mat_init(C.W, C.n, C.n);
    rates(&C);
    if (!rates_couple_sectors(&C))
        st = ng_error(NG_ENOTUNIQUE,
                      "rho0 is not unique: neither bath can flip a spin (every rate between "
                      "magnetisation sectors of Eq. 47 is exactly 0), so the population of "
                      "every sector is conserved at zeroth order");

    rho = flint_malloc((order + 1) * sizeof(acb_mat_struct));
    for (int m = 0; m <= order; m++)
        acb_mat_init(rho + m, C.n, C.n);
    acb_mat_init(A, C.n, C.n);
    acb_mat_init(B, C.n, C.n);
    acb_mat_init(Q, C.n, C.n);
    r = _arb_vec_init(C.n);
    x = _arb_vec_init(C.n);
    arb_init(total);

    /* ρ0 = Σ p_a |E_a⟩⟨E_a| (Eq. 47) */
    arb_one(total);
    if (st == NG_OK && !solve_populations(x, r, total, &C)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the rate equation cannot be solved at %ld bits",
                      (long)prec);
    }
    for (slong a = 0; a < C.n && st == NG_OK; a++)
        acb_set_arb(acb_mat_entry(rho, a, a), x + a);
    arb_zero(total);
    for (int m = 1; m <= order && st == NG_OK; m++) {
        acb_mat_struct *rm = rho + m;
        /* Eq. 52 */
        flow(A, C.h1, rho + m - 1, prec);
        if (m >= 2) {
            l2(B, rho + m - 2, &C);
            acb_mat_add(A, A, B, prec);
        }
        k_inverse(Q, A, &C);
        acb_mat_neg(Q, Q);                       /* Q = Q0 ρ_m */
        /* Eq. 55 */
        flow(A, C.h1, Q, prec);
        l2(B, rho + m - 1, &C);
        acb_mat_add(A, A, B, prec);
        q1_inverse(rm, A, &C);
        acb_mat_neg(rm, rm);
        acb_mat_add(rm, rm, Q, prec);            /* rm = (Q0 + Q1) ρ_m */
        /* Eq. 62: r = diag[L1 K L1 σ − L2 σ + L1 K L2 ρ_{m−1}] */
        flow(A, C.h1, rm, prec);
        l2(B, rho + m - 1, &C);
        acb_mat_add(A, A, B, prec);
        k_inverse(Q, A, &C);
        flow(A, C.h1, Q, prec);
        l2(B, rm, &C);
        acb_mat_sub(A, A, B, prec);
        for (slong a = 0; a < C.n; a++)
            arb_set(r + a, acb_realref(acb_mat_entry(A, a, a)));
        /* P1 L2 P1 ρ_m = r with Tr P1ρ_m = 0 (Eq. 62; Q0, Q1 parts are traceless) */
        if (st == NG_OK && !solve_populations(x, r, total, &C)) {
            *retry = 1;
            st = ng_error(NG_ECOMPUTE, "order %d of the series cannot be solved at %ld bits", m,
                          (long)prec);
        }
        for (slong a = 0; a < C.n; a++)
            acb_set_arb(acb_mat_entry(rm, a, a), x + a);
        if (opts->progress != NULL)
            fprintf(opts->progress, "series: order %d done\n", m);
    }
    if (st == NG_OK) {
        S->obs = flint_malloc((order + 1) * sizeof(ng_engine_obs_struct));
        arb_zero(S->max_trace);
        arb_zero(S->max_antiherm);
        for (int m = 0; m <= order; m++) {
            acb_t tr, d;
            acb_init(tr);
            acb_init(d);
            ng_engine_obs_init(S->obs + m, N, S->R);
            observables(S->obs + m, rho + m, V, &C, S->R);
            acb_mat_trace(tr, rho + m, prec);
            if (m >= 1)
                bound_max(S->max_trace, tr, prec);
            for (slong a = 0; a < C.n; a++)
                for (slong b = 0; b < C.n; b++) {
                    acb_conj(d, acb_mat_entry(rho + m, b, a));
                    acb_sub(d, acb_mat_entry(rho + m, a, b), d, prec);
                    bound_max(S->max_antiherm, d, prec);
                }
            acb_clear(tr);
            acb_clear(d);
        }
        if (opts->keep_state)
            keep_terms(S, rho, &C);
    }
    for (int m = 0; m <= order; m++)
        acb_mat_clear(rho + m);
    flint_free(rho);
    acb_mat_clear(A);
    acb_mat_clear(B);
    acb_mat_clear(Q);
    _arb_vec_clear(r, C.n);
    _arb_vec_clear(x, C.n);
    arb_clear(total);
    acb_mat_clear(C.h1);
    for (int nu = 0; nu < 2; nu++) {
        acb_mat_clear(C.x[nu]);
        acb_mat_clear(C.s[nu]);
        acb_mat_clear(C.sd[nu]);
    }
    arb_mat_clear(C.W);
    acb_mat_clear(C.U);
    arb_clear(C.h);
    _arb_vec_clear(C.e, C.n);
    flint_free(C.sector);
free_eig:
    _ng_eigensystem_clear(E, V, &H);
    _ng_terms_clear(&T, M->R);
    ng_op_clear(H1, M->R);
    ng_superop_ctx_clear(L);
    _ng_hilbert_clear(&H);
    return st;
}

static int series_certified(const ng_engine_series_t S, slong digits)
{
    slong bits = (slong)ceil(digits * 3.3219280948873623) + 1;
    const ng_ring_struct *R = S->R;
    for (int m = 0; m <= S->order; m++)
        for (int l = 0; l < S->obs[m].N; l++) {
            arb_srcptr t = ng_vec_srcentry(S->obs[m].t, l, R);
            if (!arb_is_exact(t) && arb_rel_accuracy_bits(t) < bits &&
                mag_cmp_2exp_si(arb_radref(t), -bits) > 0)
                return 0;
        }
    return 1;
}

static void series_free_obs(ng_engine_series_t S)
{
    if (S->rho != NULL) {
        for (int m = 0; m <= S->order; m++)
            acb_mat_clear(S->rho + m);
        flint_free(S->rho);
        S->rho = NULL;
    }
    if (S->obs == NULL)
        return;
    for (int m = 0; m <= S->order; m++)
        ng_engine_obs_clear(S->obs + m, S->R);
    flint_free(S->obs);
    S->obs = NULL;
}

/* Degenerate levels decided exactly from a rational H1 (balls would only
 * fail to separate them, at ever higher precision): 1, 0 (simple), or −1
 * (H1 not rational, or blocks too large). */
static int series_degeneracy(const ng_model_t M)
{
    ng_ring_t Rq;
    ng_op_t H1q;
    int degenerate = -1;
    ng_ring_init_qq(Rq);
    ng_op_init(H1q, M->N, NG_PAULI, Rq);
    if (_ng_engine_h1_rational(H1q, M, Rq))
        degenerate = _ng_engine_decide_degeneracy(H1q, Rq, M->N);
    ng_op_clear(H1q, Rq);
    ng_ring_clear(Rq);
    return degenerate;
}

ng_status ng_engine_series(ng_engine_series_t S, ng_model_t M, int order,
                           const ng_engine_opts *opts)
{
    slong prec;
    ng_status st;
    memset(S, 0, sizeof(ng_engine_series_struct));
    arb_init(S->max_trace);
    arb_init(S->max_antiherm);
    arb_init(S->spacing);
    S->order = order;
    ng_ring_init_ball(S->R, 64);
    if (M->R->kind == NG_QQ_PARAMS)
        return ng_error(NG_EINPUT, "the model has free parameters; give values");
    if (order < 0 || order > 20)
        return ng_error(NG_EINPUT, "--order: expected 0 to 20, got %d", order);
    if (M->N > 10)
        return ng_error(NG_EINPUT, "the series is dense in 2^N dimensions, N <= 10 (got %d)", M->N);
    st = _ng_engine_check_unique(M);
    if (st != NG_OK)
        return st;
    if (series_degeneracy(M) == 1)
        return ng_error(NG_ECOMPUTE, "P0 H1 P0 has degenerate levels (decided exactly); the "
                                     "series (Eqs. 52, 55, 62) is implemented for simple "
                                     "levels only (nessgen rho0 handles rho0 in this case)");
    prec = FLINT_MAX(M->R->prec, (slong)(opts->digits * 3.33) + 64 + 16 * order);
    for (;;) {
        int retry = 0;
        if (M->R->kind == NG_BALL && ng_model_set_prec(M, prec) != NG_OK)
            return NG_ECOMPUTE;
        ng_ring_clear(S->R);
        ng_ring_init_ball(S->R, prec);
        S->prec = prec;
        st = series_run(S, M, order, prec, &retry, opts);
        if (st == NG_OK && series_certified(S, opts->digits))
            return NG_OK;
        if (st == NG_OK)
            retry = 1;
        series_free_obs(S);
        if (!retry || 2 * prec > opts->max_prec)
            return st != NG_OK ? st
                               : ng_error(NG_ECOMPUTE, "%ld digits cannot be certified "
                                                       "below %ld bits",
                                          (long)opts->digits, (long)opts->max_prec);
        prec *= 2;
    }
}

void ng_engine_series_clear(ng_engine_series_t S)
{
    series_free_obs(S);
    ng_ring_clear(S->R);
    arb_clear(S->max_trace);
    arb_clear(S->max_antiherm);
    arb_clear(S->spacing);
}
