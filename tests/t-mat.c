/* Matrices over every ring, checked against FLINT's fmpq_mat (the independent
 * route) and, for balls, by containment of the exact answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <flint/fmpq_mat.h>

#include "nessgen/mat.h"

static void random_fmpq_mat(fmpq_mat_t A, slong rank, flint_rand_t state)
{
    /* a product of r×k and k×c factors has rank ≤ k (= k generically) */
    fmpq_mat_t U, V;
    fmpq_mat_init(U, fmpq_mat_nrows(A), rank);
    fmpq_mat_init(V, rank, fmpq_mat_ncols(A));
    fmpq_mat_randtest(U, state, 4);
    fmpq_mat_randtest(V, state, 4);
    fmpq_mat_mul(A, U, V);
    fmpq_mat_clear(U);
    fmpq_mat_clear(V);
}

/* FLINT 2.9 has no fmpq_mat_rank: clear denominators, use fmpz_mat_rank. */
static slong exact_rank(const fmpq_mat_t A)
{
    fmpz_mat_t Z;
    slong r;
    fmpz_mat_init(Z, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
    fmpq_mat_get_fmpz_mat_rowwise(Z, NULL, A);
    r = fmpz_mat_rank(Z);
    fmpz_mat_clear(Z);
    return r;
}

static void load(ng_mat_t B, const fmpq_mat_t A, const ng_ring_t R)
{
    ng_mat_init(B, fmpq_mat_nrows(A), fmpq_mat_ncols(A), R);
    for (slong i = 0; i < B->r; i++)
        for (slong j = 0; j < B->c; j++)
            ng_elem_set_fmpq(ng_mat_entry(B, i, j, R), fmpq_mat_entry(A, i, j), R);
}

static void test_rank_and_nullspace(void **state)
{
    (void)state;
    flint_rand_t rs;
    flint_randinit(rs);
    for (int iter = 0; iter < 200; iter++) {
        slong r = 1 + n_randint(rs, 6), c = 1 + n_randint(rs, 6);
        slong k = n_randint(rs, FLINT_MIN(r, c) + 1), rank, *piv = flint_malloc(8 * c);
        fmpq_mat_t A;
        ng_ring_t R;
        ng_mat_t B, X, AX;
        fmpq_mat_init(A, r, c);
        random_fmpq_mat(A, k, rs);
        for (int kind = 0; kind < 2; kind++) {
            if (kind == 0)
                ng_ring_init_qq(R);
            else
                ng_ring_init_params(R, (const char *const[]){"a"}, 1);
            load(B, A, R);
            ng_mat_init(X, 0, 0, R);
            ng_mat_init(AX, 0, 0, R);
            ng_mat_nullspace(X, B, R);
            assert_int_equal(X->c, c - exact_rank(A));
            ng_mat_mul(AX, B, X, R);
            assert_true(ng_mat_is_zero(AX, R) == T_TRUE);
            assert_true(ng_mat_rref(&rank, piv, B, R) == T_TRUE);
            assert_int_equal(rank, exact_rank(A));
            ng_mat_clear(AX, R);
            ng_mat_clear(X, R);
            ng_mat_clear(B, R);
            ng_ring_clear(R);
        }
        fmpq_mat_clear(A);
        flint_free(piv);
    }
    flint_randclear(rs);
}

static void test_solve_ball_contains_exact(void **state)
{
    (void)state;
    flint_rand_t rs;
    flint_randinit(rs);
    for (int iter = 0; iter < 200; iter++) {
        slong n = 1 + n_randint(rs, 6);
        fmpq_mat_t A, Bq, Xq;
        ng_ring_t Rb, Rq;
        ng_mat_t A1, B1, X1, A2, B2, X2;
        fmpq_mat_init(A, n, n);
        fmpq_mat_init(Bq, n, 2);
        fmpq_mat_init(Xq, n, 2);
        fmpq_mat_randtest(A, rs, 5);
        fmpq_mat_randtest(Bq, rs, 5);
        ng_ring_init_ball(Rb, 128);
        ng_ring_init_qq(Rq);
        load(A1, A, Rb);
        load(B1, Bq, Rb);
        load(A2, A, Rq);
        load(B2, Bq, Rq);
        ng_mat_init(X1, 0, 0, Rb);
        ng_mat_init(X2, 0, 0, Rq);
        if (fmpq_mat_solve_fraction_free(Xq, A, Bq)) {
            assert_true(ng_mat_solve(X2, A2, B2, Rq) == T_TRUE);
            for (slong i = 0; i < n; i++)
                for (slong j = 0; j < 2; j++)
                    assert_true(ng_elem_contains_fmpq(ng_mat_entry(X2, i, j, Rq),
                                                      fmpq_mat_entry(Xq, i, j), Rq));
            /* a ball solve either certifies and contains the truth, or gives up */
            if (ng_mat_solve(X1, A1, B1, Rb) == T_TRUE)
                for (slong i = 0; i < n; i++)
                    for (slong j = 0; j < 2; j++)
                        assert_true(ng_elem_contains_fmpq(ng_mat_entry(X1, i, j, Rb),
                                                          fmpq_mat_entry(Xq, i, j), Rb));
        } else {
            assert_true(ng_mat_solve(X2, A2, B2, Rq) == T_FALSE);
        }
        ng_mat_clear(A1, Rb);
        ng_mat_clear(B1, Rb);
        ng_mat_clear(X1, Rb);
        ng_mat_clear(A2, Rq);
        ng_mat_clear(B2, Rq);
        ng_mat_clear(X2, Rq);
        ng_ring_clear(Rb);
        ng_ring_clear(Rq);
        fmpq_mat_clear(A);
        fmpq_mat_clear(Bq);
        fmpq_mat_clear(Xq);
    }
    flint_randclear(rs);
}

static void test_sparse_matches_dense(void **state)
{
    (void)state;
    ng_ring_t R;
    ng_sparse_mat_t S;
    ng_mat_t D;
    ng_ptr one, x, y;
    ng_ring_init_qq(R);
    one = ng_elem_new(R);
    ng_elem_one(one, R);
    ng_sparse_mat_init(S, 3, 3, R);
    /* duplicates add up, and entries summing to zero disappear */
    ng_sparse_mat_push(S, 2, 1, one, R);
    ng_sparse_mat_push(S, 0, 0, one, R);
    ng_sparse_mat_push(S, 2, 1, one, R);
    ng_sparse_mat_push(S, 1, 2, one, R);
    ng_elem_neg(one, one, R);
    ng_sparse_mat_push(S, 1, 2, one, R);
    ng_sparse_mat_finish(S, R);
    assert_int_equal(S->nnz, 2);
    ng_mat_init(D, 0, 0, R);
    ng_sparse_mat_to_dense(D, S, R);
    x = ng_vec_init(3, R);
    y = ng_vec_init(3, R);
    for (int i = 0; i < 3; i++)
        ng_elem_set_si(ng_vec_entry(x, i, R), i + 1, R);
    ng_sparse_mat_mul_vec(y, S, x, R);
    /* y = (1·1, 0, 2·2) from the dense matrix */
    for (int i = 0; i < 3; i++) {
        ng_ptr acc = ng_elem_new(R);
        for (int j = 0; j < 3; j++)
            ng_elem_addmul(acc, ng_mat_entry(D, i, j, R), ng_vec_entry(x, j, R), R);
        assert_true(ng_elem_equal(acc, ng_vec_entry(y, i, R), R) == T_TRUE);
        ng_elem_free(acc, R);
    }
    ng_vec_clear(x, 3, R);
    ng_vec_clear(y, 3, R);
    ng_mat_clear(D, R);
    ng_sparse_mat_clear(S, R);
    ng_elem_free(one, R);
    ng_ring_clear(R);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rank_and_nullspace),
        cmocka_unit_test(test_solve_ball_contains_exact),
        cmocka_unit_test(test_sparse_matches_dense),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
