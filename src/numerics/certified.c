/* ng_ness_certify: a certified enclosure of the NESS of
 * L = L0 + λL1 + λ²L2 at a given λ (a ball), for N ≤ NG_NESS_CERT_MAX_N.
 *
 * Real formulation.  A Hermitian ρ = Σ_S x_S S in the ladder basis has
 * x_{S†} = conj(x_S); its real coordinates on the basis
 *     S            (S = S†: strings of 1 and σ^z),
 *     S + S†       (position of S, the smaller index of the pair),
 *     i(S − S†)    (position of S†)
 * form a real vector x of length 4^N, and L (Hermiticity-preserving) is a
 * real sparse matrix on it, built column by column from the exact maps of
 * superop.h in the model's ring.  Every basis element except the identity is
 * traceless, and Tr Lρ = 0, so replacing the identity row of L by e_1^T
 * gives the bordered system  A x = e_1  with x_1 = 1, i.e. Tr ρ = 2^N: then
 * ⟨P⟩ of the normalised state is the Pauli coefficient of ρ, and
 * t_l = −x_{σ^z_l}.
 *
 * Scaling.  A ladder string has a definite charge n₊ − n₋, so the split of
 * Sect. III into P0 (charge 0) and Q0 is a split of coordinates.  With
 * 2^e ≈ 1/λ the rows of P0 are multiplied by 2^{2e}, those of Q0 by 2^e, and
 * the Q0 columns by 2^{−e} (Q0 ρ = O(λ)):  Â = D1 A D2,  Â y = e_1,
 * x = D2 y — exact powers of two, so nothing is rounded.  Â's blocks are
 * [[L1/λ + L2, L1], [L1, L0]] + O(λ): its condition grows like ‖L1‖/λ over
 * the rate equation's smallest singular value instead of like 1/λ² (the
 * P1 / (P0 − P1) split of P0 is not one of coordinates and is left alone).
 *
 * Certificate (Krawczyk / Neumann series, e.g. Rump, Acta Numerica 2010,
 * Sect. 10).  R ≈ Â^{-1} in double (LAPACK dgetrf + dgetri on the rounded
 * midpoints).  β := ‖I − R Â‖_1 is bounded from above in double with the a
 * priori bound of floating-point dot products, |fl(xᵀy) − xᵀy| ≤ γ_k |x|ᵀ|y|,
 * γ_k = ku/(1 − ku) (Higham, Accuracy and Stability, Eq. 3.5; any order of
 * summation, with or without fma), plus Σ|R| rad(Â) for the balls of Â.  If
 * β < 1, Â is invertible (the steady state is unique) and for any ỹ
 *     ‖y − ỹ‖_1 ≤ ‖R r‖_1 / (1 − β),   r = e_1 − Â ỹ,
 * since y − ỹ = R r + (I − RÂ)(y − ỹ).  ỹ is refined with r evaluated in
 * ball arithmetic at the working precision (r_{k+1} = r_k − Â R r_k shrinks
 * by about β a step), so the radius is limited by that precision and not by
 * the conditioning.  Nonnegative sums computed in double are inflated by
 * 1 + 4Ku for K operations (round to nearest assumed; 1/(1 − u)^K ≤ 1 + 2Ku
 * for Ku ≤ 1/2); the last combination is in mag arithmetic (rounds up). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nessgen/superop.h"
#include "internal.h"

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetri_(const int *n, double *a, const int *lda, const int *ipiv, double *work,
             const int *lwork, int *info);

#define U_ROUND 0x1p-53

/* Ladder string of index k: letter of site l = (k >> 2l) & 3 in the (x,z)
 * order of pauli.h (0: 1, 1: σ+, 2: σ−, 3: σ^z; the Pauli letters 0, x, y, z
 * share the encoding). */
static ng_string string_of(slong k, int N)
{
    ng_string s = {0, 0};
    for (int l = 0; l < N; l++)
        ng_string_set_letter(&s, l, (int)((k >> (2 * l)) & 3));
    return s;
}

static slong index_of(ng_string s, int N)
{
    slong k = 0;
    for (int l = 0; l < N; l++)
        k |= (slong)ng_string_get_letter(s, l) << (2 * l);
    return k;
}

/* Index of S† (σ+ ↔ σ−). */
static slong adjoint_index(slong k, int N)
{
    slong a = 0;
    for (int l = 0; l < N; l++) {
        slong c = (k >> (2 * l)) & 3;
        a |= (c == 1 ? 2 : c == 2 ? 1 : c) << (2 * l);
    }
    return a;
}

static int charge(slong k, int N)
{
    int q = 0;
    for (int l = 0; l < N; l++) {
        slong c = (k >> (2 * l)) & 3;
        q += c == 1 ? 1 : c == 2 ? -1 : 0;
    }
    return q;
}

/* The basis element of position j as a ladder-basis operator. */
static void basis_element(ng_op_t B, slong j, int N, const ng_ring_t R)
{
    slong a = adjoint_index(j, N);
    ng_op_zero(B, R);
    if (a == j) {
        ng_op_push_si(B, string_of(j, N), 0, 1, R);
    } else if (j < a) { /* S + S† */
        ng_op_push_si(B, string_of(j, N), 0, 1, R);
        ng_op_push_si(B, string_of(a, N), 0, 1, R);
    } else { /* i(S − S†), S = string a */
        ng_op_push_si(B, string_of(a, N), 1, 1, R);
        ng_op_push_si(B, string_of(j, N), 1, -1, R);
    }
    ng_op_canonicalise(B, R);
}

/* x += c · coords(X) for a Hermitian ladder-basis X: the coefficient of the
 * smaller string of each pair carries Re (position S) and Im (position S†). */
static int add_coords(arb_ptr x, const ng_op_t X, const arb_t c, int N, slong prec,
                      const ng_ring_t R, arb_t tmp)
{
    for (slong q = 0; q < X->length; q++) {
        slong k = index_of(X->keys[q].s, N), a = adjoint_index(k, N), pos;
        if (k > a || (k == a && X->keys[q].im))
            continue; /* fixed by Hermiticity (exactly zero for k == a, im) */
        pos = X->keys[q].im ? a : k;
        if (!ng_elem_get_arb(tmp, ng_vec_srcentry(X->coeffs, q, R), prec, R))
            return 0;
        arb_addmul(x + pos, tmp, c, prec);
    }
    return 1;
}

typedef struct {
    slong len;
    slong *row;
    arb_ptr val;  /* Â entries (balls) */
    double *mid;  /* rounded midpoints */
    double *rad;  /* |Â_kj − mid| ≤ rad */
} sparse_col;

static void col_clear(sparse_col *c)
{
    free(c->row);
    if (c->val != NULL)
        _arb_vec_clear(c->val, c->len);
    free(c->mid);
    free(c->rad);
}

static arf_ptr arf_vec_new(slong n)
{
    arf_ptr v = flint_malloc((size_t)n * sizeof(arf_struct));
    for (slong i = 0; i < n; i++)
        arf_init(v + i);
    return v;
}

static void arf_vec_free(arf_ptr v, slong n)
{
    for (slong i = 0; i < n; i++)
        arf_clear(v + i);
    flint_free(v);
}

typedef struct {
    int N;
    slong n;
    int e;              /* 2^e ≈ 1/λ */
    int *q0;            /* coordinate in Q0 */
    sparse_col *col;
} system_t;

static int row_shift(const system_t *A, slong k)
{
    return k == 0 ? 0 : A->q0[k] ? A->e : 2 * A->e;
}

static int col_shift(const system_t *A, slong j)
{
    return A->q0[j] ? -A->e : 0;
}

/* Column j of Â from the columns of L0, L1, L2 (x0, x1, x2, dense scratch). */
static void store_column(system_t *A, slong j, arb_ptr x0, arb_ptr x1, arb_ptr x2,
                         const arb_t lambda, slong prec)
{
    slong n = A->n, len = 0;
    sparse_col *c = A->col + j;
    arb_t l2, v, d;
    mag_t m;
    mag_init(m);
    arb_init(l2);
    arb_init(v);
    arb_init(d);
    arb_sqr(l2, lambda, prec);
    for (slong k = 1; k < n; k++) /* row 0 (the identity) is the border */
        if (!arb_is_zero(x0 + k) || !arb_is_zero(x1 + k) || !arb_is_zero(x2 + k))
            len++;
    len += j == 0;
    c->len = len;
    c->row = malloc((size_t)len * sizeof(slong));
    c->val = _arb_vec_init(len);
    c->mid = malloc((size_t)len * sizeof(double));
    c->rad = malloc((size_t)len * sizeof(double));
    len = 0;
    for (slong k = 0; k < n; k++) {
        if (k == 0) {
            if (j != 0)
                continue;
            arb_one(v);
        } else {
            if (arb_is_zero(x0 + k) && arb_is_zero(x1 + k) && arb_is_zero(x2 + k))
                continue;
            arb_mul(v, x1 + k, lambda, prec);
            arb_add(v, v, x0 + k, prec);
            arb_addmul(v, x2 + k, l2, prec);
            arb_mul_2exp_si(v, v, row_shift(A, k) + col_shift(A, j));
        }
        c->row[len] = k;
        arb_swap(c->val + len, v);
        c->mid[len] = arf_get_d(arb_midref(c->val + len), ARF_RND_NEAR);
        arb_set_d(d, c->mid[len]);
        arb_sub(d, c->val + len, d, prec);
        arb_get_mag(m, d);
        c->rad[len] = mag_get_d(m); /* an upper bound */
        len++;
    }
    arb_clear(l2);
    arb_clear(v);
    arb_clear(d);
    mag_clear(m);
}

/* Â from the model: 3 · 4^N applications of the exact superoperators. */
static ng_status build_system(system_t *A, const ng_model_t M, const arb_t lambda, slong prec)
{
    int N = M->N;
    slong n = A->n;
    ng_status st = NG_OK;
    ng_superop_ctx_t L;
    ng_op_t B, P, Y, Z;
    arb_ptr x[3];
    arb_t one, tmp;
    ng_superop_fn map[3] = {ng_superop_l0, ng_superop_l1, ng_superop_l2};
    ng_superop_ctx_init(L, M);
    ng_op_init(B, N, NG_LADDER, M->R);
    ng_op_init(P, N, NG_PAULI, M->R);
    ng_op_init(Y, N, NG_PAULI, M->R);
    ng_op_init(Z, N, NG_LADDER, M->R);
    arb_init(one);
    arb_init(tmp);
    arb_one(one);
    for (int m = 0; m < 3; m++)
        x[m] = _arb_vec_init(n);
    for (slong j = 0; j < n && st == NG_OK; j++) {
        basis_element(B, j, N, M->R);
        ng_op_to_pauli(P, B, M->R);
        for (int m = 0; m < 3 && st == NG_OK; m++) {
            _arb_vec_zero(x[m], n);
            map[m](Y, P, L);
            ng_op_to_ladder(Z, Y, M->R);
            if (!add_coords(x[m], Z, one, N, prec, M->R, tmp))
                st = ng_error(NG_EINPUT, "ness certified: the model has a coefficient "
                                         "that is not a number");
        }
        if (st == NG_OK)
            store_column(A, j, x[0], x[1], x[2], lambda, prec);
    }
    for (int m = 0; m < 3; m++)
        _arb_vec_clear(x[m], n);
    arb_clear(one);
    arb_clear(tmp);
    ng_op_clear(B, M->R);
    ng_op_clear(P, M->R);
    ng_op_clear(Y, M->R);
    ng_op_clear(Z, M->R);
    ng_superop_ctx_clear(L);
    return st;
}

/* An upper bound of a nonnegative double expression computed with at most
 * k roundings to nearest (see the head of the file). */
static double inflate(double v, double k)
{
    return v * (1.0 + 4.0 * (k + 2.0) * U_ROUND) + 0x1p-1000;
}

typedef struct {
    const system_t *A;
    const double *R;
    double *colsum;
} beta_args;

/* colsum[j] ≥ Σ_i |(I − R Â)_ij| for every Â in the balls. */
static void beta_cols(slong j0, slong j1, void *p)
{
    const beta_args *b = p;
    slong n = b->A->n;
    double *s = malloc((size_t)n * sizeof(double)), *g = malloc((size_t)n * sizeof(double));
    for (slong j = j0; j < j1; j++) {
        const sparse_col *c = b->A->col + j;
        double m1 = (double)(c->len + 1), gam = m1 * U_ROUND / (1.0 - m1 * U_ROUND) * 1.01;
        double sum = 0.0;
        memset(s, 0, (size_t)n * sizeof(double));
        memset(g, 0, (size_t)n * sizeof(double));
        for (slong q = 0; q < c->len; q++) {
            const double *Rk = b->R + n * c->row[q];
            double a = c->mid[q], w = gam * fabs(a) + c->rad[q];
            for (slong i = 0; i < n; i++) {
                s[i] += Rk[i] * a;
                g[i] += fabs(Rk[i]) * w;
            }
        }
        for (slong i = 0; i < n; i++)
            sum += fabs((i == j ? 1.0 : 0.0) - s[i]) + g[i];
        b->colsum[j] = inflate(sum + gam, (double)n + 2.0 * (double)c->len + 8.0);
    }
    free(s);
    free(g);
}

static double beta_bound(const system_t *A, const double *R)
{
    double beta = 0.0, *colsum = malloc((size_t)A->n * sizeof(double));
    beta_args b = {A, R, colsum};
    _ng_par_columns(A->n, beta_cols, &b);
    for (slong j = 0; j < A->n; j++)
        if (!(colsum[j] <= beta)) /* not fmax: a NaN column sum must win, not vanish */
            beta = colsum[j];
    free(colsum);
    return beta;
}

/* r = e_1 − Â ỹ in balls; returns max |mid r_k| (0 if it underflows). */
static double residual(arb_ptr r, const system_t *A, arf_srcptr y, slong prec)
{
    double mx = 0.0;
    _arb_vec_zero(r, A->n);
    arb_one(r);
    for (slong j = 0; j < A->n; j++) {
        const sparse_col *c = A->col + j;
        if (arf_is_zero(y + j))
            continue;
        for (slong q = 0; q < c->len; q++)
            arb_submul_arf(r + c->row[q], c->val + q, y + j, prec);
    }
    for (slong k = 0; k < A->n; k++)
        mx = fmax(mx, fabs(arf_get_d(arb_midref(r + k), ARF_RND_NEAR)));
    return mx;
}

/* d = R mid(r) (double). */
static void apply_r(double *d, const double *R, arb_srcptr r, double *rd, slong n)
{
    for (slong k = 0; k < n; k++)
        rd[k] = arf_get_d(arb_midref(r + k), ARF_RND_NEAR);
    memset(d, 0, (size_t)n * sizeof(double));
    for (slong k = 0; k < n; k++)
        if (rd[k] != 0.0)
            for (slong i = 0; i < n; i++)
                d[i] += R[i + n * k] * rd[k];
}

/* ‖R r‖_1 ≤ Σ_k (Σ_i |R_ik|) |r_k|, in mag arithmetic over the column sums. */
static void rr_bound(mag_t res, const double *R, arb_srcptr r, slong n)
{
    mag_t t, rk;
    mag_init(t);
    mag_init(rk);
    mag_zero(res);
    for (slong k = 0; k < n; k++) {
        double cs = 0.0;
        arb_get_mag(rk, r + k);
        if (mag_is_zero(rk))
            continue;
        for (slong i = 0; i < n; i++)
            cs += fabs(R[i + n * k]);
        mag_set_d(t, inflate(cs, (double)n));
        mag_mul(t, t, rk);
        mag_add(res, res, t);
    }
    mag_clear(t);
    mag_clear(rk);
}

void ng_ness_cert_init(ng_ness_cert_t C)
{
    memset(C, 0, sizeof(ng_ness_cert_struct));
    C->beta = NAN;
}

void ng_ness_cert_clear(ng_ness_cert_t C)
{
    if (C->pauli != NULL)
        _arb_vec_clear(C->pauli, C->dim);
    if (C->t != NULL)
        _arb_vec_clear(C->t, C->N);
    C->pauli = NULL;
    C->t = NULL;
}

/* The Pauli coefficients of ρ = Σ x_j B_j (ladder → Pauli: σ^± = (σ^x ± iσ^y)/2),
 * i.e. ⟨P⟩ of the normalised state. */
static void pauli_from_coords(ng_ness_cert_t C, arb_srcptr x, slong prec)
{
    ng_ring_t R;
    ng_op_t X, P;
    ng_ptr v;
    arb_t a;
    int N = C->N;
    ng_ring_init_ball(R, prec);
    ng_op_init(X, N, NG_LADDER, R);
    ng_op_init(P, N, NG_PAULI, R);
    v = ng_elem_new(R);
    arb_init(a);
    for (slong j = 0; j < C->dim; j++) {
        slong adj = adjoint_index(j, N);
        if (arb_is_zero(x + j))
            continue;
        ng_elem_set_arb(v, x + j, R);
        if (adj == j) {
            ng_op_push(X, string_of(j, N), 0, v, R);
        } else if (j < adj) {
            ng_op_push(X, string_of(j, N), 0, v, R);
            ng_op_push(X, string_of(adj, N), 0, v, R);
        } else {
            ng_op_push(X, string_of(adj, N), 1, v, R);
            ng_elem_neg(v, v, R);
            ng_op_push(X, string_of(j, N), 1, v, R);
        }
    }
    ng_op_canonicalise(X, R);
    ng_op_to_pauli(P, X, R);
    for (slong q = 0; q < P->length; q++)
        if (!P->keys[q].im && ng_elem_get_arb(a, ng_vec_srcentry(P->coeffs, q, R), prec, R))
            arb_set(C->pauli + index_of(P->keys[q].s, N), a);
    arb_clear(a);
    ng_elem_free(v, R);
    ng_op_clear(X, R);
    ng_op_clear(P, R);
    ng_ring_clear(R);
}

void ng_ness_cert_expect(arb_t res, const ng_ness_cert_t C, ng_string P)
{
    arb_set(res, C->pauli + index_of(P, C->N));
}

/* ⟨P⟩ for the string of letters (one per site from site `first`, 0-based). */
static void expect_letters(arb_t res, const ng_ness_cert_t C, const char *letters, int first)
{
    ng_string P = {0, 0};
    for (int i = 0; letters[i] != '\0'; i++)
        ng_string_set_letter(&P, first + i,
                             letters[i] == 'x' ? NG_SX : letters[i] == 'y' ? NG_SY : NG_SZ);
    ng_ness_cert_expect(res, C, P);
}

static void set_sum(ng_ptr y, const ng_ness_cert_t C, const char *a, const char *b, int sign,
                    int first, const ng_ring_t R)
{
    arb_t u, v;
    arb_init(u);
    arb_init(v);
    expect_letters(u, C, a, first);
    expect_letters(v, C, b, first);
    if (sign > 0)
        arb_add(u, u, v, C->prec);
    else
        arb_sub(u, u, v, C->prec);
    ng_elem_set_arb(y, u, R);
    arb_clear(u);
    arb_clear(v);
}

void ng_ness_cert_obs(ng_engine_obs_t O, const ng_ness_cert_t C, const ng_ring_t R)
{
    int N = C->N;
    ng_elem_one(O->trace, R);
    for (int l = 0; l < N; l++)
        ng_elem_set_arb(ng_vec_entry(O->t, l, R), C->t + l, R);
    for (int l = 0; l + 1 < N; l++) {
        set_sum(ng_vec_entry(O->rho_a, l, R), C, "xx", "yy", 1, l, R);  /* Eq. 79 */
        set_sum(ng_vec_entry(O->rho_b, l, R), C, "xy", "yx", -1, l, R); /* Eq. 80 */
    }
    for (int l = 1; l + 1 < N; l++) {
        set_sum(ng_vec_entry(O->z_a, l - 1, R), C, "zxx", "zyy", 1, l - 1, R); /* Eq. 151 */
        set_sum(ng_vec_entry(O->a_z, l - 1, R), C, "xxz", "yyz", 1, l - 1, R); /* Eq. 152 */
    }
}

static ng_status check_input(const ng_model_t M, const arb_t lambda)
{
    if (M->N > NG_NESS_CERT_MAX_N)
        return ng_error(NG_EINPUT,
                        "ness certified: N = %d is too large (the certified solver takes "
                        "N <= %d: it inverts a dense 4^N x 4^N matrix)",
                        M->N, NG_NESS_CERT_MAX_N);
    if (!arb_is_positive(lambda) || !arb_is_finite(lambda))
        return ng_error(NG_EINPUT, "--lambda: expected a number > 0");
    if (arf_cmpabs_2exp_si(arb_midref(lambda), -480) < 0 ||
        arf_cmpabs_2exp_si(arb_midref(lambda), 480) > 0)
        return ng_error(NG_EINPUT, "--lambda: the certified solver scales by 1/lambda^2 in "
                                   "double precision and needs 1e-144 < lambda < 1e144");
    return NG_OK;
}

ng_status ng_ness_certify(ng_ness_cert_t C, const ng_model_t M, const arb_t lambda, slong prec)
{
    int N = M->N, info = 0, nn;
    slong n;
    system_t A;
    ng_status st = check_input(M, lambda);
    if (st != NG_OK)
        return st;
    n = (slong)1 << (2 * N);
    nn = (int)n;
    A.N = N;
    A.n = n;
    A.e = -(int)lround(log2(arf_get_d(arb_midref(lambda), ARF_RND_NEAR)));
    A.q0 = malloc((size_t)n * sizeof(int));
    A.col = calloc((size_t)n, sizeof(sparse_col));
    for (slong k = 0; k < n; k++)
        A.q0[k] = charge(k, N) != 0;
    double *R = malloc((size_t)(n * n) * sizeof(double));
    double *d = malloc((size_t)n * sizeof(double)), *rd = malloc((size_t)n * sizeof(double));
    int *ipiv = malloc((size_t)n * sizeof(int));
    arf_ptr y = arf_vec_new(n);
    arb_ptr r = _arb_vec_init(n);
    if (R == NULL) {
        st = ng_error(NG_ECOMPUTE, "ness certified: out of memory for N = %d", N);
        goto done;
    }
    ng_ness_cert_clear(C);
    C->N = N;
    C->dim = n;
    C->prec = prec;
    C->scale_exp = A.e;
    st = build_system(&A, M, lambda, prec);
    if (st != NG_OK)
        goto done;
    /* R ≈ Â^{-1} from the rounded midpoints */
    memset(R, 0, (size_t)(n * n) * sizeof(double));
    for (slong j = 0; j < n; j++)
        for (slong q = 0; q < A.col[j].len; q++)
            R[A.col[j].row[q] + n * j] = A.col[j].mid[q];
    dgetrf_(&nn, &nn, R, &nn, ipiv, &info);
    if (info == 0) {
        int lwork = -1;
        double wq;
        dgetri_(&nn, R, &nn, ipiv, &wq, &lwork, &info);
        lwork = (int)wq;
        double *work = malloc((size_t)lwork * sizeof(double));
        dgetri_(&nn, R, &nn, ipiv, work, &lwork, &info);
        free(work);
    }
    if (info != 0) {
        st = ng_error(NG_ECOMPUTE, "ness certified: the bordered Liouvillian is singular in "
                                   "double precision at lambda = %g (the steady state is not "
                                   "unique, or lambda is too small to certify)",
                      arf_get_d(arb_midref(lambda), ARF_RND_NEAR));
        goto done;
    }
    C->beta = beta_bound(&A, R);
    if (!(C->beta < 1.0)) {
        st = ng_error(NG_ECOMPUTE,
                      "ness certified: cannot certify at lambda = %g: the bound on "
                      "||I - R A|| of the scaled system is %.3g >= 1 (the steady state is not "
                      "unique, or the system is too ill-conditioned for an approximate "
                      "inverse in double precision)",
                      arf_get_d(arb_midref(lambda), ARF_RND_NEAR), C->beta);
        goto done;
    }
    /* iterative refinement of ỹ with ball residuals */
    {
        double res = residual(r, &A, y, prec), prev = INFINITY;
        for (C->refinements = 0; C->refinements < 60 && res > 0.0 && res < 0.5 * prev;
             C->refinements++) {
            apply_r(d, R, r, rd, n);
            for (slong i = 0; i < n; i++) {
                arf_t t;
                arf_init(t);
                arf_set_d(t, d[i]);
                arf_add(y + i, y + i, t, prec, ARF_RND_NEAR);
                arf_clear(t);
            }
            prev = res;
            res = residual(r, &A, y, prec);
        }
    }
    {
        mag_t rad, den;
        mag_init(rad);
        mag_init(den);
        rr_bound(rad, R, r, n);
        mag_set_d_lower(den, (1.0 - C->beta) * (1.0 - 4.0 * U_ROUND));
        mag_div(rad, rad, den);
        C->radius = mag_get_d(rad);
        /* x = D2 y */
        arb_ptr x = _arb_vec_init(n);
        for (slong j = 0; j < n; j++) {
            arb_set_arf(x + j, y + j);
            arb_add_error_mag(x + j, rad);
            arb_mul_2exp_si(x + j, x + j, col_shift(&A, j));
        }
        C->pauli = _arb_vec_init(n);
        pauli_from_coords(C, x, prec);
        C->t = _arb_vec_init(N);
        for (int l = 0; l < N; l++) {
            ng_string z = {0, (uint64_t)1 << l};
            ng_ness_cert_expect(C->t + l, C, z);
            arb_neg(C->t + l, C->t + l);
        }
        _arb_vec_clear(x, n);
        mag_clear(rad);
        mag_clear(den);
    }
done:
    for (slong j = 0; j < n; j++)
        col_clear(A.col + j);
    free(A.col);
    free(A.q0);
    free(R);
    free(d);
    free(rd);
    free(ipiv);
    arf_vec_free(y, n);
    _arb_vec_clear(r, n);
    return st;
}
