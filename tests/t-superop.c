/* Tests for the superoperators L0, L1 = L_I + L_E, L2 = D_L + D_R and
 * (Q0 L0 Q0)^{-1} (Eqs. 7, 15–19, 40, 84–86), and the two-spin table of
 * Sect. IV B (Eqs. 87–95, 101–103).
 *
 * Second routes: the one-spin Gibbs state (Eq. 100) as the fixed point of
 * D_ν, decided symbolically; a small dense complex-rational model written out
 * from DESIGN §1 with 2×2 matrices (σ^± as |↑⟩⟨↓|, |↓⟩⟨↑|, not through the
 * Pauli expansion) for every map at a rational point; P0 on dense matrices as
 * "keep |s⟩⟨s'| with Σs = Σs'" (Eq. 73); and the paper's table derived densely
 * from random rational couplings, independently of the operator code. */
#include <string.h>

#include "ng_test.h"

#include "nessgen/kernel.h"
#include "nessgen/superop.h"

/* ---------------------------------------------------------- asserts */

static void check_zero(truth_t t, const ng_ring_t R, const char *what, const ng_op_t A,
                       const char *file, int line)
{
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s:%d: expected %s == 0\n", file, line, what);
    if (A != NULL)
        ng_test_print_op(what, A, R);
    _fail(file, line);
}
#define ng_assert_op_zero(A, R)                                                          \
    check_zero(ng_op_is_zero((A), (R)), (R), #A, (A), __FILE__, __LINE__)
#define ng_assert_elem_zero(x, R)                                                        \
    check_zero(ng_elem_is_zero((x), (R)), (R), #x, NULL, __FILE__, __LINE__)

static void check_hermitian(const ng_op_t A, const ng_ring_t R, const char *what,
                            const char *file, int line)
{
    truth_t t = ng_op_is_hermitian(A, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s:%d: expected %s Hermitian\n", file, line, what);
    ng_test_print_op(what, A, R);
    _fail(file, line);
}
#define ng_assert_op_hermitian(A, R) check_hermitian((A), (R), #A, __FILE__, __LINE__)

static void check_elem_equal(ng_srcptr x, ng_srcptr y, const ng_ring_t R, const char *a,
                             const char *b, const char *file, int line)
{
    truth_t t = ng_elem_equal(x, y, R);
    if (t == T_TRUE || (!ng_ring_is_exact(R) && t == T_UNKNOWN))
        return;
    fprintf(stderr, "%s:%d: expected %s == %s\n", file, line, a, b);
    ng_test_print_elem(a, x, R);
    ng_test_print_elem(b, y, R);
    _fail(file, line);
}
#define ng_assert_elem_equal(x, y, R)                                                    \
    check_elem_equal((x), (y), (R), #x, #y, __FILE__, __LINE__)

/* ----------------------------------------------------------- models */

/* A rational point with every entry of α, X_ν, Ȳ_ν nonzero and distinct
 * bath data (generic preset, all symbols given values): the NG_QQ model. */
static const char *const qq_point[] = {
    "h",        "2/3",  "alpha_xx", "1/2",  "alpha_xy", "-1/3", "alpha_xz", "1/5",
    "alpha_yy", "3/4",  "alpha_yz", "-2/7", "alpha_zz", "5/6",  "XL_x",     "1/2",
    "XL_y",     "-1/4", "XL_z",     "2/3",  "XR_x",     "-3/5", "XR_y",     "1/3",
    "XR_z",     "1/7",  "YbarL",    "1/3",  "YbarR",    "-2/5", "cL",       "1",
    "cR",       "3/2",  "dL",       "1/2",  "dR",       "2",    "tL",       "1/3",
    "tR",       "-1/5", NULL};
/* The tilted Ising model with θ and t_ν free: Q(u_θ, tL, tR). */
static const char *const tilted_free[] = {"theta", "theta", "tL", "tL", "tR", "tR", NULL};

typedef struct {
    const char *label;
    const char *preset;
    const char *const *kv;
    ng_ring_kind kind;
} model_config;

/* The three number domains: a rational point, everything symbolic, and the
 * paper's figure parameters (θ = π/4, T_L = 3/2, T_R = 1/2: balls). */
static const model_config configs[] = {
    {"generic at a rational point", "generic", qq_point, NG_QQ},
    {"generic (symbolic)", "generic", NULL, NG_QQ_PARAMS},
    {"tilted-ising, paper parameters", "tilted-ising", NULL, NG_BALL},
};

static void resolve_model(ng_model_t M, const char *preset, int N, const char *const *kv)
{
    ng_model_spec *spec = ng_model_spec_new();
    char buf[16];
    ng_status st = ng_model_spec_set_preset(spec, preset);
    snprintf(buf, sizeof buf, "%d", N);
    if (st == NG_OK)
        st = ng_model_spec_set(spec, "N", buf);
    for (int i = 0; st == NG_OK && kv != NULL && kv[i] != NULL; i += 2)
        st = ng_model_spec_set(spec, kv[i], kv[i + 1]);
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, NG_TEST_PREC);
    ng_model_spec_free(spec);
    if (st != NG_OK) {
        fprintf(stderr, "model %s, N = %d: %s\n", preset, N, ng_error_message());
        fail();
    }
}

static ng_string one_site(int l, int letter)
{
    ng_string s = {0, 0};
    ng_string_set_letter(&s, l, letter);
    return s;
}

/* A random operator with small rational coefficients, mapped into R (so the
 * symbolic ring is not flooded with random rational functions). */
static void random_op(ng_op_t A, flint_rand_t st, int N, int hermitian, const ng_ring_t R)
{
    ng_ring_t Rq;
    ng_op_t T;
    ng_ring_init_qq(Rq);
    ng_op_init(T, N, NG_PAULI, Rq);
    ng_op_randtest(T, st, 1 + (slong)n_randint(st, 10), N, hermitian, Rq);
    ng_test_op_from_qq(A, T, Rq, R);
    A->nsites = N;
    ng_op_clear(T, Rq);
    ng_ring_clear(Rq);
}

/* ------------------------------------------------ the maps, by number */

enum { MAP_L0, MAP_L1, MAP_LI, MAP_LE, MAP_D, MAP_L2, MAP_BOND, MAP_LE_BATH, NMAPS };
static const char *const map_names[NMAPS] = {"L0", "L1", "L_I",        "L_E",
                                             "D",  "L2", "L_I(l,l+1)", "L_E(nu)"};

/* How many variants a map has (baths ν, bonds l). */
static int map_variants(int map, int N)
{
    return map == MAP_D || map == MAP_LE_BATH ? 2 : map == MAP_BOND ? N - 1 : 1;
}

static void apply_map(ng_op_t res, const ng_op_t rho, int map, int arg,
                      const ng_superop_ctx_t L)
{
    switch (map) {
    case MAP_L0:
        ng_superop_l0(res, rho, L);
        break;
    case MAP_L1:
        ng_superop_l1(res, rho, L);
        break;
    case MAP_LI:
        ng_superop_li(res, rho, L);
        break;
    case MAP_LE:
        ng_superop_le(res, rho, L);
        break;
    case MAP_D:
        ng_superop_dissipator(res, rho, arg, L);
        break;
    case MAP_L2:
        ng_superop_l2(res, rho, L);
        break;
    case MAP_BOND:
        ng_superop_li_bond(res, rho, arg, L);
        break;
    default:
        ng_superop_le_bath(res, rho, arg, L);
    }
}

/* --------------------------------------- a tiny dense helper (fmpq + i fmpq) */

typedef struct {
    slong n;
    fmpq *re, *im;
} dmat;

#define DRE(A, r, c) ((A)->re + (r) * (A)->n + (c))
#define DIM(A, r, c) ((A)->im + (r) * (A)->n + (c))

static void dm_init(dmat *A, slong n)
{
    A->n = n;
    A->re = _fmpq_vec_init(n * n);
    A->im = _fmpq_vec_init(n * n);
}

static void dm_clear(dmat *A)
{
    _fmpq_vec_clear(A->re, A->n * A->n);
    _fmpq_vec_clear(A->im, A->n * A->n);
}

static void dm_zero(dmat *A)
{
    for (slong e = 0; e < A->n * A->n; e++) {
        fmpq_zero(A->re + e);
        fmpq_zero(A->im + e);
    }
}

/* C += (a + ib) A */
static void dm_addmul(dmat *C, const dmat *A, const fmpq_t a, const fmpq_t b)
{
    for (slong e = 0; e < A->n * A->n; e++) {
        fmpq_addmul(C->re + e, A->re + e, a);
        fmpq_submul(C->re + e, A->im + e, b);
        fmpq_addmul(C->im + e, A->im + e, a);
        fmpq_addmul(C->im + e, A->re + e, b);
    }
}

static void dm_addmul_si(dmat *C, const dmat *A, slong a, slong b)
{
    fmpq_t qa, qb;
    fmpq_init(qa);
    fmpq_init(qb);
    fmpq_set_si(qa, a, 1);
    fmpq_set_si(qb, b, 1);
    dm_addmul(C, A, qa, qb);
    fmpq_clear(qa);
    fmpq_clear(qb);
}

/* C = A B; C must not alias A or B. */
static void dm_mul(dmat *C, const dmat *A, const dmat *B)
{
    slong n = A->n;
    dm_zero(C);
    for (slong r = 0; r < n; r++)
        for (slong c = 0; c < n; c++)
            for (slong k = 0; k < n; k++) {
                fmpq_addmul(DRE(C, r, c), DRE(A, r, k), DRE(B, k, c));
                fmpq_submul(DRE(C, r, c), DIM(A, r, k), DIM(B, k, c));
                fmpq_addmul(DIM(C, r, c), DRE(A, r, k), DIM(B, k, c));
                fmpq_addmul(DIM(C, r, c), DIM(A, r, k), DRE(B, k, c));
            }
}

/* C = A B − B A (C distinct from A, B). */
static void dm_comm(dmat *C, const dmat *A, const dmat *B)
{
    dmat T;
    dm_init(&T, A->n);
    dm_mul(C, A, B);
    dm_mul(&T, B, A);
    dm_addmul_si(C, &T, -1, 0);
    dm_clear(&T);
}

static void dm_adjoint(dmat *C, const dmat *A)
{
    for (slong r = 0; r < A->n; r++)
        for (slong c = 0; c < A->n; c++) {
            fmpq_set(DRE(C, c, r), DRE(A, r, c));
            fmpq_neg(DIM(C, c, r), DIM(A, r, c));
        }
}

static int dm_equal(const dmat *A, const dmat *B)
{
    for (slong e = 0; e < A->n * A->n; e++)
        if (!fmpq_equal(A->re + e, B->re + e) || !fmpq_equal(A->im + e, B->im + e))
            return 0;
    return 1;
}

static int dm_is_zero(const dmat *A)
{
    for (slong e = 0; e < A->n * A->n; e++)
        if (!fmpq_is_zero(A->re + e) || !fmpq_is_zero(A->im + e))
            return 0;
    return 1;
}

/* One-site matrices, row/column 0 = spin up (σ^z = +1), 1 = down, as
 * (re, im) integer pairs: σ^0, σ^x, σ^y, σ^z, σ^+ = |↑⟩⟨↓|, σ^- = |↓⟩⟨↑|. */
static void letter_entry(int *re, int *im, char letter, int r, int c)
{
    *re = *im = 0;
    switch (letter) {
    case '0':
        *re = r == c;
        break;
    case 'x':
        *re = r != c;
        break;
    case 'y':
        *im = r == c ? 0 : (r == 0 ? -1 : 1);
        break;
    case 'z':
        *re = r == c ? (r == 0 ? 1 : -1) : 0;
        break;
    case '+':
        *re = r == 0 && c == 1;
        break;
    default: /* '-' */
        *re = r == 1 && c == 0;
    }
}

/* A = (a + ib) × (the Kronecker product of the letters, site 1 first: site l
 * is bit N−1−l of an index) added to A. */
static void dm_add_string(dmat *A, const char *letters, const fmpq_t a, const fmpq_t b)
{
    int N = (int)strlen(letters);
    fmpq_t pr, pi;
    fmpq_init(pr);
    fmpq_init(pi);
    for (slong r = 0; r < A->n; r++)
        for (slong c = 0; c < A->n; c++) {
            int zr = 1, zi = 0; /* the product of the site entries */
            for (int l = 0; l < N && (zr || zi); l++) {
                int er, ei, t;
                letter_entry(&er, &ei, letters[l], (int)((r >> (N - 1 - l)) & 1),
                             (int)((c >> (N - 1 - l)) & 1));
                t = zr * er - zi * ei;
                zi = zr * ei + zi * er;
                zr = t;
            }
            if (zr == 0 && zi == 0)
                continue;
            /* (zr + i zi)(a + ib) */
            fmpq_mul_si(pr, a, zr);
            {
                fmpq_t t;
                fmpq_init(t);
                fmpq_mul_si(t, b, zi);
                fmpq_sub(pr, pr, t);
                fmpq_mul_si(pi, b, zr);
                fmpq_mul_si(t, a, zi);
                fmpq_add(pi, pi, t);
                fmpq_clear(t);
            }
            fmpq_add(DRE(A, r, c), DRE(A, r, c), pr);
            fmpq_add(DIM(A, r, c), DIM(A, r, c), pi);
        }
    fmpq_clear(pr);
    fmpq_clear(pi);
}

/* The letters of a one-site operator on site l of N: "00x0". */
static void site_letters(char *buf, int N, int l, char letter)
{
    memset(buf, '0', (size_t)N);
    buf[N] = '\0';
    if (l >= 0)
        buf[l] = letter;
}

/* The dense matrix of a Pauli-basis operator with rational coefficients. */
static void dm_from_op(dmat *A, const ng_op_t X, const ng_ring_t R)
{
    char letters[NG_MAX_SITES + 1];
    fmpq_t c, zero;
    fmpq_init(c);
    fmpq_init(zero);
    dm_zero(A);
    for (slong i = 0; i < X->length; i++) {
        assert_int_equal(X->basis, NG_PAULI);
        assert_true(ng_elem_get_fmpq(c, ng_vec_srcentry(X->coeffs, i, R), R));
        ng_string_get_str(letters, X->keys[i].s, X->nsites, NG_PAULI);
        if (X->keys[i].im)
            dm_add_string(A, letters, zero, c);
        else
            dm_add_string(A, letters, c, zero);
    }
    fmpq_clear(c);
    fmpq_clear(zero);
}

/* P0 on matrices: keep |s⟩⟨s'| with Σ s_l = Σ s'_l (Eq. 73). */
static void dm_p0(dmat *A)
{
    for (slong r = 0; r < A->n; r++)
        for (slong c = 0; c < A->n; c++)
            if (__builtin_popcountll((ulong)r) != __builtin_popcountll((ulong)c)) {
                fmpq_zero(DRE(A, r, c));
                fmpq_zero(DIM(A, r, c));
            }
}

/* Tr(A† B) */
static void dm_hs(fmpq_t re, fmpq_t im, const dmat *A, const dmat *B)
{
    fmpq_zero(re);
    fmpq_zero(im);
    for (slong e = 0; e < A->n * A->n; e++) {
        fmpq_addmul(re, A->re + e, B->re + e);
        fmpq_addmul(re, A->im + e, B->im + e);
        fmpq_addmul(im, A->re + e, B->im + e);
        fmpq_submul(im, A->im + e, B->re + e);
    }
}

/* −i[H, ρ] */
static void dm_flow(dmat *C, const dmat *H, const dmat *rho)
{
    dmat T;
    dm_init(&T, H->n);
    dm_comm(&T, H, rho);
    dm_zero(C);
    dm_addmul_si(C, &T, 0, -1);
    dm_clear(&T);
}

/* The model of DESIGN §1, written out densely from the model's numbers. */
typedef struct {
    int N;
    dmat h0, hi, he[2], x[2], s[2], sdag[2];
    dmat bond[3];
} dense_model;

static void get_q(fmpq_t q, ng_srcptr x, const ng_ring_t R)
{
    assert_true(ng_elem_get_fmpq(q, x, R));
}

static void dense_model_init(dense_model *D, const ng_model_t M)
{
    static const char axis[3] = {'x', 'y', 'z'};
    const ng_ring_struct *R = M->R;
    int N = M->N;
    slong n = WORD(1) << N;
    char buf[NG_MAX_SITES + 1];
    fmpq_t a, zero, w, u;
    fmpq_init(a);
    fmpq_init(zero);
    fmpq_init(w);
    fmpq_init(u);
    assert_true(N <= 4);
    D->N = N;
    dm_init(&D->h0, n);
    dm_init(&D->hi, n);
    for (int l = 0; l < N; l++) { /* H0 = h Σ σ^z_l */
        get_q(a, M->h, R);
        site_letters(buf, N, l, 'z');
        dm_add_string(&D->h0, buf, a, zero);
    }
    for (int l = 0; l + 1 < N; l++) { /* H_I(l,l+1) = Σ α_jk σ^j_l σ^k_{l+1} */
        dm_init(&D->bond[l], n);
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 3; k++) {
                get_q(a, ng_vec_srcentry(M->alpha, 3 * j + k, R), R);
                site_letters(buf, N, l, axis[j]);
                buf[l + 1] = axis[k];
                dm_add_string(&D->bond[l], buf, a, zero);
            }
        dm_addmul_si(&D->hi, &D->bond[l], 1, 0);
    }
    for (int nu = 0; nu < 2; nu++) {
        int e = nu == NG_LEFT ? 0 : N - 1;
        fmpq_t c, d, t, xx, xy, xz;
        fmpq_init(c);
        fmpq_init(d);
        fmpq_init(t);
        fmpq_init(xx);
        fmpq_init(xy);
        fmpq_init(xz);
        get_q(c, M->c[nu], R);
        get_q(d, M->d[nu], R);
        get_q(t, M->t[nu], R);
        get_q(xx, ng_vec_srcentry(M->x[nu], 0, R), R);
        get_q(xy, ng_vec_srcentry(M->x[nu], 1, R), R);
        get_q(xz, ng_vec_srcentry(M->x[nu], 2, R), R);
        dm_init(&D->x[nu], n);
        dm_init(&D->he[nu], n);
        dm_init(&D->s[nu], n);
        dm_init(&D->sdag[nu], n);
        /* X_ν = Σ_j x^j σ^j_e; H_E = Ȳ X_ν */
        for (int j = 0; j < 3; j++) {
            site_letters(buf, N, e, axis[j]);
            dm_add_string(&D->x[nu], buf, j == 0 ? xx : j == 1 ? xy : xz, zero);
        }
        get_q(a, M->ybar[nu], R);
        dm_addmul(&D->he[nu], &D->x[nu], a, zero);
        /* S = ½[d x^z σ^z + c(1−t)(x^x − i x^y)σ^+ + c(1+t)(x^x + i x^y)σ^-] */
        fmpq_mul(a, d, xz);
        fmpq_div_2exp(a, a, 1);
        site_letters(buf, N, e, 'z');
        dm_add_string(&D->s[nu], buf, a, zero);
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            fmpq_set_si(w, 1, 1);
            if (sgn < 0)
                fmpq_sub(w, w, t);
            else
                fmpq_add(w, w, t);
            fmpq_mul(w, w, c);
            fmpq_div_2exp(w, w, 1);
            fmpq_mul(a, w, xx);
            fmpq_mul(u, w, xy);
            if (sgn < 0)
                fmpq_neg(u, u);
            site_letters(buf, N, e, sgn < 0 ? '+' : '-');
            dm_add_string(&D->s[nu], buf, a, u);
        }
        dm_adjoint(&D->sdag[nu], &D->s[nu]);
        fmpq_clear(c);
        fmpq_clear(d);
        fmpq_clear(t);
        fmpq_clear(xx);
        fmpq_clear(xy);
        fmpq_clear(xz);
    }
    fmpq_clear(a);
    fmpq_clear(zero);
    fmpq_clear(w);
    fmpq_clear(u);
}

static void dense_model_clear(dense_model *D)
{
    dm_clear(&D->h0);
    dm_clear(&D->hi);
    for (int l = 0; l + 1 < D->N; l++)
        dm_clear(&D->bond[l]);
    for (int nu = 0; nu < 2; nu++) {
        dm_clear(&D->x[nu]);
        dm_clear(&D->he[nu]);
        dm_clear(&D->s[nu]);
        dm_clear(&D->sdag[nu]);
    }
}

/* D_ν ρ = −[X, Sρ] − [ρS†, X] (Eq. 7) */
static void dm_dissipator(dmat *C, const dense_model *D, int nu, const dmat *rho)
{
    dmat T, U;
    dm_init(&T, rho->n);
    dm_init(&U, rho->n);
    dm_zero(C);
    dm_mul(&T, &D->s[nu], rho);
    dm_comm(&U, &D->x[nu], &T);
    dm_addmul_si(C, &U, -1, 0);
    dm_mul(&T, rho, &D->sdag[nu]);
    dm_comm(&U, &T, &D->x[nu]);
    dm_addmul_si(C, &U, -1, 0);
    dm_clear(&T);
    dm_clear(&U);
}

static void dense_map(dmat *C, const dense_model *D, int map, int arg, const dmat *rho)
{
    dmat H, T;
    dm_init(&H, rho->n);
    dm_init(&T, rho->n);
    switch (map) {
    case MAP_L0:
        dm_flow(C, &D->h0, rho);
        break;
    case MAP_L1:
    case MAP_LI:
    case MAP_LE:
        if (map != MAP_LE)
            dm_addmul_si(&H, &D->hi, 1, 0);
        if (map != MAP_LI) {
            dm_addmul_si(&H, &D->he[0], 1, 0);
            dm_addmul_si(&H, &D->he[1], 1, 0);
        }
        dm_flow(C, &H, rho);
        break;
    case MAP_D:
        dm_dissipator(C, D, arg, rho);
        break;
    case MAP_L2:
        dm_dissipator(C, D, 0, rho);
        dm_dissipator(&T, D, 1, rho);
        dm_addmul_si(C, &T, 1, 0);
        break;
    case MAP_BOND:
        dm_flow(C, &D->bond[arg], rho);
        break;
    default:
        dm_flow(C, &D->he[arg], rho);
    }
    dm_clear(&H);
    dm_clear(&T);
}

/* ------------------------------------------------ D_ν(σ^0 − t_ν σ^z) = 0 */

static void gibbs_fixed_point(const char *preset, const char *const *kv, int N,
                              flint_rand_t st)
{
    ng_model_t M;
    ng_superop_ctx_t L;
    const ng_ring_struct *R;
    ng_op_t rho, res, Y, T;
    fmpq_t q;
    resolve_model(M, preset, N, kv);
    R = M->R;
    assert_int_equal(R->kind, NG_QQ_PARAMS);
    ng_superop_ctx_init(L, M);
    ng_op_init(rho, N, NG_PAULI, R);
    ng_op_init(res, N, NG_PAULI, R);
    ng_op_init(Y, N, NG_PAULI, R);
    ng_op_init(T, N, NG_PAULI, R);
    fmpq_init(q);
    for (int nu = 0; nu < 2; nu++) {
        int e = nu == NG_LEFT ? 0 : N - 1;
        ng_ptr mt = ng_elem_new(R);
        uint64_t others = ((UINT64_C(1) << N) - 1) & ~(UINT64_C(1) << e);
        /* t_ν is a free symbol here, so the identity holds for every t */
        assert_false(ng_elem_get_fmpq(q, M->t[nu], R));
        ng_elem_neg(mt, M->t[nu], R);
        ng_op_one(rho, N, R);
        ng_op_push(rho, one_site(e, NG_SZ), 0, mt, R);
        ng_op_canonicalise(rho, R);
        ng_superop_dissipator(res, rho, nu, L);
        ng_assert_op_zero(res, R);
        /* ⊗ anything on the other spins: D_ν acts on the edge spin only */
        for (int i = 0; i < 3; i++) {
            random_op(Y, st, N, (int)n_randint(st, 2), R);
            ng_op_project_sites(Y, Y, others, R);
            ng_op_mul(T, rho, Y, R);
            ng_superop_dissipator(res, T, nu, L);
            ng_assert_op_zero(res, R);
        }
        /* not vacuous: σ^z_e and σ^0 + t σ^z_e are not fixed */
        ng_op_zero(rho, R);
        ng_op_push_si(rho, one_site(e, NG_SZ), 0, 1, R);
        ng_superop_dissipator(res, rho, nu, L);
        assert_int_equal(ng_op_is_zero(res, R), T_FALSE);
        ng_op_one(rho, N, R);
        ng_op_push(rho, one_site(e, NG_SZ), 0, M->t[nu], R);
        ng_op_canonicalise(rho, R);
        ng_superop_dissipator(res, rho, nu, L);
        assert_int_equal(ng_op_is_zero(res, R), T_FALSE);
        ng_elem_free(mt, R);
    }
    fmpq_clear(q);
    ng_op_clear(rho, R);
    ng_op_clear(res, R);
    ng_op_clear(Y, R);
    ng_op_clear(T, R);
    ng_superop_ctx_clear(L);
    ng_model_clear(M);
}

static void test_gibbs_fixed_point(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    for (int N = 2; N <= 3; N++) {
        ng_model_t M;
        gibbs_fixed_point("generic", NULL, N, st);
        gibbs_fixed_point("tilted-ising", tilted_free, N, st);
        /* the tilted model's symbol is u_theta = tan(θ/2) */
        resolve_model(M, "tilted-ising", N, tilted_free);
        assert_true(ng_ring_param_index(M->R, "u_theta") >= 0);
        ng_model_clear(M);
    }
    ng_test_rand_clear(st);
}

/* ------------------------------------------- trace and Hermiticity */

static void test_trace_hermiticity(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    for (size_t k = 0; k < sizeof configs / sizeof configs[0]; k++) {
        for (int N = 2; N <= 4; N++) {
            ng_model_t M;
            ng_superop_ctx_t L;
            const ng_ring_struct *R;
            ng_op_t rho, res, sum, T;
            ng_ptr re, im, lambda;
            resolve_model(M, configs[k].preset, N, configs[k].kv);
            R = M->R;
            assert_int_equal(R->kind, configs[k].kind);
            ng_superop_ctx_init(L, M);
            ng_op_init(rho, N, NG_PAULI, R);
            ng_op_init(res, N, NG_PAULI, R);
            ng_op_init(sum, N, NG_PAULI, R);
            ng_op_init(T, N, NG_PAULI, R);
            re = ng_elem_new(R);
            im = ng_elem_new(R);
            lambda = ng_elem_new(R);
            for (slong iter = 0; iter < ng_test_iters(4); iter++) {
                int hermitian = iter % 2 == 0;
                random_op(rho, st, N, hermitian, R);
                for (int map = 0; map < NMAPS; map++) {
                    ng_op_zero(sum, R);
                    for (int arg = 0; arg < map_variants(map, N); arg++) {
                        apply_map(res, rho, map, arg, L);
                        ng_op_trace(re, im, res, R);
                        if (ng_elem_is_zero(re, R) == T_FALSE ||
                            ng_elem_is_zero(im, R) == T_FALSE) {
                            fprintf(stderr, "%s, N = %d: Tr %s(%d) rho != 0\n",
                                    configs[k].label, N, map_names[map], arg);
                            ng_test_print_op("rho", rho, R);
                            fail();
                        }
                        ng_assert_elem_zero(re, R);
                        ng_assert_elem_zero(im, R);
                        if (hermitian)
                            ng_assert_op_hermitian(res, R);
                        ng_op_add(sum, sum, res, R);
                    }
                    /* the parts add up: L_I = Σ_l L_I(l,l+1), L_E = Σ_ν L_E(ν) */
                    if (map == MAP_BOND) {
                        ng_superop_li(T, rho, L);
                        ng_assert_op_equal(sum, T, R);
                    } else if (map == MAP_LE_BATH) {
                        ng_superop_le(T, rho, L);
                        ng_assert_op_equal(sum, T, R);
                    } else if (map == MAP_D) {
                        ng_superop_l2(T, rho, L);
                        ng_assert_op_equal(sum, T, R);
                    }
                }
                /* L1 = L_I + L_E */
                ng_superop_li(sum, rho, L);
                ng_superop_le(T, rho, L);
                ng_op_add(sum, sum, T, R);
                ng_superop_l1(T, rho, L);
                ng_assert_op_equal(sum, T, R);
                /* L = L0 + λ L1 + λ² L2 */
                ng_elem_randtest(lambda, st, R);
                ng_superop_full(res, rho, lambda, L);
                ng_superop_l0(sum, rho, L);
                ng_superop_l1(T, rho, L);
                ng_op_addmul(sum, T, lambda, R);
                ng_superop_l2(T, rho, L);
                ng_op_scalar_mul(T, T, lambda, R);
                ng_op_addmul(sum, T, lambda, R);
                ng_assert_op_equal(res, sum, R);
                ng_op_trace(re, im, res, R);
                ng_assert_elem_zero(re, R);
                ng_assert_elem_zero(im, R);
                if (hermitian)
                    ng_assert_op_hermitian(res, R);
                /* aliasing */
                ng_superop_l2(T, rho, L);
                ng_superop_l2(rho, rho, L);
                ng_assert_op_equal(rho, T, R);
            }
            ng_elem_free(re, R);
            ng_elem_free(im, R);
            ng_elem_free(lambda, R);
            ng_op_clear(rho, R);
            ng_op_clear(res, R);
            ng_op_clear(sum, R);
            ng_op_clear(T, R);
            ng_superop_ctx_clear(L);
            ng_model_clear(M);
        }
    }
    ng_test_rand_clear(st);
}

/* --------------------------------- every map against dense matrices */

static void test_dense_crosscheck(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    for (int N = 2; N <= 3; N++) {
        ng_model_t M;
        ng_superop_ctx_t L;
        dense_model D;
        const ng_ring_struct *R;
        ng_op_t rho, res;
        dmat drho, dres, dexp;
        slong n = WORD(1) << N;
        resolve_model(M, "generic", N, qq_point);
        R = M->R;
        assert_int_equal(R->kind, NG_QQ);
        ng_superop_ctx_init(L, M);
        dense_model_init(&D, M);
        ng_op_init(rho, N, NG_PAULI, R);
        ng_op_init(res, N, NG_PAULI, R);
        dm_init(&drho, n);
        dm_init(&dres, n);
        dm_init(&dexp, n);
        for (slong iter = 0; iter < ng_test_iters(6); iter++) {
            random_op(rho, st, N, iter % 2 == 0, R);
            dm_from_op(&drho, rho, R);
            for (int map = 0; map < NMAPS; map++)
                for (int arg = 0; arg < map_variants(map, N); arg++) {
                    apply_map(res, rho, map, arg, L);
                    dm_from_op(&dres, res, R);
                    dense_map(&dexp, &D, map, arg, &drho);
                    if (!dm_equal(&dres, &dexp)) {
                        fprintf(stderr, "N = %d: %s(%d) differs from the dense model\n",
                                N, map_names[map], arg);
                        ng_test_print_op("rho", rho, R);
                        ng_test_print_op("result", res, R);
                        fail();
                    }
                }
            /* (Q0 L0 Q0)^{-1}: L0 of it is Q0 ρ, on dense matrices */
            assert_int_equal(ng_superop_q0l0q0_inv(res, rho, L), NG_OK);
            dm_from_op(&dres, res, R);
            dense_map(&dexp, &D, MAP_L0, 0, &dres);
            {
                dmat q0;
                dm_init(&q0, n);
                dm_addmul_si(&q0, &drho, 1, 0);
                dm_p0(&drho);
                dm_addmul_si(&q0, &drho, -1, 0); /* Q0 ρ = ρ − P0 ρ */
                assert_true(dm_equal(&dexp, &q0));
                dm_clear(&q0);
            }
        }
        dm_clear(&drho);
        dm_clear(&dres);
        dm_clear(&dexp);
        ng_op_clear(rho, R);
        ng_op_clear(res, R);
        dense_model_clear(&D);
        ng_superop_ctx_clear(L);
        ng_model_clear(M);
    }
    ng_test_rand_clear(st);
}

/* ------------------------------------------------- (Q0 L0 Q0)^{-1} */

static void test_q0l0q0_inv(void **state)
{
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    for (size_t k = 0; k < sizeof configs / sizeof configs[0]; k++) {
        for (int N = 2; N <= 4; N++) {
            ng_model_t M;
            ng_superop_ctx_t L;
            const ng_ring_struct *R;
            ng_op_t rho, Y, T, Q;
            resolve_model(M, configs[k].preset, N, configs[k].kv);
            R = M->R;
            ng_superop_ctx_init(L, M);
            ng_op_init(rho, N, NG_PAULI, R);
            ng_op_init(Y, N, NG_PAULI, R);
            ng_op_init(T, N, NG_PAULI, R);
            ng_op_init(Q, N, NG_PAULI, R);
            for (slong iter = 0; iter < ng_test_iters(6); iter++) {
                int hermitian = iter % 2 == 0;
                random_op(rho, st, N, hermitian, R);
                ng_kernel_q0(Q, rho, R);
                assert_int_equal(ng_superop_q0l0q0_inv(Y, rho, L), NG_OK);
                ng_superop_l0(T, Y, L); /* L0 (Q0L0Q0)^{-1} ρ = Q0 ρ */
                ng_assert_op_equal(T, Q, R);
                ng_kernel_p0(T, Y, R); /* its image is in Im Q0 */
                ng_assert_op_zero(T, R);
                if (hermitian)
                    ng_assert_op_hermitian(Y, R);
                ng_kernel_p0(T, rho, R); /* it kills Ker L0 (Eq. 40) */
                assert_int_equal(ng_superop_q0l0q0_inv(T, T, L), NG_OK);
                ng_assert_op_zero(T, R);
                ng_superop_l0(T, rho, L); /* (Q0L0Q0)^{-1} L0 = Q0 */
                assert_int_equal(ng_superop_q0l0q0_inv(T, T, L), NG_OK);
                ng_assert_op_equal(T, Q, R);
                ng_op_set(T, rho, R); /* aliasing */
                assert_int_equal(ng_superop_q0l0q0_inv(T, T, L), NG_OK);
                ng_assert_op_equal(T, Y, R);
            }
            ng_op_clear(rho, R);
            ng_op_clear(Y, R);
            ng_op_clear(T, R);
            ng_op_clear(Q, R);
            ng_superop_ctx_clear(L);
            ng_model_clear(M);
        }
    }
    ng_test_rand_clear(st);
}

/* A field that balls cannot certify nonzero is reported, not divided by. */
static void test_q0l0q0_inv_uncertain_h(void **state)
{
    ng_model_t M;
    ng_model_struct Mz;
    ng_superop_ctx_t L;
    ng_superop_ctx_struct Lz;
    ng_op_t rho, Y;
    arb_t h;
    ng_ptr hz;
    (void)state;
    resolve_model(M, "tilted-ising", 2, NULL);
    assert_int_equal(M->R->kind, NG_BALL);
    ng_superop_ctx_init(L, M);
    hz = ng_elem_new(M->R);
    arb_init(h);
    arb_set_si(h, 0);
    mag_set_ui_2exp_si(arb_radref(h), 1, -10); /* [0 ± 2^-10] */
    ng_elem_set_arb(hz, h, M->R);
    Mz = *M;
    Mz.h = hz;
    Lz = *L;
    Lz.M = &Mz;
    ng_op_init(rho, 2, NG_PAULI, M->R);
    ng_op_init(Y, 2, NG_PAULI, M->R);
    ng_op_set_term_str(rho, "x0", NG_PAULI, M->h, M->R);
    assert_int_equal(ng_superop_q0l0q0_inv(Y, rho, &Lz), NG_ECOMPUTE);
    assert_non_null(strstr(ng_error_message(), "h"));
    ng_op_clear(rho, M->R);
    ng_op_clear(Y, M->R);
    arb_clear(h);
    ng_elem_free(hz, M->R);
    ng_superop_ctx_clear(L);
    ng_model_clear(M);
}

/* ----------------------------------------- the two-spin table (Sect. IV B) */

enum { B_00, B_ZZ, B_SYM, B_A, B_B, B_C };

/* P0 L on each element of the Eq. 81 basis, decomposed onto that basis:
 * table[6*j + i] = coefficient of b_i in P0 L b_j. */
static void two_spin_table(ng_ptr table, int map, const ng_superop_ctx_t L,
                           const ng_named_basis_t B2)
{
    const ng_ring_struct *R = L->R;
    ng_op_t T;
    ng_op_init(T, 2, NG_PAULI, R);
    for (int j = 0; j < 6; j++) {
        apply_map(T, B2->ops + j, map, 0, L);
        ng_kernel_p0(T, T, R);
        assert_int_equal(
            ng_named_basis_decompose(ng_vec_entry(table, 6 * j, R), T, B2, R), T_TRUE);
    }
    ng_op_clear(T, R);
}

/* Eqs. 87–90: P0 L_I ρ^B = 2α_+ ρ^C, P0 L_I ρ^C = −2α_+ ρ^B, the rest 0;
 * Eqs. 92–95: P0 L_E ρ^A = −2Δα^z ρ^B, P0 L_E ρ^B = 2Δα^z ρ^A, the rest 0. */
static void expected_table(ng_ptr table, int map, ng_srcptr alpha_plus, ng_srcptr dalpha,
                           const ng_ring_t R)
{
    for (int e = 0; e < 36; e++)
        ng_elem_zero(ng_vec_entry(table, e, R), R);
    if (map == MAP_LI) {
        ng_elem_mul_si(ng_vec_entry(table, 6 * B_B + B_C, R), alpha_plus, 2, R);
        ng_elem_mul_si(ng_vec_entry(table, 6 * B_C + B_B, R), alpha_plus, -2, R);
    } else {
        ng_elem_mul_si(ng_vec_entry(table, 6 * B_A + B_B, R), dalpha, -2, R);
        ng_elem_mul_si(ng_vec_entry(table, 6 * B_B + B_A, R), dalpha, 2, R);
    }
}

static void check_table(const char *preset, const char *const *kv)
{
    static const char *const names[6] = {"s00", "szz", "s0z+sz0", "rhoA", "rhoB", "rhoC"};
    ng_model_t M;
    ng_superop_ctx_t L;
    ng_named_basis_t B2;
    const ng_ring_struct *R;
    ng_ptr got, want, ap, da, t;
    resolve_model(M, preset, 2, kv);
    R = M->R;
    ng_superop_ctx_init(L, M);
    ng_named_basis_init(B2);
    ng_kernel_basis_two_spin(B2, R);
    got = ng_vec_init(36, R);
    want = ng_vec_init(36, R);
    ap = ng_elem_new(R);
    da = ng_elem_new(R);
    t = ng_elem_new(R);
    /* α_+ = α_xx + α_yy; Δα^z = α_L^z − α_R^z with α_ν^z = Ȳ_ν x_ν^z (Eq. 91),
     * built from the model's entries, and cross-checked against the model's
     * own helpers */
    ng_elem_add(ap, ng_vec_srcentry(M->alpha, 3 * NG_X + NG_X, R),
                ng_vec_srcentry(M->alpha, 3 * NG_Y + NG_Y, R), R);
    ng_elem_mul(da, M->ybar[NG_LEFT], ng_vec_srcentry(M->x[NG_LEFT], NG_Z, R), R);
    ng_elem_mul(t, M->ybar[NG_RIGHT], ng_vec_srcentry(M->x[NG_RIGHT], NG_Z, R), R);
    ng_elem_sub(da, da, t, R);
    ng_model_alpha_plus(t, M);
    ng_assert_elem_equal(t, ap, R);
    ng_model_delta_alpha_z(t, M);
    ng_assert_elem_equal(t, da, R);
    for (int map = MAP_LI; map <= MAP_LE; map++) {
        two_spin_table(got, map, L, B2);
        expected_table(want, map, ap, da, R);
        for (int j = 0; j < 6; j++)
            for (int i = 0; i < 6; i++) {
                ng_srcptr g = ng_vec_srcentry(got, 6 * j + i, R);
                ng_srcptr w = ng_vec_srcentry(want, 6 * j + i, R);
                if (ng_elem_equal(g, w, R) != T_TRUE) {
                    fprintf(stderr, "%s: P0 %s %s has %s-coefficient\n", preset,
                            map_names[map], names[j], names[i]);
                    ng_test_print_elem("derived", g, R);
                    ng_test_print_elem("Eqs. 87-95", w, R);
                    fail();
                }
            }
    }
    ng_vec_clear(got, 36, R);
    ng_vec_clear(want, 36, R);
    ng_elem_free(ap, R);
    ng_elem_free(da, R);
    ng_elem_free(t, R);
    ng_named_basis_clear(B2, R);
    ng_superop_ctx_clear(L);
    ng_model_clear(M);
}

static void test_two_spin_table(void **state)
{
    (void)state;
    check_table("generic", NULL);
    check_table("tilted-ising", tilted_free);
    check_table("generic", qq_point);
}

/* The same table from dense 4×4 matrices with random rational α (symmetric)
 * and α_ν^j, P0 as "Σs = Σs'": checks the printed signs of Eqs. 87–95
 * without the operator code or the model. */
static void test_two_spin_table_dense(void **state)
{
    static const char axis[3] = {'x', 'y', 'z'};
    static const char *const basis[6][2] = {{"00", NULL}, {"zz", NULL}, {"0z", "z0"},
                                            {"xx", "yy"}, {"xy", "yx"}, {"0z", "z0"}};
    static const int second_sign[6] = {0, 0, 1, 1, -1, -1};
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    for (slong iter = 0; iter < ng_test_iters(5); iter++) {
        fmpq_t alpha[3][3], aL[3], aR[3], zero, one, re, im, nrm, ap, da, w;
        dmat b[6], HI, HE, T, U;
        char buf[3];
        fmpq_init(zero);
        fmpq_init(one);
        fmpq_init(re);
        fmpq_init(im);
        fmpq_init(nrm);
        fmpq_init(ap);
        fmpq_init(da);
        fmpq_init(w);
        fmpq_one(one);
        dm_init(&HI, 4);
        dm_init(&HE, 4);
        dm_init(&T, 4);
        dm_init(&U, 4);
        for (int j = 0; j < 3; j++) {
            fmpq_init(aL[j]);
            fmpq_init(aR[j]);
            fmpq_randtest(aL[j], st, 5);
            fmpq_randtest(aR[j], st, 5);
            for (int k = 0; k < 3; k++)
                fmpq_init(alpha[j][k]);
        }
        for (int j = 0; j < 3; j++)
            for (int k = j; k < 3; k++) {
                fmpq_randtest(alpha[j][k], st, 5);
                fmpq_set(alpha[k][j], alpha[j][k]);
            }
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) { /* H_I = Σ α_jk σ^j ⊗ σ^k */
                buf[0] = axis[j], buf[1] = axis[k], buf[2] = '\0';
                dm_add_string(&HI, buf, alpha[j][k], zero);
            }
            /* H̄_SB = Σ_j α_L^j σ^{j0} + α_R^j σ^{0j} (Eq. 91) */
            buf[0] = axis[j], buf[1] = '0', buf[2] = '\0';
            dm_add_string(&HE, buf, aL[j], zero);
            buf[0] = '0', buf[1] = axis[j];
            dm_add_string(&HE, buf, aR[j], zero);
        }
        fmpq_add(ap, alpha[0][0], alpha[1][1]);
        fmpq_sub(da, aL[2], aR[2]);
        for (int i = 0; i < 6; i++) {
            fmpq_t s;
            fmpq_init(s);
            dm_init(&b[i], 4);
            dm_add_string(&b[i], basis[i][0], one, zero);
            if (basis[i][1] != NULL) {
                fmpq_set_si(s, second_sign[i], 1);
                dm_add_string(&b[i], basis[i][1], s, zero);
            }
            fmpq_clear(s);
        }
        for (int map = MAP_LI; map <= MAP_LE; map++)
            for (int j = 0; j < 6; j++) {
                dm_flow(&T, map == MAP_LI ? &HI : &HE, &b[j]);
                dm_p0(&T);
                /* decompose onto the orthogonal Eq. 81 basis; residual 0 */
                dm_zero(&U);
                dm_addmul_si(&U, &T, 1, 0);
                for (int i = 0; i < 6; i++) {
                    fmpq_t c;
                    fmpq_init(c);
                    dm_hs(re, im, &b[i], &T);
                    dm_hs(nrm, w, &b[i], &b[i]);
                    assert_true(fmpq_is_zero(im));
                    fmpq_div(c, re, nrm);
                    fmpq_neg(w, c);
                    dm_addmul(&U, &b[i], w, zero);
                    /* the printed value */
                    fmpq_zero(w);
                    if (map == MAP_LI && j == B_B && i == B_C)
                        fmpq_mul_si(w, ap, 2);
                    if (map == MAP_LI && j == B_C && i == B_B)
                        fmpq_mul_si(w, ap, -2);
                    if (map == MAP_LE && j == B_A && i == B_B)
                        fmpq_mul_si(w, da, -2);
                    if (map == MAP_LE && j == B_B && i == B_A)
                        fmpq_mul_si(w, da, 2);
                    if (!fmpq_equal(c, w)) {
                        fprintf(stderr, "dense: P0 %s b%d has b%d-coefficient ",
                                map_names[map], j, i);
                        fmpq_fprint(stderr, c);
                        fprintf(stderr, ", printed ");
                        fmpq_fprint(stderr, w);
                        fprintf(stderr, "\n");
                        fail();
                    }
                    fmpq_clear(c);
                }
                assert_true(dm_is_zero(&U));
            }
        for (int i = 0; i < 6; i++)
            dm_clear(&b[i]);
        for (int j = 0; j < 3; j++) {
            fmpq_clear(aL[j]);
            fmpq_clear(aR[j]);
            for (int k = 0; k < 3; k++)
                fmpq_clear(alpha[j][k]);
        }
        dm_clear(&HI);
        dm_clear(&HE);
        dm_clear(&T);
        dm_clear(&U);
        fmpq_clear(zero);
        fmpq_clear(one);
        fmpq_clear(re);
        fmpq_clear(im);
        fmpq_clear(nrm);
        fmpq_clear(ap);
        fmpq_clear(da);
        fmpq_clear(w);
    }
    ng_test_rand_clear(st);
}

/* ------------------------------------------------- Eqs. 96–98, 102–103 */

/* ρ_LE(t1) ⊗ ρ_LE(t2) = (σ^0 − t1σ^z)/2 ⊗ (σ^0 − t2σ^z)/2 (Eqs. 99–100). */
static void product_state(ng_op_t rho, ng_srcptr t1, ng_srcptr t2, const ng_ring_t R)
{
    ng_op_t a, b;
    ng_ptr half = ng_elem_new(R), c = ng_elem_new(R);
    ng_string id = {0, 0};
    ng_op_init(a, 2, NG_PAULI, R);
    ng_op_init(b, 2, NG_PAULI, R);
    ng_elem_one(half, R);
    ng_elem_mul_2exp_si(half, half, -1, R);
    ng_op_push(a, id, 0, half, R);
    ng_op_push(b, id, 0, half, R);
    ng_elem_mul(c, t1, half, R);
    ng_elem_neg(c, c, R);
    ng_op_push(a, one_site(0, NG_SZ), 0, c, R);
    ng_elem_mul(c, t2, half, R);
    ng_elem_neg(c, c, R);
    ng_op_push(b, one_site(1, NG_SZ), 0, c, R);
    ng_op_canonicalise(a, R);
    ng_op_canonicalise(b, R);
    ng_op_mul(rho, a, b, R);
    ng_op_clear(a, R);
    ng_op_clear(b, R);
    ng_elem_free(half, R);
    ng_elem_free(c, R);
}

/* P0 L1 ρ_PLE = (t2 − t1)/4 α_+ ρ^B (Eq. 102), and the ρ0 of Eq. 103 solves
 * P0 L1 ρ0 = 0 (with γ = α_+/Δα^z, Eq. 98) for any g. */
static void check_eq102(const ng_model_t M, ng_srcptr t1, ng_srcptr t2,
                        const ng_superop_ctx_t L, const ng_named_basis_t B2,
                        flint_rand_t st)
{
    const ng_ring_struct *R = M->R;
    ng_op_t rho, res, want;
    ng_ptr c = ng_elem_new(R), ap = ng_elem_new(R), da = ng_elem_new(R);
    ng_op_init(rho, 2, NG_PAULI, R);
    ng_op_init(res, 2, NG_PAULI, R);
    ng_op_init(want, 2, NG_PAULI, R);
    ng_model_alpha_plus(ap, M);
    ng_model_delta_alpha_z(da, M);
    product_state(rho, t1, t2, R);
    ng_superop_l1(res, rho, L);
    ng_kernel_p0(res, res, R);
    ng_elem_sub(c, t2, t1, R);
    ng_elem_mul(c, c, ap, R);
    ng_elem_mul_2exp_si(c, c, -2, R);
    ng_op_scalar_mul(want, B2->ops + B_B, c, R);
    ng_assert_op_equal(res, want, R);
    /* L_E contributes nothing: ρ_PLE is diagonal (Eq. 92) */
    ng_superop_le(res, rho, L);
    ng_kernel_p0(res, res, R);
    ng_assert_op_zero(res, R);

    /* Eq. 103: ρ0 = ρ_PLE + (t2 − t1)/8 γ ρ^A + g σ^zz */
    assert_true(ng_elem_div(c, ap, da, R)); /* γ */
    ng_elem_mul(c, c, t2, R);
    {
        ng_ptr u = ng_elem_new(R);
        ng_elem_mul(u, ap, t1, R);
        assert_true(ng_elem_div(u, u, da, R));
        ng_elem_sub(c, c, u, R);
        ng_elem_mul_2exp_si(c, c, -3, R);
        ng_op_addmul(rho, B2->ops + B_A, c, R);
        ng_elem_randtest(u, st, R);
        ng_op_addmul(rho, B2->ops + B_ZZ, u, R);
        ng_elem_free(u, R);
    }
    ng_superop_l1(res, rho, L);
    ng_kernel_p0(res, res, R);
    ng_assert_op_zero(res, R);

    ng_op_clear(rho, R);
    ng_op_clear(res, R);
    ng_op_clear(want, R);
    ng_elem_free(c, R);
    ng_elem_free(ap, R);
    ng_elem_free(da, R);
}

static void test_eq96_102_103(void **state)
{
    ng_model_t M;
    ng_superop_ctx_t L;
    ng_named_basis_t B2;
    const ng_ring_struct *R;
    ng_ptr t1, t2;
    fmpq_t q;
    flint_rand_t st;
    (void)state;
    ng_test_rand_init(st);
    resolve_model(M, "generic", 2, NULL);
    R = M->R;
    ng_superop_ctx_init(L, M);
    ng_named_basis_init(B2);
    ng_kernel_basis_two_spin(B2, R);
    t1 = ng_elem_new(R);
    t2 = ng_elem_new(R);
    fmpq_init(q);
    /* Symbolic t1, t2: the generic ring's free symbols tL, tR play them.  L1
     * does not involve the bath temperatures (H̄_SB = Σ Ȳ_ν X_ν with Ȳ_ν = 1
     * in this preset), so they are independent indeterminates here. */
    assert_true(ng_ring_param_index(R, "tL") >= 0);
    ng_elem_set(t1, M->t[NG_LEFT], R);
    ng_elem_set(t2, M->t[NG_RIGHT], R);
    check_eq102(M, t1, t2, L, B2, st);
    /* Eqs. 96–98: the first three elements of Eq. 81 and ρ^C' = ρ^C − γρ^A,
     * γ = α_+/Δα^z, lie in Ker P0 L1 P0 */
    {
        ng_op_t rho, res;
        ng_ptr gamma = ng_elem_new(R), da = ng_elem_new(R);
        ng_op_init(rho, 2, NG_PAULI, R);
        ng_op_init(res, 2, NG_PAULI, R);
        ng_model_alpha_plus(gamma, M);
        ng_model_delta_alpha_z(da, M);
        assert_true(ng_elem_div(gamma, gamma, da, R));
        ng_elem_neg(gamma, gamma, R);
        for (int j = 0; j < 4; j++) {
            ng_op_set(rho, B2->ops + (j < 3 ? j : B_C), R);
            if (j == 3)
                ng_op_addmul(rho, B2->ops + B_A, gamma, R);
            ng_superop_l1(res, rho, L);
            ng_kernel_p0(res, res, R);
            ng_assert_op_zero(res, R);
        }
        /* and ρ^A, ρ^B, ρ^C alone are not */
        for (int j = B_A; j <= B_C; j++) {
            ng_superop_l1(res, B2->ops + j, L);
            ng_kernel_p0(res, res, R);
            assert_int_equal(ng_op_is_zero(res, R), T_FALSE);
        }
        ng_op_clear(rho, R);
        ng_op_clear(res, R);
        ng_elem_free(gamma, R);
        ng_elem_free(da, R);
    }
    /* and at random rational values */
    for (slong iter = 0; iter < ng_test_iters(5); iter++) {
        fmpq_randtest(q, st, 8);
        ng_elem_set_fmpq(t1, q, R);
        fmpq_randtest(q, st, 8);
        ng_elem_set_fmpq(t2, q, R);
        check_eq102(M, t1, t2, L, B2, st);
    }
    fmpq_clear(q);
    ng_elem_free(t1, R);
    ng_elem_free(t2, R);
    ng_named_basis_clear(B2, R);
    ng_superop_ctx_clear(L);
    ng_model_clear(M);
    ng_test_rand_clear(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gibbs_fixed_point),
        cmocka_unit_test(test_trace_hermiticity),
        cmocka_unit_test(test_dense_crosscheck),
        cmocka_unit_test(test_q0l0q0_inv),
        cmocka_unit_test(test_q0l0q0_inv_uncertain_h),
        cmocka_unit_test(test_two_spin_table),
        cmocka_unit_test(test_two_spin_table_dense),
        cmocka_unit_test(test_eq96_102_103),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
