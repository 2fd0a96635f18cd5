/* The checks of `nessgen verify` (verify.h) can fail: each new check is run
 * once on the code it guards and once with a deliberate error planted in
 * what it is given.  (The whole run is exercised by tests/cli/t-cli.sh.) */
#include "ng_test.h"

#include "nessgen/verify.h"

static ng_status doubled_inverse(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_status st = ng_superop_q0l0q0_inv(res, rho, L);
    ng_op_scalar_mul_si(res, res, 2, L->R);
    return st;
}

static ng_status negated_inverse(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_status st = ng_superop_q0l0q0_inv(res, rho, L);
    ng_op_neg(res, res, L->R);
    return st;
}

/* the inverse plus a piece of Ker L0 (its P0 part must vanish) */
static ng_status shifted_inverse(ng_op_t res, const ng_op_t rho, const ng_superop_ctx_t L)
{
    ng_status st = ng_superop_q0l0q0_inv(res, rho, L);
    ng_op_t Z;
    ng_op_init(Z, rho->nsites, NG_PAULI, L->R);
    ng_kernel_p0(Z, rho, L->R);
    ng_op_add(res, res, Z, L->R);
    ng_op_clear(Z, L->R);
    return st;
}

static void resolve(ng_model_t M, int N)
{
    ng_model_spec *spec = ng_model_spec_new();
    char n[8];
    snprintf(n, sizeof n, "%d", N);
    assert_int_equal(ng_model_spec_read_json(spec, ng_verify_boundary_field_model, "bf"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "N", n), NG_OK);
    assert_int_equal(ng_model_resolve(M, spec, 64), NG_OK);
    ng_model_spec_free(spec);
}

/* Eq. 44 is blind to 2G or −G in place of G = (Q0L0Q0)^{-1} (it is linear in
 * G and holds for G); the inverse check is not. */
static void test_inverse_check_fails_on_planted_errors(void **state)
{
    ng_model_t M;
    slong n;
    (void)state;
    for (int N = 2; N <= 3; N++) {
        resolve(M, N);
        assert_true(ng_verify_q0l0q0_inverse(&n, M, ng_superop_q0l0q0_inv) == T_TRUE);
        assert_true(n > 0);
        assert_true(ng_verify_q0l0q0_inverse(&n, M, doubled_inverse) == T_FALSE);
        assert_true(ng_verify_q0l0q0_inverse(&n, M, negated_inverse) == T_FALSE);
        assert_true(ng_verify_q0l0q0_inverse(&n, M, shifted_inverse) == T_FALSE);
        ng_model_clear(M);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inverse_check_fails_on_planted_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
