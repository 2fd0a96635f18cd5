/* The series ρ = Σ λ^m ρ_m (Sect. III B), dense in the 2^N eigenbasis of
 * P0 H1 P0 (block diagonal by sector), for simple and degenerate levels:
 *   Q0 ρ_m = −(Q0L0Q0)^{-1} (L1 ρ_{m−1} + L2 ρ_{m−2})                  (Eq. 52)
 *   Q1 ρ_m = −(Q1L1Q1)^{-1} Q1 (L1 Q0ρ_m + L2 ρ_{m−1})                  (Eq. 55)
 *   P1 ρ_m = (P1L̃2P1)^+ P1 {(L1 K L1 − L2)(Q0 + Q1)ρ_m + L1 K L2 ρ_{m−1}} + cρ0
 *                                                                      (Eq. 62)
 * with K = (Q0L0Q0)^{-1}, L̃2 = L2 − L1 K L1, L_n = 0 for n ≥ 3 and
 * Tr ρ_m = 0 (Eq. 63).  In the eigenbasis Q0 keeps the entries between
 * different sectors (L0 multiplies them by −2ih(k_b − k_a)), P0 the rest.
 *
 * Derivation, valid for degenerate levels.  Order λ^m of
 * (L0 + λL1 + λ²L2)ρ = 0 is L0ρ_m + L1ρ_{m−1} + L2ρ_{m−2} = 0.
 *  (a) Its Q0 part is Eq. 52 (L0 commutes with Q0, P0 L0 = 0).
 *  (b) Its P0 part at order m + 1 is P0L1ρ_m + P0L2ρ_{m−1} = 0.  On Ker L0,
 *      P0L1P0 = −i[P0H1P0, ·] multiplies entry (a, b) by −i(e_a − e_b):
 *      its kernel Im P1 (Eq. 33) is the entries within one cluster of equal
 *      levels (populations and the cluster coherences, the commutant of
 *      P0H1P0), Q1 = P0 − P1 the in-sector entries between different
 *      clusters, where it is invertible.  The Q1 part is Eq. 55.
 *  (c) P0L1P0 is skew-Hermitian for the Hilbert–Schmidt product, so
 *      P1 L1 P0 = 0 (its kernel is orthogonal to its image) and the P1 part
 *      of (b) is P1L1Q0ρ_m + P1L2ρ_{m−1} = 0.  Inserting (a) for Q0ρ_m and
 *      shifting m − 1 → m: P1 L̃2 ρ_m = P1 L1 K L2 ρ_{m−1}; splitting ρ_m =
 *      P1ρ_m + (Q0 + Q1)ρ_m gives Eq. 62.
 *  (d) On Im P1 ⊂ Ker L0, P0 L1 K L1 P0 = −i[H_2, ·] (h2.c), so
 *      P1 L̃2 P1 = P1 [L2 + i[H_2, ·]] P1 — the operator whose kernel is ρ0
 *      (cluster.c).  For simple levels the commutator term vanishes (a 1 × 1
 *      block commutes with everything: Eq. 44) and P1 L̃2 P1 is the rate
 *      matrix W of Eq. 47.
 *  (e) Tr L2 x = 0 and Tr [H_2, x] = 0, so the image of P1L̃2P1 is in the
 *      traceless part of Im P1; its kernel is span{ρ0} when ρ0 is unique,
 *      so the image is all of it, the right side (traceless: Tr L1 y =
 *      Tr L2 y = 0) is in it, and one solution plus cρ0 is fixed by
 *      Tr ρ_m = Tr P1ρ_m = 0 (Q0, Q1 entries are off-diagonal).  Bordered:
 *      the equation of one population is the sum of minus the others (a
 *      traceless image), so it is traded for the trace; the bordered matrix
 *      is invertible exactly when ρ0 is unique.
 * Simple levels: P1 holds the diagonal and the bordered W is solved per
 * order.  Degenerate levels (decided exactly from a rational H1, clusters
 * certified as in cluster.c): P1 holds the pairs (a, b) of one cluster, in
 * which (D_ν of Eq. 7, O_{ab} = ⟨E_a|O|E_b⟩, summed over ν)
 *   (P1L̃2P1 x)_{ij} = Σ_{(a,b)} x_{ab} [S_{ia}X_{bj} + X_{ia}S†_{bj}
 *                      + δ_{bj}(−(XS)_{ia} + i(H_2)_{ia})
 *                      + δ_{ia}(−(S†X)_{bj} − i(H_2)_{bj})],
 * inverted once (certified) for all orders.  Everything is covariant under
 * a change of orthonormal basis inside a cluster, so the ball columns of V
 * (which contain an orthonormal basis) give balls that contain the truth.
 *
 * The symmetry λ → −λ (parity.c): when U = Π_{l odd} σ^z_l maps L1 to −L1
 * and leaves L0, L2 alone (θ = π/2), Uρ_mU† = (−1)^m ρ_m, so the odd-order
 * t_l corrections vanish — with degenerate levels too: (−1)^m Uρ_mU† solve
 * the recursion above for −L1, which has one solution once ρ0 is unique. */
#include <math.h>
#include <string.h>

#include "internal.h"

typedef struct {
    const _ng_hilbert *H;
    slong n, prec;
    int *sector;        /* sector of each eigen index */
    slong *cl;          /* cluster of each eigen index (its own index if simple) */
    int degenerate;     /* some cluster has more than one level */
    slong npair;        /* dim Im P1: the pairs (pa[p], pb[p]) within one cluster */
    slong *pa, *pb;
    acb_mat_t Ginv;     /* degenerate: inverse of the bordered P1 L̃2 P1 on the pairs */
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

/* (Q1L1Q1)^{-1} Q1: in-sector entries of different clusters divided by
 * −i(e_a − e_b). */
static void q1_inverse(acb_mat_t Y, const acb_mat_t X, const series_ctx *C)
{
    arb_t f;
    arb_init(f);
    for (slong a = 0; a < C->n; a++)
        for (slong b = 0; b < C->n; b++) {
            acb_ptr y = acb_mat_entry(Y, a, b);
            if (C->cl[a] == C->cl[b] || C->sector[a] != C->sector[b]) {
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

/* The pairs of Im P1, cluster by cluster, (0, 0) first (sector 0 is the
 * single all-up state: a population, whose equation is traded for the trace). */
static void cluster_pairs(series_ctx *C)
{
    slong p = 0, size = 0;
    for (slong a = 0; a < C->n; a++)
        for (slong b = 0; b < C->n; b++)
            size += C->cl[a] == C->cl[b];
    C->pa = flint_malloc(size * sizeof(slong));
    C->pb = flint_malloc(size * sizeof(slong));
    for (slong a = 0; a < C->n; a++)
        for (slong b = 0; b < C->n; b++)
            if (C->cl[a] == C->cl[b]) {
                C->pa[p] = a;
                C->pb[p++] = b;
            }
    C->npair = p;
}

/* Ginv = inverse of the bordered P1 [L2 + i[H_2, ·]] P1 in pair coordinates
 * (derivation (d), (e) above; h2m = H_2 in the eigenbasis); 0 if it cannot
 * be certified invertible. */
static int p1_operator_inverse(series_ctx *C, const acb_mat_t h2m)
{
    slong n = C->n, np = C->npair, prec = C->prec;
    acb_mat_t xs, sdx, F, Fp, G;
    acb_t t, u;
    int ok;
    acb_mat_init(xs, n, n);
    acb_mat_init(sdx, n, n);
    acb_mat_init(F, n, n);
    acb_mat_init(Fp, n, n);
    acb_mat_init(G, np, np);
    acb_init(t);
    acb_init(u);
    for (int nu = 0; nu < 2; nu++) {
        acb_mat_mul(F, C->x[nu], C->s[nu], prec);
        acb_mat_add(xs, xs, F, prec);
        acb_mat_mul(F, C->sd[nu], C->x[nu], prec);
        acb_mat_add(sdx, sdx, F, prec);
    }
    /* F = −XS + iH_2 (acts from the left), Fp = −S†X − iH_2 (from the right) */
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < n; j++) {
            acb_mul_onei(t, acb_mat_entry(h2m, i, j));
            acb_sub(acb_mat_entry(F, i, j), t, acb_mat_entry(xs, i, j), prec);
            acb_add(acb_mat_entry(Fp, i, j), t, acb_mat_entry(sdx, i, j), prec);
            acb_neg(acb_mat_entry(Fp, i, j), acb_mat_entry(Fp, i, j));
        }
    for (slong p = 1; p < np; p++) {
        slong i = C->pa[p], j = C->pb[p];
        for (slong q = 0; q < np; q++) {
            slong a = C->pa[q], b = C->pb[q];
            acb_ptr g = acb_mat_entry(G, p, q);
            for (int nu = 0; nu < 2; nu++) {
                acb_mul(t, acb_mat_entry(C->s[nu], i, a), acb_mat_entry(C->x[nu], b, j), prec);
                acb_mul(u, acb_mat_entry(C->x[nu], i, a), acb_mat_entry(C->sd[nu], b, j), prec);
                acb_add(g, g, t, prec);
                acb_add(g, g, u, prec);
            }
            if (b == j)
                acb_add(g, g, acb_mat_entry(F, i, a), prec);
            if (a == i)
                acb_add(g, g, acb_mat_entry(Fp, b, j), prec);
        }
    }
    for (slong q = 0; q < np; q++) /* row 0: Tr x */
        if (C->pa[q] == C->pb[q])
            acb_one(acb_mat_entry(G, 0, q));
    acb_mat_clear(C->Ginv);
    acb_mat_init(C->Ginv, np, np);
    ok = acb_mat_inv(C->Ginv, G, prec);
    acb_mat_clear(xs);
    acb_mat_clear(sdx);
    acb_mat_clear(F);
    acb_mat_clear(Fp);
    acb_mat_clear(G);
    acb_clear(t);
    acb_clear(u);
    return ok;
}

/* P1ρ_m (into the cluster entries of rm) from the right side A of Eq. 62
 * (its P1 part; row 0 traded for Tr P1ρ_m = total). */
static void solve_clusters(acb_mat_t rm, const acb_mat_t A, const arb_t total,
                           const series_ctx *C)
{
    acb_mat_t b, y;
    acb_mat_init(b, C->npair, 1);
    acb_mat_init(y, C->npair, 1);
    acb_set_arb(acb_mat_entry(b, 0, 0), total);
    for (slong p = 1; p < C->npair; p++)
        acb_set(acb_mat_entry(b, p, 0), acb_mat_entry(A, C->pa[p], C->pb[p]));
    acb_mat_mul(y, C->Ginv, b, C->prec);
    for (slong p = 0; p < C->npair; p++)
        acb_set(acb_mat_entry(rm, C->pa[p], C->pb[p]), acb_mat_entry(y, p, 0));
    acb_mat_clear(b);
    acb_mat_clear(y);
}

/* P1ρ (into rm) from P1 L̃2 P1 ρ = P1 A and Tr P1ρ = total: the bordered
 * rate equation for simple levels (r, x: scratch of length n), the cluster
 * equations otherwise.  0 if the rate equation cannot be solved. */
static int solve_p1(acb_mat_t rm, const acb_mat_t A, const arb_t total, arb_ptr r, arb_ptr x,
                    const series_ctx *C)
{
    if (C->degenerate) {
        solve_clusters(rm, A, total, C);
        return 1;
    }
    for (slong a = 0; a < C->n; a++)
        arb_set(r + a, acb_realref(acb_mat_entry(A, a, a)));
    if (!solve_populations(x, r, total, C))
        return 0;
    for (slong a = 0; a < C->n; a++)
        acb_set_arb(acb_mat_entry(rm, a, a), x + a);
    return 1;
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
/* Certified eigenpairs (simple levels, g = NULL) or cluster bases (g: the
 * exact number of distinct levels per sector) into E, V and the cluster of
 * each eigen index into C->cl; the smallest gap between distinct levels
 * into S->spacing.  0 if they cannot be certified at prec. */
static int eigenbasis(series_ctx *C, arb_ptr *E, arb_mat_struct *V, ng_engine_series_t S,
                      const _ng_terms *T, const slong *g, const ng_engine_opts *opts)
{
    const _ng_hilbert *H = C->H;
    _ng_sector_clusters *cs;
    int ok, have_spacing = 0;
    slong next = 0;
    if (g == NULL) {
        for (slong a = 0; a < C->n; a++)
            C->cl[a] = a;
        ok = _ng_engine_eigensystem(E, V, T, H, C->prec, opts->progress);
        for (int k = 0; k <= H->N && ok; k++)
            _ng_engine_min_gap(S->spacing, &have_spacing, E[k], H->sec_dim[k], C->prec);
        return ok;
    }
    cs = flint_calloc(H->N + 1, sizeof(_ng_sector_clusters));
    ok = _ng_engine_cluster_eigensystem(E, V, cs, T, H, g, C->prec, opts->progress);
    for (int k = 0; k <= H->N && ok; k++) {
        arb_ptr lv = _arb_vec_init(cs[k].n);
        for (slong c = 0; c < cs[k].n; c++) {
            arb_set(lv + c, E[k] + cs[k].start[c]);
            for (slong a = cs[k].start[c]; a < cs[k].start[c + 1]; a++)
                C->cl[H->sec_off[k] + a] = next;
            next++;
        }
        _ng_engine_min_gap(S->spacing, &have_spacing, lv, cs[k].n, C->prec);
        _arb_vec_clear(lv, cs[k].n);
    }
    for (int k = 0; k <= H->N; k++)
        flint_free(cs[k].start);
    flint_free(cs);
    return ok;
}

/* The fraction of a series run done after the eigenbasis and operators
 * (rho0 = 0, m = −1), after ρ0 (m = 0) and after order m, for progress.
 * Weights from CPU times at N = 7, order 3 (9.3 s): eigenbasis and
 * operators 0.07, ρ0 0.03, order 1 0.5 (no L2 of ρ_{m−2}), each further
 * order 1, the observables of all terms 0.15 (in units of an order ≥ 2). */
static double series_done(int rho0, int m, int order)
{
    double w = 0.07 + 0.03 * rho0, all = 0.25 + (order >= 1 ? 0.5 + (order - 1) : 0.0);
    if (m >= 1)
        w += 0.5 + (m - 1);
    return w / all;
}

/* Within order m: `part` of its work done (measured at N = 7: Eq. 52 about
 * a fifth, Eq. 55 a quarter, Eq. 62 with its solve the rest). */
static void series_step(const ng_engine_opts *opts, int m, int order, double part,
                        const char *stage)
{
    double a = series_done(1, m - 1, order), b = series_done(1, m, order);
    _ng_engine_progress(opts, a + part * (b - a), stage);
}

static ng_status series_run(ng_engine_series_t S, ng_model_t M, int order, slong prec,
                            const slong *g, int *retry, const ng_engine_opts *opts)
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
    C.cl = flint_malloc(C.n * sizeof(slong));
    C.degenerate = g != NULL;
    C.pa = C.pb = NULL;
    if (!eigenbasis(&C, E, V, S, &T, g, opts)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, g == NULL ? "the levels of P0 H1 P0 cannot be separated "
                                               "at %ld bits, and whether they are exactly "
                                               "degenerate cannot be decided: degenerate "
                                               "levels are handled when P0 H1 P0 is a real "
                                               "multiple of a rational matrix (alpha_xx + "
                                               "alpha_yy, alpha_xy - alpha_yx, alpha_zz and "
                                               "the z edge fields Ybar x^z in rational "
                                               "ratios)"
                                             : "the clusters of equal levels of P0 H1 P0 "
                                               "cannot be certified at %ld bits",
                      (long)prec);
        goto free_eig;
    }
    C.sector = flint_malloc(C.n * sizeof(int));
    C.e = _arb_vec_init(C.n);
    arb_init(C.h);
    ng_elem_get_arb(C.h, M->h, prec, M->R);
    acb_mat_init(C.U, C.n, C.n);
    for (int k = 0; k <= N; k++) {
        for (slong a = 0; a < H.sec_dim[k]; a++) {
            slong ga = H.sec_off[k] + a;
            C.sector[ga] = k;
            arb_set(C.e + ga, E[k] + a);
            for (slong i = 0; i < H.sec_dim[k]; i++)
                acb_set_arb(acb_mat_entry(C.U, H.states[H.sec_off[k] + i], ga),
                            arb_mat_entry(V + k, i, a));
        }
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
    cluster_pairs(&C);
    S->dim_p1 = C.npair;
    acb_mat_init(C.Ginv, 0, 0);
    if (st == NG_OK && C.degenerate) {
        ng_op_t H2;
        acb_mat_t h2m;
        ng_op_init(H2, N, NG_PAULI, M->R);
        acb_mat_init(h2m, C.n, C.n);
        st = ng_engine_h2(H2, M);
        if (st == NG_OK)
            op_in_eigenbasis(h2m, H2, M->R, &C);
        if (st == NG_OK && !p1_operator_inverse(&C, h2m)) {
            *retry = 1;
            st = ng_error(NG_ECOMPUTE, "P1 [L2 + i[H_2, .]] P1 (bordered) cannot be certified "
                                       "invertible at %ld bits (rho0 not unique, or more "
                                       "precision needed)", (long)prec);
        }
        ng_op_clear(H2, M->R);
        acb_mat_clear(h2m);
    }

    rho = flint_malloc((order + 1) * sizeof(acb_mat_struct));
    for (int m = 0; m <= order; m++)
        acb_mat_init(rho + m, C.n, C.n);
    acb_mat_init(A, C.n, C.n);
    acb_mat_init(B, C.n, C.n);
    acb_mat_init(Q, C.n, C.n);
    r = _arb_vec_init(C.n);
    x = _arb_vec_init(C.n);
    arb_init(total);

    _ng_engine_progress(opts, series_done(0, -1, order), "eigenbasis and operators");
    /* ρ0 = Σ p_a |E_a⟩⟨E_a| (Eq. 47), or ⊕_c ρ_c (degenerate) */
    arb_one(total);
    acb_mat_zero(A);
    if (st == NG_OK && !solve_p1(rho, A, total, r, x, &C)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the rate equation cannot be solved at %ld bits",
                      (long)prec);
    }
    _ng_engine_progress(opts, series_done(1, 0, order), "rho_0");
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
        series_step(opts, m, order, 0.2, "Q0 rho_m (Eq. 52)");
        /* Eq. 55 */
        flow(A, C.h1, Q, prec);
        l2(B, rho + m - 1, &C);
        acb_mat_add(A, A, B, prec);
        q1_inverse(rm, A, &C);
        acb_mat_neg(rm, rm);
        acb_mat_add(rm, rm, Q, prec);            /* rm = (Q0 + Q1) ρ_m */
        series_step(opts, m, order, 0.45, "Q1 rho_m (Eq. 55)");
        /* Eq. 62: r = diag[L1 K L1 σ − L2 σ + L1 K L2 ρ_{m−1}] */
        flow(A, C.h1, rm, prec);
        l2(B, rho + m - 1, &C);
        acb_mat_add(A, A, B, prec);
        k_inverse(Q, A, &C);
        flow(A, C.h1, Q, prec);
        l2(B, rm, &C);
        acb_mat_sub(A, A, B, prec);
        /* P1 L̃2 P1 ρ_m = P1 A with Tr P1ρ_m = 0 (Eq. 62; Q0, Q1 parts are traceless) */
        if (st == NG_OK && !solve_p1(rm, A, total, r, x, &C)) {
            *retry = 1;
            st = ng_error(NG_ECOMPUTE, "order %d of the series cannot be solved at %ld bits", m,
                          (long)prec);
        }
        if (opts->progress != NULL)
            fprintf(opts->progress, "series: order %d done\n", m);
        _ng_engine_progress(opts, series_done(1, m, order), "series order done");
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
        _ng_engine_progress(opts, 1.0, "observables of the terms");
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
    acb_mat_clear(C.Ginv);
    flint_free(C.pa);
    flint_free(C.pb);
    acb_mat_clear(C.U);
    arb_clear(C.h);
    _arb_vec_clear(C.e, C.n);
    flint_free(C.sector);
free_eig:
    flint_free(C.cl);
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

/* Degenerate levels decided exactly from a rational H1, or from the
 * rational shape of P0 H1 P0 when H1 is a ball model whose
 * magnetisation-conserving part is a real multiple of a rational matrix
 * (structure.c; balls alone would only fail to separate equal levels, at
 * ever higher precision): 1, 0 (simple), or −1 (neither, or blocks too
 * large).  If 1, g (N + 1 entries) receives the exact number of distinct
 * levels of each sector (the cluster bases, certified on the ball H1). */
static int series_degeneracy(slong *g, const ng_model_t M)
{
    ng_ring_t Rq;
    ng_op_t H1q;
    int degenerate = -1;
    ng_ring_init_qq(Rq);
    ng_op_init(H1q, M->N, NG_PAULI, Rq);
    if (_ng_engine_h1_rational(H1q, M, Rq) || _ng_engine_h1_p0_shape(H1q, M, Rq))
        degenerate = _ng_engine_decide_degeneracy(H1q, Rq, M->N);
    if (degenerate == 1)
        _ng_engine_level_counts(g, H1q, Rq, M->N);
    ng_op_clear(H1q, Rq);
    ng_ring_clear(Rq);
    return degenerate;
}

ng_status ng_engine_series(ng_engine_series_t S, ng_model_t M, int order,
                           const ng_engine_opts *opts)
{
    slong prec, g[11]; /* distinct levels per sector, N <= 10 (checked below) */
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
    S->degenerate = series_degeneracy(g, M) == 1;
    prec = FLINT_MAX(M->R->prec, (slong)(opts->digits * 3.33) + 64 + 16 * order);
    for (;;) {
        int retry = 0;
        if (M->R->kind == NG_BALL && ng_model_set_prec(M, prec) != NG_OK)
            return NG_ECOMPUTE;
        ng_ring_clear(S->R);
        ng_ring_init_ball(S->R, prec);
        S->prec = prec;
        st = series_run(S, M, order, prec, S->degenerate ? g : NULL, &retry, opts);
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

double ng_engine_series_bytes(int N, int order, const ng_engine_opts *opts)
{
    /* dense 2^N × 2^N complex balls: the terms, their kept copies, the
     * operators in the eigenbasis and the work matrices — measured (maximum
     * resident size less the process's 20 MB) 27 MB at N = 7, order 0;
     * 44 MB at N = 7, order 3; 145 MB at N = 8, order 1: about 18 + 4 order
     * matrices */
    slong limbs = (4 * opts->digits + 64 + FLINT_BITS - 1) / FLINT_BITS;
    double ball = sizeof(acb_struct) + (limbs > 2 ? 2.0 * (16.0 + 8.0 * limbs) : 0.0);
    return (18.0 + 4.0 * order) * ldexp(1.0, 2 * N) * ball;
}

void ng_engine_series_clear(ng_engine_series_t S)
{
    series_free_obs(S);
    ng_ring_clear(S->R);
    arb_clear(S->max_trace);
    arb_clear(S->max_antiherm);
    arb_clear(S->spacing);
}
