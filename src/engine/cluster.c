/* The cluster route (engine.h): ρ0 when P0 H1 P0 has exactly degenerate
 * levels, in the 2^N-dimensional Hilbert space, cluster by cluster.
 *
 * Im P1 = Ker(P0 L1 P0) ∩ Ker L0 is the commutant of each sector block of
 * P0 H1 P0 (Eq. 33 in general): the operators that are block diagonal in its
 * eigenspaces (clusters c of multiplicity m_c), ρ0 = ⊕_c ρ_c with a full
 * Hermitian m_c × m_c block ρ_c in a certified orthonormal basis V_c of each
 * cluster (sym_eig.c).  With P0 L1 (Q0L0Q0)^{-1} L1 P0 = −i[H_2, ·] (h2.c)
 * the zeroth-order condition P1 [L2 + i[H_2, ·]] P1 ρ0 = 0 (Eqs. 24, 41–43)
 * is, for every cluster c, the m_c × m_c equation (D_ν of Eq. 7,
 * D ρ = −XSρ + SρX − ρS†X + XρS†, with ρ0 P_c = P_c ρ_c):
 *
 *   0 = F_c ρ_c + (F_c ρ_c)† + Σ_ν Σ_{c'} (S_{cc'} ρ_{c'} X_{c'c} + h.c.),
 *   F_c = −Σ_ν (X_ν S_ν)_{cc} + i (H_2)_{cc},
 *
 * O_{cc'} = V_cᵀ O V_{c'}: a Lindblad-like equation on the cluster blocks —
 * rates and coherences between clusters from L2, the coherent splitting
 * P_c H_2 P_c inside each cluster.  For m_c = 1 it is the rate equation of
 * Eq. 47 (eigen.c).  X_ν and S_ν act on one edge spin, so sector k couples
 * to k ± 1 only: the system is block tridiagonal over the sectors.
 *
 * The equations are real: each ρ_c has m_c² real parameters (the diagonal,
 * and real and imaginary parts above it), each equation block the same
 * components.  Sector 0 (the all-up state, one level) has its population
 * fixed to 1 and its equation dropped (the diagonal equations add up to
 * zero: L2 preserves the trace); the rest is solved with a double-precision
 * block elimination over the sectors as preconditioner, refined at full
 * precision and certified by a contraction bound computed in doubles with
 * a priori rounding bounds (solve_system below; the bound proves ρ0
 * unique), then Tr ρ0 = 1.
 * Everything is invariant under the choice of basis in each cluster, so
 * the ball columns of V (which contain an orthonormal basis) give balls
 * that contain the true ρ0. */
#include <math.h>
#include <string.h>
#include <time.h>

#include <flint/fmpz_mat.h>

#include "internal.h"

/* Rounding constants of the double-precision bounds (see solve_system). */
#define ROUND_UNIT 0x1p-53
#define INFLATE (1.0 + 0x1p-30)
#define UNDERFLOW 0x1p-1000

static double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* A single-site operator on the edge spin: c0 + cz σ^z + cp σ^+ + cm σ^-. */
typedef struct {
    acb_t c0, cz, cp, cm;
} onesite;

static void onesite_init(onesite *o)
{
    acb_init(o->c0);
    acb_init(o->cz);
    acb_init(o->cp);
    acb_init(o->cm);
}

static void onesite_clear(onesite *o)
{
    acb_clear(o->c0);
    acb_clear(o->cz);
    acb_clear(o->cp);
    acb_clear(o->cm);
}

/* The coefficients of a Pauli-basis operator A supported on the edge spin e. */
static void onesite_set(onesite *o, const ng_op_t A, int e, const ng_ring_t R, slong prec)
{
    ng_op_t L;
    arb_t c;
    acb_t z;
    ng_op_init(L, A->nsites, NG_LADDER, R);
    arb_init(c);
    acb_init(z);
    ng_op_to_ladder(L, A, R);
    acb_zero(o->c0);
    acb_zero(o->cz);
    acb_zero(o->cp);
    acb_zero(o->cm);
    for (slong j = 0; j < L->length; j++) {
        int letter = ng_string_get_letter(L->keys[j].s, e);
        acb_ptr dst = letter == NG_L0 ? o->c0 : letter == NG_LZ ? o->cz
                      : letter == NG_LPLUS ? o->cp : o->cm;
        ng_elem_get_arb(c, ng_vec_srcentry(L->coeffs, j, R), prec, R);
        _ng_acb_set_phase(z, c, (int)L->keys[j].im);
        acb_add(dst, dst, z, prec);
    }
    ng_op_clear(L, R);
    arb_clear(c);
    acb_clear(z);
}

/* Per bath: the edge, X_ν, S_ν and the in-sector part of X_ν S_ν. */
typedef struct {
    ulong edge;
    onesite x, s, xs;
} bath;

static void bath_init(bath *B, const ng_model_t M, int nu, slong prec)
{
    const ng_ring_struct *R = M->R;
    int e = nu == NG_LEFT ? 0 : M->N - 1;
    ng_op_t X, S, XS;
    ng_op_init(X, M->N, NG_PAULI, R);
    ng_op_init(S, M->N, NG_PAULI, R);
    ng_op_init(XS, M->N, NG_PAULI, R);
    ng_model_x(X, M, nu);
    ng_model_s(S, M, nu);
    ng_op_mul(XS, X, S, R);
    B->edge = UWORD(1) << e;
    onesite_init(&B->x);
    onesite_init(&B->s);
    onesite_init(&B->xs);
    onesite_set(&B->x, X, e, R, prec);
    onesite_set(&B->s, S, e, R, prec);
    onesite_set(&B->xs, XS, e, R, prec);
    ng_op_clear(X, R);
    ng_op_clear(S, R);
    ng_op_clear(XS, R);
}

static void bath_clear(bath *B)
{
    onesite_clear(&B->x);
    onesite_clear(&B->s);
    onesite_clear(&B->xs);
}

static void fixed_point_mul(arb_mat_t C, const arb_mat_t A, const arb_mat_t B, slong prec);

/* Z = V_kᵀ σ^z_e V_k = 2 V_upᵀ V_up − 1 (or 1 − 2 V_downᵀ V_down, whichever
 * has fewer rows), using VᵀV = 1 for the orthonormal basis inside V. */
static void sigma_z_block(arb_mat_t Z, const arb_mat_t V, ulong edge, int k, const _ng_hilbert *H,
                          slong prec)
{
    slong d = H->sec_dim[k], nup = 0, len = 0;
    slong *rows = flint_malloc(FLINT_MAX(d, 1) * sizeof(slong));
    int down;
    arb_mat_t Y, Yt;
    for (slong i = 0; i < d; i++)
        nup += !(H->states[H->sec_off[k] + i] & edge);
    down = d - nup < nup;
    for (slong i = 0; i < d; i++)
        if (!(H->states[H->sec_off[k] + i] & edge) == !down)
            rows[len++] = i;
    arb_mat_init(Y, len, d);
    arb_mat_init(Yt, d, len);
    for (slong r = 0; r < len; r++)
        for (slong a = 0; a < d; a++) {
            arb_set(arb_mat_entry(Y, r, a), arb_mat_entry(V, rows[r], a));
            arb_set(arb_mat_entry(Yt, a, r), arb_mat_entry(V, rows[r], a));
        }
    fixed_point_mul(Z, Yt, Y, prec);
    arb_mat_scalar_mul_2exp_si(Z, Z, 1);
    if (down)
        arb_mat_neg(Z, Z);
    for (slong a = 0; a < d; a++)
        (down ? arb_add_ui : arb_sub_ui)(arb_mat_entry(Z, a, a), arb_mat_entry(Z, a, a), 1, prec);
    arb_mat_clear(Y);
    arb_mat_clear(Yt);
    flint_free(rows);
}

/* P = V_{k−1}ᵀ σ^+_e V_k (d_{k−1} × d_k): σ^+ lifts the down spin e. */
static void sigma_plus_block(arb_mat_t P, const arb_mat_struct *V, ulong edge, int k,
                             const _ng_hilbert *H, slong prec)
{
    slong d = H->sec_dim[k], dp = H->sec_dim[k - 1], len = 0;
    slong *rows = flint_malloc(FLINT_MAX(d, 1) * sizeof(slong));
    slong *rows2 = flint_malloc(FLINT_MAX(d, 1) * sizeof(slong));
    arb_mat_t Y, Yt;
    for (slong i = 0; i < d; i++) {
        ulong s = H->states[H->sec_off[k] + i];
        if (s & edge) {
            rows[len] = i;
            rows2[len++] = H->pos[s ^ edge];
        }
    }
    arb_mat_init(Yt, dp, len);
    arb_mat_init(Y, len, d);
    for (slong r = 0; r < len; r++) {
        for (slong a = 0; a < dp; a++)
            arb_set(arb_mat_entry(Yt, a, r), arb_mat_entry(V + k - 1, rows2[r], a));
        for (slong b = 0; b < d; b++)
            arb_set(arb_mat_entry(Y, r, b), arb_mat_entry(V + k, rows[r], b));
    }
    fixed_point_mul(P, Yt, Y, prec);
    arb_mat_clear(Y);
    arb_mat_clear(Yt);
    flint_free(rows);
    flint_free(rows2);
}

/* K = V_kᵀ H_2 V_k restricted to the cluster blocks: kre/kim[c] (m_c × m_c). */
static void h2_cluster_blocks(acb_mat_struct *K, const _ng_terms *T, const arb_mat_t V,
                              const _ng_sector_clusters *C, int k, const _ng_hilbert *H,
                              const ng_ring_t R, slong prec)
{
    slong d = H->sec_dim[k];
    acb_mat_t Y;
    arb_t c;
    acb_t z, w;
    acb_mat_init(Y, d, d);
    arb_init(c);
    acb_init(z);
    acb_init(w);
    for (slong j = 0; j < T->len; j++) { /* Y = H_2 V, row by row */
        ng_elem_get_arb(c, ng_vec_srcentry(T->c, j, R), prec, R);
        for (slong i = 0; i < d; i++) {
            ulong s = H->states[H->sec_off[k] + i], s2 = s ^ T->x[j];
            if (_ng_sector(s2) != k)
                continue;
            _ng_acb_set_phase(z, c, _ng_term_phase(T, j, s));
            for (slong a = 0; a < d; a++) { /* Y(s2, a) += z V(s, a) */
                acb_mul_arb(w, z, arb_mat_entry(V, i, a), prec);
                acb_add(acb_mat_entry(Y, H->pos[s2], a), acb_mat_entry(Y, H->pos[s2], a), w,
                        prec);
            }
        }
    }
    for (slong cl = 0; cl < C->n; cl++) {
        slong j0 = C->start[cl], m = C->start[cl + 1] - j0;
        acb_mat_init(K + cl, m, m);
        for (slong a = 0; a < m; a++)
            for (slong b = 0; b < m; b++) {
                acb_ptr e = acb_mat_entry(K + cl, a, b);
                acb_zero(e);
                for (slong i = 0; i < d; i++) {
                    acb_mul_arb(w, acb_mat_entry(Y, i, j0 + b), arb_mat_entry(V, i, j0 + a), prec);
                    acb_add(e, e, w, prec);
                }
            }
    }
    acb_mat_clear(Y);
    arb_clear(c);
    acb_clear(z);
    acb_clear(w);
}

/* Parameter index of entry (i, j), i ≤ j, of an m × m Hermitian block: the
 * diagonal first, then the pairs i < j in row-major order, real then
 * imaginary part. */
static slong pair_index(slong i, slong j, slong m)
{
    return m + 2 * (i * m - i * (i + 1) / 2 + (j - i - 1));
}

/* G[roff.., coff..] += the matrix of Y ↦ AYB + (AYB)† from the m'² parameters
 * of Y (source block, m' = ncols A) to the m² components (target, m = nrows
 * A); B = NULL is the identity. */
static void add_map(arb_mat_t G, slong roff, slong coff, const acb_mat_t A, const acb_mat_t B,
                    slong prec)
{
    slong m = acb_mat_nrows(A), mp = acb_mat_ncols(A);
    acb_mat_t T;
    acb_t u, v;
    acb_mat_init(T, m, m);
    acb_init(u);
    acb_init(v);
    for (slong i = 0; i < mp; i++)
        for (slong j = i; j < mp; j++)
            for (int part = 0; part < (i == j ? 1 : 2); part++) {
                slong col = coff + (i == j ? i : pair_index(i, j, mp) + part);
                /* T = A (E_ij + E_ji) B, or i A (E_ij − E_ji) B, or A E_ii B */
                for (slong a = 0; a < m; a++)
                    for (slong b = 0; b < m; b++) {
                        acb_srcptr bj = B == NULL ? NULL : acb_mat_entry(B, j, b);
                        acb_ptr t = acb_mat_entry(T, a, b);
                        if (B == NULL)
                            acb_set_si(v, b == j);
                        acb_mul(t, acb_mat_entry(A, a, i), B == NULL ? v : bj, prec);
                        if (i != j) {
                            if (B == NULL)
                                acb_set_si(v, b == i);
                            acb_mul(u, acb_mat_entry(A, a, j), B == NULL ? v : acb_mat_entry(B, i, b),
                                    prec);
                            if (part == 0)
                                acb_add(t, t, u, prec);
                            else {
                                acb_sub(t, t, u, prec);
                                acb_mul_onei(t, t);
                            }
                        }
                    }
                /* E = T + T†: rows Re E_aa = 2 Re T_aa, Re E_ab, Im E_ab (a < b) */
                for (slong a = 0; a < m; a++) {
                    arb_ptr g = arb_mat_entry(G, roff + a, col);
                    arb_addmul_si(g, acb_realref(acb_mat_entry(T, a, a)), 2, prec);
                    for (slong b = a + 1; b < m; b++) {
                        slong r = roff + pair_index(a, b, m);
                        arb_add(arb_mat_entry(G, r, col), arb_mat_entry(G, r, col),
                                acb_realref(acb_mat_entry(T, a, b)), prec);
                        arb_add(arb_mat_entry(G, r, col), arb_mat_entry(G, r, col),
                                acb_realref(acb_mat_entry(T, b, a)), prec);
                        arb_add(arb_mat_entry(G, r + 1, col), arb_mat_entry(G, r + 1, col),
                                acb_imagref(acb_mat_entry(T, a, b)), prec);
                        arb_sub(arb_mat_entry(G, r + 1, col), arb_mat_entry(G, r + 1, col),
                                acb_imagref(acb_mat_entry(T, b, a)), prec);
                    }
                }
            }
    acb_mat_clear(T);
    acb_clear(u);
    acb_clear(v);
}

/* A = c0 δ + c1 M[rows of cluster r, cols of cluster s] (or its transpose
 * when tr: M[cols s, rows r]ᵀ). */
static void sub_block(acb_mat_t A, const acb_t c0, const acb_t c1, const arb_mat_t M, int tr,
                      slong r0, slong s0, slong prec)
{
    for (slong a = 0; a < acb_mat_nrows(A); a++)
        for (slong b = 0; b < acb_mat_ncols(A); b++) {
            arb_srcptr x = tr ? arb_mat_entry(M, s0 + b, r0 + a) : arb_mat_entry(M, r0 + a, s0 + b);
            acb_mul_arb(acb_mat_entry(A, a, b), c1, x, prec);
            if (c0 != NULL && a == b)
                acb_add(acb_mat_entry(A, a, b), acb_mat_entry(A, a, b), c0, prec);
        }
}

/* One block of the equations, G_kk, G_{k,k+1} or G_{k+1,k}, as doubles: the
 * midpoints of the assembled balls rounded to nearest (column-major), and
 * per row an upper bound on Σ_j |G_ij − Ĝ_ij| (radii and rounding).  The
 * balls themselves are not kept (about 9 GB at N = 12): the residuals of the
 * refinement are computed from the cluster operators instead
 * (apply_equations), so only the preconditioner and the bound θ use Ĝ. */
typedef struct {
    double *g;   /* rows × cols, column-major */
    double *err; /* rows */
    slong rows, cols;
} dblock;

static void dblock_init(dblock *b, slong rows, slong cols)
{
    b->rows = rows;
    b->cols = cols;
    b->g = flint_calloc(FLINT_MAX(rows * cols, 1), sizeof(double));
    b->err = flint_calloc(FLINT_MAX(rows, 1), sizeof(double));
}

static void dblock_clear(dblock *b)
{
    flint_free(b->g);
    flint_free(b->err);
}

/* Everything the assembly needs. */
typedef struct {
    const _ng_hilbert *H;
    const _ng_sector_clusters *C;
    slong **poff;        /* poff[k][c]: first parameter of cluster c within sector k */
    slong *D;            /* parameters of sector k */
    arb_mat_struct *Z[2]; /* Z[ν][k] */
    arb_mat_struct *P[2]; /* P[ν][k], k = 1..N */
    arb_mat_struct *Zsq[2], *Psq[2]; /* their entries squared (apply_sector) */
    acb_mat_struct **K;  /* K[k][c] */
    bath B[2];
    dblock *diag, *up, *down; /* G_kk, G_{k,k+1}, G_{k+1,k} */
    arb_mat_struct *bdiag, *bup, *bdown; /* the same as balls, or NULL (balls_fit) */
} system_ctx;

/* S_{cc'} and X_{c'c} of bath ν for target (k, c), source (kp, cp). */
static void bath_blocks(acb_mat_t A, acb_mat_t B, const system_ctx *S, int nu, int k, slong c,
                        int kp, slong cp, slong prec)
{
    const bath *b = S->B + nu;
    slong r0 = S->C[k].start[c], s0 = S->C[kp].start[cp];
    if (kp == k) {
        sub_block(A, c == cp ? b->s.c0 : NULL, b->s.cz, S->Z[nu] + k, 0, r0, s0, prec);
        sub_block(B, c == cp ? b->x.c0 : NULL, b->x.cz, S->Z[nu] + k, 0, s0, r0, prec);
    } else if (kp == k + 1) { /* S: σ^+ from k + 1 to k; X: σ^- back */
        sub_block(A, NULL, b->s.cp, S->P[nu] + k + 1, 0, r0, s0, prec);
        sub_block(B, NULL, b->x.cm, S->P[nu] + k + 1, 1, s0, r0, prec);
    } else {                  /* S: σ^- from k − 1 to k; X: σ^+ back */
        sub_block(A, NULL, b->s.cm, S->P[nu] + k, 1, r0, s0, prec);
        sub_block(B, NULL, b->x.cp, S->P[nu] + k, 0, s0, r0, prec);
    }
}

/* F_c = −Σ_ν (X_ν S_ν)_cc + i K_c, the cluster's own part of its equation. */
static void cluster_F(acb_mat_t F, const system_ctx *S, int k, slong c, slong prec)
{
    slong m = acb_mat_nrows(F), r0 = S->C[k].start[c];
    acb_mat_t J;
    acb_mat_init(J, m, m);
    for (slong a = 0; a < m; a++)
        for (slong b = 0; b < m; b++)
            acb_mul_onei(acb_mat_entry(F, a, b), acb_mat_entry(S->K[k] + c, a, b));
    for (int nu = 0; nu < 2; nu++) {
        sub_block(J, S->B[nu].xs.c0, S->B[nu].xs.cz, S->Z[nu] + k, 0, r0, r0, prec);
        acb_mat_sub(F, F, J, prec);
    }
    acb_mat_clear(J);
}

/* Rows roff.. of blk from the ball strip W: midpoints rounded to doubles,
 * row sums of |W − Ŵ| (rounded up) added to blk->err. */
static void flush_strip(dblock *blk, slong roff, const arb_mat_t W)
{
    arb_t t;
    mag_t m, e;
    arb_init(t);
    mag_init(m);
    mag_init(e);
    for (slong i = 0; i < arb_mat_nrows(W); i++) {
        mag_zero(e);
        for (slong j = 0; j < arb_mat_ncols(W); j++) {
            arb_srcptr w = arb_mat_entry(W, i, j);
            double d = arf_get_d(arb_midref(w), ARF_RND_NEAR);
            blk->g[j * blk->rows + roff + i] = d;
            arb_set_d(t, d);
            arb_sub(t, w, t, 53);
            arb_get_mag(m, t);
            mag_add(e, e, m);
        }
        blk->err[roff + i] = mag_get_d(e) * INFLATE;
    }
    arb_clear(t);
    mag_clear(m);
    mag_clear(e);
}

/* Rows roff.. of G from the strip W. */
static void keep_strip(arb_mat_t G, slong roff, const arb_mat_t W)
{
    for (slong i = 0; i < arb_mat_nrows(W); i++)
        _arb_vec_set(G->rows[roff + i], W->rows[i], arb_mat_ncols(W));
}

/* The rows of cluster c of sector k, assembled as balls in strips (one per
 * neighbouring sector) and stored as doubles. */
static void assemble_cluster(system_ctx *S, int k, slong c, slong prec)
{
    int N = S->H->N;
    slong m = S->C[k].start[c + 1] - S->C[k].start[c], roff = S->poff[k][c];
    arb_mat_t W[3]; /* source sector k − 1, k, k + 1 */
    acb_mat_t F;
    acb_mat_init(F, m, m);
    for (int s = 0; s < 3; s++)
        arb_mat_init(W[s], m * m, (k - 1 + s >= 0 && k - 1 + s <= N) ? S->D[k - 1 + s] : 0);
    cluster_F(F, S, k, c, prec);
    add_map(W[1], 0, roff, F, NULL, prec);
    for (int kp = FLINT_MAX(k - 1, 0); kp <= FLINT_MIN(k + 1, N); kp++)
        for (slong cp = 0; cp < S->C[kp].n; cp++) {
            slong mp = S->C[kp].start[cp + 1] - S->C[kp].start[cp];
            for (int nu = 0; nu < 2; nu++) {
                acb_mat_t A, B;
                acb_mat_init(A, m, mp);
                acb_mat_init(B, mp, m);
                bath_blocks(A, B, S, nu, k, c, kp, cp, prec);
                add_map(W[kp - k + 1], 0, S->poff[kp][cp], A, B, prec);
                acb_mat_clear(A);
                acb_mat_clear(B);
            }
        }
    flush_strip(S->diag + k, roff, W[1]);
    if (k > 0)
        flush_strip(S->down + k - 1, roff, W[0]);
    if (k < N)
        flush_strip(S->up + k, roff, W[2]);
    if (S->bdiag != NULL) { /* kept as balls too */
        keep_strip(S->bdiag + k, roff, W[1]);
        if (k > 0)
            keep_strip(S->bdown + k - 1, roff, W[0]);
        if (k < N)
            keep_strip(S->bup + k, roff, W[2]);
    }
    for (int s = 0; s < 3; s++)
        arb_mat_clear(W[s]);
    acb_mat_clear(F);
}

static void assemble(system_ctx *S, slong prec)
{
    for (int k = 0; k <= S->H->N; k++)
        for (slong c = 0; c < S->C[k].n; c++)
            assemble_cluster(S, k, c, prec);
}

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetri_(const int *n, double *a, const int *lda, const int *ipiv, double *work,
             const int *lwork, int *info);
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t lta,
            size_t ltb);

/* The reduced system G' x' = b (sectors 1..N; x_0 = 1, sector 0's equation
 * dropped, b_1 = −G_{1,0}) is solved and certified without carrying ball
 * radii through the elimination (which loses the product of the Schur
 * complements' condition numbers, ~150 bits at N = 10):
 *
 *  1. Block elimination in double precision (Ĝ: the midpoints of G rounded
 *     to doubles) gives approximate inverses R_k of the Schur complements
 *     S_1 = Ĝ_11, S_{k+1} = Ĝ_{k+1,k+1} − Ĝ_{k+1,k} R_k Ĝ_{k,k+1}; the
 *     block sweeps y_1 = R_1 v_1, y_k = R_k (v_k − Ĝ_{k,k−1} y_{k−1}),
 *     x_N = y_N, x_k = y_k − R_k Ĝ_{k,k+1} x_{k+1} applied to the identity
 *     give an explicit D × D matrix C ≈ G'^{-1} of doubles (BLAS).
 *  2. θ ≥ ‖I − C G'‖_∞ (contraction_bound): Z = fl(C Ĝ) by BLAS, and
 *     ‖I − C G'‖ ≤ ‖I − Z‖ + ‖Z − CĜ‖ + ‖C (Ĝ − G')‖ with a priori bounds
 *     for the rounding errors of one product.  θ < 1/2 proves G'
 *     invertible, hence ρ0 unique.
 *  3. x̃ by iterative refinement x̃ ← x̃ + C(b − G' x̃), the residual at full
 *     precision, the correction in doubles.
 *  4. With r = b − G' x̃ (balls), e = x' − x̃ = G'^{-1} r satisfies
 *     e = C r + (I − C G') e, so ‖e‖_∞ ≤ ‖C r‖_∞ / (1 − θ): added to the
 *     radius of every component of x̃.
 *
 * Rounding errors (steps 2 and 4): IEEE double arithmetic with rounding to
 * nearest gives, whatever the order of summation (blocked, vectorised, with
 * FMA; BLAS without Strassen-type products),
 * |fl(AB) − AB| ≤ γ_n |A||B| + n η entrywise, γ_n = nu/(1 − nu), u = 2^-53,
 * η = 2^-1074 for underflow (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., Eq. 3.13 and §2.1).  Only ∞-norms are needed, so the
 * bounds are row sums: |C| (γ_n |Ĝ| 1 + |Ĝ − G'| 1) costs one D² product.
 * Bound vectors are sums of nonnegative terms computed in doubles and
 * inflated by 1 + 2^-30 ≥ 1/(1 − γ_{2^21}) (every dimension stays below
 * 2^21), plus 2^-1000 for underflow.  (Propagating the rounding errors of
 * the sweeps through |R_k| |Ĝ_{k,k±1}| instead, without forming C, gave
 * bounds above 1 at N = 10: the sweeps cancel, their absolute values do
 * not.) */
typedef struct {
    int N;
    const slong *D;
    slong total;               /* Σ_{k ≥ 1} D_k */
    slong *off;                /* off[k]: first row of sector k, k = 1..N + 1 */
    double **Rd, **lod, **hid; /* R_k, Ĝ_{k,k−1}, Ĝ_{k,k+1}: column-major doubles */
    double *C;                 /* total × total, column-major */
} approx_inverse;


static double gamma_n(slong n)
{
    double nu = (double)n * ROUND_UNIT;
    return nu / (1.0 - nu) * INFLATE;
}

/* A ← inverse of the column-major d × d matrix A; 0 if singular. */
static int invert_doubles(double *A, int d)
{
    int info = 0, lwork = FLINT_MAX(64 * d, 1);
    int *piv = flint_malloc(FLINT_MAX(d, 1) * sizeof(int));
    double *work = flint_malloc(lwork * sizeof(double));
    dgetrf_(&d, &d, A, &d, piv, &info);
    if (info == 0)
        dgetri_(&d, A, &d, piv, work, &lwork, &info);
    flint_free(piv);
    flint_free(work);
    if (info != 0)
        return 0;
    for (slong i = 0; i < (slong)d * d; i++)
        if (!isfinite(A[i]))
            return 0;
    return 1;
}

/* C = alpha A B + beta C; A is m × k with leading dimension lda, B k × n
 * with ldb, C m × n with ldc (column-major). */
static void gemm(int m, int n, int k, double alpha, const double *A, int lda, const double *B,
                 int ldb, double beta, double *C, int ldc)
{
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        for (slong j = 0; j < n; j++)
            for (slong i = 0; i < m; i++)
                C[j * ldc + i] *= beta;
        return;
    }
    dgemm_("N", "N", &m, &n, &k, &alpha, A, &lda, B, &ldb, &beta, C, &ldc, 1, 1);
}

/* Columns c0 .. c0 + cols − 1 of the sector-j block column of C: the
 * sweeps applied to those identity columns, written into C->C.  With
 * P_k = R_k Ĝ_{k,k−1} and Q_k = R_k Ĝ_{k,k+1} formed once, the forward
 * sweep is y_j = (columns of R_j), y_k = −P_k y_{k−1} (k > j; y_k = 0 for
 * k < j), the backward x_k = y_k − Q_k x_{k+1}: one product per sector and
 * column instead of two.  (C is whatever matrix these roundings give; the
 * certificate below bounds ‖I − C G'‖ for that C.) */
static void explicit_columns(approx_inverse *C, double *const *P, double *const *Q, int j,
                             slong c0, int cols)
{
    int N = C->N, ld = (int)C->total;
    const slong *D = C->D;
    double *out = C->C + (C->off[j] + c0) * C->total; /* column block, leading dim total */
    for (slong c = 0; c < cols; c++) {
        memset(out + c * C->total, 0, C->total * sizeof(double));
        memcpy(out + c * C->total + C->off[j], C->Rd[j] + (c0 + c) * D[j],
               D[j] * sizeof(double));
    }
    for (int k = j + 1; k <= N; k++) /* forward */
        gemm((int)D[k], cols, (int)D[k - 1], -1.0, P[k], (int)D[k], out + C->off[k - 1], ld,
             0.0, out + C->off[k], ld);
    for (int k = N - 1; k >= 1; k--) /* backward */
        gemm((int)D[k], cols, (int)D[k + 1], -1.0, Q[k], (int)D[k], out + C->off[k + 1], ld,
             1.0, out + C->off[k], ld);
}

/* Columns per BLAS chunk (bounds the temporaries). */
#define CHUNK 512

static double *doubles_copy(const dblock *b)
{
    double *a = flint_malloc(FLINT_MAX(b->rows * b->cols, 1) * sizeof(double));
    memcpy(a, b->g, b->rows * b->cols * sizeof(double));
    return a;
}

/* Step 1 without C itself: R_k in doubles (Ĝ_{k,k±1} are S's blocks); 0 if
 * a Schur complement is singular in doubles. */
static int schur_inverses(approx_inverse *C, const system_ctx *S)
{
    int N = S->H->N, ok = 1;
    double *Sk;
    C->N = N;
    C->D = S->D;
    C->Rd = flint_calloc(N + 2, sizeof(double *));
    C->lod = flint_calloc(N + 2, sizeof(double *));
    C->hid = flint_calloc(N + 2, sizeof(double *));
    C->off = flint_calloc(N + 2, sizeof(slong));
    C->C = NULL;
    C->total = 0;
    for (int k = 1; k <= N; k++) {
        C->off[k] = C->total;
        C->total += S->D[k];
        C->lod[k] = S->down[k - 1].g;
        if (k < N)
            C->hid[k] = S->up[k].g;
    }
    C->off[N + 1] = C->total;
    Sk = doubles_copy(S->diag + 1);
    for (int k = 1; k <= N && ok; k++) {
        int d = (int)S->D[k];
        ok = invert_doubles(Sk, d);
        C->Rd[k] = Sk;
        Sk = NULL;
        if (ok && k < N) { /* S_{k+1} = Ĝ_{k+1,k+1} − Ĝ_{k+1,k} (R_k Ĝ_{k,k+1}) */
            int dn = (int)S->D[k + 1];
            double *U = flint_malloc(FLINT_MAX((slong)d * dn, 1) * sizeof(double));
            Sk = doubles_copy(S->diag + k + 1);
            gemm(d, dn, d, 1.0, C->Rd[k], d, C->hid[k], d, 0.0, U, d);
            gemm(dn, dn, d, -1.0, C->lod[k + 1], dn, U, d, 1.0, Sk, dn);
            flint_free(U);
        }
    }
    flint_free(Sk);
    return ok;
}

/* The explicit C of step 1; 0 if it is not finite. */
static int explicit_inverse(approx_inverse *C)
{
    int N = C->N, ok = 1;
    const slong *D = C->D;
    double **P = flint_calloc(N + 2, sizeof(double *)), **Q = flint_calloc(N + 2, sizeof(double *));
    for (int k = 1; k <= N; k++) { /* P_k = R_k Ĝ_{k,k−1}, Q_k = R_k Ĝ_{k,k+1} */
        int d = (int)D[k];
        if (k > 1) {
            P[k] = flint_malloc(FLINT_MAX(D[k] * D[k - 1], 1) * sizeof(double));
            gemm(d, (int)D[k - 1], d, 1.0, C->Rd[k], d, C->lod[k], d, 0.0, P[k], d);
        }
        if (k < N) {
            Q[k] = flint_malloc(FLINT_MAX(D[k] * D[k + 1], 1) * sizeof(double));
            gemm(d, (int)D[k + 1], d, 1.0, C->Rd[k], d, C->hid[k], d, 0.0, Q[k], d);
        }
    }
    C->C = flint_malloc(FLINT_MAX(C->total * C->total, 1) * sizeof(double));
    for (int j = 1; j <= N; j++)
        for (slong c0 = 0; c0 < D[j]; c0 += CHUNK)
            explicit_columns(C, P, Q, j, c0, (int)FLINT_MIN(CHUNK, D[j] - c0));
    for (int k = 1; k <= N; k++) {
        flint_free(P[k]);
        flint_free(Q[k]);
    }
    flint_free(P);
    flint_free(Q);
    for (slong i = 0; i < C->total * C->total && ok; i++)
        ok = isfinite(C->C[i]);
    return ok;
}

/* Step 0, the scales: ρ0's sector blocks span many decades (the
 * populations fall like ((1 − t)/(1 + t))^k with the number k of down
 * spins), which makes G' ill-conditioned (‖C‖_∞ ≈ 10^11 at N = 10, and the
 * rounding bound of step 2 above 1/4).  The sweeps applied to b in doubles
 * give the order 2^{e_k} of each sector's unknowns; the system is solved for
 * y = 2^{−e} x with the rows of sector k scaled by 2^{−e_k}, i.e. G'_{kk'}
 * ← 2^{e_k' − e_k} G'_{kk'} (exact).  e[0] = 0 (x_0 = 1).  The diagonal
 * blocks and every product Ĝ_{k+1,k} R_k Ĝ_{k,k+1} are unchanged, so the
 * Schur complements and their R_k are those of the unscaled system (exactly
 * so but for underflow; C is in any case the matrix these R_k give, and θ
 * certifies that matrix). */
static void sector_scales(slong *e, const approx_inverse *C, const system_ctx *S)
{
    int N = C->N;
    double *x = flint_calloc(FLINT_MAX(C->total, 1), sizeof(double));
    double *T = flint_calloc(FLINT_MAX(C->total, 1), sizeof(double));
    const double *b = S->down[0].g;
    for (slong i = 0; i < C->D[1]; i++)
        T[i] = -b[i];
    for (int k = 1; k <= N; k++) { /* forward; T holds v_k − Ĝ_{k,k−1} y_{k−1} */
        int d = (int)C->D[k];
        if (k > 1) {
            for (slong i = 0; i < d; i++)
                T[i] = 0.0;
            gemm(d, 1, (int)C->D[k - 1], -1.0, C->lod[k], d, x + C->off[k - 1], (int)C->D[k - 1],
                 1.0, T, d);
        }
        gemm(d, 1, d, 1.0, C->Rd[k], d, T, d, 0.0, x + C->off[k], d);
    }
    for (int k = N - 1; k >= 1; k--) {
        int d = (int)C->D[k];
        gemm(d, 1, (int)C->D[k + 1], 1.0, C->hid[k], d, x + C->off[k + 1], (int)C->D[k + 1], 0.0,
             T, d);
        gemm(d, 1, d, -1.0, C->Rd[k], d, T, d, 1.0, x + C->off[k], d);
    }
    e[0] = 0;
    for (int k = 1; k <= N; k++) {
        double big = 0.0;
        int ex;
        for (slong i = 0; i < C->D[k]; i++)
            if (isfinite(x[C->off[k] + i]))
                big = FLINT_MAX(big, fabs(x[C->off[k] + i]));
        frexp(big, &ex);
        e[k] = big > 0.0 ? ex : e[k - 1];
    }
    flint_free(x);
    flint_free(T);
}

/* blk ← 2^shift blk, exact but for underflow: an entry rounded into the
 * subnormal range moves by at most 2^-1075, added to its row's bound. */
static void dblock_scale(dblock *blk, slong shift)
{
    slong n = blk->rows * blk->cols;
    for (slong i = 0; i < n; i++)
        blk->g[i] = ldexp(blk->g[i], (int)shift);
    for (slong i = 0; i < blk->rows; i++) {
        blk->err[i] = ldexp(blk->err[i], (int)shift);
        if (shift < 0)
            blk->err[i] += (double)blk->cols * 0x1p-1074;
    }
}

/* G'_{kk'} ← 2^{e_k' − e_k} G'_{kk'} (and b's column G_{1,0}), in place. */
static void scale_system(system_ctx *S, const slong *e)
{
    int N = S->H->N;
    for (int k = 0; k < N; k++) {
        dblock_scale(S->down + k, e[k] - e[k + 1]);
        if (k >= 1)
            dblock_scale(S->up + k, e[k + 1] - e[k]);
    }
}

static void approx_inverse_clear(approx_inverse *C)
{
    for (int k = 1; k <= C->N; k++)
        flint_free(C->Rd[k]); /* lod, hid: S's blocks */
    flint_free(C->Rd);
    flint_free(C->lod);
    flint_free(C->hid);
    flint_free(C->off);
    flint_free(C->C);
}

/* y = INFLATE (|A| x + add) + UNDERFLOW, A column-major m × n, x ≥ 0. */
static void abs_matvec(double *y, const double *A, slong m, slong n, const double *x,
                       const double *add)
{
    for (slong i = 0; i < m; i++)
        y[i] = add == NULL ? 0.0 : add[i];
    for (slong j = 0; j < n; j++)
        if (x[j] != 0.0)
            for (slong i = 0; i < m; i++)
                y[i] += fabs(A[j * m + i]) * x[j];
    for (slong i = 0; i < m; i++)
        y[i] = y[i] * INFLATE + UNDERFLOW;
}

/* acc[i] += Σ_j |A_ij| (1 + INFLATE slack) over the c columns of A (m rows,
 * leading dimension ld). */
static void add_abs_rowsums(double *acc, const double *A, slong m, slong c, slong ld)
{
    for (slong j = 0; j < c; j++)
        for (slong i = 0; i < m; i++)
            acc[i] += fabs(A[j * ld + i]);
}

/* acc += blk's bounds on the row sums of |G_blk − Ĝ_blk|, g1 += the row
 * sums of |Ĝ_blk|. */
static void add_block_rowsums(double *acc, double *g1, const dblock *blk)
{
    for (slong j = 0; j < blk->cols; j++)
        for (slong i = 0; i < blk->rows; i++)
            g1[i] += fabs(blk->g[j * blk->rows + i]);
    for (slong i = 0; i < blk->rows; i++)
        acc[i] += blk->err[i];
}

/* θ ≥ ‖I − C G'‖_∞ (see above); 0 if something is not finite. */
static int contraction_bound(mag_t theta, const approx_inverse *C, const system_ctx *S)
{
    int N = C->N, ok = 1, ld = (int)C->total;
    const slong *D = C->D;
    slong n = C->total, nmax = 0;
    if (n >= WORD(1) << 21) /* the inflation 1 + 2^-30 assumes it (see above) */
        return 0;
    double *w = flint_calloc(FLINT_MAX(n, 1), sizeof(double));
    double *gerr = flint_calloc(FLINT_MAX(n, 1), sizeof(double));
    double *g1 = flint_calloc(FLINT_MAX(n, 1), sizeof(double));
    double *v = flint_malloc(FLINT_MAX(n, 1) * sizeof(double));
    double *Z = flint_malloc(FLINT_MAX(n * CHUNK, 1) * sizeof(double));
    mag_t m;
    for (int j = 1; j <= N; j++) { /* Z = fl(C Ĝ) by block columns, row sums of |I − Z| */
        const double *Gdiag = S->diag[j].g;
        slong inner = D[j] + (j > 1 ? D[j - 1] : 0) + (j < N ? D[j + 1] : 0);
        nmax = FLINT_MAX(nmax, inner);
        for (slong c0 = 0; c0 < D[j]; c0 += CHUNK) {
            int cols = (int)FLINT_MIN(CHUNK, D[j] - c0), d = (int)D[j];
            gemm((int)n, cols, d, 1.0, C->C + C->off[j] * n, ld, Gdiag + c0 * d, d, 0.0, Z, ld);
            if (j > 1) /* Ĝ_{j−1,j} = hid[j − 1] */
                gemm((int)n, cols, (int)D[j - 1], 1.0, C->C + C->off[j - 1] * n, ld,
                     C->hid[j - 1] + c0 * D[j - 1], (int)D[j - 1], 1.0, Z, ld);
            if (j < N) /* Ĝ_{j+1,j} = lod[j + 1] */
                gemm((int)n, cols, (int)D[j + 1], 1.0, C->C + C->off[j + 1] * n, ld,
                     C->lod[j + 1] + c0 * D[j + 1], (int)D[j + 1], 1.0, Z, ld);
            for (slong c = 0; c < cols; c++)
                Z[c * n + C->off[j] + c0 + c] -= 1.0;
            add_abs_rowsums(w, Z, n, cols, n);
        }
    }
    for (int k = 1; k <= N; k++) { /* |Ĝ| 1 and |G' − Ĝ| 1, rows of sector k */
        double *e = gerr + C->off[k], *a = g1 + C->off[k];
        add_block_rowsums(e, a, S->diag + k);
        if (k < N)
            add_block_rowsums(e, a, S->up + k);
        if (k > 1)
            add_block_rowsums(e, a, S->down + k - 1);
    }
    for (slong i = 0; i < n; i++) /* γ |Ĝ| 1 + |G' − Ĝ| 1 */
        v[i] = (gamma_n(nmax) * g1[i] * INFLATE + gerr[i]) * INFLATE;
    abs_matvec(g1, C->C, n, n, v, NULL);
    mag_init(m);
    mag_zero(theta);
    for (slong i = 0; i < n; i++) {
        double t = (w[i] * INFLATE * (1.0 + 2 * ROUND_UNIT) + g1[i]) * INFLATE;
        if (!isfinite(t))
            ok = 0;
        else {
            mag_set_d(m, t);
            mag_max(theta, theta, m);
        }
    }
    mag_clear(m);
    flint_free(w);
    flint_free(gerr);
    flint_free(g1);
    flint_free(v);
    flint_free(Z);
    return ok;
}

static arb_mat_struct *blocks_new(const slong *D, int N, slong cols)
{
    arb_mat_struct *v = flint_malloc((N + 1) * sizeof(arb_mat_struct));
    for (int k = 0; k <= N; k++)
        arb_mat_init(v + k, D[k], cols);
    return v;
}

static void blocks_free(arb_mat_struct *v, int N)
{
    for (int k = 0; k <= N; k++)
        arb_mat_clear(v + k);
    flint_free(v);
}

/* B = A∘A, the entries squared. */
static void entries_squared(arb_mat_t B, const arb_mat_t A, slong prec)
{
    for (slong i = 0; i < arb_mat_nrows(A); i++)
        for (slong j = 0; j < arb_mat_ncols(A); j++)
            arb_sqr(arb_mat_entry(B, i, j), arb_mat_entry(A, i, j), prec);
}

/* A source sector of the residual: its blocks ρ_c = Yre + i Yim, and ys,
 * the populations of its simple clusters at their columns (0 at the columns
 * of degenerate clusters). */
typedef struct {
    const _ng_sector_clusters *C;
    slong d;
    arb_mat_struct *Yre, *Yim;
    arb_ptr ys;
} source_blocks;

/* The blocks of sector k from its parameters x (pair_index), times 2^shift. */
static void source_blocks_init(source_blocks *B, const system_ctx *S, int k, const arb_mat_t x,
                               slong shift)
{
    B->C = S->C + k;
    B->d = S->H->sec_dim[k];
    B->Yre = flint_malloc(FLINT_MAX(B->C->n, 1) * sizeof(arb_mat_struct));
    B->Yim = flint_malloc(FLINT_MAX(B->C->n, 1) * sizeof(arb_mat_struct));
    B->ys = _arb_vec_init(B->d);
    for (slong c = 0; c < B->C->n; c++) {
        slong m = B->C->start[c + 1] - B->C->start[c], p0 = S->poff[k][c];
        arb_mat_struct *Yre = B->Yre + c, *Yim = B->Yim + c;
        arb_mat_init(Yre, m, m);
        arb_mat_init(Yim, m, m);
        for (slong a = 0; a < m; a++) {
            arb_mul_2exp_si(arb_mat_entry(Yre, a, a), arb_mat_entry(x, p0 + a, 0), shift);
            for (slong b = a + 1; b < m; b++) {
                slong q = p0 + pair_index(a, b, m);
                arb_mul_2exp_si(arb_mat_entry(Yre, a, b), arb_mat_entry(x, q, 0), shift);
                arb_set(arb_mat_entry(Yre, b, a), arb_mat_entry(Yre, a, b));
                arb_mul_2exp_si(arb_mat_entry(Yim, a, b), arb_mat_entry(x, q + 1, 0), shift);
                arb_neg(arb_mat_entry(Yim, b, a), arb_mat_entry(Yim, a, b));
            }
        }
        if (m == 1)
            arb_set(B->ys + B->C->start[c], arb_mat_entry(Yre, 0, 0));
    }
}

static void source_blocks_clear(source_blocks *B)
{
    for (slong c = 0; c < B->C->n; c++) {
        arb_mat_clear(B->Yre + c);
        arb_mat_clear(B->Yim + c);
    }
    flint_free(B->Yre);
    flint_free(B->Yim);
    _arb_vec_clear(B->ys, B->d);
}

/* z = Σ_{c'} M_{0c'} ρ_{c'} M_{0c'}ᵀ for a simple target (one row M_0 of
 * M and of M∘M): Σ_j M_{0j}² ys_j over the simple sources, one dot product,
 * plus the degenerate sources' blocks. */
static void sandwich_row(acb_t z, arb_srcptr row, arb_srcptr sqrow, const source_blocks *src,
                         slong prec)
{
    arb_t w;
    arb_init(w);
    arb_dot(acb_realref(z), NULL, 0, sqrow, 1, src->ys, 1, src->d, prec);
    arb_zero(acb_imagref(z));
    for (slong cp = 0; cp < src->C->n; cp++) {
        slong s0 = src->C->start[cp], mp = src->C->start[cp + 1] - s0;
        if (mp == 1)
            continue;
        for (slong b = 0; b < mp; b++) {
            arb_dot(w, NULL, 0, row + s0, 1, src->Yre[cp].entries + b, mp, mp, prec);
            arb_addmul(acb_realref(z), w, row + s0 + b, prec);
            arb_dot(w, NULL, 0, row + s0, 1, src->Yim[cp].entries + b, mp, mp, prec);
            arb_addmul(acb_imagref(z), w, row + s0 + b, prec);
        }
    }
    arb_clear(w);
}

/* T += coef Σ_{c'} M_{cc'} ρ_{c'} M_{cc'}ᵀ over the clusters c' of a source
 * sector: the sum over c' of a term A ρ_{c'} B of the equations (the
 * comment at the top) with A = a M_{cc'}, B = b M_{cc'}ᵀ (M = Z_ν, P_ν or
 * P_νᵀ restricted to the rows of cluster c: the pointers to those rows, and
 * to the same rows of M∘M, the squares, for sandwich_row). */
static void sandwich(acb_mat_t T, const acb_t coef, arb_ptr const *rows, arb_ptr const *sq,
                     const source_blocks *src, slong prec)
{
    slong m = acb_mat_nrows(T), dp = src->d;
    arb_mat_t Wre, Wim;
    acb_t z;
    acb_init(z);
    if (m == 1) { /* most clusters */
        sandwich_row(z, rows[0], sq[0], src, prec);
        acb_addmul(acb_mat_entry(T, 0, 0), z, coef, prec);
        acb_clear(z);
        return;
    }
    arb_mat_init(Wre, m, dp);
    arb_mat_init(Wim, m, dp);
    for (slong cp = 0; cp < src->C->n; cp++) { /* W = M ρ̂ (ρ̂ block diagonal) */
        slong s0 = src->C->start[cp], mp = src->C->start[cp + 1] - s0;
        for (slong i = 0; i < m; i++)
            if (mp == 1) /* a population: real */
                arb_mul(arb_mat_entry(Wre, i, s0), rows[i] + s0, src->Yre[cp].entries, prec);
            else
                for (slong b = 0; b < mp; b++) {
                    arb_dot(arb_mat_entry(Wre, i, s0 + b), NULL, 0, rows[i] + s0, 1,
                            src->Yre[cp].entries + b, mp, mp, prec);
                    arb_dot(arb_mat_entry(Wim, i, s0 + b), NULL, 0, rows[i] + s0, 1,
                            src->Yim[cp].entries + b, mp, mp, prec);
                }
    }
    for (slong i = 0; i < m; i++) /* T += coef W Mᵀ; M ρ̂ Mᵀ is Hermitian */
        for (slong j = i; j < m; j++) {
            arb_dot(acb_realref(z), NULL, 0, Wre->rows[i], 1, rows[j], 1, dp, prec);
            arb_dot(acb_imagref(z), NULL, 0, Wim->rows[i], 1, rows[j], 1, dp, prec);
            acb_addmul(acb_mat_entry(T, i, j), z, coef, prec);
            if (j > i) {
                acb_conj(z, z);
                acb_addmul(acb_mat_entry(T, j, i), z, coef, prec);
            }
        }
    arb_mat_clear(Wre);
    arb_mat_clear(Wim);
    acb_clear(z);
}

/* T += the terms of cluster c's equation that stay in sector k, with ρ_c =
 * Y: F_c Y and, per bath, (s0 + sz Z) ρ̂ (x0 + xz Z) restricted to (c, c)
 * (the rest of bath_blocks' same-sector case). */
static void same_sector_terms(acb_mat_t T, const system_ctx *S, int k, slong c,
                              const source_blocks *src, slong prec)
{
    slong m = acb_mat_nrows(T), r0 = S->C[k].start[c];
    acb_mat_t Y, F, Zc, U;
    acb_t z, one;
    acb_mat_init(Y, m, m);
    acb_mat_init(F, m, m);
    acb_mat_init(Zc, m, m);
    acb_mat_init(U, m, m);
    acb_init(z);
    acb_init(one);
    acb_one(one);
    for (slong a = 0; a < m; a++)
        for (slong b = 0; b < m; b++)
            acb_set_arb_arb(acb_mat_entry(Y, a, b), arb_mat_entry(src->Yre + c, a, b),
                            arb_mat_entry(src->Yim + c, a, b));
    cluster_F(F, S, k, c, prec);
    acb_mat_mul(U, F, Y, prec);
    acb_mat_add(T, T, U, prec);
    for (int nu = 0; nu < 2; nu++) {
        const bath *b = S->B + nu;
        sub_block(Zc, NULL, one, S->Z[nu] + k, 0, r0, r0, prec);
        acb_mul(z, b->s.c0, b->x.c0, prec); /* s0 x0 Y + s0 xz Y Z_cc + sz x0 Z_cc Y */
        acb_mat_scalar_addmul_acb(T, Y, z, prec);
        acb_mat_mul(U, Y, Zc, prec);
        acb_mul(z, b->s.c0, b->x.cz, prec);
        acb_mat_scalar_addmul_acb(T, U, z, prec);
        acb_mat_mul(U, Zc, Y, prec);
        acb_mul(z, b->s.cz, b->x.c0, prec);
        acb_mat_scalar_addmul_acb(T, U, z, prec);
        acb_mul(z, b->s.cz, b->x.cz, prec);
        sandwich(T, z, S->Z[nu][k].rows + r0, S->Zsq[nu][k].rows + r0, src, prec);
    }
    acb_mat_clear(Y);
    acb_mat_clear(F);
    acb_mat_clear(Zc);
    acb_mat_clear(U);
    acb_clear(z);
    acb_clear(one);
}

/* out = (G x)_k, the rows of sector k ≥ 1 (Re E_aa, Re E_ab, Im E_ab per
 * cluster, E = T + T†), from the cluster operators without forming G: for
 * cluster c, T = F_c ρ_c + Σ_ν [(s0 + sz Z) ρ̂_k (x0 + xz Z) + sp xm P_{k+1}
 * ρ̂_{k+1} P_{k+1}ᵀ + sm xp P_kᵀ ρ̂_{k−1} P_k]_{cc} (the terms of assemble,
 * bath_blocks).  src[kp]: the blocks of sector kp. */
static void apply_sector(arb_mat_t out, const system_ctx *S, int k, const source_blocks *src,
                         slong prec)
{
    const _ng_hilbert *H = S->H;
    int N = H->N;
    arb_mat_t PT[2], PTsq[2];
    acb_t z;
    acb_init(z);
    for (int nu = 0; nu < 2; nu++) {
        arb_mat_init(PT[nu], H->sec_dim[k], H->sec_dim[k - 1]);
        arb_mat_init(PTsq[nu], H->sec_dim[k], H->sec_dim[k - 1]);
        arb_mat_transpose(PT[nu], S->P[nu] + k);
        arb_mat_transpose(PTsq[nu], S->Psq[nu] + k);
    }
    for (slong c = 0; c < S->C[k].n; c++) {
        slong r0 = S->C[k].start[c], m = S->C[k].start[c + 1] - r0, roff = S->poff[k][c];
        acb_mat_t T;
        acb_mat_init(T, m, m);
        same_sector_terms(T, S, k, c, src + k, prec);
        for (int nu = 0; nu < 2; nu++) {
            const bath *b = S->B + nu;
            if (k < N) {
                acb_mul(z, b->s.cp, b->x.cm, prec);
                sandwich(T, z, S->P[nu][k + 1].rows + r0, S->Psq[nu][k + 1].rows + r0,
                         src + k + 1, prec);
            }
            acb_mul(z, b->s.cm, b->x.cp, prec);
            sandwich(T, z, PT[nu]->rows + r0, PTsq[nu]->rows + r0, src + k - 1, prec);
        }
        for (slong a = 0; a < m; a++) {
            arb_mul_2exp_si(arb_mat_entry(out, roff + a, 0),
                            acb_realref(acb_mat_entry(T, a, a)), 1);
            for (slong bb = a + 1; bb < m; bb++) {
                slong q = roff + pair_index(a, bb, m);
                arb_add(arb_mat_entry(out, q, 0), acb_realref(acb_mat_entry(T, a, bb)),
                        acb_realref(acb_mat_entry(T, bb, a)), prec);
                arb_sub(arb_mat_entry(out, q + 1, 0), acb_imagref(acb_mat_entry(T, a, bb)),
                        acb_imagref(acb_mat_entry(T, bb, a)), prec);
            }
        }
        acb_mat_clear(T);
    }
    for (int nu = 0; nu < 2; nu++) {
        arb_mat_clear(PT[nu]);
        arb_mat_clear(PTsq[nu]);
    }
    acb_clear(z);
}

/* (G x)_k from the kept ball blocks, row by row with arb_dot (sectors k ≥ 1;
 * x[k] column vectors). */
static void ball_rows(arb_mat_t out, const system_ctx *S, int k, const arb_mat_struct *x,
                      slong prec)
{
    int N = S->H->N;
    for (slong i = 0; i < S->D[k]; i++) {
        arb_ptr o = arb_mat_entry(out, i, 0);
        arb_dot(o, NULL, 0, arb_mat_entry(S->bdiag + k, i, 0), 1, x[k].entries, 1, S->D[k], prec);
        arb_dot(o, o, 0, arb_mat_entry(S->bdown + k - 1, i, 0), 1, x[k - 1].entries, 1,
                S->D[k - 1], prec);
        if (k < N)
            arb_dot(o, o, 0, arb_mat_entry(S->bup + k, i, 0), 1, x[k + 1].entries, 1,
                    S->D[k + 1], prec);
    }
}

/* r = b − G' y for the scaled system (sectors 1..N): r_k = −2^{−e_k} (G x)_k
 * with x_k = 2^{e_k} y_k and x_0 = y_0 = 1 (e_0 = 0).  G x from the kept
 * balls (faster) when there are and !certify, else by apply_sector from the
 * cluster operators — always for the certificate (step 4), so both ways of
 * computing G x meet every run: a wrong one shows as a residual too large
 * to certify the digits. */
static void reduced_residual(arb_mat_struct *r, const system_ctx *S, const arb_mat_struct *y,
                             const slong *e, int certify, slong prec)
{
    int N = S->H->N;
    if (S->bdiag != NULL && !certify) {
        arb_mat_struct *x = flint_malloc((N + 1) * sizeof(arb_mat_struct));
        for (int k = 0; k <= N; k++) {
            arb_mat_init(x + k, S->D[k], 1);
            arb_mat_scalar_mul_2exp_si(x + k, y + k, e[k]);
        }
        for (int k = 1; k <= N; k++)
            ball_rows(r + k, S, k, x, prec);
        for (int k = 0; k <= N; k++)
            arb_mat_clear(x + k);
        flint_free(x);
    } else {
        source_blocks *src = flint_malloc((N + 1) * sizeof(source_blocks));
        for (int k = 0; k <= N; k++)
            source_blocks_init(src + k, S, k, y + k, e[k]);
        for (int k = 1; k <= N; k++)
            apply_sector(r + k, S, k, src, prec);
        for (int k = 0; k <= N; k++)
            source_blocks_clear(src + k);
        flint_free(src);
    }
    for (int k = 1; k <= N; k++) {
        arb_mat_scalar_mul_2exp_si(r + k, r + k, -e[k]);
        arb_mat_neg(r + k, r + k);
    }
}

/* The exponent e with every |mid r_i| < 2^e (e = 0 if r = 0). */
static slong residual_exponent(const approx_inverse *C, const arb_mat_struct *r)
{
    slong e = -WORD_MAX / 2;
    for (int k = 1; k <= C->N; k++)
        for (slong i = 0; i < C->D[k]; i++) {
            arf_srcptr a = arb_midref(arb_mat_entry(r + k, i, 0));
            if (!arf_is_zero(a))
                e = FLINT_MAX(e, arf_abs_bound_lt_2exp_si(a));
        }
    return e == -WORD_MAX / 2 ? 0 : e;
}

/* y = fl(C (2^-e mid r)), the correction of step 3 (scaled by 2^-e); with
 * bound ≠ NULL also, for step 4, bound_i ≥ 2^-e |(C r_true)_i| for every
 * r_true in the balls r: |y_i| + γ_n (|C| |ŝ|)_i + (|C| ρ)_i, ŝ the scaled
 * midpoints in doubles and ρ ≥ |2^-e r − ŝ| (radii and the rounding to
 * doubles). */
static void apply_scaled(double *y, double *bound, const approx_inverse *C,
                         const arb_mat_struct *r, slong e)
{
    slong n = C->total;
    int one = 1, ld = (int)n;
    double *s = flint_malloc(FLINT_MAX(n, 1) * sizeof(double));
    double *rho = flint_malloc(FLINT_MAX(n, 1) * sizeof(double));
    double alpha = 1.0, beta = 0.0;
    arf_t t;
    mag_t m;
    arf_init(t);
    mag_init(m);
    for (int k = 1; k <= C->N; k++)
        for (slong i = 0; i < C->D[k]; i++) {
            arb_srcptr a = arb_mat_entry(r + k, i, 0);
            arf_mul_2exp_si(t, arb_midref(a), -e);
            s[C->off[k] + i] = arf_get_d(t, ARF_RND_NEAR);
            mag_mul_2exp_si(m, arb_radref(a), -e);
            rho[C->off[k] + i] = (mag_get_d(m) + fabs(s[C->off[k] + i]) * ROUND_UNIT) * INFLATE +
                                 UNDERFLOW;
        }
    if (n > 0)
        dgemm_("N", "N", &ld, &one, &ld, &alpha, C->C, &ld, s, &ld, &beta, y, &ld, 1, 1);
    if (bound != NULL) {
        for (slong i = 0; i < n; i++) { /* γ_n |ŝ| + ρ, then |C| times it */
            s[i] = (gamma_n(n) * fabs(s[i]) + rho[i]) * INFLATE;
        }
        abs_matvec(rho, C->C, n, n, s, NULL);
        for (slong i = 0; i < n; i++)
            bound[i] = (fabs(y[i]) + rho[i]) * INFLATE;
    }
    flint_free(s);
    flint_free(rho);
    arf_clear(t);
    mag_clear(m);
}

/* Solves G x = 0 with x_0 = 1 (see above) into x[0..N]; returns 0 if the
 * certificate fails (θ ≥ 1/2, or a Schur complement singular in doubles). */
static int solve_system(arb_mat_struct *x, system_ctx *S, slong prec, FILE *progress)
{
    int N = S->H->N, ok;
    slong *e = flint_malloc((N + 1) * sizeof(slong)), last = 0, gain = 0;
    approx_inverse C;
    mag_t theta, err, m;
    arb_mat_struct *r = blocks_new(S->D, N, 1);
    double *y = NULL, *bound = NULL;
    arf_t t;
    mag_init(theta);
    mag_init(err);
    mag_init(m);
    arf_init(t);
    arb_mat_one(x + 0);
    for (int k = 1; k <= N; k++)
        arb_mat_zero(x + k);
    ok = schur_inverses(&C, S);
    if (ok) { /* 0. scales; 1. the same R_k serve the scaled system */
        sector_scales(e, &C, S);
        scale_system(S, e); /* C's Ĝ_{k,k±1} are S's blocks, now scaled */
        ok = explicit_inverse(&C);
        if (progress != NULL)
            fprintf(progress, "  approximate inverse C, %ld x %ld (%.2f s CPU)\n", (long)C.total,
                    (long)C.total, cpu_seconds());
    } else {
        for (int k = 0; k <= N; k++)
            e[k] = 0;
        scale_system(S, e);
    }
    if (ok) {
        ok = contraction_bound(theta, &C, S) && mag_cmp_2exp_si(theta, -1) < 0;
        if (progress != NULL)
            fprintf(progress, "  theta = %.3g >= |I - C G'| (%.2f s CPU)\n", mag_get_d(theta),
                    cpu_seconds());
    }
    if (ok) {
        last = WORD_MAX / 2;
        y = flint_malloc(FLINT_MAX(C.total, 1) * sizeof(double));
        bound = flint_malloc(FLINT_MAX(C.total, 1) * sizeof(double));
    }
    for (int step = 0; ok && step < 80; step++) { /* 3. refinement */
        slong worst = -WORD_MAX / 2, big = -WORD_MAX / 2, ex;
        reduced_residual(r, S, x, e, 0, prec);
        ex = residual_exponent(&C, r);
        apply_scaled(y, NULL, &C, r, ex);
        for (int k = 1; k <= N; k++)
            for (slong i = 0; i < S->D[k]; i++) {
                arb_ptr xi = arb_mat_entry(x + k, i, 0);
                arf_set_d(t, y[C.off[k] + i]);
                arf_mul_2exp_si(t, t, ex);
                if (!arf_is_zero(t))
                    worst = FLINT_MAX(worst, arf_abs_bound_lt_2exp_si(t));
                arf_add(arb_midref(xi), arb_midref(xi), t, prec, ARF_RND_NEAR);
                mag_zero(arb_radref(xi));
                if (!arf_is_zero(arb_midref(xi)))
                    big = FLINT_MAX(big, arf_abs_bound_lt_2exp_si(arb_midref(xi)));
            }
        /* converged to within 2^8 of the working precision, or at the
         * rounding level of the residual: a step that gains under 4 bits, or,
         * within 64 bits of the working precision (2^-143 at N = 12, 175
         * bits), less than half what the one before it gained (each gains
         * ~22 bits, κ(Ĝ) 2^-53).  Only near the floor: the first steps'
         * gains may fall without any floor, and a stop there would recur at
         * every precision (the gains come from C, not from prec). */
        if (progress != NULL)
            fprintf(progress, "  refinement step %d: correction 2^%ld (%.2f s CPU)\n", step + 1,
                    (long)(worst - big), cpu_seconds());
        if (worst < big - prec + 8 || last - worst < 4 ||
            (step >= 2 && worst < big - prec + 64 && 2 * (last - worst) < gain))
            break;
        gain = last - worst;
        last = worst;
    }
    if (ok) { /* 4. ‖e‖ ≤ ‖C r‖ / (1 − θ) */
        slong ex;
        reduced_residual(r, S, x, e, 1, prec);
        ex = residual_exponent(&C, r);
        apply_scaled(y, bound, &C, r, ex);
        for (slong i = 0; i < C.total; i++) {
            ok = ok && isfinite(bound[i]);
            mag_set_d(m, bound[i]);
            mag_max(err, err, m);
        }
        mag_mul_2exp_si(err, err, ex);
        mag_one(m);
        mag_sub_lower(m, m, theta);
        mag_div(err, err, m);
        for (int k = 1; k <= N; k++)
            for (slong i = 0; i < S->D[k]; i++)
                mag_add(arb_radref(arb_mat_entry(x + k, i, 0)),
                        arb_radref(arb_mat_entry(x + k, i, 0)), err);
    }
    for (int k = 1; k <= N; k++) /* x = 2^e y (the system stays scaled) */
        arb_mat_scalar_mul_2exp_si(x + k, x + k, e[k]);
    flint_free(e);
    approx_inverse_clear(&C);
    blocks_free(r, N);
    flint_free(y);
    flint_free(bound);
    arf_clear(t);
    mag_clear(theta);
    mag_clear(err);
    mag_clear(m);
    return ok;
}

/* C = A B for ball matrices in fixed point: the midpoints of A and B
 * truncated to integers times 2^{e_A − p}, 2^{e_B − p} (e the exponent of the
 * largest entry, p = prec + 16), multiplied exactly by FLINT's multimodular
 * fmpz_mat_mul, and the radius |Ã| r_B + r_A |B̃| + r_A r_B (r: radius plus
 * truncation) by BLAS in doubles, inflated by 1 + 2^-30 for the rounding of
 * nonnegative sums (n < 2^21) and 2^-1000 for underflow.  Arb's
 * arb_mat_mul falls back to dot products when the entries' exponents spread
 * (eigenvector entries do), about 5× slower here; absolute accuracy 2^-p
 * relative to the largest entry is all the cluster route needs. */
static void fixed_point_parts(fmpz_mat_t Z, double *absd, double *radd, slong *e,
                              const arb_mat_t A, slong p)
{
    slong r = arb_mat_nrows(A), c = arb_mat_ncols(A);
    arf_t t;
    mag_t m;
    arf_init(t);
    mag_init(m);
    *e = -WORD_MAX / 4;
    for (slong i = 0; i < r; i++)
        for (slong j = 0; j < c; j++) {
            arf_srcptr x = arb_midref(arb_mat_entry(A, i, j));
            if (!arf_is_zero(x))
                *e = FLINT_MAX(*e, arf_abs_bound_lt_2exp_si(x));
        }
    if (*e == -WORD_MAX / 4)
        *e = 0;
    for (slong i = 0; i < r; i++)
        for (slong j = 0; j < c; j++) {
            arb_srcptr x = arb_mat_entry(A, i, j);
            fmpz *z = fmpz_mat_entry(Z, i, j);
            arf_get_fmpz_fixed_si(z, arb_midref(x), *e - p);
            arf_set_fmpz(t, z);
            arf_mul_2exp_si(t, t, *e - p);
            absd[j * r + i] = fabs(arf_get_d(t, ARF_RND_UP)) * INFLATE;
            /* truncation < 2^{e − p} */
            mag_set_ui_2exp_si(m, 1, *e - p);
            mag_add(m, m, arb_radref(x));
            radd[j * r + i] = mag_get_d(m);
        }
    arf_clear(t);
    mag_clear(m);
}

static void fixed_point_mul(arb_mat_t C, const arb_mat_t A, const arb_mat_t B, slong prec)
{
    slong m = arb_mat_nrows(A), k = arb_mat_ncols(A), n = arb_mat_ncols(B), p = prec + 16, ea, eb;
    fmpz_mat_t Az, Bz, Cz;
    double *aa, *ra, *ab, *rb, *rc;
    mag_t r;
    fmpz_t ex;
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        arb_mat_zero(C);
        return;
    }
    fmpz_mat_init(Az, m, k);
    fmpz_mat_init(Bz, k, n);
    fmpz_mat_init(Cz, m, n);
    aa = flint_malloc(m * k * sizeof(double));
    ra = flint_malloc(m * k * sizeof(double));
    ab = flint_malloc(k * n * sizeof(double));
    rb = flint_malloc(k * n * sizeof(double));
    rc = flint_malloc(m * n * sizeof(double));
    mag_init(r);
    fmpz_init(ex);
    fixed_point_parts(Az, aa, ra, &ea, A, p);
    fixed_point_parts(Bz, ab, rb, &eb, B, p);
    fmpz_mat_mul(Cz, Az, Bz);
    fmpz_set_si(ex, ea + eb - 2 * p);
    /* rc = |Ã| r_B + r_A (|B̃| + r_B) */
    for (slong i = 0; i < k * n; i++)
        ab[i] = (ab[i] + rb[i]) * INFLATE;
    gemm((int)m, (int)n, (int)k, 1.0, aa, (int)m, rb, (int)k, 0.0, rc, (int)m);
    gemm((int)m, (int)n, (int)k, 1.0, ra, (int)m, ab, (int)k, 1.0, rc, (int)m);
    for (slong j = 0; j < n; j++)
        for (slong i = 0; i < m; i++) {
            arb_ptr c = arb_mat_entry(C, i, j);
            arb_set_round_fmpz_2exp(c, fmpz_mat_entry(Cz, i, j), ex, prec);
            mag_set_d(r, (rc[j * m + i] * INFLATE + UNDERFLOW) * INFLATE);
            mag_add(arb_radref(c), arb_radref(c), r);
        }
    fmpz_mat_clear(Az);
    fmpz_mat_clear(Bz);
    fmpz_mat_clear(Cz);
    flint_free(aa);
    flint_free(ra);
    flint_free(ab);
    flint_free(rb);
    flint_free(rc);
    mag_clear(r);
    fmpz_clear(ex);
}

/* ρ_k = W Vᵀ as the sector blocks of the kept state (ng_engine_rho0_expect),
 * by Arb's block multiplication (d³ dot products of length d cost ~2 s at
 * N = 10). */
static void state_block(ng_mat_t re, ng_mat_t im, const arb_mat_t Wre, const arb_mat_t Wim,
                        const arb_mat_t V, const ng_ring_t R, slong prec)
{
    slong d = arb_mat_nrows(V);
    arb_mat_t Vt, P;
    arb_mat_init(Vt, d, d);
    arb_mat_init(P, d, d);
    arb_mat_transpose(Vt, V);
    for (int part = 0; part < 2; part++) {
        fixed_point_mul(P, part == 0 ? Wre : Wim, Vt, prec);
        for (slong i = 0; i < d; i++)
            for (slong j = 0; j < d; j++)
                ng_elem_set_arb(ng_mat_entry(part == 0 ? re : im, i, j, R),
                                arb_mat_entry(P, i, j), R);
    }
    arb_mat_clear(Vt);
    arb_mat_clear(P);
}

/* ρ0's local entries: ρ_k = V R Vᵀ with R = ⊕_c ρ_c; W = V R (complex, only
 * the cluster blocks of R), then ⟨s|ρ|s'⟩ = Σ_b W(s, b) V(s', b).  With
 * blocks_re ≠ NULL the whole sector blocks are kept too. */
static void local_from_clusters(ng_engine_local_t L, ng_mat_struct *blocks_re,
                                ng_mat_struct *blocks_im, const arb_mat_struct *V,
                                const system_ctx *S, const arb_mat_struct *x, const arb_t scale,
                                const ng_ring_t R, slong prec)
{
    const _ng_hilbert *H = S->H;
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    for (int k = 0; k <= H->N; k++) {
        slong d = H->sec_dim[k];
        arb_mat_t Wre, Wim;
        arb_mat_init(Wre, d, d);
        arb_mat_init(Wim, d, d);
        for (slong c = 0; c < S->C[k].n; c++) {
            slong j0 = S->C[k].start[c], m = S->C[k].start[c + 1] - j0, p0 = S->poff[k][c];
            for (slong a = 0; a < m; a++)
                for (slong b = 0; b < m; b++) {
                    /* ρ_c(a, b) = re + i im */
                    arb_srcptr re, im;
                    int sign = 1;
                    if (a == b) {
                        re = arb_mat_entry(x + k, p0 + a, 0);
                        im = NULL;
                    } else {
                        slong p = pair_index(FLINT_MIN(a, b), FLINT_MAX(a, b), m);
                        re = arb_mat_entry(x + k, p0 + p, 0);
                        im = arb_mat_entry(x + k, p0 + p + 1, 0);
                        sign = a < b ? 1 : -1;
                    }
                    for (slong i = 0; i < d; i++) {
                        arb_srcptr v = arb_mat_entry(V + k, i, j0 + a);
                        arb_mul(t, v, re, prec);
                        arb_mul(t, t, scale, prec);
                        arb_add(arb_mat_entry(Wre, i, j0 + b), arb_mat_entry(Wre, i, j0 + b), t,
                                prec);
                        if (im != NULL) {
                            arb_mul(t, v, im, prec);
                            arb_mul(t, t, scale, prec);
                            (sign > 0 ? arb_add : arb_sub)(arb_mat_entry(Wim, i, j0 + b),
                                                           arb_mat_entry(Wim, i, j0 + b), t, prec);
                        }
                    }
                }
        }
        for (slong i = 0; i < d; i++) {
            ulong s = H->states[H->sec_off[k] + i];
            arb_dot(t, NULL, 0, Wre->rows[i], 1, V[k].rows[i], 1, d, prec);
            ng_elem_set_arb(ng_vec_entry(L->diag, s, R), t, R);
            for (int l = 0; l + 1 < H->N; l++) {
                ulong s2 = s ^ (UWORD(3) << l);
                slong h = _ng_local_hop(L, s, l);
                if (_ng_sector(s2) != k)
                    continue;
                arb_dot(t, NULL, 0, Wre->rows[i], 1, V[k].rows[H->pos[s2]], 1, d, prec);
                arb_dot(u, NULL, 0, Wim->rows[i], 1, V[k].rows[H->pos[s2]], 1, d, prec);
                ng_elem_set_arb(ng_vec_entry(L->hop_re, h, R), t, R);
                ng_elem_set_arb(ng_vec_entry(L->hop_im, h, R), u, R);
            }
        }
        if (blocks_re != NULL)
            state_block(blocks_re + k, blocks_im + k, Wre, Wim, V + k, R, prec);
        arb_mat_clear(Wre);
        arb_mat_clear(Wim);
    }
    arb_clear(t);
    arb_clear(u);
}

/* res->levels (multiplicity > 1), res->sectors (the cluster structure), the
 * smallest spacing and dim Im P1. */
static void record_clusters(ng_engine_rho0_t res, arb_ptr *E, const _ng_sector_clusters *C,
                            const _ng_hilbert *H, slong prec)
{
    int N = H->N;
    arb_t g;
    arb_init(g);
    res->dim_p1 = 0;
    res->have_spacing = 0;
    res->nsectors = N + 1;
    res->sectors = flint_calloc(N + 1, sizeof(ng_engine_sector_info));
    for (int k = 0; k <= N; k++) {
        ng_engine_sector_info *si = res->sectors + k;
        int basis = C[k].qr ? NG_ENGINE_BASIS_QR : NG_ENGINE_BASIS_REFINED;
        si->sector = k;
        si->dim = H->sec_dim[k];
        si->ndistinct = C[k].n;
        si->basis = basis;
        si->maxmult = 0;
        for (slong c = 0; c < C[k].n; c++) {
            slong j0 = C[k].start[c], m = C[k].start[c + 1] - j0;
            si->maxmult = FLINT_MAX(si->maxmult, m);
            res->dim_p1 += m * m;
            if (m > 1) {
                ng_engine_level *lv;
                res->levels = flint_realloc(res->levels,
                                            (res->nlevels + 1) * sizeof(ng_engine_level));
                lv = res->levels + res->nlevels++;
                lv->magnetisation = N - 2 * k;
                lv->sector = k;
                lv->index = c;
                lv->basis = basis;
                lv->multiplicity = m;
                arb_init(lv->value);
                arb_set(lv->value, E[k] + j0);
                res->degenerate = 1;
            }
            if (c + 1 < C[k].n) {
                arb_sub(g, E[k] + C[k].start[c + 1], E[k] + j0, prec);
                if (!res->have_spacing || arf_cmp(arb_midref(g), arb_midref(res->spacing)) < 0)
                    arb_swap(res->spacing, g);
                res->have_spacing = 1;
            }
        }
    }
    arb_clear(g);
}

/* The cost of the cluster equations from the dimensions known once the
 * clusters are (d_k = C(N, k), D_k = Σ_c m_c², n = Σ_{k≥1} D_k):
 *
 *   memory ≈ ball · (5 Σ d_k² + 4 Σ d_k d_{k+1} + 4 max d_k²)   V, Z_ν, P_ν, their
 *                                                        squares, ρ0's blocks
 *          + 8 (2 Σ D_k² + 4 Σ D_k D_{k+1} + n² + 512 n)      Ĝ, R_k, P_k, Q_k, C,
 *                                                        one chunk of CĜ
 *          [+ ball · (Σ D_k² + 2 Σ D_k D_{k+1})              G as balls, if kept]
 *   CPU    ≈ a · n (Σ D_k² + Σ D_k D_{k+1})   explicit C and CĜ by BLAS (solve_system)
 *          + b · (Σ D_k² + 2 Σ D_k D_{k+1})   assembly of the balls (add_map)
 *          + c · Σ d_k (d_k + 2 d_{k+1})       residuals (apply_sector), ~10 steps
 *          + e · Σ d_k³                        fixed-point products of bases, Z, P
 * with a, b, c, e fitted to N = 10 and 11 at θ = π/2 (bench/RESULTS.md, issue 12):
 * an estimate, not a bound. */
/* Fitted to the phases at N = 11 (C and θ 21 s, assembly 14 s, ten
 * residuals 16 s, the fixed-point products 14 s; n(ΣD² + ΣDD) = 1.76e11,
 * ΣD² + 2ΣDD = 3.36e7, Σ d(d + 2d') = 2.0e6, Σd³ = 2.8e8), within 20 % of
 * the phases at N = 10; memory: 1.28 GB against the 1.27 GB measured at
 * N = 11 (before P_k, Q_k). */
#define CLUSTER_COST_BLAS 1.2e-10
#define CLUSTER_COST_ASSEMBLY 4.2e-7
#define CLUSTER_COST_RESIDUAL 6e-6
#define CLUSTER_COST_PRODUCTS 5e-8

static void cluster_cost(double *bytes, double *balls, double *seconds, const slong *D,
                         const _ng_hilbert *H, slong prec)
{
    int N = H->N;
    slong limbs = (prec + FLINT_BITS - 1) / FLINT_BITS;
    double ball = sizeof(arb_struct) + (limbs > 2 ? 16.0 + 8.0 * limbs : 0.0);
    double d2 = 0, dd = 0, dmax = 0, d3 = 0, D2 = 0, DD = 0, n = 0, nb = 0;
    for (int k = 0; k <= N; k++) {
        double d = (double)H->sec_dim[k], Dk = (double)D[k];
        double dn = k < N ? (double)H->sec_dim[k + 1] : 0.0, Dn = k < N ? (double)D[k + 1] : 0.0;
        d2 += d * d;
        dd += d * dn;
        d3 += d * d * d;
        dmax = FLINT_MAX(dmax, d);
        D2 += Dk * Dk;
        DD += Dk * Dn;
        n += k >= 1 ? Dk : 0.0;
        nb += d * (d + 2.0 * dn);
    }
    *bytes = ball * (5.0 * d2 + 4.0 * dd + 4.0 * dmax * dmax) +
             8.0 * (2.0 * D2 + 4.0 * DD + n * n + 512.0 * n);
    *balls = ball * (D2 + 2.0 * DD);
    *seconds = CLUSTER_COST_BLAS * n * (D2 + DD) + CLUSTER_COST_ASSEMBLY * (D2 + 2.0 * DD) +
               CLUSTER_COST_RESIDUAL * nb + CLUSTER_COST_PRODUCTS * d3;
}

/* Says the estimate on the progress stream and refuses (NG_EINPUT, exit 2)
 * when the memory estimate exceeds opts->max_bytes. */
/* The equations' blocks are also kept as balls (faster residuals in the
 * refinement, reduced_residual) when that costs at most this much memory
 * (about N = 10 at θ = π/2) and fits the budget. */
#define CLUSTER_BALLS_MAX_BYTES 1073741824.0

static ng_status cluster_check_cost(int *keep_balls, const slong *D, slong dim_p1,
                                    const _ng_hilbert *H, slong prec, const ng_engine_opts *opts)
{
    double bytes, balls, seconds;
    cluster_cost(&bytes, &balls, &seconds, D, H, prec);
    *keep_balls = balls <= CLUSTER_BALLS_MAX_BYTES &&
                  (opts->max_bytes <= 0 || bytes + balls <= opts->max_bytes);
    if (*keep_balls)
        bytes += balls;
    if (opts->progress != NULL)
        fprintf(opts->progress, "  cluster equations: about %.0f MiB of memory and, roughly, "
                                "%.0f s of CPU time from here (an estimate, not a bound)\n",
                bytes / 1048576.0, seconds);
    if (opts->max_bytes > 0 && bytes > opts->max_bytes)
        return ng_error(NG_EINPUT, "N = %d is too large: the cluster equations of rho0 "
                                   "(degenerate levels, dim Im P1 = %ld) would need about "
                                   "%.3g GiB of memory (budget %.3g GiB)",
                        H->N, (long)dim_p1, bytes / 1073741824.0,
                        opts->max_bytes / 1073741824.0);
    return NG_OK;
}

ng_status _ng_engine_rho0_cluster(ng_engine_rho0_t res, const ng_model_t M, const slong *g,
                                  slong prec, int *retry, const ng_engine_opts *opts)
{
    const ng_ring_struct *MR = M->R;
    int N = M->N;
    _ng_hilbert H;
    _ng_terms T, T2;
    ng_op_t H1, H2;
    arb_ptr *E;
    arb_mat_struct *V, *x;
    _ng_sector_clusters *C;
    system_ctx S;
    ng_status st = NG_OK;
    int keep_balls = 0;
    arb_t tr;

    *retry = 0;
    _ng_hilbert_init(&H, N);
    ng_op_init(H1, N, NG_PAULI, MR);
    ng_op_init(H2, N, NG_PAULI, MR);
    ng_model_h1(H1, M);
    _ng_terms_init(&T, H1, MR);
    _ng_eigensystem_init(&E, &V, &H);
    C = flint_calloc(N + 1, sizeof(_ng_sector_clusters));
    arb_init(tr);
    res->route = NG_ENGINE_CLUSTER;
    res->prec = prec;
    res->structure_exact = 1;

    st = ng_engine_h2(H2, M);
    _ng_terms_init(&T2, H2, MR);
    if (st == NG_OK && !_ng_engine_cluster_eigensystem(E, V, C, &T, &H, g, prec, opts->progress)) {
        *retry = 1;
        st = ng_error(NG_ECOMPUTE, "the clusters of equal levels of P0 H1 P0 cannot be "
                                   "certified at %ld bits", (long)prec);
    }
    if (st != NG_OK) {
        _ng_terms_clear(&T2, MR);
        goto cleanup;
    }
    record_clusters(res, E, C, &H, prec);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  dim Im P1 = %ld (2^N = %ld)\n", (long)res->dim_p1,
                (long)H.dim);
    /* progress weights: wall time at N = 12 (203 s, the runs where progress
     * matters): level counts and clusters 7 %, H_2 4 %, bath operators 12 %,
     * assembly 18 %, solution 59 % (at N = 10: 10, 8, 13, 22, 47 %) */
    _ng_engine_progress(opts, 0.07, "clusters of P0 H1 P0");

    S.H = &H;
    S.C = C;
    S.D = flint_calloc(N + 1, sizeof(slong));
    S.poff = flint_malloc((N + 1) * sizeof(slong *));
    for (int k = 0; k <= N; k++) {
        S.poff[k] = flint_malloc(FLINT_MAX(C[k].n, 1) * sizeof(slong));
        for (slong c = 0; c < C[k].n; c++) {
            slong m = C[k].start[c + 1] - C[k].start[c];
            S.poff[k][c] = S.D[k];
            S.D[k] += m * m;
        }
    }
    st = cluster_check_cost(&keep_balls, S.D, res->dim_p1, &H, prec, opts);
    if (st != NG_OK) {
        for (int k = 0; k <= N; k++)
            flint_free(S.poff[k]);
        flint_free(S.poff);
        flint_free(S.D);
        _ng_terms_clear(&T2, MR);
        goto cleanup;
    }
    S.K = flint_malloc((N + 1) * sizeof(acb_mat_struct *));
    for (int k = 0; k <= N; k++) {
        S.K[k] = flint_malloc(FLINT_MAX(C[k].n, 1) * sizeof(acb_mat_struct));
        h2_cluster_blocks(S.K[k], &T2, V + k, C + k, k, &H, MR, prec);
    }
    _ng_terms_clear(&T2, MR);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  H_2 on the clusters (%.2f s CPU)\n", cpu_seconds());
    _ng_engine_progress(opts, 0.11, "H_2 on the clusters");
    for (int nu = 0; nu < 2; nu++) {
        bath_init(S.B + nu, M, nu, prec);
        S.Z[nu] = flint_malloc((N + 1) * sizeof(arb_mat_struct));
        S.P[nu] = flint_malloc((N + 1) * sizeof(arb_mat_struct));
        S.Zsq[nu] = flint_malloc((N + 1) * sizeof(arb_mat_struct));
        S.Psq[nu] = flint_malloc((N + 1) * sizeof(arb_mat_struct));
        for (int k = 0; k <= N; k++) {
            arb_mat_init(S.Z[nu] + k, H.sec_dim[k], H.sec_dim[k]);
            sigma_z_block(S.Z[nu] + k, V + k, S.B[nu].edge, k, &H, prec);
            arb_mat_init(S.Zsq[nu] + k, H.sec_dim[k], H.sec_dim[k]);
            entries_squared(S.Zsq[nu] + k, S.Z[nu] + k, prec);
            if (k > 0) {
                arb_mat_init(S.P[nu] + k, H.sec_dim[k - 1], H.sec_dim[k]);
                sigma_plus_block(S.P[nu] + k, V, S.B[nu].edge, k, &H, prec);
                arb_mat_init(S.Psq[nu] + k, H.sec_dim[k - 1], H.sec_dim[k]);
                entries_squared(S.Psq[nu] + k, S.P[nu] + k, prec);
            }
        }
    }
    if (opts->progress != NULL)
        fprintf(opts->progress, "  bath operators on the clusters (%.2f s CPU)\n", cpu_seconds());
    _ng_engine_progress(opts, 0.23, "bath operators on the clusters");
    S.diag = flint_malloc((N + 1) * sizeof(dblock));
    S.up = flint_malloc(N * sizeof(dblock));
    S.down = flint_malloc(N * sizeof(dblock));
    S.bdiag = S.bup = S.bdown = NULL;
    if (keep_balls) {
        S.bdiag = flint_malloc((N + 1) * sizeof(arb_mat_struct));
        S.bup = flint_malloc(N * sizeof(arb_mat_struct));
        S.bdown = flint_malloc(N * sizeof(arb_mat_struct));
    }
    x = flint_malloc((N + 1) * sizeof(arb_mat_struct));
    for (int k = 0; k <= N; k++) {
        dblock_init(S.diag + k, S.D[k], S.D[k]);
        arb_mat_init(x + k, S.D[k], 1);
        if (k < N) {
            dblock_init(S.up + k, S.D[k], S.D[k + 1]);
            dblock_init(S.down + k, S.D[k + 1], S.D[k]);
        }
        if (keep_balls) {
            arb_mat_init(S.bdiag + k, S.D[k], S.D[k]);
            if (k < N) {
                arb_mat_init(S.bup + k, S.D[k], S.D[k + 1]);
                arb_mat_init(S.bdown + k, S.D[k + 1], S.D[k]);
            }
        }
    }
    assemble(&S, prec);
    if (opts->progress != NULL)
        fprintf(opts->progress, "  cluster equations assembled (%.2f s CPU)\n", cpu_seconds());
    _ng_engine_progress(opts, 0.41, "cluster equations assembled");
    if (S.D[0] != 1 || !solve_system(x, &S, prec, opts->progress)) {
        /* θ comes from the double-precision factors: more bits do not help */
        st = ng_error(NG_ECOMPUTE, "zeroth order: the cluster equations P1 [L2 + i[H_2, .]] P1 "
                                   "rho0 = 0 cannot be certified uniquely solvable (rho0 not "
                                   "unique, or too ill-conditioned for double-precision "
                                   "preconditioning)");
    } else {
        for (int k = 0; k <= N; k++) /* Tr ρ0 = Σ_c Tr ρ_c */
            for (slong c = 0; c < C[k].n; c++)
                for (slong a = 0; a < C[k].start[c + 1] - C[k].start[c]; a++)
                    arb_add(tr, tr, arb_mat_entry(x + k, S.poff[k][c] + a, 0), prec);
        if (!arb_is_nonzero(tr)) {
            *retry = 1;
            st = ng_error(NG_ECOMPUTE, "zeroth order: Tr rho0 cannot be certified nonzero");
        } else {
            arb_inv(tr, tr, prec);
            ng_mat_struct *re = NULL, *im = NULL;
            if (opts->keep_state)
                _ng_blocks_init(&re, &im, &H, res->R);
            local_from_clusters(res->local, re, im, V, &S, x, tr, res->R, prec);
            _ng_obs_from_local(res->obs, res->local, &H, res->R);
            if (opts->keep_state) {
                _ng_engine_state_from_blocks(res, &re, &im, N);
                _ng_blocks_clear(re, im, N, res->R);
            }
        }
    }
    if (opts->progress != NULL)
        fprintf(opts->progress, "  cluster equations solved (%.2f s CPU)\n", cpu_seconds());
    _ng_engine_progress(opts, 1.0, "cluster equations solved");

    for (int k = 0; k <= N; k++) {
        dblock_clear(S.diag + k);
        arb_mat_clear(x + k);
        if (k < N) {
            dblock_clear(S.up + k);
            dblock_clear(S.down + k);
        }
        if (keep_balls) {
            arb_mat_clear(S.bdiag + k);
            if (k < N) {
                arb_mat_clear(S.bup + k);
                arb_mat_clear(S.bdown + k);
            }
        }
        for (slong c = 0; c < C[k].n; c++)
            acb_mat_clear(S.K[k] + c);
        flint_free(S.K[k]);
        flint_free(S.poff[k]);
    }
    for (int nu = 0; nu < 2; nu++) {
        for (int k = 0; k <= N; k++) {
            arb_mat_clear(S.Z[nu] + k);
            arb_mat_clear(S.Zsq[nu] + k);
            if (k > 0) {
                arb_mat_clear(S.P[nu] + k);
                arb_mat_clear(S.Psq[nu] + k);
            }
        }
        flint_free(S.Z[nu]);
        flint_free(S.P[nu]);
        flint_free(S.Zsq[nu]);
        flint_free(S.Psq[nu]);
        bath_clear(S.B + nu);
    }
    flint_free(S.diag);
    flint_free(S.up);
    flint_free(S.down);
    flint_free(S.bdiag);
    flint_free(S.bup);
    flint_free(S.bdown);
    flint_free(S.K);
    flint_free(S.poff);
    flint_free(S.D);
    flint_free(x);

cleanup:
    for (int k = 0; k <= N; k++)
        flint_free(C[k].start);
    flint_free(C);
    arb_clear(tr);
    _ng_eigensystem_clear(E, V, &H);
    _ng_terms_clear(&T, MR);
    ng_op_clear(H1, MR);
    ng_op_clear(H2, MR);
    _ng_hilbert_clear(&H);
    return st;
}
