/* Eq. 150 (in the general form of Eq. 149) holds EXACTLY on the zeroth-order
 * state of rational models, N = 3..6, computed by the N-spin engine's exact
 * route: the tilted Ising chain at cosθ = 3/5, sinθ = 4/5 (Eqs. 104–110
 * written out through the generic preset) and the XXZ chain with boundary
 * fields of examples/xxz_boundary_fields.json.  Both sides are nonzero, so the
 * identity is not 0 = 0.  The printed Eq. 150 (the paper's bath put in)
 * holds for the first and fails for the second, whose boundary fields are
 * not α_ν^z = −α_zz t_ν. */
#include "ng_test.h"

#include "nessgen/engine.h"

static void tilted_rational(ng_model_t M, int N)
{
    /* α_zz = C², α_xz = −CS, α_xx = S², X_ν = Cσ^z − Sσ^x, Ȳ_ν = −C t_ν */
    static const char *const kv[] = {"alpha_zz", "9/25", "alpha_xz", "-12/25", "alpha_xx",
                                     "16/25", "alpha_xy", "0", "alpha_yy", "0", "alpha_yz",
                                     "0", "XL_x", "-4/5", "XL_z", "3/5", "XR_x", "-4/5",
                                     "XR_z", "3/5", "tL", "1/2", "tR", "1/4", "YbarL",
                                     "-3/10", "YbarR", "-3/20", "cL", "1", "cR", "1", "dL",
                                     "1", "dR", "1", "h", "1", NULL};
    ng_model_spec *spec = ng_model_spec_new();
    char n[16];
    snprintf(n, sizeof n, "%d", N);
    assert_int_equal(ng_model_spec_set_preset(spec, "generic"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "N", n), NG_OK);
    for (int i = 0; kv[i] != NULL; i += 2)
        assert_int_equal(ng_model_spec_set(spec, kv[i], kv[i + 1]), NG_OK);
    if (ng_model_resolve(M, spec, 128) != NG_OK)
        fail_msg("%s", ng_error_message());
    ng_model_spec_free(spec);
}

static void xxz_file(ng_model_t M, int N)
{
    ng_model_spec *spec = ng_model_spec_new();
    char n[16];
    snprintf(n, sizeof n, "%d", N);
    if (ng_model_spec_read_file(spec, SOURCE_ROOT "/examples/xxz_boundary_fields.json") !=
        NG_OK)
        fail_msg("%s", ng_error_message());
    assert_int_equal(ng_model_spec_set(spec, "N", n), NG_OK);
    assert_int_equal(ng_model_resolve(M, spec, 128), NG_OK);
    ng_model_spec_free(spec);
}

/* printed: whether the printed Eq. 150 (ng_engine_eq150_printed_rhs, the
 * paper's bath α_ν^z = −α_zz t_ν put in) must hold too. */
static void check(void (*make)(ng_model_t, int), const char *name, int printed)
{
    for (int N = 3; N <= 6; N++) {
        ng_model_t M;
        ng_engine_rho0_t res;
        ng_engine_opts o;
        make(M, N);
        assert_int_equal(M->R->kind, NG_QQ);
        ng_engine_opts_init(&o);
        o.route = NG_ENGINE_COMMUTANT;
        if (ng_engine_rho0(res, M, &o) != NG_OK)
            fail_msg("%s N = %d: %s", name, N, ng_error_message());
        assert_true(res->exact);
        ng_ptr lhs = ng_elem_new(res->R), rhs = ng_elem_new(res->R);
        assert_true(ng_engine_eq150(lhs, rhs, res->obs, M, res->R));
        if (ng_elem_equal(lhs, rhs, res->R) != T_TRUE) {
            ng_test_print_elem("lhs", lhs, res->R);
            ng_test_print_elem("rhs", rhs, res->R);
            fail_msg("Eq. 150 fails exactly for %s, N = %d", name, N);
        }
        assert_true(ng_elem_is_zero(lhs, res->R) == T_FALSE);
        ng_ptr prhs = ng_elem_new(res->R);
        assert_true(ng_engine_eq150_printed_rhs(prhs, res->obs, M, res->R));
        if (ng_elem_equal(lhs, prhs, res->R) != (printed ? T_TRUE : T_FALSE)) {
            ng_test_print_elem("lhs", lhs, res->R);
            ng_test_print_elem("printed rhs", prhs, res->R);
            fail_msg("the printed Eq. 150 %s for %s, N = %d", printed ? "fails" : "holds",
                     name, N);
        }
        ng_elem_free(prhs, res->R);
        ng_elem_free(lhs, res->R);
        ng_elem_free(rhs, res->R);
        ng_engine_rho0_clear(res);
        ng_model_clear(M);
    }
}

static void test_tilted(void **state)
{
    (void)state;
    check(tilted_rational, "tilted Ising, cos(theta) = 3/5", 1);
}

static void test_xxz_boundary_fields(void **state)
{
    (void)state;
    check(xxz_file, "XXZ with boundary fields", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tilted),
        cmocka_unit_test(test_xxz_boundary_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
