/* ng_engine_reference (engine.h): the weak-coupling reference of check and
 * ness sweep is the series ρ0, ρ1, ρ2 (simple levels, and degenerate ones
 * decided exactly: θ = π/2), ρ0 alone when the series cannot be computed; its t_l are those of the engine's own
 * series and ρ0 computed separately.  ng_engine_series_sum_obs is Σ λ^m t_m. */
#include "ng_test.h"

#include <math.h>

#include "nessgen/nessgen.h"

static void assert_t_equal(const double *t, const ng_engine_obs_struct *O, const ng_ring_t R)
{
    for (int l = 0; l < O->N; l++)
        assert_true(t[l] == ng_elem_get_d(ng_vec_srcentry(O->t, l, R), R));
}

static void test_simple_levels(void **state)
{
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_reference_t E;
    ng_engine_series_t S;
    ng_engine_obs_t O;
    double t[3], sum;
    ng_ptr lambda;
    (void)state;
    ng_test_model(M, NULL, "tilted-ising", 3, NULL);
    ng_engine_opts_init(&o);
    assert_int_equal(ng_engine_reference(E, M, &o), NG_OK);
    assert_int_equal(E->order, 2);
    assert_int_equal(ng_engine_series(S, M, 2, &o), NG_OK);
    for (int m = 0; m <= 2; m++) {
        ng_engine_reference_t_d(t, E, m);
        assert_t_equal(t, S->obs + m, S->R);
    }
    /* the sum at λ = 1/10 against Σ λ^m t_m in doubles */
    lambda = ng_elem_new(S->R);
    ng_elem_set_si(lambda, 1, S->R);
    ng_elem_div_si(lambda, lambda, 10, S->R);
    ng_engine_obs_init(O, 3, S->R);
    ng_engine_series_sum_obs(O, S, lambda);
    for (int l = 0; l < 3; l++) {
        sum = 0.0;
        for (int m = 2; m >= 0; m--)
            sum = sum * 0.1 + ng_elem_get_d(ng_vec_srcentry(S->obs[m].t, l, S->R), S->R);
        assert_true(fabs(ng_elem_get_d(ng_vec_srcentry(O->t, l, S->R), S->R) - sum) < 1e-15);
    }
    ng_engine_obs_clear(O, S->R);
    ng_elem_free(lambda, S->R);
    ng_engine_series_clear(S);
    ng_engine_reference_clear(E);
    ng_engine_reference_clear(E); /* clear twice is safe */
    ng_model_clear(M);
}

static void test_degenerate_levels(void **state)
{
    static const char *const kv[] = {"theta", "pi/2", NULL};
    ng_model_t M;
    ng_engine_opts o;
    ng_engine_reference_t E;
    ng_engine_rho0_t R0;
    double t[4];
    (void)state;
    ng_test_model(M, NULL, "tilted-ising", 4, kv);
    ng_engine_opts_init(&o);
    assert_int_equal(ng_engine_reference(E, M, &o), NG_OK);
    assert_int_equal(E->order, 2); /* the series' degenerate path (series.c) */
    assert_true(E->have_series && E->S->degenerate);
    assert_int_equal(ng_engine_rho0(R0, M, &o), NG_OK);
    ng_engine_reference_t_d(t, E, 0);
    for (int l = 0; l < 4; l++) /* ρ0 of the series and of rho0's route, to the digits */
        assert_true(fabs(t[l] - ng_elem_get_d(ng_vec_srcentry(R0->obs->t, l, R0->R), R0->R)) <
                    1e-14);
    ng_engine_reference_t_d(t, E, 1); /* odd orders vanish at θ = π/2 (parity.c) */
    for (int l = 0; l < 4; l++)
        assert_true(fabs(t[l]) < 1e-30);
    ng_engine_rho0_clear(R0);
    ng_engine_reference_clear(E);
    ng_model_clear(M);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_levels),
        cmocka_unit_test(test_degenerate_levels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
