/* Every real number a user types works (issue 10, DESIGN §3): random real
 * parameter points of the tilted Ising chain — decimal angles and
 * temperatures, pi/k, sqrt, tanh, atanh, cos(1)-like values whose
 * rationality Calcium cannot decide — through the whole library (parsing,
 * classification, the ball fallback, the engine, the series, the full-NESS
 * solver and `check`), each compared with a second route written here from
 * DESIGN §1 alone, in double precision, with the parameter values computed by
 * libm from the same numbers:
 *
 *   ρ0:      the rate equation of Eq. 47 on the full 2^N space: eigenvectors of
 *            P0 H1 P0 by Jacobi rotations, rates W_ab = ⟨a|L2(|b⟩⟨b|)|a⟩ by
 *            dense products with D_ν ρ = −[X, Sρ] − [ρS†, X] (Eq. 7), a dense
 *            solve of W p = 0, Σp = 1;
 *   ρ1, ness: the full Liouvillian L0 + λL1 + λ²L2 as a dense 4^N matrix and
 *            a dense solve of Lρ = 0, Tr ρ = 1; t1 by Richardson extrapolation
 *            of (t(λ) − t0)/λ.
 *
 * Nothing here comes from a nearby rational point: a fallback that rounded
 * the input, or dropped an irrational part, fails by far more than the
 * tolerances (1e-8 on t0, see the mutation notes in the report). */
#include <math.h>
#include <string.h>

#include "nessgen/check.h"
#include "nessgen/engine.h"
#include "nessgen/model.h"
#include "nessgen/numerics.h"
#include "ng_test.h"

#include <complex.h> /* after FLINT's headers, which use I as a name */

#define PI 3.14159265358979323846

typedef double complex cplx;

/* ---- a real parameter: the text given to nessgen and its value by libm ---- */

typedef struct {
    char text[64];
    double value;
} real_input;

/* θ away from 0 and π/2 (both are exact zero patterns, tested elsewhere). */
static void random_theta(real_input *x, flint_rand_t st)
{
    int k = 3 + (int)n_randint(st, 11), d = 5 + (int)n_randint(st, 140);
    switch (n_randint(st, 6)) {
    case 0: /* a decimal angle */
        snprintf(x->text, sizeof x->text, "%d.%02d", d / 100, d % 100);
        x->value = d / 100.0;
        break;
    case 1:
        snprintf(x->text, sizeof x->text, "pi/%d", k);
        x->value = PI / k;
        break;
    case 2:
        snprintf(x->text, sizeof x->text, "sqrt(2)/%d", k);
        x->value = sqrt(2.0) / k;
        break;
    case 3:
        snprintf(x->text, sizeof x->text, "atanh(0.%02d)", d % 90 + 5);
        x->value = atanh((d % 90 + 5) / 100.0);
        break;
    case 4: /* an integer: cos(1) etc. */
        snprintf(x->text, sizeof x->text, "1");
        x->value = 1.0;
        break;
    default:
        snprintf(x->text, sizeof x->text, "pi/%d + 0.%02d", k, d % 10 + 1);
        x->value = PI / k + (d % 10 + 1) / 100.0;
        break;
    }
}

/* A temperature in about [0.6, 3]. */
static void random_temperature(real_input *x, flint_rand_t st)
{
    int d = 60 + (int)n_randint(st, 240), k = 2 + (int)n_randint(st, 7);
    switch (n_randint(st, 4)) {
    case 0:
        snprintf(x->text, sizeof x->text, "%d.%02d", d / 100, d % 100);
        x->value = d / 100.0;
        break;
    case 1:
        snprintf(x->text, sizeof x->text, "sqrt(%d)", k);
        x->value = sqrt((double)k);
        break;
    case 2:
        snprintf(x->text, sizeof x->text, "1/tanh(0.%d)", k);
        x->value = 1.0 / tanh(k / 10.0);
        break;
    default:
        snprintf(x->text, sizeof x->text, "pi/%d", k == 2 ? 3 : k - 1);
        x->value = PI / (k == 2 ? 3 : k - 1);
        break;
    }
}

/* A bath rate c or d in about [0.3, 1.5]. */
static void random_rate(real_input *x, flint_rand_t st)
{
    int d = 3 + (int)n_randint(st, 12);
    if (n_randint(st, 2) == 0) {
        snprintf(x->text, sizeof x->text, "%d.%d", d / 10, d % 10);
        x->value = d / 10.0;
    } else {
        snprintf(x->text, sizeof x->text, "tanh(%d/7)", d);
        x->value = tanh(d / 7.0);
    }
}

typedef struct {
    int N;
    real_input theta, T[2], c, d;
} point;

static void random_point(point *P, int N, flint_rand_t st)
{
    P->N = N;
    random_theta(&P->theta, st);
    random_temperature(&P->T[0], st);
    random_temperature(&P->T[1], st);
    random_rate(&P->c, st);
    random_rate(&P->d, st);
}

static void print_point(const point *P)
{
    fprintf(stderr,
            "N = %d, theta = %s (%.17g), TL = %s, TR = %s, c = %s, d = %s (seed %#lx)\n",
            P->N, P->theta.text, P->theta.value, P->T[0].text, P->T[1].text, P->c.text,
            P->d.text, (unsigned long)ng_test_seed);
}

static void resolve(ng_model_t M, const point *P)
{
    ng_model_spec *spec = ng_model_spec_new();
    char n[8];
    snprintf(n, sizeof n, "%d", P->N);
    ng_status st = ng_model_spec_set_preset(spec, "tilted-ising");
    const char *keys[] = {"N", "theta", "TL", "TR", "c", "d"};
    const char *vals[] = {n,         P->theta.text, P->T[0].text, P->T[1].text,
                          P->c.text, P->d.text};
    for (int i = 0; i < 6 && st == NG_OK; i++)
        st = ng_model_spec_set(spec, keys[i], vals[i]);
    if (st == NG_OK)
        st = ng_model_resolve(M, spec, 128);
    ng_model_spec_free(spec);
    if (st != NG_OK) {
        print_point(P);
        fail_msg("model: %s", ng_error_message());
    }
    /* The point is real: balls (a nearby rational point would be NG_QQ). */
    assert_int_equal(M->R->kind, NG_BALL);
}

/* ---- the second route: dense matrices in double precision ---------------
 * State s: bit l set ⇔ spin l (0-based) down, σ^z_l = −1. */

typedef struct {
    int N, n;
    double *h1;          /* n × n, real (the tilted Ising H1 is real) */
    double *x[2], *s[2]; /* X_ν and S_ν, real here (x^y = 0) */
    double t[2];
} ref_model;

static double *mat_new(int n)
{
    return calloc((size_t)n * n, sizeof(double));
}

/* M += c σ^a_l σ^b_m (a, b in "0xz"; σ^y is not needed: α_xy = x^y = 0). */
static void add_pauli2(double *M, int N, double c, char a, int l, char b, int m)
{
    int n = 1 << N;
    for (int s = 0; s < n; s++) {
        int r = s;
        double v = c;
        char let[2] = {a, b};
        int site[2] = {l, m};
        for (int i = 0; i < 2; i++) {
            if (let[i] == 'x')
                r ^= 1 << site[i];
            else if (let[i] == 'z')
                v *= (s >> site[i] & 1) ? -1.0 : 1.0;
        }
        M[r * n + s] += v;
    }
}

/* M += c σ^± on site l: σ^+ = |↑⟩⟨↓| lowers bit l, σ^− raises it. */
static void add_ladder(double *M, int N, double c, int plus, int l)
{
    int n = 1 << N;
    for (int s = 0; s < n; s++)
        if (((s >> l) & 1) == (plus ? 1 : 0))
            M[(s ^ (1 << l)) * n + s] += c;
}

/* DESIGN §1, tilted Ising preset with h = 1. */
static void ref_model_init(ref_model *R, const point *P)
{
    int N = P->N, n = 1 << N;
    double th = P->theta.value, ct = cos(th), snt = sin(th);
    double azz = ct * ct, axz = -ct * snt, axx = snt * snt;
    R->N = N;
    R->n = n;
    R->h1 = mat_new(n);
    for (int l = 0; l + 1 < N; l++) {
        add_pauli2(R->h1, N, azz, 'z', l, 'z', l + 1);
        add_pauli2(R->h1, N, axz, 'x', l, 'z', l + 1);
        add_pauli2(R->h1, N, axz, 'z', l, 'x', l + 1);
        add_pauli2(R->h1, N, axx, 'x', l, 'x', l + 1);
    }
    for (int nu = 0; nu < 2; nu++) {
        int e = nu == 0 ? 0 : N - 1;
        double t = tanh(1.0 / P->T[nu].value), c = P->c.value, d = P->d.value;
        double xz = ct, xx = -snt, ybar = -ct * t;
        R->t[nu] = t;
        R->x[nu] = mat_new(n);
        R->s[nu] = mat_new(n);
        add_pauli2(R->x[nu], N, xz, 'z', e, '0', e);
        add_pauli2(R->x[nu], N, xx, 'x', e, '0', e);
        add_pauli2(R->h1, N, ybar * xz, 'z', e, '0', e); /* H̄_SB = Ȳ X */
        add_pauli2(R->h1, N, ybar * xx, 'x', e, '0', e);
        /* S = ½[d x^z σ^z + c(1−t) x^x σ^+ + c(1+t) x^x σ^−] */
        add_pauli2(R->s[nu], N, 0.5 * d * xz, 'z', e, '0', e);
        add_ladder(R->s[nu], N, 0.5 * c * (1 - t) * xx, 1, e);
        add_ladder(R->s[nu], N, 0.5 * c * (1 + t) * xx, 0, e);
    }
}

static void ref_model_clear(ref_model *R)
{
    free(R->h1);
    for (int nu = 0; nu < 2; nu++) {
        free(R->x[nu]);
        free(R->s[nu]);
    }
}

/* Cyclic Jacobi on a real symmetric A (destroyed): V columns = eigenvectors.
 * Rotations only where A_pq ≠ 0, so exact zeros between sectors stay. */
static void jacobi(double *A, double *V, int n)
{
    for (int i = 0; i < n * n; i++)
        V[i] = (i / n == i % n);
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0;
        for (int p = 0; p < n; p++)
            for (int q = p + 1; q < n; q++)
                off += A[p * n + q] * A[p * n + q];
        if (off < 1e-32)
            return;
        for (int p = 0; p < n; p++)
            for (int q = p + 1; q < n; q++) {
                double apq = A[p * n + q];
                if (apq == 0.0)
                    continue;
                double tau = (A[q * n + q] - A[p * n + p]) / (2 * apq);
                double t = (tau >= 0 ? 1.0 : -1.0) / (fabs(tau) + sqrt(1 + tau * tau));
                double c = 1 / sqrt(1 + t * t), s = t * c;
                for (int k = 0; k < n; k++) { /* A ← Jᵀ A J */
                    double akp = A[k * n + p], akq = A[k * n + q];
                    A[k * n + p] = c * akp - s * akq;
                    A[k * n + q] = s * akp + c * akq;
                }
                for (int k = 0; k < n; k++) {
                    double apk = A[p * n + k], aqk = A[q * n + k];
                    A[p * n + k] = c * apk - s * aqk;
                    A[q * n + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < n; k++) {
                    double vkp = V[k * n + p], vkq = V[k * n + q];
                    V[k * n + p] = c * vkp - s * vkq;
                    V[k * n + q] = s * vkp + c * vkq;
                }
            }
    }
}

/* Solves A x = b (complex, n × n, destroyed) by Gaussian elimination with
 * partial pivoting. */
static void solve_dense(cplx *A, cplx *b, int n)
{
    for (int k = 0; k < n; k++) {
        int p = k;
        for (int i = k + 1; i < n; i++)
            if (cabs(A[i * n + k]) > cabs(A[p * n + k]))
                p = i;
        for (int j = 0; j < n; j++) {
            cplx t = A[k * n + j];
            A[k * n + j] = A[p * n + j];
            A[p * n + j] = t;
        }
        cplx t = b[k];
        b[k] = b[p];
        b[p] = t;
        for (int i = k + 1; i < n; i++) {
            cplx f = A[i * n + k] / A[k * n + k];
            if (f == 0)
                continue;
            for (int j = k; j < n; j++)
                A[i * n + j] -= f * A[k * n + j];
            b[i] -= f * b[k];
        }
    }
    for (int k = n - 1; k >= 0; k--) {
        for (int j = k + 1; j < n; j++)
            b[k] -= A[k * n + j] * b[j];
        b[k] /= A[k * n + k];
    }
}

/* C = A B (complex n × n; A or B given as real when the other pointer is). */
static void mul(cplx *C, const cplx *A, const cplx *B, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            cplx s = 0;
            for (int k = 0; k < n; k++)
                s += A[i * n + k] * B[k * n + j];
            C[i * n + j] = s;
        }
}

static cplx *to_cplx(const double *A, int n)
{
    cplx *C = malloc(sizeof(cplx) * n * n);
    for (int i = 0; i < n * n; i++)
        C[i] = A[i];
    return C;
}

/* res = L ρ for L = −i[H0 + λ H1, ·] + λ² Σ_ν D_ν (h = 1, H0 = Σ σ^z). */
static void liouvillian(cplx *res, const cplx *rho, const ref_model *R, double lambda,
                        int with_l01)
{
    int n = R->n;
    cplx *T1 = malloc(sizeof(cplx) * n * n), *T2 = malloc(sizeof(cplx) * n * n);
    for (int i = 0; i < n * n; i++)
        res[i] = 0;
    if (with_l01)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double e0 = R->N - 2.0 * __builtin_popcount(i),
                       f0 = R->N - 2.0 * __builtin_popcount(j);
                cplx c = -I * (e0 - f0) * rho[i * n + j];
                for (int k = 0; k < n; k++)
                    c += -I * lambda *
                         (R->h1[i * n + k] * rho[k * n + j] -
                          rho[i * n + k] * R->h1[k * n + j]);
                res[i * n + j] += c;
            }
    for (int nu = 0; nu < 2; nu++) {
        cplx *X = to_cplx(R->x[nu], n), *S = to_cplx(R->s[nu], n);
        double w = with_l01 ? lambda * lambda : 1.0;
        /* −[X, Sρ] − [ρS†, X] = −X S ρ + S ρ X − ρ S† X + X ρ S†  (S real: S† = Sᵀ) */
        cplx *St = malloc(sizeof(cplx) * n * n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                St[i * n + j] = S[j * n + i];
        mul(T1, S, rho, n); /* Sρ */
        mul(T2, X, T1, n);
        for (int i = 0; i < n * n; i++)
            res[i] -= w * T2[i];
        mul(T2, T1, X, n);
        for (int i = 0; i < n * n; i++)
            res[i] += w * T2[i];
        mul(T1, rho, St, n); /* ρS† */
        mul(T2, T1, X, n);
        for (int i = 0; i < n * n; i++)
            res[i] -= w * T2[i];
        mul(T2, X, T1, n);
        for (int i = 0; i < n * n; i++)
            res[i] += w * T2[i];
        free(X);
        free(S);
        free(St);
    }
    free(T1);
    free(T2);
}

/* t_l = −Tr(σ^z_l ρ) and ⟨ρ^A_{l,l+1}⟩ = ⟨σ^xσ^x + σ^yσ^y⟩ = 2 Re Σ ρ_{s⊕b, s}
 * over s with spins l, l + 1 antiparallel. */
static void observables(double *t, double *rhoA, const cplx *rho, int N)
{
    int n = 1 << N;
    for (int l = 0; l < N; l++) {
        t[l] = 0;
        for (int s = 0; s < n; s++)
            t[l] -= ((s >> l & 1) ? -1.0 : 1.0) * creal(rho[s * n + s]);
    }
    for (int l = 0; l + 1 < N; l++) {
        rhoA[l] = 0;
        for (int s = 0; s < n; s++)
            if (((s >> l) ^ (s >> (l + 1))) & 1)
                rhoA[l] += 2 * creal(rho[(s ^ (3 << l)) * n + s]);
    }
}

/* ρ0 from the rate equation (Eq. 47), dense, in the computational basis. */
static void ref_rho0(cplx *rho0, const ref_model *R)
{
    int n = R->n;
    double *K = mat_new(n), *V = mat_new(n);
    cplx *W = malloc(sizeof(cplx) * n * n), *p = malloc(sizeof(cplx) * n);
    cplx *rb = malloc(sizeof(cplx) * n * n), *Lr = malloc(sizeof(cplx) * n * n);
    for (int i = 0; i < n; i++) /* P0 H1 P0: the magnetisation-conserving part */
        for (int j = 0; j < n; j++)
            if (__builtin_popcount(i) == __builtin_popcount(j))
                K[i * n + j] = R->h1[i * n + j];
    jacobi(K, V, n);
    for (int b = 0; b < n; b++) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                rb[i * n + j] = V[i * n + b] * V[j * n + b];
        liouvillian(Lr, rb, R, 0, 0); /* L2 |b⟩⟨b| */
        for (int a = 0; a < n; a++) {
            cplx s = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    s += V[i * n + a] * Lr[i * n + j] * V[j * n + a];
            W[a * n + b] = s;
        }
    }
    for (int b = 0; b < n; b++) { /* Σ p = 1 replaces the first equation */
        W[b] = 1;
        p[b] = b == 0;
    }
    solve_dense(W, p, n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            cplx s = 0;
            for (int a = 0; a < n; a++)
                s += V[i * n + a] * creal(p[a]) * V[j * n + a];
            rho0[i * n + j] = s;
        }
    free(K);
    free(V);
    free(W);
    free(p);
    free(rb);
    free(Lr);
}

/* The NESS of the full Liouvillian at λ, dense (4^N unknowns). */
static void ref_ness(cplx *rho, const ref_model *R, double lambda)
{
    int n = R->n, m = n * n;
    cplx *A = malloc(sizeof(cplx) * m * m), *E = calloc(m, sizeof(cplx)),
         *col = malloc(sizeof(cplx) * m);
    for (int k = 0; k < m; k++) {
        E[k] = 1;
        liouvillian(col, E, R, lambda, 1);
        E[k] = 0;
        for (int i = 0; i < m; i++)
            A[i * m + k] = col[i];
    }
    for (int k = 0; k < m; k++) { /* Tr ρ = 1 replaces the (0,0) equation */
        A[k] = (k / n == k % n);
        rho[k] = k == 0;
    }
    solve_dense(A, rho, m);
    free(A);
    free(E);
    free(col);
}

/* |ball − ref| ≤ rad + tol */
static void assert_ball_near(arb_srcptr x, double ref, double tol, const char *what,
                             int l, const point *P)
{
    double mid = arf_get_d(arb_midref(x), ARF_RND_NEAR);
    double rad = mag_get_d(arb_radref(x));
    if (!(fabs(mid - ref) <= rad + tol) || !(rad < 1e-10)) {
        print_point(P);
        fail_msg("%s[%d]: ball %.17g +/- %.3g, double-precision route %.17g", what, l + 1,
                 mid, rad, ref);
    }
}

/* ---- the cases -------------------------------------------------------- */

static void test_rho0(void **state)
{
    (void)state;
    flint_rand_t st;
    ng_test_rand_init(st);
    for (slong iter = 0; iter < ng_test_iters(12); iter++) {
        point P;
        ng_model_t M;
        ng_engine_opts o;
        ng_engine_rho0_t res;
        ref_model R;
        random_point(&P, 2 + (int)n_randint(st, 3), st);
        resolve(M, &P);
        ng_engine_opts_init(&o);
        o.digits = 12;
        if (ng_engine_rho0(res, M, &o) != NG_OK) {
            print_point(&P);
            fail_msg("rho0: %s", ng_error_message());
        }
        ref_model_init(&R, &P);
        {
            cplx *rho0 = malloc(sizeof(cplx) * R.n * R.n);
            double t[8], a[8];
            ref_rho0(rho0, &R);
            observables(t, a, rho0, P.N);
            for (int l = 0; l < P.N; l++)
                assert_ball_near(ng_vec_srcentry(res->obs->t, l, res->R), t[l], 1e-8, "t",
                                 l, &P);
            for (int l = 0; l + 1 < P.N; l++)
                assert_ball_near(ng_vec_srcentry(res->obs->rho_a, l, res->R), a[l], 1e-8,
                                 "rhoA", l, &P);
            free(rho0);
        }
        ref_model_clear(&R);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
    }
    ng_test_rand_clear(st);
}

/* t0 and t1 of the series against the dense full NESS: t1 by two steps of
 * Richardson extrapolation of d(λ) = (t(λ) − t0)/λ = t1 + λ t2 + λ² t3 + …
 * from λ, λ/2, λ/4 (error O(λ³)). */
static void test_series(void **state)
{
    (void)state;
    flint_rand_t st;
    ng_test_rand_init(st);
    for (slong iter = 0; iter < ng_test_iters(6); iter++) {
        point P;
        ng_model_t M;
        ng_engine_opts o;
        ng_engine_series_t S;
        ref_model R;
        random_point(&P, 2 + (int)n_randint(st, 2), st);
        resolve(M, &P);
        ng_engine_opts_init(&o);
        o.digits = 12;
        if (ng_engine_series(S, M, 1, &o) != NG_OK) {
            print_point(&P);
            fail_msg("series: %s", ng_error_message());
        }
        ref_model_init(&R, &P);
        {
            int n = R.n;
            cplx *rho = malloc(sizeof(cplx) * n * n);
            double t0[8], t1[8], tl[3][8], a[8];
            const double lambda = 2e-3;
            ref_rho0(rho, &R);
            observables(t0, a, rho, P.N);
            for (int k = 0; k < 3; k++) {
                ref_ness(rho, &R, lambda / (1 << k));
                observables(tl[k], a, rho, P.N);
            }
            for (int l = 0; l < P.N; l++) {
                double d[3], r1, r2;
                for (int k = 0; k < 3; k++)
                    d[k] = (tl[k][l] - t0[l]) / (lambda / (1 << k));
                r1 = 2 * d[1] - d[0]; /* t1 + O(λ²) at λ, λ/2 */
                r2 = 2 * d[2] - d[1]; /* at λ/2, λ/4 */
                t1[l] = (4 * r2 - r1) / 3;
                assert_ball_near(ng_vec_srcentry(S->obs[0].t, l, S->R), t0[l], 1e-8, "t0",
                                 l, &P);
                assert_ball_near(ng_vec_srcentry(S->obs[1].t, l, S->R), t1[l],
                                 1e-4 * (1 + fabs(t1[l])), "t1", l, &P);
            }
            free(rho);
        }
        ref_model_clear(&R);
        ng_engine_series_clear(S);
        ng_model_clear(M);
    }
    ng_test_rand_clear(st);
}

/* ness (doubles, GMRES) at real parameters against the dense solve here. */
static void test_ness(void **state)
{
    (void)state;
    flint_rand_t st;
    ng_test_rand_init(st);
    for (slong iter = 0; iter < ng_test_iters(6); iter++) {
        point P;
        ng_model_t M;
        ng_ness_model_t D;
        ng_ness_params p;
        ng_ness_t S;
        ng_ness_obs_t O;
        ref_model R;
        const double lambda = 0.05;
        random_point(&P, 2 + (int)n_randint(st, 2), st);
        resolve(M, &P);
        assert_int_equal(ng_ness_model_init(D, M), NG_OK);
        ng_ness_params_init(&p, lambda);
        ng_ness_init(S);
        if (ng_ness_solve(S, D, &p) != NG_OK) {
            print_point(&P);
            fail_msg("ness: %s", ng_error_message());
        }
        ng_ness_obs_init(O, S->rho, D);
        ref_model_init(&R, &P);
        {
            cplx *rho = malloc(sizeof(cplx) * R.n * R.n);
            double t[8], a[8];
            ref_ness(rho, &R, lambda);
            observables(t, a, rho, P.N);
            for (int l = 0; l < P.N; l++)
                if (fabs(O->t[l] - t[l]) > 1e-8) {
                    print_point(&P);
                    fail_msg("ness t[%d] = %.17g, dense route %.17g", l + 1, O->t[l],
                             t[l]);
                }
            for (int l = 0; l + 1 < P.N; l++)
                if (fabs(O->rhoA[l] - a[l]) > 1e-8) {
                    print_point(&P);
                    fail_msg("ness rhoA[%d] = %.17g, dense route %.17g", l + 1,
                             O->rhoA[l], a[l]);
                }
            free(rho);
        }
        ref_model_clear(&R);
        ng_ness_obs_clear(O);
        ng_ness_clear(S);
        ng_ness_model_clear(D);
        ng_model_clear(M);
    }
    ng_test_rand_clear(st);
}

/* check at a real point: data from the dense full NESS here are consistent;
 * the same data with the λ = 0.01 point of the last site moved by ten times
 * the tolerance are not. */
static void test_check(void **state)
{
    (void)state;
    flint_rand_t st;
    ng_test_rand_init(st);
    for (slong iter = 0; iter < ng_test_iters(4); iter++) {
        static const double lambdas[] = {0.04, 0.02, 0.01};
        point P;
        ng_model_t M;
        ref_model R;
        char csv[4096];
        size_t len = 0;
        random_point(&P, 2 + (int)n_randint(st, 2), st);
        resolve(M, &P);
        ref_model_init(&R, &P);
        len += snprintf(csv + len, sizeof csv - len, "lambda,site,t\n");
        for (int k = 0; k < 3; k++) {
            cplx *rho = malloc(sizeof(cplx) * R.n * R.n);
            double t[8], a[8];
            ref_ness(rho, &R, lambdas[k]);
            observables(t, a, rho, P.N);
            for (int l = 0; l < P.N; l++)
                len += snprintf(csv + len, sizeof csv - len, "%.3g,%d,%.17g\n",
                                lambdas[k], l + 1, t[l]);
            free(rho);
        }
        double shift = 0; /* 10 times the tolerance at λ = 0.01, from the first run */
        for (int moved = 0; moved < 2; moved++) {
            ng_check_data_t Dt;
            ng_check_result_t res;
            ng_check_data_init(Dt);
            assert_int_equal(ng_check_read_csv(Dt, csv, len, "reference.csv"), NG_OK);
            if (moved)
                Dt->points[Dt->n - 1].value += shift;
            if (ng_check_analyse(res, Dt, M) != NG_OK) {
                print_point(&P);
                fail_msg("check: %s", ng_error_message());
            }
            if (res->verdict != (moved ? 0 : 1)) {
                print_point(&P);
                fail_msg("check verdict %d (data %s by %g): %s", res->verdict,
                         moved ? "moved" : "not moved", shift, res->reason);
            }
            shift = 10 * (NG_CHECK_FACTOR * 1e-4 * res->t2_max + NG_CHECK_FLOOR);
            ng_check_result_clear(res);
            ng_check_data_clear(Dt);
        }
        ref_model_clear(&R);
        ng_model_clear(M);
    }
    ng_test_rand_clear(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rho0),
        cmocka_unit_test(test_series),
        cmocka_unit_test(test_ness),
        cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
