/* The results of rho0 and series (results.h), each key quantity two ways:
 * the λ² heat currents as ⟨D_ν†(H0)⟩_ρ0 and by the contact law
 * h Γ_ν (t_e − t_ν), exactly; an --observable value against the engine's
 * own observable (⟨Z_l⟩ = −t_l) and against the same operator written
 * differently; the series' sum at λ against Σ_m λ^m t_m summed here; and
 * the report of each as JSON. */
#include "ng_test.h"

#include <string.h>

#include "nessgen/nessgen.h"

static const char tilted_3_5[] =
    "{\"N\": 2, \"h\": 1, \"alpha\": {\"zz\": \"9/25\", \"xz\": \"-12/25\", \"xx\": \"16/25\"},"
    " \"baths\": {\"L\": {\"X\": {\"x\": \"-4/5\", \"z\": \"3/5\"}, \"Ybar\": \"-3/5*1/2\","
    " \"c\": 1, \"d\": 1, \"t\": \"1/2\"}, \"R\": {\"X\": {\"x\": \"-4/5\", \"z\": \"3/5\"},"
    " \"Ybar\": \"-3/5*1/4\", \"c\": 2, \"d\": 1, \"t\": \"1/4\"}}}";

static void test_rho0_exact(void **state)
{
    static const char *const exprs[] = {"Z1 Z3", "1/2*Z1 Z3 + 1/2*Z1 Z3", "Z2"};
    ng_model_t M;
    ng_user_obs_t U;
    ng_engine_opts o;
    ng_rho0_result_t r;
    ng_report_t rep;
    const ng_ring_struct *R;
    ng_ptr t;
    json_t *doc, *c;
    (void)state;
    ng_test_model(M, tilted_3_5, NULL, 3, NULL);
    assert_int_equal(ng_user_obs_init(U, exprs, 3, 3), NG_OK);
    ng_engine_opts_init(&o);
    assert_int_equal(ng_rho0_result_compute(r, M, &o, U, 15), NG_OK);
    R = r->res->R;
    assert_true(r->res->exact);
    for (int nu = 0; nu < 2; nu++) /* ⟨D_ν†(H0)⟩_ρ0 = h Γ_ν (t_e − t_ν) */
        assert_int_equal(ng_elem_equal(ng_vec_entry(r->J->J, nu, R),
                                       ng_vec_entry(r->newton, nu, R), R), T_TRUE);
    assert_int_equal(ng_elem_is_zero(r->J->sum, R), T_TRUE);
    assert_false(ng_elem_is_zero(ng_vec_entry(r->J->J, 0, R), R) == T_TRUE);
    /* linearity, exactly; ⟨Z_2⟩ = −t_2 */
    assert_int_equal(ng_elem_equal(r->vals->v[0], r->vals->v[1], r->vals->R + 0), T_TRUE);
    t = ng_elem_new(R);
    ng_elem_neg(t, ng_vec_entry(r->res->obs->t, 1, R), R);
    assert_int_equal(r->vals->R[2].kind, R->kind); /* a rational state keeps it exact */
    assert_int_equal(ng_elem_equal(r->vals->v[2], t, r->vals->R + 2), T_TRUE);
    ng_elem_free(t, R);
    /* the report's JSON carries the same exact values */
    ng_report_init(rep, "rho0", NULL, NULL, 15);
    ng_rho0_result_report(rep, r, M);
    doc = ng_report_to_json(rep);
    c = json_object_get(doc, "currents");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(c, "J_L"), "exact")),
        json_string_value(json_object_get(
            json_object_get(json_array_get(json_object_get(c, "contact_law"), 0),
                            "h_Gamma_dt"),
            "exact")));
    assert_int_equal(json_array_size(json_object_get(doc, "observables")), 3);
    assert_int_equal(json_array_size(json_object_get(doc, "sites")), 3);
    json_decref(doc);
    ng_report_clear(rep);
    ng_rho0_result_clear(r);
    ng_user_obs_clear(U);
    ng_model_clear(M);
}

static void test_series_sum(void **state)
{
    static const char *const exprs[] = {"Z1"};
    ng_model_t M;
    ng_user_obs_t U;
    ng_engine_opts o;
    ng_series_result_t r;
    ng_report_t rep;
    const ng_ring_struct *R;
    arb_t lam, s, x;
    json_t *doc;
    (void)state;
    ng_test_model(M, NULL, "tilted-ising", 3, NULL);
    assert_int_equal(ng_user_obs_init(U, exprs, 1, 3), NG_OK);
    ng_engine_opts_init(&o);
    assert_int_equal(ng_series_result_compute(r, M, 2, &o, U, "1/10", 15), NG_OK);
    R = r->S->R;
    arb_init(lam);
    arb_init(s);
    arb_init(x);
    arb_set_si(lam, 1);
    arb_div_si(lam, lam, 10, 256);
    for (int l = 0; l < 3; l++) { /* Σ_m λ^m t_{m,l}, by powers here */
        arb_zero(s);
        for (int m = 0; m <= 2; m++) {
            arb_t p, tm;
            arb_init(p);
            arb_init(tm);
            arb_pow_ui(p, lam, m, 256);
            ng_elem_get_arb(tm, ng_vec_entry(r->S->obs[m].t, l, R), 256, R);
            arb_addmul(s, p, tm, 256);
            arb_clear(p);
            arb_clear(tm);
        }
        ng_elem_get_arb(x, ng_vec_entry(r->sum->t, l, R), 256, R);
        assert_true(arb_overlaps(x, s));
    }
    /* --observable Z1 at the sum is −t_1 of the sum */
    ng_elem_get_arb(x, r->sum_vals->v[0], 256, r->sum_vals->R + 0);
    ng_elem_get_arb(s, ng_vec_entry(r->sum->t, 0, R), 256, R);
    arb_neg(s, s);
    assert_true(arb_overlaps(x, s));
    /* the report: orders, currents per power of λ, one result at λ */
    ng_report_init(rep, "series", NULL, NULL, 15);
    ng_series_result_report(rep, r, M);
    doc = ng_report_to_json(rep);
    assert_int_equal(json_array_size(json_object_get(doc, "orders")), 3);
    assert_int_equal(json_array_size(json_object_get(doc, "currents")), 3);
    assert_int_equal(json_array_size(json_object_get(doc, "results")), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(json_object_get(json_array_get(
                                                json_object_get(doc, "results"), 0),
                                                            "lambda"),
                                            "value"),
                            "exact")),
                        "1/10");
    json_decref(doc);
    ng_report_clear(rep);
    arb_clear(lam);
    arb_clear(s);
    arb_clear(x);
    ng_series_result_clear(r);
    ng_user_obs_clear(U);
    ng_model_clear(M);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rho0_exact),
        cmocka_unit_test(test_series_sum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
