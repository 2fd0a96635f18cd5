/* The P0 L1 tables (p0l1.h) against the paper's statements, derived here from
 * the model's own α entries: Eqs. 87–95 on the basis of Eq. 81, and Eq. 121
 * (with Eqs. 122–123) on chains of 2–4 spins with symbolic t_l.  The signs
 * were confirmed independently by the dense 4×4 route of t-superop. */
#include "ng_test.h"

#include <string.h>

#include "nessgen/p0l1.h"

/* The generic model (every α_jk and mean field a symbol) with t1..tN added. */
static void generic_model(ng_model_t M, int N)
{
    ng_model_spec *spec = ng_model_spec_new();
    char n[16];
    const char *t[4] = {"t1", "t2", "t3", "t4"};
    snprintf(n, sizeof n, "%d", N);
    assert_int_equal(ng_model_spec_set_preset(spec, "generic"), NG_OK);
    assert_int_equal(ng_model_spec_set(spec, "N", n), NG_OK);
    assert_int_equal(ng_model_spec_add_symbols(spec, t, N), NG_OK);
    assert_int_equal(ng_model_resolve(M, spec, 128), NG_OK);
    assert_int_equal(M->R->kind, NG_QQ_PARAMS);
    ng_model_spec_free(spec);
}

/* Index of a name in the Eq. 81 basis. */
static slong idx(const ng_named_basis_t B, const char *name)
{
    for (slong i = 0; i < B->length; i++)
        if (strcmp(B->names[i], name) == 0)
            return i;
    fail_msg("no basis element %s", name);
    return -1;
}

static void assert_entry(const ng_p0l1_table_t T, int le, slong i, slong j, ng_srcptr want,
                         const ng_ring_t R)
{
    ng_srcptr got = ng_vec_srcentry(le ? T->le : T->li, i * T->n + j, R);
    if (ng_elem_equal(got, want, R) != T_TRUE) {
        ng_test_print_elem("got", got, R);
        ng_test_print_elem("want", want, R);
        fail_msg("P0 L_%s table entry (%ld, %ld)", le ? "E" : "I", (long)i, (long)j);
    }
}

/* Eqs. 87–95: the only nonzero entries are ±2α_+ (L_I: ρ^B ↔ ρ^C) and
 * ∓2Δα^z (L_E: ρ^A ↔ ρ^B). */
static void test_two_spin_table(void **state)
{
    (void)state;
    ng_model_t M;
    ng_superop_ctx_t L;
    ng_named_basis_t B;
    ng_p0l1_table_t T;
    generic_model(M, 2);
    const ng_ring_struct *R = M->R;
    ng_ptr ap = ng_elem_new(R), daz = ng_elem_new(R), want = ng_elem_new(R);
    ng_named_basis_init(B);
    ng_kernel_basis_two_spin(B, R);
    ng_superop_ctx_init(L, M);
    ng_p0l1_table_init(T, B->length, R);
    assert_int_equal(ng_p0l1_table_compute(T, B, L), NG_OK);
    ng_model_alpha_plus(ap, M);
    ng_model_delta_alpha_z(daz, M);
    slong A = idx(B, "rhoA"), Bb = idx(B, "rhoB"), C = idx(B, "rhoC");
    for (slong i = 0; i < 6; i++)
        for (slong j = 0; j < 6; j++)
            for (int le = 0; le < 2; le++) {
                ng_elem_zero(want, R);
                if (!le && i == Bb && j == C)
                    ng_elem_mul_si(want, ap, 2, R); /* Eq. 89 */
                if (!le && i == C && j == Bb)
                    ng_elem_mul_si(want, ap, -2, R); /* Eq. 90 */
                if (le && i == A && j == Bb)
                    ng_elem_mul_si(want, daz, -2, R); /* Eq. 93 */
                if (le && i == Bb && j == A)
                    ng_elem_mul_si(want, daz, 2, R); /* Eq. 94 */
                assert_entry(T, le, i, j, want, R);
            }
    ng_p0l1_table_clear(T, R);
    ng_superop_ctx_clear(L);
    ng_named_basis_clear(B, R);
    ng_elem_free(ap, R);
    ng_elem_free(daz, R);
    ng_elem_free(want, R);
    ng_model_clear(M);
}

/* The superoperator assembled as a matrix on the basis (superop.h) is the
 * table read by columns: A[j][i] = li[i][j] + le[i][j], for N = 2 and 3. */
static void test_matrix_is_table(void **state)
{
    (void)state;
    for (int N = 2; N <= 3; N++) {
        ng_model_t M;
        ng_superop_ctx_t L;
        ng_named_basis_t B;
        ng_p0l1_table_t T;
        ng_sparse_mat_t S;
        ng_mat_t A;
        generic_model(M, N);
        const ng_ring_struct *R = M->R;
        ng_ptr sum = ng_elem_new(R);
        ng_named_basis_init(B);
        if (N == 2)
            ng_kernel_basis_two_spin(B, R);
        else
            assert_int_equal(ng_kernel_basis(B, N, R), NG_OK);
        ng_superop_ctx_init(L, M);
        ng_p0l1_table_init(T, B->length, R);
        assert_int_equal(ng_p0l1_table_compute(T, B, L), NG_OK);
        ng_sparse_mat_init(S, 0, 0, R);
        assert_int_equal(ng_superop_matrix(S, ng_superop_l1, 1, B, L), T_TRUE);
        ng_mat_init(A, 0, 0, R);
        ng_sparse_mat_to_dense(A, S, R);
        for (slong i = 0; i < B->length; i++)
            for (slong j = 0; j < B->length; j++) {
                ng_elem_add(sum, ng_vec_entry(T->li, i * T->n + j, R),
                            ng_vec_entry(T->le, i * T->n + j, R), R);
                assert_true(ng_elem_equal(ng_mat_entry(A, j, i, R), sum, R) == T_TRUE);
            }
        ng_mat_clear(A, R);
        ng_sparse_mat_clear(S, R);
        ng_p0l1_table_clear(T, R);
        ng_superop_ctx_clear(L);
        ng_named_basis_clear(B, R);
        ng_elem_free(sum, R);
        ng_model_clear(M);
    }
}

/* Eq. 121 on every bond of N = 2, 3, 4 spins: the two-site factor is
 * (t_{l+1} − t_l)/4 · α_+ · ρ^B and nothing else; Eqs. 122–123 hold. */
static void test_eq121(void **state)
{
    (void)state;
    for (int N = 2; N <= 4; N++) {
        ng_model_t M;
        ng_superop_ctx_t L;
        ng_named_basis_t B2;
        generic_model(M, N);
        const ng_ring_struct *R = M->R;
        ng_ptr t = ng_vec_init(N, R), coeffs = ng_vec_init(6, R);
        ng_ptr ap = ng_elem_new(R), want = ng_elem_new(R);
        ng_named_basis_init(B2);
        ng_kernel_basis_two_spin(B2, R);
        ng_superop_ctx_init(L, M);
        ng_model_alpha_plus(ap, M);
        for (int l = 0; l < N; l++) {
            char name[8];
            snprintf(name, sizeof name, "t%d", l + 1);
            ng_elem_gen(ng_vec_entry(t, l, R), ng_ring_param_index(R, name), R);
        }
        for (int l = 0; l + 1 < N; l++) {
            assert_int_equal(ng_p0l1_ple_bond(coeffs, l, t, B2, L), T_TRUE);
            for (slong j = 0; j < 6; j++) {
                ng_elem_zero(want, R);
                if (j == idx(B2, "rhoB")) {
                    ng_elem_sub(want, ng_vec_entry(t, l + 1, R), ng_vec_entry(t, l, R), R);
                    ng_elem_mul(want, want, ap, R);
                    ng_elem_div_si(want, want, 4, R);
                }
                assert_true(ng_elem_equal(ng_vec_entry(coeffs, j, R), want, R) == T_TRUE);
            }
        }
        assert_int_equal(ng_p0l1_ple_edges_vanish(t, L), T_TRUE);
        assert_int_equal(ng_p0l1_ple_one_site_vanish(t, L), T_TRUE);
        ng_superop_ctx_clear(L);
        ng_named_basis_clear(B2, R);
        ng_vec_clear(t, N, R);
        ng_vec_clear(coeffs, 6, R);
        ng_elem_free(ap, R);
        ng_elem_free(want, R);
        ng_model_clear(M);
    }
}

/* A product state is Eq. 101's combination: ρ_LE ⊗ ρ_LE has trace 1 and
 * local magnetisation −t_l (Eq. 100). */
static void test_product_state(void **state)
{
    (void)state;
    ng_model_t M;
    generic_model(M, 3);
    const ng_ring_struct *R = M->R;
    ng_ptr t = ng_vec_init(3, R), re = ng_elem_new(R), im = ng_elem_new(R);
    ng_op_t rho, Z;
    ng_op_init(rho, 3, NG_PAULI, R);
    ng_op_init(Z, 3, NG_PAULI, R);
    for (int l = 0; l < 3; l++) {
        char name[8];
        snprintf(name, sizeof name, "t%d", l + 1);
        ng_elem_gen(ng_vec_entry(t, l, R), ng_ring_param_index(R, name), R);
    }
    ng_product_local_equilibrium(rho, t, 3, R);
    ng_op_trace(re, im, rho, R);
    {
        ng_ptr one = ng_elem_new(R);
        ng_elem_one(one, R);
        assert_true(ng_elem_equal(re, one, R) == T_TRUE);
        for (int l = 0; l < 3; l++) {
            ng_string z = {0, UINT64_C(1) << l};
            ng_op_zero(Z, R);
            ng_op_push(Z, z, 0, one, R);
            ng_op_mul(Z, Z, rho, R);
            ng_op_trace(re, im, Z, R);
            ng_elem_neg(re, re, R);
            assert_true(ng_elem_equal(re, ng_vec_entry(t, l, R), R) == T_TRUE);
        }
        ng_elem_free(one, R);
    }
    ng_op_clear(rho, R);
    ng_op_clear(Z, R);
    ng_vec_clear(t, 3, R);
    ng_elem_free(re, R);
    ng_elem_free(im, R);
    ng_model_clear(M);
}

/* The result object of `table p0l1` (ng_p0l1_derivation_t): its parts agree
 * with the stand-alone routines' statements above (Eq. 121's factor
 * α_+(t_{l+1} − t_l)/4 on ρ^B, Eqs. 122–123) and, for N = 2, Eq. 101's
 * coefficients rebuild ρ_PLE; a model without t1..tN or with balls is
 * refused as bad input. */
static void test_derivation(void **state)
{
    (void)state;
    for (int N = 2; N <= 3; N++) {
        ng_model_spec *spec = ng_model_spec_new();
        ng_model_t M;
        ng_p0l1_derivation_t D;
        char n[8];
        snprintf(n, sizeof n, "%d", N);
        assert_int_equal(ng_model_spec_set_preset(spec, "generic"), NG_OK);
        assert_int_equal(ng_model_spec_set(spec, "N", n), NG_OK);
        assert_int_equal(ng_p0l1_spec_add_site_symbols(spec, N), NG_OK);
        assert_int_equal(ng_model_resolve(M, spec, 128), NG_OK);
        ng_model_spec_free(spec);
        assert_int_equal(ng_p0l1_derivation_init(D, M), NG_OK);
        const ng_ring_struct *R = M->R;
        ng_ptr want = ng_elem_new(R);
        assert_int_equal(D->bonds_ok, T_TRUE);
        assert_int_equal(D->edges_vanish, T_TRUE);
        assert_int_equal(D->one_site_vanish, T_TRUE);
        for (int l = 0; l + 1 < N; l++)
            for (slong j = 0; j < 6; j++) {
                ng_elem_zero(want, R);
                if (j == idx(D->B2, "rhoB")) {
                    ng_elem_sub(want, ng_vec_entry(D->t, l + 1, R), ng_vec_entry(D->t, l, R), R);
                    ng_elem_mul(want, want, D->alpha_plus, R);
                    ng_elem_div_si(want, want, 4, R);
                }
                assert_true(ng_elem_equal(ng_vec_entry(D->bonds, 6 * l + j, R), want, R) ==
                            T_TRUE);
            }
        if (N == 2) {
            ng_op_t rho, sum;
            ng_op_init(rho, 2, NG_PAULI, R);
            ng_op_init(sum, 2, NG_PAULI, R);
            ng_product_local_equilibrium(rho, D->t, 2, R);
            for (slong j = 0; j < D->B->length; j++)
                ng_op_addmul(sum, D->B->ops + j, ng_vec_entry(D->ple_coeffs, j, R), R);
            assert_int_equal(ng_op_equal(sum, rho, R), T_TRUE);
            ng_op_clear(rho, R);
            ng_op_clear(sum, R);
        }
        ng_elem_free(want, R);
        ng_p0l1_derivation_clear(D);
        ng_model_clear(M);
    }
    {
        ng_model_t M;
        ng_p0l1_derivation_t D;
        ng_test_model(M, NULL, "generic", 2, NULL); /* exact, but no t1, t2 */
        assert_int_equal(M->R->kind, NG_QQ_PARAMS);
        assert_int_equal(ng_p0l1_derivation_init(D, M), NG_EINPUT);
        ng_p0l1_derivation_clear(D);
        ng_model_clear(M);
        ng_test_model(M, NULL, "tilted-ising", 2, NULL);
        assert_int_equal(M->R->kind, NG_BALL);
        assert_int_equal(ng_p0l1_derivation_init(D, M), NG_EINPUT);
        ng_p0l1_derivation_clear(D);
        ng_model_clear(M);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_spin_table),
        cmocka_unit_test(test_eq121),
        cmocka_unit_test(test_matrix_is_table),
        cmocka_unit_test(test_product_state),
        cmocka_unit_test(test_derivation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
