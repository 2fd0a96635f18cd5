/* The sector basis of the secular preconditioner (precond.c) for large N.
 *
 * The exact eigenbasis of H_S = H0 + λH1 costs four dense products of size
 * n = 2^N per preconditioner application (8n³ flops).  H0 = h Σσ^z is
 * diagonal and constant on each magnetisation sector |s| = k, so split
 * H1 = V_d + V_od into its sector-diagonal part and the part that changes |s|.
 * The Schrieffer–Wolff generator S with [H0, S] = V_od,
 *     S_ts = V_ts / (E0_t − E0_s)   (|t| ≠ |s|; anti-Hermitian),
 * removes V_od to first order:
 *     e^{λS} H_S e^{−λS} = H0 + λV_d + λ²(½[S, V_od] + [S, V_d]) + O(λ³),
 * and its sector-diagonal part
 *     H_eff = H0 + λV_d + ½λ² P0[S, V_od]P0
 * is block-diagonal: its eigenvectors W = ⊕_k U_k cost Σ_k C(N,k)³ flops
 * (33× fewer than n³ at N = 12), and a basis change U_kᵀ C_kl U_l per sector
 * pair 2nΣ_k C(N,k)² (6× fewer).  The second-order term is kept because the
 * slow block measures frequencies in units of λ² (precond.c).
 *
 * What is left out — [S, V_d] across sectors at λ², the rotation of the
 * dissipator at λ, terms of order λ³, and e^{±λS} beyond first order — is
 * O(λ‖V_od‖/2|h|) relative to the blocks of the scaled system G (residual.c:
 * P0 rows weighted λ^{-2}, Q0 rows λ^{-1}, Q0 columns O(λ)), so the
 * preconditioner stays as good as the exact-eigenbasis one while that ratio
 * is small (_ng_sectors_applicable), and GMRES, which applies the exact G,
 * absorbs the rest: the answer does not depend on the basis. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sector.h"

/* From N = 11 on: at N = 10 both bases cost about the same (7.98 against
 * 8.15 s CPU at λ = 0.01; bench/RESULTS.md, issue 13 speed, second pass),
 * and N ≤ 10 keep the exact eigenbasis and their numbers. */
#define NG_SECTOR_MIN_N 11

/* λ‖V_od‖₁ / 2|h| at most this: the first-order Schrieffer–Wolff
 * transformation leaves couplings of this relative size to GMRES. */
#define NG_SECTOR_MAX_RATIO 0.125

static int pop(slong s)
{
    return __builtin_popcountll((unsigned long long)s);
}


/* H0 diagonal and exactly constant on each sector (model.c makes it so) */
static int h0_by_sector(const ng_dop_t H0)
{
    double first[65];
    int seen[65] = {0};
    if (H0->nmasks != 1 || H0->xmask[0] != 0)
        return 0;
    for (slong s = 0; s < H0->n; s++) {
        int k = pop(s);
        if (!seen[k]) {
            seen[k] = 1;
            first[k] = creal(H0->f[s]);
        }
        if (creal(H0->f[s]) != first[k])
            return 0;
    }
    return 1;
}

/* ‖V_od‖₁ ≤ Σ_masks max |f| over the entries that change the sector */
static double vod_norm1_bound(const ng_dop_t H1)
{
    double sum = 0.0;
    for (slong k = 0; k < H1->nmasks; k++) {
        double m = 0.0;
        for (slong s = 0; s < H1->n; s++)
            if (pop(s) != pop(s ^ (slong)H1->xmask[k]))
                m = fmax(m, cabs(H1->f[k * H1->n + s]));
        sum += m;
    }
    return sum;
}

int _ng_sectors_applicable(const ng_ness_model_t D, double lambda, int basis)
{
    if (!_ng_dop_is_real(D->h0) || !_ng_dop_is_real(D->h1) || !h0_by_sector(D->h0))
        return 0;
    if (basis == NG_NESS_BASIS_SECTOR)
        return 1;
    return D->N >= NG_SECTOR_MIN_N && lambda * vod_norm1_bound(D->h1) <= NG_SECTOR_MAX_RATIO * 2.0 * fabs(D->h);
}

static void order_by_sector(_ng_sectors_t Q, int N)
{
    slong n = Q->n, next[65] = {0};
    Q->nsec = N + 1;
    memset(Q->off, 0, sizeof Q->off);
    for (slong s = 0; s < n; s++)
        Q->off[pop(s) + 1]++;
    for (int k = 0; k < Q->nsec; k++)
        Q->off[k + 1] += Q->off[k];
    for (int k = 0; k < Q->nsec; k++)
        next[k] = Q->off[k];
    for (slong s = 0; s < n; s++) {
        Q->pos[s] = next[pop(s)]++;
        Q->perm[Q->pos[s]] = s;
    }
    Q->uoff[0] = 0;
    for (int k = 0; k < Q->nsec; k++) {
        slong d = Q->off[k + 1] - Q->off[k];
        Q->uoff[k + 1] = Q->uoff[k] + d * d;
    }
}

/* S = Σ_masks X^x diag(f_S), f_S(s) = V_{s⊕x, s} / (E0(s⊕x) − E0(s)) where
 * the flip changes the sector, else 0 (the generator above). */
static void sw_generator(ng_dop_t S, const ng_ness_model_t D)
{
    slong n = D->n;
    const double complex *e0 = D->h0->f;
    _ng_dop_init_zero(S, D->N);
    S->xmask = malloc((size_t)D->h1->nmasks * sizeof(uint64_t));
    S->f = calloc((size_t)(D->h1->nmasks * n), sizeof(double complex));
    for (slong k = 0; k < D->h1->nmasks; k++) {
        slong x = (slong)D->h1->xmask[k];
        double complex *f = S->f + S->nmasks * n;
        int any = 0;
        for (slong s = 0; s < n; s++)
            if (pop(s) != pop(s ^ x) && D->h1->f[k * n + s] != 0.0) {
                f[s] = D->h1->f[k * n + s] / (e0[s ^ x] - e0[s]);
                any = 1;
            }
        if (any)
            S->xmask[S->nmasks++] = (uint64_t)x;
    }
}

/* H_eff = H0 + λV_d + ½λ²P0[S, V_od]P0 on the sector of position range
 * [o, o + d), dense d × d in h (column-major). */
static void heff_block(double *h, slong o, slong d, const _ng_sectors_t Q,
                       const ng_ness_model_t D, double lambda)
{
    const ng_dop_struct *V = D->h1, *S = Q->sw;
    slong n = Q->n;
    double c2 = 0.5 * lambda * lambda;
    memset(h, 0, (size_t)(d * d) * sizeof(double));
    for (slong i = 0; i < d; i++) {
        slong s = Q->perm[o + i];
        int k = pop(s);
        h[i + d * i] += creal(D->h0->f[s]);
        for (slong m1 = 0; m1 < V->nmasks; m1++) {
            slong u = s ^ (slong)V->xmask[m1];
            double a = creal(V->f[m1 * n + s]);
            if (a == 0.0)
                continue;
            if (pop(u) == k) { /* λ V_d */
                h[(Q->pos[u] - o) + d * i] += lambda * a;
                continue;
            }
            for (slong m2 = 0; m2 < S->nmasks; m2++) { /* + ½λ² S V_od */
                slong t = u ^ (slong)S->xmask[m2];
                if (pop(t) == k)
                    h[(Q->pos[t] - o) + d * i] += c2 * creal(S->f[m2 * n + u]) * a;
            }
        }
        for (slong m1 = 0; m1 < S->nmasks; m1++) { /* − ½λ² V_od S */
            slong u = s ^ (slong)S->xmask[m1];
            double a = creal(S->f[m1 * n + s]);
            if (a == 0.0)
                continue;
            for (slong m2 = 0; m2 < V->nmasks; m2++) {
                slong t = u ^ (slong)V->xmask[m2];
                if (pop(t) == k && pop(u) != k)
                    h[(Q->pos[t] - o) + d * i] -= c2 * creal(V->f[m2 * n + u]) * a;
            }
        }
    }
}


ng_status _ng_sectors_init(_ng_sectors_t Q, const ng_ness_model_t D, double lambda, double *E)
{
    memset(Q, 0, sizeof *Q);
    Q->n = D->n;
    Q->lambda = lambda;
    _ng_dop_init_zero(Q->sw, D->N);
    Q->perm = malloc((size_t)Q->n * sizeof(slong));
    Q->pos = malloc((size_t)Q->n * sizeof(slong));
    if (Q->perm == NULL || Q->pos == NULL)
        return ng_error(NG_ECOMPUTE, "ness: out of memory");
    order_by_sector(Q, D->N);
    Q->U = malloc((size_t)Q->uoff[Q->nsec] * sizeof(double));
    if (Q->U == NULL)
        return ng_error(NG_ECOMPUTE, "ness: out of memory");
    sw_generator(Q->sw, D);
    for (int k = 0; k < Q->nsec; k++) {
        slong o = Q->off[k], d = Q->off[k + 1] - o;
        double *u = Q->U + Q->uoff[k];
        heff_block(u, o, d, Q, D, lambda);
        int info = _ng_dsyevd(u, E + o, d);
        if (info != 0)
            return ng_error(NG_ECOMPUTE, "ness: LAPACK dsyevd failed (info = %d)", info);
    }
    return NG_OK;
}

void _ng_sectors_clear(_ng_sectors_t Q)
{
    free(Q->perm);
    free(Q->pos);
    free(Q->U);
    _ng_dop_clear(Q->sw);
}

static int block_is_zero(const double *c, slong n, slong ok, slong dk, slong ol, slong dl)
{
    for (slong j = 0; j < dl; j++)
        for (slong i = 0; i < dk; i++)
            if (c[ok + i + n * (ol + j)] != 0.0)
                return 0;
    return 1;
}

/* c ← W_bdᵀ c W_bd (back = 0) or W_bd c W_bdᵀ (back = 1) for the
 * block-diagonal W_bd = ⊕_k U_k, c real n × n in sector order, block by
 * block: T_kl = c_kl op(U_l), then c_kl = op(U_k) T_kl (zero blocks skipped,
 * e.g. for the bath operators, which change the sector by at most one).
 * Scratch t: n² doubles. */
static void block_congruence(double *c, const _ng_sectors_t Q, int back, double *t)
{
    slong n = Q->n;
    int nb = (int)n;
    for (int l = 0; l < Q->nsec; l++) {
        slong ol = Q->off[l], dl = Q->off[l + 1] - ol;
        const double *ul = Q->U + Q->uoff[l];
        for (int k = 0; k < Q->nsec; k++) {
            slong ok = Q->off[k], dk = Q->off[k + 1] - ok;
            const double *uk = Q->U + Q->uoff[k];
            double *ckl = c + ok + n * ol, *tkl = t + ok + n * ol;
            if (block_is_zero(c, n, ok, dk, ol, dl))
                continue;
            _ng_dgemm('N', back ? 'T' : 'N', (int)dk, (int)dl, (int)dl, ckl, nb, ul, (int)dl,
                      tkl, nb);
            _ng_dgemm(back ? 'N' : 'T', 'N', (int)dk, (int)dl, (int)dk, uk, (int)dk, tkl, nb,
                      ckl, nb);
        }
    }
}

void _ng_sectors_transform(double complex *out, const ng_dop_t A, const _ng_sectors_t Q,
                           double *a, double *b)
{
    slong n = Q->n, n2 = n * n;
    double *re = a, *im = a + n2;
    memset(a, 0, (size_t)(2 * n2) * sizeof(double));
    for (slong k = 0; k < A->nmasks; k++)
        for (slong s = 0; s < n; s++) {
            slong i = Q->pos[s ^ (slong)A->xmask[k]], j = Q->pos[s];
            re[i + n * j] += creal(A->f[k * n + s]);
            im[i + n * j] += cimag(A->f[k * n + s]);
        }
    block_congruence(re, Q, 0, b);
    block_congruence(im, Q, 0, b);
    for (slong k = 0; k < n2; k++)
        out[k] = re[k] + I * im[k];
}

/* out = v + c [S, v] */
static void sw_rotate(double complex *out, const double complex *v, const _ng_sectors_t Q,
                      double c)
{
    memcpy(out, v, (size_t)(Q->n * Q->n) * sizeof(double complex));
    _ng_dop_mul_left(out, Q->sw, v, c);
    _ng_dop_mul_right(out, v, Q->sw, -c);
}

void _ng_sectors_to_eigen(double complex *out, const double complex *v, const _ng_sectors_t Q,
                          double *a)
{
    sw_rotate(out, v, Q, Q->lambda); /* e^{λS} v e^{−λS} to first order */
    _ng_herm_pack(a, out, Q->perm, Q->n);
    block_congruence(a, Q, 0, a + Q->n * Q->n);
    _ng_herm_unpack(out, a, NULL, Q->n);
}

void _ng_sectors_from_eigen(double complex *z, double complex *v, const _ng_sectors_t Q,
                            double *a)
{
    _ng_herm_pack(a, v, NULL, Q->n);
    block_congruence(a, Q, 1, a + Q->n * Q->n);
    _ng_herm_unpack(v, a, Q->perm, Q->n);
    sw_rotate(z, v, Q, -Q->lambda); /* e^{−λS} v e^{λS} to first order */
}
