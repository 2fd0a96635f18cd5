/* The series ρ = Σ λ^m ρ_m with degenerate levels of P0 H1 P0 (series.c):
 * against the full Liouvillian (nessgen/numerics.h, double precision, an
 * independent code path) by the fitted convergence orders of t_l; ρ0
 * against the ρ0 routes; the λ → −λ symmetry of θ = π/2 (parity.c) on the
 * computed terms; and a degenerate model without that symmetry, whose odd
 * orders do not vanish. */
#include "ng_test.h"

#include <complex.h>
#include <math.h>

#include <arb.h>

#include "nessgen/engine.h"
#include "nessgen/numerics.h"

/* θ = π/2 with rational bath data: exact model, degenerate for N ≥ 4. */
static const char *const transverse[] = {"theta", "pi/2", "tL", "1/2", "tR", "1/3", NULL};

/* A degenerate model without the symmetry: α_xx = 1 and α_yz = α_zy = 1/2,
 * σ^x baths with mean fields.  U = Π_{l odd} σ^z_l flips one of the terms
 * σ^y_lσ^z_{l+1}, σ^z_lσ^y_{l+1} of each bond and not the other, so
 * U V U† ≠ ±V (ng_engine_odd_symmetry says so); t3 ≠ 0 (found with
 * `nessgen series`, confirmed by the full Liouvillian below). */
static const char no_symmetry[] =
    "{\"N\": 4, \"h\": 1, \"alpha\": {\"xx\": 1, \"yz\": \"1/2\", \"zy\": \"1/2\"},"
    " \"baths\": {\"L\": {\"X\": {\"x\": 1}, \"Ybar\": \"1/2\", \"c\": 1, \"d\": 1, \"t\": \"1/2\"},"
    " \"R\": {\"X\": {\"x\": 1}, \"Ybar\": \"1/3\", \"c\": 1, \"d\": 1, \"t\": \"1/4\"}}}";

#define NLAM 3
static const double lam[NLAM] = {0.02, 0.01, 0.005};

/* The certified series to order 3, checked for the degenerate path,
 * Tr ρ_m = 0 (Eq. 63) and Hermiticity; t[m][l] its midpoints. */
static void degenerate_series(ng_engine_series_t S, double t[4][8], ng_model_t M)
{
    ng_engine_opts o;
    ng_engine_opts_init(&o);
    o.digits = 20;
    o.keep_state = 1;
    if (ng_engine_series(S, M, 3, &o) != NG_OK)
        fail_msg("N = %d: %s", M->N, ng_error_message());
    assert_true(S->degenerate);
    assert_true(S->dim_p1 > (WORD(1) << M->N));
    assert_true(arb_contains_zero(S->max_trace) && mag_cmp_2exp_si(arb_radref(S->max_trace), -60) < 0);
    assert_true(arb_contains_zero(S->max_antiherm) &&
                mag_cmp_2exp_si(arb_radref(S->max_antiherm), -60) < 0);
    for (int m = 0; m <= 3; m++)
        for (int l = 0; l < M->N; l++)
            t[m][l] = ng_elem_get_d(ng_vec_srcentry(S->obs[m].t, l, S->R), S->R);
}

/* dist[k][i] = ‖ρ(λ_i) − Σ_{m≤k} λ_i^m ρ_m‖_HS (midpoints of the kept terms). */
static void state_distances(double dist[4][NLAM], int i, const double _Complex *rho,
                            const ng_engine_series_t S)
{
    slong n = acb_mat_nrows(S->rho);
    double d2[4] = {0, 0, 0, 0};
    for (slong a = 0; a < n; a++)
        for (slong b = 0; b < n; b++) {
            double _Complex s = 0;
            for (int k = 0; k < 4; k++) {
                acb_srcptr z = acb_mat_entry(S->rho + k, a, b);
                s += pow(lam[i], k) * (arf_get_d(arb_midref(acb_realref(z)), ARF_RND_NEAR) +
                                       I * arf_get_d(arb_midref(acb_imagref(z)), ARF_RND_NEAR));
                d2[k] += pow(cabs(rho[a + b * n] - s), 2);
            }
        }
    for (int k = 0; k < 4; k++)
        dist[k][i] = sqrt(d2[k]);
}

/* err[k][i] = max_l |t_l(λ_i) − Σ_{m≤k} λ_i^m t_m| with t_l(λ) from the full
 * Liouvillian (the solver must claim at least 11 digits), and the distances
 * of the states. */
static void errors_vs_liouvillian(double err[4][NLAM], double dist[4][NLAM], double t[4][8],
                                  const ng_engine_series_t E, ng_model_t M)
{
    ng_ness_model_t D;
    assert_int_equal(ng_ness_model_init(D, M), NG_OK);
    for (int i = 0; i < NLAM; i++) {
        ng_ness_params p;
        ng_ness_t S;
        ng_ness_obs_t O;
        ng_ness_init(S);
        ng_ness_params_init(&p, lam[i]);
        if (ng_ness_solve(S, D, &p) != NG_OK || !S->converged || S->trusted_digits < 11)
            fail_msg("N = %d lambda %g: numerics (%d digits) %s", M->N, lam[i],
                     S->trusted_digits, ng_error_message());
        ng_ness_obs_init(O, S->rho, D);
        state_distances(dist, i, S->rho, E);
        for (int k = 0; k < 4; k++) {
            err[k][i] = 0;
            for (int l = 0; l < M->N; l++) {
                double s = 0;
                for (int m = k; m >= 0; m--)
                    s = s * lam[i] + t[m][l];
                err[k][i] = fmax(err[k][i], fabs(O->t[l] - s));
            }
        }
        ng_ness_obs_clear(O);
        ng_ness_clear(S);
    }
    ng_ness_model_clear(D);
}

static void assert_order(const double *err, double expect, double tol, int N, const char *what)
{
    double p = ng_ness_fit_order(lam, err, NLAM);
    if (!(fabs(p - expect) <= tol))
        fail_msg("N = %d: fitted order of the error of %s is %.4f, expected %g "
                 "(errors %.3e %.3e %.3e)", N, what, p, expect, err[0], err[1], err[2]);
}

/* The whole state: ‖ρ(λ) − Σ_{m≤k} λ^m ρ_m‖ falls like λ^{k+1}, k = 0..3
 * (every term, coherences within the clusters included, is checked, not
 * only the t_l that the symmetry makes blind to ρ1 and ρ3). */
static void assert_states(double dist[4][NLAM], int N)
{
    static const char *const what[] = {"rho - rho0", "rho - rho0 - l rho1", "rho - .. - l^2 rho2",
                                       "rho - .. - l^3 rho3"};
    for (int k = 0; k < 4; k++)
        assert_order(dist[k], k + 1, 0.1, N, what[k]);
}

/* θ = π/2, N = 4..6: the error of ρ0, ρ0 + λρ1, ρ0 + λρ1 + λ²ρ2 against the
 * full Liouvillian falls like λ², λ², λ⁴ — ρ1 and ρ3 do not move t_l (the
 * symmetry), so every second term raises the order by two.  The leading
 * error of ρ0 is t2 itself: |err0/λ² − max|t2|| small.  ρ0 equals the ρ0
 * routes' (cluster or commutant) to the digits both certify. */
static void test_transverse_vs_liouvillian(void **state)
{
    (void)state;
    for (int N = 4; N <= 6; N++) {
        ng_model_t M;
        ng_engine_series_t S;
        ng_engine_rho0_t R0;
        ng_engine_opts o;
        double t[4][8], err[4][NLAM], dist[4][NLAM], t2max = 0;
        ng_test_model(M, NULL, "tilted-ising", N, transverse);
        degenerate_series(S, t, M);
        ng_engine_opts_init(&o);
        o.digits = 20;
        assert_int_equal(ng_engine_rho0(R0, M, &o), NG_OK);
        assert_true(R0->degenerate);
        assert_int_equal(R0->dim_p1, S->dim_p1);
        for (int l = 0; l < N; l++) {
            arb_t a;
            arb_init(a);
            ng_elem_get_arb(a, ng_vec_srcentry(R0->obs->t, l, R0->R), 128, R0->R);
            assert_true(arb_overlaps(a, ng_vec_srcentry(S->obs[0].t, l, S->R)));
            arb_clear(a);
            t2max = fmax(t2max, fabs(t[2][l]));
        }
        errors_vs_liouvillian(err, dist, t, S, M);
        assert_states(dist, N);
        assert_order(err[0], 2, 0.05, N, "rho0");
        assert_order(err[1], 2, 0.05, N, "rho0 + l rho1");
        assert_order(err[2], 4, 0.1, N, "rho0 + l rho1 + l^2 rho2");
        if (!(fabs(err[0][NLAM - 1] / (lam[NLAM - 1] * lam[NLAM - 1]) - t2max) < 0.01 * t2max))
            fail_msg("N = %d: err0/lambda^2 = %.6f, max|t2| = %.6f", N,
                     err[0][NLAM - 1] / (lam[NLAM - 1] * lam[NLAM - 1]), t2max);
        ng_engine_rho0_clear(R0);
        ng_engine_series_clear(S);
        ng_model_clear(M);
    }
}

/* parity.c on the degenerate series (N = 4, 5 at θ = π/2, orders 0..3): the
 * odd orders of t_l and the even orders of ⟨ρ^A⟩, ⟨ρ^B⟩ are balls around 0
 * far below the digits asked for, while t2 is not 0. */
static void test_transverse_odd_orders(void **state)
{
    (void)state;
    for (int N = 4; N <= 5; N++) {
        ng_model_t M;
        ng_engine_series_t S;
        double t[4][8];
        ng_test_model(M, NULL, "tilted-ising", N, transverse);
        assert_int_equal(ng_engine_odd_symmetry(M), T_TRUE);
        degenerate_series(S, t, M);
        for (int m = 0; m <= 3; m++) {
            const ng_engine_obs_struct *O = S->obs + m;
            for (int l = 0; l < N; l++) {
                arb_srcptr x = ng_vec_srcentry(O->t, l, S->R);
                if (m & 1)
                    assert_true(arb_contains_zero(x) && mag_cmp_2exp_si(arb_radref(x), -100) < 0);
            }
            for (int l = 0; !(m & 1) && l + 1 < N; l++) {
                assert_true(arb_contains_zero(ng_vec_srcentry(O->rho_a, l, S->R)));
                assert_true(arb_contains_zero(ng_vec_srcentry(O->rho_b, l, S->R)));
            }
        }
        assert_true(!arb_contains_zero(ng_vec_srcentry(S->obs[2].t, 0, S->R)));
        ng_engine_series_clear(S);
        ng_model_clear(M);
    }
}

/* A degenerate model without the symmetry (N = 4, 5): t3 is certified
 * nonzero, and the full Liouvillian confirms it: the error of ρ0 + … + λ²ρ2
 * falls like λ³ with coefficient max|t3|, that of ρ0 + … + λ³ρ3 like λ⁴. */
static void assert_odd_orders_vs_liouvillian(const char *json)
{
    for (int N = 4; N <= 5; N++) {
        ng_model_t M;
        ng_engine_series_t S;
        double t[4][8], err[4][NLAM], dist[4][NLAM], t3max = 0;
        int nonzero = 0;
        ng_test_model(M, json, NULL, N, NULL);
        assert_int_equal(ng_engine_odd_symmetry(M), T_FALSE);
        degenerate_series(S, t, M);
        for (int l = 0; l < N; l++) {
            nonzero |= !arb_contains_zero(ng_vec_srcentry(S->obs[3].t, l, S->R));
            t3max = fmax(t3max, fabs(t[3][l]));
        }
        assert_true(nonzero);
        errors_vs_liouvillian(err, dist, t, S, M);
        assert_states(dist, N);
        assert_order(err[2], 3, 0.1, N, "rho0 + .. + l^2 rho2");
        assert_order(err[3], 4, 0.1, N, "rho0 + .. + l^3 rho3");
        if (!(fabs(err[2][NLAM - 1] / pow(lam[NLAM - 1], 3) - t3max) < 0.05 * t3max))
            fail_msg("N = %d: err2/lambda^3 = %.6f, max|t3| = %.6f", N,
                     err[2][NLAM - 1] / pow(lam[NLAM - 1], 3), t3max);
        ng_engine_series_clear(S);
        ng_model_clear(M);
    }
}

static void test_odd_orders_exercised(void **state)
{
    (void)state;
    assert_odd_orders_vs_liouvillian(no_symmetry);
}

/* no_symmetry with irrational H1 (a ball model: α_xx = 1/√2, α_yz = α_zy =
 * √3/4, Ȳ_L = 1/√5): P0 H1 P0 = (1/√2) P0 (σ^xσ^x + σ^yσ^y)/2 P0 summed over
 * the bonds (the yz terms and the σ^x edge fields change the magnetisation),
 * a real multiple of a rational matrix, so its degenerate levels are decided
 * exactly by structure (structure.c) and the series takes the degenerate
 * path on the ball H1 — checked against the full Liouvillian as above. */
static const char irrational[] =
    "{\"N\": 4, \"h\": 1, \"alpha\": {\"xx\": \"1/sqrt(2)\", \"yz\": \"sqrt(3)/4\","
    " \"zy\": \"sqrt(3)/4\"}, \"baths\": {\"L\": {\"X\": {\"x\": 1}, \"Ybar\": \"1/sqrt(5)\","
    " \"c\": 1, \"d\": 1, \"t\": \"1/2\"}, \"R\": {\"X\": {\"x\": 1}, \"Ybar\": \"1/3\", \"c\": 1,"
    " \"d\": 1, \"t\": \"1/4\"}}}";

static void test_irrational_vs_liouvillian(void **state)
{
    ng_model_t M;
    (void)state;
    ng_test_model(M, irrational, NULL, 4, NULL);
    assert_int_equal(M->R->kind, NG_BALL); /* not an exact model */
    ng_model_clear(M);
    assert_odd_orders_vs_liouvillian(irrational);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transverse_vs_liouvillian),
        cmocka_unit_test(test_transverse_odd_orders),
        cmocka_unit_test(test_odd_orders_exercised),
        cmocka_unit_test(test_irrational_vs_liouvillian),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
