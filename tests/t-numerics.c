/* t-numerics: the full-Liouvillian NESS solver (numerics.h).
 *
 *   - λ → 0: the numerical NESS converges to the exact ρ0 of the Ker L0
 *     engine (pert.h) with order 1 in ‖ρ − ρ0‖ (N = 2, 3, rational models);
 *   - Tr ρ = 1, ρ = ρ†, ‖Lρ‖ tiny, convergence flagged;
 *   - the iterative solver agrees with the dense LU of the bordered
 *     Liouvillian (N = 3, 4, weak and strong coupling), in the exact
 *     eigenbasis and in the sector basis with its Schrieffer–Wolff rotation;
 *   - N = 2 with the paper's parameters approaches Eqs. 111–114 (irrational
 *     t_ν: the analytic K formula in doubles);
 *   - small λ (1e-5 … 1e-9, N = 3..6): t_l agree with the certified series
 *     ρ0 + λρ1 + λ²ρ2 of the N-spin engine to 1e-11 (where the truncation,
 *     about |t_3| λ³, is below 1e-12), with ≥ 10 digits claimed;
 *   - the honesty figures: a nearly decoupled chain (xyz, Jx = Jy = 1e-4) is
 *     flagged, the tilted Ising chain at λ = 1e-6 is not;
 *   - the λ sweep (ng_ness_sweep_t): each series term raises the fitted
 *     order of the deviation by one, for t_l and for the heat current;
 *   - bad input (λ ≤ 0, NaN, N too large) is NG_EINPUT with a message.
 * No wall-clock assertions. */
#include <math.h>
#include <string.h>

#include "ng_test.h"
#include "nessgen/numerics.h"
#include "nessgen/report.h"
#include "nessgen/pert.h"
#include "nessgen/engine.h"
/* after every FLINT header: complex.h defines the macro I */
#include <complex.h>


static double hs_dist(const double complex *a, const double complex *b, slong len)
{
    double s = 0.0;
    for (slong k = 0; k < len; k++)
        s += cabs(a[k] - b[k]) * cabs(a[k] - b[k]);
    return sqrt(s);
}

static void exact_rho0(double complex *rho0, const ng_model_t M)
{
    if (ng_ness_dense_rho0(rho0, M) != NG_OK)
        fail_msg("rho0: %s", ng_error_message());
}

static const ng_test_model_case rational_cases[] = {
    {"xxz", 2, {"tL", "tR", NULL}, {"1/2", "1/3", NULL}},
    {"xxz", 3, {"tL", "tR", "Delta", NULL}, {"1/2", "1/3", "3/4", NULL}},
    {"tilted-ising", 2, {"tL", "tR", "theta", NULL}, {"1/2", "1/3", "pi/2", NULL}},
    {"tilted-ising", 3, {"tL", "tR", "theta", NULL}, {"1/2", "1/3", "pi/2", NULL}},
};

static void check_state(const ng_ness_t S, double max_residual)
{
    slong n = S->n;
    double complex tr = 0.0;
    for (slong i = 0; i < n; i++)
        tr += S->rho[i + n * i];
    assert_true(cabs(tr - 1.0) < 1e-14);
    for (slong i = 0; i < n; i++)
        for (slong j = 0; j < n; j++)
            assert_true(S->rho[i + n * j] == conj(S->rho[j + n * i]));
    if (!(S->residual <= max_residual))
        fail_msg("||L rho|| = %g > %g at lambda = %g", S->residual, max_residual, S->lambda);
    assert_true(S->converged);
    assert_true(S->cond_est >= 1.0 && isfinite(S->cond_est));
}

/* Two solutions within their error estimates of the same exact state. */
static void assert_same_state(const ng_ness_t S, const ng_ness_t R, const char *what, size_t c)
{
    double d = hs_dist(S->rho, R->rho, S->n * S->n);
    double tol = 10.0 * (S->rel_error_est + R->rel_error_est) + 1e-13;
    if (!(d <= tol))
        fail_msg("case %zu lambda %g: %s %g > %g", c, S->lambda, what, d, tol);
}

static void test_converges_to_rho0(void **state)
{
    static const double lam[] = {0.02, 0.01, 0.005, 0.0025};
    (void)state;
    for (size_t c = 0; c < sizeof rational_cases / sizeof rational_cases[0]; c++) {
        ng_model_t M;
        ng_ness_model_t D;
        double err[4];
        ng_test_model_of_case(M, rational_cases + c);
        assert_int_equal(ng_ness_model_init(D, M), NG_OK);
        slong len = D->n * D->n;
        double complex *rho0 = malloc((size_t)len * sizeof(double complex));
        exact_rho0(rho0, M);
        for (int k = 0; k < 4; k++) {
            ng_ness_params p;
            ng_ness_t S;
            ng_ness_init(S);
            ng_ness_params_init(&p, lam[k]);
            if (ng_ness_solve(S, D, &p) != NG_OK)
                fail_msg("case %zu: %s", c, ng_error_message());
            check_state(S, 1e-12);
            err[k] = hs_dist(S->rho, rho0, len);
            ng_ness_clear(S);
        }
        double order = ng_ness_fit_order(lam, err, 4);
        if (!(order > 0.9 && order < 1.1 && err[3] < 0.02))
            fail_msg("case %zu (%s N = %d): order %g, errors %g %g %g %g", c,
                     rational_cases[c].preset, rational_cases[c].N, order, err[0], err[1],
                     err[2], err[3]);
        free(rho0);
        ng_ness_model_clear(D);
        ng_model_clear(M);
    }
}

static void test_dense_agrees(void **state)
{
    static const ng_test_model_case cases[] = {
        {"tilted-ising", 3, {NULL}, {NULL}},
        {"tilted-ising", 4, {"theta", NULL}, {"pi/3", NULL}},
        {"xyz", 4, {NULL}, {NULL}},
        {"tilted-ising", 4, {"theta", NULL}, {"pi/2", NULL}},
        /* a σ^y mean field (X_L = σ^y, Ȳ_L = 1/2: H̄_SB imaginary): H_S
         * complex, so the solver keeps the complex eigenbasis (precond.c);
         * the cases above are real */
        {"xyz", 4, {"XL_y", "YbarL", NULL}, {"1", "1/2", NULL}},
    };
    static const double lam[] = {0.003, 0.05, 0.3};
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ng_model_t M;
        ng_ness_model_t D;
        ng_test_model_of_case(M, cases + c);
        assert_int_equal(ng_ness_model_init(D, M), NG_OK);
        for (int k = 0; k < 3; k++) {
            ng_ness_params p;
            ng_ness_t S, R;
            ng_ness_init(S);
            ng_ness_init(R);
            ng_ness_params_init(&p, lam[k]);
            assert_int_equal(ng_ness_solve(S, D, &p), NG_OK);
            assert_int_equal(ng_ness_solve_dense(R, D, lam[k]), NG_OK);
            check_state(S, 1e-12);
            check_state(R, 1e-12);
            /* the secular preconditioner is close to G^{-1} in both the real
             * and the complex eigenbasis: 5-13 iterations here; a basis change
             * transposed by mistake (real or complex path) took 100-560 */
            if (S->iterations > 30)
                fail_msg("case %zu lambda %g: %d GMRES iterations (preconditioner?)", c,
                         lam[k], S->iterations);
            assert_same_state(S, R, "iterative vs dense", c);
            ng_ness_clear(S);
            ng_ness_clear(R);
        }
        ng_ness_model_clear(D);
        ng_model_clear(M);
    }
}

/* The sector basis (sector.c; by default only from N = 11 on, forced here)
 * solves the same system: it agrees with the dense LU and the exact
 * eigenbasis within their error estimates, with the same honesty figures to
 * a few per cent, in about as many GMRES iterations as the exact eigenbasis
 * where λ‖V_od‖ is small (the regime where it is used) — without its
 * Schrieffer–Wolff rotation it took 2-4 times as many (N = 8: 38 against 9
 * at λ = 0.01, 115 against 21 at λ = 0.1). */
static void test_sector_basis(void **state)
{
    static const ng_test_model_case cases[] = {
        {"tilted-ising", 4, {NULL}, {NULL}},
        {"tilted-ising", 5, {"theta", NULL}, {"pi/3", NULL}},
        {"tilted-ising", 4, {"theta", NULL}, {"pi/2", NULL}},
        {"xyz", 5, {NULL}, {NULL}},
        /* complex H_S: the sector basis does not apply, the eigenbasis is used */
        {"xyz", 4, {"XL_y", "YbarL", NULL}, {"1", "1/2", NULL}},
    };
    static const double lam[] = {1e-6, 0.003, 0.03};
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ng_model_t M;
        ng_ness_model_t D;
        ng_test_model_of_case(M, cases + c);
        assert_int_equal(ng_ness_model_init(D, M), NG_OK);
        for (int k = 0; k < 3; k++) {
            ng_ness_params p;
            ng_ness_t S, E, R;
            ng_ness_init(S);
            ng_ness_init(E);
            ng_ness_init(R);
            ng_ness_params_init(&p, lam[k]);
            p.basis = NG_NESS_BASIS_EIGEN;
            assert_int_equal(ng_ness_solve(E, D, &p), NG_OK);
            p.basis = NG_NESS_BASIS_SECTOR;
            assert_int_equal(ng_ness_solve(S, D, &p), NG_OK);
            check_state(S, 1e-12);
            if (S->iterations > E->iterations + 3)
                fail_msg("case %zu lambda %g: %d GMRES iterations in the sector basis, %d in "
                         "the eigenbasis",
                         c, lam[k], S->iterations, E->iterations);
            assert_same_state(S, E, "sector vs eigenbasis", c);
            if (!(fabs(S->cond_est / E->cond_est - 1.0) < 0.5) ||
                !(fabs(S->sigma_min_scaled / E->sigma_min_scaled - 1.0) < 0.5))
                fail_msg("case %zu lambda %g: condition %g against %g, sigma_min %g against %g",
                         c, lam[k], S->cond_est, E->cond_est, S->sigma_min_scaled,
                         E->sigma_min_scaled);
            if (lam[k] >= 1e-3) {
                assert_int_equal(ng_ness_solve_dense(R, D, lam[k]), NG_OK);
                assert_same_state(S, R, "sector vs dense", c);
            }
            ng_ness_clear(S);
            ng_ness_clear(E);
            ng_ness_clear(R);
        }
        ng_ness_model_clear(D);
        ng_model_clear(M);
    }
}

/* Eqs. 111–114 with c = d = 1 and the paper's t_L = tanh(2/3), t_R = tanh 2. */
static void test_two_spin_paper(void **state)
{
    static const ng_test_model_case c = {"tilted-ising", 2, {NULL}, {NULL}}; /* θ = π/4 */
    ng_model_t M;
    ng_ness_model_t D;
    ng_ness_params p;
    ng_ness_t S;
    ng_ness_obs_t O;
    double tl = tanh(2.0 / 3.0), tr = tanh(2.0), co = sqrt(0.5), si = sqrt(0.5);
    double num = (tl - tr) * (tl - tr) * pow(co, 4);
    double K = num / (num + si * si * (2 * co * co + si * si));
    double t1 = (tl + tr) / 2 + K / 2 * (tl - tr), t2 = (tl + tr) / 2 - K / 2 * (tl - tr);
    (void)state;
    ng_test_model_of_case(M, &c);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    ng_ness_init(S);
    ng_ness_params_init(&p, 1e-3);
    assert_int_equal(ng_ness_solve(S, D, &p), NG_OK);
    check_state(S, 1e-12);
    ng_ness_obs_init(O, S->rho, D);
    /* O(λ) deviation; the paper reports relative errors ~1e-2 at λ = 0.01 */
    if (!(fabs(O->t[0] - t1) < 3e-3 && fabs(O->t[1] - t2) < 3e-3))
        fail_msg("t = %.10g %.10g, Eqs. 111-112: %.10g %.10g", O->t[0], O->t[1], t1, t2);
    assert_true(fabs(O->T[0] - 1.0 / atanh(O->t[0])) < 1e-14);
    ng_ness_obs_clear(O);
    ng_ness_clear(S);
    ng_ness_model_clear(D);
    ng_model_clear(M);
}

static void test_bad_input(void **state)
{
    static const ng_test_model_case c = {"xxz", 2, {NULL}, {NULL}};
    ng_model_t M;
    ng_ness_model_t D;
    ng_ness_params p;
    ng_ness_t S;
    (void)state;
    ng_test_model_of_case(M, &c);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    ng_ness_init(S);
    double bad[] = {0.0, -0.1, NAN, INFINITY};
    for (int k = 0; k < 4; k++) {
        ng_ness_params_init(&p, bad[k]);
        assert_int_equal(ng_ness_solve(S, D, &p), NG_EINPUT);
        assert_non_null(strstr(ng_error_message(), "--lambda"));
        assert_int_equal(ng_ness_solve_dense(S, D, bad[k]), NG_EINPUT);
    }
    assert_int_equal(ng_ness_check_size(20, NULL, 24.0 * 1073741824.0), NG_EINPUT);
    assert_non_null(strstr(ng_error_message(), "GiB"));
    assert_int_equal(ng_ness_check_size(9, NULL, 24.0 * 1073741824.0), NG_OK);
    ng_ness_clear(S);
    ng_ness_model_clear(D);
    ng_model_clear(M);
    /* the dense reference refuses N > NG_NESS_DENSE_MAX_N */
    static const ng_test_model_case big = {"xxz", NG_NESS_DENSE_MAX_N + 1, {NULL}, {NULL}};
    ng_test_model_of_case(M, &big);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    ng_ness_init(S);
    assert_int_equal(ng_ness_solve_dense(S, D, 0.1), NG_EINPUT);
    ng_ness_clear(S);
    ng_ness_model_clear(D);
    ng_model_clear(M);
    /* a symbolic model cannot be solved numerically */
    ng_model_spec *spec = ng_model_spec_new();
    assert_int_equal(ng_model_spec_set_preset(spec, "generic"), NG_OK);
    if (ng_model_resolve(M, spec, 128) != NG_OK)
        fail_msg("generic model: %s", ng_error_message());
    assert_int_equal(ng_ness_model_init(D, M), NG_EINPUT);
    ng_model_clear(M);
    ng_model_spec_free(spec);
}

/* t_l of ρ0, ρ1, ρ2 from the certified engine (midpoints). */
static void series_t(double t[3][8], ng_model_t M)
{
    ng_engine_opts opts;
    ng_engine_series_t E;
    ng_engine_opts_init(&opts);
    opts.digits = 17;
    if (ng_engine_series(E, M, 2, &opts) != NG_OK)
        fail_msg("series: %s", ng_error_message());
    for (int m = 0; m <= 2; m++)
        for (int l = 0; l < M->N; l++)
            t[m][l] = ng_elem_get_d(ng_vec_srcentry(E->obs[m].t, l, E->R), E->R);
    ng_engine_series_clear(E);
}

/* The regime the solver exists for: λ far below the first-order spacing.
 * Before the scaled formulation, N = 4 at λ = 1e-7 was off by 2.5e-2. */
static void test_small_lambda_vs_series(void **state)
{
    static const double lam[] = {1e-5, 1e-7, 1e-9};
    (void)state;
    for (int N = 3; N <= 6; N++) {
        ng_test_model_case c = {"tilted-ising", N, {NULL}, {NULL}};
        ng_model_t M;
        ng_ness_model_t D;
        double t[3][8];
        ng_test_model_of_case(M, &c);
        series_t(t, M);
        assert_int_equal(ng_ness_model_init(D, M), NG_OK);
        for (int k = 0; k < 3; k++) {
            ng_ness_params p;
            ng_ness_t S;
            ng_ness_obs_t O;
            ng_ness_init(S);
            ng_ness_params_init(&p, lam[k]);
            if (ng_ness_solve(S, D, &p) != NG_OK)
                fail_msg("N = %d lambda %g: %s", N, lam[k], ng_error_message());
            assert_true(S->converged);
            if (S->trusted_digits < 10)
                fail_msg("N = %d lambda %g: only %d digits claimed", N, lam[k],
                         S->trusted_digits);
            ng_ness_obs_init(O, S->rho, D);
            for (int l = 0; l < N; l++) {
                double ser = t[0][l] + lam[k] * (t[1][l] + lam[k] * t[2][l]);
                if (!(fabs(O->t[l] - ser) <= 1e-11))
                    fail_msg("N = %d lambda %g site %d: t = %.17g, series %.17g", N, lam[k],
                             l + 1, O->t[l], ser);
            }
            ng_ness_obs_clear(O);
            ng_ness_clear(S);
        }
        ng_ness_model_clear(D);
        ng_model_clear(M);
    }
}

/* Honesty: xyz with Jx = Jy = 1e-4 transfers magnetisation at a rate ~1e-8,
 * so the rate equation is ill-conditioned (condition ~1e7): flagged, and
 * still consistent with the dense solve within both estimates.  The tilted
 * Ising chain at λ = 1e-6 is well-conditioned in the scaled formulation. */
static void test_honesty_flags(void **state)
{
    static const ng_test_model_case ill = {"xyz", 3, {"Jx", "Jy", NULL}, {"1e-4", "1e-4", NULL}};
    static const ng_test_model_case good = {"tilted-ising", 4, {NULL}, {NULL}};
    ng_model_t M;
    ng_ness_model_t D;
    ng_ness_params p;
    ng_ness_t S, R;
    (void)state;
    ng_test_model_of_case(M, &ill);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    ng_ness_init(S);
    ng_ness_init(R);
    ng_ness_params_init(&p, 1e-3);
    assert_int_equal(ng_ness_solve(S, D, &p), NG_OK);
    if (!(S->trusted_digits < 10 && S->cond_est > 1e6))
        fail_msg("ill-conditioned case not flagged: %d digits, condition %g",
                 S->trusted_digits, S->cond_est);
    assert_int_equal(ng_ness_solve_dense(R, D, 1e-3), NG_OK);
    double d = hs_dist(S->rho, R->rho, D->n * D->n);
    if (!(d <= 10.0 * (S->rel_error_est + R->rel_error_est)))
        fail_msg("ill-conditioned case: iterative vs dense %g", d);
    ng_ness_clear(S);
    ng_ness_clear(R);
    ng_ness_model_clear(D);
    ng_model_clear(M);
    ng_test_model_of_case(M, &good);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    ng_ness_params_init(&p, 1e-6);
    assert_int_equal(ng_ness_solve(S, D, &p), NG_OK);
    if (!(S->trusted_digits >= 12 && S->cond_est < 1e4))
        fail_msg("well-conditioned case flagged: %d digits, condition %g", S->trusted_digits,
                 S->cond_est);
    ng_ness_clear(S);
    ng_ness_model_clear(D);
    ng_model_clear(M);
}

static void test_fit_order(void **state)
{
    double lam[] = {0.1, 0.01, 0.001}, err[] = {3e-2, 3e-4, 3e-6};
    (void)state;
    assert_true(fabs(ng_ness_fit_order(lam, err, 3) - 2.0) < 1e-12);
    assert_true(isnan(ng_ness_fit_order(lam, err, 1)));
}

/* A value with its own error estimate (report.h, estimate.c): the digits
 * floor(log10(|x|/err)), the rounding, and the four renderings of a value
 * with none.  Values worked by hand: 0.123456 ± 1e-4 supports 3 digits
 * (log10(1234.56) = 3.09) and reads 0.123; 1.7029950223e-5 ± 2.2e-14 supports
 * 8 (log10(7.7e8) = 8.9) and reads 1.7029950e-5. */
static void test_value_digits(void **state)
{
    char buf[NG_REPORT_DOUBLE_LEN], *l;
    (void)state;
    assert_int_equal(ng_report_supported_digits(0.123456, 1e-4), 3);
    assert_true(ng_report_double_rounded(0.123456, 1e-4, 0) == 0.123);
    assert_true(ng_report_double_rounded(1.7029950223e-5, 2.2e-14, 0) == 1.702995e-5);
    assert_true(ng_report_double_rounded(0.123456789, 1e-12, 4) == 0.1235);
    assert_string_equal(ng_report_double_err_str(buf, 0.123456, 1e-4, 10), "0.123");
    assert_int_equal(ng_report_supported_digits(1e-8, 1e-8), 0); /* |x| = err: none */
    assert_true(isnan(ng_report_double_rounded(1e-8, 2e-8, 0)));
    assert_string_equal(ng_report_double_err_str(buf, 1e-8, 2e-8, 10), "noise");
    l = ng_report_latex_double_err(1e-8, 2e-8, 10);
    assert_string_equal(l, "\\text{--}");
    flint_free(l);
    assert_int_equal(ng_report_supported_digits(0.5, 0.0), 16);
    assert_int_equal(ng_report_supported_digits(0.0, 1e-3), 0);
    assert_int_equal(ng_report_supported_digits(NAN, 1e-3), 0);
}

/* ng_ness_sweep_t (`ness sweep`): tilted Ising N = 3 at λ = 0.02 … 0.0025
 * against the certified series.  Each added term raises the fitted order of
 * max_l |t_l − Σ_{m≤k} λ^m t_l^(m)| by one (1, 2, 3), and the heat current J_L/λ² against J^[2] + λJ^[3] + λ²J^[4] likewise
 * (orders ≥ 0.9, 1.9, 2.9: a small J^[3] may steepen the first); J_L + J_R
 * balances to the double floor. */
static void test_sweep(void **state)
{
    static const double lam[] = {0.02, 0.01, 0.005, 0.0025};
    ng_test_model_case c = {"tilted-ising", 3, {NULL}, {NULL}};
    ng_model_t M;
    ng_ness_model_t D;
    ng_ness_probes_t P;
    ng_ness_sweep_t W;
    (void)state;
    ng_test_model_of_case(M, &c);
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    assert_int_equal(ng_ness_probes_init(P, M, NULL, 0), NG_OK);
    assert_int_equal(ng_ness_sweep_init(W, M), NG_OK);
    assert_int_equal(W->order, 2);
    assert_null(W->rho0); /* θ = π/4: Ker L0's ranks are not decided (rho0 is
                           * test_converges_to_rho0's) */
    for (int k = 0; k < 4; k++) {
        ng_ness_params p;
        ng_ness_point_t X;
        ng_ness_point_init(X);
        ng_ness_params_init(&p, lam[k]);
        assert_int_equal(ng_ness_point_solve(X, D, P, &p), NG_OK);
        ng_ness_sweep_add(W, X);
        ng_ness_point_clear(X);
        assert_true(W->Jsum[k] < 1e-10);
    }
    for (int m = 0; m <= 2; m++) {
        double pt = ng_ness_sweep_fit(W, W->err[m]), pj = ng_ness_sweep_fit(W, W->Jerr[m]);
        if (!(fabs(pt - (m + 1)) < 0.15 && pj > m + 0.9))
            fail_msg("term %d: fitted orders %g (t), %g (J_L)", m, pt, pj);
    }
    ng_ness_sweep_clear(W);
    ng_ness_probes_clear(P);
    ng_ness_model_clear(D);
    ng_model_clear(M);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_order),
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_value_digits),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_two_spin_paper),
        cmocka_unit_test(test_dense_agrees),
        cmocka_unit_test(test_sector_basis),
        cmocka_unit_test(test_converges_to_rho0),
        cmocka_unit_test(test_small_lambda_vs_series),
        cmocka_unit_test(test_honesty_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
